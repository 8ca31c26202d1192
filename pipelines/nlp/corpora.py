"""Corpus readers that turn the NER and UD training corpora into spaCy ``Doc`` objects.

Supported formats:

* ``conll2003`` – 4-column CoNLL-2003 (token POS chunk NER), IOB1 tags, ``-DOCSTART-`` lines.
* ``iob`` – 2-column ``token TAG`` (BIO or IOB1), blank lines between sentences (NER-UK).
* ``conllu`` – CoNLL-U (Universal Dependencies).
* ``brat`` – brat standoff directories (``.txt`` + ``.ann``, NEREL); nested entities are resolved by keeping
  the outermost entity of a mapped type.
* ``factrueval`` – factRuEval-2016 directories (``.tokens`` + ``.spans`` + ``.objects``).

All NER labels are normalised to ``PER``, ``LOC``, ``ORG`` and ``MISC`` with the mapping tables below; source
labels that are not in a table are dropped (the tokens become ``O``).
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Iterator, Mapping
from dataclasses import dataclass
from pathlib import Path

from spacy.tokens import Doc, Span
from spacy.vocab import Vocab

#: CoNLL-2003 labels (already normalised).
CONLL2003_LABELS: Mapping[str, str] = {"PER": "PER", "LOC": "LOC", "ORG": "ORG", "MISC": "MISC"}

#: NER-UK v2.0 → normalised labels. JOB, DATE, MON, PERIOD, QUANT, PCT, DOC and TIME are dropped.
NER_UK_LABELS: Mapping[str, str] = {
    "PERS": "PER",
    "PER": "PER",
    "LOC": "LOC",
    "ORG": "ORG",
    "MISC": "MISC",
    "ART": "MISC",
}

#: NER-UK v2.0 with all its types, for training the bundled uk NER: as NER_UK_LABELS, and JOB, DATE, MON, PERIOD,
#: QUANT, PCT, DOC and TIME kept (the extra types help the model tell "міністр оборони" from an ORG; claimflow's
#: pipeline keeps PER/LOC/ORG/MISC only, see registry.LABEL_MAP).
NER_UK_ALL_LABELS: Mapping[str, str] = {
    **NER_UK_LABELS,
    **{t: t for t in ("JOB", "DATE", "MON", "PERIOD", "QUANT", "PCT", "DOC", "TIME")},
}

#: NEREL v1.0 → normalised labels. Everything not listed (PROFESSION, EVENT, DATE, NUMBER, AGE, ORDINAL, LAW,
#: CRIME, IDEOLOGY, DISEASE, PENALTY, TIME, MONEY, RELIGION, PERCENT, LANGUAGE, FAMILY) is dropped: those are
#: mostly common-noun phrases or values, not named entities in the CoNLL sense.
NEREL_LABELS: Mapping[str, str] = {
    "PERSON": "PER",
    "ORGANIZATION": "ORG",
    "COUNTRY": "LOC",
    "CITY": "LOC",
    "STATE_OR_PROVINCE": "LOC",
    "LOCATION": "LOC",
    "DISTRICT": "LOC",
    "FACILITY": "LOC",
    "NATIONALITY": "MISC",
    "WORK_OF_ART": "MISC",
    "PRODUCT": "MISC",
    "AWARD": "MISC",
}

#: factRuEval-2016 object types → normalised labels (``Project`` is dropped).
FACTRUEVAL_LABELS: Mapping[str, str] = {"Person": "PER", "Org": "ORG", "Location": "LOC", "LocOrg": "LOC"}

FORMATS = ("conll2003", "iob", "conllu", "brat", "factrueval")


class CorpusFormatError(ValueError):
    """Raised when a corpus file does not match the format it is read as."""


@dataclass(frozen=True)
class _Sentence:
    words: list[str]
    tags: list[str]


# --------------------------------------------------------------------------------------------------------
# IOB helpers
# --------------------------------------------------------------------------------------------------------


def iob_to_spans(tags: list[str], label_map: Mapping[str, str] | None = None) -> list[tuple[int, int, str]]:
    """Convert IOB1 or BIO tags into ``(start, end, label)`` token spans (end exclusive).

    An ``I-X`` tag that does not continue an entity of type X starts a new entity (IOB1 semantics, which
    also tolerates BIO). Labels missing from ``label_map`` are dropped; ``label_map=None`` keeps all labels.
    """
    spans: list[tuple[int, int, str]] = []
    start = -1
    label = ""
    for i, tag in enumerate([*tags, "O"]):
        if tag == "O" or tag == "" or tag == "_":
            prefix, typ = "O", ""
        elif len(tag) > 2 and tag[1] == "-" and tag[0] in "BIES":
            prefix, typ = tag[0], tag[2:]
        else:
            raise CorpusFormatError(f"invalid IOB tag {tag!r} at token {i}; expected O, B-X, I-X, E-X or S-X")
        continues = prefix in ("I", "E") and start >= 0 and typ == label
        if not continues and start >= 0:
            spans.append((start, i, label))
            start = -1
        if prefix != "O" and not continues:
            start, label = i, typ
        if prefix in ("E", "S") and start >= 0:
            spans.append((start, i + 1, label))
            start = -1
    result = []
    for s, e, lab in spans:
        if label_map is None:
            result.append((s, e, lab))
        elif lab in label_map:
            result.append((s, e, label_map[lab]))
    return result


def _sentences_to_docs(
    vocab: Vocab, sentences: Iterable[_Sentence], label_map: Mapping[str, str] | None, sents_per_doc: int
) -> Iterator[Doc]:
    batch: list[_Sentence] = []

    def flush() -> Doc:
        words: list[str] = []
        sent_starts: list[bool | int | None] = []
        ents: list[tuple[int, int, str]] = []
        for sent in batch:
            offset = len(words)
            words.extend(sent.words)
            sent_starts.extend([True] + [False] * (len(sent.words) - 1))
            ents.extend((s + offset, e + offset, lab) for s, e, lab in iob_to_spans(sent.tags, label_map))
        doc = Doc(vocab, words=words, sent_starts=sent_starts)
        doc.ents = [Span(doc, s, e, label=lab) for s, e, lab in ents]
        return doc

    for sent in sentences:
        if not sent.words:
            continue
        batch.append(sent)
        if 0 < sents_per_doc <= len(batch):
            yield flush()
            batch = []
    if batch:
        yield flush()


def _read_columns(path: Path, n_cols: int) -> Iterator[_Sentence | None]:
    """Yield sentences from a whitespace-column file; ``None`` marks a ``-DOCSTART-`` document boundary."""
    words: list[str] = []
    tags: list[str] = []
    with path.open(encoding="utf-8") as f:
        for lineno, raw in enumerate(f, start=1):
            line = raw.strip()
            if not line:
                if words:
                    yield _Sentence(words, tags)
                    words, tags = [], []
                continue
            cols = line.split()
            if cols[0] == "-DOCSTART-":
                if words:
                    yield _Sentence(words, tags)
                    words, tags = [], []
                yield None
                continue
            if len(cols) != n_cols:
                raise CorpusFormatError(
                    f"{path}:{lineno}: expected {n_cols} whitespace-separated columns, "
                    f"got {len(cols)}: {line!r}"
                )
            words.append(cols[0])
            tags.append(cols[-1])
    if words:
        yield _Sentence(words, tags)


def read_conll2003(
    path: Path,
    vocab: Vocab,
    *,
    sents_per_doc: int = 10,
    label_map: Mapping[str, str] | None = CONLL2003_LABELS,
) -> Iterator[Doc]:
    """Read a 4-column CoNLL-2003 file (IOB1). Documents (``-DOCSTART-``) are never merged into one Doc; each is cut
    into Docs of ``sents_per_doc`` sentences (0: one Doc per document). Each Doc's ``user_data["document"]`` is the
    index of its ``-DOCSTART-`` document in the file (for carving dev splits)."""
    doc_sents: list[_Sentence] = []
    document = 0
    for item in _read_columns(path, 4):
        if item is None:
            if doc_sents:
                for doc in _sentences_to_docs(vocab, doc_sents, label_map, sents_per_doc):
                    doc.user_data["document"] = document
                    yield doc
                document += 1
            doc_sents = []
        else:
            doc_sents.append(item)
    for doc in _sentences_to_docs(vocab, doc_sents, label_map, sents_per_doc):
        doc.user_data["document"] = document
        yield doc


def read_iob(
    path: Path, vocab: Vocab, *, sents_per_doc: int = 10, label_map: Mapping[str, str] | None = NER_UK_LABELS
) -> Iterator[Doc]:
    """Read a 2-column ``token TAG`` file (NER-UK v2.0 style, BIO)."""
    sents = (s for s in _read_columns(path, 2) if s is not None)
    yield from _sentences_to_docs(vocab, sents, label_map, sents_per_doc)


def read_iob_sentences(path: Path) -> list[tuple[list[str], list[str]]]:
    """Return the raw ``(words, tags)`` sentences of a 2-column IOB file (used to carve dev sets)."""
    return [(s.words, s.tags) for s in _read_columns(path, 2) if s is not None]


def iob_sentences_to_docs(
    vocab: Vocab,
    sentences: Iterable[tuple[list[str], list[str]]],
    *,
    sents_per_doc: int = 10,
    label_map: Mapping[str, str] | None = NER_UK_LABELS,
) -> Iterator[Doc]:
    """Turn ``(words, tags)`` sentences into Docs (see :func:`read_iob_sentences`)."""
    yield from _sentences_to_docs(vocab, (_Sentence(w, t) for w, t in sentences), label_map, sents_per_doc)


# --------------------------------------------------------------------------------------------------------
# CoNLL-U
# --------------------------------------------------------------------------------------------------------


@dataclass
class ConlluSentence:
    words: list[str]
    spaces: list[bool]
    lemmas: list[str]
    pos: list[str]
    tags: list[str]
    morphs: list[str]
    heads: list[int]  # 0-based index within the sentence
    deps: list[str]


def read_conllu_sentences(path: Path) -> Iterator[ConlluSentence]:
    """Parse CoNLL-U into sentences of syntactic words (multi-word tokens become words without spaces)."""

    def new() -> ConlluSentence:
        return ConlluSentence([], [], [], [], [], [], [], [])

    sent = new()
    ids: list[int] = []
    mwt_end = -1
    mwt_space = True
    with path.open(encoding="utf-8") as f:
        for lineno, raw in enumerate(f, start=1):
            line = raw.rstrip("\n")
            if not line.strip():
                if sent.words:
                    yield _finish_conllu(sent, ids, path)
                sent, ids, mwt_end = new(), [], -1
                continue
            if line.startswith("#"):
                continue
            cols = line.split("\t")
            if len(cols) != 10:
                raise CorpusFormatError(
                    f"{path}:{lineno}: CoNLL-U needs 10 tab-separated columns, got {len(cols)}"
                )
            tid = cols[0]
            if "." in tid:
                continue  # empty node (enhanced dependencies)
            if "-" in tid:
                mwt_end = int(tid.split("-")[1])
                mwt_space = "SpaceAfter=No" not in cols[9]
                continue
            idx = int(tid)
            space = "SpaceAfter=No" not in cols[9]
            if mwt_end >= 0:
                space = mwt_space if idx == mwt_end else False
                if idx >= mwt_end:
                    mwt_end = -1
            head = cols[6]
            if not head.isdigit():
                raise CorpusFormatError(f"{path}:{lineno}: HEAD must be an integer, got {head!r}")
            ids.append(idx)
            sent.words.append(cols[1])
            sent.spaces.append(space)
            sent.lemmas.append(cols[2] if cols[2] != "_" or cols[1] == "_" else "")
            sent.pos.append(cols[3] if cols[3] != "_" else "X")
            sent.tags.append(cols[4] if cols[4] != "_" else cols[3])
            sent.morphs.append("" if cols[5] == "_" else cols[5])
            sent.heads.append(int(head))
            sent.deps.append("ROOT" if cols[7] == "root" else cols[7])
    if sent.words:
        yield _finish_conllu(sent, ids, path)


def _finish_conllu(sent: ConlluSentence, ids: list[int], path: Path) -> ConlluSentence:
    pos_of = {tid: i for i, tid in enumerate(ids)}
    heads = []
    for i, h in enumerate(sent.heads):
        if h == 0:
            heads.append(i)
        elif h in pos_of:
            heads.append(pos_of[h])
        else:
            raise CorpusFormatError(
                f"{path}: head {h} of word {sent.words[i]!r} does not exist in its sentence"
            )
    sent.heads = heads
    return sent


def conllu_sentences_to_docs(
    vocab: Vocab, sentences: Iterable[ConlluSentence], *, sents_per_doc: int = 10
) -> Iterator[Doc]:
    batch: list[ConlluSentence] = []

    def flush() -> Doc:
        words: list[str] = []
        spaces: list[bool] = []
        lemmas: list[str] = []
        pos: list[str] = []
        tags: list[str] = []
        morphs: list[str] = []
        heads: list[int] = []
        deps: list[str] = []
        sent_starts: list[bool | int | None] = []
        for s in batch:
            off = len(words)
            words += s.words
            spaces += s.spaces
            lemmas += s.lemmas
            pos += s.pos
            tags += s.tags
            morphs += s.morphs
            heads += [h + off for h in s.heads]
            deps += s.deps
            sent_starts += [True] + [False] * (len(s.words) - 1)
        return Doc(
            vocab,
            words=words,
            spaces=spaces,
            lemmas=lemmas,
            pos=pos,
            tags=tags,
            morphs=morphs,
            heads=heads,
            deps=deps,
            sent_starts=sent_starts,
        )

    for s in sentences:
        batch.append(s)
        if len(batch) >= sents_per_doc:
            yield flush()
            batch = []
    if batch:
        yield flush()


def read_conllu(path: Path, vocab: Vocab, *, sents_per_doc: int = 10) -> Iterator[Doc]:
    """Read a CoNLL-U file into Docs with POS, tags, morphology, lemmas, dependencies and sentences."""
    yield from conllu_sentences_to_docs(vocab, read_conllu_sentences(path), sents_per_doc=sents_per_doc)


# --------------------------------------------------------------------------------------------------------
# Character-offset annotations (brat, factRuEval)
# --------------------------------------------------------------------------------------------------------


def _outermost(spans: list[tuple[int, int, str]]) -> list[tuple[int, int, str]]:
    """Resolve overlaps: PER/LOC/ORG before MISC, then longest first; drop spans overlapping a kept one.

    So a MISC phrase such as a NEREL NATIONALITY "citizens of <COUNTRY>" yields to the country inside it,
    while nested PER/LOC/ORG entities resolve to the outermost one.
    """
    kept: list[tuple[int, int, str]] = []
    for s, e, lab in sorted(spans, key=lambda x: (x[2] == "MISC", -(x[1] - x[0]), x[0])):
        if all(e <= ks or s >= ke for ks, ke, _ in kept):
            kept.append((s, e, lab))
    return sorted(kept)


def _char_spans_to_ents(doc: Doc, spans: list[tuple[int, int, str]]) -> None:
    token_spans: list[tuple[int, int, str]] = []
    for s, e, lab in spans:
        span = doc.char_span(s, e, alignment_mode="expand")
        if span is not None and len(span) > 0:
            token_spans.append((span.start, span.end, lab))
    doc.ents = [Span(doc, s, e, label=lab) for s, e, lab in _outermost(token_spans)]


def read_brat(
    directory: Path,
    tokenizer: Callable[[str], Doc],
    *,
    label_map: Mapping[str, str] | None = NEREL_LABELS,
) -> Iterator[Doc]:
    """Read a brat standoff directory (``X.txt`` + ``X.ann``), one Doc per document, sorted by file name.

    Discontinuous entities (``start end;start end``) use their full extent. Nested entities: the outermost
    entity among those whose type is mapped wins.
    """
    txts = sorted(directory.glob("*.txt"))
    if not txts:
        raise CorpusFormatError(
            f"{directory}: no .txt files found; a brat directory holds X.txt + X.ann pairs"
        )
    for txt in txts:
        ann = txt.with_suffix(".ann")
        if not ann.exists():
            raise CorpusFormatError(f"{txt}: missing annotation file {ann.name}")
        text = txt.read_text(encoding="utf-8")
        spans: list[tuple[int, int, str]] = []
        for lineno, raw in enumerate(ann.read_text(encoding="utf-8").splitlines(), start=1):
            if not raw.startswith("T"):
                continue
            parts = raw.split("\t")
            if len(parts) < 2:
                raise CorpusFormatError(f"{ann}:{lineno}: malformed text-bound annotation {raw!r}")
            typ, _, offsets = parts[1].partition(" ")
            label = typ if label_map is None else label_map.get(typ)
            if label is None:
                continue
            nums = [int(x) for x in offsets.replace(";", " ").split()]
            spans.append((min(nums), max(nums), label))
        doc = tokenizer(text)
        _char_spans_to_ents(doc, spans)
        doc.user_data["source"] = txt.name
        yield doc


_FACTRU_SKIP_SPANS = frozenset({"loc_descr", "org_descr", "geo_adj", "job"})


def read_factrueval(
    directory: Path, vocab: Vocab, *, label_map: Mapping[str, str] | None = FACTRUEVAL_LABELS
) -> Iterator[Doc]:
    """Read factRuEval-2016 (``.tokens`` + ``.spans`` + ``.objects``), one Doc per document.

    An object's extent is the longest contiguous run of tokens covered by its name spans: descriptor spans are
    not part of a named entity (``loc_descr``, ``org_descr``, ``geo_adj``, ``job``; "the port of X" → "X",
    "банк ВТБ" → "ВТБ"), and an object made of descriptors only ("правительство") is no entity. Nested objects
    resolve to the outermost one.
    """
    token_files = sorted(directory.glob("*.tokens"))
    if not token_files:
        raise CorpusFormatError(
            f"{directory}: no .tokens files found; expected factRuEval-2016 devset layout"
        )
    for tok_file in token_files:
        words: list[str] = []
        starts: list[int] = []
        ends: list[int] = []
        sent_starts: list[bool | int | None] = []
        tok_index: dict[str, int] = {}
        new_sent = True
        for raw in tok_file.read_text(encoding="utf-8").splitlines():
            cols = raw.split()
            if not cols:
                new_sent = True
                continue
            if len(cols) < 4:
                raise CorpusFormatError(f"{tok_file}: expected 'id offset length token', got {raw!r}")
            tok_index[cols[0]] = len(words)
            words.append(" ".join(cols[3:]))
            starts.append(int(cols[1]))
            ends.append(int(cols[1]) + int(cols[2]))
            sent_starts.append(new_sent)
            new_sent = False
        if not words:
            continue
        spaces = [ends[i] < starts[i + 1] for i in range(len(words) - 1)] + [False]
        doc = Doc(vocab, words=words, spaces=spaces, sent_starts=sent_starts)
        span_tokens: dict[str, list[int]] = {}
        for raw in tok_file.with_suffix(".spans").read_text(encoding="utf-8").splitlines():
            cols = raw.split("#")[0].split()
            if len(cols) >= 6:
                first = tok_index.get(cols[4])
                if first is not None and cols[1] not in _FACTRU_SKIP_SPANS:
                    span_tokens[cols[0]] = list(range(first, first + int(cols[5])))
        ents: list[tuple[int, int, str]] = []
        for raw in tok_file.with_suffix(".objects").read_text(encoding="utf-8").splitlines():
            cols = raw.split("#")[0].split()
            if len(cols) < 3:
                continue
            label = cols[1] if label_map is None else label_map.get(cols[1])
            if label is None:
                continue
            toks = sorted({t for sid in cols[2:] for t in span_tokens.get(sid, [])})
            if not toks:
                continue
            runs: list[list[int]] = [[toks[0]]]
            for t in toks[1:]:
                if t == runs[-1][-1] + 1:
                    runs[-1].append(t)
                else:
                    runs.append([t])
            best = max(runs, key=len)
            ents.append((best[0], best[-1] + 1, label))
        doc.ents = [Span(doc, s, e, label=lab) for s, e, lab in _outermost(ents)]
        doc.user_data["source"] = tok_file.name
        yield doc


# --------------------------------------------------------------------------------------------------------
# Format detection
# --------------------------------------------------------------------------------------------------------


def detect_format(path: Path) -> str:
    """Guess the corpus format of ``path`` from its extension, layout and first lines."""
    if path.is_dir():
        if any(path.glob("*.objects")):
            return "factrueval"
        if any(path.glob("*.ann")):
            return "brat"
        raise CorpusFormatError(
            f"{path}: directory holds neither brat (.ann) nor factRuEval (.objects) files"
        )
    if not path.exists():
        raise CorpusFormatError(f"{path}: no such file or directory")
    if path.suffix == ".conllu":
        return "conllu"
    with path.open(encoding="utf-8") as f:
        for raw in f:
            line = raw.strip()
            if not line or line.startswith("#"):
                continue
            if line.startswith("-DOCSTART-"):
                return "conll2003"
            if "\t" in line and len(line.split("\t")) == 10:
                return "conllu"
            n = len(line.split())
            if n == 4:
                return "conll2003"
            if n == 2:
                return "iob"
            raise CorpusFormatError(
                f"{path}: cannot detect format from line {line!r}; allowed formats: {', '.join(FORMATS)}"
            )
    raise CorpusFormatError(f"{path}: file is empty")
