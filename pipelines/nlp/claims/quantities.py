"""Quantities in English, Russian and Ukrainian text: value, bounds, qualifier and unit.

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

from pipelines.nlp.claims.numbers import NUMBER_WORDS, NumberWord, combine

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


# --- lexicons -----------------------------------------------------------------------------------------------

_QUALIFIER_CUES: dict[str, dict[str, str]] = {
    "en": {
        "more than": "more_than",
        "over": "more_than",
        "above": "more_than",
        "in excess of": "more_than",
        "upwards of": "more_than",
        "more then": "more_than",
        "well over": "more_than",
        "just over": "more_than",
        "less than": "less_than",
        "fewer than": "less_than",
        "under": "less_than",
        "below": "less_than",
        "just under": "less_than",
        "at least": "at_least",
        "no fewer than": "at_least",
        "no less than": "at_least",
        "not less than": "at_least",
        "a minimum of": "at_least",
        "at most": "at_most",
        "up to": "at_most",
        "no more than": "at_most",
        "not more than": "at_most",
        "a maximum of": "at_most",
        "as many as": "at_most",
        "about": "about",
        "around": "about",
        "approximately": "about",
        "roughly": "about",
        "some": "about",
        "nearly": "about",
        "almost": "about",
        "close to": "about",
        "an estimated": "about",
        "estimated": "about",
        "approx": "about",
        "circa": "about",
        "~": "about",
        "some estimated": "about",
    },
    "ru": {
        "более": "more_than",
        "более чем": "more_than",
        "больше": "more_than",
        "больше чем": "more_than",
        "свыше": "more_than",
        "чуть более": "more_than",
        "чуть больше": "more_than",
        "менее": "less_than",
        "менее чем": "less_than",
        "меньше": "less_than",
        "меньше чем": "less_than",
        "не менее": "at_least",
        "не меньше": "at_least",
        "как минимум": "at_least",
        "минимум": "at_least",
        "по меньшей мере": "at_least",
        "по крайней мере": "at_least",
        "не более": "at_most",
        "не больше": "at_most",
        "до": "at_most",
        "максимум": "at_most",
        "около": "about",
        "примерно": "about",
        "приблизительно": "about",
        "порядка": "about",
        "почти": "about",
        "почти что": "about",
        "около порядка": "about",
        "ориентировочно": "about",
    },
    "uk": {
        "понад": "more_than",
        "більш ніж": "more_than",
        "більше ніж": "more_than",
        "більше": "more_than",
        "більш як": "more_than",
        "понад як": "more_than",
        "менш ніж": "less_than",
        "менше ніж": "less_than",
        "менше": "less_than",
        "менш як": "less_than",
        "щонайменше": "at_least",
        "принаймні": "at_least",
        "не менше": "at_least",
        "не менш ніж": "at_least",
        "як мінімум": "at_least",
        "мінімум": "at_least",
        "не більше": "at_most",
        "не більше ніж": "at_most",
        "до": "at_most",
        "щонайбільше": "at_most",
        "максимум": "at_most",
        "близько": "about",
        "приблизно": "about",
        "майже": "about",
        "орієнтовно": "about",
        "майже що": "about",
    },
}

_RANGE_START = {"en": {"between", "from"}, "ru": {"от", "между"}, "uk": {"від", "між"}}
_RANGE_MID = {
    "en": {"and", "to", "-", "–", "—"},
    "ru": {"до", "и", "-", "–", "—"},
    "uk": {"до", "і", "та", "-", "–", "—"},
}
_RANGE_INFIX = {"en": {"to", "-", "–", "—"}, "ru": {"-", "–", "—"}, "uk": {"-", "–", "—"}}

#: Vague amounts: phrase (lower-case word tuple) → conventional value (see the module docstring).
_VAGUE: dict[str, dict[tuple[str, ...], float]] = {
    "en": {
        ("tens", "of", "thousands"): 1e4,
        ("hundreds", "of", "thousands"): 1e5,
        ("dozens",): 12,
        ("tens",): 10,
        ("hundreds",): 100,
        ("thousands",): 1e3,
        ("millions",): 1e6,
        ("scores",): 20,
        ("several",): 10,
        ("many",): 10,
        ("numerous",): 10,
        ("a", "few"): 3,
        ("a", "handful"): 3,
        ("a", "couple"): 2,
        ("several", "hundred"): 200,
        ("several", "thousand"): 2000,
        ("several", "dozen"): 24,
    },
    "ru": {
        ("десятки", "тысяч"): 1e4,
        ("десятков", "тысяч"): 1e4,
        ("сотни", "тысяч"): 1e5,
        ("сотен", "тысяч"): 1e5,
        ("десятки",): 10,
        ("десятков",): 10,
        ("десятками",): 10,
        ("сотни",): 100,
        ("сотен",): 100,
        ("сотнями",): 100,
        ("тысячи",): 1e3,
        ("тысяч",): 1e3,
        ("тысячами",): 1e3,
        ("несколько",): 10,
        ("нескольких",): 10,
        ("нескольким",): 10,
        ("множество",): 10,
        ("многие",): 10,
        ("многих",): 10,
        ("многочисленные",): 10,
        ("пара",): 2,
        ("пару",): 2,
        ("пары",): 2,
        ("несколько", "десятков"): 20,
        ("несколько", "сотен"): 200,
        ("несколько", "тысяч"): 2000,
        ("нескольких", "десятков"): 20,
        ("нескольких", "сотен"): 200,
        ("нескольких", "тысяч"): 2000,
    },
    "uk": {
        ("десятки", "тисяч"): 1e4,
        ("десятків", "тисяч"): 1e4,
        ("сотні", "тисяч"): 1e5,
        ("сотень", "тисяч"): 1e5,
        ("десятки",): 10,
        ("десятків",): 10,
        ("десятками",): 10,
        ("сотні",): 100,
        ("сотень",): 100,
        ("сотнями",): 100,
        ("тисячі",): 1e3,
        ("тисяч",): 1e3,
        ("тисячами",): 1e3,
        ("кілька",): 10,
        ("декілька",): 10,
        ("кількох",): 10,
        ("декількох",): 10,
        ("багато",): 10,
        ("чимало",): 10,
        ("численні",): 10,
        ("пара",): 2,
        ("пару",): 2,
        ("кільканадцять",): 11,
        ("кілька", "десятків"): 20,
        ("кілька", "сотень"): 200,
        ("кілька", "тисяч"): 2000,
        ("кількох", "десятків"): 20,
        ("кількох", "сотень"): 200,
        ("кількох", "тисяч"): 2000,
    },
}
_DOZEN: dict[str, dict[tuple[str, ...], float]] = {
    "en": {("a", "dozen"): 12.0, ("dozen",): 12.0},
    "ru": {("дюжина",): 12.0, ("дюжину",): 12.0},
    "uk": {("дюжина",): 12.0, ("дюжину",): 12.0},
}

_STOP: dict[str, frozenset[str]] = {
    "en": frozenset(
        [
            "a",
            "an",
            "the",
            "of",
            "from",
            "to",
            "in",
            "on",
            "at",
            "by",
            "with",
            "for",
            "per",
            "near",
            "towards",
            "toward",
            "and",
            "or",
            "but",
            "that",
            "which",
            "who",
            "whom",
            "were",
            "was",
            "had",
            "has",
            "have",
            "are",
            "is",
            "be",
            "been",
            "being",
            "than",
            "as",
            "into",
            "onto",
            "over",
            "under",
            "after",
            "before",
            "since",
            "during",
            "while",
            "when",
            "where",
            "it",
            "its",
            "their",
            "his",
            "her",
            "they",
            "he",
            "she",
            "we",
            "you",
            "i",
            "this",
            "these",
            "those",
            "there",
            "here",
            "not",
            "no",
            "all",
            "each",
            "every",
            "more",
            "less",
            "about",
            "around",
            "across",
            "along",
            "against",
            "between",
            "among",
            "through",
            "within",
            "without",
            "would",
            "could",
            "should",
            "will",
            "may",
            "might",
            "must",
            "can",
            "did",
            "do",
            "does",
            "also",
            "said",
            "says",
            "according",
            "reportedly",
        ]
    ),
    "ru": frozenset(
        [
            "в",
            "во",
            "на",
            "от",
            "до",
            "из",
            "к",
            "ко",
            "с",
            "со",
            "по",
            "за",
            "у",
            "под",
            "над",
            "при",
            "о",
            "об",
            "про",
            "через",
            "и",
            "а",
            "но",
            "или",
            "что",
            "как",
            "который",
            "которые",
            "была",
            "был",
            "были",
            "было",
            "это",
            "этот",
            "эта",
            "эти",
            "его",
            "ее",
            "их",
            "не",
            "ни",
            "же",
            "ли",
            "бы",
            "также",
            "уже",
            "еще",
        ]
    ),
    "uk": frozenset(
        [
            "в",
            "у",
            "на",
            "від",
            "до",
            "з",
            "із",
            "зі",
            "к",
            "по",
            "за",
            "під",
            "над",
            "при",
            "про",
            "через",
            "і",
            "й",
            "а",
            "але",
            "або",
            "що",
            "як",
            "який",
            "які",
            "була",
            "був",
            "були",
            "було",
            "це",
            "цей",
            "ця",
            "ці",
            "його",
            "її",
            "їх",
            "не",
            "ні",
            "ж",
            "же",
            "б",
            "би",
            "також",
            "вже",
            "ще",
            "біля",
        ]
    ),
}
_CONTAINERS = {
    "en": {
        "pieces",
        "piece",
        "units",
        "unit",
        "items",
        "kinds",
        "types",
        "tonnes",
        "tons",
        "rounds",
        "sets",
        "batches",
        "barrels",
        "litres",
        "liters",
        "square",
    },
    "ru": {"единиц", "единицы", "единицу", "штук", "тонн", "тонны", "комплектов", "партий", "образцов"},
    "uk": {"одиниць", "одиниці", "одиницю", "штук", "тонн", "тонни", "комплектів", "партій", "зразків"},
}
_PERCENT = {
    "%",
    "percent",
    "per cent",
    "процентов",
    "процента",
    "процент",
    "процентах",
    "відсотків",
    "відсотка",
    "відсоток",
    "відсотки",
}
_ADJ_SUFFIX = {
    "en": ("ian", "an", "ese", "ed", "al", "ic", "ive", "ary", "ish", "ing"),
    "ru": ("ых", "их", "ой", "ий", "ый", "ая", "ое", "ые", "ие", "ого", "его", "ым", "им"),
    "uk": ("их", "ий", "ої", "а", "е", "і", "ого", "им", "ій"),
}
_UNIT_ABBR = {"km": "kilometres", "км": "км", "kg": "kg", "mm": "mm"}
_YEAR_WORDS = {"year", "years", "год", "года", "году", "рік", "року", "році", "р", "г"}

_TOKEN = re.compile(
    r"(?P<num>\d{1,3}(?:[ \u00a0\u202f]\d{3})+(?:[.,]\d+)?|\d+(?:[.,]\d+)*)"
    r"|(?P<word>[^\W\d_]+(?:['’ʼ][^\W\d_]+)*)"
    r"|(?P<sym>[%~–—\-:/])"
    r"|(?P<punct>[^\w\s])"
)


@dataclass(frozen=True)
class _Tok:
    text: str
    low: str
    start: int
    end: int
    kind: str  # num, word, sym


def _tokenise(text: str) -> list[_Tok]:
    out: list[_Tok] = []
    for m in _TOKEN.finditer(text):
        kind = m.lastgroup or "sym"
        t = m.group(0)
        low = t.lower().replace("’", "'").replace("ʼ", "'")
        out.append(_Tok(t, low, m.start(), m.end(), kind))
    return out


def _digits_value(raw: str, lang: str) -> float | None:
    s = raw.replace("\u00a0", " ").replace("\u202f", " ")
    if " " in s:
        s = s.replace(" ", "")
        s = s.replace(",", ".")
    elif "," in s:
        parts = s.split(",")
        if lang == "en" and all(len(p) == 3 for p in parts[1:]):
            s = "".join(parts)
        elif len(parts) == 2:
            s = parts[0] + "." + parts[1]
        else:
            return None
    if s.count(".") > 1:
        parts = s.split(".")
        if all(len(p) == 3 for p in parts[1:]):
            s = "".join(parts)
        else:
            return None
    try:
        return float(s)
    except ValueError:
        return None


class _Parser:
    def __init__(self, text: str, lang: str, excluded: Sequence[tuple[int, int]]) -> None:
        self.text = text
        self.lang = lang
        self.toks = _tokenise(text)
        self.excluded = excluded
        self.words = NUMBER_WORDS[lang]

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
                return suffix not in _UNIT_ABBR
            if nxt == "-" and tok.end + 1 < len(self.text) and self.text[tok.end + 1].isalpha():
                return True  # "2-й", "5-th"
        return False

    def number(self, i: int) -> tuple[float, int, bool] | None:
        """(value, next index, written_in_digits) for a number starting at token i."""
        if i >= len(self.toks):
            return None
        tok = self.toks[i]
        if self.excluded_at(tok):
            return None
        if tok.kind == "num":
            if self.glued(i):
                return None
            value = _digits_value(tok.text, self.lang)
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
                self.lang == "en"
                and seq
                and t.low in ("and", "-")
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

    def phrase_at(
        self, i: int, table: dict[tuple[str, ...], float] | dict[str, str]
    ) -> tuple[int, str] | None:
        """Longest key of ``table`` (word tuples, or space-joined strings) starting at token i."""
        best: tuple[int, str] | None = None
        for n in (4, 3, 2, 1):
            if i + n > len(self.toks):
                continue
            words = tuple(t.low for t in self.toks[i : i + n])
            key: object = words if any(isinstance(k, tuple) for k in table) else " ".join(words)
            if key in table:
                best = (i + n, " ".join(words))
                break
        return best

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
        if self.lang == "en" and tok.low in ("percent",):
            return "percent", j + 1
        if (
            self.lang == "en"
            and tok.low == "per"
            and j + 1 < len(self.toks)
            and self.toks[j + 1].low == "cent"
        ):
            return "percent", j + 2
        if tok.low in _PERCENT:
            return "percent", j + 1
        if tok.kind != "word":
            return None, j
        stop = _STOP[self.lang]
        if tok.low in stop or tok.low in self.words:
            return None, j
        if tok.low in _UNIT_ABBR:
            return _UNIT_ABBR[tok.low], j + 1
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
        # "pieces of equipment", "единиц техники"
        if tok.low in _CONTAINERS[self.lang]:
            if self.lang == "en" and k + 1 < len(self.toks) and self.toks[k].low == "of":
                if self.toks[k + 1].kind == "word" and self.toks[k + 1].low not in stop:
                    words = [tok, self.toks[k], self.toks[k + 1]]
                    k += 2
            elif (
                self.lang != "en"
                and k < len(self.toks)
                and self.toks[k].kind == "word"
                and self.toks[k].low not in stop
            ):
                words = [tok, self.toks[k]]
                k += 1
        elif (tok.low.endswith(_ADJ_SUFFIX[self.lang]) or tok.text[:1].isupper()) and k < len(self.toks):
            nxt = self.toks[k]
            if nxt.kind == "word" and nxt.low not in stop and nxt.start - tok.end <= 1:
                words = [tok, nxt]
                k += 1
        unit = self.text[words[0].start : words[-1].end].lower()
        return unit, k

    def parse(self) -> list[Quantity]:
        out: list[Quantity] = []
        i = 0
        n = len(self.toks)
        while i < n:
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
        lang = self.lang
        tok = self.toks[i]
        # range introduced by a preposition: "between 10 and 15", "от 10 до 15"
        if tok.low in _RANGE_START[lang]:
            a = self.number(i + 1)
            if a is not None and a[1] < len(self.toks) and self.toks[a[1]].low in _RANGE_MID[lang]:
                b = self.number(a[1] + 1)
                if b is not None and b[0] >= a[0]:
                    unit, end = self.unit(b[1])
                    return self._make(i, end, a[0], a[0], b[0], "range", unit), end
        # qualifier + number
        qual = "exact"
        j = i
        cue = self.phrase_at(i, _QUALIFIER_CUES[lang])
        if cue is not None and (cue[1] != "до" or i == 0 or self.toks[i - 1].low not in _RANGE_START[lang]):
            num = self.number(cue[0])
            if num is not None:
                qual = _QUALIFIER_CUES[lang][cue[1]]
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
        if qual == "exact" and k < len(self.toks) and self.toks[k].low in _RANGE_INFIX[lang]:
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
                or unit in _YEAR_WORDS
                or (k < len(self.toks) and self.toks[k].low in _YEAR_WORDS)
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
        lang = self.lang
        dozen = self.phrase_at(i, _DOZEN[lang])
        if dozen is not None:
            k = dozen[0]
            if k < len(self.toks) and self.toks[k].low == "of":
                k += 1
            unit, end = self.unit(k)
            if unit is not None:
                return self._make(i, end, 12.0, 12.0, 12.0, "exact", unit), end
        found = self.phrase_at(i, _VAGUE[lang])
        if found is None:
            return None
        # "тысячи" after a number is a scale word, handled by number(); a vague word must not follow one
        if i > 0 and (self.toks[i - 1].kind == "num" or self.toks[i - 1].low in self.words):
            return None
        value = float(_VAGUE[lang][tuple(found[1].split())])
        k = found[0]
        if k < len(self.toks) and self.toks[k].low in ("of", "of the"):
            k += 1
        unit, end = self.unit(k)
        if unit is None:
            return None
        return self._make(i, end, value, value, None, "vague", unit), end


def extract_quantities(text: str, lang: str, *, exclude: Sequence[tuple[int, int]] = ()) -> list[Quantity]:
    """All quantities in ``text``. ``exclude``: character spans to skip (e.g. the dates found by
    :func:`pipelines.nlp.claims.times.extract_times`). Languages: en, ru, uk."""
    if lang not in NUMBER_WORDS:
        raise ValueError(f"quantities: language {lang!r} is not supported; allowed: {sorted(NUMBER_WORDS)}")
    return _Parser(text, lang, exclude).parse()
