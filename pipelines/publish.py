"""``claimflow publish``: validate articles and produce them to Kafka. Nothing is dropped silently.

Inputs: JSON Lines files (``.jsonl``/``.ndjson``), JSON files (one object or an array of objects),
directories (their ``*.jsonl``, ``*.ndjson`` and ``*.json`` files, recursively, in name order), and ``-`` for
standard input (JSON Lines, or one JSON document).

Valid records go to the raw topic with key = article id and headers ``claimflow.schema`` and
``content-type``, with ``acks=all`` and retries. Invalid ones go to the rejected topic, byte for byte, with
the reason in the ``claimflow.error`` header (and ``claimflow.error_code``, ``claimflow.input`` naming the file
and line). Only records the broker acknowledged count as sent (or rejected). A record that was not delivered — the broker
refused it after retries, or stopped answering, after which nothing more is attempted — counts as failed: its
input line is written to a failures file (``--failed-file``, by default
``claimflow-publish-failed-<UTC time>.jsonl``), so that ``claimflow publish FILE`` re-sends exactly those, and
the command exits 1. Delivery is bounded: a record waits at most ``2 × kafka.request_timeout_ms`` (plus the
linger) for its acknowledgement.
"""

from __future__ import annotations

import contextlib
import json
import sys
from collections.abc import Iterable, Iterator, Sequence
from dataclasses import dataclass, field
from datetime import UTC, datetime
from pathlib import Path
from typing import Any, BinaryIO

from kafka import KafkaProducer
from kafka.errors import KafkaError

from pipelines.config import KafkaSettings
from pipelines.errors import ClaimflowError, RecordTooLarge, UndecodableRecord
from pipelines.kafka_client import client_options, connect
from pipelines.parse_articles import ArticleParser

_SUFFIXES = (".jsonl", ".ndjson", ".json")


@dataclass(frozen=True, slots=True)
class InputRecord:
    origin: str  # file:line
    raw: bytes


@dataclass
class PublishReport:
    """Counts of acknowledged records (``sent`` to the raw topic, ``rejected`` to the rejected topic) and of
    records not delivered (``failed``); ``errors`` holds one line per rejected or failed record."""

    sent: int = 0
    rejected: int = 0
    failed: int = 0
    errors: list[str] = field(default_factory=list)
    failures: list[str] = field(default_factory=list)
    failed_file: Path | None = None

    def summary(self) -> str:
        text = f"sent {self.sent}, rejected {self.rejected}"
        if self.failed:
            text += f", FAILED {self.failed} (not delivered; their lines are in {self.failed_file})"
        return text


def iter_inputs(paths: Sequence[str], stdin: BinaryIO | None = None) -> Iterator[InputRecord]:
    """Yield every record of every input, with where it came from."""
    for name in paths:
        if name == "-":
            yield from _records_of(stdin or sys.stdin.buffer, "<stdin>", json_doc=None)
            continue
        path = Path(name)
        if path.is_dir():
            files = sorted(p for p in path.rglob("*") if p.is_file() and p.suffix in _SUFFIXES)
        elif path.is_file():
            files = [path]
        else:
            raise FileNotFoundError(f"publish input {name!r}: no such file or directory")
        for file in files:
            with file.open("rb") as handle:
                yield from _records_of(handle, str(file), json_doc=file.suffix == ".json")


def _records_of(handle: BinaryIO, origin: str, json_doc: bool | None) -> Iterator[InputRecord]:
    if json_doc is None:  # stdin: sniff
        data = handle.read()
        stripped = data.lstrip()
        if stripped.startswith(b"[") or (stripped.startswith(b"{") and stripped.count(b"\n{") == 0):
            yield from _records_of_document(data, origin)
        else:
            yield from _records_of_lines(data.splitlines(), origin)
    elif json_doc:
        yield from _records_of_document(handle.read(), origin)
    else:
        yield from _records_of_lines(handle, origin)


def _records_of_lines(lines: Iterable[bytes], origin: str) -> Iterator[InputRecord]:
    for number, line in enumerate(lines, start=1):
        if line.strip():
            yield InputRecord(f"{origin}:{number}", line.rstrip(b"\r\n"))


def _records_of_document(data: bytes, origin: str) -> Iterator[InputRecord]:
    try:
        doc = json.loads(data)
    except (UnicodeDecodeError, json.JSONDecodeError):
        yield InputRecord(origin, data)  # rejected downstream with the parse error
        return
    items = doc if isinstance(doc, list) else [doc]
    for index, item in enumerate(items):
        yield InputRecord(f"{origin}[{index}]", json.dumps(item, ensure_ascii=False).encode("utf-8"))


def default_failed_file() -> Path:
    stamp = datetime.now(UTC).strftime("%Y%m%dT%H%M%SZ")
    return Path(f"claimflow-publish-failed-{stamp}.jsonl")


class Publisher:
    """Validates and produces records; use as a context manager (flushes and closes on exit).

    ``failed_file``: where the input lines of records that were not delivered go (created on the first one).
    """

    def __init__(
        self,
        settings: KafkaSettings,
        *,
        producer: KafkaProducer | None = None,
        failed_file: Path | None = None,
    ) -> None:
        self._settings = settings
        self._parser = ArticleParser()
        config = settings.client_config()
        linger_ms = 20
        self._ack_timeout_s = (2 * settings.request_timeout_ms + linger_ms) / 1000
        self._producer = producer or connect(
            lambda: KafkaProducer(
                acks="all",
                retries=5,
                linger_ms=linger_ms,
                compression_type="gzip",
                max_request_size=settings.max_message_bytes + 64 * 1024,
                delivery_timeout_ms=2 * settings.request_timeout_ms + linger_ms,
                max_block_ms=settings.request_timeout_ms,
                **client_options(config, KafkaProducer),
            ),
            lambda p: p.partitions_for(settings.raw_topic),
            config,
        )
        self.report = PublishReport(failed_file=failed_file or default_failed_file())
        self._pending: list[
            tuple[InputRecord, Any, bool]
        ] = []  # record, future, valid (raw) or not (rejected)
        self._down: str | None = None  # why the broker is taken as gone; later records are not attempted
        self._failed_out: BinaryIO | None = None

    def publish(self, record: InputRecord) -> bool:
        """Send one record to the raw topic (True) or, when invalid, to the rejected topic (False). Counts
        come with :meth:`flush`, once the broker has acknowledged them."""
        try:
            if len(record.raw) > self._settings.max_message_bytes:
                raise RecordTooLarge(
                    f"(record): {len(record.raw)} bytes; allowed: at most {self._settings.max_message_bytes} "
                    "bytes (kafka.max_message_bytes, which must not exceed the topic's max.message.bytes)"
                )
            try:
                doc = json.loads(record.raw.decode("utf-8"))
            except UnicodeDecodeError as exc:
                raise UndecodableRecord(f"(record): bytes are not UTF-8 ({exc.reason})") from None
            except json.JSONDecodeError as exc:
                raise UndecodableRecord(f"(record): not JSON ({exc.msg} at column {exc.colno})") from None
            self._parser.validate(doc)
        except ClaimflowError as exc:
            self._reject(record, exc)
            return False
        headers = [
            ("claimflow.schema", self._parser.schema_version.encode()),
            ("content-type", b"application/json"),
            ("claimflow.input", record.origin.encode("utf-8")),
        ]
        self._send(record, True, self._settings.raw_topic, doc["id"].encode("utf-8"), record.raw, headers)
        return True

    def _reject(self, record: InputRecord, exc: ClaimflowError) -> None:
        value = record.raw
        headers = [
            ("claimflow.error", str(exc).encode("utf-8")[:4000]),
            ("claimflow.error_code", exc.code.encode()),
            ("claimflow.input", record.origin.encode("utf-8")),
            ("content-type", b"application/octet-stream"),
        ]
        if len(value) > self._settings.max_message_bytes:
            headers.append(("claimflow.truncated_from", str(len(value)).encode()))
            value = value[: self._settings.max_message_bytes // 2]
        key = record.origin.encode("utf-8")
        if self._send(record, False, self._settings.rejected_topic, key, value, headers):
            self.report.errors.append(f"{record.origin}: {exc}")

    def _send(
        self, record: InputRecord, valid: bool, topic: str, key: bytes, value: bytes, headers: list[Any]
    ) -> bool:
        if self._down is not None:
            self._fail(record, f"not sent: {self._down}")
            return False
        try:
            future = self._producer.send(topic, key=key, value=value, headers=headers)
        except KafkaError as exc:
            self._down = f"the broker stopped answering ({type(exc).__name__}: {exc})"
            self._fail(record, f"not sent: {self._down}")
            return False
        self._pending.append((record, future, valid))
        return True

    def _fail(self, record: InputRecord, reason: str) -> None:
        self.report.failed += 1
        self.report.failures.append(f"{record.origin}: {reason}")
        if self._failed_out is None:
            assert self.report.failed_file is not None
            self._failed_out = self.report.failed_file.open("ab")
        self._failed_out.write(record.raw.replace(b"\n", b" ") + b"\n")
        self._failed_out.flush()

    def flush(self) -> None:
        """Wait for the acknowledgements of what was sent; count each record as sent, rejected or failed."""
        with contextlib.suppress(KafkaError):
            self._producer.flush(timeout=self._ack_timeout_s)
        acknowledged = 0
        for record, future, valid in self._pending:
            try:
                future.get(timeout=self._ack_timeout_s if future.is_done else 0.001)
            except KafkaError as exc:
                self._fail(record, f"not delivered: {type(exc).__name__}: {exc}")
                continue
            acknowledged += 1
            if valid:
                self.report.sent += 1
            else:
                self.report.rejected += 1
        if self._pending and not acknowledged and self._down is None:
            self._down = "no record of the last batch was acknowledged"
        self._pending.clear()

    def close(self) -> None:
        try:
            self.flush()
        finally:
            if self._failed_out is not None:
                self._failed_out.close()
            with contextlib.suppress(KafkaError):
                self._producer.close(timeout=self._ack_timeout_s)

    def __enter__(self) -> Publisher:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()


def publish_paths(
    settings: KafkaSettings,
    paths: Sequence[str],
    *,
    progress: bool = True,
    stdin: BinaryIO | None = None,
    failed_file: Path | None = None,
) -> PublishReport:
    """Publish every record of the inputs; returns the counts. Progress shows on a terminal for long inputs."""
    from tqdm import tqdm

    with Publisher(settings, failed_file=failed_file) as publisher:
        bar = tqdm(
            iter_inputs(paths, stdin),
            unit=" records",
            desc="publish",
            disable=None if progress else True,
            delay=1.0,
            file=sys.stderr,
        )
        for count, record in enumerate(bar, start=1):
            publisher.publish(record)
            if count % 5000 == 0:
                publisher.flush()
    return publisher.report
