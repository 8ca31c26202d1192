"""Claim extraction and normalisation (who claims what, when, where, how many, how hedged).

Importing this package registers the spaCy factories ``claimflow_paragraphs_v1``, ``claimflow_gazetteer_v1``
and ``claimflow_claims_v1`` (spaCy forbids "." in factory names) and the extensions
``Doc._.published_at``, ``Doc._.claims`` and ``Span._.canonical``. Typical use::

    import spacy
    import pipelines.nlp.claims  # registers the factories
    from pipelines.nlp.claims import add_claim_components

    nlp = add_claim_components(spacy.load("models/en"))
    doc = nlp.make_doc(text)
    doc._.published_at = published_at          # timezone-aware datetime or None
    doc = next(nlp.pipe([doc]))
    doc._.claims                                # list of Claim (claim.as_dict(): keys CLAIM_KEYS)
"""

from pipelines.nlp.claims.claim import ATTRIBUTIONS, CLAIM_KEYS, CLAIMANT_TYPES, Claim
from pipelines.nlp.claims.components import (
    CLAIMS_FACTORY,
    GAZETTEER_FACTORY,
    PARAGRAPHS_FACTORY,
    Claims,
    Gazetteer,
    ParagraphBreaks,
    add_claim_components,
    register_extensions,
)
from pipelines.nlp.claims.extract import ClaimExtractor, fingerprint
from pipelines.nlp.claims.quantities import QUALIFIERS, Quantity, extract_quantities
from pipelines.nlp.claims.times import TimeExpr, extract_times

__all__ = [
    "ATTRIBUTIONS",
    "CLAIMANT_TYPES",
    "CLAIMS_FACTORY",
    "CLAIM_KEYS",
    "GAZETTEER_FACTORY",
    "PARAGRAPHS_FACTORY",
    "QUALIFIERS",
    "Claim",
    "ClaimExtractor",
    "Claims",
    "Gazetteer",
    "ParagraphBreaks",
    "Quantity",
    "TimeExpr",
    "add_claim_components",
    "extract_quantities",
    "extract_times",
    "fingerprint",
    "register_extensions",
]
