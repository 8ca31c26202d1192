"""Language-neutral constants and word tests of the claim rules: edge punctuation, the forces and countries of
the sides, the rank of place types, what counts as a word. Words of a language live in its pack
(:mod:`pipelines.nlp.langpacks`)."""

from __future__ import annotations

import re
import unicodedata

from spacy.tokens import Doc, Token

from pipelines.nlp.claims.canonical import only_converb
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
    """A converb (деепричастие) or an English -ing participle: "добавив", "посилаючись", "adding", "citing"; also
    one the tagger misread that the language's dictionary knows only as a converb ("отмечая")."""
    if tok.tag_ == "VBG" or {"Ger", "Conv"} & set(tok.morph.get("VerbForm")):
        return True
    return tok.pos_ == "VERB" and only_converb(tok.doc.lang_, tok.lower_)


_ABBREVIATION = re.compile(r"(?:[A-Z][a-z]{0,3}\.|(?:[A-ZА-ЯЇІЄҐ]\.){1,3})")


def year_number(tok: Token) -> bool:
    """A year written as four digits ("2016" of "2016 года"): the word after it goes with it."""
    return len(tok.text) == 4 and tok.is_digit


def abbreviation(tok: Token) -> bool:
    """A title or initials written with full stops, part of a name: "Rep.", "Sen.", "Dr.", "G.K.", "U.S."."""
    return _ABBREVIATION.fullmatch(tok.text) is not None


def bracketed_tag_end(doc: Doc, j: int, hi: int) -> int | None:
    """The index after a short bracketed tag that opens at ``j`` after a name: a party and state ("(D-N.C.)",
    "(R)"), an age ("(64)"); None when ``j`` opens none (at most four tokens inside, no verb)."""
    if doc[j].text != "(":
        return None
    for k in range(j + 1, min(hi, j + 6)):
        if doc[k].text == ")":
            return k + 1 if k > j + 1 else None
        if doc[k].pos_ in ("VERB", "AUX") or doc[k].is_space:
            return None
    return None


#: what may close a sentence after its last word: quotation marks, brackets, ellipses, emoji
SENTENCE_TRAIL = " \t\n\"'»”’“›)]*…🙏👇👉🇺🇦💙💛"


def is_question(text: str) -> bool:
    """A sentence or content that ends in a question mark (closing quotes and emoji aside)."""
    return text.rstrip(SENTENCE_TRAIL).endswith("?")
