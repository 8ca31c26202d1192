"""Beam's Flink job server (``FlinkJobServerDriver``) on an embedded Flink 1.19 cluster, for the `flink` tier.

The classpath comes from Maven Central through ``infra/flink/jars/pom.xml`` (``make flink-jars``) into
``infra/flink/jars/lib``: Maven Central serves no shaded ``beam-runners-flink-1.19-job-server`` jar at the
pinned Beam version, only the runner's jar with its dependencies (Flink 1.19.0 among them). The driver runs
with ``--flink-master=[local]``: each submitted job gets a Flink mini-cluster (JobManager and TaskManager in the
driver's JVM), so killing the driver kills the whole Flink cluster. :func:`missing` says in one line what this
machine lacks, for a skip.
"""

from __future__ import annotations

import contextlib
import os
import shutil
import signal
import socket
import subprocess
import time
from pathlib import Path
from types import TracebackType

ROOT = Path(__file__).resolve().parents[1]
JARS = ROOT / "infra" / "flink" / "jars" / "lib"
DRIVER = "org.apache.beam.runners.flink.FlinkJobServerDriver"


def missing() -> str | None:
    """None when the Flink job server can be started here, else what is missing (one line)."""
    if shutil.which("java") is None:
        return "Flink tests need Java 11+ (java on PATH)"
    if not any(JARS.glob("beam-runners-flink-1.19-*.jar")):
        hint = "make flink-jars" if shutil.which("mvn") else "Maven (mvn), then make flink-jars"
        return f"Flink tests need the job server's jars in {JARS.relative_to(ROOT)}: run {hint}"
    return None


def _free_port() -> int:
    with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as sock:
        sock.bind(("127.0.0.1", 0))
        port: int = sock.getsockname()[1]
        return port


class FlinkJobServer:
    """Start ``FlinkJobServerDriver --flink-master=[local]`` on free ports, wait until its job service
    listens; stop (or :meth:`kill`) on exit."""

    def __init__(self, workdir: Path) -> None:
        self.workdir = workdir
        self.job_port, self.artifact_port = _free_port(), _free_port()
        self.log_path = workdir / "job-server.log"
        self._proc: subprocess.Popen[bytes] | None = None

    @property
    def endpoint(self) -> str:
        return f"localhost:{self.job_port}"

    def command(self) -> list[str]:
        return [
            "java",
            "-Xmx1g",
            "-XX:+UseSerialGC",
            "-Dorg.slf4j.simpleLogger.defaultLogLevel=warn",
            "-Dorg.slf4j.simpleLogger.log.org.apache.beam.runners.jobsubmission=info",
            "-cp",
            f"{JARS}/*",
            DRIVER,
            "--flink-master=[local]",
            f"--job-port={self.job_port}",
            f"--artifact-port={self.artifact_port}",
            "--expansion-port=-1",  # no Java expansion service: the tier uses claimflow's Python reader
            f"--artifacts-dir={self.workdir / 'artifacts'}",
        ]

    def start(self, timeout: float = 180.0) -> FlinkJobServer:
        self.workdir.mkdir(parents=True, exist_ok=True)
        log = open(self.log_path, "ab")  # noqa: SIM115
        self._proc = subprocess.Popen(
            self.command(), stdout=log, stderr=subprocess.STDOUT, start_new_session=True
        )
        log.close()
        deadline = time.monotonic() + timeout
        while time.monotonic() < deadline:
            if self._proc.poll() is not None:
                raise RuntimeError(
                    f"the Flink job server exited ({self._proc.returncode}): {self.log_tail()}"
                )
            with socket.socket() as probe:
                probe.settimeout(0.5)
                if probe.connect_ex(("127.0.0.1", self.job_port)) == 0:
                    return self
            time.sleep(0.25)
        self.kill()
        raise RuntimeError(f"the Flink job server did not listen within {timeout:.0f}s: {self.log_tail()}")

    def log_tail(self, chars: int = 3000) -> str:
        text = self.log_path.read_text("utf-8", errors="replace") if self.log_path.exists() else ""
        return text[-chars:]

    def kill(self) -> None:
        """SIGKILL: the job server and the Flink cluster inside it die at once, as on a crashed machine."""
        self._signal(signal.SIGKILL)

    def stop(self) -> None:
        self._signal(signal.SIGTERM)

    def _signal(self, sig: int) -> None:
        if self._proc is None:
            return
        with contextlib.suppress(ProcessLookupError):
            os.killpg(self._proc.pid, sig)
        try:
            self._proc.wait(timeout=30)
        except subprocess.TimeoutExpired:
            with contextlib.suppress(ProcessLookupError):
                os.killpg(self._proc.pid, signal.SIGKILL)
            self._proc.wait()
        self._proc = None

    def __enter__(self) -> FlinkJobServer:
        return self.start()

    def __exit__(
        self, exc_type: type[BaseException] | None, exc: BaseException | None, tb: TracebackType | None
    ) -> None:
        self.stop()
