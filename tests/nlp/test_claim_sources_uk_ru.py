"""Ukrainian and Russian sources the sentence grammar hides (issue 17): the author's words inside a quotation
(«…, – каже X. – …»), a nominal source after the report ("…, йдеться в повідомленні X", "…, свидетельствуют
данные X"), a phrase naming where the source spoke ("В інтерв'ю Reuters X заявив"), and speaker labels in
transcripts ("ФЕСЕНКО: …", "Малюк: …"). Sentences written for claimflow."""

from __future__ import annotations

from datetime import UTC, datetime
from typing import Any

import pytest

from tests.nlp.conftest import pipeline, run_claims

PUB = datetime(2025, 9, 4, 9, 0, tzinfo=UTC)


def _claims(lang: str, text: str, *, model: bool = True) -> list[dict[str, Any]]:
    return run_claims(pipeline(lang, model), text, PUB)


def _attributed(lang: str, text: str, *, model: bool = True) -> list[tuple[str, str | None, str]]:
    return [
        (c["attribution"], c["claimant"], c["content"])
        for c in _claims(lang, text, model=model)
        if c["attribution"] != "unattributed"
    ]


@pytest.mark.parametrize(
    ("lang", "text", "claimant", "content"),
    [
        (
            "uk",
            "Лікарня працює в підвалі.\n\n«Операційну ми перенесли під землю, – розповідає головний лікар "
            "Сергій Кузьмін. – Нагорі працювати неможливо».",
            "головний лікар Сергій Кузьмін",
            "Операційну ми перенесли під землю, – розповідає головний лікар Сергій Кузьмін. – Нагорі працювати "
            "неможливо",
        ),
        (
            "ru",
            "Жители живут в общежитии.\n\n«Нам обещали, что вернемся через месяц, — рассказывает пенсионерка "
            "Валентина Ивановна. — Прошел год».",
            "пенсионерка Валентина Ивановна",
            "Нам обещали, что вернемся через месяц, — рассказывает пенсионерка Валентина Ивановна. — Прошел год",
        ),
    ],
)
def test_a_cue_between_dashes_inside_a_quotation_gives_the_whole_quotation_to_its_subject(
    lang: str, text: str, claimant: str, content: str
) -> None:
    (found,) = _attributed(lang, text)  # the subject inside the author's words needs the tagger: model only
    assert found[0] == "direct_quote" and found[2] == content
    assert found[1] is not None and claimant.endswith(found[1]), found  # the name, with or without its title


def test_a_quotation_with_a_dash_but_no_reporting_verb_keeps_its_dash() -> None:
    # «Ми – українці» has a dash but no author's words: nothing is cut out of it
    found = _claims("uk", "«Ми – українці, і ми вистоїмо», – сказав президент.")
    assert [(c["attribution"], c["content"]) for c in found] == [
        ("direct_quote", "Ми – українці, і ми вистоїмо")
    ]


@pytest.mark.parametrize(
    ("lang", "text", "claimant", "content"),
    [
        (
            "uk",
            "Окупанти стягнули до Покровська 100 тисяч військових, йдеться в повідомленні аналітиків "
            "Інституту вивчення війни.",
            "аналітиків Інституту вивчення війни",
            "Окупанти стягнули до Покровська 100 тисяч військових",
        ),
        (
            "uk",
            "У серпні порти відвантажили 4,1 мільйона тонн зерна, свідчать дані Міністерства аграрної політики.",
            "Міністерства аграрної політики",
            "У серпні порти відвантажили 4,1 мільйона тонн зерна",
        ),
        (
            "ru",
            "Экспорт нефти морем в августе снизился, свидетельствуют данные агентства Bloomberg.",
            "Bloomberg",
            "Экспорт нефти морем в августе снизился",
        ),
        (
            "ru",
            "Доходы бюджета от нефти и газа сократились на 21 процент, следует из данных Минфина.",
            "Минфина",
            "Доходы бюджета от нефти и газа сократились на 21 процент",
        ),
    ],
)
def test_a_nominal_source_after_the_report_is_its_claimant(
    lang: str, text: str, claimant: str, content: str
) -> None:
    assert _attributed(lang, text) == [("according_to", claimant, content)]


def test_data_at_the_start_of_a_sentence_are_no_source_phrase() -> None:
    # "свідчать дані" only after a comma: a sentence about what data show is the outlet's
    found = _claims("uk", "Свідчать дані про втрати не всі аналітики.")
    assert all(c["attribution"] != "according_to" for c in found)


@pytest.mark.parametrize(
    ("lang", "text", "claimant", "canonical"),
    [
        (
            "uk",
            "У інтерв'ю Reuters Буданов заявив, що Росія не має ресурсів для великого наступу.",
            "Буданов",
            "Kyrylo Budanov",
        ),
        (
            "uk",
            "В інтерв'ю виданню Politico Сибіга заявив, що санкції проти Росії мають посилитися.",
            "Сибіга",
            "Andrii Sybiha",
        ),
        (
            "uk",
            "Як заявив в інтерв'ю Reuters Буданов, Росія не має ресурсів для наступу.",
            "Буданов",
            "Kyrylo Budanov",
        ),
        (
            "ru",
            "В эфире телеканала «Россия-1» Лавров сказал, что Запад воюет с Россией.",
            "Лавров",
            "Sergei Lavrov",
        ),
    ],
)
def test_where_the_source_spoke_is_not_part_of_the_claimant(
    lang: str, text: str, claimant: str, canonical: str
) -> None:
    (claim,) = [c for c in _claims(lang, text) if c["attribution"] != "unattributed"]
    assert (claim["claimant"], claim["claimant_canonical"]) == (claimant, canonical)


def test_a_speakers_line_is_the_speakers_claim_and_a_label_takes_the_introduced_name() -> None:
    text = (
        "ВЕДУЧА: Добрий вечір. У студії політолог Володимир Фесенко. Чи буде перемир'я?\n"
        "ФЕСЕНКО: Кремль досі вважає, що виграє війну на виснаження.\n"
        "ВЕДУЧА: Чому?\n"
        "ФЕСЕНКО: Я думаю, що так."
    )
    found = [
        (c["attribution"], c["claimant"], c["claimant_canonical"], c["cue"], c["content"])
        for c in _claims("uk", text)
    ]
    assert found == [
        (
            "direct_quote",
            "ФЕСЕНКО",
            "Володимир Фесенко",
            "ФЕСЕНКО:",
            "Кремль досі вважає, що виграє війну на виснаження",
        ),
        ("direct_quote", "ФЕСЕНКО", "Володимир Фесенко", "ФЕСЕНКО:", "Я думаю, що так"),
    ]


def test_a_transcripts_first_label_is_no_headline() -> None:
    text = "Малюк: За тиждень ми затримали 12 агентів.\n\nЗапитання: Чи були серед них військові?\nМалюк: Так, двоє."
    found = [(c["attribution"], c["cue"]) for c in _claims("uk", text)]
    assert found == [("direct_quote", "Малюк:"), ("direct_quote", "Малюк:")]
    # a headline "X: Y" whose label starts no other line keeps the colon as its cue
    (head,) = [c for c in _claims("uk", "Зеленський: Росія готує новий наступ\n\nТекст новини.") if c["cue"]]
    assert (head["attribution"], head["cue"]) == ("indirect", ":")


@pytest.mark.parametrize(
    ("lang", "text", "claimant", "content"),
    [
        (
            "uk",
            "Це підтвердив депутат Ярослав Железняк, який заявив, що законопроєкт ухвалять у вересні.",
            "Ярослав Железняк",
            "законопроєкт ухвалять у вересні",
        ),
        (
            "uk",
            "Депутатка, котра вважає, що мобілізацію треба посилити, пішла з фракції.",
            "Депутатка",
            "мобілізацію треба посилити",
        ),
        (
            "ru",
            "Депутат Госдумы Андрей Картаполов, который заявил, что мобилизации не будет, возглавил комитет.",
            "Андрей Картаполов",
            "мобилизации не будет",
        ),
    ],
)
def test_a_relative_pronoun_is_resolved_to_what_its_clause_describes(
    lang: str, text: str, claimant: str, content: str
) -> None:
    # a named antecedent is the pronoun's referent (the claimant as written is the pronoun, as "he" is); an
    # unnamed one is the claimant itself
    found = [
        (c["claimant_canonical"] or c["claimant"], c["content"])
        for c in _claims(lang, text)
        if c["attribution"] != "unattributed"
    ]
    assert found == [(claimant, content)]


@pytest.mark.parametrize(
    ("lang", "text", "attributed"),
    [
        ("uk", "Влада наголошувала на забезпеченні робочими місцями всіх тренерів.", False),
        ("uk", "Прем'єр-міністр наголосила, що ППО — головний пріоритет.", True),
        ("uk", "«Ми не відступимо», — наголосив командир.", True),
        ("ru", "Министр подчеркнул необходимость укрепления ПВО.", False),
        ("ru", "Министр подчеркнул: ПВО — главный приоритет.", True),
        ("ru", "В Москве отметили юбилей театра.", False),
    ],
)
def test_an_emphasis_verb_with_an_object_and_no_statement_is_no_claim(
    lang: str, text: str, attributed: bool
) -> None:
    assert bool(_attributed(lang, text)) is attributed


@pytest.mark.parametrize(
    ("lang", "text", "claimant", "content"),
    [
        (
            "uk",
            "Концерт відбувся у Львові. Організатор фестивалю Олег Саранчин: «Ми продали всі квитки за тиждень. "
            "Наступного року фестиваль триватиме три дні». Квитки коштували 500 гривень.",
            "Олег Саранчин",
            "Ми продали всі квитки за тиждень. Наступного року фестиваль триватиме три дні",
        ),
        (
            "ru",
            "Концерт прошел в Москве. Директор театра Иван Петров: «Мы продали все билеты за неделю. В следующем "
            "году фестиваль продлится три дня».",
            "Иван Петров",
            "Мы продали все билеты за неделю. В следующем году фестиваль продлится три дня",
        ),
    ],
)
def test_a_source_and_colon_before_a_quotation_in_a_paragraph_takes_the_whole_quotation(
    lang: str, text: str, claimant: str, content: str
) -> None:
    assert [(c[1], c[2]) for c in _attributed(lang, text)] == [(claimant, content)]


@pytest.mark.parametrize(
    ("lang", "text"),
    [
        ("uk", "Опис.\n\nОфіційно компанія оформлена на громадянку Кіпру – Елену Андреу."),
        ("uk", "Опис.\n\nУ Бородянці зареєстрована ще одна фірма подружжя Ковальчук – ТОВ «Поліський»."),
        ("uk", "Згідно з чинним законодавством компанію-страховика обирає ядерний пул."),
        ("ru", "Согласно закону, страховую компанию выбирает ядерный пул."),
        ("uk", "За номером телефону, який Ірина вказала в оголошенні, сервіс видає ім'я Богдана."),
        ("uk", "Сам Колесніков заперечує свою причетність до групи."),
        ("uk", "Учасник не підтвердив наявність досвіду роботи."),
        ("uk", "Інших подробиць щодо причин подорожчання обладнання не повідомляється."),
        ("uk", "Опис.\n\n(додано дані щодо засновника фірми-переможця)"),
    ],
)
def test_appositions_laws_and_objects_are_no_sources(lang: str, text: str) -> None:
    assert _attributed(lang, text) == []


@pytest.mark.parametrize(
    ("lang", "text", "claimant"),
    [
        ("uk", "Компанія підписала договір, зазначається у зведенні Генштабу.", "Генштабу"),
        ("uk", "Опис.\n\nУ Дніпрі пролунали вибухи, — Лисак.", "Лисак"),
        ("ru", "Компания нарушила условия контракта, говорится в сообщении Минобороны.", "Минобороны"),
    ],
)
def test_a_source_after_a_comma_is_still_taken(lang: str, text: str, claimant: str) -> None:
    assert [c[1] for c in _attributed(lang, text)] == [claimant]


@pytest.mark.parametrize(
    ("lang", "text", "claimant"),
    [
        # the locative preposition of a place that spoke, and the closing mark of its quoted name
        (
            "uk",
            "Мережі підняли ціни на пальне.\n\n«Мірилом роботи комітету буде цінова політика мереж», – відмітили "
            "у «Лізі споживачів».",
            "«Лізі споживачів»",
        ),
        # an adverb before the place, an outlet in the dative glued to it
        (
            "uk",
            "Опис.\n\nСпочатку в обласній лікарні виданню повідомили, що генератори вже закуплено.",
            "обласній лікарні",
        ),
        # a sentence connective before the source
        ("uk", "Опис.\n\nПри цьому фірма вказала, що не збирається брати нових працівників.", "фірма"),
        ("uk", "Опис.\n\nРаніше журналісти повідомляли, що міст відремонтують до зими.", "журналісти"),
        # a hyphenated title is one word: the tokenizer keeps it whole, and like "Представитель губернатора
        # Иван Орлов" the phrase is the person it names
        (
            "ru",
            "Опис.\n\nПресс-секретарь губернатора Иван Орлов заявил, что свет вернут к утру.",
            "Иван Орлов",
        ),
        # a service named by where it spoke is that service, not a back-reference to the last organisation
        (
            "uk",
            "Банк «Прайм» закрив відділення у Харкові.\n\nУ прес-службі стверджують, що клієнтів обслужать "
            "в інших містах.",
            "прес-службі",
        ),
    ],
)
def test_a_source_phrase_loses_what_names_no_source(lang: str, text: str, claimant: str) -> None:
    found = [who for _, who, _ in _attributed(lang, text)]
    assert found == [claimant], found


@pytest.mark.parametrize(
    ("lang", "text", "speaker"),
    [
        ("uk", "ТЕРМІНОВО: У Харкові пролунали вибухи.\nПЕНДЗИН: Дефіцит бюджету зросте.", "ПЕНДЗИН"),
        ("ru", "СРОЧНО: В Харькове прогремели взрывы.\nФЕДОРОВ: Мы сбили три дрона.", "ФЕДОРОВ"),
        ("en", "BREAKING: Explosions were heard in Kharkiv.\nFEDOROV: We shot down three drones.", "FEDOROV"),
    ],
)
def test_a_rubric_label_is_no_speaker_and_a_surname_in_capitals_is_one(
    lang: str, text: str, speaker: str
) -> None:
    """A line's label in capitals names its speaker, whatever the tagger made of the word ("ПЕНДЗИН" a verb),
    unless the pack's ``gate.rubric_labels`` call it a rubric ("ТЕРМІНОВО:", "BREAKING:"): the outlet's own."""
    claims = run_claims(pipeline(lang, True), text, PUB)
    assert [c["claimant"] for c in claims] == [None, speaker], [(c["claimant"], c["content"]) for c in claims]


@pytest.mark.parametrize(
    ("lang", "text", "claimant", "content"),
    [
        (
            "ru",
            "На вопрос, правда ли, что батальон понёс большие потери под Курском, командир ответил, что такие "
            "сообщения — выдумки.",
            "командир",
            "такие сообщения — выдумки",
        ),
        (
            "ru",
            "На вопрос журналиста, правда ли, что армия отступила, министр ответил, что это ложь.",
            "министр",
            "это ложь",
        ),
        (
            "uk",
            "На запитання, чи правда, що батальйон зазнав великих втрат, командир відповів, що такі "
            "повідомлення — вигадки.",
            "командир",
            "такі повідомлення — вигадки",
        ),
        (
            "en",
            "Asked whether the battalion had suffered heavy losses, the commander said that such reports were "
            "invented.",
            "commander",
            "such reports were invented",
        ),
    ],
)
def test_the_answer_to_a_question_is_the_content_not_the_question(
    lang: str, text: str, claimant: str, content: str
) -> None:
    """ "На вопрос, правда ли, что …, X ответил, что …": the parser may hang the question's clause on the answer
    verb; the clause after the answer's complementizer is the content."""
    assert _attributed(lang, text) == [("indirect", claimant, content)]
