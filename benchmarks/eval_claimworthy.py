"""Claim-worthiness models side by side on the carved ClaimBuster splits and the hand-judged news (issue 18).

    .venv/bin/python benchmarks/eval_claimworthy.py [--model models/en-claimworthy models/en-claimworthy-encoder]
        [--split dev dev2] [--repeat 2]

Each model directory (a spaCy textcat from ``training/claimworthy.py`` or an encoder from
``training/claimworthy_encoder.py``) is run through ``claimflow_claim_worthiness_v1`` in a blank English
pipeline (each ClaimBuster sentence is one text, scored whole, as the trainers score it), and printed per split:
P / R / F1 at the corpus's own prior and P / F1 at a balanced prior (false positives weighted by
positives/negatives) at the model's threshold (``meta.json``); F1 at the own prior at the threshold best for it
on the carved dev (``own@``); AUC; precision and recall on the 60 hand-judged unattributed news sentences
(``training/judgements/claimworthy_news.tsv``, when PolNeAR is in ../shared); CPU milliseconds per 1,000 words
(process time for the carved dev, spaCy tokens as words, best of ``--repeat``).
"""

from __future__ import annotations

import argparse
import sys
import time
from collections.abc import Sequence
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]


def main(argv: Sequence[str] | None = None) -> int:
    sys.path.insert(0, str(REPO))
    import spacy

    from pipelines.nlp.claims.worthiness import (
        CLAIM_WORTHINESS_FACTORY,
        DEFAULT_MODEL,
        MODELS,
        sentence_scores,
    )
    from training.claimworthy import (
        auc,
        corpus_path,
        news_precision,
        own_prior_threshold,
        read_splits,
        score_at,
    )

    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument(
        "--model", nargs="+", type=Path, default=[DEFAULT_MODEL, MODELS / "en-claimworthy-encoder"]
    )
    ap.add_argument("--split", nargs="+", default=["dev"], choices=("dev", "dev2"))
    ap.add_argument("--repeat", type=int, default=2)
    args = ap.parse_args(argv)
    splits = read_splits(corpus_path())
    for model in args.model:
        nlp = spacy.blank("en")
        pipe = nlp.add_pipe(CLAIM_WORTHINESS_FACTORY, config={"model_path": str(model)})
        threshold = float(pipe.threshold)

        def probs(texts: Sequence[str], nlp: spacy.language.Language = nlp) -> list[float]:
            return [sentence_scores(d)[0][2] for d in nlp.pipe(texts, batch_size=64)]  # type: ignore[index]

        scored = {p: probs([t for t, _ in splits[p]]) for p in ("dev", *args.split)}
        gold = {p: [g for _, g in rows] for p, rows in splits.items()}
        own = own_prior_threshold(scored["dev"], gold["dev"])
        print(f"{model} (threshold {threshold:g}; own-prior threshold on dev {own:g})")
        print(
            f"  {'split':<6} {'P':>6} {'R':>6} {'F1':>6} {'P_bal':>6} {'F1_bal':>6} {'F1_own@':>8} {'AUC':>6}"
        )
        for part in args.split:
            s = score_at(scored[part], gold[part], threshold)
            o = score_at(scored[part], gold[part], own)
            print(
                f"  {part:<6} {s.precision:6.3f} {s.recall:6.3f} {s.f1:6.3f} {s.balanced_precision:6.3f} "
                f"{s.balanced_f1:6.3f} {o.f1:8.3f} {auc(scored[part], gold[part]):6.3f}"
            )
        news = news_precision(probs, threshold)
        if news:
            print(
                f"  news: {news['n']} sentences, {news['positives']} positive: P {news['precision']:.3f} "
                f"R {news['recall']:.3f}"
            )
        texts = [t for t, _ in splits["dev"]]
        words = sum(len(nlp.make_doc(t)) for t in texts)
        best = float("inf")
        for _ in range(args.repeat):
            t0 = time.process_time()
            probs(texts)
            best = min(best, time.process_time() - t0)
        print(
            f"  cost: {1e6 * best / words:.1f} ms CPU per 1,000 words ({words} words, best of {args.repeat})"
        )
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
