"""claimflow on Beam's Prism runner (a real portable runner: the job graph goes through the Beam job API to
the prism binary, Python workers run in LOOPBACK): a bounded run gives the tables FnApiRunner gives, and one
long-running streaming job picks up records as they arrive, commits offsets at bundle finalization, and after a
kill -9 resumes from them to the same tables as an uninterrupted run."""

from __future__ import annotations

import contextlib
import os
import re
import signal
import subprocess
import sys
import time
from dataclasses import replace
from pathlib import Path

import pytest
from conftest import ROOT, on_every_broker
from kafka_helpers import kafka_toml, produce_articles
from lake_tables import assert_same_tables, runner_settings

from pipelines.job import run_bounded
from pipelines.lake import dataset
from pipelines.offsets import Position, admin_consumer, topic_partitions

pytestmark = [pytest.mark.kafka, pytest.mark.prism]


def _beam_version() -> str:
    text = (ROOT / "pyproject.toml").read_text("utf-8")
    found = re.search(r'"apache-beam==([0-9.]+)"', text)
    assert found, "pyproject.toml pins apache-beam"
    return found.group(1)


@pytest.fixture(scope="session")
def prism_binary() -> Path:
    """The prism binary `make prism` builds from the Go module at the pinned Beam version."""
    path = ROOT / ".cache" / "prism" / f"v{_beam_version()}" / "prism"
    if not path.is_file():
        lack = f"Prism tests need {path.relative_to(ROOT)}: run make prism (needs Go)"
        if os.environ.get("CI") == "true":
            pytest.fail(f"{lack}; CI must run the prism tier")
        pytest.skip(lack)
    return path


def _beam_args(prism: Path) -> list[str]:
    return ["--runner=PrismRunner", f"--prism_location={prism}", "--environment_type=LOOPBACK"]


# Beam's portable client turns the job-server timeout into a deadline on the job's state stream: a short one
# proves that a streaming job outlives it (claimflow polls the state instead of waiting on that stream).
_SHORT_JOB_SERVER_TIMEOUT = "--job_server_timeout=60"


def test_bounded_run_on_prism_gives_the_tables_of_fnapirunner(
    kafka_settings, prism_binary, tmp_path: Path
) -> None:  # type: ignore[no-untyped-def]
    produce_articles(kafka_settings, 0, 120)
    local, prism = tmp_path / "fnapi", tmp_path / "prism"
    run_bounded(runner_settings(kafka_settings, local), Position("earliest"), Position("end"), commit=False)
    report = run_bounded(
        runner_settings(kafka_settings, prism), Position("earliest"), Position("end"), _beam_args(prism_binary),
        commit=False,
    )  # fmt: skip
    assert report.state == "DONE"
    assert dataset(str(prism), "articles").count_rows() == 120
    assert_same_tables(prism, local)


def _streaming(config: Path, prism: Path, *extra: str) -> subprocess.Popen[bytes]:
    """`claimflow run --streaming` on Prism, in its own process group (so a kill reaches prism too). The
    runner flags go at the end; ``extra`` may end with ``--`` to pass them after it."""
    return subprocess.Popen(
        [sys.executable, "-m", "pipelines.cli", "--config", str(config), "run", "--streaming", *extra,
         *_beam_args(prism), _SHORT_JOB_SERVER_TIMEOUT],
        stdout=subprocess.PIPE, stderr=subprocess.STDOUT, start_new_session=True,
    )  # fmt: skip


def _kill(proc: subprocess.Popen[bytes]) -> bytes:
    with contextlib.suppress(ProcessLookupError):
        os.killpg(proc.pid, signal.SIGKILL)
    out, _ = proc.communicate(timeout=60)
    return out


def _wait(predicate, proc: subprocess.Popen[bytes], what: str, limit: float = 300.0) -> None:  # type: ignore[no-untyped-def]
    """Wait for presence, with a generous limit; nothing is timed."""
    deadline = time.monotonic() + limit
    while time.monotonic() < deadline:
        if predicate():
            return
        if proc.poll() is not None:
            out = proc.communicate()[0].decode()
            # the job's own error comes first; gRPC's shutdown noise follows it
            pytest.fail(f"the streaming job ended before {what}: {out[:4000]}\n…\n{out[-1000:]}")
        time.sleep(0.5)
    pytest.fail(f"no {what} within {limit:.0f}s")


def _rows(lake: Path) -> int:
    return dataset(str(lake), "articles").count_rows() if lake.exists() else 0


@on_every_broker
@pytest.mark.slow
def test_streaming_job_on_prism_follows_and_resumes_exactly_after_kill(
    kafka_settings, prism_binary, tmp_path: Path
) -> None:  # type: ignore[no-untyped-def]
    lake, reference = tmp_path / "lake", tmp_path / "reference"
    config = tmp_path / "claimflow.toml"
    config.write_text(
        kafka_toml(kafka_settings) + f'[lake]\npath = "{lake}"\noffset_bucket = 300\n[nlp]\nmodels = {{}}\n'
        "[streaming]\nwindow_seconds = 2\n",
        "utf-8",
    )
    produce_articles(kafka_settings, 0, 60)
    proc = _streaming(config, prism_binary, "--from", "earliest")
    try:
        _wait(lambda: _rows(lake) >= 60, proc, "rows of the records produced before the job")
        produce_articles(kafka_settings, 60, 90)  # while the job runs
        _wait(lambda: _rows(lake) >= 90, proc, "rows of the records produced while the job runs")

        def committed() -> int:
            with admin_consumer(kafka_settings.client_config(), kafka_settings.group_id) as consumer:
                tps = topic_partitions(consumer, [kafka_settings.raw_topic])
                return sum(consumer.committed(tp) or 0 for tp in tps)

        _wait(lambda: committed() > 0, proc, "offsets committed at bundle finalization")
    finally:
        _kill(proc)

    produce_articles(kafka_settings, 90, 130)  # produced while nothing runs
    proc = _streaming(config, prism_binary, "--from", "committed", "--")  # runner flags after `--`
    try:
        _wait(lambda: _rows(lake) >= 130, proc, "rows of the records produced after the kill")
    finally:
        _kill(proc)

    run_bounded(
        replace(runner_settings(kafka_settings, reference), kafka=replace(kafka_settings, group_id="reference")),
        Position("earliest"), Position("end"),
    )  # fmt: skip
    assert _rows(lake) == 130
    assert_same_tables(lake, reference)
