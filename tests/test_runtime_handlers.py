"""course.runtime.handlers: HTTP requests and responses as plain values, served by a plain function."""

from __future__ import annotations

import dataclasses
import warnings

import httpx
import pytest

from course.runtime.aio import serve
from course.runtime.handlers import METHODS, Call, Reply, encode, handler_app

with warnings.catch_warnings():  # Starlette 1.10 warns on import that its TestClient prefers httpx2
    warnings.filterwarnings("ignore", message="Using `httpx` with `starlette.testclient`")
    from fastapi.testclient import TestClient


def test_call_and_reply_are_frozen_values_with_fresh_defaults() -> None:
    first, second = Call("GET", "/a"), Call("GET", "/a")
    assert first == second and first.query is not second.query and first.headers is not second.headers
    assert (first.query, first.headers, first.body) == ({}, {}, b"")
    assert Reply(204) == Reply(204, None, {})
    with pytest.raises(dataclasses.FrozenInstanceError):
        first.path = "/b"  # type: ignore[misc]


def test_encode_sends_bytes_as_they_are_none_as_nothing_and_the_rest_as_json() -> None:
    assert encode(Reply(204)) == (b"", {})
    assert encode(Reply(200, b"\x00raw", {"content-type": "application/octet-stream"})) == (
        b"\x00raw",
        {"content-type": "application/octet-stream"},
    )
    assert encode(Reply(200, {"a": [1, "é"]})) == (b'{"a": [1, "\\u00e9"]}', {"content-type": "application/json"})
    assert encode(Reply(200, [], {"x": "1"})) == (b"[]", {"x": "1", "content-type": "application/json"})
    assert encode(Reply(200, 0)) == (b"0", {"content-type": "application/json"}), "a falsy body is still a body"


def test_encode_keeps_a_content_type_given_in_any_case_and_does_not_change_the_reply() -> None:
    reply = Reply(404, {"title": "Not Found"}, {"Content-Type": "application/problem+json"})
    assert encode(reply) == (b'{"title": "Not Found"}', {"Content-Type": "application/problem+json"})
    plain = Reply(200, {"a": 1}, {"etag": '"x"'})
    encode(plain)
    assert plain.headers == {"etag": '"x"'}


@pytest.fixture
def seen() -> list[Call]:
    return []


def _recording(seen: list[Call]) -> TestClient:
    def handle(call: Call) -> Reply:
        seen.append(call)
        return Reply(201, {"path": call.path}, {"location": "/jobs/1", "x-trace": "t"})

    return TestClient(handler_app(handle))


def test_every_method_and_path_reaches_the_handler_as_a_call(seen: list[Call]) -> None:
    with _recording(seen) as client:
        answer = client.post(
            "/jobs/7/logs?tail=5&tail=9&q=%C3%A9", content=b"{}", headers={"X-Key": "k", "Accept": "*/*"}
        )
        assert (answer.status_code, answer.json()) == (201, {"path": "/jobs/7/logs"})
        assert (answer.headers["location"], answer.headers["x-trace"]) == ("/jobs/1", "t")
        assert answer.headers["content-type"] == "application/json"
        for method in METHODS:
            assert client.request(method, "/").status_code == 201, method
    call = seen[0]
    assert (call.method, call.path, call.body) == ("POST", "/jobs/7/logs", b"{}")
    assert call.query == {"tail": "9", "q": "é"}, "the last of a repeated query name wins"
    assert call.headers["x-key"] == "k" and call.headers["accept"] == "*/*", "header names arrive in lower case"
    assert [c.method for c in seen[1:]] == list(METHODS)
    assert all(c.path == "/" and c.body == b"" for c in seen[1:])


def test_a_reply_without_a_body_sends_none() -> None:
    with TestClient(handler_app(lambda call: Reply(204))) as client:
        answer = client.delete("/jobs/1")
    assert (answer.status_code, answer.content) == (204, b"")


def test_a_real_server_answers_with_the_handlers_reply() -> None:
    def handle(call: Call) -> Reply:
        return Reply(200, call.body[::-1], {"content-type": "text/plain", "x-method": call.method})

    with serve(handler_app(handle)) as base, httpx.Client(base_url=base, timeout=20) as http:
        answer = http.put("/echo", content=b"abc")
    assert (answer.status_code, answer.content, answer.headers["x-method"]) == (200, b"cba", "PUT")
    assert answer.headers["content-type"] == "text/plain"
