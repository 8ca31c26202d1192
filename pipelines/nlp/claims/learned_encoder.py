"""The encoder architecture of the sentence-wide attribution tagger: ``claimflow.AttributionBiLSTMEncoder.v1``.

The shipped tagger (``models/en-attribution``, ``training/configs/attribution.cfg``) reads each token through a CNN
tok2vec whose receptive field is about +-12 tokens (window 2, depth 6), and the transition-based NER above it
looks at the vectors of a few tokens around its position; PolNeAR's content spans are longer (median 12 words,
90th percentile 32) and a cue is often far from its source. This architecture puts a bidirectional LSTM (thinc's
own ``LSTM``, which runs on NumpyOps: no PyTorch) over that CNN's output, over the whole document the tagger reads,
so every token's vector sees the sentence around it. The LSTM's output is added to the CNN's (a residual), so the
CNN's local features still reach the NER directly. ``training/configs/attribution_bilstm.cfg`` uses it
(``python -m training.attribution --bilstm``); docs/learned-claims.md has its figures.

Importing this module registers the architecture (spaCy needs it to load a model whose config names it):
:mod:`pipelines.nlp.claims.learned` imports it, and the training recipe passes it to ``spacy train --code``.
"""

from __future__ import annotations

from spacy.tokens import Doc
from spacy.util import registry
from thinc.api import LSTM, Model, chain, residual, with_padded
from thinc.types import Floats2d

BILSTM_ENCODER_ARCHITECTURE = "claimflow.AttributionBiLSTMEncoder.v1"


def attribution_bilstm_encoder(
    tok2vec: Model[list[Doc], list[Floats2d]], width: int, depth: int = 1, dropout: float = 0.0
) -> Model[list[Doc], list[Floats2d]]:
    """``tok2vec`` (a spaCy tok2vec: one vector of ``width`` per token) followed by a bidirectional LSTM of
    ``depth`` layers over each document (``width // 2`` hidden units per direction; ``dropout`` between layers),
    whose output is added to ``tok2vec``'s. ``width`` must be ``tok2vec``'s output width, and even."""
    t2v_width = tok2vec.get_dim("nO") if tok2vec.has_dim("nO") else None
    if t2v_width is not None and t2v_width != width:
        raise ValueError(
            f"{BILSTM_ENCODER_ARCHITECTURE}: width {width} differs from the tok2vec's output width {t2v_width}; "
            "allowed: the tok2vec's width (the LSTM's output is added to the tok2vec's)"
        )
    if width < 2 or width % 2:
        raise ValueError(
            f"{BILSTM_ENCODER_ARCHITECTURE}: width {width}; allowed: an even number >= 2 (half per direction)"
        )
    if depth < 1:
        raise ValueError(f"{BILSTM_ENCODER_ARCHITECTURE}: depth {depth}; allowed: 1 or more LSTM layers")
    lstm: Model[list[Floats2d], list[Floats2d]] = with_padded(
        LSTM(nO=width, nI=width, bi=True, depth=depth, dropout=dropout)
    )
    model: Model[list[Doc], list[Floats2d]] = chain(tok2vec, residual(lstm))
    model.set_dim("nO", width)
    model.name = "attribution_bilstm_encoder"
    return model


registry.architectures.register(BILSTM_ENCODER_ARCHITECTURE, func=attribution_bilstm_encoder)
