"""Save the bundled pipelines' tokenizers with whole hyphenated words (:mod:`pipelines.nlp.tokenization`).

``python -m training.tokenizer [models/en models/ru models/uk]`` rewrites each directory's ``tokenizer`` file in
place; nothing trained changes. ``training.build`` saves new pipelines this way, so this step is only for
directories built before it did.
"""

from __future__ import annotations

import argparse
import sys
from collections.abc import Sequence
from pathlib import Path

import spacy

from pipelines.nlp.tokenization import whole_hyphenated_words

REPO = Path(__file__).resolve().parents[1]
DEFAULT_DIRS = tuple(REPO / "models" / lang for lang in ("en", "ru", "uk"))


def main(argv: Sequence[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m training.tokenizer", description=__doc__)
    parser.add_argument("dirs", nargs="*", type=Path, default=list(DEFAULT_DIRS), help="pipeline directories")
    args = parser.parse_args(argv)
    for path in args.dirs:
        if not (path / "tokenizer").is_file():
            print(
                f"training.tokenizer: {path} has no tokenizer file; expected a spaCy pipeline directory",
                file=sys.stderr,
            )
            return 1
        nlp = spacy.blank(spacy.util.load_meta(path / "meta.json")["lang"])
        nlp.tokenizer.from_disk(path / "tokenizer")
        whole_hyphenated_words(nlp).tokenizer.to_disk(path / "tokenizer")
        print(f"training.tokenizer: {path / 'tokenizer'} keeps hyphenated words whole")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
