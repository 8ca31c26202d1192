"""The Kafka source on real brokers (Tansu; Apache Kafka 4 over PLAINTEXT and SASL_SSL) under Beam's
FnApiRunner: exact ranges, no duplicates."""

from __future__ import annotations

import time

import apache_beam as beam
import pytest
from apache_beam.options.pipeline_options import PipelineOptions
from apache_beam.testing.test_pipeline import TestPipeline
from apache_beam.testing.util import assert_that, equal_to
from conftest import on_brokers, on_every_broker
from kafka import KafkaProducer

from pipelines.offsets import Position, parse_position, plan_ranges
from pipelines.read_kafka import PartitionRange, ReadFromKafka

pytestmark = pytest.mark.kafka

BASE_TS = 1_736_200_000_000  # 2025-01-06T21:46:40Z


def _produce(settings, n: int) -> None:  # type: ignore[no-untyped-def]
    producer = KafkaProducer(acks="all", linger_ms=10, **settings.client_config())
    for i in range(n):
        producer.send(
            settings.raw_topic,
            key=f"k{i}".encode(),
            value=f"v{i}".encode(),
            timestamp_ms=BASE_TS + i * 10_000,
        )
    producer.flush()
    producer.close()


@on_brokers("tansu", "apache_kafka", "apache_kafka_sasl_ssl")
def test_bounded_read_from_earliest_is_exact(kafka_settings) -> None:  # type: ignore[no-untyped-def]
    _produce(kafka_settings, 400)
    ranges = plan_ranges(
        kafka_settings.client_config(), "g", [kafka_settings.raw_topic], Position("earliest"), Position("end")
    )
    assert len(ranges) == 4 and sum(r.size for r in ranges) == 400
    with TestPipeline(
        options=PipelineOptions(["--runner=apache_beam.runners.portability.fn_api_runner.FnApiRunner"])
    ) as p:
        values = (
            p | ReadFromKafka(kafka_settings.client_config(), ranges) | beam.Map(lambda r: r.value.decode())
        )
        assert_that(
            values, equal_to([f"v{i}" for i in range(400)])
        )  # equal_to compares multisets: no duplicates


@on_every_broker
def test_ranges_split_into_chunks_still_read_once(kafka_settings) -> None:  # type: ignore[no-untyped-def]
    _produce(kafka_settings, 60)
    ranges = plan_ranges(
        kafka_settings.client_config(), "g", [kafka_settings.raw_topic], Position("earliest"), Position("end")
    )
    # Cut every partition range into 3 sub-ranges, as a runner's split would.
    pieces = []
    for r in ranges:
        a, b = r.start + r.size // 3, r.start + 2 * r.size // 3
        pieces += [PartitionRange(r.topic, r.partition, r.start, a), PartitionRange(r.topic, r.partition, a, b),
                   PartitionRange(r.topic, r.partition, b, r.stop)]  # fmt: skip
    with TestPipeline(
        options=PipelineOptions(["--runner=apache_beam.runners.portability.fn_api_runner.FnApiRunner"])
    ) as p:
        keys = (
            p
            | ReadFromKafka(kafka_settings.client_config(), pieces)
            | beam.Map(lambda r: (r.partition, r.offset))
        )
        expected = [(r.partition, o) for r in ranges for o in range(r.start, r.stop)]
        assert_that(keys, equal_to(expected))


@on_every_broker
def test_from_offset_and_from_timestamp(kafka_settings, kafka_endpoint) -> None:  # type: ignore[no-untyped-def]
    _produce(kafka_settings, 100)
    config = kafka_settings.client_config()
    topic = kafka_settings.raw_topic
    full = plan_ranges(config, "g", [topic], Position("earliest"), Position("end"))
    p0 = next(r for r in full if r.partition == 0)
    start = parse_position([f"offset:{topic}:0:{p0.start + 3}"])
    ranges = plan_ranges(config, "g", [topic], start, Position("end"))
    assert [(r.partition, r.start, r.stop) for r in ranges] == [(0, p0.start + 3, p0.stop)]

    # Timestamp start: the broker may answer offsets_for_times with 0; the reader skips older records.
    start_ts = parse_position(
        ["timestamp:2025-01-06T22:00:00Z"]
    )  # BASE_TS + 800 s: records 80 and later (10 s apart)
    ranges = plan_ranges(config, "g", [topic], start_ts, Position("end"))
    if kafka_endpoint.kind != "tansu":  # Apache Kafka answers offsets_for_times: the plan itself is exact
        assert sum(r.stop - r.start for r in ranges) == 20
    with TestPipeline(
        options=PipelineOptions(["--runner=apache_beam.runners.portability.fn_api_runner.FnApiRunner"])
    ) as p:
        values = (
            p
            | ReadFromKafka(config, ranges, start_timestamp_ms=start_ts.timestamp_ms)
            | beam.Map(lambda r: r.value.decode())
        )
        assert_that(values, equal_to([f"v{i}" for i in range(80, 100)]))


@on_brokers("apache_kafka")
def test_bounded_read_of_records_deleted_since_planning_raises(kafka_settings) -> None:  # type: ignore[no-untyped-def]
    """Records deleted after the run was planned (here by DeleteRecords; in the flaky runs of
    test_from_offset_and_from_timestamp by the broker's 7-day retention, as they are stamped in 2025): the
    consumer used to move to the log start and the range ended there as read, without the deleted records (all
    of its records when the whole range was gone). The reader raises a retryable error instead."""
    from apache_beam.io.restriction_trackers import OffsetRange, OffsetRestrictionTracker
    from kafka import KafkaAdminClient, TopicPartition

    from pipelines.errors import OffsetsDeleted, RetryableError
    from pipelines.read_kafka import _ReadPartitionRangeFn

    assert issubclass(OffsetsDeleted, RetryableError)
    _produce(kafka_settings, 100)
    config = kafka_settings.client_config()
    ranges = plan_ranges(config, "g", [kafka_settings.raw_topic], Position("earliest"), Position("end"))
    # every record of the first partition deleted, the first half of the second
    whole, part = ranges[0], ranges[1]
    admin = KafkaAdminClient(**config)
    try:
        admin.delete_records(
            {
                TopicPartition(whole.topic, whole.partition): whole.stop,
                TopicPartition(part.topic, part.partition): part.start + part.size // 2,
            }
        )
    finally:
        admin.close()
    fn = _ReadPartitionRangeFn(
        config, start_timestamp_ms=None, stop_timestamp_ms=None, poll_timeout_ms=1000, idle_timeout_s=60
    )
    fn.setup()
    try:
        for r in (whole, part):
            tracker = OffsetRestrictionTracker(OffsetRange(r.start, r.stop))
            with pytest.raises(
                OffsetsDeleted, match=rf"/{r.partition}: offset {r.start} is no longer on the broker"
            ):
                list(fn.process(r, tracker))
    finally:
        fn.teardown()


def test_bad_positions_are_usage_errors() -> None:
    from pipelines.errors import UsageError

    with pytest.raises(UsageError, match="allowed: earliest, latest, committed"):
        parse_position(["offset:t:x:1"])
    with pytest.raises(UsageError, match="no time-zone offset"):
        parse_position(["timestamp:2025-01-01T00:00:00"])
    with pytest.raises(UsageError, match="allowed: end"):
        parse_position(["earliest"], until=True)


def test_endless_ranges_split_only_at_checkpoints() -> None:
    from apache_beam.io.restriction_trackers import OffsetRange

    from pipelines.read_kafka import _UNBOUNDED_STOP, _UnboundedOffsetTracker

    tracker = _UnboundedOffsetTracker(OffsetRange(5, _UNBOUNDED_STOP))
    assert tracker.try_claim(7)
    assert tracker.try_split(0.5) is None  # a dynamic split would invent offsets near 2**62
    primary, residual = tracker.try_split(0)
    assert (primary.start, primary.stop, residual.start, residual.stop) == (5, 8, 8, _UNBOUNDED_STOP)


def test_streaming_discovery_finds_every_partition_or_raises(kafka_settings) -> None:  # type: ignore[no-untyped-def]
    """The unbounded reader's one-off partition discovery: every partition of an existing topic; for a topic
    with no partitions (absent), a retryable error naming it, not an empty discovery that reads nothing."""
    from pipelines.errors import BrokerUnavailable
    from pipelines.read_kafka import _DiscoverPartitionsFn

    config = kafka_settings.client_config()
    found = list(_DiscoverPartitionsFn(config, [kafka_settings.raw_topic], "g", "earliest").process(b""))
    assert sorted(r.partition for r in found) == [0, 1, 2, 3]
    assert {(r.topic, r.start) for r in found} == {(kafka_settings.raw_topic, 0)}
    absent = _DiscoverPartitionsFn(config, ["no.such.topic.x1"], "g", "earliest", metadata_wait_s=2)
    with pytest.raises(BrokerUnavailable, match=r"topic 'no\.such\.topic\.x1': no partitions visible"):
        list(absent.process(b""))


class _Finalizer:
    def __init__(self) -> None:
        self.callbacks: list[object] = []

    def register(self, callback: object) -> None:
        self.callbacks.append(callback)


@on_every_broker
def test_unbounded_reader_reads_every_partition_of_one_worker_and_nothing_behind_its_watermark(
    kafka_settings,
) -> None:  # type: ignore[no-untyped-def]
    """One worker's unbounded reader, called in turn for the four partitions of a topic, as a runner resumes
    their deferred restrictions, with a poll timeout shorter than a fetch round trip (issue 15): every record
    of every partition is read (a consumer shared by the partitions starved one of them), each element is
    timestamped at or after the watermark its restriction had (records stamped in 2025 came after a watermark
    an empty first poll had moved to now, and a window drops such records as late), and the records keep
    their own timestamps."""
    from apache_beam.io.restriction_trackers import OffsetRange
    from apache_beam.io.watermark_estimators import ManualWatermarkEstimator
    from apache_beam.runners.sdf_utils import RestrictionTrackerView, ThreadsafeRestrictionTracker

    from pipelines.read_kafka import _UNBOUNDED_STOP, _ReadUnboundedFn, _UnboundedOffsetTracker

    _produce(kafka_settings, 80)
    fn = _ReadUnboundedFn(kafka_settings.client_config(), "g", poll_timeout_ms=5)
    fn.setup()
    restrictions = {p: OffsetRange(0, _UNBOUNDED_STOP) for p in range(4)}
    estimators = {p: ManualWatermarkEstimator(None) for p in range(4)}
    read: dict[int, list[tuple[int, int]]] = {p: [] for p in range(4)}
    try:
        # rounds until every record is read, bounded by time, not by a count of rounds: on a loaded machine
        # a partition's new consumer may need more than 60 rounds of 5 ms polls to bootstrap and fetch
        deadline = time.monotonic() + 120
        while sum(len(v) for v in read.values()) < 80 and time.monotonic() < deadline:
            for p in range(4):
                element = PartitionRange(kafka_settings.raw_topic, p, 0, _UNBOUNDED_STOP)
                tracker = ThreadsafeRestrictionTracker(_UnboundedOffsetTracker(restrictions[p]))
                before = estimators[p].current_watermark()
                for out in fn.process(element, _Finalizer(), RestrictionTrackerView(tracker), estimators[p]):
                    assert before is None or out.timestamp >= before, f"partition {p}: behind its watermark"
                    read[p].append((out.value.offset, out.value.timestamp_ms))
                residual, _ = tracker.deferred_status() or (None, None)
                assert residual is not None, "an unbounded restriction always defers its remainder"
                restrictions[p] = residual
    finally:
        fn.teardown()
    counts = {p: len(v) for p, v in read.items()}
    assert sum(counts.values()) == 80 and all(counts.values()), counts
    for p, got in read.items():
        assert [o for o, _ in got] == list(range(len(got))), f"partition {p} read out of order or twice"
    assert all(BASE_TS <= ts < BASE_TS + 80 * 10_000 for v in read.values() for _, ts in v)


def test_bounded_planning_waits_for_a_topic_and_names_one_that_never_shows(kafka_settings) -> None:  # type: ignore[no-untyped-def]
    """`topic_partitions` (bounded runs, `claimflow offsets`) waits for a topic's metadata as the streaming
    discovery does: a topic created while it waits is found, and one that never shows is an error naming it,
    not an empty topic (a bounded run would read nothing and report NOTHING_TO_READ)."""
    import threading
    from dataclasses import replace

    from pipelines.errors import BrokerUnavailable
    from pipelines.offsets import admin_consumer, describe_offsets, topic_partitions
    from pipelines.topics import ensure_topics

    late = replace(kafka_settings, raw_topic=f"{kafka_settings.raw_topic}.late")
    creator = threading.Timer(2.0, ensure_topics, args=(late,), kwargs={"partitions": 3})
    creator.start()
    try:
        with admin_consumer(kafka_settings.client_config()) as consumer:
            found = topic_partitions(consumer, [late.raw_topic], metadata_wait_s=60)
    finally:
        creator.join()
    assert [tp.partition for tp in found] == [0, 1, 2]
    absent = f"{kafka_settings.raw_topic}.absent"
    with (
        admin_consumer(kafka_settings.client_config()) as consumer,
        pytest.raises(BrokerUnavailable, match=rf"topic '{absent}': no partitions visible .* after 1s"),
    ):
        topic_partitions(consumer, [kafka_settings.raw_topic, absent], metadata_wait_s=1)
    with pytest.raises(BrokerUnavailable, match=rf"topic '{absent}'"):
        describe_offsets(kafka_settings.client_config(), kafka_settings.group_id, [absent])


@on_brokers("apache_kafka")
def test_timestamp_bound_over_records_deleted_while_planning(kafka_settings) -> None:  # type: ignore[no-untyped-def]
    """Records deleted by retention while a run is planned, after a partition's beginning offset was read and
    before a timestamp bound was resolved (here: DeleteRecords, then the resolution with the offsets read
    before it): the first surviving record at or after the timestamp is the answer. The planning consumer used
    kafka-python's default reset, the log end, so a read below the new log start jumped to the end and the
    bound resolved to the partition's end: a `--from timestamp:` run read none of the surviving records."""
    from kafka import KafkaAdminClient, TopicPartition

    from pipelines.offsets import admin_consumer, offsets_at_or_after

    _produce(kafka_settings, 100)
    config = kafka_settings.client_config()
    topic = kafka_settings.raw_topic
    stale = plan_ranges(config, "g", [topic], Position("earliest"), Position("end"))
    cut = {TopicPartition(r.topic, r.partition): r.start + r.size // 2 for r in stale}
    admin = KafkaAdminClient(**config)
    try:
        admin.delete_records(cut)
    finally:
        admin.close()
    lows = {TopicPartition(r.topic, r.partition): r.start for r in stale}
    highs = {TopicPartition(r.topic, r.partition): r.stop for r in stale}
    late = parse_position(["timestamp:2025-01-06T22:00:00Z"])  # records 80 and later
    fresh = plan_ranges(config, "g", [topic], late, Position("end"))  # planned after the deletion
    assert all(r.start < r.stop for r in fresh)  # every partition holds a surviving record after the bound
    with admin_consumer(config) as consumer:
        # every record is at or after BASE_TS: the answer is the first surviving one
        assert offsets_at_or_after(consumer, list(lows), BASE_TS, lows, highs) == cut
        assert late.timestamp_ms is not None
        got = offsets_at_or_after(consumer, list(lows), late.timestamp_ms, lows, highs)
    assert got == {TopicPartition(r.topic, r.partition): r.start for r in fresh}
