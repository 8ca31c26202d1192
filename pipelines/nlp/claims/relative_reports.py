"""A report whose reported clause has the relative pronoun of a clause between commas for its subject: "The
report, which officials said was leaked last week, describes …", "He met Ivanov, who police say was armed.".
The source stands between the pronoun and the cue, with no "that" after the cue; the report is the antecedent
and what the relative clause says of it. English word order (a pack with articles), the pack's relative
pronouns; no parse needed, as the parser reads "said" there as an auxiliary or a relative clause's verb."""

from __future__ import annotations

from spacy.tokens import Token

from pipelines.nlp.claims import claimants
from pipelines.nlp.claims.claim import Claim
from pipelines.nlp.claims.context import DocContext
from pipelines.nlp.claims.insertions import inserted_claim
from pipelines.nlp.claims.phrases import head_guess
from pipelines.nlp.claims.relatives import np_start
from pipelines.nlp.claims.spans import strip_span, tok_range_chars

#: words of a source phrase between the relative pronoun and the cue ("which | U.S. officials | said")
_SOURCE_POS = frozenset({"DET", "NOUN", "PROPN", "PRON", "ADJ", "NUM", "PART", "PUNCT"})
#: at most this many words from the pronoun to the cue
_MAX_SOURCE = 6
_CLAUSE_END = frozenset({",", ";", ":", "—", "–", "(", ")"})


def relative_report(
    ctx: DocContext, cue: Token, lo: int, hi: int, index: int
) -> tuple[Claim, tuple[int, int], tuple[int, int] | None] | None:
    """The claim of ``cue`` in "<antecedent>, <who|which|that> <source> <cue> <predicate>[,|.]", or None. Its
    content is the antecedent's noun phrase through the clause's end, as the content of a source inserted
    between commas covers the clause around it; its claimant is the source."""
    doc = ctx.doc
    if not ctx.pack.articles or not ctx.has_pos or cue.i + 1 >= hi:
        return None
    after = doc[cue.i + 1]
    form = after.morph.get("VerbForm")
    if after.pos_ not in ("AUX", "VERB") or not ("Fin" in form or "Past" in after.morph.get("Tense")):
        return None  # "which officials said | was leaked": the reported clause's finite verb, no "that"
    k = cue.i - 1
    while k > lo and doc[k].pos_ in ("AUX", "ADV") and doc[k].lower_ not in ctx.lex.negations:
        k -= 1  # "which officials have long said"
    rel = next(
        (
            j
            for j in range(k, max(lo, cue.i - _MAX_SOURCE - 1) - 1, -1)
            if doc[j].lower_ in ctx.pack.relative_pronouns
        ),
        None,
    )
    if rel is None or rel < lo + 2 or doc[rel - 1].text != "," or rel == k:
        return None
    source = doc[rel + 1 : k + 1]
    if any(t.pos_ not in _SOURCE_POS for t in source) or not any(
        t.pos_ in ("NOUN", "PROPN", "PRON") for t in source
    ):
        return None
    head = (
        source[0]
        if len(source) == 1 and source[0].pos_ == "PRON"
        else head_guess(ctx, source.start, source.end)
    )
    if head is None or claimants.not_a_claimant(ctx, head):
        return None
    end = next((j for j in range(cue.i + 2, hi) if doc[j].text in _CLAUSE_END or j in ctx.cue_meta), hi)
    start_tok = np_start(ctx, doc[rel - 2]) if doc[rel - 2].pos_ in ("NOUN", "PROPN") else rel
    start, stop = strip_span(ctx.text, *tok_range_chars(doc, max(lo, start_tok), end), ctx.pack)
    if stop - start < 3 or end - cue.i < 3:
        return None
    ctx.np_hint[head.i] = (source.start, source.end)
    claimant, rng = claimants.claimant_from(ctx, head, lo, hi, index, np_range=(source.start, source.end))
    content_rng = (max(lo, start_tok), end)
    return (
        inserted_claim(ctx, cue, lo, hi, index, (start, stop), content_rng, claimant, rng),
        content_rng,
        rng,
    )
