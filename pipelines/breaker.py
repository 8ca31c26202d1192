"""The circuit breaker of a bounded run: too many late rejects and the lake is left alone.

``RejectBreaker``: ``(PCollection[KafkaRecord], PCollection[LakeItem]) → PCollection[bool]`` (one element:
whether the run may write; none when no record was read from the raw topic, and then the run may write: the
writer's side input defaults to True)

One record never fails a run; a bad deploy (a broken model, a bug in a stage) must not turn a whole backlog
into ``rejects`` either. Records rejected by the stages after parsing (:data:`LATE_STAGES`) are counted
against every record read from the raw topic; when at least ``min_records`` were read and the rejected share
is above ``max_share``, the verdict is ``False``: the writer writes nothing, and the driver
(:func:`pipelines.job.run_bounded`) raises :class:`~pipelines.errors.TooManyRejects` naming the most frequent
error code, without committing. Parse rejects are bad input, not a bad deploy, and do not count.

The counts reach the driver as Beam counters (namespace ``claimflow.breaker``): ``records``,
``late_rejects``, ``tripped`` and one ``code:<error_code>`` per code.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterable, Iterator

import apache_beam as beam
from apache_beam.metrics import Metrics

from pipelines.rows import LakeItem

NAMESPACE = "claimflow.breaker"
#: Stages whose rejects count: after parsing, a reject means the pipeline could not handle a valid record.
LATE_STAGES = frozenset({"detect_language", "extract_entities", "extract_claims", "rows"})


def _late_code(item: LakeItem) -> Iterator[str]:
    table, _, _, _, row = item
    if table == "rejects" and row is not None and row["stage"] in LATE_STAGES:
        yield str(row["error_code"])


class _VerdictFn(beam.DoFn):  # type: ignore[misc]
    def __init__(self, max_share: float, min_records: int) -> None:
        self._max_share = max_share
        self._min_records = min_records

    def process(self, records: int, codes: Iterable[tuple[str, int]]) -> Iterator[bool]:
        by_code = Counter(dict(codes))
        late = sum(by_code.values())
        Metrics.counter(NAMESPACE, "records").inc(records)
        Metrics.counter(NAMESPACE, "late_rejects").inc(late)
        for code, count in by_code.items():
            Metrics.counter(NAMESPACE, f"code:{code}").inc(count)
        tripped = records >= self._min_records and late > self._max_share * records
        if tripped:
            Metrics.counter(NAMESPACE, "tripped").inc()
        yield not tripped


class RejectBreaker(beam.PTransform):  # type: ignore[misc]
    """``(records: KafkaRecord, items: LakeItem) → bool``: one verdict, True when the run may write (none when
    no record was read: use it as ``AsSingleton(verdict, default_value=True)``)."""

    def __init__(self, *, max_share: float, min_records: int) -> None:
        super().__init__()
        self._max_share = max_share
        self._min_records = min_records

    def expand(self, inputs: tuple[beam.PCollection, beam.PCollection]) -> beam.PCollection:
        records, items = inputs
        # without_defaults: no count (and no verdict) for a run that read no raw record, which may write anyway;
        # a default 0 cost the local runner two more stages per chunk
        seen = records | "CountRecords" >> beam.combiners.Count.Globally().without_defaults()
        codes = (
            items
            | "LateRejectCodes" >> beam.FlatMap(_late_code)
            | "CountPerCode" >> beam.combiners.Count.PerElement()
        )
        return seen | "Verdict" >> beam.ParDo(
            _VerdictFn(self._max_share, self._min_records), codes=beam.pvalue.AsIter(codes)
        )


def breaker_verdict(counters: dict[str, int]) -> tuple[bool, int, int, str | None]:
    """From a finished run's counters: (tripped, records, late rejects, the most frequent late code)."""
    prefix = f"{NAMESPACE}/code:"
    codes = {k[len(prefix) :]: v for k, v in counters.items() if k.startswith(prefix)}
    dominant = max(sorted(codes), key=lambda c: codes[c]) if codes else None
    return (
        counters.get(f"{NAMESPACE}/tripped", 0) > 0,
        counters.get(f"{NAMESPACE}/records", 0),
        counters.get(f"{NAMESPACE}/late_rejects", 0),
        dominant,
    )
