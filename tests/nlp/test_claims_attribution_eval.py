"""PolNeAR evaluation: brat reading, the overlap criterion, and a run on a tiny split written for the test
(plus a slow run on real dev documents when ../shared is present)."""

from __future__ import annotations

from pathlib import Path

import pytest

from pipelines.nlp.claims.attribution_eval import _match, _ok, documents, evaluate_polnear, read_ann
from tests.nlp.conftest import model_ready, pipeline, shared_dir

TEXT = "The mayor said that the bridge was closed. Officials denied it, according to the local paper.\n"


def _at(phrase: str) -> str:
    i = TEXT.index(phrase)
    return f"{i} {i + len(phrase)}\t{phrase}"


_DENIED, _IT = TEXT.index("Officials denied"), TEXT.index("it,")
ANN = (
    f"T1\tSource {_at('The mayor')}\n"
    f"T2\tCue {_at('said')}\n"
    f"T3\tContent {_at('that the bridge was closed')}\n"
    f"T4\tAttribution {_at('said')}\n"
    "E1\tAttribution:T4 Content:T3 Cue:T2 Source:T1\n"
    f"T5\tContent {_DENIED} {_DENIED + 16};{_IT} {_IT + 2}\tOfficials denied it\n"
    f"T6\tCue {_at('according to')}\n"
    f"T7\tSource {_at('the local paper')}\n"
    f"T8\tAttribution {_at('according to')}\n"
    "E2\tAttribution:T8 Content:T5 Cue:T6 Source:T7\n"
)


def _split(tmp_path: Path) -> Path:
    split = tmp_path / "dev"
    (split / "text").mkdir(parents=True)
    (split / "attributions").mkdir()
    (split / "text" / "doc-a.txt").write_text(TEXT, encoding="utf-8")
    (split / "attributions" / "doc-a_ab12.ann").write_text(ANN, encoding="utf-8")
    (split / "attributions" / "doc-a_cd34.ann").write_text("", encoding="utf-8")
    return split


def test_read_ann_handles_discontinuous_spans(tmp_path: Path) -> None:
    split = _split(tmp_path)
    gold = read_ann(split / "attributions" / "doc-a_ab12.ann", TEXT)
    assert len(gold) == 2
    assert "".join(TEXT[i] for i in sorted(gold[0].source)) == "The mayor"
    assert "".join(TEXT[i] for i in sorted(gold[1].content)) == "Officials deniedit"


def test_first_annotator_file_is_used(tmp_path: Path) -> None:
    ((name, _, ann),) = documents(_split(tmp_path))
    assert name == "doc-a" and ann.name == "doc-a_ab12.ann"


def test_overlap_criterion() -> None:
    gold = frozenset(range(0, 10))
    assert _ok(frozenset(range(0, 10)), gold, "exact") == 1.0
    assert _ok(frozenset(range(0, 6)), gold, "overlap50") == pytest.approx(0.6)
    assert _ok(frozenset(range(0, 4)), gold, "overlap50") == 0.0
    assert _ok(frozenset(range(0, 4)), gold, "any") > 0
    # one-to-one: two predictions cannot both match one gold span
    assert _match([frozenset(range(0, 9)), frozenset(range(1, 10))], [gold], "overlap50") == 1


def test_evaluate_on_a_tiny_split(tmp_path: Path) -> None:
    report = evaluate_polnear(_split(tmp_path), pipeline("en", False))
    assert report.documents == 1 and report.gold_attributions == 2
    for role in ("source", "cue", "content"):
        s = report.score(role)
        assert s.n_gold == 2
        assert s.recall == 1.0, (role, report.format_table())
    assert "overlap50" in report.format_table()


@pytest.mark.slow
def test_polnear_dev_sample() -> None:
    split = shared_dir() / "corpora" / "attribution" / "en" / "PolNeAR" / "data" / "dev"
    if not split.is_dir():
        pytest.skip(f"PolNeAR not found under {split}")
    if not model_ready("en"):
        pytest.skip("models/en is not built")
    report = evaluate_polnear(split, pipeline("en", True), limit=5)
    print(report.format_table())
    assert report.documents == 5
    assert report.score("cue").f1 > 0.3
