"""Share of ``unattributed`` rows with event type ``other`` on real third-party news, and judged precision of
changed event types (issue 17).

    .venv/bin/python benchmarks/event_share.py run --slice tune [--lang en ru uk] [--docs 60] \
        [--out /tmp/tune.jsonl] [--show-other 40]
    .venv/bin/python benchmarks/event_share.py compare /tmp/held-before.jsonl /tmp/held-after.jsonl \
        [--sample 30 --date 2026-11-30 --seed 17 --fresh --suffix -r2]
    .venv/bin/python benchmarks/event_share.py show tests/data/claims_dev/judged/real/events/events-ru-2026-11-30.jsonl
    .venv/bin/python benchmarks/event_share.py report tests/data/claims_dev/judged/real/events/events-*.jsonl
    .venv/bin/python benchmarks/event_share.py gate /tmp/held-before.jsonl /tmp/held-after.jsonl [--sample 30]
    .venv/bin/python benchmarks/event_share.py nonclaims /tmp/held-after.jsonl [--sample 30 --suffix=-rest]

The documents are read from ../shared/corpora (or ``$CLAIMFLOW_SHARED/corpora``) at run time, in two disjoint
slices per language (:data:`SLICES`): ``tune``, the documents whose rows may be read to choose event triggers,
and ``held``, documents nobody reads before measuring. ``--docs`` documents are taken evenly spread over each
corpus of a slice.

Further slices (issue 17, vocabulary 1.4): ``pool``, the benchmark pool of benchmarks/bench_pipeline.py (60
articles per language), measured at the start and the end of a round and never read to choose rules;
``rest-tune`` / ``rest-held``, the pool's corpora (PolNeAR, NEREL and factRuEval, NER-UK train cut as the pool
cuts it; English adds GUM's news, interview and speech documents) minus the pool and every document of a judged
file dated before :data:`REST_CUT` or of an earlier ``tune`` slice, even and odd positions in corpus order;
``uk-ud``, UD_Ukrainian-IU dev and ParlaMint (Ukrainian documents no event round read).

``run`` extracts the claims with the production pipeline (as :mod:`judge_claims_dev` does) and prints per
language: documents, rows, the share of rows that are ``unattributed`` with event type ``other``, and the
distribution of event types. ``--out`` writes one line per row with offsets and the document's digest, never
its text (keep these files outside the repository anyway: they are run outputs); ``--show-other N`` prints N
random ``unattributed``/``other`` rows (their sentences) for reading, to the terminal only.

``compare`` pairs the rows of two ``--out`` files of the same slice (by document and content offsets) and prints
before/after shares and how event types moved; with ``--sample N`` it draws N rows per language whose event
type changed into ``tests/data/claims_dev/judged/real/events/events-<lang>-<date>.jsonl`` (corpus, document id,
digest, offsets, old and new type, an empty verdict). A person reads each with ``show`` and fills ``type_ok``
(true when the new event type is the right one for the row's content) and a one-line ``reason``; ``report``
prints the judged precision per file. ``--fresh`` draws only from documents that no earlier judged file of the
language holds (a second round after rules changed, on documents nobody read).

``nonclaims`` prints per language the share of ``unattributed``/``other`` rows that name nothing (no named
entity in the content, no actor, target or place, no time, no figure: :func:`unnamed`, a class the gate could
drop); with ``--sample N`` it draws N random ``unattributed``/``other`` rows per language into
``tests/data/claims_dev/judged/real/nonclaims/nonclaims-<lang>-<date>.jsonl`` (offsets, ``unnamed``, an empty
verdict). A person fills ``claim``, ``kind`` (one of :data:`NONCLAIM_KINDS`: ``assertion`` for a claim) and a
``reason``; ``report`` prints the share of non-claims by kind and the class's precision and the claims it would
drop.

``gate`` pairs two ``--out`` files of the same slice, before and after a change to the claim gate, and prints
per language the rows the gate dropped (in before, not in after) and the share ``unattributed``/``other``;
with ``--sample N`` (and ``--exclude`` an earlier ``--out`` file: only from documents it does not hold) it
draws N dropped rows and N kept ``unattributed``/``other`` rows without a figure (the
rows the gate examined and let through) per language into
``tests/data/claims_dev/judged/real/gate/gate-<lang>-<date>.jsonl`` (corpus, document id, digest, offsets,
``outcome`` dropped or kept, an empty verdict). A person reads each with ``show`` and fills ``claim`` (true when
the row's content asserts an event, a state or a figure, or reports a source's words) and a one-line
``reason``; ``report`` prints per file the share of dropped rows that are no claims and of kept rows that are.
"""

from __future__ import annotations

import argparse
import json
import random
import re
import sys
from collections import Counter
from collections.abc import Sequence
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

sys.path.insert(0, str(Path(__file__).resolve().parent))

import judge_claims_dev as judge

LANGS = ("en", "ru", "uk")
#: per language and slice, the corpora it reads (names as in :func:`documents`). CoNLL-2003 eng.train is cut at
#: document 600 (as in judge_claims_dev), NEREL has its own train/dev, PolNeAR its train/dev; the Ukrainian
#: journalism documents (Nashi Groshi of NER-UK, the news of UD_Ukrainian-IU dev) are cut in halves in corpus order.
SLICES: dict[str, dict[str, tuple[str, ...]]] = {
    "tune": {
        "en": ("PolNeAR/train", "conll2003/eng.train.conllpp_train[:600]"),
        "ru": ("NEREL-v1.0/train",),
        "uk": ("uk-journalism[:half]",),
    },
    "held": {
        "en": ("PolNeAR/dev", "conll2003/eng.train.conllpp_train[600:]"),
        "ru": ("NEREL-v1.0/dev", "factRuEval-2016/devset"),
        "uk": ("uk-journalism[half:]",),
    },
    # the benchmark pool (benchmarks/bench_pipeline.py load_articles, 60 per language): measured at the start and
    # the end of a round, never read to choose rules
    "pool": {"en": ("pool",), "ru": ("pool",), "uk": ("pool",)},
    # the pool's corpora outside the pool (and GUM's news, interview and speech documents for English), minus
    # every document a judged file holds or an earlier round's `tune` slice read: even positions in corpus order
    # to tune on, odd positions held out for judging (fixed before any extraction ran on them; issue 17, ev17j)
    "rest-tune": {"en": ("rest[tune]",), "ru": ("rest[tune]",), "uk": ("rest[tune]",)},
    "rest-held": {"en": ("rest[held]",), "ru": ("rest[held]",), "uk": ("rest[held]",)},
    # Ukrainian documents no event round read (UD_Ukrainian-IU dev and ParlaMint, both halves of branch uk17h),
    # for judging changed event types where the rest slice has too few
    "uk-ud": {"uk": ("UD_Ukrainian-IU/dev+ParlaMint[tune]", "UD_Ukrainian-IU/dev+ParlaMint[held]")},
}
PUBLISHED = {
    "PolNeAR": "2016-10-15T12:00:00+00:00",
    "conll2003": "1996-08-30T12:00:00+00:00",
    "NEREL-v1.0": "2019-01-01T12:00:00+03:00",
    "factRuEval-2016": "2016-01-01T12:00:00+03:00",
    "uk-journalism": "2017-02-15T12:00:00+02:00",
    "UD_Ukrainian-IU": "2017-02-15T12:00:00+02:00",
    "pool": "2024-06-01T12:00:00+00:00",
    "rest": "2024-06-01T12:00:00+00:00",
}
JUDGED = judge.REAL / "events"
GATE_JUDGED = judge.REAL / "gate"
NONCLAIMS_JUDGED = judge.REAL / "nonclaims"
#: the kinds a person gives a judged ``unattributed``/``other`` row (``nonclaims``): an outlet's assertion or a
#: source's words are claims, the others are not
NONCLAIM_KINDS = ("assertion", "narration", "description", "opinion", "fragment", "other_nonclaim")


def _pool(lang: str) -> list[tuple[str, str]]:
    """The benchmark pool of ``lang``: bench_pipeline's articles, ids ``pool00`` … in its order."""
    import bench_pipeline

    texts = bench_pipeline.load_articles(60, (lang,))[lang]
    return [(f"pool{i:02d}", t) for i, t in enumerate(texts)]


def _pool_corpora(lang: str) -> list[tuple[str, str]]:
    """Every document of the corpora the pool of ``lang`` draws from, in corpus order (ids name the part); for
    Ukrainian NER-UK train cut into documents as the pool cuts it, ids ``chunk`` and the position."""
    import bench_pipeline

    root = judge.corpora_dir()
    if lang == "en":
        files = sorted((root / "attribution/en/PolNeAR/data").glob("*/text/*.txt"))
        docs = [(f"{f.parts[-3]}/{f.stem}", f.read_text(encoding="utf-8")) for f in files]
        gum = root / "ud/en/UD_English-GUM/en_gum-ud-train.news-interview-speech.conllu"
        return docs + [(d, t) for d, _, t in judge._ud_documents(gum, "gum:")]
    if lang == "ru":
        nerel = [(f"nerel/{s}/{d}", t) for s in ("train", "dev") for d, t in judge._nerel_documents(root, s)]
        return nerel + [(f"fre/{d}", t) for d, t in judge._factru_documents(root)]
    return [(f"chunk{k:03d}", t) for k, t in enumerate(bench_pipeline._ner_uk(root, 10**6))]


def _paragraphs(text: str) -> set[str]:
    return {" ".join(p.split()) for p in text.split("\n") if len(p.split()) >= 6}


#: the rest slices exclude the documents of the judged files dated before this day (fixed when they were made)
REST_CUT = "2026-12-01"


def _read_before(lang: str) -> set[str]:
    """The paragraphs of every document of ``lang`` that a judged file holds or an earlier round's ``tune``
    slice read (paragraphs, not digests: NER-UK is cut into documents differently by each reader)."""
    cache: dict[str, dict[str, str]] = {}
    seen: set[str] = set()
    for p in judge.REAL.rglob("*.jsonl"):
        date = re.search(r"\d{4}-\d{2}-\d{2}", p.name)
        if date is None or date.group() >= REST_CUT:
            continue  # judged from the rest slices or later: reading them must not change the slices
        parts = p.name.split("-")
        if (parts[1] if parts[0] in ("events", "gate", "tune") else parts[0]) != lang:
            continue
        for r in _read(p):
            corpus = str(r.get("corpus", ""))
            if corpus not in cache:
                known = corpus in judge.CORPUS_LANG
                cache[corpus] = dict(judge.real_documents(lang, corpus) if known else documents(lang, corpus))
            text = cache[corpus].get(str(r["doc"]))
            if text is not None:
                seen |= _paragraphs(text)
    for corpus in SLICES["tune"][lang]:
        for _, t in spread(documents(lang, corpus), 60):
            seen |= _paragraphs(t)
    return seen


def _rest(lang: str, part: str) -> list[tuple[str, str]]:
    """``rest[tune]`` / ``rest[held]``: the pool's corpora outside the pool and outside :func:`_read_before`
    (no paragraph in common), even (tune) or odd (held) positions in corpus order."""
    excluded = _read_before(lang)
    for _, t in _pool(lang):
        excluded |= _paragraphs(t)
    docs = [d for i, d in enumerate(_pool_corpora(lang)) if (i % 2 == 1) == (part == "held")]
    return [(d, t) for d, t in docs if not (_paragraphs(t) & excluded) and len(t.split()) >= 40]


def documents(lang: str, corpus: str) -> list[tuple[str, str]]:
    """(document id, text) of one corpus of :data:`SLICES`, in corpus order."""
    root = judge.corpora_dir()
    if corpus == "pool":
        return _pool(lang)
    if corpus.startswith("rest["):
        return _rest(lang, corpus[5:-1])
    if corpus.startswith("PolNeAR/"):
        split = corpus.split("/")[1]
        files = sorted((root / "attribution/en/PolNeAR/data" / split / "text").glob("*.txt"))
        return [(f.stem, f.read_text(encoding="utf-8")) for f in files]
    if corpus.startswith("uk-journalism["):
        ng = judge._nashi_groshi_documents(root)
        iu = judge._iu_journalism_documents(root)
        first = corpus.endswith("[:half]")
        return [d for part in (ng, iu) for d in (part[: len(part) // 2] if first else part[len(part) // 2 :])]
    return judge.real_documents(lang, corpus)


def spread(items: Sequence[Any], n: int) -> list[Any]:
    if n <= 0 or len(items) <= n:
        return list(items)
    step = len(items) / n
    return [items[int(i * step)] for i in range(n)]


#: entity labels of a named participant (as pipelines.nlp.claims.own_voice counts them)
_PARTICIPANTS = frozenset({"PER", "PERSON", "ORG", "LOC", "GPE", "FAC", "NORP"})
_NAMED: dict[int, int] = {}


def _extractor(lang: str) -> Any:
    from pipelines.nlp.assemble import build_nlp

    nlp, _, fallback = build_nlp(lang, f"bundled:{lang}")
    if fallback:
        raise SystemExit(f"models/{lang} is not available: run `make models`")

    def run(texts: Sequence[str], published: str) -> list[list[Any]]:
        articles = [{"text": t, "published_at": published} for t in texts]
        out = []
        for doc in nlp.pipe(judge.dev._docs(nlp, articles)):
            named = [(e.start_char, e.end_char) for e in doc.ents if e.label_ in _PARTICIPANTS]
            for c in doc._.claims:  # named entities inside the content, for ``nonclaims``
                _NAMED[id(c)] = sum(c.content_start <= s and e <= c.content_end for s, e in named)
            out.append(list(doc._.claims))
        return out

    return run


def slice_rows(lang: str, name: str, per_corpus: int) -> tuple[int, list[dict[str, Any]], dict[str, str]]:
    """(documents, rows, texts by key) of one language's slice; a row keeps offsets and the event type."""
    run = _extractor(lang)
    rows: list[dict[str, Any]] = []
    texts: dict[str, str] = {}
    n_docs = 0
    for corpus in SLICES[name][lang]:
        docs = spread(documents(lang, corpus), per_corpus)
        n_docs += len(docs)
        published = PUBLISHED[corpus.split("/")[0].split("[")[0]]
        for k in range(0, len(docs), 20):
            batch = docs[k : k + 20]
            for (doc_id, text), claims in zip(batch, run([t for _, t in batch], published), strict=True):
                texts[f"{corpus}|{doc_id}"] = text
                for c in claims:
                    rows.append(
                        {
                            "lang": lang,
                            "corpus": corpus,
                            "doc": doc_id,
                            "digest": judge.digest(text),
                            "sentence_index": c.sentence_index,
                            "attribution": c.attribution,
                            "content_span": [c.content_start, c.content_end],
                            "sentence_span": [c.char_start, c.char_end],
                            "event_type": c.event_type,
                            "negated": c.negated,
                            "fingerprint": c.fingerprint,
                            "quantities": len(c.quantities),
                            "times": len(c.times),
                            "named": _NAMED.pop(id(c), 0) + len(c.actors) + len(c.targets) + len(c.locations),
                        }
                    )
    return n_docs, rows, texts


def is_other(row: dict[str, Any]) -> bool:
    return bool(row["attribution"] == "unattributed" and row["event_type"] == "other")


def summary(lang: str, n_docs: int, rows: Sequence[dict[str, Any]]) -> str:
    n = len(rows)
    other = sum(map(is_other, rows))
    types = Counter(r["event_type"] for r in rows)
    fps = Counter(r["fingerprint"] for r in rows if r["fingerprint"])
    fpmax = max(fps.values()) / n if fps and n else 0.0
    dist = " ".join(f"{t}={c}" for t, c in types.most_common())
    return (
        f"{lang}: docs={n_docs} rows={n} u+oth={other / n if n else 0:.3f} ({other}) fpmax={fpmax:.3f}\n"
        f"    {dist}"
    )


def cmd_run(args: argparse.Namespace) -> int:
    out_lines: list[str] = []
    for lang in args.lang:
        n_docs, rows, texts = slice_rows(lang, args.slice, args.docs)
        print(summary(lang, n_docs, rows), flush=True)
        out_lines += [json.dumps(r, ensure_ascii=False) for r in rows]
        if args.show_other:
            others = [r for r in rows if is_other(r)]
            rnd = random.Random(args.seed)
            for r in sorted(rnd.sample(others, min(args.show_other, len(others))), key=lambda r: r["doc"]):
                text = texts[f"{r['corpus']}|{r['doc']}"]
                s, e = r["content_span"]
                print(f"  [{r['doc']}] {' '.join(text[s:e].split())[:300]}")
    if args.out:
        Path(args.out).write_text("".join(x + "\n" for x in out_lines), encoding="utf-8")
    return 0


def _key(r: dict[str, Any]) -> tuple[str, str, int, int]:
    return (r["corpus"], r["doc"], r["content_span"][0], r["content_span"][1])


def _read(path: Path) -> list[dict[str, Any]]:
    return [json.loads(x) for x in path.read_text("utf-8").splitlines() if x.strip()]


def cmd_compare(args: argparse.Namespace) -> int:
    before, after = _read(args.before), _read(args.after)
    for lang in LANGS:
        b = [r for r in before if r["lang"] == lang]
        a = [r for r in after if r["lang"] == lang]
        if not a:
            continue
        sb = sum(map(is_other, b)) / len(b) if b else 0.0
        sa = sum(map(is_other, a)) / len(a)
        old = {_key(r): r for r in b}
        changed = [
            (old[_key(r)], r) for r in a if _key(r) in old and old[_key(r)]["event_type"] != r["event_type"]
        ]
        moves = Counter(f"{o['event_type']}->{n['event_type']}" for o, n in changed)
        print(f"{lang}: rows {len(b)} -> {len(a)}  u+oth {sb:.3f} -> {sa:.3f}  changed types: {len(changed)}")
        print("    " + " ".join(f"{m}={c}" for m, c in moves.most_common()))
        if args.sample:
            out = JUDGED / f"events-{lang}-{args.date}{args.suffix}.jsonl"
            if out.exists() and not args.force:
                raise SystemExit(f"{out} exists (verdicts would be lost); pass --force to draw again")
            if args.fresh:
                seen = {
                    (r["corpus"], r["doc"]) for p in JUDGED.glob(f"events-{lang}-*.jsonl") for r in _read(p)
                }
                changed = [(o, n) for o, n in changed if (n["corpus"], n["doc"]) not in seen]
                print(f"    {len(changed)} changed rows in documents no judged file holds")
            picked = random.Random(args.seed).sample(changed, min(args.sample, len(changed)))
            lines = []
            for o, n in sorted(picked, key=lambda p: _key(p[1])):
                item = {k: n[k] for k in ("corpus", "doc", "digest", "attribution", "content_span")}
                item.update(seed=args.seed, old_type=o["event_type"], new_type=n["event_type"])
                item.update(type_ok=None, reason="")
                lines.append(json.dumps(item, ensure_ascii=False))
            out.write_text("".join(x + "\n" for x in lines), encoding="utf-8")
            print(f"    wrote {out}")
    return 0


def _text(lang: str, row: dict[str, Any], cache: dict[str, list[tuple[str, str]]]) -> str:
    if row["corpus"] not in cache:
        # a rest slice's document is looked up in its whole corpus (the digest below checks it is the one judged)
        rest = row["corpus"].startswith("rest[")
        cache[row["corpus"]] = _pool_corpora(lang) if rest else documents(lang, row["corpus"])
    text = dict(cache[row["corpus"]])[row["doc"]]
    if judge.digest(text) != row["digest"]:
        raise ValueError(
            f"{row['corpus']} {row['doc']}: the document text changed (digest {judge.digest(text)})"
        )
    return text


def cmd_show(args: argparse.Namespace) -> int:
    for path in args.files:
        lang = path.name.split("-")[1]
        cache: dict[str, list[tuple[str, str]]] = {}
        for k, row in enumerate(_read(path), 1):
            text = _text(lang, row, cache)
            s, e = row["content_span"]
            lo, hi = max(0, s - args.context), min(len(text), e + args.context)
            shown = " ".join((text[lo:s] + "<<" + text[s:e] + ">>" + text[e:hi]).split())
            if "outcome" in row:
                print(f"#{k} {row['doc']} {row['outcome']}  claim={row['claim']} {row['reason']}")
            elif "unnamed" in row:
                print(
                    f"#{k} {row['doc']} unnamed={row['unnamed']}  claim={row['claim']} {row['kind']} {row['reason']}"
                )
            else:
                print(
                    f"#{k} {row['doc']} {row['old_type']} -> {row['new_type']}  ok={row['type_ok']} "
                    f"{row['reason']}"
                )
            print(f"   {shown}\n")
    return 0


def cmd_gate(args: argparse.Namespace) -> int:
    before, after = _read(args.before), _read(args.after)
    for lang in LANGS:
        b = [r for r in before if r["lang"] == lang]
        a = [r for r in after if r["lang"] == lang]
        if not a:
            continue
        kept = {_key(r) for r in a}
        dropped = [r for r in b if _key(r) not in kept]
        sb = sum(map(is_other, b)) / len(b) if b else 0.0
        sa = sum(map(is_other, a)) / len(a)
        print(f"{lang}: rows {len(b)} -> {len(a)}  dropped {len(dropped)}  u+oth {sb:.3f} -> {sa:.3f}")
        if not args.sample:
            continue
        out = GATE_JUDGED / f"gate-{lang}-{args.date}{args.suffix}.jsonl"
        if out.exists() and not args.force:
            raise SystemExit(f"{out} exists (verdicts would be lost); pass --force to draw again")
        rnd = random.Random(args.seed)
        if args.exclude:  # documents someone read already (a --out file of an earlier, smaller run)
            seen = {(r["corpus"], r["doc"]) for r in _read(args.exclude)}
            dropped = [r for r in dropped if (r["corpus"], r["doc"]) not in seen]
            a = [r for r in a if (r["corpus"], r["doc"]) not in seen]
            print(f"    {len(dropped)} dropped rows in documents {args.exclude.name} does not hold")
        examined = [r for r in a if is_other(r) and not r.get("quantities")]
        picked = [("dropped", r) for r in rnd.sample(dropped, min(args.sample, len(dropped)))]
        picked += [("kept", r) for r in rnd.sample(examined, min(args.sample, len(examined)))]
        lines = []
        for outcome, r in sorted(picked, key=lambda p: (p[0], _key(p[1]))):
            item = {k: r[k] for k in ("corpus", "doc", "digest", "attribution", "content_span")}
            item.update(seed=args.seed, outcome=outcome, claim=None, reason="")
            lines.append(json.dumps(item, ensure_ascii=False))
        GATE_JUDGED.mkdir(parents=True, exist_ok=True)
        out.write_text("".join(x + "\n" for x in lines), encoding="utf-8")
        print(f"    wrote {out}")
    return 0


def unnamed(row: dict[str, Any]) -> bool:
    """The candidate class of ``nonclaims``: an ``unattributed``/``other`` row that names no participant (no
    named entity in its content, no actor, target or place), no time and no figure."""
    return is_other(row) and not row.get("named") and not row.get("times") and not row.get("quantities")


def cmd_nonclaims(args: argparse.Namespace) -> int:
    """The share of ``unattributed``/``other`` rows in the candidate class :func:`unnamed`; with ``--sample N``
    draw N random such rows per language (in or out of the class) to judge as claims or not."""
    rows = _read(args.rows)
    for lang in LANGS:
        sel = [r for r in rows if r["lang"] == lang]
        if not sel:
            continue
        other = [r for r in sel if is_other(r)]
        cls = [r for r in other if unnamed(r)]
        print(
            f"{lang}: rows {len(sel)}  u+oth {len(other)} ({len(other) / len(sel):.3f})  unnamed {len(cls)} "
            f"({len(cls) / max(1, len(other)):.2f} of u+oth, {len(cls) / len(sel):.3f} of rows)"
        )
        if not args.sample:
            continue
        out = NONCLAIMS_JUDGED / f"nonclaims-{lang}-{args.date}{args.suffix}.jsonl"
        if out.exists() and not args.force:
            raise SystemExit(f"{out} exists (verdicts would be lost); pass --force to draw again")
        picked = random.Random(args.seed).sample(other, min(args.sample, len(other)))
        lines = []
        for r in sorted(picked, key=_key):
            item = {k: r[k] for k in ("corpus", "doc", "digest", "attribution", "content_span")}
            item.update(seed=args.seed, unnamed=unnamed(r), claim=None, kind="", reason="")
            lines.append(json.dumps(item, ensure_ascii=False))
        NONCLAIMS_JUDGED.mkdir(parents=True, exist_ok=True)
        out.write_text("".join(x + "\n" for x in lines), encoding="utf-8")
        print(f"    wrote {out}")
    return 0


def _report_nonclaims(path: Path, rows: Sequence[dict[str, Any]]) -> None:
    for k, r in enumerate(rows, 1):
        if not isinstance(r.get("claim"), bool) or r.get("kind") not in NONCLAIM_KINDS or not r.get("reason"):
            raise SystemExit(
                f"{path.name} line {k}: claim must be true or false, kind one of {NONCLAIM_KINDS}, with a reason"
            )
        if r["claim"] != (r["kind"] == "assertion"):
            raise SystemExit(f"{path.name} line {k}: claim {r['claim']} but kind {r['kind']!r}")
    n = len(rows)
    non = [r for r in rows if not r["claim"]]
    kinds = Counter(r["kind"] for r in rows)
    cls = [r for r in rows if r["unnamed"]]
    cls_non = sum(not r["claim"] for r in cls)
    claims = n - len(non)
    cls_claims = len(cls) - cls_non
    print(
        f"{path.name:<40} {n:>3}  no claim: {len(non) / n:.2f} ({len(non)}/{n})  "
        + " ".join(f"{k}={c}" for k, c in kinds.most_common())
    )
    print(
        f"    unnamed class: {len(cls)} rows, {cls_non} no claim (precision {cls_non / max(1, len(cls)):.2f}, "
        f"{cls_non}/{max(1, len(non))} of the non-claims); would drop {cls_claims} of {claims} claims"
    )


def _report_gate(path: Path, rows: Sequence[dict[str, Any]]) -> None:
    for k, r in enumerate(rows, 1):
        if not isinstance(r.get("claim"), bool) or not r.get("reason"):
            raise SystemExit(f"{path.name} line {k}: claim must be true or false, with a one-line reason")
    for outcome, right in (("dropped", False), ("kept", True)):
        sel = [r for r in rows if r["outcome"] == outcome]
        if not sel:
            continue
        ok = sum(r["claim"] is right for r in sel)
        what = "no claim" if outcome == "dropped" else "claim"
        print(f"{path.name:<36} {outcome:>8} {len(sel):>3}  {what}: {ok / len(sel):.2f} ({ok}/{len(sel)})")


def cmd_report(args: argparse.Namespace) -> int:
    if any(not p.name.startswith(("gate-", "nonclaims-")) for p in args.files):
        print(f"{'file':<36} {'n':>3} {'type_ok':>8}")
    for path in args.files:
        if path.name.startswith("gate-"):
            _report_gate(path, _read(path))
            continue
        if path.name.startswith("nonclaims-"):
            _report_nonclaims(path, _read(path))
            continue
        rows = _read(path)
        for k, r in enumerate(rows, 1):
            if not isinstance(r.get("type_ok"), bool) or not r.get("reason"):
                raise SystemExit(
                    f"{path.name} line {k}: type_ok must be true or false, with a one-line reason"
                )
        ok = sum(r["type_ok"] for r in rows)
        print(f"{path.name:<36} {len(rows):>3} {ok / len(rows):>8.2f}   ({ok}/{len(rows)})")
        by_type: dict[str, list[bool]] = {}
        for r in rows:
            by_type.setdefault(r["new_type"], []).append(r["type_ok"])
        print("    " + " ".join(f"{t}={sum(v)}/{len(v)}" for t, v in sorted(by_type.items())))
    return 0


def main(argv: Sequence[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    sub = ap.add_subparsers(dest="cmd", required=True)
    r = sub.add_parser("run", help="extract a slice and print the shares")
    r.add_argument("--slice", choices=sorted(SLICES), required=True)
    r.add_argument("--lang", nargs="+", choices=LANGS, default=list(LANGS))
    r.add_argument("--docs", type=int, default=60, help="documents per corpus, spread evenly (0: all)")
    r.add_argument("--out", type=Path, help="write the rows (offsets, no text) here, outside the repository")
    r.add_argument("--show-other", type=int, default=0, help="print N random unattributed/other rows")
    r.add_argument("--seed", type=int, default=17)
    c = sub.add_parser("compare", help="before/after shares of two --out files; draw changed rows to judge")
    c.add_argument("before", type=Path)
    c.add_argument("after", type=Path)
    c.add_argument("--sample", type=int, default=0)
    c.add_argument("--seed", type=int, default=17)
    c.add_argument("--date", default=datetime.now(UTC).date().isoformat())
    c.add_argument("--force", action="store_true")
    c.add_argument("--suffix", default="", help="appended to the judged file's name, e.g. -r2")
    c.add_argument(
        "--fresh", action="store_true", help="draw only from documents that no judged events file holds"
    )
    g = sub.add_parser("gate", help="rows a gate change dropped; draw dropped and kept rows to judge")
    g.add_argument("before", type=Path)
    g.add_argument("after", type=Path)
    g.add_argument("--sample", type=int, default=0)
    g.add_argument("--seed", type=int, default=17)
    g.add_argument("--date", default=datetime.now(UTC).date().isoformat())
    g.add_argument("--force", action="store_true")
    g.add_argument("--suffix", default="")
    g.add_argument("--exclude", type=Path, help="draw only from documents this --out file does not hold")
    n = sub.add_parser("nonclaims", help="unattributed/other rows naming nothing; draw such rows to judge")
    n.add_argument("rows", type=Path)
    n.add_argument("--sample", type=int, default=0)
    n.add_argument("--seed", type=int, default=17)
    n.add_argument("--date", default=datetime.now(UTC).date().isoformat())
    n.add_argument("--force", action="store_true")
    n.add_argument("--suffix", default="")
    w = sub.add_parser("show", help="print judged rows marked in their documents")
    w.add_argument("files", nargs="+", type=Path)
    w.add_argument("--context", type=int, default=150)
    p = sub.add_parser("report", help="judged event-type precision")
    p.add_argument("files", nargs="+", type=Path)
    args = ap.parse_args(argv)
    commands = {
        "run": cmd_run,
        "compare": cmd_compare,
        "gate": cmd_gate,
        "nonclaims": cmd_nonclaims,
        "show": cmd_show,
        "report": cmd_report,
    }
    return commands[args.cmd](args)


if __name__ == "__main__":
    raise SystemExit(main())
