"""Issue 15: what users deploy is what the tests ran. The compose file's Apache Kafka image carries the version
the `apache_kafka` test tier fetches from Maven Central, and the SDK image carries the pinned apache-beam."""

from __future__ import annotations

import re
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]


def _one(pattern: str, path: Path) -> str:
    found = re.findall(pattern, path.read_text("utf-8"))
    assert len(found) == 1, f"{path.relative_to(ROOT)}: expected one match of {pattern!r}, found {found}"
    return str(found[0])


def test_compose_kafka_image_is_the_tested_kafka() -> None:
    tested = _one(r"<kafka\.version>([0-9.]+)</kafka\.version>", ROOT / "infra/kafka/jars/pom.xml")
    deployed = _one(r"image:\s*apache/kafka:([0-9.]+)", ROOT / "infra/kafka/docker-compose.yml")
    assert deployed == tested, f"infra/kafka/docker-compose.yml runs Kafka {deployed}; the tests run {tested}"


def test_sdk_image_is_the_pinned_beam() -> None:
    pinned = _one(r'"apache-beam==([0-9.]+)"', ROOT / "pyproject.toml")
    locked = _one(r"(?m)^apache-beam==([0-9.]+)$", ROOT / "requirements.lock")
    image = _one(r"(?m)^ARG BEAM_VERSION=([0-9.]+)$", ROOT / "infra/docker/Dockerfile")
    assert pinned == locked == image, f"apache-beam: pyproject {pinned}, lock {locked}, SDK image {image}"


def test_expansion_service_jars_are_the_pinned_beam() -> None:
    """The Java side of `--kafka-io xlang` must speak the Python SDK's Beam version."""
    pinned = _one(r'"apache-beam==([0-9.]+)"', ROOT / "pyproject.toml")
    jars = _one(r"<beam\.version>([0-9.]+)</beam\.version>", ROOT / "infra/expansion/jars/pom.xml")
    assert jars == pinned, (
        f"infra/expansion/jars/pom.xml fetches Beam {jars}; apache-beam is pinned at {pinned}"
    )
