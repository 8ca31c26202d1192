"""Claims of debate sentences, one sentence per record, through the English claims layer (issue 18).

    .venv/bin/python benchmarks/eval_debate_claims.py [--split dev] [--worthiness off unattributed ...]
        [--policy rules] [--limit N] [--thresholds 0.05 0.1 ...] [--worthiness-model DIR]

The product owner's check: ClaimBuster-style sentences, each its own record, run through the claims layer; a
sentence is predicted check-worthy when it gives at least one claim row. This runs the carved ClaimBuster dev
split (``training/claimworthy.py``: blocks of 100 sentence ids, block % 10 == 3; ``dev2`` is block % 10 == 7,
looked at once) through the pipeline :func:`pipelines.nlp.assemble.build_nlp` assembles for English, with the
claim-worthiness classifier and the attribution tagger added, once, and scores each ``worthiness`` mode of the
claims component (:data:`pipelines.nlp.claims.gate.WORTHINESS_MODES`). It prints precision, recall and F1 on the
split's own prior (about 25% check-worthy) and at a balanced prior (false positives weighted by
positives/negatives, as on a 50/50 test set, where a claim for every sentence scores F1 0.667).
``--thresholds`` scores each mode at each classifier threshold from one run of the NLP (the operating threshold
in ``models/en-claimworthy/meta.json`` was chosen this way on the carved dev: docs/learned-claims.md).
``--worthiness-model`` runs another claim-worthiness model directory (``models/en-claimworthy-encoder``) in
place of the default one.
"""

from __future__ import annotations

import argparse
import copy
import sys
from collections.abc import Sequence
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]


def main(argv: Sequence[str] | None = None) -> int:
    sys.path.insert(0, str(REPO))
    from pipelines.nlp.assemble import build_nlp, claims_component
    from pipelines.nlp.claims.gate import WORTHINESS_MODES
    from pipelines.nlp.claims.learned import DEFAULT_POLICY, POLICIES, add_attribution_tagger
    from pipelines.nlp.claims.worthiness import CLAIM_WORTHINESS_FACTORY, add_claim_worthiness
    from training.claimworthy import corpus_path, read_splits, score_at

    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--split", default="dev", choices=("dev", "dev2"))
    ap.add_argument("--worthiness", nargs="+", default=list(WORTHINESS_MODES), choices=WORTHINESS_MODES)
    ap.add_argument("--policy", default=DEFAULT_POLICY, choices=sorted(POLICIES))
    ap.add_argument("--limit", type=int, default=None)
    ap.add_argument(
        "--thresholds",
        nargs="+",
        type=float,
        default=None,
        help="score each worthiness mode at each of these classifier thresholds (default: the model's own)",
    )
    ap.add_argument(
        "--worthiness-model",
        type=Path,
        default=None,
        help="claim-worthiness model directory in place of the default (textcat or encoder)",
    )
    args = ap.parse_args(argv)
    rows = read_splits(corpus_path())[args.split][: args.limit]
    nlp, _, fallback = build_nlp("en", "bundled:en")
    if fallback:
        raise SystemExit("models/en is not available: run `make models`")
    add_attribution_tagger(nlp)
    if args.worthiness_model is not None:
        for name in [n for n in nlp.pipe_names if nlp.get_pipe_meta(n).factory == CLAIM_WORTHINESS_FACTORY]:
            nlp.remove_pipe(name)
    add_claim_worthiness(nlp, args.worthiness_model)
    extractor = claims_component(nlp).extractor
    variants = {}
    for mode in args.worthiness:
        variant = copy.copy(extractor)
        variant.learned_policy = POLICIES[args.policy]
        variant.worthiness = mode
        variants[mode] = variant
    thresholds: list[float | None] = list(args.thresholds) if args.thresholds else [None]
    predicted: dict[str, list[float]] = {}
    for doc in nlp.pipe([text for text, _ in rows], batch_size=64):
        own = doc._.claim_worthiness_threshold
        for t in thresholds:
            doc._.claim_worthiness_threshold = own if t is None else t
            for mode, variant in variants.items():
                key = mode if t is None else f"{mode}@{t:g}"
                predicted.setdefault(key, []).append(1.0 if variant(doc, None) else 0.0)
        doc._.claim_worthiness_threshold = own
    gold = [label for _, label in rows]
    print(
        f"ClaimBuster carved {args.split}: {len(gold)} sentences, {sum(gold)} check-worthy; policy {args.policy}"
    )
    print(f"{'worthiness':<24} {'P':>6} {'R':>6} {'F1':>6} {'P_bal':>6} {'F1_bal':>6}")
    for mode, probs in predicted.items():
        s = score_at(probs, gold, 0.5)
        print(
            f"{mode:<24} {s.precision:6.3f} {s.recall:6.3f} {s.f1:6.3f} {s.balanced_precision:6.3f} "
            f"{s.balanced_f1:6.3f}"
        )
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
