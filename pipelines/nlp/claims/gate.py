"""The gate: what counts as a claim in a sentence.

A claim is a statement attributed to a source, or the outlet's own assertion of an event, a state or a figure.
Never a claim (issue 17): a sentence on a site-furniture line (the pack's ``gate.furniture`` patterns: cookie
banners, subscription prompts, breadcrumbs …), a question (the sentence ends in "?"; a content that the
pack's ``gate.reported_question_openings`` match, "whether …"), a wish, slogan, appeal or greeting (the pack's
``gate.non_claim_openings`` at the start of the sentence or of the content), an imperative (the first word's
mood), and, without a source, a fragment with no verb. A reporting verb that states no report gives no claim
(:func:`not_a_report`): a ruling, rating or listing ("признал виновным", "вказавши місцем роботи"), a topic
instead of a proposition ("розповідав про селянку, яка …"), a cue with its own topic after a report before it
("…, наступного дня повідомили про підозру"), a cue inside an editor's note ("(додано дані …)").

A sentence gives the claims of its attributions (:mod:`.attribution`); without one, a sentence wholly in
quotation marks (or with an editorial insertion in square brackets) is a ``direct_quote`` of the latest claimant
of the last three sentences; otherwise it is an ``unattributed`` claim, unless it has no verb, fewer than three
words or is an editorial parenthesis, or (English, with ``claimflow_claim_worthiness_v1`` in the pipeline) the
classifier finds it not check-worthy under the component's ``worthiness`` mode (:func:`unworthy`), or (Russian
and Ukrainian, the pack's ``gate.own_voice_checks``) it names no event and no figure and the parse of its main
predicate shows it asserts nothing (:func:`not_asserted`); both are counted (``DocContext.unasserted``). In English with
``claimflow_attribution_tagger_v1``, the tagger's attributions join the rule claims of the sentence
(:mod:`.learned_claims`).
"""

from __future__ import annotations

import re
from collections.abc import Sequence

from spacy.tokens import Doc, Token

from pipelines.nlp.claims import (
    according,
    attribution,
    cues,
    enrichment,
    frames,
    insertions,
    labels,
    learned_claims,
    quoted_as,
    relative_reports,
    report_nouns,
)
from pipelines.nlp.claims.claim import Claim, one_per_report
from pipelines.nlp.claims.clauses import denial, has_verb, names_event
from pipelines.nlp.claims.context import DocContext
from pipelines.nlp.claims.cues import imperative_at
from pipelines.nlp.claims.mentions import dictionary_cases
from pipelines.nlp.claims.own_voice import (  # (the worthiness names stay the gate's too)
    DEFAULT_WORTHINESS as DEFAULT_WORTHINESS,
)
from pipelines.nlp.claims.own_voice import WORTHINESS_MODES as WORTHINESS_MODES
from pipelines.nlp.claims.own_voice import not_asserted, unworthy
from pipelines.nlp.claims.spans import (
    inside,
    strip_span,
    tok_range_chars,
)
from pipelines.nlp.claims.words import SENTENCE_TRAIL, is_question, word
from pipelines.nlp.segment import sentence_starts


def segments(
    doc: Doc, text: str | None = None, datelines: Sequence[tuple[int, int]] = ()
) -> list[tuple[int, int]]:
    """Sentences by the rules of :mod:`.segment` (independent of the parser's own boundaries), without the
    words of ``datelines`` (character ranges, :mod:`.datelines`); ``text``: ``doc.text`` when the caller has
    read it already."""
    starts = [i for i, s in enumerate(sentence_starts(doc, text)) if s]
    out: list[tuple[int, int]] = []
    for k, s in enumerate(starts):
        e = starts[k + 1] if k + 1 < len(starts) else len(doc)
        while s < e and any(a <= doc[s].idx < b for a, b in datelines):
            s += 1
        while e > s and doc[e - 1].is_space:
            e -= 1
        if e > s:
            out.append((s, e))
    return out


#: leading characters that do not start the words of a sentence: quotation marks, dashes, bullets, emoji
_LEAD = re.compile(r"^[^\w]+")
#: a speaker label or interview marker at the start of a line: "ВЕДУЩИЙ:", "Q:", "Ushakov:"
_LABEL = re.compile(r"^[A-ZА-ЯІЇЄҐ][\w.'’-]*(?:\s[A-ZА-ЯІЇЄҐ][\w.'’-]*)?:\s+")
#: what may follow a quotation's closing mark in its last sentence
_CLOSING = " \t\n.,!?…;:"


_QUOTE_OPENERS = frozenset("«“„\"'‘‹")
#: a question mark right after a content, past closing quotes ("'What now?' he asked": the content stops before it)
_ASKED = re.compile(r"[\s\"'»”’“›)\]]*\?")
#: a question, exclamation or trailing-off inside a content, its closing quotes, and a dash before a word: the
#: word after the dash starts the words that say who spoke ("«Почему нас не предупредили?», — возмутился
#: депутат", "Дуже смачна! - похвалила дівчинка")
_SPEECH_END = re.compile(r"([?!…]|\.\.\.)[\"'»”’“›]*,?\s*[—–-]\s*(\w)")


def asks(ctx: DocContext, claim: Claim) -> bool:
    """A claim whose content is a quotation that its span stops short of a question mark after, or holds
    a question with its speaker after a dash; or an outlet's row (no cue) that holds a speech tail: dialogue
    whose verb of saying the pack does not know is narrated speech, not the outlet's assertion."""
    opened = ctx.text[max(0, claim.content_start - 8) : claim.content_start].rstrip()[-1:]
    # the quotation is the question (not a title in it: "круглого стола «…: справятся ли …?»")
    if opened in _QUOTE_OPENERS and _ASKED.match(ctx.text, claim.content_end) is not None:
        return True
    for m in _SPEECH_END.finditer(claim.content):
        if m.group(2).islower() and (m.group(1) == "?" or claim.attribution == "unattributed"):
            return True
    return False


def opening(text: str) -> str:
    """The words a sentence or content starts with: without leading marks or a speaker label."""
    body = _LEAD.sub("", text)
    return _LABEL.sub("", body, count=1)


def non_claim_text(ctx: DocContext, text: str, *, content: bool) -> bool:
    """A question, wish, slogan, appeal or greeting by the pack's patterns (``content``: also a reported
    question such as "whether …")."""
    if is_question(text):
        return True
    body = opening(text)
    gate = ctx.pack.gate
    if any(p.search(body) for p in gate.non_claim_openings):
        return True
    return content and any(p.search(body) for p in gate.reported_question_openings)


def reported(claim: Claim) -> bool:
    """A claim of a reporting verb or phrase (not of a label, dash or answer marker, nor a stand-alone quote)."""
    return claim.cue is not None and claim.cue[-1:].isalpha()


def sentence_claims(ctx: DocContext, lo: int, hi: int, index: int) -> list[Claim]:
    """The claims of one sentence (tokens [lo, hi)) after the gate."""
    sent_start, sent_end = tok_range_chars(ctx.doc, lo, hi)
    if ctx.in_furniture(sent_start, sent_end) or labels.interviewer_line(ctx, sent_start):
        return []
    if any(s <= sent_start and not ctx.text[e:sent_end].strip(_CLOSING) for s, e in ctx.covered):
        return []  # inside a quotation already given whole to a claim (its closing punctuation aside)
    text = ctx.text[sent_start:sent_end]
    if is_question(text):
        return []
    colon = text.find(": ")  # "Let me be clear: …" introduces what follows
    # the outlet's own voice is no claim when it appeals, wishes, greets or exclaims
    gate = ctx.pack.gate
    body = opening(text)
    not_assertion = (
        non_claim_text(ctx, text, content=False)
        or (colon == -1 and imperative_at(ctx, sent_start, lo, hi))
        or text.rstrip(SENTENCE_TRAIL).endswith("!")
        or any(p.search(body) for p in gate.appeals)
    )
    # "Мы поговорили с ней о том, как …": who talked about what, not what was said
    introduction = any(p.search(body) for p in gate.topic_introductions)
    return [
        c
        for c in _sentence_claims(ctx, lo, hi, index)
        if not non_claim_text(ctx, c.content, content=True)
        and not asks(ctx, c)
        # a reporting verb's claim stands for what was said, an appeal too ("'Stay inside,' the mayor said");
        # without one (the outlet's voice, a stand-alone quotation) the sentence's form decides
        and (reported(c) or not (not_assertion or imperative_at(ctx, c.content_start, lo, hi)))
        and not (introduction and c.attribution == "unattributed")
    ]


def not_a_report(ctx: DocContext, claim: Claim) -> bool:
    """A reporting verb's claim whose verb reports nothing, by the pack's gate words: a cue inside an editor's
    note (``editorial_notes``); a cue that rules, rates or lists, with a predicative word in the pack's case
    after it (``predicative_cues``: "признал Навального виновным", "визнав недійсною угоду", "вважали його
    мудрим"); a content that names a topic (``topic_contents``: "розповідав про селянку, яка …") and no event;
    a report before its cue whose cue has a topic of its own (``topic_after_cue``: "…, наступного дня
    повідомили про підозру"). Quotations are what was said and stay claims."""
    if claim.cue_span is None or claim.attribution == "unattributed":
        return False
    gate = ctx.pack.gate
    cue_start, cue_end = claim.cue_span
    text = ctx.text
    for p in gate.editorial_notes:
        for m in p.finditer(text, max(0, cue_start - 120), min(len(text), cue_end + 400)):
            if m.start() <= cue_start < m.end():
                return True
    quoted = inside(ctx.quotes, claim.content_start, claim.content_end) > 0.5
    cue = ctx.doc.char_span(cue_start, cue_end, alignment_mode="expand")
    if cue is not None and claim.cue in gate.predicative_cues and _predicative_after(ctx, cue.end):
        return True
    if cue is not None and (
        (_adjectival_participle(cue.root) and not _clause_after(ctx, cue.end))
        or _passive_rating(ctx, claim, cue.root)
    ):
        return True
    if cue is not None and claim.attribution != "according_to" and _unsaid(ctx, claim, cue.start):
        return True
    if quoted:
        return False
    if claim.content_start >= cue_end and _indirect_question(ctx, cue_end, claim.content_end):
        return True  # "дітям розповідають, які вимоги …": what was told about, not what was said
    span = ctx.doc.char_span(claim.content_start, claim.content_end, alignment_mode="expand")
    if (
        span is not None
        and claim.content_start >= cue_end
        and cue is not None
        and "proposition" in ctx.cue_flags(cue.start)
        and _object_with_relative_clause(ctx, span.start, span.end)
    ):
        return True  # "опублікував статтю, де засудив …": the object and its relative clause
    if claim.content_start >= cue_end and span is not None:
        k = span.start
        while k < span.end - 1 and ctx.has_pos and _manner_or_addressee(ctx.doc[k]):
            k += 1  # "говорить своєю мовою про те, …", "рассказал журналистам о …"
        rest = text[ctx.doc[k].idx : claim.content_end]
        if any(p.search(rest) for p in gate.topic_contents):
            return not names_event(ctx, k, span.end)
    if claim.content_end <= cue_start and claim.attribution == "indirect":
        after = text[cue_end : cue_end + 80]
        return any(p.search(after) for p in gate.topic_after_cue)
    return False


def _indirect_question(ctx: DocContext, cue_end: int, end: int) -> bool:
    """The words after a cue, up to ``end``, open with an indirect question of the pack's
    ``gate.indirect_questions``; the words its group ``lead`` allows before the question word must each be
    whom it was told (the dictionary allows them the dative: "учням, як …", "синові про те, що таке …"; not
    "місце, де …")."""
    for p in ctx.pack.gate.indirect_questions:
        m = p.match(ctx.text, cue_end, end)
        if m is None:
            continue
        lead = ctx.doc.char_span(*m.span("lead"), alignment_mode="expand") if "lead" in p.groupindex else None
        if lead is None or all("datv" in dictionary_cases(ctx, t) for t in lead if word(t)):
            return True
    return False


def _adjectival_participle(cue: Token) -> bool:
    """A cue in the form of a passive participle declined like an adjective ("Ключка вказаний як
    безпартійний", "Ці квартири вказані в декларації", "указанный в декларации"): it describes a listed thing,
    it reports nothing (the impersonal "вказано, що …", "сообщено" has no case and stays a report)."""
    morph = cue.morph
    return "Part" in morph.get("VerbForm") and "Pass" in morph.get("Voice") and bool(morph.get("Case"))


def _clause_after(ctx: DocContext, k: int) -> bool:
    """A complement clause or a colon right after token ``k - 1`` (", що …", ": «…»"): a participle before it
    states a conviction ("Мороз переконаний, що …", "Вона впевнена: …"), it does not describe a listed
    thing."""
    doc = ctx.doc
    if k < len(doc) and doc[k].text == ":":
        return True
    return k + 1 < len(doc) and doc[k].text == "," and doc[k + 1].lower_ in ctx.pack.complementizers


def _passive_rating(ctx: DocContext, claim: Claim, cue: Token) -> bool:
    """A ruling or rating cue (``predicative_cues``) in its reflexive form, whose lemma the tagger gives as the
    cue's lemma with a suffix ("Анісімов вважався «смотрящим»", "считался лидером", "визнався винним"): what
    someone was held to be, no report, unless a clause follows ("вважалося, що …")."""
    base, lemma = claim.cue or "", (cue.lemma_ or "").lower()
    if claim.cue not in ctx.pack.gate.predicative_cues or len(lemma) <= len(base) or len(base) < 4:
        return False
    if not lemma.startswith(base[:-1]):
        return False
    # a clause within a few words: "признался журналистам, что …", "признался в том, что …"
    return not any(t.lower_ in ctx.pack.complementizers for t in ctx.doc[cue.i + 1 : cue.i + 6])


def _unsaid(ctx: DocContext, claim: Claim, cue: int) -> bool:
    """A cue that says nothing was said ("Об ориентировочной стоимости не сообщается, хотя …": a negated
    impersonal cue), or one after a clause that is not its report: in a subordinate clause ("Споры
    начались в марте, когда он обвинил соседей …"), a second predicate after a conjunction ("…
    засудив насаджування колгоспів і звинуватив місцеву владу в перегинах"), an adverbial participle ("…
    подають каву, додаючи збиті вершки"); a quotation before its cue stays what was said."""
    doc = ctx.doc
    if "impersonal" in ctx.cue_flags(cue) and cue > 0:
        k = cue - 1
        while k > 0 and doc[k].pos_ in ("ADV", "PART") and doc[k].lower_ not in ctx.lex.negations:
            k -= 1  # "не сообщается", "не уточнюється", "поки не повідомляється"
        if doc[k].lower_ in ctx.lex.negations:
            return True
    if (
        ctx.pack.gate.report_clause_checks
        and claim.content_end <= doc[cue].idx
        and ctx.has_pos
        and not quoted_before(ctx, claim)
    ):
        between = ctx.doc.char_span(claim.content_end, doc[cue].idx, alignment_mode="expand")
        if between is not None and any(
            t.pos_ == "SCONJ" and t.i < cue and t.lower_ not in ctx.pack.manner_conjunctions for t in between
        ):
            return True  # not "…, as the minister said": a manner conjunction introduces the source
        k = cue - 1
        while k > 0 and doc[k].pos_ in ("ADV", "PART"):
            k -= 1
        after = doc[cue + 1 : min(len(doc), cue + 4)]
        own_clause = any(t.lower_ in ctx.pack.complementizers or t.text == ":" for t in after)
        if doc[k].pos_ == "CCONJ" and not own_clause:
            return True  # "…засудив насаджування колгоспів і звинуватив місцеву владу": a second predicate
        if "Conv" in doc[cue].morph.get("VerbForm"):
            return True  # "…подають каву, додаючи збиті вершки": the converb's object follows it
    return False


def quoted_before(ctx: DocContext, claim: Claim) -> bool:
    """Whether the content is a quotation (a quotation before its cue is what was said)."""
    return inside(ctx.quotes, claim.content_start, claim.content_end) > 0.5


def _object_with_relative_clause(ctx: DocContext, lo: int, hi: int) -> bool:
    """Content tokens [lo, hi) that are a noun phrase whose first verb is in a relative clause after it
    ("статтю, де засудив …", "список домов, которые …"): an object, not a statement."""
    if not ctx.has_pos:
        return False
    doc = ctx.doc
    if (
        doc[lo].pos_ not in ("NOUN", "PROPN", "ADJ", "DET", "NUM")
        or doc[lo].lower_ in ctx.pack.complementizers
    ):
        return False
    relative = ctx.pack.relative_pronouns | ctx.pack.gate.relative_adverbs
    for k in range(lo, hi):
        t = doc[k]
        if (
            t.pos_ in ("VERB", "AUX")
            or t.lower_ in ctx.pack.complementizers
            or t.text in (":", "«", '"', "—", "–")
        ):
            return False
        if t.text == "," and k + 1 < hi:
            nxt = doc[k + 1]
            clause = nxt.lower_ in relative or (ctx.lemmas[k + 1] or "").lower() in relative
            # a nominalised event stays a claim: "подтвердило гибель двух военных, которые …"
            return clause and not names_event(ctx, lo, k)
    return False


def _manner_or_addressee(t: Token) -> bool:
    """A word of a noun phrase in the instrumental or dative between a cue and its content."""
    return t.pos_ in ("NOUN", "ADJ", "DET", "PRON", "PROPN") and bool(
        {"Ins", "Dat"} & set(t.morph.get("Case"))
    )


def _predicative_after(ctx: DocContext, first: int) -> bool:
    """A noun or adjective in the pack's ``predicative_case`` (a noun also by the pack's
    ``predicative_ending``) among the words from token ``first`` up to a complementizer, a punctuation mark, a
    preposition or a verb, and no time word."""
    case = ctx.pack.gate.predicative_case
    if case is None or not ctx.has_pos:
        return False
    doc = ctx.doc
    quoted = False
    for t in doc[first : min(len(doc), first + 10)]:
        if t.text in ctx.pack.open_quotes or t.text in ctx.pack.close_quotes:
            quoted = (
                t.text in ctx.pack.open_quotes
            )  # a quoted name inside the object: "вимоги «Беніш …» обґрунтованими"
            continue
        if quoted:
            continue
        if t.lower_ in ctx.pack.complementizers or t.is_punct or t.pos_ in ("ADP", "VERB", "AUX", "SCONJ"):
            return False
        if t.lower_ in ctx.pack.time_words or t.pos_ not in ("ADJ", "NOUN", "DET"):
            continue
        if case in t.morph.get("Case"):
            return True
        ending = ctx.pack.gate.predicative_ending
        if t.pos_ == "NOUN" and ending is not None and len(t.text) > 4 and ending.search(t.lower_):
            return True  # the tagger's case is often wrong on a noun: "вказавши місцем роботи"
    return False


def _sentence_claims(ctx: DocContext, lo: int, hi: int, index: int) -> list[Claim]:
    doc = ctx.doc
    n_words = sum(1 for t in doc[lo:hi] if word(t))
    results: list[Claim] = []
    taken: list[tuple[int, int]] = []  # token ranges of accepted contents and claimant phrases

    # 1. according to (strong phrases at the start or end of the sentence)
    acc = according.find_according_to(ctx, lo, hi)
    # 2. reporting verbs
    for cue in cues.find_cues(ctx, lo, hi):
        if any(s <= cue.i < e for s, e in taken):
            continue
        if inside(ctx.quotes, cue.idx, cue.idx + len(cue.text)) > 0:
            # a reporting verb inside a quotation belongs to the quoted words, unless it is in the author's
            # words between dashes («…, – каже X. – …»): then the whole quotation is its subject's
            inserted = insertions.insertion_claim(ctx, cue, lo, hi, index)
            if inserted is not None:
                results.append(inserted)
                taken.append((lo, hi))
            continue
        if acc is not None and acc[0] <= cue.i < acc[1]:
            continue
        # a cue and its source between commas inside a clause or a relative clause, else the cue's own grammar
        found = (
            relative_reports.relative_report(ctx, cue, lo, hi, index)
            or quoted_as.quoted_as_report(ctx, cue, lo, hi, index)  # "X quoted Y as saying …": Y's
            or insertions.inserted_report(ctx, cue, lo, hi, index)
            or attribution.cue_claim(
                ctx, cue, lo, hi, index, avoid=(acc[0], acc[1]) if acc is not None else None
            )
        )
        if found is None or not_a_report(ctx, found[0]):
            continue
        claim, content_rng, claimant_rng = found
        if any(
            c.framed and c.content_start < claim.content_end and claim.content_start < c.content_end
            for c in results
        ):
            continue  # "The report, which officials said was leaked, describes …": not a report of "describes"
        results.append(claim)
        taken.append(content_rng)
        if claimant_rng is not None:
            taken.append(claimant_rng)
    results += report_nouns.report_noun_claims(ctx, lo, hi, index)  # "Moscow's claim that …"
    if (
        acc is not None
        and not any(s <= acc[0] < e for s, e in taken)
        and not according.cited(ctx, acc[3], doc[acc[0]].idx, results)
    ):
        claim2 = according.according_claim(ctx, acc, lo, hi, index)
        if claim2 is not None:
            results.append(claim2)
    if ctx.learned is not None:  # English with the attribution tagger: its attributions join the rules'
        results = learned_claims.settle(ctx, lo, hi, index, results)
    if results:
        # on a speaker's line of a transcript the speaker asserts the sentence; a reporting verb inside it is
        # the speaker's account ("ФЕСЕНКО: Кремль вважає, що …", "Я думаю, що так")
        answer = labels.labelled_answer(ctx, lo, hi, index)
        if answer is not None:
            return [answer]
        return one_per_report(results)
    # speaker labels ("ФЕДОРОВ: …") and headline source tails ("… — Минобороны")
    sourced = (
        labels.labelled_claim(ctx, lo, hi, index)
        or labels.inline_quote_claim(ctx, lo, hi, index)
        or frames.frame_quote_claim(ctx, lo, hi, index)
        or labels.answer_claim(ctx, lo, hi, index)
        or labels.source_tail_claim(ctx, lo, hi, index)
        or labels.says_tail_claim(ctx, lo, hi, index)
    )
    if sourced is not None:
        return [sourced]
    # 3. stand-alone quotation
    sent_start, sent_end = tok_range_chars(doc, lo, hi)
    if any(s <= sent_start < e for s, e in ctx.covered):
        return []  # the last words of a quotation already given whole to a claim, and the writer's after it
    s_start, s_end = strip_span(ctx.text, sent_start, sent_end, ctx.pack)
    text = ctx.text[sent_start:sent_end]
    whole_quote = inside(ctx.quotes, s_start, s_end) > 0.9 or (
        text[:1] in ctx.pack.open_quotes and inside(ctx.quotes, sent_start, sent_end) > 0.8
    )
    # an editor's words in brackets inside a quotation ("He said [the ministry] would …"), not a link's label
    bracketed = re.search(r"\w\s*\[[^\]\d]{2,40}\](?!\()|\[[^\]\d]{2,40}\](?!\()\s*\w", text) is not None
    if (whole_quote or bracketed) and n_words >= 3:
        speaker = frames.quotation_speaker(ctx, index, within=3, at=s_start)
        if speaker is None and not has_verb(ctx, lo, hi):
            return []  # "«По дві тонни, навесні й восени»": a fragment with neither a verb nor a source
        whole = frames.whole_quotation(ctx, s_start, s_end)
        if whole is not None:  # one claim for the quotation of several sentences
            s_start, s_end = whole
        return [
            enrichment.build_claim(
                ctx, index, lo, hi, s_start, s_end, "direct_quote", None, None, speaker, None, set(), None
            )
        ]
    # 4. unattributed (not for editorial parentheses such as "(Updated on 7 January …)")
    if not ctx.include_unattributed or not has_verb(ctx, lo, hi) or (n_words < 3 and not denial(ctx, lo, hi)):
        return []  # (two words may deny: "Пострадавших нет")
    if text.lstrip()[:1] in "([" and text.rstrip()[-1:] in ")]":
        return []
    claim = enrichment.build_claim(
        ctx, index, lo, hi, s_start, s_end, "unattributed", None, None, None, None, set(), None
    )
    if unworthy(ctx, claim) or not_asserted(ctx, claim, lo, hi):
        ctx.unasserted += 1
        return []
    return [claim]
