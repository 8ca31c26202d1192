"""Publish-to-lake latency of ``claimflow run --follow`` on a quiet topic, and its memory over many batches.

    python benchmarks/bench_follow.py [--articles 8] [--interval 5] [--quiet-seconds 3]

Starts an embedded Tansu broker and one long-lived ``claimflow run --follow`` process (its own lake in a
temporary directory), waits until the first article it is given is in the lake (this first batch loads the
models: "cold"), then, ``--articles`` times: waits ``--quiet-seconds`` with nothing published, publishes one
real news article (from ../shared/corpora, as ``bench_pipeline.py`` reads them, languages in turn) and polls the
lake until that article's row is there. Prints each latency (publish acknowledged → row readable), the median,
and the follower's resident memory after every batch. The first article of each language is not counted as warm:
a follower loads a language's pipeline on the first article in that language, so those batches load a model. The latency includes the wait for the next poll of the
topic (up to ``streaming.follow_interval_seconds``, set with ``--interval``) and the processing of the article.
"""

from __future__ import annotations

import argparse
import itertools
import json
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))  # infra
sys.path.insert(0, str(Path(__file__).resolve().parent))

from bench_pipeline import article_records, load_articles

from infra.measure_model_memory import rss_mib


def in_lake(lake: Path, article_id: str) -> bool:
    from pipelines.lake import dataset

    try:
        table = dataset(str(lake), "articles").to_table(columns=["article_id"])
    except Exception:
        return False
    return article_id in set(table.column("article_id").to_pylist())


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--articles", type=int, default=8, help="articles published one at a time (default 8)")
    ap.add_argument(
        "--interval", type=float, default=None, help="--interval of the follower (default: config)"
    )
    ap.add_argument("--quiet-seconds", type=float, default=3.0)
    ap.add_argument("--timeout", type=float, default=600.0)
    args = ap.parse_args()

    from pipelines.broker import EmbeddedBroker
    from pipelines.config import load_settings
    from pipelines.publish import publish_paths
    from pipelines.topics import ensure_topics

    texts = load_articles(args.articles + 1, ("en", "ru", "uk"))
    records = list(article_records(texts, None))
    by_lang = [[r for r in records if r["id"].startswith(f"bench-{lang}-")] for lang in texts]
    order = [r for trio in itertools.zip_longest(*by_lang) for r in trio if r]
    claimflow = str(Path(sys.executable).parent / "claimflow")
    with EmbeddedBroker() as broker, tempfile.TemporaryDirectory(prefix="bench-follow-") as tmp:
        settings = load_settings(None).with_overrides("kafka", bootstrap_servers=broker.bootstrap_servers)
        ensure_topics(settings.kafka, partitions=4)
        lake = Path(tmp) / "lake"
        cmd = [
            claimflow,
            "run",
            "--follow",
            "--bootstrap-servers",
            broker.bootstrap_servers,
            "--lake",
            str(lake),
        ]
        if args.interval is not None:
            cmd += ["--interval", str(args.interval)]
        log = (Path(tmp) / "follow.log").open("w")
        follower = subprocess.Popen(cmd, stdout=log, stderr=subprocess.STDOUT)
        latencies: list[float] = []
        seen: set[str] = set()
        try:
            for k, record in enumerate(order[: args.articles + 1]):
                if k:
                    time.sleep(args.quiet_seconds)
                path = Path(tmp) / f"a{k}.jsonl"
                path.write_text(json.dumps(record, ensure_ascii=False) + "\n", encoding="utf-8")
                publish_paths(settings.kafka, [str(path)], progress=False)
                sent = time.monotonic()
                while not in_lake(lake, record["id"]):
                    if follower.poll() is not None or time.monotonic() - sent > args.timeout:
                        log.flush()
                        sys.exit(
                            "bench_follow: the follower stopped or timed out:\n" + Path(log.name).read_text()
                        )
                    time.sleep(0.1)
                latency = time.monotonic() - sent
                lang = record["id"].split("-")[1]
                kind = (
                    "cold (process start)"
                    if k == 0
                    else "first in its language"
                    if lang not in seen
                    else "warm"
                )
                print(
                    f"article {k} [{lang}]: {latency:6.1f} s  {kind:<24} follower RSS {rss_mib(follower.pid):.0f} MiB"
                )
                if lang in seen:
                    latencies.append(latency)
                seen.add(lang)
        finally:
            follower.terminate()
            follower.wait(timeout=120)
    if latencies:
        print(
            f"warm publish-to-lake latency: median {statistics.median(latencies):.1f} s, "
            f"min {min(latencies):.1f} s, max {max(latencies):.1f} s over {len(latencies)} articles"
        )


if __name__ == "__main__":
    main()
