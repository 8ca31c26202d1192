"""Reading the lake: DuckDB views over every table, and summaries.

Every table is registered as a view named after it (``articles``, ``entities``, ``claims``, ``rejects``), with
its Hive partition columns typed as declared in ``schemas/tables`` (strings), so that DuckDB, pyarrow,
pandas and Polars see the same types. A table with no files yet is an empty view of the right schema.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path
from typing import Any

import pyarrow as pa
import pyarrow.dataset as ds

from pipelines.schema import TABLES, table_spec


def table_glob(lake: str, table: str) -> str:
    return f"{lake.rstrip('/')}/{table}/**/*.parquet"


def has_files(lake: str, table: str) -> bool:
    root = Path(lake) / table
    return root.is_dir() and any(root.rglob("*.parquet"))


def dataset(lake: str, table: str) -> ds.Dataset:
    """A pyarrow dataset of one table with the declared schema and Hive partitioning."""
    spec = table_spec(table)
    if not has_files(lake, table):
        return ds.dataset(spec.arrow_schema().empty_table())
    partitioning = ds.partitioning(spec.partitioning_schema(), flavor="hive")
    return ds.dataset(
        f"{lake.rstrip('/')}/{table}", format="parquet", partitioning=partitioning, schema=spec.arrow_schema()
    )


def connect(lake: str) -> Any:
    """A DuckDB connection with one view per table."""
    import duckdb

    con = duckdb.connect()
    for table in TABLES:
        spec = table_spec(table)
        if has_files(lake, table):
            hive_types = ", ".join(f"'{c}': 'VARCHAR'" for c in spec.partition_by)
            con.execute(
                f"CREATE VIEW {table} AS SELECT * FROM read_parquet('{table_glob(lake, table)}', "
                f"hive_partitioning = true, hive_types = {{{hive_types}}}, union_by_name = true)"
            )
        else:
            empty = spec.arrow_schema().empty_table()
            con.register(f"_{table}_empty", empty)
            con.execute(f"CREATE VIEW {table} AS SELECT * FROM _{table}_empty")
    return con


@dataclass(frozen=True, slots=True)
class TableSummary:
    table: str
    rows: int
    files: int
    bytes: int
    partitions: int


def summarize(lake: str) -> list[TableSummary]:
    out = []
    for table in TABLES:
        root = Path(lake) / table
        files = sorted(root.rglob("*.parquet")) if root.is_dir() else []
        rows = 0
        if files:
            rows = dataset(lake, table).count_rows()
        partitions = len({f.parent for f in files})
        out.append(TableSummary(table, rows, len(files), sum(f.stat().st_size for f in files), partitions))
    return out


def read_table(lake: str, table: str) -> pa.Table:
    return dataset(lake, table).to_table()
