"""Measure natasha's Russian NER (slovnet NewsNERTagger) on the same dev data as the trained ru pipeline.

    python -m training.natasha_eval [--shared ../shared]

Used to decide between the trained spaCy NER and a natasha wrapper for Russian (see models/ru/MODEL_CARD.md).
"""

from __future__ import annotations

import argparse
import tempfile
from pathlib import Path

import spacy
from spacy.tokens import Doc, Span

from pipelines.nlp import corpora
from pipelines.nlp.evaluate import score_ner
from training.build import link_factrueval_dev, shared_root


def natasha_docs(golds: list[Doc]) -> list[tuple[Doc, Doc]]:
    from natasha import Doc as NDoc
    from natasha import NewsEmbedding, NewsNERTagger, Segmenter

    segmenter = Segmenter()
    tagger = NewsNERTagger(NewsEmbedding())
    pairs = []
    for gold in golds:
        pred = Doc(gold.vocab, words=[t.text for t in gold], spaces=[bool(t.whitespace_) for t in gold])
        nd = NDoc(gold.text)
        nd.segment(segmenter)
        nd.tag_ner(tagger)
        ents = []
        for s in nd.spans:
            span = pred.char_span(s.start, s.stop, label=s.type, alignment_mode="expand")
            if span is not None:
                ents.append(span)
        pred.ents = [Span(pred, e.start, e.end, e.label_) for e in spacy.util.filter_spans(ents)]
        pairs.append((pred, gold))
    return pairs


def main() -> None:
    ap = argparse.ArgumentParser()
    ap.add_argument("--shared", default=str(shared_root()))
    args = ap.parse_args()
    ner = Path(args.shared) / "corpora" / "ner" / "ru"
    nlp = spacy.blank("ru")
    with tempfile.TemporaryDirectory() as tmp:
        fre_dir = Path(tmp) / "fre"
        link_factrueval_dev(ner / "factRuEval-2016" / "devset", fre_dir)
        sets = {
            "NEREL v1.0 dev": list(corpora.read_brat(ner / "NEREL-v1.0" / "dev", nlp.tokenizer)),
            "factRuEval carved dev": list(corpora.read_factrueval(fre_dir, nlp.vocab)),
        }
        for name, golds in sets.items():
            per, _overall, core = score_ner(natasha_docs(golds))
            print(
                f"natasha on {name}: PER/LOC/ORG P={core.precision:.4f} R={core.recall:.4f} F1={core.f1:.4f}"
            )
            for label in ("PER", "LOC", "ORG"):
                if label in per:
                    print(
                        f"  {label}: P={per[label].precision:.4f} R={per[label].recall:.4f} F1={per[label].f1:.4f}"
                    )


if __name__ == "__main__":
    main()
