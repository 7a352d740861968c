"""course.runtime.vaultstub: a KV v2 read stand-in on 127.0.0.1, reachable with a proxy set."""

from __future__ import annotations

import doctest
import json
import os
import urllib.error
import urllib.request
from typing import Any

import pytest

from course.runtime import vaultstub
from course.runtime.httpserve import QuietHandler, base_url, local_server
from course.runtime.sockets import no_leftovers
from course.runtime.vaultstub import direct_opener, vault_stand_in

STORE = {"secret/app/db": {"password": "pw", "user": "app"}, "kv/sealed": 503}


def get(url: str, token: str | None, opener: Any = None) -> tuple[int, Any]:
    headers = {} if token is None else {"X-Vault-Token": token}
    request = urllib.request.Request(url, headers=headers)
    try:
        with (opener.open if opener else urllib.request.urlopen)(request, timeout=10) as response:
            return response.status, json.load(response)
    except urllib.error.HTTPError as error:
        with error:
            return error.code, json.load(error)


class Proxy(QuietHandler):
    """A 'proxy' that records what reached it and answers 502."""

    def do_GET(self) -> None:
        self.server.hits.append(self.path)  # type: ignore[attr-defined]
        self.send_body(502, b'{"errors": ["via proxy"]}', "application/json")


def test_doctest() -> None:
    assert doctest.testmod(vaultstub, globs={**vars(vaultstub), "json": json}).failed == 0


def test_read_answers_with_the_kv_v2_envelope() -> None:
    with vault_stand_in("t-1", STORE) as vault:
        status, body = get(f"{vault.url}/v1/secret/data/app/db", "t-1")
        assert status == 200
        assert body["data"]["data"] == {"password": "pw", "user": "app"}
        assert set(body["data"]["metadata"]) == {
            "created_time",
            "custom_metadata",
            "deletion_time",
            "destroyed",
            "version",
        }
        assert body["lease_duration"] == 0 and body["renewable"] is False
        status, meta = get(f"{vault.url}/v1/secret/metadata/app/db", "t-1")
        assert status == 200 and meta["data"]["current_version"] == 1 and "1" in meta["data"]["versions"]
        status, body = get(f"{vault.url}/v1/secret/data/app/db?version=1", "t-1")
        assert status == 200 and body["data"]["data"]["user"] == "app"
    assert vault.seen[0] == ("GET", "/v1/secret/data/app/db", "t-1")  # type: ignore[attr-defined]
    assert vault.seen[-1] == ("GET", "/v1/secret/data/app/db?version=1", "t-1")  # type: ignore[attr-defined]


@pytest.mark.parametrize(
    ("path", "token", "status", "errors"),
    [
        ("/v1/secret/data/app/db", "wrong", 403, ["permission denied"]),
        ("/v1/secret/data/app/db", None, 403, ["permission denied"]),
        ("/v1/secret/data/app/cache", "t-1", 404, []),
        ("/v1/secret/app/db", "t-1", 404, []),  # the KV v1 path: no data/
        ("/v1/kv/data/sealed", "t-1", 503, ["Vault is sealed"]),
    ],
)
def test_errors(path: str, token: str | None, status: int, errors: list[str]) -> None:
    with vault_stand_in("t-1", STORE) as vault:
        assert get(vault.url + path, token) == (status, {"errors": errors})


def test_urlopen_reaches_it_with_a_proxy_set(monkeypatch: pytest.MonkeyPatch) -> None:
    for name in ("no_proxy", "NO_PROXY", "http_proxy"):
        monkeypatch.delenv(name, raising=False)
    monkeypatch.setenv("NO_PROXY", "internal.example")
    with local_server(Proxy, hits=[]) as proxy:
        monkeypatch.setenv("HTTP_PROXY", base_url(proxy))
        with vault_stand_in("t-1", STORE) as vault:
            url = f"{vault.url}/v1/secret/data/app/db"
            # build_opener() reads HTTP_PROXY now, as urlopen's global opener does on its first call
            assert get(url, "t-1", urllib.request.build_opener())[0] == 200  # no_proxy names loopback
            assert get(url, "t-1")[0] == 200  # urlopen: no_proxy is read on every request
            assert "internal.example" in os.environ["no_proxy"].split(",")
            os.environ.pop("no_proxy")
            os.environ.pop("NO_PROXY")
            proxied = urllib.request.build_opener()
            assert get(url, "t-1", proxied)[0] == 502, "without no_proxy, urllib sends loopback to the proxy"
            assert get(url, "t-1", direct_opener())[0] == 200  # never a proxy
        assert len(proxy.hits) == 1  # type: ignore[attr-defined]
    assert os.environ["NO_PROXY"] == "internal.example" and "no_proxy" not in os.environ


def test_nothing_left_behind() -> None:
    with no_leftovers(), vault_stand_in("t-1", STORE) as vault:
        get(f"{vault.url}/v1/secret/data/app/db", "t-1")
