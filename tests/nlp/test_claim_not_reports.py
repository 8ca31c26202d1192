"""Russian and Ukrainian reporting verbs that report nothing, dashes that name no source and "according to"
contents on real news (issue 17, the error classes of tests/data/claims_dev/judged/real/): a ruling, rating or
listing with a predicative ("признал виновным", "вказавши місцем роботи"), a topic instead of a proposition
("розповідав про …"), a cue with a topic of its own after a report ("…, наступного дня повідомили про
підозру"), an editor's note, a list or a noun phrase before a dash, and the outlet's own cue inside an
"according to" content. Sentences written for claimflow; the gate words are the packs' (``gate``)."""

from __future__ import annotations

from datetime import UTC, datetime
from typing import Any

import pytest

from pipelines.nlp.claims.lexicon import load_lexicon
from tests.nlp.conftest import pipeline, run_claims

PUB = datetime(2025, 9, 4, 9, 0, tzinfo=UTC)


def _claims(lang: str, text: str) -> list[dict[str, Any]]:
    return run_claims(pipeline(lang, True), text, PUB)


def _attributed(lang: str, text: str) -> list[dict[str, Any]]:
    return [c for c in _claims(lang, text) if c["attribution"] != "unattributed"]


@pytest.mark.parametrize(
    ("lang", "text"),
    [
        # rulings, ratings and listings: a predicative in the instrumental after the cue
        ("ru", "Опис.\n\nВ марте районный суд признал директора завода виновным в растрате."),
        ("uk", "Опис.\n\nУ травні апеляційний суд визнав недійсним договір оренди землі."),
        (
            "uk",
            "Опис.\n\nПосадовець не задекларував доходи дружини, вказавши місцем роботи громадську організацію.",
        ),
        ("ru", "Соседи считали его честным и отзывчивым человеком."),
        # a topic, not a proposition
        ("uk", "Колись письменник розповідав про стару вчительку, яка навчила його читати."),
        ("ru", "Директор также рассказал о том, чем бы хотела заняться компания в новом городе."),
        ("uk", "Мудрий лікар говорить своєю мовою про те, чого навчився за роки війни."),
        # a cue with a topic of its own after a report before it
        ("uk", "Опис.\n\n5 квітня чиновника затримали, наступного дня повідомили про підозру."),
        # an editor's note
        (
            "uk",
            "Опис.\n\nКомплекс відкрили влітку. (додано дані щодо власника) Фірма отримала ще один підряд.",
        ),
        (
            "ru",
            "Опис.\n\nКомплекс открыли летом. (добавлено мнение эксперта) Фирма получила еще один подряд.",
        ),
        # a list, or a noun phrase, after or before a dash
        (
            "uk",
            "Опис.\n\nВідповідальність покладена на утримувачів доріг – «Укравтодор», «Київавтодор» тощо.",
        ),
        ("ru", "Опис.\n\nГород контролируют три группировки — «Северные», «Южные» и «Заречные»."),
        ("ru", "Другой фаворит — бывший министр Иван Петров."),
        # a fragment of a source line before "з посиланням на"
        ("uk", "Про це пишуть «Відкриті дані. Черкаси» з посиланням на звіти порталу «Дозорро»."),
    ],
)
def test_no_report_no_attributed_claim(lang: str, text: str) -> None:
    assert _attributed(lang, text) == []


@pytest.mark.parametrize(
    ("lang", "text"),
    [
        ("ru", "Опис.\n\nВ марте районный суд признал директора завода виновным в растрате."),
        ("uk", "Опис.\n\n5 квітня чиновника затримали, наступного дня повідомили про підозру."),
    ],
)
def test_a_sentence_without_a_report_stays_the_outlets_claim(lang: str, text: str) -> None:
    assert [c["attribution"] for c in _claims(lang, text) if "Опис" not in c["content"]] == ["unattributed"]


@pytest.mark.parametrize(
    ("lang", "text", "claimant", "content"),
    [
        # the reports these rules must keep
        ("uk", "Міноборони заявило про захоплення двох кварталів.", "Міноборони", "про захоплення"),
        ("uk", "Речник розповів журналістам про те, що ворог відступив.", "Речник", "ворог відступив"),
        (
            "ru",
            "Губернатор признал, что ситуация в районе остается сложной.",
            "Губернатор",
            "ситуация в районе",
        ),
        ("ru", "Обстрел Белгорода — власти", "власти", "Обстрел Белгорода"),
        ("uk", "Нова атака дронів на Харків — Синєгубов", "Синєгубов", "Нова атака дронів"),
        # a document after the cue is the source when no owner follows it
        (
            "uk",
            "«Коригування проєкту змінило обсяги та вартість закупівлі», – йдеться в обґрунтуванні.",
            "обґрунтуванні",
            "Коригування проєкту змінило обсяги та вартість закупівлі",
        ),
        (
            "ru",
            "«Документы нам так и не вернули», — говорится в заявлении.",
            "заявлении",
            "Документы нам так и не вернули",
        ),
        # a relative clause after a postposed speaker: the report is before the cue; a particle is no preposition
        (
            "en",
            "The port will reopen next week, said Anna Kovalenko, who heads the regional port authority.",
            "Anna Kovalenko",
            "The port will reopen next week",
        ),
        (
            "en",
            "The governor pointed out that every convoy had reached the city.",
            "governor",
            "every convoy had reached the city",
        ),
    ],
)
def test_reports_stay(lang: str, text: str, claimant: str, content: str) -> None:
    found = [(c["claimant"], c["content"]) for c in _attributed(lang, text)]
    assert any(who == claimant and content in what for who, what in found), found


@pytest.mark.parametrize(
    ("lang", "text", "content"),
    [
        # the outlet's own cue before "со ссылкой на" is not part of the report
        (
            "ru",
            "Причиной аварии стал отказ двигателя, сообщает РБК со ссылкой на источники в авиакомпании.",
            "Причиной аварии стал отказ двигателя",
        ),
        (
            "uk",
            "Нову суму назвав міністр фінансів на брифінгу, повідомляє «Інтерфакс-Україна» з посиланням "
            "на поінформоване джерело.",
            "Нову суму назвав міністр фінансів на брифінгу",
        ),
        # a phrase between commas inside one clause: the whole clause
        (
            "ru",
            "Второй кандидат тоже, по сообщениям СМИ, рассчитывает на поддержку губернатора.",
            "Второй кандидат тоже, по сообщениям СМИ, рассчитывает на поддержку губернатора",
        ),
        # the clause's predicate right after the phrase, whatever case the tagger gave the subject
        (
            "uk",
            "Опис.\n\nВартість відновлення мосту через Сіверський Донець, за оцінками ОВА, перевищує 90 млн грн.",
            "Вартість відновлення мосту через Сіверський Донець, за оцінками ОВА, перевищує 90 млн грн",
        ),
        (
            "uk",
            "Опис.\n\nМісце падіння уламків ракети, зазначається в повідомленні поліції, досі не встановлено.",
            "Місце падіння уламків ракети, зазначається в повідомленні поліції, досі не встановлено",
        ),
        (
            "uk",
            "Опис.\n\nВтрати від обстрілу, не покриті страховкою, на думку аналітиків, обчислюються мільйонами.",
            "Втрати від обстрілу, не покриті страховкою, на думку аналітиків, обчислюються мільйонами",
        ),
        (
            "ru",
            "Опис.\n\nСтоимость ремонта подстанции, по оценкам энергетиков, превышает 40 млн рублей.",
            "Стоимость ремонта подстанции, по оценкам энергетиков, превышает 40 млн рублей",
        ),
        # a connective before the phrase is no subject: the clause after it
        (
            "uk",
            "Опис.\n\nТим часом, за даними Генштабу, кількість штурмів зросла до 140.",
            "кількість штурмів зросла до 140",
        ),
    ],
)
def test_according_to_content(lang: str, text: str, content: str) -> None:
    found = [c["content"] for c in _attributed(lang, text) if c["attribution"] == "according_to"]
    assert found == [content]


@pytest.mark.parametrize(
    ("lang", "text", "claimant"),
    [
        # reporting verbs of news the cue lexicon lacked
        ("uk", "Опис.\n\n«До завдань департаменту віднесено боротьбу з корупцією», – нагадав суд.", "суд"),
        ("uk", "Міністр зауважив, що ситуація на кордоні стабільна.", "Міністр"),
        ("ru", "Губернатор напомнил, что эвакуация продолжается.", "Губернатор"),
        ("ru", "Министр объяснил, что цены вырастут осенью.", "Министр"),
    ],
)
def test_news_reporting_verbs(lang: str, text: str, claimant: str) -> None:
    assert [c["claimant"] for c in _attributed(lang, text)] == [claimant]


@pytest.mark.parametrize(
    ("lang", "text"),
    [
        ("uk", "Президент відзначив нагородами двадцять військових."),
        ("uk", "Нагадаємо, що 31 липня прокуратура відкрила провадження."),
        ("ru", "Напомним, что в июле суд арестовал чиновника."),
    ],
)
def test_awards_and_editorial_reminders_are_no_reports(lang: str, text: str) -> None:
    assert _attributed(lang, text) == []


def test_a_name_inside_a_quotation_is_not_the_speaker_of_the_next_one() -> None:
    text = (
        "Опис.\n\nЗаявление зачитал представитель Госдепартамента Марк Тонер: «Соединенные Штаты осуждают "
        "приговор, вынесенный кандидату Андрею Санникову. Мы считаем политическими заключенными пятерых "
        "кандидатов». Он призвал освободить всех."
    )
    claimants = [c["claimant"] for c in _attributed("ru", text)]
    assert claimants and all(c is None or "Санников" not in c for c in claimants), claimants


def test_a_quotation_given_whole_gives_no_claim_for_its_last_sentence() -> None:
    text = (
        "Опис.\n\nДиректор сказала: «В России мы встречались с министерством. Думаю, решение будет принято до "
        "конца года»."
    )
    found = _attributed("ru", text)
    assert len(found) == 1 and found[0]["content"].endswith("до конца года"), found


@pytest.mark.parametrize(
    ("lang", "text"),
    [
        # a negated impersonal cue: nothing was said
        ("ru", "О примерной сумме ущерба пока не сообщается, хотя она «очень значительна»."),
        # a cue in a subordinate clause after the clause it would report
        ("ru", "Беспорядки вспыхнули в минувшие выходные, когда он обвинил оппозицию в подкупе избирателей."),
        # a topic after a conjunction, an object of a verb that also hands over or publishes
        ("ru", "Кроме того, фермеры заявили и о подготовке новой акции."),
        ("ru", "Великобритания передаёт своего хакера властям США."),
        ("ru", "Правительство Татарстана опубликовало список из примерно 3,2 тысячи объектов."),
        ("uk", "Опис.\n\nЙого звинуватили у приховуванні доходів та майна дружини."),
    ],
)
def test_unsaid_and_object_cues_are_no_reports(lang: str, text: str) -> None:
    assert _attributed(lang, text) == []


def test_the_source_of_as_said_in_is_the_document_and_its_participle_clause_is_not_the_report() -> None:
    text = "Как говорится в пресс-релизе, опубликованном на портале ведомства, нарушений выявлено не было."
    found = [(c["claimant"], c["content"]) for c in _attributed("ru", text)]
    assert found == [("пресс-релизе", "нарушений выявлено не было")], found


@pytest.mark.parametrize(
    ("lang", "text"),
    [
        # a second predicate after a conjunction, an adverbial participle with its object
        ("uk", "Прем'єр засудив закриття сільських шкіл і звинуватив обласну владу в бездіяльності."),
        ("uk", "Каву по-віденському подають у склянках, додаючи збиті вершки перед уживанням."),
        # an object and its relative clause after a cue that needs a proposition
        ("uk", "У березні Сталін опублікував статтю, де засудив насаджування колгоспів силою."),
        ("ru", "Правительство опубликовало список домов, которые включены в программу."),
        # a relative clause after the cue's subject, or after a preposition and "що"/"что", is no content
        (
            "uk",
            "Опис.\n\nПроти позову прокуратури заперечувало ТОВ «Дніпробуд», яке, ймовірно, є "
            "власником складу.",
        ),
        ("uk", "Опис.\n\nОбвинувачений повністю визнав вину, за що йому призначено штраф у 17 тис. грн."),
        ("ru", "Опис.\n\nПодсудимый полностью признал вину, за что ему назначен штраф в 40 тысяч рублей."),
        (
            "uk",
            "Опис.\n\nУ серпні в Ірпені має пройти фестиваль «Відлуння», який вона організовує разом із "
            "волонтерами (так зазначено на сторінці фестивалю).",
        ),
    ],
)
def test_predicates_and_objects_after_a_cue_are_no_reports(lang: str, text: str) -> None:
    assert _attributed(lang, text) == []


@pytest.mark.parametrize(
    ("lang", "text", "claimant"),
    [
        ("ru", "Минобороны подтвердило гибель двух военных, которые служили в бригаде.", "Минобороны"),
        ("ru", "Силы флота отразили атаку. По его словам, уничтожены три катера, пострадавших нет.", None),
    ],
)
def test_events_and_short_participles_stay(lang: str, text: str, claimant: str | None) -> None:
    assert _attributed(lang, text), _claims(lang, text)


@pytest.mark.parametrize(
    "text",
    [
        "ГРАНІТНІ ВІЙНИ: НА ЖИТОМИРЩИНІ ТРИВАЄ БОРОТЬБА ЗА КАР'ЄРИ\n\nПредставники прокуратури приїхали з обшуком.",
        "Опис.\n\nЯК СТАРИЙ АЛЬБОМ: ЧОМУ ВАРТО ПОДИВИТИСЯ ФІЛЬМ «ОСІННІЙ САД»",
    ],
)
def test_a_headline_in_capitals_is_no_speakers_line(text: str) -> None:
    assert _attributed("uk", text) == []


def test_uk_forms_of_add_are_cues_and_the_nouns_sharing_their_prefix_are_not() -> None:
    # "дода*" also took "додатків" (apps, of a licence table) for a reporting verb
    cues = load_lexicon("uk").cues
    for verb in ("додав", "додала", "додали", "додає", "додавши", "додасть"):
        assert cues.match_at([verb], [None], 0) is not None, verb
    for noun in ("додатків", "додаток", "додатково", "додаткових"):
        assert cues.match_at([noun], [None], 0) is None, noun
