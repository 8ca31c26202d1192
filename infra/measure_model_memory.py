"""Resident memory a Beam SDK worker process needs for claimflow's spaCy pipelines (Linux).

    python infra/measure_model_memory.py                                  # the configured nlp.models
    python infra/measure_model_memory.py --model en=en_core_web_lg --model ru=bundled:ru   # only these
    python infra/measure_model_memory.py --model en=/path/to/pipeline --batch-size 32

Does what an SDK harness does: imports Beam and the claimflow job, then loads each language's pipeline once
(RunInference shares one copy per process between its threads) and runs one batch of ``nlp.batch_size``
article-length texts (~3,000 characters) through it (the first batch allocates working memory). Prints the
process's resident set size after each step and the peak; the "added" column is what each step costs.
"""

from __future__ import annotations

import argparse
import resource
import sys
import time
from collections.abc import Sequence
from pathlib import Path

# Short texts written for this script (not taken from any outlet), one per language, repeated to fill a batch.
SAMPLE_TEXT = {
    "en": "The regional council said on Tuesday that 14 schools in the northern district would reopen next "
    "month after repairs, according to a statement from its education office.",
    "ru": "Представитель городской администрации заявил в среду, что ремонт моста через реку завершится к "
    "осени, а движение транспорта восстановят в октябре.",
    "uk": "Речниця обласної ради повідомила, що у вівторок до міста прибули три колони з гуманітарною "
    "допомогою, а ще дві очікують наприкінці тижня.",
}
FALLBACK_TEXT = "Ein kurzer Text in einer Sprache ohne eigenes Modell, damit der Rückfallweg geprüft wird."


def rss_mib(pid: int | str = "self") -> float:
    """Current resident set size of process ``pid`` (this one by default) in MiB (VmRSS; the benchmarks read
    it here too)."""
    status = Path(f"/proc/{pid}/status")
    for line in status.read_text("ascii").splitlines():
        if line.startswith("VmRSS:"):
            return int(line.split()[1]) / 1024
    raise RuntimeError(f"VmRSS not found in {status}; allowed: a live process on Linux")


def main(argv: Sequence[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--config", type=Path, help="claimflow TOML config (default: as claimflow itself)")
    parser.add_argument("--model", action="append", default=[], metavar="LANG=SPEC")
    parser.add_argument("--batch-size", type=int, help="articles per warm-up batch (default: nlp.batch_size)")
    args = parser.parse_args(argv)

    rows: list[tuple[str, float, float, str]] = []
    start = rss_mib()
    rows.append(("python interpreter", start, start, ""))

    import apache_beam  # noqa: F401  (an SDK harness has Beam loaded)

    import pipelines.job  # noqa: F401  (and every claimflow stage)
    from pipelines.config import load_settings
    from pipelines.nlp.assemble import build_nlp

    before = rss_mib()
    rows.append(("+ apache_beam, spacy, claimflow imported", before, before - start, ""))

    settings = load_settings(args.config)
    models = {} if args.model else dict(settings.nlp.models)
    for item in args.model:
        lang, sep, spec = item.partition("=")
        if not sep or not lang or not spec:
            parser.error(f"--model {item!r} is not allowed; allowed: LANG=SPEC, e.g. en=en_core_web_lg")
        models[lang] = spec
    batch_size = args.batch_size or settings.nlp.batch_size

    for lang, spec in sorted(models.items()):
        started = time.perf_counter()
        nlp, label, _ = build_nlp(lang, spec)
        loaded = rss_mib()
        rows.append(
            (f"+ load {lang}: {label}", loaded, loaded - before, f"{time.perf_counter() - started:.1f}s")
        )
        # ~3,000 characters, the length of a typical news article.
        text = " ".join([SAMPLE_TEXT.get(lang, FALLBACK_TEXT)] * 18)
        started = time.perf_counter()
        for _ in nlp.pipe([text] * batch_size, batch_size=batch_size):
            pass
        warm = rss_mib()
        rows.append(
            (
                f"  after one batch of {batch_size}",
                warm,
                warm - loaded,
                f"{time.perf_counter() - started:.1f}s",
            )
        )
        before = warm

    nlp, label, _ = build_nlp("xx", None)
    for _ in nlp.pipe([FALLBACK_TEXT] * batch_size):
        pass
    end = rss_mib()
    rows.append((f"+ fallback ({label})", end, end - before, ""))

    width = max(len(r[0]) for r in rows)
    print(f"{'step':<{width}}  {'RSS MiB':>8}  {'added':>8}  time")
    for step, rss, added, took in rows:
        print(f"{step:<{width}}  {rss:8.0f}  {added:8.0f}  {took}")
    peak = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    print(
        f"peak RSS {peak:.0f} MiB: budget at least this per SDK worker process (plus Beam's bundle buffers); "
        "RSS can fall after a batch when freed memory returns to the system"
    )
    return 0


if __name__ == "__main__":
    sys.exit(main())
