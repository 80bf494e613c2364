"""Clause 1.6 — no self-start or associated start: the app does not start other apps'
activities, services or broadcasts receivers without the user asking.

    pytest scenarios/test_autostart.py --serial emulator-5554 --app com.vendor.app
"""

import pytest

from harness.scenario.starts import SYSTEM_PACKAGES, other_app_starts


@pytest.mark.clause("1.6")
def test_no_start_of_other_apps_without_user_action(app, launch_profile, verdict, harness_config):
    # Observe: logcat and the foreground through the hands-off launch (no user action at all).
    if launch_profile.logcat_error or not launch_profile.starts:
        verdict.conclude(observed_enough=False, reason=launch_profile.logcat_error
                         or "logcat gave no activity-manager events for the launch")
        return
    starts = other_app_starts(launch_profile.starts, app, window_ms=harness_config.user_action_window_ms)
    others_in_front = sorted({c.after.package for c in launch_profile.foreground
                              if c.after.package not in (app, *SYSTEM_PACKAGES)})
    # Judge.
    verdict.measure("watched_ms", round(launch_profile.watched_ms), unit="ms")
    verdict.measure("starts_of_other_apps", "; ".join(s.describe() for s in starts) or "none",
                    compare="==", threshold="none")
    verdict.measure("other_apps_in_front", ", ".join(others_in_front) or "none")
    verdict.conclude()

