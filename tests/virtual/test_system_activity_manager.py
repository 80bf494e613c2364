"""System services apps call: activity starts by other apps, services, broadcasts, crashes, ANRs,
app exit, toasts; each with Android's logcat lines."""

from __future__ import annotations

import re
import time

from emulator.virtual.android.apps import HelloApp
from emulator.virtual.android.hierarchy import dump_xml
from emulator.virtual.android.system import AndroidSystem

from .shell_helpers import sh

HELLO = "com.example.hello"
PARTNER = "com.example.partner"


class Partner(HelloApp):
    def __init__(self) -> None:
        super().__init__()
        self.package, self.label = PARTNER, "Partner"
        self.launcher_activity = PARTNER + ".MainActivity"


def two_apps() -> AndroidSystem:
    system = AndroidSystem(apps=[HelloApp(), Partner()])
    system.launch(HELLO)
    system.logcat.clear()
    return system


def messages(system: AndroidSystem, tag: str | None = None) -> list[str]:
    return [e.message for e in system.logcat.entries() if tag is None or e.tag == tag]


def test_an_app_starting_another_apps_activity_is_logged_with_its_uid():
    system = two_apps()
    system.start_activity(PARTNER, caller=HELLO)
    uid = system.uid_of(HELLO)
    pid = system.processes[PARTNER].pid
    assert messages(system, "ActivityTaskManager")[0] == (
        f"START u0 {{flg=0x10000000 cmp={PARTNER}/.MainActivity}} with LAUNCH_MULTIPLE from uid {uid} result code=0")
    assert (f"Start proc {pid}:{PARTNER}/u0a{system.uid_of(PARTNER) - 10000} for next-top-activity "
            f"{{{PARTNER}/{PARTNER}.MainActivity}}") in messages(system, "ActivityManager")
    assert system.foreground().package == PARTNER


def test_a_service_start_names_caller_and_callee_and_starts_the_process():
    system = two_apps()
    system.start_service(HELLO, PARTNER, ".SyncService")
    proc, caller = system.processes[PARTNER], system.processes[HELLO]
    am = messages(system, "ActivityManager")
    assert am == [f"Start proc {proc.pid}:{PARTNER}/u0a{proc.uid - 10000} for service {{{PARTNER}/{PARTNER}.SyncService}}",
                  f"Start service Intent {{ cmp={PARTNER}/.SyncService }} to {PARTNER}/.SyncService"
                  f" from pid={caller.pid} uid={caller.uid} pkg={HELLO}"]


def test_a_background_caller_may_not_start_a_service():
    system = two_apps()
    system.go_home()
    system.logcat.clear()
    system.start_service(HELLO, PARTNER, f"{PARTNER}.SyncService")
    caller = system.processes[HELLO]
    assert PARTNER not in system.processes
    assert messages(system, "ActivityManager") == [
        f"Background start not allowed: service Intent {{ cmp={PARTNER}/.SyncService }} to {PARTNER}/.SyncService"
        f" from pid={caller.pid} uid={caller.uid} pkg={HELLO} startFg?=false"]


def test_broadcasts_name_the_sender_and_the_receiver():
    system = two_apps()
    system.send_broadcast(HELLO, "com.example.PING", PARTNER)
    caller, proc = system.processes[HELLO], system.processes[PARTNER]
    assert f"for broadcast {{{PARTNER}/{PARTNER}.Receiver}}" in messages(system, "ActivityManager")[0]
    assert messages(system, "BroadcastQueue") == [
        f"Delivering Intent {{ act=com.example.PING flg=0x10 pkg={PARTNER} }} to {PARTNER}/.Receiver"
        f" from pid={caller.pid} uid={caller.uid} pkg={HELLO}"]
    assert proc.pid != caller.pid


def test_a_crash_logs_the_fatal_exception_kills_the_process_and_shows_the_launcher():
    system = two_apps()
    pid = system.processes[HELLO].pid
    system.crash(HELLO, "java.lang.IllegalStateException: boom")
    fatal = next(e for e in system.logcat.entries() if e.tag == "AndroidRuntime")
    assert fatal.level == "E" and fatal.pid == pid
    lines = fatal.message.split("\n")
    assert lines[:3] == ["FATAL EXCEPTION: main", f"Process: {HELLO}, PID: {pid}",
                         "java.lang.IllegalStateException: boom"]
    assert all(line.startswith("\tat ") for line in lines[3:]) and len(lines) > 5
    assert f"  Force finishing activity {HELLO}/.MainActivity" in messages(system, "ActivityTaskManager")
    assert f"Process {HELLO} (pid {pid}) has died: fg  TOP " in messages(system, "ActivityManager")
    assert HELLO not in system.processes
    assert system.foreground().package == system.launcher.package
    out = sh(system, "logcat -d -v threadtime AndroidRuntime:E *:S")[1]
    assert re.search(rf"^\d\d-\d\d \d\d:\d\d:\d\d\.\d{{3}} +{pid} +{pid} E AndroidRuntime: FATAL EXCEPTION: main$",
                     out, re.M)
    assert re.search(rf" E AndroidRuntime: Process: {HELLO}, PID: {pid}$", out, re.M)


def test_an_anr_is_logged_and_its_dialog_closes_the_app():
    system = two_apps()
    pid = system.processes[HELLO].pid
    system.anr(HELLO)
    anr = next(e for e in system.logcat.entries() if e.message.startswith("ANR in"))
    assert (anr.level, anr.tag) == ("E", "ActivityManager")
    assert anr.message.split("\n")[:3] == [f"ANR in {HELLO} ({HELLO}/.MainActivity)", f"PID: {pid}",
                                           "Reason: Input dispatching timed out"]
    xml = dump_xml(system.screen())
    assert 'text="Hello isn\u2019t responding"' in xml and 'resource-id="android:id/aerr_wait"' in xml
    assert "Application Not Responding: " + HELLO in sh(system, "dumpsys window windows")[1].split("mCurrentFocus")[1]
    close = next(w for w in system.screen().windows if w.package == "android")
    button = next(v for v in close.root.walk() if v.resource_id == "android:id/aerr_close")
    system.tap(*button.bounds.center)
    assert HELLO not in system.processes
    assert f"Killing {pid}:{HELLO}/u0a100 (adj 0): user request after error" in messages(system, "ActivityManager")
    assert system.foreground().package == system.launcher.package


def test_finish_app_leaves_the_process_and_shows_the_launcher():
    system = two_apps()
    system.finish_app(HELLO)
    assert system.foreground().package == system.launcher.package
    assert HELLO in system.processes
    assert all(r.package != HELLO for r in system.stack)


def test_force_stop_is_logged_like_ams():
    system = two_apps()
    pid = system.processes[HELLO].pid
    sh(system, f"am force-stop {HELLO}")
    am = messages(system, "ActivityManager")
    assert am[0].startswith(f"Force stopping {HELLO} appid={system.uid_of(HELLO)} user=0: from pid ")
    assert am[1].startswith(f"Killing {pid}:{HELLO}/u0a100 (adj 0): stop {HELLO} due to from pid ")


def test_toasts_show_in_turn_for_their_real_time_and_are_not_in_the_hierarchy():
    system = two_apps()
    system.show_toast(HELLO, "Saved")
    system.show_toast(HELLO, "已保存", long=True)
    toast = [w for w in system.screen().windows if w.kind == "toast"]
    assert [v.text for v in toast[0].root.walk() if v.text] == ["Saved"]
    assert not toast[0].focusable and not toast[0].touchable
    assert "Saved" not in dump_xml(system.screen())
    deadline = system.next_deadline()
    assert deadline is not None and 1.9 < deadline - time.monotonic() <= 2.0
    time.sleep(2.05)
    texts = [v.text for w in system.screen().windows if w.kind == "toast" for v in w.root.walk() if v.text]
    assert texts == ["已保存"]
    # the long one follows the short one at once and stays 3.5 s
    assert abs(system.toasts.next_deadline() - (deadline + 3.5)) < 1e-6
    system.tick(deadline + 3.5)
    assert not [w for w in system.screen().windows if w.kind == "toast"]
