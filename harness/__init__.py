"""The compliance harness: device sessions, capture, observation probes, screen analysis and
the pytest plugin. It sees a device only through adb, uiautomator2 and the emulator console."""
