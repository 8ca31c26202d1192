"""Rows for lake tests without Kafka or models: processed articles and rejects, written with WriteLake."""

from __future__ import annotations

from datetime import UTC, datetime
from pathlib import Path
from typing import Any

import apache_beam as beam
from apache_beam.options.pipeline_options import PipelineOptions

from pipelines.extract_claims import ClaimsResult
from pipelines.lake import dataset
from pipelines.nlp.claims.claim import Claim
from pipelines.records import Annotation, Article, Reject
from pipelines.rows import reject_rows, table_rows
from pipelines.schema import TABLES, table_spec
from pipelines.write_lake import WriteLake

TOPIC = "articles.raw"
BUCKET = 100


def claim(i: int, **overrides: Any) -> dict[str, Any]:
    base = {
        "sentence_index": i, "char_start": 0, "char_end": 30,
        "sentence": "The council said the bridge reopened.", "content": "the bridge reopened",
        "content_start": 17, "content_end": 36 + i, "attribution": "indirect",
        "cue": "say", "cue_text": "said", "claimant": "The council", "claimant_canonical": None,
        "claimant_type": "government", "claimant_side": None, "event_type": "statement", "actors": [],
        "targets": [], "locations": ["Riverton"],
        "quantities": [{"text": "two", "value": 2.0, "lower_bound": 2.0, "upper_bound": 2.0,
                        "qualifier": "exact", "unit": "lanes"}],
        "times": [{"text": "on Monday", "resolved_start": "2025-01-06", "resolved_end": "2025-01-06"}],
        "hedged": False, "hedge_cues": [], "negated": False, "fingerprint": "statement|riverton",
    }  # fmt: skip
    return {**base, **overrides}


def result(
    offset: int,
    partition: int = 0,
    *,
    claims: int = 2,
    lang: str = "en",
    day: int = 7,
    source: str = "wire",
    claim_overrides: dict[str, Any] | None = None,
    title: str = "Bridge reopens",
) -> ClaimsResult:
    article = Article(
        article_id=f"a{partition}-{offset}", source=source, url=f"https://example.org/{partition}/{offset}",
        title=title, published_at=datetime(2025, 1, day, 10, tzinfo=UTC),
        text="The council said the bridge reopened on Monday.", content_type="text", language_hint=None,
        schema_version="1", source_topic=TOPIC, source_partition=partition, source_offset=offset,
        source_timestamp_ms=int(datetime(2025, 1, day, 11, tzinfo=UTC).timestamp() * 1000), language=lang,
        language_confidence=0.99, language_detector="test",
    )  # fmt: skip
    entity = {"text": "Riverton", "label": "LOC", "canonical": "Riverton", "start_char": 0, "end_char": 8,
              "sentence_index": 0, "origin": "model"}  # fmt: skip
    ann = Annotation(article, "test@1", False, 8, 1, (entity,))
    found = tuple(Claim.from_dict(claim(i, **(claim_overrides or {}))) for i in range(claims))
    return ClaimsResult(ann, found, tuple(f"{partition}-{offset}-{i}" for i in range(claims)))


def reject(offset: int, partition: int = 0, *, day: int = 7) -> Reject:
    ts = int(datetime(2025, 1, day, 12, tzinfo=UTC).timestamp() * 1000)
    return Reject("parse", "invalid_record", "published_at: received 'soon'; allowed: an ISO 8601 time",
                  TOPIC, partition, offset, ts, b"k", b'{"id": "x"}', (("h", b"v"),))  # fmt: skip


def write(
    lake: Path, results: list[ClaimsResult], rejects: list[Reject] | None = None, *, bucket: int = BUCKET
) -> None:
    items = [i for r in results for i in table_rows(r)]
    items += [i for r in rejects or [] for i in reject_rows(r, covers_article_tables=True)]
    with beam.Pipeline(options=PipelineOptions(["--runner=apache_beam.runners.portability.fn_api_runner.FnApiRunner"])) as p:
        _ = p | beam.Create(items) | WriteLake(str(lake), bucket_size=bucket)


def counts(lake: Path) -> dict[str, int]:
    return {t: dataset(str(lake), t).count_rows() for t in TABLES}


def duplicate_keys(lake: Path) -> dict[str, int]:
    """Per table: rows minus distinct primary keys (0 everywhere when keys are unique)."""
    out = {}
    for table in TABLES:
        pk = list(table_spec(table).primary_key)
        t = dataset(str(lake), table).to_table(columns=pk)
        out[table] = t.num_rows - t.group_by(pk).aggregate([]).num_rows
    return out


def sample_run() -> tuple[list[ClaimsResult], list[Reject]]:
    """Two topic-partitions, two days, three languages, offsets across two buckets, and rejects."""
    results = [result(o, 0, lang="en") for o in range(0, 6)]
    results += [result(o, 0, lang="uk", day=8, claims=1) for o in range(6, 9)]
    results += [result(o, 1, lang="ru", claims=3) for o in range(95, 105)]
    rejects = [reject(9, 0), reject(105, 1, day=8)]
    return results, rejects
