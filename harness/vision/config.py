"""Every threshold of the screen analysis, named and documented, with its default.

A report quotes `VisionConfig().model_dump()` (or the values it was run with) so a reader can
see which value a finding was judged against.
"""

from __future__ import annotations

from pydantic import BaseModel, ConfigDict, Field

#: Text that closes, skips or declines a pop-up (matched after removing spaces, lower-cased).
CLOSE_WORDS_ZH: tuple[str, ...] = (
    "跳过", "关闭", "取消", "我知道了", "知道了", "以后再说", "暂不", "稍后", "下次再说", "不再提示",
    "不再提醒", "残忍拒绝", "拒绝", "不允许", "不同意", "忽略", "返回", "继续浏览", "下次", "不感兴趣", "暂时不用",
    "先不用", "放弃", "再想想", "残忍离开",
)
CLOSE_WORDS_EN: tuple[str, ...] = (
    "skip", "close", "cancel", "nothanks", "notnow", "later", "maybelater", "remindmelater", "notnowthanks", "dismiss", "gotit",
    "deny", "don'tallow", "dontallow", "notallow", "reject", "rejectall", "decline", "disagree", "exit", "notinterested",
    "nevermind", "ignore", "skipfornow", "askmelater", "asklater", "nothankyou", "notyet", "don'taskagain", "dontaskagain",
    "×", "✕", "✖",
)
#: The same in the other languages apps are often captured in (French, German, Spanish, Portuguese,
#: Italian, Dutch, Polish, Turkish, Russian, Japanese, Korean, Arabic); accented words also without
#: their accents, as a recogniser may drop them.
CLOSE_WORDS_OTHER: tuple[str, ...] = (
    "annuler", "fermer", "plustard", "nonmerci", "pasmaintenant", "refuser", "ignorer",
    "abbrechen", "schließen", "schliessen", "später", "spater", "neindanke", "nichtjetzt", "überspringen",
    "uberspringen", "ablehnen",
    "cancelar", "cerrar", "ahorano", "mástarde", "mastarde", "omitir", "rechazar", "nogracias",
    "fechar", "agoranão", "agoranao", "maistarde", "recusar", "nãoobrigado", "naoobrigado",
    "annulla", "chiudi", "piùtardi", "piutardi", "nograzie", "nonora", "rifiuta",
    "annuleren", "sluiten", "overslaan", "weigeren", "neebedankt", "nietnu",
    "anuluj", "zamknij", "pomiń", "pomin", "później", "pozniej", "odrzuć", "odrzuc",
    "iptal", "reddet",
    "отмена", "закрыть", "позже", "пропустить", "отклонить", "нетспасибо",
    "キャンセル", "閉じる", "スキップ", "後で", "あとで", "拒否",
    "취소", "닫기", "건너뛰기", "나중에",
    "إلغاء", "إغلاق", "تخطي",
)
#: Resource-id / content-desc fragments that mark a close control in a hierarchy.
HIERARCHY_HINTS: tuple[str, ...] = (
    "close", "skip", "dismiss", "cancel", "iv_close", "btn_close", "tt_close", "ksad_skip",
    "ad_close", "jump", "跳过", "关闭", "取消",
)


class VisionConfig(BaseModel):
    """Thresholds of pop-up and close-control detection. All sizes in dp are converted with `dpi`."""

    model_config = ConfigDict(frozen=True)

    dpi: int | None = Field(None, description="screen density of the input image (dots per inch; 160 dpi = 1 px per dp); "
                            "None: inferred from the image's short side (`short_side_dp`)")
    short_side_dp: float = Field(392.0, description="assumed width of a phone's short side in dp when `dpi` is not given "
                                 "(phones are 360–480 dp wide; 392 is the common Pixel/Galaxy width)")
    min_px_per_dp: float = Field(0.75, description="lower clamp of an inferred density (px per dp)")
    max_px_per_dp: float = Field(4.5, description="upper clamp of an inferred density (px per dp)")

    # --- pop-up (card) detection, on a frame scaled to `popup_work_width` px wide -------------
    popup_work_width: int = Field(270, description="width the frame is scaled to for card detection (px)")
    popup_edge_threshold: float = Field(12.0, description="min grey-level step across a card edge")
    popup_min_width_frac: float = Field(0.45, description="min card width / the screen's short side")
    popup_min_height_frac: float = Field(0.12, description="min card height / screen height (toasts, snackbars are lower)")
    popup_max_height_frac: float = Field(0.85, description="max card height / screen height")
    popup_min_edge_support: float = Field(0.6, description="min mean fraction of a card's four sides that show the edge step")
    popup_min_outside_frac: float = Field(0.2, description="min screen fraction outside a card needed to judge a scrim")
    popup_center_tolerance: float = Field(0.08, description="max |card centre - screen centre| / width for a floating card")
    popup_dim_ratio: float = Field(0.85, description="outside brightness / card brightness below which the outside counts as dimmed")
    popup_ref_dim_ratio: float = Field(0.88, description="with a reference frame: outside now / outside before below which it is dimmed")
    popup_min_dialog_dim: float = Field(0.35, description="min scrim evidence for a floating card; below it the card's score is halved")
    scrim_max_highlight: float = Field(200.0, description="brightest outside grey (99.5th percentile) that still counts as under a scrim; Material's 32 % scrim maps white to 173")
    sheet_min_end_support: float = Field(0.5, description="min edge support of a bottom sheet's top near both screen edges (4–8 % in)")
    sheet_max_height_frac: float = Field(0.75, description="max bottom-sheet height / screen height")
    popup_max_candidates: int = Field(16, description="card candidates scored per frame, best edge support first")
    card_fill_tolerance: float = Field(8.0, description="grey levels a card's surface may vary when it is grown from a "
                                       "close control found on it (flood fill on the small frame)")
    ocr_focus_min_probability: float = Field(0.2, description="min probability the pop-up verifier gives a card from "
                                             "the pixels alone (before any text is read) for its text to be read first; "
                                             "above 1: text is read by its place on the screen only")
    popup_min_probability: float = Field(0.5, description="min probability the learned verifier "
                                         "(harness/vision/models/popup_verifier.onnx) gives a card for it to be a pop-up")
    close_min_probability: float = Field(0.5, description="min probability the learned close-control verifier "
                                         "(harness/vision/models/close_verifier.onnx) gives a control on the pop-up "
                                         "for it to be a close control")
    status_bar_frac: float = Field(0.035, description="top fraction of the screen ignored as status bar")
    status_bar_dp: float = Field(24.0, description="the status bar's height (dp, Android's standard); a control or text "
                                 "centred above the larger of this and `status_bar_frac` is the system's")
    nav_bar_frac: float = Field(0.05, description="bottom fraction that may hold the navigation bar under a bottom sheet")
    keyboard_max_height_frac: float = Field(0.55, description="lowest fraction of the screen searched for an on-screen "
                                            "keyboard (never dimmed by a scrim, its 'x' key no close button)")
    keyboard_min_keys: int = Field(8, description="min key labels evenly spread across a row for it to be a keyboard's")

    # --- X glyphs ----------------------------------------------------------------------------
    glyph_px_per_dp: float = Field(1.1, description="work resolution for glyph search, px per dp (downscale only)")
    x_min_dp: float = Field(7.0, description="smallest X glyph searched (dp)")
    x_max_dp: float = Field(72.0, description="largest X glyph / circle searched (dp)")
    x_max_stroke_dp: float = Field(4.5, description="thickest X stroke searched (dp)")
    x_min_aspect: float = Field(0.8, description="min short/long side of an X glyph's box (close icons are drawn square)")
    x_min_contrast: float = Field(14.0, description="min grey-level difference of an X stroke against its local background")
    x_min_diagonal_cover: float = Field(0.8, description="min fraction of each diagonal covered by the stroke mask")
    x_min_on_diagonal: float = Field(0.78, description="min fraction of the glyph's pixels lying near a diagonal")
    x_min_score: float = Field(0.6, description="min score for an X glyph")
    x_fill: tuple[float, float] = Field((0.06, 0.73), description="min and max fraction of its box an X's strokes fill: "
                                        "a bold icon-font X fills ~0.7, a disc 0.79, a square all of it")

    # --- text controls -----------------------------------------------------------------------
    text_min_height_dp: float = Field(7.0, description="min text-line height (dp)")
    text_max_height_dp: float = Field(40.0, description="max text-line height (dp)")
    text_max_width_dp: float = Field(170.0, description="max width of a close text such as 'No thanks' (dp); longer lines are body text")
    text_edge_threshold: float = Field(28.0, description="min morphological gradient of a character stroke")
    text_min_aspect: float = Field(1.25, description="min width/height of a text region worth reading (two characters)")
    ocr_max_regions: int = Field(9, description="max text regions recognised per frame")
    ocr_batch: int = Field(3, description="text regions recognised per batch, in priority order")
    ocr_stop_score: float = Field(0.8, description="stop reading further batches once a close text scores this much")
    ocr_min_score: float = Field(0.5, description="min recognition confidence")
    ocr_filled_line_contrast: float = Field(25.0, description="a text line whose median grey differs this much from the "
                                            "margin around it is a filled pill or button: read inside its own box")
    ocr_threads: int = Field(1, description="onnxruntime intra-op threads of the OCR engine")
    button_max_pad_x_dp: float = Field(110.0, description="max horizontal padding of a button around its label (dp)")
    button_max_pad_y_dp: float = Field(22.0, description="max vertical padding of a button around its label (dp)")
    close_text_max_extra_cjk: int = Field(3, description="max extra characters around a Chinese close word ('跳过广告', '暂不更新')")
    close_text_max_extra_latin: int = Field(2, description="max extra letters around an English close word")
    close_words: tuple[str, ...] = CLOSE_WORDS_ZH + CLOSE_WORDS_EN + CLOSE_WORDS_OTHER
    # short words that occur inside others ("pular" in "Popular", "salta" in "Saltato") match alone only
    close_words_exact: tuple[str, ...] = Field(("no", "nope", "否", "不", "不用", "不用了", "不了", "不要", "算了", "禁止",
                                                "non", "nein", "não", "nao", "nee", "nie", "hayır", "нет", "いいえ", "아니요",
                                                "pular", "salta", "saltar", "passer", "atla", "kapat", "never"),
                                               description="declining words that are a close control only as the whole "
                                               "label ('No' beside 'Yes'; not inside 'Now' or 'Note')")
    interstitial_words: tuple[str, ...] = Field(("No thanks", "Not now", "Maybe later", "Remind me later", "以后再说", "下次再说",
                                                 "残忍拒绝", "暂不", "不再提示", "不再提醒"),
                                                description="decline words that make a frame without a pop-up card a "
                                                "full-screen interstitial, wherever they are")
    page_words: tuple[str, ...] = Field(("cancel", "skip", "取消", "跳过", "返回", "annuler", "abbrechen", "cancelar",
                                         "annulla", "annuleren", "anuluj", "iptal", "отмена", "キャンセル", "취소", "إلغاء"), description="close words that pages use "
                                        "in their own layout too: they do not make an undimmed panel a sheet")
    hierarchy_hints: tuple[str, ...] = HIERARCHY_HINTS

    # --- assigning controls to pop-ups ---------------------------------------------------------
    attach_above_dp: float = Field(72.0, description="a close control this far above a card still belongs to it (dp)")
    attach_below_dp: float = Field(120.0, description="… this far below a card (the 'X under the card')")
    outside_x_min_dp: float = Field(12.0, description="min size of an X beside or below a card (not inside it): smaller "
                                    "crossings on the dimmed screen around it are its content")
    attach_side_dp: float = Field(40.0, description="… this far beside a card")
    sheet_x_band_dp: float = Field(72.0, description="an undimmed sheet's own X lies this far below its top edge at most (dp)")
    sheet_x_side_frac: float = Field(0.2, description="… and this far (fraction of the sheet's width) off its centre line at least")
    sheet_x_min_dp: float = Field(10.0, description="… and is at least this big (dp); smaller crossing icons are layout")
    toolbar_min_neighbours: int = Field(1, description="icons or words centred on a bare X's row that make it a toolbar's, not a splash ad's")
    corner_zone_frac: float = Field(0.16, description="screen-corner zone (fraction of height) where a splash 'skip' or X sits")
    fullscreen_min_control_score: float = Field(0.7, description="min close-control score in a corner zone to call the frame a full-screen ad")

    # --- time: the reference frame (the previous stable screen) ----------------------------------
    ref_pixel_step: float = Field(10.0, description="grey levels a pixel may move and still count as unchanged since the reference")
    ref_unchanged_frac: float = Field(0.9, description="min unchanged fraction of a region for it to be what the reference showed")
    ref_outside_changed_frac: float = Field(0.15, description="min changed fraction of the rest of the screen (a scrim discounted) "
                                            "for an unchanged region to be persistent layout, never a pop-up")
    reference_min_stable_ms: float = Field(200.0, description="a screen state shown this long is stable: later states are "
                                           "analysed against its last frame")

    # --- frame comparison --------------------------------------------------------------------
    compare_grid: tuple[int, int] = Field((12, 24), description="cells (columns, rows) of the frame comparison")
    compare_cell_threshold: float = Field(10.0, description="mean grey difference above which a cell changed")
    compare_same_max_changed: float = Field(0.06, description="max changed-cell fraction for 'same screen' (countdown digits, spinners)")
    compare_jump_min_changed: float = Field(0.5, description="min changed-cell fraction for 'jumped away'")

    @property
    def px_per_dp(self) -> float:
        if self.dpi is None:
            raise ValueError("VisionConfig.dpi is not set: call for_image(width, height) first")
        return self.dpi / 160.0

    def for_image(self, width: int, height: int) -> VisionConfig:
        """This config with `dpi` set: as given, or inferred from the image's short side (a phone
        is `short_side_dp` dp wide whatever its resolution or orientation; a screenshot downscaled
        for storage keeps the same dp width, so its density scales with it)."""
        if self.dpi is not None:
            return self
        ppd = min(self.max_px_per_dp, max(self.min_px_per_dp, min(width, height) / self.short_side_dp))
        return self.model_copy(update={"dpi": int(round(160 * ppd))})


DEFAULT_CONFIG = VisionConfig()
