"""Canonical claimants (issue 17): names by lemma, surnames resolved to the full name, war actors and sides."""

from __future__ import annotations

from datetime import UTC, datetime

import pytest

from pipelines.nlp.aliases import AliasTable
from pipelines.nlp.claims.canonical import nominative_name, nominative_phrase
from tests.nlp.conftest import pipeline, run_claims

PUB = datetime(2025, 3, 4, 9, 0, tzinfo=UTC)


@pytest.mark.parametrize(
    ("lang", "text", "expected"),
    [
        ("ru", "Трампа", "Трамп"),
        ("ru", "Байденом", "Байден"),
        ("ru", "Марии Захаровой", "Мария Захарова"),
        ("ru", "Владимира Зеленского", "Владимир Зеленский"),
        ("ru", "Дмитрием Песковым", "Дмитрий Песков"),
        ("ru", "Сергея Шойгу", "Сергей Шойгу"),  # indeclinable surname kept
        ("ru", "Натальи", "Наталья"),  # the singular, not the plural nominative "Натальи"
        ("ru", "Елены Савченко", "Елена Савченко"),
        ("ru", "Сергей Лавров", "Сергей Лавров"),
        ("uk", "Олександра Сирського", "Олександр Сирський"),  # the words of a name agree in gender and case
        ("uk", "Рустема Умєрова", "Рустем Умєров"),
        ("uk", "Юлії Свириденко", "Юлія Свириденко"),
        ("uk", "Валентина", "Валентина"),  # a nominative reading is kept
        ("uk", "Зеленського", "Зеленський"),
        # a typographic apostrophe, as real text writes it, is looked up as the dictionary's ASCII one and kept
        ("uk", "Мар’яна Заблоцького", "Мар’ян Заблоцький"),
        ("uk", "Вʼячеслава Чауса", "Вʼячеслав Чаус"),
        ("en", "Blinken's", "Blinken's"),  # no dictionary: as written
    ],
)
def test_nominative_name(lang: str, text: str, expected: str) -> None:
    assert nominative_name(lang, text) == expected


@pytest.mark.parametrize(
    ("lang", "text", "expected"),
    [
        ("uk", "речника однієї з бригад", "речник однієї з бригад"),
        ("ru", "Министерства обороны", "Министерство обороны"),
        ("uk", "Генштабу", "Генштаб"),
        ("ru", "областной военной администрации", "областная военная администрация"),
        ("ru", "МИД Украины", "МИД Украины"),  # an acronym does not inflect
        # adjectives before an acronym take the nominative of their own gender (singular, masculine first)
        ("uk", "Харківській ОВА", "Харківська ОВА"),
        ("ru", "Харьковской ОВА", "Харьковская ОВА"),
        ("ru", "Российского МИД", "Российский МИД"),
        ("uk", "Окупаційна влада на лівобережжі", "Окупаційна влада на лівобережжі"),
        ("uk", "Прем'єр-міністра України", "Прем'єр-міністр України"),  # each hyphenated part as written
        ("uk", "Прем’єр-міністра України", "Прем’єр-міністр України"),
    ],
)
def test_nominative_phrase(lang: str, text: str, expected: str) -> None:
    assert nominative_phrase(lang, text) == expected


@pytest.mark.parametrize(
    ("text", "lang", "canonical", "side"),
    [
        ("Байденом", "ru", "Joe Biden", "us"),
        ("Пушилина", "ru", "Denis Pushilin", "ru"),
        ("Кіпера", "uk", "Oleh Kiper", "ua"),
        ("Росавиации", "ru", "Rosaviatsia", "ru"),
        ("Генштаб ВСУ", "ru", "General Staff of the Armed Forces of Ukraine", "ua"),
        ("Нацгвардія", "uk", "National Guard of Ukraine", "ua"),
        ("Росгвардии", "ru", "Russian National Guard", "ru"),
        ("Сил оборони півдня", "uk", "Southern Defence Forces of Ukraine", "ua"),
        ("Rybar", "en", "Rybar", "ru"),
        ("Kaja Kallas", "en", "Kaja Kallas", "eu"),
    ],
)
def test_war_actors_in_the_alias_table(text: str, lang: str, canonical: str, side: str) -> None:
    found = AliasTable.load_default().lookup(text, lang)
    assert found is not None and (found.canonical, found.side) == (canonical, side)


def _claimants(lang: str, text: str) -> list[tuple[str | None, str | None]]:
    return [(c["claimant"], c["claimant_canonical"]) for c in run_claims(pipeline(lang, True), text, PUB)]


def test_inflected_names_reach_the_canonical_name() -> None:
    assert ("Байдена", "Joe Biden") in _claimants("ru", "По словам Байдена, помощь Украине будет продолжена.")
    assert ("Захаровой", "Maria Zakharova") in _claimants("ru", "По словам Захаровой, переговоры не ведутся.")
    assert ("Сирський", "Oleksandr Syrskyi") in _claimants(
        "uk", "Сирський заявив, що ситуація на фронті складна."
    )


def test_a_name_the_table_does_not_know_gets_its_nominative_and_a_surname_alone_the_full_name() -> None:
    found = _claimants(
        "ru",
        "Директор одной из школ Грайворонского округа Елена Савченко рассказала, что занятия перенесены в онлайн. "
        "«Дети учатся дома уже третью неделю», — добавила Савченко.",
    )
    assert [canonical for _, canonical in found] == ["Елена Савченко", "Елена Савченко"]
    found = _claimants(
        "uk",
        "Як повідомив Олександр Ковальчук, ворог атакував Харків вночі. «Ми працюємо на місці», — сказав Ковальчук.",
    )
    assert [canonical for _, canonical in found] == ["Олександр Ковальчук", "Олександр Ковальчук"]


def test_a_description_without_a_name_has_no_canonical_name() -> None:
    found = _claimants(
        "uk", "За словами речника однієї з бригад, окупанти намагаються просунутися біля Часового Яру."
    )
    assert found == [("речника однієї з бригад", None)]


@pytest.mark.parametrize(
    ("lang", "text", "claimant"),
    [
        # the body the whole phrase names, not the name inside it or after the parse's subject
        (
            "uk",
            "Вночі росіяни атакували Одесу 40 дронами, повідомили у Повітряних силах ЗСУ.",
            "Повітряних силах ЗСУ",
        ),
        (
            "uk",
            "У Повітряних силах ЗСУ повідомили, що вночі росіяни атакували Одесу.",
            "Повітряних силах ЗСУ",
        ),
        (
            "ru",
            "Ночью россияне атаковали Одессу 40 дронами, сообщили в Воздушных силах ВСУ.",
            "Воздушных силах ВСУ",
        ),
        ("ru", "В Воздушных силах ВСУ сообщили, что ночью россияне атаковали Одессу.", "Воздушных силах ВСУ"),
    ],
)
def test_a_body_named_in_the_locative_is_the_claimant_as_a_whole(lang: str, text: str, claimant: str) -> None:
    assert _claimants(lang, text) == [(claimant, "Air Force of Ukraine")]


@pytest.mark.parametrize(
    ("lang", "text", "claimant"),
    [
        # the body of a country the parse made the phrase's head: not the country
        ("ru", "По данным МВД России, протокол составлен.", "МВД России"),
        # a name the parse cut to its surname is whole
        ("ru", "Министр финансов Англии Билл Ву подтвердил во вторник, что налог отменят.", "Билл Ву"),
        # a date before the source is no part of it
        ("ru", "5 августа 2016 года ФК «Спартак» объявил, что тренер уволен.", "ФК «Спартак»"),
    ],
)
def test_a_claimant_without_its_date_or_its_country_alone(lang: str, text: str, claimant: str) -> None:
    assert [who for who, _ in _claimants(lang, text)] == [claimant]
