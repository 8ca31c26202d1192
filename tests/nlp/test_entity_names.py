"""``entities.name``: the base form of a mention (pipelines.nlp.entity_names)."""

from __future__ import annotations

import pytest

from pipelines.nlp.entity_names import entity_name


@pytest.mark.parametrize(
    ("lang", "text", "label", "name"),
    [
        ("uk", "Києві", "LOC", "Київ"),
        ("uk", "Харкові", "LOC", "Харків"),  # the city, not the surname Харко
        ("uk", "Львові", "LOC", "Львів"),
        ("ru", "Сумах", "LOC", "Сумы"),
        ("uk", "Донецькій області", "LOC", "Донецька область"),
        ("uk", "Олени Зеленської", "PER", "Олена Зеленська"),
        ("uk", "Міністерства оборони України", "ORG", "Міністерство оборони України"),
        ("uk", "Генштабу ЗСУ", "ORG", "Генштаб ЗСУ"),
        ("ru", "Сергея\nЛаврова", "PER", "Сергей Лавров"),
        ("ru", "Байденом", "PER", "Байден"),
        ("ru", "Нью-Йорке", "LOC", "Нью-Йорк"),
        ("ru", "Министерством обороны России", "ORG", "Министерство обороны России"),
        # acronyms, words the dictionary does not know, and other languages stay as written
        ("ru", "ООН", "ORG", "ООН"),
        ("uk", "Укренерго", "ORG", "Укренерго"),
        ("en", "Antony  Blinken", "PER", "Antony Blinken"),
        ("en", "Kyiv", "LOC", "Kyiv"),
    ],
)
def test_entity_name_is_the_nominative(lang: str, text: str, label: str, name: str) -> None:
    assert entity_name(lang, text, label) == name


@pytest.mark.parametrize(
    ("lang", "text", "name"),
    [
        ("ru", "Тверской площади", "Тверская площадь"),
        ("ru", "Космического центра Кеннеди", "Космический центр Кеннеди"),
        ("uk", "Мертвого моря", "Мертве море"),
        ("uk", "Стрийському парку", "Стрийський парк"),
        ("uk", "Збройних сил України", "Збройні сили України"),
    ],
)
def test_adjectives_agree_with_their_noun(lang: str, text: str, name: str) -> None:
    assert entity_name(lang, text, "LOC") == name
