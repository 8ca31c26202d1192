"""Where claimflow finds its bundled data: ``schemas/`` and ``models/``.

In a source checkout they sit beside the package; in an installed wheel they are bundled inside it
(``pipelines/_bundled``). One lookup serves both, so workers on a distributed runner find the same files.
"""

from __future__ import annotations

from pathlib import Path

_PACKAGE_DIR = Path(__file__).resolve().parent


def _bundled(name: str) -> Path:
    inside = _PACKAGE_DIR / "_bundled" / name
    if inside.is_dir():
        return inside
    return _PACKAGE_DIR.parent / name


def schemas_dir() -> Path:
    """The directory holding the JSON Schema of messages and the table schemas."""
    return _bundled("schemas")


def models_dir() -> Path:
    """The directory holding the bundled spaCy pipelines (one sub-directory per language)."""
    return _bundled("models")


def data_dir() -> Path:
    """Package data: alias tables, lexicons."""
    return _PACKAGE_DIR / "data"


def samples_dir() -> Path:
    """The bundled demo articles (present in a source checkout)."""
    return _PACKAGE_DIR.parent / "samples"
