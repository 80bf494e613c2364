"""The report in a real browser: Debian's headless Chromium, driven through its chromedriver by
Selenium (nothing is downloaded). It renders, every image loads, the console stays clean, the
overlays sit on their images, and the hostile app label stays text; at a phone's width and a
desktop's, the matrix comes first and nothing runs off the page (screenshots in the test's tmp dir).

Without Chromium the test skips, except under CI=true, where it fails: CI installs it."""

from __future__ import annotations

import os
import shutil
import tempfile
from collections.abc import Iterator
from pathlib import Path

import pytest

from .fabricate import HOSTILE_LABEL, HOSTILE_TEXT

CHROMIUM, CHROMEDRIVER = Path("/usr/bin/chromium"), Path("/usr/bin/chromedriver")
# Without these the browser stalls on network lookups: this machine has no internet.
FLAGS = ("--headless", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
         "--disable-background-networking", "--disable-component-update", "--disable-sync", "--window-size=1280,1600")


@pytest.fixture(scope="module")
def browser() -> Iterator[object]:
    missing = [str(p) for p in (CHROMIUM, CHROMEDRIVER) if not p.is_file()]
    if missing:
        message = f"{' and '.join(missing)} missing: apt-get install chromium chromium-driver"
        if os.environ.get("CI") == "true":
            pytest.fail(f"CI must run the browser test: {message}", pytrace=False)
        pytest.skip(message)
    from selenium import webdriver
    from selenium.webdriver.chrome.service import Service

    profile = tempfile.mkdtemp(prefix="report-chromium-")
    options = webdriver.ChromeOptions()
    options.binary_location = str(CHROMIUM)
    for flag in (*FLAGS, f"--user-data-dir={profile}"):
        options.add_argument(flag)
    options.set_capability("goog:loggingPrefs", {"browser": "ALL"})
    driver = webdriver.Chrome(options=options, service=Service(str(CHROMEDRIVER)))
    driver.set_page_load_timeout(15)
    try:
        yield driver
    finally:
        driver.quit()
        shutil.rmtree(profile, ignore_errors=True)


def test_report_renders_cleanly_and_hostile_strings_stay_text(browser, report: Path):
    from selenium.common.exceptions import NoAlertPresentException
    from selenium.webdriver.common.by import By

    browser.get((report / "index.html").as_uri())
    with pytest.raises(NoAlertPresentException):
        browser.switch_to.alert  # noqa: B018 - raises when no script opened an alert
    assert browser.execute_script("return document.scripts.length") == 0
    assert browser.title == "MIIT 2023-26 UI compliance report"
    errors = [e for e in browser.get_log("browser") if e["level"] == "SEVERE"]
    assert errors == []
    body = browser.find_element(By.TAG_NAME, "body").text
    assert HOSTILE_LABEL in body and HOSTILE_TEXT in body and "Verdicts by app and clause" in body
    # one row per app: four packages and the tests with no app identity
    assert len(browser.find_elements(By.CSS_SELECTOR, "table.matrix tbody tr")) == 5

    images = browser.execute_script(
        "return Array.from(document.images).map(i => [i.getAttribute('src'), i.complete, i.naturalWidth])")
    # the violation's key frame once more above the six of the tests
    assert len(images) == 7 and all(done and width > 0 for _, done, width in images), images

    # the pop-up box is drawn where the annotation puts it: (40, 200, 280 × 360) on a 360 × 800 frame
    shot, box = browser.execute_script("""
        const figure = document.querySelector('#tests rect.box.popup').closest('.shot');
        const r = e => { const b = e.getBoundingClientRect(); return [b.x, b.y, b.width, b.height]; };
        return [r(figure.querySelector('img')), r(figure.querySelector('rect.box.popup'))];""")
    scale = shot[2] / 360
    assert shot[3] == pytest.approx(800 * scale, abs=1)
    assert box == pytest.approx([shot[0] + 40 * scale, shot[1] + 200 * scale, 280 * scale, 360 * scale], abs=3)

    plot = browser.find_element(By.CSS_SELECTOR, "svg.plot polyline.linear")
    assert plot.size["width"] > 300


LAYOUT = """
    const top = e => e.getBoundingClientRect().top + window.scrollY;
    const sections = Array.from(document.querySelectorAll('body > section')).map(s => s.id);
    const ids = Array.from(document.querySelectorAll('[title].id, .nodeid[title]'));
    const warning = document.querySelector('.device-warning');
    const matrix = document.querySelector('table.matrix');
    return {
      sections: sections,
      order: ['matrix', 'violations', 'devices', 'tests'].map(id => top(document.getElementById(id))),
      scrollWidth: document.documentElement.scrollWidth, innerWidth: window.innerWidth,
      matrixFits: matrix.getBoundingClientRect().right <= matrix.parentElement.getBoundingClientRect().right + 1,
      warningTop: warning ? warning.getBoundingClientRect().top : null, innerHeight: window.innerHeight,
      shortened: ids.filter(e => e.textContent.trim() !== e.title).map(e => [e.textContent.trim(), e.title]),
    };"""


@pytest.mark.parametrize("width", [390, 1280])
def test_matrix_first_and_nothing_runs_off_the_page(browser, report: Path, tmp_path: Path, width: int):
    browser.set_window_size(width, 900)
    inner = browser.execute_script("return window.innerWidth")
    browser.set_window_size(2 * width - inner, 900)  # the viewport, not the window, is `width` wide
    browser.get((report / "index.html").as_uri())
    browser.save_screenshot(str(tmp_path / f"report-{width}px.png"))
    facts = browser.execute_script(LAYOUT)
    assert facts["innerWidth"] == width
    assert facts["scrollWidth"] <= facts["innerWidth"], facts
    assert facts["sections"] == ["matrix", "violations", "devices", "tests"]
    assert facts["order"] == sorted(facts["order"])
    assert facts["matrixFits"], "the matrix needs scrolling sideways"
    # the simulated-device warning is on the first screen, above the matrix
    assert facts["warningTop"] is not None and 0 < facts["warningTop"] < facts["innerHeight"] / 2
    # a shortened id keeps its head and tail, and gives it whole on hover
    assert facts["shortened"], "the fabricated ids are long enough to be shortened somewhere"
    for text, title in facts["shortened"]:
        head, _, tail = text.partition("…")
        assert title.startswith(head) and title.endswith(tail) and len(text) < len(title), (text, title)
