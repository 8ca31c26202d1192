"""Which options of ``claimflow run``/``replay`` go to Beam, and which are typos.

Before ``--``: claimflow's own flags, and the options that Beam's Python ``PipelineOptions`` classes declare
(``--runner``, ``--streaming``, ``--flink_master``, ``--project``, …). Anything else is a usage error naming
the nearest known option — ``--output`` is not silently taken as a Beam option.

After ``--``: everything goes to Beam unchanged. That is the way to pass options only the runner itself reads,
such as Flink's ``--checkpointing_interval``, which Beam's Python SDK forwards to the job server without
declaring them.

The known options are read from Beam at run time: every subclass of ``PipelineOptions`` registers its flags
through ``_add_argparse_args(parser)``, the same hook Beam's own ``get_all_options`` calls, so the list follows
whichever Beam version is installed.
"""

from __future__ import annotations

import argparse
import difflib
import functools
from collections.abc import Iterable, Sequence
from typing import Any, NoReturn

from pipelines.errors import UsageError

#: Words people reach for when they mean one of claimflow's flags.
SYNONYMS = {
    "output": "--lake",
    "out": "--lake",
    "output_dir": "--lake",
    "output_path": "--lake",
    "dest": "--lake",
    "destination": "--lake",
    "lake_path": "--lake",
    "path": "--lake",
    "broker": "--bootstrap-servers",
    "brokers": "--bootstrap-servers",
    "bootstrap": "--bootstrap-servers",
    "kafka": "--bootstrap-servers",
    "group": "--group-id",
    "consumer_group": "--group-id",
    "start": "--from",
    "since": "--from",
    "begin": "--from",
    "offset": "--from",
    "to": "--until",
    "end": "--until",
    "stop": "--until",
    "models": "--model",
    "input_topic": "--topic",
    "raw_topic": "--topic",
}


class _FlagCollector(argparse.ArgumentParser):
    """An argparse parser that also accepts Beam's ``add_value_provider_argument`` (as a plain string option)."""

    def error(self, message: str) -> NoReturn:
        raise UsageError(f"Beam pipeline option: {message}")

    def add_value_provider_argument(self, *args: Any, **kwargs: Any) -> None:
        kwargs.pop("type", None)
        if args and not str(args[0]).startswith("-"):  # a positional ValueProvider is still given as --name
            args = (f"--{args[0]}",)
            kwargs.pop("nargs", None)
        self.add_argument(*args, **kwargs)


def _option_classes() -> Iterable[type[Any]]:
    from apache_beam.options.pipeline_options import PipelineOptions

    seen: dict[str, type[Any]] = {}
    pending = list(PipelineOptions.__subclasses__())
    while pending:
        cls = pending.pop()
        seen.setdefault(f"{cls.__module__}.{cls.__qualname__}", cls)
        pending.extend(cls.__subclasses__())
    return seen.values()


@functools.cache
def beam_parser() -> argparse.ArgumentParser:
    """A parser holding every option Beam's ``PipelineOptions`` subclasses declare."""
    parser = _FlagCollector(allow_abbrev=False, add_help=False, conflict_handler="resolve")
    for cls in _option_classes():
        try:
            cls._add_argparse_args(parser)
        except Exception:  # a third-party options class that cannot register here is skipped
            continue
    return parser


def beam_flags() -> set[str]:
    return {s for action in beam_parser()._actions for s in action.option_strings if s.startswith("--")}


def nearest(flag: str, claimflow_flags: Iterable[str]) -> str | None:
    """The known option most likely meant by ``flag`` (claimflow's first, then Beam's)."""
    name = flag.split("=", 1)[0]
    bare = name.lstrip("-").replace("-", "_").lower()
    if bare in SYNONYMS:
        return SYNONYMS[bare]
    own = list(claimflow_flags)
    by_bare = {f.lstrip("-").replace("-", "_"): f for f in [*beam_flags(), *own]}
    if bare in by_bare:  # --group_id for --group-id, --flink-master for --flink_master
        return by_bare[bare]
    for candidates in (own, sorted(beam_flags())):
        close = difflib.get_close_matches(name, candidates, n=1, cutoff=0.75)
        if close:
            return close[0]
    close = difflib.get_close_matches(name, [*own, *sorted(beam_flags())], n=1, cutoff=0.6)
    return close[0] if close else None


def check_beam_args(args: Sequence[str], claimflow_flags: Iterable[str]) -> list[str]:
    """``args`` when Beam knows every option in it; otherwise a :class:`UsageError` naming the first unknown
    one, the nearest known option, and the ``--`` way for runner-side options."""
    _, unknown = beam_parser().parse_known_args(list(args))
    if not unknown:
        return list(args)
    flag = next((a for a in unknown if a.startswith("-")), unknown[0])
    if not flag.startswith("-"):
        raise UsageError(
            f"unexpected argument {flag!r}; allowed: claimflow's options, Beam pipeline options, and after "
            "'--' options for the runner"
        )
    guess = nearest(flag, claimflow_flags)
    hint = f"did you mean {guess}? " if guess else ""
    raise UsageError(
        f"unknown option {flag.split('=', 1)[0]}; {hint}allowed: claimflow's options (see --help) and Beam "
        "pipeline options; options that only the runner reads (e.g. Flink's --checkpointing_interval) go "
        "after '--'"
    )
