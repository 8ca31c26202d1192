"""Table schemas: read once from ``schemas/tables/*.json`` and turned into Arrow schemas.

The JSON files are the single source of truth for column names, Arrow types, nullability, descriptions,
primary keys and partition columns. The writer, the readers, the tests and the data dictionary all use
:func:`table_spec`.

Type strings are a small grammar over Arrow types::

    string | binary | bool | int32 | int64 | float64 | date32 | timestamp[ms, UTC] | timestamp[us, UTC]
    list<T> | struct<name: T, name: T, ...>
"""

from __future__ import annotations

import json
from dataclasses import dataclass
from functools import cache, lru_cache
from typing import Any

import pyarrow as pa

from pipelines.errors import ConfigError
from pipelines.resources import schemas_dir

TABLES = ("articles", "entities", "claims", "rejects")

_PRIMITIVES: dict[str, pa.DataType] = {
    "string": pa.string(),
    "binary": pa.binary(),
    "bool": pa.bool_(),
    "int32": pa.int32(),
    "int64": pa.int64(),
    "float64": pa.float64(),
    "date32": pa.date32(),
    "timestamp[ms, UTC]": pa.timestamp("ms", tz="UTC"),
    "timestamp[us, UTC]": pa.timestamp("us", tz="UTC"),
}


@dataclass(frozen=True)
class ColumnSpec:
    name: str
    type: str
    nullable: bool
    description: str

    @property
    def arrow_type(self) -> pa.DataType:
        return parse_type(self.type)


@dataclass(frozen=True)
class TableSpec:
    name: str
    schema_version: str
    description: str
    primary_key: tuple[str, ...]
    partition_by: tuple[str, ...]
    columns: tuple[ColumnSpec, ...]

    @property
    def column_names(self) -> list[str]:
        return [c.name for c in self.columns]

    def arrow_schema(self, *, with_partitions: bool = True) -> pa.Schema:
        """The table's Arrow schema. Files on disk hold it without the partition columns. Built once per spec
        (Arrow schemas are immutable): rows are checked against it record by record."""
        return _arrow_schema(self, with_partitions)

    def partitioning_schema(self) -> pa.Schema:
        by_name = {c.name: c for c in self.columns}
        return pa.schema([pa.field(n, by_name[n].arrow_type) for n in self.partition_by])


def parse_type(text: str) -> pa.DataType:
    """Parse a type string of the grammar above into an Arrow type."""
    parsed, rest = _parse(text.strip())
    if rest.strip():
        raise ConfigError("type", text, "one type expression; trailing text " + repr(rest))
    return parsed


def _parse(text: str) -> tuple[pa.DataType, str]:
    for prefix in ("list<", "struct<"):
        if text.startswith(prefix):
            inner, rest = _split_bracket(text[len(prefix) - 1 :])
            if prefix == "list<":
                item, tail = _parse(inner.strip())
                if tail.strip():
                    raise ConfigError("type", text, "list<T> with one item type")
                return pa.list_(item), rest
            return pa.struct(_parse_struct_fields(inner)), rest
    for name in sorted(_PRIMITIVES, key=len, reverse=True):
        if text.startswith(name):
            return _PRIMITIVES[name], text[len(name) :]
    raise ConfigError("type", text, "one of " + ", ".join(_PRIMITIVES) + ", list<T>, struct<name: T, ...>")


def _split_bracket(text: str) -> tuple[str, str]:
    """Split '<...>rest' at the matching '>'."""
    depth = 0
    for i, ch in enumerate(text):
        if ch == "<":
            depth += 1
        elif ch == ">":
            depth -= 1
            if depth == 0:
                return text[1:i], text[i + 1 :]
    raise ConfigError("type", text, "balanced angle brackets")


def _parse_struct_fields(inner: str) -> list[pa.Field]:
    fields: list[pa.Field] = []
    rest = inner.strip()
    while rest:
        name, sep, after = rest.partition(":")
        if not sep:
            raise ConfigError("type", inner, "struct fields as 'name: type'")
        dtype, rest = _parse(after.strip())
        fields.append(pa.field(name.strip(), dtype))
        rest = rest.strip()
        if rest.startswith(","):
            rest = rest[1:].strip()
        elif rest:
            raise ConfigError("type", inner, "struct fields separated by ','")
    return fields


def spec_from_json(raw: dict[str, Any]) -> TableSpec:
    """A :class:`TableSpec` from the JSON form of ``schemas/tables`` and ``schemas/history``."""
    columns = tuple(
        ColumnSpec(c["name"], c["type"], bool(c["nullable"]), c["description"]) for c in raw["columns"]
    )
    return TableSpec(
        name=raw["table"],
        schema_version=raw["schema_version"],
        description=raw["description"],
        primary_key=tuple(raw["primary_key"]),
        partition_by=tuple(raw["partition_by"]),
        columns=columns,
    )


@lru_cache(maxsize=64)
def _arrow_schema(spec: TableSpec, with_partitions: bool) -> pa.Schema:
    fields = [
        pa.field(c.name, c.arrow_type, nullable=c.nullable, metadata={"description": c.description})
        for c in spec.columns
        if with_partitions or c.name not in spec.partition_by
    ]
    metadata = {
        "claimflow.table": spec.name,
        "claimflow.schema_version": spec.schema_version,
        "claimflow.primary_key": ",".join(spec.primary_key),
        "claimflow.partition_by": ",".join(spec.partition_by),
    }
    return pa.schema(fields, metadata=metadata)


@cache
def table_spec(name: str) -> TableSpec:
    """The spec of one table, from ``schemas/tables/<name>.json``."""
    if name not in TABLES:
        raise ConfigError("table", name, ", ".join(TABLES))
    raw: dict[str, Any] = json.loads((schemas_dir() / "tables" / f"{name}.json").read_text("utf-8"))
    spec = spec_from_json(raw)
    for col in spec.columns:
        parse_type(col.type)
    missing = [k for k in (*spec.primary_key, *spec.partition_by) if k not in spec.column_names]
    if missing:
        raise ConfigError(
            f"schemas/tables/{name}.json", missing, "key and partition columns that are declared columns"
        )
    return spec


@cache
def article_json_schema() -> dict[str, Any]:
    """The JSON Schema of messages on ``articles.raw``."""
    schema: dict[str, Any] = json.loads((schemas_dir() / "article.schema.json").read_text("utf-8"))
    return schema


def message_schema_version() -> str:
    return str(article_json_schema()["x-schema-version"])
