"""The ``claims`` table schema (schemas/tables/claims.json) checked against :class:`Claim`, the one shape of a
claim: every field that is a column is in the table with a matching type and nullability, and every other
column of the table is one the rows add (article, lineage, partitions, claim id)."""

from __future__ import annotations

import json
import types
import typing
from dataclasses import fields

from pipelines.nlp.claims.claim import CLAIM_KEYS, Claim
from pipelines.nlp.claims.quantities import Quantity
from pipelines.nlp.claims.times import TimeExpr
from pipelines.resources import schemas_dir

#: columns that pipelines.rows.claim_rows and the claims stage add to a Claim's own
ADDED_BY_ROWS = {
    "claim_id",
    "article_id",
    "outlet",
    "published_at",
    "source_topic",
    "source_partition",
    "source_offset",
    "source_timestamp",
    "published_date",
    "language",
}
SCALARS = {int: "int32", str: "string", bool: "bool", float: "float64"}
STRUCTS = {
    Quantity: "struct<text: string, value: float64, lower_bound: float64, upper_bound: float64, "
    "qualifier: string, unit: string>",
    TimeExpr: "struct<text: string, resolved_start: date32, resolved_end: date32>",
}


def _table() -> dict[str, dict[str, typing.Any]]:
    schema = json.loads((schemas_dir() / "tables" / "claims.json").read_text(encoding="utf-8"))
    return {c["name"]: c for c in schema["columns"]}


def _arrow_type(hint: typing.Any) -> tuple[str, bool]:
    """(the table type a field's annotation maps to, whether it is nullable)."""
    args = typing.get_args(hint)
    if isinstance(hint, types.UnionType) and type(None) in args:
        (inner,) = [a for a in args if a is not type(None)]
        return _arrow_type(inner)[0], True
    if typing.get_origin(hint) is tuple:
        item = args[0]
        return f"list<{SCALARS.get(item) or STRUCTS[item]}>", False
    return SCALARS[hint], False


def test_every_claim_field_is_a_column_of_the_claims_table() -> None:
    table = _table()
    hints = typing.get_type_hints(Claim)
    for name in CLAIM_KEYS:
        assert name in table, f"Claim.{name} is not a column of schemas/tables/claims.json"
        arrow, nullable = _arrow_type(hints[name])
        assert table[name]["type"] == arrow, (name, table[name]["type"], arrow)
        assert table[name]["nullable"] == nullable, name


def test_every_claims_column_comes_from_the_claim_or_the_rows() -> None:
    assert set(_table()) == set(CLAIM_KEYS) | ADDED_BY_ROWS
    assert not set(CLAIM_KEYS) & ADDED_BY_ROWS


def test_evaluation_spans_are_not_columns() -> None:
    names = {f.name for f in fields(Claim)}
    assert {"cue_span", "claimant_span"} <= names - set(CLAIM_KEYS)
