"""Contents for the learned attribution tagger's cues that got none of their own (:func:`.learned.attributions`),
and the gap and trimming helpers the tagger's span readers share (:mod:`.learned`, :mod:`.learned_dash`)."""

from __future__ import annotations

import itertools

from spacy.tokens import Doc, Span

from pipelines.nlp.claims.words import converb, word

#: characters that may stand between two spans of one role (quotation marks, punctuation, spaces)
GAP = frozenset(" \t\n\"'“”‘’«».,;:!?()[]—–-")


def only_gap(text: str) -> bool:
    return all(c in GAP for c in text)


def gaps(doc: Doc, seq: list[Span]) -> str:
    """The text between consecutive spans of ``seq`` (read from the tokens between them: ``Doc.text`` joins the
    whole document)."""
    return "".join(gap(doc, a, b) for a, b in itertools.pairwise(seq))


def gap(doc: Doc, a: Span, b: Span) -> str:
    """``doc.text[a.end_char : b.start_char]``: the whitespace after ``a`` and the tokens up to ``b`` ("" when
    ``b`` starts inside ``a``)."""
    if b.start < a.end:
        return ""
    between: str = doc[a.end - 1].whitespace_ + doc[a.end : b.start].text_with_ws
    return between


def trimmed(doc: Doc, lo: int, hi: int) -> tuple[int, int]:
    while lo < hi and (doc[lo].is_punct or doc[lo].is_space):
        lo += 1
    while hi > lo and (doc[hi - 1].is_punct or doc[hi - 1].is_space):
        hi -= 1
    return lo, hi


def fill_contents(doc: Doc, spans: list[Span]) -> list[tuple[int, int]]:
    """Character spans of contents for cues whose sentence has no content span: the words after the cue up to
    the next span or the sentence end ("said the talks had failed"), or, when fewer than 3 words follow, the
    words from the sentence start up to the first span before the cue ("The talks failed, he said"). On PolNeAR
    dev this lifted content F1 from 0.600 to 0.612 (docs/learned-claims.md)."""
    out: list[tuple[int, int]] = []
    for cue in (s for s in spans if s.label_ == "CUE"):
        filled = fill_one(doc, cue, spans)
        if filled is not None:
            lo, hi = filled
            out.append((doc[lo].idx, doc[hi - 1].idx + len(doc[hi - 1])))
    return out


def fill_one(doc: Doc, cue: Span, spans: list[Span]) -> tuple[int, int] | None:
    """Token range of the content :func:`fill_contents` gives ``cue``, or None (its sentence has a content
    span, or fewer than 3 tokens are left)."""
    sent = cue.sent
    inside = [s for s in spans if s.start >= sent.start and s.end <= sent.end]
    if any(s.label_ == "CONTENT" for s in inside):
        return None
    lo, hi = trimmed(doc, cue.end, min([s.start for s in inside if s.start >= cue.end] or [sent.end]))
    if hi - lo < 3 or converb_after(doc, cue.end, hi) is not None:
        lo, hi = trimmed(doc, sent.start, min([s.start for s in inside if s.end <= cue.start] or [cue.start]))
    return (lo, hi) if hi - lo >= 3 else None


def fill_outer(doc: Doc, cue: Span, source: Span | None) -> tuple[int, int] | None:
    """Token range of the content of a cue that ends its sentence (with its source: "X decided to Y, a source
    said.", "..., said Mr. Kamin.") but got no content because the sentence's content spans belong to the other
    cues: the outer attribution of a nested one, whose content PolNeAR marks as the whole clause before it (the
    tagger marks only the inner roles). The words from the sentence start up to the cue, or up to its source
    when that stands right before the cue; None when a word that is not part of a time expression follows the
    cue and its source ("he tweeted that.", not "a spokesman said Monday."),
    or fewer than 3 tokens precede. docs/learned-claims.md has its figures on PolNeAR dev."""
    sent = cue.sent
    lo_own, hi_own = cue.start, cue.end
    if (
        source is not None
        and source.sent == sent
        and only_gap(gaps(doc, sorted([cue, source], key=lambda s: s.start)))
    ):
        lo_own, hi_own = min(cue.start, source.start), max(cue.end, source.end)
    if (
        any(word(t) for t in doc[hi_own : sent.end])
        and not only_time(doc, hi_own, sent.end)
        and converb_after(doc, hi_own, sent.end) is None
    ):
        return None
    lo, hi = trimmed(doc, sent.start, lo_own)
    return (lo, hi) if hi - lo >= 3 else None


def inverted_source(doc: Doc, cue: Span, content: Span) -> tuple[Span, Span] | None:
    """(source, content) for a finite cue after a comma whose only content is a noun phrase running to its
    sentence's end ("…, said | an airport official."): the tagger took the source set after its cue for what was
    said. The source is that phrase and the content the clause before the comma. None for a cue with an
    auxiliary or a participle ("was charged | with …", "citing | the release …"), a phrase with a verb or not
    opening with a noun phrase's word ("said an official who declined …", "claimed | over 10,000 lives"), or
    words before the comma that hold no verb or close a relative clause ("The conflict, which began …,")."""
    sent, verb = cue.sent, cue[0]
    if cue.start < 2 or doc[cue.start - 1].text != "," or content.start != cue.end or content.end > sent.end:
        return None
    if (
        len(cue) != 1
        or "Fin" not in verb.morph.get("VerbForm")
        or any(c.dep_.startswith("aux") for c in verb.children)
    ):
        return None
    if content[0].pos_ not in _NP_START or any(t.pos_ in ("VERB", "AUX") for t in content):
        return None
    if any(word(t) for t in doc[content.end : sent.end]) and not only_time(doc, content.end, sent.end):
        return None
    lo, hi = trimmed(doc, sent.start, cue.start - 1)
    if hi - lo < 3 or not any(t.pos_ in ("VERB", "AUX") for t in doc[lo:hi]):
        return None
    if any(t.text == "," and "Rel" in doc[t.i + 1].morph.get("PronType") for t in doc[lo : hi - 1]):
        return None
    return content, doc[lo:hi]


#: the first word of a source phrase after its cue ("said | an airport official", "| Mr. Kamin")
_NP_START = frozenset({"DET", "PROPN", "NOUN", "ADJ"})


def only_time(doc: Doc, lo: int, hi: int) -> bool:
    """Every word of tokens [lo, hi) is part of a time expression ("..., a spokesman said Monday morning.",
    "..., he said last week."): the language pack's time rules (:func:`.times.extract_times`)."""
    from pipelines.nlp.claims.times import extract_times

    if hi <= lo:
        return True
    base = doc[lo].idx
    text = doc.text[base : doc[hi - 1].idx + len(doc[hi - 1])]
    covered = [(t.start + base, t.end + base) for t in extract_times(text, "en", None)]
    return all(any(s <= t.idx < e for s, e in covered) for t in doc[lo:hi] if word(t))


def converb_after(doc: Doc, lo: int, hi: int) -> int | None:
    """The converb that opens a clause in tokens [lo, hi) after at most a time expression and a comma ("…, the
    ministry said on Monday, | forcing power cuts", "…, he said, | citing …"): that clause is no content of the
    cue before it; None when there is none."""
    k: int | None = next((int(t.i) for t in doc[lo:hi] if converb(t)), None)
    if k is None or k == lo or doc[k - 1].text != "," or not only_time(doc, lo, k - 1):
        return None
    return k
