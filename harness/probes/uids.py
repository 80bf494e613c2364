"""uid → package, from `pm list packages -U`, for log lines that name only a uid."""

from __future__ import annotations

import time

from ..device.identity import parse_uid_packages
from ..device.session import DeviceSession


class UidResolver:
    """Caches the device's uid table; an unknown uid refreshes it (at most every
    `refresh_s`), since apps installed after the first read get new uids."""

    def __init__(self, session: DeviceSession, refresh_s: float = 2.0) -> None:
        self.session, self.refresh_s = session, refresh_s
        self._table: dict[int, tuple[str, ...]] = {}
        self._read_at: float | None = None

    def packages(self, uid: int) -> tuple[str, ...]:
        if uid not in self._table and (self._read_at is None or time.monotonic() - self._read_at > self.refresh_s):
            self._table = parse_uid_packages(self.session.shell("pm list packages -U"))
            self._read_at = time.monotonic()
        return self._table.get(uid, ())

    def package(self, uid: int) -> str | None:
        """The uid's package when exactly one package holds it (shared uids like system: None)."""
        owners = self.packages(uid)
        return owners[0] if len(owners) == 1 else None
