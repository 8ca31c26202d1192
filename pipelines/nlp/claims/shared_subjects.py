"""The subject a reporting verb shares with the verb before it: a coordinated verb ("X confirmed and said") or a
converb after the clause it continues ("X attacked the plan, saying …", "X отверг обвинения, заявив …"), up the
verbs and objects the parse hangs it from."""

from __future__ import annotations

from spacy.tokens import Token

from pipelines.nlp.claims.context import DocContext
from pipelines.nlp.claims.words import converb

#: the relations a converb's subject is shared up through ("tried to use the ad …, accusing …")
_CHAIN = frozenset({"xcomp", "advcl", "acl", "conj", "obj", "dobj"})


def shared_subject(ctx: DocContext, cue: Token, lo: int, hi: int) -> Token | None:
    """The subject a coordinated cue or a participle shares with the verb before it ("X confirmed and said", "X
    attacked the plan, saying …", "X отверг обвинения, заявив …"): the head's first subject before the cue."""
    shares = cue.dep_ == "conj" or (cue.dep_ in ("advcl", "xcomp") and cue.i > cue.head.i and converb(cue))
    if not shares or not lo <= cue.head.i < hi:
        return None
    node = cue.head
    # an active coordinated cue shares a passive subject too: "He was arrested and said he was innocent"
    deps = (
        ("nsubj", "nsubj:pass")
        if cue.dep_ == "conj" and not any(c.dep_ == "aux:pass" for c in cue.children)
        else ("nsubj",)
    )
    # up the verbs and objects it hangs from: "X is defending tweets attempting to shame Y, saying …"
    for _ in range(5):
        subj = next((c for c in node.children if c.dep_ in deps and c.i < cue.i), None)
        while subj is not None and subj.i + 1 < cue.i and _name_part(subj.doc[subj.i + 1], node, subj):
            subj = subj.doc[subj.i + 1]  # a name the parse split into two subjects: "Donald | Trump"
        if subj is not None or not converb(cue) or node.dep_ not in _CHAIN or not lo <= node.head.i < hi:
            return subj
        if node.i in ctx.cue_meta:
            return None  # a reporting verb's own source is found for it ("…, the air force said, adding …")
        node = node.head
    return None


def _name_part(tok: Token, head: Token, prev: Token) -> bool:
    return bool(tok.dep_ == prev.dep_ and tok.head.i == head.i and tok.pos_ == prev.pos_ == "PROPN")
