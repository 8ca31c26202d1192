"""The claimflow job: the stages wired into one Beam pipeline, and the driver that runs it bounded.

    ReadFromKafka(articles.raw) → ParseArticles → DetectLanguage → ExtractEntities → ExtractClaims ─┐
    ReadFromKafka(articles.rejected) → ReadPublishRejects ─────── rejects of every stage ──────────┴→ WriteLake

A bounded run reads fixed offset ranges (planned in :mod:`pipelines.offsets`), writes the lake, and only then
commits the range ends to the consumer group, so a run killed at any point is simply run again.
"""

from __future__ import annotations

import time
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field, replace
from typing import Any

import apache_beam as beam
from apache_beam.options.pipeline_options import PipelineOptions, PortableOptions, StandardOptions
from apache_beam.runners.runner import PipelineState
from apache_beam.transforms.window import FixedWindows

from pipelines import beam_speedups
from pipelines.breaker import RejectBreaker, breaker_verdict
from pipelines.config import Settings
from pipelines.detect_language import DetectLanguage
from pipelines.errors import StageError, TooManyRejects, UsageError
from pipelines.expansion import expansion_address, started_expansion_service
from pipelines.extract_claims import ExtractClaims
from pipelines.extract_entities import ExtractEntities
from pipelines.nlp import registry
from pipelines.offsets import Position, commit_offsets, plan_ranges
from pipelines.parse_articles import ParseArticles, ReadPublishRejects
from pipelines.read_kafka import PartitionRange, ReadFromKafka, ReadFromKafkaUnbounded, ReadFromKafkaXlang
from pipelines.rows import reject_rows, table_rows
from pipelines.runners import FN_API_RUNNER, is_local_runner, resolve_runner
from pipelines.write_lake import WriteLake

DEFAULT_RUNNER = FN_API_RUNNER
beam_speedups.install()  # DoFn specs remembered per class (pipelines.beam_speedups)


@dataclass
class RunReport:
    ranges: list[PartitionRange]
    state: str
    seconds: float
    counters: dict[str, int] = field(default_factory=dict)

    @property
    def records(self) -> int:
        return sum(r.size for r in self.ranges)


def build_pipeline(
    p: beam.Pipeline,
    settings: Settings,
    ranges: Sequence[PartitionRange] = (),
    *,
    start_timestamp_ms: int | None = None,
    stop_timestamp_ms: int | None = None,
    streaming: bool = False,
    windowed: bool = False,
    streaming_start: str = "committed",
    embed_secrets: bool = True,
) -> beam.PCollection:
    """Add the claimflow stages to ``p``; return the PCollection of written files.

    Batch (the default): read the given offset ranges. ``streaming=True``: read every partition without end
    (partitions discovered on a worker, starting from ``streaming_start``). With ``streaming`` or
    ``windowed``, records are put in fixed windows of ``streaming.window_seconds`` right after the read (over
    the time they are read when streaming, over their record timestamps on a bounded source), so batching,
    grouping and the lake writes happen per window; ``windowed=True`` with ranges runs that same path on a bounded source (used to prove it on the local runner). ``embed_secrets=False`` keeps Kafka
    passwords out of the graph; remote workers read them from their own environment.
    """
    kafka, nlp = settings.kafka, settings.nlp
    config = kafka.client_config(secrets=embed_secrets)

    def read(topic: str) -> beam.PTransform:
        if kafka.io == "xlang":
            if not streaming and streaming_start not in _XLANG_BOUNDED_STARTS:
                raise UsageError(
                    f"--kafka-io xlang cannot start a bounded run at {streaming_start!r} (Beam's KafkaIO starts "
                    "only at the group's committed offsets or the earliest ones); allowed: --from committed | "
                    "earliest, or --kafka-io python"
                )
            return ReadFromKafkaXlang(
                config,
                [topic],
                kafka.group_id,
                start=streaming_start,
                expansion_service=expansion_address(kafka),
                ranges=None if streaming else [r for r in ranges if r.topic == topic],
                start_timestamp_ms=None if streaming else start_timestamp_ms,
            )
        if streaming:
            return ReadFromKafkaUnbounded(
                config, [topic], kafka.group_id, start=streaming_start, poll_timeout_ms=kafka.poll_timeout_ms
            )
        return ReadFromKafka(
            config,
            [r for r in ranges if r.topic == topic],
            start_timestamp_ms=start_timestamp_ms,
            stop_timestamp_ms=stop_timestamp_ms,
            poll_timeout_ms=kafka.poll_timeout_ms,
            distribute=not is_local(p.options),
        )

    def window(label: str, records: beam.PCollection) -> beam.PCollection:
        if not (streaming or windowed):
            return records
        return records | label >> beam.WindowInto(FixedWindows(settings.streaming.window_seconds))

    records = window("WindowArticles", p | "ReadArticles" >> read(kafka.raw_topic))
    parsed = records | "ParseArticles" >> ParseArticles()
    detected = parsed.articles | "DetectLanguage" >> DetectLanguage(min_letters=nlp.min_letters)
    annotated = detected.articles | "ExtractEntities" >> ExtractEntities(
        nlp.models, batch_size=nlp.batch_size, max_text_chars=nlp.max_text_chars, learned=nlp.learned
    )
    claims = annotated.annotations | "ExtractClaims" >> ExtractClaims()
    publish_rejects = (
        window("WindowPublishRejected", p | "ReadPublishRejected" >> read(kafka.rejected_topic))
        | "ReadPublishRejects" >> ReadPublishRejects()
    )
    # Records rejected before they became an article also clear that record's old article rows. Each stage's
    # rejects become rows on their own (no Flatten of the rejects first: the local runner materialises every
    # Flatten, so one Flatten of all rows is the cheapest).
    items = (
        claims.results | "TableRows" >> beam.FlatMap(table_rows),
        parsed.rejects | "ParseRejectRows" >> beam.FlatMap(reject_rows, covers_article_tables=True),
        detected.rejects | "LanguageRejectRows" >> beam.FlatMap(reject_rows, covers_article_tables=True),
        annotated.rejects | "EntityRejectRows" >> beam.FlatMap(reject_rows, covers_article_tables=True),
        claims.rejects | "ClaimRejectRows" >> beam.FlatMap(reject_rows, covers_article_tables=False),
        publish_rejects | "PublishRejectRows" >> beam.FlatMap(reject_rows, covers_article_tables=False),
    ) | "AllRows" >> beam.Flatten()
    # Bounded runs only: a run whose records are mostly rejected after parsing writes nothing (the driver then
    # refuses to commit). Unbounded runs have no end at which to judge.
    allowed = None
    if not (streaming or windowed):
        allowed = (records, items) | "RejectBreaker" >> RejectBreaker(
            max_share=nlp.max_reject_share, min_records=nlp.reject_share_min_records
        )
    return items | "WriteLake" >> WriteLake(
        settings.lake.path,
        bucket_size=settings.lake.offset_bucket,
        compression=settings.lake.compression,
        row_group_rows=settings.lake.row_group_rows,
        temp_grace_seconds=settings.lake.temp_grace_seconds,
        allowed=allowed,
    )


def pipeline_options(beam_args: Sequence[str]) -> PipelineOptions:
    """Beam options from the pass-through arguments; the runner defaults to the in-process FnApiRunner.

    A literal ``--`` is dropped, so runner flags work both before and after it (``run -- --runner …``);
    Beam's own parser would discard everything after it. A short runner name Beam cannot load by itself
    (``FnApiRunner``) becomes its class path (:func:`pipelines.runners.resolve_runner`)."""
    options = PipelineOptions([a for a in beam_args if a != "--"])
    standard = options.view_as(StandardOptions)
    standard.runner = resolve_runner(standard.runner) if standard.runner else DEFAULT_RUNNER
    return options


#: Flink's option to finish a bundle before a checkpoint barrier instead of inside the checkpoint (issue 15).
FLINK_FINISH_BUNDLE_BEFORE_CHECKPOINTING = "--finish_bundle_before_checkpointing"


def with_streaming_defaults(beam_args: Sequence[str]) -> list[str]:
    """``beam_args`` plus the runner options a streaming job needs, unless the user gave them.

    On FlinkRunner: ``--finish_bundle_before_checkpointing``. Without it, Beam's Flink operator finishes a bundle
    that is open when a checkpoint starts inside the checkpoint and holds that bundle's output back until the
    operator's next element or watermark. The stage that discovers the partitions gets one element (the
    impulse) and its one watermark right after, so partitions discovered in a bundle a checkpoint caught were
    never emitted and the job never read (issue 15: 0 of 3 probe runs started without it, 7 of 7 with it)."""
    args = list(beam_args)
    runner = str(pipeline_options(args).view_as(StandardOptions).runner)
    if runner.rsplit(".", 1)[-1].lower() != "flinkrunner":
        return args
    given = any(a.split("=", 1)[0] == FLINK_FINISH_BUNDLE_BEFORE_CHECKPOINTING for a in args)
    return args if given else [*args, FLINK_FINISH_BUNDLE_BEFORE_CHECKPOINTING]


def run_streaming(
    settings: Settings, beam_args: Sequence[str], *, start: str = "committed"
) -> tuple[Any, bool]:
    """Submit the unbounded variant (``--streaming``) to the runner; returns Beam's PipelineResult and whether
    the job needs this process to stay alive (:func:`needs_this_process`, judged after the runner filled in
    its defaults)."""
    check_models(settings)
    options = pipeline_options(with_streaming_defaults(beam_args))
    p = beam.Pipeline(options=options)
    build_pipeline(p, settings, streaming=True, streaming_start=start, embed_secrets=is_local(options))
    result = p.run()
    return result, needs_this_process(options)


def wait_streaming(result: Any, poll_seconds: float = 2.0) -> None:
    """Wait for a streaming job that this process runs until it ends; raise unless it ended DONE.

    Beam's portable client (PrismRunner) sets the job-server timeout (``--job_server_timeout``, 300 s) as a
    deadline on the job's state stream, so ``wait_until_finish`` gives up on a healthy job after five minutes
    and the process exits, taking the job with it. For such results the state is polled instead."""
    from apache_beam.runners.portability.portable_runner import PipelineResult as PortableResult

    if not isinstance(result, PortableResult):
        result.wait_until_finish()
        return
    state = result.state
    while not PipelineState.is_terminal(state):
        time.sleep(poll_seconds)
        state = result.state
    if state != PipelineState.DONE:
        raise StageError(f"the streaming job ended in state {state}")


def is_local(options: PipelineOptions) -> bool:
    """Whether the runner executes on this machine for this process: in it (FnApiRunner, DirectRunner), or
    as the prism binary this process starts and stops. Then the job graph never leaves the machine, and a
    streaming run waits for its job instead of returning after the submission."""
    return is_local_runner(str(options.view_as(StandardOptions).runner))


def needs_this_process(options: PipelineOptions) -> bool:
    """Whether a submitted job dies with this process: the runner runs here (:func:`is_local`), or its Python
    workers do (``--environment_type=LOOPBACK``, which FlinkRunner also picks by itself when no environment is
    given and the master is ``[auto]`` or ``[local]``). Call it after ``run``: runners fill in their defaults
    on the options then."""
    environment = options.view_as(PortableOptions).environment_type
    return is_local(options) or str(environment).upper() == "LOOPBACK"


def check_models(settings: Settings) -> None:
    """Fail before the pipeline starts when a configured model is missing (not per record, later)."""
    for language, spec in sorted(settings.nlp.models.items()):
        registry.require(language, spec)


def chunk_ranges(ranges: Sequence[PartitionRange], size: int) -> list[list[PartitionRange]]:
    """Cut offset ranges into chunks of at most ``size`` records, in partition order, each a list of ranges
    (a partition's range may be split across chunks). Empty ranges are left out."""
    chunks: list[list[PartitionRange]] = []
    current: list[PartitionRange] = []
    room = size
    for r in ranges:
        start = r.start
        while start < r.stop:
            stop = min(r.stop, start + room)
            current.append(PartitionRange(r.topic, r.partition, start, stop))
            room -= stop - start
            start = stop
            if room == 0:
                chunks.append(current)
                current, room = [], size
    if current:
        chunks.append(current)
    return chunks


def run_bounded(
    settings: Settings,
    start: Position,
    until: Position,
    beam_args: Sequence[str] = (),
    *,
    commit: bool = True,
    progress: Callable[[int, int, float], None] | None = None,
) -> RunReport:
    """Plan the ranges, run the pipeline over them, commit the range ends to the consumer group.

    The planned records are run in chunks of at most ``streaming.chunk_records``: each chunk is read, written
    to the lake and (with ``commit``) committed before the next starts, so memory does not grow with the size
    of the run, and a run killed at any point resumes after the last committed chunk. The models stay loaded
    across chunks (:func:`pipelines.nlp.assemble.shared_nlp`). With ``streaming.workers`` > 1, that many
    worker processes run chunks side by side, one topic-partition per worker at a time (so no two write the
    same lake file), each partition's chunks in order. ``progress(done, planned, seconds)`` is called after
    each chunk.
    """
    kafka = settings.kafka
    if kafka.io == "xlang":
        _check_xlang_bounds(start, until)
    check_models(settings)
    config = kafka.client_config()
    ranges = plan_ranges(config, kafka.group_id, [kafka.raw_topic, kafka.rejected_topic], start, until)
    started = time.monotonic()
    if not any(r.size for r in ranges):
        return RunReport(ranges, "NOTHING_TO_READ", 0.0)
    # --until timestamp is exact in the ranges: each stops at its first record at or after the timestamp.
    bounds = (start.timestamp_ms if start.kind == "timestamp" else None, None)
    planned = sum(r.size for r in ranges)
    counters: dict[str, int] = {}
    done = 0

    def finished(chunk: list[PartitionRange], chunk_counters: dict[str, int]) -> None:
        nonlocal done
        if commit:
            commit_offsets(config, kafka.group_id, chunk)
        for key, value in chunk_counters.items():
            counters[key] = counters.get(key, 0) + value
        done += sum(r.size for r in chunk)
        if progress is not None:
            progress(done, planned, time.monotonic() - started)

    size, workers = settings.streaming.chunk_records, settings.streaming.workers
    if kafka.io == "xlang":
        finished(list(ranges), _run_xlang(settings, ranges, list(beam_args), start, planned))
    elif workers > 1:
        lanes = [chunk_ranges([r], size) for r in ranges if r.size]
        _run_lanes(lanes, workers, settings, list(beam_args), bounds, finished)
    else:
        for chunk in chunk_ranges(ranges, size):
            finished(chunk, run_chunk(settings, chunk, list(beam_args), bounds))
    if commit:
        commit_offsets(config, kafka.group_id, ranges)  # also the partitions with nothing to read
    return RunReport(ranges, str(PipelineState.DONE), time.monotonic() - started, counters)


# --from timestamp is not among them: KafkaIO 2.62's start_read_time failed on Apache Kafka 4.4.0 with "There are
# no messages has a timestamp that is greater than or equals to the target time" on a partition that has such
# records (README, "--kafka-io xlang").
_XLANG_BOUNDED_STARTS = ("committed", "earliest")


def _check_xlang_bounds(start: Position, until: Position) -> None:
    if start.kind not in _XLANG_BOUNDED_STARTS:
        raise UsageError(
            f"--kafka-io xlang cannot start a bounded run at --from {start.kind} (Beam's KafkaIO starts only at "
            "the group's committed offsets or the earliest ones; its timestamp start fails on Apache Kafka 4); "
            "allowed: --from committed | earliest, or --kafka-io python"
        )
    if until.kind != "end":
        raise UsageError(
            f"--kafka-io xlang cannot stop a bounded run at --until {until.kind} (Beam's KafkaIO stops only "
            "after a number of records); allowed: --until end, or --kafka-io python"
        )


def _run_xlang(
    settings: Settings,
    ranges: Sequence[PartitionRange],
    beam_args: Sequence[str],
    start: Position,
    planned: int,
) -> dict[str, int]:
    """One bounded pipeline over all planned ranges through Beam's Java KafkaIO (it cannot read chunks: it
    cannot start at given offsets). Raises, so nothing is committed, unless it read exactly the planned records."""
    options = pipeline_options(beam_args)
    with started_expansion_service(settings.kafka) as kafka:
        p = beam.Pipeline(options=options)
        build_pipeline(
            p,
            replace(settings, kafka=kafka),
            ranges,
            embed_secrets=is_local(options),
            streaming_start=start.kind,
        )
        result = p.run()
        state = result.wait_until_finish()
        counters = _counters(result)
    read = counters.get("claimflow.read/records_out", 0)
    if state != PipelineState.DONE or read != planned:
        outside = counters.get("claimflow.read/xlang_records_outside_ranges", 0)
        raise StageError(
            f"--kafka-io xlang: the pipeline ended in state {state} having read {read} of the {planned} planned "
            f"records ({outside} read outside the planned offsets: records that arrived while it ran, or a start "
            "KafkaIO placed elsewhere); nothing was committed, so a rerun redoes them; allowed: a rerun when no "
            "records are being published, or --kafka-io python, whose reads are exact"
        )
    _check_breaker(settings, counters)
    return counters


def _release_memory() -> None:
    """Between chunks: collect garbage and hand freed heap pages back to the OS (glibc's ``malloc_trim``), so a
    long run's resident memory follows what it holds, not the high-water mark of every chunk before.

    What survives the collection (the warm models, the language detector, bounded caches) is then frozen
    (``gc.freeze``): later collections, this one's next call and the automatic ones during a chunk, skip it
    instead of walking the models' millions of objects again (a full collection took ~1.2 CPU-s per chunk).
    Frozen objects are still freed when their last reference goes; :func:`pipelines.nlp.assemble.shared_nlp`
    freezes each pipeline it loads, and unfreezes and collects when it drops one."""
    import contextlib
    import ctypes
    import ctypes.util
    import gc

    gc.collect()
    gc.freeze()
    name = ctypes.util.find_library("c")
    if name and "libc" in name:
        with contextlib.suppress(OSError, AttributeError):  # not glibc: nothing to trim
            ctypes.CDLL(name).malloc_trim(0)


def run_chunk(
    settings: Settings,
    chunk: Sequence[PartitionRange],
    beam_args: Sequence[str],
    bounds: tuple[int | None, int | None] = (None, None),
) -> dict[str, int]:
    """Run the pipeline over one chunk of offset ranges; its counters. Raises when the run does not finish."""
    options = pipeline_options(beam_args)
    p = beam.Pipeline(options=options)
    build_pipeline(
        p,
        settings,
        chunk,
        embed_secrets=is_local(options),
        start_timestamp_ms=bounds[0],
        stop_timestamp_ms=bounds[1],
    )
    result = p.run()
    state = result.wait_until_finish()
    if state != PipelineState.DONE:
        where = ", ".join(f"{r.topic}/{r.partition} [{r.start}, {r.stop})" for r in chunk)
        raise StageError(
            f"the pipeline ended in state {state} on {where}; offsets from there on were not committed, so a "
            "rerun redoes them"
        )
    counters = _counters(result)
    del p, result
    _release_memory()  # in the process that ran the chunk (a worker's, with streaming.workers > 1)
    _check_breaker(settings, counters)
    return counters


def _run_lanes(
    lanes: list[list[list[PartitionRange]]],
    workers: int,
    settings: Settings,
    beam_args: list[str],
    bounds: tuple[int | None, int | None],
    finished: Callable[[list[PartitionRange], dict[str, int]], None],
) -> None:
    """Run each lane's chunks in order, up to ``workers`` lanes at once, in long-lived worker processes (their
    models stay warm); ``finished`` is called in this process as each chunk completes. A free worker takes the
    next chunk of the waiting lane with the most records left (:func:`_next_lane`)."""
    import multiprocessing
    from concurrent.futures import FIRST_COMPLETED, Future, ProcessPoolExecutor, wait

    waiting: list[tuple[int, list[list[PartitionRange]]]] = [
        (i, list(lane)) for i, lane in enumerate(lanes) if lane
    ]
    running: dict[
        Future[dict[str, int]], tuple[tuple[int, list[list[PartitionRange]]], list[PartitionRange]]
    ] = {}
    context = multiprocessing.get_context(_worker_start(settings))
    with ProcessPoolExecutor(max_workers=min(workers, len(waiting)), mp_context=context) as pool:

        def submit_next() -> None:
            lane = waiting.pop(_next_lane(waiting))
            chunk = lane[1].pop(0)
            running[pool.submit(run_chunk, settings, chunk, beam_args, bounds)] = (lane, chunk)

        while waiting and len(running) < workers:
            submit_next()
        while running:
            completed, _ = wait(running, return_when=FIRST_COMPLETED)
            for future in completed:
                lane, chunk = running.pop(future)
                try:
                    chunk_counters = future.result()
                except BaseException:
                    for other in running:
                        other.cancel()
                    raise
                finished(chunk, chunk_counters)
                if lane[1]:
                    waiting.append(lane)
            while waiting and len(running) < workers:
                submit_next()


def _next_lane(waiting: Sequence[tuple[int, Sequence[Sequence[PartitionRange]]]]) -> int:
    """Where in ``waiting`` (lane number, its chunks left) the lane to run next is: the one with the most
    records left, the lower lane number on a tie. Largest first, so the lanes that start last are the short
    ones and the workers finish close together: with four partitions of 76, 74, 84 and 66 records on two
    workers, taking them in partition order gave one worker 160 records and the other 140 (the run waited
    for the longer), largest first gives 150 and 150."""

    def key(item: tuple[int, tuple[int, Sequence[Sequence[PartitionRange]]]]) -> tuple[int, int]:
        number, chunks = item[1]
        return (-sum(r.size for chunk in chunks for r in chunk), number)

    return min(enumerate(waiting), key=key)[0]


def _worker_start(settings: Settings) -> str:
    """How worker processes start: ``fork`` on Linux, after this process has loaded what every worker needs
    (the language detector and each configured language's pipeline, frozen out of the garbage collector), so
    the workers share it copy-on-write instead of each importing and loading its own (with ``spawn``, two
    workers spent 12% more CPU-s than one on the same records, and every ``--follow`` batch loaded the models
    again in fresh workers). Elsewhere (macOS, Windows: forking a process that has imported these libraries
    is not safe there) ``spawn``: each worker imports and loads for itself."""
    import gc
    import sys

    if not sys.platform.startswith("linux"):
        return "spawn"
    from pipelines.detect_language import shared_detector
    from pipelines.nlp.assemble import shared_nlp

    shared_detector(settings.nlp.min_letters)
    for language, spec in settings.nlp.models.items():
        shared_nlp(language, spec, learned=settings.nlp.learned)
    shared_nlp("xx", None, learned=settings.nlp.learned)  # the fallback (extract_entities.FALLBACK)
    gc.collect()
    gc.freeze()  # the children's collections skip the shared objects, so they do not copy their pages
    return "fork"


def _check_breaker(settings: Settings, counters: dict[str, int]) -> None:
    """Raise :class:`TooManyRejects` when the circuit breaker tripped on a chunk (it then wrote nothing)."""
    tripped, seen, late, dominant = breaker_verdict(counters)
    if tripped:
        raise TooManyRejects(
            f"circuit breaker: {late} of {seen} records ({late / seen:.0%}) were rejected after parsing, most "
            f"often with error code {dominant!r}; allowed: at most {settings.nlp.max_reject_share:.0%} "
            "(nlp.max_reject_share). Nothing of this chunk was written and its offsets were not committed (the "
            "chunks before it were): fix the cause and run again.",
            records=seen,
            rejected=late,
            dominant_code=dominant,
        )


def _counters(result: Any) -> dict[str, int]:
    out: dict[str, int] = {}
    try:
        query = result.metrics().query()
    except Exception:
        return out
    for counter in query.get("counters", []):
        key = f"{counter.key.metric.namespace}/{counter.key.metric.name}"
        out[key] = out.get(key, 0) + int(counter.committed or counter.attempted or 0)
    return out


def follow(
    settings: Settings,
    beam_args: Sequence[str],
    stop: Any,
    *,
    first_start: Position | None = None,
    on_batch: Any = None,
) -> int:
    """Run bounded batches back to back until ``stop`` (a ``threading.Event``) is set; return the batch count.

    Each batch reads from the consumer group's committed offsets to the end offsets seen when it starts, writes
    the lake, then commits. Partitions added to the topic are picked up by the next batch. When a batch finds
    nothing to read, the loop waits ``streaming.follow_interval_seconds``. A stop request lets the current batch
    finish and commit.
    """
    batches = 0
    start = first_start or Position("committed")
    while not stop.is_set():
        report = run_bounded(settings, start, Position("end"), beam_args)
        start = Position("committed")
        if on_batch is not None:
            on_batch(report)
        if report.state == "NOTHING_TO_READ":
            stop.wait(settings.streaming.follow_interval_seconds)
        else:
            batches += 1
    return batches
