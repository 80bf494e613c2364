"""Speed of the virtual device through the real adb server and uiautomator2.

Prints uiautomator2 screenshots per second at 1080x2400 (an unchanged screen and a screen
that changes before every shot), the median JSON-RPC round trip, and the device process's
resident size. Targets (issue 2): >= 25 screenshots/s, <= 15 ms median RPC, <= 300 MB.
"""

from __future__ import annotations

import os
import statistics
import sys
import tempfile
import time
from pathlib import Path

from emulator.launch import AdbServer, start_virtual_device
from emulator.ports import private_adb_server_port


def rss_mb(pid: int) -> float:
    for line in Path(f"/proc/{pid}/status").read_text().splitlines():
        if line.startswith("VmRSS:"):
            return int(line.split()[1]) / 1024
    return float("nan")


def main(seconds: float = 5.0) -> int:
    port = private_adb_server_port()
    os.environ["ANDROID_ADB_SERVER_PORT"] = str(port)
    server = AdbServer(port)
    server.start()
    device = start_virtual_device(port, Path(tempfile.mkdtemp()) / "device.log")
    try:
        server.wait_for_device(device.serial)
        import uiautomator2 as u2
        d = u2.connect(device.serial)
        d.app_start("com.example.hello")
        d.screenshot()

        rpc = []
        for _ in range(100):
            t = time.perf_counter()
            d.jsonrpc.deviceInfo()
            rpc.append(time.perf_counter() - t)

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
        print(f"screen 1080x2400, {os.cpu_count()} cores, {seconds:.0f}s per measurement")
        print(f"{'measure':<42}{'value':>12}  target")
        print(f"{'screenshot() per s, unchanged screen':<42}{static_fps:>12.1f}  >= 25  ({static_ms:.1f} ms each)")
        print(f"{'screenshot() per s, screen changed each time':<42}{changing_fps:>12.1f}  >= 25  ({changing_ms:.1f} ms each)")
        print(f"{'median JSON-RPC round trip (deviceInfo), ms':<42}{statistics.median(rpc) * 1000:>12.1f}  <= 15")
        print(f"{'device process resident size, MB':<42}{rss:>12.0f}  <= 300")
        d.stop_uiautomator()
        return 0
    finally:
        device.stop()
        server.stop()


if __name__ == "__main__":
    sys.exit(main())
