"""The attribution tagger on a fine-tuned transformer: ``claimflow_attribution_tagger_v1`` with an encoder model.

When the tagger's ``model_path`` is an encoder model directory (``encoder.json``; written by
``training/attribution_encoder.py``: all-MiniLM-L6-v2 fine-tuned on PolNeAR as a BIO tagger of SOURCE / CUE /
CONTENT, exported to int8 ONNX), :class:`EncoderAttributionTagger` runs it through :mod:`pipelines.nlp.encoder`
and writes the same ``doc.spans`` group the CNN tagger writes, so the claims layer, its combine policies and the
PolNeAR evaluator take either model. The encoder reads 256-piece windows, so every word sees about 120 pieces on
each side: a long quotation's boundaries are in view, which the CNN's +-12 tokens are not.
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator
from pathlib import Path

import numpy as np
import numpy.typing as npt
from spacy.tokens import Doc, Span, SpanGroup

from pipelines.nlp.encoder import EncoderModel, is_encoder_model, load_encoder

ROLES = ("SOURCE", "CUE", "CONTENT")


def word_roles(labels: tuple[str, ...], logits: npt.NDArray[np.float32]) -> list[str]:
    """The role of each word ("" for none): the role whose ``B-`` and ``I-`` probabilities together are highest,
    or none when ``O``'s is. Reading B and I together keeps a span whole where the model hesitates between
    them ("In | an illustration of …" was two contents)."""
    if not len(logits):
        return []
    probs = np.exp(logits - logits.max(axis=1, keepdims=True))
    names = ["", *ROLES]
    columns = [[k for k, label in enumerate(labels) if label.partition("-")[2] == name] for name in ROLES]
    summed = np.stack([probs[:, labels.index("O")], *[probs[:, c].sum(axis=1) for c in columns]], axis=1)
    return [names[int(k)] for k in summed.argmax(axis=1)]


def _decode(doc: Doc, roles: list[str]) -> list[Span]:
    """Roles per token → spans: a run of one role; a span ends at a role change or a whitespace token (paragraph
    breaks, as the CNN tagger's training data splits them)."""
    spans: list[Span] = []
    start, role = -1, ""
    for i, this in enumerate([*roles, ""]):
        space = i < len(doc) and doc[i].is_space
        if role and (this != role or space):
            spans.append(Span(doc, start, i, label=role))
            role = ""
        if this and not space and not role:
            start, role = i, this
    return spans


class EncoderAttributionTagger:
    """Tags a Doc's tokens with the encoder model and stores the role spans in ``doc.spans[spans_key]``."""

    def __init__(self, model: EncoderModel, *, spans_key: str, model_path: str) -> None:
        wanted = {f"{p}-{r}" for p in "BI" for r in ROLES} | {"O"}
        if model.spec.kind != "token" or set(model.labels) != wanted:
            raise ValueError(
                f"claimflow_attribution_tagger_v1: encoder model {model_path!r} has kind {model.spec.kind!r} and "
                f"labels {list(model.labels)}; allowed: kind 'token' with labels {sorted(wanted)}"
            )
        self.model = model
        self.spans_key = spans_key
        self.model_path = model_path

    def __call__(self, doc: Doc) -> Doc:
        logits = self.model.word_logits([t.text for t in doc])
        roles = word_roles(self.model.labels, logits)
        # the group names the model, whose corpus cue words (cue_words.json) the claims layer may consult
        doc.spans[self.spans_key] = SpanGroup(
            doc, name=self.spans_key, attrs={"model_path": self.model_path}, spans=_decode(doc, roles)
        )
        return doc

    def pipe(self, docs: Iterable[Doc], batch_size: int = 32) -> Iterator[Doc]:
        for doc in docs:
            yield self(doc)

    # the model directory is read-only data: a saved pipeline refers to it by path
    def to_disk(self, path: str | Path, *, exclude: Iterable[str] = ()) -> None:
        Path(path).mkdir(parents=True, exist_ok=True)
        (Path(path) / "model_path.txt").write_text(self.model_path, encoding="utf-8")

    def from_disk(self, path: str | Path, *, exclude: Iterable[str] = ()) -> EncoderAttributionTagger:
        ref = Path(path) / "model_path.txt"
        if ref.is_file():
            self.model_path = ref.read_text(encoding="utf-8").strip()
            self.model = load_encoder(self.model_path)
        return self


def is_tagger_model(path: Path) -> bool:
    """True when ``path`` holds an attribution tagger model of either kind (spaCy CNN or encoder)."""
    return (path / "config.cfg").is_file() or is_encoder_model(path)


def make_encoder_tagger(path: Path, *, spans_key: str) -> EncoderAttributionTagger:
    """The tagger for the encoder model directory ``path``."""
    return EncoderAttributionTagger(load_encoder(path), spans_key=spans_key, model_path=str(path))
