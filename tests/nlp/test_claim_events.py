"""Event types of vocabulary 1.2 (issue 17): appointments, elections, deaths, evacuations, supplies, protests,
accidents, economic figures and police or court acts (``decision``), and of 1.3: crimes and legal proceedings,
offices held, owners, biographies and sports results, taken from the content's predicate and its arguments,
never from a word deep inside the sentence. Sentences written for claimflow in the shape of the
outlet assertions of real news."""

from __future__ import annotations

import json
from datetime import UTC, datetime
from typing import Any

import pytest

from pipelines.nlp.langpacks import load_pack
from pipelines.resources import schemas_dir
from tests.nlp.conftest import event_share_module, needs_corpora, pipeline, run_claims

PUB = datetime(2025, 3, 4, 9, 0, tzinfo=UTC)


def _one(lang: str, text: str, starts: str) -> dict[str, Any]:
    claims = run_claims(pipeline(lang, True), text, PUB)
    found = [c for c in claims if c["content"].startswith(starts)]
    assert len(found) == 1, [(c["attribution"], c["content"], c["event_type"]) for c in claims]
    return found[0]


@pytest.mark.parametrize(
    ("lang", "text", "starts", "event_type"),
    [
        # appointment
        (
            "en",
            "The president appointed Oleh Ivanov as defence minister on Tuesday.",
            "The president",
            "appointment",
        ),
        ("en", "The head of the regional administration resigned on Friday.", "The head", "appointment"),
        ("ru", "Президент назначил Олега Иванова министром обороны.", "Президент", "appointment"),
        ("ru", "Глава администрации области ушел в отставку в пятницу.", "Глава", "appointment"),
        ("uk", "Президент призначив Олега Іванова міністром оборони.", "Президент", "appointment"),
        ("uk", "Голова обласної адміністрації подав у відставку в п'ятницю.", "Голова", "appointment"),
        # election
        ("en", "Turnout in the runoff election reached 61 percent.", "Turnout", "election"),
        ("ru", "Выборы губернатора пройдут в сентябре.", "Выборы", "election"),
        ("uk", "Місцеві вибори відбудуться восени.", "Місцеві", "election"),
        # death
        ("en", "The former mayor passed away in a Kyiv hospital on Sunday.", "The former mayor", "death"),
        ("ru", "В воскресенье в московской больнице скончался бывший мэр города.", "В воскресенье", "death"),
        ("uk", "Колишній мер міста помер у неділю в київській лікарні.", "Колишній мер", "death"),
        # evacuation (not a retreat)
        ("en", "Volunteers evacuated 140 civilians from Pokrovsk on Monday.", "Volunteers", "evacuation"),
        ("ru", "Из Покровска эвакуировали 140 мирных жителей.", "Из Покровска", "evacuation"),
        ("uk", "З Покровська евакуювали 140 мирних жителів.", "З Покровська", "evacuation"),
        # supply (not an attack)
        ("en", "Germany will supply four more Patriot systems to Ukraine.", "Germany", "supply"),
        ("ru", "Германия объявила о новой поставке оружия Украине.", "о новой поставке", "supply"),
        ("uk", "Польща відправила до Харкова гуманітарну допомогу.", "Польща", "supply"),
        # protest (not an attack, not a strike)
        ("en", "Thousands of protesters rallied outside parliament on Saturday.", "Thousands", "protest"),
        ("ru", "В центре Тбилиси прошел многотысячный митинг оппозиции.", "В центре", "protest"),
        ("uk", "Під будівлею міськради відбувся мітинг підприємців.", "Під будівлею", "protest"),
        # accident
        ("en", "A passenger train derailed near Lviv on Sunday night.", "A passenger train", "accident"),
        ("ru", "На трассе под Ростовом произошло крупное ДТП.", "На трассе", "accident"),
        ("uk", "На шахті в Павлограді сталася аварія.", "На шахті", "accident"),
        # economy
        ("en", "Wheat prices rose 4 percent on Monday.", "Wheat prices", "economy"),
        ("ru", "Министерство закупило генераторы на 40 млн рублей.", "Министерство", "economy"),
        ("uk", "Фірма виграла тендер на ремонт доріг на 12 млн грн.", "Фірма", "economy"),
        # decision: police and prosecutors' acts
        ("en", "Police arrested two men suspected of sabotage.", "Police", "decision"),
        ("ru", "Полиция задержала двух подозреваемых в поджоге.", "Полиция", "decision"),
        ("uk", "Голову райради затримали під час отримання хабаря.", "Голову", "decision"),
        ("uk", "Посадовець підозрюється у незаконному збагаченні.", "Посадовець", "decision"),
        ("ru", "В 2010 году он стал генеральным директором компании.", "В 2010 году", "appointment"),
    ],
)
def test_an_event_of_vocabulary_1_2_comes_from_the_predicate(
    lang: str, text: str, starts: str, event_type: str
) -> None:
    assert _one(lang, text, starts)["event_type"] == event_type


@pytest.mark.parametrize(
    ("lang", "text", "starts", "event_type"),
    [
        # a trigger deep below the predicate names no event: the director of a tender's winner is no purchase
        # (since 1.3 the state the predicate names is the type: an office, an owner)
        (
            "uk",
            "Директором фірми є Іван Петренко, який раніше керував переможцем тендеру.",
            "Директором",
            "office",
        ),
        (
            "ru",
            "Владельцем компании является Иван Петров, брат победителя тендера.",
            "Владельцем",
            "ownership",
        ),
        # the predicate's own event wins over a word of another type in its argument
        ("en", "Russian troops shelled the town during the evacuation.", "Russian troops", "attack"),
        ("uk", "Російські війська обстріляли місто під час евакуації.", "Російські", "attack"),
        # a ceasefire is no repelling, evacuating civilians no retreat
        ("en", "The sides agreed a ceasefire around the power plant.", "a ceasefire", "negotiation"),
        # the land's purpose ("призначення") is no appointment
        (
            "uk",
            "Міськрада змінила цільове призначення земельної ділянки.",
            "Міськрада",
            "other",
        ),
        # an aide is no aid, "fine" no fine, hiring staff no appointment to an office
        ("en", "Two aides of the mayor left the building.", "Two aides", "other"),
        ("en", "Officials said the old system works fine for most patients.", "the old system", "other"),
        ("en", "The company will hire 300 workers at the new plant.", "The company", "other"),
        # ignoring a court's decision is no ruling; "стала главной темой" no appointment
        ("uk", "Фірма проігнорувала рішення суду про повернення землі.", "Фірма", "other"),
        ("ru", "Эта история стала главной темой выпуска.", "Эта история", "other"),
        # an event before or after the predicate's dates it and is not the one reported; a noun's stays its own
        ("en", "Washington was not consulted before the strikes.", "Washington", "other"),
        ("ru", "Жителей не предупредили перед обстрелом.", "Жителей", "other"),
        (
            "en",
            "Power outages in six regions after massive attack, officials said.",
            "Power outages",
            "attack",
        ),
        # a speech that mentions elections stays a statement
        ("uk", "Президент виступав перед депутатами напередодні виборів.", "Президент", "statement"),
    ],
)
def test_a_single_word_is_not_the_event(lang: str, text: str, starts: str, event_type: str) -> None:
    assert _one(lang, text, starts)["event_type"] == event_type


def test_the_vocabulary_is_additive_and_every_pack_uses_only_its_types() -> None:
    vocab = json.loads((schemas_dir() / "event_types.json").read_text(encoding="utf-8"))
    assert vocab["version"] == "1.5"
    types = set(vocab["event_types"])
    assert {"capture", "advance", "repel", "retreat", "attack", "loss", "casualties", "negotiation"} <= types
    assert {"visit", "decision", "statement", "other"} <= types
    assert {
        "appointment",
        "election",
        "death",
        "evacuation",
        "supply",
        "protest",
        "accident",
        "economy",
    } <= types
    assert {"legal", "office", "ownership", "biography", "sports"} <= types
    assert {"award", "health"} <= types
    assert set(vocab["yields_to"]) <= types and set().union(*vocab["yields_to"].values()) <= types
    assert set(vocab["priority"]) == types
    assert set(vocab["max_depth"]) <= types
    assert set(vocab["predicative"]) <= set(vocab["max_depth"]) and set(vocab["main_clause"]) <= types
    for lang in ("en", "ru", "uk"):
        # "other" lists phrases that hide their words from the other triggers (traps), no type of their own
        assert set(load_pack(lang).event_triggers) <= types, lang


JUDGED_KEYS = {"corpus", "doc", "digest", "attribution", "content_span", "seed", "old_type", "new_type"}


@needs_corpora
def test_judged_event_rows_store_offsets_not_text_and_match_the_shared_documents() -> None:
    """The hand-judged event-type samples on real news keep corpus, document id, digest and offsets only; every
    row has a verdict and a reason, names types of the vocabulary, and its document (read from ../shared) is
    still the one judged and holds its span."""
    share = event_share_module()
    types = set(json.loads((schemas_dir() / "event_types.json").read_text(encoding="utf-8"))["event_types"])
    files = sorted(share.JUDGED.glob("events-*.jsonl"))
    assert {f.name.split("-")[1] for f in files} == {"en", "ru", "uk"}
    for path in files:
        lang = path.name.split("-")[1]
        rows = share._read(path)
        # 30 random changed rows; a round whose unread documents hold fewer judges all of them ("-all")
        assert len(rows) >= 30 or (path.stem.endswith("-all") and len(rows) >= 5), path.name
        cache: dict[str, list[tuple[str, str]]] = {}
        for row in rows:
            assert set(row) == JUDGED_KEYS | {"type_ok", "reason"}, path.name
            assert isinstance(row["type_ok"], bool) and row["reason"], (path.name, row["doc"])
            assert {row["old_type"], row["new_type"]} <= types and row["old_type"] != row["new_type"]
            text = share._text(lang, row, cache)
            start, end = row["content_span"]
            assert 0 <= start < end <= len(text), (path.name, row["doc"])


@pytest.mark.parametrize(
    ("lang", "text", "starts", "event_type"),
    [
        # legal: a crime or a proceeding under way (an authority's act on a person stays decision)
        ("en", "The Justice Department is investigating the shooting.", "The Justice Department", "legal"),
        ("en", "The firm sued the city over the contract.", "The firm", "legal"),
        ("ru", "Следователи возбудили расследование по факту хищения.", "Следователи", "legal"),
        ("ru", "Компания подала иск к министерству.", "Компания", "legal"),
        ("uk", "Фірма звернулася до суду з позовом до міськради.", "Фірма", "legal"),
        ("uk", "Посадовці привласнили 5 млн грн бюджетних коштів.", "Посадовці", "legal"),
        ("ru", "Бывшего мэра признали виновным в получении взятки.", "Бывшего", "decision"),
        ("uk", "Суд надав слідчим доступ до документів фірми.", "Суд", "decision"),
        # office: a role held, as the clause's predicate
        ("en", "He served as defence minister from 2010 to 2014.", "He", "office"),
        ("ru", "С 2010 года он возглавляет управление полиции.", "С 2010 года", "office"),
        ("ru", "Он работал директором завода.", "Он", "office"),
        ("uk", "Директором фірми є Олег Петренко.", "Директором", "office"),
        ("uk", "Управління з 2015 року очолює Юлія Коваль.", "Управління", "office"),
        # ownership
        ("en", "Arch owns a 16 percent interest in the well.", "Arch", "ownership"),
        ("ru", "Компании принадлежит 39% акций банка.", "Компании", "ownership"),
        ("uk", "Засновниками фірми є Іван Коваль і Петро Бондар.", "Засновниками", "ownership"),
        ("uk", "Фірмою володіє дружина депутата.", "Фірмою", "ownership"),
        # biography
        ("ru", "Он родился 17 мая 1926 года в Антибе.", "Он", "biography"),
        ("uk", "Він народився у 1975 році у Жмеринці.", "Він", "biography"),
        ("en", "She was born in Kharkiv in 1961.", "She", "biography"),
        # sports
        ("ru", "Сборная Сербии выиграла матч у Коста-Рики со счётом 1:0.", "Сборная", "sports"),
        ("uk", "Збірна України перемогла Італію та вийшла до півфіналу турніру.", "Збірна", "sports"),
        ("en", "Marcelo scored a hat-trick in the 3-1 win at Volendam.", "Marcelo", "sports"),
    ],
)
def test_an_event_or_state_of_vocabulary_1_3_comes_from_the_predicate(
    lang: str, text: str, starts: str, event_type: str
) -> None:
    assert _one(lang, text, starts)["event_type"] == event_type


@pytest.mark.parametrize(
    ("lang", "text", "starts", "event_type"),
    [
        # an office noun as a subject, after a preposition or as a passive's agent is no office held
        ("uk", "Директор фірми підписав договір з міськрадою.", "Директор", "other"),
        ("ru", "Он встретился с президентом компании в Москве.", "Он", "other"),
        ("ru", "Его качества были высоко оценены основателем компании.", "Его", "other"),
        # a state in a relative clause describes a participant: the company decided, it owns nothing here
        (
            "ru",
            "Корпорация Google, которой принадлежит поисковик, решила осваивать новый сегмент.",
            "Корпорация",
            "other",
        ),
        # belonging to a class is no ownership
        ("ru", "Пытки принадлежат к повседневности в этих тюрьмах.", "Пытки", "other"),
        ("uk", "Ці підприємства належать до групи ризику.", "Ці", "other"),
        # a modifier "owned" names no owner; "match" as a verb is no contest
        ("en", "The 90 percent owned well logged 28 feet of reef.", "The 90 percent", "other"),
        ("en", "The two candidates will never be a natural match, the aide said.", "The two", "other"),
    ],
)
def test_a_state_word_outside_the_predicate_is_not_the_state(
    lang: str, text: str, starts: str, event_type: str
) -> None:
    assert _one(lang, text, starts)["event_type"] == event_type


@pytest.mark.parametrize(
    ("lang", "text", "starts", "event_type"),
    [
        # award (1.4): an honour conferred or received, by the predicate or its object
        ("ru", "Президент посмертно наградил бойца орденом Мужества.", "Президент", "award"),
        ("ru", "В 1975 году актёр получил звание Народного артиста СССР.", "В 1975 году", "award"),
        (
            "uk",
            "Президент посмертно нагородив бійця орденом «За мужність» III ступеня.",
            "Президент",
            "award",
        ),
        ("uk", "Президент вручив бійцям ордени «За мужність» III ступеня.", "Президент", "award"),
        (
            "en",
            "The journalist won the Pulitzer Prize for her reporting from Mariupol.",
            "The journalist",
            "award",
        ),
        # a medal won in a contest is sports, not an award
        ("ru", "Белоруска завоевала золотую медаль в толкании ядра.", "Белоруска", "sports"),
        ("uk", "Спортсменка виборола золоту медаль на чемпіонаті світу.", "Спортсменка", "sports"),
        # a frame (a predicate with its argument) names the event in either order and with words between
        ("ru", "Ему присвоено звание Героя России.", "Ему", "award"),
        ("uk", "Звання Героя України командиру бригади присвоїв президент.", "Звання", "award"),
        ("en", "The king conferred the title on him in 1990.", "The king", "award"),
        ("ru", "Новым генсеком ООН станет португалец Гутерреш.", "Новым", "appointment"),
        # a pardon or a ratification is an authority's decision
        ("ru", "Президент помиловал двух осуждённых журналистов.", "Президент", "decision"),
        ("uk", "Парламент ратифікував угоду про співпрацю.", "Парламент", "decision"),
        ("en", "The president pardoned two jailed journalists.", "The president", "decision"),
        # "помилуватися" (to admire) is no pardon; a champion as the subject's title names no contest
        ("uk", "Вона присіла на камінь, щоб помилуватися морем.", "Вона", "other"),
    ],
)
def test_an_event_of_vocabulary_1_4_comes_from_the_predicate(
    lang: str, text: str, starts: str, event_type: str
) -> None:
    assert _one(lang, text, starts)["event_type"] == event_type


@pytest.mark.parametrize(
    ("lang", "text", "starts", "event_type"),
    [
        # health (1.5): a person's illness, treatment or state of health
        ("ru", "Бывшего премьер-министра госпитализировали в понедельник.", "Бывшего", "health"),
        ("ru", "У сенатора диагностировали воспаление лёгких.", "У сенатора", "health"),
        (
            "en",
            "The former senator was hospitalized with pneumonia on Sunday.",
            "The former senator",
            "health",
        ),
        # wounded people taken to hospital are casualties: health yields to casualties, attacks and accidents
        ("ru", "Раненых полицейских госпитализировали в городскую больницу.", "Раненых", "casualties"),
        ("en", "Two injured soldiers were hospitalized in Dnipro.", "Two injured", "casualties"),
        # forms and frames the earlier triggers missed
        ("ru", "В прошлом году в больнице умерло 312 пациентов.", "В прошлом", "death"),
        ("ru", "Бывшего депутата нашли мёртвым в его квартире.", "Бывшего", "death"),
        ("ru", "Бывшему мэру предъявлены официальные обвинения.", "Бывшему", "decision"),
        ("ru", "Из городского бюджета было похищено более 20 миллионов рублей.", "Из городского", "legal"),
        ("ru", "Верховный суд отстранил от должности губернатора области.", "Верховный", "appointment"),
        ("ru", "Новый директор приступит к исполнению обязанностей в понедельник.", "Новый", "appointment"),
        ("ru", "Здание бывшего кинотеатра передадут городскому музею.", "Здание", "ownership"),
        ("ru", "В 2005 году он создал собственный инвестиционный фонд.", "В 2005", "ownership"),
        ("ru", "Картина Шишкина ушла с молотка за два миллиона долларов.", "Картина", "economy"),
        ("ru", "Партия выдвинула Петрова своим кандидатом.", "Партия", "election"),
        ("en", "The region introduced a fuel tax in 2013.", "The region", "economy"),
        ("en", "The senator dropped out of the race on Tuesday.", "The senator", "election"),
        # traps: an idiom is no death; a killing or an attack deep in a sentence about something else is neither
        ("ru", "Надежда умирает последней.", "Надежда", "other"),
        ("ru", "Через 50 лет после его убийства поэт остаётся спорной фигурой.", "Через 50", "other"),
        ("ru", "Поправки касаются новостей о случившихся терактах.", "Поправки", "other"),
        # traps of the judged round: a victim or a nominee named only to describe a person, "taxing" (burdensome)
        ("ru", "Все трое похищенных являются сотрудниками сталелитейного завода.", "Все трое", "other"),
        ("ru", "По данным ГИБДД, 10 пострадавших госпитализированы.", "10 пострадавших", "casualties"),
        (
            "en",
            # attributed: the outlet's own version is a state the claim-worthiness model may gate out
            "The presumptive Republican nominee has not given the issue much thought, aides said.",
            "The presumptive",
            "other",
        ),
        (
            "en",
            "Long campaigns are taxing on the candidates' families, the aide said.",
            "Long campaigns",
            "other",
        ),
    ],
)
def test_an_event_or_state_of_vocabulary_1_5_comes_from_the_predicate(
    lang: str, text: str, starts: str, event_type: str
) -> None:
    assert _one(lang, text, starts)["event_type"] == event_type


@pytest.mark.parametrize(
    ("lang", "text", "starts", "event_type"),
    [
        # a drone or missile destroyed is an attack repelled: the frame outranks its predicate's own trigger
        ("ru", "Силы ПВО ночью уничтожили 40 беспилотников над пятью областями.", "Силы ПВО", "repel"),
        ("ru", "Ночью над регионом были уничтожены 12 беспилотников.", "Ночью", "repel"),
        ("uk", "Вночі сили ППО знищили 35 із 40 ударних дронів.", "Вночі", "repel"),
        ("en", "Air defences destroyed 35 of 40 drones overnight.", "Air defences", "repel"),
        # ... but a drone that destroys attacks
        ("ru", "Российский беспилотник уничтожил школу в Сумах.", "Российский", "attack"),
        ("uk", "Російський дрон знищив автомобіль.", "Російський", "attack"),
        ("en", "A Russian drone destroyed a school in Sumy.", "A Russian", "attack"),
        # pushed back, the missing, lives lost
        ("ru", "Противник пытался прорвать оборону у села Андреевка, но был отброшен.", "Противник", "repel"),
        (
            "en",
            "Russian troops tried to break through near Pokrovsk but were pushed back.",
            "Russian",
            "repel",
        ),
        ("ru", "Десятки человек числятся пропавшими без вести.", "Десятки", "casualties"),
        ("uk", "Понад сто військових вважаються зниклими безвісти.", "Понад", "casualties"),
        ("en", "Every delay costs lives.", "Every", "casualties"),
        # a hit by a missile, its debris or a drone is an attack; a stone or a ball that hits is none
        ("uk", "Уламки ракети влучили у житловий будинок.", "Уламки", "attack"),
        ("uk", "Каміння влучило пташці точно в голову.", "Каміння", "other"),
        ("ru", "Обломки ракеты попали в жилой дом.", "Обломки", "attack"),
        ("ru", "Мяч попал в штангу.", "Мяч", "other"),
        ("uk", "Вночі росіяни вдарили по Харкову ракетами.", "Вночі", "attack"),
        # a predicate the tagger calls an adjective or adverb: a short participle, an impersonal form
        ("ru", "Зафиксировано прямое попадание в здание школы.", "Зафиксировано", "attack"),
        ("uk", "Зафіксовано пряме влучання в будівлю школи.", "Зафіксовано", "attack"),
        # relieved of a post is no liberation
        ("ru", "Начальник УВД области освобожден от занимаемой должности.", "Начальник", "appointment"),
        ("ru", "Российские войска освободили село Андреевка.", "Российские", "capture"),
    ],
)
def test_a_repelled_attack_and_the_missing_are_named_by_predicate_and_argument(
    lang: str, text: str, starts: str, event_type: str
) -> None:
    assert _one(lang, text, starts)["event_type"] == event_type


def test_an_event_frame_must_be_a_predicate_and_an_argument_of_a_known_type(monkeypatch: Any) -> None:
    from dataclasses import replace

    from pipelines.nlp.claims import event_frames

    pack = load_pack("en")
    for frames, message in (
        ({"award": ["win"]}, "two words"),
        ({"honours": ["win prize"]}, "'honours'"),
    ):
        monkeypatch.setattr(event_frames, "load_pack", lambda lang, f=frames: replace(pack, event_frames=f))
        event_frames.frame_tables.cache_clear()
        with pytest.raises(ValueError, match=message):
            event_frames.frame_tables("en")
    event_frames.frame_tables.cache_clear()


NONCLAIM_KEYS = {"corpus", "doc", "digest", "attribution", "content_span", "seed", "unnamed", "claim", "kind"}


@needs_corpora
def test_judged_nonclaim_rows_store_offsets_not_text_and_match_the_shared_documents() -> None:
    """The hand-judged samples of ``unattributed``/``other`` rows (claims or not, and of what kind) keep corpus,
    document id, digest and offsets only; every row has a verdict, a kind that agrees with it and a reason, and
    its document (read from ../shared) is still the one judged and holds its span."""
    share = event_share_module()
    files = sorted(share.NONCLAIMS_JUDGED.glob("nonclaims-*.jsonl"))
    assert {f.name.split("-")[1] for f in files} == {"en", "ru", "uk"}
    for path in files:
        lang = path.name.split("-")[1]
        cache: dict[str, list[tuple[str, str]]] = {}
        for row in share._read(path):
            assert set(row) == NONCLAIM_KEYS | {"reason"}, path.name
            assert isinstance(row["claim"], bool) and row["reason"], (path.name, row["doc"])
            assert row["kind"] in share.NONCLAIM_KINDS and row["claim"] == (row["kind"] == "assertion")
            text = share._text(lang, row, cache)
            start, end = row["content_span"]
            assert 0 <= start < end <= len(text), (path.name, row["doc"])
