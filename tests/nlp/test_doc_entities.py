"""claimflow_doc_entities_v1: within a document, one label per name, surnames of earlier persons, repeats."""

from __future__ import annotations

from pathlib import Path

import spacy
from spacy.tokens import Doc, Span

from pipelines.nlp.doc_entities import DOC_ENTITIES_FACTORY

# Invented sentences, written for this test.


def _doc(words: str, ents: list[tuple[int, int, str]]) -> tuple[spacy.language.Language, Doc]:
    nlp = spacy.blank("en")
    doc = Doc(nlp.vocab, words=words.split())
    doc.ents = [Span(doc, s, e, label=lab) for s, e, lab in ents]
    return nlp, doc


def _run(words: str, ents: list[tuple[int, int, str]], **config: bool) -> list[tuple[str, str]]:
    nlp, doc = _doc(words, ents)
    component = nlp.add_pipe(DOC_ENTITIES_FACTORY, config=config)
    return [(e.text, e.label_) for e in component(doc).ents]


def test_majority_label_and_ties() -> None:
    words = "Nordlicht won . Nordlicht lost . Nordlicht drew . Bremen and Bremen"
    ents = [(0, 1, "ORG"), (3, 4, "ORG"), (6, 7, "LOC"), (9, 10, "LOC"), (11, 12, "ORG")]
    out = _run(words, ents, surnames=False, repeats=False)
    # Nordlicht: ORG 2 to LOC 1; Bremen: a tie, left as it is
    assert out == [("Nordlicht", "ORG")] * 3 + [("Bremen", "LOC"), ("Bremen", "ORG")]


def test_surname_of_an_earlier_person() -> None:
    words = "Berg spoke . Anna Berg of Kiel said Berg and Kiel agreed ; Berg left"
    ents = [(0, 1, "ORG"), (3, 5, "PER"), (6, 7, "LOC"), (8, 9, "ORG"), (10, 11, "LOC")]
    out = _run(words, ents, majority=False, repeats=False)
    # before the full name: left alone; after it: a one-word entity and an untagged word become PER
    assert out == [
        ("Berg", "ORG"),
        ("Anna Berg", "PER"),
        ("Kiel", "LOC"),
        ("Berg", "PER"),
        ("Kiel", "LOC"),
        ("Berg", "PER"),
    ]


def test_untagged_repeats_longest_first_and_capitalised_only() -> None:
    words = "Port Authority of Kiel met . the Port Authority of Kiel and Kiel ; kiel"
    ents = [(0, 4, "ORG"), (12, 13, "LOC")]
    out = _run(words, ents, majority=False, surnames=False)
    assert out == [("Port Authority of Kiel", "ORG"), ("Port Authority of Kiel", "ORG"), ("Kiel", "LOC")]
    # a lower-case repeat is not a name
    assert _run("kiel rose . kiel", [(0, 1, "LOC")], majority=False, surnames=False) == [("kiel", "LOC")]


def test_other_labels_left_alone_and_empty_docs() -> None:
    words = "Monday and Monday ; Monday"
    out = _run(words, [(0, 1, "DATE"), (2, 3, "DATE")])
    assert out == [("Monday", "DATE"), ("Monday", "DATE")]
    assert _run("nothing here", []) == []


def test_saves_nothing_and_loads(tmp_path: Path) -> None:
    nlp = spacy.blank("en")
    nlp.add_pipe(DOC_ENTITIES_FACTORY, name="doc_entities", config={"repeats": False})
    nlp.to_disk(tmp_path / "p")
    directory = tmp_path / "p" / "doc_entities"
    assert not directory.exists() or not any(directory.iterdir())
    loaded = spacy.load(tmp_path / "p")
    assert loaded.pipe_names == ["doc_entities"] and loaded.get_pipe("doc_entities").repeats is False


def test_an_office_word_run_into_a_name_is_dropped() -> None:
    words = "US Secretary of State Nora Kettel said the Minister of Defence Ivo Brandt agreed ."
    ents = [(0, 1, "LOC"), (3, 6, "ORG"), (10, 13, "ORG")]
    got = _run(words, ents, offices=True)
    assert got == [("US", "LOC"), ("Nora Kettel", "PER"), ("Ivo Brandt", "PER")]
    assert _run(words, ents) == [("US", "LOC"), ("State Nora Kettel", "ORG"), ("Defence Ivo Brandt", "ORG")]
    # not after a title noun and "of", or too short: left alone
    assert _run("the Bank of England Kettel", [(1, 5, "ORG")], offices=True) == [
        ("Bank of England Kettel", "ORG")
    ]
    assert _run("Secretary of State Kettel", [(2, 4, "ORG")], offices=True) == [("State Kettel", "ORG")]
