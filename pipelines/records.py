"""The element types that flow between stages. Plain, immutable, picklable."""

from __future__ import annotations

import json
from dataclasses import dataclass, field
from datetime import UTC, datetime
from typing import TYPE_CHECKING, Any

from pipelines import __version__

if TYPE_CHECKING:  # the claims package loads spaCy; records stay light
    from pipelines.nlp.claims.claim import Claim


#: the topic of records that did not come from Kafka (``claimflow extract``): Kafka topic names are never empty
NO_TOPIC = ""

#: The time range claimflow handles, for ``published_at`` and for Kafka record timestamps: from
#: 1800-01-01T00:00:00Z inclusive to 2200-01-01T00:00:00Z exclusive (the message contract states it). Outside
#: it, dates overflow when normalised to UTC or resolved against, and no news record is dated there.
EARLIEST = datetime(1800, 1, 1, tzinfo=UTC)
LATEST = datetime(2200, 1, 1, tzinfo=UTC)
_MS_MAX = int(LATEST.timestamp() * 1000)


@dataclass(frozen=True, slots=True)
class KafkaRecord:
    """One record as read from Kafka, byte for byte."""

    topic: str
    partition: int
    offset: int
    timestamp_ms: int
    key: bytes | None
    value: bytes | None
    headers: tuple[tuple[str, bytes], ...] = ()

    def header(self, name: str) -> str | None:
        for key, value in self.headers:
            if key == name:
                return value.decode("utf-8", "replace")
        return None

    @property
    def coordinates(self) -> str:
        return f"{self.topic}/{self.partition}@{self.offset}"


@dataclass(frozen=True, slots=True)
class Article:
    """A validated article with its plain text and lineage."""

    article_id: str
    source: str
    url: str
    title: str
    published_at: datetime  # timezone-aware
    text: str
    content_type: str  # 'text' or 'html'
    language_hint: str | None
    schema_version: str
    source_topic: str
    source_partition: int
    source_offset: int
    source_timestamp_ms: int
    language: str = "und"
    language_confidence: float = 0.0
    language_detector: str = "none"
    #: The Kafka record the article came from: a reject of a later stage carries its bytes and headers.
    record: KafkaRecord | None = None

    @property
    def published_date(self) -> str:
        return self.published_at.astimezone(UTC).date().isoformat()

    def lineage(self) -> dict[str, Any]:
        return {
            "source_topic": self.source_topic,
            "source_partition": self.source_partition,
            "source_offset": self.source_offset,
            "source_timestamp": ms_to_datetime(self.source_timestamp_ms),
        }


@dataclass(frozen=True, slots=True)
class Annotation:
    """What the NLP pipeline found in one article, in one pass over its ``Doc``: plain data only.

    ``claims_error`` is (error code, message) when claim extraction failed on an article whose entities were
    found; the claims stage turns it into a reject and keeps the article and its entities.
    """

    article: Article
    pipeline: str  # name@version, or fallback:<lang>
    fallback: bool
    word_count: int
    sentence_count: int
    entities: tuple[dict[str, Any], ...]
    claims: tuple[Claim, ...] = ()
    claims_error: tuple[str, str] | None = None
    truncated: bool = False  # the NLP stages saw only the first nlp.max_text_chars characters of the text
    furniture: int = (
        0  # site-furniture lines marked in the text (issue 17): no claim, no entity comes from them
    )
    # own-voice sentences the claim gate found asserting nothing (no event, no figure; issue 17): no claim
    unasserted: int = 0


@dataclass(frozen=True, slots=True)
class Reject:
    """A record a stage could not handle, with the reason."""

    stage: str
    error_code: str
    error_message: str
    topic: str
    partition: int
    offset: int
    timestamp_ms: int
    key: bytes | None
    payload: bytes | None
    headers: tuple[tuple[str, bytes], ...] = field(default=())

    @classmethod
    def of_record(cls, record: KafkaRecord, stage: str, code: str, message: str) -> Reject:
        return cls(
            stage=stage,
            error_code=code,
            error_message=message,
            topic=record.topic,
            partition=record.partition,
            offset=record.offset,
            timestamp_ms=record.timestamp_ms,
            key=record.key,
            payload=record.value,
            headers=record.headers,
        )

    @classmethod
    def of_article(cls, article: Article, stage: str, code: str, message: str) -> Reject:
        """The reject of an article's record: its original bytes when the article carries its record."""
        if article.record is not None:
            return cls.of_record(article.record, stage, code, message)
        payload = json.dumps(
            {
                "id": article.article_id,
                "source": article.source,
                "url": article.url,
                "title": article.title,
                "published_at": article.published_at.isoformat(),
                "text": article.text,
            },
            ensure_ascii=True,  # a lone surrogate (rejected at parse, but this must never raise) stays escaped
        ).encode("utf-8")
        return cls(
            stage=stage,
            error_code=code,
            error_message=message,
            topic=article.source_topic,
            partition=article.source_partition,
            offset=article.source_offset,
            timestamp_ms=article.source_timestamp_ms,
            key=article.article_id.encode("utf-8"),
            payload=payload,
        )

    def to_row(self) -> dict[str, Any]:
        """The ``rejects`` row. Never raises on what a record may hold: any timestamp, any bytes, and
        messages or header names with lone surrogates (written escaped)."""
        ts = ms_to_datetime(self.timestamp_ms)
        headers = {safe_text(k): v.decode("utf-8", "replace") for k, v in self.headers}
        return {
            "stage": self.stage,
            "error_code": self.error_code,
            "error_message": safe_text(self.error_message),
            "record_key": self.key.decode("utf-8", "replace") if self.key is not None else None,
            "payload": self.payload,
            "headers_json": json.dumps(headers, ensure_ascii=False, sort_keys=True),
            "pipeline_version": __version__,
            "source_topic": self.topic,
            "source_partition": self.partition,
            "source_offset": self.offset,
            "source_timestamp": ts,
            "source_timestamp_issue": timestamp_issue(self.timestamp_ms),
            # A record without a usable timestamp files under the epoch's date (deterministic, so replays
            # rewrite the same file); source_timestamp is null and source_timestamp_issue says why.
            "reject_date": (ts or EPOCH).date().isoformat(),
        }


EPOCH = datetime(1970, 1, 1, tzinfo=UTC)


def timestamp_issue(ms: int) -> str | None:
    """Why a Kafka record timestamp is stored as null, or None when it is usable."""
    if ms < 0:
        return f"record timestamp {ms}: the record has no timestamp"
    if ms >= _MS_MAX:
        return (
            f"record timestamp {ms} ms is after {LATEST.isoformat()}; allowed: "
            f"0 ≤ timestamp_ms < {_MS_MAX} (1970-01-01 to 2200-01-01 UTC)"
        )
    return None


def ms_to_datetime(ms: int) -> datetime | None:
    """A Kafka record timestamp as an aware UTC datetime, or None when :func:`timestamp_issue` names one."""
    if timestamp_issue(ms) is not None:
        return None
    return datetime.fromtimestamp(ms / 1000, tz=UTC)


def safe_text(text: str) -> str:
    """``text`` with lone surrogates escaped (``\\ud800``), so that it encodes as UTF-8."""
    try:
        text.encode("utf-8")
    except UnicodeEncodeError:
        return text.encode("utf-8", "backslashreplace").decode("utf-8")
    return text
