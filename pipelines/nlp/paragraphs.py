"""The spaCy component ``claimflow_paragraphs_v1``: rule-based sentence boundaries preset for the parser.

Add it before the parser (:func:`pipelines.nlp.assemble.add_components` does): the parser keeps preset
boundaries, so it parses within the sentences of :mod:`pipelines.nlp.segment` (line breaks, sentence
punctuation, abbreviations).
"""

from __future__ import annotations

from spacy.language import Language
from spacy.tokens import Doc

from pipelines.nlp.segment import sentence_starts

PARAGRAPHS_FACTORY = "claimflow_paragraphs_v1"


class ParagraphBreaks:
    """Presets rule-based sentence boundaries (see :mod:`pipelines.nlp.segment`)."""

    def __call__(self, doc: Doc) -> Doc:
        for tok, start in zip(doc, sentence_starts(doc), strict=True):
            tok.is_sent_start = start
        return doc


def make_paragraphs(nlp: Language, name: str) -> ParagraphBreaks:
    """Rule-based sentence boundaries. Add before the parser: ``nlp.add_pipe(..., before="parser")``."""
    return ParagraphBreaks()


# Registered with an explicit call (not a decorator) so that the factory function keeps its type.
Language.factory(PARAGRAPHS_FACTORY, func=make_paragraphs)
