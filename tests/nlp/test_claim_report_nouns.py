"""Reports named by a noun whose possessor is the source (issue 17): "Moscow's claim that …", "the ministry's
statement that …". The claimant is the possessor, the cue the noun and the content the "that" clause up to the
sentence's own predicate, also inside another claim's content ("Kyiv dismissed Russia's claims that …": the claim
analysts want is Russia's). English sentences written for claimflow (``report_nouns`` in the en pack)."""

from __future__ import annotations

from datetime import UTC, datetime

import pytest

from tests.nlp.conftest import pipeline, run_claims

PUB = datetime(2025, 12, 1, 9, 0, tzinfo=UTC)


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        (
            "Moscow's assertion that the strike hit only military targets was rejected by Kyiv.",
            ("Moscow", "assertion", "the strike hit only military targets"),
        ),
        (
            "Kyiv dismissed Russia's repeated claims that Ukrainian forces had shelled the plant.",
            ("Russia", "claim", "Ukrainian forces had shelled the plant"),
        ),
        (
            "The ministry's statement that two drones were downed came hours later.",
            ("ministry", "statement", "two drones were downed"),
        ),
        (
            "The army's claim that it would not retreat and that reinforcements were coming was repeated.",
            ("army", "claim", "it would not retreat and that reinforcements were coming"),
        ),
        (
            "The court rejected the envoy's argument that the arrest, which took place in March, was illegal.",
            ("envoy", "argument", "the arrest, which took place in March, was illegal"),
        ),
    ],
)
def test_a_possessive_report_noun_is_a_claim_of_its_possessor(
    text: str, expected: tuple[str, str, str]
) -> None:
    claims = run_claims(pipeline("en", True), text, PUB)
    found = [(c["claimant"], c["cue"], c["content"]) for c in claims if c["cue"] == expected[1]]
    assert found == [expected], claims


@pytest.mark.parametrize(
    "text",
    [
        "The claim that the bridge fell was false.",  # no possessor: no source
        "Moscow's claim was rejected by Kyiv.",  # no clause
        "The minister's statement on the strike was short.",  # no "that" clause
    ],
)
def test_no_report_noun_claim_without_possessor_and_clause(text: str) -> None:
    claims = run_claims(pipeline("en", True), text, PUB)
    assert not [c for c in claims if c["cue"] in ("claim", "statement")], claims
