"""Text recognition on small crops with the PP-OCR models bundled in `rapidocr-onnxruntime`.

The engine is loaded once, lazily, on first use (about 0.3 s); only its recognition model is
used here — candidate regions come from OpenCV, never from whole-frame text detection.
Without the package the analysis still runs, it just reports no text controls.
"""

from __future__ import annotations

import threading
from collections.abc import Sequence

import numpy as np

#: Narrowest input of the recognition model (PP-OCR pads every crop to at least this width at
#: height 48). The package default, 320, wastes time on short labels and lets the model read
#: padding as extra characters ("取消電"); 160 is faster and cleaner for "跳过 3" or "以后再说".
REC_MIN_WIDTH = 160

_lock = threading.Lock()
_engines: dict[int, object] = {}


class OcrUnavailable(RuntimeError):
    pass


def engine(threads: int = 1):
    """The shared RapidOCR engine for `threads` intra-op threads (created on first call)."""
    with _lock:
        if threads not in _engines:
            try:
                from rapidocr_onnxruntime import RapidOCR
            except ImportError as e:  # pragma: no cover - depends on the environment
                raise OcrUnavailable("rapidocr-onnxruntime is not installed") from e
            kwargs = {"intra_op_num_threads": threads, "inter_op_num_threads": 1} if threads > 0 else {}
            eng = RapidOCR(**kwargs)
            rec = getattr(eng, "text_rec", None)
            if rec is not None and hasattr(rec, "rec_image_shape"):
                rec.rec_image_shape = [3, 48, REC_MIN_WIDTH]
            _engines[threads] = eng
        return _engines[threads]


def available() -> bool:
    try:
        import rapidocr_onnxruntime  # noqa: F401
    except ImportError:
        return False
    return True


def recognize(crops: Sequence[np.ndarray], threads: int = 1) -> list[tuple[str, float]]:
    """Read one line of text from each BGR crop: [(text, confidence 0–1)], same order."""
    if not crops:
        return []
    eng = engine(threads)
    rec = getattr(eng, "text_rec", None)
    if rec is not None:
        result, _elapsed = rec(list(crops))
        return [(str(t), float(s)) for t, s in result]
    out = []  # pragma: no cover - older/newer API
    for c in crops:
        res, _ = eng(c, use_det=False, use_cls=False)
        out.append((str(res[0][0]), float(res[0][1])) if res else ("", 0.0))
    return out


def full_frame(bgr: np.ndarray, threads: int = 1) -> list[tuple[list, str, float]]:
    """Whole-frame detection + recognition: the naive approach, kept for the benchmark."""
    res, _ = engine(threads)(bgr)
    return res or []
