"""Wire-story leads (issue 17): the report, then its source and cue, then a converb clause ("…, the ministry
said on Monday, forcing …", "…, сообщило Минэнерго, добавив, что …", "…, повідомив губернатор, посилаючись на
…"). The report before the source is the content, not the converb clause after the cue, and the source ends
before it. An aside between a source and its cue ("X, for its part, claimed …", "X, в свою очередь, …") leaves the
source its subject and is never a report. English, Russian and Ukrainian; sentences written for claimflow."""

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
        "The plant was hit, the ministry said, citing its intelligence service.",
    ],
)
def test_citing_after_a_report_names_no_claim_of_its_own(text: str) -> None:
    assert len([row for row in _rows("en", text) if row[0] != "unattributed"]) == 1


def test_a_quotation_its_cue_splits_is_one_claim_of_its_speaker() -> None:
    # the tagger joins the two parts (as PolNeAR and the claims_dev gold mark them): one quotation, one claim
    rows = _rows(
        "en",
        '"We will respond," the ministry said in a statement on Telegram. "The strikes will not go unanswered."',
    )
    assert rows == [
        (
            "direct_quote",
            "ministry",
            'We will respond," the ministry said in a statement on Telegram. "The strikes will not go unanswered',
        ),
    ]
    # however long the source between the parts
    rows = _rows(
        "en",
        '"This is a terrible day," said Rep. J.R. Hollis (D-Mich.), head of the caucus. "The deal is a '
        'sham."',
    )
    assert [(kind, who) for kind, who, _ in rows] == [("direct_quote", "J.R. Hollis")]
    assert rows[0][2].startswith("This is a terrible day") and rows[0][2].endswith("The deal is a sham")


@pytest.mark.parametrize(
    ("text", "claimant"),
    [
        ('"This is a terrible day," said Rep. John Smith, head of the caucus.', "John Smith"),
        ('"We will win," said Sen. Lindsey Graham (R-S.C.).', "Lindsey Graham"),
        (
            "The strikes will continue, said Dr. Anna Kovalenko, a surgeon in Kharkiv.",
            "Anna Kovalenko",  # the person's name, as for "Rep. John Smith, head of the caucus" (the span has all)
        ),
    ],
)
def test_a_title_initials_and_a_party_tag_are_part_of_a_postposed_source(text: str, claimant: str) -> None:
    rows = [row for row in _rows("en", text) if row[0] != "unattributed"]
    assert [who for _, who, _ in rows] == [claimant]


@pytest.mark.parametrize(
    "text",
    [
        'The region "has made real progress on its roads," the senator said in June, citing the opening '
        "of three new bridges.",
    ],
)
def test_citing_grounds_after_a_report_is_a_claim_of_its_own(text: str) -> None:
    # the speaker cites grounds, not a source: PolNeAR marks "citing …" as the senator's attribution
    rows = [row for row in _rows("en", text) if row[0] != "unattributed"]
    assert [content for _, _, content in rows][-1] == "the opening of three new bridges"


def test_a_converb_after_a_report_has_no_postposed_source_and_no_content_before_it() -> None:
    # the phrase after "calling" is its object, and the quotation before it is the verb's it continues
    rows = _rows("en", '"We will rebuild the bridge," the governor said, calling the strike "barbaric".')
    assert rows[0][1:] == ("governor", "We will rebuild the bridge")
    assert all(who == "governor" and content != rows[0][2] for _, who, content in rows[1:])


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


@pytest.mark.parametrize(
    ("text", "claimant"),
    [
        # the converb hangs from a verb or object below the one with the subject
        (
            "The minister is defending his statements meant to reassure the farmers, saying the harvest is safe.",
            "minister",
        ),
        (
            "The governor has tried to use the report against the mayor, accusing him of hiding the damage.",
            "governor",
        ),
    ],
)
def test_a_converb_shares_the_subject_of_the_clause_it_continues(text: str, claimant: str) -> None:
    rows = [r for r in _rows("en", text) if r[0] != "unattributed"]
    assert [who for _, who, _ in rows][-1:] == [claimant]


def test_a_quoted_transcripts_speaker_labels_name_the_speakers() -> None:
    # US papers open each paragraph of a transcript with a quotation mark and rarely close it
    text = (
        "Partial transcript as follows:\n\n"
        '"HOST: Will the governor attend the hearing tomorrow?\n\n'
        '"SMITH: She will not be attending the hearing tomorrow. The schedule was set weeks ago.\n\n'
        '"HOST: Why not?\n\n'
        '"SMITH: Because the committee has not invited her.'
    )
    rows = [r for r in _rows("en", text) if r[0] != "unattributed"]
    assert {who for _, who, _ in rows} == {"SMITH"}
    assert any(content.startswith("She will not be attending") for _, _, content in rows)


@pytest.mark.parametrize(
    ("text", "claimant", "content"),
    [
        # the parse makes the cue a conjunct of the phrase before the aside: that phrase is still its subject
        (
            "Russia's defence ministry, for its part, claimed its forces had captured the village of Petrivka.",
            "Russia's defence ministry",
            "its forces had captured the village of Petrivka",
        ),
        (
            "Ukraine's military, meanwhile, reported heavy fighting near Pokrovsk.",
            "Ukraine's military",
            "heavy fighting near Pokrovsk",
        ),
    ],
)
def test_an_aside_between_the_source_and_its_cue_keeps_the_source(
    text: str, claimant: str, content: str
) -> None:
    assert _rows("en", text) == [("indirect", claimant, content)]


@pytest.mark.parametrize(
    ("lang", "text"),
    [
        # a subject, then an aside between commas, then a verb with an object: the subject is no report
        (
            "ru",
            "Официальный представитель МИД России Мария Захарова, в свою очередь, обвинила Киев в срыве переговоров.",
        ),
        ("uk", "Речниця МЗС Росії Марія Захарова, своєю чергою, звинуватила Київ у зриві переговорів."),
    ],
)
def test_a_subject_before_an_aside_is_never_the_content(lang: str, text: str) -> None:
    assert not [row for row in _rows(lang, text) if row[2].endswith(("очередь", "чергою"))]
