"""pyarrow.dataset, DuckDB, pandas and Polars read every table with the declared types and partitions."""

from __future__ import annotations

from pathlib import Path

import duckdb
import pandas as pd
import polars as pl
import pyarrow as pa
import pyarrow.dataset as ds
import pyarrow.parquet as pq
import pytest
from lake_rows import sample_run, write

from pipelines.lake import connect, dataset, duckdb_type, lake_files
from pipelines.schema import TABLES, table_spec


@pytest.fixture(scope="module")
def lake(tmp_path_factory: pytest.TempPathFactory) -> Path:
    root = tmp_path_factory.mktemp("readers") / "lake"
    write(root, *sample_run())
    return root


def _declared(table: str) -> dict[str, pa.DataType]:
    return {f.name: f.type for f in table_spec(table).arrow_schema()}


def _hive(table: str) -> ds.Partitioning:
    return ds.partitioning(table_spec(table).partitioning_schema(), flavor="hive")


def read_pyarrow(lake: Path, table: str) -> tuple[int, dict[str, pa.DataType]]:
    t = dataset(str(lake), table).to_table()
    return t.num_rows, {f.name: f.type for f in t.schema}


def read_duckdb_glob(lake: Path, table: str) -> tuple[int, dict[str, str]]:
    """Plain DuckDB (no claimflow code), the documented options."""
    types = ", ".join(f"'{c}': 'VARCHAR'" for c in table_spec(table).partition_by)
    src = f"read_parquet('{lake}/{table}/**/*.parquet', hive_partitioning = true, hive_types = {{{types}}})"
    con = duckdb.connect()
    (n,) = con.execute(f"SELECT count(*) FROM {src}").fetchone() or (0,)
    return n, {r[0]: r[1] for r in con.execute(f"DESCRIBE SELECT * FROM {src}").fetchall()}


def read_duckdb_view(lake: Path, table: str) -> tuple[int, dict[str, str], list[str]]:
    con = connect(str(lake))
    (n,) = con.execute(f"SELECT count(*) FROM {table}").fetchone()
    rows = con.execute(f"DESCRIBE {table}").fetchall()
    return n, {r[0]: r[1] for r in rows}, [r[0] for r in rows]


def read_pandas(lake: Path, table: str) -> tuple[int, dict[str, pa.DataType]]:
    df = pd.read_parquet(lake / table, partitioning=_hive(table), dtype_backend="pyarrow")
    return len(df), {name: dtype.pyarrow_dtype for name, dtype in df.dtypes.items()}


def read_polars(lake: Path, table: str) -> tuple[int, dict[str, pl.DataType]]:
    hive = {c: pl.String for c in table_spec(table).partition_by}
    df = pl.scan_parquet(f"{lake}/{table}/**/*.parquet", hive_partitioning=True, hive_schema=hive).collect()
    return df.height, dict(df.schema)


def _unquoted(duck: str) -> str:
    return duck.replace('"', "")


@pytest.mark.parametrize("table", TABLES)
def test_four_readers_agree_on_rows_and_declared_types(lake: Path, table: str) -> None:
    declared = _declared(table)
    n_arrow, arrow_types = read_pyarrow(lake, table)
    n_glob, glob_types = read_duckdb_glob(lake, table)
    n_view, view_types, view_order = read_duckdb_view(lake, table)
    n_pandas, pandas_types = read_pandas(lake, table)
    n_polars, polars_types = read_polars(lake, table)

    assert n_arrow > 0 and n_arrow == n_glob == n_view == n_pandas == n_polars
    assert arrow_types == declared
    assert pandas_types == declared
    expected_duck = {name: _unquoted(duckdb_type(t)) for name, t in declared.items()}
    assert {k: _unquoted(v) for k, v in glob_types.items()} == expected_duck
    assert {k: _unquoted(v) for k, v in view_types.items()} == expected_duck
    assert view_order == list(declared)  # claimflow's views keep the declared column order
    expected_polars = dict(pl.from_arrow(table_spec(table).arrow_schema().empty_table()).schema)  # type: ignore[union-attr]
    assert polars_types == expected_polars
    for column in table_spec(table).partition_by:  # strings in all four, never dates or dictionaries
        assert declared[column] == pa.string()
        assert glob_types[column] == "VARCHAR" and polars_types[column] == pl.String


def test_readers_agree_on_values(lake: Path) -> None:
    key = ["source_partition", "source_offset"]
    arrow = dataset(str(lake), "articles").to_table().sort_by([(k, "ascending") for k in key])
    pandas = pd.read_parquet(lake / "articles", partitioning=_hive("articles"), dtype_backend="pyarrow")
    pandas = pandas.sort_values(key).reset_index(drop=True)
    polars = pl.scan_parquet(
        f"{lake}/articles/**/*.parquet", hive_partitioning=True,
        hive_schema={"published_date": pl.String, "language": pl.String},
    ).sort(key).collect()  # fmt: skip
    duck = (
        connect(str(lake))
        .execute("SELECT language, published_date, title FROM articles ORDER BY 1, 2")
        .fetchall()
    )
    for column in ("language", "published_date", "article_id", "published_at"):
        assert arrow.column(column).to_pylist() == pandas[column].tolist() == polars[column].to_list()
    expected = sorted(
        zip(*(arrow.column(c).to_pylist() for c in ("language", "published_date", "title")), strict=True)
    )
    assert sorted(duck) == expected


def test_writer_files_carry_schema_metadata_and_no_partition_columns(lake: Path) -> None:
    for table in TABLES:
        spec = table_spec(table)
        files = lake_files(str(lake), table)
        assert files
        for f in files:
            schema = pq.read_schema(f.path)
            kv = {k.decode(): v.decode() for k, v in (schema.metadata or {}).items()}
            assert kv["claimflow.table"] == table
            assert kv["claimflow.schema_version"] == spec.schema_version
            assert kv["claimflow.primary_key"] == ",".join(spec.primary_key)
            assert kv["claimflow.partition_by"] == ",".join(spec.partition_by)
            assert not set(spec.partition_by) & set(schema.names)
            assert (
                schema.field(spec.columns[0].name).metadata[b"description"]
                == spec.columns[0].description.encode()
            )
            meta = pq.read_metadata(f.path)
            assert (
                meta.row_group(0).column(0).compression == "ZSTD" and meta.row_group(0).column(0).is_stats_set
            )


def test_an_empty_table_reads_with_its_declared_types(tmp_path: Path) -> None:
    con = connect(str(tmp_path / "nothing"))
    for table in TABLES:
        rows = con.execute(f"DESCRIBE {table}").fetchall()
        assert [r[0] for r in rows] == list(_declared(table))
        assert dataset(str(tmp_path / "nothing"), table).count_rows() == 0


def test_a_declared_column_no_file_has_yet_reads_as_null(tmp_path: Path) -> None:
    """Files of an older minor version lack a newer nullable column; the views still expose it, typed."""
    lake = tmp_path / "it's a lake"  # a quote in the path must not break the SQL
    write(lake, *sample_run())
    for f in lake_files(str(lake), "articles"):
        pq.write_table(pq.read_table(f.path).drop_columns(["language_hint"]), f.path)
    con = connect(str(lake))
    rows = con.execute("DESCRIBE articles").fetchall()
    assert [r[0] for r in rows] == list(_declared("articles"))
    assert dict((r[0], r[1]) for r in rows)["language_hint"] == "VARCHAR"
    assert con.execute("SELECT count(*), count(language_hint) FROM articles").fetchone() == (19, 0)
    assert dataset(str(lake), "articles").to_table().column("language_hint").null_count == 19
