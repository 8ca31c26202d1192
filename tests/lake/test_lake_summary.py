"""`claimflow lake` summaries and `claimflow query` (views, claim_clusters, run_query)."""

from __future__ import annotations

from datetime import UTC, datetime
from pathlib import Path

import pytest
from lake_rows import counts, result, sample_run, write

from pipelines.errors import UsageError
from pipelines.lake import (
    CLAIM_CLUSTERS_COLUMNS,
    connect,
    partition_table,
    run_query,
    summarize,
    summarize_partitions,
    summary_table,
)
from pipelines.schema import TABLES, table_spec


def test_summary_per_table_and_partition(tmp_path: Path) -> None:
    lake = tmp_path / "lake"
    write(lake, *sample_run())
    tables = {s.table: s for s in summarize(str(lake))}
    assert {t: s.rows for t, s in tables.items()} == counts(lake)
    assert tables["articles"].partitions == 3  # 07/en, 08/uk, 07/ru
    assert tables["articles"].files == 4  # 07/ru holds two offset buckets of partition 1 (95..99, 100..104)
    assert (tables["articles"].first_date, tables["articles"].last_date) == ("2025-01-07", "2025-01-08")
    assert (tables["rejects"].first_date, tables["rejects"].last_date) == ("2025-01-07", "2025-01-08")
    on_disk = sum(p.stat().st_size for p in (lake / "claims").rglob("*.parquet"))
    assert tables["claims"].bytes == on_disk > 0

    parts = {p.partition: p for p in summarize_partitions(str(lake), "claims")}
    assert sorted(parts) == [
        "published_date=2025-01-07/language=en",
        "published_date=2025-01-07/language=ru",
        "published_date=2025-01-08/language=uk",
    ]
    ru = parts["published_date=2025-01-07/language=ru"]
    assert (ru.rows, ru.files, ru.schema_versions) == (30, 2, (table_spec("claims").schema_version,))
    assert ru.values == {"published_date": "2025-01-07", "language": "ru"}

    headers, rows = summary_table(str(lake))
    assert headers == ["table", "rows", "files", "bytes", "partitions", "first_date", "last_date"]
    assert [r[0] for r in rows] == list(TABLES)
    headers, rows = partition_table(str(lake))
    assert headers[:3] == ["table", "partition", "rows"]
    assert sum(r[2] for r in rows) == sum(counts(lake).values())


def test_summary_of_an_empty_lake(tmp_path: Path) -> None:
    assert [(s.table, s.rows, s.files, s.first_date) for s in summarize(str(tmp_path))] == [
        (t, 0, 0, None) for t in TABLES
    ]
    assert summarize_partitions(str(tmp_path)) == []


def _clusters_lake(lake: Path) -> None:
    same = "attack|kherson|2025-01-07"
    write(lake, [
        result(0, source="outlet-a", claims=1, claim_overrides={
            "fingerprint": same, "claimant_canonical": "Defence Ministry UA", "claimant_side": "ua"}),
        result(1, source="outlet-b", lang="ru", claims=1, claim_overrides={
            "fingerprint": same, "claimant_canonical": "Defence Ministry RU", "claimant_side": "ru"}),
        result(2, source="outlet-b", day=8, claims=1, claim_overrides={
            "fingerprint": same, "claimant_canonical": None, "claimant_side": None}),
        result(3, source="outlet-a", claims=2, claim_overrides={
            "fingerprint": "statement|kyiv", "claimant_canonical": "City Council", "claimant_side": "ua"}),
        result(4, source="outlet-c", claims=1, claim_overrides={
            "fingerprint": "statement|kyiv", "claimant_canonical": None, "claimant_side": None}),
        # no event type, or neither actor nor place: no cluster, whatever the fingerprint
        result(5, source="outlet-c", claims=1, claim_overrides={
            "fingerprint": "statement|kyiv", "event_type": "other", "claimant_side": "ru"}),
        result(6, source="outlet-d", claims=1, claim_overrides={
            "fingerprint": "other|none", "event_type": "other", "locations": []}),
        result(7, source="outlet-d", claims=1, claim_overrides={
            "fingerprint": "attack|none", "event_type": "attack", "actors": [], "locations": []}),
        # schema 2.0: such claims have no fingerprint at all, and nulls never group into a cluster
        result(8, source="outlet-e", claims=2, claim_overrides={
            "fingerprint": None, "event_type": "other", "actors": [], "locations": []}),
        result(9, source="outlet-f", claims=1, claim_overrides={
            "fingerprint": None, "event_type": "other", "actors": [], "locations": []}),
    ])  # fmt: skip


def test_claim_clusters_view(tmp_path: Path) -> None:
    lake = tmp_path / "lake"
    _clusters_lake(lake)
    con = connect(str(lake))
    described = [(r[0], r[1]) for r in con.execute("DESCRIBE claim_clusters").fetchall()]
    assert described == [(name, dtype) for name, dtype, _ in CLAIM_CLUSTERS_COLUMNS]
    rows = con.execute("SELECT * FROM claim_clusters ORDER BY fingerprint").fetchall()
    by_fp = {r[0]: dict(zip([c[0] for c in CLAIM_CLUSTERS_COLUMNS], r, strict=True)) for r in rows}
    attack = by_fp["attack|kherson|2025-01-07"]
    keys = ("claims", "articles", "claimants", "outlets", "languages")
    assert tuple(attack[k] for k in keys) == (
        3, 3, 2, 2, 2,
    )  # fmt: skip
    assert attack["sides"] == ["ru", "ua"] and attack["opposing_sides"] is True
    assert attack["first_published_at"] == datetime(2025, 1, 7, 10, tzinfo=UTC)
    assert attack["last_published_at"] == datetime(2025, 1, 8, 10, tzinfo=UTC)
    kyiv = by_fp["statement|kyiv"]
    assert (kyiv["claims"], kyiv["claimants"], kyiv["outlets"], kyiv["sides"], kyiv["opposing_sides"]) == (
        3, 1, 2, ["ua"], False,
    )  # fmt: skip
    assert kyiv["claimant_names"] == ["City Council"]  # claimants without a canonical name are left out
    assert kyiv["outlet_names"] == ["outlet-a", "outlet-c"]
    assert set(by_fp) == {"attack|kherson|2025-01-07", "statement|kyiv"}
    assert con.execute("SELECT count(*) FROM claims WHERE fingerprint IS NULL").fetchone() == (3,)


def test_run_query(tmp_path: Path) -> None:
    lake = tmp_path / "lake"
    _clusters_lake(lake)
    headers, rows = run_query(str(lake), "SELECT language, count(*) AS n FROM articles GROUP BY 1 ORDER BY 1")
    assert headers == ["language", "n"] and rows == [("en", 9), ("ru", 1)]
    headers, rows = run_query(str(lake), "SELECT count(*) FROM claim_clusters WHERE opposing_sides")
    assert rows == [(1,)]
    with pytest.raises(
        UsageError, match=r"(?s)query failed: .*tweets.*tables: articles, entities, claims, rejects"
    ):
        run_query(str(lake), "SELECT * FROM tweets")
