"""The API contract of the claim layer: factories, extensions, the Claim shape, validation, gazetteer
precedence, config example and fingerprint stability."""

from __future__ import annotations

import json
import pickle
from datetime import datetime, timedelta, timezone

import pytest
import spacy
from spacy.tokens import Span
from spacy.util import load_config, load_model_from_config

import pipelines.nlp.claims as claims_pkg
from pipelines.nlp.claims import CLAIM_KEYS, CLAIMANT_TYPES, QUALIFIERS, Claim
from pipelines.nlp.gazetteer import GAZETTEER_FACTORY
from pipelines.nlp.paragraphs import PARAGRAPHS_FACTORY
from pipelines.resources import data_dir, schemas_dir
from tests.nlp.conftest import pipeline, run_claims

PUB = datetime(2025, 1, 7, 13, 25, tzinfo=timezone(timedelta(hours=3)))
TEXT = (
    "Ukrainian media report that Russian troops are repelling an offensive in the Kursk region. "
    "According to the source, more than 70 pieces of equipment were lost on Monday.\n"
    "“We will hold Pokrovsk,” the commander said. Russian forces reportedly shelled Kharkiv."
)


def test_factories_and_extensions_are_registered() -> None:
    from spacy.language import Language
    from spacy.tokens import Doc

    for name in (claims_pkg.CLAIMS_FACTORY, GAZETTEER_FACTORY, PARAGRAPHS_FACTORY):
        assert Language.has_factory(name)
    assert Doc.has_extension("published_at") and Doc.has_extension("claims")
    assert Span.has_extension("canonical")


def test_claims_follow_the_contract() -> None:
    nlp = pipeline("en", False)
    doc = nlp.make_doc(TEXT)
    doc._.published_at = PUB
    doc = next(iter(nlp.pipe([doc])))
    assert all(isinstance(c, Claim) for c in doc._.claims)
    claims = [c.as_dict() for c in doc._.claims]
    assert len(claims) >= 4
    events = set(json.loads((schemas_dir() / "event_types.json").read_text())["event_types"])
    for c in claims:
        assert tuple(c) == CLAIM_KEYS
        assert doc.text[c["char_start"] : c["char_end"]] == c["sentence"]
        assert doc.text[c["content_start"] : c["content_end"]] == c["content"]
        assert c["char_start"] <= c["content_start"] < c["content_end"] <= c["char_end"]
        assert c["attribution"] in claims_pkg.ATTRIBUTIONS
        assert c["claimant_type"] is None or c["claimant_type"] in CLAIMANT_TYPES
        assert c["event_type"] in events
        assert all(q["qualifier"] in QUALIFIERS for q in c["quantities"])
        assert all(
            set(q) == {"text", "value", "lower_bound", "upper_bound", "qualifier", "unit"}
            for q in c["quantities"]
        )
        assert all(set(t) == {"text", "resolved_start", "resolved_end"} for t in c["times"])
        assert isinstance(c["hedged"], bool) and isinstance(c["negated"], bool)
        clusterable = c["event_type"] != "other" and bool(c["actors"] or c["locations"])
        assert (c["fingerprint"] is not None and len(c["fingerprint"]) == 16) == clusterable, c
    assert pickle.loads(pickle.dumps(doc._.claims)) == doc._.claims
    kinds = {c["attribution"] for c in claims}
    assert {"indirect", "according_to", "direct_quote", "unattributed"} <= kinds


def test_published_at_is_validated() -> None:
    nlp = pipeline("en", False)
    doc = nlp.make_doc("The ministry said it had captured the town.")
    doc._.published_at = datetime(2025, 1, 7)
    with pytest.raises(ValueError, match="timezone-aware"):
        next(iter(nlp.pipe([doc])))
    doc = nlp.make_doc("The ministry said it had captured the town.")
    doc._.published_at = "2025-01-07"
    with pytest.raises(TypeError, match="allowed"):
        next(iter(nlp.pipe([doc])))


def test_without_published_at_times_stay_unresolved() -> None:
    claims = run_claims(pipeline("en", False), "The ministry said yesterday it had captured the town.", None)
    assert claims[0]["times"] == [{"text": "yesterday", "resolved_start": None, "resolved_end": None}]


def test_unsupported_language_is_a_clear_error() -> None:
    nlp = spacy.blank("de")
    with pytest.raises(ValueError, match="allowed"):
        nlp.add_pipe(claims_pkg.CLAIMS_FACTORY)


def test_config_example_builds_a_working_pipeline() -> None:
    config = load_config(data_dir() / "claims_components.cfg")
    nlp = load_model_from_config(config, auto_fill=True)
    assert nlp.pipe_names == ["paragraphs", "gazetteer", "claims"]
    assert nlp.get_pipe("claims").extractor.max_claims == 500
    claims = run_claims(nlp, "According to unconfirmed reports, Russian forces entered Toretsk.", PUB)
    assert claims and claims[0]["hedged"]


def test_max_claims_per_doc() -> None:
    nlp = spacy.blank("en")
    nlp.add_pipe(claims_pkg.CLAIMS_FACTORY, config={"max_claims_per_doc": 1})
    assert len(run_claims(nlp, TEXT, PUB)) == 1
    with pytest.raises(ValueError, match="max_claims_per_doc"):
        spacy.blank("en").add_pipe(claims_pkg.CLAIMS_FACTORY, config={"max_claims_per_doc": 0})


def test_gazetteer_precedence_and_label_mapping() -> None:
    nlp = spacy.blank("en")
    gaz = nlp.add_pipe(GAZETTEER_FACTORY)
    doc = nlp.make_doc("The Armed Forces of Ukraine left Kurakhove , said Reuters Television on 5 May .")
    # statistical NER output: a shorter GPE inside a longer alias, a mislabelled place, a longer ORG, a DATE
    doc.ents = [
        Span(doc, 4, 5, "GPE"),
        Span(doc, 6, 7, "PERSON"),
        Span(doc, 9, 11, "ORG"),
        Span(doc, 12, 14, "DATE"),
    ]
    doc = gaz(doc)
    got = [(e.text, e.label_, e._.canonical) for e in doc.ents]
    assert got == [
        (
            "Armed Forces of Ukraine",
            "ORG",
            "Armed Forces of Ukraine",
        ),  # alias covers the NER entity: replaced
        ("Kurakhove", "LOC", "Kurakhove"),  # same span: the alias label wins
        ("Reuters Television", "ORG", None),  # NER entity longer than the alias match: kept
    ]  # DATE has no PER/LOC/ORG/MISC equivalent: dropped


def test_gazetteer_drops_uncapitalised_names() -> None:
    nlp = spacy.blank("uk")
    gaz = nlp.add_pipe(GAZETTEER_FACTORY)
    doc = nlp.make_doc("Бої тривають у південній частині Часового Яру .")
    doc.ents = [Span(doc, 3, 5, "LOC"), Span(doc, 5, 7, "LOC")]  # a mislabelled common noun phrase, a place
    assert [(e.text, e.label_) for e in gaz(doc).ents] == [("Часового Яру", "LOC")]


def test_gazetteer_keeps_the_name_of_a_described_place_and_demotes_adjectives() -> None:
    # NEREL-style NER output (models/ru): a place with its description, a nationality adjective as LOC
    nlp = spacy.blank("ru")
    gaz = nlp.add_pipe(GAZETTEER_FACTORY)
    doc = nlp.make_doc("Украинская сторона отступила на юге Донецкой области .")
    doc.ents = [Span(doc, 0, 1, "LOC"), Span(doc, 4, 7, "LOC")]
    doc[0].pos_ = "ADJ"
    got = [(e.text, e.label_, e._.canonical) for e in gaz(doc).ents]
    assert got == [("Украинская", "MISC", None), ("Донецкой области", "LOC", "Donetsk")]


def test_gazetteer_names_before_a_direction_noun_are_places() -> None:
    nlp = spacy.blank("uk")
    gaz = nlp.add_pipe(GAZETTEER_FACTORY)
    doc = nlp.make_doc("На Торецькому та Часовоярському напрямках тривають бої , каже Часовоярському .")
    # the NER took the second direction for a surname; a name not followed by a direction noun keeps its label
    doc.ents = [Span(doc, 1, 2, "LOC"), Span(doc, 3, 4, "PER"), Span(doc, 9, 10, "PER")]
    assert [(e.text, e.label_) for e in gaz(doc).ents] == [
        ("Торецькому", "LOC"),
        ("Часовоярському", "LOC"),
        ("Часовоярському", "PER"),
    ]
    nlp = spacy.blank("en")
    gaz = nlp.add_pipe(GAZETTEER_FACTORY)
    doc = nlp.make_doc("Fighting on the Zarichne direction continued .")  # not in the alias table
    doc.ents = [Span(doc, 3, 4, "ORG")]
    assert [(e.text, e.label_) for e in gaz(doc).ents] == [("Zarichne", "LOC")]


def test_gazetteer_quoted_names_after_an_organisation_noun_are_organisations() -> None:
    nlp = spacy.blank("uk")
    gaz = nlp.add_pipe(GAZETTEER_FACTORY)
    doc = nlp.make_doc("Волонтери фонду « Світло Сходу » і читачі роману « Світло Сходу » .")
    doc.ents = [Span(doc, 3, 5, "MISC"), Span(doc, 10, 12, "MISC")]  # a charity; a novel stays MISC
    assert [(e.text, e.label_) for e in gaz(doc).ents] == [("Світло Сходу", "ORG"), ("Світло Сходу", "MISC")]


def test_gazetteer_splits_two_places_joined_by_a_preposition() -> None:
    nlp = spacy.blank("uk")
    gaz = nlp.add_pipe(GAZETTEER_FACTORY)
    doc = nlp.make_doc("Про захоплення Курахового на Донеччині заявили в Москві .")
    doc.ents = [Span(doc, 2, 5, "ORG")]  # the model's single span over two place names
    assert [(e.text, e.label_, e._.canonical) for e in gaz(doc).ents] == [
        ("Курахового", "LOC", "Kurakhove"),
        ("Донеччині", "LOC", "Donetsk"),
        ("Москві", "LOC", "Moscow"),
    ]
    doc = nlp.make_doc("Посольство США в Україні відкрите .")
    doc.ents = [Span(doc, 0, 4, "ORG")]  # a name with its own words: kept whole
    assert [(e.text, e.label_) for e in gaz(doc).ents] == [("Посольство США в Україні", "ORG")]


def test_same_event_from_two_outlets_shares_a_fingerprint() -> None:
    nlp = pipeline("en", False)
    a = run_claims(
        nlp, "Russian forces captured Kurakhove on Monday, the Russian Defence Ministry said.", PUB
    )
    b = run_claims(
        nlp, "Russian troops took control of Kurakhove on Monday, according to Ukrainian media.", PUB
    )
    c = run_claims(
        nlp, "Russian troops took control of Toretsk on Monday, according to Ukrainian media.", PUB
    )
    assert a[0]["event_type"] == b[0]["event_type"] == "capture"
    assert a[0]["claimant_side"] == "ru"
    assert a[0]["fingerprint"] == b[0]["fingerprint"] != c[0]["fingerprint"]
    assert (
        run_claims(nlp, "Russian forces captured Kurakhove on Monday.", PUB)[0]["fingerprint"]
        == a[0]["fingerprint"]
    )


def test_claims_that_name_no_event_or_no_actor_and_place_have_no_fingerprint() -> None:
    """Issue 17's catch-all clusters: claims of type ``other`` with neither actor nor place (and events with
    neither) got one fingerprint per week; now they get none and cannot form a cluster."""
    nlp = pipeline("en", False)
    texts = [
        "The situation remains difficult, the official said.",
        "Negotiations are expected to continue next week, a diplomat told reporters.",
        "Prices for bread rose again this month.",
        "The report was published on Monday.",
    ]
    rows = [r for t in texts for r in run_claims(nlp, t, PUB)]
    assert len(rows) >= len(texts)
    for r in rows:
        assert r["fingerprint"] is None, r
    # an event with a place keeps its fingerprint
    kept = run_claims(nlp, "Russian forces shelled Kherson overnight, the regional governor said.", PUB)
    assert kept[0]["event_type"] != "other" and kept[0]["fingerprint"] is not None


def test_fingerprint_is_null_unless_clusterable() -> None:
    from pipelines.nlp.claims.fingerprint import clusterable, fingerprint

    assert fingerprint("other", [], None, [], PUB) is None
    assert fingerprint("other", ["Armed Forces of Ukraine"], "Kherson", [], PUB) is None
    assert fingerprint("attack", [], None, [], PUB) is None
    assert fingerprint("attack", [" "], "", [], PUB) is None
    fp = fingerprint("attack", [], "Kherson", [], PUB)
    assert fp is not None and len(fp) == 16
    assert fingerprint("attack", ["Armed Forces of Ukraine"], None, [], PUB) is not None
    assert not clusterable("other", ["x"], "y") and clusterable("capture", [], "Kurakhove")
