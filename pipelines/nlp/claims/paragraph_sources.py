"""Sources named after the sentences they report: a paragraph's source tail and "Об этом сообщил …".

Two patterns of news and channel posts name the source once, after several sentences of its report:

- a paragraph's last sentence with the source after its report ("Ворог атакує місто. Попередньо, влучання у
  Київському районі, написав міський голова."): with the pack's ``gate.paragraph_source_tail``, the
  paragraph's earlier sentences in the outlet's own voice are that source's claims too;
- a sentence that only names the source of what came before ("Об этом сообщила пресс-служба суда", the pack's
  ``gate.back_reference_sources``): it gives no claim of its own, and the own-voice sentences of its
  paragraph before it become claims of that source.

Only a whole run of own-voice sentences from the paragraph's start is taken (at most :data:`MAX_RUN`); a
sentence with an attribution of its own, or one that gave no claim, stops it and nothing is changed.
"""

from __future__ import annotations

from spacy.tokens import Token

from pipelines.nlp.claims import attribution, claimants, cues, enrichment
from pipelines.nlp.claims.claim import Claim, said_by
from pipelines.nlp.claims.context import DocContext, Mention
from pipelines.nlp.claims.following import following_source
from pipelines.nlp.claims.gate import opening, reported
from pipelines.nlp.claims.phrases import written_span
from pipelines.nlp.claims.spans import strip_span, tok_range_chars
from pipelines.nlp.claims.words import converb

#: the most own-voice sentences one source tail takes
MAX_RUN = 4


def back_reference_source(
    ctx: DocContext, lo: int, hi: int, index: int
) -> tuple[bool, Claim | None, list[Claim]]:
    """For a sentence such as "Об этом сообщила пресс-служба суда": (True, a claim of the sentence that
    carries its cue and source, or None when no source is found, the source's further reports in the sentence:
    "…, уточнивши, що …"); the first claim's content is the sentence, it is a template, never emitted.
    (False, None, []) for other sentences."""
    patterns = ctx.pack.gate.back_reference_sources
    if not patterns:
        return False, None, []
    sent_start, sent_end = tok_range_chars(ctx.doc, lo, hi)
    if not any(p.search(opening(ctx.text[sent_start:sent_end])) for p in patterns):
        return False, None, []
    for cue in cues.find_cues(ctx, lo, hi):
        # the source after the cue ("Об этом 22 июля сообщил секретариат Агентства"), or a pronoun subject
        # before it ("Об этом он заявил")
        subj = following_source(ctx, cue, hi)
        if subj is None:
            subj = attribution.find_subject(ctx, cue, lo, hi)
            if subj is None or subj.i > cue.i or subj.pos_ != "PRON":
                continue
        claimant, rng = claimants.claimant_from(ctx, subj, lo, hi, index, stop=cue.i)
        if claimant is None:
            continue
        content = strip_span(ctx.text, sent_start, sent_end, ctx.pack)
        claimants.remember_claimant(ctx, claimant, index, cue.idx)
        further = participle_reports(ctx, claimant, rng, lo, hi, index)
        return True, _report(ctx, cue, claimant, rng, (lo, hi, index), content, None), further
    return True, _document_source(ctx, lo, hi, index), []


def _document_source(ctx: DocContext, lo: int, hi: int, index: int) -> Claim | None:
    """The template claim of a source line whose cue is a document phrase of the lexicon's "according to"
    phrases that take their source after them ("Про це йдеться в повідомленні СБУ", "Про це йдеться у
    зверненні ради"): the source after the phrase, the phrase as cue; None without one."""
    doc = ctx.doc
    for s, e, phrase in ctx.lex.according_to.find_all(ctx.words[lo:hi], ctx.lemmas[lo:hi]):
        if phrase not in ctx.pack.according_to_after_comma or lo + e >= hi:
            continue
        subj = following_source(ctx, doc[lo + e - 1], hi)
        if subj is None:
            continue
        claimant, rng = claimants.claimant_from(ctx, subj, lo, hi, index, stop=lo + e)
        if claimant is None:
            continue
        claimants.remember_claimant(ctx, claimant, index, doc[lo + s].idx)
        sent_start, sent_end = tok_range_chars(doc, lo, hi)
        return enrichment.build_claim(
            ctx,
            index,
            lo,
            hi,
            *strip_span(ctx.text, sent_start, sent_end, ctx.pack),
            "indirect",
            str(phrase) if "*" not in str(phrase) else doc[lo + s : lo + e].text.lower(),
            doc[lo + s : lo + e].text,
            claimant,
            None,
            frozenset(),
            None,
            cue_span=tok_range_chars(doc, lo + s, lo + e),
            claimant_span=written_span(ctx, *rng) if rng else None,
        )
    return None


def _report(
    ctx: DocContext,
    cue: Token,
    claimant: Mention,
    rng: tuple[int, int],
    sentence: tuple[int, int, int],
    content: tuple[int, int],
    content_tokens: tuple[int, int] | None,
) -> Claim:
    """The ``indirect`` claim of ``cue`` by ``claimant`` (written at tokens ``rng``) with ``content`` (characters)
    in the sentence (first token, end token, index)."""
    lo, hi, index = sentence
    lemma, flags = cues.cue_info(ctx, cue)
    return enrichment.build_claim(
        ctx,
        index,
        lo,
        hi,
        *content,
        "indirect",
        lemma,
        cue.text,
        claimant,
        None,
        flags,
        content_tokens,
        cue_span=(cue.idx, cue.idx + len(cue.text)),
        claimant_span=written_span(ctx, *rng) if rng else None,
    )


def participle_reports(
    ctx: DocContext, claimant: Mention, rng: tuple[int, int] | None, lo: int, hi: int, index: int
) -> list[Claim]:
    """The source's further reports after it in a source line: an adverbial participle of the cue lexicon
    after a comma and a complement clause after it ("Про це повідомили в міській раді, уточнивши, що влучань не
    було"): ``indirect`` claims of the clause by the same source."""
    if rng is None or rng[1] <= rng[0]:
        return []
    doc = ctx.doc
    out: list[Claim] = []
    for cue in cues.find_cues(ctx, rng[1], hi):
        if not (converb(cue) and doc[cue.i - 1].text == ","):
            continue
        k = cue.i + 1
        while k < hi and doc[k].text == ",":
            k += 1
        if k >= hi or doc[k].lower_ not in ctx.pack.complementizers:
            continue
        end = next((x for x in range(k + 1, hi) if x in ctx.cue_meta and converb(doc[x])), hi)
        start, stop = strip_span(ctx.text, doc[k].idx, tok_range_chars(doc, k, end)[1], ctx.pack)
        if stop - start >= 3:
            out.append(_report(ctx, cue, claimant, rng, (lo, hi, index), (start, stop), (k + 1, end)))
    return out


def source_tail(ctx: DocContext, found: list[Claim]) -> Claim | None:
    """The sentence's claim whose source follows its report from the sentence's start ("…, повідомив
    очільник ОВА."), with the pack's ``gate.paragraph_source_tail``, else None. Other claims of the sentence
    must have their cue inside its report (nested: "…, інформація уточнюється, написав …")."""
    if not ctx.pack.gate.paragraph_source_tail:
        return None
    for c in found:
        if c.attribution != "indirect" or not reported(c) or c.cue_span is None or c.claimant is None:
            continue
        if c.cue_span[0] < c.content_end or ctx.text[c.char_start : c.content_start].strip():
            continue
        if c.claimant_span is None or c.claimant_span[0] < c.cue_span[1]:
            continue  # the source follows its cue: "…, написав міський голова."
        if all(o is c or nested(o, c) for o in found):
            return c
    return None


def nested(inner: Claim, outer: Claim) -> bool:
    """``inner``'s cue lies inside ``outer``'s content: an attribution inside a report."""
    return inner.cue_span is not None and outer.content_start <= inner.cue_span[0] < outer.content_end


def unmarked_start(ctx: DocContext, k: int) -> bool:
    """Sentence ``k`` starts inside a line with no mark ending the sentence before it (the splitter's
    ``unmarked_sentence_openers``: "… до 500 грн / т У Луцьку …", two texts joined): what came before it is
    another text, no part of a report that a source line after it names."""
    starts = ctx.sentence_starts
    if k <= 0:
        return False
    before = ctx.text[starts[k - 1] : starts[k]]
    return "\n" not in before and before.rstrip()[-1:].isalnum()


def attribute_run(
    ctx: DocContext, claims: list[Claim], source: Claim, index: int, *, previous_paragraph: bool = False
) -> list[Claim]:
    """``claims`` with the own-voice claims of the sentences before sentence ``index`` in its paragraph made
    claims of ``source``'s claimant and cue, when they run from the paragraph's start. With
    ``previous_paragraph`` (a sentence that only names a source, "Про це пише X у «…»"), a sentence that opens
    its paragraph takes the paragraph before it the same way."""
    starts = ctx.sentence_starts
    by_sentence: dict[int, list[int]] = {}
    for i, c in enumerate(claims):
        by_sentence.setdefault(c.sentence_index, []).append(i)
    run: list[int] = []
    k = index - 1
    last = index  # the run ends before sentence ``last``
    if previous_paragraph and k >= 0 and "\n" in ctx.text[starts[k] : starts[index]]:
        last = k + 1
        k -= 1  # sentence ``last - 1`` ends the paragraph before: walk back from it
        rows = by_sentence.get(last - 1)
        if not rows or any(claims[i].attribution != "unattributed" for i in rows):
            return claims
        run.extend(rows)
        if unmarked_start(ctx, last - 1):
            k = -1
    while k >= 0 and "\n" not in ctx.text[starts[k] : starts[k + 1]]:
        rows = by_sentence.get(k)
        if not rows or any(claims[i].attribution != "unattributed" for i in rows) or last - k > MAX_RUN:
            return claims
        run.extend(rows)
        if unmarked_start(ctx, k):
            break
        k -= 1
    if not run:
        return claims
    out = list(claims)
    for i in run:
        out[i] = said_by(claims[i], source, attribution="indirect")
    return out
