"""Evaluate a spaCy pipeline on an NER file/directory or a CoNLL-U file.

``evaluate_file(model, path, fmt=None)`` reads gold Docs with :mod:`pipelines.nlp.corpora`, runs the pipeline
on the gold tokenisation and returns an :class:`EvalReport`:

* NER formats (conll2003, iob, brat, factrueval): exact-match entity precision/recall/F1 per label, micro
  overall, and micro over PER/LOC/ORG ("core"). Predicted labels of official spaCy pipelines are normalised
  (PERSON→PER, GPE/FAC→LOC, NORP/EVENT/WORK_OF_ART/PRODUCT/LAW/LANGUAGE→MISC …) before scoring; labels the
  pipeline drops (DATE, CARDINAL, JOB …) are not scored.
* conllu: UPOS, XPOS, morphology and lemma accuracy, UAS/LAS over all words (punctuation included) and
  sentence boundary F1.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import spacy
from spacy.language import Language
from spacy.tokens import Doc

from pipelines.nlp import corpora
from pipelines.nlp.registry import LABEL_MAP

NER_FORMATS = ("conll2003", "iob", "brat", "factrueval")
CORE_LABELS = ("PER", "LOC", "ORG")

#: ``split`` of :func:`evaluate_file` (``claimflow models evaluate --split``): the whole file, or a dev split
#: carved from a training corpus as ``training/build.py`` carves it. factRuEval-2016 devset: ``dev`` is every 5th
#: document (sorted by name; the trained Russian NER was tuned on it), ``dev2`` the other four fifths (the trained
#: Russian NER's training part; natasha, the bundled Russian NER, never saw either). NER-UK v2.0 train.iob: ``dev``
#: is every 10th block of 50 sentences (blocks 9, 19, …) and ``dev2`` the block five before each (blocks 4, 14, …),
#: both held out of the Ukrainian NER's training by ``training/build.py`` (the NER of claimflow_uk 0.2.0 trained
#: on dev2). CoNLL-2003 eng.train: ``dev2`` is every 10th ``-DOCSTART-`` document, held out of the English NER's
#: training as a second dev split (the first is eng.testa), looked at once per release.
SPLITS = ("all", "dev", "dev2")
SPLIT_FORMATS: Mapping[str, tuple[str, ...]] = {
    "factrueval": ("dev", "dev2"),
    "iob": ("dev", "dev2"),
    "conll2003": ("dev2",),
}


def is_factrueval_dev(index: int) -> bool:
    """factRuEval dev carve: every 5th document (sorted by file name) is dev; the others are dev2."""
    return index % 5 == 4


def is_conll_dev2(document: int) -> bool:
    """CoNLL-2003 eng.train carve: ``-DOCSTART-`` document ``document`` (0-based) is dev2 if it is every 10th."""
    return document % 10 == 9


def is_ner_uk_dev(index: int) -> bool:
    """NER-UK dev carve: sentence ``index`` is dev if its block of 50 sentences is every 10th block."""
    return (index // 50) % 10 == 9


def is_ner_uk_dev2(index: int) -> bool:
    """NER-UK dev2 carve: sentence ``index`` is dev2 if its block of 50 sentences is the 5th of every 10
    (blocks 4, 14, …: halfway between two dev blocks)."""
    return (index // 50) % 10 == 4


#: predicted labels (official pipelines use OntoNotes labels) → PER/LOC/ORG/MISC, as in the pipeline; predicted
#: entities with other labels (DATE, CARDINAL, NER-UK's JOB …) are not scored, as the pipeline drops them
PRED_LABEL_MAP: Mapping[str, str] = LABEL_MAP


@dataclass(frozen=True)
class PRF:
    tp: int
    fp: int
    fn: int

    @property
    def precision(self) -> float:
        return self.tp / (self.tp + self.fp) if self.tp + self.fp else 0.0

    @property
    def recall(self) -> float:
        return self.tp / (self.tp + self.fn) if self.tp + self.fn else 0.0

    @property
    def f1(self) -> float:
        p, r = self.precision, self.recall
        return 2 * p * r / (p + r) if p + r else 0.0

    def to_dict(self) -> dict[str, float | int]:
        return {
            "precision": round(self.precision, 4),
            "recall": round(self.recall, 4),
            "f1": round(self.f1, 4),
            "tp": self.tp,
            "fp": self.fp,
            "fn": self.fn,
            "support": self.tp + self.fn,
        }


@dataclass
class EvalReport:
    """Scores of one pipeline on one gold file. ``kind`` is ``"ner"`` or ``"conllu"``."""

    model: str
    path: str
    fmt: str
    kind: str
    n_docs: int
    n_words: int
    ner_per_label: dict[str, PRF] = field(default_factory=dict)
    ner_overall: PRF | None = None
    ner_core: PRF | None = None
    #: conllu metrics (name → value in [0, 1]; None when the pipeline does not predict it)
    syntax: dict[str, float | None] = field(default_factory=dict)

    def to_dict(self) -> dict[str, Any]:
        d: dict[str, Any] = {
            "model": self.model,
            "path": self.path,
            "format": self.fmt,
            "kind": self.kind,
            "docs": self.n_docs,
            "words": self.n_words,
        }
        if self.kind == "ner":
            d["per_label"] = {k: v.to_dict() for k, v in sorted(self.ner_per_label.items())}
            d["overall"] = self.ner_overall.to_dict() if self.ner_overall else None
            d["per_loc_org"] = self.ner_core.to_dict() if self.ner_core else None
        else:
            d["syntax"] = {k: (None if v is None else round(v, 4)) for k, v in self.syntax.items()}
        return d

    def format_table(self) -> str:
        head = f"{self.fmt} {self.path}: {self.n_docs} docs, {self.n_words} words, model {self.model}"
        if self.kind == "ner":
            rows = [f"{'label':<12}{'P':>8}{'R':>8}{'F1':>8}{'support':>9}"]
            items: list[tuple[str, PRF | None]] = [
                *sorted(self.ner_per_label.items()),
                ("PER/LOC/ORG", self.ner_core),
                ("overall", self.ner_overall),
            ]
            for name, prf in items:
                if prf is None:
                    continue
                rows.append(
                    f"{name:<12}{prf.precision:>8.4f}{prf.recall:>8.4f}{prf.f1:>8.4f}{prf.tp + prf.fn:>9d}"
                )
            return head + "\n" + "\n".join(rows)
        rows = [f"{'metric':<12}{'score':>8}"]
        for name, val in self.syntax.items():
            rows.append(f"{name:<12}{'n/a' if val is None else f'{val:.4f}':>8}")
        return head + "\n" + "\n".join(rows)


def _load(model: str | Path | Language) -> tuple[Language, str]:
    if isinstance(model, Language):
        return model, str(model.meta.get("name", "nlp"))
    return spacy.load(model), str(model)


def _predict(nlp: Language, gold: Iterable[Doc]) -> list[tuple[Doc, Doc]]:
    golds = list(gold)
    inputs = [
        Doc(nlp.vocab, words=[t.text for t in g], spaces=[bool(t.whitespace_) for t in g]) for g in golds
    ]
    preds = list(nlp.pipe(inputs, batch_size=64))
    return list(zip(preds, golds, strict=True))


def score_ner(pairs: Iterable[tuple[Doc, Doc]]) -> tuple[dict[str, PRF], PRF, PRF]:
    """Exact-span entity scores: (per label, micro overall, micro over PER/LOC/ORG)."""
    counts: dict[str, list[int]] = {}
    for pred, gold in pairs:
        g = {(e.start, e.end, e.label_) for e in gold.ents}
        p = {(e.start, e.end, PRED_LABEL_MAP[e.label_]) for e in pred.ents if e.label_ in PRED_LABEL_MAP}
        for s in g | p:
            c = counts.setdefault(s[2], [0, 0, 0])
            if s in g and s in p:
                c[0] += 1
            elif s in p:
                c[1] += 1
            else:
                c[2] += 1
    per = {k: PRF(*v) for k, v in counts.items()}

    def micro(labels: Iterable[str]) -> PRF:
        sel = [per[k] for k in labels if k in per]
        return PRF(sum(x.tp for x in sel), sum(x.fp for x in sel), sum(x.fn for x in sel))

    return per, micro(per), micro(CORE_LABELS)


def score_conllu(pairs: Iterable[tuple[Doc, Doc]], nlp: Language) -> dict[str, float | None]:
    n = 0
    hits = {"upos": 0, "xpos": 0, "morph": 0, "lemma": 0, "uas": 0, "las": 0}
    g_sents: set[tuple[int, int]] = set()
    p_sents: set[tuple[int, int]] = set()
    offset = 0
    for pred, gold in pairs:
        for pt, gt in zip(pred, gold, strict=True):
            n += 1
            hits["upos"] += pt.pos_ == gt.pos_
            hits["xpos"] += pt.tag_ == gt.tag_
            hits["morph"] += str(pt.morph) == str(gt.morph)
            hits["lemma"] += pt.lemma_ == gt.lemma_
            if pt.head.i == gt.head.i:
                hits["uas"] += 1
                hits["las"] += pt.dep_.lower() == gt.dep_.lower()
        g_sents |= {(s.start + offset, s.end + offset) for s in gold.sents}
        if pred.has_annotation("SENT_START"):
            p_sents |= {(s.start + offset, s.end + offset) for s in pred.sents}
        offset += len(gold)
    names = set(nlp.pipe_names)
    factories = {nlp.get_pipe_meta(name).factory for name in nlp.pipe_names}
    has = {
        "upos": bool(factories & {"morphologizer", "tagger"}),
        "xpos": "tagger" in factories,
        "morph": "morphologizer" in factories,
        "lemma": bool(factories & {"lemmatizer", "trainable_lemmatizer"}) or "lemmatizer" in names,
        "uas": "parser" in factories,
        "las": "parser" in factories,
    }
    out: dict[str, float | None] = {k: (hits[k] / n if n and has[k] else None) for k in hits}
    tp = len(g_sents & p_sents)
    prec = tp / len(p_sents) if p_sents else 0.0
    rec = tp / len(g_sents) if g_sents else 0.0
    out["sent_f"] = (2 * prec * rec / (prec + rec) if prec + rec else 0.0) if p_sents else None
    return out


def evaluate_file(
    model: str | Path | Language, path: Path, fmt: str | None = None, split: str = "all"
) -> EvalReport:
    """Evaluate ``model`` (a spaCy package name, path or loaded pipeline) on the gold data at ``path``, or on
    its carved ``split`` (:data:`SPLITS`)."""
    path = Path(path)
    fmt = fmt or corpora.detect_format(path)
    if fmt not in corpora.FORMATS:
        raise ValueError(f"unknown format {fmt!r}; allowed: {', '.join(corpora.FORMATS)}")
    if split not in SPLITS:
        raise ValueError(f"unknown split {split!r}; allowed: {', '.join(SPLITS)}")
    if split != "all" and split not in SPLIT_FORMATS.get(fmt, ()):
        allowed = ", ".join(f"{f}: {'/'.join(s)}" for f, s in SPLIT_FORMATS.items())
        raise ValueError(f"no carved split {split!r} for format {fmt!r}; carved splits exist for {allowed}")
    nlp, name = _load(model)
    if fmt == "conll2003":
        # whole -DOCSTART- documents, as the pipeline gets whole articles
        gold = list(corpora.read_conll2003(path, nlp.vocab, sents_per_doc=0))
        if split == "dev2":
            gold = [d for d in gold if is_conll_dev2(d.user_data["document"])]
    elif fmt == "iob" and split != "all":
        sents = corpora.read_iob_sentences(path)
        carve = is_ner_uk_dev if split == "dev" else is_ner_uk_dev2
        dev_sents = [s for i, s in enumerate(sents) if carve(i)]
        gold = list(corpora.iob_sentences_to_docs(nlp.vocab, dev_sents))
    elif fmt == "iob":
        gold = list(corpora.read_iob(path, nlp.vocab))
    elif fmt == "brat":
        gold = list(corpora.read_brat(path, nlp.tokenizer))
    elif fmt == "factrueval":
        gold = list(corpora.read_factrueval(path, nlp.vocab))
        if split != "all":  # by position among the sorted .tokens files, as training/build.py carves
            dev = {p.name for i, p in enumerate(sorted(path.glob("*.tokens"))) if is_factrueval_dev(i)}
            gold = [d for d in gold if (d.user_data["source"] in dev) == (split == "dev")]
    else:
        gold = list(corpora.read_conllu(path, nlp.vocab))
    kind = "ner" if fmt in NER_FORMATS else "conllu"
    where = str(path) if split == "all" else f"{path} [{split}]"
    return evaluate_docs(nlp, gold, kind, name=name, path=where, fmt=fmt)


def evaluate_docs(
    nlp: Language, gold: list[Doc], kind: str, *, name: str = "nlp", path: str = "-", fmt: str = "docs"
) -> EvalReport:
    """Evaluate ``nlp`` on gold Docs; ``kind`` is ``"ner"`` (entities) or ``"conllu"`` (syntax)."""
    if kind not in ("ner", "conllu"):
        raise ValueError(f"unknown evaluation kind {kind!r}; allowed: 'ner', 'conllu'")
    pairs = _predict(nlp, gold)
    report = EvalReport(
        model=name, path=path, fmt=fmt, kind=kind, n_docs=len(gold), n_words=sum(len(d) for d in gold)
    )
    if report.kind == "ner":
        report.ner_per_label, report.ner_overall, report.ner_core = score_ner(pairs)
    else:
        report.syntax = score_conllu(pairs, nlp)
    return report
