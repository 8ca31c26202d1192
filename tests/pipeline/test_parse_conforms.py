"""pipelines.parse_articles.conforms: the article contract checked without jsonschema gives jsonschema's verdict on
every document (generated ones, valid and not), and the parser imports jsonschema only to describe a refused one."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path
from typing import Any

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from jsonschema import Draft202012Validator

from pipelines.parse_articles import _Unsupported, conforms
from pipelines.schema import article_json_schema

REPO = Path(__file__).resolve().parents[2]
SCHEMA = article_json_schema()
FIELDS = list(SCHEMA["properties"])

# strings around the contract's limits and patterns: lengths at each maxLength, spaces at the ends, URLs, codes
_EDGE_LENGTHS = [0, 1, 2, 3, 4, 255, 256, 257, 511, 512, 513, 1999, 2000, 2001, 4095, 4096, 4097]
_STRINGS = st.one_of(
    st.text(max_size=12),
    st.sampled_from(
        [
            "",
            " ",
            "a",
            " a",
            "a ",
            "en",
            "ukr",
            "EN",
            "engl",
            "https://x.org/a",
            "x://",
            "1a://b",
            "ftp://a b",
            "2024-01-01T00:00:00Z",
            "\n",
            "a\nb",
            "\u00a0a",
        ]
    ),
    st.builds(lambda c, n: c * n, st.sampled_from(["a", " ", "é"]), st.sampled_from(_EDGE_LENGTHS)),
    st.builds(lambda n: "https://e.org/" + "p" * n, st.sampled_from([4070, 4082, 4083, 4090])),
)
_VALUES = st.recursive(
    st.one_of(_STRINGS, st.none(), st.booleans(), st.integers(), st.floats(allow_nan=False)),
    lambda inner: st.one_of(
        st.lists(inner, max_size=3), st.dictionaries(st.text(max_size=3), inner, max_size=2)
    ),
    max_leaves=4,
)
_VALID = {
    "id": "a-1",
    "source": "s",
    "url": "https://example.org/a",
    "title": "t",
    "published_at": "2025-01-07T13:25:00+03:00",
    "text": "body",
}


@st.composite
def _documents(draw: Any) -> Any:
    if draw(st.integers(0, 9)) == 0:
        return draw(_VALUES)  # not an object at all
    doc = {k: v for k, v in _VALID.items() if draw(st.integers(0, 5))}  # now and then a field is missing
    for name in draw(st.lists(st.sampled_from([*FIELDS, "extra"]), max_size=4)):
        doc[name] = draw(st.one_of(_STRINGS, _VALUES) if name != "authors" else st.lists(_VALUES, max_size=3))
    return doc


@settings(max_examples=3000, deadline=None)
@given(_documents())
def test_conforms_agrees_with_jsonschema(doc: Any) -> None:
    assert conforms(doc, SCHEMA) == Draft202012Validator(SCHEMA).is_valid(doc)


def test_the_contract_is_valid_and_refused_documents_are_refused() -> None:
    assert conforms(_VALID, SCHEMA)
    assert not conforms({**_VALID, "html": "<p>x</p>"}, SCHEMA)  # both bodies: oneOf fails
    assert not conforms({k: v for k, v in _VALID.items() if k != "text"}, SCHEMA)  # no body
    assert not conforms({**_VALID, "id": " a"}, SCHEMA)  # pattern
    assert not conforms({**_VALID, "extra": 1}, SCHEMA)  # additionalProperties


def test_an_unknown_keyword_is_left_to_jsonschema() -> None:
    with pytest.raises(_Unsupported):
        conforms(3, {"type": "integer"})
    with pytest.raises(_Unsupported):
        conforms("a", {"enum": ["a"]})


def test_parser_imports_jsonschema_only_for_a_refused_document() -> None:
    code = (
        "import sys\n"
        "from pipelines.parse_articles import ArticleParser\n"
        "from pipelines.errors import InvalidRecord\n"
        "p = ArticleParser()\n"
        f"p.validate({_VALID!r})\n"
        "print('jsonschema' in sys.modules)\n"
        "try:\n"
        f"    p.validate({{**{_VALID!r}, 'id': ''}})\n"
        "except InvalidRecord as exc:\n"
        "    print(exc)\n"
        "print('jsonschema' in sys.modules)\n"
    )
    out = subprocess.run(
        [sys.executable, "-c", code], cwd=REPO, capture_output=True, text=True, check=True
    ).stdout.splitlines()
    assert out[0] == "False"
    assert out[1].startswith('id: received ""')  # jsonschema's error, described as before
    assert out[2] == "True"
