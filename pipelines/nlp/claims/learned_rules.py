"""Where a rule claim's roles stand against the learned tagger's (English): the rule's content where the tagger's
is no proposition or is cut short (:func:`rule_reports`), and a rule claim the tagger did not see that its words
alone make a report (:func:`tail_report`). Split out of :mod:`.learned_claims`, which calls them."""

from __future__ import annotations

from pipelines.nlp.claims.claim import Claim
from pipelines.nlp.claims.context import DocContext
from pipelines.nlp.claims.learned import LearnedAttribution

#: what may stand between a sentence's start and a report, or a report and the comma before its source
_MARKS = " \n\"'“”‘’«»"


def rule_reports(ctx: DocContext, att: LearnedAttribution, content: tuple[int, int], rule: Claim) -> bool:
    """The rule partner's content is the proposition where the tagger's is not: a clause where the tagger has a
    noun phrase inside it ("A drone attack sparked | a fire |, the governor said") or after a preposition of the
    cue ('"A," he said of | the prospect of strikes'; not the grounds "citing | the release of prisoners"), or
    the tagger's content is whom it was told and the clause after "that" ("told | a meeting of port operators
    that A": A), or the rule's content runs round their common cue and holds the tagger's (a clause or a quotation
    its source interrupts: ``Claim.framed``), or the tagger took the rule's postposed source for the content
    ("A, said | a spokesman who declined to be named"), or the tagger's content stops short inside a report that
    opens the sentence before a source after a comma (:func:`tail_shape`: "The raid came after | auditors found
    …, the commission said")."""
    ours = (rule.content_start, rule.content_end)
    source = rule.claimant_span
    if (
        source is not None
        and att.cue.end_char <= source[0] <= content[0] < source[1]
        and "Fin" in att.cue.root.morph.get("VerbForm")
    ):
        return True
    if rule.framed and ours[0] <= content[0] <= content[1] <= ours[1]:
        return (
            True  # the rule's clause runs round its source and cue ("The talks, officials said, had stalled")
        )
    # the whole report before ", the commission said", where the tagger stopped at "came after"
    if (
        ours[0] <= content[0] <= content[1] < ours[1]
        and not ctx.text[ours[0] : content[0]].strip(_MARKS)
        and tail_shape(ctx, rule)
    ):
        return True
    if not clause_content(ctx, content) and clause_content(ctx, ours):
        first = ctx.doc.char_span(*content, alignment_mode="expand")
        # the preposition right after the cue, or the cue's last word ("said of | …", "spoke about | …")
        prep = first.start - 1 if first is not None else -1
        after_cue = prep >= 0 and ctx.doc[prep].pos_ == "ADP" and prep in (att.cue.end - 1, att.cue.end)
        return (ours[0] <= content[0] and content[1] <= ours[1]) or after_cue
    if not content[0] < ours[0] < content[1] or abs(content[1] - ours[1]) > 2:
        return False
    span = ctx.doc.char_span(content[0], ours[0], alignment_mode="expand")
    return (
        span is not None
        and len(span) > 1
        and span[-1].lower_ in ctx.pack.complementizers
        and not any(t.pos_ in ("VERB", "AUX") for t in span)  # (not "said that A and that B": both)
    )


def clause_content(ctx: DocContext, content: tuple[int, int]) -> bool:
    """The content (characters) holds a finite verb: a proposition, not a noun phrase or an infinitive."""
    span = ctx.doc.char_span(*content, alignment_mode="expand")
    return span is not None and any(
        t.pos_ in ("VERB", "AUX") and "Fin" in t.morph.get("VerbForm") for t in span
    )


def tail_shape(ctx: DocContext, rule: Claim) -> bool:
    """The rule claim's sentence opens with the report, a clause, and ends with its source and reporting verb
    after a comma ("…, the radio said"); the source is a phrase without a verb ("plans to buy …" is a clause),
    and not whom it was told."""
    cue, who = rule.cue_span, rule.claimant_span
    if cue is None or who is None or cue[0] < rule.content_end:
        return False
    verb = ctx.doc.char_span(*cue, alignment_mode="expand")
    source = ctx.doc.char_span(*who, alignment_mode="expand")
    return (
        verb is not None
        and source is not None
        and not ctx.text[verb.sent.start_char : rule.content_start].strip(_MARKS)
        and ctx.text[rule.content_end : min(cue[0], who[0])].strip(_MARKS) == ","
        and verb.root.pos_ == "VERB"
        and not any(t.pos_ in ("VERB", "AUX") for t in source)
        and source[0].pos_ != "ADP"  # (not "said | in a statement")
        and (who[1] <= cue[0] or "addressee" not in ctx.cue_flags(verb.root.i))  # ("told | The Post")
        # (a clause: not "So far, officials expected …")
        and clause_content(ctx, (rule.content_start, rule.content_end))
    )


def tail_report(ctx: DocContext, rule: Claim, cues: list[tuple[int, int]]) -> bool:
    """A rule claim of :func:`tail_shape` where the tagger marked no cue: the words alone make it a report."""
    cue = rule.cue_span
    return cue is not None and not any(s < cue[1] and cue[0] < e for s, e in cues) and tail_shape(ctx, rule)
