"""`make farm`: a device farm of virtual devices on one private adb server, the whole demo matrix
(every demo app × every scenario) leased through the device pool, with 4 devices and with 1.

    python -m bench.farm [--devices 4] [--apps com.demo.clean,com.demo.splash.ok] [--out out/farm]

Each run is `pytest scenarios/ --app … -n W --adb-server … --pool-device …` with W workers over
W devices (the others stopped); its merged report (every worker's evidence) is written by the session. Printed:
wall time, the CPU seconds the harness and the devices used, verdict counts, whether both runs
reached the same verdicts, and the speed-up.
"""

from __future__ import annotations

import argparse
import os
import re
import secrets
import subprocess
import sys
import time
import xml.etree.ElementTree as ET
from collections import Counter
from dataclasses import dataclass
from pathlib import Path

from emulator.launch import AdbServer, LaunchError, VirtualDeviceProcess, start_virtual_device
from emulator.ports import private_adb_server_port

ROOT = Path(__file__).resolve().parent.parent
DEMO = ROOT / "emulator" / "virtual" / "apps" / "demo"
CLOCK_TICKS = os.sysconf("SC_CLK_TCK")


@dataclass(frozen=True)
class Case:
    test: str
    app: str | None
    verdict: str  # the harness verdict; ERROR for a test that errored before one was reached
    seconds: float  # setup + call + teardown, as JUnit reports it


@dataclass(frozen=True)
class Run:
    devices: int
    wall_s: float
    cpu_s: float  # the pytest processes and the devices, from /proc and rusage
    exit_code: int
    cases: tuple[Case, ...]
    report: str | None
    profiles: int  # launch profiles observed: one per app when each app's tests stay on one worker

    @property
    def verdicts(self) -> dict[str, str]:
        return {c.test: c.verdict for c in self.cases}

    def counts(self) -> str:
        return " · ".join(f"{v} {n}" for v, n in sorted(Counter(self.verdicts.values()).items()))

    def app_seconds(self) -> dict[str, float]:
        totals: Counter[str] = Counter()
        for case in self.cases:
            totals[case.app or "?"] += case.seconds
        return dict(totals)


def demo_apps() -> list[str]:
    return sorted(p.name for p in DEMO.iterdir() if (p / "app.yaml").is_file())


def cpu_seconds(pid: int) -> float:
    """utime + stime of a running process (fields 14 and 15 of /proc/PID/stat)."""
    fields = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()
    return (int(fields[11]) + int(fields[12])) / CLOCK_TICKS


def children_cpu_seconds() -> float:
    import resource
    usage = resource.getrusage(resource.RUSAGE_CHILDREN)
    return usage.ru_utime + usage.ru_stime


def read_cases(junit: Path, apps: list[str]) -> tuple[Case, ...]:
    found = []
    for case in ET.parse(junit).getroot().iter("testcase"):
        props = {p.get("name"): p.get("value") for p in case.iter("property")}
        name = case.get("name", "").split("@", 1)[0]  # xdist loadgroup appends "@<group>"
        app = next((p for p in name.partition("[")[2].rstrip("]").split("-") if p in apps), None)
        verdict = props.get("harness_verdict") or ("ERROR" if case.find("error") is not None else "no verdict")
        found.append(Case(f"{case.get('classname')}::{name}", app, verdict, float(case.get("time", 0))))
    return tuple(found)


def packed(durations: list[float], bins: int) -> float:
    """The wall time of `durations` packed longest first onto `bins` devices (near the best any
    schedule can do; xdist's loadgroup hands groups out in arrival order)."""
    loads = [0.0] * bins
    for duration in sorted(durations, reverse=True):
        loads[loads.index(min(loads))] += duration
    return max(loads)


def run_matrix(server: AdbServer, devices: list[VirtualDeviceProcess], apps: list[str], token: Path,
               out: Path) -> Run:
    name = f"{len(devices)}dev"
    # --dist loadgroup spelled out: the plugin's default reaches the controller but not the workers,
    # which then do not mark tests with their app's group. (With pytest 9 xdist cannot mark them at
    # all, pytest-xdist#1386: the profile count printed below shows whether apps stayed together.)
    cmd = [sys.executable, "-m", "pytest", "scenarios", "-n", str(len(devices)), "--dist", "loadgroup", "-q",
           "-p", "no:cacheprovider",
           "--adb-server", f"127.0.0.1:{server.port}",
           # named: the adb server also finds any other emulator on this machine's scanned ports
           *[arg for d in devices for arg in ("--pool-device", d.serial)],
           *[arg for app in apps for arg in ("--app", app)],
           "--harness-set", f"console_token_path={token}",
           "--evidence-dir", str(out / f"evidence-{name}"), "--junitxml", str(out / f"junit-{name}.xml")]
    env = dict(os.environ, ANDROID_ADB_SERVER_PORT=str(server.port))
    print(f"\n$ pytest scenarios/ -n {len(devices)} --app <{len(apps)} apps> over {len(devices)} device(s) "
          f"… (log: {out / f'pytest-{name}.log'})", flush=True)
    device_cpu = sum(cpu_seconds(d.process.pid) for d in devices)
    harness_cpu = children_cpu_seconds()
    started = time.monotonic()
    with open(out / f"pytest-{name}.log", "w") as log:
        code = subprocess.run(cmd, cwd=ROOT, env=env, stdout=log, stderr=subprocess.STDOUT).returncode
    wall = time.monotonic() - started
    cpu = children_cpu_seconds() - harness_cpu + sum(cpu_seconds(d.process.pid) for d in devices) - device_cpu
    text = (out / f"pytest-{name}.log").read_text(errors="replace")
    report = re.search(r"^harness report: (.+)$", text, re.M)
    junit = out / f"junit-{name}.xml"
    run_dir = Path(report.group(1)).parent.parent if report else None  # <run>/report/index.html
    profiles = len([p for p in run_dir.rglob("profile_*") if p.is_dir()]) if run_dir else 0
    run = Run(len(devices), wall, cpu, code, read_cases(junit, apps) if junit.is_file() else (),
              report.group(1) if report else None, profiles)
    summary = text.strip().splitlines()[-1] if text.strip() else "no output"
    print(f"  {wall:7.1f} s wall, {cpu:7.1f} CPU-s · {run.counts()} · {run.profiles} launch profiles for "
          f"{len(apps)} apps · pytest: {summary}")
    print(f"  report: {run.report or 'none written'}")
    return run


def start_farm(server: AdbServer, count: int, apps: list[str], token: Path, out: Path,
               devices: list[VirtualDeviceProcess]) -> None:
    """Start `count` devices into `devices`, which the caller stops, started or not."""
    for i in range(count):
        devices.append(start_virtual_device(server.port, out / f"device-{i}.log", token_path=token,
                                            extra_args=("--install", ",".join(apps))))
        server.wait_for_device(devices[-1].serial)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m bench.farm", description=__doc__.split("\n\n")[0])
    parser.add_argument("--devices", type=int, default=4, help="devices in the farm (default 4)")
    parser.add_argument("--apps", help="comma-separated demo packages (default: every demo app)")
    parser.add_argument("--out", type=Path, default=Path("out/farm"), help="logs, JUnit files and evidence")
    args = parser.parse_args(argv)
    apps = args.apps.split(",") if args.apps else demo_apps()
    unknown = sorted(set(apps) - set(demo_apps()))
    if unknown or args.devices < 1:
        print(f"error: {'unknown demo apps: ' + ', '.join(unknown) if unknown else '--devices must be >= 1'}",
              file=sys.stderr)
        return 2
    out = args.out.resolve()  # pytest runs in the project folder
    out.mkdir(parents=True, exist_ok=True)
    token = out / "console_token"
    token.write_text(secrets.token_urlsafe(12))
    token.chmod(0o600)

    server = AdbServer(private_adb_server_port())
    devices: list[VirtualDeviceProcess] = []
    try:
        server.start()
        start_farm(server, args.devices, apps, token, out, devices)
        print(f"farm: {', '.join(d.serial for d in devices)} on adb server 127.0.0.1:{server.port}; "
              f"{len(apps)} apps × every scenario; {os.cpu_count()} CPU cores")
        runs = [run_matrix(server, devices, apps, token, out)]
        if args.devices > 1:
            for device in devices[1:]:  # idle devices would still take their share of the CPU
                device.stop()
            runs.append(run_matrix(server, devices[:1], apps, token, out))
    except LaunchError as e:
        print(f"error: {e}", file=sys.stderr)
        return 1
    finally:
        for device in devices:
            device.stop()
        server.stop()
    return summarize(runs)


def summarize(runs: list[Run]) -> int:
    cores = os.cpu_count() or 1
    print("\n| devices | wall time | CPU-s (harness + devices) | cores busy |")
    print("|---------|-----------|---------------------------|------------|")
    for run in runs:
        print(f"| {run.devices:7d} | {run.wall_s:7.1f} s | {run.cpu_s:25.1f} | {run.cpu_s / run.wall_s:10.2f} |")
    if len(runs) == 2:
        farm, single = runs
        print(f"\nspeed-up with {farm.devices} devices: {single.wall_s / farm.wall_s:.2f}x on {cores} cores "
              f"(load average now {os.getloadavg()[0]:.1f}: other work shares them)")
        # The limits, from the 1-device run: with each app's tests on one device the longest app
        # is a floor for any farm and the apps packed onto the devices one for this farm; the CPU
        # the farm used, spread over every core, is another.
        per_app = single.app_seconds()
        longest = max(per_app, key=per_app.__getitem__)
        best = packed(list(per_app.values()), farm.devices)
        print(f"limits: longest app {longest} {per_app[longest]:.0f} s; the apps packed onto {farm.devices} "
              f"devices {best:.0f} s (best speed-up {single.wall_s / best:.2f}x); the farm's CPU on "
              f"{cores} cores {farm.cpu_s / cores:.0f} s")
        differ = sorted(t for t in farm.verdicts.keys() & single.verdicts.keys()
                        if farm.verdicts[t] != single.verdicts[t])
        print(f"verdicts: {len(farm.verdicts) - len(differ)} of {len(farm.verdicts)} the same in both runs"
              + "".join(f"\n  {t}: {farm.verdicts[t]} with {farm.devices}, {single.verdicts[t]} with 1"
                        for t in differ))
    # pytest exits 1 when tests failed (violations are FAIL verdicts): the run itself completed.
    return 0 if all(run.exit_code in (0, 1) and run.cases for run in runs) else 1


if __name__ == "__main__":
    sys.exit(main())
