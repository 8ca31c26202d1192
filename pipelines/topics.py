"""Creating claimflow's topics (for local runs and tests; production topics: ``infra/kafka``)."""

from __future__ import annotations

from kafka import KafkaAdminClient
from kafka.admin import NewTopic
from kafka.errors import KafkaError, TopicAlreadyExistsError

from pipelines.config import KafkaSettings
from pipelines.errors import BrokerUnavailable
from pipelines.kafka_client import client_options, connect


def ensure_topics(settings: KafkaSettings, *, partitions: int = 4, rejected_partitions: int = 1) -> list[str]:
    """Create the raw and rejected topics when missing; return the names created."""
    config = settings.client_config()
    admin = connect(
        lambda: KafkaAdminClient(**client_options(config, KafkaAdminClient)),
        lambda a: a.list_topics(),
        config,
    )
    created = []
    try:
        existing = set(admin.list_topics())
        wanted = [
            NewTopic(settings.raw_topic, partitions, 1),
            NewTopic(settings.rejected_topic, rejected_partitions, 1),
        ]
        for topic in wanted:
            if topic.name in existing:
                continue
            try:
                admin.create_topics([topic])
                created.append(topic.name)
            except TopicAlreadyExistsError:
                pass
    except KafkaError as exc:
        raise BrokerUnavailable(f"creating topics on {settings.bootstrap_servers} failed: {exc}") from exc
    finally:
        admin.close()
    return created
