"""Throughput of claimflow's Kafka source against a plain kafka-python consumer, in the same process.

    python benchmarks/bench_kafka_source.py [--records 100000] [--size 1000] [--partitions 4]

Starts the embedded Tansu broker, produces the records once, then reads them all (a) with a plain
kafka-python consumer (the baseline) and (b) with ``ReadFromKafka`` in a Beam pipeline on FnApiRunner that
only counts. Prints records/s of each and the ratio (b)/(a). Machines here are noisy: compare ratios, not
absolute numbers, and run it more than once.
"""

from __future__ import annotations

import argparse
import time

import apache_beam as beam
from apache_beam.options.pipeline_options import PipelineOptions
from kafka import KafkaConsumer, KafkaProducer

from pipelines.broker import EmbeddedBroker
from pipelines.config import KafkaSettings
from pipelines.offsets import Position, plan_ranges
from pipelines.read_kafka import ReadFromKafka
from pipelines.topics import ensure_topics


def produce(settings: KafkaSettings, n: int, size: int) -> None:
    producer = KafkaProducer(acks=1, linger_ms=20, batch_size=256 * 1024, **settings.client_config())
    payload = b"x" * size
    for i in range(n):
        producer.send(settings.raw_topic, key=str(i).encode(), value=payload)
    producer.flush()
    producer.close()


def plain_consumer(settings: KafkaSettings, n: int) -> float:
    consumer = KafkaConsumer(
        settings.raw_topic, auto_offset_reset="earliest", enable_auto_commit=False, **settings.client_config()
    )
    started = time.perf_counter()
    seen = 0
    while seen < n:
        for records in consumer.poll(timeout_ms=1000, max_records=1000).values():
            seen += len(records)
    elapsed = time.perf_counter() - started
    consumer.close()
    return elapsed


def beam_source(settings: KafkaSettings, n: int) -> float:
    ranges = plan_ranges(
        settings.client_config(), "bench", [settings.raw_topic], Position("earliest"), Position("end")
    )
    assert sum(r.size for r in ranges) == n, ranges
    started = time.perf_counter()
    with beam.Pipeline(
        options=PipelineOptions(["--runner=apache_beam.runners.portability.fn_api_runner.FnApiRunner"])
    ) as p:
        _ = (
            p
            | ReadFromKafka(settings.client_config(), ranges)
            | beam.combiners.Count.Globally()
            | beam.Map(lambda c: c == n or (_ for _ in ()).throw(AssertionError(f"read {c} of {n}")))
        )
    return time.perf_counter() - started


def main() -> None:
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    parser.add_argument("--records", type=int, default=100_000)
    parser.add_argument("--size", type=int, default=1000, help="bytes per record value")
    parser.add_argument("--partitions", type=int, default=4)
    parser.add_argument("--rounds", type=int, default=2)
    args = parser.parse_args()
    with EmbeddedBroker() as broker:
        settings = KafkaSettings(
            bootstrap_servers=broker.bootstrap_servers, raw_topic="bench.raw", rejected_topic="bench.rej"
        )
        ensure_topics(settings, partitions=args.partitions)
        produce(settings, args.records, args.size)
        print(f"{args.records} records × {args.size} B on {args.partitions} partitions (Tansu, in memory)")
        for round_ in range(1, args.rounds + 1):
            base = plain_consumer(settings, args.records)
            ours = beam_source(settings, args.records)
            print(
                f"round {round_}: plain kafka-python {args.records / base:,.0f} rec/s; "
                f"ReadFromKafka on FnApiRunner {args.records / ours:,.0f} rec/s; ratio {base / ours:.2f}"
            )


if __name__ == "__main__":
    main()
