"""Hand-judged precision of attributed claims on the dev2 split of the claims dev set (issue 17).

    .venv/bin/python benchmarks/judge_claims_dev.py sample --lang en [--n 30] [--seed 17] [--date 2026-11-29]
    .venv/bin/python benchmarks/judge_claims_dev.py report tests/data/claims_dev/judged/*.jsonl

``sample`` runs the current extraction (the adapter ``extract`` of benchmarks/eval_claims_dev.py) over the dev2
articles of one language, draws ``--n`` attributed rows (direct quote, indirect, according to) at random with a
fixed seed and writes them to ``tests/data/claims_dev/judged/<lang>-<date>.jsonl`` with empty verdicts. A person
then reads each row against its article and fills ``claimant_ok``, ``content_ok`` (true/false) and a one-line
``reason``; the protocol is in tests/data/claims_dev/README.md. ``report`` prints the judged precision of each
file and fails on a row without verdicts.
"""

from __future__ import annotations

import argparse
import json
import random
import sys
from collections.abc import Sequence
from datetime import UTC, datetime
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

import eval_claims_dev as dev

JUDGED = dev.DATA / "judged"
KEEP = (
    "attribution",
    "claimant",
    "claimant_canonical",
    "cue_text",
    "content",
    "content_start",
    "content_end",
    "sentence",
)


def sample(lang: str, n: int, seed: int, date: str, force: bool) -> Path:
    out = JUDGED / f"{lang}-{date}.jsonl"
    if out.exists() and not force:
        raise SystemExit(f"{out} exists (verdicts would be lost); pass --force to draw again")
    pairs = dev.load(lang, "dev2")
    found = dev.extract(lang, [a for a, _ in pairs])
    rows = [
        (article["id"], claim)
        for (article, _), got in zip(pairs, found, strict=True)
        for claim in got.claims
        if claim["attribution"] in dev.ATTRIBUTED
    ]
    if len(rows) < n:
        raise SystemExit(f"{lang} dev2 has {len(rows)} attributed rows, fewer than --n {n}")
    picked = sorted(random.Random(seed).sample(range(len(rows)), n))
    lines = []
    for i in picked:
        art_id, claim = rows[i]
        item = {"id": art_id, "seed": seed, **{k: claim[k] for k in KEEP}}
        item.update(claimant_ok=None, content_ok=None, reason="")
        lines.append(json.dumps(item, ensure_ascii=False))
    out.parent.mkdir(parents=True, exist_ok=True)
    out.write_text("".join(x + "\n" for x in lines), encoding="utf-8")
    return out


def precision(path: Path) -> tuple[int, int, int]:
    """(rows, claimant right, content right) of one judged file; raises on a row without verdicts."""
    rows = [json.loads(x) for x in path.read_text("utf-8").splitlines() if x.strip()]
    for k, r in enumerate(rows, 1):
        if not isinstance(r.get("claimant_ok"), bool) or not isinstance(r.get("content_ok"), bool):
            raise ValueError(f"{path.name} line {k}: claimant_ok and content_ok must be true or false")
        if not r.get("reason"):
            raise ValueError(f"{path.name} line {k}: a verdict needs a one-line reason")
    return len(rows), sum(r["claimant_ok"] for r in rows), sum(r["content_ok"] for r in rows)


def report(paths: Sequence[Path]) -> int:
    print(f"{'file':<24} {'n':>3} {'claimant':>9} {'content':>8}")
    for p in paths:
        n, who, what = precision(p)
        print(f"{p.name:<24} {n:>3} {who / n:>9.2f} {what / n:>8.2f}   ({who}/{n}, {what}/{n})")
    return 0


def main(argv: Sequence[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    sub = ap.add_subparsers(dest="cmd", required=True)
    s = sub.add_parser("sample", help="draw rows to judge")
    s.add_argument("--lang", required=True, choices=dev.LANGS)
    s.add_argument("--n", type=int, default=30)
    s.add_argument("--seed", type=int, default=17)
    s.add_argument("--date", default=datetime.now(UTC).date().isoformat())
    s.add_argument("--force", action="store_true")
    r = sub.add_parser("report", help="judged precision of judged files")
    r.add_argument("files", nargs="+", type=Path)
    args = ap.parse_args(argv)
    if args.cmd == "sample":
        print(sample(args.lang, args.n, args.seed, args.date, args.force))
        return 0
    return report(args.files)


if __name__ == "__main__":
    raise SystemExit(main())
