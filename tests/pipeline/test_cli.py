"""The command line: help on every subcommand, config check, exit codes."""

from __future__ import annotations

from pathlib import Path

import pytest

from pipelines.cli import build_parser, main

SUBCOMMANDS = ["demo", "publish", "run", "extract", "replay", "offsets", "broker", "topics", "models", "lake", "compact",
               "query", "config"]  # fmt: skip


@pytest.mark.parametrize("command", SUBCOMMANDS)
def test_every_subcommand_has_help(command: str, capsys: pytest.CaptureFixture[str]) -> None:
    with pytest.raises(SystemExit) as exit_:
        main([command, "--help"])
    assert exit_.value.code == 0
    assert "usage: claimflow " + command in capsys.readouterr().out


def test_parser_knows_every_subcommand() -> None:
    sub = next(a for a in build_parser()._actions if a.dest == "command")
    assert sorted(sub.choices) == sorted(SUBCOMMANDS)  # type: ignore[attr-defined]


def test_config_check_names_the_bad_field_and_never_prints_secrets(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    bad = tmp_path / "bad.toml"
    bad.write_text('[kafka]\nsecurity_protocol = "TLS"\n')
    assert main(["--config", str(bad), "config", "check"]) == 1
    err = capsys.readouterr().err
    assert "kafka.security_protocol" in err and "'TLS'" in err and "SASL_SSL" in err

    good = tmp_path / "good.toml"
    good.write_text(
        '[kafka]\nsecurity_protocol = "SASL_SSL"\nsasl_mechanism = "PLAIN"\nsasl_password = "in-file-secret"\n'
    )
    monkeypatch.setenv("CLAIMFLOW_KAFKA__SSL_PASSWORD", "env-secret")
    assert main(["--config", str(good), "config", "check"]) == 0
    out = capsys.readouterr().out
    assert "in-file-secret" not in out and "env-secret" not in out
    assert 'sasl_password = "***"' in out and 'ssl_password = "***"' in out and "config: OK" in out


def test_usage_errors_exit_2(capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["run", "--from", "yesterday", "--bootstrap-servers", "127.0.0.1:1"]) == 2
    assert "allowed: earliest, latest, committed" in capsys.readouterr().err
    assert main(["run", "--model", "en", "--bootstrap-servers", "127.0.0.1:1"]) == 2
    assert "LANG=SPEC" in capsys.readouterr().err
