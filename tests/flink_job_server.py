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

from pipelines.broker import free_port

ROOT = Path(__file__).resolve().parents[1]
JARS = ROOT / "infra" / "flink" / "jars" / "lib"
DRIVER = "org.apache.beam.runners.flink.FlinkJobServerDriver"


# What Flink 1.19's own scripts pass to its JVMs on Java 17 (env.java.opts.all in the distribution's
# config.yaml): the embedded cluster runs Flink's code in the job server's JVM, so it gets the same.
JAVA_17_OPENS = [
    *(f"--add-exports={m}=ALL-UNNAMED" for m in (
        "java.base/sun.net.util", "java.rmi/sun.rmi.registry", "jdk.compiler/com.sun.tools.javac.api",
        "jdk.compiler/com.sun.tools.javac.file", "jdk.compiler/com.sun.tools.javac.parser",
        "jdk.compiler/com.sun.tools.javac.tree", "jdk.compiler/com.sun.tools.javac.util",
        "java.security.jgss/sun.security.krb5",
    )),
    *(f"--add-opens=java.base/{p}=ALL-UNNAMED" for p in (
        "java.lang", "java.net", "java.io", "java.nio", "sun.nio.ch", "java.lang.reflect", "java.text",
        "java.time", "java.util", "java.util.concurrent", "java.util.concurrent.atomic",
        "java.util.concurrent.locks",
    )),
]  # fmt: skip


def missing() -> str | None:
    """None when the Flink job server can be started here, else what is missing (one line)."""
    if shutil.which("java") is None:
        return "Flink tests need Java 11+ (java on PATH)"
    if not any(JARS.glob("beam-runners-flink-1.19-*.jar")):
        hint = "make flink-jars" if shutil.which("mvn") else "Maven (mvn), then make flink-jars"
        return f"Flink tests need the job server's jars in {JARS.relative_to(ROOT)}: run {hint}"
    return None


class FlinkJobServer:
    """Start ``FlinkJobServerDriver`` on free ports, wait until its job service listens; stop (or
    :meth:`kill`) on exit. ``master`` is ``[local]`` (an embedded Flink cluster per job) or the REST address
    ``host:port`` of a Flink cluster."""

    def __init__(self, workdir: Path, master: str = "[local]") -> None:
        self.workdir = workdir
        self.master = master
        self.job_port, self.artifact_port = free_port(), free_port()
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
            *JAVA_17_OPENS,
            f"-Djava.io.tmpdir={self.workdir / 'tmp'}",  # its embedded cluster's working dirs: see FlinkCluster
            "-Dorg.slf4j.simpleLogger.defaultLogLevel=warn",
            "-Dorg.slf4j.simpleLogger.log.org.apache.beam.runners.jobsubmission=info",
            "-Dorg.slf4j.simpleLogger.log.org.apache.flink.metrics.MetricGroup=error",  # long operator names
            "-cp",
            f"{JARS}/*",
            DRIVER,
            f"--flink-master={self.master}",
            f"--job-port={self.job_port}",
            f"--artifact-port={self.artifact_port}",
            "--expansion-port=-1",  # no Java expansion service: the tier uses claimflow's Python reader
            f"--artifacts-dir={self.workdir / 'artifacts'}",
        ]

    def start(self, timeout: float = 180.0) -> FlinkJobServer:
        (self.workdir / "tmp").mkdir(parents=True, exist_ok=True)
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


# The Flink distribution from PyPI (apache-flink + apache-flink-libraries); its minor is the runner's.
FLINK_VERSION = "1.19.3"
FLINK_HOME = ROOT / ".cache" / f"flink-{FLINK_VERSION}" / "pyflink"


def missing_cluster() -> str | None:
    """None when a standalone Flink cluster can be started here, else what is missing (one line)."""
    lack = missing()
    if lack is not None:
        return lack
    if not (FLINK_HOME / "bin" / "jobmanager.sh").is_file():
        return f"the standalone Flink tests need Flink {FLINK_VERSION} in {FLINK_HOME.relative_to(ROOT)}: run make flink"
    return None


class FlinkCluster:
    """A standalone Flink session cluster from the PyPI distribution: one JobManager and TaskManagers started
    with ``jobmanager.sh``/``taskmanager.sh start-foreground`` on free ports, each in its own process group, so
    a test can kill one TaskManager and start another."""

    def __init__(self, workdir: Path, *, slots: int = 2) -> None:
        self.workdir = workdir
        self.rest_port, self.rpc_port = free_port(), free_port()
        self.slots = slots
        self._jobmanager: subprocess.Popen[bytes] | None = None
        self.taskmanagers: list[subprocess.Popen[bytes]] = []

    @property
    def master(self) -> str:
        return f"localhost:{self.rest_port}"

    def _conf_dir(self) -> Path:
        conf = self.workdir / "conf"
        if conf.exists():
            return conf
        shutil.copytree(FLINK_HOME / "conf", conf)
        text = (FLINK_HOME / "conf" / "config.yaml").read_text("utf-8")
        java_opts = next(line.split("all:", 1)[1].strip() for line in text.splitlines() if " all: " in line)
        settings = {
            "env.java.opts.all": java_opts,  # the distribution's --add-opens for Java 17
            "jobmanager.rpc.address": "localhost",
            "jobmanager.rpc.port": str(self.rpc_port),
            "jobmanager.bind-host": "localhost",
            "jobmanager.memory.process.size": "1024m",
            "taskmanager.bind-host": "localhost",
            "taskmanager.host": "localhost",
            "taskmanager.numberOfTaskSlots": str(self.slots),
            "taskmanager.memory.process.size": "1536m",
            "rest.address": "localhost",
            "rest.bind-address": "localhost",
            "rest.port": str(self.rest_port),
            # the first restart after a lost TaskManager waits for a new one; keep trying
            "restart-strategy.type": "fixed-delay",
            "restart-strategy.fixed-delay.attempts": "1000",
            "restart-strategy.fixed-delay.delay": "2 s",
            "heartbeat.timeout": "10000",
            "heartbeat.interval": "2000",
            # the TaskManagers' working directories (about 150 MB each; a killed one never removes its own) under
            # the test's directory, which pytest prunes, not in /tmp: 87 of them once filled this machine's disk
            "io.tmp.dirs": str(self.workdir / "tmp"),
        }
        (conf / "config.yaml").write_text("".join(f"{k}: {v}\n" for k, v in settings.items()), "utf-8")
        return conf

    def _spawn(self, script: str, name: str) -> subprocess.Popen[bytes]:
        env = dict(os.environ, FLINK_CONF_DIR=str(self._conf_dir()), FLINK_LOG_DIR=str(self.workdir / "log"))
        (self.workdir / "log").mkdir(parents=True, exist_ok=True)
        log = open(self.workdir / f"{name}.out", "ab")  # noqa: SIM115
        proc = subprocess.Popen(
            ["bash", str(FLINK_HOME / "bin" / script), "start-foreground"],
            stdout=log, stderr=subprocess.STDOUT, start_new_session=True, env=env,
        )  # fmt: skip
        log.close()
        return proc

    def start(self, timeout: float = 180.0) -> FlinkCluster:
        import json
        import urllib.request

        (self.workdir / "tmp").mkdir(parents=True, exist_ok=True)
        self._jobmanager = self._spawn("jobmanager.sh", "jobmanager")
        self.start_taskmanager()
        deadline = time.monotonic() + timeout
        while time.monotonic() < deadline:
            if self._jobmanager.poll() is not None:
                raise RuntimeError(f"the Flink JobManager exited: {self.log_tail()}")
            try:
                with urllib.request.urlopen(f"http://{self.master}/overview", timeout=2) as answer:
                    if json.load(answer).get("slots-available", 0) >= self.slots:
                        return self
            except OSError:
                pass
            time.sleep(0.5)
        self.stop()
        raise RuntimeError(f"the Flink cluster had no free slots within {timeout:.0f}s: {self.log_tail()}")

    def start_taskmanager(self) -> None:
        self.taskmanagers.append(self._spawn("taskmanager.sh", f"taskmanager-{len(self.taskmanagers)}"))

    def kill(self) -> None:
        """SIGKILL every TaskManager and the JobManager at once."""
        for proc in [*self.taskmanagers, *([self._jobmanager] if self._jobmanager else [])]:
            _kill_group(proc, signal.SIGKILL)
        self.taskmanagers, self._jobmanager = [], None

    def kill_taskmanager(self) -> None:
        """SIGKILL the newest TaskManager, as on a crashed machine."""
        _kill_group(self.taskmanagers.pop(), signal.SIGKILL)

    def log_tail(self, chars: int = 3000) -> str:
        logs = sorted((self.workdir / "log").glob("*.log")) if (self.workdir / "log").exists() else []
        return "\n".join(f"{p.name}: {p.read_text('utf-8', errors='replace')[-chars:]}" for p in logs)

    def stop(self) -> None:
        for proc in [*self.taskmanagers, *([self._jobmanager] if self._jobmanager else [])]:
            _kill_group(proc, signal.SIGTERM)
        self.taskmanagers, self._jobmanager = [], None

    def __enter__(self) -> FlinkCluster:
        return self.start()

    def __exit__(
        self, exc_type: type[BaseException] | None, exc: BaseException | None, tb: TracebackType | None
    ) -> None:
        self.stop()


def _kill_group(proc: subprocess.Popen[bytes], sig: int) -> None:
    with contextlib.suppress(ProcessLookupError):
        os.killpg(proc.pid, sig)
    try:
        proc.wait(timeout=30)
    except subprocess.TimeoutExpired:
        with contextlib.suppress(ProcessLookupError):
            os.killpg(proc.pid, signal.SIGKILL)
        proc.wait()
