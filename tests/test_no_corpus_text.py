"""Third-party text stays in ../shared: no tracked file of the repository holds a run of eight or more words of a
corpus document in ../shared/corpora (the developers' guide; test sentences are written for claimflow, judged rows
keep document ids and offsets). Words are ``\\w+`` runs, lowercased; a corpus's own documentation (README, LICENSE,
PROVENANCE, document lists) is not indexed, so its names and licences may be cited. A run that is a generic formula
can be allowed in ``tests/data/corpus_text_allowed.txt`` (its words, one run per line)."""

from __future__ import annotations

import csv
import io
import json
import re
import subprocess
from collections.abc import Iterator
from pathlib import Path

import pytest

from tests.nlp.conftest import REPO, needs_corpora, shared_dir

N = 8
WORD = re.compile(r"\w+")
#: a document id (PolNeAR's "nyt_2016-09-28_what-mexico-could-do-…"): ids may be kept, so they are no words
DOC_ID = re.compile(r"\b[\w-]+_\d{4}-\d{2}-\d{2}_[\w-]+")
ALLOWED = REPO / "tests" / "data" / "corpus_text_allowed.txt"
#: tracked files never scanned: the trained models (binary weights and their vocabularies)
SKIP_PREFIXES = ("models/",)
META = re.compile(
    r"^(readme|license|licence|provenance|changelog)|(-license\.txt|stats\.xml|\.conf|files\.train|doclist\.txt)$",
    re.I,
)


def _words(text: str) -> list[str]:
    return WORD.findall(DOC_ID.sub(" ", text).lower())


def _windows(words: list[str]) -> Iterator[int]:
    for k in range(len(words) - N + 1):
        yield hash(tuple(words[k : k + N]))


def _corpus_streams(path: Path) -> Iterator[str]:
    """The text of a corpus file as its format holds it: CoNLL-U sentences and forms, brat span texts,
    token-per-line columns, JSON strings, table cells, or the raw text."""
    text = path.read_text(encoding="utf-8", errors="replace")
    ext = path.suffix.lower().lstrip(".")
    lines = text.splitlines()
    if ext == "conllu":
        yield " ".join(line.split("=", 1)[1] for line in lines if line.startswith("# text ="))
        yield " \n ".join(line.split("=", 1)[1] for line in lines if line.startswith("# doc_title ="))
        yield " ".join(c[1] for c in (line.split("\t") for line in lines) if len(c) > 1 and c[0].isdigit())
    elif ext in ("json", "jsonl"):
        yield " \n ".join(_json_strings(text, ext))
    elif ext in ("tsv", "csv"):
        rows = list(csv.reader(io.StringIO(text), delimiter="\t" if ext == "tsv" else ","))
        for col in range(max((len(r) for r in rows), default=0)):
            yield " \n ".join(r[col] for r in rows if len(r) > col)
    elif ext == "tokens":  # factRuEval: id offset length token
        yield " ".join(line.split(" ", 3)[3] for line in lines if line.count(" ") >= 3)
    elif ext in ("iob", "train") or (ext == "txt" and _columnar(lines)):
        # token-per-line files (CoNLL-2003, IOB): the tokens, not their tags
        yield " ".join(line.split()[0] for line in lines if line.split() and line.split()[0] != "-DOCSTART-")
    else:
        yield text


def _columnar(lines: list[str]) -> bool:
    filled = [line for line in lines[:2000] if line.strip()]
    short = sum(1 for line in filled if len(line.split()) <= 6 and len(line) < 120)
    return len(filled) >= 20 and short > 0.9 * len(filled)


def _json_strings(text: str, ext: str) -> list[str]:
    out: list[str] = []

    def walk(obj: object) -> None:
        if isinstance(obj, str):
            out.append(obj)
        elif isinstance(obj, dict):
            for v in obj.values():
                walk(v)
        elif isinstance(obj, list):
            for v in obj:
                walk(v)

    try:
        for chunk in [text] if ext == "json" else [line for line in text.splitlines() if line.strip()]:
            walk(json.loads(chunk))
    except ValueError:
        return [text]
    return out


def _corpus_index(root: Path) -> set[int]:
    index: set[int] = set()
    for path in sorted(root.rglob("*")):
        if not path.is_file() or "eval-sealed" in path.parts or META.search(path.name):
            continue
        if path.stat().st_size > 300 * 1024 * 1024 or b"\0" in path.open("rb").read(8192):
            continue
        for stream in _corpus_streams(path):
            index.update(_windows(_words(stream)))
    return index


def _tracked() -> list[Path]:
    out = subprocess.run(["git", "-C", str(REPO), "ls-files"], capture_output=True, text=True, check=True)
    paths = [REPO / p for p in out.stdout.splitlines() if not p.startswith(SKIP_PREFIXES)]
    return [p for p in paths if p.is_file() and p.stat().st_size <= 5 * 1024 * 1024]


def _runs(text: str, index: set[int]) -> Iterator[tuple[int, str]]:
    """(line, words) of each run of corpus windows in ``text`` (``\\uXXXX`` escapes read as characters)."""
    text = re.sub(r"\\u([0-9a-fA-F]{4})", lambda m: chr(int(m.group(1), 16)), text)
    text = DOC_ID.sub(lambda m: " " * len(m.group()), text)
    found = [(m.group().lower(), m.start()) for m in WORD.finditer(text)]
    hits = [h in index for h in _windows([w for w, _ in found])]
    k = 0
    while k < len(hits):
        if not hits[k]:
            k += 1
            continue
        j = k
        while j + 1 < len(hits) and hits[j + 1]:
            j += 1
        yield text.count("\n", 0, found[k][1]) + 1, " ".join(w for w, _ in found[k : j + N])
        k = j + 1


@pytest.mark.slow
@needs_corpora
def test_no_tracked_file_holds_corpus_text() -> None:
    index = _corpus_index(shared_dir() / "corpora")
    allowed = {
        " ".join(_words(line))
        for line in ALLOWED.read_text(encoding="utf-8").splitlines()
        if line.strip() and not line.startswith("#")
    }
    found = []
    for path in _tracked():
        raw = path.open("rb").read()
        if b"\0" in raw[:8192]:
            continue
        for line, words in _runs(raw.decode("utf-8", errors="replace"), index):
            if not any(words in a or a in words for a in allowed):
                found.append(f"{path.relative_to(REPO)}:{line}: {words[:160]}")
    assert not found, "third-party corpus text in the repository:\n" + "\n".join(found)
