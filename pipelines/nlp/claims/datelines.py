"""Datelines (issue 17): the place, date and agency a wire story or agency item opens its paragraph with, before
the report ("KYIV, Dec 1 (Reuters) - …", "МОСКВА, 1 декабря. /ТАСС/. …", "КИЕВ, 1 дек – РИА Новости. …",
"Москва. 1 декабря. INTERFAX.RU - …", "КИЇВ. 1 грудня. УНН. …", "KYIV — …"). A dateline is furniture: it is no
part of what anyone claims, and alone it is no sentence. The shapes are those of the agencies, not of a language:
a place in capitals (or capitalised before a date), a day and month, an agency in parentheses, slashes, or
after a dash, and a dash or full stop before the report.
"""

from __future__ import annotations

import re

_UP = "A-ZА-ЯЁІЇЄҐ"
_LOW = "a-zа-яёіїєґ"
#: a place in capitals ("KYIV", "NEW YORK", "ЗАПОРІЖЖЯ"), at most three words
_CAPS = rf"[{_UP}][{_UP}'’.\-]+(?:\s[{_UP}][{_UP}'’.\-]+){{0,2}}"
#: a place as a name ("Москва", "Київ", "Нью-Йорк")
_NAME = rf"[{_UP}][{_LOW}'’\-]+(?:[\s\-][{_UP}][{_LOW}'’\-]+)?"
#: a day and month, either order, with a year perhaps ("Dec 1", "Dec. 1, 2025", "1 декабря", "1 дек")
_DATE = r"(?:\d{1,2}\s+\w{3,9}\.?(?:\s+\d{4})?|\w{3,9}\.?\s+\d{1,2}(?:,\s+\d{4})?)"
_DASH = r"\s*[-–—―]\s+"  # (HuffPost: "WASHINGTON ― ")

_SHAPES = (
    # "KYIV, Dec 1 (Reuters) - ", "KYIV, Ukraine (AP) — ", "WASHINGTON (Reuters) -", "Київ, 1 грудня (Укрінформ) -"
    rf"(?:{_CAPS}(?:,\s+[^\n()]{{1,30}}?)?|{_NAME},\s+{_DATE})\s*\([^()\n]{{2,30}}\){_DASH}",
    # "МОСКВА, 1 декабря. /ТАСС/. "
    rf"(?:{_CAPS}|{_NAME}),\s+{_DATE}\.?\s+/[^/\n]{{2,25}}/\.?\s*",
    # "КИЕВ, 1 дек – РИА Новости. "
    rf"(?:{_CAPS}|{_NAME}),\s+{_DATE}{_DASH}[^.\n]{{2,25}}\.\s+",
    # "Москва. 1 декабря. INTERFAX.RU - ", "КИЇВ. 1 грудня. УНН. "
    rf"(?:{_CAPS}|{_NAME})\.\s+{_DATE}\.\s+[{_UP}][\w.]{{1,20}}(?:{_DASH}|\.\s+)",
    # "MYRTLE BEACH, S.C. - ", "FRESNO, Calif. — ", "KHARKIV, Ukraine — ": a place in capitals, its state or country
    rf"{_CAPS},\s+(?:(?:[A-Z]\.){{1,3}}|[A-Z][a-z]{{1,5}}\.|[{_UP}][{_LOW}]+){_DASH}",
    # "KYIV — ": a place in capitals, three letters at least, and a dash
    rf"[{_UP}]{{3}}{_CAPS[len(f'[{_UP}]') :]}{_DASH}",
)
_DATELINE = re.compile("|".join(f"(?:{s})" for s in _SHAPES))


def dateline_end(text: str, start: int) -> int | None:
    """The character where the report starts after a dateline that opens ``text`` at ``start`` (a paragraph's
    first character); None when no dateline opens it."""
    m = _DATELINE.match(text, start, min(len(text), start + 120))
    if (
        m is None
        or m.end() >= len(text)
        or not (text[m.end()].isupper() or text[m.end()] in '0123456789«"“„')
    ):
        return None  # (a report starts a sentence: "NATO - the alliance …" is none)
    return m.end()


_PARAGRAPH = re.compile(r"(?:^|\n)[ \t]*(?=\S)")


def dateline_spans(text: str) -> list[tuple[int, int]]:
    """Character ranges of the datelines that open the paragraphs of ``text`` (a paragraph starts the text or
    follows a line break)."""
    out: list[tuple[int, int]] = []
    for m in _PARAGRAPH.finditer(text):
        end = dateline_end(text, m.end())
        if end is not None:
            out.append((m.end(), end))
    return out
