"""claimflow_names_only_v1: only the entities with an upper-case letter stay (factRuEval's convention)."""

from __future__ import annotations

from pathlib import Path

import spacy
from spacy.tokens import Span

from pipelines.nlp.names_only import NAMES_ONLY_FACTORY


def test_drops_per_loc_org_entities_that_are_not_names() -> None:
    nlp = spacy.blank("ru")
    names_only = nlp.add_pipe(NAMES_ONLY_FACTORY)
    doc = nlp.make_doc("российские войска у Торецка , сообщило правительство Украины , американец")
    doc.ents = [
        Span(doc, 0, 1, "LOC"),
        Span(doc, 3, 4, "LOC"),
        Span(doc, 6, 8, "ORG"),
        Span(doc, 9, 10, "MISC"),
    ]
    assert [e.text for e in names_only(doc).ents] == ["Торецка", "правительство Украины", "американец"]
    # hyphenated and dotted names are one token each: names all the same
    doc = spacy.tokens.Doc(nlp.vocab, words=["в", "Нью-Йорке", "сообщил", "NEWSru.com", "и", "аль-Барадеи"])
    doc.ents = [Span(doc, 1, 2, "LOC"), Span(doc, 3, 4, "ORG"), Span(doc, 5, 6, "PER")]
    assert len(names_only(doc).ents) == 3
    doc = nlp.make_doc("правительство заявило")
    doc.ents = [Span(doc, 0, 1, "ORG")]
    assert list(names_only(doc).ents) == []


def test_saves_nothing_and_loads_disabled(tmp_path: Path) -> None:
    nlp = spacy.blank("ru")
    nlp.add_pipe(NAMES_ONLY_FACTORY, name="names_only")
    nlp.disable_pipe("names_only")
    nlp.to_disk(tmp_path / "p")
    assert not (tmp_path / "p" / "names_only").exists() or not any((tmp_path / "p" / "names_only").iterdir())
    loaded = spacy.load(tmp_path / "p")
    assert loaded.disabled == ["names_only"]
