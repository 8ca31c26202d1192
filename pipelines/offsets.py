"""Planning what a run reads, and recording what it has read.

A run reads a fixed set of :class:`PartitionRange` s, computed once before the pipeline starts from
``--from`` and ``--until``. After the pipeline has written its output, the range ends are committed to the
consumer group, which is where ``--from committed`` (the default) resumes.

Start specs:  ``earliest`` | ``latest`` | ``committed`` | ``offset:TOPIC:PARTITION:OFFSET`` (repeatable; only the
named partitions are read) | ``timestamp:2025-01-07T00:00:00Z``.
Until specs:  ``end`` (the end offsets seen when the run starts) | ``offset:TOPIC:PARTITION:OFFSET`` (exclusive) |
``timestamp:…`` (records at or after it are not read).

Every bound is an offset, so the commit says exactly what was processed and the next run resumes there:

- ``--until timestamp:T``: a partition's range stops at its first record (from the range start on) whose
  timestamp is ≥ T; nothing from that offset on is read, and that offset is what gets committed.
- ``--from timestamp:T``: a partition's range starts at its first record whose timestamp is ≥ T. Later records
  older than T (producers may set any CreateTime) are skipped by the reader and count as processed: the
  commit moves past them.

Timestamp → offset (:func:`first_offset_at_or_after`): the broker's ``offsets_for_times`` answer is used when
it checks out — the record at the answer carries the reported timestamp, which is ≥ T, and the one before it
is < T (or the answer is the range's start or end). Apache Kafka's answers always do. Otherwise (Tansu 0.6
often answers offset 0 with a timestamp that is not the record's, or with -1 when no record qualifies) the
partitions are scanned from the range start, which costs one read of the records before the bound.
"""

from __future__ import annotations

import contextlib
from collections.abc import Iterable, Iterator, Sequence
from dataclasses import dataclass
from datetime import UTC, datetime
from typing import Any

from kafka import KafkaConsumer, TopicPartition
from kafka.errors import KafkaError
from kafka.structs import OffsetAndMetadata

from pipelines.errors import BrokerUnavailable, UsageError
from pipelines.kafka_client import client_options, connect, wait_for_partitions
from pipelines.read_kafka import PartitionRange

_START_KINDS = "earliest, latest, committed, offset:TOPIC:PARTITION:OFFSET, timestamp:RFC3339"
_UNTIL_KINDS = "end, offset:TOPIC:PARTITION:OFFSET, timestamp:RFC3339"


@dataclass(frozen=True, slots=True)
class Position:
    """A parsed ``--from`` / ``--until`` value."""

    kind: str  # earliest | latest | committed | end | offset | timestamp
    offsets: tuple[tuple[str, int, int], ...] = ()
    timestamp_ms: int | None = None


def parse_timestamp(text: str) -> int:
    try:
        dt = datetime.fromisoformat(text.replace("Z", "+00:00"))
    except ValueError:
        raise UsageError(f"timestamp {text!r} is not RFC 3339; allowed e.g. 2025-01-07T00:00:00Z") from None
    if dt.tzinfo is None:
        raise UsageError(f"timestamp {text!r} has no time-zone offset; add Z or +HH:MM")
    return int(dt.astimezone(UTC).timestamp() * 1000)


def parse_position(values: Sequence[str], *, until: bool = False) -> Position:
    """Parse one or more ``--from``/``--until`` values into a :class:`Position`."""
    allowed = _UNTIL_KINDS if until else _START_KINDS
    simple = ("end",) if until else ("earliest", "latest", "committed")
    if not values:
        return Position("end" if until else "committed")
    if len(values) == 1 and values[0] in simple:
        return Position(values[0])
    if len(values) == 1 and values[0].startswith("timestamp:"):
        return Position("timestamp", timestamp_ms=parse_timestamp(values[0].removeprefix("timestamp:")))
    offsets = []
    for value in values:
        parts = value.split(":")  # Kafka topic names cannot contain ':'
        if (
            len(parts) != 4
            or parts[0] != "offset"
            or not parts[1]
            or not parts[2].isdigit()
            or not parts[3].isdigit()
        ):
            raise UsageError(
                f"{'--until' if until else '--from'} {value!r} is not allowed; allowed: {allowed}"
            )
        offsets.append((parts[1], int(parts[2]), int(parts[3])))
    return Position("offset", offsets=tuple(offsets))


@contextlib.contextmanager
def admin_consumer(client_config: dict[str, Any], group_id: str | None = None) -> Iterator[KafkaConsumer]:
    """A consumer for metadata and commits, connected within :func:`~pipelines.kafka_client.deadline_seconds`.

    Its reads (a timestamp's offset, a partition's true end) reset to the log start when an offset is no longer
    on the broker: records deleted by retention while a run is planned then leave the first surviving record as
    the answer. kafka-python's default, the log end, made a timestamp bound over deleted records resolve to the
    partition's end: a ``--from timestamp:`` run read none of the surviving records."""
    config = {k: v for k, v in client_config.items() if k not in ("group_id", "auto_offset_reset")}
    consumer = connect(
        lambda: KafkaConsumer(
            group_id=group_id,
            enable_auto_commit=False,
            auto_offset_reset="earliest",
            **client_options(config, KafkaConsumer),
        ),
        lambda c: c.topics(),
        config,
    )
    try:
        yield consumer
    finally:
        consumer.close()


def topic_partitions(
    consumer: KafkaConsumer, topics: Iterable[str], *, metadata_wait_s: float = 10.0
) -> list[TopicPartition]:
    """Every partition of ``topics``, in topic order. A topic whose partitions do not show up within
    ``metadata_wait_s`` raises :class:`~pipelines.errors.BrokerUnavailable` naming it, as the streaming
    reader's discovery does: kafka-python answers an empty set when a metadata request times out, and a
    bounded run that took that for an empty topic would read nothing and commit nothing."""
    servers = consumer.config.get("bootstrap_servers")
    return [
        TopicPartition(topic, p)
        for topic in topics
        for p in wait_for_partitions(consumer, topic, wait_s=metadata_wait_s, servers=servers)
    ]


def end_offsets(consumer: KafkaConsumer, tps: Sequence[TopicPartition]) -> dict[TopicPartition, int]:
    """End offsets, verified by a fetch.

    Some Kafka-protocol brokers (Tansu 0.6) report the base offset of the last record batch + 1 instead of
    the high watermark. Fetching from ``end - 1`` returns the rest of that batch, whose last offset + 1 is
    the true end; on Apache Kafka the fetch returns just the last record and changes nothing.
    """
    reported: dict[TopicPartition, int] = consumer.end_offsets(list(tps))
    result = dict(reported)
    for tp, end in reported.items():
        if end <= 0:
            continue
        consumer.assign([tp])
        consumer.seek(tp, end - 1)
        for _ in range(5):
            records = consumer.poll(timeout_ms=500, max_records=100_000).get(tp, [])
            if records:
                result[tp] = max(end, max(r.offset for r in records) + 1)
                break
    consumer.assign([])
    return result


def plan_ranges(
    client_config: dict[str, Any],
    group_id: str,
    topics: Sequence[str],
    start: Position,
    until: Position,
) -> list[PartitionRange]:
    """Resolve ``--from``/``--until`` into concrete offset ranges, one per topic-partition."""
    with admin_consumer(client_config, group_id) as consumer:
        try:
            tps = topic_partitions(consumer, topics)
            named = {(t, p) for t, p, _ in start.offsets}
            if start.kind == "offset":
                missing = named - {(tp.topic, tp.partition) for tp in tps}
                if missing:
                    raise UsageError(f"--from names partitions that do not exist: {sorted(missing)}")
                tps = [tp for tp in tps if (tp.topic, tp.partition) in named]
            if not tps:
                return []
            begin: dict[TopicPartition, int] = consumer.beginning_offsets(tps)
            ends = end_offsets(consumer, tps)
            starts = _start_offsets(consumer, tps, start, begin, ends)
            starts = {tp: min(max(starts[tp], begin[tp]), ends[tp]) for tp in tps}
            stops = _stop_offsets(consumer, tps, until, starts, ends)
        except KafkaError as exc:
            raise BrokerUnavailable(f"Kafka metadata request failed: {exc}") from exc
    return [PartitionRange(tp.topic, tp.partition, starts[tp], min(stops[tp], ends[tp])) for tp in tps]


def _start_offsets(
    consumer: KafkaConsumer,
    tps: Sequence[TopicPartition],
    start: Position,
    begin: dict[TopicPartition, int],
    ends: dict[TopicPartition, int],
) -> dict[TopicPartition, int]:
    if start.kind == "earliest":
        return dict(begin)
    if start.kind == "latest":
        return dict(ends)
    if start.kind == "committed":
        out = {}
        for tp in tps:
            committed = consumer.committed(tp)
            out[tp] = committed if committed is not None else begin[tp]
        return out
    if start.kind == "offset":
        by_tp = {(t, p): o for t, p, o in start.offsets}
        return {tp: by_tp[(tp.topic, tp.partition)] for tp in tps}
    # timestamp: the first record at or after it; later, older records are skipped by the reader.
    assert start.timestamp_ms is not None
    return offsets_at_or_after(consumer, tps, start.timestamp_ms, begin, ends)


def _stop_offsets(
    consumer: KafkaConsumer,
    tps: Sequence[TopicPartition],
    until: Position,
    starts: dict[TopicPartition, int],
    ends: dict[TopicPartition, int],
) -> dict[TopicPartition, int]:
    if until.kind == "end":
        return dict(ends)
    if until.kind == "timestamp":
        assert until.timestamp_ms is not None
        return offsets_at_or_after(consumer, tps, until.timestamp_ms, starts, ends)
    by_tp = {(t, p): o for t, p, o in until.offsets}
    return {tp: by_tp.get((tp.topic, tp.partition), ends[tp]) for tp in tps}


def offsets_at_or_after(
    consumer: KafkaConsumer,
    tps: Sequence[TopicPartition],
    timestamp_ms: int,
    lows: dict[TopicPartition, int],
    highs: dict[TopicPartition, int],
) -> dict[TopicPartition, int]:
    """Per partition, the offset of the first record in ``[low, high)`` with a timestamp ≥ ``timestamp_ms``
    (``high`` when there is none). The broker's ``offsets_for_times`` answers are used when every one of them
    checks out (see :func:`first_offset_at_or_after`); a broker that answered one partition wrongly is not
    trusted for the others, which are then scanned too."""
    wanted = [tp for tp in tps if lows[tp] < highs[tp]]
    answers = consumer.offsets_for_times({tp: timestamp_ms for tp in wanted}) if wanted else {}
    out = {tp: lows[tp] for tp in tps}
    for tp in wanted:
        answer = answers.get(tp)
        hint = (highs[tp], None) if answer is None else (answer.offset, answer.timestamp)
        found = _confirmed(consumer, tp, timestamp_ms, lows[tp], highs[tp], hint)
        if found is None:
            out.update({tp: _scan(consumer, tp, timestamp_ms, lows[tp], highs[tp]) for tp in wanted})
            break
        out[tp] = found
    consumer.assign([])
    return out


def first_offset_at_or_after(
    consumer: KafkaConsumer,
    tp: TopicPartition,
    timestamp_ms: int,
    low: int,
    high: int,
    *,
    hint: tuple[int, int | None] | None,
) -> int:
    """The offset of the first record in ``[low, high)`` whose timestamp is ≥ ``timestamp_ms``, else ``high``.

    ``hint`` is the broker's ``offsets_for_times`` answer as ``(offset, timestamp)`` (``(high, None)`` when it
    found no record). It is used when :func:`_confirmed`; otherwise the partition is scanned from ``low``.
    """
    found = _confirmed(consumer, tp, timestamp_ms, low, high, hint) if hint is not None else None
    return found if found is not None else _scan(consumer, tp, timestamp_ms, low, high)


def _confirmed(
    consumer: KafkaConsumer,
    tp: TopicPartition,
    timestamp_ms: int,
    low: int,
    high: int,
    hint: tuple[int, int | None],
) -> int | None:
    """The hinted offset when the log agrees with it, else None.

    It agrees when the record at the offset carries the timestamp the broker reported and that timestamp is
    ≥ the target, and the record before it (if within the range) is older than the target. Apache Kafka
    answers with the first such record by contract, so its answers always agree; Tansu 0.6's frequent answer,
    offset 0 with a timestamp that is not the record's, does not. A range end is accepted for "no such record" when
    the last record is older than the target.
    """
    offset, reported = hint
    if offset <= low:  # a first match at or before the range start: the range's first record must match
        at = _timestamp_at(consumer, tp, low) if low < high else None
        if at is not None and at >= timestamp_ms and (offset < low or reported in (None, at)):
            return low
        return None
    if offset > high:
        return None
    if offset < high:
        at = _timestamp_at(consumer, tp, offset)
        if at is None or at < timestamp_ms or (reported is not None and reported != at):
            return None
    before = _timestamp_at(consumer, tp, offset - 1)
    return offset if before is not None and before < timestamp_ms else None


def _records_from(consumer: KafkaConsumer, tp: TopicPartition, offset: int, high: int) -> Iterator[Any]:
    """Records of ``tp`` from ``offset`` until ``high``; raises when the broker stops returning any."""
    consumer.assign([tp])
    consumer.seek(tp, offset)
    idle = 0
    while consumer.position(tp) < high:
        batch = consumer.poll(timeout_ms=500, max_records=10_000).get(tp, [])
        if not batch:
            idle += 1
            if idle >= 20:
                raise BrokerUnavailable(
                    f"{tp.topic}/{tp.partition}: no records returned at offset {consumer.position(tp)} "
                    f"though the partition ends at {high}"
                )
            continue
        idle = 0
        for record in batch:
            if offset <= record.offset < high:
                yield record


def _timestamp_at(consumer: KafkaConsumer, tp: TopicPartition, offset: int) -> int | None:
    """The timestamp of the record at ``offset``, or None when there is none (a gap)."""
    for record in _records_from(consumer, tp, offset, offset + 1):
        return int(record.timestamp) if record.offset == offset else None
    return None


def _scan(consumer: KafkaConsumer, tp: TopicPartition, timestamp_ms: int, low: int, high: int) -> int:
    for record in _records_from(consumer, tp, low, high):
        if record.timestamp >= timestamp_ms:
            return int(record.offset)
    return high


def commit_offsets(client_config: dict[str, Any], group_id: str, ranges: Sequence[PartitionRange]) -> None:
    """Record that everything before each range's stop has been written."""
    offsets = {
        TopicPartition(r.topic, r.partition): OffsetAndMetadata(r.stop, "claimflow", -1) for r in ranges
    }
    if not offsets:
        return
    with admin_consumer(client_config, group_id) as consumer:
        try:
            consumer.commit(offsets)
        except KafkaError as exc:
            raise BrokerUnavailable(f"committing offsets for group {group_id!r} failed: {exc}") from exc


@dataclass(frozen=True, slots=True)
class PartitionLag:
    topic: str
    partition: int
    begin: int
    end: int
    committed: int | None

    @property
    def lag(self) -> int:
        return self.end - (self.committed if self.committed is not None else self.begin)


def describe_offsets(
    client_config: dict[str, Any], group_id: str, topics: Sequence[str]
) -> list[PartitionLag]:
    with admin_consumer(client_config, group_id) as consumer:
        tps = topic_partitions(consumer, topics)
        if not tps:
            return []
        begin = consumer.beginning_offsets(tps)
        ends = end_offsets(consumer, tps)
        return [
            PartitionLag(tp.topic, tp.partition, begin[tp], ends[tp], consumer.committed(tp)) for tp in tps
        ]
