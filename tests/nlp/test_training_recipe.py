"""The training recipe runs end-to-end on a tiny slice of the shared corpora; the result loads."""

from __future__ import annotations

import json
import os
from pathlib import Path

import pytest
import spacy

from training import build


def _shared() -> Path:
    env = os.environ.get("CLAIMFLOW_SHARED")
    return Path(env) if env else Path(__file__).resolve().parents[2] / ".." / "shared"


def test_recipe_tiny_slice(tmp_path: Path) -> None:
    shared = _shared()
    if not (shared / "corpora" / "ner" / "en" / "conll2003").is_dir():
        pytest.skip(f"shared corpora not found at {shared}")
    out = tmp_path / "models"
    build.main(
        [
            "--lang",
            "en",
            "--limit",
            "8",
            "--max-steps",
            "4",
            "--output",
            str(out),
            "--build-dir",
            str(tmp_path / "build"),
            "--shared",
            str(shared),
        ]
    )
    model = out / "en"
    nlp = spacy.load(model)
    assert nlp.pipe_names == ["tok2vec", "tagger", "morphologizer", "trainable_lemmatizer", "parser", "ner"]
    assert set(nlp.get_pipe("ner").labels) <= {"PER", "LOC", "ORG", "MISC"}
    doc = nlp("Anna Berg works for Nordlicht Media in Bremen. She writes about ports.")
    assert len(doc) == 14 and all(t.dep_ for t in doc) and all(t.pos_ for t in doc)
    meta = json.loads((model / "meta.json").read_text(encoding="utf-8"))
    assert meta["name"] == "claimflow_en"
    assert any("Research use only" in s["license"] for s in meta["sources"])
    assert "dev_scores" in meta["claimflow"]
    card = (model / "MODEL_CARD.md").read_text(encoding="utf-8")
    assert "CC BY-SA 4.0" in card and "PER/LOC/ORG" in card
    assert (model / "READY").read_text(encoding="utf-8").strip() == "full"


def test_recipe_rejects_missing_corpora(tmp_path: Path) -> None:
    with pytest.raises(SystemExit, match="corpora not found"):
        build.main(
            [
                "--lang",
                "en",
                "--limit",
                "2",
                "--max-steps",
                "1",
                "--output",
                str(tmp_path / "m"),
                "--build-dir",
                str(tmp_path / "b"),
                "--shared",
                str(tmp_path / "nowhere"),
            ]
        )
