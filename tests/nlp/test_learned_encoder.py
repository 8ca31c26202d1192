"""claimflow.AttributionBiLSTMEncoder.v1: a bidirectional LSTM over the attribution tagger's CNN tok2vec."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import numpy as np
import pytest
import spacy
from spacy.training import Example
from thinc.api import Adam, Config, fix_random_seed

from pipelines.nlp.claims.learned import ATTRIBUTION_TAGGER_FACTORY, SPANS_KEY
from pipelines.nlp.claims.learned_encoder import BILSTM_ENCODER_ARCHITECTURE, attribution_bilstm_encoder

CONFIG = Path(__file__).resolve().parents[2] / "training" / "configs" / "attribution_bilstm.cfg"
TEXT = "The minister said on Monday that the long talks about the new budget had failed ."
_CONTENT = "that the long talks about the new budget had failed"
GOLD = [
    (0, 12, "SOURCE"),
    (13, 17, "CUE"),
    (TEXT.index(_CONTENT), TEXT.index(_CONTENT) + len(_CONTENT), "CONTENT"),
]


def _small_model(*, bilstm: bool = True, width: int = 16) -> dict[str, Any]:
    """The NER model section of attribution_bilstm.cfg, narrowed for a fast test (CNN window 1, depth 1: +-1
    token); without ``bilstm``, the CNN tok2vec alone."""
    model = Config().from_disk(CONFIG)["components"]["ner"]["model"]
    model["hidden_width"] = 16
    cnn = model["tok2vec"]["tok2vec"]
    cnn["embed"].update(width=width, rows=[500, 50, 50, 50])
    cnn["encode"].update(width=width, depth=1, window_size=1)
    if bilstm:
        model["tok2vec"]["width"] = width
    else:
        model["tok2vec"] = cnn
    return dict(model)


def _ner(model: dict[str, Any]) -> spacy.language.Language:
    nlp = spacy.blank("en")
    nlp.add_pipe("ner", config={"model": model})
    return nlp


def test_the_config_names_the_encoder_over_the_shipped_cnn() -> None:
    cfg = Config().from_disk(CONFIG)
    t2v = cfg["components"]["ner"]["model"]["tok2vec"]
    assert t2v["@architectures"] == BILSTM_ENCODER_ARCHITECTURE
    shipped = Config().from_disk(CONFIG.with_name("attribution.cfg"))["components"]["ner"]["model"]["tok2vec"]
    assert t2v["tok2vec"] == shipped  # the same CNN, the LSTM on top
    assert t2v["width"] == shipped["encode"]["width"]


def test_it_builds_trains_and_predicts_and_a_saved_model_loads_through_the_component(tmp_path: Path) -> None:
    fix_random_seed(0)
    nlp = _ner(_small_model())
    example = Example.from_dict(nlp.make_doc(TEXT), {"entities": GOLD})
    nlp.initialize(lambda: [example])
    assert "lstm" in [layer.name for layer in nlp.get_pipe("ner").model.walk()]
    optimizer = Adam(0.01)
    losses = [nlp.update([example], sgd=optimizer, drop=0.0)["ner"] for _ in range(60)]
    assert sum(losses[-5:]) / 5 < losses[0] / 4
    assert [(e.start_char, e.end_char, e.label_) for e in nlp(TEXT).ents] == GOLD
    nlp.to_disk(tmp_path / "model")
    # a fresh pipeline: the component loads the model (importing learned registered the encoder)
    outer = spacy.blank("en")
    outer.add_pipe(ATTRIBUTION_TAGGER_FACTORY, config={"model_path": str(tmp_path / "model")})
    doc = outer(TEXT)
    assert [(s.start_char, s.end_char, s.label_) for s in doc.spans[SPANS_KEY]] == GOLD


def _first_token_vector(nlp: spacy.language.Language, text: str) -> np.ndarray:
    # the encoder, before the parser's own projection
    t2v = nlp.get_pipe("ner").model.get_ref("tok2vec").layers[0]
    return np.asarray(t2v.predict([nlp.make_doc(text)])[0][0])


@pytest.mark.parametrize("bilstm", [True, False])
def test_the_first_tokens_vector_sees_the_end_of_the_sentence_only_with_the_lstm(bilstm: bool) -> None:
    nlp = _ner(_small_model(bilstm=bilstm))
    nlp.initialize(lambda: [Example.from_dict(nlp.make_doc(TEXT), {"entities": GOLD})])
    other = TEXT.replace("failed", "passed")  # the 16th token of 17; the CNN here sees +-1 token
    moved = not np.allclose(_first_token_vector(nlp, TEXT), _first_token_vector(nlp, other))
    assert moved is bilstm


def test_it_rejects_a_width_other_than_the_cnns_and_an_odd_width() -> None:
    model = _small_model(width=16)
    model["tok2vec"]["width"] = 32
    with pytest.raises(ValueError, match="differs from the tok2vec's output width 16"):
        _ner(model)
    cnn = _small_model(bilstm=False, width=15)["tok2vec"]
    with pytest.raises(ValueError, match="allowed: an even number"):
        attribution_bilstm_encoder(spacy.registry.resolve({"t": cnn})["t"], width=15)
