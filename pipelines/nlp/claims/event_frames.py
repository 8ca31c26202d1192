"""Event frames: an event named by a predicate together with one of its arguments (issue 17, vocabulary 1.4).

A word alone can be ambiguous where a predicate with its argument is not: "присвоїв … звання" (conferred a
title) is an award whatever stands between the two words and in whichever order ("Звання Героя присвоєно
командиру", "присвоил командиру звание"), while "звання" or "присвоїв" alone name nothing. A language pack's
``event_frames`` lists, per event type, pairs "predicate argument", each word matched as an event trigger word
is (its form or lemma; a trailing ``*`` makes a prefix). A pair matches when the predicate is a word of the
content and the argument one of its direct dependents there (a subject, object, oblique or complement, in
English also the object of a preposition the predicate governs). The match stands where its argument stands:
:func:`~pipelines.nlp.claims.enrichment.find_event_type` treats it as a trigger at the argument's position, so
its depth below the content's main predicate, the main-clause and topic-verb checks and the ties by priority
apply as to a one-word trigger ("won the gold medal": the sports trigger and the award frame meet at the
object, and the vocabulary's priority gives sports).
"""

from __future__ import annotations

import json
from functools import lru_cache

from pipelines.nlp.claims.context import DocContext
from pipelines.nlp.claims.lexicon import PhraseTable
from pipelines.nlp.langpacks import load_pack
from pipelines.resources import schemas_dir

#: dependency relations of an argument (the first part of a subtyped label: "nsubj:pass", "obl:agent")
ARGUMENT_RELATIONS = frozenset({"nsubj", "obj", "dobj", "iobj", "obl", "xcomp", "attr", "oprd", "dative"})
#: event types whose frame's argument is what is acted on, never the actor ("the drone | destroyed …" attacks)
AGENT_IS_NO_ARGUMENT = frozenset({"repel"})


@lru_cache(maxsize=8)
def frame_tables(lang: str) -> tuple[PhraseTable, dict[str, PhraseTable]]:
    """The predicates of the pack's ``event_frames`` of ``lang`` and, per predicate, its arguments with their
    event types."""
    pack = load_pack(lang)
    types = json.loads((schemas_dir() / "event_types.json").read_text(encoding="utf-8"))["event_types"]
    by_predicate: dict[str, list[tuple[str, str]]] = {}
    for etype, pairs in pack.event_frames.items():
        if etype not in types:
            raise ValueError(
                f"event_frames of language pack {lang!r}: received type {etype!r}; allowed: {sorted(types)}"
            )
        for pair in pairs:
            words = pair.split()
            if len(words) != 2:
                raise ValueError(
                    f"event_frames of language pack {lang!r}, type {etype!r}: received {pair!r}; allowed: two "
                    f"words, a predicate and an argument"
                )
            by_predicate.setdefault(words[0], []).append((words[1], etype))
    predicates = PhraseTable(pack, [(p, p) for p in by_predicate])
    return predicates, {p: PhraseTable(pack, entries) for p, entries in by_predicate.items()}


def framed(ctx: DocContext, c_lo: int, c_hi: int) -> list[tuple[tuple[int, int, str], int]]:
    """The frames of the content [c_lo, c_hi): ((start, end, event type) of the argument word, the predicate's
    offset), offsets relative to ``c_lo`` as :meth:`PhraseTable.find_all` gives them; none without a parse. An
    argument is a dependent of the predicate (not, for :data:`AGENT_IS_NO_ARGUMENT`, an active subject before it:
    "ПВО уничтожили | беспилотники" and "беспилотники | уничтожены" frame a repelled attack, "беспилотник |
    уничтожил школу" does not; the parsers take many an object for a subject, so other types keep it)."""
    if not ctx.has_dep or not ctx.pack.event_frames:
        return []
    predicates, arguments = frame_tables(ctx.lang)
    doc = ctx.doc
    found: list[tuple[tuple[int, int, str], int]] = []
    for k in range(c_lo, c_hi):
        tok = doc[k]
        if tok.is_punct:
            continue
        pred = predicates.lookup_word(tok.text, tok.lemma_ or None)
        if pred is None:
            continue
        args = [c for c in tok.children if c.dep_.split(":")[0] in ARGUMENT_RELATIONS]
        args += [g for c in tok.children if c.dep_ == "prep" for g in c.children if g.dep_ == "pobj"]
        # the noun a figure counts: "destroyed 35 | of 40 drones"
        args += [
            g for c in args if c.pos_ == "NUM" for g in c.children if g.dep_.split(":")[0] in ("nmod", "obl")
        ]
        for arg in args:
            if not c_lo <= arg.i < c_hi:
                continue
            etype = arguments[pred].lookup_word(arg.text, arg.lemma_ or None)
            if etype in AGENT_IS_NO_ARGUMENT and arg.dep_ == "nsubj" and arg.i < tok.i:
                continue
            if etype is not None:
                found.append(((arg.i - c_lo, arg.i - c_lo + 1, str(etype)), k - c_lo))
    return found
