"""The model registry: which spaCy pipeline serves which language, and how it is loaded.

A model spec is one of:

- ``bundled:<lang>`` — the compact pipeline shipped with claimflow in ``models/<lang>`` (trained by
  ``make models`` from public corpora; see each ``MODEL_CARD.md``);
- ``bundled:<lang>-names`` — the same pipeline with its disabled ``names_only`` component enabled: PER/LOC/ORG
  entities only where they are names (``models/ru``: factRuEval's convention instead of NEREL's);
- an installed package name — ``en_core_web_sm``, ``ru_core_news_lg``, ``uk_core_news_trf`` …;
- a filesystem path to a pipeline directory.

Languages without a spec get a fallback: a blank pipeline with a rule-based sentencizer (no entities, no
claims), flagged in the ``articles`` table (``nlp_fallback = true``). Official pipelines' NER labels are
mapped to claimflow's PER / LOC / ORG / MISC by :data:`pipelines.nlp.labels.LABEL_MAP`. The pipelines are
assembled (claimflow's components added) by :mod:`pipelines.nlp.assemble`.
"""

from __future__ import annotations

import importlib.util
import json
from dataclasses import dataclass, replace
from pathlib import Path
from typing import Any

from pipelines.errors import ModelNotFound
from pipelines.nlp.labels import LABEL_MAP, LABELS
from pipelines.nlp.names_only import NAMES_ONLY_NAME
from pipelines.resources import models_dir

#: ``bundled:<lang><suffix>`` loads ``models/<lang>`` with this disabled component enabled.
BUNDLED_SWITCHES = {"-names": NAMES_ONLY_NAME}


@dataclass(frozen=True, slots=True)
class ModelInfo:
    language: str
    spec: str
    location: str  # a path or a package name
    name: str
    version: str
    installed: bool
    enable: tuple[str, ...] = ()  # disabled components of the pipeline to enable when it is loaded
    problem: str = ""  # why an existing pipeline cannot serve the spec


def resolve(language: str, spec: str) -> ModelInfo:
    """Where a spec points and whether it is there, without loading it."""
    if spec.startswith("bundled:"):
        lang = spec.removeprefix("bundled:") or language
        for suffix, component in BUNDLED_SWITCHES.items():
            if lang.endswith(suffix) and not (models_dir() / lang).exists():
                return _switch(
                    _info_from_path(language, spec, models_dir() / lang.removesuffix(suffix)), component
                )
        return _info_from_path(language, spec, models_dir() / lang)
    path = Path(spec).expanduser()
    if path.exists() or "/" in spec or spec.startswith("."):
        return _info_from_path(language, spec, path)
    installed = importlib.util.find_spec(spec) is not None
    version = "?"
    if installed:
        from importlib.metadata import PackageNotFoundError
        from importlib.metadata import version as pkg_version

        try:
            version = pkg_version(spec)
        except PackageNotFoundError:
            version = "?"
    return ModelInfo(language, spec, spec, spec, version, installed)


def _info_from_path(language: str, spec: str, path: Path) -> ModelInfo:
    meta_path = path / "meta.json"
    if not meta_path.is_file():
        return ModelInfo(language, spec, str(path), path.name, "?", False)
    meta: dict[str, Any] = json.loads(meta_path.read_text("utf-8"))
    name = f"{meta.get('lang', language)}_{meta.get('name', path.name)}"
    return ModelInfo(language, spec, str(path), name, str(meta.get("version", "?")), True)


def _switch(info: ModelInfo, component: str) -> ModelInfo:
    """``info`` with ``component`` to enable, or not installed when the pipeline has no such component."""
    if not info.installed:
        return info
    meta = json.loads((Path(info.location) / "meta.json").read_text("utf-8"))
    if component not in meta.get("disabled", []):
        return replace(
            info, installed=False, problem=f"{info.location} has no disabled {component!r} component"
        )
    return replace(info, name=f"{info.name}+{component}", enable=(component,))


def load_model(info: ModelInfo) -> Any:
    """spaCy's ``load`` of a resolved model, with the components ``info.enable`` names enabled."""
    import spacy

    nlp = spacy.load(info.location)
    for name in info.enable:
        nlp.enable_pipe(name)
    return nlp


def require(language: str, spec: str) -> ModelInfo:
    """Like :func:`resolve`, but raise :class:`ModelNotFound` when the model is not there."""
    info = resolve(language, spec)
    if not info.installed:
        what = info.problem or (
            "not a pipeline directory (no meta.json)" if "/" in info.location else "not installed"
        )
        raise ModelNotFound(
            f"model for '{language}': received {spec!r}, which is {what}"
            + "; allowed: bundled:<lang> (run `make models`), bundled:<lang>-names where that pipeline has a "
            "names_only component, an installed spaCy package (`claimflow models install en_core_web_sm`) or "
            "a path to a pipeline directory"
        )
    return info


__all__ = [
    "BUNDLED_SWITCHES",
    "LABELS",
    "LABEL_MAP",
    "ModelInfo",
    "load_model",
    "require",
    "resolve",
]
