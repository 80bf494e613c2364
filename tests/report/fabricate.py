"""Evidence folders made with the harness's own writers (EvidenceBundle, Clock, emit, the verdict
recorder, the shake sender), one per situation a report must handle, with hostile strings
from the "app" and the "device" wherever they can appear."""

from __future__ import annotations

import io
from dataclasses import dataclass
from pathlib import Path

from PIL import Image, ImageDraw

from harness.clock import Clock
from harness.config import HarnessConfig
from harness.device.identity import AppIdentity, DeviceIdentity
from harness.evidence import EvidenceBundle
from harness.report.session import RecordedTest, SessionRecord, save
from harness.shake.sender import send_waveform
from harness.shake.waveform import Rest, ShakeSpec, waveform
from harness.sink import emit
from harness.verdict import Outcome, Verdict, VerdictRecorder

HOSTILE_LABEL = "<script>alert(1)</script>"
HOSTILE_TEXT = '"><img src=x onerror=alert(3)>'
HOSTILE_FILE = "notes/<img src=x onerror=alert(2)>.txt"
RUN = "20261128-120000-beef"
POOL_ERROR = "Failed: device pool: no healthy device free (emulator-5556@127.0.0.1:15037: boot not complete)"
NO_DEVICE_NODEID = "scenarios/test_shake.py::test_shake_main[com.demo.shake.ok]"
WIDTH, HEIGHT = 360, 800


@dataclass(frozen=True)
class Fabricated:
    root: Path  # the evidence dir (holds the run folder)
    run: Path
    fail: Path
    passed: Path
    error: Path
    unsealed: Path
    modified: Path
    malformed: Path
    record: Path  # the session record: the passing test, and one that never had an evidence folder


def frame(popup: bool, fmt: str = "PNG") -> bytes:
    image = Image.new("RGB", (WIDTH, HEIGHT), (236, 240, 244))
    draw = ImageDraw.Draw(image)
    draw.rectangle((0, 0, WIDTH, 60), fill=(33, 150, 243))
    if popup:
        draw.rectangle((0, 0, WIDTH, HEIGHT), fill=(90, 90, 90))
        draw.rectangle((40, 200, 320, 560), fill=(255, 255, 255))
        draw.line((290, 215, 310, 235), fill=(60, 60, 60), width=3)
        draw.line((310, 215, 290, 235), fill=(60, 60, 60), width=3)
    out = io.BytesIO()
    image.save(out, fmt)
    return out.getvalue()


def app_identity(package: str = "com.demo.popup.fakeclose") -> AppIdentity:
    return AppIdentity(package=package, label=HOSTILE_LABEL, version_name="1.0<b>", version_code=7, uid=10123,
                       launcher_activity=f"{package}/.MainActivity", apk_paths=(f"/data/app/{package}/base.apk",),
                       apk_sha256="ab" * 32)


def device_identity() -> DeviceIdentity:
    return DeviceIdentity(serial="emulator-5554", kind="virtual", model="Harness <i>Virtual</i>",
                          manufacturer="miit-ui-harness", sdk=34, release="14", fingerprint=f"miit-harness/{HOSTILE_TEXT}",
                          product="harness_virtual", build_id="VIRTUAL.1")


def _start(folder: Path, config: HarnessConfig, nodeid: str) -> EvidenceBundle:
    bundle = EvidenceBundle(folder)
    bundle.write_json("config.json", [s.model_dump(mode="json") for s in config.settings()])
    bundle.event("test_start", nodeid=nodeid)
    return bundle


def _frames(bundle: EvidenceBundle, clock: Clock, popups: list[bool], start: int = 1) -> list[str]:
    paths = []
    for index, popup in enumerate(popups, start=start):
        path = f"frames/{index:06d}.png"
        bundle.write_bytes(path, frame(popup))
        emit(bundle, "frame", clock.now(), index=index, path=path, format="png", source="uiautomator2")
        paths.append(path)
    return paths


def _shake(bundle: EvidenceBundle) -> None:
    """A real waveform through the real sender, on a virtual clock (no waiting)."""
    now = [1000.0]
    spec = ShakeSpec(peak_accel_ms2=6, frequency_hz=2, duration_s=0.4)
    rest = Rest(acceleration=(0.0, 9.81, 0.0), gyroscope=(0.0, 0.0, 0.0), orientation=(0.0, 0.0, 0.0))

    class Console:
        def run_all(self, commands: list[str]) -> None:
            now[0] += 0.002

    def sleep(seconds: float) -> None:
        now[0] += seconds

    record = send_waveform(Console(), spec, rest, waveform(spec, rest), clock=lambda: now[0], sleep=sleep)
    bundle.write_bytes("shakes/shake-001.json", record.model_dump_json(indent=1).encode())
    bundle.event("shake", file="shakes/shake-001.json", samples=len(record.samples))


def failing(folder: Path, config: HarnessConfig) -> None:
    """A FAIL with everything: identities, frames, annotations, a shake, logcat, a hostile file."""
    bundle = _start(folder, config, f"scenarios/test_popup.py::test_close[{HOSTILE_TEXT}]")
    bundle.write_json("identity/device.json", device_identity())
    bundle.write_json("identity/app.json", app_identity())
    clock = Clock()
    emit(bundle, "launch", clock.mark_launch(), package="com.demo.popup.fakeclose")
    frames = _frames(bundle, clock, [False, True, True])
    emit(bundle, "tap", clock.now(), x=300, y=225)
    frames += _frames(bundle, clock, [False], start=4)
    bundle.write_bytes("hierarchies/000001.xml", b"<hierarchy rotation='0'/>")
    emit(bundle, "hierarchy", clock.now(), index=1, path="hierarchies/000001.xml")
    bundle.event("logcat_event", type="ActivityStart", text=f"START u0 {HOSTILE_LABEL}")
    bundle.append_bytes("logcat.txt", f"I ActivityManager: {HOSTILE_LABEL}\n".encode())
    _shake(bundle)
    bundle.write_bytes(HOSTILE_FILE, b"a file whose name is markup\n")
    bundle.write_json("annotations.json", [
        {"image": frames[1], "title": f"pop-up {HOSTILE_LABEL}", "t_ms": 500.0, "since_launch_ms": 480.0,
         "boxes": [{"bbox": [40, 200, 280, 360], "label": HOSTILE_LABEL, "kind": "popup"},
                   {"bbox": [285, 210, 30, 30], "label": "X 关闭", "kind": "close_control"}],
         "points": [{"x": 300, "y": 225, "label": HOSTILE_TEXT, "outcome": "jumped"}]},
        {"image": frames[3], "title": "after the tap: the advert page", "t_ms": None, "since_launch_ms": None}])
    verdict = VerdictRecorder(config, "1.4")
    verdict.measure("close control works", 0, compare="==", threshold=1)
    verdict.measure("close control delay", 5000, key="close_delay_limit_ms", compare="<=", unit=" ms")
    verdict.measure(HOSTILE_LABEL, 1, unit=HOSTILE_TEXT)
    outcome = verdict.conclude(reason=f"the X opened the advert {HOSTILE_LABEL}")
    assert outcome.verdict is Verdict.FAIL
    bundle.write_json("verdict.json", outcome)
    bundle.event("verdict", verdict=outcome.verdict.value, clause=outcome.clause, reason=outcome.reason)
    bundle.event("test_end", nodeid="scenarios/test_popup.py::test_close")
    bundle.seal()


def passing(folder: Path, config: HarnessConfig) -> None:
    """A PASS without annotations.json: the report picks the key frames."""
    bundle = _start(folder, config, "scenarios/test_splash.py::test_skip")
    bundle.write_json("identity/device.json", device_identity())
    bundle.write_json("identity/app.json", app_identity("com.demo.splash.ok"))
    clock = Clock()
    emit(bundle, "launch", clock.mark_launch(), package="com.demo.splash.ok")
    _frames(bundle, clock, [True, True])
    emit(bundle, "tap", clock.now(), x=180, y=100)
    _frames(bundle, clock, [False], start=3)
    verdict = VerdictRecorder(config, "1.4")
    verdict.measure("close control delay", 0, key="close_delay_limit_ms", compare="<=", unit=" ms")
    bundle.write_json("verdict.json", verdict.conclude())
    bundle.event("test_end", nodeid="scenarios/test_splash.py::test_skip")
    bundle.seal()


def erroring(folder: Path, config: HarnessConfig) -> None:
    """An ERROR before the device was reached: configuration, verdict and timeline only."""
    bundle = _start(folder, config, "scenarios/test_shake.py::test_shake")
    bundle.write_json("verdict.json", VerdictRecorder(config, "1.5").set(Verdict.ERROR, "DeviceGone: emulator-5554"))
    bundle.event("test_end", nodeid="scenarios/test_shake.py::test_shake")
    bundle.seal()


def unsealed(folder: Path, config: HarnessConfig) -> None:
    """A writer that stopped before sealing (the handles are left as a killed process leaves them)."""
    bundle = _start(folder, config, "scenarios/test_perm.py::test_eager")
    bundle.write_json("verdict.json", VerdictRecorder(config, "1.10").set(Verdict.INCONCLUSIVE, "saw too little"))


def modified(folder: Path, config: HarnessConfig) -> None:
    """Sealed, then a frame was replaced."""
    bundle = _start(folder, config, "scenarios/test_splash.py::test_late")
    bundle.write_json("identity/app.json", app_identity("com.demo.splash.lateskip"))
    _frames(bundle, Clock(), [True])
    verdict = VerdictRecorder(config, "1.4")
    verdict.measure("close control delay", 3000, key="close_delay_limit_ms", compare="<=", unit=" ms")
    bundle.write_json("verdict.json", verdict.conclude())
    bundle.seal()
    (folder / "frames/000001.png").write_bytes(frame(False))


def malformed(folder: Path, config: HarnessConfig) -> None:
    """Every file present but wrong: the report must say so and go on."""
    bundle = EvidenceBundle(folder)
    bundle.write_bytes("config.json", b"[{\"key\": 1}]")
    bundle.write_json("identity/app.json", {"package": HOSTILE_LABEL})
    bundle.write_bytes("identity/device.json", b"not json")
    bundle.write_bytes("verdict.json", b"{oops")
    bundle.write_json("annotations.json", [{"image": "frames/000009.png", "boxes": [{"bbox": [1, 2]}]},
                                           {"image": "../../../etc/passwd", "title": HOSTILE_LABEL},
                                           {"image": "frames/missing.png", "title": "gone"}])
    bundle.write_bytes("shakes/shake-001.json", b"{}")
    bundle.event("test_start", nodeid="scenarios/test_x.py::test_y")
    bundle.append_bytes("events.jsonl", b"this is not json\n")
    bundle.seal()


def fabricate(root: Path, config: HarnessConfig | None = None) -> Fabricated:
    config = config or HarnessConfig()
    run = root / RUN
    paths = Fabricated(root=root, run=run, fail=run / "gw0" / "test_popup_fail", passed=run / "gw1" / "test_splash_pass",
                       error=run / "gw0" / "test_shake_error", unsealed=run / "gw1" / "test_perm_unsealed",
                       modified=run / "gw0" / "test_splash_modified", malformed=run / "gw1" / "test_malformed",
                       record=run / "harness-session.json")
    failing(paths.fail, config)
    passing(paths.passed, config)
    erroring(paths.error, config)
    unsealed(paths.unsealed, config)
    modified(paths.modified, config)
    malformed(paths.malformed, config)
    save(SessionRecord(run_id=RUN, tests=(
        RecordedTest(nodeid="scenarios/test_splash.py::test_skip", worker="gw1", outcome=Outcome(verdict=Verdict.PASS),
                     evidence="gw1/test_splash_pass"),
        RecordedTest(nodeid=NO_DEVICE_NODEID, worker="gw1", package="com.demo.shake.ok",
                     outcome=Outcome(verdict=Verdict.ERROR, reason=POOL_ERROR, clause="1.4")))), run)
    return paths
