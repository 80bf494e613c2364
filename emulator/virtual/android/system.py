"""AndroidSystem: the state behind every service — properties, display, packages, the activity
stack, processes, logcat, settings, sensors, files and device ports.

All mutations take the system lock and bump `generation`, so a screenshot or hierarchy dump is
always one consistent `Screen`.
"""

from __future__ import annotations

import hashlib
import itertools
import threading
import time
from collections import deque
from collections.abc import Callable
from dataclasses import dataclass

from ..fs import FileSystem
from ..network import DeviceNetwork
from .apps import App, HelloApp, Launcher
from .keys import KEYCODES
from .sensors import Sensors
from .ui import Rect, Screen, View, Window

SYSTEMUI = "com.android.systemui"


@dataclass(frozen=True)
class Display:
    width: int = 1080
    height: int = 2400
    density: int = 420  # dpi; 420 → 2.625 px per dp, like a Pixel 7 emulator


@dataclass
class ActivityRecord:
    package: str
    activity: str  # fully-qualified class name
    task_id: int
    started: float  # time.time()

    @property
    def component(self) -> str:
        """`pkg/.Short` form as dumpsys and logcat print it."""
        short = self.activity
        if short.startswith(self.package + "."):
            short = short[len(self.package):]
        return f"{self.package}/{short}"


@dataclass(frozen=True)
class Process:
    pid: int
    uid: int
    name: str
    started: float


@dataclass(frozen=True)
class LogEntry:
    time: float
    pid: int
    tid: int
    level: str  # V D I W E F
    tag: str
    message: str


class LogBuffer:
    """logcat's main buffer: bounded, clearable, with listeners for streaming readers."""

    def __init__(self, limit: int = 20000) -> None:
        self._entries: deque[LogEntry] = deque(maxlen=limit)
        self._listeners: list[Callable[[LogEntry], None]] = []
        self._lock = threading.Lock()

    def log(self, entry: LogEntry) -> None:
        with self._lock:
            self._entries.append(entry)
            listeners = list(self._listeners)
        for listener in listeners:
            listener(entry)

    def entries(self) -> list[LogEntry]:
        with self._lock:
            return list(self._entries)

    def clear(self) -> None:
        with self._lock:
            self._entries.clear()

    def subscribe(self, listener: Callable[[LogEntry], None]) -> Callable[[], None]:
        with self._lock:
            self._listeners.append(listener)

        def unsubscribe() -> None:
            with self._lock:
                if listener in self._listeners:
                    self._listeners.remove(listener)
        return unsubscribe


def default_props(serial: str) -> dict[str, str]:
    return {
        "ro.serialno": serial,
        "ro.boot.serialno": serial,
        "ro.build.version.sdk": "34",
        "ro.build.version.release": "14",
        "ro.build.version.security_patch": "2024-08-05",
        "ro.build.id": "UE1A.230829.050",
        "ro.build.type": "userdebug",
        "ro.build.fingerprint": "google/sdk_gphone64_x86_64/emu64xa:14/UE1A.230829.050/12077443:userdebug/dev-keys",
        "ro.product.brand": "google",
        "ro.product.manufacturer": "Google",
        "ro.product.model": "sdk_gphone64_x86_64",
        "ro.product.name": "sdk_gphone64_x86_64",
        "ro.product.device": "emu64xa",
        "ro.product.cpu.abi": "x86_64",
        "ro.product.cpu.abilist": "x86_64,arm64-v8a",
        "ro.kernel.qemu": "1",
        "ro.boot.qemu": "1",
        "ro.hardware": "ranchu",
        "ro.adb.secure": "0",
        "ro.debuggable": "1",
        "ro.secure": "1",
        "ro.sf.lcd_density": "420",
        "sys.boot_completed": "1",
        "dev.bootcomplete": "1",
        "init.svc.bootanim": "stopped",
        "persist.sys.locale": "en-US",
        "persist.sys.timezone": "UTC",
    }


def user_name(uid: int) -> str:
    """How ActivityManager names a uid in user 0: app uids are u0aNN, others `system`/`shell`."""
    if uid >= 10000:
        return f"u0a{uid - 10000}"
    return {1000: "system", 2000: "shell"}.get(uid, str(uid))


def default_settings() -> dict[str, dict[str, str]]:
    """A fresh emulator's settings that clients read (adbutils reads brightness, for one)."""
    return {
        "system": {"screen_brightness": "102", "screen_brightness_mode": "0",
                   "screen_off_timeout": "60000", "accelerometer_rotation": "0",
                   "user_rotation": "0", "font_scale": "1.0"},
        "secure": {"android_id": "7c3d1f0e9b2a4c65", "default_input_method":
                   "com.android.inputmethod.latin/.LatinIME"},
        "global": {"adb_enabled": "1", "airplane_mode_on": "0", "development_settings_enabled": "1",
                   "stay_on_while_plugged_in": "7", "window_animation_scale": "1.0",
                   "transition_animation_scale": "1.0", "animator_duration_scale": "1.0"},
    }


class AndroidSystem:
    def __init__(self, serial: str = "emulator-5554", display: Display | None = None,
                 apps: list[App] | None = None) -> None:
        self.lock = threading.RLock()
        self.serial = serial
        self.display = display or Display()
        self.rotation = 0
        self.props = default_props(serial)
        self.props["ro.sf.lcd_density"] = str(self.display.density)
        self.fs = FileSystem()
        self.net = DeviceNetwork()
        self.sensors = Sensors()
        self.logcat = LogBuffer()
        self.settings: dict[str, dict[str, str]] = default_settings()
        self._runtime_grants: dict[str, set[str]] = {}
        self.boot_time = time.time()
        self.generation = 0
        self._pids = itertools.count(1200)
        self._tasks = itertools.count(1)
        self.processes: dict[str, Process] = {}
        self._change_listeners: list[Callable[[], None]] = []
        self.launcher = Launcher()
        self.apps: dict[str, App] = {}
        for app in [self.launcher, *(apps if apps is not None else [HelloApp()])]:
            self.install(app)
        self.stack: list[ActivityRecord] = []
        self.go_home()

    # ---- geometry -------------------------------------------------------------------
    def dp(self, value: float) -> int:
        return round(value * self.display.density / 160)

    @property
    def status_bar_height(self) -> int:
        return self.dp(24)

    @property
    def nav_bar_height(self) -> int:
        return self.dp(48)

    def app_area(self) -> Rect:
        width, height = self.screen_size
        return Rect(0, self.status_bar_height, width, height - self.nav_bar_height)

    @property
    def screen_size(self) -> tuple[int, int]:
        """The logical display size in the current rotation (the physical size is `display`)."""
        w, h = self.display.width, self.display.height
        return (h, w) if self.rotation % 2 else (w, h)

    def set_rotation(self, rotation: int) -> None:
        if rotation not in (0, 1, 2, 3):
            raise ValueError(f"rotation must be 0-3, got {rotation}")
        with self.lock:
            self.rotation = rotation
        self.changed()

    # ---- change tracking --------------------------------------------------------------
    def changed(self) -> None:
        with self.lock:
            self.generation += 1
            listeners = list(self._change_listeners)
        for listener in listeners:
            listener()

    def on_change(self, listener: Callable[[], None]) -> None:
        self._change_listeners.append(listener)

    # ---- time -------------------------------------------------------------------------
    def tick(self, now: float | None = None) -> None:
        """Bring every app up to monotonic time `now`: timers fire, sensor listeners sample.
        The device's clock task calls this continuously; observations call it first."""
        now = time.monotonic() if now is None else now
        with self.lock:
            for app in list(self.apps.values()):
                app.advance(self, now)

    def next_deadline(self) -> float | None:
        with self.lock:
            deadlines = [d for app in self.apps.values() if (d := app.next_deadline()) is not None]
        return min(deadlines, default=None)

    # ---- packages ---------------------------------------------------------------------
    def install(self, app: App) -> None:
        with self.lock:
            self.apps[app.package] = app
            apk = self.apk_path(app.package)
            # A stable fake APK: its bytes (and so its SHA-256) identify package + version.
            body = f"PK\x03\x04 virtual apk {app.package} {app.version_name} {app.version_code}\n"
            self.fs.write(apk, body.encode() * 64, parents=True)
        self.changed()

    def apk_path(self, package: str) -> str:
        digest = hashlib.sha256(package.encode()).hexdigest()
        return f"/data/app/~~{digest[:22]}==/{package}-{digest[22:44]}==/base.apk"

    def uid_of(self, package: str) -> int:
        app = self.apps[package]
        if app.system:
            return 1000
        return 10000 + sorted(p for p, a in self.apps.items() if not a.system).index(package) + 100

    # ---- processes --------------------------------------------------------------------
    def ensure_process(self, package: str) -> Process:
        with self.lock:
            proc = self.processes.get(package)
            if proc is None:
                proc = Process(pid=next(self._pids), uid=self.uid_of(package), name=package,
                               started=time.time())
                self.processes[package] = proc
                self.log("I", "ActivityManager",
                         f"Start proc {proc.pid}:{package}/{user_name(proc.uid)} for "
                         f"next-top-activity {{{package}/{self.apps[package].launcher_activity}}}",
                         pid=self.system_pid)
            return proc

    system_pid = 560

    def log(self, level: str, tag: str, message: str, pid: int | None = None) -> None:
        pid = self.system_pid if pid is None else pid
        self.logcat.log(LogEntry(time.time(), pid, pid, level, tag, message))

    # ---- activities -------------------------------------------------------------------
    def foreground(self) -> ActivityRecord:
        with self.lock:
            return self.stack[-1]

    def start_activity(self, package: str, activity: str | None = None,
                       caller_uid: int = 2000) -> ActivityRecord:
        """Bring `package` to the front, starting `activity` (default: its launcher activity)."""
        with self.lock:
            app = self.apps[package]
            activity = activity or app.launcher_activity
            if activity is None:
                raise LookupError(f"no launchable activity in {package}")
            if activity.startswith("."):
                activity = package + activity
            existing = [r for r in self.stack if r.package == package]
            self.stack = [r for r in self.stack if r.package != package]
            if existing and existing[-1].activity == activity:
                self.stack.extend(existing)
            else:
                task = existing[0].task_id if existing else next(self._tasks)
                record = ActivityRecord(package, activity, task, time.time())
                self.ensure_process(package)
                cmp = record.component
                self.log("I", "ActivityTaskManager",
                         f"START u0 {{act=android.intent.action.MAIN cat=[android.intent.category.LAUNCHER] "
                         f"flg=0x10200000 cmp={cmp}}} with LAUNCH_MULTIPLE from uid {caller_uid}")
                self.stack.extend(existing + [record])
                self.log("I", "ActivityTaskManager", f"Displayed {cmp}: +{120}ms")
            top = self.stack[-1]
        self.changed()
        return top

    def launch(self, package: str) -> ActivityRecord:
        return self.start_activity(package)

    def go_home(self) -> None:
        self.start_activity(self.launcher.package)

    def finish_top(self) -> None:
        """Back: finish the top activity; the launcher is never finished."""
        with self.lock:
            if self.stack[-1].package == self.launcher.package:
                return
            self.stack.pop()
            if not self.stack:
                self.go_home()
                return
        self.changed()

    def force_stop(self, package: str) -> None:
        with self.lock:
            if package not in self.apps:
                return
            was_top = self.stack and self.stack[-1].package == package
            self.stack = [r for r in self.stack if r.package != package]
            self.processes.pop(package, None)
            self.apps[package].on_stop()
            if not self.stack or (was_top and package != self.launcher.package):
                self.start_activity(self.launcher.package)
                return
        self.changed()

    # ---- input ------------------------------------------------------------------------
    def tap(self, x: float, y: float) -> bool:
        """A tap at screen coordinates; True when a view handled it."""
        with self.lock:
            screen = self.screen()  # ticks first: the tap lands on what is on screen now
            hit = screen.hit(x, y)
            if hit is None:
                return False
            window, view = hit
            if view.action is None:
                return True
            owner = self.apps.get(window.package)
            if owner is None:
                return True
            record = self.foreground()
            owner.on_action(self, record, view.action)
        self.changed()
        return True

    def press_key(self, keycode: int) -> bool:
        self.tick()
        if keycode == KEYCODES["KEYCODE_BACK"]:
            with self.lock:
                top = self.foreground()
                consumed = self.apps[top.package].on_back(self, top)
            if consumed:
                self.changed()
            else:
                self.finish_top()
        elif keycode == KEYCODES["KEYCODE_HOME"]:
            self.go_home()
        elif keycode not in KEYCODES.values():
            return False
        return True

    # ---- screen -----------------------------------------------------------------------
    def screen(self) -> Screen:
        self.tick()
        with self.lock:
            width, height = self.screen_size
            record = self.stack[-1]
            app = self.apps[record.package]
            windows = [
                *app.windows(self, record, self.app_area()),
                self._status_bar(width),
                self._nav_bar(width, height),
            ]
            return Screen(width, height, self.rotation, tuple(windows), self.generation)

    def _status_bar(self, width: int) -> Window:
        h = self.status_bar_height
        clock = time.strftime("%H:%M", time.localtime())
        root = View(cls="android.widget.FrameLayout", package=SYSTEMUI, bounds=Rect(0, 0, width, h),
                    resource_id="com.android.systemui:id/status_bar_container",
                    background=(20, 20, 20), color=(255, 255, 255),
                    children=(View(cls="android.widget.TextView", package=SYSTEMUI, text=clock,
                                   resource_id="com.android.systemui:id/clock", align="left",
                                   content_desc=clock, color=(255, 255, 255),
                                   bounds=Rect(self.dp(16), 0, self.dp(80), h)),))
        return Window(SYSTEMUI, "StatusBar", root, kind="status_bar", focusable=False)

    def _nav_bar(self, width: int, height: int) -> Window:
        h = self.nav_bar_height
        top = height - h
        third = width // 3

        def key(i: int, rid: str, desc: str) -> View:
            return View(cls="android.widget.ImageView", package=SYSTEMUI, content_desc=desc,
                        resource_id=f"com.android.systemui:id/{rid}", clickable=True,
                        action=rid, bounds=Rect(i * third, top, (i + 1) * third, height),
                        color=(230, 230, 230))

        root = View(cls="android.widget.FrameLayout", package=SYSTEMUI,
                    bounds=Rect(0, top, width, height), background=(0, 0, 0),
                    resource_id="com.android.systemui:id/navigation_bar_frame",
                    children=(key(0, "back", "Back"), key(1, "home", "Home"),
                              key(2, "recent_apps", "Overview")))
        return Window(SYSTEMUI, "NavigationBar0", root, kind="navigation_bar", focusable=False)

    # ---- runtime permissions and app data (shell `pm grant|revoke|clear`) ------------------
    def runtime_grants(self, package: str) -> set[str]:
        """The runtime permissions granted to `package`; callers mutate the returned set."""
        with self.lock:
            return self._runtime_grants.setdefault(package, set())

    def clear_data(self, package: str) -> None:
        """`pm clear`: stop the app and drop its data and its runtime-permission grants."""
        self.force_stop(package)
        with self.lock:
            self.runtime_grants(package).clear()
            data_dir = f"/data/data/{package}"
            if self.fs.exists(data_dir):
                self.fs.remove(data_dir, recursive=True)
                self.fs.mkdir(data_dir)
        self.changed()
