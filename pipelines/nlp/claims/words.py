"""Language-neutral constants and word tests of the claim rules: edge punctuation, the forces and countries of
the sides, the rank of place types, what counts as a word. Words of a language live in its pack
(:mod:`pipelines.nlp.langpacks`)."""

from __future__ import annotations

import re

from spacy.tokens import Token

PUNCT_EDGE = set(",.;:!?—–-()[]") | set(" \t\n")

SIDE_FORCES = {"ua": "Armed Forces of Ukraine", "ru": "Armed Forces of the Russian Federation"}

COUNTRY_SIDE = {"Ukraine": "ua", "Russia": "ru", "United States": "us", "Belarus": "by"}

PLACE_RANK = {"village": 0, "town": 1, "city": 2, "region": 3, "peninsula": 3, "country": 4}


#: letters joined by apostrophes or hyphens ("В'ячеслав", "O’Brien", "прес-службі", "Holtz-Eakin": the tokenizer
#: keeps hyphenated words whole, :mod:`pipelines.nlp.tokenization`)
_JOINED_WORD = re.compile(r"[^\W\d_]+(?:['’ʼ-][^\W\d_]+)+")

#: a site's name as written ("Lenta.ru", "Meduza.io"): letters, a dot, letters
_SITE_NAME = re.compile(r"[^\W\d_]{2,}(?:\.[^\W\d_]{2,})+")


def word(tok: Token) -> bool:
    """A word of letters, apostrophes and hyphens inside it included ("В'ячеслав", "прес-службі", "ОВА")."""
    return tok.is_alpha or _JOINED_WORD.fullmatch(tok.text) is not None


def name_word(tok: Token) -> bool:
    """A word (:func:`word`) or a capitalised site name written as its domain ("Lenta.ru")."""
    return word(tok) or (tok.text[:1].isupper() and _SITE_NAME.fullmatch(tok.text) is not None)
