"""Lab keys, signed manifests and the hashes filed outside the folder: `harness keygen`,
`harness verify [--key] [--trusted-keys] [--against results.json]`, and a pytest run that signs
its evidence and files each sealed manifest's hash in results.json and JUnit."""

from __future__ import annotations

import hashlib
import json
import shutil
import stat
import xml.etree.ElementTree as ET
from pathlib import Path

import pytest
from cryptography.hazmat.primitives import serialization

# verify --against imports the report readers (numpy among them); imported here, before any
# pytester test snapshots sys.modules, or its restore would make numpy load twice in this process
import harness.report.collect  # noqa: F401
from harness.cli import main
from harness.config import build_config, env_layer, option_layer
from harness.evidence import JOURNAL, SEALED, EvidenceBundle
from harness.evidence.manifest import SIGNATURE, canonical, seal_digest, sha256
from harness.evidence.signing import fingerprint, load_private, load_public, sign

pytest_plugins = ["pytester"]


def keygen(folder: Path, capsys) -> tuple[Path, Path, str]:
    assert main(["keygen", "--out", str(folder)]) == 0
    out = capsys.readouterr().out
    fp = out.split("fingerprint:")[1].strip()
    return folder / "harness-signing-key.pem", folder / "harness-signing-key.pub.pem", fp


def sealed_folder(folder: Path, key_file: Path | None) -> Path:
    with EvidenceBundle(folder, load_private(key_file) if key_file else None) as bundle:
        bundle.write_bytes("frames/000001.png", b"frame one")
        bundle.write_json("verdict.json", {"verdict": "FAIL"})
    return folder


def verify(*args: str, capsys) -> tuple[int, str]:
    code = main(["verify", *args])
    captured = capsys.readouterr()
    return code, captured.out + captured.err


def test_keygen_makes_a_private_key_only_its_owner_reads(tmp_path, capsys):
    private, public, fp = keygen(tmp_path / "keys", capsys)
    assert stat.S_IMODE(private.stat().st_mode) == 0o600
    raw = load_public(public).public_bytes(serialization.Encoding.Raw, serialization.PublicFormat.Raw)
    assert fp == hashlib.sha256(raw).hexdigest() == fingerprint(load_private(private).public_key())
    # never overwritten: one line, exit 2
    code, text = verify_keygen_again(tmp_path / "keys", capsys)
    assert code == 2 and text.count("\n") == 1 and "already exists" in text


def verify_keygen_again(folder: Path, capsys) -> tuple[int, str]:
    code = main(["keygen", "--out", str(folder)])
    return code, capsys.readouterr().err


def test_signed_unsigned_invalid_and_re_signed(tmp_path, capsys):
    private, public, fp = keygen(tmp_path / "lab", capsys)
    other, _, other_fp = keygen(tmp_path / "other", capsys)
    signed = sealed_folder(tmp_path / "signed", private)
    assert json.loads((signed / SIGNATURE).read_text())["fingerprint"] == fp

    code, text = verify(str(signed), "--key", str(public), capsys=capsys)
    assert code == 0 and f"signature: signed by key {fp}" in text
    assert verify(str(signed), "--key", fp, capsys=capsys)[0] == 0  # a fingerprint will do
    (tmp_path / "trusted.txt").write_text(f"# the lab\n{fp}\n")
    assert verify(str(signed), "--trusted-keys", str(tmp_path / "trusted.txt"), capsys=capsys)[0] == 0

    unsigned = sealed_folder(tmp_path / "unsigned", None)
    assert verify(str(unsigned), capsys=capsys) == (0, verify(str(unsigned), capsys=capsys)[1])
    code, text = verify(str(unsigned), "--key", str(public), capsys=capsys)
    assert code == 3 and "signature: UNSIGNED" in text

    (signed / SIGNATURE).unlink()
    sign(signed, load_private(other))  # re-signed by someone else's key
    code, text = verify(str(signed), "--key", str(public), capsys=capsys)
    assert code == 3 and f"RE-SIGNED: signed by key {other_fp}" in text

    sealed = json.loads((signed / SEALED).read_text())
    sealed["sealed_wall"] = "2020-01-01T00:00:00+00:00"
    sealed["sha256"] = seal_digest(sealed)
    (signed / SEALED).write_text(json.dumps(sealed))
    code, text = verify(str(signed), capsys=capsys)
    assert code == 1 and "SIGNATURE INVALID: manifest.json changed after it was signed" in text


def test_bad_keys_are_one_line_and_exit_2(tmp_path, capsys):
    folder = sealed_folder(tmp_path / "f", None)
    (tmp_path / "junk.pem").write_text("not a key")
    for args in (["--key", str(tmp_path / "junk.pem")], ["--key", str(tmp_path / "absent.pub")],
                 ["--trusted-keys", str(tmp_path / "absent.txt")]):
        code = main(["verify", str(folder), *args])
        err = capsys.readouterr().err
        assert code == 2 and err.count("\n") == 1 and err.startswith("harness: error: ")


def test_signing_key_is_a_configuration_key(tmp_path):
    key = tmp_path / "k.pem"
    assert build_config([env_layer({"HARNESS_SIGNING_KEY": str(key)})]).signing_key == key
    config = build_config([option_layer([f"signing_key={key}"])])
    assert config.signing_key == key and config.origin_of("signing_key") == ("option", "--harness-set")


SCENARIO = """
import pytest

@pytest.mark.clause("1.4")
def test_popup(verdict, evidence):
    evidence.write_bytes("frames/000001.png", b"the pop-up as it was seen")
    verdict.measure("close_delay_ms", 5000, key="close_delay_limit_ms", compare="<=", unit="ms")
    verdict.conclude()
"""


def rewrite_frame_and_manifest(folder: Path, rel: str, data: bytes) -> None:
    """What a forger does: a new frame, then the journal and the sealed manifest made to match."""
    (folder / rel).write_bytes(data)
    lines = (folder / JOURNAL).read_bytes().splitlines()
    for i, line in enumerate(lines):
        record = json.loads(line)
        if record.get("path") == rel:
            lines[i] = canonical({**record, "size": len(data), "sha256": sha256(data)})
    (folder / JOURNAL).write_bytes(b"\n".join(lines) + b"\n")
    sealed = json.loads((folder / SEALED).read_text())
    sealed["files"][rel] = {"size": len(data), "sha256": sha256(data)}
    sealed["journal_sha256"] = sha256((folder / JOURNAL).read_bytes())
    sealed["sha256"] = seal_digest(sealed)
    (folder / SEALED).write_text(json.dumps(sealed, indent=1) + "\n")


def test_a_frame_edited_after_sealing_with_its_manifest_rewritten_is_caught(pytester: pytest.Pytester, capsys,
                                                                           tmp_path: Path):
    private, public, fp = keygen(tmp_path / "lab", capsys)
    junit, evidence = pytester.path / "junit.xml", pytester.path / "ev"
    pytester.makepyfile(test_scenario=SCENARIO)
    result = pytester.runpytest_subprocess("-p", "no:cacheprovider", f"--junitxml={junit}", f"--evidence-dir={evidence}",
                                           "--harness-set", f"signing_key={private}")
    result.assert_outcomes(failed=1)
    [run] = [p for p in evidence.iterdir() if p.is_dir()]
    [folder] = [p.parent for p in run.rglob(JOURNAL)]
    results_file = run / "report" / "results.json"
    [case] = json.loads(results_file.read_text())["tests"]
    filed = case["integrity"]["manifest_sha256"]
    # the hash is filed in results.json and, as sealed, in JUnit; the folder is signed by the lab key
    assert filed == json.loads((folder / SEALED).read_text())["sha256"]
    assert case["integrity"]["signature"] == "signed" and case["integrity"]["signed_by"] == fp
    props = {p.get("name"): p.get("value") for p in ET.parse(junit).iter("property")}
    assert props["harness_manifest_sha256"] == filed and props["harness_signed_by"] == fp
    assert verify(str(folder), "--key", str(public), capsys=capsys)[0] == 0
    assert verify("--against", str(results_file), str(run), capsys=capsys)[0] == 0

    rewrite_frame_and_manifest(folder, "frames/000001.png", b"a harmless screen")
    # the folder agrees with itself again ...
    code, text = verify(str(folder), capsys=capsys)
    assert "intact, sealed" in text
    # ... but not with its signature,
    assert code == 1 and "SIGNATURE INVALID: manifest.json changed after it was signed" in text
    # nor with the filed results, which name the folder and both hashes
    code, text = verify("--against", str(results_file), str(run), capsys=capsys)
    now = seal_digest(json.loads((folder / SEALED).read_text()))
    assert code == 1 and f"MISMATCH: {folder}: sealed manifest SHA-256 is {now}, the filed results say {filed}" in text
    # re-signing with another key does not help: the filed signer is expected
    other, _, other_fp = keygen(tmp_path / "forger", capsys)
    (folder / SIGNATURE).unlink()
    sign(folder, load_private(other))
    code, text = verify("--against", str(results_file), str(run), capsys=capsys)
    assert code == 1 and f"RE-SIGNED: signed by key {other_fp}" in text and "MISMATCH" in text
    code, text = verify(str(folder), "--key", str(public), capsys=capsys)
    assert code == 3 and "RE-SIGNED" in text


def test_against_names_missing_and_unfiled_folders(pytester: pytest.Pytester, capsys, tmp_path: Path):
    evidence = pytester.path / "ev"
    pytester.makepyfile(test_scenario=SCENARIO)
    pytester.runpytest_subprocess("-p", "no:cacheprovider", f"--evidence-dir={evidence}")
    [run] = [p for p in evidence.iterdir() if p.is_dir()]
    [folder] = [p.parent for p in run.rglob(JOURNAL)]
    results_file = run / "report" / "results.json"
    sealed_folder(run / "test_added_later", None)
    code, text = verify("--against", str(results_file), str(run), capsys=capsys)
    assert code == 0 and f"not filed: {run / 'test_added_later'}" in text
    shutil.rmtree(folder)
    code, text = verify("--against", str(results_file), str(run), capsys=capsys)
    assert code == 1 and f"MISSING: {run.name}/{folder.name}" in text
    code, text = verify("--against", str(tmp_path / "nope.json"), str(run), capsys=capsys)
    assert code == 2 and text.count("\n") == 1
