"""The HTML report printed to PDF by headless Chromium (Debian's `chromium`, never a download).

The page is the same index.html; its print stylesheet starts each test on a new page, and the
sealed manifest hashes are in each test's evidence summary. Chromium runs with a fresh profile
in a temporary folder and no network features, and is given the page as a file. Clause titles
are Chinese: Chromium is pointed (through fontconfig) at the Noto Sans CJK font the project
already installs, so they print on a machine with no CJK system font too.
"""

from __future__ import annotations

import os
import shutil
import subprocess
import tempfile
from importlib.util import find_spec
from pathlib import Path
from xml.sax.saxutils import escape

CANDIDATES = ("chromium", "chromium-browser", "google-chrome")
TIMEOUT_S = 300
CJK_FONT_PACKAGE = "manimgx_fonts_cjk"  # Noto Sans CJK (OFL), a dependency of the virtual device's screens


class PdfError(RuntimeError):
    """The PDF could not be printed; the message is one line."""


def chromium() -> str | None:
    """The Chromium to print with: $MIIT_HARNESS_CHROMIUM (not HARNESS_…: those are settings),
    else the first on PATH."""
    explicit = os.environ.get("MIIT_HARNESS_CHROMIUM")
    if explicit:
        return explicit if Path(explicit).is_file() else None
    return next((found for name in CANDIDATES if (found := shutil.which(name))), None)


def _fontconfig(folder: Path) -> Path | None:
    """A fontconfig file: the system's fonts plus the CJK font package's folder."""
    spec = find_spec(CJK_FONT_PACKAGE)
    if spec is None or not spec.submodule_search_locations:
        return None
    fonts = escape(str(next(iter(spec.submodule_search_locations))))
    conf = folder / "fonts.conf"
    conf.write_text('<?xml version="1.0"?>\n<!DOCTYPE fontconfig SYSTEM "fonts.dtd">\n<fontconfig>'
                    '<include ignore_missing="yes">/etc/fonts/fonts.conf</include>'
                    f"<dir>{fonts}</dir><cachedir>{escape(str(folder / 'fontcache'))}</cachedir></fontconfig>\n",
                    encoding="utf-8")
    return conf


def print_pdf(index: Path, pdf: Path, timeout_s: float = TIMEOUT_S) -> Path:
    """Print `index` (an HTML report) to `pdf`; returns `pdf`."""
    browser = chromium()
    if browser is None:
        raise PdfError("Chromium not found (install Debian's chromium, or set MIIT_HARNESS_CHROMIUM to a Chromium binary)")
    pdf = pdf.absolute()
    pdf.parent.mkdir(parents=True, exist_ok=True)
    partial = pdf.with_name(pdf.name + ".partial")
    partial.unlink(missing_ok=True)
    with tempfile.TemporaryDirectory(prefix="harness-chromium-") as profile:
        command = [browser, "--headless", "--no-sandbox", "--disable-gpu", "--disable-background-networking",
                   "--disable-component-update", "--disable-sync", "--no-first-run", "--no-default-browser-check",
                   f"--user-data-dir={profile}", "--no-pdf-header-footer", f"--print-to-pdf={partial}",
                   index.absolute().as_uri()]
        env = {**os.environ, "HOME": profile}
        if (fonts := _fontconfig(Path(profile))) is not None:
            env["FONTCONFIG_FILE"] = str(fonts)
        try:
            done = subprocess.run(command, capture_output=True, timeout=timeout_s, check=False, env=env)
        except subprocess.TimeoutExpired:
            partial.unlink(missing_ok=True)
            raise PdfError(f"Chromium did not finish printing {index} within {timeout_s:g} s") from None
        except OSError as e:
            raise PdfError(f"{browser}: cannot run ({e.strerror or e})") from None
    if not partial.is_file() or partial.stat().st_size == 0:
        last = next(iter(reversed(done.stderr.decode(errors="replace").strip().splitlines())), "no output")
        partial.unlink(missing_ok=True)
        raise PdfError(f"Chromium printed no PDF (exit {done.returncode}): {last}")
    os.replace(partial, pdf)
    return pdf
