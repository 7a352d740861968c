"""course.runtime.sockets: scripted reads, servers that stop with their block, leftover threads found."""

from __future__ import annotations

import socket
import socketserver
import threading

import pytest

from course.runtime.meters import TooMuchWork
from course.runtime.sockets import (
    QuietThreadingTCPServer,
    TrickleSocket,
    no_leftovers,
    peer,
    port_closed,
    serving,
)


def test_trickle_socket_hands_out_pieces_never_more_than_asked() -> None:
    sock = TrickleSocket([b"hello", b"world"])
    assert sock.recv(3) == b"hel"
    assert sock.recv(100) == b"lo"
    assert sock.recv(100) == b"world"
    assert sock.recv(100) == b""
    assert (sock.recvs, sock.ends, sock.unread) == (4, 1, b"")


def test_trickle_socket_stops_a_reader_that_ignores_the_end() -> None:
    sock = TrickleSocket([b"x"], ends_allowed=2)
    sock.recv(10)
    sock.recv(10)
    sock.recv(10)
    with pytest.raises(TooMuchWork, match="after the peer closed"):
        sock.recv(10)


def test_trickle_socket_records_what_is_sent_and_how_it_ends() -> None:
    with TrickleSocket([b"a"]) as sock:
        sock.sendall(b"one ")
        assert sock.send(b"two") == 3
        sock.shutdown(socket.SHUT_WR)
    assert (sock.sent, sock.shut_down, sock.closed) == (b"one two", [socket.SHUT_WR], True)
    with pytest.raises(OSError, match="closed"):
        sock.recv(1)


def test_trickle_socket_refuses_empty_pieces_and_empty_reads() -> None:
    with pytest.raises(ValueError, match="empty piece"):
        TrickleSocket([b"a", b""])
    with pytest.raises(ValueError, match="at least one byte"):
        TrickleSocket([b"a"]).recv(0)


def test_peer_serves_each_connection_and_closes_with_the_block() -> None:
    def shout(conn: socket.socket) -> None:
        conn.sendall(conn.recv(100).upper())

    with no_leftovers(), peer(shout) as server:
        for word in (b"one", b"two"):
            with socket.create_connection(server.address, timeout=5) as c:
                c.sendall(word)
                assert c.recv(100) == word.upper()
        assert not port_closed(server.address)
    assert port_closed(server.address)
    assert server.errors == []


def test_peer_records_handler_errors_instead_of_printing_them(capsys: pytest.CaptureFixture[str]) -> None:
    def broken(conn: socket.socket) -> None:
        raise RuntimeError("handler bug")

    with peer(broken) as server, socket.create_connection(server.address, timeout=5) as c:
        assert c.recv(10) == b""  # the server closed the connection after the error
    assert [str(e) for e in server.errors] == ["handler bug"]
    assert "handler bug" not in capsys.readouterr().err


def test_serving_fails_a_block_whose_handler_never_returns_and_unblocks_it() -> None:
    started = threading.Event()

    class Stuck(socketserver.BaseRequestHandler):
        def handle(self) -> None:
            started.set()
            self.request.recv(1)  # the client below never sends, and closes only after the block

    server = QuietThreadingTCPServer(("127.0.0.1", 0), Stuck)
    clients: list[socket.socket] = []

    def block() -> None:
        with serving(server, grace=0.1):
            clients.append(socket.create_connection(server.server_address, timeout=5))
            assert started.wait(5)

    with pytest.raises(AssertionError, match="never returned"):
        block()
    clients[0].close()
    assert all(not t.is_alive() for t, _ in server.handlers), "the stuck handler was unblocked"


def test_no_leftovers_names_a_thread_that_outlives_the_block() -> None:
    release = threading.Event()

    def block() -> None:
        with no_leftovers(grace=0.05):
            threading.Thread(target=release.wait, name="lingering", daemon=True).start()

    with pytest.raises(AssertionError, match="lingering"):
        block()
    release.set()


def test_no_leftovers_adds_nothing_to_a_block_that_failed() -> None:
    release = threading.Event()

    def block() -> None:
        with no_leftovers(grace=0.05):
            threading.Thread(target=release.wait, daemon=True).start()
            raise KeyError("the block's own failure")

    with pytest.raises(KeyError):
        block()
    release.set()
