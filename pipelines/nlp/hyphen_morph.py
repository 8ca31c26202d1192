"""Dictionary morphology for hyphenated words: ``claimflow_hyphen_morph_v1``.

The bundled tokenizers keep hyphenated words whole, as the corpora do (:mod:`pipelines.nlp.tokenization`), but the
Russian and Ukrainian taggers saw few of them and misread many: "пресс-служба" as a verb, "экс-президент" as a
pronoun, "пресс-службе" as an adjective (about a quarter of the hyphenated words pymorphy3 knows, on 150 NEREL
texts). This component, for languages with a pymorphy3 dictionary, gives such a word the part of speech of the
dictionary when every reading the dictionary knows has the same one (a noun the tagger called a proper noun
keeps PROPN) with that reading's features (the tagger's verb features go), the case of its most likely reading
when the tagger's case is not among the readings', and
the dictionary's lemma when the lemmatizer left the word as written. Words the dictionary does not know
("Нью-Джерси", most names) keep the tagger's analysis unless it called them punctuation, a symbol or X (a proper
noun when capitalised, else a noun); words with readings of several parts of speech keep it too. It
runs after the parser and before the claim rules, which read these attributes; the parse is not changed.
"""

from __future__ import annotations

from typing import Any

from spacy.language import Language
from spacy.tokens import Doc, Token

from pipelines.nlp.claims.canonical import MORPH_LANGUAGES, morph

HYPHEN_MORPH_FACTORY = "claimflow_hyphen_morph_v1"
HYPHEN_MORPH_NAME = "hyphen_morph"

#: OpenCorpora parts of speech → Universal Dependencies
_POS = {
    "NOUN": "NOUN",
    "ADJF": "ADJ",
    "ADJS": "ADJ",
    "COMP": "ADJ",
    "VERB": "VERB",
    "INFN": "VERB",
    "PRTF": "VERB",
    "PRTS": "VERB",
    "GRND": "VERB",
    "NUMR": "NUM",
    "ADVB": "ADV",
    "NPRO": "PRON",
    "PRED": "ADV",
    "PREP": "ADP",
    "CONJ": "CCONJ",
    "PRCL": "PART",
    "INTJ": "INTJ",
}
#: OpenCorpora cases → Universal Dependencies
_CASE = {
    "nomn": "Nom",
    "gent": "Gen",
    "gen2": "Gen",
    "datv": "Dat",
    "accs": "Acc",
    "acc2": "Acc",
    "ablt": "Ins",
    "loct": "Loc",
    "loc2": "Loc",
    "voct": "Voc",
}


#: tags a word of letters never has
_NOT_WORDS = frozenset({"PUNCT", "SYM", "X"})


#: OpenCorpora number, gender and animacy → Universal Dependencies
_FEATURES = {
    "sing": ("Number", "Sing"),
    "plur": ("Number", "Plur"),
    "masc": ("Gender", "Masc"),
    "femn": ("Gender", "Fem"),
    "neut": ("Gender", "Neut"),
    "anim": ("Animacy", "Anim"),
    "inan": ("Animacy", "Inan"),
}


def _features(parse: Any) -> dict[str, str]:
    """The Universal Dependencies features of a pymorphy3 reading: case, number, gender, animacy."""
    feats = dict(_FEATURES[g] for g in parse.tag.grammemes if g in _FEATURES)
    case = _CASE.get(str(parse.tag.case))
    if case is not None:
        feats["Case"] = case
    return feats


def _hyphenated(tok: Token) -> bool:
    inner = tok.text.strip("-")
    return "-" in inner and any(ch.isalpha() for ch in inner)


class HyphenMorph:
    """Set the part of speech, case and lemma of hyphenated words from the language's dictionary."""

    def __init__(self, lang: str) -> None:
        self.lang = lang

    def _parses(self, text: str) -> list[Any]:
        analyser = morph(self.lang)  # loaded once per process
        return [p for p in analyser.parse(text) if p.is_known] if analyser is not None else []

    def __call__(self, doc: Doc) -> Doc:
        for tok in doc:
            if _hyphenated(tok):
                self._repair(tok)
        return doc

    def _repair(self, tok: Token) -> None:
        parses = self._parses(tok.text)
        if not parses and tok.pos_ in _NOT_WORDS:
            tok.pos_ = "PROPN" if tok.text[:1].isupper() else "NOUN"  # "Петро-Славянка" is no punctuation
            return
        kinds = {_POS.get(str(p.tag.POS)) for p in parses}
        if len(kinds) != 1 or None in kinds:
            return
        (pos,) = kinds
        assert pos is not None
        changed = tok.pos_ != pos and not (tok.pos_ == "PROPN" and pos == "NOUN")
        if changed:
            tok.pos_ = pos
        if pos in ("NOUN", "ADJ", "PRON", "NUM"):
            cases = [_CASE[str(p.tag.case)] for p in parses if str(p.tag.case) in _CASE]
            mine = tok.morph.get("Case")
            # a new part of speech takes the dictionary's features (a verb's Person, Tense … do not stay)
            feats = _features(parses[0]) if changed else tok.morph.to_dict()
            kept = bool(mine) and mine[0] in cases
            if cases and (changed or not kept):  # the tagger's case when the dictionary allows it
                feats["Case"] = mine[0] if kept else cases[0]
            tok.set_morph("|".join(f"{k}={v}" for k, v in sorted(feats.items())))
        if tok.lemma_.lower() == tok.text.lower() or not tok.lemma_:
            tok.lemma_ = str(parses[0].normal_form)


def make_hyphen_morph(nlp: Language, name: str) -> HyphenMorph:
    """``claimflow_hyphen_morph_v1``: dictionary morphology for hyphenated words (ru, uk)."""
    return HyphenMorph(nlp.lang)


Language.factory(HYPHEN_MORPH_FACTORY, func=make_hyphen_morph)


def wants_hyphen_morph(nlp: Language) -> bool:
    """A pipeline of a language with a dictionary and a tagger whose output the component can repair."""
    return nlp.lang in MORPH_LANGUAGES and any(n in nlp.pipe_names for n in ("morphologizer", "tagger"))
