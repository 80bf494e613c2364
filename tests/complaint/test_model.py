"""The complaint file: the documented examples load, bad files are one line naming the line and
the field, and the window and clause the expectation is judged by."""

from __future__ import annotations

from pathlib import Path

import pytest

from harness.complaint.model import Complaint, ComplaintError, load_complaint
from harness.device.identity import AppIdentity

EXAMPLES = sorted((Path(__file__).resolve().parents[2] / "docs" / "examples").glob("*.yaml"))


def complaint(tmp_path: Path, text: str) -> Complaint:
    path = tmp_path / "complaint.yaml"
    path.write_text(text, encoding="utf-8")
    return load_complaint(path)


@pytest.mark.parametrize("path", EXAMPLES, ids=lambda p: p.name)
def test_documented_examples_load(path):
    assert load_complaint(path).steps[0].kind == "launch"


BAD = [
    ("app: {package: com.x.y}\nsteps:\n  - launch\n  - shake:\n      accel_ms2: 0\n      duration_s: 1\n"
     "expect: {jump: any}\n", "5: steps[2].shake.accel_ms2: must be greater than 0"),
    ("app: {package: com.x.y}\nsteps:\n  - launch\n  - shook: {accel_ms2: 1}\nexpect: {jump: any}\n",
     "4: steps[2]: a step is one of: launch, back"),
    ("app: {package: com.x.y, versoin: '1'}\nsteps: [launch]\nexpect: {jump: any}\n", "1: app.versoin: unknown field"),
    ("app:\n  package: com.x.y\n  version: 1.10\nsteps: [launch]\nexpect: {jump: any}\n",
     "3: app.version: quote the version"),
    ("app: {package: com.x.y}\nsteps:\n  - launch\n  - deny: locaton\nexpect: {permission_dialog: location}\n",
     "4: steps[2].deny: unknown permission group 'locaton'"),
    ("app: {package: com.x.y}\nsteps:\n  - launch\n  - tap: {text: 我的, id: tab}\nexpect: {jump: any}\n",
     "4: steps[2].tap: give exactly one of text, id, xy"),
    ("app: {package: com.x.y}\nsteps: [launch]\nexpect:\n  jump: any\n  permission_dialog: location\n",
     "3: expect: give exactly one of jump, permission_dialog"),
    ("app: {package: com.x.y}\nsteps: [launch]\nexpect:\n  popup_without_close: true\n",
     "4: expect.popup_without_close: unknown field"),
    ("app: {package: com.x.y}\nsteps: [launch, back]\nexpect:\n  jump: any\n  after_step: 3\n",
     "5: expect.after_step: there are only 2 steps"),
    ("app: {package: com.x.y}\nsteps:\n  - back\n  - launch\nexpect: {jump: any}\n",
     "3: steps[1]: the first step must be `launch`"),
    ("app: {package: com.x.y}\nclause: '9.9'\nsteps: [launch]\nexpect: {jump: any}\n", "2: clause: unknown clause"),
    ("app: {package: com.x.y, sha256: abc}\nsteps: [launch]\nexpect: {jump: any}\n",
     "1: app.sha256: must be the 64 hex digits"),
    ("app: {package: com.x.y}\nsteps: [launch]\n", "1: expect: required"),
    ("app: {package: com.x.y\nsteps: [launch]\n", "2: not valid YAML"),
    ("- launch\n", "1: a complaint is a YAML mapping"),
]


@pytest.mark.parametrize(("text", "message"), BAD, ids=[m.split(": ", 1)[1][:40] for _, m in BAD])
def test_a_bad_file_is_one_line_naming_the_line_and_the_field(tmp_path, text, message):
    with pytest.raises(ComplaintError) as e:
        complaint(tmp_path, text)
    assert str(e.value).startswith(f"{tmp_path / 'complaint.yaml'}:{message}")
    assert "\n" not in str(e.value)


def test_a_missing_file_is_one_line(tmp_path):
    with pytest.raises(ComplaintError, match="cannot read the complaint: No such file"):
        load_complaint(tmp_path / "absent.yaml")


def test_the_expectation_is_looked_for_after_the_last_action_and_the_waits_after_it(tmp_path):
    c = complaint(tmp_path, "app: {package: com.x.y}\nsteps:\n  - launch\n  - tap: {xy: [10, 20]}\n"
                            "  - shake: {accel_ms2: 6, duration_s: 1}\n  - wait: 2\n  - wait: 1\n"
                            "expect: {jump: another_page}\n")
    assert (c.after_step, c.window(), c.judged_clause) == (3, (3, 4, 5), "1.4")
    assert [s.describe() for s in c.steps] == ["launch", "tap xy (10.0, 20.0)", "shake 6 m/s² for 1 s", "wait 2 s",
                                                "wait 1 s"]


@pytest.mark.parametrize(("expect", "clause"), [
    ("{jump: another_app, after_step: 2}", "1.6"),  # started by itself while the user waited
    ("{jump: another_app, after_step: 3}", "1.4"),  # after a tap
    ("{permission_dialog: location}", "1.10"),
    ("{jump: any, after_step: 2}\nclause: '1.6'", "1.6"),
])
def test_the_clause_is_given_or_inferred_from_the_expectation(tmp_path, expect, clause):
    c = complaint(tmp_path, f"app: {{package: com.x.y}}\nsteps: [launch, wait: 1, tap: {{text: 去看看}}]\n"
                            f"expect: {expect}\n")
    assert c.judged_clause == clause


def test_version_and_apk_differences_are_named(tmp_path):
    c = complaint(tmp_path, f"app: {{package: com.x.y, version: '1.0.8', sha256: {'AB' * 32}}}\nsteps: [launch]\n"
                            "expect: {jump: any}\n")
    found = AppIdentity(package="com.x.y", label=None, version_name="1.0.9", version_code=109, uid=None,
                        launcher_activity=None, apk_paths=("/data/app/base.apk",), apk_sha256="ab" * 32)
    assert c.app.differences(found) == ["version 1.0.9 on the device, 1.0.8 in the complaint"]
    assert c.app.differences(found.model_copy(update={"version_name": "1.0.8"})) == []
