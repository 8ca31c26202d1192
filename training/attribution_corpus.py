"""The training reader of the syntax-embedding attribution tagger (``claimflow.AttributionCorpus.v1``).

spaCy's own corpus reader gives the model a freshly tokenised Doc without annotations; a tagger whose tok2vec
embeds POS / TAG / DEP (:data:`pipelines.nlp.claims.learned.SYNTAX_ATTRS`) must see, in training, the annotations
the outer pipeline gives it at run time. ``training/attribution.py`` stores them per article in the reference
Doc's ``user_data["syntax"]`` (from the bundled English pipeline, ``models/en``); this reader builds the predicted
Doc from the reference's words and those annotations with :func:`pipelines.nlp.claims.learned.tagger_doc`, the
same function the component uses on a copy of the outer pipeline's Doc. ``spacy train --code`` imports this
module.
"""

from __future__ import annotations

from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any

from spacy.training import Corpus, Example
from spacy.util import registry

from pipelines.nlp.claims.learned_syntax import tagger_doc

SYNTAX_KEY = "syntax"


@registry.readers("claimflow.AttributionCorpus.v1")
def create_reader(path: Path, limit: int = 0) -> Callable[[Any], Iterator[Example]]:
    """Examples of the ``.spacy`` file at ``path`` whose predicted Doc carries the stored syntax."""
    corpus = Corpus(path, limit=limit)

    def read(nlp: Any) -> Iterator[Example]:
        for eg in corpus(nlp):
            ref = eg.reference
            pred = tagger_doc(
                nlp.vocab,
                [t.text for t in ref],
                [bool(t.whitespace_) for t in ref],
                ref.user_data.get(SYNTAX_KEY),
            )
            yield Example(pred, ref)

    return read
