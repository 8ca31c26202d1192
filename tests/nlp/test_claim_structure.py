"""Attribution and enrichment on sentence structure (issue 17): a source after the cue, the complement after
"что" rather than the addressee, "По его словам", a topic that is no proposition, event types and negation that
belong to the predicate. Sentences written for claimflow."""

from __future__ import annotations

from datetime import UTC, datetime
from typing import Any

import pytest

from tests.nlp.conftest import pipeline, run_claims

PUB = datetime(2025, 3, 4, 9, 0, tzinfo=UTC)


def _claims(lang: str, text: str, *, model: bool = True) -> list[dict[str, Any]]:
    return run_claims(pipeline(lang, model), text, PUB)


def _one(lang: str, text: str, starts: str, *, model: bool = True) -> dict[str, Any]:
    found = [c for c in _claims(lang, text, model=model) if c["content"].startswith(starts)]
    assert len(found) == 1, [(c["attribution"], c["claimant"], c["content"]) for c in _claims(lang, text)]
    return found[0]


@pytest.mark.parametrize("model", [True, False], ids=["model", "blank"])
@pytest.mark.parametrize(
    ("lang", "text", "content", "claimant"),
    [
        (
            "ru",
            "Российские войска не взяли Торецк, заявили в Генштабе ВСУ.",
            "Российские войска не взяли",
            "Генштабе ВСУ",
        ),
        (
            "ru",
            "Ремонтные бригады восстанавливают танки, поврежденные в боях, рассказал командир батальона.",
            "Ремонтные бригады",
            "командир батальона",
        ),
        (
            "uk",
            "Ремонтники відновлюють танки, пошкоджені в боях, розповів командир батальйону.",
            "Ремонтники відновлюють",
            "командир батальйону",
        ),
    ],
)
def test_the_source_after_the_cue_is_the_claimant(
    lang: str, text: str, content: str, claimant: str, model: bool
) -> None:
    claim = _one(lang, text, content, model=model)
    assert claim["attribution"] == "indirect" and claim["claimant"] == claimant


def test_the_complement_after_that_not_the_addressee_is_the_content() -> None:
    claim = _one(
        "ru",
        "Пресс-секретарь президента России Дмитрий Песков заявил журналистам, что говорить о встрече "
        "пока преждевременно.",
        "говорить о встрече",
    )
    assert claim["attribution"] == "indirect" and claim["claimant_canonical"] == "Dmitry Peskov"


@pytest.mark.parametrize(
    ("lang", "text", "content", "canonical"),
    [
        (
            "ru",
            "Без света остались 14 населенных пунктов, сообщил врио губернатора Александр Хинштейн. "
            "По его словам, аварийные бригады приступили к работам.",
            "аварийные бригады",
            "Alexander Khinshtein",
        ),
        (
            "uk",
            "Без світла залишилися 14 населених пунктів, повідомив очільник ОВА Олег Кіпер. "
            "За його словами, аварійні бригади вже працюють.",
            "аварійні бригади",
            "Oleh Kiper",
        ),
    ],
)
def test_a_pronoun_inside_according_to_is_the_claimant(
    lang: str, text: str, content: str, canonical: str
) -> None:
    claim = _one(lang, text, content)
    assert claim["attribution"] == "according_to" and claim["claimant_canonical"] == canonical


def test_a_topic_is_no_proposition_and_no_negated_event() -> None:
    claim = _one("en", "The Kremlin did not comment on the overnight attack on the oil depot.", "The Kremlin")
    assert (claim["attribution"], claim["event_type"], claim["negated"]) == ("unattributed", "other", True)


def test_the_subjects_article_is_not_the_reports_last_word() -> None:
    claim = _one(
        "en", "Russian forces shelled Kherson overnight, the regional governor said.", "Russian forces"
    )
    assert claim["content"] == "Russian forces shelled Kherson overnight"
    assert claim["event_type"] == "attack"


@pytest.mark.parametrize(
    ("lang", "text", "starts", "event_type"),
    [
        (
            "en",
            "Field workshops are repairing tanks damaged in the fighting, the commander said.",
            "Field",
            "other",
        ),
        (
            "en",
            "Volunteers evacuated 140 civilians from Pokrovsk, the governor said.",
            "Volunteers",
            "evacuation",
        ),
        (
            "en",
            "Russia delivered a massive strike on Kyiv overnight, the Air Force said.",
            "Russia",
            "attack",
        ),
        ("ru", "Стороны обсудили прекращение огня, сообщил Песков.", "Стороны", "negotiation"),
        ("ru", "В Кремле не стали комментировать атаку на нефтебазу.", "В Кремле", "other"),
        ("uk", "У Кремлі не коментували атаку на нафтобазу.", "У Кремлі", "other"),
    ],
)
def test_event_type_comes_from_the_predicate_not_a_single_word(
    lang: str, text: str, starts: str, event_type: str
) -> None:
    assert _one(lang, text, starts)["event_type"] == event_type


@pytest.mark.parametrize(
    ("lang", "text", "starts"),
    [
        (
            "uk",
            "Міністерство оборони Росії вчора заявило про захоплення кількох кварталів Часового Яру.",
            "про захоплення",
        ),
        ("ru", "Генштаб ВСУ не подтвердил потерю города и сообщил, что бои продолжаются.", "потерю города"),
    ],
)
def test_a_nominalised_event_or_object_after_an_assertive_cue_stays_a_claim(
    lang: str, text: str, starts: str
) -> None:
    assert _one(lang, text, starts)["attribution"] == "indirect"


def test_a_topic_introduction_is_no_attributed_claim() -> None:
    found = _claims("ru", "Посол в интервью РИА Новости рассказал о перспективах работы посольств.")
    assert all(c["attribution"] == "unattributed" for c in found), found


def test_an_addressee_before_the_postposed_speaker_is_not_the_claimant() -> None:
    claim = _one(
        "ru",
        "Восстановление водоснабжения в Курахово начнется в ближайшие недели, рассказал РИА Новости глава ДНР "
        "Денис Пушилин.",
        "Восстановление",
    )
    assert claim["claimant_canonical"] == "Denis Pushilin"


def test_a_dative_addressee_is_never_the_content() -> None:
    found = _claims(
        "ru",
        "Хирург районной больницы, попросивший не называть его имени, рассказал нашему изданию о работе в "
        "прифронтовой зоне.",
    )
    assert all(
        "изданию" not in (c["claimant"] or "") and not c["content"].startswith("изданию") for c in found
    )


@pytest.mark.parametrize(
    ("lang", "text", "starts"),
    [
        ("en", "Firefighters put out the blaze by morning and nobody was injured.", "Firefighters"),
        ("uk", "Персоналу бракує, але ніхто не звільнився.", "Персоналу"),
    ],
)
def test_negation_in_a_conjunct_with_its_own_subject_does_not_negate_the_claim(
    lang: str, text: str, starts: str
) -> None:
    assert _one(lang, text, starts)["negated"] is False


def test_negation_of_the_main_predicate_still_negates_the_claim() -> None:
    assert _one("en", "The army did not withdraw from the town.", "The army")["negated"] is True


def test_a_participle_before_its_noun_is_no_cue() -> None:
    # "claimed" modifies "victory": nobody is reported to claim anything (it was an indirect claim of "victory …")
    claims = _claims("en", "The claimed victory was celebrated in Moscow on Monday.")
    assert [(c["attribution"], c["cue"]) for c in claims] == [("unattributed", None)], claims


@pytest.mark.parametrize(
    ("lang", "text", "claimant"),
    [
        # an emphatic reflexive after the name is no claimant of its own (the parser made it the subject)
        ("en", "Rick Santorum himself has acknowledged that the term exists.", "Rick Santorum"),
        ("ru", "Зеленский сам заявил, что переговоры невозможны.", "Зеленский"),
    ],
)
def test_an_emphatic_reflexive_leaves_the_name_as_claimant(lang: str, text: str, claimant: str) -> None:
    attributed = [c for c in _claims(lang, text) if c["attribution"] != "unattributed"]
    assert [c["claimant"] for c in attributed] == [claimant], attributed


@pytest.mark.parametrize(
    "text",
    [
        "The capsule collected samples from a comet, also known as Wild 2, in 2004.",
        "There is another topic which is called representation theory.",
        "And to all who voted against me, let me say I hold no grudge at all.",
    ],
)
def test_naming_and_the_writers_let_me_say_name_no_claimant(text: str) -> None:
    assert all(c["claimant"] is None for c in _claims("en", text)), _claims("en", text)


@pytest.mark.parametrize(
    ("text", "cues"),
    [
        # a reporting verb in a conditional, temporal or reported-question clause with no complement of its own
        # reports nothing (the English pack's circumstance_conjunctions), for the rules and the tagger alike
        ("If the ministry confirms the attack, sanctions will follow.", []),
        (
            'When asked specifically if she was proposing a limit on rents, Miller replied: "Oh no."',
            ["reply"],
        ),
        ("When he announced his candidacy, Trump said Mexico was sending criminals.", ["say"]),
        # with a complement it still reports
        ("When the ministry said that the bridge was closed, drivers took the ferry.", ["say"]),
    ],
)
def test_a_cue_in_a_circumstance_clause_without_a_complement_reports_nothing(
    text: str, cues: list[str]
) -> None:
    assert [c["cue"] for c in _claims("en", text) if c["attribution"] != "unattributed"] == cues


def test_a_place_in_the_taggers_source_span_is_not_the_claimant() -> None:
    claims = _claims(
        "en", "Dole spoke in Chicago. In Chicago he accused Clinton of ignoring the drug problem."
    )
    assert [c["claimant"] for c in claims if c["attribution"] != "unattributed"] == ["Dole"], claims
