"""The report read at a glance: the app × clause matrix first (each cell the worst verdict, how
many tests have it, a link to them), then the violations with what was measured against which
threshold from where, then the rest; the virtual-device warning only when a verdict came from it."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from harness.device.identity import DeviceIdentity
from harness.report.html import key_frame, matrix, render, short
from harness.report.models import CaseResult, Integrity, KeyFrame, Point, TimelineEvent
from harness.report.results import build
from harness.verdict import Measurement, Outcome, Verdict

from .test_html import Page

LATE = Measurement(name="close_missing_ms", value=3027, unit="ms", compare="<=", threshold=3000,
                   key="close_delay_limit_ms", origin="default", source="a close button within 3 s", low=2992, high=3063)


def device(kind: str) -> DeviceIdentity:
    return DeviceIdentity(serial=f"{kind}-1", kind=kind, model="M", manufacturer="X", sdk=34, release="14",
                          fingerprint="f")


def case(name: str, package: str, clause: str, verdict: Verdict, kind: str = "virtual",
         measurements: tuple[Measurement, ...] = (), **extra) -> CaseResult:
    return CaseResult(id=f"run/{name}", folder=None, nodeid=f"scenarios/test_x.py::{name}[{package}]", verdict=verdict,
                      outcome=Outcome(verdict=verdict, clause=clause, reason=f"{name} said so", measurements=measurements),
                      package=package, device=device(kind), integrity=Integrity(state="absent", verify=None), **extra)


CASES = [case("late", "com.a", "1.4", Verdict.FAIL, measurements=(LATE,)),
         case("hotspot", "com.a", "1.4", Verdict.PASS), case("perm", "com.a", "1.10", Verdict.PASS),
         case("shake", "com.b", "1.4", Verdict.INCONCLUSIVE, kind="physical")]


@pytest.fixture(scope="module")
def page(tmp_path_factory) -> tuple[str, Page]:
    out = tmp_path_factory.mktemp("matrix")
    html = render(build(CASES), out, out).read_text(encoding="utf-8")
    return html, Page(html)


def test_one_row_per_app_one_column_per_clause_in_clause_order():
    results = build(CASES)
    grid = matrix(results.summary, [f"g{i}" for i in range(len(results.summary))], results.tests)
    assert grid.clauses == ("1.4", "1.10")
    assert [a.package for a in grid.apps] == ["com.a", "com.b"]
    a, b = grid.apps
    assert (a.verdict, a.cells["1.4"].row.verdict, a.cells["1.4"].count, a.cells["1.4"].total) == (
        Verdict.FAIL, Verdict.FAIL, 1, 2)
    assert a.cells["1.10"].row.verdict is Verdict.PASS and "1.10" not in b.cells


def test_the_matrix_comes_first_and_every_cell_links_to_its_tests(page):
    html, parsed = page
    order = [m.group(1) for m in re.finditer(r'<section id="(\w+)">', html)]
    assert order == ["matrix", "violations", "devices", "tests"]
    cells = re.findall(r'<td class="cell (\w+)" data-clause="([\d.]+)">\s*<a href="#(g\d+)"', html)
    assert [(v, c) for v, c, _ in cells] == [("fail", "1.4"), ("pass", "1.10"), ("inconclusive", "1.4")]
    for _, _, group in cells:  # the anchor exists and holds the cell's tests
        section = html.split(f'<div class="group" id="{group}">', 1)[1].split('<div class="group"', 1)[0]
        assert section.count('<article class="case') >= 1
    assert html.count('<td class="cell empty"') == 1  # com.b has no 1.10 test


def test_violations_come_first_with_measured_value_threshold_and_source(page):
    html, _ = page
    violations = html.split('<section id="violations">', 1)[1].split("</section>", 1)[0]
    assert violations.count('<article class="violation-case">') == 1 and "late said so" in violations
    assert "3027ms" in violations and "(bracket 2992–3063ms)" in violations and "&lt;= 3000ms" in violations
    assert "close_delay_limit_ms" in violations and "a close button within 3 s" in violations
    assert "no key frame in this test's evidence" in violations


def test_the_warning_counts_the_verdicts_from_the_virtual_device(page, tmp_path: Path):
    html, _ = page
    assert "Simulated device." in html and "3 of the 4 tests in this report" in html
    physical = render(build(CASES[3:]), tmp_path, tmp_path).read_text(encoding="utf-8")
    assert "Simulated device." not in physical and '<span class="kind physical">physical</span>' in physical


def test_long_ids_are_cut_in_the_middle_and_whole_on_hover(page):
    nodeid = "scenarios/test_permissions.py::test_no_permission_request_before_its_feature[com.demo.perm.eager]"
    cut = short(nodeid, 64)
    assert len(cut) == 64 and cut.startswith("scenarios/test_perm") and cut.endswith("[com.demo.perm.eager]")
    assert short("short", 64) == "short"
    _, parsed = page
    shortened = [a for t, a in parsed.tags if t == "span" and a.get("class") == "id"]
    assert shortened and all(a["title"].startswith("scenarios/") or a["title"].startswith("run/") for a in shortened)


def frame(title: str, origin: str, points: tuple[Point, ...] = ()) -> KeyFrame:
    return KeyFrame(image=f"{title}.png", title=title, origin=origin, points=points, width=10, height=20)


def test_the_key_frame_of_a_violation():
    tap = (Point(x=1, y=2),)
    auto = case("a", "com.a", "1.10", Verdict.FAIL, key_frames=(
        frame("first", "automatic"), frame("before tap", "automatic", tap), frame("last", "automatic")))
    assert key_frame(auto, [])[1].title == "before tap"
    chosen = auto.model_copy(update={"key_frames": (frame("scenario's", "annotations"), *auto.key_frames)})
    assert key_frame(chosen, [])[1].title == "scenario's"
    untapped = auto.model_copy(update={"key_frames": auto.key_frames[::2]})
    assert key_frame(untapped, [])[1].title == "last"
    # judged from the shared launch profile alone: the profile's frame
    profile = CaseResult(id="run/gw0/profile_com.a", folder="run/gw0/profile_com.a", nodeid=None, verdict=None,
                         integrity=Integrity(state="absent", verify=None), key_frames=(frame("last", "automatic"),))
    bare = auto.model_copy(update={"key_frames": (), "timeline": (TimelineEvent(
        kind="launch_profile", offset_ms=0, details={"folder": "/ev/run/gw0/profile_com.a"}),)})
    assert key_frame(bare, [bare, profile]) == (profile, profile.key_frames[0])
    assert key_frame(bare, [bare]) is None
