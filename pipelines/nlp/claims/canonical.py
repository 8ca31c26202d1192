"""Canonical names of claimants by lemma: inflected Russian and Ukrainian names reach their nominative form.

The alias table (:mod:`pipelines.nlp.aliases`) names the frequent actors; every other claimant that names a
person or an organisation gets its name in the nominative as its canonical name, so that "Трампа", "Трампу"
and "Трамп" are one claimant, and a surname alone ("Савченко", "Kiper") takes the full name of the same
person mentioned earlier in the article ("Елена Савченко"). The nominative comes from the pymorphy3
dictionaries of Russian and Ukrainian (``pymorphy3-dicts-ru``, ``pymorphy3-dicts-uk``), loaded once per
process and language. English names are kept as written.

- :func:`nominative_name`: a personal name word by word: a word the dictionary knows as a first name, surname
  or patronymic (or an adjectival surname: "Зеленского" → "Зеленский") goes to the nominative singular, in its
  own gender; any other word is kept as written ("Шойгу", unknown names).
- :func:`nominative_phrase`: an organisation or role ("речника однієї з бригад", "Министерства обороны"): the
  words up to and including the first noun go to the nominative, the dependents after it stay as written
  ("речник однієї з бригад", "Министерство обороны").
"""

from __future__ import annotations

from functools import cache, lru_cache
from typing import Any

#: languages with a pymorphy3 dictionary (see :mod:`pipelines.nlp.lexicon_tags`)
MORPH_LANGUAGES = ("ru", "uk")
_NAME_GRAMMEMES = frozenset({"Name", "Surn", "Patr"})
_OBLIQUE = frozenset({"gent", "datv", "accs", "ablt", "loct", "voct", "gen2", "acc2", "loc2"})


#: typographic apostrophes ("В’ячеслав", "обʼєкт"); the dictionaries spell words with the ASCII one
_APOSTROPHES = str.maketrans({"’": "'", "ʼ": "'", "`": "'", "‘": "'"})


class _Analyser:
    """A pymorphy3 analyser that looks words up with the ASCII apostrophe: real Ukrainian text mostly writes
    "’" (or "ʼ"), which the dictionary does not know, so "В’ячеслава Чорновола" had no lemma and no canonical
    name while "В'ячеслава" had both."""

    def __init__(self, inner: Any) -> None:
        self.inner = inner

    def parse(self, word: str) -> Any:
        return self.inner.parse(word.translate(_APOSTROPHES))

    def word_is_known(self, word: str) -> bool:
        return bool(self.inner.word_is_known(word.translate(_APOSTROPHES)))


@cache
def morph(lang: str) -> Any | None:
    """The pymorphy3 analyser of ``lang`` (None for a language without a dictionary), loaded once; words are
    looked up with typographic apostrophes made ASCII."""
    if lang not in MORPH_LANGUAGES:
        return None
    import pymorphy3

    return _Analyser(pymorphy3.MorphAnalyzer(lang=lang))


@lru_cache(maxsize=4096)
def never_a_verb(lang: str, word: str) -> bool:
    """The language's dictionary (pymorphy3) knows ``word`` only as a noun ("кладовищі", which a tagger may call
    a verb); False without a dictionary, for an unknown word, or for one with any other reading (adjectives,
    participles and predicatives may be predicates: "известна", "представлені", "видно")."""
    analyser = morph(lang)
    if analyser is None or not analyser.word_is_known(word):
        return False
    return all(p.tag.POS == "NOUN" for p in analyser.parse(word))


@lru_cache(maxsize=4096)
def only_converb(lang: str, word: str) -> bool:
    """The language's dictionary knows ``word`` only as a converb ("отмечая", which the Russian tagger reads as an
    imperative); False without a dictionary or for an unknown word."""
    analyser = morph(lang)
    if analyser is None or not analyser.word_is_known(word):
        return False
    return all(p.tag.POS == "GRND" for p in analyser.parse(word))


@lru_cache(maxsize=4096)
def known_verb(lang: str, word: str) -> bool:
    """The language's dictionary (pymorphy3) knows ``word`` and has a verb or infinitive among its readings
    ("оновлено"); False without a dictionary or for an unknown word (the twin of :func:`never_a_verb`)."""
    analyser = morph(lang)
    if analyser is None or not analyser.word_is_known(word):
        return False
    return any(p.tag.POS in ("VERB", "INFN") for p in analyser.parse(word))


def _recase(original: str, word: str) -> str:
    mark = next((m for m in "’ʼ" if m in original), None)
    if mark is not None:
        word = word.replace("'", mark)  # the apostrophe as written ("Мар’ян"; the dictionary's is ASCII)
    if len(original) > 1 and original.isupper():
        return word.upper()
    if original[:1].isupper():
        # each part of a hyphenated word as it was written ("Римского-Корсакова", "Прем'єр-міністра")
        written = original.split("-")
        return "-".join(
            p[:1].upper() + p[1:] if k >= len(written) or written[k][:1].isupper() else p
            for k, p in enumerate(word.split("-"))
        )
    return word


def _nominative(parse: Any) -> str | None:
    grammemes = {"nomn", "sing"} if "sing" in parse.tag.grammemes else {"nomn"}
    inflected = parse.inflect(grammemes) or parse.inflect({"nomn"})
    return str(inflected.word) if inflected is not None else None


#: how many names (and phrases) :func:`nominative_name` (:func:`nominative_phrase`) remember: both are pure
#: functions of the language and the text, and a claimant comes back claim after claim
_MEMO_SIZE = 20_000

_CASE_ORDER = ("nomn", "gent", "datv", "accs", "ablt", "loct", "voct", "gen2", "acc2", "loc2")


def _name_parses(m: Any, word: str) -> list[Any]:
    """The singular masculine or feminine readings of ``word`` as a first name, surname or patronymic (or an
    adjectival surname: "Зеленского", "Сирського", which the dictionary knows as adjectives)."""
    if not any(ch.isalpha() for ch in word) or not word[:1].isupper():
        return []
    lower = word.lower()
    adjectival = lower.endswith(("ского", "ського", "цкого", "цького", "ской", "ської", "цкой", "цької"))
    found = [
        p for p in m.parse(lower) if _NAME_GRAMMEMES & p.tag.grammemes or (adjectival and p.tag.POS == "ADJF")
    ]
    # a person is one person of a gender: plural and neuter readings ("Натальи" as a plural) are no name
    found = [p for p in found if "plur" not in p.tag.grammemes and "neut" not in p.tag.grammemes]
    return found


def _keys(parse: Any) -> set[tuple[str, str]]:
    grammemes = parse.tag.grammemes  # compare as strings: a tag attribute rejects grammemes it does not know
    genders = tuple(g for g in ("masc", "femn") if g in grammemes) or ("masc", "femn")
    return {(str(parse.tag.case), g) for g in genders}


@lru_cache(maxsize=_MEMO_SIZE)
def nominative_name(lang: str, text: str) -> str:
    """``text``, a personal name, in the nominative (ru/uk); unchanged for other languages.

    The words of a name agree: the case (and gender) read is one that every name word allows, the nominative
    first ("Валентина" stays, "Олександра Сирського" → "Олександр Сирський"); words that are no name in the
    dictionary are kept as written."""
    m = morph(lang)
    words = text.split()
    if m is None or not words:
        return text
    readings = {k: _name_parses(m, w) for k, w in enumerate(words)}
    readings = {k: ps for k, ps in readings.items() if ps}
    if not readings:
        return text
    common: set[tuple[str, str]] | None = None
    for ps in readings.values():
        keys = set().union(*(_keys(p) for p in ps))
        common = keys if common is None else common & keys
    if not common:
        return text
    case, gender = min(common, key=lambda k: (_CASE_ORDER.index(k[0]) if k[0] in _CASE_ORDER else 99, k[1]))
    if case == "nomn":
        return text
    out = list(words)
    for k, ps in readings.items():
        parse = next(p for p in ps if (case, gender) in _keys(p))
        nominative = _nominative(parse)
        if nominative:
            out[k] = _recase(words[k], nominative)
    return " ".join(out)


def _proper_rank(parse: Any) -> int:
    """Readings of a place or organisation name: geographical first, personal names and other animate nouns
    last ("Харкові" is the city Харків before the surname Харко, "Києві" Київ before the name Кий)."""
    grammemes = parse.tag.grammemes
    if "Geox" in grammemes:
        return 0
    person = grammemes & {"Name", "Surn", "Patr"} or (parse.tag.POS == "NOUN" and "anim" in grammemes)
    return 2 if person else 1


def _agree(adjective: Any, noun: Any) -> bool:
    """Two readings in one case and number, and one gender in the singular."""
    a, n = adjective.tag, noun.tag
    return (
        a.case == n.case
        and a.number == n.number
        and (n.number == "plur" or a.gender is None or a.gender == n.gender)
    )


@lru_cache(maxsize=_MEMO_SIZE)
def nominative_phrase(lang: str, text: str, *, proper: bool = False) -> str:
    """``text``, a noun phrase, with its words up to the first noun in the nominative (ru/uk); unchanged when
    it does not start with an inflected noun or adjective, or for other languages. The noun is read in a case,
    number and gender the adjectives before it share, and they take its number and gender ("Тверской площади"
    → "Тверская площадь", "Мертвого моря" → "Мертве море"). ``proper``: the phrase is the name of a place or
    organisation (:func:`_proper_rank` orders its readings)."""
    m = morph(lang)
    words = text.split()
    if m is None:
        return text
    adjectives: list[tuple[int, list[Any]]] = []
    for k, word in enumerate(words):
        if len(word) > 1 and word.isupper():  # acronyms ("МИД", "ЗСУ") do not inflect
            if adjectives and len(adjectives) == k:  # adjectives before one take its gender from their own
                return _adjectives_nominative(words, adjectives) or text  # ("Харківській ОВА")
            break
        parses = [p for p in m.parse(word) if p.tag.POS in ("NOUN", "ADJF", "PRTF")]
        if proper:
            # before another word an adjective reading comes first ("Тверской площади": not the street Тверская)
            before = k + 1 < len(words) and not words[k + 1].isupper()
            parses.sort(key=lambda p: (before and p.tag.POS == "NOUN", _proper_rank(p)))
            if parses and not parses[0].is_known and any(p.tag.case == "nomn" for p in m.parse(word)):
                break  # a word the dictionary only guesses, which may be a nominative: as written ("Бердин")
        if adjectives:  # a noun reading every adjective before it agrees with
            agreeing = [p for p in parses if all(any(_agree(a, p) for a in ps) for _, ps in adjectives)]
            parses = agreeing or parses
        if not parses or parses[0].tag.case not in _OBLIQUE:
            break
        if parses[0].tag.POS != "NOUN":
            adjectives.append((k, [p for p in parses if p.tag.POS != "NOUN" and p.tag.case in _OBLIQUE]))
            continue
        return _with_nominatives(words, k, parses[0], adjectives) or text
    return text


def _adjectives_nominative(words: list[str], adjectives: list[tuple[int, list[Any]]]) -> str | None:
    """``words`` with the adjectives before an acronym in the nominative of their own number and gender."""
    out = list(words)
    for j, readings in adjectives:
        # "Российским МИД", "Российского МИД": the singular, the masculine of a shared form
        a = min(readings, key=lambda r: (r.tag.number == "plur", r.tag.gender == "neut"))
        target = {"nomn"} | {str(g) for g in (a.tag.number, a.tag.gender) if g}
        inflected = a.inflect(target)
        if inflected is None:
            return None
        out[j] = _recase(words[j], str(inflected.word))
    return " ".join(out)


def _with_nominatives(
    words: list[str], k: int, noun: Any, adjectives: list[tuple[int, list[Any]]]
) -> str | None:
    """``words`` with the noun at ``k`` (its reading ``noun``) and the adjectives before it in the nominative."""
    nominative = _nominative(noun)
    if nominative is None:
        return None
    out = list(words)
    number = str(noun.tag.number or "sing")
    target = {"nomn", number} | ({str(noun.tag.gender)} if number == "sing" and noun.tag.gender else set())
    for j, readings in adjectives:
        adjective = next((a for a in readings if _agree(a, noun)), readings[0])
        inflected = adjective.inflect(target) or adjective.inflect({"nomn"})
        if inflected is None:
            return None
        out[j] = _recase(words[j], str(inflected.word))
    out[k] = _recase(words[k], nominative)
    return " ".join(out)


def surname_of(name: str) -> str:
    """The last word of a name, case-folded (the key that joins "Савченко" to "Елена Савченко")."""
    words = name.split()
    return words[-1].casefold() if words else ""
