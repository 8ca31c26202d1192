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
