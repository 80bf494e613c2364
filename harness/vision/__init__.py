"""Screen analysis: pop-ups and their close controls in a screenshot, pure functions on arrays.

    from harness.vision import analyze, compare_frames, VisionConfig
    result = analyze(bgr_array, hierarchy_xml=None, reference=None, cfg=VisionConfig(dpi=420))
"""

from .compare import compare_frames, jumped_away, same_screen
from .config import DEFAULT_CONFIG, VisionConfig
from .image import ImageError, load_image
from .pipeline import analyze
from .types import Analysis, Box, CloseControl, FrameComparison, Popup, box_iou

__all__ = [
    "DEFAULT_CONFIG", "Analysis", "Box", "CloseControl", "FrameComparison", "ImageError", "Popup", "VisionConfig",
    "analyze", "box_iou", "compare_frames", "jumped_away", "load_image", "same_screen",
]
