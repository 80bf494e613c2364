"""`logcat -v threadtime` parsed without I/O: text chunks in, log lines out (`LineParser`),
log lines in, typed events out (`EventParser`). Formats are Android's own (ActivityManager,
ActivityTaskManager, AndroidRuntime, PermissionController)."""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from ..clock import Stamp

_THREADTIME = re.compile(
    r"^(?:(\d{4})-)?(\d\d-\d\d) (\d\d:\d\d:\d\d\.\d{3,9})\s+(\d+)\s+(\d+)\s+([VDIWEFSA])\s+(.*?)\s*: ?(.*)$")


@dataclass(frozen=True)
class LogLine:
    date: str  # MM-DD (device time zone)
    time: str  # hh:mm:ss.mmm
    pid: int
    tid: int
    level: str
    tag: str
    message: str

    @property
    def stamp_text(self) -> str:
        return f"{self.date} {self.time}"

    def threadtime(self) -> str:
        """The line as `logcat -v threadtime` prints it (for the evidence's logcat slice)."""
        return f"{self.date} {self.time} {self.pid:5d} {self.tid:5d} {self.level} {self.tag}: {self.message}"


class LineParser:
    """Splits a threadtime stream into LogLines whatever the chunking; lines that are not
    threadtime (the `--------- beginning of` markers, garbage) are counted in `skipped`."""

    def __init__(self) -> None:
        self._tail = ""
        self.skipped = 0

    def feed(self, chunk: str) -> list[LogLine]:
        text = self._tail + chunk
        *complete, self._tail = text.split("\n")
        return [line for raw in complete if (line := self._parse(raw)) is not None]

    def finish(self) -> list[LogLine]:
        tail, self._tail = self._tail, ""
        line = self._parse(tail) if tail else None
        return [line] if line is not None else []

    def _parse(self, raw: str) -> LogLine | None:
        raw = raw.rstrip("\r")
        m = _THREADTIME.match(raw)
        if m is None:
            if raw and not raw.startswith("--------- beginning of"):
                self.skipped += 1
            return None
        _, date, time_, pid, tid, level, tag, message = m.groups()
        return LogLine(date, time_, int(pid), int(tid), level, tag, message)


# ---- events ----------------------------------------------------------------------------
@dataclass(frozen=True)
class Event:
    line: LogLine  # the (first) line it was read from
    received: Stamp | None = field(default=None, kw_only=True)  # arrival on the shared clock


@dataclass(frozen=True)
class ActivityStart(Event):
    package: str | None
    component: str | None  # pkg/.Cls as logged
    action: str | None
    caller_uid: int | None
    caller_package: str | None = None  # resolved from caller_uid when possible


@dataclass(frozen=True)
class ActivityDisplayed(Event):
    package: str
    component: str
    duration_ms: int


@dataclass(frozen=True)
class ProcessStart(Event):
    package: str  # the process name without its :suffix
    process: str
    pid: int
    uid_name: str  # u0a104, system …
    hosting: str  # next-top-activity, service, broadcast, content provider …
    component: str | None


@dataclass(frozen=True)
class ServiceStart(Event):
    package: str
    component: str
    caller_package: str | None
    caller_pid: int | None
    caller_uid: int | None
    allowed: bool  # False: "Background start not allowed"


@dataclass(frozen=True)
class BroadcastDelivery(Event):
    action: str | None
    package: str | None  # the receiver's package (None for implicit receivers)
    receiver: str | None
    caller_package: str | None
    caller_pid: int | None
    caller_uid: int | None


@dataclass(frozen=True)
class Crash(Event):
    package: str
    pid: int
    thread: str
    exception: str | None


@dataclass(frozen=True)
class Anr(Event):
    package: str
    component: str | None
    pid: int | None
    reason: str | None


@dataclass(frozen=True)
class ProcessDied(Event):
    package: str
    pid: int


PERMISSION_RESULTS = {1: "ignored", 2: "ignored_user_fixed", 3: "ignored_policy_fixed", 4: "granted",
                      5: "denied", 6: "denied_dont_ask_again", 7: "auto_granted", 8: "auto_denied"}


@dataclass(frozen=True)
class PermissionResult(Event):
    package: str
    permission: str
    caller_uid: int | None
    result: str  # see PERMISSION_RESULTS


def _pkg(component: str | None) -> str | None:
    return component.split("/", 1)[0] if component and "/" in component else None


def _field(body: str, name: str) -> str | None:
    m = re.search(rf"(?:^|[\s{{]){name}=([^\s}}]+)", body)
    return m.group(1) if m else None


def _duration_ms(text: str) -> int:
    """`+1s234ms` / `+120ms` as Android's TimeUtils.formatDuration prints it."""
    total = 0.0
    for value, unit in re.findall(r"(\d+)(ms|s|m|h)", text):
        total += int(value) * {"ms": 1, "s": 1000, "m": 60000, "h": 3600000}[unit]
    return int(total)


_START = re.compile(r"^START u\d+ \{(.*)\}.*? from uid (\d+)")
_DISPLAYED = re.compile(r"^Displayed (\S+?/\S+?): (\+\S+)")
_PROC = re.compile(r"^Start proc (\d+):([^/\s]+)/(\S+) for (.+?)(?: \{([^}]*)\}| ([\w.$]+/[\w.$]+))?\s*$")
_SERVICE = re.compile(r"^(Background start not allowed: )?(?:Start )?service Intent \{(.*?)\} to (\S+) "
                      r"from pid=(\d+) uid=(\d+) pkg=(\S+)")
_BROADCAST = re.compile(r"^Delivering Intent \{(.*?)\} to (.+?) from pid=(\d+) uid=(\d+) pkg=(\S+)")
_DIED = re.compile(r"^Process (\S+) \(pid (\d+)\) has died")
_GRANT = re.compile(r"^Permission grant result .*?callingUid=(\d+) callingPackage=(\S+) permission=(\S+)"
                    r" .*?result=(\d+)")
_ANR = re.compile(r"^ANR in (\S+)(?: \(([^)]*)\))?")


@dataclass
class _Pending:
    """A multi-line entry (crash, ANR) being read; its lines share pid, tid and tag."""

    kind: str
    line: LogLine
    fields: dict[str, object]

    def continues(self, line: LogLine) -> bool:
        return (line.pid, line.tid, line.tag) == (self.line.pid, self.line.tid, self.line.tag)


class EventParser:
    """LogLines → events. Crashes and ANRs span lines; they are emitted once complete (the
    exception line, the Reason line) or when a line of another entry or `finish()` ends them."""

    def __init__(self) -> None:
        self._pending: _Pending | None = None

    def feed(self, line: LogLine) -> list[Event]:
        out: list[Event] = []
        if self._pending is not None:
            if self._pending.continues(line):
                done = self._continue(self._pending, line)
                if done is not None:
                    self._pending = None
                    out.append(done)
                return out
            out.append(self._close(self._pending))
            self._pending = None
        event = self._single(line)
        if event is not None:
            out.append(event)
        return out

    def finish(self) -> list[Event]:
        pending, self._pending = self._pending, None
        return [self._close(pending)] if pending is not None else []

    def _single(self, line: LogLine) -> Event | None:
        tag, msg = line.tag, line.message
        if tag in ("ActivityTaskManager", "ActivityManager"):
            if m := _START.match(msg):
                body = m.group(1)
                component = _field(body, "cmp")
                return ActivityStart(line, _pkg(component) or _field(body, "pkg"), component,
                                     _field(body, "act"), int(m.group(2)))
            if m := _DISPLAYED.match(msg):
                return ActivityDisplayed(line, _pkg(m.group(1)) or "", m.group(1), _duration_ms(m.group(2)))
        if tag == "ActivityManager":
            if m := _PROC.match(msg):
                pid, process, uid_name, hosting, braced, bare = m.groups()
                return ProcessStart(line, process.split(":", 1)[0], process, int(pid), uid_name, hosting,
                                    braced or bare)
            if m := _SERVICE.match(msg):
                refused, _, target, pid, uid, caller = m.groups()
                return ServiceStart(line, _pkg(target) or target, target, caller, int(pid), int(uid), not refused)
            if m := _DIED.match(msg):
                return ProcessDied(line, m.group(1).split(":", 1)[0], int(m.group(2)))
            if m := _ANR.match(msg):
                self._pending = _Pending("anr", line, {"package": m.group(1), "component": m.group(2)})
                return None
        if tag == "BroadcastQueue" and (m := _BROADCAST.match(msg)):
            body, target, pid, uid, caller = m.groups()
            receiver = target if "/" in target else None
            return BroadcastDelivery(line, _field(body, "act"), _pkg(receiver) or _field(body, "pkg"), receiver,
                                     caller, int(pid), int(uid))
        if tag == "AndroidRuntime" and msg.startswith("FATAL EXCEPTION: "):
            self._pending = _Pending("crash", line, {"thread": msg[len("FATAL EXCEPTION: "):].strip()})
            return None
        if m := _GRANT.match(msg):
            uid, package, permission, result = m.groups()
            code = int(result)
            return PermissionResult(line, package, permission, int(uid), PERMISSION_RESULTS.get(code, f"result {code}"))
        return None

    def _continue(self, pending: _Pending, line: LogLine) -> Event | None:
        msg, f = line.message, pending.fields
        if pending.kind == "crash":
            if m := re.match(r"^Process: ([^,\s]+), PID: (\d+)", msg):
                f["package"], f["pid"] = m.group(1).split(":", 1)[0], int(m.group(2))
            elif "package" in f and "exception" not in f and not msg.lstrip().startswith("at "):
                f["exception"] = msg.strip()
                return self._close(pending)
            return None
        if m := re.match(r"^PID: (\d+)", msg):
            f["pid"] = int(m.group(1))
        elif msg.startswith("Reason: "):
            f["reason"] = msg[len("Reason: "):].strip()
            return self._close(pending)
        return None

    @staticmethod
    def _close(pending: _Pending) -> Event:
        f = pending.fields
        if pending.kind == "crash":
            # a crash whose Process line never came still counts, with the logging pid
            return Crash(pending.line, str(f.get("package", "")), int(f.get("pid", pending.line.pid)),  # type: ignore[arg-type]
                         str(f["thread"]), f.get("exception"))  # type: ignore[arg-type]
        return Anr(pending.line, str(f["package"]), f.get("component"), f.get("pid"), f.get("reason"))  # type: ignore[arg-type]


def parse_text(text: str) -> list[Event]:
    """A whole threadtime dump (e.g. `logcat -d -v threadtime`) to events."""
    lines, events = LineParser(), EventParser()
    out: list[Event] = []
    for line in lines.feed(text) + lines.finish():
        out += events.feed(line)
    return out + events.finish()
