"""Certificates for TLS lessons and tests, made on the spot: a CA of our own and the server (and, for mutual
TLS, client) certificates it signs, so a notebook can serve HTTPS on 127.0.0.1 and show what a client trusts
and refuses; :func:`memory_handshake` runs a real handshake between two contexts with no socket at all.

>>> ca = new_ca("Course CA")
>>> cert_pem, key_pem = server_cert(ca, ("localhost", "127.0.0.1"))
>>> cert_pem.startswith("-----BEGIN CERTIFICATE-----") and ca.pem.startswith("-----BEGIN CERTIFICATE-----")
True
>>> context = ssl.create_default_context(cadata=ca.pem)   # a client that trusts exactly this CA
>>> server = server_context(cert_pem, key_pem)            # what the server wraps its socket with
>>> with system_trust(ca):                                 # "the operating system's CAs" are ours now
...     [c["subject"] for c in ssl.create_default_context().get_ca_certs()]
[((('commonName', 'Course CA'),),)]

The certificates carry what strict verifiers ask for: key usage and a subject key identifier on the CA,
an authority key identifier, subject alternative names and the server-auth extended key usage on the
server certificate. Python 3.13's ``ssl.create_default_context()`` sets ``VERIFY_X509_STRICT`` and then
refuses a CA certificate without key usage (3.11 and 3.12 accept it). Fixed dates (2025 to 2035) keep
the certificates alike from run to run; the keys (EC P-256, fast to make) are new every time.

Needs the ``cryptography`` package (a course dependency); nothing is written outside a temporary
folder, which is removed before :func:`server_context` returns.
"""

from __future__ import annotations

import contextlib
import datetime
import ipaddress
import os
import ssl
import tempfile
from collections.abc import Iterator
from pathlib import Path
from typing import NamedTuple

from cryptography import x509
from cryptography.hazmat.primitives import hashes, serialization
from cryptography.hazmat.primitives.asymmetric import ec
from cryptography.x509.oid import ExtendedKeyUsageOID, NameOID

from course.runtime.environ import preserved_environ

__all__ = [
    "VALID_FROM",
    "VALID_UNTIL",
    "Authority",
    "client_cert",
    "client_context",
    "memory_handshake",
    "new_ca",
    "pem",
    "server_cert",
    "server_context",
    "system_trust",
]

VALID_FROM = datetime.datetime(2025, 1, 1, tzinfo=datetime.UTC)
VALID_UNTIL = datetime.datetime(2125, 1, 1, tzinfo=datetime.UTC)  # the course must not expire with its certificates


class Authority(NamedTuple):
    """A certificate authority: its private key and its self-signed certificate (``key, cert = ca``)."""

    key: ec.EllipticCurvePrivateKey
    cert: x509.Certificate

    @property
    def pem(self) -> str:
        """The CA certificate as PEM text: what a client is given to trust (``cadata=``)."""
        return pem(self.cert)


def pem(cert: x509.Certificate) -> str:
    """A certificate as PEM text."""
    return cert.public_bytes(serialization.Encoding.PEM).decode("ascii")


def _common_name(name: str) -> x509.Name:
    return x509.Name([x509.NameAttribute(NameOID.COMMON_NAME, name)])


def new_ca(name: str) -> Authority:
    """A self-signed CA certificate named ``name`` (its common name): it signs others, nobody signs it."""
    if not name:
        raise ValueError("a CA needs a non-empty name")
    key = ec.generate_private_key(ec.SECP256R1())
    usage = x509.KeyUsage(
        digital_signature=True,
        key_cert_sign=True,
        crl_sign=True,
        content_commitment=False,
        key_encipherment=False,
        data_encipherment=False,
        key_agreement=False,
        encipher_only=False,
        decipher_only=False,
    )
    cert = (
        x509.CertificateBuilder()
        .subject_name(_common_name(name))
        .issuer_name(_common_name(name))  # self-signed: issuer == subject
        .public_key(key.public_key())
        .serial_number(x509.random_serial_number())
        .not_valid_before(VALID_FROM)
        .not_valid_after(VALID_UNTIL)
        .add_extension(x509.BasicConstraints(ca=True, path_length=0), critical=True)
        .add_extension(usage, critical=True)
        .add_extension(x509.SubjectKeyIdentifier.from_public_key(key.public_key()), critical=False)
        .sign(key, hashes.SHA256())
    )
    return Authority(key, cert)


def _leaf(
    ca: Authority, common_name: str, usage: x509.ObjectIdentifier, alt_names: list[x509.GeneralName]
) -> tuple[str, str]:
    """A certificate that is not a CA, for ``common_name`` with one extended key ``usage``, signed by ``ca``."""
    key = ec.generate_private_key(ec.SECP256R1())
    builder = (
        x509.CertificateBuilder()
        .subject_name(_common_name(common_name))
        .issuer_name(ca.cert.subject)
        .public_key(key.public_key())
        .serial_number(x509.random_serial_number())
        .not_valid_before(VALID_FROM)
        .not_valid_after(VALID_UNTIL)
        .add_extension(x509.BasicConstraints(ca=False, path_length=None), critical=True)
        .add_extension(x509.ExtendedKeyUsage([usage]), critical=False)
        .add_extension(x509.AuthorityKeyIdentifier.from_issuer_public_key(ca.key.public_key()), critical=False)
    )
    if alt_names:
        builder = builder.add_extension(x509.SubjectAlternativeName(alt_names), critical=False)
    key_pem = key.private_bytes(
        serialization.Encoding.PEM, serialization.PrivateFormat.PKCS8, serialization.NoEncryption()
    ).decode("ascii")
    return pem(builder.sign(ca.key, hashes.SHA256())), key_pem


def server_cert(ca: Authority, names: tuple[str, ...] = ("localhost", "127.0.0.1")) -> tuple[str, str]:
    """A server certificate for ``names`` (host names or IP addresses, the first one is also its common
    name) signed by ``ca``: ``(certificate PEM, private key PEM)``."""
    if not names:
        raise ValueError("a server certificate needs at least one host name or IP address")
    alt_names: list[x509.GeneralName] = []
    for name in names:
        try:
            alt_names.append(x509.IPAddress(ipaddress.ip_address(name)))
        except ValueError:
            alt_names.append(x509.DNSName(name))
    return _leaf(ca, names[0], ExtendedKeyUsageOID.SERVER_AUTH, alt_names)


def client_cert(ca: Authority, name: str) -> tuple[str, str]:
    """A client certificate for mutual TLS: common name ``name`` (who the client is), the client-auth
    extended key usage, signed by ``ca``: ``(certificate PEM, private key PEM)``."""
    if not name:
        raise ValueError("a client certificate needs a non-empty name")
    return _leaf(ca, name, ExtendedKeyUsageOID.CLIENT_AUTH, [])


def _load_chain(context: ssl.SSLContext, cert_pem: str, key_pem: str) -> None:
    """``load_cert_chain`` reads only files: write both to a temporary folder, removed before returning."""
    with tempfile.TemporaryDirectory(prefix="course-tls-") as folder:
        cert_file, key_file = Path(folder, "cert.pem"), Path(folder, "cert.key")
        cert_file.write_text(cert_pem, encoding="ascii")
        key_file.write_text(key_pem, encoding="ascii")
        context.load_cert_chain(cert_file, key_file)


def server_context(cert_pem: str, key_pem: str) -> ssl.SSLContext:
    """A server-side ``SSLContext`` holding this certificate and key (no file is left behind)."""
    context = ssl.SSLContext(ssl.PROTOCOL_TLS_SERVER)
    _load_chain(context, cert_pem, key_pem)
    return context


def client_context(ca: Authority, cert_pem: str, key_pem: str) -> ssl.SSLContext:
    """A client-side ``SSLContext`` that trusts exactly ``ca`` and presents this certificate and key when
    the server asks for one (mutual TLS); no file is left behind."""
    context = ssl.create_default_context(cadata=ca.pem)
    _load_chain(context, cert_pem, key_pem)
    return context


def memory_handshake(
    client: ssl.SSLContext, server: ssl.SSLContext, server_hostname: str
) -> tuple[ssl.SSLObject, ssl.SSLObject]:
    """One real TLS handshake between two contexts, all in memory: each side's records are carried to the
    other through ``ssl.MemoryBIO`` pairs (no socket, no thread). Returns ``(client side, server side)``
    once both are done; a refusal on either side raises its ``ssl.SSLError`` (``SSLCertVerificationError``
    for a certificate the verifier rejects)."""
    client_in, client_out, server_in, server_out = (ssl.MemoryBIO() for _ in range(4))
    near = client.wrap_bio(client_in, client_out, server_hostname=server_hostname)
    far = server.wrap_bio(server_in, server_out, server_side=True)
    done = {"client": False, "server": False}
    for _ in range(10):  # TLS 1.3 needs two round trips, TLS 1.2 three
        for side, end in (("client", near), ("server", far)):
            if not done[side]:
                try:
                    end.do_handshake()
                    done[side] = True
                except ssl.SSLWantReadError:
                    pass
            server_in.write(client_out.read())
            client_in.write(server_out.read())
        if all(done.values()):
            return near, far
    raise RuntimeError("the TLS handshake did not finish in 10 rounds")


_TRUST_VARIABLES = ("SSL_CERT_FILE", "SSL_CERT_DIR")


@contextlib.contextmanager
def system_trust(*cas: Authority) -> Iterator[Path]:
    """For one block, the CAs "the operating system" trusts are exactly ``cas`` (none: an empty list).

    OpenSSL reads its default CA file and folder from ``SSL_CERT_FILE`` and ``SSL_CERT_DIR`` whenever
    default certificates are loaded (``ssl.create_default_context()``, ``load_default_certs()``), so
    both point at a temporary folder holding ``cas`` during the block; afterwards the variables are put
    back and the folder is removed. A test can then tell, on every machine, whether code trusts the
    system's list: a context made inside the block that lists these CAs loaded it. Yields the folder.
    """
    with preserved_environ(*_TRUST_VARIABLES), tempfile.TemporaryDirectory(prefix="course-trust-") as folder:
        bundle = Path(folder, "ca-bundle.pem")
        bundle.write_text("".join(ca.pem for ca in cas), encoding="ascii")
        os.environ["SSL_CERT_FILE"], os.environ["SSL_CERT_DIR"] = str(bundle), folder
        yield Path(folder)
