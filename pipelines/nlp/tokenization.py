"""Tokenization that matches the training corpora: hyphenated words stay whole.

spaCy's default tokenizers split a hyphen between letters ("Holtz-Eakin" → "Holtz", "-", "Eakin"; "прес-служба"
→ "прес", "-", "служба"; "Івано-Франківськ" → three tokens). The corpora claimflow's bundled pipelines learn
from keep such words whole: CoNLL-2003 ("Jean-Paul", "Itar-Tass", "Boutros-Ghali"), UD English EWT
("anti-American"), UD Russian and Ukrainian, NER-UK. A pipeline trained on whole words and run on split ones
sees tokens it never saw: the NER cut "Mr. Holtz-Eakin" into an organisation "Holtz" and a person "Eakin".

:func:`whole_hyphenated_words` drops the plain hyphen from the infix rules that split between letters (and, in
English, between a digit and a letter: "10-year-old", as the corpora write it). Dashes (–, —, --) and the tilde
still split, so "the plan—which failed" keeps its dash apart. The bundled pipelines save the changed tokenizer
(``training.build``, ``python -m training.tokenizer``); official spaCy pipelines, trained on OntoNotes'
tokenization, keep theirs.
"""

from __future__ import annotations

import re

from spacy.lang.char_classes import HYPHENS
from spacy.language import Language
from spacy.tokens import Token
from spacy.util import compile_infix_regex

#: the hyphen alternatives without the plain hyphen
_DASHES = "|".join(h for h in HYPHENS.split("|") if h != "-")


def whole_infixes(infixes: list[str]) -> list[str]:
    """``infixes`` with the plain hyphen taken out of every rule that splits at any of spaCy's hyphens."""
    group = f"(?:{HYPHENS})"
    return [p.replace(group, f"(?:{_DASHES})") if group in p else p for p in infixes]


def whole_hyphenated_words(nlp: Language) -> Language:
    """Set ``nlp``'s tokenizer to keep words joined by a plain hyphen whole (the language's default infix rules
    otherwise); returns ``nlp``. Idempotent."""
    infixes = whole_infixes(list(nlp.Defaults.infixes or []))
    nlp.tokenizer.infix_finditer = compile_infix_regex(infixes).finditer  # type: ignore[attr-defined]
    return nlp


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
