"""Shared helpers of the claim tests: pipelines, the shared-data location and the loose claim matcher.

Matching follows the rules of ``seed_expected.json``: a claim matches an expectation when its sentence starts
with ``sentence_starts_with``, its content contains every phrase of ``content_must_contain`` and every other
field given is equal (strings case-insensitively; lists of strings as sets; lists of dicts element-wise on the
keys given; numbers as floats).
"""

from __future__ import annotations

import importlib.util
import os
import sys
from datetime import datetime
from functools import lru_cache
from pathlib import Path
from types import ModuleType
from typing import Any

import pytest
import spacy
from spacy.language import Language

from pipelines.nlp.assemble import add_components, build_nlp

REPO = Path(__file__).resolve().parents[2]
MODELS = REPO / "models"


def fake_glove_package(path: Path, words: list[str], table: Any) -> Path:
    """A tarball shaped like the npm package ``training/vectors.py`` reads (``package/<name>.json``: the words,
    most frequent first, and per word its vector followed by its norm and index), for tests without the
    network. ``table`` is a float array of one row per word."""
    import io
    import json
    import tarfile

    import numpy as np

    from training import vectors

    data = {
        "words": words,
        "vectors": {
            w: [*map(float, table[i]), float(np.linalg.norm(table[i])), i] for i, w in enumerate(words)
        },
    }
    raw = json.dumps(data).encode()
    with tarfile.open(path, "w:gz") as tar:
        info = tarfile.TarInfo(f"package/{vectors.PACKAGE}.json")
        info.size = len(raw)
        tar.addfile(info, io.BytesIO(raw))
    return path


def shared_dir() -> Path:
    env = os.environ.get("CLAIMFLOW_SHARED")
    return Path(env) if env else (REPO / ".." / "shared").resolve()


#: a test that reads third-party documents from ../shared/corpora: skipped only when that directory is absent
needs_corpora = pytest.mark.skipif(
    not (shared_dir() / "corpora").is_dir(), reason="../shared/corpora is absent (set CLAIMFLOW_SHARED)"
)


def model_path(lang: str) -> Path:
    """models/<lang>, or the pipeline named by CLAIMFLOW_TEST_MODEL_<LANG> (e.g. to test another model)."""
    override = os.environ.get(f"CLAIMFLOW_TEST_MODEL_{lang.upper()}")
    return Path(override) if override else MODELS / lang


def model_ready(lang: str) -> bool:
    path = model_path(lang)
    if os.environ.get(f"CLAIMFLOW_TEST_MODEL_{lang.upper()}"):
        return (path / "meta.json").exists()
    return (path / "READY").exists() and (path / "meta.json").exists()


@lru_cache(maxsize=8)
def pipeline(lang: str, use_model: bool) -> Language:
    """models/<lang> assembled as the pipeline assembles it, or (use_model=False) a blank pipeline with the
    claimflow components."""
    if use_model:
        if not model_ready(lang):
            pytest.skip(f"models/{lang} is not built (no READY file)")
        return build_nlp(lang, str(model_path(lang)))[0]
    return add_components(spacy.blank(lang))


def run_claims(
    nlp: Language, text: str, published_at: datetime | None, title: str | None = None
) -> list[dict[str, Any]]:
    doc = nlp.make_doc(text)
    doc._.published_at = published_at
    doc._.title = title
    doc = next(iter(nlp.pipe([doc])))
    return [claim.as_dict() for claim in doc._.claims]


def claim_triples(lang: str, text: str, published_at: datetime | None) -> list[tuple[str, str | None, str]]:
    """(attribution, claimant, content) of each claim of ``text`` through the ``lang`` model pipeline."""
    return [
        (c["attribution"], c["claimant"], c["content"])
        for c in run_claims(pipeline(lang, True), text, published_at)
    ]


def holding(claims: list[dict[str, Any]], words: str) -> dict[str, Any]:
    """The first of ``claims`` whose content holds ``words`` (failing with every claimant and content if none)."""
    found = [c for c in claims if words in c["content"]]
    assert found, f"no claim holds {words!r}: {[(c['claimant'], c['content']) for c in claims]}"
    return found[0]


def _norm(v: Any) -> Any:
    if isinstance(v, str):
        return v.casefold()
    if isinstance(v, int | float) and not isinstance(v, bool):
        return float(v)
    return v


def _dict_ok(expected: dict[str, Any], actual: dict[str, Any]) -> bool:
    return all(_norm(actual.get(k)) == _norm(v) for k, v in expected.items())


def field_mismatch(name: str, expected: Any, actual: Any) -> str | None:
    """None when ``actual`` satisfies ``expected``, else a short reason."""
    if isinstance(expected, list):
        if not isinstance(actual, list):
            return f"{name}: expected list {expected!r}, got {actual!r}"
        if expected and isinstance(expected[0], dict):
            if len(actual) != len(expected):
                return f"{name}: expected {len(expected)} item(s) {expected!r}, got {actual!r}"
            pool = list(actual)
            for e in expected:
                hit = next((a for a in pool if _dict_ok(e, a)), None)
                if hit is None:
                    return f"{name}: no item matches {e!r} in {actual!r}"
                pool.remove(hit)
            return None
        if {_norm(x) for x in expected} != {_norm(x) for x in actual}:
            return f"{name}: expected {expected!r}, got {actual!r}"
        return None
    if _norm(expected) != _norm(actual):
        return f"{name}: expected {expected!r}, got {actual!r}"
    return None


_META = {"sentence_starts_with", "content_must_contain", "note"}


def claim_mismatches(expected: dict[str, Any], claim: dict[str, Any]) -> list[str]:
    reasons: list[str] = []
    if not claim["sentence"].startswith(expected["sentence_starts_with"]):
        reasons.append("sentence")
    for phrase in expected.get("content_must_contain", []):
        if phrase.casefold() not in claim["content"].casefold():
            reasons.append(f"content lacks {phrase!r}")
    for key, value in expected.items():
        if key in _META:
            continue
        if key not in claim:
            reasons.append(f"{key}: not a claim field")
            continue
        why = field_mismatch(key, value, claim[key])
        if why:
            reasons.append(why)
    return reasons


def best_match(
    expected: dict[str, Any], claims: list[dict[str, Any]]
) -> tuple[dict[str, Any] | None, list[str]]:
    """The claim of the expected sentence with the fewest mismatches (empty list = match)."""
    candidates = [c for c in claims if c["sentence"].startswith(expected["sentence_starts_with"])]
    if not candidates:
        return None, ["no claim with this sentence"]
    scored = sorted(
        ((claim_mismatches(expected, c), i) for i, c in enumerate(candidates)), key=lambda x: len(x[0])
    )
    reasons, i = scored[0]
    return candidates[i], reasons


def event_share_module() -> ModuleType:
    """``benchmarks/event_share.py`` as a module (the judged-row tests read its corpora and digests)."""
    path = Path(__file__).resolve().parents[2] / "benchmarks" / "event_share.py"
    spec = importlib.util.spec_from_file_location("event_share", path)
    assert spec and spec.loader
    module = importlib.util.module_from_spec(spec)
    sys.modules["event_share"] = module
    spec.loader.exec_module(module)
    return module
