"""The learned attribution tagger: brat → training docs, joining a content split by its cue, the component's
error messages, the evaluator's systems, the claims the claim layer makes of the tagger's spans under each combine
policy, and (slow) the shipped model on PolNeAR dev."""

from __future__ import annotations

from pathlib import Path

import pytest
import spacy
from spacy.tokens import Span

from pipelines.nlp.claims.attribution_eval import SYSTEMS, dev2_names
from pipelines.nlp.claims.learned import (
    ATTRIBUTION_TAGGER_FACTORY,
    DEFAULT_MODEL,
    SPANS_KEY,
    role_char_spans,
)
from tests.nlp.conftest import shared_dir
from training.attribution import role_spans, to_doc

TEXT = '"The bridge is closed," the mayor said, "and it will stay closed." Others disagreed.'


def test_role_spans_trim_edges_and_split_fragments() -> None:
    a = TEXT.index("The bridge")
    b = TEXT.index("and it")
    ann = (
        f"T1\tContent {a - 1} {a + 20};{b} {b + 25}\tx\n"
        f"T2\tSource {TEXT.index('the mayor')} {TEXT.index('the mayor') + 9}\tthe mayor\n"
        "T3\tAttribution 0 1\tx\n"
    )
    spans = role_spans(ann, TEXT)
    assert [(TEXT[s:e], lab) for s, e, lab in spans] == [
        ("The bridge is closed", "CONTENT"),
        ("and it will stay closed", "CONTENT"),
        ("the mayor", "SOURCE"),
    ]
    doc = to_doc(spacy.blank("en"), TEXT, spans)
    assert [(e.text, e.label_) for e in doc.ents] == [
        ("The bridge is closed", "CONTENT"),
        ("the mayor", "SOURCE"),
        ("and it will stay closed", "CONTENT"),
    ]


def _doc_with_spans(labels: dict[str, str]) -> spacy.tokens.Doc:
    doc = spacy.blank("en")(TEXT)
    spans = []
    for phrase, label in labels.items():
        start = TEXT.index(phrase)
        spans.append(doc.char_span(start, start + len(phrase), label=label))
    doc.spans[SPANS_KEY] = [s for s in spans if isinstance(s, Span)]
    return doc


def test_content_split_by_its_cue_is_joined() -> None:
    doc = _doc_with_spans(
        {
            "The bridge is closed": "CONTENT",
            "the mayor": "SOURCE",
            "said": "CUE",
            "and it will stay closed": "CONTENT",
        }
    )
    roles = role_char_spans(doc)
    assert len(roles["content"]) == 1
    assert ["".join(TEXT[s:e] for s, e in frags) for frags in roles["content"]] == [
        "The bridge is closedand it will stay closed"
    ]
    assert len(roles["source"]) == 1 and len(roles["cue"]) == 1


def test_contents_without_a_cue_between_stay_apart() -> None:
    doc = _doc_with_spans({"The bridge is closed": "CONTENT", "Others disagreed": "CONTENT"})
    assert len(role_char_spans(doc)["content"]) == 2


def test_the_evaluator_scores_the_tagger_and_every_policy() -> None:
    from pipelines.nlp.claims.learned import POLICIES

    assert SYSTEMS[0] == "learned" and set(SYSTEMS[1:]) == set(POLICIES) and "rules" in SYSTEMS


def test_factory_rejects_other_languages_and_missing_models(tmp_path: Path) -> None:
    with pytest.raises(ValueError, match="allowed: \\['en'\\]"):
        spacy.blank("ru").add_pipe(ATTRIBUTION_TAGGER_FACTORY, config={"model_path": str(tmp_path)})
    with pytest.raises(FileNotFoundError, match=r"training\.attribution"):
        spacy.blank("en").add_pipe(ATTRIBUTION_TAGGER_FACTORY, config={"model_path": str(tmp_path)})


def test_dev2_is_carved_from_train_and_stable() -> None:
    train = shared_dir() / "corpora" / "attribution" / "en" / "PolNeAR" / "data" / "train"
    if not train.is_dir():
        pytest.skip(f"PolNeAR not found under {train}")
    names = dev2_names(train)
    assert 35 <= len(names) <= 50
    assert names == dev2_names(train)


@pytest.mark.slow
def test_shipped_tagger_runs_after_a_blank_pipeline_and_survives_a_round_trip(tmp_path: Path) -> None:
    if not (DEFAULT_MODEL / "config.cfg").is_file():
        pytest.skip("models/en-attribution is not built")
    nlp = spacy.blank("en")
    nlp.add_pipe(ATTRIBUTION_TAGGER_FACTORY)
    doc = nlp("The senator said on Tuesday that the bill would pass, according to two aides.")
    labels = {s.label_ for s in doc.spans[SPANS_KEY]}
    assert "CUE" in labels and labels <= {"SOURCE", "CUE", "CONTENT"}
    assert not doc.ents
    nlp.to_disk(tmp_path / "p")
    again = spacy.load(tmp_path / "p")
    doc2 = again("The senator said on Tuesday that the bill would pass, according to two aides.")
    assert [(s.text, s.label_) for s in doc2.spans[SPANS_KEY]] == [
        (s.text, s.label_) for s in doc.spans[SPANS_KEY]
    ]


def test_attributions_group_source_cue_and_a_split_content() -> None:
    from pipelines.nlp.claims.learned import attributions

    doc = _doc_with_spans(
        {
            "The bridge is closed": "CONTENT",
            "the mayor": "SOURCE",
            "said": "CUE",
            "and it will stay closed": "CONTENT",
        }
    )
    (att,) = attributions(doc)
    assert att.cue.text == "said" and att.source is not None and att.source.text == "the mayor"
    assert [c.text for c in att.content] == ["The bridge is closed", "and it will stay closed"]


def test_a_cue_without_content_in_its_sentence_gets_the_words_after_or_before_it() -> None:
    text = "The minister said the talks had failed last night. The talks will resume soon, aides said."
    nlp = spacy.blank("en")
    nlp.add_pipe("sentencizer")
    doc = nlp(text)
    spans = []
    for phrase, label in (("The minister", "SOURCE"), ("said", "CUE"), ("aides", "SOURCE")):
        start = text.index(phrase)
        spans.append(doc.char_span(start, start + len(phrase), label=label))
    last = text.rindex("said")
    spans.append(doc.char_span(last, last + 4, label="CUE"))
    doc.spans[SPANS_KEY] = [s for s in spans if s is not None]
    contents = ["".join(text[s:e] for s, e in frags) for frags in role_char_spans(doc)["content"]]
    assert contents == ["the talks had failed last night", "The talks will resume soon"]
    assert role_char_spans(doc, fill_content=False)["content"] == []


def test_a_nested_cue_does_not_take_the_next_sentences_content_from_its_own_cue() -> None:
    """Spans are grouped nearest pair first over the document: "tweeted" (inside a quotation, no content of its
    own) must not take "mentioned"'s content, which would leave "mentioned" with the content after it."""
    from pipelines.nlp.claims.learned import attributions

    text = (
        'The governor said Democrats are to blame for "he tweeted that." '
        "Clinton mentioned remarks Trump had made. Trump said: the debate was rigged."
    )
    nlp = spacy.blank("en")
    nlp.add_pipe("sentencizer")
    doc = nlp(text)
    labels = (
        ("The governor", "SOURCE", 0),
        ("said", "CUE", 0),
        ("Democrats are to blame for", "CONTENT", 0),
        ("he", "SOURCE", text.index('"he') + 1),
        ("tweeted", "CUE", 0),
        ("Clinton", "SOURCE", 0),
        ("mentioned", "CUE", 0),
        ("remarks Trump had made", "CONTENT", 0),
        ("Trump", "SOURCE", text.index("Trump said")),
        ("said", "CUE", text.index("said:")),
        ("the debate was rigged", "CONTENT", 0),
    )
    spans = []
    for phrase, label, at in labels:
        start = text.index(phrase, at)
        spans.append(doc.char_span(start, start + len(phrase), label=label))
    doc.spans[SPANS_KEY] = [s for s in spans if s is not None]
    assert len(doc.spans[SPANS_KEY]) == len(labels)
    got = {
        (a.cue.text, a.cue.start_char): (a.source.text if a.source else None, [c.text for c in a.content])
        for a in attributions(doc)
    }
    assert got[("mentioned", text.index("mentioned"))] == ("Clinton", ["remarks Trump had made"])
    assert got[("said", text.index("said:"))] == ("Trump", ["the debate was rigged"])
    assert got[("said", text.index("said"))] == ("The governor", ["Democrats are to blame for"])
    assert got[("tweeted", text.index("tweeted"))][1] == []


def test_a_cue_ending_a_sentence_of_nested_attributions_gets_the_clause_before_it() -> None:
    """PolNeAR marks the outer content of "X decided to Y, a source said." as the whole clause before the outer
    cue; the tagger marks only the inner roles, so the outer cue (its sentence's content taken by the inner cue)
    gets the words before its source; a cue with a word after it ("he tweeted that.") gets none."""
    from pipelines.nlp.claims.learned import attributions

    text = "An aide decided to change course, a source said. Then he tweeted that."
    nlp = spacy.blank("en")
    nlp.add_pipe("sentencizer")
    doc = nlp(text)
    labels = (
        ("An aide", "SOURCE"),
        ("decided", "CUE"),
        ("to change course", "CONTENT"),
        ("a source", "SOURCE"),
        ("said", "CUE"),
        ("he", "SOURCE"),
        ("tweeted", "CUE"),
    )
    spans = []
    for phrase, label in labels:
        start = text.index(phrase)
        spans.append(doc.char_span(start, start + len(phrase), label=label))
    doc.spans[SPANS_KEY] = [s for s in spans if s is not None]
    got = {
        a.cue.text: (a.source.text if a.source else None, [c.text for c in a.content])
        for a in attributions(doc)
    }
    assert got["decided"] == ("An aide", ["to change course"])
    assert got["said"] == ("a source", ["An aide decided to change course"])
    assert got["tweeted"][1] == []


def _sentencized(text: str, labels: tuple[tuple[str, str, int], ...]) -> spacy.tokens.Doc:
    nlp = spacy.blank("en")
    nlp.add_pipe("sentencizer")
    doc = nlp(text)
    spans = [doc.char_span(text.index(p, at), text.index(p, at) + len(p), label=lab) for p, lab, at in labels]
    doc.spans[SPANS_KEY] = [s for s in spans if s is not None]
    assert len(doc.spans[SPANS_KEY]) == len(labels)
    return doc


def test_an_outer_cue_followed_only_by_a_time_gets_the_clause_before_it() -> None:
    """ "..., a spokesman said Monday morning." is the outer attribution as much as "..., a spokesman said."."""
    from pipelines.nlp.claims.learned import attributions

    text = "The campaign plans to publish the records, a spokesman said Monday morning. He said that too."
    doc = _sentencized(
        text,
        (
            ("The campaign", "SOURCE", 0),
            ("plans", "CUE", 0),
            ("to publish the records", "CONTENT", 0),
            ("a spokesman", "SOURCE", 0),
            ("said", "CUE", 0),
            ("He", "SOURCE", 0),
            ("said", "CUE", text.index("He said")),
        ),
    )
    got = {(a.cue.text, a.cue.start_char): [c.text for c in a.content] for a in attributions(doc)}
    assert got[("said", text.index("said"))] == ["The campaign plans to publish the records"]


def test_a_quotation_split_by_its_cue_and_more_words_is_one_content() -> None:
    """``"A," he said in an interview on Monday. "B."``: both quoted parts are the cue's content (PolNeAR marks
    them as one); parts that are not both quoted, or with another cue between them, stay apart."""
    from pipelines.nlp.claims.learned import attributions

    text = '"The bridge is closed," the mayor said in an interview on Monday. "It will stay closed."'
    labels = (
        ("The bridge is closed", "CONTENT", 0),
        ("the mayor", "SOURCE", 0),
        ("said", "CUE", 0),
        ("It will stay closed", "CONTENT", 0),
    )
    (att,) = attributions(_sentencized(text, labels))
    assert [c.text for c in att.content] == ["The bridge is closed", "It will stay closed"]
    contents = role_char_spans(_sentencized(text, labels))["content"]
    assert ["|".join(text[s:e] for s, e in frags) for frags in contents] == [
        "The bridge is closed|It will stay closed"
    ]
    unquoted = "The bridge is closed, the mayor said in an interview on Monday. It will stay closed."
    (att,) = attributions(_sentencized(unquoted, labels))
    assert [c.text for c in att.content] == ["The bridge is closed"]
    other = '"The bridge is closed," the mayor said as the governor warned. "It will stay closed."'
    atts = attributions(
        _sentencized(
            other,
            (
                *labels[:3],
                ("the governor", "SOURCE", 0),
                ("warned", "CUE", 0),
                ("It will stay closed", "CONTENT", 0),
            ),
        )
    )
    assert all(len(a.content) <= 1 for a in atts)


@pytest.mark.slow
def test_the_shipped_tagger_names_its_model_and_its_corpus_cue_words(tmp_path: Path) -> None:
    from pipelines.nlp.claims.learned import cue_words

    if not (DEFAULT_MODEL / "config.cfg").is_file():
        pytest.skip("models/en-attribution is not built")
    nlp = spacy.blank("en")
    nlp.add_pipe(ATTRIBUTION_TAGGER_FACTORY)
    doc = nlp("The minister said the talks had failed.")
    words = cue_words(doc)
    assert {"said", "told", "endorsed"} <= words
    assert not words & {"declined", "attacked", "refused"}  # acts, not statements, in claimflow's news
    nlp.to_disk(tmp_path / "p")  # the words travel with a saved pipeline
    again = spacy.load(tmp_path / "p")
    assert cue_words(again("Officials said so.")) == words
    assert cue_words(spacy.blank("en")("no tagger here")) == frozenset()


def test_a_syntax_tagger_reads_the_outer_pipelines_pos_tag_and_coarse_dep() -> None:
    """A tagger model that embeds POS / TAG / DEP reads them from the outer pipeline's Doc: UD labels keep their
    base relation, ClearNLP's (official pipelines) map to the UD one, and the copy gets no sentence boundaries
    (so its spans may cross them); a words-only model's copy has the words alone."""
    from spacy.tokens import Doc

    from pipelines.nlp.claims.learned_syntax import coarse_dep, doc_syntax, tagger_doc

    assert [coarse_dep(d) for d in ("nsubj:pass", "dobj", "nsubjpass", "ccomp", "ROOT", "")] == [
        "nsubj",
        "obj",
        "nsubj",
        "ccomp",
        "ROOT",
        "dep",
    ]
    vocab = spacy.blank("en").vocab
    outer = Doc(
        vocab,
        words=["He", "said", "no", "."],
        pos=["PRON", "VERB", "INTJ", "PUNCT"],
        tags=["PRP", "VBD", "UH", "."],
        heads=[1, 1, 1, 1],
        deps=["nsubj", "ROOT", "dobj", "punct"],
    )
    syntax = doc_syntax(outer)
    assert syntax == {
        "POS": ["PRON", "VERB", "INTJ", "PUNCT"],
        "TAG": ["PRP", "VBD", "UH", "."],
        "DEP": ["nsubj", "ROOT", "obj", "punct"],
    }
    copy = tagger_doc(vocab, [t.text for t in outer], [bool(t.whitespace_) for t in outer], syntax)
    assert [(t.pos_, t.tag_, t.dep_) for t in copy] == list(zip(*syntax.values(), strict=True))
    assert not copy.has_annotation("SENT_START")
    assert doc_syntax(outer, ("POS",)) == {"POS": syntax["POS"]}
    words_only = tagger_doc(vocab, ["He", "said"], [True, False], None)
    assert not words_only.has_annotation("POS") and not words_only.has_annotation("DEP")
