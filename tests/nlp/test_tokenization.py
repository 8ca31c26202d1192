"""Hyphenated words stay whole in the bundled pipelines, as in the corpora they learned from
(:mod:`pipelines.nlp.tokenization`); the ru/uk dictionary repairs their tagging (:mod:`pipelines.nlp.hyphen_morph`);
the claim rules read such words (and sites named by their domain) as words, and words that name no one
(indefinite pronouns, an update label, what a report points to) are no claimants. Sentences written for
claimflow."""

from __future__ import annotations

import shutil
from datetime import UTC, datetime
from pathlib import Path

import pytest
import spacy

from pipelines.nlp.tokenization import whole_hyphenated_words, whole_infixes
from tests.nlp.conftest import claim_triples, pipeline
from training.tokenizer import main as save_tokenizers

MODELS = Path(__file__).resolve().parents[2] / "models"
PUB = datetime(2025, 9, 4, 9, 0, tzinfo=UTC)


@pytest.mark.parametrize(
    ("lang", "text", "whole"),
    [
        ("en", "Mr. Holtz-Eakin met Coca-Cola's 10-year-old self-defense team", ["Holtz-Eakin", "Coca-Cola"]),
        ("ru", "Пресс-секретарь прилетел в Нью-Йорк", ["Пресс-секретарь", "Нью-Йорк"]),
        ("uk", "Прес-служба ОВА в Івано-Франківську", ["Прес-служба", "Івано-Франківську"]),
    ],
)
def test_bundled_tokenizers_keep_hyphenated_words_whole(lang: str, text: str, whole: list[str]) -> None:
    if not (MODELS / lang / "tokenizer").is_file():
        pytest.skip(f"models/{lang} not built")
    nlp = spacy.blank(lang)
    nlp.tokenizer.from_disk(MODELS / lang / "tokenizer")
    words = [t.text for t in nlp.tokenizer(text)]
    assert all(w in words for w in whole), words


def test_dashes_between_words_still_split() -> None:
    nlp = whole_hyphenated_words(spacy.blank("en"))
    assert [t.text for t in nlp("the plan—which failed—was well--known")] == [
        "the", "plan", "—", "which", "failed", "—", "was", "well", "--", "known",
    ]  # fmt: skip
    assert [t.text for t in spacy.blank("en")("Holtz-Eakin")] == ["Holtz", "-", "Eakin"]  # spaCy's default


def test_whole_infixes_drops_only_the_plain_hyphen() -> None:
    default = list(spacy.blank("uk").Defaults.infixes or [])
    changed = whole_infixes(default)
    assert len(changed) == len(default)
    diff = [(a, b) for a, b in zip(default, changed, strict=True) if a != b]
    assert diff and all("(?:-|–" in a and "(?:–|—" in b for a, b in diff)


def test_training_tokenizer_rewrites_a_pipeline_tokenizer(tmp_path: Path) -> None:
    target = tmp_path / "p"
    nlp = spacy.blank("ru")
    nlp.to_disk(target)
    assert [t.text for t in spacy.load(target)("Нью-Йорк")] == ["Нью", "-", "Йорк"]
    assert save_tokenizers([str(target)]) == 0
    assert [t.text for t in spacy.load(target)("Нью-Йорк")] == ["Нью-Йорк"]
    assert save_tokenizers([str(tmp_path / "missing")]) == 1
    shutil.rmtree(target)


@pytest.mark.parametrize(
    ("lang", "text", "claimant"),
    [
        # a hyphenated surname is one name (the NER split it into an organisation and a person)
        ("en", "Mr. Holtz-Eakin said the plan would cost $2 trillion.", "Holtz-Eakin"),
        ("en", "The plan would cost $2 trillion, said Alexandria Ocasio-Cortez.", "Alexandria Ocasio-Cortez"),
        # a hyphenated service noun the tagger calls a verb after the cue
        ("ru", "Суд заочно арестовал журналиста, сообщила пресс-служба суда.", "пресс-служба суда"),
        # the locative service ("У прес-службі … заявили") and a hyphenated compound subject
        ("uk", "У прес-службі Агентства відновлення заявили, що роботи почнуться в жовтні.", "прес-службі"),
        ("uk", "Фірма-постачальник повідомила, що техніку ще не відвантажено.", "Фірма-постачальник"),
        # a site named by its domain
        ("ru", "Как пишет Lenta.ru, регистрация сайтов будет закрытой до апреля.", "Lenta.ru"),
    ],
)
def test_claimants_written_with_a_hyphen_or_a_dot_are_whole(lang: str, text: str, claimant: str) -> None:
    claims = [c for c in claim_triples(lang, text, PUB) if c[0] != "unattributed"]
    assert len(claims) == 1, claims
    assert claimant in (claims[0][1] or ""), claims


def test_a_medium_written_with_a_hyphen_is_no_claimant() -> None:
    text = "Министерство обороны России сообщило в своем Telegram-канале, что ПВО сбила 37 беспилотников."
    claims = [c for c in claim_triples("ru", text, PUB) if c[0] != "unattributed"]
    assert [c[1] for c in claims] == ["Министерство обороны России"], claims


def test_hyphen_morph_gives_hyphenated_words_the_dictionarys_part_of_speech() -> None:
    nlp = pipeline("ru", True)
    doc = nlp("Об этом сообщила пресс-служба суда. Экс-президент прилетел в Нью-Йорк.")
    pos = {t.text: t.pos_ for t in doc}
    assert pos["пресс-служба"] == "NOUN" and doc[3].lemma_ == "пресс-служба"
    assert pos["Экс-президент"] in ("NOUN", "PROPN")
    # the component fixes only hyphenated words: every other token keeps the tagger's reading
    plain = pipeline("ru", True).select_pipes(disable=["hyphen_morph"])
    with plain:
        bare = nlp("Об этом сообщила пресс-служба суда. Экс-президент прилетел в Нью-Йорк.")
    assert all(a.pos_ == b.pos_ for a, b in zip(doc, bare, strict=True) if "-" not in a.text)


def test_hyphen_morph_never_leaves_a_word_of_letters_as_punctuation() -> None:
    from spacy.tokens import Doc

    from pipelines.nlp.hyphen_morph import HyphenMorph

    nlp = spacy.blank("ru")
    doc = Doc(
        nlp.vocab,
        words=["жители", "поселка", "Петро-Славянка", "и", "кто-то"],
        pos=["NOUN", "NOUN", "PUNCT", "CCONJ", "X"],
    )
    HyphenMorph("ru")(doc)
    assert [t.pos_ for t in doc] == ["NOUN", "NOUN", "PROPN", "CCONJ", "PRON"]


@pytest.mark.parametrize(
    ("lang", "text"),
    [
        # what a report points to is no source: "указывающие на его участие" (на + accusative)
        ("ru", "Германия передала прокурорам документы, якобы указывающие на его участие в заговоре."),
        # an update label names no speaker
        ("en", "UPDATE: 5/12 — The website that listed the weapon for auction has removed the listing."),
        # indefinite pronouns are no claimants (the tokenizer keeps "кто-то" whole)
        ("uk", "Хтось сказав, що мотоцикл родина продасть."),
        ("ru", "Кто-то сказал, что мост закроют."),
    ],
)
def test_words_that_name_no_one_are_no_claimants(lang: str, text: str) -> None:
    claims = claim_triples(lang, text, PUB)
    assert claims and all(who is None for _, who, _ in claims), claims


def test_a_noun_the_tagger_calls_a_verb_does_not_make_the_source_a_clause() -> None:
    # "журнала" is a finite verb to the Russian tagger; the dictionary knows it only as a noun
    claims = claim_triples("ru", "По данным журнала Us Weekly, пара рассталась в прошлом месяце.", PUB)
    assert [(a, who) for a, who, _ in claims] == [("according_to", "Us Weekly")], claims
