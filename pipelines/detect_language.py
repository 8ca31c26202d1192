"""Stage 3 — identify the language of each article.

``DetectLanguage``: ``PCollection[Article] → {'articles': PCollection[Article], 'rejects': PCollection[Reject]}``

Sets ``language`` (ISO 639-1, or ``und`` for text with too few letters), ``language_confidence`` and
``language_detector``, decided once per article from its title and body together
(:meth:`~pipelines.nlp.langid.LanguageDetector.detect_article`). The detector (see
:mod:`pipelines.nlp.langid`) loads once per worker in ``setup``.
The producer's ``language_hint`` is kept in its own column and never overrides the detector.
"""

from __future__ import annotations

import dataclasses
import time
from collections.abc import Iterator
from typing import Any

import apache_beam as beam
from apache_beam import pvalue
from apache_beam.metrics import Metrics

from pipelines.errors import error_code
from pipelines.records import Article, Reject

STAGE = "detect_language"
REJECTS = "rejects"
_NAMESPACE = "claimflow.detect_language"
_DETECTORS: dict[int, Any] = {}


def shared_detector(min_letters: int) -> Any:
    """The process's language detector for ``min_letters``: built once, kept across pipeline runs."""
    from pipelines.nlp.langid import LanguageDetector

    if min_letters not in _DETECTORS:
        _DETECTORS[min_letters] = LanguageDetector(min_letters=min_letters)
    return _DETECTORS[min_letters]


class _DetectLanguageFn(beam.DoFn):  # type: ignore[misc]
    def __init__(self, min_letters: int) -> None:
        self._min_letters = min_letters

    def setup(self) -> None:
        self._detector = shared_detector(self._min_letters)
        self._in = Metrics.counter(_NAMESPACE, "articles_in")
        self._out = Metrics.counter(_NAMESPACE, "articles_out")
        self._rejected = Metrics.counter(_NAMESPACE, "rejected")
        self._und = Metrics.counter(_NAMESPACE, "undetermined")
        self._latency = Metrics.distribution(_NAMESPACE, "latency_us")

    def process(self, article: Article) -> Iterator[Any]:
        self._in.inc()
        started = time.perf_counter()
        try:
            guess = self._detector.detect_article(article.title, article.text)
        except Exception as exc:
            self._rejected.inc()
            reject = Reject.of_article(article, STAGE, error_code(exc), f"language detection failed: {exc}")
            yield pvalue.TaggedOutput(REJECTS, reject)
            return
        if guess.code == "und":
            self._und.inc()
        self._latency.update(int((time.perf_counter() - started) * 1e6))
        self._out.inc()
        yield dataclasses.replace(
            article,
            language=guess.code,
            language_confidence=float(guess.confidence),
            language_detector=guess.detector,
        )


class DetectLanguage(beam.PTransform):  # type: ignore[misc]
    """``PCollection[Article] → {'articles': Article with language set, 'rejects': Reject}``."""

    def __init__(self, *, min_letters: int = 6) -> None:
        super().__init__()
        self._min_letters = min_letters

    def expand(self, articles: beam.PCollection) -> pvalue.DoOutputsTuple:
        return articles | "Detect" >> beam.ParDo(_DetectLanguageFn(self._min_letters)).with_outputs(
            REJECTS, main="articles"
        )
