"""The per-document context of the claim rules: what one ``Doc`` needs while its claims are found.

A :class:`DocContext` is made for each document by :class:`~pipelines.nlp.claims.extract.ClaimExtractor` and
passed to every rule; nothing outlives the document. It holds the doc and what is read from it once (its text,
its entities sorted by start, the quotation regions), the language's lexicon and the alias table, and the state
the rules build up sentence by sentence (the mention history for back-references, noun-phrase hints of the
token fallbacks, the lemma and flags of each cue).
"""

from __future__ import annotations

import bisect
from dataclasses import dataclass, field
from datetime import date, datetime

from spacy.tokens import Doc, Span

from pipelines.nlp.aliases import AliasTable
from pipelines.nlp.claims.datelines import dateline_spans
from pipelines.nlp.claims.learned import CombinePolicy, LearnedAttribution
from pipelines.nlp.claims.lexicon import LangLexicon
from pipelines.nlp.claims.spans import quote_regions
from pipelines.nlp.langpacks import LanguagePack

#: a furniture line longer than this is taken for text (a paragraph that mentions "subscription" is no banner)
MAX_FURNITURE_LINE = 400


def furniture_lines(text: str, pack: LanguagePack) -> list[tuple[int, int]]:
    """Character ranges of the lines of ``text`` that the pack's furniture patterns match (site furniture:
    cookie banners, subscription prompts, breadcrumbs …). Marked, never cut: offsets stay those of ``text``."""
    out: list[tuple[int, int]] = []
    pos = 0
    for line in text.split("\n"):
        end = pos + len(line)
        body = line.strip()
        if body and len(body) <= MAX_FURNITURE_LINE and any(p.search(body) for p in pack.gate.furniture):
            lead = len(line) - len(line.lstrip())
            out.append((pos + lead, pos + lead + len(body)))
        pos = end + 1
    return out


def furniture_sentences(
    text: str, sentences: list[tuple[int, int]], lines: list[tuple[int, int]], pack: LanguagePack
) -> list[tuple[int, int]]:
    """Character ranges of the sentences (``sentences``: start, end) that open inside a line, not at its start,
    and that a furniture pattern anchored at a line's start matches: a "Читайте также: …" or "Read more: …"
    run into a paragraph whose line breaks a scrape lost. Only the anchored patterns ("^…"), so a sentence that
    mentions cookies stays the article's; sentences on a furniture line (``lines``) are marked already."""
    anchored = [p for p in pack.gate.furniture if p.pattern.startswith("^")]
    out: list[tuple[int, int]] = []
    for start, end in sentences:
        line_start = text.rfind("\n", 0, start) + 1
        if not text[line_start:start].strip() or any(s <= start < e for s, e in lines):
            continue
        body = text[start:end].strip()
        if body and len(body) <= MAX_FURNITURE_LINE and any(p.search(body) for p in anchored):
            out.append((start, start + len(text[start:end].rstrip())))
    return out


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
    speaker: bool = False  # remembered as a claim's claimant (at its cue), not only as a name in the text
    addressee: bool = (
        False  # a name in the dative ("журналісту Дмитру Гнапу"): never what a pronoun stands for
    )
    written_at: int | None = None  # where its words are, when ``char`` is its cue's (a remembered claimant)

    @property
    def person(self) -> bool:
        """A person's name, or a noun phrase of type ``person``."""
        return self.label == "PER" or self.type == "person"


@dataclass
class DocContext:
    """One document's claim-extraction state (see the module docstring)."""

    doc: Doc
    lang: str
    lex: LangLexicon
    pack: LanguagePack
    aliases: AliasTable
    published_at: datetime | date | None
    include_unattributed: bool
    text: str = ""
    has_dep: bool = False
    has_pos: bool = False
    ents: list[Span] = field(default_factory=list)
    # every token's text, lemma (None for none) and lower-case form, read once: the rules slice these lists
    # instead of making a Token per word of every sentence for every rule
    words: list[str] = field(default_factory=list)
    lemmas: list[str | None] = field(default_factory=list)
    lowers: list[str] = field(default_factory=list)
    ent_starts: list[int] = field(default_factory=list)
    quotes: list[tuple[int, int]] = field(default_factory=list)
    history: list[Mention] = field(default_factory=list)
    np_hint: dict[int, tuple[int, int]] = field(default_factory=dict)
    cue_meta: dict[int, tuple[str, frozenset[str]]] = field(default_factory=dict)
    furniture: list[tuple[int, int]] = field(default_factory=list)
    datelines: list[tuple[int, int]] = field(
        default_factory=list
    )  # "KYIV, Dec 1 (Reuters) - " (:mod:`.datelines`)
    covered: list[tuple[int, int]] = field(default_factory=list)  # quotations already given to a claim
    # the author's words inside a quotation («…, – каже X. – …»): (words start, words end, quotation start, end)
    insertions: list[tuple[int, int, int, int]] = field(default_factory=list)
    # the author's words right after a quotation (the pack's ``gate.quote_tail``: «…», — усміхається X.), the
    # same four offsets
    quote_tails: list[tuple[int, int, int, int]] = field(default_factory=list)
    sentence_starts: list[int] = field(default_factory=list)  # first character of each sentence, in order
    # interview answers: (line start, line end, end of the answer marker "A:" / "—"), and the interviewee
    answers: list[tuple[int, int, int]] | None = None
    interviewee: Span | None = None
    # the learned attribution tagger's attributions (English, when it ran) and how they join the rules'
    learned: list[LearnedAttribution] | None = None
    learned_policy: CombinePolicy | None = None
    # which unattributed claims must be claim-worthy (claimflow_claim_worthiness_v1's scores, when it ran):
    # gate.WORTHINESS_MODES
    worthiness: str = "off"
    # own-voice sentences the gate found no assertion (:func:`gate.unworthy`, :func:`gate.not_asserted`)
    unasserted: int = 0

    def __post_init__(self) -> None:
        self.text = self.doc.text  # Doc.text joins every token: read it once
        self.has_dep = self.doc.has_annotation("DEP")
        self.has_pos = self.doc.has_annotation("POS")
        self.ents = list(self.doc.ents)
        for t in self.doc:
            self.words.append(t.text)
            self.lemmas.append(t.lemma_ or None)
            self.lowers.append(t.lower_)
        self.ent_starts = [ent.start for ent in self.ents]
        self.quotes = quote_regions(self.text, 0, self.pack.open_quotes)
        pattern = self.pack.gate.quote_insertion
        if pattern is not None:
            for q_start, q_end in self.quotes:
                for m in pattern.finditer(self.text, q_start + 1, q_end - 1):
                    self.insertions.append((m.start("words"), m.end("words"), q_start, q_end))
        tail = self.pack.gate.quote_tail
        if tail is not None:
            for q_start, q_end in self.quotes:
                t = tail.match(self.text, q_end)
                if t is not None:
                    self.quote_tails.append((t.start("words"), t.end("words"), q_start, q_end))
        self.furniture = furniture_lines(self.text, self.pack)
        self.datelines = dateline_spans(self.text)

    def cover_quotation(self, start: int, end: int) -> None:
        """Mark the quotation [start, end) as given whole to a claim, with the punctuation right after its closing
        mark: the sentences inside it give no further claim."""
        while end < len(self.text) and self.text[end] in ".,!?…":
            end += 1
        self.covered.append((start, end))

    def sentence_of(self, char: int) -> int:
        """Index of the sentence that holds character ``char``."""
        return max(0, bisect.bisect_right(self.sentence_starts, char) - 1)

    def sentence_at(self, char: int) -> str:
        """The text of the sentence that holds character ``char``."""
        starts = self.sentence_starts
        if not starts:
            return self.text
        i = self.sentence_of(char)
        return self.text[starts[i] : starts[i + 1] if i + 1 < len(starts) else len(self.text)]

    def in_furniture(self, start: int, end: int) -> bool:
        """Whether characters [start, end) overlap a furniture line."""
        return any(s < end and start < e for s, e in self.furniture)

    def ents_starting(self, lo: int, hi: int) -> list[Span]:
        """Entities starting in tokens [lo, hi), in document order."""
        return self.ents[bisect.bisect_left(self.ent_starts, lo) : bisect.bisect_left(self.ent_starts, hi)]

    def ents_within(self, lo: int, hi: int) -> list[Span]:
        """Entities inside tokens [lo, hi), in document order."""
        return [ent for ent in self.ents_starting(lo, hi) if ent.end <= hi]

    def cue_flags(self, i: int) -> frozenset[str]:
        """The lexicon's flags of the reporting verb the rules found at token ``i`` (none for any other token)."""
        return self.cue_meta.get(i, ("", frozenset()))[1]

    def written(self, m: Mention) -> Span | None:
        """The tokens mention ``m`` is written in (expanded to whole tokens), or None."""
        at = m.char if m.written_at is None else m.written_at
        return self.doc.char_span(at, at + len(m.text), alignment_mode="expand")
