"""claimflow_lexicon_tags_v1: pymorphy3 dictionary word classes as token.tag_ (a feature of the uk NER)."""

from __future__ import annotations

import pickle
from pathlib import Path

import pytest
import spacy

from pipelines.nlp.lexicon_tags import LEXICON_TAGS_FACTORY, LexiconTags


@pytest.fixture(scope="module")
def uk() -> spacy.language.Language:
    nlp = spacy.blank("uk")
    nlp.add_pipe(LEXICON_TAGS_FACTORY, name="lexicon_tags")
    return nlp


def test_word_classes(uk: spacy.language.Language) -> None:
    doc = uk("Олександра Буданова бачили біля Києва, каже Ukrenergo 2024 року.")
    tags = {t.text: t.tag_ for t in doc}
    assert tags["Олександра"] == "NOUN|anim|Name"  # given name, in the genitive
    assert "Surn" in tags["Буданова"].split("|")  # surname
    assert tags["Києва"] == "NOUN|inan"  # a city: a known inanimate noun (VESUM via pymorphy3 has no Geox)
    assert tags["Ukrenergo"] == "UNKN"  # not in the dictionary
    assert tags["бачили"].startswith("VERB")
    assert tags["2024"] == "" and tags[","] == ""  # no letters, no class


def test_keeps_tags_of_a_real_tagger_unless_overwrite() -> None:
    nlp = spacy.blank("uk")
    doc = nlp("Київ")
    doc[0].tag_ = "Npmsnn"
    assert LexiconTags(lang="uk", overwrite=False, cache_size=10)(doc)[0].tag_ == "Npmsnn"
    assert LexiconTags(lang="uk", overwrite=True, cache_size=10)(doc)[0].tag_ == "NOUN|inan"


def test_cache_is_bounded() -> None:
    lex = LexiconTags(lang="uk", overwrite=True, cache_size=2)
    for w in ["Київ", "Харків", "Одеса", "Львів"]:
        lex.word_class(w)
    assert len(lex._cache) <= 2


def test_russian_dictionary_has_place_names() -> None:
    lex = LexiconTags(lang="ru", overwrite=True, cache_size=10)
    assert "Geox" in lex.word_class("Москве").split("|")


def test_unknown_language_is_a_clear_error() -> None:
    with pytest.raises(ValueError, match=r"no pymorphy3 dictionary for language 'en'; allowed: ru, uk"):
        LexiconTags(lang="en", overwrite=False, cache_size=10)


def test_saves_nothing_and_loads_by_factory_name(uk: spacy.language.Language, tmp_path: Path) -> None:
    uk.to_disk(tmp_path / "p")
    assert not (tmp_path / "p" / "lexicon_tags").exists()
    again = pickle.loads(pickle.dumps(spacy.load(tmp_path / "p")))
    assert again.pipe_names == ["lexicon_tags"]
    assert again("Олександра")[0].tag_ == "NOUN|anim|Name"


def test_ru_and_uk_dictionaries_in_one_process() -> None:
    # pymorphy3's uk and ru dictionaries share one tag class: loading uk after ru must not break ru's Geox/Orgn
    ru = LexiconTags(lang="ru", overwrite=True, cache_size=10)
    LexiconTags(lang="uk", overwrite=True, cache_size=10)
    assert ru.word_class("Москва") == "NOUN|inan|Geox"
    assert ru.word_class("Газпром") == "NOUN|inan|Orgn"
