# ---
# jupyter:
#   jupytext:
#     text_representation:
#       extension: .py
#       format_name: percent
# ---

# %% [markdown] course={"kind": "intro"}
# **By the end of this section** you can design an API and a platform and *check* the design with code: cursor
# pagination that survives inserts, a detector for breaking changes in JSON and protobuf schemas, a gateway router,
# a batching loader that removes GraphQL's N+1 queries, tenant-scoped data access, fair sharing between tenants,
# service boundaries found from a dependency graph, and data-flow diagrams generated from a description.
#
# **What is real here and what is not.** SQLite and the `protobuf` runtime are real (the protobuf demo encodes real
# messages). There is **no GraphQL server and no gRPC here**: no graphql library or grpcio is installed, so both are
# explained and their core ideas (batching resolvers, field numbers on the wire) are built in plain Python. The
# gateway, the scheduler and the service graph are small models in this kernel, not a real gateway or mesh.
# Section 12.x built REST services with FastAPI, 20.2 the outbox and events, 20.3 rate limiting and consistent
# hashing: this section builds on them rather than repeating.

# %% course={"kind": "setup", "id": "design"}
# What the demos and tests share: standard library only, plus the protobuf runtime in one demo.
import base64
import json
import random
import re
import sqlite3
from collections import defaultdict, deque
from collections.abc import Callable, Hashable, Iterable, Mapping
from concurrent.futures import Future
from typing import Any

Item = dict[str, Any]  # one row of a listing: {"id": int, "created": int, ...}
Fields = dict[str, dict[str, Any]]  # a JSON-schema-like message: name -> {"type": ..., "required": ..., "enum": [...]}


def new_notes_db() -> sqlite3.Connection:
    """An in-memory SQLite database with one shared table for every tenant (the *pool* model)."""
    conn = sqlite3.connect(":memory:")
    conn.execute("CREATE TABLE notes (id INTEGER PRIMARY KEY, tenant_id TEXT NOT NULL, body TEXT NOT NULL)")
    return conn


# %% [markdown] course={"kind": "lesson", "id": "api-patterns", "covers": ["c-api-design-patterns", "c-restful-design", "c-graphql-basics", "c-grpc-basics", "c-api-gateway-patterns"]}
# ### API design patterns: REST, GraphQL, gRPC and the gateway in front
#
# **REST** models the domain as *resources* named by nouns (`/orders/42/items`), acted on by the HTTP methods.
# `GET`, `PUT` and `DELETE` are **idempotent** (doing them twice leaves the same state as once), `POST` is not,
# which is why 20.2's idempotency keys exist. Status codes tell the client what to do next: `201` + `Location` for a
# creation, `404` for no such resource, `405` for a resource that exists without that method, `409` for a conflict,
# `422` for a body that parses but is invalid, `429` for "slow down". **Pagination** of a long listing comes in two
# kinds: *offset* (`?offset=40&limit=20`) is simple but a row inserted before the page shifts everything, so a
# client sees a row twice or never; a *cursor* (`?after=<opaque token>`) remembers the last key the client saw, so
# inserts elsewhere change nothing. Make the cursor **opaque** (encoded) so clients cannot build or depend on it.
#
# **GraphQL** exposes one endpoint and a typed *schema*; the client asks for exactly the fields it wants, and the
# server runs one *resolver* per field. The classic trap is **N+1**: a list of 50 posts whose `author` resolver
# fetches one user each makes 51 backend calls. A **DataLoader** collects the keys asked during one round and
# fetches them in one batch, with a per-request cache.
#
# **gRPC** sends **protobuf** messages over HTTP/2, with the service described in a `.proto` file. On the wire a
# field is identified by its **number**, never by its name: renaming a field is safe, changing its number or
# its type is not, and a deleted field's number (and name) should be `reserved` so nobody reuses it with a new
# meaning. Below, a real protobuf message: tag byte `0x08` is field 1 with wire type 0 (varint) `(1 << 3) | 0`.
#
# An **API gateway** is the one door in front of many services: it routes by path and method, checks
# authentication once, applies rate limits (20.3), aggregates several backend calls into one answer, and may come
# in one flavour per client (**BFF**, backend for frontend: one gateway for the mobile app, one for the web).
#
# ```
#   mobile ──► BFF-mobile ─┐              ┌─► users-svc
#   web ─────► BFF-web ────┼─► gateway ───┼─► orders-svc     (auth, rate limit, routing, aggregation)
#   partners ──────────────┘              └─► billing-svc
# ```

# %% course={"kind": "demo"}
from google.protobuf import wrappers_pb2

wire = wrappers_pb2.Int32Value(value=150).SerializeToString()
print("Int32Value(150) on the wire:", wire.hex(" "), "-> field", wire[0] >> 3, "wire type", wire[0] & 7)
print("StringValue('hi'):", wrappers_pb2.StringValue(value="hi").SerializeToString().hex(" "), "(wire type 2: length + bytes)")
# An int64 written by a newer sender is read by an older int32 reader: both are varints on field 1.
print("int64 7 read as int32:", wrappers_pb2.Int32Value.FromString(wrappers_pb2.Int64Value(value=7).SerializeToString()).value)

# %% [markdown] course={"kind": "text"}
# Offset pagination under an insert: the client reads page 1, someone adds a newer row, page 2 repeats a row.

# %% course={"kind": "demo"}
feed = [f"post-{n}" for n in range(6, 0, -1)]  # newest first
first_page = feed[0:3]
feed.insert(0, "post-7")  # a new post arrives between the two requests
second_page = feed[3:6]
print(first_page, second_page, "repeated:", sorted(set(first_page) & set(second_page)))


# %% [markdown] course={"kind": "exercise", "id": "cursor-pages", "item": "x-design-an-api-for-a-complex-domain"}
# ### A cursor paginator that survives inserts
#
# Write `list_page(items, limit, cursor=None) -> tuple[list[Item], str | None]`. `items` is the whole table (in any
# order), each a dict with an `int` `"id"` (unique) and an `int` `"created"`. The listing is ordered by
# `(created, id)`. Return the next `limit` items after the cursor (from the start when `cursor` is `None`) and the
# cursor for the page after, or `None` when nothing follows this page. The cursor is an **opaque** `str`: the
# URL-safe base64 of some JSON of your choice, so that rows inserted *anywhere* between two requests never make
# the client see a row twice or skip one that existed when it started.
#
# ```python
# rows = [{"id": 1, "created": 10}, {"id": 2, "created": 20}, {"id": 3, "created": 30}]
# page, after = list_page(rows, 2)         # ids [1, 2], after is a str
# list_page(rows, 2, after)                # ([{"id": 3, "created": 30}], None)
# ```

# %% [markdown] course={"kind": "hint"}
# Put the *key* of the last row of the page in the cursor, not a position: `[created, id]`. The next page is every
# row whose key is greater, in order.

# %% [markdown] course={"kind": "hint"}
# `base64.urlsafe_b64encode(json.dumps(key).encode()).decode()` and back with `urlsafe_b64decode`. Tuples compare
# element by element, so `(r["created"], r["id"]) > tuple(last)` handles two rows created at the same time.

# %% course={"kind": "solution"}
def list_page(items: list[Item], limit: int, cursor: str | None = None) -> tuple[list[Item], str | None]:
    ### BEGIN SOLUTION
    ordered = sorted(items, key=lambda r: (r["created"], r["id"]))
    if cursor is not None:
        last = tuple(json.loads(base64.urlsafe_b64decode(cursor)))
        ordered = [r for r in ordered if (r["created"], r["id"]) > last]
    page = ordered[:limit]
    if len(ordered) <= limit:
        return page, None
    key = [page[-1]["created"], page[-1]["id"]]
    return page, base64.urlsafe_b64encode(json.dumps(key).encode()).decode()
    ### END SOLUTION


# %% course={"kind": "test", "points": 2}
rows = [{"id": 1, "created": 10}, {"id": 2, "created": 20}, {"id": 3, "created": 30}]
page, after = list_page(rows, 2)
assert [r["id"] for r in page] == [1, 2] and type(after) is str, "first page: ids 1 and 2, and a str cursor"
assert re.fullmatch(r"[A-Za-z0-9_=-]+", after), "the cursor is URL-safe base64"
assert list_page(rows, 2, after) == ([{"id": 3, "created": 30}], None), "last page: no cursor after it"
assert list_page(list(reversed(rows)), 5) == (rows, None), "ordered by created whatever the input order"
### BEGIN HIDDEN TESTS
assert list_page(rows, 3) == (rows, None), "exactly `limit` rows left: no next page"
assert list_page([], 2) == ([], None), "empty table"
### END HIDDEN TESTS

# %% course={"kind": "test", "points": 3}
table = [{"id": n, "created": 100 + n} for n in range(1, 7)]
seen, after = [], None
page, after = list_page(table, 2, after)
seen += [r["id"] for r in page]
table.insert(0, {"id": 50, "created": 101})  # inserted *before* the cursor (an old timestamp, a late writer)
table.append({"id": 51, "created": 105})  # inserted after it
while after is not None:
    page, after = list_page(table, 2, after)
    seen += [r["id"] for r in page]
assert seen == [1, 2, 3, 4, 5, 51, 6], f"no row twice, none skipped, in order; got {seen}"
### BEGIN HIDDEN TESTS
same_time = [{"id": n, "created": 7} for n in (4, 2, 9, 1)]
out, after = [], None
for _ in range(4):
    page, after = list_page(same_time, 1, after)
    out += [r["id"] for r in page]
    if after is None:
        break
assert out == [1, 2, 4, 9], f"rows created at the same time are ordered by id and none is lost; got {out}"
### END HIDDEN TESTS

# %% course={"kind": "wrong", "id": "offset-cursor"}
def list_page(items, limit, cursor=None):
    ordered = sorted(items, key=lambda r: (r["created"], r["id"]))
    start = 0 if cursor is None else json.loads(base64.urlsafe_b64decode(cursor))
    page = ordered[start : start + limit]
    if start + limit >= len(ordered):
        return page, None
    return page, base64.urlsafe_b64encode(json.dumps(start + limit).encode()).decode()

# %% course={"kind": "wrong", "id": "created-only"}
def list_page(items, limit, cursor=None):
    ordered = sorted(items, key=lambda r: (r["created"], r["id"]))
    if cursor is not None:
        last = json.loads(base64.urlsafe_b64decode(cursor))
        ordered = [r for r in ordered if r["created"] > last]
    page = ordered[:limit]
    if len(ordered) <= limit:
        return page, None
    return page, base64.urlsafe_b64encode(json.dumps(page[-1]["created"]).encode()).decode()
