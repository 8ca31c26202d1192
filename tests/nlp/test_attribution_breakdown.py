"""benchmarks/attribution_breakdown.py runs on one PolNeAR dev article (it reads the evaluator's internals, which
it once lost track of unnoticed)."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import pytest

from tests.nlp.conftest import model_ready, shared_dir

REPO = Path(__file__).resolve().parents[2]


@pytest.mark.slow
def test_the_breakdown_runs_on_one_article() -> None:
    if not (shared_dir() / "corpora" / "attribution" / "en" / "PolNeAR").is_dir():
        pytest.skip("../shared/corpora/attribution/en/PolNeAR is absent")
    if not model_ready("en") or not (REPO / "models" / "en-attribution" / "meta.json").exists():
        pytest.skip("models/en or models/en-attribution is not built")
    done = subprocess.run(
        [
            sys.executable,
            "benchmarks/attribution_breakdown.py",
            "--limit",
            "1",
            "--policy",
            "tagger_corpus_clause",
        ],
        cwd=REPO,
        capture_output=True,
        text=True,
        timeout=300,
    )
    assert done.returncode == 0, done.stderr[-2000:]
    assert "PolNeAR dev, 1 documents" in done.stdout and "source: gold" in done.stdout
