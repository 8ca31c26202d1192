"""Issue 12: `publish` reports truthfully when the broker goes away mid-publish, on a private real broker.

Only acknowledged records count as sent; every other input line is in the failures file the command names,
listed on stderr, and the exit code is 1; `claimflow publish FILE` then re-sends exactly those.
"""

from __future__ import annotations

import json
import os
import signal
import subprocess
import sys
import time
import uuid
from collections.abc import Iterator
from pathlib import Path

import pytest
from kafka import KafkaConsumer
from kafka_helpers import article, drain

from pipelines.broker import EmbeddedBroker
from pipelines.config import KafkaSettings
from pipelines.offsets import topic_partitions
from pipelines.topics import ensure_topics

pytestmark = [pytest.mark.kafka, pytest.mark.slow]
N = 20_000
INVALID = {7, 4_321, 15_000}  # lines that go to the rejected topic


@pytest.fixture
def private_broker() -> Iterator[EmbeddedBroker]:
    with EmbeddedBroker() as broker:
        yield broker


def _settings(broker: EmbeddedBroker) -> KafkaSettings:
    suffix = uuid.uuid4().hex[:8]
    kafka = KafkaSettings(
        bootstrap_servers=broker.bootstrap_servers, raw_topic=f"raw.{suffix}", rejected_topic=f"rej.{suffix}",
        request_timeout_ms=1500,
    )  # fmt: skip
    ensure_topics(kafka, partitions=4)
    return kafka


def _input(tmp_path: Path) -> tuple[Path, list[bytes]]:
    lines = [
        json.dumps({"id": i} if i in INVALID else article(i, text="Some words " * 60)).encode()
        for i in range(N)
    ]
    path = tmp_path / "articles.jsonl"
    path.write_bytes(b"\n".join(lines) + b"\n")
    return path, lines


def _config(tmp_path: Path, kafka: KafkaSettings) -> Path:
    path = tmp_path / "claimflow.toml"
    path.write_text(
        f'[kafka]\nbootstrap_servers = "{kafka.bootstrap_servers}"\nraw_topic = "{kafka.raw_topic}"\n'
        f'rejected_topic = "{kafka.rejected_topic}"\nrequest_timeout_ms = {kafka.request_timeout_ms}\n'
    )
    return path


def _publish(config: Path, *args: str) -> subprocess.Popen[str]:
    return subprocess.Popen(
        [sys.executable, "-m", "pipelines.cli", "--config", str(config), "publish", "--no-progress", *args],
        stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True,
    )  # fmt: skip


def _wait_for_records(kafka: KafkaSettings, at_least: int, proc: subprocess.Popen[str]) -> None:
    consumer = KafkaConsumer(**kafka.client_config())
    try:
        tps = topic_partitions(consumer, [kafka.raw_topic])
        deadline = time.monotonic() + 120
        while time.monotonic() < deadline and proc.poll() is None:
            if sum(consumer.end_offsets(tps).values()) >= at_least:
                return
            time.sleep(0.02)
    finally:
        consumer.close()
    pytest.fail(f"publish ended or stalled before {at_least} records reached the broker")


def _summary(out: str) -> dict[str, int]:
    line = next(x for x in out.splitlines() if x.startswith("publish: sent"))
    words = line.replace(",", " ").split()
    return {
        "sent": int(words[2]),
        "rejected": int(words[4]),
        "failed": int(words[6]) if "FAILED" in words else 0,
    }


def _failed_file(err: str) -> Path:
    line = next(x for x in err.splitlines() if "re-send exactly those with: claimflow publish " in x)
    return Path(line.rsplit("claimflow publish ", 1)[1].strip())


def test_a_paused_broker_mid_publish(private_broker: EmbeddedBroker, tmp_path: Path) -> None:
    """SIGSTOP the broker mid-publish (its data survives), then check every count against what it holds."""
    kafka = _settings(private_broker)
    path, lines = _input(tmp_path)
    config = _config(tmp_path, kafka)
    failed_path = tmp_path / "failed.jsonl"
    proc = _publish(config, str(path), "--failed-file", str(failed_path))
    assert private_broker._proc is not None
    pid = private_broker._proc.pid
    _wait_for_records(kafka, 3_000, proc)
    os.kill(pid, signal.SIGSTOP)
    try:
        out, err = proc.communicate(timeout=300)
    finally:
        os.kill(pid, signal.SIGCONT)
    assert proc.returncode == 1, out + err
    counts = _summary(out)
    print("publish with the broker gone mid-way:", counts)
    failed_lines = failed_path.read_bytes().splitlines()
    assert counts["failed"] == len(failed_lines) > 0 and counts["sent"] >= 2_000
    assert counts["sent"] + counts["rejected"] + counts["failed"] == N
    assert err.count("  FAILED: ") == counts["failed"]  # every failed line is listed
    assert _failed_file(err) == failed_path and f"FAILED {counts['failed']}" in out

    # Truthful: every record counted as sent is on the broker; every input line is sent, rejected or failed.
    stored = {r.value for r in drain(kafka, kafka.raw_topic)}
    failed = set(failed_lines)
    valid = {line for i, line in enumerate(lines) if i not in INVALID}
    acknowledged = valid - failed
    assert len(acknowledged) == counts["sent"]
    assert acknowledged <= stored
    assert failed <= set(lines)

    # Re-publishing the failures file sends exactly those lines.
    proc = _publish(config, str(failed_path), "--failed-file", str(tmp_path / "again.jsonl"))
    out, err = proc.communicate(timeout=300)
    assert proc.returncode == 0, out + err
    again = _summary(out)
    assert again["sent"] + again["rejected"] == len(failed_lines) and again["failed"] == 0
    assert {r.value for r in drain(kafka, kafka.raw_topic)} >= valid


def test_a_killed_broker_mid_publish(private_broker: EmbeddedBroker, tmp_path: Path) -> None:
    """kill -9 the broker mid-publish: the command ends within its bound, exits 1 and accounts for every line."""
    kafka = _settings(private_broker)
    path, lines = _input(tmp_path)
    proc = _publish(_config(tmp_path, kafka), str(path), "--failed-file", str(tmp_path / "failed.jsonl"))
    assert private_broker._proc is not None
    _wait_for_records(kafka, 3_000, proc)
    private_broker._proc.kill()
    out, err = proc.communicate(timeout=300)
    assert proc.returncode == 1, out + err
    counts = _summary(out)
    print("publish with the broker gone mid-way:", counts)
    failed_lines = (tmp_path / "failed.jsonl").read_bytes().splitlines()
    assert counts["failed"] == len(failed_lines) > 0
    assert counts["sent"] + counts["rejected"] + counts["failed"] == N
    assert err.count("  FAILED: ") == counts["failed"]
    assert set(failed_lines) <= set(lines)
