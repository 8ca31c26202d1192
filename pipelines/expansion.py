"""Beam's Java expansion service for ``--kafka-io xlang``: the address of a running one, or one claimflow starts.

``kafka.expansion_service = "host:port"`` names a service the user runs. Otherwise claimflow starts one itself
from ``kafka.expansion_classpath`` (a directory of jars, as ``make expansion-jars`` fetches into
``infra/expansion/jars/lib``, or a ``java -cp`` class path)::

    java -cp <classpath> org.apache.beam.sdk.expansion.service.ExpansionService <port> --alsoStartLoopbackWorker

``--alsoStartLoopbackWorker`` makes the same JVM a Java SDK worker pool (an EXTERNAL environment), so the
expanded KafkaIO steps run without Docker on the local runner. That worker pool serves one job only: Beam
2.62's harness shuts down an executor the pool shares, so a second job's Java worker fails to start
(``RejectedExecutionException`` in ``ExecutionStateSampler``) and the job waits forever. So claimflow starts a
fresh service for each bounded run (:func:`started_expansion_service`); a streaming job keeps its own until
this process exits.
"""

from __future__ import annotations

import atexit
import contextlib
import os
import shutil
import socket
import subprocess
import tempfile
import time
from collections.abc import Iterator
from dataclasses import replace
from pathlib import Path

from pipelines.broker import free_port
from pipelines.config import KafkaSettings
from pipelines.errors import ConfigError, ExpansionServiceUnavailable

MAIN_CLASS = "org.apache.beam.sdk.expansion.service.ExpansionService"
_started: dict[str, tuple[subprocess.Popen[bytes], str]] = {}


def class_path(setting: str) -> str:
    """``kafka.expansion_classpath`` as a ``java -cp`` value: a directory becomes ``DIR/*``."""
    path = Path(setting).expanduser()
    if path.is_dir():
        if not any(path.glob("beam-sdks-java-expansion-service-*.jar")):
            raise ConfigError(
                "kafka.expansion_classpath",
                f"{setting} (a directory without a beam-sdks-java-expansion-service jar)",
                "the directory `make expansion-jars` fills (infra/expansion/jars/lib) or a java class path",
            )
        return f"{path}/*"
    return setting


def _answers(address: str) -> bool:
    host, _, port = address.rpartition(":")
    with socket.socket() as probe:
        probe.settimeout(0.5)
        return probe.connect_ex((host, int(port))) == 0


@contextlib.contextmanager
def started_expansion_service(kafka: KafkaSettings) -> Iterator[KafkaSettings]:
    """``kafka`` with ``expansion_service`` set: the configured one, or a fresh one from the class path that
    is stopped when the block ends."""
    if kafka.expansion_service:
        yield kafka
        return
    address = expansion_address(kafka)
    try:
        yield replace(kafka, expansion_service=address)
    finally:
        running = _started.pop(class_path(kafka.expansion_classpath or ""), None)
        if running is not None:
            _stop(running[0])


def expansion_address(kafka: KafkaSettings, *, timeout: float = 120.0) -> str:
    """host:port of the expansion service to use: the configured one, or one started from the class path
    (kept, while it runs, for the rest of this process)."""
    if kafka.expansion_service:
        return kafka.expansion_service
    if not kafka.expansion_classpath:
        raise ConfigError(
            "kafka.expansion_classpath",
            None,
            "with --kafka-io xlang, kafka.expansion_service = host:port of a running Java expansion service, or "
            "kafka.expansion_classpath = the jars `make expansion-jars` fetches (infra/expansion/jars/lib), "
            "from which claimflow starts one",
        )
    cp = class_path(kafka.expansion_classpath)
    running = _started.get(cp)
    if running is not None and running[0].poll() is None:
        return running[1]
    if shutil.which("java") is None:
        raise ExpansionServiceUnavailable(
            "--kafka-io xlang: claimflow starts the expansion service with `java`, which is not on PATH; "
            "allowed: a Java 11+ runtime on PATH, or kafka.expansion_service = host:port of a running service"
        )
    address = f"localhost:{free_port()}"
    log = Path(tempfile.gettempdir()) / f"claimflow-expansion-{os.getpid()}-{address.rpartition(':')[2]}.log"
    with open(log, "ab") as out:
        proc = subprocess.Popen(
            ["java", "-XX:+UseSerialGC", "-cp", cp, MAIN_CLASS, address.rpartition(":")[2],
             "--alsoStartLoopbackWorker"],
            stdout=out, stderr=subprocess.STDOUT, stdin=subprocess.DEVNULL, start_new_session=True,
        )  # fmt: skip
    atexit.register(_stop, proc)
    deadline = time.monotonic() + timeout
    while not _answers(address):
        if proc.poll() is not None:
            raise ExpansionServiceUnavailable(
                f"--kafka-io xlang: the expansion service started from kafka.expansion_classpath exited with "
                f"status {proc.returncode}; see {log}"
            )
        if time.monotonic() > deadline:
            _stop(proc)
            raise ExpansionServiceUnavailable(
                f"--kafka-io xlang: the expansion service did not listen on {address} within {timeout:.0f}s; "
                f"see {log}"
            )
        time.sleep(0.25)
    _started[cp] = (proc, address)
    return address


def _stop(proc: subprocess.Popen[bytes]) -> None:
    if proc.poll() is not None:
        return
    with contextlib.suppress(ProcessLookupError):
        os.killpg(proc.pid, 15)
    try:
        proc.wait(timeout=15)
    except subprocess.TimeoutExpired:
        with contextlib.suppress(ProcessLookupError):
            os.killpg(proc.pid, 9)
        proc.wait()


def stop_started() -> None:
    """Stop the expansion services this process started (tests; the interpreter's exit does it otherwise)."""
    for proc, _ in list(_started.values()):
        _stop(proc)
    _started.clear()
