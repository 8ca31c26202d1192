"""Language-neutral constants and word tests of the claim rules: edge punctuation, the forces and countries of
the sides, the rank of place types, what counts as a word. Words of a language live in its pack
(:mod:`pipelines.nlp.langpacks`)."""

from __future__ import annotations

import unicodedata

from spacy.tokens import Token

from pipelines.nlp.tokenization import name_word as name_word
from pipelines.nlp.tokenization import word as word

PUNCT_EDGE = set(",.;:!?—–-()[]") | set(" \t\n")

SIDE_FORCES = {"ua": "Armed Forces of Ukraine", "ru": "Armed Forces of the Russian Federation"}

COUNTRY_SIDE = {"Ukraine": "ua", "Russia": "ru", "United States": "us", "Belarus": "by"}

PLACE_RANK = {"village": 0, "town": 1, "city": 2, "region": 3, "peninsula": 3, "country": 4}


def symbol_edge(ch: str) -> bool:
    """A list bullet or emoji at a span's edge ("▪️", "•", "🔴", "👇"): a symbol from the arrows on (not "№",
    "°" or "©", which belong to a figure or name), an emoji variation selector or joiner, never part of what was
    said."""
    return ch in "•\ufe0f\u200d" or (ord(ch) >= 0x2190 and unicodedata.category(ch) == "So")


def converb(tok: Token) -> bool:
    """A converb (деепричастие) or an English -ing participle: "добавив", "посилаючись", "adding", "citing"."""
    return tok.tag_ == "VBG" or bool({"Ger", "Conv"} & set(tok.morph.get("VerbForm")))
