"""Number words, for :mod:`.quantities`: the ``quantities.number_words`` of a language pack map each word
form (all case forms) to ``(value, role)``: ``unit`` (1–9), ``teen`` (10–19), ``ten`` (20–90), ``hundreds``
(a complete hundreds word such as "двести" = 200), ``hundred`` (the English multiplier "hundred") and
``scale`` (thousand, million, billion and their abbreviations).
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
