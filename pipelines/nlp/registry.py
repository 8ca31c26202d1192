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
mapped to claimflow's PER / LOC / ORG / MISC by :data:`LABEL_MAP`.
"""

from __future__ import annotations

import importlib.util
import json
from dataclasses import dataclass, replace
from pathlib import Path
from typing import Any

from pipelines.errors import ModelNotFound
from pipelines.nlp.names_only import NAMES_ONLY_NAME
from pipelines.resources import models_dir

LABELS = ("PER", "LOC", "ORG", "MISC")

#: Languages with claim-extraction rules and alias-table entries (others get entities but no claims).
SUPPORTED_CLAIM_LANGUAGES = ("en", "ru", "uk")

#: spaCy / OntoNotes / WikiNER / NER-UK labels → claimflow's labels. Labels not listed are dropped.
LABEL_MAP: dict[str, str] = {
    "PER": "PER",
    "PERS": "PER",
    "PERSON": "PER",
    "LOC": "LOC",
    "LOCATION": "LOC",
    "GPE": "LOC",
    "FAC": "LOC",
    "ORG": "ORG",
    "ORGANIZATION": "ORG",
    "NORP": "MISC",
    "MISC": "MISC",
    "EVENT": "MISC",
    "PRODUCT": "MISC",
    "WORK_OF_ART": "MISC",
    "LAW": "MISC",
    "LANGUAGE": "MISC",
}


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


def load_pipeline(language: str, spec: str | None) -> tuple[Any, str, bool]:
    """Load the pipeline for a language → (nlp, pipeline label, is_fallback).

    claimflow's own components are added: ``claimflow_paragraphs_v1`` (sentence boundaries at paragraph
    breaks) before the parser and ``claimflow_gazetteer_v1`` (alias-table entities, canonical names, label
    mapping) last, after the NER and any component that corrects its entities. Claim extraction runs in its own
    stage (:mod:`pipelines.extract_claims`).
    """
    from pipelines.nlp.claims import CLAIMS_FACTORY, GAZETTEER_FACTORY, PARAGRAPHS_FACTORY

    if spec is None:
        return fallback_pipeline(language), f"fallback:{language}", True
    info = require(language, spec)
    nlp = load_model(info)
    factories = {nlp.get_pipe_meta(n).factory: n for n in nlp.pipe_names}
    if CLAIMS_FACTORY in factories:
        nlp.remove_pipe(factories[CLAIMS_FACTORY])
    if PARAGRAPHS_FACTORY not in factories and "parser" in nlp.pipe_names:
        nlp.add_pipe(PARAGRAPHS_FACTORY, before="parser")
    if GAZETTEER_FACTORY not in factories and language in SUPPORTED_CLAIM_LANGUAGES:
        nlp.add_pipe(GAZETTEER_FACTORY, last=True)
    return nlp, f"{info.name}@{info.version}", False


def fallback_pipeline(language: str) -> Any:
    import spacy
    from spacy.util import get_lang_class

    try:
        get_lang_class(language)
        nlp = spacy.blank(language)
    except Exception:
        nlp = spacy.blank("xx")
    nlp.add_pipe("sentencizer")
    return nlp
