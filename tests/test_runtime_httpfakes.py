"""course.runtime.httpfakes: fake APIs for httpx.MockTransport and a recording HTTPConnection."""

from __future__ import annotations

import doctest
import http.client

import httpx
import pytest

from course.runtime import httpfakes
from course.runtime.httpfakes import (
    REAL_HTTP_CONNECTION,
    AuthApi,
    ClosingTransport,
    PagedApi,
    RateLimitedApi,
    RecordingConnection,
    Scripted,
    recording_connections,
)
from course.runtime.httpserve import EchoHandler, local_server


def test_the_module_doctest_runs() -> None:
    assert doctest.testmod(httpfakes).failed == 0


def test_paged_api_links_each_page_to_the_next_and_records_requests() -> None:
    api = PagedApi([["a"], ["b", "c"], []])
    with api.client() as client:
        pages = [client.get(f"https://api.test/models?page={n}") for n in (1, 2, 3)]
    assert [p.json() for p in pages] == [{"items": ["a"]}, {"items": ["b", "c"]}, {"items": []}]
    assert [p.links.get("next", {}).get("url") for p in pages] == [
        "https://api.test/models?page=2",
        "https://api.test/models?page=3",
        None,  # the last page links nowhere
    ]
    assert pages[0].links["first"]["url"] == "https://api.test/models?page=1"
    assert api.requests == [1, 2, 3]


def test_paged_api_custom_links_error_statuses_and_a_request_limit() -> None:
    api = PagedApi([["a"], ["b"]], links={1: "/models?page=2"}, status={2: 503}, limit=3)
    with api.client() as client:
        assert client.get("https://api.test/models").links["next"]["url"] == "/models?page=2"
        failed = client.get("https://api.test/models?page=2")
        assert (failed.status_code, failed.json()) == (503, {"error": "boom"})
        client.get("https://api.test/models")
        with pytest.raises(AssertionError, match="more than 3 requests"):
            client.get("https://api.test/models")
    assert api.requests == [1, 2, 1, 1]


def test_scripted_plays_statuses_and_failures_then_refuses_more() -> None:
    script = Scripted(503, httpx.ConnectError, 200, ValueError)
    with script.client() as client:
        first = client.get("https://api.test/")
        assert (first.status_code, first.text) == (503, "answer 1")
        with pytest.raises(httpx.ConnectError, match="failure 2") as failure:
            client.get("https://api.test/x")
        assert failure.value.request.url.path == "/x"  # a transport error knows its request
        assert client.get("https://api.test/").text == "answer 3"
        with pytest.raises(ValueError, match="failure 4"):
            client.get("https://api.test/")
        with pytest.raises(AssertionError, match="request 5 was not expected"):
            client.get("https://api.test/")
    assert script.calls == 4


def test_auth_api_issues_tokens_and_checks_them() -> None:
    api = AuthApi()
    transport = ClosingTransport(api)
    with httpx.Client(transport=transport, base_url="https://api.test") as client:
        assert client.get("/reports").status_code == 401
        assert client.post("/login", json={"user": "ana", "password": "wrong"}).status_code == 401
        assert client.post("/login", json={"user": "eve", "password": None}).status_code == 401
        assert client.post("/login", json={"user": "bo", "password": ""}).json() == {"token": "tok-bo-1"}
        token = client.post("/login", json={"user": "ana", "password": "s3cret"}).json()["token"]
        assert token == "tok-ana-2"
        ok = client.get("/reports", headers={"Authorization": f"Bearer {token}"})
        assert (ok.status_code, ok.json()) == (200, {"path": "/reports"})
        assert client.get("https://other.test/reports").status_code == 421
        assert not transport.closed
    assert transport.closed
    assert api.log[0] == ("GET", "/reports", None, "")
    assert api.log[5] == ("GET", "/reports", "Bearer tok-ana-2", "")
    assert api.issued == ["tok-bo-1", "tok-ana-2"]


def test_rate_limited_api_plays_its_script_then_echoes_the_query() -> None:
    api = RateLimitedApi((429, "3"), (503, None))
    with httpx.Client(transport=httpx.MockTransport(api), headers={"Authorization": "Bearer t"}) as client:
        limited = client.get("https://api.test/runs?stage=prod")
        assert (limited.status_code, limited.headers["Retry-After"], limited.text) == (429, "3", "status 429")
        assert "Retry-After" not in client.get("https://api.test/runs").headers
        done = client.get("https://api.test/runs?stage=prod&n=2")
        assert done.json() == {"path": "/runs", "params": {"stage": "prod", "n": "2"}}
        assert api.log[0] == ("/runs", "stage=prod", "Bearer t")
        for _ in range(17):
            client.get("https://api.test/runs")
        with pytest.raises(AssertionError, match="more than 20 requests"):
            client.get("https://api.test/runs")


def test_recording_connections_records_connects_and_closes_then_puts_the_real_class_back() -> None:
    with local_server(EchoHandler, seen=[]) as server:
        host, port = str(server.server_address[0]), int(server.server_address[1])
        with recording_connections() as made:
            assert http.client.HTTPConnection is RecordingConnection is made
            conn = http.client.HTTPConnection(host, port, timeout=7)
            conn.request("GET", "/a")
            assert conn.getresponse().status == 200
            conn.close()
        assert http.client.HTTPConnection is REAL_HTTP_CONNECTION
    assert made.connects == [(host, port, 7)] and made.closes >= 1
    with recording_connections() as again:
        assert again.connects == [] and again.closes == 0  # a fresh record for every block


def test_recording_connections_can_fail_every_connect_and_restores_after_an_error() -> None:
    def fails_inside() -> None:
        with recording_connections(fail=ConnectionRefusedError) as made:
            conn = http.client.HTTPConnection("192.0.2.1", 81, timeout=3)
            with pytest.raises(ConnectionRefusedError, match=r"nothing is contacted at 192\.0\.2\.1:81"):
                conn.request("GET", "/")
            assert made.connects == [("192.0.2.1", 81, 3)]
            raise ZeroDivisionError

    with pytest.raises(ZeroDivisionError):
        fails_inside()
    assert http.client.HTTPConnection is REAL_HTTP_CONNECTION
