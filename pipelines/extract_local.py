"""``claimflow extract``: the pipeline's NLP on files, without Kafka or Parquet.

``extract_records(inputs, nlp) → one dict per input record``, in input order.

The records (article-contract JSON, as ``claimflow publish`` reads them) go through the pipeline's own stages on
the in-process Beam runner: :class:`~pipelines.parse_articles.ParseArticles`,
:class:`~pipelines.detect_language.DetectLanguage`, :class:`~pipelines.extract_entities.ExtractEntities` and
:class:`~pipelines.extract_claims.ExtractClaims`; claims become rows with :func:`pipelines.rows.claim_rows`. The
records have no Kafka coordinates: those columns are null, and ``claim_id`` hashes the article id in their place
(:data:`pipelines.records.NO_TOPIC`).
"""

from __future__ import annotations

import json
import tempfile
from collections.abc import Iterator, Sequence
from datetime import date, datetime
from pathlib import Path
from typing import Any

import apache_beam as beam

from pipelines.config import NlpSettings
from pipelines.detect_language import DetectLanguage
from pipelines.extract_claims import ClaimsResult, ExtractClaims
from pipelines.extract_entities import ExtractEntities
from pipelines.parse_articles import ParseArticles
from pipelines.records import NO_TOPIC, KafkaRecord, Reject
from pipelines.rows import claim_rows
from pipelines.runners import FN_API_RUNNER

#: claim columns that hold Kafka coordinates: null in ``extract`` output
KAFKA_COLUMNS = ("source_topic", "source_partition", "source_offset", "source_timestamp")


def _plain(value: Any) -> Any:
    if isinstance(value, dict):
        return {k: _plain(v) for k, v in value.items()}
    if isinstance(value, list | tuple):
        return [_plain(v) for v in value]
    if isinstance(value, datetime | date):
        return value.isoformat()
    return value


def result_line(result: ClaimsResult) -> tuple[int, dict[str, Any]]:
    """(input index, output object) of an analysed article."""
    a = result.annotation.article
    claims = [{**_plain(row), **dict.fromkeys(KAFKA_COLUMNS)} for row in claim_rows(result)]
    return a.source_offset, {
        "id": a.article_id,
        "language": a.language,
        "entities": [dict(e) for e in result.annotation.entities],
        "claims": claims,
    }


def reject_line(reject: Reject) -> tuple[int, dict[str, Any]]:
    """(input index, output object) of a record a stage rejected."""
    article_id = reject.key.decode("utf-8", "replace") if reject.key is not None else None
    if article_id is None and reject.payload:
        try:
            value = json.loads(reject.payload)
            article_id = value.get("id") if isinstance(value, dict) else None
        except ValueError:
            article_id = None
    what = {"stage": reject.stage, "code": reject.error_code, "message": reject.error_message}
    return reject.offset, {"id": article_id, "reject": what}


def _records(raws: Sequence[bytes]) -> list[KafkaRecord]:
    return [KafkaRecord(NO_TOPIC, 0, index, 0, None, raw) for index, raw in enumerate(raws)]


def extract_records(raws: Sequence[bytes], nlp: NlpSettings) -> Iterator[dict[str, Any]]:
    """The output object of each raw record, in input order (see the module docstring)."""
    if not raws:
        return
    with tempfile.TemporaryDirectory(prefix="claimflow-extract-") as tmp:
        out = str(Path(tmp) / "out.jsonl")
        with beam.Pipeline(runner=FN_API_RUNNER) as p:
            records = p | "Records" >> beam.Create(_records(raws))
            parsed = records | "ParseArticles" >> ParseArticles()
            detected = parsed.articles | "DetectLanguage" >> DetectLanguage(min_letters=nlp.min_letters)
            annotated = detected.articles | "ExtractEntities" >> ExtractEntities(
                nlp.models, batch_size=nlp.batch_size, max_text_chars=nlp.max_text_chars, learned=nlp.learned
            )
            claims = annotated.annotations | "ExtractClaims" >> ExtractClaims()
            rejects = (parsed.rejects, detected.rejects, annotated.rejects, claims.rejects) | (
                "Rejects" >> beam.Flatten()
            )
            lines = (
                claims.results | "ResultLines" >> beam.Map(result_line),
                rejects | "RejectLines" >> beam.Map(reject_line),
            ) | "Lines" >> beam.Flatten()
            _ = (
                lines
                | "Json" >> beam.Map(lambda item: json.dumps(item, ensure_ascii=False))
                | "Write" >> beam.io.WriteToText(out, num_shards=1, shard_name_template="")
            )
        yield from _merge(Path(out).read_text(encoding="utf-8").splitlines(), len(raws))


def _merge(lines: Sequence[str], count: int) -> Iterator[dict[str, Any]]:
    """One object per input: an article whose claims failed has both its result and its ``reject``."""
    by_index: dict[int, dict[str, Any]] = {}
    for line in lines:
        index, item = json.loads(line)
        by_index.setdefault(index, {}).update(item)
    order = ("id", "language", "entities", "claims", "reject")
    for index in range(count):
        item = by_index[index]
        yield {key: item[key] for key in order if key in item}
