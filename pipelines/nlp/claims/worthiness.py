"""Learned English claim-worthiness: the ``claimflow_claim_worthiness_v1`` spaCy component.

The component wraps a trained text classifier: ``doc._.claim_worthiness`` is a list of ``(start_char, end_char,
probability)`` per sentence, and :func:`claim_worthy` compares a sentence's probability with the threshold chosen on
the carved dev split (stored in the model's ``meta.json``; see ``training/claimworthy.py``'s docstring for how).
By default (``lazy``) the component only marks the sentences (probability None) and a sentence is scored the
first time :func:`claim_worthy` asks about it: the gate asks only about unattributed sentences that name no event
and no figure, about one sentence in seven of news, so most of the classifier's cost is never paid.
:func:`sentence_scores` scores every sentence. Each sentence is scored alone, so its probability is the same
whether it is scored lazily, eagerly or in another process. Two kinds of model directory:

- a spaCy ``textcat`` (``models/en-claimworthy``: its own CNN tok2vec embedding GloVe 100-d static vectors and a
  bag of uni- and bigrams, trained on ClaimBuster debate sentences by ``training/claimworthy.py``);
- a fine-tuned pretrained encoder, when the directory holds ``encoder.json`` (``models/en-claimworthy-encoder``:
  all-MiniLM-L6-v2 with a CLAIM/OTHER sequence head as int8 ONNX, ``training/claimworthy_encoder.py``), run by
  :mod:`pipelines.nlp.encoder` (onnxruntime and tokenizers; no torch) on each sentence's text.

The claim gate is meant to consult it only for sentences without attribution: an attributed claim is never
dropped by it. It needs sentence boundaries (a parser or a sentencizer before it) and reads only the text.

Trained on ClaimBuster (dataset terms not checked): research use only (see the model's MODEL_CARD.md).
"""

from __future__ import annotations

import json
import shutil
from collections.abc import Iterable, Iterator, Sequence
from pathlib import Path
from typing import Any

import numpy as np
import spacy
from spacy.attrs import ORTH
from spacy.language import Language
from spacy.tokens import Doc, Span

from pipelines.nlp.claims.learned import add_before_claims
from pipelines.nlp.encoder import is_encoder_model, load_encoder

CLAIM_WORTHINESS_FACTORY = "claimflow_claim_worthiness_v1"
MODELS = Path(__file__).resolve().parents[3] / "models"
#: The default since 2026-12-01: the fine-tuned encoder (better on every ClaimBuster split and on hand-judged news,
#: 5.7x the textcat's CPU; docs/learned-claims.md). The textcat stays for ``add_claim_worthiness(nlp, TEXTCAT_MODEL)``.
DEFAULT_MODEL = MODELS / "en-claimworthy-encoder"
TEXTCAT_MODEL = MODELS / "en-claimworthy"
ENCODER_FILES = ("model.onnx", "tokenizer.json", "encoder.json", "meta.json")
#: a sentence's ``(start_char, end_char, probability)``; the probability is None until it is scored
Scored = tuple[int, int, float | None]

if not Doc.has_extension("claim_worthiness"):
    Doc.set_extension("claim_worthiness", default=None)
if not Doc.has_extension("claim_worthiness_threshold"):
    Doc.set_extension("claim_worthiness_threshold", default=None)
if not Doc.has_extension("claim_worthiness_model"):
    Doc.set_extension("claim_worthiness_model", default=None)

#: the components built in this process, by model path: a lazily marked doc is scored by the one that marked it
_LIVE: dict[str, ClaimWorthiness] = {}


class ClaimWorthiness:
    """Scores each sentence with the wrapped model (a spaCy textcat ``inner`` or an ``encoder`` from
    :func:`pipelines.nlp.encoder.load_encoder`); ``threshold`` decides claim-worthy or not."""

    def __init__(
        self,
        inner: Language | None,
        *,
        threshold: float,
        model_path: str,
        encoder: Any = None,
        lazy: bool = True,
    ) -> None:
        if encoder is None and (inner is None or "textcat" not in inner.pipe_names):
            pipes = inner.pipe_names if inner is not None else []
            raise ValueError(
                f"{CLAIM_WORTHINESS_FACTORY}: model {model_path!r} has pipes {pipes}; "
                "allowed: a model trained by training/claimworthy.py (with a 'textcat' pipe) or by "
                "training/claimworthy_encoder.py (with encoder.json)"
            )
        if encoder is not None and "CLAIM" not in encoder.labels:
            raise ValueError(
                f"{CLAIM_WORTHINESS_FACTORY}: encoder model {model_path!r} has labels {list(encoder.labels)}; "
                "allowed: a sequence model with a 'CLAIM' label"
            )
        if not 0.0 < threshold < 1.0:
            raise ValueError(
                f"{CLAIM_WORTHINESS_FACTORY}: received threshold {threshold}; allowed: 0 < threshold < 1"
            )
        self.inner = inner
        self.encoder = encoder
        self.threshold = threshold
        self.model_path = model_path
        self.lazy = lazy
        _LIVE[model_path] = self

    def _copy(self, sent: Span) -> Doc:
        assert self.inner is not None
        toks = [t for t in sent if not t.is_space] or list(sent)
        return Doc(self.inner.vocab, words=[t.text for t in toks], spaces=[bool(t.whitespace_) for t in toks])

    def _scores(self, sents: Sequence[Span]) -> list[float]:
        """P(CLAIM) per sentence."""
        if not sents:
            return []
        if self.encoder is not None:
            # one sentence per run: the int8 model quantises a run's activations by their range, so in a batch a
            # sentence's score would depend on the other sentences (up to 0.19, 1.8% of them across the threshold),
            # from other records too; alone it depends on itself only. As fast as batches of 8 (32: 10% slower)
            # and +6 MiB resident instead of +94 (batches of 32)
            logits = np.asarray(self.encoder.text_logits([s.text.strip() for s in sents], batch_size=1))
            return claim_probabilities(logits, list(self.encoder.labels).index("CLAIM"))
        assert self.inner is not None
        textcat = self.inner.get_pipe("textcat")
        copies = [self._copy(s) for s in sents]
        return [float(c.cats.get("CLAIM", 0.0)) for c in textcat.pipe(copies, batch_size=256)]

    def __call__(self, doc: Doc) -> Doc:
        return next(self.pipe([doc]))

    def pipe(self, docs: Iterable[Doc], batch_size: int = 64) -> Iterator[Doc]:
        for chunk in spacy.util.minibatch(docs, size=batch_size):
            sents = [
                [s for s in (d.sents if d.has_annotation("SENT_START") else [d[:]]) if len(s)] for d in chunk
            ]
            probs = iter([] if self.lazy else self._scores([s for ss in sents for s in ss]))
            for doc, ss in zip(chunk, sents, strict=True):
                doc._.claim_worthiness = [
                    (s.start_char, s.end_char, None if self.lazy else next(probs)) for s in ss
                ]
                doc._.claim_worthiness_threshold = self.threshold
                doc._.claim_worthiness_model = self.model_path
                yield doc

    def fill(self, doc: Doc, indices: Iterable[int]) -> None:
        """Score, in place, the sentences ``indices`` of ``doc._.claim_worthiness`` that are not scored yet."""
        rows: list[Scored] = doc._.claim_worthiness
        todo = [i for i in indices if rows[i][2] is None]
        spans = [doc.char_span(rows[i][0], rows[i][1], alignment_mode="expand") for i in todo]
        probs = self._scores([s if s is not None else doc[:0] for s in spans])
        for i, prob in zip(todo, probs, strict=True):
            rows[i] = (rows[i][0], rows[i][1], prob)

    def is_claim_worthy(self, doc: Doc, start_char: int, end_char: int) -> bool | None:
        """Whether the sentence covering ``start_char``..``end_char`` scores at or above the threshold (None when
        the doc was not scored)."""
        return claim_worthy(doc, start_char, end_char, self.threshold)

    def to_disk(self, path: str | Path, *, exclude: Iterable[str] = ()) -> None:
        Path(path).mkdir(parents=True, exist_ok=True)
        if self.encoder is not None:
            out = Path(path) / "encoder"
            out.mkdir(exist_ok=True)
            for name in ENCODER_FILES:
                shutil.copyfile(Path(self.model_path) / name, out / name)
            return
        assert self.inner is not None
        self.inner.to_disk(Path(path) / "model")
        keep_vectors_key(self.inner, Path(path) / "model")

    def from_disk(self, path: str | Path, *, exclude: Iterable[str] = ()) -> ClaimWorthiness:
        model, encoder = Path(path) / "model", Path(path) / "encoder"
        if (encoder / "encoder.json").is_file():
            self.inner, self.encoder, self.model_path = None, load_encoder(encoder), str(encoder)
        elif model.is_dir():
            self.inner, self.encoder, self.model_path = spacy.load(model), None, str(model)
        _LIVE[self.model_path] = self
        return self


def claim_probabilities(logits: np.ndarray[Any, Any], claim: int) -> list[float]:
    """Softmax of each row of ``logits`` (n, labels), the ``claim`` column."""
    z = logits - logits.max(axis=1, keepdims=True)
    e = np.exp(z)
    return [float(p) for p in (e[:, claim] / e.sum(axis=1))]


def model_ready(path: Path) -> bool:
    """Whether ``path`` holds a claim-worthiness model of either kind (a spaCy textcat or an encoder model
    directory, :func:`pipelines.nlp.encoder.is_encoder_model`)."""
    return (path / "config.cfg").is_file() or is_encoder_model(path)


def keep_vectors_key(inner: Language, saved: Path) -> None:
    """Write the key attribute of ``inner``'s static vectors into the copy saved at ``saved``: spaCy 3.8 reads
    ``attr`` from ``vocab/vectors.cfg`` but writes it only for floret tables, so a saved NORM-keyed table (the
    GloVe vectors the classifier embeds) would be read back keyed on ORTH and miss every capitalised word."""
    attr = int(inner.vocab.vectors.attr)
    cfg = saved / "vocab" / "vectors.cfg"
    if attr == ORTH or not cfg.is_file():
        return
    data = json.loads(cfg.read_text(encoding="utf-8"))
    data["attr"] = attr
    cfg.write_text(json.dumps(data, indent=2) + "\n", encoding="utf-8")


def claim_worthy(doc: Doc, start_char: int, end_char: int, threshold: float | None = None) -> bool | None:
    """Whether the sentence that holds ``start_char`` (or starts inside ``start_char``..``end_char``) scores at or
    above ``threshold`` (default: the one the component used); the sentence is scored now if the component left
    it for later. None when the doc was not scored (no ``claimflow_claim_worthiness_v1`` in the pipeline)."""
    rows = doc._.claim_worthiness
    limit = doc._.claim_worthiness_threshold if threshold is None else threshold
    if rows is None or limit is None:
        return None
    for i, (s, e, _) in enumerate(rows):
        if s <= start_char < e or (start_char <= s < end_char):
            if rows[i][2] is None:
                _scorer(doc).fill(doc, [i])
            return bool(rows[i][2] >= limit)
    return False


def sentence_scores(doc: Doc) -> list[tuple[int, int, float]] | None:
    """``(start_char, end_char, probability)`` of every sentence of ``doc``, scoring those not scored yet (None
    when the doc was not scored)."""
    rows = doc._.claim_worthiness
    if rows is None:
        return None
    if any(p is None for *_, p in rows):
        _scorer(doc).fill(doc, range(len(rows)))
    return [(s, e, float(p)) for s, e, p in rows]


def _scorer(doc: Doc) -> ClaimWorthiness:
    """The component that marked ``doc`` (loaded again from its model path when it was marked in another
    process)."""
    path = str(doc._.claim_worthiness_model or DEFAULT_MODEL)
    if path not in _LIVE:
        make_claim_worthiness(spacy.blank("en"), CLAIM_WORTHINESS_FACTORY, model_path=path, threshold=None)
    return _LIVE[path]


def model_threshold(path: Path) -> float:
    """The threshold stored by training/claimworthy.py (or training/claimworthy_encoder.py) in the model's
    meta.json."""
    meta = (
        json.loads((path / "meta.json").read_text(encoding="utf-8")) if (path / "meta.json").is_file() else {}
    )
    try:
        return float(meta["claimflow"]["threshold"])
    except (KeyError, TypeError, ValueError) as exc:
        raise ValueError(
            f"{CLAIM_WORTHINESS_FACTORY}: {path / 'meta.json'} has no claimflow.threshold; "
            "allowed: a model written by training/claimworthy.py, or pass threshold"
        ) from exc


def make_claim_worthiness(
    nlp: Language, name: str, *, model_path: str | None, threshold: float | None, lazy: bool = True
) -> ClaimWorthiness:
    """The claim-worthiness classifier. ``model_path``: a directory written by ``training/claimworthy.py`` or
    (with ``encoder.json``) by ``training/claimworthy_encoder.py`` (default ``models/en-claimworthy-encoder``);
    ``threshold``: overrides the one chosen at training time; ``lazy``: score a sentence only when
    :func:`claim_worthy` asks about it (False: score every sentence as the doc passes)."""
    if str(nlp.lang) != "en":
        raise ValueError(
            f"{name}: pipeline language {nlp.lang!r} is not supported; allowed: ['en'] (trained on ClaimBuster)"
        )
    path = Path(model_path) if model_path else DEFAULT_MODEL
    if not model_ready(path):
        raise FileNotFoundError(
            f"{name}: no trained claim-worthiness model at {path} (neither config.cfg nor encoder.json); build one "
            "with `python -m training.claimworthy` or `python -m training.claimworthy_encoder`"
        )
    chosen = model_threshold(path) if threshold is None else float(threshold)
    if is_encoder_model(path):
        return ClaimWorthiness(
            None, threshold=chosen, model_path=str(path), encoder=load_encoder(path), lazy=lazy
        )
    return ClaimWorthiness(spacy.load(path), threshold=chosen, model_path=str(path), lazy=lazy)


CLAIM_WORTHINESS_DEFAULTS: dict[str, Any] = {"model_path": None, "threshold": None, "lazy": True}
Language.factory(
    CLAIM_WORTHINESS_FACTORY, default_config=CLAIM_WORTHINESS_DEFAULTS, func=make_claim_worthiness
)


def add_claim_worthiness(nlp: Language, model_path: str | Path | None = None) -> Language:
    """Add ``claimflow_claim_worthiness_v1`` (idempotent); before the claims component when there is one."""
    return add_before_claims(nlp, CLAIM_WORTHINESS_FACTORY, model_path)
