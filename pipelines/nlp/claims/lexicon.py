"""Phrase tables of the claim rules, built from a language pack's ``lexicon`` and ``event_triggers``
(``pipelines/nlp/langpacks/<code>/pack.json``).

Matching never depends on one model's quirks: a word matches a lexicon entry by its lower-cased form, by its
lemma when the pipeline has a lemmatizer, and — for a pack with ``"inflection": "english_suffixes"`` — by rule-derived base forms ("shelled" → "shell",
"recaptured" → "recapture", "said" → "say"), so a missing or wrong lemma does not lose a cue. Russian and
Ukrainian entries ending in ``*`` are prefixes of the word form.
"""

from __future__ import annotations

import json
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from functools import lru_cache
from typing import Any

from pipelines.nlp.langpacks import LanguagePack, load_pack
from pipelines.resources import schemas_dir


def en_base_forms(word: str, irregular: dict[str, str]) -> set[str]:
    """Candidate base forms of an English word form (rule-based; over-generates harmlessly); ``irregular``:
    irregular forms and their base (the pack's ``irregular_forms``)."""
    w = word.lower().replace("’", "'")
    out = {w}
    if w in irregular:
        out.add(irregular[w])
    if w.endswith("ies") and len(w) > 4:
        out.add(w[:-3] + "y")
    if w.endswith("ied") and len(w) > 4:
        out.add(w[:-3] + "y")
    if w.endswith("es") and len(w) > 3:
        out.add(w[:-2])
    if w.endswith("s") and len(w) > 3 and not w.endswith("ss"):
        out.add(w[:-1])
    if w.endswith("ed") and len(w) > 4:
        out.update({w[:-2], w[:-1]})
        if len(w) > 5 and w[-3] == w[-4]:
            out.add(w[:-3])
    if w.endswith("ing") and len(w) > 5:
        out.update({w[:-3], w[:-3] + "e"})
        if len(w) > 6 and w[-4] == w[-5]:
            out.add(w[:-4])
    # British/American spelling of -ise/-ize verbs
    for form in list(out):
        if form.endswith("ize"):
            out.add(form[:-3] + "ise")
    return out


#: the flags a cue of a pack's lexicon may carry (README, "Adding a language"); any other item is its lemma
_FLAGS = frozenset(
    {"hedge", "negate", "impersonal", "clause", "proposition", "statement", "addressee", "source"}
)

#: How many (word, lemma) pairs a :class:`PhraseTable` remembers the forms of before it starts afresh.
_FORMS_MEMO = 50_000


class _WordForms:
    """The forms a word (with its lemma) may match by, their sorted whole forms and two-letter prefixes, and which
    phrase tables have a phrase that may start with the word: the same for every phrase table of a language, so
    its tables share one (:func:`_word_forms`) and each word's forms are derived once; remembered up to
    :data:`_FORMS_MEMO` words (the same objects each time: read them, never change them).

    Each table registers the first words and first-word prefixes of its phrases (:meth:`register`) and gets a bit;
    a word's ``starts`` holds the bits of the tables one of whose phrases its forms may start, so a table skips
    a word that starts none of its phrases with one test, without remembering anything of its own."""

    def __init__(self, english: bool, irregular: dict[str, str]) -> None:
        self.english = english
        self.irregular = irregular
        self.memo: dict[tuple[str, str | None], tuple[set[str], list[str], list[str], int]] = {}
        self._first_bits: dict[str, int] = {}  # a phrase's whole first word → bits of the tables with one
        self._prefix_bits: dict[str, int] = {}  # two letters of a prefix first word → bits of the tables
        self._tables = 0

    def register(self, firsts: Iterable[str], prefixes: Iterable[str]) -> int:
        """The bit of a new table whose phrases start with the words ``firsts`` or with words beginning with one
        of the two-letter ``prefixes``."""
        bit = 1 << self._tables
        self._tables += 1
        for first in firsts:
            self._first_bits[first] = self._first_bits.get(first, 0) | bit
        for prefix in prefixes:
            self._prefix_bits[prefix] = self._prefix_bits.get(prefix, 0) | bit
        self.memo.clear()  # the words remembered so far do not know the new table
        return bit

    def get(self, word: str, lemma: str | None) -> tuple[set[str], list[str], list[str], int]:
        """(forms, sorted forms, sorted two-letter prefixes of the forms, bits of the tables they may start)."""
        key = (word, lemma)
        found = self.memo.get(key)
        if found is None:
            if len(self.memo) >= _FORMS_MEMO:
                self.memo.clear()
            forms = self.derive(word, lemma)
            if len(forms) == 1:  # most Russian and Ukrainian words (lemma = form): no sorting, no set
                ordered = list(forms)
                prefixes = [ordered[0][:2]]
            else:
                ordered, prefixes = sorted(forms), sorted({f[:2] for f in forms})
            first_bits, prefix_bits = self._first_bits, self._prefix_bits
            starts = 0
            for form in ordered:
                starts |= first_bits.get(form, 0)
            for prefix in prefixes:
                starts |= prefix_bits.get(prefix, 0)
            found = self.memo[key] = (forms, ordered, prefixes, starts)
        return found

    def derive(self, word: str, lemma: str | None) -> set[str]:
        w = word.lower().replace("’", "'").replace("ʼ", "'").replace("ё", "е")
        forms = {w}
        if lemma:
            forms.add(lemma.lower().replace("ё", "е"))
        if self.english:
            forms |= en_base_forms(w, self.irregular)
        else:
            forms |= _last_part(w)
        return forms


#: first parts of Russian and Ukrainian hyphenated pronouns, adverbs and particles ("будь-який", "по-моему",
#: "кое-кто"), whose last part is no word of a phrase
_NOT_COMPOUND_HEADS = frozenset(
    {"по", "из", "кое", "кой", "будь", "все", "де", "аби", "казна", "хтозна", "що", "то"}
)


def _last_part(w: str) -> set[str]:
    """The last part of a hyphenated compound noun, which in Russian and Ukrainian carries its meaning and its
    inflection ("прес-службі" → "службі", "Telegram-канале" → "канале", "вице-премьер" → "премьер"; the
    tokenizer keeps such words whole); nothing for a short last part or a pronoun, adverb or particle."""
    first, sep, last = w.rpartition("-")
    if not sep or len(last) < 4 or len(first) < 2 or first.split("-")[0] in _NOT_COMPOUND_HEADS:
        return set()
    return {last}


_SHARED_FORMS: dict[tuple[bool, tuple[tuple[str, str], ...]], _WordForms] = {}


def _word_forms(english: bool, irregular: dict[str, str]) -> _WordForms:
    """The :class:`_WordForms` of every table with this inflection and these irregular forms."""
    key = (english, tuple(sorted(irregular.items())))
    shared = _SHARED_FORMS.get(key)
    if shared is None:
        shared = _SHARED_FORMS[key] = _WordForms(english, irregular)
    return shared


@dataclass(frozen=True)
class _Pattern:
    words: tuple[str, ...]
    prefix: tuple[bool, ...]


class PhraseTable:
    """Phrases (one or more words) mapped to values, matched on token sequences."""

    def __init__(self, pack: LanguagePack, entries: Iterable[tuple[str, Any]]) -> None:
        self.english = pack.inflection == "english_suffixes"
        self.irregular = pack.irregular_forms
        self._by_first: dict[str, list[tuple[_Pattern, Any]]] = {}
        self._prefix_first: dict[str, list[tuple[_Pattern, Any]]] = {}
        self._memo: dict[tuple[str, str | None], tuple[set[str], list[tuple[_Pattern, Any]]]] = {}
        self._word_forms = _word_forms(self.english, self.irregular)
        for phrase, value in entries:
            words = tuple(phrase.lower().replace("’", "'").split())
            if not words:
                continue
            pat = _Pattern(tuple(w.rstrip("*") for w in words), tuple(w.endswith("*") for w in words))
            first = pat.words[0]
            if pat.prefix[0]:
                self._prefix_first.setdefault(first[:2], []).append((pat, value))
            else:
                self._by_first.setdefault(first, []).append((pat, value))
        self._bit = self._word_forms.register(self._by_first, self._prefix_first)

    def _forms(self, word: str, lemma: str | None) -> set[str]:
        """The forms ``word`` (with ``lemma``) may match by."""
        return self._word_forms.get(word, lemma)[0]

    def _lookup(self, word: str, lemma: str | None) -> tuple[set[str], list[tuple[_Pattern, Any]]]:
        """The forms of ``word`` (with ``lemma``) and the patterns whose first word matches one of them (in
        the order :meth:`match_at` tries them); a word that may start a phrase of this table is remembered per
        table, up to :data:`_FORMS_MEMO` words (the same objects each time: read them, never change them)."""
        key = (word, lemma)
        found = self._memo.get(key)
        if found is None:
            forms, ordered, prefixes, starts = self._word_forms.get(word, lemma)
            if not starts & self._bit:
                return forms, []  # most words of a text, for most tables: nothing remembered per table
            if len(self._memo) >= _FORMS_MEMO:
                self._memo.clear()
            # whole-word entries before prefixes, each in a fixed order: of two phrases of one length the
            # first candidate wins, so "сообщается" (impersonal) beats "сообща*" whatever order the set of
            # forms has
            candidates: list[tuple[_Pattern, Any]] = []
            for f in ordered:
                candidates.extend(self._by_first.get(f, ()))
            for p in prefixes:
                candidates.extend(self._prefix_first.get(p, ()))
            # the first word is checked once here, not at every occurrence (a prefix bucket holds many)
            candidates = [c for c in candidates if self._word_ok(c[0], 0, forms)]
            found = self._memo[key] = (forms, candidates)
        return found

    @staticmethod
    def _word_ok(pat: _Pattern, k: int, forms: set[str]) -> bool:
        target = pat.words[k]
        if pat.prefix[k]:
            for f in forms:  # noqa: SIM110 (a loop, not any(generator): called for every candidate of every new word)
                if f.startswith(target):
                    return True
            return False
        return target in forms

    def match_at(self, words: Sequence[str], lemmas: Sequence[str | None], i: int) -> tuple[int, Any] | None:
        """The longest phrase starting at word i: (number of words, value), or None."""
        _, candidates = self._lookup(words[i], lemmas[i])
        best: tuple[int, Any] | None = None
        for pat, value in candidates:
            n = len(pat.words)
            if i + n > len(words) or (best is not None and n <= best[0]):
                continue
            if all(self._word_ok(pat, k, self._forms(words[i + k], lemmas[i + k])) for k in range(1, n)):
                best = (n, value)
        return best

    def find_all(self, words: Sequence[str], lemmas: Sequence[str | None]) -> list[tuple[int, int, Any]]:
        """All non-overlapping matches, left to right, longest first: (start, end, value)."""
        out: list[tuple[int, int, Any]] = []
        shared, bit = self._word_forms.memo, self._bit
        i = 0
        while i < len(words):
            known = shared.get((words[i], lemmas[i]))
            # a remembered word no phrase of this table starts with: most words
            if known is not None and not known[3] & bit:
                i += 1
                continue
            m = self.match_at(words, lemmas, i)
            if m is None:
                i += 1
                continue
            out.append((i, i + m[0], m[1]))
            i += m[0]
        return out

    def lookup_word(self, word: str, lemma: str | None = None) -> Any:
        """The value of a one-word entry matching ``word``, or None."""
        m = self.match_at([word], [lemma], 0)
        return m[1] if m is not None and m[0] == 1 else None


@dataclass
class LangLexicon:
    """All word lists of one language."""

    lang: str
    cues: PhraseTable
    according_to: PhraseTable
    hedges: PhraseTable
    negations: frozenset[str]
    claimant_nouns: PhraseTable
    back_refs: PhraseTable
    pronouns: dict[str, str]
    sides: PhraseTable
    events: PhraseTable
    direction_preps: PhraseTable
    distance_preps: frozenset[str]
    person_nouns: PhraseTable
    topic_verbs: PhraseTable
    event_priority: list[str] = field(default_factory=list)
    #: trigger types that do not make a topic an event ("spoke about the bill", "говорив з мером"): statements,
    #: decisions' documents, the pack's hiding phrases ("other") and the vocabulary's predicative states
    #: (office, ownership: a noun of office names a state only as a predicate)
    not_topic_events: frozenset[str] = frozenset({"statement", "decision", "other"})
    #: ``yields_to`` of the vocabulary: a type dropped when the content has a trigger of one of the listed types
    #: ("Раненых госпитализировали": wounded people taken to hospital are casualties, not a health report)
    event_yields: dict[str, frozenset[str]] = field(default_factory=dict)


@lru_cache(maxsize=8)
def load_lexicon(lang: str, extra_hedges: tuple[str, ...] = ()) -> LangLexicon:
    """The lexicon of ``lang`` from its language pack, optionally with extra hedge cues."""
    pack = load_pack(lang)
    lex = pack.lexicon
    vocab = json.loads((schemas_dir() / "event_types.json").read_text(encoding="utf-8"))
    priority: list[str] = list(vocab["priority"])
    for etype in pack.event_triggers:
        if etype not in vocab["event_types"]:
            raise ValueError(
                f"event triggers of language pack {lang!r}: type {etype!r} is not in schemas/event_types.json; "
                f"allowed: {sorted(vocab['event_types'])}"
            )

    cue_entries: list[tuple[str, tuple[str, frozenset[str]]]] = []
    for word, spec in lex["cues"].items():
        lemma = word.rstrip("*") if pack.inflection == "english_suffixes" else word
        flags = set()
        for item in spec:
            if item in _FLAGS:
                flags.add(item)
            else:
                lemma = item
        cue_entries.append((word, (lemma, frozenset(flags))))
    noun_entries = [(w, typ) for typ, words in lex["claimant_nouns"].items() for w in words]
    event_entries = [(w, etype) for etype, words in pack.event_triggers.items() for w in words]
    hedges = list(lex["hedges"]) + list(extra_hedges)
    return LangLexicon(
        lang=lang,
        cues=PhraseTable(pack, cue_entries),
        according_to=PhraseTable(pack, [(p, p) for p in lex["according_to"]]),
        hedges=PhraseTable(pack, [(h, h) for h in hedges]),
        negations=frozenset(lex["negations"]),
        claimant_nouns=PhraseTable(pack, noun_entries),
        back_refs=PhraseTable(pack, list(lex["back_reference_nouns"].items())),
        pronouns=dict(lex["pronouns"]),
        sides=PhraseTable(pack, list(lex["sides"].items())),
        events=PhraseTable(pack, event_entries),
        direction_preps=PhraseTable(pack, [(p, p) for p in lex["location_exclusion_prepositions"]]),
        distance_preps=frozenset(lex["distance_prepositions"]),
        person_nouns=PhraseTable(pack, [(p, p) for p in lex["person_nouns"]]),
        topic_verbs=PhraseTable(pack, [(p, p) for p in lex["topic_verbs"]]),
        event_priority=priority,
        not_topic_events=frozenset({"statement", "decision", "other", *vocab.get("predicative", [])}),
        event_yields={str(k): frozenset(v) for k, v in vocab.get("yields_to", {}).items()},
    )
