"""The natasha NER component: labels, alignment to spaCy tokens, chunked tagging of long texts, no weights
on disk, and the factory found by name when a saved pipeline is loaded."""

from __future__ import annotations

from pathlib import Path

import spacy

from pipelines.nlp.natasha_ner import NATASHA_NER_FACTORY

SENTENCE = "Министерство обороны России заявило, что Сергей Шойгу посетил Курахово.\n"


def _ents(doc: spacy.tokens.Doc) -> list[tuple[str, str]]:
    return [(e.text, e.label_) for e in doc.ents]


def test_entities_and_labels() -> None:
    nlp = spacy.blank("ru")
    nlp.add_pipe(NATASHA_NER_FACTORY, name="ner")
    assert _ents(nlp(SENTENCE)) == [
        ("Министерство обороны", "ORG"),
        ("России", "LOC"),
        ("Сергей Шойгу", "PER"),
        ("Курахово", "LOC"),
    ]


def test_long_texts_are_tagged_in_chunks_with_exact_offsets() -> None:
    whole = spacy.blank("ru")
    whole.add_pipe(NATASHA_NER_FACTORY, name="ner", config={"max_chars": 1_000_000})
    chunked = spacy.blank("ru")
    chunked.add_pipe(NATASHA_NER_FACTORY, name="ner", config={"max_chars": 200})
    text = SENTENCE * 20
    expected = [(e.start_char, e.end_char, e.label_) for e in whole(text).ents]
    got = [(e.start_char, e.end_char, e.label_) for e in chunked(text).ents]
    assert got == expected and len(got) >= 40
    assert all(text[s:e] for s, e, _ in got)


def test_saved_pipeline_has_no_weights_and_loads_by_factory_name(tmp_path: Path) -> None:
    nlp = spacy.blank("ru")
    nlp.add_pipe(NATASHA_NER_FACTORY, name="ner")
    nlp.to_disk(tmp_path / "p")
    assert not (tmp_path / "p" / "ner").exists()  # the weights stay in the natasha package
    loaded = spacy.load(tmp_path / "p")
    assert ("Сергей Шойгу", "PER") in _ents(loaded(SENTENCE))
