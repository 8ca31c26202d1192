"""What each ``claimflow`` subcommand does. Kept apart from argument parsing (:mod:`pipelines.cli`)."""

from __future__ import annotations

import argparse
import json
import subprocess
import sys
import time
from collections.abc import Sequence
from pathlib import Path
from typing import Any

from pipelines.config import Settings, describe_settings, load_settings
from pipelines.errors import UsageError
from pipelines.resources import samples_dir


def settings_from(args: argparse.Namespace) -> Settings:
    settings = load_settings(args.config)
    settings = settings.with_overrides(
        "kafka",
        bootstrap_servers=getattr(args, "bootstrap_servers", None),
        raw_topic=getattr(args, "raw_topic", None),
        rejected_topic=getattr(args, "rejected_topic", None),
        group_id=getattr(args, "group_id", None),
        io=getattr(args, "kafka_io", None),
    )
    settings = settings.with_overrides("lake", path=getattr(args, "lake", None))
    settings = settings.with_overrides("streaming", follow_interval_seconds=getattr(args, "interval", None))
    overrides = {}
    for item in getattr(args, "model", []) or []:
        lang, sep, spec = item.partition("=")
        if not sep or not lang or not spec:
            raise UsageError(f"--model {item!r} is not allowed; allowed: LANG=SPEC, e.g. en=en_core_web_lg")
        overrides[lang] = spec
    if overrides:
        settings = settings.with_overrides("nlp", models={**settings.nlp.models, **overrides})
    return settings


def _print_table(headers: Sequence[str], rows: Sequence[Sequence[Any]]) -> None:
    cells = [[("" if v is None else str(v)) for v in row] for row in rows]
    widths = [max([len(h), *(len(r[i]) for r in cells)]) for i, h in enumerate(headers)]
    print("  ".join(h.ljust(w) for h, w in zip(headers, widths, strict=True)))
    print("  ".join("-" * w for w in widths))
    for row in cells:
        print("  ".join(v.ljust(w) for v, w in zip(row, widths, strict=True)))


# --- publish ---------------------------------------------------------------------------------------------------


def cmd_publish(args: argparse.Namespace, extra: Sequence[str]) -> int:
    from pipelines.publish import publish_paths

    settings = settings_from(args)
    try:
        report = publish_paths(
            settings.kafka, args.paths, progress=not args.no_progress, failed_file=args.failed_file
        )
    except FileNotFoundError as exc:
        raise UsageError(str(exc)) from None
    for error in report.errors[:20]:
        print(f"  rejected: {error}", file=sys.stderr)
    if len(report.errors) > 20:
        print(
            f"  … and {len(report.errors) - 20} more rejected (each is on {settings.kafka.rejected_topic} with "
            "its reason)",
            file=sys.stderr,
        )
    for failure in report.failures:  # every one: these records are not on Kafka
        print(f"  FAILED: {failure}", file=sys.stderr)
    print(
        f"publish: {report.summary()} (raw → {settings.kafka.raw_topic}, rejected → {settings.kafka.rejected_topic})"
    )
    if report.failed:
        print(
            f"publish: {report.failed} records were not delivered; re-send exactly those with: "
            f"claimflow publish {report.failed_file}",
            file=sys.stderr,
        )
    return 1 if report.failed else 0


# --- run / replay ----------------------------------------------------------------------------------------------


def _run(args: argparse.Namespace, extra: Sequence[str], *, commit: bool) -> int:
    from pipelines.job import run_bounded
    from pipelines.offsets import parse_position
    from pipelines.progress import RunProgress

    settings = settings_from(args)
    start = parse_position(args.start or [])
    until = parse_position(args.until or [], until=True)
    progress = RunProgress(interval=settings.streaming.progress_seconds)
    report = run_bounded(settings, start, until, extra, commit=commit, progress=progress)
    _print_run_report(report, settings.lake.path, committed=commit)
    return 0


def _print_run_report(report: Any, lake: str, *, committed: bool) -> None:
    read = report.counters.get("claimflow.read/records_out", 0)
    print(
        f"run: {report.state}: {report.records} offsets planned, {read} records read in {report.seconds:.1f}s"
    )
    for r in report.ranges:
        if r.size:
            print(f"  {r.topic}/{r.partition}: offsets [{r.start}, {r.stop})")
    interesting = (
        "articles_out",
        "rejected",
        "entities_out",
        "claims_out",
        "rows_written",
        "files_written",
        "records_skipped_by_timestamp",
    )
    for key, value in sorted(report.counters.items()):
        if key.rsplit("/", 1)[-1] in interesting:
            print(f"  {key} = {value}")
    if report.ranges and committed:
        print("  offsets committed to the consumer group")
    print(f"  lake: {lake}")


def cmd_run(args: argparse.Namespace, extra: Sequence[str]) -> int:
    if "--streaming" in extra:
        return _streaming(args, extra)
    if args.follow:
        return _follow(args, extra)
    return _run(args, extra, commit=not args.no_commit)


def _streaming(args: argparse.Namespace, extra: Sequence[str]) -> int:
    from pipelines.job import run_streaming

    start = (args.start or ["committed"])[0]
    if len(args.start or []) > 1 or start not in ("earliest", "latest", "committed") or args.until:
        raise UsageError(
            "--streaming reads without end from --from earliest|latest|committed; --until is not allowed"
        )
    settings = settings_from(args)
    from pipelines.job import is_local, pipeline_options

    if is_local(pipeline_options(extra)):  # the reader runs here: fail within the connect deadline, not hang
        from pipelines.offsets import admin_consumer

        with admin_consumer(settings.kafka.client_config()):
            pass
    result, lives_here = run_streaming(settings, extra, start=start)
    print(
        f"streaming: submitted ({result.state}); windows of {settings.streaming.window_seconds}s → {settings.lake.path}"
    )
    if lives_here:  # the runner or its Python workers (LOOPBACK) live in this process: wait for the job
        from pipelines.job import wait_streaming

        wait_streaming(result)
    return 0


def _follow(args: argparse.Namespace, extra: Sequence[str]) -> int:
    import signal
    import threading

    from pipelines.job import follow
    from pipelines.offsets import parse_position

    if args.no_commit or args.until:
        raise UsageError(
            "--follow resumes from committed offsets: it cannot be combined with --no-commit or --until"
        )
    settings = settings_from(args)
    stop = threading.Event()

    def request_stop(signum: int, frame: Any) -> None:
        print(
            f"claimflow: {signal.Signals(signum).name}: finishing the current batch, then stopping",
            file=sys.stderr,
        )
        stop.set()
        signal.signal(signum, signal.SIG_DFL)  # a second signal stops at once

    signal.signal(signal.SIGINT, request_stop)
    signal.signal(signal.SIGTERM, request_stop)

    def report_batch(report: Any) -> None:
        if report.records:
            _print_run_report(report, settings.lake.path, committed=True)

    first = parse_position(args.start) if args.start else None
    batches = follow(settings, extra, stop, first_start=first, on_batch=report_batch)
    print(f"follow: stopped after {batches} batches")
    return 0


def cmd_replay(args: argparse.Namespace, extra: Sequence[str]) -> int:
    return _run(args, extra, commit=False)


# --- extract ---------------------------------------------------------------------------------------------------


def cmd_extract(args: argparse.Namespace, extra: Sequence[str]) -> int:
    from pipelines.extract_local import extract_records
    from pipelines.job import check_models
    from pipelines.publish import iter_inputs

    settings = settings_from(args)
    check_models(settings)
    try:
        raws = [record.raw for record in iter_inputs(args.paths)]
    except FileNotFoundError as exc:
        raise UsageError(str(exc)) from None
    for item in extract_records(raws, settings.nlp):
        print(json.dumps(item, ensure_ascii=False), flush=True)
    return 0


# --- offsets / broker / topics ---------------------------------------------------------------------------------


def cmd_offsets(args: argparse.Namespace, extra: Sequence[str]) -> int:
    from pipelines.offsets import describe_offsets

    settings = settings_from(args)
    k = settings.kafka
    lags = describe_offsets(k.client_config(), k.group_id, [k.raw_topic, k.rejected_topic])
    _print_table(
        ["topic", "partition", "begin", "end", "committed", "lag"],
        [(p.topic, p.partition, p.begin, p.end, p.committed, p.lag) for p in lags],
    )
    return 0


def cmd_broker(args: argparse.Namespace, extra: Sequence[str]) -> int:
    from pipelines.broker import EmbeddedBroker

    with EmbeddedBroker(args.port) as broker:
        print(f"embedded Tansu broker on {broker.bootstrap_servers} (in memory; Ctrl-C stops it)", flush=True)
        try:
            while True:
                time.sleep(3600)
        except KeyboardInterrupt:
            pass
    return 0


def cmd_topics(args: argparse.Namespace, extra: Sequence[str]) -> int:
    from pipelines.topics import ensure_topics

    settings = settings_from(args)
    created = ensure_topics(settings.kafka, partitions=args.partitions)
    print("created: " + (", ".join(created) if created else "nothing (topics exist)"))
    return 0


# --- models ----------------------------------------------------------------------------------------------------


def cmd_models(args: argparse.Namespace, extra: Sequence[str]) -> int:
    from pipelines.nlp import registry

    if args.models_command == "list":
        settings = settings_from(args)
        rows = []
        for lang, spec in sorted(settings.nlp.models.items()):
            info = registry.resolve(lang, spec)
            rows.append(
                (lang, spec, info.name, info.version, "yes" if info.installed else "NO", info.location)
            )
        _print_table(["language", "spec", "pipeline", "version", "installed", "location"], rows)
        print("other languages: fallback (sentences only, no entities or claims; flagged nlp_fallback)")
        return 0
    if args.models_command == "install":
        if args.wheel_dir:
            cmd = [
                sys.executable,
                "-m",
                "pip",
                "install",
                "--no-index",
                "--find-links",
                str(args.wheel_dir),
                args.name,
            ]
        else:
            cmd = [sys.executable, "-m", "spacy", "download", args.name]
        return subprocess.call(cmd)
    spec = args.model
    model: Any = spec  # what evaluate_file loads: a name or path, or a loaded pipeline
    if spec.startswith("bundled:"):
        info = registry.require(spec.removeprefix("bundled:").split("-")[0], spec)
        spec = info.location
        model = registry.load_model(info) if info.enable else spec
    if args.models_command == "evaluate-claims":
        from pipelines.nlp.claims import attribution_eval

        split = "train" if args.split == "dev2" else args.split
        split_dir = args.corpus / "data" / split
        if not split_dir.is_dir():
            raise UsageError(
                f"PolNeAR split not found: {split_dir}; pass the PolNeAR directory that holds data/{split}/"
            )
        argv = ["--split", args.split, "--model", spec, "--corpus", str(args.corpus)]
        argv += ["--learned", args.learned] if args.learned else []
        argv += ["--no-learned"] if args.no_learned else []
        return attribution_eval.main([*argv, *(["--limit", str(args.limit)] if args.limit else [])])
    from pipelines.nlp import corpora
    from pipelines.nlp.evaluate import SPLIT_FORMATS, evaluate_file

    fmt = {"conll": "conll2003"}.get(args.format, args.format)
    splits = [args.split]
    if args.split == "both":  # the carved splits of the file's format (CoNLL-2003 train has dev2 only)
        try:
            splits = list(SPLIT_FORMATS.get(fmt or corpora.detect_format(args.path), ("dev", "dev2")))
        except ValueError as exc:
            raise UsageError(str(exc)) from exc
    for i, split in enumerate(splits):
        try:
            report = evaluate_file(model, args.path, fmt, split)
        except ValueError as exc:
            raise UsageError(str(exc)) from exc
        print(("\n" if i else "") + report.format_table())
    return 0


# --- lake / query ----------------------------------------------------------------------------------------------


def cmd_lake(args: argparse.Namespace, extra: Sequence[str]) -> int:
    from pipelines.lake import partition_table, summary_table

    settings = settings_from(args)
    _print_table(*summary_table(settings.lake.path))
    if not args.no_partitions:
        print()
        _print_table(*partition_table(settings.lake.path, args.table))
    return 0


def cmd_compact(args: argparse.Namespace, extra: Sequence[str]) -> int:
    from pipelines.compact import MiB, compact

    settings = settings_from(args)
    report = compact(
        settings.lake.path,
        args.table,
        target_file_bytes=int(args.target_mb * MiB),
        bucket_size=settings.lake.offset_bucket,
        allow_rebucket=args.rebucket,
        compression=settings.lake.compression,
        row_group_rows=settings.lake.row_group_rows,
    )
    headers, rows = report.table_rows()
    if rows:
        _print_table(headers, rows)
    print(report.summary())
    return 0


def cmd_query(args: argparse.Namespace, extra: Sequence[str]) -> int:
    from pipelines.lake import run_query

    settings = settings_from(args)
    headers, rows = run_query(settings.lake.path, args.sql)
    if args.format == "json":
        for row in rows:
            print(json.dumps(dict(zip(headers, row, strict=True)), default=str, ensure_ascii=False))
    elif args.format == "csv":
        import csv

        writer = csv.writer(sys.stdout)
        writer.writerow(headers)
        writer.writerows(rows)
    else:
        _print_table(headers, rows)
    return 0


# --- config ----------------------------------------------------------------------------------------------------


def cmd_config(args: argparse.Namespace, extra: Sequence[str]) -> int:
    if args.config_command == "describe":
        _print_table(["setting", "default", "meaning"], describe_settings())
        return 0
    settings = settings_from(args)
    for section, values in settings.masked().items():
        print(f"[{section}]")
        for key, value in values.items():
            print(f"{key} = {json.dumps(value, ensure_ascii=False)}")
        print()
    print("config: OK")
    return 0


# --- demo ------------------------------------------------------------------------------------------------------


def cmd_demo(args: argparse.Namespace, extra: Sequence[str]) -> int:
    from pipelines.broker import EmbeddedBroker
    from pipelines.job import run_bounded
    from pipelines.offsets import Position
    from pipelines.publish import publish_paths
    from pipelines.topics import ensure_topics

    samples = args.samples or str(samples_dir())
    if not Path(samples).exists():
        raise UsageError(f"--samples {samples!r}: no such file or directory")
    with EmbeddedBroker() as broker:
        settings = settings_from(args).with_overrides("kafka", bootstrap_servers=broker.bootstrap_servers)
        print(f"demo: embedded broker on {broker.bootstrap_servers}")
        ensure_topics(settings.kafka, partitions=4)
        report = publish_paths(settings.kafka, [samples], progress=False)
        print(f"demo: publish: {report.summary()}")
        run = run_bounded(settings, Position("committed"), Position("end"), extra)
        _print_run_report(run, settings.lake.path, committed=True)
    print()
    print_summary(settings.lake.path)
    return 0


def print_summary(lake: str) -> None:
    from pipelines.lake import connect, summarize

    _print_table(
        ["table", "rows", "files", "partitions"],
        [(s.table, s.rows, s.files, s.partitions) for s in summarize(lake)],
    )
    con = connect(lake)
    print()
    langs = con.execute("SELECT language, count(*) FROM articles GROUP BY 1 ORDER BY 2 DESC, 1").fetchall()
    print("languages: " + ", ".join(f"{lang} {n}" for lang, n in langs))
    top = con.execute(
        "SELECT coalesce(canonical, text) AS entity, label, count(*) AS n FROM entities "
        "WHERE label IN ('PER', 'LOC', 'ORG') GROUP BY 1, 2 ORDER BY n DESC, entity LIMIT 10"
    ).fetchall()
    print("top entities: " + ", ".join(f"{e} ({label}) ×{n}" for e, label, n in top))
    examples = con.execute(
        # one attributed claim per language, preferring a known event type
        "SELECT language, coalesce(claimant_canonical, claimant, '—'), coalesce(cue, '—'), event_type, content "
        "FROM (SELECT *, row_number() OVER (PARTITION BY language ORDER BY event_type = 'other', article_id, "
        "sentence_index) AS k FROM claims WHERE attribution <> 'unattributed' AND claimant IS NOT NULL) "
        "WHERE k = 1 ORDER BY language LIMIT 3"
    ).fetchall()
    print("example claims:")
    for lang, claimant, cue, event, content in examples:
        print(f"  [{lang}] {claimant} —{cue}→ ({event}) {content[:110]}")
    rejects = con.execute(
        "SELECT stage, error_code, count(*) FROM rejects GROUP BY 1, 2 ORDER BY 1, 2"
    ).fetchall()
    print("rejects: " + (", ".join(f"{s}/{c} ×{n}" for s, c, n in rejects) or "none"))
