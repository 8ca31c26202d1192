"""Reports inside a relative clause between commas, and reporting words inside a quotation (issue 17).

"The report, which officials said was leaked, …": the source stands between the relative pronoun and the cue, and
the report is the antecedent and what the clause says of it; before, the claim had no claimant and its content ran
on into the main clause ("was leaked …, describes …"), or the tagger's attribution kept "which officials said" in
its content. A reporting word inside a quotation is the quoted speaker's own ('"…, and so it requested an honest
diagnosis," Tusk said'): it is no claim of its own and never the quotation's cue. English sentences written for
claimflow; the relative pattern is English word order only."""

from __future__ import annotations

from datetime import UTC, datetime

import pytest

from tests.nlp.conftest import pipeline, run_claims

PUB = datetime(2025, 12, 1, 9, 0, tzinfo=UTC)


def _attributed(text: str) -> list[dict[str, object]]:
    return [c for c in run_claims(pipeline("en", True), text, PUB) if c["attribution"] != "unattributed"]


@pytest.mark.parametrize(
    ("text", "claimant", "content"),
    [
        (
            "The drone, which Ukraine's military said was shot down over Kyiv, carried explosives.",
            "Ukraine's military",
            "The drone, which Ukraine's military said was shot down over Kyiv",
        ),
        (
            "The suspect, who police said was armed and dangerous, fled the scene.",
            "police",
            "The suspect, who police said was armed and dangerous",
        ),
        (
            "They hit the depot, which the ministry said held fuel.",
            "ministry",
            "the depot, which the ministry said held fuel",
        ),
        (
            "The claims, which Moscow has repeatedly said are false, were repeated on Monday.",
            "Moscow",
            "The claims, which Moscow has repeatedly said are false",
        ),
    ],
)
def test_relative_clause_report(text: str, claimant: str, content: str) -> None:
    """(The drone's sentence has no attribution of the tagger: the rules' claim stands without one.)"""
    claims = _attributed(text)
    said = [c for c in claims if c["cue_text"] in ("said", "say")]
    assert [(c["claimant"], c["content"]) for c in said] == [(claimant, content)], claims


def test_relative_report_leaves_the_main_verb_alone() -> None:
    """The main clause's verb after the relative clause is no report with the relative clause for content."""
    text = "The report, which officials said was leaked to the press last week, describes heavy losses."
    claims = _attributed(text)
    said = [c for c in claims if c["cue_text"] == "said"]
    assert [(c["claimant"], c["content"]) for c in said] == [
        ("officials", "The report, which officials said was leaked to the press last week")
    ]
    assert not any(c["cue_text"] == "describes" and "which" in str(c["content"]) for c in claims), claims


@pytest.mark.parametrize(
    "text",
    [
        "He said that officials said was not enough.",  # no comma before the pronoun: no relative clause
        "The plan, which he said that he liked, was dropped.",  # "that" after the cue
    ],
)
def test_not_a_relative_report(text: str) -> None:
    claims = _attributed(text)
    assert not any(str(c["content"]).startswith("The plan, which") for c in claims), claims
    assert not any(c["claimant"] == "officials" for c in claims), claims


def test_a_cue_inside_the_quotation_is_not_its_cue() -> None:
    """A reporting word ("requested") inside the quotation: no claim of its own, and not the quotation's cue."""
    text = (
        '"It was a hard winter for the grid, and so the operator requested emergency aid from its neighbours," '
        "said Energy Minister Olena Koval."
    )
    claims = _attributed(text)
    assert [(c["claimant"], c["cue_text"]) for c in claims] == [("Olena Koval", "said")], claims


def test_a_quoted_word_is_not_joined_to_the_quoter() -> None:
    """A reporting word inside the quotation ("briefed") with its own subject there: the quotation's cue is "said
    in a statement", and "briefed" gives no second claim with the object as its content."""
    text = (
        '"The envoy briefed Minister Kovacs on the shelling of the border villages," the ministry said in a '
        "statement."
    )
    claims = _attributed(text)
    assert [c["cue_text"] for c in claims] == ["said in a statement"], claims
    assert claims[0]["content"] == "The envoy briefed Minister Kovacs on the shelling of the border villages"


def test_a_relative_that_after_the_object_opens_no_report() -> None:
    """ "stressed her support of the raid that killed …": "that" is the relative pronoun of "raid", not a
    complementizer of "stressed"; the content is no fragment of the relative clause."""
    claims = _attributed("The minister stressed her support of the raid that destroyed the depot.")
    assert not any(str(c["content"]).startswith("destroyed") for c in claims), claims


@pytest.mark.parametrize(
    ("text", "claimant", "content"),
    [
        ("The talks failed, said a spokesman who declined to be named.", "spokesman", "The talks failed"),
        (
            "The convoy was hit near the border, said Maria Lenz of the Geneva-based Relief Alliance that runs two "
            "of the depots.",
            "Maria Lenz",
            "The convoy was hit near the border",
        ),
    ],
)
def test_a_postposed_source_with_a_relative_clause(text: str, claimant: str, content: str) -> None:
    """ "A, said X who/that …": X is the source and A the report (the tagger may take X and its clause for the
    content)."""
    claims = _attributed(text)
    assert [(c["claimant"], c["content"]) for c in claims] == [(claimant, content)], claims
