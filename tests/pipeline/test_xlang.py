"""``--kafka-io xlang``: Beam's Java KafkaIO, expanded by a real Java expansion service that claimflow starts
from the jars `make expansion-jars` fetches, run by a Java SDK worker in that service's JVM on FnApiRunner,
against a real Apache Kafka 4 broker. Its tables equal those of claimflow's Python reader."""

from __future__ import annotations

import os
from dataclasses import replace
from pathlib import Path

import pytest
from conftest import ROOT, on_brokers
from kafka_helpers import article, produce_raw
from lake_tables import assert_same_tables

from pipelines.config import KafkaSettings, Settings
from pipelines.errors import ConfigError, UsageError
from pipelines.expansion import expansion_address, stop_started
from pipelines.job import run_bounded
from pipelines.lake import dataset
from pipelines.offsets import Position, admin_consumer, topic_partitions

JARS = ROOT / "infra" / "expansion" / "jars" / "lib"


@pytest.fixture(scope="module")
def expansion_jars() -> Path:
    if not any(JARS.glob("beam-sdks-java-expansion-service-*.jar")):
        lack = f"xlang tests need the jars in {JARS.relative_to(ROOT)}: run make expansion-jars (Java, Maven)"
        if os.environ.get("CI") == "true":
            pytest.fail(f"{lack}; CI must run the xlang tier")
        pytest.skip(lack)
    yield JARS
    stop_started()


def _settings(kafka: KafkaSettings, lake: Path, io: str = "python") -> Settings:
    base = Settings()
    kafka = replace(kafka, io=io, expansion_classpath=str(JARS) if io == "xlang" else None)
    return replace(base, kafka=kafka, lake=replace(base.lake, path=str(lake), offset_bucket=300),
                   nlp=replace(base.nlp, models={}))  # fmt: skip


def _produce(kafka: KafkaSettings, start: int, stop: int) -> None:
    docs = [article(i, ("en", "ru", "uk")[i % 3]) for i in range(start, stop)]
    produce_raw(kafka, [*docs, b"not json"] if start == 0 else docs)
    produce_raw(kafka, [b'{"id": "r-%d"}' % start], topic=kafka.rejected_topic)


def _committed(kafka: KafkaSettings) -> int:
    with admin_consumer(kafka.client_config(), kafka.group_id) as consumer:
        tps = topic_partitions(consumer, [kafka.raw_topic])
        return sum(consumer.committed(tp) or 0 for tp in tps)


pytestmark = [pytest.mark.kafka, pytest.mark.xlang]


@on_brokers("apache_kafka")
@pytest.mark.slow
def test_bounded_xlang_read_gives_the_tables_of_the_python_reader(
    kafka_settings, expansion_jars, tmp_path: Path
) -> None:  # type: ignore[no-untyped-def]
    _produce(kafka_settings, 0, 60)
    python, xlang = tmp_path / "python", tmp_path / "xlang"
    run_bounded(_settings(kafka_settings, python), Position("earliest"), Position("end"), commit=False)
    report = run_bounded(
        _settings(kafka_settings, xlang, "xlang"), Position("earliest"), Position("end"), commit=False
    )
    assert report.state == "DONE"
    assert report.counters["claimflow.read/records_out"] == 61 + 1  # raw (60 + 1 not json) + 1 publish reject
    assert dataset(str(xlang), "articles").count_rows() == 60
    assert_same_tables(xlang, python, reference="the Python reader's run")


@on_brokers("apache_kafka_sasl_ssl")
@pytest.mark.slow
def test_xlang_resumes_from_committed_offsets_over_sasl_ssl(
    kafka_settings, expansion_jars, tmp_path: Path
) -> None:  # type: ignore[no-untyped-def]
    """SCRAM-SHA-512 over TLS reaches Java's consumer; the run starts at the group's committed offsets (written
    by a Python-reader run) and commits its own ends, and the lake equals one Python run over everything."""
    lake, reference = tmp_path / "lake", tmp_path / "reference"
    _produce(kafka_settings, 0, 30)
    run_bounded(_settings(kafka_settings, lake), Position("committed"), Position("end"))
    first = _committed(kafka_settings)
    _produce(kafka_settings, 30, 60)
    report = run_bounded(_settings(kafka_settings, lake, "xlang"), Position("committed"), Position("end"))
    assert report.counters["claimflow.read/records_out"] == 30 + 1  # only what came after the commit
    assert report.counters.get("claimflow.read/xlang_records_outside_ranges", 0) == 0
    assert _committed(kafka_settings) == first + 30
    run_bounded(
        _settings(replace(kafka_settings, group_id=kafka_settings.group_id + "-ref"), reference),
        Position("earliest"), Position("end"),
    )  # fmt: skip
    assert_same_tables(lake, reference)


@pytest.mark.parametrize(
    ("start", "until", "named"),
    [
        (Position("offset", (("t", 0, 5),)), Position("end"), "--from offset"),
        (Position("latest"), Position("end"), "--from latest"),
        (Position("timestamp", timestamp_ms=1), Position("end"), "--from timestamp"),
        (Position("earliest"), Position("timestamp", timestamp_ms=1), "--until timestamp"),
    ],
)
def test_xlang_refuses_bounds_kafkaio_cannot_keep(start: Position, until: Position, named: str) -> None:
    settings = replace(Settings(), kafka=KafkaSettings(io="xlang", expansion_service="127.0.0.1:1"))
    with pytest.raises(UsageError, match=rf"xlang cannot .* at {named}.*allowed: .*--kafka-io python"):
        run_bounded(settings, start, until)


def test_xlang_without_an_expansion_service_names_both_settings() -> None:
    with pytest.raises(
        ConfigError, match=r"kafka\.expansion_service = host:port.*kafka\.expansion_classpath"
    ):
        expansion_address(KafkaSettings(io="xlang"))
