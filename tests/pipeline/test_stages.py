"""Each stage on its own, in a real Beam pipeline (TestPipeline + assert_that): ParseArticles, DetectLanguage,
ExtractClaims and rows.claim_rows. (ExtractEntities, which runs the spaCy pipeline, is tested with a model in
test_model_registry.py and end to end.)"""

from __future__ import annotations

import json
from dataclasses import replace
from datetime import UTC, date, datetime
from typing import Any

import apache_beam as beam
from apache_beam.testing.test_pipeline import TestPipeline
from apache_beam.testing.util import assert_that, equal_to
from kafka_helpers import article as article_doc
from lake.lake_rows import claim as claim_dict
from lake.lake_rows import result

from pipelines.detect_language import DetectLanguage
from pipelines.extract_claims import ExtractClaims, claim_id
from pipelines.nlp.claims.claim import Claim
from pipelines.parse_articles import ParseArticles
from pipelines.records import Annotation, KafkaRecord
from pipelines.rows import claim_rows
from pipelines.schema import table_spec

TOPIC = "articles.raw"


def _record(offset: int, value: bytes) -> KafkaRecord:
    return KafkaRecord(TOPIC, 0, offset, 1_736_240_000_000, b"k", value)


def _json(doc: dict[str, Any]) -> bytes:
    return json.dumps(doc, ensure_ascii=False).encode("utf-8")


def test_parse_articles_validates_and_rejects_with_a_reason() -> None:
    html = (
        "<html><body><article><p>Kyiv said on Monday that the <b>bridge</b> over the river reopened after "
        "repairs that took three months.</p><p>Officials expect heavy traffic.</p></article></body></html>"
    )
    good = article_doc(1, html=html, text=None)
    del good["text"]
    records = [
        _record(0, _json(article_doc(0))),
        _record(1, _json(good)),
        _record(2, b"\xff not json"),
        _record(3, _json(article_doc(3, published_at="soon"))),
        _record(4, _json(article_doc(4, text="   "))),
    ]
    with TestPipeline() as p:
        out = p | beam.Create(records) | ParseArticles()
        articles = out.articles | "Articles" >> beam.Map(
            lambda a: (
                a.source_offset,
                a.article_id,
                a.content_type,
                a.text[:13],
                a.published_at.tzinfo is not None,
            )
        )
        assert_that(
            articles,
            equal_to(
                [
                    (0, "test-en-00000", "text", "The regional ", True),
                    (1, "test-en-00001", "html", "Kyiv said on ", True),
                ]
            ),
            label="ArticlesOk",
        )
        rejects = out.rejects | "Rejects" >> beam.Map(
            lambda r: (
                r.offset,
                r.stage,
                r.error_code,
                r.payload is not None and "received" in r.error_message,
            )
        )
        assert_that(
            rejects,
            equal_to(
                [
                    (2, "parse", "undecodable_record", False),
                    (3, "parse", "invalid_record", True),
                    (4, "parse", "empty_text", False),
                ]
            ),
            label="RejectsOk",
        )


def test_detect_language_sets_code_confidence_and_detector() -> None:
    base = result(0).annotation.article
    texts = {
        "en": "The regional governor said on Tuesday that air defences shot down several drones over the city.",
        "ru": "Губернатор области заявил во вторник, что силы ПВО сбили несколько беспилотников над городом.",
        "uk": "Голова обласної адміністрації заявив у вівторок, що сили ППО збили кілька безпілотників над містом.",
        "und": "12:30 — 14:45 (+2)",
    }
    articles = [replace(base, article_id=k, title="", text=v, language="und") for k, v in texts.items()]
    with TestPipeline() as p:
        out = p | beam.Create(articles) | DetectLanguage(min_letters=20)
        got = out.articles | beam.Map(lambda a: (a.article_id, a.language, a.language_detector != "none"))
        assert_that(
            got, equal_to([("en", "en", True), ("ru", "ru", True), ("uk", "uk", True), ("und", "und", True)])
        )
        assert_that(out.rejects, equal_to([]), label="NoRejects")


def _annotation(offset: int, n_claims: int, error: tuple[str, str] | None = None) -> Annotation:
    ann = result(offset, claims=0).annotation
    claims = tuple(Claim.from_dict(claim_dict(i)) for i in range(n_claims))
    return replace(ann, claims=claims, claims_error=error)


def test_extract_claims_gives_stable_ids_and_rejects_failed_extractions() -> None:
    ok, failed = _annotation(1, 2), _annotation(2, 0, ("stage_error", "claim extraction failed: boom"))
    with TestPipeline() as p:
        out = p | beam.Create([ok, failed]) | ExtractClaims()
        got = out.results | beam.Map(lambda r: (r.annotation.article.source_offset, r.claim_ids))
        want_ids = tuple(claim_id(ok, c) for c in ok.claims)
        assert_that(got, equal_to([(1, want_ids), (2, ())]))
        rejects = out.rejects | beam.Map(lambda r: (r.offset, r.stage, r.error_code, r.error_message))
        assert_that(
            rejects,
            equal_to([(2, "extract_claims", "stage_error", "claim extraction failed: boom")]),
            label="RejectsOk",
        )
    assert len(set(want_ids)) == 2 and all(len(i) == 24 for i in want_ids)
    moved = replace(ok, article=replace(ok.article, source_offset=99))
    assert claim_id(moved, ok.claims[0]) != want_ids[0]  # the record's coordinates are part of the id


def test_claim_rows_follow_the_claims_table() -> None:
    columns = table_spec("claims").column_names
    with TestPipeline() as p:
        rows = p | beam.Create([result(5, claims=2)]) | beam.FlatMap(claim_rows)
        shapes = rows | beam.Map(
            lambda r: (
                sorted(r) == sorted(columns),
                r["claim_id"],
                r["times"][0]["resolved_start"],
                r["outlet"],
            )
        )
        assert_that(
            shapes,
            equal_to(
                [
                    (True, "0-5-0", date(2025, 1, 6), "wire"),
                    (True, "0-5-1", date(2025, 1, 6), "wire"),
                ]
            ),
        )
    row = next(claim_rows(result(5, claims=1)))
    assert row["published_at"] == datetime(2025, 1, 7, 10, tzinfo=UTC) and row["source_offset"] == 5
