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
import uuid
from collections import deque
from collections.abc import Callable
from dataclasses import dataclass, field

from ..faults.switches import Faults
from ..fs import FileSystem
from ..network import DeviceNetwork
from .app_errors import AppErrors
from .apps import App, HelloApp, Launcher
from .keys import KEYCODES
from .permission_controller import GRANT_ACTIVITY, PermissionController
from .permission_groups import RUNTIME_PERMISSIONS
from .sensors import Sensors
from .toasts import Toasts
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
    started: float  # time.time(), for dumpsys and logcat
    started_monotonic: float = field(default_factory=time.monotonic)  # for app timers

    @property
    def component(self) -> str:
        """`pkg/.Short` form as dumpsys and logcat print it."""
        return short_component(self.package, self.activity)


def short_component(package: str, cls: str) -> str:
    """ComponentName.flattenToShortString: `pkg/.Cls` when the class is inside the package."""
    if cls.startswith(package + "."):
        cls = cls[len(package):]
    return f"{package}/{cls}"


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


# The device says what it is: its own brand, product and fingerprint, no qemu or ranchu
# properties (it is not an emulator image), and `ro.harness.virtual`, which the harness reads
# through getprop to state in its evidence that the verdicts came from a simulated Android.
VIRTUAL_PRODUCT = "harness_virtual"
VIRTUAL_BUILD_ID = "VIRTUAL.1"


def default_props(serial: str) -> dict[str, str]:
    return {
        "ro.serialno": serial,
        "ro.boot.serialno": serial,
        "ro.build.version.sdk": "34",
        "ro.build.version.release": "14",
        "ro.build.version.security_patch": "2024-08-05",
        "ro.build.version.incremental": "1",
        "ro.build.id": VIRTUAL_BUILD_ID,
        "ro.build.type": "userdebug",
        "ro.build.fingerprint": f"miit-harness/{VIRTUAL_PRODUCT}/{VIRTUAL_PRODUCT}:14/{VIRTUAL_BUILD_ID}/1"
                                ":userdebug/test-keys",
        "ro.product.brand": "miit-harness",
        "ro.product.manufacturer": "miit-ui-harness",
        "ro.product.model": "Harness Virtual Android",
        "ro.product.name": VIRTUAL_PRODUCT,
        "ro.product.device": VIRTUAL_PRODUCT,
        "ro.product.cpu.abi": "x86_64",
        "ro.product.cpu.abilist": "x86_64,arm64-v8a",
        "ro.hardware": VIRTUAL_PRODUCT,
        "ro.harness.virtual": "1",
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
        self.faults = Faults()  # what the fault file asks of the services (none by default)
        self.sensors = Sensors()
        self.logcat = LogBuffer()
        self.settings: dict[str, dict[str, str]] = default_settings()
        self._runtime_grants: dict[str, set[str]] = {}
        self.boot_time = time.time()
        self.generation = 0
        self._pids = itertools.count(1200)
        self._tasks = itertools.count(1)
        self.processes: dict[str, Process] = {}
        self.launcher = Launcher()
        self.permission_controller = PermissionController()
        self.app_errors = AppErrors()
        self.toasts = Toasts()
        self._posted: list[Callable[[], None]] = []  # app callbacks due on the next tick
        self.apps: dict[str, App] = {}
        for app in [self.launcher, self.permission_controller, self.app_errors,
                    *(apps if apps is not None else [HelloApp()])]:
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

    # ---- time -------------------------------------------------------------------------
    def tick(self, now: float | None = None) -> None:
        """Bring every app up to monotonic time `now`: timers fire, sensor listeners sample.
        The device's clock task calls this continuously; observations call it first."""
        now = time.monotonic() if now is None else now
        with self.lock:
            for app in list(self.apps.values()):
                app.advance(self, now)
            posted, self._posted = self._posted, []
            for callback in posted:
                callback()
            toasts_changed = self.toasts.advance(now)
        if posted or toasts_changed:
            self.changed()

    def next_deadline(self) -> float | None:
        with self.lock:
            deadlines = [d for app in self.apps.values() if (d := app.next_deadline()) is not None]
            if self._posted:
                deadlines.append(time.monotonic())
            if (toast := self.toasts.next_deadline()) is not None:
                deadlines.append(toast)
        return min(deadlines, default=None)

    def post(self, callback: Callable[[], None]) -> None:
        """Run an app callback on the next tick, as a result posted to the app's main looper."""
        with self.lock:
            self._posted.append(callback)

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
    def ensure_process(self, package: str, hosting: str = "next-top-activity",
                       component: str | None = None) -> Process:
        """The package's process, started if needed and logged with what it is started for
        (HostingRecord: type, then the component as ComponentName.toShortString)."""
        with self.lock:
            proc = self.processes.get(package)
            if proc is None:
                proc = Process(pid=next(self._pids), uid=self.uid_of(package), name=package,
                               started=time.time())
                self.processes[package] = proc
                component = component or f"{package}/{self.apps[package].launcher_activity}"
                self.log("I", "ActivityManager",
                         f"Start proc {proc.pid}:{package}/{user_name(proc.uid)} for {hosting} {{{component}}}")
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
                       caller_uid: int = 2000, caller: str | None = None) -> ActivityRecord:
        """Bring `package` to the front, starting `activity` (default: its launcher activity).
        With `caller` (a package) it is that app's explicit startActivity, logged with its uid;
        without, a launch from the shell or the launcher (`caller_uid`)."""
        with self.lock:
            if caller is not None:
                caller_uid = self.uid_of(caller)
            if caller is not None and not self._in_foreground(caller):
                # Android 10+: an app that is not in front may not start activities
                self.log("W", "ActivityTaskManager", f"Background activity launch blocked! "
                                                     f"[callingPackage: {caller}; callingUid: {caller_uid}]")
                return self.stack[-1]
            if package not in self.apps and caller is not None:
                # the caller's startActivity throws ActivityNotFoundException; ad SDKs catch it
                self.log("W", caller, f"android.content.ActivityNotFoundException: Unable to find explicit "
                                      f"activity class {{{package}/{activity}}}")
                return self.stack[-1]
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
                cmp = record.component
                intent = (f"flg=0x10000000 cmp={cmp}" if caller is not None else
                          f"act=android.intent.action.MAIN cat=[android.intent.category.LAUNCHER] "
                          f"flg=0x10200000 cmp={cmp}")
                self.log("I", "ActivityTaskManager",
                         f"START u0 {{{intent}}} with LAUNCH_MULTIPLE from uid {caller_uid} result code=0")
                self.ensure_process(package, component=f"{package}/{activity}")
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
            top = self.stack[-1]
        if top.package != self.launcher.package:
            self.finish_activity(top)

    def finish_activity(self, record: ActivityRecord) -> None:
        """Activity.finish(): the record leaves the stack; what is below comes to the front."""
        with self.lock:
            if record in self.stack:
                self.stack.remove(record)
            if not self.stack:
                self.go_home()
                return
        self.changed()

    def finish_app(self, package: str) -> None:
        """The app finishes all its activities itself (it exits); its process lives on, cached."""
        with self.lock:
            self._remove_activities(package)
        self.changed()

    def _visible_records(self) -> list[ActivityRecord]:
        """The activities on screen, bottom to top: the top one and, while it is translucent
        (the grant dialog), the ones below it."""
        visible: list[ActivityRecord] = []
        for record in reversed(self.stack):
            visible.insert(0, record)
            if record.activity not in TRANSLUCENT_ACTIVITIES:
                break
        return visible

    def _remove_activities(self, package: str) -> None:
        """Drop the package's activities (and a grant dialog it is waiting on); the launcher
        comes to the front when the package was on screen."""
        was_visible = any(r.package == package for r in self._visible_records())
        self.stack = [r for r in self.stack if r.package != package]
        if self.permission_controller.drop_requests(package):
            if self.permission_controller.requests:
                self.show_grant_activity(self.permission_controller.requests[0].package)
            else:
                self.finish_grant_activity()
        if not self.stack or (was_visible and package != self.launcher.package):
            self.start_activity(self.launcher.package)

    # ---- processes dying ---------------------------------------------------------------
    def force_stop(self, package: str, reason: str = "from pid 2001") -> None:
        """`am force-stop` (reason: who asked, as AMS logs it) and `pm clear`."""
        with self.lock:
            if package not in self.apps:
                return
            self.log("I", "ActivityManager",
                     f"Force stopping {package} appid={self.uid_of(package)} user=0: {reason}")
            self.kill_process(package, f"stop {package} due to {reason}")
        self.changed()

    def kill_process(self, package: str, reason: str) -> None:
        """ProcessRecord.killLocked: the process goes, and with it the app's activities,
        toasts, pending permission requests and error dialogs."""
        with self.lock:
            proc = self.processes.pop(package, None)
            if proc is not None:
                adj = 0 if any(r.package == package for r in self._visible_records()) else 900
                self.log("I", "ActivityManager",
                         f"Killing {proc.pid}:{package}/{user_name(proc.uid)} (adj {adj}): {reason}")
            self._process_gone(package)
        self.changed()

    def _process_gone(self, package: str) -> None:
        self._remove_activities(package)
        self.apps[package].on_stop()
        self.toasts.cancel(package)
        if self.app_errors.not_responding == package:
            self.app_errors.not_responding = None

    def crash(self, package: str, exception: str = "java.lang.RuntimeException: Simulated crash") -> None:
        """An uncaught exception on the app's main thread: RuntimeInit logs it, the process
        kills itself, AMS finishes its activities (Android 14 shows no dialog on a first crash)."""
        with self.lock:
            proc = self.processes.get(package)
            if proc is None:
                return
            records = [r for r in self.stack if r.package == package]
            cls = records[-1].activity if records else f"{package}.MainActivity"
            stack = "".join(f"\n\tat {frame}" for frame in (
                f"{cls}.onResume({cls.rsplit('.', 1)[-1]}.java:42)", *_CRASH_FRAMES))
            self.log("E", "AndroidRuntime",
                     f"FATAL EXCEPTION: main\nProcess: {package}, PID: {proc.pid}\n{exception}{stack}",
                     pid=proc.pid)
            if records:
                self.log("W", "ActivityTaskManager", f"  Force finishing activity {records[-1].component}")
            self.log("I", "Process", f"Sending signal. PID: {proc.pid} SIG: 9", pid=proc.pid)
            state = "fg  TOP " if any(r.package == package for r in self._visible_records()) else "cch+5 CEM "
            del self.processes[package]
            self.log("I", "ActivityManager", f"Process {package} (pid {proc.pid}) has died: {state}")
            self._process_gone(package)
        self.changed()

    def anr(self, package: str, reason: str = "Input dispatching timed out") -> None:
        """The app stopped answering: AMS logs the ANR (one multi-line entry) and shows the
        "isn't responding" dialog, whose Close app kills the process and Wait dismisses it."""
        with self.lock:
            proc = self.ensure_process(package)
            records = [r for r in self.stack if r.package == package]
            component = f" ({records[-1].component})" if records else ""
            self.log("E", "ActivityManager",
                     f"ANR in {package}{component}\nPID: {proc.pid}\nReason: {reason}\n"
                     f"ErrorId: {uuid.uuid4()}\nFrozen: false")
            self.app_errors.not_responding = package
        self.changed()

    # ---- services, broadcasts, toasts -------------------------------------------------
    def _in_foreground(self, package: str) -> bool:
        return self.apps[package].system or any(r.package == package for r in self._visible_records())

    def start_service(self, caller: str, package: str, service: str) -> None:
        """`Context.startService` from `caller` to `package`'s `service` (`.Cls` or full name).

        Android 14 logs nothing at its default level for a service start it allows, and a
        background caller (not on screen) is refused with the real `Background start not
        allowed` warning, which names both. So that an allowed start is attributable too, the
        model adds a D line in that warning's shape (`Start service … from pid= uid= pkg=`)."""
        with self.lock:
            cls = package + service if service.startswith(".") else service
            short = short_component(package, cls)
            if package not in self.apps:  # ContextImpl returns null for an unknown service: nothing starts
                self.log("W", "ActivityManager", f"Unable to start service Intent {{ cmp={short} }} U=0: not found")
                return
            caller_proc = self.ensure_process(caller)
            who = f"to {short} from pid={caller_proc.pid} uid={caller_proc.uid} pkg={caller}"
            if caller != package and not self._in_foreground(caller) and not self._in_foreground(package):
                self.log("W", "ActivityManager",
                         f"Background start not allowed: service Intent {{ cmp={short} }} {who} startFg?=false")
                return
            self.ensure_process(package, "service", f"{package}/{cls}")
            self.log("D", "ActivityManager", f"Start service Intent {{ cmp={short} }} {who}")
        self.changed()

    def send_broadcast(self, caller: str, action: str, package: str | None = None) -> None:
        """`Context.sendBroadcast` of `action`, explicit to `package` or implicit.

        Apps here declare no receivers, so each app's manifest receiver is `<package>.Receiver`;
        an explicit broadcast starts its process (`for broadcast {…}`). Android logs no line
        for a delivered broadcast at its default level; as for services, the model adds a D line
        in the shape of BroadcastQueue's own (`… to <receiver> from pid= uid= pkg=`)."""
        with self.lock:
            caller_proc = self.ensure_process(caller)
            intent = f"Intent {{ act={action} flg=0x10{f' pkg={package}' if package else ''} }}"
            target = "implicit receivers"
            if package is not None and package in self.apps:
                receiver = f"{package}/{package}.Receiver"
                self.ensure_process(package, "broadcast", receiver)
                target = short_component(package, f"{package}.Receiver")
            self.log("D", "BroadcastQueue", f"Delivering {intent} to {target} from pid={caller_proc.pid} "
                                            f"uid={caller_proc.uid} pkg={caller}")
        self.changed()

    def show_toast(self, package: str, text: str, long: bool = False) -> None:
        """Toast.makeText(…).show(): queued, shown for 2 s (3.5 s long) of real time."""
        with self.lock:
            self.toasts.show(package, text, long, time.monotonic())
        self.changed()

    # ---- runtime permission requests ----------------------------------------------------
    def request_permissions(self, package: str, permissions: list[str],
                            on_result: Callable[[dict[str, bool]], None]) -> None:
        """Activity.requestPermissions: granted ones answer at once, the rest one group per
        grant dialog; `on_result` gets {permission: granted} on the next tick after the last."""
        with self.lock:
            self.permission_controller.request(self, package, list(permissions), on_result)
        self.changed()

    def show_grant_activity(self, package: str) -> None:
        """GrantPermissionsActivity on top of the requesting app's task."""
        with self.lock:
            if self.stack[-1].activity == GRANT_ACTIVITY:
                return
            records = [r for r in self.stack if r.package == package]
            task = records[-1].task_id if records else next(self._tasks)
            pc = self.permission_controller.package
            record = ActivityRecord(pc, GRANT_ACTIVITY, task, time.time())
            self.log("I", "ActivityTaskManager",
                     f"START u0 {{act=android.content.pm.action.REQUEST_PERMISSIONS pkg={pc} cmp={record.component}"
                     f" (has extras)}} with LAUNCH_MULTIPLE from uid {self.uid_of(package)} result code=0")
            self.ensure_process(pc, component=f"{pc}/{GRANT_ACTIVITY}")
            self.stack.append(record)
            self.log("I", "ActivityTaskManager", f"Displayed {record.component}: +{95}ms")
        self.changed()

    def finish_grant_activity(self) -> None:
        with self.lock:
            self.stack = [r for r in self.stack if r.activity != GRANT_ACTIVITY]
            if not self.stack:
                self.start_activity(self.launcher.package)
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
            if window.kind == "navigation_bar":
                key = {"back": "KEYCODE_BACK", "home": "KEYCODE_HOME"}.get(view.action)
                return key is None or self.press_key(KEYCODES[key])
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
                if self.app_errors.not_responding is not None:
                    self.app_errors.not_responding = None  # back on the ANR dialog: wait
                    consumed = True
                else:
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
            area = self.app_area()
            windows = [w for record in self._visible_records()
                       for w in self.apps[record.package].windows(self, record, area)]
            windows += self.system_windows()
            return Screen(width, height, self.rotation, tuple(windows), self.generation)

    def system_windows(self) -> list[Window]:
        """Windows above the activities, bottom to top: error dialogs, toasts, the bars."""
        width, height = self.screen_size
        return [*self.app_errors.system_windows(self), *self.toasts.windows(self),
                self._status_bar(width), self._nav_bar(width, height)]

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

        icon = self.dp(20)

        def key(i: int, rid: str, desc: str, glyph: str) -> View:
            cx, cy = i * third + third // 2, top + h // 2
            return View(cls="android.widget.ImageView", package=SYSTEMUI, content_desc=desc,
                        resource_id=f"com.android.systemui:id/{rid}", clickable=True,
                        action=rid, bounds=Rect(i * third, top, (i + 1) * third, height),
                        children=(View(cls="android.widget.ImageView", package=SYSTEMUI, exposed=False,
                                       glyph=glyph, color=(230, 230, 230),
                                       bounds=Rect(cx - icon // 2, cy - icon // 2, cx + icon // 2, cy + icon // 2)),))

        root = View(cls="android.widget.FrameLayout", package=SYSTEMUI,
                    bounds=Rect(0, top, width, height), background=(0, 0, 0),
                    resource_id="com.android.systemui:id/navigation_bar_frame",
                    children=(key(0, "back", "Back", "chevron_back"), key(1, "home", "Home", "circle"),
                              key(2, "recent_apps", "Overview", "square")))
        return Window(SYSTEMUI, "NavigationBar0", root, kind="navigation_bar", focusable=False)

    # ---- runtime permissions and app data (shell `pm grant|revoke|clear`) ------------------
    def runtime_grants(self, package: str) -> set[str]:
        """The runtime permissions granted to `package` (read it; change grants through
        `set_permission` or the grant dialog)."""
        with self.lock:
            return self._runtime_grants.setdefault(package, set())

    def set_permission(self, package: str, permission: str, granted: bool) -> None:
        """`pm grant|revoke`: revoking a granted runtime permission kills the app, as Android does."""
        with self.lock:
            grants = self.runtime_grants(package)
            if granted:
                grants.add(permission)
            elif permission in grants:
                grants.discard(permission)
                if permission in RUNTIME_PERMISSIONS and package in self.processes:
                    self.kill_process(package, "permissions revoked")
        self.changed()

    def clear_data(self, package: str) -> None:
        """`pm clear`: stop the app and drop its data, its runtime-permission grants and its
        "don't ask again" choices."""
        self.force_stop(package, "clear data")
        with self.lock:
            self.runtime_grants(package).clear()
            self.permission_controller.forget(package)
            data_dir = f"/data/data/{package}"
            if self.fs.exists(data_dir):
                self.fs.remove(data_dir, recursive=True)
                self.fs.mkdir(data_dir)
        self.changed()


TRANSLUCENT_ACTIVITIES = frozenset({GRANT_ACTIVITY})
_CRASH_FRAMES = (
    "android.app.Activity.performResume(Activity.java:8968)",
    "android.app.ActivityThread.performResumeActivity(ActivityThread.java:5072)",
    "android.os.Handler.dispatchMessage(Handler.java:106)",
    "android.os.Looper.loopOnce(Looper.java:205)",
    "android.os.Looper.loop(Looper.java:294)",
    "android.app.ActivityThread.main(ActivityThread.java:8177)",
    "java.lang.reflect.Method.invoke(Native Method)",
    "com.android.internal.os.RuntimeInit$MethodAndArgsCaller.run(RuntimeInit.java:552)",
    "com.android.internal.os.ZygoteInit.main(ZygoteInit.java:971)",
)
