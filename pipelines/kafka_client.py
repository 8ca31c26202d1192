"""Kafka clients that cannot hang: every connection is made within a deadline, and a failure says why.

kafka-python retries a bootstrap until its own timeout, and some misconfigurations never reach it: a client
set to ``security_protocol = SSL`` against a plaintext listener waits for a TLS handshake the broker never
starts. :func:`connect` therefore builds the client *and* fetches the cluster metadata in a watchdog thread
and gives up after :func:`deadline_seconds` — ``2 × kafka.request_timeout_ms + 5 s``. Once connected, each
later request is bounded by ``request_timeout_ms`` in the client itself.

When a connection fails or times out, :func:`diagnose` probes the bootstrap servers to tell the two cases
apart, since they call for different actions (a login the broker refuses ends the wait at once):

- nothing accepts a TCP connection → :class:`~pipelines.errors.BrokerUnavailable` (retryable; the CLI exits 75);
- the listener answers, but not the way the settings say it should (plaintext vs TLS, a certificate that does
  not verify, SASL refused) → :class:`~pipelines.errors.ConfigError` naming the setting (the CLI exits 1).

The probe uses only sockets, ``ssl`` and a Kafka ``ApiVersions`` v0 request, so it behaves the same on any
Kafka-protocol broker and whatever the kafka-python version.
"""

from __future__ import annotations

import contextlib
import logging
import socket
import ssl
import struct
import threading
import time
from collections.abc import Callable, Iterator
from typing import Any, TypeVar

from kafka.errors import KafkaConnectionError, KafkaError, SaslAuthenticationFailedError

from pipelines.errors import BrokerUnavailable, ClaimflowError, ConfigError

_T = TypeVar("_T")
_SSL_PROTOCOLS = ("SSL", "SASL_SSL")
_LOGIN_DROPS = 2  # disconnections during a SASL connect that count as a refused login
_MANAGER_LOGGER = "kafka.net.manager"  # kafka-python ≥ 3 logs failed connections (with the exception) here


def deadline_seconds(client_config: dict[str, Any]) -> float:
    """How long connecting may take before the command gives up: ``2 × request_timeout_ms + 5 s``."""
    return 2 * int(client_config.get("request_timeout_ms", 30_000)) / 1000 + 5


def client_options(client_config: dict[str, Any], client_class: type[Any]) -> dict[str, Any]:
    """``client_config`` with kafka-python's own bootstrap wait capped at ``request_timeout_ms``, where the
    client class has that setting (kafka-python ≥ 3; older versions reject unknown settings)."""
    options = dict(client_config)
    if "bootstrap_timeout_ms" in getattr(client_class, "DEFAULT_CONFIG", {}):
        options.setdefault("bootstrap_timeout_ms", int(options.get("request_timeout_ms", 30_000)))
    return options


def connect(factory: Callable[[], _T], probe: Callable[[_T], object], client_config: dict[str, Any]) -> _T:
    """``factory()`` then ``probe(client)`` (a metadata request), both within :func:`deadline_seconds`.

    Returns the connected client; raises :class:`BrokerUnavailable` or :class:`ConfigError` (see the module
    docstring). A client that is still stuck when the deadline passes is left to its daemon threads.
    """
    limit = deadline_seconds(client_config)
    outcome: dict[str, Any] = {}

    def attempt() -> None:
        try:
            client = factory()
            outcome["client"] = client
            probe(client)
            outcome["ok"] = True
        except BaseException as exc:  # handed to the caller's thread below
            outcome["error"] = exc

    refused = _AuthRefusals(sasl=str(client_config.get("security_protocol", "")).startswith("SASL"))
    worker = threading.Thread(target=attempt, name="claimflow-kafka-connect", daemon=True)
    with refused.watching():
        worker.start()
        deadline = time.monotonic() + limit
        while worker.is_alive() and not refused.seen.is_set() and time.monotonic() < deadline:
            worker.join(min(0.1, max(0.0, deadline - time.monotonic())))
    if refused.seen.is_set() and not outcome.get("ok"):
        raise diagnose(client_config, refused.cause)
    if outcome.get("ok"):
        client: _T = outcome["client"]
        return client
    error = outcome.get("error")
    if "client" in outcome and not worker.is_alive():
        _close_quietly(outcome["client"])
    if isinstance(error, ClaimflowError):
        raise error
    if error is not None and not isinstance(error, KafkaError | OSError | ssl.SSLError):
        raise error
    cause = (str(error) or type(error).__name__) if error is not None else f"no answer within {limit:.0f}s"
    raise diagnose(client_config, cause) from error


class _AuthRefusals(logging.Handler):
    """Sees the broker refuse SASL authentication while a client connects.

    kafka-python records a refused login (``SaslAuthenticationFailedError``) and then keeps retrying the
    bootstrap until its deadline, so a wrong password would take the whole :func:`deadline_seconds`. Its
    connection manager logs each failed bootstrap (warning) and connection (error) with the exception as an
    argument; this handler, on that logger for the duration of one :func:`connect`, ends the wait at the first
    refusal.

    A broker that refuses a login answers, then closes the connection (Apache Kafka after
    ``connection.failed.authentication.delay.ms``, 100 ms by default). When the client reads the answer and the
    close in one go — a loaded machine, TLS — kafka-python 3.0 drops the answer and reports only "socket
    disconnected". So with SASL configured, :data:`_LOGIN_DROPS` such disconnections while one connect waits also end the
    wait, with a cause saying what was seen."""

    def __init__(self, *, sasl: bool) -> None:
        super().__init__(logging.WARNING)
        self.seen = threading.Event()
        self.cause = ""
        self._sasl = sasl
        self._drops = 0

    def emit(self, record: logging.LogRecord) -> None:
        args = record.args if isinstance(record.args, tuple) else ()
        for arg in args:
            if isinstance(arg, SaslAuthenticationFailedError):
                self.cause = f"{type(arg).__name__}: the broker refused the login"
                self.seen.set()
            elif self._sasl and isinstance(arg, KafkaConnectionError) and "disconnected" in str(arg):
                self._drops += 1
                if self._drops >= _LOGIN_DROPS and not self.seen.is_set():
                    self.cause = (
                        f"the broker closed the connection during login {self._drops} times, as it does "
                        "after refusing one (SaslAuthenticationFailedError; kafka-python lost the broker's answer "
                        "when the close came with it)"
                    )
                    self.seen.set()

    @contextlib.contextmanager
    def watching(self) -> Iterator[None]:
        logger = logging.getLogger(_MANAGER_LOGGER)
        logger.addHandler(self)
        try:
            yield
        finally:
            logger.removeHandler(self)


def _close_quietly(client: Any) -> None:
    with contextlib.suppress(Exception):  # a client that failed to connect
        client.close()


def _servers(client_config: dict[str, Any]) -> list[tuple[str, int]]:
    servers = client_config.get("bootstrap_servers") or []
    if isinstance(servers, str):
        servers = servers.split(",")
    out = []
    for server in servers:
        host, _, port = str(server).strip().rpartition(":")
        out.append((host.strip("[]") or "localhost", int(port) if port.isdigit() else 9092))
    return out


def _api_versions_request(correlation_id: int = 0x5EC) -> bytes:
    client_id = b"claimflow-probe"
    body = struct.pack(">hhih", 18, 0, correlation_id, len(client_id)) + client_id
    return struct.pack(">i", len(body)) + body


def _answers_kafka(sock: socket.socket | ssl.SSLSocket, timeout: float) -> bool:
    """Send ApiVersions v0; True when a Kafka response with our correlation id comes back."""
    sock.settimeout(timeout)
    try:
        sock.sendall(_api_versions_request())
        header = sock.recv(8)
    except (OSError, ssl.SSLError):
        return False
    return len(header) == 8 and struct.unpack(">ii", header)[1] == 0x5EC


def _tls_context(client_config: dict[str, Any]) -> ssl.SSLContext:
    context = ssl.create_default_context(cafile=client_config.get("ssl_cafile"))
    if client_config.get("ssl_check_hostname") is False:
        context.check_hostname = False
    if client_config.get("ssl_certfile"):
        context.load_cert_chain(
            client_config["ssl_certfile"], client_config.get("ssl_keyfile"), client_config.get("ssl_password")
        )
    return context


def diagnose(client_config: dict[str, Any], cause: str) -> ClaimflowError:
    """Why a Kafka connection failed: an unreachable broker (retryable) or a wrong setting (terminal)."""
    protocol = str(client_config.get("security_protocol", "PLAINTEXT"))
    servers = _servers(client_config)
    listed = ",".join(f"{h}:{p}" for h, p in servers)
    timeout = min(5.0, max(1.0, int(client_config.get("request_timeout_ms", 30_000)) / 1000))
    reachable: list[tuple[str, int]] = []
    for host, port in servers:
        try:
            with socket.create_connection((host, port), timeout=timeout):
                reachable.append((host, port))
        except OSError:
            continue
    if not reachable:
        return BrokerUnavailable(
            f"no Kafka broker accepted a connection at {listed} (kafka.bootstrap_servers); "
            f"the client gave up with: {cause}"
        )
    host, port = reachable[0]
    with socket.create_connection((host, port), timeout=timeout) as sock:
        plaintext = _answers_kafka(sock, timeout)
    if protocol in _SSL_PROTOCOLS and plaintext:
        return ConfigError(
            "kafka.security_protocol",
            protocol,
            f"{'SASL_PLAINTEXT' if protocol == 'SASL_SSL' else 'PLAINTEXT'} for the listener at {host}:{port}, "
            "which answers plaintext Kafka requests (or set kafka.bootstrap_servers to the broker's TLS listener)",
        )
    if protocol not in _SSL_PROTOCOLS and not plaintext:
        return ConfigError(
            "kafka.security_protocol",
            protocol,
            f"SSL or SASL_SSL for the listener at {host}:{port}, which accepts connections but does not answer "
            "plaintext Kafka requests (a TLS listener?), or a plaintext listener in kafka.bootstrap_servers",
        )
    if protocol in _SSL_PROTOCOLS:
        try:
            context = _tls_context(client_config)
            with (
                socket.create_connection((host, port), timeout=timeout) as raw,
                context.wrap_socket(raw, server_hostname=host) as tls,
            ):
                tls_ok = _answers_kafka(tls, timeout)
        except ssl.SSLError as exc:
            return ConfigError(
                "kafka.ssl_cafile / ssl_certfile / ssl_keyfile / ssl_password",
                f"files that fail the TLS handshake with {host}:{port} ({exc.reason or type(exc).__name__})",
                "a CA bundle that verifies the broker's certificate, and the client certificate and key it expects",
            )
        except OSError as exc:
            return ConfigError(
                "kafka.ssl_cafile / ssl_certfile / ssl_keyfile",
                f"files that cannot be read ({type(exc).__name__})",
                "readable PEM files",
            )
        if not tls_ok:
            return BrokerUnavailable(
                f"the TLS listener at {host}:{port} accepted a handshake but answered no Kafka request: {cause}"
            )
    if protocol.startswith("SASL"):
        who = f"{client_config.get('sasl_mechanism')} as {client_config.get('sasl_plain_username')!r}"
        return ConfigError(
            "kafka.sasl_mechanism / sasl_username / sasl_password",
            who,
            f"a mechanism and credentials the broker at {host}:{port} accepts, or a security_protocol without "
            f"SASL if that listener takes none (it answers Kafka requests; the client failed with: {cause})",
        )
    return BrokerUnavailable(
        f"the broker at {host}:{port} answers Kafka requests but the client could not finish connecting to "
        f"{listed} (kafka.bootstrap_servers; are the advertised listeners reachable from here?): {cause}"
    )


def wait_for_partitions(consumer: Any, topic: str, *, wait_s: float, servers: object) -> list[int]:
    """The partitions of ``topic``, sorted; waits up to ``wait_s`` for them, since kafka-python answers an empty
    set when its metadata request times out (as on a loaded machine) or the topic is still being created.
    Raises :class:`BrokerUnavailable` naming the topic when none show up: an absent topic is not an empty one."""
    deadline = time.monotonic() + wait_s
    while True:
        partitions = consumer.partitions_for_topic(topic)
        if partitions:
            return sorted(partitions)
        if time.monotonic() >= deadline:
            raise BrokerUnavailable(
                f"topic {topic!r}: no partitions visible at {servers} after {wait_s:.0f}s; allowed: an existing "
                "topic (`claimflow topics` creates them) on a broker that answers metadata requests"
            )
        time.sleep(min(1.0, max(0.0, deadline - time.monotonic())))
