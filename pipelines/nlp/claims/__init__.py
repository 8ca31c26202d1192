"""Claim extraction and normalisation (who claims what, when, where, how many, how hedged).

Importing this package registers the spaCy factory ``claimflow_claims_v1`` (spaCy forbids "." in factory
names) and the extensions ``Doc._.published_at``, ``Doc._.title`` and ``Doc._.claims``. The pipeline is assembled in one place,
:mod:`pipelines.nlp.assemble`. Typical use::

    from pipelines.nlp.assemble import build_nlp

    nlp, label, _ = build_nlp("en", "bundled:en")
    doc = nlp.make_doc(text)
    doc._.published_at = published_at          # timezone-aware datetime or None
    doc._.title = title                        # the article's title or None (names a transcript's speaker)
    doc = next(nlp.pipe([doc]))
    doc._.claims                                # list of Claim (claim.as_dict(): keys CLAIM_KEYS)
"""

from pipelines.nlp.claims.claim import ATTRIBUTIONS, CLAIM_KEYS, CLAIMANT_TYPES, Claim
from pipelines.nlp.claims.components import CLAIMS_FACTORY, Claims, register_extensions
from pipelines.nlp.claims.extract import ClaimExtractor, fingerprint
from pipelines.nlp.claims.quantities import QUALIFIERS, Quantity, extract_quantities
from pipelines.nlp.claims.times import TimeExpr, extract_times

__all__ = [
    "ATTRIBUTIONS",
    "CLAIMANT_TYPES",
    "CLAIMS_FACTORY",
    "CLAIM_KEYS",
    "QUALIFIERS",
    "Claim",
    "ClaimExtractor",
    "Claims",
    "Quantity",
    "TimeExpr",
    "extract_quantities",
    "extract_times",
    "fingerprint",
    "register_extensions",
]
