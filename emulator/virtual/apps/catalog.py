"""Which app files `--install` means: `all` (every demo app), package names of demo apps, or
paths to app files, comma-separated."""

from __future__ import annotations

from pathlib import Path

from .engine import ScriptedApp
from .loader import AppFileError, load_app

DEMO_DIR = Path(__file__).resolve().parent / "demo"
APP_FILE = "app.yaml"
TRUTH_FILE = "truth.yaml"


def demo_packages() -> list[str]:
    return sorted(p.name for p in DEMO_DIR.iterdir() if (p / APP_FILE).is_file())


def app_files(selection: str) -> list[Path]:
    """The app files a `--install` value names, in order, each once."""
    paths: list[Path] = []
    for item in filter(None, (part.strip() for part in selection.split(","))):
        if item == "all":
            paths += [DEMO_DIR / p / APP_FILE for p in demo_packages()]
        elif item.endswith((".yaml", ".yml")):
            paths.append(Path(item))
        elif (DEMO_DIR / item / APP_FILE).is_file():
            paths.append(DEMO_DIR / item / APP_FILE)
        else:
            raise AppFileError(f"--install: {item}: not a demo app (known: all, {', '.join(demo_packages())}) "
                               "nor an app file (*.yaml)")
    return list(dict.fromkeys(paths))


def load_apps(selection: str) -> list[ScriptedApp]:
    """Scripted apps for a `--install` value; raises `AppFileError` on the first bad file."""
    return [ScriptedApp(load_app(path)) for path in app_files(selection)]
