"""Language packs: the claim layer reads its words and rules from pipelines/nlp/langpacks/<code>/pack.json; a
language is added with a folder. A toy Dutch pack (written here, in a temporary directory named by
$CLAIMFLOW_LANGUAGE_PACKS) runs through `claimflow extract` with a blank Dutch spaCy pipeline."""

from __future__ import annotations

import ast
import json
from collections.abc import Iterator
from pathlib import Path

import pytest
import spacy

from pipelines.cli import main
from pipelines.nlp import langpacks
from pipelines.nlp.claims.lexicon import load_lexicon

REPO = Path(__file__).resolve().parents[2]

TOY = {
    "about": "A toy Dutch pack for the test: two reporting verbs, one according-to phrase, one hedge.",
    "code": "nl",
    "quotation_marks": {"open": {"“": "”", '"': '"'}, "close": ["”", '"']},
    "complementizers": ["dat"],
    "articles": ["de", "het", "een"],
    "determiners": ["de", "het", "een"],
    "lexicon": {
        "cues": {"zei": ["zeggen"], "meldde": ["melden"]},
        "according_to": ["volgens"],
        "hedges": ["mogelijk"],
        "negations": ["niet", "geen"],
        "claimant_nouns": {"government": ["ministerie"]},
    },
    "event_triggers": {"attack": ["aanval", "beschoten"]},
}


@pytest.fixture
def toy_pack(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Iterator[Path]:
    packs = tmp_path / "packs"
    (packs / "nl").mkdir(parents=True)
    (packs / "nl" / "pack.json").write_text(json.dumps(TOY, ensure_ascii=False), encoding="utf-8")
    monkeypatch.setenv(langpacks.PACKS_ENV, str(packs))
    langpacks.load_pack.cache_clear()
    load_lexicon.cache_clear()
    yield packs
    langpacks.load_pack.cache_clear()
    load_lexicon.cache_clear()


def test_bundled_packs_are_the_claim_languages() -> None:
    assert langpacks.claim_languages() == ("en", "ru", "uk")
    for code in langpacks.claim_languages():
        pack = langpacks.load_pack(code)
        assert pack.code == code and pack.lexicon["cues"] and pack.event_triggers


def test_an_unknown_key_is_named(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    (tmp_path / "nl").mkdir()
    (tmp_path / "nl" / "pack.json").write_text(json.dumps({"code": "nl", "reporting_verbz": []}))
    monkeypatch.setenv(langpacks.PACKS_ENV, str(tmp_path))
    langpacks.load_pack.cache_clear()
    with pytest.raises(langpacks.LanguagePackError, match="reporting_verbz"):
        langpacks.load_pack("nl")
    langpacks.load_pack.cache_clear()


def test_no_language_code_branches_in_the_claim_rules() -> None:
    """The claim rules never compare a language code: what differs between languages is in the packs."""
    rules = [REPO / "pipelines/nlp/gazetteer.py", REPO / "pipelines/nlp/segment.py"]
    for path in [*(REPO / "pipelines/nlp/claims").glob("*.py"), *rules]:
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
            if not isinstance(node, ast.Compare):
                continue
            sides = (node.left, *node.comparators)
            on_language = any(ast.unparse(x).endswith(("lang", "language")) for x in sides)
            literal = any(
                isinstance(c, ast.Constant) and isinstance(c.value, str) for x in sides for c in ast.walk(x)
            )
            assert not (on_language and literal), (path.name, ast.unparse(node))


def test_extract_runs_a_toy_language_pack(
    toy_pack: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    model = tmp_path / "nl-blank"
    blank = spacy.blank("nl")
    blank.add_pipe("sentencizer")  # a pipeline without a parser needs sentence boundaries for the entity rows
    blank.to_disk(model)
    text = (
        "Het ministerie zei dat de stad gisteren werd beschoten. "
        "De brug is mogelijk niet beschadigd, volgens de burgemeester."
    )
    record = {
        "id": "nl-1",
        "source": "toy-wire",
        "url": "https://example.org/nl/1",
        "title": "Stad beschoten",
        "published_at": "2025-01-07T10:00:00+01:00",
        "language_hint": "nl",
        "text": text,
    }
    path = tmp_path / "nl.jsonl"
    path.write_text(json.dumps(record, ensure_ascii=False) + "\n", encoding="utf-8")
    assert main(["extract", "--model", f"nl={model}", str(path)]) == 0
    (out,) = [json.loads(line) for line in capsys.readouterr().out.splitlines()]
    assert "reject" not in out and out["language"] == "nl", out
    by_attribution = {c["attribution"]: c for c in out["claims"]}
    said = by_attribution["indirect"]
    assert (said["cue"], said["claimant"], said["claimant_type"]) == ("zeggen", "ministerie", "government")
    assert said["content"] == "de stad gisteren werd beschoten" and said["event_type"] == "attack"
    according = by_attribution["according_to"]
    assert according["cue"] == "volgens" and according["hedged"] and according["negated"]


def test_the_sentence_splitter_reads_abbreviations_from_the_packs(toy_pack: Path) -> None:
    """A full stop after a pack's abbreviation ends no sentence; the splitter has no word list of its own."""
    from pipelines.nlp.segment import sentence_starts

    text = "De minister sprak met Drs. Jansen over de brug."
    doc = spacy.blank("nl")(text)

    def starts() -> list[str]:
        return [doc[i].text for i, start in enumerate(sentence_starts(doc)) if start]

    assert starts() == ["De", "Jansen"]  # "drs" is in no pack yet
    toy = json.loads((toy_pack / "nl" / "pack.json").read_text(encoding="utf-8"))
    (toy_pack / "nl" / "pack.json").write_text(
        json.dumps({**toy, "abbreviations": ["drs"]}, ensure_ascii=False), encoding="utf-8"
    )
    langpacks.load_pack.cache_clear()
    langpacks._abbreviations.cache_clear()
    assert starts() == ["De"]
    assert {"gen", "г", "ім"} <= langpacks.abbreviations()  # the bundled packs' words are there too
    langpacks._abbreviations.cache_clear()
