"""Toasts: queued and shown one at a time near the bottom, for Toast.LENGTH_SHORT (2 s) or
LENGTH_LONG (3.5 s) of real time. Since Android 12 SystemUI draws app text toasts (with the
app's icon), in a window that takes no focus and no touches."""

from __future__ import annotations

import time
from collections import deque
from dataclasses import dataclass
from typing import TYPE_CHECKING

from .ui import Rect, View, Window

if TYPE_CHECKING:
    from .system import AndroidSystem

SHORT_S, LONG_S = 2.0, 3.5
SYSTEMUI = "com.android.systemui"


@dataclass
class Toast:
    package: str
    text: str
    duration: float
    shown_at: float | None = None  # time.monotonic() when it appeared


class Toasts:
    def __init__(self) -> None:
        self._queue: deque[Toast] = deque()

    def show(self, package: str, text: str, long: bool, now: float) -> None:
        self._queue.append(Toast(package, text, LONG_S if long else SHORT_S))
        self.advance(now)

    def advance(self, now: float) -> bool:
        """Expire the toast on screen and show the next; True when what is shown changed."""
        changed = False
        while self._queue:
            head = self._queue[0]
            if head.shown_at is None:
                head.shown_at = now
                changed = True
            if now < head.shown_at + head.duration:
                break
            self._queue.popleft()
            changed = True
            if self._queue:
                self._queue[0].shown_at = head.shown_at + head.duration
        return changed

    def next_deadline(self) -> float | None:
        head = self._queue[0] if self._queue else None
        return None if head is None or head.shown_at is None else head.shown_at + head.duration

    def cancel(self, package: str) -> None:
        """The app's process died: its toasts go (NotificationManager cancels them)."""
        self._queue = deque(t for t in self._queue if t.package != package)
        if self._queue and self._queue[0].shown_at is None:
            self._queue[0].shown_at = time.monotonic()

    def windows(self, device: AndroidSystem) -> list[Window]:
        if not self._queue or self._queue[0].shown_at is None:
            return []
        toast = self._queue[0]
        width, height = device.screen_size
        dp = device.dp
        text_size = dp(14)
        icon = dp(24)
        # wide enough for the text at ~0.6 em per Latin character, 1 em per CJK one
        text_w = sum(text_size if ord(c) > 0x2E80 else text_size * 0.6 for c in toast.text)
        w = min(width - dp(32), round(dp(16) + icon + dp(8) + text_w + dp(16)))
        h = dp(48)
        left = (width - w) // 2
        bottom = height - device.nav_bar_height - dp(40)
        box = Rect(left, bottom - h, left + w, bottom)
        app = device.apps.get(toast.package)
        colour = app.icon_color if app is not None else (120, 120, 120)
        root = View(cls="android.widget.LinearLayout", package=SYSTEMUI, bounds=box,
                    background=(60, 60, 64), corner_radius=h // 2, children=(
                        View(cls="android.widget.ImageView", package=SYSTEMUI,
                             resource_id="com.android.systemui:id/icon", glyph="circle", color=colour,
                             bounds=Rect(left + dp(12), box.top + (h - icon) // 2, left + dp(12) + icon,
                                         box.top + (h + icon) // 2)),
                        View(cls="android.widget.TextView", package=SYSTEMUI,
                             resource_id="com.android.systemui:id/text", text=toast.text,
                             color=(240, 240, 240), text_size=text_size,
                             bounds=Rect(left + dp(12) + icon + dp(8), box.top, box.right - dp(12), box.bottom)),
                    ))
        return [Window(SYSTEMUI, "Toast", root, kind="toast", focusable=False, touchable=False)]
