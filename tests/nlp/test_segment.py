"""Sentence boundaries of ``pipelines.nlp.segment`` on news text."""

from __future__ import annotations

import itertools

import pytest
import spacy

from pipelines.nlp.segment import sentence_starts


def _sentences(lang: str, text: str) -> list[str]:
    doc = spacy.blank(lang)(text)
    starts = [i for i, s in enumerate(sentence_starts(doc)) if s] + [len(doc)]
    return [doc[a:b].text.strip() for a, b in itertools.pairwise(starts)]


@pytest.mark.parametrize(
    ("lang", "text", "expected"),
    [
        # who spoke, after a dash and a lower-case word, belongs to the question or exclamation before it
        (
            "ru",
            "«Почему нас не предупредили?» — спросил глава администрации. Ответа он не получил.",
            ["«Почему нас не предупредили?» — спросил глава администрации.", "Ответа он не получил."],
        ),
        ("uk", "Куди ви їдете? — запитав прикордонник.", ["Куди ви їдете? — запитав прикордонник."]),
        (
            "en",
            "“We will not retreat!” — said the governor.",
            ["“We will not retreat!” — said the governor."],
        ),
        # a dash before a capital still opens a sentence, and so does a line break
        ("ru", "Мы готовы. — Переговоры продолжатся.", ["Мы готовы.", "— Переговоры продолжатся."]),
        ("uk", "Куди ви їдете?\n— до Харкова.", ["Куди ви їдете?", "— до Харкова."]),
    ],
)
def test_speech_tail_stays_with_its_sentence(lang: str, text: str, expected: list[str]) -> None:
    assert _sentences(lang, text) == expected
