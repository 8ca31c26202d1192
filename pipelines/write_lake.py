"""Stage 6 — write table rows to the Parquet lake, idempotently.

``WriteLake``: ``PCollection[LakeItem] → PCollection[WrittenFile]`` (see :data:`pipelines.rows.LakeItem`)

Layout: ``<lake>/<table>/<partition>=<value>/…/part-<topic>-<partition>-<bucket>.parquet``. A file holds the
rows of one table that came from the offsets ``[bucket*n, (bucket+1)*n)`` of one topic-partition (``n`` =
``lake.offset_bucket``), within one Hive partition. The name is derived from what the file contains, so a
rerun or replay of the same records rewrites the same files instead of adding new ones.

Each file group is rewritten as a whole: rows already in the lake whose source offsets were processed again
(every processed record sends a cover marker to every table, with or without rows) are replaced by the new
rows — possibly none: an article that no longer yields a claim loses its old claim rows, a record now
rejected loses its old article rows. Rows of other offsets are kept, so batches and replays with any
boundaries compose, and records skipped by a timestamp bound are left alone.

Writes are atomic: a file is written under a hidden temporary name (``.part-….parquet.tmp-<uuid>``, which
readers ignore) and then renamed, so readers never see a half-written file. A writer killed mid-write leaves
its temporary file behind; the next write of the same file group deletes the group's hidden temporary files
last modified more than ``lake.temp_grace_seconds`` ago (default 600 s), so a file a live writer is still
writing (modified seconds ago) is never touched.
"""

from __future__ import annotations

import time
from collections import defaultdict
from collections.abc import Iterable, Iterator, Sequence
from dataclasses import dataclass
from typing import Any

import apache_beam as beam
import pyarrow as pa
import pyarrow.compute as pc
import pyarrow.fs as pafs
import pyarrow.parquet as pq
from apache_beam.metrics import Metrics

from pipelines.lake import file_name, filesystem, write_parquet_atomically
from pipelines.rows import LakeItem, to_arrow
from pipelines.schema import table_spec

_NAMESPACE = "claimflow.write"
GroupKey = tuple[str, str, int, int]  # table, topic, partition, bucket


#: how often a table directory is listed when it appears while being listed (:meth:`_WriteFileGroupFn._listing`)
_LIST_ATTEMPTS = 3


@dataclass(frozen=True, slots=True)
class WrittenFile:
    table: str
    path: str
    rows: int
    deleted: bool = False


class _WriteFileGroupFn(beam.DoFn):  # type: ignore[misc]
    def __init__(
        self, root: str, compression: str, row_group_rows: int, temp_grace_seconds: float = 600.0
    ) -> None:
        self._root = root
        self._compression = None if compression == "none" else compression
        self._row_group_rows = row_group_rows
        self._temp_grace_seconds = temp_grace_seconds

    def setup(self) -> None:
        self._fs, self._base = filesystem(self._root)
        self._files = Metrics.counter(_NAMESPACE, "files_written")
        self._rows = Metrics.counter(_NAMESPACE, "rows_written")
        self._replaced = Metrics.counter(_NAMESPACE, "rows_replaced")
        self._group_rows = Metrics.distribution(_NAMESPACE, "rows_per_file_group")
        self._temps_removed = Metrics.counter(_NAMESPACE, "stale_temp_files_removed")

    def process(
        self, element: tuple[GroupKey, Iterable[tuple[int, dict[str, Any] | None]]], allowed: bool = True
    ) -> Iterator[WrittenFile]:
        if not allowed:  # the circuit breaker tripped (pipelines.breaker): leave the lake as it is
            return
        (table, topic, partition, bucket), items = element
        covered: set[int] = set()
        rows = []
        for offset, row in items:
            covered.add(offset)
            if row is not None:
                rows.append(row)
        self._group_rows.update(len(rows))
        spec = table_spec(table)
        schema = spec.arrow_schema(with_partitions=False)
        name = file_name(topic, partition, bucket)
        table_root = f"{self._base}/{table}"
        existing, stale = self._existing(table_root, name)
        for path in stale:
            self._fs.delete_file(path)
            self._temps_removed.inc()

        by_dir: dict[str, list[dict[str, Any]]] = defaultdict(list)
        for row in rows:
            by_dir[self._partition_dir(table_root, spec.partition_by, row)].append(row)
        for directory in sorted(set(by_dir) | set(existing)):
            new = to_arrow(table, by_dir.get(directory, []))
            parts = [new]
            if directory in existing:
                old = pq.read_table(existing[directory], filesystem=self._fs, schema=schema)
                keep = self._outside(old, covered)
                self._replaced.inc(old.num_rows - keep.num_rows)
                parts.insert(0, keep)
            merged = pa.concat_tables(parts)
            if merged.num_rows == 0:
                self._fs.delete_file(existing[directory])
                yield WrittenFile(table, existing[directory], 0, deleted=True)
                continue
            merged = merged.sort_by([(k, "ascending") for k in spec.primary_key if k in merged.column_names])
            path = f"{directory}/{name}"
            write_parquet_atomically(
                self._fs, merged, path, compression=self._compression, row_group_rows=self._row_group_rows
            )
            self._files.inc()
            # this run's rows only: the rows kept from the file as it was (an earlier chunk's, on the same file
            # group) were counted when they were written
            self._rows.inc(new.num_rows)
            yield WrittenFile(table, path, merged.num_rows)

    @staticmethod
    def _outside(old: pa.Table, covered: set[int]) -> pa.Table:
        if not covered or old.num_rows == 0:
            return old
        inside = pc.is_in(old.column("source_offset"), value_set=pa.array(sorted(covered), pa.int64()))
        return old.filter(pc.invert(inside))

    def _partition_dir(self, table_root: str, partition_by: Sequence[str], row: dict[str, Any]) -> str:
        segments = [f"{col}={_partition_value(row[col])}" for col in partition_by]
        return "/".join([table_root, *segments])

    def _existing(self, table_root: str, name: str) -> tuple[dict[str, str], list[str]]:
        """The file group's files by directory, and its hidden temporary files older than the grace period
        (``.<name>.tmp-…`` of killed writers, ``.<name>.compact-tmp-…`` of a killed ``compact``)."""
        selector = pafs.FileSelector(table_root, recursive=True, allow_not_found=True)
        cutoff = time.time_ns() - int(self._temp_grace_seconds * 1e9)
        found, stale = {}, []
        for info in self._listing(selector):
            if info.type != pafs.FileType.File:
                continue
            if info.base_name == name:
                found[info.path.rsplit("/", 1)[0]] = info.path
            elif info.base_name.startswith(f".{name}.") and (info.mtime_ns or 0) < cutoff:
                stale.append(info.path)
        return found, stale

    def _listing(self, selector: pafs.FileSelector) -> list[pafs.FileInfo]:
        """The files under ``selector``; a table directory that another writer creates while it is listed (the
        first chunks of two workers on a new lake: pyarrow finds no directory to list, then finds it exists, and
        raises FileNotFoundError) is listed again."""
        for attempt in range(_LIST_ATTEMPTS):
            try:
                return list(self._fs.get_file_info(selector))
            except FileNotFoundError:
                if attempt == _LIST_ATTEMPTS - 1:
                    raise
        return []


def _partition_value(value: Any) -> str:
    text = str(value) if value is not None else "__HIVE_DEFAULT_PARTITION__"
    return text.replace("/", "_").replace("=", "_") or "__HIVE_DEFAULT_PARTITION__"


class WriteLake(beam.PTransform):  # type: ignore[misc]
    """``PCollection[LakeItem] → PCollection[WrittenFile]``: rewrite every file group the items touch.

    Args:
        root: lake root (local path or a pyarrow filesystem URI).
        bucket_size: offsets per file group (``lake.offset_bucket``); must stay the same for a lake's lifetime.
        allowed: optional side input of at most one element (:class:`pipelines.breaker.RejectBreaker`'s
            verdict); when it is False nothing is written, when it is empty the items are written.
    """

    def __init__(
        self,
        root: str,
        *,
        bucket_size: int = 10_000,
        compression: str = "zstd",
        row_group_rows: int = 64_000,
        temp_grace_seconds: float = 600.0,
        allowed: beam.PCollection | None = None,
    ) -> None:
        super().__init__()
        self._allowed = allowed
        self._root = root
        self._bucket = bucket_size
        self._compression = compression
        self._row_group_rows = row_group_rows
        self._temp_grace_seconds = temp_grace_seconds

    def expand(self, items: beam.PCollection) -> beam.PCollection:
        bucket = self._bucket

        def by_file_group(item: LakeItem) -> tuple[GroupKey, tuple[int, dict[str, Any] | None]]:
            table, topic, partition, offset, row = item
            return (table, topic, partition, offset // bucket), (offset, row)

        side = (
            {}
            if self._allowed is None
            else {"allowed": beam.pvalue.AsSingleton(self._allowed, default_value=True)}
        )
        return (
            items
            | "KeyByFileGroup" >> beam.Map(by_file_group)
            | "GroupByFileGroup" >> beam.GroupByKey()
            | "WriteFiles"
            >> beam.ParDo(
                _WriteFileGroupFn(
                    self._root, self._compression, self._row_group_rows, self._temp_grace_seconds
                ),
                **side,
            )
        )
