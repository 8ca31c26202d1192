"""Number words, for :mod:`.quantities`: the ``quantities.number_words`` of a language pack map each word
form (all case forms) to ``(value, role)``: ``unit`` (1–9), ``teen`` (10–19), ``ten`` (20–90), ``hundreds``
(a complete hundreds word such as "двести" = 200), ``hundred`` (the English multiplier "hundred") and
``scale`` (thousand, million, billion and their abbreviations); and numbers written in digits.
"""

from __future__ import annotations

NumberWord = tuple[float, str]


def combine(words: list[NumberWord]) -> float | None:
    """The value of a sequence of number words ("two hundred and fifty" → 250, "сто двадцать" → 120)."""
    total = 0.0
    current = 0.0
    seen = False
    for value, role in words:
        seen = True
        if role in ("unit", "teen", "ten", "hundreds"):
            current += value
        elif role == "hundred":
            current = (current or 1.0) * value
        elif role == "scale":
            total += (current or 1.0) * value
            current = 0.0
    return total + current if seen else None


def digits_value(raw: str, comma_groups_thousands: bool) -> float | None:
    """The value of a number written in digits ("1,500", "1 500", "2.5", "1.500.000"), or None when its
    separators are ambiguous; ``comma_groups_thousands``: "1,500" is 1500 (else a decimal comma: "1,5")."""
    s = raw.replace("\u00a0", " ").replace("\u202f", " ")
    if " " in s:
        s = s.replace(" ", "")
        s = s.replace(",", ".")
    elif "," in s:
        parts = s.split(",")
        if comma_groups_thousands and all(len(p) == 3 for p in parts[1:]):
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
