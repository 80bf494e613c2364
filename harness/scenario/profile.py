"""The app's hands-off launch, observed once per app and session and shared by the scenarios.

A fresh start (`pm clear`), then nothing but watching for `observe_s` (and until any splash
has gone): what the splash did, the first pop-up and the screen before it, system permission
dialogs, the first screen's hierarchy, starts of other packages in logcat and every foreground
change. Scenarios judge what needs no input from this (1.6, 1.7, 1.9, 1.10 at launch) and use
it to know where to act (a splash's control, whether there is a pop-up to test at all).
"""

from __future__ import annotations

import time
from dataclasses import dataclass, replace

from ..capture import Hierarchy
from ..config import HarnessConfig
from ..device.session import DeviceSession
from ..probes import Probes, grants
from ..probes.foreground import ForegroundChange
from ..probes.grants import GrantChange
from ..probes.logcat import Event
from ..probes.permission_dialog import CONTROLLER_PACKAGES, PermissionDialog, find_permission_dialog
from ..sink import EvidenceSink
from .looks import Look
from .splash import SplashWatch, watch_splash
from .trial import Trial, Watcher

POLL_S = 0.25


@dataclass(frozen=True)
class DialogSighting:
    since_launch_ms: float
    dialog: PermissionDialog


@dataclass(frozen=True)
class LaunchProfile:
    package: str
    folder: str  # the profile's own evidence folder
    launched_ms: float  # on the session's shared clock
    watched_ms: float
    splash: SplashWatch
    first_screen_xml: str | None  # the app's first screen after any splash
    screens_xml: tuple[str, ...]  # every hierarchy dumped during the launch, in order (after the splash too)
    first_screen: Look | None
    looks: tuple[Look, ...]  # every screen state of the launch, first frame each (what was drawn, for pixel checks)
    popup: Look | None  # the first pop-up of the app itself (not a system dialog)
    before_popup: Look | None  # the last look before it, a reference for "closed"
    dialogs: tuple[DialogSighting, ...]  # permission dialogs, in order, first sighting of each
    starts: tuple[Event, ...]  # logcat events (activity/service/broadcast starts …)
    foreground: tuple[ForegroundChange, ...]
    grant_changes: tuple[GrantChange, ...]  # between the fresh state and the end (nobody answered anything)
    capture_ok: bool
    logcat_error: str | None  # why logcat stopped early: then `starts` may be incomplete

    def since_launch(self, t_ms: float) -> float:
        return t_ms - self.launched_ms


def is_app_popup(look: Look) -> bool:
    """A pop-up window of the app (a system permission dialog is judged apart)."""
    window = look.window
    if window is None or window.kind == "fullscreen" and not window.close_controls:
        return False
    xml = look.hierarchy.xml if look.hierarchy else ""
    return not any(p in xml for p in CONTROLLER_PACKAGES)


def _slim(look: Look | None) -> Look | None:
    """Keep a look's first frame only: a profile lives for the session."""
    if look is None:
        return None
    return replace(look, state=replace(look.state, frames=look.state.frames[:1]))


def observe_launch(device: DeviceSession, package: str, config: HarnessConfig, sink: EvidenceSink | None,
                   folder: str = "") -> LaunchProfile:
    watcher = Watcher(device, package, config, sink)
    probes = Probes(device, sink)
    logcat = probes.logcat()
    foreground = probes.watch_foreground()
    try:
        device.clear_data(package)
        grants_before = probes.grants(package)
        trial = watcher.trial()
        splash = watch_splash(trial, config)
        settled = (splash.left_ms or 0) + config.tap_settle_ms
        popup = before = None
        while trial.elapsed_ms() < max(config.observe_s * 1000, settled):
            looks = trial.looks()
            if popup is None:
                for previous, look in zip([None, *looks], looks):
                    if trial.since_launch(look.t_ms) >= settled - config.tap_settle_ms and is_app_popup(look):
                        popup, before = look, previous
                        break
            time.sleep(POLL_S)
        trial.stop()
        looks = trial.looks()
        dialogs = _dialogs(trial.capture.hierarchies(), trial)
        first = next((look for look in looks if trial.since_launch(look.t_ms) >= settled - config.tap_settle_ms
                      and look.hierarchy is not None), None)
        return LaunchProfile(
            package=package, folder=folder, launched_ms=trial.launched_ms, watched_ms=trial.elapsed_ms(),
            splash=replace(splash, control_look=_slim(splash.control_look)),
            first_screen_xml=first.hierarchy.xml if first and first.hierarchy else None, first_screen=_slim(first),
            looks=tuple(_slim(look) for look in looks),
            screens_xml=tuple(h.xml for h in trial.capture.hierarchies() if h.stamp.t_ms >= trial.launched_ms),
            popup=_slim(popup), before_popup=_slim(before),
            dialogs=dialogs,
            starts=tuple(logcat.events()), foreground=tuple(foreground.changes()),
            grant_changes=tuple(grants.diff(grants_before, probes.grants(package))),
            capture_ok=trial.capture.state != "error", logcat_error=logcat.error)
    finally:
        watcher.close()
        probes.close()


def _dialogs(hierarchies: list[Hierarchy], trial: Trial) -> tuple[DialogSighting, ...]:
    """Each permission dialog at its first sighting (a dialog stays until answered)."""
    seen: dict[str, DialogSighting] = {}
    for h in hierarchies:
        if h.stamp.t_ms < trial.launched_ms:
            continue
        dialog = find_permission_dialog(h.xml)
        if dialog is not None:
            seen.setdefault(dialog.group or dialog.message, DialogSighting(trial.since_launch(h.stamp.t_ms), dialog))
    return tuple(seen.values())
