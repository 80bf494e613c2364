"""Speed of the virtual device through the real adb server and uiautomator2.

Prints uiautomator2 screenshots per second at 1080x2400 (an unchanged screen and a screen
that changes before every shot), the median JSON-RPC round trip, and the device process's
resident size. Targets (issue 2): >= 25 screenshots/s, <= 15 ms median RPC, <= 300 MB.
"""

from __future__ import annotations

import os
import statistics
import sys
import time
from pathlib import Path

from emulator.launch import private_virtual_device


def rss_mb(pid: int) -> float:
    for line in Path(f"/proc/{pid}/status").read_text().splitlines():
        if line.startswith("VmRSS:"):
            return int(line.split()[1]) / 1024
    return float("nan")


def main(seconds: float = 5.0) -> int:
    with private_virtual_device() as (_, device):
        import uiautomator2 as u2
        d = u2.connect(device.serial)
        d.app_start("com.example.hello")
        d.screenshot()

        def median_ms(call, n: int = 100) -> float:
            times = []
            for _ in range(n):
                t = time.perf_counter()
                call()
                times.append(time.perf_counter() - t)
            return statistics.median(times) * 1000

        rpc_ms = median_ms(d.jsonrpc.deviceInfo)
        shell_ms = median_ms(lambda: d.adb_device.shell("echo x"))
        dump_ms = median_ms(d.dump_hierarchy, 30)

        def shots_per_second(change: bool) -> tuple[float, float]:
            n, spent, end = 0, 0.0, time.perf_counter() + seconds
            while time.perf_counter() < end:
                if change:
                    d.click(540, 700)  # the app's counter changes the screen
                t = time.perf_counter()
                d.screenshot()
                spent += time.perf_counter() - t
                n += 1
            return n / spent, spent / n * 1000

        static_fps, static_ms = shots_per_second(change=False)
        changing_fps, changing_ms = shots_per_second(change=True)
        rss = rss_mb(device.process.pid)
        rows = [
            ("screenshot() per s, unchanged screen", f"{static_fps:.1f}", f">= 25 ({static_ms:.1f} ms each)"),
            ("screenshot() per s, screen changed each time", f"{changing_fps:.1f}", f">= 25 ({changing_ms:.1f} ms each)"),
            ("median JSON-RPC round trip (deviceInfo), ms", f"{rpc_ms:.1f}", "<= 15"),
            ("median dump_hierarchy(), ms", f"{dump_ms:.1f}", ""),
            ("median adbutils shell('echo x'), ms", f"{shell_ms:.1f}", ""),
            ("device process resident size, MB", f"{rss:.0f}", "<= 300"),
        ]
        print(f"screen 1080x2400, {os.cpu_count()} cores, {seconds:.0f}s per screenshot measurement")
        print(f"| {'measure':<46} | {'value':>7} | target")
        print(f"|{'-' * 48}|{'-' * 9}|-------")
        for name, value, target in rows:
            print(f"| {name:<46} | {value:>7} | {target}")
        d.stop_uiautomator()
        return 0


if __name__ == "__main__":
    sys.exit(main())
