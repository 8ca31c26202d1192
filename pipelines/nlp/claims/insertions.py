"""A quotation interrupted by the author's words with a reporting verb («…, – каже X. – …», «…, — сказал X, —
…»; the pack's ``gate.quote_insertion``): one claim of the whole quotation by the verb's subject; and a cue with
its source between commas inside a clause ("Эти факты, отметил эксперт, свидетельствуют …"): one claim of the
whole clause (issue 17)."""

from __future__ import annotations

from dataclasses import replace

from spacy.tokens import Span, Token

from pipelines.nlp.claims import claimants, enrichment
from pipelines.nlp.claims.attribution import find_subject
from pipelines.nlp.claims.claim import Claim
from pipelines.nlp.claims.context import DocContext, Mention
from pipelines.nlp.claims.cues import cue_info
from pipelines.nlp.claims.phrases import head_guess, written_span
from pipelines.nlp.claims.quotations import MAX_QUOTATION
from pipelines.nlp.claims.spans import inside, strip_span, tok_range_chars


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
    ctx.cover_quotation(q_start, q_end)
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


def inserted_report(
    ctx: DocContext, cue: Token, lo: int, hi: int, index: int
) -> tuple[Claim, tuple[int, int], tuple[int, int] | None] | None:
    """ "<subject>, CUE <source>, <predicate>." or "<subject>, <source> CUE, <predicate>.": a cue and its source
    between commas inside one clause ("Усі ці факти в сукупності, резюмували антимонопольники, не можуть бути …",
    "Эти факты, отметил эксперт, свидетельствуют о …", "These facts, the expert said on Monday, point to …"): the
    content is the whole clause around the insertion (its subject before it, its predicate after it), as a
    quotation interrupted by its speaker runs from its first to its last word. None when the words before the
    insertion have a verb of their own (then they are a report before a postposed cue) or the words after it have
    none."""
    doc = ctx.doc
    if not ctx.has_pos or "Fin" not in cue.morph.get("VerbForm"):
        return None  # "The consortium, called Americast, said …": a participle names, it reports nothing
    found = _insertion(ctx, cue, lo, hi)
    if found is None:
        return None
    opening, (s_lo, s_hi), m = found
    c_hi = next((k for k in range(m + 1, hi - 1) if doc[k].text == "," and k + 1 in ctx.cue_meta), hi)
    # (the words after stop at a source tail of the sentence: "…, пишет BBC")
    if not _around_insertion(ctx, doc[lo:opening], doc[m + 1 : c_hi]):
        return None
    head = head_guess(ctx, s_lo, s_hi)
    if head is None or claimants.not_a_claimant(ctx, head):
        return None
    ctx.np_hint[head.i] = (s_lo, s_hi)
    claimant, claimant_rng = claimants.claimant_from(ctx, head, lo, hi, index, np_range=(s_lo, s_hi))
    start, end = strip_span(ctx.text, *tok_range_chars(doc, lo, c_hi), ctx.pack)
    if end - start < 3:
        return None
    claim = inserted_claim(ctx, cue, lo, hi, index, (start, end), (lo, c_hi), claimant, claimant_rng)
    return claim, (lo, c_hi), claimant_rng


def inserted_claim(
    ctx: DocContext,
    cue: Token,
    lo: int,
    hi: int,
    index: int,
    span: tuple[int, int],
    content_rng: tuple[int, int],
    claimant: Mention | None,
    claimant_rng: tuple[int, int],
    info: tuple[str, frozenset[str]] | None = None,
) -> Claim:
    """The claim of a source and ``cue`` found by a fixed frame, whose characters ``span`` (tokens
    ``content_rng``) are its content, flagged ``framed`` (an inserted source, :mod:`.relative_reports`,
    :mod:`.report_nouns`); ``info``: the cue's lemma and flags when the rules' cue finder did not find it."""
    lemma, flags = info or cue_info(ctx, cue)
    start, end = span
    claim = enrichment.build_claim(
        ctx,
        index,
        lo,
        hi,
        start,
        end,
        "direct_quote" if inside(ctx.quotes, start, end) > 0.8 else "indirect",
        lemma,
        cue.text,
        claimant,
        "anonymous" if claimant is None else None,
        flags,
        content_rng,
        cue_span=(cue.idx, cue.idx + len(cue.text)),
        claimant_span=written_span(ctx, *claimant_rng) if claimant_rng[1] > claimant_rng[0] else None,
    )
    claimants.remember_claimant(ctx, claimant, index, cue.idx)
    return replace(claim, framed=True)


def _around_insertion(ctx: DocContext, before: Span, after: Span) -> bool:
    """The words before and after an inserted source and cue form one clause: a subject before, with no verb or
    comma of its own, and its predicate after ("The talks, | officials said, | had stalled"); or a subordinate
    clause before and a main clause after ("Though that transition was seamless, | he said, | replacing Clinton
    would be …"). Not an adverbial phrase before a clause with its own subject ("Без сомнения, | пишет газета, |
    речь идет о …": the clause after is the content), a whole report before (a postposed cue) nor a second report
    after ("Although A, the ministry said, | adding that B")."""
    lead = adverbial_clause(ctx, before)
    if any(t.text in ",;:—–" or t.i in ctx.cue_meta for t in before):
        return False
    if not lead and any(
        t.pos_ in ("VERB", "AUX") or t.lower_ in ctx.pack.complementizers or _predicate(ctx, t)
        for t in before
    ):
        return False
    if not any(t.pos_ in ("NOUN", "PROPN", "PRON") for t in before):
        return False
    if lead:
        return after[0].i not in ctx.cue_meta and any(_finite(t) for t in after)
    if not any(t.pos_ in ("VERB", "AUX") for t in after):
        return False
    return not (
        ctx.has_dep and any(t.dep_.startswith("nsubj") and after.start <= t.head.i < after.end for t in after)
    )


def adverbial_clause(ctx: DocContext, words: Span) -> bool:
    """``words`` are a subordinate clause: a subordinating conjunction and at least two words after it ("Though
    that transition was seamless", "If the talks fail", "Если аргумент не убедит"; the tagger may miss the verb of
    so short a clause: "fail/NOUN")."""
    return ctx.has_pos and len(words) > 2 and words[0].pos_ == "SCONJ"


def _finite(t: Token) -> bool:
    return t.pos_ in ("VERB", "AUX") and "Fin" in t.morph.get("VerbForm")


def _predicate(ctx: DocContext, t: Token) -> bool:
    """The parse makes ``t`` a predicate with a subject or an object (a verb the tagger took for an adjective:
    "Russian forces struck/ADJ energy facilities …")."""
    return ctx.has_dep and any(c.dep_.startswith("nsubj") or c.dep_ == "obj" for c in t.children)


#: the parts of speech of a source before its cue ("…, the ministry's spokesman said, …")
_PHRASE_POS = frozenset({"DET", "ADJ", "NOUN", "PROPN", "PRON", "NUM", "ADP", "ADV", "CCONJ", "PART"})
#: what ends a time or a place after a cue that follows its source ("officials said on Tuesday,")
_NOT_PHRASE_POS = frozenset({"VERB", "AUX", "SCONJ", "PUNCT", "SYM", "INTJ", "X"})
#: what ends the words after a cue that precedes its source (", отметил эксперт,")
_CLAUSE_POS = frozenset({"VERB", "AUX", "SCONJ"})


def _insertion(ctx: DocContext, cue: Token, lo: int, hi: int) -> tuple[int, tuple[int, int], int] | None:
    """(opening comma, source token range, closing comma) of a cue and its source between commas: the source
    after the cue (", отметил эксперт,") or before it (", the expert said on Monday,"); None when the cue is not
    so enclosed, when a complementizer follows the closing comma (the cue's complement), or when the words
    before the cue open a relative clause or a prepositional phrase."""
    doc = ctx.doc

    def phrase_end(k: int, limit: int, stop: frozenset[str] = _CLAUSE_POS) -> int:
        while k < hi and k - cue.i <= limit and doc[k].text != "," and doc[k].pos_ not in stop:
            k += 1
        return k

    def closes(m: int) -> bool:  # (not the cue's complement: ", he said, that …")
        return m < hi - 1 and doc[m].text == "," and doc[m + 1].lower_ not in ctx.pack.complementizers

    if cue.i - 1 > lo and doc[cue.i - 1].text == ",":
        m = phrase_end(cue.i + 1, 7)  # (a quoted name among them: "пишет газета «Pravda»,")
        if not closes(m) or m == cue.i + 1:
            return None
        return cue.i - 1, (cue.i + 1, m), m
    k = cue.i - 1
    while k > lo and cue.i - k <= 6 and doc[k].text != "," and doc[k].pos_ in _PHRASE_POS:
        k -= 1
    if k <= lo or doc[k].text != "," or k == cue.i - 1 or doc[k + 1].pos_ == "ADP":
        return None
    if any(
        t.lower_ in ctx.pack.relative_pronouns or t.lemma_ in ctx.pack.relative_pronouns
        for t in doc[k + 1 : cue.i]
    ):
        return None  # "Документы, в которых Кэтрин рассказала об этом, …": a relative clause, no insertion
    m = phrase_end(cue.i + 1, 5, _NOT_PHRASE_POS)
    if not closes(m):
        return None
    if (
        m > cue.i + 1
        and doc[cue.i + 1].pos_ not in ("ADP", "ADV")
        and doc[cue.i + 1].lower_ not in ctx.pack.time_words
    ):
        return None  # "…, Clinton criticized Tulsa, …": the cue's object, not its time or place
    return k, (k + 1, cue.i), m
