"""Stand-ins for MongoDB, DynamoDB and a search engine, for the NoSQL section's demos and tests.

No MongoDB, DynamoDB or Elasticsearch server runs offline, so:

- :func:`fresh_collection` is a new, empty in-memory ``mongomock`` collection (pymongo's API, no
  server); :func:`demo_database` is the ``course_13_5`` database of a real server when ``MONGO_URL``
  is set (demos drop and refill collections in it and touch nothing else), of mongomock otherwise.
- :class:`AsyncDatabase` imitates an asyncio driver (motor, PyMongo's ``AsyncMongoClient``) over
  mongomock: every call takes a few event-loop passes, as a round trip would, and ``peak`` counts the
  calls in flight together, so a test sees whether queries were awaited one after another.
- :func:`dynamodb` is boto3's DynamoDB resource on moto's HTTP server at 127.0.0.1, the one
  :mod:`course.runtime.aws` shares with the object-storage section (fake credentials, hermetic
  clients, ``reset``), emptied for one block; :func:`make_table` makes a ``pk``/``sk`` table on it.
- :class:`Recorder` wraps a collection or a table, records the methods called on it, can make
  DynamoDB pages small (as the 1 MB page limit would on big tables) and stops a loop that never ends.
- :func:`log_index` is an SQLite FTS5 full-text index of log lines (a small Elasticsearch).
"""

from __future__ import annotations

import asyncio
import contextlib
import os
import re
import sqlite3
import uuid
from collections.abc import Iterator
from typing import Any

from course.runtime import aws

__all__ = [
    "AsyncCollection",
    "AsyncDatabase",
    "Recorder",
    "demo_database",
    "dynamodb",
    "filter_names",
    "fresh_collection",
    "log_index",
    "make_table",
]

DEMO_DATABASE = "course_13_5"


def fresh_collection(name: str = "items") -> Any:
    """An empty in-memory ``mongomock`` collection, in a database of its own, new on every call."""
    import mongomock

    return mongomock.MongoClient()[f"db_{uuid.uuid4().hex[:8]}"][name]


def demo_database() -> Any:
    """The database ``course_13_5``: on the server ``MONGO_URL`` names if it is set (through
    ``pymongo``, giving up after 3 s without a server), in a new mongomock client otherwise.
    Demos drop and refill collections in it; nothing else on the server is read or written."""
    url = os.environ.get("MONGO_URL")
    if url:
        import pymongo

        return pymongo.MongoClient(url, serverSelectionTimeoutMS=3000)[DEMO_DATABASE]
    import mongomock

    return mongomock.MongoClient()[DEMO_DATABASE]


class AsyncDatabase:
    """A motor-like asyncio database over mongomock: ``await db.runs.find_one(...)``.

    Collections (``db.<name>``) offer ``find_one``, ``count_documents``, ``distinct`` and
    ``insert_many``. Each call takes three event-loop passes, as a round trip to a server would, so
    other tasks run meanwhile. ``calls`` counts the calls; ``peak`` is the most that were in flight
    at the same time (1 when each is awaited before the next starts). ``inner`` is the mongomock
    database itself, for a test to fill without awaiting."""

    def __init__(self) -> None:
        self.inner = fresh_collection().database
        self.calls = 0
        self.in_flight = 0
        self.peak = 0

    def __getattr__(self, name: str) -> AsyncCollection:
        if name.startswith("_"):
            raise AttributeError(name)
        return AsyncCollection(self, self.inner[name])


class AsyncCollection:
    """One collection of an :class:`AsyncDatabase`: its methods are coroutines."""

    def __init__(self, db: AsyncDatabase, inner: Any) -> None:
        self.db = db
        self.inner = inner

    async def _call(self, name: str, *args: Any, **kwargs: Any) -> Any:
        self.db.calls += 1
        self.db.in_flight += 1
        self.db.peak = max(self.db.peak, self.db.in_flight)
        try:
            for _ in range(3):
                await asyncio.sleep(0)  # the round trip: other tasks run meanwhile
            return getattr(self.inner, name)(*args, **kwargs)
        finally:
            self.db.in_flight -= 1

    async def find_one(self, *args: Any, **kwargs: Any) -> Any:
        return await self._call("find_one", *args, **kwargs)

    async def count_documents(self, *args: Any, **kwargs: Any) -> int:
        count: int = await self._call("count_documents", *args, **kwargs)
        return count

    async def distinct(self, *args: Any, **kwargs: Any) -> list[Any]:
        """The distinct values, Z to A: a server promises no order (mongomock's follows string
        hashing, which changes between runs), so an answer that forgets to sort fails every time."""
        values = await self._call("distinct", *args, **kwargs)
        return sorted(values, key=repr, reverse=True)

    async def insert_many(self, *args: Any, **kwargs: Any) -> Any:
        return await self._call("insert_many", *args, **kwargs)


_resources: dict[str, Any] = {}  # endpoint -> its DynamoDB resource: made once (a client costs about 0.1 s)


@contextlib.contextmanager
def dynamodb(endpoint: str | None = None) -> Iterator[Any]:
    """boto3's DynamoDB resource on a moto server (:mod:`course.runtime.aws`: ``endpoint``, or the process's
    shared one), with every table gone at the start of the ``with`` block and at its end. moto keeps one state
    per process: this empties all of it (:func:`course.runtime.aws.reset`), S3 buckets included."""
    url = aws.shared_moto() if endpoint is None else endpoint
    if url not in _resources:
        _resources[url] = aws.resource("dynamodb", url)
    aws.reset(url)
    try:
        yield _resources[url]
    finally:
        aws.reset(url)


def make_table(resource: Any, name: str = "app") -> Any:
    """A table with a string partition key ``pk`` and a string sort key ``sk`` (on-demand capacity)."""
    return resource.create_table(
        TableName=name,
        KeySchema=[
            {"AttributeName": "pk", "KeyType": "HASH"},
            {"AttributeName": "sk", "KeyType": "RANGE"},
        ],
        AttributeDefinitions=[
            {"AttributeName": "pk", "AttributeType": "S"},
            {"AttributeName": "sk", "AttributeType": "S"},
        ],
        BillingMode="PAY_PER_REQUEST",
    )


class Recorder:
    """Wraps a collection or a table: records the name of every method called on it (``calls``),
    then calls the real one.

    With ``page=N`` every DynamoDB ``query``/``scan`` returns at most N items per call (as the 1 MB
    page limit would on a big table), so code that forgets ``LastEvaluatedKey`` loses items on small
    tables too. With ``limit=N`` the call after the N-th raises ``AssertionError``: a loop that never
    ends (say, one that never passes ``ExclusiveStartKey`` on) fails at once instead of hanging.

    With ``keys=("pk", "sk")`` a ``query`` whose ``FilterExpression`` names a key attribute raises
    ``AssertionError``, as real DynamoDB refuses it (``ValidationException``); moto accepts it."""

    def __init__(
        self, inner: Any, page: int | None = None, limit: int | None = None, keys: tuple[str, ...] = ()
    ) -> None:
        self.inner = inner
        self.page = page
        self.limit = limit
        self.keys = keys
        self.calls: list[str] = []

    def __getattr__(self, name: str) -> Any:
        if name.startswith("_"):
            raise AttributeError(name)
        attr = getattr(self.inner, name)
        if not callable(attr):
            return attr

        def call(*args: Any, **kwargs: Any) -> Any:
            self.calls.append(name)
            if self.limit is not None and len(self.calls) > self.limit:
                msg = f"more than {self.limit} calls ({self.calls[-3:]}...): does the loop ever end?"
                raise AssertionError(msg)
            if name == "query" and self.keys:
                named = sorted(set(self.keys) & filter_names(kwargs))
                if named:
                    msg = (
                        f"DynamoDB refuses a query whose FilterExpression names the key attribute(s) {named}"
                        " (ValidationException; moto lets it pass): put the condition in KeyConditionExpression"
                    )
                    raise AssertionError(msg)
            if self.page is not None and name in ("query", "scan"):
                kwargs["Limit"] = min(kwargs.get("Limit", self.page), self.page)
            return attr(*args, **kwargs)

        return call


def filter_names(kwargs: dict[str, Any]) -> set[str]:
    """The attribute names a ``FilterExpression`` in these call arguments may name: from a boto3
    condition object, or (for a string expression) its ``ExpressionAttributeNames`` and bare words."""
    expression = kwargs.get("FilterExpression")
    if expression is None:
        return set()
    if isinstance(expression, str):
        names = set(kwargs.get("ExpressionAttributeNames", {}).values())
        return names | set(re.findall(r"[A-Za-z_][A-Za-z0-9_]*", expression))
    from boto3.dynamodb.conditions import ConditionExpressionBuilder  # type: ignore[import-untyped]

    built = ConditionExpressionBuilder().build_expression(expression)
    return set(built.attribute_name_placeholders.values())


def log_index(lines: list[tuple[str, str]]) -> sqlite3.Connection:
    """An in-memory FTS5 index ``logs(message, host UNINDEXED)`` of ``(host, message)`` pairs; rowids
    are 1, 2, 3... in the order given."""
    conn = sqlite3.connect(":memory:")
    conn.execute("CREATE VIRTUAL TABLE logs USING fts5(message, host UNINDEXED)")
    conn.executemany("INSERT INTO logs (host, message) VALUES (?, ?)", lines)
    return conn
