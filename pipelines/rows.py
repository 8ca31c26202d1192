"""Table rows from stage results: one function per table, shaped by ``schemas/tables/*.json``.

Row building is a step that handles one record at a time, so it never fails the run: a record whose rows
cannot be built, or that the writer could not convert to Arrow (:func:`to_arrow`, the writer's own
conversion, is tried on each record's rows here), becomes a ``rejects`` row of stage ``rows`` instead.
"""

from __future__ import annotations

import dataclasses
from collections.abc import Iterator, Sequence
from datetime import UTC, date
from typing import Any

import pyarrow as pa
from apache_beam.metrics import Metrics

from pipelines import __version__
from pipelines.errors import describe_exception, error_code
from pipelines.extract_claims import ClaimsResult
from pipelines.records import Article, Reject, timestamp_issue
from pipelines.schema import table_spec

#: (table, source topic, source partition, source offset, row). A row of None is a *cover marker*: it says the
#: record at that offset was processed, so the writer replaces whatever that table held for it (possibly with
#: nothing). Markers travel with their record's rows, so they always land in the same file group and window.
LakeItem = tuple[str, str, int, int, dict[str, Any] | None]
ARTICLE_TABLES = ("articles", "entities", "claims", "rejects")
STAGE = "rows"
_NAMESPACE = "claimflow.rows"


def to_arrow(table: str, rows: Sequence[dict[str, Any]], *, with_partitions: bool = False) -> pa.Table:
    """Rows of one table as an Arrow table of its declared schema (the writer's conversion). Raises when a
    value does not fit its column, including a null in a non-null column."""
    converted = pa.Table.from_pylist(
        list(rows), schema=table_spec(table).arrow_schema(with_partitions=with_partitions)
    )
    converted.validate(full=True)
    for name in converted.schema.names:
        column_field = converted.schema.field(name)
        if not column_field.nullable and converted.column(name).null_count:
            raise ValueError(
                f"column {table}.{name}: received null; allowed: a value (the column is non-null)"
            )
    return converted


def _check_rows(rows: Sequence[tuple[str, dict[str, Any]]]) -> None:
    """Raise unless every row converts to its table's Arrow schema, partition columns included."""
    for table in ARTICLE_TABLES:
        mine = [row for t, row in rows if t == table]
        if mine:
            to_arrow(table, mine, with_partitions=True)


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
        "truncated": ann.truncated,
        "word_count": ann.word_count,
        "sentence_count": ann.sentence_count,
        "nlp_pipeline": ann.pipeline,
        "nlp_fallback": ann.fallback,
        "entity_count": len(ann.entities),
        "claim_count": len(result.claims),
        "schema_version": a.schema_version,
        "pipeline_version": __version__,
        "source_timestamp_issue": timestamp_issue(a.source_timestamp_ms),
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
    """Every row one processed article contributes, plus a cover marker for each table. When any of its rows
    cannot be built or converted, the record's rows are its ``rejects`` row instead (stage ``rows``)."""
    a = result.annotation.article
    where = (a.source_topic, a.source_partition, a.source_offset)
    try:
        rows = [("articles", article_row(result))]
        rows += [("entities", row) for row in entity_rows(result)]
        rows += [("claims", row) for row in claim_rows(result)]
        _check_rows(rows)
    except Exception as exc:
        Metrics.counter(_NAMESPACE, "rejected").inc()
        message = f"building the table rows failed: {describe_exception(exc)}"
        yield from reject_rows(
            Reject.of_article(a, STAGE, error_code(exc), message), covers_article_tables=True
        )
        return
    for table in ARTICLE_TABLES:
        yield (table, *where, None)
    for table, row in rows:
        yield (table, *where, row)


def reject_rows(reject: Reject, *, covers_article_tables: bool) -> Iterator[LakeItem]:
    """The reject row; for records that produced no article, cover markers for the article tables too.

    A reject whose row does not convert (a header or key no rule foresaw) keeps its stage, code, message and
    payload and loses the parts that failed: its headers and key, then its message."""
    where = (reject.topic, reject.partition, reject.offset)
    if covers_article_tables:
        for table in ARTICLE_TABLES:
            yield (table, *where, None)
    try:
        row = reject.to_row()
        _check_rows([("rejects", row)])
    except Exception as exc:
        Metrics.counter(_NAMESPACE, "reject_rows_reduced").inc()
        bare = dataclasses.replace(
            reject,
            key=None,
            headers=(),
            error_message=f"{reject.error_message[:2000]!a} (headers and key dropped: {describe_exception(exc)!a})",
        )
        row = bare.to_row()
    yield ("rejects", *where, row)
