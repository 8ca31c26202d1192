"""Fuzz the whole pipeline at scale: N hostile records → embedded Tansu → `claimflow run` → every offset in a table.

    .venv/bin/python benchmarks/fuzz_pipeline.py [--count 10000] [--seed 12] [--models fallback|bundled]

The records come from ``tests/fuzz_records.py`` (the fuzz tier of ``make test`` runs 600 of them). Prints
the run's exit code and time, records per kind, rows per table, rejects per (stage, error code), offsets in
no table (must be 0) and the committed lag (must be 0). Exits 1 when any check fails.
"""

from __future__ import annotations

import argparse
import subprocess
import sys
import tempfile
import time
import uuid
from collections import Counter
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "tests"))
sys.path.insert(0, str(ROOT))

from fuzz_records import generate, produce  # noqa: E402

from pipelines.broker import EmbeddedBroker  # noqa: E402
from pipelines.config import KafkaSettings  # noqa: E402
from pipelines.lake import dataset  # noqa: E402
from pipelines.offsets import describe_offsets  # noqa: E402
from pipelines.topics import ensure_topics  # noqa: E402


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--count", type=int, default=10_000)
    parser.add_argument("--seed", type=int, default=12)
    parser.add_argument("--partitions", type=int, default=4)
    parser.add_argument("--models", choices=("fallback", "bundled"), default="fallback")
    args = parser.parse_args()
    work = Path(tempfile.mkdtemp(prefix="claimflow-fuzz-"))
    with EmbeddedBroker() as broker:
        suffix = uuid.uuid4().hex[:8]
        kafka = KafkaSettings(
            bootstrap_servers=broker.bootstrap_servers,
            raw_topic=f"articles.raw.{suffix}",
            rejected_topic=f"articles.rejected.{suffix}",
            group_id=f"claimflow-fuzz-{suffix}",
        )
        ensure_topics(kafka, partitions=args.partitions)
        records = generate(args.count, args.seed)
        placed = produce(kafka, records, partitions=args.partitions)
        lake = work / "lake"
        config = work / "claimflow.toml"
        models = "[nlp]\nmodels = {}\n" if args.models == "fallback" else ""
        config.write_text(
            f'[kafka]\nbootstrap_servers = "{kafka.bootstrap_servers}"\nraw_topic = "{kafka.raw_topic}"\n'
            f'rejected_topic = "{kafka.rejected_topic}"\ngroup_id = "{kafka.group_id}"\n'
            f'[lake]\npath = "{lake}"\n{models}'
        )
        started = time.monotonic()
        proc = subprocess.run(
            [sys.executable, "-m", "pipelines.cli", "--config", str(config), "run"],
            capture_output=True,
            text=True,
        )
        seconds = time.monotonic() - started
        print(f"records {len(records)} (acknowledged {len(placed)}), seed {args.seed}, models {args.models}")
        print(f"claimflow run: exit {proc.returncode} in {seconds:.0f} s")
        if proc.returncode != 0:
            print(proc.stderr[-4000:])
        print("records per kind:", dict(sorted(Counter(r.kind for r in records).items())))
        seen: set[tuple[int, int]] = set()
        for table in ("articles", "entities", "claims", "rejects"):
            data = dataset(str(lake), table).to_table()
            print(f"{table}: {data.num_rows} rows")
            if table in ("articles", "rejects"):
                seen |= {
                    (p, o)
                    for t, p, o in zip(
                        data.column("source_topic").to_pylist(),
                        data.column("source_partition").to_pylist(),
                        data.column("source_offset").to_pylist(),
                        strict=True,
                    )
                    if t == kafka.raw_topic
                }
            if table == "rejects":
                codes = Counter(
                    zip(data.column("stage").to_pylist(), data.column("error_code").to_pylist(), strict=True)
                )
                print("rejects per (stage, code):", dict(sorted(codes.items())))
            if table == "articles":
                print("articles truncated:", sum(bool(x) for x in data.column("truncated").to_pylist()),
                      "with a null record timestamp:", data.column("source_timestamp").null_count)  # fmt: skip
        missing = sorted(set(placed) - seen)
        lost = Counter(placed[k] for k in missing)
        lags = describe_offsets(kafka.client_config(), kafka.group_id, [kafka.raw_topic])
        lag = sum(p.lag for p in lags)
        print(f"offsets in no table: {len(missing)} {dict(lost)}; committed lag: {lag}")
    ok = proc.returncode == 0 and not missing and lag == 0 and len(placed) == len(records)
    print("OK" if ok else "FAILED")
    return 0 if ok else 1


if __name__ == "__main__":
    sys.exit(main())
