"""Stage 5 — extract and normalise the claims each article reports.

``ExtractClaims``: ``PCollection[Annotation] → {'results': PCollection[ClaimsResult], 'rejects': PCollection[Reject]}``

The parsed doc from :mod:`pipelines.extract_entities` is restored from its DocBin bytes and given to the
``claimflow_claims_v1`` spaCy component (see :mod:`pipelines.nlp.claims`), which finds attributions
(direct quotes, indirect speech, "according to"), claimants, event types, quantities, times and hedges.
Times resolve against the article's ``published_at``. Each claim gets a ``claim_id`` that is the same on
every rerun or replay of the same record. An article whose claims fail keeps its article and entity rows;
the failure goes to ``rejects`` (stage ``extract_claims``).
"""

from __future__ import annotations

import hashlib
import time
from collections.abc import Iterator
from dataclasses import dataclass
from typing import Any

import apache_beam as beam
from apache_beam import pvalue
from apache_beam.metrics import Metrics

from pipelines.errors import error_code
from pipelines.nlp.claims.claim import Claim
from pipelines.nlp.registry import SUPPORTED_CLAIM_LANGUAGES
from pipelines.records import Annotation, Reject

STAGE = "extract_claims"
REJECTS = "rejects"
_NAMESPACE = "claimflow.extract_claims"


@dataclass(frozen=True, slots=True)
class ClaimsResult:
    annotation: Annotation
    claims: tuple[Claim, ...]
    claim_ids: tuple[str, ...] = ()


def claim_id(annotation: Annotation, claim: Claim) -> str:
    """Stable id from the record's coordinates and the claim's spans."""
    a = annotation.article
    key = f"{a.source_topic}/{a.source_partition}@{a.source_offset}:{a.article_id}:{claim.char_start}:"
    key += f"{claim.content_start}:{claim.content_end}:{claim.attribution}"
    return hashlib.sha256(key.encode("utf-8")).hexdigest()[:24]


class _ExtractClaimsFn(beam.DoFn):  # type: ignore[misc]
    def setup(self) -> None:
        self._pipelines: dict[str, Any] = {}
        self._in = Metrics.counter(_NAMESPACE, "articles_in")
        self._out = Metrics.counter(_NAMESPACE, "claims_out")
        self._rejected = Metrics.counter(_NAMESPACE, "rejected")
        self._latency = Metrics.distribution(_NAMESPACE, "latency_us")
        self._per_article = Metrics.distribution(_NAMESPACE, "claims_per_article")
        self._unsupported = Metrics.counter(_NAMESPACE, "articles_without_claim_rules")

    def _extractor(self, language: str) -> Any:
        if language not in self._pipelines:
            import spacy

            from pipelines.nlp.claims import CLAIMS_FACTORY

            nlp = spacy.blank(language)
            nlp.add_pipe(CLAIMS_FACTORY, name="claimflow_claims")
            self._pipelines[language] = nlp
        return self._pipelines[language]

    def process(self, annotation: Annotation) -> Iterator[Any]:
        self._in.inc()
        if annotation.fallback or annotation.article.language not in SUPPORTED_CLAIM_LANGUAGES:
            self._unsupported.inc()
            yield ClaimsResult(annotation, ())
            return
        started = time.perf_counter()
        try:
            from spacy.tokens import DocBin

            nlp = self._extractor(annotation.article.language)
            doc = next(iter(DocBin().from_bytes(annotation.doc_bytes).get_docs(nlp.vocab)))
            doc._.published_at = annotation.article.published_at
            doc = nlp.get_pipe("claimflow_claims")(doc)
            claims: list[Claim] = list(doc._.claims)
            ids = tuple(claim_id(annotation, claim) for claim in claims)
        except Exception as exc:
            self._rejected.inc()
            message = f"claim extraction failed: {type(exc).__name__}: {exc}"
            yield pvalue.TaggedOutput(
                REJECTS, Reject.of_article(annotation.article, STAGE, error_code(exc), message)
            )
            yield ClaimsResult(annotation, ())
            return
        self._out.inc(len(claims))
        self._per_article.update(len(claims))
        self._latency.update(int((time.perf_counter() - started) * 1e6))
        yield ClaimsResult(annotation, tuple(claims), ids)


class ExtractClaims(beam.PTransform):  # type: ignore[misc]
    """``PCollection[Annotation] → {'results': ClaimsResult, 'rejects': Reject}``."""

    def expand(self, annotations: beam.PCollection) -> pvalue.DoOutputsTuple:
        return annotations | "Extract" >> beam.ParDo(_ExtractClaimsFn()).with_outputs(REJECTS, main="results")
