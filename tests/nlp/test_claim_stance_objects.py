"""What a stance verb, a passive or a quoting verb reports (issue 17, English, the judged r5 misses of real news):
the object noun phrase of a verb flagged ``proposition`` is no content ("vows support measures"), a clause
before or beside it is not its report either; an agentless passive reports no one's statement ("have been
reported found | along the shore, most of them …"); "X quoted Y as saying" is Y's; the addressee of "told" is
not part of the quotation; a time clause before the cue is not what was said. Sentences written for claimflow."""

from __future__ import annotations

from datetime import UTC, datetime

import pytest

from tests.nlp.conftest import pipeline, run_claims

PUBLISHED = datetime(2025, 5, 6, 9, 0, tzinfo=UTC)
ATTRIBUTED = ("direct_quote", "indirect", "according_to")


def _attributed(text: str) -> list[dict[str, object]]:
    return [c for c in run_claims(pipeline("en", True), text, PUBLISHED) if c["attribution"] in ATTRIBUTED]


@pytest.mark.slow
@pytest.mark.parametrize(
    ("text", "cue"),
    [
        ("The opposition leader vows support measures for farmers as he opens the campaign.", "vows"),
        ("The senator recalled his years in the navy during the speech.", "recalled"),
        (
            "The shelling stopped overnight, and the mayor highlighted the calm of the residents.",
            "highlighted",
        ),
    ],
)
def test_a_stance_verb_s_object_is_no_content(text: str, cue: str) -> None:
    # the pack flags these cues ``proposition``: an object noun phrase, or a clause the cue does not govern,
    # is not what was said
    claims = _attributed(text)
    assert all(c["cue_text"] != cue for c in claims), claims


@pytest.mark.slow
def test_a_stance_verb_keeps_its_complement_clause() -> None:
    claims = _attributed("The opposition leader vowed that taxes would fall next year.")
    assert [(c["cue_text"], c["content"]) for c in claims] == [("vowed", "taxes would fall next year")]


@pytest.mark.slow
def test_an_agentless_passive_reports_no_statement() -> None:
    text = "The visitors have been promised the presence of armed guards at the hotel."
    assert _attributed(text) == []
    # a passive with its clause stays the report
    claims = _attributed("It was announced on Monday that the plant would close.")
    assert [c["content"] for c in claims] == ["the plant would close"]


@pytest.mark.slow
def test_the_one_quoted_as_saying_is_the_speaker_of_the_quotation() -> None:
    claims = _attributed('"No, they have good intentions," the minister quoted the envoy as saying.')
    assert [(c["content"], c["claimant"]) for c in claims] == [("No, they have good intentions", "envoy")]


@pytest.mark.slow
def test_the_addressee_of_told_is_not_part_of_the_quotation() -> None:
    text = 'The senator told a crowd of about 300 farmers in the town square, "Keep your eyes open. We want to win."'
    claims = _attributed(text)
    assert [c["content"] for c in claims] == ["Keep your eyes open. We want to win"]


@pytest.mark.slow
def test_a_time_clause_before_the_cue_is_not_the_content() -> None:
    claims = _attributed(
        "When the minister returned to the podium, he said the talks would resume on Thursday."
    )
    assert [c["content"] for c in claims] == ["the talks would resume on Thursday"]


@pytest.mark.parametrize(
    "text",
    [
        "Northwind Freight shares sink after profit warning.",  # a headline: "shares" is the noun
        "Baltic Rail shares tumble as strike spreads.",
    ],
)
def test_a_plural_noun_read_as_a_reporting_verb_before_a_bare_predicate_reports_nothing(text: str) -> None:
    claims = _attributed(text)
    assert all(c["cue_text"] != "shares" for c in claims), claims


@pytest.mark.parametrize(
    ("text", "hedge"),
    [
        ("The general is said to have blamed the air force for the losses.", "is said to"),
        ("The rebels are reported to have seized two villages near the border.", "are reported to"),
    ],
)
def test_hearsay_with_no_one_named_is_the_outlets_hedged_claim(text: str, hedge: str) -> None:
    # the tagger marks the passive as a cue and the infinitive as its content: a fragment, with no one who says it
    claims = run_claims(pipeline("en", True), text, PUBLISHED)
    assert [(c["attribution"], c["content"], c["hedge_cues"]) for c in claims] == [
        ("unattributed", text.rstrip("."), [hedge])
    ]
