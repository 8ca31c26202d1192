"""A quotation over several sentences is one claim (issue 17): its content is the whole quotation, its
``sentence_index`` the quotation's first sentence, its claimant the speaker named before or after it (not a name
of an earlier sentence). English, Russian and Ukrainian; sentences written for claimflow."""

from __future__ import annotations

from datetime import UTC, datetime

import pytest

from tests.nlp.conftest import pipeline, run_claims

PUBLISHED = datetime(2025, 5, 6, 9, 0, tzinfo=UTC)

CASES = [
    # (language, text, the quotation, the speaker's word in the claimant)
    ("en", 'The mayor visited the school on Monday. "The roof is gone. The children study in the basement. '
     'We need help before winter," said Olena Koval, the headteacher.',
     "The roof is gone. The children study in the basement. We need help before winter", "Koval"),
    ("en", 'Olena Koval, the headteacher, said: "The roof is gone. The children study in the basement. '
     'We need help before winter."',
     "The roof is gone. The children study in the basement. We need help before winter", "Koval"),
    ("ru", "Мэр посетил школу в понедельник. «Крыши больше нет. Дети учатся в подвале. Нам нужна помощь "
     "до зимы», — отметила директор школы Елена Коваль.",
     "Крыши больше нет. Дети учатся в подвале. Нам нужна помощь до зимы", "Коваль"),
    ("uk", "Мер відвідав школу в понеділок. «Даху більше немає. Діти навчаються в підвалі. Нам потрібна "
     "допомога до зими», — каже директорка школи Олена Коваль.",
     "Даху більше немає. Діти навчаються в підвалі. Нам потрібна допомога до зими", "Коваль"),
]  # fmt: skip


@pytest.mark.slow
@pytest.mark.parametrize(("lang", "text", "quotation", "speaker"), CASES)
def test_quotation_over_sentences_is_one_claim(lang: str, text: str, quotation: str, speaker: str) -> None:
    claims = run_claims(pipeline(lang, True), text, PUBLISHED)
    inside = [c for c in claims if c["content_start"] >= text.index(quotation[:10])]
    assert [c["content"] for c in inside] == [quotation]
    c = inside[0]
    assert c["attribution"] == "direct_quote" and speaker in (c["claimant"] or "")
    assert c["sentence_index"] == (0 if text.startswith(c["claimant"] or "-") else 1)
    assert text[c["content_start"] : c["content_end"]] == quotation


def test_a_straight_quotation_left_open_ends_with_its_paragraph() -> None:
    # news style: a quotation that goes on in the next paragraph is reopened there, never closed across the
    # break; pairing the marks across it would quote the writer's words between two quotations
    from pipelines.nlp.claims.spans import quote_regions

    text = (
        'A soldier wrote to his wife, "I will be home by spring.\n\n"The war will end soon." In another '
        'letter, a mother wrote to the president.\n\n"He is innocent," she wrote.'
    )
    quoted = [text[s:e] for s, e in quote_regions(text, 0, {'"': '"'})]
    assert quoted == ['"I will be home by spring.', '"The war will end soon."', '"He is innocent,"']


@pytest.mark.slow
def test_writer_sentence_between_paragraph_quotations_is_not_quoted() -> None:
    text = (
        'In one letter, a soldier wrote his wife, "I will be home by spring.\n\n"The war will end soon." '
        "The soldier was pardoned in 1865.\n\n"
        '"He is innocent," his mother wrote.'
    )
    claims = run_claims(pipeline("en", True), text, PUBLISHED)
    pardoned = [c for c in claims if c["content"].startswith("The soldier was pardoned")]
    assert all(c["attribution"] != "direct_quote" for c in pardoned), claims


@pytest.mark.slow
@pytest.mark.parametrize(
    "text",
    [
        "Folha quoted Bianchi's lawyer as saying he had once been jailed in Spain.",
        "The agency quoted Captain Ivan Petrov as saying the bridge was destroyed.",
    ],
)
def test_who_is_quoted_as_saying_is_the_speaker(text: str) -> None:
    # "X quoted Y as saying …": Y said it; X only reports Y's words (pack quoting_verbs)
    claims = run_claims(pipeline("en", True), text, PUBLISHED)
    subject = text.split()[0] if text.split()[0] != "The" else "agency"
    assert all(subject not in (c["claimant"] or "") for c in claims), claims
    assert all(c["cue_text"] != "quoted" for c in claims), claims


@pytest.mark.slow
def test_a_content_running_into_the_writer_s_next_sentence_does_not_hold() -> None:
    # the learned tagger's content may run past the source tail into the writer's next sentence
    # ('"…," she said. | The boy was taken …'): validity.learned_content_holds rejects it, keeps the quotation
    from dataclasses import replace

    from pipelines.nlp.assemble import claims_component
    from pipelines.nlp.claims import validity

    text = (
        '"We do not know yet. It is too early to tell," she said. '
        "The boy was taken from his school in Kharkiv on Monday."
    )
    nlp = pipeline("en", True)
    claims, ctx = claims_component(nlp).extractor.extract(nlp(text), PUBLISHED)
    quote = next(c for c in claims if c.content.startswith("We do not know"))
    cue = text.index("said")
    run_on = replace(
        quote,
        attribution="indirect",
        cue_span=(cue, cue + 4),
        content_start=text.index("The boy"),
        content_end=len(text) - 1,
    )
    assert validity.learned_content_holds(ctx, replace(quote, cue_span=(cue, cue + 4)))
    assert not validity.learned_content_holds(ctx, run_on)


@pytest.mark.parametrize(
    ("text", "start", "end", "expected"),
    [
        ('He called it "a flagrant violation" today.', 3, 34, 'called it "a flagrant violation"'),
        ("Он назвал это «выдумками» вчера.", 3, 24, "назвал это «выдумками»"),
        ("«внаслідок падіння уламків» сталася пожежа", 1, 42, "«внаслідок падіння уламків» сталася пожежа"),
        ("Он сказал „нет“ и ушёл.", 3, 14, "сказал „нет“"),
        ('He said "no" and left.', 3, 12, 'said "no"'),  # balanced: unchanged
        ("They said «no» and left.", 5, 9, "said"),  # no quotation inside: unchanged
    ],
)
def test_a_span_keeps_the_mark_that_closes_or_opens_its_quotation(
    text: str, start: int, end: int, expected: str
) -> None:
    from pipelines.nlp.claims.spans import balance_quotes

    s, e = balance_quotes(text, start, end)
    assert text[s:e] == expected


@pytest.mark.parametrize(
    ("lang", "text", "content"),
    [
        (
            "en",
            'The ministry said the strike was "a flagrant violation of our airspace".',
            'the strike was "a flagrant violation of our airspace"',
        ),
        (
            "ru",
            "Министр заявил, что такие сообщения — «выдумки украинской пропаганды».",
            "такие сообщения — «выдумки украинской пропаганды»",
        ),
        (
            "uk",
            "Командир заявив, що ситуація залишається складною, але «під контролем».",
            "ситуація залишається складною, але «під контролем»",
        ),
    ],
)
def test_a_content_that_ends_inside_a_quotation_keeps_its_closing_mark(
    lang: str, text: str, content: str
) -> None:
    claims = run_claims(pipeline(lang, True), text, PUBLISHED)
    assert [c["content"] for c in claims if c["attribution"] != "unattributed"] == [content]
