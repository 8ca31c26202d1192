"""Issue 12: a wrong security setting or an unreachable broker ends every Kafka command within a bounded time.

Exit 1 naming the setting when the configuration is wrong, 75 (retry later) when nothing answers. The bound is
``2 × kafka.request_timeout_ms + 5 s`` (:func:`pipelines.kafka_client.deadline_seconds`); the tests allow 10 s
more for interpreter and Beam start-up on a loaded machine.
"""

from __future__ import annotations

import logging
import time
from pathlib import Path

import pytest
from kafka.errors import KafkaConnectionError, SaslAuthenticationFailedError

from pipelines.broker import free_port
from pipelines.cli import EXIT_ERROR, EXIT_RETRYABLE, main
from pipelines.errors import BrokerUnavailable, ConfigError
from pipelines.kafka_client import _MANAGER_LOGGER, _AuthRefusals, deadline_seconds, diagnose

pytestmark = pytest.mark.kafka
REQUEST_TIMEOUT_MS = 1000
BOUND = deadline_seconds({"request_timeout_ms": REQUEST_TIMEOUT_MS}) + 10

COMMANDS = {
    "offsets": ["offsets"],
    "topics": ["topics"],
    "publish": ["publish", "-"],
    "run": ["run"],
    "replay": ["replay", "--from", "earliest"],
    "run --streaming": ["run", "--streaming"],  # on the local runner the reader would run in this process
}


def _config(tmp_path: Path, servers: str, protocol: str) -> Path:
    path = tmp_path / "claimflow.toml"
    path.write_text(
        f'[kafka]\nbootstrap_servers = "{servers}"\nsecurity_protocol = "{protocol}"\n'
        f'request_timeout_ms = {REQUEST_TIMEOUT_MS}\n[lake]\npath = "{tmp_path / "lake"}"\n'
        "[nlp]\nmodels = {}\n"
    )
    return path


def _run(
    config: Path, command: list[str], capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> tuple[int, str, float]:
    import io
    import sys

    monkeypatch.setattr(sys, "stdin", io.TextIOWrapper(io.BytesIO(b'{"id": "x"}\n')))
    started = time.monotonic()
    code = main(["--config", str(config), *command])
    return code, capsys.readouterr().err, time.monotonic() - started


def _params() -> list[object]:
    return [
        pytest.param(name, marks=() if name == "offsets" else pytest.mark.slow)
        for name in COMMANDS  # offsets in the fast tier, the other commands with the slow ones
    ]


@pytest.mark.parametrize("name", _params())
def test_ssl_against_a_plaintext_listener_is_a_config_error(
    name: str,
    broker: str,
    tmp_path: Path,
    capsys: pytest.CaptureFixture[str],
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    code, err, seconds = _run(_config(tmp_path, broker, "SSL"), COMMANDS[name], capsys, monkeypatch)
    assert code == EXIT_ERROR, err
    assert "kafka.security_protocol" in err and "'SSL'" in err and "plaintext" in err
    assert seconds < BOUND, f"{name} took {seconds:.1f}s"


@pytest.mark.parametrize("name", _params())
def test_an_unused_port_is_retryable(
    name: str, tmp_path: Path, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    servers = f"127.0.0.1:{free_port()}"
    code, err, seconds = _run(_config(tmp_path, servers, "PLAINTEXT"), COMMANDS[name], capsys, monkeypatch)
    assert code == EXIT_RETRYABLE, err
    assert "broker_unavailable" in err and servers in err and "kafka.bootstrap_servers" in err
    assert seconds < BOUND, f"{name} took {seconds:.1f}s"


def test_diagnose_tells_the_cases_apart(broker: str) -> None:
    base = {"request_timeout_ms": REQUEST_TIMEOUT_MS}
    assert isinstance(
        diagnose({**base, "bootstrap_servers": [f"127.0.0.1:{free_port()}"]}, "x"), BrokerUnavailable
    )
    wrong = diagnose({**base, "bootstrap_servers": [broker], "security_protocol": "SASL_SSL"}, "x")
    assert isinstance(wrong, ConfigError) and "SASL_PLAINTEXT" in str(wrong)
    # A plaintext client against a listener that answers plaintext Kafka but failed anyway: not a config error.
    assert isinstance(diagnose({**base, "bootstrap_servers": [broker]}, "x"), BrokerUnavailable)
    sasl = {**base, "bootstrap_servers": [broker], "security_protocol": "SASL_PLAINTEXT",
            "sasl_mechanism": "PLAIN", "sasl_plain_username": "svc", "sasl_plain_password": "pw-Zq8-secret"}  # fmt: skip
    refused = diagnose(sasl, "x")
    assert isinstance(refused, ConfigError) and "kafka.sasl_mechanism" in str(refused)
    assert "pw-Zq8-secret" not in str(refused) and "'svc'" in str(refused)


def test_a_listener_that_does_not_speak_plaintext_kafka_is_named() -> None:
    """A server that accepts connections but answers no plaintext Kafka request (as a TLS listener does)."""
    import socket
    import threading

    server = socket.create_server(("127.0.0.1", 0))
    port = server.getsockname()[1]

    def serve() -> None:
        for _ in range(3):
            try:
                conn, _ = server.accept()
                with conn:
                    conn.recv(1024)
                    conn.sendall(b"\x15\x03\x03\x00\x02\x02\x46")  # a TLS alert
            except OSError:
                return  # the test closed the socket, or the client hung up: the client is done

    threading.Thread(target=serve, daemon=True).start()
    try:
        error = diagnose({"bootstrap_servers": [f"127.0.0.1:{port}"], "request_timeout_ms": 1000}, "x")
    finally:
        server.close()
    assert isinstance(error, ConfigError)
    assert "kafka.security_protocol" in str(error) and "SSL or SASL_SSL" in str(error)


@pytest.mark.parametrize(
    ("sasl", "errors", "ends"),
    [
        (True, [SaslAuthenticationFailedError("refused")], True),
        (True, [KafkaConnectionError("socket disconnected")] * 2, True),
        (True, [KafkaConnectionError("socket disconnected")], False),  # one drop may be the network
        (
            True,
            [KafkaConnectionError("Connection refused")] * 3,
            False,
        ),  # nobody listening is no refused login
        (False, [KafkaConnectionError("socket disconnected")] * 3, False),  # no login to refuse
    ],
)
def test_the_refusal_watch_ends_the_wait(sasl: bool, errors: list[Exception], ends: bool) -> None:
    """kafka-python logs each failed bootstrap with its exception; the watch ends the wait on a refused login,
    and on the disconnections a refusal causes when kafka-python loses the broker's answer (see the flaky
    ``test_a_refused_login_ends_the_wait_at_once[apache_kafka_sasl_ssl]`` of 2026-11-30)."""
    watch = _AuthRefusals(sasl=sasl)
    with watch.watching():
        for error in errors:
            logging.getLogger(_MANAGER_LOGGER).warning(
                "Bootstrap connection to %s failed: %s", "bootstrap-0", error
            )
    assert watch.seen.is_set() is ends
    if ends:
        assert "SaslAuthenticationFailedError" in watch.cause
