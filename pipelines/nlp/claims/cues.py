"""Reporting cues: the words of a sentence that the language's cue lexicon matches and that act as verbs there,
and the finite verbs that frame a quotation's speaker between dashes (split out of :mod:`.attribution`)."""

from __future__ import annotations

from spacy.tokens import Token

from pipelines.nlp.claims import claimants
from pipelines.nlp.claims.canonical import morph
from pipelines.nlp.claims.canonical import never_a_verb as never_a_verb
from pipelines.nlp.claims.context import DocContext
from pipelines.nlp.claims.spans import tree_depth
from pipelines.nlp.claims.words import word


def verb_ending(ctx: DocContext, tok: Token) -> bool:
    """A word with a verb ending of the language (the pack's ``verb_ending``), whatever the tagger said, unless
    the language's dictionary knows it only as a noun ("Могила" ends as "сказала" does)."""
    if ctx.pack.verb_ending is None or ctx.pack.verb_ending.search(tok.lower_) is None:
        return False
    return not never_a_verb(ctx.lang, tok.lower_)


def find_cues(ctx: DocContext, lo: int, hi: int) -> list[Token]:
    doc = ctx.doc
    words, lemmas = ctx.words[lo:hi], ctx.lemmas[lo:hi]
    cues: list[Token] = []
    idioms = idiom_spans(ctx, lo, hi)
    for k in range(len(words)):
        m = ctx.lex.cues.match_at(words, lemmas, k)
        if m is None:
            continue
        tok = doc[lo + k]
        if not verbal(ctx, tok) or any(s <= tok.idx < e for s, e in idioms):
            continue
        lemma, flags = m[1]
        ctx.cue_meta[tok.i] = (str(lemma), frozenset(flags))
        cues.append(tok)
    cues += _inserted_verbs(ctx, lo, hi, cues)
    if ctx.has_dep:
        cues.sort(key=lambda t: (tree_depth(t, lo, hi), t.i))
    return cues


def idiom_spans(ctx: DocContext, lo: int, hi: int) -> list[tuple[int, int]]:
    """Character spans of the pack's ``gate.idioms`` in tokens [lo, hi): fixed phrases whose reporting verb
    reports nothing ("як то кажуть", "как говорится")."""
    if not ctx.pack.gate.idioms or lo >= hi:
        return []
    doc = ctx.doc
    start, end = doc[lo].idx, doc[hi - 1].idx + len(doc[hi - 1].text)
    return [(m.start(), m.end()) for p in ctx.pack.gate.idioms for m in p.finditer(ctx.text, start, end)]


def _inserted_verbs(ctx: DocContext, lo: int, hi: int, cues: list[Token]) -> list[Token]:
    """The finite verb with a subject of its own in the author's words between dashes inside a quotation
    (the pack's ``gate.quote_insertion``: «…, — радіє голова X. — …», «…, — усміхається X») or right after
    it (``gate.quote_tail``: «…», — усміхається вчитель.), when those words hold no cue of the lexicon: whatever
    the verb, the words frame the quotation's speaker."""
    if not (ctx.insertions or ctx.quote_tails) or not ctx.has_dep:
        return []
    doc = ctx.doc
    found: list[Token] = []
    for w_start, w_end, _, _ in [*ctx.insertions, *ctx.quote_tails]:
        words = doc.char_span(w_start, w_end, alignment_mode="expand")
        if words is None or not (lo <= words.start and words.end <= hi):
            continue
        if any(words.start <= c.i < words.end for c in cues):
            continue
        verbs = [
            t
            for t in words
            if t.pos_ == "VERB"
            and "Fin" in t.morph.get("VerbForm")
            and any(c.dep_.startswith("nsubj") and words.start <= c.i < words.end for c in t.children)
        ]
        if verbs:
            tok = verbs[0]
            ctx.cue_meta[tok.i] = ((tok.lemma_ or tok.lower_).lower(), frozenset())
            found.append(tok)
    return found


def verbal(ctx: DocContext, tok: Token) -> bool:
    if (
        tok.text[:1].isupper()
        and tok.i > 0
        and not tok.is_sent_start
        and ctx.pack.capitalised_words_are_names
    ):
        return False  # "Reuters Report", names
    # a participle before its noun reports nothing: "proposed regulations", "заявленные цели"
    if (
        ctx.has_dep
        and tok.dep_ == "amod"
        and tok.head.i > tok.i
        and tok.head.pos_ in ("NOUN", "PROPN")
        and "Part" in tok.morph.get("VerbForm")
    ):
        return False
    if ctx.has_pos:
        if tok.pos_ in ("VERB",):
            return True
        if tok.pos_ == "AUX":
            return False
        if tok.pos_ in ("NOUN", "ADJ", "PROPN", "X") and verb_ending(ctx, tok):
            return True
        if ctx.has_dep and (tok.dep_ == "ROOT" or any(c.dep_.startswith("nsubj") for c in tok.children)):
            return tok.pos_ not in ("ADP", "DET", "PRON", "PROPN")
        if tok.pos_ == "NOUN" and ctx.has_dep and tok.i > 0:
            # a verbless (mis)parse of a headline-like sentence: "Russian media share footage …"
            sent_root = tok
            while sent_root.head.i != sent_root.i:
                sent_root = sent_root.head
            prev = ctx.doc[tok.i - 1]
            claimant_like = prev.ent_type_ in ("PER", "ORG") or claimants.noun_type(ctx, prev) is not None
            return sent_root.pos_ not in ("VERB", "AUX") and claimant_like and tok.dep_ == "compound"
        return False
    if ctx.pack.nominal_ending is not None:
        return ctx.pack.nominal_ending.search(tok.lower_) is None
    return True


def cue_info(ctx: DocContext, tok: Token) -> tuple[str, frozenset[str]]:
    return ctx.cue_meta[tok.i]


def first_or_second_person(ctx: DocContext, cue: Token) -> bool:
    """The cue is a verb of the first or second person to the tagger and to the language's dictionary (every
    known reading of the word: "Нагадаємо", not "зазначалося", a past form the tagger may call first
    person); False without a dictionary."""
    if not set(cue.morph.get("Person")) & {"1", "2"}:
        return False
    analyser = morph(ctx.lang)
    if analyser is None:
        return False
    readings = [p.tag for p in analyser.parse(cue.text) if p.is_known and "VERB" in p.tag]
    return bool(readings) and all(("1per" in t or "2per" in t) for t in readings)


def dictionary_imperative(ctx: DocContext, tok: Token) -> bool:
    """The language's dictionary reads the word as a verb only, first as an imperative ("Розкажіть", "Поясніть";
    not "Три", also a numeral), and it has the pack's imperative ending; False without a dictionary."""
    analyser = morph(ctx.lang)
    ending = ctx.pack.gate.imperative_ending
    if analyser is None or (ending is not None and ending.search(tok.lower_) is None):
        return False
    readings = [p for p in analyser.parse(tok.text) if p.is_known]
    return bool(readings) and "impr" in str(readings[0].tag) and all("VERB" in str(p.tag) for p in readings)


def noun_read_as_verb(ctx: DocContext, cue: Token, lo: int) -> Token | None:
    """The word right before the cue, opening its sentence or clause, that the tagger made a verb depending on
    the cue while the language's dictionary knows it as a noun in the nominative ("Мер заявив, що …": "мер"
    is also a past form of "мерти"): the cue's subject. None otherwise, and without a dictionary."""
    k = cue.i - 1
    if k < lo or cue.i == 0:
        return None
    tok = ctx.doc[k]
    if tok.pos_ != "VERB" or tok.head.i != cue.i or not (k == lo or ctx.doc[k - 1].is_punct):
        return None
    analyser = morph(ctx.lang)
    if analyser is None or not any(
        p.is_known and "NOUN" in p.tag and "nomn" in p.tag for p in analyser.parse(tok.text)
    ):
        return None
    ctx.np_hint[k] = (k, cue.i)
    return tok


def imperative_at(ctx: DocContext, start: int, lo: int, hi: int) -> bool:
    """The first word at or after character ``start`` is an imperative (``Mood=Imp``), or an infinitive that
    heads its sentence without a subject ("Stay in shelters …")."""
    if not ctx.has_pos:
        return False
    for t in ctx.doc[lo:hi]:
        if t.idx < start or not word(t) or t.lower_ in ctx.lex.negations:
            continue  # "Не проси мале", "Не подходите к окнам": the verb after the negation
        if "Imp" in t.morph.get("Mood"):
            ending = ctx.pack.gate.imperative_ending
            return ending is None or ending.search(t.lower_) is not None
        if t.pos_ not in ("VERB", "AUX") and dictionary_imperative(ctx, t):
            return True  # "Розкажіть спершу, …" tagged as an adjective after a paragraph break
        return (
            ctx.has_dep
            and t.dep_ == "ROOT"
            and t.pos_ == "VERB"
            and "Inf" in t.morph.get("VerbForm")
            and not any(c.dep_.startswith("nsubj") for c in t.children)
        )
    return False


def opens_complement(ctx: DocContext, tok: Token) -> bool:
    """``tok`` opens what a cue's object is followed by as its report: a colon, a complementizer or a purpose
    conjunction ("told reporters that …", "просил, чтобы …"), not a relative pronoun that the parse hangs on a
    relative clause ("stressed her support of the raid that killed …")."""
    low = tok.lower_
    opens = low == ":" or low in ctx.pack.complementizers or low in ctx.pack.purpose_conjunctions
    return opens and not (tok.dep_ != "mark" and tok.head.dep_ == "acl:relcl")


def complementizer_after(ctx: DocContext, cue: Token, hi: int) -> bool:
    """A complementizer follows ``cue`` (after commas only): "ответил, что …", "said that …"."""
    k = cue.i + 1
    while k < hi and ctx.doc[k].text == ",":
        k += 1
    return k < hi and ctx.doc[k].lower_ in ctx.pack.complementizers and ctx.doc[k].pos_ != "DET"
