"""Fault injection: a file of faults (see `plan`) that the device watches and applies."""

from .control import apply, watch
from .plan import Action, Plan, Settings, parse
from .switches import Faults

__all__ = ["Action", "Faults", "Plan", "Settings", "apply", "parse", "watch"]
