"""Turning glyph hits and recognised text into close controls (kind, text, countdown, size, contrast)."""

from __future__ import annotations

import re
import unicodedata

import numpy as np

from .config import VisionConfig
from .glyphs import GlyphHit
from .image import contrast_ratio
from .types import Box, CloseControl

_SKIP_WORDS = ("跳过", "skip", "关闭", "close")
_COUNTDOWN = re.compile(r"(\d{1,2})\s*(?:s|秒|sec)?", re.IGNORECASE)
_X_TEXT = {"x", "×", "✕", "✖", "╳"}


def normalise(text: str) -> str:
    t = unicodedata.normalize("NFKC", text).lower()
    return re.sub(r"[\s·•|,.，。:：!！()（）\[\]【】<>《》\"'“”‘’]", "", t.replace("’", "'"))


def classify_text(text: str, cfg: VisionConfig) -> tuple[bool, int | None, float]:
    """(is a close/skip/decline control, countdown seconds or None, match quality 0–1)."""
    t = normalise(text)
    if not t:
        return False, None, 0.0
    if t in _X_TEXT:
        return True, None, 0.9
    if t in {normalise(w) for w in cfg.close_words_exact}:
        return True, None, 1.0
    digits = _COUNTDOWN.search(t)
    letters = _COUNTDOWN.sub("", t)
    for word in cfg.close_words:
        w = normalise(word)
        if w and w in letters:
            extra = len(letters) - len(w)
            cjk = any(ord(ch) > 0x2E80 for ch in w)
            if extra > (cfg.close_text_max_extra_cjk if cjk else cfg.close_text_max_extra_latin):
                continue  # a label that merely contains the word ("Watch later", "取消订单成功")
            countdown = int(digits.group(1)) if digits and any(k in w for k in _SKIP_WORDS) else None
            return True, countdown, 1.0 if extra == 0 else 0.85
    if digits and re.fullmatch(r"\d{1,2}(s|秒)?", t):  # a bare countdown bubble "5s"
        return True, int(digits.group(1)), 0.55
    return False, None, 0.0


def size_dp(box: Box, cfg: VisionConfig) -> float:
    """The control's shorter side in dp (the touch-target dimension that limits it)."""
    return min(box[2], box[3]) / cfg.px_per_dp


def box_contrast(gray: np.ndarray, box: Box) -> float:
    """WCAG ratio between the darkest/brightest content of a box and its surroundings."""
    H, W = gray.shape
    x, y, w, h = box
    x0, y0, x1, y1 = max(0, x), max(0, y), min(W, x + w), min(H, y + h)
    if x1 <= x0 or y1 <= y0:
        return 1.0
    inner = gray[y0:y1, x0:x1].astype(np.float32)
    pad = max(2, min(w, h) // 3)
    ox0, oy0, ox1, oy1 = max(0, x0 - pad), max(0, y0 - pad), min(W, x1 + pad), min(H, y1 + pad)
    outer = gray[oy0:oy1, ox0:ox1].astype(np.float32).copy()
    outer[y0 - oy0:y1 - oy0, x0 - ox0:x1 - ox0] = np.nan
    ring = outer[~np.isnan(outer)]
    bg = float(np.median(ring)) if ring.size else float(np.median(inner))
    lo, hi = float(np.percentile(inner, 5)), float(np.percentile(inner, 95))
    fg = lo if abs(lo - bg) > abs(hi - bg) else hi
    return contrast_ratio(fg, bg)


def from_glyph(hit: GlyphHit, gray: np.ndarray, cfg: VisionConfig) -> CloseControl:
    outer = box_contrast(gray, hit.bbox) if hit.bbox != hit.glyph_bbox else hit.contrast
    return CloseControl(bbox=hit.bbox, kind="x_icon", score=float(hit.score), size_dp=size_dp(hit.bbox, cfg),
                        contrast=float(max(hit.contrast, outer)), text=None, countdown=None, source="pixels")


def from_text(box: Box, text: str, ocr_score: float, gray: np.ndarray, cfg: VisionConfig) -> CloseControl | None:
    ok, countdown, quality = classify_text(text, cfg)
    if not ok or ocr_score < cfg.ocr_min_score:
        return None
    kind = "x_icon" if normalise(text) in _X_TEXT else "text"
    return CloseControl(bbox=box, kind=kind, score=float(ocr_score * quality), size_dp=size_dp(box, cfg),
                        contrast=box_contrast(gray, box), text=text.strip(), countdown=countdown, source="ocr")
