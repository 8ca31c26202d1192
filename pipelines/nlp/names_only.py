"""Keep only entities that are names: ``claimflow_names_only_v1``.

Russian NER corpora disagree about what an entity is. NEREL also marks country adjectives ("российские"), common
nouns ("правительство", "полиция") and descriptions ("западной окраине"); factRuEval marks names only. The
trained ``models/ru`` follows NEREL. This component drops every PER, LOC or ORG entity none of whose words is
capitalised, which is factRuEval's convention and what most analysts mean by "the people, places and
organisations named". claimflow's gazetteer applies the same rule (:func:`is_name`) to every pipeline it runs, so
claimflow's tables hold names only whichever pipeline is configured; this component gives a bare spaCy pipeline
(``claimflow models evaluate``, ``spacy.load``) the same convention.

``models/ru`` carries it disabled; ``bundled:ru-names`` loads the same pipeline with it enabled
(``pipelines/nlp/registry.py``). Its effect on both Russian dev sets is in docs/entities.md.

Typical use: ``nlp.add_pipe("claimflow_names_only_v1", name="names_only", after="ner")``.
"""

from __future__ import annotations

from spacy.language import Language
from spacy.tokens import Doc, Span, Token

from pipelines.nlp.packaged import PackagedDataComponent

NAMES_ONLY_FACTORY = "claimflow_names_only_v1"
#: Its name in the bundled pipelines, and what ``bundled:<lang>-names`` enables.
NAMES_ONLY_NAME = "names_only"


#: The labels that must be names; MISC (events, products, nationalities) is left as it is.
NAME_LABELS = frozenset({"PER", "LOC", "ORG"})


def is_capitalised(token: Token) -> bool:
    """Whether ``token`` has an upper-case letter: "Торецка", and also the hyphenated and dotted names a
    tokeniser keeps whole ("Нью-Йорке", "аль-Барадеи", "Hewlett-Packard", "NEWSru.com", "3Com")."""
    return any(c.isupper() for c in token.text)


def is_name(span: Span) -> bool:
    """Whether a word of ``span`` is capitalised: "Торецка", "Министерство обороны", not "российские" or
    "південній частині"."""
    return any(is_capitalised(t) for t in span)


class NamesOnly(PackagedDataComponent):
    """Drops the PER/LOC/ORG entities in ``doc.ents`` that are not names (:func:`is_name`). Stores nothing."""

    def __call__(self, doc: Doc) -> Doc:
        doc.ents = [e for e in doc.ents if e.label_ not in NAME_LABELS or is_name(e)]
        return doc


def make_names_only(nlp: Language, name: str) -> NamesOnly:
    """Keep only the PER/LOC/ORG entities that are names."""
    return NamesOnly()


Language.factory(NAMES_ONLY_FACTORY, func=make_names_only)
