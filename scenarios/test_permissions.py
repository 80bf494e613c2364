"""Clauses 1.10 and 1.8 — permissions are asked for when the related feature starts, one
purpose at a time, never changed behind the user's back; a refusal does not stop the app.

    pytest scenarios/test_permissions.py --serial emulator-5554 --app com.vendor.app
"""

import pytest

from harness.scenario import UNTIMED_FPS
from harness.scenario.permissions import meet_requests


def _describe(requests):
    return "; ".join(f"{r.group or r.message!r} at {r.since_launch_ms / 1000:.1f} s" for r in requests) or "none"


@pytest.mark.clause("1.10")
def test_no_permission_request_before_its_feature(app, launch_profile, watcher, verdict, harness_config):
    # Arrange + observe: the fresh, hands-off launch (nobody starts any feature).
    verdict.measure("watched_ms", round(launch_profile.watched_ms), unit="ms")
    unasked = [c for c in launch_profile.grant_changes if c.kind == "granted"]
    verdict.measure("grants_changed_without_user", "; ".join(c.permission for c in unasked) or "none",
                    compare="==", threshold="none")
    if not launch_profile.dialogs:
        verdict.measure("requests_before_any_feature", 0, compare="<=", threshold=0)
        verdict.conclude()
        return

    # Act: a fresh launch again, declining each request, to meet every one of them.
    trial = watcher.trial(clear=True, fps=UNTIMED_FPS)
    run = meet_requests(trial, harness_config, explore=False,
                        watch_ms=launch_profile.dialogs[-1].since_launch_ms + harness_config.tap_settle_ms)
    trial.stop()

    # Judge: any request with no feature started is early; several groups in a row are a bundle.
    early = [r for r in run.requests if r.since_user_action_ms is None]
    verdict.measure("requests_before_any_feature", len(early), compare="<=", threshold=0)
    verdict.measure("requests", _describe(run.requests))
    in_a_row = 1
    longest = 1 if run.requests else 0
    for previous, request in zip(run.requests, run.requests[1:]):
        quick = previous.answered_ms is not None and \
            request.since_launch_ms - previous.answered_ms <= harness_config.permission_back_to_back_ms
        in_a_row = in_a_row + 1 if quick and request.group != previous.group else 1
        longest = max(longest, in_a_row)
    verdict.measure("groups_requested_back_to_back", longest, compare="<", threshold=2)
    verdict.measure("purpose_shown_with_every_request", all(r.purpose_shown for r in run.requests))
    verdict.conclude()


@pytest.mark.clause("1.8")
def test_refusing_a_permission_keeps_the_app_usable(app, launch_profile, watcher, verdict, harness_config):
    # Act: a fresh launch, starting features like a user and declining every request.
    trial = watcher.trial(clear=True, fps=UNTIMED_FPS)
    watch_ms = (launch_profile.dialogs[-1].since_launch_ms if launch_profile.dialogs else 0) \
        + 2 * harness_config.tap_settle_ms
    run = meet_requests(trial, harness_config, explore=True, watch_ms=watch_ms)
    trial.stop()
    verdict.measure("features_started", "; ".join(run.feature_taps) or "none")
    verdict.measure("requests", _describe(run.requests))
    if not run.requests:
        pytest.skip(f"no permission requested at launch or by the {len(run.feature_taps)} features started")

    # Judge: after a refusal the app neither quits nor asks again at once.
    verdict.measure("quit_after_denial", run.quit_after_denial, compare="==", threshold=False)
    verdict.measure("asked_again_at_once", "; ".join(f"{g} after {ms / 1000:.1f} s" for g, ms in run.asked_again)
                    or "none", compare="==", threshold="none")
    verdict.measure("app_in_front_at_end", run.in_front_at_end)
    verdict.conclude()
