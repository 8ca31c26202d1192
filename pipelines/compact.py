"""``claimflow compact``: merge the files of each Hive partition into file groups and drop duplicate keys.

Design — compaction keeps the writer's file groups. The writer (:mod:`pipelines.write_lake`) replays
idempotently because every row of a (table, topic-partition, offset bucket) lives, within one partition
directory, in the one file named ``part-<topic>-<partition>-<bucket>.parquet``: a replay finds that file by
name and replaces the rows of the offsets it processed. Merging rows of several file groups into one file
would hide them from that lookup, and a later replay would add a second copy of each replayed row; several
Beam workers would also rewrite such a shared file concurrently. So compaction never does that. Instead it
restores and tightens the writer's invariant, per partition directory:

* every row goes to the file its coordinates name under ``bucket_size`` (``lake.offset_bucket``): files under
  other names (written by another tool, an older layout or with another bucket size) are merged into the
  file-group files, where a replay will find them; raising ``lake.offset_bucket`` and compacting with the new
  size (``allow_rebucket=True``) merges the files of consecutive buckets;
* duplicate primary keys are removed across the whole table (a writer killed between two partitions, a file
  copied twice): the row with the highest ``source_offset`` wins, then the row of the newest file;
* files written under an older schema version are rewritten with the current schema (new nullable columns
  read as null) so every file carries the current ``schema_version``;
* hidden temporary files left by killed writers (``.part-*.tmp-*``, ``.part-*.compact-tmp-*``) older than
  ``temp_grace_seconds`` are deleted.

A directory that already satisfies all of this is left untouched, so compacting a clean lake writes nothing,
and running it twice is the same as running it once. The floor on file count is therefore one file per
(topic-partition, offset bucket, partition directory); ``target_file_bytes`` is the size a file should reach,
and the report counts the files still below it (raise ``lake.offset_bucket`` to merge further).

Writes are atomic: each new file is written under a hidden temporary name and renamed over its final name
(replacing the old file of that name in one step); old files under other names are deleted only after every
new file of the directory is in place. A crash can leave a duplicate (an old file next to its replacement),
never a lost or half-written row, and the next compaction removes the duplicate. Safe to run while nothing
else writes to the table (the key scan spans all partitions of a table).
"""

from __future__ import annotations

import time
from collections import defaultdict
from collections.abc import Sequence
from dataclasses import dataclass, field

import pyarrow as pa
import pyarrow.compute as pc
import pyarrow.fs as pafs
import pyarrow.parquet as pq

from pipelines.errors import UsageError
from pipelines.lake import (
    LakeFile,
    file_name,
    filesystem,
    lake_files,
    partition_values,
    write_parquet_atomically,
)
from pipelines.schema import TABLES, TableSpec, table_spec

MiB = 1 << 20
_LINEAGE = ("source_topic", "source_partition", "source_offset")


@dataclass(frozen=True, slots=True)
class PartitionCompaction:
    table: str
    partition: str
    files_before: int
    files_after: int
    rows_before: int
    rows_after: int
    bytes_before: int
    bytes_after: int
    duplicates_removed: int
    rewritten: bool
    reasons: tuple[str, ...] = ()


@dataclass(frozen=True, slots=True)
class CompactReport:
    lake: str
    bucket_size: int
    target_file_bytes: int
    partitions: tuple[PartitionCompaction, ...]
    temp_files_removed: int = 0
    small_files: int = 0  # files below target_file_bytes after compaction
    tables: tuple[str, ...] = field(default=())

    @property
    def files_before(self) -> int:
        return sum(p.files_before for p in self.partitions)

    @property
    def files_after(self) -> int:
        return sum(p.files_after for p in self.partitions)

    @property
    def rows_before(self) -> int:
        return sum(p.rows_before for p in self.partitions)

    @property
    def rows_after(self) -> int:
        return sum(p.rows_after for p in self.partitions)

    @property
    def duplicates_removed(self) -> int:
        return sum(p.duplicates_removed for p in self.partitions)

    @property
    def rewritten(self) -> int:
        return sum(1 for p in self.partitions if p.rewritten)

    def summary(self) -> str:
        return (
            f"compact: {len(self.partitions)} partitions of {', '.join(self.tables)}, "
            f"{self.rewritten} rewritten; files {self.files_before} → {self.files_after}, "
            f"rows {self.rows_before} → {self.rows_after} ({self.duplicates_removed} duplicates removed), "
            f"{self.temp_files_removed} stale temporary files removed; {self.small_files} files below the {self.target_file_bytes / MiB:g} MiB target "
            f"(the floor is one file per topic-partition, offset bucket of {self.bucket_size} and partition)"
        )

    def table_rows(self) -> tuple[list[str], list[tuple[object, ...]]]:
        """One row per rewritten partition, for printing."""
        headers = ["table", "partition", "files", "rows", "bytes", "duplicates", "why"]
        rows: list[tuple[object, ...]] = [
            (
                p.table,
                p.partition,
                f"{p.files_before} → {p.files_after}",
                f"{p.rows_before} → {p.rows_after}",
                f"{p.bytes_before} → {p.bytes_after}",
                p.duplicates_removed,
                "; ".join(p.reasons),
            )
            for p in self.partitions
            if p.rewritten
        ]
        return headers, rows


def compact(
    lake: str,
    table: str | None = None,
    *,
    target_file_bytes: int = 128 * MiB,
    bucket_size: int = 10_000,
    allow_rebucket: bool = False,
    compression: str = "zstd",
    row_group_rows: int = 64_000,
    temp_grace_seconds: float = 600.0,
) -> CompactReport:
    """Compact one table (or all): see the module docstring.

    Args:
        lake: lake root (local path or pyarrow filesystem URI).
        table: one of ``articles, entities, claims, rejects``; ``None`` for all.
        target_file_bytes: the size files should reach; files below it are counted in the report.
        bucket_size: the writer's ``lake.offset_bucket``. Must be the value the writer uses from now on.
        allow_rebucket: allow moving rows of writer-named files to other file names (needed after changing
            ``lake.offset_bucket``); without it such a lake raises :class:`UsageError` and nothing is changed.
        compression, row_group_rows: as the writer's ``lake.compression`` / ``lake.row_group_rows``.
        temp_grace_seconds: hidden temporary files older than this are deleted (killed writers' leftovers).
    """
    if table is not None and table not in TABLES:
        raise UsageError(f"--table {table!r}: allowed: {', '.join(TABLES)}")
    if bucket_size < 1:
        raise UsageError(
            f"bucket_size {bucket_size}: allowed: a positive number of offsets (lake.offset_bucket)"
        )
    if target_file_bytes < 1:
        raise UsageError(f"target_file_bytes {target_file_bytes}: allowed: a positive number of bytes")
    tables = (table,) if table else TABLES
    partitions: list[PartitionCompaction] = []
    temps = small = 0
    codec = None if compression == "none" else compression
    compactors = [
        _TableCompactor(lake, table_spec(name), bucket_size, codec, row_group_rows) for name in tables
    ]
    for compactor in compactors:
        compactor.plan(allow_rebucket)  # every table is checked before any file changes
    for name, compactor in zip(tables, compactors, strict=True):
        partitions += compactor.run()
        temps += compactor.remove_stale_temporaries(temp_grace_seconds)
        small += sum(1 for f in lake_files(lake, name) if f.size < target_file_bytes)
    return CompactReport(lake, bucket_size, target_file_bytes, tuple(partitions), temps, small, tables)


class _TableCompactor:
    def __init__(
        self, lake: str, spec: TableSpec, bucket_size: int, compression: str | None, row_group_rows: int
    ):
        self.lake = lake
        self.spec = spec
        self.bucket = bucket_size
        self.compression = compression
        self.row_group_rows = row_group_rows
        self.fs, self.base = filesystem(lake)
        self.schema = spec.arrow_schema(with_partitions=False)
        self.files: list[LakeFile] = []
        self.winners: dict[int, pa.Array] = {}
        self.groups: dict[int, set[str]] = {}

    # -- plan ------------------------------------------------------------------------------------------------

    def _keys(self, f: LakeFile, rank: int) -> pa.Table:
        """Primary key, lineage and position of every row of one file."""
        stored = [
            c for c in dict.fromkeys([*self.spec.primary_key, *_LINEAGE]) if c not in self.spec.partition_by
        ]
        t = pq.read_table(f.path, columns=stored, filesystem=self.fs, schema=self.schema)
        values = partition_values(f.partition)
        for col in self.spec.primary_key:
            if col in self.spec.partition_by:
                t = t.append_column(col, pa.array([values.get(col)] * t.num_rows, pa.string()))
        t = t.append_column("_rank", pa.array([rank] * t.num_rows, pa.int32()))
        return t.append_column("_row", pa.array(range(t.num_rows), pa.int64()))

    def _winners(self, files: Sequence[LakeFile]) -> tuple[dict[int, pa.Array], dict[int, set[str]]]:
        """Rows to keep per file rank (one per primary key) and the group names each file's rows belong to."""
        keys = pa.concat_tables([self._keys(f, rank) for rank, f in enumerate(files)])
        order = [(k, "ascending") for k in self.spec.primary_key]
        order += [("source_offset", "descending"), ("_rank", "descending"), ("_row", "descending")]
        keys = keys.sort_by(order)
        changed = pa.array([False] * max(0, keys.num_rows - 1), pa.bool_())
        for k in self.spec.primary_key:
            col = keys.column(k).combine_chunks()
            changed = pc.or_(changed, pc.not_equal(col.slice(1), col.slice(0, len(col) - 1)))
        keep_mask = pa.concat_arrays([pa.array([True] * min(1, keys.num_rows), pa.bool_()), changed])
        kept = keys.filter(keep_mask)
        winners: dict[int, pa.Array] = {}
        ranks = kept.column("_rank").to_numpy()
        rows = kept.column("_row").to_numpy()
        by_rank: dict[int, list[int]] = defaultdict(list)
        for r, i in zip(ranks.tolist(), rows.tolist(), strict=True):
            by_rank[r].append(i)
        for r, idx in by_rank.items():
            winners[r] = pa.array(sorted(idx), pa.int64())
        groups: dict[int, set[str]] = defaultdict(set)
        buckets = pc.divide(keys.column("source_offset"), self.bucket)
        combos = (
            pa.table(
                {
                    "r": keys.column("_rank"),
                    "t": keys.column("source_topic"),
                    "p": keys.column("source_partition"),
                    "b": buckets,
                }
            )
            .group_by(["r", "t", "p", "b"])
            .aggregate([])
        )
        for r, t, p, b in zip(*(combos.column(c).to_pylist() for c in ("r", "t", "p", "b")), strict=True):
            groups[r].add(file_name(t, p, b))
        return winners, groups

    def _outdated(self, f: LakeFile) -> bool:
        schema = pq.read_schema(f.path, filesystem=self.fs)
        version = (schema.metadata or {}).get(b"claimflow.schema_version", b"").decode()
        return version != self.spec.schema_version or not schema.equals(self.schema, check_metadata=False)

    def plan(self, allow_rebucket: bool) -> None:
        """Scan keys and check the layout; raises before anything is changed."""
        self.files = sorted(lake_files(self.lake, self.spec.name), key=lambda f: (f.mtime_ns, f.path))
        self.winners, self.groups = self._winners(self.files) if self.files else ({}, {})
        files, groups = self.files, self.groups
        misfiled = [
            f"{f.partition}/{f.name} holds rows of {', '.join(sorted(groups[r]))}"
            for r, f in enumerate(files)
            if _is_writer_name(f.name) and groups[r] and groups[r] != {f.name}
        ]
        if misfiled and not allow_rebucket:
            raise UsageError(
                f"{self.spec.name}: files were written with an offset bucket other than {self.bucket} "
                f"(e.g. {misfiled[0]}); pass the writer's lake.offset_bucket, or, to move the lake to "
                f"{self.bucket}, set lake.offset_bucket = {self.bucket} and compact with allow_rebucket "
                "(claimflow compact --rebucket)"
            )

    def run(self) -> list[PartitionCompaction]:
        files, winners, groups = self.files, self.winners, self.groups
        by_dir: dict[str, list[tuple[int, LakeFile]]] = defaultdict(list)
        for rank, f in enumerate(files):
            by_dir[f.partition].append((rank, f))
        out = []
        for partition, members in sorted(by_dir.items()):
            out.append(self._compact_dir(partition, members, winners, groups))
        return out

    # -- rewrite ---------------------------------------------------------------------------------------------

    def _compact_dir(
        self,
        partition: str,
        members: list[tuple[int, LakeFile]],
        winners: dict[int, pa.Array],
        groups: dict[int, set[str]],
    ) -> PartitionCompaction:
        rows_before = 0
        reasons = []
        dropped = 0
        for rank, f in members:
            n = pq.read_metadata(f.path, filesystem=self.fs).num_rows
            rows_before += n
            dropped += n - len(winners.get(rank, []))
        if dropped:
            reasons.append(f"{dropped} duplicate keys")
        if any(groups[rank] != {f.name} for rank, f in members):
            reasons.append("rows outside their file group")
        if any(self._outdated(f) for _, f in members):
            reasons.append(f"schema upgraded to {self.spec.schema_version}")
        bytes_before = sum(f.size for _, f in members)
        if not reasons:
            n = len(members)
            return PartitionCompaction(
                self.spec.name,
                partition,
                n,
                n,
                rows_before,
                rows_before,
                bytes_before,
                bytes_before,
                0,
                False,
            )

        parts = []
        for rank, f in members:
            t = pq.read_table(f.path, filesystem=self.fs, schema=self.schema)
            keep = winners.get(rank)
            if keep is None:
                continue
            parts.append(t.take(keep))
        merged = pa.concat_tables(parts) if parts else self.schema.empty_table()
        directory = f"{self.base}/{self.spec.name}/{partition}".rstrip("/")
        written: dict[str, int] = {}
        if merged.num_rows:
            merged = merged.append_column("_bucket", pc.divide(merged.column("source_offset"), self.bucket))
            combos = (
                merged.select(["source_topic", "source_partition", "_bucket"])
                .group_by(["source_topic", "source_partition", "_bucket"])
                .aggregate([])
            )
            for topic, kpart, bucket in zip(*(c.to_pylist() for c in combos.columns), strict=True):
                mask = pc.and_(
                    pc.and_(
                        pc.equal(merged.column("source_topic"), topic),
                        pc.equal(merged.column("source_partition"), kpart),
                    ),
                    pc.equal(merged.column("_bucket"), bucket),
                )
                group = merged.filter(mask).drop_columns(["_bucket"])
                group = group.sort_by(
                    [(k, "ascending") for k in self.spec.primary_key if k in group.column_names]
                )
                name = file_name(topic, kpart, bucket)
                written[name] = write_parquet_atomically(
                    self.fs,
                    group.cast(self.schema),
                    f"{directory}/{name}",
                    compression=self.compression,
                    row_group_rows=self.row_group_rows,
                    tag="compact-tmp",
                )
        for _, f in members:  # only now that every new file is in place
            if f.name not in written:
                self.fs.delete_file(f.path)
        rows_after = merged.num_rows
        return PartitionCompaction(
            self.spec.name,
            partition,
            len(members),
            len(written),
            rows_before,
            rows_after,
            bytes_before,
            sum(written.values()),
            dropped,
            True,
            tuple(reasons),
        )

    def remove_stale_temporaries(self, grace_seconds: float) -> int:
        root = f"{self.base}/{self.spec.name}"
        selector = pafs.FileSelector(root, recursive=True, allow_not_found=True)
        cutoff = time.time_ns() - int(grace_seconds * 1e9)
        removed = 0
        for info in self.fs.get_file_info(selector):
            is_temp = info.base_name.startswith(".part-") and (
                ".tmp-" in info.base_name or ".compact-tmp-" in info.base_name
            )
            if info.type == pafs.FileType.File and is_temp and (info.mtime_ns or 0) < cutoff:
                self.fs.delete_file(info.path)
                removed += 1
        return removed


def _is_writer_name(name: str) -> bool:
    """Whether ``name`` has the writer's form ``part-<topic>-<5 digits>-<8 digits>.parquet``."""
    stem = name.removesuffix(".parquet")
    head, _, bucket = stem.rpartition("-")
    head, _, partition = head.rpartition("-")
    return (
        name.startswith("part-")
        and len(bucket) == 8
        and bucket.isdigit()
        and len(partition) == 5
        and partition.isdigit()
    )
