"""The attribution tagger on a fine-tuned transformer (pipelines/nlp/claims/learned_transformer.py, recipe
training/attribution_encoder.py): reading roles from BIO probabilities, spans, the recipe's corpus step on a tiny slice
(its fine-tuning step needs torch, which only the encoder venv has: it was run by hand, see docs/learned-claims.md),
and a built model (`make models-attribution-encoder`; not shipped, as it is no better than the CNN tagger) when
there is one."""

from __future__ import annotations

import json
import os
from pathlib import Path

import numpy as np
import pytest
import spacy

from pipelines.nlp.claims.learned import SPANS_KEY, add_attribution_tagger
from pipelines.nlp.claims.learned_transformer import _decode, word_roles
from pipelines.nlp.encoder import EncoderError, load_encoder
from training import attribution_encoder

SENTENCE = "The minister said the bridge would reopen on Monday , officials confirmed ."
MODEL = Path(__file__).resolve().parents[2] / "models" / "en-attribution-encoder"
built = pytest.mark.skipif(
    not (MODEL / "encoder.json").is_file(), reason=f"not built: {MODEL} (make models-attribution-encoder)"
)


def test_roles_read_b_and_i_together() -> None:
    labels = attribution_encoder.LABELS
    logits = np.log(
        np.array(
            [
                [0.1, 0.5, 0.4, 0.0, 0.0, 0.0, 0.0],  # SOURCE
                [0.4, 0.0, 0.0, 0.0, 0.0, 0.3, 0.3],  # O is the likeliest label, CONTENT the likeliest role
                [0.6, 0.0, 0.0, 0.2, 0.2, 0.0, 0.0],  # O
            ],
            dtype=np.float32,
        )
        + 1e-9
    )
    assert word_roles(labels, logits) == ["SOURCE", "CONTENT", ""]


def test_role_runs_decode_to_spans_broken_at_paragraphs() -> None:
    doc = spacy.blank("en")("He said the port was closed .\n\nIt reopened")
    roles = ["SOURCE", "CUE", *["CONTENT"] * (len(doc) - 2)]
    assert [(s.text, s.label_) for s in _decode(doc, roles)] == [
        ("He", "SOURCE"),
        ("said", "CUE"),
        ("the port was closed .", "CONTENT"),
        ("It reopened", "CONTENT"),
    ]


@built
def test_built_model_is_small_and_declares_its_labels() -> None:
    size = sum(f.stat().st_size for f in MODEL.rglob("*") if f.is_file())
    assert size <= 25_000_000, f"{MODEL} is {size / 1e6:.1f} MB; allowed: at most 25 MB"
    encoder = load_encoder(MODEL)
    assert encoder.spec.kind == "token" and set(encoder.labels) == set(attribution_encoder.LABELS)
    with pytest.raises(EncoderError, match="has kind 'token'; allowed: 'sequence'"):
        encoder.text_logits(["x"])


@built
def test_long_documents_are_read_in_windows() -> None:
    encoder = load_encoder(MODEL)
    words = [
        *SENTENCE.split(" "),
        "\n\n",
    ] * 60
    logits = encoder.word_logits(words)
    assert logits.shape == (len(words), len(encoder.labels)) and len(words) > encoder.spec.window
    blank = np.array([not w.strip() for w in words])
    assert not logits[blank].any() and np.abs(logits[~blank]).sum(axis=1).min() > 0
    # a sentence far from the start is tagged as one near it: the windows overlap, each word sees context
    roles = word_roles(encoder.labels, logits)
    size = len(words) // 60
    assert roles[size : 2 * size] == roles[-2 * size : -size]


@built
def test_tagger_finds_the_roles_of_reported_speech() -> None:
    nlp = add_attribution_tagger(spacy.blank("en"), MODEL)
    doc = nlp(
        '"The bridge will stay closed until spring," the city\'s mayor, Anna Berg, told reporters on Monday.'
    )
    roles = {s.label_: s.text for s in doc.spans[SPANS_KEY]}
    assert roles.get("CUE") == "told" and "Anna Berg" in roles.get("SOURCE", "")
    assert "The bridge will stay closed until spring" in roles.get("CONTENT", "")
    assert doc.spans[SPANS_KEY].attrs["model_path"] == str(MODEL)


def _shared() -> Path:
    env = os.environ.get("CLAIMFLOW_SHARED")
    return Path(env) if env else Path(__file__).resolve().parents[2] / ".." / "shared"


def test_recipe_corpus_tiny_slice(tmp_path: Path) -> None:
    if not (_shared() / "corpora" / "attribution" / "en" / "PolNeAR").is_dir():
        pytest.skip(f"shared corpora not found at {_shared()}")
    paths = attribution_encoder.corpus(tmp_path, limit=2)
    rows = [json.loads(line) for line in paths["train"].read_text(encoding="utf-8").splitlines()]
    assert len(rows) == 2 and all(len(r["words"]) == len(r["labels"]) for r in rows)
    labels = {label for r in rows for label in r["labels"]}
    assert labels <= set(attribution_encoder.LABELS) and {"B-CUE", "B-CONTENT", "I-CONTENT"} <= labels


def test_an_empty_token_range_at_the_end_of_a_doc_has_characters() -> None:
    # a tagger SOURCE at the very end of a doc once resolved to the empty range (len, len) and raised IndexError
    from pipelines.nlp.claims.spans import tok_range_chars

    doc = spacy.blank("en")("He said so.")
    assert tok_range_chars(doc, len(doc), len(doc)) == (len(doc.text), len(doc.text))
    assert tok_range_chars(doc, 1, 1) == (3, 3) and tok_range_chars(doc, 0, 2) == (0, 7)
