"""Dictionary word classes from pymorphy3 as ``token.tag_``, a feature for the NER that follows.

The factory ``claimflow_lexicon_tags_v1`` looks every word up in the pymorphy3 dictionary of the pipeline's
language (``pymorphy3-dicts-uk`` carries the VESUM dictionary of Ukrainian, ``pymorphy3-dicts-ru`` the
OpenCorpora one) and writes a short class to ``token.tag_``: the part of speech and animacy of the most likely
analysis, then the name grammemes found in any analysis (``Name`` given name, ``Surn`` surname, ``Patr`` patronymic,
``Geox`` place and ``Orgn`` organisation in Russian only, ``Abbr`` abbreviation), then ``UNKN`` when the word is not in the
dictionary at all (typical of foreign names and brands)::

    Олександра → NOUN|anim|Name      Покровськ → NOUN|inan      Ukrenergo → UNKN      2024 → ""

A trained NER embeds ``TAG`` next to the word's own features, so that a name it never saw in training still
looks like a name. The bundled ``models/uk`` and ``models/ru`` use it (``training/build.py``); pipelines with a real tagger
keep their tags unless ``overwrite`` is set. The component saves nothing: the dictionaries come from PyPI.

Typical use: ``nlp.add_pipe("claimflow_lexicon_tags_v1", before="ner")``.
"""

from __future__ import annotations

from spacy.language import Language
from spacy.tokens import Doc

from pipelines.nlp.packaged import PackagedDataComponent

LEXICON_TAGS_FACTORY = "claimflow_lexicon_tags_v1"

#: Grammemes that mark a proper name or an abbreviation, in the order they appear in a class.
NAME_GRAMMEMES = ("Name", "Surn", "Patr", "Geox", "Orgn", "Abbr")

#: Languages with a pymorphy3 dictionary on PyPI.
LEXICON_LANGUAGES = ("ru", "uk")


class LexiconTags(PackagedDataComponent):
    """Sets ``token.tag_`` to a dictionary word class. ``cache_size``: distinct words remembered per process."""

    def __init__(self, *, lang: str, overwrite: bool, cache_size: int) -> None:
        if lang not in LEXICON_LANGUAGES:
            raise ValueError(
                f"{LEXICON_TAGS_FACTORY}: no pymorphy3 dictionary for language {lang!r}; "
                f"allowed: {', '.join(LEXICON_LANGUAGES)}"
            )
        import pymorphy3

        self.lang = lang
        self.overwrite = overwrite
        self.cache_size = cache_size
        self._morph = pymorphy3.MorphAnalyzer(lang=lang)
        known = self._morph.TagClass.KNOWN_GRAMMEMES
        self._names = [g for g in NAME_GRAMMEMES if g in known]  # uk has no Geox/Orgn
        self._cache: dict[str, str] = {}

    def word_class(self, word: str) -> str:
        """The class of one word (see the module docstring); ``""`` for tokens without letters."""
        cls = self._cache.get(word)
        if cls is None:
            cls = self._classify(word)
            if len(self._cache) >= self.cache_size:
                self._cache.clear()
            self._cache[word] = cls
        return cls

    def _classify(self, word: str) -> str:
        if not any(ch.isalpha() for ch in word):
            return ""
        if not self._morph.word_is_known(word.lower()):
            return "UNKN"
        parses = self._morph.parse(word)
        top = parses[0].tag
        head = [top.POS or "X", *([top.animacy] if top.animacy else [])]
        # grammemes as strings: the uk and ru dictionaries share one tag class, so a membership test on the tag
        # itself raises for a grammeme the other dictionary, loaded later, does not know (Geox, Orgn)
        names = [g for g in self._names if any(g in p.tag.grammemes for p in parses)]
        return "|".join([*head, *names])

    def __call__(self, doc: Doc) -> Doc:
        for token in doc:
            if self.overwrite or not token.tag_:
                token.tag_ = self.word_class(token.text)
        return doc


def make_lexicon_tags(
    nlp: Language, name: str, *, lang: str | None, overwrite: bool, cache_size: int
) -> LexiconTags:
    """pymorphy3 word classes as ``token.tag_``. ``lang``: the dictionary (default: the pipeline's language);
    ``overwrite``: replace tags another component set; ``cache_size``: distinct words remembered."""
    return LexiconTags(lang=lang or nlp.lang, overwrite=overwrite, cache_size=cache_size)


Language.factory(
    LEXICON_TAGS_FACTORY,
    default_config={"lang": None, "overwrite": False, "cache_size": 200_000},
    func=make_lexicon_tags,
)
