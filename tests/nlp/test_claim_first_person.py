"""First-person and universal pronouns as claimants (issue 17: "no claimant is a bare pronoun"): "Я сообщаю, что
…" outside quotation marks is the writer, never a person named before it, and gets no claimant (a transcript's
title names the speaker instead: ``test_claim_transcripts.py``); "everyone", "все", "всі" alone name no one.
Sentences written for claimflow; the words are the packs' data."""

from __future__ import annotations

from datetime import UTC, datetime
from typing import Any

import pytest

from tests.nlp.conftest import holding, pipeline, run_claims

PUB = datetime(2025, 9, 4, 9, 0, tzinfo=UTC)

LETTERS = {
    "en": "Veselin Topalov played well in Sofia. I can announce that the match will take place in Elista.",
    "ru": "Веселин Топалов играл хорошо. Я сообщаю, что матч состоится в Элисте.",
    "uk": "Веселин Топалов грав добре. Я повідомляю, що матч відбудеться в Елісті.",
}

QUOTED = {
    "en": '"We won the battle. I can say that the city is ours," Colonel Ivan Petrenko said.',
    "ru": "«Мы выиграли бой. Я могу сказать, что город наш», — сказал полковник Иван Петренко.",
    "uk": "«Ми виграли бій. Я можу сказати, що місто наше», — сказав полковник Іван Петренко.",
}

EVERYONE = {
    "en": "Everyone said that the bridge was closed.",
    "ru": "Все говорили, что мост закрыт.",
    "uk": "Всі казали, що міст закритий.",
}


def _claims(lang: str, text: str) -> list[dict[str, Any]]:
    return run_claims(pipeline(lang, True), text, PUB)


@pytest.mark.parametrize("lang", sorted(LETTERS))
def test_a_first_person_writer_is_not_the_person_named_before(lang: str) -> None:
    """The writer's "I" names no source: the report is the writer's own voice (an unattributed claim, which the
    own-voice checks may keep or drop), never Topalov's and never "Я"'s."""
    words = {"en": "Elista", "ru": "Элисте", "uk": "Елісті"}[lang]
    for claim in _claims(lang, LETTERS[lang]):
        assert claim["claimant"] is None or (
            "Топалов" not in claim["claimant"] and "Topalov" not in claim["claimant"]
        )
        if words in claim["content"]:
            assert (claim["attribution"], claim["claimant"]) == ("unattributed", None), claim


def test_a_first_person_opinion_is_the_writers_own_voice() -> None:
    """A debate line "I think …" has no source to weigh: as the writer's own voice the classifier decides it
    (docs/learned-claims.md, "Claim-worthiness in the gate"); a report with a named source stays attributed whatever it says."""
    nlp = pipeline("en", True)
    own = run_claims(nlp, "I think it's important to keep small rural libraries open.", PUB)
    assert all(c["attribution"] == "unattributed" for c in own), own
    named = run_claims(nlp, "Senator Jane Miller said it was important to keep rural libraries open.", PUB)
    assert [c["attribution"] for c in named] == ["indirect"], named


@pytest.mark.parametrize("lang", sorted(QUOTED))
def test_a_first_person_inside_a_quotation_is_its_speaker(lang: str) -> None:
    words = {"en": "city is ours", "ru": "город наш", "uk": "місто наше"}[lang]
    claim = holding(_claims(lang, QUOTED[lang]), words)
    name = {"en": "Petrenko", "ru": "Петренко", "uk": "Петренко"}[lang]
    assert name in (claim["claimant"] or ""), claim


@pytest.mark.parametrize("lang", sorted(EVERYONE))
def test_everyone_alone_is_no_claimant(lang: str) -> None:
    for claim in _claims(lang, EVERYONE[lang]):
        assert (claim["claimant"] or "").casefold() not in {"everyone", "все", "всі"}, claim


@pytest.mark.parametrize(
    ("text", "claimant"),
    [
        # no name in the sentences before: the previous sentence's subject, a noun of the pronoun's kind
        ('The mayor spoke to reporters. "We will rebuild," he said.', "mayor"),
        ("The ministry issued a statement. It said the strike hit a school.", "ministry"),
        ("Local officials gathered at the site. They said three people died.", "Local officials"),
    ],
)
def test_an_english_pronoun_without_a_name_before_is_the_previous_subject(text: str, claimant: str) -> None:
    claims = [c for c in run_claims(pipeline("en", True), text, PUB) if c["attribution"] != "unattributed"]
    assert [c["claimant"] for c in claims] == [claimant]
