"""The natasha NER component: labels, alignment to spaCy tokens, chunked tagging of long texts, no weights
on disk, and the factory found by name when a saved pipeline is loaded."""

from __future__ import annotations

from pathlib import Path

import pytest
import spacy
from spacy.language import Language
from spacy.tokens import Span

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


@pytest.mark.parametrize("blank", ["   ", "\n\n", " \t \n"])
def test_whitespace_alone_gives_no_entity_and_no_error(blank: str) -> None:
    nlp = spacy.blank("ru")
    nlp.add_pipe(NATASHA_NER_FACTORY, name="ner", config={"max_chars": 200})
    assert _ents(nlp(blank)) == []
    # a long run of whitespace inside an article is a chunk of its own
    text = SENTENCE + " " * 450 + SENTENCE
    assert [e.text for e in nlp(text).ents if e.label_ == "PER"] == ["Сергей Шойгу", "Сергей Шойгу"]


def test_saved_pipeline_has_no_weights_and_loads_by_factory_name(tmp_path: Path) -> None:
    nlp = spacy.blank("ru")
    nlp.add_pipe(NATASHA_NER_FACTORY, name="ner")
    nlp.to_disk(tmp_path / "p")
    assert not (tmp_path / "p" / "ner").exists()  # the weights stay in the natasha package
    loaded = spacy.load(tmp_path / "p")
    assert ("Сергей Шойгу", "PER") in _ents(loaded(SENTENCE))


def _merge_pipeline(**config: object) -> Language:
    nlp = spacy.blank("ru")
    nlp.add_pipe(NATASHA_NER_FACTORY, name="natasha", config={"mode": "merge", **config})
    return nlp


def test_merge_keeps_the_trained_entities_and_corrects_them() -> None:
    nlp = _merge_pipeline()
    doc = nlp.make_doc("Бои идут в Щербиновке, заявил Андрей Климов из Министерства обороны России.")
    words = [t.text for t in doc]
    town, ministry = words.index("Щербиновке"), words.index("Министерства")
    # a trained NER's output: a village in the locative as PER, the ministry as one ORG, the person missed
    doc.ents = [Span(doc, town, town + 1, "PER"), Span(doc, ministry, ministry + 3, "ORG")]
    out = {(e.text, e.label_) for e in nlp.get_pipe("natasha")(doc).ents}
    assert ("Щербиновке", "LOC") in out  # same span, PER → natasha's LOC
    assert ("Министерства обороны России", "ORG") in out  # kept: natasha's "России" overlaps it
    assert ("Андрей Климов", "PER") in out  # natasha's PER fills a gap
    assert ("России", "LOC") not in out


def test_merge_relabels_and_fills_only_the_configured_labels() -> None:
    nlp = _merge_pipeline(relabel=[], fill=[])
    doc = nlp.make_doc("Андрей Климов приехал в Торецк.")
    doc.ents = [Span(doc, 4, 5, "PER")]
    assert [(e.text, e.label_) for e in nlp.get_pipe("natasha")(doc).ents] == [("Торецк", "PER")]


@pytest.mark.parametrize(
    ("config", "message"),
    [
        ({"mode": "vote"}, "mode 'vote' is not known; allowed: replace, merge"),
        ({"fill": ["GPE"]}, r"fill has labels \['GPE'\] natasha does not produce; allowed: PER, LOC, ORG"),
    ],
)
def test_bad_settings_name_what_is_allowed(config: dict[str, object], message: str) -> None:
    with pytest.raises(ValueError, match=message):
        spacy.blank("ru").add_pipe(NATASHA_NER_FACTORY, config=config)
