"""Optional imports of third-party packages that claimflow never uses, skipped in the ``claimflow`` process.

``import apache_beam`` imports pandas whenever pandas is installed (``apache_beam.typehints`` registers its pandas
batch types), about 0.45 CPU-s of every process's start-up, more than a quarter of Beam's own import. claimflow
uses neither Beam's DataFrame API nor pandas-typed batches, and pandas is only a development dependency (the
lake's readers), so an installation without it already runs without that import. :func:`install` makes the
``claimflow`` command behave the same with pandas installed: Beam's ``apache_beam.typehints`` sees pandas as
missing, exactly as its own ``try: import pandas`` expects; any other importer, later Beam modules included, gets
pandas as usual.

Beam's MongoDB connector (``apache_beam.io.mongodbio``, imported by every ``import apache_beam``) likewise finds
no MongoDB client (bson, pymongo: another 0.13 CPU-s) and stays unusable, which claimflow never needs; the
warning Beam logs about it is dropped.

Installed by :func:`pipelines.cli.main` (so worker processes forked from it inherit it); library users who import
claimflow's modules are not affected.
"""

from __future__ import annotations

import importlib.abc
import logging
import sys
from collections.abc import Sequence
from importlib.machinery import ModuleSpec
from types import FrameType, ModuleType

#: package → the modules whose import of it is skipped (their ``__name__``)
SKIPPED: dict[str, frozenset[str]] = {
    # pyarrow asks for pandas lazily, the first time it checks whether a value is a DataFrame: in a run that is
    # the table rows' Arrow check (Table.from_pylist); anything that needs pandas later imports it as usual
    "pandas": frozenset({"apache_beam.typehints", "apache_beam.io.textio", "pipelines.rows"}),
    # MongoDB's client (bson first, then pymongo), for Beam's MongoDB connector
    "bson": frozenset({"apache_beam.io.mongodbio"}),
}


class _SkipOptional(importlib.abc.MetaPathFinder):
    """Refuses the imports of :data:`SKIPPED` made directly by the listed modules (as not installed)."""

    def find_spec(
        self, fullname: str, path: Sequence[str] | None, target: ModuleType | None = None
    ) -> ModuleSpec | None:
        importers = SKIPPED.get(fullname)
        if importers is None:
            return None
        frame: FrameType | None = sys._getframe(1)
        while frame is not None:
            name = frame.f_globals.get("__name__")
            if name in importers:
                raise ModuleNotFoundError(
                    f"{fullname} is skipped for {name} (claimflow does not use it: pipelines.lean_imports)",
                    name=fullname,
                )
            if name is not None and not name.startswith(("importlib", "_frozen_importlib")):
                return None  # imported by someone else: find it as usual
            frame = frame.f_back
        return None


_FINDER = _SkipOptional()


#: what Beam's MongoDB connector logs when it finds no MongoDB client: expected once it is skipped
_MONGO_LOGGER, _MONGO_MISSING = "apache_beam.io.mongodbio", "Could not find a compatible bson package."


def _not_mongo_missing(record: logging.LogRecord) -> bool:
    return record.getMessage() != _MONGO_MISSING


def install() -> None:
    """Skip the imports of :data:`SKIPPED` from now on in this process (idempotent)."""
    if _FINDER not in sys.meta_path:
        sys.meta_path.insert(0, _FINDER)
        logging.getLogger(_MONGO_LOGGER).addFilter(_not_mongo_missing)


def uninstall() -> None:
    """Undo :func:`install`."""
    if _FINDER in sys.meta_path:
        sys.meta_path.remove(_FINDER)
        logging.getLogger(_MONGO_LOGGER).removeFilter(_not_mongo_missing)
