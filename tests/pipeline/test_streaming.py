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
from pipelines.read_kafka import PartitionRange
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
    assert any(n.startswith("ExtractEntities/Annotate/") for n in names)


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
        with beam.Pipeline(
            options=PipelineOptions(["--runner=apache_beam.runners.portability.fn_api_runner.FnApiRunner"])
        ) as p:
            build_pipeline(p, settings, ranges, windowed=windowed)
        out = {}
        for table in TABLES:
            rows = dataset(str(lake), table).to_table().to_pylist()
            out[table] = sorted(rows, key=lambda r: tuple(str(r[k]) for k in table_spec(table).primary_key))
        return out

    batch, windowed = run(tmp_path / "batch", False), run(tmp_path / "windowed", True)
    assert len(batch["articles"]) == 90 and len(batch["rejects"]) == 1
    assert windowed == batch


def test_xlang_kafka_io_says_clearly_what_it_needs() -> None:
    """An expansion service that does not answer, and a bounded start KafkaIO cannot keep: the errors say so
    (the real expansion is tested in test_xlang.py)."""
    from pipelines.errors import ExpansionServiceUnavailable, UsageError

    settings = replace(Settings(), kafka=KafkaSettings(io="xlang", expansion_service="127.0.0.1:1"))
    p = beam.Pipeline(options=PipelineOptions(["--runner=FlinkRunner", "--streaming"]))
    with pytest.raises(
        ExpansionServiceUnavailable, match=r"expansion service; 127\.0\.0\.1:1 did not answer"
    ):
        build_pipeline(p, settings, streaming=True)
    with pytest.raises(
        UsageError, match=r"cannot start a bounded run at 'latest'.*allowed: --from committed"
    ):
        build_pipeline(beam.Pipeline(), settings, [], streaming_start="latest")


def test_java_consumer_config_carries_security_settings() -> None:
    from pipelines.read_kafka import java_consumer_config

    kafka = KafkaSettings(
        bootstrap_servers="b1:9093,b2:9093", security_protocol="SASL_SSL", sasl_mechanism="SCRAM-SHA-512",
        sasl_username="svc", sasl_password="s3cret", ssl_cafile="/etc/ca.pem",
    )  # fmt: skip
    conf = java_consumer_config(kafka.client_config(), "g", "committed")
    assert conf["bootstrap.servers"] == "b1:9093,b2:9093" and conf["security.protocol"] == "SASL_SSL"
    assert 'ScramLoginModule required username="svc" password="s3cret"' in conf["sasl.jaas.config"]
    assert conf["ssl.truststore.location"] == "/etc/ca.pem"


def test_secrets_stay_out_of_remote_job_graphs(monkeypatch: pytest.MonkeyPatch) -> None:
    """A graph for a remote runner carries no Kafka password; workers fill it in from their environment."""
    import pickle

    from pipelines.config import with_worker_secrets

    kafka = KafkaSettings(
        security_protocol="SASL_SSL", sasl_mechanism="PLAIN", sasl_username="u", sasl_password="pw-123"
    )
    p = beam.Pipeline(options=PipelineOptions(["--runner=FlinkRunner", "--streaming"]))
    build_pipeline(p, replace(Settings(), kafka=kafka), streaming=True, embed_secrets=False)
    assert b"pw-123" not in p.to_runner_api().SerializeToString()
    assert b"pw-123" not in pickle.dumps(kafka.client_config(secrets=False))

    monkeypatch.setenv("CLAIMFLOW_KAFKA__SASL_PASSWORD", "from-worker-env")
    filled = with_worker_secrets(kafka.client_config(secrets=False))
    assert filled["sasl_plain_password"] == "from-worker-env"


def test_runner_flags_may_follow_a_double_dash() -> None:
    from pipelines.job import pipeline_options

    for args in (["--runner=PrismRunner", "--streaming"], ["--streaming", "--", "--runner", "PrismRunner"]):
        options = pipeline_options(args).get_all_options()
        assert (options["runner"], options["streaming"]) == ("PrismRunner", True), args


@pytest.mark.parametrize(
    ("runner", "reshuffled"),
    [("apache_beam.runners.portability.fn_api_runner.FnApiRunner", False), ("FlinkRunner", True)],
    ids=["local", "flink"],
)
def test_bounded_ranges_are_reshuffled_only_for_runners_with_parallel_workers(
    runner: str, reshuffled: bool
) -> None:
    """A bounded read's ranges go through Create's Reshuffle on Flink or Dataflow, so that parallel workers read
    them (and run the fused stages after the read); the local runner splits them itself and skips it."""
    settings = replace(Settings(), kafka=KafkaSettings(bootstrap_servers="kafka-1.invalid:9092"))
    ranges = [
        PartitionRange(settings.kafka.raw_topic, 0, 0, 10),
        PartitionRange(settings.kafka.raw_topic, 1, 0, 10),
    ]
    p = beam.Pipeline(options=PipelineOptions([f"--runner={runner}"]))
    build_pipeline(p, settings, ranges)
    names = {t.unique_name for t in p.to_runner_api().components.transforms.values()}
    assert ("ReadArticles/PartitionRanges/MaybeReshuffle/Reshuffle" in names) is reshuffled
