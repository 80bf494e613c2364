"""The whole analysis of one frame: pop-ups, their close controls, optional hierarchy fusion."""

from __future__ import annotations

import time
from collections.abc import Callable
from dataclasses import dataclass

import cv2
import numpy as np

from . import ocr as ocr_mod
from . import verifier
from .close_controls import from_glyph, from_text, normalise, size_dp
from .config import DEFAULT_CONFIG, VisionConfig
from .glyphs import find_x_glyphs
from .hierarchy import Hint, close_hints
from .image import to_bgr, to_gray
from .keyboard import find_keyboard
from .popups import CardCandidate, CardFinder
from .reference import ChangeMap
from .text_regions import expand_to_container, find_text_lines
from .types import Analysis, Box, CloseControl, Popup, box_center, box_contains_point, box_iou
from .verifier import CardContext, control_features, features

Recognizer = Callable[[list[np.ndarray]], list[tuple[str, float]]]


def _attach_margin(cfg: VisionConfig) -> tuple[float, float, float, float]:
    p = cfg.px_per_dp
    return cfg.attach_side_dp * p, cfg.attach_above_dp * p, cfg.attach_side_dp * p, cfg.attach_below_dp * p


def _in_status_bar(box: Box, H: int, cfg: VisionConfig) -> bool:
    """Centred in the system status bar (the app's own content starts below it)."""
    return box_center(box)[1] < max(cfg.status_bar_frac * H, cfg.status_bar_dp * cfg.px_per_dp)


def _text_priority(box: Box, card: CardCandidate | None, W: int, H: int, cfg: VisionConfig) -> float:
    """Which text regions to read first: the likely pop-up's lower part (its buttons), then its
    surroundings; with no pop-up card, the screen's corner zones (a splash ad's "跳过")."""
    cx, cy = box_center(box)
    if _in_status_bar(box, H, cfg):
        return -1.0  # the clock and the signal, on every frame: read last
    p = 0.0
    if card is not None:
        x, y, w, h = card.bbox
        if box_contains_point(card.bbox, cx, cy):
            p += 3.0 + (cy - y) / max(1, h)
        elif box_contains_point(card.bbox, cx, cy, _attach_margin(cfg)):
            p += 3.0  # just outside it: its buttons or the X under it, as likely as its own lines
    if cy < cfg.corner_zone_frac * H or cy > (1 - cfg.corner_zone_frac) * H:
        # a splash ad's skip sits in a corner band, whatever card was found
        p = max(p, 2.5 + (0.5 if cx > 0.6 * W else 0.0))
    p += 0.5 * (1.0 - min(1.0, box[2] / (cfg.text_max_width_dp * cfg.px_per_dp)))
    return p


def _join_words(boxes: list[Box], max_width: float) -> list[Box]:
    """Words on one line closer than a line's height joined into one label ("NO," and "THANKS");
    a joined line wider than `max_width` is body text and left out."""
    parent = list(range(len(boxes)))

    def root(i: int) -> int:
        while parent[i] != i:
            i = parent[i]
        return i

    for i, (x, y, w, h) in enumerate(boxes):
        for j in range(i + 1, len(boxes)):
            o = boxes[j]
            overlap = min(y + h, o[1] + o[3]) - max(y, o[1])
            gap = max(o[0] - (x + w), x - (o[0] + o[2]))
            if overlap > 0.6 * min(h, o[3]) and 0.6 < o[3] / h < 1.6 and gap < h:
                parent[root(j)] = root(i)
    groups: dict[int, list[Box]] = {}
    for i, b in enumerate(boxes):
        groups.setdefault(root(i), []).append(b)
    out = []
    for words in groups.values():
        x0, y0 = min(b[0] for b in words), min(b[1] for b in words)
        x1, y1 = max(b[0] + b[2] for b in words), max(b[1] + b[3] for b in words)
        if x1 - x0 <= max_width:
            out.append((x0, y0, x1 - x0, y1 - y0))
    return out


def _reading_crop(gray: np.ndarray, box: Box, cfg: VisionConfig) -> tuple[int, int, int, int]:
    """(x0, y0, x1, y1) read for a text line: the line with a margin of its background around it;
    a line that is itself a filled pill or button (a dark "跳过广告" pill on a picture) inside its
    own box, since the recogniser takes the pill's rounded ends in a margin for strokes ("明过广告")."""
    H, W = gray.shape
    x, y, w, h = box
    pad_y, pad_x = max(2, h // 4), max(2, h // 3)
    x0, y0, x1, y1 = max(0, x - pad_x), max(0, y - pad_y), min(W, x + w + pad_x), min(H, y + h + pad_y)
    margin = np.concatenate([gray[y0, x0:x1], gray[y1 - 1, x0:x1], gray[y0:y1, x0], gray[y0:y1, x1 - 1]])
    if abs(float(np.median(gray[y:y + h, x:x + w])) - float(np.median(margin))) > cfg.ocr_filled_line_contrast:
        return x, y, min(W, x + w), min(H, y + h)
    return x0, y0, x1, y1


def _ocr_controls(bgr: np.ndarray, gray: np.ndarray, card: CardCandidate | None, cfg: VisionConfig,
                  recognize: Recognizer | None, timing: dict[str, float], floor: int) -> list[CloseControl]:
    """Close controls read in the short text lines above `floor` (the keyboard's keys)."""
    H, W = gray.shape
    t0 = time.perf_counter()
    # one square glyph is more often an icon than a word (a lone "×" is found as a glyph)
    found = _join_words(find_text_lines(gray, cfg), cfg.text_max_width_dp * cfg.px_per_dp)
    lines = [b for b in found if b[2] >= cfg.text_min_aspect * b[3] and box_center(b)[1] < floor]
    lines.sort(key=lambda b: -_text_priority(b, card, W, H, cfg))
    lines = lines[:cfg.ocr_max_regions]
    timing["text_regions"] = (time.perf_counter() - t0) * 1000
    if not lines or recognize is None:
        return []
    t0 = time.perf_counter()
    out: list[CloseControl] = []
    pad_x, pad_y = int(cfg.button_max_pad_x_dp * cfg.px_per_dp), int(cfg.button_max_pad_y_dp * cfg.px_per_dp)
    # read in priority order, a few at a time; stop once a confident close text is found
    for start in range(0, len(lines), cfg.ocr_batch):
        batch = lines[start:start + cfg.ocr_batch]
        crops = [bgr[y0:y1, x0:x1] for x0, y0, x1, y1 in (_reading_crop(gray, b, cfg) for b in batch)]
        for box, (text, score) in zip(batch, recognize(crops)):
            control = from_text(expand_to_container(gray, box, pad_x, pad_y), text, score, gray, cfg)
            cy = box_center(box)[1]
            if control is not None and control.text is not None and control.text.strip().isdigit() \
                    and not (cy < cfg.corner_zone_frac * H and box_center(box)[0] > W / 2):
                continue  # a bare number is a countdown only where a splash puts one, top right
            if control is not None:
                out.append(control)
        if any(c.score >= cfg.ocr_stop_score for c in out):
            break
    timing["ocr"] = (time.perf_counter() - t0) * 1000
    return out


def _fuse_hierarchy(controls: list[CloseControl], hints: list[Hint], gray: np.ndarray,
                    cfg: VisionConfig) -> list[CloseControl]:
    from .close_controls import box_contrast
    out = list(controls)
    for h in hints:
        hx, hy = box_center(h.bbox)
        match = [i for i, c in enumerate(out) if box_iou(c.bbox, h.bbox) > 0.2
                 or box_contains_point(h.bbox, *box_center(c.bbox)) or box_contains_point(c.bbox, hx, hy)]
        if match:
            for i in match:
                c = out[i]
                out[i] = CloseControl(c.bbox, c.kind, min(1.0, c.score + 0.2), c.size_dp, c.contrast, c.text,
                                      c.countdown, c.source + "+hierarchy")
        else:
            from .close_controls import classify_text
            _, countdown, _ = classify_text(h.label, cfg)
            out.append(CloseControl(h.bbox, "text" if h.has_text else "x_icon", 0.7, size_dp(h.bbox, cfg),
                                    box_contrast(gray, h.bbox), h.label if h.has_text else None, countdown,
                                    "hierarchy"))
    return out


def _dedupe(controls: list[CloseControl]) -> list[CloseControl]:
    kept: list[CloseControl] = []
    for c in sorted(controls, key=lambda c: -c.score):
        if all(box_iou(c.bbox, k.bbox) < 0.4 and not box_contains_point(k.bbox, *box_center(c.bbox)) for k in kept):
            kept.append(c)
    return kept


def _belongs(c: CloseControl, card: Box, margin: tuple[float, float, float, float], cfg: VisionConfig) -> bool:
    """A control inside the card, or of close-button size in the margin around it."""
    cx, cy = box_center(c.bbox)
    if box_contains_point(card, cx, cy):
        return True
    return box_contains_point(card, cx, cy, margin) and (c.kind == "text" or c.size_dp >= cfg.outside_x_min_dp)


def _closes_sheet(c: CloseControl, sheet: Box, cfg: VisionConfig) -> bool:
    """Whether a control can be an undimmed sheet's own dismiss: a close text, or an X of close
    size in the sheet's top corner band. Layout panels (a player, a settings list) are full of
    small crossing icons (shuffle, clear) elsewhere in them."""
    if c.source != "pixels":
        # "Cancel" or "Skip" at the foot of a page is the page's own (a setup page, an onboarding
        # step); a consent or promo sheet without a scrim declines with its own words
        t = normalise(c.text or "")
        return c.kind == "x_icon" or not any(normalise(w) in t for w in cfg.page_words)
    x, y, w, _ = sheet
    cx, cy = box_center(c.bbox)
    side = abs(cx - (x + w / 2)) > cfg.sheet_x_side_frac * w
    return side and cy - y <= cfg.sheet_x_band_dp * cfg.px_per_dp and c.size_dp >= cfg.sheet_x_min_dp


def _in_toolbar(gray: np.ndarray, c: CloseControl, cfg: VisionConfig) -> bool:
    """A bare X with other icons or words centred on its row (a toolbar's clear or close button, a
    mini-player's X) belongs to the layout: a splash ad's X stands apart."""
    H, W = gray.shape
    x, y, w, h = c.bbox
    band = gray[max(0, y - h // 2):min(H, y + h + h // 2)]
    if band.size == 0:
        return False
    s = min(1.0, 64.0 / max(1, band.shape[0]))
    small = cv2.resize(band, (max(1, int(W * s)), max(1, int(band.shape[0] * s))), interpolation=cv2.INTER_AREA)
    grad = cv2.morphologyEx(small, cv2.MORPH_GRADIENT, np.ones((3, 3), np.uint8)) >= cfg.text_edge_threshold
    n, _, stats, _ = cv2.connectedComponentsWithStats(grad.astype(np.uint8), connectivity=8)
    gh, mid = h * s, (y - max(0, y - h // 2) + h / 2) * s
    x0, x1 = (x - w) * s, (x + 2 * w) * s
    others = sum(1 for bx, by, bw, bh, _a in stats[1:]
                 if (bx + bw < x0 or bx > x1)  # not the X itself
                 and 0.4 * gh <= bh <= 1.6 * gh and abs(by + bh / 2 - mid) <= 0.3 * gh and bw <= 12 * gh)
    return others >= cfg.toolbar_min_neighbours


def _is_fullscreen_evidence(c: CloseControl, W: int, H: int, cfg: VisionConfig) -> bool:
    cx, cy = box_center(c.bbox)
    zone = cfg.corner_zone_frac
    top, bottom = cy < zone * H, cy > (1 - zone) * H
    if c.score < cfg.fullscreen_min_control_score or _in_status_bar(c.bbox, H, cfg):
        return False  # a status bar's icons (no signal, a muted bell) are the system's
    if c.kind == "text":
        t = (c.text or "").lower()
        if c.countdown is not None:
            return True  # a splash ad's countdown, wherever it is drawn
        if "跳过" in t or "skip" in t:
            # a splash ad's skip, wherever it is drawn; but an onboarding page's Skip sits at its
            # left, across from its Next
            return cx > W / 3
        if any(normalise(k) in normalise(t) for k in cfg.interstitial_words):
            return True  # an "install the app?" page declines with words no page uses for itself
        # a close word in a corner band; not any "later" in a corner
        return (top or bottom) and any(k in t for k in ("关闭", "close"))
    if "hierarchy" in c.source:
        return top or bottom
    # a bare X at the top-left is usually a page's own "close" in its toolbar; one low on the
    # screen a mini-player's or a banner's
    return top and cx > 0.5 * W


@dataclass(frozen=True)
class Observation:
    """Everything one frame showed before the verdict: close controls and pop-up candidates."""

    width: int
    height: int
    cfg: VisionConfig  # with the density used
    gray: np.ndarray
    controls: list[CloseControl]
    cards: list[CardCandidate]
    change: ChangeMap | None
    timing: dict[str, float]

    def card_features(self) -> list[list[float]]:
        """One row of `verifier.FEATURES` per card candidate, in `cards` order."""
        margin = _attach_margin(self.cfg)
        ctx = CardContext(self.controls, self.cards, self.width, self.height, self.change)
        return [features(card, ctx, lambda c, box: _belongs(c, box, margin, self.cfg),
                         lambda c, box: _closes_sheet(c, box, self.cfg), self.cfg) for card in self.cards]

    def probabilities(self) -> list[float]:
        """The pop-up verifier's probability for each card. An undimmed panel at the screen's foot
        without its own way to close (a player, a settings panel) is the page's layout (0),
        whatever else it looks like: its closers are the row's own `sheet_closers`."""
        rows = self.card_features()
        closers = verifier.FEATURES.index("sheet_closers")
        return [0.0 if card.undimmed_sheet and not row[closers] else p
                for card, row, p in zip(self.cards, rows, verifier.probabilities(rows))]

    def attached(self, card: CardCandidate) -> list[CloseControl]:
        """The controls inside the card or of close-button size around it."""
        margin = _attach_margin(self.cfg)
        return [c for c in self.controls if _belongs(c, card.bbox, margin, self.cfg)]

    def control_features(self, card: CardCandidate, attached: list[CloseControl]) -> list[list[float]]:
        """One row of `verifier.CONTROL_FEATURES` per attached control."""
        return [control_features(c, card, attached, self.gray,
                                 c.kind == "x_icon" and c.source == "pixels" and _in_toolbar(self.gray, c, self.cfg),
                                 self.cfg) for c in attached]


def _likeliest(obs: Observation) -> CardCandidate | None:
    """The card whose text is read first: the pop-up verifier's pick from what the pixels alone
    showed (its no-OCR judgement), when it is likely enough."""
    if obs.cfg.ocr_focus_min_probability > 1:
        return None  # text read by its place on the screen only
    probs = obs.probabilities()
    best = max(range(len(probs)), key=probs.__getitem__, default=None)
    return obs.cards[best] if best is not None and probs[best] >= obs.cfg.ocr_focus_min_probability else None


def observe(image: np.ndarray, hierarchy_xml: str | bytes | None = None, reference: np.ndarray | None = None,
            cfg: VisionConfig = DEFAULT_CONFIG, use_ocr: bool = True, recognize: Recognizer | None = None) -> Observation:
    """Find the close controls and the pop-up candidates of one frame (see `analyze`)."""
    timing: dict[str, float] = {}
    bgr = to_bgr(image)
    gray = to_gray(bgr)
    H, W = gray.shape
    cfg = cfg.for_image(W, H)
    ref_gray = to_gray(to_bgr(reference)) if reference is not None else None
    change = ChangeMap.of(gray, ref_gray, cfg) if ref_gray is not None else None

    t0 = time.perf_counter()
    keyboard = find_keyboard(gray, cfg)
    keys_top = H if keyboard is None else keyboard.keys_top
    # the keyboard's "x" key and its letters are no close controls
    controls = [c for c in (from_glyph(g, gray, cfg) for g in find_x_glyphs(gray, cfg)) if box_center(c.bbox)[1] < keys_top]
    timing["glyphs"] = (time.perf_counter() - t0) * 1000

    t0 = time.perf_counter()
    finder = CardFinder(gray, cfg, ref_gray, bgr, [c.bbox for c in controls], keyboard)

    def new_surface(card: CardCandidate) -> bool:
        return change is None or not change.is_persistent_layout(card.bbox)

    cards = [c for c in finder.cards() if new_surface(c)]
    likely = _likeliest(Observation(W, H, cfg, gray, controls, cards, change, timing))
    timing["popups"] = (time.perf_counter() - t0) * 1000

    if use_ocr:
        if recognize is None and ocr_mod.available():
            threads = cfg.ocr_threads
            t0 = time.perf_counter()
            ocr_mod.engine(threads)  # loaded once per process; the first frame reports the load apart
            load = (time.perf_counter() - t0) * 1000
            if load > 5:
                timing["ocr_load"] = load

            def recognize(crops: list[np.ndarray]) -> list[tuple[str, float]]:
                return ocr_mod.recognize(crops, threads)
        controls += _ocr_controls(bgr, gray, likely, cfg, recognize, timing, keys_top)

    if hierarchy_xml:
        t0 = time.perf_counter()
        controls = _fuse_hierarchy(controls, close_hints(hierarchy_xml, cfg, (W, H)), gray, cfg)
        timing["hierarchy"] = (time.perf_counter() - t0) * 1000
    controls = _dedupe(controls)
    t0 = time.perf_counter()
    # the cards that hold the controls found, where the edges alone proposed none like them
    cards += [c for c in finder.around([c.bbox for c in controls])
              if new_surface(c) and all(box_iou(c.bbox, o.bbox) < 0.8 for o in cards)]
    timing["popups"] += (time.perf_counter() - t0) * 1000
    return Observation(W, H, cfg, gray, controls, cards, change, timing)


def analyze(image: np.ndarray, hierarchy_xml: str | bytes | None = None, reference: np.ndarray | None = None,
            cfg: VisionConfig = DEFAULT_CONFIG, use_ocr: bool = True, recognize: Recognizer | None = None) -> Analysis:
    """Find pop-ups and their close controls in one frame (BGR/BGRA/grey array).

    `reference`: the screen a moment before (a scenario's previous stable state): a pop-up is what
    appeared over it, and a region unchanged since while the rest changed is persistent layout
    (a tab bar), never a pop-up. `recognize`: a text recogniser for crops (default: the bundled
    PP-OCR engine). Without `cfg.dpi` the density is inferred from the image (`VisionConfig.for_image`).
    """
    t_start = time.perf_counter()
    obs = observe(image, hierarchy_xml, reference, cfg, use_ocr, recognize)
    W, H, cfg, gray, controls, change = obs.width, obs.height, obs.cfg, obs.gray, obs.controls, obs.change

    t0 = time.perf_counter()
    popups: list[Popup] = []
    used: set[int] = set()  # the pop-up's close controls
    on_card: set[int] = set()  # every control on the pop-up card, closing it or not
    # the learned verifiers weigh every candidate; the likeliest one, if likely enough, is the
    # pop-up, and of the controls on it those likely enough to close it are its close controls
    probs = obs.probabilities()
    best = max(range(len(probs)), key=probs.__getitem__, default=None)
    if best is not None and probs[best] >= cfg.popup_min_probability:
        card = obs.cards[best]
        attached = obs.attached(card)
        closing = verifier.probabilities(obs.control_features(card, attached), verifier.CLOSE_MODEL)
        # a control the app's own hierarchy names a close button is one whatever it looks like
        mine = [c for c, p in zip(attached, closing) if p >= cfg.close_min_probability or "hierarchy" in c.source]
        on_card = {i for i, c in enumerate(controls) if any(c is a for a in attached)}
        used = {i for i, c in enumerate(controls) if any(c is m for m in mine)}
        popups.append(Popup(card.bbox, card.kind, probs[best], tuple(mine)))
    obs.timing["verifier"] = (time.perf_counter() - t0) * 1000
    # a splash ad: skip/countdown text or a corner X that no pop-up card holds
    # (a toolbar's X that stayed while the page scrolled is layout; a skip text is always evidence,
    # as a splash ad's picture may change under its unchanged "跳过")
    evidence = [i for i, c in enumerate(controls) if i not in on_card and _is_fullscreen_evidence(c, W, H, cfg)
                and not (c.kind == "x_icon" and c.source == "pixels" and _in_toolbar(gray, c, cfg))
                and not (c.kind == "x_icon" and change is not None and change.is_persistent_layout(c.bbox))]
    if evidence and not (popups and popups[0].close_controls):
        best_score = max(controls[i].score for i in evidence)
        popups = [Popup((0, 0, W, H), "fullscreen", 0.9 * best_score, tuple(controls[i] for i in evidence))]
        used = set(evidence)
    others = tuple(c for i, c in enumerate(controls) if i not in used)
    obs.timing["total"] = (time.perf_counter() - t_start) * 1000
    return Analysis(W, H, tuple(popups), others, obs.timing, cfg.dpi)
