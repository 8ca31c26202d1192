"""Russian speakers of quotations (issue 17, the misses of the judged files
tests/data/claims_dev/judged/real/ru-2026-11-30-r3/-r4.jsonl and the development part of
benchmarks/eval_quotations.py): a no-break space between a quotation's comma and the dash before the cue, a long
source phrase after the cue that ends in where it spoke, and the one a quoting verb ("цитирует") quotes rather than
the outlet that quotes. Sentences written for claimflow; the words are the pack's data."""

from __future__ import annotations

from datetime import UTC, datetime
from typing import Any

import pytest

from tests.nlp.conftest import holding, pipeline, run_claims

PUB = datetime(2025, 9, 4, 9, 0, tzinfo=UTC)


def _attributed(text: str) -> list[dict[str, Any]]:
    return [c for c in run_claims(pipeline("ru", True), text, PUB) if c["attribution"] != "unattributed"]


def test_a_no_break_space_before_the_dash_keeps_the_speaker_after_the_cue() -> None:
    text = (
        "В Казани начались съемки фильма о враче.\n\n«Съемки стартовали в четверг, картина основана на"
        " воспоминаниях ее друзей»,\u00a0— сообщили в пресс-службе «Киностудии Волга»."
    )
    claim = holding(_attributed(text), "Съемки стартовали в четверг")
    assert claim["attribution"] == "direct_quote"
    assert claim["claimant"] is not None and "Киностудии Волга" in claim["claimant"]


def test_a_no_break_space_is_never_a_claimant() -> None:
    text = "Министр приехал на завод.\n\n«Работы завершим к зиме»,\u00a0— заявил директор завода Иван Бойко."
    for claim in _attributed(text):
        assert claim["claimant"] is None or claim["claimant"].strip(), claim


def test_a_long_source_phrase_ends_where_it_says_where_the_source_spoke() -> None:
    text = (
        "Виолончелист Андрей Соколов приехал в Казань.\n\n«Важно, чтобы эту музыку услышали как можно больше"
        " детей», — заявил музыкант в ходе брифинга с художественным директором Летнего джазового фестиваля"
        " «Казанские вечера» Мариной Лебедевой."
    )
    claim = holding(_attributed(text), "как можно больше детей")
    assert claim["claimant"] == "музыкант"


def test_a_quoting_verb_gives_the_one_quoted_not_the_outlet() -> None:
    text = (
        "Премьер-министр Венгрии прибыл в Ташкент.\n\n«Это знак большого шага в сторону партнерства, — сказал"
        " Виктор Орбан. — Мы хотим, чтобы компании строили совместные заводы», — цитирует слова"
        " венгерского премьер-министра пресс-служба президента Узбекистана."
    )
    claim = holding(_attributed(text), "знак большого шага")
    assert claim["claimant"] is not None and "пресс-служба" not in claim["claimant"]
    assert "Орбан" in claim["claimant"] or "премьер" in claim["claimant"]


def test_a_quoted_named_object_is_the_speaker() -> None:
    claim = holding(_attributed("«Мы не отступим», — цитирует Reuters Сергея Шойгу."), "Мы не отступим")
    assert claim["claimant"] == "Сергея Шойгу"


def test_a_title_repeated_as_subject_is_the_person_named_with_it_not_the_latest_name() -> None:
    text = (
        "Президент Дмитрий Медведев позвонил певице Зыкиной по телефону. Президент сообщил певице, что подписал"
        " указ о ее награждении."
    )
    claim = holding(_attributed(text), "подписал указ")
    assert claim["claimant"] == "Дмитрий Медведев"


def test_a_title_tagged_as_an_organisation_before_a_name_gives_the_person() -> None:
    text = (
        "Министерство обороны подтвердило отставку.\n\nПредставитель Минобороны Игорь Конашенков подтвердил,"
        " что начальник управления уволен с военной службы."
    )
    claim = holding(_attributed(text), "уволен с военной службы")
    assert claim["claimant"] is not None and "Конашенков" in claim["claimant"]


def test_a_headline_label_before_a_quotation_is_a_direct_quote() -> None:
    text = (
        "Сергей Лавров: «Мы не допустим эскалации конфликта в регионе»\n\nМинистр выступил на форуме в Сочи."
    )
    claim = holding(_attributed(text), "Мы не допустим эскалации")
    assert claim["attribution"] == "direct_quote"
    assert claim["claimant"] == "Сергей Лавров"


def test_an_outlet_tail_after_a_postposed_source_leaves_the_source() -> None:
    text = (
        "Евросоюз приостановил работу миссии.\n\n«Реформа — не быстрое дело и не всегда приносит доход», —"
        " заявил Томас Келлер, эксперт ОЭСР, сообщает BBC."
    )
    claim = holding(_attributed(text), "не быстрое дело")
    assert claim["claimant"] == "Томас Келлер"


def test_a_possessive_before_the_source_of_po_slovam_is_not_the_source() -> None:
    text = (
        "Вчера ушел из жизни художник Олег Громов.\n\nПо словам его супруги Ирины Громовой он умер в"
        " больнице."
    )
    claim = holding(_attributed(text), "умер в больнице")
    assert claim["content"] == "он умер в больнице"
    assert claim["claimant"] is not None and "Громовой" in claim["claimant"]


def test_a_name_in_apposition_after_the_source_of_po_slovam_is_the_source() -> None:
    text = "В аварии погибла Мейв Кеннеди.\n\nПо словам мужа погибшей, Дэвида Маккина, тело нашли в воде."
    claim = holding(_attributed(text), "тело нашли в воде")
    assert claim["content"] == "тело нашли в воде"
    assert claim["claimant"] == "Дэвида Маккина"


def test_a_speaker_after_the_cue_with_a_relative_clause_in_an_oblique_case() -> None:
    text = (
        "Министр заметил, что будут введены пошлины. «Такое резкое повышение тарифов может затронуть и"
        " поставки зерна», - намекнул Беляков, которого цитирует ТАСС."
    )
    claim = holding(_attributed(text), "поставки зерна")
    assert claim["attribution"] == "direct_quote"
    assert claim["claimant"] == "Беляков"


def test_a_subject_the_parser_made_the_root_of_a_verbless_sentence() -> None:
    text = (
        "Казахская альпинистка Алия Нурланова, которая находится под стражей в Киеве, в понедельник, 3 марта 2016"
        " года, передала через своих адвокатов, что украинские прокуроры открыли против нее второе дело."
    )
    claim = holding(_attributed(text), "открыли против нее второе дело")
    assert claim["claimant"] is not None and "Нурланова" in claim["claimant"]


def test_a_quotation_after_a_comma_and_chto_is_covered_to_its_closing_mark() -> None:
    text = (
        "Суд вынес приговор.\n\nСогласно сообщению агентства, судья заявила, что «с марта по май 2019 года"
        " Петр Орлов по сговору с другими лицами готовил поджоги складов, а также руководил ими»."
    )
    claims = _attributed(text)
    claim = holding([c for c in claims if c["claimant"] == "судья"], "с марта")
    assert claim["attribution"] == "direct_quote"
    assert claim["content"].endswith("руководил ими"), claim["content"]
    # the agency's report holds the judge's words and the quotation: not itself a quotation
    assert holding(claims, "судья заявила")["attribution"] == "according_to"


def test_a_quotation_framed_by_po_slovam_is_a_direct_quote_of_the_source() -> None:
    text = (
        "В Екатеринбурге открыли памятник.\n\nПо словам губернатора Ивана Петрова, «уже тогда для него не"
        " существовало слова невыполнимо, он всегда добивался своего»."
    )
    claim = holding(_attributed(text), "всегда добивался своего")
    assert claim["attribution"] == "direct_quote"
    assert claim["claimant"] == "губернатора Ивана Петрова" or "Петров" in (claim["claimant"] or "")
    assert claim["cue"] == "по словам"


def test_a_quoted_hyphenated_title_is_the_person_named_with_it() -> None:
    text = (
        "В Ташкент прибыл премьер-министр Венгрии Виктор Орбан.\n\n«Мы хотим, чтобы наши компании строили"
        " совместные заводы», — цитирует слова венгерского премьер-министра пресс-служба президента Узбекистана."
    )
    claim = holding(_attributed(text), "совместные заводы")
    assert claim["claimant"] is not None and "Орбан" in claim["claimant"], claim["claimant"]


def test_a_quotation_opening_with_a_concessive_pust_is_not_a_wish() -> None:
    text = (
        "Тренер высказался о матче.\n\n«Пусть на меня не обижаются болельщики, но меня настораживает позиция"
        " тренера», — сказал ветеран футбола Виктор Понедельник."
    )
    claim = holding(_attributed(text), "настораживает позиция")
    assert claim["content"].startswith("Пусть на меня"), claim["content"]
    assert claim["claimant"] is not None and "Понедельник" in claim["claimant"]


def test_a_wish_with_pust_is_still_no_claim() -> None:
    claims = run_claims(pipeline("ru", True), "Пусть в каждом доме будет мир и покой.", PUB)
    assert not claims, claims


def test_uveren_chto_is_an_attributed_belief() -> None:
    claim = holding(_attributed("Эксперт уверен, что цены на топливо вырастут."), "цены на топливо")
    assert claim["claimant"] == "Эксперт"
    assert claim["cue"] == "быть уверенным"


def test_writing_a_resignation_letter_is_an_act_not_a_report() -> None:
    text = "Губернатор области Иван Петров написал заявление о прекращении полномочий."
    assert not _attributed(text)
    claim = holding(_attributed("Депутат Иван Петров написал в Telegram, что бюджет будет принят."), "бюджет")
    assert claim["claimant"] == "Иван Петров"


def test_the_clause_a_cues_clause_depends_on_is_not_its_content() -> None:
    text = "Ранее стало известно о том, что депутат Иван Сидоров сообщил журналистам об отставке."
    for claim in _attributed(text):
        assert "стало известно" not in claim["content"], claim


def test_a_pronoun_subject_goes_on_with_the_subject_not_a_genitive_name() -> None:
    text = (
        "Директор музея Мартина Эклунд высказалась против плана Робертсона. Она сказала: «Я считаю, что"
        " главная проблема в нехватке денег»."
    )
    claim = holding(_attributed(text), "проблема в нехватке")
    assert claim["claimant"] is not None and "Эклунд" in claim["claimant"], claim["claimant"]


def test_a_pronoun_keeps_the_oblique_name_of_its_gender() -> None:
    text = "Министр Иван Петров встретился с Анной Ивановой. Она сказала, что переговоры прошли успешно."
    claim = holding(_attributed(text), "переговоры прошли")
    assert claim["claimant"] is not None and "Иванов" in claim["claimant"], claim["claimant"]


def test_a_coordinated_report_with_its_own_subject_is_not_the_first_reports_content() -> None:
    text = (
        "Премьер-министр Италии Марио Монти заявил, что это решение «вызывает тревогу», а глава итальянского МИДа"
        " Джулио Терци отметил, что такой шаг «подрывает доверие соседних стран»."
    )
    claims = _attributed(text)
    first = holding(claims, "вызывает тревогу")
    assert "Терци" not in first["content"], first["content"]
    second = holding(claims, "подрывает доверие")
    assert second["claimant"] is not None and "Терци" in second["claimant"], second


def test_where_the_source_spoke_is_not_part_of_the_claimant() -> None:
    text = (
        "Глава правительства Петр Фиала провел заседание кабинета. Как отметил премьер в речи перед"
        " депутатами, Европа должна понять, что граждане Чехии не сдадутся."
    )
    claim = holding(_attributed(text), "граждане Чехии")
    assert claim["claimant"] is not None and "речи" not in claim["claimant"], claim["claimant"]


def test_a_title_is_not_resolved_to_a_different_bare_title() -> None:
    text = (
        "Как отметил премьер в речи перед депутатами, бюджет будет принят. Президент в своей речи заявил, что"
        " налоги снизят."
    )
    claim = holding(_attributed(text), "налоги снизят")
    assert claim["claimant"] == "Президент", claim["claimant"]


def test_when_the_source_spoke_is_not_part_of_the_claimant() -> None:
    claims = _attributed(
        "Представители партии президента Зимбабве в четверг объявили, что он победил. Пресс-секретарь Кремля"
        " 5 мая заявил, что визит отменен."
    )
    assert holding(claims, "он победил")["claimant"] == "Представители партии президента Зимбабве"
    assert holding(claims, "визит отменен")["claimant"] == "Пресс-секретарь Кремля"


def test_the_cues_object_before_a_postposed_source_is_not_the_source() -> None:
    text = (
        "Холдинг возместит штраф.\n\n«Мы приняли решение возместить сумму штрафа», — прокомментировал ситуацию"
        " председатель совета директоров Иван Петров."
    )
    claim = holding(_attributed(text), "возместить сумму")
    assert claim["claimant"] == "председатель совета директоров Иван Петров", claim["claimant"]


def test_a_name_the_tagger_took_a_word_of_for_a_preposition_is_not_cut() -> None:
    text = (
        "Командувач Сил безпілотних систем Роберт Бровді повідомив, що оператори уразили установку первинної"
        " переробки нафти на Новошахтинському НПЗ."
    )
    claims = [c for c in run_claims(pipeline("uk", True), text, PUB) if c["attribution"] != "unattributed"]
    claim = holding(claims, "оператори уразили")
    assert claim["claimant"] is not None and "Бровді" in claim["claimant"], claim["claimant"]


def test_one_report_of_one_clause_by_its_nearest_cue() -> None:
    # "ответил журналистам, добавив, что …": one claim of the clause, by the converb that introduces it
    for text, cue in (
        ("Губернатор ответил журналистам, добавив, что пострадавших нет.", "добавить"),
        # the tagger reads "отмечая" as an imperative; the dictionary knows it only as a converb
        ("Песков ответил журналистам, отмечая, что Кремль не комментирует слухи.", "отметить"),
    ):
        claims = [
            c for c in run_claims(pipeline("ru", True), text, PUB) if c["attribution"] != "unattributed"
        ]
        assert [c["cue"] for c in claims] == [cue]


@pytest.mark.parametrize(
    ("text", "claimant"),
    [
        # a particle and a time word before the source are no part of it
        (
            "Лишь сегодня пресс-служба областной администрации подтвердила факт гибели депутата.",
            "пресс-служба областной администрации",
        ),
    ],
)
def test_a_claimant_without_particles_and_time_words_before_it(text: str, claimant: str) -> None:
    claims = [c for c in run_claims(pipeline("ru", True), text, PUB) if c["attribution"] != "unattributed"]
    assert [c["claimant"] for c in claims] == [claimant]


@pytest.mark.parametrize(
    ("lang", "text", "claimant"),
    [
        # a person the verb before tells is a woman is not "він" / "он"
        ("uk", "Наталя прийшла на балкон. Він сказав, що то не вада, а перевага.", None),
        ("uk", "Олег прийшов на балкон. Він сказав, що то не вада, а перевага.", "Олег"),
        ("ru", "Мария Захарова выступила на брифинге. Она заявила, что переговоров нет.", "Мария Захарова"),
        ("ru", "Мария Захарова выступила на брифинге. Он заявил, что переговоров нет.", None),
    ],
)
def test_a_pronoun_is_no_person_of_the_other_gender(lang: str, text: str, claimant: str | None) -> None:
    claims = [c for c in run_claims(pipeline(lang, True), text, PUB) if c["attribution"] != "unattributed"]
    assert [c["claimant"] for c in claims] == [claimant]


@pytest.mark.parametrize(
    ("text", "claimant"),
    [
        # the outlet told, between the cue and the source, is whom it was said to
        (
            'Как рассказал "Ъ" источник в правительстве РФ, кандидатура уже выбрана.',
            "источник в правительстве РФ",
        ),
        (
            "Кандидатура уже выбрана, рассказал «Коммерсанту» источник в правительстве.",
            "источник в правительстве",
        ),
        ("Как рассказал ТАСС источник в правительстве, кандидатура уже выбрана.", "источник в правительстве"),
        ('Как пояснили "Ъ" в Минэнерго, для избрания необходимо согласие.', "Минэнерго"),
        # alone, before a preposition or a genitive, the outlet or body is the source
        ("Как сообщил ТАСС, кандидатура уже выбрана.", "ТАСС"),
        ("Как сообщил Интерфакс со ссылкой на пресс-службу МВД, решение принято.", "Интерфакс"),
        ("По данным МВД России, протокол составлен.", "МВД России"),
    ],
)
def test_an_outlet_told_before_the_source_is_not_the_source(text: str, claimant: str) -> None:
    claims = [c for c in run_claims(pipeline("ru", True), text, PUB) if c["attribution"] != "unattributed"]
    assert [c["claimant"] for c in claims] == [claimant]
