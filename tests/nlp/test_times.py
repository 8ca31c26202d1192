"""Time expressions in en/ru/uk resolved against the publication date (reference: Tuesday 2025-01-07)."""

from __future__ import annotations

from datetime import date, datetime, timedelta, timezone

import pytest

from pipelines.nlp.claims.times import extract_times

PUB = datetime(2025, 1, 7, 13, 25, tzinfo=timezone(timedelta(hours=3)))  # a Tuesday


@pytest.mark.parametrize(
    ("lang", "text", "expr", "start", "end"),
    [
        ("en", "Blinken stated on Monday that", "on Monday", "2025-01-06", "2025-01-06"),
        ("en", "the incursion in August last year", "August last year", "2024-08-01", "2024-08-31"),
        ("en", "as he said last August", "last August", "2024-08-01", "2024-08-31"),
        ("en", "the inauguration on 20 January", "20 January", "2025-01-20", "2025-01-20"),
        ("en", "on January 20th, 2024 they met", "January 20th, 2024", "2024-01-20", "2024-01-20"),
        ("en", "shelling yesterday", "yesterday", "2025-01-06", "2025-01-06"),
        ("en", "talks last week", "last week", "2024-12-30", "2025-01-05"),
        ("en", "talks next week", "next week", "2025-01-13", "2025-01-19"),
        ("en", "strikes two days ago", "two days ago", "2025-01-05", "2025-01-05"),
        ("en", "shrinking in recent days", "in recent days", "2024-12-31", "2025-01-07"),
        ("en", "losses in 2024, officials said", "in 2024", "2024-01-01", "2024-12-31"),
        ("en", "fighting in December", "in December", "2024-12-01", "2024-12-31"),
        ("en", "on Tuesday", "on Tuesday", "2025-01-07", "2025-01-07"),
        ("en", "the report of 05.01.2025", "05.01.2025", "2025-01-05", "2025-01-05"),
        ("ru", "вчера вечером", "вчера вечером", "2025-01-06", "2025-01-06"),
        ("ru", "заявил в понедельник", "в понедельник", "2025-01-06", "2025-01-06"),
        ("ru", "на прошлой неделе", "на прошлой неделе", "2024-12-30", "2025-01-05"),
        ("ru", "в августе прошлого года", "в августе прошлого года", "2024-08-01", "2024-08-31"),
        ("ru", "20 января", "20 января", "2025-01-20", "2025-01-20"),
        ("ru", "в ночь на 5 января", "в ночь на 5 января", "2025-01-04", "2025-01-05"),
        ("ru", "три дня назад", "три дня назад", "2025-01-04", "2025-01-04"),
        ("ru", "в 2024 году", "в 2024 году", "2024-01-01", "2024-12-31"),
        ("uk", "вчора", "вчора", "2025-01-06", "2025-01-06"),
        ("uk", "минулого тижня", "минулого тижня", "2024-12-30", "2025-01-05"),
        ("uk", "у понеділок", "у понеділок", "2025-01-06", "2025-01-06"),
        ("uk", "в п’ятницю", "в п’ятницю", "2025-01-03", "2025-01-03"),
        ("uk", "у серпні минулого року", "у серпні минулого року", "2024-08-01", "2024-08-31"),
        ("uk", "20 січня", "20 січня", "2025-01-20", "2025-01-20"),
        ("uk", "торік", "торік", "2024-01-01", "2024-12-31"),
        ("uk", "два дні тому", "два дні тому", "2025-01-05", "2025-01-05"),
    ],
)
def test_time(lang: str, text: str, expr: str, start: str, end: str) -> None:
    found = extract_times(text, lang, PUB)
    assert [(t.text, t.resolved_start, t.resolved_end) for t in found] == [(expr, start, end)]


def test_offsets_and_order() -> None:
    text = "On Monday the ministry said it had retreated last week."
    found = extract_times(text, "en", PUB)
    assert [t.text for t in found] == ["On Monday", "last week"]
    for t in found:
        assert text[t.start : t.end] == t.text


def test_relative_expressions_need_a_reference_date() -> None:
    (t,) = extract_times("yesterday", "en", None)
    assert t.resolved_start is None and t.resolved_end is None


def test_a_date_is_accepted_as_reference() -> None:
    (t,) = extract_times("вчера", "ru", date(2024, 3, 1))
    assert t.resolved_start == "2024-02-29"


def test_no_time_in_plain_text() -> None:
    assert extract_times("Russian forces shelled an armoured unit.", "en", PUB) == []
    assert extract_times("May God help them", "en", PUB) == []


def test_unknown_language_is_a_clear_error() -> None:
    with pytest.raises(ValueError, match="allowed"):
        extract_times("gestern", "de", PUB)


def test_remembered_results_are_the_same_and_fresh(monkeypatch: pytest.MonkeyPatch) -> None:
    """A sentence asked again (once per claim) gets the same expressions, in a list of its own; the memory of
    results is bounded, and a reference date is part of what is remembered."""
    from pipelines.nlp.claims import times

    monkeypatch.setattr(times, "_memo", {})
    monkeypatch.setattr(times, "_MEMO_SIZE", 2)
    text = "Blinken stated on Monday that talks last week failed"
    first = extract_times(text, "en", PUB)
    assert [t.text for t in first] == ["on Monday", "last week"]
    first.clear()
    again = extract_times(text, "en", PUB)
    assert again == times._extract(text, "en", PUB.date()) and len(again) == 2
    assert extract_times(text, "en", date(2025, 2, 4))[0].resolved_start == "2025-02-03"
    assert extract_times(text, "en", None)[0].resolved_start is None
    assert len(times._memo) <= 2


def test_rules_that_need_a_digit_are_skipped_only_on_text_without_one() -> None:
    import re

    from pipelines.nlp.claims import times

    def needs(pattern: str) -> bool:
        return bool(times._needs_digit(times._parser.parse(pattern, re.IGNORECASE)))

    assert needs(r"(?P<d>[0-3]?\d)\.(?P<m>[01]?\d)") and needs(r"(?:in|by) (?P<year>(?:19|20)\d\d)")
    assert needs(r"(?:a|b)?[0-9]{2,}") and needs(r"(?:x\d|\dy)")
    assert not needs(r"(?P<n>\d+|one|two) days? ago") and not needs(r"\d?x") and not needs(r"[^0-9]")
    assert not needs(r"(?<!\d)x(?=\d)") and not needs(r"[\dx]")
    # in the packs: dates and years need a digit, weekdays and "N days ago" (words allowed) do not
    en = {p.pattern: n for p, _, n in times._compiled("en")}
    assert any(n and "(?P<y>" in p for p, n in en.items())
    assert not any(n and ("monday" in p or " ago" in p) for p, n in en.items())
    published = date(2024, 6, 1)
    assert [t.text for t in times.extract_times("On 3 May and last Monday", "en", published)] == [
        "3 May",
        "last Monday",
    ]
