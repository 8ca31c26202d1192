"""Wire-story leads (issue 17): the report, then its source and cue, then a converb clause ("…, the ministry
said on Monday, forcing …", "…, сообщило Минэнерго, добавив, что …", "…, повідомив губернатор, посилаючись на
…"). The report before the source is the content, not the converb clause after the cue, and the source ends
before it. English, Russian and Ukrainian; sentences written for claimflow."""

from __future__ import annotations

from datetime import UTC, datetime

import pytest

from tests.nlp.conftest import pipeline, run_claims

PUB = datetime(2025, 12, 1, 9, 0, tzinfo=UTC)


def _first(lang: str, text: str) -> tuple[str, str | None, str]:
    claims = [c for c in run_claims(pipeline(lang, True), text, PUB) if c["attribution"] != "unattributed"]
    assert claims, f"no attributed claim in {text!r}"
    c = claims[0]
    return c["attribution"], c["claimant"], c["content"]


@pytest.mark.parametrize(
    ("lang", "text", "claimant", "content"),
    [
        (
            "en",
            "Russian forces struck energy facilities in four Ukrainian regions overnight, Ukraine's energy "
            "ministry said on Monday, forcing emergency power cuts across the country.",
            "Ukraine's energy ministry",
            "Russian forces struck energy facilities in four Ukrainian regions overnight",
        ),
        (
            "en",
            "Russian forces struck energy facilities in four regions overnight, the ministry said, forcing "
            "power cuts.",
            "ministry",
            "Russian forces struck energy facilities in four regions overnight",
        ),
        (
            "en",
            "Two people were killed in the strike, regional governor Oleh Syniehubov said, citing preliminary "
            "data.",
            "Oleh Syniehubov",
            "Two people were killed in the strike",
        ),
        (
            "ru",
            "Российские войска ночью атаковали энергообъекты в четырех областях, сообщило Минэнерго Украины в "
            "понедельник, добавив, что введены аварийные отключения.",
            "Минэнерго Украины",
            "Российские войска ночью атаковали энергообъекты в четырех областях",
        ),
        (
            "ru",
            "Два человека погибли в результате удара, сообщил губернатор Олег Синегубов, ссылаясь на "
            "предварительные данные.",
            "Олег Синегубов",
            "Два человека погибли в результате удара",
        ),
        (
            "uk",
            "Російські війська вночі атакували енергооб'єкти в чотирьох областях, повідомило Міненерго у "
            "понеділок, додавши, що запроваджено аварійні відключення.",
            "Міненерго",
            "Російські війська вночі атакували енергооб'єкти в чотирьох областях",
        ),
        (
            "uk",
            "Двоє людей загинули внаслідок удару, повідомив губернатор Олег Синєгубов, посилаючись на попередні "
            "дані.",
            "Олег Синєгубов",
            "Двоє людей загинули внаслідок удару",
        ),
    ],
)
def test_the_report_before_a_source_and_converb_clause_is_the_content(
    lang: str, text: str, claimant: str, content: str
) -> None:
    assert _first(lang, text) == ("indirect", claimant, content)


def _rows(lang: str, text: str) -> list[tuple[str, str | None, str]]:
    return [
        (c["attribution"], c["claimant"], c["content"]) for c in run_claims(pipeline(lang, True), text, PUB)
    ]


@pytest.mark.parametrize(
    ("lang", "text", "content"),
    [
        (
            "en",
            "KYIV, Dec 1 (Reuters) - Russia launched 50 drones at Ukraine overnight, the air force said.",
            "Russia launched 50 drones at Ukraine overnight",
        ),
        (
            "en",
            "KYIV, Ukraine (AP) — Russian forces shelled the city of Kherson overnight, officials said.",
            "Russian forces shelled the city of Kherson overnight",
        ),
        (
            "ru",
            "МОСКВА, 1 декабря. /ТАСС/. Российские войска заняли село Петровское, сообщили в Минобороны РФ.",
            "Российские войска заняли село Петровское",
        ),
        (
            "ru",
            "Москва. 1 декабря. INTERFAX.RU - Силы ПВО сбили 40 беспилотников над регионами России, сообщило "
            "Минобороны.",
            "Силы ПВО сбили 40 беспилотников над регионами России",
        ),
        (
            "uk",
            "Київ, 1 грудня (Укрінформ) - Росіяни атакували Харків дронами, повідомив мер міста.",
            "Росіяни атакували Харків дронами",
        ),
    ],
)
def test_a_dateline_is_no_part_of_the_report(lang: str, text: str, content: str) -> None:
    assert [row[2] for row in _rows(lang, text)] == [content]


def test_a_dateline_alone_gives_no_claim() -> None:
    rows = _rows(
        "ru", "КИЕВ, 1 дек – РИА Новости. Украинские военные обстреляли Донецк, заявил глава города."
    )
    assert rows == [("indirect", "глава города", "Украинские военные обстреляли Донецк")]


def test_a_converb_cue_after_a_report_shares_its_source() -> None:
    rows = _rows(
        "en",
        "Ukraine shot down 40 drones overnight, the air force said on Tuesday, adding that three more were "
        "lost to electronic warfare.",
    )
    assert [(who, content) for _, who, content in rows] == [
        ("air force", "Ukraine shot down 40 drones overnight"),
        ("air force", "three more were lost to electronic warfare"),
    ]


@pytest.mark.parametrize(
    "text",
    [
        "Two people were killed in the strike, the governor said, citing preliminary data.",
        "Russia has moved troops toward the border, Reuters reported, citing two officials.",
    ],
)
def test_citing_after_a_report_names_no_claim_of_its_own(text: str) -> None:
    assert len([row for row in _rows("en", text) if row[0] != "unattributed"]) == 1


def test_a_quotation_before_its_cue_and_where_it_was_said_is_the_content() -> None:
    rows = _rows(
        "en",
        '"We will respond," the ministry said in a statement on Telegram. "The strikes will not go unanswered."',
    )
    assert rows == [
        ("direct_quote", "ministry", "We will respond"),
        ("direct_quote", "ministry", "The strikes will not go unanswered"),
    ]


def test_a_source_after_a_comma_that_told_an_agency_is_the_source() -> None:
    rows = _rows(
        "en",
        "Ukrainian drones struck an oil depot in Russia's Tambov region overnight, a source in Ukraine's Security "
        "Service told AFP, saying the facility supplied fuel to Russian units on the front line.",
    )
    assert rows == [
        (
            "indirect",
            "source in Ukraine's Security Service",
            "Ukrainian drones struck an oil depot in Russia's Tambov region overnight",
        ),
        (
            "indirect",
            "source in Ukraine's Security Service",
            "the facility supplied fuel to Russian units on the front line",
        ),
    ]


def test_a_converb_cue_shares_the_source_of_the_tagger_cue_before_its_comma() -> None:
    rows = _rows(
        "en",
        "Russia launched 89 drones and two ballistic missiles at Ukraine overnight, Ukraine's air force said on "
        "Wednesday, adding that 64 drones had been shot down.",
    )
    assert [who for _, who, _ in rows] == ["Ukraine's air force", "Ukraine's air force"]


@pytest.mark.parametrize(
    ("lang", "text"),
    [
        ("en", "Reuters could not independently verify the claims."),
        ("en", "The claims could not be independently verified."),
        ("ru", "Независимо проверить эти данные не удалось."),
        ("uk", "Незалежно перевірити цю інформацію неможливо."),
    ],
)
def test_an_outlets_note_that_it_could_not_verify_is_no_claim(lang: str, text: str) -> None:
    assert _rows(lang, text) == []


def test_a_report_ends_before_the_cues_own_contrasting_clause() -> None:
    rows = _rows(
        "uk",
        "Раніше Міноборони РФ заявило про «звільнення» села Петрівське, однак у ЗСУ цю інформацію спростували.",
    )
    assert rows[0][1:] == ("Міноборони РФ", "про «звільнення» села Петрівське")
