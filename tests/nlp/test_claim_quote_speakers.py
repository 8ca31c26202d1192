"""Who said a quotation, on Russian and Ukrainian news (issue 17, the claimant classes of
tests/data/claims_dev/judged/real/*-r3.jsonl): a speaker named after the quotation with a reporting verb the pack
lacked ("пожартував", "подытожил"), a quotation with a quotation inside it, a document source after a closing
quote ("– йдеться у записці"). Sentences written for claimflow; the words are the packs' data."""

from __future__ import annotations

from datetime import UTC, datetime
from typing import Any

import pytest

from tests.nlp.conftest import holding, pipeline, run_claims

PUB = datetime(2025, 9, 4, 9, 0, tzinfo=UTC)


def _attributed(lang: str, text: str) -> list[dict[str, Any]]:
    return [c for c in run_claims(pipeline(lang, True), text, PUB) if c["attribution"] != "unattributed"]


@pytest.mark.parametrize(
    ("lang", "text", "words", "speaker"),
    [
        # reporting verbs after a closing quote that the packs lacked; the name before is someone else
        (
            "uk",
            'Президент Росії Володимир Путін вимагав вибачень.\n\n"Я працюю над цим вибаченням. Це може зайняти'
            ' якийсь час", - пожартував ведучий Білл Кравець.',
            "Я працюю над цим вибаченням",
            "Кравець",
        ),
        (
            "uk",
            "Міністр Петро Коваль приїхав на завод.\n\n«Усе буде гаразд, роботи завершимо до зими», – резюмував"
            " директор заводу Іван Бойко.",
            "роботи завершимо до зими",
            "Бойко",
        ),
        (
            "ru",
            "Министр Петр Ковалев приехал на завод.\n\n«Все будет хорошо, работы завершим к зиме», — подытожил"
            " директор завода Иван Бойко.",
            "работы завершим к зиме",
            "Бойко",
        ),
        (
            "ru",
            "Министр Петр Ковалев приехал на завод.\n\n«Я работаю над этим, но на это уйдет время», — пошутил"
            " ведущий Борис Кравец.",
            "Я работаю над этим",
            "Кравец",
        ),
    ],
)
def test_speaker_after_the_quotation(lang: str, text: str, words: str, speaker: str) -> None:
    claim = holding(_attributed(lang, text), words)
    assert speaker in (claim["claimant"] or ""), claim


def test_a_quotation_with_a_quotation_inside_is_one_claim_of_its_speaker() -> None:
    text = (
        "Голова громади розповів про об'єднання.\n\n«Рік тому до мене звертався голова сусіднього селища. Коли"
        " йому порадили підтримати злиття сіл, він відповів: «А хто тоді проголосує за мене? Навіщо мені це?»"
        " Виходить, навіть тут переважили власні інтереси», — зауважує Андрій Гудь."
    )
    claims = _attributed("uk", text)
    first = holding(claims, "Рік тому до мене звертався")
    assert "Гудь" in (first["claimant"] or ""), first
    assert "переважили власні інтереси" in first["content"], first


@pytest.mark.parametrize(
    ("lang", "text", "source"),
    [
        (
            "uk",
            "Опис.\n\n«У травні його призначили в комунальне підприємство, де він і працює», – йдеться у записці,"
            " яка не має дати.",
            "записці",
        ),
        (
            "ru",
            "Описание.\n\n«В мае его назначили в коммунальное предприятие, где он и работает», — говорится в"
            " справке, которая не имеет даты.",
            "справке",
        ),
    ],
)
def test_a_document_after_the_closing_quote_is_the_source(lang: str, text: str, source: str) -> None:
    claim = holding(_attributed(lang, text), "коммунальное" if lang == "ru" else "комунальне")
    assert claim["attribution"] == "according_to" and claim["claimant"] == source, claim


@pytest.mark.parametrize(
    ("lang", "text", "speaker"),
    [
        (
            "ru",
            "Описание.\n\n«Не важно, где мы находимся. Поэтому продолжайте работать», — заявил музыкант в ходе"
            " брифинга с менеджером фестиваля.",
            "музыкант",
        ),
        (
            "uk",
            "Опис.\n\n«Ми не віддамо свою землю. Це наша позиція», — заявив Зеленський на спільній пресконференції"
            " з канцлером Німеччини.",
            "Зеленський",
        ),
    ],
)
def test_the_occasion_after_a_postposed_speaker_is_not_the_speaker(
    lang: str, text: str, speaker: str
) -> None:
    claim = _attributed(lang, text)[0]
    assert claim["claimant"] == speaker, claim


def test_a_quotation_over_two_paragraphs_is_one_claim_of_the_speaker_after_it() -> None:
    text = (
        "Гендиректор компанії Максим Тимченко повідомив, що облігації скуповувала компанія Альфа.\n\n"
        "«За нашими даними, компанія Альфа набувала облігації з випуску 2013 року.\n\n"
        "Проте ця інформація на сьогодні могла втратити актуальність», – зазначив Тимченко."
    )
    claim = holding(_attributed("uk", text), "За нашими даними")
    assert claim["claimant"] == "Тимченко" and "втратити актуальність" in claim["content"], claim


@pytest.mark.parametrize(
    ("lang", "text", "source"),
    [
        (
            "uk",
            "Контракт уклали з фірмою «Лотос».\n\n«Наші гроші» у березні повідомили, що обидва учасники подали"
            " пропозиції з однієї адреси.",
            "Наші гроші",
        ),
        ("en", "The talks stalled.\n\nThe OSCE on Monday said the elections would be postponed.", "OSCE"),
    ],
)
def test_a_time_phrase_is_never_the_claimant(lang: str, text: str, source: str) -> None:
    claim = holding(_attributed(lang, text), "пропозиції" if lang == "uk" else "postponed")
    # the quoted name before the misparsed time phrase; in English, no claimant rather than "on Monday"
    assert claim["claimant"] == source if lang == "uk" else claim["claimant"] in (None, source), claim


@pytest.mark.parametrize(
    ("lang", "text", "claimant"),
    [
        (
            "ru",
            "Прокурор говорил, что Маркив командовал группой. Адвокат Маркива заявил, что его подзащитный был"
            " простым солдатом.",
            "Адвокат Маркива",
        ),
        (
            "uk",
            "Прокурор казав, що Марків командував групою. Адвокат Марківа заявив, що його підзахисний був"
            " простим солдатом.",
            "Адвокат Марківа",
        ),
    ],
)
def test_a_role_noun_before_a_genitive_name_is_the_role_holder(lang: str, text: str, claimant: str) -> None:
    claim = holding(_attributed(lang, text), "солдат")
    assert claim["claimant"] == claimant and claim["claimant_canonical"] is None, claim


@pytest.mark.parametrize(
    ("lang", "text"),
    [
        ("uk", "Опис.\n\nТОВ «Вереск груп» не подало копії довідок, що підтверджують походження товару."),
        (
            "ru",
            "Описание.\n\nООО «Вереск групп» не предоставило копии сертификатов, что подтверждают происхождение.",
        ),
    ],
)
def test_a_relative_clause_after_a_noun_reports_nothing(lang: str, text: str) -> None:
    assert _attributed(lang, text) == []


@pytest.mark.parametrize(
    ("lang", "text"),
    [
        # a passive participle describes a listed thing; a rating verb's reflexive says what someone was held to be
        (
            "uk",
            "Опис.\n\nНа сайті міськради депутат вказаний як безпартійний, хоча в 2014 році він балотувався.",
        ),
        ("uk", "Опис.\n\nЦі квартири вказані в його декларації, а будинок матері суддя не вказав."),
        ("uk", "Опис.\n\nУ часи президентства Януковича Анісімов вважався «смотрящим» по області."),
        ("ru", "Описание.\n\nВ те годы Анисимов считался «смотрящим» по области от депутата."),
    ],
)
def test_participles_and_passive_ratings_report_nothing(lang: str, text: str) -> None:
    assert _attributed(lang, text) == []


@pytest.mark.parametrize(
    ("lang", "text", "claimant"),
    [
        ("ru", "Вице-премьер Игорь Сечин признался журналистам, что кандидата пока нет.", "Игорь Сечин"),
        ("uk", "Компанія відмічає, що ціни на вугілля зросли вдвічі.", "Компанія"),
        (
            "uk",
            "Опис.\n\n«Виконання розробки забезпечить громади проектними рішеннями», – йдеться в конкурсній"
            " документації.",
            "документації",
        ),
    ],
)
def test_reports_that_stay(lang: str, text: str, claimant: str) -> None:
    claims = _attributed(lang, text)
    assert claims and claimant in (claims[0]["claimant"] or ""), claims


@pytest.mark.parametrize(
    ("text", "claimant"),
    [
        # the quoted firm before the cue, not the noun before the clause (whom it was told)
        (
            "У квітні ТД «Украгропром» повідомив держпідприємство, що відмовляється від решти товару.",
            "Украгропром",
        ),
        (
            "Зараз «Укргазвидобування» вказує, що залишкова вартість санаторію 15 млн грн.",
            "Укргазвидобування",
        ),
    ],
)
def test_a_quoted_name_before_the_cue_is_the_claimant(text: str, claimant: str) -> None:
    claims = _attributed("uk", text)
    assert claims and claims[0]["claimant"] == claimant, claims


@pytest.mark.parametrize(
    ("lang", "text", "claimant", "content_start"),
    [
        (
            "uk",
            "Усі ці факти в сукупності, резюмували антимонопольники, не можуть бути результатом випадкового збігу.",
            "антимонопольники",
            "Усі ці факти",
        ),
        (
            "ru",
            "Эти факты, отметил эксперт, свидетельствуют о сговоре участников торгов.",
            "эксперт",
            "Эти факты",
        ),
        # an adverbial before the insertion, the clause after it has its own subject: the clause alone
        ("ru", "Без сомнения, пишет газета «Pravda», речь идет о заказном поджоге.", "Pravda", "речь идет"),
        # English order, the source before the cue, a time after it; the tagger's half gives way to the clause
        (
            "en",
            "The grain deal, the ministry said on Tuesday, would be extended by 60 days.",
            "ministry",
            "The grain",
        ),
        (
            "en",
            "The strikes, Kovalenko added, were aimed at power plants in the east.",
            "Kovalenko",
            "The strikes",
        ),
        ("en", "Last winter, officials said, 300 substations were damaged.", "officials", "300 substations"),
        # a subordinate clause before the insertion and the main clause after it: both, as one proposition
        (
            "en",
            "Though the first evacuation went smoothly, the governor said, a second one would be much harder "
            "and could take weeks.",
            "governor",
            "Though the first evacuation",
        ),
        (
            "ru",
            "Если переговоры сорвутся, предупредил министр, боевые действия возобновятся.",
            "министр",
            "Если переговоры",
        ),
        (
            "uk",
            "Хоча перемир'я тримається, зазначив експерт, ситуація залишається напруженою.",
            "експерт",
            "Хоча перемир'я",
        ),
    ],
)
def test_a_cue_inserted_in_a_clause_keeps_its_subject(
    lang: str, text: str, claimant: str, content_start: str
) -> None:
    claim = _attributed(lang, text)[0]
    assert claimant in (claim["claimant"] or "") and claim["content"].startswith(content_start), claim


@pytest.mark.parametrize(
    ("lang", "text", "not_content"),
    [
        # a relative clause between commas is no inserted source
        ("ru", "Документы, в которых вдова рассказала об этом, были переданы в суд.", "Документы"),
    ],
)
def test_no_insertion_without_one(lang: str, text: str, not_content: str) -> None:
    assert not [c for c in _attributed(lang, text) if c["content"].startswith(not_content)]


@pytest.mark.parametrize(
    ("lang", "text"),
    [
        # rulings with a quoted name inside the object, and "визначити" (to determine) is no "визнати"
        ("uk", "Опис.\n\nСуд визнав вимоги «Альтера Трейд Україна» обґрунтованими та задовольнив їх."),
        ("uk", "Опис.\n\nМіністерство оборони визначило ТОВ «Київ-Інстал» переможцем конкурсу."),
    ],
)
def test_rulings_report_nothing(lang: str, text: str) -> None:
    assert _attributed(lang, text) == []


@pytest.mark.parametrize(
    ("lang", "text", "source", "content_start"),
    [
        (
            "uk",
            "Опис.\n\nЗа даними слідства невстановлені особи розтратили частину коштів, перерахувавши їх фірмам.",
            "слідства",
            "невстановлені особи",
        ),
        (
            "ru",
            "Описание.\n\nПо мнению прокуратуры итоговая цена была завышена для вывода денег.",
            "прокуратуры",
            "итоговая цена",
        ),
    ],
)
def test_an_according_to_source_without_a_comma_ends_at_the_subject(
    lang: str, text: str, source: str, content_start: str
) -> None:
    claim = _attributed(lang, text)[0]
    assert claim["claimant"] == source and claim["content"].startswith(content_start), claim


def test_a_name_alone_is_no_content() -> None:
    text = "Опис.\n\nЦього року уклали угоду на зйомки фільму. Сценарій фільму написав Андрій Курков."
    assert _attributed("uk", text) == []


def test_a_pronoun_never_stands_for_an_addressee_in_the_dative() -> None:
    text = (
        "Прокурор Василь Гордієнко підтвердив ці дані в коментарі журналісту Петру Савчуку. Він повідомив,"
        " що його дружина купила будинок за власні заощадження."
    )
    claim = holding(_attributed("uk", text), "дружина")
    assert claim["claimant_canonical"] == "Василь Гордієнко", claim


@pytest.mark.parametrize(
    ("lang", "text"),
    [
        ("uk", "Інтерв'ю.\n\nВи казали про 3,5 тис. нових зарядних станцій. Звідки ця цифра?"),
        ("ru", "Интервью.\n\nВы говорили, что продажи электромобилей выросли вдвое. Откуда эта цифра?"),
        (
            "en",
            "Interview.\n\nYou said that sales of electric cars doubled last year. Where does that figure come from?",
        ),
    ],
)
def test_the_interviewer_s_you_is_never_a_claimant(lang: str, text: str) -> None:
    """The interviewer's "you" (ви, вы) stands for the interviewee the text may never name: no bare pronoun is a
    claimant (issue 17)."""
    assert all(
        (c["claimant"] or "").casefold() not in ("ви", "вы", "you")
        for c in run_claims(pipeline(lang, True), text, PUB)
    )


def test_a_stand_alone_quotation_is_not_said_by_whom_the_sentence_before_addressed() -> None:
    # "подякував Олегу Синєгубову": the dative names whom he thanked; the quotation is the mayor's
    found = _attributed(
        "uk", "Мер Харкова Ігор Терехов подякував Олегу Синєгубову. «Ми працюємо разом, і це головне»."
    )
    assert [(c["attribution"], c["claimant"]) for c in found] == [("direct_quote", "Ігор Терехов")]


@pytest.mark.parametrize(
    ("lang", "text"),
    [
        # "на думку не спадало" / "в голову не приходило" is an idiom before a clause, no according-to phrase
        ("uk", "Я йшла додому втомлена, мені й на думку не спадало поскаржитися й попросити допомоги."),
        ("ru", "Мне и в голову не приходило, что он врёт."),
    ],
)
def test_an_idiom_of_thinking_names_no_source(lang: str, text: str) -> None:
    assert _attributed(lang, text) == []
