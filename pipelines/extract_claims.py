"""Stage 5 — give each claim its id and turn claim-extraction failures into rejects.

``ExtractClaims``: ``PCollection[Annotation] → {'results': PCollection[ClaimsResult], 'rejects': PCollection[Reject]}``

The claims themselves are found in stage 4 (:mod:`pipelines.extract_entities`), on the same parsed ``Doc`` as the
entities, by the ``claimflow_claims_v1`` spaCy component (see :mod:`pipelines.nlp.claims`): attributions (direct
quotes, indirect speech, "according to"), claimants, event types, quantities, times and hedges; times resolve
against the article's ``published_at``. Here each claim gets a ``claim_id`` that is the same on every rerun or
replay of the same record. An article whose claims failed keeps its article and entity rows; the failure goes
to ``rejects`` (stage ``extract_claims``).
"""

from __future__ import annotations

import hashlib
from collections.abc import Iterator
from dataclasses import dataclass
from typing import Any

import apache_beam as beam
from apache_beam import pvalue
from apache_beam.metrics import Metrics

from pipelines.nlp.claims.claim import Claim
from pipelines.nlp.langpacks import claim_languages
from pipelines.records import NO_TOPIC, Annotation, Reject

STAGE = "extract_claims"
REJECTS = "rejects"
_NAMESPACE = "claimflow.extract_claims"


@dataclass(frozen=True, slots=True)
class ClaimsResult:
    annotation: Annotation
    claims: tuple[Claim, ...]
    claim_ids: tuple[str, ...] = ()


def claim_id(annotation: Annotation, claim: Claim) -> str:
    """Stable id from the record's coordinates and the claim's spans. A record without Kafka coordinates
    (:data:`~pipelines.records.NO_TOPIC`, ``claimflow extract``) is identified by its article id alone."""
    a = annotation.article
    where = f"{a.source_topic}/{a.source_partition}@{a.source_offset}:" if a.source_topic != NO_TOPIC else ""
    key = f"{where}{a.article_id}:{claim.char_start}:"
    key += f"{claim.content_start}:{claim.content_end}:{claim.attribution}"
    return hashlib.sha256(key.encode("utf-8")).hexdigest()[:24]


class _ClaimIdsFn(beam.DoFn):  # type: ignore[misc]
    def setup(self) -> None:
        self._in = Metrics.counter(_NAMESPACE, "articles_in")
        self._out = Metrics.counter(_NAMESPACE, "claims_out")
        self._rejected = Metrics.counter(_NAMESPACE, "rejected")
        self._per_article = Metrics.distribution(_NAMESPACE, "claims_per_article")
        self._unsupported = Metrics.counter(_NAMESPACE, "articles_without_claim_rules")

    def process(self, annotation: Annotation) -> Iterator[Any]:
        self._in.inc()
        if annotation.claims_error is not None:
            self._rejected.inc()
            code, message = annotation.claims_error
            yield pvalue.TaggedOutput(REJECTS, Reject.of_article(annotation.article, STAGE, code, message))
            yield ClaimsResult(annotation, ())
            return
        if annotation.fallback or annotation.article.language not in claim_languages():
            self._unsupported.inc()
        ids = tuple(claim_id(annotation, claim) for claim in annotation.claims)
        self._out.inc(len(ids))
        self._per_article.update(len(ids))
        yield ClaimsResult(annotation, annotation.claims, ids)


class ExtractClaims(beam.PTransform):  # type: ignore[misc]
    """``PCollection[Annotation] → {'results': ClaimsResult, 'rejects': Reject}``."""

    def expand(self, annotations: beam.PCollection) -> pvalue.DoOutputsTuple:
        return annotations | "ClaimIds" >> beam.ParDo(_ClaimIdsFn()).with_outputs(REJECTS, main="results")
