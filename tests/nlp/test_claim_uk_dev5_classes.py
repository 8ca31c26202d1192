"""Ukrainian sources of channel posts, press releases and interviews after the misses on the fresh split dev5
(issue 17, branch uk17i): an interview whose questions and dashed answers are paragraphs of their own; a source
line "Про це повідомив у телеграмі X" / "Про це повідомили в <organisation>" after its report; a quotation
followed by "— йдеться в коментарі X" or by a verb the lexicon lacks ("— усміхається вчитель"); "X
переконаний, що …"; "повідомили (кому) про підозру", a legal act and no report; a cookie banner in English
spelling; list bullets and a source tail that is a name of the alias table ("— Повітряні сили"). Sentences
written for claimflow, after the classes of tests/data/claims_dev/src/uk/14-dev5.txt."""

from __future__ import annotations

from datetime import UTC, datetime

import pytest

from tests.nlp.conftest import claim_triples, pipeline, run_claims

PUB = datetime(2025, 12, 10, 9, 0, tzinfo=UTC)


def _claims(text: str) -> list[tuple[str, str | None, str]]:
    return claim_triples("uk", text, PUB)


def _attributed(text: str) -> list[tuple[str, str | None, str]]:
    return [c for c in _claims(text) if c[0] != "unattributed"]


def test_answers_in_paragraphs_of_their_own_are_the_interviewees() -> None:
    text = (
        "Голова громади Оксана Мельник розповіла нашому виданню про відбудову.\n\n"
        "Скільки будинків уже відновили?\n\n"
        "– Понад двісті, і ще сотню відремонтуємо до літа.\n\n"
        "Хто фінансує роботи?\n\n"
        "– Переважно міжнародні фонди, частину дає обласний бюджет."
    )
    got = _attributed(text)
    assert [(a, who) for a, who, _ in got] == [("direct_quote", "Оксана Мельник")] * 2
    assert "Понад двісті" in got[0][2] and "Переважно міжнародні фонди" in got[1][2]


def test_a_paragraph_after_a_rhetorical_question_stays_the_writers() -> None:
    # no answer marker: the writer goes on after the question, nobody answers it
    text = (
        "Міністр енергетики Світлана Гринчук відвідала Харків.\n\n"
        "Чи вистачить міцності енергосистемі взимку?\n\n"
        "Енергетики відновили дві підстанції, але резерву потужності майже немає."
    )
    assert _attributed(text) == []


@pytest.mark.parametrize(
    ("text", "claimant"),
    [
        (
            "Уночі дрони атакували Черкаси, пошкоджено склад.\n\n"
            "Про це повідомив у телеграмі очільник Черкаської ОВА Ігор Табурець.",
            "Ігор Табурець",
        ),
        (
            "Уночі дрони атакували Харків.\n\n"
            "Про це написав у своєму телеграм-каналі міський голова Ігор Терехов.",
            "Ігор Терехов",
        ),
        (
            "Уночі дрони атакували Суми. Про це повідомили в Сумській міській військовій адміністрації.",
            "Сумській міській військовій адміністрації",
        ),
        ("Уночі дрони атакували Харків. Про це повідомили у пресслужбі поліції.", "пресслужбі поліції"),
    ],
)
def test_a_source_line_after_a_medium_or_in_the_locative_names_the_report_before(
    text: str, claimant: str
) -> None:
    # the name, with or without the title before it
    (got,) = _claims(text)
    assert got[0] == "indirect" and (got[1] or "").endswith(claimant), got


def test_a_place_after_the_source_lines_cue_is_no_source() -> None:
    text = "Вранці росіяни вдарили по Сумах. Про це повідомили в Києві."
    assert _attributed(text) == []


def test_a_comment_named_after_a_quotation_is_its_source() -> None:
    text = "«Росія говорить про перемир'я вдень і б'є по електростанціях уночі», — йдеться в коментарі речника МЗС."
    (got,) = _attributed(text)
    assert got[0] == "according_to" and (got[1] or "").endswith("МЗС"), got
    assert got[2] == "Росія говорить про перемир'я вдень і б'є по електростанціях уночі"


def test_any_verb_with_a_subject_after_a_quotation_and_dash_frames_its_speaker() -> None:
    text = "«Діти нарешті бачать одне одного, а не квадратики в Zoom», — усміхається вчитель."
    assert _attributed(text) == [
        ("direct_quote", "вчитель", "Діти нарешті бачать одне одного, а не квадратики в Zoom")
    ]


def test_a_verb_without_a_subject_after_a_quotation_frames_nobody() -> None:
    assert _attributed("«Ми нікуди не поїдемо», — і пішла до хати.") == []


@pytest.mark.parametrize(
    ("text", "claimant", "content"),
    [
        (
            "Директор школи переконаний, що діти швидко звикнуть до нового розкладу.",
            "Директор школи",
            "діти швидко звикнуть до нового розкладу",
        ),
        ("Експерт упевнений, що ціни на пальне зростуть.", "Експерт", "ціни на пальне зростуть"),
    ],
)
def test_a_conviction_with_a_clause_is_a_report(text: str, claimant: str, content: str) -> None:
    assert _attributed(text) == [("indirect", claimant, content)]


def test_a_conviction_without_a_clause_is_none() -> None:
    assert _attributed("Ми переконані в перемозі.") == []


@pytest.mark.parametrize(
    "text",
    [
        "Слідчі повідомили чоловікові про підозру за ч. 2 ст. 194 Кримінального кодексу України.",
        "Прокурори повідомили про підозру колишньому заступнику директора філії.",
        "Організатору повідомили про нову підозру.",
    ],
)
def test_a_notice_of_suspicion_is_a_legal_act_not_a_report(text: str) -> None:
    assert _attributed(text) == []


def test_a_report_about_a_suspect_stays_a_report() -> None:
    text = "У поліції повідомили, що підозрюваного затримали."
    assert [(a, who) for a, who, _ in _attributed(text)] == [("indirect", "поліції")]


def test_a_cookie_banner_in_english_spelling_is_furniture() -> None:
    text = "Цей сайт використовує cookies. Детальніше — у Політиці конфіденційності.\n\nВранці росіяни вдарили по Сумах."
    assert [c for _, _, c in _claims(text)] == ["Вранці росіяни вдарили по Сумах"]


def test_bullets_stay_out_and_an_alias_is_a_source_tail() -> None:
    text = (
        "Головне за ніч:\n\n"
        "🔹 Над Україною збили 58 із 72 ударних дронів, — Повітряні сили\n"
        "▪️ У Херсоні через обстріл поранено чоловіка, — ОВА"
    )
    claims = run_claims(pipeline("uk", True), text, PUB)
    got = [(c["attribution"], c["claimant"], c["claimant_canonical"], c["content"]) for c in claims]
    assert got == [
        ("indirect", "Повітряні сили", "Air Force of Ukraine", "Над Україною збили 58 із 72 ударних дронів"),
        ("indirect", "ОВА", None, "У Херсоні через обстріл поранено чоловіка"),
    ]


def test_a_request_in_place_of_a_question_is_answered_once_the_interview_asked_one() -> None:
    text = (
        "Голова громади Оксана Мельник розповіла нашому виданню про відбудову.\n\n"
        "Хто фінансує роботи?\n\n"
        "– Переважно міжнародні фонди.\n\n"
        "Розкажіть, як громада готується до зими.\n\n"
        "– Ми закупили генератори для всіх шкіл і лікарні."
    )
    assert [(a, who) for a, who, _ in _attributed(text)] == [("direct_quote", "Оксана Мельник")] * 2


def test_a_request_before_any_question_opens_no_interview() -> None:
    text = (
        "Міністр Олег Петренко відвідав Миколаїв.\n\n"
        "Розкажіть, як місто готується до зими.\n\n"
        "– Ми закупили генератори для всіх шкіл."
    )
    assert _attributed(text) == []


def test_a_source_line_with_a_participle_report_gives_both() -> None:
    text = (
        "Уночі вибухи чули в Умані. Про це повідомили в міській раді, уточнивши, що влучань у місті не було."
    )
    assert _claims(text) == [
        ("indirect", "міській раді", "Уночі вибухи чули в Умані"),
        ("indirect", "міській раді", "влучань у місті не було"),
    ]
