"""A title repeated as a back-reference ("Президент сообщил …", "the minister said") names the person the text
introduced with that title, not the latest name (issue 17)."""

from __future__ import annotations

import re

from spacy.tokens import Span, Token

from pipelines.nlp.claims.context import DocContext, Mention


def titled(ctx: DocContext, noun: Token, index: int, before_char: int) -> Mention | None:
    """The latest person up to three sentences back named with the title a back-reference repeats ("президент
    Дмитрий Медведев позвонил Зыкиной … . Президент сообщил певице …": Медведев, not the latest name): the
    noun's first five letters start one of the three words right before the name ("Министр обороны Сергей
    Шойгу"). None when no such name is remembered."""
    doc = ctx.doc
    first = noun.i
    while (
        first >= 2
        and doc[first - 1].text == "-"
        and not doc[first - 1].whitespace_
        and not doc[first - 2].whitespace_
    ):
        first -= 2  # a hyphenated title is one word: "премьер-министра"
    stem = doc[first : noun.i + 1].text.lower()[:5]
    if len(stem) < 5 or ctx.pack.articles:
        return None  # (English keeps "the minister" as PolNeAR marks it)
    best: Mention | None = None
    for m in reversed(ctx.history):
        if m.sent_index < index - 3:
            break
        if m.sent_index > index or (m.sent_index == index and m.char >= before_char):
            continue
        if m.label != "PER" or m.addressee:
            continue
        words = re.split(r"[.,;:!?()«»\"]", ctx.text[max(0, m.char - 40) : m.char].lower())[-1].split()
        if any(w.startswith(stem) for w in words[-3:]) and (
            best is None or (m.sent_index, m.char) > (best.sent_index, best.char)
        ):
            best = m
    return best


def same_title(phrase: str, noun: Token) -> bool:
    """Whether a claimant phrase that is no name ("премьер", "глава ведомства") holds a word starting with the
    first five letters of the title ``noun`` ("премьер-министра" and "премьер")."""
    stem = noun.lower_[:5]
    return len(stem) == 5 and any(w.startswith(stem) for w in re.split(r"[\s-]+", phrase.lower()))


def person_after(ctx: DocContext, ent: Span, last: Span, e: int) -> Span | None:
    """``last``, a person's name ending a claimant phrase (tokens up to ``e``) after ``ent``, the organisation
    entity holding the phrase's head: "Представитель Минобороны Игорь Конашенков" with the title tagged as an
    organisation is the person (languages without articles); None otherwise."""
    if ctx.pack.articles or ent.label_ == "PER" or last.label_ != "PER":
        return None
    return last if last.end == e and last.start >= ent.end else None
