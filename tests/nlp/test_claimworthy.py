"""The claim-worthiness classifier: threshold choice at a balanced prior, the component's errors, and (slow)
the shipped model on the carved dev split."""

from __future__ import annotations

from pathlib import Path

import numpy
import pytest
import spacy
from spacy.attrs import NORM, ORTH
from spacy.vectors import Vectors

from pipelines.nlp.claims.worthiness import (
    CLAIM_WORTHINESS_FACTORY,
    DEFAULT_MODEL,
    TEXTCAT_MODEL,
    keep_vectors_key,
    model_threshold,
    sentence_scores,
)
from training.claimworthy import choose_threshold, score_at, split_of


def test_balanced_precision_weights_false_positives_by_the_class_ratio() -> None:
    # 1 positive, 3 negatives; everything predicted positive: P = 1/4, balanced P = 1 / (1 + 3 * 1/3) = 0.5
    s = score_at([0.9, 0.9, 0.9, 0.9], [1, 0, 0, 0], 0.5)
    assert s.precision == pytest.approx(0.25) and s.balanced_precision == pytest.approx(0.5)
    assert s.recall == 1.0


def test_threshold_keeps_balanced_precision_when_it_can() -> None:
    probs = [0.95, 0.9, 0.8, 0.6, 0.4, 0.3, 0.2, 0.1]
    gold = [1, 1, 0, 1, 0, 0, 0, 0]
    t = choose_threshold(probs, gold)
    assert score_at(probs, gold, t).balanced_precision >= 0.75
    assert 0.0 < t < 1.0


def test_splits_keep_blocks_of_sentence_ids_together() -> None:
    assert {split_of(i) for i in range(300, 400)} == {"dev"}
    assert {split_of(i) for i in range(700, 800)} == {"dev2"}
    assert split_of(0) == split_of(99) == "train"


def test_factory_rejects_other_languages_missing_models_and_bad_thresholds(tmp_path: Path) -> None:
    with pytest.raises(ValueError, match=r"allowed: \['en'\]"):
        spacy.blank("uk").add_pipe(CLAIM_WORTHINESS_FACTORY, config={"model_path": str(tmp_path)})
    with pytest.raises(FileNotFoundError, match=r"training\.claimworthy"):
        spacy.blank("en").add_pipe(CLAIM_WORTHINESS_FACTORY, config={"model_path": str(tmp_path)})
    if DEFAULT_MODEL.is_dir():
        with pytest.raises(ValueError, match="0 < threshold < 1"):
            spacy.blank("en").add_pipe(CLAIM_WORTHINESS_FACTORY, config={"threshold": 1.5})


def test_saved_copy_keeps_the_key_attribute_of_norm_keyed_vectors(tmp_path: Path) -> None:
    # spaCy writes a default table's key attribute only for floret vectors; without keep_vectors_key the copy
    # would be read back keyed on ORTH, and "Tax" would miss the vector of "tax"
    nlp = spacy.blank("en")
    nlp.vocab.vectors = Vectors(strings=nlp.vocab.strings, shape=(1, 4), attr="NORM")
    nlp.vocab.vectors.add("tax", vector=numpy.ones(4, dtype="float32"))
    nlp.to_disk(tmp_path / "m")
    assert spacy.load(tmp_path / "m").vocab.vectors.attr == ORTH  # what spaCy alone gives
    keep_vectors_key(nlp, tmp_path / "m")
    back = spacy.load(tmp_path / "m")
    assert back.vocab.vectors.attr == NORM
    assert back.make_doc("Tax")[0].has_vector


@pytest.mark.slow
def test_shipped_classifier_scores_sentences_and_separates_a_figure_from_thanks() -> None:
    if not (TEXTCAT_MODEL / "config.cfg").is_file():
        pytest.skip("models/en-claimworthy is not built")
    nlp = spacy.blank("en")
    nlp.add_pipe("sentencizer")
    pipe = nlp.add_pipe(CLAIM_WORTHINESS_FACTORY, config={"model_path": str(TEXTCAT_MODEL)})
    assert pipe.threshold == model_threshold(TEXTCAT_MODEL)
    doc = nlp("We have lost 3 million manufacturing jobs since 2001. Thank you all for coming tonight.")
    (s1, e1, p1), (_, _, p2) = sentence_scores(doc)  # type: ignore[misc]
    assert p1 > p2
    assert pipe.is_claim_worthy(doc, s1, e1) is True


@pytest.mark.slow
def test_shipped_classifier_survives_a_pipeline_round_trip(tmp_path: Path) -> None:
    if not (TEXTCAT_MODEL / "config.cfg").is_file():
        pytest.skip("models/en-claimworthy is not built")
    nlp = spacy.blank("en")
    nlp.add_pipe("sentencizer")
    nlp.add_pipe(CLAIM_WORTHINESS_FACTORY, config={"model_path": str(TEXTCAT_MODEL)})
    text = "Prices rose 4 percent in May. Is that fair?"
    nlp.to_disk(tmp_path / "p")
    assert sentence_scores(spacy.load(tmp_path / "p")(text)) == sentence_scores(nlp(text))
