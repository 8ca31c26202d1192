"""Speech transcripts: the speaker named in the article's title is the claimant of the body's own-voice claims.

Official video addresses, briefings, speeches and military summaries are published as their speaker's words,
and the speaker is named only in the title: "Звернення Президента України Володимира Зеленського за підсумками
дня", "Видеообращение губернатора Белгородской области", "Вечірнє зведення Генерального штабу ЗСУ", "Remarks by
the NATO Secretary General …", "Putin's remarks at …". Without this step every sentence of such a body is an
``unattributed`` claim (issue 17).

A title is a **transcript title** when (words of the language pack's ``transcripts`` key, :class:`TranscriptRule`):

- it starts with a genre noun (``genres``: звернення, обращение, address, remarks, briefing, зведення …),
  optionally after ``leading`` words or one or two adjectives ("Вечірнє", "Ранкове", "Full text of the"), and
  genre nouns may chain ("Стенограмма выступления", "Transcript of remarks");
- a speaker phrase follows the genre (after a ``speaker_markers`` word where the pack has them: "by"), or
  precedes it with a ``possessive_markers`` ending ("Putin's remarks"); it ends at a ``speaker_stops`` word (the
  preposition of the occasion: "на засіданні", "at the conference", "за підсумками дня"), a punctuation mark
  or a number, and holds no ``coordinators`` word (a joint statement has no one speaker);
- the phrase names someone: a PER or ORG entity of the title's own parse, an alias of the alias table, or a
  role by ``speaker_nouns`` or the lexicon's claimant nouns ("губернатора Белгородской области", "President of
  Ukraine");
- the title has no finite verb outside quotation marks: "Зеленський у зверненні заявив …", "Обращение Путина
  вызвало …" are stories about a speech.

The title is parsed by the pipeline's own components before the claims component (one short doc, only for a
title that :meth:`TranscriptRule.may_match` lets through: the genre word among its first words). The speaker
phrase is canonicalised like every claimant (:mod:`.claimants`: the alias table, else a person's name or an
organisation or role phrase in the nominative, :mod:`.canonical`).

The body must read as the speaker's own words (:func:`speaks_for_itself`): no reported claim in it names the
speaker in the third person ("Путин заявил, что …": a summary article about the speech), and either it opens
with a form of address ("Дорогие белгородцы!", "Пане голово, шановні колеги!", "Good afternoon, colleagues.",
:func:`opens_with_salutation`) or it has at least ``min_first_person`` first-person words outside quotation
marks (``first_person``: я, ми, мы, наш, I, we, our …, or a verb or pronoun the tagger marks ``Person=1``);
neither is needed for ``summary_genres`` (зведення, сводка, briefing, statement), an institution's report in
its impersonal voice.

Then every ``unattributed`` claim of the body becomes a ``transcript`` claim: claimant the speaker phrase as
written in the title, its canonical name, type and side; cue null; ``claimant_span`` and ``cue_span`` None (they
point into the text, and the speaker is not in it). Claims the rules attributed keep their attribution (the
speaker quotes or reports someone else); one whose claimant is a bare first-person pronoun ("Я", "We") outside
quotation marks (the rules give such a claim no claimant: then the pronoun at its ``claimant_span``) is resolved
to the speaker, as the rules resolve "He said" to its antecedent: claimant the speaker phrase, its canonical
name, type and side (``claimant_span`` stays on the pronoun in the text). The gate has already dropped furniture,
questions, wishes and appeals: they never reach this step; in English the claim-worthiness filter
(``worthiness``) has dropped the own-voice sentences it finds not check-worthy too (letting a transcript's
sentences past it brings back as many appeals and obligations, "They must stop immediately", "keep the support
coming", as statements, on claims_dev).
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass, replace
from typing import Any

from spacy.tokens import Doc, Span

from pipelines.nlp.claims import claimants
from pipelines.nlp.claims.canonical import morph, nominative_phrase
from pipelines.nlp.claims.claim import Claim
from pipelines.nlp.claims.context import DocContext
from pipelines.nlp.claims.spans import inside, quote_regions
from pipelines.nlp.claims.words import word
from pipelines.nlp.langpacks import LanguagePack

#: the genre noun is among the first this many words of a title ("Full text of the address by …"); tokens:
#: the possessive of "Putin's" is one more
MAX_GENRE_POSITION = 5
#: adjectives the title may start with before the genre noun ("Вечірнє", "Новогоднее") when not in ``leading``
MAX_LEADING_ADJECTIVES = 2
#: claimant types of the lexicon's claimant nouns that may name a speaker (not media, experts, anonymous)
SPEAKER_TYPES = frozenset({"government", "military", "organisation", "person"})
_DASHES = frozenset({"—", "–", "-", "|", "/"})
#: words of a claimant and of the title's speaker are the same word when they share this many first letters
#: ("Президент" / "Президента", "Zelensky" / "Zelensky's")
STEM = 6
#: the longest form of address a transcript opens with ("Шановний пане Голово!", "Ladies and gentlemen, dear friends,")
MAX_SALUTATION_WORDS = 6


@dataclass(frozen=True)
class TranscriptRule:
    """The ``transcripts`` words of one language pack (see the module docstring)."""

    genres: frozenset[str]
    summary_genres: frozenset[str]
    leading: frozenset[str]
    chain_joiners: frozenset[str]
    speaker_markers: frozenset[str]
    possessive_markers: frozenset[str]
    speaker_stops: frozenset[str]
    coordinators: frozenset[str]
    speaker_nouns: tuple[str, ...]
    first_person: frozenset[str]
    min_first_person: int

    @classmethod
    def from_pack(cls, pack: LanguagePack) -> TranscriptRule | None:
        """The rule of ``pack``, or None when the pack has no ``transcripts`` key."""
        raw: dict[str, Any] | None = pack.transcripts
        if not raw:
            return None

        def words(key: str) -> frozenset[str]:
            return frozenset(str(w).casefold() for w in raw.get(key, ()))

        return cls(
            genres=words("genres"),
            summary_genres=words("summary_genres"),
            leading=words("leading"),
            chain_joiners=words("chain_joiners"),
            speaker_markers=words("speaker_markers"),
            possessive_markers=words("possessive_markers"),
            speaker_stops=words("speaker_stops"),
            coordinators=words("coordinators"),
            speaker_nouns=tuple(str(w).casefold() for w in raw.get("speaker_nouns", ())),
            first_person=words("first_person"),
            min_first_person=int(raw.get("min_first_person", 1)),
        )

    def may_match(self, title: str | None) -> bool:
        """A cheap test on the raw title: a genre word among its first words (the title is parsed only then)."""
        if not title:
            return False
        first = [w.strip("\"'«»“”„:,.!?()").casefold() for w in title.split()[:MAX_GENRE_POSITION]]
        return any(w in self.genres or w.removesuffix("'s").removesuffix("’s") in self.genres for w in first)

    def speaker_noun(self, word: str) -> bool:
        w = word.casefold()
        return any(w.startswith(n[:-1]) if n.endswith("*") else w == n for n in self.speaker_nouns)


@dataclass(frozen=True)
class Speaker:
    """The speaker a transcript title names."""

    text: str  # the speaker phrase as written in the title
    canonical: str | None
    type: str | None
    side: str | None
    summary: bool  # the genre is a summary (an institution's report): no first person needed

    def claimant_of(self, claim: Claim) -> Claim:
        """``claim`` with this speaker as its claimant (phrase, canonical name, type and side)."""
        return replace(
            claim,
            claimant=self.text,
            claimant_canonical=self.canonical,
            claimant_type=self.type,
            claimant_side=self.side,
        )


# --- the title -----------------------------------------------------------------------------------------------


def parse_title(nlp: Any, title: str, before: str, skip: frozenset[str] = frozenset()) -> Doc:
    """``title`` run through the components of ``nlp`` before the one named ``before`` (tagger, parser, NER,
    gazetteer …), leaving out those whose factory is in ``skip`` (the learned English claim components). Every
    component counts, also one disabled while ``nlp.pipe`` runs (the Beam stage runs the claims component
    apart from the others)."""
    doc = nlp.make_doc(title)
    for name, proc in nlp.components:
        if name == before:
            break
        if nlp.get_pipe_meta(name).factory in skip:
            continue
        doc = proc(doc)
    return doc


def title_speaker(rule: TranscriptRule, tctx: DocContext) -> Speaker | None:
    """The speaker of a transcript title (``tctx``: the context of the parsed title), or None when the title is
    no transcript title (see the module docstring)."""
    doc = tctx.doc
    n = min(len(doc), 2 * MAX_GENRE_POSITION)
    genre = next((k for k in range(n) if doc[k].lower_ in rule.genres), None)
    if genre is None or finite_verb(tctx):
        return None
    possessive = next((k for k in range(genre) if doc[k].lower_ in rule.possessive_markers), None)
    lead_from = possessive + 1 if possessive is not None else 0
    adjectives = 0
    for t in doc[lead_from:genre]:
        if t.lower_ in rule.leading:
            continue
        if tctx.has_pos and t.pos_ == "ADJ" and adjectives < MAX_LEADING_ADJECTIVES:
            adjectives += 1
            continue
        return None  # "Зеленський у зверненні …": the title does not start with the genre phrase
    # the run of genre nouns and joiners after the first: "Стенограмма выступления", "Transcript of the remarks"
    after = genre + 1
    k = after
    while k < len(doc) and doc[k].lower_ in rule.genres | rule.chain_joiners | rule.leading:
        if doc[k].lower_ in rule.genres:
            after = k + 1
        k += 1
    genres = {t.lower_ for t in doc[genre:after] if t.lower_ in rule.genres}
    summary = bool(genres & rule.summary_genres)
    if possessive is not None:
        # "Putin's remarks at …", not "Biden's speech sparks debate …": the occasion, a mark or nothing follows
        nxt = doc[after] if after < len(doc) else None
        if nxt is not None and not (nxt.is_punct or nxt.lower_ in rule.speaker_stops):
            return None
        start, end = 0, possessive
    else:
        start = after
        if rule.speaker_markers:
            if start >= len(doc) or doc[start].lower_ not in rule.speaker_markers:
                return None  # "Address to the nation": no speaker named
            start += 1
        end = _phrase_end(rule, tctx, start)
    while start < end and (doc[start].lower_ in tctx.pack.articles or doc[start].lower_ in rule.leading):
        start += 1
    if end <= start or any(t.lower_ in rule.coordinators for t in doc[start:end]):
        return None
    return _speaker(rule, tctx, start, end, summary)


def _phrase_end(rule: TranscriptRule, tctx: DocContext, start: int) -> int:
    doc = tctx.doc
    for k in range(start, len(doc)):
        t = doc[k]
        if k > start and t.lower_ in rule.speaker_stops:
            return k
        if t.text in _DASHES:
            # a dash between words ("Прем'єр-міністра", "Secretary-General") is part of a word
            if t.text != "-" or t.whitespace_ or (k > 0 and doc[k - 1].whitespace_):
                return k
            continue
        if t.like_num or (t.is_punct and t.text not in ("'", "’", ".")):
            return k
        if t.text in tctx.pack.open_quotes or t.text in tctx.pack.close_quotes:
            return k
    return len(doc)


def _speaker(rule: TranscriptRule, tctx: DocContext, start: int, end: int, summary: bool) -> Speaker | None:
    doc = tctx.doc
    phrase = doc[start:end]
    text = phrase.text
    names = [e for e in tctx.ents_within(start, end) if e.label_ == "PER"]
    if names:  # "Президента України Володимира Зеленського", "Putin": the person, by name
        name = names[-1]
        alias = claimants.lookup_alias(tctx, name.text) or claimants.lookup_alias_suffix(tctx, name.text)
        canonical = alias.canonical if alias else claimants.entity_canonical(tctx, name.text, "PER", 0)
        side = claimants.alias_side(alias) or claimants.np_side(tctx, start, end)
        return Speaker(text, canonical, claimants.alias_claimant_type(alias) or "person", side, summary)
    nominative = nominative_phrase(tctx.lang, text)
    # the whole phrase only: the end of a role phrase is not its speaker ("постпреда России при ООН")
    alias = claimants.lookup_alias(tctx, text) or (
        tctx.aliases.lookup(nominative, tctx.lang) if nominative != text else None
    )
    if alias is not None and alias.kind in (
        "PER",
        "ORG",
    ):  # "Генерального штабу ЗСУ", "the Russian Defence Ministry"
        side = claimants.alias_side(alias)
        return Speaker(text, alias.canonical, claimants.alias_claimant_type(alias), side, summary)
    typ = _role_type(rule, tctx, phrase)
    orgs = [e for e in tctx.ents_within(start, end) if e.label_ == "ORG" and e.start == start]
    if typ is None and not orgs:
        return None  # the words after the genre name no one ("Обращение к гражданам", "Текст закона …")
    canonical = (
        claimants.entity_canonical(tctx, text, "ORG", 0) if orgs and orgs[0].end == end else nominative
    )
    side = claimants.np_side(tctx, start, end)
    return Speaker(text, canonical, typ or "organisation", side, summary)


def _role_type(rule: TranscriptRule, tctx: DocContext, phrase: Span) -> str | None:
    """The claimant type of a role phrase: of the first word the lexicon's claimant nouns know, else "person"
    for a word of ``speaker_nouns``; None when no word names a speaker."""
    found: str | None = None
    for t in phrase:
        typ = tctx.lex.claimant_nouns.lookup_word(t.text, t.lemma_ or None)
        if typ is not None and str(typ) in SPEAKER_TYPES:
            return str(typ)
        if found is None and (rule.speaker_noun(t.text) or rule.speaker_noun(t.lemma_ or t.text)):
            found = "person"
    return found


def finite_verb(tctx: DocContext) -> bool:
    """A finite verb in the title outside quotation marks (by the tagger; without one, by the pymorphy3
    dictionary where the language has one): a story about a speech, not its transcript."""
    doc = tctx.doc
    quotes = quote_regions(tctx.text, 0, tctx.pack.open_quotes)
    m = None if tctx.has_pos else morph(tctx.lang)
    for t in doc:
        if not word(t) or inside(quotes, t.idx, t.idx + len(t.text)) > 0:
            continue
        if tctx.has_pos:
            if t.pos_ in ("VERB", "AUX") and "Fin" in t.morph.get("VerbForm"):
                return True
        elif m is not None and t.text[:1].islower():
            parses = m.parse(t.text)
            if parses and parses[0].tag.POS == "VERB":
                return True
    return False


# --- the body ------------------------------------------------------------------------------------------------


def first_person_words(rule: TranscriptRule, ctx: DocContext) -> int:
    """First-person words of the body outside quotation marks and furniture: the pack's ``first_person`` words,
    and verbs and pronouns the tagger marks ``Person=1``."""
    count = 0
    for t in ctx.doc:
        if not word(t):
            continue
        first = t.lower_ in rule.first_person or (
            ctx.has_pos and t.pos_ in ("VERB", "AUX", "PRON", "DET") and "1" in t.morph.get("Person")
        )
        if first and not inside(ctx.quotes, t.idx, t.idx + 1) and not ctx.in_furniture(t.idx, t.idx + 1):
            count += 1
    return count


def opens_with_salutation(ctx: DocContext) -> bool:
    """The body's first line (furniture aside) opens with a form of address: up to its first "!" (else the whole
    line) at most :data:`MAX_SALUTATION_WORDS` words ending in "!" or ",", or a verbless line ending in "."
    ("Дорогие белгородцы!", "Пане голово, шановні колеги!", "Ladies and gentlemen, dear friends,", "Good
    afternoon, colleagues."): a speaker addressing an audience, which an article about a speech does not do."""
    pos = 0
    for line in ctx.text.split("\n"):
        start, pos = pos, pos + len(line) + 1
        body = line.strip()
        if not body or ctx.in_furniture(start, start + len(line)):
            continue
        if inside(ctx.quotes, start + line.index(body[0]), start + len(line)) > 0.5:
            return False
        bang = body.find("!")
        head = body[: bang + 1] if bang >= 0 else body
        words = [w for w in head.split() if any(ch.isalpha() for ch in w)]
        if not words or len(words) > MAX_SALUTATION_WORDS:
            return False
        if head.endswith(("!", ",")):
            return True
        span = ctx.doc.char_span(start, start + len(line), alignment_mode="expand")
        return (
            head.endswith(".")
            and span is not None
            and ctx.has_pos
            and not any(t.pos_ in ("VERB", "AUX") for t in span)
        )
    return False


def _stems(text: str | None) -> set[str]:
    return {w[:STEM] for w in re.findall(r"\w+", (text or "").casefold()) if len(w) >= STEM}


def _same_speaker(claim: Claim, speaker: Speaker) -> bool:
    """The claim's claimant is the title's speaker: the same canonical name, or, of the same claimant type, a
    word in common by its stem ("Президент заявив" for "Звернення Президента України")."""
    same = (claim.claimant_canonical or "").casefold() == (speaker.canonical or "").casefold()
    if same and claim.claimant_canonical:
        return True
    if claim.claimant_type is None or claim.claimant_type != speaker.type:
        return False
    mine = _stems(claim.claimant) | _stems(claim.claimant_canonical)
    return bool(mine & (_stems(speaker.text) | _stems(speaker.canonical)))


def _first_person_claimant(rule: TranscriptRule, ctx: DocContext, claim: Claim) -> str | None:
    """The first-person pronoun ("Я", "We") that is the claim's claimant as written, outside quotation marks and
    not resolved (the rules give no claimant for a bare pronoun: then the pronoun at ``claimant_span``), or
    None."""
    if claim.claimant_canonical is not None:
        return None
    span = claim.claimant_span
    if span is not None and inside(ctx.quotes, *span) > 0:
        return None
    text = claim.claimant if claim.claimant is not None else ctx.text[span[0] : span[1]] if span else ""
    words = text.casefold().split()
    return text if words and all(w in rule.first_person for w in words) else None


def speaks_for_itself(
    rule: TranscriptRule, ctx: DocContext, claims: Sequence[Claim], speaker: Speaker
) -> bool:
    """Whether the body reads as the speaker's own words: no reported claim names the speaker (in the third
    person), and first-person words are there (not needed for a summary genre)."""
    from pipelines.nlp.claims.gate import reported

    if any(reported(c) and _same_speaker(c, speaker) for c in claims):
        return False  # "Путин заявил, что …": the outlet reports the speech
    return (
        speaker.summary
        or opens_with_salutation(ctx)
        or first_person_words(rule, ctx) >= rule.min_first_person
    )


def title_speaker_of(rule: TranscriptRule, ctx: DocContext, title: Doc) -> Speaker | None:
    """The speaker the parsed ``title`` names as a transcript title (:func:`title_speaker`), or None."""
    return title_speaker(rule, DocContext(title, ctx.lang, ctx.lex, ctx.pack, ctx.aliases, None, True))


def attribute(
    rule: TranscriptRule, ctx: DocContext, claims: list[Claim], speaker: Speaker
) -> list[Claim] | None:
    """``claims`` of a transcript (see the module docstring) with the title's ``speaker`` as claimant of the
    unattributed ones; None when the body does not read as the speaker's own words."""
    if not speaks_for_itself(rule, ctx, claims, speaker):
        return None
    out: list[Claim] = []
    for claim in claims:
        pronoun = None if claim.attribution == "unattributed" else _first_person_claimant(rule, ctx, claim)
        if claim.attribution == "unattributed":
            claim = speaker.claimant_of(
                replace(
                    claim,
                    attribution="transcript",
                    cue=None,
                    cue_text=None,
                    cue_span=None,
                    claimant_span=None,
                )
            )
        elif pronoun is not None:  # resolved as the rules resolve "He said": the claimant is the antecedent
            claim = speaker.claimant_of(claim)
        out.append(claim)
    return out


__all__ = [
    "Speaker",
    "TranscriptRule",
    "attribute",
    "finite_verb",
    "first_person_words",
    "parse_title",
    "speaks_for_itself",
    "title_speaker",
    "title_speaker_of",
]
