"""Fine-tuned transformer encoders run with ONNX Runtime: the one place claimflow executes them.

A model directory holds ``model.onnx`` (a fine-tuned BERT-style encoder with its head, int8-quantised; inputs
``input_ids`` and ``attention_mask`` as int64 ``(batch, sequence)``, output ``logits``), the Hugging Face
``tokenizer.json`` it was trained with, and ``encoder.json``:

- ``kind``: ``"token"`` (one row of logits per word piece: a tagger) or ``"sequence"`` (one row per text: a
  classifier);
- ``labels``: the head's labels in logit order;
- ``window`` and ``stride`` (token heads): documents longer than ``window`` pieces are read in overlapping
  windows ``stride`` pieces apart, and each word takes the logits of the window where it is most central;
- ``max_length`` (sequence heads): texts are cut to this many pieces.

Only ``onnxruntime`` and ``tokenizers`` are needed at run time (no PyTorch); the training recipes that write such
directories (``training/encoder_export.py`` and its callers) run in their own environment (``make encoder-venv``). :func:`load_encoder` loads a directory once per process (Beam workers load models once, as
``apache_beam.ml.inference`` does).
"""

from __future__ import annotations

import functools
import json
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import numpy as np
import numpy.typing as npt

ENCODER_FILE = "encoder.json"
KINDS = ("token", "sequence")
_REQUIRED = ("model.onnx", "tokenizer.json", ENCODER_FILE)


class EncoderError(ValueError):
    """A model directory that is not an encoder model, or a malformed ``encoder.json``."""


@dataclass(frozen=True)
class EncoderSpec:
    """What ``encoder.json`` says about a model."""

    kind: str
    labels: tuple[str, ...]
    window: int = 256
    stride: int = 128
    max_length: int = 128

    @classmethod
    def read(cls, path: Path) -> EncoderSpec:
        data = json.loads((path / ENCODER_FILE).read_text(encoding="utf-8"))
        kind = data.get("kind")
        if kind not in KINDS:
            raise EncoderError(f"{path / ENCODER_FILE}: received kind {kind!r}; allowed: {list(KINDS)}")
        labels = data.get("labels")
        if not isinstance(labels, list) or not labels or not all(isinstance(x, str) for x in labels):
            raise EncoderError(
                f"{path / ENCODER_FILE}: received labels {labels!r}; allowed: a list of strings"
            )
        spec = cls(
            kind=kind,
            labels=tuple(labels),
            window=int(data.get("window", 256)),
            stride=int(data.get("stride", 128)),
            max_length=int(data.get("max_length", 128)),
        )
        if not 0 < spec.stride <= spec.window - 2 or spec.window > 512:
            raise EncoderError(
                f"{path / ENCODER_FILE}: received window {spec.window}, stride {spec.stride}; "
                "allowed: 0 < stride <= window - 2, window <= 512"
            )
        return spec


def is_encoder_model(path: str | Path) -> bool:
    """True when ``path`` is a directory written by an encoder recipe (it holds ``encoder.json``)."""
    return (Path(path) / ENCODER_FILE).is_file()


def pad(rows: Sequence[Sequence[int]]) -> tuple[npt.NDArray[np.int64], npt.NDArray[np.int64]]:
    """``input_ids`` and ``attention_mask`` of a batch of piece-id rows, padded with zeros to the longest (the
    inputs the models take; the recipes train on the same)."""
    width = max(len(r) for r in rows)
    ids = np.zeros((len(rows), width), dtype=np.int64)
    mask = np.zeros((len(rows), width), dtype=np.int64)
    for i, r in enumerate(rows):
        ids[i, : len(r)] = r
        mask[i, : len(r)] = 1
    return ids, mask


class EncoderModel:
    """An ONNX encoder with its tokenizer; thread-safe for inference (ONNX Runtime sessions are)."""

    def __init__(self, path: Path, *, threads: int = 1) -> None:
        missing = [f for f in _REQUIRED if not (path / f).is_file()]
        if missing:
            raise EncoderError(
                f"encoder model {str(path)!r}: missing {missing}; allowed: a directory with {_REQUIRED}"
            )
        import onnxruntime
        from tokenizers import Tokenizer

        self.path = path
        self.spec = EncoderSpec.read(path)
        self.labels = self.spec.labels
        options = onnxruntime.SessionOptions()
        options.intra_op_num_threads = threads
        options.inter_op_num_threads = 1
        self._session = onnxruntime.InferenceSession(
            str(path / "model.onnx"), sess_options=options, providers=["CPUExecutionProvider"]
        )
        self._tokenizer = Tokenizer.from_file(str(path / "tokenizer.json"))
        self._tokenizer.no_padding()
        self._tokenizer.no_truncation()
        self._cls = self._piece_id("[CLS]")
        self._sep = self._piece_id("[SEP]")

    def _piece_id(self, piece: str) -> int:
        i = self._tokenizer.token_to_id(piece)
        if i is None:
            raise EncoderError(f"encoder model {str(self.path)!r}: tokenizer has no {piece!r} piece")
        return int(i)

    def _run(self, rows: Sequence[Sequence[int]]) -> Any:
        ids, mask = pad(rows)
        return self._session.run(["logits"], {"input_ids": ids, "attention_mask": mask})[0]

    def word_logits(self, words: Sequence[str], *, batch_size: int = 8) -> npt.NDArray[np.float32]:
        """Logits per word, shape ``(len(words), len(labels))``, from the word's first piece; a word without
        pieces (whitespace) gets zeros. Token heads only."""
        if self.spec.kind != "token":
            raise EncoderError(
                f"word_logits: model {str(self.path)!r} has kind {self.spec.kind!r}; allowed: 'token'"
            )
        out = np.zeros((len(words), len(self.labels)), dtype=np.float32)
        if not words:
            return out
        enc = self._tokenizer.encode(list(words), is_pretokenized=True, add_special_tokens=False)
        ids, word_ids = enc.ids, enc.word_ids
        first = [j for j, w in enumerate(word_ids) if w is not None and (j == 0 or word_ids[j - 1] != w)]
        if not first:
            return out
        inner = self.spec.window - 2
        starts = list(range(0, max(len(ids) - inner, 0) + 1, self.spec.stride))
        if starts[-1] + inner < len(ids):
            starts.append(len(ids) - inner)
        best = np.full(len(ids), -1, dtype=np.int64)  # centrality of the window a piece's logits came from
        piece_logits = np.zeros((len(ids), len(self.labels)), dtype=np.float32)
        for b in range(0, len(starts), batch_size):
            chunk = starts[b : b + batch_size]
            rows = [[self._cls, *ids[s : s + inner], self._sep] for s in chunk]
            logits = self._run(rows)
            for k, s in enumerate(chunk):
                n = len(rows[k]) - 2
                span = np.arange(n)
                centrality = np.minimum(span, n - 1 - span)
                take = centrality > best[s : s + n]
                best[s : s + n][take] = centrality[take]
                piece_logits[s : s + n][take] = logits[k, 1 : n + 1][take]
        for j in first:
            out[word_ids[j]] = piece_logits[j]
        return out

    def text_logits(self, texts: Sequence[str], *, batch_size: int = 32) -> npt.NDArray[np.float32]:
        """Logits per text, shape ``(len(texts), len(labels))``. Sequence heads only."""
        if self.spec.kind != "sequence":
            raise EncoderError(
                f"text_logits: model {str(self.path)!r} has kind {self.spec.kind!r}; allowed: 'sequence'"
            )
        out = np.zeros((len(texts), len(self.labels)), dtype=np.float32)
        inner = self.spec.max_length - 2
        for b in range(0, len(texts), batch_size):
            encs = self._tokenizer.encode_batch(list(texts[b : b + batch_size]), add_special_tokens=False)
            rows = [[self._cls, *e.ids[:inner], self._sep] for e in encs]
            out[b : b + len(rows)] = self._run(rows)
        return out


@functools.cache
def _load(path: str, threads: int) -> EncoderModel:
    return EncoderModel(Path(path), threads=threads)


def load_encoder(path: str | Path, *, threads: int = 1) -> EncoderModel:
    """The encoder model in ``path``, loaded once per process."""
    return _load(str(Path(path).resolve()), threads)
