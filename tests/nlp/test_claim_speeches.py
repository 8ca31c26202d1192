"""Speeches and demands (issue 17, branch uk17h, from the misses on the tune part of UD Ukrainian-IU dev and
ParlaMint): a demand or wish after a cue ("наполягаю, щоб …"), a cue in an adverbial clause ("коли ми з вами
говоримо, …") and "показати" with a subject that is no source ("Торішня повінь показала, що …") report nothing;
a speaker who introduces themselves in the first sentence ("Іван Крулько, фракція …") is the "я" of the speech
(:mod:`pipelines.nlp.claims.introductions`). Sentences written for claimflow."""

from __future__ import annotations

from datetime import UTC, datetime
from typing import Any

import pytest

from tests.nlp.conftest import pipeline, run_claims

PUB = datetime(2025, 3, 4, 9, 0, tzinfo=UTC)
ATTRIBUTED = ("direct_quote", "indirect", "according_to")


def _attributed(lang: str, text: str) -> list[dict[str, Any]]:
    return [c for c in run_claims(pipeline(lang, True), text, PUB) if c["attribution"] in ATTRIBUTED]


@pytest.mark.parametrize(
    ("lang", "text"),
    [
        (
            "uk",
            "Шановні колеги! Я наполягаю, щоб ми негайно розглянули законопроект про дотації перевізникам.",
        ),
        ("uk", "Тож ми будемо наполягати на тому, щоб до кошторису повернули всі пільги для вчителів."),
        ("uk", "Голова комісії сказав, щоб депутати не залишали зал до голосування."),
        ("uk", "Саме в цей час, коли ми з вами говоримо, мер підписує розпорядження про ремонт мосту."),
        ("uk", "І щоб не влада говорила, а говорили громади, ми пропонуємо провести відкриті слухання."),
        # "показати" with a subject that is no source: an event or a state shows it, nobody says it
        ("uk", "Торішня повінь показала, що дамба біля Острога не витримує великої води."),
        ("uk", "Діяльність уряду протягом року показала, що цей проект потребує доопрацювання."),
    ],
)
def test_a_demand_or_a_circumstance_is_no_report(lang: str, text: str) -> None:
    found = _attributed(lang, text)
    assert not found, [(c["claimant"], c["cue_text"], c["content"]) for c in found]


@pytest.mark.parametrize(
    ("text", "content"),
    [
        (
            "Аналітики зазначають, що окупанти використовують затоплені труби, щоб непомітно просуватися до міста.",
            "окупанти використовують затоплені труби, щоб непомітно просуватися до міста",
        ),
        (
            "Коли журналісти говорили з мером у вівторок, він запевнив, що ремонт мосту завершать у травні.",
            "ремонт мосту завершать у травні",
        ),
        ("Як зазначив міністр, ремонт мосту завершать у травні.", "ремонт мосту завершать у травні"),
        (
            "Перевірка Держаудитслужби показала, що підрядник завищив вартість робіт.",
            "підрядник завищив вартість робіт",
        ),
    ],
)
def test_a_report_with_a_purpose_or_time_clause_stays(text: str, content: str) -> None:
    found = _attributed("uk", text)
    assert [c["content"] for c in found] == [content], found


def test_the_speaker_who_introduces_themselves_is_the_first_person_claimant() -> None:
    text = (
        'Іван Крулько, фракція "Батьківщина". Серед співавторів законопроекту є представники трьох фракцій. '
        "Я вважаю, що саме такі законопроекти об'єднують сесійний зал. Ми вважаємо, що його треба ухвалити "
        "в цілому."
    )
    claims = run_claims(pipeline("uk", True), text, PUB)
    mine = [c for c in claims if c["content"] == "саме такі законопроекти об'єднують сесійний зал"]
    assert [(c["attribution"], c["claimant"], c["claimant_canonical"]) for c in mine] == [
        ("indirect", "Іван Крулько", "Іван Крулько")
    ]
    # "ми" is the faction, not the speaker: no claimant (the writer's own voice, own_voice.writers_own)
    ours = [c for c in claims if "його треба ухвалити" in c["content"]]
    assert ours and all(c["claimant"] is None for c in ours), ours


def test_a_form_of_address_may_open_the_introduction() -> None:
    text = (
        'Шановні колеги, Віктор Чорний, "Опозиційна платформа". З приводу поправки. Я вважаю, що треба '
        "зменшити податкове навантаження на людей."
    )
    (claim,) = _attributed("uk", text)
    assert claim["claimant"] == "Віктор Чорний"


@pytest.mark.parametrize(
    "text",
    [
        # a report about someone, no introduction: "Я" stays unresolved
        "Іван Крулько заявив, що законопроект важливий. Я вважаю, що він помиляється.",
        # the first sentence names no one
        "Фракція «Батьківщина». Я вважаю, що цей законопроект треба ухвалити.",
    ],
)
def test_no_introduction_no_first_person_speaker(text: str) -> None:
    claims = run_claims(pipeline("uk", True), text, PUB)
    mine = [c for c in claims if "Я вважаю" in c["sentence"]]
    assert mine and all(c["claimant"] is None for c in mine), mine


def test_a_quoted_first_person_is_not_the_introduced_speaker() -> None:
    text = 'Іван Крулько, фракція "Батьківщина". Мій колега сказав: «Я вважаю, що цей закон не працює».'
    assert all(c["claimant"] != "Іван Крулько" for c in _attributed("uk", text))
