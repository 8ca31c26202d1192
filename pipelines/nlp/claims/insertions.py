"""A quotation interrupted by the author's words with a reporting verb («…, – каже X. – …», «…, — сказал X, —
…»; the pack's ``gate.quote_insertion``): one claim of the whole quotation by the verb's subject (issue 17)."""

from __future__ import annotations

from spacy.tokens import Token

from pipelines.nlp.claims import claimants, enrichment
from pipelines.nlp.claims.attribution import cue_info, find_subject, written_span
from pipelines.nlp.claims.claim import Claim
from pipelines.nlp.claims.context import DocContext
from pipelines.nlp.claims.phrases import MAX_QUOTATION
from pipelines.nlp.claims.spans import strip_span


def insertion_claim(ctx: DocContext, cue: Token, lo: int, hi: int, index: int) -> Claim | None:
    """The claim of a quotation interrupted by the author's words with a reporting verb («…, – каже X. –
    …», the pack's ``gate.quote_insertion``), or None: the claimant is the verb's subject among those words, the
    content the whole quotation from its first to its last word (the insertion inside it, as a quotation
    interrupted by "X added." is annotated); the quotation is marked as covered."""
    ins = next((x for x in ctx.insertions if x[0] <= cue.idx < x[1]), None)
    if ins is None:
        return None
    w_start, w_end, q_start, q_end = ins
    # an unclosed mark before the quotation ("(«Роттердам+) …. «Тариф …, – каже X. – …»") opened the region too
    # early: the quotation starts at the last opening mark of its kind before the author's words
    q_start = max(q_start, ctx.text.rfind(ctx.text[q_start], q_start, w_start))
    words = ctx.doc.char_span(w_start, w_end, alignment_mode="expand")
    quote = ctx.doc.char_span(q_start, q_end, alignment_mode="expand")
    if words is None or quote is None:
        return None
    subj = find_subject(ctx, cue, words.start, words.end)
    if subj is None or not (words.start <= subj.i < words.end):
        return None
    lemma, flags = cue_info(ctx, cue)
    start, end = strip_span(ctx.text, q_start, q_end, ctx.pack)
    if end - start < 3 or q_end - q_start > MAX_QUOTATION:
        return None
    claimant, claimant_rng = claimants.claimant_from(ctx, subj, words.start, words.end, index, stop=cue.i)
    b_lo, b_hi = min(quote.start, lo), max(quote.end, hi)
    covered_end = q_end
    while covered_end < len(ctx.text) and ctx.text[covered_end] in ".,!?…":
        covered_end += 1
    ctx.covered.append((q_start, covered_end))
    claim = enrichment.build_claim(
        ctx,
        ctx.sentence_of(q_start),
        b_lo,
        b_hi,
        start,
        end,
        "direct_quote",
        lemma,
        cue.text,
        claimant,
        None,
        flags,
        (quote.start, quote.end),
        cue_span=(cue.idx, cue.idx + len(cue.text)),
        claimant_span=written_span(ctx, *claimant_rng) if claimant_rng else None,
    )
    claimants.remember_claimant(ctx, claimant, index, cue.idx)
    return claim
