"""How Android prints its objects: identity hashes, ActivityRecords, windows, components."""

from __future__ import annotations

import time
import zlib
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from ...android.system import ActivityRecord


def identity(*key: object) -> str:
    """A stable stand-in for Java's identity hash (`Integer.toHexString(System.identityHashCode)`)."""
    return f"{zlib.crc32(repr(key).encode()) & 0xFFFFFFF:x}"


def short_component(package: str, cls: str) -> str:
    """ComponentName.flattenToShortString: `pkg/.Cls` when the class is inside the package."""
    if cls.startswith(package + "."):
        cls = cls[len(package):]
    return f"{package}/{cls}"


def activity_record(r: ActivityRecord) -> str:
    return f"ActivityRecord{{{identity('ar', r.package, r.activity, r.task_id)} u0 {r.component} t{r.task_id}}}"


def window(title: str) -> str:
    return f"Window{{{identity('win', title)} u0 {title}}}"


def activity_window_title(r: ActivityRecord) -> str:
    """An activity's window is titled with its full class name."""
    return f"{r.package}/{r.activity}"


def user_name(uid: int) -> str:
    """The Linux user of an app uid, as ps prints it (u0_a123) — system uids by name."""
    names = {0: "root", 1000: "system", 1001: "radio", 1036: "logd", 2000: "shell"}
    return names.get(uid, f"u0_a{uid - 10000}" if uid >= 10000 else str(uid))


def timestamp(t: float) -> str:
    return time.strftime("%Y-%m-%d %H:%M:%S", time.localtime(t))
