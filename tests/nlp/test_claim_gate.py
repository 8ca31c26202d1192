"""The claim gate (issue 17): site furniture, questions, wishes, slogans, appeals, greetings and imperatives are
never claims, in English, Russian and Ukrainian; the statements around them still are. Sentences written for
claimflow. Pattern rules run on a blank pipeline too; imperatives need the tagger (``models/<lang>``, slow)."""

from __future__ import annotations

from datetime import UTC, datetime

import pytest

from pipelines.nlp.claims.context import furniture_lines
from pipelines.nlp.langpacks import load_pack
from tests.nlp.conftest import pipeline, run_claims

PUBLISHED = datetime(2025, 5, 6, 9, 0, tzinfo=UTC)

#: (language, a statement that stays a claim, lines that are never claims)
CASES = {
    "en": (
        "The governor said that two villages near the border lost power overnight.",
        [
            "This website uses cookies to give you the best experience. Accept | Decline",
            "Home / News / Frontline",
            "Spotted a typo? Select it and press Ctrl+Enter to tell us.",
            "Subscribe to our morning newsletter and never miss an update.",
            "Did the shelling damage the hospital?",
            "Do you think the talks will resume in June?",
            "Let us remember the defenders of our city.",
            "Glory to the heroes!",
            "Thank you, colleagues.",
        ],
    ),
    "ru": (
        "Губернатор сообщил, что два села у границы ночью остались без света.",
        [
            "Сайт использует файлы cookie. Продолжая просмотр, вы соглашаетесь с этим.",
            "Главная / Новости / Регионы",
            "Заметили ошибку? Выделите ее и нажмите Ctrl+Enter.",
            "Подписывайтесь на наш канал, чтобы быть в курсе событий.",
            "Пострадала ли больница при обстреле?",
            "Как вы думаете, возобновятся ли переговоры в июне?",
            "Пусть наши защитники вернутся домой.",
            "Слава героям!",
            "Благодарю за внимание.",
        ],
    ),
    "uk": (
        "Губернатор повідомив, що два села біля кордону вночі залишилися без світла.",
        [
            "Сайт використовує файли cookie. Продовжуючи перегляд, ви погоджуєтеся з цим.",
            "Головна / Новини / Регіони",
            "Помітили помилку? Виділіть її та натисніть Ctrl+Enter.",
            "Підписуйтесь на наш канал, щоб бути в курсі подій.",
            "Чи постраждала лікарня під час обстрілу?",
            "Як ви думаєте, чи відновляться переговори в червні?",
            "Щоб наші захисники повернулися додому.",
            "Нехай наші захисники повернуться додому.",
            "Слава героям!",
            "Дякую за увагу.",
        ],
    ),
}


def _text(lang: str) -> tuple[str, str, list[str]]:
    claim, never = CASES[lang]
    return "\n\n".join([claim, *never]), claim, never


@pytest.mark.parametrize("mode", ["blank", pytest.param("model", marks=pytest.mark.slow)])
@pytest.mark.parametrize("lang", sorted(CASES))
def test_non_claims_give_no_claim(lang: str, mode: str) -> None:
    text, claim, _ = _text(lang)
    claims = run_claims(pipeline(lang, mode == "model"), text, PUBLISHED)
    first_line_end = len(claim)
    assert claims, "the statement is still a claim"
    late = [c for c in claims if c["content_start"] >= first_line_end]
    assert late == [], f"non-claims became claims: {[c['content'] for c in late]}"
    assert all(c["claimant"] not in ("you", "вы", "ви") for c in claims)


@pytest.mark.parametrize("lang", sorted(CASES))
def test_furniture_is_marked_not_cut(lang: str) -> None:
    text, _, never = _text(lang)
    marked = furniture_lines(text, load_pack(lang))
    spans = [text[s:e] for s, e in marked]
    assert spans == never[:4], "the four furniture lines, at their offsets in the text as stored"


@pytest.mark.slow
@pytest.mark.parametrize(
    ("lang", "imperative", "statement"),
    [
        ("en", "Stay in the shelters until the all-clear!", "Two drones were shot down over the city."),
        (
            "ru",
            "Оставайтесь в укрытиях до отбоя тревоги!",
            "Ночью силы ПВО сбили над городом два беспилотника.",
        ),
        ("uk", "Залишайтеся в укриттях до відбою тривоги!", "Пошкоджено школу та два житлові будинки."),
    ],
)
def test_imperatives_are_not_claims(lang: str, imperative: str, statement: str) -> None:
    claims = run_claims(pipeline(lang, True), f"{imperative}\n\n{statement}", PUBLISHED)
    assert [c["content"] for c in claims] == [statement.rstrip(".")]


@pytest.mark.slow
@pytest.mark.parametrize("lang", sorted(CASES))
def test_furniture_gives_no_entity_and_is_counted(lang: str) -> None:
    from dataclasses import replace

    from lake.lake_rows import result

    from pipelines.extract_entities import annotate

    nlp = pipeline(lang, True)
    names = {"en": "Kyiv", "ru": "Киев", "uk": "Київ"}[lang]
    banner = {
        "en": f"Subscribe to the {names} newsletter",
        "ru": f"Подписывайтесь на наш канал о событиях в {names}е",
        "uk": f"Підписуйтесь на наш канал про події в {names}і",
    }[lang]
    text = f"{CASES[lang][0]}\n\n{banner}"
    article = replace(result(0).annotation.article, text=text, language=lang)
    doc = nlp.make_doc(text)
    doc._.published_at = PUBLISHED
    (ann,) = annotate(nlp, [doc], [article], "test@1", False)
    assert ann.furniture == 1
    start = text.index(banner)
    assert all(e["start_char"] < start for e in ann.entities)
    assert all(c.content_start < start for c in ann.claims)


#: (language, a verbless caption that is no claim, a figure stated without a verb that is one)
VERBLESS = {
    "ru": (
        "Могила Марии Сергеевой на Северном кладбище в Казани.",
        "Это 60 процентов всех расходов бюджета.",
    ),
    "uk": (
        "Могила Марії Сергеєвої на Північному кладовищі в Казані.",
        "Це 60 відсотків усіх видатків бюджету.",
    ),
}


@pytest.mark.parametrize("lang", sorted(VERBLESS))
def test_a_caption_is_no_claim_and_a_verbless_figure_is_one(lang: str) -> None:
    """ "Могила" ends as "сказала" does, but the dictionary reads it only as a noun: a caption with no verb is a
    fragment. Russian and Ukrainian drop the present-tense copula, so a subject and a figure are a statement."""
    caption, figure = VERBLESS[lang]
    nlp = pipeline(lang, True)
    assert run_claims(nlp, caption, PUBLISHED) == []
    assert [c["content"] for c in run_claims(nlp, figure, PUBLISHED)] == [figure.rstrip(".")]


@pytest.mark.parametrize(
    ("lang", "text", "event"),
    [
        ("ru", "Пострадавших нет.", "casualties"),
        ("uk", "Загиблих немає.", "casualties"),
        ("uk", "На місці постраждалих немає.", "casualties"),
    ],
)
def test_a_denial_of_two_words_is_a_claim(lang: str, text: str, event: str) -> None:
    """No casualties is a figure an analyst counts: "нет"/"немає" is the predicate, the noun what it denies."""
    claims = run_claims(pipeline(lang, True), text, PUBLISHED)
    assert [(c["content"], c["event_type"], c["negated"]) for c in claims] == [
        (text.rstrip("."), event, True)
    ]


@pytest.mark.parametrize(
    ("lang", "text", "line"),
    [
        ("en", "The vote passed.\nCORRECTION: An earlier version of this story misstated the date.\n", 1),
        ("ru", "Закон принят.\nИсправление: в первоначальной версии статьи была указана неверная дата.\n", 1),
        (
            "uk",
            "Закон ухвалено.\nВиправлення: у попередній версії статті була вказана неправильна дата.\n",
            1,
        ),
    ],
)
def test_a_correction_notice_is_furniture(lang: str, text: str, line: int) -> None:
    lines = text.splitlines(keepends=True)
    start = sum(len(x) for x in lines[:line])
    assert furniture_lines(text, load_pack(lang)) == [(start, start + len(lines[line].rstrip("\n")))]


@pytest.mark.slow
@pytest.mark.parametrize(
    ("lang", "asked", "said"),
    [
        (
            "en",
            '"What if the talks fail?" the minister asked reporters on Monday.',
            '"The talks will resume in June," the minister said.',
        ),
        (
            "ru",
            "«Почему нас не предупредили?» — спросил глава администрации.",
            "«Переговоры возобновятся в июне», — сказал министр.",
        ),
        (
            "uk",
            "«Чому нас не попередили?» — запитав голова адміністрації.",
            "«Переговори відновляться в червні», — сказав міністр.",
        ),
    ],
)
def test_a_quoted_question_is_no_claim(lang: str, asked: str, said: str) -> None:
    """The content of a reported question stops before its question mark; the mark after it still decides."""
    claims = run_claims(pipeline(lang, True), f"{asked}\n\n{said}", PUBLISHED)
    assert [c["content_start"] >= len(asked) for c in claims] == [True], [c["content"] for c in claims]


def test_a_numeral_the_tagger_calls_a_short_adjective_is_no_predicate() -> None:
    # "вісімсот" is tagged ADJ Variant=Short; the dictionary knows it only as a numeral
    assert run_claims(pipeline("uk", True), "Дві тисячі вісімсот …", PUBLISHED) == []


def test_a_wire_storys_credit_lines_are_furniture() -> None:
    text = (
        "Russian forces struck Kharkiv overnight, the governor said.\n\n"
        "Reporting by Olena Kovalenko; Editing by Mark Smith\n\n"
        "Additional reporting from Anna Petrenko\n\n"
        "Reporting from Kyiv, our correspondent said the city was calm."
    )
    marked = [text[s:e] for s, e in furniture_lines(text, load_pack("en"))]
    assert marked == [
        "Reporting by Olena Kovalenko; Editing by Mark Smith",
        "Additional reporting from Anna Petrenko",
    ]


@pytest.mark.parametrize(
    ("lang", "text", "kept"),
    [
        (
            "ru",
            "Ночью над Белгородом сбили шесть беспилотников, сообщило Минобороны. Читайте также: Путин заявил, что "
            "переговоры возможны. Губернатор сообщил о двух раненых.",
            ["Ночью над Белгородом сбили шесть беспилотников", "о двух раненых"],
        ),
        (
            "uk",
            "Вночі над Харковом збили шість дронів, повідомили в ОВА. Читайте також: Зеленський заявив, що переговори "
            "можливі. Губернатор повідомив про двох поранених.",
            ["Вночі над Харковом збили шість дронів", "про двох поранених"],
        ),
    ],
)
def test_a_read_also_line_run_into_a_paragraph_is_furniture(lang: str, text: str, kept: list[str]) -> None:
    """A "read also" sentence whose line break a scrape lost is furniture: marked, no claim of its own; the
    sentences around it keep theirs."""
    nlp = pipeline(lang, True)
    doc = nlp.make_doc(text)
    doc._.published_at = PUBLISHED
    doc = next(iter(nlp.pipe([doc])))
    assert [text[s:e].split(":")[0] for s, e in doc._.furniture] == [text.split(". ")[1].split(":")[0]]
    assert [c.content for c in doc._.claims] == kept


def test_a_cookie_word_inside_a_paragraph_is_no_furniture() -> None:
    """Only the patterns anchored at a line's start apply to a sentence inside a line."""
    from pipelines.nlp.claims.context import furniture_sentences

    text = "The regulator said the cookie rules would change. Read more: the new rules."
    pack = load_pack("en")
    marked = furniture_sentences(text, [(0, 49), (50, len(text))], [], pack)
    assert [text[s:e] for s, e in marked] == ["Read more: the new rules."]
