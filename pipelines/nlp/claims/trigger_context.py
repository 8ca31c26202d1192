"""What around an event trigger keeps it from naming the event a claim reports (issue 17, "enrichment comes
from single words"): a topic verb governing it ("did not comment on the attack", "repairing tanks damaged in
shelling"), an attempt verb ("attempted to break through"), or a word that sets it before or after the report's
own event ("was not consulted before the strikes", "после удара", "напередодні обстрілу").
"""

from __future__ import annotations

from spacy.tokens import Token

from pipelines.nlp.claims.context import DocContext


def under_topic_verb(ctx: DocContext, tok: Token, lo: int, hi: int) -> bool:
    """Whether ``tok`` (an event trigger) is governed, inside the content [lo, hi), by a topic verb of the
    language pack: a verb whose arguments are what is talked about or handled ("comment on", "discuss",
    "repair", "supply", "evacuate"), so the trigger does not name the event the claim reports. The trigger's own
    token never counts, nor does a topic verb that is itself an event trigger."""
    topic = ctx.lex.topic_verbs

    def is_topic(t: Token) -> bool:
        if ctx.has_pos and t.pos_ not in ("VERB", "NOUN"):
            return False
        return topic.lookup_word(t.text, t.lemma_ or None) is not None

    if ctx.has_dep:
        seen = 0
        node = tok
        while node.head.i != node.i and lo <= node.head.i < hi and seen < 12:
            node = node.head
            seen += 1
            if is_topic(node):
                return True
    # the same within the clause, for a parse that misattaches the topic verb (or no parse): the nearest verb
    # before the trigger (without tags: any topic verb), with no clause boundary (punctuation, a conjunction)
    # in between
    for k in range(tok.i - 1, lo - 1, -1):
        t = ctx.doc[k]
        if t.is_punct or t.pos_ in ("CCONJ", "SCONJ", "PRON") or t.lower_ in ctx.pack.connectives:
            return False
        if not ctx.has_pos:
            if is_topic(t):
                return True
            continue
        if t.pos_ == "VERB" and t.dep_ != "acl":
            return is_topic(t)
    # an object before its verb ("Атаку на подстанцию он комментировать не стал", "обстріл … не коментували"):
    # the first verb after the trigger in the same clause
    if ctx.has_pos:
        for k in range(tok.i + 1, hi):
            t = ctx.doc[k]
            if t.is_punct or t.pos_ in ("CCONJ", "SCONJ"):
                break
            if t.pos_ == "VERB":
                return is_topic(t)
    return False


def attempted(ctx: DocContext, tok: Token, lo: int, hi: int) -> bool:
    doc = ctx.doc
    if ctx.has_dep:
        head = tok.head
        return (
            tok.dep_ == "xcomp"
            and lo <= head.i < hi
            and (
                head.lower_ in ctx.pack.attempt_verbs or (head.lemma_ or "").lower() in ctx.pack.attempt_verbs
            )
        )
    window = doc[max(lo, tok.i - 3) : tok.i]
    return any(
        w.lower_ in ctx.pack.attempt_verbs or (w.lemma_ or "").lower() in ctx.pack.attempt_verbs
        for w in window
    )


def sequenced(ctx: DocContext, toks: list[Token]) -> bool:
    """Whether a trigger's words are governed by one of the pack's ``sequence_prepositions`` (the word before
    them, or their case or marker child): the trigger then dates the reported event."""
    words = ctx.pack.sequence_prepositions
    if not words:
        return False
    i = toks[0].i
    if i > 0 and ctx.doc[i - 1].lower_ in words and (not ctx.has_pos or ctx.doc[i - 1].pos_ == "ADP"):
        return True  # (whatever the parse made of it: "Перед атакой дронов …")
    # a time of a verb's event ("was not consulted before the strikes"), not of a noun's ("outages after an
    # attack": the attack is what the headline names)
    return ctx.has_dep and any(
        c.dep_ in ("case", "mark") and c.lower_ in words and t.head.pos_ in ("VERB", "AUX")
        for t in toks
        for c in t.children
    )
