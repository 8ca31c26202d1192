"""Which trafilatura settings keep an article's body? Token F1 per page and setting, on pages written for claimflow.

    .venv/bin/python benchmarks/bench_html_extraction.py [--split dev|heldout|all]

The pages and their true bodies are ``tests/fixtures/html/`` (``pages.py`` writes them). For every
combination of ``favor_precision``, ``favor_recall`` and ``fast`` it prints the token F1 of the extracted
text against the true body (bag of lower-cased word tokens), per page and as the mean over pages with a body,
and the share of the page's visible letters (reader comments not counted) that the extraction kept (:func:`pipelines.parse_articles.body_share`),
which decides ``html_no_body``; the last column is what claimflow does (``extract_body``: its settings, then
the fallback settings when the first result is a fragment). Settings are chosen on the dev split; the
held-out split is measured once.
"""

from __future__ import annotations

import argparse
import itertools
import re
import sys
from collections import Counter
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "tests" / "fixtures" / "html"))
sys.path.insert(0, str(ROOT))

from pages import PAGES, SPLIT  # noqa: E402

from pipelines.parse_articles import MIN_BODY_SHARE, body_share, extract_body, extract_main_text  # noqa: E402

_WORD = re.compile(r"\w+")


def token_f1(got: str, want: str) -> float:
    """F1 of the multisets of lower-cased word tokens (1.0 when both are empty)."""
    g, w = Counter(_WORD.findall(got.lower())), Counter(_WORD.findall(want.lower()))
    if not g and not w:
        return 1.0
    overlap = sum((g & w).values())
    if not overlap:
        return 0.0
    precision, recall = overlap / sum(g.values()), overlap / sum(w.values())
    return 2 * precision * recall / (precision + recall)


SETTINGS = [
    {"favor_precision": p, "favor_recall": r, "fast": f}
    for (p, r), f in itertools.product([(False, False), (True, False), (False, True)], [False, True])
]


def label(setting: dict[str, bool]) -> str:
    return "+".join(k for k, v in setting.items() if v) or "default"


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--split", choices=("dev", "heldout", "all"), default="dev")
    args = parser.parse_args()
    names = [p.name for p in PAGES] if args.split == "all" else list(SPLIT[args.split])
    pages = [p for p in PAGES if p.name in names]
    fixtures = ROOT / "tests" / "fixtures" / "html"
    print(
        f"split {args.split}: {len(pages)} pages; cells: token F1 / share of visible letters kept / verdict "
        f"(ok, REJ = html_no_body below {MIN_BODY_SHARE}, empty = nothing extracted); pages without a body "
        "should end REJ or empty"
    )
    print(f"{'page':<20}" + "".join(f"{label(s):>30}" for s in SETTINGS) + f"{'claimflow':>30}")
    means: dict[str, list[float]] = {label(s): [] for s in [*SETTINGS, {"claimflow": True}]}
    for page in pages:
        html = (fixtures / f"{page.name}.html").read_text("utf-8")
        want = (fixtures / f"{page.name}.txt").read_text("utf-8")
        cells = []
        for setting in SETTINGS:
            got, comments = extract_main_text(html, **setting)
            share = body_share(html, got, comments)
            f1 = token_f1(got, want)
            if page.body:
                means[label(setting)].append(f1)
            verdict = "empty" if not got else "REJ" if share < MIN_BODY_SHARE else "ok"
            cells.append(f"{f1:.2f} / {share:.2f} {verdict:>5}")
        got, share = extract_body(html)  # what claimflow does: EXTRACTION_SETTINGS, then FALLBACK_SETTINGS
        verdict = "empty" if not got else "REJ" if share < MIN_BODY_SHARE else "ok"
        cells.append(f"{token_f1(got, want):.2f} / {share:.2f} {verdict:>5}")
        if page.body:
            means["claimflow"].append(token_f1(got, want))
        print(f"{page.name:<20}" + "".join(f"{c:>30}" for c in cells))
    print(f"{'mean F1 (with body)':<20}" + "".join(f"{sum(v) / len(v):>30.3f}" for v in means.values()))


if __name__ == "__main__":
    main()
