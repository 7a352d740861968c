"""course.runtime.tokens: the SealedKit of the authentication exercises."""

from __future__ import annotations

import base64

import pytest

from course.runtime.tokens import SealedKit, TokenError


def test_sealed_claims_open_again_and_only_with_the_same_kit() -> None:
    kit = SealedKit()
    token = kit.seal({"sub": "zoë", "exp": 1300.0})
    assert kit.open(token) == {"sub": "zoë", "exp": 1300.0}
    raw = base64.urlsafe_b64decode(token + "=" * (-len(token) % 4))
    # not merely encoded (as a JWT's claims are): neither the name nor a key shows in the decoded bytes
    assert "zoë".encode() not in raw and b"sub" not in raw, "the claims are encrypted, not readable"
    with pytest.raises(TokenError):
        SealedKit().open(token)


@pytest.mark.parametrize("junk", ["", "not-a-token", "é"])
def test_junk_and_forged_tokens_raise_token_error(junk: str) -> None:
    kit = SealedKit()
    with pytest.raises(TokenError):
        kit.open(junk)
    token = kit.seal({"sub": "ana"})
    mid = len(token) // 2  # a changed byte in the middle of the ciphertext: the HMAC no longer matches
    forged = token[:mid] + ("A" if token[mid] != "A" else "B") + token[mid + 1 :]
    with pytest.raises(TokenError):
        kit.open(forged)


def test_a_sealed_value_that_is_not_claims_is_refused() -> None:
    kit = SealedKit()
    with pytest.raises(TokenError, match="no claims"):
        kit.open(kit.seal([1, 2]))  # type: ignore[arg-type]


def test_passwords_are_salted_and_verified() -> None:
    kit = SealedKit()
    one, two = kit.hash_password("correct horse"), kit.hash_password("correct horse")
    assert one != two and "correct" not in one
    assert kit.verify_password("correct horse", one) and kit.verify_password("correct horse", two)
    assert not kit.verify_password("Correct horse", one)
    assert not kit.verify_password("", kit.hash_password(" "))
    assert not kit.verify_password("x", "zz$00"), "a stored value that is not ours never verifies"
