"""Where frames and hierarchies come from: uiautomator2's JPEG screenshot (fast: no decode,
no re-encode) with `screencap -p` over adb as the fallback."""

from __future__ import annotations

import base64
import binascii
from typing import Protocol

from ..device.errors import DeviceError
from ..device.session import DeviceSession

PNG_MAGIC = b"\x89PNG\r\n\x1a\n"
JPEG_MAGIC = b"\xff\xd8"
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
    """uiautomator2 `takeScreenshot(1, 80)` kept as the JPEG it arrives in; after
    `fallback_after` failures in a row the loop stays on `screencap -p` (PNG)."""

    def __init__(self, session: DeviceSession, fallback_after: int = 3) -> None:
        self.session = session
        self.fallback_after = fallback_after
        self.fast_failures = 0  # in a row
        self.last_fast_error: str | None = None

    @property
    def on_fallback(self) -> bool:
        return self.fast_failures >= self.fallback_after

    def grab(self) -> tuple[bytes, str, str]:
        if not self.on_fallback:
            try:
                data = self._fast()
                self.fast_failures = 0
                return data, "jpeg", "uiautomator2"
            except DeviceError:
                raise
            except Exception as e:  # any uiautomator2/transport failure: try the other path
                self.fast_failures += 1
                self.last_fast_error = f"{type(e).__name__}: {e}"
        return self._screencap(), "png", "screencap"

    def _fast(self) -> bytes:
        encoded = self.session.u2.jsonrpc.takeScreenshot(1, 80, http_timeout=RPC_TIMEOUT_S)
        if not encoded:
            raise ScreenshotFailed("uiautomator2 returned no screenshot")
        try:
            data = base64.b64decode(encoded, validate=True)
        except (binascii.Error, TypeError) as e:
            raise ScreenshotFailed(f"uiautomator2 screenshot is not base64: {e}") from None
        if not data.startswith(JPEG_MAGIC):
            raise ScreenshotFailed("uiautomator2 screenshot is not a JPEG")
        return data

    def _screencap(self) -> bytes:
        data = self.session.adb_call("screencap", lambda: self.session.adb.shell(
            "screencap -p", encoding=None, timeout=RPC_TIMEOUT_S * 2))
        if not data.startswith(PNG_MAGIC):
            head = data[:60].decode("utf-8", "replace").strip() or "no output"
            raise ScreenshotFailed(f"screencap gave no PNG ({head})")
        return data


class DeviceHierarchy:
    def __init__(self, session: DeviceSession) -> None:
        self.session = session

    def dump(self) -> str:
        return self.session.dump_hierarchy()
