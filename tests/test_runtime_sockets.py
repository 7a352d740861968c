"""course.runtime.sockets: scripted reads, servers that stop with their block, leftover threads found."""

from __future__ import annotations

import socket
import socketserver
import threading

import pytest

from course.runtime.meters import TooMuchWork
from course.runtime.sockets import (
    QuietThreadingTCPServer,
    ScriptedUDP,
    TrickleSocket,
    Wire,
    no_leftovers,
    peer,
    port_closed,
    recv_exactly,
    recv_line,
    recv_until_eof,
    serving,
    wait_readable,
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


def test_trickle_socket_with_a_quiet_end_times_out_only_with_a_timeout() -> None:
    sock = TrickleSocket([b"partial"], quiet_end=True)
    with pytest.raises(AssertionError, match="wait for ever"):
        sock.recv(100), sock.recv(100)
    sock = TrickleSocket([b"partial"], quiet_end=True)
    sock.settimeout(0.2)
    assert sock.recv(100) == b"partial"
    with pytest.raises(TimeoutError):
        sock.recv(100)
    assert sock.timeout == 0.2


class _Waiter(socketserver.BaseRequestHandler):
    """Reads until the client closes, then answers: a client that waits for the answer first never gets it."""

    def handle(self) -> None:
        data = recv_until_eof(self.request)
        self.request.sendall(data)


def test_watched_reads_stop_as_soon_as_the_server_sits_still() -> None:
    server = QuietThreadingTCPServer(("127.0.0.1", 0), _Waiter)
    with serving(server), socket.create_connection(server.server_address, timeout=30) as c:
        c.sendall(b"ping")
        assert recv_exactly(c, 4, watching=server.threads) == b""  # the handler waits for our EOF: nothing comes
        assert recv_line(c, watching=server.threads) == b""
        c.shutdown(socket.SHUT_WR)
        assert recv_until_eof(c, watching=server.threads) == b"ping"  # now it answers, then closes


def test_wait_readable_sees_data_and_the_end_of_the_stream() -> None:
    a, b = socket.socketpair()
    with a, b:
        assert not wait_readable(a, [], stall=0.05)
        b.sendall(b"x")
        assert wait_readable(a, [], stall=0.05)
        assert a.recv(1) == b"x"
        b.shutdown(socket.SHUT_WR)
        assert wait_readable(a, [], stall=0.05) and a.recv(1) == b""


def test_watched_reads_wait_for_a_server_that_works() -> None:
    go = threading.Event()

    class Late(socketserver.BaseRequestHandler):
        def handle(self) -> None:
            go.wait()
            self.request.sendall(b"late\n")

    server = QuietThreadingTCPServer(("127.0.0.1", 0), Late)
    with serving(server), socket.create_connection(server.server_address, timeout=30) as c:
        # the handler waits for `go`, which a busy thread (watched too) sets after a while of work
        def busy() -> None:
            total = 0
            for i in range(3_000_000):
                total += i
            go.set()

        worker = threading.Thread(target=busy)
        worker.start()
        assert recv_line(c, watching=lambda: [*server.threads(), worker]) == b"late\n"
        worker.join()


def test_peer_hangs_up_when_it_and_its_client_wait_for_each_other() -> None:
    def wants_eof(conn: socket.socket) -> None:
        conn.sendall(recv_until_eof(conn))

    with no_leftovers(), peer(wants_eof) as server:
        with socket.create_connection(server.address, timeout=30) as c:
            c.sendall(b"hello")
            assert c.recv(100) == b""  # no shutdown(SHUT_WR): both would wait 30 s; the peer hangs up
        assert server.hung_up == 1
        with socket.create_connection(server.address, timeout=30) as c:
            c.sendall(b"hello")
            c.shutdown(socket.SHUT_WR)
            assert recv_until_eof(c) == b"hello"
        assert server.hung_up == 1


def test_peer_can_leave_a_stuck_client_to_its_timeout() -> None:
    def wants_eof(conn: socket.socket) -> None:
        recv_until_eof(conn)

    with peer(wants_eof, hang_up_stuck=False) as server, socket.create_connection(server.address, timeout=0.3) as c:
        with pytest.raises(TimeoutError):
            c.recv(1)
        assert server.hung_up == 0


def test_scripted_udp_loses_datagrams_without_waiting() -> None:
    server, stranger = ("192.0.2.1", 53), ("192.0.2.2", 53)
    script = ScriptedUDP([[], [(b"junk", stranger), (b"answer", server)]])
    with script.socket(socket.AF_INET, socket.SOCK_DGRAM) as sock:
        with pytest.raises(AssertionError, match="without a timeout"):
            sock.recvfrom(100)
        sock.settimeout(1.0)
        assert sock.sendto(b"q1", server) == 2
        with pytest.raises(TimeoutError):
            sock.recvfrom(100)
        sock.sendto(b"q2", server)
        assert sock.recvfrom(100) == (b"junk", stranger)
        assert sock.recvfrom(3) == (b"ans", server)
        sock.sendto(b"q3", server)  # past the script: lost
        with pytest.raises(TimeoutError):
            sock.recvfrom(100)
    assert script.sent == [(b"q1", server), (b"q2", server), (b"q3", server)]
    assert [s.closed for s in script.made] == [True]
    with pytest.raises(AssertionError, match="SOCK_DGRAM"):
        script.socket(socket.AF_INET, socket.SOCK_STREAM)


def test_scripted_udp_connected_socket_hears_only_its_peer() -> None:
    server, stranger = ("192.0.2.1", 53), ("192.0.2.2", 53)
    script = ScriptedUDP([[(b"junk", stranger), (b"answer", server)]])
    sock = script.socket(type=socket.SOCK_DGRAM)
    sock.settimeout(0.5)
    sock.connect(server)
    sock.send(b"q")
    assert sock.recv(100) == b"answer"


def test_peer_hangs_up_a_tls_connection_too() -> None:
    import ssl
    from pathlib import Path

    certs = Path(__file__).resolve().parents[1] / "content" / "data" / "phase-11" / "11.1"
    server_ctx = ssl.SSLContext(ssl.PROTOCOL_TLS_SERVER)
    server_ctx.load_cert_chain(certs / "server.pem")
    client_ctx = ssl.create_default_context(cafile=certs / "ca.pem")

    def wants_a_line(conn: socket.socket) -> None:  # wrapping detaches `conn` from the connection
        with server_ctx.wrap_socket(conn, server_side=True) as tls:
            tls.sendall(recv_line(tls))

    with no_leftovers(), peer(wants_a_line) as server:
        with (
            socket.create_connection(server.address, timeout=30) as raw,
            client_ctx.wrap_socket(raw, server_hostname="localhost") as tls,
        ):
            assert tls.recv(100) == b""  # we never sent the line: the peer hangs up instead of waiting 30 s
        assert server.hung_up == 1


def test_wire_reads_what_the_server_sent_and_refuses_to_read_past_it() -> None:
    wire = Wire(b"HTTP/1.1 200 OK\r\nContent-Length: 2\r\n\r\nokHTTP/1.1 204")
    assert wire.readline() == b"HTTP/1.1 200 OK\r\n"
    assert wire.readline(4) == b"Cont"  # a full limit is not "past the end"
    assert wire.readline() == b"ent-Length: 2\r\n" and wire.readline() == b"\r\n"
    assert wire.read(2) == b"ok" and wire.rest() == b"HTTP/1.1 204"
    with pytest.raises(AssertionError, match="readline"):
        wire.readline()  # no newline yet: a real connection would wait for the rest
    assert wire.rest() == b"HTTP/1.1 204"  # a refused read takes nothing
    with pytest.raises(AssertionError, match=r"read\(13\)"):
        wire.read(13)
    with pytest.raises(AssertionError, match="no size"):
        wire.read()
    assert wire.read(12) == b"HTTP/1.1 204" and wire.read(0) == b""


def test_wire_of_a_server_that_closes_reads_to_the_end() -> None:
    wire = Wire(b"HTTP/1.0 200 OK\r\n\r\nbody, then the end", closes=True)
    assert wire.readline() == b"HTTP/1.0 200 OK\r\n" and wire.readline() == b"\r\n"
    assert wire.read(100) == b"body, then the end"
    assert (wire.read(), wire.readline(), wire.read(None), wire.rest()) == (b"", b"", b"", b"")


def test_serving_with_a_short_poll_interval_runs_and_stops() -> None:
    server = QuietThreadingTCPServer(("127.0.0.1", 0), socketserver.BaseRequestHandler)
    with serving(server, poll_interval=0.01) as running:
        assert running.loop is not None and running.loop.is_alive()
    assert not running.loop.is_alive() and server.socket.fileno() == -1
