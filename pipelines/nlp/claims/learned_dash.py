"""Quotations attributed by a dash (``“…” ― Name``) that the learned attribution tagger leaves without a cue:
:func:`dash_attributions` gives them to :func:`.learned.attributions` (docs/learned-claims.md, the
second cue round)."""

from __future__ import annotations

from spacy.tokens import Doc, Span

from pipelines.nlp.claims.learned_fill import only_gap, trimmed

#: Dashes that attribute a quotation to the name after them (``"…" ― Name``)
_DASHES = frozenset("―—–")

_CLOSE_QUOTES = frozenset("\"”’'»")


def dash_attributions(doc: Doc, spans: list[Span], taken: set[int]) -> list[tuple[Span, Span | None, Span]]:
    """Attributions by a dash: a quotation, then a dash and a name that ends its line (``“He represents our
    greatest shame.” ― Sonya Herridge``), the typographic convention of quotations collected from several people
    (letters, readers' voices, epigraphs). The tagger marks the name as a SOURCE but has no cue for it (the dash
    is rare in its training data). The name is the tagger's SOURCE span no cue took, or else a person entity of
    the outer pipeline right after the dash; the content is the tagger's CONTENT span no cue took that ends at the
    quotation's closing mark, or else the quotation itself (from its opening mark, within the paragraph). Returns
    (cue, source or None, content) per attribution; adds the contents it takes to ``taken`` (span ids)."""
    out: list[tuple[Span, Span | None, Span]] = []
    free_sources = [s for s in spans if s.label_ == "SOURCE" and id(s) not in taken]
    # only a token whose text holds a dash can be one: the others are not made into a span to be asked
    for dash in (t for t in doc if not _DASHES.isdisjoint(t.text) and dash_cue(doc[t.i : t.i + 1])):
        k = dash.i + 1
        while k < len(doc) and doc[k].is_space:
            k += 1
        name = next((s for s in free_sources if s.start == k), None)
        if name is None:
            name = next(
                (e for e in doc.ents if e.start == k and e.label_ in ("PER", "PERSON")),
                None,
            )
        if name is None or not _line_ends(doc, name.end):
            continue
        close = _closing_quote(doc, dash.i)
        if close is None:
            continue
        content = next(
            (
                s
                for s in spans
                if s.label_ == "CONTENT"
                and id(s) not in taken
                and s.end_char <= close
                and only_gap(doc.text[s.end_char : close])
            ),
            None,
        )
        if content is None:
            opened = _opening_quote(doc, close)
            if opened is None:
                continue
            lo, hi = trimmed(doc, *_token_range(doc, opened, close))
            if hi - lo < 3:
                continue
            content = doc[lo:hi]
        cue = doc[dash.i : dash.i + 1]
        out.append((cue, name if name.label_ == "SOURCE" else None, content))
        taken.add(id(content))
    return out


def dash_cue(cue: Span) -> bool:
    """``cue`` is a dash that attributes a quotation (:func:`dash_attributions`)."""
    return len(cue) == 1 and cue[0].text.strip("\"'“”‘’ \u00a0") in _DASHES


def _line_ends(doc: Doc, i: int) -> bool:
    """Nothing but punctuation stands between token ``i`` and the end of its line (or of the text)."""
    end = doc.text.find("\n", doc[i].idx if i < len(doc) else len(doc.text))
    rest = doc.text[doc[i].idx if i < len(doc) else len(doc.text) : end if end >= 0 else len(doc.text)]
    return only_gap(rest.replace("\u00a0", " "))


def _closing_quote(doc: Doc, dash: int) -> int | None:
    """The character offset of the closing quotation mark right before the dash token ``dash`` (in it, or in
    the tokens before it with only spaces between), or None."""
    text = doc.text
    k = doc[dash].idx + doc[dash].text.find(next(c for c in doc[dash].text if c in _DASHES)) - 1
    while k >= 0 and text[k] in " \u00a0":
        k -= 1
    return k if k >= 0 and text[k] in _CLOSE_QUOTES and text[k] not in "'’" else None


def _opening_quote(doc: Doc, close: int) -> int | None:
    """The character offset after the opening mark of the quotation that closes at ``close``, within its line."""
    start = doc.text.rfind("\n", 0, close) + 1
    for k in range(close - 1, start - 1, -1):
        if doc.text[k] in '“"':
            return k + 1
        if doc.text[k] == "”":
            return None  # another quotation closes before: not one quotation
    return None


def _token_range(doc: Doc, start: int, end: int) -> tuple[int, int]:
    span = doc.char_span(start, end, alignment_mode="expand")
    return (span.start, span.end) if span is not None else (0, 0)
