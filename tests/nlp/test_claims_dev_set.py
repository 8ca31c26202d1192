"""The claims development set (tests/data/claims_dev) stays consistent: built from its sources, every annotated
snippet where its offsets say, articles that follow the article contract, a style-stratified split, and judged
files with a verdict on every row. Also the matching rules of the scorer (benchmarks/eval_claims_dev.py).

Fast: reads files only, no model. When the written files are stale, rebuild them with
``.venv/bin/python tests/data/claims_dev/build.py``.
"""

from __future__ import annotations

import importlib.util
import json
import sys
from collections import Counter
from pathlib import Path
from types import ModuleType
from typing import Any

import jsonschema
import pytest

from tests.nlp.conftest import needs_corpora

REPO = Path(__file__).resolve().parents[2]
DATA = REPO / "tests" / "data" / "claims_dev"
LANGS = ("en", "ru", "uk")
SPLITS = ("dev", "dev2", "dev3", "dev4", "dev5", "dev6")
BUILD = "tests/data/claims_dev/build.py"


def _module(path: Path, name: str) -> ModuleType:
    spec = importlib.util.spec_from_file_location(name, path)
    assert spec and spec.loader
    module = importlib.util.module_from_spec(spec)
    sys.modules[name] = module  # dataclasses look their module up while the class is built
    spec.loader.exec_module(module)
    return module


build = _module(DATA / "build.py", "claims_dev_build")
scorer = _module(REPO / "benchmarks" / "eval_claims_dev.py", "eval_claims_dev")
judge = _module(REPO / "benchmarks" / "judge_claims_dev.py", "judge_claims_dev")


def _lines(path: Path) -> list[dict[str, Any]]:
    return [json.loads(x) for x in path.read_text("utf-8").splitlines()]


def _pairs(lang: str, split: str) -> list[tuple[dict[str, Any], dict[str, Any]]]:
    if split in build.FRESH_SPLITS and not (DATA / lang / f"{split}.articles.jsonl").exists():
        return []  # a fresh held-back split exists only where one was written
    arts = _lines(DATA / lang / f"{split}.articles.jsonl")
    gold = _lines(DATA / lang / f"{split}.gold.jsonl")
    assert [a["id"] for a in arts] == [g["id"] for g in gold], f"{lang}/{split}: ids differ; run {BUILD}"
    return list(zip(arts, gold, strict=True))


def test_written_files_are_built_from_the_sources() -> None:
    stale = [
        str(p.relative_to(REPO))
        for p, body in build.build().items()
        if not p.exists() or p.read_text("utf-8") != body
    ]
    assert not stale, f"stale dev-set files {stale}: run {BUILD}"


def test_locate_fails_loudly_on_missing_and_ambiguous_snippets() -> None:
    text = "He said it. The chief said he would go. She said so."
    with pytest.raises(build.BuildError, match="occurs 3 times"):
        build.locate(text, "said", "t")
    with pytest.raises(build.BuildError, match="not found"):
        build.locate(text, "told", "t")
    assert build.locate(text, "said@2", "t").start == text.index("said", 5)
    assert build.locate(text, "he", "t").start == text.index("he would")  # not inside "The", "chief", "She"
    anchor = build.locate(text, "he would go", "t")
    assert build.locate_near(text, "said", anchor, "t").start == text.index("said", 5)


@pytest.mark.parametrize("lang", LANGS)
def test_every_snippet_is_where_its_offsets_say(lang: str) -> None:
    kinds = set(build.CLAIM_TYPES.values())
    for split in SPLITS:
        for article, gold in _pairs(lang, split):
            text, where = article["text"], f"{lang}/{split}/{article['id']}"
            assert gold["split"] == split and gold["style"] in build.STYLES, where
            assert gold["claims"], f"{where}: no claims annotated"
            for claim in gold["claims"]:
                assert claim["type"] in kinds, where
                parts = [claim[k] for k in ("content", "claimant", "cue", "addressee") if claim[k]]
                for part in parts:
                    assert text[part["start"] : part["end"]] == part["text"], f"{where}: {part}"
                attributed = claim["type"] in ("direct_quote", "indirect", "according_to")
                assert attributed == bool(claim["claimant"] and claim["cue"]), f"{where}: {claim}"
                core = [
                    claim[k] for k in ("content", "claimant", "cue") if claim[k]
                ]  # the addressee is not in span
                assert claim["span"]["start"] == min(p["start"] for p in core), where
                assert claim["span"]["end"] == max(p["end"] for p in core), where
                if claim["type"] == "transcript":
                    assert claim["claimant_canonical"], f"{where}: a transcript claim names its speaker"
            for nc in gold["non_claims"]:
                assert nc["kind"] in build.NON_CLAIM_KINDS, where
                assert text[nc["start"] : nc["end"]] == nc["text"], f"{where}: {nc}"


def test_articles_follow_the_article_contract() -> None:
    schema = json.loads((REPO / "schemas" / "article.schema.json").read_text("utf-8"))
    validator = jsonschema.Draft202012Validator(schema)
    ids: Counter[str] = Counter()
    for lang in LANGS:
        for split in SPLITS:
            for article, _ in _pairs(lang, split):
                errors = [e.message for e in validator.iter_errors(article)]
                assert not errors, f"{article['id']}: {errors}"
                assert article["language_hint"] == lang
                ids[article["id"]] += 1
    assert not [i for i, n in ids.items() if n > 1]


@pytest.mark.parametrize("lang", LANGS)
def test_split_is_a_third_of_each_style(lang: str) -> None:
    """Every third article of a style is in dev2, counting the articles that do not name their split; the ones
    that do (``split: dev`` / ``dev3`` / ``dev4`` / ``dev5`` / ``dev6``) are where they say."""
    named = {
        item["article"]["id"]: item["split"]
        for src in sorted((DATA / "src" / lang).glob("*.txt"))
        for item in build.parse_source(src, lang)
        if item["split"]
    }
    per: dict[str, Counter[str]] = {s: Counter() for s in SPLITS}
    for split in SPLITS:
        for _, gold in _pairs(lang, split):
            if gold["id"] in named:
                assert named[gold["id"]] == split, gold["id"]
            else:
                per[split][gold["style"]] += 1
    assert not any(per[s] for s in build.FRESH_SPLITS)
    total = per["dev"] + per["dev2"]
    assert sum(total.values()) >= 36 and set(total) == set(build.STYLES)
    for style, n in total.items():
        assert per["dev2"][style] == n // 3, (lang, style, n, per["dev2"][style])


def test_judged_files_have_a_verdict_and_reason_on_every_row() -> None:
    files = sorted((DATA / "judged").glob("*.jsonl"))
    assert {f.name.split("-")[0] for f in files} >= set(LANGS)
    largest: dict[str, int] = {}
    for path in files:
        lang = path.name.split("-")[0]
        # held-back splits only: dev2, and the fresh ones (dev3 to dev6) where they exist
        texts = {
            a["id"]: a["text"] for split in ("dev2", *build.FRESH_SPLITS) for a, _ in _pairs(lang, split)
        }
        n, who, what = judge.precision(path)
        largest[lang] = max(largest.get(lang, 0), n)
        assert n >= 10 and 0 <= who <= n and 0 <= what <= n
        for row in _lines(path):
            assert row["id"] in texts, f"{path.name}: {row['id']} is not an article of a held-back split"
            assert texts[row["id"]][row["content_start"] : row["content_end"]] == row["content"], path.name
    # a re-check may judge 10 rows; the precision issue 17 asks for rests on at least 30 per language
    assert all(largest[lang] >= 30 for lang in LANGS), largest


REAL_KEYS = {
    "corpus", "doc", "digest", "seed", "attribution", "claimant_span", "cue_span", "content_span",
    "claimant_ok", "content_ok", "reason",
}  # fmt: skip


@needs_corpora
def test_real_judged_rows_store_offsets_not_text_and_match_the_shared_documents() -> None:
    """Judged rows on third-party news keep corpus, document id, digest and offsets only (the text stays in
    ../shared); every row has a verdict, and its document is still the one judged (digest) and holds its spans."""
    files = sorted((DATA / "judged" / "real").glob("*.jsonl"))
    assert {f.name.split("-")[0] for f in files} >= {"en"}
    largest: dict[str, int] = {}
    for path in files:
        lang = path.name.split("-")[0]
        n, who, what = judge.precision(path)
        largest[lang] = max(largest.get(lang, 0), n)
        # a fresh draw may hold fewer rows when its corpus has no more unjudged documents (uk r7, ru r5: 10; uk
        # r11: 9, every attributed row of the UD-IU + ParlaMint [held] documents that r10 left; uk 2026-12-01-r13: 1,
        # every attributed row of the 151 [held] documents that no file held)
        assert n >= 1 and 0 <= who <= n and 0 <= what <= n
        corpora = {row["corpus"] for row in _lines(path)}
        assert len(corpora) == 1 and judge.CORPUS_LANG.get(next(iter(corpora))) == lang, (path.name, corpora)
        docs = dict(judge.real_documents(lang, next(iter(corpora))))
        for row in _lines(path):
            assert set(row) == REAL_KEYS, f"{path.name}: keys {sorted(set(row) ^ REAL_KEYS)}"
            assert row["attribution"] in scorer.ATTRIBUTED
            text = judge.real_text(lang, row, docs)
            for key in ("claimant_span", "cue_span", "content_span"):
                if row[key] is not None:
                    start, end = row[key]
                    assert 0 <= start < end <= len(text), (path.name, row["doc"], key)
    assert all(n >= 30 for n in largest.values()), largest


def test_conll_documents_are_detokenised_into_paragraphs() -> None:
    sents = [
        ["SOCCER", "-", "X", "WINS", "."],
        ["LONDON", "1996-08-30"],
        ["He", "said", "it", "was", "n't", "over", "(", "yet", ")", ",", "Reuters", "'s", "man", "said", "."],
        ['"', "We", "won", ".", '"', "That", "is", "it", "."],
        ['"', "More", "to", "come", ",", '"', "he", "added", ".", '"'],
        ["Soon", ".", '"'],
    ]
    assert judge.detokenise(sents) == (
        "SOCCER - X WINS.\n\nLONDON 1996-08-30\n\n"
        "He said it wasn't over (yet), Reuters's man said.\n\n"
        '"We won." That is it.\n\n"More to come," he added.\n\n"Soon."'
    )


def _conllu(path: Path, lines: list[str]) -> None:
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")


def test_ud_documents_rebuild_text_per_document_and_split_tune_held_by_parity(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    iu = tmp_path / "corpora/ud/uk/UD_Ukrainian-IU/uk_iu-ud-dev.conllu"
    tok = "1\tx\tx\tX\t_\t_\t0\troot\t_\t_"
    _conllu(
        iu,
        ["# doc_title = Заголовок", "# newdoc id = a1", "# newpar id = a1-p1", "# text = Перше речення.", tok,
         "", "# text = Друге.", tok, "", "# newpar id = a1-p2", "# text = Третє.", tok, "",
         "# doc_title = [без назви]", "# newdoc id = b2", "# source = http://zik.ua/news/1", "# text = Новина.", tok,
         "", "# newdoc id = c3", "# text = Третій документ.", tok, ""],
    )  # fmt: skip
    pm = tmp_path / "corpora/ud/uk/UD_Ukrainian-ParlaMint-r2.15"
    _conllu(
        pm / "uk_parlamint-ud-dev.conllu", ["# sent_id = PM_1.u9.p4.lang1.s2", "# text = Я кажу.", tok, ""]
    )
    _conllu(pm / "uk_parlamint-ud-train.conllu", ["# newdoc_id = PM_0.u1", "# newpar_id = PM_0.u1.p1",
                                                   "# text = Шановні колеги.", tok, ""])  # fmt: skip
    docs = judge._ud_documents(iu, "iu:")
    assert docs == [
        ("iu:a1", "", "Заголовок\n\nПерше речення. Друге.\n\nТретє."),
        ("iu:b2", "http://zik.ua/news/1", "Новина."),
        ("iu:c3", "", "Третій документ."),
    ]
    monkeypatch.setenv("CLAIMFLOW_SHARED", str(tmp_path))
    assert [d for d, _ in judge.real_documents("uk", "UD_Ukrainian-IU/dev[tune]")] == ["iu:a1", "iu:c3"]
    assert [d for d, _ in judge.real_documents("uk", "UD_Ukrainian-IU/dev[held]")] == ["iu:b2"]
    assert judge.real_documents("uk", "UD_Ukrainian-ParlaMint[tune]") == [("pm:PM_1.u9", "Я кажу.")]
    held = judge.real_documents("uk", "UD_Ukrainian-IU/dev+ParlaMint[held]")
    assert held == [("iu:b2", "Новина."), ("pm:PM_0.u1", "Шановні колеги.")]
    assert judge._iu_journalism_documents(tmp_path / "corpora") == [("iu:b2", "Новина.")]
    with pytest.raises(SystemExit, match=r"must be \[tune\] or \[held\]"):
        judge._ud_uk_documents(tmp_path / "corpora", "UD_Ukrainian-IU/dev[all]")


def test_judged_precision_rejects_a_row_without_verdict(tmp_path: Path) -> None:
    path = tmp_path / "en-x.jsonl"
    path.write_text(json.dumps({"claimant_ok": True, "content_ok": None, "reason": "x"}) + "\n", "utf-8")
    with pytest.raises(ValueError, match="must be true or false"):
        judge.precision(path)


def test_scorer_matching_rules() -> None:
    text = "«Мы уходим», — сказал он."
    assert scorer.chars(text, 0, 11) == frozenset(range(1, 10))
    a, b = frozenset(range(10)), frozenset(range(4, 14))
    assert scorer.half(a, b) == 0.6 and scorer.half(a, frozenset(range(6, 20))) == 0.0
    assert scorer.same_name("Трампа", ["Donald Trump", "Трамп"])
    assert scorer.same_name("Зеленського", ["Володимир Зеленський"])
    assert scorer.same_name("regional governor", ["regional governor Ivan Fedorov"])
    assert not scorer.same_name("РИА Новости", ["глава ДНР Денис Пушилин"])
    assert not scorer.same_name(
        "Ukraine's human rights ombudsman said on Sunday that talks stalled", ["Lubinets"]
    )
    assert scorer.same_name("—", ["—"]) and not scorer.same_name(":", ["—"])
    bare = scorer.bare_words("uk")
    assert scorer.is_bare("Я", bare) and scorer.is_bare("хто", bare) and not scorer.is_bare("Генштаб", bare)
    assert scorer.greedy([(0.9, 0, 0), (0.8, 1, 0), (0.7, 1, 1)]) == {0: 0, 1: 1}
