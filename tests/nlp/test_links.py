"""Markdown links in article text (issue 17: "Markdown links around the verb are missed"): the tokenizer splits a
link into its parts and leaves the text as it is, so the cue, the source and the content around a link are read
as in plain text. English, Russian and Ukrainian; sentences written for claimflow."""

from __future__ import annotations

from datetime import UTC, datetime

import pytest
import spacy

from pipelines.nlp.links import LinkTokenizer, split_links
from tests.nlp.conftest import pipeline, run_claims

PUB = datetime(2025, 12, 1, 9, 0, tzinfo=UTC)


@pytest.mark.parametrize(
    ("text", "tokens"),
    [
        (
            "Read [the report](https://example.org/a?b=1) now.",
            ["Read", "[", "the", "report", "]", "(", "https://example.org/a?b=1", ")", "now", "."],
        ),
        (
            "[a](http://b)[c d](https://e.f/g)",
            ["[", "a", "]", "(", "http://b", ")", "[", "c", "d", "]", "(", "https://e.f/g", ")"],
        ),
        # not links: brackets without an address right after them
        ("See [1] (p. 4).", ["See", "[", "1", "]", "(", "p.", "4", ")", "."]),
    ],
)
def test_a_link_is_split_into_its_parts_and_the_text_kept(text: str, tokens: list[str]) -> None:
    nlp = split_links(spacy.blank("en"))
    doc = nlp.make_doc(text)
    assert [t.text for t in doc] == tokens
    assert doc.text == text
    assert isinstance(split_links(nlp).tokenizer, LinkTokenizer)  # wrapped once
    assert not isinstance(nlp.tokenizer.inner, LinkTokenizer)


def test_a_split_that_would_change_the_text_gives_way_to_the_plain_tokenizer(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    """Offsets refer to the text as stored: a split whose tokens would not spell it is never returned."""
    nlp = split_links(spacy.blank("en"))
    text = "The ministry [said](https://example.org/a) the talks failed."
    monkeypatch.setattr(
        LinkTokenizer, "_markup", lambda self, mark, parts, space: self._plain(mark + "x", parts)
    )
    doc = nlp.make_doc(text)
    assert doc.text == text
    assert [t.text for t in doc] == [t.text for t in nlp.tokenizer.inner(text)]


@pytest.mark.parametrize(
    ("lang", "text", "claimant", "content"),
    [
        (
            "en",
            "Two power plants were hit overnight, [the ministry said](https://t.me/example_channel/123) on Monday.",
            "ministry",
            "Two power plants were hit overnight",
        ),
        (
            "en",
            "Russia [said](https://example.org/press/1) the talks had failed.",
            "Russia",
            "the talks had failed",
        ),
        (  # a content that ends in a link keeps its label whole, brackets balanced, without the address
            "en",
            "The ministry said the bridge had been [closed for repairs](https://example.org/news/1).",
            "ministry",
            "the bridge had been [closed for repairs]",
        ),
        (
            "ru",
            "Минобороны сообщило, что мост [закрыт на ремонт](https://example.ru/news/1).",
            "Минобороны",
            "мост [закрыт на ремонт]",
        ),
        (
            "ru",
            "Как сообщает [ТАСС](https://example.ru/news/1), ночью над Белгородом сбили шесть беспилотников.",
            "ТАСС",
            "ночью над Белгородом сбили шесть беспилотников",
        ),
        (
            "en",
            "According to [Reuters](https://example.org/x), the talks failed.",
            "Reuters",
            "the talks failed",
        ),
        (
            "en",
            "The governor [told reporters](https://example.org/1) that two people died.",
            "governor",
            "two people died",
        ),
        (
            "ru",
            "По данным [Минобороны](https://example.ru/x), ночью сбиты шесть дронов.",
            "Минобороны",
            "ночью сбиты шесть дронов",
        ),
        (
            "uk",
            "Як повідомляє [Суспільне](https://example.ua/news/1), у Харкові пролунали вибухи.",
            "Суспільне",
            "у Харкові пролунали вибухи",
        ),
    ],
)
def test_a_source_or_cue_in_a_link_is_read_as_in_plain_text(
    lang: str, text: str, claimant: str, content: str
) -> None:
    claims = [c for c in run_claims(pipeline(lang, True), text, PUB) if c["attribution"] != "unattributed"]
    assert [(c["claimant"], c["content"]) for c in claims] == [(claimant, content)]
    assert all(text[c["content_start"] : c["content_end"]] == c["content"] for c in claims)


@pytest.mark.parametrize(
    ("lang", "text", "attribution"),
    [
        # a link's label is no editor's words in brackets inside a quotation: the outlet's own report
        ("en", "The bridge [was hit](https://example.org/2) on Monday.", "unattributed"),
        # a report whose last words are a link's label: the address is no part of the content
        (
            "uk",
            "Унаслідок обстрілу [загинули двоє людей](https://example.ua/1), повідомив голова ОВА.",
            "indirect",
        ),
    ],
)
def test_a_link_is_neither_a_quotation_nor_content(lang: str, text: str, attribution: str) -> None:
    claims = run_claims(pipeline(lang, True), text, PUB)
    assert [c["attribution"] for c in claims] == [attribution]
    assert "https" not in claims[0]["content"] or attribution == "unattributed"
