"""Throughput of the bundled spaCy pipelines (models/en, models/ru, models/uk) with ``nlp.pipe``.

    python benchmarks/bench_nlp.py [--models models] [--words 20000] [--batch-size 64] [--repeat 2]

Texts: the dev split of each language's corpus when ../shared (or $CLAIMFLOW_SHARED) is available, otherwise a
paragraph written for this benchmark, repeated. Prints words/s (best of --repeat runs) for each pipeline, also
with NER only (other components disabled).
"""

from __future__ import annotations

import argparse
import os
import time
from pathlib import Path

import spacy
from spacy.language import Language

REPO = Path(__file__).resolve().parents[1]

FALLBACK = {
    "en": "The regional council said on Monday that the new bridge over the river would open in May. "
    "Officials in Riverton expect about 4,000 vehicles a day, according to a statement by Maria Lopez.",
    "ru": "Городской совет в понедельник сообщил, что новый мост через реку откроют в мае. "
    "По словам Марии Лопес, чиновники ожидают около четырёх тысяч машин в день.",
    "uk": "Міська рада в понеділок повідомила, що новий міст через річку відкриють у травні. "
    "За словами Марії Лопес, посадовці очікують близько чотирьох тисяч автомобілів на день.",
}

DEV = {
    "en": "ud/en/UD_English-EWT/en_ewt-ud-dev.conllu",
    "ru": "ud/ru/UD_Russian-Taiga-r2.7/ru_taiga-ud-dev.conllu",
    "uk": "ud/uk/UD_Ukrainian-ParlaMint-r2.15/uk_parlamint-ud-dev.conllu",
}


def texts_for(lang: str, n_words: int) -> list[str]:
    env = os.environ.get("CLAIMFLOW_SHARED")
    corpora = (Path(env) if env else REPO / ".." / "shared") / "corpora"
    texts: list[str] = []
    path = corpora / DEV[lang]
    if path.exists():
        for line in path.read_text(encoding="utf-8").splitlines():
            if line.startswith("# text = "):
                texts.append(line[len("# text = ") :])
    if not texts:
        texts = [FALLBACK[lang]]
    out: list[str] = []
    count = 0
    while count < n_words:
        for t in texts:
            out.append(t)
            count += len(t.split())
            if count >= n_words:
                break
    return out


def words_per_second(nlp: Language, texts: list[str], batch_size: int, repeat: int) -> tuple[float, int]:
    best = 0.0
    n = 0
    for _ in range(repeat):
        start = time.perf_counter()
        n = sum(len(doc) for doc in nlp.pipe(texts, batch_size=batch_size))
        best = max(best, n / (time.perf_counter() - start))
    return best, n


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--models", default=str(REPO / "models"))
    ap.add_argument("--words", type=int, default=20000)
    ap.add_argument("--batch-size", type=int, default=64)
    ap.add_argument("--repeat", type=int, default=2)
    args = ap.parse_args()
    print(f"{'pipeline':<12}{'components':<62}{'tokens':>8}{'words/s':>10}{'ner-only w/s':>14}")
    for lang in ("en", "ru", "uk"):
        path = Path(args.models) / lang
        if not (path / "meta.json").exists():
            print(f"{lang:<12}missing ({path})")
            continue
        nlp = spacy.load(path)
        texts = texts_for(lang, args.words)
        list(nlp.pipe(texts[:8]))  # warm-up
        wps, n = words_per_second(nlp, texts, args.batch_size, args.repeat)
        others = [p for p in nlp.pipe_names if p != "ner"]
        with nlp.select_pipes(disable=others):
            ner_wps, _ = words_per_second(nlp, texts, args.batch_size, args.repeat)
        print(f"{lang:<12}{','.join(nlp.pipe_names):<62}{n:>8}{wps:>10.0f}{ner_wps:>14.0f}")


if __name__ == "__main__":
    main()
