"""The claim-worthiness classifier: threshold choice at a balanced prior, the component's errors, and (slow)
the shipped model on the carved dev split."""

from __future__ import annotations

import json
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
from training.claimworthy import (
    auc,
    choose_threshold,
    model_card,
    news_precision,
    own_prior_threshold,
    read_verdicts,
    score_at,
    shared_root,
    split_of,
)


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


def test_auc_counts_ties_half_and_own_prior_threshold_maximises_f1() -> None:
    probs = [0.9, 0.7, 0.7, 0.5, 0.2]
    gold = [1, 1, 0, 0, 0]
    # positive pairs: 0.9 beats 3 negatives; 0.7 beats 2 and ties 1
    assert auc(probs, gold) == pytest.approx((3 + 2.5) / 6)
    assert auc([0.5], [1]) == 0.0  # no negatives
    # F1 at the own prior: 0.71 .. 0.9 keeps one of two positives and no negative (F1 2/3), 0.51 .. 0.7 both
    # positives and one negative (F1 0.8), the highest of those thresholds wins ties
    assert own_prior_threshold(probs, gold) == 0.7


def test_news_precision_scores_the_judged_sentences(tmp_path: Path) -> None:
    assert news_precision(lambda texts: [1.0] * len(texts), 0.5, tmp_path / "missing.tsv") is None
    if not (shared_root() / "corpora" / "attribution" / "en" / "PolNeAR").is_dir():
        pytest.skip(f"shared corpora not found at {shared_root()}")
    seen: list[str] = []

    def all_claims(texts: list[str]) -> list[float]:
        seen.extend(texts)
        return [1.0] * len(texts)

    news = news_precision(all_claims, 0.5)
    assert news is not None and len(seen) == news["n"] == len(read_verdicts())
    assert all(t.strip() for t in seen)
    # everything called a claim: every judged claim is found, at the share of claims among the sentences
    assert news["recall"] == 1.0 and news["precision"] == round(news["positives"] / news["n"], 4)


def test_card_renders_from_the_shipped_meta() -> None:
    # the card is rendered from meta.json alone: rendered again from the shipped meta it is the committed card
    if not (TEXTCAT_MODEL / "meta.json").is_file():
        pytest.skip("models/en-claimworthy is not built")
    meta = json.loads((TEXTCAT_MODEL / "meta.json").read_text(encoding="utf-8"))
    assert model_card(meta) == (TEXTCAT_MODEL / "MODEL_CARD.md").read_text(encoding="utf-8")


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
