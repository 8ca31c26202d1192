"""Deployment artefacts: the wheel workers install, the Dataflow Flex Template launcher, the example config.

The wheel test builds ``claimflow`` with ``python -m build --wheel --no-isolation`` (offline: hatchling comes
from the dev environment), checks that it carries the code, the JSON schemas and the bundled spaCy pipelines,
installs it into a fresh virtual environment and runs ``claimflow --help`` and ``claimflow models list`` from
there. The fresh environment has no claimflow source tree on its path: its only copy of ``pipelines`` is the
installed wheel; third-party dependencies are borrowed from the running environment through a ``.pth``
line appended after the fresh ``site-packages`` (a plain path line: the running environment's own ``.pth``
files, such as the editable install of this checkout, are not processed).
"""

from __future__ import annotations

import importlib.util
import json
import os
import re
import subprocess
import sys
import sysconfig
import tomllib
import zipfile
from pathlib import Path
from types import ModuleType
from typing import Any

import pytest
from packaging.requirements import Requirement
from packaging.utils import canonicalize_name

ROOT = Path(__file__).resolve().parents[2]
LAUNCHER = ROOT / "infra" / "dataflow" / "launch.py"
METADATA = ROOT / "infra" / "dataflow" / "metadata.json"
EXAMPLE_CONFIG = ROOT / "claimflow.example.toml"


def _requirement(text: str) -> str:
    """A requirement as the wheel's metadata writes it: the name normalised ("DAWG2" and "dawg2" are one)."""
    req = Requirement(text.strip())
    return f"{canonicalize_name(req.name)}{req.specifier}{';' + str(req.marker) if req.marker else ''}"


def _clean_env(**extra: str) -> dict[str, str]:
    """The current environment without Python path or claimflow overrides that could leak the source tree."""
    env = {
        k: v
        for k, v in os.environ.items()
        if not k.startswith("CLAIMFLOW_") and k not in {"PYTHONPATH", "PYTHONHOME", "PYTHONSTARTUP"}
    }
    env.update(extra)
    return env


def _run(cmd: list[str], *, cwd: Path, env: dict[str, str] | None = None) -> subprocess.CompletedProcess[str]:
    result = subprocess.run(
        cmd, cwd=cwd, env=env or _clean_env(), capture_output=True, text=True, timeout=300
    )
    assert result.returncode == 0, (
        f"{' '.join(cmd)} exited {result.returncode}:\n{result.stdout}\n{result.stderr}"
    )
    return result


# --- the wheel -------------------------------------------------------------------------------------------------


@pytest.fixture(scope="module")
def wheel(tmp_path_factory: pytest.TempPathFactory) -> Path:
    for module in ("build", "hatchling"):
        if importlib.util.find_spec(module) is None:
            pytest.skip(f"building the wheel offline needs {module!r} in this environment (dev extra)")
    out = tmp_path_factory.mktemp("dist")
    _run(
        [sys.executable, "-m", "build", "--wheel", "--no-isolation", "--outdir", str(out), str(ROOT)], cwd=out
    )
    wheels = sorted(out.glob("claimflow-*-py3-none-any.whl"))
    assert len(wheels) == 1, f"expected one claimflow wheel in {out}, found {[w.name for w in out.iterdir()]}"
    return wheels[0]


def _source_files(directory: Path) -> set[str]:
    return {
        p.relative_to(directory).as_posix()
        for p in directory.rglob("*")
        if p.is_file() and "__pycache__" not in p.parts and p.suffix not in {".pyc", ".pyo"}
    }


@pytest.mark.slow
def test_wheel_carries_code_schemas_and_bundled_models(wheel: Path) -> None:
    with zipfile.ZipFile(wheel) as zf:
        names = set(zf.namelist())
        dist_info = next(n.split("/")[0] for n in names if n.endswith(".dist-info/METADATA"))
        metadata = zf.read(f"{dist_info}/METADATA").decode("utf-8")
        entry_points = zf.read(f"{dist_info}/entry_points.txt").decode("utf-8")

    assert "pipelines/_bundled/schemas/tables/articles.json" in names
    assert "pipelines/_bundled/schemas/article.schema.json" in names
    # the language packs the claim layer reads (pipelines/nlp/langpacks/<code>/pack.json)
    assert {f"pipelines/nlp/langpacks/{code}/pack.json" for code in ("en", "ru", "uk")} <= set(names)
    # Every schema file and every module of the package, nothing left behind.
    schemas = {f"pipelines/_bundled/schemas/{name}" for name in _source_files(ROOT / "schemas")}
    assert schemas <= names, f"schemas missing from the wheel: {sorted(schemas - names)}"
    modules = {f"pipelines/{name}" for name in _source_files(ROOT / "pipelines") if name.endswith(".py")}
    assert modules <= names, f"modules missing from the wheel: {sorted(modules - names)}"
    # Built pipelines (models/<lang>/meta.json) travel inside the package, file for file.
    built = sorted(p.parent for p in (ROOT / "models").glob("*/meta.json"))
    for model in built:
        files = {f"pipelines/_bundled/models/{model.name}/{name}" for name in _source_files(model)}
        assert f"pipelines/_bundled/models/{model.name}/meta.json" in names
        assert files <= names, (
            f"files of models/{model.name} missing from the wheel: {sorted(files - names)[:5]}"
        )
    # Development-only trees stay out of the wheel.
    assert not [
        n for n in names if n.split("/")[0] in {"tests", "training", "benchmarks", "infra", "samples"}
    ]

    project = tomllib.loads((ROOT / "pyproject.toml").read_text("utf-8"))["project"]
    assert f"Version: {project['version']}" in metadata
    declared = {
        _requirement(line.removeprefix("Requires-Dist: "))
        for line in metadata.splitlines()
        if line.startswith("Requires-Dist: ")
    }
    missing = [dep for dep in project["dependencies"] if _requirement(dep) not in declared]
    assert not missing, f"dependencies of pyproject.toml not declared by the wheel: {missing}"
    assert re.search(r"^claimflow = pipelines\.cli:main$", entry_points, re.MULTILINE), entry_points


@pytest.fixture(scope="module")
def fresh_venv(wheel: Path, tmp_path_factory: pytest.TempPathFactory) -> Path:
    """A new virtual environment with only the wheel installed (dependencies borrowed, see module doc)."""
    venv = tmp_path_factory.mktemp("venv")
    _run([sys.executable, "-m", "venv", "--without-pip", str(venv)], cwd=venv)
    python = venv / "bin" / "python"
    _run(
        [
            sys.executable,
            "-m",
            "pip",
            "--python",
            str(python),
            "install",
            "--no-deps",
            "--no-index",
            str(wheel),
        ],
        cwd=venv,
    )
    site = Path(
        _run(
            [str(python), "-c", "import sysconfig; print(sysconfig.get_paths()['purelib'])"], cwd=venv
        ).stdout.strip()
    )
    (site / "zz_claimflow_test_dependencies.pth").write_text(sysconfig.get_paths()["purelib"] + "\n", "utf-8")
    return venv


def _venv_site(venv: Path) -> Path:
    return next((venv / "lib").glob("python3*/site-packages"))


@pytest.mark.slow
def test_installed_wheel_is_the_package_that_runs(fresh_venv: Path, tmp_path: Path) -> None:
    site = _venv_site(fresh_venv)
    probe = (
        "import json, pipelines; from pipelines.resources import schemas_dir, models_dir; "
        "print(json.dumps([pipelines.__file__, str(schemas_dir()), str(models_dir())]))"
    )
    package, schemas, models = json.loads(
        _run([str(fresh_venv / "bin" / "python"), "-c", probe], cwd=tmp_path).stdout
    )
    assert Path(package).is_relative_to(site), (
        f"pipelines imported from {package}, not from the installed wheel"
    )
    assert Path(schemas) == site / "pipelines" / "_bundled" / "schemas"
    assert (Path(schemas) / "tables" / "articles.json").is_file()
    assert Path(models).is_relative_to(site), models


@pytest.mark.slow
def test_cli_help_and_models_list_from_the_fresh_venv(fresh_venv: Path, tmp_path: Path) -> None:
    claimflow = str(fresh_venv / "bin" / "claimflow")
    site = _venv_site(fresh_venv)
    project = tomllib.loads((ROOT / "pyproject.toml").read_text("utf-8"))["project"]

    version = _run([claimflow, "--version"], cwd=tmp_path).stdout
    assert version.strip() == f"claimflow {project['version']}"

    help_text = _run([claimflow, "--help"], cwd=tmp_path).stdout
    assert help_text.startswith("usage: claimflow")
    for command in ("demo", "publish", "run", "replay", "topics", "models", "config"):
        assert re.search(rf"^\s+{command}\s", help_text, re.MULTILINE), (
            f"{command!r} missing from:\n{help_text}"
        )

    listing = _run([claimflow, "models", "list"], cwd=tmp_path).stdout
    lines = listing.splitlines()
    assert lines[0].split() == ["language", "spec", "pipeline", "version", "installed", "location"]
    rows = {
        line.split()[0]: line.split() for line in lines[2:] if line.split() and line.split()[0] != "other"
    }
    from pipelines.config import NlpSettings

    configured = NlpSettings().models  # the defaults: no config file or CLAIMFLOW_* variables in this run
    assert set(rows) == set(configured), listing
    bundled = {lang for lang, spec in configured.items() if spec.startswith("bundled:")}
    assert bundled, f"no bundled pipeline among the default models {configured}"
    for lang in bundled:
        row = rows[lang]
        assert row[1] == configured[lang], row
        location = Path(row[-1])
        name = configured[lang].removeprefix("bundled:")
        assert location.is_relative_to(site), (
            f"{lang}: model resolved outside the installed package: {location}"
        )
        if (ROOT / "models" / name / "meta.json").is_file():
            assert row[4] == "yes", f"models/{name} is built but not installed from the wheel: {row}"
            assert location == site / "pipelines" / "_bundled" / "models" / name
    assert "other languages: fallback" in listing


# --- the Dataflow Flex Template launcher -----------------------------------------------------------------------


def _launcher() -> ModuleType:
    spec = importlib.util.spec_from_file_location("claimflow_flex_launcher", LAUNCHER)
    assert spec is not None and spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def _metadata() -> dict[str, Any]:
    data: dict[str, Any] = json.loads(METADATA.read_text("utf-8"))
    return data


#: A valid value per template parameter (what the README's `gcloud dataflow flex-template run` passes).
VALID = {
    "bootstrap_servers": "10.0.0.5:9092,kafka-2.internal:9093",
    "lake": "gs://newsroom-bucket/claimflow",
    "raw_topic": "articles.raw",
    "rejected_topic": "articles.rejected",
    "group_id": "claimflow-eu",
    "start": "earliest",
    "models": "en=bundled:en;ru=ru_core_news_lg;uk=bundled:uk",
    "config": "gs://newsroom-bucket/claimflow.toml",
    "security_protocol": "SASL_SSL",
    "sasl_mechanism": "SCRAM-SHA-512",
    "sasl_username": "claimflow",
    "sasl_password_secret": "projects/newsroom/secrets/claimflow-kafka/versions/latest",
    "window_seconds": "30",
    "batch_size": "32",
}


def test_flex_template_metadata_matches_the_launcher() -> None:
    launch, metadata = _launcher(), _metadata()
    assert metadata["streaming"] is True
    params = metadata["parameters"]
    names = [p["name"] for p in params]
    assert len(names) == len(set(names)), names
    assert set(names) == set(launch.PARAMETERS), set(names) ^ set(launch.PARAMETERS)
    assert {p["name"] for p in params if not p.get("isOptional", False)} == {"bootstrap_servers", "lake"}
    for p in params:
        assert p["label"] and p["helpText"], p
        for regex in p.get("regexes", []):
            assert re.fullmatch(regex, VALID[p["name"]]), (p["name"], regex, VALID[p["name"]])
    by_name = {p["name"]: p for p in params}
    for name, bad in [
        ("lake", "/local/path"),
        ("models", "english"),
        ("security_protocol", "TLS"),
        ("start", "timestamp:2026-02-24T00:00:00Z"),
    ]:
        assert not any(re.fullmatch(r, bad) for r in by_name[name]["regexes"]), (name, bad)


def test_flex_template_parameters_become_a_claimflow_run(
    monkeypatch: pytest.MonkeyPatch, tmp_path: Path
) -> None:
    from pipelines.cli import parse_args
    from pipelines.commands import settings_from

    launch = _launcher()
    argv = [
        "--bootstrap_servers=k1:9092,k2:9092",
        "--lake",
        "gs://bucket/lake",
        "--models=en=en_core_web_lg;uk=bundled:uk",
        "--runner=DataflowRunner",
        "--project",
        "newsroom",
        "--raw_topic=articles.raw.v2",
        "--sasl_username=claimflow",
        "--security_protocol=SASL_SSL",
        "--window_seconds=30",
        "--sdk_container_image=europe-docker.pkg.dev/p/r/claimflow:0.1.0",
    ]
    params, passthrough = launch.split_parameters(argv)
    assert passthrough == [
        "--runner=DataflowRunner",
        "--project",
        "newsroom",
        "--sdk_container_image=europe-docker.pkg.dev/p/r/claimflow:0.1.0",
    ]
    command, env = launch.claimflow_command(params, passthrough)

    args, extra = parse_args(command)
    assert args.command == "run"
    assert extra == ["--streaming", *passthrough]
    monkeypatch.chdir(tmp_path)  # no ./claimflow.toml
    for name in [n for n in os.environ if n.startswith("CLAIMFLOW_")]:
        monkeypatch.delenv(name)
    for name, value in env.items():
        monkeypatch.setenv(name, value)
    settings = settings_from(args)
    assert settings.kafka.bootstrap_servers == "k1:9092,k2:9092"
    assert settings.kafka.raw_topic == "articles.raw.v2"
    assert settings.kafka.security_protocol == "SASL_SSL"
    assert settings.kafka.sasl_username == "claimflow"
    assert settings.lake.path == "gs://bucket/lake"
    assert settings.streaming.window_seconds == 30
    assert settings.nlp.models == {"en": "en_core_web_lg", "ru": "bundled:ru", "uk": "bundled:uk"}


def test_flex_template_launcher_rejects_bad_parameters(capsys: pytest.CaptureFixture[str]) -> None:
    launch = _launcher()
    assert launch.main(["--lake=gs://b/l", "--models=english"]) == 2
    err = capsys.readouterr().err
    assert "template parameter 'models'" in err and "'english'" in err and "LANG=SPEC" in err
    with pytest.raises(launch.LaunchError, match="sasl_password_secret"):
        launch.secret_value("my-password")
    with pytest.raises(launch.LaunchError, match="has no value"):
        launch.split_parameters(["--lake"])


def test_flex_template_config_parameter_is_copied_from_a_beam_filesystem(tmp_path: Path) -> None:
    from apache_beam.io.filesystem import CompressionTypes
    from apache_beam.io.localfilesystem import LocalFileSystem

    class PrefixedLocalFileSystem(LocalFileSystem):  # type: ignore[misc]
        """Local files addressed as claimflowtest://PATH: a remote-looking Beam filesystem for this test."""

        @classmethod
        def scheme(cls) -> str:
            return "claimflowtest"

        def open(self, path: str, mime_type: str = "", compression_type: str = CompressionTypes.AUTO) -> Any:
            return super().open(path.removeprefix("claimflowtest://"), mime_type, compression_type)

    launch = _launcher()
    source = tmp_path / "settings.toml"
    source.write_text('[kafka]\ngroup_id = "from-the-template"\n', "utf-8")
    assert launch.local_config(str(source)) == str(source)  # local paths are used in place
    copied = Path(launch.local_config(f"claimflowtest://{source}"))
    try:
        assert copied != source and copied.read_text("utf-8") == source.read_text("utf-8")
    finally:
        copied.unlink()
    with pytest.raises(
        launch.LaunchError, match=r"'config' = 'claimflowtest://.*missing\.toml' cannot be read"
    ):
        launch.local_config(f"claimflowtest://{tmp_path / 'missing.toml'}")


# --- claimflow.example.toml ------------------------------------------------------------------------------------


def test_example_config_documents_every_setting_with_its_default() -> None:
    from pipelines.config import Settings, describe_settings, load_settings

    assert load_settings(EXAMPLE_CONFIG, env={}) == Settings()
    section = ""
    documented: set[str] = set()
    for line in EXAMPLE_CONFIG.read_text("utf-8").splitlines():
        header = re.match(r"^\[([a-z_.]+)\]$", line)
        if header:
            section = header.group(1)
            if "." in section:  # [nlp.models] documents nlp.models
                documented.add(section)
            continue
        key = re.match(r"^#?\s?([a-z_]+) = ", line)
        if key and section and "." not in section:
            documented.add(f"{section}.{key.group(1)}")
    settings = {key for key, _default, _doc in describe_settings()}
    assert settings <= documented, (
        f"settings missing from claimflow.example.toml: {sorted(settings - documented)}"
    )
