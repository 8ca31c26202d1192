"""The claim gate on the outlet's own voice (issue 17): a sentence with no source that names no event and no
figure is a claim only when its main predicate asserts something. Addressing the reader, an obligation, need or
permission with an infinitive (not in the past), and a reporting verb with nothing reported give no claim; an
assertion of a state or of what happened stays one. Sentences written for claimflow; they need the parser
(``models/<lang>``)."""

from __future__ import annotations

from datetime import UTC, datetime

import pytest

from pipelines.nlp.langpacks import load_pack
from tests.nlp.conftest import event_share_module, needs_corpora, pipeline, run_claims

PUBLISHED = datetime(2025, 5, 6, 9, 0, tzinfo=UTC)

#: language → (sentences that assert nothing, sentences that assert a state, a plan or an event; of type `other`:
#: an office held or an owner has its own type since vocabulary 1.3, see test_claim_events)
CASES = {
    "uk": (
        [
            "Місту треба відновити мережу укриттів до зими.",
            "Ви можете допомогти волонтерам, передавши речі на склад.",
            "Мешканцям громади можна отримати допомогу в центрі надання послуг.",
            "Але до відкриття мосту нам треба ще трохи почекати.",
            "Про це написала Ольга Коваль у «Вечірньому Херсоні».",
        ],
        [
            "Минулого тижня міська рада мала розглянути проєкт нового парку.",
            "Новий центр має стати місцем координації громад.",
            "Варто нагадати, що міст через річку закрили ще навесні.",
            "Підприємство з 1998 року працює на околиці міста.",
            "Раніше на місці складу був ринок.",
            "Він досі проживає в цій квартирі.",
        ],
    ),
    "ru": (
        [
            "Жителям нужно заранее подготовить запас воды и лекарств.",
            "Вы можете помочь фонду, передав вещи на склад.",
            "Получить справку можно в центре услуг.",
            "Сейчас нужно просто немного подождать.",
        ],
        [
            "Жителям нужно было заранее подготовить запас воды.",
            "Новый мост должен соединить оба берега реки.",
            "Справку можно будет получить в МФЦ Херсона.",
            "Следует отметить, что завод прекратил работу ещё в марте.",
            "Мэрия должна была открыть пункт обогрева ещё вчера.",
            "Предприятие расположено на окраине города.",
            "Раньше на месте склада был рынок.",
        ],
    ),
}


def _cases(kind: int) -> list[tuple[str, str]]:
    return [(lang, s) for lang, pair in sorted(CASES.items()) for s in pair[kind]]


@pytest.mark.slow
@pytest.mark.parametrize(("lang", "sentence"), _cases(0))
def test_sentence_that_asserts_nothing_gives_no_claim(lang: str, sentence: str) -> None:
    claims = run_claims(pipeline(lang, True), sentence, PUBLISHED)
    assert claims == [], f"asserts nothing, yet claims: {[(c['content'], c['event_type']) for c in claims]}"


@pytest.mark.slow
@pytest.mark.parametrize(("lang", "sentence"), _cases(1))
def test_assertion_of_a_state_or_event_stays_a_claim(lang: str, sentence: str) -> None:
    claims = run_claims(pipeline(lang, True), sentence, PUBLISHED)
    assert [c["attribution"] for c in claims] == ["unattributed"], f"no own-voice claim for {sentence!r}"
    assert claims[0]["event_type"] == "other" and not claims[0]["quantities"], (
        "the rule's case: no event, no figure"
    )


#: language → (a reporting verb that introduces what follows, a cue word with no complement that is no report)
REPORTS = {
    "uk": ("Він також наголосив:", "На нашій вулиці в «армії» відмітилися всі молоді чоловіки."),
    "ru": ("При этом он добавил:", "Раздел бизнеса с бывшим партнёром продолжился после ссоры."),
}


@pytest.mark.slow
@pytest.mark.parametrize("lang", sorted(REPORTS))
def test_reporting_verb_with_nothing_reported_gives_no_claim(lang: str) -> None:
    introduction, statement = REPORTS[lang]
    claims = run_claims(pipeline(lang, True), f"{statement}\n\n{introduction}", PUBLISHED)
    assert [c["content"] for c in claims] == [statement.rstrip(".")]


@pytest.mark.slow
@pytest.mark.parametrize("lang", sorted(CASES))
def test_reported_obligation_stays_its_speakers_claim(lang: str) -> None:
    sentence = {
        "uk": "Міський голова заявив, що жителям треба заздалегідь підготувати запас води.",
        "ru": "Мэр заявил, что жителям нужно заранее подготовить запас воды.",
    }[lang]
    claims = run_claims(pipeline(lang, True), sentence, PUBLISHED)
    assert [c["attribution"] for c in claims] == ["indirect"]


@pytest.mark.slow
@pytest.mark.parametrize("lang", sorted(CASES))
def test_sentences_that_assert_nothing_are_counted(lang: str) -> None:
    from dataclasses import replace

    from lake.lake_rows import result

    from pipelines.extract_entities import annotate

    nlp = pipeline(lang, True)
    nothing, stated = CASES[lang]
    text = "\n\n".join([stated[3], *nothing[:3]])
    article = replace(result(0).annotation.article, text=text, language=lang)
    doc = nlp.make_doc(text)
    doc._.published_at = PUBLISHED
    (ann,) = annotate(nlp, [doc], [article], "test@1", False)
    assert ann.unasserted == 3
    assert [c.content for c in ann.claims] == [stated[3].rstrip(".")]


def test_packs_turn_the_checks_on_for_russian_and_ukrainian_only() -> None:
    for lang in ("ru", "uk"):
        gate = load_pack(lang).gate
        assert gate.own_voice_checks and gate.deontic_predicates
    assert not load_pack("en").gate.own_voice_checks


JUDGED_KEYS = {"corpus", "doc", "digest", "attribution", "content_span", "seed", "claim", "reason"}


@needs_corpora
def test_judged_gate_rows_store_offsets_not_text_and_match_the_shared_documents() -> None:
    """The hand-judged samples of the own-voice gate on real news (rows it dropped and kept on the held slice,
    ``gate-*``; the classes of a sample of the tuning slice, ``tune-*``) keep corpus, document id, digest and
    offsets only; every row has a verdict and a reason, and its document (read from ../shared) is still the one
    judged and holds its span."""
    share = event_share_module()
    files = sorted(share.GATE_JUDGED.glob("*.jsonl"))
    assert {f.name.split("-")[1] for f in files} == {"ru", "uk"}
    for path in files:
        lang = path.name.split("-")[1]
        rows = share._read(path)
        cache: dict[str, list[tuple[str, str]]] = {}
        for row in rows:
            extra = {"outcome", "rule"} if path.name.startswith("gate-") else {"slice", "class"}
            assert JUDGED_KEYS <= set(row) <= JUDGED_KEYS | extra, path.name
            assert isinstance(row["claim"], bool) and row["reason"], (path.name, row["doc"])
            text = share._text(lang, row, cache)
            start, end = row["content_span"]
            assert 0 <= start < end <= len(text), (path.name, row["doc"])
