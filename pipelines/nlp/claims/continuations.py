"""A quotation continued after its speaker (issue 17): '"A," the governor said on Monday. "B."', «А», — сказал X.
«Б», «А», – сказав X. «Б». The sentence after the one that names the speaker opens a quotation of its own, with
no cue and no source; in news it goes on with the same speaker, so its claim takes that speaker and cue instead
of standing as a quotation nobody said.

Only the very next sentence of the same paragraph is taken, when it is a quotation from its first word and the
sentence before holds nothing but the earlier quotation, its cue, its source and a few words of where or when
(at most :data:`MAX_BETWEEN` words between the two quotations). A chain continues: the claim taken over can pass
its speaker on to the next quotation in turn.
"""

from __future__ import annotations

from pipelines.nlp.claims.claim import Claim, said_by
from pipelines.nlp.claims.context import DocContext

#: the most words between the earlier quotation's end and the continued one's start (its cue and source)
MAX_BETWEEN = 20
_QUOTES = "\"'“”‘’«»„"


def continued(ctx: DocContext, before: Claim | None, claim: Claim) -> Claim:
    """``claim`` with the speaker and cue of ``before`` when it continues that claim's quotation (see the
    module), else ``claim`` unchanged."""
    if (
        before is None
        or claim.attribution != "direct_quote"
        or claim.claimant is not None
        or claim.cue_text is not None
        or before.attribution != "direct_quote"
        or before.claimant is None
        or before.sentence_index != claim.sentence_index - 1
        or before.content_end > claim.content_start
    ):
        return claim
    between = ctx.text[before.content_end : claim.content_start]
    opening = ctx.text[claim.char_start : claim.content_start]
    if (
        "\n" in between
        or opening.strip(_QUOTES + " ") != ""
        or not any(q in opening for q in _QUOTES)
        or len(between.split()) > MAX_BETWEEN
        or any(q in between.strip().strip(_QUOTES + ",.;:—– ") for q in _QUOTES)
    ):
        return claim
    return said_by(claim, before, spans=False)
