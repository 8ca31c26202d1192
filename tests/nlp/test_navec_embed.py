"""claimflow.NavecMultiHashEmbed.v1: natasha's navec vectors as an NER input, read from the wheel, not saved."""

from __future__ import annotations

from pathlib import Path

import numpy as np
import pytest
import spacy
from spacy.training import Example

from pipelines.nlp.navec_embed import (
    NAVEC_EMBED_ARCHITECTURE,
    NavecMultiHashEmbed,
    navec_table,
    news_embedding,
)


def _ner_config(width: int = 32) -> dict[str, object]:
    return {
        "model": {
            "@architectures": "spacy.TransitionBasedParser.v2",
            "state_type": "ner",
            "extra_state_tokens": False,
            "hidden_width": 32,
            "maxout_pieces": 2,
            "use_upper": True,
            "nO": None,
            "tok2vec": {
                "@architectures": "spacy.Tok2Vec.v2",
                "embed": {
                    "@architectures": NAVEC_EMBED_ARCHITECTURE,
                    "width": width,
                    "attrs": ["NORM", "SHAPE"],
                    "rows": [500, 50],
                },
                "encode": {
                    "@architectures": "spacy.MaxoutWindowEncoder.v2",
                    "width": width,
                    "depth": 1,
                    "window_size": 1,
                    "maxout_pieces": 2,
                },
            },
        }
    }


def test_word_ids_are_case_blind_and_try_yo_as_ye() -> None:
    table = navec_table()
    assert table.word_id("Москва") == table.word_id("москва") != table.unk_id
    yo = next(w for w in table._ids if "ё" not in w and "е" in w and len(w) > 4)
    assert table.word_id(yo.replace("е", "ё", 1)) == table.word_id(yo)
    assert table.word_id("qzxqzxqzx") == table.unk_id


def test_related_words_have_close_vectors() -> None:
    table = navec_table()
    ids = np.array([table.word_id(w) for w in ("москва", "петербург", "картофель")])
    v = table.vectors(ids)
    assert v.shape == (3, 300) and v.dtype == np.float32
    cos = (v @ v.T) / np.outer(np.linalg.norm(v, axis=1), np.linalg.norm(v, axis=1))
    assert cos[0, 1] > cos[0, 2] + 0.2  # two cities are closer than a city and a vegetable


def test_similarity_tables_are_built_only_when_asked_for() -> None:
    navec = news_embedding()
    pq = navec.pq
    assert not hasattr(pq, "ab")  # loading left out the centroid-product table (73 MiB) the NER never reads
    vector = navec["москва"]  # rows read the codes only
    assert vector.shape == (300,) and not hasattr(pq, "ab")
    city, other_city, vegetable = (navec.vocab[w] for w in ("москва", "петербург", "картофель"))
    assert navec.sim("москва", "петербург") > navec.sim("москва", "картофель")  # builds the tables on demand
    assert hasattr(pq, "ab") and pq.sim(city, other_city) > pq.sim(city, vegetable)


def test_trains_saves_only_the_projection_and_reloads(tmp_path: Path) -> None:
    nlp = spacy.blank("ru")
    nlp.add_pipe("ner", config=_ner_config())
    data = [
        ("Путин приехал в Москву.", [(0, 5, "PER"), (16, 22, "LOC")]),
        ("Зеленский выступил в Киеве.", [(0, 9, "PER"), (21, 26, "LOC")]),
    ]
    examples = [Example.from_dict(nlp.make_doc(t), {"entities": e}) for t, e in data]
    nlp.initialize(lambda: examples)
    for _ in range(40):
        nlp.update(examples)
    text = "Зеленский приехал в Москву."
    before = [(e.text, e.label_) for e in nlp(text).ents]
    assert before == [("Зеленский", "PER"), ("Москву", "LOC")]
    nlp.to_disk(tmp_path / "m")
    assert [(e.text, e.label_) for e in spacy.load(tmp_path / "m")(text).ents] == before
    size = sum(p.stat().st_size for p in (tmp_path / "m").rglob("*") if p.is_file())
    assert size < 2_000_000  # the 25 MB navec table is not in the model


def test_rows_must_match_attrs() -> None:
    with pytest.raises(ValueError, match="2 rows for 1 attrs"):
        NavecMultiHashEmbed(width=16, attrs=["NORM"], rows=[10, 20])
