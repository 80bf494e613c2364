"""The evaluation runs end to end (one image per style, no OCR); its numbers are printed by
`python -m eval.vision`, never asserted here."""

from eval.synth import NEGATIVE, STYLES, generate
from eval.vision import evaluate


def test_generator_is_deterministic_and_labelled():
    a, b = generate(7, "dialog_x_corner"), generate(7, "dialog_x_corner")
    assert (a.image == b.image).all() and a.controls == b.controls and a.popups
    assert not generate(3, "toast").popups


def test_evaluation_runs_on_every_style():
    table, times, _ = evaluate(per_style=1, seed=5, use_ocr=False)
    assert set(table) == set(STYLES) and len(times) == len(STYLES)
    assert set(STYLES) >= NEGATIVE
