"""Chunks of a bounded run (:func:`pipelines.job.chunk_ranges`) and its progress line (:mod:`pipelines.progress`).
The run itself, chunk by chunk on a real broker, is in ``test_exactly_once.py``."""

from __future__ import annotations

import io

from pipelines.job import _next_lane, chunk_ranges
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


def _simulate(sizes: list[int], workers: int, chunk: int) -> list[int]:
    """Records each worker runs when lanes of these sizes are handed out as :func:`pipelines.job._run_lanes`
    hands them out (:func:`_next_lane`), a chunk taking as long as its records."""
    lanes = [chunk_ranges([PartitionRange("raw", p, 0, n)], chunk) for p, n in enumerate(sizes)]
    waiting = [(i, list(lane)) for i, lane in enumerate(lanes)]
    busy_until, done = [0] * workers, [0] * workers
    while waiting:
        w = min(range(workers), key=lambda k: busy_until[k])
        number, chunks = waiting.pop(_next_lane(waiting))
        size = sum(r.size for r in chunks.pop(0))
        busy_until[w] += size
        done[w] += size
        if chunks:
            waiting.append((number, chunks))
    return done


def test_workers_take_the_lane_with_most_records_left_first() -> None:
    lanes = [
        (0, chunk_ranges([PartitionRange("raw", 0, 0, 76)], 100)),
        (1, [[PartitionRange("raw", 1, 0, 84)]]),
    ]
    assert _next_lane(lanes) == 1
    tie = [(3, [[PartitionRange("raw", 3, 0, 50)]]), (2, [[PartitionRange("raw", 2, 0, 50)]])]
    assert _next_lane(tie) == 1  # the lower lane number
    # a lane's remaining chunks count together: 100 + 50 left beats one chunk of 120
    split = [
        (0, [[PartitionRange("raw", 0, 0, 120)]]),
        (1, chunk_ranges([PartitionRange("raw", 1, 0, 150)], 100)),
    ]
    assert _next_lane(split) == 1
    # four partitions of a 300-article run on two workers: even, where partition order gave 160 and 140
    assert sorted(_simulate([76, 74, 84, 66], workers=2, chunk=100)) == [150, 150]


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


def test_run_command_sets_the_young_collection_threshold_before_running() -> None:
    import subprocess
    import sys
    from pathlib import Path

    from pipelines.cli import YOUNG_COLLECTION_THRESHOLD

    code = (
        "import gc\n"
        "before = gc.get_threshold()\n"
        "from pipelines import cli, job\n"
        "seen = []\n"
        "def run_bounded(*args, **kwargs):\n"  # stands in for the run: only the threshold it starts with matters
        "    seen.append(gc.get_threshold())\n"
        "    raise SystemExit(0)\n"
        "job.run_bounded = run_bounded\n"
        "try:\n"
        "    cli.main(['run', '--bootstrap-servers', '127.0.0.1:9', '--lake', 'unused-lake'])\n"
        "except SystemExit:\n"
        "    pass\n"
        "print(before, seen)\n"
    )
    repo = Path(__file__).resolve().parents[2]
    out = subprocess.run([sys.executable, "-c", code], cwd=repo, capture_output=True, text=True, check=True)
    # Python's default before the command, the tuned young threshold when the run starts (older ones kept)
    assert out.stdout.strip() == f"(700, 10, 10) [({YOUNG_COLLECTION_THRESHOLD}, 10, 10)]", out.stderr


def test_run_command_runs_blas_on_the_calling_thread_unless_the_user_sized_it() -> None:
    """numpy's OpenBLAS spins a helper thread per extra core after each call (issue 16's overhead): a run sets
    ``OPENBLAS_NUM_THREADS=1`` before numpy is imported, so its workers inherit it; a value the user set stays,
    and with 2 the same process has one thread more."""
    import json
    import os
    import subprocess
    import sys
    from pathlib import Path

    code = (
        "import json, os, sys\n"
        "from pipelines import cli, commands\n"  # neither imports numpy
        "assert 'numpy' not in sys.modules\n"
        "seen = []\n"
        "def cmd_run(args, extra):\n"  # stands in for the run: only the process it starts in matters
        "    import numpy\n"
        "    numpy.ones((64, 64)) @ numpy.ones((64, 64))\n"
        "    seen.append((os.environ.get('OPENBLAS_NUM_THREADS'), len(os.listdir('/proc/self/task'))))\n"
        "    return 0\n"
        "commands.cmd_run = cmd_run\n"
        "cli.main(['run', '--bootstrap-servers', '127.0.0.1:9', '--lake', 'unused-lake'])\n"
        "print(json.dumps(seen[0]))\n"
    )
    repo = Path(__file__).resolve().parents[2]
    seen = {}
    for preset in (None, "2"):
        env = {k: v for k, v in os.environ.items() if k != "OPENBLAS_NUM_THREADS"}
        if preset is not None:
            env["OPENBLAS_NUM_THREADS"] = preset
        out = subprocess.run(
            [sys.executable, "-c", code], cwd=repo, env=env, capture_output=True, text=True, check=True
        )
        seen[preset] = tuple(json.loads(out.stdout))
    (default, threads), (kept, threads_2) = seen[None], seen["2"]
    assert (default, kept) == ("1", "2")
    if (os.cpu_count() or 1) >= 2:
        assert threads_2 == threads + 1  # OpenBLAS's helper thread exists only when the user asks for it
