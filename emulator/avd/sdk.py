"""The Android SDK on this machine: where it is, its tools and the system images installed."""

from __future__ import annotations

import os
from collections.abc import Mapping
from dataclasses import dataclass
from pathlib import Path

SDK_VARIABLES = ("ANDROID_SDK_ROOT", "ANDROID_HOME")
# What one `sdkmanager` call must install for everything here to work (x86_64 needs KVM).
INSTALL_HINT = ("sdkmanager 'cmdline-tools;latest' 'platform-tools' 'emulator' "
                "'system-images;android-34;google_apis;x86_64'")

# Each tool and the SDK package that brings it; newer cmdline-tools first, the old `tools` last.
TOOLS: dict[str, tuple[tuple[str, ...], str]] = {
    "avdmanager": (("cmdline-tools/latest/bin/avdmanager", "tools/bin/avdmanager"), "cmdline-tools;latest"),
    "emulator": (("emulator/emulator",), "emulator"),
    "adb": (("platform-tools/adb",), "platform-tools"),
}


class SdkError(RuntimeError):
    pass


@dataclass(frozen=True)
class Sdk:
    root: Path

    def tool(self, name: str) -> Path:
        """The tool's path; a missing one names the SDK package to install."""
        paths, package = TOOLS[name]
        for relative in paths:
            if (self.root / relative).is_file():
                return self.root / relative
        raise SdkError(f"the Android SDK at {self.root} has no {name}: install it with sdkmanager '{package}'")

    def system_images(self) -> list[str]:
        """Installed system images as sdkmanager names (`system-images;android-34;google_apis;x86_64`),
        newest API level first."""
        found = [p.parent for p in (self.root / "system-images").glob("*/*/*/system.img")]
        ids = [("system-images", *p.relative_to(self.root / "system-images").parts) for p in found]
        return [";".join(i) for i in sorted(ids, key=lambda i: (_api_level(i[1]), i), reverse=True)]


def _api_level(platform: str) -> int:
    digits = platform.removeprefix("android-")
    return int(digits) if digits.isdigit() else 0


def find_sdk(environ: Mapping[str, str] = os.environ) -> Sdk:
    """The SDK named by ANDROID_SDK_ROOT or ANDROID_HOME (the first that is a folder)."""
    for variable in SDK_VARIABLES:
        value = environ.get(variable)
        if value and Path(value).is_dir():
            return Sdk(Path(value))
    named = [f"{v}={environ[v]}" for v in SDK_VARIABLES if environ.get(v)]
    where = f"{', '.join(named)} is not a folder" if named else "neither ANDROID_SDK_ROOT nor ANDROID_HOME is set"
    raise SdkError(f"no Android SDK: {where}; install the command-line tools and run {INSTALL_HINT}")
