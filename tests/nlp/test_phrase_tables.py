"""Phrase tables of the claim rules: longest phrase first, prefixes, whole words before prefixes, and the word
forms shared by the tables of one language."""

from __future__ import annotations

from pipelines.nlp.claims.lexicon import PhraseTable, load_lexicon
from pipelines.nlp.langpacks import load_pack


def test_tables_of_a_language_share_word_forms() -> None:
    en, ru = load_lexicon("en"), load_lexicon("ru")
    assert en.cues._word_forms is en.events._word_forms is en.hedges._word_forms
    assert ru.cues._word_forms is not en.cues._word_forms  # English suffix rules are not Russian forms
    forms, ordered, prefixes, starts = en.cues._word_forms.get("shelled", None)
    assert {"shelled", "shell"} <= forms and ordered == sorted(forms) and prefixes == ["sh"]
    # "shelled" may start an event phrase ("shell*"), no hedge: each table reads its own bit of the shared word
    assert starts & en.events._bit and not starts & en.hedges._bit
    # a word whose forms start no phrase of a table has no candidates there, and the table remembers nothing
    assert en.cues._lookup("table", None)[1] == [] and ("table", None) not in en.cues._memo


def test_first_words_are_checked_once_and_matches_stay_the_same() -> None:
    table = PhraseTable(
        load_pack("ru"),
        [("сообща*", "prefix"), ("сообщается", "word"), ("сообщили в штабе", "phrase"), ("сорок*", "other")],
    )
    words = ["сообщили", "в", "штабе", "сообщается", "сообщают", "сорока", "стол"]
    lemmas: list[str | None] = [None] * len(words)
    assert table.find_all(words, lemmas) == [
        (0, 3, "phrase"),
        (3, 4, "word"),
        (4, 5, "prefix"),
        (5, 6, "other"),
    ]
    # "собака" is in the bucket "со" of "сообща*" and "сорок*" but starts neither: remembered with no
    # candidates, so no later occurrence tries them
    assert table._lookup("собака", None)[1] == []
    assert [v for _, v in table._lookup("сорока", None)[1]] == ["other"]
    assert table.match_at(words, lemmas, 1) is None
    assert table.lookup_word("сообщается") == "word"
