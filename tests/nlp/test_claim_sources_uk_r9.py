"""Ukrainian sources and contents after the judged r9 misses (issue 17, branch uk17g): the idiom "як то кажуть"
reports nothing; an indirect question after a cue ("дітям розповідають, які …", "розповідає синові про те, що
таке …") names a topic, not a proposition; a word the dictionary allows only in the dative is whom it was told,
never the claimant; a kind of body and its quoted name are one source ("Про це пише ІА «…»"); a coordinated
cue followed by a colon gives the words after the colon ("…, а ваш друг каже: «…»"); a quotation followed by
the speaker's next act ends at its closing mark ("заявив, що «…» і закликав …"); a capitalised preposition
after a lower-case word opens a sentence whose full stop the text lost ("… грн / т У Луцьку …"). Sentences
written for claimflow, after the classes of tests/data/claims_dev/judged/real/uk-2026-11-30-r9.jsonl."""

from __future__ import annotations

from datetime import UTC, datetime

import pytest

from tests.nlp.conftest import claim_triples, pipeline

PUB = datetime(2025, 11, 20, 9, 0, tzinfo=UTC)


def _claims(text: str) -> list[tuple[str, str | None, str]]:
    return claim_triples("uk", text, PUB)


def _attributed(text: str) -> list[tuple[str, str | None, str]]:
    return [c for c in _claims(text) if c[0] != "unattributed"]


@pytest.mark.parametrize(
    "text",
    [
        "Майстер учнем був задоволений. Полагодили скрипку і поїхали до відомого скрипаля, як то кажуть, на пробу.",
        "Як кажуть, перший млинець нанівець, але другий сезон фермер закрив із прибутком.",
    ],
)
def test_an_idiom_with_a_reporting_verb_is_no_report(text: str) -> None:
    assert _attributed(text) == []


def test_a_source_after_the_idiom_still_reports() -> None:
    # "як кажуть місцеві": a subject of its own, so a source
    text = "Як кажуть місцеві мешканці, вода в криниці зникла після вибуху."
    assert [c[1] for c in _attributed(text)] == ["місцеві мешканці"]


@pytest.mark.parametrize(
    "text",
    [
        "Цікаво також, що дітям розповідають, які правила діють у шкільній бібліотеці.",
        "У відео мама розповідає синові про те, що таке добро і зло.",
        "Директор пояснив журналістам, чому школу закрили на карантин.",
        "Майстер розповідає учням, як вибирати дерево, і щоразу повторює, чому ялина має бути з гір.",
    ],
)
def test_an_indirect_question_after_a_cue_is_no_report(text: str) -> None:
    assert _attributed(text) == []


def test_a_complement_clause_that_opens_with_a_question_word_stays_a_report() -> None:
    text = "Директор пояснив, що коли прийде тепло, школа відкриється."
    assert _attributed(text) == [("indirect", "Директор", "коли прийде тепло, школа відкриється")]


def test_a_word_only_in_the_dative_is_no_claimant() -> None:
    # the tagger reads "Батькам" as a name; the dictionary allows it only as a dative plural
    text = "Батькам розповіли, що екскурсію скасовано."
    assert all(c[1] != "Батькам" for c in _claims(text))


def test_a_nominative_source_after_the_addressee_is_the_claimant() -> None:
    text = "Сусідові монтажник казав, що станція окупиться за чотири роки."
    assert _attributed(text) == [("indirect", "монтажник", "станція окупиться за чотири роки")]


def test_a_kind_of_body_and_its_quoted_name_are_one_source() -> None:
    text = "Ремонт мосту триватиме до весни.\n\nПро це пише ІА «Волинські новини»."
    assert _attributed(text) == [("indirect", "ІА «Волинські новини»", "Ремонт мосту триватиме до весни")]


def test_a_coordinated_cue_before_a_colon_reports_what_follows_it() -> None:
    text = "І от ви підходите до картини, а ваш друг каже: «Якась мазанина»."
    assert _attributed(text) == [("direct_quote", "ваш друг", "Якась мазанина")]


def test_a_quotation_ends_before_the_speakers_next_act() -> None:
    text = (
        "Президент Володимир Зеленський заявив, що «для такого удару немає жодного пояснення» і закликав "
        "партнерів посилити тиск на Москву."
    )
    assert [(c[1], c[2]) for c in _attributed(text)] == [
        ("Володимир Зеленський", "для такого удару немає жодного пояснення")
    ]


def test_a_clause_without_a_quotation_keeps_its_second_verb() -> None:
    # no quotation: "зруйнував" may be the reported clause's own verb, so the content is not cut
    text = "Міністр заявив, що ворог обстріляв село і зруйнував школу."
    assert [c[2] for c in _attributed(text)] == ["ворог обстріляв село і зруйнував школу"]


@pytest.mark.parametrize(
    ("text", "first"),
    [
        (
            "Ціна вивезення сміття зросла до 500 грн / т У Луцьку фірма планує збудувати три будинки.",
            "Ціна вивезення сміття зросла до 500 грн / т",
        ),
        (
            "Він подякував за анексію Криму В Запорізькій області працюють 34 перевізники.",
            "Він подякував за анексію Криму",
        ),
    ],
)
def test_a_capitalised_preposition_after_a_lower_case_word_starts_a_sentence(text: str, first: str) -> None:
    doc = pipeline("uk", True)(text)
    assert next(s.text for s in doc.sents) == first


@pytest.mark.parametrize(
    "text",
    [
        "Для водіїв категорії В або С діють нові правила.",
        "Фільм «У пошуках» вийшов торік.",
        "Обстріл почався о 5 ранку.",
    ],
)
def test_a_capital_inside_a_sentence_that_is_no_opener_keeps_it_whole(text: str) -> None:
    doc = pipeline("uk", True)(text)
    assert len(list(doc.sents)) == 1


@pytest.mark.parametrize(
    ("name", "source"),
    [
        ("«Волинь-пост»", "ІА «Волинь-пост»"),
        ("«Волинь сьогодні»", "ІА «Волинь сьогодні»"),
        ("«Рівне вечірнє»", "ІА «Рівне вечірнє»"),
    ],
)
def test_a_source_line_keeps_the_quoted_name_whatever_its_words(name: str, source: str) -> None:
    text = f"Ремонт мосту триватиме до весни.\n\nПро це повідомляє ІА {name}."
    assert _attributed(text) == [("indirect", source, "Ремонт мосту триватиме до весни")]


def test_a_source_line_takes_only_the_sentences_after_an_unmarked_break() -> None:
    # the first sentence ends without its full stop: another text, not the agency's report
    text = (
        "Квиток в автобусах Ковеля подорожчає з грудня до 14 гривень У Володимирі фірма планує звести два "
        "будинки біля парку.\n\nПро це повідомляє ІА «Волинь-пост»."
    )
    assert _attributed(text) == [
        ("indirect", "ІА «Волинь-пост»", "У Володимирі фірма планує звести два будинки біля парку")
    ]


def test_the_place_after_an_addressee_in_the_dative_is_the_source() -> None:
    text = "Дітям у музичній школі розповідають, що перші інструменти досі звучать на концертах."
    assert _attributed(text) == [
        ("indirect", "музичній школі", "перші інструменти досі звучать на концертах")
    ]


@pytest.mark.parametrize(
    ("text", "content"),
    [
        (
            "ВГСУ заявив, що саме так потрібно трактувати рішення суду.",
            "саме так потрібно трактувати рішення суду",
        ),
        ("Він каже: місто, де я виріс, зруйноване.", "місто, де я виріс, зруйноване"),
    ],
)
def test_a_report_whose_words_hold_a_question_word_stays_a_report(text: str, content: str) -> None:
    # "що саме так": no question; "місто, де …": the words before "де" are no addressee
    assert [c[2] for c in _attributed(text)] == [content]
