"""Number words of English, Russian and Ukrainian (all case forms), for :mod:`.quantities`.

Each word form maps to ``(value, role)``: ``unit`` (1–9), ``teen`` (10–19), ``ten`` (20–90), ``hundreds``
(a complete hundreds word such as "двести" = 200), ``hundred`` (the English multiplier "hundred") and
``scale`` (thousand, million, billion and their abbreviations).
"""

from __future__ import annotations

from collections.abc import Iterable

NumberWord = tuple[float, str]


def _forms(table: dict[str, NumberWord], words: Iterable[str], value: float, role: str) -> None:
    for w in words:
        table[w] = (value, role)


def _english() -> dict[str, NumberWord]:
    t: dict[str, NumberWord] = {}
    units = ["one", "two", "three", "four", "five", "six", "seven", "eight", "nine"]
    for i, w in enumerate(units, start=1):
        _forms(t, [w], i, "unit")
    teens = [
        "ten",
        "eleven",
        "twelve",
        "thirteen",
        "fourteen",
        "fifteen",
        "sixteen",
        "seventeen",
        "eighteen",
        "nineteen",
    ]
    for i, w in enumerate(teens, start=10):
        _forms(t, [w], i, "teen")
    tens = ["twenty", "thirty", "forty", "fifty", "sixty", "seventy", "eighty", "ninety"]
    for i, w in enumerate(tens, start=2):
        _forms(t, [w], i * 10, "ten")
    _forms(t, ["hundred"], 100, "hundred")
    _forms(t, ["thousand"], 1e3, "scale")
    _forms(t, ["million", "mln"], 1e6, "scale")
    _forms(t, ["billion", "bn"], 1e9, "scale")
    return t


def _russian() -> dict[str, NumberWord]:
    t: dict[str, NumberWord] = {}
    _forms(t, ["один", "одна", "одно", "одного", "одной", "одному", "одним", "одном", "одну"], 1, "unit")
    _forms(t, ["два", "две", "двух", "двум", "двумя"], 2, "unit")
    _forms(t, ["три", "трех", "трём", "трем", "тремя", "трёх"], 3, "unit")
    _forms(t, ["четыре", "четырех", "четырём", "четырем", "четырьмя", "четырёх"], 4, "unit")
    stems = {5: "пят", 6: "шест", 7: "сем", 9: "девят"}
    for v, s in stems.items():
        _forms(t, [s + "ь", s + "и", s + "ью"], v, "unit")
    _forms(t, ["восемь", "восьми", "восемью", "восьмью"], 8, "unit")
    _forms(t, ["десять", "десяти", "десятью"], 10, "teen")
    teen_stems = {
        11: "одиннадцат",
        12: "двенадцат",
        13: "тринадцат",
        14: "четырнадцат",
        15: "пятнадцат",
        16: "шестнадцат",
        17: "семнадцат",
        18: "восемнадцат",
        19: "девятнадцат",
    }
    for v, s in teen_stems.items():
        _forms(t, [s + "ь", s + "и", s + "ью"], v, "teen")
    _forms(t, ["двадцать", "двадцати", "двадцатью"], 20, "ten")
    _forms(t, ["тридцать", "тридцати", "тридцатью"], 30, "ten")
    _forms(t, ["сорок", "сорока"], 40, "ten")
    _forms(t, ["пятьдесят", "пятидесяти", "пятьюдесятью"], 50, "ten")
    _forms(t, ["шестьдесят", "шестидесяти", "шестьюдесятью"], 60, "ten")
    _forms(t, ["семьдесят", "семидесяти", "семьюдесятью"], 70, "ten")
    _forms(t, ["восемьдесят", "восьмидесяти", "восемьюдесятью"], 80, "ten")
    _forms(t, ["девяносто", "девяноста"], 90, "ten")
    _forms(t, ["сто", "ста"], 100, "hundreds")
    _forms(t, ["двести", "двухсот", "двумстам", "двумястами"], 200, "hundreds")
    _forms(t, ["триста", "трехсот", "трёхсот", "тремстам"], 300, "hundreds")
    _forms(t, ["четыреста", "четырехсот", "четырёхсот"], 400, "hundreds")
    _forms(t, ["пятьсот", "пятисот"], 500, "hundreds")
    _forms(t, ["шестьсот", "шестисот"], 600, "hundreds")
    _forms(t, ["семьсот", "семисот"], 700, "hundreds")
    _forms(t, ["восемьсот", "восьмисот"], 800, "hundreds")
    _forms(t, ["девятьсот", "девятисот"], 900, "hundreds")
    _forms(t, ["тысяча", "тысячи", "тысяч", "тысячу", "тысячей", "тысячам", "тысячами", "тыс"], 1e3, "scale")
    _forms(t, ["миллион", "миллиона", "миллионов", "миллионами", "млн"], 1e6, "scale")
    _forms(t, ["миллиард", "миллиарда", "миллиардов", "млрд"], 1e9, "scale")
    return t


def _ukrainian() -> dict[str, NumberWord]:
    t: dict[str, NumberWord] = {}
    _forms(t, ["один", "одна", "одне", "одного", "одній", "одному", "одним", "одну", "одної"], 1, "unit")
    _forms(t, ["два", "дві", "двох", "двом", "двома"], 2, "unit")
    _forms(t, ["три", "трьох", "трьом", "трьома"], 3, "unit")
    _forms(t, ["чотири", "чотирьох", "чотирьом", "чотирма"], 4, "unit")
    _forms(t, ["п'ять", "п'яти", "п'ятьох", "п'ятьма", "п'ятьом"], 5, "unit")
    _forms(t, ["шість", "шести", "шістьох", "шістьма"], 6, "unit")
    _forms(t, ["сім", "семи", "сімох", "сьома", "сімома"], 7, "unit")
    _forms(t, ["вісім", "восьми", "вісьмох", "вісьмома"], 8, "unit")
    _forms(t, ["дев'ять", "дев'яти", "дев'ятьох", "дев'ятьма"], 9, "unit")
    _forms(t, ["десять", "десяти", "десятьох", "десятьма"], 10, "teen")
    teen_stems = {
        11: "одинадцят",
        12: "дванадцят",
        13: "тринадцят",
        14: "чотирнадцят",
        15: "п'ятнадцят",
        16: "шістнадцят",
        17: "сімнадцят",
        18: "вісімнадцят",
        19: "дев'ятнадцят",
    }
    for v, s in teen_stems.items():
        _forms(t, [s + "ь", s + "и", s + "ьох", s + "ьма"], v, "teen")
    _forms(t, ["двадцять", "двадцяти", "двадцятьох", "двадцятьма"], 20, "ten")
    _forms(t, ["тридцять", "тридцяти", "тридцятьох", "тридцятьма"], 30, "ten")
    _forms(t, ["сорок", "сорока"], 40, "ten")
    _forms(t, ["п'ятдесят", "п'ятдесяти", "п'ятдесятьма"], 50, "ten")
    _forms(t, ["шістдесят", "шістдесяти", "шістдесятьма"], 60, "ten")
    _forms(t, ["сімдесят", "сімдесяти", "сімдесятьма"], 70, "ten")
    _forms(t, ["вісімдесят", "вісімдесяти", "вісімдесятьма"], 80, "ten")
    _forms(t, ["дев'яносто", "дев'яноста"], 90, "ten")
    _forms(t, ["сто", "ста"], 100, "hundreds")
    _forms(t, ["двісті", "двохсот", "двомстам"], 200, "hundreds")
    _forms(t, ["триста", "трьохсот"], 300, "hundreds")
    _forms(t, ["чотириста", "чотирьохсот"], 400, "hundreds")
    _forms(t, ["п'ятсот", "п'ятисот"], 500, "hundreds")
    _forms(t, ["шістсот", "шестисот"], 600, "hundreds")
    _forms(t, ["сімсот", "семисот"], 700, "hundreds")
    _forms(t, ["вісімсот", "восьмисот"], 800, "hundreds")
    _forms(t, ["дев'ятсот", "дев'ятисот"], 900, "hundreds")
    _forms(t, ["тисяча", "тисячі", "тисяч", "тисячу", "тисячею", "тисячам", "тисячами", "тис"], 1e3, "scale")
    _forms(t, ["мільйон", "мільйона", "мільйонів", "мільйонами", "млн"], 1e6, "scale")
    _forms(t, ["мільярд", "мільярда", "мільярдів", "млрд"], 1e9, "scale")
    return t


NUMBER_WORDS: dict[str, dict[str, NumberWord]] = {"en": _english(), "ru": _russian(), "uk": _ukrainian()}


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
