"""Starts of other apps by the app under test (self-start and associated start, 关联启动).

From logcat: activity starts, service starts and broadcasts whose caller is the app and whose
target is another, non-system package; a start within `window_ms` after a user action counts
as the user's doing, not the app's.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass

from ..probes.logcat import ActivityStart, BroadcastDelivery, Event, ServiceStart

#: Packages of the system itself: reaching them is not starting "another app".
SYSTEM_PACKAGES = ("android", "com.android.systemui", "com.android.permissioncontroller",
                   "com.google.android.permissioncontroller", "com.android.settings", "com.android.launcher3",
                   "com.google.android.apps.nexuslauncher", "com.android.shell")


@dataclass(frozen=True)
class OtherStart:
    kind: str  # activity / service / broadcast
    target: str  # package
    component: str | None
    t_ms: float | None  # when the harness read it, on the shared clock

    def describe(self) -> str:
        return f"{self.kind} {self.component or self.target}"


def _caller_and_target(event: Event) -> tuple[str | None, str | None, str, str | None]:
    if isinstance(event, ActivityStart):
        return event.caller_package, event.package, "activity", event.component
    if isinstance(event, ServiceStart):
        return event.caller_package, event.package, "service", event.component
    if isinstance(event, BroadcastDelivery):
        return event.caller_package, event.package, "broadcast", event.receiver
    return None, None, "", None


def other_app_starts(events: Iterable[Event], package: str, user_actions_ms: Sequence[float] = (),
                     window_ms: float = 0.0) -> list[OtherStart]:
    found = []
    for event in events:
        caller, target, kind, component = _caller_and_target(event)
        if caller != package or target is None or target == package or target in SYSTEM_PACKAGES:
            continue
        t = event.received.t_ms if event.received else None
        if t is not None and any(0 <= t - a <= window_ms for a in user_actions_ms):
            continue
        found.append(OtherStart(kind, target, component, t))
    return found
