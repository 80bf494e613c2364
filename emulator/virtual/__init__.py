"""A protocol-faithful virtual Android device.

The real adb server, adbutils and uiautomator2 drive it unmodified: it speaks the adbd side
of the ADB transport, runs a uiautomator2-compatible server on device port 9008 and an
emulator console on the even port. Nothing under harness/ or scenarios/ may import it.
"""
