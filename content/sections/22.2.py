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
# gateway, the scheduler and the service graph are small models in this kernel, not a real gateway or mesh, and
# the "broker" of the outbox demo is a Python list.
# Phase 12 built REST services with FastAPI, 20.2 the outbox and events, 20.3 rate limiting and consistent
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


users_table = {1: "ada", 2: "lin", 3: "sam"}  # a users service's data, for the N+1 demo and the loader
posts = [{"title": f"post {n}", "author": 1 + n % 3} for n in range(9)]  # nine posts by three authors


# %% [markdown] course={"kind": "lesson", "id": "api-patterns", "covers": ["c-api-design-patterns", "c-restful-design", "c-graphql-basics", "c-grpc-basics", "c-api-gateway-patterns"]}
# ### API design patterns: REST, GraphQL, gRPC and the gateway in front
#
# **REST** models the domain as *resources* named by nouns (`/orders/42/items`), acted on by the HTTP methods.
# `GET`, `PUT` and `DELETE` are **idempotent** (doing them twice leaves the same state as once), `POST` is not
# (and `PATCH` need not be), which is why 20.2's idempotency keys exist. Status codes tell the client what to do
# next: `201` + `Location` for a creation, `404` for no such resource, `405` (with an `Allow` header) for a
# resource that exists without that method, `409` for a conflict, `422` for a body that parses but is invalid,
# `429` for "slow down". **Pagination** of a long listing comes in two
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
# field is identified by its **number**, never by its name: renaming a field is safe for the binary format
# (protobuf's JSON mapping does use the names), changing its number or its type is not, and a deleted field's number (and name) should be `reserved` so nobody reuses it with a new
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
# ... but a value too big for 32 bits is cut to its low 32 bits without any error (protobuf 7.36 here):
big = 2**32 + 7
print(f"int64 {big} read as int32:", wrappers_pb2.Int32Value.FromString(wrappers_pb2.Int64Value(value=big).SerializeToString()).value)

# %% [markdown] course={"kind": "text"}
# Offset pagination under an insert: the client reads page 1, someone adds a newer row, page 2 repeats a row.

# %% course={"kind": "demo"}
feed = [f"post-{n}" for n in range(6, 0, -1)]  # newest first
first_page = feed[0:3]
feed.insert(0, "post-7")  # a new post arrives between the two requests
second_page = feed[3:6]
print(first_page, second_page, "repeated:", sorted(set(first_page) & set(second_page)))


# %% [markdown] course={"kind": "text"}
# The N+1 problem, counted: a resolver per post that fetches its author makes one backend call per post.

# %% course={"kind": "demo"}
backend_calls = []


def fetch_users(ids: list[int]) -> dict[int, str]:
    backend_calls.append(list(ids))
    return {i: users_table[i] for i in ids if i in users_table}


naive = [fetch_users([p["author"]])[p["author"]] for p in posts]  # one call per post: N+1 with the posts query
print(len(backend_calls), "backend calls for", len(posts), "posts:", backend_calls)


# %% [markdown] course={"kind": "exercise", "id": "cursor-pages", "item": "x-design-an-api-for-a-complex-domain"}
# ### A cursor paginator that survives inserts
#
# Write `list_page(items, limit, cursor=None) -> tuple[list[Item], str | None]`. `items` is the whole table (in any
# order), each a dict with an `int` `"id"` (unique) and an `int` `"created"`. The listing is ordered by
# `(created, id)`; leave the caller's list as it is (no sorting in place). Return the next `limit` items after the cursor (from the start when `cursor` is `None`) and the
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
assert json.loads(base64.urlsafe_b64decode(after)) is not None, "the cursor decodes to JSON"
shuffled = [rows[2], rows[0], rows[1]]
list_page(shuffled, 1)
assert shuffled == [rows[2], rows[0], rows[1]], "the caller's list is not reordered"
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

# %% course={"kind": "wrong", "id": "sorts-in-place", "fails": ["t1"]}
def list_page(items, limit, cursor=None):
    items.sort(key=lambda r: (r["created"], r["id"]))  # reorders the caller's table
    ordered = items
    if cursor is not None:
        last = tuple(json.loads(base64.urlsafe_b64decode(cursor)))
        ordered = [r for r in ordered if (r["created"], r["id"]) > last]
    page = ordered[:limit]
    if len(ordered) <= limit:
        return page, None
    key = [page[-1]["created"], page[-1]["id"]]
    return page, base64.urlsafe_b64encode(json.dumps(key).encode()).decode()

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


# %% [markdown] course={"kind": "exercise", "id": "breaking-changes", "item": "x-design-for-backward-compatibility"}
# ### A breaking-change detector for JSON APIs
#
# An endpoint's contract is `{"request": Fields, "response": Fields}`, where `Fields` maps a field name to
# `{"type": str, "required": bool}` and, for enumerations, `"enum": [allowed values]`. Old clients keep running
# after you deploy, and servers are *tolerant readers* (they ignore request fields they do not know). Write
# `breaking_changes(old, new) -> list[str]`, sorted, with exactly these messages:
#
# - `"removed response field X"`: a response field old clients may read is gone;
# - `"type of request field X changed"` / `"type of response field X changed"`: a field kept with another type;
# - `"request field X is now required"`: a request field required in `new` that was optional or absent in `old`
#   (old clients do not send it);
# - `"value V removed from request field X"`: an enum value `old` accepted in a request is gone (old clients
#   still send it), one message per value;
# - `"value V added to response field X"`: a response enum gained a value (old clients' code meets a value it
#   was never written for), one message per value.
#
# Enum lists are compared only when both `old` and `new` give the field an `"enum"`. Report nothing else: a new
# optional field, a new response field, a removed request field, a request enum that gains a value and a response
# enum that loses one are safe. (A real detector checks more, such as a response field that stops being required;
# leave those out here.)
#
# ```python
# old = {"request": {}, "response": {"id": {"type": "int", "required": True}}}
# new = {"request": {"note": {"type": "str", "required": True}}, "response": {}}
# breaking_changes(old, new)  # ['removed response field id', 'request field note is now required']  (sorted)
# ```

# %% [markdown] course={"kind": "hint"}
# Loop over both sides; for each field of `old[side]` look it up in `new[side]`. Required-ness is checked on the
# fields of `new["request"]`, whether or not `old` had them.

# %% [markdown] course={"kind": "hint"}
# The two sides' enums break in opposite directions: a request breaks when it *accepts less* (old values gone), a
# response when it *sends more* (new values appear). Check `"enum" in before and "enum" in after` first, then
# `sorted(problems)` at the end.

# %% course={"kind": "solution"}
def breaking_changes(old: Mapping[str, Fields], new: Mapping[str, Fields]) -> list[str]:
    ### BEGIN SOLUTION
    problems = []
    for side in ("request", "response"):
        for name, before in old[side].items():
            after = new[side].get(name)
            if after is None:
                if side == "response":
                    problems.append(f"removed response field {name}")
                continue
            if after["type"] != before["type"]:
                problems.append(f"type of {side} field {name} changed")
            if "enum" in before and "enum" in after:
                if side == "request":
                    problems += [f"value {v} removed from request field {name}" for v in before["enum"] if v not in after["enum"]]
                else:
                    problems += [f"value {v} added to response field {name}" for v in after["enum"] if v not in before["enum"]]
    for name, after in new["request"].items():
        before = old["request"].get(name)
        if after["required"] and (before is None or not before["required"]):
            problems.append(f"request field {name} is now required")
    return sorted(problems)
    ### END SOLUTION


# %% course={"kind": "test", "points": 2}
old = {"request": {}, "response": {"id": {"type": "int", "required": True}}}
new = {"request": {"note": {"type": "str", "required": True}}, "response": {}}
assert breaking_changes(old, new) == ["removed response field id", "request field note is now required"]
safe = {
    "request": {"note": {"type": "str", "required": False}},
    "response": {"id": {"type": "int", "required": True}, "tags": {"type": "list", "required": False}},
}
assert breaking_changes(old, safe) == [], "a new optional request field and a new response field are safe"
assert breaking_changes(safe, old) == ["removed response field tags"], "a removed request field is safe"
### BEGIN HIDDEN TESTS
assert breaking_changes(old, old) == [], "no change, no problem"
two = {"request": {}, "response": {"a": {"type": "int", "required": True}, "b": {"type": "int", "required": True}}}
assert breaking_changes(two, {"request": {}, "response": {"b": {"type": "str", "required": True}}}) == [
    "removed response field a",
    "type of response field b changed",
], "every field is checked, also after a removed one"
### END HIDDEN TESTS

# %% course={"kind": "test", "points": 3}
status = {"type": "str", "required": True, "enum": ["open", "paid", "void"]}
v1 = {"request": {"status": dict(status), "qty": {"type": "int", "required": False}}, "response": {"status": dict(status)}}
v2 = {
    "request": {"status": {**status, "enum": ["open", "paid"]}, "qty": {"type": "int", "required": True}},
    "response": {"status": {**status, "enum": ["open", "paid", "void", "refunded"]}},
}
assert breaking_changes(v1, v2) == [
    "request field qty is now required",
    "value refunded added to response field status",
    "value void removed from request field status",
], "a request enum that accepts less and a response enum that sends more both break old clients"
assert breaking_changes(v2, v1) == [], "a request enum that accepts more and a response enum that sends less are safe"
v3 = {"request": {"status": {**status, "type": "int"}, "qty": v1["request"]["qty"]}, "response": {"status": {**status, "enum": ["paid"]}}}
assert breaking_changes(v1, v3) == ["type of request field status changed"]
### BEGIN HIDDEN TESTS
no_enum = {"request": {"status": {"type": "str", "required": True}}, "response": {}}
assert breaking_changes({"request": dict(no_enum["request"]), "response": {}}, no_enum) == [], "a field without enum is fine"
s_enum, s_free = {"type": "str", "required": False, "enum": ["a"]}, {"type": "str", "required": False}
assert breaking_changes({"request": {"s": s_enum}, "response": {"s": s_free}}, {"request": {"s": s_free}, "response": {"s": s_enum}}) == [], "enums are compared only when both sides have one"
wide = {"type": "str", "required": False, "enum": ["b", "a", "d", "c"]}
assert breaking_changes({"request": {"s": wide}, "response": {"s": s_enum}}, {"request": {"s": s_enum}, "response": {"s": wide}}) == [
    "value b added to response field s",
    "value b removed from request field s",
    "value c added to response field s",
    "value c removed from request field s",
    "value d added to response field s",
    "value d removed from request field s",
], "every value is reported, on each side"
assert breaking_changes({"request": {}, "response": {"n": {"type": "int", "required": True}}}, {"request": {}, "response": {"n": {"type": "float", "required": True}}}) == ["type of response field n changed"]
### END HIDDEN TESTS

# %% course={"kind": "wrong", "id": "request-removal-breaks"}
def breaking_changes(old, new):
    problems = []
    for side in ("request", "response"):
        for name, before in old[side].items():
            after = new[side].get(name)
            if after is None:
                problems.append(f"removed {side} field {name}")
                continue
            if after["type"] != before["type"]:
                problems.append(f"type of {side} field {name} changed")
            if "enum" in before and "enum" in after:
                if side == "request":
                    problems += [f"value {v} removed from request field {name}" for v in before["enum"] if v not in after["enum"]]
                else:
                    problems += [f"value {v} added to response field {name}" for v in after["enum"] if v not in before["enum"]]
    for name, after in new["request"].items():
        if after["required"] and name not in old["request"]:
            problems.append(f"request field {name} is now required")
    return sorted(problems)

# %% course={"kind": "wrong", "id": "new-fields-only"}
def breaking_changes(old, new):
    problems = []
    for side in ("request", "response"):
        for name, before in old[side].items():
            after = new[side].get(name)
            if after is None:
                if side == "response":
                    problems.append(f"removed response field {name}")
                continue
            if after["type"] != before["type"]:
                problems.append(f"type of {side} field {name} changed")
            if "enum" in before and "enum" in after:
                if side == "request":
                    problems += [f"value {v} removed from request field {name}" for v in before["enum"] if v not in after["enum"]]
                else:
                    problems += [f"value {v} added to response field {name}" for v in after["enum"] if v not in before["enum"]]
    for name, after in new["request"].items():
        if after["required"] and name not in old["request"]:
            problems.append(f"request field {name} is now required")
    return sorted(problems)


# %% course={"kind": "wrong", "id": "enum-removal-both-sides"}
def breaking_changes(old, new):
    problems = []
    for side in ("request", "response"):
        for name, before in old[side].items():
            after = new[side].get(name)
            if after is None:
                if side == "response":
                    problems.append(f"removed response field {name}")
                continue
            if after["type"] != before["type"]:
                problems.append(f"type of {side} field {name} changed")
            for value in before.get("enum", []):
                if value not in after.get("enum", []):
                    problems.append(f"value {value} removed from {side} field {name}")
    for name, after in new["request"].items():
        before = old["request"].get(name)
        if after["required"] and (before is None or not before["required"]):
            problems.append(f"request field {name} is now required")
    return sorted(problems)


# %% [markdown] course={"kind": "exercise", "id": "proto-compat", "item": "x-design-for-backward-compatibility"}
# ### A protobuf compatibility checker
#
# A message is `{"fields": {number: (name, type)}, "reserved": set_of_numbers}`. Write
# `proto_problems(old, new) -> list[tuple[int, str]]`, sorted, with one entry per problem:
#
# - `(n, "type-changed")`: field number `n` is in both with a different type (we stay strict: protobuf's docs
#   list a few type pairs as wire-compatible, such as `int32`/`int64`, but they can truncate values);
# - `(n, "removed-not-reserved")`: `n` was a field in `old`, is no field in `new`, and `new` does not reserve it;
# - `(n, "reuses-reserved")`: `n` is a field in `new` but was reserved in `old` (someone reused a retired number).
#
# A renamed field (same number and type) is fine: names never travel in the binary encoding.
#
# ```python
# old = {"fields": {1: ("id", "int64"), 2: ("email", "string")}, "reserved": {3}}
# new = {"fields": {1: ("user_id", "int64"), 3: ("phone", "string")}, "reserved": set()}
# proto_problems(old, new)   # [(2, 'removed-not-reserved'), (3, 'reuses-reserved')]
# ```

# %% [markdown] course={"kind": "hint"}
# Three loops: old fields (type changed? removed without reserve?), and new fields against old's reserved set.

# %% course={"kind": "solution"}
def proto_problems(old: Mapping[str, Any], new: Mapping[str, Any]) -> list[tuple[int, str]]:
    ### BEGIN SOLUTION
    problems = []
    for number, (_, kind) in old["fields"].items():
        if number in new["fields"]:
            if new["fields"][number][1] != kind:
                problems.append((number, "type-changed"))
        elif number not in new["reserved"]:
            problems.append((number, "removed-not-reserved"))
    for number in new["fields"]:
        if number in old["reserved"]:
            problems.append((number, "reuses-reserved"))
    return sorted(problems)
    ### END SOLUTION


# %% course={"kind": "test", "points": 2}
old = {"fields": {1: ("id", "int64"), 2: ("email", "string")}, "reserved": {3}}
new = {"fields": {1: ("user_id", "int64"), 3: ("phone", "string")}, "reserved": set()}
assert proto_problems(old, new) == [(2, "removed-not-reserved"), (3, "reuses-reserved")]
assert proto_problems(old, {"fields": {1: ("id", "int64")}, "reserved": {2, 3}}) == [], "removed and reserved is fine"
### BEGIN HIDDEN TESTS
assert proto_problems(old, old) == []
### END HIDDEN TESTS

# %% course={"kind": "test", "points": 2}
a = {"fields": {1: ("id", "int64"), 4: ("name", "string"), 7: ("age", "int32")}, "reserved": set()}
b = {"fields": {1: ("id", "string"), 4: ("display_name", "string"), 7: ("age", "int32"), 9: ("x", "bool")}, "reserved": set()}
assert proto_problems(a, b) == [(1, "type-changed")], "a type change is flagged, a rename is not"
### BEGIN HIDDEN TESTS
c = {"fields": {4: ("name", "bytes")}, "reserved": {1}}
assert proto_problems(a, c) == [(4, "type-changed"), (7, "removed-not-reserved")]
assert proto_problems({"fields": {}, "reserved": {5, 6}}, {"fields": {6: ("x", "int32"), 5: ("y", "int32")}, "reserved": set()}) == [(5, "reuses-reserved"), (6, "reuses-reserved")]
### END HIDDEN TESTS

# %% course={"kind": "wrong", "id": "by-name"}
def proto_problems(old, new):
    problems = []
    new_names = {name: (n, kind) for n, (name, kind) in new["fields"].items()}
    for number, (name, kind) in old["fields"].items():
        if name in new_names:
            if new_names[name][1] != kind:
                problems.append((number, "type-changed"))
        elif number not in new["reserved"]:
            problems.append((number, "removed-not-reserved"))
    for number in new["fields"]:
        if number in old["reserved"]:
            problems.append((number, "reuses-reserved"))
    return sorted(problems)

# %% course={"kind": "wrong", "id": "forgets-reserved"}
def proto_problems(old, new):
    problems = []
    for number, (_, kind) in old["fields"].items():
        if number in new["fields"]:
            if new["fields"][number][1] != kind:
                problems.append((number, "type-changed"))
        elif number not in new["reserved"]:
            problems.append((number, "removed-not-reserved"))
    return sorted(problems)


# %% [markdown] course={"kind": "exercise", "id": "gateway-router"}
# ### A gateway router: most specific route wins, 404 versus 405
#
# Write `route(routes, method, path) -> tuple[int, str | None, dict[str, str]]`. `routes` is a list of
# `(method, template, name)` such as `("GET", "/users/{id}/orders", "user-orders")`; a template segment in braces
# matches any one non-empty path segment and captures it. Both paths and templates start with `/`, and segments
# are split on `/`. Answer:
#
# - `(200, name, params)` for the **most specific** route matching both path and method: compare the routes'
#   segments from left to right, and at the first place where one has a literal and the other a `{param}`, the
#   literal wins (`/users/me` beats `/users/{id}`); among equally specific routes the first listed wins;
# - `(405, None, {})` when some route matches the path but none with this method;
# - `(404, None, {})` when no route matches the path at all.
#
# ```python
# routes = [("GET", "/users/{id}", "user"), ("GET", "/users/me", "me"), ("DELETE", "/users/{id}", "drop")]
# route(routes, "GET", "/users/me")      # (200, 'me', {})
# route(routes, "GET", "/users/42")      # (200, 'user', {'id': '42'})
# route(routes, "POST", "/users/42")     # (405, None, {})
# ```

# %% [markdown] course={"kind": "hint"}
# Write a small matcher first: split both on `/`; same number of segments; each template segment is either equal
# or a `{name}` (then record `params[name] = segment`, refusing an empty segment).

# %% [markdown] course={"kind": "hint"}
# A specificity key per template: `tuple(0 if seg.startswith("{") else 1 for seg in segments)`. The largest key
# wins; `max` keeps the first of equal keys.

# %% course={"kind": "solution"}
def route(routes: list[tuple[str, str, str]], method: str, path: str) -> tuple[int, str | None, dict[str, str]]:
    ### BEGIN SOLUTION
    parts = path.split("/")
    found = []
    path_known = False
    for verb, template, name in routes:
        segments = template.split("/")
        if len(segments) != len(parts):
            continue
        params = {}
        for seg, part in zip(segments, parts):
            if seg.startswith("{") and part:
                params[seg[1:-1]] = part
            elif seg != part:
                break
        else:
            path_known = True
            if verb == method:
                found.append((tuple(not s.startswith("{") for s in segments), name, params))
    if found:
        _, name, params = max(found, key=lambda f: f[0])
        return 200, name, params
    return (405, None, {}) if path_known else (404, None, {})
    ### END SOLUTION


# %% course={"kind": "test", "points": 2}
routes = [("GET", "/users/{id}", "user"), ("GET", "/users/me", "me"), ("DELETE", "/users/{id}", "drop")]
assert route(routes, "GET", "/users/me") == (200, "me", {}), "the literal route beats the template"
assert route(routes, "GET", "/users/42") == (200, "user", {"id": "42"})
assert route(routes, "DELETE", "/users/me") == (200, "drop", {"id": "me"}), "only routes with the method compete"
assert route(routes, "POST", "/users/42") == (405, None, {}), "known path, wrong method"
assert route(routes, "GET", "/orders/1") == (404, None, {}), "unknown path"
### BEGIN HIDDEN TESTS
assert route(routes, "GET", "/users") == (404, None, {}), "fewer segments do not match"
assert route(routes, "GET", "/users/42/x") == (404, None, {}), "more segments do not match"
assert route(routes, "GET", "/users/") == (404, None, {}), "an empty segment is not an id"
assert route([], "GET", "/") == (404, None, {})
assert route([("GET", "/x", "x"), ("GET", "/a/{b}", "ab")], "GET", "/a/1") == (200, "ab", {"b": "1"}), "a shorter route before"
### END HIDDEN TESTS

# %% course={"kind": "test", "points": 3}
shop = [
    ("GET", "/users/{uid}/orders/{oid}", "one-order"),
    ("GET", "/users/{uid}/orders/latest", "latest"),
    ("GET", "/users/admin/orders/{oid}", "admin-order"),
    ("GET", "/users/{uid}/orders/{n}", "shadowed"),
]
assert route(shop, "GET", "/users/7/orders/9") == (200, "one-order", {"uid": "7", "oid": "9"}), "first of equals wins"
assert route(shop, "GET", "/users/7/orders/latest") == (200, "latest", {"uid": "7"})
assert route(shop, "GET", "/users/admin/orders/latest") == (200, "admin-order", {"oid": "latest"}), "the leftmost literal decides"
### BEGIN HIDDEN TESTS
assert route(shop, "PUT", "/users/admin/orders/latest") == (405, None, {})
assert route([("GET", "/a/{x}", "ax"), ("GET", "/{y}/b", "yb")], "GET", "/a/b") == (200, "ax", {"x": "b"})
assert route([("GET", "/{y}/b", "yb"), ("GET", "/a/{x}", "ax")], "GET", "/a/b") == (200, "ax", {"x": "b"})
r = route(routes, "GET", "/users/5")
assert type(r) is tuple and type(r[2]) is dict
### END HIDDEN TESTS

# %% course={"kind": "wrong", "id": "first-match"}
def route(routes, method, path):
    parts = path.split("/")
    path_known = False
    for verb, template, name in routes:
        segments = template.split("/")
        if len(segments) != len(parts):
            continue
        params = {}
        for seg, part in zip(segments, parts):
            if seg.startswith("{") and part:
                params[seg[1:-1]] = part
            elif seg != part:
                break
        else:
            path_known = True
            if verb == method:
                return 200, name, params
    return (405, None, {}) if path_known else (404, None, {})

# %% course={"kind": "wrong", "id": "always-404"}
def route(routes, method, path):
    parts = path.split("/")
    found = []
    for verb, template, name in routes:
        segments = template.split("/")
        if verb != method or len(segments) != len(parts):
            continue
        params = {}
        for seg, part in zip(segments, parts):
            if seg.startswith("{") and part:
                params[seg[1:-1]] = part
            elif seg != part:
                break
        else:
            found.append((tuple(0 if s.startswith("{") else 1 for s in segments), name, params))
    if found:
        _, name, params = max(found, key=lambda f: f[0])
        return 200, name, params
    return 404, None, {}

# %% course={"kind": "wrong", "id": "count-literals"}
def route(routes, method, path):
    parts = path.split("/")
    found = []
    path_known = False
    for verb, template, name in routes:
        segments = template.split("/")
        if len(segments) != len(parts):
            continue
        params = {}
        for seg, part in zip(segments, parts):
            if seg.startswith("{") and part:
                params[seg[1:-1]] = part
            elif seg != part:
                break
        else:
            path_known = True
            if verb == method:
                found.append((sum(0 if s.startswith("{") else 1 for s in segments), name, params))
    if found:
        _, name, params = max(found, key=lambda f: f[0])
        return 200, name, params
    return (405, None, {}) if path_known else (404, None, {})


# %% [markdown] course={"kind": "exercise", "id": "batch-loader"}
# ### A DataLoader: batch the keys of one round, cache them for the request
#
# Write a class `Loader(batch_fn)`. `batch_fn(keys: list)` fetches many keys in one backend call and returns a dict
# (keys it does not know are missing from it).
#
# - `load(key) -> Future` records that a resolver needs `key` and returns a `concurrent.futures.Future` that is
#   not done yet (unless the key was already fetched by this loader: then it is done at once);
# - `dispatch()` makes **at most one** call to `batch_fn` with every key asked since the last dispatch and not yet
#   fetched, **each once, in the order first asked**, then completes every waiting future with its value, or
#   `None` for a key `batch_fn` did not return. With nothing new to fetch it does not call `batch_fn` at all.
#
# Values are cached for the life of the loader (one loader per request).
#
# ```python
# loader = Loader(fetch_users)
# a, b, c = loader.load(2), loader.load(1), loader.load(2)
# loader.dispatch()                      # one call: fetch_users([2, 1])
# a.result(), b.result(), c.result()     # ('lin', 'ada', 'lin')
# ```

# %% [markdown] course={"kind": "hint"}
# Keep `self.cache` (key -> value), `self.waiting` (key -> list of futures, a dict remembers insertion order).

# %% [markdown] course={"kind": "hint"}
# In `dispatch`, swap `self.waiting` for a new empty dict first, then call `batch_fn(list(waiting))` once if
# `waiting` is not empty, and `future.set_result(found.get(key))` for each.

# %% course={"kind": "solution"}
class Loader:
    def __init__(self, batch_fn: Callable[[list[Any]], dict[Any, Any]]) -> None:
        self.batch_fn = batch_fn
        ### BEGIN SOLUTION
        self.cache: dict[Any, Any] = {}
        self.waiting: dict[Any, list[Future]] = {}
        ### END SOLUTION

    def load(self, key: Hashable) -> Future:
        ### BEGIN SOLUTION
        future: Future = Future()
        if key in self.cache:
            future.set_result(self.cache[key])
        else:
            self.waiting.setdefault(key, []).append(future)
        return future
        ### END SOLUTION

    def dispatch(self) -> None:
        ### BEGIN SOLUTION
        waiting, self.waiting = self.waiting, {}
        if not waiting:
            return
        found = self.batch_fn(list(waiting))
        for key, futures in waiting.items():
            self.cache[key] = found.get(key)
            for future in futures:
                future.set_result(self.cache[key])
        ### END SOLUTION


# %% course={"kind": "test", "points": 2}
calls = []


def fetch(ids):
    assert type(ids) is list, f"batch_fn gets a list of keys, not {type(ids).__name__}"
    calls.append(list(ids))
    return {i: users_table[i] for i in ids if i in users_table}


loader = Loader(fetch)
a, b, c = loader.load(2), loader.load(1), loader.load(2)
assert not a.done() and calls == [], "load only records the key"
loader.dispatch()
assert calls == [[2, 1]], f"one call, each key once, in the order asked; got {calls}"
assert (a.result(), b.result(), c.result()) == ("lin", "ada", "lin")
### BEGIN HIDDEN TESTS
missing = loader.load(99)
loader.dispatch()
assert missing.result() is None and calls == [[2, 1], [99]], "an unknown key resolves to None"
### END HIDDEN TESTS

# %% course={"kind": "test", "points": 3}
calls.clear()
loader = Loader(fetch)
titles = [loader.load(p["author"]) for p in posts]
loader.dispatch()
assert calls == [[1, 2, 3]] and [f.result() for f in titles] == [users_table[p["author"]] for p in posts], "9 posts, 1 call"
again = loader.load(3)
assert again.done() and again.result() == "sam", "a key already fetched is answered from the cache"
loader.dispatch()
assert calls == [[1, 2, 3]], "nothing new to fetch: no backend call"
### BEGIN HIDDEN TESTS
x, y = loader.load(1), loader.load(42)
loader.dispatch()
assert calls == [[1, 2, 3], [42]] and x.result() == "ada" and y.result() is None, "only the new key is fetched"
z = loader.load(42)
assert z.done() and z.result() is None, "a missing key is cached too"
loader.dispatch()
assert calls == [[1, 2, 3], [42]]
### END HIDDEN TESTS

# %% course={"kind": "wrong", "id": "no-dedupe"}
class Loader:
    def __init__(self, batch_fn):
        self.batch_fn = batch_fn
        self.cache = {}
        self.waiting = []

    def load(self, key):
        future = Future()
        if key in self.cache:
            future.set_result(self.cache[key])
        else:
            self.waiting.append((key, future))
        return future

    def dispatch(self):
        waiting, self.waiting = self.waiting, []
        if not waiting:
            return
        found = self.batch_fn([key for key, _ in waiting])
        for key, future in waiting:
            self.cache[key] = found.get(key)
            future.set_result(self.cache[key])

# %% course={"kind": "wrong", "id": "no-cache"}
class Loader:
    def __init__(self, batch_fn):
        self.batch_fn = batch_fn
        self.waiting = {}

    def load(self, key):
        future = Future()
        self.waiting.setdefault(key, []).append(future)
        return future

    def dispatch(self):
        waiting, self.waiting = self.waiting, {}
        if not waiting:
            return
        found = self.batch_fn(list(waiting))
        for key, futures in waiting.items():
            for future in futures:
                future.set_result(found.get(key))


# %% [markdown] course={"kind": "answer", "question": "q-how-do-you-design-an-api-for"}
# Design it so that **new things can be added without old clients noticing**. Model resources around the domain's
# nouns, not the database's tables; make every response an *object* (never a bare list) so fields can be added;
# make new request fields optional with defaults; have servers and clients be *tolerant readers* (ignore fields they
# do not know) and never rely on field order; use cursors for pagination; use enums carefully (clients must
# handle an unknown value); give errors a stable machine-readable code. In protobuf, never reuse or renumber a field
# and `reserve` the retired ones. Check compatibility in CI with a detector like the two above, version only when
# you must break (`/v2/` in the URL, a header, or a media type such as `application/vnd.shop.v2+json`), and
# deprecate with a date: announce, mark (`Deprecation`/`Sunset` headers), measure who still calls, then remove.


# %% [markdown] course={"kind": "lesson", "id": "platform", "covers": ["c-platform-design", "c-multi-tenancy", "c-self-service", "c-platform-as-a-product", "c-developer-experience"]}
# ### Platform design: tenants, self-service, the platform as a product
#
# **Multi-tenancy** serves many customers (tenants) from one system. Three common models:
#
# ```
#  silo:   tenant A ─► [app A] ─► [db A]      tenant B ─► [app B] ─► [db B]     strongest isolation, highest cost
#  pool:   A, B, C ─► [shared app] ─► [one db, every row has tenant_id]          cheapest, isolation is *your code*
#  bridge: A, B, C ─► [shared app] ─► [schema A | schema B | db for big C]       a mix: shared compute, split data
# ```
#
# In the **pool** model one forgotten `WHERE tenant_id = ?` leaks a customer's data to another, so tenant scoping
# belongs in one layer that every query goes through (or in the database: PostgreSQL's row-level security).
# A **noisy neighbour** is a tenant whose load slows the others on shared resources; the answers are per-tenant
# quotas and rate limits (20.3), fair scheduling, and moving a heavy tenant to its own silo.
#
# A **platform** (internal developer platform) is what product teams build on: templates, deployment, databases,
# observability on demand. **Self-service** means a team gets these through an API, a CLI or a portal in minutes,
# without a ticket. **Platform as a product** means the platform team treats developers as customers: a roadmap
# from their needs, documentation, versioning and deprecation like any API, adoption earned rather than mandated.
# **Developer experience** is measured: the four DORA metrics (lead time from commit to production, deployment
# frequency, change failure rate, time to restore service), plus the time to the first deploy of a new service and
# surveys.
#
# The demo: one noisy tenant submits 30 jobs at once, two quiet tenants 3 each; a worker runs 9 jobs per tick.
# First-come-first-served starves the quiet tenants; taking jobs in turns does not.

# %% course={"kind": "demo"}
arrivals = [("noisy", f"n{k}") for k in range(30)]  # the burst arrives first
arrivals += [("quiet-a", "a1"), ("quiet-b", "b1"), ("quiet-a", "a2"), ("quiet-b", "b2"), ("quiet-a", "a3"), ("quiet-b", "b3")]
fifo_first_tick = [job for _, job in arrivals[:9]]
turns, pending = [], {t: deque(j for tt, j in arrivals if tt == t) for t in ("noisy", "quiet-a", "quiet-b")}
while len(turns) < 9:
    for tenant in sorted(pending):
        if pending[tenant] and len(turns) < 9:
            turns.append(pending[tenant].popleft())
print("FIFO, first tick:   ", fifo_first_tick)
print("in turns, first tick:", turns)


# %% [markdown] course={"kind": "exercise", "id": "tenant-notes", "item": "x-design-a-multi-tenant-system"}
# ### Tenant-scoped data access on SQLite (the pool model)
#
# Every tenant's notes live in one table `notes(id, tenant_id, body)` (see `new_notes_db()` in the setup cell).
# Write `TenantNotes(conn, tenant)`, the only way the application touches that table, where **every** statement it
# runs on `notes` names `tenant_id` (the test records each statement with `conn.set_trace_callback`):
#
# - `add(body) -> int`: insert a note for this tenant, return its id;
# - `bodies() -> list[str]`: this tenant's notes, in id order;
# - `get(note_id) -> str | None`: the body, or `None` if no note of *this tenant* has that id;
# - `delete(note_id) -> bool`: delete it if it is this tenant's; `True` if a row was deleted.
#
# ```python
# conn = new_notes_db()
# acme, globex = TenantNotes(conn, "acme"), TenantNotes(conn, "globex")
# n = acme.add("launch plan")
# acme.get(n), globex.get(n)     # ('launch plan', None): globex cannot read acme's note by guessing its id
# ```

# %% [markdown] course={"kind": "hint"}
# Use parameters (`?`) for both the id and the tenant: `WHERE id = ? AND tenant_id = ?`.

# %% [markdown] course={"kind": "hint"}
# `cursor.lastrowid` is the new id; `cursor.rowcount` says how many rows a `DELETE` removed.

# %% course={"kind": "solution"}
class TenantNotes:
    def __init__(self, conn: sqlite3.Connection, tenant: str) -> None:
        self.conn, self.tenant = conn, tenant

    def add(self, body: str) -> int:
        ### BEGIN SOLUTION
        cur = self.conn.execute("INSERT INTO notes (tenant_id, body) VALUES (?, ?)", (self.tenant, body))
        return cur.lastrowid
        ### END SOLUTION

    def bodies(self) -> list[str]:
        ### BEGIN SOLUTION
        rows = self.conn.execute("SELECT body FROM notes WHERE tenant_id = ? ORDER BY id", (self.tenant,))
        return [body for (body,) in rows]
        ### END SOLUTION

    def get(self, note_id: int) -> str | None:
        ### BEGIN SOLUTION
        row = self.conn.execute("SELECT body FROM notes WHERE id = ? AND tenant_id = ?", (note_id, self.tenant)).fetchone()
        return None if row is None else row[0]
        ### END SOLUTION

    def delete(self, note_id: int) -> bool:
        ### BEGIN SOLUTION
        cur = self.conn.execute("DELETE FROM notes WHERE id = ? AND tenant_id = ?", (note_id, self.tenant))
        return cur.rowcount == 1
        ### END SOLUTION


# %% course={"kind": "test", "points": 2}
conn = new_notes_db()
acme, globex = TenantNotes(conn, "acme"), TenantNotes(conn, "globex")
n = acme.add("launch plan")
assert type(n) is int and acme.get(n) == "launch plan"
assert globex.get(n) is None, "a cross-tenant read by id must find nothing"
g = globex.add("pricing")
acme.add("retro notes")
assert acme.bodies() == ["launch plan", "retro notes"] and globex.bodies() == ["pricing"]
### BEGIN HIDDEN TESTS
assert acme.get(g) is None and acme.get(999) is None
assert TenantNotes(conn, "initech").bodies() == []
### END HIDDEN TESTS

# %% course={"kind": "test", "points": 3}
conn = new_notes_db()
statements = []
conn.set_trace_callback(statements.append)
acme, globex = TenantNotes(conn, "acme"), TenantNotes(conn, "globex")
a = acme.add("a1")
b = globex.add("b1")
assert globex.delete(a) is False and acme.get(a) == "a1", "globex cannot delete acme's note"
assert acme.delete(a) is True and acme.get(a) is None and acme.delete(a) is False
acme.bodies()
globex.get(b)
on_notes = [s for s in statements if "notes" in s]
assert len(on_notes) >= 8 and all("tenant_id" in s for s in on_notes), f"a statement without tenant_id: {on_notes}"
### BEGIN HIDDEN TESTS
conn.set_trace_callback(None)
assert globex.bodies() == ["b1"], "deleting acme's note left globex's alone"
evil = TenantNotes(conn, "x' OR '1'='1")
assert evil.bodies() == [] and evil.get(b) is None, "the tenant is a parameter, never pasted into SQL"
### END HIDDEN TESTS

# %% course={"kind": "wrong", "id": "get-by-id-only"}
class TenantNotes:
    def __init__(self, conn, tenant):
        self.conn, self.tenant = conn, tenant

    def add(self, body):
        return self.conn.execute("INSERT INTO notes (tenant_id, body) VALUES (?, ?)", (self.tenant, body)).lastrowid

    def bodies(self):
        rows = self.conn.execute("SELECT body FROM notes WHERE tenant_id = ? ORDER BY id", (self.tenant,))
        return [body for (body,) in rows]

    def get(self, note_id):
        row = self.conn.execute("SELECT body FROM notes WHERE id = ?", (note_id,)).fetchone()
        return None if row is None else row[0]

    def delete(self, note_id):
        return self.conn.execute("DELETE FROM notes WHERE id = ? AND tenant_id = ?", (note_id, self.tenant)).rowcount == 1

# %% course={"kind": "wrong", "id": "delete-by-id-only"}
class TenantNotes:
    def __init__(self, conn, tenant):
        self.conn, self.tenant = conn, tenant

    def add(self, body):
        return self.conn.execute("INSERT INTO notes (tenant_id, body) VALUES (?, ?)", (self.tenant, body)).lastrowid

    def bodies(self):
        rows = self.conn.execute("SELECT body FROM notes WHERE tenant_id = ? ORDER BY id", (self.tenant,))
        return [body for (body,) in rows]

    def get(self, note_id):
        row = self.conn.execute("SELECT body FROM notes WHERE id = ? AND tenant_id = ?", (note_id, self.tenant)).fetchone()
        return None if row is None else row[0]

    def delete(self, note_id):
        return self.conn.execute("DELETE FROM notes WHERE id = ?", (note_id,)).rowcount == 1

# %% course={"kind": "wrong", "id": "tenant-in-sql-text"}
class TenantNotes:
    def __init__(self, conn, tenant):
        self.conn, self.tenant = conn, tenant

    def add(self, body):
        return self.conn.execute("INSERT INTO notes (tenant_id, body) VALUES (?, ?)", (self.tenant, body)).lastrowid

    def bodies(self):
        rows = self.conn.execute(f"SELECT body FROM notes WHERE tenant_id = '{self.tenant}' ORDER BY id")
        return [body for (body,) in rows]

    def get(self, note_id):
        row = self.conn.execute(f"SELECT body FROM notes WHERE id = ? AND tenant_id = '{self.tenant}'", (note_id,)).fetchone()
        return None if row is None else row[0]

    def delete(self, note_id):
        return self.conn.execute("DELETE FROM notes WHERE id = ? AND tenant_id = ?", (note_id, self.tenant)).rowcount == 1


# %% [markdown] course={"kind": "exercise", "id": "fair-share"}
# ### Fair share against a noisy neighbour
#
# Jobs arrive as `(tenant, job)` pairs, oldest first. Write `fair_order(jobs, weights=None) -> list[str]`, the
# order in which one worker runs them: in rounds; in each round every tenant that still has jobs, in the order of
# its **first** arrival, runs up to `weights[tenant]` of its oldest pending jobs (a tenant missing from `weights`,
# or every tenant when `weights` is `None`, gets 1; weights are positive `int`s). A tenant's own jobs keep their
# arrival order.
#
# ```python
# fair_order([("big", "b1"), ("big", "b2"), ("big", "b3"), ("small", "s1")])   # ['b1', 's1', 'b2', 'b3']
# fair_order([("big", "b1"), ("big", "b2"), ("small", "s1")], {"big": 2})     # ['b1', 'b2', 's1']
# ```

# %% [markdown] course={"kind": "hint"}
# A dict of `deque`s keyed by tenant remembers first-arrival order. Loop rounds while any deque is non-empty.

# %% course={"kind": "solution"}
def fair_order(jobs: list[tuple[str, str]], weights: Mapping[str, int] | None = None) -> list[str]:
    ### BEGIN SOLUTION
    weights = weights or {}
    pending: dict[str, deque[str]] = {}
    for tenant, job in jobs:
        pending.setdefault(tenant, deque()).append(job)
    order = []
    while any(pending.values()):
        for tenant, queue in pending.items():
            for _ in range(weights.get(tenant, 1)):
                if queue:
                    order.append(queue.popleft())
    return order
    ### END SOLUTION


# %% course={"kind": "test", "points": 2}
assert fair_order([("big", "b1"), ("big", "b2"), ("big", "b3"), ("small", "s1")]) == ["b1", "s1", "b2", "b3"]
assert fair_order([("big", "b1"), ("big", "b2"), ("small", "s1")], {"big": 2}) == ["b1", "b2", "s1"]
assert fair_order([]) == []
### BEGIN HIDDEN TESTS
assert fair_order([("z", "z1"), ("a", "a1"), ("z", "z2"), ("a", "a2")]) == ["z1", "a1", "z2", "a2"], "first arrival, not name order"
assert fair_order([("a", "a1"), ("b", "b1"), ("b", "b2"), ("b", "b3"), ("a", "a2")], {"b": 3, "c": 5}) == ["a1", "b1", "b2", "b3", "a2"]
### END HIDDEN TESTS

# %% course={"kind": "test", "points": 3}
rng = random.Random(2202)
burst = [("noisy", f"n{k}") for k in range(40)]
quiet = [(rng.choice(["q1", "q2", "q3"]), f"j{k}") for k in range(12)]
order = fair_order(burst + quiet)
owner = {job: tenant for tenant, job in burst + quiet}
first_round = {owner[j] for j in order[:4]}
assert first_round == {"noisy", "q1", "q2", "q3"}, f"every tenant runs in the first round; got {order[:4]}"
for tenant in ("noisy", "q1", "q2", "q3"):
    mine = [j for t, j in burst + quiet if t == tenant]
    assert [j for j in order if owner[j] == tenant] == mine, f"{tenant}'s jobs keep their order"
### BEGIN HIDDEN TESTS
rounds = max(sum(1 for t, _ in quiet if t == q) for q in ("q1", "q2", "q3"))  # the busiest quiet tenant's jobs
last_quiet = max(i for i, j in enumerate(order) if owner[j] != "noisy")
noisy_before = [j for j in order[:last_quiet] if owner[j] == "noisy"]
assert noisy_before == [f"n{k}" for k in range(rounds)], f"one noisy job per round: the quiet tenants wait {rounds} noisy jobs, not 40"
assert last_quiet == rounds + len(quiet) - 1, "so the last quiet job runs after those noisy jobs and the 12 quiet ones"
assert sorted(order) == sorted(j for _, j in burst + quiet), "every job runs exactly once"
### END HIDDEN TESTS

# %% course={"kind": "wrong", "id": "fifo"}
def fair_order(jobs, weights=None):
    return [job for _, job in jobs]

# %% course={"kind": "wrong", "id": "name-order"}
def fair_order(jobs, weights=None):
    weights = weights or {}
    pending = {}
    for tenant, job in jobs:
        pending.setdefault(tenant, deque()).append(job)
    order = []
    while any(pending.values()):
        for tenant in sorted(pending):
            for _ in range(weights.get(tenant, 1)):
                if pending[tenant]:
                    order.append(pending[tenant].popleft())
    return order

# %% course={"kind": "wrong", "id": "weight-once"}
def fair_order(jobs, weights=None):
    weights = weights or {}
    pending = {}
    for tenant, job in jobs:
        pending.setdefault(tenant, deque()).append(job)
    order = []
    while any(pending.values()):
        for tenant, queue in pending.items():
            if queue:
                order.append(queue.popleft())
    return order


# %% [markdown] course={"kind": "answer", "question": "q-what-is-multi-tenancy"}
# One running system serving many customers (tenants), each seeing only its own data and configuration. The design
# choice is how much is shared: **silo** (each tenant its own stack: strong isolation, easy per-tenant backups and
# regions, expensive and slow to roll out), **pool** (everything shared, `tenant_id` on every row: cheap and
# simple to operate, but isolation depends on every query and one heavy tenant can hurt the rest), **bridge**
# (shared compute, separate schemas or databases, often silo for the largest tenants). Whatever the model: resolve
# the tenant once from the authenticated request, carry it through every layer, enforce it in one data-access layer
# or with row-level security, give each tenant quotas and rate limits, and tag logs and metrics with the tenant so
# you can see a noisy neighbour and bill by use.


# %% [markdown] course={"kind": "lesson", "id": "services", "covers": ["c-service-architecture", "c-monolith-vs-microservices", "c-service-boundaries", "c-domain-driven-design-basics", "c-service-mesh"]}
# ### Service architecture: monoliths, microservices and where to cut
#
# A **monolith** is one deployable: simple calls, one database transaction, one thing to run; it gets hard when
# many teams change it at once. **Microservices** split it into independently deployable services that own their
# data: teams ship on their own and scale parts separately, at the price of network failures, eventual
# consistency, distributed tracing and much more operations work. A **modular monolith** keeps one deployable but
# enforces module boundaries (no reaching into another module's tables): most of the design benefit, little of the
# cost, and modules that can later become services.
#
# **Where to cut** is the real question. **Domain-driven design** gives the vocabulary: a *bounded context* is a part
# of the domain where words have one meaning ("order" in sales is not "order" in shipping); *aggregates* are the
# clusters of objects changed together in one transaction; the *ubiquitous language* is the shared vocabulary of
# developers and domain experts. Good boundaries have **high cohesion** (what changes together stays together) and
# **low coupling** (few, stable calls across). A tell-tale bad cut: services that call each other in a **cycle**:
# they cannot be deployed or reasoned about separately (a *distributed monolith*). Cycles in a dependency graph are
# its **strongly connected components** with more than one node (or a service that calls itself).
#
# A **service mesh** (Istio, Linkerd) moves network concerns out of the code: a **sidecar** proxy next to every
# service instance (or a per-node proxy) does **mTLS** between services (identity and encryption, as in 19.3's
# certificates), retries and timeouts, load balancing and telemetry, all set by a central control plane. The cost:
# more moving parts and latency per hop; and retries configured in both mesh and code multiply.
#
# ```
#   [orders] ─► [sidecar] ══ mTLS ══► [sidecar] ─► [billing]        control plane: certificates, retry policy, routes
# ```

# %% [markdown] course={"kind": "text"}
# Retries multiply across hops: when the gateway, the mesh sidecar and the code each try a call 3 times, one
# failing request at the bottom of a chain is attempted many times. Counted with a stub that always fails:

# %% course={"kind": "demo"}
attempts_at_bottom = []


def with_retries(call: Callable[[], None], tries: int) -> Callable[[], None]:
    def wrapped() -> None:
        for attempt in range(tries):
            try:
                return call()
            except ConnectionError:
                if attempt == tries - 1:
                    raise

    return wrapped


def database() -> None:
    attempts_at_bottom.append(1)
    raise ConnectionError("database down")


layered = with_retries(with_retries(with_retries(database, 3), 3), 3)  # code, sidecar, gateway
try:
    layered()
except ConnectionError:
    print("one user request ->", len(attempts_at_bottom), "attempts on the failing database")


# %% [markdown] course={"kind": "exercise", "id": "service-cycles", "item": "x-define-service-boundaries"}
# ### Problem: find the cycles in a service dependency graph (strongly connected components)
#
# `graph` maps each service to the services it calls (a target may be missing as a key: it calls nothing). Write
# `components(graph) -> list[list[str]]`: the strongly connected components (maximal groups in which every service
# can reach every other by calls), each sorted, the list sorted; every service appears in exactly one. Graphs
# can have thousands of services in a long chain, so do not recurse once per service (Python's recursion limit
# is about 1000): use Kosaraju's or Tarjan's algorithm with your own stack.
#
# ```python
# components({"orders": ["billing"], "billing": ["orders", "users"], "users": []})
# # [['billing', 'orders'], ['users']]     -> orders and billing are one service in disguise
# ```

# %% [markdown] course={"kind": "hint"}
# Kosaraju: (1) depth-first search over the graph, noting each node when it *finishes*; (2) reverse every edge;
# (3) take nodes in reverse finishing order; each search in the reversed graph from a not-yet-seen node collects one
# component.

# %% [markdown] course={"kind": "hint"}
# An iterative depth-first search with finishing order: push `(node, iter(neighbours))`; on each step take the next
# neighbour of the top entry; when its iterator is empty, pop it and append the node to `finished`.

# %% course={"kind": "solution", "equivalent": {"m-2c0365e9": "a root met again through a cycle finishes at once (its neighbours are seen) before the outer root; the duplicate in finished is skipped by assigned"}}
def components(graph: Mapping[str, Iterable[str]]) -> list[list[str]]:
    ### BEGIN SOLUTION
    edges: dict[str, list[str]] = {}
    back: dict[str, list[str]] = defaultdict(list)
    for node, targets in graph.items():
        edges.setdefault(node, [])
        for target in targets:
            edges[node].append(target)
            back[target].append(node)
            edges.setdefault(target, [])
    finished, seen = [], set()
    for root in edges:
        if root in seen:
            continue
        seen.add(root)
        stack = [(root, iter(edges[root]))]
        while stack:
            node, it = stack[-1]
            nxt = next(it, None)
            if nxt is None:
                stack.pop()
                finished.append(node)
            elif nxt not in seen:
                seen.add(nxt)
                stack.append((nxt, iter(edges[nxt])))
    result, assigned = [], set()
    for root in reversed(finished):
        if root in assigned:
            continue
        assigned.add(root)
        group, todo = [], [root]
        while todo:
            node = todo.pop()
            group.append(node)
            for prev in back[node]:
                if prev not in assigned:
                    assigned.add(prev)
                    todo.append(prev)
        result.append(sorted(group))
    return sorted(result)
    ### END SOLUTION


# %% course={"kind": "test", "points": 2}
assert components({"orders": ["billing"], "billing": ["orders", "users"], "users": []}) == [["billing", "orders"], ["users"]]
assert components({"a": ["b"], "b": ["c"]}) == [["a"], ["b"], ["c"]], "a chain has no cycle; c is not a key"
assert components({}) == []
### BEGIN HIDDEN TESTS
assert components({"solo": [], "alone": []}) == [["alone"], ["solo"]], "services that call nothing"
assert components({"x": ["x"]}) == [["x"]], "a self-call is one component"
g = {"a": ["b"], "b": ["c"], "c": ["a", "d"], "d": ["e"], "e": ["f"], "f": ["d"], "g": ["a", "f"]}
assert components(g) == [["a", "b", "c"], ["d", "e", "f"], ["g"]]
### END HIDDEN TESTS

# %% course={"kind": "test", "points": 3}
shop = {
    "web": ["catalog", "cart"],
    "cart": ["pricing", "inventory"],
    "pricing": ["catalog", "cart"],
    "catalog": ["search"],
    "search": ["catalog"],
    "inventory": [],
}
assert components(shop) == [["cart", "pricing"], ["catalog", "search"], ["inventory"], ["web"]]
### BEGIN HIDDEN TESTS
n = 5000
ring = {f"s{i:04d}": [f"s{(i + 1) % n:04d}"] for i in range(n)}
assert components(ring) == [sorted(ring)], "a ring of 5000 services is one component (no recursion)"
chain = {f"s{i:04d}": [f"s{i + 1:04d}"] for i in range(n - 1)}
assert components(chain) == [[f"s{i:04d}"] for i in range(n)]
### END HIDDEN TESTS

# %% course={"kind": "wrong", "id": "reachable-from"}
def components(graph):
    nodes = set(graph) | {t for ts in graph.values() for t in ts}
    result = {}
    for root in nodes:
        seen, todo = {root}, [root]
        while todo:
            for nxt in graph.get(todo.pop(), []):
                if nxt not in seen:
                    seen.add(nxt)
                    todo.append(nxt)
        result[root] = sorted(seen)
    return sorted({tuple(v): v for v in result.values()}.values())

# %% course={"kind": "wrong", "id": "recursive"}
def components(graph):
    nodes = sorted(set(graph) | {t for ts in graph.values() for t in ts})
    index, low, stack, on, out = {}, {}, [], set(), []

    def visit(v):
        index[v] = low[v] = len(index)
        stack.append(v)
        on.add(v)
        for w in graph.get(v, []):
            if w not in index:
                visit(w)
                low[v] = min(low[v], low[w])
            elif w in on:
                low[v] = min(low[v], index[w])
        if low[v] == index[v]:
            group = []
            while True:
                w = stack.pop()
                on.discard(w)
                group.append(w)
                if w == v:
                    break
            out.append(sorted(group))

    for v in nodes:
        if v not in index:
            visit(v)
    return sorted(out)


# %% [markdown] course={"kind": "answer", "question": "q-when-would-you-choose-microservices"}
# When the *organisation* needs it more than the code: several teams that must ship independently, parts with very
# different scaling or reliability needs (a spiky image resizer next to a steady billing core), or parts that need
# a different technology or a separate security boundary, and when you can pay for the platform it takes (CI/CD per
# service, tracing, on-call, contract tests). Not for a small team, a new product whose domain is still moving (the
# boundaries will be wrong), or to fix a messy codebase (you get a distributed mess). A good path: start with a
# modular monolith with enforced boundaries, and extract a module when one of the reasons above shows up.

# %% [markdown] course={"kind": "answer", "question": "q-how-do-you-define-service-boundaries"}
# From the domain, not the database tables or the technical layers: find the bounded contexts (where a word changes
# meaning, where a different team or expert owns the rules), keep each aggregate and its invariants inside one
# service so one transaction suffices, and aim for high cohesion (what changes together lives together) and low
# coupling (few, coarse, stable calls across; events instead of chatty synchronous calls). Then check the cut with
# data: a dependency graph without cycles (the components exercise), change history (files that always change
# together in commits should not be split), and traffic (a boundary crossed on every request is in the wrong
# place). Each service owns its data; nobody else reads its tables.


# %% [markdown] course={"kind": "lesson", "id": "data", "covers": ["c-data-architecture", "c-data-models", "c-data-flow", "c-event-driven-data", "c-data-consistency"]}
# ### Data architecture: models, flows, events and consistency
#
# **Data models**: relational (tables and joins, transactions: the default), document (a whole aggregate in one
# JSON document), key-value (lookups by key, caches), wide-column and time-series (large append-heavy data), graph
# (relationships first). Pick per service by its access patterns: each service owns its store.
#
# **Data flow** is where data is born, where it is copied and transformed, and who reads it; draw it (a data-flow
# diagram) before building, because every arrow is a contract, a latency and a place to lose data.
# **Event-driven data** shares changes as events (20.1, 20.2) instead of shared tables: other services keep their
# own read copies, up to date *eventually*.
#
# **Consistency** across services is the hard part. The **dual-write problem**: code that writes its database
# and then publishes an event can crash between the two, so the two disagree for good. The fixes: the **outbox**
# (write the event into the same database transaction and relay it later: 20.2) or **change data capture** (CDC:
# a tool such as Debezium reads the database's own change log, e.g. PostgreSQL's WAL, and publishes each committed
# change). Within a service, use transactions; across services, accept eventual consistency and design for it
# (idempotent consumers, sagas with compensations).
#
# The demo draws a flow as **Mermaid** text, which GitHub, GitLab and many wikis render as a diagram; the next
# exercise generates such text from a description.

# %% course={"kind": "demo"}
print("flowchart LR")
print('    n1["orders-db"] -->|WAL via CDC| n2["kafka: orders"]')
print('    n2 -->|consume| n3["search-index"]')
print('    n2 -->|consume| n4["billing"]')


# %% [markdown] course={"kind": "text"}
# The dual-write problem, run: each way of placing an order commits to SQLite, then the process dies before it
# publishes. `broker` stands in for a message broker (a plain list: no Kafka here). Order 1 (write, then publish)
# is in the database but never announced; order 2 (outbox) is announced once the relay runs after the restart.

# %% course={"kind": "demo"}
shop_db = sqlite3.connect(":memory:")
shop_db.execute("CREATE TABLE orders (id INTEGER PRIMARY KEY, total INTEGER)")
shop_db.execute("CREATE TABLE outbox (id INTEGER PRIMARY KEY, event TEXT)")
broker: list[str] = []


def place_then_publish(total: int) -> None:
    with shop_db:  # commit the order ...
        shop_db.execute("INSERT INTO orders (total) VALUES (?)", (total,))
    raise SystemExit("killed")  # ... and die before broker.append(...) runs


def place_with_outbox(total: int) -> None:
    with shop_db:  # the order and its event commit together, in one transaction
        cur = shop_db.execute("INSERT INTO orders (total) VALUES (?)", (total,))
        shop_db.execute("INSERT INTO outbox (event) VALUES (?)", (f"order {cur.lastrowid} placed",))
    raise SystemExit("killed")


def relay() -> None:
    """A separate loop: publish what waits in the outbox, then delete it (at-least-once)."""
    for row_id, event in shop_db.execute("SELECT id, event FROM outbox ORDER BY id").fetchall():
        broker.append(event)
        with shop_db:
            shop_db.execute("DELETE FROM outbox WHERE id = ?", (row_id,))


for place in (place_then_publish, place_with_outbox):
    try:
        place(30)
    except SystemExit:
        pass
relay()  # after the restart
print("orders in the database:", shop_db.execute("SELECT id FROM orders").fetchall())
print("events other services saw:", broker)


# %% [markdown] course={"kind": "exercise", "id": "flow-diagram", "item": "x-create-a-data-flow-diagram"}
# ### Generate a data-flow diagram (Mermaid)
#
# A pipeline is a list of flows `(source, target, label)`, where `label` may be `None`. Write
# `to_mermaid(flows) -> str`, the same text for the same input on every run:
#
# - the first line `flowchart LR`;
# - then each node once, in order of first appearance (sources before targets within a flow), as
#   `    nK["name"]` with `K` = 1, 2, ... in that order (four spaces in front); a `"` inside a name is written
#   `#quot;` (Mermaid's escape);
# - then each flow, in the given order, as `    nA -->|label| nB`, or `    nA --> nB` without a label; a flow
#   exactly equal to an earlier one is left out;
# - lines joined with `"\n"`, no newline at the end.
#
# ```python
# print(to_mermaid([("app", "db", "writes"), ("db", "cdc", None)]))
# # flowchart LR
# #     n1["app"]
# #     n2["db"]
# #     n3["cdc"]
# #     n1 -->|writes| n2
# #     n2 --> n3
# ```

# %% [markdown] course={"kind": "hint"}
# A dict `ids = {}` filled with `ids.setdefault(name, f"n{len(ids) + 1}")` for source then target keeps the order.

# %% [markdown] course={"kind": "hint"}
# Keep a `set` of flows already written to leave out exact repeats.

# %% course={"kind": "solution"}
def to_mermaid(flows: list[tuple[str, str, str | None]]) -> str:
    ### BEGIN SOLUTION
    ids: dict[str, str] = {}
    for source, target, _ in flows:
        for name in (source, target):
            if name not in ids:
                ids[name] = f"n{len(ids) + 1}"
    lines = ["flowchart LR"]
    lines += [f'    {node}["{name.replace(chr(34), "#quot;")}"]' for name, node in ids.items()]
    done = set()
    for flow in flows:
        if flow in done:
            continue
        done.add(flow)
        source, target, label = flow
        arrow = "-->" if label is None else f"-->|{label}|"
        lines.append(f"    {ids[source]} {arrow} {ids[target]}")
    return "\n".join(lines)
    ### END SOLUTION


# %% course={"kind": "test", "points": 2}
expected = '\n'.join(['flowchart LR', '    n1["app"]', '    n2["db"]', '    n3["cdc"]', '    n1 -->|writes| n2', '    n2 --> n3'])
assert to_mermaid([("app", "db", "writes"), ("db", "cdc", None)]) == expected
assert to_mermaid([]) == "flowchart LR", "no flows: just the header"
### BEGIN HIDDEN TESTS
assert to_mermaid([("a", "a", None)]) == '\n'.join(['flowchart LR', '    n1["a"]', '    n1 --> n1'])
### END HIDDEN TESTS

# %% course={"kind": "test", "points": 3}
flows = [("z-source", "m-stage", "raw"), ("m-stage", "a-sink", None), ("z-source", "m-stage", "raw"), ("z-source", "m-stage", "retry")]
text = to_mermaid(flows)
assert text.splitlines()[1:4] == ['    n1["z-source"]', '    n2["m-stage"]', '    n3["a-sink"]'], "first appearance, not name order"
assert text.splitlines()[4:] == ["    n1 -->|raw| n2", "    n2 --> n3", "    n1 -->|retry| n2"], "repeats left out, order kept"
### BEGIN HIDDEN TESTS
quoted = to_mermaid([('the "big" db', "x", None)])
assert quoted.splitlines()[1] == '    n1["the #quot;big#quot; db"]', quoted
assert not text.endswith("\n") and to_mermaid(flows) == text
many = [(f"s{i}", f"s{i + 1}", None) for i in range(11)]
assert to_mermaid(many).splitlines()[12] == '    n12["s11"]' and to_mermaid(many).splitlines()[-1] == "    n11 --> n12"
### END HIDDEN TESTS

# %% course={"kind": "wrong", "id": "sorted-nodes"}
def to_mermaid(flows):
    names = sorted({name for s, t, _ in flows for name in (s, t)})
    ids = {name: f"n{k + 1}" for k, name in enumerate(names)}
    lines = ["flowchart LR"] + [f'    {ids[n]}["{n.replace(chr(34), "#quot;")}"]' for n in names]
    done = set()
    for flow in flows:
        if flow not in done:
            done.add(flow)
            s, t, label = flow
            lines.append(f"    {ids[s]} {'-->' if label is None else f'-->|{label}|'} {ids[t]}")
    return "\n".join(lines)

# %% course={"kind": "wrong", "id": "set-of-flows"}
def to_mermaid(flows):
    ids = {}
    for s, t, _ in flows:
        for name in (s, t):
            ids.setdefault(name, f"n{len(ids) + 1}")
    lines = ["flowchart LR"] + [f'    {node}["{name.replace(chr(34), "#quot;")}"]' for name, node in ids.items()]
    for s, t, label in sorted(set(flows), key=str):
        lines.append(f"    {ids[s]} {'-->' if label is None else f'-->|{label}|'} {ids[t]}")
    return "\n".join(lines)

# %% course={"kind": "wrong", "id": "unescaped-quote"}
def to_mermaid(flows):
    ids = {}
    for s, t, _ in flows:
        for name in (s, t):
            ids.setdefault(name, f"n{len(ids) + 1}")
    lines = ["flowchart LR"] + [f'    {node}["{name}"]' for name, node in ids.items()]
    done = set()
    for flow in flows:
        if flow not in done:
            done.add(flow)
            s, t, label = flow
            lines.append(f"    {ids[s]} {'-->' if label is None else f'-->|{label}|'} {ids[t]}")
    return "\n".join(lines) + "\n"


# %% [markdown] course={"kind": "task", "id": "shop-api-design", "points": 3, "item": "x-design-an-api-for-a-complex-domain"}
# ### Design task: the API of a marketplace
#
# Sellers list products, buyers place orders with items from several sellers, payments can fail and be retried,
# sellers ship their part separately, and buyers can return one item. Write (in markdown, in a cell below) the
# resources and their URLs, the methods and status codes of each, how an order is created safely when the client
# retries (idempotency), how listings are paginated, how errors look, and one change you expect next year and how
# your design takes it without a new version. Run your request/response shapes through `breaking_changes` for
# that change.

# %% [markdown] course={"kind": "rubric"}
# - Resources are nouns that follow the domain (orders, order items, shipments per seller, returns, payments as a
#   sub-resource or their own), with consistent URLs; state changes that are not CRUD are modelled as resources
#   (`POST /orders/{id}/returns`) or explicit actions, with reasons (1 point).
# - Methods and status codes are right: `201` + `Location`, `404`/`405`/`409`/`422`, idempotency key on `POST
#   /orders` with the replay behaviour spelled out; cursor pagination with an opaque cursor (1 point).
# - Evolution: errors with stable codes, an additive change checked as non-breaking, a deprecation path stated
#   (1 point).


# %% [markdown] course={"kind": "task", "id": "idp-architecture", "points": 5, "item": "project-22-2-1"}
# ### Project 22.2.1: the architecture of an internal developer platform
#
# Design an internal developer platform for about 40 product teams running Python services. Cover: a **service
# catalog** (what exists, who owns it, its dependencies: feed it to `components` to spot cycles), **self-service
# deployment** (from a template to production without a ticket), **resource provisioning** (a database, a queue, a
# bucket per service, with quotas per team), **monitoring integration** (every new service gets metrics, logs,
# traces and alerts by default: 18.x), and **documentation**. Deliver a diagram in text (ASCII or Mermaid made with
# your `to_mermaid`), the platform's own API (three to five endpoints, checked with `route` for conflicts), the
# tenancy model you chose for teams, how you will measure developer experience, and a one-page rollout plan.
# Compare with the worked answer below only after writing yours.

# %% [markdown] course={"kind": "rubric"}
# - The five parts are present and connected: the catalog is the source of truth that deployment, provisioning
#   and monitoring read; ownership is recorded for every service (1 point).
# - Self-service is real: a golden-path template, one API/CLI call or pull request to create, deploy and
#   provision, guardrails (quotas, policies) instead of approvals; failure and rollback are described (1 point).
# - Tenancy and isolation between teams are chosen with reasons (pool with quotas, namespaces, silo for
#   special cases) and noisy neighbours are handled (1 point).
# - Developer experience is measured (time to first deploy, lead time, deployment frequency, change failure rate,
#   survey) with a target, and the platform is run as a product (users interviewed, roadmap, versioned API,
#   deprecation policy) (1 point).
# - The diagram is readable and matches the text; trade-offs and what is left out are stated (1 point).

# %% [markdown] course={"kind": "lesson", "id": "idp-worked", "covers": ["c-self-service", "c-platform-as-a-product", "c-developer-experience"]}
# ### Project 22.2.1, a worked answer
#
# ```
#                     ┌────────────── developer portal / CLI (docs, templates, scorecards) ──────────────┐
#                     ▼                                   ▼                                            ▼
#   [platform API] ── catalog (services, owners, deps) ── golden-path templates ── provisioning controllers
#        │                    │                                   │                          │
#        ▼                    ▼                                   ▼                          ▼
#   CI/CD pipelines ──► deploy (Kubernetes namespace per team) ──► observability (metrics, logs, traces, alerts)
# ```
#
# - **Catalog**: one `service.yaml` per repository (name, owner team, tier, dependencies, runbook link); the platform
#   indexes them; a nightly job runs the component analysis and flags new cycles to the owners.
# - **Self-service deployment**: `platform new service --template python-api` creates a repository from a golden
#   path (FastAPI, tests, Dockerfile, CI, dashboards, alerts as code); merging to main deploys to staging, a tag to
#   production with a canary (15.4); rollback is one command.
# - **Provisioning**: resources are declared in the same `service.yaml` (`postgres: small`, `queue: orders`);
#   controllers create them with per-team quotas (pool model with quotas; silo clusters only for regulated data).
# - **Monitoring**: the template wires OpenTelemetry and the standard RED dashboards; alerts route to the owner
#   from the catalog.
# - **Documentation**: docs live next to the code and are published in the portal; every template has a tutorial.
# - **API**: `GET /services`, `GET /services/{name}`, `POST /services` (from a template, idempotency key),
#   `POST /services/{name}/deployments`, `POST /services/{name}/resources`.
# - **Developer experience**: targets of under one day to the first production deploy of a new service and under
#   one hour of lead time; DORA metrics per team from the pipelines; a quarterly survey; the platform team keeps
#   a public roadmap, versions its API and deprecates with notice.
# - **Rollout**: start with two volunteer teams, measure, fix the top complaints, then open it to everyone;
#   adoption is earned, old paths are kept until usage is low.
#
# A check of the worked API, computed: two routes of one method are *ambiguous* when they have as many segments
# and every segment pair is equal or both are parameters (then neither is more specific). None here; the
# deliberately added `/services/{id}` would clash with `/services/{name}`.

# %% course={"kind": "demo"}
platform_api = [
    ("GET", "/services"),
    ("GET", "/services/{name}"),
    ("POST", "/services"),
    ("POST", "/services/{name}/deployments"),
    ("POST", "/services/{name}/resources"),
]


def same_shape(one: str, two: str) -> bool:
    a, b = one.split("/"), two.split("/")
    return len(a) == len(b) and all(x == y or (x[:1] == "{" and y[:1] == "{") for x, y in zip(a, b))


for api in (platform_api, platform_api + [("GET", "/services/{id}")]):
    clashes = [(m1, p1, p2) for k, (m1, p1) in enumerate(api) for m2, p2 in api[k + 1 :] if m1 == m2 and same_shape(p1, p2)]
    print(len(api), "routes, ambiguous pairs:", clashes)
