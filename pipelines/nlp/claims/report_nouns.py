"""Reports named by a noun with its source as possessor and what was said in a "that" clause: "Moscow's claim that
the strike hit only military targets was rejected by Kyiv", "Fact-checkers examined the ministry's statement that
two drones were downed". The claimant is the possessor, the cue the noun (its lemma in the pack's
``report_nouns``), the content the clause after "that" to the end of its subtree. English word order (a pack with
articles and possessive markers); the tagger need not mark it (``Claim.framed``)."""

from __future__ import annotations

from spacy.tokens import Token

from pipelines.nlp.claims import claimants
from pipelines.nlp.claims.claim import Claim
from pipelines.nlp.claims.context import DocContext
from pipelines.nlp.claims.insertions import inserted_claim
from pipelines.nlp.claims.relatives import np_start
from pipelines.nlp.claims.spans import strip_span, tok_range_chars


def report_noun_claims(ctx: DocContext, lo: int, hi: int, index: int) -> list[Claim]:
    """The claims of the possessive report nouns of sentence [lo, hi), also inside another claim's content (the
    claim analysts want in "Kyiv dismissed Russia's claims that …" is Russia's)."""
    if not ctx.pack.articles or not ctx.pack.report_nouns or not ctx.has_dep:
        return []
    nouns = [t for t in ctx.doc[lo:hi] if t.pos_ == "NOUN" and t.lemma_.lower() in ctx.pack.report_nouns]
    return [c for c in (_claim(ctx, t, lo, hi, index) for t in nouns) if c is not None]


def _claim(ctx: DocContext, noun: Token, lo: int, hi: int, index: int) -> Claim | None:
    doc = ctx.doc
    marker = noun.i - 1
    while marker > lo and (doc[marker].pos_ == "ADJ" or doc[marker].dep_ == "amod"):
        marker -= 1  # "Moscow's repeated claim that …"
    that = noun.i + 1
    if marker <= lo or doc[marker].lower_ not in ctx.pack.possessive_markers or that >= hi:
        return None
    if doc[that].lower_ not in ctx.pack.complementizers or doc[that].head.i <= that:
        return None
    c_lo, c_hi = that + 1, _clause_end(ctx, that + 1, hi)
    if c_hi is None:
        return None  # no finite verb after "that": no clause ("the claim that day")
    owner = doc[marker - 1]
    if owner.pos_ not in ("PROPN", "NOUN") or claimants.not_a_claimant(ctx, owner):
        return None
    s_lo = max(lo, np_start(ctx, owner))
    claimant, rng = claimants.claimant_from(ctx, owner, lo, hi, index, np_range=(s_lo, marker))
    start, end = strip_span(ctx.text, *tok_range_chars(doc, c_lo, c_hi), ctx.pack)
    if claimant is None or end - start < 3:
        return None
    info = (noun.lemma_.lower(), frozenset[str]())
    return inserted_claim(ctx, noun, lo, hi, index, (start, end), (c_lo, c_hi), claimant, rng, info)


def _clause_end(ctx: DocContext, start: int, end: int) -> int | None:
    """The end of the clause that opens at ``start``: before the next verb group led by a finite verb that no
    conjunction, complementizer or relative word opened since the clause's own verb, outside a relative clause
    between commas (the sentence's predicate: "Moscow's assertion that the strike hit targets | was rejected";
    "…'s insistence that the region stay neutral, | will be …"; "…'s argument that the extradition, where he
    was arrested, was illegal" runs to the end), and before the comma that opens that predicate's subject. None
    without a verb. The parse's subtrees are not used: it often makes such a noun the sentence's root."""
    doc = ctx.doc
    opens = (*ctx.pack.relative_pronouns, *ctx.pack.complementizers, "and", "or", "but")
    fresh, aside, seen = True, False, False
    for t in doc[start:end]:
        prev = doc[t.i - 1]
        if t.text == ",":
            aside = t.i + 1 < end and doc[t.i + 1].tag_ in ("WDT", "WP", "WP$", "WRB")
        elif t.lower_ in opens:
            fresh = True
        elif not aside and t.pos_ in ("AUX", "VERB"):
            group = seen and prev.pos_ in ("AUX", "ADV", "PART")  # "had | shelled", "would not | come"
            finite = "Fin" in t.morph.get("VerbForm") or t.tag_ == "MD"  # ("will", "would": no VerbForm)
            if fresh:
                fresh, seen = False, True
            elif not group and finite:
                comma = next((k for k in range(t.i - 1, start, -1) if doc[k].text == ","), None)
                verbs = comma is not None and any(x.pos_ in ("AUX", "VERB") for x in doc[comma : t.i])
                return int(t.i) if comma is None or verbs else comma
    return end if seen else None
