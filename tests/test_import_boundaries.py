"""Nothing that observes or judges may read the virtual device's internals.

harness/ and scenarios/ learn everything through adb, uiautomator2 and the console; the only
door to a virtual device is `emulator.launch`, which starts it as a separate process.
"""

from __future__ import annotations

import ast
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
FORBIDDEN = "emulator.virtual"


def forbidden_imports(path: Path, root: Path = ROOT) -> list[str]:
    tree = ast.parse(path.read_text(encoding="utf-8"), filename=str(path))
    found = []
    for node in ast.walk(tree):
        names: list[str] = []
        if isinstance(node, ast.Import):
            names = [alias.name for alias in node.names]
        elif isinstance(node, ast.ImportFrom) and node.module and node.level == 0:
            names = [node.module] + [f"{node.module}.{a.name}" for a in node.names]
        elif isinstance(node, ast.Call) and getattr(node.func, "attr", getattr(node.func, "id", "")) in (
                "import_module", "__import__") and node.args and isinstance(node.args[0], ast.Constant):
            names = [str(node.args[0].value)]
        found += [f"{path.relative_to(root)}:{node.lineno}: {n}" for n in names
                  if n == FORBIDDEN or n.startswith(FORBIDDEN + ".")]
    return found


def observer_files() -> list[Path]:
    return [p for d in ("harness", "scenarios") for p in (ROOT / d).rglob("*.py")]


def test_harness_and_scenarios_never_import_the_virtual_device():
    offenders = [hit for path in observer_files() for hit in forbidden_imports(path)]
    assert offenders == [], "harness/scenarios import the virtual device:\n" + "\n".join(offenders)


def test_the_checker_catches_every_import_form(tmp_path):
    bad = tmp_path / "bad.py"
    bad.write_text("import emulator.virtual.android\n"
                   "from emulator.virtual.android.system import AndroidSystem\n"
                   "from emulator import virtual\n"
                   "import importlib\nimportlib.import_module('emulator.virtual.fs')\n")
    flagged_lines = {hit.split(":")[1] for hit in forbidden_imports(bad, tmp_path)}
    assert flagged_lines == {"1", "2", "3", "5"}


def test_the_launcher_is_the_only_door():
    # emulator.launch starts the device as a process; it must not import it either.
    assert forbidden_imports(ROOT / "emulator" / "launch.py") == []


def test_harness_and_scenarios_never_read_the_device_files_by_path():
    # The demo apps' ground truth lives beside the device; reading it would be judging by
    # answer key instead of by what the device showed.
    needles = ("emulator/virtual", "emulator.virtual", "truth.yaml", "apps/demo")
    offenders = [f"{path.relative_to(ROOT)}: {needle}" for path in observer_files()
                 for needle in needles if needle in path.read_text(encoding="utf-8")]
    assert offenders == []
