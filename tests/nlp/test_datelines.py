"""Datelines (:mod:`pipelines.nlp.claims.datelines`): the shapes of the agencies, and what is none."""

from __future__ import annotations

import pytest

from pipelines.nlp.claims.datelines import dateline_end, dateline_spans


@pytest.mark.parametrize(
    ("text", "report"),
    [
        ("KYIV, Dec 1 (Reuters) - Russia launched", "Russia launched"),
        ("LONDON, Dec. 1, 2025 (Reuters) - Britain said", "Britain said"),
        ("WASHINGTON (Reuters) - The Pentagon", "The Pentagon"),
        ("KYIV, Ukraine (AP) — Russia", "Russia"),
        ("WASHINGTON — The Pentagon", "The Pentagon"),
        ("WASHINGTON ― The Pentagon", "The Pentagon"),  # a horizontal bar (HuffPost)
        (
            "MYRTLE BEACH, S.C. - Sen. Smith",
            "Sen. Smith",
        ),  # a place in capitals, its state or country, a dash
        ("FRESNO, Calif. — The mayor", "The mayor"),
        ("KHARKIV, Ukraine — Russian drones", "Russian drones"),
        ("МОСКВА, 1 декабря. /ТАСС/. Российские", "Российские"),
        ("КИЕВ, 1 дек – РИА Новости. Украинские", "Украинские"),
        ("Москва. 1 декабря. INTERFAX.RU - Силы", "Силы"),
        ("КИЇВ. 1 грудня. УНН. Росіяни", "Росіяни"),
        ("Київ, 1 грудня (Укрінформ) - Росіяни", "Росіяни"),
    ],
)
def test_a_dateline_ends_where_the_report_starts(text: str, report: str) -> None:
    assert text[dateline_end(text, 0) :] == report


@pytest.mark.parametrize(
    "text",
    [
        "NATO - the alliance said",  # the report starts a sentence
        "Russia, Ukraine - talks resumed",
        "The ministry (MoD) - said",
        "UN — Guterres said",  # two letters are an acronym, not a place
        "Путин, 1 декабря - заявил",
        "Russian forces shelled Kherson.",
    ],
)
def test_no_dateline(text: str) -> None:
    assert dateline_end(text, 0) is None


def test_datelines_open_paragraphs_only() -> None:
    text = "KYIV (Reuters) - Russia struck.\nHe said KYIV (Reuters) - no.\n  WASHINGTON — The Pentagon said."
    assert [text[a:b] for a, b in dateline_spans(text)] == ["KYIV (Reuters) - ", "WASHINGTON — "]
