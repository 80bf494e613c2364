"""The commands of the device shell. Importing the family modules fills the command table."""

from . import (  # noqa: F401
               activity,
               app_process,
               builtins,
               dumpsys,
               files,
               input,
               logcat,
               misc,
               package,
               processes,
               props,
               screen,
               settings,
               text,
               window,
)
from .registry import COMMANDS, DUMPSYS, TOYBOX

__all__ = ["COMMANDS", "DUMPSYS", "TOYBOX"]
