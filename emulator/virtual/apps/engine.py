"""ScriptedApp: runs an `AppSpec` on the Android model.

Each activity record of the app is one run of a screen, with its own timers, overlays, view
state and shake detector; a run starts when its record first shows up on the stack and ends
when the record leaves it. Times are the device clock's monotonic `now`.
"""

from __future__ import annotations

import heapq
import itertools
import math
from dataclasses import dataclass, field
from typing import TYPE_CHECKING

from ..android.apps import App
from ..android.ui import Rect, View, Window
from .layout import LayoutContext, find_spec, layout, parse_tap_action, state_key, tap_action
from .schema import Action, AppSpec, Broadcast, Later, Launch, Overlay, Request, StartService, Surface, Toast
from .shake import Reading, ShakeDetector

if TYPE_CHECKING:
    from ..android.system import ActivityRecord, AndroidSystem

SCREEN = "screen"


@dataclass(order=True)
class _Timer:
    due: float
    seq: int
    actions: list[Action] = field(compare=False)
    owner: str = field(compare=False)  # SCREEN, or the overlay surface that cancels it on closing
    every: float | None = field(compare=False, default=None)


@dataclass
class _Run:
    record: ActivityRecord
    screen: str
    entered: float
    shown: dict[str, bool] = field(default_factory=dict)
    checked: dict[str, bool] = field(default_factory=dict)
    overlays: dict[str, float] = field(default_factory=dict)  # open overlay → shown at; bottom to top
    timers: list[_Timer] = field(default_factory=list)  # a heap
    detector: ShakeDetector | None = None
    sampled: float | None = None  # the sensor listener's last reading; None while in the background
    clock_face: tuple[int, ...] = ()  # whole seconds shown by countdowns, to notice a change


def overlay_surface(name: str) -> str:
    return f"overlay:{name}"


class ScriptedApp(App):
    def __init__(self, spec: AppSpec) -> None:
        super().__init__(package=spec.package, label=spec.label,
                         launcher_activity=spec.activity_of(spec.start),
                         version_name=spec.version_name, version_code=spec.version_code,
                         permissions=tuple(spec.permissions), icon_color=spec.icon_color)
        self.spec = spec
        self._screens = {spec.activity_of(name): name for name in spec.screens}
        self._runs: dict[int, _Run] = {}  # by id() of the activity record
        self._seq = itertools.count()
        self._now = 0.0
        self._dirty = False

    # ---- the App interface --------------------------------------------------------------
    def render(self, device: AndroidSystem, activity: ActivityRecord, area: Rect) -> View:
        run = self._run_of(activity)
        screen = self.spec.screens[run.screen]
        return self._root(device, run, SCREEN, screen, area, screen.background, screen.text_color,
                          resource_id="android:id/content")

    def windows(self, device: AndroidSystem, activity: ActivityRecord, area: Rect) -> list[Window]:
        run = self._run_of(activity)
        windows = super().windows(device, activity, area)
        for name in run.overlays:
            overlay = self.spec.overlays[name]
            root = self._root(device, run, overlay_surface(name), overlay, area, overlay.dim, overlay.text_color,
                              resource_id=f"{self.package}:id/{name}")
            windows.append(Window(package=self.package, title=activity.component, root=root, kind="dialog"))
        return windows

    def on_action(self, device: AndroidSystem, activity: ActivityRecord, action: str) -> None:
        tap = parse_tap_action(action)
        run = self._runs.get(id(activity))
        if tap is None or run is None:
            return
        surface_name, path = tap
        surface = self._surface(run, surface_name)
        if not path:
            self._do(device, run, surface.on_tap)
            return
        spec = find_spec(surface.views, path)
        if (self._now - self._shown_at(run, surface_name)) * 1000 < spec.tap_enabled_after_ms:
            return  # drawn as a button, but the app ignores the tap for now
        if spec.type in ("checkbox", "switch"):
            key = state_key(spec, path)
            run.checked[key] = not run.checked.get(key, spec.checked)
        self._do(device, run, spec.on_tap)

    def on_back(self, device: AndroidSystem, activity: ActivityRecord) -> bool:
        run = self._runs.get(id(activity))
        if run is None:
            return False
        if run.overlays:
            name = next(reversed(run.overlays))
            overlay = self.spec.overlays[name]
            if overlay.on_back:
                self._do(device, run, overlay.on_back)
            elif not overlay.back_blocked:
                self._dismiss(run, name)  # a cancelable dialog
            return True
        screen = self.spec.screens[run.screen]
        if screen.on_back:
            self._do(device, run, screen.on_back)
            return True
        return screen.back_blocked

    def advance(self, device: AndroidSystem, now: float) -> None:
        previous, self._now = self._now, max(self._now, now)  # observers may tick with an older reading
        records = [r for r in device.stack if r.package == self.package]
        live = {id(r) for r in records}
        for key in [k for k in self._runs if k not in live]:
            del self._runs[key]
        for record in records:
            if id(record) not in self._runs:
                self._enter(device, record, not_before=previous)
        for run in list(self._runs.values()):
            self._fire_timers(device, run)
        top = device.stack[-1] if device.stack else None
        for run in list(self._runs.values()):
            self._listen(device, run, foreground=run.record is top)
            face = self._clock_face(run)
            if face != run.clock_face:
                run.clock_face, self._dirty = face, True
        if self._dirty:
            self._dirty = False
            device.changed()

    def next_deadline(self) -> float | None:
        deadlines = [run.timers[0].due for run in self._runs.values() if run.timers]
        for run in self._runs.values():
            for _, shown in self._countdown_origins(run):
                deadlines.append(shown + math.floor(self._now - shown) + 1)  # the next whole second
        return min(deadlines, default=None)

    def on_stop(self) -> None:
        super().on_stop()
        self._runs.clear()

    # ---- runs -------------------------------------------------------------------------------
    def _run_of(self, activity: ActivityRecord) -> _Run:
        run = self._runs.get(id(activity))
        if run is None:  # observed before the clock saw it: show the screen as it first appears
            run = _Run(activity, self._screens.get(activity.activity, self.spec.start), self._now)
        return run

    def _enter(self, device: AndroidSystem, record: ActivityRecord, not_before: float) -> None:
        # It was not on the stack at the previous tick, so it cannot have started before that.
        entered = max(not_before, record.started_monotonic)
        name = self._screens.get(record.activity, self.spec.start)
        screen = self.spec.screens[name]
        run = _Run(record, name, entered,
                   detector=ShakeDetector(screen.shake) if screen.shake else None)
        self._runs[id(record)] = run
        self._schedule(run, screen, SCREEN, entered)
        self._do(device, run, screen.on_enter)

    def _surface(self, run: _Run, name: str) -> Surface:
        return self.spec.screens[run.screen] if name == SCREEN else self.spec.overlays[name.removeprefix("overlay:")]

    def _shown_at(self, run: _Run, surface: str) -> float:
        return run.entered if surface == SCREEN else run.overlays.get(surface.removeprefix("overlay:"), self._now)

    def _schedule(self, run: _Run, surface: Surface, owner: str, start: float) -> None:
        for timer in surface.timers:
            self._add_timer(run, start + timer.after_ms / 1000, timer.do, owner,
                            timer.every_ms / 1000 if timer.every_ms else None)

    def _add_timer(self, run: _Run, due: float, actions: list[Action], owner: str, every: float | None = None) -> None:
        heapq.heappush(run.timers, _Timer(due, next(self._seq), actions, owner, every))

    def _fire_timers(self, device: AndroidSystem, run: _Run) -> None:
        while run.timers and run.timers[0].due <= self._now and id(run.record) in self._runs:
            timer = heapq.heappop(run.timers)
            if timer.every is not None:
                self._add_timer(run, timer.due + timer.every, timer.actions, timer.owner, timer.every)
            self._do(device, run, timer.actions)

    def _listen(self, device: AndroidSystem, run: _Run, foreground: bool) -> None:
        """The shake listener: registered while the screen is in front (onResume..onPause)."""
        if run.detector is None or not foreground:
            run.sampled = None
            return
        start, run.sampled = run.sampled, self._now
        if start is None:
            return
        sensors = device.sensors
        for sample in sensors.sample("acceleration", start, self._now, run.detector.spec.rate_hz):
            reading = Reading(sample.values, sensors.value_at("orientation", sample.time),
                              sensors.value_at("gyroscope", sample.time))
            if run.detector.feed(reading):
                self._do(device, run, run.detector.spec.do)
                return

    def _countdown_origins(self, run: _Run) -> list[tuple[str, float]]:
        origins = [(SCREEN, run.entered)] + [(overlay_surface(n), t) for n, t in run.overlays.items()]
        return [(name, shown) for name, shown in origins
                if any(v.countdown for v in self._surface(run, name).views)]

    def _clock_face(self, run: _Run) -> tuple[int, ...]:
        return tuple(math.floor(self._now - shown) for _, shown in self._countdown_origins(run))

    def _root(self, device: AndroidSystem, run: _Run, surface_name: str, surface: Surface, area: Rect,
              background: tuple[int, ...], text_color: tuple[int, int, int], resource_id: str) -> View:
        ctx = LayoutContext(package=self.package, dp=device.dp, text_color=text_color, surface=surface_name,
                            elapsed=self._now - self._shown_at(run, surface_name),
                            shown=run.shown, checked=run.checked)
        return View(cls="android.widget.FrameLayout", bounds=area, package=self.package,
                    resource_id=resource_id, background=background,  # type: ignore[arg-type]
                    clickable=bool(surface.on_tap),
                    action=tap_action(surface_name, ()) if surface.on_tap else None,
                    children=layout(surface.views, area, ctx))

    # ---- actions ----------------------------------------------------------------------------
    def _do(self, device: AndroidSystem, run: _Run, actions: list[Action]) -> None:
        for action in actions:
            self._dirty = True
            getattr(self, "_do_" + action.kind)(device, run, getattr(action, action.kind))

    def _dismiss(self, run: _Run, name: str) -> None:
        run.overlays.pop(name, None)
        owner = overlay_surface(name)
        run.timers = [t for t in run.timers if t.owner != owner]
        heapq.heapify(run.timers)
        self._dirty = True

    def _finish(self, device: AndroidSystem, run: _Run) -> None:
        device.finish_activity(run.record)

    def _do_go(self, device: AndroidSystem, run: _Run, screen: str) -> None:
        # start, then finish: the app is still in front when it starts the next screen
        device.start_activity(self.package, self.spec.activity_of(screen), caller=self.package)
        self._finish(device, run)

    def _do_open(self, device: AndroidSystem, run: _Run, screen: str) -> None:
        device.start_activity(self.package, self.spec.activity_of(screen), caller=self.package)

    def _do_back(self, device: AndroidSystem, run: _Run, _: bool) -> None:
        self._finish(device, run)

    def _do_show(self, device: AndroidSystem, run: _Run, view: str) -> None:
        run.shown[view] = True

    def _do_hide(self, device: AndroidSystem, run: _Run, view: str) -> None:
        run.shown[view] = False

    def _do_popup(self, device: AndroidSystem, run: _Run, name: str) -> None:
        overlay: Overlay = self.spec.overlays[name]
        run.overlays.pop(name, None)
        run.overlays[name] = self._now
        self._schedule(run, overlay, overlay_surface(name), self._now)
        self._do(device, run, overlay.on_enter)

    def _do_dismiss(self, device: AndroidSystem, run: _Run, name: str) -> None:
        self._dismiss(run, name)

    def _do_later(self, device: AndroidSystem, run: _Run, later: Later) -> None:
        self._add_timer(run, self._now + later.after_ms / 1000, later.do, SCREEN)

    def _do_launch(self, device: AndroidSystem, run: _Run, launch: Launch) -> None:
        device.start_activity(launch.package, launch.activity, caller=self.package)

    def _do_start_service(self, device: AndroidSystem, run: _Run, start: StartService) -> None:
        device.start_service(self.package, start.package, start.service)

    def _do_broadcast(self, device: AndroidSystem, run: _Run, broadcast: Broadcast) -> None:
        device.send_broadcast(self.package, broadcast.action, broadcast.package)

    def _do_toast(self, device: AndroidSystem, run: _Run, toast: Toast) -> None:
        device.show_toast(self.package, toast.text, long=toast.long)

    def _do_exit(self, device: AndroidSystem, run: _Run, _: bool) -> None:
        device.finish_app(self.package)

    def _do_request(self, device: AndroidSystem, run: _Run, request: Request) -> None:
        def on_result(grants: dict[str, bool]) -> None:
            with device.lock:
                if id(run.record) not in self._runs:
                    return  # the screen is gone: nobody listens for the result
                granted = all(grants.get(p, False) for p in request.permissions)
                self._do(device, run, request.on_granted if granted else request.on_denied)
            device.changed()

        device.request_permissions(self.package, list(request.permissions), on_result)
