"""Time per article length: is every NLP step linear in the length of an article?

    python benchmarks/bench_article_length.py [--lang en] [--sizes 10000,16000,40000,160000]

One article per size, cut at a paragraph break from news text: PolNeAR's dev articles (English) or NEREL's dev
texts (Russian) when ../shared (or $CLAIMFLOW_SHARED) is there, else the bundled samples of the language,
repeated. Each article goes through the pipeline as the Beam stage runs it (:func:`pipelines.nlp.assemble.build_nlp`):
the spaCy components (parse, NER, gazetteer), then the claims component on the same doc (without the
``max_claims_per_doc`` cap, so that every claim is timed). Prints CPU seconds of this process (steady while
other processes load the machine) and seconds per 10,000 characters for each step and size, and the ratio
of the largest size to 16,000 characters (linear: the ratio of the sizes, 10 for 160,000 / 16,000).
"""

from __future__ import annotations

import argparse
import json
import os
import time
from datetime import UTC, datetime
from pathlib import Path

from pipelines.nlp.assemble import build_nlp, claims_component

REPO = Path(__file__).resolve().parents[1]
SOURCES = {
    "en": "corpora/attribution/en/PolNeAR/data/dev/text/*.txt",
    "ru": "corpora/ner/ru/NEREL-v1.0/dev/*.txt",
}


def news_text(lang: str, chars: int) -> str:
    env = os.environ.get("CLAIMFLOW_SHARED")
    shared = Path(env) if env else REPO / ".." / "shared"
    paragraphs: list[str] = []
    if lang in SOURCES:
        for path in sorted(shared.glob(SOURCES[lang])):
            paragraphs += [p.strip() for p in path.read_text(encoding="utf-8").split("\n\n") if p.strip()]
    if not paragraphs:
        for line in (REPO / "samples" / "articles.jsonl").read_text(encoding="utf-8").splitlines():
            record = json.loads(line)
            if record.get("language_hint") == lang and record.get("text"):
                paragraphs += [p for p in record["text"].split("\n") if p.strip()]
    out: list[str] = []
    size = 0
    while size < chars:
        for p in paragraphs:
            out.append(p)
            size += len(p) + 2
            if size >= chars:
                break
    return "\n\n".join(out)[:chars]


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0] if __doc__ else None)
    parser.add_argument("--lang", default="en")
    parser.add_argument("--model", default=None, help="model spec (default bundled:<lang>)")
    parser.add_argument("--sizes", default="10000,16000,40000,160000")
    parser.add_argument("--repeat", type=int, default=1, help="runs per size; the fastest counts")
    args = parser.parse_args()
    sizes = [int(s) for s in args.sizes.split(",")]
    nlp, label, _ = build_nlp(args.lang, args.model or f"bundled:{args.lang}")
    claims = claims_component(nlp)
    claims.extractor.max_claims = 10**9  # measure every claim, not the first claims.max_claims_per_doc
    skip = [name for name, pipe in nlp.pipeline if pipe is claims]
    nlp(news_text(args.lang, 2000))  # warm up
    print(f"{label}: seconds (seconds per 10,000 characters)")
    print(f"{'chars':>8} {'spaCy':>16} {'claims':>16} {'total':>16} {'claims found':>13}")
    per: dict[int, tuple[float, float]] = {}
    for size in sizes:
        spacy_s = claims_s = float("inf")
        for _ in range(args.repeat):
            doc = nlp.make_doc(news_text(args.lang, size))
            doc._.published_at = datetime(2016, 10, 1, tzinfo=UTC)
            started = time.process_time()
            doc = next(iter(nlp.pipe([doc], disable=skip)))
            parsed = time.process_time()
            n = len(claims(doc)._.claims)
            done = time.process_time()
            spacy_s, claims_s = min(spacy_s, parsed - started), min(claims_s, done - parsed)
        per[size] = (spacy_s, claims_s)
        cells = [f"{s:7.2f} ({s / size * 1e4:5.2f})" for s in (spacy_s, claims_s, spacy_s + claims_s)]
        print(f"{size:>8} {cells[0]:>16} {cells[1]:>16} {cells[2]:>16} {n:>13}")
    if 16000 in per and len(sizes) > 1:
        big = max(sizes)
        base_s, base_c = per[16000]
        big_s, big_c = per[big]
        print(
            f"{big:,} / 16,000 characters ({big / 16000:.0f}x the text): spaCy {big_s / base_s:.1f}x, "
            f"claims {big_c / base_c:.1f}x, total {(big_s + big_c) / (base_s + base_c):.1f}x"
        )
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
