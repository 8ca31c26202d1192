"""The streaming variant: its graph builds for distributed runners, and its windowed write path gives the
same rows as the batch path on the local runner."""

from __future__ import annotations

from dataclasses import replace
from pathlib import Path

import apache_beam as beam
import pytest
from apache_beam.options.pipeline_options import PipelineOptions
from kafka_helpers import article, produce_raw

from pipelines.config import KafkaSettings, Settings
from pipelines.job import build_pipeline
from pipelines.lake import dataset
from pipelines.offsets import Position, plan_ranges
from pipelines.schema import TABLES, table_spec


@pytest.mark.parametrize(
    "args",
    [
        [
            "--runner=FlinkRunner",
            "--streaming",
            "--flink_master=flink-jobmanager:8081",
            "--environment_type=DOCKER",
        ],
        [
            "--runner=DataflowRunner",
            "--streaming",
            "--project=example",
            "--region=europe-west4",
            "--temp_location=gs://example/tmp",
        ],
    ],
    ids=["flink", "dataflow"],
)
def test_streaming_graph_builds_without_contacting_anything(args: list[str]) -> None:
    settings = replace(
        Settings(),
        kafka=KafkaSettings(bootstrap_servers="kafka-1.invalid:9092"),  # never contacted at construction
        lake=replace(Settings().lake, path="gs://example-bucket/lake"),
    )
    p = beam.Pipeline(options=PipelineOptions(args))
    build_pipeline(p, settings, streaming=True)
    proto = p.to_runner_api()
    names = {t.unique_name for t in proto.components.transforms.values()}
    assert "ReadArticles/ReadPartitions" in names
    assert "WindowArticles" in names
    assert any(n.startswith("WriteLake/GroupByFileGroup") for n in names)
    assert any(n.startswith("ExtractEntities/Annotate[en]") for n in names)


@pytest.mark.kafka
def test_windowed_path_gives_the_same_rows_as_the_batch_path(kafka_settings, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    produce_raw(kafka_settings, [article(i, ("en", "ru", "uk")[i % 3]) for i in range(90)] + [b"broken"])
    base = Settings()
    ranges = plan_ranges(
        kafka_settings.client_config(), "g", [kafka_settings.raw_topic, kafka_settings.rejected_topic],
        Position("earliest"), Position("end"),
    )  # fmt: skip

    def run(lake: Path, windowed: bool) -> dict[str, list[dict[str, object]]]:
        settings = replace(
            base, kafka=kafka_settings, lake=replace(base.lake, path=str(lake)), nlp=replace(base.nlp, models={}),
            streaming=replace(base.streaming, window_seconds=2),
        )  # fmt: skip
        with beam.Pipeline(options=PipelineOptions(["--runner=FnApiRunner"])) as p:
            build_pipeline(p, settings, ranges, windowed=windowed)
        out = {}
        for table in TABLES:
            rows = dataset(str(lake), table).to_table().to_pylist()
            out[table] = sorted(rows, key=lambda r: tuple(str(r[k]) for k in table_spec(table).primary_key))
        return out

    batch, windowed = run(tmp_path / "batch", False), run(tmp_path / "windowed", True)
    assert len(batch["articles"]) == 90 and len(batch["rejects"]) == 1
    assert windowed == batch
