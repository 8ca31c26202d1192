"""A real single-node Apache Kafka 4 (KRaft, combined broker and controller) for tests.

The jars come from Maven Central through ``infra/kafka/jars/pom.xml`` (``make kafka-jars``) into
``infra/kafka/jars/lib``. One broker process serves two client listeners: PLAINTEXT and SASL_SSL
(SCRAM-SHA-512 over TLS with a self-signed certificate generated per run with ``keytool``). The controller
listener is internal. :func:`missing` says in one line what this machine lacks, for a skip.
"""

from __future__ import annotations

import base64
import contextlib
import os
import secrets
import shutil
import socket
import subprocess
import time
import uuid
from dataclasses import dataclass
from pathlib import Path
from types import TracebackType
from typing import Any

from pipelines.broker import free_port

ROOT = Path(__file__).resolve().parents[1]
JARS = ROOT / "infra" / "kafka" / "jars" / "lib"
SASL_USER = "claimflow"
_MECHANISM = "SCRAM-SHA-512"


def missing() -> str | None:
    """None when an Apache Kafka broker can be started here, else what is missing (one line)."""
    if shutil.which("java") is None or shutil.which("keytool") is None:
        return "Apache Kafka tests need Java 17+ (java and keytool on PATH)"
    if not any(JARS.glob("kafka_2.13-*.jar")):
        hint = "make kafka-jars" if shutil.which("mvn") else "Maven (mvn), then make kafka-jars"
        return f"Apache Kafka tests need the broker jars in {JARS.relative_to(ROOT)}: run {hint}"
    return None


@dataclass(frozen=True)
class Listener:
    """How a client reaches one listener: ``KafkaSettings`` field values (password included)."""

    bootstrap_servers: str
    security: dict[str, Any]


class ApacheKafka:
    """Format a KRaft log directory, start ``kafka.Kafka``, wait until it serves metadata; stop on exit."""

    def __init__(self, workdir: Path) -> None:
        self.workdir = workdir
        self.plain_port, self.sasl_port, self.controller_port = free_port(), free_port(), free_port()
        self.password = secrets.token_urlsafe(16)
        self._store_password = secrets.token_urlsafe(16)
        self.log_path = workdir / "broker.log"
        self._proc: subprocess.Popen[bytes] | None = None

    @property
    def plaintext(self) -> Listener:
        return Listener(f"127.0.0.1:{self.plain_port}", {"security_protocol": "PLAINTEXT"})

    @property
    def sasl_ssl(self) -> Listener:
        return Listener(
            f"127.0.0.1:{self.sasl_port}",
            {
                "security_protocol": "SASL_SSL",
                "sasl_mechanism": _MECHANISM,
                "sasl_username": SASL_USER,
                "sasl_password": self.password,
                "ssl_cafile": str(self.workdir / "ca.pem"),
            },
        )

    def _java(self, main: str, *args: str) -> list[str]:
        return [
            "java",
            "-Xmx512m",
            "-XX:+UseSerialGC",
            "-cp",
            f"{JARS}/*",
            f"-Dlog4j2.configurationFile={self.workdir / 'log4j2.properties'}",
            main,
            *args,
        ]

    def _certificate(self) -> None:
        store = self.workdir / "broker.p12"
        subprocess.run(
            ["keytool", "-genkeypair", "-alias", "broker", "-keyalg", "RSA", "-keysize", "2048",
             "-dname", "CN=127.0.0.1", "-ext", "SAN=IP:127.0.0.1,DNS:localhost", "-validity", "2",
             "-keystore", str(store), "-storetype", "PKCS12",
             "-storepass", self._store_password, "-keypass", self._store_password],
            check=True, capture_output=True,
        )  # fmt: skip
        subprocess.run(
            ["keytool", "-exportcert", "-rfc", "-alias", "broker", "-keystore", str(store),
             "-storepass", self._store_password, "-file", str(self.workdir / "ca.pem")],
            check=True, capture_output=True,
        )  # fmt: skip

    def _properties(self) -> Path:
        store = self.workdir / "broker.p12"
        props = {
            "process.roles": "broker,controller",
            "node.id": "1",
            "controller.quorum.bootstrap.servers": f"127.0.0.1:{self.controller_port}",
            "listeners": f"PLAINTEXT://127.0.0.1:{self.plain_port},SASL_SSL://127.0.0.1:{self.sasl_port},"
            f"CONTROLLER://127.0.0.1:{self.controller_port}",
            "advertised.listeners": f"PLAINTEXT://127.0.0.1:{self.plain_port},SASL_SSL://127.0.0.1:{self.sasl_port}",
            "controller.listener.names": "CONTROLLER",
            "inter.broker.listener.name": "PLAINTEXT",
            "listener.security.protocol.map": "PLAINTEXT:PLAINTEXT,SASL_SSL:SASL_SSL,CONTROLLER:PLAINTEXT",
            "sasl.enabled.mechanisms": _MECHANISM,
            "listener.name.sasl_ssl.scram-sha-512.sasl.jaas.config": (
                "org.apache.kafka.common.security.scram.ScramLoginModule required;"
            ),
            "ssl.keystore.location": str(store),
            "ssl.keystore.type": "PKCS12",
            "ssl.keystore.password": self._store_password,
            "ssl.key.password": self._store_password,
            "log.dirs": str(self.workdir / "data"),
            # The tests' records are stamped in January 2025: the default 7-day retention deleted them at the
            # broker's retention checks (30 s after it starts, then every 5 min), and a test reading them then
            # read nothing.
            "log.retention.ms": "-1",
            "num.partitions": "1",
            "offsets.topic.replication.factor": "1",
            "offsets.topic.num.partitions": "4",
            "transaction.state.log.replication.factor": "1",
            "transaction.state.log.min.isr": "1",
            "share.coordinator.state.topic.replication.factor": "1",
            "share.coordinator.state.topic.min.isr": "1",
            "group.initial.rebalance.delay.ms": "0",
            "message.max.bytes": "1100000",
        }
        path = self.workdir / "server.properties"
        path.write_text("".join(f"{k}={v}\n" for k, v in props.items()), "utf-8")
        (self.workdir / "log4j2.properties").write_text(
            "rootLogger.level = WARN\nrootLogger.appenderRef.out.ref = OUT\n"
            "appender.out.type = Console\nappender.out.name = OUT\n"
            "appender.out.layout.type = PatternLayout\nappender.out.layout.pattern = [%d] %p %m (%c)%n\n"
            "logger.started.name = kafka.server.KafkaRaftServer\nlogger.started.level = INFO\n",
            "utf-8",
        )
        return path

    def start(self, timeout: float = 120.0) -> ApacheKafka:
        self.workdir.mkdir(parents=True, exist_ok=True)
        self._certificate()
        props = self._properties()
        cluster_id = (
            base64.urlsafe_b64encode(uuid.uuid4().bytes).rstrip(b"=").decode()
        )  # may start with "-": passed as --cluster-id=<id>
        fmt = subprocess.run(
            self._java("kafka.tools.StorageTool", "format", "--standalone", f"--cluster-id={cluster_id}", "-c", str(props),
                       "--add-scram", f"{_MECHANISM}=[name={SASL_USER},password={self.password}]"),
            capture_output=True, text=True,
        )  # fmt: skip
        if fmt.returncode != 0:
            raise RuntimeError(f"kafka-storage format failed: {fmt.stdout}{fmt.stderr}")
        log = open(self.log_path, "ab")  # noqa: SIM115
        self._proc = subprocess.Popen(
            self._java("kafka.Kafka", str(props)),
            stdout=log,
            stderr=subprocess.STDOUT,
            start_new_session=True,
        )
        log.close()
        try:
            self._wait_ready(timeout)
        except BaseException:
            self.stop()
            raise
        return self

    def _wait_ready(self, timeout: float) -> None:
        from kafka import KafkaAdminClient
        from kafka.errors import KafkaError

        deadline = time.monotonic() + timeout
        last: Exception | None = None
        while time.monotonic() < deadline:
            assert self._proc is not None
            if self._proc.poll() is not None:
                raise RuntimeError(f"the Kafka broker exited ({self._proc.returncode}); see {self.log_path}")
            with socket.socket() as probe:
                probe.settimeout(0.5)
                if probe.connect_ex(("127.0.0.1", self.plain_port)) != 0:
                    time.sleep(0.25)
                    continue
            try:
                admin = KafkaAdminClient(
                    bootstrap_servers=self.plaintext.bootstrap_servers, request_timeout_ms=5000
                )
                try:
                    if admin.describe_cluster().get("brokers"):
                        return
                finally:
                    admin.close()
            except (KafkaError, OSError) as exc:
                last = exc
            time.sleep(0.5)
        raise RuntimeError(
            f"the Kafka broker did not serve metadata within {timeout:.0f}s ({last}); see {self.log_path}"
        )

    def stop(self) -> None:
        if self._proc is None:
            return
        with contextlib.suppress(ProcessLookupError):
            os.killpg(self._proc.pid, 15)
        try:
            self._proc.wait(timeout=30)
        except subprocess.TimeoutExpired:
            with contextlib.suppress(ProcessLookupError):
                os.killpg(self._proc.pid, 9)
            self._proc.wait()
        self._proc = None

    def __enter__(self) -> ApacheKafka:
        return self.start()

    def __exit__(
        self, exc_type: type[BaseException] | None, exc: BaseException | None, tb: TracebackType | None
    ) -> None:
        self.stop()
