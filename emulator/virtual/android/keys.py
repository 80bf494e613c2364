"""Android key codes (android.view.KeyEvent) for the keys the device understands."""

KEYCODES: dict[str, int] = {
    "KEYCODE_HOME": 3, "KEYCODE_BACK": 4, "KEYCODE_CALL": 5, "KEYCODE_ENDCALL": 6,
    "KEYCODE_DPAD_UP": 19, "KEYCODE_DPAD_DOWN": 20, "KEYCODE_DPAD_LEFT": 21,
    "KEYCODE_DPAD_RIGHT": 22, "KEYCODE_DPAD_CENTER": 23, "KEYCODE_VOLUME_UP": 24,
    "KEYCODE_VOLUME_DOWN": 25, "KEYCODE_POWER": 26, "KEYCODE_CAMERA": 27, "KEYCODE_CLEAR": 28,
    "KEYCODE_TAB": 61, "KEYCODE_SPACE": 62, "KEYCODE_ENTER": 66, "KEYCODE_DEL": 67,
    "KEYCODE_MENU": 82, "KEYCODE_NOTIFICATION": 83, "KEYCODE_SEARCH": 84,
    "KEYCODE_VOLUME_MUTE": 164, "KEYCODE_APP_SWITCH": 187, "KEYCODE_WAKEUP": 224,
    "KEYCODE_SLEEP": 223, "KEYCODE_FORWARD_DEL": 112,
}
KEYCODE_NAMES: dict[int, str] = {v: k for k, v in KEYCODES.items()}


def parse_keycode(token: str) -> int | None:
    """`4`, `BACK` or `KEYCODE_BACK` → 4; None when unknown."""
    if token.isdigit():
        return int(token)
    name = token.upper()
    if not name.startswith("KEYCODE_"):
        name = "KEYCODE_" + name
    return KEYCODES.get(name)
