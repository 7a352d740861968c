# ---
# jupyter:
#   jupytext:
#     text_representation:
#       extension: .py
#       format_name: percent
# ---

# %% [markdown] course={"kind": "intro"}
# **By the end of this section** you can use a real PostgreSQL from Python the way production code does: its types
# (JSONB, arrays, UUID, time zones), upserts, indexes you check with EXPLAIN, window functions, CTEs, transactions
# and row locks that stay correct when two connections race, all through psycopg 3 with parameters, never f-strings.

# %% course={"kind": "setup", "id": "postgres"}
# A real PostgreSQL 16 runs for this notebook: started here once (a few seconds), on a Unix socket in a temporary
# folder, TCP switched off, and stopped when the kernel stops (with DATABASE_URL set, that server is used instead).
# `fresh_database(script)` makes a new empty schema there, runs `script` in it and yields a URL whose connections
# use it; after the block the schema is dropped with everything in it: every example and test starts clean.
# `exactly(rows, expected)` (from 13.1) compares rows with the same type in every place.
import psycopg
from psycopg.types.json import Jsonb

from course.runtime.postgres import fresh_database, shared_postgres
from course.runtime.sql import exactly

shared_postgres()


def pg_rows(sql: str, script: str = "", params: object = None) -> list:
    """The rows `sql` (with `params`) returns on a fresh database made by `script`."""
    with fresh_database(script) as url, psycopg.connect(url) as conn:
        return conn.execute(sql, params).fetchall()


def plan_text(conn: psycopg.Connection, sql: str, params: object = None) -> str:
    """PostgreSQL's plan for `sql`, as the text EXPLAIN prints (the query is not run)."""
    return "\n".join(row[0] for row in conn.execute("EXPLAIN " + sql, params).fetchall())


# The tables several lessons and exercises use:
READINGS = """CREATE TABLE readings (host text NOT NULL, ts timestamptz NOT NULL, bytes bigint NOT NULL);
INSERT INTO readings VALUES
 ('a', '2026-11-30 10:00+00', 100), ('a', '2026-11-30 10:01+00', 160), ('a', '2026-11-30 10:02+00', 400),
 ('b', '2026-11-30 10:00+00', 50), ('b', '2026-11-30 10:01+00', 50);"""
TEAM_PEOPLE = (
    "CREATE TABLE teams (id int PRIMARY KEY, name text NOT NULL);"
    "CREATE TABLE people (id int PRIMARY KEY, team_id int REFERENCES teams(id), name text NOT NULL);"
    "INSERT INTO teams SELECT g, 'team ' || g FROM generate_series(1, 20) g;"
    "INSERT INTO people SELECT g, g % 20 + 1, 'p' || g FROM generate_series(1, 3000) g;"
    "ANALYZE teams, people;"
)

with psycopg.connect(shared_postgres()) as conn:
    print(conn.execute("SELECT version()").fetchone()[0].split(",")[0])

# %% [markdown] course={"kind": "lesson", "id": "pg-types", "covers": ["c-postgresql-specifics", "c-data-types-array-json-jsonb-uuid", "c-serial-and-identity-columns", "c-text-search"]}
# ### What PostgreSQL adds: real types, identity columns, upserts, text search
#
# SQLite (13.1) stores almost anything in any column. PostgreSQL checks every value against the column's type, and
# it has types that save you a side table: `text[]` arrays, `jsonb` documents, `uuid`, and `timestamptz`, an instant
# in time that psycopg hands back as a Python `datetime` *with* a time zone. Keys come from
# `GENERATED ALWAYS AS IDENTITY` (the SQL-standard successor of `serial`: an insert cannot smuggle in its own id
# unless it says `OVERRIDING SYSTEM VALUE`). `INSERT ... ON CONFLICT` turns "insert or update" into one atomic
# statement, which is what a DevOps inventory or an MLOps model registry does all day.
#
# The mistake people make: treating `timestamp` (without time zone) as if it were an instant. It is a wall-clock
# reading with no zone; `timestamptz` stores the instant (in UTC) and shows it in the session's zone.

# %% course={"kind": "demo"}
import uuid
from datetime import datetime, timezone

with fresh_database() as url, psycopg.connect(url) as conn:
    conn.execute(
        "CREATE TABLE deploys (id int GENERATED ALWAYS AS IDENTITY PRIMARY KEY, ref uuid NOT NULL DEFAULT gen_random_uuid(),"
        " service text NOT NULL, tags text[] NOT NULL DEFAULT '{}', meta jsonb NOT NULL DEFAULT '{}',"
        " at timestamptz NOT NULL)"
    )
    conn.execute(
        "INSERT INTO deploys (service, tags, meta, at) VALUES (%s, %s, %s, %s)",
        ("api", ["prod", "eu"], Jsonb({"replicas": 3, "image": "api:1.4"}), datetime(2026, 11, 30, 23, 0, tzinfo=timezone.utc)),
    )
    row = conn.execute("SELECT id, ref, tags, meta, at FROM deploys").fetchone()
    for value in row:
        print(type(value).__name__.ljust(9), repr(value) if not isinstance(value, uuid.UUID) else "a random UUID")
    try:
        conn.execute("INSERT INTO deploys (id, service, at) VALUES (7, 'x', now())")
    except psycopg.errors.GeneratedAlways as error:
        print("own id refused:", str(error).splitlines()[0])

# %% [markdown] course={"kind": "text"}
# An upsert names the unique column it may collide on; `EXCLUDED` is the row that was refused, the table's name is the
# row already there. `RETURNING` gives back what was written, so no second query is needed (and none can race).

# %% course={"kind": "demo"}
with fresh_database("CREATE TABLE seen (host text PRIMARY KEY, count int NOT NULL DEFAULT 1)") as url, psycopg.connect(url) as conn:
    for host in ["web-1", "web-2", "web-1", "web-1"]:
        (count,) = conn.execute(
            "INSERT INTO seen (host) VALUES (%s) ON CONFLICT (host) DO UPDATE SET count = seen.count + 1 RETURNING count",
            (host,),
        ).fetchone()
        print(host, count)

# %% [markdown] course={"kind": "text"}
# Full-text search is built in: `to_tsvector` reduces a text to stemmed words (the `english` configuration drops
# stop words and stems `failing` to `fail`), `to_tsquery` / `plainto_tsquery` build the query, `@@` matches, and a GIN
# index on the `tsvector` makes it fast. It is good enough for searching logs or runbooks before you reach for
# Elasticsearch.

# %% course={"kind": "demo"}
LOGS = (
    "CREATE TABLE logs (id int PRIMARY KEY, line text NOT NULL);"
    "INSERT INTO logs VALUES (1, 'disk is failing on db-2'), (2, 'deploy finished'), (3, 'two disks failed, raid degraded');"
)
with fresh_database(LOGS) as url, psycopg.connect(url) as conn:
    print(conn.execute("SELECT to_tsvector('english', 'The disks are failing')::text").fetchone()[0])
    query = "SELECT id FROM logs WHERE to_tsvector('english', line) @@ plainto_tsquery('english', %s) ORDER BY id"
    print(conn.execute(query, ("disk fails",)).fetchall())

# %% [markdown] course={"kind": "lesson", "id": "json", "covers": ["c-json-operations", "c-json-vs-jsonb", "c-json-operators", "c-json-functions", "c-indexing-json"]}
# ### JSON and JSONB
#
# `json` keeps the text exactly as sent (spaces, key order, duplicate keys) and parses it at every read; `jsonb`
# stores a parsed binary form: keys unique (the last duplicate wins) and in its own order (shorter keys first), faster
# to query, and indexable. Use `jsonb` unless you must give back the document byte for byte. Operators: `->`
# gives a JSON value, `->>` gives text, `#>>` follows a path, `@>` asks "contains this", `?` asks "has this key", `||` merges (right side wins),
# `-` removes a key. Functions: `jsonb_set`, `jsonb_array_elements`, `jsonb_each`, `jsonb_build_object`,
# `jsonb_agg`. A GIN index makes `@>` and `?` fast on a whole column.
#
# The mistake people make: mixing `->` and `->>`. `doc->'port' = '80'` compares JSON values (the literal becomes
# the JSON number 80), so it misses `{"port": "80"}`; `doc->>'port' = '80'` compares text and matches both. A number
# and a string are different JSON values: decide which one you mean (`{"port": 80}` does not contain `{"port": "80"}`).

# %% course={"kind": "demo"}
with psycopg.connect(shared_postgres()) as conn:  # no table needed: the server's own database will do
    print(conn.execute("""SELECT '{"b": 1, "a": 2, "b": 3}'::json::text, '{"b": 1, "a": 2, "b": 3}'::jsonb::text""").fetchone())
DOCS = """CREATE TABLE services (id int PRIMARY KEY, doc jsonb NOT NULL);
INSERT INTO services VALUES
 (1, '{"name": "api", "port": 80, "tags": ["prod", "eu"], "owner": {"team": "core"}}'),
 (2, '{"name": "etl", "port": "80", "tags": ["batch"]}'),
 (3, '{"name": "ui", "port": 443, "tags": ["prod"], "owner": {"team": "web"}}');"""
with fresh_database(DOCS) as url, psycopg.connect(url) as conn:
    for query in [
        "SELECT doc->>'name', doc->'port', doc#>>'{owner,team}' FROM services ORDER BY id",
        """SELECT id FROM services WHERE doc @> '{"port": 80}' ORDER BY id""",
        """SELECT id FROM services WHERE doc->'tags' ? 'prod' ORDER BY id""",
        """SELECT jsonb_set(doc, '{port}', '8080') - 'tags' FROM services WHERE id = 1""",
        "SELECT tag, count(*) FROM services, jsonb_array_elements_text(doc->'tags') AS tag GROUP BY tag ORDER BY tag",
    ]:
        print(query, "\n   ", conn.execute(query).fetchall())

# %% [markdown] course={"kind": "text"}
# A GIN index stores every key and value of every document. On a table with enough rows, `@>` uses it (the plan's
# `Bitmap Index Scan on ...`); on a handful of rows a sequential scan is cheaper and the planner rightly takes it.

# %% course={"kind": "demo"}
SERVICES = (
    "CREATE TABLE services (id int PRIMARY KEY, doc jsonb NOT NULL);"
    "INSERT INTO services SELECT g, jsonb_build_object('name', 'svc' || g, 'team', 'team' || (g % 50)) FROM generate_series(1, 5000) g;"
    "CREATE INDEX services_doc_gin ON services USING gin (doc);"
    "ANALYZE services;"
)
with fresh_database(SERVICES) as url, psycopg.connect(url) as conn:
    print(plan_text(conn, "SELECT id FROM services WHERE doc @> %s", (Jsonb({"team": "team7"}),)))
# %% [markdown] course={"kind": "lesson", "id": "indexes", "covers": ["c-indexing", "c-b-tree-indexes", "c-hash-indexes", "c-gin-indexes-for-json-arrays", "c-partial-indexes", "c-expression-indexes", "c-index-performance"]}
# ### Indexes: B-tree, hash, GIN, partial, expression
#
# A **B-tree** (the default) keeps keys sorted: it answers `=`, `<`, `BETWEEN`, `ORDER BY ... LIMIT` and prefix
# `LIKE 'abc%'` (in the C collation). A **hash** index answers only `=`, and is rarely better than a B-tree. **GIN**
# indexes the parts of a value (array elements, JSONB keys and values, words of a `tsvector`). A **partial** index
# (`... WHERE status = 'queued'`) holds only the rows a hot query asks for: small, and cheap to keep up to date. An
# **expression** index (`ON users (lower(email))`) is used only by queries that write the *same* expression.
#
# Every index costs: each insert and update writes to it, and it takes disk and memory. Add the index a slow query
# needs, check that the plan uses it, and drop indexes nothing uses (`pg_stat_user_indexes.idx_scan`). The mistake
# people make: indexing `email` and then querying `lower(email) = ...`; the plan stays a sequential scan.

# %% course={"kind": "demo"}
USERS = (
    "CREATE TABLE users (id int PRIMARY KEY, email text NOT NULL);"
    "INSERT INTO users SELECT g, 'User' || g || '@Example.com' FROM generate_series(1, 5000) g;"
    "CREATE INDEX users_email_idx ON users (email);"
    "ANALYZE users;"
)
QUERY = "SELECT id FROM users WHERE lower(email) = %s"
with fresh_database(USERS) as url, psycopg.connect(url) as conn:
    print(plan_text(conn, QUERY, ("user42@example.com",)), end="\n\n")
    conn.execute("CREATE INDEX users_email_lower_idx ON users (lower(email))")
    conn.execute("ANALYZE users")
    print(plan_text(conn, QUERY, ("user42@example.com",)))
    sizes = conn.execute(
        "SELECT relname, pg_relation_size(oid) / 8192 FROM pg_class WHERE relnamespace = current_schema()::regnamespace"
        " ORDER BY relname"
    ).fetchall()
    print("pages:", sizes)

# %% [markdown] course={"kind": "lesson", "id": "planning", "covers": ["c-query-planning", "c-explain-and-explain-analyze", "c-reading-query-plans", "c-cost-estimation", "c-index-usage"]}
# ### Reading EXPLAIN
#
# `EXPLAIN` shows the plan the planner chose, without running the query; `EXPLAIN ANALYZE` *runs* it (an `UPDATE`
# really updates: wrap it in a transaction you roll back) and adds the real row counts and times. A plan is a tree:
# read it inside out, the most indented nodes run first and feed their parent. The node names are the story:
# `Seq Scan` (reads the whole table), `Index Scan` / `Index Only Scan` / `Bitmap Index Scan` + `Bitmap Heap Scan`
# (an index found the rows), `Hash Join` / `Merge Join` / `Nested Loop`, `Sort`, `Aggregate`, `Limit`.
#
# `cost=a..b` is the planner's estimate in arbitrary units (start-up..total), from table statistics that `ANALYZE`
# (or autovacuum) collects; `rows=` is its guess of the row count. When `EXPLAIN ANALYZE`'s actual rows differ from
# the estimate by a factor of 10 or more, the statistics are stale or the predicate is hard to estimate, and that is
# usually why a plan is bad. The mistake people make: comparing timings of one run on a laptop. Compare plans (which
# nodes, which index) and, with `EXPLAIN (ANALYZE, BUFFERS)`, how many pages were read.

# %% course={"kind": "demo"}
with fresh_database(TEAM_PEOPLE) as url, psycopg.connect(url) as conn:
    print(plan_text(conn, "SELECT p.name, t.name FROM people p JOIN teams t ON t.id = p.team_id ORDER BY p.name"), end="\n\n")
    print(plan_text(conn, "SELECT name FROM people WHERE id = %s", (5,)), end="\n\n")
    analyzed = conn.execute("EXPLAIN (ANALYZE, COSTS OFF, TIMING OFF, SUMMARY OFF) SELECT count(*) FROM people WHERE team_id = 3").fetchall()
    print("\n".join(line for (line,) in analyzed))

# %% [markdown] course={"kind": "lesson", "id": "transactions", "covers": ["c-transactions", "c-acid-properties", "c-begin-commit-rollback", "c-isolation-levels", "c-locking"]}
# ### Transactions, isolation and locks
#
# A transaction is **atomic** (all of it or none), keeps the data **consistent** (constraints hold at commit),
# **isolated** (others do not see it half done) and **durable** (committed means on disk). psycopg 3 opens a
# transaction at the first statement of a connection that is not in autocommit mode; `conn.commit()` /
# `conn.rollback()` end it, and `with conn.transaction():` commits the block, or rolls it back if it raises.
#
# Isolation levels decide what a transaction sees of others' commits. PostgreSQL's default, **READ COMMITTED**, takes
# a fresh snapshot for every statement; **REPEATABLE READ** keeps one snapshot for the whole transaction and refuses
# to update a row someone else changed since (`SerializationFailure`: retry the transaction); **SERIALIZABLE** also
# catches anomalies between different rows. The mistake people make: read a value, compute in Python, write it back,
# at READ COMMITTED. Two workers doing that lose one update, and no error says so. Below, connection `b` commits
# between `a`'s read and `a`'s write, in that order every time (nothing runs in parallel: the steps are ours).

# %% course={"kind": "demo"}
ACCOUNTS = (
    "CREATE TABLE accounts (id int PRIMARY KEY, cents int NOT NULL CHECK (cents >= 0));"
    "INSERT INTO accounts VALUES (1, 100), (2, 0);"
)
for level in [psycopg.IsolationLevel.READ_COMMITTED, psycopg.IsolationLevel.REPEATABLE_READ]:
    with fresh_database(ACCOUNTS) as url, psycopg.connect(url) as a, psycopg.connect(url) as b:
        a.isolation_level = level
        (cents,) = a.execute("SELECT cents FROM accounts WHERE id = 1").fetchone()  # a reads 100
        b.execute("UPDATE accounts SET cents = cents - 30 WHERE id = 1")  # b takes 30 and commits
        b.commit()
        try:
            a.execute("UPDATE accounts SET cents = %s WHERE id = 1", (cents - 50,))  # a writes 100 - 50
            a.commit()
        except psycopg.errors.SerializationFailure as error:
            a.rollback()
            print(level.name, "->", type(error).__name__, "(a must retry)")
        final = b.execute("SELECT cents FROM accounts WHERE id = 1").fetchone()[0]
        print(level.name, "final balance", final, "(b's 30 is lost)" if final == 50 else "")

# %% [markdown] course={"kind": "text"}
# The fix at any level is to let the database do the arithmetic (`SET cents = cents - 50`), or to lock the row while
# you decide: `SELECT ... FOR UPDATE` makes every other writer (and every other `FOR UPDATE`) wait until you commit.
# `NOWAIT` fails at once instead of waiting, and `SKIP LOCKED` skips rows someone holds: the classic job queue, where
# each worker takes the next job nobody else has. A transaction that breaks a constraint is rolled back whole:

# %% course={"kind": "demo"}
with fresh_database(ACCOUNTS) as url, psycopg.connect(url) as a, psycopg.connect(url) as b:
    a.execute("SELECT cents FROM accounts WHERE id = 1 FOR UPDATE")  # a holds row 1 until it commits
    try:
        b.execute("SELECT cents FROM accounts WHERE id = 1 FOR UPDATE NOWAIT")
    except psycopg.errors.LockNotAvailable:
        b.rollback()
        print("b: row 1 is locked")
    print("b skips it:", b.execute("SELECT id FROM accounts ORDER BY id FOR UPDATE SKIP LOCKED LIMIT 1").fetchall())
    b.rollback()
    a.rollback()
    try:
        with a.transaction():
            a.execute("UPDATE accounts SET cents = cents + 500 WHERE id = 2")
            a.execute("UPDATE accounts SET cents = cents - 500 WHERE id = 1")  # 100 - 500 breaks the CHECK
    except psycopg.errors.CheckViolation:
        print("transfer refused")
    print("both rows unchanged:", a.execute("SELECT id, cents FROM accounts ORDER BY id").fetchall())

# %% [markdown] course={"kind": "text"}
# **psycopg 3 in practice.** Values always travel as parameters (`%s` or `%(name)s`), never formatted into the SQL:
# the server receives them apart from the statement, so a name like `O'Brien` is data, never SQL. Table and column
# names cannot be parameters; build them with `psycopg.sql.Identifier`. For bulk loads `COPY ... FROM STDIN` streams
# rows in one command, far fewer round trips than one `INSERT` per row. Opening a connection costs a process on the
# server and several round trips, so services keep a **pool** of open connections (`psycopg_pool.ConnectionPool`,
# from the separate `psycopg-pool` package, or PgBouncer in front of the server) and borrow one per request.

# %% course={"kind": "demo"}
from psycopg import sql

with fresh_database("CREATE TABLE people (name text NOT NULL, team text NOT NULL)") as url, psycopg.connect(url) as conn:
    name = "O'Brien"
    try:
        conn.execute(f"INSERT INTO people VALUES ('{name}', 'core')")  # formatted in: the quote ends the string
    except psycopg.errors.SyntaxError as error:
        conn.rollback()
        print("formatted:", str(error).splitlines()[0])
    conn.execute("INSERT INTO people VALUES (%s, %s)", (name, "core"))  # a parameter: just data
    with conn.cursor().copy("COPY people (name, team) FROM STDIN") as copy:
        for i in range(1000):
            copy.write_row((f"user{i}", "batch"))
    query = sql.SQL("SELECT {col}, count(*) FROM people GROUP BY {col} ORDER BY {col}").format(col=sql.Identifier("team"))
    print(conn.execute(query).fetchall())

# %% [markdown] course={"kind": "lesson", "id": "windows", "covers": ["c-window-functions", "c-row-number-rank-dense-rank", "c-lag-lead", "c-sum-avg-over-windows", "c-partition-by"]}
# ### Window functions in PostgreSQL
#
# 13.1 introduced `ROW_NUMBER`, `RANK` and `DENSE_RANK`. In PostgreSQL they work the same way, and the ones you use
# most on metrics are `LAG` / `LEAD` (the previous / next row's value in the window: counters become per-interval
# deltas) and aggregates with a frame: `AVG(x) OVER (PARTITION BY host ORDER BY ts ROWS BETWEEN 2 PRECEDING AND
# CURRENT ROW)` is a moving average over three readings. `PARTITION BY` restarts the window for each group; without
# it, one host's last reading becomes the next host's "previous". The mistake people make: a `SUM(...) OVER (ORDER BY
# ts)` with ties in `ts`: the default frame (`RANGE`) adds all tied rows at once; say `ROWS` when you mean rows.
# (Types: `SUM` of a `bigint` and `AVG` of integers are `numeric` in PostgreSQL, so psycopg hands them back as
# `decimal.Decimal`, as the demo shows; SQLite gave plain `int` and `float`.)

# %% course={"kind": "demo"}
for row in pg_rows(
    "SELECT host, bytes, bytes - LAG(bytes) OVER w AS delta, LEAD(bytes) OVER w AS next,"
    " ROW_NUMBER() OVER w AS n, SUM(bytes) OVER w AS running,"
    " round(AVG(bytes) OVER (PARTITION BY host ORDER BY ts ROWS BETWEEN 1 PRECEDING AND CURRENT ROW), 1) AS avg2"
    " FROM readings WINDOW w AS (PARTITION BY host ORDER BY ts) ORDER BY host, ts",
    READINGS,
):
    print(row)

# %% [markdown] course={"kind": "lesson", "id": "ctes", "covers": ["c-ctes-common-table-expressions", "c-with-clause", "c-recursive-ctes"]}
# ### CTEs and recursive CTEs
#
# `WITH name AS (SELECT ...)` names a subquery so a long query reads top to bottom. Since PostgreSQL 12 a CTE used
# once is inlined into the main query (before 12 it was always computed on its own, an "optimization fence"; write
# `AS MATERIALIZED` to ask for that). PostgreSQL also allows data-modifying CTEs: `WITH moved AS (DELETE ... RETURNING
# *) INSERT INTO archive SELECT * FROM moved` moves rows in one statement. `WITH RECURSIVE` walks trees and graphs:
# service dependencies, org charts, folder trees. The mistake people make: a recursive CTE over a graph with a cycle
# never ends; keep the path in an array and stop when a node is already on it.

# %% course={"kind": "demo"}
DEPENDS = """CREATE TABLE depends (service text NOT NULL, needs text NOT NULL);
INSERT INTO depends VALUES ('web', 'api'), ('api', 'db'), ('api', 'cache'), ('cache', 'api'), ('worker', 'db');"""
print(pg_rows(
    "WITH RECURSIVE walk(service, path) AS ("
    "   SELECT needs, ARRAY['web', needs] FROM depends WHERE service = 'web'"
    "   UNION ALL"
    "   SELECT d.needs, w.path || d.needs FROM walk w JOIN depends d ON d.service = w.service"
    "   WHERE d.needs <> ALL(w.path))"
    " SELECT service, array_to_string(path, ' > ') FROM walk ORDER BY path",
    DEPENDS,
))
print(pg_rows(
    "WITH moved AS (DELETE FROM depends WHERE service = 'worker' RETURNING *) SELECT count(*) FROM moved", DEPENDS
))

# %% [markdown] course={"kind": "answer", "question": "q-how-do-indexes-work"}
# An index is a separate structure that maps values to the rows holding them, so a query can jump to those rows
# instead of reading the whole table. PostgreSQL's default is a B-tree: sorted keys in pages, a few levels deep, so a
# lookup, a range or an `ORDER BY ... LIMIT` touches a handful of pages. GIN indexes the parts of a value (array
# elements, JSONB keys, words) for containment and search; hash answers only equality. Partial indexes cover only
# the rows a hot query needs; expression indexes store `lower(email)` and are used only by queries that say the same.
# Indexes are not free: every write updates them, they use memory and disk, and the planner skips them when a query
# returns a large part of the table (a sequential scan is then cheaper). I add one for a measured slow query and
# check in EXPLAIN that it is used.

# %% [markdown] course={"kind": "answer", "question": "q-how-do-you-read-an-explain-plan"}
# A plan is a tree; I read it from the most indented node outwards, because children feed their parents. First the
# node names: `Seq Scan` on a big table inside a selective query, a `Sort` that spills to disk, or a `Nested Loop`
# over many rows are the usual suspects; `Index Scan using X` tells me which index is used. Then the estimates,
# `cost=start..total` (planner units, not ms) and `rows=`; with `EXPLAIN (ANALYZE, BUFFERS)` the actual rows, loops
# and pages read. A big gap between estimated and actual rows means stale or missing statistics (run `ANALYZE`) or
# a predicate the planner cannot estimate, and that is the usual cause of a bad join choice. I never run `EXPLAIN
# ANALYZE` on a write outside a transaction I roll back: it executes the statement.

# %% [markdown] course={"kind": "answer", "question": "q-what-are-isolation-levels"}
# They say how much one transaction sees of others running at the same time. SQL names four: READ UNCOMMITTED, READ
# COMMITTED, REPEATABLE READ, SERIALIZABLE; PostgreSQL treats READ UNCOMMITTED as READ COMMITTED, its default, where
# each statement sees what was committed when it started. REPEATABLE READ gives the whole transaction one snapshot
# and fails with a serialization error when it would overwrite a row changed since; SERIALIZABLE also detects
# anomalies across rows (write skew) and fails one of the transactions. Stronger levels mean more retries, so code
# that uses them must retry the whole transaction on `SerializationFailure`. At READ COMMITTED I avoid lost updates
# with `UPDATE ... SET x = x - 1`, with `SELECT ... FOR UPDATE`, or with a version column checked in the `WHERE`.

# %% [markdown] course={"kind": "answer", "question": "q-when-would-you-use-jsonb"}
# For data whose shape varies or is owned by someone else: labels and annotations on hosts, feature flags, model
# hyperparameters and metrics, webhook payloads, the body of an event in an event store. JSONB lets me keep those
# next to relational columns, query them with `@>`, `?`, `->>`, and index them with GIN (or an expression index on
# one hot key). I do not use it for fields every row has and every query filters or joins on: those belong in typed
# columns with constraints and foreign keys, which JSONB cannot give. I choose `json` only when the exact text must
# come back unchanged (key order, duplicates, spacing).

# %% [markdown] course={"kind": "exercise", "id": "find-by-attrs", "item": "x-work-with-jsonb-data"}
# ### Find rows by JSONB attributes, with parameters
#
# Table `items (id int PRIMARY KEY, attrs jsonb NOT NULL)`. Write `find_by_attrs(conn, attrs)`: the ids (a `list`
# of `int`, ascending) of the items whose `attrs` contain **every** key and value of the dict `attrs` (an empty
# dict matches every item). Values compare as JSON: `80` is not `"80"`. Pass `attrs` as a query parameter
# (`psycopg.types.json.Jsonb(attrs)`); never format it into the SQL: values may hold quotes.
#
# ```python
# >>> find_by_attrs(conn, {"env": "prod"})      # items 2: {"env": "prod", "port": 80}, 5: {"env": "prod"}
# [2, 5]
# ```

# %% [markdown] course={"kind": "hint"}
# `@>` asks "does the left document contain the right one?"; it checks all keys at once.

# %% [markdown] course={"kind": "hint"}
# `conn.execute("SELECT id FROM items WHERE attrs @> %s ORDER BY id", (Jsonb(attrs),))`, then take the first column
# of every row. A table returns rows in whatever order it stores them unless you say `ORDER BY`.

# %% course={"kind": "solution"}
def find_by_attrs(conn: psycopg.Connection, attrs: dict) -> list[int]:
    ### BEGIN SOLUTION
    rows = conn.execute("SELECT id FROM items WHERE attrs @> %s ORDER BY id", (Jsonb(attrs),)).fetchall()
    return [item_id for (item_id,) in rows]
    ### END SOLUTION


# %% course={"kind": "test", "points": 1}
ITEMS = (
    "CREATE TABLE items (id int PRIMARY KEY, attrs jsonb NOT NULL);"
    """INSERT INTO items VALUES (5, '{"env": "prod"}'), (2, '{"env": "prod", "port": 80}'), (9, '{"env": "dev", "port": 80}'),"""
    """ (3, '{"port": "80", "owner": "O''Brien", "tags": ["a", "b"]}'), (7, '{"env": "", "on": false, "n": 0, "name": "zoë"}');"""
)
with fresh_database(ITEMS) as url, psycopg.connect(url) as conn:
    got = find_by_attrs(conn, {"env": "prod"})
assert got == [2, 5], f"env=prod: expected [2, 5] (ascending ids), got {got!r}"

# %% course={"kind": "test", "points": 1}
with fresh_database(ITEMS) as url, psycopg.connect(url) as conn:
    got = find_by_attrs(conn, {"owner": "O'Brien"})
assert got == [3], f"a value with a quote must be a parameter, not formatted in: expected [3], got {got!r}"
### BEGIN HIDDEN TESTS
with fresh_database(ITEMS) as url, psycopg.connect(url) as conn:
    got = find_by_attrs(conn, {"owner": "x' OR 'a'='a"})
    count = conn.execute("SELECT count(*) FROM items").fetchone()
assert got == [] and count == (5,), f"an injected value is only data: expected [], got {got!r}"
### END HIDDEN TESTS

# %% course={"kind": "test", "points": 2}
with fresh_database(ITEMS) as url, psycopg.connect(url) as conn:
    both = find_by_attrs(conn, {"env": "prod", "port": 80})
    number = find_by_attrs(conn, {"port": 80})
assert both == [2], f"every key must match: env=prod AND port=80 is item 2 only, got {both!r}"
assert number == [2, 9], f"80 (a number) is not \"80\" (a string): expected [2, 9], got {number!r}"
### BEGIN HIDDEN TESTS
with fresh_database(ITEMS) as url, psycopg.connect(url) as conn:
    assert find_by_attrs(conn, {}) == [2, 3, 5, 7, 9], "an empty dict matches every item"
    assert find_by_attrs(conn, {"env": ""}) == [7], "an empty string is a value"
    assert find_by_attrs(conn, {"on": False, "n": 0}) == [7], "false and 0 are values"
    assert find_by_attrs(conn, {"name": "zoë"}) == [7], "unicode"
    assert find_by_attrs(conn, {"name": "ZOË"}) == [], "values compare exactly (case)"
    assert find_by_attrs(conn, {"tags": ["b"]}) == [3], "containment looks inside arrays"
    assert find_by_attrs(conn, {"env": "qa"}) == [], "no match: an empty list"
    got = find_by_attrs(conn, {"env": "prod"})
assert type(got) is list and all(type(i) is int for i in got), f"a list of int, got {got!r}"
### END HIDDEN TESTS

# %% course={"kind": "wrong", "id": "formatted-in", "fails": ["t2"]}
import json


def find_by_attrs(conn: psycopg.Connection, attrs: dict) -> list[int]:
    rows = conn.execute(f"SELECT id FROM items WHERE attrs @> '{json.dumps(attrs)}' ORDER BY id").fetchall()
    return [item_id for (item_id,) in rows]


# %% course={"kind": "wrong", "id": "no-order-by", "fails": ["t1", "t3"]}
def find_by_attrs(conn: psycopg.Connection, attrs: dict) -> list[int]:
    rows = conn.execute("SELECT id FROM items WHERE attrs @> %s", (Jsonb(attrs),)).fetchall()
    return [item_id for (item_id,) in rows]


# %% course={"kind": "wrong", "id": "text-comparison", "fails": ["t3"]}
def find_by_attrs(conn: psycopg.Connection, attrs: dict) -> list[int]:
    ids = None
    for key, value in attrs.items():  # ->> gives text: 80 and "80" both become '80'
        rows = conn.execute("SELECT id FROM items WHERE attrs->>%s = %s", (key, str(value))).fetchall()
        found = {item_id for (item_id,) in rows}
        ids = found if ids is None else ids & found
    if ids is None:
        ids = {item_id for (item_id,) in conn.execute("SELECT id FROM items").fetchall()}
    return sorted(ids)


# %% course={"kind": "wrong", "id": "rows-not-ids", "fails": ["t1", "t2", "t3"]}
def find_by_attrs(conn: psycopg.Connection, attrs: dict) -> list[int]:
    return conn.execute("SELECT id FROM items WHERE attrs @> %s ORDER BY id", (Jsonb(attrs),)).fetchall()


# %% course={"kind": "wrong", "id": "contained-by", "fails": ["t1", "t2", "t3"]}
def find_by_attrs(conn: psycopg.Connection, attrs: dict) -> list[int]:
    rows = conn.execute("SELECT id FROM items WHERE attrs <@ %s ORDER BY id", (Jsonb(attrs),)).fetchall()
    return [item_id for (item_id,) in rows]


# %% course={"kind": "wrong", "id": "keys-only", "fails": ["t1", "t2", "t3"]}
def find_by_attrs(conn: psycopg.Connection, attrs: dict) -> list[int]:
    rows = conn.execute("SELECT id FROM items WHERE attrs ?& %s ORDER BY id", (list(attrs),)).fetchall()
    return [item_id for (item_id,) in rows]


# %% [markdown] course={"kind": "exercise", "id": "upsert-host", "item": "x-work-with-jsonb-data"}
# ### An inventory upsert that merges labels
#
# Table `hosts (name text PRIMARY KEY, labels jsonb NOT NULL DEFAULT '{}', seen int NOT NULL DEFAULT 1)`. Write
# `upsert_host(conn, name, labels)`: in **one statement**, insert a new host (seen once), or for a known host merge
# `labels` into the stored labels (new values win, old keys stay) and add one to `seen`. Return the new `seen`.
# One statement matters: two agents may report the same new host at the same moment, and a look-then-insert lets
# both see no row (a test makes exactly that happen).
#
# ```python
# >>> upsert_host(conn, "web-1", {"env": "prod", "zone": "a"}), upsert_host(conn, "web-1", {"zone": "b"})
# (1, 2)          # labels are now {"env": "prod", "zone": "b"}
# ```

# %% [markdown] course={"kind": "hint"}
# `INSERT ... ON CONFLICT (name) DO UPDATE SET ...`, and `RETURNING seen` gives the value back.

# %% [markdown] course={"kind": "hint"}
# In `DO UPDATE`, `hosts.labels` is the stored row and `EXCLUDED.labels` the one you tried to insert. `a || b`
# merges two objects, and on a shared key the right side wins.

# %% course={"kind": "solution"}
def upsert_host(conn: psycopg.Connection, name: str, labels: dict) -> int:
    ### BEGIN SOLUTION
    row = conn.execute(
        "INSERT INTO hosts (name, labels) VALUES (%s, %s) ON CONFLICT (name) DO UPDATE"
        " SET labels = hosts.labels || EXCLUDED.labels, seen = hosts.seen + 1 RETURNING seen",
        (name, Jsonb(labels)),
    ).fetchone()
    return row[0]
    ### END SOLUTION


# %% course={"kind": "test", "points": 1}
HOSTS = "CREATE TABLE hosts (name text PRIMARY KEY, labels jsonb NOT NULL DEFAULT '{}', seen int NOT NULL DEFAULT 1)"
with fresh_database(HOSTS) as url, psycopg.connect(url) as conn:
    counts = [upsert_host(conn, "web-1", {"env": "prod"}), upsert_host(conn, "web-1", {})]
    counts += [upsert_host(conn, "web-1", {}), upsert_host(conn, "db-1", {})]
    rows = conn.execute("SELECT name, seen FROM hosts ORDER BY name").fetchall()
assert counts == [1, 2, 3, 1], f"seen counts up per host: expected [1, 2, 3, 1], got {counts!r}"
assert rows == [("db-1", 1), ("web-1", 3)], f"one row per host: {rows!r}"

# %% course={"kind": "test", "points": 2}
with fresh_database(HOSTS) as url, psycopg.connect(url) as conn:
    upsert_host(conn, "web-1", {"env": "prod", "zone": "a"})
    upsert_host(conn, "web-1", {"zone": "b", "owner": "O'Brien"})
    labels = conn.execute("SELECT labels FROM hosts").fetchone()[0]
assert labels == {"env": "prod", "zone": "b", "owner": "O'Brien"}, f"old keys stay, new values win: got {labels!r}"
### BEGIN HIDDEN TESTS
with fresh_database(HOSTS) as url, psycopg.connect(url) as conn:
    upsert_host(conn, "bäck-ünd", {"gpu": 0, "note": ""})
    upsert_host(conn, "bäck-ünd", {"gpu": 1})
    assert upsert_host(conn, "bäck-ünd", {}) == 3
    labels = conn.execute("SELECT labels FROM hosts WHERE name = %s", ("bäck-ünd",)).fetchone()[0]
    assert labels == {"gpu": 1, "note": ""}, f"falsy values are kept, and replaced: {labels!r}"
    result = upsert_host(conn, "x'); DROP TABLE hosts; --", {"a": "'"})
    assert type(result) is int and result == 1
    assert conn.execute("SELECT count(*) FROM hosts").fetchone() == (2,)
### END HIDDEN TESTS

# %% course={"kind": "test", "points": 2}
# One statement is atomic. Worker a inserts web-9 and has not committed; worker b upserts web-9 too and must wait
# for a (the server shows b waiting for a lock: no sleep decides this), then count on a's row once a commits.
# Looking first and then inserting lets b see no row and insert a second web-9, which the key refuses.
import threading


def _try(function, *args):
    """("ok", result), or ("raised", the exception's class name)."""
    try:
        return ("ok", function(*args))
    except Exception as error:
        return ("raised", type(error).__name__)


with fresh_database(HOSTS, lock_timeout="20s") as url, psycopg.connect(url) as a, psycopg.connect(url) as b:
    outcome: list = []
    upsert_host(a, "web-9", {"from": "a"})
    b_pid = b.info.backend_pid
    worker = threading.Thread(target=lambda: outcome.append(_try(upsert_host, b, "web-9", {"from": "b"})))
    with psycopg.connect(url, autocommit=True) as watch:
        worker.start()
        waiting = "SELECT wait_event_type = 'Lock' FROM pg_stat_activity WHERE pid = %s"
        while worker.is_alive() and watch.execute(waiting, (b_pid,)).fetchone() != (True,):
            watch.execute("SELECT pg_sleep(0.01)")
        a.commit()
        worker.join(30)
    b.commit()
    final = a.execute("SELECT seen, labels FROM hosts").fetchall()
assert outcome == [("ok", 2)], f"b's upsert must wait for a and then count on a's row (seen 2): got {outcome}"
assert final == [(2, {"from": "b"})], f"one row, seen twice, b's label last: {final}"

# %% course={"kind": "wrong", "id": "replace-labels", "fails": ["t2"]}
def upsert_host(conn: psycopg.Connection, name: str, labels: dict) -> int:
    row = conn.execute(
        "INSERT INTO hosts (name, labels) VALUES (%s, %s) ON CONFLICT (name) DO UPDATE"
        " SET labels = EXCLUDED.labels, seen = hosts.seen + 1 RETURNING seen",
        (name, Jsonb(labels)),
    ).fetchone()
    return row[0]


# %% course={"kind": "wrong", "id": "old-values-win", "fails": ["t2", "t3"]}
def upsert_host(conn: psycopg.Connection, name: str, labels: dict) -> int:
    row = conn.execute(
        "INSERT INTO hosts (name, labels) VALUES (%s, %s) ON CONFLICT (name) DO UPDATE"
        " SET labels = EXCLUDED.labels || hosts.labels, seen = hosts.seen + 1 RETURNING seen",
        (name, Jsonb(labels)),
    ).fetchone()
    return row[0]


# %% course={"kind": "wrong", "id": "excluded-seen", "fails": ["t1", "t2"]}
def upsert_host(conn: psycopg.Connection, name: str, labels: dict) -> int:
    row = conn.execute(
        "INSERT INTO hosts (name, labels) VALUES (%s, %s) ON CONFLICT (name) DO UPDATE"
        " SET labels = hosts.labels || EXCLUDED.labels, seen = EXCLUDED.seen + 1 RETURNING seen",
        (name, Jsonb(labels)),
    ).fetchone()
    return row[0]


# %% course={"kind": "wrong", "id": "do-nothing", "fails": ["t1", "t2", "t3"]}
def upsert_host(conn: psycopg.Connection, name: str, labels: dict) -> int:
    row = conn.execute(
        "INSERT INTO hosts (name, labels) VALUES (%s, %s) ON CONFLICT (name) DO NOTHING RETURNING seen",
        (name, Jsonb(labels)),
    ).fetchone()
    return row[0] if row else 1


# %% course={"kind": "wrong", "id": "look-then-write", "fails": ["t3"]}
def upsert_host(conn: psycopg.Connection, name: str, labels: dict) -> int:
    row = conn.execute("SELECT seen FROM hosts WHERE name = %s", (name,)).fetchone()
    if row is None:  # between this look and the insert, another worker may insert the same host
        conn.execute("INSERT INTO hosts (name, labels) VALUES (%s, %s)", (name, Jsonb(labels)))
        return 1
    conn.execute("UPDATE hosts SET labels = labels || %s, seen = seen + 1 WHERE name = %s", (Jsonb(labels), name))
    return row[0] + 1

# %% [markdown] course={"kind": "exercise", "id": "counter-deltas", "item": "x-write-window-functions"}
# ### Per-host deltas of a counter
#
# Table `readings (host text, ts timestamptz, bytes bigint)` holds a byte counter per host. Write `deltas_sql()`,
# returning a query with the columns `host, bytes, delta`, one row per reading, ordered by `host`, then `ts`, where
# `delta` is `bytes` minus the same host's previous reading (by `ts`), and NULL for each host's first reading.
#
# ```python
# >>> pg_rows(deltas_sql(), READINGS)     # READINGS: the table of the window-functions lesson
# [('a', 100, None), ('a', 160, 60), ('a', 400, 240), ('b', 50, None), ('b', 50, 0)]
# ```

# %% [markdown] course={"kind": "hint"}
# `LAG(bytes)` is the previous row's value inside the window; the window needs an order, and a partition per host.

# %% [markdown] course={"kind": "hint"}
# `bytes - LAG(bytes) OVER (PARTITION BY host ORDER BY ts) AS delta`, and the outer `ORDER BY host, ts`.

# %% course={"kind": "solution"}
def deltas_sql() -> str:
    ### BEGIN SOLUTION
    return (
        "SELECT host, bytes, bytes - LAG(bytes) OVER (PARTITION BY host ORDER BY ts) AS delta"
        " FROM readings ORDER BY host, ts"
    )
    ### END SOLUTION


# %% course={"kind": "test", "points": 1}
rows = pg_rows(deltas_sql(), READINGS)
assert exactly(rows, [("a", 100, None), ("a", 160, 60), ("a", 400, 240), ("b", 50, None), ("b", 50, 0)]), (
    f"the lesson's readings: got {rows}"
)

# %% course={"kind": "test", "points": 2}
SHUFFLED = (
    "CREATE TABLE readings (host text NOT NULL, ts timestamptz NOT NULL, bytes bigint NOT NULL);"
    "INSERT INTO readings VALUES ('b', '2026-11-30 10:05+00', 70), ('a', '2026-11-30 12:00+02', 10),"
    " ('b', '2026-11-30 10:00+00', 100), ('a', '2026-11-30 10:30+00', 40), ('a', '2026-11-30 09:00+00', 25);"
)
rows = pg_rows(deltas_sql(), SHUFFLED)
assert exactly(rows, [("a", 25, None), ("a", 10, -15), ("a", 40, 30), ("b", 100, None), ("b", 70, -30)]), (
    "rows stored out of order, one time in +02:00 (12:00+02 is 10:00 UTC); a counter reset gives a negative delta;"
    f" got {rows}"
)
### BEGIN HIDDEN TESTS
EMPTY_READINGS = "CREATE TABLE readings (host text NOT NULL, ts timestamptz NOT NULL, bytes bigint NOT NULL);"
assert exactly(pg_rows(deltas_sql(), EMPTY_READINGS), []), "no readings: no rows"
rows = pg_rows(deltas_sql(), EMPTY_READINGS + "INSERT INTO readings VALUES ('ü', '2026-01-01 00:00+00', 0), ('ü', '2026-01-01 00:01+00', 5000000000)")
assert exactly(rows, [("ü", 0, None), ("ü", 5000000000, 5000000000)]), f"bigint values, a zero reading: got {rows}"
### END HIDDEN TESTS

# %% course={"kind": "wrong", "id": "no-partition", "fails": ["t1", "t2"]}
def deltas_sql() -> str:
    return "SELECT host, bytes, bytes - LAG(bytes) OVER (ORDER BY host, ts) AS delta FROM readings ORDER BY host, ts"


# %% course={"kind": "wrong", "id": "lead-not-lag", "fails": ["t1", "t2"]}
def deltas_sql() -> str:
    return (
        "SELECT host, bytes, LEAD(bytes) OVER (PARTITION BY host ORDER BY ts) - bytes AS delta"
        " FROM readings ORDER BY host, ts"
    )


# %% course={"kind": "wrong", "id": "window-without-order", "fails": ["t2"]}
def deltas_sql() -> str:
    return "SELECT host, bytes, bytes - LAG(bytes) OVER (PARTITION BY host) AS delta FROM readings ORDER BY host, ts"


# %% course={"kind": "wrong", "id": "lag-default-zero", "fails": ["t1", "t2"]}
def deltas_sql() -> str:
    return (
        "SELECT host, bytes, bytes - LAG(bytes, 1, 0) OVER (PARTITION BY host ORDER BY ts) AS delta"
        " FROM readings ORDER BY host, ts"
    )


# %% [markdown] course={"kind": "exercise", "id": "plan-nodes", "item": "project-13-2-1"}
# ### Query optimizer, part 1: the plan's nodes
#
# The core of the mini-project *Query Optimizer*: a tool that reads a plan and says what a query does. Write
# `plan_nodes(conn, sql, params=None)`: the node types of PostgreSQL's plan for `sql` (with `params`), as a `list` of
# `str` in *pre-order*: a node before its children, children in the plan's order. Use `EXPLAIN (FORMAT JSON)`, whose
# result is one row holding `[{"Plan": {"Node Type": ..., "Plans": [children...]}}]` (psycopg parses it into Python
# lists and dicts). The query must **not** run: `plan_nodes` on an `UPDATE` changes nothing. (The JSON names a few
# nodes differently from the text form: text `HashAggregate` is `Aggregate` with `"Strategy": "Hashed"`, and an
# `UPDATE` is `ModifyTable` with `"Operation": "Update"`; return the `"Node Type"` as it is.)
#
# ```python
# >>> plan_nodes(conn, "SELECT p.name, t.name FROM people p JOIN teams t ON t.id = p.team_id ORDER BY p.name")
# ['Sort', 'Hash Join', 'Seq Scan', 'Hash', 'Seq Scan']      # TEAM_PEOPLE, from the EXPLAIN lesson
# ```

# %% [markdown] course={"kind": "hint"}
# A node's children are under the key `"Plans"`, which is missing on a leaf. A recursive function, or a stack, walks
# the tree.

# %% [markdown] course={"kind": "hint"}
# `(doc,) = conn.execute("EXPLAIN (FORMAT JSON) " + sql, params).fetchone()`, then walk `doc[0]["Plan"]`: append
# the node's `"Node Type"` first, then visit each of `node.get("Plans", [])` in order. Not `EXPLAIN ANALYZE`: that runs
# the statement.

# %% course={"kind": "solution"}
def plan_nodes(conn: psycopg.Connection, sql: str, params: object = None) -> list[str]:
    ### BEGIN SOLUTION
    (doc,) = conn.execute("EXPLAIN (FORMAT JSON) " + sql, params).fetchone()
    names: list[str] = []

    def visit(node: dict) -> None:
        names.append(node["Node Type"])
        for child in node.get("Plans", []):
            visit(child)

    visit(doc[0]["Plan"])
    return names
    ### END SOLUTION


# %% course={"kind": "test", "points": 1}
with fresh_database(TEAM_PEOPLE) as url, psycopg.connect(url) as conn:
    got = plan_nodes(conn, "SELECT p.name, t.name FROM people p JOIN teams t ON t.id = p.team_id ORDER BY p.name")
assert got == ["Sort", "Hash Join", "Seq Scan", "Hash", "Seq Scan"], f"pre-order of the join's plan, got {got!r}"

# %% course={"kind": "test", "points": 1}
with fresh_database(TEAM_PEOPLE) as url, psycopg.connect(url) as conn:
    one = plan_nodes(conn, "SELECT name FROM people WHERE id = %s", (5,))
    count = plan_nodes(conn, "SELECT count(*) FROM people WHERE team_id = %(team)s", {"team": 3})
assert one == ["Index Scan"], f"a primary-key lookup is one Index Scan, got {one!r}"
assert count == ["Aggregate", "Seq Scan"], f"a count over a filtered scan, got {count!r}"

# %% course={"kind": "test", "points": 2}
with fresh_database(TEAM_PEOPLE) as url, psycopg.connect(url) as conn:
    got = plan_nodes(conn, "UPDATE people SET name = 'gone' WHERE id < %s", (10,))
    conn.commit()
    changed = conn.execute("SELECT count(*) FROM people WHERE name = 'gone'").fetchone()
assert got == ["ModifyTable", "Index Scan"], f"an UPDATE's plan, got {got!r}"
assert changed == (0,), "plan_nodes must not run the statement (EXPLAIN ANALYZE does)"
### BEGIN HIDDEN TESTS
with fresh_database(TEAM_PEOPLE) as url, psycopg.connect(url) as conn:
    got = plan_nodes(
        conn,
        "SELECT t.name, count(*) FROM people p JOIN teams t ON t.id = p.team_id"
        " WHERE p.name LIKE %s GROUP BY t.name ORDER BY t.name LIMIT 3",
        ("p1%",),
    )
    tiny = plan_nodes(conn, "SELECT 1")
    three = plan_nodes(
        conn, "SELECT p.name, t.name, q.name FROM people p JOIN teams t ON t.id = p.team_id JOIN people q ON q.id = p.id + 1"
    )
assert three == ["Hash Join", "Hash Join", "Seq Scan", "Hash", "Seq Scan", "Hash", "Seq Scan"], (
    f"a node's whole subtree comes before its next sibling (pre-order, depth first): got {three!r}"
)
expected = ["Limit", "Sort", "Aggregate", "Hash Join", "Seq Scan", "Hash", "Seq Scan"]
assert got == expected, f"a deeper plan: expected {expected}, got {got!r}"
assert tiny == ["Result"] and type(tiny) is list, f"SELECT 1 is one Result node, got {tiny!r}"
### END HIDDEN TESTS

# %% course={"kind": "wrong", "id": "explain-analyze", "fails": ["t3"]}
def plan_nodes(conn: psycopg.Connection, sql: str, params: object = None) -> list[str]:
    (doc,) = conn.execute("EXPLAIN (ANALYZE, FORMAT JSON) " + sql, params).fetchone()
    names: list[str] = []

    def visit(node: dict) -> None:
        names.append(node["Node Type"])
        for child in node.get("Plans", []):
            visit(child)

    visit(doc[0]["Plan"])
    return names


# %% course={"kind": "wrong", "id": "top-node-only", "fails": ["t1", "t2", "t3"]}
def plan_nodes(conn: psycopg.Connection, sql: str, params: object = None) -> list[str]:
    (doc,) = conn.execute("EXPLAIN (FORMAT JSON) " + sql, params).fetchone()
    return [doc[0]["Plan"]["Node Type"]]


# %% course={"kind": "wrong", "id": "post-order", "fails": ["t1", "t2", "t3"]}
def plan_nodes(conn: psycopg.Connection, sql: str, params: object = None) -> list[str]:
    (doc,) = conn.execute("EXPLAIN (FORMAT JSON) " + sql, params).fetchone()
    names: list[str] = []

    def visit(node: dict) -> None:
        for child in node.get("Plans", []):
            visit(child)
        names.append(node["Node Type"])

    visit(doc[0]["Plan"])
    return names


# %% course={"kind": "wrong", "id": "breadth-first", "fails": ["t3"]}
def plan_nodes(conn: psycopg.Connection, sql: str, params: object = None) -> list[str]:
    (doc,) = conn.execute("EXPLAIN (FORMAT JSON) " + sql, params).fetchone()
    names, level = [], [doc[0]["Plan"]]
    while level:
        names += [node["Node Type"] for node in level]
        level = [child for node in level for child in node.get("Plans", [])]
    return names

# %% [markdown] course={"kind": "exercise", "id": "email-index", "item": "x-create-and-analyze-indexes"}
# ### An index the login query can use
#
# Logins look users up case-insensitively: `SELECT id FROM users WHERE lower(email) = lower(%s)`, on
# `users (id int PRIMARY KEY, email text NOT NULL)` (the table `USERS` of the index lesson, without its indexes).
# Write `email_index_sql()`, returning the `CREATE INDEX` statement of a B-tree index (the default kind) named
# `users_email_lower_idx` that this query uses. (The test switches sequential scans off, so the plan shows whether
# the index *can* serve it.)
#
# ```python
# >>> email_index_sql()
# 'CREATE INDEX users_email_lower_idx ON users (...)'
# ```

# %% [markdown] course={"kind": "hint"}
# An index on `email` stores `User42@Example.com`; the query asks about `lower(email)`. Index what the query computes.

# %% [markdown] course={"kind": "hint"}
# An expression index: `CREATE INDEX users_email_lower_idx ON users (lower(email))`.

# %% course={"kind": "solution"}
def email_index_sql() -> str:
    ### BEGIN SOLUTION
    return "CREATE INDEX users_email_lower_idx ON users (lower(email))"
    ### END SOLUTION


# %% course={"kind": "test", "points": 2}
LOGIN = "SELECT id FROM users WHERE lower(email) = lower(%s)"
USERS_BARE = (
    "CREATE TABLE users (id int PRIMARY KEY, email text NOT NULL);"
    "INSERT INTO users SELECT g, 'User' || g || '@Example.com' FROM generate_series(1, 5000) g;"
)
with fresh_database(USERS_BARE) as url, psycopg.connect(url) as conn:
    conn.execute(email_index_sql())
    conn.execute("ANALYZE users")
    conn.execute("SET enable_seqscan = off")
    shown = plan_text(conn, LOGIN, ("USER42@example.COM",))
    found = conn.execute(LOGIN, ("USER42@example.COM",)).fetchall()
assert "users_email_lower_idx" in shown, f"the login query must use users_email_lower_idx; its plan:\n{shown}"
assert found == [(42,)], f"and still find user 42: {found!r}"

# %% course={"kind": "test", "points": 1}
with fresh_database(USERS_BARE) as url, psycopg.connect(url) as conn:
    conn.execute(email_index_sql())
    kind = conn.execute(
        "SELECT am.amname, i.indexprs IS NOT NULL FROM pg_index i JOIN pg_class c ON c.oid = i.indexrelid"
        " JOIN pg_am am ON am.oid = c.relam WHERE c.oid = 'users_email_lower_idx'::regclass"
    ).fetchall()
assert kind == [("btree", True)], f"a B-tree on an expression: (access method, is an expression index) = {kind!r}"

# %% course={"kind": "wrong", "id": "plain-column", "fails": ["t1", "t2"]}
def email_index_sql() -> str:
    return "CREATE INDEX users_email_lower_idx ON users (email)"


# %% course={"kind": "wrong", "id": "hash-index", "fails": ["t2"]}
def email_index_sql() -> str:
    return "CREATE INDEX users_email_lower_idx ON users USING hash (lower(email))"


# %% course={"kind": "wrong", "id": "upper-not-lower", "fails": ["t1"]}
def email_index_sql() -> str:
    return "CREATE INDEX users_email_lower_idx ON users (upper(email))"


# %% [markdown] course={"kind": "exercise", "id": "queued-index", "item": "x-use-explain-to-optimize-queries"}
# ### A small index for the hot query
#
# Workers poll `SELECT id FROM jobs WHERE status = 'queued' ORDER BY id LIMIT 10` on
# `jobs (id int PRIMARY KEY, status text NOT NULL)`, where almost every job is `'done'` and a few are `'queued'` or
# `'running'`. Write `queued_index_sql()`: a `CREATE INDEX` named `jobs_queued_idx` that this query uses and that
# holds **only the queued jobs** (so it stays tiny however many jobs are done).
#
# ```python
# >>> queued_index_sql()
# 'CREATE INDEX jobs_queued_idx ON jobs (...) WHERE ...'
# ```

# %% [markdown] course={"kind": "hint"}
# A partial index has a `WHERE`: only rows that satisfy it are in the index.

# %% [markdown] course={"kind": "hint"}
# `CREATE INDEX jobs_queued_idx ON jobs (id) WHERE status = 'queued'`: keyed by `id`, the query's order, it also
# serves `ORDER BY id LIMIT 10` without a sort.

# %% course={"kind": "solution"}
def queued_index_sql() -> str:
    ### BEGIN SOLUTION
    return "CREATE INDEX jobs_queued_idx ON jobs (id) WHERE status = 'queued'"
    ### END SOLUTION


# %% course={"kind": "test", "points": 2}
POLL = "SELECT id FROM jobs WHERE status = 'queued' ORDER BY id LIMIT 10"
JOBS_MANY = (
    "CREATE TABLE jobs (id int PRIMARY KEY, status text NOT NULL);"
    "INSERT INTO jobs SELECT g, CASE WHEN g % 100 = 0 THEN 'queued' WHEN g % 100 = 1 THEN 'running' ELSE 'done' END"
    " FROM generate_series(1, 10000) g;"
)
with fresh_database(JOBS_MANY) as url, psycopg.connect(url) as conn:
    conn.execute(queued_index_sql())
    conn.execute("ANALYZE jobs")
    shown = plan_text(conn, POLL)
    found = conn.execute(POLL).fetchall()
assert "jobs_queued_idx" in shown, f"the poll must use jobs_queued_idx; its plan:\n{shown}"
assert found == [(n,) for n in range(100, 1001, 100)], f"the first ten queued jobs: {found!r}"

# %% course={"kind": "test", "points": 1}
with fresh_database(JOBS_MANY) as url, psycopg.connect(url) as conn:
    conn.execute(queued_index_sql())
    size = conn.execute("SELECT reltuples FROM pg_class WHERE oid = 'jobs_queued_idx'::regclass").fetchone()
assert size == (100.0,), f"the 100 queued jobs, and no others, are in the index: reltuples = {size!r}"

# %% course={"kind": "wrong", "id": "full-index-on-status", "fails": ["t2"]}
def queued_index_sql() -> str:
    return "CREATE INDEX jobs_queued_idx ON jobs (status, id)"


# %% course={"kind": "wrong", "id": "not-done", "fails": ["t2"]}
def queued_index_sql() -> str:
    return "CREATE INDEX jobs_queued_idx ON jobs (id) WHERE status <> 'done'"


# %% course={"kind": "wrong", "id": "wrong-predicate", "fails": ["t1"]}
def queued_index_sql() -> str:
    return "CREATE INDEX jobs_queued_idx ON jobs (id) WHERE status = 'running'"


# %% [markdown] course={"kind": "exercise", "id": "claim-job", "item": "x-implement-transactions-correctly", "timeout": 60}
# ### A job queue with SKIP LOCKED
#
# Table `queue (id int PRIMARY KEY, status text NOT NULL)`. Several workers, each with its own connection, call
# `claim_job(conn)`: inside the caller's open transaction (do not commit), mark the **lowest-id** `'queued'` job
# `'running'` and return its id, or return `None` when no queued job is free. A job another worker has claimed but
# not yet committed must be **skipped, without waiting** for that worker.
#
# ```python
# >>> claim_job(a), claim_job(b)     # a has not committed: b gets the next job at once
# (1, 2)
# ```

# %% [markdown] course={"kind": "hint"}
# Reading the queued row and updating it in two statements lets two workers read the same row. Lock the row you pick:
# `FOR UPDATE`. Then make others pass over locked rows instead of queueing behind them.

# %% [markdown] course={"kind": "hint"}
# `UPDATE queue SET status = 'running' WHERE id = (SELECT id FROM queue WHERE status = 'queued' ORDER BY id LIMIT 1
# FOR UPDATE SKIP LOCKED) RETURNING id`, and `fetchone()` is `None` when no row was updated.

# %% course={"kind": "solution"}
def claim_job(conn: psycopg.Connection) -> int | None:
    ### BEGIN SOLUTION
    row = conn.execute(
        "UPDATE queue SET status = 'running' WHERE id = ("
        " SELECT id FROM queue WHERE status = 'queued' ORDER BY id LIMIT 1 FOR UPDATE SKIP LOCKED)"
        " RETURNING id"
    ).fetchone()
    return None if row is None else row[0]
    ### END SOLUTION


# %% course={"kind": "test", "points": 1}
QUEUE = (
    "CREATE TABLE queue (id int PRIMARY KEY, status text NOT NULL);"
    "INSERT INTO queue VALUES (4, 'queued'), (2, 'queued'), (1, 'done'), (3, 'running'), (6, 'queued');"
)
# A worker that waits for a row lock gives up after 2 s (lock_timeout): with SKIP LOCKED nobody ever waits.
with fresh_database(QUEUE, lock_timeout="2s") as url, psycopg.connect(url) as conn:
    first = claim_job(conn)
    conn.commit()
    state = conn.execute("SELECT id, status FROM queue ORDER BY id").fetchall()
assert first == 2, f"the lowest-id queued job is 2, got {first!r}"
assert state == [(1, "done"), (2, "running"), (3, "running"), (4, "queued"), (6, "queued")], f"table after: {state}"

# %% course={"kind": "test", "points": 2}
with fresh_database(QUEUE, lock_timeout="2s") as url, psycopg.connect(url) as a, psycopg.connect(url) as b:
    try:
        first, second = claim_job(a), claim_job(b)  # a has not committed yet
    except psycopg.errors.LockNotAvailable:
        raise AssertionError("worker b waited for worker a's row: skip locked rows instead") from None
    third = claim_job(b)
    none_left = claim_job(b)
assert (first, second, third, none_left) == (2, 4, 6, None), (
    f"a takes 2, b skips it and takes 4, then 6, then nothing: got {(first, second, third, none_left)}"
)
### BEGIN HIDDEN TESTS
with fresh_database(QUEUE, lock_timeout="2s") as url, psycopg.connect(url) as a, psycopg.connect(url) as b:
    assert claim_job(a) == 2
    a.rollback()  # a's worker crashed: its job is free again
    assert claim_job(b) == 2, "a rolled back, so job 2 is queued again"
with fresh_database("CREATE TABLE queue (id int PRIMARY KEY, status text NOT NULL)") as url, psycopg.connect(url) as conn:
    assert claim_job(conn) is None, "an empty queue"
### END HIDDEN TESTS

# %% course={"kind": "wrong", "id": "no-lock", "fails": ["t2"]}
def claim_job(conn: psycopg.Connection) -> int | None:
    row = conn.execute("SELECT id FROM queue WHERE status = 'queued' ORDER BY id LIMIT 1").fetchone()
    if row is None:
        return None
    conn.execute("UPDATE queue SET status = 'running' WHERE id = %s", (row[0],))
    return row[0]


# %% course={"kind": "wrong", "id": "for-update-waits", "fails": ["t2"]}
def claim_job(conn: psycopg.Connection) -> int | None:
    row = conn.execute(
        "UPDATE queue SET status = 'running' WHERE id = ("
        " SELECT id FROM queue WHERE status = 'queued' ORDER BY id LIMIT 1 FOR UPDATE)"
        " RETURNING id"
    ).fetchone()
    return None if row is None else row[0]


# %% course={"kind": "wrong", "id": "commits-inside", "fails": ["t2"]}
def claim_job(conn: psycopg.Connection) -> int | None:
    row = conn.execute(
        "UPDATE queue SET status = 'running' WHERE id = ("
        " SELECT id FROM queue WHERE status = 'queued' ORDER BY id LIMIT 1 FOR UPDATE SKIP LOCKED)"
        " RETURNING id"
    ).fetchone()
    conn.commit()
    return None if row is None else row[0]


# %% course={"kind": "wrong", "id": "no-order", "fails": ["t1", "t2"]}
def claim_job(conn: psycopg.Connection) -> int | None:
    row = conn.execute(
        "UPDATE queue SET status = 'running' WHERE id = ("
        " SELECT id FROM queue WHERE status = 'queued' LIMIT 1 FOR UPDATE SKIP LOCKED)"
        " RETURNING id"
    ).fetchone()
    return None if row is None else row[0]


# %% course={"kind": "wrong", "id": "nowait", "fails": ["t2"]}
def claim_job(conn: psycopg.Connection) -> int | None:
    row = conn.execute(
        "UPDATE queue SET status = 'running' WHERE id = ("
        " SELECT id FROM queue WHERE status = 'queued' ORDER BY id LIMIT 1 FOR UPDATE NOWAIT)"
        " RETURNING id"
    ).fetchone()
    return None if row is None else row[0]


# %% course={"kind": "wrong", "id": "min-without-lock", "fails": ["t2"]}
def claim_job(conn: psycopg.Connection) -> int | None:
    row = conn.execute(
        "UPDATE queue SET status = 'running'"
        " WHERE id = (SELECT min(id) FROM queue WHERE status = 'queued') RETURNING id"
    ).fetchone()
    return None if row is None else row[0]


# %% [markdown] course={"kind": "exercise", "id": "event-append", "item": "project-13-2-2"}
# ### Event store, part 1: append with an expected version
#
# The core of the mini-project *Event Sourcing Store*: each stream (say `order-17`) is a list of events numbered
# 1, 2, 3... in `events (stream text, version int, kind text NOT NULL, data jsonb NOT NULL, PRIMARY KEY (stream,
# version))`. A writer reads the stream, decides, and appends saying which version it last saw. Write
# `append(conn, stream, expected_version, kind, data)`: store the event as version `expected_version + 1` and return
# that version, but **only if** the stream's current version (0 for a new stream) is exactly `expected_version`;
# otherwise raise `ConcurrencyError` and store nothing. The caller's transaction must stay usable after the error
# (it may retry), so run your statement inside `with conn.transaction():` (a savepoint when a transaction is open).
#
# ```python
# >>> append(conn, "order-17", 0, "created", {"sku": "MUG-1"}), append(conn, "order-17", 1, "paid", {})
# (1, 2)
# >>> append(conn, "order-17", 1, "paid", {})       # someone else already wrote version 2
# ConcurrencyError: ...
# ```

# %% [markdown] course={"kind": "hint"}
# The primary key refuses a second version 2, but it does not refuse a gap: expected 5 on a stream at version 2
# would write version 6. Check the current version in the same statement that inserts.

# %% [markdown] course={"kind": "hint"}
# `INSERT INTO events (...) SELECT %(s)s, %(v)s + 1, %(k)s, %(d)s WHERE (SELECT coalesce(max(version), 0) FROM events
# WHERE stream = %(s)s) = %(v)s RETURNING version`: no row back means the check failed. A writer that raced you past
# the check hits the primary key instead (`psycopg.errors.UniqueViolation`): turn both into `ConcurrencyError`.

# %% course={"kind": "solution"}
class ConcurrencyError(Exception):
    """The stream is not at the version the writer expected."""


def append(conn: psycopg.Connection, stream: str, expected_version: int, kind: str, data: dict) -> int:
    ### BEGIN SOLUTION
    params = {"s": stream, "v": expected_version, "k": kind, "d": Jsonb(data)}
    try:
        with conn.transaction():
            row = conn.execute(
                "INSERT INTO events (stream, version, kind, data) SELECT %(s)s, %(v)s + 1, %(k)s, %(d)s"
                " WHERE (SELECT coalesce(max(version), 0) FROM events WHERE stream = %(s)s) = %(v)s"
                " RETURNING version",
                params,
            ).fetchone()
    except psycopg.errors.UniqueViolation:
        raise ConcurrencyError(f"{stream}: another writer appended version {expected_version + 1}") from None
    if row is None:
        raise ConcurrencyError(f"{stream} is not at version {expected_version}")
    return row[0]
    ### END SOLUTION


# %% course={"kind": "test", "points": 1}
EVENTS = (
    "CREATE TABLE events (stream text, version int, kind text NOT NULL, data jsonb NOT NULL,"
    " PRIMARY KEY (stream, version))"
)
with fresh_database(EVENTS) as url, psycopg.connect(url) as conn:
    got = [append(conn, "order-17", 0, "created", {"sku": "MUG-1"}), append(conn, "order-17", 1, "paid", {})]
    got.append(append(conn, "order-18", 0, "created", {}))
    stored = conn.execute("SELECT stream, version, kind, data FROM events ORDER BY stream, version").fetchall()
assert got == [1, 2, 1], f"versions count per stream from 1: expected [1, 2, 1], got {got!r}"
assert stored == [("order-17", 1, "created", {"sku": "MUG-1"}), ("order-17", 2, "paid", {}), ("order-18", 1, "created", {})], (
    f"stored events: {stored!r}"
)

# %% course={"kind": "test", "points": 2}
def refused(conn: psycopg.Connection, expected: int) -> bool:
    try:
        append(conn, "order-17", expected, "paid", {"n": expected})
    except ConcurrencyError:
        return True
    return False


with fresh_database(EVENTS) as url, psycopg.connect(url) as conn:
    append(conn, "order-17", 0, "created", {})
    append(conn, "order-17", 1, "packed", {})
    outcomes = {expected: refused(conn, expected) for expected in [0, 1, 3, 5]}
    count = conn.execute("SELECT count(*) FROM events").fetchone()
assert outcomes == {0: True, 1: True, 3: True, 5: True}, f"the stream is at 2: every other expectation is refused, got {outcomes}"
assert count == (2,), f"a refused append stores nothing: {count[0]} events"
### BEGIN HIDDEN TESTS
with fresh_database(EVENTS) as url, psycopg.connect(url) as conn:
    assert refused(conn, -1) and refused(conn, 1), "a new stream is at version 0"
    assert append(conn, "ünïcode stream", 0, "x", {"q": "O'Brien", "z": 0, "e": ""}) == 1
    assert conn.execute("SELECT data FROM events").fetchone() == ({"q": "O'Brien", "z": 0, "e": ""},)
    result = append(conn, "ünïcode stream", 1, "y", {})
    assert type(result) is int and result == 2
### END HIDDEN TESTS

# %% course={"kind": "test", "points": 2}
with fresh_database(EVENTS) as url, psycopg.connect(url) as a, psycopg.connect(url) as b:
    append(a, "s", 0, "created", {})
    a.commit()
    b.isolation_level = psycopg.IsolationLevel.REPEATABLE_READ
    before = b.execute("SELECT count(*) FROM events").fetchone()  # b's snapshot: stream s is at version 1
    append(a, "s", 1, "a-wins", {})  # a writes version 2 and commits after b's snapshot was taken
    a.commit()
    try:
        append(b, "s", 1, "b-late", {})  # b still sees version 1: only the primary key can stop it now
        late = "stored"
    except ConcurrencyError:
        late = "refused"
    try:
        after = b.execute("SELECT count(*) FROM events").fetchone()  # b's transaction must still be usable
    except psycopg.errors.InFailedSqlTransaction:
        after = "aborted"
    b.rollback()
    kinds = a.execute("SELECT kind FROM events ORDER BY version").fetchall()
assert late == "refused", "b's append raced a's and lost on the primary key: raise ConcurrencyError"
assert before == after == (1,), f"after the refusal the caller's transaction goes on (a savepoint): got {after!r}"
assert kinds == [("created",), ("a-wins",)], f"stored: {kinds!r}"

# %% course={"kind": "wrong", "id": "no-version-check", "fails": ["t2", "t3"]}
class ConcurrencyError(Exception):
    """The stream is not at the version the writer expected."""


def append(conn: psycopg.Connection, stream: str, expected_version: int, kind: str, data: dict) -> int:
    row = conn.execute(
        "INSERT INTO events (stream, version, kind, data)"
        " SELECT %s, coalesce(max(version), 0) + 1, %s, %s FROM events WHERE stream = %s RETURNING version",
        (stream, kind, Jsonb(data), stream),
    ).fetchone()
    return row[0]


# %% course={"kind": "wrong", "id": "key-only-allows-gaps", "fails": ["t2"]}
class ConcurrencyError(Exception):
    """The stream is not at the version the writer expected."""


def append(conn: psycopg.Connection, stream: str, expected_version: int, kind: str, data: dict) -> int:
    try:
        with conn.transaction():
            conn.execute(
                "INSERT INTO events (stream, version, kind, data) VALUES (%s, %s, %s, %s)",
                (stream, expected_version + 1, kind, Jsonb(data)),
            )
    except psycopg.errors.UniqueViolation:
        raise ConcurrencyError(stream) from None
    return expected_version + 1


# %% course={"kind": "wrong", "id": "no-savepoint", "fails": ["t3"]}
class ConcurrencyError(Exception):
    """The stream is not at the version the writer expected."""


def append(conn: psycopg.Connection, stream: str, expected_version: int, kind: str, data: dict) -> int:
    current = conn.execute("SELECT coalesce(max(version), 0) FROM events WHERE stream = %s", (stream,)).fetchone()[0]
    if current != expected_version:
        raise ConcurrencyError(stream)
    try:
        conn.execute(
            "INSERT INTO events (stream, version, kind, data) VALUES (%s, %s, %s, %s)",
            (stream, expected_version + 1, kind, Jsonb(data)),
        )
    except psycopg.errors.UniqueViolation:
        raise ConcurrencyError(stream) from None  # the transaction is now aborted: every later statement fails
    return expected_version + 1


# %% course={"kind": "wrong", "id": "wrong-error-type", "fails": ["t2", "t3"]}
class ConcurrencyError(Exception):
    """The stream is not at the version the writer expected."""


def append(conn: psycopg.Connection, stream: str, expected_version: int, kind: str, data: dict) -> int:
    with conn.transaction():
        row = conn.execute(
            "INSERT INTO events (stream, version, kind, data) SELECT %(s)s, %(v)s + 1, %(k)s, %(d)s"
            " WHERE (SELECT coalesce(max(version), 0) FROM events WHERE stream = %(s)s) = %(v)s RETURNING version",
            {"s": stream, "v": expected_version, "k": kind, "d": Jsonb(data)},
        ).fetchone()
    if row is None:
        raise ValueError(f"{stream} is not at version {expected_version}")
    return row[0]


# %% course={"kind": "wrong", "id": "rolls-back-caller", "fails": ["t3"]}
class ConcurrencyError(Exception):
    """The stream is not at the version the writer expected."""


def append(conn: psycopg.Connection, stream: str, expected_version: int, kind: str, data: dict) -> int:
    try:
        row = conn.execute(
            "INSERT INTO events (stream, version, kind, data) SELECT %(s)s, %(v)s + 1, %(k)s, %(d)s"
            " WHERE (SELECT coalesce(max(version), 0) FROM events WHERE stream = %(s)s) = %(v)s RETURNING version",
            {"s": stream, "v": expected_version, "k": kind, "d": Jsonb(data)},
        ).fetchone()
    except psycopg.errors.UniqueViolation:
        conn.rollback()  # ends the caller's whole transaction, not just this statement
        raise ConcurrencyError(stream) from None
    if row is None:
        raise ConcurrencyError(stream)
    return row[0]


# %% course={"kind": "wrong", "id": "no-coalesce", "fails": ["t1", "t2", "t3"]}
class ConcurrencyError(Exception):
    """The stream is not at the version the writer expected."""


def append(conn: psycopg.Connection, stream: str, expected_version: int, kind: str, data: dict) -> int:
    params = {"s": stream, "v": expected_version, "k": kind, "d": Jsonb(data)}
    try:
        with conn.transaction():
            row = conn.execute(
                "INSERT INTO events (stream, version, kind, data) SELECT %(s)s, %(v)s + 1, %(k)s, %(d)s"
                " WHERE (SELECT max(version) FROM events WHERE stream = %(s)s) = %(v)s RETURNING version",
                params,
            ).fetchone()
    except psycopg.errors.UniqueViolation:
        raise ConcurrencyError(stream) from None
    if row is None:  # a new stream's max(version) is NULL, and NULL = 0 is not true
        raise ConcurrencyError(stream)
    return row[0]
