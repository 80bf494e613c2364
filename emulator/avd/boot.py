"""Has an Android device finished booting? Judged from what adb says, so a real emulator and the
virtual device are waited for alike, and the device pool checks its devices the same way."""

from __future__ import annotations

import subprocess
import time

from ..launch import AdbServer, LaunchError

BOOT_COMPLETED = "getprop sys.boot_completed"
# Boot completes a little before the package manager serves; `pm` is what installs and launches need.
PACKAGE_MANAGER = "pm path android"


def boot_problem(boot_completed: str, package_manager: str) -> str | None:
    """Why the device is not ready yet, from the output of the two commands; None when it is."""
    if boot_completed.strip() != "1":
        return f"boot not complete (sys.boot_completed={boot_completed.strip()!r})"
    if not package_manager.strip().startswith("package:"):
        answer = package_manager.strip().splitlines()[0] if package_manager.strip() else "nothing"
        return f"package manager not answering (`{PACKAGE_MANAGER}` said {answer!r})"
    return None


def readiness(server: AdbServer, serial: str, timeout: float = 10) -> str | None:
    """One look at the device through the adb server: why it is not ready, or None."""
    state = server.device_state(serial)
    if state != "device":
        return f"adb lists it as {state}" if state else "adb does not list it"
    try:
        answers = [server.run("shell", command, serial=serial, timeout=timeout).stdout
                   for command in (BOOT_COMPLETED, PACKAGE_MANAGER)]
    except subprocess.TimeoutExpired:
        return f"adb shell did not answer within {timeout:g} s"
    return boot_problem(*answers)


def wait_for_boot(server: AdbServer, serial: str, timeout: float = 300, poll: float = 1.0,
                  process: subprocess.Popen | None = None) -> float:
    """Wait until `serial` is online, booted and its package manager answers; the seconds it
    took. `process`, the emulator if we started it, ends the wait early when it exits."""
    started = time.monotonic()
    while True:
        problem = readiness(server, serial)
        if problem is None:
            return time.monotonic() - started
        if process is not None and process.poll() is not None:
            raise LaunchError(f"{serial}: the emulator exited with code {process.returncode} before booting")
        if time.monotonic() - started >= timeout:
            raise LaunchError(f"{serial} not booted after {timeout:g} s: {problem}")
        time.sleep(poll)
