"""Claims from the learned attribution tagger, combined with the rules' (English).

When the pipeline runs ``claimflow_attribution_tagger_v1`` before ``claimflow_claims_v1``, the gate
(:mod:`.gate`) hands each sentence's rule claims (reporting verbs, "according to") to :func:`combine` with the
tagger's attributions whose cue is in the sentence (:func:`pipelines.nlp.claims.learned.attributions`). The
claims component's ``learned_policy`` (a :class:`~pipelines.nlp.claims.learned.CombinePolicy`) says which side
gives which role; docs/learned-claims.md has the measurements that chose the default.

A learned claim fills the same columns as a rule claim: its content is enriched by
:func:`~pipelines.nlp.claims.enrichment.build_claim`, its source is resolved like a rule claimant (pronouns,
back-references, aliases: :func:`~pipelines.nlp.claims.claimants.claimant_from` on the source span), its cue
is the lemma of the cue's head word.
"""

from __future__ import annotations

from dataclasses import replace

from spacy.tokens import Span

from pipelines.nlp.claims import (
    according,
    claimants,
    enrichment,
    learned_sources,
    quoting,
    validity,
)
from pipelines.nlp.claims.claim import Claim
from pipelines.nlp.claims.clauses import before_own_clause, told_clause
from pipelines.nlp.claims.context import DocContext
from pipelines.nlp.claims.cues import idiom_spans
from pipelines.nlp.claims.learned import CombinePolicy, LearnedAttribution, cue_words
from pipelines.nlp.claims.learned_dash import dash_cue
from pipelines.nlp.claims.learned_rules import clause_content, rule_reports, tail_report
from pipelines.nlp.claims.phrases import tail_opener, topic_only
from pipelines.nlp.claims.spans import inside, strip_span, tok_range_chars
from pipelines.nlp.claims.words import is_question, word
from pipelines.nlp.links import LINK

#: the claimant columns and the cue columns of a claim, taken together from one side
_CLAIMANT = ("claimant", "claimant_canonical", "claimant_type", "claimant_side", "claimant_span")
_CUE = ("cue", "cue_text", "cue_span")


def in_sentence(ctx: DocContext, lo: int, hi: int) -> list[LearnedAttribution]:
    """The tagger's attributions whose cue starts in tokens [lo, hi)."""
    return [a for a in ctx.learned or [] if lo <= a.cue.start < hi]


def _half(a: tuple[int, int], b: tuple[int, int]) -> bool:
    shared = min(a[1], b[1]) - max(a[0], b[0])
    return shared > 0 and shared >= 0.5 * max(a[1] - a[0], b[1] - b[0])


def _matches(claim: Claim, att: LearnedAttribution, content: tuple[int, int] | None) -> bool:
    cue = (att.cue.start_char, att.cue.end_char)
    if claim.cue_span is not None and claim.cue_span[0] < cue[1] and cue[0] < claim.cue_span[1]:
        return True
    return content is not None and _half((claim.content_start, claim.content_end), content)


def _content(ctx: DocContext, att: LearnedAttribution) -> tuple[int, int] | None:
    """The characters of the attribution's content (edges stripped as the rules strip theirs), or None. A
    content that ends where a quotation that starts before it ends, with no other cue of the tagger inside the
    quotation, is the whole quotation: the tagger marks a quotation of several sentences one sentence at a time
    (`"A. B," he said`, its cue taking only "B")."""
    if not att.content:
        return None
    start, end = strip_span(ctx.text, att.content[0].start_char, att.content[-1].end_char, ctx.pack)
    span = ctx.doc.char_span(start, end, alignment_mode="expand")
    if span is not None and span.start > att.cue.root.i:
        # "X said A, but did not provide details": the cue's own later clause is no part of what it said
        stop = before_own_clause(ctx, att.cue.root, span.start, span.end)
        if stop < span.end:
            end = strip_span(ctx.text, start, ctx.doc[stop - 1].idx + len(ctx.doc[stop - 1]), ctx.pack)[1]
        told = told_clause(ctx, att.cue.root, span.start, stop)  # "told | Reuters | the talks had failed"
        if told is not None:
            start = ctx.doc[told].idx
    start = next((b for a, b in ctx.datelines if a <= start < b), start)  # "KYIV (AP) — | Russia launched …"
    # a link between the cue and the report is the source's or whom it was told, not what was said: "According
    # to [Reuters](https://…), | the talks failed", "[told reporters](https://…) | that …"
    if "](" in ctx.text:
        for m in LINK.finditer(ctx.text, max(0, start - 400), end):
            if att.cue.start_char < start and m.start() < start < m.end() < end:
                start = strip_span(ctx.text, m.end(), end, ctx.pack)[0]
    for q_start, q_end in ctx.quotes:
        # the last sentence of a quotation of several ("A. B," he said): the content is the whole quotation
        if (
            q_start < start
            and end <= q_end
            and q_end - end <= 2
            and not any(t.is_alpha and q_start <= t.idx < q_end for t in att.cue)  # (a report nested in it)
            and not any(
                a.cue is not att.cue and q_start <= a.cue.start_char < start for a in ctx.learned or []
            )
        ):
            start = strip_span(ctx.text, q_start, end, ctx.pack)[0]
            break
    return (start, end) if end - start >= 3 else None


def _addable(
    ctx: DocContext,
    att: LearnedAttribution,
    content: tuple[int, int],
    others: list[tuple[int, int]],
    lo: int,
    hi: int,
) -> bool:
    """An attribution no rule claim matches may become a claim when its content reaches into the cue's sentence
    (not only a neighbour's, which has its own attributions; unless the sentence is nothing but the source and the
    cue, "Clinton said." after or "He said:" before the quotation), and its cue is not inside the content of
    another claim of the sentence (``others``: an attribution nested in another, which the rules skip too)."""
    if _outside(ctx, content, lo, hi) and not _bare(ctx, att, lo, hi):
        return False
    cue = att.cue.start_char
    return not any(s <= cue < e for s, e in others)


def _elsewhere(ctx: DocContext, content: tuple[int, int], rule: Claim, lo: int, hi: int) -> bool:
    """The tagger's content lies wholly outside the cue's sentence [lo, hi) while its rule partner's content is
    inside it ("An acre … can convert 156 tons, Mr. Van Voorhis said." with the tagger's content the next
    paragraph's first sentence): the rule's content is the one reported."""
    sent_start, sent_end = tok_range_chars(ctx.doc, lo, hi)
    return (
        _outside(ctx, content, lo, hi) and sent_start <= rule.content_start and rule.content_end <= sent_end
    )


def _outside(ctx: DocContext, content: tuple[int, int], lo: int, hi: int) -> bool:
    """The characters ``content`` lie wholly outside the sentence of tokens [lo, hi)."""
    sent_start, sent_end = tok_range_chars(ctx.doc, lo, hi)
    return content[1] <= sent_start or content[0] >= sent_end


def _bare(ctx: DocContext, att: LearnedAttribution, lo: int, hi: int) -> bool:
    """The sentence [lo, hi) has no word outside the attribution's source and cue."""
    own = {t.i for t in att.cue} | ({t.i for t in att.source} if att.source is not None else set())
    return all(t.i in own or not word(t) for t in ctx.doc[lo:hi])


def _topic(ctx: DocContext, att: LearnedAttribution) -> bool:
    """The attribution's content only names a topic of its cue (:func:`.phrases.topic_only`); the tagger leaves
    the preposition out of the content ("comment on | the attack", often in its cue), the rules keep it."""
    lo, hi = att.content[0].start, att.content[-1].end
    if lo > att.cue.start and ctx.doc[lo - 1].pos_ == "ADP":  # after the cue, or its last word
        lo -= 1
    return topic_only(ctx, att.cue.root, lo, hi)


def _circumstance(ctx: DocContext, att: LearnedAttribution) -> bool:
    """The attribution's content after its cue and a comma is an adverbial clause ("…, lawmakers said Friday, |
    as they bristled at …": opened by one of the pack's ``report_tail_conjunctions``) or a converb's."""
    first = ctx.doc[att.content[0].start]
    # (a converb reports on its own: "…, the governor wrote, | urging people to …")
    return first.i > att.cue.end and ctx.doc[first.i - 1].text == "," and tail_opener(ctx, first)


def lexicon_cue(ctx: DocContext, att: LearnedAttribution) -> bool:
    """A word of the tagger's cue is a reporting word of the rules' lexicon, or the cue is an "according to"
    phrase or the dash of a quotation ("…” ― Name", :func:`.learned_dash.dash_cue`)."""
    return (
        att.cue.text.lower().startswith("according")
        or dash_cue(att.cue)
        or _lexicon_lemma(ctx, att.cue) is not None
    )


def corpus_cue(ctx: DocContext, att: LearnedAttribution) -> bool:
    """A word of the tagger's cue is one of the tagger model's corpus cue words (:func:`.learned.cue_words`)."""
    words = cue_words(ctx.doc)
    return any(t.lower_ in words for t in att.cue)


def _proposition(ctx: DocContext, att: LearnedAttribution, content: tuple[int, int]) -> bool:
    """The content is quoted or a reported proposition by the rules' test (:func:`.validity.reported_content`
    with the flags the lexicon gives the cue): not the object of "showed" with an event as subject, nor a list
    after a colon;
    "according to" phrases report what follows them whatever its form."""
    if att.cue.text.lower().startswith("according") or inside(ctx.quotes, *content) > 0:
        return True
    entry = _lexicon_entry(ctx, att.cue)
    flags = entry[1] if entry is not None else frozenset()
    source = att.source.root if att.source is not None else None
    span = ctx.doc.char_span(*content, alignment_mode="expand")
    c_lo, c_hi = (span.start, span.end) if span is not None else (att.content[0].start, att.content[-1].end)
    return validity.reported_content(ctx, att.cue.root, flags, c_lo, c_hi, source)


def _lexicon_entry(ctx: DocContext, cue: Span) -> tuple[str, frozenset[str]] | None:
    """The lemma and flags (``negate``, ``hedge``, …) the rules' lexicon gives the first reporting word of
    ``cue``, or None."""
    words = [t.text for t in cue]
    lemmas: list[str | None] = [t.lemma_ or None for t in cue]
    for k in range(len(words)):
        m = ctx.lex.cues.match_at(words, lemmas, k)
        if m is not None:
            lemma, flags = m[1]
            return str(lemma), frozenset(flags)
    return None


def _lexicon_lemma(ctx: DocContext, cue: Span) -> str | None:
    """The lemma the rules' lexicon gives the first reporting word of ``cue``, or None."""
    entry = _lexicon_entry(ctx, cue)
    return entry[0] if entry is not None else None


def _hedge_only(ctx: DocContext, att: LearnedAttribution) -> bool:
    """The tagger's cue is nothing but hedge words of the language pack ("reportedly", "allegedly"): a hedged
    assertion with no source, not an attribution to the words before it (the rules keep the sentence's claim,
    with the hedge)."""
    cue = att.cue
    words = [t.text for t in cue]
    lowers: list[str | None] = [t.lower_ for t in cue]
    found = ctx.lex.hedges.find_all(words, lowers)
    return bool(found) and sum(e - s for s, e, _ in found) == len(words) and _lexicon_lemma(ctx, cue) is None


def _cue_lemma(ctx: DocContext, cue: Span) -> str:
    """The cue column of a tagger cue: "according to", the lexicon's lemma of its reporting word, else the
    lemma of its head word."""
    if cue.text.lower().startswith("according"):
        return "according to"
    if dash_cue(cue):
        return "—"
    root = cue.root
    return _lexicon_lemma(ctx, cue) or (root.lemma_ or root.text).lower()


def _learned_claim(
    ctx: DocContext,
    att: LearnedAttribution,
    content: tuple[int, int],
    lo: int,
    hi: int,
    index: int,
    policy: CombinePolicy,
) -> Claim:
    start, end = content
    cue_text = att.cue.text
    lemma = _cue_lemma(ctx, att.cue)
    entry = _lexicon_entry(ctx, att.cue)
    flags = (
        entry[1] if entry is not None and entry[0] == lemma else frozenset()
    )  # "denied": negate, as the rules
    kind = (
        "according_to"
        if lemma == "according to"
        else quoting.quoted_kind(ctx, start, end, att.cue.start_char)
    )
    mention, source_span = learned_sources.source(ctx, att, lo, hi, index, policy)
    c_span = ctx.doc.char_span(start, end, alignment_mode="expand")
    rng = (c_span.start, c_span.end) if c_span is not None else None
    first, b_lo = index, lo
    if rng is not None and rng[0] < lo:
        # a content that starts in an earlier sentence ("A. B," he said): the claim starts there, and that
        # sentence's own claims inside the content give way to it (ClaimExtractor)
        first, b_lo = ctx.sentence_of(start), rng[0]
    claim = enrichment.build_claim(
        ctx,
        first,
        b_lo,
        hi,
        start,
        end,
        kind,
        lemma,
        cue_text,
        mention,
        "anonymous" if mention is None else None,
        flags,
        rng,
        cue_span=(att.cue.start_char, att.cue.end_char),
        claimant_span=source_span,
    )
    claimants.remember_claimant(ctx, mention, index, att.cue.start_char)
    return claim


def cover(ctx: DocContext, claim: Claim, hi: int) -> Claim:
    """Mark a claim's content that runs past its sentence (tokens [.., hi)) as covered: the sentences inside it
    give no claim of their own; asked once the claim stands (the span reaches over the quotation marks and punctuation around the content, as
    the sentences around it include them)."""
    if claim.content_end > ctx.doc[hi - 1].idx + len(ctx.doc[hi - 1]):
        start, end, text = claim.content_start, claim.content_end, ctx.text
        while start > 0 and not text[start - 1].isalnum() and not text[start - 1].isspace():
            start -= 1
        while end < len(text) and not text[end].isalnum() and not text[end].isspace():
            end += 1
        ctx.covered.append((start, end))
    return claim


def settle(ctx: DocContext, lo: int, hi: int, index: int, rules: list[Claim]) -> list[Claim]:
    """The claims of sentence [lo, hi) once the tagger's attributions join its rule claims (:func:`combine`): a
    claim the tagger gave stands when its content is a reported proposition
    (:func:`.validity.learned_content_holds`) that does not end in a question, and an "according to" claim of
    the rules does not cite its cue; otherwise the rule claims that share its content stand, and for a content
    that ran on into a question (a learned content may end in the next sentence: '"A," she said. "B?"') also
    those of the same cue (the rules' own content of that cue, "A")."""
    out: list[Claim] = []
    for c in combine(ctx, lo, hi, index, rules):
        if c in rules:
            if c not in out:  # (a rule claim a rejected learned claim gave back may come again)
                out.append(c)
            continue
        asked = is_question(ctx.sentence_at(c.content_end - 1))  # (asked of the tagger's claims only)
        if (
            not asked
            and validity.learned_content_holds(ctx, c)
            and not according.cited(ctx, c.cue_text, c.cue_span[0] if c.cue_span else None, rules)
        ):
            out.append(cover(ctx, c, hi))
        else:
            out.extend(r for r in rules if r not in out and _replaced(r, c, same_cue=asked))
    return out


def _frame(
    ctx: DocContext, att: LearnedAttribution, content: tuple[int, int] | None, rules: list[Claim]
) -> bool:
    """The tagger's attribution is the frame of a rule claim found by a fixed frame, not a report of its own:
    its content is that claim's source ("State media | quoted | the chief negotiator | as saying …"), or holds
    it after a quoting verb ("Reuters | reported | the minister as saying …"), or its cue stands between that
    claim's source and cue ("Petrenko | was quoted as | telling …")."""
    quoting = (att.cue.root.lemma_ or att.cue.root.lower_).lower() in ctx.pack.quoting_verbs
    for c in rules:
        if not c.framed or c.claimant_span is None or c.cue_span is None:
            continue
        if content is not None and (
            _half(content, c.claimant_span) or (quoting and content[0] <= c.claimant_span[0] < content[1])
        ):
            return True
        if c.claimant_span[1] <= att.cue.start_char < c.cue_span[0]:
            return True
    return False


def _replaced(rule: Claim, learned: Claim, *, same_cue: bool) -> bool:
    """The learned claim took the rule claim's place: they share content characters, or (``same_cue``) their
    cue."""
    if same_cue and rule.cue_span is not None and rule.cue_span == learned.cue_span:
        return True
    return rule.content_start < learned.content_end and learned.content_start < rule.content_end


def _take(base: Claim, other: Claim, names: tuple[str, ...]) -> Claim:
    return replace(base, **{n: getattr(other, n) for n in names})


def combine(ctx: DocContext, lo: int, hi: int, index: int, rules: list[Claim]) -> list[Claim]:
    """The claims of sentence [lo, hi) from its rule claims and the tagger's attributions, by
    ``ctx.learned_policy`` (the rule claims unchanged without a policy or a tagger)."""
    policy = ctx.learned_policy
    if policy is None or ctx.learned is None or policy.name == "rules":
        return rules
    used: set[int] = set()
    pairs: list[tuple[LearnedAttribution, tuple[int, int] | None, int | None]] = []
    idioms = idiom_spans(ctx, lo, hi)
    for att in in_sentence(ctx, lo, hi):
        if any(s <= att.cue.start_char < e for s, e in idioms):
            continue  # a cue inside a fixed phrase that reports nothing ("also known as", "як то кажуть")
        content = _content(ctx, att)
        quoted, astray = learned_sources.quoted_cue(ctx, att, content, lo)
        if astray or (quoted and att.source is None):
            continue  # a quoted word's cue, joined to the quoter or with no source: the quotation's claim stands
        if content is not None:  # the tagger's content stops inside a fixed phrase: it ends with it
            # ("Fewer soldiers died | than the ministry | had claimed, the report said")
            content = (content[0], max([content[1]] + [e for s, e in idioms if s < content[1] < e]))
        if (
            _hedge_only(ctx, att)
            or _frame(ctx, att, content, rules)
            or learned_sources.raised(ctx, att, content)
        ):
            continue
        topic = content is not None and (_topic(ctx, att) or _circumstance(ctx, att))
        if topic:
            # a topic or a circumstance, not a proposition ("did not comment on the attack"): no claim, as with
            # the rules; a rule claim of the same cue reports something else ('"A," he said of the prospect of B')
            content = None
        # (a report nested in a quotation is not the quotation's: no rule claim is its partner)
        partner = next(
            (i for i, c in enumerate(rules) if not quoted and i not in used and _matches(c, att, content)),
            None,
        )
        if partner is not None:
            used.add(partner)
        if partner is not None or not topic:
            pairs.append((att, content, partner))
    # the contents the sentence's claims will have, for the nesting check of the unmatched attributions
    kept = [
        (c.content_start, c.content_end) for i, c in enumerate(rules) if i not in used and policy.keep_rules
    ]
    for _, content, partner in pairs:
        if partner is not None:
            rule = rules[partner]
            own = policy.content == "learned" and content is not None
            kept.append(content if own and content is not None else (rule.content_start, rule.content_end))
    out: list[Claim] = []
    for att, content, partner in pairs:
        if partner is None:
            if (
                policy.add_learned
                and content is not None
                and not validity.demand_or_circumstance(ctx, att.cue.root, att.content[0].start)
                and _addable(ctx, att, content, [k for k in kept if k != content], lo, hi)
                and (
                    not policy.lexicon_cues
                    or (lexicon_cue(ctx, att) and _proposition(ctx, att, content))
                    or (policy.corpus_cues and corpus_cue(ctx, att))
                    or (policy.clause_cues and clause_content(ctx, content))
                )
            ):
                out.append(_learned_claim(ctx, att, content, lo, hi, index, policy))
            continue
        rule = rules[partner]
        if rule.framed and rule.claimant is not None:
            out.append(rule)  # the source the rules found inside the clause, and the clause around it
            continue
        wanted = "learned" in (policy.content, policy.source, policy.cue) or rule.claimant_span is None
        if content is not None and rule_reports(ctx, att, content, rule):
            content = (rule.content_start, rule.content_end)  # the rule's proposition, the tagger's roles
        if (
            content is None
            or not wanted
            or not _proposition(ctx, att, content)
            or _elsewhere(ctx, content, rule, lo, hi)
        ):
            # the tagger found no content, or no proposition (the object of "showed", a list after a colon), or
            # one in another sentence where the rule's is in the cue's, or the policy takes every role from the
            # rules
            out.append(rule)
            continue
        learned = _learned_claim(ctx, att, content, lo, hi, index, policy)
        merged = learned if policy.content == "learned" else rule
        for pref, names in ((policy.source, _CLAIMANT), (policy.cue, _CUE)):
            first, second = (learned, rule) if pref == "learned" else (rule, learned)
            side = first if getattr(first, names[-1]) is not None else second
            if names is _CLAIMANT and pref == "learned" and learned_sources.patient(att):
                side = (
                    learned  # the tagger's source is the cue's passive subject: no claimant from either side
                )
            if side is not merged:
                merged = _take(merged, side, names)
                if names is _CUE:
                    merged = replace(merged, attribution=quoting.kind_with_cue(ctx, merged, side))
        out.append(merged)
    # a source inserted in its clause, or one set after its report, is the rules' by its words alone; the tagger
    # need not have seen it
    cues = [(a.cue.start_char, a.cue.end_char) for a in in_sentence(ctx, lo, hi)]
    out.extend(
        c
        for i, c in enumerate(rules)
        if i not in used and (policy.keep_rules or c.framed or tail_report(ctx, c, cues))
    )
    return sorted(out, key=lambda c: (c.content_start, c.cue_span or (0, 0)))
