"""The lake writer: deterministic files, reruns that overwrite, replays that replace, atomic renames."""

from __future__ import annotations

from datetime import UTC, datetime
from pathlib import Path
from typing import Any

import apache_beam as beam
import duckdb
import pyarrow.dataset as ds
import pytest
from apache_beam.options.pipeline_options import PipelineOptions

from pipelines.extract_claims import ClaimsResult
from pipelines.lake import dataset
from pipelines.nlp.claims.claim import Claim
from pipelines.records import Annotation, Article, Reject
from pipelines.rows import reject_rows, table_rows
from pipelines.write_lake import WriteLake, _WriteFileGroupFn

TOPIC = "articles.raw"


def _claim(i: int) -> dict[str, Any]:
    return {
        "sentence_index": i, "char_start": 0, "char_end": 10, "sentence": "s", "content": "c",
        "content_start": 2, "content_end": 4 + i, "attribution": "indirect", "cue": "say", "cue_text": "said",
        "claimant": "X", "claimant_canonical": None, "claimant_type": "person", "claimant_side": None,
        "event_type": "statement", "actors": [], "targets": [], "locations": ["Kyiv"],
        "quantities": [{"text": "70", "value": 70.0, "lower_bound": 70.0, "upper_bound": None,
                        "qualifier": "more_than", "unit": "tanks"}],
        "times": [{"text": "on Monday", "resolved_start": "2025-01-06", "resolved_end": "2025-01-06"}],
        "hedged": False, "hedge_cues": [], "negated": False, "fingerprint": "f", "claim_id": f"id-{i}",
    }  # fmt: skip


def result(offset: int, partition: int = 0, *, claims: int = 2, lang: str = "en") -> ClaimsResult:
    article = Article(
        article_id=f"a{partition}-{offset}", source="wire", url="https://example.org", title="t",
        published_at=datetime(2025, 1, 7, 10, tzinfo=UTC), text="Some text.", content_type="text",
        language_hint=None, schema_version="1", source_topic=TOPIC, source_partition=partition,
        source_offset=offset, source_timestamp_ms=1_736_240_000_000, language=lang, language_confidence=0.99,
        language_detector="test",
    )  # fmt: skip
    entity = {"text": "Kyiv", "label": "LOC", "canonical": "Kyiv", "start_char": 0, "end_char": 4,
              "sentence_index": 0, "origin": "model"}  # fmt: skip
    ann = Annotation(article, "test@1", False, 2, 1, (entity,))
    found = tuple(Claim.from_dict(_claim(i)) for i in range(claims))
    return ClaimsResult(ann, found, tuple(f"{partition}-{offset}-{i}" for i in range(claims)))


def write(lake: Path, results: list[ClaimsResult], rejects: list[Reject] = ()) -> None:  # type: ignore[assignment]
    items = [i for r in results for i in table_rows(r)]
    items += [i for r in rejects for i in reject_rows(r, covers_article_tables=True)]
    with beam.Pipeline(
        options=PipelineOptions(["--runner=apache_beam.runners.portability.fn_api_runner.FnApiRunner"])
    ) as p:
        _ = p | beam.Create(items) | WriteLake(str(lake), bucket_size=100)


def counts(lake: Path) -> dict[str, int]:
    return {t: dataset(str(lake), t).count_rows() for t in ("articles", "entities", "claims", "rejects")}


def test_layout_types_and_readers(tmp_path: Path) -> None:
    lake = tmp_path / "lake"
    write(lake, [result(o) for o in range(5)] + [result(150, lang="uk")])
    files = sorted(p.relative_to(lake).as_posix() for p in lake.rglob("*.parquet"))
    assert "articles/published_date=2025-01-07/language=en/part-articles.raw-00000-00000000.parquet" in files
    assert "claims/published_date=2025-01-07/language=uk/part-articles.raw-00000-00000001.parquet" in files
    assert counts(lake) == {"articles": 6, "entities": 6, "claims": 12, "rejects": 0}
    claims = dataset(str(lake), "claims").to_table()
    assert claims.column("times").to_pylist()[0][0]["resolved_start"].isoformat() == "2025-01-06"
    sql = f"SELECT count(*) FROM read_parquet('{lake}/claims/**/*.parquet', hive_partitioning=true)"
    n = duckdb.connect().execute(sql).fetchone()
    assert n == (12,)


def test_rerun_overwrites_and_replay_replaces(tmp_path: Path) -> None:
    lake = tmp_path / "lake"
    batch = [result(o, p) for p in (0, 1) for o in range(10)]
    write(lake, batch)
    first = counts(lake)
    files = sorted(lake.rglob("*.parquet"))
    write(lake, batch)  # same records again
    assert counts(lake) == first and sorted(lake.rglob("*.parquet")) == files

    # Replay offsets 5..9 of partition 0 where articles now yield 1 claim (was 2), one of them none at all.
    replay = [result(o, 0, claims=1) for o in range(5, 9)] + [result(9, 0, claims=0)]
    write(lake, replay)
    after = counts(lake)
    assert after["articles"] == first["articles"] == 20
    assert after["claims"] == first["claims"] - 5 - 1
    keys = dataset(str(lake), "claims").to_table(columns=["claim_id"]).column("claim_id").to_pylist()
    assert len(keys) == len(set(keys))


def test_a_replay_that_moves_a_row_to_another_partition_leaves_no_copy(tmp_path: Path) -> None:
    lake = tmp_path / "lake"
    write(lake, [result(1, lang="ru")])
    write(lake, [result(1, lang="uk")])  # language detection improved
    table = dataset(str(lake), "articles").to_table()
    assert table.column("language").to_pylist() == ["uk"]
    assert not list(lake.glob("articles/*/language=ru/*.parquet"))


def test_rejects_are_written_with_their_payload(tmp_path: Path) -> None:
    lake = tmp_path / "lake"
    reject = Reject("parse", "invalid_record", "published_at: received 'yesterday'", TOPIC, 0, 3,
                    1_736_240_000_000, b"k", b'{"id": 1}', (("h", b"v"),))  # fmt: skip
    write(lake, [], [reject])
    (row,) = dataset(str(lake), "rejects").to_table().to_pylist()
    assert row["payload"] == b'{"id": 1}' and row["stage"] == "parse" and row["reject_date"] == "2025-01-07"


def test_files_are_renamed_into_place_atomically(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """A writer killed mid-write leaves only a hidden temporary file, which readers ignore."""
    import pyarrow.parquet as pq

    lake = tmp_path / "lake"

    def crash(*args: Any, **kwargs: Any) -> None:
        raise KeyboardInterrupt("killed mid-write")

    fn = _WriteFileGroupFn(str(lake), "zstd", 1000)
    fn.setup()
    monkeypatch.setattr(pq, "write_table", crash)
    items = [(offset, row) for table, _, _, offset, row in table_rows(result(0)) if table == "articles"]
    with pytest.raises(KeyboardInterrupt):
        list(fn.process((("articles", TOPIC, 0, 0), items)))
    assert not list(lake.rglob("*.parquet"))
    assert next(p.name for p in lake.rglob("*") if p.is_file()).startswith(".part-")
    assert ds.dataset(str(lake / "articles"), format="parquet").count_rows() == 0


class _AppearingDirectory:
    """A filesystem whose first listing fails as pyarrow's does when another writer creates the directory being
    listed (FileNotFoundError although ``allow_not_found`` is set); every other call goes to the real one."""

    def __init__(self, real: Any) -> None:
        self._real = real
        self.listings = 0

    def get_file_info(self, selector: Any) -> Any:
        self.listings += 1
        if self.listings == 1:
            raise FileNotFoundError("[Errno 2] Cannot list directory: No such file or directory")
        return self._real.get_file_info(selector)

    def __getattr__(self, name: str) -> Any:
        return getattr(self._real, name)


def test_a_table_directory_another_writer_creates_while_it_is_listed_is_listed_again(tmp_path: Path) -> None:
    """Two workers' first chunks on a new lake (CI saw it once in test_two_workers_write_the_same_lake_as_one_run):
    the write goes on, and its file is in place."""
    lake = tmp_path / "lake"
    fn = _WriteFileGroupFn(str(lake), "zstd", 1000)
    fn.setup()
    flaky = _AppearingDirectory(fn._fs)
    fn._fs = flaky
    items = [(offset, row) for table, _, _, offset, row in table_rows(result(0)) if table == "articles"]
    rows = sum(1 for _, row in items if row is not None)
    written = list(fn.process((("articles", TOPIC, 0, 0), items)))
    assert flaky.listings > 1 and [w.rows for w in written] == [rows] and rows > 0
    assert ds.dataset(str(lake / "articles"), format="parquet").count_rows() == rows
