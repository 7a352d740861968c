"""librdkafka's mock Kafka cluster (inside the ``confluent-kafka`` wheel) for one block.

:func:`mock_cluster` makes an ``AdminClient`` with ``test.mock.num.brokers``: librdkafka then runs that many
brokers *in this process*, each listening on 127.0.0.1 and speaking the real Kafka wire protocol, and the block
gets their bootstrap address (``"127.0.0.1:p1,127.0.0.1:p2,..."``). Any Kafka client can connect to it. When the
block ends the admin client is dropped (and collected), which shuts the brokers down.

What the mock is not: it keeps messages in memory only (no disk, no retention, no compaction), its "replicas"
are not real copies on other machines, and ``CreateTopics`` times out against it; topics are created
automatically on first use with :data:`AUTO_PARTITIONS` partitions.

:func:`client_config` is the configuration every client of the course uses against it: quiet (``log_level`` 3,
so the ``%5 MOCK`` banner and the ``%6 FAIL`` lines about vanished brokers at shutdown are not printed) and
fast (short metadata refresh and fetch waits). :func:`read_partition` reads one partition from an offset up to
its high watermark with ``assign`` (no group, so no join delay) and :func:`watermarks` gives every partition's
``(low, high)`` offsets.
"""

from __future__ import annotations

import contextlib
import gc
import time
from collections.abc import Iterator
from typing import Any

__all__ = ["AUTO_PARTITIONS", "client_config", "mock_cluster", "read_partition", "watermarks"]

AUTO_PARTITIONS = 4
"""Partitions of a topic the mock creates on first use (librdkafka's mock default, measured with 2.16.1)."""

QUIET: dict[str, Any] = {"log_level": 3}
"""Only errors and worse from librdkafka's own logger (notices are level 5, the shutdown FAIL lines level 6)."""


def client_config(bootstrap: str, **extra: Any) -> dict[str, Any]:
    """A client configuration for the mock at ``bootstrap``: quiet and quick; ``extra`` keys (dots as in
    librdkafka, passed as a dict with ``**{"group.id": "g"}``) are added last and win."""
    config: dict[str, Any] = {
        "bootstrap.servers": bootstrap,
        **QUIET,
        "topic.metadata.refresh.interval.ms": 200,
        "fetch.wait.max.ms": 10,
    }
    config.update(extra)
    return config


@contextlib.contextmanager
def mock_cluster(brokers: int = 3) -> Iterator[str]:
    """A mock cluster of ``brokers`` brokers for the block; yields the bootstrap servers string."""
    from confluent_kafka.admin import AdminClient

    if brokers < 1:
        raise ValueError(f"a cluster needs at least one broker, not {brokers}")
    admin = AdminClient({"test.mock.num.brokers": brokers, **QUIET})
    try:
        metadata = admin.list_topics(timeout=10)
        yield ",".join(f"{b.host}:{b.port}" for b in sorted(metadata.brokers.values(), key=lambda b: b.id))
    finally:
        del admin
        gc.collect()  # the mock brokers live exactly as long as the client that made them


def watermarks(bootstrap: str, topic: str, partitions: int = AUTO_PARTITIONS) -> dict[int, tuple[int, int]]:
    """``{partition: (low, high)}``: the first offset still kept and the offset the next message will get."""
    from confluent_kafka import Consumer, TopicPartition

    consumer = Consumer(client_config(bootstrap, **{"group.id": "course-watermarks", "enable.auto.commit": False}))
    try:
        return {p: consumer.get_watermark_offsets(TopicPartition(topic, p), timeout=10) for p in range(partitions)}
    finally:
        consumer.close()


def read_partition(bootstrap: str, topic: str, partition: int, start: int = 0, timeout: float = 10.0) -> list[Any]:
    """Every message of one partition from offset ``start`` up to its high watermark, in offset order, read with
    ``assign`` (no consumer group: nothing is committed). ``timeout`` bounds a broker that stops answering."""
    from confluent_kafka import Consumer, TopicPartition

    consumer = Consumer(client_config(bootstrap, **{"group.id": "course-reader", "enable.auto.commit": False}))
    try:
        _, high = consumer.get_watermark_offsets(TopicPartition(topic, partition), timeout=timeout)
        if start >= high:
            return []
        consumer.assign([TopicPartition(topic, partition, start)])
        messages: list[Any] = []
        deadline = time.monotonic() + timeout
        while len(messages) < high - start:
            if time.monotonic() > deadline:
                raise TimeoutError(f"{topic}[{partition}]: read {len(messages)} of {high - start} messages")
            message = consumer.poll(0.1)
            if message is not None and message.error() is None:
                messages.append(message)
        return messages
    finally:
        consumer.close()
