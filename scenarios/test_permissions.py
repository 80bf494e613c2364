"""Clauses 1.10 and 1.8 — permissions are asked for when the related feature starts, one
purpose at a time, never changed behind the user's back; a refusal does not stop the app.
Every request met is judged: at launch, and at each feature started (a group the feature's
label or purpose text does not plausibly need is a bundle, reported with the feature).

    pytest scenarios/test_permissions.py --serial emulator-5554 --app com.vendor.app
"""

import pytest

from harness.scenario import UNTIMED_FPS
from harness.scenario.permissions import FeatureMapError, load_feature_map, meet_requests, plausible_groups
from harness.verdict import Inconclusive


def _describe(requests):
    return "; ".join(f"{r.group or r.message!r} at {r.since_launch_ms / 1000:.1f} s" for r in requests) or "none"


@pytest.mark.clause("1.10")
def test_no_permission_request_before_its_feature(request, app, launch_profile, watcher, evidence, verdict,
                                                   harness_config):
    # Arrange + observe: the fresh, hands-off launch (nobody starts any feature).
    verdict.measure("watched_ms", round(launch_profile.watched_ms), unit="ms")
    unasked = [c for c in launch_profile.grant_changes if c.kind == "granted"]
    verdict.measure("grants_changed_without_user", "; ".join(c.permission for c in unasked) or "none",
                    compare="==", threshold="none")
    try:
        feature_map = load_feature_map(harness_config.permission_feature_map)
    except FeatureMapError as e:
        raise Inconclusive(str(e)) from None

    # Act: a fresh launch declining every request, then starting the features like a user.
    run = _denial_run(request, launch_profile, watcher, evidence, harness_config)

    # Judge: a request with no feature started is early; several groups in a row at launch are a
    # bundle; at a feature, a group the feature does not plausibly need is one too.
    at_launch = [r for r in run.requests if r.since_user_action_ms is None]
    verdict.measure("requests_before_any_feature", len(at_launch), compare="<=", threshold=0)
    verdict.measure("requests", _describe(run.requests))
    verdict.measure("groups_requested_back_to_back", _longest_run(at_launch, harness_config), compare="<",
                    threshold=2)
    by_feature: dict[str, list] = {}
    for r in run.requests:
        if r.feature is not None and r.group is not None:
            by_feature.setdefault(r.feature, []).append(r)
    unrelated, most = [], 0
    for feature, requests in by_feature.items():
        groups = list(dict.fromkeys(r.group for r in requests))
        most = max(most, len(groups))
        needed = plausible_groups(requests[0].feature_words, feature_map)
        unrelated += [f"{_short(g)} at {feature!r} (needs {', '.join(map(_short, sorted(needed)))})"
                      for g in groups if needed and g not in needed]
    verdict.measure("requests_by_feature", "; ".join(
        f"{f!r}: {', '.join(dict.fromkeys(_short(r.group) for r in rs))}" for f, rs in by_feature.items()) or "none")
    verdict.measure("groups_unrelated_to_their_feature", "; ".join(unrelated) or "none", compare="==", threshold="none")
    verdict.measure("most_groups_at_one_feature", most, compare="<=", key="permission_max_groups_per_feature")
    verdict.measure("purpose_shown_with_every_request", all(r.purpose_shown for r in run.requests))
    verdict.conclude()


def _short(group):
    return group.rsplit(".", 1)[-1].lower()


def _longest_run(requests, harness_config):
    """The most different groups requested one right after another's answer."""
    in_a_row, longest = 1, 1 if requests else 0
    for previous, request in zip(requests, requests[1:]):
        quick = previous.answered_ms is not None and \
            request.since_launch_ms - previous.answered_ms <= harness_config.permission_back_to_back_ms
        in_a_row = in_a_row + 1 if quick and request.group != previous.group else 1
        longest = max(longest, in_a_row)
    return longest


_RUNS = pytest.StashKey[dict]()


def _denial_run(request, launch_profile, watcher, evidence, harness_config):
    """One run per app and session, shared by 1.10 and 1.8: a fresh launch declining every
    request and starting the labelled features (its frames are in the first test's evidence)."""
    runs = request.config.stash.setdefault(_RUNS, {})
    if launch_profile.folder not in runs:
        trial = watcher.trial(clear=True, fps=UNTIMED_FPS)
        watch_ms = (launch_profile.dialogs[-1].since_launch_ms if launch_profile.dialogs else 0) \
            + 2 * harness_config.tap_settle_ms
        try:
            runs[launch_profile.folder] = (meet_requests(trial, harness_config, explore=True, watch_ms=watch_ms),
                                           str(evidence.root))
        finally:
            trial.stop()
    run, folder = runs[launch_profile.folder]
    evidence.event("denial_run", folder=folder)
    return run


@pytest.mark.clause("1.8")
def test_refusing_a_permission_keeps_the_app_usable(request, app, launch_profile, watcher, evidence, verdict,
                                                    harness_config):
    # Act: a fresh launch, starting features like a user and declining every request.
    run = _denial_run(request, launch_profile, watcher, evidence, harness_config)
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
