"""`make demo`: start a virtual device on private ports and show it through the real clients.

Until the compliance scenarios exist this is the main job: the adb binary from the adbutils
wheel lists the device, uiautomator2 reads it, taps it and takes screenshots.
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


def main() -> int:
    port = private_adb_server_port()
    os.environ["ANDROID_ADB_SERVER_PORT"] = str(port)  # before adbutils is imported
    OUT.mkdir(parents=True, exist_ok=True)
    server = AdbServer(port)
    device = None
    try:
        server.start()
        device = start_virtual_device(port, Path(tempfile.mkdtemp()) / "device.log")
        server.wait_for_device(device.serial)
        print(f"$ adb -P {port} devices -l")
        print(server.run("devices", "-l").stdout.rstrip())

        import uiautomator2 as u2
        started = time.monotonic()
        d = u2.connect(device.serial)
        info = d.info
        print(f"\nuiautomator2 connected in {time.monotonic() - started:.2f}s")
        print(f"  display {info['displayWidth']}x{info['displayHeight']}, sdk {info['sdkInt']}, "
              f"foreground {info['currentPackageName']}")
        d.screenshot().save(OUT / "1-home.png")
        d(text="Hello").click()
        print(f"  tapped 'Hello' → foreground {d.app_current()['package']}")
        d(text="TAP ME").click()
        print(f"  tapped 'TAP ME' → {d(resourceId='com.example.hello:id/counter').get_text()!r}")
        d.screenshot().save(OUT / "2-hello.png")
        nodes = d.dump_hierarchy().count("<node ")
        print(f"  hierarchy: {nodes} nodes; back → ", end="")
        d.press("back")
        print(d.app_current()["package"])
        d.stop_uiautomator()
        print(f"\nscreenshots: {OUT / '1-home.png'}, {OUT / '2-hello.png'}")
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
