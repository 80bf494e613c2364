"""The threadtime parser and the event state machine, on Android's own line formats."""

from __future__ import annotations

from hypothesis import given
from hypothesis import strategies as st

from harness.probes.logcat import (
    ActivityDisplayed,
    ActivityStart,
    Anr,
    BroadcastDelivery,
    Crash,
    EventParser,
    LineParser,
    PermissionResult,
    ProcessDied,
    ProcessStart,
    ServiceStart,
    parse_text,
)

LOG = """\
--------- beginning of main
11-28 10:00:00.100   560   575 I ActivityTaskManager: START u0 {act=android.intent.action.MAIN cat=[android.intent.category.LAUNCHER] flg=0x10200000 cmp=com.demo.a/.Main} with LAUNCH_MULTIPLE from uid 2000 result code=0
11-28 10:00:00.120   560   600 I ActivityManager: Start proc 1201:com.demo.a/u0a101 for next-top-activity {com.demo.a/com.demo.a.Main}
11-28 10:00:00.300   560   590 I ActivityTaskManager: Displayed com.demo.a/.Main: +1s234ms
11-28 10:00:00.310   560   575 D ActivityManager: Start service Intent { cmp=com.demo.b/.Push } to com.demo.b/.Push from pid=1201 uid=10101 pkg=com.demo.a
11-28 10:00:00.320   560   575 W ActivityManager: Background start not allowed: service Intent { act=x.y cmp=com.demo.c/.S } to com.demo.c/.S from pid=1201 uid=10101 pkg=com.demo.a startFg?=false
11-28 10:00:00.330   560   575 D BroadcastQueue: Delivering Intent { act=com.demo.PING flg=0x10 pkg=com.demo.b } to com.demo.b/.Receiver from pid=1201 uid=10101 pkg=com.demo.a
11-28 10:00:00.400   560   575 I ActivityTaskManager: START u0 {flg=0x10000000 cmp=com.demo.b/.Landing} with LAUNCH_SINGLE_TOP from uid 10101 (BAL_ALLOW_VISIBLE_WINDOW) result code=0
11-28 10:00:01.000  1201  1201 E AndroidRuntime: FATAL EXCEPTION: main
11-28 10:00:01.000  1201  1201 E AndroidRuntime: Process: com.demo.a, PID: 1201
11-28 10:00:01.000  1201  1201 E AndroidRuntime: java.lang.RuntimeException: boom
11-28 10:00:01.000  1201  1201 E AndroidRuntime: \tat com.demo.a.Main.onResume(Main.java:42)
11-28 10:00:01.010   560   575 I ActivityManager: Process com.demo.a (pid 1201) has died: fg  TOP
11-28 10:00:02.000   560   611 E ActivityManager: ANR in com.demo.b (com.demo.b/.Landing)
11-28 10:00:02.000   560   611 E ActivityManager: PID: 1300
11-28 10:00:02.000   560   611 E ActivityManager: Reason: Input dispatching timed out
11-28 10:00:03.000  1205  1205 V GrantPermissionsViewModel: Permission grant result requestId=1 callingUid=10101 callingPackage=com.demo.a permission=android.permission.CAMERA isImplicit=false result=5 isPermissionRationaleShown=false
11-28 10:00:04.000   560   575 I ActivityManager: Start proc 1400:com.demo.c:remote/u0a102 for service com.demo.c/.S
this line is not threadtime
"""


def _kinds(events):
    return [type(e).__name__ for e in events]


def test_every_event_kind_with_its_packages():
    events = parse_text(LOG)
    assert _kinds(events) == ["ActivityStart", "ProcessStart", "ActivityDisplayed", "ServiceStart", "ServiceStart",
                              "BroadcastDelivery", "ActivityStart", "Crash", "ProcessDied", "Anr",
                              "PermissionResult", "ProcessStart"]
    start, proc, shown, svc, refused, bc, jump, crash, died, anr, grant, remote = events
    assert isinstance(start, ActivityStart) and (start.package, start.caller_uid) == ("com.demo.a", 2000)
    assert start.action == "android.intent.action.MAIN" and start.component == "com.demo.a/.Main"
    assert isinstance(proc, ProcessStart) and (proc.pid, proc.package, proc.hosting) == (1201, "com.demo.a",
                                                                                         "next-top-activity")
    assert isinstance(shown, ActivityDisplayed) and shown.duration_ms == 1234
    assert isinstance(svc, ServiceStart) and (svc.caller_package, svc.package, svc.allowed) == (
        "com.demo.a", "com.demo.b", True)
    assert isinstance(refused, ServiceStart) and (refused.package, refused.allowed) == ("com.demo.c", False)
    assert isinstance(bc, BroadcastDelivery) and (bc.caller_package, bc.package, bc.action) == (
        "com.demo.a", "com.demo.b", "com.demo.PING")
    assert isinstance(jump, ActivityStart) and (jump.package, jump.caller_uid) == ("com.demo.b", 10101)
    assert isinstance(crash, Crash) and (crash.package, crash.pid, crash.thread, crash.exception) == (
        "com.demo.a", 1201, "main", "java.lang.RuntimeException: boom")
    assert isinstance(died, ProcessDied) and died.pid == 1201
    assert isinstance(anr, Anr) and (anr.package, anr.component, anr.pid, anr.reason) == (
        "com.demo.b", "com.demo.b/.Landing", 1300, "Input dispatching timed out")
    assert isinstance(grant, PermissionResult) and (grant.package, grant.result) == ("com.demo.a", "denied")
    assert isinstance(remote, ProcessStart) and (remote.package, remote.process, remote.component) == (
        "com.demo.c", "com.demo.c:remote", "com.demo.c/.S")


def test_garbage_is_counted_not_hidden():
    lines = LineParser()
    lines.feed(LOG)
    lines.finish()
    assert lines.skipped == 1  # the "beginning of main" marker is not garbage


def test_a_crash_cut_short_is_still_reported():
    text = ("11-28 10:00:01.000  1201  1201 E AndroidRuntime: FATAL EXCEPTION: main\n"
            "11-28 10:00:01.000  1201  1201 E AndroidRuntime: Process: com.demo.a, PID: 1201\n")
    (crash,) = parse_text(text)
    assert isinstance(crash, Crash) and crash.package == "com.demo.a" and crash.exception is None


def _run(chunks: list[str]):
    lines, parser = LineParser(), EventParser()
    events = []
    for chunk in chunks:
        for line in lines.feed(chunk):
            events += parser.feed(line)
    for line in lines.finish():
        events += parser.feed(line)
    return events + parser.finish()


@given(st.lists(st.integers(min_value=0, max_value=len(LOG)), max_size=40))
def test_any_split_of_the_stream_gives_the_same_events(cuts):
    points = sorted(set(cuts))
    chunks = [LOG[a:b] for a, b in zip([0, *points], [*points, len(LOG)])]
    assert _run(chunks) == parse_text(LOG)


@given(st.data())
def test_any_split_of_multibyte_text_gives_the_same_lines(data):
    text = "11-28 10:00:00.100   560   575 I Tag: 要允许“同城生活”访问此设备的位置信息吗？\r\n" * 3
    cut = data.draw(st.integers(min_value=0, max_value=len(text)))
    lines = LineParser()
    got = lines.feed(text[:cut]) + lines.feed(text[cut:]) + lines.finish()
    assert [line.message for line in got] == ["要允许“同城生活”访问此设备的位置信息吗？"] * 3
