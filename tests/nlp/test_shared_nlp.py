"""Warm pipelines across pipeline runs (:func:`pipelines.nlp.assemble.shared_nlp`), with a bounded StringStore."""

from __future__ import annotations

import gc
import weakref

import pytest

from pipelines.nlp import assemble


def test_the_same_pipeline_until_its_string_store_grew_past_the_bound(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    monkeypatch.setattr(assemble, "_SHARED", {})
    monkeypatch.setattr(assemble, "MAX_NEW_STRINGS", 50)
    nlp, label, fallback = assemble.shared_nlp("uk", None)
    assert (label, fallback) == ("fallback:uk", True)
    assert assemble.shared_nlp("uk", None)[0] is nlp
    assert assemble.shared_nlp("en", None)[0] is not nlp  # one per language and spec
    nlp("Ці слова вже бачено.")
    assert assemble.shared_nlp("uk", None)[0] is nlp  # a few new strings: still warm
    nlp(" ".join(f"слово{i}" for i in range(60)))  # 60 new word forms
    fresh = assemble.shared_nlp("uk", None)[0]
    assert fresh is not nlp
    assert len(fresh.vocab.strings) < len(nlp.vocab.strings)


def test_a_dropped_pipeline_is_freed_though_the_chunk_before_froze_it(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    from pipelines import job

    monkeypatch.setattr(assemble, "_SHARED", {})
    monkeypatch.setattr(assemble, "MAX_NEW_STRINGS", 50)
    nlp = assemble.shared_nlp("uk", None)[0]
    nlp.self_reference = nlp  # in a reference cycle, as loaded pipelines' components may be: only gc frees it
    dropped = weakref.ref(nlp)
    try:
        job._release_memory()  # between chunks: collect, then freeze what survives (the warm pipeline)
        assert gc.get_freeze_count() > 0
        nlp(" ".join(f"слово{i}" for i in range(60)))
        del nlp
        assert assemble.shared_nlp("uk", None)[0] is not dropped()
        gc.collect()
        assert dropped() is None
    finally:
        gc.unfreeze()


def test_paragraph_breaks_come_before_a_bundled_ner_that_runs_before_the_parser() -> None:
    """models/en runs its NER before the parser (its sentence starts would bound the entities); the line-break
    sentence starts still come first, so no entity crosses a paragraph."""
    from pipelines.nlp.assemble import build_nlp
    from pipelines.nlp.paragraphs import PARAGRAPHS_FACTORY
    from tests.nlp.conftest import model_path, model_ready

    if not model_ready("en"):
        pytest.skip("models/en is not built")
    nlp = build_nlp("en", str(model_path("en")))[0]
    names = nlp.pipe_names
    paragraphs = next(i for i, n in enumerate(names) if nlp.get_pipe_meta(n).factory == PARAGRAPHS_FACTORY)
    assert paragraphs < names.index("ner") < names.index("parser"), names
