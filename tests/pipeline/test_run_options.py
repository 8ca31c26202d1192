"""Issue 12: on `run` and `replay` an unknown option is a usage error naming the nearest known option; Beam's
pipeline options are accepted, and options for the runner itself reach Beam after `--`."""

from __future__ import annotations

from pathlib import Path

import pytest
from apache_beam.options.pipeline_options import PipelineOptions, StandardOptions
from kafka_helpers import article, produce_raw

from pipelines.cli import EXIT_USAGE, main, parse_args
from pipelines.job import is_local, pipeline_options
from pipelines.lake import dataset
from pipelines.runners import FN_API_RUNNER

OFFLINE = [
    "--bootstrap-servers",
    "127.0.0.1:1",
]  # nothing listens: a usage error must come before any connection


@pytest.mark.parametrize(
    ("argv", "named", "suggested"),
    [
        (["run", "--output", "DIR"], "--output", "--lake"),
        (["run", "--output=DIR"], "--output", "--lake"),
        (["replay", "--from", "earliest", "--runer", "FlinkRunner"], "--runer", "--runner"),
        (["run", "--group_id", "g"], "--group_id", "--group-id"),
        (["run", "--flink-master", "host:8081"], "--flink-master", "--flink_master"),
        (["run", "--untill", "end"], "--untill", "--until"),
        (["replay", "--from", "earliest", "--lakee", "x"], "--lakee", "--lake"),
    ],
)
def test_an_unknown_option_is_a_usage_error_naming_the_nearest(
    argv: list[str], named: str, suggested: str, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    assert main([*argv, *OFFLINE, "--lake", str(tmp_path / "lake")]) == EXIT_USAGE
    err = capsys.readouterr().err
    assert f"unknown option {named}" in err and f"did you mean {suggested}?" in err
    assert not (tmp_path / "lake").exists()


def test_a_runner_only_option_must_come_after_the_separator(capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["run", "--runner", "FlinkRunner", "--checkpointing_interval=60000", *OFFLINE]) == EXIT_USAGE
    err = capsys.readouterr().err
    assert "unknown option --checkpointing_interval" in err and "after '--'" in err
    assert main(["run", "stray", *OFFLINE]) == EXIT_USAGE
    assert "unexpected argument 'stray'" in capsys.readouterr().err


def test_a_malformed_beam_option_is_a_usage_error(capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["run", "--runner", *OFFLINE]) == EXIT_USAGE
    assert "--runner: expected one argument" in capsys.readouterr().err


def test_beam_options_and_runner_options_reach_beam() -> None:
    args, beam = parse_args(
        ["run", "--lake", "s3://b/l", "--runner", "FlinkRunner", "--flink_master=jm:8081", "--streaming",
         "--parallelism", "4", "--", "--checkpointing_interval=60000", "--state_backend", "rocksdb"]
    )  # fmt: skip
    assert args.lake == "s3://b/l"
    assert beam == ["--runner", "FlinkRunner", "--flink_master=jm:8081", "--streaming", "--parallelism", "4",
                    "--checkpointing_interval=60000", "--state_backend", "rocksdb"]  # fmt: skip
    options = PipelineOptions(beam)
    assert options.view_as(StandardOptions).runner == "FlinkRunner"
    # What Beam's portable runners send to the job server: the runner-only options are kept.
    sent = options.get_all_options(retain_unknown_options=True)
    assert sent["checkpointing_interval"] == "60000" and sent["state_backend"] == "rocksdb"
    assert sent["flink_master"] == "jm:8081" and sent["parallelism"] == 4


@pytest.mark.parametrize("name", ["FnApiRunner", "fnapirunner", "FnApi", FN_API_RUNNER])
def test_the_short_name_fnapirunner_becomes_the_class_path_beam_loads(name: str) -> None:
    from apache_beam.runners.runner import create_runner

    for args in (["--runner", name], ["--", f"--runner={name}"]):
        options = pipeline_options(args)
        runner = options.view_as(StandardOptions).runner
        assert runner == FN_API_RUNNER and is_local(options), args
        assert type(create_runner(runner)).__name__ == "FnApiRunner"
    assert pipeline_options([]).view_as(StandardOptions).runner == FN_API_RUNNER  # the default


@pytest.mark.parametrize(
    ("name", "local"),
    [
        ("PrismRunner", True),
        ("DirectRunner", True),
        ("FlinkRunner", False),
        ("DataflowRunner", False),
        ("apache_beam.runners.portability.flink_runner.FlinkRunner", False),
    ],
)
def test_beams_own_runner_names_pass_unchanged(name: str, local: bool) -> None:
    options = pipeline_options(["--runner", name])
    assert options.view_as(StandardOptions).runner == name
    assert is_local(options) is local


def test_other_commands_still_reject_unknown_options(capsys: pytest.CaptureFixture[str]) -> None:
    with pytest.raises(SystemExit) as exit_:
        main(["offsets", "--runner", "FlinkRunner"])
    assert exit_.value.code == EXIT_USAGE


def test_help_documents_the_rule(capsys: pytest.CaptureFixture[str]) -> None:
    with pytest.raises(SystemExit):
        main(["run", "--help"])
    out = capsys.readouterr().out
    assert "[-- runner options]" in out and "--checkpointing_interval" in out and "after '--'" in out


@pytest.mark.kafka
def test_a_run_with_beam_and_runner_options_writes_the_lake(kafka_settings, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    produce_raw(kafka_settings, [article(i) for i in range(5)])
    k, lake = kafka_settings, tmp_path / "lake"
    config = tmp_path / "claimflow.toml"
    config.write_text(
        f'[kafka]\nbootstrap_servers = "{k.bootstrap_servers}"\nraw_topic = "{k.raw_topic}"\n'
        f'rejected_topic = "{k.rejected_topic}"\ngroup_id = "{k.group_id}"\n[lake]\npath = "{lake}"\n'
        "[nlp]\nmodels = {}\n"
    )
    argv = ["--config", str(config), "run", "--runner", "FnApiRunner", "--", "--checkpointing_interval=1000"]
    assert main(argv) == 0
    assert dataset(str(lake), "articles").count_rows() == 5


@pytest.mark.parametrize(
    ("args", "want"),
    [
        (["--runner=FlinkRunner", "--", "--checkpointing_interval=1000"], True),
        (["--runner", "apache_beam.runners.portability.flink_runner.FlinkRunner"], True),
        (["--runner=FlinkRunner", "--", "--finish_bundle_before_checkpointing=false"], False),
        (["--runner=PrismRunner"], False),
        ([], False),
    ],
)
def test_streaming_jobs_on_flink_finish_bundles_before_checkpoints(args: list[str], want: bool) -> None:
    """Issue 15: a Flink streaming job whose partition discovery a checkpoint caught mid-bundle never read;
    claimflow sets Flink's --finish_bundle_before_checkpointing unless the user chose a value."""
    from pipelines.job import FLINK_FINISH_BUNDLE_BEFORE_CHECKPOINTING, with_streaming_defaults

    out = with_streaming_defaults(args)
    assert out[: len(args)] == args
    assert (out[len(args) :] == [FLINK_FINISH_BUNDLE_BEFORE_CHECKPOINTING]) is want
