"""`make demo`: start a virtual device with the demo apps on private ports and drive it with
the real clients — the adb binary from the adbutils wheel lists the device and its demo apps,
uiautomator2 opens a splash ad, reads its 跳过 countdown, taps it and takes screenshots.

Until the compliance scenarios exist this is the main job; they will take it over.
"""

from __future__ import annotations

import sys
import time
from pathlib import Path

from .launch import AdbServer, LaunchError, VirtualDeviceProcess, private_virtual_device

OUT = Path("out/demo")
SPLASH_APP = "com.demo.splash.ok"


def main() -> int:
    OUT.mkdir(parents=True, exist_ok=True)
    try:
        with private_virtual_device(install="all") as (server, device):
            return _show(server, device)
    except LaunchError as exc:
        print(f"error: {exc}", file=sys.stderr)
        return 1


def _show(server: AdbServer, device: VirtualDeviceProcess) -> int:
    print(f"$ adb -P {server.port} devices -l")
    print(server.run("devices", "-l").stdout.rstrip())
    demo_apps = [line.removeprefix("package:") for line in
                 server.run("shell", "pm list packages -3", serial=device.serial).stdout.split()]
    print(f"\n{len(demo_apps)} apps installed: {', '.join(sorted(demo_apps))}")

    import uiautomator2 as u2
    started = time.monotonic()
    d = u2.connect(device.serial)
    info = d.info
    print(f"\nuiautomator2 connected in {time.monotonic() - started:.2f}s: display "
          f"{info['displayWidth']}x{info['displayHeight']}, sdk {info['sdkInt']}")
    d.screenshot().save(OUT / "1-launcher.png")

    launched = time.monotonic()
    d.app_start(SPLASH_APP)
    skip = d(textStartsWith="跳过")
    skip.wait(timeout=5)
    print(f"{SPLASH_APP}: splash up, skip control {skip.get_text()!r} at "
          f"{skip.info['bounds']} after {time.monotonic() - launched:.2f}s")
    d.screenshot().save(OUT / "2-splash.png")
    skip.click()
    time.sleep(0.3)
    print(f"tapped it → {d.app_current()['activity']}")
    d.screenshot().save(OUT / "3-after-skip.png")
    d.stop_uiautomator()
    print(f"\nscreenshots in {OUT}/: 1-launcher.png, 2-splash.png, 3-after-skip.png")
    return 0

if __name__ == "__main__":
    sys.exit(main())
