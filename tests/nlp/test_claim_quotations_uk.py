"""Ukrainian quotations, speakers and verbs that report nothing (issue 17, branch uk17f): a quotation over
several paragraphs opened inside a paragraph or over more than three breaks is one claim of the speaker named
after it; the author's words between dashes inside a quotation name its speaker whatever their verb («…, —
радіє X. — …») and may hold a quoted name («…, — каже X, керівник проекту "Укриття". — …»); "показала чудеса",
"нагадує про епоху", "Про ці проблеми говорилося багато" and the author's "Нагадаємо, що …" report nothing or
have no claimant; a title the tagger reads as a verb ("Мер заявив") is the subject; "Про це пише X у «…»" on a
line of its own gives the paragraph before it to X. Sentences written for claimflow, after the classes of the
judged real-news misses (tests/data/claims_dev/judged/real/uk-2026-11-30-r8.jsonl)."""

from __future__ import annotations

from datetime import UTC, datetime

import pytest

from tests.nlp.conftest import claim_triples

PUB = datetime(2025, 9, 4, 9, 0, tzinfo=UTC)


def _claims(text: str) -> list[tuple[str, str | None, str]]:
    return claim_triples("uk", text, PUB)


def _attributed(text: str) -> list[tuple[str, str | None, str]]:
    return [c for c in _claims(text) if c[0] != "unattributed"]


@pytest.mark.parametrize(
    ("text", "claimant", "content"),
    [
        (
            # opened inside a paragraph, after a sentence of the author's
            "Раніше у фермера було сто кіз. «Деяких продав, деяких віддав сусідам.\n\nНе дають молока, немає "
            "сенсу їх тримати», – пояснює фермер.",
            "фермер",
            "Деяких продав, деяких віддав сусідам.\n\nНе дають молока, немає сенсу їх тримати",
        ),
        (
            # one sentence a line, more than three breaks
            "Кар'єр працює давно.\n\n«Незаконні копанки - це біда.\n\nГлибока рана краю.\n\nПсуються родючі "
            "землі.\n\nІ робота важка.\n\nАле працювати ж ніде», - розповідає директор кар'єру Іван Коваль.",
            "директор кар'єру Іван Коваль",
            "Незаконні копанки - це біда.\n\nГлибока рана краю.\n\nПсуються родючі землі.\n\nІ робота важка."
            "\n\nАле працювати ж ніде",
        ),
    ],
)
def test_a_quotation_over_several_paragraphs_is_one_claim_of_its_speaker(
    text: str, claimant: str, content: str
) -> None:
    assert _attributed(text) == [("direct_quote", claimant, content)]


def test_a_quotation_whose_first_mark_is_left_open_is_not_joined_across_paragraphs() -> None:
    # the «… of the first paragraph is never closed: the quotation of the second is its own
    text = (
        "Фестиваль «Ніч музеїв відбувся в суботу.\n\n«Прийшло вдвічі більше людей, ніж торік», – каже "
        "директорка музею Олена Бойко."
    )
    assert _attributed(text) == [
        ("direct_quote", "директорка музею Олена Бойко", "Прийшло вдвічі більше людей, ніж торік")
    ]


@pytest.mark.parametrize(
    ("text", "claimant"),
    [
        (
            "«Ще рік тому стадіон існував тільки в мріях, — радіє голова райдержадміністрації Олег Гаряга. — "
            "Тепер тут тренуються діти».",
            "голова райдержадміністрації Олег Гаряга",
        ),
        (
            '«Це не стало б катастрофою, - каже американець Лорін Додд, керівник проекту "Укриття". - Але '
            "рівень радіації було би перевищено».",
            "Лорін Додд",
        ),
    ],
)
def test_the_authors_words_between_dashes_name_the_speaker_of_the_whole_quotation(
    text: str, claimant: str
) -> None:
    found = _attributed(text)
    assert [(a, who) for a, who, _ in found] == [("direct_quote", claimant)]
    assert found[0][2].startswith(text[1:12]) and found[0][2].endswith(text[-20:-2])


def test_a_verb_outside_dashes_inside_a_quotation_is_no_cue() -> None:
    text = "«Ми радіємо кожному гостю», – каже власниця садиби Марія Ткач."
    assert _attributed(text) == [("direct_quote", "власниця садиби Марія Ткач", "Ми радіємо кожному гостю")]


@pytest.mark.parametrize(
    "text",
    [
        "Утім, співачка ще в ролі тренера шоу «Голос» показала чудеса взаєморозуміння з дітьми.",
        "Він відчинив дверцята машини і показав комплект посуду.",
        "Про ці та подібні труднощі останніми місяцями говорилося багато й не раз на різних нарадах.",
        "Тобто там, де кожна вулиця нагадує про епоху, яка давно минула.",
        # a topic with a relative clause of its own is still a topic
        "Перекладач розповів про згорьовану селянку, яка втратила на війні сина.",
    ],
)
def test_a_verb_that_reports_nothing_here_gives_no_attributed_claim(text: str) -> None:
    assert _attributed(text) == []


@pytest.mark.parametrize(
    ("text", "claimant", "content"),
    [
        ("Опитування показало, що більшість підтримує реформу.", "Опитування", "більшість підтримує реформу"),
        ("Міністр нагадав про те, що війна триває.", "Міністр", "війна триває"),
        ("Про це повідомив міністр фінансів.", None, None),
        # a nominalised event after a report with a relative clause stays a claim
        (
            "Міністерство повідомило про загибель двох людей, які були в будинку.",
            "Міністерство",
            "про загибель двох людей, які були в будинку",
        ),
        # a complement clause the parse does not hang on the verb
        (
            "Дослідження показали, що врятувати озеро не може навіть статус заказника.",
            "Дослідження",
            "врятувати озеро не може навіть статус заказника",
        ),
        # a past form the tagger calls first person: the place keeps its report
        (
            "У пояснювальній записці до постанови зазначалося, що відомство втратило керованість.",
            "пояснювальній записці до постанови",
            "відомство втратило керованість",
        ),
    ],
)
def test_the_same_verbs_still_report_a_clause(text: str, claimant: str | None, content: str | None) -> None:
    expected = [] if claimant is None else [("indirect", claimant, content)]
    assert _attributed(text) == expected


def test_a_place_phrase_after_a_proposition_cue_is_no_topic() -> None:
    text = "Директорка вказала в тендерній документації про десятирічний досвід роботи."
    assert _attributed(text) == [
        ("indirect", "Директорка", "в тендерній документації про десятирічний досвід роботи")
    ]


def test_the_authors_first_person_cue_takes_no_heading_as_its_subject() -> None:
    text = "Вибори в громаді Нагадаємо, що 29 грудня відбулися вибори в громаді."
    assert all(who != "Вибори" for _, who, _ in _claims(text))
    assert _attributed(text) == []


def test_a_title_the_tagger_reads_as_a_verb_is_the_subject() -> None:
    assert _attributed("Мер заявив, що місто готове до зими.") == [
        ("indirect", "Мер", "місто готове до зими")
    ]


@pytest.mark.parametrize(
    ("tail", "claimant"),
    [
        ("Про це пише «Українська правда».", "Українська правда"),
        ("Про це пише Ігор Петренко у «Дзеркалі тижня».", "Ігор Петренко"),
        ("Про це написав «Незалежний портал» з посиланням на «Прозорро».", "Незалежний портал"),
    ],
)
def test_a_source_line_gives_the_paragraph_before_it_to_its_source(tail: str, claimant: str) -> None:
    text = f"У місті відкрили новий міст. Роботи тривали два роки.\n\n{tail}"
    assert _claims(text) == [
        ("indirect", claimant, "У місті відкрили новий міст"),
        ("indirect", claimant, "Роботи тривали два роки"),
    ]


def test_a_source_line_takes_no_paragraph_with_an_attribution_of_its_own() -> None:
    text = "Міністр заявив, що міст відкриють. Роботи тривали два роки.\n\nПро це пише «Українська правда»."
    found = _claims(text)
    assert ("indirect", "Міністр", "міст відкриють") in found
    assert ("unattributed", None, "Роботи тривали два роки") in found
