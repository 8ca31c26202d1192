"""Dataflow Flex Template entry point (``FLEX_TEMPLATE_PYTHON_PY_FILE``): parameters → ``claimflow run``.

Dataflow's launcher starts this file as::

    python launch.py --bootstrap_servers=… --lake=gs://… [more template parameters] \\
        --runner=DataflowRunner --project=… --region=… --temp_location=… --staging_location=… \\
        --sdk_container_image=… --job_name=… [other Dataflow/Beam options]

The template parameters declared in ``metadata.json`` (names in :data:`PARAMETERS`) become claimflow's own
flags or settings; everything else is passed through to Beam unchanged, after ``--`` on the ``claimflow run``
command line (claimflow checks the options before ``--`` and passes those after it as they are). The
pipeline is always the streaming variant (``--streaming``).

Secrets never appear as parameters: ``sasl_password_secret`` names a Secret Manager version whose value is
placed in ``CLAIMFLOW_KAFKA__SASL_PASSWORD`` (read by claimflow's settings loader); ``config`` may be a
``gs://`` TOML file, copied to a local temporary file first.
"""

from __future__ import annotations

import os
import re
import sys
import tempfile
from collections.abc import Mapping, Sequence

#: Template parameter → ``claimflow run`` flag.
FLAGS: Mapping[str, str] = {
    "bootstrap_servers": "--bootstrap-servers",
    "raw_topic": "--topic",
    "rejected_topic": "--rejected-topic",
    "group_id": "--group-id",
    "lake": "--lake",
    "start": "--from",
}
#: Template parameter → claimflow setting, given as its ``CLAIMFLOW_<SECTION>__<KEY>`` environment override.
SETTINGS: Mapping[str, str] = {
    "security_protocol": "CLAIMFLOW_KAFKA__SECURITY_PROTOCOL",
    "sasl_mechanism": "CLAIMFLOW_KAFKA__SASL_MECHANISM",
    "sasl_username": "CLAIMFLOW_KAFKA__SASL_USERNAME",
    "window_seconds": "CLAIMFLOW_STREAMING__WINDOW_SECONDS",
    "batch_size": "CLAIMFLOW_NLP__BATCH_SIZE",
}
#: Parameters handled here: a config file, the model list and the Secret Manager name of the SASL password.
SPECIAL = ("config", "models", "sasl_password_secret")
PARAMETERS = frozenset(FLAGS) | frozenset(SETTINGS) | frozenset(SPECIAL)

_MODEL = re.compile(r"^[a-z]{2,3}=\S+$")


class LaunchError(ValueError):
    """A template parameter that cannot be used; the message names it and what is allowed."""


def split_parameters(argv: Sequence[str]) -> tuple[dict[str, str], list[str]]:
    """Separate template parameters (``--name=value`` or ``--name value``) from pass-through options."""
    params: dict[str, str] = {}
    rest: list[str] = []
    i = 0
    while i < len(argv):
        arg = argv[i]
        name, sep, value = arg[2:].partition("=") if arg.startswith("--") else ("", "", "")
        if name in PARAMETERS:
            if not sep:
                if i + 1 >= len(argv):
                    raise LaunchError(f"template parameter {name!r} has no value; allowed: --{name}=VALUE")
                value = argv[i + 1]
                i += 1
            params[name] = value
        else:
            rest.append(arg)
        i += 1
    return params, rest


def parse_models(value: str) -> list[str]:
    """``en=bundled:en;ru=ru_core_news_lg`` (``;`` or ``,`` between items) → ``LANG=SPEC`` items."""
    items = [item.strip() for item in re.split(r"[;,]", value) if item.strip()]
    for item in items:
        if not _MODEL.match(item):
            raise LaunchError(
                f"template parameter 'models' has the item {item!r}; allowed: LANG=SPEC items separated "
                "by ';', e.g. en=bundled:en;ru=ru_core_news_lg"
            )
    return items


def claimflow_command(
    params: Mapping[str, str], passthrough: Sequence[str], *, config_path: str | None = None
) -> tuple[list[str], dict[str, str]]:
    """The ``claimflow`` argv and the environment overrides for the given template parameters."""
    unknown = sorted(set(params) - PARAMETERS)
    if unknown:
        allowed = ", ".join(sorted(PARAMETERS))
        raise LaunchError(f"unknown template parameter {unknown[0]!r}; allowed: {allowed}")
    argv: list[str] = []
    if config_path is not None:
        argv += ["--config", config_path]
    argv += ["--log-level", "INFO", "run"]
    for name, flag in FLAGS.items():
        if params.get(name):
            argv += [flag, params[name]]
    for item in parse_models(params.get("models", "")):
        argv += ["--model", item]
    env = {variable: params[name] for name, variable in SETTINGS.items() if params.get(name)}
    if "--streaming" not in passthrough:
        argv.append("--streaming")
    # Dataflow's own options go after '--': claimflow passes them to Beam unchecked (the launcher may add
    # options that Beam's Python SDK does not declare).
    argv += ["--", *passthrough] if passthrough else []
    return argv, env


def local_config(location: str) -> str:
    """A local copy of the config file (``gs://…`` or any Beam filesystem path); local paths are kept."""
    if "://" not in location:
        return location
    from apache_beam.io.filesystems import FileSystems

    try:
        with FileSystems.open(location) as source:
            data = source.read()
    except Exception as exc:
        raise LaunchError(f"template parameter 'config' = {location!r} cannot be read: {exc}") from None
    handle, path = tempfile.mkstemp(prefix="claimflow-", suffix=".toml")
    with os.fdopen(handle, "wb") as target:
        target.write(data)
    return path


def secret_value(version_name: str) -> str:
    """The value of a Secret Manager version (``projects/P/secrets/S/versions/V``)."""
    if not re.match(r"^projects/[^/]+/secrets/[^/]+/versions/[^/]+$", version_name):
        raise LaunchError(
            f"template parameter 'sasl_password_secret' = {version_name!r}; allowed: "
            "projects/PROJECT/secrets/NAME/versions/VERSION"
        )
    from apache_beam.utils.secret import GcpSecret

    value: str = GcpSecret(version_name).get_str()
    return value


def main(argv: Sequence[str] | None = None) -> int:
    try:
        params, passthrough = split_parameters(list(sys.argv[1:] if argv is None else argv))
        config_path = local_config(params["config"]) if params.get("config") else None
        command, env = claimflow_command(params, passthrough, config_path=config_path)
        if params.get("sasl_password_secret"):
            env["CLAIMFLOW_KAFKA__SASL_PASSWORD"] = secret_value(params["sasl_password_secret"])
    except LaunchError as exc:
        print(f"claimflow flex template: {exc}", file=sys.stderr)
        return 2
    os.environ.update(env)
    from pipelines.cli import main as claimflow

    return claimflow(command)


if __name__ == "__main__":
    sys.exit(main())
