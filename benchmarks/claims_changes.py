"""Which attributed claims a change to the claims layer moves on real news (issue 17: "a rule that fixes one
sentence and breaks three elsewhere is a loss").

    .venv/bin/python benchmarks/claims_changes.py run --out /tmp/before.jsonl [--corpus en:conll2003/… …]
    .venv/bin/python benchmarks/claims_changes.py compare /tmp/before.jsonl /tmp/after.jsonl

``run`` extracts the claims of every document of real third-party corpora in ../shared (or
``$CLAIMFLOW_SHARED``; by default :data:`DEFAULT_CORPORA`, the documents judge_claims_dev.py reads, one corpus per
language and NEREL dev) with the production pipeline, and writes one line per claim: corpus, document id, the
document's digest, attribution and the character spans of claimant, cue and content, never text (keep the
files outside the repository anyway: they are run outputs). Run it on the code before a change and after it.

``compare`` pairs the claims of two such files by document and cue span and prints, per language, how many
were added, dropped or changed (attribution, claimant or content span), then every such row with its old and
new spans read back from the document, to the terminal only. Read them all: each is a sentence the change fixed
or broke. The same digests in both files are checked, so a changed corpus is not mistaken for a changed rule.
"""

from __future__ import annotations

import argparse
import json
import sys
from collections import Counter
from collections.abc import Sequence
from pathlib import Path
from typing import Any

sys.path.insert(0, str(Path(__file__).resolve().parent))

import judge_claims_dev as judge

#: language:corpus, corpora of :data:`judge_claims_dev.CORPUS_LANG`
DEFAULT_CORPORA = (
    "en:conll2003/eng.testa.conllpp_dev",
    "ru:factRuEval-2016/devset",
    "ru:NEREL-v1.0/dev",
    "uk:uk-journalism",
)
Span = list[int] | None


def _span(span: tuple[int, int] | None) -> Span:
    return list(span) if span is not None else None


def run_rows(lang: str, corpus: str) -> list[dict[str, Any]]:
    """The attributed and unattributed claims of every document of ``corpus``, as offsets."""
    docs = judge.real_documents(lang, corpus)
    extract = judge._real_extractor(lang)
    rows: list[dict[str, Any]] = []
    for k in range(0, len(docs), 20):
        batch = docs[k : k + 20]
        for (doc_id, text), claims in zip(batch, extract([t for _, t in batch]), strict=True):
            rows += [
                {
                    "lang": lang,
                    "corpus": corpus,
                    "doc": doc_id,
                    "digest": judge.digest(text),
                    "attribution": c.attribution,
                    "cue_span": _span(c.cue_span),
                    "claimant_span": _span(c.claimant_span),
                    "content_span": [c.content_start, c.content_end],
                }
                for c in claims
            ]
    return rows


def _key(row: dict[str, Any]) -> tuple[str, str, Any]:
    """A claim's identity across runs: its document and its cue (its content for an unattributed claim)."""
    cue = row["cue_span"]
    return row["corpus"], row["doc"], tuple(cue) if cue else ("content", *row["content_span"])


def changes(
    before: Sequence[dict[str, Any]], after: Sequence[dict[str, Any]]
) -> list[tuple[str, dict[str, Any] | None, dict[str, Any] | None]]:
    """("added" | "dropped" | "changed", old row, new row) for every claim the two runs do not share; a claim
    with the same key changed when its attribution, claimant span or content span differ."""
    digests = {(r["corpus"], r["doc"]): r["digest"] for r in before}
    for r in after:
        if digests.get((r["corpus"], r["doc"]), r["digest"]) != r["digest"]:
            raise SystemExit(f"document {r['corpus']}|{r['doc']} changed between the runs (digest differs)")
    old = {_key(r): r for r in before}
    new = {_key(r): r for r in after}
    fields = ("attribution", "claimant_span", "content_span")
    out: list[tuple[str, dict[str, Any] | None, dict[str, Any] | None]] = []
    for key in sorted(old.keys() | new.keys(), key=str):
        a, b = old.get(key), new.get(key)
        if a is None or b is None:
            out.append(("added" if a is None else "dropped", a, b))
        elif any(a[f] != b[f] for f in fields):
            out.append(("changed", a, b))
    return out


def _show(text: str, row: dict[str, Any] | None) -> str:
    if row is None:
        return "—"
    who = text[slice(*row["claimant_span"])] if row["claimant_span"] else None
    s, e = row["content_span"]
    return f"{row['attribution']} | {who} | {' '.join(text[s:e].split())[:240]}"


def cmd_compare(args: argparse.Namespace) -> int:
    before = [json.loads(x) for x in args.before.read_text("utf-8").splitlines() if x.strip()]
    after = [json.loads(x) for x in args.after.read_text("utf-8").splitlines() if x.strip()]
    found = changes(before, after)
    counts = Counter((next(r for r in (a, b) if r is not None)["lang"], kind) for kind, a, b in found)
    for lang in sorted({lang for lang, _ in counts}):
        n = sum(1 for r in after if r["lang"] == lang)
        parts = ", ".join(f"{kind} {counts[lang, kind]}" for kind in ("added", "dropped", "changed"))
        print(f"{lang}: {n} claims after; {parts}")
    texts: dict[str, dict[str, str]] = {}
    for kind, a, b in found:
        row = next(r for r in (a, b) if r is not None)
        if row["corpus"] not in texts:
            texts[row["corpus"]] = dict(judge.real_documents(row["lang"], row["corpus"]))
        text = texts[row["corpus"]][row["doc"]]
        print(f"\n[{kind}] {row['corpus']}|{row['doc']}\n  - {_show(text, a)}\n  + {_show(text, b)}")
    return 0


def cmd_run(args: argparse.Namespace) -> int:
    repo = Path(__file__).resolve().parents[1]
    if args.out.resolve().is_relative_to(repo):
        raise SystemExit(f"--out {args.out} is inside the repository; write run outputs outside it")
    rows: list[dict[str, Any]] = []
    for spec in args.corpus:
        lang, _, corpus = spec.partition(":")
        part = run_rows(lang, corpus)
        print(
            f"{spec}: {len({r['doc'] for r in part})} documents with claims, {len(part)} claims", flush=True
        )
        rows += part
    args.out.write_text("".join(json.dumps(r, ensure_ascii=False) + "\n" for r in rows), encoding="utf-8")
    return 0


def main(argv: Sequence[str] | None = None) -> int:
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    sub = parser.add_subparsers(dest="command", required=True)
    r = sub.add_parser("run", help="extract the claims of real corpora, as offsets")
    r.add_argument("--out", type=Path, required=True, help="outside the repository")
    r.add_argument("--corpus", nargs="+", default=list(DEFAULT_CORPORA), help="language:corpus")
    c = sub.add_parser("compare", help="print the claims two runs do not share")
    c.add_argument("before", type=Path)
    c.add_argument("after", type=Path)
    args = parser.parse_args(argv)
    return cmd_run(args) if args.command == "run" else cmd_compare(args)


if __name__ == "__main__":
    raise SystemExit(main())
