"""course.runtime.redistest (Recording, Meddling) and valkey's REDIS_URL handling (redis_url, fresh_redis)."""

from __future__ import annotations

from collections.abc import Iterator

import pytest
import redis

from course.errors import CourseError
from course.runtime import valkey
from course.runtime.redistest import Meddling, Recording, no_endless_reads
from course.runtime.valkey import MARK_KEY, empty_database, fresh_redis, redis_url, valkey_server


@pytest.fixture(scope="module")
def url() -> Iterator[str]:
    with valkey_server() as address:
        yield address


def test_recording_keeps_every_command_it_sends(url: str) -> None:
    spy = Recording.from_url(url, decode_responses=True)
    spy.set("lock", "t", nx=True, px=10_000)
    spy.get("lock")
    assert spy.sent[0][:3] == ("SET", "lock", "t") and {"NX", "PX", 10_000} <= set(spy.sent[0])
    assert spy.names() == ["SET", "GET"]
    spy.close()


def test_recording_sees_pipelines_and_transactions(url: str) -> None:
    spy = Recording.from_url(url, decode_responses=True)
    with spy.pipeline() as pipe:
        pipe.watch("stock")
        pipe.get("stock")
        pipe.multi()
        pipe.decrby("stock", 1).incrby("sold", 1)
        pipe.execute()
    with spy.pipeline(transaction=False) as pipe:
        pipe.incr("a").incr("b").execute()
    assert spy.names() == ["WATCH", "GET", "MULTI", "DECRBY", "INCRBY", "EXEC", "INCRBY", "INCRBY"]
    assert spy.transactions() == [[("DECRBY", "stock", 1), ("INCRBY", "sold", 1)]]
    assert spy.get("a") == "1" and spy.get("stock") == "-1", "the commands really ran"
    spy.close()


def test_meddling_acts_once_right_after_the_first_matching_reply(url: str) -> None:
    plain = redis.Redis.from_url(url, decode_responses=True)
    plain.set("stock", 5)
    seen: list[str | None] = []
    racing = Meddling.from_url(url, decode_responses=True).plan({"get"}, lambda: plain.decrby("stock", 3))
    seen.append(racing.get("stock"))  # the reply was read before the other worker acted
    seen.append(racing.get("stock"))  # and the other worker acted exactly once
    assert seen == ["5", "2"] and racing.meddled
    racing.plan({"GET"}, lambda: plain.set("stock", 0))
    racing.set("other", 1)  # not a planned read
    assert not racing.meddled
    racing.after("GET")  # a test lets the other worker act itself
    assert racing.meddled and plain.get("stock") == "0"
    racing.close()
    plain.close()


def test_meddling_sees_reads_while_watching_so_a_watched_transaction_fails(url: str) -> None:
    plain = redis.Redis.from_url(url, decode_responses=True)
    plain.set("n", 1)
    racing = Meddling.from_url(url, decode_responses=True).plan({"GET"}, lambda: plain.incr("n"))
    with racing.pipeline() as pipe:
        pipe.watch("n")
        assert pipe.get("n") == "1"
        pipe.multi()
        pipe.set("n", 100)
        with pytest.raises(redis.WatchError):
            pipe.execute()
    assert racing.meddled and plain.get("n") == "2"
    racing.close()
    plain.close()


def test_meddling_never_acts_inside_a_script(url: str) -> None:
    racing = Meddling.from_url(url, decode_responses=True).plan({"GET"}, lambda: None)
    racing.set("k", "v")
    assert racing.eval("return redis.call('GET', KEYS[1])", 1, "k") == "v"
    assert not racing.meddled, "the GET ran on the server, inside EVAL"
    racing.close()


def test_redis_url_honours_REDIS_URL_and_checks_its_scheme(monkeypatch: pytest.MonkeyPatch, url: str) -> None:
    monkeypatch.setenv("REDIS_URL", f"  {url}  ")
    assert redis_url() == url
    monkeypatch.setenv("REDIS_URL", "http://127.0.0.1:6379/0")
    with pytest.raises(CourseError, match="REDIS_URL must be a redis://"):
        redis_url()
    monkeypatch.setenv("REDIS_URL", "")
    assert redis_url() == valkey.shared_valkey()
    valkey._stop_shared()


def test_fresh_redis_refuses_a_database_with_data_that_is_not_the_courses(
    monkeypatch: pytest.MonkeyPatch, url: str
) -> None:
    owner = redis.Redis.from_url(url + "?db=3", decode_responses=True)
    owner.flushdb()
    owner.set("customer:1", "precious")
    monkeypatch.setenv("REDIS_URL", url + "?db=3")
    with pytest.raises(CourseError, match=r"refusing to empty Redis database 3 \(1 keys"):
        fresh_redis(decode_responses=True)
    assert owner.keys("*") == ["customer:1"], "nothing was touched"
    owner.flushdb()
    owner.close()


def test_fresh_redis_empties_an_empty_or_marked_database_and_marks_it(
    monkeypatch: pytest.MonkeyPatch, url: str
) -> None:
    monkeypatch.setenv("REDIS_URL", url + "?db=4")
    other_db = redis.Redis.from_url(url + "?db=5", decode_responses=True)
    other_db.set("keep", "me")
    client = fresh_redis(decode_responses=True)
    assert client.keys("*") == [MARK_KEY], "an empty database is taken and marked"
    client.set("leftover", 1)
    again = fresh_redis(decode_responses=True)
    assert again.keys("*") == [MARK_KEY], "a marked database is emptied again"
    assert other_db.get("keep") == "me", "only the named database is emptied"
    client.delete(MARK_KEY)
    client.set("theirs", 1)
    with pytest.raises(CourseError):
        empty_database(client)
    client.flushdb()
    other_db.flushdb()
    client.close()
    again.close()
    other_db.close()


def test_no_endless_reads_refuses_listen_but_serves_timed_reads(url: str) -> None:
    client = redis.Redis.from_url(url, decode_responses=True)
    pubsub = no_endless_reads(client.pubsub())
    pubsub.subscribe("news")
    assert pubsub.get_message(timeout=5.0)["type"] == "subscribe"
    assert pubsub.get_message(timeout=0.01) is None, "a timed read with nothing to read ends"
    client.publish("news", "hello")
    assert pubsub.get_message(timeout=5.0)["data"] == "hello"
    with pytest.raises(AssertionError, match="no time limit"):
        next(iter(pubsub.listen()))
    with pytest.raises(AssertionError, match="no time limit"):
        pubsub.get_message(timeout=None)
    pubsub.close()
    client.close()


def test_no_endless_reads_refuses_a_read_longer_than_allowed(url: str) -> None:
    client = redis.Redis.from_url(url, decode_responses=True)
    pubsub = no_endless_reads(client.pubsub(), longest=1.0)
    pubsub.subscribe("news")
    assert pubsub.get_message(timeout=1.0)["type"] == "subscribe"
    with pytest.raises(AssertionError, match=r"longer than the 1\.0 s"):
        pubsub.get_message(timeout=1e9)
    pubsub.close()
    client.close()
