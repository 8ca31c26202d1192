"""Where two English pipelines disagree on entities in unseen news, for hand judging (issue 18).

    python -m training.ner_diffs OLD_MODEL NEW_MODEL [--articles 20] [--sample 40] [--seed 18]

Runs both pipelines on PolNeAR dev articles (US politics news, 2016: a domain and decade neither NER trained
on; PolNeAR has no entity annotation, so a person judges), one article per ``Doc`` as claimflow's stage does,
and prints a random sample of the PER/LOC/ORG/MISC entities that only one of them finds or that they label
differently: article, character start and end, old label, new label, text. The verdicts (which was right) are
kept in ``training/judgements/doc_entities_en_verdicts.tsv`` without the text (the corpus stays in ../shared).
"""

from __future__ import annotations

import argparse
import random
from pathlib import Path

import spacy

from training.attribution import polnear_dir

LABELS = ("PER", "LOC", "ORG", "MISC")


def entities(nlp: spacy.language.Language, text: str) -> dict[tuple[int, int], str]:
    return {(e.start_char, e.end_char): e.label_ for e in nlp(text).ents if e.label_ in LABELS}


def diffs(old: Path, new: Path, articles: int, seed: int) -> list[tuple[str, int, int, str, str, str]]:
    """(article, start, end, old label or -, new label or -, text) for every disagreement in ``articles`` random
    PolNeAR dev articles."""
    texts = sorted((polnear_dir() / "dev" / "text").glob("*.txt"))
    chosen = sorted(random.Random(seed).sample(texts, min(articles, len(texts))))
    a, b = spacy.load(old), spacy.load(new)
    out = []
    for path in chosen:
        text = path.read_text(encoding="utf-8")
        ea, eb = entities(a, text), entities(b, text)
        for span in sorted(ea.keys() | eb.keys()):
            la, lb = ea.get(span, "-"), eb.get(span, "-")
            if la != lb:
                out.append((path.stem, span[0], span[1], la, lb, text[span[0] : span[1]].replace("\n", " ")))
    return out


def main(argv: list[str] | None = None) -> None:
    p = argparse.ArgumentParser(prog="python -m training.ner_diffs", description=__doc__)
    p.add_argument("old", type=Path)
    p.add_argument("new", type=Path)
    p.add_argument("--articles", type=int, default=20)
    p.add_argument("--sample", type=int, default=40)
    p.add_argument("--seed", type=int, default=18)
    args = p.parse_args(argv)
    found = diffs(args.old, args.new, args.articles, args.seed)
    print(f"# {len(found)} disagreements in {args.articles} articles; a random {args.sample}:")
    for row in sorted(random.Random(args.seed).sample(found, min(args.sample, len(found)))):
        print("\t".join(map(str, row)))


if __name__ == "__main__":
    main()
