"""Learned English claim-worthiness: the ``claimflow_claim_worthiness_v1`` spaCy component.

The component wraps a trained text classifier (``models/en-claimworthy``: a spaCy ``textcat`` with its own
CNN tok2vec embedding GloVe 100-d static vectors and a bag of uni- and bigrams, trained on ClaimBuster debate sentences by
``training/claimworthy.py``) and scores every sentence of the doc: ``doc._.claim_worthiness`` is a list of
``(start_char, end_char, probability)`` per sentence, and :meth:`ClaimWorthiness.is_claim_worthy` compares a
sentence's probability with the threshold chosen on the carved dev split (stored in the model's
``meta.json``; see that module's docstring for how).

The claim gate is meant to consult it only for sentences without attribution: an attributed claim is never
dropped by it. It needs sentence boundaries (a parser or a sentencizer before it) and reads only the tokens.

Trained on ClaimBuster (dataset terms not checked): research use only (see the model's MODEL_CARD.md).
"""

from __future__ import annotations

import json
from collections.abc import Iterable, Iterator
from pathlib import Path
from typing import Any

import spacy
from spacy.attrs import ORTH
from spacy.language import Language
from spacy.tokens import Doc, Span

from pipelines.nlp.claims.learned import add_before_claims

CLAIM_WORTHINESS_FACTORY = "claimflow_claim_worthiness_v1"
DEFAULT_MODEL = Path(__file__).resolve().parents[3] / "models" / "en-claimworthy"

if not Doc.has_extension("claim_worthiness"):
    Doc.set_extension("claim_worthiness", default=None)
if not Doc.has_extension("claim_worthiness_threshold"):
    Doc.set_extension("claim_worthiness_threshold", default=None)


class ClaimWorthiness:
    """Scores each sentence with the wrapped textcat; ``threshold`` decides claim-worthy or not."""

    def __init__(self, inner: Language, *, threshold: float, model_path: str) -> None:
        if "textcat" not in inner.pipe_names:
            raise ValueError(
                f"{CLAIM_WORTHINESS_FACTORY}: model {model_path!r} has pipes {inner.pipe_names}; "
                "allowed: a model trained by training/claimworthy.py (with a 'textcat' pipe)"
            )
        if not 0.0 < threshold < 1.0:
            raise ValueError(
                f"{CLAIM_WORTHINESS_FACTORY}: received threshold {threshold}; allowed: 0 < threshold < 1"
            )
        self.inner = inner
        self.threshold = threshold
        self.model_path = model_path

    def _copy(self, sent: Span) -> Doc:
        toks = [t for t in sent if not t.is_space] or list(sent)
        return Doc(self.inner.vocab, words=[t.text for t in toks], spaces=[bool(t.whitespace_) for t in toks])

    def __call__(self, doc: Doc) -> Doc:
        return next(self.pipe([doc]))

    def pipe(self, docs: Iterable[Doc], batch_size: int = 64) -> Iterator[Doc]:
        textcat = self.inner.get_pipe("textcat")
        for chunk in spacy.util.minibatch(docs, size=batch_size):
            sents = [list(d.sents) if d.has_annotation("SENT_START") else [d[:]] for d in chunk]
            copies = [self._copy(s) for ss in sents for s in ss if len(s)]
            probs = iter(c.cats.get("CLAIM", 0.0) for c in textcat.pipe(copies, batch_size=256))
            for doc, ss in zip(chunk, sents, strict=True):
                doc._.claim_worthiness = [
                    (s.start_char, s.end_char, float(next(probs))) for s in ss if len(s)
                ]
                doc._.claim_worthiness_threshold = self.threshold
                yield doc

    def is_claim_worthy(self, doc: Doc, start_char: int, end_char: int) -> bool | None:
        """Whether the sentence covering ``start_char``..``end_char`` scores at or above the threshold (None when
        the doc was not scored)."""
        return claim_worthy(doc, start_char, end_char, self.threshold)

    def to_disk(self, path: str | Path, *, exclude: Iterable[str] = ()) -> None:
        Path(path).mkdir(parents=True, exist_ok=True)
        self.inner.to_disk(Path(path) / "model")
        keep_vectors_key(self.inner, Path(path) / "model")

    def from_disk(self, path: str | Path, *, exclude: Iterable[str] = ()) -> ClaimWorthiness:
        model = Path(path) / "model"
        if model.is_dir():
            self.inner = spacy.load(model)
        return self


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
    """Whether the scored sentence that holds ``start_char`` (or starts inside ``start_char``..``end_char``)
    scores at or above ``threshold`` (default: the one the component used). None when the doc was not scored
    (no ``claimflow_claim_worthiness_v1`` in the pipeline)."""
    scores = doc._.claim_worthiness
    limit = doc._.claim_worthiness_threshold if threshold is None else threshold
    if scores is None or limit is None:
        return None
    for s, e, p in scores:
        if s <= start_char < e or (start_char <= s < end_char):
            return bool(p >= limit)
    return False


def model_threshold(path: Path) -> float:
    """The threshold stored by training/claimworthy.py in the model's meta.json."""
    meta = spacy.util.load_meta(path / "meta.json")
    try:
        return float(meta["claimflow"]["threshold"])
    except (KeyError, TypeError, ValueError) as exc:
        raise ValueError(
            f"{CLAIM_WORTHINESS_FACTORY}: {path / 'meta.json'} has no claimflow.threshold; "
            "allowed: a model written by training/claimworthy.py, or pass threshold"
        ) from exc


def make_claim_worthiness(
    nlp: Language, name: str, *, model_path: str | None, threshold: float | None
) -> ClaimWorthiness:
    """The claim-worthiness classifier. ``model_path``: a directory written by ``training/claimworthy.py``
    (default ``models/en-claimworthy``); ``threshold``: overrides the one chosen at training time."""
    if str(nlp.lang) != "en":
        raise ValueError(
            f"{name}: pipeline language {nlp.lang!r} is not supported; allowed: ['en'] (trained on ClaimBuster)"
        )
    path = Path(model_path) if model_path else DEFAULT_MODEL
    if not (path / "config.cfg").is_file():
        raise FileNotFoundError(
            f"{name}: no trained claim-worthiness model at {path}; build one with `python -m training.claimworthy`"
        )
    chosen = model_threshold(path) if threshold is None else float(threshold)
    return ClaimWorthiness(spacy.load(path), threshold=chosen, model_path=str(path))


CLAIM_WORTHINESS_DEFAULTS: dict[str, Any] = {"model_path": None, "threshold": None}
Language.factory(
    CLAIM_WORTHINESS_FACTORY, default_config=CLAIM_WORTHINESS_DEFAULTS, func=make_claim_worthiness
)


def add_claim_worthiness(nlp: Language, model_path: str | Path | None = None) -> Language:
    """Add ``claimflow_claim_worthiness_v1`` (idempotent); before the claims component when there is one."""
    return add_before_claims(nlp, CLAIM_WORTHINESS_FACTORY, model_path)
