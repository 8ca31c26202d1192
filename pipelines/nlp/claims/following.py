"""The source named after its cue to the sentence's end: "Об этом сообщила пресс-служба суда", "Про загибель
двох людей повідомили в Харківській ОВА" (an organisation after a place preposition, not a place), past where it
spoke ("у своєму телеграм-каналі")."""

from __future__ import annotations

import re

from spacy.tokens import Token

from pipelines.nlp.claims.context import DocContext
from pipelines.nlp.claims.mention_types import np_noun_type
from pipelines.nlp.claims.phrases import head_guess, skip_adverbials
from pipelines.nlp.claims.words import converb, word, year_number

_OBLIQUE = frozenset({"Gen", "Dat", "Ins", "Loc"})


def following_source(ctx: DocContext, cue: Token, hi: int) -> Token | None:
    """The head of the noun phrase after ``cue`` (time adverbials and dates skipped) that runs to the
    sentence's end or to a bracket or colon, else None."""
    doc = ctx.doc
    start = skip_adverbials(ctx, cue.i + 1, hi)
    times = ctx.pack.times or {}
    month = re.compile(times["month_pattern"], re.IGNORECASE) if "month_pattern" in times else None
    while start < hi and (
        doc[start].like_num
        or doc[start].lower_ in ctx.pack.time_words
        or (month is not None and month.fullmatch(doc[start].lower_) is not None)
        or (start > 0 and year_number(doc[start - 1]))  # "2019 года"
        or (doc[start].text == "," and start > cue.i + 1)
    ):
        start += 1
    start = past_medium(ctx, start, hi)
    marks = set(ctx.pack.open_quotes) | set(ctx.pack.close_quotes)
    j = start
    medium: int | None = (
        None  # a preposition before a quoted name: where the source wrote ("у «Дзеркалі тижня»")
    )
    while j < hi:
        if doc[j].text in ctx.pack.open_quotes:
            # a quoted name whole, whatever the tagger made of its words ("ІА «Волинь сьогодні»")
            close = next(
                (x for x in range(j + 1, min(hi, j + 10)) if doc[x].text in ctx.pack.close_quotes), None
            )
            if close is not None and not any(t.text in ("!", "?", ",") for t in doc[j + 1 : close]):
                j = close + 1
                continue
        if not (
            (word(doc[j]) and doc[j].pos_ in ("NOUN", "PROPN", "ADJ", "DET", "ADP", "X"))
            or (
                doc[j].text == "-"
                and j > start
                and not doc[j - 1].whitespace_
                and j + 1 < hi
                and word(doc[j + 1])
            )
            or doc[j].text in marks
        ):
            break
        # (or where it took the news from: "з посиланням на «Прозорро»")
        if (
            medium is None
            and j > start
            and doc[j].pos_ == "ADP"
            and (
                (j + 1 < hi and doc[j + 1].text in marks)
                or ctx.lex.according_to.match_at(ctx.words, ctx.lemmas, j) is not None
            )
        ):
            medium = j
        j += 1
    further = j + 1 < hi and doc[j].text == "," and converb(doc[j + 1])  # "…, уточнивши, що …"
    # a relative clause of the source: "Про це повідомив секретар РНБО X, який очолює делегацію."
    relative = j + 1 < hi and doc[j].text == "," and doc[j + 1].lower_ in ctx.pack.relative_pronouns
    if (
        j == start
        or j - start > 12
        or not (j >= hi or doc[j].text in (".", "(", ":", ";", "…") or further or relative)
    ):
        return None
    if doc[start].pos_ == "ADP":
        if not located_source(ctx, start, j):
            return None
        start += 1  # the organisation without its preposition: "у пресслужбі поліції"
    if doc[start].pos_ == "ADJ" and start + 1 == j:
        return None
    end = medium if medium is not None else j
    head = head_guess(ctx, start, end)
    if head is not None:
        ctx.np_hint[head.i] = (start, end)
    return head


def past_medium(ctx: DocContext, i: int, hi: int) -> int:
    """The first token after a phrase at ``i`` naming where the source spoke ("у телеграмі", "у своєму
    телеграм-каналі", "в ефірі телемарафону": a place preposition, at most two determiners or adjectives, one
    of the pack's ``media_words``, then hyphenated parts, a quoted name and nouns in an oblique case), else
    ``i``."""
    doc = ctx.doc
    if i >= hi or doc[i].lower_ not in ctx.pack.place_prepositions:
        return i
    m = next((k for k in range(i + 1, min(hi, i + 4)) if doc[k].lower_ in ctx.pack.media_words), None)
    if m is None or any(t.pos_ not in ("DET", "ADJ", "PRON") for t in doc[i + 1 : m]):
        return i
    j = m + 1
    while j < hi:
        t = doc[j]
        if t.text == "-" and not doc[j - 1].whitespace_ and j + 1 < hi:
            j += 2  # "телеграм-каналі"
        elif t.text in ctx.pack.open_quotes:
            close = next(
                (k for k in range(j + 1, min(hi, j + 10)) if doc[k].text in ctx.pack.close_quotes), None
            )
            if close is None:
                return i
            j = close + 1
        elif t.pos_ in ("NOUN", "PROPN") and not t.ent_type_ and set(t.morph.get("Case")) & _OBLIQUE:
            j += 1  # "в ефірі телемарафону"
        else:
            break
    return j if j < hi else i


def located_source(ctx: DocContext, s: int, e: int) -> bool:
    """Tokens [s, e), a place preposition and a noun phrase ("в Сумській міській військовій адміністрації",
    "у пресслужбі поліції"), name an organisation that spoke, not a place: an organisation entity or a
    claimant noun of the lexicon in it, and no place entity at its head."""
    doc = ctx.doc
    if doc[s].lower_ not in ctx.pack.place_prepositions or e - s < 2:
        return False
    if np_noun_type(ctx, s + 1, e) is not None:
        return True  # (also a body the NER took for a place: "в Харківській ОВА")
    head = head_guess(ctx, s + 1, e)
    if head is None or head.ent_type_ in ("LOC", "GPE"):
        return False
    return any(t.ent_type_ == "ORG" for t in doc[s + 1 : e])
