"""course.runtime.nosql: mongomock collections, an async imitation, moto tables, a recorder, FTS5."""

from __future__ import annotations

import asyncio
import os
import socket
import threading
from urllib.parse import urlsplit

import pytest
from boto3.dynamodb.conditions import Attr, Key

from course.runtime import aws
from course.runtime.nosql import (
    AsyncDatabase,
    Recorder,
    demo_database,
    dynamodb,
    filter_names,
    fresh_collection,
    log_index,
    make_table,
)


def test_fresh_collections_are_new_and_empty() -> None:
    first = fresh_collection("runs")
    first.insert_one({"_id": 1})
    second = fresh_collection("runs")
    assert second.count_documents({}) == 0 and first.count_documents({}) == 1
    assert second.name == "runs"


def test_demo_database_is_course_13_5_on_mongomock_without_mongo_url(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.delenv("MONGO_URL", raising=False)
    db = demo_database()
    assert db.name == "course_13_5"
    assert type(db.client).__module__.startswith("mongomock")


def test_demo_database_uses_mongo_url_when_set(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("MONGO_URL", "mongodb://127.0.0.1:1")  # nothing listens: pymongo connects lazily
    db = demo_database()
    assert db.name == "course_13_5"
    assert type(db.client).__module__.startswith("pymongo")
    db.client.close()


async def _three(db: AsyncDatabase, together: bool) -> list[object]:
    calls = [
        db.runs.find_one({"_id": "r1"}, {"_id": 0}),
        db.metrics.count_documents({}),
        db.artifacts.distinct("name"),
    ]
    if together:
        return list(await asyncio.gather(*calls))
    return [await call for call in calls]


@pytest.mark.parametrize(("together", "peak"), [(True, 3), (False, 1)])
def test_async_database_counts_calls_in_flight(together: bool, peak: int) -> None:
    db = AsyncDatabase()
    db.inner.runs.insert_one({"_id": "r1", "model": "xgb"})
    db.inner.metrics.insert_many([{"n": 1}, {"n": 2}])
    db.inner.artifacts.insert_many([{"name": n} for n in ("a", "c", "b", "a")])
    assert asyncio.run(_three(db, together)) == [{"model": "xgb"}, 2, ["c", "b", "a"]]
    assert db.calls == 3 and db.peak == peak and db.in_flight == 0


def test_async_insert_many_writes_through() -> None:
    db = AsyncDatabase()
    asyncio.run(db.runs.insert_many([{"_id": 1}, {"_id": 2}]))
    assert db.inner.runs.count_documents({}) == 2 and db.calls == 1


def test_dynamodb_tables_are_empty_in_each_block() -> None:
    with dynamodb() as ddb:
        table = make_table(ddb, "t")
        table.put_item(Item={"pk": "a", "sk": "1"})
        assert table.get_item(Key={"pk": "a", "sk": "1"})["Item"] == {"pk": "a", "sk": "1"}
    with dynamodb() as ddb:
        assert list(ddb.tables.all()) == []


def test_dynamodb_is_the_shared_moto_server_and_is_emptied_after_the_block() -> None:
    endpoint = aws.shared_moto()
    s3 = aws.client("s3", endpoint)
    with dynamodb() as ddb:
        assert ddb.meta.client.meta.endpoint_url == endpoint, "13.5 and 13.6 share one moto server"
        make_table(ddb, "t").put_item(Item={"pk": "a", "sk": "1"})
        s3.create_bucket(Bucket="shared-state")
    assert aws.client("dynamodb", endpoint).list_tables()["TableNames"] == []
    assert s3.list_buckets()["Buckets"] == [], "moto keeps one state: the block empties all of it"


def test_a_dynamodb_block_on_its_own_server_leaves_nothing_behind(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("AWS_ACCESS_KEY_ID", "AKIAREALKEY")
    monkeypatch.delenv("AWS_ENDPOINT_URL", raising=False)
    environment = dict(os.environ)
    threads = set(threading.enumerate())
    with aws.moto_server() as url, dynamodb(url) as ddb:
        table = make_table(ddb, "own")
        table.put_item(Item={"pk": "a", "sk": "1"})
        assert ddb.meta.client.meta.endpoint_url == url
        assert [t.name for t in ddb.tables.all()] == ["own"]
    assert dict(os.environ) == environment, "the environment is restored"
    assert set(threading.enumerate()) <= threads, "the server thread is joined"
    with socket.socket() as sock:
        assert sock.connect_ex(("127.0.0.1", urlsplit(url).port or 0)) != 0, "the port is closed"


def test_recorder_records_pages_and_limits_calls() -> None:
    with dynamodb() as ddb:
        table = make_table(ddb, "t")
        for i in range(7):
            table.put_item(Item={"pk": "a", "sk": f"{i}"})
        spy = Recorder(table, page=3, limit=2)
        page = spy.query(KeyConditionExpression=Key("pk").eq("a"))
        assert len(page["Items"]) == 3 and "LastEvaluatedKey" in page
        assert spy.name == "t", "attributes pass through unrecorded"
        spy.scan(Limit=10)
        assert spy.calls == ["query", "scan"]
        with pytest.raises(AssertionError, match="more than 2 calls"):
            spy.query(KeyConditionExpression=Key("pk").eq("a"))


def test_recorder_refuses_a_query_filter_on_key_attributes_as_dynamodb_does() -> None:
    with dynamodb() as ddb:
        table = make_table(ddb, "t")
        spy = Recorder(table, keys=("pk", "sk"))
        with pytest.raises(AssertionError, match=r"\['sk'\]"):
            spy.query(KeyConditionExpression=Key("pk").eq("a"), FilterExpression=Attr("sk").lt("5"))
        spy.query(KeyConditionExpression=Key("pk").eq("a"), FilterExpression=Attr("kind").eq("x"))
        spy.scan(FilterExpression=Attr("sk").lt("5"))  # a scan may filter on keys


def test_filter_names_reads_conditions_and_strings() -> None:
    assert filter_names({}) == set()
    assert filter_names({"FilterExpression": Attr("a").eq(1) & Attr("b.c").exists()}) == {"a", "b", "c"}
    assert "sk" in filter_names({"FilterExpression": "#k < :v", "ExpressionAttributeNames": {"#k": "sk"}})
    assert "sk" in filter_names({"FilterExpression": "sk < :v"})


def test_log_index_is_full_text_searchable() -> None:
    conn = log_index([("web-01", "disk full"), ("web-02", "Disk ok")])
    rows = conn.execute("SELECT rowid, host FROM logs WHERE logs MATCH 'disk' ORDER BY rowid").fetchall()
    assert rows == [(1, "web-01"), (2, "web-02")]
    assert conn.execute("SELECT rowid FROM logs WHERE logs MATCH 'web'").fetchall() == [], "host is not indexed"
