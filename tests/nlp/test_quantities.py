"""Quantities: digits and words in en/ru/uk, qualifiers, ranges, vague amounts (ACLED conventions), units."""

from __future__ import annotations

from typing import Any

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from pipelines.nlp.claims.quantities import QUALIFIERS, extract_quantities


def one(text: str, lang: str) -> dict[str, Any]:
    found = extract_quantities(text, lang)
    assert len(found) == 1, [q.as_dict() for q in found]
    return found[0].as_dict()


@pytest.mark.parametrize(
    ("lang", "text", "value", "qualifier", "lower", "upper", "unit"),
    [
        ("en", "losing more than 70 pieces of equipment", 70, "more_than", 70, None, "pieces of equipment"),
        ("en", "Leonidovo, 15 kilometres from Sudzha", 15, "exact", 15, 15, "kilometres"),
        ("en", "at least seventy-five armoured vehicles", 75, "at_least", 75, None, "armoured vehicles"),
        ("en", "up to 1.5 million people", 1.5e6, "at_most", None, 1.5e6, "people"),
        ("en", "fewer than 300 soldiers", 300, "less_than", None, 300, "soldiers"),
        ("en", "some 2,500 troops", 2500, "about", None, None, "troops"),
        ("en", "between 10 and 15 civilians", 10, "range", 10, 15, "civilians"),
        ("en", "40-50 drones", 40, "range", 40, 50, "drones"),
        ("en", "two hundred and fifty shells", 250, "exact", 250, 250, "shells"),
        ("en", "dozens of drones", 12, "vague", 12, None, "drones"),
        ("en", "hundreds of thousands of refugees", 1e5, "vague", 1e5, None, "refugees"),
        ("en", "several houses", 10, "vague", 10, None, "houses"),
        ("en", "a few tanks", 3, "vague", 3, None, "tanks"),
        ("en", "a dozen tanks", 12, "exact", 12, 12, "tanks"),
        ("en", "30% of the town", 30, "exact", 30, 30, "percent"),
        ("ru", "понад 70 единиц техники", None, None, None, None, None),
        ("ru", "свыше семидесяти единиц техники", 70, "more_than", 70, None, "единиц техники"),
        ("ru", "более 200 военных", 200, "more_than", 200, None, "военных"),
        ("ru", "около 1,5 тыс. человек", 1500, "about", None, None, "человек"),
        ("ru", "от 10 до 15 дронов", 10, "range", 10, 15, "дронов"),
        ("ru", "не менее двадцати пяти раненых", 25, "at_least", 25, None, "раненых"),
        ("ru", "две тысячи двести человек", 2200, "exact", 2200, 2200, "человек"),
        ("ru", "десятки домов", 10, "vague", 10, None, "домов"),
        ("ru", "несколько сотен снарядов", 200, "vague", 200, None, "снарядов"),
        ("uk", "понад 70 одиниць техніки", 70, "more_than", 70, None, "одиниць техніки"),
        ("uk", "понад сімдесят одиниць техніки", 70, "more_than", 70, None, "одиниць техніки"),
        ("uk", "щонайменше сорок п'ять військових", 45, "at_least", 45, None, "військових"),
        ("uk", "близько трьохсот дронів", 300, "about", None, None, "дронів"),
        ("uk", "від 10 до 15 ракет", 10, "range", 10, 15, "ракет"),
        ("uk", "кілька сотень дронів", 200, "vague", 200, None, "дронів"),
        ("uk", "15 км від Суджі", 15, "exact", 15, 15, "км"),
    ],
)
def test_quantity(
    lang: str,
    text: str,
    value: float | None,
    qualifier: str | None,
    lower: float | None,
    upper: float | None,
    unit: str | None,
) -> None:
    if qualifier is None:
        # "понад" is Ukrainian, not Russian: in a Russian text it is no qualifier, the number stays exact
        q = one(text, lang)
        assert q["qualifier"] == "exact"
        assert q["value"] == 70
        return
    q = one(text, lang)
    assert q["value"] == pytest.approx(value)
    assert q["qualifier"] == qualifier
    assert q["lower_bound"] == (pytest.approx(lower) if lower is not None else None)
    assert q["upper_bound"] == (pytest.approx(upper) if upper is not None else None)
    assert q["unit"] == unit


@pytest.mark.parametrize(
    ("lang", "text"),
    [
        ("en", "It is an important one."),
        ("en", "The Su-25 jets flew in 2024."),
        ("en", "Updated at 01:25 p.m. on the 7th."),
        ("ru", "2-й батальон вошёл в город в 2024 году."),
        ("uk", "Один із них поранений."),
        # document numbers are identifiers, not counts (issue 17)
        ("en", "under the ministry's order № 13 848"),
        ("ru", "согласно постановлению правительства № 13 848"),
        ("uk", "згідно з наказом №13848 командування"),
        ("en", "see ticket #5"),
    ],
)
def test_no_quantity(lang: str, text: str) -> None:
    assert extract_quantities(text, lang) == []


def test_model_designation_is_a_unit_not_a_number() -> None:
    q = one("They hit 3 T-72 tanks.", "en")
    assert q["value"] == 3 and q["unit"] == "t-72 tanks"


def test_excluded_spans_are_skipped() -> None:
    text = "On 20 January 40 drones attacked."
    assert [q.text for q in extract_quantities(text, "en", exclude=[(3, 13)])] == ["40 drones"]


def test_offsets_point_into_the_text() -> None:
    text = "Officials said that more than 70 pieces of equipment were lost."
    (q,) = extract_quantities(text, "en")
    assert text[q.start : q.end] == q.text == "more than 70 pieces of equipment"


def test_unknown_language_is_a_clear_error() -> None:
    with pytest.raises(ValueError, match="allowed"):
        extract_quantities("12 tanks", "de")


@settings(max_examples=60, deadline=None)
@given(st.integers(min_value=0, max_value=10**7))
def test_digit_round_trip(n: int) -> None:
    found = extract_quantities(f"They counted {n:,} shells.", "en")
    if 1900 <= n <= 2100:
        return
    assert len(found) == 1
    assert found[0].value == n
    assert found[0].qualifier in QUALIFIERS


@pytest.mark.parametrize(
    ("lang", "text", "unit"),
    [
        # a hyphenated compound is one word: never the counted noun's first half ("several cutting")
        ("en", "Ukraine received several cutting-edge weapons systems.", "cutting-edge weapons"),
        ("en", "Russia fired dozens of long-range missiles.", "long-range missiles"),
        ("en", "five surface-to-air missiles were shot down", "surface-to-air missiles"),
        ("uk", "збито понад 70 дронів-камікадзе", "дронів-камікадзе"),
        ("ru", "сбито около 20 дронов-камикадзе", "дронов-камикадзе"),
    ],
)
def test_hyphenated_compounds_stay_whole(lang: str, text: str, unit: str) -> None:
    assert one(text, lang)["unit"] == unit
