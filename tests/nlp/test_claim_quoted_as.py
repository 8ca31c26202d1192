"""Reports carried by another's quoting verb ("X quoted Y as saying …", "Y was quoted as saying …"): the claimant
is whom the verb quotes, never the outlet (pipelines/nlp/claims/quoted_as.py). Sentences written for claimflow in
the shape of wire copy; the English model pipeline with its attribution tagger, and without it (rules alone)."""

from __future__ import annotations

from datetime import UTC, datetime

import pytest

from pipelines.nlp.assemble import build_nlp
from tests.nlp.conftest import model_path, model_ready, pipeline, run_claims

PUB = datetime(2025, 9, 4, 9, 0, tzinfo=UTC)

CASES = [
    # the outlet quotes its source, the report after "as saying" without "that"
    (
        "TASS quoted an official of the regional command as saying the convoy had left the city.",
        "official of the regional command",
        "the convoy had left the city",
    ),
    # the passive, adjuncts before "that"
    (
        "The governor was quoted as saying on Monday that the substation had been hit twice.",
        "governor",
        "the substation had been hit twice",
    ),
    # the passive with the outlet after the participle
    (
        "Deputy Health Minister Olga Marin was quoted as saying by the state news agency that the outbreak was"
        " contained.",
        "Olga Marin",
        "the outbreak was contained",
    ),
    # the quotation before the quoting clause
    (
        '"The bridge will reopen next week," the newspaper quoted the mayor as saying.',
        "mayor",
        "The bridge will reopen next week",
    ),
    # whom it was told, and when, before "that"
    (
        "State television quoted the chief negotiator, Anna Kovalenko, as telling a visiting delegation from"
        " Vilnius on Wednesday that it was time for direct talks.",
        "Anna Kovalenko",
        "it was time for direct talks",
    ),
    # a time after the participle, no "that"
    (
        "The central bank's governor was quoted as saying on Monday about 2 billion hryvnias had been recovered.",
        "central bank's governor",
        "about 2 billion hryvnias had been recovered",
    ),
    # a second report after a comma is another claim: the quotation before is what "saying" reports
    (
        '"He needs rest," the agency quoted spokesman Ivan Sorokin as saying, adding that the president was at'
        " a residence outside the capital.",
        "Ivan Sorokin",
        "He needs rest",
    ),
    # "report" frames a speaker as "quote" does, in the passive and in the active
    (
        "The talks will resume next week, Foreign Minister Jan Nowak was reported as saying on Wednesday.",
        "Jan Nowak",
        "The talks will resume next week",
    ),
    (
        "Reuters reported the minister as saying that the talks had failed.",
        "minister",
        "the talks had failed",
    ),
    # the passive after the quotation; where it was said is no report
    (
        '"We will not give up the port," Petrenko was quoted as saying in the weekly Dzerkalo.',
        "Petrenko",
        "We will not give up the port",
    ),
]


@pytest.mark.parametrize("learned", [True, False])
@pytest.mark.parametrize(("text", "claimant", "content"), CASES)
def test_the_quoted_speaker_is_the_claimant(text: str, claimant: str, content: str, learned: bool) -> None:
    if not model_ready("en"):
        pytest.skip("models/en is not built (no READY file)")
    nlp = pipeline("en", True) if learned else build_nlp("en", str(model_path("en")), learned=False)[0]
    said = [c for c in run_claims(nlp, text, PUB) if c["cue"] in ("say", "tell")]
    assert [(c["claimant"], c["content"]) for c in said] == [(claimant, content)], run_claims(nlp, text, PUB)


@pytest.mark.parametrize(
    "text",
    [
        "The shares were quoted at 2,340 in early trade.",  # a price, no speaker
        "Dealers quoted the rouble as weaker against the dollar.",  # "as" before an adjective, no participle
    ],
)
def test_a_quoting_verb_without_as_and_a_reporting_participle_gives_no_quoted_report(text: str) -> None:
    claims = run_claims(pipeline("en", True), text, PUB)
    assert all(c["cue"] != "say" for c in claims), claims


def test_the_outlet_that_quotes_makes_no_claim_of_whom_it_quotes() -> None:
    # the tagger marks "quoted" as a cue with the quoted speaker for its content: that is the frame, not a report
    text = "State media quoted the chief negotiator, Anna Kovalenko, as saying that talks would resume."
    claims = run_claims(pipeline("en", True), text, PUB)
    assert [(c["claimant"], c["cue_text"], c["content"]) for c in claims] == [
        ("Anna Kovalenko", "saying", "talks would resume")
    ]


def test_a_reporting_verb_inside_what_report_says_is_not_a_quoted_speakers() -> None:
    # "reported" is a quoting verb, but "allegedly shared" after its clause is no "as saying": the tabloid reports
    text = (
        "The adviser quit after a tabloid reported he had met a lobbyist, with whom he allegedly shared campaign"
        " documents."
    )
    claims = [c for c in run_claims(pipeline("en", True), text, PUB) if c["cue"] == "report"]
    assert [c["claimant"] for c in claims] == ["tabloid"], claims
