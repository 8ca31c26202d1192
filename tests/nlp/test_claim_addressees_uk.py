"""What a Ukrainian claimant phrase holds besides the source (issue 17, branch uk17e): the addressee in the
dative before or after it ("Як повідомив «Діловій столиці» колишній мер", "сказав представник відомства
журналісту агентства …"), a prepositional phrase before it ("На свій захист X пояснила"), and a hyphenated
noun the parse cut ("Прес-служба … вказує" gave "Прес"). Sentences written for claimflow, after the classes of
the judged real-news misses (tests/data/claims_dev/judged/real/uk-*.jsonl)."""

from __future__ import annotations

from datetime import UTC, datetime

import pytest

from tests.nlp.conftest import pipeline, run_claims

PUB = datetime(2025, 9, 4, 9, 0, tzinfo=UTC)


def _attributed(lang: str, text: str) -> list[tuple[str, str | None, str]]:
    return [
        (c["attribution"], c["claimant"], c["content"])
        for c in run_claims(pipeline(lang, True), text, PUB)
        if c["attribution"] != "unattributed"
    ]


@pytest.mark.parametrize(
    ("text", "claimant", "content"),
    [
        (
            "Як повідомив «Діловій столиці» колишній мер Києва, підрядник отримав аванс.",
            "колишній мер Києва",
            "підрядник отримав аванс",
        ),
        (
            "Як повідомив «Міським новинам» журналіст «Бюро» Андрій Мельничук, після наради кошторис "
            "затвердили.",
            "журналіст «Бюро» Андрій Мельничук",
            "після наради кошторис затвердили",
        ),
        (
            "Як пояснювали суду представники прокуратури, підозрюваний перебуває в розшуку.",
            "представники прокуратури",
            "підозрюваний перебуває в розшуку",
        ),
        (
            "Як повідомили «Українській правді» в СБУ, затриманий дав свідчення.",
            "СБУ",
            "затриманий дав свідчення",
        ),
    ],
)
def test_an_addressee_before_a_postposed_source_is_not_part_of_it(
    text: str, claimant: str, content: str
) -> None:
    assert _attributed("uk", text) == [("according_to", claimant, content)]


def test_an_addressee_after_the_source_ends_it() -> None:
    text = (
        "«Ремонт мосту триває вже третій місяць», – сказав представник громади журналісту агентства у середу."
    )
    ((kind, claimant, content),) = _attributed("uk", text)
    assert (kind, content) == ("direct_quote", "Ремонт мосту триває вже третій місяць")
    assert claimant == "представник громади"


@pytest.mark.parametrize(
    ("text", "claimant"),
    [
        # a preposition's object is whom the source is, not whom it spoke to
        ("«Ремонт закінчено», – пояснює чоловік у старій кепці.", "чоловік у старій кепці"),
        # a genitive after the first word is the source's own ("Счетной палаты" stays whole)
        ("Нарушения выявлены, говорится в отчете Счетной палаты.", "Счетной палаты"),
    ],
)
def test_a_dative_inside_the_source_phrase_stays(text: str, claimant: str) -> None:
    lang = "ru" if "Счетной" in text else "uk"
    found = _attributed(lang, text)
    assert [c for _, c, _ in found] == [claimant], found


def test_a_prepositional_phrase_before_the_source_is_not_part_of_it() -> None:
    text = "На свій захист Бережанська пояснила, що працівники управління не мали повноважень."
    assert _attributed("uk", text) == [
        ("indirect", "Бережанська", "працівники управління не мали повноважень")
    ]


@pytest.mark.parametrize(
    ("lang", "text", "claimant"),
    [
        (
            "uk",
            "Прес-служба посилається на технічну помилку і вказує, що вартість робіт складає 1,5 млн грн.",
            "Прес-служба",
        ),
        (
            "uk",
            "Віцепрезидент компанії Олена Коваль-Дорош заявила, що угоду підписано.",
            "Віцепрезидент компанії Олена Коваль-Дорош",
        ),
    ],
)
def test_a_hyphenated_noun_is_never_cut_at_its_hyphen(lang: str, text: str, claimant: str) -> None:
    found = _attributed(lang, text)
    assert [c for _, c, _ in found] == [claimant], found


@pytest.mark.parametrize(
    ("text", "claimant", "content"),
    [
        (
            # the tagger calls "фірма" genitive; the dictionary allows only the nominative
            "Раніше фірма замовлень не отримувала. За даними «ЦПК» фірма з березня цього року почала отримувати "
            "замовлення.",
            "ЦПК",
            "фірма з березня цього року почала отримувати замовлення",
        ),
        (
            # no comma after the source: the finite verb right after it is the clause's predicate
            "Суд наклав арешт на будинок, що за даними слідства належить голові профспілки Дмитру Філіпчуку.",
            "слідства",
            "Суд наклав арешт на будинок, що за даними слідства належить голові профспілки Дмитру Філіпчуку",
        ),
        (
            # the verb after the source takes a clause: that clause is what was reported
            "Раніше видання з посиланням на джерела писало, що такий варіант обговорюється.",
            "джерела",
            "такий варіант обговорюється",
        ),
        (
            "Раніше видання з посиланням на джерела писало про те, що такий варіант обговорюється.",
            "джерела",
            "такий варіант обговорюється",
        ),
    ],
)
def test_an_according_to_source_without_a_comma_ends_before_its_clause(
    text: str, claimant: str, content: str
) -> None:
    found = [c for c in _attributed("uk", text) if c[0] == "according_to"]
    assert found == [("according_to", claimant, content)]


@pytest.mark.parametrize(
    ("text", "claimant"),
    [
        (
            "Угоду уклали з компанією «Меридіан». Редакція «НГ. Полтава» стверджувала, що обидва підрядники мають "
            "спільного засновника.",
            "«НГ. Полтава»",
        ),
        (
            "Ціна склала 81 грн. «Наші гроші. Львів» у своїй публікації вказали, що така вартість значно вища.",
            "«Наші гроші. Львів»",
        ),
    ],
)
def test_a_quoted_name_split_at_its_full_stop_is_the_whole_name(text: str, claimant: str) -> None:
    # the sentence boundary after "«НГ." leaves "Полтава» стверджувала": the outlet, not the city
    assert [c for _, c, _ in _attributed("uk", text)] == [claimant]


@pytest.mark.parametrize(
    "text",
    [
        # the object of an impersonal form, and no clause after it: nothing was said
        "Фірма має трьох власників. В державному реєстрі вказано тільки засновника «Norvale Holdings Ltd».",
        "Проєкт затвердили. В обґрунтуванні тендеру це пояснено необхідністю «ремонту шкільних їдалень».",
        "Буклети надрукували. В них має бути показано туристичні принади області, описано маршрути.",
    ],
)
def test_an_impersonal_form_with_an_object_reports_nothing(text: str) -> None:
    assert _attributed("uk", text) == []


@pytest.mark.parametrize(
    ("text", "claimant", "content"),
    [
        (
            "Фірма має трьох власників. Щодо решти підприємств зазначено, що засновники невідомі.",
            None,  # a topic, not a source ("Щодо" was the claimant)
            "засновники невідомі",
        ),
        (
            "Суд розглянув справу. На сайті санаторію вказано, що він відкритий з 2002 року.",
            "сайті санаторію",
            "він відкритий з 2002 року",
        ),
        (
            "Суд розглянув справу. В окремій судовій постанові зазначено, що обом підрядникам виплачено 4 млн грн.",
            "окремій судовій постанові",
            "обом підрядникам виплачено 4 млн грн",
        ),
    ],
)
def test_an_impersonal_report_has_the_place_that_holds_it_as_its_source(
    text: str, claimant: str | None, content: str
) -> None:
    assert _attributed("uk", text) == [("indirect", claimant, content)]


@pytest.mark.parametrize(
    ("text", "claimant"),
    [
        (
            "Фірма отримала дозвіл на забудову.\n\nСуд визнав незаконним цей дозвіл.\n\nВін вказав, "
            "що міська рада порушила порядок його видачі.",
            "Суд",
        ),
        (
            "Суд першої інстанції роз'яснив, що інспектор мав право накласти штраф.\n\nТа апеляційний суд, "
            "з яким погодився ВССУ, цю постанову скасував.\n\nВін вказав, що штраф накладено без підстав.",
            "апеляційний суд",
        ),
        (
            "Суди обох інстанцій позов громади задовольнили. Вони вказали, що селищна рада не мала "
            "повноважень.",
            "Суди",
        ),
    ],
)
def test_a_pronoun_no_name_resolves_is_the_previous_sentences_subject(text: str, claimant: str) -> None:
    found = [c for c in run_claims(pipeline("uk", True), text, PUB) if c["attribution"] == "indirect"]
    assert [c["claimant"] for c in found] == [claimant]


def test_a_pronoun_that_disagrees_with_the_previous_subject_stays_unresolved() -> None:
    # "вона" (feminine) is not "Суд" (masculine)
    text = "Суд визнав недійсним цей договір.\n\nВона вказала, що сторони уклали договір оренди ділянки."
    found = [c for c in run_claims(pipeline("uk", True), text, PUB) if c["attribution"] == "indirect"]
    assert [c["claimant"] for c in found] in ([None], [])


def test_a_name_the_tagger_ends_in_an_adverb_stays_whole() -> None:
    # an indeclinable surname tagged ADV ("Кличко") is the end of the name, not an adverb before the cue
    claims = [
        (c["claimant"], c["claimant_canonical"])
        for c in run_claims(pipeline("uk", True), "Мер Києва Віталій Кличко заявив, що міст закрили.", PUB)
    ]
    assert claims == [("Віталій Кличко", "Vitali Klitschko")]
