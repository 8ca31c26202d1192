"""What a stance verb, a passive or an addressee is not (issue 17, English): checks :mod:`.validity` applies to
a content before it counts as a reported proposition. The object noun phrase of a cue flagged ``proposition``
("vows | support measures") and a clause beside that object are not its report (:func:`beside_object`), nor
a bare predicate right after it ("<company> shares | sink": :func:`bare_predicate`); an
agentless passive reports no one's statement (:func:`passive_object`); the addressee before a quotation is not
part of it (:func:`before_quotation`); a participle after a quoting verb's object is the quoted one's
(:func:`quoted_participle`)."""

from __future__ import annotations

from spacy.tokens import Token

from pipelines.nlp.claims.context import DocContext


def beside_object(ctx: DocContext, cue: Token, c_lo: int, c_hi: int) -> bool:
    """A cue flagged ``proposition`` has a noun object after it that tokens [c_lo, c_hi) leave out, and no
    complement clause of its own there: what it says is about that object ("the mayor highlighted the calm",
    "agreed a truce"), so neither the clause before it ("There was no repeat …, and police
    highlighted …") nor one the parser hung on it after the object ("…, an official source said", even as its
    ``ccomp``) is its report; a clause after a complementizer or colon ("vowed to voters that …") is. Nor is a
    bare predicate right after the cue (:func:`bare_predicate`)."""
    if not ctx.has_dep or not ctx.pack.articles:
        return False  # (English: Russian and Ukrainian flag verbs whose object may stand beside a clause)
    if bare_predicate(ctx, cue, c_lo):
        return True
    doc = ctx.doc
    objects = [
        c
        for c in cue.children
        if c.dep_ in ("obj", "dobj") and c.i > cue.i and c.pos_ in ("NOUN", "PROPN", "PRON")
    ]
    if not objects or any(c_lo <= o.i < c_hi for o in objects):
        return False
    k = c_lo - 1
    while k > cue.i and doc[k].is_punct and doc[k].text != ":":
        k -= 1
    opener = {doc[c_lo].lower_, doc[k].lower_ if k >= 0 else ""}
    return c_lo <= cue.i or not (opener & (set(ctx.pack.complementizers) | {":"}))


def bare_predicate(ctx: DocContext, cue: Token, c_lo: int) -> bool:
    """A cue flagged ``proposition`` in the present's third person is followed right away by its content's
    verb, with no subject of its own: the cue was a plural noun and the verb the sentence's ("<company>
    shares | sink after …", "Party posts | gain"). English; a colon or quotation opening the content is what was
    said."""
    if not ctx.has_pos or not ctx.pack.articles or c_lo != cue.i + 1 or cue.tag_ != "VBZ":
        return False
    # (a verb or a predicate adjective, as the tagger reads a headline's verb after a noun it took for a verb:
    # "shares | tumble")
    return ctx.doc[c_lo].pos_ in ("VERB", "AUX", "ADJ")


def passive_object(ctx: DocContext, cue: Token, c_lo: int, c_hi: int) -> bool:
    """The cue is a passive with no agent and tokens [c_lo, c_hi) after it hold no verb and open no clause (no
    complementizer or colon before them): what the passive says of its subject ("Two more bags have been
    reported found | near the bridge, one of them …", "The team have been promised | the support of
    commandos", "England were dismissed | for 242"), not what someone said ("It was announced that …" keeps its
    clause). English (a language with articles) only."""
    if not ctx.has_dep or not ctx.pack.articles or c_lo <= cue.i or not _passive(cue):
        return False
    if any(t.pos_ in ("VERB", "AUX") and t.dep_ not in ("amod", "compound") for t in ctx.doc[c_lo:c_hi]):
        return False  # "was accused of using …", "was asked how … would end": a statement the passive reports
    k = c_lo - 1
    while k > cue.i and ctx.doc[k].is_punct and ctx.doc[k].text != ":":
        k -= 1
    opener = {ctx.doc[c_lo].lower_, ctx.doc[k].lower_}
    return not opener & (set(ctx.pack.complementizers) | {":"})


def _passive(verb: Token) -> bool:
    """``verb`` has a passive auxiliary or subject and no agent ("by …")."""
    deps = {c.dep_ for c in verb.children}
    return bool(deps & {"aux:pass", "auxpass", "nsubj:pass", "nsubjpass"}) and not deps & {
        "obl:agent",
        "agent",
    }


def before_quotation(ctx: DocContext, obj: Token) -> bool:
    """``obj`` is an object of its verb that a comma or colon and an opening quotation mark follow ("told a crowd
    of …, "Keep …"): the addressee before the quotation."""
    doc, k = ctx.doc, obj.right_edge.i + 1
    return (
        obj.dep_ in ("obj", "dobj", "iobj")
        and k + 1 < len(doc)
        and doc[k].text in (",", ":")
        and doc[k + 1].text in ctx.pack.open_quotes
    )


def whom_only(ctx: DocContext, c_lo: int, c_hi: int) -> bool:
    """The content, tokens [c_lo, c_hi), is one personal pronoun: whom the cue's act was done to, no statement
    ("… dismissed | him", "раскритиковал | его")."""
    words = [t for t in ctx.doc[c_lo:c_hi] if not t.is_punct]
    return (
        len(words) == 1
        and words[0].pos_ == "PRON"
        and "Prs" in words[0].morph.get("PronType")
        and "Yes" not in words[0].morph.get("Poss")
    )


def quoted_participle(ctx: DocContext, verb: Token, t: Token) -> bool:
    """``t`` is a reporting participle of the quoting ``verb`` or its object ("quoted Y | accusing …"), or one
    behind the pack's particle ("reported Y as | saying"); not one deep in what "reported" says ("with whom he
    allegedly | shared …"): the quoted one speaks."""
    particles = ctx.pack.quoting_particles
    near = t.head.i == verb.i or (t.head.head.i == verb.i and t.head.dep_ in ("obj", "dobj"))
    behind = not particles or ctx.doc[t.i - 1].lower_ in particles
    return t.dep_ in ("advcl", "xcomp", "acl") and t.i in ctx.cue_meta and (near or behind)
