"""Finding free local TCP ports the way the servers that will use them bind."""

from __future__ import annotations

import os
import random
import socket
from collections.abc import Sequence

# The emulator's own range: console on even ports 5554-5682, adbd on the odd port above.
EMULATOR_CONSOLE_PORTS = range(5554, 5684, 2)


class NoFreePort(RuntimeError):
    pass


def bindable(port: int, host: str = "127.0.0.1") -> bool:
    with socket.socket() as s:
        # Servers here bind with SO_REUSEADDR, so a port held only by TIME_WAIT is free to them.
        s.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
        try:
            s.bind((host, port))
            return True
        except OSError:
            return False


def free_port(candidates: Sequence[int], host: str = "127.0.0.1", span: int = 1) -> int:
    """The first candidate p where p … p+span-1 are all bindable."""
    for port in candidates:
        if all(bindable(p, host) for p in range(port, port + span)):
            return port
    raise NoFreePort(f"no free port in {min(candidates)}-{max(candidates)}")


def free_console_port(host: str = "127.0.0.1", scatter: bool = False) -> int:
    """The first even port N from 5554 with N and N+1 free, as the emulator picks. With
    `scatter`, the search starts at a random pair (and wraps), so processes that just lost a
    race for the same first free pair do not all race for the next one."""
    ports = EMULATOR_CONSOLE_PORTS
    if scatter:
        start = random.randrange(len(ports))
        ports = [*ports[start:], *ports[:start]]  # type: ignore[assignment]
    return free_port(ports, host, span=2)


def private_adb_server_port(host: str = "127.0.0.1") -> int:
    """A port for an adb server of our own, away from the user's 5037. Each xdist worker
    searches from its own start, so workers probing at the same moment never pick one port."""
    worker = os.environ.get("PYTEST_XDIST_WORKER", "")
    index = int(worker[2:]) if worker[:2] == "gw" and worker[2:].isdigit() else 0
    return free_port(range(15037 + 40 * (index % 20), 16037), host)
