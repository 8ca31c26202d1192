"""Russian NER from natasha (slovnet ``NewsNERTagger``) as a spaCy component.

The factory ``claimflow_natasha_ner_v1`` finds natasha's PER / LOC / ORG spans, aligned to the spaCy tokens (a
span that cuts a token grows to whole tokens). The weights ship inside the ``natasha`` wheel (MIT; navec news
embeddings and the slovnet NER model), so the component saves nothing to disk and loads them once when the
pipeline is created — once per worker under RunInference.

``mode`` says what it does with them:

- ``"replace"`` sets ``doc.ents`` to natasha's spans: natasha is the NER (``models/ru``, built by ``python -m
  training.build --lang ru``);
- ``"merge"`` runs after a trained NER and keeps its entities, with two corrections from natasha: an entity
  natasha finds with the same boundaries takes natasha's label when both labels are in ``relabel`` (a town in
  the locative tagged PER: "в Торецком"), and natasha's spans labelled one of ``fill`` that overlap no entity
  are added (``models/ru-trained``, built with ``--ner trained``; it scored below natasha alone on held-out
  data, see docs/entities.md).

Typical use: ``nlp.add_pipe("claimflow_natasha_ner_v1", name="ner")``, or
``nlp.add_pipe("claimflow_natasha_ner_v1", name="natasha", after="ner", config={"mode": "merge"})``.
"""

from __future__ import annotations

from collections.abc import Iterator

from spacy.language import Language
from spacy.tokens import Doc, Span
from spacy.util import filter_spans

from pipelines.nlp.navec_embed import news_embedding
from pipelines.nlp.packaged import PackagedDataComponent

NATASHA_NER_FACTORY = "claimflow_natasha_ner_v1"

#: natasha's span types → claimflow labels
NATASHA_LABELS = {"PER": "PER", "LOC": "LOC", "ORG": "ORG"}

#: What the component does with natasha's entities (module docstring).
MODES = ("replace", "merge")


class NatashaNER(PackagedDataComponent):
    """Sets or corrects ``doc.ents`` with natasha's entities (see the module docstring for ``mode``,
    ``relabel`` and ``fill``). ``max_chars``: texts are tagged in chunks of at most this many characters, cut at
    paragraph or sentence ends, so that memory stays flat on very long articles."""

    def __init__(self, *, max_chars: int, mode: str, relabel: list[str], fill: list[str]) -> None:
        from natasha import NewsNERTagger

        if mode not in MODES:
            raise ValueError(
                f"{NATASHA_NER_FACTORY}: mode {mode!r} is not known; allowed: {', '.join(MODES)}"
            )
        for name, labels in (("relabel", relabel), ("fill", fill)):
            unknown = sorted(set(labels) - set(NATASHA_LABELS.values()))
            if unknown:
                raise ValueError(
                    f"{NATASHA_NER_FACTORY}: {name} has labels {unknown} natasha does not produce; "
                    f"allowed: {', '.join(NATASHA_LABELS.values())}"
                )
        self.max_chars = max_chars
        self.mode = mode
        self.relabel = frozenset(relabel)
        self.fill = frozenset(fill)
        self.tagger = NewsNERTagger(news_embedding())

    def __call__(self, doc: Doc) -> Doc:
        found = self.find(doc)
        doc.ents = found if self.mode == "replace" else self._merge(list(doc.ents), found)
        return doc

    def _merge(self, ents: list[Span], found: list[Span]) -> list[Span]:
        by_bounds = {(s.start, s.end): s.label_ for s in found}
        out = []
        for e in ents:
            label = by_bounds.get((e.start, e.end))
            keep = label is None or label == e.label_ or not {label, e.label_} <= self.relabel
            out.append(e if keep else Span(e.doc, e.start, e.end, label=label))
        taken = [(e.start, e.end) for e in ents]
        out += [
            s
            for s in found
            if s.label_ in self.fill and not any(s.start < end and start < s.end for start, end in taken)
        ]
        return sorted(out, key=lambda s: s.start)

    def find(self, doc: Doc) -> list[Span]:
        """natasha's entities in ``doc``, whole tokens, without overlaps."""
        spans: list[Span] = []
        for offset, chunk in self._chunks(doc.text):
            if chunk.isspace():  # natasha's tokenizer gives no token and its tagger fails on an empty batch
                continue
            for s in self.tagger(chunk).spans:
                label = NATASHA_LABELS.get(s.type)
                if label is None:
                    continue
                span = doc.char_span(offset + s.start, offset + s.stop, label=label, alignment_mode="expand")
                if span is not None:
                    spans.append(span)
        kept: list[Span] = filter_spans(spans)
        return kept

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


def make_natasha_ner(
    nlp: Language, name: str, *, max_chars: int, mode: str, relabel: list[str], fill: list[str]
) -> NatashaNER:
    """natasha's Russian NER (PER/LOC/ORG). ``max_chars``: the longest text tagged in one call; ``mode``:
    ``replace`` or ``merge`` (with ``relabel`` and ``fill``, see the module docstring)."""
    return NatashaNER(max_chars=max_chars, mode=mode, relabel=relabel, fill=fill)


Language.factory(
    NATASHA_NER_FACTORY,
    default_config={"max_chars": 20000, "mode": "replace", "relabel": ["PER", "LOC"], "fill": ["PER", "LOC"]},
    func=make_natasha_ner,
)
