"""A pronoun's antecedent when no mention resolves it (issue 17): the previous sentence's subject, a common
noun the history of names does not hold ("Суд визнав договір недійсним. Він вказав, що …")."""

from __future__ import annotations

from collections.abc import Callable

from spacy.tokens import Span, Token

from pipelines.nlp.claims.canonical import morph
from pipelines.nlp.claims.context import DocContext, Mention
from pipelines.nlp.claims.mention_types import noun_type

#: :func:`.claimants.claimant_from`: (ctx, head, lo, hi, index, stop=…) -> (mention, token range)
Builder = Callable[..., tuple[Mention | None, tuple[int, int]]]


def previous_subject(ctx: DocContext, pronoun: Token, index: int, claimant_from: Builder) -> Mention | None:
    """The subject of the previous sentence's main clause, when it is a common noun that agrees with the
    personal ``pronoun`` in number (and gender, in the singular) by the dictionary ("Суд визнав договір недійсним.
    Він вказав, що …": the court; "… займалися 14-річні учні. Батькам вони казали, що …": the pupils, not the
    outlet named two sentences back); ``claimant_from`` (:func:`.claimants.claimant_from`) makes its mention. Only for a language with a dictionary of forms (ru, uk), whose tagger
    gives nouns their gender; None otherwise. Asked only when no mention resolves the pronoun."""
    if index < 1 or index >= len(ctx.sentence_starts) or not ctx.has_dep:
        return None
    doc = ctx.doc
    span = doc.char_span(ctx.sentence_starts[index - 1], ctx.sentence_starts[index], alignment_mode="expand")
    if span is None:
        return None
    if morph(ctx.lang) is None:
        return _parsed_subject(ctx, pronoun, span, index, claimant_from)
    wanted = _agreement(ctx, pronoun.text, "NPRO")
    if not wanted or pronoun.morph.get("Person") != ["3"]:
        return None
    # the sentence's first noun in the nominative before its first verb or comma (the parse's root is often the
    # paragraph break, and its own number and gender of a noun are often wrong: "Суди" as singular)
    start = span.start
    for t in span:
        if t.pos_ in ("CCONJ", "PART", "ADV") and t.i == start:
            start += 1  # "Та апеляційний суд …"
            continue
        if t.is_space or t.text in (",", "(", "—", "–", ":", ";") or t.pos_ in ("VERB", "AUX"):
            return None
        if t.pos_ in ("PROPN", "PRON") or t.ent_type_:
            return None  # a name or pronoun: the history's, not this fallback's
        if t.pos_ != "NOUN":
            continue
        if "Nom" not in t.morph.get("Case") or not wanted & _agreement(ctx, t.text, "NOUN"):
            return None
        verb = next((u.i for u in span if u.i > t.i and u.pos_ in ("VERB", "AUX")), None)
        if verb is None:
            return None
        found, _ = claimant_from(ctx, t, start, verb, index - 1, stop=verb)
        return found
    return None


def _parsed_subject(
    ctx: DocContext, pronoun: Token, span: Span, index: int, claimant_from: Builder
) -> Mention | None:
    """Without a dictionary of forms (English): the subject of the previous sentence's root, a common noun of
    the kind the pronoun stands for ("The mayor spoke to reporters. '…,' he said": a title or person noun in the
    singular for "he"; an organisation's noun for "it"; a plural claimant noun for "they")."""
    want = ctx.lex.pronouns.get(pronoun.lower_)
    root = span.root
    subj = next((c for c in root.children if c.dep_ == "nsubj" and c.pos_ == "NOUN"), None)
    if want is None or subj is None or root.pos_ not in ("VERB", "AUX"):
        return None
    plural = "Plur" in subj.morph.get("Number")
    kind = noun_type(ctx, subj)
    if want == "PER":
        fits = not plural and (subj.lower_ in ctx.pack.title_nouns or kind == "person")
    elif want == "ORG":
        fits = not plural and kind in ("government", "military", "media", "organisation")
    else:
        fits = plural and kind is not None
    if not fits:
        return None
    found, _ = claimant_from(ctx, subj, span.start, root.i, index - 1, stop=root.i)
    return found


def _agreement(ctx: DocContext, word: str, pos: str) -> frozenset[str]:
    """The number and gender a nominative ``word`` of part of speech ``pos`` (pymorphy3: NOUN, NPRO) can have in
    the language's dictionary: "plur", or the singular's gender ("masc", "femn", "neut")."""
    analyser = morph(ctx.lang)
    out: set[str] = set()
    for p in analyser.parse(word) if analyser is not None else []:
        if not p.is_known or pos not in p.tag or ("nomn" not in p.tag and pos != "NOUN"):
            continue
        if pos == "NOUN" and p.tag.case not in (None, "nomn"):
            continue
        if "plur" in p.tag:
            out.add("plur")
        elif p.tag.gender is not None:
            out.add(str(p.tag.gender))
    return frozenset(out)
