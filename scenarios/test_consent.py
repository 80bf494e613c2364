"""Clauses 1.9 and 1.7 — no pre-checked consent to personal-information rules, no pre-checked
automatic renewal: the user must tick those boxes themselves.

Boxes come from the hierarchy and, for apps that draw them with no node (Flutter, game
engines, canvas WebViews), from the pixels of every screen state with the label read by OCR;
with `--flow`, from the pages the flow walks to as well.

    pytest scenarios/test_consent.py --serial emulator-5554 --app com.vendor.app [--flow steps.yaml]
"""

import time

import pytest

from harness.scenario import mark
from harness.scenario.consent import all_boxes
from harness.scenario.popups import pass_splash


def _walk_flow(watcher, launch_profile, flow, harness_config):
    """The screens a flow leads to: a fresh launch past the splash, each step taken; every
    screen state of it is looked at."""
    trial = watcher.trial()
    try:
        pass_splash(trial, launch_profile.splash, harness_config)
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
    return trial


def _judge(app, launch_profile, topic, verdict, annotations, device, watcher, flow, harness_config):
    # Observe: the boxes of this kind the hands-off launch (and a flow's pages) showed, as first shown.
    dpi = device.screen().density_dpi
    hierarchies, looks = list(launch_profile.screens_xml), list(launch_profile.looks)
    if flow:
        trial = _walk_flow(watcher, launch_profile, flow, harness_config)
        hierarchies += [h.xml for h in trial.capture.hierarchies() if h.stamp.t_ms >= trial.launched_ms]
        looks += trial.looks()
    verdict.measure("screens_read", len(hierarchies))
    verdict.measure("screen_states_looked_at", len(looks))
    if not hierarchies and not looks:
        verdict.conclude(observed_enough=False, reason="no hierarchy or frame of the app's screens could be read")
        return
    boxes = [b for b in all_boxes(hierarchies, looks, app, dpi, launch_profile.launched_ms) if b.topic == topic]
    for box in boxes:
        if box.source == "pixels":
            look = next((lk for lk in looks if box.since_launch_ms is not None
                         and abs(lk.t_ms - launch_profile.launched_ms - box.since_launch_ms) < 1), None)
            if look is not None:
                x0, y0, x1, y1 = box.bounds
                annotations.add(look.frame, f"{topic}: {box.describe()}",
                                [mark((x0, y0, x1 - x0, y1 - y0), box.label, "other")],
                                launched_ms=launch_profile.launched_ms)
    if not boxes:
        pytest.skip(f"no {topic.replace('_', '-')} check box or switch on the screens looked at")
    # Judge.
    verdict.measure("boxes", "; ".join(b.describe() for b in boxes))
    verdict.measure("boxes_drawn_without_node", sum(b.source == "pixels" for b in boxes))
    prechecked = [b.label for b in boxes if b.checked_when_first_shown]
    verdict.measure("prechecked_boxes", len(prechecked), compare="<=", threshold=0)
    verdict.conclude()


@pytest.mark.clause("1.9")
def test_consent_is_not_prechecked(app, launch_profile, verdict, annotations, device, watcher, flow, harness_config):
    _judge(app, launch_profile, "consent", verdict, annotations, device, watcher, flow, harness_config)


@pytest.mark.clause("1.7")
def test_auto_renewal_is_not_prechecked(app, launch_profile, verdict, annotations, device, watcher, flow,
                                        harness_config):
    _judge(app, launch_profile, "auto_renew", verdict, annotations, device, watcher, flow, harness_config)
