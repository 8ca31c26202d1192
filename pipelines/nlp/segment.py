"""Rule-based sentence boundaries for news text (English, Russian, Ukrainian).

A sentence ends at a line break, or at ``.``, ``!``, ``?``, ``…`` (plus any closing quotes and brackets after
it) when the next word starts with a capital letter, a digit, an opening quote or bracket, or a dash — unless
the full stop belongs to an abbreviation ("p.m.", "Gen.", "U.S.", "г.", "ім.": the ``abbreviations`` of the
language packs, all packs together). Statistical parsers trained on
small treebanks often split news sentences inside names ("US | Secretary of State …"); the claim layer uses
these boundaries, and ``claimflow_paragraphs_v1`` presets them before the parser (which keeps preset
boundaries), so the parse stays inside sentences.
"""

from __future__ import annotations

import re
from functools import lru_cache

import numpy as np
from spacy.attrs import IDX, IS_SPACE, LENGTH
from spacy.tokens import Doc

from pipelines.nlp.langpacks import abbreviations, unmarked_sentence_openers

_TERMINAL = {".", "!", "?", "…", "...", "?!", "!?", "!!", "??"}
_CLOSERS = {"”", "»", '"', "’", ")", "]", "“", "'"}
_NEWLINE = re.compile("\n")
_ENDERS = re.compile("[.!?…]")
_OPENERS = {"“", "«", '"', "„", "(", "[", "—", "–", "-", "‘"}
_DASHES = {"—", "–", "-", "--"}


@lru_cache(maxsize=8)
def _unmarked_break(words: tuple[frozenset[str], frozenset[str]]) -> re.Pattern[str] | None:
    """Where a sentence starts without the full stop before it: an opener of the packs
    (:func:`~pipelines.nlp.langpacks.unmarked_sentence_openers`) after a lower-case letter or a figure and
    spaces, before a word of three letters or more that is no conjunction of the packs, or a figure."""
    openers, conjunctions = words
    if not openers:
        return None
    alternatives = "|".join(sorted((re.escape(w) for w in openers), key=len, reverse=True))
    conj = "|".join(sorted((re.escape(w) for w in conjunctions), key=len, reverse=True)) or "(?!)"
    return re.compile(
        rf"(?<=[^\W\d_A-ZА-ЯІЇЄҐЁ]|\d)[ \t]+(?P<opener>{alternatives})"
        rf"(?=[ \t]+(?:(?!(?:{conj})\b)[^\W\d_]{{3,}}|\d))"
    )


def _is_abbreviation(doc: Doc, i: int) -> bool:
    tok = doc[i]
    if tok.text == "." and i > 0 and doc[i - 1].whitespace_ == "":
        prev = doc[i - 1].text.lower().rstrip(".")
        return prev in abbreviations() or (len(prev) == 1 and prev.isalpha())
    if tok.text.endswith(".") and len(tok.text) > 1:
        core = tok.text.lower().rstrip(".")
        return core in abbreviations() or (len(core) <= 2 and core.isalpha()) or "." in core
    return False


def _speech_tail(doc: Doc, k: int) -> bool:
    """A dash and a lower-case word after sentence punctuation: the words that say who spoke, which belong to the
    sentence before ("«Почему нас не предупредили?» — спросил глава администрации", "Куди? — запитала вона")."""
    if doc[k].text not in _DASHES:
        return False
    m = k + 1
    while m < len(doc) and doc[m].is_space and "\n" not in doc[m].text:
        m += 1
    return m < len(doc) and doc[m].text[:1].islower()


def sentence_starts(doc: Doc, text: str | None = None) -> list[bool]:
    """For every token, whether a sentence starts there (space tokens never start one). ``text``: ``doc.text``
    when the caller has it already (``Doc.text`` joins every token each time it is read).

    Only the few tokens that can matter are looked at in Python: space tokens holding a line break and tokens
    ending in sentence punctuation, found with one regular-expression pass over ``doc.text`` and mapped to token
    indices with numpy.
    """
    n = len(doc)
    starts = [False] * n
    if n == 0:
        return starts
    arr = doc.to_array([IDX, LENGTH, IS_SPACE]).astype(np.int64)
    idx, length, is_space = arr[:, 0], arr[:, 1], arr[:, 2].astype(bool)
    text = doc.text if text is None else text
    newlines = np.array([m.start() for m in _NEWLINE.finditer(text)], dtype=np.int64)
    enders = np.array([m.start() for m in _ENDERS.finditer(text)], dtype=np.int64)
    # a line break inside a space token: the next non-space token starts a sentence (so does the first one)
    breaks = np.unique(np.searchsorted(idx, newlines, side="right") - 1) if len(newlines) else newlines
    breaks = breaks[is_space[breaks]] if len(breaks) else breaks
    not_space = np.flatnonzero(~is_space)
    if len(not_space):
        starts[int(not_space[0])] = True
        for b in np.searchsorted(not_space, breaks, side="right"):
            if b < len(not_space):
                starts[int(not_space[b])] = True
    # tokens whose last character is sentence punctuation
    candidates = np.searchsorted(idx, enders, side="right") - 1 if len(enders) else enders
    if len(candidates):
        candidates = np.unique(candidates[(idx[candidates] + length[candidates] - 1) == enders])
    for i in (int(c) for c in candidates):
        if is_space[i]:
            continue
        tok = doc[i]
        ends = tok.text in _TERMINAL or (len(tok.text) > 1 and tok.text.endswith((".", "!", "?", "…")))
        if ends and tok.text.endswith(".") and tok.text not in ("...",) and _is_abbreviation(doc, i):
            ends = False
        if not ends:
            continue
        j = i + 1
        while (
            j < n and doc[j].text in _CLOSERS and not (doc[j].text in ("“", '"') and doc[j - 1].whitespace_)
        ):
            j += 1
        k = j
        while k < n and doc[k].is_space and "\n" not in doc[k].text:
            k += 1
        if k < n and not doc[k].is_space and not _speech_tail(doc, k):
            first = doc[k].text[:1]
            if (first.isupper() or first.isdigit() or doc[k].text in _OPENERS or first in _OPENERS) and (
                doc[j - 1].whitespace_ or j < k
            ):
                starts[k] = True
    unmarked = _unmarked_break(unmarked_sentence_openers())
    if unmarked is not None:
        # "… до 500 грн / т У Луцьку ТОВ …": a capitalised preposition inside a line opens a sentence
        for m in unmarked.finditer(text):
            k = int(np.searchsorted(idx, m.start("opener")))
            if k < n and idx[k] == m.start("opener"):
                starts[k] = True
    return starts
