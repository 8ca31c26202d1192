"""Russian NER from natasha (slovnet ``NewsNERTagger``) as a spaCy component.

The factory ``claimflow_natasha_ner_v1`` sets ``doc.ents`` to natasha's PER / LOC / ORG spans, aligned to the
spaCy tokens (a span that cuts a token grows to whole tokens). The weights ship inside the ``natasha`` wheel
(MIT; navec news embeddings and the slovnet NER model), so the component saves nothing to disk and loads them
once when the pipeline is created — once per worker under RunInference. The bundled ``models/ru`` uses it in
place of a trained NER because it measured better on both Russian dev sets (see ``models/ru/MODEL_CARD.md``).

Typical use: ``nlp.add_pipe("claimflow_natasha_ner_v1", name="ner")``.
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator

from spacy.language import Language
from spacy.tokens import Doc, Span
from spacy.util import filter_spans

from pipelines.nlp.packaged import PackagedDataComponent

NATASHA_NER_FACTORY = "claimflow_natasha_ner_v1"

#: natasha's span types → claimflow labels
NATASHA_LABELS = {"PER": "PER", "LOC": "LOC", "ORG": "ORG"}


class NatashaNER(PackagedDataComponent):
    """Replaces ``doc.ents`` with natasha's entities. ``max_chars``: texts are tagged in chunks of at most this
    many characters, cut at paragraph or sentence ends, so that memory stays flat on very long articles."""

    def __init__(self, *, max_chars: int) -> None:
        from natasha import NewsEmbedding, NewsNERTagger

        self.max_chars = max_chars
        self.tagger = NewsNERTagger(NewsEmbedding())

    def __call__(self, doc: Doc) -> Doc:
        spans: list[Span] = []
        for offset, chunk in self._chunks(doc.text):
            for s in self.tagger(chunk).spans:
                label = NATASHA_LABELS.get(s.type)
                if label is None:
                    continue
                span = doc.char_span(offset + s.start, offset + s.stop, label=label, alignment_mode="expand")
                if span is not None:
                    spans.append(span)
        doc.ents = filter_spans(spans)
        return doc

    def pipe(self, docs: Iterable[Doc], batch_size: int = 16) -> Iterator[Doc]:
        for doc in docs:
            yield self(doc)

    def _chunks(self, text: str) -> Iterator[tuple[int, str]]:
        start = 0
        while len(text) - start > self.max_chars:
            window = text[start : start + self.max_chars]
            cut = max(window.rfind("\n"), window.rfind(". "))
            end = start + (cut + 1 if cut > 0 else self.max_chars)
            yield start, text[start:end]
            start = end
        if start < len(text):
            yield start, text[start:]


def make_natasha_ner(nlp: Language, name: str, *, max_chars: int) -> NatashaNER:
    """natasha's Russian NER (PER/LOC/ORG). ``max_chars``: the longest text tagged in one call."""
    return NatashaNER(max_chars=max_chars)


Language.factory(NATASHA_NER_FACTORY, default_config={"max_chars": 20000}, func=make_natasha_ner)
