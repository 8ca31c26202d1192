"""`claimflow publish` against the real broker: valid, invalid and large records; every input kind."""

from __future__ import annotations

import io
import json
from pathlib import Path

import pytest
from kafka_helpers import article, drain

from pipelines.cli import main
from pipelines.publish import iter_inputs, publish_paths

pytestmark = pytest.mark.kafka


def _headers(record) -> dict[str, str]:  # type: ignore[no-untyped-def]
    return {k: v.decode() for k, v in record.headers}


def test_valid_records_go_to_raw_with_key_and_headers(kafka_settings, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    path = tmp_path / "a.jsonl"
    path.write_text("\n".join(json.dumps(article(i)) for i in range(25)) + "\n")
    report = publish_paths(kafka_settings, [str(path)], progress=False)
    assert (report.sent, report.rejected, report.failed) == (25, 0, 0)
    records = drain(kafka_settings, kafka_settings.raw_topic)
    assert len(records) == 25
    assert {r.key.decode() for r in records} == {f"test-en-{i:05d}" for i in range(25)}
    headers = _headers(records[0])
    assert headers["claimflow.schema"] == "1" and headers["content-type"] == "application/json"
    assert drain(kafka_settings, kafka_settings.rejected_topic) == []


def test_invalid_records_go_to_rejected_with_the_reason(kafka_settings, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    bad = [
        json.dumps(article(1, published_at="yesterday")),
        json.dumps({k: v for k, v in article(2).items() if k != "source"}),
        "{not json",
        json.dumps(article(3, html="<p>both bodies</p>")),
    ]
    path = tmp_path / "bad.jsonl"
    path.write_text("\n".join([json.dumps(article(0)), *bad]) + "\n")
    report = publish_paths(kafka_settings, [str(path)], progress=False)
    assert (report.sent, report.rejected) == (1, 4)
    rejected = drain(kafka_settings, kafka_settings.rejected_topic)
    reasons = {
        _headers(r)["claimflow.input"].rsplit(":", 1)[1]: _headers(r)["claimflow.error"] for r in rejected
    }
    assert "published_at" in reasons["2"] and "RFC 3339" in reasons["2"]
    assert "'source' is a required property" in reasons["3"]
    assert "not JSON" in reasons["4"]
    assert "exactly one of 'text' or 'html'" in reasons["5"]
    assert rejected[0].value == bad[0].encode()  # byte for byte


def test_large_bodies(kafka_settings, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    body = "Word " * 150_000  # 750 kB: under the 1 MB limit
    huge = "Word " * 300_000  # 1.5 MB: over it
    path = tmp_path / "big.jsonl"
    path.write_text(json.dumps(article(1, text=body)) + "\n" + json.dumps(article(2, text=huge)) + "\n")
    report = publish_paths(kafka_settings, [str(path)], progress=False)
    assert (report.sent, report.rejected, report.failed) == (1, 1, 0)
    (raw,) = drain(kafka_settings, kafka_settings.raw_topic)
    assert json.loads(raw.value)["text"] == body
    (rejected,) = drain(kafka_settings, kafka_settings.rejected_topic)
    headers = _headers(rejected)
    assert headers["claimflow.error_code"] == "record_too_large"
    assert int(headers["claimflow.truncated_from"]) > 1_500_000


def test_inputs_json_array_directory_and_stdin(tmp_path: Path) -> None:
    (tmp_path / "d").mkdir()
    (tmp_path / "d" / "one.json").write_text(json.dumps([article(1), article(2)]))
    (tmp_path / "d" / "two.jsonl").write_text(json.dumps(article(3)) + "\n\n" + json.dumps(article(4)) + "\n")
    (tmp_path / "d" / "ignored.txt").write_text("not an input")
    records = list(iter_inputs([str(tmp_path / "d")]))
    assert [json.loads(r.raw)["id"] for r in records] == [f"test-en-{i:05d}" for i in (1, 2, 3, 4)]
    assert records[2].origin.endswith("two.jsonl:1") and records[3].origin.endswith("two.jsonl:3")
    stdin = io.BytesIO(json.dumps([article(5)]).encode())
    assert [json.loads(r.raw)["id"] for r in iter_inputs(["-"], stdin)] == ["test-en-00005"]


def test_cli_publish_counts_and_missing_input(kafka_settings, tmp_path: Path, capsys) -> None:  # type: ignore[no-untyped-def]
    path = tmp_path / "a.jsonl"
    path.write_text(json.dumps(article(1)) + "\n" + "[1, 2]\n")
    args = ["--bootstrap-servers", kafka_settings.bootstrap_servers, "--topic", kafka_settings.raw_topic,
            "--rejected-topic", kafka_settings.rejected_topic]  # fmt: skip
    assert main(["publish", str(path), *args]) == 0
    assert "sent 1, rejected 1" in capsys.readouterr().out
    assert main(["publish", str(tmp_path / "nope.jsonl"), *args]) == 2
    assert "no such file" in capsys.readouterr().err
