"""Issue 3 acceptance on real brokers (Tansu and Apache Kafka): exact ranges, kill -9 and resume, follow mode,
replays."""

from __future__ import annotations

import itertools
import os
import signal
import subprocess
import sys
import time
from dataclasses import replace
from pathlib import Path
from typing import Any

import pytest
from conftest import on_every_broker
from kafka_helpers import article, kafka_toml, produce_raw
from lake_tables import snapshot

from pipelines.config import Settings
from pipelines.job import run_bounded
from pipelines.lake import dataset
from pipelines.nlp import assemble
from pipelines.offsets import Position, parse_position, plan_ranges
from pipelines.schema import TABLES, table_spec

pytestmark = [pytest.mark.kafka, on_every_broker]
N = 2000


def _settings(kafka_settings, lake: Path) -> Settings:  # type: ignore[no-untyped-def]
    base = Settings()
    # Sentence-split fallback only: these tests are about delivery, not NLP quality (and must be quick).
    return replace(base, kafka=kafka_settings, lake=replace(base.lake, path=str(lake), offset_bucket=300),
                   nlp=replace(base.nlp, models={}))  # fmt: skip


def _config_file(tmp_path: Path, kafka_settings, lake: Path) -> Path:  # type: ignore[no-untyped-def]
    path = tmp_path / "claimflow.toml"
    path.write_text(
        kafka_toml(kafka_settings) + f'[lake]\npath = "{lake}"\noffset_bucket = 300\n[nlp]\nmodels = {{}}\n'
        "[streaming]\nfollow_interval_seconds = 0.5\n"
    )
    return path


def _assert_unique_keys(lake: Path) -> None:
    for table in TABLES:
        data = dataset(str(lake), table).to_table()
        keys = list(zip(*(data.column(k).to_pylist() for k in table_spec(table).primary_key), strict=True))
        assert len(keys) == len(set(keys)), f"duplicate primary keys in {table}"


def _produce(kafka_settings, start: int, stop: int) -> None:  # type: ignore[no-untyped-def]
    produce_raw(kafka_settings, [article(i, ("en", "ru", "uk")[i % 3]) for i in range(start, stop)])


def _cli(config: Path, *args: str) -> subprocess.Popen[bytes]:
    return subprocess.Popen(
        [sys.executable, "-m", "pipelines.cli", "--config", str(config), *args],
        stdout=subprocess.PIPE, stderr=subprocess.STDOUT,
    )  # fmt: skip


def test_bounded_runs_are_exact(kafka_settings, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    _produce(kafka_settings, 0, N)
    lake = tmp_path / "all"
    run_bounded(_settings(kafka_settings, lake), Position("earliest"), Position("end"))
    assert dataset(str(lake), "articles").count_rows() == N
    _assert_unique_keys(lake)

    # --from offset on one partition → exactly the rest of that partition
    config = kafka_settings.client_config()
    full = {
        r.partition: r
        for r in plan_ranges(config, "x", [kafka_settings.raw_topic], Position("earliest"), Position("end"))
    }
    sub = tmp_path / "sub"
    start = parse_position([f"offset:{kafka_settings.raw_topic}:2:100"])
    run_bounded(_settings(kafka_settings, sub), start, Position("end"), commit=False)
    offsets = dataset(str(sub), "articles").to_table().column("source_offset").to_pylist()
    assert sorted(offsets) == list(range(100, full[2].stop))


def test_replay_with_other_batch_boundaries_changes_nothing(kafka_settings, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    _produce(kafka_settings, 0, 600)
    lake = tmp_path / "lake"
    settings = _settings(kafka_settings, lake)
    run_bounded(settings, Position("earliest"), Position("end"))
    before = snapshot(lake)
    topic = kafka_settings.raw_topic
    ends = {
        r.partition: r.stop
        for r in plan_ranges(
            kafka_settings.client_config(), "x", [topic], Position("earliest"), Position("end")
        )
    }
    cuts = [0, 37, 111, 10**9]  # batch boundaries that cross the writer's 300-offset file groups differently
    for lo, hi in itertools.pairwise(cuts):
        start = parse_position([f"offset:{topic}:{p}:{min(lo, e)}" for p, e in ends.items()])
        until = parse_position([f"offset:{topic}:{p}:{min(hi, e)}" for p, e in ends.items()], until=True)
        run_bounded(settings, start, until, commit=False)
    after = snapshot(lake)
    for table in TABLES:
        assert after[table].equals(before[table]), f"{table} changed after a replay"


def test_chunked_run_equals_one_run_and_commits_each_chunk(kafka_settings, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    _produce(kafka_settings, 0, 500)
    one = tmp_path / "one"
    whole = _settings(kafka_settings, one)
    group = replace(kafka_settings, group_id="one-chunk")
    whole_report = run_bounded(replace(whole, kafka=group, streaming=replace(whole.streaming, chunk_records=10**6)),
                               Position("committed"), Position("end"))  # fmt: skip
    chunked = _settings(kafka_settings, tmp_path / "chunked")
    chunked = replace(chunked, streaming=replace(chunked.streaming, chunk_records=70))
    seen: list[tuple[int, int]] = []
    committed: list[int] = []
    config = kafka_settings.client_config()

    def progress(done: int, planned: int, seconds: float) -> None:
        seen.append((done, planned))
        ranges = plan_ranges(config, kafka_settings.group_id, [kafka_settings.raw_topic],
                             Position("committed"), Position("end"))  # fmt: skip
        committed.append(sum(r.size for r in ranges))  # what a rerun would still read

    report = run_bounded(chunked, Position("committed"), Position("end"), progress=progress)
    assert report.records == 500
    assert seen == [(min(500, 70 * k), 500) for k in range(1, 9)]
    assert committed == [500 - done for done, _ in seen]  # each chunk committed before the next
    assert report.counters["claimflow.parse/articles_out"] == 500
    before, after = snapshot(one), snapshot(tmp_path / "chunked")
    for table in TABLES:
        assert after[table].equals(before[table]), f"{table} differs between one run and chunks of 70"
    # chunks rewrite a file group's file, keeping the rows of the chunks before: those are not written again
    rows = sum(t.num_rows for t in after.values())
    assert whole_report.counters["claimflow.write/rows_written"] == rows
    assert report.counters["claimflow.write/rows_written"] == rows


def test_two_workers_write_the_same_lake_as_one_run(kafka_settings, tmp_path: Path, monkeypatch) -> None:  # type: ignore[no-untyped-def]
    _produce(kafka_settings, 0, 300)
    one = _settings(kafka_settings, tmp_path / "one")
    run_bounded(replace(one, kafka=replace(kafka_settings, group_id="one-worker")),
                Position("committed"), Position("end"))  # fmt: skip
    # the workers fork from this process, which has loaded every pipeline: none may load one again
    parent, load = os.getpid(), assemble.build_nlp

    def parent_only(*args: Any, **kwargs: Any) -> Any:
        assert os.getpid() == parent, f"worker {os.getpid()} loaded a pipeline its parent had loaded: {args}"
        return load(*args, **kwargs)

    monkeypatch.setattr(assemble, "build_nlp", parent_only)
    two = _settings(kafka_settings, tmp_path / "two")
    two = replace(two, streaming=replace(two.streaming, chunk_records=40, workers=2))
    seen: list[int] = []
    report = run_bounded(two, Position("committed"), Position("end"), progress=lambda d, p, s: seen.append(d))
    assert seen == sorted(seen) and seen[-1] == 300 and len(seen) > 4
    assert report.counters["claimflow.parse/articles_out"] == 300
    left = plan_ranges(kafka_settings.client_config(), kafka_settings.group_id, [kafka_settings.raw_topic],
                       Position("committed"), Position("end"))  # fmt: skip
    assert sum(r.size for r in left) == 0  # every partition committed to its end
    before, after = snapshot(tmp_path / "one"), snapshot(tmp_path / "two")
    for table in TABLES:
        assert after[table].equals(before[table]), f"{table} differs between one worker and two"


@pytest.mark.slow
def test_kill_minus_nine_three_times_then_resume(kafka_settings, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    _produce(kafka_settings, 0, N)
    reference = tmp_path / "reference"
    started = time.monotonic()
    run_bounded(replace(_settings(kafka_settings, reference), kafka=replace(kafka_settings, group_id="reference")),
                Position("earliest"), Position("end"))  # fmt: skip
    duration = time.monotonic() - started

    lake = tmp_path / "killed"
    config = _config_file(tmp_path, kafka_settings, lake)

    def files_exist() -> bool:
        return any(lake.rglob("*.parquet")) or any(lake.rglob(".part-*"))

    kill_points = [lambda t: t > 1.0, lambda t: files_exist(), lambda t: t > 0.8 * duration]
    for should_kill in kill_points:
        proc = _cli(config, "run")
        t0 = time.monotonic()
        while proc.poll() is None and not should_kill(time.monotonic() - t0):
            time.sleep(0.05)
        if proc.poll() is None:
            os.kill(proc.pid, signal.SIGKILL)
        proc.wait()
    proc = _cli(config, "run", "--from", "committed")
    out, _ = proc.communicate(timeout=600)
    assert proc.returncode == 0, out.decode()
    _assert_unique_keys(lake)
    got, want = snapshot(lake), snapshot(reference)
    for table in TABLES:
        assert got[table].num_rows == want[table].num_rows, table
        assert got[table].equals(want[table]), f"{table} differs from the uninterrupted run"


@pytest.mark.slow
def test_follow_picks_up_new_records_and_resumes_after_stop(kafka_settings, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    lake = tmp_path / "lake"
    config = _config_file(tmp_path, kafka_settings, lake)

    def rows() -> int:
        return dataset(str(lake), "articles").count_rows()

    def wait_for(n: int, timeout: float = 120.0) -> None:
        deadline = time.monotonic() + timeout
        while rows() < n and time.monotonic() < deadline:
            time.sleep(0.25)
        assert rows() == n

    proc = _cli(config, "run", "--follow", "--from", "earliest")
    try:
        time.sleep(1.0)
        _produce(kafka_settings, 0, 50)
        wait_for(50)
        _produce(kafka_settings, 50, 70)
        wait_for(70)
    finally:
        proc.send_signal(signal.SIGTERM)
        out, _ = proc.communicate(timeout=120)
    assert proc.returncode == 0, out.decode()
    assert b"stopped after" in out

    _produce(kafka_settings, 70, 100)  # produced while nothing runs
    proc = _cli(config, "run", "--follow")
    try:
        wait_for(100)
    finally:
        proc.send_signal(signal.SIGTERM)
        proc.communicate(timeout=120)
    _assert_unique_keys(lake)
