"""Clauses 1.9 and 1.7 — no pre-checked consent to personal-information rules, no pre-checked
automatic renewal: the user must tick those boxes themselves.

Boxes come from the hierarchy and, for apps that draw them with no node (Flutter, game
engines, canvas WebViews), from the pixels of every screen state with the label read by OCR;
from the launch, the pages `--flow` walks to and the app's first-level screens (the tabs of its
bottom bar) as well, in one walk shared by both clauses.

    pytest scenarios/test_consent.py --serial emulator-5554 --app com.vendor.app [--flow steps.yaml]
"""

import time

import pytest

from harness.scenario import mark
from harness.scenario.consent import all_boxes
from harness.scenario.popups import find_tabs, pass_splash

_WALKS = pytest.StashKey[dict]()


def _walk(request, device, watcher, launch_profile, flow, harness_config):
    """(hierarchies, looks) of the screens behind a tap: a fresh launch past the splash, the
    flow's steps, then each first-level screen (tab); once per app and session, and only when
    there is a flow or the first screen shows tabs."""
    walks = request.config.stash.setdefault(_WALKS, {})
    if launch_profile.folder not in walks:
        height = device.screen().height_px
        tabs = find_tabs(launch_profile.first_screen_xml or "", launch_profile.package, height)
        walks[launch_profile.folder] = ([], []) if not (flow or tabs) else \
            _walk_trial(watcher, launch_profile, flow, harness_config, height)
    return walks[launch_profile.folder]


def _walk_trial(watcher, launch_profile, flow, harness_config, height):
    trial = watcher.trial()
    try:
        pass_splash(trial, launch_profile.splash, harness_config)
        time.sleep(harness_config.tap_settle_ms / 1000)
        for tab in find_tabs(trial.device.dump_hierarchy(), launch_profile.package, height):
            trial.device.tap(tab.x, tab.y)
            time.sleep(harness_config.tap_settle_ms / 1000)
        for step in flow:
            if step.action == "wait":
                time.sleep(step.seconds)
            elif step.action == "back":
                trial.device.back()
            else:
                where = step.target.find(trial.device.dump_hierarchy())
                if where is None:
                    break  # the rest of the flow is not reachable; what was seen is still judged
                trial.device.tap(*where)
            time.sleep(harness_config.tap_settle_ms / 1000)
        time.sleep(harness_config.tap_settle_ms / 1000)
    finally:
        trial.stop()
    return ([h.xml for h in trial.capture.hierarchies() if h.stamp.t_ms >= trial.launched_ms], trial.looks())


def _judge(request, app, launch_profile, topic, verdict, annotations, device, watcher, flow, harness_config):
    # Observe: the boxes of this kind the hands-off launch and the screens behind a tap showed, as first shown.
    dpi = device.screen().density_dpi
    behind_xml, behind_looks = _walk(request, device, watcher, launch_profile, flow, harness_config)
    hierarchies = [*launch_profile.screens_xml, *behind_xml]
    looks = [*launch_profile.looks, *behind_looks]
    verdict.measure("screens_read", len(hierarchies))
    verdict.measure("screen_states_looked_at", len(looks))
    if not hierarchies and not looks:
        verdict.conclude(observed_enough=False, reason="no hierarchy or frame of the app's screens could be read")
        return
    boxes = [b for b in all_boxes(hierarchies, looks, app, dpi) if b.topic == topic]
    for box in boxes:
        look = next((lk for lk in looks if box.source == "pixels" and lk.t_ms == box.seen_t_ms), None)
        if look is not None:
            x0, y0, x1, y1 = box.bounds
            annotations.add(look.frame, f"{topic}: {box.describe()}", [mark((x0, y0, x1 - x0, y1 - y0), box.label, "other")])
    if not boxes:
        pytest.skip(f"no {topic.replace('_', '-')} check box or switch on the screens looked at")
    # Judge.
    verdict.measure("boxes", "; ".join(b.describe() for b in boxes))
    verdict.measure("boxes_drawn_without_node", sum(b.source == "pixels" for b in boxes))
    prechecked = [b.label for b in boxes if b.checked_when_first_shown]
    verdict.measure("prechecked_boxes", len(prechecked), compare="<=", threshold=0)
    verdict.conclude()


@pytest.mark.clause("1.9")
def test_consent_is_not_prechecked(request, app, launch_profile, verdict, annotations, device, watcher, flow,
                                   harness_config):
    _judge(request, app, launch_profile, "consent", verdict, annotations, device, watcher, flow, harness_config)


@pytest.mark.clause("1.7")
def test_auto_renewal_is_not_prechecked(request, app, launch_profile, verdict, annotations, device, watcher, flow,
                                        harness_config):
    _judge(request, app, launch_profile, "auto_renew", verdict, annotations, device, watcher, flow, harness_config)
