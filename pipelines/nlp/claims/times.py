"""Time expressions, resolved against the article's publication date; the words and rules of each language are
the ``times`` section of its pack (``pipelines/nlp/langpacks/<code>/pack.json``: month and weekday names, count
words, unit and direction prefixes, and the rules as regular expressions naming a resolver of this module).

``extract_times(text, lang, published_at)`` returns every expression with its text and resolved start/end
dates (ISO ``YYYY-MM-DD``, inclusive). Rules (the reference date is ``published_at`` in its own time zone):

* days: "today", "yesterday", "the day before yesterday", "tomorrow", "last night" / "вчера", "накануне",
  "прошлой ночью" / "вчора", "напередодні", "минулої ночі";
* weekdays ("on Monday", "в понедельник", "у понеділок"): the latest such day on or before the reference date
  ("next Monday" → the first one after it);
* weeks, months, years: "last/this/next week|month|year", "earlier this month", "на прошлой неделе",
  "в прошлом году", "минулого тижня", "торік" → the whole calendar period (ISO weeks start on Monday);
* "N days/weeks/months ago", "несколько дней назад", "кілька днів тому";
* "in recent days", "в последние дни", "останніми днями" → the 7 days up to the reference date;
* month names: "in August" → the nearest August to the reference date (ties go to the past),
  "last August" → the latest August before the reference month, "August last year" / "в августе прошлого года"
  /
  "у серпні минулого року" → that month of the previous year, "August 2024" → that month;
* day + month ("20 January", "January 20th", "20 января", "20 січня"): the nearest such date (within half a
  year), or the given year; "в ночь на 5 января" → 4–5 January; numeric dates "07.01.2025", "2025-01-07";
* years with a preposition ("in 2024", "в 2024 году", "у 2024 році") → the whole year.

Expressions are not resolved (start/end None) when there is no reference date and the expression is relative.
"""

from __future__ import annotations

import calendar
import re
from collections.abc import Callable
from dataclasses import asdict, dataclass
from datetime import date, datetime, timedelta
from functools import lru_cache
from importlib import import_module
from typing import Any

from pipelines.nlp.langpacks import load_pack


@dataclass(frozen=True)
class TimeExpr:
    """One time expression; ``start``/``end`` are character offsets in the searched text."""

    text: str
    resolved_start: str | None
    resolved_end: str | None
    start: int
    end: int

    def as_dict(self) -> dict[str, object]:
        """The claim-row form (no offsets)."""
        d = asdict(self)
        del d["start"], d["end"]
        return d


Period = tuple[date, date]
Resolver = Callable[[re.Match[str], date], Period | None]


# --- calendar helpers ---------------------------------------------------------------------------------------


def _month(year: int, month: int) -> Period:
    return date(year, month, 1), date(year, month, calendar.monthrange(year, month)[1])


def _shift_month(year: int, month: int, delta: int) -> tuple[int, int]:
    m = year * 12 + (month - 1) + delta
    return m // 12, m % 12 + 1


def _week(ref: date, delta: int) -> Period:
    monday = ref - timedelta(days=ref.weekday()) + timedelta(weeks=delta)
    return monday, monday + timedelta(days=6)


def _year(y: int) -> Period:
    return date(y, 1, 1), date(y, 12, 31)


def _day(d: date) -> Period:
    return d, d


def _weekday_before(ref: date, weekday: int, direction: str = "past") -> date:
    if direction == "next":
        delta = (weekday - ref.weekday()) % 7 or 7
        return ref + timedelta(days=delta)
    return ref - timedelta(days=(ref.weekday() - weekday) % 7)


def _nearest_month(ref: date, month: int) -> Period:
    best: tuple[float, int] | None = None
    for y in (ref.year - 1, ref.year, ref.year + 1):
        mid = date(y, month, 15)
        dist = abs((mid - ref).days) + (0.5 if mid > ref else 0.0)
        if best is None or dist < best[0]:
            best = (dist, y)
    assert best is not None
    return _month(best[1], month)


def _nearest_day(ref: date, month: int, day: int) -> Period | None:
    best: tuple[float, date] | None = None
    for y in (ref.year - 1, ref.year, ref.year + 1):
        try:
            d = date(y, month, day)
        except ValueError:
            continue
        dist = abs((d - ref).days) + (0.5 if d > ref else 0.0)
        if best is None or dist < best[0]:
            best = (dist, d)
    return _day(best[1]) if best else None


def _safe_day(y: int, m: int, d: int) -> Period | None:
    try:
        return _day(date(y, m, d))
    except ValueError:
        return None


@dataclass(frozen=True)
class TimeWords:
    """The ``times`` section of a language pack: month and weekday names, count words, unit and direction
    prefixes, and the rules — (regular expression, resolver name) in priority order."""

    month_words: tuple[frozenset[str], ...]
    month_prefixes: tuple[tuple[str, ...], ...]
    weekday_prefixes: tuple[tuple[str, ...], ...]
    count_words: dict[str, int]
    ago_units: dict[str, tuple[str, ...]]
    period_units: dict[str, tuple[str, ...]]
    past: tuple[str, ...]
    future: tuple[str, ...]
    rules: tuple[tuple[str, str], ...]

    @classmethod
    def of(cls, raw: dict[str, Any]) -> TimeWords:
        mon = raw["month_pattern"]
        return cls(
            month_words=tuple(frozenset(forms) for forms in raw["month_words"]),
            month_prefixes=tuple(tuple(p) for p in raw["month_prefixes"]),
            weekday_prefixes=tuple(tuple(p) for p in raw["weekday_prefixes"]),
            count_words=dict(raw["count_words"]),
            ago_units={k: tuple(v) for k, v in raw["ago_unit_prefixes"].items()},
            period_units={k: tuple(v) for k, v in raw["period_unit_prefixes"].items()},
            past=tuple(raw["past_prefixes"]),
            future=tuple(raw["future_prefixes"]),
            rules=tuple((pattern.replace("{mon}", mon), name) for pattern, name in raw["rules"]),
        )


def _month_index(words: TimeWords, word: str) -> int:
    w = word.lower().rstrip(".")
    for i, forms in enumerate(words.month_words):
        if w in forms:
            return i + 1
    for i, prefixes in enumerate(words.month_prefixes):
        if w.startswith(prefixes):
            return i + 1
    raise ValueError(f"not a month name: {word!r}")


def _weekday_index(words: TimeWords, word: str) -> int:
    w = word.lower().replace("’", "'").replace("ʼ", "'")
    for i, prefixes in enumerate(words.weekday_prefixes):
        if w.startswith(prefixes):
            return i
    raise ValueError(f"not a weekday: {word!r}")


def _count(words: TimeWords, raw: str) -> int | None:
    raw = raw.lower().strip()
    if raw.isdigit():
        return int(raw)
    return words.count_words.get(raw)


def _ago(words: TimeWords, ref: date, n: int, unit: str) -> Period:
    u = unit.lower()
    if u.startswith(words.ago_units["day"]):
        return _day(ref - timedelta(days=n))
    if u.startswith(words.ago_units["week"]):
        return _week(ref, -n)
    if u.startswith(words.ago_units["month"]):
        y, m = _shift_month(ref.year, ref.month, -n)
        return _month(y, m)
    return _year(ref.year - n)


def _rel_unit(words: TimeWords, ref: date, unit: str, delta: int) -> Period:
    u = unit.lower()
    if u.startswith(words.period_units["week"]):
        return _week(ref, delta)
    if u.startswith(words.period_units["month"]):
        y, m = _shift_month(ref.year, ref.month, delta)
        return _month(y, m)
    return _year(ref.year + delta)


def _direction(words: TimeWords, word: str | None) -> int:
    if not word:
        return 0
    w = word.lower()
    if any(w.startswith(x) for x in words.past):
        return -1
    if any(w.startswith(x) for x in words.future):
        return 1
    return 0


# --- grammar ------------------------------------------------------------------------------------------------


def _resolvers(words: TimeWords) -> dict[str, Resolver]:
    """The resolvers the rules of a pack name, for that pack's words."""

    def day_month_year(m: re.Match[str], ref: date) -> Period | None:
        mon = _month_index(words, m.group("mon"))
        day = int(m.group("day"))
        if m.groupdict().get("year"):
            return _safe_day(int(m.group("year")), mon, day)
        return _nearest_day(ref, mon, day)

    def night_before(m: re.Match[str], ref: date) -> Period | None:
        p = day_month_year(m, ref)
        return (p[0] - timedelta(days=1), p[1]) if p else None

    def month_rel_year(m: re.Match[str], ref: date) -> Period | None:
        mon = _month_index(words, m.group("mon"))
        return _month(ref.year + _direction(words, m.group("rel")), mon)

    def month_year(m: re.Match[str], ref: date) -> Period | None:
        return _month(int(m.group("year")), _month_index(words, m.group("mon")))

    def rel_month(m: re.Match[str], ref: date) -> Period | None:
        mon = _month_index(words, m.group("mon"))
        d = _direction(words, m.group("rel"))
        if d < 0:
            y = ref.year if mon < ref.month else ref.year - 1
        elif d > 0:
            y = ref.year if mon > ref.month else ref.year + 1
        else:
            return _nearest_month(ref, mon)
        return _month(y, mon)

    def bare_month(m: re.Match[str], ref: date) -> Period | None:
        return _nearest_month(ref, _month_index(words, m.group("mon")))

    def weekday(m: re.Match[str], ref: date) -> Period | None:
        wd = _weekday_index(words, m.group("wd"))
        direction = "next" if _direction(words, m.groupdict().get("rel")) > 0 else "past"
        return _day(_weekday_before(ref, wd, direction))

    def rel_period(m: re.Match[str], ref: date) -> Period | None:
        return _rel_unit(words, ref, m.group("unit"), _direction(words, m.group("rel")))

    def this_period(m: re.Match[str], ref: date) -> Period | None:
        return _rel_unit(words, ref, m.group("unit"), 0)

    def ago(m: re.Match[str], ref: date) -> Period | None:
        n = _count(words, m.group("n"))
        return _ago(words, ref, n, m.group("unit")) if n is not None else None

    def recent(m: re.Match[str], ref: date) -> Period | None:
        return ref - timedelta(days=7), ref

    def night(m: re.Match[str], ref: date) -> Period | None:
        return ref - timedelta(days=1), ref

    def year_only(m: re.Match[str], ref: date) -> Period | None:
        return _year(int(m.group("year")))

    def last_year(m: re.Match[str], ref: date) -> Period | None:
        return _year(ref.year - 1)

    def numeric(m: re.Match[str], ref: date) -> Period | None:
        return _safe_day(int(m.group("y")), int(m.group("m")), int(m.group("d")))

    named: list[Resolver] = [day_month_year, night_before, month_rel_year, month_year, rel_month, bare_month]
    named += [weekday, rel_period, this_period, ago, recent, night, year_only, last_year, numeric]
    return {f.__name__: f for f in named}


def _offset(days: int) -> Resolver:
    return lambda m, ref: _day(ref + timedelta(days=days))


@lru_cache(maxsize=16)
def _compiled(lang: str) -> list[tuple[re.Pattern[str], Resolver, bool]]:
    """The rules of ``lang``'s pack, compiled, each with whether every match of it holds a digit (none when the
    pack has no ``times`` section)."""
    raw = load_pack(lang).times
    if raw is None:
        return []
    words = TimeWords.of(raw)
    resolvers = _resolvers(words)
    compiled = []
    for pattern, name in words.rules:
        resolver = _offset(int(name.split(":", 1)[1])) if name.startswith("offset:") else resolvers[name]
        rule = re.compile(rf"(?<!\w){pattern}(?!\w)", re.IGNORECASE)
        compiled.append((rule, resolver, _needs_digit(_parser.parse(rule.pattern, rule.flags))))
    return compiled


#: the parser of Python's regular expressions and its opcodes (no public API; used to read the rules' structure)
_parser: Any = import_module("re._parser")
_constants: Any = import_module("re._constants")
#: a decimal digit (any that ``\d`` matches): a text without one matches no rule that needs a digit
_DIGIT = re.compile(r"\d")
_DIGITS = frozenset("0123456789")


def _needs_digit(items: Any) -> bool:
    """Whether every match of the parsed regular expression ``items`` (a sequence) holds a decimal digit: one of
    its items needs one (a digit, a class of digits only, ``\\d``, or a group, branches or a repetition of at
    least once that all need one). Lookarounds and anything else count as needing none."""
    for op, av in items:
        if op is _constants.LITERAL:
            needs = chr(av) in _DIGITS
        elif op is _constants.IN:
            needs = all(_digit_class(member, value) for member, value in av)
        elif op is _constants.SUBPATTERN:
            needs = _needs_digit(av[3])
        elif op is _constants.BRANCH:
            needs = all(_needs_digit(branch) for branch in av[1])
        elif op in (_constants.MAX_REPEAT, _constants.MIN_REPEAT, _constants.POSSESSIVE_REPEAT):
            needs = av[0] >= 1 and _needs_digit(av[2])
        else:
            needs = False
        if needs:
            return True
    return False


def _digit_class(member: Any, value: Any) -> bool:
    """A member of a character class that only digits match."""
    if member is _constants.LITERAL:
        return chr(value) in _DIGITS
    if member is _constants.RANGE:
        return chr(value[0]) in _DIGITS and chr(value[1]) in _DIGITS
    return member is _constants.CATEGORY and value is _constants.CATEGORY_DIGIT


#: How many (text, language, reference date) results :func:`extract_times` remembers before it starts afresh:
#: the claims ask for the times of a sentence once per claim, and a sentence often holds several.
_MEMO_SIZE = 4096
_memo: dict[tuple[str, str, date | None], tuple[TimeExpr, ...]] = {}


def extract_times(text: str, lang: str, published_at: datetime | date | None) -> list[TimeExpr]:
    """All time expressions of ``text`` with resolved dates, in text order, without overlaps (earlier rules —
    the more specific ones — win; then the longer match)."""
    ref = published_at.date() if isinstance(published_at, datetime) else published_at
    key = (text, lang, ref)
    found = _memo.get(key)
    if found is None:
        if len(_memo) >= _MEMO_SIZE:
            _memo.clear()
        found = _memo[key] = tuple(_extract(text, lang, ref))
    return list(found)


def _extract(text: str, lang: str, ref: date | None) -> list[TimeExpr]:
    rules = _compiled(lang)  # a language without a pack is an error naming the packs
    norm = text.replace("’", "'").replace("ʼ", "'")
    digits = _DIGIT.search(norm) is not None
    taken: list[tuple[int, int]] = []
    found: list[TimeExpr] = []
    for pattern, resolver, needs_digit in rules:
        if needs_digit and not digits:
            continue  # most sentences have no digit: the dates and years cannot match
        for m in pattern.finditer(norm):
            s, e = m.span()
            if any(s < te and ts < e for ts, te in taken):
                continue
            period: Period | None = None
            if ref is not None:
                try:
                    period = resolver(m, ref)
                except ValueError:
                    period = None
            surface = text[s:e]
            # a leading preposition is not part of the expression's text, except "on"/"in" kept by the rules
            found.append(
                TimeExpr(
                    surface,
                    period[0].isoformat() if period else None,
                    period[1].isoformat() if period else None,
                    s,
                    e,
                )
            )
            taken.append((s, e))
    found.sort(key=lambda t: t.start)
    return found
