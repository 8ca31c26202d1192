"""Impersonal reports (issue 17): the Ukrainian forms in -но/-то ("вказано", "зазначено", "пояснено") have no
subject; a report only with a clause or quotation after them, and its source is the document or place the
sentence names before them ("В ухвалі суду зазначено, що …"), never what the parse took for a subject (the
object: "В реєстрі вказано тільки бенефіціара …"; a topic: "Щодо двох інших компаній зазначено, що …")."""

from __future__ import annotations

from spacy.tokens import Token

from pipelines.nlp.claims.canonical import morph
from pipelines.nlp.claims.context import DocContext
from pipelines.nlp.claims.spans import inside


def source(
    ctx: DocContext, cue: Token, subj: Token | None, lo: int, c_lo: int, c_hi: int
) -> tuple[Token | None, bool]:
    """For an impersonal cue (:func:`impersonal_form`) with content tokens [c_lo, c_hi): its source token and
    whether it reports at all. No report: an object after it ("це пояснено необхідністю …", "має бути показано
    конкурентні переваги") or words before it without a comma or dash ("В них має бути показано …"; "…,
    зазначено в ухвалі" reports)."""
    if c_lo > cue.i and not opens_clause(ctx, c_lo, c_hi):
        return subj, False
    if c_hi <= cue.i and ctx.doc[cue.i - 1].text not in (",", "—", "–") and not opens_clause(ctx, c_lo, c_hi):
        return subj, False
    if subj is not None and not place_phrase(ctx, subj):
        subj = place_before(ctx, cue, lo)
    return subj, True


def impersonal_form(ctx: DocContext, cue: Token) -> bool:
    """The cue is an impersonal verb form, which has no subject ("вказано", "зазначено", "пояснено": Person=0
    to the tagger, ``Impe`` to the language's dictionary, which knows it when the tagger calls it an adverb)."""
    if "0" in cue.morph.get("Person"):
        return True
    analyser = morph(ctx.lang)
    return analyser is not None and any("Impe" in p.tag for p in analyser.parse(cue.text) if p.is_known)


def opens_clause(ctx: DocContext, c_lo: int, c_hi: int) -> bool:
    """Content tokens [c_lo, c_hi) open a clause or a quotation: "що …", ": …", «…»."""
    doc = ctx.doc
    first = c_lo
    while first < c_hi - 1 and doc[first].is_punct and doc[first].text != ":":
        first += 1
    before = doc[first - 1] if first > 0 else None
    if before is not None and (before.lower_ in ctx.pack.complementizers or before.text == ":"):
        return True
    if doc[first].lower_ in ctx.pack.complementizers or doc[first].text == ":":
        return True
    quoted = inside(ctx.quotes, doc[first].idx, doc[c_hi - 1].idx + len(doc[c_hi - 1].text)) > 0.5
    return quoted and doc[first].text in ctx.pack.open_quotes  # (not "необхідністю «…»": a noun first)


def place_phrase(ctx: DocContext, subj: Token) -> bool:
    """The phrase taken for the subject opens with a place preposition of the pack ("В іншій судовій ухвалі",
    "На сайті санаторію"): a document or place that holds the report."""
    first = subj.left_edge
    before = ctx.doc[first.i - 1] if first.i > 0 else None
    return first.lower_ in ctx.pack.place_prepositions or (
        before is not None and before.pos_ == "ADP" and before.lower_ in ctx.pack.place_prepositions
    )


def place_before(ctx: DocContext, cue: Token, lo: int) -> Token | None:
    """The noun of a place phrase before the cue in its sentence ("В українському реєстрі вказано …": реєстрі):
    a noun in the locative after a place preposition of the pack, the nearest to the cue."""
    doc = ctx.doc
    for k in range(cue.i - 1, lo, -1):
        t = doc[k]
        if t.text in (",", ";", ":", "—", "–"):
            return None
        if t.pos_ in ("NOUN", "PROPN") and "Loc" in t.morph.get("Case"):
            prep = next((doc[j] for j in range(k - 1, max(lo, k - 5) - 1, -1) if doc[j].pos_ == "ADP"), None)
            if prep is not None and prep.lower_ in ctx.pack.place_prepositions:
                return t
    return None
