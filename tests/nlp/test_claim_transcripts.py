"""Speech transcripts (issue 17): the speaker named in the article's title is the claimant of the body's own-voice
claims (attribution ``transcript``), in English, Russian and Ukrainian; stories about a speech, summary articles
and titles of other genres are left as they are. Titles and bodies written for claimflow (no quotation is a real
statement). The rule's word shapes run on a blank pipeline; entity names, finite verbs and the tagger's person
need ``models/<lang>`` (slow)."""

from __future__ import annotations

from datetime import UTC, datetime
from typing import Any

import pytest

from pipelines.nlp.claims.claim import ATTRIBUTIONS, Claim
from pipelines.nlp.claims.transcripts import TranscriptRule
from pipelines.nlp.langpacks import load_pack
from tests.nlp.conftest import pipeline, run_claims

PUBLISHED = datetime(2025, 6, 2, 21, 0, tzinfo=UTC)


def _rows(lang: str, title: str | None, text: str, *, model: bool = True) -> list[dict[str, Any]]:
    return run_claims(pipeline(lang, model), text, PUBLISHED, title)


def _transcript(rows: list[dict[str, Any]]) -> list[dict[str, Any]]:
    return [r for r in rows if r["attribution"] == "transcript"]


# --- positives -------------------------------------------------------------------------------------------------

UK_ADDRESS = (
    "Звернення Президента України Володимира Зеленського за підсумками тижня",
    "Дорогі українці!\n\n"
    "Цього тижня наша протиповітряна оборона збила понад 300 російських дронів. "
    "Я провів нараду з урядом щодо енергетики.\n\n"
    "Генштаб повідомив, що ворог зосереджує резерви біля Покровська.\n\n"
    "Чи готовий світ діяти швидше?\n\n"
    "Щоб кожне рішення партнерів з'являлося вчасно.\n\n"
    "Слава Україні!",
)
RU_ADDRESS = (
    "Видеообращение губернатора Курской области",
    "Уважаемые куряне!\n\n"
    "Сегодня противник снова атаковал Рыльск беспилотниками. "
    "Повреждены два жилых дома и линия электропередачи. "
    "Мы уже направили на место аварийные бригады.\n\n"
    "Пусть этот кошмар поскорее закончится.",
)
EN_REMARKS = (
    "Remarks by President Biden on support for Ukraine",
    "Good afternoon, everyone.\n\n"
    "Today we are sending a new package of air defence interceptors to Ukraine. "
    "Our allies have pledged 30 more Patriot missiles.\n\n"
    "Let us stand together.",
)


@pytest.mark.slow
@pytest.mark.parametrize(
    ("lang", "article", "claimant", "canonical", "side", "statement"),
    [
        (
            "uk",
            UK_ADDRESS,
            "Президента України Володимира Зеленського",
            "Volodymyr Zelensky",
            "ua",
            "Цього тижня наша протиповітряна оборона збила понад 300 російських дронів",
        ),
        (
            "ru",
            RU_ADDRESS,
            "губернатора Курской области",
            "губернатор Курской области",
            None,
            "Сегодня противник снова атаковал Рыльск беспилотниками",
        ),
        (
            "en",
            EN_REMARKS,
            "President Biden",
            "Joe Biden",
            "us",
            "Today we are sending a new package of air defence interceptors to Ukraine",
        ),
    ],
)
def test_a_transcripts_own_voice_claims_are_the_title_speakers(
    lang: str, article: tuple[str, str], claimant: str, canonical: str, side: str | None, statement: str
) -> None:
    title, text = article
    rows = _rows(lang, title, text)
    found = _transcript(rows)
    assert statement in [r["content"] for r in found]
    for r in found:
        assert r["claimant"] == claimant and r["claimant_canonical"] == canonical
        assert r["claimant_side"] == side
        assert r["cue"] is None and r["cue_text"] is None
        assert r["claimant"] not in text  # the title's speaker: nothing in the text to point at
    assert not [r for r in rows if r["attribution"] == "unattributed"], (
        "every own-voice claim is the speaker's"
    )
    # a wish, a question, a slogan or an appeal is still no claim
    assert not [r for r in rows if r["content"].rstrip().endswith(("?", "!")) or "Пусть" in r["content"]]
    assert not [r for r in rows if r["content"].startswith(("Щоб", "Let us", "Слава"))]


@pytest.mark.slow
def test_a_report_inside_a_transcript_keeps_its_own_source() -> None:
    title, text = UK_ADDRESS
    rows = _rows("uk", title, text)
    reported = [r for r in rows if "резерви" in r["content"]]
    assert reported and all(r["attribution"] == "indirect" for r in reported)
    assert all("Генштаб" in (r["claimant"] or "") for r in reported)


@pytest.mark.slow
def test_without_the_title_the_same_body_gives_unattributed_claims() -> None:
    title, text = UK_ADDRESS
    with_title = _rows("uk", title, text)
    without = _rows("uk", None, text)
    assert not _transcript(without)
    assert [r["content"] for r in with_title] == [r["content"] for r in without]
    for a, b in zip(with_title, without, strict=True):
        if b["attribution"] == "unattributed":
            assert a["attribution"] == "transcript"
        else:
            assert a == b


@pytest.mark.slow
@pytest.mark.parametrize(
    ("lang", "title", "canonical"),
    [
        ("uk", "Вечірнє зведення Генерального штабу ЗСУ", "General Staff of the Armed Forces of Ukraine"),
        (
            "ru",
            "Сводка Министерства обороны Российской Федерации о ходе операции",
            "Ministry of Defence of the Russian Federation",
        ),
        (
            "en",
            "Statement by the Russian Defence Ministry on the night attack",
            "Ministry of Defence of the Russian Federation",
        ),
    ],
)
def test_a_summary_in_an_institutions_impersonal_voice_is_its_transcript(
    lang: str, title: str, canonical: str
) -> None:
    body = {
        "uk": "Від початку доби відбулося 96 бойових зіткнень. Ворог завдав 28 авіаційних ударів по позиціях.",
        "ru": "За сутки подразделения группировки улучшили тактическое положение. Противник потерял до 200 военнослужащих.",
        "en": "Air defence systems on duty destroyed 41 drones over the Belgorod region. The attack was repelled.",
    }[lang]
    found = _transcript(_rows(lang, title, body))
    assert found and {r["claimant_canonical"] for r in found} == {canonical}


@pytest.mark.slow
def test_a_bare_first_person_claimant_in_a_transcript_is_the_speaker() -> None:
    title = "Звернення Президента України Володимира Зеленського"
    text = "Дорогі українці!\n\nЯ сказав партнерам, що нам потрібні ще три системи Patriot."
    rows = _rows("uk", title, text)
    mine = [r for r in rows if "партнерам" in r["sentence"] and r["attribution"] != "transcript"]
    assert mine, "the rules' attribution stays"
    for r in mine:  # "Я" resolved to the speaker, as "He said" is to its antecedent
        assert r["claimant"] == "Президента України Володимира Зеленського"
        assert r["claimant_canonical"] == "Volodymyr Zelensky"


# --- negatives -------------------------------------------------------------------------------------------------


@pytest.mark.slow
@pytest.mark.parametrize(
    ("lang", "title", "text"),
    [
        # a story about a speech: the title has a finite verb
        (
            "uk",
            "Зеленський у зверненні заявив про нові санкції проти Росії",
            "Дорогі українці!\n\nМи готуємо нові санкції. Наші партнери це підтримують.",
        ),
        (
            "ru",
            "Обращение Путина вызвало споры в Госдуме",
            "Депутаты обсудили обращение президента. Мы собрали главные оценки.",
        ),
        (
            "en",
            "Biden's speech sparks debate in Congress",
            "Lawmakers discussed the speech on Tuesday. We spoke to several of them.",
        ),
        # a summary article: the outlet reports the speaker in the third person
        (
            "ru",
            "Обращение Путина: главное",
            "Президент России Владимир Путин выступил с обращением к гражданам. Путин заявил, что наступление "
            "продолжится. Мы собрали главное из его выступления. Наши корреспонденты следят за реакцией.",
        ),
        (
            "uk",
            "Звернення Зеленського: головне",
            "Президент Володимир Зеленський звернувся до українців. Зеленський заявив, що ворог готує новий "
            "наступ. Ми зібрали головне з його звернення.",
        ),
        (
            "uk",
            "Звернення Президента України: головне",
            "Сьогодні Президент звернувся до нації. Президент заявив, що ворог готує новий наступ. Ми зібрали "
            "головне з його звернення. Наші кореспонденти стежать за реакцією партнерів.",
        ),
        # a genre title without first person, a form of address or a summary genre
        (
            "ru",
            "Выступление министра обороны на коллегии",
            "Коллегия прошла в Москве. В ней приняли участие командующие группировками войск.",
        ),
        # a genre word that names no speaker
        ("ru", "Обращение к гражданам", "Уважаемые граждане!\n\nМы открыли новые пункты обогрева."),
        ("en", "Address to the nation", "Good evening.\n\nWe have delivered new air defence systems."),
        # two speakers: no one speaker
        (
            "en",
            "Joint statement by Ukraine and Poland on grain transit",
            "Our governments have agreed on a new transit corridor. We will open it in June.",
        ),
    ],
)
def test_no_transcript(lang: str, title: str, text: str) -> None:
    rows = _rows(lang, title, text)
    assert rows, "the body still gives claims"
    assert not _transcript(rows), [(r["claimant"], r["content"]) for r in _transcript(rows)]


# --- the rule without a model ----------------------------------------------------------------------------------


@pytest.mark.parametrize("lang", ["en", "ru", "uk"])
def test_every_pack_has_the_transcript_words(lang: str) -> None:
    rule = TranscriptRule.from_pack(load_pack(lang))
    assert rule is not None and rule.genres and rule.first_person and rule.speaker_stops
    assert rule.summary_genres <= rule.genres


@pytest.mark.parametrize(
    ("lang", "title", "expected"),
    [
        ("uk", "Вечірнє звернення Президента України", True),
        ("ru", "Стенограмма выступления мэра Москвы на заседании правительства", True),
        ("en", "Putin's remarks at a meeting with the Security Council", True),
        ("uk", "Зеленський провів нараду з військовими", False),
        ("en", None, False),
        ("ru", "", False),
    ],
)
def test_only_a_title_with_a_genre_word_is_parsed(lang: str, title: str | None, expected: bool) -> None:
    rule = TranscriptRule.from_pack(load_pack(lang))
    assert rule is not None and rule.may_match(title) is expected


@pytest.mark.parametrize(
    ("lang", "title", "text", "claimant", "canonical"),
    [
        (
            "uk",
            "Звернення Президента України після масованого удару",
            "Шановні українці!\n\nЦієї ночі ворог випустив по Києву понад 400 дронів.",
            "Президента України",
            "Президент України",
        ),
        (
            "ru",
            "Выступление постпреда России при ООН на заседании Совбеза",
            "Господин председатель!\n\nКиев продолжает обстреливать мирные кварталы Донецка.",
            "постпреда России при ООН",
            "постпред России при ООН",
        ),
        (
            "en",
            "Address by the President of Ukraine on the results of the week",
            "I wish you health, fellow Ukrainians!\n\nThis week our air defence shot down 400 drones.",
            "President of Ukraine",
            "President of Ukraine",
        ),
    ],
)
def test_a_role_named_in_the_title_on_a_blank_pipeline(
    lang: str, title: str, text: str, claimant: str, canonical: str
) -> None:
    rows = _rows(lang, title, text, model=False)
    found = _transcript(rows)
    assert found, rows
    assert {(r["claimant"], r["claimant_canonical"]) for r in found} == {(claimant, canonical)}


def test_no_title_behaves_as_before() -> None:
    text = "Шановні українці!\n\nЦієї ночі ворог випустив по Києву понад 400 дронів."
    nlp = pipeline("uk", False)
    assert run_claims(nlp, text, PUBLISHED) == run_claims(nlp, text, PUBLISHED, None)
    assert not _transcript(run_claims(nlp, text, PUBLISHED))


def test_a_title_that_is_not_a_string_is_refused() -> None:
    nlp = pipeline("uk", False)
    doc = nlp.make_doc("Ворог атакував Київ дронами.")
    doc._.title = 17
    with pytest.raises(TypeError, match=r"doc\._\.title: received int; allowed: a string or None"):
        next(iter(nlp.pipe([doc])))


def test_transcript_is_an_allowed_attribution_with_no_spans() -> None:
    assert "transcript" in ATTRIBUTIONS
    title, text = (
        "Звернення Президента України після масованого удару",
        "Шановні українці!\n\nЦієї ночі ворог випустив по Києву понад 400 дронів.",
    )
    nlp = pipeline("uk", False)
    doc = nlp.make_doc(text)
    doc._.published_at = PUBLISHED
    doc._.title = title
    claims: list[Claim] = list(next(iter(nlp.pipe([doc])))._.claims)
    found = [c for c in claims if c.attribution == "transcript"]
    assert found and all(c.claimant_span is None and c.cue_span is None for c in found)


def test_the_beam_stage_gives_the_claims_the_title() -> None:
    from dataclasses import replace

    from lake.lake_rows import result

    from pipelines.extract_entities import SpacyModelHandler

    title, text = (
        "Звернення Президента України після масованого удару",
        "Шановні українці!\n\nЦієї ночі ворог випустив по Києву понад 400 дронів.",
    )
    article = replace(result(0).annotation.article, text=text, title=title, language="uk")
    handler = SpacyModelHandler("uk", None, batch_size=1, max_text_chars=10_000)
    doc = handler._make_doc(pipeline("uk", False), article)
    assert doc._.title == title and doc._.published_at == article.published_at


@pytest.mark.slow
def test_a_first_person_speaker_the_rules_leave_without_claimant_is_resolved() -> None:
    title = "Address by the President of Ukraine on the results of the week"
    text = (
        "I wish you health, fellow Ukrainians!\n\n"
        "Today I spoke with the President of France. We agreed on new supplies for our air defence."
    )
    rows = _rows("en", title, text)
    agreed = [r for r in rows if r["attribution"] != "transcript" and "supplies" in r["content"]]
    for r in agreed:  # the rules' claim of "We agreed on …": the speaker, by the pronoun
        assert r["claimant"] == "President of Ukraine" and r["claimant_canonical"] == "President of Ukraine"


def test_the_judged_transcript_rows_are_complete_and_point_into_dev2() -> None:
    """Hand verdicts on every ``transcript`` row of the dev2 run (tests/data/claims_dev/judged/transcripts)."""
    import json
    from pathlib import Path

    data = Path(__file__).resolve().parents[1] / "data" / "claims_dev"
    files = sorted((data / "judged" / "transcripts").glob("*.jsonl"))
    assert {f.name.split("-")[0] for f in files} == {"en", "ru", "uk"}
    for path in files:
        lang = path.name.split("-")[0]
        texts = {
            a["id"]: a["text"]
            for a in map(json.loads, (data / lang / "dev2.articles.jsonl").read_text("utf-8").splitlines())
        }
        for row in map(json.loads, path.read_text("utf-8").splitlines()):
            assert row["attribution"] == "transcript" and row["id"] in texts, path.name
            assert texts[row["id"]][row["content_start"] : row["content_end"]] == row["content"], path.name
            assert isinstance(row["claimant_ok"], bool) and isinstance(row["content_ok"], bool)
            assert row["reason"].strip(), path.name


def test_an_interviewee_is_not_the_person_named_as_an_owner() -> None:
    text = (
        "Marta Hrytsenko's charity is one of the largest volunteer groups in the region. Her deputy, Petro "
        "Lysenko, answered our questions.\n\nHow much did the charity raise last year?\nAbout two million "
        "hryvnias, most of it for generators.\n"
    )
    rows = run_claims(pipeline("en", True), text, datetime(2025, 3, 4, tzinfo=UTC))
    answers = [r for r in rows if r["content"].startswith("About two million")]
    assert answers and answers[0]["claimant"] == "Petro Lysenko", rows
