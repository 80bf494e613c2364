"""The HTML report: app and device strings stay text, every evidence file is linked (and the
links resolve from disk), key frames carry their boxes and tap points, shakes their plot."""

from __future__ import annotations

from html.parser import HTMLParser
from pathlib import Path
from urllib.parse import unquote

import pytest

from .fabricate import HOSTILE_FILE, HOSTILE_LABEL, Fabricated


class Page(HTMLParser):
    """Every start tag with its attributes, and the text."""

    def __init__(self, html: str) -> None:
        super().__init__()
        self.tags: list[tuple[str, dict[str, str | None]]] = []
        self.text: list[str] = []
        self.feed(html)

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        self.tags.append((tag, dict(attrs)))

    def handle_data(self, data: str) -> None:
        self.text.append(data)

    def attr(self, tag: str, name: str) -> list[str]:
        return [a[name] for t, a in self.tags if t == tag and a.get(name) is not None]


@pytest.fixture(scope="module")
def page(report: Path) -> Page:
    return Page((report / "index.html").read_text(encoding="utf-8"))


def test_hostile_strings_are_text_not_markup(report: Path, page: Page):
    html = (report / "index.html").read_text(encoding="utf-8")
    assert "<script" not in html.lower() and "<img src=x" not in html
    assert "&lt;script&gt;alert(1)&lt;/script&gt;" in html
    assert not [t for t, _ in page.tags if t in ("script", "iframe", "object", "embed")]
    assert not [(t, name) for t, attrs in page.tags for name in attrs if name.startswith("on")]
    text = "".join(page.text)
    assert text.count(HOSTILE_LABEL) >= 5  # label, box label, titles, measurement name, logcat text


def test_the_page_forbids_scripts(page: Page):
    [policy] = [a["content"] for t, a in page.tags if t == "meta" and a.get("http-equiv") == "Content-Security-Policy"]
    assert "default-src 'none'" in policy and "script-src" not in policy


def test_links_are_relative_and_resolve_from_disk(report: Path, page: Page, fabricated: Fabricated):
    targets = [h for h in page.attr("a", "href") + page.attr("img", "src") + page.attr("link", "href")
               if not h.startswith("#")]
    assert targets and not [h for h in targets if ":" in h.split("/")[0]]  # no scheme anywhere
    unresolved = {h for h in targets if not (report / unquote(h)).exists()}
    # dangling only where the evidence says so: an unsealed folder's manifest.json, an annotated image that is missing
    assert unresolved == {"../gw1/test_perm_unsealed/manifest.json", "../gw1/test_malformed/frames/missing.png"}
    hostile = [h for h in targets if "onerror" in unquote(h)]
    assert hostile and all((report / unquote(h)).resolve() == (fabricated.fail / HOSTILE_FILE).resolve()
                           for h in hostile)


def test_every_evidence_file_is_linked_with_its_hash(report: Path, page: Page, results: dict):
    hrefs = {unquote(h) for h in page.attr("a", "href")}
    text = "".join(page.text)
    for test in results["tests"]:
        for f in test["files"]:
            assert f"{test['folder']}/{f['path']}" in hrefs
            if f["sha256"]:
                assert f["sha256"] in text


def test_key_frames_have_boxes_and_tap_points_drawn_over_them(page: Page):
    boxes = [a["class"] for t, a in page.tags if t == "rect" and "box" in (a.get("class") or "")]
    assert boxes == ["box popup", "box close_control"] * 2  # the violation's key frame, then the test's
    points = [a["class"] for t, a in page.tags if t == "circle"]
    assert points == ["point jumped", "point jumped", "point other"]  # the annotated tap twice, the automatic one
    svgs = [a["viewbox"] for t, a in page.tags if t == "svg" and "viewbox" in a]
    assert "0 0 360 800" in svgs


def test_the_shake_is_plotted_with_its_threshold(page: Page):
    lines = [a["class"] for t, a in page.tags if t == "polyline"]
    assert lines == ["series linear", "series total"]
    [linear] = [a["points"] for t, a in page.tags if t == "polyline" and a["class"] == "series linear"]
    assert len(linear.split()) >= 20
    assert "threshold 15 m/s²" in "".join(page.text)


def test_missing_evidence_and_integrity_are_stated(report: Path):
    html = (report / "index.html").read_text(encoding="utf-8")
    for phrase in ("identity/app.json: missing (app identity unknown)", "verdict.json: not valid JSON",
                   "MODIFIED", "changed: frames/000001.png", "The manifest was never sealed", "sealed &amp; intact",
                   "image not available: frames/missing.png", "NO VERDICT"):
        assert phrase in html, phrase
