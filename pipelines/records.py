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

    @property
    def published_date(self) -> str:
        return self.published_at.astimezone(UTC).date().isoformat()

    def lineage(self) -> dict[str, Any]:
        return {
            "source_topic": self.source_topic,
            "source_partition": self.source_partition,
            "source_offset": self.source_offset,
            "source_timestamp": _ms_to_datetime(self.source_timestamp_ms),
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
    furniture: int = (
        0  # site-furniture lines marked in the text (issue 17): no claim, no entity comes from them
    )


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
        payload = json.dumps(
            {
                "id": article.article_id,
                "source": article.source,
                "url": article.url,
                "title": article.title,
                "published_at": article.published_at.isoformat(),
                "text": article.text,
            },
            ensure_ascii=False,
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
        ts = _ms_to_datetime(self.timestamp_ms)
        headers = {k: v.decode("utf-8", "replace") for k, v in self.headers}
        return {
            "stage": self.stage,
            "error_code": self.error_code,
            "error_message": self.error_message,
            "record_key": self.key.decode("utf-8", "replace") if self.key is not None else None,
            "payload": self.payload,
            "headers_json": json.dumps(headers, ensure_ascii=False, sort_keys=True),
            "pipeline_version": __version__,
            "source_topic": self.topic,
            "source_partition": self.partition,
            "source_offset": self.offset,
            "source_timestamp": ts,
            "reject_date": ts.date().isoformat(),
        }


def _ms_to_datetime(ms: int) -> datetime:
    return datetime.fromtimestamp(max(ms, 0) / 1000, tz=UTC)
