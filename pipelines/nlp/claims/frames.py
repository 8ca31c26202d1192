"""Quotations whose speaker is not in the quotation's own sentence grammar (issue 17, "a quotation spanning
several sentences is one claim … it carries the speaker named before or after it").

- A **colon frame**: a clause introduces the quotation with a colon and its subject is the speaker, though its
  verb reports nothing ("Сам X оказался более дипломатичным: «…»", "X выступил со специальным заявлением:
  «…»", "Вот как это прокомментировал X, который …: «…»"). ``direct_quote`` of the subject; the cue is the
  clause's verb when the lexicon has it, else the colon; the content is the whole quotation.
- A **stand-alone quotation of several sentences**: one claim for the whole quotation at its first sentence
  (the sentences inside it give no further claim; a reporting verb after its end, "…», — сказал X", still
  takes it over, see :mod:`.extract`).

Speakers of stand-alone quotations are :func:`quotation_speaker`'s.
"""

from __future__ import annotations

from spacy.tokens import Token

from pipelines.nlp.claims import claimants, enrichment
from pipelines.nlp.claims.claim import Claim
from pipelines.nlp.claims.context import DocContext, Mention
from pipelines.nlp.claims.mentions import dictionary_cases
from pipelines.nlp.claims.phrases import written_span
from pipelines.nlp.claims.quotations import MAX_QUOTATION
from pipelines.nlp.claims.spans import strip_span, tok_range_chars

_CLOSING = " \t\n.,!?…;:"
_SUBJECTS = ("nsubj", "nsubj:pass")


def quotation_speaker(ctx: DocContext, index: int, within: int, at: int) -> Mention | None:
    """The speaker of a stand-alone quotation (its sentence ``index`` starts at character ``at``): the latest
    claimant of the ``within`` sentences before it (the quotation goes on with what they reported: «…», сказал
    X. «…»; "X уверен, что … . «…»"), else the latest person, organisation or claimant phrase there. Nothing
    inside the same quotation counts: a name earlier in it is what it is about («… с Минэкономразвития.
    Думаю, …»)."""
    region = next(((a, b) for a, b in ctx.quotes if a <= at < b), None)
    recent = [
        m
        for m in reversed(ctx.history)
        if index - within <= m.sent_index < index
        and m.label in ("PER", "ORG", "NP")
        and m.type
        and not (region is not None and region[0] <= m.char < region[1])
        and (m.speaker or not _addressed(ctx, m))
    ]
    return next((m for m in recent if m.speaker), recent[0] if recent else None)


def _addressed(ctx: DocContext, m: Mention) -> bool:
    """The mention is written in the dative or instrumental without a preposition (whom it was said to, by whom
    something was done: "дякував Петренку", "підписаний Шевченком"), never the speaker of a quotation after it."""
    span = ctx.written(m)
    if span is None or (span.start > 0 and ctx.doc[span.start - 1].pos_ == "ADP"):
        return False  # (after a preposition it may be a source: "За Зиморовичем, …: «…»")
    nouns = [t for t in span if t.pos_ in ("NOUN", "PROPN")]
    return bool(nouns) and all(_dative_or_instrumental(ctx, t) for t in nouns)


def _dative_or_instrumental(ctx: DocContext, t: Token) -> bool:
    # the tagger's one case, or the dictionary's when it knows no nominative
    cases = dictionary_cases(ctx, t)
    return bool(set(t.morph.get("Case")) & {"Dat", "Ins"}) or (bool(cases) and not cases & {"nomn", "gent"})


def whole_quotation(ctx: DocContext, start: int, end: int) -> tuple[int, int] | None:
    """(content start, content end) of the quotation that starts at the content [start, end) of a sentence
    and goes on after it within its paragraph, else None. The quotation is then covered: the sentences wholly
    inside it give no further claim."""
    region = next(((a, b) for a, b in ctx.quotes if a <= start < b), None)
    if region is None or region[1] <= end + 1:
        return None
    q_start, q_end = region
    if ctx.text[q_start + 1 : start].strip(" \t\"«„“'"):
        return None  # the sentence starts inside it: marks paired across the writer's words ("Спартаке". … ")
    if q_end - q_start > MAX_QUOTATION or "\n" in ctx.text[q_start:q_end]:
        return None
    ctx.cover_quotation(q_start, q_end)
    return strip_span(ctx.text, q_start, q_end, ctx.pack)


def _source(m: Mention | None) -> bool:
    return m is not None and bool(m.type or m.label in ("PER", "ORG"))


def frame_quote_claim(ctx: DocContext, lo: int, hi: int, index: int) -> Claim | None:
    """The claim of a quotation that a clause of the sentence (tokens [lo, hi)) introduces with a colon, its
    speaker the clause's subject (see the module docstring), or None."""
    if not ctx.has_dep:
        return None
    doc, text = ctx.doc, ctx.text
    sent_start, sent_end = tok_range_chars(doc, lo, hi)
    found = next(
        (
            (a, b)
            for a, b in ctx.quotes
            if sent_start < a < sent_end and text[sent_start:a].rstrip().endswith(":")
        ),
        None,
    )
    if found is None:
        return None
    q_start, q_end = found
    if q_end < sent_end and text[q_end:sent_end].strip(_CLOSING):
        return None  # words of the writer's after the quotation: not a frame and its quotation
    colon = text.rindex(":", sent_start, q_start)
    frame = doc.char_span(sent_start, colon, alignment_mode="contract")
    if frame is None or len(frame) < 2:
        return None
    # the frame's main verb: the sentence's root, or a verb the parser hangs on the quotation's words
    verbs = [
        t
        for t in frame
        # a predicative adjective is the root of "X був лаконічним:"
        if (t.pos_ in ("VERB", "AUX") or (t.pos_ == "ADJ" and t.dep_ == "ROOT"))
        and (t.dep_ == "ROOT" or not frame.start <= t.head.i < frame.end)
    ]
    subjects = (
        (v, c)
        for v in verbs
        for c in v.children
        if (
            c.dep_ in _SUBJECTS
            # a subject after its verb that the parser takes for the object: "прокомментировал писатель …"
            or (
                c.dep_ == "obj"
                and c.i > v.i
                and c.pos_ in ("NOUN", "PROPN")
                and c.morph.get("Case") == ["Nom"]
            )
        )
        and frame.start <= c.i < frame.end
        and c.lower_ not in ctx.pack.relative_pronouns
    )
    verb, subj = next(subjects, (None, None))
    if verb is None or subj is None:
        return None
    left, right = (
        subj.left_edge.i,
        min(subj.right_edge.i + 1, verb.i) if subj.i < verb.i else subj.right_edge.i + 1,
    )
    person = next((e for e in ctx.ents_within(left, right) if e.label_ == "PER"), None)
    if person is not None:
        # the person the subject's phrase names, with the title before the name: "председатель ODS Мартин
        # Куба" is Куба, not the party
        claimant, rng = claimants.claimant_from(
            ctx, person.root, left, person.end, index, np_range=(left, person.end)
        )
    else:
        claimant, rng = claimants.claimant_from(ctx, subj, frame.start, frame.end, index, stop=verb.i)
    if not _source(claimant):
        # a parse that hangs the subject on a word of the title ("Голова громади Петро Савчук був …"): the
        # name of the subject's phrase
        name = next(
            (
                e
                for e in ctx.ents_starting(subj.left_edge.i, verb.i)
                if e.label_ in ("PER", "ORG") and e.end <= verb.i
            ),
            None,
        )
        if name is None:
            return None
        claimant, rng = claimants.claimant_from(ctx, name.root, subj.left_edge.i, verb.i, index)
        if not _source(claimant):
            return None
    if q_end > sent_end and q_end - q_start <= MAX_QUOTATION and "\n" not in text[q_start:q_end]:
        ctx.cover_quotation(q_start, q_end)
    else:
        q_end = min(q_end, sent_end)
    start, end = strip_span(text, q_start, q_end, ctx.pack)
    if end - start < 3:
        return None
    meta = ctx.cue_meta.get(verb.i)
    cue_span = (verb.idx, verb.idx + len(verb.text)) if meta is not None else (colon, colon + 1)
    cue = text[cue_span[0] : cue_span[1]]
    content = doc.char_span(start, end, alignment_mode="expand")
    claim = enrichment.build_claim(
        ctx,
        index,
        lo,
        hi,
        start,
        end,
        "direct_quote",
        meta[0] if meta is not None else cue,
        cue,
        claimant,
        None,
        frozenset(),
        (content.start, content.end) if content is not None else None,
        cue_span=cue_span,
        claimant_span=written_span(ctx, *rng) if rng[1] > rng[0] else None,
    )
    claimants.remember_claimant(ctx, claimant, index, cue_span[0])
    return claim
