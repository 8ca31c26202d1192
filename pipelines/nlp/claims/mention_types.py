"""What kind of source a mention is (issue 17): the claimant type and side of an alias, the claimant type a
noun of the pack's ``claimant_nouns`` gives ("джерело" anonymous, "видання" media)."""

from __future__ import annotations

from spacy.tokens import Token

from pipelines.nlp.aliases import Alias
from pipelines.nlp.claims.claim import CLAIMANT_TYPES
from pipelines.nlp.claims.context import DocContext
from pipelines.nlp.claims.words import COUNTRY_SIDE

__all__ = ["alias_claimant_type", "alias_side", "noun_type", "np_noun_type"]


def alias_claimant_type(alias: Alias | None) -> str | None:
    if alias is None:
        return None
    if alias.type in CLAIMANT_TYPES:
        return alias.type
    if alias.kind == "LOC" and alias.type == "country":
        return "government"
    return None


def alias_side(alias: Alias | None) -> str | None:
    if alias is None:
        return None
    if alias.side:
        return alias.side
    return COUNTRY_SIDE.get(alias.canonical)


def noun_type(ctx: DocContext, tok: Token) -> str | None:
    """The claimant type the pack's ``claimant_nouns`` give ``tok``; a hyphenated word ("прес-службі",
    "вице-премьер", which the tokenizer keeps whole) by its last part when the whole word has none."""
    v = ctx.lex.claimant_nouns.lookup_word(tok.text, tok.lemma_ or None)
    if v is None and "-" in tok.text.strip("-"):
        last = tok.text.rsplit("-", 1)[1]
        if len(last) >= 3:
            v = ctx.lex.claimant_nouns.lookup_word(last, None)
    return str(v) if v is not None else None


def np_noun_type(ctx: DocContext, s: int, e: int) -> str | None:
    found: str | None = None
    for t in ctx.doc[s:e]:
        v = noun_type(ctx, t)
        if v is not None:
            found = v
    return found
