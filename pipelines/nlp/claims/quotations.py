"""Quotations around a report (issue 17): whether the words before a cue are a quotation, where a quotation a
content opens ends, the quotation right before a sentence, and a quotation of several sentences or paragraphs
whole, within :data:`MAX_QUOTATION` characters and :data:`MAX_QUOTED_BREAKS` paragraph breaks."""

from __future__ import annotations

import re

from pipelines.nlp.claims.context import DocContext
from pipelines.nlp.claims.spans import inside, strip_span, tok_range_chars


def quotation_first(ctx: DocContext, lo: int, c_lo: int, c_hi: int, hi: int) -> bool:
    """The words [lo, c_lo) before a cue clause [c_lo, c_hi) are a quotation, and none after it is a clause of its own (no
    complementizer, colon or quotation mark)."""
    if c_lo <= lo or c_hi >= hi:
        return False
    before = tok_range_chars(ctx.doc, lo, c_lo)
    marks = ctx.pack.open_quotes.keys() | set(ctx.pack.close_quotes)
    return inside(ctx.quotes, *before) > 0.8 and not any(
        t.lower_ in ctx.pack.complementizers or t.text == ":" or t.text in marks for t in ctx.doc[c_hi:hi]
    )


def to_quotation_end(ctx: DocContext, c_lo: int, c_hi: int, hi: int) -> int:
    """The end token of a content [c_lo, c_hi) that opens a quotation closed within the sentence (tokens up
    to ``hi``): the quotation's, where the parse ends it earlier ("судья заявила, что «с ноября … Санников
    по предварительному сговору …, а также руководил ими»")."""
    doc = ctx.doc
    k = c_lo
    while k < c_hi and (doc[k].lower_ in ctx.pack.complementizers or doc[k].text == ","):
        k += 1  # ", что «…»": the comma before the complementizer
    if k < c_hi and doc[k].text in ctx.pack.open_quotes:
        opening = doc[k].idx
    elif k > 0 and k - 1 >= c_lo - 1 and doc[k - 1].text in ctx.pack.open_quotes:
        opening = doc[k - 1].idx
    else:
        return c_hi
    region = next(((a, b) for a, b in ctx.quotes if a == opening), None)
    if region is None:
        return c_hi
    span = doc.char_span(region[0], region[1], alignment_mode="expand")
    if span is None or span.end > hi or span.end <= c_hi:
        return c_hi
    return int(span.end)


def quotation_before(ctx: DocContext, first: int, lo: int) -> tuple[int, int] | None:
    """Tokens of the quotation that ends right before token ``first`` (only punctuation between), within the
    sentence starting at token ``lo``, else None."""
    doc = ctx.doc
    at = doc[first].idx
    for q_start, q_end in ctx.quotes:
        if q_end <= at and q_start >= doc[lo].idx and not re.search(r"\w", ctx.text[q_end:at]):
            span = doc.char_span(q_start, q_end, alignment_mode="expand")
            if span is not None and span.end - span.start >= 2:
                return span.start, span.end
    return None


#: a quotation longer than this is not taken whole (an unclosed quotation mark runs on)
MAX_QUOTATION = 2000


#: paragraph breaks a quotation may run over (a speech quoted over several paragraphs; some corpora set every
#: sentence on a line of its own, so a quotation of ten sentences runs over nine breaks)
MAX_QUOTED_BREAKS = 10


def _paragraphs_quoted(ctx: DocContext, q_start: int, q_end: int) -> bool:
    """The quotation [q_start, q_end) runs over paragraph breaks as quotations over several paragraphs are
    written: opened (« », “ ”, or a straight quote that :func:`.spans.quote_regions` paired across the break
    with a mark that closes a word) at the start of a paragraph or of a
    sentence inside one ("Раніше у X було сто голубів. «Деяких загнав …\n\n…», – пояснює X"), over at most
    :data:`MAX_QUOTED_BREAKS` breaks («За нашими даними, … 2013 р.\n\nПроте ця інформація …», – зазначив X),
    with no mark of its kind opened inside a paragraph after the first (then the first mark was left unclosed
    and another quotation was paired with it)."""
    text = ctx.text
    mark = text[q_start]
    line_start = text.rfind("\n", 0, q_start) + 1
    before = text[line_start:q_start].rstrip()
    if before and before[-1] not in ".!?…:":
        return False
    first_break = text.find("\n", q_start, q_end)
    for line in text[first_break : q_end - 1].split("\n"):  # a straight quote's own closing mark is last
        if mark in line.lstrip()[1:]:
            return False
    return len(re.findall(r"\n\s*\n|\n", text[q_start:q_end])) <= MAX_QUOTED_BREAKS


def whole_quotation(
    ctx: DocContext, start: int, end: int, lo: int, hi: int
) -> tuple[int, int, int, int] | None:
    """(content start, content end, first token, end token) of the quotation that holds content [start, end)
    when it runs beyond the sentence (tokens [lo, hi)) within one paragraph or over paragraphs quoted whole
    (:func:`_paragraphs_quoted`), else None. The quotation
    is then marked as covered: the sentences wholly inside it give no further claim."""
    sent_start, sent_end = tok_range_chars(ctx.doc, lo, hi)
    for q_start, q_end in ctx.quotes:
        if q_end <= start or q_start >= end:
            continue
        if not (q_start < sent_start or q_end > sent_end):
            return None
        if q_end - q_start > MAX_QUOTATION or (
            "\n" in ctx.text[q_start:q_end] and not _paragraphs_quoted(ctx, q_start, q_end)
        ):
            return None
        c_start, c_end = strip_span(ctx.text, q_start, q_end, ctx.pack)
        span = ctx.doc.char_span(min(q_start, sent_start), max(q_end, sent_end), alignment_mode="expand")
        if span is None or c_end - c_start < 3:
            return None
        ctx.covered.append((q_start, q_end))
        return c_start, c_end, min(span.start, lo), max(span.end, hi)
    return None
