"""The spaCy component ``claimflow_gazetteer_v1``: alias-table entities on top of the statistical NER.

It runs after the NER and every component that corrects its entities (:func:`pipelines.nlp.assemble.add_components`
puts it last), maps foreign NER labels to PER/LOC/ORG/MISC (with :data:`pipelines.nlp.labels.LABEL_MAP`, the one
mapping table) and sets ``Span._.canonical`` on every entity.

Precedence (statistical entities are "NER", alias-table matches "gazetteer"):

1. A gazetteer match that overlaps no NER entity is added with the alias's kind as label.
2. A gazetteer match that covers every NER entity it overlaps (same span or longer: "Armed Forces of Ukraine"
   over NER's "Ukraine") replaces them; on the same span, the alias's label wins (fixes "Kurakhove"/PER).
3. A NER entity that is longer than the gazetteer match, or crosses its boundary, is kept.
4. Gazetteer matches must look like names (by the language pack: every content word capitalised, as in
   English, or the first word, as in Russian/Ukrainian), so descriptive variants such as "Ukrainian military" canonicalise claimants but
   never become entities. Acronym variants only match capitals.
"""

from __future__ import annotations

import bisect
from pathlib import Path
from typing import Any

from spacy.language import Language
from spacy.tokens import Doc, Span, Token
from spacy.util import filter_spans

from pipelines.nlp.aliases import Alias, AliasTable, first_stem_word
from pipelines.nlp.labels import LABEL_MAP
from pipelines.nlp.langpacks import claim_languages, load_pack
from pipelines.nlp.names_only import NAME_LABELS, is_capitalised, is_name
from pipelines.nlp.tokenization import word

GAZETTEER_FACTORY = "claimflow_gazetteer_v1"

if not Span.has_extension("canonical"):
    Span.set_extension("canonical", default=None)


def check_language(nlp: Language, component: str) -> str:
    """The pipeline's language, or a clear error when claimflow has no language data for it."""
    lang = str(nlp.lang)
    if lang not in claim_languages():
        raise ValueError(
            f"{component}: pipeline language {lang!r} is not supported; allowed: {list(claim_languages())}"
        )
    return lang


def load_aliases(path: str | None) -> AliasTable:
    """The alias table at ``path`` (TSV), or the bundled one."""
    return AliasTable.load(Path(path)) if path else AliasTable.load_default()


#: opening quotation marks before a quoted name («фонду «Світло Сходу»»)
_OPENING_QUOTES = frozenset({"«", "„", '"', "“", "'"})
_POSSESSIVES = ("'s", "’s", "'", "’")


class Gazetteer:
    """Alias-table entities on top of the statistical NER; canonical names for every entity."""

    def __init__(self, lang: str, aliases: AliasTable, *, drop_unmapped_labels: bool = True) -> None:
        self.lang = lang
        self.words = load_pack(lang).gazetteer
        self.aliases = aliases
        self.max_words = aliases.max_words()
        self.drop_unmapped = drop_unmapped_labels
        self._first_words = aliases.first_stem_words()
        self._may_start: dict[str, bool] = {}

    def _name_like(self, span: Span) -> bool:
        words = [t for t in span if word(t)]
        if not words:
            return False
        if not (words[0].text[:1].isupper()):
            return False
        if self.words.names_capitalise_every_word:
            return all(t.text[:1].isupper() or t.lower_ in self.words.name_function_words for t in words)
        return True

    def _names_an_axis(self, ent: Span) -> bool:
        """True when a direction noun follows the entity, possibly after more coordinated capitalised names."""
        doc = ent.doc
        for tok in doc[ent.end : min(len(doc), ent.end + 6)]:
            if tok.lower_ in self.words.axis_nouns:
                return True
            if not (tok.lower_ in self.words.coordinators or is_capitalised(tok)):
                return False
        return False

    def _quoted_after_org_noun(self, ent: Span) -> bool:
        """True for a name in quotes right after an organisation noun: «фонду «Світло Сходу»»."""
        doc = ent.doc
        i = ent.start - 1
        if i >= 0 and doc[i].text in _OPENING_QUOTES:
            i -= 1
        elif ent[0].text not in _OPENING_QUOTES:
            return False
        return i >= 0 and bool(doc[i].lower_.startswith(self.words.organisation_noun_prefixes))

    def _joins_names(self, ent: Span, matches: list[tuple[Span, Alias]]) -> bool:
        """True for one entity that is two alias-table names joined by a locative preposition ("Курахового на
        Донеччині"): every capitalised word is inside an alias match. "Посольство США в Україні" is not."""
        if not any(t.lower_ in self.words.locative_prepositions for t in ent[1:-1]):
            return False
        inside = [m for m, _ in matches if ent.start <= m.start and m.end <= ent.end]
        return bool(inside) and all(
            any(m.start <= t.i < m.end for m in inside) for t in ent if t.text[:1].isupper()
        )

    def _may_start_name(self, tok: Token) -> bool:
        """False when no alias can start at ``tok``: neither the token alone nor the token followed by more
        words has a first stem word that starts an alias (see :meth:`AliasTable.first_stem_words`). A token
        glued to the next one ("Kyiv" + "'s") may start anything."""
        if not tok.whitespace_:
            return True
        text = tok.text
        known = self._may_start.get(text)
        if known is None:
            if len(self._may_start) >= 50_000:
                self._may_start.clear()
            alone, followed = first_stem_word(text), first_stem_word(text + " x")
            known = alone in self._first_words or followed in self._first_words or followed == "x"
            self._may_start[text] = known
        return known

    def matches(self, doc: Doc) -> list[tuple[Span, Alias]]:
        found: list[tuple[Span, Alias]] = []
        toks = list(doc)  # one Token per word, not one per word per candidate span
        n = len(toks)
        i = 0
        while i < n:
            tok = toks[i]
            if (
                not tok.text[:1].isupper()
                or tok.is_punct
                or tok.lower_ in self.words.name_leading_articles
                or not self._may_start_name(tok)
            ):
                i += 1
                continue
            # a name never runs over a space token, a line break or a sentence start
            longest = min(self.max_words + 1, n - i)
            for k in range(1, longest):
                after = toks[i + k]
                if after.is_space or after.text == "\n" or after.is_sent_start:
                    longest = k
                    break
            hit: tuple[Span, Alias] | None = None
            for size in range(longest, 0, -1):
                last = toks[i + size - 1]
                if last.is_punct or last.lower_ in _POSSESSIVES or last.text.endswith(_POSSESSIVES[:2]):
                    continue
                span = doc[i : i + size]
                alias = self.aliases.lookup(span.text, self.lang)
                if alias is None or not self._name_like(span):
                    continue
                hit = (span, alias)
                break
            if hit is None:
                i += 1
                continue
            found.append(hit)
            i = hit[0].end
        return found

    def __call__(self, doc: Doc) -> Doc:
        ents: list[Span] = []
        for ent in doc.ents:
            label = LABEL_MAP.get(ent.label_.upper())
            if label is None:
                if self.drop_unmapped:
                    continue
                label = ent.label_
            if label in NAME_LABELS and not is_name(ent):
                continue  # names are capitalised in en/ru/uk: "південній частині" is no place name
            if label == "LOC" and all(t.pos_ == "ADJ" for t in ent if word(t)) and any(word(t) for t in ent):
                # "Украинская (сторона)": a nationality adjective, MISC as in CoNLL and OntoNotes
                label = "MISC"
            elif label == "LOC" and not ent[0].text[:1].isupper():
                # a place after a description (NEREL-style "юге Донецкой области"): the name is the place
                ent = doc[next(t.i for t in ent if is_capitalised(t)) : ent.end]
            if label != "LOC" and self._names_an_axis(ent):
                label = "LOC"
            elif label == "MISC" and self._quoted_after_org_noun(ent):
                label = "ORG"
            ents.append(ent if label == ent.label_ else Span(doc, ent.start, ent.end, label=label))
        matches = self.matches(doc)
        ents = [e for e in ents if not self._joins_names(e, matches)]
        doc.ents = filter_spans(self._merge(doc, ents, matches))
        for ent in doc.ents:
            ent._.canonical = self.canonical(doc, ent)
        return doc

    @staticmethod
    def _merge(doc: Doc, ents: list[Span], matches: list[tuple[Span, Alias]]) -> list[Span]:
        """The NER entities (sorted, not overlapping) with each alias match that covers every entity it
        overlaps in place of those entities: the kept entities in order, then the matches' spans. Matches do not
        overlap each other, so only NER entities can overlap a match; bisection finds them."""
        starts = [e.start for e in ents]
        ends = [e.end for e in ents]
        removed: set[int] = set()
        added: list[Span] = []
        for span, alias in matches:
            lo, hi = bisect.bisect_right(ends, span.start), bisect.bisect_left(starts, span.end)
            overlapping = [k for k in range(lo, hi) if k not in removed]
            if all(span.start <= ents[k].start and ents[k].end <= span.end for k in overlapping):
                removed.update(overlapping)
                added.append(Span(doc, span.start, span.end, label=alias.kind))
        return [e for k, e in enumerate(ents) if k not in removed] + added

    def canonical(self, doc: Doc, ent: Span) -> str | None:
        nxt = doc[ent.end] if ent.end < len(doc) else None
        if ent.label_ == "LOC" and nxt is not None and nxt.lower_ in self.words.region_nouns:
            alias = self.aliases.lookup(f"{ent.text} {nxt.text}", self.lang)
            if alias is not None:
                return alias.canonical
        alias = self.aliases.lookup(ent.text, self.lang)
        if alias is None and ent.label_ in ("PER", "ORG"):
            alias = self.aliases.lookup_suffix(ent.text, self.lang)
        return alias.canonical if alias is not None else None


def make_gazetteer(
    nlp: Language, name: str, *, alias_path: str | None, drop_unmapped_labels: bool
) -> Gazetteer:
    """Alias-table entities and canonical names. ``alias_path``: a TSV alias table (default: bundled)."""
    return Gazetteer(
        check_language(nlp, name), load_aliases(alias_path), drop_unmapped_labels=drop_unmapped_labels
    )


# Registered with an explicit call (not a decorator) so that the factory function keeps its type.
GAZETTEER_DEFAULTS: dict[str, Any] = {"alias_path": None, "drop_unmapped_labels": True}
Language.factory(GAZETTEER_FACTORY, default_config=GAZETTEER_DEFAULTS, func=make_gazetteer)
