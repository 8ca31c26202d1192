"""Cost of the learned English components in the assembled pipeline, side by side (issue 18).

    .venv/bin/python benchmarks/bench_learned.py [--words 10000] [--repeat 2]

Builds the English pipeline as the Beam stage does (:func:`pipelines.nlp.assemble.build_nlp`, ``bundled:en``)
without and with the learned components (``claimflow_attribution_tagger_v1``, ``claimflow_claim_worthiness_v1``;
:func:`pipelines.nlp.assemble.add_learned_components`) in one process, runs both over the same PolNeAR dev
articles (read from ../shared at run time; the samples otherwise), alternating, and prints CPU seconds per 1,000
words (process time; best of --repeat), words per CPU second, the ratio, and the resident memory the learned
components add when loaded (VmRSS before and after).
"""

from __future__ import annotations

import argparse
import os
import sys
import time
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]


def texts(n_words: int) -> list[str]:
    env = os.environ.get("CLAIMFLOW_SHARED")
    dev = (
        (Path(env) if env else REPO / ".." / "shared")
        / "corpora"
        / "attribution"
        / "en"
        / "PolNeAR"
        / "data"
        / "dev"
    )
    files = sorted(dev.glob("**/*.txt")) if dev.is_dir() else []
    if not files:
        files = sorted((REPO / "samples").glob("**/*.txt"))
    out: list[str] = []
    words = 0
    for f in files:
        text = f.read_text(encoding="utf-8")
        out.append(text)
        words += len(text.split())
        if words >= n_words:
            break
    return out


def cpu_per_1000(nlp: object, docs: list[str], n_words: int) -> float:
    start = time.process_time()
    for _ in nlp.pipe(docs, batch_size=16):  # type: ignore[attr-defined]
        pass
    return (time.process_time() - start) / n_words * 1000


def main(argv: list[str] | None = None) -> int:
    sys.path.insert(0, str(REPO))
    from infra.measure_model_memory import rss_mib
    from pipelines.nlp.assemble import add_learned_components, build_nlp

    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--words", type=int, default=10000)
    ap.add_argument("--repeat", type=int, default=2)
    args = ap.parse_args(argv)
    docs = texts(args.words)
    n_words = sum(len(t.split()) for t in docs)
    base = build_nlp("en", "bundled:en", learned=False)[0]
    full = build_nlp("en", "bundled:en", learned=False)[0]
    before = rss_mib()
    add_learned_components(full)
    learned_mib = rss_mib() - before
    print(f"{len(docs)} articles, {n_words} words; pipes with learned: {full.pipe_names}")
    best = {"without": float("inf"), "with": float("inf")}
    for _ in range(args.repeat):
        best["without"] = min(best["without"], cpu_per_1000(base, docs, n_words))
        best["with"] = min(best["with"], cpu_per_1000(full, docs, n_words))
    for name, ms in best.items():
        print(
            f"{name:<8} learned: {ms * 1000:7.1f} ms CPU per 1,000 words, {1000 / ms:7.0f} words per CPU second"
        )
    print(f"ratio without/with: {best['without'] / best['with']:.2f}")
    print(f"memory: loading the learned components added {learned_mib:.0f} MiB of RSS")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
