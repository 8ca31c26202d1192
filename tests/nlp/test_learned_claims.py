"""The claim layer with the learned components' output (English): the tagger's attributions become claims by
the claims component's ``learned_policy``, and the ``worthiness`` mode drops unattributed sentences that the
claim-worthiness scores find not check-worthy. The tagger's spans and the scores are set by hand here, so each
test says exactly what the claim layer does with them; the shipped models are exercised in
test_learned_attribution.py and test_claimworthy.py."""

from __future__ import annotations

import copy
import json
from pathlib import Path

import pytest
import spacy
from spacy.language import Language
from spacy.tokens import Doc, Span

from pipelines.nlp.assemble import add_components, claims_component
from pipelines.nlp.claims.extract import ClaimExtractor
from pipelines.nlp.claims.learned import POLICIES, SPANS_KEY, attributions, policy
from tests.nlp.conftest import pipeline, run_claims

TEXT = "The mayor quipped the bridge would reopen in May. Officials said the road was closed."


@pytest.fixture(scope="module")
def nlp() -> Language:
    nlp = spacy.blank("en")
    nlp.add_pipe("sentencizer")
    return add_components(nlp)


def _doc(nlp: Language, text: str, spans: dict[str, str]) -> Doc:
    doc = nlp.make_doc(text)
    for name, proc in nlp.pipeline:
        if name != "claims":
            doc = proc(doc)
    found = []
    for phrase, label in spans.items():
        start = text.index(phrase)
        found.append(doc.char_span(start, start + len(phrase), label=label))
    doc.spans[SPANS_KEY] = [s for s in found if s is not None]
    return doc


def _extractor(nlp: Language, name: str, worthiness: str = "off") -> ClaimExtractor:
    ex = copy.copy(claims_component(nlp).extractor)
    ex.learned_policy = policy(name)
    ex.worthiness = worthiness
    return ex


TAGGED = {
    "The mayor": "SOURCE",
    "quipped": "CUE",
    "the bridge would reopen in May": "CONTENT",
    "Officials": "SOURCE",
    "said": "CUE",
    "the road was closed": "CONTENT",
}


def test_rules_policy_ignores_the_tagger(nlp: Language) -> None:
    claims = _extractor(nlp, "rules")(_doc(nlp, TEXT, TAGGED), None)
    assert [(c.attribution, c.cue) for c in claims] == [("unattributed", None), ("indirect", "say")]


def test_tagger_policy_makes_a_claim_of_an_attribution_the_rules_miss(nlp: Language) -> None:
    claims = _extractor(nlp, "tagger")(_doc(nlp, TEXT, TAGGED), None)
    first = claims[0]
    assert (first.attribution, first.cue_text, first.claimant, first.content) == (
        "indirect",
        "quipped",
        "mayor",  # the claimant as the rules give it (without its determiner); its span is the tagger's
        "the bridge would reopen in May",
    )
    assert first.cue_span == (TEXT.index("quipped"), TEXT.index("quipped") + 7)
    assert first.claimant_span == (0, len("The mayor"))
    assert first.claimant_type is not None  # resolved like a rule claimant ("mayor" is a person noun)
    assert claims[1].cue == "say" and claims[1].content == "the road was closed"


def test_lexicon_policy_adds_only_attributions_with_a_reporting_word(nlp: Language) -> None:
    claims = _extractor(nlp, "rules_plus_lexicon")(_doc(nlp, TEXT, TAGGED), None)
    # "quipped" is no reporting word of the language pack: the sentence stays the outlet's
    assert [(c.attribution, c.cue) for c in claims] == [("unattributed", None), ("indirect", "say")]
    told = TEXT.replace("quipped", "told reporters")
    spans = {**TAGGED, "told": "CUE"}
    del spans["quipped"]
    claims = _extractor(nlp, "rules_plus_lexicon")(_doc(nlp, told, spans), None)
    assert claims[0].attribution == "indirect" and claims[0].cue_text == "told"


def test_a_matched_pair_takes_each_role_from_the_side_the_policy_names(nlp: Language) -> None:
    text = "Officials said on Monday that the road was closed."
    spans = {"Officials": "SOURCE", "said": "CUE", "was closed": "CONTENT"}  # a content cut short
    rules = _extractor(nlp, "rules")(_doc(nlp, text, spans), None)
    learned = _extractor(nlp, "tagger")(_doc(nlp, text, spans), None)
    mixed = _extractor(nlp, "union_rule_content")(_doc(nlp, text, spans), None)
    assert len(rules) == len(learned) == len(mixed) == 1
    assert learned[0].content == "was closed"
    assert mixed[0].content == rules[0].content == "the road was closed"
    assert mixed[0].cue_span == learned[0].cue_span and mixed[0].claimant == learned[0].claimant


def test_a_content_over_two_sentences_is_one_claim(nlp: Language) -> None:
    text = '"The bridge is closed. It will stay closed," the mayor said.'
    spans = {"The bridge is closed. It will stay closed": "CONTENT", "the mayor": "SOURCE", "said": "CUE"}
    claims = _extractor(nlp, "tagger")(_doc(nlp, text, spans), None)
    assert [(c.content, c.attribution, c.sentence_index) for c in claims] == [
        ("The bridge is closed. It will stay closed", "direct_quote", 0)
    ]


def test_unknown_policy_and_worthiness_mode_are_refused(nlp: Language) -> None:
    with pytest.raises(ValueError, match="allowed: \\["):
        policy("best")
    with pytest.raises(ValueError, match="worthiness: received 'all'"):
        ClaimExtractor("en", claims_component(nlp).extractor.aliases, worthiness="all")
    assert {"rules", "tagger"} <= set(POLICIES)


def test_worthiness_drops_only_unattributed_sentences_it_scores_low(nlp: Language) -> None:
    text = (
        "Officials said the road was closed. The weather was nice in the city. Troops captured the village."
    )
    doc = _doc(nlp, text, {})
    sents = [(s.start_char, s.end_char) for s in doc.sents]
    doc._.claim_worthiness = [(s, e, 0.01) for s, e in sents]  # every sentence scores low
    doc._.claim_worthiness_threshold = 0.05
    off = _extractor(nlp, "rules")(doc, None)
    strict = _extractor(nlp, "rules", "unattributed")(doc, None)
    other = _extractor(nlp, "rules", "unattributed_other")(doc, None)
    assert [c.attribution for c in off] == ["indirect", "unattributed", "unattributed"]
    assert [c.attribution for c in strict] == ["indirect"]  # an attributed claim is never dropped
    # only the unattributed sentence that names no event and no figure must be check-worthy
    assert [c.content for c in other] == ["the road was closed", "Troops captured the village"]
    doc._.claim_worthiness = None  # not scored (no classifier in the pipeline): nothing is dropped
    assert len(_extractor(nlp, "rules", "unattributed")(doc, None)) == 3


def _parser_pipeline() -> Language:
    """An English pipeline with a parser that is not the bundled one (as an official package would be: its own
    tokenizer settings, vocab and labels); initialised here on one sentence and not trained, so its parse is
    arbitrary: the learned components must not depend on it."""
    from spacy.training import Example

    nlp = spacy.blank("en")
    nlp.add_pipe("parser")
    words = ["Officials", "said", "the", "road", "was", "closed", "."]
    heads = [1, 1, 3, 5, 5, 1, 1]
    deps = ["nsubj", "ROOT", "det", "nsubj", "aux", "ccomp", "punct"]
    examples = [
        Example.from_dict(nlp.make_doc(" ".join(words)), {"words": words, "heads": heads, "deps": deps})
    ]
    nlp.initialize(lambda: examples)
    return nlp


@pytest.mark.slow
def test_the_learned_components_join_any_english_pipeline_with_a_parser() -> None:
    from pipelines.nlp.claims.learned import DEFAULT_MODEL as ATTRIBUTION_MODEL
    from pipelines.nlp.claims.worthiness import DEFAULT_MODEL as WORTHINESS_MODEL
    from pipelines.nlp.claims.worthiness import model_ready

    if not (ATTRIBUTION_MODEL / "config.cfg").is_file() or not model_ready(WORTHINESS_MODEL):
        pytest.skip(f"models/en-attribution or {WORTHINESS_MODEL.name} is not built")
    nlp = add_components(_parser_pipeline())
    names = [nlp.get_pipe_meta(n).factory for n in nlp.pipe_names]
    assert names[-3:] == [
        "claimflow_attribution_tagger_v1",
        "claimflow_claim_worthiness_v1",
        "claimflow_claims_v1",
    ]
    text = "The senator pledged on Tuesday that the bill would pass. The weather was mild."
    doc = nlp(text)
    assert {s.label_ for s in doc.spans[SPANS_KEY]} <= {"SOURCE", "CUE", "CONTENT"}
    assert doc.spans[SPANS_KEY] and doc._.claim_worthiness is not None
    assert doc._.claims is not None
    # without a parser (a blank pipeline) nothing learned is added; with learned=False neither
    blank = add_components(spacy.blank("en"))
    assert "claimflow_attribution_tagger_v1" not in {blank.get_pipe_meta(n).factory for n in blank.pipe_names}
    plain = add_components(_parser_pipeline(), learned=False)
    assert "claimflow_attribution_tagger_v1" not in {plain.get_pipe_meta(n).factory for n in plain.pipe_names}


def test_a_learned_content_in_a_question_gives_no_claim(nlp: Language) -> None:
    text = "Officials said the road was closed. Can anyone say that the road was open?"
    spans = {"Officials": "SOURCE", "said": "CUE", "the road was open": "CONTENT"}
    claims = _extractor(nlp, "tagger")(_doc(nlp, text, spans), None)
    assert all("open" not in c.content for c in claims)


def test_an_unmatched_attribution_whose_content_is_only_in_the_next_sentence_is_not_added(
    nlp: Language,
) -> None:
    text = 'Kyiv stayed silent about its losses. "We are advancing," a spokesman told reporters.'
    spans = {"Kyiv": "SOURCE", "stayed silent about": "CUE", "We are advancing": "CONTENT"}
    claims = _extractor(nlp, "union")(_doc(nlp, text, spans), None)
    assert claims == _extractor(nlp, "rules")(_doc(nlp, text, spans), None)
    assert not any(c.cue_text == "stayed silent about" for c in claims)


def test_a_sentence_of_only_source_and_cue_takes_its_quotation_from_the_next_sentence(nlp: Language) -> None:
    # as in '"How many times …?" Clinton said. "In Tulsa, an unarmed man …"' (the question gives no claim)
    text = 'Mayor Klitschko said. "Forty homes were damaged overnight in three districts."'
    spans = {
        "Forty homes were damaged overnight in three districts": "CONTENT",
        "Mayor Klitschko": "SOURCE",
        "said": "CUE",
    }
    claims = _extractor(nlp, "tagger")(_doc(nlp, text, spans), None)
    assert [(c.cue_text, c.content) for c in claims] == [
        ("said", "Forty homes were damaged overnight in three districts")
    ]
    # a sentence with more words than its source and cue keeps to its own sentence
    text = 'Kyiv stayed silent about it. "Forty homes were damaged overnight in three districts."'
    spans = {
        "Forty homes were damaged overnight in three districts": "CONTENT",
        "Kyiv": "SOURCE",
        "stayed silent": "CUE",
    }
    claims = _extractor(nlp, "tagger")(_doc(nlp, text, spans), None)
    assert not any(c.cue_text == "stayed silent" for c in claims)


def test_an_unmatched_attribution_is_nested_only_in_contents_the_claims_keep(nlp: Language) -> None:
    text = "The minister is telling veterans that the army is depleted and says he will expand it."
    spans = {
        "The minister": "SOURCE",
        "is telling": "CUE",
        "the army is depleted": "CONTENT",
        "says": "CUE",
        "he will expand it": "CONTENT",
    }
    claims = _extractor(nlp, "tagger")(_doc(nlp, text, spans), None)
    assert [c.content for c in claims] == ["the army is depleted", "he will expand it"]


def test_clause_policy_adds_a_non_lexicon_cue_only_with_a_clause_content(nlp: Language) -> None:
    text = "Russian forces attacked the port with drones. The mayor quipped the bridge would reopen in May."
    spans = {
        "Russian forces": "SOURCE",
        "attacked": "CUE",
        "the port with drones": "CONTENT",
        "The mayor": "SOURCE",
        "quipped": "CUE",
        "the bridge would reopen in May": "CONTENT",
    }
    doc = _doc(nlp, text, spans)
    for t in doc:  # the finite verbs a parser-ful English pipeline marks (this one has no tagger)
        if t.text in ("attacked", "would"):
            t.pos_ = "VERB" if t.text == "attacked" else "AUX"
            t.set_morph("VerbForm=Fin")
    claims = _extractor(nlp, "tagger_lexicon_clause")(doc, None)
    assert [c.cue_text for c in claims if c.attribution != "unattributed"] == ["quipped"]
    assert not any(c.cue_text == "quipped" for c in _extractor(nlp, "tagger_lexicon")(doc, None))


def test_nlp_learned_false_gives_the_english_pipeline_without_the_learned_components() -> None:
    """The ``nlp.learned`` setting reaches the shared pipeline: off, English runs on rules alone."""
    from pipelines.config import load_settings
    from pipelines.nlp.assemble import shared_nlp

    settings = load_settings(None, {"CLAIMFLOW_NLP__LEARNED": "false"})
    assert settings.nlp.learned is False
    with_learned, _, _ = shared_nlp("en", "bundled:en")
    rules_only, _, _ = shared_nlp("en", "bundled:en", learned=settings.nlp.learned)
    learned_factories = {"claimflow_attribution_tagger_v1", "claimflow_claim_worthiness_v1"}
    assert learned_factories <= {with_learned.get_pipe_meta(n).factory for n in with_learned.pipe_names}
    assert not learned_factories & {rules_only.get_pipe_meta(n).factory for n in rules_only.pipe_names}


def test_corpus_policy_adds_a_non_lexicon_cue_that_polnear_train_marks_as_a_cue(
    nlp: Language, tmp_path: Path
) -> None:
    text = "The senator endorsed the governor. The mayor quipped about the bridge."
    spans = {
        "The senator": "SOURCE",
        "endorsed": "CUE",
        "the governor": "CONTENT",
        "The mayor": "SOURCE",
        "quipped": "CUE",
        "the bridge": "CONTENT",
    }
    (tmp_path / "cue_words.json").write_text(json.dumps({"words": {"endorsed": [67, 96]}}), encoding="utf-8")
    doc = _doc(nlp, text, spans)
    doc.spans[SPANS_KEY].attrs["model_path"] = str(tmp_path)  # as the tagger component names its model
    cues = [
        c.cue_text
        for c in _extractor(nlp, "tagger_corpus_clause")(doc, None)
        if c.attribution != "unattributed"
    ]
    assert cues == ["endorsed"]  # "quipped" is in neither list, and "the bridge" is no clause
    assert not any(
        c.attribution != "unattributed" for c in _extractor(nlp, "tagger_lexicon_clause")(doc, None)
    )


def test_a_passive_subject_the_tagger_marks_as_source_is_no_claimant(nlp: Language) -> None:
    """ "Quiros was praised for the plan": the one praised is the one the cue is about, not the one who speaks
    (an attribution the rules do not have)."""
    words = ["Quiros", "was", "praised", "for", "the", "plan", "."]
    heads = [2, 2, 2, 5, 5, 2, 2]
    deps = ["nsubj:pass", "aux:pass", "ROOT", "case", "det", "obl", "punct"]
    text = "Quiros was praised for the plan."
    for dep, claimant in (("nsubj:pass", None), ("nsubj", "Quiros")):
        doc = Doc(
            nlp.vocab,
            words=words,
            spaces=[True, True, True, True, True, False, False],
            heads=heads,
            deps=[dep, "aux:pass" if dep == "nsubj:pass" else "aux", *deps[2:]],
            sent_starts=[True, False, False, False, False, False, False],
        )
        for name, proc in nlp.pipeline:
            if name not in ("claims", "sentencizer"):
                doc = proc(doc)
        doc.spans[SPANS_KEY] = [
            doc.char_span(0, 6, label="SOURCE"),
            doc.char_span(7, 22, label="CUE"),
            doc.char_span(23, len(text) - 1, label="CONTENT"),
        ]
        claims = [c for c in _extractor(nlp, "tagger")(doc, None) if c.cue_text == "was praised for"]
        if claimant is None:
            # no claimant from the patient; an agentless passive with no clause after it is no claim at all
            # (stance.passive_object)
            assert all(c.claimant_span is None for c in claims), claims
        else:
            (claim,) = claims
            assert claim.claimant_span is not None


def test_the_last_sentence_of_a_quotation_of_several_takes_the_whole_quotation(nlp: Language) -> None:
    """'"The bridge is closed. It will stay closed," the mayor said.': the tagger marks the last sentence as the
    content; the claim's content is the whole quotation, unless another cue stands inside it."""
    text = '"The bridge is closed. It will stay closed," the mayor said.'
    spans = {"It will stay closed": "CONTENT", "the mayor": "SOURCE", "said": "CUE"}
    claims = [c for c in _extractor(nlp, "tagger")(_doc(nlp, text, spans), None) if c.cue_text == "said"]
    assert [c.content for c in claims] == ["The bridge is closed. It will stay closed"]
    nested = '"The bridge is closed, he wrote. It will stay closed," the mayor said.'
    spans = {"It will stay closed": "CONTENT", "the mayor": "SOURCE", "said": "CUE", "wrote": "CUE"}
    claims = [c for c in _extractor(nlp, "tagger")(_doc(nlp, nested, spans), None) if c.cue_text == "said"]
    assert [c.content for c in claims] == ["It will stay closed"]


def test_a_quotation_attributed_by_a_dash_and_a_name_is_the_names_claim(nlp: Language) -> None:
    """``“…” ― Name`` at the end of its line (readers' voices, epigraphs): the tagger marks the name as a SOURCE
    but no cue; the dash is the cue. A dash inside a sentence ("rose ― and fell"), a dash without a quotation
    before it, or a name with more words after it on its line gives none."""
    text = "“He represents our greatest shame,” he wrote. “The plan will fail.” ― Sonya Herridge\nMore text here."
    spans = {"The plan will fail": "CONTENT", "Sonya Herridge": "SOURCE"}
    claims = [c for c in _extractor(nlp, "tagger_corpus_clause")(_doc(nlp, text, spans), None) if c.cue_text]
    dash = [c for c in claims if c.cue_text == "―"]
    assert [(c.claimant, c.content, c.attribution) for c in dash] == [
        ("Sonya Herridge", "The plan will fail", "direct_quote")
    ]
    # without a content span the quotation before the dash is the content
    only_name = _extractor(nlp, "tagger_corpus_clause")(_doc(nlp, text, {"Sonya Herridge": "SOURCE"}), None)
    assert [c.content for c in only_name if c.cue_text == "―"] == ["The plan will fail"]
    for other in (
        "Prices rose ― Sonya Herridge said nothing.\n",
        "The plan will fail. ― Sonya Herridge\n",
        "“The plan will fail.” ― Sonya Herridge of Texas told us.\n",
    ):
        found = _extractor(nlp, "tagger_corpus_clause")(_doc(nlp, other, {"Sonya Herridge": "SOURCE"}), None)
        assert not [c for c in found if c.cue_text == "―"], other


def test_a_matched_cue_whose_learned_content_is_another_sentence_keeps_the_rules_content() -> None:
    # the tagger pairs "said" with the next paragraph's sentence; the rules' content is the clause before the cue
    # (the rules need the parse: the English model pipeline, its tagger's spans replaced by these)
    nlp = pipeline("en", True)
    text = (
        "An acre of trees can absorb 150 tons of carbon, Mr. Voorhis said.\n\n"
        "The company plans to plant a million acres next year."
    )
    spans = {
        "Mr. Voorhis": "SOURCE",
        "said": "CUE",
        "The company plans to plant a million acres next year": "CONTENT",
    }
    claims = _extractor(nlp, "tagger_corpus_clause")(_doc(nlp, text, spans), None)
    said = [c for c in claims if c.cue_text == "said"]
    assert [c.content for c in said] == ["An acre of trees can absorb 150 tons of carbon"]
    assert said[0].claimant == "Voorhis"


def _tagged(
    text: str, spans: list[tuple[str, str]], ents: list[tuple[str, str]], dets: tuple[str, ...] = ()
) -> Doc:
    """A sentencized blank English doc with the tagger's spans, the NER's entities and determiners set by hand."""
    nlp = spacy.blank("en")
    nlp.add_pipe("sentencizer")
    doc = nlp(text)
    for t in doc:
        t.pos_ = "DET" if t.lower_ in dets else "X"

    def span(phrase: str, label: str) -> Span:
        start = text.index(phrase)
        found = doc.char_span(start, start + len(phrase), label=label)
        assert found is not None, phrase
        return found

    doc.ents = [span(p, label) for p, label in ents]
    doc.spans[SPANS_KEY] = [span(p, label) for p, label in spans]
    return doc


def test_a_source_span_grows_over_a_name_it_cuts_but_not_over_a_cue() -> None:
    """ "May" read as the month leaves the name cut; a headline's name that runs on into its verb stays short."""
    doc = _tagged(
        "British Prime Minister Theresa May said the talks had failed.",
        [("British Prime Minister Theresa", "SOURCE"), ("said", "CUE"), ("the talks had failed", "CONTENT")],
        [("Theresa May", "PER")],
    )
    assert [a.source.text for a in attributions(doc) if a.source] == ["British Prime Minister Theresa May"]
    doc = _tagged(
        "Lindsey Graham Says Trump Could Address Clean Energy",
        [("Lindsey Graham", "SOURCE"), ("Says", "CUE"), ("Trump Could Address Clean Energy", "CONTENT")],
        [("Lindsey Graham Says", "PER")],
    )
    assert [a.source.text for a in attributions(doc) if a.source] == ["Lindsey Graham"]


def test_a_name_and_its_apposition_are_one_source_two_names_are_two() -> None:
    doc = _tagged(
        "Sen. Anna Berg (D-Maine), a committee member, said the deal was bad.",
        [
            ("Sen. Anna Berg (D-Maine", "SOURCE"),
            ("a committee member", "SOURCE"),
            ("said", "CUE"),
            ("the deal was bad", "CONTENT"),
        ],
        [("Anna Berg", "PER")],
        dets=("a",),
    )
    assert [a.source.text for a in attributions(doc) if a.source] == [
        "Sen. Anna Berg (D-Maine), a committee member"
    ]
    doc = _tagged(
        "According to Kyiv Post, ministry spokesman Oleh Marchenko said she would sign it.",
        [
            ("Kyiv Post", "SOURCE"),
            ("ministry spokesman Oleh Marchenko", "SOURCE"),
            ("said", "CUE"),
            ("she would sign it", "CONTENT"),
        ],
        [("Kyiv Post", "ORG"), ("Oleh Marchenko", "PER")],
    )
    assert [a.source.text for a in attributions(doc) if a.source] == ["ministry spokesman Oleh Marchenko"]


def test_the_claimant_of_a_titled_source_with_an_apposition_is_the_persons_name() -> None:
    text = (
        '"The grid will hold through the winter if the repairs go on," Sen. Anna Berg (D-Maine), a committee'
        " member, said in a phone interview."
    )
    claims = [c for c in run_claims(pipeline("en", True), text, None) if c["cue_text"] == "said"]
    assert [c["claimant"] for c in claims] == ["Anna Berg"], claims


def test_a_sentence_opening_name_is_the_source_of_a_sourceless_active_cue() -> None:
    """ "Rep. Anna Berg (D-Maine), chairman of the caucus, said …" with a parse that lost the subject: the words
    before the cue are its source; not before a passive ("Berg was charged …": the one it is about)."""
    from types import SimpleNamespace

    from pipelines.nlp.claims.learned import LearnedAttribution
    from pipelines.nlp.claims.learned_sources import _opening_phrase

    doc = _tagged(
        "Rep. Anna Berg (D-Maine), chairman of the caucus, said members will help.",
        [("said", "CUE"), ("members will help", "CONTENT")],
        [("Anna Berg", "PER")],
    )
    cue = next(s for s in doc.spans[SPANS_KEY] if s.label_ == "CUE")
    content = next(s for s in doc.spans[SPANS_KEY] if s.label_ == "CONTENT")
    ctx = SimpleNamespace(doc=doc, cue_meta={cue.root.i: ("say", frozenset())})
    att = LearnedAttribution(cue, None, (content,))
    found = _opening_phrase(ctx, att, 0)  # type: ignore[arg-type]
    assert found is not None and found.text == "Rep. Anna Berg (D-Maine), chairman of the caucus"
    cue.root.set_morph("Voice=Pass")
    assert _opening_phrase(ctx, att, 0) is None  # type: ignore[arg-type]
    assert _opening_phrase(SimpleNamespace(doc=doc, cue_meta={}), att, 0) is None  # type: ignore[arg-type]


def test_a_report_whose_source_follows_after_a_comma_stands_where_the_tagger_marked_no_cue() -> None:
    # the tagger saw the source but no cue; the words alone make the sentence the radio's report
    nlp = pipeline("en", True)
    text = (
        "Four sailors are feared dead after their trawler capsized in a storm, state radio said on Tuesday."
    )
    claims = _extractor(nlp, "tagger_corpus_clause")(_doc(nlp, text, {"state radio": "SOURCE"}), None)
    assert [(c.attribution, c.claimant, c.cue_text, c.content) for c in claims] == [
        (
            "indirect",
            "state radio",
            "said",
            "Four sailors are feared dead after their trawler capsized in a storm",
        )
    ]
    # also under the policy that keeps no other rule claim the tagger did not see
    assert [c.claimant for c in _extractor(nlp, "tagger")(_doc(nlp, text, {}), None)] == ["state radio"]


def test_a_learned_content_cut_short_before_a_source_after_a_comma_takes_the_whole_report() -> None:
    nlp = pipeline("en", True)
    text = (
        "The raid came after auditors found that the depot had sold fuel meant for the army, "
        "the commission said."
    )
    spans = {"The raid came after": "CONTENT", "the commission": "SOURCE", "said": "CUE"}
    claims = _extractor(nlp, "tagger_corpus_clause")(_doc(nlp, text, spans), None)
    assert [(c.claimant, c.content) for c in claims] == [
        ("commission", text[: text.index(", the commission")])
    ]


def test_a_source_after_its_cue_that_the_tagger_took_for_the_content_is_the_source() -> None:
    nlp = pipeline("en", True)
    text = "The rebels shelled the bridge twice overnight, said a regional official."
    spans = {"said": "CUE", "a regional official": "CONTENT"}
    claims = _extractor(nlp, "tagger_corpus_clause")(_doc(nlp, text, spans), None)
    assert [(c.claimant, c.content) for c in claims] == [
        ("regional official", "The rebels shelled the bridge twice overnight")
    ]
    # not a cue with an object after a comma that closes a relative clause
    text = "The war, which began in 1992, claimed over 10,000 lives."
    spans = {"claimed": "CUE", "over 10,000 lives": "CONTENT"}
    claims = _extractor(nlp, "tagger_corpus_clause")(_doc(nlp, text, spans), None)
    assert all(c.claimant != "over 10,000 lives" for c in claims), claims
