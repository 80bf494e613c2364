"""Building blocks the compliance scenarios share: watched launches (trials), screen states
and what they showed, where a tap led, key frames for the report, and threshold searches."""

from .annotate import Annotations, KeyFrame, Mark, Point, mark
from .looks import Look, Looker
from .profile import DialogSighting, LaunchProfile, is_app_popup, observe_launch
from .search import Bracket, bisect
from .splash import (
    SplashWatch,
    Timing,
    best_control,
    is_splash_window,
    look_bracket,
    refine_appearance,
    refine_ignored,
    tap_ladder,
    watch_splash,
)
from .states import ScreenState, split_states
from .trial import UNTIMED_FPS, Landing, Resting, Trial, Watcher, classify

__all__ = [
    "Annotations", "Bracket", "DialogSighting", "LaunchProfile", "is_app_popup", "observe_launch", "KeyFrame", "Landing", "Look", "Looker", "Mark", "Point", "Resting", "ScreenState",
    "SplashWatch", "Trial", "UNTIMED_FPS", "Watcher", "Timing", "best_control", "bisect", "classify", "is_splash_window", "look_bracket", "mark",
    "refine_appearance", "refine_ignored",
    "split_states", "tap_ladder", "watch_splash",
]
