"""course.runtime.httpserve: http.server on 127.0.0.1 for one block, and nothing left running after it."""

from __future__ import annotations

import doctest
import http.client
import json
import socket
import ssl

import pytest

from course.runtime import httpserve
from course.runtime.httpserve import EchoHandler, QuietHandler, base_url, exchange, https_server, local_server
from course.runtime.sockets import no_leftovers, port_closed
from course.runtime.tls import new_ca, server_cert


class Hello(QuietHandler):
    def do_GET(self) -> None:
        self.send_body(200, f"hello {self.path} from {self.server.greeting}".encode(), headers={"X-Hi": "1"})  # type: ignore[attr-defined]


class Silent(QuietHandler):
    def do_GET(self) -> None:
        pass  # returns without answering


class Broken(QuietHandler):
    def do_GET(self) -> None:
        raise ValueError("no such model")


def test_the_module_doctest_runs() -> None:
    assert doctest.testmod(httpserve).failed == 0


def test_serves_on_localhost_at_a_port_the_system_picked() -> None:
    with no_leftovers(), local_server(Hello, greeting="tests") as server:
        host, port = server.server_address[:2]
        assert host == "127.0.0.1" and port != 0
        assert base_url(server) == f"http://127.0.0.1:{port}"
        conn = http.client.HTTPConnection(host, port, timeout=10)
        conn.request("GET", "/a")
        response = conn.getresponse()
        assert (response.status, response.read(), response.getheader("X-Hi")) == (200, b"hello /a from tests", "1")
        assert response.version == 11 and response.getheader("Content-Length") == "19"
        conn.close()


def test_the_block_leaves_no_socket_no_thread_even_with_a_kept_alive_connection() -> None:
    with no_leftovers(), local_server(Hello, greeting="x") as server:
        address = server.server_address[:2]
        conn = http.client.HTTPConnection(*address, timeout=10)
        conn.request("GET", "/")
        assert conn.getresponse().read() == b"hello / from x"  # the connection stays open (HTTP/1.1)
        assert [t.is_alive() for t, _ in server.handlers] == [True]  # its handler waits for a next request
    assert [t.is_alive() for t, _ in server.handlers] == [False]  # stopped by the block's end, not later
    assert all(spare.fileno() == -1 for _, spare in server.handlers)
    assert server.socket.fileno() == -1 and port_closed((str(address[0]), int(address[1])))
    assert conn.sock is not None and conn.sock.recv(10) == b""  # the server hung up the kept-alive connection
    conn.close()


def test_each_block_gets_a_new_port_and_a_server_of_its_own() -> None:
    with local_server(Hello, greeting="a") as one, local_server(Hello, greeting="b") as two:
        assert one.server_address != two.server_address
        assert body_of_get(one, "/") == b"hello / from a" and body_of_get(two, "/") == b"hello / from b"


def body_of_get(server: httpserve.LocalServer, path: str) -> bytes:
    raw = f"GET {path} HTTP/1.1\r\nHost: t\r\nConnection: close\r\n\r\n".encode()
    return exchange(server, raw).split(b"\r\n\r\n", 1)[1]


def test_exchange_reads_until_the_server_closes_and_an_unknown_method_gets_501() -> None:
    with local_server(Hello, greeting="x") as server:
        two = b"GET /1 HTTP/1.1\r\nHost: t\r\n\r\nGET /2 HTTP/1.1\r\nHost: t\r\n\r\n"
        answer = exchange(server, two)
        assert answer.count(b"HTTP/1.1 200 OK") == 2 and answer.endswith(b"hello /2 from x")
        assert exchange(server, b"BREW / HTTP/1.1\r\nHost: t\r\n\r\n").startswith(b"HTTP/1.1 501 ")


def test_a_handler_that_does_not_answer_hangs_up_at_once() -> None:
    with no_leftovers(), local_server(Silent) as server:
        assert exchange(server, b"GET / HTTP/1.1\r\nHost: t\r\n\r\n") == b""
        conn = socket.create_connection(server.server_address[:2], timeout=10)
        conn.sendall(b"GET / HTTP/1.1\r\nHost: t\r\n\r\n")  # no half-close: the server still closes
        assert conn.recv(10) == b""
        conn.close()


def test_echo_handler_describes_the_request_and_records_it() -> None:
    with local_server(EchoHandler, seen=[]) as server:
        conn = http.client.HTTPConnection(*server.server_address[:2], timeout=10)
        conn.request("POST", "/m?x=1", body="é".encode(), headers={"X-Team": "ML"})
        first = json.loads(conn.getresponse().read())
        conn.request("HEAD", "/h")
        head = conn.getresponse()
        assert head.status == 200 and head.read() == b""
        port = conn.sock.getsockname()[1]
        conn.close()
    assert (first["method"], first["path"], first["body"]) == ("POST", "/m?x=1", "é")
    assert first["headers"]["x-team"] == "ML" and first["headers"]["content-length"] == "2"
    assert server.seen == [(port, "POST", "/m?x=1"), (port, "HEAD", "/h")]  # type: ignore[attr-defined]


def test_a_handler_error_gets_one_line_and_is_recorded(capsys: pytest.CaptureFixture[str]) -> None:
    with local_server(Broken) as server:
        assert exchange(server, b"GET / HTTP/1.1\r\nHost: t\r\n\r\n") == b""
    assert [type(e) for e in server.errors] == [ValueError]
    assert capsys.readouterr().err == "server: the handler raised ValueError: no such model\n"


def test_https_server_speaks_tls_with_the_given_certificate(capsys: pytest.CaptureFixture[str]) -> None:
    ca, stranger = new_ca("Test CA"), new_ca("Other CA")
    with no_leftovers(), https_server(Hello, *server_cert(ca, ("127.0.0.1",)), greeting="tls") as server:
        address = (str(server.server_address[0]), int(server.server_address[1]))
        trusting = ssl.create_default_context(cadata=ca.pem)
        conn = http.client.HTTPSConnection(*address, timeout=10, context=trusting)
        conn.request("GET", "/s")
        assert conn.getresponse().read() == b"hello /s from tls"  # and the connection stays open
        refusing = ssl.create_default_context(cadata=stranger.pem)
        with pytest.raises(ssl.SSLCertVerificationError), socket.create_connection(address, timeout=10) as raw:
            refusing.wrap_socket(raw, server_hostname="127.0.0.1")
        with socket.create_connection(address, timeout=10) as plain:  # plain HTTP to a TLS port gets no answer
            plain.sendall(b"GET / HTTP/1.1\r\nHost: t\r\n\r\n")
            assert b"200 OK" not in plain.recv(100)
    assert not any(t.is_alive() for t, _ in server.handlers)
    assert port_closed(address)
    assert capsys.readouterr().err == ""  # refused certificates and hang-ups are part of the lesson
    conn.close()
