"""Test helpers over the real broker: article factories and a drain-the-topic consumer."""

from __future__ import annotations

import json
from dataclasses import fields
from typing import Any

from kafka import KafkaConsumer, KafkaProducer

from pipelines.config import KafkaSettings
from pipelines.offsets import end_offsets, topic_partitions

LANG_TEXT = {
    "en": "The regional governor said on Tuesday that air defence units shot down several drones over the city.",
    "ru": "Губернатор области заявил во вторник, что силы ПВО сбили несколько беспилотников над городом.",
    "uk": "Голова обласної адміністрації заявив у вівторок, що сили ППО збили кілька безпілотників над містом.",
}


def article(i: int, lang: str = "en", **overrides: Any) -> dict[str, Any]:
    doc = {
        "id": f"test-{lang}-{i:05d}",
        "source": "test-wire",
        "url": f"https://example.org/test/{lang}/{i}",
        "title": f"Test article {i}",
        "published_at": f"2025-01-{1 + i % 28:02d}T10:00:00+02:00",
        "language_hint": None,
        "text": f"{LANG_TEXT[lang]} ({i})",
    }
    doc.update(overrides)
    return doc


def kafka_toml(settings: KafkaSettings) -> str:
    """A `[kafka]` TOML section with every setting that differs from the default (security ones included), so
    that a `claimflow` subprocess reaches the same broker the same way."""
    lines = ["[kafka]"]
    default = KafkaSettings()
    for f in fields(KafkaSettings):
        value = getattr(settings, f.name)
        if value != getattr(default, f.name):
            value = value.reveal() if hasattr(value, "reveal") else value  # a Secret
            lines.append(f"{f.name} = {json.dumps(value)}")
    return "\n".join(lines) + "\n"


def produce_raw(
    settings: KafkaSettings, docs: list[dict[str, Any]] | list[bytes], topic: str | None = None
) -> None:
    """Produce straight to Kafka, bypassing `publish` validation (like a foreign producer would)."""
    producer = KafkaProducer(acks="all", linger_ms=5, **settings.client_config())
    for doc in docs:
        value = doc if isinstance(doc, bytes) else json.dumps(doc, ensure_ascii=False).encode()
        key = doc["id"].encode() if isinstance(doc, dict) and isinstance(doc.get("id"), str) else None
        producer.send(topic or settings.raw_topic, key=key, value=value)
    producer.flush()
    producer.close()


def produce_exact(
    settings: KafkaSettings,
    records: list[tuple[bytes | None, bytes | None, int | None, list[tuple[str, bytes]]]],
    *,
    partition: int = 0,
    topic: str | None = None,
) -> None:
    """Produce (key, value, timestamp_ms, headers) records to one partition, in order, with the given record
    timestamps (None: the producer's clock), as a foreign producer could."""
    producer = KafkaProducer(acks="all", linger_ms=5, max_request_size=8_000_000, **settings.client_config())
    for key, value, timestamp_ms, headers in records:
        producer.send(
            topic or settings.raw_topic,
            key=key,
            value=value,
            partition=partition,
            timestamp_ms=timestamp_ms,
            headers=headers,
        )
    producer.flush()
    producer.close()


def drain(settings: KafkaSettings, topic: str) -> list[Any]:
    """Every record of a topic, read from the beginning to the current end."""
    consumer = KafkaConsumer(enable_auto_commit=False, **settings.client_config())
    try:
        tps = topic_partitions(consumer, [topic])
        ends = end_offsets(consumer, tps)
        consumer.assign(tps)
        consumer.seek_to_beginning()
        records: list[Any] = []
        for _ in range(200):
            for batch in consumer.poll(timeout_ms=200).values():
                records.extend(batch)
            if all(consumer.position(tp) >= ends[tp] for tp in tps):
                break
        return sorted(records, key=lambda r: (r.partition, r.offset))
    finally:
        consumer.close()


def produce_articles(settings: KafkaSettings, start: int, stop: int) -> None:
    """Articles ``start..stop-1`` in turn en/ru/uk to the raw topic; the first batch (``start == 0``) also carries
    one record that is not JSON, so every run has a reject."""
    docs = [article(i, ("en", "ru", "uk")[i % 3]) for i in range(start, stop)]
    produce_raw(settings, [*docs, b"not json"] if start == 0 else docs)
