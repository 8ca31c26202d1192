"""benchmarks/claims_changes.py pairs the claims of two runs by document and cue and reports what a change to the
claims layer added, dropped or changed; it never writes a run into the repository."""

from __future__ import annotations

import importlib.util
import sys
from pathlib import Path
from types import ModuleType
from typing import Any

import pytest

REPO = Path(__file__).resolve().parents[2]


def _module() -> ModuleType:
    sys.path.insert(0, str(REPO / "benchmarks"))
    spec = importlib.util.spec_from_file_location("claims_changes", REPO / "benchmarks" / "claims_changes.py")
    assert spec and spec.loader
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def _row(doc: str, cue: list[int] | None, content: list[int], **kw: Any) -> dict[str, Any]:
    row = {"lang": "en", "corpus": "c", "doc": doc, "digest": "d-" + doc, "attribution": "indirect"}
    row.update(cue_span=cue, claimant_span=[0, 3], content_span=content)
    row.update(kw)
    return row


def test_changes_pairs_claims_by_cue_and_names_what_moved() -> None:
    changes = _module().changes
    before = [
        _row("a", [10, 14], [20, 40]),
        _row("a", [50, 54], [60, 70]),
        _row("b", None, [0, 30], attribution="unattributed", claimant_span=None),
    ]
    after = [
        _row("a", [10, 14], [0, 40]),  # the content grew
        _row("b", None, [0, 30], attribution="unattributed", claimant_span=None),
        _row("b", [31, 35], [40, 60]),  # a new claim
    ]
    found = [(kind, (a or b)["doc"]) for kind, a, b in changes(before, after)]
    assert sorted(found) == [("added", "b"), ("changed", "a"), ("dropped", "a")]
    assert changes(before, before) == []


def test_changes_refuses_documents_whose_text_changed() -> None:
    before = [_row("a", [10, 14], [20, 40])]
    with pytest.raises(SystemExit, match="digest"):
        _module().changes(before, [_row("a", [10, 14], [20, 40], digest="other")])


def test_a_run_is_never_written_into_the_repository() -> None:
    with pytest.raises(SystemExit, match="inside the repository"):
        _module().main(["run", "--out", str(REPO / "claims-run.jsonl"), "--corpus", "en:x"])
