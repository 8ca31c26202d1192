"""The held-out Russian quotation set (benchmarks/eval_quotations.py): the gold offsets still address the
factRuEval-2016 texts they were annotated on, and the scorer counts what it says it counts."""

from __future__ import annotations

from dataclasses import dataclass

import pytest

from benchmarks import eval_quotations as q
from tests.conftest import shared_path


def test_every_gold_quotation_resolves_inside_quotation_marks() -> None:
    corpus = shared_path("corpora", "ner", "ru", "factRuEval-2016", "devset")
    texts = dict(q.articles(corpus))
    gold = q.load_gold(texts)
    assert len(gold) >= 90
    for g in gold:
        text = texts[g.doc]
        regions = q.quoted_regions(text)
        lo, hi = g.content[0][0], g.content[-1][1]
        assert any(a < lo and hi < b for a, b in regions), (g.doc, lo, hi)
        for s, e in (*g.source, *g.cue, *g.ref):
            assert 0 <= s < e <= len(text) and text[s:e].strip(), (g.doc, s, e)


def test_a_changed_text_is_named() -> None:
    with pytest.raises(ValueError, match="book_142"):
        q.load_gold({"book_142": "another text"})


@dataclass
class _Claim:
    content_start: int
    content_end: int
    claimant: str | None
    cue_text: str | None


def test_scoring_counts_content_speaker_and_cue() -> None:
    text = "«Мы не уйдём из города, пока идёт война», — сказал Иван Петров журналистам."
    gold = [q.GoldQuote("d", content=((1, 40),), source=((51, 62),), cue=((44, 50),))]
    report = q.Report()
    report.add("d", text, [_Claim(1, 40, "Иван Петров", "сказал")], gold)
    assert [report.roles[r].hit for r in q.ROLES] == [1, 1, 1]
    wrong = q.Report()
    # a claim cut at the comma, with the addressee as speaker: content and speaker are wrong
    wrong.add("d", text, [_Claim(1, 12, "журналистам", "сказал")], gold)
    assert [wrong.roles[r].hit for r in q.ROLES] == [0, 0, 0]
    assert wrong.roles["content"].pred == 1 and wrong.roles["source"].gold == 1
    outside = q.Report()
    outside.add("d", "Иван Петров: мы не уйдём.", [_Claim(13, 24, "Иван Петров", None)], [])
    assert outside.outside == 1 and outside.roles["content"].pred == 0
