"""The platform's errors (the course gives this file). Each carries the HTTP status the API answers with."""


class IdpError(Exception):
    """Any refusal of the platform."""

    status = 400


class Unauthorized(IdpError):
    """No valid token: who you are is unknown."""

    status = 401


class Forbidden(IdpError):
    """A valid token whose role or team does not allow the action."""

    status = 403


class NotFound(IdpError):
    """No such template, job, service or deployment."""

    status = 404


class Conflict(IdpError):
    """The request clashes with one already made (an idempotency key reused for other content)."""

    status = 409


class InvalidInput(IdpError):
    """Parameters or a request that break the platform's rules."""

    status = 422
