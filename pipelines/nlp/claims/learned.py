"""Learned English attribution: the ``claimflow_attribution_tagger_v1`` spaCy component.

The component wraps a trained tagger (``models/en-attribution``: a transition-based tagger with its own CNN
tok2vec, trained on PolNeAR by ``training/attribution.py``; or a fine-tuned transformer, ``learned_transformer.py``)
and writes the spans it finds to ``doc.spans["claimflow_attribution"]`` labelled ``SOURCE``, ``CUE`` and
``CONTENT`` (PolNeAR's roles). It reads only the tokens, so it runs after any English pipeline (bundled or
official) and leaves every other annotation alone. The claim layer (``claimflow_claims_v1``) may consult the
spans, but does not need them. :func:`role_char_spans` turns them into per-role character spans (a content split
by its own cue, ``"A," he said, "B."``, is one span as PolNeAR annotates it), which the PolNeAR evaluator scores.

Trained on PolNeAR, which states no license: the model is for research use only (see its MODEL_CARD.md).
"""

from __future__ import annotations

import functools
import json
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import spacy
from spacy.language import Language
from spacy.tokens import Doc, Span, SpanGroup

from pipelines.nlp.claims import learned_encoder  # noqa: F401  (registers the BiLSTM tagger's encoder)
from pipelines.nlp.claims.learned_dash import dash_attributions
from pipelines.nlp.claims.learned_fill import (
    fill_contents,
    fill_one,
    fill_outer,
    gaps,
    inverted_source,
    only_gap,
)
from pipelines.nlp.claims.learned_syntax import doc_syntax, model_syntax, tagger_doc
from pipelines.nlp.claims.learned_transformer import EncoderAttributionTagger, make_encoder_tagger
from pipelines.nlp.claims.words import word
from pipelines.nlp.encoder import is_encoder_model

ATTRIBUTION_TAGGER_FACTORY = "claimflow_attribution_tagger_v1"
SPANS_KEY = "claimflow_attribution"
ROLE_LABELS = ("SOURCE", "CUE", "CONTENT")
DEFAULT_MODEL = Path(__file__).resolve().parents[3] / "models" / "en-attribution"
CUE_WORDS_FILE = "cue_words.json"


class AttributionTagger:
    """Runs the trained attribution tagger on a copy of the tokens and stores its spans in ``doc.spans``."""

    def __init__(self, inner: Language, *, spans_key: str, model_path: str) -> None:
        if "ner" not in inner.pipe_names:
            raise ValueError(
                f"{ATTRIBUTION_TAGGER_FACTORY}: model {model_path!r} has pipes {inner.pipe_names}; "
                "allowed: a model trained by training/attribution.py (with a 'ner' pipe)"
            )
        self.inner = inner
        self.spans_key = spans_key
        self.model_path = model_path
        self.syntax = model_syntax(inner)

    def _copy(self, doc: Doc) -> Doc:
        # a model that embeds syntax reads the outer pipeline's POS / TAG / DEP (a pipeline with a parser)
        syntax = doc_syntax(doc, self.syntax) if self.syntax else None
        return tagger_doc(self.inner.vocab, [t.text for t in doc], [bool(t.whitespace_) for t in doc], syntax)

    def _write(self, doc: Doc, tagged: Doc) -> Doc:
        # the group names the model, whose corpus cue words (cue_words.json) the claims layer may consult
        doc.spans[self.spans_key] = SpanGroup(
            doc,
            name=self.spans_key,
            attrs={"model_path": self.model_path},
            spans=[Span(doc, e.start, e.end, label=e.label_) for e in tagged.ents],
        )
        return doc

    def __call__(self, doc: Doc) -> Doc:
        return self._write(doc, self.inner.get_pipe("ner")(self._copy(doc)))

    def pipe(self, docs: Iterable[Doc], batch_size: int = 32) -> Iterator[Doc]:
        ner = self.inner.get_pipe("ner")
        for chunk in spacy.util.minibatch(docs, size=batch_size):
            copies = [self._copy(d) for d in chunk]
            for doc, tagged in zip(chunk, ner.pipe(copies, batch_size=batch_size), strict=True):
                yield self._write(doc, tagged)

    # serialisation: the wrapped model travels with the pipeline that holds the component
    def to_disk(self, path: str | Path, *, exclude: Iterable[str] = ()) -> None:
        Path(path).mkdir(parents=True, exist_ok=True)
        self.inner.to_disk(Path(path) / "model")
        words = Path(self.model_path) / CUE_WORDS_FILE
        if words.is_file():
            (Path(path) / "model" / CUE_WORDS_FILE).write_bytes(words.read_bytes())

    def from_disk(self, path: str | Path, *, exclude: Iterable[str] = ()) -> AttributionTagger:
        model = Path(path) / "model"
        if model.is_dir():
            self.inner = spacy.load(model)
            self.model_path = str(model)
            self.syntax = model_syntax(self.inner)
        return self


@functools.lru_cache(maxsize=8)
def load_cue_words(model_path: str) -> frozenset[str]:
    """The corpus cue words shipped with the tagger model at ``model_path`` (``cue_words.json``, written by
    ``training/attribution.py``: words PolNeAR train marks as part of a cue in at least half of their
    occurrences); empty when the model has none."""
    path = Path(model_path) / CUE_WORDS_FILE
    if not path.is_file():
        return frozenset()
    data = json.loads(path.read_text(encoding="utf-8"))
    return frozenset(str(w) for w in data.get("words", {}))


def cue_words(doc: Doc, spans_key: str = SPANS_KEY) -> frozenset[str]:
    """The corpus cue words of the tagger model that wrote ``doc.spans[spans_key]`` (empty when unknown)."""
    group = doc.spans.get(spans_key)
    model = group.attrs.get("model_path") if group is not None else None
    return load_cue_words(str(model)) if model else frozenset()


def make_attribution_tagger(
    nlp: Language, name: str, *, model_path: str | None, spans_key: str
) -> AttributionTagger | EncoderAttributionTagger:
    """The learned attribution tagger. ``model_path``: a directory written by ``training/attribution.py`` or
    ``training/attribution_encoder.py`` (default ``models/en-attribution``); ``spans_key``: the ``doc.spans`` key."""
    if str(nlp.lang) != "en":
        raise ValueError(
            f"{name}: pipeline language {nlp.lang!r} is not supported; allowed: ['en'] (trained on PolNeAR)"
        )
    path = Path(model_path) if model_path else DEFAULT_MODEL
    if is_encoder_model(path):  # a fine-tuned transformer (training/attribution_encoder.py)
        return make_encoder_tagger(path, spans_key=spans_key)
    if not (path / "config.cfg").is_file():
        raise FileNotFoundError(
            f"{name}: no trained attribution model at {path}; build one with `python -m training.attribution`"
        )
    return AttributionTagger(spacy.load(path), spans_key=spans_key, model_path=str(path))


@dataclass(frozen=True)
class CombinePolicy:
    """How the claim layer combines the tagger's attributions with the rules' (``claimflow_claims_v1``'s
    ``learned_policy``). A rule claim and a tagger attribution of one sentence are one attribution when their
    cues overlap or their contents share half of the longer one. For such a pair, ``source``, ``cue`` and
    ``content`` say whose span the claim takes (``"learned"`` or ``"rules"``; a role the preferred side lacks
    comes from the other). ``add_learned``: a tagger attribution that no rule claim matches becomes a claim;
    ``keep_rules``: a rule claim that no tagger attribution matches stays. ``parse_source``: a tagger
    attribution without a source (and without a rule partner) takes the cue's subject from the parse.
    ``lexicon_cues``: a tagger attribution that no rule claim matches becomes a claim only when a word of its
    cue is a reporting word of the rules' lexicon (or the cue is an "according to" phrase); with ``clause_cues``
    also when its content is a clause (has a finite verb: "backed | that the plan would fail", not "attacked |
    the port" or "declined | to comment"); with ``corpus_cues`` also when a word of its cue is one of the
    tagger model's corpus cue words (:func:`cue_words`: "endorsed", "blasted", "echoed"; refusals and attacks
    left out)."""

    name: str
    source: str = "learned"
    cue: str = "learned"
    content: str = "learned"
    add_learned: bool = True
    keep_rules: bool = True
    parse_source: bool = True
    lexicon_cues: bool = False
    clause_cues: bool = False
    corpus_cues: bool = False


#: The policies ``claimflow models evaluate-claims`` scores side by side; ``rules`` ignores the tagger.
POLICIES: dict[str, CombinePolicy] = {
    p.name: p
    for p in (
        CombinePolicy("rules", add_learned=False, keep_rules=True),
        CombinePolicy("tagger", add_learned=True, keep_rules=False),
        CombinePolicy("rules_tagger_pairs", add_learned=False, keep_rules=True),
        CombinePolicy("union", add_learned=True, keep_rules=True),
        CombinePolicy("union_rule_cue", cue="rules", add_learned=True, keep_rules=True),
        CombinePolicy("union_rule_source", source="rules", add_learned=True, keep_rules=True),
        CombinePolicy("union_rule_content", content="rules", add_learned=True, keep_rules=True),
        CombinePolicy("tagger_rule_cue", cue="rules", add_learned=True, keep_rules=False),
        CombinePolicy("tagger_no_parse", add_learned=True, keep_rules=False, parse_source=False),
        CombinePolicy("rules_plus_tagger", source="rules", cue="rules", content="rules"),
        CombinePolicy("rules_plus_tagger_content", source="rules", cue="rules", content="learned"),
        CombinePolicy("rules_plus_lexicon", source="rules", cue="rules", content="rules", lexicon_cues=True),
        CombinePolicy("union_lexicon", lexicon_cues=True),
        CombinePolicy("tagger_lexicon", keep_rules=False, lexicon_cues=True),
        CombinePolicy("union_lexicon_clause", lexicon_cues=True, clause_cues=True),
        CombinePolicy("tagger_lexicon_clause", keep_rules=False, lexicon_cues=True, clause_cues=True),
        CombinePolicy(
            "tagger_corpus_clause", keep_rules=False, lexicon_cues=True, clause_cues=True, corpus_cues=True
        ),
    )
}
DEFAULT_POLICY = "tagger_corpus_clause"


def policy(name: str) -> CombinePolicy:
    """The combine policy called ``name`` (one of :data:`POLICIES`)."""
    try:
        return POLICIES[name]
    except KeyError:
        raise ValueError(f"learned_policy: received {name!r}; allowed: {sorted(POLICIES)}") from None


ATTRIBUTION_TAGGER_DEFAULTS: dict[str, Any] = {"model_path": None, "spans_key": SPANS_KEY}
Language.factory(
    ATTRIBUTION_TAGGER_FACTORY, default_config=ATTRIBUTION_TAGGER_DEFAULTS, func=make_attribution_tagger
)


def add_attribution_tagger(nlp: Language, model_path: str | Path | None = None) -> Language:
    """Add ``claimflow_attribution_tagger_v1`` (idempotent); before the claims component when there is one."""
    return add_before_claims(nlp, ATTRIBUTION_TAGGER_FACTORY, model_path)


def add_before_claims(nlp: Language, factory: str, model_path: str | Path | None) -> Language:
    """Add the learned component ``factory`` with its ``model_path`` (idempotent: not when the pipeline has one
    already); before the claims component when there is one, else last."""
    factories = {nlp.get_pipe_meta(n).factory for n in nlp.pipe_names}
    if factory in factories:
        return nlp
    config = {"model_path": str(model_path) if model_path else None}
    claims = [n for n in nlp.pipe_names if nlp.get_pipe_meta(n).factory == "claimflow_claims_v1"]
    nlp.add_pipe(factory, config=config, before=claims[0] if claims else None)
    return nlp


def role_char_spans(
    doc: Doc, spans_key: str = SPANS_KEY, *, share_sources: bool = False, fill_content: bool = True
) -> dict[str, list[tuple[tuple[int, int], ...]]]:
    """Per role (``source``/``cue``/``content``), the predicted spans as tuples of (start, end) character
    fragments, one per attribution as claim rows carry them. Two content spans are joined into one when only
    punctuation and a cue (with or without its source) stand between them: ``"A," he said, "B."``, or when both
    are quoted and a few more words follow the cue (:func:`_split_quotation`). With
    ``share_sources``, a source that is the nearest one (in the cue's scope, :func:`_scope`) of several cues is
    listed once per cue. With ``fill_content`` (and sentence boundaries), a cue whose sentence has no content
    span gets one (:func:`fill_contents`)."""
    spans = sorted(doc.spans.get(spans_key, []), key=lambda s: s.start)
    out: dict[str, list[tuple[tuple[int, int], ...]]] = {"source": [], "cue": [], "content": []}
    i = 0
    while i < len(spans):
        sp = spans[i]
        role = sp.label_.lower()
        if role not in out:
            i += 1
            continue
        frags = [(sp.start_char, sp.end_char)]
        if role == "content":
            j = i + 1
            between: list[Span] = []
            while j < len(spans) and spans[j].label_ in ("SOURCE", "CUE"):
                between.append(spans[j])
                j += 1
            if (
                j < len(spans)
                and spans[j].label_ == "CONTENT"
                and any(b.label_ == "CUE" for b in between)
                and (
                    only_gap(gaps(doc, [sp, *between, spans[j]]))
                    or _split_quotation(
                        doc,
                        sp,
                        spans[j],
                        next(b for b in between if b.label_ == "CUE"),
                        [sp, *between, spans[j]],
                    )
                )
            ):
                out["source"].extend(((b.start_char, b.end_char),) for b in between if b.label_ == "SOURCE")
                out["cue"].extend(((b.start_char, b.end_char),) for b in between if b.label_ == "CUE")
                frags.append((spans[j].start_char, spans[j].end_char))
                out["content"].append(tuple(frags))
                i = j + 1
                continue
        out[role].append(tuple(frags))
        i += 1
    if fill_content and doc.has_annotation("SENT_START"):
        out["content"].extend(((s, e),) for s, e in fill_contents(doc, spans))
    if share_sources:
        # one source reported by several cues ("X, he said, and added that Y") is the source of each
        counts: dict[tuple[int, int], int] = {}
        for cue in (s for s in spans if s.label_ == "CUE"):
            lo, hi = _scope(doc, cue)
            near = [s for s in spans if s.label_ == "SOURCE" and s.start >= lo and s.end <= hi]
            if near:
                best = min(near, key=lambda s: s.start - cue.end if s.start >= cue.end else cue.start - s.end)
                key = (best.start_char, best.end_char)
                counts[key] = counts.get(key, 0) + 1
        for key, n in counts.items():
            out["source"].extend([(key,)] * (n - 1))
    return out


@dataclass(frozen=True)
class LearnedAttribution:
    """One attribution assembled from the tagger's spans: its cue, its source (None when the tagger found none
    nearby) and its content (one span, or two when a content is split by its cue)."""

    cue: Span
    source: Span | None
    content: tuple[Span, ...]


def _scope(doc: Doc, span: Span) -> tuple[int, int]:
    """Token range in which a cue's source and content are looked for: its sentence (with the next one, for a
    quotation that continues), or +-40 tokens without sentence boundaries."""
    if doc.has_annotation("SENT_START"):
        sent = span.sent
        end = sent.end
        if end < len(doc):
            end = doc[end].sent.end
        return sent.start, end
    return max(0, span.start - 40), min(len(doc), span.end + 40)


def attributions(doc: Doc, spans_key: str = SPANS_KEY) -> list[LearnedAttribution]:
    """The tagger's spans grouped per cue: each SOURCE and CONTENT goes to one cue in whose scope
    (:func:`_scope`) it lies, nearest pairs first over the whole document (:func:`_assign`), so that a cue
    nested in a quotation or a cue without a content of its own does not take the next sentence's content from
    that sentence's own cue. A content split by its cue (``"A," he said, "B."``, also ``"A," he said on Monday.
    "B."``: :func:`_split_quotation`) is joined; a cue without a
    content span in its sentence gets the clause of :func:`fill_contents`. This is what the claim layer
    consults to fill claimant/cue/content."""
    spans = sorted(doc.spans.get(spans_key, []), key=lambda s: s.start)
    cues = [s for s in spans if s.label_ == "CUE"]
    scopes = [_scope(doc, cue) for cue in cues]
    sources = _assign(doc, cues, scopes, _sources(doc, [s for s in spans if s.label_ == "SOURCE"], cues))
    contents = [s for s in spans if s.label_ == "CONTENT"]
    firsts = _assign(doc, cues, scopes, contents)
    taken = {id(c) for c in firsts.values()}
    out: list[LearnedAttribution] = []
    for k, cue in enumerate(cues):
        content: tuple[Span, ...] = ()
        first = firsts.get(k)
        if first is not None:
            content = (first,)
            # "A," he said, "B.": the cue stands between the two parts, with nothing but punctuation and its source
            lo, hi = scopes[k]
            for second in contents:
                if id(second) in taken or second.end <= lo or second.start >= hi:
                    continue
                if (first.end <= cue.start) == (second.end <= cue.start):
                    continue
                a, b = sorted((first, second), key=lambda s: s.start)
                between = [s for s in spans if a.start <= s.start < b.end]
                if only_gap(gaps(doc, between)) or _split_quotation(doc, a, b, cue, between):
                    content = (a, b)
                    taken.add(id(second))
                    break
        elif doc.has_annotation("SENT_START"):
            filled = fill_one(doc, cue, spans)
            if filled is None:
                filled = fill_outer(doc, cue, sources.get(k))
            if filled is not None:
                content = (doc[filled[0] : filled[1]],)
        source = sources.get(k)
        if source is None and len(content) == 1 and doc.has_annotation("SENT_START"):
            inverted = inverted_source(doc, cue, content[0])  # "…, said | an airport official."
            if inverted is not None:
                source, content = inverted[0], (inverted[1],)
        out.append(LearnedAttribution(cue, source, content))
    if doc.has_annotation("SENT_START"):
        took = {id(s) for s in sources.values()} | taken
        out.extend(LearnedAttribution(c, src, (con,)) for c, src, con in dash_attributions(doc, spans, took))
        out.sort(key=lambda a: a.cue.start)
    return out


#: tokens that may stand between a name and its apposition in one source ("Sen. Anna Berg (D-Maine), | a committee
#: member")
_APPOSITION_GAP = frozenset({",", ")"})


def _sources(doc: Doc, found: list[Span], cues: list[Span]) -> list[Span]:
    """The tagger's SOURCE spans, each grown over a name it cuts ("British Prime Minister Theresa | May", "May"
    read as the month; not over a cue, as a headline's name may run on into its verb, "Lindsey Graham Says"), and
    a name and its apposition the tagger marked apart joined into one source ("Sen. Anna Berg (D-Maine | ), | a
    committee member"): the apposition opens with an article and names no person ("Kyiv Post, | ministry
    spokesman Oleh Marchenko" are two sources)."""
    cued = {i for c in cues for i in range(c.start, c.end)}
    ents = doc.ents  # (built anew on each access)
    grown: list[Span] = []
    for sp in sorted(found, key=lambda s: s.start):
        start, end = sp.start, sp.end
        for ent in ents:
            if ent.start < end and start < ent.end and not cued & set(range(ent.start, ent.end)):
                start, end = min(start, ent.start), max(end, ent.end)
        if grown and _apposition(doc, grown[-1], doc[start:end]):
            start = grown.pop().start
        grown.append(Span(doc, start, end, label=sp.label_))
    return grown


def _apposition(doc: Doc, name: Span, other: Span) -> bool:
    """``other`` follows ``name`` as its apposition: after a comma (and a closing bracket), with an article
    first and no person's name, while ``name`` holds a name."""
    gap = doc[name.end : other.start]
    return (
        0 < len(gap) <= 2
        and all(t.text in _APPOSITION_GAP for t in gap)
        and any(e.label_ in ("PER", "ORG") for e in name.ents)
        and other[0].pos_ == "DET"
        and not any(e.label_ == "PER" for e in other.ents)
    )


def _assign(doc: Doc, cues: list[Span], scopes: list[tuple[int, int]], found: list[Span]) -> dict[int, Span]:
    """Cue index -> the span of ``found`` it takes: every (cue, span) pair whose span overlaps the cue's scope,
    taken greedily by (span outside the cue's sentence, token gap), each cue and each span at most once."""
    pairs: list[tuple[int, int, int, int]] = []
    sents = doc.has_annotation("SENT_START")
    for k, cue in enumerate(cues):
        lo, hi = scopes[k]
        s_lo, s_hi = (cue.sent.start, cue.sent.end) if sents else (lo, hi)
        for i, sp in enumerate(found):
            if sp.end <= lo or sp.start >= hi:
                continue
            gap = sp.start - cue.end if sp.start >= cue.end else max(0, cue.start - sp.end)
            other = int(sents and not (s_lo <= sp.start < s_hi or sp.start <= cue.start < sp.end))
            pairs.append((other, gap, k, i))
    pairs.sort()
    out: dict[int, Span] = {}
    used: set[int] = set()
    for _, _, k, i in pairs:
        if k in out or i in used:
            continue
        out[k] = found[i]
        used.add(i)
    return out


_OPEN_QUOTES = frozenset("\"“‘'«")
_CLOSE_QUOTES = frozenset("\"”’'»")


def _split_quotation(doc: Doc, a: Span, b: Span, cue: Span, between: list[Span]) -> bool:
    """``a`` and ``b`` are the two parts of one quotation that its cue splits, with words after the cue:
    ``"A," he said in an interview on Monday. "B."``: ``a`` ends at a closing quotation mark, ``b`` starts
    after an opening one, nothing but the cue and sources stands between them (no other cue, no other
    content), and at most :data:`_SPLIT_WORDS` words that are in no span (PolNeAR marks such a quotation as
    one content)."""
    if any(s.label_ == "CONTENT" and s not in (a, b) for s in between):
        return False
    if any(s.label_ == "CUE" and s != cue for s in between):
        return False
    after_a = doc.text[a.end_char : a.end_char + 3].lstrip(",. ")
    before_b = doc.text[max(0, b.start_char - 3) : b.start_char].rstrip()
    if not after_a or after_a[0] not in _CLOSE_QUOTES or not before_b or before_b[-1] not in _OPEN_QUOTES:
        return False
    marked = {i for s in between for i in range(s.start, s.end)}
    loose = [t for t in doc[a.end : b.start] if word(t) and t.i not in marked]
    return len(loose) <= _SPLIT_WORDS


#: the most words outside the cue and its source between the two parts of a split quotation
_SPLIT_WORDS = 12
