"""Evaluation of the English claim layer on PolNeAR (Newell, Margolin & Ruths, LREC 2018).

PolNeAR annotates attributions in US political news as brat standoff: ``Source``, ``Cue`` and ``Content``
text-bound spans (possibly discontinuous) linked by ``E`` lines. Each attributed claim claimflow finds
(``attribution`` ≠ ``unattributed``) gives one predicted span per role: the claimant phrase as written in the
sentence (the pronoun for "He said"), the cue ("said", "according to") and the content.

Overlap criterion (documented, used for the headline numbers): a predicted span matches a gold span of the same
role when they share at least half of the characters of the longer of the two,
``|P ∩ G| / max(|P|, |G|) ≥ 0.5`` (characters, after trimming spaces, quotes and punctuation at the edges);
matching is one-to-one and greedy by overlap. Precision = matched predictions / predictions, recall = matched
gold spans / gold spans. The table also shows exact matches (same trimmed boundaries) and "any overlap"
(at least one shared character) for comparison.

Agreement articles carry one annotation file per annotator; the first file in sorted order is used.

Command line::

    python -m pipelines.nlp.claims.attribution_eval --split dev|dev2|test [--model models/en] [--learned DIR]
        [--no-learned] [--limit N]

With the learned tagger (``models/en-attribution`` by default, when it exists) it prints one table per system
(learned, and the claims under each combine policy; see :data:`SYSTEMS`) and a summary line per system.
"""

from __future__ import annotations

import argparse
import copy
import re
import sys
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from datetime import date
from pathlib import Path
from typing import Any

from pipelines.nlp.claims.learned import DEFAULT_POLICY, POLICIES

ROLES = ("source", "cue", "content")
CRITERIA = ("overlap50", "exact", "any")
_ANN_LINE = re.compile(r"[TE][0-9]+\t")
_EDGE = " \t\n\"'“”‘’«».,;:!?()[]—–-"


@dataclass(frozen=True)
class GoldAttribution:
    """One PolNeAR attribution: character sets of its source, cue and content (empty when absent)."""

    source: frozenset[int]
    cue: frozenset[int]
    content: frozenset[int]


@dataclass
class RoleScore:
    """Counts for one role under one criterion."""

    matched_pred: int = 0
    matched_gold: int = 0
    n_pred: int = 0
    n_gold: int = 0

    @property
    def precision(self) -> float:
        return self.matched_pred / self.n_pred if self.n_pred else 0.0

    @property
    def recall(self) -> float:
        return self.matched_gold / self.n_gold if self.n_gold else 0.0

    @property
    def f1(self) -> float:
        p, r = self.precision, self.recall
        return 2 * p * r / (p + r) if p + r else 0.0


@dataclass
class PolnearReport:
    """Scores per (role, criterion) over one split."""

    split_dir: Path
    documents: int = 0
    gold_attributions: int = 0
    predicted_claims: int = 0
    scores: dict[tuple[str, str], RoleScore] = field(default_factory=dict)

    def score(self, role: str, criterion: str = "overlap50") -> RoleScore:
        return self.scores.setdefault((role, criterion), RoleScore())

    def format_table(self) -> str:
        lines = [
            f"PolNeAR {self.split_dir}: {self.documents} documents, {self.gold_attributions} gold attributions, "
            f"{self.predicted_claims} predicted attributed claims",
            "criterion: overlap50 = shared characters >= 50% of the longer span (one-to-one, greedy); "
            "exact = same trimmed boundaries; any = at least one shared character",
            f"{'role':<8} {'criterion':<10} {'P':>7} {'R':>7} {'F1':>7} {'pred':>6} {'gold':>6}",
        ]
        for role in ROLES:
            for crit in CRITERIA:
                s = self.score(role, crit)
                lines.append(
                    f"{role:<8} {crit:<10} {s.precision:7.4f} {s.recall:7.4f} {s.f1:7.4f} {s.n_pred:6d} {s.n_gold:6d}"
                )
        return "\n".join(lines)


# --- reading ---------------------------------------------------------------------------------------------------


def span_chars(text: str, spans: Iterable[tuple[int, int]], edge: str = _EDGE) -> frozenset[int]:
    """The characters of (possibly discontinuous) spans, each trimmed of ``edge`` characters at both ends."""
    out: set[int] = set()
    for s, e in spans:
        while s < e and text[s] in edge:
            s += 1
        while e > s and text[e - 1] in edge:
            e -= 1
        out.update(range(s, e))
    return frozenset(out)


def read_ann(path: Path, text: str) -> list[GoldAttribution]:
    """The attributions of one brat ``.ann`` file."""
    spans: dict[str, tuple[str, list[tuple[int, int]]]] = {}
    relations: list[dict[str, str]] = []
    for line in path.read_text(encoding="utf-8").splitlines():
        if not _ANN_LINE.match(line):
            continue  # the continuation of a span text with line breaks in it
        if line.startswith("T"):
            tid, info, *_ = line.split("\t")
            role, offsets = info.split(" ", 1)
            frags = []
            for frag in offsets.split(";"):
                a, b = frag.split()
                frags.append((int(a), int(b)))
            spans[tid] = (role, frags)
        elif line.startswith("E"):
            _, info = line.split("\t", 1)
            args = dict(part.split(":", 1) for part in info.split())
            relations.append(args)
    out: list[GoldAttribution] = []
    for rel in relations:
        parts: dict[str, frozenset[int]] = {}
        for role in ("Source", "Cue", "Content"):
            tid = rel.get(role, "")
            parts[role] = span_chars(text, spans[tid][1]) if tid in spans else frozenset()
        out.append(GoldAttribution(parts["Source"], parts["Cue"], parts["Content"]))
    return out


def documents(split_dir: Path) -> list[tuple[str, Path, Path]]:
    """(name, text file, annotation file) per article; the first annotator's file for agreement articles."""
    text_dir = split_dir / "text"
    ann_dir = split_dir / "attributions"
    if not text_dir.is_dir() or not ann_dir.is_dir():
        raise FileNotFoundError(
            f"PolNeAR split {split_dir}: expected sub-directories text/ and attributions/"
        )
    anns: dict[str, Path] = {}
    for ann in sorted(ann_dir.glob("*.ann")):
        name = re.sub(r"_[0-9a-z]+$", "", ann.stem)
        anns.setdefault(name, ann)
    out = []
    for txt in sorted(text_dir.glob("*.txt")):
        if txt.stem in anns:
            out.append((txt.stem, txt, anns[txt.stem]))
    return out


#: Splits the command accepts: PolNeAR's own, plus "dev2", carved from train.
SPLITS = ("train", "dev", "test", "dev2")
#: The second dev split: every DEV2_EVERY-th training article (sorted by name), starting at DEV2_OFFSET.
#: training/attribution.py leaves these out of training; look at them once per release.
DEV2_EVERY = 20
DEV2_OFFSET = 9


def dev2_names(train_dir: Path) -> set[str]:
    """Names of the PolNeAR training articles held out as the second dev split."""
    names = [name for name, _, _ in documents(train_dir)]
    return {n for i, n in enumerate(names) if i % DEV2_EVERY == DEV2_OFFSET}


# --- matching --------------------------------------------------------------------------------------------------


def _ok(pred: frozenset[int], gold: frozenset[int], criterion: str) -> float:
    """Overlap score (> 0 when the pair matches under the criterion)."""
    if not pred or not gold:
        return 0.0
    inter = len(pred & gold)
    if criterion == "exact":
        return 1.0 if pred == gold else 0.0
    if criterion == "any":
        return inter / max(len(pred), len(gold)) if inter else 0.0
    ratio = inter / max(len(pred), len(gold))
    return ratio if ratio >= 0.5 else 0.0


def _match(preds: Sequence[frozenset[int]], golds: Sequence[frozenset[int]], criterion: str) -> int:
    pairs = []
    for i, p in enumerate(preds):
        for j, g in enumerate(golds):
            score = _ok(p, g, criterion)
            if score > 0:
                pairs.append((score, i, j))
    pairs.sort(reverse=True)
    used_p: set[int] = set()
    used_g: set[int] = set()
    for _, i, j in pairs:
        if i in used_p or j in used_g:
            continue
        used_p.add(i)
        used_g.add(j)
    return len(used_p)


#: Systems scored in one pass: "learned" (the spans of claimflow_attribution_tagger_v1 alone, by role), and the
#: claims of claimflow_claims_v1 under each combine policy of :data:`pipelines.nlp.claims.learned.POLICIES`
#: ("rules" ignores the tagger; the others join its attributions to the rule claims, see
#: :mod:`pipelines.nlp.claims.learned_claims`). Without the tagger only "rules" is scored.
SYSTEMS = ("learned", *POLICIES)

Preds = dict[str, list[frozenset[int]]]


def _rules_predictions(claims: Iterable[Any], text: str) -> Preds:
    out: Preds = {r: [] for r in ROLES}
    for claim in claims:
        if claim.attribution == "unattributed":
            continue
        out["content"].append(span_chars(text, [(claim.content_start, claim.content_end)]))
        if claim.cue_span is not None:
            out["cue"].append(span_chars(text, [claim.cue_span]))
        if claim.claimant_span is not None:
            out["source"].append(span_chars(text, [claim.claimant_span]))
    return out


def _learned_predictions(doc: Any, text: str) -> Preds:
    from pipelines.nlp.claims.learned import role_char_spans

    return {
        role: [span_chars(text, frags) for frags in spans] for role, spans in role_char_spans(doc).items()
    }


def _predictions_all(nlp: Any, text: str, published: date | None) -> dict[str, Preds]:
    """Predictions per system (only the systems the pipeline can give)."""
    from datetime import UTC, datetime

    from pipelines.nlp.assemble import claims_component
    from pipelines.nlp.claims.learned import ATTRIBUTION_TAGGER_FACTORY

    doc = nlp.make_doc(text)
    doc._.published_at = (
        datetime(published.year, published.month, published.day, tzinfo=UTC) if (published) else None
    )
    doc = next(iter(nlp.pipe([doc])))
    has_rules = doc._.claims is not None
    has_learned = any(nlp.get_pipe_meta(n).factory == ATTRIBUTION_TAGGER_FACTORY for n in nlp.pipe_names)
    if not has_rules and not has_learned:
        raise ValueError(
            "evaluate_polnear: the pipeline has neither claimflow_claims_v1 nor claimflow_attribution_tagger_v1; "
            "add one first"
        )
    out: dict[str, Preds] = {}
    if has_learned:
        out["learned"] = _learned_predictions(doc, text)
    if has_rules:
        extractor = claims_component(nlp).extractor
        for name, pol in POLICIES.items():
            if name != "rules" and not has_learned:
                continue
            variant = copy.copy(extractor)
            variant.learned_policy = pol
            out[name] = _rules_predictions(variant(doc, doc._.published_at), text)
    return out


def _predictions(nlp: Any, text: str, published: date | None) -> Preds:
    """The rule layer's predictions (kept for callers that score the rules alone)."""
    preds = _predictions_all(nlp, text, published)
    if "rules" not in preds:
        raise ValueError("evaluate_polnear: the pipeline has no claimflow_claims_v1 component; add it first")
    return preds["rules"]


def _publication_dates(split_dir: Path) -> dict[str, date]:
    meta = split_dir.parent / "metadata.train-dev.tsv"
    out: dict[str, date] = {}
    if not meta.is_file():
        return out
    lines = meta.read_text(encoding="utf-8").splitlines()
    header = lines[0].split("\t")
    for line in lines[1:]:
        row = dict(zip(header, line.split("\t"), strict=False))
        try:
            out[row["filename"]] = date.fromisoformat(row["publication_date"])
        except (KeyError, ValueError):
            continue
    return out


def evaluate_polnear(
    split_dir: Path, nlp: Any, *, limit: int | None = None, system: str = "rules"
) -> PolnearReport:
    """Score ``nlp`` (an English pipeline with the claimflow components) on one PolNeAR split directory
    (``.../PolNeAR/data/dev``). Returns a :class:`PolnearReport`; print ``report.format_table()``.
    ``system``: one of :data:`SYSTEMS` (all but ``rules`` need
    ``claimflow_attribution_tagger_v1`` in the pipeline)."""
    reports = evaluate_polnear_systems(split_dir, nlp, limit=limit)
    if system not in reports:
        raise ValueError(
            f"evaluate_polnear: system {system!r} is not available for this pipeline; "
            f"allowed: {sorted(reports)}"
        )
    return reports[system]


def evaluate_polnear_systems(
    split_dir: Path, nlp: Any, *, limit: int | None = None, only: set[str] | None = None
) -> dict[str, PolnearReport]:
    """Like :func:`evaluate_polnear`, for every system the pipeline can give, in one pass. ``only``: score just
    the articles with these names (the dev2 split of :func:`dev2_names`)."""
    reports: dict[str, PolnearReport] = {}
    dates = _publication_dates(split_dir)
    docs = [d for d in documents(split_dir) if only is None or d[0] in only]
    for name, txt, ann in docs[:limit]:
        text = txt.read_text(encoding="utf-8")
        gold = read_ann(ann, text)
        golds = {
            "source": [g.source for g in gold if g.source],
            "cue": [g.cue for g in gold if g.cue],
            "content": [g.content for g in gold if g.content],
        }
        for system, pred in _predictions_all(nlp, text, dates.get(name)).items():
            report = reports.setdefault(system, PolnearReport(split_dir))
            report.documents += 1
            report.gold_attributions += len(gold)
            report.predicted_claims += len(pred["content"])
            for role in ROLES:
                for crit in CRITERIA:
                    s = report.score(role, crit)
                    m = _match(pred[role], golds[role], crit)
                    s.matched_pred += m
                    s.matched_gold += m
                    s.n_pred += len(pred[role])
                    s.n_gold += len(golds[role])
    if not reports:
        reports["rules"] = PolnearReport(split_dir)
    return reports


def format_summary(reports: dict[str, PolnearReport]) -> str:
    """One line per system: half-overlap F1 per role."""
    lines = [f"{'system':<20} " + " ".join(f"{r + ' F1':>11}" for r in ROLES) + "   (overlap50)"]
    for system in SYSTEMS:
        if system in reports:
            lines.append(f"{system:<20} " + " ".join(f"{reports[system].score(r).f1:11.4f}" for r in ROLES))
    if "learned" in reports:
        lines.append(f"the claims component's default policy: {DEFAULT_POLICY}")
    return "\n".join(lines)


def main(argv: Sequence[str] | None = None) -> int:
    from pipelines.nlp.assemble import build_nlp
    from pipelines.nlp.claims.learned import DEFAULT_MODEL, add_attribution_tagger
    from pipelines.nlp.claims.learned_transformer import is_tagger_model

    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0] if __doc__ else None)
    repo = Path(__file__).resolve().parents[3]
    parser.add_argument(
        "--split",
        default="dev",
        choices=SPLITS,
        help="PolNeAR split (default dev; dev2 = the training articles held out by training/attribution.py)",
    )
    parser.add_argument("--model", default=str(repo / "models" / "en"), help="English spaCy pipeline")
    parser.add_argument(
        "--corpus",
        default=str(repo / ".." / "shared" / "corpora" / "attribution" / "en" / "PolNeAR"),
        help="PolNeAR directory (holds data/<split>)",
    )
    parser.add_argument("--limit", type=int, default=None, help="evaluate only the first N documents")
    parser.add_argument(
        "--learned",
        default=None,
        help=f"learned attribution model directory (default {DEFAULT_MODEL} when it exists)",
    )
    parser.add_argument("--no-learned", action="store_true", help="score the rule layer alone")
    args = parser.parse_args(argv)
    split_dir = Path(args.corpus) / "data" / ("train" if args.split == "dev2" else args.split)
    if not split_dir.is_dir():
        print(f"PolNeAR split not found: {split_dir} (pass --corpus)", file=sys.stderr)
        return 2
    # the learned components of the assembly, unless another tagger model is named (added below) or none is wanted
    nlp = build_nlp("en", args.model, learned=not (args.no_learned or args.learned))[0]
    learned = None if args.no_learned else Path(args.learned) if args.learned else DEFAULT_MODEL
    if learned is not None:
        if not is_tagger_model(learned):
            if args.learned:
                print(f"learned attribution model not found: {learned}", file=sys.stderr)
                return 2
        else:
            add_attribution_tagger(nlp, learned)
    only = dev2_names(split_dir) if args.split == "dev2" else None
    reports = evaluate_polnear_systems(split_dir, nlp, limit=args.limit, only=only)
    for system in SYSTEMS:
        if system in reports:
            print(f"== {system}")
            print(reports[system].format_table())
            print()
    print(format_summary(reports))
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
