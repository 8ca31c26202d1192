"""The alias table: canonical names across languages, transliterations, inflections, acronyms."""

from __future__ import annotations

from pathlib import Path

import pytest

from pipelines.nlp.aliases import Alias, AliasTable, AliasTableError


@pytest.fixture(scope="module")
def table() -> AliasTable:
    return AliasTable.load_default()


@pytest.mark.parametrize(
    ("text", "lang", "canonical"),
    [
        ("AFU", None, "Armed Forces of Ukraine"),
        ("Armed Forces of Ukraine", "en", "Armed Forces of Ukraine"),
        ("ЗСУ", "uk", "Armed Forces of Ukraine"),
        ("ВСУ", "ru", "Armed Forces of Ukraine"),
        ("the Russian Defence Ministry", "en", "Ministry of Defence of the Russian Federation"),
        ("Russian Defense Ministry’s", "en", "Ministry of Defence of the Russian Federation"),
        ("Минобороны России", "ru", "Ministry of Defence of the Russian Federation"),
        ("Министерства обороны России", "ru", "Ministry of Defence of the Russian Federation"),
        ("Міноборони РФ", "uk", "Ministry of Defence of the Russian Federation"),
        ("Kurakhove", "en", "Kurakhove"),
        ("Kurakhovo", "en", "Kurakhove"),
        ("Курахово", "ru", "Kurakhove"),
        ("Курахове", "uk", "Kurakhove"),
        ("Кураховом", "ru", "Kurakhove"),
        ("Kursk region", "en", "Kursk"),
        ("Курской области", "ru", "Kursk"),
        ("Зеленського", "uk", "Volodymyr Zelensky"),
        ("Києві", "uk", "Kyiv"),
        ("Kiev", "en", "Kyiv"),
        ("«Укрінформ»", "uk", "Ukrinform"),
        ("  deep   state ", "en", "DeepStateMap"),
    ],
)
def test_lookup(table: AliasTable, text: str, lang: str | None, canonical: str) -> None:
    alias = table.lookup(text, lang)
    assert alias is not None, text
    assert alias.canonical == canonical


def test_types_sides_kinds(table: AliasTable) -> None:
    assert table.lookup("ЗСУ") == Alias("Armed Forces of Ukraine", "military", "ua", "ORG")
    mod = table.lookup("Минобороны России")
    assert mod is not None and (mod.type, mod.side, mod.kind) == ("government", "ru", "ORG")
    reuters = table.lookup("Reuters")
    assert reuters is not None and reuters.type == "media" and reuters.side is None
    place = table.lookup("Donetsk region")
    assert place is not None and (place.kind, place.type) == ("LOC", "region")


def test_acronyms_only_match_capitals(table: AliasTable) -> None:
    assert table.lookup("us") is None
    us = table.lookup("US")
    assert us is not None and us.canonical == "United States"


def test_unknown_and_empty(table: AliasTable) -> None:
    assert table.lookup("Ukrainian media") is None
    assert table.lookup("") is None
    assert table.lookup("„“") is None


def test_suffix_lookup_drops_titles(table: AliasTable) -> None:
    alias = table.lookup_suffix("US Secretary of State Antony Blinken")
    assert alias is not None and alias.canonical == "Antony Blinken"


def test_table_covers_the_war(table: AliasTable) -> None:
    kinds = {a.kind for a in table.aliases()}
    assert kinds >= {"PER", "LOC", "ORG"}
    assert len(table) >= 100
    variants = dict(table.variants("uk"))
    assert "Генштаб ЗСУ" in variants


def test_malformed_table_is_a_clear_error(tmp_path: Path) -> None:
    bad = tmp_path / "aliases.tsv"
    bad.write_text("Kyiv\tLOC\tcity\n", encoding="utf-8")
    with pytest.raises(AliasTableError, match="7 tab-separated columns"):
        AliasTable.load(bad)
    bad.write_text("Kyiv\tPLACE\tcity\t-\tKyiv\tКиев\tКиїв\n", encoding="utf-8")
    with pytest.raises(AliasTableError, match="allowed"):
        AliasTable.load(bad)
