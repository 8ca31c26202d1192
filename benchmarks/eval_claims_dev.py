"""Score the claims extraction on the hand-annotated development set (tests/data/claims_dev, issue 17).

    .venv/bin/python benchmarks/eval_claims_dev.py [--lang en ru uk] [--split dev dev2] [--by-style] [--dump F]

Runs the NLP the pipeline runs on every article of the set (see :func:`extract`, the one adapter to switch to
``claimflow extract`` once it exists) and prints, per language and split:

- ``rec_att``: recall of gold attributed claims (direct quote, indirect, according to): a gold claim is found
  when an attributed row's content shares at least half of the longer of the two spans (one-to-one, greedy, as
  in :mod:`pipelines.nlp.claims.attribution_eval`); ``rec_any`` the same, whatever the row's attribution;
- ``rec_spk`` / ``rec_out``: recall of transcript sentences (speaker named outside the text) and outlet
  assertions by rows of any attribution (the outlet annotation is not exhaustive: indicative only);
- ``P_who``, ``P_cue``, ``P_cont``: precision of attributed rows per field. Each attributed row is aligned to
  the gold claim (attributed or transcript) whose content it overlaps most; content is right at half overlap,
  claimant when names agree (see :func:`same_name`), cue when the cue words agree. A row aligned to nothing is
  wrong in every field; rows aligned to transcript claims are left out of cue precision;
- ``q``, ``furn``, ``wish``: share of annotated questions, furniture spans and wishes/imperatives/slogans/
  fragments that a row's content covers (overlap at least half of the shorter span);
- ``u+oth``: share of rows ``unattributed`` with event type ``other``; ``rows/s``: rows per sentence (the
  pipeline's sentences); ``bare``: share of attributed rows whose claimant is a bare pronoun or interrogative;
  ``addr``: attributed rows whose claimant is the annotated addressee (told X, рассказал X).

A second table gives canonical claimants and clusters: ``canon``, the share of attributed rows with a
``claimant_canonical``; ``P_can``, of the attributed rows with one that are aligned to a gold claim with a
canonical name, the share whose canonical name is the gold one (case-insensitive); ``fp``, the share of rows
with a fingerprint; ``fps``, distinct fingerprints; ``fpmax``, the largest fingerprint's share of all rows;
``multi``, fingerprints held by rows of two or more articles, and ``xout`` those of two or more outlets.

The format of the set is described in tests/data/claims_dev/README.md.
"""

from __future__ import annotations

import argparse
import json
import re
import sys
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from datetime import datetime
from pathlib import Path
from typing import Any

REPO = Path(__file__).resolve().parents[1]
DATA = REPO / "tests" / "data" / "claims_dev"
LANGS = ("en", "ru", "uk")
SPLITS = (
    "dev",
    "dev2",
    "dev3",
    "dev4",
    "dev5",
    "dev6",
)  # dev3-dev6: fresh held-back splits, written for uk only so far
ATTRIBUTED = ("direct_quote", "indirect", "according_to")
_EDGE = set(" \t\n\r,.;:!?\"'«»“”„‘’()[]—–-")
_WORD = re.compile(r"\w+")


@dataclass
class Extracted:
    """What a run finds in one article: its claim rows (columns of the ``claims`` table) and sentence count."""

    claims: list[dict[str, Any]]
    sentences: int


def extract(lang: str, articles: Sequence[dict[str, Any]], policies: Sequence[str] = ()) -> list[Extracted]:
    """The current claims extraction, as the Beam stage runs it: the pipeline that
    :func:`pipelines.nlp.assemble.build_nlp` assembles (models/<lang>, paragraph breaks, gazetteer, claims), one
    pass per article with ``published_at`` and ``title`` set, as :mod:`pipelines.extract_entities` does. With ``policies``
    (English), see :func:`extract_policies`: the rows of the first policy."""
    if policies:
        return extract_policies(lang, articles, policies)[policies[0]]
    from pipelines.nlp.assemble import build_nlp

    nlp, _, fallback = build_nlp(lang, f"bundled:{lang}")
    if fallback:
        raise SystemExit(f"models/{lang} is not available: run `make models`")
    return [
        Extracted([claim.as_dict() for claim in doc._.claims], sum(1 for _ in doc.sents))
        for doc in nlp.pipe(_docs(nlp, articles))
    ]


def _docs(nlp: Any, articles: Sequence[dict[str, Any]]) -> list[Any]:
    docs = []
    for article in articles:
        doc = nlp.make_doc(article["text"])
        doc._.published_at = datetime.fromisoformat(article["published_at"])
        doc._.title = article.get("title")  # as pipelines.extract_entities sets it (None: no title)
        docs.append(doc)
    return docs


def extract_policies(
    lang: str, articles: Sequence[dict[str, Any]], policies: Sequence[str]
) -> dict[str, list[Extracted]]:
    """The rows under each combine policy of the learned attribution tagger
    (:data:`pipelines.nlp.claims.learned.POLICIES`; ``rules`` ignores it), from one pass of the pipeline with
    ``claimflow_attribution_tagger_v1`` and ``claimflow_claim_worthiness_v1`` added; a policy name with the
    suffix ``+worthy`` also drops unattributed rows the claim-worthiness classifier does not find check-worthy,
    ``+worthy_other`` only those of event type ``other`` without a figure."""
    import copy

    from pipelines.nlp.assemble import build_nlp, claims_component
    from pipelines.nlp.claims.learned import POLICIES, add_attribution_tagger
    from pipelines.nlp.claims.worthiness import add_claim_worthiness

    nlp, _, fallback = build_nlp(lang, f"bundled:{lang}")
    if fallback:
        raise SystemExit(f"models/{lang} is not available: run `make models`")
    add_attribution_tagger(nlp)
    add_claim_worthiness(nlp)
    component = claims_component(nlp)
    extractor = component.extractor
    variants = {}
    for name in policies:
        base, _, flag = name.partition("+")
        variant = copy.copy(extractor)
        variant.learned_policy = POLICIES[base]
        variant.worthiness = {"": "off", "worthy": "unattributed", "worthy_other": "unattributed_other"}[flag]
        variants[name] = variant
    out: dict[str, list[Extracted]] = {name: [] for name in policies}
    for doc in nlp.pipe(_docs(nlp, articles)):
        n_sents = sum(1 for _ in doc.sents)
        for name, variant in variants.items():
            claims = variant(doc, doc._.published_at, component.title_doc(doc._.title))
            out[name].append(Extracted([claim.as_dict() for claim in claims], n_sents))
    return out


# --- reading the set -----------------------------------------------------------------------------------------


def load(lang: str, split: str) -> list[tuple[dict[str, Any], dict[str, Any]]]:
    """(article, gold) pairs of one language and split."""
    arts = [json.loads(x) for x in (DATA / lang / f"{split}.articles.jsonl").read_text("utf-8").splitlines()]
    gold = [json.loads(x) for x in (DATA / lang / f"{split}.gold.jsonl").read_text("utf-8").splitlines()]
    if [a["id"] for a in arts] != [g["id"] for g in gold]:
        raise SystemExit(f"{lang}/{split}: article and gold files list different ids; rebuild the set")
    return list(zip(arts, gold, strict=True))


def bare_words(lang: str) -> frozenset[str]:
    data = json.loads((DATA / "bare_claimants.json").read_text("utf-8"))
    return frozenset(data[lang])


# --- matching ------------------------------------------------------------------------------------------------


def chars(text: str, start: int, end: int) -> frozenset[int]:
    """The characters of a span without edge punctuation and spaces."""
    while start < end and text[start] in _EDGE:
        start += 1
    while end > start and text[end - 1] in _EDGE:
        end -= 1
    return frozenset(range(start, end))


def half(a: frozenset[int], b: frozenset[int]) -> float:
    """Shared characters over the longer span; 0 below one half."""
    if not a or not b:
        return 0.0
    r = len(a & b) / max(len(a), len(b))
    return r if r >= 0.5 else 0.0


def greedy(pairs: Iterable[tuple[float, int, int]]) -> dict[int, int]:
    """One-to-one matching by descending score: gold index → row index."""
    used_g: dict[int, int] = {}
    used_r: set[int] = set()
    for _, g, r in sorted(pairs, reverse=True):
        if g in used_g or r in used_r:
            continue
        used_g[g] = r
        used_r.add(r)
    return used_g


def _tokens(s: str | None) -> list[str]:
    return _WORD.findall((s or "").casefold().replace("ё", "е")) if s else []


def _tok_eq(a: str, b: str) -> bool:
    """Equal, or one inflected form of the other (a shared stem of at least 4 letters, endings of up to 3)."""
    if a == b:
        return True
    n = 0
    for x, y in zip(a, b, strict=False):
        if x != y:
            break
        n += 1
    return n >= 4 and max(len(a), len(b)) - n <= 3


def _contained(part: list[str], whole: list[str]) -> float:
    if not part:
        return 0.0
    return sum(1 for t in part if any(_tok_eq(t, w) for w in whole)) / len(part)


def same_name(row_text: str | None, gold_texts: Sequence[str | None]) -> bool:
    """A row's claimant or cue agrees with one of the gold strings: at least half of its words are in it
    (inflected forms count), or, for punctuation-only gold (a dash, a colon), the same characters."""
    part = _tokens(row_text)
    for g in gold_texts:
        if not g:
            continue
        whole = _tokens(g)
        if not whole:
            if row_text and row_text.strip() == g.strip():
                return True
            continue
        if part and _contained(part, whole) >= 0.5 and any(len(t) >= 3 for t in part):
            return True
    return False


def is_bare(claimant: str | None, words: frozenset[str]) -> bool:
    toks = _tokens(claimant)
    return bool(toks) and all(t in words for t in toks)


# --- scoring -------------------------------------------------------------------------------------------------


@dataclass
class Counts:
    articles: int = 0
    sentences: int = 0
    rows: int = 0
    gold_att: int = 0
    found_att: int = 0
    found_att_any: int = 0
    gold_spk: int = 0
    found_spk: int = 0
    gold_out: int = 0
    found_out: int = 0
    att_rows: int = 0
    who_ok: int = 0
    cue_rows: int = 0
    cue_ok: int = 0
    cont_ok: int = 0
    unatt_other: int = 0
    bare: int = 0
    addressee: int = 0
    canon: int = 0
    canon_gold: int = 0
    canon_ok: int = 0
    found_tr: int = 0  # gold transcript claims found by a ``transcript`` row
    tr_rows: int = 0
    tr_who_ok: int = 0
    tr_cont_ok: int = 0
    non_claims: dict[str, list[int]] = field(default_factory=dict)  # group → [emitted, total]

    def add_non_claim(self, group: str, emitted: bool) -> None:
        e, t = self.non_claims.get(group, [0, 0])
        self.non_claims[group] = [e + emitted, t + 1]


GROUPS = {
    "question": "q",
    "furniture": "furn",
    "wish": "wish",
    "imperative": "wish",
    "slogan": "wish",
    "fragment": "wish",
}


def score_article(
    text: str, gold: dict[str, Any], got: Extracted, bare_set: frozenset[str], c: Counts
) -> None:
    rows = got.claims
    c.articles += 1
    c.sentences += got.sentences
    c.rows += len(rows)
    row_spans = [chars(text, r["content_start"], r["content_end"]) for r in rows]
    att_idx = [i for i, r in enumerate(rows) if r["attribution"] in ATTRIBUTED]
    golds = gold["claims"]
    g_spans = [chars(text, g["content"]["start"], g["content"]["end"]) for g in golds]

    def recall(kinds: Sequence[str], candidates: Sequence[int]) -> tuple[int, int]:
        gi = [j for j, g in enumerate(golds) if g["type"] in kinds]
        pairs = [(half(g_spans[j], row_spans[i]), j, i) for j in gi for i in candidates]
        return len(gi), len(greedy(p for p in pairs if p[0] > 0))

    everything = range(len(rows))
    n, k = recall(ATTRIBUTED, att_idx)
    c.gold_att += n
    c.found_att += k
    c.found_att_any += recall(ATTRIBUTED, everything)[1]
    n, k = recall(("transcript",), everything)
    c.gold_spk += n
    c.found_spk += k
    c.found_tr += recall(
        ("transcript",), [i for i, r in enumerate(rows) if r["attribution"] == "transcript"]
    )[1]
    n, k = recall(("unattributed",), everything)
    c.gold_out += n
    c.found_out += k

    aligned_kinds = (*ATTRIBUTED, "transcript")
    addressees = [g["addressee"]["text"] for g in golds if g.get("addressee")]
    for i in att_idx:
        row = rows[i]
        c.att_rows += 1
        c.canon += bool(row["claimant_canonical"])
        best, best_j = 0, None
        for j, g in enumerate(golds):
            if g["type"] not in aligned_kinds:
                continue
            inter = len(row_spans[i] & g_spans[j])
            if inter > best:
                best, best_j = inter, j
        if is_bare(row["claimant"], bare_set):
            c.bare += 1
        if row["claimant"] and any(same_name(row["claimant"], [a]) for a in addressees):
            c.addressee += 1
        if best_j is None:
            c.cue_rows += 1
            continue
        g = golds[best_j]
        c.cont_ok += half(row_spans[i], g_spans[best_j]) > 0
        if row["claimant_canonical"] and g["claimant_canonical"]:
            c.canon_gold += 1
            c.canon_ok += row["claimant_canonical"].casefold() == g["claimant_canonical"].casefold()
        names = [g["claimant_canonical"]]
        if g["claimant"] and not is_bare(g["claimant"]["text"], bare_set):
            names.append(g["claimant"]["text"])
        row_names = [row["claimant"], row["claimant_canonical"]]
        c.who_ok += any(same_name(n, names) for n in row_names if n and not is_bare(n, bare_set))
        if g["type"] != "transcript":
            c.cue_rows += 1
            c.cue_ok += same_name(row["cue_text"], [g["cue"]["text"]])
    for i, row in enumerate(rows):
        if row["attribution"] != "transcript":
            continue
        # a transcript row (speaker named in the title) against the gold claim it overlaps most, of any type
        c.tr_rows += 1
        best, best_j = 0, None
        for j in range(len(golds)):
            inter = len(row_spans[i] & g_spans[j])
            if inter > best:
                best, best_j = inter, j
        if best_j is None:
            continue
        g = golds[best_j]
        c.tr_cont_ok += half(row_spans[i], g_spans[best_j]) > 0
        names = [g.get("claimant_canonical")]
        if g.get("claimant") and not is_bare(g["claimant"]["text"], bare_set):
            names.append(g["claimant"]["text"])
        row_names = [row["claimant"], row["claimant_canonical"]]
        c.tr_who_ok += g["type"] != "unattributed" and any(same_name(n, names) for n in row_names if n)
    for r in rows:
        c.unatt_other += r["attribution"] == "unattributed" and r["event_type"] == "other"
    for nc in gold["non_claims"]:
        span = chars(text, nc["start"], nc["end"])
        emitted = any(span and s and len(span & s) >= 0.5 * min(len(span), len(s)) for s in row_spans)
        c.add_non_claim(GROUPS[nc["kind"]], emitted)


def _ratio(a: int, b: int) -> str:
    return f"{a / b:.2f}" if b else "  - "


def row_of(lang: str, split: str, c: Counts) -> list[str]:
    nc = c.non_claims
    return [
        lang,
        split,
        str(c.articles),
        str(c.rows),
        _ratio(c.found_att, c.gold_att),
        _ratio(c.found_att_any, c.gold_att),
        _ratio(c.found_spk, c.gold_spk),
        _ratio(c.found_out, c.gold_out),
        _ratio(c.who_ok, c.att_rows),
        _ratio(c.cue_ok, c.cue_rows),
        _ratio(c.cont_ok, c.att_rows),
        *(_ratio(*nc.get(g, [0, 0])) for g in ("q", "furn", "wish")),
        _ratio(c.unatt_other, c.rows),
        _ratio(c.rows, c.sentences),
        _ratio(c.bare, c.att_rows),
        str(c.addressee),
    ]


HEADER = [
    "lang",
    "split",
    "arts",
    "rows",
    "rec_att",
    "rec_any",
    "rec_spk",
    "rec_out",
    "P_who",
    "P_cue",
    "P_cont",
    "q",
    "furn",
    "wish",
    "u+oth",
    "rows/s",
    "bare",
    "addr",
]


TRANSCRIPT_HEADER = ["lang", "split", "gold_tr", "tr_rows", "rec_tr", "P_spk", "P_tcont"]


def transcript_row(lang: str, split: str, c: Counts) -> list[str]:
    """Rows of attribution ``transcript`` (the speaker named in the title): ``rec_tr`` recall of gold
    transcript claims by them; ``P_spk`` / ``P_tcont`` the share of them whose claimant (or canonical name) is
    the gold claim's speaker and whose content is right (aligned as ``P_who``; an outlet assertion has no
    speaker, a row aligned to nothing is wrong)."""
    return [
        lang,
        split,
        str(c.gold_spk),
        str(c.tr_rows),
        _ratio(c.found_tr, c.gold_spk),
        _ratio(c.tr_who_ok, c.tr_rows),
        _ratio(c.tr_cont_ok, c.tr_rows),
    ]


CLUSTER_HEADER = ["lang", "split", "att", "canon", "P_can", "rows", "fp", "fps", "fpmax", "multi", "xout"]


def cluster_row(lang: str, split: str, c: Counts, found: Sequence[tuple[str, str, str | None]]) -> list[str]:
    """``found``: (article id, outlet, fingerprint) of every row."""
    by_fp: dict[str, list[tuple[str, str]]] = {}
    for art, outlet, fp in found:
        if fp:
            by_fp.setdefault(fp, []).append((art, outlet))
    biggest = max((len(v) for v in by_fp.values()), default=0)
    return [
        lang,
        split,
        str(c.att_rows),
        _ratio(c.canon, c.att_rows),
        _ratio(c.canon_ok, c.canon_gold),
        str(len(found)),
        _ratio(sum(len(v) for v in by_fp.values()), len(found)),
        str(len(by_fp)),
        _ratio(biggest, len(found)),
        str(sum(len({a for a, _ in v}) > 1 for v in by_fp.values())),
        str(sum(len({o for _, o in v}) > 1 for v in by_fp.values())),
    ]


def table(rows: Sequence[Sequence[str]], header: Sequence[str] = HEADER) -> str:
    widths = [max(len(r[i]) for r in [header, *rows]) for i in range(len(header))]
    return "\n".join("  ".join(v.rjust(w) for v, w in zip(r, widths, strict=True)) for r in [header, *rows])


def main(argv: Sequence[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--lang", nargs="+", default=list(LANGS), choices=LANGS)
    ap.add_argument("--split", nargs="+", default=["dev", "dev2"], choices=SPLITS)
    ap.add_argument(
        "--dump", type=Path, help="write every row found (JSON lines: id, split, claim) to this file"
    )
    ap.add_argument("--by-style", action="store_true", help="also print one line per style")
    ap.add_argument(
        "--policy",
        nargs="+",
        default=[],
        help="English only: add the learned attribution tagger and score each combine policy (names in "
        "pipelines.nlp.claims.learned.POLICIES; suffix +worthy: unattributed rows must be claim-worthy)",
    )
    args = ap.parse_args(argv)
    out_rows, dumped, cluster_rows, transcript_rows = [], [], [], []
    for lang in args.lang:
        bare_set = bare_words(lang)
        for split in args.split:
            if not (DATA / lang / f"{split}.articles.jsonl").exists():
                continue
            pairs = load(lang, split)
            if args.policy:
                runs = extract_policies(lang, [a for a, _ in pairs], args.policy)
                for name, found in runs.items():
                    c = Counts()
                    for (article, gold), got in zip(pairs, found, strict=True):
                        score_article(article["text"], gold, got, bare_set, c)
                    out_rows.append(row_of(lang, f"{split}:{name}", c))
                continue
            found = extract(lang, [a for a, _ in pairs])
            c = Counts()
            styles: dict[str, Counts] = {}
            for (article, gold), got in zip(pairs, found, strict=True):
                score_article(article["text"], gold, got, bare_set, c)
                score_article(
                    article["text"], gold, got, bare_set, styles.setdefault(gold["style"], Counts())
                )
                dumped.extend(
                    {"id": article["id"], "lang": lang, "split": split, "claim": r} for r in got.claims
                )
            out_rows.append(row_of(lang, split, c))
            prints = [
                (a["id"], a["source"], r["fingerprint"])
                for (a, _), got in zip(pairs, found, strict=True)
                for r in got.claims
            ]
            cluster_rows.append(cluster_row(lang, split, c, prints))
            transcript_rows.append(transcript_row(lang, split, c))
            if args.by_style:
                out_rows.extend(row_of(lang, f"{split}:{style}", sc) for style, sc in sorted(styles.items()))
                if "speech" in styles:
                    transcript_rows.append(transcript_row(lang, f"{split}:speech", styles["speech"]))
    print(table(out_rows))
    print()
    print(table(cluster_rows, CLUSTER_HEADER))
    if transcript_rows:
        print()
        print(table(transcript_rows, TRANSCRIPT_HEADER))
    if args.dump:
        args.dump.write_text(
            "".join(json.dumps(d, ensure_ascii=False, default=str) + "\n" for d in dumped), encoding="utf-8"
        )
        print(f"rows written to {args.dump}", file=sys.stderr)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
