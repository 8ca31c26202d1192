"""Issue 12: the steps that handle one record turn any exception into a `rejects` row (no broker needed).

Parsing refuses the confirmed poison kinds first; these tests feed them past parsing, straight into row
building, the early-reject rows and the writer, to prove the second line of defence.
"""

from __future__ import annotations

import dataclasses
import json
import os
import time
from datetime import datetime, timedelta, timezone
from pathlib import Path

import pytest
from test_write_lake import TOPIC, result, write

from pipelines.breaker import breaker_verdict
from pipelines.errors import InvalidText, ValueOutOfRange
from pipelines.lake import dataset, file_name
from pipelines.parse_articles import ArticleParser
from pipelines.records import KafkaRecord, Reject
from pipelines.rows import reject_rows, table_rows, to_arrow

FAR_TS = 253_402_300_800_000


def _with_record(res, **article_changes):  # type: ignore[no-untyped-def]
    """A ClaimsResult whose article carries its Kafka record, with some article fields changed."""
    a = res.annotation.article
    record = KafkaRecord(TOPIC, a.source_partition, a.source_offset, a.source_timestamp_ms,
                         a.article_id.encode(), b'{"original": "bytes"}', (("h", b"v"),))  # fmt: skip
    article = dataclasses.replace(a, record=record, **article_changes)
    return dataclasses.replace(res, annotation=dataclasses.replace(res.annotation, article=article))


@pytest.mark.parametrize(
    "changes",
    [
        {"published_at": datetime(1, 1, 1, tzinfo=timezone(timedelta(hours=5)))},
        {"published_at": datetime(9999, 12, 31, 23, 59, 59, tzinfo=timezone(timedelta(hours=-5)))},
        {"title": "Breaking \ud800 news"},
        {"source_timestamp_ms": FAR_TS, "title": "\ud800"},
    ],
    ids=["year-1", "year-9999", "surrogate", "far-timestamp-and-surrogate"],
)
def test_row_building_turns_a_poison_record_into_a_reject(changes: dict[str, object]) -> None:
    items = list(table_rows(_with_record(result(7), **changes)))
    markers = sorted(t for t, *_, row in items if row is None)
    rows = [(t, row) for t, *_, row in items if row is not None]
    assert markers == ["articles", "claims", "entities", "rejects"]  # old rows of the offset are replaced
    assert [t for t, _ in rows] == ["rejects"]
    reject = rows[0][1]
    assert (reject["stage"], reject["error_code"]) == ("rows", "internal_error")
    assert reject["payload"] == b'{"original": "bytes"}' and reject["source_offset"] == 7
    assert "unexpected" in reject["error_message"]
    to_arrow("rejects", [reject], with_partitions=True)


def test_a_far_future_record_timestamp_is_null_with_the_reason() -> None:
    items = list(table_rows(_with_record(result(3), source_timestamp_ms=FAR_TS)))
    article = next(row for t, *_, row in items if t == "articles" and row is not None)
    assert article["source_timestamp"] is None and "after 2200-01-01" in article["source_timestamp_issue"]
    assert article["truncated"] is False


def test_early_reject_rows_survive_any_timestamp_header_and_message(tmp_path: Path) -> None:
    record = KafkaRecord(TOPIC, 0, 9, FAR_TS, b"\xff\xfe", b"\x00\xff raw", (("odd\ud800", b"\xff"),))
    reject = Reject.of_record(record, "parse", "undecodable_record", "received \ud800 here")
    rows = [row for *_, row in reject_rows(reject, covers_article_tables=True) if row is not None]
    assert rows[0]["source_timestamp"] is None and rows[0]["reject_date"] == "1970-01-01"
    assert rows[0]["payload"] == b"\x00\xff raw"
    negative = dataclasses.replace(reject, timestamp_ms=-1, offset=10)
    write(tmp_path / "lake", [result(1)], [reject, negative])
    got = {r["source_offset"]: r for r in dataset(str(tmp_path / "lake"), "rejects").to_table().to_pylist()}
    assert "\\ud800" in got[9]["error_message"] and "no timestamp" in got[10]["source_timestamp_issue"]


def test_the_writer_removes_only_stale_temp_files_of_its_own_file_group(tmp_path: Path) -> None:
    lake = tmp_path / "lake"
    write(lake, [result(1)])
    directory = lake / "articles/published_date=2025-01-07/language=en"
    name = file_name(TOPIC, 0, 0)
    stale, live = directory / f".{name}.tmp-killed", directory / f".{name}.tmp-live"
    other_group = directory / f".{file_name(TOPIC, 0, 1)}.tmp-killed"
    for path in (stale, live, other_group):
        path.write_bytes(b"half a file")
    hour_ago = time.time() - 3600
    os.utime(stale, (hour_ago, hour_ago))
    os.utime(other_group, (hour_ago, hour_ago))
    write(lake, [result(2)])
    assert not stale.exists()  # older than lake.temp_grace_seconds (600 s): a killed writer's leftover
    assert live.exists()  # seconds old: could be a live writer's
    assert other_group.exists()  # another file group's: not this writer's to judge
    assert dataset(str(lake), "articles").count_rows() == 2


@pytest.mark.parametrize(
    ("field", "value", "error", "says"),
    [
        ("published_at", "0001-01-01T00:00:00+05:00", ValueOutOfRange, "1800-01-01"),
        ("published_at", "9999-12-31T23:59:59-05:00", ValueOutOfRange, "2200-01-01"),
        ("published_at", "1799-12-31T23:59:59Z", ValueOutOfRange, "1800-01-01"),
        ("title", "a\ud800b", InvalidText, "title: received a lone surrogate"),
        ("metadata", {"k\udfff": 1}, InvalidText, "lone surrogate"),
        ("id", "abc\x00def", InvalidText, "id: received control character '\\x00'"),
        ("url", "https://example.org/\x1b[31m", InvalidText, "url: received control character"),
        ("text", "\u200b\u200b\u200b \u200d\ufeff", InvalidText, "without a letter or digit"),
        ("text", "... --- !!!", InvalidText, "without a letter or digit"),
    ],
)
def test_parse_refuses_what_later_steps_cannot_handle(
    field: str, value: object, error: type, says: str
) -> None:
    doc = {"id": "a1", "source": "wire", "url": "https://example.org/a", "title": "t",
           "published_at": "2025-01-07T10:00:00Z", "text": "Some words here."}  # fmt: skip
    ArticleParser().validate(dict(doc))
    with pytest.raises(error) as caught:
        ArticleParser().validate({**doc, field: value})
    assert says in str(caught.value) and "allowed" in str(caught.value)
    str(caught.value).encode("utf-8")  # the message itself never carries the surrogate


def test_parse_keeps_the_edges_of_the_range_and_real_text() -> None:
    doc = {"id": "a1", "source": "wire", "url": "https://example.org/a", "title": "t\ttab",
           "text": "Число 5."}  # fmt: skip
    parser = ArticleParser()
    for when in ("1800-01-01T00:00:00Z", "2199-12-31T23:59:59.999999Z", "2025-01-07T10:00:00+14:00"):
        parser.validate({**doc, "published_at": when})
    record = KafkaRecord(
        TOPIC, 0, 0, 0, None, json.dumps({**doc, "published_at": "2025-01-07T10:00:00Z"}).encode()
    )
    assert parser.to_article(parser.decode(record.value), record).record == record


def test_breaker_verdict_names_the_dominant_code() -> None:
    counters = {"claimflow.breaker/records": 120, "claimflow.breaker/late_rejects": 70,
                "claimflow.breaker/tripped": 1, "claimflow.breaker/code:internal_error": 60,
                "claimflow.breaker/code:stage_error": 10}  # fmt: skip
    assert breaker_verdict(counters) == (True, 120, 70, "internal_error")
    assert breaker_verdict({}) == (False, 0, 0, None)


def test_a_text_over_the_cap_is_analysed_in_part_and_flagged_truncated() -> None:
    from pipelines.extract_claims import ClaimsResult
    from pipelines.extract_entities import SpacyModelHandler

    base = result(4).annotation.article
    long, short = (dataclasses.replace(base, text="Word. " * n, source_offset=n) for n in (50, 5))
    handler = SpacyModelHandler("en", None, batch_size=4, max_text_chars=100)
    annotations = list(handler.run_inference([long, short], handler.load_model()))
    assert [a.truncated for a in annotations] == [True, False]
    rows = [row for t, *_, row in table_rows(ClaimsResult(annotations[0], ())) if t == "articles" and row]
    assert rows[0]["truncated"] is True and rows[0]["text_length"] == 300  # the text column keeps it all
    assert annotations[0].sentence_count < 50  # NLP saw only the first 100 characters
