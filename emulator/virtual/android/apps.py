"""Apps installed on the device. The minimal set for the protocol layer: a launcher and one
demo app whose screen changes when tapped. The app description format comes later and plugs
in here as another `App`."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import TYPE_CHECKING

from .ui import Rect, View, Window

if TYPE_CHECKING:
    from .system import ActivityRecord, AndroidSystem


@dataclass
class App:
    package: str
    label: str
    launcher_activity: str | None
    version_name: str = "1.0"
    version_code: int = 1
    target_sdk: int = 34
    system: bool = False
    permissions: tuple[str, ...] = ()
    icon_color: tuple[int, int, int] = (66, 133, 244)
    state: dict = field(default_factory=dict)
    icon_shape: str = "circle"  # launcher icon mask: circle | squircle | square

    def render(self, device: AndroidSystem, activity: ActivityRecord, area: Rect) -> View:
        """The activity's content view laid out in `area`."""
        raise NotImplementedError

    def windows(self, device: AndroidSystem, activity: ActivityRecord, area: Rect) -> list[Window]:
        """The app's windows bottom to top: the activity, then any dialogs it shows."""
        return [Window(package=self.package, title=activity.component,
                       root=self.render(device, activity, area))]

    def on_action(self, device: AndroidSystem, activity: ActivityRecord, action: str) -> None:
        """A tap on a view whose `action` is set."""

    def on_back(self, device: AndroidSystem, activity: ActivityRecord) -> bool:
        """The back key while this app is in front; True when the app consumed it."""
        return False

    def advance(self, device: AndroidSystem, now: float) -> None:
        """Run what is due by monotonic time `now` (timers, sensor listeners). Called often
        and before every observation, so an app's state is always current when seen."""

    def next_deadline(self) -> float | None:
        """Monotonic time of this app's next timer, or None."""
        return None

    def on_stop(self) -> None:
        """The process was killed (force-stop): forget in-memory state."""
        self.state.clear()


ICON_RADIUS_DIVISOR = {"circle": 2, "squircle": 4, "square": 10}  # corner radius = icon size / n


class Launcher(App):
    """The home screen: an icon and label for every app with a launcher activity."""

    def __init__(self) -> None:
        super().__init__(package="com.android.launcher3", label="Quickstep",
                         launcher_activity="com.android.launcher3.uioverrides.QuickstepLauncher",
                         version_name="14", version_code=34, system=True)

    def render(self, device: AndroidSystem, activity: ActivityRecord, area: Rect) -> View:
        apps = [a for a in device.apps.values() if a.launcher_activity and a is not self]
        cols, icon = 4, device.dp(56)
        cell_w = area.width // cols
        cell_h = device.dp(96)
        top = area.top + device.dp(48)
        children = []
        for i, app in enumerate(sorted(apps, key=lambda a: a.label.lower())):
            row, col = divmod(i, cols)
            left = area.left + col * cell_w
            y = top + row * cell_h
            cell = Rect(left, y, left + cell_w, y + cell_h)
            ix = left + (cell_w - icon) // 2
            children.append(View(
                cls="android.widget.TextView", bounds=cell, package=self.package, text=app.label,
                content_desc=app.label, clickable=True, focusable=True, long_clickable=True,
                action=f"launch:{app.package}", text_size=device.dp(12), valign="bottom",
                color=(255, 255, 255),
                children=(View(cls="android.widget.ImageView", package=self.package,
                               bounds=Rect(ix, y + device.dp(8), ix + icon, y + device.dp(8) + icon),
                               background=app.icon_color,
                               corner_radius=icon // ICON_RADIUS_DIVISOR.get(app.icon_shape, 2)),),
            ))
        return View(cls="android.widget.FrameLayout", bounds=area, package=self.package,
                    resource_id="com.android.launcher3:id/workspace", background=(25, 60, 90),
                    children=tuple(children), color=(255, 255, 255))

    def on_action(self, device: AndroidSystem, activity: ActivityRecord, action: str) -> None:
        if action.startswith("launch:"):
            device.launch(action.removeprefix("launch:"))


class HelloApp(App):
    """A tiny app whose screen changes on a tap, for the protocol-level tests."""

    def __init__(self) -> None:
        super().__init__(package="com.example.hello", label="Hello",
                         launcher_activity="com.example.hello.MainActivity",
                         version_name="1.0.0", version_code=100, icon_color=(233, 30, 99))

    def render(self, device: AndroidSystem, activity: ActivityRecord, area: Rect) -> View:
        taps = self.state.get("taps", 0)
        pid = f"{self.package}:id/"
        w, dp = area.width, device.dp
        return View(
            cls="android.widget.FrameLayout", bounds=area, package=self.package,
            background=(250, 250, 250), resource_id="android:id/content",
            children=(
                View(cls="android.widget.TextView", package=self.package, resource_id=pid + "title",
                     text="Hello, device", bounds=Rect(0, area.top + dp(32), w, area.top + dp(80)),
                     text_size=dp(28)),
                View(cls="android.widget.TextView", package=self.package, resource_id=pid + "counter",
                     text=f"Taps: {taps}", bounds=Rect(0, area.top + dp(120), w, area.top + dp(160)),
                     text_size=dp(20)),
                View(cls="android.widget.Button", package=self.package, resource_id=pid + "button",
                     text="TAP ME", clickable=True, focusable=True, action="tap",
                     bounds=Rect(w // 4, area.top + dp(200), 3 * w // 4, area.top + dp(256)),
                     background=(233, 30, 99), color=(255, 255, 255), corner_radius=dp(4),
                     text_size=dp(16)),
            ),
        )

    def on_action(self, device: AndroidSystem, activity: ActivityRecord, action: str) -> None:
        if action == "tap":
            self.state["taps"] = self.state.get("taps", 0) + 1
