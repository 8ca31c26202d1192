"""Quantities in text: value, bounds, qualifier and unit; the words of each language (number words, qualifier
cues, vague amounts, units) are the ``quantities`` section of its pack (``pipelines/nlp/langpacks/<code>/``).

``extract_quantities(text, lang)`` finds numbers written in digits ("70", "1,500", "1,5 тыс.", "2.3 million")
and in words, in every case form ("seventy-five", "свыше семидесяти", "понад сімдесят"), with a qualifier:

============  ==========================================================  ====================================
qualifier     cues (en / ru / uk)                                          bounds
============  ==========================================================  ====================================
exact         (none)                                                       lower = upper = value
more_than     more than, over, above / более, свыше, больше / понад, більш  lower = value, upper = None
less_than     less/fewer than, under, below / менее, меньше / менш ніж      lower = None, upper = value
at_least      at least, no fewer than / не менее, минимум / щонайменше      lower = value, upper = None
at_most       up to, at most, no more than / до, не более / до, не більше   lower = None, upper = value
about         about, around, some, nearly / около, примерно / близько       lower = upper = None
range         between X and Y, X–Y, from X to Y / от X до Y / від X до Y    lower = X, upper = Y, value = X
vague         dozens, hundreds, several / десятки, сотни / десятки, кілька  value = lower = convention
============  ==========================================================  ====================================

Vague amounts follow ACLED's published fatality-coding conventions, which record the most conservative reading
of a report: "tens" → 10, "dozens" → 12, "hundreds" → 100 (and "thousands" → 1000, "tens of thousands" →
10 000, "hundreds of thousands" → 100 000, by the same "and so on" rule); "several", "many", "numerous" → 10
(ACLED's default for reported but unnumbered plural fatalities); ranges ("40 to 50") → the lower figure, which
is why a range's ``value`` is its lower bound. Two conventions are claimflow's own, not ACLED's: "a few" /
"a handful" / "пара" → 3 (2 for "a couple"), and "several hundred/thousand" → 2 × hundred/thousand.

The ``unit`` is the counted noun phrase after the number, as written and lower-cased ("pieces of equipment",
"kilometres", "единиц техники"); "%", "percent", "процентов", "відсотків" become ``percent``.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import asdict, dataclass
from functools import lru_cache
from typing import Any, NamedTuple

from pipelines.nlp.claims.numbers import NumberWord, combine, digits_value
from pipelines.nlp.langpacks import load_pack

#: signs before a document or item number ("наказ № 13 848"): the digits after one are never a quantity
NUMBER_SIGNS = frozenset({"№", "#"})

QUALIFIERS = ("exact", "more_than", "less_than", "at_least", "at_most", "about", "range", "vague")


@dataclass(frozen=True)
class Quantity:
    """One quantity expression. ``start``/``end`` are character offsets in the text that was searched."""

    text: str
    value: float | None
    lower_bound: float | None
    upper_bound: float | None
    qualifier: str
    unit: str | None
    start: int
    end: int

    def as_dict(self) -> dict[str, object]:
        """The claim-row form (no offsets)."""
        d = asdict(self)
        del d["start"], d["end"]
        return d


# --- language words ---------------------------------------------------------------------------------------


@dataclass(frozen=True)
class QuantityWords:
    """The ``quantities`` section of a language pack."""

    number_words: dict[str, NumberWord]
    number_word_joiners: frozenset[str]  # between number words: "two hundred and fifty", "seventy-five"
    comma_groups_thousands: bool  # "1,500" is 1500 (else a decimal comma: "1,5")
    qualifier_cues: dict[str, str]
    range_start: frozenset[str]
    range_mid: frozenset[str]
    range_infix: frozenset[str]
    range_end_cues: frozenset[str]  # qualifier cues that are not one right after a range start ("от … до")
    vague: dict[str, float]
    dozen: dict[str, float]
    of_words: frozenset[str]
    stop_words: frozenset[str]
    containers: frozenset[str]
    container_joiner: str | None  # "pieces of equipment"; none: the next word ("единиц техники")
    adjective_suffixes: tuple[str, ...]
    percent_words: frozenset[str]
    percent_phrases: tuple[tuple[str, ...], ...]
    unit_abbreviations: dict[str, str]
    year_words: frozenset[str]


@lru_cache(maxsize=16)
def quantity_words(lang: str) -> QuantityWords | None:
    """The quantity words of ``lang``'s pack, or None when it has none."""
    raw: dict[str, Any] | None = load_pack(lang).quantities
    if raw is None:
        return None
    return QuantityWords(
        number_words={w: (value, role) for w, (value, role) in raw["number_words"].items()},
        number_word_joiners=frozenset(raw["number_word_joiners"]),
        comma_groups_thousands=bool(raw["comma_groups_thousands"]),
        qualifier_cues=dict(raw["qualifier_cues"]),
        range_start=frozenset(raw["range_start"]),
        range_mid=frozenset(raw["range_mid"]),
        range_infix=frozenset(raw["range_infix"]),
        range_end_cues=frozenset(raw["range_end_cues"]),
        vague=dict(raw["vague"]),
        dozen=dict(raw["dozen"]),
        of_words=frozenset(raw["of_words"]),
        stop_words=frozenset(raw["stop_words"]),
        containers=frozenset(raw["containers"]),
        container_joiner=raw["container_joiner"],
        adjective_suffixes=tuple(raw["adjective_suffixes"]),
        percent_words=frozenset(raw["percent_words"]),
        percent_phrases=tuple(tuple(p) for p in raw["percent_phrases"]),
        unit_abbreviations=dict(raw["unit_abbreviations"]),
        year_words=frozenset(raw["year_words"]),
    )


_TOKEN = re.compile(
    r"(?P<num>\d{1,3}(?:[ \u00a0\u202f]\d{3})+(?:[.,]\d+)?|\d+(?:[.,]\d+)*)"
    r"|(?P<word>[^\W\d_]+(?:['’ʼ][^\W\d_]+)*)"
    r"|(?P<sym>[%~–—\-:/])"
    r"|(?P<punct>[^\w\s])"
)


class _Tok(NamedTuple):  # a tuple: a claim's text makes dozens, and a frozen dataclass is slow to build
    text: str
    low: str
    start: int
    end: int
    kind: str  # num, word, sym


def _tokenise(text: str) -> list[_Tok]:
    out: list[_Tok] = []
    for m in _TOKEN.finditer(text):
        t = m.group(0)
        start, end = m.span()
        out.append(_Tok(t, t.lower().replace("’", "'").replace("ʼ", "'"), start, end, m.lastgroup or "sym"))
    return out


_HEADS: dict[int, tuple[object, frozenset[str]]] = {}


def _key_heads(table: dict[str, float] | dict[str, str]) -> frozenset[str]:
    """Every leading run of whole words of every key of ``table`` ("more than 5" → "more", "more than",
    "more than 5"): a key can only start at a token whose lower-cased text is one of them. Remembered per table
    (the tables of :func:`quantity_words` live as long as the process)."""
    known = _HEADS.get(id(table))
    if known is None or known[0] is not table:
        if len(_HEADS) >= 256:
            _HEADS.clear()
        words = [k.split(" ") for k in table]
        heads = frozenset(" ".join(w[:n]) for w in words for n in range(1, len(w) + 1))
        known = _HEADS[id(table)] = (table, heads)
    return known[1]


_STARTS: dict[int, tuple[QuantityWords, frozenset[str]]] = {}


def _starts(q: QuantityWords) -> frozenset[str]:
    """The lower-cased texts a quantity can start at besides digits: :meth:`_Parser.parse_at` finds one at a
    token only if it is a number (digits, or a number word), starts a range ("between"), a qualifier cue
    ("more than"), a dozen word or a vague amount (:func:`_key_heads` of those tables). Remembered per words."""
    known = _STARTS.get(id(q))
    if known is None or known[0] is not q:
        if len(_STARTS) >= 64:
            _STARTS.clear()
        heads = _key_heads(q.qualifier_cues) | _key_heads(q.dozen) | _key_heads(q.vague)
        known = _STARTS[id(q)] = (q, heads | q.range_start | frozenset(q.number_words))
    return known[1]


class _Parser:
    def __init__(self, text: str, q: QuantityWords, excluded: Sequence[tuple[int, int]]) -> None:
        self.text = text
        self.q = q
        self.toks = _tokenise(text)
        self.excluded = excluded
        self.words = q.number_words

    def excluded_at(self, tok: _Tok) -> bool:
        return any(s <= tok.start < e or s < tok.end <= e for s, e in self.excluded)

    def glued(self, i: int) -> bool:
        """Digits glued to letters/hyphens on the left ("Su-25", "T-72") or ordinals/times on the right."""
        tok = self.toks[i]
        if tok.start > 0:
            prev = self.text[tok.start - 1]
            if prev.isalpha() or prev in ":/":
                return True
            if prev == "-" and tok.start > 1 and self.text[tok.start - 2].isalpha():
                return True
        if tok.end < len(self.text):
            nxt = self.text[tok.end]
            if nxt == ":" and tok.end + 1 < len(self.text) and self.text[tok.end + 1].isdigit():
                return True
            if nxt == "/" and tok.end + 1 < len(self.text) and self.text[tok.end + 1].isdigit():
                return True
            if nxt.isalpha():
                m = re.match(r"[^\W\d_]+", self.text[tok.end :])
                suffix = m.group(0).lower() if m else ""
                return suffix not in self.q.unit_abbreviations
            if nxt == "-" and tok.end + 1 < len(self.text) and self.text[tok.end + 1].isalpha():
                return True  # "2-й", "5-th"
        return False

    def document_number(self, i: int) -> bool:
        """Digits after a number sign are an identifier, not a count: "№ 13 848", "№13848", "#5"."""
        return i > 0 and self.toks[i - 1].text in NUMBER_SIGNS

    def number(self, i: int) -> tuple[float, int, bool] | None:
        """(value, next index, written_in_digits) for a number starting at token i."""
        if i >= len(self.toks):
            return None
        tok = self.toks[i]
        if self.excluded_at(tok):
            return None
        if tok.kind == "num":
            if self.glued(i) or self.document_number(i):
                return None
            value = digits_value(tok.text, self.q.comma_groups_thousands)
            if value is None:
                return None
            j = i + 1
            if j < len(self.toks) and self.toks[j].kind == "word":
                w = self.words.get(self.toks[j].low)
                if w is not None and w[1] in ("scale", "hundred"):
                    value *= w[0]
                    j += 1
                    if (
                        j < len(self.toks)
                        and self.toks[j].low == "."
                        and self.toks[j].start == self.toks[j - 1].end
                    ):
                        j += 1
            return value, j, True
        seq: list[NumberWord] = []
        j = i
        while j < len(self.toks):
            t = self.toks[j]
            if t.kind == "word" and t.low in self.words and not self.excluded_at(t):
                seq.append(self.words[t.low])
                j += 1
                continue
            if (
                seq
                and t.low in self.q.number_word_joiners
                and j + 1 < len(self.toks)
                and self.toks[j + 1].low in self.words
                and seq[-1][1] in ("hundred", "scale", "ten")
            ):
                j += 1
                continue
            break
        if not seq or (seq[0][1] == "scale" and len(seq) == 1):
            return None
        value = combine(seq)
        if value is None:
            return None
        return value, j, False

    def phrase_at(self, i: int, table: dict[str, float] | dict[str, str]) -> tuple[int, str] | None:
        """Longest key of ``table`` (space-joined words) starting at token i: (end index, the key)."""
        if i < len(self.toks) and self.toks[i].low not in _key_heads(table):
            return None  # no key starts with this token (most tokens): nothing to join
        for n in (4, 3, 2, 1):
            if i + n > len(self.toks):
                continue
            key = " ".join(t.low for t in self.toks[i : i + n])
            if key in table:
                return i + n, key
        return None

    def unit(self, j: int) -> tuple[str | None, int]:
        """The counted noun after the number at token j: (unit, end index)."""
        if j >= len(self.toks):
            return None, j
        tok = self.toks[j]
        # a unit glued to digits ("15km")
        if tok.kind == "num":
            return None, j
        if tok.low == "%":
            return "percent", j + 1
        for phrase in self.q.percent_phrases:
            if tuple(t.low for t in self.toks[j : j + len(phrase)]) == phrase:
                return "percent", j + len(phrase)
        if tok.low in self.q.percent_words:
            return "percent", j + 1
        if tok.kind != "word":
            return None, j
        stop = self.q.stop_words
        if tok.low in stop or tok.low in self.words:
            return None, j
        if tok.low in self.q.unit_abbreviations:
            return self.q.unit_abbreviations[tok.low], j + 1
        words = [tok]
        k = j + 1
        # a model designation: "T-72 tanks", "Су-25"
        if (
            k + 1 < len(self.toks)
            and self.toks[k].low == "-"
            and self.toks[k].start == tok.end
            and self.toks[k + 1].kind == "num"
            and self.toks[k + 1].start == self.toks[k].end
        ):
            words = [tok, self.toks[k], self.toks[k + 1]]
            k += 2
            if k < len(self.toks) and self.toks[k].kind == "word" and self.toks[k].low not in stop:
                words.append(self.toks[k])
                k += 1
            return self.text[words[0].start : words[-1].end].lower(), k
        if len(tok.low) < 2:
            return None, j
        # a hyphenated compound is one word: it modifies the counted noun after it ("cutting-edge weapons",
        # "long-range missiles") or is the counted noun ("дронів-камікадзе"), never half of it ("cutting")
        if self.hyphen_compound(j):
            k = j + 3
            while self.hyphen_compound(k - 1) and k + 1 < len(self.toks):
                k += 2  # "surface-to-air"
            if k < len(self.toks) and self.toks[k].kind == "word" and self.toks[k].low not in stop:
                return self.text[tok.start : self.toks[k].end].lower(), k + 1
            return self.text[tok.start : self.toks[k - 1].end].lower(), k
        # "pieces of equipment", "единиц техники"
        joiner = self.q.container_joiner
        if tok.low in self.q.containers:
            if joiner is not None and k + 1 < len(self.toks) and self.toks[k].low == joiner:
                if self.toks[k + 1].kind == "word" and self.toks[k + 1].low not in stop:
                    words = [tok, self.toks[k], self.toks[k + 1]]
                    k += 2
            elif (
                joiner is None
                and k < len(self.toks)
                and self.toks[k].kind == "word"
                and self.toks[k].low not in stop
            ):
                words = [tok, self.toks[k]]
                k += 1
        elif (tok.low.endswith(self.q.adjective_suffixes) or tok.text[:1].isupper()) and k < len(self.toks):
            nxt = self.toks[k]
            if nxt.kind == "word" and nxt.low not in stop and nxt.start - tok.end <= 1:
                words = [tok, nxt]
                k += 1
        unit = self.text[words[0].start : words[-1].end].lower()
        return unit, k

    def hyphen_compound(self, j: int) -> bool:
        """Whether the word at token j is joined by a hyphen, without spaces, to the word after it."""
        if j + 2 >= len(self.toks):
            return False
        a, hyphen, b = self.toks[j], self.toks[j + 1], self.toks[j + 2]
        return (
            a.kind == "word"
            and hyphen.text == "-"
            and b.kind == "word"
            and hyphen.start == a.end
            and b.start == hyphen.end
        )

    def parse(self) -> list[Quantity]:
        out: list[Quantity] = []
        i = 0
        toks = self.toks
        n = len(toks)
        starts = _starts(self.q)
        while i < n:
            if toks[i].kind != "num" and toks[i].low not in starts:
                i += 1  # parse_at finds nothing here (see _starts): most tokens
                continue
            q = self.parse_at(i)
            if q is None:
                i += 1
                continue
            quantity, nxt = q
            out.append(quantity)
            i = max(nxt, i + 1)
        return out

    def _make(
        self,
        start_i: int,
        end_i: int,
        value: float | None,
        lo: float | None,
        hi: float | None,
        qualifier: str,
        unit: str | None,
    ) -> Quantity:
        start = self.toks[start_i].start
        end = self.toks[end_i - 1].end
        return Quantity(self.text[start:end], value, lo, hi, qualifier, unit, start, end)

    def parse_at(self, i: int) -> tuple[Quantity, int] | None:
        q = self.q
        tok = self.toks[i]
        # range introduced by a preposition: "between 10 and 15", "от 10 до 15"
        if tok.low in q.range_start:
            a = self.number(i + 1)
            if a is not None and a[1] < len(self.toks) and self.toks[a[1]].low in q.range_mid:
                b = self.number(a[1] + 1)
                if b is not None and b[0] >= a[0]:
                    unit, end = self.unit(b[1])
                    return self._make(i, end, a[0], a[0], b[0], "range", unit), end
        # qualifier + number
        qual = "exact"
        j = i
        cue = self.phrase_at(i, q.qualifier_cues)
        if cue is not None and (
            cue[1] not in q.range_end_cues or i == 0 or self.toks[i - 1].low not in q.range_start
        ):
            num = self.number(cue[0])
            if num is not None:
                qual = q.qualifier_cues[cue[1]]
                j = cue[0]
            elif tok.low not in self.words:
                return None
        num = self.number(j)
        if num is None:
            if qual == "exact":
                return self.vague_at(i)
            return None
        value, k, digits = num
        # "X to Y", "X–Y"
        if qual == "exact" and k < len(self.toks) and self.toks[k].low in q.range_infix:
            b = self.number(k + 1)
            if b is not None and b[0] > value:
                unit, end = self.unit(b[1])
                return self._make(i, end, value, value, b[0], "range", unit), end
        unit, end = self.unit(k)
        if qual == "exact":
            if not digits and value == 1 and k - j == 1:
                return None  # "one of", "an important one", "один из"
            year_like = digits and 1900 <= value <= 2100 and float(value).is_integer()
            if year_like and (
                unit is None
                or unit in q.year_words
                or (k < len(self.toks) and self.toks[k].low in q.year_words)
            ):
                return None
        lo: float | None
        hi: float | None
        if qual == "exact":
            lo = hi = value
        elif qual in ("more_than", "at_least"):
            lo, hi = value, None
        elif qual in ("less_than", "at_most"):
            lo, hi = None, value
        else:
            lo = hi = None
        return self._make(i, end, value, lo, hi, qual, unit), end

    def vague_at(self, i: int) -> tuple[Quantity, int] | None:
        q = self.q
        dozen = self.phrase_at(i, q.dozen)
        if dozen is not None:
            k = dozen[0]
            if k < len(self.toks) and self.toks[k].low in q.of_words:
                k += 1
            unit, end = self.unit(k)
            if unit is not None:
                return self._make(i, end, 12.0, 12.0, 12.0, "exact", unit), end
        found = self.phrase_at(i, q.vague)
        if found is None:
            return None
        # "тысячи" after a number is a scale word, handled by number(); a vague word must not follow one
        if i > 0 and (self.toks[i - 1].kind == "num" or self.toks[i - 1].low in self.words):
            return None
        value = float(q.vague[found[1]])
        k = found[0]
        if k < len(self.toks) and self.toks[k].low in q.of_words:
            k += 1
        unit, end = self.unit(k)
        if unit is None:
            return None
        return self._make(i, end, value, value, None, "vague", unit), end


def extract_quantities(text: str, lang: str, *, exclude: Sequence[tuple[int, int]] = ()) -> list[Quantity]:
    """All quantities in ``text``. ``exclude``: character spans to skip (e.g. the dates found by
    :func:`pipelines.nlp.claims.times.extract_times`). The words are the ``quantities`` section of ``lang``'s
    pack (none: no quantities); a language without a pack is an error naming the packs."""
    q = quantity_words(lang)
    return _Parser(text, q, exclude).parse() if q is not None else []
