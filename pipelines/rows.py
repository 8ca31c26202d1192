"""Table rows from stage results: one function per table, shaped by ``schemas/tables/*.json``."""

from __future__ import annotations

from collections.abc import Iterator
from datetime import UTC, date
from typing import Any

from pipelines import __version__
from pipelines.extract_claims import ClaimsResult
from pipelines.records import Article, Reject

#: (table, source topic, source partition, source offset, row). A row of None is a *cover marker*: it says the
#: record at that offset was processed, so the writer replaces whatever that table held for it (possibly with
#: nothing). Markers travel with their record's rows, so they always land in the same file group and window.
LakeItem = tuple[str, str, int, int, dict[str, Any] | None]
ARTICLE_TABLES = ("articles", "entities", "claims", "rejects")


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
    for claim, claim_id in zip(result.claims, result.claim_ids, strict=True):
        times = [
            {
                "text": t.text,
                "resolved_start": _as_date(t.resolved_start),
                "resolved_end": _as_date(t.resolved_end),
            }
            for t in claim.times
        ]
        yield {**common, **claim.as_dict(), "claim_id": claim_id, "times": times}


def table_rows(result: ClaimsResult) -> Iterator[LakeItem]:
    """Every row one processed article contributes, plus a cover marker for each table."""
    a = result.annotation.article
    where = (a.source_topic, a.source_partition, a.source_offset)
    for table in ARTICLE_TABLES:
        yield (table, *where, None)
    yield ("articles", *where, article_row(result))
    for row in entity_rows(result):
        yield ("entities", *where, row)
    for row in claim_rows(result):
        yield ("claims", *where, row)


def reject_rows(reject: Reject, *, covers_article_tables: bool) -> Iterator[LakeItem]:
    """The reject row; for records that produced no article, cover markers for the article tables too."""
    where = (reject.topic, reject.partition, reject.offset)
    if covers_article_tables:
        for table in ARTICLE_TABLES:
            yield (table, *where, None)
    yield ("rejects", *where, reject.to_row())
