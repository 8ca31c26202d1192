"""Base class for spaCy components whose data comes from an installed package, not from the pipeline directory."""

from __future__ import annotations

from collections.abc import Iterable
from typing import Any, Self


class PackagedDataComponent:
    """Serialises to nothing: the component's weights or dictionaries ship in a PyPI package (natasha,
    pymorphy3-dicts-*) and are loaded when the component is created, so a saved pipeline stores only its config."""

    def to_disk(self, path: Any, *, exclude: Iterable[str] = ()) -> None:
        return None

    def from_disk(self, path: Any, *, exclude: Iterable[str] = ()) -> Self:
        return self

    def to_bytes(self, *, exclude: Iterable[str] = ()) -> bytes:
        return b""

    def from_bytes(self, data: bytes, *, exclude: Iterable[str] = ()) -> Self:
        return self
