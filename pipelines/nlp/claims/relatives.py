"""Relative pronouns and the nouns they stand for ("Silva, who had claimed …", "представителя, который заявил
…"), and the start of a noun phrase from its left dependents."""

from __future__ import annotations

from spacy.tokens import Token

from pipelines.nlp.claims.context import DocContext
from pipelines.nlp.claims.mention_types import noun_type
from pipelines.nlp.claims.words import word


def relative(ctx: DocContext, tok: Token) -> bool:
    """A relative pronoun of the pack ("who", "который", "який") in any of its forms."""
    return (
        tok.lower_ in ctx.pack.relative_pronouns or (tok.lemma_ or "").lower() in ctx.pack.relative_pronouns
    )


def relative_antecedent(ctx: DocContext, tok: Token) -> Token | None:
    """The noun a relative pronoun refers to ("Silva, who had claimed …" → Silva; "представителя, который
    заявил …" → представителя): the head of the relative clause the pronoun is in, else the noun right before
    the pronoun; None when there is none (or no tagger)."""
    if not ctx.has_pos or not relative(ctx, tok):
        return None
    k = tok.i - 1
    if k >= 0 and ctx.doc[k].text == ",":
        k -= 1
    nearest = ctx.doc[k] if k >= 0 else None
    verb = tok.head
    if nearest is not None and (nearest.pos_ == "PROPN" or nearest.ent_type_ in ("PER", "ORG")):
        noun = nearest  # a name right before the pronoun: "a captain for Danny Blind, who announced …"
    elif (
        ctx.has_dep and verb.i != tok.i and verb.dep_ in ("relcl", "acl:relcl", "acl") and verb.head.i < tok.i
    ):
        noun = verb.head
    elif nearest is not None:
        noun = nearest  # the parse missed the relative clause: the noun right before the pronoun
    else:
        return None
    named = noun.ent_type_ in ("PER", "ORG", "NORP") or (word(noun) and noun.text[:1].isupper())
    if (noun.pos_ not in ("NOUN", "PROPN") and not named) or relative(ctx, noun):
        return None
    # "an official of the organisation who …", "представителя правительства, который …": the pronoun may
    # stand for the head of a chain of noun modifiers; the outermost of the chain that agrees with it in
    # gender and number (Russian, Ukrainian), or for "who" the outermost unless the nearest is a person (English)
    chain = [noun]
    while ctx.has_dep and chain[-1].dep_ == "nmod" and chain[-1].head.i < chain[-1].i and len(chain) < 4:
        chain.append(chain[-1].head)
    gender, number = tok.morph.get("Gender"), tok.morph.get("Number")
    if gender or number:
        for cand in reversed(chain):  # the outermost that agrees: "представитель Газпрома, который …"
            if (not gender or cand.morph.get("Gender") == gender) and (
                not number or cand.morph.get("Number") == number
            ):
                return cand
        return noun
    person = noun.ent_type_ == "PER" or noun_type(ctx, noun) == "person"
    return chain[-1] if tok.lower_ == "who" and not person else noun


def np_start(ctx: DocContext, noun: Token) -> int:
    """The first token of the noun phrase ``noun`` heads, from its left dependents (not a copula, subject or
    auxiliary of a cleft: "It was an official …" → "an official")."""
    k: int = noun.i
    inner = {"det", "amod", "compound", "nmod:poss", "nummod", "flat", "flat:name", "poss", "nmod", "case"}
    while k - 1 >= 0 and noun.i - (k - 1) <= 8:
        prev = ctx.doc[k - 1]
        if not ctx.has_dep or prev.dep_ not in inner or not (k - 1 <= prev.head.i <= noun.i):
            break
        k -= 1
    while k < noun.i and ctx.doc[k].pos_ == "ADP":
        k += 1  # "to Detroux, who said …": the preposition is the main clause's
    return k
