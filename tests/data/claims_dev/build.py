"""Build the claims development set from its hand-written sources.

    .venv/bin/python tests/data/claims_dev/build.py          # write {en,ru,uk}/{dev,dev2}.{articles,gold}.jsonl
    .venv/bin/python tests/data/claims_dev/build.py --check  # exit 1 when the written files are stale

The sources (``src/<lang>/*.txt``, format in ``README.md``) give each article's text and its annotations as
text snippets. This script resolves every snippet to character offsets in the article text and fails loudly
when a snippet is missing, is ambiguous, or a field is malformed. It then splits the articles by style into
``dev`` (about 2/3) and ``dev2`` (about 1/3) and writes one article file (records of
``schemas/article.schema.json``) and one gold file per language and split. An article whose header names its
split (``split: dev``, ``split: dev3``, ``dev4``, ``dev5`` or ``dev6``) goes there and is not counted in the style split;
the fresh splits' files are written only for languages that have such articles. A snippet may hold ``\n`` (a
backslash and ``n``) for a line break: a quotation over two paragraphs is ``first …\n\nsecond …``.
"""

from __future__ import annotations

import argparse
import json
import re
import sys
from dataclasses import dataclass
from pathlib import Path
from typing import Any

HERE = Path(__file__).resolve().parent
LANGS = ("en", "ru", "uk")
SPLITS = ("dev", "dev2", "dev3", "dev4", "dev5", "dev6")
#: fresh held-back splits, written before a round of rules and read once after it (uk only so far)
FRESH_SPLITS = ("dev3", "dev4", "dev5", "dev6")
#: splits an article may name in its header (``split: dev3``); the others are assigned by :func:`split_of`
NAMED_SPLITS = ("dev", "dev3", "dev4", "dev5", "dev6")
CLAIM_TYPES = {
    "direct": "direct_quote",
    "indirect": "indirect",
    "according": "according_to",
    "outlet": "unattributed",
    "speech": "transcript",
}
FIELDS = ("who", "canon", "cue", "to", "content", "speaker")
NON_CLAIM_KINDS = ("question", "furniture", "wish", "imperative", "slogan", "fragment")
STYLES = ("wire", "telegram", "quotes", "interview", "speech", "page")
HEADER_KEYS = ("style", "source", "title", "published_at")
URL_BASE = "https://example.org/claimflow-dev"
_OCC = re.compile(r"^(.*?)@(\d+)$", re.S)


class BuildError(ValueError):
    """A source file that cannot be resolved: says which article, which field and what was wrong."""


@dataclass(frozen=True)
class Loc:
    start: int
    end: int
    text: str

    def as_dict(self) -> dict[str, Any]:
        return {"text": self.text, "start": self.start, "end": self.end}


def _occurrences(text: str, snippet: str) -> list[int]:
    """Start offsets of ``snippet`` that do not begin or end inside a word ("he" is not found in "the")."""
    out, i = [], text.find(snippet)
    while i >= 0:
        e = i + len(snippet)
        cut_left = snippet[0].isalnum() and i > 0 and text[i - 1].isalnum()
        cut_right = snippet[-1].isalnum() and e < len(text) and text[e].isalnum()
        if not (cut_left or cut_right):
            out.append(i)
        i = text.find(snippet, i + 1)
    return out


def _split_occ(raw: str) -> tuple[str, int | None]:
    m = _OCC.match(raw)
    return (m.group(1), int(m.group(2))) if m else (raw, None)


def locate(text: str, raw: str, where: str) -> Loc:
    """The unique occurrence of ``raw`` (or its n-th, written ``snippet@n``)."""
    snippet, nth = _split_occ(raw)
    snippet = snippet.replace("\\n", "\n")
    if not snippet:
        raise BuildError(f"{where}: empty snippet")
    found = _occurrences(text, snippet)
    if not found:
        raise BuildError(f"{where}: snippet not found in the text: {snippet!r}")
    if nth is None:
        if len(found) > 1:
            raise BuildError(
                f"{where}: snippet occurs {len(found)} times; write it as {snippet!r}@n: {snippet!r}"
            )
        start = found[0]
    else:
        if not 1 <= nth <= len(found):
            raise BuildError(f"{where}: occurrence {nth} requested, {len(found)} found: {snippet!r}")
        start = found[nth - 1]
    return Loc(start, start + len(snippet), snippet)


def locate_near(text: str, raw: str, anchor: Loc, where: str) -> Loc:
    """The occurrence of ``raw`` nearest to ``anchor`` (explicit ``@n`` wins); a tie is an error."""
    snippet, nth = _split_occ(raw)
    if nth is not None:
        return locate(text, raw, where)
    snippet = snippet.replace("\\n", "\n")
    found = _occurrences(text, snippet)
    if not found:
        raise BuildError(f"{where}: snippet not found in the text: {snippet!r}")

    def dist(s: int) -> int:
        e = s + len(snippet)
        if e <= anchor.start:
            return anchor.start - e
        if s >= anchor.end:
            return s - anchor.end
        return 0

    ranked = sorted(found, key=dist)
    if len(ranked) > 1 and dist(ranked[0]) == dist(ranked[1]):
        raise BuildError(f"{where}: two occurrences equally near the content; write {snippet!r}@n")
    return Loc(ranked[0], ranked[0] + len(snippet), snippet)


def _fields(line: str, where: str) -> tuple[str, dict[str, str], set[str]]:
    parts = [p.strip() for p in line.split(" | ")]
    head, values, flags = parts[0], {}, set()
    for p in parts[1:]:
        if "=" in p and re.match(r"^[a-z]+=", p):
            k, v = p.split("=", 1)
            if k in values:
                raise BuildError(f"{where}: field {k!r} given twice")
            values[k] = v.strip()
        elif p in ("neg", "hedge"):
            flags.add(p)
        else:
            raise BuildError(
                f"{where}: cannot read {p!r}; allowed: key=value ({', '.join(FIELDS)}) or neg/hedge"
            )
    return head, values, flags


def _claim(text: str, line: str, where: str) -> dict[str, Any]:
    head, v, flags = _fields(line[2:], where)
    if head not in CLAIM_TYPES:
        raise BuildError(f"{where}: claim type {head!r}; allowed: {sorted(CLAIM_TYPES)}")
    unknown = set(v) - set(FIELDS)
    if unknown:
        raise BuildError(f"{where}: unknown fields {sorted(unknown)}; allowed: {', '.join(FIELDS)}")
    if "content" not in v:
        raise BuildError(f"{where}: a claim needs content=")
    content = locate(text, v["content"], f"{where} content")
    attributed = head not in ("outlet", "speech")
    if attributed and ("who" not in v or "cue" not in v):
        raise BuildError(f"{where}: an attributed claim needs who= and cue=")
    if not attributed and ({"who", "cue", "to"} & set(v)):
        raise BuildError(f"{where}: a {head} claim has no who=, cue= or to=")
    if (head == "speech") != ("speaker" in v):
        raise BuildError(
            f"{where}: speaker= is given exactly for speech claims (the speaker of a transcript)"
        )
    claimant = locate_near(text, v["who"], content, f"{where} who") if attributed else None
    cue = locate_near(text, v["cue"], content, f"{where} cue") if attributed else None
    to = locate_near(text, v["to"], content, f"{where} to") if "to" in v else None
    locs = [x for x in (claimant, cue, content) if x is not None]
    return {
        "type": CLAIM_TYPES[head],
        "span": {"start": min(x.start for x in locs), "end": max(x.end for x in locs)},
        "claimant": claimant.as_dict() if claimant else None,
        "claimant_canonical": v.get("speaker") or v.get("canon") or None,
        "cue": cue.as_dict() if cue else None,
        "addressee": to.as_dict() if to else None,
        "content": content.as_dict(),
        "negated": "neg" in flags,
        "hedged": "hedge" in flags,
    }


def _non_claim(text: str, line: str, where: str) -> dict[str, Any]:
    kind, _, snippet = line[2:].partition(" | ")
    kind = kind.strip()
    if kind not in NON_CLAIM_KINDS:
        raise BuildError(f"{where}: non-claim kind {kind!r}; allowed: {list(NON_CLAIM_KINDS)}")
    return {"kind": kind, **locate(text, snippet.strip(), f"{where} {kind}").as_dict()}


def parse_source(path: Path, lang: str) -> list[dict[str, Any]]:
    """The articles of one source file, annotations resolved."""
    blocks = re.split(r"^### ", path.read_text(encoding="utf-8"), flags=re.M)
    out = []
    for block in blocks[1:]:
        art_id, _, body = block.partition("\n")
        art_id = art_id.strip()
        where = f"{path.name}:{art_id}"
        if not art_id.startswith(f"{lang}-"):
            raise BuildError(f"{where}: article id must start with {lang}-")
        head, sep, rest = body.partition("\ntext:\n")
        if not sep:
            raise BuildError(f"{where}: no 'text:' line")
        text, sep, gold = rest.partition("\n--- gold\n")
        if not sep:
            raise BuildError(f"{where}: no '--- gold' line")
        text = text.strip("\n")
        meta = {}
        for line in head.strip().splitlines():
            k, _, val = line.partition(":")
            meta[k.strip()] = val.strip()
        missing = [k for k in HEADER_KEYS if not meta.get(k)]
        if missing:
            raise BuildError(f"{where}: header lacks {missing}")
        if meta["style"] not in STYLES:
            raise BuildError(f"{where}: style {meta['style']!r}; allowed: {list(STYLES)}")
        if meta.get("split", NAMED_SPLITS[0]) not in NAMED_SPLITS:
            raise BuildError(f"{where}: split {meta['split']!r}; allowed: {list(NAMED_SPLITS)}")
        claims, non_claims = [], []
        for n, line in enumerate(gold.strip().splitlines(), 1):
            if not line.strip() or line.startswith("#"):
                continue
            lw = f"{where} gold line {n}"
            if line.startswith("C "):
                claims.append(_claim(text, line, lw))
            elif line.startswith("N "):
                non_claims.append(_non_claim(text, line, lw))
            else:
                raise BuildError(f"{lw}: a gold line starts with 'C ' (claim) or 'N ' (non-claim): {line!r}")
        claims.sort(key=lambda c: (c["content"]["start"], c["content"]["end"]))
        non_claims.sort(key=lambda c: (c["start"], c["end"]))
        article = {
            "id": art_id,
            "source": meta["source"],
            "url": f"{URL_BASE}/{meta['source']}/{art_id}",
            "title": meta["title"],
            "published_at": meta["published_at"],
            "language_hint": lang,
            "text": text,
        }
        out.append(
            {
                "article": article,
                "style": meta["style"],
                "split": meta.get("split"),
                "claims": claims,
                "non_claims": non_claims,
            }
        )
    return out


def split_of(index_in_style: int) -> str:
    """Every third article of a style (the 3rd, 6th, ...) goes to dev2."""
    return "dev2" if index_in_style % 3 == 2 else "dev"


def build() -> dict[Path, str]:
    files: dict[Path, str] = {}
    seen: set[str] = set()
    for lang in LANGS:
        items = []
        for src in sorted((HERE / "src" / lang).glob("*.txt")):
            items.extend(parse_source(src, lang))
        for item in items:
            if item["article"]["id"] in seen:
                raise BuildError(f"duplicate article id {item['article']['id']}")
            seen.add(item["article"]["id"])
        by_split: dict[str, list[dict[str, Any]]] = {s: [] for s in SPLITS}
        for style in STYLES:
            group = sorted((i for i in items if i["style"] == style), key=lambda i: i["article"]["id"])
            for k, item in enumerate(i for i in group if not i["split"]):
                by_split[split_of(k)].append(item)
            for item in group:
                if item["split"]:
                    by_split[item["split"]].append(item)
        for split, group in by_split.items():
            if split in FRESH_SPLITS and not group:
                continue
            arts = [json.dumps(i["article"], ensure_ascii=False) for i in group]
            gold = [
                json.dumps(
                    {
                        "id": i["article"]["id"],
                        "style": i["style"],
                        "split": split,
                        "claims": i["claims"],
                        "non_claims": i["non_claims"],
                    },
                    ensure_ascii=False,
                )
                for i in group
            ]
            files[HERE / lang / f"{split}.articles.jsonl"] = "".join(a + "\n" for a in arts)
            files[HERE / lang / f"{split}.gold.jsonl"] = "".join(g + "\n" for g in gold)
    return files


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--check", action="store_true", help="only check that the written files are up to date")
    args = ap.parse_args(argv)
    try:
        files = build()
    except BuildError as exc:
        print(f"build failed: {exc}", file=sys.stderr)
        return 2
    stale = [p for p, body in files.items() if not p.exists() or p.read_text(encoding="utf-8") != body]
    if args.check:
        for p in stale:
            print(f"stale: {p.relative_to(HERE)}", file=sys.stderr)
        return 1 if stale else 0
    for p, body in files.items():
        p.parent.mkdir(parents=True, exist_ok=True)
        p.write_text(body, encoding="utf-8")
    counts = {
        lang: sum(b.count("\n") for p, b in files.items() if p.parent.name == lang and "articles" in p.name)
        for lang in LANGS
    }
    print("wrote", ", ".join(f"{k}: {v} articles" for k, v in counts.items()))
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
