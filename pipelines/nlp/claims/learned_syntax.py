"""The syntax a learned attribution tagger may embed besides the words: the outer pipeline's POS, Penn Treebank
TAG and dependency label, copied onto the Doc the tagger model reads (:class:`.learned.AttributionTagger`) and
stored with its training data (``training/attribution.py --syntax``, ``training/attribution_corpus.py``)."""

from __future__ import annotations

from collections.abc import Iterable
from typing import Any

from spacy.language import Language
from spacy.tokens import Doc

#: Token annotations of the outer pipeline a tagger model may embed besides the words (its tok2vec's ``attrs``):
#: the universal POS, the Penn Treebank tag and the dependency label (coarsened by :func:`coarse_dep`, so that a
#: pipeline with ClearNLP labels, the official ones, gives the labels of a UD-trained one).
SYNTAX_ATTRS = ("POS", "TAG", "DEP")
#: ClearNLP dependency labels (spaCy's official English pipelines) -> the UD label they mostly correspond to
_CLEAR_DEPS = {
    "dobj": "obj",
    "nsubjpass": "nsubj",
    "csubjpass": "csubj",
    "auxpass": "aux",
    "pobj": "obl",
    "prep": "case",
    "poss": "nmod",
    "attr": "obj",
    "dative": "iobj",
    "relcl": "acl",
    "npadvmod": "obl",
    "oprd": "xcomp",
    "agent": "obl",
    "pcomp": "ccomp",
    "acomp": "xcomp",
    "neg": "advmod",
    "prt": "compound",
    "nn": "compound",
    "quantmod": "advmod",
    "predet": "det",
    "preconj": "cc",
    "meta": "dep",
    "intj": "discourse",
}


def coarse_dep(label: str) -> str:
    """The dependency label a syntax-embedding tagger sees: the UD base relation ("nsubj:pass" -> "nsubj"; the
    ClearNLP "dobj" -> "obj"), "dep" when there is none."""
    base = label.split(":")[0]
    return _CLEAR_DEPS.get(base, base) or "dep"


def tagger_doc(vocab: Any, words: list[str], spaces: list[bool], syntax: dict[str, list[str]] | None) -> Doc:
    """The Doc the tagger model reads: the words, and the syntax annotations of ``syntax`` (``"POS"``, ``"TAG"``,
    ``"DEP"`` lists, one value per word; a missing list leaves that annotation unset). The dependency labels
    are set without heads, so the copy has no sentence boundaries (the tagger's spans may cross them)."""
    syntax = syntax or {}
    pos = syntax.get("POS")
    tags = syntax.get("TAG")
    doc = Doc(vocab, words=words, spaces=spaces, pos=pos or None, tags=tags or None)
    deps = syntax.get("DEP")
    if deps:
        for tok, dep in zip(doc, deps, strict=True):
            tok.dep_ = dep
    return doc


def doc_syntax(doc: Doc, attrs: Iterable[str] = SYNTAX_ATTRS) -> dict[str, list[str]]:
    """The annotations of ``attrs`` (of :data:`SYNTAX_ATTRS`) that ``doc`` has, as :func:`tagger_doc` takes
    them."""
    out: dict[str, list[str]] = {}
    if "POS" in attrs and doc.has_annotation("POS"):
        out["POS"] = [t.pos_ or "X" for t in doc]
    if "TAG" in attrs and doc.has_annotation("TAG"):
        out["TAG"] = [t.tag_ for t in doc]
    if "DEP" in attrs and doc.has_annotation("DEP"):
        out["DEP"] = [coarse_dep(t.dep_) for t in doc]
    return out


def model_syntax(inner: Language) -> tuple[str, ...]:
    """The annotations of :data:`SYNTAX_ATTRS` that the tagger model ``inner`` embeds (empty for a words-only
    model)."""
    try:
        attrs = inner.config["components"]["ner"]["model"]["tok2vec"]["embed"]["attrs"]
    except (KeyError, TypeError):
        return ()
    return tuple(a for a in SYNTAX_ATTRS if a in attrs)
