"""The spaCy component ``claimflow_claims_v1``: sets ``doc._.claims`` (a list of
:class:`~pipelines.nlp.claims.claim.Claim`) and ``doc._.furniture`` (character ranges of the site-furniture
lines, :func:`~pipelines.nlp.claims.context.furniture_lines`, and of the furniture sentences run into a line,
:func:`~pipelines.nlp.claims.context.furniture_sentences`) and ``doc._.unasserted`` (how many own-voice
sentences the gate found asserting nothing: :func:`~pipelines.nlp.claims.gate.unworthy`,
:func:`~pipelines.nlp.claims.gate.not_asserted`), reading ``doc._.published_at`` and
``doc._.title`` (the article's title, or None: a title that names a transcript's speaker is parsed by the
components before this one, :mod:`~pipelines.nlp.claims.transcripts`).

spaCy forbids "." in factory names (error E853), so the versioned name uses underscores. It runs last, after
``claimflow_gazetteer_v1`` (:func:`pipelines.nlp.assemble.add_components` assembles the pipeline).
"""

from __future__ import annotations

from datetime import datetime
from typing import Any

from spacy.language import Language
from spacy.tokens import Doc

from pipelines.nlp.aliases import AliasTable
from pipelines.nlp.claims.extract import ClaimExtractor
from pipelines.nlp.claims.gate import DEFAULT_WORTHINESS
from pipelines.nlp.claims.learned import ATTRIBUTION_TAGGER_FACTORY, DEFAULT_POLICY, policy
from pipelines.nlp.claims.transcripts import parse_title
from pipelines.nlp.claims.worthiness import CLAIM_WORTHINESS_FACTORY
from pipelines.nlp.gazetteer import check_language, load_aliases

CLAIMS_FACTORY = "claimflow_claims_v1"
#: components a transcript's title skips: the learned English claim components (only the claims read them)
LEARNED_FACTORIES = frozenset({ATTRIBUTION_TAGGER_FACTORY, CLAIM_WORTHINESS_FACTORY})


def register_extensions() -> None:
    """Register ``Doc._.published_at``, ``Doc._.title``, ``Doc._.claims``, ``Doc._.furniture`` and
    ``Doc._.unasserted`` (idempotent)."""
    if not Doc.has_extension("published_at"):
        Doc.set_extension("published_at", default=None)
    if not Doc.has_extension("title"):
        Doc.set_extension("title", default=None)
    if not Doc.has_extension("claims"):
        Doc.set_extension("claims", default=None)
    if not Doc.has_extension("furniture"):
        Doc.set_extension("furniture", default=None)
    if not Doc.has_extension("unasserted"):
        Doc.set_extension("unasserted", default=None)


register_extensions()


class Claims:
    """Sets ``doc._.claims``."""

    def __init__(
        self,
        lang: str,
        aliases: AliasTable,
        *,
        hedge_lexicon: list[str],
        max_claims_per_doc: int,
        include_unattributed: bool,
        learned_policy: str = DEFAULT_POLICY,
        worthiness: str = DEFAULT_WORTHINESS,
        nlp: Language | None = None,
        name: str = CLAIMS_FACTORY,
    ) -> None:
        self._nlp = nlp  # parses a transcript's title with the components before this one
        self._name = name
        self.extractor = ClaimExtractor(
            lang,
            aliases,
            hedge_lexicon=hedge_lexicon,
            max_claims_per_doc=max_claims_per_doc,
            include_unattributed=include_unattributed,
            learned_policy=policy(learned_policy),
            worthiness=worthiness,
        )

    def __call__(self, doc: Doc) -> Doc:
        published_at: Any = doc._.published_at
        if published_at is not None and not isinstance(published_at, datetime):
            raise TypeError(
                f"doc._.published_at: received {type(published_at).__name__}; "
                "allowed: a timezone-aware datetime or None"
            )
        if isinstance(published_at, datetime) and published_at.tzinfo is None:
            raise ValueError(
                f"doc._.published_at: received naive datetime {published_at.isoformat()}; "
                "allowed: a timezone-aware datetime or None"
            )
        doc._.claims, ctx = self.extractor.extract(doc, published_at, self.title_doc(doc._.title))
        doc._.furniture = list(ctx.furniture)  # its furniture lines and run-in furniture sentences
        doc._.unasserted = ctx.unasserted
        return doc

    def title_doc(self, title: Any) -> Doc | None:
        """The parsed title when it may be a transcript's (:meth:`TranscriptRule.may_match`), else None."""
        if title is not None and not isinstance(title, str):
            raise TypeError(f"doc._.title: received {type(title).__name__}; allowed: a string or None")
        rule = self.extractor.transcripts
        if self._nlp is None or rule is None or title is None or not rule.may_match(title):
            return None
        return parse_title(self._nlp, title, self._name, LEARNED_FACTORIES)


def make_claims(
    nlp: Language,
    name: str,
    *,
    alias_path: str | None,
    hedge_lexicon: list[str],
    max_claims_per_doc: int,
    include_unattributed: bool,
    learned_policy: str,
    worthiness: str,
) -> Claims:
    """Claim extraction. ``hedge_lexicon``: extra hedge cues added to the bundled ones;
    ``max_claims_per_doc``:
    stop after this many claims; ``include_unattributed``: also emit sentences without attribution;
    ``learned_policy``: how the spans of ``claimflow_attribution_tagger_v1`` (when it runs before) join the rule
    claims, one of :data:`pipelines.nlp.claims.learned.POLICIES` (``"rules"``: ignore them); ``worthiness``: which
    unattributed claims must be claim-worthy by ``claimflow_claim_worthiness_v1`` (when it runs before), one of
    :data:`pipelines.nlp.claims.gate.WORTHINESS_MODES`."""
    return Claims(
        check_language(nlp, name),
        load_aliases(alias_path),
        hedge_lexicon=list(hedge_lexicon),
        max_claims_per_doc=max_claims_per_doc,
        include_unattributed=include_unattributed,
        learned_policy=learned_policy,
        worthiness=worthiness,
        nlp=nlp,
        name=name,
    )


# Registered with an explicit call (not a decorator) so that the factory function keeps its type.
CLAIMS_DEFAULTS: dict[str, Any] = {
    "alias_path": None,
    "hedge_lexicon": [],
    "max_claims_per_doc": 500,
    "include_unattributed": True,
    "learned_policy": DEFAULT_POLICY,
    "worthiness": DEFAULT_WORTHINESS,
}
Language.factory(CLAIMS_FACTORY, default_config=CLAIMS_DEFAULTS, func=make_claims)
