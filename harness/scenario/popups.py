"""Meeting the app's pop-ups as a user would: pass the splash, watch (and walk an optional
flow), and close each pop-up with its close control, noting where every close led."""

from __future__ import annotations

import time
from collections.abc import Sequence
from dataclasses import dataclass

from ..config import HarnessConfig
from ..device.session import Foreground
from ..flow import Step
from ..hierarchy import HierarchyError, parse_nodes
from ..probes.permission_dialog import find_permission_dialog
from ..vision import CloseControl
from ..vision.types import box_center
from .looks import Look
from .permissions import deny
from .profile import LaunchProfile, is_app_popup
from .splash import SplashWatch, best_control, is_splash_window
from .trial import Landing, Resting, Trial, decode

POLL_S = 0.25
#: A bottom navigation bar lies in this fraction of the screen's height (the system's own bar
#: below it included), its items on one row (centres within `TAB_ROW` of the height), each
#: lower than `TAB_HEIGHT` of it.
TAB_BAND = 0.2
TAB_ROW = 0.03
TAB_HEIGHT = 0.1


@dataclass(frozen=True)
class Encounter:
    look: Look  # the pop-up's first look
    since_launch_ms: float
    control: CloseControl | None  # the last close control tapped
    landing: Landing | None  # where the last tap on a close control led
    back_closed: bool | None  # when back was tried: did it close the pop-up
    taps: int = 0  # taps on close controls made on this pop-up (a confirmation dialog's included)
    returned: bool = False  # shown again after a pop-up was closed on the same page, with no user action between

    @property
    def closed_by_taps(self) -> bool:
        return self.landing is not None and self.landing.kind == "closed"


@dataclass(frozen=True)
class PopupRun:
    encounters: tuple[Encounter, ...]
    watched_ms: float  # from launch to the end of watching
    steps_done: int
    stuck: str | None  # why watching ended early (a pop-up that would not close, a jump)
    tabs_found: tuple[str, ...] = ()  # first-level screens (tabs) found on the main screen
    tabs_visited: tuple[str, ...] = ()
    budget_spent: bool = False  # `popup_budget_s` ran out before everything was visited


@dataclass(frozen=True)
class Tab:
    label: str
    x: float
    y: float


def find_tabs(xml: str, package: str, height: int) -> list[Tab]:
    """The app's first-level screens: labelled nodes of the app on one row in the bottom band of
    the screen (a bottom navigation bar), left to right; none when there is no such row."""
    try:
        nodes = parse_nodes(xml)
    except HierarchyError:
        return []
    band = [n for n in nodes if n.package == package and n.bounds is not None and (n.text or n.content_desc)
            and (n.bounds[1] + n.bounds[3]) / 2 > (1 - TAB_BAND) * height
            and n.bounds[3] - n.bounds[1] < TAB_HEIGHT * height]
    rows: dict[int, dict[str, Tab]] = {}
    for n in band:
        assert n.bounds is not None
        x, y = (n.bounds[0] + n.bounds[2]) / 2, (n.bounds[1] + n.bounds[3]) / 2
        row = rows.setdefault(round(y / (TAB_ROW * height)), {})
        row.setdefault(n.text or n.content_desc, Tab(n.text or n.content_desc, x, y))
    best = max(rows.values(), key=len, default={})
    return sorted(best.values(), key=lambda t: t.x) if len(best) >= 2 else []


def popups_per_minute(times_ms: Sequence[float], watched_ms: float) -> float:
    """Pop-ups per minute: from the spacing of successive pop-ups when there are several (a
    pop-up back 10 s after its close is 6 a minute, however short the watch), else the count
    over the watch, taken as at least a minute (one pop-up in 10 s is not 6 a minute)."""
    if len(times_ms) >= 2 and times_ms[-1] > times_ms[0]:
        return (len(times_ms) - 1) * 60_000 / (times_ms[-1] - times_ms[0])
    return len(times_ms) * 60_000 / max(watched_ms, 60_000)


def pass_splash(trial: Trial, splash: SplashWatch, config: HarnessConfig) -> None:
    """Get past the splash as a user would: tap its close control once it shows, else wait; a
    splash that ignored the tap is waited out (it is the splash scenario's to judge, no pop-up)."""
    if splash.control is not None and splash.visible_ms is not None:
        trial.sleep_until(splash.visible_ms)
        trial.device.tap(*box_center(splash.control.bbox))
        time.sleep(config.tap_settle_ms / 1000)
        latest = trial.latest()
        if latest is None or not is_splash_window(latest):
            return
    if splash.left_ms is not None:
        trial.sleep_until(splash.left_ms + config.tap_settle_ms)


def reach_main_screen(trial: Trial, profile: LaunchProfile, config: HarnessConfig) -> None:
    """Get to the app's main screen as a user would: past the splash, declining permission
    requests, closing the launch pop-up the profile saw; then wait until the screen is still."""
    pass_splash(trial, profile.splash, config)
    handled = False
    for _ in range(6):
        dialog = find_permission_dialog(trial.device.dump_hierarchy())
        if dialog is not None:
            deny(trial, dialog)
            continue
        if profile.popup is not None and not handled:
            handled = True
            look = trial.wait_look(is_app_popup, until_ms=profile.since_launch(profile.popup.t_ms) + 3000)
            if look is not None and look.controls:
                trial.device.tap(*box_center(best_control(look).bbox))
                time.sleep(config.tap_settle_ms / 1000)
                continue
        break
    wait_still(trial, config.tap_settle_ms, timeout_ms=trial.elapsed_ms() + 5000)


def wait_still(trial: Trial, still_ms: float, timeout_ms: float) -> bool:
    """Wait until the screen has not changed for `still_ms` (False when it kept changing)."""
    while trial.elapsed_ms() < timeout_ms:
        latest = trial.latest()
        if latest is not None and trial.elapsed_ms() - trial.since_launch(latest.t_ms) >= still_ms:
            return True
        time.sleep(POLL_S)
    return False


def try_back(trial: Trial, config: HarnessConfig) -> bool:
    """Press back on a pop-up: True when it went and the app stayed in front."""
    stamp = trial.device.back()
    time.sleep(config.tap_settle_ms / 1000)
    frame = trial.frame_after(trial.device.clock.now().t_ms)
    looks = [look for look in trial.looks() if frame is None or look.t_ms <= frame.stamp.t_ms]
    # the screen shown once back has settled: a pop-up still there (its state may have begun long
    # before the key) did not go
    gone = not (looks and looks[-1].state.end_ms >= stamp.t_ms and is_app_popup(looks[-1]))
    return gone and trial.device.foreground().package == trial.package


def meet_popups(trial: Trial, splash: SplashWatch, config: HarnessConfig, flow: Sequence[Step] = ()) -> PopupRun:
    """Pass the splash, walk the flow, watch the main screen until `popup_watch_s` after launch,
    then each first-level screen (tab) for `popup_tab_dwell_s`, all within `popup_budget_s`;
    close every pop-up met with its close control."""
    pass_splash(trial, splash, config)
    home = splash.resting.foreground if splash.resting is not None else None
    end_ms = max(config.popup_watch_s * 1000, trial.elapsed_ms() + 1000)
    budget_ms = config.popup_budget_s * 1000
    handled_ms = trial.launched_ms + trial.elapsed_ms()  # looks before this were dealt with
    encounters: list[Encounter] = []
    steps = list(flow)
    tabs: list[Tab] | None = None  # looked for once the main screen has been watched
    found: tuple[str, ...] = ()
    visited: list[str] = []
    actions = 0  # user actions so far (flow steps, tab taps): a pop-up after one is no return
    closed_on: tuple[str, int] | None = None  # (page, actions) when the last pop-up was closed
    done = 0
    stuck = None
    spent = False
    while stuck is None:
        if trial.elapsed_ms() >= budget_ms:
            spent = True
            break
        looks = [look for look in trial.looks() if look.state.end_ms > handled_ms]  # on screen since
        popup_index = next((i for i, look in enumerate(looks) if is_app_popup(look)), None)
        if popup_index is not None:
            look = _with_hierarchy(trial, looks[popup_index], config)
            # the hierarchy dumped while this screen showed, else one dumped now
            dialog = find_permission_dialog(look.hierarchy.xml if look.hierarchy is not None
                                            else trial.device.dump_hierarchy())
            if dialog is not None or not is_app_popup(look):
                # a system permission dialog, known once a hierarchy shows it: declined as a
                # user would, and judged by the permission scenarios (1.10), not as a pop-up
                if dialog is not None:
                    deny(trial, dialog)
                    actions += 1
                handled_ms = trial.launched_ms + trial.elapsed_ms()
                continue
            before = looks[popup_index - 1] if popup_index else None
            page = trial.device.foreground().activity
            returned = closed_on == (page, actions)
            encounter, stuck = _handle(trial, look, before, home, returned, config)
            encounters.append(encounter)
            closed_on = (page, actions) if encounter.closed_by_taps or encounter.back_closed else None
            handled_ms = trial.launched_ms + trial.elapsed_ms()
            times = [e.since_launch_ms for e in encounters]
            if len(times) >= 2 and popups_per_minute(times, trial.elapsed_ms()) > config.popups_per_minute:
                break  # frequent already: watching longer cannot change that
            end_ms = max(end_ms, trial.elapsed_ms() + config.popup_return_watch_s * 1000)
            continue
        if steps:
            stuck = _step(trial, steps.pop(0), config)
            done += stuck is None
            actions += 1
            end_ms = max(end_ms, trial.elapsed_ms() + config.popup_return_watch_s * 1000)
            continue
        if trial.elapsed_ms() >= end_ms:
            if tabs is None and config.popup_tab_dwell_s > 0:
                tabs = find_tabs(trial.device.dump_hierarchy(), trial.package, trial.device.screen().height_px)
                found = tuple(t.label for t in tabs)
                tabs = tabs[1:]  # the first is the main screen just watched
            if not tabs:
                break
            tab = tabs.pop(0)
            trial.device.tap(tab.x, tab.y)
            visited.append(tab.label)
            actions += 1
            end_ms = trial.elapsed_ms() + config.popup_tab_dwell_s * 1000
            continue
        time.sleep(POLL_S)
    return PopupRun(tuple(encounters), trial.elapsed_ms(), done, stuck, found, tuple(visited), spent)


def _with_hierarchy(trial: Trial, look: Look, config: HarnessConfig) -> Look:
    """The same look once a hierarchy dumped while it showed has been fused (waiting at most
    two dump intervals): the hierarchy confirms controls and gives their touch targets."""
    deadline = time.monotonic() + 2 * config.hierarchy_interval_ms / 1000
    while look.hierarchy is None and time.monotonic() < deadline:
        time.sleep(0.1)
        look = next((lk for lk in trial.looks() if lk.frame.index == look.frame.index), look)
    return look


def _handle(trial: Trial, look: Look, before: Look | None, home: Foreground | None, returned: bool,
            config: HarnessConfig) -> tuple[Encounter, str | None]:
    since = trial.since_launch(look.t_ms)
    if not look.controls:
        closed = try_back(trial, config)
        return Encounter(look, since, None, None, closed, 0, returned), \
            None if closed else "a pop-up with no close control that back does not close"
    # Where the app rests without the pop-up: this page, or the app's own main screen when the
    # pop-up covers a screen before it (a splash's control that leads into the app closes it).
    page = trial.device.foreground()
    resting = Resting(home, None) if home is not None and page != home \
        else Resting(page, decode(before.frame) if before else None)
    first, taps = look, 0
    while True:  # a close that asks again ("are you sure?") is tapped through, and counted
        control = best_control(look)
        landing = trial.tap_and_judge(*box_center(control.bbox), is_app_popup, resting)
        taps += 1
        if landing.kind != "stayed" or taps > config.close_max_taps:
            break
        latest = trial.latest()
        if latest is None or not is_app_popup(latest) or not latest.controls:
            break
        look = _with_hierarchy(trial, latest, config)
    if landing.kind == "closed":
        return Encounter(first, since, control, landing, None, taps, returned), None
    if landing.kind == "stayed":
        closed = try_back(trial, config)
        return Encounter(first, since, control, landing, closed, taps, returned), \
            None if closed else "a pop-up that neither its close control nor back closes"
    return Encounter(first, since, control, landing, None, taps, returned), \
        f"the close control led away: {landing.describe()}"


def _step(trial: Trial, step: Step, config: HarnessConfig) -> str | None:
    if step.action == "wait":
        time.sleep(step.seconds)
    elif step.action == "back":
        trial.device.back()
    else:
        assert step.target is not None
        where = step.target.find(trial.device.dump_hierarchy())
        if where is None:
            return f"flow step tap {step.target.describe()}: not on screen"
        trial.device.tap(*where)
    time.sleep(config.tap_settle_ms / 1000)
    return None
