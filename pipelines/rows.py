"""Table rows from stage results: one function per table, shaped by ``schemas/tables/*.json``."""

from __future__ import annotations

from collections.abc import Iterator
from datetime import UTC, date
from typing import Any

from pipelines import __version__
from pipelines.extract_claims import ClaimsResult
from pipelines.records import Article, Reject

TableRow = tuple[str, dict[str, Any]]


def _lineage_and_partitions(article: Article) -> dict[str, Any]:
    return {**article.lineage(), "published_date": article.published_date, "language": article.language}


def article_row(result: ClaimsResult) -> dict[str, Any]:
    ann = result.annotation
    a = ann.article
    return {
        "article_id": a.article_id,
        "source": a.source,
        "url": a.url,
        "title": a.title,
        "published_at": a.published_at.astimezone(UTC),
        "language_confidence": a.language_confidence,
        "language_detector": a.language_detector,
        "language_hint": a.language_hint,
        "content_type": a.content_type,
        "text": a.text,
        "text_length": len(a.text),
        "word_count": ann.word_count,
        "sentence_count": ann.sentence_count,
        "nlp_pipeline": ann.pipeline,
        "nlp_fallback": ann.fallback,
        "entity_count": len(ann.entities),
        "claim_count": len(result.claims),
        "schema_version": a.schema_version,
        "pipeline_version": __version__,
        **_lineage_and_partitions(a),
    }


def entity_rows(result: ClaimsResult) -> Iterator[dict[str, Any]]:
    a = result.annotation.article
    common = {"article_id": a.article_id, **_lineage_and_partitions(a)}
    for index, ent in enumerate(result.annotation.entities):
        yield {**common, "entity_index": index, **ent}


def _as_date(value: str | None) -> date | None:
    return date.fromisoformat(value) if value else None


def claim_rows(result: ClaimsResult) -> Iterator[dict[str, Any]]:
    a = result.annotation.article
    common = {
        "article_id": a.article_id,
        "outlet": a.source,
        "published_at": a.published_at.astimezone(UTC),
        **_lineage_and_partitions(a),
    }
    for claim in result.claims:
        times = [
            {
                "text": t["text"],
                "resolved_start": _as_date(t.get("resolved_start")),
                "resolved_end": _as_date(t.get("resolved_end")),
            }
            for t in claim["times"]
        ]
        yield {**common, **claim, "times": times}


def table_rows(result: ClaimsResult) -> Iterator[TableRow]:
    """All rows one processed article contributes, tagged with their table."""
    yield "articles", article_row(result)
    for row in entity_rows(result):
        yield "entities", row
    for row in claim_rows(result):
        yield "claims", row


def reject_row(reject: Reject) -> TableRow:
    return "rejects", reject.to_row()
