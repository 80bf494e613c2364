"""The switches the device's hooks read: what the fault file currently asks for.

Everything here runs on the device's event loop, so no lock is needed."""

from __future__ import annotations

import asyncio

from .plan import Settings

CORRUPT_SPAN = 64  # bytes of the JPEG header overwritten: the marker chain breaks, the size stays


class Faults:
    def __init__(self) -> None:
        self.settings = Settings()
        self._rpc_left: int | None = None
        self._shots_left: int | None = None
        self._cut: str | None = None  # armed stream-cut prefix
        self._uia2: set[asyncio.Future[None]] = set()

    def configure(self, settings: Settings) -> None:
        self.settings = settings
        self._rpc_left, self._shots_left = settings.rpc_delay_count, settings.screenshot_count

    # ---- settings ---------------------------------------------------------------------
    @property
    def refuse_console(self) -> bool:
        return self.settings.refuse_console

    def rpc_delay(self) -> float:
        """Seconds to hold the RPC being answered (consumes one of a counted delay)."""
        if not self.settings.rpc_delay_s or self._rpc_left == 0:
            return 0.0
        if self._rpc_left is not None:
            self._rpc_left -= 1
        return self.settings.rpc_delay_s

    def screenshot(self, jpeg: bytes) -> bytes:
        how = self.settings.screenshot
        if how is None or self._shots_left == 0:
            return jpeg
        if self._shots_left is not None:
            self._shots_left -= 1
        if how == "truncated":
            return jpeg[: len(jpeg) // 2]
        return jpeg[:2] + b"\x00" * CORRUPT_SPAN + jpeg[2 + CORRUPT_SPAN:]

    # ---- one-shot actions -------------------------------------------------------------
    def arm_cut(self, prefix: str) -> None:
        self._cut = prefix

    def take_cut(self, service: str) -> bool:
        """Whether a stream of `service` about to send data is the one to cut (disarms)."""
        if self._cut is None or not service.startswith(self._cut):
            return False
        self._cut = None
        return True

    async def uia2_alive(self) -> None:
        """What a uiautomator2 server process waits on: returns when it is killed."""
        killed = asyncio.get_running_loop().create_future()
        self._uia2.add(killed)
        try:
            await killed
        finally:
            self._uia2.discard(killed)

    def kill_uia2(self) -> int:
        """Kill every running server; how many there were."""
        running = [f for f in self._uia2 if not f.done()]
        for f in running:
            f.set_result(None)
        return len(running)
