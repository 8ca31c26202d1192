"""The training recipe runs end-to-end on a tiny slice of the shared corpora; the result loads."""

from __future__ import annotations

import json
import os
import shutil
from pathlib import Path

import numpy as np
import pytest
import spacy
from spacy.attrs import NORM
from thinc.api import Config

from tests.nlp.conftest import fake_glove_package
from training import build, vectors


def _shared() -> Path:
    env = os.environ.get("CLAIMFLOW_SHARED")
    return Path(env) if env else Path(__file__).resolve().parents[2] / ".." / "shared"


def test_recipe_tiny_slice(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    shared = _shared()
    if not (shared / "corpora" / "ner" / "en" / "conll2003").is_dir():
        pytest.skip(f"shared corpora not found at {shared}")
    out = tmp_path / "models"
    # the English NER embeds GloVe vectors fetched from npm: a package-shaped stand-in, no network
    words = ["the", ",", "said", "in", "germany", "berlin", "bremen", "media", "anna", "ports"]
    table = np.random.default_rng(3).normal(size=(len(words), vectors.DIMENSIONS)).astype("float32")
    package = fake_glove_package(tmp_path / "glove.tgz", words, table)
    monkeypatch.setattr(vectors, "fetch", lambda work: package)
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
    assert nlp.pipe_names == [
        "tok2vec",
        "tagger",
        "morphologizer",
        "trainable_lemmatizer",
        "ner",
        "doc_entities",
        "parser",
    ]  # the NER before the parser, whose sentence starts would bound its entities
    doc = nlp("Anna Berg works for Nordlicht Media in Bremen. She writes about ports.")
    assert len(doc) == 14 and all(t.dep_ for t in doc) and all(t.pos_ for t in doc)
    meta = json.loads((model / "meta.json").read_text(encoding="utf-8"))
    assert meta["name"] == "claimflow_en"
    assert any("Research use only" in s["license"] for s in meta["sources"])
    assert any("GloVe" in s["name"] for s in meta["sources"]) and meta["vectors"]["name"] == vectors.NAME
    assert nlp.vocab.vectors.attr == NORM and nlp("Bremen")[0].has_vector
    assert "dev_scores" in meta["claimflow"]
    card = (model / "MODEL_CARD.md").read_text(encoding="utf-8")
    assert "CC BY-SA 4.0" in card and "PER/LOC/ORG" in card
    assert (model / "READY").read_text(encoding="utf-8").strip() == "full"
    # --ud-from/--ner-from: assemble the UD components and the NER of an existing pipeline as they are
    shutil.copytree(model, tmp_path / "ud-source")
    build.main(
        [
            *["--lang", "en", "--limit", "8", "--max-steps", "2", "--output", str(out)],
            *["--build-dir", str(tmp_path / "build"), "--shared", str(shared)],
            *["--stages", "assemble", "--ud-from", str(tmp_path / "ud-source")],
            *["--ner-from", str(tmp_path / "ud-source")],
        ]
    )
    again = spacy.load(model)
    assert again.pipe_names == nlp.pipe_names
    for name in ("parser", "ner"):
        assert again.get_pipe(name).model.to_bytes() == nlp.get_pipe(name).model.to_bytes()
    assert (
        again.vocab.vectors.attr == NORM and again("Berlin")[0].has_vector
    )  # the vectors travel with the NER
    card = (model / "MODEL_CARD.md").read_text(encoding="utf-8")
    assert (
        "UD components (tok2vec, tagger, morphologizer, trainable_lemmatizer, parser) not retrained" in card
    )
    assert "NER not retrained: taken from claimflow_en" in card and "--ud-from DIR --ner-from DIR" in card


def _tiny_build(tmp_path: Path, lang: str, *extra: str) -> tuple[Path, list[str]]:
    """Build ``lang`` from 4 documents per corpus in 2 steps, with ``extra`` build arguments → (the models
    directory, the build arguments)."""
    shared = _shared()
    if not (shared / "corpora" / "ner" / lang).is_dir():
        pytest.skip(f"shared corpora not found at {shared}")
    out = tmp_path / "models"
    args = ["--lang", lang, "--limit", "4", "--max-steps", "2", "--output", str(out)]
    args += ["--build-dir", str(tmp_path / "build"), "--shared", str(shared), *extra]
    build.main(args)
    return out, args


def test_recipe_tiny_slice_uk_ner_on_ud_and_dictionary_features(tmp_path: Path) -> None:
    # the uk NER embeds LEMMA/POS from the UD components and TAG from claimflow_lexicon_tags_v1: it trains with
    # them annotating, and the assembled pipeline runs them before it; --ner-depth/--ner-window set its encoder
    out, _ = _tiny_build(tmp_path, "uk", "--ner-depth", "3", "--ner-window", "2")
    cfg = Config().from_disk(tmp_path / "build" / "uk" / "ner.cfg", interpolate=False)
    encode = cfg["components"]["ner"]["model"]["tok2vec"]["encode"]
    assert (encode["depth"], encode["window_size"]) == (3, 2)
    training = cfg["training"]
    assert training["frozen_components"] == ["tok2vec", "morphologizer", "trainable_lemmatizer"]
    assert training["annotating_components"] == [*training["frozen_components"], "lexicon_tags"]
    nlp = spacy.load(out / "uk")
    assert nlp.pipe_names == [
        "tok2vec",
        "morphologizer",
        "trainable_lemmatizer",
        "lexicon_tags",
        "ner",
        "doc_entities",
        "parser",
    ]
    embed = nlp.config["components"]["ner"]["model"]["tok2vec"]["embed"]
    assert embed["attrs"] == list(build.NER_EMBED_ROWS["uk"])
    doc = nlp("Олександра Буданова бачили біля Києва.")
    assert doc[0].tag_ == "NOUN|anim|Name" and all(t.lemma_ for t in doc)
    assert nlp.config["components"]["ner"]["model"]["tok2vec"]["encode"]["window_size"] == 2
    meta = json.loads((out / "uk" / "meta.json").read_text(encoding="utf-8"))
    assert any("pymorphy3" in s["name"] for s in meta["sources"])


def test_recipe_tiny_slice_ru_natasha_ner_and_the_trained_variant(tmp_path: Path) -> None:
    # models/ru: the UD components and natasha's NER alone, names_only carried disabled (bundled:ru-names);
    # models/ru-trained (--ner trained): the NER trained here embeds navec (from the natasha wheel) and natasha's
    # NER merges into it
    out, args = _tiny_build(tmp_path, "ru")
    nlp = spacy.load(out / "ru")
    assert nlp.pipe_names == ["tok2vec", "morphologizer", "trainable_lemmatizer", "parser", "ner"]
    assert nlp.disabled == ["names_only"]
    assert nlp.get_pipe_meta("ner").factory == "claimflow_natasha_ner_v1"
    assert nlp.config["components"]["ner"]["mode"] == "replace"
    doc = nlp("Андрей Климов приехал в Торецк.")
    assert all(t.lemma_ for t in doc) and {e.label_ for e in doc.ents} == {"PER", "LOC"}
    meta = json.loads((out / "ru" / "meta.json").read_text("utf-8"))
    assert meta["name"] == "claimflow_ru" and not any(
        "pymorphy3" in s["name"] or "navec news v1" in s["name"] for s in meta["sources"]
    )
    card = (out / "ru" / "MODEL_CARD.md").read_text("utf-8")
    assert "`python -m training.build --lang ru`" in card and "natasha's slovnet" in card
    build.main([*args, "--ner", "trained", "--stages", "ner,assemble"])
    trained = spacy.load(out / "ru-trained")
    assert trained.pipe_names[-4:] == ["lexicon_tags", "ner", "natasha", "parser"]
    assert trained.config["components"]["natasha"]["mode"] == "merge"
    embed = trained.config["components"]["ner"]["model"]["tok2vec"]["embed"]
    assert embed["@architectures"] == "claimflow.NavecMultiHashEmbed.v1"
    sources = " ".join(
        s["name"] for s in json.loads((out / "ru-trained" / "meta.json").read_text("utf-8"))["sources"]
    )
    assert "navec" in sources and "natasha" in sources
    assert "--lang ru --ner trained" in (out / "ru-trained" / "MODEL_CARD.md").read_text("utf-8")


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


def test_attribution_recipe_tiny_slice(tmp_path: Path) -> None:
    # training/attribution.py: PolNeAR → SOURCE/CUE/CONTENT entities, trains, evaluates dev and dev2, packages;
    # the result loads through claimflow_attribution_tagger_v1 after a blank English pipeline
    from pipelines.nlp.claims.learned import ATTRIBUTION_TAGGER_FACTORY, SPANS_KEY
    from training import attribution

    if not (_shared() / "corpora" / "attribution" / "en" / "PolNeAR").is_dir():
        pytest.skip(f"shared corpora not found at {_shared()}")
    out = tmp_path / "en-attribution"
    attribution.main(
        [
            "--limit",
            "3",
            "--max-steps",
            "2",
            "--eval-frequency",
            "1",
            "--build",
            str(tmp_path / "b"),
            "--output",
            str(out),
            "--no-rules",
        ]
    )
    meta = json.loads((out / "meta.json").read_text(encoding="utf-8"))
    assert meta["claimflow"]["factory"] == ATTRIBUTION_TAGGER_FACTORY
    assert set(meta["claimflow"]["figures"]) == {"dev", "dev2"}
    assert "learned" in meta["claimflow"]["figures"]["dev"]
    assert "research use only" in meta["license"]
    assert "Research use only" in (out / "MODEL_CARD.md").read_text(encoding="utf-8")
    words = json.loads((out / "cue_words.json").read_text(encoding="utf-8"))  # the corpus cue words
    assert words["min_count"] == attribution.CUE_WORD_MIN_COUNT and "declined" not in words["words"]
    assert all(n >= attribution.CUE_WORD_MIN_COUNT for n, _ in words["words"].values())
    nlp = spacy.blank("en")
    nlp.add_pipe(ATTRIBUTION_TAGGER_FACTORY, config={"model_path": str(out)})
    doc = nlp("The minister said the talks had failed.")
    assert {s.label_ for s in doc.spans[SPANS_KEY]} <= {"SOURCE", "CUE", "CONTENT"}


def test_attribution_recipe_syntax_variant_tiny_slice(tmp_path: Path) -> None:
    # --syntax: the training docs carry models/en's POS / TAG / DEP (user_data["syntax"]), the reader
    # claimflow.AttributionCorpus.v1 feeds them to the model, and the component copies them from the outer Doc
    from pipelines.nlp.claims.learned import ATTRIBUTION_TAGGER_FACTORY, SPANS_KEY
    from pipelines.nlp.claims.learned_syntax import model_syntax
    from training import attribution

    if not (_shared() / "corpora" / "attribution" / "en" / "PolNeAR").is_dir():
        pytest.skip(f"shared corpora not found at {_shared()}")
    if not (attribution.SYNTAX_MODEL / "config.cfg").is_file():
        pytest.skip("models/en is not built")
    out = tmp_path / "en-attribution"
    args = ["--limit", "2", "--max-steps", "2", "--eval-frequency", "1", "--build", str(tmp_path / "b")]
    attribution.main([*args, "--output", str(out), "--no-rules", "--syntax"])
    from spacy.tokens import DocBin

    (ref,) = list(DocBin().from_disk(tmp_path / "b" / "dev.spacy").get_docs(spacy.blank("en").vocab))[:1]
    syntax = ref.user_data["syntax"]
    assert set(syntax) == {"POS", "TAG", "DEP"} and all(len(v) == len(ref) for v in syntax.values())
    assert "VERB" in syntax["POS"] and "nsubj" in syntax["DEP"]
    nlp = spacy.load(attribution.SYNTAX_MODEL, exclude=["ner"])
    nlp.add_pipe(ATTRIBUTION_TAGGER_FACTORY, config={"model_path": str(out)})
    tagger = nlp.get_pipe(ATTRIBUTION_TAGGER_FACTORY)
    assert model_syntax(tagger.inner) == ("POS", "TAG", "DEP") == tagger.syntax
    doc = nlp("The minister said the talks had failed.")
    assert [t.pos_ for t in tagger._copy(doc)] == [t.pos_ for t in doc]
    assert {s.label_ for s in doc.spans[SPANS_KEY]} <= {"SOURCE", "CUE", "CONTENT"}


def test_attribution_recipe_bilstm_variant_tiny_slice(tmp_path: Path) -> None:
    # --bilstm: spacy train gets the module that registers claimflow.AttributionBiLSTMEncoder.v1 (--code), and the
    # packaged model loads through the component (pipelines.nlp.claims.learned imports that module)
    from pipelines.nlp.claims.learned import ATTRIBUTION_TAGGER_FACTORY, SPANS_KEY
    from pipelines.nlp.claims.learned_encoder import BILSTM_ENCODER_ARCHITECTURE
    from training import attribution

    if not (_shared() / "corpora" / "attribution" / "en" / "PolNeAR").is_dir():
        pytest.skip(f"shared corpora not found at {_shared()}")
    out = tmp_path / "en-attribution"
    args = ["--limit", "2", "--max-steps", "2", "--eval-frequency", "1", "--build", str(tmp_path / "b")]
    attribution.main([*args, "--output", str(out), "--no-rules", "--bilstm"])
    config = (out / "config.cfg").read_text(encoding="utf-8")
    assert f'@architectures = "{BILSTM_ENCODER_ARCHITECTURE}"' in config
    nlp = spacy.blank("en")
    nlp.add_pipe(ATTRIBUTION_TAGGER_FACTORY, config={"model_path": str(out)})
    doc = nlp("The minister said the talks had failed.")
    assert {s.label_ for s in doc.spans[SPANS_KEY]} <= {"SOURCE", "CUE", "CONTENT"}
    with pytest.raises(SystemExit):  # one variant at a time
        attribution.main([*args, "--output", str(out), "--syntax", "--bilstm"])


def test_claimworthy_recipe_tiny_slice(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    # training/claimworthy.py: ClaimBuster → CLAIM/OTHER, trains (embedding the GloVe vectors, by default), picks
    # the threshold on the carved dev, packages
    from pipelines.nlp.claims.worthiness import CLAIM_WORTHINESS_FACTORY, sentence_scores
    from training import claimworthy

    if not (_shared() / "corpora" / "claims" / "en" / "claimbuster").is_dir():
        pytest.skip(f"shared corpora not found at {_shared()}")
    words = ["the", "we", "have", "percent", "jobs", "tax", "thank", "you", "million", "people"]
    table = np.random.default_rng(5).normal(size=(len(words), vectors.DIMENSIONS)).astype("float32")
    package = fake_glove_package(tmp_path / "glove.tgz", words, table)
    monkeypatch.setattr(vectors, "fetch", lambda work: package)  # npm's package, no network
    out = tmp_path / "en-claimworthy"
    claimworthy.main(
        [
            "--limit",
            "40",
            "--max-steps",
            "2",
            "--eval-frequency",
            "1",
            "--build",
            str(tmp_path / "b"),
            "--output",
            str(out),
        ]
    )
    meta = json.loads((out / "meta.json").read_text(encoding="utf-8"))
    cf = meta["claimflow"]
    assert 0 < cf["threshold"] < 1 and set(cf["scores"]) == {"dev", "dev2"}
    card = (out / "MODEL_CARD.md").read_text(encoding="utf-8")
    assert "Research use only" in card and "GloVe" in card
    assert meta["vectors"]["name"] == vectors.NAME and meta["vectors"]["width"] == vectors.DIMENSIONS
    # the table is keyed on NORM in the shipped directory: "The" finds the vector of "the"
    assert spacy.load(out).vocab.vectors.attr == NORM
    nlp = spacy.blank("en")
    nlp.add_pipe("sentencizer")
    nlp.add_pipe(CLAIM_WORTHINESS_FACTORY, config={"model_path": str(out)})
    doc = nlp("Unemployment rose to 9 percent last year. Thank you very much.")
    scores = sentence_scores(doc) or []
    assert len(scores) == 2
    assert all(0.0 <= p <= 1.0 for _, _, p in scores)
