"""Where frames and hierarchies come from: uiautomator2's JPEG screenshot (fast: no decode,
no re-encode) with `screencap -p` over adb as the fallback."""

from __future__ import annotations

import base64
import binascii
from collections.abc import Callable
from typing import Protocol

from ..device.errors import DeviceError
from ..device.session import DeviceSession
from ..encoded import PNG_MAGIC, image_size

RPC_TIMEOUT_S = 5.0


class ScreenshotFailed(Exception):
    """Neither path gave a frame; the message is one line."""


class ScreenSource(Protocol):
    def grab(self) -> tuple[bytes, str, str]:
        """(encoded image, "jpeg"|"png", source name); ScreenshotFailed or DeviceError on failure."""
        ...


class HierarchySource(Protocol):
    def dump(self) -> str: ...


class DeviceScreen:
    """uiautomator2 `takeScreenshot(1, 80)` kept as the JPEG it arrives in, with `screencap -p`
    (PNG) for a frame the fast path failed; after `fallback_after` failures in a row the loop
    stays on screencap, trying the fast path again every `probe_every` frames. `on_error` is
    told why the fast path failed (the capture records it)."""

    def __init__(self, session: DeviceSession, fallback_after: int = 3, probe_every: int = 50,
                 on_error: Callable[[str], None] | None = None) -> None:
        self.session = session
        self.fallback_after, self.probe_every, self.on_error = fallback_after, probe_every, on_error
        self.fast_failures = 0  # in a row
        self.last_fast_error: str | None = None
        self._grabs = 0

    @property
    def on_fallback(self) -> bool:
        return self.fast_failures >= self.fallback_after

    def grab(self) -> tuple[bytes, str, str]:
        self._grabs += 1
        if not self.on_fallback or self._grabs % self.probe_every == 0:
            try:
                data = self._fast()
                self.fast_failures = 0
                return data, "jpeg", "uiautomator2"
            except DeviceError:
                raise
            except Exception as e:  # any uiautomator2/transport failure: try the other path
                self.fast_failures += 1
                self.last_fast_error = " ".join(f"{type(e).__name__}: {e}".split())
                if self.on_error is not None:
                    self.on_error(self.last_fast_error)
        return self._screencap(), "png", "screencap"

    def _fast(self) -> bytes:
        encoded = self.session.u2.jsonrpc.takeScreenshot(1, 80, http_timeout=RPC_TIMEOUT_S)
        if not encoded:
            raise ScreenshotFailed("uiautomator2 returned no screenshot")
        try:
            data = base64.b64decode(encoded, validate=True)
        except (binascii.Error, TypeError) as e:
            raise ScreenshotFailed(f"uiautomator2 screenshot is not base64: {e}") from None
        try:
            image_size(data)
        except ValueError as e:
            raise ScreenshotFailed(f"uiautomator2 screenshot: {e}") from None
        return data

    def _screencap(self) -> bytes:
        # no retry (the loop paces itself), no waiting for a lost device (the frames have a hole)
        data = self.session.adb_call("screencap", lambda: self.session.adb.shell(
            "screencap -p", encoding=None, timeout=RPC_TIMEOUT_S * 2), retry=False, recover=False)
        if not data.startswith(PNG_MAGIC):
            head = data[:60].decode("utf-8", "replace").strip() or "no output"
            raise ScreenshotFailed(f"screencap gave no PNG ({head})")
        return data


class DeviceHierarchy:
    def __init__(self, session: DeviceSession) -> None:
        self.session = session

    def dump(self) -> str:
        return self.session.dump_hierarchy(recover=False)
