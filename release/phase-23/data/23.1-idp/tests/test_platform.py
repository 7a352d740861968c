"""Plain pytest tests of the platform: run `python -m pytest -q` in the repository."""

from idp.errors import Forbidden, IdpError, Unauthorized


def test_errors_carry_their_http_status():
    assert issubclass(Forbidden, IdpError)
    assert (Unauthorized.status, Forbidden.status) == (401, 403)


def test_a_token_round_trips_and_roles_deny_by_default():
    from idp import auth

    token = auth.issue_token("ana", "developer", "payments", now=1_000)
    assert auth.read_token(token, now=1_001)["team"] == "payments"
    assert auth.allowed("developer", "service:create")
    assert not auth.allowed("intern", "catalog:read")


def test_the_audit_log_notices_an_edit():
    from idp.audit import AuditLog

    log = AuditLog()
    log.append("ana", "service.create", "pay-api", at=1)
    log.append("cy", "service.promote:prod", "pay-api", at=2)
    assert log.verify() is None
    log._entries[0]["actor"] = "mallory"
    assert log.verify() == 0
