"""Reports of one speaker carried by another's quoting verb: "TASS quoted an official of the regional command as
saying the convoy had left", "The governor was quoted by the agency as saying that the plant had been hit", '"The
bridge will reopen," the newspaper quoted Petrov as saying'. The claimant is whom the verb quotes (its object,
or the subject of its passive), never the outlet that quotes; the cue is the participle after the pack's
``quoting_particles`` ("as saying"); the content is what follows the participle, or the quotation or clause
before the quoting clause when nothing follows. Word order only: the parser often hangs "as saying" on the
reported clause's verb. A pack with ``quoting_verbs`` and ``quoting_particles`` (English)."""

from __future__ import annotations

from spacy.tokens import Token

from pipelines.nlp.claims import claimants
from pipelines.nlp.claims.claim import Claim
from pipelines.nlp.claims.clauses import time_word, told_clause
from pipelines.nlp.claims.context import DocContext
from pipelines.nlp.claims.cues import opens_complement
from pipelines.nlp.claims.insertions import inserted_claim
from pipelines.nlp.claims.phrases import head_guess
from pipelines.nlp.claims.spans import strip_span, tok_range_chars
from pipelines.nlp.claims.words import word

#: at most this many tokens from the quoting verb to the participle ("quoted | a source in the Russian military
#: command in Chechnya | as saying")
_MAX_SPEAKER = 14
#: at most this many tokens of adjuncts between the participle and its "that" ("as saying on Monday | that")
_MAX_ADJUNCT = 6
#: at least this many words after the participle make its report ("as saying | prices fell")
_MIN_WORDS = 2


def quoted_as_report(
    ctx: DocContext, cue: Token, lo: int, hi: int, index: int
) -> tuple[Claim, tuple[int, int], tuple[int, int] | None] | None:
    """The claim of ``cue`` in "<outlet> <quoting verb> <speaker> as <cue> <report>", "<speaker> was <quoting
    verb> [by <outlet>] as <cue> [by <outlet>] <report>" or "<report>, <outlet> <quoting verb> <speaker> as
    <cue>", or None."""
    doc = ctx.doc
    if (
        not ctx.pack.quoting_particles
        or cue.i - 2 < lo
        or doc[cue.i - 1].lower_ not in ctx.pack.quoting_particles
    ):
        return None
    verb = _quoting_verb(ctx, cue, lo)
    if verb is None:
        return None
    speaker = _speaker(ctx, verb, cue, lo)
    if speaker is None:
        return None
    rng = _content(ctx, verb, cue, speaker, lo, hi)
    if rng is None:
        return None
    head = head_guess(ctx, *speaker)
    if head is None or claimants.not_a_claimant(ctx, head):
        return None
    claimant, claimant_rng = claimants.claimant_from(ctx, head, lo, hi, index, np_range=speaker)
    start, end = strip_span(ctx.text, *tok_range_chars(doc, *rng), ctx.pack)
    if claimant is None or end - start < 3:
        return None
    claim = inserted_claim(ctx, cue, lo, hi, index, (start, end), rng, claimant, claimant_rng)
    return claim, rng, claimant_rng


def _quoting_verb(ctx: DocContext, cue: Token, lo: int) -> Token | None:
    """The quoting verb before "as <cue>", with no finite verb between them."""
    for t in reversed(ctx.doc[max(lo, cue.i - 1 - _MAX_SPEAKER) : cue.i - 1]):
        if (t.lemma_ or t.lower_).lower() in ctx.pack.quoting_verbs and t.pos_ == "VERB":
            return t
        if t.pos_ in ("VERB", "AUX") and "Fin" in t.morph.get("VerbForm"):
            return None
    return None


def _passive(verb: Token) -> Token | None:
    """The form of "be" right before a quoting verb in the passive ("was | quoted"), or None."""
    k = verb.i - 1
    while k >= 0 and verb.doc[k].pos_ == "ADV":
        k -= 1  # "was also quoted"
    aux = verb.doc[k] if k >= 0 else None
    return aux if aux is not None and aux.lemma_ == "be" and verb.tag_ == "VBN" else None


def _speaker(ctx: DocContext, verb: Token, cue: Token, lo: int) -> tuple[int, int] | None:
    """Tokens of whom ``verb`` quotes: the words between it and "as" (active), or the subject before the passive's
    "be", from the sentence start or the last comma or quotation mark before it."""
    doc = ctx.doc
    aux = _passive(verb)
    if aux is None:
        s, e = verb.i + 1, cue.i - 1
    else:
        e = aux.i
        s = e
        while s > lo and doc[s - 1].text not in (",", ";", ":", "(", "—", "–") and not doc[s - 1].is_quote:
            s -= 1
    while s < e and (doc[s].lower_ in ctx.pack.determiners or doc[s].is_punct):
        s += 1
    while e > s and doc[e - 1].is_punct:
        e -= 1
    if e - s < 1 or e - s > _MAX_SPEAKER or any(t.pos_ in ("VERB", "AUX") for t in doc[s:e]):
        return None
    # a title and a name in apposition ("the chief negotiator, Anna Kovalenko,"): the name
    commas = [t.i for t in doc[s:e] if t.text == ","]
    parts = list(zip([s, *(c + 1 for c in commas)], [*commas, e], strict=True))
    named = [(a, b) for a, b in parts if any(t.ent_type_ == "PER" for t in doc[a:b])]
    return named[0] if commas and named else (s, e)


def _content(
    ctx: DocContext, verb: Token, cue: Token, speaker: tuple[int, int], lo: int, hi: int
) -> tuple[int, int] | None:
    """What the speaker said: a clause or quotation after the participle (past a "by <outlet>", a time and
    whom it was told, up to a "that" or colon), else the clause before the quoting clause, up to its comma (also
    when a comma follows the participle: "…, X quoted Y as saying, adding that …" adds another report)."""
    doc = ctx.doc
    k = _after(ctx, cue, hi)
    end = hi
    while end > k and (doc[end - 1].is_punct or doc[end - 1].is_space):
        end -= 1
    opened = k < hi and (opens_complement(ctx, doc[k - 1]) or doc[k].is_quote)
    finite = any(
        t.pos_ in ("VERB", "AUX") and ("Fin" in t.morph.get("VerbForm") or t.tag_ == "MD") for t in doc[k:end]
    )
    if (
        doc[cue.i + 1].text != ","
        and (opened or finite)
        and sum(1 for t in doc[k:end] if word(t)) >= _MIN_WORDS
    ):
        return k, end  # (not "as saying in the Daily Telegraph": where it was said)
    first = min(speaker[0], verb.i)
    comma = next((j for j in range(first - 1, lo, -1) if doc[j].text in (",", "—", "–")), None)
    if comma is None or not any(t.pos_ in ("VERB", "AUX") for t in doc[lo:comma]):
        return None
    return lo, comma


def _after(ctx: DocContext, cue: Token, hi: int) -> int:
    """The first token of what follows the participle as its report: after a "that" or colon within a few
    tokens (more after a verb of telling: "as telling a visiting delegation on Monday that …"), else after whom it
    was told ("as telling reporters | the talks had failed") or a time ("as saying on Monday | …")."""
    doc = ctx.doc
    window = _MAX_ADJUNCT * (2 if "addressee" in ctx.cue_flags(cue.i) else 1)
    for t in doc[cue.i + 1 : min(hi, cue.i + 1 + window)]:
        if opens_complement(ctx, t):
            return int(t.i) + 1
        if t.pos_ in ("VERB", "AUX") and "Fin" in t.morph.get("VerbForm"):
            break
    told = told_clause(ctx, cue, cue.i + 1, hi)
    if told is not None:
        return told
    k = int(cue.i) + 1
    while k < hi and (
        time_word(ctx, doc[k]) or (doc[k].pos_ == "ADP" and k + 1 < hi and time_word(ctx, doc[k + 1]))
    ):
        k += 1 if time_word(ctx, doc[k]) else 2
    return k
