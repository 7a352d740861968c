"""A ready-made credentials kit for authentication exercises: :class:`SealedKit` hashes passwords and
seals tokens, so an exercise can ask for the web service alone (or a JWT library alone) and test it.

Its tokens are Fernet tokens (``cryptography``): the claims are encrypted and authenticated with a key that
only this kit holds (a new one per kit). They are **not** JWTs: a JWT is only signed, and anyone can read its
claims. :class:`TokenError` is what a token check raises for a token that is malformed, forged, of the wrong
kind or expired; learners' own token code raises it too.
"""

from __future__ import annotations

import hashlib
import hmac
import json
import os
from typing import Any

PBKDF2_ITERATIONS = 1000
"""Far too few for real passwords (OWASP asks for 600,000 with PBKDF2-HMAC-SHA256): keeps tests quick."""


class TokenError(Exception):
    """A token that is malformed, forged, of the wrong kind or expired."""


class SealedKit:
    """Password hashing and token sealing: ``seal(claims) -> str``, ``open(token) -> dict`` (raises
    :class:`TokenError`), ``hash_password(pw) -> str``, ``verify_password(pw, stored) -> bool``."""

    def __init__(self) -> None:
        from cryptography.fernet import Fernet  # only the sections that need it pay for the import

        self._fernet = Fernet(Fernet.generate_key())

    def seal(self, claims: dict[str, Any]) -> str:
        """The claims (JSON-serialisable) as an encrypted, authenticated token."""
        token: bytes = self._fernet.encrypt(json.dumps(claims).encode("utf-8"))
        return token.decode("ascii")

    def open(self, token: str) -> dict[str, Any]:
        """The claims of a token this kit sealed; :class:`TokenError` for anything else."""
        from cryptography.fernet import InvalidToken

        try:
            claims = json.loads(self._fernet.decrypt(token.encode("utf-8")))
        except (InvalidToken, ValueError) as err:
            msg = "token is not ours"
            raise TokenError(msg) from err
        if not isinstance(claims, dict):
            msg = "token holds no claims"
            raise TokenError(msg)
        return claims

    def hash_password(self, password: str) -> str:
        """``<salt hex>$<PBKDF2-HMAC-SHA256 hex>`` with a fresh random salt."""
        salt = os.urandom(16)
        digest = hashlib.pbkdf2_hmac("sha256", password.encode("utf-8"), salt, PBKDF2_ITERATIONS)
        return salt.hex() + "$" + digest.hex()

    def verify_password(self, password: str, stored: str) -> bool:
        """Whether ``password`` is the one ``stored`` was made from (compared in constant time)."""
        salt_hex, _, digest_hex = stored.partition("$")
        try:
            salt = bytes.fromhex(salt_hex)
        except ValueError:
            return False
        digest = hashlib.pbkdf2_hmac("sha256", password.encode("utf-8"), salt, PBKDF2_ITERATIONS)
        return hmac.compare_digest(digest.hex(), digest_hex)
