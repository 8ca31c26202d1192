"""Stage 2 — parse and validate raw records against the message contract.

``ParseArticles``: ``PCollection[KafkaRecord] → {'articles': PCollection[Article], 'rejects': PCollection[Reject]}``

A record becomes an :class:`Article` when its value is UTF-8 JSON that follows ``schemas/article.schema.json``
and its ``published_at`` is an RFC 3339 timestamp with an offset. HTML bodies are reduced to their main text
with trafilatura. Everything else is rejected with a message naming what was wrong and what is allowed.

Beyond the JSON Schema, parsing refuses what a later step could not handle (the message contract states
these rules): a ``published_at`` outside [1800-01-01, 2200-01-01) UTC (``value_out_of_range``); a lone
surrogate anywhere in the document, a control character in ``id``, ``source`` or ``url``, a body without a
single letter or digit (``invalid_text``). A Kafka record timestamp outside the range is not a reason to
reject: the article is kept with a null ``source_timestamp`` and the reason in ``source_timestamp_issue``.
"""

from __future__ import annotations

import json
import re
import time
import unicodedata
from collections.abc import Iterator
from datetime import datetime
from functools import cache
from typing import TYPE_CHECKING, Any

import apache_beam as beam
from apache_beam import pvalue
from apache_beam.metrics import Metrics

from pipelines.errors import (
    ClaimflowError,
    EmptyText,
    HtmlNoBody,
    InvalidRecord,
    InvalidText,
    UndecodableRecord,
    ValueOutOfRange,
    describe_exception,
    error_code,
)
from pipelines.records import EARLIEST, LATEST, Article, KafkaRecord, Reject
from pipelines.schema import article_json_schema, message_schema_version

if TYPE_CHECKING:
    from jsonschema import Draft202012Validator
    from jsonschema.exceptions import ValidationError

STAGE = "parse"
REJECTS = "rejects"
_NAMESPACE = "claimflow.parse"


def describe_validation_error(error: ValidationError) -> str:
    """One line: where in the record, what was received, what the contract allows."""
    where = "/".join(str(p) for p in error.absolute_path) or "(record)"
    if error.validator == "required":
        return (
            f"{where}: {error.message}; required fields: id, source, url, title, published_at, text or html"
        )
    if error.validator == "oneOf" and not error.absolute_path:
        return "(record): the body must be exactly one of 'text' or 'html'"
    if error.validator == "additionalProperties":
        allowed = ", ".join(sorted(error.schema.get("properties", {})))
        return f"{where}: {error.message}; allowed fields: {allowed}"
    received = json.dumps(error.instance, ensure_ascii=False)[:120]
    return f"{where}: received {received}; {error.message}"


class _Unsupported(Exception):
    """A keyword :func:`conforms` does not evaluate: the full validator decides."""


#: JSON types :func:`conforms` checks by itself (as jsonschema's draft 2020-12 type checker does for JSON values)
_TYPES: dict[str, type | tuple[type, ...]] = {
    "string": str,
    "object": dict,
    "array": list,
    "null": type(None),
}
#: keywords that only annotate (``format`` asserts nothing without a format checker, and none is given)
_ANNOTATIONS = frozenset({"$schema", "$id", "title", "description", "format", "x-schema-version"})


def conforms(instance: Any, schema: dict[str, Any]) -> bool:
    """Whether ``instance`` is valid against ``schema``, for the keywords the article contract uses (type of
    string, object, array or null, required, properties, additionalProperties false, items, minLength,
    maxLength, pattern, oneOf, not): the same answer as jsonschema's ``Draft202012Validator`` (tested), without
    importing it (0.2 CPU-s). Raises :class:`_Unsupported` for any other keyword or type."""
    for key, value in schema.items():
        if key in _ANNOTATIONS:
            continue
        if key == "type":
            names = [value] if isinstance(value, str) else value
            if any(n not in _TYPES for n in names):
                raise _Unsupported(key)
            if not any(isinstance(instance, _TYPES[n]) for n in names):
                return False
        elif key in ("minLength", "maxLength", "pattern"):
            if not isinstance(instance, str):
                continue
            if key == "minLength" and len(instance) < value:
                return False
            if key == "maxLength" and len(instance) > value:
                return False
            if key == "pattern" and not _pattern(value).search(instance):
                return False
        elif key == "required":
            if isinstance(instance, dict) and any(name not in instance for name in value):
                return False
        elif key == "properties":
            if isinstance(instance, dict) and not all(
                conforms(instance[name], sub) for name, sub in value.items() if name in instance
            ):
                return False
        elif key == "additionalProperties":
            if value is not False or "patternProperties" in schema:
                raise _Unsupported(key)
            if isinstance(instance, dict) and any(k not in schema.get("properties", {}) for k in instance):
                return False
        elif key == "items":
            if isinstance(instance, list) and not all(conforms(item, value) for item in instance):
                return False
        elif key == "oneOf":
            if sum(conforms(instance, sub) for sub in value) != 1:
                return False
        elif key == "not":
            if conforms(instance, value):
                return False
        else:
            raise _Unsupported(key)
    return True


@cache
def _pattern(pattern: str) -> re.Pattern[str]:
    return re.compile(pattern)


class ArticleParser:
    """Validates one JSON document and turns it into an :class:`Article`. Usable outside Beam (``publish``).

    A document the contract accepts is checked by :func:`conforms`; jsonschema (imported only then) lists the
    errors of one it refuses, so the messages name every problem."""

    def __init__(self) -> None:
        self._schema = article_json_schema()
        self._full: Draft202012Validator | None = None
        self.schema_version = message_schema_version()

    def _errors(self, doc: dict[str, Any]) -> list[ValidationError]:
        try:
            if conforms(doc, self._schema):
                return []
        except _Unsupported:
            pass
        if self._full is None:
            from jsonschema import Draft202012Validator

            self._full = Draft202012Validator(self._schema)
        return sorted(self._full.iter_errors(doc), key=lambda e: (len(e.absolute_path), e.message))

    def validate(self, doc: Any) -> dict[str, Any]:
        """Raise :class:`InvalidRecord` unless ``doc`` follows the contract; return it."""
        if not isinstance(doc, dict):
            raise InvalidRecord(f"(record): received a JSON {type(doc).__name__}; allowed: a JSON object")
        check_encodable(doc)
        problems = [describe_validation_error(e) for e in self._errors(doc)]
        if isinstance(doc.get("published_at"), str):
            try:
                parse_published_at(doc["published_at"])
            except InvalidRecord as exc:
                problems.insert(0, str(exc))
        if problems:
            more = f" (and {len(problems) - 4} more)" if len(problems) > 4 else ""
            raise InvalidRecord("; ".join(problems[:4]) + more)
        check_published_range(parse_published_at(doc["published_at"]), doc["published_at"])
        for name in ("id", "source", "url"):
            check_no_control(name, doc[name])
        if "text" in doc and doc["text"].strip():  # whitespace alone is empty_text, after extraction
            check_visible("text", doc["text"])
        return doc

    def decode(self, value: bytes | None) -> dict[str, Any]:
        if value is None:
            raise UndecodableRecord("(record): received a tombstone (null value); allowed: a JSON object")
        try:
            doc = json.loads(value.decode("utf-8"))
        except UnicodeDecodeError as exc:
            raise UndecodableRecord(
                f"(record): bytes are not UTF-8 ({exc.reason} at byte {exc.start})"
            ) from None
        except json.JSONDecodeError as exc:
            raise UndecodableRecord(
                f"(record): not JSON ({exc.msg} at line {exc.lineno} column {exc.colno})"
            ) from None
        except RecursionError:
            raise UndecodableRecord(
                "(record): JSON nested too deeply to decode; allowed: an article object (a few levels deep)"
            ) from None
        return self.validate(doc)

    def to_article(self, doc: dict[str, Any], record: KafkaRecord) -> Article:
        if "html" in doc:
            text = html_to_text(doc["html"])
            content_type = "html"
        else:
            text = doc["text"].strip()
            content_type = "text"
        if not text:
            raise EmptyText(f"{content_type}: no text left after extraction; allowed: a body with some text")
        check_visible(content_type, text)
        return Article(
            article_id=doc["id"],
            source=doc["source"],
            url=doc["url"],
            title=doc["title"],
            published_at=parse_published_at(doc["published_at"]),
            text=text,
            content_type=content_type,
            language_hint=doc.get("language_hint"),
            schema_version=record.header("claimflow.schema") or self.schema_version,
            source_topic=record.topic,
            source_partition=record.partition,
            source_offset=record.offset,
            source_timestamp_ms=record.timestamp_ms,
            record=record,
        )


def _path(parts: list[str | int]) -> str:
    return "/".join(str(p) for p in parts) or "(record)"


def check_encodable(doc: Any, where: list[str | int] | None = None) -> None:
    """Raise :class:`InvalidText` at the first string (or key) holding a lone surrogate: JSON may escape one
    (``"\\ud800"``), but it is no character and cannot be written as UTF-8."""
    where = where or []
    if isinstance(doc, str):
        try:
            doc.encode("utf-8")
        except UnicodeEncodeError as exc:
            raise InvalidText(
                f"{_path(where)}: received a lone surrogate {doc[exc.start]!a} at character {exc.start}; "
                "allowed: Unicode characters (a surrogate only as half of an escaped pair)"
            ) from None
    elif isinstance(doc, dict):
        for key, value in doc.items():
            check_encodable(key, where)
            check_encodable(value, [*where, key])
    elif isinstance(doc, list):
        for i, value in enumerate(doc):
            check_encodable(value, [*where, i])


def check_published_range(published_at: datetime, received: str) -> None:
    """Raise :class:`ValueOutOfRange` unless ``EARLIEST <= published_at < LATEST``."""
    if not EARLIEST <= published_at < LATEST:
        raise ValueOutOfRange(
            f"published_at: received {received!r}; allowed: from {EARLIEST.isoformat()} "
            f"up to (not including) {LATEST.isoformat()}"
        )


def check_no_control(name: str, value: str) -> None:
    """Raise :class:`InvalidText` when an identifier holds a control character (NUL, ESC, DEL, C1, ...)."""
    bad = next((i for i, ch in enumerate(value) if unicodedata.category(ch) == "Cc"), None)
    if bad is not None:
        raise InvalidText(
            f"{name}: received control character {value[bad]!a} at character {bad}; "
            "allowed: printable characters only"
        )


def check_visible(name: str, text: str) -> None:
    """Raise :class:`InvalidText` when a body has no letter or digit (e.g. only zero-width spaces)."""
    if not any(ch.isalnum() for ch in text):
        sample = text[:40]
        raise InvalidText(
            f"{name}: received {len(text)} characters without a letter or digit (starting {sample!a}); "
            "allowed: a body with visible text"
        )


def parse_published_at(value: str) -> datetime:
    try:
        dt = datetime.fromisoformat(value.replace("Z", "+00:00"))
    except ValueError:
        raise InvalidRecord(
            f"published_at: received {value!r}; allowed: an RFC 3339 timestamp such as 2025-01-07T13:25:00+03:00"
        ) from None
    if dt.tzinfo is None:
        raise InvalidRecord(f"published_at: received {value!r} without a time-zone offset; add Z or +HH:MM")
    return dt


#: trafilatura settings for article pages, chosen by token F1 on pages written for the project
#: (``benchmarks/bench_html_extraction.py``; figures in README, "HTML"): precision first, and ``fast`` to skip
#: trafilatura's backup extractors, which return navigation and teasers when a page has no article body.
EXTRACTION_SETTINGS: dict[str, bool] = {"favor_precision": True, "fast": True}
#: Tried when the first extraction is a fragment (under :data:`MIN_BODY_SHARE`): precision together with
#: ``fast`` kept only the byline of a real wire page (token F1 0.03, issue 12), ``fast`` alone kept its body.
FALLBACK_SETTINGS: dict[str, bool] = {"fast": True}
#: A page whose extracted body holds fewer than this share of its visible letters (reader comments not
#: counted) is rejected as ``html_no_body``: the extractor found no article body, only a fragment such as a
#: byline. Chosen on the same pages (README, "HTML").
MIN_BODY_SHARE = 0.18


def extract_main_text(html: str, **settings: bool) -> tuple[str, str]:
    """(main text, reader comments) that trafilatura extracts from a page with the given settings; tables
    out. The main text is the same as with ``include_comments=False``; the comments come along for free."""
    import trafilatura

    doc = trafilatura.bare_extraction(
        html, include_comments=True, include_tables=False, with_metadata=False, **settings
    )
    if doc is None:
        return "", ""
    return (doc.text or "").strip(), (doc.comments or "").strip()


def visible_text(html: str) -> str:
    """All text a reader could see on the page: the document's text without scripts, styles and templates."""
    import lxml.html

    try:
        root = lxml.html.document_fromstring(html)
    except (ValueError, lxml.etree.ParserError):
        return ""
    for node in root.xpath("//script|//style|//noscript|//template|//head"):
        node.drop_tree()
    return str(root.text_content())


def _letters(text: str) -> int:
    return sum(1 for ch in text if ch.isalnum())


def body_share(html: str, body: str, comments: str = "") -> float:
    """Letters and digits of the extracted body over those of the page's visible text less its reader
    comments (a long thread is a second text, not boilerplate); 0 for a page without visible text."""
    visible = _letters(visible_text(html)) - _letters(comments)
    return min(1.0, _letters(body) / visible) if visible > 0 else 0.0


def extract_body(html: str) -> tuple[str, float]:
    """(main text, :func:`body_share`) with :data:`EXTRACTION_SETTINGS`, or with :data:`FALLBACK_SETTINGS`
    when the first result is a fragment of the page. An empty first result stays empty: no body at all."""
    text, comments = extract_main_text(html, **EXTRACTION_SETTINGS)
    if not text:
        return "", 0.0
    share = body_share(html, text, comments)
    if share < MIN_BODY_SHARE:
        wider, wider_comments = extract_main_text(html, **FALLBACK_SETTINGS)
        wider_share = body_share(html, wider, wider_comments)
        if wider_share > share:
            return wider, wider_share
    return text, share


def html_to_text(html: str) -> str:
    """The main text of an HTML page; raise :class:`HtmlNoBody` when it is too small a share of the page to be
    the article (a byline, a teaser)."""
    text, share = extract_body(html)
    if text and share < MIN_BODY_SHARE:
        raise HtmlNoBody(
            f"html: the extracted main text ({len(text)} characters) is {share:.0%} of the page's visible "
            f"text; allowed: at least {MIN_BODY_SHARE:.0%} (a page with an article body)"
        )
    return text


class _ParseFn(beam.DoFn):  # type: ignore[misc]
    def setup(self) -> None:
        self._parser = ArticleParser()
        self._in = Metrics.counter(_NAMESPACE, "records_in")
        self._out = Metrics.counter(_NAMESPACE, "articles_out")
        self._rejected = Metrics.counter(_NAMESPACE, "rejected")
        self._latency = Metrics.distribution(_NAMESPACE, "latency_us")

    def process(self, record: KafkaRecord) -> Iterator[Any]:
        self._in.inc()
        started = time.perf_counter()
        try:
            article = self._parser.to_article(self._parser.decode(record.value), record)
        except ClaimflowError as exc:
            self._rejected.inc()
            yield pvalue.TaggedOutput(REJECTS, Reject.of_record(record, STAGE, exc.code, str(exc)))
            return
        except Exception as exc:  # an extractor bug must not stop the pipeline
            self._rejected.inc()
            message = describe_exception(exc)
            yield pvalue.TaggedOutput(REJECTS, Reject.of_record(record, STAGE, error_code(exc), message))
            return
        self._out.inc()
        self._latency.update(int((time.perf_counter() - started) * 1e6))
        yield article


class ParseArticles(beam.PTransform):  # type: ignore[misc]
    """``PCollection[KafkaRecord] → {'articles': Article, 'rejects': Reject}``."""

    def expand(self, records: beam.PCollection) -> pvalue.DoOutputsTuple:
        return records | "ValidateAndExtract" >> beam.ParDo(_ParseFn()).with_outputs(REJECTS, main="articles")


class _PublishRejectFn(beam.DoFn):  # type: ignore[misc]
    """Records on ``articles.rejected`` were refused by ``claimflow publish``; carry their reason over."""

    def setup(self) -> None:
        self._count = Metrics.counter("claimflow.publish", "rejected_records_read")

    def process(self, record: KafkaRecord) -> Iterator[Reject]:
        self._count.inc()
        code = record.header("claimflow.error_code") or InvalidRecord.code
        reason = record.header("claimflow.error") or "rejected at publish time (no reason header)"
        yield Reject.of_record(record, "publish", code, reason)


class ReadPublishRejects(beam.PTransform):  # type: ignore[misc]
    """``PCollection[KafkaRecord]`` from ``articles.rejected`` → ``PCollection[Reject]``."""

    def expand(self, records: beam.PCollection) -> beam.PCollection:
        return records | "ToRejects" >> beam.ParDo(_PublishRejectFn())
