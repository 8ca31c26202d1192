"""The error catalogue, the settings and the table schemas."""

from __future__ import annotations

import pickle
from pathlib import Path

import pyarrow as pa
import pytest

from pipelines.config import Settings, describe_settings, load_settings
from pipelines.errors import (
    BrokerUnavailable,
    ClaimflowError,
    ConfigError,
    InvalidRecord,
    RetryableError,
    TerminalError,
)
from pipelines.schema import TABLES, parse_type, table_spec


@pytest.mark.parametrize(
    "error",
    [
        InvalidRecord("published_at: received 'yesterday'", field="published_at"),
        BrokerUnavailable("no broker at 127.0.0.1:1"),
        ConfigError("kafka.security_protocol", "TLS", "PLAINTEXT, SSL"),
    ],
)
def test_errors_pickle_with_their_fields(error: ClaimflowError) -> None:
    clone = pickle.loads(pickle.dumps(error))
    assert type(clone) is type(error)
    assert str(clone) == str(error)
    assert clone.details == error.details
    assert clone.code == error.code


def test_errors_are_marked_retryable_or_terminal() -> None:
    assert isinstance(BrokerUnavailable("x"), RetryableError) and BrokerUnavailable.retryable
    assert isinstance(InvalidRecord("x"), TerminalError) and not InvalidRecord.retryable


def test_config_layers_file_then_env(tmp_path: Path) -> None:
    cfg = tmp_path / "claimflow.toml"
    cfg.write_text('[kafka]\nbootstrap_servers = "k1:9092"\ngroup_id = "g"\n[lake]\npath = "/data/lake"\n')
    settings = load_settings(
        cfg, env={"CLAIMFLOW_KAFKA__GROUP_ID": "from-env", "CLAIMFLOW_NLP__BATCH_SIZE": "8"}
    )
    assert settings.kafka.bootstrap_servers == "k1:9092"
    assert settings.kafka.group_id == "from-env"
    assert settings.lake.path == "/data/lake"
    assert settings.nlp.batch_size == 8


def test_config_rejects_unknown_and_bad_values_naming_the_field(tmp_path: Path) -> None:
    cfg = tmp_path / "c.toml"
    cfg.write_text('[kafka]\nbootstrap_server = "typo"\n')
    with pytest.raises(ConfigError, match=r"kafka\.bootstrap_server.*allowed: one of .*bootstrap_servers"):
        load_settings(cfg, env={})
    cfg.write_text("[nlp]\nbatch_size = -3\n")
    with pytest.raises(ConfigError, match=r"nlp\.batch_size.*positive integer"):
        load_settings(cfg, env={})
    cfg.write_text('[kafka]\nsecurity_protocol = "TLS"\n')
    with pytest.raises(ConfigError, match=r"kafka\.security_protocol.*SASL_SSL"):
        load_settings(cfg, env={})


def test_secrets_are_masked() -> None:
    settings = load_settings(None, env={"CLAIMFLOW_KAFKA__SASL_PASSWORD": "hunter2"})
    assert settings.kafka.client_config()["sasl_plain_password"] == "hunter2"
    assert "hunter2" not in repr(settings.masked())
    assert settings.masked()["kafka"]["sasl_password"] == "***"


def test_every_setting_is_documented() -> None:
    rows = describe_settings()
    assert rows and all(doc for _, _, doc in rows)
    assert {r[0] for r in rows} >= {"kafka.bootstrap_servers", "lake.path", "nlp.models"}
    assert Settings().kafka.raw_topic == "articles.raw"


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("string", pa.string()),
        ("timestamp[ms, UTC]", pa.timestamp("ms", tz="UTC")),
        ("list<string>", pa.list_(pa.string())),
        (
            "list<struct<text: string, value: float64>>",
            pa.list_(pa.struct([("text", pa.string()), ("value", pa.float64())])),
        ),
    ],
)
def test_type_grammar(text: str, expected: pa.DataType) -> None:
    assert parse_type(text) == expected


def test_type_grammar_rejects_unknown_types() -> None:
    with pytest.raises(ConfigError, match="allowed"):
        parse_type("decimal(10,2)")


@pytest.mark.parametrize("name", TABLES)
def test_table_specs_are_complete(name: str) -> None:
    spec = table_spec(name)
    schema = spec.arrow_schema()
    assert all(f.metadata and f.metadata[b"description"] for f in schema)
    assert schema.metadata[b"claimflow.schema_version"] == spec.schema_version.encode()
    on_disk = spec.arrow_schema(with_partitions=False)
    assert not set(spec.partition_by) & set(on_disk.names)
    assert set(spec.primary_key) <= set(schema.names)
