"""Meeting runtime permission requests as a user who declines them.

The run answers every system permission dialog with "Don't allow" and watches what the app
does next: asks again at once, quits, or carries on. With `explore`, it also starts the app's
features the way a user would (tapping the labelled controls of the first screen, and the
go-ahead button of a purpose screen that comes up) so that requests made on demand are met.
Every request is filed with the feature that provoked it (the control tapped, and the one before
it when that was a purpose screen's go-ahead) and the words that explain it (the feature's label
and any purpose text shown before the request), so a group the feature does not plausibly need
can be named (`unrelated_groups`).
"""

from __future__ import annotations

import time
import tomllib
from collections.abc import Mapping
from dataclasses import dataclass, field
from pathlib import Path

from ..config import HarnessConfig
from ..hierarchy import HierarchyError, Node, parse_nodes
from ..probes.permission_dialog import CONTROLLER_PACKAGES, PermissionDialog, find_permission_dialog
from ..vision.config import CLOSE_WORDS_EN, CLOSE_WORDS_ZH
from .trial import Trial

POLL_S = 0.25
DENY_BUTTONS = ("permission_deny_button", "permission_deny_and_dont_ask_again_button")
ALLOW_BUTTONS = ("permission_allow_foreground_only_button", "permission_allow_button", "permission_allow_all_button",
                 "permission_allow_one_time_button")
#: Words of a screen that says why a permission is wanted (shown before or with the request).
PURPOSE_WORDS = ("用于", "需要", "目的", "以便", "为了", "用来", "获取", "权限", "purpose", "needs", "need ", "to use",
                 "so that", "in order to", "permission")


#: Labels of a purpose screen's go-ahead: they say nothing of the feature, the tap before does.
GO_AHEAD_WORDS = ("去授权", "去开启", "去设置", "开启", "允许", "同意", "确定", "好的", "继续", "下一步", "授权", "立即开启",
                  "ok", "allow", "continue", "next", "enable", "turn on", "go to settings")
_G = "android.permission-group."
#: Feature words (zh/en) → the permission groups such a feature plausibly needs. The groups are
#: what Android's permission groups protect (developer.android.com, Manifest.permission_group:
#: CAMERA "take pictures and record video", CONTACTS, LOCATION …); which words point to which
#: group is this project's choice. Replace it with `permission_feature_map` (a TOML file of
#: `word = ["android.permission-group.X", …]`).
FEATURE_GROUPS: dict[str, tuple[str, ...]] = {
    **dict.fromkeys(("扫一扫", "扫码", "扫描", "拍照", "拍摄", "相机", "摄像", "录像", "人脸", "刷脸", "识物", "二维码", "scan",
                     "camera", "take a photo", "snap", "selfie", "qr"), (_G + "CAMERA",)),
    **dict.fromkeys(("视频通话", "video call"), (_G + "CAMERA", _G + "MICROPHONE")),
    **dict.fromkeys(("语音", "录音", "麦克风", "直播", "voice", "record audio", "microphone"), (_G + "MICROPHONE",)),
    **dict.fromkeys(("附近", "定位", "位置", "地图", "导航", "周边", "门店", "同城", "打车", "nearby", "location", "map",
                     "navigat", "near me", "store"), (_G + "LOCATION",)),
    **dict.fromkeys(("通讯录", "联系人", "好友", "邀请", "contacts", "invite", "friends"), (_G + "CONTACTS",)),
    **dict.fromkeys(("相册", "图片", "照片", "上传", "头像", "保存", "album", "gallery", "upload", "avatar", "photos"),
                    (_G + "READ_MEDIA_VISUAL", _G + "STORAGE")),
    **dict.fromkeys(("日历", "日程", "calendar", "schedule"), (_G + "CALENDAR",)),
    **dict.fromkeys(("拨打", "电话", "dial", "phone call"), (_G + "PHONE",)),
    **dict.fromkeys(("短信", "sms"), (_G + "SMS",)),
    **dict.fromkeys(("通知", "提醒", "推送", "notification", "remind"), (_G + "NOTIFICATIONS",)),
    **dict.fromkeys(("蓝牙", "配对", "bluetooth", "pair"), (_G + "NEARBY_DEVICES",)),
    **dict.fromkeys(("步数", "计步", "运动", "steps", "workout", "fitness"), (_G + "ACTIVITY_RECOGNITION",)),
}


class FeatureMapError(ValueError):
    """A feature map file that cannot be used, as one line."""


def load_feature_map(path: Path | None) -> Mapping[str, tuple[str, ...]]:
    """The built-in map, or the one in `path` (TOML: `word = [group, …]`)."""
    if path is None:
        return FEATURE_GROUPS
    try:
        data = tomllib.loads(Path(path).read_text(encoding="utf-8"))
    except (OSError, tomllib.TOMLDecodeError, UnicodeDecodeError) as e:
        raise FeatureMapError(f"{path}: cannot read the feature map: {e}") from None
    if not all(isinstance(v, list) and all(isinstance(g, str) for g in v) for v in data.values()):
        raise FeatureMapError(f"{path}: each word maps to a list of permission groups")
    return {str(k): tuple(v) for k, v in data.items()}


def plausible_groups(words: tuple[str, ...], feature_map: Mapping[str, tuple[str, ...]]) -> set[str]:
    """The groups the feature words point to (empty: the words say nothing we know)."""
    text = " ".join(words).lower()
    return {g for word, groups in feature_map.items() if word.lower() in text for g in groups}


@dataclass(frozen=True)
class Request:
    since_launch_ms: float
    group: str | None
    message: str
    since_user_action_ms: float | None  # None: no user action before it
    purpose_shown: bool
    answered_ms: float | None  # when it was denied (None: could not be answered)
    feature: str | None = None  # the control(s) tapped that provoked it, e.g. "扫一扫 › 去授权"
    feature_words: tuple[str, ...] = ()  # the feature's labels and the purpose text shown before it


@dataclass
class DenialRun:
    requests: list[Request] = field(default_factory=list)
    quit_after_denial: bool = False
    asked_again: list[tuple[str, float]] = field(default_factory=list)  # group, ms after the denial
    feature_taps: list[str] = field(default_factory=list)
    in_front_at_end: bool = True


def _texts(nodes: list[Node], package: str) -> list[str]:
    return [t for n in nodes if n.package == package for t in (n.text, n.content_desc) if t]


def _nodes(xml: str) -> list[Node]:
    try:
        return parse_nodes(xml)
    except HierarchyError:
        return []


def _declines(text: str) -> bool:
    t = text.replace(" ", "").lower()
    return any(w in t for w in CLOSE_WORDS_ZH) or t in CLOSE_WORDS_EN


def feature_controls(nodes: list[Node], package: str) -> list[Node]:
    """Labelled, enabled, clickable controls of the app that do not dismiss or decline."""
    return [n for n in nodes if n.package == package and n.clickable and n.enabled and n.bounds
            and (n.text or n.content_desc) and not _declines(n.text or n.content_desc)
            and "CheckBox" not in n.cls and "Switch" not in n.cls]


def has_purpose(texts: list[str]) -> bool:
    return any(w in t.lower() for t in texts for w in PURPOSE_WORDS)


def meet_requests(trial: Trial, config: HarnessConfig, explore: bool, watch_ms: float) -> DenialRun:
    """Watch at least `watch_ms` from launch, and a while after every denial or feature tap."""
    run = DenialRun()
    package = trial.package
    last_action: float | None = None  # ms since launch of the last user action
    last_denial: dict[str, float] = {}
    seen_texts: list[str] = []
    taps: list[tuple[str, list[str]]] = []  # each feature tap's label and the purpose texts on screen then
    tried: set[str] = set()
    end = watch_ms
    quiet_since = trial.elapsed_ms()
    while trial.elapsed_ms() < end + config.tap_settle_ms:
        xml = trial.device.dump_hierarchy()
        nodes = _nodes(xml)
        dialog = find_permission_dialog(xml)
        now = trial.elapsed_ms()
        if dialog is not None:
            denied = deny(trial, dialog)
            group = dialog.group or dialog.message
            if group in last_denial and (last_action is None or last_action < last_denial[group]):
                run.asked_again.append((group, now - last_denial[group]))
            feature, words = _feature(taps, seen_texts)
            run.requests.append(Request(now, dialog.group, dialog.message,
                                        None if last_action is None else now - last_action,
                                        has_purpose(seen_texts + _texts(nodes, package)),
                                        trial.elapsed_ms() if denied else None, feature, words))
            if not denied:
                break
            last_denial[group] = trial.elapsed_ms()
            quiet_since = trial.elapsed_ms()
            end = max(end, quiet_since + _watch_after(config))
            continue
        fg = trial.device.foreground()
        if fg.package != package and fg.package not in CONTROLLER_PACKAGES:
            run.quit_after_denial = bool(last_denial)
            run.in_front_at_end = False
            break
        seen_texts = _texts(nodes, package)
        if explore and now - quiet_since >= config.tap_settle_ms and len(run.feature_taps) < config.explore_max_taps:
            control = next((n for n in feature_controls(nodes, package)
                            if (n.text or n.content_desc) not in tried), None)
            if control is not None and control.bounds is not None:
                label = control.text or control.content_desc
                tried.add(label)
                x0, y0, x1, y1 = control.bounds
                trial.device.tap((x0 + x1) / 2, (y0 + y1) / 2)
                run.feature_taps.append(label)
                taps.append((label, [t for t in seen_texts if has_purpose([t])]))
                last_action = quiet_since = trial.elapsed_ms()
                end = max(end, last_action + _watch_after(config))
                continue
        time.sleep(POLL_S)
    return run


def _feature(taps: list[tuple[str, list[str]]], seen: list[str]) -> tuple[str | None, tuple[str, ...]]:
    """The feature a request belongs to: the last tap, and the one before when the last was a
    purpose screen's go-ahead; with the purpose texts shown on the way."""
    if not taps:
        return None, ()
    chain = taps[-2:] if len(taps) >= 2 and _is_go_ahead(taps[-1][0]) else taps[-1:]
    words = [label for label, _ in chain] + [t for _, purpose in chain for t in purpose] + \
        [t for t in seen if has_purpose([t])]
    return " › ".join(label for label, _ in chain), tuple(dict.fromkeys(words))


def _is_go_ahead(label: str) -> bool:
    low = label.strip().lower()
    return any(low == w or low.startswith(w) for w in GO_AHEAD_WORDS)


def _watch_after(config: HarnessConfig) -> float:
    """How long to watch after a tap or an answer for what it brings (a slow device, a purpose
    screen that leads to the request) before taking it that nothing comes."""
    return max(3 * config.tap_settle_ms, 3000)


def deny(trial: Trial, dialog: PermissionDialog) -> bool:
    """Tap the dialog's "Don't allow"; False when it has none to tap."""
    return press(trial, dialog, DENY_BUTTONS)


def press(trial: Trial, dialog: PermissionDialog, ids: tuple[str, ...]) -> bool:
    """Tap the first of the dialog's buttons `ids` it shows; False when it shows none."""
    button = next((dialog.button(i) for i in ids if dialog.button(i) and dialog.button(i).centre), None)
    if button is None or button.centre is None:
        return False
    trial.device.tap(*button.centre)
    time.sleep(0.3)
    return True
