"""A speaker who introduces themselves in the text's first sentence is the "я" of its own-voice reports.

Parliamentary and conference transcripts, columns and open letters often name their speaker in the body rather
than in the title: the first sentence is the speaker's name and affiliation, with no verb ("Іван Крулько, фракція
"Батьківщина".", "Шановні колеги, Петро Сидоренко, "Партія – Приклад".", "Иван Петров, депутат
городской думы."), and the speech follows in the first person ("Я вважаю, що …"). Without this step every such
report has a bare pronoun as claimant and so no claimant (issue 17: never a bare pronoun).

:func:`introduced_speaker` finds the speaker: the first PER entity of the first sentence, at its start or after a
short form of address that ends with a comma or "!" ("Шановні колеги,"), followed by a comma, in a sentence with
no verb. :func:`resolve_first_person` gives each attributed claim whose claimant is a bare first-person singular
pronoun (the pack's ``transcripts.first_person_singular``: "я", "I"; not "ми": a speaker's "we" is their group)
outside quotation marks and after the introduction that speaker as claimant, as :mod:`.transcripts` does for a
speaker named in the title (which wins when there is one). The speaker's canonical name comes from the alias
table, else the person's name in the nominative (:mod:`.claimants`).
"""

from __future__ import annotations

from spacy.tokens import Span

from pipelines.nlp.claims import claimants
from pipelines.nlp.claims.claim import Claim
from pipelines.nlp.claims.context import DocContext
from pipelines.nlp.claims.spans import inside
from pipelines.nlp.claims.transcripts import MAX_SALUTATION_WORDS, Speaker
from pipelines.nlp.claims.words import word

#: attributions whose claimant a first-person pronoun may be
_ATTRIBUTED = frozenset({"direct_quote", "indirect", "according_to"})


def _first_sentence(ctx: DocContext) -> tuple[int, int]:
    """Token range of the text's first sentence (by the claims layer's segments, else the parser's)."""
    doc = ctx.doc
    if len(ctx.sentence_starts) > 1:
        end = next((t.i for t in doc if t.idx >= ctx.sentence_starts[1]), len(doc))
        return 0, end
    first = next(iter(doc.sents), None) if doc.has_annotation("SENT_START") else None
    return (0, first.end) if first is not None else (0, len(doc))


def introduced_speaker(ctx: DocContext) -> tuple[Speaker, int] | None:
    """The speaker the text's first sentence introduces (see the module docstring) and the character offset
    where that sentence ends, or None."""
    if not ctx.has_pos or not (ctx.pack.transcripts or {}).get("first_person_singular"):
        return None
    doc = ctx.doc
    lo, hi = _first_sentence(ctx)
    if any(t.pos_ in ("VERB", "AUX") for t in doc[lo:hi]):
        return None  # "Іван Крулько заявив …": a report about someone, no introduction
    names: list[Span] = [e for e in ctx.ents_within(lo, hi) if e.label_ == "PER"]
    if not names:
        return None
    name = names[0]
    if name.end >= hi or doc[name.end].text != ",":
        return None
    before = doc[lo : name.start]
    words = [t for t in before if word(t)]
    if before and (len(words) > MAX_SALUTATION_WORDS or before[-1].text not in (",", "!")):
        return None
    if any(e.label_ in ("PER", "ORG") for e in ctx.ents_within(lo, name.start)):
        return None
    alias = claimants.lookup_alias(ctx, name.text) or claimants.lookup_alias_suffix(ctx, name.text)
    canonical = alias.canonical if alias else claimants.entity_canonical(ctx, name.text, "PER", 0)
    speaker = Speaker(
        name.text,
        canonical,
        claimants.alias_claimant_type(alias) or "person",
        claimants.alias_side(alias),
        False,
    )
    end = doc[hi - 1].idx + len(doc[hi - 1].text)
    return speaker, end


def resolve_first_person(ctx: DocContext, claims: list[Claim]) -> list[Claim]:
    """``claims`` with the introduced speaker (:func:`introduced_speaker`) as claimant of each attributed claim
    after the introduction whose claimant is a bare first-person singular pronoun outside quotation marks."""
    found = introduced_speaker(ctx)
    if found is None:
        return claims
    speaker, after = found
    singular = {str(w).casefold() for w in (ctx.pack.transcripts or {}).get("first_person_singular", ())}
    out: list[Claim] = []
    for claim in claims:
        span = claim.claimant_span
        if (
            claim.attribution in _ATTRIBUTED
            and claim.claimant_canonical is None
            and span is not None
            and span[0] >= after
            and ctx.text[span[0] : span[1]].casefold() in singular
            and not inside(ctx.quotes, *span)
        ):
            claim = speaker.claimant_of(claim)
        out.append(claim)
    return out


__all__ = ["introduced_speaker", "resolve_first_person"]
