"""Device, screen and app identity, and the pure parsers that read them from shell output."""

from __future__ import annotations

import re
from typing import Literal

from pydantic import BaseModel, ConfigDict, Field, computed_field

_FROZEN = ConfigDict(frozen=True)


DeviceKind = Literal["virtual", "emulator", "physical"]
VIRTUAL_PROPERTY = "ro.harness.virtual"  # set by the embedded virtual device, read like any property


class DeviceIdentity(BaseModel):
    """What the device says it is, through adb's getprop only."""

    model_config = _FROZEN

    serial: str
    kind: DeviceKind = Field(description="virtual: the harness's embedded virtual device (a simulated Android, "
                                         f"{VIRTUAL_PROPERTY}=1); emulator: an Android emulator running a system "
                                         "image (qemu properties or an emulator-N serial); physical: a real device")
    model: str
    manufacturer: str
    sdk: int | None
    release: str
    fingerprint: str
    product: str = Field("", description="ro.product.name: an emulator's system image (e.g. sdk_gphone64_x86_64)")
    build_id: str = Field("", description="ro.build.id")
    avd_name: str = Field("", description="ro.boot.qemu.avd_name: the AVD an emulator runs, when it says")

    @computed_field(description="the device in plain words, as the report, JUnit and `harness doctor` state it")
    @property
    def summary(self) -> str:
        android = f"Android {self.release or '?'} (SDK {self.sdk if self.sdk is not None else '?'})"
        if self.kind == "virtual":
            return f"embedded virtual device: a simulated {android}, not a real Android system"
        if self.kind == "emulator":
            avd = f", AVD {self.avd_name}" if self.avd_name else ""
            return (f"Android emulator, system image {self.product or '?'}, {android}, "
                    f"build {self.build_id or '?'}{avd}")
        return f"physical device {' '.join(filter(None, (self.manufacturer, self.model))) or '?'}, {android}"


class Screen(BaseModel):
    """The logical screen (override size/density when set, as apps see it)."""

    model_config = _FROZEN

    width_px: int
    height_px: int
    density_dpi: int

    @property
    def scale(self) -> float:
        return self.density_dpi / 160.0  # Android's dp: 1 dp = 1 px at 160 dpi

    def px_to_dp(self, px: float) -> float:
        return px / self.scale

    def dp_to_px(self, dp: float) -> float:
        return dp * self.scale


class AppIdentity(BaseModel):
    model_config = _FROZEN

    package: str
    label: str | None  # Android prints no label in dumpsys/pm; None unless a caller learns it
    version_name: str | None
    version_code: int | None
    uid: int | None
    launcher_activity: str | None  # `pkg/.Cls` as the resolver table prints it
    apk_paths: tuple[str, ...]
    apk_sha256: str  # of the base APK (the first `pm path` line)


def parse_getprop(text: str) -> dict[str, str]:
    """`getprop` output (`[key]: [value]` lines)."""
    return dict(re.findall(r"^\[([^\]]+)\]: \[(.*)\]\s*$", text, re.M))


def device_kind(serial: str, props: dict[str, str]) -> DeviceKind:
    if props.get(VIRTUAL_PROPERTY) == "1":
        return "virtual"
    if (props.get("ro.kernel.qemu") == "1" or props.get("ro.boot.qemu") == "1"
            or props.get("ro.hardware") in ("ranchu", "goldfish") or serial.startswith("emulator-")):
        return "emulator"
    return "physical"


def device_identity(serial: str, props: dict[str, str]) -> DeviceIdentity:
    sdk = props.get("ro.build.version.sdk", "")
    return DeviceIdentity(serial=serial, kind=device_kind(serial, props), model=props.get("ro.product.model", ""),
                          manufacturer=props.get("ro.product.manufacturer", ""),
                          sdk=int(sdk) if sdk.isdigit() else None,
                          release=props.get("ro.build.version.release", ""),
                          fingerprint=props.get("ro.build.fingerprint", ""), product=props.get("ro.product.name", ""),
                          build_id=props.get("ro.build.id", ""), avd_name=props.get("ro.boot.qemu.avd_name", ""))


def _override(text: str, pattern: str) -> re.Match[str] | None:
    """The `Override …` value when `wm` reports one, else the `Physical …` one."""
    found = {m.group(1): m for m in re.finditer(rf"^(Physical|Override) {pattern}", text, re.M)}
    return found.get("Override") or found.get("Physical")


def parse_screen(wm_size: str, wm_density: str) -> Screen | None:
    size = _override(wm_size, r"size: (\d+)x(\d+)")
    density = _override(wm_density, r"density: (\d+)")
    if size is None or density is None:
        return None
    return Screen(width_px=int(size.group(2)), height_px=int(size.group(3)), density_dpi=int(density.group(2)))


def parse_pm_path(text: str) -> list[str]:
    return [line[len("package:"):].strip() for line in text.splitlines() if line.startswith("package:")]


def parse_package_dump(text: str, package: str) -> dict[str, object]:
    """versionName, versionCode, uid and launcher activity from `dumpsys package <pkg>`."""
    section = text.split(f"Package [{package}]", 1)
    body = section[1] if len(section) == 2 else ""
    version_code = re.search(r"^\s*versionCode=(\d+)", body, re.M)
    version_name = re.search(r"^\s*versionName=(\S+)", body, re.M)
    uid = re.search(r"^\s*(?:appId|userId|uid)=(\d+)", body, re.M)
    return {
        "version_code": int(version_code.group(1)) if version_code else None,
        "version_name": version_name.group(1) if version_name else None,
        "uid": int(uid.group(1)) if uid else None,
        "launcher_activity": _launcher_activity(section[0], package),
    }


def _launcher_activity(resolver_table: str, package: str) -> str | None:
    """The activity whose filter lists the LAUNCHER category (resolver table entries are
    `<hash> pkg/.Cls filter <hash>` followed by their Action/Category lines)."""
    current = None
    for line in resolver_table.splitlines():
        entry = re.match(rf"^\s+[0-9a-f]+ ({re.escape(package)}/\S+) filter", line)
        if entry:
            current = entry.group(1)
        elif current and line.strip() == 'Category: "android.intent.category.LAUNCHER"':
            return current
    return None


def parse_uid_packages(text: str) -> dict[int, tuple[str, ...]]:
    """`pm list packages -U`: uid → its packages (shared uids hold several)."""
    owners: dict[int, list[str]] = {}
    for name, uid in re.findall(r"^package:(\S+)\s+uid:(\d+)", text, re.M):
        owners.setdefault(int(uid), []).append(name)
    return {uid: tuple(names) for uid, names in owners.items()}
