"""Soak (`make soak` = `python -m bench.soak --runs 200`): scenario runs on a virtual device in
a loop, with a random fault every few runs injected through the device's fault file at a random
moment. Prints the runs, the faults injected, verdict flips among the fault-free runs (target 0),
the harness process's resident memory (target flat) and evidence folders whose manifest does not
verify (target 0).

Each run is one in-process `pytest scenarios/test_autostart.py scenarios/test_consent.py` on one
demo app (the harness process is this one); after a faulted run the faults are cleared and the
device awaited before the next run, so a fault-free run starts on a healthy device."""

from __future__ import annotations

import argparse
import contextlib
import os
import random
import statistics
import sys
import tempfile
import threading
import time
import xml.etree.ElementTree as ET
from collections import Counter
from dataclasses import dataclass
from pathlib import Path

from emulator.launch import AdbServer, start_virtual_device
from emulator.ports import private_adb_server_port

from .capture import rss_mb

APPS = ("com.demo.autostart", "com.demo.clean", "com.demo.consent.prechecked")
PARTNER = "com.demo.partner"  # the app com.demo.autostart starts
SCENARIOS = ("scenarios/test_autostart.py", "scenarios/test_consent.py")
FAULTS = ("drop adb", "drop stream tcp:", "drop stream shell", "kill uia2", "delay rpc 2 3",
          "screenshot truncated 3", "screenshot corrupt 3", "crash", "anr", "reboot 3", "refuse console")
ROOT = Path(__file__).resolve().parent.parent


@dataclass
class Run:
    app: str
    fault: str | None
    verdicts: dict[str, str]  # test name → verdict
    rss_mb: float
    broken_evidence: int
    seconds: float


def _verdicts(junit: Path) -> dict[str, str]:
    if not junit.is_file():
        return {}
    out = {}
    for case in ET.parse(junit).getroot().iter("testcase"):
        props = {p.get("name"): p.get("value") for p in case.iter("property")}
        out[str(case.get("name")).split("[")[0]] = props.get("harness_verdict") or "NONE"
    return out


def _broken_evidence(folder: Path) -> int:
    from harness.evidence import NotEvidence, verify

    broken = 0
    for journal in folder.rglob("manifest.jsonl"):
        try:
            broken += not verify(journal.parent).intact
        except NotEvidence:
            broken += 1
    return broken


def _inject_later(path: Path, fault: str, delay_s: float) -> threading.Thread:
    thread = threading.Thread(target=lambda: (time.sleep(delay_s), path.write_text(fault + "\n")), daemon=True)
    thread.start()
    return thread


def soak(runs: int, fault_every: int, seed: int, out: Path, observe_s: float) -> list[Run]:
    import pytest

    rng = random.Random(seed)
    server = AdbServer(private_adb_server_port())
    os.environ["ANDROID_ADB_SERVER_PORT"] = str(server.port)  # before the harness imports adbutils
    faults = out / "faults.txt"
    faults.write_text("")
    device = None
    results: list[Run] = []
    try:
        server.start()
        device = start_virtual_device(server.port, out / "device.log",
                                      extra_args=("--install", ",".join((*APPS, PARTNER)), "--faults", str(faults)))
        server.wait_for_device(device.serial)
        log = open(out / "pytest.log", "w")  # noqa: SIM115 - open for the whole soak
        for n in range(runs):
            app = APPS[n % len(APPS)]
            fault = rng.choice(FAULTS) if n % fault_every == fault_every - 1 else None
            folder = out / f"run{n:03d}"
            injector = _inject_later(faults, fault, rng.uniform(0.5, 3.0)) if fault else None
            started = time.monotonic()
            with contextlib.redirect_stdout(log), contextlib.redirect_stderr(log):
                pytest.main([*(str(ROOT / s) for s in SCENARIOS), "-p", "no:cacheprovider", "-q",
                             "--rootdir", str(ROOT), "--serial", device.serial, "--app", app,
                             "--junitxml", str(folder / "junit.xml"), "--evidence-dir", str(folder / "evidence"),
                             "--harness-set", f"observe_s={observe_s}"])
            seconds = time.monotonic() - started
            if injector is not None:
                injector.join()
                faults.write_text("")
                time.sleep(0.3)  # the device polls its fault file every 0.1 s
                server.wait_for_device(device.serial, timeout=60)
            run = Run(app, fault, _verdicts(folder / "junit.xml"), rss_mb(),
                      _broken_evidence(folder / "evidence"), seconds)
            results.append(run)
            print(f"run {n + 1:3d}/{runs} {app:<28} {fault or '-':<24} "
                  f"{' '.join(f'{v}' for v in run.verdicts.values()):<40} {run.rss_mb:6.0f} MB {seconds:5.1f} s",
                  flush=True)
    finally:
        if device is not None:
            device.stop()
        server.stop()
    return results


def report(results: list[Run]) -> None:
    baseline: dict[tuple[str, str], str] = {}
    flips = 0
    for run in results:
        if run.fault is not None:
            continue
        for test, verdict in run.verdicts.items():
            flips += baseline.setdefault((run.app, test), verdict) != verdict
    rss = [r.rss_mb for r in results]
    tenth = max(1, len(rss) // 10)
    faulted = Counter(v for r in results if r.fault for v in r.verdicts.values())
    clean = [r for r in results if r.fault is None]
    rows = [
        ("scenario runs", f"{len(results)}", ""),
        ("faults injected", f"{sum(r.fault is not None for r in results)}",
         ", ".join(f"{k} x{v}" for k, v in sorted(Counter(r.fault for r in results if r.fault).items()))),
        ("verdict flips on fault-free runs", f"{flips}", f"target 0 ({len(clean)} fault-free runs)"),
        ("verdicts of faulted runs", " ".join(f"{k}={v}" for k, v in sorted(faulted.items())) or "-", ""),
        ("harness RSS first / peak / last, MB", f"{rss[0]:.0f} / {max(rss):.0f} / {rss[-1]:.0f}", "target flat"),
        ("harness RSS mean first / last 10 %, MB",
         f"{statistics.fmean(rss[:tenth]):.0f} / {statistics.fmean(rss[-tenth:]):.0f}", ""),
        ("evidence folders failing verify", f"{sum(r.broken_evidence for r in results)}", "target 0"),
        ("median run, s", f"{statistics.median(r.seconds for r in results):.1f}", ""),
    ]
    print()
    print(f"| {'measure':<40} | {'value':<34} | note")
    print(f"|{'-' * 42}|{'-' * 36}|------")
    for name, value, note in rows:
        print(f"| {name:<40} | {value:<34} | {note}")


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m bench.soak", description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=200)
    parser.add_argument("--fault-every", type=int, default=4, help="a fault in every Nth run (default 4)")
    parser.add_argument("--seed", type=int, default=1)
    parser.add_argument("--observe-s", type=float, default=3.0, help="observe_s of each run (default 3)")
    parser.add_argument("--out", type=Path, help="where runs keep their evidence (default: a temporary folder)")
    args = parser.parse_args(argv)
    out = args.out or Path(tempfile.mkdtemp(prefix="harness-soak-"))
    out.mkdir(parents=True, exist_ok=True)
    print(f"soak: {args.runs} runs, a fault every {args.fault_every}, seed {args.seed}, evidence in {out}")
    report(soak(args.runs, args.fault_every, args.seed, out, args.observe_s))
    return 0


if __name__ == "__main__":
    sys.exit(main())
