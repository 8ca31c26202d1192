"""The outlet a source told, named between the cue and the source ("рассказал «Коммерсанту» источник в
правительстве", "сообщил ТАСС источник", "Как рассказал "Ъ" источник …"): whom it was said to, never the source."""

from __future__ import annotations

from pipelines.nlp.claims.context import DocContext


def past_told_outlet(ctx: DocContext, start: int, j: int, *, nominative: bool = False) -> int:
    """The first token of the source phrase [start, j) after an outlet that opens it: a quoted name
    (:func:`past_quoted_outlet`), or an organisation entity, with a noun phrase after it before ``j`` (alone,
    the outlet is the source: "сообщил ТАСС"). With ``nominative`` (an according-to phrase, whose source may be
    in the genitive) that phrase must be in the nominative: "Интерфакс со ссылкой на …" and "МВД России" are the
    sources themselves. Without it ("сообщает РБК со ссылкой на источники") the cited sources after the outlet
    are left to their own according-to claim."""
    start = past_quoted_outlet(ctx, start, j, nominative=nominative)
    lead = next((ent for ent in ctx.ents_starting(start, start + 1) if ent.end < j), None)
    if lead is not None and lead.label_ != "PER" and _source_after(ctx, lead.end, j, nominative):
        return int(lead.end)
    return start


def past_quoted_outlet(ctx: DocContext, start: int, j: int, *, nominative: bool = False) -> int:
    """The token after a quoted name that opens [start, j) with a noun phrase after it ("«Коммерсанту» источник",
    '"Ъ" источник'), else ``start``."""
    doc = ctx.doc
    if start >= j or doc[start].text not in ('"', *ctx.pack.open_quotes):
        return start
    close = next(
        (k for k in range(start + 1, min(j, start + 8)) if doc[k].text in ('"', *ctx.pack.close_quotes)), None
    )
    return close + 1 if close is not None and _source_after(ctx, close + 1, j, nominative) else start


def _source_after(ctx: DocContext, k: int, j: int, nominative: bool) -> bool:
    """A noun phrase starts at token ``k``: with ``nominative`` (and case-marking) a noun, adjective, numeral or
    pronoun in the nominative, or an organisation after a place preposition ("в Минэнерго"; not a place: "в
    Москве"); else any noun in [k, j)."""
    doc = ctx.doc
    if ctx.pack.articles or not nominative:
        return any(t.pos_ in ("NOUN", "PROPN") for t in doc[k:j])
    if k + 1 < j and doc[k].lower_ in ctx.pack.place_prepositions:
        return any(ent.label_ == "ORG" for ent in ctx.ents_starting(k + 1, k + 3))
    nominal = ("NOUN", "PROPN", "ADJ", "DET", "NUM", "PRON")  # ("один из участников")
    return k < j and doc[k].pos_ in nominal and "Nom" in doc[k].morph.get("Case")
