"""Sources outside the sentence's grammar: speaker labels and headline source tails (issue 17).

- A **speaker label**: a line that starts with a short name and a colon ("ФЕДОРОВ: …", "Zelensky: …",
  "Сибіга: …"). Every sentence of that line is the labelled speaker's: ``indirect`` on the article's first
  line (a headline "X: Y", the cue is the colon; ``direct_quote`` when Y is in quotation marks),
  ``direct_quote`` elsewhere (interview answers, transcripts;
  the cue is the label with its colon).
- An **interview answer**: a line right after a question line (one that ends in "?"), in an article that
  introduces a person before its first question; ``direct_quote`` of that person (the interviewee), the cue the
  answer's marker ("A:", "—") when it has one.
- A **source tail**: a sentence ending in a dash (or comma and dash) followed by a short source and nothing
  else ("… в Запорожской области, — Минобороны", "… — власти"); ``indirect``, the cue is the dash, the content
  the sentence before it. The dash is the pack's ``gate.source_tail`` pattern.

Either source must look like one: a person or organisation entity, a claimant noun of the lexicon, a name
of the alias table, or a label in capitals. No verb may be in it (a "— отметила X" tail is a reporting verb,
found by :mod:`.attribution`).
"""

from __future__ import annotations

import re
from dataclasses import replace

from spacy.tokens import Token

from pipelines.nlp.claims import claimants, cues, enrichment
from pipelines.nlp.claims.canonical import known_verb, surname_of
from pipelines.nlp.claims.claim import Claim
from pipelines.nlp.claims.clauses import names_event
from pipelines.nlp.claims.context import DocContext, Mention
from pipelines.nlp.claims.mention_types import alias_claimant_type, alias_side
from pipelines.nlp.claims.phrases import head_guess, written_span
from pipelines.nlp.claims.quotations import MAX_QUOTATION
from pipelines.nlp.claims.spans import inside, strip_span, tok_range_chars
from pipelines.nlp.claims.words import word

#: the marker of an answer line: a dash or a one-letter label ("A:", "О:", "В:")
_ANSWER_MARK = re.compile(r"^\s*(?:[—–-]|[^\W\d_]:)\s*")
#: the label at the start of a line: up to four words before a colon
_LABEL = re.compile(r"^([^\W\d_][\w.'’-]*(?:[ \u00a0][\w.'’-]+){0,3}):[ \u00a0]+\S")
_MAX_SOURCE_WORDS = 6
_OBLIQUE = frozenset({"Acc", "Gen", "Dat", "Ins", "Loc"})
#: a source and a colon before a quotation inside a paragraph: "Організатор фестивалю Олег Саранчин: «…»"
_INLINE = re.compile(r"^([^\W\d_][^:«»\"“”„\n]{0,80}?):[ \u00a0]*(?=[«„“\"])")


def _tokens(ctx: DocContext, start: int, end: int) -> tuple[int, int] | None:
    span = ctx.doc.char_span(start, end, alignment_mode="expand")
    return None if span is None else (span.start, span.end)


def _source_like(ctx: DocContext, s: int, e: int, *, capitals: bool) -> bool:
    toks = [t for t in ctx.doc[s:e] if word(t)]
    if not toks or len(toks) > _MAX_SOURCE_WORDS:
        return False
    if claimants.lookup_alias(ctx, ctx.doc[s:e].text) is not None:
        return True  # a name of the alias table whole, whatever the tagger made of it ("Повітряні сили")
    upper = capitals and all(t.text.isupper() and len(t.text) > 1 for t in toks)
    # a tagger reads words in capitals badly ("ПЕНДЗИН:" a verb): for a label in capitals the dictionary decides
    if (
        ctx.has_pos
        and any(t.pos_ in ("VERB", "AUX") for t in toks)
        and not (upper and not any(known_verb(ctx.lang, t.lower_) for t in toks))
    ):
        return False
    if all(claimants.not_a_claimant(ctx, t) for t in toks):
        return False  # "UPDATE: …", "Хтось: …": a word that names no one
    if any(p.match(ctx.doc[s:e].text.strip()) for p in ctx.pack.gate.rubric_labels):
        return False  # "BREAKING: …", "ТЕРМІНОВО: …": a rubric, the outlet's own
    if upper:
        return True
    if any(t.ent_type_ in ("PER", "ORG") for t in toks):
        return True
    if any(claimants.noun_type(ctx, t) is not None for t in toks):
        return True
    return claimants.lookup_alias_suffix(ctx, ctx.doc[s:e].text) is not None  # (a whole alias: above)


def _head(ctx: DocContext, s: int, e: int) -> Token | None:
    for t in ctx.doc[s:e]:
        if t.ent_type_ in ("PER", "ORG"):
            return t
    if claimants.lookup_alias(ctx, ctx.doc[s:e].text) is not None:
        # a name of the alias table: its first noun, whatever the tagger made of the words before it
        noun = next((t for t in ctx.doc[s:e] if t.pos_ in ("NOUN", "PROPN")), None)
        if noun is not None:
            return noun
    return head_guess(ctx, s, e)


def _claim(
    ctx: DocContext,
    index: int,
    lo: int,
    hi: int,
    content: tuple[int, int],
    source: tuple[int, int],
    cue_span: tuple[int, int],
    attribution_type: str,
    lemma: str | None = None,
) -> Claim | None:
    start, end = strip_span(ctx.text, *content, ctx.pack)
    if end - start < 3:
        return None
    head = _head(ctx, *source)
    if head is None:
        return None
    claimant, rng = claimants.claimant_from(ctx, head, source[0], source[1], index, np_range=source)
    if claimant is None:
        claimant, rng = _alias_source(ctx, source, index)
    if claimant is not None and claimant.canonical is None:
        # a label in capitals or a surname alone ("ФЕСЕНКО:") is the person introduced earlier by full name
        full = _introduced(ctx, claimant.text, index)
        if full is not None:
            claimant = replace(claimant, canonical=full, type=claimant.type or "person", label="PER")
    cue = ctx.text[cue_span[0] : cue_span[1]]
    c_rng = _tokens(ctx, start, end)
    claim = enrichment.build_claim(
        ctx,
        index,
        lo,
        hi,
        start,
        end,
        attribution_type,
        lemma or cue,
        cue,
        claimant,
        None,
        frozenset(),
        c_rng,
        cue_span=cue_span,
        claimant_span=written_span(ctx, *rng) if rng[1] > rng[0] else None,
    )
    claimants.remember_claimant(ctx, claimant, index, cue_span[0])
    return claim


def _alias_source(
    ctx: DocContext, source: tuple[int, int], index: int
) -> tuple[Mention | None, tuple[int, int]]:
    """The source [s, e) as the alias it names whole ("— Повітряні сили", whose first word a tagger may read
    as a verb), or no claimant."""
    s, e = source
    while e > s and (ctx.doc[e - 1].is_punct or ctx.doc[e - 1].is_space):
        e -= 1
    alias = claimants.lookup_alias(ctx, ctx.doc[s:e].text) if e > s else None
    if alias is None:
        return None, (s, s)
    mention = Mention(
        ctx.doc[s:e].text,
        alias.canonical,
        alias_claimant_type(alias),
        alias_side(alias),
        alias.kind,
        index,
        ctx.doc[s].idx,
    )
    return mention, (s, e)


def _introduced(ctx: DocContext, label: str, index: int) -> str | None:
    """The canonical full name of a person mentioned before whose surname is ``label`` (any case), or None."""
    key = label.strip().casefold()
    if not key or " " in key:
        return None
    for m in reversed(ctx.history):
        if m.sent_index > index or m.canonical is None or len(m.canonical.split()) < 2:
            continue
        if m.person and surname_of(m.canonical) == key:
            return m.canonical
    return None


def interviewer_line(ctx: DocContext, sent_start: int) -> bool:
    """Whether the sentence starting at ``sent_start`` is on a line the interviewer's label starts."""
    line_start = _label_start(ctx, sent_start)
    m = _LABEL.match(ctx.text[line_start : line_start + 80])
    return m is not None and any(p.match(m.group(1).strip()) for p in ctx.pack.gate.interviewer_labels)


def _label_start(ctx: DocContext, sent_start: int) -> int:
    """Where a speaker label may start on the line of ``sent_start``: the line's start, or after an opening
    quotation mark there (a quoted transcript: '"PENCE: Well, look, …', each paragraph opened with a mark)."""
    line_start = ctx.text.rfind("\n", 0, sent_start) + 1
    if ctx.text[line_start : line_start + 1] in ('"', *ctx.pack.open_quotes):
        return line_start + 1
    return line_start


def _label_again(ctx: DocContext, label: str, line_start: int) -> bool:
    """Whether ``label`` also starts a later line of the text (a transcript's first answer, not a headline)."""
    marks = re.escape("".join(['"', *ctx.pack.open_quotes]))
    pattern = re.compile(r"\n[ \t]*[" + marks + r"]?" + re.escape(label) + r":[ \u00a0]+\S")
    return pattern.search(ctx.text, line_start) is not None


def labelled_answer(ctx: DocContext, lo: int, hi: int, index: int) -> Claim | None:
    """The claim of a sentence on a speaker's line of a transcript or interview ("ФЕСЕНКО: …", "Малюк: …"), not
    a headline "X: Y", or None. The speaker asserts the whole sentence, also a verb of someone else's in it
    ("ФЕСЕНКО: Кремль досі вважає, що …")."""
    claim = labelled_claim(ctx, lo, hi, index)
    return claim if claim is not None and claim.attribution == "direct_quote" else None


def labelled_claim(ctx: DocContext, lo: int, hi: int, index: int) -> Claim | None:
    """The claim of a sentence on a line that starts with a speaker label, or None."""
    sent_start, sent_end = tok_range_chars(ctx.doc, lo, hi)
    line_start = _label_start(ctx, sent_start)
    m = _LABEL.match(ctx.text[line_start : line_start + 80])
    if m is None:
        return None
    colon = line_start + m.end(1)
    label = _tokens(ctx, line_start, colon)
    if label is None or not _source_like(ctx, *label, capitals=True):
        return None
    line_end = ctx.text.find("\n", colon)
    if _in_capitals(ctx.text[colon : line_end if line_end != -1 else len(ctx.text)]):
        return None  # "БУРШТИНОВІ ВІЙНИ: НА ВОЛИНІ ТРИВАЄ …": a headline in capitals, not a speaker's line
    content_start = max(sent_start, colon + 1)
    if content_start >= sent_end:
        return None
    if ctx.text[:line_start].strip() == "" and not _label_again(ctx, m.group(1), line_start):
        # a headline "X: Y" (a label that starts no other line): the colon is the cue; Y in quotation marks
        # ("Сергей Лавров: «Мы не допустим …»") is quoted, not paraphrased
        quoted = not ctx.pack.articles and inside(ctx.quotes, content_start, sent_end) > 0.8
        kind = "direct_quote" if quoted else "indirect"
        return _claim(ctx, index, lo, hi, (content_start, sent_end), label, (colon, colon + 1), kind)
    # an interview answer or a transcript: the label is the cue
    return _claim(
        ctx, index, lo, hi, (content_start, sent_end), label, (line_start, colon + 1), "direct_quote"
    )


def inline_quote_claim(ctx: DocContext, lo: int, hi: int, index: int) -> Claim | None:
    """The claim of a quotation introduced by its source and a colon inside a paragraph ("Організатор
    фестивалю Олег Саранчин: «… . … »"), or None: ``direct_quote`` of that source, the cue the colon, the
    content the whole quotation (also over several sentences, which it then covers). A line that starts with
    such a label is :func:`labelled_claim`'s."""
    sent_start, sent_end = tok_range_chars(ctx.doc, lo, hi)
    line_start = ctx.text.rfind("\n", 0, sent_start) + 1
    if ctx.text[line_start:sent_start].strip() == "":
        return None
    m = _INLINE.match(ctx.text[sent_start:sent_end])
    if m is None:
        return None
    colon = sent_start + m.end(1)
    label = _tokens(ctx, sent_start, colon)
    if label is None or not _source_like(ctx, *label, capitals=False):
        return None
    opening = sent_start + m.end()
    region = next(((a, b) for a, b in ctx.quotes if a == opening), None)
    if region is None:
        return None
    q_start, q_end = region
    if q_end - q_start > MAX_QUOTATION or "\n" in ctx.text[q_start:q_end]:
        q_end = min(q_end, sent_end)  # an unclosed or runaway mark: the sentence only
    elif q_end > sent_end:
        ctx.cover_quotation(q_start, q_end)
    return _claim(ctx, index, lo, hi, (q_start, q_end), label, (colon, colon + 1), "direct_quote")


def source_tail_claim(ctx: DocContext, lo: int, hi: int, index: int) -> Claim | None:
    """The claim of a sentence that ends in a dash and a short source ("… — Минобороны"), or None."""
    pattern = ctx.pack.gate.source_tail
    if pattern is None:
        return None
    sent_start, sent_end = tok_range_chars(ctx.doc, lo, hi)
    text = ctx.text[sent_start:sent_end]
    found = [m for m in pattern.finditer(text) if m.start() > 0]
    if not found:
        return None
    m = found[-1]
    line_start = ctx.text.rfind("\n", 0, sent_start) + 1
    past_headline = bool(ctx.text[:line_start].strip())
    if past_headline and "," not in m.group(0):
        return (
            None  # past the headline, a source tail follows a comma ("…, — Лисак"); else it is an apposition
        )
    tail_start = sent_start + m.end()
    tail = _tokens(ctx, tail_start, sent_end)
    if tail is None:
        return None
    s, e = tail
    while e > s and ctx.doc[e - 1].is_punct:
        e -= 1
    if e <= s or not _source_like(ctx, s, e, capitals=False):
        return None
    listing = ctx.pack.gate.list_tail
    if listing is not None and listing.search(
        ctx.text[tail_start : ctx.doc[e - 1].idx + len(ctx.doc[e - 1])]
    ):
        return None  # "… утримувачів доріг – «Укравтодор», «Київавтодор» тощо": a list, no source
    if not _clause_before(ctx, lo, tail[0]):
        return None  # "Другой фаворит — X", "Топалов — Нисипяну 1:0": no report before the dash
    if (
        past_headline
        and ctx.has_pos
        and _OBLIQUE & set(ctx.doc[s].morph.get("Case"))
        and claimants.lookup_alias(ctx, ctx.doc[s:e].text) is None  # ("…, — Міноборони РФ": a name whole)
    ):
        # "… і громадянку Кіпру – Елену Андреу": an apposition in the case of its noun; a headline's tail keeps
        # its source whatever case the tagger reads ("…, — Генштаб": nominative and accusative look alike)
        return None
    dash = sent_start + m.start() + (m.group(0).find("—") if "—" in m.group(0) else m.group(0).find("–"))
    return _claim(
        ctx, index, lo, hi, (sent_start, sent_start + m.start()), (s, e), (dash, dash + 1), "indirect"
    )


def says_tail_claim(ctx: DocContext, lo: int, hi: int, index: int) -> Claim | None:
    """The claim of a headline in title case that ends in a comma, a source and a reporting verb ("Russian
    Drones Hit Kyiv Power Plant, Officials Say": the pack's ``gate.says_tail``, groups ``source`` and ``cue``),
    whose words a tagger reads as names; None otherwise."""
    pattern = ctx.pack.gate.says_tail
    if pattern is None:
        return None
    sent_start, sent_end = tok_range_chars(ctx.doc, lo, hi)
    text = ctx.text[sent_start:sent_end]
    m = pattern.search(text)
    if m is None or not _title_case(text[: m.start()]):
        return None
    source = _tokens(ctx, sent_start + m.start("source"), sent_start + m.end("source"))
    if source is None or not _source_like(ctx, *source, capitals=False):
        return None
    cue = (sent_start + m.start("cue"), sent_start + m.end("cue"))
    found = ctx.lex.cues.lookup_word(m.group("cue").lower())
    lemma = str(found[0]) if found is not None else m.group("cue").lower()
    claim = _claim(ctx, index, lo, hi, (sent_start, sent_start + m.start()), source, cue, "indirect", lemma)
    last = ctx.doc[source[1] - 1]
    if claim is None or last.ent_type_ or claim.claimant == m.group("source"):
        return claim
    # a name inside a title ("Former White House Doctor"): the claimant is the title, not the name
    written = (sent_start + m.start("source"), sent_start + m.end("source"))
    return replace(
        claim,
        claimant=m.group("source"),
        claimant_canonical=None,
        claimant_type=claimants.noun_type(ctx, last),
        claimant_side=None,
        claimant_span=written,
    )


def _title_case(text: str) -> bool:
    """At least three words, two of them longer than three letters, and three in four of those start with a
    capital."""
    words = re.findall(r"[^\W\d_][\w'’-]*", text)
    long = [w for w in words if len(w) > 3]
    return len(words) >= 3 and len(long) >= 2 and sum(w[0].isupper() for w in long) >= 0.75 * len(long)


def _in_capitals(text: str) -> bool:
    """Whether the letters of ``text`` (at least ten) are nearly all capitals."""
    letters = [c for c in text if c.isalpha()]
    return len(letters) >= 10 and sum(c.isupper() for c in letters) >= 0.9 * len(letters)


def _clause_before(ctx: DocContext, lo: int, hi: int) -> bool:
    """Whether tokens [lo, hi) before a source tail hold a report: a verb, a figure or an event of the
    vocabulary ("Обстрел Белгорода — власти"), not a noun phrase alone ("Другой фаворит — X"); without a
    tagger, any three words."""
    if not ctx.has_pos:
        return sum(1 for t in ctx.doc[lo:hi] if word(t)) >= 3
    if any(t.pos_ in ("VERB", "AUX") or t.like_num for t in ctx.doc[lo:hi]):
        return True
    return names_event(ctx, lo, hi)


def _find_answers(ctx: DocContext) -> None:
    """Lines that answer the question on the line before them, and the person introduced before the first
    question (the interviewee); computed once per document."""
    lines: list[tuple[int, int]] = []
    pos = 0
    for line in ctx.text.split("\n"):
        lines.append((pos, pos + len(line)))
        pos += len(line) + 1
    found: list[tuple[int, tuple[int, int, int], bool]] = []  # (question start, answer, asked by a request)
    for k in range(1, len(lines)):
        a_start, a_end = lines[k]
        answer = ctx.text[a_start:a_end]
        mark = _ANSWER_MARK.match(answer)
        q = k - 1
        # a question in a paragraph of its own, the answer in the next ("Хто за це платить?\n\n– Основну …"):
        # only an answer with a marker, so that a paragraph after a rhetorical question stays the writer's
        while q > 0 and not ctx.text[lines[q][0] : lines[q][1]].strip() and mark is not None:
            q -= 1
        q_start, q_end = lines[q]
        question = ctx.text[q_start:q_end].strip()
        # a request in place of a question ("Розкажіть, як …") before a marked answer, in an interview that
        # asks a question somewhere, also after the request ("Розкажіть спершу, …\n\n— …\n\nЧого …?")
        requested = not question.endswith("?") and mark is not None and _request(ctx, q_start, q_end)
        if not (question.endswith("?") or requested) or not answer.strip() or answer.strip().endswith("?"):
            continue
        found.append((q_start, (a_start, a_end, a_start + (mark.end() if mark else 0)), requested))
    asks = any(not requested for _, _, requested in found)
    found = [f for f in found if asks or not f[2]]
    ctx.answers = [answer for _, answer, _ in found]
    first_question = found[0][0] if found else None
    if first_question is not None:
        before = [ent for ent in ctx.ents if ent.end_char <= first_question]
        # not a person named as an owner ("Serhiy Prytula's foundation …, his deputy, Olena Motuz, answered")
        people = [ent for ent in before if ent.label_ == "PER" and not _possessive(ctx, ent.end)]
        # a person the tagger took for an organisation: the subject of the introduction
        people += [
            ent
            for ent in before
            if ent.label_ == "ORG"
            and "nsubj" in (ent.root.dep_, ent.root.head.dep_)
            and ent.root.head.i != ent.root.i
        ]
        ctx.interviewee = people[0] if people else None


def _request(ctx: DocContext, start: int, end: int) -> bool:
    """The line [start, end) opens with an imperative ("Розкажіть, як …", "Tell us about …")."""
    span = ctx.doc.char_span(start, end, alignment_mode="expand")
    return span is not None and len(span) > 0 and cues.imperative_at(ctx, start, span.start, span.end)


def _possessive(ctx: DocContext, end: int) -> bool:
    """The token after an entity ending at ``end`` is a possessive marker of the pack ("'s")."""
    return end < len(ctx.doc) and ctx.doc[end].lower_ in ctx.pack.possessive_markers


def answer_claim(ctx: DocContext, lo: int, hi: int, index: int) -> Claim | None:
    """The claim of a sentence of an interview answer, or None."""
    if ctx.answers is None:
        _find_answers(ctx)
    if not ctx.answers or ctx.interviewee is None:
        return None
    sent_start, sent_end = tok_range_chars(ctx.doc, lo, hi)
    line = next((a for a in ctx.answers if a[0] <= sent_start < a[1]), None)
    if line is None:
        return None
    a_start, _, mark_end = line
    if sum(1 for t in ctx.doc[lo:hi] if word(t)) < 3:
        return None  # "Completely.", "Partly."
    ent = ctx.interviewee
    marker = ctx.text[a_start:mark_end].strip()
    m_start = a_start + ctx.text[a_start:mark_end].find(marker) if marker else a_start
    start, end = strip_span(ctx.text, max(sent_start, mark_end), sent_end, ctx.pack)
    if end - start < 3:
        return None
    claimant, _ = claimants.claimant_from(
        ctx, ent.root, ent.start, ent.end, index, np_range=(ent.start, ent.end)
    )
    return enrichment.build_claim(
        ctx,
        index,
        lo,
        hi,
        start,
        end,
        "direct_quote",
        marker or None,
        marker or None,
        claimant,
        None,
        frozenset(),
        _tokens(ctx, start, end),
        cue_span=(m_start, m_start + len(marker)) if marker else None,
        claimant_span=(ent.start_char, ent.end_char),
    )
