"""Reading the lake: DuckDB views over every table, pyarrow datasets, summaries per table and partition.

Every table is registered as a view named after it (``articles``, ``entities``, ``claims``, ``rejects``),
with its columns in the declared order and its Hive partition columns typed as declared in
``schemas/tables`` (strings), so that DuckDB, pyarrow, pandas and Polars see the same types. A table with no
files yet is an empty view of the right schema; a declared (nullable) column that no file has yet reads as
NULL. ``claim_clusters`` groups ``claims`` by ``fingerprint`` (see :data:`CLAIM_CLUSTERS_COLUMNS`), only the
claims that name what happened (``event_type`` other than ``other``) and at least one actor or place: a claim
without them has a null ``fingerprint`` (claims schema 2.0) and joins no cluster; the view checks the rule too, for
files written under 1.0 (issue 17: otherwise every such claim of a week shares one catch-all fingerprint).

Data files are the ``*.parquet`` files whose names start with neither ``.`` nor ``_``: writers and the
compactor write under hidden temporary names (``.part-….tmp-…``) and rename, and every reader skips those.
"""

from __future__ import annotations

import contextlib
import os
import uuid
from collections import defaultdict
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

import pyarrow as pa
import pyarrow.fs as pafs
import pyarrow.parquet as pq

from pipelines.errors import LakeWriteError, UsageError
from pipelines.schema import TABLES, table_spec

if TYPE_CHECKING:
    import pyarrow.dataset as ds

HIVE_DEFAULT = "__HIVE_DEFAULT_PARTITION__"

#: The ``claim_clusters`` view: (column, DuckDB type, description).
CLAIM_CLUSTERS_COLUMNS: tuple[tuple[str, str, str], ...] = (
    ("fingerprint", "VARCHAR", "The claims' fingerprint (see claims.fingerprint)."),
    ("claims", "BIGINT", "Number of claims with this fingerprint."),
    ("articles", "BIGINT", "Distinct articles reporting it."),
    (
        "claimants",
        "BIGINT",
        "Distinct canonical claimants (claimant_canonical; claimants without one not counted).",
    ),
    ("outlets", "BIGINT", "Distinct outlets reporting it."),
    ("claimant_names", "VARCHAR[]", "The distinct canonical claimants, sorted."),
    ("outlet_names", "VARCHAR[]", "The distinct outlets, sorted."),
    ("languages", "BIGINT", "Distinct article languages."),
    ("sides", "VARCHAR[]", "The distinct non-null claimant_side values, sorted."),
    ("first_published_at", "TIMESTAMP WITH TIME ZONE", "Earliest publication time among its claims."),
    ("last_published_at", "TIMESTAMP WITH TIME ZONE", "Latest publication time among its claims."),
    (
        "opposing_sides",
        "BOOLEAN",
        "True when claimants of at least two different known sides make the claim.",
    ),
)

_CLAIM_CLUSTERS_SQL = """
CREATE VIEW claim_clusters AS
SELECT
    fingerprint,
    count(*) AS claims,
    count(DISTINCT article_id) AS articles,
    count(DISTINCT claimant_canonical) AS claimants,
    count(DISTINCT outlet) AS outlets,
    list_sort(list_distinct(list(claimant_canonical))) AS claimant_names,
    list_sort(list_distinct(list(outlet))) AS outlet_names,
    count(DISTINCT language) AS languages,
    list_sort(list_distinct(list(claimant_side))) AS sides,
    min(published_at) AS first_published_at,
    max(published_at) AS last_published_at,
    count(DISTINCT claimant_side) > 1 AS opposing_sides
FROM claims
WHERE fingerprint IS NOT NULL AND event_type <> 'other' AND (len(actors) > 0 OR len(locations) > 0)
GROUP BY fingerprint
"""


# --- files --------------------------------------------------------------------------------------------------


def file_name(topic: str, partition: int, bucket: int) -> str:
    """A file group's name: the rows of one table from offsets ``[bucket*n, (bucket+1)*n)`` of one partition."""
    return f"part-{topic}-{partition:05d}-{bucket:08d}.parquet"


def write_parquet_atomically(
    fs: pafs.FileSystem,
    table: pa.Table,
    path: str,
    *,
    compression: str | None,
    row_group_rows: int,
    tag: str = "tmp",
) -> int:
    """Write ``table`` to ``path`` through a hidden temporary file (``.<name>.<tag>-<uuid>``, which readers
    ignore) renamed into place, so no reader ever sees a partial file. Returns the bytes written."""
    directory, name = path.rsplit("/", 1)
    tmp = f"{directory}/.{name}.{tag}-{uuid.uuid4().hex}"
    try:
        fs.create_dir(directory, recursive=True)
        with fs.open_output_stream(tmp) as sink:
            pq.write_table(
                table, sink, compression=compression, row_group_size=row_group_rows, write_statistics=True
            )
        size = int(fs.get_file_info(tmp).size or 0)
        fs.move(tmp, path)
        return size
    except Exception as exc:  # a killed process (BaseException) leaves only the hidden temporary file behind
        with contextlib.suppress(OSError):
            fs.delete_file(tmp)
        raise LakeWriteError(f"writing {path} failed: {exc}") from exc


def filesystem(lake: str) -> tuple[pafs.FileSystem, str]:
    """A pyarrow filesystem and the lake root inside it (local paths, s3://, gs://, hdfs://)."""
    if "://" in lake:
        fs, path = pafs.FileSystem.from_uri(lake)
        return fs, path.rstrip("/")
    return pafs.LocalFileSystem(), os.path.abspath(lake).rstrip("/")


def is_data_file(name: str) -> bool:
    """Whether a base name is a visible data file (temporary and hidden files are not)."""
    return name.endswith(".parquet") and not name.startswith((".", "_"))


@dataclass(frozen=True, slots=True)
class LakeFile:
    table: str
    path: str  # inside the filesystem of :func:`filesystem`
    partition: str  # relative directory, e.g. "published_date=2025-01-07/language=en"
    size: int
    mtime_ns: int

    @property
    def name(self) -> str:
        return self.path.rsplit("/", 1)[-1]


def lake_files(lake: str, table: str) -> list[LakeFile]:
    """The visible data files of one table, sorted by path."""
    table_spec(table)
    fs, base = filesystem(lake)
    root = f"{base}/{table}"
    selector = pafs.FileSelector(root, recursive=True, allow_not_found=True)
    out = []
    for info in fs.get_file_info(selector):
        if info.type != pafs.FileType.File or not is_data_file(info.base_name):
            continue
        rel_dir = info.path[len(root) + 1 :].rpartition("/")[0]
        if any(seg.startswith((".", "_")) for seg in rel_dir.split("/") if seg):
            continue
        mtime = info.mtime_ns if info.mtime_ns is not None else 0
        out.append(LakeFile(table, info.path, rel_dir, info.size or 0, mtime))
    return sorted(out, key=lambda f: f.path)


def partition_values(partition: str) -> dict[str, str]:
    """``"published_date=2025-01-07/language=en"`` → ``{"published_date": "2025-01-07", "language": "en"}``"""
    out = {}
    for segment in partition.split("/"):
        key, sep, value = segment.partition("=")
        if sep:
            out[key] = value
    return out


def table_glob(lake: str, table: str) -> str:
    return f"{lake.rstrip('/')}/{table}/**/*.parquet"


def has_files(lake: str, table: str) -> bool:
    return bool(lake_files(lake, table))


# --- readers ------------------------------------------------------------------------------------------------


def dataset(lake: str, table: str) -> ds.Dataset:
    """A pyarrow dataset of one table: the declared schema, Hive partitioning (partitions as strings)."""
    import pyarrow.dataset as ds  # here, not at the top: 0.35 CPU-s (it imports pandas) that writers never need

    spec = table_spec(table)
    if not has_files(lake, table):
        return ds.dataset(spec.arrow_schema().empty_table())
    partitioning = ds.partitioning(spec.partitioning_schema(), flavor="hive")
    return ds.dataset(
        f"{lake.rstrip('/')}/{table}", format="parquet", partitioning=partitioning, schema=spec.arrow_schema()
    )


def read_table(lake: str, table: str) -> pa.Table:
    return dataset(lake, table).to_table()


def duckdb_type(dtype: pa.DataType) -> str:
    """The DuckDB type a declared Arrow type reads as (struct field names always quoted)."""
    if pa.types.is_struct(dtype):
        fields = ", ".join(f'"{f.name}" {duckdb_type(f.type)}' for f in dtype)
        return f"STRUCT({fields})"
    if pa.types.is_list(dtype):
        return f"{duckdb_type(dtype.value_type)}[]"
    if pa.types.is_timestamp(dtype):
        return "TIMESTAMP WITH TIME ZONE" if dtype.tz else "TIMESTAMP"
    simple = {
        pa.string(): "VARCHAR",
        pa.binary(): "BLOB",
        pa.bool_(): "BOOLEAN",
        pa.int32(): "INTEGER",
        pa.int64(): "BIGINT",
        pa.float64(): "DOUBLE",
        pa.date32(): "DATE",
    }
    for arrow, name in simple.items():
        if dtype == arrow:
            return name
    raise UsageError(f"no DuckDB type for Arrow type {dtype}; allowed: the types of pipelines.schema")


def _create_table_view(con: Any, lake: str, table: str) -> None:
    spec = table_spec(table)
    if not has_files(lake, table):
        con.register(f"_{table}_empty", spec.arrow_schema().empty_table())
        con.execute(f"CREATE VIEW {table} AS SELECT * FROM _{table}_empty")
        return
    hive_types = ", ".join(f"'{c}': 'VARCHAR'" for c in spec.partition_by)
    glob = table_glob(lake, table).replace("'", "''")
    source = (
        f"read_parquet('{glob}', hive_partitioning = true, hive_types = {{{hive_types}}}, "
        "union_by_name = true)"
    )
    present = {row[0] for row in con.execute(f"DESCRIBE SELECT * FROM {source}").fetchall()}
    columns = [
        f'"{c.name}"' if c.name in present else f'CAST(NULL AS {duckdb_type(c.arrow_type)}) AS "{c.name}"'
        for c in spec.columns
    ]
    con.execute(f"CREATE VIEW {table} AS SELECT {', '.join(columns)} FROM {source}")


def connect(lake: str) -> Any:
    """A DuckDB connection (time zone UTC) with one view per table and the ``claim_clusters`` view."""
    import duckdb

    con = duckdb.connect()
    con.execute("SET TimeZone = 'UTC'")
    for table in TABLES:
        _create_table_view(con, lake, table)
    con.execute(_CLAIM_CLUSTERS_SQL)
    return con


def run_query(lake: str, sql: str) -> tuple[list[str], list[tuple[Any, ...]]]:
    """Run SQL over the lake's views; returns (column names, rows). A bad query raises :class:`UsageError`."""
    import duckdb

    con = connect(lake)
    try:
        result = con.execute(sql)
        if result.description is None:
            return [], []
        headers = [d[0] for d in result.description]
        return headers, [tuple(r) for r in result.fetchall()]
    except duckdb.Error as exc:
        raise UsageError(f"query failed: {exc}; tables: {', '.join(TABLES)}, claim_clusters") from None
    finally:
        con.close()


# --- summaries ----------------------------------------------------------------------------------------------


@dataclass(frozen=True, slots=True)
class TableSummary:
    table: str
    rows: int
    files: int
    bytes: int
    partitions: int
    first_date: str | None = None  # smallest value of the table's date partition column (e.g. published_date)
    last_date: str | None = None


@dataclass(frozen=True, slots=True)
class PartitionSummary:
    table: str
    partition: str  # e.g. "published_date=2025-01-07/language=en"
    rows: int
    files: int
    bytes: int
    schema_versions: tuple[str, ...]  # claimflow.schema_version of its files

    @property
    def values(self) -> dict[str, str]:
        return partition_values(self.partition)


def _date_column(table: str) -> str | None:
    return next((c for c in table_spec(table).partition_by if c.endswith("_date")), None)


def summarize_partitions(lake: str, table: str | None = None) -> list[PartitionSummary]:
    """Rows (from Parquet footers), files, bytes and schema versions per Hive partition directory."""
    fs, _ = filesystem(lake)
    out = []
    for name in [table] if table else TABLES:
        by_dir: dict[str, list[LakeFile]] = defaultdict(list)
        for f in lake_files(lake, name):
            by_dir[f.partition].append(f)
        for partition, files in sorted(by_dir.items()):
            rows = 0
            versions = set()
            for f in files:
                meta = pq.read_metadata(f.path, filesystem=fs)
                rows += meta.num_rows
                kv = meta.metadata or {}
                versions.add(kv.get(b"claimflow.schema_version", b"?").decode())
            out.append(
                PartitionSummary(
                    name, partition, rows, len(files), sum(f.size for f in files), tuple(sorted(versions))
                )
            )
    return out


def summarize(lake: str) -> list[TableSummary]:
    """Rows, files, bytes, partitions and date range per table (every table, also empty ones)."""
    parts = summarize_partitions(lake)
    out = []
    for table in TABLES:
        mine = [p for p in parts if p.table == table]
        date_col = _date_column(table)
        dates = sorted(d for p in mine if date_col and (d := p.values.get(date_col)) and d != HIVE_DEFAULT)
        out.append(
            TableSummary(
                table,
                rows=sum(p.rows for p in mine),
                files=sum(p.files for p in mine),
                bytes=sum(p.bytes for p in mine),
                partitions=len(mine),
                first_date=dates[0] if dates else None,
                last_date=dates[-1] if dates else None,
            )
        )
    return out


def summary_table(lake: str) -> tuple[list[str], list[tuple[Any, ...]]]:
    """``claimflow lake``: one row per table."""
    headers = ["table", "rows", "files", "bytes", "partitions", "first_date", "last_date"]
    rows = [
        (s.table, s.rows, s.files, s.bytes, s.partitions, s.first_date or "—", s.last_date or "—")
        for s in summarize(lake)
    ]
    return headers, rows


def partition_table(lake: str, table: str | None = None) -> tuple[list[str], list[tuple[Any, ...]]]:
    """``claimflow lake``: one row per (table, partition)."""
    headers = ["table", "partition", "rows", "files", "bytes", "schema_versions"]
    rows = [
        (p.table, p.partition, p.rows, p.files, p.bytes, ",".join(p.schema_versions))
        for p in summarize_partitions(lake, table)
    ]
    return headers, rows
