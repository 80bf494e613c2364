"""Observation probes, all from device output: the permission grant dialog in a hierarchy,
grant-state snapshots and diffs, a logcat follower with typed events, foreground changes.

    from harness.probes import find_permission_dialog, grants, LogcatFollower, ForegroundWatcher
"""

from ..hierarchy import HierarchyError, Node, parse_nodes, parse_xml
from . import grants
from .bound import Probes
from .follower import LogcatFollower
from .foreground import ForegroundChange, ForegroundTracker, ForegroundWatcher
from .grants import Grant, GrantChange, GrantSnapshot
from .logcat import (
    ActivityDisplayed,
    ActivityStart,
    Anr,
    BroadcastDelivery,
    Crash,
    Event,
    EventParser,
    LineParser,
    LogLine,
    PermissionResult,
    ProcessDied,
    ProcessStart,
    ServiceStart,
    parse_text,
)
from .permission_dialog import (
    GROUP_OF,
    DialogButton,
    PermissionDialog,
    app_label,
    dialog_from_nodes,
    find_permission_dialog,
    permission_group,
)
from .uids import UidResolver

__all__ = [
    "GROUP_OF", "ActivityDisplayed", "ActivityStart", "Anr", "BroadcastDelivery", "Crash", "DialogButton", "Event",
    "EventParser", "ForegroundChange", "ForegroundTracker", "ForegroundWatcher", "Grant", "GrantChange",
    "GrantSnapshot", "HierarchyError", "LineParser", "LogLine", "LogcatFollower", "Node", "PermissionDialog",
    "PermissionResult", "ProcessDied", "ProcessStart", "Probes", "ServiceStart", "UidResolver", "app_label",
    "dialog_from_nodes", "find_permission_dialog", "grants", "parse_nodes", "parse_text", "parse_xml",
    "permission_group",
]
