"""Seed acceptance: the English pipeline (models/en + claim components) on the product owner's seed article.

Prints a per-claim result table and asserts that all 17 expected claims match (issue 17's acceptance; matching rules
in ``seed_expected.json`` "about", implemented in ``conftest.claim_mismatches``). Skips when ../shared or the
English model is absent.
"""

from __future__ import annotations

import json
from datetime import datetime
from typing import Any

import pytest

from tests.nlp.conftest import best_match, model_ready, pipeline, run_claims, shared_dir

#: all of them (issue 17): with a floor of 15 the test passed at 16/17 while "According to the source" lost Deep
#: State to an object taken for a source after the cue (fixed in phrases._subject_verb_object)
REQUIRED = 17


def _seed() -> tuple[str, dict[str, Any]]:
    seed = shared_dir() / "seed"
    if not (seed / "seed_article.txt").is_file() or not (seed / "seed_expected.json").is_file():
        pytest.skip(f"seed data not found under {seed} (set CLAIMFLOW_SHARED)")
    text = (seed / "seed_article.txt").read_text(encoding="utf-8")
    expected = json.loads((seed / "seed_expected.json").read_text(encoding="utf-8"))
    return text, expected


def seed_report(nlp: Any) -> tuple[int, int, str]:
    text, expected = _seed()
    published_at = datetime.fromisoformat(expected["message"]["published_at"])
    # the title too, as the pipeline sets it
    claims = run_claims(nlp, text, published_at, expected["message"].get("title"))
    lines = [
        f"{'#':>2}  {'ok':<3} {'sentence':<44} {'got (attribution / claimant / cue / event)':<62} mismatches"
    ]
    matched = 0
    for i, exp in enumerate(expected["claims"], start=1):
        claim, reasons = best_match(exp, claims)
        ok = not reasons
        matched += ok
        got = (
            "-"
            if claim is None
            else (f"{claim['attribution']} / {claim['claimant']} / {claim['cue']} / {claim['event_type']}")
        )
        lines.append(
            f"{i:>2}  {'yes' if ok else 'NO':<3} {exp['sentence_starts_with'][:44]:<44} {got[:62]:<62} "
            f"{'; '.join(reasons)}"
        )
    lines.append(f"matched {matched}/{len(expected['claims'])}")
    return matched, len(expected["claims"]), "\n".join(lines)


def test_seed_entities_have_canonical_names() -> None:
    if not model_ready("en"):
        pytest.skip("models/en is not built")
    text, expected = _seed()
    nlp = pipeline("en", True)
    doc = nlp(text)
    ents = {(e.text, e.label_): e._.canonical for e in doc.ents}
    missing = []
    for want in expected["entities_must_include"]:
        key = (want["text"], want["label"])
        if (
            key not in ents
            and not any(t == want["text"] or t.startswith(want["text"] + " ") for t, _ in ents)
        ) or ("canonical" in want and ents.get(key) != want["canonical"]):
            missing.append(want)
    print("entities missing or mis-canonicalised:", missing)
    assert len(missing) <= 3, missing


def test_seed_claims() -> None:
    if not model_ready("en"):
        pytest.skip("models/en is not built")
    nlp = pipeline("en", True)
    matched, total, table = seed_report(nlp)
    print(table)
    assert total == 17
    assert matched >= REQUIRED, table
