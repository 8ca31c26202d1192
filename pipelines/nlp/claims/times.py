"""Time expressions in English, Russian and Ukrainian, resolved against the article's publication date.

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

_EN_MONTHS = [
    "january",
    "february",
    "march",
    "april",
    "may",
    "june",
    "july",
    "august",
    "september",
    "october",
    "november",
    "december",
]
_EN_MONTH_ABBR = ["jan", "feb", "mar", "apr", "may", "jun", "jul", "aug", "sep", "oct", "nov", "dec"]
_RU_MONTHS = [
    "январ",
    "феврал",
    "март",
    "апрел",
    "ма",
    "июн",
    "июл",
    "август",
    "сентябр",
    "октябр",
    "ноябр",
    "декабр",
]
_UK_MONTHS = [
    "січ",
    "лют",
    "берез",
    "квіт",
    "трав",
    "черв",
    "лип",
    "серп",
    "верес",
    "жовт",
    "листопад",
    "груд",
]
_EN_WEEKDAYS = ["monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday"]
_RU_WEEKDAYS = ["понедельник", "вторник", "сред", "четверг", "пятниц", "суббот", "воскресень"]
_UK_WEEKDAYS = ["понеділ", "вівтор", "серед", "четвер", "п'ятниц", "субот", "неділ"]

_RU_MONTH_RE = (
    r"(?P<mon>январ[ьяе]|феврал[ьяе]|марта?|марте|апрел[ьяе]|ма[йяе]|июн[ьяе]|июл[ьяе]|"
    r"августа?|августе|сентябр[ьяе]|октябр[ьяе]|ноябр[ьяе]|декабр[ьяе])"
)
_UK_MONTH_RE = (
    r"(?P<mon>січ(?:ень|ня|ні)|лют(?:ий|ого|ому)|берез(?:ень|ня|ні)|квіт(?:ень|ня|ні)|"
    r"трав(?:ень|ня|ні)|черв(?:ень|ня|ні)|лип(?:ень|ня|ні)|серп(?:ень|ня|ні)|верес(?:ень|ня|ні)|"
    r"жовт(?:ень|ня|ні)|листопад(?:а|і)?|груд(?:ень|ня|ні))"
)
_EN_MONTH_RE = (
    r"(?P<mon>january|february|march|april|may|june|july|august|september|october|november|"
    r"december|jan\.?|feb\.?|mar\.?|apr\.?|jun\.?|jul\.?|aug\.?|sept?\.?|oct\.?|nov\.?|dec\.?)"
)

_EN_NUM = {
    "one": 1,
    "two": 2,
    "three": 3,
    "four": 4,
    "five": 5,
    "six": 6,
    "seven": 7,
    "eight": 8,
    "nine": 9,
    "ten": 10,
    "a": 1,
    "an": 1,
    "a couple of": 2,
    "a few": 3,
    "several": 3,
}
_RU_NUM = {
    "один": 1,
    "одну": 1,
    "два": 2,
    "две": 2,
    "три": 3,
    "четыре": 4,
    "пять": 5,
    "шесть": 6,
    "семь": 7,
    "несколько": 3,
    "пару": 2,
}
_UK_NUM = {
    "один": 1,
    "одну": 1,
    "два": 2,
    "дві": 2,
    "три": 3,
    "чотири": 4,
    "п'ять": 5,
    "шість": 6,
    "сім": 7,
    "кілька": 3,
    "декілька": 3,
    "пару": 2,
}


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


def _month_index(lang: str, word: str) -> int:
    w = word.lower().rstrip(".")
    if lang == "en":
        for i, name in enumerate(_EN_MONTHS):
            if w == name or w == _EN_MONTH_ABBR[i] or (w == "sept" and i == 8):
                return i + 1
    elif lang == "ru":
        if w in ("май", "мая", "мае"):
            return 5
        for i, stem in enumerate(_RU_MONTHS):
            if i != 4 and w.startswith(stem):
                return i + 1
    else:
        for i, stem in enumerate(_UK_MONTHS):
            if w.startswith(stem):
                return i + 1
    raise ValueError(f"not a month name in {lang!r}: {word!r}")


def _weekday_index(lang: str, word: str) -> int:
    w = word.lower().replace("’", "'").replace("ʼ", "'")
    names = {"en": _EN_WEEKDAYS, "ru": _RU_WEEKDAYS, "uk": _UK_WEEKDAYS}[lang]
    for i, stem in enumerate(names):
        if w.startswith(stem):
            return i
    raise ValueError(f"not a weekday in {lang!r}: {word!r}")


def _count(lang: str, raw: str) -> int | None:
    raw = raw.lower().strip()
    if raw.isdigit():
        return int(raw)
    table = {"en": _EN_NUM, "ru": _RU_NUM, "uk": _UK_NUM}[lang]
    return table.get(raw)


def _ago(ref: date, n: int, unit: str) -> Period:
    u = unit.lower()
    if u.startswith(("day", "дн", "ден", "дня", "діб", "добу")):
        return _day(ref - timedelta(days=n))
    if u.startswith(("week", "недел", "тиж")):
        return _week(ref, -n)
    if u.startswith(("month", "месяц", "місяц")):
        y, m = _shift_month(ref.year, ref.month, -n)
        return _month(y, m)
    return _year(ref.year - n)


def _rel_unit(ref: date, unit: str, delta: int) -> Period:
    u = unit.lower()
    if u.startswith(("week", "недел", "тиж", "тижн")):
        return _week(ref, delta)
    if u.startswith(("month", "месяц", "місяц")):
        y, m = _shift_month(ref.year, ref.month, delta)
        return _month(y, m)
    return _year(ref.year + delta)


_LAST = {"last", "past", "previous", "прошл", "минувш", "минул", "попередн"}
_NEXT = {"next", "coming", "следующ", "наступн", "будущ"}


def _direction(word: str | None) -> int:
    if not word:
        return 0
    w = word.lower()
    if any(w.startswith(x) for x in _LAST):
        return -1
    if any(w.startswith(x) for x in _NEXT):
        return 1
    return 0


# --- grammar ------------------------------------------------------------------------------------------------


def _rules(lang: str) -> list[tuple[str, Resolver]]:
    rules: list[tuple[str, Resolver]] = []

    def day_month_year(m: re.Match[str], ref: date) -> Period | None:
        mon = _month_index(lang, m.group("mon"))
        day = int(m.group("day"))
        if m.groupdict().get("year"):
            return _safe_day(int(m.group("year")), mon, day)
        return _nearest_day(ref, mon, day)

    def night_before(m: re.Match[str], ref: date) -> Period | None:
        p = day_month_year(m, ref)
        return (p[0] - timedelta(days=1), p[1]) if p else None

    def month_rel_year(m: re.Match[str], ref: date) -> Period | None:
        mon = _month_index(lang, m.group("mon"))
        return _month(ref.year + _direction(m.group("rel")), mon)

    def month_year(m: re.Match[str], ref: date) -> Period | None:
        return _month(int(m.group("year")), _month_index(lang, m.group("mon")))

    def rel_month(m: re.Match[str], ref: date) -> Period | None:
        mon = _month_index(lang, m.group("mon"))
        d = _direction(m.group("rel"))
        if d < 0:
            y = ref.year if mon < ref.month else ref.year - 1
        elif d > 0:
            y = ref.year if mon > ref.month else ref.year + 1
        else:
            return _nearest_month(ref, mon)
        return _month(y, mon)

    def bare_month(m: re.Match[str], ref: date) -> Period | None:
        return _nearest_month(ref, _month_index(lang, m.group("mon")))

    def weekday(m: re.Match[str], ref: date) -> Period | None:
        wd = _weekday_index(lang, m.group("wd"))
        direction = "next" if _direction(m.groupdict().get("rel")) > 0 else "past"
        return _day(_weekday_before(ref, wd, direction))

    def rel_period(m: re.Match[str], ref: date) -> Period | None:
        return _rel_unit(ref, m.group("unit"), _direction(m.group("rel")))

    def this_period(m: re.Match[str], ref: date) -> Period | None:
        return _rel_unit(ref, m.group("unit"), 0)

    def ago(m: re.Match[str], ref: date) -> Period | None:
        n = _count(lang, m.group("n"))
        return _ago(ref, n, m.group("unit")) if n is not None else None

    def recent(m: re.Match[str], ref: date) -> Period | None:
        return ref - timedelta(days=7), ref

    def offset(days: int) -> Resolver:
        return lambda m, ref: _day(ref + timedelta(days=days))

    def night(m: re.Match[str], ref: date) -> Period | None:
        return ref - timedelta(days=1), ref

    def year_only(m: re.Match[str], ref: date) -> Period | None:
        return _year(int(m.group("year")))

    def last_year(m: re.Match[str], ref: date) -> Period | None:
        return _year(ref.year - 1)

    def numeric(m: re.Match[str], ref: date) -> Period | None:
        return _safe_day(int(m.group("y")), int(m.group("m")), int(m.group("d")))

    rules.append((r"(?P<y>(?:19|20)\d\d)-(?P<m>[01]\d)-(?P<d>[0-3]\d)", numeric))
    rules.append((r"(?P<d>[0-3]?\d)\.(?P<m>[01]?\d)\.(?P<y>(?:19|20)\d\d)", numeric))
    if lang == "en":
        mon = _EN_MONTH_RE
        rules += [
            (rf"(?P<day>[0-3]?\d)(?:st|nd|rd|th)?(?: of)? {mon},? (?P<year>(?:19|20)\d\d)", day_month_year),
            (rf"{mon} (?P<day>[0-3]?\d)(?:st|nd|rd|th)?,? (?P<year>(?:19|20)\d\d)", day_month_year),
            (rf"(?P<day>[0-3]?\d)(?:st|nd|rd|th)?(?: of)? {mon}", day_month_year),
            (rf"{mon} (?P<day>[0-3]?\d)(?:st|nd|rd|th)?(?![\d:])", day_month_year),
            (rf"{mon} (?P<rel>last|this|next) year", month_rel_year),
            (rf"(?:in )?{mon},? (?P<year>(?:19|20)\d\d)", month_year),
            (rf"(?P<rel>last|this|next|past) {mon}", rel_month),
            (
                rf"(?:(?:early|mid|late|earlier|later) (?:in )?|in |mid-|since |until |by |during |of |from )"
                rf"{mon}(?!\w)",
                bare_month,
            ),
            (
                r"(?:on |this |(?P<rel>last|next|past) )?"
                r"(?P<wd>monday|tuesday|wednesday|thursday|friday|saturday|sunday)"
                r"(?:'s)?(?: (?:morning|afternoon|"
                r"evening|night))?",
                weekday,
            ),
            (r"(?:the )?day before yesterday", offset(-2)),
            (r"yesterday(?: (?:morning|afternoon|evening))?", offset(-1)),
            (r"(?:last night|overnight)", night),
            (r"today|this (?:morning|afternoon|evening)|tonight", offset(0)),
            (r"tomorrow", offset(1)),
            (r"(?:earlier|later) this (?P<unit>week|month|year)", this_period),
            (r"(?P<rel>last|past|previous|next|coming) (?P<unit>week|month|year)(?!s)", rel_period),
            (r"this (?P<unit>week|month|year)", this_period),
            (
                r"(?P<n>\d+|one|two|three|four|five|six|seven|eight|nine|ten|an?|a couple of|a few|several) "
                r"(?P<unit>days?|weeks?|months?|years?) ago",
                ago,
            ),
            (
                r"(?:in|over|during) (?:the )?(?:recent|past|last) (?:few )?days|in recent days|recently",
                recent,
            ),
            (
                r"(?:in|since|by|until|during|of|throughout|early|late) (?P<year>(?:19|20)\d\d)(?!\d|[.,]\d)",
                year_only,
            ),
        ]
    elif lang == "ru":
        mon = _RU_MONTH_RE
        rules += [
            (rf"в ночь на (?P<day>[0-3]?\d) {mon}", night_before),
            (rf"(?P<day>[0-3]?\d) {mon} (?P<year>(?:19|20)\d\d)(?: (?:года|г\.?))?", day_month_year),
            (rf"(?P<day>[0-3]?\d) {mon}", day_month_year),
            (
                rf"(?:в |с |до |к )?{mon} (?P<rel>прошлого|этого|текущего|следующего|минувшего) года",
                month_rel_year,
            ),
            (rf"(?:в |с |до |к )?{mon} (?P<year>(?:19|20)\d\d)(?: (?:года|г\.?))?", month_year),
            (
                rf"(?:в |с |до |к |в начале |в конце |в середине )"
                rf"(?P<rel>прошлом |прошлого |этом |следующем )?"
                rf"{mon}(?!\w)",
                rel_month,
            ),
            (
                r"(?:в |во |(?:в |во )?(?P<rel>прошлый|прошлую|прошлое|минувший|минувшую|минувшее|следующий|"
                r"следующую|следующее|этот|эту|это) )"
                r"(?P<wd>понедельник|вторник|среду|четверг|пятницу|субботу|"
                r"воскресенье)",
                weekday,
            ),
            (r"позавчера", offset(-2)),
            (r"вчера(?: (?:утром|днем|днём|вечером))?|накануне", offset(-1)),
            (
                r"(?:прошлой|минувшей|этой|сегодня) ночью|в ночь на (?:вторник|среду|четверг|пятницу|субботу|"
                r"воскресенье|понедельник)",
                night,
            ),
            (r"сегодня(?: (?:утром|днем|днём|вечером))?", offset(0)),
            (r"завтра", offset(1)),
            (r"на (?P<rel>прошлой|минувшей|этой|следующей|будущей) (?P<unit>неделе)", rel_period),
            (r"в (?P<rel>прошлом|минувшем|этом|текущем|следующем) (?P<unit>месяце|году)", rel_period),
            (
                r"(?P<n>\d+|один|одну|два|две|три|четыре|пять|шесть|семь|несколько|пару) "
                r"(?P<unit>дней|дня|день|недель|недели|неделю|месяцев|месяца|месяц|лет|года|год) назад",
                ago,
            ),
            (r"в последние (?:несколько )?дни|за последние (?:несколько )?дней|на днях|недавно", recent),
            (
                r"(?:в|с|до|к|к концу|в течение) (?P<year>(?:19|20)\d\d)"
                r"(?: (?:году|года|г\.?))?(?!\d|[.,]\d)",
                year_only,
            ),
            (r"в прошлом году", last_year),
        ]
    else:
        mon = _UK_MONTH_RE
        rules += [
            (rf"в ніч на (?P<day>[0-3]?\d) {mon}", night_before),
            (rf"(?P<day>[0-3]?\d) {mon} (?P<year>(?:19|20)\d\d)(?: (?:року|р\.?))?", day_month_year),
            (rf"(?P<day>[0-3]?\d) {mon}", day_month_year),
            (rf"(?:у |в |з |до )?{mon} (?P<rel>минулого|цього|поточного|наступного) року", month_rel_year),
            (rf"(?:у |в |з |до )?{mon} (?P<year>(?:19|20)\d\d)(?: (?:року|р\.?))?", month_year),
            (
                rf"(?:у |в |з |до |на початку |наприкінці |в середині |у середині )"
                rf"(?P<rel>минулого )?{mon}(?!\w)",
                rel_month,
            ),
            (
                r"(?:у |в |(?:у |в )?(?P<rel>минулий|минулу|минулу|наступний|наступну|цей|цю|минулого|"
                r"наступного) )"
                r"(?P<wd>понеділок|понеділка|вівторок|вівторка|середу|четвер|четверга|п['’ʼ]ятницю|"
                r"суботу|неділю)",
                weekday,
            ),
            (r"позавчора", offset(-2)),
            (r"вчора(?: (?:вранці|ввечері|вдень))?|учора|напередодні", offset(-1)),
            (r"(?:минулої|цієї|сьогодні) ночі|вночі|уночі", night),
            (r"сьогодні(?: (?:вранці|ввечері|вдень))?", offset(0)),
            (r"завтра", offset(1)),
            (r"(?P<rel>минулого|цього|наступного|поточного) (?P<unit>тижня|місяця|року)", rel_period),
            (r"на (?P<rel>минулому|цьому|наступному) (?P<unit>тижні)", rel_period),
            (r"торік|минулоріч", last_year),
            (
                r"(?P<n>\d+|один|одну|два|дві|три|чотири|п'ять|шість|сім|кілька|декілька|пару) "
                r"(?P<unit>днів|дні|день|доби|тижнів|тижні|тиждень|місяців|місяці|місяць|років|роки|рік)"
                r" тому",
                ago,
            ),
            (r"останніми днями|за останні (?:кілька )?днів|днями|нещодавно|протягом останніх днів", recent),
            (
                r"(?:у|в|з|до|протягом) (?P<year>(?:19|20)\d\d)(?: (?:році|року|р\.?))?(?!\d|[.,]\d)",
                year_only,
            ),
        ]
    return rules


_COMPILED: dict[str, list[tuple[re.Pattern[str], Resolver]]] = {}


def _compiled(lang: str) -> list[tuple[re.Pattern[str], Resolver]]:
    if lang not in _COMPILED:
        _COMPILED[lang] = [
            (re.compile(rf"(?<!\w){pattern}(?!\w)", re.IGNORECASE), resolver)
            for pattern, resolver in _rules(lang)
        ]
    return _COMPILED[lang]


def extract_times(text: str, lang: str, published_at: datetime | date | None) -> list[TimeExpr]:
    """All time expressions of ``text`` with resolved dates, in text order, without overlaps (earlier rules —
    the more specific ones — win; then the longer match)."""
    if lang not in ("en", "ru", "uk"):
        raise ValueError(f"times: language {lang!r} is not supported; allowed: ['en', 'ru', 'uk']")
    ref = published_at.date() if isinstance(published_at, datetime) else published_at
    norm = text.replace("’", "'").replace("ʼ", "'")
    taken: list[tuple[int, int]] = []
    found: list[TimeExpr] = []
    for pattern, resolver in _compiled(lang):
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
