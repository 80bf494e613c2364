"""Clauses 1.9 and 1.7 — no pre-checked consent to personal-information rules, no pre-checked
automatic renewal: the user must tick those boxes themselves.

    pytest scenarios/test_consent.py --serial emulator-5554 --app com.vendor.app
"""

import pytest

from harness.scenario.consent import find_boxes


def _judge(launch_profile, topic, verdict):
    # Observe: the boxes of this kind the hands-off launch showed, as first shown.
    boxes = [b for b in find_boxes(launch_profile.screens_xml, launch_profile.package) if b.topic == topic]
    verdict.measure("screens_read", len(launch_profile.screens_xml))
    if not launch_profile.screens_xml:
        verdict.conclude(observed_enough=False, reason="no hierarchy of the app's screens could be read")
        return
    if not boxes:
        pytest.skip(f"no {topic.replace('_', '-')} check box on the first screens")
    # Judge.
    verdict.measure("boxes", "; ".join(f"{b.label!r} {'checked' if b.checked_when_first_shown else 'unchecked'}"
                                       for b in boxes))
    prechecked = [b.label for b in boxes if b.checked_when_first_shown]
    verdict.measure("prechecked_boxes", len(prechecked), compare="<=", threshold=0)
    verdict.conclude()


@pytest.mark.clause("1.9")
def test_consent_is_not_prechecked(app, launch_profile, verdict):
    _judge(launch_profile, "consent", verdict)


@pytest.mark.clause("1.7")
def test_auto_renewal_is_not_prechecked(app, launch_profile, verdict):
    _judge(launch_profile, "auto_renew", verdict)
