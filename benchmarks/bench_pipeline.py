"""The whole bounded ``claimflow run`` against bare spaCy on the same real news articles: CPU seconds, peak RSS.

    python benchmarks/bench_pipeline.py [--per-language 30] [--languages en,ru,uk] [--repeat-to N]
                                        [--beam-arg=--direct_num_workers=2 ...] [--profile]

Articles: the raw text of the news corpora in ../shared/corpora (or ``$CLAIMFLOW_SHARED/corpora``), read at run
time and written only to a temporary directory: PolNeAR (en, ``data/*/text``), NEREL and factRuEval-2016 (ru,
alternately) and NER-UK v2.0 (uk; its tokenised text is joined back and cut into article-sized chunks at
paragraph breaks). Files are taken evenly spread over each corpus in name order, so a run is reproducible.
``--repeat-to N`` publishes the chosen articles over and over (fresh ids) up to N records, for memory curves.

Two measurements, each in its own child process (CPU = user + system of that process and its children, from
``wait4``; peak RSS = the largest resident set of the process, ``ru_maxrss``):

* **bare** — ``spacy.load`` of the model directories the pipeline uses (the bundled pipelines, with the
  components the model spec enables), then ``nlp.pipe`` over the article texts of each language, with every
  component that claimflow adds by rule disabled (paragraph breaks, gazetteer, claims: they are not even
  added). Components saved in the model directory (tok2vec … ner, natasha, lexicon_tags, which the trained NER
  reads its dictionary features from) are the model and count as bare, and so do the trained English
  components the pipeline adds (attribution tagger, claim-worthiness classifier; issue 16's definitions) when
  ``nlp.learned`` is on. The classifier scores a sentence only when asked (``worthiness.claim_worthy``); bare
  asks it for every sentence (``worthiness.sentence_scores``: its whole output, as spaCy alone gives it), the run
  only for the sentences its gate asks about (about one in seven of news).
* **pipeline** — ``claimflow run`` (bounded, from the committed offsets to the end) over the same articles,
  published beforehand to an embedded Tansu broker; it loads the models itself, detects the language, runs
  the whole job and writes Parquet to a temporary lake. The publish step and the broker are not counted.

Prints both side by side with the ratio bare/pipeline (1.0 = no overhead) and words/s per CPU-second.
``--profile`` instead times every component of each assembled pipeline over the same docs (no Beam, no Kafka).
"""

from __future__ import annotations

import argparse
import json
import os
import re
import resource
import subprocess
import sys
import tempfile
import time
from collections.abc import Iterator
from pathlib import Path
from typing import Any

REPO = Path(__file__).resolve().parents[1]
LANGUAGES = ("en", "ru", "uk")


# --- articles from ../shared/corpora -----------------------------------------------------------------------------


def corpora_dir() -> Path:
    env = os.environ.get("CLAIMFLOW_SHARED")
    return (Path(env) if env else REPO.parent / "shared") / "corpora"


def _spread(items: list[Any], n: int) -> list[Any]:
    """``n`` items evenly spread over ``items`` (all of them when there are fewer)."""
    if len(items) <= n:
        return items
    step = len(items) / n
    return [items[int(i * step)] for i in range(n)]


def _polnear(root: Path, n: int) -> list[str]:
    files = sorted((root / "attribution/en/PolNeAR/data").glob("*/text/*.txt"))
    return [f.read_text(encoding="utf-8") for f in _spread(files, n)]


def _russian(root: Path, n: int) -> list[str]:
    nerel = sorted((root / "ner/ru/NEREL-v1.0").glob("*/*.txt"))
    fre = sorted((root / "ner/ru/factRuEval-2016").glob("*/*.txt"))
    a, b = _spread(nerel, (n + 1) // 2), _spread(fre, n // 2)
    files = [f for pair in zip(a, b, strict=False) for f in pair] + a[len(b) :] + b[len(a) :]
    return [f.read_text(encoding="utf-8") for f in files[:n]]


_NO_SPACE_BEFORE = re.compile(r" ([,.;:!?%)\]»”])")
_NO_SPACE_AFTER = re.compile(r"([(\[«„“]) ")


def _ner_uk(root: Path, n: int, words: int = 450) -> list[str]:
    """NER-UK's tokens joined back into text; paragraphs (runs of ≥ 3 blank lines) grouped to ~``words``."""
    path = root / "ner/uk/ner-uk-v2.0/train.iob"
    paragraphs: list[str] = []
    tokens: list[str] = []
    blanks = 0
    for line in path.read_text(encoding="utf-8").splitlines():
        if not line.strip():
            blanks += 1
            continue
        if blanks >= 3 and tokens:
            paragraphs.append(" ".join(tokens))
            tokens = []
        blanks = 0
        tokens.append(line.split()[0])
    if tokens:
        paragraphs.append(" ".join(tokens))
    chunks: list[str] = []
    current: list[str] = []
    size = 0
    for para in paragraphs:
        text = _NO_SPACE_AFTER.sub(r"\1", _NO_SPACE_BEFORE.sub(r"\1", para))
        current.append(text)
        size += len(text.split())
        if size >= words:
            chunks.append("\n\n".join(current))
            current, size = [], 0
    return _spread(chunks, n)


def load_articles(per_language: int, languages: tuple[str, ...]) -> dict[str, list[str]]:
    root = corpora_dir()
    if not root.is_dir():
        sys.exit(f"bench_pipeline: corpora not found at {root}; set CLAIMFLOW_SHARED to the shared directory")
    readers = {"en": _polnear, "ru": _russian, "uk": _ner_uk}
    return {lang: readers[lang](root, per_language) for lang in languages}


def article_records(texts: dict[str, list[str]], total: int | None) -> Iterator[dict[str, Any]]:
    flat = [(lang, i, text) for lang, items in texts.items() for i, text in enumerate(items)]
    count = total or len(flat)
    for k in range(count):
        lang, i, text = flat[k % len(flat)]
        lap = k // len(flat)
        yield {
            "id": f"bench-{lang}-{i}-{lap}",
            "source": "bench",
            "url": f"https://example.org/bench/{lang}/{i}/{lap}",
            "title": text.strip().splitlines()[0][:80],
            "published_at": "2024-06-01T12:00:00+00:00",
            "text": text,
        }


# --- child processes -------------------------------------------------------------------------------------------


def measured(cmd: list[str], env: dict[str, str] | None = None) -> dict[str, float]:
    """Run ``cmd``; its CPU seconds (user + system, with its children) and peak RSS, from ``wait4``."""
    started = time.monotonic()
    proc = subprocess.Popen(cmd, env=env, stdout=subprocess.PIPE, stderr=subprocess.STDOUT, text=True)
    assert proc.stdout is not None
    output = proc.stdout.read()
    _, status, usage = os.wait4(proc.pid, 0)
    proc.returncode = os.waitstatus_to_exitcode(status)
    wall = time.monotonic() - started
    if proc.returncode != 0:
        sys.exit(f"bench_pipeline: {' '.join(cmd[:4])} … failed ({proc.returncode}):\n{output[-4000:]}")
    return {
        "cpu": usage.ru_utime + usage.ru_stime,
        "wall": wall,
        "rss_mib": usage.ru_maxrss / 1024,
        "output": output,  # type: ignore[dict-item]
    }


def child_bare(path: Path, languages: list[str]) -> None:
    """``spacy.load`` of the model each language's spec names, ``nlp.pipe`` over its texts."""
    from pipelines.config import load_settings
    from pipelines.nlp import registry
    from pipelines.nlp.assemble import add_learned_components
    from pipelines.nlp.claims.worthiness import sentence_scores

    settings = load_settings(None)
    by_lang: dict[str, list[str]] = {}
    for line in path.read_text(encoding="utf-8").splitlines():
        rec = json.loads(line)
        by_lang.setdefault(rec["id"].split("-")[1], []).append(rec["text"])
    tokens = 0
    for lang in languages:
        nlp = registry.load_model(registry.require(lang, settings.nlp.models[lang]))
        assert not any(n.startswith("claimflow_") for n in nlp.pipe_names)
        if settings.nlp.learned:  # trained components count as bare (issue 16's definitions)
            add_learned_components(nlp)
        for doc in nlp.pipe(by_lang.get(lang, []), batch_size=settings.nlp.batch_size):
            sentence_scores(
                doc
            )  # the classifier's whole output, as spaCy alone gives it (the run asks 1 in 7)
            tokens += len(doc)
    print(f"bare: {tokens} tokens")


def run_pipeline(
    path: Path,
    beam_args: list[str],
    workers: int | None = None,
    cprofile: Path | None = None,
    py_spy: Path | None = None,
    keep_lake: Path | None = None,
) -> dict[str, float]:
    """Publish the articles to an embedded broker, then measure ``claimflow run`` over them (into ``keep_lake``
    when given, which must not exist yet, else a temporary lake)."""
    from pipelines.broker import EmbeddedBroker

    claimflow = str(Path(sys.executable).parent / "claimflow")
    with EmbeddedBroker() as broker, tempfile.TemporaryDirectory(prefix="bench-lake-") as tmp:
        lake = str(keep_lake) if keep_lake is not None else tmp
        common = ["--bootstrap-servers", broker.bootstrap_servers]
        subprocess.run([claimflow, "topics", *common, "--partitions", "4"], check=True, capture_output=True)
        subprocess.run(
            [claimflow, "publish", *common, "--no-progress", str(path)], check=True, capture_output=True
        )
        env = dict(os.environ)
        if workers is not None:
            env["CLAIMFLOW_STREAMING__WORKERS"] = str(workers)
        run = [claimflow, "run", *common, "--lake", lake, *beam_args]
        if cprofile is not None:  # the same run under cProfile (CPU figures then include its own cost)
            run = [sys.executable, "-m", "cProfile", "-o", str(cprofile), *run]
        if py_spy is not None:  # sampled by py-spy (pip install py-spy; not a dependency): collapsed stacks
            spy = str(Path(sys.executable).parent / "py-spy")
            run = [
                spy,
                "record",
                "--idle",
                "--rate",
                "250",
                "--format",
                "raw",
                "--output",
                str(py_spy),
                "--",
                *run,
            ]
        result = measured(run, env=env)
        result["lake_mib"] = sum(f.stat().st_size for f in Path(lake).rglob("*") if f.is_file()) / 2**20
        return result


def profile(texts: dict[str, list[str]]) -> None:
    """Seconds per component of each assembled pipeline (claims included) over the same docs."""
    from pipelines.config import load_settings
    from pipelines.nlp.assemble import build_nlp, claims_component

    settings = load_settings(None)
    for lang, items in texts.items():
        nlp, label, _ = build_nlp(lang, settings.nlp.models[lang])
        claims = claims_component(nlp)
        stages = [(n, p) for n, p in nlp.pipeline if p is not claims]
        if claims is not None:
            stages.append(("claimflow_claims_v1", claims))
        spent = dict.fromkeys([n for n, _ in stages], 0.0)
        batch = settings.nlp.batch_size
        words = 0
        for i in range(0, len(items), batch):
            docs = [nlp.make_doc(t) for t in items[i : i + batch]]
            words += sum(len(t.split()) for t in items[i : i + batch])
            for name, proc in stages:
                started = time.process_time()
                if hasattr(proc, "pipe"):
                    docs = list(proc.pipe(docs, batch_size=batch))
                else:
                    docs = [proc(d) for d in docs]
                spent[name] += time.process_time() - started
        total = sum(spent.values())
        print(
            f"\n{lang}: {label}, {len(items)} articles, {words} words, {total:.2f} CPU-s, {words / total:.0f} w/s"
        )
        for name, sec in spent.items():
            own = " (claimflow)" if name.startswith("claimflow_") else ""
            print(f"  {name:<24}{sec:>8.2f} s {100 * sec / total:>6.1f}%{own}")


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--per-language", type=int, default=30, help="articles per language (default 30)")
    ap.add_argument("--languages", default=",".join(LANGUAGES))
    ap.add_argument(
        "--repeat-to", type=int, default=None, help="publish this many records (articles repeated)"
    )
    ap.add_argument("--beam-arg", action="append", default=[], help="passed to claimflow run (repeatable)")
    ap.add_argument(
        "--workers", type=int, default=None, help="streaming.workers of the run (default: config)"
    )
    ap.add_argument("--skip-bare", action="store_true", help="measure the pipeline only")
    ap.add_argument("--cprofile", type=Path, help="run claimflow under cProfile, writing its stats here")
    ap.add_argument(
        "--py-spy",
        type=Path,
        help="sample claimflow with py-spy (installed separately), collapsed stacks here",
    )
    ap.add_argument(
        "--keep-lake", type=Path, help="write the run's lake here and keep it (to compare outputs)"
    )
    ap.add_argument("--profile", action="store_true", help="time per component instead")
    ap.add_argument("--child-bare", type=Path, help=argparse.SUPPRESS)
    args = ap.parse_args()
    languages = tuple(args.languages.split(","))
    if args.child_bare:
        child_bare(args.child_bare, list(languages))
        return
    texts = load_articles(args.per_language, languages)
    if args.profile:
        profile(texts)
        return
    with tempfile.TemporaryDirectory(prefix="bench-articles-") as tmp:
        path = Path(tmp) / "articles.jsonl"
        records = list(article_records(texts, args.repeat_to))
        path.write_text("".join(json.dumps(r, ensure_ascii=False) + "\n" for r in records), encoding="utf-8")
        words = sum(len(r["text"].split()) for r in records)
        print(
            f"articles: {len(records)} ({', '.join(f'{k} {len(v)}' for k, v in texts.items())}), {words} words"
        )
        bare = None
        if not args.skip_bare:
            bare = measured(
                [sys.executable, __file__, "--languages", ",".join(languages), "--child-bare", str(path)]
            )
        pipe = run_pipeline(
            path, args.beam_arg, args.workers, args.cprofile, py_spy=args.py_spy, keep_lake=args.keep_lake
        )
    print(f"{'':<10}{'CPU s':>9}{'wall s':>9}{'peak RSS MiB':>14}{'words/CPU-s':>13}")
    for name, m in (("bare", bare), ("pipeline", pipe)):
        if m is not None:
            print(
                f"{name:<10}{m['cpu']:>9.1f}{m['wall']:>9.1f}{m['rss_mib']:>14.0f}{words / m['cpu']:>13.0f}"
            )
    if bare is not None:
        print(f"ratio bare/pipeline (CPU-seconds): {bare['cpu'] / pipe['cpu']:.2f}")
    run_lines = [ln for ln in str(pipe["output"]).splitlines() if ln.startswith(("run:", "  claimflow."))]
    print("\n".join(run_lines))
    if args.beam_arg or args.workers:
        print(f"beam args: {' '.join(args.beam_arg)}; workers: {args.workers or 'config'}")
    print(
        f"(load average now: {', '.join(f'{x:.2f}' for x in os.getloadavg())}; {resource.getpagesize()} B pages)"
    )


if __name__ == "__main__":
    main()
