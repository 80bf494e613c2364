"""The session, capture and probes against the virtual device through the real clients
(adb server from the adbutils wheel, adbutils, uiautomator2). Truth files are read here, in
the tests, never by the harness."""

from __future__ import annotations

import hashlib
import re
import time

import pytest

from emulator.virtual.apps.catalog import DEMO_DIR, TRUTH_FILE
from emulator.virtual.apps.loader import load_truth
from harness.capture import CaptureConfig, FrameCapture, first_change
from harness.device import ApkError, DeviceNotFound, DeviceSession, PackageNotFound, wait_until
from harness.probes import ActivityStart, ForegroundWatcher, LogcatFollower, ServiceStart, find_permission_dialog
from harness.probes import grants as grant_probe

from ..conftest import start_device, stop_device
from .test_capture import MemorySink

LATESKIP, EAGER, AUTOSTART, PARTNER = ("com.demo.splash.lateskip", "com.demo.perm.eager", "com.demo.autostart",
                                       "com.demo.partner")


@pytest.fixture(scope="module")
def device(adb_server, tmp_path_factory, console_token):
    proc = start_device(adb_server, tmp_path_factory.mktemp("harness-device"), console_token, install="all")
    yield proc
    stop_device(proc)


@pytest.fixture(scope="module")
def session(device, adb_server):
    s = DeviceSession.connect(device.serial, port=adb_server.port, sink=MemorySink())
    yield s
    s.close()


def test_session_reports_device_screen_and_app_identity(session, device, tmp_path):
    ident = session.identity()
    assert (ident.serial, ident.sdk, ident.release, ident.kind) == (device.serial, 34, "14", "virtual")
    assert ident.fingerprint.startswith("miit-harness/harness_virtual/") and ident.product == "harness_virtual"
    assert ident.summary.startswith("embedded virtual device")
    screen = session.screen()
    assert (screen.width_px, screen.height_px, screen.density_dpi) == (1080, 2400, 420)
    app = session.app_identity(LATESKIP)
    assert app.launcher_activity == f"{LATESKIP}/.SplashActivity" and app.version_code and app.version_name
    pulled = tmp_path / "base.apk"
    session.pull(app.apk_paths[0], pulled)
    assert app.apk_sha256 == hashlib.sha256(pulled.read_bytes()).hexdigest()
    device_side = session.shell(f"sha256sum {app.apk_paths[0]}").split()[0]
    assert app.apk_sha256 == device_side


def test_wrong_serial_unknown_package_and_bad_apk_are_one_line_errors(session, adb_server, tmp_path):
    with pytest.raises(DeviceNotFound, match=r"^device emulator-5998 not found on adb server .*attached: emulator-"):
        DeviceSession.connect("emulator-5998", port=adb_server.port)
    for call in (session.app_identity, session.cold_launch, lambda p: grant_probe.snapshot(session, p)):
        with pytest.raises(PackageNotFound, match="^package com.demo.nope is not installed on emulator-"):
            call("com.demo.nope")
    with pytest.raises(ApkError, match="^APK not found"):
        session.install(tmp_path / "missing.apk")
    bogus = tmp_path / "bogus.apk"
    bogus.write_text("not a zip")
    with pytest.raises(ApkError, match=r"^not an APK \(not a zip archive\)"):
        session.install(bogus)


LAUNCH_TO_DRAW_MS = 150  # as the ground truth allows for the splash timings


def test_lateskip_skip_control_time_is_read_from_the_frames(session):
    appears = load_truth(DEMO_DIR / LATESKIP / TRUTH_FILE).timeline_ms["skip_visible"]
    sink = MemorySink()
    with FrameCapture.for_session(session, CaptureConfig(fps=25, hierarchy_interval_s=0.25), sink) as cap:
        launch = session.cold_launch(LATESKIP)
        time.sleep((appears + 700) / 1000)
    stats = cap.stats()
    assert stats.state == "stopped" and stats.achieved_fps >= 20, stats
    assert stats.frames == len(sink.kinds("frame")) and stats.dropped == sum(d.count for d in cap.drops())
    # where the control is: from a hierarchy dumped after it appeared (no truth file in the harness)
    shown = next(h for h in cap.hierarchies() if "跳过广告" in h.xml)
    box = tuple(int(v) for v in re.search(r'text="跳过广告"[^>]*bounds="\[(\d+),(\d+)\]\[(\d+),(\d+)\]"',
                                          shown.xml).groups())
    change = first_change(cap.frames(), box, after_ms=launch.stamp.t_ms + 500)
    assert change is not None
    interval = stats.intervals.mean_ms
    # the first frame with the control is within a frame of the truth, and may be later by the
    # app's way from the launch command to its first frame: its timer starts when it draws
    late = change.since_launch_ms - appears
    assert -interval <= late <= interval + LAUNCH_TO_DRAW_MS, (change.since_launch_ms, interval)
    before = cap.hierarchy_at(change.before.stamp.t_ms)
    assert before is not None and "跳过广告" not in before.xml
    assert session.sink.kinds("launch")[-1]["package"] == LATESKIP
    session.force_stop(LATESKIP)


def test_perm_eager_dialog_group_and_denial_in_the_grant_diff(session):
    session.shell(f"pm clear {EAGER}")
    before = grant_probe.snapshot(session, EAGER)
    follower = LogcatFollower(session).start()
    session.cold_launch(EAGER)
    dialog = wait_until(lambda: find_permission_dialog(session.dump_hierarchy()), 3, what="the grant dialog")
    assert dialog.group == "android.permission-group.LOCATION" and dialog.app_label
    session.tap(*dialog.button("permission_deny_button").centre)
    nxt = wait_until(lambda: (d := find_permission_dialog(session.dump_hierarchy())) and d.group != dialog.group
                     and d, 3, what="the next dialog")
    assert nxt.group == "android.permission-group.CONTACTS"
    after = grant_probe.snapshot(session, EAGER)
    changes = grant_probe.diff(before, after, asked=dialog.asked(before.grants))
    assert {(c.permission, c.kind) for c in changes} == {
        ("android.permission.ACCESS_FINE_LOCATION", "denied"), ("android.permission.ACCESS_COARSE_LOCATION", "denied")}
    wait_until(lambda: any(getattr(e, "result", None) == "denied" for e in follower.events()), 2, what="logcat")
    follower.stop()
    session.shell(f"pm clear {EAGER}")


def test_autostart_start_of_partner_is_parsed_from_logcat_with_both_packages(session):
    session.force_stop(PARTNER)
    with LogcatFollower(session) as follower, ForegroundWatcher(session, interval_s=0.1) as watcher:
        launch = session.cold_launch(AUTOSTART)
        start = wait_until(lambda: next((e for e in follower.events(ActivityStart) if e.package == PARTNER), None),
                           3, what="the partner's activity start")
        wait_until(lambda: any(c.after.package == PARTNER for c in watcher.changes()), 2, what="the jump")
    assert (start.caller_package, start.package) == (AUTOSTART, PARTNER)
    assert start.received.since_launch_ms > 500  # the partner comes ~1 s after the launch, not with it
    service = next(e for e in follower.events(ServiceStart) if e.package == PARTNER)
    assert (service.caller_package, service.package, service.allowed) == (AUTOSTART, PARTNER, True)
    jump = next(c for c in watcher.changes() if c.after.package == PARTNER)
    assert jump.kind == "package" and jump.before.package == AUTOSTART
    assert jump.stamp.t_ms > launch.stamp.t_ms
    assert follower.error is None and watcher.error is None
    session.force_stop(PARTNER)
    session.force_stop(AUTOSTART)


def test_bound_probes_keep_the_logcat_slice_in_the_evidence(session, tmp_path):
    from harness.evidence import EvidenceBundle, verify
    from harness.probes import Probes

    bundle = EvidenceBundle(tmp_path / "evidence")
    probes = Probes(session, bundle)
    follower = probes.logcat()
    session.cold_launch(AUTOSTART)
    wait_until(lambda: any(e.package == PARTNER for e in follower.events(ActivityStart)), 3,
               what="the partner's activity start")
    assert probes.permission_dialog() is None
    probes.close()
    bundle.seal()
    slice_ = (tmp_path / "evidence" / "logcat.txt").read_text()
    assert f"cmp={PARTNER}/" in slice_ and " ActivityTaskManager: START u0 {" in slice_
    assert verify(tmp_path / "evidence").intact


def test_device_gone_mid_capture_ends_it_with_an_error(adb_server, tmp_path, console_token):
    proc = start_device(adb_server, tmp_path, console_token)
    try:
        s = DeviceSession.connect(proc.serial, port=adb_server.port)
        cap = FrameCapture.for_session(s, CaptureConfig(fps=20, hierarchy_interval_s=0.2)).start()
        assert cap.wait_frames(5, 5)
        proc.stop()
        wait_until(lambda: cap.state == "error", 10, what="the capture to notice")
        started = time.monotonic()
        stats = cap.stop()
        assert time.monotonic() - started < 2  # no hang
        assert stats.state == "error" and stats.failed >= 1
        assert proc.serial in stats.error and "\n" not in stats.error
    finally:
        proc.stop()
