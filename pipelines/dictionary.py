"""The data dictionary and schema versioning, both derived from ``schemas/tables/*.json``.

``render_dictionary()`` turns the table schemas into Markdown (``docs/tables.md``); the file is generated,
never edited by hand::

    python -m pipelines.dictionary            # (re)write docs/tables.md
    python -m pipelines.dictionary --check    # exit 1: docs/tables.md is stale, or a schema breaks a frozen one
    python -m pipelines.dictionary --freeze   # on release: copy each schema to schemas/history/<version>/

Versioning. Every table schema carries ``schema_version`` = ``MAJOR.MINOR``; every Parquet file carries it
in its key-value metadata (``claimflow.schema_version``). Released schemas are frozen verbatim under
``schemas/history/<version>/<table>.json``. Within one major version only additive changes are allowed, so
that a reader written against any frozen version keeps working on new files and a reader of the current
schema keeps working on old files: a new column must be nullable (old files lack it and read as null);
removing or renaming a column, changing its type, changing nullability in either direction (nullable →
non-null: old files may hold nulls; non-null → nullable: old readers rely on the guarantee), or changing the
primary key or the partition columns needs a new major version. Any structural change, additive or not,
needs a new version number: a frozen version never changes meaning. :func:`compatibility_problems` lists
every violation.
"""

from __future__ import annotations

import argparse
import json
import sys
from collections.abc import Sequence
from pathlib import Path
from typing import Any

from pipelines.errors import ConfigError
from pipelines.resources import schemas_dir
from pipelines.schema import TABLES, TableSpec, parse_type, spec_from_json, table_spec

REGENERATE_COMMAND = "python -m pipelines.dictionary"
DEFAULT_OUTPUT = Path(__file__).resolve().parent.parent / "docs" / "tables.md"


# --- schema versions ----------------------------------------------------------------------------------------


def parse_version(text: str) -> tuple[int, int]:
    """``"1.2"`` → ``(1, 2)``."""
    major, dot, minor = text.partition(".")
    if not (dot and major.isdigit() and minor.isdigit()):
        raise ConfigError("schema_version", text, "MAJOR.MINOR, e.g. '1.0'")
    return int(major), int(minor)


def history_dir() -> Path:
    return schemas_dir() / "history"


def frozen_specs(root: Path | None = None) -> dict[str, dict[str, TableSpec]]:
    """Frozen schemas: ``{version: {table: spec}}``, from ``schemas/history/<version>/<table>.json``."""
    base = root if root is not None else history_dir()
    out: dict[str, dict[str, TableSpec]] = {}
    if not base.is_dir():
        return out
    for version_dir in sorted(p for p in base.iterdir() if p.is_dir()):
        parse_version(version_dir.name)
        specs = {}
        for path in sorted(version_dir.glob("*.json")):
            spec = spec_from_json(json.loads(path.read_text("utf-8")))
            if spec.schema_version != version_dir.name or spec.name != path.stem:
                raise ConfigError(
                    str(path),
                    f"table {spec.name!r} version {spec.schema_version!r}",
                    f"table {path.stem!r} version {version_dir.name!r} (the file's place in schemas/history)",
                )
            specs[spec.name] = spec
        out[version_dir.name] = specs
    return out


def _structure(spec: TableSpec) -> tuple[Any, ...]:
    cols = tuple((c.name, str(parse_type(c.type)), c.nullable) for c in spec.columns)
    return spec.name, spec.primary_key, spec.partition_by, cols


def breaking_changes(old: TableSpec, new: TableSpec) -> list[str]:
    """What in ``new`` would break a reader of ``old`` (or ``new``'s reader on ``old``'s files)."""
    problems: list[str] = []
    if old.name != new.name:
        problems.append(f"table renamed from {old.name!r} to {new.name!r}")
    if old.primary_key != new.primary_key:
        problems.append(f"primary key changed from {list(old.primary_key)} to {list(new.primary_key)}")
    if old.partition_by != new.partition_by:
        problems.append(
            f"partition columns changed from {list(old.partition_by)} to {list(new.partition_by)}"
        )
    now = {c.name: c for c in new.columns}
    for col in old.columns:
        cur = now.get(col.name)
        if cur is None:
            problems.append(
                f"column {col.name!r} removed or renamed (readers of {old.schema_version} select it)"
            )
            continue
        if parse_type(col.type) != parse_type(cur.type):
            problems.append(f"column {col.name!r} changed type from {col.type!r} to {cur.type!r}")
        if col.nullable and not cur.nullable:
            problems.append(
                f"column {col.name!r} changed nullable → non-null (files of {old.schema_version} hold nulls)"
            )
        if not col.nullable and cur.nullable:
            problems.append(
                f"column {col.name!r} changed non-null → nullable "
                f"(readers of {old.schema_version} rely on no nulls)"
            )
    before = {c.name for c in old.columns}
    for col in new.columns:
        if col.name not in before and not col.nullable:
            problems.append(
                f"new column {col.name!r} is non-null: files of {old.schema_version} lack it "
                "and read as null; "
                "additive columns must be nullable"
            )
    return problems


def compatibility_problems(
    current: dict[str, TableSpec] | None = None, frozen: dict[str, dict[str, TableSpec]] | None = None
) -> list[str]:
    """Every way the current schemas break a frozen version of the same major version (empty: all good)."""
    cur = current if current is not None else {t: table_spec(t) for t in TABLES}
    history = frozen if frozen is not None else frozen_specs()
    problems: list[str] = []
    for version, specs in sorted(history.items(), key=lambda kv: parse_version(kv[0])):
        fmajor, _ = parse_version(version)
        for name, old in sorted(specs.items()):
            new = cur.get(name)
            where = f"{name}: frozen {version} → current"
            if new is None:
                problems.append(f"{where}: table removed")
                continue
            cmajor, cminor = parse_version(new.schema_version)
            where = f"{where} {new.schema_version}"
            if (cmajor, cminor) < parse_version(version):
                problems.append(f"{where}: schema_version went backwards; it must be ≥ every frozen version")
                continue
            if cmajor > fmajor:
                continue  # a new major version may break readers of the old one
            bump = f"bump schemas/tables/{name}.json to {cmajor + 1}.0"
            problems += [
                f"{where}: {p}; {bump} to make a breaking change" for p in breaking_changes(old, new)
            ]
            if new.schema_version == version and _structure(old) != _structure(new):
                problems.append(
                    f"{where}: the schema changed but schema_version did not; "
                    f"bump it to {cmajor}.{cminor + 1} "
                    f"(additive) and run `{REGENERATE_COMMAND} --freeze` when releasing"
                )
    return problems


def freeze(root: Path | None = None) -> list[Path]:
    """Copy each current schema verbatim to ``schemas/history/<version>/<table>.json`` unless frozen.

    A frozen file is never overwritten: a frozen version whose content differs is reported by
    :func:`compatibility_problems` instead.
    """
    base = root if root is not None else history_dir()
    written = []
    for table in TABLES:
        spec = table_spec(table)
        path = base / spec.schema_version / f"{table}.json"
        if path.exists():
            continue
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_bytes((schemas_dir() / "tables" / f"{table}.json").read_bytes())  # verbatim
        written.append(path)
    return written


# --- the dictionary -----------------------------------------------------------------------------------------


def _cell(text: str) -> str:
    return text.replace("|", "\\|").replace("\n", " ")


def _codes(names: Sequence[str]) -> str:
    return ", ".join(f"`{n}`" for n in names) or "—"


def render_dictionary() -> str:
    """The data dictionary as Markdown: every table, its keys, partitions, version and columns."""
    from pipelines.lake import CLAIM_CLUSTERS_COLUMNS

    specs = [table_spec(t) for t in TABLES]
    out = [
        "# claimflow tables",
        "",
        f"<!-- GENERATED from schemas/tables/*.json by `{REGENERATE_COMMAND}`. Do not edit by hand. -->",
        "",
        "The lake is a directory (or object-store prefix) of Parquet files, one sub-directory per table, "
        "Hive-partitioned: `<lake>/<table>/<column>=<value>/…/part-<topic>-<partition>-<bucket>.parquet`. "
        "Files hold the non-partition columns only (the partition values are in the directory names and are "
        "strings), use zstd compression and carry row-group statistics. Every file's key-value metadata "
        "records `claimflow.table`, `claimflow.schema_version`, `claimflow.primary_key` and "
        "`claimflow.partition_by`; every column's field metadata holds its description. Files are written "
        "under a hidden temporary name and renamed into place, so readers never see a partial file.",
        "",
        "| table | schema version | primary key | partitioned by | description |",
        "|---|---|---|---|---|",
    ]
    for spec in specs:
        out.append(
            f"| [`{spec.name}`](#{spec.name}) | {spec.schema_version} | {_codes(spec.primary_key)} | "
            f"{_codes(spec.partition_by)} | {_cell(spec.description)} |"
        )
    for spec in specs:
        out += [
            "",
            f"## {spec.name}",
            "",
            _cell(spec.description),
            "",
            f"- Schema version: {spec.schema_version}",
            f"- Primary key: {_codes(spec.primary_key)} (unique after `claimflow compact`)",
            f"- Partitioned by: {_codes(spec.partition_by)} (Hive directories, in this order)",
            "",
            "| column | type | nullable | description |",
            "|---|---|---|---|",
        ]
        for col in spec.columns:
            marks = [
                m
                for m, on in (
                    ("key", col.name in spec.primary_key),
                    ("partition", col.name in spec.partition_by),
                )
                if on
            ]
            name = f"`{col.name}`" + (f" ({', '.join(marks)})" if marks else "")
            nullable = "yes" if col.nullable else "no"
            out.append(f"| {name} | `{col.type}` | {nullable} | {_cell(col.description)} |")
    out += [
        "",
        "## claim_clusters (view)",
        "",
        "Registered by `claimflow query` (DuckDB) over `claims`: one row per claim `fingerprint`, i.e. the "
        "same claim as reported across outlets and languages. Only claims that name what happened (`event_type` "
        "other than `other`) and at least one actor or place (`actors`, `locations`) have a `fingerprint` (schema "
        "2.0; the others' is null) and join a cluster; the view applies the same rule, so claims of files written "
        "under 1.0, which have a fingerprint on every row, join no catch-all cluster either.",
        "",
        "| column | type | description |",
        "|---|---|---|",
    ]
    out += [f"| `{name}` | `{dtype}` | {_cell(desc)} |" for name, dtype, desc in CLAIM_CLUSTERS_COLUMNS]
    vocab = json.loads((schemas_dir() / "event_types.json").read_text(encoding="utf-8"))
    depth = vocab.get("max_depth", {})
    out += [
        "",
        "## Event types",
        "",
        f"`claims.event_type` takes one of these values (vocabulary {vocab['version']}, "
        "`schemas/event_types.json`; versions add types, never remove or rename one). The type comes from the "
        "trigger words of the language packs nearest the content's main predicate (from 1.4 also from a pack's "
        "frames, a predicate with one of its arguments, standing where the argument stands); a type with a depth "
        "is taken only from a trigger at most that many dependency steps below the predicate; from 1.5 a type "
        "in the vocabulary's `yields_to` (health) gives way when the content also names a type it lists.",
        "",
        "| event type | depth | definition |",
        "|---|---|---|",
    ]
    out += [
        f"| `{name}` | {depth.get(name, '—')} | {_cell(text)} |"
        for name, text in vocab["event_types"].items()
    ]
    out += [
        "",
        "## Reading the lake",
        "",
        "Partition columns are strings; readers that infer partition types (dates) must be told so.",
        "",
        "```python",
        "# claimflow (DuckDB views: articles, entities, claims, rejects, claim_clusters)",
        "from pipelines.lake import connect, dataset, run_query",
        "headers, rows = run_query('lake', 'SELECT language, count(*) FROM articles GROUP BY 1')",
        "",
        "# pyarrow",
        "table = dataset('lake', 'claims').to_table()",
        "",
        "# DuckDB",
        "duckdb.sql(\"SELECT * FROM read_parquet('lake/claims/**/*.parquet', hive_partitioning = true, \"",
        "           \"hive_types = {'published_date': 'VARCHAR', 'language': 'VARCHAR'}, \"",
        '           "union_by_name = true)")',
        "",
        "# pandas (Arrow-backed dtypes keep the declared types)",
        "import pyarrow as pa, pyarrow.dataset as ds",
        "strings = pa.schema([('published_date', pa.string()), ('language', pa.string())])",
        "hive = ds.partitioning(strings, flavor='hive')",
        "df = pd.read_parquet('lake/claims', partitioning=hive, dtype_backend='pyarrow')",
        "",
        "# Polars",
        "df = pl.scan_parquet('lake/claims/**/*.parquet', hive_partitioning=True,",
        "                     hive_schema={'published_date': pl.String, 'language': pl.String}).collect()",
        "```",
        "",
        "## Schema versions",
        "",
        "`schema_version` is `MAJOR.MINOR`. Released versions are frozen in `schemas/history/<version>/`. "
        "Within a major version changes are additive only: new columns must be nullable. Removing or renaming "
        "a column, changing a type or a column's nullability, the primary key or the partition columns needs "
        "a new major version; a test enforces this.",
        "",
        "| table | frozen versions |",
        "|---|---|",
    ]
    history = frozen_specs()
    for spec in specs:
        versions = sorted((v for v, s in history.items() if spec.name in s), key=parse_version)
        out.append(f"| `{spec.name}` | {', '.join(versions) or '—'} |")
    return "\n".join(out) + "\n"


def main(argv: Sequence[str] | None = None) -> int:
    parser = argparse.ArgumentParser(
        prog="python -m pipelines.dictionary", description=__doc__.split("\n")[0]
    )
    parser.add_argument(
        "--check", action="store_true", help="exit 1 if the output is stale or a schema breaks"
    )
    parser.add_argument("--freeze", action="store_true", help="freeze current schemas into schemas/history")
    parser.add_argument("--output", type=Path, default=DEFAULT_OUTPUT, help=f"default: {DEFAULT_OUTPUT}")
    args = parser.parse_args(argv)
    if args.freeze:
        for path in freeze():
            print(f"froze {path}")
    problems = compatibility_problems()
    for problem in problems:
        print(f"schema: {problem}", file=sys.stderr)
    text = render_dictionary()
    if args.check:
        current = args.output.read_text("utf-8") if args.output.exists() else None
        if current != text:
            print(f"{args.output} is stale; regenerate it with `{REGENERATE_COMMAND}`", file=sys.stderr)
            return 1
        return 1 if problems else 0
    args.output.parent.mkdir(parents=True, exist_ok=True)
    args.output.write_text(text, "utf-8")
    print(f"wrote {args.output}")
    return 1 if problems else 0


if __name__ == "__main__":
    raise SystemExit(main())
