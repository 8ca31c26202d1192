"""The Flink job server's classpath (infra/flink/jars/pom.xml) is Beam's Flink runner at the Beam version the
Python SDK is pinned to: the job server and the submitting SDK must be the same Beam release."""

from __future__ import annotations

import re
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]


def test_flink_job_server_jars_are_at_the_pinned_beam_version() -> None:
    pin = re.search(r'"apache-beam==([0-9.]+)"', (ROOT / "pyproject.toml").read_text("utf-8"))
    pom = (ROOT / "infra" / "flink" / "jars" / "pom.xml").read_text("utf-8")
    beam = re.search(r"<beam\.version>([0-9.]+)</beam\.version>", pom)
    assert pin and beam
    assert beam.group(1) == pin.group(1), (
        "infra/flink/jars/pom.xml beam.version must equal the apache-beam pin"
    )
    assert "<artifactId>beam-runners-flink-1.19</artifactId>" in pom


def test_the_flink_distribution_is_the_runners_flink_minor() -> None:
    """The standalone cluster (`make flink`, from PyPI) must run the Flink minor the runner was built for."""
    make = re.search(r"^FLINK_VERSION := ([0-9.]+)$", (ROOT / "Makefile").read_text("utf-8"), re.M)
    fixture = re.search(
        r'^FLINK_VERSION = "([0-9.]+)"', (ROOT / "tests" / "flink_job_server.py").read_text("utf-8"), re.M
    )
    assert make and fixture and make.group(1) == fixture.group(1)
    assert make.group(1).startswith("1.19."), "beam-runners-flink-1.19 runs on a Flink 1.19.x cluster"
