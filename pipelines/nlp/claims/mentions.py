"""Tests on a mention's words that tell what it cannot be (issue 17): a time phrase is no claimant, a name in
an oblique case after a role noun is whose the role is, a name in the dative is whom something was told."""

from __future__ import annotations

import re

from spacy.tokens import Span, Token

from pipelines.nlp.claims.canonical import morph, nominative_name
from pipelines.nlp.claims.context import DocContext
from pipelines.nlp.claims.mention_types import noun_type
from pipelines.nlp.claims.words import word


def time_phrase(ctx: DocContext, s: int, e: int) -> bool:
    """Tokens [s, e) only say when ("у березні", "в минулому місяці", "вчора", "in March"): prepositions,
    determiners, numbers and words of the pack's times (months, weekdays, period units, past and future words,
    ``time_words``), at least one of the last. A time phrase never names who made a statement."""
    times = ctx.pack.times or {}
    pattern = times.get("month_pattern")
    month = re.compile(pattern, re.IGNORECASE) if isinstance(pattern, str) else None
    prefixes = [p for group in times.get("weekday_prefixes", []) for p in group]
    prefixes += [p for group in (times.get("period_unit_prefixes") or {}).values() for p in group]
    prefixes += list(times.get("past_prefixes", [])) + list(times.get("future_prefixes", []))
    found = False
    for t in ctx.doc[s:e]:
        w = t.lower_
        timely = (month is not None and month.fullmatch(w)) or w in ctx.pack.time_words
        if timely or any(w.startswith(p) for p in prefixes):
            found = True
        elif not (t.is_punct or t.like_num or (ctx.has_pos and t.pos_ in ("ADP", "DET", "CCONJ"))):
            return False  # (a number goes with a month, it is no time alone: "No one")
    return found


def possessor(ctx: DocContext, ent: Span, head: Token) -> bool:
    """A person's name in an oblique case after a head noun in the nominative ("Адвокат Маркива", "Сторонники
    Ассанжа"): whose the head is, not who the head is; the claimant is the head's phrase, not the name. The
    name's case is told by its nominative (:func:`.canonical.nominative_name`), the tagger's case of a name
    being often wrong; the head's by the tagger ("за словами міністра Арсена Авакова" stays the minister's)."""
    if head.i >= ent.start or head.ent_type_ or not word(head) or "Nom" not in head.morph.get("Case"):
        return False
    return bool(nominative_name(ctx.lang, ent.text) != ent.text)


def dative_name(ent: Span) -> bool:
    """A person's name in the dative by the tagger (its first word, none in the nominative): whom something was
    told or given."""
    words = [t for t in ent if word(t)]
    return (
        bool(words)
        and words[0].morph.get("Case") == ["Dat"]
        and not any("Nom" in t.morph.get("Case") for t in words)
    )


def trim_phrase(ctx: DocContext, s: int, e: int) -> tuple[int, int, bool]:
    """Tokens [s, e) of a claimant phrase without what names no source (with a tagger), and whether a
    locative preposition was cut: a sentence connective and adverbs before it ("При цьому фірма", "Спочатку
    …"), a prepositional phrase before a nominative source ("На свій захист Бережанська"), the locative
    preposition of a place that spoke ("у «Лізі антитрасту»", "в обласній лікарні": the
    claimant is the organisation, as "У Кремлі заперечували" gives "Кремлі"), an outlet noun in the dative
    after it (the addressee glued to it: "в лікарні виданню повідомили") and a dative before or after the source
    (:func:`_without_addressee`); and with both parts of a hyphenated noun and the closing
    mark of a quoted name it opens ("«Лізі антитрасту»")."""
    doc = ctx.doc
    while (
        not ctx.pack.articles
        and s < e < len(doc) - 1
        and doc[e].text == "-"
        and not doc[e - 1].whitespace_
        and not doc[e].whitespace_
        and word(doc[e + 1])
    ):
        e += 2  # the second part of a hyphenated noun the parse left out ("Прес-служба", not "Прес")
    if not ctx.has_pos or e - s < 2 or ctx.pack.articles:
        # a language with articles (English) keeps its phrase as written, as PolNeAR marks it
        return s, e, False
    for phrase in ctx.pack.connectives:
        n = len(phrase.split())
        if e - s > n and " ".join(t.lower_ for t in doc[s : s + n]) == phrase:
            s += n
            break
    while e - s > 1 and doc[e - 1].lower_ in ctx.pack.emphatic_reflexives:
        e -= 1  # "Зеленский сам заявил": the name, not its emphasis
    while (
        e - s > 1
        and (doc[s].pos_ == "ADV" or (doc[s].pos_ == "PART" and doc[s].lower_ not in ctx.lex.negations))
        and word(doc[s])
        and doc[s + 1].pos_ != "NUM"  # "Nearly eight of 10 voters", "Only 52 percent": the amount's
        and not (doc[s + 1].pos_ in ("ADP", "SCONJ") and not doc[s + 1].morph.get("Case"))  # "Rather than"
    ):
        s += 1
    locative = (
        e - s > 1
        and doc[s].pos_ == "ADP"
        and doc[s].lower_ in ctx.pack.place_prepositions
        # (a tagger that gives the preposition no case: the noun or adjective after it in the locative)
        and "Loc" in (doc[s].morph.get("Case") or doc[s + 1].morph.get("Case"))
        and doc[s + 1].pos_ not in ("PRON", "DET")
    )
    if locative:
        s += 1
    elif doc[s].pos_ == "ADP" and doc[s].morph.get("Case") and "Loc" not in doc[s].morph.get("Case"):
        # "На свій захист Бережанська пояснила": a prepositional phrase before the source is no part of it
        k = next(
            (
                j
                for j in range(s + 1, e)
                if doc[j].pos_ in ("NOUN", "PROPN", "ADJ")
                and "Nom" in doc[j].morph.get("Case")
                and "nomn" in dictionary_cases(ctx, doc[j])
            ),
            None,
        )
        if k is not None and not any(t.is_punct for t in doc[s:k]):
            s = k
    while e - s > 1 and doc[e - 1].morph.get("Case") == ["Dat"] and noun_type(ctx, doc[e - 1]) == "media":
        e -= 1
    s, e = _without_addressee(ctx, s, e)
    while s >= 2 and doc[s - 1].text == "-" and not doc[s - 1].whitespace_ and not doc[s - 2].whitespace_:
        s -= 2  # the first part of a hyphenated noun ("фірма-постачальник")
    opened = sum(1 for t in doc[s:e] if t.text in ctx.pack.open_quotes)
    closed = sum(
        1 for t in doc[s:e] if t.text in ctx.pack.close_quotes and t.text not in ctx.pack.open_quotes
    )
    if opened > closed and e < len(doc) and doc[e].text in ctx.pack.close_quotes:
        e += 1
    return s, e, locative


_CASE_GRAMMEMES = frozenset({"nomn", "gent", "datv", "accs", "ablt", "loct", "voct"})


def dictionary_cases(ctx: DocContext, token: Token) -> frozenset[str]:
    """Every case the language's dictionary allows for ``token`` (pymorphy3 grammemes: ``nomn``, ``datv``, …),
    empty without a dictionary or for a word it does not know: the tagger's one case is often wrong on a
    word out of its clause ("«Діловій столиці»" is genitive to it)."""
    analyser = morph(ctx.lang)
    if analyser is None or not word(token):
        return frozenset()
    cases: set[str] = set()
    for parse in analyser.parse(token.text):
        if parse.is_known:
            found = parse.tag.grammemes & _CASE_GRAMMEMES
            # a noun's dictionary form comes without a case in the uk dictionary ("завод": NOUN,inan masc)
            cases |= found or ({"nomn"} if "NOUN" in parse.tag else set())
    return frozenset(cases)


def _without_addressee(ctx: DocContext, s: int, e: int) -> tuple[int, int]:
    """Tokens [s, e) without whom the report was made to: a noun or quoted name that can only be dative, not
    nominative, before a word that can only be nominative, not dative or genitive ("Як повідомив «Діловій
    столиці» колишній мер", "Як пояснювали суду представники органа"; "Счетной палаты" stays), and a word that can only be dative after a nominative source,
    with what follows it ("представник відомства журналісту агентства …"). The cases are the dictionary's
    (:func:`dictionary_cases`), so a language without one keeps its phrase."""
    doc = ctx.doc
    k = s + 1 if doc[s].text in ctx.pack.open_quotes else s
    quoted = k > s or (s > 0 and doc[s - 1].text in ctx.pack.open_quotes)
    first = dictionary_cases(ctx, doc[k]) if k < e else frozenset()
    if "datv" in first and "nomn" not in first and doc[k].pos_ in ("NOUN", "PROPN", "ADJ", "DET"):
        if quoted:  # a quoted name: up to its closing mark
            close = next((j for j in range(k + 1, e) if doc[j].text in ctx.pack.close_quotes), None)
            rest = close + 1 if close is not None else e
        else:
            rest = k + 1
        after = dictionary_cases(ctx, doc[rest]) if rest < e else frozenset()
        if rest + 1 < e and doc[rest].lower_ in ctx.pack.place_prepositions and doc[rest].pos_ == "ADP":
            s = rest + 1  # "Як повідомили «Українській правді» в СБУ": the place that spoke
        elif rest < e and (
            ("nomn" in after and not after & {"datv", "gent"}) or _nominative_run(ctx, rest, e)
        ):
            s = rest
    nominative = False
    for j in range(s, e):
        if doc[j].pos_ == "ADP":
            break  # a preposition's object is no addressee ("чоловік у старій кепці", "у воєнній сфері")
        cases = dictionary_cases(ctx, doc[j])
        only_dative = bool(cases) and "datv" in cases and not cases & {"nomn", "gent", "accs"}
        if nominative and only_dative and doc[j].pos_ in ("NOUN", "PROPN"):
            return s, j
        if cases == {"nomn"} or (doc[j].pos_ in ("NOUN", "PROPN") and "Nom" in doc[j].morph.get("Case")):
            nominative = True
    return s, e


def _nominative_run(ctx: DocContext, s: int, e: int) -> bool:
    """A noun the dictionary allows only in the nominative among tokens [s, e) (quotes and adjectives may
    come first): the source after an addressee."""
    for j in range(s, e):
        cases = dictionary_cases(ctx, doc_j := ctx.doc[j])
        if doc_j.is_punct or doc_j.pos_ in ("ADJ", "DET"):
            continue
        return "nomn" in cases and not cases & {"datv", "gent"}
    return False


def quoted_name_across_stop(ctx: DocContext, s: int, e: int) -> tuple[int, int] | None:
    """Tokens of a quoted name that a full stop inside it split into two sentences ("Редакція «НГ. | Львів»
    стверджувала"), when the claimant phrase [s, e) starts at the split: from the opening mark (at most five
    tokens before, not closed there) to the closing mark in or right after the phrase (not opened there);
    None otherwise. The source is the whole name, not its last word (a city: "Львів")."""
    doc = ctx.doc
    if s < 2 or doc[s - 1].text != "." or not doc[s].is_sent_start:
        return None
    # (a mark that both opens and closes, '"', cannot tell which it does: none is taken)
    opens = {q for q in ctx.pack.open_quotes if q not in ctx.pack.close_quotes}
    closes = {q for q in ctx.pack.close_quotes if q not in ctx.pack.open_quotes}
    marks = opens | closes | set(ctx.pack.open_quotes) | set(ctx.pack.close_quotes)
    opening = next((q for q in range(s - 2, max(-1, s - 7), -1) if doc[q].text in marks), None)
    if opening is None or doc[opening].text not in opens:
        return None
    for k in range(s, min(len(doc), e + 2, s + 6)):
        if doc[k].text in marks:
            return (opening, k + 1) if doc[k].text in closes else None
    return None


def counted_in_oblique_case(ctx: DocContext, tok: Token) -> bool:
    """``tok`` is a noun counted by numerals none of which can be a subject: none in the nominative to the tagger
    or to the language's dictionary ("двух человек", "двох людей"; not "пять человек", "двое детей"); False
    without a dictionary."""
    counts = [c for c in tok.children if c.dep_.startswith("nummod") and c.pos_ == "NUM"]
    if not counts or tok.pos_ != "NOUN" or "Nom" in tok.morph.get("Case"):
        return False
    return all(
        "Nom" not in c.morph.get("Case") and (cases := dictionary_cases(ctx, c)) and "nomn" not in cases
        for c in counts
    )
