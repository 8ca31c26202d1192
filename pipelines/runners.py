"""Runner names: the ones claimflow accepts beyond Beam's own, and which runners execute on this machine.

Beam resolves ``--runner`` by short name only for the runners in ``StandardOptions.ALL_KNOWN_RUNNERS``
(DirectRunner, PrismRunner, FlinkRunner, DataflowRunner, …); anything else must be a class path. Beam 2.62.0
does not list its in-process portable runner there, so ``--runner FnApiRunner`` would fail inside Beam with
"Unexpected pipeline runner". claimflow's default is that runner, so claimflow names it by class path and maps
the short name a user types (``FnApiRunner``, any case, with or without ``Runner``) to it.
"""

from __future__ import annotations

#: Beam's in-process portable runner (the default of ``claimflow run``).
FN_API_RUNNER = "apache_beam.runners.portability.fn_api_runner.FnApiRunner"

#: Short names claimflow maps to a class path, lower case, without a trailing "runner".
_ALIASES = {"fnapi": FN_API_RUNNER}

#: Runners that execute on this machine for this process: in it, or as the prism binary it starts and stops.
_LOCAL = {"direct", "switchingdirect", "bundlebaseddirect", "testdirect", "fnapi", "prism"}


def _key(runner: str) -> str:
    name = runner.rsplit(".", 1)[-1].lower()
    return name[: -len("runner")] if name.endswith("runner") and name != "runner" else name


def resolve_runner(runner: str) -> str:
    """``runner`` as Beam can load it: claimflow's short names as class paths, anything else unchanged."""
    if "." in runner:
        return runner
    return _ALIASES.get(_key(runner), runner)


def is_local_runner(runner: str) -> bool:
    """Whether ``runner`` (a short name or class path) executes on this machine for this process."""
    return _key(runner) in _LOCAL
