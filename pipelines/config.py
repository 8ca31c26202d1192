"""claimflow's settings: typed, documented defaults in one place.

Precedence, lowest to highest: the defaults below → a TOML file (``--config``, ``$CLAIMFLOW_CONFIG`` or
``./claimflow.toml``) → environment variables ``CLAIMFLOW_<SECTION>__<KEY>`` (e.g.
``CLAIMFLOW_KAFKA__BOOTSTRAP_SERVERS``) → command-line flags. Secrets (``kafka.sasl_password``,
``kafka.ssl_password``) are read from the file or the environment, never from a flag, and are masked
whenever the configuration is printed.
"""

from __future__ import annotations

import difflib
import os
import tomllib
from collections.abc import Iterable
from dataclasses import asdict, dataclass, field, fields, replace
from pathlib import Path
from typing import Any, TypeVar

from pipelines.errors import ConfigError

SECRET_KEYS = frozenset({"sasl_password", "ssl_password"})
_ENV_PREFIX = "CLAIMFLOW_"


class Secret:
    """A password: ``repr``/``str`` show ``***``; :meth:`reveal` hands the value to the Kafka client only."""

    __slots__ = ("_value",)

    def __init__(self, value: str) -> None:
        self._value = value

    def reveal(self) -> str:
        return self._value

    def __repr__(self) -> str:
        return "Secret('***')"

    def __str__(self) -> str:
        return "***"

    def __eq__(self, other: object) -> bool:
        return isinstance(other, Secret) and other._value == self._value

    def __hash__(self) -> int:
        return hash((Secret, self._value))

    def __reduce__(self) -> tuple[Any, ...]:
        return (Secret, (self._value,))


def _reveal(value: Secret | None) -> str | None:
    return value.reveal() if value is not None else None


def _doc(text: str) -> dict[str, str]:
    return {"doc": text}


@dataclass(frozen=True)
class KafkaSettings:
    bootstrap_servers: str = field(default="127.0.0.1:9092", metadata=_doc("Comma-separated host:port list."))
    raw_topic: str = field(default="articles.raw", metadata=_doc("Topic of raw articles."))
    rejected_topic: str = field(
        default="articles.rejected", metadata=_doc("Topic of records rejected at publish time.")
    )
    group_id: str = field(default="claimflow", metadata=_doc("Consumer group whose offsets mark progress."))
    client_id: str = field(default="claimflow", metadata=_doc("Kafka client id."))
    security_protocol: str = field(
        default="PLAINTEXT", metadata=_doc("PLAINTEXT, SSL, SASL_PLAINTEXT or SASL_SSL.")
    )
    sasl_mechanism: str | None = field(default=None, metadata=_doc("PLAIN, SCRAM-SHA-256 or SCRAM-SHA-512."))
    sasl_username: str | None = field(default=None, metadata=_doc("SASL user name."))
    sasl_password: Secret | None = field(
        default=None, metadata=_doc("SASL password (file or env only; masked).")
    )
    ssl_cafile: str | None = field(default=None, metadata=_doc("CA bundle for SSL."))
    ssl_certfile: str | None = field(default=None, metadata=_doc("Client certificate for SSL."))
    ssl_keyfile: str | None = field(default=None, metadata=_doc("Client key for SSL."))
    ssl_password: Secret | None = field(default=None, metadata=_doc("Password of the SSL key (masked)."))
    max_message_bytes: int = field(
        default=1_000_000, metadata=_doc("Largest record value publish sends; larger ones are rejected.")
    )
    poll_timeout_ms: int = field(default=1000, metadata=_doc("Consumer poll timeout."))
    io: str = field(
        default="python",
        metadata=_doc(
            "'python' (claimflow's SDF over kafka-python) or 'xlang' (Beam's Java KafkaIO through an "
            "expansion service; bounded runs only from committed/earliest to end)."
        ),
    )
    expansion_service: str | None = field(
        default=None, metadata=_doc("host:port of a running Java expansion service for --kafka-io xlang.")
    )
    expansion_classpath: str | None = field(
        default=None,
        metadata=_doc(
            "Jars (a directory, e.g. infra/expansion/jars/lib from `make expansion-jars`, or a java class path) "
            "from which claimflow starts an expansion service with a Java worker for --kafka-io xlang, when "
            "expansion_service is unset."
        ),
    )
    request_timeout_ms: int = field(
        default=30_000,
        metadata=_doc(
            "Client request timeout. Connecting gives up after 2 × this + 5 s (exit 1 naming the setting when "
            "the security settings do not fit the listener, 75 when no broker answers); publish waits at most "
            "2 × this for an acknowledgement."
        ),
    )

    def __post_init__(self) -> None:
        for key in SECRET_KEYS:  # a plain string given in code becomes a Secret too
            value = getattr(self, key)
            if isinstance(value, str):
                object.__setattr__(self, key, Secret(value))

    def client_config(self, *, secrets: bool = True) -> dict[str, Any]:
        """Keyword arguments shared by kafka-python's producer, consumer and admin client.

        ``secrets=False`` leaves out passwords: use it for configuration that travels inside a job graph to
        remote workers, which then call :func:`with_worker_secrets`.
        """
        conf: dict[str, Any] = {
            "bootstrap_servers": [s.strip() for s in self.bootstrap_servers.split(",") if s.strip()],
            "client_id": self.client_id,
            "security_protocol": self.security_protocol,
            "request_timeout_ms": self.request_timeout_ms,
        }
        optional = {
            "sasl_mechanism": self.sasl_mechanism,
            "sasl_plain_username": self.sasl_username,
            "sasl_plain_password": _reveal(self.sasl_password),
            "ssl_cafile": self.ssl_cafile,
            "ssl_certfile": self.ssl_certfile,
            "ssl_keyfile": self.ssl_keyfile,
            "ssl_password": _reveal(self.ssl_password),
        }
        conf.update({k: v for k, v in optional.items() if v is not None})
        if not secrets:
            conf.pop("sasl_plain_password", None)
            conf.pop("ssl_password", None)
        return conf


_SECRET_CLIENT_KEYS = {"sasl_plain_password": "sasl_password", "ssl_password": "ssl_password"}


def with_worker_secrets(client_config: dict[str, Any]) -> dict[str, Any]:
    """Fill in passwords left out of a job graph, from the worker's own environment or config file
    (``CLAIMFLOW_KAFKA__SASL_PASSWORD``, ``$CLAIMFLOW_CONFIG``). Secrets then never reach staging buckets or
    job servers."""
    needs = ("sasl_mechanism" in client_config and "sasl_plain_password" not in client_config) or (
        "ssl_keyfile" in client_config and "ssl_password" not in client_config
    )
    if not needs:
        return client_config
    kafka = load_settings().kafka
    filled = dict(client_config)
    for client_key, setting in _SECRET_CLIENT_KEYS.items():
        value = _reveal(getattr(kafka, setting))
        if client_key not in filled and value is not None:
            filled[client_key] = value
    return filled


@dataclass(frozen=True)
class LakeSettings:
    path: str = field(default="lake", metadata=_doc("Lake root: a local path, s3://bucket/prefix or gs://…"))
    compression: str = field(default="zstd", metadata=_doc("Parquet compression codec."))
    offset_bucket: int = field(
        default=10_000,
        metadata=_doc(
            "Offsets per file group: rows of offsets [k*n, (k+1)*n) of one partition share a file."
        ),
    )
    row_group_rows: int = field(default=64_000, metadata=_doc("Rows per Parquet row group."))
    temp_grace_seconds: float = field(
        default=600.0,
        metadata=_doc(
            "A writer deletes its file group's hidden temporary files (left by a killed writer) once they are "
            "older than this; younger ones may belong to a live writer."
        ),
    )


@dataclass(frozen=True)
class NlpSettings:
    models: dict[str, str] = field(
        default_factory=lambda: {"en": "bundled:en", "ru": "bundled:ru", "uk": "bundled:uk"},
        metadata=_doc(
            "Language → spaCy pipeline: 'bundled:<lang>', an installed package (en_core_web_lg) or a path."
        ),
    )
    learned: bool = field(
        default=True,
        metadata=_doc(
            "English pipelines with a parser also run the learned attribution tagger and claim-worthiness model "
            "(models/en-attribution, models/en-claimworthy-encoder) before the claims rules; false gives rules alone, "
            "about 1.5x faster English NLP (README, Claims)."
        ),
    )
    batch_size: int = field(default=16, metadata=_doc("Articles per nlp.pipe batch."))
    max_text_chars: int = field(
        default=200_000,
        metadata=_doc(
            "Longer texts are truncated for NLP: entities and claims come from the first this-many characters, "
            "articles.truncated is true (the text column keeps all)."
        ),
    )
    min_letters: int = field(default=6, metadata=_doc("Fewer letters than this → language 'und'."))
    max_reject_share: float = field(
        default=0.5,
        metadata=_doc(
            "Circuit breaker: a bounded run whose records are rejected by language detection, NLP or row "
            "building in a larger share than this stops without writing or committing (1 turns it off)."
        ),
    )
    reject_share_min_records: int = field(
        default=100,
        metadata=_doc("The circuit breaker judges a run only once it has read this many records."),
    )


@dataclass(frozen=True)
class StreamingSettings:
    window_seconds: int = field(
        default=60, metadata=_doc("Fixed window for streaming writes, over the time records are read.")
    )
    follow_interval_seconds: float = field(
        default=1.0, metadata=_doc("Pause between bounded batches in --follow mode.")
    )
    chunk_records: int = field(
        default=100,
        metadata=_doc(
            "Records per chunk of a bounded run (and of a --follow batch): each chunk is written and committed "
            "before the next, so memory does not grow with the run; the circuit breaker judges each chunk."
        ),
    )
    workers: int = field(
        default=1,
        metadata=_doc(
            "Worker processes of a bounded run on this machine: chunks of different topic-partitions run side by "
            "side; on Linux the workers fork from a process that loaded the models once and share them (elsewhere "
            "each worker loads its own; memory: see docs/benchmarks.md, Sizing)."
        ),
    )
    progress_seconds: float = field(
        default=30.0,
        metadata=_doc("Seconds between progress log lines of a bounded run when not on a terminal."),
    )


@dataclass(frozen=True)
class Settings:
    kafka: KafkaSettings = field(default_factory=KafkaSettings)
    lake: LakeSettings = field(default_factory=LakeSettings)
    nlp: NlpSettings = field(default_factory=NlpSettings)
    streaming: StreamingSettings = field(default_factory=StreamingSettings)

    def masked(self) -> dict[str, Any]:
        """The effective configuration as a dict with secrets replaced by '***'."""
        out = asdict(self)
        for section in out.values():
            for key in SECRET_KEYS & section.keys():
                if section[key] is not None:
                    section[key] = "***"
        return out

    def with_overrides(self, section: str, **values: Any) -> Settings:
        """A copy with some keys of one section replaced (values of None are ignored)."""
        current = getattr(self, section)
        clean = {k: v for k, v in values.items() if v is not None}
        return replace(self, **{section: _coerce_section(section, type(current), clean, base=current)})


_S = TypeVar("_S")
_CHOICES: dict[tuple[str, str], tuple[str, ...]] = {
    ("kafka", "security_protocol"): ("PLAINTEXT", "SSL", "SASL_PLAINTEXT", "SASL_SSL"),
    ("kafka", "io"): ("python", "xlang"),
    ("kafka", "sasl_mechanism"): ("PLAIN", "SCRAM-SHA-256", "SCRAM-SHA-512", "OAUTHBEARER"),
    ("lake", "compression"): ("zstd", "snappy", "gzip", "lz4", "none"),
}
_SECTIONS: dict[str, type[Any]] = {
    "kafka": KafkaSettings,
    "lake": LakeSettings,
    "nlp": NlpSettings,
    "streaming": StreamingSettings,
}


def _coerce(section: str, key: str, value: Any, default: Any) -> Any:
    name = f"{section}.{key}"
    if key in SECRET_KEYS:
        if isinstance(value, Secret) or value is None:
            return value
        if not isinstance(value, str):
            raise ConfigError(name, value, "a string", hide=True)
        return Secret(value)
    if isinstance(default, bool):
        if isinstance(value, str) and value.lower() in {"1", "true", "yes", "0", "false", "no"}:
            return value.lower() in {"1", "true", "yes"}
        if not isinstance(value, bool):
            raise ConfigError(name, value, "true or false")
        return value
    if isinstance(default, int):
        try:
            number = int(value)
        except (TypeError, ValueError):
            raise ConfigError(name, value, "an integer") from None
        if number <= 0:
            raise ConfigError(name, value, "a positive integer")
        return number
    if isinstance(default, float):
        try:
            real = float(value)
        except (TypeError, ValueError):
            raise ConfigError(name, value, "a number") from None
        if real < 0:
            raise ConfigError(name, value, "a non-negative number")
        return real
    if isinstance(default, dict):
        if isinstance(value, str):  # env form: "en=en_core_web_lg,ru=bundled:ru"
            value = dict(item.split("=", 1) for item in value.split(",") if "=" in item)
        if not isinstance(value, dict) or not all(
            isinstance(k, str) and isinstance(v, str) for k, v in value.items()
        ):
            raise ConfigError(name, value, "a table of language = pipeline strings")
        return dict(value)
    if value is not None and not isinstance(value, str):
        raise ConfigError(name, value, "a string")
    return value


def _coerce_section(section: str, cls: type[_S], raw: dict[str, Any], *, base: _S | None = None) -> _S:
    known = {f.name: f for f in fields(cls)}  # type: ignore[arg-type]
    unknown = sorted(set(raw) - set(known))
    if unknown:
        name = unknown[0]
        raise ConfigError(
            f"{section}.{name}", raw[name], _unknown_key_help(name, known), hide=True
        )  # an unknown key may be a misspelled secret: never echo its value
    start = base if base is not None else cls()
    values = {k: _coerce(section, k, v, getattr(start, k)) for k, v in raw.items()}
    for (where, key), allowed in _CHOICES.items():
        if section == where and key in values and values[key] not in allowed:
            raise ConfigError(f"{where}.{key}", values[key], ", ".join(allowed))
    return replace(start, **values)  # type: ignore[type-var]


def _unknown_key_help(name: str, known: Iterable[str]) -> str:
    close = difflib.get_close_matches(name, list(known), n=1, cutoff=0.6)
    hint = f" (did you mean '{close[0]}'?)" if close else ""
    return "one of " + ", ".join(sorted(known)) + hint


def default_config_path() -> Path | None:
    env = os.environ.get(_ENV_PREFIX + "CONFIG")
    if env:
        return Path(env)
    local = Path("claimflow.toml")
    return local if local.is_file() else None


def load_settings(path: Path | None = None, env: dict[str, str] | None = None) -> Settings:
    """Defaults, then the TOML file, then ``CLAIMFLOW_<SECTION>__<KEY>`` environment variables."""
    env = dict(os.environ) if env is None else env
    raw: dict[str, dict[str, Any]] = {}
    path = path if path is not None else default_config_path()
    if path is not None:
        try:
            data = tomllib.loads(Path(path).read_text("utf-8"))
        except FileNotFoundError:
            raise ConfigError("--config", str(path), "an existing TOML file") from None
        except tomllib.TOMLDecodeError as exc:
            raise ConfigError("--config", str(path), f"valid TOML ({exc})") from None
        for section, body in data.items():
            if section not in _SECTIONS:
                raise ConfigError(section, body, "sections " + ", ".join(_SECTIONS), hide=True)
            if not isinstance(body, dict):
                raise ConfigError(section, body, "a TOML table")
            raw[section] = dict(body)
    for name, value in env.items():
        if not name.startswith(_ENV_PREFIX) or "__" not in name:
            continue
        section, _, key = name[len(_ENV_PREFIX) :].lower().partition("__")
        if section not in _SECTIONS:
            raise ConfigError(
                name,
                value,
                "CLAIMFLOW_<SECTION>__<KEY> with a section of " + ", ".join(_SECTIONS),
                hide=True,
            )
        raw.setdefault(section, {})[key] = value
    parts = {s: _coerce_section(s, cls, raw.get(s, {})) for s, cls in _SECTIONS.items()}
    return Settings(**parts)


def describe_settings() -> list[tuple[str, str, str]]:
    """(key, default, doc) for every setting: used by ``claimflow config describe`` and the README."""
    rows = []
    for section, cls in _SECTIONS.items():
        for f in fields(cls):
            default = f.default_factory() if callable(f.default_factory) else f.default  # type: ignore[misc]
            rows.append((f"{section}.{f.name}", repr(default), f.metadata.get("doc", "")))
    return rows
