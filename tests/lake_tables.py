"""The lake's tables read back sorted by primary key, to compare two runs' lakes table by table."""

from __future__ import annotations

from dataclasses import replace
from pathlib import Path

import pyarrow as pa

from pipelines.config import KafkaSettings, Settings
from pipelines.lake import dataset
from pipelines.schema import TABLES, table_spec


def snapshot(lake: Path) -> dict[str, pa.Table]:
    """Every table of ``lake``, sorted by its primary key."""
    out = {}
    for table in TABLES:
        data = dataset(str(lake), table).to_table()
        keys = [(k, "ascending") for k in table_spec(table).primary_key]
        out[table] = data.sort_by(keys) if data.num_rows else data
    return out


def assert_same_tables(got: Path, want: Path, *, reference: str = "the reference run") -> None:
    """The lake ``got`` holds exactly the rows of ``want``, table by table."""
    a, b = snapshot(got), snapshot(want)
    for table in TABLES:
        assert a[table].num_rows == b[table].num_rows, table
        assert a[table].equals(b[table]), f"{table} differs from {reference}"


def runner_settings(kafka: KafkaSettings, lake: Path) -> Settings:
    """Settings of the runner tests (Flink, Prism): the fallback NLP (these tests are about delivery), offset
    buckets of 300, streaming windows of 2 s."""
    base = Settings()
    return replace(base, kafka=kafka, lake=replace(base.lake, path=str(lake), offset_bucket=300),
                   nlp=replace(base.nlp, models={}), streaming=replace(base.streaming, window_seconds=2))  # fmt: skip
