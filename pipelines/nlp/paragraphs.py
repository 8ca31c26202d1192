"""The spaCy component ``claimflow_paragraphs_v1``: rule-based sentence boundaries preset for the parser.

Add it before the parser (:func:`pipelines.nlp.assemble.add_components` does): the parser keeps preset
boundaries, so it parses within the sentences of :mod:`pipelines.nlp.segment` (line breaks, sentence
punctuation, abbreviations).
"""

from __future__ import annotations

import numpy
from spacy.attrs import SENT_START
from spacy.errors import Errors
from spacy.language import Language
from spacy.tokens import Doc

from pipelines.nlp.segment import sentence_starts

PARAGRAPHS_FACTORY = "claimflow_paragraphs_v1"


class ParagraphBreaks:
    """Presets rule-based sentence boundaries (see :mod:`pipelines.nlp.segment`).

    The boundaries are written in one ``Doc.from_array`` call: the ``Token.is_sent_start`` setter checks the
    whole doc for a parse on every call, which made this step quadratic in the length of an article.
    """

    def __call__(self, doc: Doc) -> Doc:
        if not len(doc):
            return doc
        if doc.has_annotation("DEP"):
            raise ValueError(
                Errors.E043
            )  # what Token.is_sent_start says: boundaries of a parsed doc are fixed
        starts = numpy.array([1 if s else -1 for s in sentence_starts(doc)], dtype=numpy.int64)
        doc.from_array([SENT_START], starts.astype(numpy.uint64))
        return doc


def make_paragraphs(nlp: Language, name: str) -> ParagraphBreaks:
    """Rule-based sentence boundaries. Add before the parser: ``nlp.add_pipe(..., before="parser")``."""
    return ParagraphBreaks()


# Registered with an explicit call (not a decorator) so that the factory function keeps its type.
Language.factory(PARAGRAPHS_FACTORY, func=make_paragraphs)
