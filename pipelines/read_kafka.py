"""Stage 1 — read records from Kafka with a Splittable DoFn over kafka-python.

``ReadFromKafka``: ``PBegin → PCollection[KafkaRecord]`` (timestamped with the record timestamps).
``ReadFromKafkaUnbounded`` (streaming) timestamps them with the time they are read.

One element per topic-partition offset range; the restriction is an ``OffsetRange`` that the runner may split
(``split`` cuts large ranges into chunks so workers share a partition's backlog; dynamic splits and
checkpoints go through ``OffsetRestrictionTracker``). Each offset is claimed before its record is emitted,
so a range is read exactly once however the runner splits it.

Records older than ``start_timestamp_ms`` are skipped by their own timestamps, so timestamp starts are exact
even on brokers whose ``offsets_for_times`` is approximate (the local Tansu broker answers it with 0).

Beam's cross-language ``ReadFromKafka`` needs a Java expansion service; this source needs none and runs on
every Python runner that supports SDFs (FnApiRunner, Prism, Flink, Dataflow, Spark portable).
"""

from __future__ import annotations

import time
from collections.abc import Iterator, Sequence
from dataclasses import dataclass
from typing import Any

import apache_beam as beam
from apache_beam.io.restriction_trackers import OffsetRange, OffsetRestrictionTracker
from apache_beam.io.watermark_estimators import ManualWatermarkEstimator
from apache_beam.metrics import Metrics
from apache_beam.transforms.core import RestrictionProvider
from apache_beam.transforms.window import TimestampedValue
from apache_beam.utils.timestamp import Duration, Timestamp
from kafka import KafkaConsumer, TopicPartition
from kafka.errors import OffsetOutOfRangeError

from pipelines.config import with_worker_secrets
from pipelines.errors import BrokerUnavailable, ExpansionServiceUnavailable, OffsetsDeleted
from pipelines.kafka_client import wait_for_partitions
from pipelines.records import KafkaRecord, timestamp_issue

_NAMESPACE = "claimflow.read"


@dataclass(frozen=True, slots=True)
class PartitionRange:
    """Offsets ``[start, stop)`` of one topic-partition."""

    topic: str
    partition: int
    start: int
    stop: int

    @property
    def size(self) -> int:
        return max(0, self.stop - self.start)


def to_record(rec: Any) -> KafkaRecord:
    """A kafka-python ``ConsumerRecord`` as a plain :class:`KafkaRecord`."""
    headers = tuple((k, bytes(v) if v is not None else b"") for k, v in (rec.headers or ()))
    return KafkaRecord(rec.topic, rec.partition, rec.offset, rec.timestamp, rec.key, rec.value, headers)


class _PartitionRangeRestrictions(RestrictionProvider):  # type: ignore[misc]
    def __init__(self, chunk: int) -> None:
        self._chunk = chunk

    def initial_restriction(self, element: PartitionRange) -> OffsetRange:
        return OffsetRange(element.start, element.stop)

    def create_tracker(self, restriction: OffsetRange) -> OffsetRestrictionTracker:
        return OffsetRestrictionTracker(restriction)

    def split(self, element: PartitionRange, restriction: OffsetRange) -> Iterator[OffsetRange]:
        yield from restriction.split(self._chunk, self._chunk // 4)

    def restriction_size(self, element: PartitionRange, restriction: OffsetRange) -> int:
        return int(restriction.size())


_RESTRICTIONS = _PartitionRangeRestrictions(chunk=50_000)


class _ReadPartitionRangeFn(beam.DoFn):  # type: ignore[misc]
    """Reads the claimed offsets of one partition range; one consumer per DoFn instance."""

    # An offset the broker no longer holds (records deleted by retention or DeleteRecords since the run was
    # planned) raises OffsetOutOfRangeError: with "earliest" the consumer moved to the log start, at or past the
    # range's end when its records were all gone, and the range ended as read with none of them.
    _OFFSET_RESET = "none"

    def __init__(
        self,
        consumer_config: dict[str, Any],
        *,
        start_timestamp_ms: int | None,
        stop_timestamp_ms: int | None,
        poll_timeout_ms: int,
        idle_timeout_s: float,
    ) -> None:
        self._config = consumer_config
        self._start_ts = start_timestamp_ms
        self._stop_ts = stop_timestamp_ms
        self._poll_timeout_ms = poll_timeout_ms
        self._idle_timeout_s = idle_timeout_s
        self._consumer: KafkaConsumer | None = None
        self._records = Metrics.counter(_NAMESPACE, "records_out")
        self._skipped = Metrics.counter(_NAMESPACE, "records_skipped_by_timestamp")
        self._bytes = Metrics.counter(_NAMESPACE, "bytes_read")
        self._poll_size = Metrics.distribution(_NAMESPACE, "poll_batch_size")
        self._ranges = Metrics.counter(_NAMESPACE, "ranges_in")

    def setup(self) -> None:
        self._consumer = self._open()

    def _live_consumer(self) -> KafkaConsumer:
        """The worker's consumer, opened again if something closed it: Prism's Python worker was seen to call
        ``process`` on a DoFn whose consumer a teardown had closed (an unbounded read on Apache Kafka)."""
        if self._consumer is None or getattr(self._consumer, "_closed", False):
            self._consumer = self._open()
        return self._consumer

    def _open(self) -> KafkaConsumer:
        config = {k: v for k, v in with_worker_secrets(self._config).items() if k not in ("group_id",)}
        # One consumer reads one partition at a time: ask for big fetches so each round trip carries more.
        config.setdefault("max_partition_fetch_bytes", 16 * 1024 * 1024)
        config.setdefault("fetch_max_bytes", 64 * 1024 * 1024)
        config.update(enable_auto_commit=False, group_id=None, auto_offset_reset=self._OFFSET_RESET)
        try:
            return KafkaConsumer(**config)
        except Exception as exc:  # kafka-python raises KafkaTimeoutError when it cannot bootstrap
            raise BrokerUnavailable(
                f"cannot connect to Kafka at {config.get('bootstrap_servers')}: {exc}"
            ) from exc

    def teardown(self) -> None:
        if self._consumer is not None:
            self._consumer.close()
            self._consumer = None

    def process(
        self,
        element: PartitionRange,
        tracker: OffsetRestrictionTracker = beam.DoFn.RestrictionParam(_RESTRICTIONS),  # noqa: B008
    ) -> Iterator[TimestampedValue]:
        self._ranges.inc()
        restriction = tracker.current_restriction()
        tp = TopicPartition(element.topic, element.partition)
        consumer = self._live_consumer()
        consumer.assign([tp])
        consumer.seek(tp, restriction.start)
        idle_since = time.monotonic()
        while True:
            try:
                batch = consumer.poll(timeout_ms=self._poll_timeout_ms, max_records=10_000).get(tp, [])
            except OffsetOutOfRangeError as exc:
                raise OffsetsDeleted(
                    f"{element.topic}/{element.partition}: offset {consumer.position(tp)} is no longer on the "
                    f"broker (deleted since the run was planned?) though the range ends at {restriction.stop}; "
                    "a new run plans from the broker's first offset"
                ) from exc
            self._poll_size.update(len(batch))
            if batch:
                idle_since = time.monotonic()
            for rec in batch:
                if not tracker.try_claim(rec.offset):
                    return
                if self._start_ts is not None and rec.timestamp < self._start_ts:
                    self._skipped.inc()
                    continue
                if self._stop_ts is not None and rec.timestamp >= self._stop_ts:
                    self._skipped.inc()
                    continue
                record = to_record(rec)
                self._records.inc()
                self._bytes.inc(len(rec.value or b""))
                yield TimestampedValue(record, event_seconds(rec.timestamp, default=0.0))
            if consumer.position(tp) >= restriction.stop:
                # Gaps (compaction, transaction markers) can leave the last offsets unclaimed: close the range.
                tracker.try_claim(restriction.stop)
                return
            if not batch and time.monotonic() - idle_since > self._idle_timeout_s:
                raise BrokerUnavailable(
                    f"{element.topic}/{element.partition}: no records for {self._idle_timeout_s:.0f}s at offset "
                    f"{consumer.position(tp)} though the range ends at {restriction.stop}"
                )


class ReadFromKafka(beam.PTransform):  # type: ignore[misc]
    """``PBegin → PCollection[KafkaRecord]``: read exactly the given partition ranges.

    Args:
        consumer_config: kafka-python client settings (``KafkaSettings.client_config()``).
        ranges: the offset ranges to read (see :mod:`pipelines.offsets` for how they are planned).
        start_timestamp_ms / stop_timestamp_ms: skip records outside ``[start, stop)`` by record timestamp.
        distribute: reshuffle the ranges before reading (``Create``'s default), so that a runner with parallel
            workers (Flink, Dataflow) reads them, and runs the stages fused after the read, side by side. The
            local runner needs no reshuffle (the splittable read splits the ranges itself), and there it costs
            two stages, one of them a GroupByKey, per topic and chunk.
    """

    def __init__(
        self,
        consumer_config: dict[str, Any],
        ranges: Sequence[PartitionRange],
        *,
        start_timestamp_ms: int | None = None,
        stop_timestamp_ms: int | None = None,
        poll_timeout_ms: int = 1000,
        idle_timeout_s: float = 60.0,
        distribute: bool = True,
    ) -> None:
        super().__init__()
        self._config = dict(consumer_config)
        self._ranges = [r for r in ranges if r.size > 0]
        self._distribute = distribute
        self._fn = _ReadPartitionRangeFn(
            self._config,
            start_timestamp_ms=start_timestamp_ms,
            stop_timestamp_ms=stop_timestamp_ms,
            poll_timeout_ms=poll_timeout_ms,
            idle_timeout_s=idle_timeout_s,
        )

    def expand(self, pbegin: beam.pvalue.PBegin) -> beam.PCollection:
        return (
            pbegin
            | "PartitionRanges" >> beam.Create(self._ranges, reshuffle=self._distribute)
            | "ReadPartitionRanges" >> beam.ParDo(self._fn)
        )


# --- unbounded (streaming runners) -----------------------------------------------------------------------------

_UNBOUNDED_STOP = 2**63 - 1


class _UnboundedOffsetTracker(OffsetRestrictionTracker):  # type: ignore[misc]
    """An offset tracker whose range has no end: the runner checkpoints it with ``defer_remainder``."""

    def is_bounded(self) -> bool:
        return False

    def try_split(self, fraction_of_remainder: float) -> Any:
        """Checkpoints only. A runner's dynamic split (Prism splits at half the remainder) would cut the
        endless range at an offset near 2**62 that no record has, and the reader of that residual would be
        reset to the start of the partition by the broker."""
        if fraction_of_remainder > 0:
            return None
        return super().try_split(0)


class _UnboundedRestrictions(RestrictionProvider):  # type: ignore[misc]
    def initial_restriction(self, element: PartitionRange) -> OffsetRange:
        return OffsetRange(element.start, _UNBOUNDED_STOP)

    def create_tracker(self, restriction: OffsetRange) -> OffsetRestrictionTracker:
        return _UnboundedOffsetTracker(restriction)

    def restriction_size(self, element: PartitionRange, restriction: OffsetRange) -> int:
        return 1  # unknown backlog; the runner splits by checkpoints, not by size

    def truncate(self, element: PartitionRange, restriction: OffsetRange) -> None:
        return None  # on drain, stop reading


class _DiscoverPartitionsFn(beam.DoFn):  # type: ignore[misc]
    """At run time (on a worker, not at graph construction): one unbounded range per topic-partition.

    The impulse reaches this DoFn once per job, so a topic whose partitions it misses is never read: it waits
    for them (kafka-python answers an empty set when its metadata request times out, as on a loaded machine)
    and raises, for the runner to retry, rather than let the job run on reading nothing."""

    def __init__(
        self,
        consumer_config: dict[str, Any],
        topics: Sequence[str],
        group_id: str,
        start: str,
        *,
        metadata_wait_s: float = 120.0,
    ) -> None:
        self._config = consumer_config
        self._topics = list(topics)
        self._group_id = group_id
        self._start = start
        self._metadata_wait_s = metadata_wait_s

    def _partitions(self, consumer: KafkaConsumer, topic: str) -> list[int]:
        servers = self._config.get("bootstrap_servers")
        return wait_for_partitions(consumer, topic, wait_s=self._metadata_wait_s, servers=servers)

    def process(self, unused: bytes) -> Iterator[PartitionRange]:
        config = {k: v for k, v in with_worker_secrets(self._config).items() if k != "group_id"}
        consumer = KafkaConsumer(group_id=self._group_id, enable_auto_commit=False, **config)
        try:
            for topic in self._topics:
                for partition in self._partitions(consumer, topic):
                    tp = TopicPartition(topic, partition)
                    if self._start == "latest":
                        start = consumer.end_offsets([tp])[tp]
                    elif self._start == "committed" and consumer.committed(tp) is not None:
                        start = consumer.committed(tp)
                    else:
                        start = consumer.beginning_offsets([tp])[tp]
                    yield PartitionRange(topic, partition, int(start), _UNBOUNDED_STOP)
        finally:
            consumer.close()


class _ReadUnboundedFn(_ReadPartitionRangeFn):
    """Reads a partition without end; self-checkpoints when idle or after a bounded amount of work, and
    commits the read position to the consumer group when the runner finalizes the bundle (the lake writes
    downstream replace by offset, so a record read twice after a failure is written once).

    One consumer per topic-partition, kept across the calls for that partition's restrictions (issue 15). A
    single consumer re-assigned from partition to partition starved one of them: kafka-python keeps at most
    one fetch in flight per broker and drops the answer for a partition no longer assigned, so a call for
    partition A waited out the long-poll fetch the call for B had left in flight, and when its poll timed out
    before A's own fetch came back, that answer reached the consumer during B's next call and was dropped;
    the two calls fell into step and A was never read (on Flink, 2 of 12 probe runs left one partition unread;
    with a 20 ms poll timeout 3 of 3 did, and 0 of 3 with a consumer per partition)."""

    _OFFSET_RESET = "earliest"  # an endless read whose offsets were deleted goes on from the log start

    def __init__(self, consumer_config: dict[str, Any], group_id: str, *, poll_timeout_ms: int) -> None:
        super().__init__(
            consumer_config,
            start_timestamp_ms=None,
            stop_timestamp_ms=None,
            poll_timeout_ms=poll_timeout_ms,
            idle_timeout_s=float("inf"),
        )
        self._group_id = group_id
        self._partition_consumers: dict[TopicPartition, KafkaConsumer] = {}

    def setup(self) -> None:
        self._partition_consumers = {}

    def teardown(self) -> None:
        consumers, self._partition_consumers = self._partition_consumers, {}
        for consumer in consumers.values():
            consumer.close()

    def _partition_consumer(self, tp: TopicPartition, start: int) -> KafkaConsumer:
        """The consumer of ``tp``, assigned to it alone and positioned at ``start``."""
        consumer = self._partition_consumers.get(tp)
        if consumer is None or getattr(consumer, "_closed", False):
            consumer = self._partition_consumers[tp] = self._open()
            consumer.assign([tp])
            consumer.seek(tp, start)
        elif consumer.position(tp) != start:  # a restriction restored from a checkpoint, or moved here
            consumer.seek(tp, start)
        return consumer

    @beam.DoFn.unbounded_per_element()  # type: ignore[untyped-decorator]
    def process(  # type: ignore[override]
        self,
        element: PartitionRange,
        bundle_finalizer: Any = beam.DoFn.BundleFinalizerParam,
        tracker: OffsetRestrictionTracker = beam.DoFn.RestrictionParam(_UnboundedRestrictions()),  # noqa: B008
        watermark: Any = beam.DoFn.WatermarkEstimatorParam(ManualWatermarkEstimator.default_provider()),  # noqa: B008
    ) -> Iterator[TimestampedValue]:
        tp = TopicPartition(element.topic, element.partition)
        consumer = self._partition_consumer(tp, tracker.current_restriction().start)
        started, emitted = time.monotonic(), 0
        while True:
            batch = consumer.poll(timeout_ms=self._poll_timeout_ms, max_records=10_000).get(tp, [])
            # Every record of this batch, and every later one, is read at or after this time.
            read_at = _read_time(watermark)
            if not batch:
                # Idle partition: let time advance to now so windows downstream can close.
                watermark.set_watermark(read_at)
                tracker.defer_remainder(Duration(seconds=1))
                break
            for rec in batch:
                if not tracker.try_claim(rec.offset):
                    return
                headers = tuple((k, bytes(v) if v is not None else b"") for k, v in (rec.headers or ()))
                self._records.inc()
                emitted += 1
                yield TimestampedValue(
                    KafkaRecord(
                        rec.topic, rec.partition, rec.offset, rec.timestamp, rec.key, rec.value, headers
                    ),
                    read_at,
                )
            watermark.set_watermark(read_at)
            if emitted >= 50_000 or time.monotonic() - started > 10:
                tracker.defer_remainder()
                break
        position = consumer.position(tp)
        bundle_finalizer.register(lambda: self._commit(tp, position))

    def _commit(self, tp: TopicPartition, position: int) -> None:
        from kafka.structs import OffsetAndMetadata

        config = {k: v for k, v in with_worker_secrets(self._config).items() if k != "group_id"}
        consumer = KafkaConsumer(group_id=self._group_id, enable_auto_commit=False, **config)
        try:
            consumer.commit({tp: OffsetAndMetadata(position, "claimflow", -1)})
        finally:
            consumer.close()


def event_seconds(timestamp_ms: int, *, default: float) -> float:
    """A record's event time in seconds for Beam; ``default`` when its timestamp is missing or out of range
    (Beam's timestamps overflow past year 294,000 and a far-future one would push the watermark there). The
    record itself keeps its timestamp; its rows get a null one with the reason (``source_timestamp_issue``)."""
    return default if timestamp_issue(timestamp_ms) is not None else timestamp_ms / 1000.0


def _read_time(estimator: Any) -> Timestamp:
    """Now, or the restriction's watermark if that is later (a wall clock stepped back, a checkpoint taken on a
    machine whose clock runs ahead): the element timestamps and the watermark of an unbounded read never go
    back, so no record it emits is ever behind its watermark."""
    now, current = Timestamp.of(time.time()), estimator.current_watermark()
    return now if current is None or now > current else current


class ReadFromKafkaUnbounded(beam.PTransform):  # type: ignore[misc]
    """``PBegin → PCollection[KafkaRecord]`` without end, for ``--streaming`` on Flink, Dataflow or Spark.

    Partitions are discovered on a worker when the pipeline starts (the graph does not depend on the
    broker); ``start`` is ``earliest``, ``latest`` or ``committed`` (falling back to earliest).

    Elements are timestamped with the time they are read, not with the record timestamps (which the
    records and their rows keep), and the watermark follows that read time, also while a partition is idle.
    The windows downstream only batch the lake writes, and a record behind the watermark would be dropped by
    them as late: with record timestamps that happened to every record a partition still had when its first
    poll came back empty (on a loaded machine, or after a restore) and the watermark had moved to now, and it
    would happen to any producer's record stamped earlier than the others (issue 15).
    """

    def __init__(
        self,
        consumer_config: dict[str, Any],
        topics: Sequence[str],
        group_id: str,
        *,
        start: str = "committed",
        poll_timeout_ms: int = 1000,
    ) -> None:
        super().__init__()
        self._config = dict(consumer_config)
        self._topics = list(topics)
        self._group_id = group_id
        self._start = start
        self._poll_timeout_ms = poll_timeout_ms

    def expand(self, pbegin: beam.pvalue.PBegin) -> beam.PCollection:
        return (
            pbegin
            | "Impulse" >> beam.Impulse()
            | "DiscoverPartitions"
            >> beam.ParDo(_DiscoverPartitionsFn(self._config, self._topics, self._group_id, self._start))
            | "ReadPartitions"
            >> beam.ParDo(
                _ReadUnboundedFn(self._config, self._group_id, poll_timeout_ms=self._poll_timeout_ms)
            )
        )


# --- Beam's cross-language KafkaIO (Java) -----------------------------------------------------------------------


def java_consumer_config(client_config: dict[str, Any], group_id: str | None, start: str) -> dict[str, str]:
    """kafka-python settings → Java consumer properties for Beam's cross-language ``ReadFromKafka``.

    ``group_id=None`` reads without a consumer group (offsets from ``auto.offset.reset``, nothing committed)."""
    conf = {
        "bootstrap.servers": ",".join(client_config["bootstrap_servers"]),
        "auto.offset.reset": "latest" if start == "latest" else "earliest",
        "security.protocol": client_config.get("security_protocol", "PLAINTEXT"),
        "enable.auto.commit": "false",
    }
    if group_id is not None:
        conf["group.id"] = group_id
    if "request_timeout_ms" in client_config:
        conf["request.timeout.ms"] = str(client_config["request_timeout_ms"])
    if "sasl_mechanism" in client_config:
        mechanism = client_config["sasl_mechanism"]
        module = "plain.PlainLoginModule" if mechanism == "PLAIN" else "scram.ScramLoginModule"
        user = client_config.get("sasl_plain_username", "")
        password = client_config.get("sasl_plain_password", "")
        conf["sasl.mechanism"] = mechanism
        conf["sasl.jaas.config"] = (
            f'org.apache.kafka.common.security.{module} required username="{user}" password="{password}";'
        )
    if "ssl_cafile" in client_config:
        conf["ssl.truststore.type"] = "PEM"
        conf["ssl.truststore.location"] = client_config["ssl_cafile"]
    return conf


def _row_to_record(row: Any) -> KafkaRecord:
    headers = tuple((h.key, bytes(h.value or b"")) for h in (getattr(row, "headers", None) or ()))
    return KafkaRecord(
        topic=row.topic,
        partition=int(row.partition),
        offset=int(row.offset),
        timestamp_ms=int(row.timestamp),
        key=bytes(row.key) if row.key is not None else None,
        value=bytes(row.value) if row.value is not None else None,
        headers=headers,
    )


class _KeepPlannedFn(beam.DoFn):  # type: ignore[misc]
    """Keep the records inside the planned offset ranges; count those kept and those dropped."""

    def __init__(self, ranges: Sequence[PartitionRange]) -> None:
        self._ranges = {(r.topic, r.partition): (r.start, r.stop) for r in ranges}

    def setup(self) -> None:
        self._kept = Metrics.counter(_NAMESPACE, "records_out")
        self._dropped = Metrics.counter(_NAMESPACE, "xlang_records_outside_ranges")

    def process(self, record: KafkaRecord) -> Iterator[KafkaRecord]:
        start, stop = self._ranges.get((record.topic, record.partition), (0, 0))
        if start <= record.offset < stop:
            self._kept.inc()
            yield record
        else:
            self._dropped.inc()


class ReadFromKafkaXlang(beam.PTransform):  # type: ignore[misc]
    """``PBegin → PCollection[KafkaRecord]`` through Beam's Java KafkaIO (``--kafka-io xlang``).

    Streaming (no ``ranges``): KafkaIO starts from the group's committed offsets (or ``auto.offset.reset``)
    and commits in bundle finalization; the lake writer's replace-by-offset keeps the tables exact.

    Bounded (``ranges`` given, planned by the driver): KafkaIO cannot start at given offsets, so it starts
    where those ranges start only when they begin at the group's committed offsets (``start="committed"``:
    the group is passed) or at the earliest offsets (no group). It reads as many records as the ranges hold
    (``max_num_records``); records outside the ranges are dropped and counted (``xlang_records_outside_ranges``):
    records that arrive while it reads can take the place of planned ones, which the driver detects by count.
    ``start_timestamp_ms`` becomes KafkaIO's ``start_read_time``, which failed on Apache Kafka 4.4.0 here (see
    README), so claimflow does not use it. ``expansion_service`` is ``host:port``.
    """

    def __init__(
        self,
        client_config: dict[str, Any],
        topics: Sequence[str],
        group_id: str,
        *,
        start: str,
        expansion_service: str,
        ranges: Sequence[PartitionRange] | None = None,
        start_timestamp_ms: int | None = None,
    ) -> None:
        super().__init__()
        bounded = ranges is not None
        self._conf = java_consumer_config(client_config, group_id if start == "committed" else None, start)
        self._topics = list(topics)
        self._expansion_service = expansion_service
        self._ranges = list(ranges) if ranges is not None else None
        self._bounded = bounded
        self._start_timestamp_ms = start_timestamp_ms

    def expand(self, pbegin: beam.pvalue.PBegin) -> beam.PCollection:
        from apache_beam.io.kafka import ReadFromKafka as JavaReadFromKafka

        if self._ranges is not None and not any(r.size for r in self._ranges):
            return pbegin | "NothingPlanned" >> beam.Create([]).with_output_types(KafkaRecord)
        bounds: dict[str, Any] = {}
        if self._ranges is not None:
            bounds["max_num_records"] = sum(r.size for r in self._ranges)
        if self._start_timestamp_ms is not None:
            bounds["start_read_time"] = self._start_timestamp_ms
        try:
            records = pbegin | "KafkaIO" >> JavaReadFromKafka(
                consumer_config=self._conf,
                topics=self._topics,
                with_metadata=True,
                commit_offset_in_finalize=not self._bounded and "group.id" in self._conf,
                timestamp_policy=JavaReadFromKafka.create_time_policy,
                expansion_service=self._expansion_service,
                **bounds,
            )
        except Exception as exc:  # grpc errors
            raise ExpansionServiceUnavailable(
                f"--kafka-io xlang needs Beam's Java expansion service; {self._expansion_service} did not answer "
                f"({type(exc).__name__}: {str(exc).splitlines()[0][:200]}); allowed: kafka.expansion_service = "
                "host:port of a running expansion service, kafka.expansion_classpath = its jars, or "
                "--kafka-io python"
            ) from exc
        records = records | "ToKafkaRecord" >> beam.Map(_row_to_record)
        if self._ranges is None:
            return records
        return records | "KeepPlanned" >> beam.ParDo(_KeepPlannedFn(self._ranges))
