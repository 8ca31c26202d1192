"""Claim fixtures in English, Russian and Ukrainian (tests/fixtures/claims/*.json, sentences written for
claimflow): every attribution type, quantities, times, hedges, negation and back-references.

Each fixture runs twice: on a blank pipeline (tokenizer + gazetteer + claims: the token-pattern fallbacks, no
model) and on ``models/<lang>`` with its tagger, parser and NER (skipped until the model is built).
"""

from __future__ import annotations

import json
from datetime import datetime
from pathlib import Path
from typing import Any

import pytest

from tests.nlp.conftest import REPO, best_match, pipeline, run_claims

FIXTURES = REPO / "tests" / "fixtures" / "claims"


def _cases() -> list[Any]:
    params = []
    for path in sorted(FIXTURES.glob("*.json")):
        data = json.loads(path.read_text(encoding="utf-8"))
        for i, case in enumerate(data["cases"]):
            for mode in ("blank", "model"):
                marks = [pytest.mark.slow] if mode == "model" else []
                params.append(
                    pytest.param(
                        data["language"],
                        data["published_at"],
                        case,
                        mode,
                        id=f"{path.stem}-{i}-{mode}",
                        marks=marks,
                    )
                )
    return params


def _languages() -> set[str]:
    return {json.loads(p.read_text(encoding="utf-8"))["language"] for p in FIXTURES.glob("*.json")}


def test_fixtures_cover_all_languages_and_attributions() -> None:
    assert _languages() == {"en", "ru", "uk"}
    seen: set[str] = set()
    for path in FIXTURES.glob("*.json"):
        for case in json.loads(path.read_text(encoding="utf-8"))["cases"]:
            seen |= {e["attribution"] for e in case["expect"] if "attribution" in e}
    assert seen == {"direct_quote", "indirect", "according_to", "unattributed"}


@pytest.mark.parametrize(("lang", "published_at", "case", "mode"), _cases())
def test_fixture(lang: str, published_at: str, case: dict[str, Any], mode: str) -> None:
    if mode in case.get("skip_modes", []):
        pytest.skip(f"not expected in {mode} mode: {case.get('why_skip', '')}")
    nlp = pipeline(lang, mode == "model")
    claims = run_claims(nlp, case["text"], datetime.fromisoformat(case.get("published_at", published_at)))
    failures = []
    for exp in case["expect"]:
        claim, reasons = best_match(exp, claims)
        if reasons:
            failures.append((exp["sentence_starts_with"], reasons, claim))
    assert not failures, failures


def test_fixture_files_are_valid_json() -> None:
    for path in FIXTURES.glob("*.json"):
        data = json.loads(Path(path).read_text(encoding="utf-8"))
        assert {"language", "published_at", "cases"} <= set(data)
