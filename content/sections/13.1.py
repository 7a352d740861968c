# ---
# jupyter:
#   jupytext:
#     text_representation:
#       extension: .py
#       format_name: percent
# ---

# %% [markdown] course={"kind": "intro"}
# **By the end of this section** you can design a small normalized schema with keys and constraints, and write the
# SQL that DevOps and MLOps work needs every day: filters, joins, aggregates, subqueries, safe parameters, indexes.

# %% course={"kind": "setup", "id": "sqlite"}
# Every example runs on SQLite from Python's standard library, in memory: nothing to install, nothing left behind.
# `database(script)`: a fresh in-memory database with foreign keys enforced, after running `script` in it;
# `run(sql, script, params)`: the rows a query returns on such a database; `exactly(rows, expected)`: the same rows
# with the same type in every place (200 is not 200.0, 0 is not NULL); `vm_steps` counts SQLite's work, `plan`
# reads EXPLAIN QUERY PLAN.
import sqlite3

from course.runtime.sql import database, exactly, plan, run, vm_steps

# The tables the exercises' examples and tests use:
PAY = "CREATE TABLE pay (id INTEGER PRIMARY KEY, name TEXT, salary INTEGER);"
TEAMS = (
    "CREATE TABLE departments (id INTEGER PRIMARY KEY, name TEXT NOT NULL);"
    "CREATE TABLE employees (id INTEGER PRIMARY KEY, name TEXT NOT NULL, salary INTEGER NOT NULL,"
    " department_id INTEGER NOT NULL REFERENCES departments(id));"
)
SHOPPERS = (
    "CREATE TABLE customers (id INTEGER PRIMARY KEY, name TEXT NOT NULL);"
    "CREATE TABLE orders (id INTEGER PRIMARY KEY, customer_id INTEGER REFERENCES customers(id), amount INTEGER NOT NULL);"
)
BILLING = (
    "CREATE TABLE clients (id INTEGER PRIMARY KEY, name TEXT NOT NULL);"
    "CREATE TABLE invoices (id INTEGER PRIMARY KEY, client_id INTEGER NOT NULL REFERENCES clients(id),"
    " cents INTEGER NOT NULL, status TEXT NOT NULL);"
)
HOSTS = "CREATE TABLE hosts (id INTEGER PRIMARY KEY, name TEXT NOT NULL);"
STAFF = "CREATE TABLE staff (id INTEGER PRIMARY KEY, name TEXT NOT NULL, salary INTEGER, manager_id INTEGER REFERENCES staff(id));"

SHOP = """
CREATE TABLE customers (id INTEGER PRIMARY KEY, name TEXT NOT NULL, email TEXT NOT NULL UNIQUE);
CREATE TABLE products (id INTEGER PRIMARY KEY, sku TEXT NOT NULL UNIQUE, name TEXT NOT NULL,
                       price_cents INTEGER NOT NULL CHECK (price_cents >= 0),
                       stock INTEGER NOT NULL DEFAULT 0 CHECK (stock >= 0));
CREATE TABLE orders (id INTEGER PRIMARY KEY, customer_id INTEGER NOT NULL REFERENCES customers(id),
                     status TEXT NOT NULL DEFAULT 'new' CHECK (status IN ('new', 'paid', 'shipped', 'cancelled')));
CREATE TABLE order_items (order_id INTEGER NOT NULL REFERENCES orders(id),
                          product_id INTEGER NOT NULL REFERENCES products(id),
                          quantity INTEGER NOT NULL CHECK (quantity > 0),
                          unit_cents INTEGER NOT NULL,
                          PRIMARY KEY (order_id, product_id));
INSERT INTO customers VALUES (1, 'Ana', 'ana@example.com'), (2, 'Bo', 'bo@example.com');
INSERT INTO products VALUES (1, 'MUG-1', 'mug', 800, 5), (2, 'TEE-M', 't-shirt', 1500, 2), (3, 'CAP-0', 'cap', 0, 0);
"""
SLOW_QUERY = "SELECT ts, level, message FROM events WHERE host = ? AND ts >= ? ORDER BY ts"


def events_db(rows: int = 20_000) -> sqlite3.Connection:
    """A log table of `rows` events from 40 hosts over November 2026 (the same rows on every run)."""
    conn = database("CREATE TABLE events (id INTEGER PRIMARY KEY, host TEXT NOT NULL, ts TEXT NOT NULL,"
                    " level TEXT NOT NULL, message TEXT NOT NULL)")
    conn.executemany(
        "INSERT INTO events (host, ts, level, message) VALUES (?, ?, ?, ?)",
        (
            (f"web-{i * 7 % 40:02d}", f"2026-11-{1 + i * 13 % 30:02d}T{i * 5 % 24:02d}:{i % 60:02d}:00",
             ("INFO", "WARN", "ERROR")[i // 7 % 3], f"event {i}")
            for i in range(rows)
        ),
    )
    conn.commit()
    return conn


print("SQLite", sqlite3.sqlite_version, "(the library Python was built with; it varies by platform)")

# %% [markdown] course={"kind": "lesson", "id": "relational", "covers": ["c-relational-database-concepts", "c-tables-rows-columns", "c-primary-keys", "c-foreign-keys", "c-relationships-one-to-one-one-to-many"]}
# ### Tables, keys and relationships
#
# A relational database keeps data in **tables**. A table has named **columns** (each with a type) and any number
# of **rows**; a row is one fact ("host web-1 is in region eu"). Rows have no built-in order: a query that wants an
# order must say `ORDER BY`.
#
# A **primary key** is the column (or set of columns) that names a row: unique and never NULL. A **foreign key**
# is a column that holds another table's primary key, and the database refuses a value that names no row. With
# these two you express **relationships**:
#
# | relationship | example | how |
# |---|---|---|
# | one-to-many | a model has many versions | `versions.model_id` references `models.id` |
# | one-to-one | a host has one hardware record | a foreign key that is also `UNIQUE` (or the primary key) |
# | many-to-many | runs have tags, tags label many runs | a *junction* table `run_tags(run_id, tag_id)` with two foreign keys |
#
# DevOps and MLOps tools are full of these: an experiment tracker (experiments → runs → metrics), a model registry,
# an inventory of hosts and services. The mistake people make with SQLite: **foreign keys are not enforced unless
# each connection runs `PRAGMA foreign_keys = ON`** (off by default for backward compatibility; PostgreSQL always
# enforces them). `database()` in the setup cell turns them on; the demo shows both.

# %% course={"kind": "demo"}
schema = """
CREATE TABLE models   (id INTEGER PRIMARY KEY, name TEXT NOT NULL UNIQUE);
CREATE TABLE versions (id INTEGER PRIMARY KEY,
                       model_id INTEGER NOT NULL REFERENCES models(id),
                       number INTEGER NOT NULL);
INSERT INTO models (id, name) VALUES (1, 'churn');
INSERT INTO versions (model_id, number) VALUES (1, 1), (1, 2);
"""
loose = sqlite3.connect(":memory:")
loose.executescript(schema)
loose.execute("INSERT INTO versions (model_id, number) VALUES (99, 1)")  # no model 99: accepted!
print("foreign_keys off:", loose.execute("SELECT count(*) FROM versions").fetchone()[0], "versions, one of them orphaned")
strict = database(schema)
try:
    strict.execute("INSERT INTO versions (model_id, number) VALUES (99, 1)")
except sqlite3.IntegrityError as error:
    print("foreign_keys on: ", type(error).__name__, "-", error)
print(strict.execute("SELECT m.name, v.number FROM versions v JOIN models m ON m.id = v.model_id ORDER BY v.number").fetchall())

# %% [markdown] course={"kind": "lesson", "id": "sql-basics", "covers": ["c-sql-basics", "c-select-from-where", "c-insert-update-delete", "c-order-by-limit-offset", "c-distinct"]}
# ### SELECT, INSERT, UPDATE, DELETE
#
# `SELECT columns FROM table WHERE condition` reads; `INSERT INTO t (cols) VALUES (...)` adds rows;
# `UPDATE t SET col = value WHERE condition` changes them; `DELETE FROM t WHERE condition` removes them. An
# `UPDATE` or `DELETE` without `WHERE` touches **every** row: write the `WHERE` first, and run it as a `SELECT`
# to see what it would hit. `ORDER BY` sorts (ascending unless `DESC`; several keys break ties), `LIMIT n` keeps the
# first n rows and `OFFSET k` skips k before that: pagination. `DISTINCT` removes duplicate result rows.
#
# **Values go in as parameters, never into the SQL text.** `conn.execute("... WHERE name = ?", (name,))` sends the
# value separately, so a name like `O'Brien` or `x' OR '1'='1` is just data. An f-string puts it into the SQL: the
# first breaks the query, the second is SQL injection. Python's `sqlite3` takes `?` (positional) or `:name` (named).
#
# Changes happen in a **transaction**: all of it or none of it. In Python 3.11 `sqlite3` opens one for you before
# an `INSERT`/`UPDATE`/`DELETE` (the default `isolation_level`); `conn.commit()` keeps the changes, `conn.rollback()`
# throws them away, and `with conn:` commits when the block ends normally and rolls back when it raises (it does not
# close the connection). Python 3.12 added the `autocommit` attribute for PEP 249-style transaction control.

# %% course={"kind": "demo"}
conn = database("CREATE TABLE hosts (id INTEGER PRIMARY KEY, name TEXT NOT NULL, region TEXT NOT NULL, cpus INTEGER)")
conn.executemany(
    "INSERT INTO hosts (name, region, cpus) VALUES (?, ?, ?)",
    [("web-3", "eu", 4), ("web-1", "eu", 8), ("db-1", "us", 16), ("web-2", "us", 4), ("o'brien-box", "eu", 2)],
)
conn.commit()
print(conn.execute("SELECT name, cpus FROM hosts WHERE region = ? ORDER BY cpus DESC, name", ("eu",)).fetchall())
print("page 2 of size 2:", conn.execute("SELECT name FROM hosts ORDER BY name LIMIT 2 OFFSET 2").fetchall())
print("DISTINCT regions:", conn.execute("SELECT DISTINCT region FROM hosts ORDER BY region").fetchall())
print("quote is data:   ", conn.execute("SELECT id FROM hosts WHERE name = ?", ("o'brien-box",)).fetchall())
try:
    with conn:  # one transaction: both statements or neither
        conn.execute("UPDATE hosts SET cpus = cpus * 2 WHERE region = ?", ("eu",))
        conn.execute("DELETE FROM hosts WHERE nme = 'web-3'")  # typo: the whole block rolls back
except sqlite3.OperationalError as error:
    print("rolled back:     ", error)
print("cpus unchanged:  ", conn.execute("SELECT sum(cpus) FROM hosts WHERE region = 'eu'").fetchone())

# %% [markdown] course={"kind": "lesson", "id": "filtering", "covers": ["c-filtering-and-conditions", "c-comparison-operators", "c-like-and-pattern-matching", "c-in-between", "c-null-handling", "c-and-or-not"]}
# ### Conditions, patterns and NULL
#
# `WHERE` keeps the rows whose condition is **true**. Comparisons are `=`, `<>` (or `!=`), `<`, `<=`, `>`, `>=`;
# `x BETWEEN a AND b` means `a <= x AND x <= b` (both ends included); `x IN (a, b, c)` tests membership;
# `LIKE` matches patterns where `%` is any run of characters and `_` exactly one (add `ESCAPE '\'` to match a
# literal `%`). `AND` binds tighter than `OR`: use parentheses when mixing them.
#
# **NULL means "unknown"**, and SQL uses three-valued logic: a comparison with NULL is neither true nor false but
# NULL, so `x = NULL` is never true, not even when x is NULL. Test with `IS NULL` / `IS NOT NULL`. The same logic
# hides in `NOT IN`: `1 NOT IN (2, NULL)` is NULL ("is 1 the unknown value?"), so a `NOT IN` subquery that
# returns one NULL keeps no rows at all. `COALESCE(x, default)` gives the first non-NULL argument.
#
# SQLite differences to know: `LIKE` ignores case for ASCII letters only (`'é' LIKE 'É'` is false; PostgreSQL's
# `LIKE` is case-sensitive and has `ILIKE`); booleans are the integers 1 and 0 (the words `TRUE`/`FALSE` exist
# since SQLite 3.23).

# %% course={"kind": "demo"}
conn = database("CREATE TABLE jobs (id INTEGER PRIMARY KEY, name TEXT, owner TEXT, minutes INTEGER)")
conn.executemany(
    "INSERT INTO jobs (name, owner, minutes) VALUES (?, ?, ?)",
    [("train-a", "ana", 30), ("train-b", None, 90), ("etl_daily", "bo", 5), ("etl-hourly", "ana", 60)],
)
print("= NULL  :", conn.execute("SELECT name FROM jobs WHERE owner = NULL").fetchall())
print("IS NULL :", conn.execute("SELECT name FROM jobs WHERE owner IS NULL").fetchall())
print("NOT IN with a NULL inside:", conn.execute("SELECT name FROM jobs WHERE owner NOT IN ('bo', NULL)").fetchall())
print("BETWEEN 30 AND 60 (both ends):", conn.execute("SELECT name FROM jobs WHERE minutes BETWEEN 30 AND 60 ORDER BY id").fetchall())
print("LIKE 'etl_%' (_ is a wildcard):", conn.execute("SELECT name FROM jobs WHERE name LIKE 'etl_%' ORDER BY id").fetchall())
print("literal _ :", conn.execute(r"SELECT name FROM jobs WHERE name LIKE 'etl\_%' ESCAPE '\' ORDER BY id").fetchall())
print("truth table:", conn.execute("SELECT NULL = NULL, NULL AND 0, NULL OR 1, NOT NULL, 'abc' LIKE 'ABC', 'é' LIKE 'É'").fetchone())

# %% [markdown] course={"kind": "lesson", "id": "aggregation", "covers": ["c-aggregation", "c-count-sum-avg-min-max", "c-group-by", "c-having"]}
# ### Aggregates, GROUP BY and HAVING
#
# Aggregate functions fold many rows into one value: `COUNT(*)` counts rows, `COUNT(col)` counts non-NULL values,
# `SUM`, `AVG`, `MIN`, `MAX` skip NULLs (and `SUM` of no rows is NULL, not 0). `GROUP BY cols` makes one output
# row per distinct value of `cols`; every other selected column must be inside an aggregate or depend on a grouped
# primary key (`GROUP BY c.id` lets you select `c.name`). SQLite also accepts any other bare column and takes its
# value from some row of the group; PostgreSQL refuses the query. A query runs in this order:
#
# ```
# FROM/JOIN -> WHERE (filters rows) -> GROUP BY -> aggregates -> HAVING (filters groups) -> SELECT -> ORDER BY -> LIMIT
# ```
#
# so `WHERE` cannot use an aggregate and `HAVING` can. The mistake: "customers whose orders total over 100"
# written as `WHERE amount > 100`, which keeps big *orders*, not big *customers*.
#
# **Window functions** (`... OVER (PARTITION BY ... ORDER BY ...)`) compute an aggregate or a rank for each row
# without collapsing the rows: `DENSE_RANK()` per department, a running total. SQLite has them since 3.25
# (2018); section 13.2 goes deeper in PostgreSQL. One more SQLite detail: `7 / 2` is integer division (3), as
# in PostgreSQL; `AVG` always returns a real number.

# %% course={"kind": "demo"}
conn = database("CREATE TABLE runs (id INTEGER PRIMARY KEY, project TEXT, gpu_hours REAL, status TEXT)")
conn.executemany(
    "INSERT INTO runs (project, gpu_hours, status) VALUES (?, ?, ?)",
    [("vision", 10, "ok"), ("vision", 30, "failed"), ("nlp", 5, "ok"), ("nlp", None, "running"), ("speech", 60, "ok")],
)
query = """
SELECT project, COUNT(*) AS runs, COUNT(gpu_hours) AS measured, SUM(gpu_hours) AS total, MAX(gpu_hours) AS biggest
FROM runs GROUP BY project HAVING SUM(gpu_hours) >= 20 ORDER BY total DESC
"""
for row in conn.execute(query):
    print(row)
print("WHERE filters rows first:", conn.execute("SELECT project, SUM(gpu_hours) FROM runs WHERE gpu_hours >= 20 GROUP BY project ORDER BY project").fetchall())
ranked = "SELECT project, gpu_hours, DENSE_RANK() OVER (ORDER BY gpu_hours DESC) FROM runs WHERE gpu_hours IS NOT NULL ORDER BY 3"
print("window:", conn.execute(ranked).fetchall())
print("7 / 2 =", conn.execute("SELECT 7 / 2, 7 / 2.0").fetchone())

# %% [markdown] course={"kind": "lesson", "id": "joins", "covers": ["c-joins", "c-inner-join", "c-left-join-right-join", "c-full-outer-join", "c-cross-join", "c-self-joins"]}
# ### Joins
#
# A join puts rows of two tables side by side where a condition holds:
#
# | join | keeps |
# |---|---|
# | `INNER JOIN b ON ...` | only pairs that match |
# | `LEFT JOIN b ON ...` | every row of the left table; NULLs in b's columns where nothing matches |
# | `RIGHT JOIN b ON ...` | every row of b (a LEFT JOIN with the tables swapped) |
# | `FULL OUTER JOIN b ON ...` | every row of both sides, NULLs where either has no partner |
# | `CROSS JOIN b` | every pair (rows × rows): all combinations, e.g. every host with every check |
# | self join | a table joined to itself under two aliases: employee and manager rows in one table |
#
# SQLite supports `RIGHT` and `FULL OUTER JOIN` only **since 3.39** (2022); older builds (still bundled with some
# Python 3.11 installs) say `RIGHT and FULL OUTER JOINs are not currently supported`. Check
# `sqlite3.sqlite_version`. The LEFT JOIN mistake: a condition on the right table in `WHERE`
# (`WHERE o.status = 'paid'`) throws away the NULL rows again and turns the LEFT JOIN into an inner one; put it in
# the `ON` clause instead. The demo runs the RIGHT and FULL joins only where this SQLite has them.

# %% course={"kind": "demo"}
conn = database(
    """
    CREATE TABLE teams (id INTEGER PRIMARY KEY, name TEXT NOT NULL);
    CREATE TABLE services (id INTEGER PRIMARY KEY, name TEXT NOT NULL, team_id INTEGER REFERENCES teams(id));
    INSERT INTO teams VALUES (1, 'platform'), (2, 'data'), (3, 'security');
    INSERT INTO services VALUES (1, 'gateway', 1), (2, 'dns', 1), (3, 'warehouse', 2), (4, 'legacy-cron', NULL);
    """
)
print("INNER:", conn.execute("SELECT t.name, s.name FROM teams t JOIN services s ON s.team_id = t.id ORDER BY s.id").fetchall())
print("LEFT: ", conn.execute("SELECT t.name, s.name FROM teams t LEFT JOIN services s ON s.team_id = t.id ORDER BY t.id, s.id").fetchall())
print("CROSS:", conn.execute("SELECT count(*) FROM teams CROSS JOIN services").fetchone()[0], "pairs = 3 x 4")
if sqlite3.sqlite_version_info >= (3, 39, 0):
    full = "SELECT t.name, s.name FROM teams t FULL OUTER JOIN services s ON s.team_id = t.id ORDER BY t.id IS NULL, t.id, s.id"
    print("FULL: ", conn.execute(full).fetchall())
else:
    print("FULL OUTER JOIN needs SQLite 3.39+, this is", sqlite3.sqlite_version)

# %% [markdown] course={"kind": "lesson", "id": "subqueries", "covers": ["c-subqueries", "c-scalar-subqueries", "c-table-subqueries", "c-correlated-subqueries", "c-exists"]}
# ### Subqueries, EXISTS and CTEs
#
# A query inside a query. A **scalar subquery** returns one value and stands where a value can: `WHERE salary >
# (SELECT AVG(salary) FROM employees)`. A **table subquery** returns rows: after `IN`, or in `FROM` as a derived
# table with an alias. A **correlated subquery** mentions a column of the outer query and is (logically) run once
# per outer row: "employees who earn more than the average *of their own department*". **`EXISTS (subquery)`**
# is true when the subquery returns at least one row; `NOT EXISTS` is the NULL-safe way to say "has no ...".
#
# A **CTE** (`WITH name AS (subquery) SELECT ... FROM name`) names a subquery so a long query reads top to bottom.
# `WITH RECURSIVE` lets a CTE refer to itself: a starting row, then `UNION ALL` the rows reached from the previous
# step, until none are new. That walks trees stored as parent ids: a manager chain, a folder tree, a lineage of
# datasets. SQLite has had CTEs since 3.8.3 (2014).

# %% course={"kind": "demo"}
conn = database(
    """
    CREATE TABLE staff (id INTEGER PRIMARY KEY, name TEXT, team TEXT, salary INTEGER, manager_id INTEGER REFERENCES staff(id));
    INSERT INTO staff VALUES (1, 'Ada', 'eng', 200, NULL), (2, 'Ben', 'eng', 120, 1), (3, 'Cy', 'eng', 90, 2),
                             (4, 'Dee', 'ops', 110, 1), (5, 'Eve', 'ops', 70, 4);
    """
)
print("scalar:    ", conn.execute("SELECT name FROM staff WHERE salary > (SELECT AVG(salary) FROM staff) ORDER BY id").fetchall())
correlated = "SELECT name FROM staff s WHERE salary > (SELECT AVG(salary) FROM staff x WHERE x.team = s.team) ORDER BY id"
print("correlated:", conn.execute(correlated).fetchall())
print("EXISTS:    ", conn.execute("SELECT name FROM staff m WHERE EXISTS (SELECT 1 FROM staff r WHERE r.manager_id = m.id) ORDER BY id").fetchall())
chain = """
WITH RECURSIVE up(id, name, manager_id, depth) AS (
    SELECT id, name, manager_id, 0 FROM staff WHERE name = ?
    UNION ALL
    SELECT s.id, s.name, s.manager_id, up.depth + 1 FROM staff s JOIN up ON s.id = up.manager_id
)
SELECT depth, name FROM up ORDER BY depth
"""
print("recursive: ", conn.execute(chain, ("Cy",)).fetchall())

# %% [markdown] course={"kind": "lesson", "id": "ddl", "covers": ["c-data-definition", "c-create-table", "c-alter-table", "c-drop-table", "c-data-types"]}
# ### CREATE, ALTER, DROP and data types
#
# `CREATE TABLE name (column type constraints, ...)` makes a table (`IF NOT EXISTS` makes it safe to run twice);
# `ALTER TABLE` adds a column (`ADD COLUMN`), renames a table or column, or drops a column; `DROP TABLE` removes the
# table and its rows (`IF EXISTS` avoids the error when it is gone). Schema changes in production go through
# versioned **migrations** (Alembic, Flyway), each a small script applied once, in order.
#
# **Types are where SQLite differs most.** PostgreSQL checks every value against the column's type
# (`INTEGER`, `NUMERIC(10,2)`, `TEXT`, `BOOLEAN`, `TIMESTAMPTZ`...). SQLite has five storage classes (NULL,
# INTEGER, REAL, TEXT, BLOB) and a column only has a type *affinity*: `'12'` stored in an `INTEGER` column becomes
# the integer 12, but `'abc'` is kept as text without complaint. `STRICT` tables (SQLite 3.37+) reject it. There is
# no boolean or date type: booleans are 0/1, dates are ISO-8601 text (which sorts correctly) or numbers.
# `ALTER TABLE` is limited in SQLite: `RENAME COLUMN` since 3.25, `DROP COLUMN` since 3.35, and no way to change a
# column's type or constraints in place (make a new table, copy, drop, rename).

# %% course={"kind": "demo"}
conn = database("CREATE TABLE metrics (run INTEGER, value INTEGER)")
conn.executemany("INSERT INTO metrics VALUES (?, ?)", [(1, "12"), (2, "abc"), (3, 4.0), (4, 2.5)])
print("affinity:", conn.execute("SELECT value, typeof(value) FROM metrics ORDER BY run").fetchall())
if sqlite3.sqlite_version_info >= (3, 37, 0):
    conn.execute("CREATE TABLE metrics_strict (run INTEGER, value INTEGER) STRICT")
    try:
        conn.execute("INSERT INTO metrics_strict VALUES (1, 'abc')")
    except sqlite3.IntegrityError as error:
        print("STRICT:  ", error)
conn.execute("ALTER TABLE metrics ADD COLUMN unit TEXT NOT NULL DEFAULT 'ms'")
conn.execute("ALTER TABLE metrics RENAME COLUMN value TO amount")
print("columns: ", [row[1] for row in conn.execute("PRAGMA table_info(metrics)")])
conn.execute("DROP TABLE metrics")
conn.execute("DROP TABLE IF EXISTS metrics")  # no error the second time
print("tables:  ", conn.execute("SELECT name FROM sqlite_master WHERE type = 'table' ORDER BY name").fetchall())

# %% [markdown] course={"kind": "lesson", "id": "constraints", "covers": ["c-constraints", "c-primary-key", "c-foreign-key", "c-unique", "c-not-null", "c-check", "c-default"]}
# ### Constraints: let the database refuse bad data
#
# Constraints are rules the database checks on every write, whichever program writes: `PRIMARY KEY` (unique, names
# the row), `FOREIGN KEY ... REFERENCES` (must name an existing row; `ON DELETE CASCADE` deletes the children with
# the parent), `UNIQUE` (no two rows share the value; NULLs do not count as equal, so several NULLs are allowed),
# `NOT NULL`, `CHECK (condition)` (the row is refused when the condition is false; NULL passes) and
# `DEFAULT value` (used when an `INSERT` leaves the column out). A violation raises `sqlite3.IntegrityError` and
# the statement changes nothing.
#
# Checking in the application alone is the mistake: two processes pass the check at the same time, a script
# written next year skips it. Put the rule in the schema; check in the application too for friendly messages.
# SQLite quirks: foreign keys need `PRAGMA foreign_keys = ON`, and an `INTEGER PRIMARY KEY` column is the row id,
# filled in for you when you insert NULL or leave it out (in PostgreSQL use an identity column). Any *other* primary
# key in SQLite accepts NULLs unless its columns are also declared `NOT NULL` (an old bug kept for compatibility;
# `STRICT` tables refuse them): so write `NOT NULL` on the columns of a composite key.

# %% course={"kind": "demo"}
conn = database(
    """
    CREATE TABLE users (id INTEGER PRIMARY KEY, email TEXT NOT NULL UNIQUE,
                        role TEXT NOT NULL DEFAULT 'viewer' CHECK (role IN ('viewer', 'editor', 'admin')));
    CREATE TABLE api_keys (id INTEGER PRIMARY KEY, user_id INTEGER NOT NULL REFERENCES users(id) ON DELETE CASCADE);
    """
)
conn.execute("INSERT INTO users (email) VALUES ('ana@example.com')")
print("DEFAULT:", conn.execute("SELECT id, email, role FROM users").fetchall())
for bad in [
    "INSERT INTO users (email) VALUES ('ana@example.com')",
    "INSERT INTO users (email, role) VALUES ('bo@example.com', 'root')",
    "INSERT INTO users (email) VALUES (NULL)",
    "INSERT INTO api_keys (user_id) VALUES (42)",
]:
    try:
        conn.execute(bad)
    except sqlite3.IntegrityError as error:
        print(f"{type(error).__name__}: {error}")
conn.execute("INSERT INTO api_keys (user_id) VALUES (1)")
conn.execute("DELETE FROM users WHERE id = 1")
print("keys after the user went (CASCADE):", conn.execute("SELECT count(*) FROM api_keys").fetchone()[0])

# %% [markdown] course={"kind": "exercise", "id": "second-highest", "item": "x-write-queries-for-common-patterns"}
# ### Second highest salary (after LeetCode's *Second Highest Salary*)
#
# Table `pay(id INTEGER PRIMARY KEY, name TEXT, salary INTEGER)`. Write `second_highest_sql()`, returning a query
# that gives **exactly one row with one column**: the second-highest *distinct* salary, or NULL when there is no
# such salary (an empty table, or everyone paid the same).
#
# ```python
# >>> run(second_highest_sql(), "CREATE TABLE pay (id INTEGER PRIMARY KEY, name TEXT, salary INTEGER);"
# ...     "INSERT INTO pay (name, salary) VALUES ('ana', 300), ('bo', 300), ('cy', 200)")
# [(200,)]
# ```

# %% [markdown] course={"kind": "hint"}
# "Second highest" is "the highest of the salaries below the highest one". An aggregate over no rows gives NULL.

# %% [markdown] course={"kind": "hint"}
# `SELECT MAX(salary) FROM pay WHERE salary < (SELECT MAX(salary) FROM pay)`. The `LIMIT 1 OFFSET 1` version
# returns *no row* when there is no second salary, and without `DISTINCT` its second row can be the top salary again.

# %% course={"kind": "solution"}
def second_highest_sql() -> str:
    ### BEGIN SOLUTION
    return "SELECT MAX(salary) AS second_highest FROM pay WHERE salary < (SELECT MAX(salary) FROM pay)"
    ### END SOLUTION


# %% course={"kind": "test", "points": 1}
rows = run(second_highest_sql(), PAY + "INSERT INTO pay (name, salary) VALUES ('ana', 100), ('bo', 300), ('cy', 200)")
assert exactly(rows, [(200,)]), f"salaries 100, 300, 200: expected [(200,)], got {rows}"

# %% course={"kind": "test", "points": 1}
rows = run(second_highest_sql(), PAY + "INSERT INTO pay (name, salary) VALUES ('ana', 300), ('bo', 300), ('cy', 200)")
assert exactly(rows, [(200,)]), f"two people earn the top salary 300; the second highest *distinct* salary is 200, got {rows}"
### BEGIN HIDDEN TESTS
rows = run(second_highest_sql(), PAY + "INSERT INTO pay (name, salary) VALUES ('a', 5), ('b', 0), ('c', -3), ('d', 5)")
assert exactly(rows, [(0,)]), f"0 is a salary like any other: expected [(0,)], got {rows}"
rows = run(second_highest_sql(), PAY + "INSERT INTO pay (name, salary) VALUES ('a', -1), ('b', -7), ('c', NULL)")
assert exactly(rows, [(-7,)]), f"negative salaries, and a NULL that is no salary: expected [(-7,)], got {rows}"
### END HIDDEN TESTS

# %% course={"kind": "test", "points": 2}
rows = run(second_highest_sql(), PAY + "INSERT INTO pay (name, salary) VALUES ('ana', 300), ('bo', 300)")
assert exactly(rows, [(None,)]), f"everyone earns 300: expected one row holding NULL, [(None,)], got {rows}"
### BEGIN HIDDEN TESTS
rows = run(second_highest_sql(), PAY)
assert exactly(rows, [(None,)]), f"empty table: expected [(None,)], got {rows}"
rows = run(second_highest_sql(), PAY + "INSERT INTO pay (name, salary) VALUES ('solo', 120)")
assert exactly(rows, [(None,)]), f"one employee: expected [(None,)], got {rows}"
### END HIDDEN TESTS

# %% course={"kind": "wrong", "id": "offset-without-distinct"}
def second_highest_sql() -> str:
    return "SELECT salary FROM pay ORDER BY salary DESC LIMIT 1 OFFSET 1"


# %% course={"kind": "wrong", "id": "offset-returns-no-row", "fails": ["t3"]}
def second_highest_sql() -> str:
    return "SELECT DISTINCT salary FROM pay ORDER BY salary DESC LIMIT 1 OFFSET 1"


# %% course={"kind": "wrong", "id": "scalar-offset-no-distinct", "fails": ["t2", "t3"]}
def second_highest_sql() -> str:
    return "SELECT (SELECT salary FROM pay ORDER BY salary DESC LIMIT 1 OFFSET 1) AS second_highest"


# %% course={"kind": "wrong", "id": "min-of-top-two"}
def second_highest_sql() -> str:
    return "SELECT MIN(salary) FROM (SELECT salary FROM pay ORDER BY salary DESC LIMIT 2)"


# %% [markdown] course={"kind": "exercise", "id": "top-three-per-department", "item": "x-write-queries-for-common-patterns"}
# ### Top three salaries per department (after LeetCode's *Department Top Three Salaries*)
#
# Tables `departments(id, name)` and `employees(id, name, salary, department_id)`. Write `top_three_sql()`: a query
# giving `(department name, employee name, salary)` for every employee whose salary is among the **three highest
# distinct salaries of their own department** (so ties all count: with salaries 90, 90, 80, 70, 60 the top three
# distinct salaries are 90, 80, 70 and four people qualify). Order by department name, then salary from high to
# low, then employee name.
#
# ```python
# >>> run(top_three_sql(), TEAMS + "INSERT INTO departments VALUES (1, 'ops');"
# ...     "INSERT INTO employees (name, salary, department_id) VALUES ('a', 5, 1), ('b', 9, 1), ('c', 7, 1), ('d', 1, 1)")
# [('ops', 'b', 9), ('ops', 'c', 7), ('ops', 'a', 5)]
# ```

# %% [markdown] course={"kind": "hint"}
# Number the salaries inside each department with a window function, in a CTE, then keep the small numbers.

# %% [markdown] course={"kind": "hint"}
# `DENSE_RANK() OVER (PARTITION BY department_id ORDER BY salary DESC)` gives 1, 1, 2, 3 for 90, 90, 80, 70;
# `ROW_NUMBER()` would give 1, 2, 3, 4 and `RANK()` 1, 1, 3, 4. Without window functions: keep an employee when
# fewer than three distinct salaries of the same department are higher (a correlated subquery).

# %% course={"kind": "solution"}
def top_three_sql() -> str:
    ### BEGIN SOLUTION
    return """
    WITH ranked AS (
        SELECT d.name AS department, e.name AS employee, e.salary,
               DENSE_RANK() OVER (PARTITION BY e.department_id ORDER BY e.salary DESC) AS place
        FROM employees e JOIN departments d ON d.id = e.department_id
    )
    SELECT department, employee, salary FROM ranked WHERE place <= 3
    ORDER BY department, salary DESC, employee
    """
    ### END SOLUTION


# %% course={"kind": "test", "points": 1}
rows = run(top_three_sql(), TEAMS + "INSERT INTO departments VALUES (1, 'ops');"
           "INSERT INTO employees (name, salary, department_id) VALUES ('a', 5, 1), ('b', 9, 1), ('c', 7, 1), ('d', 1, 1)")
assert exactly(rows, [("ops", "b", 9), ("ops", "c", 7), ("ops", "a", 5)]), f"the three best paid of four, best first; got {rows}"

# %% course={"kind": "test", "points": 2}
rows = run(top_three_sql(), TEAMS + "INSERT INTO departments VALUES (1, 'ops');"
           "INSERT INTO employees (name, salary, department_id) VALUES"
           " ('ed', 60, 1), ('di', 70, 1), ('cy', 80, 1), ('bo', 90, 1), ('al', 90, 1)")
expected = [("ops", "al", 90), ("ops", "bo", 90), ("ops", "cy", 80), ("ops", "di", 70)]
assert exactly(rows, expected), f"salaries 90, 90, 80, 70, 60: the top three distinct are 90, 80, 70 (four people); got {rows}"

# %% course={"kind": "test", "points": 2}
script = TEAMS + (
    "INSERT INTO departments VALUES (1, 'ops'), (2, 'eng'), (3, 'empty');"
    "INSERT INTO employees (name, salary, department_id) VALUES"
    " ('zed', 50, 2), ('yan', 50, 2), ('xi', 10, 1), ('wu', 60, 1), ('vi', 99, 2), ('uma', 30, 1),"
    " ('vic', 30, 1), ('tom', 20, 1), ('sal', 45, 2), ('ray', 1, 2)"
)
rows = run(top_three_sql(), script)
expected = [
    ("eng", "vi", 99), ("eng", "yan", 50), ("eng", "zed", 50), ("eng", "sal", 45),
    ("ops", "wu", 60), ("ops", "uma", 30), ("ops", "vic", 30), ("ops", "tom", 20),
]
assert exactly(rows, expected), f"each department on its own, eng before ops, ties by name; got {rows}"
### BEGIN HIDDEN TESTS
script = TEAMS + (
    "INSERT INTO departments VALUES (1, 'Ops'), (2, 'ops'), (3, 'éq');"
    "INSERT INTO employees (name, salary, department_id) VALUES ('b', -5, 3), ('a', 0, 3), ('c', 7, 2), ('d', 7, 1)"
)
rows = run(top_three_sql(), script)
expected = [("Ops", "d", 7), ("ops", "c", 7), ("éq", "a", 0), ("éq", "b", -5)]
assert exactly(rows, expected), f"small departments keep everyone; 0 and negative salaries count; got {rows}"
script = TEAMS + (
    "INSERT INTO departments VALUES (1, 'ops'), (2, 'ops');"
    "INSERT INTO employees (name, salary, department_id) VALUES ('a', 9, 1), ('b', 8, 1), ('c', 7, 1), ('d', 6, 1), ('e', 5, 2)"
)
rows = run(top_three_sql(), script)
expected = [("ops", "a", 9), ("ops", "b", 8), ("ops", "c", 7), ("ops", "e", 5)]
assert exactly(rows, expected), f"two departments may share a name: each keeps its own top three; got {rows}"
### END HIDDEN TESTS

# %% course={"kind": "wrong", "id": "row-number"}
def top_three_sql() -> str:
    return """
    WITH ranked AS (
        SELECT d.name AS department, e.name AS employee, e.salary,
               ROW_NUMBER() OVER (PARTITION BY e.department_id ORDER BY e.salary DESC) AS place
        FROM employees e JOIN departments d ON d.id = e.department_id
    )
    SELECT department, employee, salary FROM ranked WHERE place <= 3
    ORDER BY department, salary DESC, employee
    """


# %% course={"kind": "wrong", "id": "rank-skips", "fails": ["t2", "t3"]}
def top_three_sql() -> str:
    return """
    WITH ranked AS (
        SELECT d.name AS department, e.name AS employee, e.salary,
               RANK() OVER (PARTITION BY e.department_id ORDER BY e.salary DESC) AS place
        FROM employees e JOIN departments d ON d.id = e.department_id
    )
    SELECT department, employee, salary FROM ranked WHERE place <= 3
    ORDER BY department, salary DESC, employee
    """


# %% course={"kind": "wrong", "id": "no-partition", "fails": ["t3"]}
def top_three_sql() -> str:
    return """
    WITH ranked AS (
        SELECT d.name AS department, e.name AS employee, e.salary,
               DENSE_RANK() OVER (ORDER BY e.salary DESC) AS place
        FROM employees e JOIN departments d ON d.id = e.department_id
    )
    SELECT department, employee, salary FROM ranked WHERE place <= 3
    ORDER BY department, salary DESC, employee
    """


# %% course={"kind": "wrong", "id": "count-without-distinct", "fails": ["t2", "t3"]}
def top_three_sql() -> str:
    return """
    SELECT d.name, e.name, e.salary FROM employees e JOIN departments d ON d.id = e.department_id
    WHERE (SELECT COUNT(*) FROM employees x WHERE x.department_id = e.department_id AND x.salary > e.salary) < 3
    ORDER BY d.name, e.salary DESC, e.name
    """


# %% course={"kind": "wrong", "id": "no-name-tie-break", "fails": ["t2", "t3"]}
def top_three_sql() -> str:
    return """
    WITH ranked AS (
        SELECT d.name AS department, e.name AS employee, e.salary,
               DENSE_RANK() OVER (PARTITION BY e.department_id ORDER BY e.salary DESC) AS place
        FROM employees e JOIN departments d ON d.id = e.department_id
    )
    SELECT department, employee, salary FROM ranked WHERE place <= 3
    ORDER BY department, salary DESC
    """


# %% course={"kind": "wrong", "id": "partition-by-department-name", "fails": ["t3"]}
def top_three_sql() -> str:
    return """
    WITH ranked AS (
        SELECT d.name AS department, e.name AS employee, e.salary,
               DENSE_RANK() OVER (PARTITION BY d.name ORDER BY e.salary DESC) AS place
        FROM employees e JOIN departments d ON d.id = e.department_id
    )
    SELECT department, employee, salary FROM ranked WHERE place <= 3
    ORDER BY department, salary DESC, employee
    """


# %% course={"kind": "wrong", "id": "salary-before-department", "fails": ["t3"]}
def top_three_sql() -> str:
    return """
    WITH ranked AS (
        SELECT d.name AS department, e.name AS employee, e.salary,
               DENSE_RANK() OVER (PARTITION BY e.department_id ORDER BY e.salary DESC) AS place
        FROM employees e JOIN departments d ON d.id = e.department_id
    )
    SELECT department, employee, salary FROM ranked WHERE place <= 3
    ORDER BY salary DESC, department, employee
    """


# %% course={"kind": "wrong", "id": "top-two"}
def top_three_sql() -> str:
    return """
    WITH ranked AS (
        SELECT d.name AS department, e.name AS employee, e.salary,
               DENSE_RANK() OVER (PARTITION BY e.department_id ORDER BY e.salary DESC) AS place
        FROM employees e JOIN departments d ON d.id = e.department_id
    )
    SELECT department, employee, salary FROM ranked WHERE place < 3
    ORDER BY department, salary DESC, employee
    """


# %% course={"kind": "wrong", "id": "order-left-to-chance"}
def top_three_sql() -> str:
    return """
    WITH ranked AS (
        SELECT d.name AS department, e.name AS employee, e.salary,
               DENSE_RANK() OVER (PARTITION BY e.department_id ORDER BY e.salary DESC) AS place
        FROM employees e JOIN departments d ON d.id = e.department_id
    )
    SELECT department, employee, salary FROM ranked WHERE place <= 3
    """


# %% [markdown] course={"kind": "exercise", "id": "never-ordered", "item": "x-write-queries-for-common-patterns"}
# ### Customers who never ordered (after LeetCode's *Customers Who Never Order*)
#
# Tables `customers(id, name)` and `orders(id, customer_id, amount)`, where `customer_id` is NULL for a guest
# checkout. Write `never_ordered_sql()`: `(id, name)` of every customer with no order at all, ordered by name, then
# id (two customers may share a name).
#
# ```python
# >>> run(never_ordered_sql(), SHOPPERS + "INSERT INTO customers VALUES (1, 'ana'), (2, 'bo');"
# ...     "INSERT INTO orders (customer_id, amount) VALUES (1, 10), (NULL, 5)")
# [(2, 'bo')]
# ```

# %% [markdown] course={"kind": "hint"}
# "Has no order" is `NOT EXISTS (an order of this customer)`. What does `NOT IN` do when the list holds a NULL?

# %% [markdown] course={"kind": "hint"}
# `2 NOT IN (1, NULL)` is NULL, not true, so a `NOT IN (SELECT customer_id FROM orders)` keeps nobody once a
# guest order exists. Use `WHERE NOT EXISTS (SELECT 1 FROM orders o WHERE o.customer_id = c.id)`, or a LEFT JOIN
# with `WHERE o.id IS NULL` (never `= NULL`).

# %% course={"kind": "solution"}
def never_ordered_sql() -> str:
    ### BEGIN SOLUTION
    return """
    SELECT c.id, c.name FROM customers c
    WHERE NOT EXISTS (SELECT 1 FROM orders o WHERE o.customer_id = c.id)
    ORDER BY c.name, c.id
    """
    ### END SOLUTION


# %% course={"kind": "test", "points": 1}
rows = run(never_ordered_sql(), SHOPPERS + "INSERT INTO customers VALUES (1, 'ana'), (2, 'bo'), (3, 'cy');"
           "INSERT INTO orders (customer_id, amount) VALUES (1, 10), (3, 7), (1, 4)")
assert exactly(rows, [(2, "bo")]), f"only bo (id 2) has no order; got {rows}"

# %% course={"kind": "test", "points": 2}
rows = run(never_ordered_sql(), SHOPPERS + "INSERT INTO customers VALUES (1, 'ana'), (2, 'bo');"
           "INSERT INTO orders (customer_id, amount) VALUES (1, 10), (NULL, 5)")
assert exactly(rows, [(2, "bo")]), f"a guest order (customer_id NULL) must not hide bo; got {rows} (NOT IN meets a NULL?)"

# %% course={"kind": "test", "points": 1}
script = SHOPPERS + (
    "INSERT INTO customers VALUES (1, 'zoe'), (2, 'max'), (3, 'ana'), (4, 'max'), (5, 'Bea');"
    "INSERT INTO orders (customer_id, amount) VALUES (3, 1)"
)
rows = run(never_ordered_sql(), script)
assert exactly(rows, [(5, "Bea"), (2, "max"), (4, "max"), (1, "zoe")]), f"ordered by name, then id; got {rows}"
### BEGIN HIDDEN TESTS
# An index that lists equal names newest first: a query that leaves the order of ties to the database gets that.
newest_first = "CREATE INDEX customers_name_newest ON customers (name, id DESC);"
script = SHOPPERS + newest_first + "INSERT INTO customers VALUES (4, 'max'), (2, 'max'), (9, 'max'), (1, 'al');"
rows = run(never_ordered_sql(), script)
assert exactly(rows, [(1, "al"), (2, "max"), (4, "max"), (9, "max")]), f"equal names in id order, always; got {rows}"
rows = run(never_ordered_sql(), SHOPPERS + "INSERT INTO customers VALUES (1, 'bo'), (2, 'Zed'), (3, 'ann');")
assert exactly(rows, [(2, "Zed"), (3, "ann"), (1, "bo")]), f"names compare as text (upper case first), as ORDER BY does; got {rows}"
rows = run(never_ordered_sql(), SHOPPERS + "INSERT INTO customers VALUES (7, ''), (3, 'é');")
assert exactly(rows, [(7, ""), (3, "é")]), f"no orders at all: everyone, an empty name too; got {rows}"
rows = run(never_ordered_sql(), SHOPPERS + "INSERT INTO orders (customer_id, amount) VALUES (NULL, 1)")
assert exactly(rows, []), f"no customers: no rows; got {rows}"
### END HIDDEN TESTS

# %% course={"kind": "wrong", "id": "not-in-meets-null"}
def never_ordered_sql() -> str:
    return "SELECT id, name FROM customers WHERE id NOT IN (SELECT customer_id FROM orders) ORDER BY name, id"


# %% course={"kind": "wrong", "id": "equals-null"}
def never_ordered_sql() -> str:
    return """
    SELECT c.id, c.name FROM customers c LEFT JOIN orders o ON o.customer_id = c.id
    WHERE o.id = NULL ORDER BY c.name, c.id
    """


# %% course={"kind": "wrong", "id": "count-star-is-one"}
def never_ordered_sql() -> str:
    return """
    SELECT c.id, c.name FROM customers c LEFT JOIN orders o ON o.customer_id = c.id
    GROUP BY c.id HAVING COUNT(*) = 0 ORDER BY c.name, c.id
    """


# %% course={"kind": "wrong", "id": "ties-left-to-chance", "fails": ["t3"]}
def never_ordered_sql() -> str:
    return "SELECT c.id, c.name FROM customers c WHERE NOT EXISTS (SELECT 1 FROM orders o WHERE o.customer_id = c.id) ORDER BY c.name"


# %% course={"kind": "wrong", "id": "ordered-by-id"}
def never_ordered_sql() -> str:
    return "SELECT c.id, c.name FROM customers c WHERE NOT EXISTS (SELECT 1 FROM orders o WHERE o.customer_id = c.id)"


# %% [markdown] course={"kind": "exercise", "id": "find-customers", "item": "x-write-queries-for-common-patterns"}
# ### Search by name prefix, with parameters
#
# Write `find_customers(conn, prefix)` for the `customers(id, name)` table: a list of `(id, name)` tuples for the
# customers whose name **starts with** `prefix`, ignoring the case of ASCII letters (as SQLite's `LIKE` does),
# ordered by name, then id. `%`, `_` and `\` in `prefix` are ordinary characters. Pass values as **parameters**:
# the prefix comes from a search box and may hold quotes.
#
# ```python
# >>> conn = database(SHOPPERS + "INSERT INTO customers VALUES (1, 'abbey'), (2, 'Abe'), (3, 'cab')")
# >>> find_customers(conn, "ab")
# [(2, 'Abe'), (1, 'abbey')]
# ```

# %% [markdown] course={"kind": "hint"}
# `conn.execute("... WHERE name LIKE ? ...", (pattern,))`. What should the pattern be when the prefix itself
# contains `%`?

# %% [markdown] course={"kind": "hint"}
# Escape the prefix first (`\` to `\\`, then `%` to `\%`, `_` to `\_`), add `%`, and say `LIKE ? ESCAPE '\'`. An
# f-string breaks on `O'Brien` and lets `' OR 1=1 --` through.

# %% course={"kind": "solution"}
import sqlite3


def find_customers(conn: sqlite3.Connection, prefix: str) -> list[tuple[int, str]]:
    ### BEGIN SOLUTION
    escaped = prefix.replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_")
    query = "SELECT id, name FROM customers WHERE name LIKE ? ESCAPE '\\' ORDER BY name, id"
    return conn.execute(query, (escaped + "%",)).fetchall()
    ### END SOLUTION


# %% course={"kind": "test", "points": 1}
conn = database(SHOPPERS + "INSERT INTO customers VALUES (1, 'abbey'), (2, 'Abe'), (3, 'cab'), (4, 'ABACUS')")
rows = find_customers(conn, "ab")
assert exactly(rows, [(4, "ABACUS"), (2, "Abe"), (1, "abbey")]), f"'ab' matches names starting with ab in any case, not 'cab'; got {rows}"
### BEGIN HIDDEN TESTS
assert type(rows) is list and all(type(r) is tuple for r in rows), f"a list of tuples, got {rows!r}"
assert find_customers(conn, "") == [(4, "ABACUS"), (2, "Abe"), (1, "abbey"), (3, "cab")], "the empty prefix matches everyone"
assert find_customers(conn, " ab") == [], "a leading space is part of the prefix"
assert find_customers(conn, "abbey!") == [], "a prefix longer than the name does not match"
### END HIDDEN TESTS

# %% course={"kind": "test", "points": 2}
conn = database(SHOPPERS + "INSERT INTO customers VALUES (1, 'O''Brien'), (2, 'Obi'), (3, 'o''brady')")
rows = find_customers(conn, "O'B")
assert exactly(rows, [(1, "O'Brien"), (3, "o'brady")]), f"a quote in the prefix is data, not SQL; got {rows}"
### BEGIN HIDDEN TESTS
assert find_customers(conn, "' OR 1=1 --") == [], "an injection attempt is just a prefix nobody has"
assert find_customers(conn, "x' OR name LIKE '%") == [], "an injection attempt is just a prefix nobody has"
### END HIDDEN TESTS

# %% course={"kind": "test", "points": 2}
conn = database(SHOPPERS + "INSERT INTO customers VALUES (1, '500 club'), (2, '50% off'), (3, 'a_b'), (4, 'axb'),"
                " (5, 'c:\\temp'), (6, 'c:xtemp')")
assert find_customers(conn, "50%") == [(2, "50% off")], "% in the prefix is a percent sign, not a wildcard"
### BEGIN HIDDEN TESTS
assert find_customers(conn, "a_") == [(3, "a_b")], "_ in the prefix is an underscore, not a wildcard"
assert find_customers(conn, "c:\\") == [(5, "c:\\temp")], "a backslash in the prefix is a backslash"
conn = database(SHOPPERS + "INSERT INTO customers VALUES (1, 'Éva'), (2, 'éva'), (3, 'Eva')")
assert find_customers(conn, "É") == [(1, "Éva")], "LIKE folds ASCII letters only: É does not match é"
### END HIDDEN TESTS

# %% course={"kind": "wrong", "id": "f-string"}
import sqlite3


def find_customers(conn, prefix):
    return conn.execute(f"SELECT id, name FROM customers WHERE name LIKE '{prefix}%' ORDER BY name, id").fetchall()


# %% course={"kind": "wrong", "id": "wildcards-not-escaped", "fails": ["t3"]}
import sqlite3


def find_customers(conn, prefix):
    return conn.execute("SELECT id, name FROM customers WHERE name LIKE ? || '%' ORDER BY name, id", (prefix,)).fetchall()


# %% course={"kind": "wrong", "id": "backslash-not-escaped", "fails": ["t3"]}
import sqlite3


def find_customers(conn, prefix):
    escaped = prefix.replace("%", "\\%").replace("_", "\\_")
    return conn.execute("SELECT id, name FROM customers WHERE name LIKE ? ESCAPE '\\' ORDER BY name, id", (escaped + "%",)).fetchall()


# %% course={"kind": "wrong", "id": "python-lower-folds-unicode", "fails": ["t3"]}
import sqlite3


def find_customers(conn, prefix):
    rows = conn.execute("SELECT id, name FROM customers ORDER BY name, id").fetchall()
    return [row for row in rows if row[1].lower().startswith(prefix.lower())]


# %% course={"kind": "wrong", "id": "case-sensitive-glob"}
import sqlite3


def find_customers(conn, prefix):
    return conn.execute("SELECT id, name FROM customers WHERE substr(name, 1, length(?)) = ? ORDER BY name, id", (prefix, prefix)).fetchall()


# %% [markdown] course={"kind": "exercise", "id": "page-of-hosts", "item": "x-write-queries-for-common-patterns"}
# ### One page of results: ORDER BY, LIMIT, OFFSET
#
# An inventory API lists hosts page by page. Write `page(conn, number, size)` for the table `hosts(id, name)`:
# the `(id, name)` rows of page `number` (pages count from 1) with `size` rows per page, ordered by name, then id
# (so every row is on exactly one page). A page past the end is an empty list. `number` or `size` below 1 raises
# `ValueError` (careful: SQLite reads `LIMIT -1` as "no limit" and quietly returns everything).
#
# ```python
# >>> conn = database(HOSTS + "INSERT INTO hosts (name) VALUES ('web-3'), ('db-1'), ('web-1'), ('cache-1'), ('web-2')")
# >>> page(conn, 2, 2)
# [(3, 'web-1'), (5, 'web-2')]
# ```

# %% [markdown] course={"kind": "hint"}
# Page 1 skips nothing, page 2 skips one page. Pass both numbers as parameters: `LIMIT ? OFFSET ?`.

# %% [markdown] course={"kind": "hint"}
# `OFFSET (number - 1) * size`; check the arguments before running anything.

# %% course={"kind": "solution"}
import sqlite3


def page(conn: sqlite3.Connection, number: int, size: int) -> list[tuple[int, str]]:
    ### BEGIN SOLUTION
    if number < 1 or size < 1:
        raise ValueError(f"page number and size start at 1, got number={number}, size={size}")
    query = "SELECT id, name FROM hosts ORDER BY name, id LIMIT ? OFFSET ?"
    return conn.execute(query, (size, (number - 1) * size)).fetchall()
    ### END SOLUTION


# %% course={"kind": "test", "points": 1}
conn = database(HOSTS + "INSERT INTO hosts (name) VALUES ('web-3'), ('db-1'), ('web-1'), ('cache-1'), ('web-2')")
rows = page(conn, 1, 2)
assert exactly(rows, [(4, "cache-1"), (2, "db-1")]), f"page 1 holds the first two names in order; got {rows}"

# %% course={"kind": "test", "points": 2}
conn = database(HOSTS + "INSERT INTO hosts (name) VALUES ('web-3'), ('db-1'), ('web-1'), ('cache-1'), ('web-2')")
pages = [page(conn, n, 2) for n in (1, 2, 3, 4)]
expected = [[(4, "cache-1"), (2, "db-1")], [(3, "web-1"), (5, "web-2")], [(1, "web-3")], []]
assert pages == expected, f"pages 1-4 of size 2: every row once, the last page short, then empty; got {pages}"
### BEGIN HIDDEN TESTS
assert exactly(page(conn, 1, 5), [(4, "cache-1"), (2, "db-1"), (3, "web-1"), (5, "web-2"), (1, "web-3")]), "one page of 5 holds all"
assert exactly(page(conn, 2, 5), []), "nothing after the only full page"
assert exactly(page(conn, 5, 1), [(1, "web-3")]), "page 5 of size 1 is the fifth row"
assert exactly(page(conn, 1, 1), [(4, "cache-1")]), "page 1 of size 1 is the first row"
# An index that lists equal names newest first: a query that leaves the order of ties to the database gets that.
newest_first = "CREATE INDEX hosts_name_newest ON hosts (name, id DESC);"
conn = database(HOSTS + newest_first + "INSERT INTO hosts (id, name) VALUES (9, 'web'), (3, 'web'), (7, 'Web'), (8, 'wéb')")
rows = page(conn, 1, 2) + page(conn, 2, 2)
assert exactly(rows, [(7, "Web"), (3, "web"), (9, "web"), (8, "wéb")]), f"equal names by id, on every page; got {rows}"
### END HIDDEN TESTS

# %% course={"kind": "test", "points": 1}
conn = database(HOSTS + "INSERT INTO hosts (name) VALUES ('a'), ('b')")
for number, size in [(0, 2), (1, 0), (-1, 2), (1, -1), (0, 0)]:
    try:
        result = page(conn, number, size)
    except ValueError:
        continue
    raise AssertionError(f"page(conn, {number}, {size}) must raise ValueError, returned {result}")

# %% course={"kind": "wrong", "id": "offset-one-page-too-far"}
import sqlite3


def page(conn, number, size):
    if number < 1 or size < 1:
        raise ValueError("page number and size start at 1")
    return conn.execute("SELECT id, name FROM hosts ORDER BY name, id LIMIT ? OFFSET ?", (size, number * size)).fetchall()


# %% course={"kind": "wrong", "id": "no-validation", "fails": ["t3"]}
import sqlite3


def page(conn, number, size):
    return conn.execute("SELECT id, name FROM hosts ORDER BY name, id LIMIT ? OFFSET ?", (size, (number - 1) * size)).fetchall()


# %% course={"kind": "wrong", "id": "ties-left-to-chance", "fails": ["t2"]}
import sqlite3


def page(conn, number, size):
    if number < 1 or size < 1:
        raise ValueError("page number and size start at 1")
    return conn.execute("SELECT id, name FROM hosts ORDER BY name LIMIT ? OFFSET ?", (size, (number - 1) * size)).fetchall()


# %% course={"kind": "wrong", "id": "limit-and-offset-swapped"}
import sqlite3


def page(conn, number, size):
    if number < 1 or size < 1:
        raise ValueError("page number and size start at 1")
    return conn.execute("SELECT id, name FROM hosts ORDER BY name, id LIMIT ? OFFSET ?", ((number - 1) * size, size)).fetchall()


# %% course={"kind": "wrong", "id": "order-by-id"}
import sqlite3


def page(conn, number, size):
    if number < 1 or size < 1:
        raise ValueError("page number and size start at 1")
    return conn.execute("SELECT id, name FROM hosts ORDER BY id LIMIT ? OFFSET ?", (size, (number - 1) * size)).fetchall()


# %% [markdown] course={"kind": "exercise", "id": "big-spenders", "item": "x-write-aggregation-queries"}
# ### Big spenders: GROUP BY with HAVING
#
# Same `customers` and `orders` tables (amounts in cents; a refund is a negative amount). Write
# `big_spenders_sql()`: a query with a **named parameter** `:minimum` giving `(name, number of orders, total)` for
# every customer whose orders add up to **at least** `:minimum`, ordered by total from high to low, then name.
#
# ```python
# >>> run(big_spenders_sql(), SHOPPERS + "INSERT INTO customers VALUES (1, 'ana'), (2, 'bo');"
# ...     "INSERT INTO orders (customer_id, amount) VALUES (1, 60), (1, 50), (2, 90)", {"minimum": 100})
# [('ana', 2, 110)]
# ```

# %% [markdown] course={"kind": "hint"}
# Group the orders by customer; the condition is about the *sum*, so it cannot go in `WHERE`.

# %% [markdown] course={"kind": "hint"}
# `... GROUP BY c.id HAVING SUM(o.amount) >= :minimum ORDER BY total DESC, c.name`.

# %% course={"kind": "solution"}
def big_spenders_sql() -> str:
    ### BEGIN SOLUTION
    return """
    SELECT c.name, COUNT(*) AS orders, SUM(o.amount) AS total
    FROM customers c JOIN orders o ON o.customer_id = c.id
    GROUP BY c.id
    HAVING SUM(o.amount) >= :minimum
    ORDER BY total DESC, c.name
    """
    ### END SOLUTION


# %% course={"kind": "test", "points": 1}
script = SHOPPERS + (
    "INSERT INTO customers VALUES (1, 'ana'), (2, 'bo'), (3, 'cy');"
    "INSERT INTO orders (customer_id, amount) VALUES (1, 50), (2, 150), (1, 50), (3, 20), (1, 40)"
)
rows = run(big_spenders_sql(), script, {"minimum": 100})
assert exactly(rows, [("bo", 1, 150), ("ana", 3, 140)]), f"ana's three small orders (50, 50, 40) add up to 140; got {rows} (WHERE instead of HAVING?)"

# %% course={"kind": "test", "points": 1}
script = SHOPPERS + (
    "INSERT INTO customers VALUES (1, 'ana'), (2, 'bo'), (3, 'cy');"
    "INSERT INTO orders (customer_id, amount) VALUES (1, 99), (2, 100), (3, 101), (1, 0)"
)
rows = run(big_spenders_sql(), script, {"minimum": 100})
assert exactly(rows, [("cy", 1, 101), ("bo", 1, 100)]), f"'at least 100' includes exactly 100 and excludes 99; got {rows}"
### BEGIN HIDDEN TESTS
script = SHOPPERS + (
    "INSERT INTO customers VALUES (1, 'ana'), (2, 'bo');"
    "INSERT INTO orders (customer_id, amount) VALUES (1, 150), (1, -60), (2, 30), (2, 0), (NULL, 500)"
)
rows = run(big_spenders_sql(), script, {"minimum": 0})
assert exactly(rows, [("ana", 2, 90), ("bo", 2, 30)]), f"refunds count, a 0 order counts, guest orders belong to nobody; got {rows}"
assert run(big_spenders_sql(), script, {"minimum": 91}) == [], "nobody reaches 91 after the refund"
rows = run(big_spenders_sql(), script, {"minimum": -1000})
assert exactly(rows, [("ana", 2, 90), ("bo", 2, 30)]), f"a negative minimum keeps everyone who ordered; got {rows}"
script = SHOPPERS + (
    "INSERT INTO customers VALUES (1, 'ana'), (2, 'ana');"
    "INSERT INTO orders (customer_id, amount) VALUES (1, 70), (2, 50), (2, 10)"
)
rows = run(big_spenders_sql(), script, {"minimum": 60})
assert exactly(rows, [("ana", 1, 70), ("ana", 2, 60)]), f"two customers named ana are two customers; got {rows}"
### END HIDDEN TESTS

# %% course={"kind": "test", "points": 1}
script = SHOPPERS + (
    "INSERT INTO customers VALUES (1, 'bo'), (2, 'zoe'), (3, 'cy'), (4, 'ana'), (5, 'dan'), (6, 'al');"
    "INSERT INTO orders (customer_id, amount) VALUES (1, 200), (2, 500), (3, 200), (4, 200), (5, 100), (6, 100)"
)
rows = run(big_spenders_sql(), script, {"minimum": 100})
expected = [("zoe", 1, 500), ("ana", 1, 200), ("bo", 1, 200), ("cy", 1, 200), ("al", 1, 100), ("dan", 1, 100)]
assert exactly(rows, expected), f"by total high to low, ties by name; got {rows}"

# %% course={"kind": "wrong", "id": "where-instead-of-having"}
def big_spenders_sql() -> str:
    return """
    SELECT c.name, COUNT(*) AS orders, SUM(o.amount) AS total
    FROM customers c JOIN orders o ON o.customer_id = c.id
    WHERE o.amount >= :minimum
    GROUP BY c.id ORDER BY total DESC, c.name
    """


# %% course={"kind": "wrong", "id": "more-than"}
def big_spenders_sql() -> str:
    return """
    SELECT c.name, COUNT(*) AS orders, SUM(o.amount) AS total
    FROM customers c JOIN orders o ON o.customer_id = c.id
    GROUP BY c.id HAVING SUM(o.amount) > :minimum ORDER BY total DESC, c.name
    """


# %% course={"kind": "wrong", "id": "no-tie-break", "fails": ["t3"]}
def big_spenders_sql() -> str:
    return """
    SELECT c.name, COUNT(*) AS orders, SUM(o.amount) AS total
    FROM customers c JOIN orders o ON o.customer_id = c.id
    GROUP BY c.id HAVING SUM(o.amount) >= :minimum ORDER BY total DESC
    """


# %% course={"kind": "wrong", "id": "grouped-by-name", "fails": ["t2"]}
def big_spenders_sql() -> str:
    return """
    SELECT c.name, COUNT(*) AS orders, SUM(o.amount) AS total
    FROM customers c JOIN orders o ON o.customer_id = c.id
    GROUP BY c.name HAVING SUM(o.amount) >= :minimum ORDER BY total DESC, c.name
    """


# %% course={"kind": "wrong", "id": "distinct-amounts", "fails": ["t1"]}
def big_spenders_sql() -> str:
    return """
    SELECT c.name, COUNT(DISTINCT o.amount) AS orders, SUM(DISTINCT o.amount) AS total
    FROM customers c JOIN orders o ON o.customer_id = c.id
    GROUP BY c.id HAVING SUM(DISTINCT o.amount) >= :minimum ORDER BY total DESC, c.name
    """


# %% course={"kind": "wrong", "id": "total-is-a-float"}
def big_spenders_sql() -> str:
    return """
    SELECT c.name, COUNT(*) AS orders, TOTAL(o.amount) AS total
    FROM customers c JOIN orders o ON o.customer_id = c.id
    GROUP BY c.id HAVING TOTAL(o.amount) >= :minimum ORDER BY total DESC, c.name
    """


# %% [markdown] course={"kind": "exercise", "id": "paid-summary", "item": "x-practice-complex-joins"}
# ### Every customer, with or without paid orders: LEFT JOIN
#
# Tables `clients(id, name)` and `invoices(id, client_id, cents, status)` (status `'paid'`, `'open'` or
# `'void'`). Write `paid_summary_sql()`: one row per client, **every client**, as `(name, paid invoices, paid
# cents)`, where a client with no paid invoice shows `0` and `0` (integers, not NULL). Order by client id.
#
# ```python
# >>> run(paid_summary_sql(), BILLING + "INSERT INTO clients VALUES (1, 'ana'), (2, 'bo');"
# ...     "INSERT INTO invoices (client_id, cents, status) VALUES (1, 500, 'paid'), (2, 900, 'open')")
# [('ana', 1, 500), ('bo', 0, 0)]
# ```

# %% [markdown] course={"kind": "hint"}
# A LEFT JOIN keeps clients without a matching invoice. Where does the `status = 'paid'` condition go so that it
# does not throw those clients away again?

# %% [markdown] course={"kind": "hint"}
# `LEFT JOIN invoices i ON i.client_id = c.id AND i.status = 'paid'`, then `COUNT(i.id)` (counts non-NULL ids:
# 0 for no match, where `COUNT(*)` says 1) and `COALESCE(SUM(i.cents), 0)` (SUM of nothing is NULL).

# %% course={"kind": "solution"}
def paid_summary_sql() -> str:
    ### BEGIN SOLUTION
    return """
    SELECT c.name, COUNT(i.id) AS paid, COALESCE(SUM(i.cents), 0) AS cents
    FROM clients c LEFT JOIN invoices i ON i.client_id = c.id AND i.status = 'paid'
    GROUP BY c.id
    ORDER BY c.id
    """
    ### END SOLUTION


# %% course={"kind": "test", "points": 1}
script = BILLING + (
    "INSERT INTO clients VALUES (1, 'ana'), (2, 'bo');"
    "INSERT INTO invoices (client_id, cents, status) VALUES (1, 500, 'paid'), (1, 250, 'paid'), (2, 900, 'paid')"
)
rows = run(paid_summary_sql(), script)
assert exactly(rows, [("ana", 2, 750), ("bo", 1, 900)]), f"two clients, all invoices paid; got {rows}"

# %% course={"kind": "test", "points": 2}
script = BILLING + (
    "INSERT INTO clients VALUES (1, 'ana'), (2, 'bo'), (3, 'cy');"
    "INSERT INTO invoices (client_id, cents, status) VALUES (1, 500, 'paid'), (2, 900, 'open')"
)
rows = run(paid_summary_sql(), script)
assert exactly(rows, [("ana", 1, 500), ("bo", 0, 0), ("cy", 0, 0)]), f"bo has only an open invoice, cy none: both show 0, 0; got {rows}"
### BEGIN HIDDEN TESTS
assert all(type(v) is int for row in rows for v in row[1:]), f"counts and sums are integers, not NULL or floats: {rows}"
script = BILLING + (
    "INSERT INTO clients VALUES (1, 'ana');"
    "INSERT INTO invoices (client_id, cents, status) VALUES (1, 0, 'paid'), (1, 70, 'void'), (1, 30, 'paid'), (1, -30, 'paid')"
)
rows = run(paid_summary_sql(), script)
assert exactly(rows, [("ana", 3, 0)]), f"a 0 and a -30 paid invoice still count; void ones do not; got {rows}"
assert run(paid_summary_sql(), BILLING) == [], "no clients, no rows"
### END HIDDEN TESTS

# %% course={"kind": "test", "points": 1}
script = BILLING + (
    "INSERT INTO clients VALUES (3, 'ann'), (1, 'zoe'), (2, 'ann');"
    "INSERT INTO invoices (client_id, cents, status) VALUES (3, 10, 'paid'), (2, 20, 'paid'), (1, 30, 'paid')"
)
rows = run(paid_summary_sql(), script)
assert exactly(rows, [("zoe", 1, 30), ("ann", 1, 20), ("ann", 1, 10)]), f"ordered by client id (two clients are named ann); got {rows}"

# %% course={"kind": "wrong", "id": "inner-join"}
def paid_summary_sql() -> str:
    return """
    SELECT c.name, COUNT(i.id), COALESCE(SUM(i.cents), 0)
    FROM clients c JOIN invoices i ON i.client_id = c.id AND i.status = 'paid'
    GROUP BY c.id ORDER BY c.id
    """


# %% course={"kind": "wrong", "id": "status-in-where", "fails": ["t2"]}
def paid_summary_sql() -> str:
    return """
    SELECT c.name, COUNT(i.id), COALESCE(SUM(i.cents), 0)
    FROM clients c LEFT JOIN invoices i ON i.client_id = c.id
    WHERE i.status = 'paid'
    GROUP BY c.id ORDER BY c.id
    """


# %% course={"kind": "wrong", "id": "count-star-and-null-sum", "fails": ["t2"]}
def paid_summary_sql() -> str:
    return """
    SELECT c.name, COUNT(*), SUM(i.cents)
    FROM clients c LEFT JOIN invoices i ON i.client_id = c.id AND i.status = 'paid'
    GROUP BY c.id ORDER BY c.id
    """


# %% course={"kind": "wrong", "id": "count-star", "fails": ["t2"]}
def paid_summary_sql() -> str:
    return """
    SELECT c.name, COUNT(*), COALESCE(SUM(i.cents), 0)
    FROM clients c LEFT JOIN invoices i ON i.client_id = c.id AND i.status = 'paid'
    GROUP BY c.id ORDER BY c.id
    """


# %% course={"kind": "wrong", "id": "total-gives-a-float"}
def paid_summary_sql() -> str:
    return """
    SELECT c.name, COUNT(i.id), TOTAL(i.cents)
    FROM clients c LEFT JOIN invoices i ON i.client_id = c.id AND i.status = 'paid'
    GROUP BY c.id ORDER BY c.id
    """


# %% course={"kind": "wrong", "id": "grouped-by-name"}
def paid_summary_sql() -> str:
    return """
    SELECT c.name, COUNT(i.id), COALESCE(SUM(i.cents), 0)
    FROM clients c LEFT JOIN invoices i ON i.client_id = c.id AND i.status = 'paid'
    GROUP BY c.name ORDER BY c.name
    """


# %% [markdown] course={"kind": "exercise", "id": "earns-more-than-manager", "item": "x-practice-complex-joins"}
# ### Paid more than the boss: a self join (after LeetCode's *Employees Earning More Than Their Managers*)
#
# Table `staff(id, name, salary, manager_id)`, where `manager_id` is another row's id (NULL at the top). Write
# `earns_more_sql()`: `(employee name, manager name)` for every employee paid **strictly more** than their direct
# manager, **in any order** (the tests compare the rows as a multiset, so no order is assumed either way).
#
# ```python
# >>> run(earns_more_sql(), STAFF + "INSERT INTO staff VALUES (1, 'ada', 100, NULL), (2, 'ben', 150, 1), (3, 'cy', 90, 1)")
# [('ben', 'ada')]
# ```

# %% [markdown] course={"kind": "hint"}
# Join `staff` to itself under two names: one row for the employee, one for their manager.

# %% [markdown] course={"kind": "hint"}
# `FROM staff e JOIN staff m ON m.id = e.manager_id WHERE e.salary > m.salary`.

# %% course={"kind": "solution"}
def earns_more_sql() -> str:
    ### BEGIN SOLUTION
    return """
    SELECT e.name, m.name FROM staff e JOIN staff m ON m.id = e.manager_id
    WHERE e.salary > m.salary
    """
    ### END SOLUTION


# %% course={"kind": "test", "points": 1}
rows = run(earns_more_sql(), STAFF + "INSERT INTO staff VALUES (1, 'ada', 100, NULL), (2, 'ben', 150, 1), (3, 'cy', 90, 1)")
assert exactly(rows, [("ben", "ada")]), f"ben (150) earns more than his manager ada (100); got {rows}"

# %% course={"kind": "test", "points": 2}
script = STAFF + (
    "INSERT INTO staff VALUES (1, 'ada', 100, NULL), (2, 'zed', 120, 1), (3, 'cy', 130, 2), (4, 'bo', 130, 3),"
    " (5, 'al', 0, 4), (6, 'eve', 1, 5), (7, 'cy', 200, 1)"
)
rows = run(earns_more_sql(), script)
expected = [("zed", "ada"), ("cy", "zed"), ("eve", "al"), ("cy", "ada")]
assert exactly(rows, expected, ordered=False), f"each compared with their own manager, equal pay is not more; got {rows}"
### BEGIN HIDDEN TESTS
script = STAFF + "INSERT INTO staff VALUES (1, 'top', -5, NULL), (2, 'a', -4, 1), (3, 'b', -6, 1), (4, 'a', -3, 1)"
rows = run(earns_more_sql(), script)
assert exactly(rows, [("a", "top"), ("a", "top")], ordered=False), f"negative salaries; two people named a both count; got {rows}"
assert run(earns_more_sql(), STAFF + "INSERT INTO staff VALUES (1, 'solo', 10, NULL)") == [], "nobody has a manager"
### END HIDDEN TESTS

# %% course={"kind": "wrong", "id": "join-the-wrong-way"}
def earns_more_sql() -> str:
    return "SELECT e.name, m.name FROM staff e JOIN staff m ON e.id = m.manager_id WHERE e.salary > m.salary"


# %% course={"kind": "wrong", "id": "at-least", "fails": ["t2"]}
def earns_more_sql() -> str:
    return "SELECT e.name, m.name FROM staff e JOIN staff m ON m.id = e.manager_id WHERE e.salary >= m.salary"


# %% course={"kind": "wrong", "id": "manager-first"}
def earns_more_sql() -> str:
    return "SELECT m.name, e.name FROM staff e JOIN staff m ON m.id = e.manager_id WHERE e.salary > m.salary"


# %% course={"kind": "wrong", "id": "distinct-names"}
def earns_more_sql() -> str:
    return "SELECT DISTINCT e.name, m.name FROM staff e JOIN staff m ON m.id = e.manager_id WHERE e.salary > m.salary"


# %% [markdown] course={"kind": "exercise", "id": "chain-of-command", "item": "x-practice-complex-joins"}
# ### The chain of command: a recursive CTE
#
# Same `staff` table. Write `chain_sql()`: a query with a named parameter `:name` giving the names, one per row, on
# the path **from the top of the organization down to that employee** (the employee last). An unknown name gives
# no rows. The tree can be any depth.
#
# ```python
# >>> run(chain_sql(), STAFF + "INSERT INTO staff VALUES (1, 'ada', 9, NULL), (2, 'ben', 5, 1), (3, 'cy', 3, 2)",
# ...     {"name": "cy"})
# [('ada',), ('ben',), ('cy',)]
# ```

# %% [markdown] course={"kind": "hint"}
# A fixed number of self joins handles a fixed depth only. Start a `WITH RECURSIVE` at the employee and step to
# the manager until there is none, counting the steps.

# %% [markdown] course={"kind": "hint"}
# `WITH RECURSIVE up(id, name, manager_id, depth) AS (SELECT ..., 0 FROM staff WHERE name = :name UNION ALL
# SELECT s.id, s.name, s.manager_id, up.depth + 1 FROM staff s JOIN up ON s.id = up.manager_id)`, then order by
# `depth DESC`: the walk finds the top last.

# %% course={"kind": "solution"}
def chain_sql() -> str:
    ### BEGIN SOLUTION
    return """
    WITH RECURSIVE up(id, name, manager_id, depth) AS (
        SELECT id, name, manager_id, 0 FROM staff WHERE name = :name
        UNION ALL
        SELECT s.id, s.name, s.manager_id, up.depth + 1 FROM staff s JOIN up ON s.id = up.manager_id
    )
    SELECT name FROM up ORDER BY depth DESC
    """
    ### END SOLUTION


# %% course={"kind": "test", "points": 1}
script = STAFF + "INSERT INTO staff VALUES (5, 'mia', 9, NULL), (7, 'ben', 5, 5), (2, 'cy', 3, 7), (1, 'dee', 4, 5)"
rows = run(chain_sql(), script, {"name": "cy"})
assert exactly(rows, [("mia",), ("ben",), ("cy",)]), f"cy reports to ben, who reports to mia; top first; got {rows}"
### BEGIN HIDDEN TESTS
assert run(chain_sql(), script, {"name": "mia"}) == [("mia",)], "the top's chain is just the top"
assert run(chain_sql(), script, {"name": "dee"}) == [("mia",), ("dee",)], "dee reports to mia directly"
assert run(chain_sql(), script, {"name": "nobody"}) == [], "an unknown name gives no rows"
assert run(chain_sql(), script, {"name": "Cy"}) == [], "names are matched exactly"
### END HIDDEN TESTS

# %% course={"kind": "test", "points": 2}
values = ", ".join(f"({i}, 'e{i}', {i}, {i - 1 if i > 1 else 'NULL'})" for i in range(1, 31))
rows = run(chain_sql(), STAFF + f"INSERT INTO staff VALUES {values}", {"name": "e30"})
assert exactly(rows, [(f"e{i}",) for i in range(1, 31)]), f"a chain 30 people deep, top first; got {rows[:4]}... ({len(rows)} rows)"

# %% course={"kind": "wrong", "id": "two-self-joins"}
def chain_sql() -> str:
    return """
    SELECT name FROM (
        SELECT g.name AS name, 2 AS depth FROM staff e JOIN staff m ON m.id = e.manager_id
            JOIN staff g ON g.id = m.manager_id WHERE e.name = :name
        UNION ALL SELECT m.name, 1 FROM staff e JOIN staff m ON m.id = e.manager_id WHERE e.name = :name
        UNION ALL SELECT name, 0 FROM staff WHERE name = :name
    ) ORDER BY depth DESC
    """


# %% course={"kind": "wrong", "id": "ordered-by-id", "fails": ["t1"]}
def chain_sql() -> str:
    return """
    WITH RECURSIVE up(id, name, manager_id) AS (
        SELECT id, name, manager_id FROM staff WHERE name = :name
        UNION ALL
        SELECT s.id, s.name, s.manager_id FROM staff s JOIN up ON s.id = up.manager_id
    )
    SELECT name FROM up ORDER BY id
    """


# %% course={"kind": "wrong", "id": "depth-ascending", "fails": ["t1", "t2"]}
def chain_sql() -> str:
    return """
    WITH RECURSIVE up(id, name, manager_id, depth) AS (
        SELECT id, name, manager_id, 0 FROM staff WHERE name = :name
        UNION ALL
        SELECT s.id, s.name, s.manager_id, up.depth + 1 FROM staff s JOIN up ON s.id = up.manager_id
    )
    SELECT name FROM up ORDER BY depth
    """


# %% course={"kind": "wrong", "id": "bottom-up"}
def chain_sql() -> str:
    return """
    WITH RECURSIVE up(id, name, manager_id, depth) AS (
        SELECT id, name, manager_id, 0 FROM staff WHERE name = :name
        UNION ALL
        SELECT s.id, s.name, s.manager_id, up.depth + 1 FROM staff s JOIN up ON s.id = up.manager_id
    )
    SELECT name FROM up
    """


# %% [markdown] course={"kind": "exercise", "id": "tracker-schema", "item": "x-design-a-normalized-database-schema"}
# ### Design a normalized schema: an experiment tracker
#
# Write `tracker_schema()`, returning the SQL script (several `CREATE TABLE` statements) for an ML experiment
# tracker, with exactly these tables and columns, and the database enforcing every rule:
#
# | table | columns | rules |
# |---|---|---|
# | `experiments` | `id`, `name` | `id` integer primary key; `name` required and unique |
# | `runs` | `id`, `experiment_id`, `status` | a run belongs to one existing experiment (required); `status` is one of `'queued'`, `'running'`, `'done'`, `'failed'`, `'queued'` when not given |
# | `metrics` | `run_id`, `name`, `value` | for an existing run; name and a real `value` required; **one value per metric name per run** |
# | `tags` | `id`, `name` | name required and unique |
# | `run_tags` | `run_id`, `tag_id` | which run has which tag: existing runs and tags, each pair once |
#
# The tests make a fresh database with `database(tracker_schema())` (foreign keys on) and try good and bad rows:
# a bad row must raise `sqlite3.IntegrityError`.
#
# ```python
# >>> conn = database(tracker_schema())
# >>> conn.execute("INSERT INTO experiments (name) VALUES ('churn')").lastrowid
# 1
# ```

# %% [markdown] course={"kind": "hint"}
# Runs have many tags and tags label many runs: that is a junction table, not a text column of tag names.
# "One value per name per run" is a primary key made of two columns.

# %% [markdown] course={"kind": "hint"}
# `status TEXT NOT NULL DEFAULT 'queued' CHECK (status IN (...))`; `experiment_id INTEGER NOT NULL REFERENCES
# experiments(id)`; `PRIMARY KEY (run_id, name)` at the end of `metrics`, `PRIMARY KEY (run_id, tag_id)` for
# `run_tags`.

# %% course={"kind": "solution"}
def tracker_schema() -> str:
    ### BEGIN SOLUTION
    return """
    CREATE TABLE experiments (id INTEGER PRIMARY KEY, name TEXT NOT NULL UNIQUE);
    CREATE TABLE runs (
        id INTEGER PRIMARY KEY,
        experiment_id INTEGER NOT NULL REFERENCES experiments(id),
        status TEXT NOT NULL DEFAULT 'queued' CHECK (status IN ('queued', 'running', 'done', 'failed'))
    );
    CREATE TABLE metrics (
        run_id INTEGER NOT NULL REFERENCES runs(id),
        name TEXT NOT NULL,
        value REAL NOT NULL,
        PRIMARY KEY (run_id, name)
    );
    CREATE TABLE tags (id INTEGER PRIMARY KEY, name TEXT NOT NULL UNIQUE);
    CREATE TABLE run_tags (
        run_id INTEGER NOT NULL REFERENCES runs(id),
        tag_id INTEGER NOT NULL REFERENCES tags(id),
        PRIMARY KEY (run_id, tag_id)
    );
    """
    ### END SOLUTION


# %% course={"kind": "test", "points": 2}
conn = database(tracker_schema())
conn.executescript(
    "INSERT INTO experiments (id, name) VALUES (1, 'churn'), (2, 'fraud');"
    "INSERT INTO runs (id, experiment_id) VALUES (10, 1), (11, 1), (12, 2);"
    "INSERT INTO metrics VALUES (10, 'auc', 0.91), (10, 'loss', 0.3), (11, 'auc', 0.88);"
    "INSERT INTO tags (id, name) VALUES (1, 'gpu'), (2, 'baseline');"
    "INSERT INTO run_tags VALUES (10, 1), (10, 2), (11, 1);"
)
statuses = conn.execute("SELECT id, status FROM runs ORDER BY id").fetchall()
assert statuses == [(10, "queued"), (11, "queued"), (12, "queued")], f"status defaults to 'queued'; got {statuses}"
tagged = conn.execute(
    "SELECT t.name, r.id FROM run_tags rt JOIN runs r ON r.id = rt.run_id JOIN tags t ON t.id = rt.tag_id ORDER BY t.name, r.id"
).fetchall()
assert tagged == [("baseline", 10), ("gpu", 10), ("gpu", 11)], f"a run has several tags and a tag several runs; got {tagged}"
### BEGIN HIDDEN TESTS
for status in ("running", "done", "failed", "queued"):
    conn.execute("INSERT INTO runs (experiment_id, status) VALUES (2, ?)", (status,))
conn.execute("INSERT INTO metrics VALUES (12, 'auc', 0)")
assert conn.execute("SELECT count(*) FROM metrics WHERE name = 'auc'").fetchone() == (3,), "each run may have its own 'auc'"
### END HIDDEN TESTS

# %% course={"kind": "test", "points": 2}
conn = database(tracker_schema())
conn.executescript("INSERT INTO experiments VALUES (1, 'churn'); INSERT INTO runs (id, experiment_id) VALUES (10, 1);"
                   "INSERT INTO tags VALUES (1, 'gpu');")
bad_links = [
    "INSERT INTO runs (experiment_id) VALUES (99)",
    "INSERT INTO runs (experiment_id) VALUES (NULL)",
    "INSERT INTO metrics VALUES (99, 'auc', 0.5)",
    "INSERT INTO run_tags VALUES (10, 99)",
    "INSERT INTO run_tags VALUES (99, 1)",
]
for statement in bad_links:
    try:
        conn.execute(statement)
    except sqlite3.IntegrityError:
        continue
    raise AssertionError(f"this row points at nothing and must be refused: {statement}")

# %% course={"kind": "test", "points": 2}
conn = database(tracker_schema())
conn.executescript("INSERT INTO experiments VALUES (1, 'churn'); INSERT INTO runs (id, experiment_id) VALUES (10, 1);"
                   "INSERT INTO tags VALUES (1, 'gpu'); INSERT INTO metrics VALUES (10, 'auc', 0.9);"
                   "INSERT INTO run_tags VALUES (10, 1);")
bad_rows = [
    "INSERT INTO runs (experiment_id, status) VALUES (1, 'lost')",
    "INSERT INTO metrics VALUES (10, 'auc', 0.95)",
    "INSERT INTO experiments (name) VALUES ('churn')",
    "INSERT INTO run_tags VALUES (10, 1)",
]
for statement in bad_rows:
    try:
        conn.execute(statement)
    except sqlite3.IntegrityError:
        continue
    raise AssertionError(f"this row breaks a rule (status, one value per metric, unique name, one tag once): {statement}")
### BEGIN HIDDEN TESTS
more_bad = [
    "INSERT INTO runs (experiment_id, status) VALUES (1, 'Done')",
    "INSERT INTO runs (experiment_id, status) VALUES (1, NULL)",
    "INSERT INTO tags (name) VALUES ('gpu')",
    "INSERT INTO tags (name) VALUES (NULL)",
    "INSERT INTO experiments (name) VALUES (NULL)",
    "INSERT INTO metrics VALUES (10, NULL, 1.0)",
    "INSERT INTO metrics VALUES (10, 'loss', NULL)",
]
for statement in more_bad:
    try:
        conn.execute(statement)
    except sqlite3.IntegrityError:
        continue
    raise AssertionError(f"this row breaks a rule and must be refused: {statement}")
### END HIDDEN TESTS

# %% course={"kind": "test", "points": 1}
conn = database(tracker_schema())
shape = {
    table: sorted(row[1] for row in conn.execute(f"PRAGMA table_info({table})"))
    for table in ("experiments", "runs", "metrics", "tags", "run_tags")
}
expected = {
    "experiments": ["id", "name"], "runs": ["experiment_id", "id", "status"], "metrics": ["name", "run_id", "value"],
    "tags": ["id", "name"], "run_tags": ["run_id", "tag_id"],
}
assert shape == expected, f"exactly the columns asked for (no repeated experiment names or tag lists in runs); got {shape}"

# %% course={"kind": "wrong", "id": "tags-as-text"}
def tracker_schema() -> str:
    return """
    CREATE TABLE experiments (id INTEGER PRIMARY KEY, name TEXT NOT NULL UNIQUE);
    CREATE TABLE runs (
        id INTEGER PRIMARY KEY,
        experiment_id INTEGER NOT NULL REFERENCES experiments(id),
        status TEXT NOT NULL DEFAULT 'queued' CHECK (status IN ('queued', 'running', 'done', 'failed')),
        tags TEXT
    );
    CREATE TABLE metrics (
        run_id INTEGER NOT NULL REFERENCES runs(id), name TEXT NOT NULL, value REAL NOT NULL,
        PRIMARY KEY (run_id, name)
    );
    """


# %% course={"kind": "wrong", "id": "no-foreign-keys", "fails": ["t2"]}
def tracker_schema() -> str:
    return """
    CREATE TABLE experiments (id INTEGER PRIMARY KEY, name TEXT NOT NULL UNIQUE);
    CREATE TABLE runs (
        id INTEGER PRIMARY KEY,
        experiment_id INTEGER NOT NULL,
        status TEXT NOT NULL DEFAULT 'queued' CHECK (status IN ('queued', 'running', 'done', 'failed'))
    );
    CREATE TABLE metrics (run_id INTEGER NOT NULL, name TEXT NOT NULL, value REAL NOT NULL, PRIMARY KEY (run_id, name));
    CREATE TABLE tags (id INTEGER PRIMARY KEY, name TEXT NOT NULL UNIQUE);
    CREATE TABLE run_tags (run_id INTEGER NOT NULL, tag_id INTEGER NOT NULL, PRIMARY KEY (run_id, tag_id));
    """


# %% course={"kind": "wrong", "id": "no-check-no-composite-key", "fails": ["t3"]}
def tracker_schema() -> str:
    return """
    CREATE TABLE experiments (id INTEGER PRIMARY KEY, name TEXT NOT NULL UNIQUE);
    CREATE TABLE runs (
        id INTEGER PRIMARY KEY,
        experiment_id INTEGER NOT NULL REFERENCES experiments(id),
        status TEXT NOT NULL DEFAULT 'queued'
    );
    CREATE TABLE metrics (run_id INTEGER NOT NULL REFERENCES runs(id), name TEXT NOT NULL, value REAL NOT NULL);
    CREATE TABLE tags (id INTEGER PRIMARY KEY, name TEXT NOT NULL UNIQUE);
    CREATE TABLE run_tags (
        run_id INTEGER NOT NULL REFERENCES runs(id),
        tag_id INTEGER NOT NULL REFERENCES tags(id),
        PRIMARY KEY (run_id, tag_id)
    );
    """


# %% course={"kind": "wrong", "id": "composite-key-without-not-null", "fails": ["t3"]}
def tracker_schema() -> str:
    return """
    CREATE TABLE experiments (id INTEGER PRIMARY KEY, name TEXT NOT NULL UNIQUE);
    CREATE TABLE runs (
        id INTEGER PRIMARY KEY,
        experiment_id INTEGER NOT NULL REFERENCES experiments(id),
        status TEXT NOT NULL DEFAULT 'queued' CHECK (status IN ('queued', 'running', 'done', 'failed'))
    );
    CREATE TABLE metrics (run_id INTEGER REFERENCES runs(id), name TEXT, value REAL NOT NULL, PRIMARY KEY (run_id, name));
    CREATE TABLE tags (id INTEGER PRIMARY KEY, name TEXT NOT NULL UNIQUE);
    CREATE TABLE run_tags (
        run_id INTEGER NOT NULL REFERENCES runs(id), tag_id INTEGER NOT NULL REFERENCES tags(id), PRIMARY KEY (run_id, tag_id)
    );
    """


# %% course={"kind": "wrong", "id": "status-may-be-null"}
def tracker_schema() -> str:
    return """
    CREATE TABLE experiments (id INTEGER PRIMARY KEY, name TEXT UNIQUE);
    CREATE TABLE runs (
        id INTEGER PRIMARY KEY,
        experiment_id INTEGER REFERENCES experiments(id),
        status TEXT DEFAULT 'queued' CHECK (status IN ('queued', 'running', 'done', 'failed'))
    );
    CREATE TABLE metrics (
        run_id INTEGER REFERENCES runs(id), name TEXT, value REAL, PRIMARY KEY (run_id, name)
    );
    CREATE TABLE tags (id INTEGER PRIMARY KEY, name TEXT UNIQUE);
    CREATE TABLE run_tags (
        run_id INTEGER REFERENCES runs(id), tag_id INTEGER REFERENCES tags(id), PRIMARY KEY (run_id, tag_id)
    );
    """


# %% [markdown] course={"kind": "exercise", "id": "speed-up-query", "item": "x-optimize-slow-queries"}
# ### Optimize a slow query with an index
#
# A dashboard runs `SLOW_QUERY` (from the setup cell) on the `events` table every few seconds:
# `SELECT ts, level, message FROM events WHERE host = ? AND ts >= ? ORDER BY ts`. Without an index SQLite reads
# every row and then sorts. Write `speed_up(conn)`, which adds **one index** so that, without changing the query:
#
# - the plan (`EXPLAIN QUERY PLAN`) searches `events` using an index and never scans it;
# - the rows come out of the index already in `ts` order (no `USE TEMP B-TREE FOR ORDER BY` step);
# - the query returns the same rows and does at most a tenth of the work it did before.
#
# ```python
# >>> conn = events_db()
# >>> speed_up(conn)
# >>> [row[3] for row in conn.execute("EXPLAIN QUERY PLAN " + SLOW_QUERY, ("web-07", "2026-11-20"))]
# ['SEARCH events USING INDEX ...']
# ```
#
# The tests read only the words `SEARCH`, `SCAN`, `USING ... INDEX` and `TEMP B-TREE` of the plan: the rest of
# its wording changes between SQLite versions (before 3.36 it said `SCAN TABLE events`). Work is counted with
# `vm_steps`, SQLite's own instruction counter, never timed.

# %% [markdown] course={"kind": "hint"}
# One index can serve both the `=` on `host` and the range and order on `ts`, if its columns are in the right
# order: equality columns first.

# %% [markdown] course={"kind": "hint"}
# `CREATE INDEX events_host_ts ON events (host, ts)`. An index on `ts` alone still reads every host's rows of the
# range; one on `host` alone still sorts.

# %% course={"kind": "solution"}
import sqlite3


def speed_up(conn: sqlite3.Connection) -> None:
    ### BEGIN SOLUTION
    conn.execute("CREATE INDEX events_host_ts ON events (host, ts)")
    ### END SOLUTION


# %% course={"kind": "test", "points": 1}
conn = events_db()
speed_up(conn)
steps = plan(conn, SLOW_QUERY, ("web-07", "2026-11-20"))
assert any("USING INDEX" in step or "USING COVERING INDEX" in step for step in steps), f"the plan uses no index: {steps}"
assert not any("SCAN" in step for step in steps), f"the plan still scans: {steps}"

# %% course={"kind": "test", "points": 1}
conn = events_db()
speed_up(conn)
steps = plan(conn, SLOW_QUERY, ("web-07", "2026-11-20"))
assert not any("TEMP B-TREE" in step for step in steps), f"the rows are still sorted after reading: {steps}"

# %% course={"kind": "test", "points": 2}
slow, fast = events_db(), events_db()
speed_up(fast)
for params in [("web-07", "2026-11-20"), ("web-00", "2026-11-01"), ("web-39", "2026-11-30"), ("web-99", "2026"), ("web-07", "2027")]:
    before, after = slow.execute(SLOW_QUERY, params).fetchall(), fast.execute(SLOW_QUERY, params).fetchall()
    assert after == before, f"the index changed the answer for {params}: {len(before)} rows before, {len(after)} after"
work_before = vm_steps(slow, SLOW_QUERY, ("web-07", "2026-11-20"))
work_after = vm_steps(fast, SLOW_QUERY, ("web-07", "2026-11-20"))
print(f"work: {work_before} before, {work_after} after (tens of VM instructions)")
assert work_after * 10 <= work_before, f"expected a tenth of the work at most: {work_before} before, {work_after} after"
### BEGIN HIDDEN TESTS
empty = events_db(rows=0)
assert speed_up(empty) is None and empty.execute(SLOW_QUERY, ("web-07", "")).fetchall() == [], "works on an empty table"
count = fast.execute("SELECT count(*) FROM events").fetchone()
assert count == (20_000,), f"speed_up must not change the data: {count}"
### END HIDDEN TESTS

# %% course={"kind": "wrong", "id": "index-on-ts"}
import sqlite3


def speed_up(conn):
    conn.execute("CREATE INDEX events_ts ON events (ts)")


# %% course={"kind": "wrong", "id": "index-on-host", "fails": ["t2"]}
import sqlite3


def speed_up(conn):
    conn.execute("CREATE INDEX events_host ON events (host)")


# %% course={"kind": "wrong", "id": "range-column-first"}
import sqlite3


def speed_up(conn):
    conn.execute("CREATE INDEX events_ts_host ON events (ts, host)")


# %% course={"kind": "wrong", "id": "two-single-column-indexes"}
import sqlite3


def speed_up(conn):
    conn.execute("CREATE INDEX events_host ON events (host)")
    conn.execute("CREATE INDEX events_ts ON events (ts)")


# %% course={"kind": "wrong", "id": "index-on-expression"}
import sqlite3


def speed_up(conn):
    conn.execute("CREATE INDEX events_lower_host ON events (lower(host), ts)")


# %% [markdown] course={"kind": "exercise", "id": "index-friendly-filter", "item": "x-optimize-slow-queries"}
# ### Let the index help: no functions on the indexed column
#
# The `events` table (setup cell's `events_db()`) has an index on `ts`, ISO-8601 text like
# `'2026-11-20T14:05:00'`. A report counts the errors of one day with
# `SELECT COUNT(*) FROM events WHERE substr(ts, 1, 10) = :day AND level = 'ERROR'`, and the plan scans the whole
# table: the index holds `ts`, not `substr(ts, 1, 10)`. Write `errors_on_day_sql()`, the same count for the named
# parameter `:day` (`'YYYY-MM-DD'`), written so that the plan **searches** `events` using the index on `ts` and
# never scans it. It must stay right on the last day of a month and give 0 for a day with no events.
#
# ```python
# >>> conn = events_db(); conn.execute("CREATE INDEX events_ts ON events (ts)")
# >>> conn.execute(errors_on_day_sql(), {"day": "2026-11-20"}).fetchall()
# [(190,)]
# ```

# %% [markdown] course={"kind": "hint"}
# A day is a range of `ts` values: from the day itself up to (not including) the next day. ISO text sorts in time
# order, so `>=` and `<` on the text work.

# %% [markdown] course={"kind": "hint"}
# `WHERE ts >= :day AND ts < date(:day, '+1 day') AND level = 'ERROR'`: the function is applied to the
# parameter, once, not to every row's column. `date('2026-11-30', '+1 day')` is `'2026-12-01'`.

# %% course={"kind": "solution"}
def errors_on_day_sql() -> str:
    ### BEGIN SOLUTION
    return "SELECT COUNT(*) FROM events WHERE ts >= :day AND ts < date(:day, '+1 day') AND level = 'ERROR'"
    ### END SOLUTION


# %% course={"kind": "test", "points": 2}
conn = events_db()
conn.execute("CREATE INDEX events_ts ON events (ts)")
slow = "SELECT COUNT(*) FROM events WHERE substr(ts, 1, 10) = :day AND level = 'ERROR'"
for day in ["2026-11-20", "2026-11-01", "2026-11-30"]:
    rows = conn.execute(errors_on_day_sql(), {"day": day}).fetchall()
    assert exactly(rows, conn.execute(slow, {"day": day}).fetchall()), f"{day}: the count changed, got {rows}"
### BEGIN HIDDEN TESTS
conn.execute("INSERT INTO events (host, ts, level, message) VALUES ('x', '2026-12-01T00:00:00', 'ERROR', 'next day')")
conn.execute("INSERT INTO events (host, ts, level, message) VALUES ('x', '2026-11-29T23:59:59', 'ERROR', 'day before')")
for day in ["2026-11-30", "2026-12-01", "2026-11-29", "2026-12-05", "2025-11-20"]:
    rows = conn.execute(errors_on_day_sql(), {"day": day}).fetchall()
    assert exactly(rows, conn.execute(slow, {"day": day}).fetchall()), f"{day}: the count changed, got {rows}"
### END HIDDEN TESTS

# %% course={"kind": "test", "points": 2}
conn = events_db(rows=100)
conn.execute("CREATE INDEX events_ts ON events (ts)")
steps = plan(conn, errors_on_day_sql(), {"day": "2026-11-20"})
assert any("USING INDEX" in step or "USING COVERING INDEX" in step for step in steps), f"the plan uses no index: {steps}"
assert not any("SCAN" in step for step in steps), f"the plan still scans the table: {steps}"

# %% course={"kind": "wrong", "id": "function-on-column"}
def errors_on_day_sql() -> str:
    return "SELECT COUNT(*) FROM events WHERE date(ts) = :day AND level = 'ERROR'"


# %% course={"kind": "wrong", "id": "open-ended-range", "fails": ["t1"]}
def errors_on_day_sql() -> str:
    return "SELECT COUNT(*) FROM events WHERE ts >= :day AND level = 'ERROR'"


# %% course={"kind": "wrong", "id": "next-day-as-a-number", "fails": ["t1"]}
def errors_on_day_sql() -> str:
    return "SELECT COUNT(*) FROM events WHERE ts >= :day AND ts < :day + 1 AND level = 'ERROR'"


# %% course={"kind": "wrong", "id": "like-prefix", "fails": ["t2"]}
def errors_on_day_sql() -> str:
    return "SELECT COUNT(*) FROM events WHERE ts LIKE :day || '%' AND level = 'ERROR'"


# %% [markdown] course={"kind": "exercise", "id": "place-order", "item": "project-13-1-1"}
# ### Project core: place an order in one transaction
#
# The setup cell's `SHOP` script is a small e-commerce schema in third normal form (customers, products, orders,
# order items) with a few rows. Write `place_order(conn, customer_id, items)`, where `items` maps product id to
# quantity. It must, **all or nothing**:
#
# - insert an order (status `'new'`) and one `order_items` row per product, with the product's current price in
#   `unit_cents`;
# - take the quantities off `products.stock`;
# - return the new order's id (an `int`), with everything committed (`conn.in_transaction` is `False` after it).
#
# When a product does not exist or has less stock than asked, raise `OutOfStock(product_id)` and leave the
# database **exactly as before**: no order, no item, no stock taken, nothing left in an open transaction. Any
# other error leaves it as before too: an unknown customer or a quantity below 1 is refused by the schema with
# `sqlite3.IntegrityError`, which must reach the caller. Use parameters for every value.
#
# ```python
# >>> conn = database(SHOP)
# >>> place_order(conn, 1, {1: 2, 2: 1})
# 1
# >>> conn.execute("SELECT id, stock FROM products ORDER BY id").fetchall()
# [(1, 3), (2, 1), (3, 0)]
# ```

# %% [markdown] course={"kind": "hint"}
# `with conn:` makes one transaction of the block: it commits when the block ends normally and rolls back when an
# exception leaves it.

# %% [markdown] course={"kind": "hint"}
# `UPDATE products SET stock = stock - ? WHERE id = ? AND stock >= ?` changes one row when there is enough stock
# and none otherwise: check the cursor's `rowcount` and raise inside the `with` block.

# %% course={"kind": "solution"}
import sqlite3


class OutOfStock(Exception):
    """A product of the order does not exist or has too little stock; its id is args[0]."""


def place_order(conn: sqlite3.Connection, customer_id: int, items: dict[int, int]) -> int:
    ### BEGIN SOLUTION
    with conn:
        order_id = conn.execute("INSERT INTO orders (customer_id) VALUES (?)", (customer_id,)).lastrowid
        for product_id, quantity in items.items():
            taken = conn.execute(
                "UPDATE products SET stock = stock - ? WHERE id = ? AND stock >= ?", (quantity, product_id, quantity)
            )
            if taken.rowcount != 1:
                raise OutOfStock(product_id)
            conn.execute(
                "INSERT INTO order_items (order_id, product_id, quantity, unit_cents)"
                " SELECT ?, id, ?, price_cents FROM products WHERE id = ?",
                (order_id, quantity, product_id),
            )
    return order_id
    ### END SOLUTION


# %% course={"kind": "test", "points": 2}
conn = database(SHOP)
order_id = place_order(conn, 1, {1: 2, 2: 1})
assert type(order_id) is int and order_id == 1, f"the first order's id is the int 1, got {order_id!r}"
items = conn.execute("SELECT order_id, product_id, quantity, unit_cents FROM order_items ORDER BY product_id").fetchall()
assert items == [(1, 1, 2, 800), (1, 2, 1, 1500)], f"one item row per product, at the current price; got {items}"
stock = conn.execute("SELECT id, stock FROM products ORDER BY id").fetchall()
assert stock == [(1, 3), (2, 1), (3, 0)], f"stock taken off; got {stock}"
assert conn.in_transaction is False, "the order must be committed, not left in an open transaction"
### BEGIN HIDDEN TESTS
assert conn.execute("SELECT id, customer_id, status FROM orders").fetchall() == [(1, 1, "new")], "one order, status 'new'"
assert place_order(conn, 2, {2: 1, 1: 3}) == 2, "the second order gets id 2"
stock = conn.execute("SELECT id, stock FROM products ORDER BY id").fetchall()
assert stock == [(1, 0), (2, 0), (3, 0)], f"the last pieces can be sold (stock may reach exactly 0); got {stock}"
assert conn.in_transaction is False, "the second order is committed too"
### END HIDDEN TESTS

# %% course={"kind": "test", "points": 3}
conn = database(SHOP)
before = conn.execute("SELECT id, stock FROM products ORDER BY id").fetchall()
try:
    place_order(conn, 1, {1: 2, 2: 3})  # the mug is fine, only 2 t-shirts are left
except OutOfStock as error:
    assert error.args == (2,), f"OutOfStock names the product that ran out: {error.args}"
else:
    raise AssertionError("3 t-shirts with 2 in stock must raise OutOfStock")
after = conn.execute("SELECT id, stock FROM products ORDER BY id").fetchall()
assert after == before, f"nothing may change: stock was {before}, now {after} (the mugs were taken and not put back?)"
assert conn.execute("SELECT count(*) FROM orders").fetchone() == (0,), "the order row must be rolled back too"
assert conn.in_transaction is False, "no transaction may be left open after the failure"
### BEGIN HIDDEN TESTS
for bad_items, missing in [({3: 1}, 3), ({1: 1, 99: 1}, 99), ({1: 6}, 1)]:
    try:
        place_order(conn, 2, bad_items)
    except OutOfStock as error:
        assert error.args == (missing,), f"{bad_items}: OutOfStock should name {missing}, got {error.args}"
    else:
        raise AssertionError(f"{bad_items} must raise OutOfStock")
assert conn.execute("SELECT id, stock FROM products ORDER BY id").fetchall() == before, "stock unchanged after failures"
assert conn.execute("SELECT count(*) FROM orders").fetchone() == (0,), "no order rows after failures"
assert conn.execute("SELECT count(*) FROM order_items").fetchone() == (0,), "no item rows after failures"
### END HIDDEN TESTS

# %% course={"kind": "test", "points": 1}
conn = database(SHOP)
for customer, bad_items in [(99, {1: 1}), (1, {1: 0}), (1, {1: 1, 2: -1})]:
    try:
        place_order(conn, customer, bad_items)
    except sqlite3.IntegrityError:
        pass
    else:
        raise AssertionError(f"customer {customer} with {bad_items} must be refused by the schema")
    assert conn.execute("SELECT count(*) FROM orders").fetchone() == (0,), f"{customer}, {bad_items}: order row left behind"
    stock = conn.execute("SELECT id, stock FROM products ORDER BY id").fetchall()
    assert stock == [(1, 5), (2, 2), (3, 0)], f"{customer}, {bad_items}: stock changed to {stock}"
    assert conn.in_transaction is False, f"{customer}, {bad_items}: a transaction was left open"

# %% course={"kind": "wrong", "id": "commit-per-statement"}
import sqlite3


class OutOfStock(Exception):
    """A product of the order does not exist or has too little stock; its id is args[0]."""


def place_order(conn, customer_id, items):
    order_id = conn.execute("INSERT INTO orders (customer_id) VALUES (?)", (customer_id,)).lastrowid
    conn.commit()
    for product_id, quantity in items.items():
        taken = conn.execute("UPDATE products SET stock = stock - ? WHERE id = ? AND stock >= ?", (quantity, product_id, quantity))
        if taken.rowcount != 1:
            raise OutOfStock(product_id)
        conn.execute(
            "INSERT INTO order_items (order_id, product_id, quantity, unit_cents) SELECT ?, id, ?, price_cents FROM products WHERE id = ?",
            (order_id, quantity, product_id),
        )
        conn.commit()
    return order_id


# %% course={"kind": "wrong", "id": "no-rollback-on-error", "fails": ["t2", "t3"]}
import sqlite3


class OutOfStock(Exception):
    """A product of the order does not exist or has too little stock; its id is args[0]."""


def place_order(conn, customer_id, items):
    order_id = conn.execute("INSERT INTO orders (customer_id) VALUES (?)", (customer_id,)).lastrowid
    for product_id, quantity in items.items():
        taken = conn.execute("UPDATE products SET stock = stock - ? WHERE id = ? AND stock >= ?", (quantity, product_id, quantity))
        if taken.rowcount != 1:
            raise OutOfStock(product_id)
        conn.execute(
            "INSERT INTO order_items (order_id, product_id, quantity, unit_cents) SELECT ?, id, ?, price_cents FROM products WHERE id = ?",
            (order_id, quantity, product_id),
        )
    conn.commit()
    return order_id


# %% course={"kind": "wrong", "id": "never-commits", "fails": ["t1"]}
import sqlite3


class OutOfStock(Exception):
    """A product of the order does not exist or has too little stock; its id is args[0]."""


def place_order(conn, customer_id, items):
    try:
        order_id = conn.execute("INSERT INTO orders (customer_id) VALUES (?)", (customer_id,)).lastrowid
        for product_id, quantity in items.items():
            taken = conn.execute("UPDATE products SET stock = stock - ? WHERE id = ? AND stock >= ?", (quantity, product_id, quantity))
            if taken.rowcount != 1:
                raise OutOfStock(product_id)
            conn.execute(
                "INSERT INTO order_items (order_id, product_id, quantity, unit_cents) SELECT ?, id, ?, price_cents FROM products WHERE id = ?",
                (order_id, quantity, product_id),
            )
    except Exception:
        conn.rollback()
        raise
    return order_id


# %% course={"kind": "wrong", "id": "read-then-write"}
import sqlite3


class OutOfStock(Exception):
    """A product of the order does not exist or has too little stock; its id is args[0]."""


def place_order(conn, customer_id, items):
    with conn:
        order_id = conn.execute("INSERT INTO orders (customer_id) VALUES (?)", (customer_id,)).lastrowid
        for product_id, quantity in items.items():
            (stock, price) = conn.execute("SELECT stock, price_cents FROM products WHERE id = ?", (product_id,)).fetchone()
            if stock < quantity:
                raise OutOfStock(product_id)
            conn.execute("UPDATE products SET stock = ? WHERE id = ?", (stock - quantity, product_id))
            conn.execute("INSERT INTO order_items VALUES (?, ?, ?, ?)", (order_id, product_id, quantity, price))
    return order_id


# %% [markdown] course={"kind": "task", "id": "shop-design", "item": "project-13-1-1", "points": 4}
# ### Project 13.1.1: design and document the e-commerce database
#
# Start from `SHOP` and extend it into a schema you would defend in a design review, in a file `shop.sql` with a
# short `DESIGN.md` next to it:
#
# 1. Add what a real shop needs: addresses (a customer has several; an order keeps the one it shipped to),
#    categories (a product may be in several), payments (an order may have several attempts).
# 2. Normalize to third normal form and say, for each table, what its key is and why no non-key column depends on
#    anything but the whole key (no customer name in `orders`, no category list in a text column, no order total
#    stored next to the items it is computed from, or, if you keep one, why).
# 3. Document every relationship (one-to-one, one-to-many, many-to-many via which table) in a table or a diagram
#    in text, and every constraint with the bad data it stops.
# 4. Write the common queries as parameterized SQL and run them on sample data: a customer's orders with totals,
#    the best-selling products of a month, customers who never ordered, revenue per category, stock below a
#    threshold. Add the indexes they need and show `EXPLAIN QUERY PLAN` before and after for two of them.

# %% [markdown] course={"kind": "rubric"}
# - The schema runs in SQLite with `PRAGMA foreign_keys = ON`; every many-to-many has a junction table with a
#   composite primary key; addresses copied to the order (or referenced with a reason) (1 point).
# - The 3NF argument is per table and correct: no repeated groups, no partial or transitive dependencies; any
#   deliberate denormalization is named and justified (1 point).
# - Relationships and constraints are documented with the bad row each constraint refuses; CHECK, UNIQUE,
#   NOT NULL and DEFAULT are used where the data demands them, not everywhere (1 point).
# - The queries use parameters, give the right rows on the sample data (NULL and no-row cases included, e.g. a
#   LEFT JOIN for customers without orders), and the chosen indexes change the plans shown (1 point).

# %% [markdown] course={"kind": "answer", "question": "q-what-are-the-types-of-joins"}
# `INNER JOIN` keeps only matching pairs. `LEFT JOIN` keeps every row of the left table, with NULLs where the
# right has no match; `RIGHT JOIN` is the mirror image; `FULL OUTER JOIN` keeps unmatched rows from both sides.
# `CROSS JOIN` pairs every row with every row (a Cartesian product). A *self join* is any of these between a
# table and itself under two aliases (employee and manager). Two practical points: a filter on the right table
# of a LEFT JOIN belongs in `ON`, or `WHERE` throws the NULL rows away; and SQLite supports RIGHT and FULL only
# from 3.39, so check `sqlite3.sqlite_version` before relying on them.

# %% [markdown] course={"kind": "answer", "question": "q-how-do-you-optimize-a-slow-query"}
# Measure first: find the query (slow-query log, `pg_stat_statements`) and read its plan (`EXPLAIN QUERY PLAN` in
# SQLite, `EXPLAIN ANALYZE` in PostgreSQL). Look for full scans of big tables and sorts that an index could avoid;
# add an index that matches the filter (equality columns first, then the range or `ORDER BY` column) and check the
# plan changed. Make conditions usable by an index (`ts >= ?` instead of `substr(ts, 1, 10) = ?`), select only
# the columns you need, page with `LIMIT` and a key instead of a large `OFFSET`, and avoid N+1 query loops from
# application code. Keep statistics current (`ANALYZE`). Every index slows writes and takes space, so add the
# ones the workload needs and measure again.

# %% [markdown] course={"kind": "answer", "question": "q-what-is-normalization"}
# Organizing tables so each fact is stored once, which prevents update anomalies (changing a customer's email in
# one order row but not the others). First normal form: atomic values, no repeating groups (no "tags" text
# column of comma-separated names). Second: every non-key column depends on the whole key (in `order_items`
# keyed by order and product, the product name depends on the product only, so it moves to `products`). Third:
# no non-key column depends on another non-key column (a customer's city does not belong in `orders`). Reporting
# and analytics tables are often denormalized on purpose to save joins, with the cost of keeping copies in step.

# %% [markdown] course={"kind": "answer", "question": "q-what-is-the-difference-between-where-and"}
# `WHERE` filters rows before grouping, so it cannot use aggregates; `HAVING` filters groups after `GROUP BY`
# and the aggregates are computed, so it can (`HAVING SUM(amount) >= 100`). "Customers whose orders total at least
# 100" needs `HAVING`; `WHERE amount >= 100` answers a different question (customers with at least one big
# order). Put row conditions in `WHERE` even in a grouped query: fewer rows reach the grouping, and an index can
# help the `WHERE`.
