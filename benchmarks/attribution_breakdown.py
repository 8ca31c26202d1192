"""Where the claims layer loses what the attribution tagger finds (issue 18): an error breakdown on PolNeAR.

    .venv/bin/python benchmarks/attribution_breakdown.py [--split dev|dev2] [--policy tagger] [--limit N]

For every gold attribution role (source, cue, content) that the tagger's spans match at half overlap
(``claimflow models evaluate-claims``'s "learned" system) but the claims of ``--policy`` do not, it names the
step of the claims layer that lost it, by following the tagger attribution that holds the matching span:

- ``no attribution``: the span is in no attribution of :func:`pipelines.nlp.claims.learned.attributions`
  (a source or content no cue took);
- ``no content``: the attribution has no content (so no claim);
- ``sentence skipped``: the gate gave the cue's sentence no claims at all (furniture, inside a covered
  quotation, a question);
- ``topic``, ``not addable``, ``lexicon``: :func:`learned_claims.combine` dropped it (a topic; a content
  outside the cue's sentence or a cue nested in a rule content; a cue outside the lexicon, the corpus cue words and with no clause content, as the policy says);
- ``rules kept``: it matched a rule claim and the policy kept the rule's spans;
- ``gate filter``: combined, then dropped by the gate (question, wish, imperative …) or replaced later;
- ``emitted, span differs``: a claim with the tagger's cue exists, but its span for the role does not match
  (the conversion changed it: stripped content, resolved source, joined parts).

It also counts the claims' false positives per role that the tagger's spans do not have. Prints counts per
role and reason; ``--show N`` prints N examples per reason.
"""

from __future__ import annotations

import argparse
import copy
import random
from collections import Counter, defaultdict
from pathlib import Path
from typing import Any

from pipelines.nlp.claims import attribution_eval as ev
from pipelines.nlp.claims import gate, learned_claims, learned_rules
from pipelines.nlp.claims.learned import POLICIES, LearnedAttribution, attributions, role_char_spans

REPO = Path(__file__).resolve().parents[1]
CORPUS = REPO / ".." / "shared" / "corpora" / "attribution" / "en" / "PolNeAR"


def _matched(preds: list[frozenset[int]], golds: list[frozenset[int]]) -> dict[int, int]:
    """gold index -> pred index, greedy one-to-one at half overlap (as the evaluator)."""
    pairs = []
    for i, p in enumerate(preds):
        for j, g in enumerate(golds):
            s = ev._ok(p, g, "overlap50")
            if s > 0:
                pairs.append((s, i, j))
    pairs.sort(reverse=True)
    up: set[int] = set()
    out: dict[int, int] = {}
    for _, i, j in pairs:
        if i in up or j in out:
            continue
        up.add(i)
        out[j] = i
    return out


def _att_chars(text: str, att: LearnedAttribution, role: str) -> frozenset[int]:
    if role == "cue":
        return ev.span_chars(text, [(att.cue.start_char, att.cue.end_char)])
    if role == "source":
        return (
            ev.span_chars(text, [(att.source.start_char, att.source.end_char)]) if att.source else frozenset()
        )
    return ev.span_chars(text, [(c.start_char, c.end_char) for c in att.content])


def _key(att: LearnedAttribution) -> tuple[int, int]:
    return (att.cue.start_char, att.cue.end_char)


def main() -> int:
    from pipelines.nlp.assemble import build_nlp, claims_component

    ap = argparse.ArgumentParser()
    ap.add_argument("--split", default="dev", choices=("dev", "dev2"))
    ap.add_argument("--policy", default="tagger")
    ap.add_argument("--limit", type=int)
    ap.add_argument("--show", type=int, default=0)
    args = ap.parse_args()
    split_dir = CORPUS / "data" / ("train" if args.split == "dev2" else args.split)
    only = ev.dev2_names(split_dir) if args.split == "dev2" else None
    nlp = build_nlp("en", str(REPO / "models" / "en"))[0]
    extractor = copy.copy(claims_component(nlp).extractor)
    extractor.learned_policy = POLICIES[args.policy]

    fate: dict[tuple[int, int], str] = {}  # the attribution's cue characters -> what combine did with it
    reached: set[tuple[int, int]] = set()
    orig_combine = learned_claims.combine

    def spy(ctx: Any, lo: int, hi: int, index: int, rules: list[Any]) -> list[Any]:
        pol = ctx.learned_policy
        for att in learned_claims.in_sentence(ctx, lo, hi):
            key = (att.cue.start_char, att.cue.end_char)
            reached.add(key)
            content = learned_claims._content(ctx, att)
            if content is None:
                fate[key] = "no content"
            elif learned_claims._topic(ctx, att):
                fate[key] = "topic"
            elif not any(learned_claims._matches(c, att, content) for c in rules):
                if not learned_claims._addable(
                    ctx, att, content, [(c.content_start, c.content_end) for c in rules], lo, hi
                ):
                    fate[key] = "not addable"
                elif pol.lexicon_cues and not (
                    learned_claims.lexicon_cue(ctx, att)
                    or (pol.corpus_cues and learned_claims.corpus_cue(ctx, att))
                    or (pol.clause_cues and learned_rules.clause_content(ctx, content))
                ):
                    fate[key] = "lexicon"
                else:
                    fate[key] = "added"
            else:
                fate[key] = "paired"
        return orig_combine(ctx, lo, hi, index, rules)

    gate.learned_claims.combine = spy  # type: ignore[attr-defined]
    lost: dict[str, Counter[str]] = defaultdict(Counter)
    extra: Counter[str] = Counter()
    totals: Counter[str] = Counter()
    examples: dict[tuple[str, str], list[str]] = defaultdict(list)
    docs = [d for d in ev.documents(split_dir) if only is None or d[0] in only][: args.limit]
    for name, txt, ann in docs:
        text = txt.read_text(encoding="utf-8")
        gold = ev.read_ann(ann, text)
        doc = nlp(text)
        atts = attributions(doc)
        fate.clear()
        reached.clear()
        claims = extractor(doc, None)
        learned = {r: [ev.span_chars(text, f) for f in fr] for r, fr in role_char_spans(doc).items()}
        got = ev._rules_predictions(claims, text)
        emitted_cues = {c.cue_span for c in claims if c.cue_span is not None}
        for role in ev.ROLES:
            golds = [getattr(g, role) for g in gold if getattr(g, role)]
            ml = _matched(learned[role], golds)
            mc = _matched(got[role], golds)
            totals[f"{role} gold"] += len(golds)
            totals[f"{role} learned TP"] += len(ml)
            totals[f"{role} claims TP"] += len(mc)
            totals[f"{role} learned pred"] += len(learned[role])
            totals[f"{role} claims pred"] += len(got[role])
            for j in ml:
                if j in mc:
                    continue
                g = golds[j]
                best = max(atts, key=lambda a: len(_att_chars(text, a, role) & g), default=None)
                if best is None or not (_att_chars(text, best, role) & g):
                    reason = "no attribution"
                elif not best.content:
                    reason = "no content"
                elif _key(best) not in reached:
                    reason = "sentence skipped"
                elif fate.get(_key(best)) in ("no content", "topic", "not addable", "lexicon"):
                    reason = fate[_key(best)]
                elif fate.get(_key(best)) == "paired" and args.policy.startswith("rules"):
                    reason = "rules kept"
                elif (best.cue.start_char, best.cue.end_char) not in emitted_cues:
                    reason = f"gate filter ({fate.get(_key(best))})"
                else:
                    reason = "emitted, span differs"
                lost[role][reason] += 1
                lo = min(g)
                examples[(role, reason)].append(f"{name}@{lo}: gold {text[min(g) : max(g) + 1][:150]!r}")
            # claims' false positives not among the tagger's false positives (rough: counts only)
            fp_c = len(got[role]) - len(mc)
            fp_l = len(learned[role]) - len(ml)
            extra[role] += fp_c - fp_l
    print(f"PolNeAR {args.split}, {len(docs)} documents, policy {args.policy}")
    for role in ev.ROLES:
        g = totals[f"{role} gold"]
        lt, ct = totals[f"{role} learned TP"], totals[f"{role} claims TP"]
        lp, cp = totals[f"{role} learned pred"], totals[f"{role} claims pred"]
        print(
            f"\n{role}: gold {g}; tagger spans TP {lt} of {lp} predicted; claims TP {ct} of {cp}; "
            f"claims' FP minus the tagger's FP: {extra[role]:+d}"
        )
        for reason, n in lost[role].most_common():
            print(f"  lost: {reason:<32} {n:5d}")
            rnd = random.Random(0)
            ex = examples[(role, reason)]
            for e in rnd.sample(ex, min(args.show, len(ex))):
                print(f"      {e}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
