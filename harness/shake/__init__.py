"""Shake injection through the emulator console: waveform, paced sender, and the Shaker."""

from .sender import SentSample, ShakeAborted, ShakeRecord, send_waveform
from .shaker import Shaker, ShakeUnsupported
from .waveform import Rest, ShakeSpec, WaveSample, waveform

__all__ = ["Rest", "SentSample", "ShakeAborted", "ShakeRecord", "ShakeSpec", "Shaker", "ShakeUnsupported", "WaveSample", "send_waveform",
           "waveform"]
