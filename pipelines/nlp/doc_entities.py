"""One label per name within a document: ``claimflow_doc_entities_v1``.

The NER decides each mention from a few words around it, so within one article it may call "Clinton" a person
once and an organisation the next time, or miss the short form "Clinton" of an earlier "Bill Clinton". A
reporter's article uses one name for one thing, so this component, right after the NER, makes the document
agree with itself (in this order):

0. **Office words.** A name the NER ran together with the office before it loses that office word: "Secretary
   of State Antony Blinken" tagged "State Antony Blinken" (ORG) becomes the person "Antony Blinken". The word
   must follow one of the language pack's ``title_nouns`` and ``of`` (the first of its ``title_joiners``), and
   the rest must be two or more capitalised words. Languages whose pack lists no title nouns skip this step.
1. **Majority label.** Entities with the same text take the label most of them have (a tie changes nothing).
2. **Surnames.** A one-word entity or an untagged capitalised word that is the last word of an *earlier*
   person of two or more words becomes a person ("Bill Clinton … Clinton").
3. **Repeats.** An untagged capitalised word sequence that is exactly the text of an entity elsewhere in the
   document becomes that entity (the longest match first, with the text's majority label).

Only PER/LOC/ORG/MISC entities take part (a Ukrainian NER's JOB or DATE are left alone). It stores nothing. It
helps only where the pipeline gets whole documents, as claimflow's stage does (one article, one ``Doc``); scored
with ``claimflow models evaluate``, which feeds CoNLL-2003 ``-DOCSTART-`` documents whole. Its effect per
language and dev split is in docs/entities.md.

Typical use: ``nlp.add_pipe("claimflow_doc_entities_v1", name="doc_entities", after="ner")``.
"""

from __future__ import annotations

from collections import Counter, defaultdict

from spacy.language import Language
from spacy.tokens import Doc, Span
from spacy.util import filter_spans

from pipelines.nlp.langpacks import LanguagePackError, load_pack
from pipelines.nlp.packaged import PackagedDataComponent
from pipelines.nlp.tokenization import word

DOC_ENTITIES_FACTORY = "claimflow_doc_entities_v1"
#: Its name in the bundled pipelines.
DOC_ENTITIES_NAME = "doc_entities"
#: The labels that take part.
DOC_LABELS = frozenset({"PER", "LOC", "ORG", "MISC"})


def _starts_capitalised(text: str) -> bool:
    return text[:1].isupper()


def majority_labels(doc: Doc) -> dict[str, str]:
    """Entity text → its one most frequent label in ``doc``, for texts with a single most frequent label."""
    counts: defaultdict[str, Counter[str]] = defaultdict(Counter)
    for ent in doc.ents:
        if ent.label_ in DOC_LABELS:
            counts[ent.text][ent.label_] += 1
    out: dict[str, str] = {}
    for text, labels in counts.items():
        ranked = labels.most_common(2)
        if len(ranked) == 1 or ranked[0][1] > ranked[1][1]:
            out[text] = ranked[0][0]
    return out


class DocEntities(PackagedDataComponent):
    """Makes the entities of a document agree with each other (see the module docstring). Stores nothing."""

    def __init__(
        self,
        *,
        majority: bool,
        surnames: bool,
        repeats: bool,
        offices: bool = False,
        title_nouns: frozenset[str] = frozenset(),
    ) -> None:
        self.majority = majority
        self.surnames = surnames
        self.repeats = repeats
        self.offices = offices and bool(title_nouns)
        self.title_nouns = title_nouns

    def __call__(self, doc: Doc) -> Doc:
        if not doc.ents:
            return doc
        if self.offices:
            self._offices(doc)
        if self.majority:
            self._relabel_majority(doc)
        if self.surnames:
            self._surnames(doc)
        if self.repeats:
            self._repeats(doc)
        return doc

    def _offices(self, doc: Doc) -> None:
        ents: list[Span] = []
        changed = False
        for e in doc.ents:
            s = e.start
            if (
                s >= 2
                and len(e) >= 3
                and doc[s - 1].lower_ == "of"
                and doc[s - 2].lower_ in self.title_nouns
                and all(word(t) and t.text[:1].isupper() for t in e[1:])
            ):
                ents.append(Span(doc, s + 1, e.end, label="PER"))
                changed = True
            else:
                ents.append(e)
        if changed:
            doc.ents = ents

    @staticmethod
    def _relabel_majority(doc: Doc) -> None:
        label_of = majority_labels(doc)
        doc.ents = [
            Span(doc, e.start, e.end, label=label_of[e.text])
            if e.label_ in DOC_LABELS and label_of.get(e.text, e.label_) != e.label_
            else e
            for e in doc.ents
        ]

    @staticmethod
    def _surnames(doc: Doc) -> None:
        first_seen: dict[str, int] = {}  # last word of a person of 2+ words → where that person ends
        for ent in doc.ents:
            if ent.label_ == "PER" and len(ent) > 1:
                first_seen.setdefault(ent[-1].text, ent.end)
        if not first_seen:
            return
        ents: list[Span] = []
        for ent in doc.ents:
            after = first_seen.get(ent.text)
            if (
                len(ent) == 1
                and ent.label_ in DOC_LABELS
                and ent.label_ != "PER"
                and after
                and after <= ent.start
            ):
                ents.append(Span(doc, ent.start, ent.end, label="PER"))
            else:
                ents.append(ent)
        taken = {i for e in ents for i in range(e.start, e.end)}
        for token in doc:
            after = first_seen.get(token.text)
            if after and after <= token.i and token.i not in taken and _starts_capitalised(token.text):
                ents.append(Span(doc, token.i, token.i + 1, label="PER"))
        doc.ents = filter_spans(ents)

    @staticmethod
    def _repeats(doc: Doc) -> None:
        label_of = majority_labels(doc)
        by_words: dict[tuple[str, ...], str] = {}
        for ent in doc.ents:
            if ent.label_ in DOC_LABELS and _starts_capitalised(ent.text):
                by_words.setdefault(tuple(t.text for t in ent), label_of.get(ent.text, ent.label_))
        if not by_words:
            return
        taken = [False] * len(doc)
        for ent in doc.ents:
            taken[ent.start : ent.end] = [True] * len(ent)
        longest = max(len(k) for k in by_words)
        words = [t.text for t in doc]
        added: list[Span] = []
        i = 0
        while i < len(doc):
            for n in range(min(longest, len(doc) - i), 0, -1):
                label = by_words.get(tuple(words[i : i + n]))
                if label is not None and not any(taken[i : i + n]):
                    added.append(Span(doc, i, i + n, label=label))
                    i += n
                    break
            else:
                i += 1
        if added:
            doc.ents = filter_spans([*doc.ents, *added])


def make_doc_entities(
    nlp: Language,
    name: str,
    *,
    majority: bool = True,
    surnames: bool = True,
    repeats: bool = True,
    offices: bool = False,
) -> DocEntities:
    """One label per name within a document (see :mod:`pipelines.nlp.doc_entities`); ``offices`` reads the
    title nouns of ``nlp.lang``'s language pack (none without a pack)."""
    try:
        titles = load_pack(nlp.lang).title_nouns if offices else frozenset()
    except LanguagePackError:
        titles = frozenset()
    return DocEntities(
        majority=majority, surnames=surnames, repeats=repeats, offices=offices, title_nouns=titles
    )


Language.factory(
    DOC_ENTITIES_FACTORY,
    default_config={"majority": True, "surnames": True, "repeats": True, "offices": False},
    func=make_doc_entities,
)
