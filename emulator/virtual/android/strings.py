"""System UI strings in the device's locale (`persist.sys.locale`): English as AOSP ships it
(with its typographic apostrophes), Simplified Chinese for `zh-CN`/`zh-Hans…`."""

from __future__ import annotations

from .permission_groups import PermissionGroup

_EN = {
    "allow": "Allow",
    "allow_foreground": "While using the app",
    "allow_one_time": "Only this time",
    "deny": "Don\u2019t allow",
    "anr_title": "{label} isn\u2019t responding",
    "anr_close": "Close app",
    "anr_wait": "Wait",
}
_ZH = {
    "allow": "允许",
    "allow_foreground": "仅在使用该应用时允许",
    "allow_one_time": "仅限这一次",
    "deny": "不允许",
    "anr_title": "“{label}”没有响应",
    "anr_close": "关闭应用",
    "anr_wait": "等待",
}


def is_chinese(locale: str) -> bool:
    return locale.lower().replace("_", "-") in ("zh-cn", "zh-sg") or locale.lower().startswith("zh-hans")


def text(locale: str, key: str, **values: str) -> str:
    return (_ZH if is_chinese(locale) else _EN)[key].format(**values)


def grant_message(locale: str, group: PermissionGroup, label: str) -> str:
    """The grant dialog's `permission_message` (the app label is bold on a device; plain here)."""
    if is_chinese(locale):
        return f"要允许“{label}”{group.request_zh}吗？"
    return f"Allow {label} to {group.request_en}?"
