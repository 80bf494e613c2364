"""The console's asyncio listener: one ConsoleSession per TCP connection."""

from __future__ import annotations

import asyncio
import logging
from contextlib import suppress
from pathlib import Path
from typing import TYPE_CHECKING

from .auth import default_token_path, load_or_create_token
from .context import ConsoleConfig
from .protocol import ConsoleSession

if TYPE_CHECKING:
    from ..android.system import AndroidSystem

log = logging.getLogger(__name__)


async def start_console(system: AndroidSystem, host: str, port: int, *,
                        token_path: str | Path | None, avd_name: str) -> asyncio.base_events.Server:
    """Listen for console clients on host:port (port 0 picks a free one). The token file is
    created at start, like the emulator does, and read again for every connection."""
    path = Path(token_path) if token_path is not None else default_token_path()
    try:
        load_or_create_token(path)
    except OSError as e:
        # The emulator keeps running but refuses every console client.
        log.error("Unable to access '%s': emulator console will not work (%s)", path, e)

    async def serve(reader: asyncio.StreamReader, writer: asyncio.StreamWriter) -> None:
        try:
            if system.faults.refuse_console:
                return  # fault injection: closed before the greeting
            try:
                token = load_or_create_token(path)
            except OSError:
                return
            session = ConsoleSession(ConsoleConfig(avd_name, token, str(path)), system.sensors)
            writer.write(session.data_to_send())
            while not session.closed:
                data = await reader.read(4096)
                if not data:
                    break
                session.receive_data(data)
                writer.write(session.data_to_send())
                await writer.drain()
        except ConnectionError:
            pass
        finally:
            writer.close()
            with suppress(ConnectionError):
                await writer.wait_closed()

    return await asyncio.start_server(serve, host, port)
