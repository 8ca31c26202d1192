"""The claim gate on the outlet's own voice in Russian and Ukrainian (issue 17): an ``unattributed`` claim that
names no event (event type ``other``) and no figure is no claim when the parse of its sentence's main predicate
shows it asserts nothing (:func:`not_asserted`, asked by :mod:`.gate` when the pack's ``gate.own_voice_checks``
is on; the counterpart of the English claim-worthiness classifier, :mod:`.worthiness`, which :func:`unworthy`
asks). A report whose only source is the writer's own "I" or "we" is such an own-voice claim too
(:func:`writers_own`)."""

from __future__ import annotations

from dataclasses import replace

from spacy.tokens import Token

from pipelines.nlp.claims import claimants, worthiness
from pipelines.nlp.claims.claim import Claim
from pipelines.nlp.claims.context import DocContext
from pipelines.nlp.claims.spans import inside


def not_asserted(ctx: DocContext, claim: Claim, lo: int, hi: int) -> bool:
    """An unattributed claim that names no event (event type ``other``) and no figure whose sentence's main
    predicate asserts nothing, by its parse (the pack's ``gate.own_voice_checks``): it addresses the reader
    (second person: "Ви можете допомогти …"), it is a reporting verb with nothing reported ("При этом он
    добавил:"), or it is one of the pack's impersonal ``deontic_predicates`` governing an infinitive, not in
    the past tense, with no named participant and no time in the sentence ("Нам треба ще
    почекати", "Можна знайти …", "Нужно понимать …"). A subject that must do something ("Комитет должен
    опубликовать …", "Фірма має збудувати …") is a plan or a term of a contract and stays a claim. A past
    predicate is an account of what happened ("не зміг пояснити", "мала влаштувати"), and a finite past
    predicate joined to the main one ("…, а місто вже отримало кошти") asserts an event: both stay claims."""
    gate = ctx.pack.gate
    if not gate.own_voice_checks or not ctx.has_dep or claim.event_type != "other" or claim.quantities:
        return False
    if inside(ctx.quotes, claim.content_start, claim.content_end) > 0.5:
        return False  # words in quotation marks are someone's, not the outlet's
    root = main_predicate(ctx, lo, hi)
    if root is None:
        return False
    if any(_past(c) for c in root.children if c.dep_ in ("conj", "parataxis")):
        return False
    if _second_person(root) or _empty_report(ctx, root, lo, hi):
        return True
    # a need or permission with a named participant or a time is a plan or a term ("До кінця 2016 року
    # роботи треба завершити", "МінАПП необхідно отримати …")
    if claim.times or any(e.label_ in _PARTICIPANTS for e in ctx.ents_within(lo, hi)):
        return False
    return _deontic(root, gate.deontic_predicates, frozenset(ctx.pack.complementizers))


#: entity labels of a named participant (the models' labels: PER/ORG/LOC, GPE/NORP/FAC in English)
_PARTICIPANTS = frozenset({"PER", "PERSON", "ORG", "LOC", "GPE", "FAC", "NORP"})


def main_predicate(ctx: DocContext, lo: int, hi: int) -> Token | None:
    """The head of the sentence's words (tokens [lo, hi)): the parser's root, or, where the parser's sentence
    runs past the segment's, the first word whose head lies outside it."""
    words = [t for t in ctx.doc[lo:hi] if not (t.is_punct or t.is_space)]
    for t in words:
        if t.head.i == t.i:
            return t
    for t in words:
        if not lo <= t.head.i < hi:
            return t
    return None


def _past(t: Token) -> bool:
    """A finite verb (or a participle, "затребована") in the past tense."""
    return "Past" in t.morph.get("Tense") and t.pos_ in ("VERB", "AUX")


def _second_person(root: Token) -> bool:
    """A main predicate in the second person, or with a second-person subject: the outlet addresses the reader
    (an imperative is caught before, by its mood)."""
    subjects = [c for c in root.children if c.dep_.startswith("nsubj")]
    if subjects:
        return any(c.pos_ == "PRON" and "2" in c.morph.get("Person") for c in subjects)
    # no subject: the verb's own person (the tagger's person on a word it took for a noun is no evidence)
    return root.pos_ == "VERB" and "2" in root.morph.get("Person") and "Imp" not in root.morph.get("Mood")


#: dependents of a reporting verb that say who reported, when or how, not what
_NOT_CONTENT = frozenset(
    {"nsubj", "obl", "advmod", "advmod:neg", "punct", "cc", "discourse", "aux", "mark", "obl:agent"}
)


def _empty_report(ctx: DocContext, root: Token, lo: int, hi: int) -> bool:
    """The main predicate is a reporting verb with nothing reported that introduces the words after it (the
    sentence ends in a colon: "При этом он добавил:", "На сайте мэрии отмечается:"), names the source of the
    words before it (a pronoun after a topic preposition, the pack's ``gate.topic_after_cue``: "Про це написала
    X у «…»"), or ends a quotation (it starts right after a closing quotation mark or with a dash: "…»
    заявил после инаугурации X"): it asserts nothing itself. Elsewhere a cue word with no complement is no
    report at all ("Раздел имущества продолжился после развода", "відмітилися всі чоловіки") and stays a claim.
    Two subjects are a misparsed object ("Ці висновки підтвердила експертиза")."""
    if root.i not in ctx.cue_meta or "Pass" in root.morph.get("Voice"):
        return False
    kids = list(root.children)
    if sum(c.dep_ == "nsubj" for c in kids) > 1 or any(c.dep_ not in _NOT_CONTENT for c in kids):
        return False
    doc, text = ctx.doc, ctx.text
    if text[doc[lo].idx : doc[hi - 1].idx + len(doc[hi - 1])].rstrip().endswith(":"):
        return True
    topic = ctx.pack.gate.topic_after_cue
    for c in kids:
        if c.dep_ == "obl" and c.pos_ in ("PRON", "DET"):
            words = " ".join(t.text for t in c.subtree)
            if any(p.search(words) for p in topic):
                return True
    before = text[: doc[lo].idx].rstrip()
    return before[-1:] in ctx.pack.close_quotes or doc[lo].text in ("—", "–")


def _deontic(root: Token, words: frozenset[str], complementizers: frozenset[str]) -> bool:
    """The main predicate is a deontic word governing an infinitive ("треба зробити", "можна знайти"), or an
    infinitive that such a word modifies ("нужно понимать" parsed with the infinitive as the root); not in
    the past tense (the word's own tense or its copula's: "было нужно", "треба було"). An infinitive
    with a clause of its own introduces what the sentence asserts ("Следует отметить, что …", "Варто
    нагадати, що …"): no deontic sentence."""
    if not words:
        return False
    if any(t.lower_ in complementizers for t in root.subtree):
        return False

    def deontic(t: Token) -> bool:
        return t.lower_ in words or (t.lemma_ or "").lower() in words

    def past(t: Token) -> bool:
        return _past(t) or any(_past(c) for c in t.children if c.dep_ in ("cop", "aux", "aux:pass"))

    def infinitive(t: Token) -> bool:
        return "Inf" in t.morph.get("VerbForm")

    if deontic(root):
        # the infinitive it governs, directly or through a word the parser put between ("нужно заранее …")
        governed = [
            t for t in root.subtree if infinitive(t) and root in (t.head, t.head.head) and t is not root
        ]
        return bool(governed) and not past(root) and not any(past(t) for t in governed)
    if infinitive(root):
        modal = [c for c in root.children if c.dep_ in ("aux", "advmod", "amod", "cop", "obl") and deontic(c)]
        return bool(modal) and not any(past(m) for m in modal) and not past(root)
    return False


#: ``worthiness`` modes of the claims component: which unattributed claims must be claim-worthy
WORTHINESS_MODES = ("off", "unattributed", "unattributed_other")
#: chosen on claims_dev and ClaimBuster's carved dev (docs/learned-claims.md)
DEFAULT_WORTHINESS = "unattributed_other"


def unworthy(ctx: DocContext, claim: Claim) -> bool:
    """An unattributed claim that the claim-worthiness classifier (English, when it ran) finds not check-worthy,
    under ``ctx.worthiness``: ``unattributed`` asks it of every one, ``unattributed_other`` only of those that
    name no event (event type ``other``) and no figure."""
    if ctx.worthiness == "off" or (
        ctx.worthiness == "unattributed_other" and (claim.event_type != "other" or claim.quantities)
    ):
        return False
    return worthiness.claim_worthy(ctx.doc, claim.content_start, claim.content_end) is False


def writers_own(ctx: DocContext, claims: list[Claim]) -> list[Claim]:
    """``claims`` with each report whose only source is the writer's "I" or "we" outside quotation marks (which
    the rules resolve to no one, :func:`.claimants.claimant_from`, and no transcript title names) made the writer's
    own voice: an ``unattributed`` claim of the same content, under the own-voice checks of its sentence
    (:func:`unworthy`, :func:`not_asserted`). "I think it's right to cut the fees" names no source an
    analyst could weigh. Asked of a document's claims after :mod:`.transcripts`, which resolve such a pronoun to
    the speaker its title names."""
    out: list[Claim] = []
    for c in claims:
        if c.attribution != "unattributed" and c.claimant is None and _first_person(ctx, c.claimant_span):
            c = replace(
                c, attribution="unattributed", cue=None, cue_text=None, cue_span=None, claimant_span=None
            )
            lo, hi = _sentence_tokens(ctx, c.sentence_index)
            if unworthy(ctx, c) or not_asserted(ctx, c, lo, hi):
                ctx.unasserted += 1
                continue
        out.append(c)
    return out


def _sentence_tokens(ctx: DocContext, index: int) -> tuple[int, int]:
    """The token range of sentence ``index`` (of ``ctx.sentence_starts``)."""
    starts = ctx.sentence_starts
    end = starts[index + 1] if index + 1 < len(starts) else len(ctx.text)
    span = ctx.doc.char_span(starts[index], end, alignment_mode="expand")
    return (span.start, span.end) if span is not None else (0, len(ctx.doc))


def _first_person(ctx: DocContext, span: tuple[int, int] | None) -> bool:
    """Characters ``span`` are the writer's first-person pronouns (:func:`.claimants.writers_pronoun`)."""
    if span is None or not ctx.has_pos:
        return False
    toks = ctx.doc.char_span(span[0], span[1], alignment_mode="expand")
    return toks is not None and claimants.writers_pronoun(ctx, toks.start, toks.end)
