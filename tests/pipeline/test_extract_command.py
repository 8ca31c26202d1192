"""``claimflow extract``: the pipeline's NLP on files. Its output for the bundled samples equals the pipeline's
rows for the same records (the golden fixtures, which the Kafka end-to-end test checks against a real run),
bad records print a reject, and Kafka coordinates are null."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import pytest
from fixtures.golden.regenerate import FILES, read_golden

from pipelines.cli import main
from pipelines.resources import samples_dir
from tests.nlp.conftest import model_ready


def _run(capsys: pytest.CaptureFixture[str], *paths: str) -> list[dict[str, Any]]:
    assert main(["extract", *paths]) == 0
    return [json.loads(line) for line in capsys.readouterr().out.splitlines()]


def _golden_form(table: str, rows: list[dict[str, Any]]) -> list[str]:
    columns = FILES[table][1]
    return sorted(json.dumps({c: r[c] for c in columns}, ensure_ascii=False, sort_keys=True) for r in rows)


@pytest.mark.slow
def test_extract_on_the_samples_equals_the_pipeline_rows(capsys: pytest.CaptureFixture[str]) -> None:
    if not all(model_ready(lang) for lang in ("en", "ru", "uk")):
        pytest.skip("the bundled models are not built")
    out = _run(capsys, str(samples_dir() / "articles.jsonl"))
    lines = (samples_dir() / "articles.jsonl").read_text(encoding="utf-8").splitlines()
    assert len(out) == len([line for line in lines if line.strip()])
    analysed = [o for o in out if "reject" not in o]
    entities = [{"article_id": o["id"], **e} for o in analysed for e in o["entities"]]
    claims = [c for o in analysed for c in o["claims"]]
    assert _golden_form("entities", entities) == read_golden("entities")
    assert _golden_form("claims", claims) == read_golden("claims")
    for claim in claims:
        assert claim["source_topic"] is claim["source_offset"] is claim["source_timestamp"] is None
        assert len(claim["claim_id"]) == 24
    rejected = [o for o in out if "reject" in o]
    assert [o["reject"]["stage"] for o in rejected] == ["parse"]  # the one invalid sample


def test_extract_prints_a_reject_per_bad_record_in_input_order(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    good = {
        "id": "x-1",
        "source": "wire",
        "url": "https://example.org/1",
        "title": "Ice",
        "published_at": "2025-01-07T10:00:00+00:00",
        "text": "Il fait froid aujourd'hui à Paris, et la Seine charrie des glaçons depuis lundi.",
    }
    path = tmp_path / "in.jsonl"
    path.write_text("not json\n" + json.dumps(good) + "\n" + json.dumps({**good, "url": 3}) + "\n")
    out = _run(capsys, str(path))
    assert [o.get("reject", {}).get("stage") for o in out] == ["parse", None, "parse"]
    assert out[0]["reject"]["code"] and "received" in out[2]["reject"]["message"]
    assert out[1]["id"] == "x-1" and out[1]["language"] == "fr" and out[1]["claims"] == []


def test_extract_names_a_missing_file(capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["extract", "/nonexistent/articles.jsonl"]) != 0
    assert "no such file" in capsys.readouterr().err
