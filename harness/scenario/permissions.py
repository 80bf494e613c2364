"""Meeting runtime permission requests as a user who declines them.

The run answers every system permission dialog with "Don't allow" and watches what the app
does next: asks again at once, quits, or carries on. With `explore`, it also starts the app's
features the way a user would (tapping the labelled controls of the first screen, and the
go-ahead button of a purpose screen that comes up) so that requests made on demand are met.
"""

from __future__ import annotations

import time
from dataclasses import dataclass, field

from ..config import HarnessConfig
from ..hierarchy import HierarchyError, Node, parse_nodes
from ..probes.permission_dialog import CONTROLLER_PACKAGES, PermissionDialog, find_permission_dialog
from ..vision.config import CLOSE_WORDS_EN, CLOSE_WORDS_ZH
from .trial import Trial

POLL_S = 0.25
DENY_BUTTONS = ("permission_deny_button", "permission_deny_and_dont_ask_again_button")
ALLOW_BUTTONS = ("permission_allow_foreground_only_button", "permission_allow_button", "permission_allow_all_button",
                 "permission_allow_one_time_button")
#: Words of a screen that says why a permission is wanted (shown before or with the request).
PURPOSE_WORDS = ("用于", "需要", "目的", "以便", "为了", "用来", "获取", "权限", "purpose", "needs", "need ", "to use",
                 "so that", "in order to", "permission")


@dataclass(frozen=True)
class Request:
    since_launch_ms: float
    group: str | None
    message: str
    since_user_action_ms: float | None  # None: no user action before it
    purpose_shown: bool
    answered_ms: float | None  # when it was denied (None: could not be answered)


@dataclass
class DenialRun:
    requests: list[Request] = field(default_factory=list)
    quit_after_denial: bool = False
    asked_again: list[tuple[str, float]] = field(default_factory=list)  # group, ms after the denial
    feature_taps: list[str] = field(default_factory=list)
    in_front_at_end: bool = True


def _texts(nodes: list[Node], package: str) -> list[str]:
    return [t for n in nodes if n.package == package for t in (n.text, n.content_desc) if t]


def _nodes(xml: str) -> list[Node]:
    try:
        return parse_nodes(xml)
    except HierarchyError:
        return []


def _declines(text: str) -> bool:
    t = text.replace(" ", "").lower()
    return any(w in t for w in CLOSE_WORDS_ZH) or t in CLOSE_WORDS_EN


def feature_controls(nodes: list[Node], package: str) -> list[Node]:
    """Labelled, enabled, clickable controls of the app that do not dismiss or decline."""
    return [n for n in nodes if n.package == package and n.clickable and n.enabled and n.bounds
            and (n.text or n.content_desc) and not _declines(n.text or n.content_desc)
            and "CheckBox" not in n.cls and "Switch" not in n.cls]


def has_purpose(texts: list[str]) -> bool:
    return any(w in t.lower() for t in texts for w in PURPOSE_WORDS)


def meet_requests(trial: Trial, config: HarnessConfig, explore: bool, watch_ms: float) -> DenialRun:
    """Watch at least `watch_ms` from launch, and a while after every denial or feature tap."""
    run = DenialRun()
    package = trial.package
    last_action: float | None = None  # ms since launch of the last user action
    last_denial: dict[str, float] = {}
    seen_texts: list[str] = []
    tried: set[str] = set()
    end = watch_ms
    quiet_since = trial.elapsed_ms()
    while trial.elapsed_ms() < end + config.tap_settle_ms:
        xml = trial.device.dump_hierarchy()
        nodes = _nodes(xml)
        dialog = find_permission_dialog(xml)
        now = trial.elapsed_ms()
        if dialog is not None:
            denied = deny(trial, dialog)
            group = dialog.group or dialog.message
            if group in last_denial and (last_action is None or last_action < last_denial[group]):
                run.asked_again.append((group, now - last_denial[group]))
            run.requests.append(Request(now, dialog.group, dialog.message,
                                        None if last_action is None else now - last_action,
                                        has_purpose(seen_texts + _texts(nodes, package)),
                                        trial.elapsed_ms() if denied else None))
            if not denied:
                break
            last_denial[group] = trial.elapsed_ms()
            quiet_since = trial.elapsed_ms()
            end = max(end, quiet_since + _watch_after(config))
            continue
        fg = trial.device.foreground()
        if fg.package != package and fg.package not in CONTROLLER_PACKAGES:
            run.quit_after_denial = bool(last_denial)
            run.in_front_at_end = False
            break
        seen_texts = _texts(nodes, package)
        if explore and now - quiet_since >= config.tap_settle_ms and len(run.feature_taps) < config.explore_max_taps:
            control = next((n for n in feature_controls(nodes, package)
                            if (n.text or n.content_desc) not in tried), None)
            if control is not None and control.bounds is not None:
                label = control.text or control.content_desc
                tried.add(label)
                x0, y0, x1, y1 = control.bounds
                trial.device.tap((x0 + x1) / 2, (y0 + y1) / 2)
                run.feature_taps.append(label)
                last_action = quiet_since = trial.elapsed_ms()
                end = max(end, last_action + _watch_after(config))
                continue
        time.sleep(POLL_S)
    return run


def _watch_after(config: HarnessConfig) -> float:
    """How long to watch after a tap or an answer for what it brings (a slow device, a purpose
    screen that leads to the request) before taking it that nothing comes."""
    return max(3 * config.tap_settle_ms, 3000)


def deny(trial: Trial, dialog: PermissionDialog) -> bool:
    """Tap the dialog's "Don't allow"; False when it has none to tap."""
    return press(trial, dialog, DENY_BUTTONS)


def press(trial: Trial, dialog: PermissionDialog, ids: tuple[str, ...]) -> bool:
    """Tap the first of the dialog's buttons `ids` it shows; False when it shows none."""
    button = next((dialog.button(i) for i in ids if dialog.button(i) and dialog.button(i).centre), None)
    if button is None or button.centre is None:
        return False
    trial.device.tap(*button.centre)
    time.sleep(0.3)
    return True
