"""Remembering what Beam would otherwise recompute for every chunk: the state and timer specs of a DoFn class.

Beam 2.62.0 asks ``apache_beam.transforms.userstate.get_dofn_specs`` for a DoFn's state and timer parameters
each time it builds a ``ParDo``, turns the graph into its proto and sets up a bundle, and every call inspects
the signature of every method of the DoFn (``dir(dofn)``): about 8,700 ``inspect.signature`` calls for one
chunk of ``claimflow run``, a quarter of the CPU time of a warm one-article ``--follow`` batch (profiled). The
answer depends only on the class's methods and their default arguments, so :func:`install` makes Beam remember
it per class. A DoFn that carries bound methods as instance attributes (Beam's ``Map``/``FlatMap`` wrapper
around a bound method) is inspected every time, as before; so is one whose attributes cannot be listed.
Callers get fresh sets, so nothing they do changes the remembered answer.

Installed once per process by :mod:`pipelines.job` (worker processes import it too).
"""

from __future__ import annotations

import types
from typing import Any

from apache_beam.transforms import userstate

_ORIGINAL = userstate.get_dofn_specs
_SPECS: dict[type, tuple[frozenset[Any], frozenset[Any]]] = {}


def _original(dofn: Any) -> tuple[set[Any], set[Any]]:
    state, timers = _ORIGINAL(dofn)
    return set(state), set(timers)


def dofn_specs(dofn: Any) -> tuple[set[Any], set[Any]]:
    """``userstate.get_dofn_specs``, remembered per DoFn class."""
    try:
        attributes = vars(dofn).values()
    except TypeError:  # no __dict__: nothing to tell instances apart by, ask Beam
        return _original(dofn)
    if any(isinstance(value, types.MethodType) for value in attributes):
        return _original(dofn)
    key = type(dofn)
    specs = _SPECS.get(key)
    if specs is None:
        state, timers = _original(dofn)
        specs = _SPECS[key] = (frozenset(state), frozenset(timers))
    return set(specs[0]), set(specs[1])


def install() -> None:
    """Make Beam use :func:`dofn_specs` (idempotent). Every Beam caller looks the function up on the module."""
    userstate.get_dofn_specs = dofn_specs
