"""A quotation continued after its speaker (issue 17, :mod:`pipelines.nlp.claims.continuations`): '"A," the
governor said on Monday. "B."' — the second quotation is the same speaker's, in English, Russian and Ukrainian.
Sentences written for claimflow."""

from __future__ import annotations

from datetime import UTC, datetime

import pytest

from tests.nlp.conftest import pipeline, run_claims

PUB = datetime(2025, 12, 1, 9, 0, tzinfo=UTC)


def _rows(lang: str, text: str) -> list[tuple[str, str | None, str]]:
    return [
        (c["attribution"], c["claimant"], c["content"]) for c in run_claims(pipeline(lang, True), text, PUB)
    ]


@pytest.mark.parametrize(
    ("lang", "text", "speaker", "second"),
    [
        (
            "ru",
            "«Мы никуда не уйдем», — сказал глава общины Иван Петренко. «Если уйдет глава, уйдут все».",
            "Иван Петренко",
            "Если уйдет глава, уйдут все",
        ),
        (
            "uk",
            "«Я нікуди не піду», — сказав голова громади Іван Петренко. «Якщо голова піде, підуть усі».",
            "Іван Петренко",
            "Якщо голова піде, підуть усі",
        ),
    ],
)
def test_the_quotation_after_the_speaker_is_the_same_speakers(
    lang: str, text: str, speaker: str, second: str
) -> None:
    rows = _rows(lang, text)
    assert len(rows) == 2
    assert all(kind == "direct_quote" for kind, _, _ in rows)
    assert rows[1][2] == second
    assert speaker in (rows[0][1] or "") and speaker in (rows[1][1] or "")


def test_an_unnamed_speaker_passes_on_to_the_quotation_after_it() -> None:
    # (no name for the entity-based speaker of a stand-alone quotation to find)
    rows = _rows("ru", "«Мы никуда не уйдем», — сказал глава общины. «Если уйдет глава, уйдут все».")
    assert [(kind, who) for kind, who, _ in rows] == [("direct_quote", "глава общины")] * 2


def test_a_quotation_split_by_a_long_source_is_not_joined_across_a_paragraph_or_another_quotation() -> None:
    for text in (
        '"We will rebuild the bridge," the governor said on Monday.\n\n"It will take a year."',
        '"We will rebuild the bridge," the governor said, calling the strike "barbaric". "It will take a year."',
    ):
        contents = [content for _, _, content in _rows("en", text)]
        assert contents[0] == "We will rebuild the bridge" and contents[-1] == "It will take a year"
