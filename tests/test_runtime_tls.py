"""course.runtime.tls: a CA of our own and server certificates it signs, checked by real TLS handshakes."""

from __future__ import annotations

import doctest
import os
import socket
import ssl
import tempfile
import threading
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

import pytest
from cryptography import x509

import course.runtime.tls
from course.runtime.tls import (
    VALID_FROM,
    VALID_UNTIL,
    Authority,
    client_cert,
    client_context,
    memory_handshake,
    new_ca,
    pem,
    server_cert,
    server_context,
    system_trust,
)


@contextmanager
def tls_server(context: ssl.SSLContext) -> Iterator[int]:
    """Accepts one connection on 127.0.0.1, does the handshake (or fails it) and closes; yields the port."""
    listener = socket.create_server(("127.0.0.1", 0))

    def serve() -> None:
        conn, _ = listener.accept()
        try:
            with context.wrap_socket(conn, server_side=True) as tls:
                tls.sendall(b"hello")
        except (ssl.SSLError, OSError):
            pass  # the client refused our certificate: that is what some tests want

    thread = threading.Thread(target=serve, daemon=True)
    thread.start()
    try:
        yield listener.getsockname()[1]
    finally:
        thread.join(10)
        listener.close()
    assert not thread.is_alive()


def handshake(port: int, ca: Authority, host: str) -> bytes:
    client = ssl.create_default_context(cadata=ca.pem)
    client.verify_flags |= ssl.VERIFY_X509_STRICT  # what 3.13 sets by default: the certificates must pass it
    with (
        socket.create_connection(("127.0.0.1", port), timeout=10) as raw,
        client.wrap_socket(raw, server_hostname=host) as tls,
    ):
        return tls.recv(5)


def test_the_module_doctest_runs() -> None:
    assert doctest.testmod(course.runtime.tls).failed == 0


def test_ca_is_self_signed_with_key_usage_and_identifiers() -> None:
    ca = new_ca("Course CA")
    key, cert = ca  # a NamedTuple: unpacks as (key, cert)
    assert key is ca.key and cert is ca.cert
    assert cert.issuer == cert.subject
    assert cert.subject.rfc4514_string() == "CN=Course CA"
    assert cert.extensions.get_extension_for_class(x509.BasicConstraints).value.ca is True
    usage = cert.extensions.get_extension_for_class(x509.KeyUsage)
    assert usage.critical and usage.value.key_cert_sign
    cert.extensions.get_extension_for_class(x509.SubjectKeyIdentifier)
    assert (cert.not_valid_before_utc, cert.not_valid_after_utc) == (VALID_FROM, VALID_UNTIL)
    assert ca.pem == pem(cert) and ca.pem.startswith("-----BEGIN CERTIFICATE-----\n")


def test_server_cert_lists_names_and_addresses() -> None:
    ca = new_ca("Course CA")
    cert_pem, key_pem = server_cert(ca, ("api.internal", "127.0.0.1", "::1"))
    cert = x509.load_pem_x509_certificate(cert_pem.encode())
    names = cert.extensions.get_extension_for_class(x509.SubjectAlternativeName).value
    assert [str(n.value) for n in names] == ["api.internal", "127.0.0.1", "::1"]
    assert [type(n).__name__ for n in names] == ["DNSName", "IPAddress", "IPAddress"]
    assert cert.issuer == ca.cert.subject and cert.subject.rfc4514_string() == "CN=api.internal"
    assert cert.extensions.get_extension_for_class(x509.BasicConstraints).value.ca is False
    assert key_pem.startswith("-----BEGIN PRIVATE KEY-----\n")


def test_empty_names_are_refused() -> None:
    with pytest.raises(ValueError, match="non-empty name"):
        new_ca("")
    with pytest.raises(ValueError, match="at least one"):
        server_cert(new_ca("x"), ())


def test_a_client_trusting_the_ca_completes_a_strict_handshake() -> None:
    ca = new_ca("Course CA")
    with tls_server(server_context(*server_cert(ca))) as port:
        assert handshake(port, ca, "127.0.0.1") == b"hello"
    with tls_server(server_context(*server_cert(ca))) as port:
        assert handshake(port, ca, "localhost") == b"hello"


def test_another_ca_or_another_name_is_refused() -> None:
    ca, stranger = new_ca("Course CA"), new_ca("Stranger CA")
    refused = pytest.raises(ssl.SSLCertVerificationError, match="unable to get local issuer")
    with tls_server(server_context(*server_cert(ca))) as port, refused:
        handshake(port, stranger, "127.0.0.1")
    mismatch = pytest.raises(ssl.SSLCertVerificationError, match="mismatch")
    with tls_server(server_context(*server_cert(ca, ("build.internal",)))) as port, mismatch:
        handshake(port, ca, "127.0.0.1")


def test_server_context_leaves_no_files(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(tempfile, "tempdir", str(tmp_path))
    context = server_context(*server_cert(new_ca("Course CA")))
    assert isinstance(context, ssl.SSLContext)
    assert list(tmp_path.iterdir()) == []


def test_system_trust_replaces_the_default_cas_for_one_block(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("SSL_CERT_FILE", "/nowhere/before.pem")
    monkeypatch.delenv("SSL_CERT_DIR", raising=False)
    ours, other = new_ca("Pretend System CA"), new_ca("Other CA")
    with system_trust(ours, other) as folder:
        listed = [c["subject"] for c in ssl.create_default_context().get_ca_certs()]
        assert listed == [((("commonName", "Pretend System CA"),),), ((("commonName", "Other CA"),),)]
        assert os.environ["SSL_CERT_DIR"] == str(folder)
    assert not folder.exists()
    assert os.environ["SSL_CERT_FILE"] == "/nowhere/before.pem" and "SSL_CERT_DIR" not in os.environ
    with system_trust():
        assert ssl.create_default_context().get_ca_certs() == []


def test_a_context_made_in_the_block_trusts_the_pretend_system_ca() -> None:
    system = new_ca("Pretend System CA")
    with system_trust(system):
        client = ssl.create_default_context()
    with (
        tls_server(server_context(*server_cert(system))) as port,
        socket.create_connection(("127.0.0.1", port), timeout=10) as raw,
        client.wrap_socket(raw, server_hostname="127.0.0.1") as tls,
    ):
        assert tls.recv(5) == b"hello"


def mutual_server(ca: Authority) -> ssl.SSLContext:
    """A server for orders.internal that asks for a client certificate signed by ``ca``."""
    server = server_context(*server_cert(ca, ("orders.internal",)))
    server.verify_mode = ssl.CERT_REQUIRED
    server.load_verify_locations(cadata=ca.pem)
    return server


def test_client_cert_names_the_client_and_is_for_client_auth_only() -> None:
    ca = new_ca("Course CA")
    cert_pem, key_pem = client_cert(ca, "billing-service")
    cert = x509.load_pem_x509_certificate(cert_pem.encode())
    assert cert.subject.rfc4514_string() == "CN=billing-service" and cert.issuer == ca.cert.subject
    usages = cert.extensions.get_extension_for_class(x509.ExtendedKeyUsage).value
    assert list(usages) == [x509.oid.ExtendedKeyUsageOID.CLIENT_AUTH]
    assert cert.extensions.get_extension_for_class(x509.BasicConstraints).value.ca is False
    assert key_pem.startswith("-----BEGIN PRIVATE KEY-----\n")
    with pytest.raises(ValueError, match="non-empty name"):
        client_cert(ca, "")


def test_memory_handshake_with_a_client_certificate_tells_the_server_who_called() -> None:
    ca = new_ca("Course CA")
    client, server = memory_handshake(
        client_context(ca, *client_cert(ca, "billing-service")), mutual_server(ca), "orders.internal"
    )
    seen_by_server, seen_by_client = server.getpeercert(), client.getpeercert()
    assert seen_by_server is not None and seen_by_client is not None
    assert seen_by_server["subject"] == ((("commonName", "billing-service"),),)
    assert seen_by_client["subject"] == ((("commonName", "orders.internal"),),)
    assert client.version() == server.version() is not None


def test_memory_handshake_without_mutual_tls_still_works() -> None:
    ca = new_ca("Course CA")
    client, server = memory_handshake(
        ssl.create_default_context(cadata=ca.pem),
        server_context(*server_cert(ca, ("orders.internal",))),
        "orders.internal",
    )
    assert server.getpeercert() is None and client.getpeercert() is not None


def test_memory_handshake_raises_the_refusal() -> None:
    ca = new_ca("Course CA")
    with pytest.raises(ssl.SSLError) as missing:
        memory_handshake(ssl.create_default_context(cadata=ca.pem), mutual_server(ca), "orders.internal")
    assert not isinstance(missing.value, ssl.SSLCertVerificationError)
    rogue = client_context(ca, *client_cert(new_ca("Rogue CA"), "billing-service"))
    with pytest.raises(ssl.SSLCertVerificationError, match="unable to get local issuer"):
        memory_handshake(rogue, mutual_server(ca), "orders.internal")
    server_cert_as_client = client_context(ca, *server_cert(ca, ("billing-service",)))
    with pytest.raises(ssl.SSLCertVerificationError, match="unsuitable certificate purpose"):
        memory_handshake(server_cert_as_client, mutual_server(ca), "orders.internal")
    with pytest.raises(ssl.SSLCertVerificationError, match="mismatch"):
        memory_handshake(client_context(ca, *client_cert(ca, "x")), mutual_server(ca), "billing.internal")


def test_client_context_leaves_no_files(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(tempfile, "tempdir", str(tmp_path))
    ca = new_ca("Course CA")
    client_context(ca, *client_cert(ca, "ci"))
    assert list(tmp_path.iterdir()) == []
