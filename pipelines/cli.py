"""``claimflow``: the command line. Parses claimflow's own flags; ``run``/``replay`` also take Beam's pipeline
options, and after ``--`` options for the runner itself (see :mod:`pipelines.beam_args`). Anything else is a
usage error naming the nearest known option.

claimflow demo                     # embedded broker → topics → samples → run → summary (what `make run` does)
claimflow publish PATH...          # validate and produce articles
claimflow run [--from …] [--until …] [Beam pipeline options…] [-- runner options…]
claimflow replay --from … --until … [Beam pipeline options…] [-- runner options…]
claimflow offsets | broker | topics | models | lake | query | config
"""

from __future__ import annotations

import argparse
import logging
import sys
from collections.abc import Sequence
from pathlib import Path
from typing import Any

from pipelines import __version__
from pipelines.errors import ClaimflowError, UsageError

EXIT_ERROR = 1
EXIT_USAGE = 2
EXIT_RETRYABLE = 75  # EX_TEMPFAIL: try again later
_LOG_LEVELS = ["DEBUG", "INFO", "WARNING", "ERROR"]


def _kafka_flags(p: argparse.ArgumentParser) -> None:
    p.add_argument("--bootstrap-servers", help="Kafka bootstrap servers (kafka.bootstrap_servers)")
    p.add_argument("--topic", dest="raw_topic", help="raw articles topic (kafka.raw_topic)")
    p.add_argument("--rejected-topic", help="rejected records topic (kafka.rejected_topic)")


def _model_flag(p: argparse.ArgumentParser) -> None:
    p.add_argument(
        "--model",
        action="append",
        default=[],
        metavar="LANG=SPEC",
        help="spaCy pipeline for a language: bundled:en, en_core_web_lg or a path (repeatable)",
    )


def _run_flags(p: argparse.ArgumentParser, *, replay: bool = False) -> None:
    _kafka_flags(p)
    p.add_argument("--group-id", help="consumer group that records progress (kafka.group_id)")
    p.add_argument(
        "--kafka-io",
        choices=["python", "xlang"],
        help="python: claimflow's source (default); xlang: Beam's Java KafkaIO (needs kafka.expansion_service or "
        "kafka.expansion_classpath; bounded runs only --from committed|earliest --until end)",
    )
    p.add_argument("--lake", help="lake root: path or s3://… / gs://… (lake.path)")
    p.add_argument(
        "--from",
        dest="start",
        action="append",
        required=replay,
        metavar="POSITION",
        help="earliest | latest | committed (default) | offset:TOPIC:PARTITION:OFFSET (repeatable) | "
        "timestamp:RFC3339",
    )
    p.add_argument(
        "--until",
        action="append",
        metavar="POSITION",
        help="end (default: end offsets at start) | offset:TOPIC:PARTITION:OFFSET | timestamp:RFC3339",
    )
    _model_flag(p)


_NOISE = (
    "apitools not found",  # Beam's GCP extras are not needed
    "Resource module is not available",  # FnApiRunner's memory probe
    "group_id is None: disabling auto-commit",  # readers never commit; the driver does
)


def _quiet_known_noise(record: logging.LogRecord) -> bool:
    """Drop warnings that are expected on every run and say nothing about the user's data."""
    message = record.getMessage()
    return not any(message.startswith(n) for n in _NOISE)


_BEAM_EPILOG = (
    "run and replay also take Beam pipeline options (--runner FlinkRunner, --flink_master …, --streaming); "
    "options only the runner itself reads (e.g. Flink's --checkpointing_interval) go after '--'. "
    "Any other option is an error."
)


def build_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog="claimflow",
        description="Kafka → Apache Beam → Parquet: language, entities and attributed claims of news articles.",
        epilog=_BEAM_EPILOG,
    )
    parser.add_argument("--version", action="version", version=f"claimflow {__version__}")
    parser.add_argument(
        "--config", type=Path, help="TOML config file (default: $CLAIMFLOW_CONFIG or ./claimflow.toml)"
    )
    parser.add_argument("--log-level", default="WARNING", choices=_LOG_LEVELS)
    sub = parser.add_subparsers(dest="command", metavar="COMMAND", required=True)

    p = sub.add_parser("demo", help="run the whole path on an embedded local broker with the bundled samples")
    p.add_argument("--lake", default="lake", help="lake root (default: ./lake)")
    p.add_argument("--samples", default=None, help="articles to publish (default: the bundled samples/)")

    p = sub.add_parser("publish", help="validate articles and produce them to Kafka")
    p.add_argument("paths", nargs="+", metavar="PATH", help="JSONL/JSON files, directories, or - for stdin")
    _kafka_flags(p)
    p.add_argument("--no-progress", action="store_true", help="never show a progress bar")
    p.add_argument(
        "--failed-file",
        type=Path,
        help="where the input lines of records that were not delivered go, to re-publish them alone "
        "(default: ./claimflow-publish-failed-<UTC time>.jsonl, created only when one fails)",
    )

    p = sub.add_parser(
        "run",
        help="run the pipeline over a bounded offset range (default: committed → end)",
        usage="claimflow run [options] [Beam pipeline options] [-- runner options]",
        epilog=_BEAM_EPILOG,
        allow_abbrev=False,
    )
    _run_flags(p)
    p.add_argument(
        "--no-commit", action="store_true", help="do not commit the range ends to the consumer group"
    )
    p.add_argument(
        "--follow",
        action="store_true",
        help="keep consuming: bounded batches from the committed offsets until Ctrl-C/SIGTERM (which ends the "
        "current batch cleanly)",
    )
    p.add_argument(
        "--interval",
        type=float,
        help="seconds to wait when a batch finds nothing new (streaming.follow_interval_seconds)",
    )

    p = sub.add_parser(
        "extract",
        help="run the pipeline's NLP on article files and print what it finds (no Kafka, no Parquet)",
        description="Runs exactly the NLP of the pipeline (parse and validate, language, entities, claims) on "
        "records of the article contract and prints one JSON object per record: id, language, entities and "
        "claims (the columns of the claims table), or, for a record a stage rejected, reject with its stage, "
        "code and message (an article whose claims fail has its entities and a reject). The records have no "
        "Kafka coordinates: source_topic, source_partition, source_offset and source_timestamp are null, and "
        "claim_id hashes the article id in their place (so it differs from the claim_id of the same record "
        "read from Kafka).",
    )
    p.add_argument("paths", nargs="+", metavar="FILE", help="JSONL/JSON files, directories, or - for stdin")
    _model_flag(p)

    p = sub.add_parser(
        "replay",
        help="reprocess a range and rewrite its rows (offsets are not committed)",
        usage="claimflow replay --from POSITION [options] [Beam pipeline options] [-- runner options]",
        epilog=_BEAM_EPILOG,
        allow_abbrev=False,
    )
    _run_flags(p, replay=True)

    p = sub.add_parser("offsets", help="per topic-partition: end offset, committed offset and lag")
    _kafka_flags(p)
    p.add_argument("--group-id", help="consumer group (kafka.group_id)")

    p = sub.add_parser("broker", help="run the embedded Tansu broker in the foreground (local use only)")
    p.add_argument("--port", type=int, default=9092)

    p = sub.add_parser("topics", help="create the raw and rejected topics when missing")
    _kafka_flags(p)
    p.add_argument("--partitions", type=int, default=4)

    p = sub.add_parser("models", help="list, install or evaluate spaCy pipelines")
    msub = p.add_subparsers(dest="models_command", metavar="ACTION", required=True)
    m = msub.add_parser("list", help="configured and installed pipelines per language")
    m.add_argument("--model", action="append", default=[], metavar="LANG=SPEC")
    m = msub.add_parser(
        "install", help="install an official spaCy pipeline (spacy download, or a local wheel)"
    )
    m.add_argument("name", help="e.g. en_core_web_sm")
    m.add_argument("--wheel-dir", type=Path, help="install from wheels in this directory (offline)")
    m = msub.add_parser("evaluate", help="precision/recall/F1 per label (NER) or UAS/LAS (CoNLL-U)")
    m.add_argument("model", help="bundled:en, a package name or a path")
    m.add_argument("path", type=Path, help="CoNLL-2003, IOB, CoNLL-U or brat file/directory")
    m.add_argument("--format", choices=["conll", "iob", "conllu", "brat", "factrueval"], default=None)
    m.add_argument(
        "--split",
        choices=["all", "dev", "dev2", "both"],
        default="all",
        help="the whole file (default), or the dev splits carved from a training corpus as the build carves "
        "them: factRuEval-2016 devset dev/dev2, NER-UK train.iob dev/dev2, CoNLL-2003 eng.train dev2; both = "
        "the file's carved splits",
    )
    m = msub.add_parser(
        "evaluate-claims",
        help="claimant/cue/content P/R/F1 of the English claim layer on PolNeAR (brat: data/<split>/)",
    )
    m.add_argument("corpus", type=Path, help="the PolNeAR directory (holds data/train, data/dev)")
    m.add_argument(
        "--split",
        choices=["train", "dev", "test", "dev2"],
        default="dev",
        help="dev2: the training articles the learned tagger never saw",
    )
    m.add_argument("--model", default="bundled:en", help="English pipeline: bundled:en, a package or a path")
    m.add_argument("--limit", type=int, default=None, help="only the first N documents")
    m.add_argument(
        "--learned",
        default=None,
        help="learned attribution model (default models/en-attribution when built); adds the table of its spans "
        "alone and one per combine policy of the claims component",
    )
    m.add_argument("--no-learned", action="store_true", help="score the rule layer alone")

    p = sub.add_parser("lake", help="rows, files, bytes and date range per table and per partition")
    p.add_argument("--lake", help="lake root (lake.path)")
    p.add_argument("--table", help="only this table's partitions")
    p.add_argument("--no-partitions", action="store_true", help="the per-table summary only")

    p = sub.add_parser("compact", help="merge stray files into their file groups and drop duplicate keys")
    p.add_argument("--lake", help="lake root (lake.path)")
    p.add_argument("--table", help="only this table (default: all)")
    p.add_argument("--target-mb", type=float, default=128.0, help="files under this size count as small")
    p.add_argument("--rebucket", action="store_true", help="allow moving rows to lake.offset_bucket's groups")

    p = sub.add_parser("query", help="run SQL over the lake with DuckDB (tables are views)")
    p.add_argument("sql")
    p.add_argument("--lake", help="lake root (lake.path)")
    p.add_argument("--format", choices=["table", "csv", "json"], default="table")

    p = sub.add_parser("config", help="check or describe the configuration")
    csub = p.add_subparsers(dest="config_command", metavar="ACTION", required=True)
    csub.add_parser("check", help="validate the config and print the effective values (secrets masked)")
    csub.add_parser("describe", help="every setting with its default and meaning")
    return parser


_BEAM_COMMANDS = ("run", "replay")


def parse_args(
    argv: Sequence[str], parser: argparse.ArgumentParser | None = None
) -> tuple[argparse.Namespace, list[str]]:
    """claimflow's arguments, and the Beam arguments of ``run``/``replay``: the Beam pipeline options given
    before ``--`` (checked: a :class:`UsageError` names an unknown one) followed by everything after ``--``."""
    from pipelines.beam_args import check_beam_args

    parser = parser or build_parser()
    argv = list(argv)
    head, tail = (argv[: argv.index("--")], argv[argv.index("--") + 1 :]) if "--" in argv else (argv, [])
    args, extra = parser.parse_known_args(head)
    if args.command not in _BEAM_COMMANDS:
        args, extra = parser.parse_known_args(argv)
        if extra:
            parser.error(f"unrecognized arguments: {' '.join(extra)}")
        return args, []
    subparsers = next(a for a in parser._actions if isinstance(a, argparse._SubParsersAction))
    own = [
        s for a in subparsers.choices[args.command]._actions for s in a.option_strings if s.startswith("--")
    ]
    return args, [*check_beam_args(extra, own), *tail]


def _setup_logging(argv: Sequence[str]) -> None:
    """Logging first (checking options imports Beam, which logs at import time); the full parse checks the
    value of --log-level."""
    pre = argparse.ArgumentParser(add_help=False)
    pre.add_argument("--log-level", default="WARNING")
    level = pre.parse_known_args(list(argv))[0].log_level
    logging.basicConfig(
        level=level if level in _LOG_LEVELS else "WARNING", format="%(levelname)s %(name)s: %(message)s"
    )
    for handler_ in logging.getLogger().handlers:
        handler_.addFilter(_quiet_known_noise)


#: Net allocations between two young-generation collections in a ``claimflow`` process (Python's default is
#: 700). Parsing an article allocates millions of short-lived objects (tokens, spans, claim parts), almost all
#: freed by reference counting; at 700 the collector examined the young ones some 1,300 times over 90 articles
#: (0.77 CPU-s of collector time), at 10,000 about 95 times (0.33 CPU-s), with the same peak memory. At 50,000
#: the middle generation (which holds what the model loading left before it is frozen) is examined 2 times
#: instead of 6: 0.19 CPU-s in all (gc.callbacks timer, the same 90 articles), peak memory within the noise.
YOUNG_COLLECTION_THRESHOLD = 50_000


def tune_collector() -> None:
    """Set the young-generation threshold of the garbage collector to :data:`YOUNG_COLLECTION_THRESHOLD` (the
    older generations keep theirs): called by :func:`main` before anything is imported or parsed, so imports,
    model loading and a run's forked workers all have it."""
    import gc

    _, older, oldest = gc.get_threshold()
    gc.set_threshold(YOUNG_COLLECTION_THRESHOLD, older, oldest)


#: Environment variables that size the thread pools of native maths libraries, and the size a claimflow process
#: gives them unless the user set one. numpy's OpenBLAS starts one helper thread per extra core, and after each
#: BLAS call those threads spin, waiting for more work, before they sleep: with the small matrices spaCy's models
#: hand to numpy they only burn a core. Measured over the 90 benchmark articles (``bench_pipeline.py``, per-thread
#: CPU from ``/proc``), the spinning thread took 1.1 CPU-s of a 21 CPU-s run (0.6 of bare ``nlp.pipe``'s 16) and the
#: main thread the same 19.9 CPU-s with or without it. claimflow runs in parallel by processes (workers), not threads.
NATIVE_THREAD_LIMITS = {"OPENBLAS_NUM_THREADS": "1"}


def limit_native_threads() -> None:
    """Set each of :data:`NATIVE_THREAD_LIMITS` that the environment does not set already: called by :func:`main`
    before anything imports numpy, so the process and every worker process it starts (which inherit the
    environment) run BLAS on the calling thread."""
    import os

    for name, value in NATIVE_THREAD_LIMITS.items():
        os.environ.setdefault(name, value)


def main(argv: Sequence[str] | None = None) -> int:
    from pipelines import lean_imports

    tune_collector()
    limit_native_threads()
    lean_imports.install()  # before anything imports Beam: its optional pandas import is skipped
    parser = build_parser()
    argv = list(sys.argv[1:] if argv is None else argv)
    _setup_logging(argv[: argv.index("--")] if "--" in argv else argv)
    try:
        args, extra = parse_args(argv, parser)
    except UsageError as exc:
        print(f"claimflow: usage error: {exc}", file=sys.stderr)
        return EXIT_USAGE
    try:
        from pipelines import commands

        handler: Any = getattr(commands, f"cmd_{args.command}")
        result: int = handler(args, extra)
        return result
    except UsageError as exc:
        print(f"claimflow: usage error: {exc}", file=sys.stderr)
        return EXIT_USAGE
    except ClaimflowError as exc:
        kind = "retryable error" if exc.retryable else "error"
        print(f"claimflow: {kind} [{exc.code}]: {exc}", file=sys.stderr)
        return EXIT_RETRYABLE if exc.retryable else EXIT_ERROR
    except KeyboardInterrupt:
        print("claimflow: interrupted", file=sys.stderr)
        return 130
    except BrokenPipeError:  # output piped into `head` and friends
        sys.stderr.close()
        return 0


if __name__ == "__main__":
    sys.exit(main())
