"""The walking skeleton end to end: publish → Beam (FnApiRunner) → Parquet, on the real broker."""

from __future__ import annotations

import json
from dataclasses import replace
from pathlib import Path

import duckdb
import pytest
from conftest import ROOT, shared_path
from fixtures.golden.regenerate import FILES, golden_lines, read_golden
from kafka_helpers import article, produce_raw

from pipelines.config import Settings
from pipelines.job import run_bounded
from pipelines.lake import dataset, run_query
from pipelines.offsets import Position
from pipelines.publish import publish_paths

pytestmark = pytest.mark.kafka
TABLES = ("articles", "entities", "claims", "rejects")


def _settings(kafka_settings, lake: Path) -> Settings:  # type: ignore[no-untyped-def]
    base = Settings()
    return replace(base, kafka=kafka_settings, lake=replace(base.lake, path=str(lake)))


def _counts(lake: Path) -> dict[str, int]:
    return {t: dataset(str(lake), t).count_rows() for t in TABLES}


def readme_capture_query() -> str:
    """The SQL block after the ``capture-query`` marker in README.md."""
    readme = (ROOT / "README.md").read_text(encoding="utf-8")
    after = readme[readme.index("<!-- capture-query") :]
    return after.split("```sql\n", 1)[1].split("```", 1)[0]


def test_samples_end_to_end_and_rerun_does_not_duplicate(kafka_settings, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    lake = tmp_path / "lake"
    settings = _settings(kafka_settings, lake)
    report = publish_paths(kafka_settings, [str(ROOT / "samples")], progress=False)
    assert (report.sent, report.rejected) == (12, 1)
    # A foreign producer bypasses publish: its broken record must reach `rejects` from the parse stage.
    produce_raw(kafka_settings, [b"\xff\xfe not utf-8"])

    run = run_bounded(settings, Position("committed"), Position("end"))
    assert run.records == 14
    first = _counts(lake)
    assert first["articles"] == 12 and first["entities"] > 50 and first["claims"] > 20
    assert first["rejects"] == 2

    con = duckdb.connect()
    glob = f"{lake}/claims/**/*.parquet"
    assert con.execute(f"SELECT count(*) FROM read_parquet('{glob}', hive_partitioning=true)").fetchone() == (
        first["claims"],
    )
    langs = dict(
        con.execute(
            f"SELECT language, count(*) FROM read_parquet('{lake}/articles/**/*.parquet', hive_partitioning=true) "
            "GROUP BY 1"
        ).fetchall()
    )
    assert langs == {"en": 4, "ru": 4, "uk": 4}
    rejects = dataset(str(lake), "rejects").to_table().to_pylist()
    stages = sorted((r["stage"], r["error_code"]) for r in rejects)
    assert stages == [("parse", "undecodable_record"), ("publish", "invalid_record")]
    malformed = next(r for r in rejects if r["stage"] == "publish")
    assert json.loads(malformed["payload"])["sample_ref"] == "malformed-contract-violation"
    assert "published_at" in malformed["error_message"] or "required" in malformed["error_message"]

    # Golden outputs: what the bundled models and claim rules find in the samples.
    for table, (name, _) in FILES.items():
        got, want = golden_lines(str(lake), table), read_golden(table)
        if got != want:
            missing, extra = sorted(set(want) - set(got)), sorted(set(got) - set(want))
            pytest.fail(
                f"{table} differ from tests/fixtures/golden/{name}: {len(missing)} golden rows missing, "
                f"{len(extra)} new rows.\nmissing: {missing[:3]}\nnew: {extra[:3]}\n"
                "If the change is deliberate, regenerate with: "
                ".venv/bin/python tests/fixtures/golden/regenerate.py (and read the diff)"
            )

    # The README's question: which claimants claimed a capture of which place, and when.
    headers, rows = run_query(str(lake), readme_capture_query())
    captures = [dict(zip(headers, r, strict=True)) for r in rows]
    print(*captures, sep="\n")
    mod, general_staff = (
        "Ministry of Defence of the Russian Federation",
        "General Staff of the Armed Forces of Ukraine",
    )
    assert {(c["claimant"], c["place"], c["language"], c["negated"]) for c in captures} >= {
        (mod, "Kurakhove", "en", False),
        (mod, "Kurakhove", "ru", False),
        (mod, "Toretsk", "ru", False),
        (general_staff, "Kurakhove", "uk", True),  # the General Staff denies Moscow's claim
    }

    # Nothing new since the committed offsets: a plain rerun reads nothing.
    assert run_bounded(settings, Position("committed"), Position("end")).state == "NOTHING_TO_READ"
    # Reprocessing everything rewrites the same files: row counts unchanged.
    run_bounded(settings, Position("earliest"), Position("end"))
    assert _counts(lake) == first


def test_seed_article_language_and_entities(kafka_settings, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    expected = json.loads(shared_path("seed", "seed_expected.json").read_text())
    text = shared_path("seed", "seed_article.txt").read_text()
    meta = expected["message"]
    doc = {
        "id": meta["article_id"], "source": meta["source"], "url": meta["url"], "title": meta["title"],
        "published_at": meta["published_at"], "language_hint": meta["language_hint"], "text": text,
    }  # fmt: skip
    path = tmp_path / "seed.jsonl"
    path.write_text(json.dumps(doc) + "\n")
    assert publish_paths(kafka_settings, [str(path)], progress=False).sent == 1
    lake = tmp_path / "lake"
    run_bounded(_settings(kafka_settings, lake), Position("earliest"), Position("end"))

    (row,) = dataset(str(lake), "articles").to_table().to_pylist()
    assert row["language"] == expected["language"]
    found = {(e["text"], e["label"]) for e in dataset(str(lake), "entities").to_table().to_pylist()}
    wanted = {
        (e["text"], e["label"]) for e in expected["entities_must_include"] if e["label"] in ("PER", "LOC")
    }
    missing = sorted(wanted - found)
    assert not missing, f"person/place entities not found: {missing}"


def test_invalid_records_never_stop_the_pipeline(kafka_settings, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    produce_raw(
        kafka_settings,
        [
            article(1),
            b"null",
            b"[]",
            json.dumps(article(2, published_at="2025-13-45T00:00:00Z")).encode(),
            # Valid by contract, but no main text survives HTML extraction.
            {
                **{k: v for k, v in article(3).items() if k != "text"},
                "html": "<html><body><nav>a</nav></body></html>",
            },
            article(4, "uk"),
        ],
    )
    lake = tmp_path / "lake"
    run_bounded(_settings(kafka_settings, lake), Position("earliest"), Position("end"))
    counts = _counts(lake)
    assert counts["articles"] == 2 and counts["rejects"] == 4
