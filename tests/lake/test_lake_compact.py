"""Compaction: duplicates removed, file groups kept so replays still replace, atomic writes."""

from __future__ import annotations

import os
import shutil
from pathlib import Path
from typing import Any

import pyarrow.parquet as pq
import pytest
from lake_rows import BUCKET, TOPIC, counts, duplicate_keys, result, sample_run, write

from pipelines import compact as compact_module
from pipelines.compact import compact
from pipelines.errors import UsageError
from pipelines.lake import dataset, lake_files
from pipelines.schema import TABLES, table_spec
from pipelines.write_lake import file_name as writer_file_name


def _files(lake: Path) -> dict[str, bytes]:
    return {p.relative_to(lake).as_posix(): p.read_bytes() for p in sorted(lake.rglob("*.parquet"))}


def _age(path: Path, seconds: int) -> None:
    st = path.stat()
    os.utime(path, (st.st_atime - seconds, st.st_mtime - seconds))


def test_file_names_match_the_writer() -> None:
    assert compact_module.file_name(TOPIC, 3, 12) == writer_file_name(TOPIC, 3, 12)


def test_a_clean_lake_is_left_untouched(tmp_path: Path) -> None:
    lake = tmp_path / "lake"
    write(lake, *sample_run())
    before = _files(lake)
    report = compact(str(lake), bucket_size=BUCKET)
    assert report.rewritten == 0 and report.duplicates_removed == 0
    assert report.files_before == report.files_after == len(before)
    assert _files(lake) == before


def test_run_replay_compact_leaves_one_row_per_primary_key(tmp_path: Path) -> None:
    """Acceptance: after a run, a replay of the same range and a compaction, every key is unique."""
    lake = tmp_path / "lake"
    results, rejects = sample_run()
    write(lake, results, rejects)
    first = counts(lake)
    write(lake, results, rejects)  # replay of the same range
    report = compact(str(lake), bucket_size=BUCKET)
    assert counts(lake) == first
    assert first == {"articles": 19, "entities": 19, "claims": 6 * 2 + 3 + 10 * 3, "rejects": 2}
    assert duplicate_keys(lake) == dict.fromkeys(TABLES, 0)
    assert report.rows_after == sum(first.values())


def test_compact_removes_duplicates_then_a_replay_still_replaces(tmp_path: Path) -> None:
    lake = tmp_path / "lake"
    results, rejects = sample_run()
    write(lake, results, rejects)
    expected = counts(lake)
    claims_dir = lake / "claims/published_date=2025-01-07/language=en"
    # Duplicates the writer cannot see: a copy under a foreign name, and a stale copy in another partition
    # (as left by a writer killed between rewriting two partitions of a row that changed language).
    shutil.copy(claims_dir / writer_file_name(TOPIC, 0, 0), claims_dir / "copied-by-hand.parquet")
    stale = lake / "claims/published_date=2025-01-07/language=de"
    stale.mkdir(parents=True)
    shutil.copy(claims_dir / writer_file_name(TOPIC, 0, 0), stale / writer_file_name(TOPIC, 0, 0))
    for path in (stale / writer_file_name(TOPIC, 0, 0), claims_dir / "copied-by-hand.parquet"):
        _age(path, 3600)  # older than the writer's file: the writer's rows win
    assert duplicate_keys(lake)["claims"] == 2 * 12

    report = compact(str(lake), "claims", bucket_size=BUCKET)
    assert report.duplicates_removed == 2 * 12
    assert duplicate_keys(lake)["claims"] == 0 and counts(lake) == expected
    names = sorted(p.name for p in claims_dir.glob("*.parquet"))
    assert names == [writer_file_name(TOPIC, 0, 0)]
    assert not list(stale.glob("*.parquet"))

    # A replay after compaction: offsets 2..4 now yield one claim each (was two), offset 5 none.
    replay = [result(o, 0, claims=1) for o in range(2, 5)] + [result(5, 0, claims=0)]
    write(lake, replay)
    assert duplicate_keys(lake) == dict.fromkeys(TABLES, 0)
    assert counts(lake)["claims"] == expected["claims"] - 3 - 2
    assert counts(lake)["articles"] == expected["articles"]
    claims = dataset(str(lake), "claims").to_table(columns=["claim_id"]).column("claim_id").to_pylist()
    assert "0-2-1" not in claims and "0-5-0" not in claims and "0-2-0" in claims


def test_foreign_files_are_merged_into_their_file_groups(tmp_path: Path) -> None:
    """Rows of files under other names move into the files the writer finds, so a replay replaces them."""
    lake = tmp_path / "lake"
    write(lake, [result(o) for o in range(4)])
    d = lake / "articles/published_date=2025-01-07/language=en"
    group = d / writer_file_name(TOPIC, 0, 0)
    table = pq.read_table(group)
    pq.write_table(table.slice(0, 2), d / "import-a.parquet")
    pq.write_table(table.slice(2, 2), d / "import-b.parquet")
    group.unlink()
    report = compact(str(lake), "articles", bucket_size=BUCKET)
    assert [p.name for p in d.glob("*.parquet")] == [group.name]
    assert report.files_before == 2 and report.files_after == 1
    write(lake, [result(o, title="Bridge reopens, council says") for o in range(4)])  # replay
    titles = dataset(str(lake), "articles").to_table(columns=["title"]).column("title").to_pylist()
    assert titles == ["Bridge reopens, council says"] * 4


def test_changing_the_offset_bucket_needs_an_explicit_rebucket(tmp_path: Path) -> None:
    lake = tmp_path / "lake"
    results = [result(o, lang="en") for o in (5, 150, 250)]
    write(lake, results, bucket=100)
    d = lake / "articles/published_date=2025-01-07/language=en"
    assert len(list(d.glob("*.parquet"))) == 3
    before = _files(lake)
    with pytest.raises(UsageError, match="offset bucket other than 1000"):
        compact(str(lake), bucket_size=1000)
    assert _files(lake) == before  # refused before changing anything

    report = compact(str(lake), bucket_size=1000, allow_rebucket=True)
    assert [p.name for p in d.glob("*.parquet")] == [writer_file_name(TOPIC, 0, 0)]
    assert report.files_after == 3  # one per table with rows (rejects has none)
    write(lake, [result(o, lang="en", claims=1) for o in (5, 150, 250)], bucket=1000)  # replay, new bucket
    assert duplicate_keys(lake) == dict.fromkeys(TABLES, 0)
    assert counts(lake) == {"articles": 3, "entities": 3, "claims": 3, "rejects": 0}


def test_old_schema_versions_are_upgraded(tmp_path: Path) -> None:
    lake = tmp_path / "lake"
    write(lake, [result(o) for o in range(3)])
    path = lake / "articles/published_date=2025-01-07/language=en" / writer_file_name(TOPIC, 0, 0)
    old = pq.read_table(path).drop_columns(["language_hint"])  # pretend 0.9 had no language_hint
    pq.write_table(
        old.replace_schema_metadata({**old.schema.metadata, b"claimflow.schema_version": b"0.9"}), path
    )
    report = compact(str(lake), "articles", bucket_size=BUCKET)
    current = table_spec("articles").schema_version
    assert report.rewritten == 1 and f"schema upgraded to {current}" in report.partitions[0].reasons
    meta = pq.read_metadata(path).metadata
    assert meta[b"claimflow.schema_version"] == table_spec("articles").schema_version.encode()
    assert dataset(str(lake), "articles").to_table().column("language_hint").null_count == 3


def test_compaction_killed_mid_write_leaves_the_old_files(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """A compaction interrupted while writing never shows a partial file; the old files stay intact."""
    lake = tmp_path / "lake"
    write(lake, [result(o) for o in range(4)])
    d = lake / "claims/published_date=2025-01-07/language=en"
    shutil.copy(d / writer_file_name(TOPIC, 0, 0), d / "dup.parquet")
    before = _files(lake)
    expected = counts(lake)

    def killed(*args: Any, **kwargs: Any) -> None:
        raise KeyboardInterrupt("killed mid-write")

    monkeypatch.setattr(compact_module.pq, "write_table", killed)
    with pytest.raises(KeyboardInterrupt):
        compact(str(lake), "claims", bucket_size=BUCKET)
    monkeypatch.undo()
    assert _files(lake) == before and counts(lake) == expected
    leftovers = [p.name for p in d.iterdir() if not p.name.endswith(".parquet")]
    assert len(leftovers) == 1 and leftovers[0].startswith(f".{writer_file_name(TOPIC, 0, 0)}.compact-tmp-")
    assert dataset(str(lake), "claims").count_rows() == expected["claims"]  # readers ignore it

    report = compact(str(lake), "claims", bucket_size=BUCKET, temp_grace_seconds=0)
    assert report.temp_files_removed == 1 and report.duplicates_removed == 8
    assert sorted(p.name for p in d.iterdir()) == [writer_file_name(TOPIC, 0, 0)]


def test_recent_temporary_files_are_kept(tmp_path: Path) -> None:
    lake = tmp_path / "lake"
    write(lake, [result(0)])
    d = lake / "articles/published_date=2025-01-07/language=en"
    fresh = d / f".{writer_file_name(TOPIC, 0, 0)}.tmp-abc"
    old = d / f".{writer_file_name(TOPIC, 0, 1)}.tmp-def"
    fresh.write_bytes(b"partial")
    old.write_bytes(b"partial")
    _age(old, 3600)
    report = compact(str(lake), "articles", bucket_size=BUCKET)
    assert report.temp_files_removed == 1 and fresh.exists() and not old.exists()


def test_compacted_files_carry_layout_and_metadata(tmp_path: Path) -> None:
    lake = tmp_path / "lake"
    write(lake, [result(o) for o in range(3)])
    d = lake / "entities/published_date=2025-01-07/language=en"
    shutil.copy(d / writer_file_name(TOPIC, 0, 0), d / "dup.parquet")
    compact(str(lake), "entities", bucket_size=BUCKET, row_group_rows=2)
    (f,) = lake_files(str(lake), "entities")
    meta = pq.read_metadata(f.path)
    spec = table_spec("entities")
    kv = {k.decode(): v.decode() for k, v in (meta.metadata or {}).items()}
    assert kv["claimflow.schema_version"] == spec.schema_version
    assert kv["claimflow.primary_key"] == ",".join(spec.primary_key)
    assert kv["claimflow.partition_by"] == ",".join(spec.partition_by)
    assert kv["claimflow.table"] == "entities"
    assert meta.num_rows == 3 and meta.num_row_groups == 2
    column = meta.row_group(0).column(0)
    assert column.compression == "ZSTD" and column.is_stats_set
    assert "published_date" not in pq.read_schema(f.path).names


def test_bad_arguments_say_what_is_allowed(tmp_path: Path) -> None:
    with pytest.raises(UsageError, match="allowed: articles, entities, claims, rejects"):
        compact(str(tmp_path), "tweets")
    with pytest.raises(UsageError, match="positive"):
        compact(str(tmp_path), bucket_size=0)
    assert compact(str(tmp_path)).files_after == 0  # an empty lake is fine
