"""Runtime-permission grant states from `dumpsys package <pkg>`, and what changed between two.

A denial leaves `granted=false` as it was; Android records it in the flags (USER_SET, and
USER_FIXED for "don't ask again"). Where a device does not, the permissions a dialog asked
for and that are still not granted afterwards are reported as denied (`asked`)."""

from __future__ import annotations

import re
import shlex
from collections.abc import Iterable
from dataclasses import dataclass

from ..clock import Stamp
from ..device.session import DeviceSession

_GRANT = re.compile(r"^\s*([\w.]+): granted=(true|false)(?:, flags=\[\s*([^\]]*)\])?")
DENIAL_FLAGS = frozenset({"USER_SET", "USER_FIXED"})


@dataclass(frozen=True)
class Grant:
    granted: bool
    flags: frozenset[str]


@dataclass(frozen=True)
class GrantSnapshot:
    package: str
    stamp: Stamp
    grants: dict[str, Grant]  # runtime permission → state (user 0)

    def granted(self, permission: str) -> bool | None:
        grant = self.grants.get(permission)
        return None if grant is None else grant.granted


@dataclass(frozen=True)
class GrantChange:
    permission: str
    kind: str  # granted | revoked | denied | denied_dont_ask_again | flags | removed | added
    before: Grant | None
    after: Grant | None


def parse_runtime_permissions(dumpsys: str) -> dict[str, Grant]:
    """The first `runtime permissions:` block of `dumpsys package` (user 0's)."""
    grants: dict[str, Grant] = {}
    indent: int | None = None
    for line in dumpsys.splitlines():
        stripped = line.strip()
        if stripped == "runtime permissions:":
            if grants:
                break  # another user's block; keep user 0's
            indent = len(line) - len(line.lstrip())
            continue
        if indent is None:
            continue
        m = _GRANT.match(line)
        if m and len(line) - len(line.lstrip()) > indent:
            flags = frozenset(f for f in re.split(r"[|\s]+", m.group(3) or "") if f)
            grants[m.group(1)] = Grant(m.group(2) == "true", flags)
        elif stripped:
            indent = None  # the block ended
    return grants


def snapshot(session: DeviceSession, package: str) -> GrantSnapshot:
    session.apk_paths(package)  # PackageNotFound for an unknown package
    text = session.shell(f"dumpsys package {shlex.quote(package)}")
    return GrantSnapshot(package, session.clock.now(), parse_runtime_permissions(text))


def _kind(before: Grant | None, after: Grant | None, asked: bool) -> str | None:
    if after is None:
        return "removed"
    if after.granted:
        return None if before is not None and before.granted else "granted"
    if before is not None and before.granted:
        return "revoked"
    if "USER_FIXED" in after.flags and (before is None or "USER_FIXED" not in before.flags):
        return "denied_dont_ask_again"
    if asked or (DENIAL_FLAGS & after.flags) - (before.flags if before else frozenset()):
        return "denied"
    if before is None:
        return "added"
    return "flags" if before.flags != after.flags else None


def diff(before: GrantSnapshot, after: GrantSnapshot, asked: Iterable[str] = ()) -> list[GrantChange]:
    """What changed between two snapshots, by permission name. `asked`: permissions a grant
    dialog asked for in between; still not granted after it, they count as denied."""
    asked = set(asked)
    changes = []
    for name in sorted(set(before.grants) | set(after.grants)):
        b, a = before.grants.get(name), after.grants.get(name)
        kind = _kind(b, a, name in asked)
        if kind is not None:
            changes.append(GrantChange(name, kind, b, a))
    return changes
