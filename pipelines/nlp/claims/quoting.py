"""Who speaks when the grammar hides it (issue 17): the one a quoting verb quotes ("X quoted Y as saying …",
"«…», — цитирует министра РИА Новости"), and the subject of a cue that a parser hung on a verbless root."""

from __future__ import annotations

from spacy.tokens import Token

from pipelines.nlp.claims.claim import Claim
from pipelines.nlp.claims.context import DocContext
from pipelines.nlp.claims.spans import inside
from pipelines.nlp.claims.validity import usable_subject


def quoting_object(ctx: DocContext, cue: Token, lo: int, hi: int) -> Token | None:
    """The speaker of "X quoted Y as saying …" (a verb of the pack's ``quoting_verbs`` with an object and the
    cue as its adverbial participle): Y, not the subject X, who only reports Y's words."""
    head = cue.head
    if cue.dep_ == "acl" and head.dep_ in ("obj", "dobj") and head.i < cue.i and lo <= head.head.i < head.i:
        # "quoted a police commander | as saying": the parser hung the participle on the object
        return usable_subject(ctx, head) if quoted_speaker(ctx, head.head) is head else None
    if not (cue.dep_ in ("advcl", "xcomp") and head.i < cue.i and lo <= head.i < hi):
        return None
    if (head.lemma_ or head.lower_).lower() not in ctx.pack.quoting_verbs:
        return None
    objects = [c for c in head.children if c.dep_ in ("obj", "dobj") and c.i < cue.i]
    return usable_subject(ctx, objects[0]) if objects else None


def quoted_speaker(ctx: DocContext, verb: Token) -> Token | None:
    """Y of "X quoted Y as saying/telling …" when ``verb`` is the quoting verb itself (the tagger's cue "quoted"):
    its object followed by "as" and a verb that hangs on either ("quoted Ross as telling him: …", "the agency
    quoted a local mayor as saying …"); None for any other verb or without such an object."""
    if not ctx.has_dep or (verb.lemma_ or verb.lower_).lower() not in ctx.pack.quoting_verbs:
        return None
    for obj in (c for c in verb.children if c.dep_ in ("obj", "dobj") and c.i > verb.i):
        said = [
            t
            for t in (*verb.children, *obj.children)
            if t.dep_ in ("advcl", "acl", "xcomp")
            and t.i > obj.i
            and any(m.lower_ == "as" for m in t.children)
        ]
        if said:
            # the phrase ends before "as saying" (the parser may hang the participle on the object)
            ctx.np_hint[obj.i] = (obj.left_edge.i, min(t.left_edge.i for t in said))
            return usable_subject(ctx, obj)
    return None


def quoted_object(ctx: DocContext, cue: Token, lo: int, hi: int) -> Token | None:
    """The one whose words a quoting verb of the pack's ``quoting_verbs`` reports ("«…», — цитирует министра
    РИА Новости", "The Guardian цитирует пресс-службу …"): its object, not the outlet that quotes; of an
    object that cannot name a claimant (the words: "цитирует слова турецкого премьер-министра"), the genitive
    after it. The phrase is the object with its adjectives and hyphenated parts, or the name it is part of.
    None for any other cue or without such an object."""
    if (
        ctx.pack.articles
        or not ctx.has_dep
        or (cue.lemma_ or cue.lower_).lower() not in ctx.pack.quoting_verbs
    ):
        return None  # (English "X quoted Y as saying" is :func:`quoting_object`'s)
    objects = [c for c in cue.children if c.dep_ in ("obj", "dobj") and lo <= c.i < hi]
    if not objects:
        return None
    obj: Token | None = objects[0]
    if obj is not None and usable_subject(ctx, obj) is None:
        owners = [c for c in obj.children if c.dep_ == "nmod" and c.pos_ in ("NOUN", "PROPN")]
        obj = owners[0] if owners else None
    if obj is None or obj.pos_ not in ("NOUN", "PROPN") or usable_subject(ctx, obj) is None:
        return None
    ctx.np_hint[obj.i] = _own_phrase(ctx, obj, lo, hi)
    return obj


def _own_phrase(ctx: DocContext, tok: Token, lo: int, hi: int) -> tuple[int, int]:
    """Tokens of a noun without what follows it: the name it is part of, else the noun with the adjectives
    before it and its hyphenated parts ("турецкого премьер-министра", "пресс-службу")."""
    doc = ctx.doc
    ent = next(
        (x for x in ctx.ents_within(max(lo, tok.i - 4), min(hi, tok.i + 5)) if x.start <= tok.i < x.end), None
    )
    if ent is not None:
        return ent.start, ent.end
    s, e = tok.i, tok.i + 1
    while e + 1 < hi and doc[e].text == "-" and not doc[e - 1].whitespace_ and not doc[e].whitespace_:
        e += 2
    while True:
        if (
            s - 2 >= lo
            and doc[s - 1].text == "-"
            and not doc[s - 2].whitespace_
            and not doc[s - 1].whitespace_
        ):
            s -= 2
        elif s - 1 >= lo and doc[s - 1].pos_ == "ADJ":
            s -= 1
        else:
            break
    return s, e


def root_noun_subject(ctx: DocContext, cue: Token, lo: int) -> Token | None:
    """The opening noun phrase of a verbless parse, the cue its conjunct ("Украинская лётчица Надежда Савченко,
    которая …, в пятницу, …, передала …, что …"): the root noun in the nominative with nothing but words before
    it (languages without articles); None otherwise."""
    head = cue.head
    if (
        not ctx.pack.articles
        and cue.dep_ == "conj"
        and head.dep_ == "ROOT"
        and head.pos_ in ("NOUN", "PROPN")
        and lo <= head.i < cue.i
        and head.morph.get("Case") == ["Nom"]
        and not any(c.dep_.startswith("nsubj") for c in head.children)
        and all(not t.is_punct or t.text == "-" for t in ctx.doc[lo : head.i])
    ):
        return usable_subject(ctx, head)
    return None


def quotation_end(ctx: DocContext, cue: Token, k: int, end: int) -> int:
    """The end of a content [k, end) that is one quotation followed by a coordinator and a verb with the cue's
    ending ("заявив, що «…» і закликав партнерів …": the speaker's next act, not what was said): the closing
    mark; else ``end``. Without the pack's ``verb_ending`` the content stays."""
    doc, ending = ctx.doc, ctx.pack.verb_ending
    j = k
    while j < end and (doc[j].lower_ in ctx.pack.complementizers or doc[j].text in (",", ":")):
        j += 1
    if ending is None or j >= end or doc[j].text not in ctx.pack.open_quotes:
        return end
    close = next((i for i in range(j + 1, end) if doc[i].text in ctx.pack.close_quotes), None)
    if close is None or close + 2 >= end or doc[close + 1].lower_ not in ctx.pack.gazetteer.coordinators:
        return end
    verb, said = ending.search(doc[close + 2].lower_), ending.search(cue.lower_)
    if verb is None or said is None or verb.group() != said.group():
        return end
    return close + 1


def kind_with_cue(ctx: DocContext, claim: Claim, cue_from: Claim) -> str:
    """The attribution of ``claim`` once it has the cue of ``cue_from``."""
    if cue_from.attribution == "according_to":
        return "according_to"
    cue_start = claim.cue_span[0] if claim.cue_span is not None else claim.content_end
    return quoted_kind(ctx, claim.content_start, claim.content_end, cue_start)


def quoted_kind(ctx: DocContext, start: int, end: int, cue_start: int) -> str:
    """``direct_quote`` for a content that is a quotation: quoted almost whole, or the two parts of one
    quotation that its cue and source split, however long the source between them ('"A," said Sen. J.R.
    Holt (R-Ore.), head of the committee. "B."'); else ``indirect``."""
    if inside(ctx.quotes, start, end) > 0.8:
        return "direct_quote"
    split = (
        start <= cue_start < end
        and "\n" not in ctx.text[start:end]  # (a quotation in the next paragraph may be anyone's)
        and inside(ctx.quotes, start, start + 1) == 1.0
        and inside(ctx.quotes, end - 1, end) == 1.0
        and inside(ctx.quotes, cue_start, cue_start + 1) == 0.0
        and sum(1 for q in ctx.quotes if q[0] < end and start < q[1]) == 2  # (no other quotation between)
    )
    return "direct_quote" if split else "indirect"
