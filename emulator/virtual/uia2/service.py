"""The AutomatorService methods uiautomator2 calls, answered from `AndroidSystem`.

State the Android model does not keep (clipboard, last toast, screen power, rotation lock,
an in-progress injected touch) lives here, for the life of one server process.
"""

from __future__ import annotations

import asyncio
import base64
import math
import time
from collections.abc import Callable
from typing import Any

from ..android.hierarchy import UiNode, dump_xml
from ..android.keys import KEYCODES
from ..android.render import encode, encode_image, render
from ..android.system import AndroidSystem
from ..android.ui import Rect
from . import selector as sel
from .jsonrpc import Method, RpcError, ui_object_not_found

Selector = sel.Selector

# pressKey(name) names, as the server's pressKey maps them
_KEY_NAMES = {
    "home": "HOME", "back": "BACK", "left": "DPAD_LEFT", "right": "DPAD_RIGHT",
    "up": "DPAD_UP", "down": "DPAD_DOWN", "center": "DPAD_CENTER", "menu": "MENU",
    "search": "SEARCH", "enter": "ENTER", "delete": "DEL", "del": "DEL",
    "recent": "APP_SWITCH", "volume_up": "VOLUME_UP", "volume_down": "VOLUME_DOWN",
    "volume_mute": "VOLUME_MUTE", "camera": "CAMERA", "power": "POWER",
}
_ORIENTATIONS = {"n": 0, "natural": 0, "l": 1, "left": 1, "r": 3, "right": 3}
_ACTION_DOWN, _ACTION_UP, _ACTION_MOVE = 0, 1, 2
_POLL_S = 0.05
_TOAST_CACHE_MS = 10_000


class AutomatorService:
    def __init__(self, system: AndroidSystem) -> None:
        self.system = system
        self.clipboard: str | None = None
        self.toast: tuple[str, float] | None = None  # text, time.time() shown
        self.screen_on = True
        self.rotation_frozen = False
        self._touch: tuple[float, float, bool] | None = None  # down x, y, moved beyond slop

    def methods(self) -> dict[str, Method]:
        names = [n for n in dir(self) if not n.startswith("_") and n != "methods"]
        return {n: getattr(self, n) for n in names if asyncio.iscoroutinefunction(getattr(self, n))}

    # ---- device ---------------------------------------------------------------------
    async def ping(self) -> str:
        return "pong"

    async def deviceInfo(self) -> dict[str, Any]:
        s = self.system
        with s.lock:
            screen = s.screen()
            package = s.foreground().package
        density = s.display.density
        return {
            "currentPackageName": package,
            "displayHeight": screen.height,
            "displayRotation": screen.rotation,
            "displaySizeDpX": round(screen.width * 160 / density),
            "displaySizeDpY": round(screen.height * 160 / density),
            "displayWidth": screen.width,
            "productName": s.props.get("ro.product.name", ""),
            "screenOn": self.screen_on,
            "sdkInt": int(s.props.get("ro.build.version.sdk", "0")),
            "naturalOrientation": screen.rotation in (0, 2),
        }

    async def wakeUp(self) -> None:
        self.screen_on = True

    async def sleep(self) -> None:
        self.screen_on = False

    async def isScreenOn(self) -> bool:
        return self.screen_on

    async def setOrientation(self, direction: str) -> None:
        rotation = _ORIENTATIONS.get(direction.lower())
        if rotation is None:
            return  # like the real server: other names (e.g. "upsidedown") are ignored
        self.system.set_rotation(rotation)
        self.rotation_frozen = True

    async def freezeRotation(self, freeze: bool = True) -> None:
        self.rotation_frozen = bool(freeze)

    async def waitForIdle(self, timeout: int = 0) -> None:
        return None

    async def waitForWindowUpdate(self, package: str | None = None, timeout: int = 0) -> bool:
        start = self.system.generation
        return await self._until(lambda: self.system.generation != start, timeout)

    # ---- screen content -------------------------------------------------------------
    async def dumpWindowHierarchy(self, compressed: bool = False, max_depth: int = 50,
                                  root_in_active: bool | None = None) -> str:
        # Compressed hierarchies drop views unimportant for accessibility; the model has none.
        return await asyncio.to_thread(
            lambda: dump_xml(self.system.screen(), int(max_depth), active_only=bool(root_in_active)))

    async def takeScreenshot(self, scale: float = 1.0, quality: int = 80) -> str | None:
        def shoot() -> bytes:
            screen = self.system.screen()
            if scale == 1:
                return encode(screen, "jpeg", int(quality))
            image = render(screen)
            size = (max(1, round(image.width * scale)), max(1, round(image.height * scale)))
            return encode_image(image.resize(size), "jpeg", int(quality))
        jpeg = self.system.faults.screenshot(await asyncio.to_thread(shoot))
        return base64.b64encode(jpeg).decode("ascii")

    # ---- touches and keys -----------------------------------------------------------
    async def click(self, *args: Any) -> bool:
        """click(x, y), click(x, y, ms) (a long press), click(selector[, corner])."""
        if args and isinstance(args[0], dict):
            return await self._click_selector(*args)
        if len(args) not in (2, 3):
            raise TypeError("click(x, y[, milliseconds]) or click(selector[, corner])")
        x, y = float(args[0]), float(args[1])
        if x < 0 or y < 0:
            return False
        self.system.tap(x, y)
        return True

    async def longClick(self, selector: Selector, corner: str | None = None) -> bool:
        return await self._click_selector(selector, corner)

    async def clickAndWaitForNewWindow(self, selector: Selector, timeout: int = 5500) -> bool:
        before = self.system.foreground()
        await self._click_selector(selector)
        return await self._until(lambda: self.system.foreground() is not before, timeout)

    async def swipe(self, sx: float, sy: float, ex: float, ey: float, steps: int = 55) -> bool:
        return self._gesture([(sx, sy), (ex, ey)])

    async def drag(self, sx: float, sy: float, ex: float, ey: float, steps: int = 100) -> bool:
        return self._gesture([(sx, sy), (ex, ey)])

    async def swipePoints(self, points: list[float], steps: int = 100) -> bool:
        return self._gesture(list(zip(points[0::2], points[1::2])))

    async def injectInputEvent(self, action: int, x: float, y: float, meta_state: int = 0) -> bool:
        if action == _ACTION_DOWN:
            self._touch = (x, y, False)
        elif action == _ACTION_MOVE and self._touch is not None:
            dx, dy, moved = self._touch
            self._touch = (dx, dy, moved or not self._within_slop((dx, dy), (x, y)))
        elif action == _ACTION_UP and self._touch is not None:
            dx, dy, moved = self._touch
            self._touch = None
            if not moved and self._within_slop((dx, dy), (x, y)):
                self.system.tap(dx, dy)
        else:
            return False
        return True

    async def pressKey(self, key: str) -> bool:
        name = _KEY_NAMES.get(key.lower())
        return name is not None and self.system.press_key(KEYCODES["KEYCODE_" + name])

    async def pressKeyCode(self, code: int, meta_state: int = 0) -> bool:
        return self.system.press_key(int(code))

    async def openNotification(self) -> bool:
        return self.system.press_key(KEYCODES["KEYCODE_NOTIFICATION"])

    async def openQuickSettings(self) -> bool:
        return self.system.press_key(KEYCODES["KEYCODE_NOTIFICATION"])

    # ---- selectors ------------------------------------------------------------------
    async def exist(self, selector: Selector) -> bool:
        return bool(self._find_all(selector))

    async def count(self, selector: Selector) -> int:
        # count() always goes through UiSelector, which only sees the active window
        return len(self._find_all(selector, active_only=True))

    async def objInfo(self, selector: Selector) -> dict[str, Any]:
        return _obj_info(self._find(selector))

    async def objInfoOfAllInstances(self, selector: Selector) -> list[dict[str, Any]]:
        return [_obj_info(n) for n in self._find_all(selector, active_only=True)]

    async def waitForExists(self, selector: Selector, timeout: int = 0) -> bool:
        return await self._until(lambda: bool(self._find_all(selector)), timeout)

    async def waitUntilGone(self, selector: Selector, timeout: int = 0) -> bool:
        return await self._until(lambda: not self._find_all(selector), timeout)

    async def getText(self, selector: Selector) -> str:
        return self._find(selector).text

    async def setText(self, selector: Selector, text: str) -> bool:
        return self._set_text(self._find(selector), text or "")

    async def clearTextField(self, selector: Selector) -> None:
        self._set_text(self._find(selector), "")

    async def clearInputText(self) -> None:
        node = self._focused_editable()
        if node is not None:
            self._set_text(node, "")

    # ---- clipboard and toasts -------------------------------------------------------
    async def setClipboard(self, label: str | None, text: str) -> None:
        self.clipboard = text

    async def getClipboard(self) -> str | None:
        return self.clipboard

    async def pasteClipboard(self) -> None:
        node = self._focused_editable()
        if node is not None and self.clipboard:
            self._set_text(node, node.text + self.clipboard)

    async def makeToast(self, text: str, duration: float = 1000) -> bool:
        self.toast = (text, time.time())
        return True

    async def getLastToast(self, cache_duration: int = _TOAST_CACHE_MS) -> str | None:
        for window in reversed(self.system.screen().windows):
            if window.kind == "toast":
                texts = [v.text for v in window.root.walk() if v.text]
                if texts:
                    self.toast = (" ".join(texts), time.time())
                    break
        if self.toast is None or time.time() > self.toast[1] + cache_duration / 1000:
            return None
        return self.toast[0]

    async def clearLastToast(self) -> bool:
        self.toast = None
        return True

    async def getLastTraversedText(self) -> str | None:
        return None

    async def clearLastTraversedText(self) -> None:
        return None

    # ---- helpers --------------------------------------------------------------------
    def _find_all(self, selector: Selector, active_only: bool | None = None) -> list[UiNode]:
        try:
            return sel.find_all(self.system.screen(), selector, active_only)
        except sel.InvalidSelector as e:
            raise RpcError(-32602, "java.lang.IllegalArgumentException", str(e)) from e

    def _find(self, selector: Selector) -> UiNode:
        found = self._find_all(selector)
        if not found:
            raise ui_object_not_found(sel.describe(selector))
        return found[0]

    async def _click_selector(self, selector: Selector, corner: str | None = None) -> bool:
        b = self._find(selector).visible
        self.system.tap(*_corner_point(b, (corner or "center").lower()))
        return True

    def _focused_editable(self) -> UiNode | None:
        nodes = self._find_all({"mask": 0x020000, "focused": True})
        return next((n for n in nodes if _editable(n)), None)

    def _set_text(self, node: UiNode, text: str) -> bool:
        """Hand new text to the app that owns an editable view (its optional `on_text` hook)."""
        if not _editable(node):
            return False
        system = self.system
        with system.lock:
            app = system.apps.get(node.window.package)
            hook = getattr(app, "on_text", None)
            if hook is None:
                return False
            hook(system, system.foreground(), node.view, text)
        system.changed()
        return True

    def _gesture(self, points: list[tuple[float, float]]) -> bool:
        """A swipe that never leaves the touch slop is a tap, as on a real touchscreen."""
        if not points or any(x < 0 or y < 0 for x, y in points):
            return False
        if all(self._within_slop(points[0], p) for p in points):
            self.system.tap(*points[0])
        return True

    def _within_slop(self, a: tuple[float, float], b: tuple[float, float]) -> bool:
        return math.dist(a, b) <= self.system.dp(8)  # ViewConfiguration's touch slop

    async def _until(self, condition: Callable[[], bool], timeout_ms: float) -> bool:
        deadline = time.monotonic() + max(0.0, float(timeout_ms)) / 1000
        while True:
            if condition():
                return True
            if time.monotonic() >= deadline:
                return False
            await asyncio.sleep(_POLL_S)


def _editable(node: UiNode) -> bool:
    return "EditText" in node.view.cls


def _corner_point(b: Rect, corner: str) -> tuple[float, float]:
    if corner in ("tl", "topleft"):
        return b.left + 5, b.top + 5
    if corner in ("br", "bottomright"):
        return b.right - 5, b.bottom - 5
    return b.center


def _rect(r: Rect) -> dict[str, int]:
    return {"bottom": r.bottom, "left": r.left, "right": r.right, "top": r.top}


def _obj_info(node: UiNode) -> dict[str, Any]:
    """ObjInfo as the server serialises a UiObject2 (unset strings are null)."""
    v = node.view
    return {
        "bounds": _rect(node.visible),
        "childCount": sum(1 for _ in node.children()),
        "className": v.cls,
        "contentDescription": v.content_desc or None,
        "packageName": node.package,
        "resourceName": v.resource_id or None,
        "text": node.text or None,
        "visibleBounds": _rect(node.visible),
        "checkable": v.checkable,
        "checked": v.checked,
        "clickable": v.clickable,
        "enabled": v.enabled,
        "focusable": v.focusable,
        "focused": v.focused,
        "longClickable": v.long_clickable,
        "scrollable": v.scrollable,
        "selected": v.selected,
    }
