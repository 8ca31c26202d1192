"""Character and token span helpers of the claim rules: quotation regions, trimming, parse-tree depth."""

from __future__ import annotations

import bisect
import re
from collections.abc import Sequence

from spacy.attrs import HEAD
from spacy.tokens import Doc, Token

from pipelines.nlp.claims.words import (
    PUNCT_EDGE,
    symbol_edge,
)
from pipelines.nlp.langpacks import LanguagePack
from pipelines.nlp.links import ADDRESS


def quote_regions(text: str, offset: int, open_quotes: dict[str, str]) -> list[tuple[int, int]]:
    """Character regions (absolute, inclusive of the marks) enclosed in quotation marks."""
    regions: list[tuple[int, int]] = []
    # typewriter-style quotes ``like this'' and ''like this'' count as double quotes (same length)
    text = text.replace("``", '"\x00').replace("''", '"\x00')
    i = 0
    n = len(text)
    while i < n:
        ch = text[i]
        if ch in open_quotes:
            closers = open_quotes[ch]
            if ch == "‘":  # single quotes double as apostrophes: only when a closing ’ follows a space/end
                j = text.find("’", i + 1)
                while j != -1 and j + 1 < n and text[j + 1].isalpha():
                    j = text.find("’", j + 1)
            else:
                cands = [text.find(c, i + 1) for c in closers]
                cands = [c for c in cands if c != -1]
                j = min(cands) if cands else -1
                if ch not in closers and j != -1 and text.find(ch, i + 1, j) != -1:
                    j = _nested_close(text, i, ch, closers, j)
            brk = text.find("\n", i + 1, j) if j != -1 and ch in closers else -1
            if brk != -1 and _closes_after_break(text, i, j, open_quotes):
                brk = -1  # "Кожне поле …\n\nОдин … швидше", - пояснює X: one quotation over the paragraphs
            if brk != -1:
                # a mark that opens and closes alike ("): a quotation left open at the end of its paragraph
                # ends there (the next paragraph reopens it with a mark of its own when it goes on); the next
                # mark opens again, never closes across the break (the writer's words between would be quoted)
                if brk - i > 1:
                    regions.append((offset + i, offset + brk))
                i = brk
                continue
            if j != -1 and j - i > 1:
                regions.append((offset + i, offset + j + 1))
                i = j + 1
                continue
        i += 1
    return regions


def _closes_after_break(text: str, i: int, j: int, open_quotes: dict[str, str]) -> bool:
    """A mark that opens and closes alike, opening a word at ``i`` and left open at the end of its paragraph,
    whose next mark at ``j``, at most :data:`MAX_OPEN_BREAKS` paragraph breaks later, closes a quotation before
    its speaker's words (after a stop or a comma, or before a comma or a dash: '…швидше", - пояснює X') rather
    than opening a word: the quotation goes on over the paragraphs between, which open with no mark of their
    own and hold no quotation mark of any kind."""
    marks = set(open_quotes) | set("".join(open_quotes.values()))
    if any(c in marks for c in text[text.find("\n", i) : j]):
        return False
    opens = i + 1 < len(text) and not text[i + 1].isspace() and (i == 0 or not text[i - 1].isalnum())
    framed = text[j - 1] in ",.!?…" or _SPEAKER_AFTER.match(text, j + 1) is not None
    breaks = len(_BREAK.findall(text, i, j))
    return opens and framed and not text[j - 1].isspace() and 0 < breaks <= MAX_OPEN_BREAKS


#: paragraph breaks a straight-quoted quotation left open at its paragraph's end may run over
MAX_OPEN_BREAKS = 3
_BREAK = re.compile(r"\n\s*")
#: the end of a Markdown link at a span's start: "](address)" (:mod:`pipelines.nlp.links`)
_LINK_TAIL = re.compile(rf"\]?\(?{ADDRESS}\)")
#: the address of a Markdown link at a span's end: "](address" or "](address)"
_LINK_HEAD = re.compile(rf"\]\({ADDRESS}\)?$")
#: a comma or a dash right after a closing mark: the speaker's words follow ('…", - каже X', '…", — X')
_SPEAKER_AFTER = re.compile(r"\s*,?\s*[-–—]\s|,")


def _nested_close(text: str, i: int, opener: str, closers: str, first: int) -> int:
    """The closing mark of the quotation opened at ``i`` when it quotes a name in the same marks («… партии
    «Яблоко» Артур Гороховский»): the closer at nesting depth 0 within the paragraph, else ``first`` (the
    first closer, as for an unbalanced text)."""
    depth = 0
    end = text.find("\n", i)
    for k in range(i + 1, len(text) if end == -1 else end):
        c = text[k]
        if c == opener:
            depth += 1
        elif c in closers:
            if depth == 0:
                return k
            depth -= 1
    return first


def inside(regions: Sequence[tuple[int, int]], start: int, end: int) -> float:
    """Share of [start, end) covered by the regions (sorted, not overlapping: :func:`_quote_regions`)."""
    if end <= start:
        return 0.0
    covered = 0
    k = bisect.bisect_right(regions, (start, start))
    k = k - 1 if k > 0 and regions[k - 1][1] > start else k
    while k < len(regions) and regions[k][0] < end:
        s, e = regions[k]
        covered += max(0, min(e, end) - max(s, start))
        k += 1
    return covered / (end - start)


def strip_span(text: str, start: int, end: int, pack: LanguagePack) -> tuple[int, int]:
    """Character span of ``text`` without edge punctuation, quotes, a leading complementizer ("that", "что", "щоб") and
    leading connectives of the language."""
    changed = True
    while changed and start < end:
        changed = False
        while start < end and (
            text[start] in PUNCT_EDGE
            or text[start] in pack.open_quotes
            or text[start] in pack.close_quotes
            or symbol_edge(text[start])
        ):
            start += 1
            changed = True
        while (
            end > start
            and not _closes_label(text, start, end)
            and (
                text[end - 1] in PUNCT_EDGE
                or text[end - 1] in pack.close_quotes
                or text[end - 1] in pack.open_quotes
                or symbol_edge(text[end - 1])
            )
        ):
            end -= 1
            changed = True
        # a link's address after its label, the source ("[X](url), …")
        tail = _LINK_TAIL.match(text, start, end)
        if tail is not None:
            start = tail.end()
            changed = True
        # a link's address at a span's end, its label the span's last words ("[A](url), the governor said")
        head = _LINK_HEAD.search(text, start, end)
        if head is not None:
            end = head.start() + 1  # (its label's "]" stays when the label's "[" is inside the span)
            changed = True
        # a span that stops inside a link's label ends with the label ("мост [закрыт на ремонт]")
        if text.startswith("](", end) and text.count("[", start, end) > text.count("]", start, end):
            end += 1
            changed = True
        low = text[start:end].lower()
        for word in (*pack.complementizers, *pack.purpose_conjunctions, *pack.manner_conjunctions):
            lead = word + " "
            if low.startswith(lead):
                start += len(lead)
                changed = True
                break
        for con in pack.connectives:
            if low.startswith(con + ",") or low.startswith(con + " ,"):
                start += len(con) + 1
                changed = True
                break
    return start, end


def _closes_label(text: str, start: int, end: int) -> bool:
    """The span ends with the "]" of a link label whose "[" it holds ("the bridge had been [closed for
    repairs]"): the bracket is no edge to strip."""
    return text[end - 1] == "]" and text.count("[", start, end - 1) > text.count("]", start, end - 1)


def tok_range_chars(doc: Doc, i: int, j: int) -> tuple[int, int]:
    """Characters of tokens [i, j)."""
    if j <= i:  # an empty range; at the end of the doc, its end
        at = doc[i].idx if i < len(doc) else len(doc.text)
        return at, at
    return doc[i].idx, doc[j - 1].idx + len(doc[j - 1].text)


def subtree_range(tok: Token, lo: int, hi: int) -> tuple[int, int]:
    return max(tok.left_edge.i, lo), min(tok.right_edge.i + 1, hi)


def tree_depth(tok: Token, lo: int, hi: int) -> int:
    d = 0
    t = tok
    while t.head.i != t.i and lo <= t.head.i < hi and d < 50:
        t = t.head
        d += 1
    return d


def span_root(doc: Doc, i: int, j: int) -> Token | None:
    """The token of [i, j) whose head lies outside it (the shallowest one; the first of equals): the token
    of least :func:`tree_depth`, walked on the heads as integers (one array read, no ``Token`` per step)."""
    if j <= i:
        return None
    heads = [
        k + int(rel) for k, rel in enumerate(doc[i:j].to_array([HEAD])[:, 0].view("int64").tolist(), start=i)
    ]
    for k in range(i, j):  # in a tree, the first token whose head leaves the span is the shallowest
        h = heads[k - i]
        if h == k or not i <= h < j:
            return doc[k]
    best = -1  # a head cycle (a malformed parse): the token that climbs least before it leaves the span
    best_d = 10**6
    for k in range(i, j):
        d = 0
        t = k
        while d < 50:
            h = heads[t - i]
            if h == t or not i <= h < j:
                break
            t = h
            d += 1
        if d < best_d:
            best, best_d = k, d
    return doc[best]


#: quotation marks that open and close a quotation (English, Russian and Ukrainian typography)
QUOTE_PAIRS = (("«", "»"), ("“", "”"), ("„", "“"), ("‘", "’"), ("‹", "›"))


def balance_quotes(text: str, start: int, end: int) -> tuple[int, int]:
    """``start``..``end`` widened by the closing (or opening) mark of a quotation it opens (or closes) inside and
    that stands right at its edge: 'the incident "a flagrant violation' keeps its closing mark when the quotation
    ends the span, instead of leaving an analyst an unbalanced one."""
    part = text[start:end]
    if part.count('"') % 2:
        if end < len(text) and text[end] == '"':
            return start, end + 1
        if start > 0 and text[start - 1] == '"':
            return start - 1, end
    for opening, closing in QUOTE_PAIRS:
        opened, closed = part.count(opening), part.count(closing)
        if opened > closed and end < len(text) and text[end] == closing:
            return start, end + 1
        if closed > opened and start > 0 and text[start - 1] == opening:
            return start - 1, end
    return start, end
