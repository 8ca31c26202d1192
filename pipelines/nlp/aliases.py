"""The alias table: one canonical name per entity (armed forces, ministries, officials, media, places).

The table is data (``pipelines/data/aliases.tsv``); this module loads it and looks names up. One row per
canonical entity with its NER kind (``PER``/``LOC``/``ORG``/``MISC``), its type (claimant type for people and
organisations, place type for places), its side in the war (``ua``, ``ru``, ``us``… or none) and its
variants in English, Russian and Ukrainian, transliterations included (Kurakhove / Kurakhovo / Курахово /
Курахове).

Lookup is case-, quote- and whitespace-insensitive, ignores a leading "the" and a trailing possessive "'s",
folds ё→е and the apostrophe variants of Ukrainian (’ ʼ '), and tolerates Russian and Ukrainian case
endings by comparing cheap suffix-stripped stems word by word ("Курахового", "Міноборони Росії", "Зеленського"
all match).
Acronym variants (all capitals: "AFU", "US", "ЗСУ") only match text written in capitals, so the pronoun "us"
is never the United States.
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path

from pipelines.resources import data_dir

KINDS = ("PER", "LOC", "ORG", "MISC")
LANGS = ("en", "ru", "uk")

#: Russian and Ukrainian noun/adjective case endings stripped for inflection-tolerant lookup, longest first.
_CYR_ENDINGS = tuple(
    sorted(
        {
            "иями",
            "ями",
            "ами",
            "ого",
            "его",
            "ому",
            "ему",
            "ыми",
            "ими",
            "ых",
            "их",
            "ые",
            "ие",
            "ією",
            "ової",
            "ові",
            "еві",
            "ою",
            "ею",
            "ия",
            "ии",
            "ию",
            "ией",
            "ія",
            "ії",
            "ію",
            "ой",
            "ей",
            "ий",
            "ый",
            "ая",
            "яя",
            "ое",
            "ее",
            "ую",
            "юю",
            "ом",
            "ем",
            "ах",
            "ях",
            "ов",
            "ев",
            "ам",
            "ям",
            "ів",
            "їв",
            "ої",
            "ій",
            "ім",
            "им",
            "ым",
            "ы",
            "и",
            "а",
            "я",
            "у",
            "ю",
            "е",
            "о",
            "ь",
            "й",
            "і",
            "ї",
            "є",
        },
        key=len,
        reverse=True,
    )
)
_MIN_STEM = 3
#: How many looked-up texts :meth:`AliasTable.lookup` remembers before it starts afresh (bounds memory).
_MEMO_SIZE = 50_000
_QUOTES = "\"'«»“”„‟‘’‚‹›`´"
_APOSTROPHES = {"’": "'", "ʼ": "'", "`": "'", "´": "'", "‘": "'"}
_CYRILLIC = re.compile(r"[А-Яа-яЁёІіЇїЄєҐґ]")


class AliasTableError(ValueError):
    """The alias table file is malformed (names the file, line and what was expected)."""


@dataclass(frozen=True)
class Alias:
    """A canonical entity. ``type``: claimant type or place type; ``kind``: NER label (PER/LOC/ORG/MISC)."""

    canonical: str
    type: str
    side: str | None
    kind: str


@dataclass(frozen=True)
class _Entry:
    alias: Alias
    lang: str
    acronym: bool


_FOLD = str.maketrans({**_APOSTROPHES, "ё": "е", "Ё": "Е"})
_QUOTE_SPACES = str.maketrans(dict.fromkeys('"«»“”„‟‹›', " "))


def _fold(text: str) -> str:
    return unicodedata.normalize("NFKC", text).translate(_FOLD)


def normalise(text: str) -> str:
    """The lookup key of a name: folded, lower-cased, without quotes, "the", possessive "'s" or edge
    punctuation."""
    text = _fold(text).strip()
    if text.endswith("'s"):  # a possessive: "Russia's" → "Russia", "forces'" → "forces"
        text = text[:-2]
    elif text.endswith("s'"):
        text = text[:-1]
    text = text.strip(_QUOTES + " \t\n.,;:!?()[]")
    # runs of whitespace (what str.split splits on is what the pattern \s matches) become one space
    text = " ".join(text.translate(_QUOTE_SPACES).split()).lower()
    if text.startswith("the "):
        text = text[4:]
    return text


@lru_cache(maxsize=_MEMO_SIZE)  # a pure function of the word, called for every name-like token: remembered
def _stem_word(word: str) -> str:
    if not _CYRILLIC.search(word):
        return word
    for ending in _CYR_ENDINGS:
        if word.endswith(ending) and len(word) - len(ending) >= _MIN_STEM:
            return word[: -len(ending)]
    return word


_WORD_BREAKS = re.compile(r"[\s\-]+")


def stem_key(key: str) -> str:
    """Word-by-word stem of a normalised key (only Cyrillic words are stemmed)."""
    return " ".join(_stem_word(w) for w in _WORD_BREAKS.split(key) if w)


def first_stem_word(text: str) -> str:
    """The first word of ``stem_key(normalise(text))`` ("" for none): a name can only be in the table when
    its first stem word is among :meth:`AliasTable.first_stem_words`."""
    return stem_key(normalise(text)).split(" ", 1)[0]


def _is_acronym(variant: str) -> bool:
    letters = [ch for ch in variant if ch.isalpha()]
    return len(letters) >= 2 and all(ch.isupper() for ch in letters) and len(variant) <= 6


class AliasTable:
    """Canonical names for entity mentions. Build with :meth:`load` or :meth:`load_default`."""

    def __init__(self, rows: Iterable[tuple[Alias, str, Iterable[str]]]) -> None:
        self._exact: dict[str, list[_Entry]] = {}
        self._stem: dict[str, list[_Entry]] = {}
        self._variants: list[tuple[str, Alias, str]] = []
        self._aliases: dict[tuple[str, str], Alias] = {}
        self._memo: dict[tuple[str, str | None], Alias | None] = {}
        for alias, lang, variants in rows:
            if lang not in LANGS:
                raise AliasTableError(f"alias language {lang!r} for {alias.canonical!r}; allowed: {LANGS}")
            self._aliases.setdefault((alias.canonical, alias.type), alias)
            for variant in variants:
                self._add(alias, lang, variant)
            self._add(alias, "en", alias.canonical)

    def _add(self, alias: Alias, lang: str, variant: str) -> None:
        variant = variant.strip()
        if not variant:
            return
        key = normalise(variant)
        if not key:
            return
        entry = _Entry(alias, lang, _is_acronym(variant))
        bucket = self._exact.setdefault(key, [])
        if any(e.alias == alias and e.lang == lang for e in bucket):
            return
        bucket.append(entry)
        self._stem.setdefault(stem_key(key), []).append(entry)
        self._variants.append((variant, alias, lang))

    # --- loading --------------------------------------------------------------------------------------------

    @classmethod
    def load(cls, path: Path) -> AliasTable:
        """Read a TSV alias table (format documented at the top of ``pipelines/data/aliases.tsv``)."""
        rows: list[tuple[Alias, str, list[str]]] = []
        with path.open(encoding="utf-8") as fh:
            for lineno, line in enumerate(fh, start=1):
                line = line.rstrip("\n")
                if not line.strip() or line.startswith("#"):
                    continue
                cols = line.split("\t")
                if len(cols) != 7:
                    raise AliasTableError(
                        f"{path}:{lineno}: expected 7 tab-separated columns "
                        f"(canonical, kind, type, side, en, ru, uk); received {len(cols)}"
                    )
                canonical, kind, typ, side, *langs = (c.strip() for c in cols)
                if kind not in KINDS:
                    raise AliasTableError(f"{path}:{lineno}: kind {kind!r}; allowed: {KINDS}")
                if not canonical or not typ:
                    raise AliasTableError(f"{path}:{lineno}: canonical name and type must not be empty")
                alias = Alias(canonical, typ, None if side in ("", "-") else side, kind)
                for lang, cell in zip(LANGS, langs, strict=True):
                    rows.append((alias, lang, [v for v in cell.split("|") if v.strip()]))
        return cls(rows)

    @classmethod
    def load_default(cls) -> AliasTable:
        """The table bundled with claimflow (``pipelines/data/aliases.tsv``), cached per process."""
        global _DEFAULT
        if _DEFAULT is None:
            _DEFAULT = cls.load(data_dir() / "aliases.tsv")
        return _DEFAULT

    # --- lookup ---------------------------------------------------------------------------------------------

    def lookup(self, text: str, lang: str | None = None) -> Alias | None:
        """The entity ``text`` names, or None. ``lang`` prefers that language's variants on ambiguity.

        Answers are remembered (the table never changes once built), up to :data:`_MEMO_SIZE` texts."""
        memo_key = (text, lang)
        try:
            return self._memo[memo_key]
        except KeyError:
            pass
        if len(self._memo) >= _MEMO_SIZE:
            self._memo.clear()
        found = self._memo[memo_key] = self._lookup(text, lang)
        return found

    def _lookup(self, text: str, lang: str | None) -> Alias | None:
        key = normalise(text)
        if not key:
            return None
        upper = _fold(text).strip(_QUOTES + " ").removesuffix("'s")
        is_upper = upper == upper.upper()
        found = self._pick(self._exact.get(key, []), lang, is_upper)
        if found is None and _CYRILLIC.search(key):
            found = self._pick(self._stem.get(stem_key(key), []), lang, is_upper)
        return found

    def lookup_suffix(self, text: str, lang: str | None = None, *, min_words: int = 1) -> Alias | None:
        """Like :meth:`lookup`, but also tries the text without its leading words ("US Secretary of State
        Antony Blinken" → "Antony Blinken"); the longest matching suffix wins."""
        words = _fold(text).split()
        for i in range(len(words)):
            if len(words) - i < min_words:
                break
            found = self.lookup(" ".join(words[i:]), lang)
            if found is not None:
                return found
        return None

    @staticmethod
    def _pick(entries: list[_Entry], lang: str | None, is_upper: bool) -> Alias | None:
        usable = [e for e in entries if is_upper or not e.acronym]
        if not usable:
            return None
        if lang is not None:
            for e in usable:
                if e.lang == lang:
                    return e.alias
        return usable[0].alias

    def variants(self, lang: str | None = None) -> Iterator[tuple[str, Alias]]:
        """All (variant, alias) pairs, optionally of one language."""
        for variant, alias, vlang in self._variants:
            if lang is None or vlang == lang:
                yield variant, alias

    def aliases(self) -> list[Alias]:
        """All canonical entities."""
        return list(self._aliases.values())

    def first_stem_words(self) -> frozenset[str]:
        """The first word of every stem key: a text whose :func:`first_stem_word` is not here has no alias."""
        return frozenset(k.split(" ", 1)[0] for k in self._stem)

    def max_words(self) -> int:
        """The largest number of words in any variant (bounds the gazetteer's span search)."""
        return max((len(normalise(v).split()) for v, _, _ in self._variants), default=1)

    def __len__(self) -> int:
        return len(self._aliases)


_DEFAULT: AliasTable | None = None
