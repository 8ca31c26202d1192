"""The model registry and the entity stage with a non-bundled pipeline (OntoNotes labels, like the
official spaCy pipelines, which cannot be downloaded here)."""

from __future__ import annotations

from datetime import UTC, datetime
from pathlib import Path

import apache_beam as beam
import pytest
import spacy
from apache_beam.options.pipeline_options import PipelineOptions
from apache_beam.testing.util import assert_that, equal_to

from pipelines.errors import ModelNotFound
from pipelines.extract_entities import ExtractEntities
from pipelines.nlp import registry
from pipelines.nlp.assemble import build_nlp
from pipelines.records import Article


def _article(text: str, lang: str) -> Article:
    return Article(
        article_id=f"a-{lang}", source="s", url="https://example.org", title="t",
        published_at=datetime(2025, 1, 7, tzinfo=UTC), text=text, content_type="text", language_hint=None,
        schema_version="1", source_topic="t", source_partition=0, source_offset=0, source_timestamp_ms=0,
        language=lang, language_confidence=1.0, language_detector="test",
    )  # fmt: skip


@pytest.fixture(scope="module")
def ontonotes_pipeline(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """A pipeline whose NER speaks OntoNotes (PERSON, GPE, NORP), saved to a directory."""
    nlp = spacy.blank("en")
    ruler = nlp.add_pipe("entity_ruler")
    ruler.add_patterns(
        [
            {"label": "PERSON", "pattern": "Keith Kellogg"},
            {"label": "GPE", "pattern": "Kyiv"},
            {"label": "NORP", "pattern": "Ukrainian"},
            {"label": "DATE", "pattern": "Monday"},
        ]
    )
    nlp.add_pipe("sentencizer")
    path = tmp_path_factory.mktemp("models") / "en_ontonotes"
    nlp.to_disk(path)
    return path


def test_a_path_spec_with_ontonotes_labels_is_mapped_to_claimflow_labels(ontonotes_pipeline: Path) -> None:
    text = "Keith Kellogg visited Kyiv on Monday. Ukrainian officials met him."
    with beam.Pipeline(
        options=PipelineOptions(["--runner=apache_beam.runners.portability.fn_api_runner.FnApiRunner"])
    ) as p:
        out = (
            p
            | beam.Create([_article(text, "en"), _article("Ein kurzer deutscher Satz. Noch einer.", "de")])
            | ExtractEntities({"en": str(ontonotes_pipeline)}, batch_size=4)
        )
        ents = out.annotations | "Ents" >> beam.FlatMap(
            lambda a: [(e["text"], e["label"]) for e in a.entities]
        )
        flags = out.annotations | "Flags" >> beam.Map(
            lambda a: (a.article.language, a.fallback, a.sentence_count)
        )
        # DATE is not a claimflow label: dropped. NORP maps to MISC.
        assert_that(
            ents, equal_to([("Keith Kellogg", "PER"), ("Kyiv", "LOC"), ("Ukrainian", "MISC")]), label="ents"
        )
        # German has no configured model: the fallback splits sentences and is flagged.
        assert_that(flags, equal_to([("en", False, 2), ("de", True, 2)]), label="flags")


def test_missing_models_fail_before_the_pipeline_with_the_fix(tmp_path: Path) -> None:
    with pytest.raises(
        ModelNotFound, match=r"not a pipeline directory.*bundled:<lang> \(run `make models`\)"
    ):
        registry.require("en", str(tmp_path / "nothing-here"))
    with pytest.raises(ModelNotFound, match=r"not installed.*claimflow models install en_core_web_sm"):
        registry.require("en", "en_core_web_sm_not_installed")
    info = registry.resolve("en", "bundled:en")
    assert info.location.endswith("models/en")


class _Once:
    """Annotates each doc once and refuses a second pass (as spaCy refuses to re-segment a parsed doc);
    fails outright on the word BOOM."""

    def __call__(self, doc):  # type: ignore[no-untyped-def]
        if doc.user_data.get("seen"):
            raise ValueError("this doc was already processed")
        doc.user_data["seen"] = True
        if "BOOM" in doc.text:
            raise ValueError("BOOM in the text")
        return doc


@spacy.Language.factory("claimflow_test_once")
def _make_once(nlp, name):  # type: ignore[no-untyped-def]
    return _Once()


def test_one_failing_article_rejects_only_itself(tmp_path: Path) -> None:
    from pipelines.extract_entities import SpacyModelHandler
    from pipelines.records import Reject

    nlp = spacy.blank("en")
    nlp.add_pipe("sentencizer")
    nlp.add_pipe("claimflow_test_once")
    handler = SpacyModelHandler("en", str(tmp_path), batch_size=8, max_text_chars=1000)
    handler.load_model = lambda: nlp  # type: ignore[method-assign]
    batch = [
        _article("First fine text.", "en"),
        _article("This one says BOOM.", "en"),
        _article("Fine.", "en"),
    ]
    results = list(handler.run_inference(batch, handler.load_model()))
    kinds = [type(r).__name__ for r in results]
    assert kinds == ["Annotation", "Reject", "Annotation"]
    reject = results[1]
    assert isinstance(reject, Reject) and "BOOM in the text" in reject.error_message


def _tiny_ru_pipeline(path: Path, *, names_only: bool) -> None:
    nlp = spacy.blank("ru")
    ruler = nlp.add_pipe("entity_ruler")
    ruler.add_patterns([{"label": "LOC", "pattern": "Торецк"}, {"label": "LOC", "pattern": "российские"}])
    if names_only:
        nlp.add_pipe("claimflow_names_only_v1", name="names_only")
        nlp.disable_pipe("names_only")
    nlp.to_disk(path)


def test_bundled_names_switch_enables_the_disabled_names_only_component(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(registry, "models_dir", lambda: tmp_path)
    _tiny_ru_pipeline(tmp_path / "ru", names_only=True)
    text = "российские войска у Торецк"
    plain = registry.load_model(registry.require("ru", "bundled:ru"))
    assert [e.text for e in plain(text).ents] == ["российские", "Торецк"]
    info = registry.require("ru", "bundled:ru-names")
    assert info.location == str(tmp_path / "ru") and info.enable == ("names_only",)
    assert info.name.endswith("+names_only")
    assert [e.text for e in registry.load_model(info)(text).ents] == ["Торецк"]
    nlp, label, _ = build_nlp("ru", "bundled:ru-names")
    assert "names_only" not in nlp.disabled and label.startswith(info.name)


def test_bundled_names_switch_on_a_pipeline_without_the_component_names_the_problem(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(registry, "models_dir", lambda: tmp_path)
    _tiny_ru_pipeline(tmp_path / "uk", names_only=False)
    with pytest.raises(ModelNotFound, match=r"has no disabled 'names_only' component.*bundled:<lang>-names"):
        registry.require("uk", "bundled:uk-names")
    assert not registry.resolve("uk", "bundled:uk-names").installed
