"""A report that opens with what it is about and names its source after the cue (issue 17, attribution that
holds): "Про загибель двох людей повідомили в Харківській ОВА." The source is the organisation after the cue,
never the people the topic counts; a place after the cue names no source. Sentences written for claimflow in
the shape of Ukrainian and Russian channel posts."""

from __future__ import annotations

from datetime import UTC, datetime

import pytest

from tests.nlp.conftest import pipeline, run_claims

PUB = datetime(2025, 3, 4, 9, 0, tzinfo=UTC)


@pytest.mark.parametrize(
    ("lang", "text", "claimant", "content"),
    [
        (
            "uk",
            "Про загибель двох людей повідомили в Харківській ОВА.",
            "Харківській ОВА",
            "Про загибель двох людей",
        ),
        (
            "ru",
            "О гибели двух человек сообщили в Харьковской ОВА.",
            "Харьковской ОВА",
            "О гибели двух человек",
        ),
        (
            "uk",
            "Про удар по Харкову повідомили у Повітряних силах ЗСУ.",
            "Повітряних силах ЗСУ",
            "Про удар по Харкову",
        ),
        (
            "ru",
            "Об ударе по Харькову сообщил глава области Олег Синегубов.",
            "Олег Синегубов",
            "Об ударе по Харькову",
        ),
    ],
)
def test_a_topic_first_report_takes_the_source_after_its_cue(
    lang: str, text: str, claimant: str, content: str
) -> None:
    claims = run_claims(pipeline(lang, True), text, PUB)
    assert [(c["attribution"], c["claimant"], c["content"]) for c in claims] == [
        ("indirect", claimant, content)
    ]


@pytest.mark.parametrize(
    ("lang", "text"),
    [
        # a place is where it was reported, not who reported it
        ("uk", "Про вибухи повідомили в Харкові."),
        ("uk", "Про вибухи повідомили в Харківській області."),
    ],
)
def test_a_place_after_the_cue_names_no_source(lang: str, text: str) -> None:
    claims = run_claims(pipeline(lang, True), text, PUB)
    assert [c["attribution"] for c in claims] == ["unattributed"]


def test_people_counted_in_the_nominative_stay_the_subject() -> None:
    # "двух человек" cannot be the subject of "сообщили"; "пять человек" can
    counted = run_claims(pipeline("ru", True), "Пять человек сообщили, что их дома разрушены.", PUB)
    assert [(c["claimant"], c["content"]) for c in counted] == [("человек", "их дома разрушены")]
