"""Chunks of a bounded run (:func:`pipelines.job.chunk_ranges`) and its progress line (:mod:`pipelines.progress`).
The run itself, chunk by chunk on a real broker, is in ``test_exactly_once.py``."""

from __future__ import annotations

import io

from pipelines.job import chunk_ranges
from pipelines.progress import RunProgress
from pipelines.read_kafka import PartitionRange


def test_chunks_cover_every_offset_once_and_hold_at_most_size_records() -> None:
    ranges = [
        PartitionRange("raw", 0, 0, 250),
        PartitionRange("raw", 1, 10, 10),  # nothing to read
        PartitionRange("raw", 2, 5, 120),
        PartitionRange("rejected", 0, 0, 3),
    ]
    chunks = chunk_ranges(ranges, 100)
    assert [sum(r.size for r in c) for c in chunks] == [100, 100, 100, 68]
    covered = [(r.topic, r.partition, o) for c in chunks for r in c for o in range(r.start, r.stop)]
    expected = [(r.topic, r.partition, o) for r in ranges for o in range(r.start, r.stop)]
    assert covered == expected
    assert chunks[2] == [PartitionRange("raw", 0, 200, 250), PartitionRange("raw", 2, 5, 55)]
    assert chunk_ranges([PartitionRange("raw", 0, 7, 7)], 100) == []


def test_progress_on_a_terminal_rewrites_one_line_with_rate_and_eta() -> None:
    out = io.StringIO()
    progress = RunProgress(stream=out, tty=True)
    progress(200, 1000, 100.0)
    progress(1000, 1000, 500.0)
    first, last = out.getvalue().split("\r\033[K")[1:]
    assert first == "run: 200/1000 records (20%), 2.00 records/s, ETA 6m40s"
    assert last == "run: 1000/1000 records (100%), 2.00 records/s, done in 8m20s\n"


def test_progress_in_a_log_writes_a_line_at_most_every_interval_and_the_last() -> None:
    out = io.StringIO()
    progress = RunProgress(stream=out, tty=False, interval=3600.0)
    for done in (100, 200, 300):
        progress(done, 300, done / 10)
    assert out.getvalue().splitlines() == [
        "run: 100/300 records (33%), 10.00 records/s, ETA 0m20s",
        "run: 300/300 records (100%), 10.00 records/s, done in 0m30s",
    ]
