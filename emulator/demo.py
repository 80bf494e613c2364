"""`make demo`: start a virtual device with the demo apps on private ports and drive it with
the real clients — the adb binary from the adbutils wheel lists the device and its demo apps,
uiautomator2 opens a splash ad, reads its 跳过 countdown, taps it and takes screenshots.

Until the compliance scenarios exist this is the main job; they will take it over.
"""

from __future__ import annotations

import os
import sys
import tempfile
import time
from pathlib import Path

from .launch import AdbServer, LaunchError, start_virtual_device
from .ports import private_adb_server_port

OUT = Path("out/demo")
SPLASH_APP = "com.demo.splash.ok"


def main() -> int:
    port = private_adb_server_port()
    os.environ["ANDROID_ADB_SERVER_PORT"] = str(port)  # before adbutils is imported
    OUT.mkdir(parents=True, exist_ok=True)
    server = AdbServer(port)
    device = None
    try:
        server.start()
        device = start_virtual_device(port, Path(tempfile.mkdtemp()) / "device.log",
                                      extra_args=("--install", "all"))
        server.wait_for_device(device.serial)
        print(f"$ adb -P {port} devices -l")
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
    except LaunchError as exc:
        print(f"error: {exc}", file=sys.stderr)
        return 1
    finally:
        if device is not None:
            device.stop()
        server.stop()


if __name__ == "__main__":
    sys.exit(main())
