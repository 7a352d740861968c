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
# `database(script)` makes a fresh in-memory database with foreign keys enforced and runs `script` in it.
import sqlite3
from collections import Counter


def database(script: str = "") -> sqlite3.Connection:
    conn = sqlite3.connect(":memory:")
    conn.execute("PRAGMA foreign_keys = ON")
    conn.executescript(script)
    return conn


def run(sql: str, script: str, params: tuple | dict = ()) -> list:
    """The rows `sql` returns on a fresh database made by `script` (the tests' way to try a query)."""
    return database(script).execute(sql, params).fetchall()


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
# close the connection). Python 3.12 added the `autocommit` attribute for the standard-conforming behaviour.

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
# row per distinct value of `cols`; every other selected column must be inside an aggregate (SQLite lets you break
# this rule and picks a value from some row of the group; PostgreSQL refuses). A query runs in this order:
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
# filled in for you when you insert NULL or leave it out (in PostgreSQL use an identity column).

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
# returns *no row* when there is no second salary, and without `DISTINCT` it returns the top salary twice.

# %% course={"kind": "solution"}
PAY = "CREATE TABLE pay (id INTEGER PRIMARY KEY, name TEXT, salary INTEGER);"


def second_highest_sql() -> str:
    ### BEGIN SOLUTION
    return "SELECT MAX(salary) AS second_highest FROM pay WHERE salary < (SELECT MAX(salary) FROM pay)"
    ### END SOLUTION


# %% course={"kind": "test", "points": 1}
rows = run(second_highest_sql(), PAY + "INSERT INTO pay (name, salary) VALUES ('ana', 100), ('bo', 300), ('cy', 200)")
assert rows == [(200,)], f"salaries 100, 300, 200: expected [(200,)], got {rows}"

# %% course={"kind": "test", "points": 1}
rows = run(second_highest_sql(), PAY + "INSERT INTO pay (name, salary) VALUES ('ana', 300), ('bo', 300), ('cy', 200)")
assert rows == [(200,)], f"two people earn the top salary 300; the second highest *distinct* salary is 200, got {rows}"
### BEGIN HIDDEN TESTS
rows = run(second_highest_sql(), PAY + "INSERT INTO pay (name, salary) VALUES ('a', 5), ('b', 0), ('c', -3), ('d', 5)")
assert rows == [(0,)], f"0 is a salary like any other: expected [(0,)], got {rows}"
rows = run(second_highest_sql(), PAY + "INSERT INTO pay (name, salary) VALUES ('a', -1), ('b', -7), ('c', NULL)")
assert rows == [(-7,)], f"negative salaries, and a NULL that is no salary: expected [(-7,)], got {rows}"
### END HIDDEN TESTS

# %% course={"kind": "test", "points": 2}
rows = run(second_highest_sql(), PAY + "INSERT INTO pay (name, salary) VALUES ('ana', 300), ('bo', 300)")
assert rows == [(None,)], f"everyone earns 300: expected one row holding NULL, [(None,)], got {rows}"
### BEGIN HIDDEN TESTS
rows = run(second_highest_sql(), PAY)
assert rows == [(None,)], f"empty table: expected [(None,)], got {rows}"
rows = run(second_highest_sql(), PAY + "INSERT INTO pay (name, salary) VALUES ('solo', 120)")
assert rows == [(None,)], f"one employee: expected [(None,)], got {rows}"
### END HIDDEN TESTS

# %% course={"kind": "wrong", "id": "offset-without-distinct"}
PAY = "CREATE TABLE pay (id INTEGER PRIMARY KEY, name TEXT, salary INTEGER);"


def second_highest_sql() -> str:
    return "SELECT salary FROM pay ORDER BY salary DESC LIMIT 1 OFFSET 1"


# %% course={"kind": "wrong", "id": "offset-returns-no-row", "fails": ["t3"]}
PAY = "CREATE TABLE pay (id INTEGER PRIMARY KEY, name TEXT, salary INTEGER);"


def second_highest_sql() -> str:
    return "SELECT DISTINCT salary FROM pay ORDER BY salary DESC LIMIT 1 OFFSET 1"


# %% course={"kind": "wrong", "id": "min-of-top-two"}
PAY = "CREATE TABLE pay (id INTEGER PRIMARY KEY, name TEXT, salary INTEGER);"


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
TEAMS = (
    "CREATE TABLE departments (id INTEGER PRIMARY KEY, name TEXT NOT NULL);"
    "CREATE TABLE employees (id INTEGER PRIMARY KEY, name TEXT NOT NULL, salary INTEGER NOT NULL,"
    " department_id INTEGER NOT NULL REFERENCES departments(id));"
)


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
assert rows == [("ops", "b", 9), ("ops", "c", 7), ("ops", "a", 5)], f"the three best paid of four, best first; got {rows}"

# %% course={"kind": "test", "points": 2}
rows = run(top_three_sql(), TEAMS + "INSERT INTO departments VALUES (1, 'ops');"
           "INSERT INTO employees (name, salary, department_id) VALUES"
           " ('ed', 60, 1), ('di', 70, 1), ('cy', 80, 1), ('bo', 90, 1), ('al', 90, 1)")
expected = [("ops", "al", 90), ("ops", "bo", 90), ("ops", "cy", 80), ("ops", "di", 70)]
assert rows == expected, f"salaries 90, 90, 80, 70, 60: the top three distinct are 90, 80, 70 (four people); got {rows}"

# %% course={"kind": "test", "points": 2}
script = TEAMS + (
    "INSERT INTO departments VALUES (1, 'ops'), (2, 'eng'), (3, 'empty');"
    "INSERT INTO employees (name, salary, department_id) VALUES"
    " ('zed', 50, 2), ('yan', 50, 2), ('xi', 10, 1), ('wu', 40, 1), ('vi', 99, 2), ('uma', 30, 1),"
    " ('tom', 20, 1), ('sal', 45, 2), ('ray', 1, 2)"
)
rows = run(top_three_sql(), script)
expected = [
    ("eng", "vi", 99), ("eng", "yan", 50), ("eng", "zed", 50), ("eng", "sal", 45),
    ("ops", "wu", 40), ("ops", "uma", 30), ("ops", "tom", 20),
]
assert rows == expected, f"each department on its own, eng before ops, ties by name; got {rows}"
### BEGIN HIDDEN TESTS
script = TEAMS + (
    "INSERT INTO departments VALUES (1, 'Ops'), (2, 'ops'), (3, 'éq');"
    "INSERT INTO employees (name, salary, department_id) VALUES ('b', -5, 3), ('a', 0, 3), ('c', 7, 2), ('d', 7, 1)"
)
rows = run(top_three_sql(), script)
expected = [("Ops", "d", 7), ("ops", "c", 7), ("éq", "a", 0), ("éq", "b", -5)]
assert rows == expected, f"small departments keep everyone; 0 and negative salaries count; got {rows}"
### END HIDDEN TESTS

# %% course={"kind": "wrong", "id": "row-number"}
TEAMS = (
    "CREATE TABLE departments (id INTEGER PRIMARY KEY, name TEXT NOT NULL);"
    "CREATE TABLE employees (id INTEGER PRIMARY KEY, name TEXT NOT NULL, salary INTEGER NOT NULL,"
    " department_id INTEGER NOT NULL REFERENCES departments(id));"
)


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
TEAMS = (
    "CREATE TABLE departments (id INTEGER PRIMARY KEY, name TEXT NOT NULL);"
    "CREATE TABLE employees (id INTEGER PRIMARY KEY, name TEXT NOT NULL, salary INTEGER NOT NULL,"
    " department_id INTEGER NOT NULL REFERENCES departments(id));"
)


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
TEAMS = (
    "CREATE TABLE departments (id INTEGER PRIMARY KEY, name TEXT NOT NULL);"
    "CREATE TABLE employees (id INTEGER PRIMARY KEY, name TEXT NOT NULL, salary INTEGER NOT NULL,"
    " department_id INTEGER NOT NULL REFERENCES departments(id));"
)


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


# %% course={"kind": "wrong", "id": "order-left-to-chance"}
TEAMS = (
    "CREATE TABLE departments (id INTEGER PRIMARY KEY, name TEXT NOT NULL);"
    "CREATE TABLE employees (id INTEGER PRIMARY KEY, name TEXT NOT NULL, salary INTEGER NOT NULL,"
    " department_id INTEGER NOT NULL REFERENCES departments(id));"
)


def top_three_sql() -> str:
    return """
    WITH ranked AS (
        SELECT d.name AS department, e.name AS employee, e.salary,
               DENSE_RANK() OVER (PARTITION BY e.department_id ORDER BY e.salary DESC) AS place
        FROM employees e JOIN departments d ON d.id = e.department_id
    )
    SELECT department, employee, salary FROM ranked WHERE place <= 3
    """
