# ---
# jupyter:
#   jupytext:
#     text_representation:
#       extension: .py
#       format_name: percent
# ---

# %% [markdown] course={"kind": "intro"}
# **By the end of this section** you can tell who is calling (authentication) and what they may do
# (authorization) with the real libraries: hash passwords with Argon2 and bcrypt, compute a TOTP code, issue and
# validate RS256 JWTs with PyJWT (and refuse the classic forgeries), rotate refresh tokens, run the OAuth 2.0
# Authorization Code flow with PKCE and the Client Credentials flow, check an OpenID Connect ID token, and
# decide access with roles, attributes and deny-overrides.
#
# **What is real here and what is not.** PyJWT 2.15, `cryptography`, `argon2-cffi`, `bcrypt` and FastAPI are the
# real libraries. The authorization server and resource server below are **teaching servers** of a few dozen
# lines, called through FastAPI's `TestClient` (in-process HTTP, no socket, no network). They skip what a product
# does (consent screens, client registration, key storage, logout, rate limits, audits): in production you run
# Keycloak, Dex, Auth0, Okta, Entra ID or your cloud's identity service and keep only the *client* and
# *resource server* parts in your own code. The mutual-TLS handshakes are real OpenSSL handshakes, run in memory
# between two `ssl` contexts with certificates from a CA made on the spot.
#
# | Domain | Where you meet it |
# |---|---|
# | DevOps | service-to-service authentication, CI tokens, API keys of tools |
# | Platform Engineering | the platform's single sign-on, RBAC for tenants and teams |
# | MLOps | who may call a model API, who may promote a model |
# | ML Infra | access to GPUs, buckets, feature stores and clusters |
# | Production Systems | user login, sessions, token expiry and revocation |

# %% course={"kind": "setup", "id": "auth-helpers"}
# What the demos and tests share: the libraries, three signing keys made once per kernel (an RSA key takes a
# fraction of a second), the names of our teaching issuer and API, and the small types exercises return or raise.
import base64
import hashlib
import hmac
import json
import secrets
import string
import warnings
from collections.abc import Callable, Mapping
from dataclasses import dataclass, field
from typing import Any

import jwt
from cryptography.hazmat.primitives import serialization
from cryptography.hazmat.primitives.asymmetric import ec, rsa
from fastapi import Depends, FastAPI, Form, Header, HTTPException
from freezegun import freeze_time

from course.runtime.clock import FakeClock

with warnings.catch_warnings():
    # Starlette 1.x would rather its TestClient ran on the newer `httpx2` package and warns once when it finds
    # `httpx` instead; both work the same here.
    warnings.filterwarnings("ignore", message="Using `httpx` with `starlette.testclient`")
    from fastapi.testclient import TestClient

ISSUER = "https://auth.example.test"  # a made-up issuer: nothing is fetched from it
AUDIENCE = "orders-api"
RSA_KEY = rsa.generate_private_key(public_exponent=65537, key_size=2048)
RSA_KEY_2 = rsa.generate_private_key(public_exponent=65537, key_size=2048)  # the next key, for rotation
EC_KEY = ec.generate_private_key(ec.SECP256R1())
PKCE_CHARS = frozenset(string.ascii_letters + string.digits + "-._~")  # RFC 7636's "unreserved" characters


def pem(public_key: Any) -> bytes:
    """A public key as PEM text: what an issuer publishes and what an attacker can read too."""
    return public_key.public_bytes(serialization.Encoding.PEM, serialization.PublicFormat.SubjectPublicKeyInfo)


def b64url(data: bytes) -> str:
    """Base64url without `=` padding, the encoding of every JWT part."""
    return base64.urlsafe_b64encode(data).rstrip(b"=").decode("ascii")


def jwk_of(public_key: Any, kid: str) -> dict[str, Any]:
    """A public RSA key as a JWK with its `kid`, the way a JWKS endpoint lists it."""
    entry: dict[str, Any] = jwt.algorithms.RSAAlgorithm.to_jwk(public_key, as_dict=True)
    return {**entry, "kid": kid, "alg": "RS256", "use": "sig"}


def action_matches(pattern: str, action: str) -> bool:
    """An action pattern: `*` matches everything, `models:*` every action starting `models:`, anything else itself."""
    return pattern == "*" or pattern == action or (pattern.endswith(":*") and action.startswith(pattern[:-1]))


class RefreshError(Exception):
    """A refresh token that is unknown, expired, already used or revoked."""


class ReuseDetected(RefreshError):
    """A refresh token was presented a second time: someone else has a copy."""


class OAuthError(Exception):
    """An OAuth 2.0 error response; `error` is the code from RFC 6749 section 5.2 (`invalid_grant`...)."""

    def __init__(self, error: str) -> None:
        super().__init__(error)
        self.error = error


@dataclass(frozen=True)
class Rule:
    """One policy rule: `effect` is "allow" or "deny"; it applies to a request when one of `roles` ("*": any
    role) is held, one of `actions` (patterns as in `action_matches`) matches, and `when(attrs)` is true
    (no `when`: always)."""

    name: str
    effect: str
    roles: frozenset[str]
    actions: frozenset[str]
    when: Callable[[Mapping[str, Any]], bool] | None = None


@dataclass(frozen=True)
class Request:
    """Who asks to do what, with the attributes ABAC looks at (`user.team`, `resource.team`, `env.hour`...)."""

    user: str
    roles: frozenset[str]
    action: str
    attrs: Mapping[str, Any] = field(default_factory=dict)


@dataclass(frozen=True)
class Decision:
    """What the engine decided, and which rule decided it (None: nothing matched, so denied by default)."""

    user: str
    action: str
    allowed: bool
    rule: str | None

# %% [markdown] course={"kind": "lesson", "id": "fundamentals", "covers": ["c-authentication-fundamentals", "c-authentication-vs-authorization", "c-factors-of-authentication", "c-session-based-vs-token-based"]}
# ### Who are you, and what may you do?
#
# **Authentication** (authn) establishes *who* is calling: a password, a token, a certificate. **Authorization**
# (authz) decides *what that caller may do* with this resource now. HTTP keeps them apart: **401 Unauthorized**
# means "I do not know who you are" (send credentials; the answer carries a `WWW-Authenticate` header), **403
# Forbidden** means "I know who you are, and the answer is no". The common mistake is to stop at authn: every
# logged-in user can then read every other user's data.
#
# **Factors** are kinds of evidence: something you *know* (password, PIN), something you *have* (a phone with a
# TOTP app, a security key, a client certificate), something you *are* (fingerprint). Multi-factor means two
# *different kinds*: a password plus a security question is still one factor. A TOTP code (RFC 6238, in the
# exercises) proves you hold a shared secret, recomputed every 30 seconds from the clock.
#
# **Sessions or tokens?**
#
# | | server-side session (cookie holds a random id) | self-contained token (JWT) |
# |---|---|---|
# | where state lives | the server's store (database, Valkey) | inside the token, signed |
# | check per request | one store lookup | a signature check, no lookup |
# | logout / revoke | delete the session: immediate | hard: wait for expiry, or keep a denylist (a lookup again) |
# | across services | every service needs the store | any service with the public key |
# | size | a short id | hundreds of bytes in every request |
# | typical | browser apps on one backend | APIs, service-to-service, mobile |

# %% course={"kind": "demo"}
# 401 versus 403 on a real FastAPI app: "bearer" credentials from a toy table, one route only admins may use.
demo_users = {"tok-alice": {"name": "alice", "roles": {"admin"}}, "tok-bob": {"name": "bob", "roles": {"viewer"}}}
fundamentals_app = FastAPI()


def current_user(authorization: str | None = Header(default=None)) -> dict[str, Any]:
    scheme, _, credential = (authorization or "").partition(" ")
    if scheme.lower() != "bearer" or credential not in demo_users:  # authentication failed
        raise HTTPException(401, "who are you?", headers={"WWW-Authenticate": "Bearer"})
    return demo_users[credential]


@fundamentals_app.delete("/models/{name}")
def delete_model(name: str, user: dict[str, Any] = Depends(current_user)) -> dict[str, str]:
    if "admin" not in user["roles"]:  # authorization failed
        raise HTTPException(403, f"{user['name']} may not delete models")
    return {"deleted": name, "by": user["name"]}


with TestClient(fundamentals_app) as client:
    for header in [{}, {"Authorization": "Bearer tok-bob"}, {"Authorization": "Bearer tok-alice"}]:
        answer = client.delete("/models/churn", headers=header)
        print(answer.status_code, answer.headers.get("www-authenticate"), answer.json())

# %% [markdown] course={"kind": "lesson", "id": "passwords", "covers": ["c-password-authentication", "c-secure-storage-bcrypt-argon2", "c-password-policies", "c-brute-force-protection"]}
# ### Passwords: store them slowly, check them politely, limit the guessing
#
# Section 12.4 built salted PBKDF2 by hand. In production use a library made for it: **Argon2id**
# (`argon2-cffi`; memory-hard, the first choice of OWASP's password storage cheat sheet) or **bcrypt** (`bcrypt`;
# older, everywhere; it looks only at the first 72 bytes of a password, and `bcrypt` 5 raises `ValueError` for a
# longer one). Both put the algorithm, cost and salt into the stored string, so you can raise the cost later and
# re-hash at the next login (argon2-cffi's `check_needs_rehash`).
#
# **Policy.** NIST SP 800-63B (the US digital identity guideline most policies now follow) asks for a minimum
# length (revision 4 of 2025: 15 characters when the password is the only factor, 8 when a second factor
# follows), accepting long passwords (at least 64 characters) and every printable character including spaces, and
# *checking new passwords against lists of breached and common ones*; it tells verifiers **not** to impose
# composition rules ("one digit, one symbol") nor periodic forced changes. Length and a breach check beat
# `P@ssw0rd1!`.
#
# **Brute force.** Slow hashes make offline guessing expensive; online guessing is stopped at the door: count
# failures per account *and* per source address, slow down or lock temporarily, answer the same
# "wrong user or password" whether the user exists or not, and add a second factor.

# %% course={"kind": "demo"}
# Argon2id and bcrypt: the stored string says how it was made. (Costs lowered so the demo is quick; keep the
# libraries' defaults in production.)
from argon2 import PasswordHasher
from argon2.exceptions import VerifyMismatchError
import bcrypt

hasher = PasswordHasher(time_cost=1, memory_cost=8192, parallelism=1)
stored = hasher.hash("correct horse battery staple")
print(stored[:30], "...")  # $argon2id$v=19$m=8192,t=1,p=1$<salt>$<hash>
print("verify:", hasher.verify(stored, "correct horse battery staple"))
try:
    hasher.verify(stored, "Correct horse battery staple")
except VerifyMismatchError as error:
    print("wrong password ->", type(error).__name__)
print("needs rehash with stronger settings:", PasswordHasher().check_needs_rehash(stored))

stored_b = bcrypt.hashpw(b"correct horse battery staple", bcrypt.gensalt(rounds=4))
print(stored_b[:7], bcrypt.checkpw(b"correct horse battery staple", stored_b))
try:
    bcrypt.hashpw(b"x" * 73, bcrypt.gensalt(rounds=4))
except ValueError as error:
    print("bcrypt and 73 bytes ->", error)

# %% course={"kind": "demo"}
# A policy in the NIST style (15 characters: the password is the only factor here), and a lockout counter on a
# fake clock (nothing waits).
BREACHED = {"password", "123456789", "qwertyuiop", "iloveyou", "correcthorse"}


def policy_problems(password: str, username: str) -> list[str]:
    problems = []
    if len(password) < 15:
        problems.append("shorter than 15 characters")
    if len(password) > 64:
        problems.append("longer than we accept (64)")
    if password.lower() in BREACHED or password.lower() == username.lower():
        problems.append("on a breached/common list or equal to the user name")
    return problems


for candidate in ["Tr0ub4dor&3!", "iloveyou", "my cat likes tuna at noon", "alice"]:
    print(f"{candidate!r:30} {policy_problems(candidate, 'alice') or 'ok (no digit or symbol needed)'}")

lock_clock = FakeClock(0)
failures: dict[str, list[float]] = {}


def login_allowed(user: str) -> bool:  # at most 5 failures in 15 minutes, then wait
    recent = [t for t in failures.get(user, []) if lock_clock() - t < 900]
    failures[user] = recent
    return len(recent) < 5


for attempt in range(7):
    if login_allowed("bob"):
        failures["bob"].append(lock_clock())  # a wrong password
        print(f"t={lock_clock():>4.0f}s attempt {attempt + 1}: wrong password")
    else:
        print(f"t={lock_clock():>4.0f}s attempt {attempt + 1}: locked, try later")
    lock_clock.advance(60)
lock_clock.advance(900)
print("after 15 quiet minutes:", login_allowed("bob"))

# %% [markdown] course={"kind": "lesson", "id": "tokens", "covers": ["c-token-based-auth", "c-jwt-structure", "c-token-signing", "c-token-validation", "c-refresh-tokens", "c-token-revocation"]}
# ### JWTs with PyJWT: structure, signing, validation, refresh and revocation
#
# Section 12.4 wrote HS256 tokens by hand to show the idea; here the real library (PyJWT) does the work, with
# public-key signatures and every check a production verifier needs. A JWT is three base64url parts joined by
# dots: a **header** (`alg`, `typ`, often `kid`: which key signed it),
# the **claims** (`iss` issuer, `sub` subject, `aud` audience, `exp`/`nbf`/`iat` times in seconds since the
# epoch, `jti` a unique id, plus your own like `scope`) and the **signature**. It is *signed, not encrypted*:
# anyone holding the token reads the claims, so never put secrets in it.
#
# **Signing.** HS256 uses one shared secret: whoever can verify can also mint tokens, so every API that checks
# tokens could forge them. **RS256** (RSA) and **ES256** (ECDSA P-256) sign with a private key only the issuer
# holds; APIs verify with the public key. Use them as soon as more than one service checks tokens.
#
# **Validation** is where the bugs are. `jwt.decode` checks the signature, `exp` and `nbf` (and, when present,
# that `iat` is a number and not in the future), but `aud` and `iss` only when you pass `audience=` and
# `issuer=`; `leeway=` forgives a little clock skew; `options={"require": [...]}` refuses tokens that lack a claim. **`algorithms=` is required**: the
# verifier, never the token, chooses the algorithm. Otherwise a token saying `"alg": "none"`, or the old
# *algorithm confusion* trick (an HS256 token "signed" with the issuer's *public* key as the HMAC secret), would
# be accepted.
#
# **Refresh and revocation.** Access tokens live minutes, so a stolen one expires soon and nobody needs to look
# them up. A long-lived **refresh token** (an opaque random string the server stores) buys new ones; each use
# *rotates* it (the old one dies), and a second use of an old one means it was copied: revoke its whole family.
# To revoke an access token early, keep a **denylist of `jti`s** until their `exp`.

# %% course={"kind": "demo"}
# Sign with RS256, then take the token apart by hand: header, claims, signature.
now = 1_900_000_000
token = jwt.encode({"iss": ISSUER, "aud": AUDIENCE, "sub": "alice", "scope": "orders:read", "iat": now,
                    "exp": now + 300, "jti": "a1"}, RSA_KEY, algorithm="RS256", headers={"kid": "key-1"})
head, body, signature = token.split(".")
print("header:", base64.urlsafe_b64decode(head + "=" * (-len(head) % 4)))
print("claims:", base64.urlsafe_b64decode(body + "=" * (-len(body) % 4)))
print("signature:", len(base64.urlsafe_b64decode(signature + "=" * (-len(signature) % 4))), "bytes (RSA 2048)")
es_token = jwt.encode({"sub": "alice"}, EC_KEY, algorithm="ES256")
print("ES256 token is shorter:", len(es_token), "characters against", len(token))

# %% course={"kind": "demo"}
# Validation, with time frozen at `now` (freezegun) so the output never changes. Each line is one bad token.
forged_claims = b64url(json.dumps({"iss": ISSUER, "aud": AUDIENCE, "sub": "mallory", "exp": now + 300}).encode())
unsigned = b64url(b'{"alg":"none","typ":"JWT"}') + "." + forged_claims + "."
confused_head = b64url(b'{"alg":"HS256","typ":"JWT"}') + "." + forged_claims
confused = confused_head + "." + b64url(hmac.new(pem(RSA_KEY.public_key()), confused_head.encode(), "sha256").digest())
checks = {
    "good token": (token, RSA_KEY.public_key(), ["RS256"]),
    "other API's audience": (jwt.encode({"iss": ISSUER, "aud": "billing", "exp": now + 60}, RSA_KEY, "RS256"),
                             RSA_KEY.public_key(), ["RS256"]),
    "expired 31 s ago": (jwt.encode({"iss": ISSUER, "aud": AUDIENCE, "exp": now - 31}, RSA_KEY, "RS256"),
                         RSA_KEY.public_key(), ["RS256"]),
    "expired 29 s ago (leeway)": (jwt.encode({"iss": ISSUER, "aud": AUDIENCE, "exp": now - 29}, RSA_KEY, "RS256"),
                                  RSA_KEY.public_key(), ["RS256"]),
    "signed by another key": (jwt.encode({"iss": ISSUER, "aud": AUDIENCE, "exp": now + 60}, RSA_KEY_2, "RS256"),
                              RSA_KEY.public_key(), ["RS256"]),
    "alg none": (unsigned, RSA_KEY.public_key(), ["RS256"]),
    "HS256 with the public key, verifier allows only RS256": (confused, RSA_KEY.public_key(), ["RS256"]),
    "same, careless verifier allows both and passes PEM": (confused, pem(RSA_KEY.public_key()), ["RS256", "HS256"]),
}
with freeze_time("2030-03-17 17:46:40"):  # = 1_900_000_000
    for label, (candidate, key, algorithms) in checks.items():
        try:
            claims = jwt.decode(candidate, key, algorithms=algorithms, audience=AUDIENCE, issuer=ISSUER, leeway=30)
            print(f"{label:55} accepted, sub={claims.get('sub')}")
        except jwt.PyJWTError as error:
            print(f"{label:55} {type(error).__name__}: {error}")
try:
    jwt.decode(token, RSA_KEY.public_key())
except jwt.DecodeError as error:
    print("no algorithms= at all:", error)
print("InvalidKeyError is an InvalidTokenError?", issubclass(jwt.InvalidKeyError, jwt.InvalidTokenError))

# %% [markdown] course={"kind": "text"}
# Read the last lines carefully. PyJWT refuses the confused token both ways, but the *careless* verifier gets
# `InvalidKeyError`, which is **not** an `InvalidTokenError`: code that catches only `InvalidTokenError` to
# answer 401 crashes with a 500 instead. Pass key *objects* and exactly one family of algorithms, and the
# error is the ordinary `InvalidAlgorithmError`.
#
# Revocation with a `jti` denylist is a set you consult after `jwt.decode` succeeded; keep each entry only until
# the token's own `exp`, so the list stays small when access tokens are short-lived:

# %% course={"kind": "demo"}
denylist: dict[str, int] = {}  # jti -> exp: forget the entry once the token would have expired anyway


def revoke(claims: Mapping[str, Any]) -> None:
    denylist[claims["jti"]] = claims["exp"]


def still_valid(claims: Mapping[str, Any], at: int) -> bool:
    for jti in [j for j, exp in denylist.items() if exp <= at]:
        del denylist[jti]
    return claims["jti"] not in denylist


with freeze_time("2030-03-17 17:46:40"):
    decoded = jwt.decode(token, RSA_KEY.public_key(), algorithms=["RS256"], audience=AUDIENCE)
print("before logout:", still_valid(decoded, now))
revoke(decoded)
print("after logout:", still_valid(decoded, now), denylist)
print("after its exp the entry is dropped:", still_valid(decoded, now + 301), denylist)

# %% [markdown] course={"kind": "lesson", "id": "oauth", "covers": ["c-oauth-2-0", "c-authorization-flows", "c-authorization-code-flow", "c-client-credentials-flow", "c-oauth-scopes", "c-oauth-providers"]}
# ### OAuth 2.0: delegating access without sharing passwords
#
# OAuth 2.0 (RFC 6749) lets a **client** (an app) get an **access token** for a **resource server** (an API) from an
# **authorization server**, which is the only one that ever sees the user's password. Which *flow* (grant) you use
# depends on who the client is:
#
# | flow | who | how |
# |---|---|---|
# | Authorization Code + PKCE | apps acting for a user: web, mobile, CLI | browser to `/authorize`, user logs in, a one-time `code` comes back to the `redirect_uri`, the client swaps it at `/token` |
# | Client Credentials | a service acting for itself (a CI job, a batch job) | `POST /token` with the client's own id and secret |
# | Device Code | TVs and CLIs without a browser | the user types a short code on another device |
# | Refresh Token | any of the above, later | swap a refresh token for a new access token |
# | ~~Implicit~~, ~~Password~~ | legacy | the OAuth 2.0 Security Best Current Practice (RFC 9700) says not to use them |
#
# **PKCE** (RFC 7636, "pixie"): the client invents a random `code_verifier`, sends only its SHA-256
# `code_challenge` to `/authorize`, and the verifier itself to `/token`; a stolen code is useless without it.
# **`state`** is a random value the client sends and checks on the way back, so an attacker cannot feed it a
# code from *their* login (CSRF). **Scopes** (`orders:read orders:write`) limit what a token allows; the server
# may grant fewer than asked and says which in its answer. **Providers**: Keycloak and Dex (self-hosted), Auth0,
# Okta, Entra ID, Google, GitHub, and the identity services of every cloud.
#
# The demo builds a *teaching* authorization server and a resource server on one FastAPI app and runs both
# flows through `TestClient`. The user is already "logged in" (no login page, no consent screen).

# %% course={"kind": "demo"}
teaching_clients = {"web-app": {"secret": None, "redirect": "https://app.example.test/callback"},
                    "nightly-job": {"secret": "s3cr3t-job", "scopes": {"orders:read", "reports:write"}}}
issued_codes: dict[str, dict[str, Any]] = {}
teaching = FastAPI()


def mint(sub: str, client_id: str, scope: str) -> str:
    at = jwt.encode({"iss": ISSUER, "aud": AUDIENCE, "sub": sub, "client_id": client_id, "scope": scope,
                     "iat": now, "exp": now + 300, "jti": secrets.token_hex(8)}, RSA_KEY, "RS256",
                    headers={"kid": "key-1"})
    return at


@teaching.get("/authorize")
def authorize(client_id: str, redirect_uri: str, state: str, code_challenge: str,
              code_challenge_method: str, scope: str = "") -> dict[str, str]:
    if teaching_clients.get(client_id, {}).get("redirect") != redirect_uri or code_challenge_method != "S256":
        raise HTTPException(400, "invalid_request")  # never redirect to an unregistered URI
    code = secrets.token_urlsafe(16)
    issued_codes[code] = {"client_id": client_id, "redirect_uri": redirect_uri, "challenge": code_challenge,
                          "scope": scope, "user": "alice"}
    return {"location": f"{redirect_uri}?code={code}&state={state}"}  # a real server answers 302 Found


@teaching.post("/token")
def token_endpoint(grant_type: str = Form(), code: str = Form(""), redirect_uri: str = Form(""),
                   code_verifier: str = Form(""), client_id: str = Form(""), client_secret: str = Form(""),
                   scope: str = Form("")) -> dict[str, Any]:
    if grant_type == "authorization_code":
        grant = issued_codes.pop(code, None)  # single use
        challenge = b64url(hashlib.sha256(code_verifier.encode("ascii")).digest())
        if grant is None or grant["client_id"] != client_id or grant["redirect_uri"] != redirect_uri \
                or not hmac.compare_digest(challenge, grant["challenge"]):
            raise HTTPException(400, "invalid_grant")
        return {"access_token": mint(grant["user"], client_id, grant["scope"]), "token_type": "Bearer",
                "expires_in": 300, "scope": grant["scope"]}
    if grant_type == "client_credentials":
        known = teaching_clients.get(client_id, {})
        if known.get("secret") is None or not hmac.compare_digest(known["secret"], client_secret):
            raise HTTPException(401, "invalid_client")
        granted = " ".join(sorted(set(scope.split()) & known["scopes"]))  # never more than the client may have
        return {"access_token": mint(client_id, client_id, granted), "token_type": "Bearer",
                "expires_in": 300, "scope": granted}
    raise HTTPException(400, "unsupported_grant_type")


def require_scope(needed: str) -> Callable[..., dict[str, Any]]:
    """The resource server's policy enforcement point, as a FastAPI dependency."""
    def check(authorization: str = Header(default="")) -> dict[str, Any]:
        scheme, _, credential = authorization.partition(" ")
        try:
            if scheme.lower() != "bearer":
                raise jwt.InvalidTokenError("not a bearer token")
            with freeze_time("2030-03-17 17:46:40"):  # the demo's `now`, so the tokens minted above are fresh
                claims = jwt.decode(credential, RSA_KEY.public_key(), algorithms=["RS256"], audience=AUDIENCE,
                                    issuer=ISSUER)
        except jwt.InvalidTokenError:  # who is this? 401
            raise HTTPException(401, "invalid_token", headers={"WWW-Authenticate": "Bearer"}) from None
        if needed not in claims["scope"].split():  # known caller, not allowed: 403
            raise HTTPException(403, "insufficient_scope")
        return claims
    return check


@teaching.get("/orders")
def list_orders(claims: dict[str, Any] = Depends(require_scope("orders:read"))) -> dict[str, Any]:
    return {"orders": ["o-1", "o-2"], "for": claims["sub"]}


with TestClient(teaching) as http:
    # Authorization Code + PKCE, as the web app does it.
    verifier = secrets.token_urlsafe(48)
    state = secrets.token_urlsafe(8)
    challenge = b64url(hashlib.sha256(verifier.encode("ascii")).digest())
    step1 = http.get("/authorize", params={"client_id": "web-app", "redirect_uri": teaching_clients["web-app"]["redirect"],
                                           "state": state, "code_challenge": challenge,
                                           "code_challenge_method": "S256", "scope": "orders:read"}).json()
    print("1. redirected to", step1["location"][:60], "...")
    returned = dict(p.split("=", 1) for p in step1["location"].split("?", 1)[1].split("&"))
    assert returned["state"] == state, "a different state: not our login, stop"
    form = {"grant_type": "authorization_code", "code": returned["code"], "client_id": "web-app",
            "redirect_uri": teaching_clients["web-app"]["redirect"], "code_verifier": verifier}
    step2 = http.post("/token", data=form)
    print("2. token:", step2.status_code, {k: v for k, v in step2.json().items() if k != "access_token"})
    print("   the same code again:", http.post("/token", data=form).json())
    bearer = {"Authorization": "Bearer " + step2.json()["access_token"]}
    print("3. GET /orders:", http.get("/orders", headers=bearer).json())
    # Client Credentials, as the nightly job does it: asks for more than it may have.
    job = http.post("/token", data={"grant_type": "client_credentials", "client_id": "nightly-job",
                                    "client_secret": "s3cr3t-job", "scope": "orders:read orders:delete"}).json()
    print("4. job granted scope:", job["scope"])
    print("   wrong secret:", http.post("/token", data={"grant_type": "client_credentials", "client_id": "nightly-job",
                                                        "client_secret": "guess"}).status_code)
    only_reports = http.post("/token", data={"grant_type": "client_credentials", "client_id": "nightly-job",
                                             "client_secret": "s3cr3t-job", "scope": "reports:write"}).json()
    print("5. token without orders:read:", http.get("/orders", headers={
        "Authorization": "Bearer " + only_reports["access_token"]}).status_code)
    print("   no token:", http.get("/orders").status_code)

# %% [markdown] course={"kind": "lesson", "id": "oidc", "covers": ["c-openid-connect", "c-id-tokens", "c-user-info-endpoint", "c-oidc-providers"]}
# ### OpenID Connect: OAuth plus "who logged in"
#
# OAuth says what a token *allows*; it does not tell the client who the user is. **OpenID Connect** adds that:
# ask for the `openid` scope and the token endpoint also returns an **ID token**, a JWT *for the client*
# (`aud` = the client's id) about the login: `sub` (a stable user id), `iss`, `exp`, `iat` (`auth_time` when asked for), and the
# **`nonce`** the client put in the authorization request (it ties the ID token to this login, against replay).
# The client must check signature, `iss`, `aud`, `exp` and `nonce` before trusting it. The **UserInfo endpoint**
# (`GET /userinfo` with the access token) returns profile claims (`email`, `name`...) the scopes `profile` and
# `email` allow. A provider publishes its endpoints and keys at `/.well-known/openid-configuration` and its JWKS
# URL. Every provider named in the OAuth lesson speaks OIDC; never use an *access* token as proof of login.

# %% course={"kind": "demo"}
login_nonce = "n-0S6_WzA2Mj"
id_token = jwt.encode({"iss": ISSUER, "aud": "web-app", "sub": "248289761001", "nonce": login_nonce, "iat": now,
                       "exp": now + 600, "email": "alice@example.test"}, RSA_KEY, "RS256", headers={"kid": "key-1"})


def check_id_token(raw: str, client_id: str, nonce: str) -> dict[str, Any]:
    with freeze_time("2030-03-17 17:46:40"):
        claims = jwt.decode(raw, RSA_KEY.public_key(), algorithms=["RS256"], audience=client_id, issuer=ISSUER,
                            options={"require": ["exp", "iat", "sub", "nonce"]})
    if not hmac.compare_digest(claims["nonce"], nonce):
        raise jwt.InvalidTokenError("nonce does not match this login")
    return claims


print("login ok, user", check_id_token(id_token, "web-app", login_nonce)["sub"])
for label, args in [("another client's token", ("mobile-app", login_nonce)), ("replayed login", ("web-app", "n-other"))]:
    try:
        check_id_token(id_token, *args)
    except jwt.InvalidTokenError as error:
        print(f"{label}: {type(error).__name__}: {error}")


@teaching.get("/userinfo")  # a real provider asks for the `openid` scope here; ours reuses orders:read
def userinfo(claims: dict[str, Any] = Depends(require_scope("orders:read"))) -> dict[str, str]:
    return {"sub": claims["sub"], "email": f"{claims['sub']}@example.test"}


with TestClient(teaching) as http:
    print("userinfo:", http.get("/userinfo", headers=bearer).json())

# %% [markdown] course={"kind": "lesson", "id": "api-auth", "covers": ["c-api-authentication", "c-api-keys", "c-bearer-tokens", "c-mtls"]}
# ### API keys, bearer tokens, mTLS
#
# | | API key | bearer token (OAuth access token, JWT) | mTLS (client certificate) |
# |---|---|---|---|
# | what it is | a long random secret per client | a short-lived token from an authorization server | the client proves it holds a private key during the TLS handshake |
# | sent as | a header (`X-API-Key`, or `Authorization`) | `Authorization: Bearer <token>` (RFC 6750) | nothing in HTTP: it is in TLS |
# | expires | when you rotate it (often never: the problem) | minutes | when the certificate does |
# | stolen copy | works until revoked | works until `exp` | the certificate alone is useless without its private key |
# | typical | tools, webhooks, simple partner APIs | user- and service-facing APIs | service meshes (Istio, Linkerd), internal services, banks |
#
# Store API keys like passwords: keep only a hash (a fast SHA-256 is fine here, because a random 32-byte key
# cannot be guessed), show the key once at creation, give it a readable prefix (`ck_live_...`) so leaked keys
# are found by secret scanners, compare in constant time, and let clients hold two keys during a rotation.
# "Bearer" means whoever *bears* the token may use it: always over TLS, never in URLs or logs.
#
# **mTLS with Python's `ssl` module** is two additions to ordinary TLS: the server's `SSLContext` sets
# `verify_mode = ssl.CERT_REQUIRED` and loads the CA that signs client certificates (`load_verify_locations`),
# and the client loads its own certificate and key (`load_cert_chain`). The server then reads who called from
# the verified certificate (`getpeercert()`), not from a header. The second demo runs real handshakes
# (OpenSSL, TLS 1.3) between two contexts in memory: the course's `memory_handshake` carries the bytes from one
# side to the other without a socket. The certificates come from a CA made on the spot (`course.runtime.tls`);
# in production a service mesh or your internal CA issues them and rotates them often.

# %% course={"kind": "demo"}
# API keys: hash at rest, look up by hash, answer 401 the same way for a missing or a wrong key.
new_key = "ck_live_" + secrets.token_urlsafe(32)
key_table = {hashlib.sha256(new_key.encode()).hexdigest(): "billing-service"}
print("shown once to the client:", new_key[:14] + "...", "| stored:", next(iter(key_table))[:16] + "...")
keyed = FastAPI()


def api_client(x_api_key: str = Header(default="")) -> str:
    digest = hashlib.sha256(x_api_key.encode()).hexdigest()
    owner = key_table.get(digest)  # a dict lookup by hash: the secret itself is never compared byte by byte
    if owner is None:
        raise HTTPException(401, "invalid API key", headers={"WWW-Authenticate": "ApiKey"})
    return owner


@keyed.get("/usage")
def usage(owner: str = Depends(api_client)) -> dict[str, str]:
    return {"client": owner}


with TestClient(keyed) as http:
    for sent in [{"X-API-Key": new_key}, {"X-API-Key": new_key[:-1] + "x"}, {}]:
        reply = http.get("/usage", headers=sent)
        print(reply.status_code, reply.json())

# %% course={"kind": "demo"}
# Mutual TLS: the server asks for a client certificate signed by its CA, and learns the caller's name from it.
import ssl

from course.runtime.tls import client_cert, client_context, memory_handshake, new_ca, server_cert, server_context

platform_ca = new_ca("Platform CA")
orders_tls = server_context(*server_cert(platform_ca, ("orders.internal",)))
orders_tls.verify_mode = ssl.CERT_REQUIRED  # no certificate, no connection
orders_tls.load_verify_locations(cadata=platform_ca.pem)  # only certificates this CA signed

billing_tls = client_context(platform_ca, *client_cert(platform_ca, "billing-service"))
_, server_side = memory_handshake(billing_tls, orders_tls, "orders.internal")
print("accepted; the server sees", server_side.getpeercert()["subject"], "over", server_side.version())

callers = {
    "no client certificate": ssl.create_default_context(cadata=platform_ca.pem),
    "certificate from another CA": client_context(platform_ca, *client_cert(new_ca("Rogue CA"), "billing-service")),
}
for label, context in callers.items():
    try:
        memory_handshake(context, orders_tls, "orders.internal")
    except ssl.SSLError as error:  # the reason names are OpenSSL 3's
        print(f"{label}: refused, {type(error).__name__}: {getattr(error, 'verify_message', None) or error.reason}")

# %% [markdown] course={"kind": "lesson", "id": "authorization", "covers": ["c-authorization", "c-rbac-role-based-access-control", "c-abac-attribute-based-access-control", "c-policy-enforcement"]}
# ### RBAC, ABAC and where the check happens
#
# **RBAC**: permissions go to *roles*, roles go to users (`ml-engineer` may `models:deploy`), and a role may
# *inherit* another's permissions (`admin` inherits `ml-engineer` inherits `viewer`). Easy to audit ("who can
# deploy?"), but it explodes when rules depend on context ("only their own team's models, only in working
# hours"). **ABAC** decides on *attributes* of the subject, the resource and the environment
# (`user.team == resource.team`). Real systems mix both: roles for the coarse grain, conditions for the fine.
# Combine rules with **deny-overrides** (one matching deny wins over any number of allows) and **default deny**
# (nothing matched: no).
#
# Architecture words from XACML that every policy tool reuses: the **PEP** (policy enforcement point) sits in the
# request path and asks; the **PDP** (decision point) evaluates the policies and answers; every decision goes
# to an **audit log**. In FastAPI the PEP is a dependency (like `require_scope` above); the PDP may be a
# function, or a policy engine service such as Open Policy Agent, Cedar or Casbin. The two exercises at the end
# build a PDP.

# %% course={"kind": "demo"}
# A PDP in ten lines, asked by a PEP: roles with inheritance, one ABAC condition, deny-overrides.
role_tree = {"viewer": ({"models:read"}, []), "ml-engineer": ({"models:*"}, ["viewer"]), "admin": ({"*"}, ["ml-engineer"])}


def role_permissions(role: str) -> set[str]:
    granted, inherits = role_tree[role]
    return granted.union(*(role_permissions(parent) for parent in inherits))


def pdp(roles: set[str], action: str, attrs: Mapping[str, Any]) -> tuple[bool, str]:
    if action == "models:delete" and attrs.get("resource.stage") == "production":
        return False, "deny: production models are never deleted"  # a deny wins, even for admin
    if attrs.get("user.team") != attrs.get("resource.team") and "admin" not in roles:
        return False, "deny: other team's model"
    granted = set().union(*(role_permissions(r) for r in roles))
    hit = next((p for p in sorted(granted) if action_matches(p, action)), None)
    return (True, f"allow: {hit}") if hit else (False, "default deny")


for roles, action, attrs in [
    ({"viewer"}, "models:read", {"user.team": "ml", "resource.team": "ml"}),
    ({"viewer"}, "models:deploy", {"user.team": "ml", "resource.team": "ml"}),
    ({"ml-engineer"}, "models:deploy", {"user.team": "ml", "resource.team": "ml"}),
    ({"ml-engineer"}, "models:deploy", {"user.team": "search", "resource.team": "ml"}),
    ({"admin"}, "models:delete", {"resource.stage": "production"}),
    ({"admin"}, "clusters:scale", {}),
]:
    print(f"{'/'.join(sorted(roles)):12} {action:15} -> {pdp(roles, action, attrs)}")

# %% [markdown] course={"kind": "exercise", "id": "totp"}
# ### A second factor: TOTP from RFC 6238
#
# An authenticator app and the server share a secret. Every `step` seconds both compute the same short code:
# take the counter `T = at // step` as 8 bytes big-endian, compute `HMAC(secret, T)` with the given digest
# (`"sha1"`, `"sha256"` or `"sha512"`), take the low 4 bits of the *last* byte as an offset, read the 4 bytes
# starting there as a big-endian number, clear its top bit, and keep the last `digits` decimal digits, padded with
# leading zeros. Write `totp(secret, at, *, step=30, digits=8, digest="sha1") -> str`.
#
# Then write `verify_totp(secret, code, at, *, step=30, digits=8, window=1) -> bool`: true when `code` equals the
# code of the time step of `at` or of up to `window` steps before or after it (clocks drift, people type
# slowly). Compare in constant time.
#
# ```python
# >>> totp(b"12345678901234567890", 59)        # RFC 6238, appendix B, SHA-1
# '94287082'
# ```

# %% [markdown] course={"kind": "hint"}
# `counter.to_bytes(8, "big")`, `hmac.new(secret, message, digest).digest()`, `int.from_bytes(four, "big")`.

# %% [markdown] course={"kind": "hint"}
# The top bit is cleared with `& 0x7FFFFFFF`; `str(n).zfill(digits)` pads. For the window, check the codes of
# `at + k * step` for `k` from `-window` to `window`, both included.

# %% course={"kind": "solution", "equivalent": {"m-2bb558e4": "& 0x7FFFFFFF keeps the low 31 bits, which lie in the last four bytes of mac[:offset + 4] as of mac[offset:offset + 4]", "m-8890f065": "k runs over -window..window, a symmetric range, so at + k * step and at - k * step check the same steps"}}
def totp(secret: bytes, at: int, *, step: int = 30, digits: int = 8, digest: str = "sha1") -> str:
    ### BEGIN SOLUTION
    counter = at // step
    mac = hmac.new(secret, counter.to_bytes(8, "big"), digest).digest()
    offset = mac[-1] & 0x0F
    number = int.from_bytes(mac[offset : offset + 4], "big") & 0x7FFFFFFF
    return str(number % 10**digits).zfill(digits)
    ### END SOLUTION


def verify_totp(secret: bytes, code: str, at: int, *, step: int = 30, digits: int = 8, window: int = 1) -> bool:
    ### BEGIN SOLUTION
    candidates = [totp(secret, at + k * step, step=step, digits=digits) for k in range(-window, window + 1)]
    return any([hmac.compare_digest(c, code) for c in candidates])
    ### END SOLUTION


# %% course={"kind": "test", "points": 2}
RFC_SEED = b"12345678901234567890"
got = totp(RFC_SEED, 59)
assert got == "94287082" and type(got) is str, f"RFC 6238 SHA-1 vector at T=59: {got!r}"
for at, expected in [(1111111109, "07081804"), (1111111111, "14050471"), (1234567890, "89005924"),
                     (2000000000, "69279037"), (20000000000, "65353130")]:
    assert totp(RFC_SEED, at) == expected, f"SHA-1 at {at}: expected {expected}, got {totp(RFC_SEED, at)}"
### BEGIN HIDDEN TESTS
assert totp(RFC_SEED, 59, digits=6) == "287082", "six digits: the last six"
assert totp(RFC_SEED, 1111111109, digits=6) == "081804", "leading zeros are kept"
assert totp(RFC_SEED, 0) == totp(RFC_SEED, 29) != totp(RFC_SEED, 30), "one code per 30-second step"
assert totp(RFC_SEED, 0) == "84755224", "counter 0: the offset is 0, the first four bytes"
assert totp(RFC_SEED, 1020) == "33749439", "counter 34: the offset is 15, the last four bytes"
assert totp(RFC_SEED, 0, step=60) == totp(RFC_SEED, 59, step=60) != totp(RFC_SEED, 60, step=60), "step=60: one code a minute"
### END HIDDEN TESTS

# %% course={"kind": "test", "points": 1}
seed256 = b"12345678901234567890123456789012"
seed512 = b"1234567890123456789012345678901234567890123456789012345678901234"
assert totp(seed256, 59, digest="sha256") == "46119246", "SHA-256 vector (the RFC's 32-byte seed)"
assert totp(seed512, 59, digest="sha512") == "90693936", "SHA-512 vector (the RFC's 64-byte seed)"
### BEGIN HIDDEN TESTS
assert totp(seed256, 2000000000, digest="sha256") == "90698825"
assert totp(seed512, 20000000000, digest="sha512") == "47863826"
### END HIDDEN TESTS

# %% course={"kind": "test", "points": 2}
code_now = totp(RFC_SEED, 1111111111)
assert verify_totp(RFC_SEED, code_now, 1111111111) is True, "the current code is accepted"
assert verify_totp(RFC_SEED, code_now, 1111111111 + 30) is True, "one step late is within the window"
assert verify_totp(RFC_SEED, code_now, 1111111111 + 60) is False, "two steps late is outside window=1"
### BEGIN HIDDEN TESTS
assert verify_totp(RFC_SEED, code_now, 1111111111 - 30) is True, "one step early is within the window"
assert verify_totp(RFC_SEED, code_now, 1111111111 - 60) is False, "two steps early is outside window=1"
assert verify_totp(RFC_SEED, code_now, 1111111111 + 60, window=2) is True
assert verify_totp(RFC_SEED, code_now, 1111111111 - 60, window=2) is True
assert verify_totp(RFC_SEED, code_now, 1111111111 + 90, window=2) is False
assert verify_totp(RFC_SEED, code_now, 1111111111 + 30, window=0) is False
assert verify_totp(RFC_SEED, "000000", 1111111111) is False and verify_totp(RFC_SEED, "", 1111111111) is False
assert verify_totp(RFC_SEED, "081804", 1111111109, digits=6) is True
assert verify_totp(RFC_SEED, totp(RFC_SEED, 1020, step=60), 1020 + 60, step=60) is True
assert verify_totp(RFC_SEED, totp(RFC_SEED, 1020, step=60), 1020 + 120, step=60) is False
compared = []
real_compare_digest = hmac.compare_digest


def counting_compare_digest(a: Any, b: Any) -> bool:
    compared.append((a, b))
    return real_compare_digest(a, b)


hmac.compare_digest = secrets.compare_digest = counting_compare_digest
try:
    accepted = verify_totp(RFC_SEED, code_now, 1111111111)
finally:
    hmac.compare_digest = secrets.compare_digest = real_compare_digest
assert accepted is True and compared, "codes are compared with hmac.compare_digest (constant time), not =="
### END HIDDEN TESTS

# %% course={"kind": "wrong", "id": "first-four-bytes", "fails": ["t1", "t2", "t3"]}
def totp(secret, at, *, step=30, digits=8, digest="sha1"):
    mac = hmac.new(secret, (at // step).to_bytes(8, "big"), digest).digest()
    number = int.from_bytes(mac[:4], "big") & 0x7FFFFFFF  # ignores the dynamic offset
    return str(number % 10**digits).zfill(digits)


def verify_totp(secret, code, at, *, step=30, digits=8, window=1):
    return any(totp(secret, at + k * step, step=step, digits=digits) == code for k in range(-window, window + 1))

# %% course={"kind": "wrong", "id": "no-zero-padding", "fails": ["t1", "t3"]}
def totp(secret, at, *, step=30, digits=8, digest="sha1"):
    mac = hmac.new(secret, (at // step).to_bytes(8, "big"), digest).digest()
    offset = mac[-1] & 0x0F
    return str((int.from_bytes(mac[offset : offset + 4], "big") & 0x7FFFFFFF) % 10**digits)


def verify_totp(secret, code, at, *, step=30, digits=8, window=1):
    return any(totp(secret, at + k * step, step=step, digits=digits) == code for k in range(-window, window + 1))

# %% course={"kind": "wrong", "id": "compared-with-equals", "fails": ["t3"]}
def totp(secret, at, *, step=30, digits=8, digest="sha1"):
    mac = hmac.new(secret, (at // step).to_bytes(8, "big"), digest).digest()
    offset = mac[-1] & 0x0F
    return str((int.from_bytes(mac[offset : offset + 4], "big") & 0x7FFFFFFF) % 10**digits).zfill(digits)


def verify_totp(secret, code, at, *, step=30, digits=8, window=1):
    return any(totp(secret, at + k * step, step=step, digits=digits) == code for k in range(-window, window + 1))

# %% course={"kind": "wrong", "id": "window-one-sided", "fails": ["t3"]}
def totp(secret, at, *, step=30, digits=8, digest="sha1"):
    mac = hmac.new(secret, (at // step).to_bytes(8, "big"), digest).digest()
    offset = mac[-1] & 0x0F
    return str((int.from_bytes(mac[offset : offset + 4], "big") & 0x7FFFFFFF) % 10**digits).zfill(digits)


def verify_totp(secret, code, at, *, step=30, digits=8, window=1):
    return any(totp(secret, at - k * step, step=step, digits=digits) == code for k in range(window + 1))

# %% [markdown] course={"kind": "exercise", "id": "pkce", "item": "x-create-oauth-2-0-client"}
# ### PKCE: the code challenge of a verifier
#
# Write `s256_challenge(verifier) -> str`, the `code_challenge` a client sends for `code_challenge_method=S256`
# (RFC 7636): base64url of the SHA-256 of the verifier's ASCII bytes, **without** `=` padding. First check the
# verifier: 43 to 128 characters, each from `PKCE_CHARS` (letters, digits, `-._~`); otherwise raise
# `ValueError`.
#
# ```python
# >>> s256_challenge("dBjftJeZ4CVP-mB92K27uhbUJU1p1r_wW1gFWFOEjXk")   # RFC 7636, appendix B
# 'E9Melhoa2OwvFrEMTJguCHaoeK1t8URWbuGJSstw-cM'
# ```

# %% [markdown] course={"kind": "hint"}
# `base64.urlsafe_b64encode(...)` gives bytes with `-` and `_` (not `+` and `/`) and `=` padding to strip.

# %% [markdown] course={"kind": "hint"}
# The challenge hashes the raw digest (`.digest()`), not its hex text (`.hexdigest()`).

# %% course={"kind": "solution"}
def s256_challenge(verifier: str) -> str:
    ### BEGIN SOLUTION
    if not 43 <= len(verifier) <= 128 or not set(verifier) <= PKCE_CHARS:
        raise ValueError("a code verifier is 43-128 characters of A-Z a-z 0-9 - . _ ~")
    digest = hashlib.sha256(verifier.encode("ascii")).digest()
    return base64.urlsafe_b64encode(digest).rstrip(b"=").decode("ascii")
    ### END SOLUTION


# %% course={"kind": "test", "points": 2}
got = s256_challenge("dBjftJeZ4CVP-mB92K27uhbUJU1p1r_wW1gFWFOEjXk")
assert got == "E9Melhoa2OwvFrEMTJguCHaoeK1t8URWbuGJSstw-cM", f"RFC 7636 appendix B: {got!r}"
assert type(got) is str, "a str, not bytes"
### BEGIN HIDDEN TESTS
for size in (43, 64, 128):
    sample = ("a-._~Z9" * 20)[:size]
    assert s256_challenge(sample) == b64url(hashlib.sha256(sample.encode()).digest()), size
    assert len(s256_challenge(sample)) == 43 and "=" not in s256_challenge(sample)
### END HIDDEN TESTS

# %% course={"kind": "test", "points": 1}
def refused_verifier(verifier: str) -> bool:
    try:
        s256_challenge(verifier)
    except ValueError:
        return True
    return False


assert refused_verifier("a" * 42) and not refused_verifier("a" * 43), "at least 43 characters"
assert refused_verifier("a" * 129) and not refused_verifier("a" * 128), "at most 128 characters"
assert refused_verifier("a" * 42 + "+"), "'+' is not allowed"
### BEGIN HIDDEN TESTS
for bad in ["/", "=", " ", "é", "%", "\n"]:
    assert refused_verifier("a" * 50 + bad), repr(bad)
assert not refused_verifier("~" * 43) and not refused_verifier("." * 43) and not refused_verifier("_" * 43)
assert not refused_verifier("".join(sorted(PKCE_CHARS))), "every allowed character at once"
assert refused_verifier("")
### END HIDDEN TESTS

# %% course={"kind": "wrong", "id": "kept-padding", "fails": ["t1"]}
def s256_challenge(verifier):
    if not 43 <= len(verifier) <= 128 or not set(verifier) <= PKCE_CHARS:
        raise ValueError(verifier)
    return base64.urlsafe_b64encode(hashlib.sha256(verifier.encode()).digest()).decode()

# %% course={"kind": "wrong", "id": "standard-base64", "fails": ["t1"]}
def s256_challenge(verifier):
    if not 43 <= len(verifier) <= 128 or not set(verifier) <= PKCE_CHARS:
        raise ValueError(verifier)
    return base64.b64encode(hashlib.sha256(verifier.encode()).digest()).rstrip(b"=").decode()

# %% course={"kind": "wrong", "id": "hex-digest", "fails": ["t1"]}
def s256_challenge(verifier):
    if not 43 <= len(verifier) <= 128 or not set(verifier) <= PKCE_CHARS:
        raise ValueError(verifier)
    return b64url(hashlib.sha256(verifier.encode()).hexdigest().encode())

# %% course={"kind": "wrong", "id": "no-verifier-check", "fails": ["t2"]}
def s256_challenge(verifier):
    return b64url(hashlib.sha256(verifier.encode()).digest())

# %% [markdown] course={"kind": "exercise", "id": "rs256-tokens", "item": "x-implement-jwt-authentication"}
# ### Issue and validate RS256 access tokens with PyJWT
#
# Write `issue_access_token(private_key, subject, scope, *, now, kid, ttl=300) -> str`: an RS256 JWT whose header
# carries `kid` and whose claims are exactly `iss` (= `ISSUER`), `aud` (= `AUDIENCE`), `sub`, `scope`, `iat`
# (= `now`), `exp` (= `now + ttl`) and a fresh random `jti`: `secrets.token_hex(16)`, 32 hex digits, never the same twice.
#
# Write `verify_access_token(token, public_key) -> dict`: the claims of a valid token, and
# `jwt.InvalidTokenError` (or a subclass) for **anything** else: wrong signature, expired (allow **30 seconds**
# of clock skew), not yet valid, another audience or issuer, a missing `exp`, `iat` or `sub`, `alg: none`, an
# HS256 token, garbage.
#
# ```python
# >>> with freeze_time("2030-03-17 17:46:40"):      # the clock PyJWT reads: 1_900_000_000
# ...     token = issue_access_token(RSA_KEY, "alice", "orders:read", now=1_900_000_000, kid="key-1")
# ...     claims = verify_access_token(token, RSA_KEY.public_key())
# >>> claims["sub"], claims["aud"]
# ('alice', 'orders-api')
# ```

# %% [markdown] course={"kind": "hint"}
# `jwt.encode(claims, private_key, algorithm="RS256", headers={"kid": kid})`; `secrets.token_hex(16)` for `jti`.

# %% [markdown] course={"kind": "hint"}
# `jwt.decode(token, public_key, algorithms=["RS256"], audience=..., issuer=..., leeway=30,
# options={"require": [...]})`. Only the verifier chooses algorithms: never read them from the token's header.

# %% course={"kind": "solution"}
def issue_access_token(private_key: Any, subject: str, scope: str, *, now: int, kid: str, ttl: int = 300) -> str:
    ### BEGIN SOLUTION
    claims = {"iss": ISSUER, "aud": AUDIENCE, "sub": subject, "scope": scope, "iat": now, "exp": now + ttl,
              "jti": secrets.token_hex(16)}
    return jwt.encode(claims, private_key, algorithm="RS256", headers={"kid": kid})
    ### END SOLUTION


def verify_access_token(token: str, public_key: Any) -> dict[str, Any]:
    ### BEGIN SOLUTION
    return jwt.decode(token, public_key, algorithms=["RS256"], audience=AUDIENCE, issuer=ISSUER, leeway=30,
                      options={"require": ["exp", "iat", "sub"]})
    ### END SOLUTION


# %% course={"kind": "test", "points": 2}
T0 = 1_900_000_000  # 2030-03-17 17:46:40 UTC; the tests freeze the clock there
FROZEN = "2030-03-17 17:46:40"
with freeze_time(FROZEN):
    issued = issue_access_token(RSA_KEY, "alice", "orders:read", now=T0, kid="key-1")
    got = verify_access_token(issued, RSA_KEY.public_key())
assert type(issued) is str and issued.count(".") == 2, "a compact JWT: three parts"
assert jwt.get_unverified_header(issued) == {"alg": "RS256", "kid": "key-1", "typ": "JWT"}, jwt.get_unverified_header(issued)
assert {k: v for k, v in got.items() if k != "jti"} == {"iss": ISSUER, "aud": AUDIENCE, "sub": "alice",
                                                        "scope": "orders:read", "iat": T0, "exp": T0 + 300}, got
### BEGIN HIDDEN TESTS
assert type(got["jti"]) is str and len(got["jti"]) == 32 and int(got["jti"], 16) >= 0, "32 hex digits"
with freeze_time(FROZEN):
    other = verify_access_token(issue_access_token(RSA_KEY, "bob", "a b", now=T0, kid="k9", ttl=60), RSA_KEY.public_key())
    again = verify_access_token(issue_access_token(RSA_KEY, "bob", "a b", now=T0, kid="k9", ttl=60), RSA_KEY.public_key())
assert other["exp"] == T0 + 60 and other["sub"] == "bob" and other["scope"] == "a b", other
assert other["jti"] != again["jti"], "a fresh jti for every token"
assert set(got) == {"iss", "aud", "sub", "scope", "iat", "exp", "jti"}, sorted(got)
earlier = jwt.decode(issue_access_token(RSA_KEY, "bob", "a", now=T0 - 7200, kid="k1", ttl=60),
                     options={"verify_signature": False})
assert (earlier["iat"], earlier["exp"]) == (T0 - 7200, T0 - 7140), "iat and exp come from `now`, not the clock"
### END HIDDEN TESTS

# %% course={"kind": "test", "points": 2}
def refused_token(token: str, key: Any = None) -> bool:
    with freeze_time(FROZEN):
        try:
            verify_access_token(token, key or RSA_KEY.public_key())
        except jwt.InvalidTokenError:
            return True
    return False


def signed(claims: dict[str, Any], key: Any = RSA_KEY, algorithm: str = "RS256") -> str:
    base = {"iss": ISSUER, "aud": AUDIENCE, "sub": "alice", "iat": T0, "exp": T0 + 300}
    return jwt.encode({k: v for k, v in {**base, **claims}.items() if v is not None}, key, algorithm=algorithm)


assert refused_token(signed({"aud": "billing"})), "another API's audience"
assert refused_token(signed({"exp": T0 - 3600})), "expired an hour ago"
assert refused_token(signed({}, key=RSA_KEY_2)), "signed by a key we do not trust"
assert not refused_token(signed({"exp": T0 - 29})), "29 s past exp is within the 30 s leeway"
### BEGIN HIDDEN TESTS
assert refused_token(signed({"exp": T0 - 30})) and refused_token(signed({"exp": T0 - 31})), "leeway is 30 s"
assert not refused_token(signed({"nbf": T0 + 29})) and refused_token(signed({"nbf": T0 + 31})), "nbf with leeway"
assert refused_token(signed({"iss": "https://evil.example.test"})), "another issuer"
assert refused_token(signed({"iss": None})), "no issuer"
assert refused_token(signed({"aud": None})), "no audience"
assert refused_token(signed({"exp": None})), "exp is required"
assert refused_token(signed({"iat": None})), "iat is required"
assert refused_token(signed({"sub": None})), "sub is required"
assert not refused_token(signed({"aud": ["billing", AUDIENCE]})), "a list of audiences that includes ours"
assert refused_token("not.a.token") and refused_token("")
assert refused_token(signed({}, key=EC_KEY, algorithm="ES256")), "only RS256 is accepted"
### END HIDDEN TESTS

# %% course={"kind": "test", "points": 2}
body_b64 = b64url(json.dumps({"iss": ISSUER, "aud": AUDIENCE, "sub": "mallory", "iat": T0, "exp": T0 + 300}).encode())
alg_none = b64url(b'{"alg":"none","typ":"JWT"}') + "." + body_b64 + "."
assert refused_token(alg_none), "a token with alg none is never valid"
hs_head = b64url(b'{"alg":"HS256","typ":"JWT"}') + "." + body_b64
hs_forged = hs_head + "." + b64url(hmac.new(pem(RSA_KEY.public_key()), hs_head.encode(), "sha256").digest())
assert refused_token(hs_forged), "HS256 'signed' with the public key: the algorithm confusion attack"
### BEGIN HIDDEN TESTS
assert refused_token(hs_forged, key=pem(RSA_KEY.public_key())), "refused with InvalidTokenError even given PEM text"
hs_real = jwt.encode({"iss": ISSUER, "aud": AUDIENCE, "sub": "x", "iat": T0, "exp": T0 + 300}, "k" * 32, "HS256")
assert refused_token(hs_real)
### END HIDDEN TESTS

# %% course={"kind": "wrong", "id": "no-leeway", "fails": ["t2"]}
def issue_access_token(private_key, subject, scope, *, now, kid, ttl=300):
    return jwt.encode({"iss": ISSUER, "aud": AUDIENCE, "sub": subject, "scope": scope, "iat": now, "exp": now + ttl,
                       "jti": secrets.token_hex(16)}, private_key, algorithm="RS256", headers={"kid": kid})


def verify_access_token(token, public_key):
    return jwt.decode(token, public_key, algorithms=["RS256"], audience=AUDIENCE, issuer=ISSUER,
                      options={"require": ["exp", "iat", "sub"]})

# %% course={"kind": "wrong", "id": "algorithm-from-header", "fails": ["t2", "t3"]}
def issue_access_token(private_key, subject, scope, *, now, kid, ttl=300):
    return jwt.encode({"iss": ISSUER, "aud": AUDIENCE, "sub": subject, "scope": scope, "iat": now, "exp": now + ttl,
                       "jti": secrets.token_hex(16)}, private_key, algorithm="RS256", headers={"kid": kid})


def verify_access_token(token, public_key):
    algorithm = jwt.get_unverified_header(token)["alg"]  # the token chooses: the attacker chooses
    return jwt.decode(token, public_key, algorithms=[algorithm], audience=AUDIENCE, issuer=ISSUER, leeway=30,
                      options={"require": ["exp", "iat", "sub"]})

# %% course={"kind": "wrong", "id": "no-audience-check", "fails": ["t2"]}
def issue_access_token(private_key, subject, scope, *, now, kid, ttl=300):
    return jwt.encode({"iss": ISSUER, "aud": AUDIENCE, "sub": subject, "scope": scope, "iat": now, "exp": now + ttl,
                       "jti": secrets.token_hex(16)}, private_key, algorithm="RS256", headers={"kid": kid})


def verify_access_token(token, public_key):
    return jwt.decode(token, public_key, algorithms=["RS256"], issuer=ISSUER, leeway=30,
                      options={"verify_aud": False, "require": ["exp", "iat", "sub"]})

# %% course={"kind": "wrong", "id": "ttl-in-minutes", "fails": ["t1"]}
def issue_access_token(private_key, subject, scope, *, now, kid, ttl=300):
    return jwt.encode({"iss": ISSUER, "aud": AUDIENCE, "sub": subject, "scope": scope, "iat": now,
                       "exp": now + ttl * 60, "jti": secrets.token_hex(16)}, private_key, algorithm="RS256",
                      headers={"kid": kid})


def verify_access_token(token, public_key):
    return jwt.decode(token, public_key, algorithms=["RS256"], audience=AUDIENCE, issuer=ISSUER, leeway=30,
                      options={"require": ["exp", "iat", "sub"]})

# %% [markdown] course={"kind": "exercise", "id": "jwks-resolver", "item": "x-implement-jwt-authentication"}
# ### Find the signing key by `kid`, through a key rotation
#
# An issuer publishes its public keys as a JWKS (`{"keys": [{"kid": ..., "kty": "RSA", "n": ..., "e": ...}]}`)
# and rotates them: a new key appears, tokens signed with it start arriving, the old key disappears later.
# Write a class `KeyResolver(fetch)`: `fetch()` returns the current JWKS as a dict (in real life an HTTP GET of
# the issuer's `jwks_uri`). `key_for(token)` returns the public key (a `cryptography` key object, as
# `jwt.PyJWK(entry).key` gives) for the `kid` in the token's header. Fetch **only when needed**: once at the
# first call, and again only when a token names a `kid` the cached set does not have (at most one fetch per
# call). A token without a `kid`, or with one still unknown after the fetch, raises `jwt.InvalidTokenError`.
# After a fetch the cache is exactly the new JWKS: a retired key is forgotten.
#
# ```python
# >>> resolver = KeyResolver(lambda: {"keys": [jwk_of(RSA_KEY.public_key(), "key-1")]})
# >>> token = jwt.encode({"sub": "alice"}, RSA_KEY, "RS256", headers={"kid": "key-1"})
# >>> jwt.decode(token, resolver.key_for(token), algorithms=["RS256"])
# {'sub': 'alice'}
# ```

# %% [markdown] course={"kind": "hint"}
# `jwt.get_unverified_header(token).get("kid")` reads the header without checking anything: fine here, because
# the key you return is then used to *verify* the token.

# %% [markdown] course={"kind": "hint"}
# Keep a dict `kid -> key`. Replace the whole dict after a fetch (do not merge), so retired keys go away.

# %% course={"kind": "solution"}
class KeyResolver:
    def __init__(self, fetch: Callable[[], dict[str, Any]]) -> None:
        ### BEGIN SOLUTION
        self._fetch = fetch
        self._keys: dict[str, Any] | None = None
        ### END SOLUTION

    def key_for(self, token: str) -> Any:
        ### BEGIN SOLUTION
        kid = jwt.get_unverified_header(token).get("kid")
        if kid is None:
            raise jwt.InvalidTokenError("the token names no key (kid)")
        if self._keys is None or kid not in self._keys:
            self._keys = {entry["kid"]: jwt.PyJWK(entry).key for entry in self._fetch()["keys"]}
        if kid not in self._keys:
            raise jwt.InvalidTokenError(f"no key {kid!r} in the issuer's JWKS")
        return self._keys[kid]
        ### END SOLUTION


# %% course={"kind": "test", "points": 2}
class Issuer:
    """A JWKS endpoint we control: `published` is what fetch() returns; `fetches` counts the calls."""

    def __init__(self, *kids_and_keys: tuple[str, Any]) -> None:
        self.published = [jwk_of(key.public_key(), kid) for kid, key in kids_and_keys]
        self.fetches = 0

    def fetch(self) -> dict[str, Any]:
        self.fetches += 1
        return {"keys": list(self.published)}


def token_by(key: Any, kid: str | None) -> str:
    return jwt.encode({"sub": "alice"}, key, "RS256", headers={} if kid is None else {"kid": kid})


idp = Issuer(("key-1", RSA_KEY))
resolver = KeyResolver(idp.fetch)
assert jwt.decode(token_by(RSA_KEY, "key-1"), resolver.key_for(token_by(RSA_KEY, "key-1")), algorithms=["RS256"]) == {"sub": "alice"}
for _ in range(3):
    resolver.key_for(token_by(RSA_KEY, "key-1"))
assert idp.fetches == 1, f"a known kid is served from the cache: {idp.fetches} fetches for 4 calls"
### BEGIN HIDDEN TESTS
assert KeyResolver(idp.fetch) and idp.fetches == 1, "creating a resolver fetches nothing"
key = resolver.key_for(token_by(RSA_KEY, "key-1"))
assert key.public_numbers() == RSA_KEY.public_key().public_numbers(), "the public key object itself"
### END HIDDEN TESTS

# %% course={"kind": "test", "points": 2}
idp = Issuer(("key-1", RSA_KEY))
resolver = KeyResolver(idp.fetch)
resolver.key_for(token_by(RSA_KEY, "key-1"))
idp.published.append(jwk_of(RSA_KEY_2.public_key(), "key-2"))  # rotation: the new key is published
new_key = resolver.key_for(token_by(RSA_KEY_2, "key-2"))
assert idp.fetches == 2, "an unknown kid triggers one new fetch"
assert new_key.public_numbers() == RSA_KEY_2.public_key().public_numbers()
### BEGIN HIDDEN TESTS
resolver.key_for(token_by(RSA_KEY, "key-1"))
assert idp.fetches == 2, "both keys are cached after the fetch"
del idp.published[0]  # the old key is retired
try:
    resolver.key_for(token_by(RSA_KEY, "key-3"))
except jwt.InvalidTokenError:
    pass
else:
    raise AssertionError("an unknown kid raises InvalidTokenError")
assert idp.fetches == 3, "one fetch per call, not a retry loop"
try:
    resolver.key_for(token_by(RSA_KEY, "key-1"))
except jwt.InvalidTokenError:
    pass
else:
    raise AssertionError("after a fetch the retired key-1 is forgotten")
### END HIDDEN TESTS

# %% course={"kind": "test", "points": 1}
idp = Issuer(("key-1", RSA_KEY))
resolver = KeyResolver(idp.fetch)
try:
    resolver.key_for(token_by(RSA_KEY, None))
except jwt.InvalidTokenError:
    pass
else:
    raise AssertionError("a token without kid raises InvalidTokenError")
assert idp.fetches == 0, "a token without kid needs no fetch: refuse it at once"
### BEGIN HIDDEN TESTS
try:
    KeyResolver(Issuer().fetch).key_for(token_by(RSA_KEY, "key-1"))
except jwt.InvalidTokenError:
    pass
else:
    raise AssertionError("an empty JWKS knows no key")
### END HIDDEN TESTS

# %% course={"kind": "wrong", "id": "fetch-every-time", "fails": ["t1", "t2", "t3"]}
class KeyResolver:
    def __init__(self, fetch):
        self._fetch = fetch

    def key_for(self, token):
        kid = jwt.get_unverified_header(token).get("kid")
        keys = {entry["kid"]: jwt.PyJWK(entry).key for entry in self._fetch()["keys"]}
        if kid not in keys:
            raise jwt.InvalidTokenError(kid)
        return keys[kid]

# %% course={"kind": "wrong", "id": "never-refetch", "fails": ["t2", "t3"]}
class KeyResolver:
    def __init__(self, fetch):
        self._fetch = fetch
        self._keys = None

    def key_for(self, token):
        kid = jwt.get_unverified_header(token).get("kid")
        if self._keys is None:
            self._keys = {entry["kid"]: jwt.PyJWK(entry).key for entry in self._fetch()["keys"]}
        if kid not in self._keys:
            raise jwt.InvalidTokenError(kid)
        return self._keys[kid]

# %% course={"kind": "wrong", "id": "merge-keeps-retired", "fails": ["t2", "t3"]}
class KeyResolver:
    def __init__(self, fetch):
        self._fetch = fetch
        self._keys = {}
        self._fetched = False

    def key_for(self, token):
        kid = jwt.get_unverified_header(token).get("kid")
        if not self._fetched or kid not in self._keys:
            self._keys.update({entry["kid"]: jwt.PyJWK(entry).key for entry in self._fetch()["keys"]})
            self._fetched = True
        if kid not in self._keys:
            raise jwt.InvalidTokenError(kid)
        return self._keys[kid]

# %% [markdown] course={"kind": "exercise", "id": "refresh-rotation", "item": "x-implement-token-refresh-flow"}
# ### Refresh tokens that rotate and catch a stolen copy
#
# Write a class `RefreshTokens(clock, ttl=86400)`. `issue(user) -> str` starts a new *family* and returns its
# first refresh token: `secrets.token_urlsafe(32)` (43 characters, never repeated). `rotate(token) -> tuple[str, str]`
# returns `(user, new_token)`: the new token belongs to the same family and has its own fresh `ttl`; the
# presented token is now *used*. The errors (from the setup cell):
#
# - an unknown token, a token of a revoked family, or an expired one (`clock() >= issued time + ttl`):
#   `RefreshError`;
# - a token that was already used: `ReuseDetected`, **and** its whole family is revoked (the thief's and the
#   user's newest token both stop working). Once the family is revoked, the same token again is a plain
#   `RefreshError` (revoked family), not a second `ReuseDetected`.
#
# `revoke(user)` revokes every family of that user (logout everywhere). The starter also has a private helper
# `_new(user, family)` (store one new token of that family, return it) that `issue` and `rotate` can share;
# fill it in or delete it: the tests call only `issue`, `rotate` and `revoke`.
#
# ```python
# >>> store = RefreshTokens(FakeClock(0))
# >>> first = store.issue("alice")
# >>> user, second = store.rotate(first)
# >>> user, second != first
# ('alice', True)
# >>> store.rotate(first)        # replayed: ReuseDetected, and `second` is dead too
# ```

# %% [markdown] course={"kind": "hint"}
# Keep one record per token: user, family id, expiry, used or not. Keep the revoked family ids in a set.

# %% [markdown] course={"kind": "hint"}
# Order matters in `rotate`: unknown, then revoked family, then already used (revoke + `ReuseDetected`), then
# expired.

# %% course={"kind": "solution", "equivalent": {"m-5ae56817": "the family id never leaves the store: any unique id behaves the same", "m-85b52e03": "the family id never leaves the store: any unique id behaves the same"}}
class RefreshTokens:
    def __init__(self, clock: Callable[[], float], ttl: int = 86400) -> None:
        ### BEGIN SOLUTION
        self.clock = clock
        self.ttl = ttl
        self._records: dict[str, dict[str, Any]] = {}
        self._revoked: set[str] = set()
        ### END SOLUTION

    def _new(self, user: str, family: str) -> str:
        ### BEGIN SOLUTION
        token = secrets.token_urlsafe(32)
        self._records[token] = {"user": user, "family": family, "expires": self.clock() + self.ttl, "used": False}
        return token
        ### END SOLUTION

    def issue(self, user: str) -> str:
        ### BEGIN SOLUTION
        return self._new(user, secrets.token_hex(8))
        ### END SOLUTION

    def rotate(self, token: str) -> tuple[str, str]:
        ### BEGIN SOLUTION
        record = self._records.get(token)
        if record is None or record["family"] in self._revoked:
            raise RefreshError("unknown or revoked refresh token")
        if record["used"]:
            self._revoked.add(record["family"])
            raise ReuseDetected("refresh token used twice: family revoked")
        if self.clock() >= record["expires"]:
            raise RefreshError("refresh token expired")
        record["used"] = True
        return record["user"], self._new(record["user"], record["family"])
        ### END SOLUTION

    def revoke(self, user: str) -> None:
        ### BEGIN SOLUTION
        self._revoked.update(r["family"] for r in self._records.values() if r["user"] == user)
        ### END SOLUTION


# %% course={"kind": "test", "points": 2}
def outcome(store: RefreshTokens, token: str) -> str:
    """'ok', 'reuse' or 'refused': what rotate(token) did."""
    try:
        store.rotate(token)
    except ReuseDetected:
        return "reuse"
    except RefreshError:
        return "refused"
    return "ok"


store = RefreshTokens(FakeClock(0))
first = store.issue("alice")
rotated = store.rotate(first)
assert type(rotated) is tuple and rotated[0] == "alice" and type(rotated[1]) is str, rotated
assert rotated[1] != first and len(first) == 43 == len(rotated[1]), "a new token of secrets.token_urlsafe(32)"
user, third = store.rotate(rotated[1])
assert user == "alice" and third not in (first, rotated[1]), "the new token rotates again"
### BEGIN HIDDEN TESTS
assert outcome(store, "made-up") == "refused", "an unknown token"
assert store.issue("bob") != store.issue("bob"), "tokens are never repeated"
assert store.rotate(store.issue("bob"))[0] == "bob"
### END HIDDEN TESTS

# %% course={"kind": "test", "points": 2}
store = RefreshTokens(FakeClock(0))
stolen = store.issue("alice")
_, newest = store.rotate(stolen)  # the user refreshed; an attacker kept a copy of `stolen`
assert outcome(store, stolen) == "reuse", "a used token presented again: ReuseDetected"
assert outcome(store, newest) == "refused", "reuse revokes the whole family, newest token included"
### BEGIN HIDDEN TESTS
assert outcome(store, stolen) == "refused", "once revoked, refused (not reported as reuse again)"
store = RefreshTokens(FakeClock(0))
family_a, family_b = store.issue("alice"), store.issue("alice")
_, next_a = store.rotate(family_a)
assert outcome(store, family_a) == "reuse"
assert outcome(store, family_b) == "ok", "another login (family) of the same user is unharmed"
### END HIDDEN TESTS

# %% course={"kind": "test", "points": 2}
clock = FakeClock(1000)
store = RefreshTokens(clock, ttl=600)
token_a = store.issue("alice")
clock.advance(599)
_, token_b = store.rotate(token_a)
clock.advance(599)
assert outcome(store, token_b) == "ok", "each rotated token gets its own fresh ttl"
### BEGIN HIDDEN TESTS
late = store.issue("carol")
clock.advance(600)
assert outcome(store, late) == "refused", "expired exactly at issued + ttl"
day_clock = FakeClock(0)
day_store = RefreshTokens(day_clock)
day_token, day_token_2 = day_store.issue("d"), day_store.issue("d")
day_clock.advance(86399)
assert outcome(day_store, day_token) == "ok", "the default ttl is one day"
day_clock.advance(1)
assert outcome(day_store, day_token_2) == "refused"
logout = RefreshTokens(FakeClock(0))
mine, mine_2, theirs = logout.issue("alice"), logout.issue("alice"), logout.issue("bob")
logout.revoke("alice")
assert outcome(logout, mine) == "refused" and outcome(logout, mine_2) == "refused", "revoke(user): every family"
assert outcome(logout, theirs) == "ok", "revoke(user) leaves other users alone"
### END HIDDEN TESTS

# %% course={"kind": "wrong", "id": "no-family-revoke", "fails": ["t2"]}
class RefreshTokens:
    def __init__(self, clock, ttl=86400):
        self.clock, self.ttl, self._records, self._revoked = clock, ttl, {}, set()

    def issue(self, user):
        token = secrets.token_urlsafe(32)
        self._records[token] = {"user": user, "expires": self.clock() + self.ttl, "used": False}
        return token

    def rotate(self, token):
        record = self._records.get(token)
        if record is None or token in self._revoked:
            raise RefreshError(token)
        if record["used"]:
            raise ReuseDetected(token)  # refuses the copy, but the thief's newer token lives on
        if self.clock() >= record["expires"]:
            raise RefreshError(token)
        record["used"] = True
        return record["user"], self.issue(record["user"])

    def revoke(self, user):
        self._revoked.update(t for t, r in self._records.items() if r["user"] == user)

# %% course={"kind": "wrong", "id": "ttl-from-family-start", "fails": ["t3"]}
class RefreshTokens:
    def __init__(self, clock, ttl=86400):
        self.clock, self.ttl, self._records, self._revoked = clock, ttl, {}, set()

    def _new(self, user, family, expires):
        token = secrets.token_urlsafe(32)
        self._records[token] = {"user": user, "family": family, "expires": expires, "used": False}
        return token

    def issue(self, user):
        return self._new(user, secrets.token_hex(8), self.clock() + self.ttl)

    def rotate(self, token):
        record = self._records.get(token)
        if record is None or record["family"] in self._revoked:
            raise RefreshError(token)
        if record["used"]:
            self._revoked.add(record["family"])
            raise ReuseDetected(token)
        if self.clock() >= record["expires"]:
            raise RefreshError(token)
        record["used"] = True
        return record["user"], self._new(record["user"], record["family"], record["expires"])

    def revoke(self, user):
        self._revoked.update(r["family"] for r in self._records.values() if r["user"] == user)

# %% [markdown] course={"kind": "exercise", "id": "code-exchange", "item": "x-create-oauth-2-0-client"}
# ### The authorization server's side: redeem a code, once
#
# Write a class `CodeStore(clock, ttl=60)`. `issue(client_id, redirect_uri, challenge, user) -> str` stores a
# new random authorization code, `secrets.token_urlsafe(24)` (32 characters; what `/authorize` does after the login). `redeem(code, client_id, redirect_uri,
# verifier) -> str` is the heart of `POST /token`: it returns the user when
#
# - the code exists and was never presented before: a code is **consumed by its first redeem**, successful or
#   not, so a second try with the same code always fails;
# - `clock()` is before `issued time + ttl`;
# - `client_id` and `redirect_uri` are exactly those given to `issue`;
# - the base64url (no padding) SHA-256 of `verifier` equals `challenge` (PKCE S256), compared in constant time.
#
# Otherwise it raises `OAuthError("invalid_grant")` (the error RFC 6749 and, for PKCE, RFC 7636 prescribe).
#
# ```python
# >>> verifier = "dBjftJeZ4CVP-mB92K27uhbUJU1p1r_wW1gFWFOEjXk"    # RFC 7636, appendix B
# >>> challenge = "E9Melhoa2OwvFrEMTJguCHaoeK1t8URWbuGJSstw-cM"   # its S256 challenge
# >>> codes = CodeStore(FakeClock(0))
# >>> code = codes.issue("web-app", "https://app.example.test/cb", challenge, "alice")
# >>> codes.redeem(code, "web-app", "https://app.example.test/cb", verifier)
# 'alice'
# ```

# %% [markdown] course={"kind": "hint"}
# `dict.pop(code, None)` takes the code out in the same step you look it up: consumed whatever happens next.

# %% [markdown] course={"kind": "hint"}
# `hmac.compare_digest(b64url(hashlib.sha256(verifier.encode("ascii")).digest()), grant["challenge"])`.

# %% course={"kind": "solution"}
class CodeStore:
    def __init__(self, clock: Callable[[], float], ttl: int = 60) -> None:
        ### BEGIN SOLUTION
        self.clock = clock
        self.ttl = ttl
        self._grants: dict[str, dict[str, Any]] = {}
        ### END SOLUTION

    def issue(self, client_id: str, redirect_uri: str, challenge: str, user: str) -> str:
        ### BEGIN SOLUTION
        code = secrets.token_urlsafe(24)
        self._grants[code] = {"client_id": client_id, "redirect_uri": redirect_uri, "challenge": challenge,
                              "user": user, "expires": self.clock() + self.ttl}
        return code
        ### END SOLUTION

    def redeem(self, code: str, client_id: str, redirect_uri: str, verifier: str) -> str:
        ### BEGIN SOLUTION
        grant = self._grants.pop(code, None)
        if grant is None or self.clock() >= grant["expires"]:
            raise OAuthError("invalid_grant")
        if grant["client_id"] != client_id or grant["redirect_uri"] != redirect_uri:
            raise OAuthError("invalid_grant")
        computed = b64url(hashlib.sha256(verifier.encode("ascii")).digest())
        if not hmac.compare_digest(computed, grant["challenge"]):
            raise OAuthError("invalid_grant")
        return grant["user"]
        ### END SOLUTION


# %% course={"kind": "test", "points": 2}
CB = "https://app.example.test/cb"
VERIFIER = "dBjftJeZ4CVP-mB92K27uhbUJU1p1r_wW1gFWFOEjXk"
CHALLENGE = "E9Melhoa2OwvFrEMTJguCHaoeK1t8URWbuGJSstw-cM"  # RFC 7636 appendix B


def redeem_error(codes: CodeStore, *args: str) -> str | None:
    try:
        codes.redeem(*args)
    except OAuthError as error:
        return error.error
    return None


codes = CodeStore(FakeClock(0))
code = codes.issue("web-app", CB, CHALLENGE, "alice")
assert type(code) is str and len(code) == 32, "a code of secrets.token_urlsafe(24)"
assert codes.redeem(code, "web-app", CB, VERIFIER) == "alice"
assert redeem_error(codes, code, "web-app", CB, VERIFIER) == "invalid_grant", "a code works once"
### BEGIN HIDDEN TESTS
assert codes.issue("web-app", CB, CHALLENGE, "alice") != codes.issue("web-app", CB, CHALLENGE, "alice")
assert redeem_error(codes, "never-issued", "web-app", CB, VERIFIER) == "invalid_grant"
### END HIDDEN TESTS

# %% course={"kind": "test", "points": 2}
codes = CodeStore(FakeClock(0))
for wrong_args in [("other-app", CB, VERIFIER), ("web-app", CB + "/evil", VERIFIER), ("web-app", CB, "x" * 43)]:
    code = codes.issue("web-app", CB, CHALLENGE, "alice")
    assert redeem_error(codes, code, *wrong_args) == "invalid_grant", f"must refuse {wrong_args}"
    assert redeem_error(codes, code, "web-app", CB, VERIFIER) == "invalid_grant", "a failed try consumes the code"
### BEGIN HIDDEN TESTS
code = codes.issue("web-app", CB, CHALLENGE, "bob")
assert redeem_error(codes, code, "web-app", CB, CHALLENGE) == "invalid_grant", "the challenge is not the verifier"
code = codes.issue("web-app", CB, CHALLENGE, "bob")
assert redeem_error(codes, code, "web-app", CB + "/", VERIFIER) == "invalid_grant", "exact redirect_uri match"
code = codes.issue("web-app", CB, CHALLENGE, "bob")
assert codes.redeem(code, "web-app", CB, VERIFIER) == "bob"
### END HIDDEN TESTS

# %% course={"kind": "test", "points": 1}
clock = FakeClock(100)
codes = CodeStore(clock)
code = codes.issue("web-app", CB, CHALLENGE, "alice")
clock.advance(59)
assert codes.redeem(code, "web-app", CB, VERIFIER) == "alice", "59 s later the code is still good"
### BEGIN HIDDEN TESTS
code = codes.issue("web-app", CB, CHALLENGE, "alice")
clock.advance(60)
assert redeem_error(codes, code, "web-app", CB, VERIFIER) == "invalid_grant", "expired exactly at issued + ttl"
short = CodeStore(clock, ttl=10)
code = short.issue("web-app", CB, CHALLENGE, "alice")
clock.advance(9)
assert short.redeem(code, "web-app", CB, VERIFIER) == "alice"
code = short.issue("web-app", CB, CHALLENGE, "alice")
clock.advance(10)
assert redeem_error(short, code, "web-app", CB, VERIFIER) == "invalid_grant"
### END HIDDEN TESTS

# %% course={"kind": "test", "points": 1}
compared = []
real_compare_digest = hmac.compare_digest


def counting_compare_digest(a: Any, b: Any) -> bool:
    compared.append((a, b))
    return real_compare_digest(a, b)


codes = CodeStore(FakeClock(0))
code = codes.issue("web-app", CB, CHALLENGE, "alice")
hmac.compare_digest = secrets.compare_digest = counting_compare_digest
try:
    redeemed = codes.redeem(code, "web-app", CB, VERIFIER)
finally:
    hmac.compare_digest = secrets.compare_digest = real_compare_digest
assert redeemed == "alice" and compared, "the challenge is compared with hmac.compare_digest (constant time), not =="

# %% course={"kind": "wrong", "id": "code-reusable-after-failure", "fails": ["t2", "t4"]}
class CodeStore:
    def __init__(self, clock, ttl=60):
        self.clock, self.ttl, self._grants = clock, ttl, {}

    def issue(self, client_id, redirect_uri, challenge, user):
        code = secrets.token_urlsafe(24)
        self._grants[code] = (client_id, redirect_uri, challenge, user, self.clock() + self.ttl)
        return code

    def redeem(self, code, client_id, redirect_uri, verifier):
        grant = self._grants.get(code)
        if grant is None or self.clock() >= grant[4] or grant[:2] != (client_id, redirect_uri):
            raise OAuthError("invalid_grant")
        if b64url(hashlib.sha256(verifier.encode()).digest()) != grant[2]:
            raise OAuthError("invalid_grant")
        del self._grants[code]  # only a success consumes the code
        return grant[3]

# %% course={"kind": "wrong", "id": "verifier-not-checked", "fails": ["t2", "t4"]}
class CodeStore:
    def __init__(self, clock, ttl=60):
        self.clock, self.ttl, self._grants = clock, ttl, {}

    def issue(self, client_id, redirect_uri, challenge, user):
        code = secrets.token_urlsafe(24)
        self._grants[code] = (client_id, redirect_uri, challenge, user, self.clock() + self.ttl)
        return code

    def redeem(self, code, client_id, redirect_uri, verifier):
        grant = self._grants.pop(code, None)
        if grant is None or self.clock() >= grant[4] or grant[:2] != (client_id, redirect_uri):
            raise OAuthError("invalid_grant")
        return grant[3]

# %% course={"kind": "wrong", "id": "expiry-off-by-one", "fails": ["t3", "t4"]}
class CodeStore:
    def __init__(self, clock, ttl=60):
        self.clock, self.ttl, self._grants = clock, ttl, {}

    def issue(self, client_id, redirect_uri, challenge, user):
        code = secrets.token_urlsafe(24)
        self._grants[code] = (client_id, redirect_uri, challenge, user, self.clock() + self.ttl)
        return code

    def redeem(self, code, client_id, redirect_uri, verifier):
        grant = self._grants.pop(code, None)
        if grant is None or self.clock() > grant[4] or grant[:2] != (client_id, redirect_uri):
            raise OAuthError("invalid_grant")
        if b64url(hashlib.sha256(verifier.encode()).digest()) != grant[2]:
            raise OAuthError("invalid_grant")
        return grant[3]

# %% [markdown] course={"kind": "exercise", "id": "api-key-auth", "item": "x-set-up-api-key-authentication"}
# ### API-key authentication as a FastAPI dependency
#
# Write `require_api_key(table) -> dependency`. `table` maps the SHA-256 hex digest of each valid key to
# the client's name; it is the live table: a key deleted from it later stops working at once. The dependency
# reads the key from the `X-API-Key` header **or** from `Authorization: Bearer <key>` (the scheme in any case)
# and returns the client's name. A missing or unknown key raises `HTTPException` with status **401** and the
# header `WWW-Authenticate: ApiKey`.
#
# ```python
# >>> table = {hashlib.sha256(b"ck_test_1").hexdigest(): "ci-runner"}
# >>> app = FastAPI()
# >>> @app.get("/whoami")
# ... def whoami(client: str = Depends(require_api_key(table))) -> dict[str, str]:
# ...     return {"client": client}
# >>> TestClient(app).get("/whoami", headers={"X-API-Key": "ck_test_1"}).json()
# {'client': 'ci-runner'}
# ```

# %% [markdown] course={"kind": "hint"}
# The dependency is a function defined inside `require_api_key` with parameters
# `x_api_key: str | None = Header(default=None)` and `authorization: str | None = Header(default=None)`.

# %% [markdown] course={"kind": "hint"}
# `scheme, _, value = authorization.partition(" ")`, then `scheme.lower() == "bearer"`. Look the key up as
# `table.get(hashlib.sha256(key.encode("utf-8")).hexdigest())` at each request, never from a copy.

# %% course={"kind": "solution"}
def require_api_key(table: dict[str, str]) -> Callable[..., str]:
    ### BEGIN SOLUTION
    def dependency(x_api_key: str | None = Header(default=None),
                   authorization: str | None = Header(default=None)) -> str:
        key = x_api_key
        if key is None and authorization is not None:
            scheme, _, value = authorization.partition(" ")
            if scheme.lower() == "bearer":
                key = value
        client = None if key is None else table.get(hashlib.sha256(key.encode("utf-8")).hexdigest())
        if client is None:
            raise HTTPException(401, "invalid or missing API key", headers={"WWW-Authenticate": "ApiKey"})
        return client
    return dependency
    ### END SOLUTION


# %% course={"kind": "test", "points": 2}
def whoami_app(table: dict[str, str]) -> TestClient:
    app = FastAPI()

    @app.get("/whoami")
    def whoami(client: str = Depends(require_api_key(table))) -> dict[str, str]:
        return {"client": client}

    return TestClient(app)


KEYS = {hashlib.sha256(b"ck_test_1").hexdigest(): "ci-runner", hashlib.sha256(b"ck_live_9").hexdigest(): "bot"}
api = whoami_app(KEYS)
reply = api.get("/whoami", headers={"X-API-Key": "ck_test_1"})
assert reply.status_code == 200 and reply.json() == {"client": "ci-runner"}, reply.text
reply = api.get("/whoami", headers={"X-API-Key": "ck_test_2"})
assert reply.status_code == 401 and reply.headers.get("www-authenticate") == "ApiKey", "unknown key: 401 + ApiKey"
### BEGIN HIDDEN TESTS
reply = api.get("/whoami")
assert reply.status_code == 401 and reply.headers.get("www-authenticate") == "ApiKey", "missing key: 401"
assert api.get("/whoami", headers={"X-API-Key": "ck_live_9"}).json() == {"client": "bot"}, "every key of the table"
assert api.get("/whoami", headers={"X-API-Key": ""}).status_code == 401
assert api.get("/whoami", headers={"X-API-Key": KEYS and next(iter(KEYS))}).status_code == 401, "the hash is not the key"
### END HIDDEN TESTS

# %% course={"kind": "test", "points": 1}
assert api.get("/whoami", headers={"Authorization": "Bearer ck_test_1"}).json() == {"client": "ci-runner"}
assert api.get("/whoami", headers={"Authorization": "bearer ck_test_1"}).status_code == 200, "scheme in any case"
### BEGIN HIDDEN TESTS
assert api.get("/whoami", headers={"Authorization": "Basic ck_test_1"}).status_code == 401, "only the Bearer scheme"
assert api.get("/whoami", headers={"Authorization": "Bearer"}).status_code == 401
assert api.get("/whoami", headers={"Authorization": "ck_test_1"}).status_code == 401
### END HIDDEN TESTS

# %% course={"kind": "test", "points": 1}
live = dict(KEYS)
api_live = whoami_app(live)
assert api_live.get("/whoami", headers={"X-API-Key": "ck_test_1"}).status_code == 200
del live[hashlib.sha256(b"ck_test_1").hexdigest()]  # the key is revoked
assert api_live.get("/whoami", headers={"X-API-Key": "ck_test_1"}).status_code == 401, "a revoked key stops at once"
### BEGIN HIDDEN TESTS
live[hashlib.sha256(b"ck_new").hexdigest()] = "new-client"
assert api_live.get("/whoami", headers={"X-API-Key": "ck_new"}).json() == {"client": "new-client"}, "a new key works at once"
### END HIDDEN TESTS

# %% course={"kind": "wrong", "id": "forbidden-not-unauthorized", "fails": ["t1", "t2", "t3"]}
def require_api_key(table):
    def dependency(x_api_key: str | None = Header(default=None), authorization: str | None = Header(default=None)) -> str:
        key = x_api_key
        if key is None and authorization and authorization.lower().startswith("bearer "):
            key = authorization[7:]
        client = table.get(hashlib.sha256((key or "").encode()).hexdigest())
        if client is None:
            raise HTTPException(403, "forbidden")  # 403 means "known, but not allowed"
        return client
    return dependency

# %% course={"kind": "wrong", "id": "table-copied", "fails": ["t3"]}
def require_api_key(table):
    frozen = dict(table)  # a snapshot: revocations are never seen

    def dependency(x_api_key: str | None = Header(default=None), authorization: str | None = Header(default=None)) -> str:
        key = x_api_key
        if key is None and authorization and authorization.lower().startswith("bearer "):
            key = authorization[7:]
        client = frozen.get(hashlib.sha256((key or "").encode()).hexdigest())
        if client is None:
            raise HTTPException(401, "invalid API key", headers={"WWW-Authenticate": "ApiKey"})
        return client
    return dependency

# %% course={"kind": "wrong", "id": "case-sensitive-scheme", "fails": ["t2"]}
def require_api_key(table):
    def dependency(x_api_key: str | None = Header(default=None), authorization: str | None = Header(default=None)) -> str:
        key = x_api_key
        if key is None and authorization and authorization.startswith("Bearer "):
            key = authorization[7:]
        client = table.get(hashlib.sha256((key or "").encode()).hexdigest())
        if client is None:
            raise HTTPException(401, "invalid API key", headers={"WWW-Authenticate": "ApiKey"})
        return client
    return dependency

# %% [markdown] course={"kind": "exercise", "id": "rbac-roles", "item": "x-implement-rbac-system"}
# ### RBAC with role inheritance
#
# Roles are given as `{role: (permissions, parents)}`: a role has its own permissions (action patterns as in
# `action_matches` from the setup cell: `"models:read"`, `"models:*"`, `"*"`) and inherits every permission of
# its parents, and of their parents, and so on. Write `permissions_of(role, roles) -> set[str]` (a new set of every
# pattern the role has, its own and inherited, leaving `roles` unchanged; a cycle such as `a -> b -> a` must not loop forever; an unknown role,
# also as a parent, raises `KeyError`) and `can(held, action, roles) -> bool`: whether any of the roles in `held`
# has a pattern that matches `action`.
#
# ```python
# >>> tree = {"viewer": ({"models:read"}, []), "engineer": ({"models:deploy"}, ["viewer"])}
# >>> sorted(permissions_of("engineer", tree)), can({"engineer"}, "models:read", tree)
# (['models:deploy', 'models:read'], True)
# ```

# %% [markdown] course={"kind": "hint"}
# Walk the roles with a to-do list and a `seen` set (a role met twice is skipped): that handles diamonds and
# cycles alike.

# %% [markdown] course={"kind": "hint"}
# `can` is `any(action_matches(p, action) for r in held for p in permissions_of(r, roles))`. No role held: no.

# %% course={"kind": "solution"}
def permissions_of(role: str, roles: Mapping[str, tuple[set[str], list[str]]]) -> set[str]:
    ### BEGIN SOLUTION
    found: set[str] = set()
    seen: set[str] = set()
    todo = [role]
    while todo:
        current = todo.pop()
        if current in seen:
            continue
        seen.add(current)
        own, parents = roles[current]
        found |= own
        todo.extend(parents)
    return found
    ### END SOLUTION


def can(held: set[str], action: str, roles: Mapping[str, tuple[set[str], list[str]]]) -> bool:
    ### BEGIN SOLUTION
    return any(action_matches(p, action) for r in held for p in permissions_of(r, roles))
    ### END SOLUTION


# %% course={"kind": "test", "points": 2}
ORG = {
    "viewer": ({"models:read", "runs:read"}, []),
    "engineer": ({"models:deploy", "runs:*"}, ["viewer"]),
    "auditor": ({"audit:read"}, ["viewer"]),
    "lead": ({"models:delete"}, ["engineer", "auditor"]),
    "admin": ({"*"}, []),
}
got = permissions_of("lead", ORG)
assert got == {"models:delete", "models:deploy", "runs:*", "models:read", "runs:read", "audit:read"}, sorted(got)
assert type(got) is set
assert permissions_of("viewer", ORG) == {"models:read", "runs:read"}, "a role without parents: its own"
### BEGIN HIDDEN TESTS
assert permissions_of("engineer", ORG) == {"models:deploy", "runs:*", "models:read", "runs:read"}
assert ORG["lead"] == ({"models:delete"}, ["engineer", "auditor"]) and ORG["viewer"][0] == {"models:read", "runs:read"}, "roles unchanged"
deep = {f"r{i}": ({f"p:{i}"}, [f"r{i + 1}"]) for i in range(300)}
deep["r300"] = ({"p:300"}, [])
assert len(permissions_of("r0", deep)) == 301, "a chain of 300 parents (no recursion limit)"
### END HIDDEN TESTS

# %% course={"kind": "test", "points": 2}
assert can({"engineer"}, "models:read", ORG) is True, "inherited from viewer"
assert can({"engineer"}, "runs:delete", ORG) is True, "runs:* covers runs:delete"
assert can({"viewer"}, "models:deploy", ORG) is False
assert can({"admin"}, "clusters:scale", ORG) is True, "* covers everything"
### BEGIN HIDDEN TESTS
assert can(set(), "models:read", ORG) is False, "no roles: no access"
assert can({"viewer", "auditor"}, "audit:read", ORG) is True, "any held role may grant it"
assert can({"auditor"}, "models:deploy", ORG) is False
assert can({"engineer"}, "runsx:delete", ORG) is False
### END HIDDEN TESTS

# %% course={"kind": "test", "points": 1}
looped = {"a": ({"x:1"}, ["b"]), "b": ({"x:2"}, ["a"])}
assert permissions_of("a", looped) == {"x:1", "x:2"}, "a cycle ends"
try:
    permissions_of("engineer", {"engineer": (set(), ["ghost"])})
except KeyError:
    pass
else:
    raise AssertionError("an unknown parent role raises KeyError")
### BEGIN HIDDEN TESTS
try:
    permissions_of("nobody", ORG)
except KeyError:
    pass
else:
    raise AssertionError("an unknown role raises KeyError")
assert permissions_of("a", {"a": ({"x:1"}, ["a"])}) == {"x:1"}, "a role that names itself"
assert permissions_of("top", {"top": (set(), ["z", "y", "y"]), "y": ({"p:y"}, []), "z": ({"p:z"}, [])}) == {"p:y", "p:z"}, "a parent listed twice"
### END HIDDEN TESTS

# %% course={"kind": "wrong", "id": "parents-not-transitive", "fails": ["t1"]}
def permissions_of(role, roles):
    own, parents = roles[role]
    return own.union(*(roles[p][0] for p in parents))  # one level only


def can(held, action, roles):
    return any(action_matches(p, action) for r in held for p in permissions_of(r, roles))

# %% course={"kind": "wrong", "id": "recursion-without-seen", "fails": ["t3"]}
def permissions_of(role, roles):
    own, parents = roles[role]
    return set(own).union(*(permissions_of(p, roles) for p in parents))


def can(held, action, roles):
    return any(action_matches(p, action) for r in held for p in permissions_of(r, roles))

# %% course={"kind": "wrong", "id": "exact-match-only", "fails": ["t2"]}
def permissions_of(role, roles):
    found, seen, todo = set(), set(), [role]
    while todo:
        current = todo.pop()
        if current not in seen:
            seen.add(current)
            found |= roles[current][0]
            todo.extend(roles[current][1])
    return found


def can(held, action, roles):
    return any(action in permissions_of(r, roles) for r in held)

# %% [markdown] course={"kind": "exercise", "id": "policy-engine", "item": "project-19-3-2"}
# ### Project: a policy decision point with deny-overrides and an audit log
#
# Write `decide(rules, request, audit) -> Decision` with the `Rule`, `Request` and `Decision` types of the setup
# cell. A rule *applies* to a request when one of its `roles` is held (`"*"` in `roles`: any request, even with
# no role), one of its `actions` matches (`action_matches(pattern, request.action)`) and its condition holds:
# `when is None`, or `when(request.attrs)` is true. Then:
#
# - **deny-overrides**: if some applying rule has `effect == "deny"`, the answer is *denied* by the **first**
#   such rule (in list order);
# - otherwise, if some applying rule allows, *allowed* by the first such rule;
# - otherwise *denied* by default, `rule=None`.
# - **Fail closed**: a `when` that raises (a missing attribute...) counts as *applying* for a deny rule and as
#   *not applying* for an allow rule.
#
# Every decision is appended to the list `audit` before it is returned.
#
# ```python
# >>> rules = [Rule("read", "allow", frozenset({"viewer"}), frozenset({"models:read"}))]
# >>> decide(rules, Request("ann", frozenset({"viewer"}), "models:read"), [])
# Decision(user='ann', action='models:read', allowed=True, rule='read')
# ```

# %% [markdown] course={"kind": "hint"}
# Write `applies(rule)` first, with the `try`/`except Exception` around `rule.when(request.attrs)`; then scan
# the deny rules, then the allow rules.

# %% [markdown] course={"kind": "hint"}
# `next((r for r in rules if r.effect == "deny" and applies(r)), None)` finds the first applying deny rule.

# %% course={"kind": "solution", "equivalent": {"m-e7be6680": "applies() is only used as a condition in next(...), where None and False both mean no", "m-3951f284": "applies() is only used as a condition in next(...), where None and False both mean no"}}
def decide(rules: list[Rule], request: Request, audit: list[Decision]) -> Decision:
    ### BEGIN SOLUTION
    def applies(rule: Rule) -> bool:
        if "*" not in rule.roles and not rule.roles & request.roles:
            return False
        if not any(action_matches(p, request.action) for p in rule.actions):
            return False
        if rule.when is None:
            return True
        try:
            return bool(rule.when(request.attrs))
        except Exception:
            return rule.effect == "deny"

    deny = next((r for r in rules if r.effect == "deny" and applies(r)), None)
    allow = next((r for r in rules if r.effect == "allow" and applies(r)), None)
    if deny is not None:
        decision = Decision(request.user, request.action, False, deny.name)
    elif allow is not None:
        decision = Decision(request.user, request.action, True, allow.name)
    else:
        decision = Decision(request.user, request.action, False, None)
    audit.append(decision)
    return decision
    ### END SOLUTION


# %% course={"kind": "test", "points": 2}
RULES = [
    Rule("read-models", "allow", frozenset({"viewer", "engineer"}), frozenset({"models:read"})),
    Rule("deploy-own-team", "allow", frozenset({"engineer"}), frozenset({"models:deploy"}),
         when=lambda a: a["user.team"] == a["resource.team"]),
    Rule("admin-all", "allow", frozenset({"admin"}), frozenset({"*"})),
    Rule("freeze", "deny", frozenset({"*"}), frozenset({"models:deploy", "models:delete"}),
         when=lambda a: a["env.freeze"] is True),
    Rule("prod-delete", "deny", frozenset({"*"}), frozenset({"models:delete"}),
         when=lambda a: a["resource.stage"] == "production"),
]
same_team = {"user.team": "ml", "resource.team": "ml", "env.freeze": False, "resource.stage": "staging"}
log: list[Decision] = []
got = decide(RULES, Request("ann", frozenset({"viewer"}), "models:read", same_team), log)
assert got == Decision("ann", "models:read", True, "read-models") and type(got) is Decision, got
assert decide(RULES, Request("ann", frozenset({"viewer"}), "models:deploy", same_team), log) == \
    Decision("ann", "models:deploy", False, None), "nothing applies: denied by default"
assert decide(RULES, Request("eve", frozenset({"engineer"}), "models:deploy", same_team), log).allowed is True
assert decide(RULES, Request("eve", frozenset({"engineer"}), "models:deploy",
                             {**same_team, "user.team": "search"}), log).allowed is False, "ABAC: other team"
### BEGIN HIDDEN TESTS
assert decide(RULES, Request("root", frozenset({"admin"}), "clusters:scale", same_team), log).rule == "admin-all"
assert decide(RULES, Request("x", frozenset(), "models:read", same_team), log) == Decision("x", "models:read", False, None)
wildcard = [Rule("runs", "allow", frozenset({"engineer"}), frozenset({"runs:*"}))]
assert decide(wildcard, Request("e", frozenset({"engineer"}), "runs:cancel"), []).allowed is True
assert decide(wildcard, Request("e", frozenset({"engineer"}), "models:read"), []).allowed is False
anyone = [Rule("public", "allow", frozenset({"*"}), frozenset({"docs:read"}))]
assert decide(anyone, Request("anon", frozenset(), "docs:read"), []).allowed is True, "'*' role: even no role"
truthy = [Rule("t", "allow", frozenset({"*"}), frozenset({"*"}), when=lambda a: a.get("n"))]
assert decide(truthy, Request("u", frozenset(), "a:b", {"n": 0}), []).allowed is False
got_t = decide(truthy, Request("u", frozenset(), "a:b", {"n": 5}), [])
assert got_t.allowed is True and type(got_t.allowed) is bool
### END HIDDEN TESTS

# %% course={"kind": "test", "points": 2}
frozen = {**same_team, "env.freeze": True}
got = decide(RULES, Request("root", frozenset({"admin"}), "models:deploy", frozen), [])
assert got == Decision("root", "models:deploy", False, "freeze"), f"a deny overrides admin's allow: {got}"
got = decide(RULES, Request("root", frozenset({"admin"}), "models:delete", {**frozen, "resource.stage": "production"}), [])
assert got.rule == "freeze", "the first applying deny rule, in list order"
### BEGIN HIDDEN TESTS
got = decide(RULES, Request("root", frozenset({"admin"}), "models:delete", {**same_team, "resource.stage": "production"}), [])
assert got == Decision("root", "models:delete", False, "prod-delete")
allows_first = [Rule("a1", "allow", frozenset({"*"}), frozenset({"*"})), Rule("a2", "allow", frozenset({"*"}), frozenset({"*"})),
                Rule("d1", "deny", frozenset({"r"}), frozenset({"x:y"})), Rule("d2", "deny", frozenset({"*"}), frozenset({"x:*"}))]
assert decide(allows_first, Request("u", frozenset({"r"}), "x:y"), []).rule == "d1"
assert decide(allows_first, Request("u", frozenset({"q"}), "x:y"), []).rule == "d2"
assert decide(allows_first, Request("u", frozenset({"q"}), "z:y"), []) == Decision("u", "z:y", True, "a1")
### END HIDDEN TESTS

# %% course={"kind": "test", "points": 2}
log = []
missing = {"user.team": "ml"}  # no resource.team, no env.freeze: the conditions raise KeyError
got = decide(RULES, Request("eve", frozenset({"engineer"}), "models:deploy", missing), log)
assert got == Decision("eve", "models:deploy", False, "freeze"), f"fail closed: an unknown freeze state denies: {got}"
got_read = decide(RULES, Request("eve", frozenset({"engineer"}), "models:read", missing), log)
assert log == [got, got_read], "every decision goes to the audit log, in order"
### BEGIN HIDDEN TESTS
only_allow = [Rule("cond", "allow", frozenset({"*"}), frozenset({"*"}), when=lambda a: a["team"] == "ml")]
assert decide(only_allow, Request("u", frozenset(), "a:b", {}), log) == Decision("u", "a:b", False, None), "a raising allow does not apply"
assert len(log) == 3 and log[-1].allowed is False
### END HIDDEN TESTS

# %% course={"kind": "wrong", "id": "first-match-wins", "fails": ["t2"]}
def decide(rules, request, audit):
    for rule in rules:  # the first applying rule decides, allow or deny: an early allow beats a deny
        held = "*" in rule.roles or bool(rule.roles & request.roles)
        if held and any(action_matches(p, request.action) for p in rule.actions):
            try:
                ok = rule.when is None or bool(rule.when(request.attrs))
            except Exception:
                ok = rule.effect == "deny"
            if ok:
                decision = Decision(request.user, request.action, rule.effect == "allow", rule.name)
                audit.append(decision)
                return decision
    decision = Decision(request.user, request.action, False, None)
    audit.append(decision)
    return decision

# %% course={"kind": "wrong", "id": "error-skips-rule", "fails": ["t3"]}
def decide(rules, request, audit):
    def applies(rule):
        if "*" not in rule.roles and not rule.roles & request.roles:
            return False
        if not any(action_matches(p, request.action) for p in rule.actions):
            return False
        try:
            return rule.when is None or bool(rule.when(request.attrs))
        except Exception:
            return False  # fails open for deny rules

    deny = next((r for r in rules if r.effect == "deny" and applies(r)), None)
    allow = next((r for r in rules if r.effect == "allow" and applies(r)), None)
    decision = (Decision(request.user, request.action, False, deny.name) if deny
                else Decision(request.user, request.action, allow is not None, allow.name if allow else None))
    audit.append(decision)
    return decision

# %% course={"kind": "wrong", "id": "audit-only-denials", "fails": ["t3"]}
def decide(rules, request, audit):
    def applies(rule):
        if "*" not in rule.roles and not rule.roles & request.roles:
            return False
        if not any(action_matches(p, request.action) for p in rule.actions):
            return False
        try:
            return rule.when is None or bool(rule.when(request.attrs))
        except Exception:
            return rule.effect == "deny"

    deny = next((r for r in rules if r.effect == "deny" and applies(r)), None)
    allow = next((r for r in rules if r.effect == "allow" and applies(r)), None)
    if deny:
        decision = Decision(request.user, request.action, False, deny.name)
    else:
        decision = Decision(request.user, request.action, allow is not None, allow.name if allow else None)
    if not decision.allowed:
        audit.append(decision)
    return decision

# %% [markdown] course={"kind": "task", "id": "auth-service-project", "points": 3, "item": "project-19-3-1"}
# ### Project 19.3.1: an auth service
#
# Put the pieces of this section together in one FastAPI app, tested through `TestClient` (no socket):
#
# - `POST /register` (user name, password): refuse passwords under 15 characters or on a small breached list;
#   store an Argon2id hash, never the password;
# - `POST /login`: check the hash (`PasswordHasher.verify`), re-hash when `check_needs_rehash` says so, lock an
#   account for a while after 5 failures in 15 minutes (a `FakeClock` in the tests), answer the same 401 for an
#   unknown user and a wrong password; return a 5-minute RS256 access token (your `issue_access_token`) and a
#   refresh token (your `RefreshTokens`);
# - `POST /refresh`: rotate; a reused refresh token answers 401 and logs the family out;
# - `POST /password-reset` and `POST /password-reset/confirm`: a single-use, 15-minute reset token (store only
#   its SHA-256), the same answer whether the account exists or not; a successful reset calls
#   `RefreshTokens.revoke(user)`;
# - `GET /me`: the claims of a valid access token (`verify_access_token`), 401 otherwise;
# - OAuth integration: a `GET /login/{provider}` that redirects to a provider's `/authorize` with `state`,
#   `nonce` and a PKCE challenge, and a `/callback` that checks `state`, redeems the code and checks the ID
#   token. Test it against the teaching server of the OAuth lesson, not a real provider.
#
# Write at least eight tests: one per endpoint, plus reuse of a refresh token, lockout, and a reset token used twice.

# %% [markdown] course={"kind": "rubric"}
# - Passwords only as Argon2id (or bcrypt) hashes; reset tokens only as hashes; nothing secret in logs (1 point).
# - Token validation pins `algorithms`, `aud`, `iss`, requires `exp`; refresh rotation with reuse detection;
#   reset revokes sessions (1 point).
# - Tests cover the failure paths (wrong password, lockout, expired and reused tokens, bad `state`), with a fake
#   clock and no network (1 point).

# %% [markdown] course={"kind": "task", "id": "authz-engine-project", "points": 2, "item": "project-19-3-2"}
# ### Project 19.3.2: the authorization engine, in service
#
# Grow `decide` (the exercise above) into a small service: load roles (with inheritance, your `permissions_of`)
# and rules from a YAML or JSON file; let the engine accept requests whose roles come from a token's claims;
# enforce it in a FastAPI app through one dependency `authorize(action)` that builds the `Request` from the
# token, the path parameters (resource attributes) and the time (environment), and answers 403 on a denial;
# write every decision to a structured audit log (JSON lines: who, what, which rule, when). Add an endpoint
# that answers "who may do X?" from the roles file, the question auditors ask.

# %% [markdown] course={"kind": "rubric"}
# - Roles and rules are data, not code; deny-overrides and default deny kept; conditions fail closed (1 point).
# - One enforcement dependency used by every route; every decision audited with the deciding rule (1 point).

# %% [markdown] course={"kind": "answer", "question": "q-what-is-the-difference-between"}
# Authentication proves *who* is calling (a password and a second factor, a token, a client certificate);
# authorization decides *what* that identity may do with this resource (roles, scopes, attributes, policies).
# Authentication comes first and usually once per session or token; authorization happens on every request.
# In HTTP, failing the first is 401 (with `WWW-Authenticate`), failing the second is 403. A system that only
# authenticates lets every logged-in user do everything (the classic "change the id in the URL" bug).

# %% [markdown] course={"kind": "answer", "question": "q-how-does-jwt-work"}
# A JWT is `base64url(header).base64url(claims).base64url(signature)`. The issuer signs header and claims with
# HS256 (a shared secret) or, better when several services verify, RS256/ES256 (a private key; verifiers use the
# public key, often found by the header's `kid` in the issuer's JWKS). The verifier checks the signature with an
# algorithm *it* chooses (`algorithms=["RS256"]`, never the header's `alg`, which defeats `alg: none` and
# algorithm confusion), then the claims: `exp`/`nbf` with a small leeway, `aud` is this API, `iss` is the
# expected issuer. It is signed, not encrypted: anyone can read the claims. Being stateless, it cannot be
# revoked on its own: keep access tokens short (minutes), use rotating refresh tokens, and a `jti` denylist
# when you must cut one off early.

# %% [markdown] course={"kind": "answer", "question": "q-explain-oauth-2-0-authorization-code"}
# The client creates a random `code_verifier`, its SHA-256 `code_challenge`, a random `state` (and for OIDC a
# `nonce`) and sends the browser to the authorization server's `/authorize` with `client_id`, `redirect_uri`,
# `scope`, `state` and the challenge. The user logs in there (the client never sees the password) and
# consents; the server redirects to the registered `redirect_uri` with a short-lived, single-use `code` and the
# same `state`, which the client checks (CSRF). The client's back end `POST`s the code, `redirect_uri`,
# `client_id` (and secret, if it has one) and the `code_verifier` to `/token`; the server checks that all of them
# match what it issued the code for and returns an access token (and a refresh token; with OIDC an ID token,
# which the client validates: signature, `iss`, `aud`, `exp`, `nonce`). PKCE makes a stolen code useless;
# RFC 9700 recommends it for every client.

# %% [markdown] course={"kind": "answer", "question": "q-how-do-you-implement-rbac"}
# Model users, roles and permissions separately: permissions are actions on resource types (`models:deploy`,
# with wildcards like `models:*`), roles bundle permissions and may inherit other roles (walk the hierarchy with
# a seen-set: cycles happen), users (or groups, or a token's `roles` claim) get roles. Enforce it in one place: a
# middleware or FastAPI dependency (the PEP) that asks a decision function or engine (the PDP: your code, Casbin,
# OPA, Cedar) and answers 403; default deny. Keep roles as data so they can be reviewed, log every decision,
# follow least privilege, and add ABAC conditions (own team, environment, time) with deny-overrides where pure
# roles get too coarse. Test the matrix of roles against actions.
