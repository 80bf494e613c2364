"""Labelled synthetic phone screenshots, deterministic by seed.

Every sample is an app-like base screen (light or dark, Chinese or English, lists, photos,
bars) with at most one pop-up of one style drawn over it. The labels are the pop-up's box and
the boxes of its close controls (the disc for an X in a circle, the glyph for a bare X, the
button/pill for a text control, the text itself for a flat text button).
Negative styles (in-layout banner, toast, snackbar, plain screen) have no pop-up.
The detectors never read anything from here.
"""

from __future__ import annotations

from dataclasses import dataclass, field

import cv2
import numpy as np
from PIL import Image, ImageDraw

from .fonts import font

Box = tuple[int, int, int, int]

STYLES = (
    "dialog_text_buttons", "dialog_x_corner", "x_outside_card", "tiny_or_faint_x", "no_close_dialog",
    "bottom_sheet", "cookie_sheet", "fullscreen_skip", "white_x_on_photo", "interstitial_ad", "rating_prompt",
    "permission_dialog", "banner_in_layout", "toast", "snackbar", "plain_screen",
)
NEGATIVE = {"banner_in_layout", "toast", "snackbar", "plain_screen"}
SCREENS = ((1080, 2400, 420), (1080, 1920, 420), (720, 1600, 280), (1440, 3200, 560))

ZH_WORDS = ["推荐", "热门", "关注", "消息", "设置", "今日新闻", "天气晴", "发现更多精彩内容", "限时优惠", "会员中心",
            "我的订单", "视频", "直播", "本地生活", "新品上市", "每日签到领积分", "查看详情", "评论", "分享给好友"]
EN_WORDS = ["Home", "Explore", "Trending now", "Messages", "Settings", "Today's picks", "Daily deals",
            "Your orders", "Watch later", "See details", "Comments", "Share with friends", "New arrivals"]
CLOSE_TEXT = {"zh": ["取消", "以后再说", "我知道了", "暂不", "关闭", "暂不更新"], "en": ["Cancel", "Not now", "No thanks", "Later", "Close"]}
SKIP_TEXT = ["跳过 {n}", "{n}s 跳过", "跳过", "Skip {n}", "Skip", "跳过 {n}s"]


@dataclass
class Sample:
    image: np.ndarray  # BGR
    style: str
    dpi: int
    seed: int
    popups: list[Box] = field(default_factory=list)
    controls: list[Box] = field(default_factory=list)


class Canvas:
    def __init__(self, w: int, h: int, dpi: int, bg: tuple[int, int, int]):
        self.w, self.h, self.p = w, h, dpi / 160.0
        self.img = Image.new("RGB", (w, h), bg)
        self.draw = ImageDraw.Draw(self.img)

    def dp(self, v: float) -> int:
        return int(round(v * self.p))

    def text(self, xy, s: str, sp: float, fill, bold: bool = False, anchor: str = "la") -> Box:
        f = font(self.dp(sp), bold)
        self.draw.text(xy, s, font=f, fill=fill, anchor=anchor)
        x0, y0, x1, y1 = self.draw.textbbox(xy, s, font=f, anchor=anchor)
        return (x0, y0, x1 - x0, y1 - y0)

    def array(self) -> np.ndarray:
        return np.asarray(self.img)[:, :, ::-1].copy()

    def set_array(self, bgr: np.ndarray) -> None:
        self.img = Image.fromarray(np.ascontiguousarray(bgr[:, :, ::-1]))
        self.draw = ImageDraw.Draw(self.img)


def photo(rng: np.random.Generator, w: int, h: int, light: bool | None = None) -> np.ndarray:
    """A smooth, colourful, photo-like RGB patch."""
    gw, gh = rng.integers(3, 9), rng.integers(3, 12)
    lo, hi = (150, 255) if light else (0, 255) if light is None else (0, 150)
    base = rng.integers(lo, hi, (gh, gw, 3)).astype(np.uint8)
    img = cv2.resize(base, (max(2, w), max(2, h)), interpolation=cv2.INTER_CUBIC).astype(np.int16)
    noise = rng.normal(0, 6, (h, w, 1)).astype(np.int16)
    img = img + noise
    if rng.random() < 0.5:  # a few blobs: "objects" in the photo
        for _ in range(rng.integers(1, 4)):
            c = tuple(int(v) for v in rng.integers(lo, hi, 3))
            cv2.circle(img, (int(rng.integers(0, w)), int(rng.integers(0, h))), int(rng.integers(w // 10 + 1, w // 3 + 2)), c, -1)
    return np.clip(img, 0, 255).astype(np.uint8)


def random_text(rng, lang: str, n: int = 1) -> str:
    words = ZH_WORDS if lang == "zh" else EN_WORDS
    return ("" if lang == "zh" else " ").join(rng.choice(words) for _ in range(n))


def base_screen(rng, w: int, h: int, dpi: int, dark: bool, lang: str) -> Canvas:
    bg = tuple(int(v) for v in (rng.integers(10, 30, 3) if dark else rng.integers(238, 256, 3)))
    fg = (230, 230, 230) if dark else (30, 30, 30)
    sub = (150, 150, 150) if dark else (120, 120, 120)
    c = Canvas(w, h, dpi, bg)
    accent = tuple(int(v) for v in rng.integers(40, 220, 3))
    bar_h = c.dp(56)
    top = c.dp(24)
    if rng.random() < 0.6:
        c.draw.rectangle((0, 0, w, top + bar_h), fill=accent)
        tfill = (255, 255, 255)
    else:
        tfill = fg
    c.text((c.dp(12), c.dp(4)), "9:41", 12, tfill)
    c.text((c.dp(16), top + c.dp(14)), random_text(rng, lang), 20, tfill, bold=True)
    y = top + bar_h + c.dp(8)
    if rng.random() < 0.5:  # a hero photo
        ph = c.dp(rng.integers(140, 220))
        c.img.paste(Image.fromarray(photo(rng, w - c.dp(32), ph)), (c.dp(16), y))
        y += ph + c.dp(12)
    card_rows = rng.random() < 0.35
    while y < h - c.dp(140):
        row_h = c.dp(rng.integers(64, 96))
        if card_rows:
            col = tuple(min(255, v + 14) for v in bg) if dark else (255, 255, 255)
            c.draw.rounded_rectangle((c.dp(12), y, w - c.dp(12), y + row_h - c.dp(6)), c.dp(8), fill=col)
        th = row_h - c.dp(20)
        c.img.paste(Image.fromarray(photo(rng, th, th)), (c.dp(24), y + c.dp(8)))
        c.text((c.dp(36) + th, y + c.dp(10)), random_text(rng, lang, int(rng.integers(1, 3))), 16, fg)
        c.text((c.dp(36) + th, y + c.dp(36)), random_text(rng, lang, int(rng.integers(1, 4))), 13, sub)
        if not card_rows:
            c.draw.line((c.dp(16), y + row_h - 1, w - c.dp(16), y + row_h - 1), fill=sub, width=1)
        y += row_h
    nav_y = h - c.dp(64)
    c.draw.rectangle((0, nav_y, w, h), fill=tuple(min(255, v + 8) for v in bg) if dark else (250, 250, 250))
    for i in range(4):
        cx = int(w * (i + 0.5) / 4)
        c.draw.ellipse((cx - c.dp(10), nav_y + c.dp(10), cx + c.dp(10), nav_y + c.dp(30)), outline=sub, width=c.dp(2))
        c.text((cx, nav_y + c.dp(46)), random_text(rng, lang)[:4], 11, sub, anchor="mm")
    return c


def scrim(c: Canvas, rng, alpha: float | None = None) -> None:
    a = float(rng.uniform(0.32, 0.7)) if alpha is None else alpha
    c.set_array((c.array().astype(np.float32) * (1 - a)).astype(np.uint8))


def draw_x(c: Canvas, cx: int, cy: int, half: int, color, thick: int, alpha: float = 1.0) -> Box:
    img = c.array()
    layer = img.copy()
    col = tuple(int(v) for v in color[::-1])
    for (x0, y0, x1, y1) in ((cx - half, cy - half, cx + half, cy + half), (cx - half, cy + half, cx + half, cy - half)):
        cv2.line(layer, (x0, y0), (x1, y1), col, thick, cv2.LINE_AA)
    img = cv2.addWeighted(layer, alpha, img, 1 - alpha, 0) if alpha < 1 else layer
    c.set_array(img)
    r = half + thick // 2
    return (cx - r, cy - r, 2 * r + 1, 2 * r + 1)


def draw_x_in_circle(c: Canvas, cx: int, cy: int, radius: int, filled: bool, circle_col, x_col, alpha: float = 1.0) -> Box:
    img = c.array()
    layer = img.copy()
    col = tuple(int(v) for v in circle_col[::-1])
    cv2.circle(layer, (cx, cy), radius, col, -1 if filled else max(2, radius // 10), cv2.LINE_AA)
    img = cv2.addWeighted(layer, alpha, img, 1 - alpha, 0) if alpha < 1 else layer
    c.set_array(img)
    draw_x(c, cx, cy, int(radius * 0.42), x_col, max(2, radius // 9))
    return (cx - radius, cy - radius, 2 * radius + 1, 2 * radius + 1)


def pill(c: Canvas, x_right: int, y_top: int, label: str, sp: float, fill, fg, alpha: float = 1.0) -> Box:
    f = font(c.dp(sp))
    x0, y0, x1, y1 = c.draw.textbbox((0, 0), label, font=f)
    tw, th = x1 - x0, y1 - y0
    pw, ph = tw + c.dp(24), th + c.dp(14)
    bx, by = x_right - pw, y_top
    img = c.array()
    layer = img.copy()
    cv2.rectangle(layer, (bx + ph // 2, by), (bx + pw - ph // 2, by + ph), tuple(int(v) for v in fill[::-1]), -1)
    cv2.circle(layer, (bx + ph // 2, by + ph // 2), ph // 2, tuple(int(v) for v in fill[::-1]), -1, cv2.LINE_AA)
    cv2.circle(layer, (bx + pw - ph // 2, by + ph // 2), ph // 2, tuple(int(v) for v in fill[::-1]), -1, cv2.LINE_AA)
    c.set_array(cv2.addWeighted(layer, alpha, img, 1 - alpha, 0))
    c.text((bx + pw // 2, by + ph // 2), label, sp, fg, anchor="mm")
    return (bx, by, pw, ph)


def card(c: Canvas, rng, x0: int, y0: int, x1: int, y1: int, dark: bool, radius_dp: float | None = None):
    col = tuple(int(v) for v in (rng.integers(40, 64, 3) if dark else rng.integers(246, 256, 3)))
    r = c.dp(rng.uniform(4, 28) if radius_dp is None else radius_dp)
    c.draw.rounded_rectangle((x0, y0, x1, y1), r, fill=col)
    return col


def dialog(c: Canvas, rng, dark: bool, lang: str, height_dp=None, header_photo: bool = False):
    w, h = c.w, c.h
    cw = int(w * rng.uniform(0.72, 0.9))
    ch = c.dp(rng.integers(200, 380) if height_dp is None else height_dp)
    x0 = (w - cw) // 2
    y0 = int((h - ch) * rng.uniform(0.38, 0.55))
    card(c, rng, x0, y0, x0 + cw, y0 + ch, dark)
    fg = (235, 235, 235) if dark else (25, 25, 25)
    y = y0 + c.dp(20)
    if header_photo:
        ph = int(ch * 0.4)
        c.img.paste(Image.fromarray(photo(rng, cw - c.dp(32), ph)), (x0 + c.dp(16), y))
        y += ph + c.dp(8)
    c.text((x0 + c.dp(20), y), random_text(rng, lang), 18, fg, bold=True)
    for i in range(int(rng.integers(1, 3))):
        c.text((x0 + c.dp(20), y + c.dp(36 + 22 * i)), random_text(rng, lang, 2), 14, fg)
    return (x0, y0, cw, ch), fg


def _button_row(c: Canvas, rng, box: Box, dark: bool, lang: str, fg, close_label: str | None) -> Box | None:
    x0, y0, cw, ch = box
    yb = y0 + ch - c.dp(44)
    accent = tuple(int(v) for v in rng.integers(30, 230, 3))
    ok = "确定" if lang == "zh" else "OK"
    if rng.random() < 0.5:  # flat text buttons at the right
        okb = c.text((x0 + cw - c.dp(24), yb), ok, 15, accent, bold=True, anchor="ra")
        if close_label is None:
            return None
        return c.text((okb[0] - c.dp(32), yb), close_label, 15, fg, anchor="ra")
    # two filled/outlined buttons side by side
    bw = (cw - c.dp(56)) // 2
    by = y0 + ch - c.dp(60)
    c.draw.rounded_rectangle((x0 + cw - c.dp(20) - bw, by, x0 + cw - c.dp(20), by + c.dp(40)), c.dp(20), fill=accent)
    c.text((x0 + cw - c.dp(20) - bw // 2, by + c.dp(20)), ok, 15, (255, 255, 255), anchor="mm")
    if close_label is None:
        return None
    grey = (80, 80, 80) if dark else (236, 236, 236)
    c.draw.rounded_rectangle((x0 + c.dp(20), by, x0 + c.dp(20) + bw, by + c.dp(40)), c.dp(20), fill=grey)
    c.text((x0 + c.dp(20) + bw // 2, by + c.dp(20)), close_label, 15, fg, anchor="mm")
    return (x0 + c.dp(20), by, bw + 1, c.dp(40) + 1)


def _x_color(rng, dark_surface: bool):
    if rng.random() < 0.3:
        return tuple(int(v) for v in rng.integers(0, 255, 3))
    return (200, 200, 200) if dark_surface else tuple(int(v) for v in rng.integers(60, 170, 1).repeat(3))


def generate(seed: int, style: str, screen: tuple[int, int, int] | None = None,
             background: np.ndarray | None = None) -> Sample:
    """One sample; `screen` = (width, height, dpi) overrides the random screen size;
    `background` (BGR, `screen`'s size) replaces the drawn app screen under the pop-up with a
    real one (the pop-up verifier trains on such composites of the corpus's development screens)."""
    rng = np.random.default_rng(seed)
    w, h, dpi = SCREENS[int(rng.integers(0, len(SCREENS)))]
    if screen is not None:
        w, h, dpi = screen
    dark = bool(rng.random() < 0.4)
    lang = "zh" if rng.random() < 0.6 else "en"
    if background is None:
        c = base_screen(rng, w, h, dpi, dark, lang)
    else:
        dark = float(background.mean()) < 110
        c = Canvas(w, h, dpi, (0, 0, 0))
        c.set_array(background)
    s = Sample(np.zeros(0), style, dpi, seed)
    close_label = str(rng.choice(CLOSE_TEXT[lang]))

    if style in ("dialog_text_buttons", "no_close_dialog", "rating_prompt", "dialog_x_corner", "tiny_or_faint_x",
                 "x_outside_card"):
        scrim(c, rng)
        box, fg = dialog(c, rng, dark, lang, header_photo=style in ("x_outside_card",) and rng.random() < 0.5)
        s.popups.append(box)
        x0, y0, cw, ch = box
        if style == "rating_prompt":
            for i in range(5):
                cx = x0 + cw // 2 + (i - 2) * c.dp(36)
                cv2_star(c, cx, y0 + ch // 2 + c.dp(10), c.dp(13), (255, 190, 0))
            lab = str(rng.choice(["以后再说", "暂不评价"] if lang == "zh" else ["Not now", "Later", "No thanks"]))
            s.controls.append(_button_row(c, rng, box, dark, lang, fg, lab))
        elif style == "dialog_text_buttons":
            s.controls.append(_button_row(c, rng, box, dark, lang, fg, close_label))
        elif style == "no_close_dialog":
            _button_row(c, rng, box, dark, lang, fg, None)
        else:
            _button_row(c, rng, box, dark, lang, fg, None)
            if style == "dialog_x_corner":
                half = c.dp(rng.uniform(6, 11))
                s.controls.append(draw_x(c, x0 + cw - c.dp(24), y0 + c.dp(24), half, _x_color(rng, dark), max(2, c.dp(2))))
            elif style == "tiny_or_faint_x":
                if rng.random() < 0.5:  # 12 dp glyph
                    s.controls.append(draw_x(c, x0 + cw - c.dp(18), y0 + c.dp(18), c.dp(5), _x_color(rng, dark), max(2, c.dp(1.5))))
                else:  # translucent
                    s.controls.append(draw_x(c, x0 + cw - c.dp(24), y0 + c.dp(24), c.dp(8), _x_color(rng, dark),
                                             max(2, c.dp(2)), alpha=float(rng.uniform(0.35, 0.6))))
            else:  # x_outside_card: above the top-right corner or under the card
                r = c.dp(rng.uniform(14, 20))
                if rng.random() < 0.5:
                    cx, cy = x0 + cw - r, y0 - r - c.dp(12)
                else:
                    cx, cy = x0 + cw // 2, y0 + ch + r + c.dp(24)
                s.controls.append(draw_x_in_circle(c, cx, cy, r, False, (235, 235, 235), (235, 235, 235)))
    elif style == "permission_dialog":
        scrim(c, rng, 0.55)
        cw = int(w * 0.86)
        x0 = (w - cw) // 2
        ch = c.dp(300)
        y0 = (h - ch) // 2
        card(c, rng, x0, y0, x0 + cw, y0 + ch, dark, 28)
        fg = (235, 235, 235) if dark else (25, 25, 25)
        c.draw.ellipse((w // 2 - c.dp(12), y0 + c.dp(20), w // 2 + c.dp(12), y0 + c.dp(44)), fill=(60, 120, 220))
        q = "要允许“应用”访问此设备的位置信息吗？" if lang == "zh" else "Allow App to access this device's location?"
        c.text((w // 2, y0 + c.dp(72)), q[:16], 17, fg, anchor="mm")
        c.text((w // 2, y0 + c.dp(96)), q[16:], 17, fg, anchor="mm")
        labels = ["仅在使用该应用时允许", "仅限这一次", "不允许"] if lang == "zh" else ["While using the app", "Only this time", "Don't allow"]
        for i, lab in enumerate(labels):
            by = y0 + c.dp(130 + 52 * i)
            bcol = (70, 80, 100) if dark else (220, 228, 245)
            c.draw.rounded_rectangle((x0 + c.dp(24), by, x0 + cw - c.dp(24), by + c.dp(44)), c.dp(22), fill=bcol)
            tb = c.text((w // 2, by + c.dp(22)), lab, 15, fg, anchor="mm")
            if i == 2:
                s.controls.append(tb)
        s.popups.append((x0, y0, cw, ch))
    elif style in ("bottom_sheet", "cookie_sheet"):
        if style == "bottom_sheet":
            scrim(c, rng)
        sh = c.dp(rng.integers(220, 420))
        y0 = h - sh
        col = card(c, rng, 0, y0, w, h + c.dp(30), dark, rng.uniform(12, 28))
        if style == "cookie_sheet" and not dark:
            c.draw.line((0, y0 - 1, w, y0 - 1), fill=(190, 190, 190), width=max(1, c.dp(1)))
        fg = (235, 235, 235) if dark else (25, 25, 25)
        title = ("我们使用Cookie" if lang == "zh" else "We use cookies") if style == "cookie_sheet" else random_text(rng, lang)
        c.text((c.dp(24), y0 + c.dp(28)), title, 18, fg, bold=True)
        c.text((c.dp(24), y0 + c.dp(60)), random_text(rng, lang, 2), 14, fg)
        s.popups.append((0, y0, w, sh))
        if rng.random() < 0.5:
            s.controls.append(draw_x(c, w - c.dp(28), y0 + c.dp(36), c.dp(8), _x_color(rng, dark), max(2, c.dp(2))))
        else:
            lab = (str(rng.choice(["拒绝", "暂不"])) if lang == "zh" else str(rng.choice(["Reject all", "Not now"]))) \
                if style == "cookie_sheet" else close_label
            by = h - c.dp(120)
            bw = (w - c.dp(64)) // 2
            grey = (80, 80, 80) if dark else (232, 232, 232)
            c.draw.rounded_rectangle((c.dp(24), by, c.dp(24) + bw, by + c.dp(44)), c.dp(22), fill=grey)
            c.text((c.dp(24) + bw // 2, by + c.dp(22)), lab, 15, fg, anchor="mm")
            s.controls.append((c.dp(24), by, bw + 1, c.dp(44) + 1))
            accent = tuple(int(v) for v in rng.integers(30, 200, 3))
            c.draw.rounded_rectangle((w - c.dp(24) - bw, by, w - c.dp(24), by + c.dp(44)), c.dp(22), fill=accent)
            c.text((w - c.dp(24) - bw // 2, by + c.dp(22)), "同意" if lang == "zh" else "Accept", 15, (255, 255, 255), anchor="mm")
        _ = col
    elif style in ("fullscreen_skip", "white_x_on_photo"):
        light = style == "white_x_on_photo" or bool(rng.random() < 0.4)
        c.set_array(photo(rng, w, h, light=light)[:, :, ::-1])
        c.text((w // 2, int(h * 0.8)), random_text(rng, lang), 28, (255, 255, 255), bold=True, anchor="mm")
        s.popups.append((0, 0, w, h))
        if style == "fullscreen_skip":
            n = int(rng.integers(1, 6))
            lab = str(rng.choice(SKIP_TEXT)).format(n=n)
            y = c.dp(rng.uniform(36, 60))
            if rng.random() < 0.8:
                s.controls.append(pill(c, w - c.dp(16), y, lab, 13, (0, 0, 0), (255, 255, 255), alpha=float(rng.uniform(0.35, 0.6))))
            else:
                s.controls.append(pill(c, w - c.dp(16), h - c.dp(96), lab, 13, (0, 0, 0), (255, 255, 255), alpha=0.5))
            c.text((c.dp(12), h - c.dp(24)), "广告", 10, (255, 255, 255))
        else:
            s.controls.append(draw_x(c, w - c.dp(36), c.dp(56), c.dp(rng.uniform(7, 11)), (255, 255, 255), max(2, c.dp(2))))
    elif style == "interstitial_ad":
        scrim(c, rng)
        cw = int(w * rng.uniform(0.75, 0.88))
        ch = int(cw * rng.uniform(1.1, 1.5))
        x0, y0 = (w - cw) // 2, int((h - ch) * 0.42)
        c.img.paste(Image.fromarray(photo(rng, cw, ch)), (x0, y0))
        c.draw.rectangle((x0, y0, x0 + c.dp(32), y0 + c.dp(16)), fill=(0, 0, 0))
        c.text((x0 + c.dp(4), y0 + c.dp(1)), "广告" if lang == "zh" else "Ad", 10, (255, 255, 255))
        s.popups.append((x0, y0, cw, ch))
        r = c.dp(rng.uniform(14, 20))
        if rng.random() < 0.5:
            s.controls.append(draw_x_in_circle(c, x0 + cw // 2, y0 + ch + r + c.dp(24), r, False, (230, 230, 230), (230, 230, 230)))
        else:
            s.controls.append(draw_x_in_circle(c, x0 + cw - r - c.dp(8), y0 + r + c.dp(8), r, True, (0, 0, 0), (255, 255, 255), alpha=0.5))
    elif style == "banner_in_layout":
        bh = c.dp(rng.integers(56, 100))
        y0 = int(h * rng.uniform(0.3, 0.75))
        c.img.paste(Image.fromarray(photo(rng, w, bh)), (0, y0))
        c.text((c.dp(16), y0 + bh // 2), random_text(rng, lang), 16, (255, 255, 255), bold=True, anchor="lm")
        draw_x(c, w - c.dp(16), y0 + c.dp(12), c.dp(5), (255, 255, 255), max(2, c.dp(1.5)))
    elif style == "toast":
        lab = random_text(rng, lang)
        f = font(c.dp(14))
        x0_, y0_, x1_, y1_ = c.draw.textbbox((0, 0), lab, font=f)
        tw, th = x1_ - x0_ + c.dp(32), y1_ - y0_ + c.dp(20)
        x0, y0 = (w - tw) // 2, h - c.dp(140)
        c.draw.rounded_rectangle((x0, y0, x0 + tw, y0 + th), th // 2, fill=(60, 60, 60))
        c.text((w // 2, y0 + th // 2), lab, 14, (255, 255, 255), anchor="mm")
    elif style == "snackbar":
        sh = c.dp(rng.integers(48, 68))
        y0 = h - c.dp(80) - sh
        c.draw.rounded_rectangle((c.dp(8), y0, w - c.dp(8), y0 + sh), c.dp(4), fill=(50, 50, 50))
        c.text((c.dp(24), y0 + sh // 2), random_text(rng, lang), 14, (255, 255, 255), anchor="lm")
        c.text((w - c.dp(24), y0 + sh // 2), "撤销" if lang == "zh" else "UNDO", 14, (130, 180, 255), anchor="rm")
    s.image = c.array()
    s.controls = [b for b in s.controls if b is not None]
    return s


def cv2_star(c: Canvas, cx: int, cy: int, r: int, color) -> None:
    pts = []
    for i in range(10):
        rr = r if i % 2 == 0 else r * 0.45
        a = -np.pi / 2 + i * np.pi / 5
        pts.append((cx + rr * np.cos(a), cy + rr * np.sin(a)))
    c.draw.polygon(pts, fill=color)


def dataset(per_style: int = 20, seed: int = 0, styles: tuple[str, ...] = STYLES):
    """`per_style` samples of each style, the same for the same seed (whichever styles are chosen)."""
    for style in styles:
        si = STYLES.index(style)
        for k in range(per_style):
            yield generate(seed * 1_000_003 + si * 10_007 + k, style)
