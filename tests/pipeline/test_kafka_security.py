"""Security settings reach Apache Kafka through claimflow's own configuration (TOML file + environment), on
a SASL_SSL listener (SCRAM-SHA-512, a certificate generated for the run); a wrong password ends in an error
that does not print it."""

from __future__ import annotations

import os
import subprocess
import sys
from dataclasses import replace
from pathlib import Path

import pytest
from conftest import on_brokers
from kafka_helpers import article, kafka_toml, produce_raw

pytestmark = [pytest.mark.kafka, on_brokers("apache_kafka_sasl_ssl")]


def _claimflow(config: Path, password: str, *args: str) -> subprocess.CompletedProcess[str]:
    # The password comes from the environment, as documented for secrets; the file holds everything else.
    env = {**os.environ, "CLAIMFLOW_KAFKA__SASL_PASSWORD": password}
    return subprocess.run(
        [sys.executable, "-m", "pipelines.cli", "--config", str(config), *args],
        capture_output=True, text=True, env=env, timeout=300,
    )  # fmt: skip


def _config(tmp_path: Path, kafka_settings) -> Path:  # type: ignore[no-untyped-def]
    path = tmp_path / "claimflow.toml"
    without_secret = replace(kafka_settings, sasl_password=None, request_timeout_ms=5000)
    path.write_text(
        kafka_toml(without_secret) + f'[lake]\npath = "{tmp_path / "lake"}"\n[nlp]\nmodels = {{}}\n'
    )
    assert "sasl_password" not in path.read_text()
    return path


def test_sasl_ssl_settings_pass_through_config_and_environment(kafka_settings, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    produce_raw(kafka_settings, [article(i) for i in range(12)])
    config = _config(tmp_path, kafka_settings)
    password = kafka_settings.sasl_password.reveal()
    offsets = _claimflow(config, password, "offsets")
    assert offsets.returncode == 0, offsets.stderr
    assert kafka_settings.raw_topic in offsets.stdout
    run = _claimflow(config, password, "run")
    assert run.returncode == 0, run.stderr
    from pipelines.lake import dataset

    assert dataset(str(tmp_path / "lake"), "articles").count_rows() == 12
    for out in (offsets, run):
        assert password not in out.stdout + out.stderr


def test_wrong_password_ends_in_an_error_that_hides_it(kafka_settings, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    config = _config(tmp_path, kafka_settings)
    password = kafka_settings.sasl_password.reveal()
    wrong = "not-the-password-" + password[:4]
    done = _claimflow(config, wrong, "offsets")
    assert done.returncode != 0
    assert "claimflow:" in done.stderr
    assert wrong not in done.stdout + done.stderr
    assert password not in done.stdout + done.stderr


def test_a_refused_login_ends_the_wait_at_once(kafka_settings, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    """With a connect deadline of 8 minutes (request_timeout_ms = 4 min), a wrong password still ends the
    command well inside the 300 s this test allows, with the SASL error naming the settings and the refusal as
    the cause (not "no answer within …"): seen by claimflow's watch on kafka-python's log, or raised by
    kafka-python itself, whichever comes first."""
    config = _config(tmp_path, kafka_settings)
    config.write_text(config.read_text().replace("request_timeout_ms = 5000", "request_timeout_ms = 240000"))
    password = kafka_settings.sasl_password.reveal()
    wrong = "not-the-password-" + password[:4]
    done = _claimflow(config, wrong, "offsets")
    assert done.returncode == 1, done.stderr
    assert "kafka.sasl_mechanism / sasl_username / sasl_password" in done.stderr
    assert "SaslAuthenticationFailedError" in done.stderr  # the cause: not "no answer within …"
    assert wrong not in done.stdout + done.stderr
    assert password not in done.stdout + done.stderr
