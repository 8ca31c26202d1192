"""Enrichment of a claim: event type, actors, targets, locations, quantities, times, hedges, negation; and the
assembly of the :class:`~pipelines.nlp.claims.claim.Claim`.
"""

from __future__ import annotations

import json
from collections.abc import Iterable, Sequence
from functools import lru_cache

from spacy.tokens import Span, Token

from pipelines.nlp.aliases import Alias
from pipelines.nlp.claims import claimants, event_frames
from pipelines.nlp.claims.claim import Claim
from pipelines.nlp.claims.context import DocContext, Mention
from pipelines.nlp.claims.fingerprint import fingerprint
from pipelines.nlp.claims.quantities import extract_quantities
from pipelines.nlp.claims.spans import (
    span_root,
    tok_range_chars,
    tree_depth,
)
from pipelines.nlp.claims.times import extract_times
from pipelines.nlp.claims.trigger_context import attempted, sequenced, under_topic_verb
from pipelines.nlp.claims.words import (
    PLACE_RANK,
    SIDE_FORCES,
)
from pipelines.resources import schemas_dir

#: event types that talking about them still reports ("discussed a ceasefire" is a negotiation)
TALK_EVENTS = frozenset({"negotiation", "statement"})


def content_tokens(ctx: DocContext, start: int, end: int) -> tuple[int, int]:
    doc = ctx.doc
    span = doc.char_span(start, end, alignment_mode="expand")
    if span is None:
        return 0, 0
    return span.start, span.end


@lru_cache(maxsize=1)
def event_max_depth() -> dict[str, int]:
    """``max_depth`` of schemas/event_types.json: per event type, how far below the content's main predicate a
    trigger of that type may stand (types not listed: anywhere in the content)."""
    vocab = json.loads((schemas_dir() / "event_types.json").read_text(encoding="utf-8"))
    return {str(k): int(v) for k, v in vocab.get("max_depth", {}).items()}


@lru_cache(maxsize=1)
def main_clause_types() -> frozenset[str]:
    """``main_clause`` of schemas/event_types.json: types taken only from a trigger outside the content's
    relative and adverbial clauses (:func:`in_subordinate_clause`)."""
    vocab = json.loads((schemas_dir() / "event_types.json").read_text(encoding="utf-8"))
    return frozenset(str(t) for t in vocab.get("main_clause", []))


def in_subordinate_clause(tok: Token, c_lo: int, c_hi: int) -> bool:
    """Whether ``tok`` stands, inside the content [c_lo, c_hi), in a relative or adverbial clause (or a
    participle) below the main predicate: "Google, которой принадлежит поисковик, решила …", "будучи первым
    секретарём": such a clause describes a participant or a circumstance, not what the content asserts."""
    node = tok
    for _ in range(50):
        if node.head.i == node.i or not c_lo <= node.head.i < c_hi:
            return False
        if node.dep_.split(":")[0] in ("acl", "advcl"):
            return True
        node = node.head
    return False


@lru_cache(maxsize=1)
def predicative_types() -> frozenset[str]:
    """``predicative`` of schemas/event_types.json: state types (an office held, an owner) whose one-word noun
    triggers name the state only as the clause's predicate ("Директором фірми є …", "X was chairman"), never as
    a subject, a modifier of another noun or the object of a preposition ("Директор фірми підписав …", "the
    director of the firm said", "встретился с президентом")."""
    vocab = json.loads((schemas_dir() / "event_types.json").read_text(encoding="utf-8"))
    return frozenset(str(t) for t in vocab.get("predicative", []))


#: dependency labels of a noun that is not its clause's predicate (a subject, an apposition, a modifier of a noun)
_NOT_PREDICATE = ("nsubj", "appos", "compound", "flat", "nmod", "det", "agent")


def predicative_noun(tok: Token, c_lo: int, c_hi: int) -> bool:
    """Whether the noun ``tok`` (a one-word trigger of a :func:`predicative_types` type) is the predicate of its
    clause: it governs no preposition, and it is the content's root, has a copula, or stands in no subject,
    apposition or noun-modifier relation (an instrumental after a linking verb: "работал директором"), except
    the subject of a copular clause ("The founder of the firm is X")."""
    if any(c.dep_ == "case" for c in tok.children):
        return False
    if not c_lo <= tok.head.i < c_hi or tok.head.i == tok.i:
        return True
    if any(c.dep_ == "cop" for c in tok.children):
        return True
    rel = tok
    while rel.dep_ == "conj" and rel.head.i != rel.i and c_lo <= rel.head.i < c_hi:
        rel = rel.head  # a conjunct stands where the first of its coordination does ("компанией и депутатом")
    if rel.dep_.split(":")[0] in _NOT_PREDICATE or rel.dep_ == "obl:agent":
        return rel.dep_.startswith("nsubj") and any(c.dep_ == "cop" for c in rel.head.children)
    return True


def find_event_type(ctx: DocContext, c_lo: int, c_hi: int) -> str:
    """The event type of the content [c_lo, c_hi): of the pack's event triggers in it, the one nearest the main
    predicate in the dependency tree (ties: the vocabulary's priority, then the first); a phrase the pack lists
    under ``other`` names none and hides its words from the other triggers; a trigger governed by a
    topic verb names no event, one under an attempt verb counts as deeper, and a type with a ``max_depth`` is
    taken only from a trigger at most that deep (the predicate and its arguments, not any word of the
    sentence)."""
    doc = ctx.doc
    words, lemmas = ctx.words[c_lo:c_hi], ctx.lemmas[c_lo:c_hi]
    best: tuple[int, int, int] | None = None
    best_type = "other"
    prio = ctx.lex.event_priority
    max_depth = event_max_depth()
    # a pack's phrase of type "other" only hides its words from the other triggers ("принадлежит к": a class)
    found = [f for f in ctx.lex.events.find_all(words, lemmas) if f[2] != "other"]
    # a predicate with its argument ("присвоїв … звання"); a one-word trigger that is a frame's predicate yields
    # to the frame ("ПВО уничтожили беспилотники": repelled, not an attack)
    with_predicates = event_frames.framed(ctx, c_lo, c_hi)
    frames = [f for f, _ in with_predicates]
    predicates = {p for _, p in with_predicates}
    found = [f for f in found if not (f[1] - f[0] == 1 and f[0] in predicates)] + frames
    if ctx.has_dep and max_depth:
        found = [f for f in found if f[2] not in max_depth or _depth(ctx, f, c_lo, c_hi) <= max_depth[f[2]]]
    main_only = main_clause_types()
    if ctx.has_dep and main_only:
        found = [
            f
            for f in found
            if f[2] not in main_only or not in_subordinate_clause(doc[c_lo + f[0]], c_lo, c_hi)
        ]
    states = predicative_types()
    if ctx.has_dep and ctx.has_pos and states:
        found = [
            f
            for f in found
            if f[2] not in states
            or f in frames  # a frame's predicate is a verb: the state is named by it, not by a bare noun
            or f[1] - f[0] > 1
            or doc[c_lo + f[0]].pos_ not in ("NOUN", "PROPN", "ADJ")
            or predicative_noun(doc[c_lo + f[0]], c_lo, c_hi)
        ]
    named = {f[2] for f in found}  # a type yields to another the content names ("Раненых госпитализировали")
    found = [f for f in found if not ctx.lex.event_yields.get(f[2], frozenset()) & named]
    if any(etype != "statement" and etype not in max_depth for _, _, etype in found):
        # a statement about an event is a claim of that event: "a statement on the full capture of X"; a
        # statement mentioning an election or a budget stays a statement
        found = [f for f in found if f[2] != "statement"]
    for s, e, etype in found:
        toks = list(doc[c_lo + s : c_lo + e])
        proper = ctx.pack.capitalised_words_are_names and ctx.has_pos and all(t.pos_ == "PROPN" for t in toks)
        if (
            proper and (s, e, etype) not in frames
        ):  # a name ("Operation Attack"), unless its predicate frames it
            continue
        # a frame's own predicate is no topic verb over its argument ("передадут здание": a transfer)
        topic_from = toks[0].head if (s, e, etype) in frames else toks[0]
        if etype not in TALK_EVENTS and under_topic_verb(ctx, topic_from, c_lo, c_hi):
            continue  # "did not comment on the attack", "repairing tanks damaged in shelling": no attack named
        if sequenced(ctx, toks):
            continue  # "was not consulted before the strikes": a time, not the event reported
        depth = min(tree_depth(t, c_lo, c_hi) for t in toks) if ctx.has_dep else 0
        if attempted(ctx, toks[0], c_lo, c_hi):
            depth += 2  # "attempted to break through": the attempt is not the reported event
        key = (depth, prio.index(etype) if etype in prio else len(prio), s)
        if best is None or key < best:
            best, best_type = key, str(etype)
    return best_type


def _depth(ctx: DocContext, found: tuple[int, int, str], c_lo: int, c_hi: int) -> int:
    """How far below the main predicate of the content [c_lo, c_hi) a trigger match (start, end, type) stands:
    "the director of the tender's winner is X" has its tender three steps down, too deep to name a purchase."""
    return min(tree_depth(t, c_lo, c_hi) for t in ctx.doc[c_lo + found[0] : c_lo + found[1]])


def find_hedges(ctx: DocContext, lo: int, hi: int, skip: tuple[int, int] | None) -> list[str]:
    doc = ctx.doc
    words = ctx.words[lo:hi]
    lemmas: list[str | None] = list(ctx.lowers[lo:hi])
    cues: list[str] = []
    for s, e, phrase in ctx.lex.hedges.find_all(words, lemmas):
        if skip is not None and skip[0] <= lo + s < skip[1]:
            continue
        toks = doc[lo + s : lo + e]
        if toks[0].text in ctx.pack.hedge_exclusions:
            continue
        if phrase in ctx.pack.modal_hedges and ctx.has_pos and toks[0].pos_ not in ("AUX", "VERB"):
            continue
        text = toks.text.lower()
        if text not in cues:
            cues.append(text)
    return cues


def is_negated(ctx: DocContext, c_lo: int, c_hi: int, root: Token | None) -> bool:
    """``root``: :func:`span_root` of the content [c_lo, c_hi) when the pipeline has a parser, else None."""
    doc = ctx.doc
    for k in range(max(c_lo, 0), min(c_hi, len(doc))):
        if ctx.lowers[k] not in ctx.lex.negations:
            continue
        t = doc[k]
        exceptions = ctx.pack.negation_exceptions.get(t.lower_)
        if exceptions and t.i + 1 < len(doc) and doc[t.i + 1].lower_ in exceptions:
            continue
        if root is None:
            return True
        h = t.head
        own_subject = h.dep_ == "conj" and any(c.dep_.startswith("nsubj") for c in h.children)
        if h.i == root.i or (
            h.dep_ in ("aux", "cop", "conj", "xcomp") and h.head.i == root.i and not own_subject
        ):
            return (
                True  # (a conjunct with its own subject is a proposition of its own: "…, і більшість не …")
            )
        if h.head.i == root.i and t.dep_ == "det":
            return True
        if root.dep_ == "conj":
            continue
    return False


def find_locations(ctx: DocContext, c_lo: int, c_hi: int) -> list[str]:
    found: list[tuple[int, str, str | None]] = []
    ents = [e for e in ctx.ents_within(c_lo, c_hi) if e.label_ == "LOC"]
    for ent in ents:
        if excluded_location(ctx, ent, ents):
            continue
        canonical, ptype = place_name(ctx, ent)
        found.append((ent.start, canonical, ptype))
    out: list[str] = []
    for _, name, _ in found:
        if name not in out:
            out.append(name)
    return out


def place_name(ctx: DocContext, ent: Span) -> tuple[str, str | None]:
    doc = ctx.doc
    nxt = doc[ent.end] if ent.end < len(doc) else None
    alias: Alias | None = None
    if nxt is not None and nxt.lower_ in ctx.pack.region_words:
        alias = claimants.lookup_alias(ctx, f"{ent.text} {nxt.text}")
        if alias is None and ctx.pack.region_suffix:
            alias = claimants.lookup_alias(ctx, f"{ent.text} {ctx.pack.region_suffix}")
    if alias is None:
        alias = claimants.lookup_alias(ctx, ent.text)
    if alias is not None:
        return alias.canonical, alias.type
    if ctx.pack.place_names_from_lemmas and all(t.lemma_ for t in ent):
        return " ".join(t.lemma_[:1].upper() + t.lemma_[1:] for t in ent), None
    return ent.text, None


def excluded_location(ctx: DocContext, ent: Span, ents: Sequence[Span]) -> bool:
    doc = ctx.doc
    # walk left over "the village of" and the like
    k = ent.start - 1
    while k >= 0 and doc[k].lower_ in ctx.pack.place_words:
        k -= 1
    if k >= 0:
        prev = doc[k]
        # direction: "towards X", "в сторону X", "у напрямку X"
        for back in (0, 1, 2):
            a = k - back
            if a < 0:
                break
            m = ctx.lex.direction_preps.match_at(
                [t.text for t in doc[a : k + 1]], [t.lower_ for t in doc[a : k + 1]], 0
            )
            if m is not None and m[0] == back + 1:
                return True
        # distance reference: "15 kilometres from X", "в 15 км от X"
        if prev.lower_ in ctx.lex.distance_preps:
            window = doc[max(0, k - 3) : k]
            if any(t.lower_.startswith(ctx.pack.distance_unit_prefixes) for t in window):
                return True
        # a place describing a person: "officer in Ukraine", "посол в Украине"
        is_prep = prev.pos_ == "ADP" or prev.lower_ in ctx.pack.place_prepositions
        if is_prep and k - 1 >= 0:
            noun = doc[k - 1]
            if ctx.lex.person_nouns.lookup_word(noun.text, noun.lemma_ or None) is not None:
                return True
    # a place used as a title modifier: "US President-elect", "Kyiv officials"
    if ent.end < len(doc):
        nxt = doc[ent.end]
        first = nxt.lower_.split("-")[0]
        if ctx.lex.person_nouns.lookup_word(first, None) is not None or first in ctx.pack.title_nouns:
            return True
        # a country owning a more specific place: "Russia's Kursk region", "Курской области России"
        if nxt.lower_ in ctx.pack.possessive_markers and any(
            o.start in (ent.end + 1, ent.end + 2, ent.end + 3) for o in ents if o is not ent
        ):
            return True
    alias = claimants.lookup_alias(ctx, ent.text)
    if alias is not None and alias.type == "country":
        for o in ents:
            if o is not ent and 0 <= ent.start - o.end <= 2:
                return True
    return False


def np_canonical(ctx: DocContext, s: int, e: int) -> str | None:
    doc = ctx.doc
    if e <= s:
        return None
    text = doc[s:e].text
    alias = claimants.lookup_alias(ctx, text) or claimants.lookup_alias_suffix(ctx, text)
    if alias is not None and alias.kind in ("ORG", "PER"):
        return alias.canonical
    for ent in ctx.ents_within(s, e):
        if ent.label_ in ("PER", "ORG"):
            a = claimants.lookup_alias(ctx, ent.text)
            return a.canonical if a else ent.text
    side = claimants.np_side(ctx, s, e)
    if side in SIDE_FORCES and claimants.np_noun_type(ctx, s, e) == "military":
        return SIDE_FORCES[side]
    return None


def actors_targets(ctx: DocContext, c_lo: int, c_hi: int, root: Token | None) -> tuple[list[str], list[str]]:
    """``root``: :func:`span_root` of the content [c_lo, c_hi) when the pipeline has a parser, else None."""
    actors: list[str] = []
    targets: list[str] = []
    if ctx.has_dep:
        preds = [root] if root is not None else []
        if root is not None:
            preds += [c for c in root.children if c.dep_ in ("xcomp", "conj", "advcl") and c_lo <= c.i < c_hi]
        for p in preds:
            for c in p.children:
                if not c_lo <= c.i < c_hi:
                    continue
                if c.dep_ in ("nsubj", "obl:agent", "agent"):
                    name = np_canonical(ctx, *claimants.noun_phrase_range(ctx, c, c_lo, c_hi))
                    if name and name not in actors:
                        actors.append(name)
                elif c.dep_ in ("obj", "dobj", "nsubj:pass"):
                    name = np_canonical(ctx, *claimants.noun_phrase_range(ctx, c, c_lo, c_hi))
                    if name and name not in targets:
                        targets.append(name)
    else:
        words, lemmas = ctx.words[c_lo:c_hi], ctx.lemmas[c_lo:c_hi]
        triggers = [t for t in ctx.lex.events.find_all(words, lemmas) if t[2] != "other"]
        if triggers and triggers[0][0] > 0:
            name = np_canonical(ctx, c_lo, c_lo + triggers[0][0])
            if name:
                actors.append(name)
        for ent in ctx.ents_within(c_lo, c_hi):
            if ent.label_ in ("PER", "ORG"):
                a = claimants.lookup_alias(ctx, ent.text)
                name = a.canonical if a else ent.text
                if name not in actors:
                    actors.append(name)
    return actors, targets


def build_claim(
    ctx: DocContext,
    index: int,
    lo: int,
    hi: int,
    start: int,
    end: int,
    attribution: str,
    cue: str | None,
    cue_text: str | None,
    claimant: Mention | None,
    fallback_type: str | None,
    flags: Iterable[str],
    content_rng: tuple[int, int] | None,
    *,
    cue_span: tuple[int, int] | None = None,
    claimant_span: tuple[int, int] | None = None,
) -> Claim:
    doc = ctx.doc
    sent_start, sent_end = tok_range_chars(doc, lo, hi)
    c_lo, c_hi = content_tokens(ctx, start, end)
    if c_hi <= c_lo:
        c_lo, c_hi = content_rng if content_rng else (lo, hi)
    sentence = ctx.text[sent_start:sent_end]
    content = ctx.text[start:end]
    times = extract_times(sentence, ctx.lang, ctx.published_at)
    time_spans = [(t.start + sent_start, t.end + sent_start) for t in times]
    exclude = [(s - start, e - start) for s, e in time_spans]
    quantities = extract_quantities(content, ctx.lang, exclude=exclude)
    flags = set(flags)
    claimant_skip = None
    hedge_cues = find_hedges(ctx, lo, hi, claimant_skip)
    if "hedge" in flags and cue and cue not in hedge_cues:
        hedge_cues.append(cue)
    root = span_root(doc, c_lo, c_hi) if ctx.has_dep else None  # read once for negation and actors
    negated = is_negated(ctx, c_lo, c_hi, root) or "negate" in flags
    event_type = find_event_type(ctx, c_lo, c_hi)
    locations = find_locations(ctx, c_lo, c_hi)
    actors, targets = actors_targets(ctx, c_lo, c_hi, root)
    return Claim(
        sentence_index=index,
        char_start=sent_start,
        char_end=sent_end,
        sentence=sentence,
        content=content,
        content_start=start,
        content_end=end,
        attribution=attribution,
        cue=cue,
        cue_text=cue_text,
        claimant=claimant.text if claimant else None,
        claimant_canonical=claimant.canonical if claimant else None,
        claimant_type=claimant.type if claimant and claimant.type else fallback_type,
        claimant_side=claimant.side if claimant else None,
        event_type=event_type,
        actors=tuple(actors),
        targets=tuple(targets),
        locations=tuple(locations),
        quantities=tuple(quantities),
        times=tuple(times),
        hedged=bool(hedge_cues),
        hedge_cues=tuple(hedge_cues),
        negated=negated,
        fingerprint=fingerprint(event_type, actors, main_location(ctx, locations), times, ctx.published_at),
        cue_span=cue_span,
        claimant_span=claimant_span,
    )


def main_location(ctx: DocContext, locations: Sequence[str]) -> str | None:
    best: tuple[int, str] | None = None
    for name in locations:
        alias = ctx.aliases.lookup(name)
        rank = PLACE_RANK.get(alias.type, 1) if alias is not None else 1
        key = (rank, name)
        if best is None or key < best:
            best = key
    return best[1] if best else None
