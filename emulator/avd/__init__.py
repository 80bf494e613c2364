"""Real Android emulators from an installed SDK: find it, create an AVD, start it headless, wait
for its boot through adb and stop it. `python -m emulator.avd --help`."""
