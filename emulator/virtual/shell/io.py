"""What a running shell command sees: its output channels and its input.

The adb services map these onto a stream: `shell:` v1 and `exec:` merge stdout and stderr
into one byte stream; `shell,v2:` frames them separately and sends the exit code.
"""

from __future__ import annotations

from collections.abc import Awaitable, Callable
from dataclasses import dataclass

Writer = Callable[[bytes], Awaitable[None]]
Reader = Callable[[], Awaitable[bytes]]  # b'' at end of input


@dataclass(frozen=True)
class ShellIO:
    stdout: Writer
    stderr: Writer
    stdin: Reader


async def _no_input() -> bytes:
    return b""


def collecting_io() -> tuple[ShellIO, bytearray, bytearray]:
    """A ShellIO that keeps stdout and stderr in memory (tests, `$(…)`-free internal runs)."""
    out, err = bytearray(), bytearray()

    async def w_out(b: bytes) -> None:
        out.extend(b)

    async def w_err(b: bytes) -> None:
        err.extend(b)

    return ShellIO(w_out, w_err, _no_input), out, err
