"""Frame capture over time (`python -m bench.capture [--duration 600]`): achieved frame rate,
drops and the harness process's resident memory, which must stay bounded (< 500 MB for ten
minutes). Frames stream to a sink that only counts bytes, so what grows is the harness itself.

Without --serial it starts a virtual device (every demo app installed) on private ports and
keeps a splash ad cycling so the screen changes."""

from __future__ import annotations

import argparse
import os
import resource
import sys
import threading
import time
from pathlib import Path
from typing import Any

from emulator.launch import private_virtual_device

CHANGING_APP = "com.demo.splash.ok"  # a 5 s countdown: a screen that changes every second


class CountingSink:
    def __init__(self) -> None:
        self.bytes = 0
        self.events = 0

    def write_bytes(self, relpath: str, data: bytes) -> None:
        self.bytes += len(data)

    def event(self, kind: str, **fields: Any) -> None:
        self.events += 1


def rss_mb() -> float:
    for line in Path("/proc/self/status").read_text().splitlines():
        if line.startswith("VmRSS:"):
            return int(line.split()[1]) / 1024
    return float("nan")


def peak_rss_mb() -> float:
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024  # KiB on Linux


def run(serial: str, port: int, duration: float, fps: float) -> int:
    from harness.capture import CaptureConfig, FrameCapture
    from harness.device import DeviceError, DeviceSession

    try:
        session = DeviceSession.connect(serial, port=port)
    except DeviceError as e:
        print(f"error: {e}", file=sys.stderr)
        return 1
    sink = CountingSink()
    stop = threading.Event()

    def relaunch() -> None:  # keep the screen changing: the splash counts down, then relaunch
        while not stop.is_set():
            try:
                session.cold_launch(CHANGING_APP)
            except DeviceError:
                return
            stop.wait(6)

    driver = threading.Thread(target=relaunch, daemon=True)
    cap = FrameCapture.for_session(session, CaptureConfig(fps=fps), sink).start()
    driver.start()
    print(f"capturing {serial} at a target of {fps:g} fps for {duration:g} s")
    print(f"{'t (s)':>6} {'frames':>7} {'fps':>6} {'dropped':>7} {'evicted':>7} {'buffer MB':>9} {'RSS MB':>7}")
    start = time.monotonic()
    try:
        while (elapsed := time.monotonic() - start) < duration and cap.running:
            time.sleep(min(10.0, max(0.0, duration - elapsed)))
            s = cap.stats()
            print(f"{time.monotonic() - start:6.0f} {s.frames:7d} {s.achieved_fps or 0:6.1f} {s.dropped:7d} "
                  f"{s.evicted:7d} {s.buffer_bytes / 2**20:9.1f} {rss_mb():7.0f}", flush=True)
    finally:
        stop.set()
        stats = cap.stop()
        session.close()
    iv = stats.intervals
    print(f"\nstate {stats.state}{f' ({stats.error})' if stats.error else ''}")
    print(f"achieved fps      {stats.achieved_fps or 0:8.1f}   (target {fps:g})")
    print(f"frames            {stats.frames:8d}   dropped {stats.dropped} (behind {stats.dropped_behind}, "
          f"failed {stats.failed}), screencap fallbacks {stats.fallback_frames}")
    if iv:
        print(f"interval ms       mean {iv.mean_ms:.1f}  median {iv.median_ms:.1f}  p95 {iv.p95_ms:.1f}  "
              f"max {iv.max_ms:.1f}")
    print(f"streamed to sink  {sink.bytes / 2**20:8.1f} MB in {sink.events} events")
    print(f"peak RSS          {peak_rss_mb():8.0f} MB   (target < 500 MB for 600 s)")
    return 0 if stats.state == "stopped" else 1


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m bench.capture", description=__doc__.splitlines()[0])
    parser.add_argument("--duration", type=float, default=60.0, help="seconds of capture (default 60)")
    parser.add_argument("--fps", type=float, default=25.0, help="target frame rate (default 25)")
    parser.add_argument("--serial", help="an existing device (default: start a virtual device)")
    parser.add_argument("--adb-port", type=int, help="adb server port for --serial (default: the environment's)")
    args = parser.parse_args(argv)
    if args.serial:
        return run(args.serial, args.adb_port or int(os.environ.get("ANDROID_ADB_SERVER_PORT", 5037)),
                   args.duration, args.fps)
    with private_virtual_device(install="all") as (server, device):
        return run(device.serial, server.port, args.duration, args.fps)


if __name__ == "__main__":
    sys.exit(main())
