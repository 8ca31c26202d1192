"""Speaker labels and headline source tails (issue 17) in English, Russian and Ukrainian: "X: Y" headlines,
labelled interview answers and "… — source" tails are attributed claims. Sentences written for claimflow."""

from __future__ import annotations

from datetime import UTC, datetime

import pytest

from tests.nlp.conftest import pipeline, run_claims

PUBLISHED = datetime(2025, 5, 6, 9, 0, tzinfo=UTC)

CASES = [
    # (language, text, content, claimant, cue, attribution)
    ("en", "Zelensky: Ukraine will not withdraw from the border villages\n\nThe talks resumed.",
     "Ukraine will not withdraw from the border villages", "Zelensky", ":", "indirect"),
    ("en", "The host welcomed the guest.\nKOVALENKO: The river crossing is under fire every night.",
     "The river crossing is under fire every night", "KOVALENKO", "KOVALENKO:", "direct_quote"),
    ("ru", "Зеленский: Украина не уйдет из приграничных сел\n\nПереговоры возобновились.",
     "Украина не уйдет из приграничных сел", "Зеленский", ":", "indirect"),
    ("ru", "Ведущий поприветствовал гостя.\nКОВАЛЕНКО: Переправа каждую ночь находится под огнем.",
     "Переправа каждую ночь находится под огнем", "КОВАЛЕНКО", "КОВАЛЕНКО:", "direct_quote"),
    ("ru", "Российские войска заняли село в Запорожской области, — Минобороны\n\nПодробности уточняются.",
     "Российские войска заняли село в Запорожской области", "Минобороны", "—", "indirect"),
    ("uk", "Зеленський: Україна не вийде з прикордонних сіл\n\nПереговори відновилися.",
     "Україна не вийде з прикордонних сіл", "Зеленський", ":", "indirect"),
    ("uk", "Ведучий привітав гостя.\nКОВАЛЕНКО: Переправа щоночі перебуває під вогнем.",
     "Переправа щоночі перебуває під вогнем", "КОВАЛЕНКО", "КОВАЛЕНКО:", "direct_quote"),
    ("uk", "Сили оборони відбили штурм біля села на Запоріжжі, — Генштаб\n\nПодробиці уточнюються.",
     "Сили оборони відбили штурм біля села на Запоріжжі", "Генштаб", "—", "indirect"),
]  # fmt: skip


@pytest.mark.slow
@pytest.mark.parametrize(("lang", "text", "content", "claimant", "cue", "attribution"), CASES)
def test_labels_and_source_tails(
    lang: str, text: str, content: str, claimant: str, cue: str, attribution: str
) -> None:
    claims = run_claims(pipeline(lang, True), text, PUBLISHED)
    found = [c for c in claims if c["content"] == content]
    assert found, f"no claim with content {content!r}: {[c['content'] for c in claims]}"
    c = found[0]
    assert (c["claimant"], c["cue_text"], c["attribution"]) == (claimant, cue, attribution)


@pytest.mark.slow
@pytest.mark.parametrize(
    ("lang", "text"),
    [
        ("ru", "В ее машине — пробоины от осколков."),  # a copula dash, no source
        ("uk", "У місті — перебої зі світлом."),
        ("en", "Note: the figures are preliminary."),  # a label that names nobody
    ],
)
def test_no_source_no_attribution(lang: str, text: str) -> None:
    claims = run_claims(pipeline(lang, True), text, PUBLISHED)
    assert all(c["attribution"] == "unattributed" for c in claims)


INTERVIEWS = [
    # (language, text, an answer sentence, the interviewee's word, the host's words that are no claim)
    ("en", "Colonel Maria Petrenko leads a mine-clearing unit near Izium.\n\n"
     "HOST: Welcome to the programme, colonel.\n"
     "Q: How much land is still mined?\n"
     "A: Most of the fields east of the river are still mined.",
     "Most of the fields east of the river are still mined", "Petrenko", "Welcome to the programme"),
    ("ru", "Полковник Мария Петренко руководит подразделением разминирования под Изюмом.\n\n"
     "ВЕДУЩИЙ: Сегодня у нас в гостях полковник Петренко.\n"
     "— Сколько земли еще заминировано?\n"
     "— Большая часть полей к востоку от реки до сих пор заминирована.",
     "Большая часть полей к востоку от реки до сих пор заминирована", "Петренко", "Сегодня у нас в гостях"),
    ("uk", "Полковниця Марія Петренко очолює підрозділ розмінування під Ізюмом.\n\n"
     "ВЕДУЧА: Сьогодні в нас у гостях полковниця Петренко.\n"
     "Скільки землі ще заміновано?\n"
     "Більшість полів на схід від річки досі заміновані.",
     "Більшість полів на схід від річки досі заміновані", "Петренко", "Сьогодні в нас у гостях"),
]  # fmt: skip


@pytest.mark.slow
@pytest.mark.parametrize(("lang", "text", "answer", "speaker", "host"), INTERVIEWS)
def test_interview_answers_are_the_interviewees(
    lang: str, text: str, answer: str, speaker: str, host: str
) -> None:
    claims = run_claims(pipeline(lang, True), text, PUBLISHED)
    found = [c for c in claims if c["content"] == answer]
    assert found, f"no claim with content {answer!r}: {[c['content'] for c in claims]}"
    assert found[0]["attribution"] == "direct_quote" and speaker in (found[0]["claimant"] or "")
    assert not [c for c in claims if host in c["content"]], "the interviewer's lines are no claims"
    assert not [c for c in claims if c["content"].endswith("?") or "заминировано?" in c["sentence"]]
