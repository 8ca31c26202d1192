"""Stage 4 — parse articles with spaCy: entity mentions and claims, in one pass per article.

``ExtractEntities``: ``PCollection[Article] → {'annotations': PCollection[Annotation], 'rejects': PCollection[Reject]}``

All articles go through one Beam ``RunInference`` with a :class:`LanguagesModelHandler`, which hands each
batch's articles of one language to that language's :class:`SpacyModelHandler` (the pipeline, assembled by
:func:`pipelines.nlp.assemble.build_nlp`, is loaded once per worker process on the first article of its language
and stays warm across pipeline runs, see :func:`pipelines.nlp.assemble.shared_nlp`; batches go through
``nlp.pipe``). One ``RunInference`` rather than one per language behind a ``Partition``: the per-language
branches had to be merged again with a ``Flatten``, which the local runner materialises (every annotation
encoded and decoded once more), and made the graph the runner plans and sets up for every chunk bigger. The claims component runs on the same ``Doc`` right
after the entities, in the same process: no serialisation between them. Languages without a model go through a
sentence-splitting fallback (flagged, no entities, no claims). Results are plain data: entity dicts and
:class:`~pipelines.nlp.claims.claim.Claim` objects; a claim-extraction failure is kept on the annotation
(``claims_error``) for :mod:`pipelines.extract_claims` to reject, so the article and its entities stay.
"""

from __future__ import annotations

import time
from collections.abc import Iterable, Iterator, Mapping, Sequence
from typing import Any

import apache_beam as beam
from apache_beam import pvalue
from apache_beam.metrics import Metrics
from apache_beam.ml.inference.base import ModelHandler, RunInference

from pipelines.errors import error_code
from pipelines.nlp.labels import LABEL_MAP
from pipelines.records import Annotation, Article, Reject

STAGE = "extract_entities"
REJECTS = "rejects"
_NAMESPACE = "claimflow.extract_entities"
FALLBACK = "fallback"
#: Tokens per ``nlp.pipe`` call: a batch's peak memory grows with the tokens in it, so a batch of long articles
#: is parsed a few at a time (the results are the same; the speed is within noise).
BATCH_TOKENS = 4_000


def annotate(
    nlp: Any, docs: Iterable[Any], articles: Sequence[Article], label: str, fallback: bool
) -> list[Any]:
    """Run ``nlp.pipe`` over docs and turn each into an :class:`Annotation` with its entities and claims."""
    from pipelines.nlp.assemble import claims_component
    from pipelines.nlp.entity_names import entity_name

    claims_pipe = claims_component(nlp)
    skip = [name for name, pipe in nlp.pipeline if pipe is claims_pipe]
    results: list[Any] = []
    parsed = (d for group in _by_tokens(list(docs), BATCH_TOKENS) for d in nlp.pipe(group, disable=skip))
    for article, doc in zip(articles, parsed, strict=True):
        sent_starts = [s.start_char for s in doc.sents]
        claims, claims_error = _claims(claims_pipe, doc)
        # site furniture (cookie banners, subscription prompts …) gives no entity
        furniture = list(doc._.furniture or ()) if doc.has_extension("furniture") else []
        entities = []
        for ent in doc.ents:
            mapped = LABEL_MAP.get(ent.label_)
            if mapped is None:
                continue
            if any(s <= ent.start_char < e for s, e in furniture):
                continue
            entities.append(
                {
                    "text": ent.text,
                    "label": mapped,
                    "canonical": _ext(ent, "canonical"),
                    "name": entity_name(doc.lang_, ent.text, mapped),
                    "start_char": ent.start_char,
                    "end_char": ent.end_char,
                    "sentence_index": _sentence_index(sent_starts, ent.start_char),
                    "origin": _ext(ent, "origin") or "model",
                }
            )
        results.append(
            Annotation(
                article=article,
                pipeline=label,
                fallback=fallback,
                word_count=_word_count(doc),
                sentence_count=len(sent_starts),
                entities=tuple(entities),
                claims=claims,
                claims_error=claims_error,
                truncated=_text_length(doc) < len(article.text),
                furniture=len(furniture),
                unasserted=int(doc._.unasserted or 0) if doc.has_extension("unasserted") else 0,
            )
        )
    return results


def _word_count(doc: Any) -> int:
    """Tokens that are neither punctuation nor space, read as one array (not one ``Token`` per word)."""
    from spacy.attrs import IS_PUNCT, IS_SPACE

    if not len(doc):
        return 0
    flags = doc.to_array([IS_PUNCT, IS_SPACE])
    return int((flags.sum(axis=1) == 0).sum())


def _text_length(doc: Any) -> int:
    """``len(doc.text)`` without joining it: the last token's end and its trailing whitespace."""
    if not len(doc):
        return 0
    last = doc[-1]
    return int(last.idx) + len(last.text_with_ws)


def _by_tokens(docs: list[Any], budget: int) -> Iterator[list[Any]]:
    """Consecutive groups of docs of at most ``budget`` tokens together (a longer doc is a group of its own)."""
    group: list[Any] = []
    size = 0
    for doc in docs:
        if group and size + len(doc) > budget:
            yield group
            group, size = [], 0
        group.append(doc)
        size += len(doc)
    if group:
        yield group


def _claims(claims_pipe: Any, doc: Any) -> tuple[tuple[Any, ...], tuple[str, str] | None]:
    """The claims of a parsed doc, or (no claims, (code, message)) when extraction fails."""
    if claims_pipe is None:
        return (), None
    try:
        return tuple(claims_pipe(doc)._.claims), None
    except Exception as exc:
        return (), (error_code(exc), f"claim extraction failed: {type(exc).__name__}: {exc}")


def _ext(span: Any, name: str) -> Any:
    return getattr(span._, name) if span.has_extension(name) else None


def _sentence_index(starts: Sequence[int], char: int) -> int:
    import bisect

    return max(0, bisect.bisect_right(starts, char) - 1)


class SpacyModelHandler(ModelHandler):  # type: ignore[misc]
    """RunInference handler for one language's spaCy pipeline. ``Article → Annotation | Reject``."""

    def __init__(
        self, language: str, spec: str | None, *, batch_size: int, max_text_chars: int, learned: bool = True
    ) -> None:
        super().__init__()
        self._learned = learned
        self._batch_size = batch_size
        self._language = language
        self._spec = spec
        self._max_chars = max_text_chars
        self._label = f"fallback:{language}"

    def load_model(self) -> Any:
        from pipelines.nlp.assemble import shared_nlp

        nlp, self._label, self._fallback = shared_nlp(self._language, self._spec, learned=self._learned)
        return nlp

    def run_inference(
        self, batch: Sequence[Article], model: Any, inference_args: dict[str, Any] | None = None
    ) -> Iterable[Any]:
        started = time.perf_counter()
        label, fallback = self._label, self._spec is None
        try:
            docs = [self._make_doc(model, a) for a in batch]
            results = annotate(model, docs, batch, label, fallback)
        except Exception:
            # One bad article must not sink its batch: retry one by one, on fresh docs (the failed pass may have
            # annotated some), and reject only the culprit.
            results = []
            for article in batch:
                try:
                    results.extend(
                        annotate(model, [self._make_doc(model, article)], [article], label, fallback)
                    )
                except Exception as exc:
                    message = f"spaCy pipeline {label} failed: {type(exc).__name__}: {exc}"
                    results.append(Reject.of_article(article, STAGE, error_code(exc), message))
        Metrics.distribution(_NAMESPACE, "batch_latency_ms").update(
            int((time.perf_counter() - started) * 1000)
        )
        return results

    def _make_doc(self, model: Any, article: Article) -> Any:
        """The tokenised doc of an article's text, cut at ``max_text_chars``, with its publication time and its
        title (the claims read both)."""
        doc = model.make_doc(article.text[: self._max_chars])
        doc._.published_at = article.published_at
        doc._.title = article.title
        return doc

    def get_metrics_namespace(self) -> str:
        return f"{_NAMESPACE}.{self._language}"

    def batch_elements_kwargs(self) -> Mapping[str, Any]:
        """Batches of 1 to ``batch_size`` articles (Beam's ``BatchElements`` arguments)."""
        return {"min_batch_size": 1, "max_batch_size": self._batch_size}


class _LanguageModels:
    """The pipelines of one :class:`LanguagesModelHandler`, each loaded on the first batch with its language."""

    def __init__(self, handlers: Mapping[str, SpacyModelHandler]) -> None:
        self._handlers = handlers
        self._models: dict[str, Any] = {}

    def handler(self, language: str) -> SpacyModelHandler:
        return self._handlers.get(language, self._handlers[FALLBACK])

    def model(self, language: str) -> Any:
        key = language if language in self._handlers else FALLBACK
        if key not in self._models:
            self._models[key] = self._handlers[key].load_model()
        return self._models[key]


class LanguagesModelHandler(ModelHandler):  # type: ignore[misc]
    """RunInference handler for every language at once: ``Article → Annotation | Reject``.

    A batch's articles are grouped by ``language``; each group runs through its language's
    :class:`SpacyModelHandler` (the fallback's for a language without a model), whose pipeline is loaded the
    first time the language comes up. The results of a batch come group after group."""

    def __init__(
        self,
        models: Mapping[str, str],
        *,
        batch_size: int,
        max_text_chars: int,
        learned: bool = True,
    ) -> None:
        super().__init__()
        self._batch_size = batch_size
        specs: dict[str, str | None] = {**dict(models), FALLBACK: None}
        self._handlers = {
            lang: SpacyModelHandler(
                "xx" if lang == FALLBACK else lang,
                spec,
                batch_size=batch_size,
                max_text_chars=max_text_chars,
                learned=learned,
            )
            for lang, spec in specs.items()
        }

    def load_model(self) -> _LanguageModels:
        return _LanguageModels(self._handlers)

    def run_inference(
        self, batch: Sequence[Article], model: _LanguageModels, inference_args: dict[str, Any] | None = None
    ) -> Iterable[Any]:
        groups: dict[str, list[Article]] = {}
        for article in batch:
            key = article.language if article.language in self._handlers else FALLBACK
            groups.setdefault(key, []).append(article)
        results: list[Any] = []
        for language, articles in groups.items():
            nlp = model.model(language)
            results.extend(model.handler(language).run_inference(articles, nlp, inference_args))
        return results

    def get_metrics_namespace(self) -> str:
        return _NAMESPACE

    def batch_elements_kwargs(self) -> Mapping[str, Any]:
        """Batches of 1 to ``batch_size`` articles (Beam's ``BatchElements`` arguments)."""
        return {"min_batch_size": 1, "max_batch_size": self._batch_size}


class _SplitResultsFn(beam.DoFn):  # type: ignore[misc]
    def setup(self) -> None:
        self._out = Metrics.counter(_NAMESPACE, "articles_out")
        self._rejected = Metrics.counter(_NAMESPACE, "rejected")
        self._mentions = Metrics.counter(_NAMESPACE, "entities_out")
        self._fallbacks = Metrics.counter(_NAMESPACE, "fallback_articles")
        self._furniture = Metrics.counter(_NAMESPACE, "furniture_lines")
        self._unasserted = Metrics.counter(_NAMESPACE, "unasserted_sentences")

    def process(self, value: Annotation | Reject) -> Iterator[Any]:
        if isinstance(value, Reject):
            self._rejected.inc()
            yield pvalue.TaggedOutput(REJECTS, value)
            return
        self._out.inc()
        self._mentions.inc(len(value.entities))
        self._furniture.inc(value.furniture)
        self._unasserted.inc(value.unasserted)
        if value.fallback:
            self._fallbacks.inc()
        yield value


class ExtractEntities(beam.PTransform):  # type: ignore[misc]
    """``PCollection[Article] → {'annotations': Annotation, 'rejects': Reject}``.

    Args:
        models: language → model spec (see :mod:`pipelines.nlp.registry`); other languages use the fallback.
    """

    def __init__(
        self,
        models: Mapping[str, str],
        *,
        batch_size: int = 16,
        max_text_chars: int = 200_000,
        learned: bool = True,
    ) -> None:
        super().__init__()
        self._learned = learned
        self._models = dict(models)
        self._batch_size = batch_size
        self._max_chars = max_text_chars

    def expand(self, articles: beam.PCollection) -> pvalue.DoOutputsTuple:
        handler = LanguagesModelHandler(
            self._models, batch_size=self._batch_size, max_text_chars=self._max_chars, learned=self._learned
        )
        return (
            articles
            | "Annotate" >> RunInference(handler)
            | "SplitRejects" >> beam.ParDo(_SplitResultsFn()).with_outputs(REJECTS, main="annotations")
        )
