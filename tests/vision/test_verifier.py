"""The learned verifiers: the committed models, their ONNX contract, and the candidates they rank."""

import cv2
import numpy as np
import pytest

from harness.vision import VisionConfig, analyze, verifier
from harness.vision.pipeline import observe
from harness.vision.popups import CardFinder

from .drawing import DPI, H, W, app_screen, card, dim, dp, iou

CFG = VisionConfig(dpi=DPI)


@pytest.mark.parametrize(("path", "names"), [(verifier.POPUP_MODEL, verifier.FEATURES),
                                             (verifier.CLOSE_MODEL, verifier.CONTROL_FEATURES)])
def test_the_committed_models_read_their_feature_rows(path, names):
    assert path.stat().st_size < 200_000  # small enough to commit
    sess = verifier._session(path)
    assert sess.get_inputs()[0].shape[1] == len(names)
    probs = verifier.probabilities([[0.0] * len(names), [1.0] * len(names)], path)
    assert len(probs) == 2 and all(0.0 <= p <= 1.0 for p in probs)


def test_an_exported_model_gives_scikit_learns_probabilities(tmp_path):
    """The training script's export and the analysis's inference agree (what is trained is what runs)."""
    from sklearn.ensemble import GradientBoostingClassifier

    from eval.train_verifier import export

    rng = np.random.default_rng(0)
    X = rng.normal(size=(300, 5)).astype(np.float32)
    y = (X[:, 0] + 0.5 * X[:, 3] > 0).astype(int)
    model = GradientBoostingClassifier(n_estimators=20, max_depth=2, random_state=0).fit(X, y)
    path = tmp_path / "m.onnx"
    export(model, path, 5)
    got = verifier.probabilities(X[:20].tolist(), path)
    assert np.allclose(got, model.predict_proba(X[:20])[:, 1], atol=1e-4)


def test_fold_models_replace_the_committed_ones_only_inside_the_block():
    """The training's end-to-end cross-validation analyses with in-memory models, then the committed
    ones are back."""
    from sklearn.ensemble import GradientBoostingClassifier

    from eval.train_verifier import _onnx

    def always(value: int, width: int) -> bytes:
        X = np.random.default_rng(0).normal(size=(40, width))
        y = np.full(40, value)
        y[0] = 1 - value  # two classes, one outlier
        return _onnx(GradientBoostingClassifier(n_estimators=5, max_depth=1).fit(X, y), width)

    rows = [[0.5] * len(verifier.FEATURES)]
    before = verifier.probabilities(rows)
    with verifier.using(always(1, len(verifier.FEATURES)), always(0, len(verifier.CONTROL_FEATURES))):
        assert verifier.probabilities(rows)[0] > 0.8
        assert verifier.probabilities([[0.5] * len(verifier.CONTROL_FEATURES)], verifier.CLOSE_MODEL)[0] < 0.2
    assert verifier.probabilities(rows) == before


def test_a_missing_model_is_named_with_the_command_that_makes_it(tmp_path):
    with pytest.raises(verifier.ModelMissing, match="eval.train_verifier"):
        verifier.probabilities([[0.0]], tmp_path / "absent.onnx")


def _faint_card_screen():
    """A dialog whose surface differs from the scrim by less than an edge step: its rim is no edge,
    but the surface around its Cancel button is flat."""
    img = np.full((H, W, 3), 118, np.uint8)
    box = (dp(40), dp(320), W - 2 * dp(40), dp(260))
    card(img, box, (128, 128, 128))
    button = (box[0] + dp(24), box[1] + box[3] - dp(64), dp(120), dp(40))
    cv2.putText(img, "Cancel", (button[0] + dp(8), button[1] + dp(30)), cv2.FONT_HERSHEY_SIMPLEX, 1.6, (20, 20, 20), 4)
    return img, box, button


def test_a_card_is_grown_from_a_control_on_it_when_its_rim_shows_no_edge():
    img, box, button = _faint_card_screen()
    gray = cv2.cvtColor(img, cv2.COLOR_BGR2GRAY)
    finder = CardFinder(gray, CFG, None, img)
    assert not any(iou(c.bbox, box) > 0.5 for c in finder.cards())
    grown = finder.around([button])
    assert any(c.kind == "dialog" and iou(c.bbox, box) > 0.8 for c in grown)


def test_every_candidate_gets_a_row_and_the_likeliest_dialog_wins():
    img = dim(app_screen(), 0.5)
    box = (dp(40), dp(300), W - 2 * dp(40), dp(260))
    card(img, box)
    obs = observe(img, cfg=CFG, use_ocr=False)
    rows = obs.card_features()
    assert len(rows) == len(obs.cards) and all(len(r) == len(verifier.FEATURES) for r in rows)
    probs = verifier.probabilities(rows)
    best = obs.cards[int(np.argmax(probs))]
    assert max(probs) >= CFG.popup_min_probability and iou(best.bbox, box) > 0.8
    (popup,) = analyze(img, cfg=CFG, use_ocr=False).popups
    assert popup.score == pytest.approx(max(probs))


def test_a_plain_screen_leaves_every_candidate_below_the_threshold():
    obs = observe(app_screen(seed=3), cfg=CFG, use_ocr=False)
    assert all(p < CFG.popup_min_probability for p in verifier.probabilities(obs.card_features()))
