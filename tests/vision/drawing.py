"""Hand-made test screens drawn with OpenCV/Pillow (no generator from eval/)."""

from __future__ import annotations

import cv2
import numpy as np

W, H, DPI = 1080, 2400, 420
P = DPI / 160


def dp(v: float) -> int:
    return int(round(v * P))


def app_screen(dark: bool = False, seed: int = 0) -> np.ndarray:
    """A plain list screen: app bar, rows with thumbnails and text, bottom bar."""
    rng = np.random.default_rng(seed)
    bg = 18 if dark else 248
    fg = (235, 235, 235) if dark else (30, 30, 30)
    img = np.full((H, W, 3), bg, np.uint8)
    cv2.rectangle(img, (0, 0), (W, dp(80)), (180, 90, 40), -1)
    cv2.putText(img, "Inbox", (dp(16), dp(60)), cv2.FONT_HERSHEY_SIMPLEX, 2.2, (255, 255, 255), 5)
    y = dp(96)
    while y < H - dp(140):
        color = tuple(int(v) for v in rng.integers(40, 220, 3))
        cv2.rectangle(img, (dp(16), y), (dp(72), y + dp(56)), color, -1)
        cv2.putText(img, f"Message title {y}", (dp(88), y + dp(24)), cv2.FONT_HERSHEY_SIMPLEX, 1.4, fg, 3)
        cv2.putText(img, "some preview text here", (dp(88), y + dp(50)), cv2.FONT_HERSHEY_SIMPLEX, 1.0, (128, 128, 128), 2)
        y += dp(80)
    cv2.rectangle(img, (0, H - dp(64)), (W, H), (bg + 6 if not dark else 30,) * 3, -1)
    return img


def photo(seed: int = 1, light: bool = True, size: tuple[int, int] = (W, H)) -> np.ndarray:
    rng = np.random.default_rng(seed)
    lo, hi = (170, 250) if light else (20, 200)
    base = rng.integers(lo, hi, (9, 5, 3)).astype(np.uint8)
    img = cv2.resize(base, size, interpolation=cv2.INTER_CUBIC).astype(np.int16)
    img += rng.normal(0, 5, (size[1], size[0], 1)).astype(np.int16)
    return np.clip(img, 0, 255).astype(np.uint8)


def dim(img: np.ndarray, alpha: float = 0.5) -> np.ndarray:
    return (img.astype(np.float32) * (1 - alpha)).astype(np.uint8)


def card(img: np.ndarray, box, color=(255, 255, 255), radius: int = dp(16)) -> None:
    x, y, w, h = box
    cv2.rectangle(img, (x + radius, y), (x + w - radius, y + h), color, -1)
    cv2.rectangle(img, (x, y + radius), (x + w, y + h - radius), color, -1)
    for cx, cy in ((x + radius, y + radius), (x + w - radius, y + radius), (x + radius, y + h - radius),
                   (x + w - radius, y + h - radius)):
        cv2.circle(img, (cx, cy), radius, color, -1, cv2.LINE_AA)


def x_glyph(img: np.ndarray, cx: int, cy: int, size_px: int, color, thick: int) -> tuple[int, int, int, int]:
    half = size_px // 2
    for a, b in (((cx - half, cy - half), (cx + half, cy + half)), ((cx - half, cy + half), (cx + half, cy - half))):
        cv2.line(img, a, b, color, thick, cv2.LINE_AA)
    return (cx - half, cy - half, size_px, size_px)


def cjk_text(img: np.ndarray, xy, text: str, px: int, color) -> np.ndarray:
    """Draw CJK text with the Noto Sans CJK font of the `manimgx-fonts-cjk` wheel."""
    from PIL import Image, ImageDraw

    from eval.fonts import font
    pil = Image.fromarray(img[:, :, ::-1])
    ImageDraw.Draw(pil).text(xy, text, font=font(px), fill=tuple(int(c) for c in color[::-1]), anchor="mm")
    return np.asarray(pil)[:, :, ::-1].copy()


def iou(a, b) -> float:
    from harness.vision import box_iou
    return box_iou(tuple(a), tuple(b))


def keyboard(img: np.ndarray, dark: bool = False) -> int:
    """Draw a QWERTY on-screen keyboard over the screen's lower part (never dimmed: the input
    method's window lies above a dialog's scrim); returns its top (px)."""
    top = H - dp(48) - 4 * dp(56) - dp(44)  # navigation bar, four key rows, suggestion strip
    bg, key, ink = ((30, 30, 30), (70, 70, 70), (240, 240, 240)) if dark else ((232, 234, 237), (255, 255, 255), (30, 30, 30))
    cv2.rectangle(img, (0, top), (W, H), bg, -1)
    pitch = W / 10
    for r, (row, indent) in enumerate((("qwertyuiop", 0.0), ("asdfghjkl", 0.5), ("zxcvbnm", 1.5))):
        y = top + dp(44) + r * dp(56)
        for i, ch in enumerate(row):
            x = int((indent + i) * pitch)
            cv2.rectangle(img, (x + dp(3), y + dp(5)), (int(x + pitch) - dp(3), y + dp(51)), key, -1)
            cv2.putText(img, ch, (x + int(pitch / 2) - dp(6), y + dp(36)), cv2.FONT_HERSHEY_SIMPLEX, 1.6, ink, 3)
    return top
