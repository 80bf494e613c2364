"""The permission controller: `Activity.requestPermissions` as Android 13/14 runs it.

A request opens `GrantPermissionsActivity` (a translucent activity of
`com.android.permissioncontroller` on top of the caller's task, so it takes focus and is what
`dumpsys window`, `dumpsys activity` and uiautomator2 report as current) and asks one
permission group at a time with the AOSP layout and resource ids. A group the user denied twice
is "don't ask again": later requests for it are denied without a dialog, as on Android 11+.
"""

from __future__ import annotations

import itertools
from collections import deque
from collections.abc import Callable
from dataclasses import dataclass
from typing import TYPE_CHECKING

from . import strings
from .apps import App
from .permission_groups import PermissionGroup, by_group
from .ui import Rect, View

if TYPE_CHECKING:
    from .system import ActivityRecord, AndroidSystem

PACKAGE = "com.android.permissioncontroller"
GRANT_ACTIVITY = PACKAGE + ".permission.ui.GrantPermissionsActivity"
LOG_TAG = "GrantPermissionsViewModel"
DIM = (0, 0, 0, 153)  # the window manager's dim behind dialogs (backgroundDimAmount 0.6)
_ID = PACKAGE + ":id/"

# PermissionControllerStatsLog PERMISSION_GRANT_REQUEST_RESULT_REPORTED results
RESULT_USER_GRANTED = 4
RESULT_USER_DENIED = 5
RESULT_USER_DENIED_WITH_PREJUDICE = 6
RESULT_IGNORED_USER_FIXED = 2

Results = dict[str, bool]


@dataclass
class GrantRequest:
    package: str
    results: Results  # permission → granted, filled as groups are answered
    groups: deque[tuple[PermissionGroup, list[str]]]  # still to ask, the first is on screen
    on_result: Callable[[Results], None]
    session_id: int = 0


@dataclass
class _Button:
    rid: str
    text_key: str
    grant: bool


_FOREGROUND_BUTTONS = (_Button("permission_allow_foreground_only_button", "allow_foreground", True),
                       _Button("permission_allow_one_time_button", "allow_one_time", True))
_ALLOW_BUTTON = (_Button("permission_allow_button", "allow", True),)


class PermissionController(App):
    def __init__(self) -> None:
        super().__init__(package=PACKAGE, label="Permission controller", launcher_activity=None,
                         version_name="34 system image", version_code=340000000, system=True)
        self.requests: deque[GrantRequest] = deque()  # the first one is on screen
        self.denials: dict[tuple[str, str], int] = {}  # (package, group) → times denied
        self._sessions = itertools.count(0x5E55100)

    # ---- requests ------------------------------------------------------------------
    def request(self, device: AndroidSystem, package: str, permissions: list[str],
                on_result: Callable[[Results], None]) -> None:
        """Answer what needs no dialog at once; queue the rest (the caller holds the lock)."""
        app = device.apps[package]
        grants = device.runtime_grants(package)
        results: Results = {}
        groups: deque[tuple[PermissionGroup, list[str]]] = deque()
        session = next(self._sessions)
        grouped = {p for _, ps in by_group(permissions) for p in ps}
        for permission in permissions:
            if permission not in grouped:  # install-time permissions: granted when declared
                results[permission] = permission in app.permissions
        for group, members in by_group(permissions):
            declared = [p for p in members if p in app.permissions]
            for p in members:
                results[p] = p in grants
            ask = [p for p in declared if p not in grants]
            if not ask:
                continue  # all granted already, or none declared in the manifest (denied)
            if self.denials.get((package, group.name), 0) >= 2:
                self._log_results(device, package, ask, RESULT_IGNORED_USER_FIXED, session)
                continue
            groups.append((group, ask))
        request = GrantRequest(package, results, groups, on_result, session)
        if not groups:
            device.post(lambda: on_result(dict(results)))
            return
        self.requests.append(request)
        if len(self.requests) == 1:
            device.show_grant_activity(package)

    def current(self) -> tuple[GrantRequest, PermissionGroup, list[str]] | None:
        if not self.requests:
            return None
        request = self.requests[0]
        group, members = request.groups[0]
        return request, group, members

    def answer(self, device: AndroidSystem, grant: bool, counts: bool = True) -> None:
        """The user's choice for the group on screen; `counts=False` for back, which denies
        without moving the group towards "don't ask again"."""
        current = self.current()
        if current is None:
            return
        request, group, members = current
        key = (request.package, group.name)
        if grant:
            device.runtime_grants(request.package).update(members)
            result = RESULT_USER_GRANTED
        else:
            self.denials[key] = self.denials.get(key, 0) + counts
            result = RESULT_USER_DENIED_WITH_PREJUDICE if self.denials[key] >= 2 else RESULT_USER_DENIED
        for p in members:
            request.results[p] = grant
        self._log_results(device, request.package, members, result, request.session_id)
        request.groups.popleft()
        if request.groups:
            return
        self.requests.popleft()
        if self.requests:
            device.show_grant_activity(self.requests[0].package)
        else:
            device.finish_grant_activity()
        results = dict(request.results)
        device.post(lambda: request.on_result(results))

    def forget(self, package: str) -> None:
        """`pm clear` / uninstall: the package's "don't ask again" state is gone."""
        self.denials = {k: v for k, v in self.denials.items() if k[0] != package}

    def drop_requests(self, package: str) -> bool:
        """The requesting app died: its pending requests go with it. True if one was on screen."""
        on_screen = bool(self.requests) and self.requests[0].package == package
        self.requests = deque(r for r in self.requests if r.package != package)
        return on_screen

    def _log_results(self, device: AndroidSystem, package: str, permissions: list[str], result: int,
                     session: int) -> None:
        uid = device.uid_of(package)
        pid = device.ensure_process(PACKAGE).pid
        for p in permissions:
            device.log("V", LOG_TAG,
                       f"Permission grant result requestId={session} callingUid={uid} callingPackage={package}"
                       f" permission={p} isImplicit=false result={result} isPermissionRationaleShown=false",
                       pid=pid)

    # ---- App ------------------------------------------------------------------------
    def render(self, device: AndroidSystem, activity: ActivityRecord, area: Rect) -> View:
        width, height = device.screen_size
        screen = Rect(0, 0, width, height)
        current = self.current()
        children: tuple[View, ...] = ()
        if current is not None:
            request, group, _ = current
            children = (self._dialog(device, request, group, screen),)
        return View(cls="android.widget.FrameLayout", package=PACKAGE, bounds=screen, background=DIM,
                    children=children)

    def _dialog(self, device: AndroidSystem, request: GrantRequest, group: PermissionGroup,
                screen: Rect) -> View:
        dp, locale = device.dp, device.props.get("persist.sys.locale", "en-US")
        label = device.apps[request.package].label
        asked_before = self.denials.get((request.package, group.name), 0) >= 1
        buttons = [*(_FOREGROUND_BUTTONS if group.foreground_only else _ALLOW_BUTTON),
                   _Button("permission_deny_and_dont_ask_again_button" if asked_before
                           else "permission_deny_button", "deny", False)]
        margin, pad, button_h, gap = dp(24), dp(24), dp(48), dp(8)
        message_h = dp(96)
        icon = dp(32)
        card_h = pad + icon + dp(16) + message_h + dp(16) + len(buttons) * (button_h + gap) + pad
        left, right = screen.left + margin, screen.right - margin
        top = (screen.top + screen.bottom - card_h) // 2
        card = Rect(left, top, right, top + card_h)
        icon_left = (left + right - icon) // 2
        icon_view = View(cls="android.widget.ImageView", package=PACKAGE, resource_id=_ID + "permission_icon",
                         bounds=Rect(icon_left, top + pad, icon_left + icon, top + pad + icon),
                         glyph="circle", color=(11, 87, 208))
        message_top = top + pad + icon + dp(16)
        message = View(cls="android.widget.TextView", package=PACKAGE, resource_id=_ID + "permission_message",
                       text=strings.grant_message(locale, group, label), text_size=dp(22), color=(27, 27, 31),
                       bounds=Rect(left + pad, message_top, right - pad, message_top + message_h))
        content = View(cls="android.widget.LinearLayout", package=PACKAGE, resource_id=_ID + "content_container",
                       bounds=Rect(left, top, right, message_top + message_h), children=(
                           View(cls="android.widget.LinearLayout", package=PACKAGE,
                                bounds=Rect(left, top, right, message_top + message_h),
                                children=(icon_view, message)),))
        y = message_top + message_h + dp(16)
        views = []
        for b in buttons:
            views.append(View(cls="android.widget.Button", package=PACKAGE, resource_id=_ID + b.rid,
                              text=strings.text(locale, b.text_key), clickable=True, focusable=True,
                              bounds=Rect(left + pad, y, right - pad, y + button_h),
                              background=(11, 87, 208) if b is buttons[0] else (216, 226, 255),
                              color=(255, 255, 255) if b is buttons[0] else (4, 30, 73),
                              corner_radius=button_h // 2, text_size=dp(16),
                              action="grant" if b.grant else "deny"))
            y += button_h + gap
        button_list = View(cls="android.widget.LinearLayout", package=PACKAGE,
                           bounds=Rect(left, message_top + message_h + dp(16), right, y),
                           children=tuple(views))
        dialog = View(cls="android.widget.LinearLayout", package=PACKAGE, resource_id=_ID + "grant_dialog",
                      bounds=card, background=(242, 240, 247), corner_radius=dp(28),
                      children=(content, button_list))
        return View(cls="android.widget.ScrollView", package=PACKAGE, bounds=screen, children=(
            View(cls="android.widget.LinearLayout", package=PACKAGE, resource_id=_ID + "grant_singleton",
                 bounds=screen, children=(dialog,)),))

    def on_action(self, device: AndroidSystem, activity: ActivityRecord, action: str) -> None:
        self.answer(device, action == "grant")

    def on_back(self, device: AndroidSystem, activity: ActivityRecord) -> bool:
        self.answer(device, False, counts=False)  # back dismisses the dialog: a denial
        return True

    def on_stop(self) -> None:
        super().on_stop()
        self.requests.clear()
