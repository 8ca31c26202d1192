"""The one shape of a claim: :class:`Claim`, what the claim layer finds in a sentence.

A ``Claim`` holds the columns of the ``claims`` table (``schemas/tables/claims.json``) that describe what was
found; the article-level columns (``article_id``, ``outlet``, ``published_at``, lineage and partitions) are
added by :func:`pipelines.rows.claim_rows`, and ``claim_id`` by the claims stage. ``cue_span`` and
``claimant_span`` (characters of the cue and of the claimant phrase as written) serve evaluation and are not
columns, nor is ``framed``: the rules found the claim by a fixed frame of the sentence, which the attribution
tagger need not confirm (a source and cue inside the clause the content covers, "The talks, officials said, had
stalled", "The report, which officials said was leaked, …"; a possessive report noun, "Moscow's claim that …"). A test checks the table schema against this class (``tests/nlp/test_claim_shape.py``).
"""

from __future__ import annotations

from dataclasses import dataclass, field, fields, replace
from typing import Any

from pipelines.errors import StageError
from pipelines.nlp.claims.quantities import Quantity
from pipelines.nlp.claims.times import TimeExpr

ATTRIBUTIONS = ("direct_quote", "indirect", "according_to", "unattributed", "transcript")
CLAIMANT_TYPES = ("person", "government", "military", "organisation", "media", "experts", "anonymous")

#: metadata of the fields that are not columns of the ``claims`` table
_NOT_A_COLUMN = {"column": False}


@dataclass(frozen=True, slots=True)
class Claim:
    """One claim: where it is (sentence and content spans), who claims it, how, and what it is about."""

    sentence_index: int
    char_start: int
    char_end: int
    sentence: str
    content: str
    content_start: int
    content_end: int
    attribution: str
    cue: str | None
    cue_text: str | None
    claimant: str | None
    claimant_canonical: str | None
    claimant_type: str | None
    claimant_side: str | None
    event_type: str
    actors: tuple[str, ...]
    targets: tuple[str, ...]
    locations: tuple[str, ...]
    quantities: tuple[Quantity, ...]
    times: tuple[TimeExpr, ...]
    hedged: bool
    hedge_cues: tuple[str, ...]
    negated: bool
    fingerprint: str | None
    cue_span: tuple[int, int] | None = field(default=None, metadata=_NOT_A_COLUMN)
    claimant_span: tuple[int, int] | None = field(default=None, metadata=_NOT_A_COLUMN)
    framed: bool = field(default=False, metadata=_NOT_A_COLUMN)

    def __post_init__(self) -> None:
        if self.attribution not in ATTRIBUTIONS:
            raise StageError(f"attribution: received {self.attribution!r}; allowed: {sorted(ATTRIBUTIONS)}")
        if self.claimant_type is not None and self.claimant_type not in CLAIMANT_TYPES:
            raise StageError(
                f"claimant_type: received {self.claimant_type!r}; allowed: {sorted(CLAIMANT_TYPES)}"
            )

    def as_dict(self) -> dict[str, Any]:
        """The columns (keys: :data:`CLAIM_KEYS`), lists for list columns, quantities and times as dicts."""
        return {
            **{name: getattr(self, name) for name in CLAIM_KEYS},
            "actors": list(self.actors),
            "targets": list(self.targets),
            "locations": list(self.locations),
            "quantities": [q.as_dict() for q in self.quantities],
            "times": [t.as_dict() for t in self.times],
            "hedge_cues": list(self.hedge_cues),
        }

    @classmethod
    def from_dict(cls, row: dict[str, Any]) -> Claim:
        """The claim of a dict with the keys :data:`CLAIM_KEYS` (what :meth:`as_dict` gives); other keys are
        ignored. Quantities and times get offsets 0 (rows do not keep them)."""
        values = {name: row[name] for name in CLAIM_KEYS}
        for name in ("actors", "targets", "locations", "hedge_cues"):
            values[name] = tuple(row[name])
        values["quantities"] = tuple(Quantity(**q, start=0, end=0) for q in row["quantities"])
        values["times"] = tuple(TimeExpr(**t, start=0, end=0) for t in row["times"])
        return cls(**values)


#: the columns a :class:`Claim` fills, in table order
CLAIM_KEYS = tuple(f.name for f in fields(Claim) if f.metadata.get("column", True))


def said_by(claim: Claim, source: Claim, *, attribution: str | None = None, spans: bool = True) -> Claim:
    """``claim`` as said by ``source``'s claimant with its cue (claimant, canonical name, type, side, cue);
    ``attribution`` replaces the claim's own when given; ``spans``: take where the source and cue are written
    too (False for a claim whose sentence does not hold them)."""
    out = replace(
        claim,
        attribution=attribution or claim.attribution,
        cue=source.cue,
        cue_text=source.cue_text,
        claimant=source.claimant,
        claimant_canonical=source.claimant_canonical,
        claimant_type=source.claimant_type,
        claimant_side=source.claimant_side,
    )
    return replace(out, cue_span=source.cue_span, claimant_span=source.claimant_span) if spans else out


def one_per_report(claims: list[Claim]) -> list[Claim]:
    """``claims`` of one sentence without a second claim of the same content by the same claimant: of two cues
    reporting one clause ("ответил журналистам, добавив, что …"), the one nearest before the content, which
    introduces it."""
    kept: list[Claim] = []
    for c in claims:
        twin = next(
            (
                k
                for k in kept
                if (k.content_start, k.content_end, k.claimant)
                == (c.content_start, c.content_end, c.claimant)
                and k.cue_span is not None
                and c.cue_span is not None
            ),
            None,
        )
        if twin is None:
            kept.append(c)
        elif (
            twin.cue_span is not None
            and c.cue_span is not None
            and twin.cue_span[0] < c.cue_span[0] <= c.content_start
        ):
            kept[kept.index(twin)] = c
    return kept
