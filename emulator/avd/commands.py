"""The argv of each SDK call, built by pure functions so what runs is what the tests check."""

from __future__ import annotations

import re
from dataclasses import dataclass
from pathlib import Path

from ..ports import EMULATOR_CONSOLE_PORTS

AVD_NAME = re.compile(r"[A-Za-z0-9._-]+")  # what avdmanager accepts
DEFAULT_DEVICE = "pixel_6"  # a 1080x2400 phone profile, the virtual device's screen too
# Software GL: a headless runner has no GPU, and host GL without a display fails to start.
DEFAULT_GPU = "swiftshader_indirect"


class BadArgument(ValueError):
    pass


def check_avd_name(name: str) -> str:
    if not AVD_NAME.fullmatch(name):
        raise BadArgument(f"AVD name may hold only letters, digits, '.', '_' and '-': {name!r}")
    return name


def check_console_port(port: int) -> int:
    if port not in EMULATOR_CONSOLE_PORTS:
        raise BadArgument(f"console port must be even, {EMULATOR_CONSOLE_PORTS.start}-"
                          f"{EMULATOR_CONSOLE_PORTS.stop - 2}: {port}")
    return port


def create_argv(avdmanager: Path, name: str, image: str, device: str = DEFAULT_DEVICE,
                force: bool = False) -> list[str]:
    """`avdmanager create avd`; it asks whether to make a custom hardware profile, so the caller
    answers `no` on its standard input."""
    argv = [str(avdmanager), "create", "avd", "--name", check_avd_name(name), "--package", image,
            "--device", device]
    return argv + (["--force"] if force else [])


@dataclass(frozen=True)
class Headless:
    """How to start one emulator with no window, audio or boot animation."""

    avd: str
    port: int  # console port N; adbd listens on N+1 and the serial is emulator-N
    read_only: bool = False  # lets several emulators run one AVD; nothing is written back to it
    snapshot: str | None = None  # load this snapshot and never save over it; None: cold boot
    gpu: str = DEFAULT_GPU


def start_argv(emulator: Path, spec: Headless) -> list[str]:
    argv = [str(emulator), "-avd", check_avd_name(spec.avd), "-port", str(check_console_port(spec.port)),
            "-no-window", "-no-audio", "-no-boot-anim", "-gpu", spec.gpu]
    if spec.read_only:
        argv.append("-read-only")
    # A cold boot must not leave a snapshot behind either, or the next start would not be cold.
    argv += ["-snapshot", spec.snapshot, "-no-snapshot-save"] if spec.snapshot else ["-no-snapshot"]
    return argv


def serial_of(port: int) -> str:
    return f"emulator-{port}"
