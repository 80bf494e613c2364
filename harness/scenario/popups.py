"""Meeting the app's pop-ups as a user would: pass the splash, watch (and walk an optional
flow), and close each pop-up with its close control, noting where every close led."""

from __future__ import annotations

import time
from collections.abc import Sequence
from dataclasses import dataclass

from ..config import HarnessConfig
from ..flow import Step
from ..probes.permission_dialog import find_permission_dialog
from ..vision import CloseControl
from ..vision.types import box_center
from .looks import Look
from .permissions import deny
from .profile import LaunchProfile, is_app_popup
from .splash import SplashWatch, best_control
from .trial import Landing, Resting, Trial, decode

POLL_S = 0.25


@dataclass(frozen=True)
class Encounter:
    look: Look  # the pop-up's first look
    since_launch_ms: float
    control: CloseControl | None
    landing: Landing | None  # where tapping the close control led
    back_closed: bool | None  # when back was tried: did it close the pop-up


@dataclass(frozen=True)
class PopupRun:
    encounters: tuple[Encounter, ...]
    watched_ms: float  # from launch to the end of watching
    steps_done: int
    stuck: str | None  # why watching ended early (a pop-up that would not close, a jump)


def popups_per_minute(times_ms: Sequence[float], watched_ms: float) -> float:
    """Pop-ups per minute: from the spacing of successive pop-ups when there are several (a
    pop-up back 10 s after its close is 6 a minute, however short the watch), else the count
    over the watch, taken as at least a minute (one pop-up in 10 s is not 6 a minute)."""
    if len(times_ms) >= 2 and times_ms[-1] > times_ms[0]:
        return (len(times_ms) - 1) * 60_000 / (times_ms[-1] - times_ms[0])
    return len(times_ms) * 60_000 / max(watched_ms, 60_000)


def pass_splash(trial: Trial, splash: SplashWatch, config: HarnessConfig) -> None:
    """Get past the splash as a user would: tap its close control once it shows, else wait."""
    if splash.control is not None and splash.visible_ms is not None:
        trial.sleep_until(splash.visible_ms)
        trial.device.tap(*box_center(splash.control.bbox))
        time.sleep(config.tap_settle_ms / 1000)
    elif splash.left_ms is not None:
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
    gone = not (looks and looks[-1].t_ms >= stamp.t_ms - 1000 and is_app_popup(looks[-1]))
    return gone and trial.device.foreground().package == trial.package


def meet_popups(trial: Trial, splash: SplashWatch, config: HarnessConfig, flow: Sequence[Step] = ()) -> PopupRun:
    pass_splash(trial, splash, config)
    end_ms = max(config.observe_s * 1000, trial.elapsed_ms() + 1000)
    cap_ms = end_ms + 60_000  # the rate's unit: a minute of use beyond the first screens
    handled_ms = trial.launched_ms + trial.elapsed_ms()  # looks before this were dealt with
    encounters: list[Encounter] = []
    steps = list(flow)
    done = 0
    stuck = None
    while stuck is None:
        looks = [look for look in trial.looks() if look.state.end_ms > handled_ms]  # on screen since
        popup_index = next((i for i, look in enumerate(looks) if is_app_popup(look)), None)
        if popup_index is not None:
            look = looks[popup_index]
            before = looks[popup_index - 1] if popup_index else None
            encounter, stuck = _handle(trial, _with_hierarchy(trial, look, config), before, config)
            encounters.append(encounter)
            handled_ms = trial.launched_ms + trial.elapsed_ms()
            times = [e.since_launch_ms for e in encounters]
            if len(times) >= 2 and popups_per_minute(times, trial.elapsed_ms()) > config.popups_per_minute:
                break  # frequent already: watching longer cannot change that
            end_ms = min(max(end_ms, trial.elapsed_ms() + config.popup_return_watch_s * 1000), cap_ms)
            continue
        if steps:
            stuck = _step(trial, steps.pop(0), config)
            done += stuck is None
            end_ms = min(max(end_ms, trial.elapsed_ms() + config.popup_return_watch_s * 1000), cap_ms)
            continue
        if trial.elapsed_ms() >= end_ms:
            break
        time.sleep(POLL_S)
    return PopupRun(tuple(encounters), trial.elapsed_ms(), done, stuck)


def _with_hierarchy(trial: Trial, look: Look, config: HarnessConfig) -> Look:
    """The same look once a hierarchy dumped while it showed has been fused (waiting at most
    two dump intervals): the hierarchy confirms controls and gives their touch targets."""
    deadline = time.monotonic() + 2 * config.hierarchy_interval_ms / 1000
    while look.hierarchy is None and time.monotonic() < deadline:
        time.sleep(0.1)
        look = next((lk for lk in trial.looks() if lk.frame.index == look.frame.index), look)
    return look


def _handle(trial: Trial, look: Look, before: Look | None, config: HarnessConfig) -> tuple[Encounter, str | None]:
    since = trial.since_launch(look.t_ms)
    if not look.controls:
        closed = try_back(trial, config)
        return Encounter(look, since, None, None, closed), None if closed else "a pop-up with no close control " \
                                                                               "that back does not close"
    control = best_control(look)
    landing = trial.tap_and_judge(*box_center(control.bbox), is_app_popup,
                                  Resting(trial.device.foreground(), decode(before.frame) if before else None))
    if landing.kind == "closed":
        return Encounter(look, since, control, landing, None), None
    if landing.kind == "stayed":
        closed = try_back(trial, config)
        return Encounter(look, since, control, landing, closed), None if closed else "a pop-up that neither its " \
                                                                                     "close control nor back closes"
    return Encounter(look, since, control, landing, None), f"the close control led away: {landing.describe()}"


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
