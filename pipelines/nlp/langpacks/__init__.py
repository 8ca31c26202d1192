"""Language packs: everything the claim layer knows about a language, as data.

One folder per language code, ``pipelines/nlp/langpacks/<code>/pack.json`` (spaCy's ``lang/<code>/`` folders
are the model): reporting verbs and their frames, "according to" phrases, quotation marks, hedges, negators,
claimant nouns, back-references and pronouns, event triggers, the word lists of the attribution, claimant and
enrichment rules, and a few named rules (how to find the head of a noun phrase, whether capitalised words are
names). Code reads packs and never branches on a language code. More folders can be added without touching the
package: ``$CLAIMFLOW_LANGUAGE_PACKS`` lists extra directories (``os.pathsep``-separated) holding ``<code>/``
folders; a folder there replaces the bundled one of the same code. README "Adding a language" describes the keys.
"""

from __future__ import annotations

import json
import os
import re
from dataclasses import dataclass, field
from functools import lru_cache
from pathlib import Path
from typing import Any

PACKS_ENV = "CLAIMFLOW_LANGUAGE_PACKS"
_BUNDLED = Path(__file__).resolve().parent


def pack_dirs() -> list[Path]:
    """Where packs are looked for: ``$CLAIMFLOW_LANGUAGE_PACKS`` first, then the bundled folder."""
    extra = [Path(p) for p in os.environ.get(PACKS_ENV, "").split(os.pathsep) if p]
    return [*extra, _BUNDLED]


def claim_languages() -> tuple[str, ...]:
    """The codes of every available pack: the languages with claim rules."""
    return _languages(os.environ.get(PACKS_ENV, ""))


@lru_cache(maxsize=8)
def _languages(extra: str) -> tuple[str, ...]:
    return tuple(sorted({p.parent.name for d in pack_dirs() for p in d.glob("*/pack.json")}))


def abbreviations() -> frozenset[str]:
    """Every pack's abbreviations together: the sentence splitter (:mod:`pipelines.nlp.segment`) runs before a
    document's language matters to it, and an abbreviation's full stop ends no sentence in any language."""
    return _abbreviations(os.environ.get(PACKS_ENV, ""))


@lru_cache(maxsize=8)
def _abbreviations(extra: str) -> frozenset[str]:
    return frozenset(w for code in _languages(extra) for w in load_pack(code).abbreviations)


def unmarked_sentence_openers() -> tuple[frozenset[str], frozenset[str]]:
    """Every pack's ``unmarked_sentence_openers`` together, and every pack's coordinating conjunctions (the
    gazetteer's ``coordinators``) that may follow such a word inside a sentence ("категорії В або С"), for the
    sentence splitter (as :func:`abbreviations`)."""
    return _openers(os.environ.get(PACKS_ENV, ""))


@lru_cache(maxsize=8)
def _openers(extra: str) -> tuple[frozenset[str], frozenset[str]]:
    packs = [load_pack(code) for code in _languages(extra)]
    return (
        frozenset(w for p in packs for w in p.unmarked_sentence_openers),
        frozenset(w for p in packs for w in p.gazetteer.coordinators if w.isalpha()),
    )


@dataclass(frozen=True)
class NounPhraseHead:
    """How the head word of a noun phrase is found without a parse."""

    rule: str  # "last_before_preposition" or "first_non_adjective"
    prepositions: frozenset[str]
    adjective_endings: tuple[str, ...]


@dataclass(frozen=True)
class GazetteerWords:
    """The words the gazetteer (:mod:`pipelines.nlp.gazetteer`) reads for a language."""

    names_capitalise_every_word: bool  # else only the first word of a name must be capitalised
    name_function_words: frozenset[str]  # lower-case words allowed inside a name ("Armed Forces of Ukraine")
    name_leading_articles: frozenset[str]  # an alias match never starts with one ("the Kremlin" → "Kremlin")
    locative_prepositions: frozenset[str]
    axis_nouns: frozenset[str]
    organisation_noun_prefixes: tuple[str, ...]
    coordinators: frozenset[str]
    region_nouns: frozenset[str]


@dataclass(frozen=True)
class GateWords:
    """The claim gate's patterns (regular expressions, matched case-insensitively; issue 17):

    - ``furniture``: a line (text between line breaks) that one of them matches anywhere is site furniture
      (cookie banners, subscription prompts, "read us without VPN", error-report notices, breadcrumbs, tags,
      related links, forum quotes and signatures): never a claim, never an entity;
    - ``non_claim_openings``: a sentence that one of them matches at its start is no claim (wishes and
      subjunctives, slogans, appeals and imperatives, greetings and forms of address, an outlet's note that a
      report could not be verified: "Reuters could not independently verify the claims");
    - ``reported_question_openings``: a content that one of them matches at its start is a reported question
      ("whether …"), no claim;
    - ``source_tail``: a headline ending in a dash or comma and dash followed by a short source ("… — власти")
      is attributed to that source; the pattern matches the dash that introduces the tail;
    - ``imperative_ending``: a word the tagger calls imperative is one only when it has this ending (taggers
      take impersonal forms such as "Пошкоджено" for imperatives); none: trust the tagger;
    - ``interviewer_labels``: a speaker label ("HOST:", "ВЕДУЩИЙ:", "Q:") that one of them matches in full is
      the interviewer's: the lines it starts are questions and introductions, never claims;
    - ``rubric_labels``: a line's label before a colon that one of them matches in full is a rubric, not a
      speaker ("BREAKING:", "ТЕРМІНОВО:", "ВИДЕО:"): what follows is the outlet's own;
    - ``appeals``: a sentence in the outlet's or a speaker's own voice that one of them matches (after leading
      marks and a speaker label) asks, urges or obliges rather than asserts ("Жителей просят не подходить …",
      "Хочу попросити парламент …", "Ми маємо захистити …"): no claim; reported by a reporting verb it stays
      its speaker's claim;
    - ``topic_introductions``: a sentence in the outlet's own voice that one of them matches says what someone
      talked about without saying what was said ("Мы поговорили с ней о том, как …", "відповів на запитання
      журналістів"): no claim;
    - ``back_reference_sources``: a sentence that one of them matches at its start names the source of the
      sentences before it ("Об этом сообщила пресс-служба суда", "Про це повідомив …"): it gives no claim of
      its own, and the own-voice sentences of its paragraph before it become claims of that source;
    - ``paragraph_source_tail``: when true, a paragraph's last sentence whose source follows its report
      ("…, повідомив очільник ОВА.") is the source of the paragraph's own-voice sentences before it, as in
      channel posts ("Ворог атакує місто. Попередньо, влучання …, написав міський голова.");
    - ``quote_insertion``: the author's words inside a quotation, between dashes («…, – каже X. – …», «…, —
      сказал X. — …»); matched on the quotation's text without its marks, its group ``words`` the author's
      words. A reporting verb there attributes the whole quotation (first to last word) to its subject;
    - ``quote_tail``: the author's words after a quotation, matched right after its closing mark (its group
      ``words``: «…», — усміхається вчитель.): as between dashes, a finite verb with its subject there frames
      the quotation's speaker, whatever the verb; none: only the lexicon's cues do;
    - ``predicative_cues``: lemmas of cues that also rule, rate or list ("признал виновным", "визнав
      недійсною", "вважали мудрим", "вказавши місцем роботи"): with a word in ``predicative_case`` after the
      cue (before a complementizer or a comma; a noun also by ``predicative_ending``, as taggers often miss
      the case) the verb states no report, and gives no claim;
    - ``topic_contents``: a content that one of them matches at its start names a topic, not a proposition
      ("про згорьовану селянку, яка …", "о том, чем бы хотела заняться …"): no claim, unless it names an event
      of the vocabulary ("заявило про захоплення кварталів");
    - ``topic_after_cue``: a report before its cue ("…, наступного дня повідомили про підозру") whose cue is
      followed by a match of one of them (a topic preposition and its noun) is no report: the cue tells what it
      was about, not the words before it;
    - ``says_tail``: a headline in title case that ends in a comma, a source (group ``source``) and a reporting
      verb (group ``cue``: "…, Officials Say") is attributed to that source;
    - ``list_tail``: a source tail ("… — X") that this pattern matches is a list or an enumeration ("–
      «Укравтодор», «Київавтодор» тощо"), no source;
    - ``relative_adverbs``: words that open a relative clause besides the pack's ``relative_pronouns`` ("де",
      "где"): a content of a cue that needs a proposition that is a noun phrase and such a clause is an
      object ("опублікував статтю, де …"), no claim;
    - ``report_clause_checks``: when true, a report before its cue is refused when the cue is in a subordinate
      clause, after a conjunction with no clause of its own, or an adverbial participle (off in English, where
      PolNeAR counts such a cue's source and cue even when its content is wrong);
    - ``editorial_notes``: an editor's note inside a sentence ("(додано дані …)", "(обновлено …)"): a cue
      inside a match gives no claim;
    - ``idioms``: fixed phrases with a reporting verb that report nothing ("як то кажуть", "как говорится"):
      a cue inside a match is no cue;
    - ``indirect_questions``: an indirect question after a cue, matched from the cue's end ("розповідають,
      які вимоги …", "розповідає синові про те, що таке добро"): it names what was told about, not what was
      said, and gives no claim; the words of a group ``lead`` before the question word must be whom it was
      told (the dictionary allows them the dative: "учням", "синові"; not "місце, де …");
    - ``own_voice_checks``: when true, a sentence in the outlet's own voice that names no event and no figure
      is no claim when its main predicate does not assert: it addresses the reader (second person), it is a
      reporting verb with nothing reported, or it is one of ``deontic_predicates`` governing an infinitive,
      not in the past tense, with no named participant and no time (``claims.own_voice.not_asserted``);
    - ``deontic_predicates``: impersonal predicates (words or lemmas) that with an infinitive state a need or
      a permission, not an event or a state ("треба", "можна", "нужно", "следует"); a personal modal with a
      subject ("має збудувати", "должен состояться") states a plan and is not one of them;
    - ``existential_negations``: predicates that deny the existence of what they govern in the genitive
      ("Пострадавших нет", "Загиблих немає"): a sentence of two words with one at its root is a claim, the
      figure zero, though it has no verb."""

    furniture: tuple[re.Pattern[str], ...]
    non_claim_openings: tuple[re.Pattern[str], ...]
    reported_question_openings: tuple[re.Pattern[str], ...]
    source_tail: re.Pattern[str] | None
    imperative_ending: re.Pattern[str] | None
    interviewer_labels: tuple[re.Pattern[str], ...]
    rubric_labels: tuple[re.Pattern[str], ...]
    appeals: tuple[re.Pattern[str], ...] = ()
    topic_introductions: tuple[re.Pattern[str], ...] = ()
    back_reference_sources: tuple[re.Pattern[str], ...] = ()
    paragraph_source_tail: bool = False
    quote_insertion: re.Pattern[str] | None = None
    quote_tail: re.Pattern[str] | None = None
    predicative_cues: frozenset[str] = frozenset()
    predicative_case: str | None = None
    predicative_ending: re.Pattern[str] | None = None
    topic_contents: tuple[re.Pattern[str], ...] = ()
    topic_after_cue: tuple[re.Pattern[str], ...] = ()
    list_tail: re.Pattern[str] | None = None
    says_tail: re.Pattern[str] | None = None
    editorial_notes: tuple[re.Pattern[str], ...] = ()
    idioms: tuple[re.Pattern[str], ...] = ()
    indirect_questions: tuple[re.Pattern[str], ...] = ()
    relative_adverbs: frozenset[str] = frozenset()
    report_clause_checks: bool = False
    own_voice_checks: bool = False
    deontic_predicates: frozenset[str] = frozenset()
    existential_negations: frozenset[str] = frozenset()


@dataclass(frozen=True)
class LanguagePack:
    """One language's pack (see the module docstring and README "Adding a language")."""

    code: str
    open_quotes: dict[str, str]
    close_quotes: frozenset[str]
    connectives: tuple[str, ...]
    complementizers: tuple[str, ...]
    weekday_prepositions: frozenset[str]
    # words that set what they govern before or after the report's own event ("before the strikes", "после
    # удара"): an event trigger under one names a time, not the event (:func:`.enrichment.find_event_type`)
    sequence_prepositions: frozenset[str]
    title_joiners: frozenset[str]
    purpose_conjunctions: frozenset[str]
    manner_conjunctions: frozenset[str]
    # conjunctions of a clause whose reporting verb reports nothing without a complement of its own ('коли ми з
    # вами говоримо, …'): :func:`pipelines.nlp.claims.validity.demand_or_circumstance`
    circumstance_conjunctions: frozenset[str]
    # conjunctions of an adverbial clause after a report's cue and source, which is no part of the report ("…,
    # officials said on Friday, as they …"): :func:`pipelines.nlp.claims.phrases.converb_tail`
    report_tail_conjunctions: frozenset[str]
    # reporting verbs that report a clause, never a noun phrase: an object the parse gives one is the first of
    # two coordinated subjects of the complement ("said | a new cabinet and a snap vote could
    # rescue …"): :func:`pipelines.nlp.claims.clauses.before_own_clause`
    clause_only_cues: frozenset[str]
    articles: frozenset[str]
    according_to_after_comma: frozenset[str]
    relative_pronouns: frozenset[str]
    non_claimant_words: frozenset[str]
    # emphatic reflexives after a name ("Santorum himself", "сам Зеленський"): the name is the claimant
    emphatic_reflexives: frozenset[str]
    # indefinite pronouns that as a cue's subject make the report an anonymous source's ("Хтось сказав, що …":
    # no claimant, type anonymous; "Хтось із мешканців розповів" keeps its phrase), not the outlet's own
    indefinite_subjects: frozenset[str]
    document_nouns: frozenset[str]
    # nouns of a report whose possessor is its source and whose "that" clause is what was said ("Moscow's claim
    # that …"): :mod:`pipelines.nlp.claims.report_nouns`
    report_nouns: frozenset[str]
    quoting_verbs: frozenset[str]
    # the particle between a quoting verb's object and the speaker's verb ("quoted X | as | saying"):
    # :mod:`pipelines.nlp.claims.quoted_as`
    quoting_particles: frozenset[str]
    place_prepositions: frozenset[str]
    possessive_markers: frozenset[str]
    determiners: frozenset[str]
    demonstratives: frozenset[str]
    region_words: frozenset[str]
    place_words: frozenset[str]
    distance_unit_prefixes: tuple[str, ...]
    title_nouns: frozenset[str]
    time_words: frozenset[str]
    weekday_prefixes: tuple[str, ...]
    attempt_verbs: frozenset[str]
    verb_ending: re.Pattern[str] | None
    nominal_ending: re.Pattern[str] | None
    capitalised_words_are_names: bool
    noun_phrase_head: NounPhraseHead
    expletive_subjects: frozenset[str]
    back_reference_needs_demonstrative: bool | tuple[str, ...]  # True: always; else the head stems that do
    indefinite_articles: frozenset[str]
    hedge_exclusions: frozenset[str]
    modal_hedges: frozenset[str]
    negation_exceptions: dict[str, frozenset[str]]
    region_suffix: str | None
    place_names_from_lemmas: bool
    inflection: str | None  # "english_suffixes": derive base forms of English word forms by rule
    times: dict[str, Any] | None  # the time words and rules of pipelines.nlp.claims.times, or none
    quantities: dict[str, Any] | None  # the words of pipelines.nlp.claims.quantities, or none
    irregular_forms: dict[str, str]
    lexicon: dict[str, Any]
    event_triggers: dict[str, list[str]]
    gazetteer: GazetteerWords
    gate: GateWords
    # event type → "predicate argument" pairs: a predicate word with an argument word among its dependents
    event_frames: dict[str, list[str]] = field(default_factory=dict)
    abbreviations: frozenset[str] = frozenset()  # words whose full stop ends no sentence ("Gen.", "г.")
    # capitalised words (prepositions) that never stand capitalised inside a sentence: after a lower-case word
    # or a figure with no mark between, one opens a sentence whose full stop the text lost ("… до 500 грн / т
    # У Луцьку ТОВ …": two texts joined, a headline glued to its body)
    unmarked_sentence_openers: frozenset[str] = frozenset()
    # the word of a phrase that names where a source spoke before the source ("в інтерв'ю Reuters Буданов
    # заявив", "в эфире телеканала глава МИД сказал"): the phrase and the outlet after it are not the claimant
    media_words: frozenset[str] = frozenset()
    # speech transcripts whose speaker the title names (:mod:`pipelines.nlp.claims.transcripts`), or none
    transcripts: dict[str, Any] | None = None


class LanguagePackError(ValueError):
    """A pack that is missing or malformed."""


@lru_cache(maxsize=32)
def load_pack(code: str) -> LanguagePack:
    """The pack of ``code`` from the first directory of :func:`pack_dirs` that has one."""
    for directory in pack_dirs():
        path = directory / code / "pack.json"
        if path.is_file():
            return _parse(code, json.loads(path.read_text(encoding="utf-8")), path)
    raise LanguagePackError(
        f"language pack: received {code!r}, which has no {code}/pack.json; allowed: {list(claim_languages())} "
        f"(or add a folder, see README 'Adding a language')"
    )


#: every key of a pack with its default: a pack gives the keys its language needs (README "Adding a language")
DEFAULTS: dict[str, Any] = {
    "about": "",
    "code": "",
    "quotation_marks": {"open": {}, "close": []},
    "connectives": [],
    "complementizers": [],
    "purpose_conjunctions": [],
    "media_words": [],
    "manner_conjunctions": [],
    "circumstance_conjunctions": [],
    "report_tail_conjunctions": [],
    "clause_only_cues": [],
    "articles": [],
    "according_to_after_comma": [],
    "relative_pronouns": [],
    "non_claimant_words": [],
    "emphatic_reflexives": [],
    "indefinite_subjects": [],
    "document_nouns": [],
    "report_nouns": [],
    "quoting_verbs": [],
    "quoting_particles": [],
    "place_prepositions": [],
    "possessive_markers": [],
    "weekday_prepositions": [],
    "sequence_prepositions": [],
    "title_joiners": [],
    "determiners": [],
    "demonstratives": [],
    "region_words": [],
    "place_words": [],
    "distance_unit_prefixes": [],
    "title_nouns": [],
    "time_words": [],
    "weekday_prefixes": [],
    "attempt_verbs": [],
    "verb_ending": None,
    "nominal_ending": None,
    "capitalised_words_are_names": False,
    "noun_phrase_head": {"rule": "last_before_preposition", "prepositions": []},
    "expletive_subjects": [],
    "back_reference": {"needs_demonstrative": [], "indefinite_articles": []},
    "hedge_exclusions": [],
    "modal_hedges": [],
    "negation_exceptions": {},
    "region_suffix": None,
    "abbreviations": [],
    "unmarked_sentence_openers": [],
    "place_names_from_lemmas": False,
    "inflection": None,
    "times": None,
    "quantities": None,
    "transcripts": None,
    "irregular_forms": {},
    "lexicon": {
        "cues": {},
        "according_to": [],
        "hedges": [],
        "negations": [],
        "claimant_nouns": {},
        "back_reference_nouns": {},
        "pronouns": {},
        "sides": {},
        "location_exclusion_prepositions": [],
        "distance_prepositions": [],
        "person_nouns": [],
        "topic_verbs": [],
    },
    "event_triggers": {},
    "event_frames": {},
    "gazetteer": {
        "names_capitalise_every_word": False,
        "name_function_words": [],
        "name_leading_articles": [],
        "locative_prepositions": [],
        "axis_nouns": [],
        "organisation_noun_prefixes": [],
        "coordinators": [],
        "region_nouns": [],
    },
    "gate": {
        "furniture": [],
        "non_claim_openings": [],
        "reported_question_openings": [],
        "source_tail": None,
        "imperative_ending": None,
        "interviewer_labels": [],
        "rubric_labels": [],
        "appeals": [],
        "topic_introductions": [],
        "back_reference_sources": [],
        "paragraph_source_tail": False,
        "quote_insertion": None,
        "quote_tail": None,
        "predicative_cues": [],
        "predicative_case": None,
        "predicative_ending": None,
        "topic_contents": [],
        "topic_after_cue": [],
        "list_tail": None,
        "says_tail": None,
        "editorial_notes": [],
        "idioms": [],
        "indirect_questions": [],
        "relative_adverbs": [],
        "report_clause_checks": False,
        "own_voice_checks": False,
        "deontic_predicates": [],
        "existential_negations": [],
    },
}
_SECTIONS = ("quotation_marks", "back_reference", "lexicon", "gazetteer", "gate")


def _with_defaults(given: dict[str, Any], path: Path) -> dict[str, Any]:
    unknown = sorted(set(given) - set(DEFAULTS))
    unknown += sorted(
        f"{sec}.{k}"
        for sec in _SECTIONS
        if isinstance(given.get(sec), dict)
        for k in set(given[sec]) - set(DEFAULTS[sec])
    )
    if unknown:
        raise LanguagePackError(
            f"language pack {path}: received unknown keys {unknown}; allowed: the keys of README 'Adding a language'"
        )
    raw = {**DEFAULTS, **given}
    for sec in _SECTIONS:
        raw[sec] = {**DEFAULTS[sec], **given.get(sec, {})}
    return raw


def _regex(value: str | None) -> re.Pattern[str] | None:
    return re.compile(value) if value else None


def _patterns(values: list[str]) -> tuple[re.Pattern[str], ...]:
    return tuple(re.compile(v, re.IGNORECASE) for v in values)


def _parse(code: str, given: dict[str, Any], path: Path) -> LanguagePack:
    raw = _with_defaults(given, path)
    try:
        gaz = raw["gazetteer"]
        head = raw["noun_phrase_head"]
        back = raw["back_reference"]
        needs = back["needs_demonstrative"]
        return LanguagePack(
            code=code,
            open_quotes=dict(raw["quotation_marks"]["open"]),
            close_quotes=frozenset(raw["quotation_marks"]["close"]),
            connectives=tuple(raw["connectives"]),
            complementizers=tuple(raw["complementizers"]),
            weekday_prepositions=frozenset(raw["weekday_prepositions"]),
            sequence_prepositions=frozenset(raw["sequence_prepositions"]),
            title_joiners=frozenset(raw["title_joiners"]),
            purpose_conjunctions=frozenset(raw["purpose_conjunctions"]),
            media_words=frozenset(w.lower() for w in raw["media_words"]),
            manner_conjunctions=frozenset(raw["manner_conjunctions"]),
            circumstance_conjunctions=frozenset(raw["circumstance_conjunctions"]),
            report_tail_conjunctions=frozenset(raw["report_tail_conjunctions"]),
            clause_only_cues=frozenset(raw["clause_only_cues"]),
            articles=frozenset(raw["articles"]),
            according_to_after_comma=frozenset(raw["according_to_after_comma"]),
            relative_pronouns=frozenset(raw["relative_pronouns"]),
            non_claimant_words=frozenset(raw["non_claimant_words"]),
            emphatic_reflexives=frozenset(raw["emphatic_reflexives"]),
            indefinite_subjects=frozenset(raw["indefinite_subjects"]),
            document_nouns=frozenset(raw["document_nouns"]),
            report_nouns=frozenset(raw["report_nouns"]),
            quoting_verbs=frozenset(raw["quoting_verbs"]),
            quoting_particles=frozenset(raw["quoting_particles"]),
            place_prepositions=frozenset(raw["place_prepositions"]),
            possessive_markers=frozenset(raw["possessive_markers"]),
            determiners=frozenset(raw["determiners"]),
            demonstratives=frozenset(raw["demonstratives"]),
            region_words=frozenset(raw["region_words"]),
            place_words=frozenset(raw["place_words"]),
            distance_unit_prefixes=tuple(raw["distance_unit_prefixes"]),
            title_nouns=frozenset(raw["title_nouns"]),
            time_words=frozenset(raw["time_words"]),
            weekday_prefixes=tuple(raw["weekday_prefixes"]),
            attempt_verbs=frozenset(raw["attempt_verbs"]),
            verb_ending=_regex(raw["verb_ending"]),
            nominal_ending=_regex(raw["nominal_ending"]),
            capitalised_words_are_names=bool(raw["capitalised_words_are_names"]),
            noun_phrase_head=NounPhraseHead(
                head["rule"],
                frozenset(head.get("prepositions", ())),
                tuple(head.get("adjective_endings", ())),
            ),
            expletive_subjects=frozenset(raw["expletive_subjects"]),
            back_reference_needs_demonstrative=True if needs == "all" else tuple(needs),
            indefinite_articles=frozenset(back["indefinite_articles"]),
            hedge_exclusions=frozenset(raw["hedge_exclusions"]),
            modal_hedges=frozenset(raw["modal_hedges"]),
            negation_exceptions={k: frozenset(v) for k, v in raw["negation_exceptions"].items()},
            region_suffix=raw["region_suffix"],
            abbreviations=frozenset(w.lower() for w in raw["abbreviations"]),
            unmarked_sentence_openers=frozenset(raw["unmarked_sentence_openers"]),
            place_names_from_lemmas=bool(raw["place_names_from_lemmas"]),
            inflection=raw["inflection"],
            times=raw["times"],
            quantities=raw["quantities"],
            transcripts=raw["transcripts"],
            irregular_forms=dict(raw["irregular_forms"]),
            lexicon=raw["lexicon"],
            event_triggers=raw["event_triggers"],
            event_frames={str(k): list(v) for k, v in raw["event_frames"].items()},
            gazetteer=GazetteerWords(
                names_capitalise_every_word=bool(gaz["names_capitalise_every_word"]),
                name_function_words=frozenset(gaz["name_function_words"]),
                name_leading_articles=frozenset(gaz["name_leading_articles"]),
                locative_prepositions=frozenset(gaz["locative_prepositions"]),
                axis_nouns=frozenset(gaz["axis_nouns"]),
                organisation_noun_prefixes=tuple(gaz["organisation_noun_prefixes"]),
                coordinators=frozenset(gaz["coordinators"]),
                region_nouns=frozenset(gaz["region_nouns"]),
            ),
            gate=GateWords(
                furniture=_patterns(raw["gate"]["furniture"]),
                non_claim_openings=_patterns(raw["gate"]["non_claim_openings"]),
                reported_question_openings=_patterns(raw["gate"]["reported_question_openings"]),
                source_tail=_regex(raw["gate"]["source_tail"]),
                imperative_ending=_regex(raw["gate"]["imperative_ending"]),
                interviewer_labels=_patterns(raw["gate"]["interviewer_labels"]),
                rubric_labels=_patterns(raw["gate"]["rubric_labels"]),
                appeals=_patterns(raw["gate"]["appeals"]),
                topic_introductions=_patterns(raw["gate"]["topic_introductions"]),
                back_reference_sources=_patterns(raw["gate"]["back_reference_sources"]),
                paragraph_source_tail=bool(raw["gate"]["paragraph_source_tail"]),
                quote_insertion=_regex(raw["gate"]["quote_insertion"]),
                quote_tail=_regex(raw["gate"]["quote_tail"]),
                predicative_cues=frozenset(raw["gate"]["predicative_cues"]),
                predicative_case=raw["gate"]["predicative_case"],
                predicative_ending=_regex(raw["gate"]["predicative_ending"]),
                topic_contents=_patterns(raw["gate"]["topic_contents"]),
                topic_after_cue=_patterns(raw["gate"]["topic_after_cue"]),
                list_tail=_regex(raw["gate"]["list_tail"]),
                says_tail=_regex(raw["gate"]["says_tail"]),
                editorial_notes=_patterns(raw["gate"]["editorial_notes"]),
                idioms=_patterns(raw["gate"]["idioms"]),
                indirect_questions=_patterns(raw["gate"]["indirect_questions"]),
                relative_adverbs=frozenset(raw["gate"]["relative_adverbs"]),
                report_clause_checks=bool(raw["gate"]["report_clause_checks"]),
                own_voice_checks=bool(raw["gate"]["own_voice_checks"]),
                deontic_predicates=frozenset(w.lower() for w in raw["gate"]["deontic_predicates"]),
                existential_negations=frozenset(w.lower() for w in raw["gate"]["existential_negations"]),
            ),
        )
    except (KeyError, TypeError, re.error) as exc:
        raise LanguagePackError(
            f"language pack {path}: {type(exc).__name__}: {exc}; allowed: the keys of README 'Adding a language'"
        ) from exc
