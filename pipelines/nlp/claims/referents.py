"""Referents of pronouns and back-references: the latest compatible mention of the claims history (claimants
first, then PER/ORG entities) in the current and three previous sentences (split out of :mod:`.claimants`)."""

from __future__ import annotations

import re

from pipelines.nlp.claims.context import DocContext, Mention
from pipelines.nlp.claims.spans import inside

#: a comma (or stop) and a dash before a name inside a quotation, no other mark between: the author's words
_INSERTION_BEFORE = re.compile(r"[,.!?…]\s+[—–-]\s+[^—–«»“”\"\n.!?]{0,70}$")


def resolve(
    ctx: DocContext, want: str, index: int, before_char: int, *, prefer_speaker: bool = False
) -> Mention | None:
    """The latest mention of type ``want`` (PER, ORG, ``group`` for a plural pronoun: any but one person, or a
    back-reference noun's type) up to three sentences back. With ``prefer_speaker`` (a pronoun subject of a
    reporting verb, "…, he said"): the latest claimant of this or the previous sentence, unless a mention of that
    type comes in a later sentence than that claimant's cue; a person named inside a speaker's report is reported
    on, the speaker goes on speaking ("Drew said Peiris would have succeeded … . '…,' he said": Drew), and a name
    inside a quotation is never such a pronoun's antecedent (what the quotation is about, not who speaks)."""
    best = _latest(ctx, want, index, before_char, speakers_only=False, quoted_out=prefer_speaker)
    if prefer_speaker:
        speaker = _latest(ctx, want, index, before_char, speakers_only=True)
        if (
            speaker is not None
            and speaker.sent_index >= index - 1
            and (best is None or best.sent_index <= speaker.sent_index)
        ):
            return speaker
    return best


def _latest(
    ctx: DocContext, want: str, index: int, before_char: int, *, speakers_only: bool, quoted_out: bool = False
) -> Mention | None:
    best: Mention | None = None
    # the history is in sentence order: read it back to three sentences before this one; among equal
    # (sentence, char) keys the latest entry wins
    for m in reversed(ctx.history):
        if m.sent_index < index - 3:
            break
        if m.char >= before_char and m.sent_index == index:
            continue
        if m.sent_index > index:
            continue
        if want == "PER" and not (m.label == "PER" or m.type in ("person", "anonymous")):
            continue  # (an anonymous source speaks as a person: "Співрозмовник … розповів … За його словами")
        if want == "ORG" and (m.person or _plural_untyped(ctx, m)):
            continue  # ("The callers said …, the newspaper said": not the callers)
        if want == "group" and _one_person(ctx, m):
            continue
        if speakers_only and not m.speaker:
            continue
        if quoted_out and _quoted_topic(ctx, m):
            continue  # «… такой человек, как Берлускони, …», — заявил он: a name in the quotation is its topic
        if m.addressee:
            continue
        if best is None or (m.sent_index, m.char) > (best.sent_index, best.char):
            best = m
    return best


def _plural_untyped(ctx: DocContext, m: Mention) -> bool:
    """A noun phrase in the plural of no claimant type ("callers"): never "it" or "the newspaper"."""
    if m.label != "NP" or m.type is not None:
        return False
    span = ctx.written(m)
    return span is not None and "Plur" in span.root.morph.get("Number")


def _one_person(ctx: DocContext, m: Mention) -> bool:
    """A person's name, or a person's phrase in the singular ("the spokesman"; not "people briefed on …")."""
    span = ctx.written(m)
    if span is None:
        return m.label == "PER"
    number = span.root.morph.get("Number")
    if "Plur" in number:
        return False
    return span.root.ent_type_ == "PER" or (m.type in ("person", "anonymous") and "Sing" in number)


def _quoted_topic(ctx: DocContext, m: Mention) -> bool:
    """A name inside a quotation that no claim has as its speaker (the author's words between dashes inside a
    quotation, «…, – пояснює координатор Андрій Мельник. – …», name the speaker)."""
    if m.speaker or inside(ctx.quotes, m.char, m.char + 1) == 0:
        return False
    if _INSERTION_BEFORE.search(ctx.text, max(0, m.char - 80), m.char):
        return False  # «…, — напомнил Медведев. — …»: the author's words between dashes
    return not any(
        h.speaker and h.sent_index == m.sent_index and abs(h.char - m.char) <= 60 and m.text in h.text
        for h in ctx.history
    )


def latest_claimant(ctx: DocContext, index: int, within: int) -> Mention | None:
    for m in reversed(ctx.history):
        if m.sent_index < index - within:
            break
        if m.sent_index < index and m.label in ("PER", "ORG", "NP") and m.type:
            return m
    return None
