"""Quotations whose speaker is outside their own sentence's grammar (issue 17; classes found on the held-out
Russian quotations, benchmarks/eval_quotations.py): a clause that introduces the quotation with a colon, a
stand-alone quotation of several sentences, a speaker after a closing mark and a dash, a name quoted inside
the quotation, a content that opens a quotation. Sentences written for claimflow."""

from __future__ import annotations

from datetime import UTC, datetime

import pytest

from tests.nlp.conftest import pipeline, run_claims

PUBLISHED = datetime(2025, 5, 6, 9, 0, tzinfo=UTC)


def _quoted(lang: str, text: str, quotation: str) -> list[dict[str, object]]:
    claims = run_claims(pipeline(lang, True), text, PUBLISHED)
    start = text.index(quotation)
    return [c for c in claims if c["content_start"] < start + len(quotation) and start < c["content_end"]]


FRAMES = [
    # (language, text, quotation, speaker word): the frame's verb reports nothing itself
    ("ru", "Глава районной администрации Ольга Миронова оказалась немногословной: «Школа откроется в сентябре. "
     "Ремонт оплатит область».", "Школа откроется в сентябре. Ремонт оплатит область", "Миронова"),
    ("ru", "Депутат Игорь Лукин, возглавляющий комитет по транспорту, выступил в среду с заявлением: «Мост "
     "закроют на ремонт до конца года».", "Мост закроют на ремонт до конца года", "Лукин"),
    ("uk", "Голова громади Петро Савчук був лаконічним: «Світло повернуть до вечора. Воду дадуть завтра».",
     "Світло повернуть до вечора. Воду дадуть завтра", "Савчук"),
]  # fmt: skip


@pytest.mark.slow
@pytest.mark.parametrize(("lang", "text", "quotation", "speaker"), FRAMES)
def test_a_colon_frame_gives_its_subject_the_whole_quotation(
    lang: str, text: str, quotation: str, speaker: str
) -> None:
    found = _quoted(lang, text, quotation)
    assert [c["content"] for c in found] == [quotation]
    assert found[0]["attribution"] == "direct_quote" and speaker in str(found[0]["claimant"])


@pytest.mark.slow
def test_a_frame_without_a_source_subject_gives_no_speaker() -> None:
    text = "Погода оказалась переменчивой: «Дождь шёл весь день, потом выглянуло солнце»."
    found = _quoted("ru", text, "Дождь шёл весь день")
    assert not any(c["attribution"] == "direct_quote" and c["claimant"] for c in found)


STAND_ALONE = [
    # a quotation of several sentences after a report of the same speaker: one claim, that speaker
    ("ru", "Аналитик Павел Серов считает, что переговоры затянутся.\n\n«Стороны не готовы уступать. Ни одна из "
     "них не видит выгоды в паузе. Я жду нового раунда только осенью».", "Стороны не готовы уступать. Ни "
     "одна из них не видит выгоды в паузе. Я жду нового раунда только осенью", "Серов"),
    ("uk", "Аналітик Павло Сірий вважає, що переговори затягнуться.\n\n«Сторони не готові поступатися. Жодна з "
     "них не бачить вигоди в паузі. Я чекаю нового раунду лише восени».", "Сторони не готові поступатися. "
     "Жодна з них не бачить вигоди в паузі. Я чекаю нового раунду лише восени", "Сір"),
]  # fmt: skip


@pytest.mark.slow
@pytest.mark.parametrize(("lang", "text", "quotation", "speaker"), STAND_ALONE)
def test_a_stand_alone_quotation_is_one_claim_of_the_last_speaker(
    lang: str, text: str, quotation: str, speaker: str
) -> None:
    found = _quoted(lang, text, quotation)
    assert [c["content"] for c in found] == [quotation]
    assert speaker in str(found[0]["claimant"])


AFTER = [
    # the speaker after the closing mark and a dash, with an age, an apposition, a relative clause or where
    # they spoke; the claimant is the name, not the setting
    ("ru", "«Мы уехали в марте. Вернулись, когда стало тише», — рассказала 41-летняя Ирина, которая работает "
     "учительницей.", "Мы уехали в марте. Вернулись, когда стало тише", "Ирина"),
    ("ru", "«Отношения надо строить заново. Но это займёт годы», — прогнозирует Гурам Лолидзе.",
     "Отношения надо строить заново. Но это займёт годы", "Лолидзе"),
    ("uk", "«Ми не віддамо жодного села. Так вирішили люди», - наголосив Тарас Мельник на брифінгу з "
     "журналістами.", "Ми не віддамо жодного села. Так вирішили люди", "Тарас Мельник"),
]  # fmt: skip


@pytest.mark.slow
@pytest.mark.parametrize(("lang", "text", "quotation", "speaker"), AFTER)
def test_a_speaker_after_the_closing_mark_and_a_dash(
    lang: str, text: str, quotation: str, speaker: str
) -> None:
    found = _quoted(lang, text, quotation)
    assert [c["content"] for c in found] == [quotation]
    c = found[0]
    assert c["attribution"] == "direct_quote" and c["claimant"] and speaker in str(c["claimant"])
    assert " на " not in str(c["claimant"]) and "котор" not in str(c["claimant"])


@pytest.mark.slow
def test_a_name_in_quotation_marks_inside_a_quotation_does_not_close_it() -> None:
    text = (
        "«По решению совета директоров компании «Северный порт» терминал закроют. Рабочих переведут», — "
        "сообщил Антон Рябов."
    )
    quotation = "По решению совета директоров компании «Северный порт» терминал закроют. Рабочих переведут"
    found = _quoted("ru", text, quotation)
    assert [c["content"] for c in found] == [quotation]
    assert "Рябов" in str(found[0]["claimant"])


def test_nested_guillemets_pair_by_depth() -> None:
    from pipelines.nlp.claims.spans import quote_regions

    text = "Он сказал: «Компания «Рога» закрылась». Потом «ушёл»."
    regions = quote_regions(text, 0, {"«": "»"})
    assert [text[a:b] for a, b in regions] == ["«Компания «Рога» закрылась»", "«ушёл»"]
    unbalanced = "«Компания «Рога закрылась». Потом ушёл."
    assert [unbalanced[a:b] for a, b in quote_regions(unbalanced, 0, {"«": "»"})] == [
        "«Компания «Рога закрылась»"
    ]


@pytest.mark.slow
def test_a_content_that_opens_a_quotation_ends_with_it() -> None:
    text = (
        "Судья заявила, что «в марте подсудимый по сговору с другими лицами готовил беспорядки, а также "
        "руководил ими»."
    )
    quotation = "в марте подсудимый по сговору с другими лицами готовил беспорядки, а также руководил ими"
    found = _quoted("ru", text, quotation)
    assert found and found[0]["content"].endswith("руководил ими")


PRONOUNS = [
    # the pronoun subject of a reporting verb after a quotation is never a name inside that quotation
    ("ru", "Певец Адриано Челентано написал письмо в газету. «Такой человек, как Сильвио Берлускони, не может "
     "управлять страной», — заявил он.", "Челентано"),
    # a name in the author's words between dashes inside a quotation is its speaker
    ("uk", "«Збір тривав лише чотири дні, – пояснює координатор фонду Андрій Мельник. – Люди донатили навіть по 20 "
     "гривень».\n\nУ коментарі виданню він заявив, що наступний збір буде на роботизований комплекс.", "Мельник"),
]  # fmt: skip


@pytest.mark.slow
@pytest.mark.parametrize(("lang", "text", "speaker"), PRONOUNS)
def test_a_pronoun_speaker_is_not_a_name_the_quotation_is_about(lang: str, text: str, speaker: str) -> None:
    claims = run_claims(pipeline(lang, True), text, PUBLISHED)
    last = max(claims, key=lambda c: c["content_start"])
    assert speaker in str(last["claimant"])
