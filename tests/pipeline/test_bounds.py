"""Issue 12: exact bounds on the real broker. Every bound kind (end, offset, timestamp) stops at an offset, the
run commits that offset, and the next run resumes exactly there: every article once, none lost."""

from __future__ import annotations

import time
from collections import Counter
from dataclasses import replace
from datetime import UTC, datetime
from pathlib import Path

import pytest
from conftest import on_every_broker
from kafka import KafkaConsumer, KafkaProducer, TopicPartition
from kafka_helpers import article, drain, produce_raw

from pipelines.cli import main
from pipelines.config import KafkaSettings, Settings
from pipelines.job import RunReport, run_bounded
from pipelines.lake import dataset
from pipelines.offsets import Position, first_offset_at_or_after, parse_position
from pipelines.topics import ensure_topics

pytestmark = [pytest.mark.kafka, on_every_broker]


def _settings(kafka_settings: KafkaSettings, lake: Path) -> Settings:
    base = Settings()
    return replace(base, kafka=kafka_settings, lake=replace(base.lake, path=str(lake)),
                   nlp=replace(base.nlp, models={}))  # fmt: skip


def _config_file(tmp_path: Path, kafka: KafkaSettings, lake: Path) -> Path:
    path = tmp_path / "claimflow.toml"
    path.write_text(
        f'[kafka]\nbootstrap_servers = "{kafka.bootstrap_servers}"\nraw_topic = "{kafka.raw_topic}"\n'
        f'rejected_topic = "{kafka.rejected_topic}"\ngroup_id = "{kafka.group_id}"\n'
        f'[lake]\npath = "{lake}"\n[nlp]\nmodels = {{}}\n'
    )
    return path


def _note_time() -> tuple[int, str]:
    """A timestamp strictly between what was produced before and what is produced after (ms resolution)."""
    time.sleep(0.05)
    now = datetime.now(UTC)
    time.sleep(0.05)
    return int(now.timestamp() * 1000), now.isoformat().replace("+00:00", "Z")


def _read(report: RunReport) -> int:
    return report.counters.get("claimflow.read/records_out", 0)


def _article_ids(lake: Path) -> list[str]:
    return dataset(str(lake), "articles").to_table().column("article_id").to_pylist()


def _committed(kafka: KafkaSettings) -> dict[int, int | None]:
    consumer = KafkaConsumer(group_id=kafka.group_id, enable_auto_commit=False, **kafka.client_config())
    try:
        return {p: consumer.committed(TopicPartition(kafka.raw_topic, p)) for p in range(4)}
    finally:
        consumer.close()


def _first_offsets_from(kafka: KafkaSettings, ids: set[str]) -> dict[int, int]:
    """Per partition, the offset of its first record among ``ids`` (the end offset when it holds none)."""
    out: dict[int, int] = {}
    records = drain(kafka, kafka.raw_topic)
    for p in range(4):
        mine = [r for r in records if r.partition == p]
        firsts = [r.offset for r in mine if r.key.decode() in ids]
        out[p] = min(firsts) if firsts else (max(r.offset for r in mine) + 1 if mine else 0)
    return out


def test_until_timestamp_then_run_gives_every_article_exactly_once(kafka_settings, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    """The issue's repro: publish 20, note T, publish 20, `run --until timestamp:T`, `run` → 40 articles once."""
    lake = tmp_path / "lake"
    config = _config_file(tmp_path, kafka_settings, lake)
    first = [article(i) for i in range(20)]
    second = [article(i) for i in range(20, 40)]
    produce_raw(kafka_settings, first)
    _, t_text = _note_time()
    produce_raw(kafka_settings, second)

    assert main(["--config", str(config), "run", "--until", f"timestamp:{t_text}"]) == 0
    assert sorted(_article_ids(lake)) == sorted(d["id"] for d in first)
    # The commit is, per partition, the offset of the first record at or after T.
    assert _committed(kafka_settings) == _first_offsets_from(kafka_settings, {d["id"] for d in second})

    report = run_bounded(_settings(kafka_settings, lake), Position("committed"), Position("end"))
    assert _read(report) == 20  # the rest, and only the rest
    ids = _article_ids(lake)
    assert len(ids) == 40 and Counter(ids) == Counter(d["id"] for d in first + second)
    assert run_bounded(_settings(kafka_settings, lake), Position("committed"), Position("end")).records == 0


def test_from_timestamp_counts_skipped_older_records_as_processed(kafka_settings, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    lake = tmp_path / "lake"
    settings = _settings(kafka_settings, lake)
    produce_raw(kafka_settings, [article(i) for i in range(20)])
    t_ms, t_text = _note_time()
    produce_raw(kafka_settings, [article(i) for i in range(20, 40)])
    # A producer may set an older CreateTime: this record comes after T in the log but is older than T.
    producer = KafkaProducer(acks="all", **kafka_settings.client_config())
    late = article(99)
    import json

    producer.send(kafka_settings.raw_topic, key=late["id"].encode(), value=json.dumps(late).encode(),
                  timestamp_ms=t_ms - 60_000).get(timeout=30)  # fmt: skip
    producer.close()

    report = run_bounded(settings, parse_position([f"timestamp:{t_text}"]), Position("end"))
    assert sorted(_article_ids(lake)) == sorted(article(i)["id"] for i in range(20, 40))
    assert report.counters.get("claimflow.read/records_skipped_by_timestamp", 0) == 1
    # Ranges began at the first record at or after T, and the skipped one is behind the commit.
    starts = {r.partition: r.start for r in report.ranges if r.topic == kafka_settings.raw_topic}
    assert starts == _first_offsets_from(kafka_settings, {article(i)["id"] for i in range(20, 40)})
    ends = {r.partition: r.stop for r in report.ranges if r.topic == kafka_settings.raw_topic}
    assert _committed(kafka_settings) == ends
    assert run_bounded(settings, Position("committed"), Position("end")).records == 0


def test_until_end_resumes_where_it_stopped(kafka_settings, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    lake = tmp_path / "lake"
    settings = _settings(kafka_settings, lake)
    produce_raw(kafka_settings, [article(i) for i in range(20)])
    first = run_bounded(settings, Position("committed"), Position("end"))
    assert _read(first) == 20
    produce_raw(kafka_settings, [article(i) for i in range(20, 45)])
    second = run_bounded(settings, Position("committed"), Position("end"))
    assert _read(second) == 25
    assert {(r.topic, r.partition): r.start for r in second.ranges} == {
        (r.topic, r.partition): r.stop for r in first.ranges
    }
    assert Counter(_article_ids(lake)) == Counter(article(i)["id"] for i in range(45))


def test_until_offset_resumes_where_it_stopped(kafka_settings, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    lake = tmp_path / "lake"
    settings = _settings(kafka_settings, lake)
    produce_raw(kafka_settings, [article(i) for i in range(40)])
    topic = kafka_settings.raw_topic
    ends = {
        p: max([r.offset + 1 for r in drain(kafka_settings, topic) if r.partition == p] or [0])
        for p in range(4)
    }
    cut = {p: e // 2 for p, e in ends.items()}
    until = parse_position([f"offset:{topic}:{p}:{o}" for p, o in cut.items()], until=True)
    first = run_bounded(settings, Position("committed"), until)
    assert _read(first) == sum(cut.values())
    assert _committed(kafka_settings) == cut
    second = run_bounded(settings, Position("committed"), Position("end"))
    assert _read(second) == 40 - sum(cut.values())
    assert {r.partition: r.start for r in second.ranges if r.topic == topic} == cut
    assert Counter(_article_ids(lake)) == Counter(article(i)["id"] for i in range(40))


def test_first_offset_at_or_after_with_and_without_the_brokers_help(broker: str) -> None:
    """Unordered CreateTimes in one partition. The broker's true answer is used; Tansu-like answers (offset 0
    with a timestamp that is not the record's, or -1) and no answer at all end in a scan with the same result."""
    import uuid

    kafka = KafkaSettings(bootstrap_servers=broker, raw_topic=f"ts.{uuid.uuid4().hex[:8]}",
                          rejected_topic=f"ts.rej.{uuid.uuid4().hex[:8]}")  # fmt: skip
    ensure_topics(kafka, partitions=1)
    base = 1_750_000_000_000
    stamps = [base + 1, base + 2, base + 10, base + 3, base + 11, base + 4]
    producer = KafkaProducer(acks="all", **kafka.client_config())
    for i, ts in enumerate(stamps):
        producer.send(kafka.raw_topic, value=b"%d" % i, timestamp_ms=ts).get(timeout=30)
    producer.close()
    tp = TopicPartition(kafka.raw_topic, 0)
    consumer = KafkaConsumer(enable_auto_commit=False, **kafka.client_config())
    try:
        for target, want in [(base, 0), (base + 2, 1), (base + 5, 2), (base + 11, 4), (base + 12, 6)]:
            true_hint = (want, stamps[want] if want < 6 else None)
            for hint in (None, (0, -1), (0, base + 999_999), (3, stamps[3]), true_hint):
                got = first_offset_at_or_after(consumer, tp, target, 0, 6, hint=hint)
                assert got == want, (target, hint)
        # From a later low: the first qualifying record at or after it.
        assert first_offset_at_or_after(consumer, tp, base + 5, 3, 6, hint=(2, stamps[2])) == 4
        assert first_offset_at_or_after(consumer, tp, base + 3, 3, 6, hint=None) == 3
        assert first_offset_at_or_after(consumer, tp, base + 1, 3, 6, hint=(0, stamps[0])) == 3
    finally:
        consumer.close()
