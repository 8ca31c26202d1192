"""Claim extraction: who claims what, when, where and how many, from a parsed spaCy ``Doc``.

One pass over the sentences of a document (``doc.sents``, further split at line breaks, which always end a
paragraph). For each sentence, in this order:

1. **Reporting verbs** (``say``, ``report``, ``stress``, ``заявить``, ``повідомити`` … in
   ``pipelines/data/claim_lexicon.json``): the claimant is the verb's ``nsubj``; the content is its clausal
   complement (``ccomp``), else the clause it is attached to (post-posed "…, analysts emphasised"), else its
   object ("share footage of …"). Several reporting verbs in one sentence give several claims unless one is
   inside another's content. When the content is (almost) all inside quotation marks (" " “ ” « » „ “), the
   attribution is ``direct_quote``; otherwise ``indirect``.
2. **"According to" phrases** ("according to", "по данным", "за даними", "как сообщил" …): the claimant is
   the noun phrase after the phrase, the content the rest of the sentence on the other side of the comma.
3. **Stand-alone quotations**: a sentence wholly in quotation marks, or one with an editorial insertion in
   square brackets ("Their [AFU's] position…"), is a ``direct_quote`` of the latest claimant of the last three
   sentences.
4. Otherwise the sentence is an ``unattributed`` claim (sentences without a verb or shorter than three words
   are skipped).

Each rule uses the dependency tree when the pipeline has a parser and falls back to token patterns when it
does not, or when the tree is odd (no subject, no complement). Claimants are resolved: a pronoun ("He said")
or a
definite back-reference ("the source", "the ministry", "этот источник", "відомство") refers to the nearest
compatible earlier mention (claimants first, then PER/ORG entities) in the current and three previous
sentences; an indefinite "a source" / "источник" / "джерело" is an ``anonymous`` claimant.
"""

from __future__ import annotations

import bisect
import hashlib
import json
import re
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, replace
from datetime import date, datetime
from typing import Any

from spacy.tokens import Doc, Span, Token

from pipelines.nlp.aliases import Alias, AliasTable
from pipelines.nlp.claims.claim import CLAIMANT_TYPES, Claim
from pipelines.nlp.claims.lexicon import LangLexicon, load_lexicon
from pipelines.nlp.claims.quantities import extract_quantities
from pipelines.nlp.claims.times import extract_times
from pipelines.nlp.segment import sentence_starts

_OPEN_QUOTES = {"“": "”", "«": "»", "„": "“”", "‘": "’", '"': '"', "‹": "›"}
_CLOSE_ANY = set('”»“"’›')
_PUNCT_EDGE = set(",.;:!?—–-()[]") | set(" \t\n")
_CONNECTIVES = {
    "en": [
        "meanwhile",
        "however",
        "earlier",
        "also",
        "moreover",
        "furthermore",
        "in addition",
        "at the same time",
        "later",
        "separately",
        "in turn",
        "thus",
        "therefore",
        "but",
        "and",
    ],
    "ru": [
        "тем временем",
        "между тем",
        "однако",
        "ранее",
        "кроме того",
        "также",
        "при этом",
        "в свою очередь",
        "позже",
        "но",
        "и",
    ],
    "uk": [
        "тим часом",
        "водночас",
        "однак",
        "проте",
        "раніше",
        "крім того",
        "також",
        "при цьому",
        "своєю чергою",
        "пізніше",
        "але",
        "і",
    ],
}
_DETERMINERS = {"the", "a", "an", "this", "that", "these", "those", "its", "their", "his", "her", "our"}
_DEMONSTRATIVES = {
    "этот",
    "эта",
    "это",
    "данный",
    "данное",
    "данная",
    "указанный",
    "указанное",
    "этого",
    "этому",
    "цей",
    "ця",
    "це",
    "цього",
    "даний",
    "дане",
    "вказане",
    "вказаний",
    "зазначене",
    "the",
    "this",
    "that",
}
_REGION_WORDS = {
    "region",
    "oblast",
    "область",
    "области",
    "областью",
    "області",
    "областю",
    "край",
    "края",
    "краю",
    "district",
    "район",
    "района",
    "районе",
    "районі",
    "провинция",
    "province",
}
_PLACE_SKIP = {
    "the",
    "village",
    "town",
    "city",
    "settlement",
    "of",
    "hamlet",
    "село",
    "села",
    "селе",
    "селу",
    "поселок",
    "поселка",
    "посёлка",
    "поселке",
    "город",
    "города",
    "городе",
    "деревня",
    "деревни",
    "селище",
    "селища",
    "місто",
    "міста",
    "місті",
    "н.п.",
    "с.",
    "пгт",
    "смт",
    "населенного",
    "пункта",
    "населеного",
    "пункту",
}
_DISTANCE_UNITS = ("km", "kilomet", "mile", "metre", "meter", "км", "кілометр", "километр", "метр")
_SIDE_FORCES = {"ua": "Armed Forces of Ukraine", "ru": "Armed Forces of the Russian Federation"}
_COUNTRY_SIDE = {"Ukraine": "ua", "Russia": "ru", "United States": "us", "Belarus": "by"}
_PLACE_RANK = {"village": 0, "town": 1, "city": 2, "region": 3, "peninsula": 3, "country": 4}
_TITLE_NOUNS = {
    "secretary",
    "minister",
    "president",
    "president-elect",
    "spokesman",
    "spokeswoman",
    "general",
    "lieutenant-general",
    "commander",
    "chief",
    "head",
    "ambassador",
    "envoy",
    "adviser",
    "advisor",
    "official",
    "governor",
    "mayor",
    "leader",
    "chancellor",
    "director",
    "officer",
    "colonel",
    "министр",
    "президент",
    "глава",
    "генерал",
    "командующий",
    "спикер",
    "представитель",
    "губернатор",
    "мэр",
    "посол",
    "советник",
    "міністр",
    "президента",
    "очільник",
    "речник",
    "командувач",
    "губернатора",
    "радник",
    "пресс-секретарь",
    "прессекретар",
}
_TIME_WORDS = {
    "вчера",
    "сегодня",
    "накануне",
    "позавчера",
    "вчора",
    "сьогодні",
    "напередодні",
    "позавчора",
    "yesterday",
    "today",
    "earlier",
    "later",
    "также",
    "також",
    "ранее",
    "раніше",
}
_WEEKDAY_STEMS = (
    "понедельник",
    "вторник",
    "сред",
    "четверг",
    "пятниц",
    "суббот",
    "воскресень",
    "понеділ",
    "вівтор",
    "серед",
    "четвер",
    "п'ятниц",
    "п’ятниц",
    "субот",
    "неділ",
    "monday",
    "tuesday",
    "wednesday",
    "thursday",
    "friday",
    "saturday",
    "sunday",
)
_ATTEMPT = {
    "attempt",
    "attempted",
    "attempts",
    "attempting",
    "try",
    "tried",
    "tries",
    "trying",
    "seek",
    "sought",
    "seeking",
    "aim",
    "aimed",
    "intend",
    "intended",
    "intending",
    "plan",
    "planned",
    "planning",
    "попытаться",
    "пытаться",
    "пытались",
    "пытался",
    "попытались",
    "попытался",
    "намерены",
    "планируют",
    "намагатися",
    "намагалися",
    "намагався",
    "спробувати",
    "спробували",
    "спробував",
    "планують",
}
_VERBISH_UNKNOWN = re.compile(r"(ние|ния|нии|нию|ння|нням|нні|ция|ции|ція|ції|ость|ість)$")
# Russian/Ukrainian verb endings (past, infinitive, reflexive, adverbial participle, present): a cue word the
# lexicon knows with one of these is a verb even when the tagger says otherwise ("повідомив" tagged NOUN).
_VERB_ENDING = re.compile(
    r"(в|вши|вшись|л|ла|ло|ли|лась|лось|лися|лись|ть|ти|тися|ться|сь|ся|є|ють|ет|ют|ут|ит|ят|ить|ать|ять)$"
)


# --- small helpers ------------------------------------------------------------------------------------------


@dataclass
class Mention:
    """A claimant or entity mention remembered for back-reference resolution."""

    text: str
    canonical: str | None
    type: str | None
    side: str | None
    label: str  # PER, ORG, LOC or NP
    sent_index: int
    char: int


def _quote_regions(text: str, offset: int) -> list[tuple[int, int]]:
    """Character regions (absolute, inclusive of the marks) enclosed in quotation marks."""
    regions: list[tuple[int, int]] = []
    # typewriter-style quotes ``like this'' and ''like this'' count as double quotes (same length)
    text = text.replace("``", '"\x00').replace("''", '"\x00')
    i = 0
    n = len(text)
    while i < n:
        ch = text[i]
        if ch in _OPEN_QUOTES:
            closers = _OPEN_QUOTES[ch]
            if ch == "‘":  # single quotes double as apostrophes: only when a closing ’ follows a space/end
                j = text.find("’", i + 1)
                while j != -1 and j + 1 < n and text[j + 1].isalpha():
                    j = text.find("’", j + 1)
            else:
                cands = [text.find(c, i + 1) for c in closers]
                cands = [c for c in cands if c != -1]
                j = min(cands) if cands else -1
            if j != -1 and j - i > 1:
                regions.append((offset + i, offset + j + 1))
                i = j + 1
                continue
        i += 1
    return regions


def _inside(regions: Sequence[tuple[int, int]], start: int, end: int) -> float:
    """Share of [start, end) covered by the regions (sorted, not overlapping: :func:`_quote_regions`)."""
    if end <= start:
        return 0.0
    covered = 0
    k = bisect.bisect_right(regions, (start, start))
    k = k - 1 if k > 0 and regions[k - 1][1] > start else k
    while k < len(regions) and regions[k][0] < end:
        s, e = regions[k]
        covered += max(0, min(e, end) - max(s, start))
        k += 1
    return covered / (end - start)


def _strip_span(text: str, start: int, end: int, lang: str) -> tuple[int, int]:
    """Character span of ``text`` without edge punctuation, quotes, "that"/"что"/"що" and leading connectives."""
    changed = True
    while changed and start < end:
        changed = False
        while start < end and (
            text[start] in _PUNCT_EDGE or text[start] in _OPEN_QUOTES or text[start] in _CLOSE_ANY
        ):
            start += 1
            changed = True
        while end > start and (
            text[end - 1] in _PUNCT_EDGE or text[end - 1] in _CLOSE_ANY or text[end - 1] in _OPEN_QUOTES
        ):
            end -= 1
            changed = True
        low = text[start:end].lower()
        for lead in ("that ", "что ", "що ", "чтобы ", "щоб ", "как ", "як "):
            if low.startswith(lead):
                start += len(lead)
                changed = True
                break
        for con in _CONNECTIVES[lang]:
            if low.startswith(con + ",") or low.startswith(con + " ,"):
                start += len(con) + 1
                changed = True
                break
    return start, end


def _tok_range_chars(doc: Doc, i: int, j: int) -> tuple[int, int]:
    """Characters of tokens [i, j)."""
    if j <= i:
        return doc[i].idx, doc[i].idx
    return doc[i].idx, doc[j - 1].idx + len(doc[j - 1].text)


def _subtree_range(tok: Token, lo: int, hi: int) -> tuple[int, int]:
    return max(tok.left_edge.i, lo), min(tok.right_edge.i + 1, hi)


def _depth(tok: Token, lo: int, hi: int) -> int:
    d = 0
    t = tok
    while t.head.i != t.i and lo <= t.head.i < hi and d < 50:
        t = t.head
        d += 1
    return d


def _span_root(doc: Doc, i: int, j: int) -> Token | None:
    """The token of [i, j) whose head lies outside it (the shallowest one)."""
    best: Token | None = None
    best_d = 10**6
    for k in range(i, j):
        d = _depth(doc[k], i, j)
        if d < best_d:
            best, best_d = doc[k], d
    return best


# --- the extractor ------------------------------------------------------------------------------------------


class ClaimExtractor:
    """Turns a processed ``Doc`` into claim dicts (see :data:`CLAIM_KEYS`)."""

    def __init__(
        self,
        lang: str,
        aliases: AliasTable,
        *,
        hedge_lexicon: Sequence[str] = (),
        max_claims_per_doc: int = 500,
        include_unattributed: bool = True,
    ) -> None:
        if max_claims_per_doc < 1:
            raise ValueError(f"max_claims_per_doc: received {max_claims_per_doc!r}; allowed: an integer >= 1")
        self.lang = lang
        self.lex: LangLexicon = load_lexicon(lang, tuple(hedge_lexicon))
        self.aliases = aliases
        self.max_claims = max_claims_per_doc
        self.include_unattributed = include_unattributed

    # --- document level -------------------------------------------------------------------------------------

    def __call__(self, doc: Doc, published_at: datetime | date | None) -> list[Claim]:
        self.doc = doc
        self.has_dep = doc.has_annotation("DEP")
        self.has_pos = doc.has_annotation("POS")
        self.published_at = published_at
        self.text = doc.text  # Doc.text joins every token: read it once
        self.ents = list(doc.ents)
        self.ent_starts = [ent.start for ent in self.ents]
        self.history: list[Mention] = []
        self._np_hint: dict[int, tuple[int, int]] = {}
        self._cue_meta: dict[int, tuple[str, frozenset[str]]] = {}
        self.quotes = _quote_regions(self.text, 0)
        claims: list[Claim] = []
        for index, (lo, hi) in enumerate(self._segments(doc)):
            self._remember_entities(lo, hi, index, before=None)
            for claim in self._sentence_claims(lo, hi, index):
                claims.append(claim)
                if len(claims) >= self.max_claims:
                    return claims
        return claims

    def _segments(self, doc: Doc) -> list[tuple[int, int]]:
        """Sentences by the rules of :mod:`.segment` (independent of the parser's own boundaries)."""
        starts = [i for i, s in enumerate(sentence_starts(doc)) if s]
        out: list[tuple[int, int]] = []
        for k, s in enumerate(starts):
            e = starts[k + 1] if k + 1 < len(starts) else len(doc)
            while e > s and doc[e - 1].is_space:
                e -= 1
            if e > s:
                out.append((s, e))
        return out

    def _remember_entities(self, lo: int, hi: int, index: int, before: int | None) -> None:
        for ent in self._ents_starting(lo, hi):
            if ent.label_ in ("PER", "ORG"):
                alias = self._alias(ent.text)
                self.history.append(
                    Mention(
                        ent.text,
                        alias.canonical if alias else None,
                        self._alias_claimant_type(alias)
                        or ("person" if ent.label_ == "PER" else "organisation"),
                        self._alias_side(alias),
                        ent.label_,
                        index,
                        ent.start_char,
                    )
                )

    def _remember_claimant(self, claimant: Mention | None, index: int, char: int) -> None:
        """Remember a resolved claimant (or nothing) for later back-references ("He said", "the source")."""
        if claimant is not None:
            self.history.append(replace(claimant, sent_index=index, char=char))

    def _ents_starting(self, lo: int, hi: int) -> list[Span]:
        """Entities starting in tokens [lo, hi), in document order."""
        return self.ents[bisect.bisect_left(self.ent_starts, lo) : bisect.bisect_left(self.ent_starts, hi)]

    def _ents_within(self, lo: int, hi: int) -> list[Span]:
        """Entities inside tokens [lo, hi), in document order."""
        return [ent for ent in self._ents_starting(lo, hi) if ent.end <= hi]

    # --- sentence level -------------------------------------------------------------------------------------

    def _sentence_claims(self, lo: int, hi: int, index: int) -> list[Claim]:
        doc = self.doc
        words = [t.text for t in doc[lo:hi]]
        n_words = sum(1 for t in doc[lo:hi] if t.is_alpha)
        results: list[Claim] = []
        taken: list[tuple[int, int]] = []  # token ranges of accepted contents and claimant phrases

        # 1. according to (strong phrases at the start or end of the sentence)
        acc = self._according_to(lo, hi)
        # 2. reporting verbs
        for cue in self._cues(lo, hi):
            if any(s <= cue.i < e for s, e in taken):
                continue
            if _inside(self.quotes, cue.idx, cue.idx + len(cue.text)) > 0:
                continue  # a reporting verb inside a quotation belongs to the quoted words
            if acc is not None and acc[0] <= cue.i < acc[1]:
                continue
            found = self._cue_claim(cue, lo, hi, index, avoid=(acc[0], acc[1]) if acc is not None else None)
            if found is None:
                continue
            claim, content_rng, claimant_rng = found
            results.append(claim)
            taken.append(content_rng)
            if claimant_rng is not None:
                taken.append(claimant_rng)
        if acc is not None and not any(s <= acc[0] < e for s, e in taken):
            claim2 = self._according_claim(acc, lo, hi, index)
            if claim2 is not None:
                results.append(claim2)
        if results:
            return results
        # 3. stand-alone quotation
        sent_start, sent_end = _tok_range_chars(doc, lo, hi)
        s_start, s_end = _strip_span(self.text, sent_start, sent_end, self.lang)
        text = self.text[sent_start:sent_end]
        whole_quote = _inside(self.quotes, s_start, s_end) > 0.9 or (
            text[:1] in _OPEN_QUOTES and _inside(self.quotes, sent_start, sent_end) > 0.8
        )
        bracketed = re.search(r"\w\s*\[[^\]\d]{2,40}\]|\[[^\]\d]{2,40}\]\s*\w", text) is not None
        if (whole_quote or bracketed) and n_words >= 3:
            speaker = self._latest_claimant(index, within=3)
            return [
                self._build(
                    index, lo, hi, s_start, s_end, "direct_quote", None, None, speaker, None, set(), None
                )
            ]
        # 4. unattributed (not for editorial parentheses such as "(Updated on 7 January …)")
        if not self.include_unattributed or n_words < 3 or not self._has_verb(lo, hi):
            return []
        if text.lstrip()[:1] in "([" and text.rstrip()[-1:] in ")]":
            return []
        del words
        return [
            self._build(index, lo, hi, s_start, s_end, "unattributed", None, None, None, None, set(), None)
        ]

    def _verb_ending(self, tok: Token) -> bool:
        """A Russian/Ukrainian word with a verb ending (see _VERB_ENDING), whatever the tagger said."""
        return self.lang != "en" and _VERB_ENDING.search(tok.lower_) is not None

    def _has_verb(self, lo: int, hi: int) -> bool:
        if not self.has_pos:
            return True
        return any(
            t.pos_ in ("VERB", "AUX")
            # a predicate the tagger missed: "ворог втратив …" with "втратив" tagged NOUN
            or (t.dep_ == "ROOT" and self._verb_ending(t))
            for t in self.doc[lo:hi]
        )

    # --- cues -----------------------------------------------------------------------------------------------

    def _cues(self, lo: int, hi: int) -> list[Token]:
        doc = self.doc
        words = [t.text for t in doc[lo:hi]]
        lemmas: list[str | None] = [t.lemma_ or None for t in doc[lo:hi]]
        cues: list[Token] = []
        for k in range(len(words)):
            m = self.lex.cues.match_at(words, lemmas, k)
            if m is None:
                continue
            tok = doc[lo + k]
            if not self._verbal(tok):
                continue
            lemma, flags = m[1]
            self._cue_meta[tok.i] = (str(lemma), frozenset(flags))
            cues.append(tok)
        if self.has_dep:
            cues.sort(key=lambda t: (_depth(t, lo, hi), t.i))
        return cues

    def _verbal(self, tok: Token) -> bool:
        if tok.text[:1].isupper() and tok.i > 0 and not tok.is_sent_start and self.lang == "en":
            return False  # "Reuters Report", names
        if self.has_pos:
            if tok.pos_ in ("VERB",):
                return True
            if tok.pos_ == "AUX":
                return False
            if tok.pos_ in ("NOUN", "ADJ", "PROPN", "X") and self._verb_ending(tok):
                return True
            if self.has_dep and (tok.dep_ == "ROOT" or any(c.dep_.startswith("nsubj") for c in tok.children)):
                return tok.pos_ not in ("ADP", "DET", "PRON", "PROPN")
            if tok.pos_ == "NOUN" and self.has_dep and tok.i > 0:
                # a verbless (mis)parse of a headline-like sentence: "Russian media share footage …"
                sent_root = tok
                while sent_root.head.i != sent_root.i:
                    sent_root = sent_root.head
                prev = self.doc[tok.i - 1]
                claimant_like = prev.ent_type_ in ("PER", "ORG") or self._noun_type(prev) is not None
                return sent_root.pos_ not in ("VERB", "AUX") and claimant_like and tok.dep_ == "compound"
            return False
        if self.lang != "en":
            return _VERBISH_UNKNOWN.search(tok.lower_) is None
        return True

    def _cue_info(self, tok: Token) -> tuple[str, frozenset[str]]:
        return self._cue_meta[tok.i]

    @staticmethod
    def _participle(tok: Token) -> bool:
        """An English -ing participle or a Russian/Ukrainian adverbial participle (деепричастие)."""
        return tok.tag_ == "VBG" or bool({"Ger", "Conv"} & set(tok.morph.get("VerbForm")))

    def _subject(self, cue: Token, lo: int, hi: int) -> Token | None:
        if self.has_dep:
            subjects = [
                c
                for c in cue.children
                if c.dep_ in ("nsubj", "nsubj:outer") and lo <= c.i < hi and not self._connective(c)
            ]
            if subjects:
                return min(subjects, key=lambda c: abs(cue.i - c.i))
            # coordinated verbs share the subject: "X confirmed and said"; so does a participle after the verb it
            # modifies: "X attacked the plan, saying …", "X отверг обвинения, заявив …", "X …, додавши …"
            shares = cue.dep_ == "conj" or (
                cue.dep_ in ("advcl", "xcomp") and cue.i > cue.head.i and self._participle(cue)
            )
            if shares and lo <= cue.head.i < hi:
                for c in cue.head.children:
                    if c.dep_ == "nsubj" and c.i < cue.i:
                        return c
        # token fallback: a noun phrase right before the cue after a comma, or right after it before the end
        doc = self.doc
        k = cue.i - 1
        while k >= lo and (
            doc[k].is_alpha
            and doc[k].lower_ not in ("that", "что", "що")
            and (
                not self.has_pos
                or doc[k].pos_ in ("NOUN", "PROPN", "ADJ", "PRON", "DET", "NUM", "ADV", "ADP", "X")
            )
        ):
            k -= 1
        if (
            cue.i - 1 - k <= 6
            and k < cue.i - 1
            and (k < lo or doc[k].text in (",", "—", "–", ":") or doc[k].text in _CLOSE_ANY)
        ):
            s_, e_ = k + 1, cue.i
            while e_ > s_ and self.has_pos and doc[e_ - 1].pos_ == "ADV":
                e_ -= 1
            head = self._head_guess(s_, e_)
            if head is not None:
                self._np_hint[head.i] = (s_, e_)
                return head
        # "Name, the city's deputy manager, said …": the phrase before an apposition in commas
        if cue.i - 1 >= lo and doc[cue.i - 1].text == ",":
            for c1 in range(cue.i - 2, max(lo, cue.i - 16) - 1, -1):
                if doc[c1].text == ",":
                    n_lo = c1 - 1
                    while n_lo >= lo and doc[n_lo].is_alpha and c1 - n_lo <= 6:
                        n_lo -= 1
                    if (n_lo < lo or doc[n_lo].is_punct) and c1 - n_lo > 1:
                        head = self._head_guess(n_lo + 1, c1)
                        if head is not None:
                            self._np_hint[head.i] = (n_lo + 1, c1)
                            return head
                    break
        start = self._skip_adverbials(cue.i + 1, hi)
        j = start
        while j < hi and (
            (doc[j].is_alpha and (not self.has_pos or doc[j].pos_ in ("NOUN", "PROPN", "ADJ", "DET", "ADP")))
            or (doc[j].text == "-" and not doc[j - 1].whitespace_ and j + 1 < hi and doc[j + 1].is_alpha)
        ):
            j += 1
        if j > start and (j >= hi or doc[j].is_punct):
            head = self._head_guess(start, j)
            if head is not None:
                self._np_hint[head.i] = (start, j)
                return head
        return None

    def _skip_adverbials(self, i: int, hi: int) -> int:
        """Skip time adverbials before a post-verbal subject: "сообщил во вторник представитель …"."""
        doc = self.doc
        while i < hi:
            low = doc[i].lower_
            if low in _TIME_WORDS:
                i += 1
            elif (
                low in ("в", "во", "у", "on", "in")
                and i + 1 < hi
                and doc[i + 1].lower_.startswith(_WEEKDAY_STEMS)
            ):
                i += 2
            else:
                break
        return i

    def _head_guess(self, s: int, e: int) -> Token | None:
        """The head word of a noun phrase without a parse: English — the last word before a preposition
        ("a source in the ministry" → source); Russian/Ukrainian — the first word that is not an adjective
        ("Источник в силовых структурах" → Источник, "украинские военные" → военные)."""
        doc = self.doc
        words = [t for t in doc[s:e] if t.is_alpha and t.lower_ not in _DETERMINERS]
        if not words:
            return None
        if self.lang == "en":
            preps = {"of", "in", "at", "from", "with", "for", "on", "close", "familiar", "near", "inside"}
            before: list[Token] = []
            for t in words:
                if t.lower_ in preps and before:
                    break
                before.append(t)
            return before[-1]
        adj = (
            "ые",
            "ие",
            "ий",
            "ый",
            "ая",
            "яя",
            "ое",
            "ее",
            "ой",
            "ых",
            "их",
            "і",
            "ій",
            "ої",
            "ього",
            "ого",
        )
        for t in words:
            if not t.lower_.endswith(adj) or (t.text[:1].isupper() and t.i > s):
                return t
        return words[-1]

    def _connective(self, tok: Token) -> bool:
        """A sentence adverb such as "Meanwhile," that a parser mistook for a subject."""
        return (
            tok.lower_ in _CONNECTIVES[self.lang]
            and tok.i + 1 < len(self.doc)
            and self.doc[tok.i + 1].text == ","
        )

    def _content_range(self, cue: Token, subj: Token | None, lo: int, hi: int) -> tuple[int, int] | None:
        doc = self.doc
        if "clause" in self._cue_meta.get(cue.i, ("", frozenset()))[1]:
            # "show", "find", "learn": reporting only with a clausal complement ("the poll found that …")
            has_clause = (
                any(c.dep_ in ("ccomp", "csubj") for c in cue.children)
                if self.has_dep
                else cue.i + 1 < hi and doc[cue.i + 1].lower_ in ("that", "что", "що")
            )
            if not has_clause:
                return None
        if self.has_dep:
            # the tree decides the direction; the sentence edge bounds the content (robust to a complement
            # subtree that the parser cut short)
            comps = [c for c in cue.children if c.dep_ in ("ccomp", "csubj") and lo <= c.i < hi]
            comps += [
                c
                for c in cue.children
                if c.dep_ == "parataxis" and lo <= c.i < hi and c.pos_ in ("VERB", "AUX", "ADJ", "NOUN")
            ]
            if comps:
                c = comps[0]
                c_s, c_e = _subtree_range(c, lo, hi)
                clause_lo, clause_hi = self._cue_clause(cue, subj, lo, hi)
                if c.i > cue.i:
                    end = hi
                    # "X admitted that A, but said B": stop before the cue's own later coordinated verbs
                    later = [x for x in cue.children if x.dep_ in ("conj", "parataxis") and x.i > c_e - 1]
                    if later:
                        end = min(end, min(x.left_edge.i for x in later))
                        while end > c_s and (doc[end - 1].is_punct or doc[end - 1].dep_ == "cc"):
                            end -= 1
                    return max(c_s, clause_hi), max(end, max(c_s, clause_hi) + 1)
                return lo, max(min(c_e, clause_lo), lo + 1)
            if cue.dep_ in ("parataxis", "advcl", "conj") and lo <= cue.head.i < hi and cue.i > cue.head.i:
                s, _ = _subtree_range(cue.head, lo, hi)
                cs = min(cue.left_edge.i, subj.left_edge.i if subj is not None else cue.i)
                if cs > s:
                    return s, cs
        # side split around the cue clause
        c_lo, c_hi = self._cue_clause(cue, subj, lo, hi)
        before = c_lo - lo
        after = hi - c_hi
        tail = doc[c_hi:hi]
        tail_alpha = sum(1 for t in tail if t.is_alpha)
        if tail_alpha <= 3 and before > 0:
            return lo, c_lo
        if after > 0:
            # "X said: ...", "X said that ...", "X said on Monday that ..."
            k = c_hi
            for t in doc[c_hi:hi]:
                if t.lower_ in ("that", "что", "що", ":", "чтобы", "щоб"):
                    k = t.i + 1
                    break
            if k - c_hi > 6:
                k = c_hi
            if self.has_dep and not any(doc[x].head.i == cue.i or doc[x].i == cue.i for x in range(c_hi, hi)):
                pass
            # the object of the cue ("share footage of ...")
            if self.has_dep:
                for c in cue.children:
                    if c.dep_ in ("obj", "dobj") and c.i >= c_hi:
                        return _subtree_range(c, lo, hi)
            return k, hi
        if before > 0:
            return lo, c_lo
        return None

    def _written_span(self, s: int, e: int) -> tuple[int, int]:
        """Characters of a claimant phrase as written, with its leading determiner ("the ministry")."""
        if s > 0 and self.doc[s - 1].lower_ in ("the", "a", "an"):
            s -= 1
        return _tok_range_chars(self.doc, s, e)

    def _cue_clause(self, cue: Token, subj: Token | None, lo: int, hi: int) -> tuple[int, int]:
        """Token range of the cue, its subject phrase and adverbs right around them."""
        doc = self.doc
        c_lo = cue.i
        c_hi = cue.i + 1
        if subj is not None:
            s_lo, s_hi = self._np_range(subj, lo, hi, stop=cue.i)
            if subj.i < cue.i:
                s_lo = min(s_lo, subj.i)
                c_lo = min(c_lo, s_lo)
            else:
                c_hi = max(c_hi, s_hi)
        while (
            c_lo - 1 >= lo
            and doc[c_lo - 1].is_alpha
            and self.has_pos
            and doc[c_lo - 1].pos_ in ("ADV", "AUX", "PART")
        ):
            c_lo -= 1
        while (
            c_hi < hi
            and doc[c_hi].is_alpha
            and self.has_pos
            and doc[c_hi].pos_ in ("ADV", "PART")
            and doc[c_hi].lower_ not in self.lex.negations
        ):
            c_hi += 1
        return c_lo, c_hi

    def _cue_claim(
        self, cue: Token, lo: int, hi: int, index: int, *, avoid: tuple[int, int] | None = None
    ) -> tuple[Claim, tuple[int, int], tuple[int, int] | None] | None:
        """A claim for a reporting verb, or None. ``avoid``: an "according to" phrase of the sentence; a verb
        whose content would contain it is inside that attribution ("X denied it, according to Y")."""
        lemma, flags = self._cue_info(cue)
        subj = self._subject(cue, lo, hi)
        if subj is None and "impersonal" not in flags:
            return None
        if subj is not None and subj.i > cue.i and self.lang == "en" and subj.lower_ in ("it", "there"):
            return None
        rng = self._content_range(cue, subj, lo, hi)
        if rng is None:
            return None
        c_lo, c_hi = rng
        if c_hi - c_lo < 2:
            return None
        if avoid is not None and c_lo <= avoid[0] < c_hi:
            return None
        if subj is not None and c_lo <= subj.i < c_hi:
            return None
        start, end = _strip_span(self.text, *_tok_range_chars(self.doc, c_lo, c_hi), self.lang)
        if end - start < 3:
            return None
        claimant: Mention | None = None
        claimant_rng: tuple[int, int] | None = None
        if subj is not None:
            claimant, claimant_rng = self._claimant_from(subj, lo, hi, index, stop=cue.i)
        attribution = "direct_quote" if _inside(self.quotes, start, end) > 0.8 else "indirect"
        claim = self._build(
            index,
            lo,
            hi,
            start,
            end,
            attribution,
            lemma,
            cue.text,
            claimant,
            "anonymous" if claimant is None else None,
            flags,
            (c_lo, c_hi),
            cue_span=(cue.idx, cue.idx + len(cue.text)),
            claimant_span=self._written_span(*claimant_rng) if claimant_rng else None,
        )
        self._remember_claimant(claimant, index, cue.idx)
        return claim, (c_lo, c_hi), claimant_rng

    # --- according to ---------------------------------------------------------------------------------------

    def _according_to(self, lo: int, hi: int) -> tuple[int, int, int, str] | None:
        """(phrase start, claimant-phrase end, phrase end, phrase) of an 'according to' phrase."""
        doc = self.doc
        words = [t.text for t in doc[lo:hi]]
        lemmas: list[str | None] = [t.lemma_ or None for t in doc[lo:hi]]
        # "как сообщил X, …", "як повідомляє X, …": any reporting verb after как/як; the cue is its lemma
        for k in range(lo, hi - 2):
            if doc[k].lower_ in ("как", "як") and (k == lo or doc[k - 1].text in (",", "—", "–")):
                m = self.lex.cues.match_at([doc[k + 1].text], [doc[k + 1].lemma_ or None], 0)
                if m is not None:
                    j = k + 2
                    while j < hi and not (
                        doc[j].is_punct and doc[j].text not in ("-", "«", "»", '"', "“", "”")
                    ):
                        j += 1
                    if j > k + 2:
                        return k, j, k + 2, str(m[1][0])
        for s, e, phrase in self.lex.according_to.find_all(words, lemmas):
            a, b = lo + s, lo + e
            if _inside(self.quotes, doc[a].idx, doc[a].idx + 1) > 0:
                continue
            if phrase in ("citing", "cited by") and a > lo and doc[a - 1].text != ",":
                continue
            j = b
            while j < hi and not (
                doc[j].is_punct and doc[j].text not in ("'", "’", "-", "«", "»", '"', "“", "”")
            ):
                j += 1
            if j == b:
                continue
            return a, j, b, str(phrase)
        return None

    def _according_claim(self, acc: tuple[int, int, int, str], lo: int, hi: int, index: int) -> Claim | None:
        a, j, b, phrase = acc
        doc = self.doc
        b = self._skip_adverbials(b, j)
        # claimant: the head of the noun phrase after the phrase
        head = _span_root(doc, b, j) if self.has_dep else None
        if head is None or not head.is_alpha:
            head = self._head_guess(b, j)
            if head is None:
                return None
        claimant, claimant_rng = self._claimant_from(head, b, j, index, np_range=(b, j))
        # content: the other side of the sentence
        left = (lo, a)
        right = (j, hi)
        left_len = sum(1 for t in doc[left[0] : left[1]] if t.is_alpha)
        right_len = sum(1 for t in doc[right[0] : right[1]] if t.is_alpha)
        c_lo, c_hi = left if left_len >= right_len else right
        if c_hi <= c_lo:
            return None
        start, end = _strip_span(self.text, *_tok_range_chars(doc, c_lo, c_hi), self.lang)
        if end - start < 3:
            return None
        cue_text = doc[a:b].text
        lemma = {"en": "according to"}.get(self.lang, phrase)
        if self.lang == "en" and phrase != "according to":
            lemma = phrase
        claim = self._build(
            index,
            lo,
            hi,
            start,
            end,
            "according_to",
            lemma,
            cue_text,
            claimant,
            None,
            frozenset(),
            (c_lo, c_hi),
            cue_span=_tok_range_chars(doc, a, b),
            claimant_span=self._written_span(*claimant_rng) if claimant_rng[1] > claimant_rng[0] else None,
        )
        self._remember_claimant(claimant, index, doc[a].idx)
        return claim

    # --- claimants ------------------------------------------------------------------------------------------

    def _np_range(self, head: Token, lo: int, hi: int, stop: int | None = None) -> tuple[int, int]:
        doc = self.doc
        if head.i in self._np_hint:
            s, e = self._np_hint[head.i]
            while s < e and (doc[s].lower_ in _DETERMINERS or doc[s].is_punct):
                s += 1
            while e > s and doc[e - 1].is_punct:
                e -= 1
            return s, e
        if stop is not None:
            if head.i < stop:
                hi = min(hi, stop)
            else:
                lo = max(lo, stop + 1)
        if self.has_dep:
            s, e = _subtree_range(head, lo, hi)
        else:
            s, e = head.i, head.i + 1
            while (
                s - 1 >= lo
                and doc[s - 1].is_alpha
                and (doc[s - 1].text[:1].isupper() or doc[s - 1].lower_ in _DETERMINERS)
            ):
                s -= 1
        # cut appositions, relative clauses and parentheses after the head
        for k in range(head.i + 1, e):
            if doc[k].text in (",", "(", "—", "–", ";", ":") or doc[k].lower_ in (
                "who",
                "which",
                "that",
                "который",
                "которая",
                "которые",
                "який",
                "яка",
                "які",
            ):
                e = k
                break
        for k in range(head.i - 1, s - 1, -1):
            if doc[k].text in (",", "(", "—", "–", ";", ":"):
                s = k + 1
                break
        while s < e and (doc[s].lower_ in _DETERMINERS or doc[s].is_punct):
            s += 1
        while e > s and doc[e - 1].is_punct:
            e -= 1
        return s, e

    def _claimant_from(
        self,
        head: Token,
        lo: int,
        hi: int,
        index: int,
        np_range: tuple[int, int] | None = None,
        stop: int | None = None,
    ) -> tuple[Mention | None, tuple[int, int]]:
        doc = self.doc
        s, e = np_range if np_range is not None else self._np_range(head, lo, hi, stop=stop)
        if np_range is not None:
            while s < e and (doc[s].lower_ in _DETERMINERS or doc[s].is_punct):
                s += 1
            while e > s and doc[e - 1].is_punct:
                e -= 1
        if e <= s:
            return None, (s, e)
        words = [t.lower_ for t in doc[s:e]]
        # pronouns
        if e - s == 1 and words[0] in self.lex.pronouns:
            want = self.lex.pronouns[words[0]]
            return self._resolve(want, index, doc[s].idx), (s, e)
        # definite back-references: "the source", "the ministry", "этот источник", "відомство"
        ref = self._back_reference(s, e)
        if ref is not None:
            resolved = self._resolve(ref, index, doc[s].idx)
            if resolved is not None:
                return resolved, (s, e)
        # "a source in the ministry", "sources close to the Kremlin": anonymous, whatever they are close to
        if self._noun_type(head) == "anonymous":
            text = doc[s:e].text
            return Mention(text, None, "anonymous", self._np_side(s, e), "NP", index, doc[s].idx), (s, e)
        # a named entity inside the phrase
        ent = self._np_entity(head, s, e)
        if ent is not None:
            alias = self._alias(ent.text) or self._alias_suffix(ent.text)
            typ: str | None = (
                self._alias_claimant_type(alias)
                or self._noun_type(head)
                or (
                    "person"
                    if ent.label_ == "PER"
                    else "government"
                    if ent.label_ == "LOC"
                    else "organisation"
                )
            )
            side = self._alias_side(alias) or self._np_side(s, e)
            label = ent.label_ if ent.label_ in ("PER", "ORG") else "ORG"
            return Mention(
                ent.text, alias.canonical if alias else None, typ, side, label, index, ent.start_char
            ), (s, e)
        text = doc[s:e].text
        alias = self._alias(text) or self._alias_suffix(text)
        typ = self._alias_claimant_type(alias) or self._noun_type(head) or self._np_noun_type(s, e)
        side = self._alias_side(alias) or self._np_side(s, e)
        label = "PER" if typ == "person" else "NP"
        return Mention(text, alias.canonical if alias else None, typ, side, label, index, doc[s].idx), (s, e)

    def _np_entity(self, head: Token, s: int, e: int) -> Span | None:
        ents = [ent for ent in self._ents_within(s, e) if ent.label_ in ("PER", "ORG", "LOC")]
        if not ents:
            return None
        for ent in ents:
            if ent.start <= head.i < ent.end:
                return ent
        # "US Secretary of State Antony Blinken": a title noun as head, the name inside the phrase
        if head.lower_ in _TITLE_NOUNS or (
            head.i < ents[-1].start
            and all(
                t.lower_ in _TITLE_NOUNS or t.text[:1].isupper() or t.lower_ in ("of", "the", "-")
                for t in self.doc[s : ents[-1].start]
            )
        ):
            pers = [x for x in ents if x.label_ == "PER"]
            return pers[-1] if pers else ents[-1]
        if e - s <= 3 and ents[-1].end == e and ents[-1].label_ != "LOC":
            return ents[-1]
        return None

    def _back_reference(self, s: int, e: int) -> str | None:
        doc = self.doc
        toks = list(doc[s:e])
        if not toks or len(toks) > 3:
            return None
        if any(t.ent_type_ for t in toks):
            return None
        head = toks[-1] if self.lang == "en" else toks[0] if len(toks) == 1 else toks[-1]
        ref = self.lex.back_refs.lookup_word(head.text, head.lemma_ or None)
        if ref is None:
            return None
        prev = doc[s - 1].lower_ if s > 0 else ""
        demonstrative = prev in _DEMONSTRATIVES or any(t.lower_ in _DEMONSTRATIVES for t in toks[:-1])
        if self.lang == "en":
            if prev in ("a", "an") or not demonstrative:
                return None
        elif head.lower_.startswith(("источник", "джерел")) and not demonstrative:
            return None
        return str(ref)

    def _resolve(self, want: str, index: int, before_char: int) -> Mention | None:
        best: Mention | None = None
        # the history is in sentence order: read it back to three sentences before this one; among equal
        # (sentence, char) keys the latest entry wins
        for m in reversed(self.history):
            if m.sent_index < index - 3:
                break
            if m.char >= before_char and m.sent_index == index:
                continue
            if m.sent_index > index:
                continue
            if want == "PER" and not (m.label == "PER" or m.type == "person"):
                continue
            if want == "ORG" and (m.label == "PER" or m.type == "person"):
                continue
            if best is None or (m.sent_index, m.char) > (best.sent_index, best.char):
                best = m
        return best

    def _latest_claimant(self, index: int, within: int) -> Mention | None:
        for m in reversed(self.history):
            if m.sent_index < index - within:
                break
            if m.sent_index < index and m.label in ("PER", "ORG", "NP") and m.type:
                return m
        return None

    def _alias(self, text: str) -> Alias | None:
        return self.aliases.lookup(text, self.lang)

    def _alias_suffix(self, text: str) -> Alias | None:
        return self.aliases.lookup_suffix(text, self.lang)

    @staticmethod
    def _alias_claimant_type(alias: Alias | None) -> str | None:
        if alias is None:
            return None
        if alias.type in CLAIMANT_TYPES:
            return alias.type
        if alias.kind == "LOC" and alias.type == "country":
            return "government"
        return None

    @staticmethod
    def _alias_side(alias: Alias | None) -> str | None:
        if alias is None:
            return None
        if alias.side:
            return alias.side
        return _COUNTRY_SIDE.get(alias.canonical)

    def _noun_type(self, tok: Token) -> str | None:
        v = self.lex.claimant_nouns.lookup_word(tok.text, tok.lemma_ or None)
        return str(v) if v is not None else None

    def _np_noun_type(self, s: int, e: int) -> str | None:
        found: str | None = None
        for t in self.doc[s:e]:
            v = self._noun_type(t)
            if v is not None:
                found = v
        return found

    def _np_side(self, s: int, e: int) -> str | None:
        for t in self.doc[s:e]:
            v = self.lex.sides.lookup_word(t.text, t.lemma_ or None)
            if v is not None:
                return str(v)
            alias = self._alias(t.text) if t.text[:1].isupper() else None
            side = self._alias_side(alias)
            if side:
                return side
        return None

    # --- content analysis -----------------------------------------------------------------------------------

    def _content_tokens(self, start: int, end: int) -> tuple[int, int]:
        doc = self.doc
        span = doc.char_span(start, end, alignment_mode="expand")
        if span is None:
            return 0, 0
        return span.start, span.end

    def _event_type(self, c_lo: int, c_hi: int) -> str:
        doc = self.doc
        words = [t.text for t in doc[c_lo:c_hi]]
        lemmas: list[str | None] = [t.lemma_ or None for t in doc[c_lo:c_hi]]
        best: tuple[int, int, int] | None = None
        best_type = "other"
        prio = self.lex.event_priority
        found = self.lex.events.find_all(words, lemmas)
        if any(etype != "statement" for _, _, etype in found):
            # a statement about an event is a claim of that event: "a statement on the full capture of X"
            found = [f for f in found if f[2] != "statement"]
        for s, e, etype in found:
            toks = list(doc[c_lo + s : c_lo + e])
            if self.lang == "en" and self.has_pos and all(t.pos_ in ("PROPN",) for t in toks):
                continue
            depth = min(_depth(t, c_lo, c_hi) for t in toks) if self.has_dep else 0
            if self._attempted(toks[0], c_lo, c_hi):
                depth += 2  # "attempted to break through": the attempt is not the reported event
            key = (depth, prio.index(etype) if etype in prio else len(prio), s)
            if best is None or key < best:
                best, best_type = key, str(etype)
        return best_type

    def _attempted(self, tok: Token, lo: int, hi: int) -> bool:
        doc = self.doc
        if self.has_dep:
            head = tok.head
            return (
                tok.dep_ == "xcomp"
                and lo <= head.i < hi
                and (head.lower_ in _ATTEMPT or (head.lemma_ or "").lower() in _ATTEMPT)
            )
        window = doc[max(lo, tok.i - 3) : tok.i]
        return any(w.lower_ in _ATTEMPT or (w.lemma_ or "").lower() in _ATTEMPT for w in window)

    def _hedges(self, lo: int, hi: int, skip: tuple[int, int] | None) -> list[str]:
        doc = self.doc
        words = [t.text for t in doc[lo:hi]]
        lemmas: list[str | None] = [t.lower_ for t in doc[lo:hi]]
        cues: list[str] = []
        for s, e, phrase in self.lex.hedges.find_all(words, lemmas):
            if skip is not None and skip[0] <= lo + s < skip[1]:
                continue
            toks = doc[lo + s : lo + e]
            if self.lang == "en" and toks[0].text == "May":
                continue
            if (
                self.lang == "en"
                and phrase in ("may", "might", "could")
                and self.has_pos
                and toks[0].pos_ not in ("AUX", "VERB")
            ):
                continue
            if self.lang != "en" and phrase in (
                "может",
                "могут",
                "мог",
                "могла",
                "могло",
                "могли",
                "може",
                "можуть",
                "міг",
                "могла",
                "могло",
                "могли",
            ):
                pass
            text = toks.text.lower()
            if text not in cues:
                cues.append(text)
        return cues

    def _negated(self, c_lo: int, c_hi: int) -> bool:
        doc = self.doc
        root = _span_root(doc, c_lo, c_hi) if self.has_dep else None
        for t in doc[c_lo:c_hi]:
            if t.lower_ not in self.lex.negations:
                continue
            if (
                t.lower_ == "no"
                and self.lang == "en"
                and t.i + 1 < len(doc)
                and doc[t.i + 1].lower_ in ("longer", "doubt")
            ):
                continue
            if root is None:
                return True
            h = t.head
            if h.i == root.i or (h.dep_ in ("aux", "cop", "conj", "xcomp") and h.head.i == root.i):
                return True
            if h.head.i == root.i and t.dep_ == "det":
                return True
            if root.dep_ == "conj":
                continue
        return False

    def _locations(self, c_lo: int, c_hi: int) -> list[str]:
        found: list[tuple[int, str, str | None]] = []
        ents = [e for e in self._ents_within(c_lo, c_hi) if e.label_ == "LOC"]
        for ent in ents:
            if self._excluded_location(ent, ents):
                continue
            canonical, ptype = self._place(ent)
            found.append((ent.start, canonical, ptype))
        out: list[str] = []
        for _, name, _ in found:
            if name not in out:
                out.append(name)
        return out

    def _place(self, ent: Span) -> tuple[str, str | None]:
        doc = self.doc
        nxt = doc[ent.end] if ent.end < len(doc) else None
        alias: Alias | None = None
        if nxt is not None and nxt.lower_ in _REGION_WORDS:
            alias = self._alias(f"{ent.text} {nxt.text}")
            if alias is None and self.lang == "en":
                alias = self._alias(f"{ent.text} region")
        if alias is None:
            alias = self._alias(ent.text)
        if alias is not None:
            return alias.canonical, alias.type
        if self.lang != "en" and all(t.lemma_ for t in ent):
            return " ".join(t.lemma_[:1].upper() + t.lemma_[1:] for t in ent), None
        return ent.text, None

    def _excluded_location(self, ent: Span, ents: Sequence[Span]) -> bool:
        doc = self.doc
        # walk left over "the village of" and the like
        k = ent.start - 1
        while k >= 0 and doc[k].lower_ in _PLACE_SKIP:
            k -= 1
        if k >= 0:
            prev = doc[k]
            # direction: "towards X", "в сторону X", "у напрямку X"
            for back in (0, 1, 2):
                a = k - back
                if a < 0:
                    break
                m = self.lex.direction_preps.match_at(
                    [t.text for t in doc[a : k + 1]], [t.lower_ for t in doc[a : k + 1]], 0
                )
                if m is not None and m[0] == back + 1:
                    return True
            # distance reference: "15 kilometres from X", "в 15 км от X"
            if prev.lower_ in self.lex.distance_preps:
                window = doc[max(0, k - 3) : k]
                if any(t.lower_.startswith(_DISTANCE_UNITS) for t in window):
                    return True
            # a place describing a person: "officer in Ukraine", "посол в Украине"
            is_prep = prev.pos_ == "ADP" or prev.lower_ in (
                "in",
                "for",
                "to",
                "of",
                "в",
                "на",
                "у",
                "по",
                "при",
            )
            if is_prep and k - 1 >= 0:
                noun = doc[k - 1]
                if self.lex.person_nouns.lookup_word(noun.text, noun.lemma_ or None) is not None:
                    return True
        # a place used as a title modifier: "US President-elect", "Kyiv officials"
        if ent.end < len(doc):
            nxt = doc[ent.end]
            first = nxt.lower_.split("-")[0]
            if self.lex.person_nouns.lookup_word(first, None) is not None or first in _TITLE_NOUNS:
                return True
            # a country owning a more specific place: "Russia's Kursk region", "Курской области России"
            if nxt.lower_ in ("'s", "’s", "'", "’") and any(
                o.start in (ent.end + 1, ent.end + 2, ent.end + 3) for o in ents if o is not ent
            ):
                return True
        alias = self._alias(ent.text)
        if alias is not None and alias.type == "country":
            for o in ents:
                if o is not ent and 0 <= ent.start - o.end <= 2:
                    return True
        return False

    def _np_canonical(self, s: int, e: int) -> str | None:
        doc = self.doc
        if e <= s:
            return None
        text = doc[s:e].text
        alias = self._alias(text) or self._alias_suffix(text)
        if alias is not None and alias.kind in ("ORG", "PER"):
            return alias.canonical
        for ent in self._ents_within(s, e):
            if ent.label_ in ("PER", "ORG"):
                a = self._alias(ent.text)
                return a.canonical if a else ent.text
        side = self._np_side(s, e)
        if side in _SIDE_FORCES and self._np_noun_type(s, e) == "military":
            return _SIDE_FORCES[side]
        return None

    def _actors_targets(self, c_lo: int, c_hi: int) -> tuple[list[str], list[str]]:
        doc = self.doc
        actors: list[str] = []
        targets: list[str] = []
        if self.has_dep:
            root = _span_root(doc, c_lo, c_hi)
            preds = [root] if root is not None else []
            if root is not None:
                preds += [
                    c for c in root.children if c.dep_ in ("xcomp", "conj", "advcl") and c_lo <= c.i < c_hi
                ]
            for p in preds:
                for c in p.children:
                    if not c_lo <= c.i < c_hi:
                        continue
                    if c.dep_ in ("nsubj", "obl:agent", "agent"):
                        name = self._np_canonical(*self._np_range(c, c_lo, c_hi))
                        if name and name not in actors:
                            actors.append(name)
                    elif c.dep_ in ("obj", "dobj", "nsubj:pass"):
                        name = self._np_canonical(*self._np_range(c, c_lo, c_hi))
                        if name and name not in targets:
                            targets.append(name)
        else:
            words = [t.text for t in doc[c_lo:c_hi]]
            lemmas: list[str | None] = [t.lemma_ or None for t in doc[c_lo:c_hi]]
            triggers = self.lex.events.find_all(words, lemmas)
            if triggers and triggers[0][0] > 0:
                name = self._np_canonical(c_lo, c_lo + triggers[0][0])
                if name:
                    actors.append(name)
            for ent in self._ents_within(c_lo, c_hi):
                if ent.label_ in ("PER", "ORG"):
                    a = self._alias(ent.text)
                    name = a.canonical if a else ent.text
                    if name not in actors:
                        actors.append(name)
        return actors, targets

    # --- assembling -----------------------------------------------------------------------------------------

    def _build(
        self,
        index: int,
        lo: int,
        hi: int,
        start: int,
        end: int,
        attribution: str,
        cue: str | None,
        cue_text: str | None,
        claimant: Mention | None,
        fallback_type: str | None,
        flags: Iterable[str],
        content_rng: tuple[int, int] | None,
        *,
        cue_span: tuple[int, int] | None = None,
        claimant_span: tuple[int, int] | None = None,
    ) -> Claim:
        doc = self.doc
        sent_start, sent_end = _tok_range_chars(doc, lo, hi)
        c_lo, c_hi = self._content_tokens(start, end)
        if c_hi <= c_lo:
            c_lo, c_hi = content_rng if content_rng else (lo, hi)
        sentence = self.text[sent_start:sent_end]
        content = self.text[start:end]
        times = extract_times(sentence, self.lang, self.published_at)
        time_spans = [(t.start + sent_start, t.end + sent_start) for t in times]
        quantities = extract_quantities(
            content, self.lang, exclude=[(s - start, e - start) for s, e in time_spans]
        )
        flags = set(flags)
        claimant_skip = None
        hedge_cues = self._hedges(lo, hi, claimant_skip)
        if "hedge" in flags and cue and cue not in hedge_cues:
            hedge_cues.append(cue)
        negated = self._negated(c_lo, c_hi) or "negate" in flags
        event_type = self._event_type(c_lo, c_hi)
        locations = self._locations(c_lo, c_hi)
        actors, targets = self._actors_targets(c_lo, c_hi)
        return Claim(
            sentence_index=index,
            char_start=sent_start,
            char_end=sent_end,
            sentence=sentence,
            content=content,
            content_start=start,
            content_end=end,
            attribution=attribution,
            cue=cue,
            cue_text=cue_text,
            claimant=claimant.text if claimant else None,
            claimant_canonical=claimant.canonical if claimant else None,
            claimant_type=claimant.type if claimant and claimant.type else fallback_type,
            claimant_side=claimant.side if claimant else None,
            event_type=event_type,
            actors=tuple(actors),
            targets=tuple(targets),
            locations=tuple(locations),
            quantities=tuple(quantities),
            times=tuple(times),
            hedged=bool(hedge_cues),
            hedge_cues=tuple(hedge_cues),
            negated=negated,
            fingerprint=fingerprint(
                event_type, actors, self._main_location(locations), times, self.published_at
            ),
            cue_span=cue_span,
            claimant_span=claimant_span,
        )

    def _main_location(self, locations: Sequence[str]) -> str | None:
        best: tuple[int, str] | None = None
        for name in locations:
            alias = self.aliases.lookup(name)
            rank = _PLACE_RANK.get(alias.type, 1) if alias is not None else 1
            key = (rank, name)
            if best is None or key < best:
                best = key
        return best[1] if best else None


def date_bucket(times: Sequence[Any], published_at: datetime | date | None) -> str:
    """ISO week ("2025-W02") of the claim's first resolved time expression, else of the publication date."""
    day: date | None = None
    for t in times:
        start = t.resolved_start if hasattr(t, "resolved_start") else t.get("resolved_start")
        if start:
            day = date.fromisoformat(start)
            break
    if day is None and published_at is not None:
        day = published_at.date() if isinstance(published_at, datetime) else published_at
    if day is None:
        return "undated"
    iso = day.isocalendar()
    return f"{iso[0]}-W{iso[1]:02d}"


def fingerprint(
    event_type: str,
    actors: Sequence[str],
    location: str | None,
    times: Sequence[Any],
    published_at: datetime | date | None,
) -> str:
    """A stable signature of (event type, canonical actors, canonical location, date bucket): 16 hex chars of
    SHA-1 over a canonical JSON encoding. Claimants are deliberately not part of it, so that opposing sides
    reporting the same event share a fingerprint."""
    payload = json.dumps(
        [
            event_type,
            sorted({a.casefold() for a in actors}),
            location.casefold() if location else None,
            date_bucket(times, published_at),
        ],
        ensure_ascii=False,
        separators=(",", ":"),
    )
    return hashlib.sha1(payload.encode("utf-8")).hexdigest()[:16]
