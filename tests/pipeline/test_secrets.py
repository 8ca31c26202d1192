"""Issue 12: secrets never reach the output — not in errors about misspelled or mistyped keys, not in repr()."""

from __future__ import annotations

import pickle
from pathlib import Path

import pytest

from pipelines.cli import main
from pipelines.config import KafkaSettings, Secret, load_settings
from pipelines.errors import ConfigError

VALUE = "pa55-Zq8-very-secret"

# Every command that reads the configuration (and a few that talk to Kafka once it loads).
COMMANDS = [
    ["config", "check"],
    ["config", "describe"],
    ["offsets"],
    ["topics"],
    ["run"],
    ["replay", "--from", "earliest"],
    ["publish", "-"],
    ["lake"],
    ["query", "SELECT 1"],
    ["models", "list"],
    ["compact"],
]

BAD_FILES = {
    "misspelled secret key": f'[kafka]\nssl_pasword = "{VALUE}"\n',
    "misspelled sasl key": f'[kafka]\nsasl_passwrd = "{VALUE}"\n',
    "secret of the wrong type": f'[kafka]\nssl_password = ["{VALUE}"]\n',
    "secret as a number": "[kafka]\nsasl_password = 8675309123\n",
    "unknown section": f'[kafak]\nsasl_password = "{VALUE}"\n',
}


@pytest.mark.parametrize("name", sorted(BAD_FILES))
@pytest.mark.parametrize("command", COMMANDS, ids=lambda c: " ".join(c))
def test_a_bad_secret_key_never_prints_its_value(
    name: str, command: list[str], tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    config = tmp_path / "claimflow.toml"
    config.write_text(BAD_FILES[name])
    code = main(["--config", str(config), *command])
    out, err = capsys.readouterr()
    secret = VALUE if VALUE in BAD_FILES[name] else "8675309123"
    assert secret not in out and secret not in err
    if command != ["config", "describe"]:  # describe prints defaults and never loads the file
        assert code == 1, err
        assert "config field" in err and "not shown" in err


def test_the_error_names_the_key_and_the_nearest_one(tmp_path: Path) -> None:
    config = tmp_path / "claimflow.toml"
    config.write_text(f'[kafka]\nssl_pasword = "{VALUE}"\n')
    with pytest.raises(ConfigError) as caught:
        load_settings(config, env={})
    message = str(caught.value)
    assert "kafka.ssl_pasword" in message and "did you mean 'ssl_password'" in message
    assert VALUE not in message and VALUE not in repr(caught.value.details)
    assert VALUE not in repr(pickle.loads(pickle.dumps(caught.value)).details)


def test_an_unknown_environment_variable_never_prints_its_value(capsys: pytest.CaptureFixture[str]) -> None:
    with pytest.raises(ConfigError) as caught:
        load_settings(None, env={"CLAIMFLOW_KAFAK__SASL_PASSWORD": VALUE})
    assert VALUE not in str(caught.value)
    with pytest.raises(ConfigError) as caught:
        load_settings(None, env={"CLAIMFLOW_KAFKA__SASL_PASWORD": VALUE})
    assert VALUE not in str(caught.value) and "kafka.sasl_pasword" in str(caught.value)


def test_repr_of_the_settings_masks_secrets(tmp_path: Path) -> None:
    config = tmp_path / "claimflow.toml"
    config.write_text(f'[kafka]\nsasl_mechanism = "PLAIN"\nsasl_password = "{VALUE}"\n')
    settings = load_settings(config, env={"CLAIMFLOW_KAFKA__SSL_PASSWORD": VALUE + "-ssl"})
    for text in (repr(settings), str(settings), repr(settings.kafka), repr(settings.masked()), f"{settings}"):
        assert VALUE not in text
    assert isinstance(settings.kafka.sasl_password, Secret)
    # The Kafka client still gets the real values.
    conf = settings.kafka.client_config()
    assert conf["sasl_plain_password"] == VALUE and conf["ssl_password"] == VALUE + "-ssl"
    # Settings built in code with a plain string are masked the same way.
    assert VALUE not in repr(KafkaSettings(sasl_password=VALUE))  # type: ignore[arg-type]
    assert KafkaSettings(sasl_password=VALUE).client_config()["sasl_plain_password"] == VALUE  # type: ignore[arg-type]
