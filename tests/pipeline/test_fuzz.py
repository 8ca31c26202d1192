"""Issue 12 fuzz tier: hostile records through the whole pipeline on the real broker, in `make test`.

Records from :mod:`fuzz_records` (random bytes, wrong shapes, extreme dates and timestamps, surrogates,
control characters, huge and empty bodies, odd headers, valid articles) are produced to Tansu and run with
`claimflow run` (fallback NLP: delivery is the subject, not NLP quality). The run must exit 0, every raw
offset must be in `articles` or `rejects`, and the offsets must be committed. `CLAIMFLOW_FUZZ_SEED` picks
other records; `benchmarks/fuzz_pipeline.py` runs 10,000.
"""

from __future__ import annotations

import os
import subprocess
import sys
from collections import Counter
from pathlib import Path

import pytest
from fuzz_records import generate, produce

from pipelines.lake import dataset
from pipelines.offsets import describe_offsets

pytestmark = [pytest.mark.kafka, pytest.mark.fuzz]
COUNT = 600


def test_fuzzed_records_all_end_in_a_table(kafka_settings, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    seed = int(os.environ.get("CLAIMFLOW_FUZZ_SEED", "12"))
    placed = produce(kafka_settings, generate(COUNT, seed), partitions=4)
    assert len(placed) == COUNT
    lake = tmp_path / "lake"
    config = tmp_path / "claimflow.toml"
    config.write_text(
        f'[kafka]\nbootstrap_servers = "{kafka_settings.bootstrap_servers}"\n'
        f'raw_topic = "{kafka_settings.raw_topic}"\nrejected_topic = "{kafka_settings.rejected_topic}"\n'
        f'group_id = "{kafka_settings.group_id}"\n[lake]\npath = "{lake}"\noffset_bucket = 100\n'
        "[nlp]\nmodels = {}\n"
    )
    proc = subprocess.run(
        [sys.executable, "-m", "pipelines.cli", "--config", str(config), "run"],
        capture_output=True, text=True, timeout=900,
    )  # fmt: skip
    assert proc.returncode == 0, f"seed {seed}: {proc.stderr[-3000:]}"

    topic = kafka_settings.raw_topic
    seen: set[tuple[int, int]] = set()
    for table in ("articles", "rejects"):
        data = dataset(str(lake), table).to_table(
            columns=["source_topic", "source_partition", "source_offset"]
        )
        rows = zip(*(data.column(c).to_pylist() for c in data.column_names), strict=True)
        seen |= {(p, o) for t, p, o in rows if t == topic}
    missing = sorted(set(placed) - seen)
    lost = Counter(placed[k] for k in missing)
    assert not missing, f"seed {seed}: {len(missing)} offsets in no table, by kind: {dict(lost)}"

    lags = describe_offsets(kafka_settings.client_config(), kafka_settings.group_id, [topic])
    assert sum(p.lag for p in lags) == 0 and all(p.committed == p.end for p in lags)
    kinds = Counter(placed.values())
    assert kinds["valid"] > COUNT // 5 and len(kinds) > 15  # the generator still covers what it claims
