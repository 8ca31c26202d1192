"""The one place that assembles claimflow's spaCy pipelines: the Beam stage, ``claimflow extract``, the claim
evaluation and the tests all get theirs from :func:`build_nlp` (or :func:`add_components` on a pipeline they
built themselves).

Order: ``claimflow_paragraphs_v1`` before the parser (sentence boundaries the parser keeps); for languages with
claim rules (:func:`pipelines.nlp.langpacks.claim_languages`: a language pack each), ``claimflow_hyphen_morph_v1``
after the tagger and parser where the language has a dictionary (ru, uk), ``claimflow_gazetteer_v1`` after the NER and every
component that corrects its entities (so: last), then ``claimflow_claims_v1``. An English pipeline with a parser
(bundled or official) also gets the learned components when their models are there
(:func:`add_learned_components`): ``claimflow_attribution_tagger_v1`` and ``claimflow_claim_worthiness_v1``, before
the claims component, which combines their output with its rules (``learned_policy``, ``worthiness``). One pass over
a ``Doc`` gives entities and claims.
"""

from __future__ import annotations

from typing import Any

from spacy.language import Language

from pipelines.nlp import registry
from pipelines.nlp.claims.components import CLAIMS_FACTORY
from pipelines.nlp.gazetteer import GAZETTEER_FACTORY
from pipelines.nlp.hyphen_morph import HYPHEN_MORPH_FACTORY, HYPHEN_MORPH_NAME, wants_hyphen_morph
from pipelines.nlp.langpacks import claim_languages
from pipelines.nlp.links import split_links
from pipelines.nlp.paragraphs import PARAGRAPHS_FACTORY


def add_components(nlp: Language, *, learned: bool = True, **claims_config: Any) -> Language:
    """Add claimflow's components to ``nlp`` (idempotent); ``claims_config`` configures the claims component;
    ``learned``: also the learned English components (:func:`add_learned_components`)."""
    factories = {nlp.get_pipe_meta(n).factory for n in nlp.pipe_names}
    split_links(nlp)  # Markdown links in their parts, the text unchanged
    if PARAGRAPHS_FACTORY not in factories and "parser" in nlp.pipe_names:
        # before the first of the NER and the parser (the bundled pipelines run their NER before the parser):
        # neither an entity nor a parsed sentence crosses a line break
        first = next(n for n in nlp.pipe_names if n in ("ner", "parser"))
        nlp.add_pipe(PARAGRAPHS_FACTORY, before=first)
    if nlp.lang not in claim_languages():
        return nlp
    if HYPHEN_MORPH_FACTORY not in factories and wants_hyphen_morph(nlp):
        nlp.add_pipe(HYPHEN_MORPH_FACTORY, name=HYPHEN_MORPH_NAME, last=True)
    if GAZETTEER_FACTORY not in factories:
        nlp.add_pipe(GAZETTEER_FACTORY, last=True)
    if CLAIMS_FACTORY not in factories:
        nlp.add_pipe(CLAIMS_FACTORY, last=True, config=claims_config)
    if learned:
        add_learned_components(nlp)
    return nlp


def add_learned_components(nlp: Language) -> Language:
    """For an English pipeline with a parser, add the learned attribution tagger and the claim-worthiness
    classifier before the claims component, each when its model directory (``models/en-attribution``,
    ``models/en-claimworthy``) is built; other pipelines are returned as they are. Both read only the tokens
    (and the sentences), so any English pipeline with a parser will do, official ones included."""
    from pipelines.nlp.claims.learned import DEFAULT_MODEL as ATTRIBUTION_MODEL
    from pipelines.nlp.claims.learned import add_attribution_tagger
    from pipelines.nlp.claims.learned_transformer import is_tagger_model
    from pipelines.nlp.claims.worthiness import DEFAULT_MODEL as WORTHINESS_MODEL
    from pipelines.nlp.claims.worthiness import add_claim_worthiness, model_ready

    if nlp.lang != "en" or "parser" not in nlp.pipe_names:
        return nlp
    if is_tagger_model(ATTRIBUTION_MODEL):
        add_attribution_tagger(nlp)
    if model_ready(WORTHINESS_MODEL):
        add_claim_worthiness(nlp)
    return nlp


def build_nlp(language: str, spec: str | None, *, learned: bool = True) -> tuple[Language, str, bool]:
    """The pipeline for a language → (nlp, pipeline label ``name@version``, is_fallback).

    ``spec`` is a model spec (see :mod:`pipelines.nlp.registry`); ``None`` gives the fallback: a blank pipeline
    with a rule-based sentencizer (no entities, no claims). ``learned``: with the learned English components
    (:func:`add_learned_components`).
    """
    if spec is None:
        return fallback_pipeline(language), f"fallback:{language}", True
    info = registry.require(language, spec)
    nlp = add_components(registry.load_model(info), learned=learned)
    return nlp, f"{info.name}@{info.version}", False


#: A shared pipeline is loaded afresh once its StringStore holds this many strings more than when it was loaded:
#: spaCy adds every new word form it sees, so a long-lived process would otherwise grow without bound.
MAX_NEW_STRINGS = 200_000
_SHARED: dict[tuple[str, str | None, bool], tuple[Language, str, bool, int]] = {}


def shared_nlp(language: str, spec: str | None, *, learned: bool = True) -> tuple[Language, str, bool]:
    """:func:`build_nlp`, once per process: later calls (the next chunk of a bounded run, the next ``--follow``
    batch) get the same warm pipeline, until its StringStore has grown by :data:`MAX_NEW_STRINGS`.

    A freshly loaded pipeline is frozen (``gc.freeze``, with whatever else is alive then): the garbage
    collector's full passes, automatic or between chunks, then skip its millions of objects (~1.2 CPU-s a
    pass with the three bundled pipelines). A dropped pipeline is unfrozen and collected."""
    import gc

    key = (language, spec, learned)
    cached = _SHARED.get(key)
    if cached is not None:
        nlp, label, fallback, loaded_with = cached
        if len(nlp.vocab.strings) - loaded_with <= MAX_NEW_STRINGS:
            return nlp, label, fallback
        del _SHARED[key], cached, nlp
        gc.unfreeze()  # the dropped pipeline sits in the frozen generation: free it before loading the next
        gc.collect()
    nlp, label, fallback = build_nlp(language, spec, learned=learned)
    _SHARED[key] = (nlp, label, fallback, len(nlp.vocab.strings))
    gc.freeze()  # the warm pipeline's objects are left out of every later collection (until unfrozen above)
    return nlp, label, fallback


def fallback_pipeline(language: str) -> Language:
    """A blank pipeline of ``language`` (or multi-language) with a rule-based sentencizer."""
    import spacy
    from spacy.util import get_lang_class

    try:
        get_lang_class(language)
        nlp = spacy.blank(language)
    except Exception:
        nlp = spacy.blank("xx")
    nlp.add_pipe("sentencizer")
    return nlp


def claims_component(nlp: Language) -> Any:
    """The claims component of an assembled pipeline, or None (fallbacks, languages without claim rules)."""
    for name in nlp.pipe_names:
        if nlp.get_pipe_meta(name).factory == CLAIMS_FACTORY:
            return nlp.get_pipe(name)
    return None
