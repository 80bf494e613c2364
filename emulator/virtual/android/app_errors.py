"""The framework package `android` and its "<app> isn't responding" dialog (AMS AppErrors):
a system window over everything but toasts and the bars, with `aerr_close` and `aerr_wait`."""

from __future__ import annotations

from typing import TYPE_CHECKING

from . import strings
from .apps import App
from .ui import Rect, View, Window

if TYPE_CHECKING:
    from .system import ActivityRecord, AndroidSystem

PACKAGE = "android"
DIM = (0, 0, 0, 153)


class AppErrors(App):
    def __init__(self) -> None:
        super().__init__(package=PACKAGE, label="Android System", launcher_activity=None,
                         version_name="14", version_code=34, system=True)
        self.not_responding: str | None = None  # package whose ANR dialog is up

    def system_windows(self, device: AndroidSystem) -> list[Window]:
        package = self.not_responding
        if package is None or package not in device.apps:
            return []
        dp, locale = device.dp, device.props.get("persist.sys.locale", "en-US")
        width, height = device.screen_size
        screen = Rect(0, 0, width, height)
        w, h = width - 2 * dp(40), dp(200)
        left, top = (width - w) // 2, (height - h) // 2
        button_h = dp(48)

        def button(i: int, rid: str, key: str) -> View:
            y = top + dp(96) + i * button_h
            return View(cls="android.widget.Button", package=PACKAGE, resource_id=f"android:id/{rid}",
                        text=strings.text(locale, key), clickable=True, focusable=True, align="left",
                        bounds=Rect(left + dp(8), y, left + w - dp(8), y + button_h),
                        color=(60, 60, 67), text_size=dp(16), action=rid)

        card = View(cls="android.widget.LinearLayout", package=PACKAGE, bounds=Rect(left, top, left + w, top + h),
                    background=(250, 250, 252), corner_radius=dp(24), children=(
                        View(cls="android.widget.TextView", package=PACKAGE, resource_id="android:id/alertTitle",
                             text=strings.text(locale, "anr_title", label=device.apps[package].label),
                             bounds=Rect(left + dp(24), top + dp(24), left + w - dp(24), top + dp(72)),
                             color=(27, 27, 31), text_size=dp(20), align="left"),
                        button(0, "aerr_close", "anr_close"),
                        button(1, "aerr_wait", "anr_wait"),
                    ))
        root = View(cls="android.widget.FrameLayout", package=PACKAGE, bounds=screen, background=DIM,
                    children=(card,))
        return [Window(PACKAGE, f"Application Not Responding: {package}", root, kind="dialog")]

    def on_action(self, device: AndroidSystem, activity: ActivityRecord, action: str) -> None:
        package, self.not_responding = self.not_responding, None
        if action == "aerr_close" and package is not None:
            device.kill_process(package, "user request after error")
