"""evaluate_file on small self-written gold files with a pipeline whose predictions are known."""

from __future__ import annotations

from pathlib import Path

import pytest
import spacy
from spacy.language import Language
from spacy.tokens import Doc, Span

from pipelines.nlp import corpora
from pipelines.nlp.evaluate import evaluate_file, is_ner_uk_dev, is_ner_uk_dev2, score_ner

# Invented sentences, written for this test.
# IOB1 as in CoNLL-2003: I- starts an entity unless it continues one.
CONLL_SNIPPET = """-DOCSTART- -X- -X- O

Marta NNP B-NP I-PER
Kowalczyk NNP I-NP I-PER
flew VBD B-VP O
to TO B-PP O
Lisbon NNP B-NP I-LOC
for IN B-PP O
Brightwater NNP B-NP I-ORG
Labs NNP I-NP I-ORG
. . O O

Oslo NNP B-NP I-LOC
and CC O O
Bergen NNP B-NP I-LOC
hosted VBD B-VP O
the DT B-NP O
Nordic NNP I-NP I-MISC
Games NNP I-NP I-MISC
. . O O
"""

# What the fake pipeline predicts (token offsets in the doc made of both sentences, 19 tokens):
# correct: Marta Kowalczyk PER (0-2), Lisbon LOC (4-5), Oslo LOC (9-10)
# wrong label: Brightwater Labs as LOC (6-8) -> 1 FP LOC + 1 FN ORG
# missed: Bergen LOC (11-12), Nordic Games MISC (14-16)
# spurious: "hosted" as ORG (12-13)
PREDICTED = [(0, 2, "PERSON"), (4, 5, "GPE"), (6, 8, "LOC"), (9, 10, "LOC"), (12, 13, "ORG")]


@Language.component("test_fixed_ents")
def _fixed_ents(doc: Doc) -> Doc:
    doc.ents = [Span(doc, s, e, label=lab) for s, e, lab in PREDICTED if e <= len(doc)]
    return doc


def test_conll2003_reader_iob1(tmp_path: Path) -> None:
    path = tmp_path / "snippet.txt"
    path.write_text(CONLL_SNIPPET, encoding="utf-8")
    docs = list(corpora.read_conll2003(path, spacy.blank("en").vocab))
    assert len(docs) == 1
    assert [(e.text, e.label_) for e in docs[0].ents] == [
        ("Marta Kowalczyk", "PER"),
        ("Lisbon", "LOC"),
        ("Brightwater Labs", "ORG"),
        ("Oslo", "LOC"),
        ("Bergen", "LOC"),
        ("Nordic Games", "MISC"),
    ]
    assert [s.text for s in docs[0].sents][1].startswith("Oslo")
    assert corpora.detect_format(path) == "conll2003"


def test_iob_to_spans_iob1_and_bio() -> None:
    assert corpora.iob_to_spans(["I-PER", "I-PER", "B-PER", "O", "I-LOC"]) == [
        (0, 2, "PER"),
        (2, 3, "PER"),
        (4, 5, "LOC"),
    ]
    assert corpora.iob_to_spans(["B-PERS", "I-PERS", "B-JOB"], corpora.NER_UK_LABELS) == [(0, 2, "PER")]
    with pytest.raises(corpora.CorpusFormatError, match="invalid IOB tag"):
        corpora.iob_to_spans(["PER"])


def test_evaluate_conll_known_prf(tmp_path: Path) -> None:
    path = tmp_path / "snippet.txt"
    path.write_text(CONLL_SNIPPET, encoding="utf-8")
    nlp = spacy.blank("en")
    nlp.add_pipe("test_fixed_ents")
    rep = evaluate_file(nlp, path)
    assert rep.kind == "ner" and rep.fmt == "conll2003"
    per = rep.ner_per_label
    assert (per["PER"].tp, per["PER"].fp, per["PER"].fn) == (1, 0, 0)
    assert (per["LOC"].tp, per["LOC"].fp, per["LOC"].fn) == (2, 1, 1)
    assert (per["ORG"].tp, per["ORG"].fp, per["ORG"].fn) == (0, 1, 1)
    assert (per["MISC"].tp, per["MISC"].fp, per["MISC"].fn) == (0, 0, 1)
    assert rep.ner_core is not None and rep.ner_overall is not None
    # PER/LOC/ORG: tp 3, fp 2, fn 2 -> P = R = F1 = 0.6
    assert rep.ner_core.precision == pytest.approx(0.6)
    assert rep.ner_core.recall == pytest.approx(0.6)
    assert rep.ner_core.f1 == pytest.approx(0.6)
    # overall adds the missed MISC: tp 3, fp 2, fn 3
    assert rep.ner_overall.recall == pytest.approx(0.5)
    assert rep.ner_overall.f1 == pytest.approx(2 * 0.6 * 0.5 / 1.1)
    table = rep.format_table()
    assert "PER/LOC/ORG" in table and "0.6000" in table


def test_score_ner_perfect() -> None:
    nlp = spacy.blank("en")
    doc = Doc(nlp.vocab, words=["Ana", "visited", "Porto"])
    doc.ents = [Span(doc, 0, 1, "PER"), Span(doc, 2, 3, "LOC")]
    per, overall, core = score_ner([(doc, doc)])
    assert overall.f1 == 1.0 and core.f1 == 1.0 and set(per) == {"PER", "LOC"}


def test_score_ner_skips_labels_the_pipeline_drops() -> None:
    # a predicted DATE or NER-UK JOB is dropped by the pipeline (registry.LABEL_MAP), so it is no false positive;
    # an OntoNotes GPE is scored as LOC
    nlp = spacy.blank("en")
    words = ["President", "Ana", "visited", "Porto", "today"]
    gold = Doc(nlp.vocab, words=words)
    gold.ents = [Span(gold, 1, 2, "PER"), Span(gold, 3, 4, "LOC")]
    pred = Doc(nlp.vocab, words=words)
    pred.ents = [
        Span(pred, 0, 1, "JOB"),
        Span(pred, 1, 2, "PER"),
        Span(pred, 3, 4, "GPE"),
        Span(pred, 4, 5, "DATE"),
    ]
    per, overall, core = score_ner([(pred, gold)])
    assert overall.f1 == 1.0 and core.f1 == 1.0 and set(per) == {"PER", "LOC"}


CONLLU_SNIPPET = """# text = Dogs bark.
1\tDogs\tdog\tNOUN\tNNS\tNumber=Plur\t2\tnsubj\t_\t_
2\tbark\tbark\tVERB\tVBP\tMood=Ind\t0\troot\t_\tSpaceAfter=No
3\t.\t.\tPUNCT\t.\t_\t2\tpunct\t_\t_

# text = Cats sleep.
1\tCats\tcat\tNOUN\tNNS\tNumber=Plur\t2\tnsubj\t_\t_
2\tsleep\tsleep\tVERB\tVBP\tMood=Ind\t0\troot\t_\tSpaceAfter=No
3\t.\t.\tPUNCT\t.\t_\t2\tpunct\t_\t_
"""


@Language.component("test_fixed_syntax")
def _fixed_syntax(doc: Doc) -> Doc:
    # both sentences parsed right except the second "." attached to "Cats" (head wrong);
    # the lemma of "Cats" is wrong; POS all right.
    heads = [1, 1, 1, 4, 4, 3]
    deps = ["nsubj", "ROOT", "punct", "nsubj", "ROOT", "punct"]
    lemmas = ["dog", "bark", ".", "Cats", "sleep", "."]
    pos = ["NOUN", "VERB", "PUNCT", "NOUN", "VERB", "PUNCT"]
    new = Doc(
        doc.vocab,
        words=[t.text for t in doc],
        spaces=[bool(t.whitespace_) for t in doc],
        heads=heads,
        deps=deps,
        lemmas=lemmas,
        pos=pos,
    )
    return new


def test_evaluate_conllu_known_scores(tmp_path: Path) -> None:
    path = tmp_path / "tiny.conllu"
    path.write_text(CONLLU_SNIPPET, encoding="utf-8")
    nlp = spacy.blank("en")
    nlp.add_pipe("test_fixed_syntax")
    rep = evaluate_file(nlp, path)
    assert rep.kind == "conllu"
    # the fake component is not a parser/tagger factory, so those metrics are reported as unavailable
    assert rep.syntax["las"] is None and rep.syntax["upos"] is None
    assert rep.syntax["sent_f"] == pytest.approx(1.0)


def test_conllu_reader(tmp_path: Path) -> None:
    path = tmp_path / "tiny.conllu"
    path.write_text(CONLLU_SNIPPET, encoding="utf-8")
    (doc,) = corpora.read_conllu(path, spacy.blank("en").vocab)
    assert doc.text == "Dogs bark. Cats sleep. "  # no SpaceAfter=No on the last "."
    assert [t.dep_ for t in doc] == ["nsubj", "ROOT", "punct"] * 2
    assert [t.head.i for t in doc] == [1, 1, 1, 4, 4, 4]
    assert str(doc[0].morph) == "Number=Plur" and doc[3].lemma_ == "cat"
    assert len(list(doc.sents)) == 2


def test_detect_format_errors(tmp_path: Path) -> None:
    bad = tmp_path / "bad.txt"
    bad.write_text("a b c\n", encoding="utf-8")
    with pytest.raises(corpora.CorpusFormatError, match="allowed formats"):
        corpora.detect_format(bad)
    with pytest.raises(corpora.CorpusFormatError, match="no such file"):
        corpora.detect_format(tmp_path / "missing.iob")


def _factrueval_doc(directory: Path, stem: str, name: str) -> None:
    """One invented factRuEval-2016 document: "<name> приехал ." with <name> a Person object."""
    (directory / f"{stem}.tokens").write_text(
        f"1 0 {len(name)} {name}\n2 {len(name) + 1} 7 приехал\n3 {len(name) + 8} 1 .\n", encoding="utf-8"
    )
    (directory / f"{stem}.spans").write_text("10 name 0 1 1 1\n", encoding="utf-8")
    (directory / f"{stem}.objects").write_text("20 Person 10\n", encoding="utf-8")


def test_evaluate_carved_splits(tmp_path: Path) -> None:
    # factRuEval devset: dev is every 5th document sorted by name, dev2 the other four
    devset = tmp_path / "devset"
    devset.mkdir()
    names = ["Анна", "Борис", "Вера", "Глеб", "Дарья", "Егор"]
    for i, name in enumerate(names):
        _factrueval_doc(devset, f"book_{i}", name)
    nlp = spacy.blank("ru")
    nlp.add_pipe("test_first_token_per")
    whole = evaluate_file(nlp, devset, "factrueval")
    dev = evaluate_file(nlp, devset, "factrueval", "dev")
    dev2 = evaluate_file(nlp, devset, "factrueval", "dev2")
    assert (whole.n_docs, dev.n_docs, dev2.n_docs) == (6, 1, 5)
    assert dev.ner_core is not None and dev.ner_core.tp == 1 and dev.path.endswith("[dev]")
    # NER-UK train.iob: dev is every 10th block of 50 sentences (block 9), dev2 the 5th of every 10 (block 4)
    iob = tmp_path / "train.iob"
    iob.write_text("".join(f"Київ B-LOC\ns{i} O\n\n" for i in range(1000)), encoding="utf-8")
    uk = spacy.blank("uk")
    uk.add_pipe("test_first_token_per")
    rep = evaluate_file(uk, iob, "iob", "dev")
    assert rep.n_words == 200 and rep.ner_per_label["LOC"].fn == 100 and rep.path.endswith("[dev]")
    rep2 = evaluate_file(uk, iob, "iob", "dev2")
    assert rep2.n_words == 200 and rep2.ner_per_label["LOC"].fn == 100 and rep2.path.endswith("[dev2]")
    carved = [[i for i in range(1000) if is_ner_uk_dev(i)], [i for i in range(1000) if is_ner_uk_dev2(i)]]
    assert carved == [[*range(450, 500), *range(950, 1000)], [*range(200, 250), *range(700, 750)]]
    with pytest.raises(ValueError, match="no carved split 'dev' for format 'conll2003'"):
        evaluate_file(uk, iob, "conll2003", "dev")
    with pytest.raises(ValueError, match="unknown split 'test'"):
        evaluate_file(uk, iob, "iob", "test")


@Language.component("test_first_token_per")
def _first_token_per(doc: Doc) -> Doc:
    doc.ents = [Span(doc, 0, 1, label="PER")]
    return doc


def test_conll2003_whole_documents_and_carved_dev2(tmp_path: Path) -> None:
    # 12 -DOCSTART- documents of 12 one-token sentences each: evaluate_file feeds each document whole (the
    # pipeline gets whole articles), and dev2 is every 10th document (index 9), as training/build.py carves
    path = tmp_path / "train.txt"
    docs = [
        "-DOCSTART- -X- -X- O\n\n" + "".join(f"Kiel{d} NNP B-NP I-LOC\n\n" for _ in range(12))
        for d in range(12)
    ]
    path.write_text("".join(docs), encoding="utf-8")
    assert len(list(corpora.read_conll2003(path, spacy.blank("en").vocab))) == 24  # 10 sentences per Doc
    nlp = spacy.blank("en")
    nlp.add_pipe("test_first_token_per")
    whole = evaluate_file(nlp, path, "conll2003")
    assert (whole.n_docs, whole.n_words) == (12, 144)
    dev2 = evaluate_file(nlp, path, "conll2003", "dev2")
    assert (dev2.n_docs, dev2.n_words) == (1, 12) and dev2.path.endswith("[dev2]")
    assert dev2.ner_per_label["LOC"].fn == 12
    with pytest.raises(ValueError, match="no carved split 'dev' for format 'conll2003'"):
        evaluate_file(nlp, path, "conll2003", "dev")
