"""Hostile raw records for the fuzz tier (``tests/pipeline/test_fuzz.py``) and ``benchmarks/fuzz_pipeline.py``.

:func:`generate` returns seeded, reproducible records as a foreign producer could send them to
``articles.raw``: random bytes, JSON of the wrong shape, extreme dates and record timestamps, lone
surrogates, control characters, huge and empty bodies, odd keys and headers, and valid articles in between.
Each record says which kind it is, so a failure names what broke.
"""

from __future__ import annotations

import json
import random
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from kafka import KafkaProducer
from kafka_helpers import LANG_TEXT

from pipelines.config import KafkaSettings

HTML_PAGES = Path(__file__).resolve().parent / "fixtures" / "html"
NOW_MS = 1_736_240_000_000  # 2025-01-07
#: Record timestamps at and past the edges: none, the epoch, 2100, year 10000 (Tansu accepts it), far beyond.
TIMESTAMPS = (None, 0, 1, NOW_MS, 4_102_444_800_000, 7_258_118_400_000, 253_402_300_800_000, 2**62)
DATES = (
    "0001-01-01T00:00:00+05:00", "9999-12-31T23:59:59-05:00", "1799-12-31T23:59:59Z", "1800-01-01T00:00:00Z",
    "2199-12-31T23:59:59+00:00", "2200-01-01T00:00:00Z", "2025-01-07T10:00:00+14:00", "2025-01-07T10:00:00-12:00",
    "2025-01-07T10:00:00.123456789Z", "2025-01-07", "2025-01-07T10:00:00", "2025-02-30T10:00:00Z",
    "2016-12-31T23:59:60Z", "  2025-01-07T10:00:00Z", "2025-01-07T10:00:00+25:00", "",
)  # fmt: skip
SURROGATE_JSON = ('"\\ud800"', '"\\udfff x"', '"a\\udc00b"', '"\\ud83d\\ude00 ok pair"', '"\\ud83d"')
CONTROL = ("\x00", "\x01", "\x1b[31m", "\x7f", "\x85", "\u2028", "\ufeff", "\u200b")


@dataclass(frozen=True)
class FuzzRecord:
    kind: str
    key: bytes | None
    value: bytes | None
    timestamp_ms: int | None
    headers: list[tuple[str, bytes]]


def _article(rng: random.Random, i: int) -> dict[str, Any]:
    lang = rng.choice(("en", "ru", "uk"))
    return {
        "id": f"fuzz-{i:06d}",
        "source": rng.choice(("wire", "outlet-ru", "kanal-uk")),
        "url": f"https://example.org/{lang}/{i}",
        "title": f"Fuzz {i}",
        "published_at": "2025-01-07T10:00:00+02:00",
        "language_hint": rng.choice((None, lang)),
        "text": f"{LANG_TEXT[lang]} ({i})",
    }


def _dump(doc: Any) -> bytes:
    return json.dumps(doc, ensure_ascii=False).encode("utf-8")


def _with_raw_field(doc: dict[str, Any], field: str, raw_json: str) -> bytes:
    """The document with one field's JSON value spliced in as text (a lone surrogate escape survives)."""
    body = json.dumps({k: v for k, v in doc.items() if k != field}, ensure_ascii=True)
    return (body[:-1] + f', "{field}": {raw_json}}}').encode("ascii")


def _kinds(rng: random.Random, i: int) -> tuple[str, bytes | None, int | None, list[tuple[str, bytes]]]:
    doc = _article(rng, i)
    roll = rng.randrange(22)
    ts = NOW_MS
    headers: list[tuple[str, bytes]] = []
    if roll <= 5:
        kind, value = "valid", _dump(doc)
    elif roll == 6:
        kind, value = "random_bytes", rng.randbytes(rng.randrange(0, 3000))
    elif roll == 7:
        kind, value = "empty_or_tombstone", rng.choice((b"", None, b" ", b"\x00"))
    elif roll == 8:
        shapes = [[], [doc], 0, -1.5e308, "text", None, True, {"id": 1}, {**doc, "text": 5},
                  {**doc, "authors": "x"}, {**doc, "metadata": []}, {**doc, "html": "<p>x</p>"}, {"": ""}]  # fmt: skip
        kind, value = "wrong_shape", _dump(rng.choice(shapes))
    elif roll == 9:
        depth = rng.choice((50, 5000))
        kind, value = "deep_nesting", ('{"metadata":' * depth + "{}" + "}" * depth).encode()
    elif roll == 10:
        kind, value = "extreme_date", _dump({**doc, "published_at": rng.choice(DATES)})
    elif roll == 11:
        kind, value, ts = "extreme_timestamp", _dump(doc), rng.choice(TIMESTAMPS)
    elif roll == 12:
        field = rng.choice(("title", "text", "id", "source", "url", "language_hint"))
        kind, value = f"surrogate_in_{field}", _with_raw_field(doc, field, rng.choice(SURROGATE_JSON))
    elif roll == 13:
        field = rng.choice(("id", "source", "url", "title", "text"))
        doc[field] = doc[field] + rng.choice(CONTROL) + "x"
        kind, value = f"control_in_{field}", _dump(doc)
    elif roll == 14:
        size = rng.choice((200_001, 250_000, 600_000))
        doc["text"] = (LANG_TEXT[rng.choice(("en", "ru", "uk"))] + " ") * (size // 90 + 1)
        kind, value = "huge_body", _dump(doc)
    elif roll == 15:
        doc["text"] = rng.choice(("", " ", "\u200b\u200b\u200b", "\u200d\ufeff", "...", "\n\n\t", "🙂🙂"))
        kind, value = "empty_body", _dump(doc)
    elif roll == 16:
        page = rng.choice(sorted(HTML_PAGES.glob("*.html")))
        doc.pop("text")
        doc["html"] = page.read_text("utf-8")
        kind, value = f"html_{page.stem}", _dump(doc)
    elif roll == 17:
        doc.pop("text")
        doc["html"] = rng.choice(("<", "<html>", "<p>\u200b</p>", "<script>alert(1)</script>",
                                  "<div>" * 3000, "<p>" + "x" * 10 + "</p>", "<!-- -->", "&#0;&#xD800;"))  # fmt: skip
        kind, value = "html_soup", _dump(doc)
    elif roll == 18:
        headers = rng.choice([
            [("claimflow.schema", b"999")], [("claimflow.schema", b"\xff\xfe")], [("", b"")],
            [("content-type", b"text/html"), ("content-type", b"x")], [("\u043a\u043b\u044e\u0447", b"v" * 5000)],
            [("claimflow.error", b"forged")],
        ])  # fmt: skip
        kind, value = "odd_headers", _dump(doc)
    elif roll == 19:
        kind, value = "language_hint_odd", _dump({**doc, "language_hint": rng.choice(("xx", "en-GB", "", 5))})
    elif roll == 20:
        kind, value = (
            "utf8_bom_and_nan",
            rng.choice(
                (
                    b"\xef\xbb\xbf" + _dump(doc),
                    _dump(doc).replace(b'"Fuzz', b'NaN, "t":"Fuzz'),
                    b'{"id": NaN}',
                )
            ),
        )
    else:
        kind, value = "duplicate_keys", _dump(doc)[:-1] + b', "id": "other", "text": ""}'
    return kind, value, ts, headers


def generate(count: int, seed: int) -> list[FuzzRecord]:
    """``count`` records; the same seed always gives the same records."""
    rng = random.Random(seed)
    out = []
    for i in range(count):
        kind, value, ts, headers = _kinds(rng, i)
        key = rng.choice((f"fuzz-{i:06d}".encode(), None, rng.randbytes(8), b"\x00"))
        if key is None and value is None:  # kafka-python refuses a record with neither
            key = b""
        out.append(FuzzRecord(kind, key, value, ts, headers))
    return out


def produce(
    settings: KafkaSettings, records: list[FuzzRecord], partitions: int
) -> dict[tuple[int, int], str]:
    """Produce round-robin over ``partitions``, each with its record timestamp; return (partition, offset) →
    kind of every record the broker acknowledged (all of them, or this raises)."""
    config = {**settings.client_config(), "request_timeout_ms": 120_000}
    producer = KafkaProducer(
        acks="all", linger_ms=20, max_request_size=8_000_000, delivery_timeout_ms=600_000, **config
    )
    futures = []
    for i, r in enumerate(records):
        future = producer.send(
            settings.raw_topic, key=r.key, value=r.value, partition=i % partitions,
            timestamp_ms=r.timestamp_ms, headers=r.headers,
        )  # fmt: skip
        futures.append((r.kind, future))
        if i % 250 == 249:  # bounded batches: the in-memory broker on a busy machine keeps up
            producer.flush()
    producer.flush()
    placed = {}
    for kind, future in futures:
        meta = future.get(timeout=60)
        placed[(meta.partition, meta.offset)] = kind
    producer.close()
    return placed
