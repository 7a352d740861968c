# ---
# jupyter:
#   jupytext:
#     text_representation:
#       extension: .py
#       format_name: percent
# ---

# %% [markdown] course={"kind": "intro"}
# **By the end of this section** you can model a database as Python classes with SQLAlchemy 2 (typed `Mapped[]`
# columns, relationships), query it without N+1 surprises, keep sessions and transactions honest (savepoints,
# optimistic locking), use it from asyncio, and change a live schema with Alembic migrations you can roll back.

# %% course={"kind": "setup", "id": "sqlalchemy"}
# SQLAlchemy 2 (2.0 style only) on two databases: SQLite in memory for the first steps (fast, nothing to start),
# then the real PostgreSQL 16 of 13.2 (started once here, stopped with the kernel). `fresh_database()` yields a URL
# whose connections work in a new, empty schema; `sqlalchemy_url(url)` turns it into `postgresql+psycopg://...`
# (or `postgresql+psycopg_async://...`), keeping the query that sets `search_path`, so an engine made from it
# works in that schema too. `counted_statements(engine)` records every SQL statement the engine sends.
import contextlib
from collections.abc import Iterator

from sqlalchemy import Column, Engine, ForeignKey, String, Table, create_engine, event, func, select, text
from sqlalchemy.exc import IntegrityError
from sqlalchemy.orm import DeclarativeBase, Mapped, Session, joinedload, mapped_column, relationship, selectinload, sessionmaker
from sqlalchemy.orm.exc import StaleDataError
from sqlalchemy.pool import StaticPool

from course.runtime.postgres import fresh_database, shared_postgres, sqlalchemy_url
from course.runtime.sql import exactly

shared_postgres()


def sqlite_engine() -> Engine:
    """A new, empty SQLite database in memory: one connection shared by every session (StaticPool), foreign keys on."""
    engine = create_engine("sqlite://", poolclass=StaticPool)
    event.listen(engine, "connect", lambda conn, _record: conn.execute("PRAGMA foreign_keys = ON"))
    return engine


@contextlib.contextmanager
def counted_statements(engine: Engine) -> Iterator[list[str]]:
    """The SQL statements `engine` sends to the database inside the block, in order."""
    sent: list[str] = []

    def record(conn, cursor, statement, parameters, context, executemany) -> None:  # noqa: ANN001
        sent.append(statement)

    event.listen(engine, "before_cursor_execute", record)
    try:
        yield sent
    finally:
        event.remove(engine, "before_cursor_execute", record)


# The models most lessons and exercises use: teams own services (one-to-many), services carry tags (many-to-many).
class Base(DeclarativeBase):
    pass


service_tags = Table(
    "service_tags",
    Base.metadata,
    Column("service_id", ForeignKey("services.id", ondelete="CASCADE"), primary_key=True),
    Column("tag_id", ForeignKey("tags.id", ondelete="CASCADE"), primary_key=True),
)


class Team(Base):
    __tablename__ = "teams"
    id: Mapped[int] = mapped_column(primary_key=True)
    name: Mapped[str] = mapped_column(String(50), unique=True)
    services: Mapped[list["Service"]] = relationship(back_populates="team", cascade="all, delete-orphan")


class Service(Base):
    __tablename__ = "services"
    id: Mapped[int] = mapped_column(primary_key=True)
    name: Mapped[str] = mapped_column(String(50), unique=True)
    port: Mapped[int | None]
    team_id: Mapped[int] = mapped_column(ForeignKey("teams.id"))
    team: Mapped[Team] = relationship(back_populates="services")
    tags: Mapped[list["Tag"]] = relationship(secondary=service_tags, back_populates="services")


class Tag(Base):
    __tablename__ = "tags"
    id: Mapped[int] = mapped_column(primary_key=True)
    name: Mapped[str] = mapped_column(String(30), unique=True)
    services: Mapped[list[Service]] = relationship(secondary=service_tags, back_populates="tags")


class Setting(Base):  # optimistic locking (the transactions lesson): every UPDATE checks and bumps `version`
    __tablename__ = "settings"
    key: Mapped[str] = mapped_column(String(40), primary_key=True)
    value: Mapped[str]
    version: Mapped[int] = mapped_column()  # assigned, so the next line can name it
    __mapper_args__ = {"version_id_col": version}  # noqa: RUF012


def seeded(engine: Engine) -> Engine:
    """`engine` with the tables made and three teams, five services and two tags in them."""
    Base.metadata.create_all(engine)
    with Session(engine) as session, session.begin():
        prod, batch = Tag(name="prod"), Tag(name="batch")
        session.add_all([
            Team(name="core", services=[Service(name="api", port=80, tags=[prod]), Service(name="auth", port=8443, tags=[prod])]),
            Team(name="data", services=[Service(name="etl", tags=[batch]), Service(name="train", tags=[batch, prod]),
                                        Service(name="feature-store", port=6379)]),
            Team(name="idle"),
        ])  # fmt: skip
    return engine

# %% [markdown] course={"kind": "lesson", "id": "architecture", "covers": ["c-sqlalchemy-architecture", "c-core-vs-orm", "c-engine-and-connection", "c-session"]}
# ### Engine, Core and ORM: three layers
#
# SQLAlchemy has two layers on one foundation. The **Engine** (`create_engine(url)`) owns a pool of DB-API
# connections and knows the dialect (how SQLite and PostgreSQL spell things). **Core** builds SQL from Python
# objects (`Table`, `select()`, `insert()`) and runs it on a `Connection`: you still think in rows. The **ORM** maps
# classes to tables and works through a **Session**: you think in objects, and the session decides which
# INSERT/UPDATE/DELETE statements to send and when. The same `select()` works in both; only what comes back differs
# (rows in Core, objects in the ORM). DevOps scripts that move many rows are often pure Core; services with a domain
# model use the ORM.
#
# The URL picks the driver: `sqlite://` (in memory), `postgresql+psycopg://` (psycopg 3, sync),
# `postgresql+psycopg_async://` (the same driver, for asyncio). The mistake people make: treating the engine as a
# connection and making one per request. An engine is made **once per process** (it is the pool); connections and
# sessions are the short-lived things.
#
# This notebook uses two real databases. **SQLite**, in memory (Python's own `sqlite3`; nothing to start), for the
# first steps and most public tests: `sqlite_engine()` in the setup cell. And a real **PostgreSQL 16**, which the
# setup cell started for this notebook (the server binaries come with the `pgserver` wheel; it listens on a Unix
# socket in a temporary folder and stops with the kernel; with `DATABASE_URL` set, your own server is used instead):
# wherever a cell or an exercise title says PostgreSQL, that is what runs.

# %% course={"kind": "demo"}
engine = seeded(sqlite_engine())
with engine.connect() as conn:  # Core: a Connection, rows back
    services = Service.__table__  # the Table behind the class: Core needs no class at all
    rows = conn.execute(select(services.c.name, services.c.port).where(services.c.port > 100).order_by(services.c.port))
    print("Core rows:   ", rows.all())
with Session(engine) as session:  # ORM: a Session, objects back
    found = session.scalars(select(Service).where(Service.port > 100).order_by(Service.port)).all()
    print("ORM objects: ", [type(s).__name__ for s in found], "->", found[0].name, "of team", found[0].team.name)
print("the SQL both sent:", select(Service.name).where(Service.port > 100))

# %% [markdown] course={"kind": "text"}
# The same models on the notebook's PostgreSQL 16: only the URL changes. `fresh_database()` gives a clean schema; the URL carries
# `options=-c search_path=<schema>` in its query, SQLAlchemy's psycopg dialect passes the query on to
# `psycopg.connect`, so `create_all` and every query land in that schema (shown below by `current_schema()`).
# `engine.dispose()` closes the pool's connections when you are done with an engine.

# %% course={"kind": "demo"}
with fresh_database() as url:
    pg = seeded(create_engine(sqlalchemy_url(url)))
    with Session(pg) as session:
        print(session.scalar(text("SELECT current_schema()")).startswith("course_"), pg.dialect.name, pg.dialect.driver)
        print(session.scalars(select(Service.name).order_by(Service.name)).all())
    pg.dispose()

# %% [markdown] course={"kind": "lesson", "id": "models", "covers": ["c-model-definition", "c-declarative-base", "c-column-types", "c-primary-keys", "c-relationships-d03829"]}
# ### Declarative models: `Mapped[]` and `mapped_column`
#
# A model class derives from your own `DeclarativeBase` subclass (its `metadata` collects every table). Each
# column is a class attribute annotated `Mapped[type]`: the annotation alone chooses the column type (`int` ->
# `Integer`, `str` -> `String`, `datetime` -> `DateTime`; `float` -> `Float` in SQLAlchemy 2.0, `Double` in 2.1)
# and the nullability (`Mapped[int | None]` may be NULL, `Mapped[int]` may not); `mapped_column(...)` adds the rest:
# `primary_key=True`, `String(50)`, `unique=True`, `ForeignKey("teams.id")`, `default=`, `server_default=`. A single
# `int` primary key is generated by the database (`SERIAL` on PostgreSQL, the ROWID alias on SQLite).
# `relationship()` is not a column: it is the Python-side link that a foreign key makes possible.
#
# The mistake people make: believing `Mapped[str]` without `| None` is only a type hint. It is a constraint:
# `NOT NULL` in the table (below), and an insert without a value fails in the database.

# %% course={"kind": "demo"}
from sqlalchemy.schema import CreateTable

print(CreateTable(Service.__table__).compile(engine))
print({c.name: (str(c.type), c.nullable) for c in Service.__table__.columns})

# %% [markdown] course={"kind": "text"}
# Older code writes `Column(Integer, primary_key=True)` without annotations and queries with `session.query(...)`: the
# 1.x style, still accepted ("legacy") but not what new code or this section uses.

# %% [markdown] course={"kind": "lesson", "id": "relationships", "covers": ["c-relationships-29e49c", "c-one-to-many", "c-many-to-many", "c-one-to-one", "c-back-references", "c-lazy-loading-vs-eager-loading"]}
# ### Relationships, and how they load
#
# **One-to-many**: the foreign key sits on the "many" side (`Service.team_id`); `Team.services: Mapped[list[Service]]`
# and `Service.team: Mapped[Team]` are the two ends. `back_populates` names the other end, so that appending a service
# to `team.services` also sets `service.team` in Python, before anything is written. **Many-to-many** goes through
# an association table named in `secondary=`. **One-to-one** is a one-to-many whose "many" side is a scalar:
# `Mapped["Profile"]` (not a list) with a unique foreign key. `cascade="all, delete-orphan"` makes children live
# and die with their parent: a service removed from `team.services` is DELETEd, not left with a NULL `team_id`.
#
# **Loading**: by default a relationship is *lazy*: the first time you touch `team.services`, the session sends one
# SELECT for that team. Loop over 100 teams and you send 1 + 100 statements: the **N+1 problem**. Eager options on
# the query fix it: `selectinload(Team.services)` sends one more SELECT for all teams' services (`WHERE team_id IN
# (...)`), `joinedload(Team.services)` joins them into the first SELECT. We count statements with an event listener
# (`counted_statements`, from the setup cell), never time them.

# %% course={"kind": "demo"}
with Session(engine) as session, counted_statements(engine) as sent:
    lazy = {team.name: len(team.services) for team in session.scalars(select(Team))}
print("lazy:       ", len(sent), "statements", lazy)
for label, option in [("selectinload", selectinload(Team.services)), ("joinedload", joinedload(Team.services))]:
    with Session(engine) as session, counted_statements(engine) as sent:
        teams = session.scalars(select(Team).options(option)).unique().all()  # unique(): a join repeats each team
        eager = {team.name: len(team.services) for team in teams}
    print(f"{label + ':':13}", len(sent), "statements", eager)
print(sent[0])

# %% [markdown] course={"kind": "text"}
# `back_populates` and `delete-orphan` at work, before and after a flush:

# %% course={"kind": "demo"}
with Session(engine) as session:
    core = session.scalars(select(Team).where(Team.name == "core")).one()
    cache = Service(name="cache")
    core.services.append(cache)
    print("cache.team set by back_populates:", cache.team is core, "| id before flush:", cache.id)
    session.flush()
    print("id after flush:", cache.id)
    core.services.remove(cache)
    session.flush()
    print("after removing it from the list:", session.scalar(select(func.count()).where(Service.name == "cache")), "rows")
    session.rollback()

# %% [markdown] course={"kind": "lesson", "id": "querying", "covers": ["c-querying", "c-basic-queries", "c-filtering", "c-ordering", "c-joins", "c-aggregation"]}
# ### Querying with `select()`
#
# Every query is a `select()` you build up: `.where(...)` (Python operators on columns become SQL: `==`, `>`,
# `.in_([...])`, `.like("a%")`, `.is_(None)`; several conditions in one `where` are ANDed, `or_()` for OR),
# `.order_by(Service.name, Service.id.desc())`, `.join(Service.team)` (the relationship supplies the ON clause),
# `.outerjoin(...)`, `.group_by(...)` with `func.count(...)`, `func.sum(...)`, `.having(...)`. Then run it:
# `session.scalars(stmt)` when each row is one thing (an object or one column), `session.execute(stmt)` for rows of
# several columns; finish with `.all()`, `.one()` (exactly one row, else an error), `.first()`, or
# `session.scalar(stmt)` for a single value; `session.get(Team, 1)` fetches by primary key.
#
# The mistake people make: counting with an outer join and `func.count()` (that is `count(*)`): a team with no
# services still has one joined row (with NULLs), so it counts 1. Count a column of the outer side,
# `func.count(Service.id)`, which skips NULLs.

# %% course={"kind": "demo"}
from sqlalchemy import or_

with Session(engine) as session:
    print(session.scalars(select(Service.name).where(or_(Service.port.is_(None), Service.port < 1000)).order_by(Service.name)).all())
    print(session.execute(select(Service.name, Team.name).join(Service.team).where(Team.name == "core").order_by(Service.name)).all())
    wrong = select(Team.name, func.count()).outerjoin(Team.services).group_by(Team.name).order_by(Team.name)
    right = select(Team.name, func.count(Service.id)).outerjoin(Team.services).group_by(Team.name).order_by(Team.name)
    print("count(*):         ", session.execute(wrong).all())
    print("count(service.id):", session.execute(right).all())
    print(session.scalars(select(Tag.name).join(Tag.services).group_by(Tag.name).having(func.count() > 1)).all())

# %% [markdown] course={"kind": "lesson", "id": "sessions", "covers": ["c-session-management", "c-creating-sessions", "c-committing-and-rolling-back", "c-session-lifecycle"]}
# ### The session: identity map and unit of work
#
# Make one `sessionmaker(engine)` per process and one session per unit of work (a request, a job), closed at the end
# (`with Session(...) as session:`). A session keeps an **identity map**: one Python object per row, so loading the
# same row twice gives the *same* object. It is a **unit of work**: `add()` and attribute changes are only remembered;
# `flush()` sends the pending INSERT/UPDATE/DELETE inside the open transaction (ids get filled in, other queries
# in this transaction see them, nothing is permanent); `commit()` flushes and commits; `rollback()` throws away the
# transaction and everything pending. An object moves through states: *transient* (new), *pending* (added),
# *persistent* (has a row), *detached* (its session closed).
#
# The mistake people make: using objects after `commit()` or after the session closed. By default a commit
# **expires** every object (`expire_on_commit=True`): the next attribute access reloads it with a new SELECT, and on a
# closed session a relationship that was never loaded cannot load at all (`DetachedInstanceError`, below).

# %% course={"kind": "demo"}
Sessions = sessionmaker(engine)  # once per process
with Sessions() as session:
    first = session.get(Team, 1)
    again = session.scalars(select(Team).where(Team.name == "core")).one()
    print("identity map, the same object:", first is again)
    with counted_statements(engine) as sent:
        first.name = "platform"  # remembered, not sent
        print("statements after the change:", len(sent))
        session.flush()
        print("after flush:", [s.split()[0] for s in sent])
        session.rollback()
        print("after rollback, name reloaded:", first.name, "| statements so far:", len(sent))

# %% course={"kind": "demo"}
for expire in (True, False):
    with Session(engine, expire_on_commit=expire) as session, counted_statements(engine) as sent:
        team = session.get(Team, 3)
        team.name = "idle"
        session.commit()
        before = len(sent)
        _ = team.name
        print(f"expire_on_commit={expire}: reading team.name after commit sent {len(sent) - before} SELECT")

# %% course={"kind": "demo"}
from sqlalchemy.orm.exc import DetachedInstanceError

with Sessions() as session:
    team = session.get(Team, 1)
print(team.name)  # loaded while the session was open: still readable
try:
    print(team.services)  # never loaded, and the session is closed
except DetachedInstanceError as error:
    print("DetachedInstanceError:", str(error).split(" (Background")[0])

# %% [markdown] course={"kind": "lesson", "id": "transactions", "covers": ["c-transactions", "c-explicit-transactions", "c-nested-transactions", "c-context-managers"]}
# ### Transactions: `begin()`, savepoints, and optimistic locking
#
# `with Session(engine) as session, session.begin():` is the explicit form: the block commits when it ends and rolls
# back when it raises; `with Sessions.begin() as session:` (on a `sessionmaker`) does both at once. Inside,
# `session.begin_nested()` opens a **SAVEPOINT**: a failure inside it (say a duplicate key) rolls back to the savepoint
# only, and the outer transaction goes on; without one, a failed flush leaves the whole session unusable until you
# roll back. **Optimistic locking**: give the model a version column and `__mapper_args__ = {"version_id_col":
# version}`; every UPDATE then says `WHERE id = ... AND version = <the one I read>` and bumps it. If another session
# changed the row in between, no row matches and SQLAlchemy raises `StaleDataError` instead of silently overwriting:
# reload and retry (no row lock is held while a user thinks, unlike `SELECT ... FOR UPDATE` of 13.2).
#
# The mistake people make: catching the database error of one item and carrying on in the same transaction without a
# savepoint: on PostgreSQL the transaction is aborted, and every later statement fails until the rollback.

# %% course={"kind": "demo"}
with fresh_database() as url:
    pg = seeded(create_engine(sqlalchemy_url(url)))
    with Session(pg) as session, session.begin():
        for name in ["cache", "api", "queue"]:  # "api" exists already (unique name)
            try:
                with session.begin_nested():  # SAVEPOINT; released on success, rolled back to on error
                    session.add(Service(name=name, team_id=1))
            except IntegrityError:
                print("skipped duplicate:", name)
    with Session(pg) as session:
        print(session.scalars(select(Service.name).order_by(Service.name)).all())
    pg.dispose()

# %% [markdown] course={"kind": "text"}
# A forced conflict between two sessions (two connections to PostgreSQL): both read version 1, the first saves
# (version 2), the second's UPDATE matches no row.

# %% course={"kind": "demo"}
with fresh_database() as url:
    pg = create_engine(sqlalchemy_url(url))
    Base.metadata.create_all(pg)
    with Session(pg) as session, session.begin():
        session.add(Setting(key="replicas", value="3"))
    with Session(pg) as alice, Session(pg) as bob:
        mine, theirs = alice.get(Setting, "replicas"), bob.get(Setting, "replicas")
        print("both read version", mine.version, theirs.version)
        mine.value = "5"
        alice.commit()
        theirs.value = "4"
        try:
            bob.commit()
        except StaleDataError as error:
            print("StaleDataError:", error)
    pg.dispose()

# %% [markdown] course={"kind": "lesson", "id": "async", "covers": ["c-async-sqlalchemy", "c-asyncengine", "c-asyncsession", "c-async-queries"]}
# ### Async SQLAlchemy
#
# `create_async_engine("postgresql+psycopg_async://...")` gives an **AsyncEngine** (psycopg 3 speaks asyncio itself;
# no second driver such as asyncpg is needed); `async_sessionmaker(engine, expire_on_commit=False)` makes
# **AsyncSession**s. The API is the sync one with `await`: `await session.execute(stmt)`, `await
# session.scalars(stmt)`, `await session.get(...)`, `await session.commit()`, `async with session.begin():`,
# and `await engine.dispose()` at the end. Under the hood SQLAlchemy runs its sync core in a greenlet: SQLAlchemy
# 2.0 installs `greenlet` by default on the common platforms, 2.1 no longer does, so ask for it with
# `pip install "sqlalchemy[asyncio]"` (as this course's requirements do).
#
# The mistake people make: relying on lazy loading. Touching an unloaded relationship would need I/O in the middle
# of an attribute access, where no `await` is possible: it raises `MissingGreenlet` (SQLAlchemy 2.1 wraps it in a
# `StatementError` whose `.orig` is the `MissingGreenlet`; 2.0 raises it bare). In async code, load what you
# will touch up front (`selectinload`), and use `expire_on_commit=False` so reading attributes after a commit sends
# nothing.

# %% course={"kind": "demo"}
import asyncio

from sqlalchemy.exc import MissingGreenlet, StatementError
from sqlalchemy.ext.asyncio import async_sessionmaker, create_async_engine

from course.runtime.aio import run


async def async_demo(url: str) -> None:
    aengine = create_async_engine(sqlalchemy_url(url, asynchronous=True))
    ASessions = async_sessionmaker(aengine, expire_on_commit=False)
    try:
        async with ASessions() as session:
            api = await session.scalar(select(Service).where(Service.name == "api"))
            try:
                print(api.team.name)
            except (MissingGreenlet, StatementError) as error:  # 2.0 raises MissingGreenlet, 2.1 wraps it
                cause = getattr(error, "orig", None) or error
                print("lazy load in async code:", type(cause).__name__)
            stmt = select(Team).options(selectinload(Team.services)).order_by(Team.name)
            for team in await session.scalars(stmt):
                print(team.name, sorted(s.name for s in team.services))
            counts = await asyncio.gather(*(count_services(ASessions, name) for name in ["core", "data"]))
            print("two sessions at once:", counts)
    finally:
        await aengine.dispose()


async def count_services(ASessions: async_sessionmaker, team: str) -> int:
    async with ASessions() as session:  # one session per task: a session is not safe to share between tasks
        return await session.scalar(select(func.count(Service.id)).join(Service.team).where(Team.name == team))


with fresh_database() as url:
    seeded(create_engine(sqlalchemy_url(url))).dispose()
    run(async_demo(url))

# %% [markdown] course={"kind": "lesson", "id": "alembic", "covers": ["c-migrations-with-alembic", "c-migration-setup", "c-creating-migrations", "c-running-migrations", "c-rollback"]}
# ### Migrations with Alembic
#
# `create_all` makes missing tables and never changes existing ones; a live database changes through
# **migrations**: numbered scripts with an `upgrade()` and a `downgrade()`, chained by `down_revision`, applied in
# order, the current revision kept in the table `alembic_version`. Setup is `alembic init migrations` (a folder with
# `env.py`, which connects and runs the scripts, and `versions/`); `alembic revision --autogenerate -m "..."` writes a
# new script by **comparing your models with the database**. Review what it writes: it sees added and removed tables
# and columns, nullability, indexes, named unique and foreign-key constraints and (by default since Alembic 1.12)
# column types, but not a rename (a renamed column comes out as drop + add, which loses the data: the demo shows it),
# not a changed server default unless you ask (`compare_server_default=True`), not CHECK constraints;
# `alembic upgrade head` runs forward, `alembic downgrade -1` rolls one step back. All of it is a Python API too
# (`alembic.command.upgrade(config, "head")`), which is how a deploy job or a test runs it. Inside a script, `op`
# (an `alembic.operations.Operations`) does the work: `op.add_column`, `op.alter_column`, `op.create_index`,
# `op.execute(...)` for data.
#
# The mistake people make: adding a `NOT NULL` column to a table that already has rows in one step. The database
# refuses (the existing rows would hold NULL). Add it nullable, fill it, then make it `NOT NULL`; and write a
# `downgrade()` that really undoes it, or your rollback plan is a restore from backup.

# %% course={"kind": "demo"}
import tempfile
from pathlib import Path

from alembic import command
from alembic.autogenerate import compare_metadata
from alembic.config import Config
from alembic.migration import MigrationContext

ENV_PY = """from alembic import context

context.configure(connection=context.config.attributes["connection"])
with context.begin_transaction():
    context.run_migrations()
"""
FIRST = """revision = "0001"
down_revision = None
from alembic import op
import sqlalchemy as sa

def upgrade():
    op.create_table("hosts", sa.Column("id", sa.Integer, primary_key=True), sa.Column("name", sa.String(50), nullable=False))

def downgrade():
    op.drop_table("hosts")
"""
SECOND = """revision = "0002"
down_revision = "0001"
from alembic import op
import sqlalchemy as sa

def upgrade():
    op.add_column("hosts", sa.Column("zone", sa.String(20), nullable=True))
    op.execute("UPDATE hosts SET zone = 'eu-1'")
    op.alter_column("hosts", "zone", nullable=False)

def downgrade():
    op.drop_column("hosts", "zone")
"""


def columns(conn) -> list[str]:  # noqa: ANN001
    return conn.execute(text("SELECT column_name FROM information_schema.columns WHERE table_schema = current_schema()"
                             " AND table_name = 'hosts' ORDER BY ordinal_position")).scalars().all()  # fmt: skip


with tempfile.TemporaryDirectory() as folder, fresh_database() as url:
    (Path(folder) / "versions").mkdir()
    (Path(folder) / "env.py").write_text(ENV_PY, encoding="utf-8")
    (Path(folder) / "versions" / "0001_hosts.py").write_text(FIRST, encoding="utf-8")
    (Path(folder) / "versions" / "0002_zone.py").write_text(SECOND, encoding="utf-8")
    config = Config()  # no alembic.ini needed: the two settings it would hold
    config.set_main_option("script_location", folder)
    pg = create_engine(sqlalchemy_url(url))
    with pg.begin() as conn:
        config.attributes["connection"] = conn
        command.upgrade(config, "0001")
        conn.execute(text("INSERT INTO hosts (name) VALUES ('web-1')"))
        command.upgrade(config, "head")
        print("at", conn.execute(text("SELECT version_num FROM alembic_version")).scalar(), columns(conn),
              conn.execute(text("SELECT name, zone FROM hosts")).all())  # fmt: skip
        command.downgrade(config, "-1")
        print("at", conn.execute(text("SELECT version_num FROM alembic_version")).scalar(), columns(conn))

        class Wanted(DeclarativeBase):  # what the code now expects of the table
            pass

        class Host(Wanted):
            __tablename__ = "hosts"
            id: Mapped[int] = mapped_column(primary_key=True)
            hostname: Mapped[str] = mapped_column(String(50))  # `name`, renamed
            rack: Mapped[str | None] = mapped_column(String(10))

        diff = compare_metadata(MigrationContext.configure(conn), Wanted.metadata)
        print("autogenerate would write:", sorted((d[0], d[3].name) for d in diff))  # the rename: a drop and an add
    pg.dispose()

# %% [markdown] course={"kind": "answer", "question": "q-what-is-the-difference-between"}
# Core is SQL as Python objects: `Table`, `select()`, `insert()`, run on a `Connection`, rows back; you decide every
# statement. The ORM sits on Core: classes mapped to tables, a `Session` that tracks objects (identity map) and
# writes the changes as a unit of work at flush time, relationships that load related objects for you. Core suits
# bulk data movement, reporting queries and scripts where objects would only cost memory; the ORM suits a domain
# model with many small reads and writes. They mix freely: the same `select()` runs on a session or a connection, and
# `session.execute(insert(...))` does a bulk Core insert inside an ORM transaction.

# %% [markdown] course={"kind": "answer", "question": "q-how-do-you-handle-n-1-queries"}
# N+1 is one query for a list and then one lazy-load query per item when the code touches a relationship in a loop.
# First make it visible: count statements per request (an `event.listen(engine, "before_cursor_execute", ...)`
# counter in tests, `echo=True` or APM traces in production). Then load what the code will touch up front:
# `selectinload` for collections (one extra `IN` query, no row duplication), `joinedload` for many-to-one or small
# collections (one joined query), or a plain `join` + column select when only a few fields are needed. To keep it
# fixed, set `lazy="raise"` on relationships (or `raiseload("*")` per query) so an accidental lazy load fails, and
# keep a test that asserts the statement count does not grow with the data.

# %% [markdown] course={"kind": "answer", "question": "q-how-do-you-manage-sessions"}
# One engine and one `sessionmaker` per process; one session per unit of work (an HTTP request, a job, a message),
# opened and closed by a context manager (`with Sessions.begin() as session:`, or a FastAPI dependency that yields
# it), never a global session shared between threads or asyncio tasks. The code that owns the unit of work commits
# or rolls back; repositories and helpers only `add` and `flush`. Know what `expire_on_commit` does (objects reload
# after commit; set it `False` for async or when returning objects after the commit) and never touch lazy
# relationships of objects whose session is closed. Savepoints (`begin_nested`) for "try this part".

# %% [markdown] course={"kind": "answer", "question": "q-how-do-you-handle-database-migrations"}
# With a migration tool (Alembic for SQLAlchemy): every schema change is a reviewed script in version control with an
# `upgrade` and a `downgrade`, generated by autogenerate and then edited by hand (renames, data moves). The deploy
# pipeline runs `upgrade head` once, before the new code starts, and a test runs the whole chain up and down on a
# real database of the production kind (PostgreSQL, not SQLite). Changes are backward-compatible in steps
# (expand/contract): add a nullable column, backfill, then constrain; deploy code that writes both; drop old columns
# a release later. Big tables need care: `CREATE INDEX CONCURRENTLY`, batches, `lock_timeout`.

# %% [markdown] course={"kind": "exercise", "id": "experiment-models", "item": "x-define-models-with-relationships", "timeout": 60}
# ### Models for an experiment tracker
#
# An MLOps team records experiments, their runs and labels on runs. `MlBase`, the association table `run_labels` and
# the model `Label` are given. Write the two models:
#
# - `Experiment`, table `experiments`: `id` (integer primary key), `name` (`String(60)`, unique, not NULL), and `runs`,
#   the experiment's runs, whose other end is `Run.experiment`. A run removed from `experiment.runs`, or whose
#   experiment is deleted, is deleted too.
# - `Run`, table `runs`: `id` (integer primary key), `experiment_id` (foreign key to `experiments.id`, not NULL),
#   `score` (a float that may be NULL: a run still going has none), `experiment` (the other end of `runs`) and
#   `labels` (many-to-many through `run_labels`, whose other end is `Label.runs`).
#
# ```python
# >>> exp = Experiment(name="lr-sweep"); run = Run(score=0.91)
# >>> exp.runs.append(run); run.experiment is exp          # in Python, before anything is written
# True
# ```

# %% [markdown] course={"kind": "hint"}
# Columns: `Mapped[...]` + `mapped_column(...)`; `float | None` makes a nullable column. Each end of a relationship is
# `relationship(back_populates="<name of the other end>")`.

# %% [markdown] course={"kind": "hint"}
# "Deleted with its parent" and "deleted when removed from the list" is `cascade="all, delete-orphan"` on
# `Experiment.runs`. The many-to-many end is `relationship(secondary=run_labels, back_populates="runs")`.

# %% course={"kind": "solution"}
class MlBase(DeclarativeBase):
    pass


run_labels = Table(
    "run_labels",
    MlBase.metadata,
    Column("run_id", ForeignKey("runs.id", ondelete="CASCADE"), primary_key=True),
    Column("label_id", ForeignKey("labels.id", ondelete="CASCADE"), primary_key=True),
)


class Label(MlBase):
    __tablename__ = "labels"
    id: Mapped[int] = mapped_column(primary_key=True)
    name: Mapped[str] = mapped_column(String(30), unique=True)
    runs: Mapped[list["Run"]] = relationship(secondary=run_labels, back_populates="labels")


### BEGIN SOLUTION
class Experiment(MlBase):
    __tablename__ = "experiments"
    id: Mapped[int] = mapped_column(primary_key=True)
    name: Mapped[str] = mapped_column(String(60), unique=True)
    runs: Mapped[list["Run"]] = relationship(back_populates="experiment", cascade="all, delete-orphan")


class Run(MlBase):
    __tablename__ = "runs"
    id: Mapped[int] = mapped_column(primary_key=True)
    experiment_id: Mapped[int] = mapped_column(ForeignKey("experiments.id"))
    score: Mapped[float | None]
    experiment: Mapped[Experiment] = relationship(back_populates="runs")
    labels: Mapped[list[Label]] = relationship(secondary=run_labels, back_populates="runs")
### END SOLUTION


# %% course={"kind": "test", "points": 1}
def ml_engine() -> Engine:
    missing = {"experiments", "runs"} - MlBase.metadata.tables.keys()
    assert not missing, f"no model for the table(s) {sorted(missing)} yet: write Experiment and Run"
    engine = sqlite_engine()
    MlBase.metadata.create_all(engine)
    return engine


tables = MlBase.metadata.tables
ml_engine()  # the tables can be made
shape = {t: {c.name: (c.type.python_type.__name__, c.nullable) for c in tables[t].columns} for t in ("experiments", "runs")}
assert shape["experiments"] == {"id": ("int", False), "name": ("str", False)}, f"experiments: {shape['experiments']}"
assert shape["runs"] == {"id": ("int", False), "experiment_id": ("int", False), "score": ("float", True)}, (
    f"runs (score may be NULL, experiment_id may not): {shape['runs']}"
)
### BEGIN HIDDEN TESTS
assert MlBase.metadata.tables["experiments"].c.name.type.length == 60, "name is String(60)"
assert MlBase.metadata.tables["experiments"].c.name.unique, "experiment names are unique"
(fk,) = MlBase.metadata.tables["runs"].c.experiment_id.foreign_keys
assert fk.target_fullname == "experiments.id", f"experiment_id points at experiments.id, not {fk.target_fullname}"
with Session(ml_engine()) as session:
    session.add_all([Experiment(name="x"), Experiment(name="x")])
    try:
        session.flush()
    except IntegrityError:
        pass
    else:
        raise AssertionError("two experiments with one name were accepted: name must be unique")
### END HIDDEN TESTS

# %% course={"kind": "test", "points": 1}
exp, run = Experiment(name="lr-sweep"), Run(score=0.91)
exp.runs.append(run)
assert run.experiment is exp, "appending to experiment.runs must set run.experiment (back_populates)"
### BEGIN HIDDEN TESTS
other = Run(score=None)
other.experiment = exp
assert exp.runs == [run, other], "setting run.experiment must append it to experiment.runs"
label = Label(name="baseline")
run.labels.append(label)
assert label.runs == [run], "appending to run.labels must add the run to label.runs"
with Session(ml_engine()) as session:
    session.add(exp)
    session.commit()
    assert session.execute(select(run_labels.c.run_id, run_labels.c.label_id)).all() == [(run.id, label.id)]
    assert session.scalars(select(Run.score).order_by(Run.id)).all() == [0.91, None], "a run without a score"
### END HIDDEN TESTS

# %% course={"kind": "test", "points": 2}
engine = ml_engine()
with Session(engine) as session:
    exp = Experiment(name="lr-sweep", runs=[Run(score=0.5), Run(score=0.7), Run(score=0.9)])
    session.add(exp)
    session.commit()
    exp.runs.remove(exp.runs[0])
    session.commit()
    left = session.scalars(select(Run.score).order_by(Run.score)).all()
assert left == [0.7, 0.9], f"a run removed from experiment.runs must be deleted, got scores {left}"
### BEGIN HIDDEN TESTS
with Session(engine) as session:
    session.add(Experiment(name="kept", runs=[Run(score=0.1)]))
    session.delete(session.scalars(select(Experiment).where(Experiment.name == "lr-sweep")).one())
    session.commit()
    assert session.scalars(select(Run.score)).all() == [0.1], "deleting an experiment deletes its runs, only its runs"
### END HIDDEN TESTS

# %% course={"kind": "wrong", "id": "no-back-populates", "fails": ["t2"]}
class MlBase(DeclarativeBase):
    pass


run_labels = Table(
    "run_labels",
    MlBase.metadata,
    Column("run_id", ForeignKey("runs.id", ondelete="CASCADE"), primary_key=True),
    Column("label_id", ForeignKey("labels.id", ondelete="CASCADE"), primary_key=True),
)


class Label(MlBase):
    __tablename__ = "labels"
    id: Mapped[int] = mapped_column(primary_key=True)
    name: Mapped[str] = mapped_column(String(30), unique=True)
    runs: Mapped[list["Run"]] = relationship(secondary=run_labels, back_populates="labels")


class Experiment(MlBase):
    __tablename__ = "experiments"
    id: Mapped[int] = mapped_column(primary_key=True)
    name: Mapped[str] = mapped_column(String(60), unique=True)
    runs: Mapped[list["Run"]] = relationship(cascade="all, delete-orphan")  # two unrelated ends


class Run(MlBase):
    __tablename__ = "runs"
    id: Mapped[int] = mapped_column(primary_key=True)
    experiment_id: Mapped[int] = mapped_column(ForeignKey("experiments.id"))
    score: Mapped[float | None]
    experiment: Mapped[Experiment] = relationship(viewonly=True)
    labels: Mapped[list[Label]] = relationship(secondary=run_labels, back_populates="runs")


# %% course={"kind": "wrong", "id": "default-cascade", "fails": ["t3"]}
class MlBase(DeclarativeBase):
    pass


run_labels = Table(
    "run_labels",
    MlBase.metadata,
    Column("run_id", ForeignKey("runs.id", ondelete="CASCADE"), primary_key=True),
    Column("label_id", ForeignKey("labels.id", ondelete="CASCADE"), primary_key=True),
)


class Label(MlBase):
    __tablename__ = "labels"
    id: Mapped[int] = mapped_column(primary_key=True)
    name: Mapped[str] = mapped_column(String(30), unique=True)
    runs: Mapped[list["Run"]] = relationship(secondary=run_labels, back_populates="labels")


class Experiment(MlBase):
    __tablename__ = "experiments"
    id: Mapped[int] = mapped_column(primary_key=True)
    name: Mapped[str] = mapped_column(String(60), unique=True)
    runs: Mapped[list["Run"]] = relationship(back_populates="experiment")  # removing a run tries experiment_id = NULL


class Run(MlBase):
    __tablename__ = "runs"
    id: Mapped[int] = mapped_column(primary_key=True)
    experiment_id: Mapped[int] = mapped_column(ForeignKey("experiments.id"))
    score: Mapped[float | None]
    experiment: Mapped[Experiment] = relationship(back_populates="runs")
    labels: Mapped[list[Label]] = relationship(secondary=run_labels, back_populates="runs")


# %% course={"kind": "wrong", "id": "score-required", "fails": ["t1", "t2"]}
class MlBase(DeclarativeBase):
    pass


run_labels = Table(
    "run_labels",
    MlBase.metadata,
    Column("run_id", ForeignKey("runs.id", ondelete="CASCADE"), primary_key=True),
    Column("label_id", ForeignKey("labels.id", ondelete="CASCADE"), primary_key=True),
)


class Label(MlBase):
    __tablename__ = "labels"
    id: Mapped[int] = mapped_column(primary_key=True)
    name: Mapped[str] = mapped_column(String(30), unique=True)
    runs: Mapped[list["Run"]] = relationship(secondary=run_labels, back_populates="labels")


class Experiment(MlBase):
    __tablename__ = "experiments"
    id: Mapped[int] = mapped_column(primary_key=True)
    name: Mapped[str] = mapped_column(String(60))  # not unique
    runs: Mapped[list["Run"]] = relationship(back_populates="experiment", cascade="all, delete-orphan")


class Run(MlBase):
    __tablename__ = "runs"
    id: Mapped[int] = mapped_column(primary_key=True)
    experiment_id: Mapped[int] = mapped_column(ForeignKey("experiments.id"))
    score: Mapped[float]  # a run still going cannot be saved
    experiment: Mapped[Experiment] = relationship(back_populates="runs")
    labels: Mapped[list[Label]] = relationship(secondary=run_labels, back_populates="runs")


# %% [markdown] course={"kind": "exercise", "id": "register-service", "item": "x-perform-crud-operations", "timeout": 60}
# ### Create, update, delete: without committing
#
# With the setup's `Team` and `Service` models, write two functions that work inside the caller's transaction (the
# caller commits or rolls back: **never commit** here):
#
# - `register_service(session, team_name, name, port=None)`: make sure the service `name` exists, belongs to the team
#   `team_name` (created when there is no team of that name) and has `port`; a service of that name that exists
#   already is updated (moved, new port), not duplicated. Return the `Service`, its `id` already set.
# - `retire_service(session, name)`: delete the service of that name; return `True`, or `False` if there was none.
#
# ```python
# >>> svc = register_service(session, "ops", "grafana", 3000); (svc.id, svc.team.name, svc.port)
# (6, 'ops', 3000)
# ```

# %% [markdown] course={"kind": "hint"}
# Look things up by name with `session.scalar(select(Team).where(Team.name == team_name))` (`None` when absent).
# `session.add(...)` only remembers; what sets the `id` without committing?

# %% [markdown] course={"kind": "hint"}
# `session.flush()` sends the INSERT inside the open transaction and fills in `svc.id`; `session.delete(svc)` marks a
# row for deletion. Leave `commit()` to the caller.

# %% course={"kind": "solution"}
def register_service(session: Session, team_name: str, name: str, port: int | None = None) -> Service:
    ### BEGIN SOLUTION
    team = session.scalar(select(Team).where(Team.name == team_name))
    if team is None:
        team = Team(name=team_name)  # added with the service below (cascade "save-update")
    service = session.scalar(select(Service).where(Service.name == name))
    if service is None:
        service = Service(name=name)
        session.add(service)
    service.team = team
    service.port = port
    session.flush()
    return service
    ### END SOLUTION


def retire_service(session: Session, name: str) -> bool:
    ### BEGIN SOLUTION
    service = session.scalar(select(Service).where(Service.name == name))
    if service is None:
        return False
    session.delete(service)  # sent at the next flush: the caller's next query or commit
    return True
    ### END SOLUTION


# %% course={"kind": "test", "points": 1}
with Session(seeded(sqlite_engine())) as session:
    svc = register_service(session, "ops", "grafana", 3000)
    assert type(svc) is Service and type(svc.id) is int, f"a Service with its id set (flush), got id {getattr(svc, 'id', None)!r}"
    assert (svc.name, svc.team.name, svc.port) == ("grafana", "ops", 3000), f"got {(svc.name, svc.team.name, svc.port)}"
    assert session.scalar(select(func.count()).select_from(Team).where(Team.name == "ops")) == 1, "one new team ops"

# %% course={"kind": "test", "points": 2}
with Session(seeded(sqlite_engine())) as session:
    svc = register_service(session, "core", "grafana", 3000)
    again = register_service(session, "data", "grafana", 3001)
    teams = session.scalars(select(Team.name).order_by(Team.name)).all()
    rows = session.execute(select(Service.name, Team.name, Service.port).join(Service.team).where(Service.name == "grafana")).all()
assert teams == ["core", "data", "idle"], f"existing teams are reused, not created again: {teams}"
assert again is svc and rows == [("grafana", "data", 3001)], f"an existing service is updated (moved, new port): {rows}"
### BEGIN HIDDEN TESTS
with Session(seeded(sqlite_engine())) as session:
    api = register_service(session, "core", "api")
    assert api.id == 1 and api.port is None, "port=None is stored as no port"
    zero = register_service(session, "Core", "zero", 0)
    assert zero.port == 0 and zero.team.name == "Core", "0 is a port; team names compare exactly (case)"
    names = session.scalars(select(Team.name).order_by(Team.name)).all()
    assert names == ["Core", "core", "data", "idle"], names
    assert register_service(session, "zoë", "grafana").team.name == "zoë", "unicode"
### END HIDDEN TESTS

# %% course={"kind": "test", "points": 1}
engine = seeded(sqlite_engine())
with Session(engine) as session:
    register_service(session, "ops", "grafana", 3000)
    register_service(session, "data", "api", 81)
    gone = retire_service(session, "etl")
    session.rollback()  # the caller changes its mind
    after = session.execute(select(Service.name, Service.port).order_by(Service.name)).all()
assert gone is True, "retire_service returns True when it deleted the service"
assert after == [("api", 80), ("auth", 8443), ("etl", None), ("feature-store", 6379), ("train", None)], (
    f"after the caller's rollback nothing may have changed (do not commit inside): {after}"
)

# %% course={"kind": "test", "points": 1}
with Session(seeded(sqlite_engine())) as session:
    results = retire_service(session, "etl"), retire_service(session, "etl"), retire_service(session, "nope")
    left = session.scalars(select(Service.name).order_by(Service.name)).all()
    teams = session.scalars(select(Team.name).order_by(Team.name)).all()
assert results == (True, False, False), f"True once, then False: {results}"
assert left == ["api", "auth", "feature-store", "train"] and teams == ["core", "data", "idle"], f"{left} {teams}"

# %% course={"kind": "wrong", "id": "commits", "fails": ["t3"]}
def register_service(session: Session, team_name: str, name: str, port: int | None = None) -> Service:
    team = session.scalar(select(Team).where(Team.name == team_name)) or Team(name=team_name)
    service = session.scalar(select(Service).where(Service.name == name)) or Service(name=name)
    service.team, service.port = team, port
    session.add(service)
    session.commit()  # ids are set... and the caller can no longer roll back
    return service


def retire_service(session: Session, name: str) -> bool:
    service = session.scalar(select(Service).where(Service.name == name))
    if service is None:
        return False
    session.delete(service)
    session.commit()
    return True


# %% course={"kind": "wrong", "id": "always-new-team", "fails": ["t2", "t3"]}
def register_service(session: Session, team_name: str, name: str, port: int | None = None) -> Service:
    service = session.scalar(select(Service).where(Service.name == name)) or Service(name=name)
    service.team, service.port = Team(name=team_name), port
    session.add(service)
    session.flush()
    return service


def retire_service(session: Session, name: str) -> bool:
    service = session.scalar(select(Service).where(Service.name == name))
    if service is None:
        return False
    session.delete(service)
    session.flush()
    return True


# %% course={"kind": "wrong", "id": "no-flush", "fails": ["t1"]}
def register_service(session: Session, team_name: str, name: str, port: int | None = None) -> Service:
    team = session.scalar(select(Team).where(Team.name == team_name)) or Team(name=team_name)
    service = session.scalar(select(Service).where(Service.name == name)) or Service(name=name)
    service.team, service.port = team, port
    session.add(service)  # pending: no INSERT yet, so no id
    return service


def retire_service(session: Session, name: str) -> bool:
    service = session.scalar(select(Service).where(Service.name == name))
    if service is None:
        return False
    session.delete(service)
    return True


# %% course={"kind": "wrong", "id": "core-delete-always-true", "fails": ["t4"]}
from sqlalchemy import delete


def register_service(session: Session, team_name: str, name: str, port: int | None = None) -> Service:
    team = session.scalar(select(Team).where(Team.name == team_name)) or Team(name=team_name)
    service = session.scalar(select(Service).where(Service.name == name)) or Service(name=name)
    service.team, service.port = team, port
    session.add(service)
    session.flush()
    return service


def retire_service(session: Session, name: str) -> bool:
    session.execute(delete(Service).where(Service.name == name))
    return True


# %% [markdown] course={"kind": "exercise", "id": "team-summary", "item": "x-write-complex-queries", "timeout": 60}
# ### A report in one query: join, aggregate, order
#
# Write `team_summary(session)`: one row per team, **including teams without services**, as a `list` of plain
# `tuple`s `(team name, number of services, highest port or None)`, the teams with most services first, teams with
# the same number by name, in the order the database's `ORDER BY name` gives (here: by code point, so `'Zeta'` comes
# before `'core'`). One `select()`, sent once; no Python loops over services.
#
# ```python
# >>> team_summary(session)          # the seeded data of the setup cell
# [('data', 3, 6379), ('core', 2, 8443), ('idle', 0, None)]
# ```

# %% [markdown] course={"kind": "hint"}
# `select(Team.name, func.count(...), func.max(Service.port)).outerjoin(Team.services).group_by(Team.id, Team.name)`.
# Which column should `count` count so that a team without services gets 0?

# %% [markdown] course={"kind": "hint"}
# `func.count(Service.id)` skips the NULL of an unmatched outer join; order with
# `.order_by(func.count(Service.id).desc(), Team.name)`. `session.execute(stmt)` yields `Row`s: `tuple(row)` each.

# %% course={"kind": "solution"}
def team_summary(session: Session) -> list[tuple[str, int, int | None]]:
    ### BEGIN SOLUTION
    services = func.count(Service.id)
    stmt = (
        select(Team.name, services, func.max(Service.port))
        .outerjoin(Team.services)
        .group_by(Team.id, Team.name)
        .order_by(services.desc(), Team.name)
    )
    return [tuple(row) for row in session.execute(stmt)]
    ### END SOLUTION


# %% course={"kind": "test", "points": 1}
engine = seeded(sqlite_engine())
with Session(engine) as session, counted_statements(engine) as sent:
    got = team_summary(session)
assert exactly(got, [("data", 3, 6379), ("core", 2, 8443), ("idle", 0, None)]), (
    f"expected [('data', 3, 6379), ('core', 2, 8443), ('idle', 0, None)] as a list of plain tuples, got {got!r}"
)
assert len(sent) == 1, f"one query, sent once: {len(sent)} statements were sent"


# %% course={"kind": "test", "points": 2}
def more_teams(engine: Engine) -> Engine:
    with Session(engine) as session, session.begin():
        session.add_all([
            Team(name="ops", services=[Service(name="grafana", port=3000), Service(name="loki", port=0)]),
            Team(name="Zeta", services=[Service(name="z1"), Service(name="z2")]),
            Team(name="empty"),
        ])  # fmt: skip
    return engine


with Session(more_teams(seeded(sqlite_engine()))) as session:
    got = team_summary(session)
expected = [("data", 3, 6379), ("Zeta", 2, None), ("core", 2, 8443), ("ops", 2, 3000), ("empty", 0, None), ("idle", 0, None)]
assert exactly(got, expected), f"ties by name, A to Z (upper case sorts first): expected {expected}, got {got}"
### BEGIN HIDDEN TESTS
with fresh_database() as url:
    pg = more_teams(seeded(create_engine(sqlalchemy_url(url))))
    with Session(pg) as session:
        got = team_summary(session)
        rank = {name: i for i, name in enumerate(session.scalars(select(Team.name).order_by(Team.name)))}
    pg.dispose()
pg_expected = sorted(expected, key=lambda row: (-row[1], rank[row[0]]))  # this server's collation (C: as SQLite)
assert exactly(got, pg_expected), f"on PostgreSQL too: expected {pg_expected}, got {got}"
with Session(sqlite_engine()) as session:
    Base.metadata.create_all(session.get_bind())
    assert exactly(team_summary(session), []), "no teams: an empty list"
### END HIDDEN TESTS

# %% course={"kind": "wrong", "id": "inner-join", "fails": ["t1", "t2"]}
def team_summary(session: Session) -> list[tuple[str, int, int | None]]:
    services = func.count(Service.id)
    stmt = select(Team.name, services, func.max(Service.port)).join(Team.services).group_by(Team.id, Team.name)
    return [tuple(row) for row in session.execute(stmt.order_by(services.desc(), Team.name))]


# %% course={"kind": "wrong", "id": "count-star", "fails": ["t1", "t2"]}
def team_summary(session: Session) -> list[tuple[str, int, int | None]]:
    stmt = (
        select(Team.name, func.count(), func.max(Service.port))
        .outerjoin(Team.services)
        .group_by(Team.id, Team.name)
        .order_by(func.count().desc(), Team.name)
    )
    return [tuple(row) for row in session.execute(stmt)]


# %% course={"kind": "wrong", "id": "no-tie-break", "fails": ["t2"]}
def team_summary(session: Session) -> list[tuple[str, int, int | None]]:
    services = func.count(Service.id)
    stmt = select(Team.name, services, func.max(Service.port)).outerjoin(Team.services).group_by(Team.id, Team.name)
    return [tuple(row) for row in session.execute(stmt.order_by(services.desc()))]


# %% course={"kind": "wrong", "id": "rows-not-tuples", "fails": ["t1", "t2"]}
def team_summary(session: Session) -> list[tuple[str, int, int | None]]:
    services = func.count(Service.id)
    stmt = select(Team.name, services, func.max(Service.port)).outerjoin(Team.services).group_by(Team.id, Team.name)
    return session.execute(stmt.order_by(services.desc(), Team.name)).all()


# %% course={"kind": "wrong", "id": "python-loop", "fails": ["t1"]}
def team_summary(session: Session) -> list[tuple[str, int, int | None]]:
    rows = []
    for team in session.scalars(select(Team)):  # one more query per team
        ports = [s.port for s in team.services if s.port is not None]
        rows.append((team.name, len(team.services), max(ports) if ports else None))
    return sorted(rows, key=lambda row: (-row[1], row[0]))


# %% [markdown] course={"kind": "exercise", "id": "roster-no-n-plus-one", "timeout": 60}
# ### A roster without N+1 queries
#
# A status page lists every team with its services and their tags. Write `roster(session)`: a `dict` mapping each
# team name to a `list` of `(service name, sorted list of tag names)` tuples, services in name order; a team
# without services maps to `[]`. It must send **at most 3 SQL statements** however many teams, services and tags
# there are (a test counts them with an event listener).
#
# ```python
# >>> roster(session)["core"]
# [('api', ['prod']), ('auth', ['prod'])]
# ```

# %% [markdown] course={"kind": "hint"}
# Touching `team.services` and then `service.tags` in a loop loads them lazily: one SELECT per team and per service.
# Tell the query up front what you will touch.

# %% [markdown] course={"kind": "hint"}
# `select(Team).options(selectinload(Team.services).selectinload(Service.tags))`: one SELECT for the teams, one for
# all their services, one for all those services' tags.

# %% course={"kind": "solution"}
def roster(session: Session) -> dict[str, list[tuple[str, list[str]]]]:
    ### BEGIN SOLUTION
    stmt = select(Team).options(selectinload(Team.services).selectinload(Service.tags))
    return {
        team.name: sorted((service.name, sorted(tag.name for tag in service.tags)) for service in team.services)
        for team in session.scalars(stmt)
    }
    ### END SOLUTION


# %% course={"kind": "test", "points": 1}
engine = seeded(sqlite_engine())
with Session(engine) as session:
    got = roster(session)
expected = {
    "core": [("api", ["prod"]), ("auth", ["prod"])],
    "data": [("etl", ["batch"]), ("feature-store", []), ("train", ["batch", "prod"])],
    "idle": [],
}
assert got == expected, f"expected {expected}, got {got}"


# %% course={"kind": "test", "points": 2}
def big_fleet(engine: Engine, teams: int, services: int) -> Engine:
    """`teams` more teams of `services` services each, every service tagged with two of five tags."""
    Base.metadata.create_all(engine)
    with Session(engine) as session, session.begin():
        tags = [Tag(name=f"tag-{k}") for k in reversed(range(5))]  # ids and names in opposite orders
        session.add_all(tags)
        for t in range(teams):
            session.add(Team(name=f"team-{t:03}", services=[
                Service(name=f"svc-{t:03}-{s}", tags=[tags[(t + s) % 5], tags[(t + s + 2) % 5]]) for s in range(services)
            ]))  # fmt: skip
    return engine


engine = big_fleet(sqlite_engine(), 25, 3)
with Session(engine) as session, counted_statements(engine) as sent:
    got = roster(session)
assert len(got) == 25 and len(sent) <= 3, (
    f"25 teams of 3 services: {len(sent)} SQL statements were sent, at most 3 allowed (lazy loads in a loop?)"
)
assert got["team-007"] == [("svc-007-0", ["tag-0", "tag-2"]), ("svc-007-1", ["tag-1", "tag-4"]), ("svc-007-2", ["tag-0", "tag-3"])], got["team-007"]
### BEGIN HIDDEN TESTS
with fresh_database() as url:
    pg = big_fleet(create_engine(sqlalchemy_url(url)), 12, 4)
    with Session(pg) as session, counted_statements(pg) as sent:
        got = roster(session)
    pg.dispose()
assert len(got) == 12 and len(sent) <= 3, f"on PostgreSQL, 12 teams: {len(sent)} statements"
assert got["team-011"][3] == ("svc-011-3", ["tag-0", "tag-3"]) and type(got["team-011"][3]) is tuple, got["team-011"][3]
### END HIDDEN TESTS

# %% course={"kind": "wrong", "id": "lazy", "fails": ["t2"]}
def roster(session: Session) -> dict[str, list[tuple[str, list[str]]]]:
    return {
        team.name: sorted((service.name, sorted(tag.name for tag in service.tags)) for service in team.services)
        for team in session.scalars(select(Team))
    }


# %% course={"kind": "wrong", "id": "services-only", "fails": ["t2"]}
def roster(session: Session) -> dict[str, list[tuple[str, list[str]]]]:
    stmt = select(Team).options(selectinload(Team.services))  # tags still load one service at a time
    return {
        team.name: sorted((service.name, sorted(tag.name for tag in service.tags)) for service in team.services)
        for team in session.scalars(stmt)
    }


# %% course={"kind": "wrong", "id": "unsorted-tags", "fails": ["t1", "t2"]}
def roster(session: Session) -> dict[str, list[tuple[str, list[str]]]]:
    stmt = select(Team).options(selectinload(Team.services).selectinload(Service.tags))
    return {
        team.name: sorted((service.name, [tag.name for tag in service.tags]) for service in team.services)
        for team in session.scalars(stmt)
    }


# %% [markdown] course={"kind": "exercise", "id": "import-with-savepoints", "timeout": 60}
# ### Import what you can: one savepoint per row (PostgreSQL)
#
# A nightly job imports services from a CSV. Write `import_services(session, rows)`: `rows` is a list of
# `(team name, service name, port or None)`. Add each row as a `Service` of that team, each in its **own savepoint**
# (a test counts the `SAVEPOINT` statements),
# so that a row that fails (its team does not exist, or the service name is taken: the database's unique constraint
# says so with an `IntegrityError`) is skipped while every other row is kept. Return the names of the skipped rows in
# input order. Do not commit: the caller commits the whole import.
#
# ```python
# >>> import_services(session, [("core", "cache", 6379), ("core", "api", 81), ("nope", "x", None)])
# ['api', 'x']                 # "api" exists already, team "nope" does not; "cache" is added
# ```

# %% [markdown] course={"kind": "hint"}
# On PostgreSQL a failed statement aborts the whole transaction: catching the error is not enough, you must roll back
# to a point before it. `with session.begin_nested():` is that point.

# %% [markdown] course={"kind": "hint"}
# Put the `try` around the `with session.begin_nested():` block: the block sees the exception and rolls back to its
# savepoint, and the loop goes on. Inside it, `session.add(...)`; leaving the block flushes (that is where the INSERT
# fails).

# %% course={"kind": "solution"}
def import_services(session: Session, rows: list[tuple[str, str, int | None]]) -> list[str]:
    ### BEGIN SOLUTION
    skipped = []
    for team_name, name, port in rows:
        team = session.scalar(select(Team).where(Team.name == team_name))
        if team is None:
            skipped.append(name)
            continue
        try:
            with session.begin_nested():
                session.add(Service(name=name, port=port, team=team))
        except IntegrityError:
            skipped.append(name)
    return skipped
    ### END SOLUTION


# %% course={"kind": "test", "points": 1}
savepoints: list[int] = []  # SAVEPOINT statements each import sent


def services_after(rows: list, commit: bool = True) -> tuple[list[str], list[tuple]]:
    with fresh_database() as url:
        pg = seeded(create_engine(sqlalchemy_url(url)))
        try:
            with Session(pg) as session:
                with counted_statements(pg) as sent:
                    skipped = import_services(session, rows)
                savepoints.append(sum(statement.startswith("SAVEPOINT") for statement in sent))
                if commit:
                    session.commit()
                else:
                    session.rollback()
            with Session(pg) as session:
                stmt = select(Team.name, Service.name, Service.port).join(Service.team).order_by(Service.name)
                return skipped, [tuple(row) for row in session.execute(stmt)]
        finally:
            pg.dispose()


def by_name(rows: list[tuple]) -> list[tuple]:
    return sorted(rows, key=lambda row: row[1])


SEEDED = [("core", "api", 80), ("core", "auth", 8443), ("data", "etl", None), ("data", "feature-store", 6379), ("data", "train", None)]
skipped, table = services_after([("core", "cache", 6379), ("idle", "cron", None)])
assert skipped == [] and table == by_name([*SEEDED, ("core", "cache", 6379), ("idle", "cron", None)]), f"{skipped} {table}"

# %% course={"kind": "test", "points": 2}
skipped, table = services_after([("core", "cache", 6379), ("core", "api", 81), ("data", "queue", 5672)])
assert skipped == ["api"], f"'api' exists already: skipped {skipped}"
assert savepoints[-1] >= 3, f"each of the 3 rows in its own savepoint: {savepoints[-1]} SAVEPOINT statements were sent"
assert table == by_name([*SEEDED, ("core", "cache", 6379), ("data", "queue", 5672)]), (
    f"rows before and after the failing one are kept, the seeded 'api' unchanged: {table}"
)
### BEGIN HIDDEN TESTS
rows = [("nope", "x", None), ("data", "zoë", 0), ("data", "zoë", 1), ("Core", "y", 2), ("core", "etl", 3), ("idle", "", None)]
skipped, table = services_after(rows)
assert skipped == ["x", "zoë", "y", "etl"], f"unknown teams (case counts) and names taken in this same import: {skipped}"
assert table == by_name([*SEEDED, ("data", "zoë", 0), ("idle", "", None)]), table
skipped, table = services_after([("core", "cache", 1), ("core", "api", 2)], commit=False)
assert skipped == ["api"] and table == SEEDED, "nothing is committed inside: the caller's rollback undoes the import"
assert services_after([]) == ([], SEEDED), "nothing to import"
### END HIDDEN TESTS

# %% course={"kind": "wrong", "id": "catch-only", "fails": ["t2"]}
def import_services(session: Session, rows: list[tuple[str, str, int | None]]) -> list[str]:
    skipped = []
    for team_name, name, port in rows:
        team = session.scalar(select(Team).where(Team.name == team_name))
        if team is None:
            skipped.append(name)
            continue
        session.add(Service(name=name, port=port, team=team))
        try:
            session.flush()
        except IntegrityError:  # the transaction is now aborted (and the session needs a rollback)
            skipped.append(name)
    return skipped


# %% course={"kind": "wrong", "id": "checks-first", "fails": ["t2"]}
def import_services(session: Session, rows: list[tuple[str, str, int | None]]) -> list[str]:
    skipped = []
    for team_name, name, port in rows:
        team = session.scalar(select(Team).where(Team.name == team_name))
        # looks first, no savepoint: another job inserting the same name in between aborts the whole import
        if team is None or session.scalar(select(Service).where(Service.name == name)) is not None:
            skipped.append(name)
            continue
        session.add(Service(name=name, port=port, team=team))
    return skipped


# %% course={"kind": "wrong", "id": "rollback-everything", "fails": ["t2"]}
def import_services(session: Session, rows: list[tuple[str, str, int | None]]) -> list[str]:
    skipped = []
    for team_name, name, port in rows:
        team = session.scalar(select(Team).where(Team.name == team_name))
        if team is None:
            skipped.append(name)
            continue
        session.add(Service(name=name, port=port, team=team))
        try:
            session.flush()
        except IntegrityError:
            session.rollback()  # throws away every row added before this one
            skipped.append(name)
    return skipped


# %% course={"kind": "wrong", "id": "one-savepoint-for-all", "fails": ["t2"]}
def import_services(session: Session, rows: list[tuple[str, str, int | None]]) -> list[str]:
    skipped = []
    try:
        with session.begin_nested():  # one savepoint: the first bad row undoes the whole batch, and stops it
            for team_name, name, port in rows:
                team = session.scalar(select(Team).where(Team.name == team_name))
                if team is None:
                    skipped.append(name)
                    continue
                session.add(Service(name=name, port=port, team=team))
                session.flush()
    except IntegrityError:
        skipped.append(name)
    return skipped


# %% [markdown] course={"kind": "exercise", "id": "optimistic-retry", "timeout": 60}
# ### Optimistic locking: retry on a conflict (PostgreSQL)
#
# The setup's `Setting` model has a version column (`version_id_col`): an update based on a stale read raises
# `StaleDataError` at commit. Write `update_setting(Sessions, key, change, attempts=3)`: in a **new session** from the
# `sessionmaker` `Sessions`, read the setting `key`, set its value to `change(old value)`, commit, and return the new
# value. When the commit raises `StaleDataError` (someone else saved in between), start again with fresh data: at
# most `attempts` tries in all (each calls `change` once), then let the last `StaleDataError` propagate. An
`attempts` below 1 is a `ValueError` (nothing is read or written).
#
# ```python
# >>> update_setting(Sessions, "replicas", lambda old: str(int(old) + 1))     # was "3"
# '4'
# ```

# %% [markdown] course={"kind": "hint"}
# A `for attempt in range(attempts):` loop around `with Sessions() as session:`; `return` after a successful commit,
# `except StaleDataError:` to go round again. What happens after the last attempt?

# %% [markdown] course={"kind": "hint"}
# Re-raise on the last attempt: `if attempt == attempts - 1: raise`. Each try uses a new session, so the value it
# reads is the one the other writer committed.

# %% course={"kind": "solution"}
def update_setting(Sessions: sessionmaker, key: str, change, attempts: int = 3) -> str:  # noqa: ANN001, N803
    ### BEGIN SOLUTION
    for attempt in range(attempts):
        with Sessions() as session:
            setting = session.get(Setting, key)
            setting.value = change(setting.value)
            try:
                session.commit()
            except StaleDataError:
                if attempt == attempts - 1:
                    raise
                continue
            return setting.value
    raise ValueError("attempts must be at least 1")
    ### END SOLUTION


# %% course={"kind": "test", "points": 1}
@contextlib.contextmanager
def settings_db() -> Iterator[sessionmaker]:
    with fresh_database(lock_timeout="2s") as url:  # a writer kept waiting for a lock fails in 2 s, never hangs
        pg = create_engine(sqlalchemy_url(url))
        try:
            Base.metadata.create_all(pg)
            with Session(pg) as session, session.begin():
                session.add_all([Setting(key="replicas", value="3"), Setting(key="image", value="api:1")])
            yield sessionmaker(pg)
        finally:
            pg.dispose()


def stored(Sessions: sessionmaker) -> list[tuple]:  # noqa: N803
    with Sessions() as session:
        return [tuple(row) for row in session.execute(select(Setting.key, Setting.value, Setting.version).order_by(Setting.key))]


with settings_db() as Sessions:
    got = update_setting(Sessions, "replicas", lambda old: str(int(old) + 1))
    table = stored(Sessions)
assert got == "4" and table == [("image", "api:1", 1), ("replicas", "4", 2)], f"returned {got!r}, table {table}"


# %% course={"kind": "test", "points": 2}
from sqlalchemy.exc import OperationalError


class Interfering:
    """A `change` that, on its first `conflicts` calls, lets another writer save the same setting first."""

    def __init__(self, Sessions: sessionmaker, conflicts: int) -> None:  # noqa: N803
        self.Sessions, self.conflicts, self.seen = Sessions, conflicts, []

    def __call__(self, old: str) -> str:
        self.seen.append(old)
        if len(self.seen) > 10:
            raise AssertionError("change was called more than 10 times: the retries never stop")
        if len(self.seen) <= self.conflicts:
            try:
                with self.Sessions() as other, other.begin():
                    other.get(Setting, "replicas").value = f"other-{len(self.seen)}"
            except OperationalError as error:  # lock_timeout: the update waited for a row lock the answer holds
                raise AssertionError(
                    "another writer had to wait for a lock your session holds: optimistic locking reads without "
                    "locking the row (no with_for_update) and writes nothing before change() returns"
                ) from error
        return old + "+1"


with settings_db() as Sessions:
    change = Interfering(Sessions, conflicts=1)
    got = update_setting(Sessions, "replicas", change)
    table = stored(Sessions)
assert change.seen == ["3", "other-1"], f"a conflict: read again and apply the change to the new value; change saw {change.seen}"
assert got == "other-1+1" and table[1] == ("replicas", "other-1+1", 3), f"returned {got!r}, stored {table[1]}"
### BEGIN HIDDEN TESTS
with settings_db() as Sessions:
    change = Interfering(Sessions, conflicts=2)
    assert update_setting(Sessions, "replicas", change) == "other-2+1" and len(change.seen) == 3, "the third try of 3 wins"
    change = Interfering(Sessions, conflicts=1)
    assert update_setting(Sessions, "image", lambda old: "") == "" and stored(Sessions)[0] == ("image", "", 2), "'' is a value"
### END HIDDEN TESTS

# %% course={"kind": "test", "points": 2}
with settings_db() as Sessions:
    change = Interfering(Sessions, conflicts=99)
    try:
        update_setting(Sessions, "replicas", change)
    except StaleDataError:
        pass
    else:
        raise AssertionError("after `attempts` conflicts the StaleDataError must propagate")
    table = stored(Sessions)
assert len(change.seen) == 3, f"attempts=3: change must be called exactly 3 times, was called {len(change.seen)} times"
assert table[1] == ("replicas", "other-3", 4), f"the other writer's value stays: {table[1]}"
### BEGIN HIDDEN TESTS
with settings_db() as Sessions:
    change = Interfering(Sessions, conflicts=99)
    try:
        update_setting(Sessions, "replicas", change, attempts=1)
    except StaleDataError:
        pass
    else:
        raise AssertionError("attempts=1: the first conflict propagates")
    assert len(change.seen) == 1, change.seen
with settings_db() as Sessions:
    change = Interfering(Sessions, conflicts=4)
    got = update_setting(Sessions, "replicas", change, attempts=5)
    assert got == "other-4+1" and len(change.seen) == 5, f"attempts=5, 4 conflicts: {got!r} after {change.seen}"
    try:
        update_setting(Sessions, "replicas", change, attempts=0)
    except ValueError:
        pass
    else:
        raise AssertionError("attempts=0 is a ValueError")
    assert len(change.seen) == 5 and stored(Sessions)[1][1] == "other-4+1", "attempts=0 reads and writes nothing"
### END HIDDEN TESTS

# %% course={"kind": "wrong", "id": "no-retry", "fails": ["t2", "t3"]}
def update_setting(Sessions: sessionmaker, key: str, change, attempts: int = 3) -> str:  # noqa: ANN001, N803
    with Sessions() as session:
        setting = session.get(Setting, key)
        setting.value = change(setting.value)
        session.commit()
        return setting.value


# %% course={"kind": "wrong", "id": "retries-forever", "fails": ["t3"]}
def update_setting(Sessions: sessionmaker, key: str, change, attempts: int = 3) -> str:  # noqa: ANN001, N803
    while True:
        with Sessions() as session:
            setting = session.get(Setting, key)
            setting.value = change(setting.value)
            try:
                session.commit()
            except StaleDataError:
                continue
            return setting.value


# %% course={"kind": "wrong", "id": "locks-the-row", "fails": ["t2", "t3"]}
def update_setting(Sessions: sessionmaker, key: str, change, attempts: int = 3) -> str:  # noqa: ANN001, N803
    if attempts < 1:
        raise ValueError("attempts must be at least 1")
    with Sessions() as session:
        setting = session.get(Setting, key, with_for_update=True)  # SELECT ... FOR UPDATE: pessimistic, not optimistic
        setting.value = change(setting.value)
        session.commit()
        return setting.value


# %% course={"kind": "wrong", "id": "swallows-last", "fails": ["t3"]}
def update_setting(Sessions: sessionmaker, key: str, change, attempts: int = 3) -> str:  # noqa: ANN001, N803
    value = None
    for _ in range(attempts):
        with Sessions() as session:
            setting = session.get(Setting, key)
            setting.value = value = change(setting.value)
            try:
                session.commit()
                return value
            except StaleDataError:
                pass
    return value  # gives up silently


# %% [markdown] course={"kind": "exercise", "id": "async-team-services", "item": "x-use-async-sqlalchemy", "timeout": 60}
# ### Async queries with AsyncSession (PostgreSQL)
#
# Write two coroutines for an asyncio service, with the setup's models:
#
# - `services_of(session, team_name)`: the names of the team's services, sorted; `[]` for a team without services
#   or an unknown team. `session` is an `AsyncSession`.
# - `move_service(Sessions, name, team_name)`: in a new session from the `async_sessionmaker` `Sessions`, in one
#   transaction, move the service `name` to the team `team_name`; return `True`, or `False` (changing nothing) if
#   the service or the team does not exist.
#
# ```python
# >>> await services_of(session, "data")
# ['etl', 'feature-store', 'train']
# ```

# %% [markdown] course={"kind": "hint"}
# Every query is awaited: `await session.scalar(stmt)`, `await session.scalars(stmt)`. A relationship you did not
# load cannot load by itself in async code (`MissingGreenlet`): load it in the query, or query the services directly.

# %% [markdown] course={"kind": "hint"}
# `select(Service.name).join(Service.team).where(Team.name == team_name).order_by(Service.name)` needs no
# relationship at all. For the move: `async with Sessions.begin() as session:` commits at the end of the block.

# %% course={"kind": "solution"}
from sqlalchemy.ext.asyncio import AsyncSession, async_sessionmaker, create_async_engine

from course.runtime.aio import run


async def services_of(session: AsyncSession, team_name: str) -> list[str]:
    ### BEGIN SOLUTION
    stmt = select(Service.name).join(Service.team).where(Team.name == team_name).order_by(Service.name)
    return list(await session.scalars(stmt))
    ### END SOLUTION


async def move_service(Sessions: async_sessionmaker, name: str, team_name: str) -> bool:  # noqa: N803
    ### BEGIN SOLUTION
    async with Sessions.begin() as session:
        service = await session.scalar(select(Service).where(Service.name == name))
        team = await session.scalar(select(Team).where(Team.name == team_name))
        if service is None or team is None:
            return False
        service.team_id = team.id
        return True
    ### END SOLUTION


# %% course={"kind": "test", "points": 1}
async def with_async_db(check) -> object:  # noqa: ANN001
    """Seed a fresh PostgreSQL schema, then `await check(Sessions)` with an async_sessionmaker on it."""
    with fresh_database(lock_timeout="2s") as url:  # two sessions of one answer waiting on each other fail, not hang
        seeded(create_engine(sqlalchemy_url(url))).dispose()
        aengine = create_async_engine(sqlalchemy_url(url, asynchronous=True))
        try:
            return await check(async_sessionmaker(aengine, expire_on_commit=False))
        finally:
            await aengine.dispose()


async def read_teams(Sessions: async_sessionmaker) -> tuple:  # noqa: N803
    async with Sessions() as session:
        return tuple([await services_of(session, team) for team in ("data", "core", "idle", "nope")])


got = run(with_async_db(read_teams))
assert got == (["etl", "feature-store", "train"], ["api", "auth"], [], []), f"data, core, idle, nope: {got}"

# %% course={"kind": "test", "points": 1}
async def names_after_moves(Sessions: async_sessionmaker) -> tuple:  # noqa: N803
    results = (await move_service(Sessions, "etl", "idle"), await move_service(Sessions, "api", "data"))
    async with Sessions() as session:
        stmt = select(Team.name, Service.name).join(Service.team).order_by(Team.name, Service.name)
        return results, [tuple(row) for row in await session.execute(stmt)]


results, rows = run(with_async_db(names_after_moves))
assert results == (True, True), f"both moves happen: {results}"
assert rows == [("core", "auth"), ("data", "api"), ("data", "feature-store"), ("data", "train"), ("idle", "etl")], (
    f"the moves must be committed: {rows}"
)

# %% course={"kind": "test", "points": 1}
async def failed_moves(Sessions: async_sessionmaker) -> tuple:  # noqa: N803
    results = (
        await move_service(Sessions, "nope", "core"),
        await move_service(Sessions, "etl", "nope"),
        await move_service(Sessions, "etl", "Core"),
    )
    async with Sessions() as session:
        return results, [await services_of(session, team) for team in ("core", "data")]


results, teams = run(with_async_db(failed_moves))
assert results == (False, False, False), f"unknown service, unknown team, team names compare exactly: {results}"
assert teams == [["api", "auth"], ["etl", "feature-store", "train"]], f"a failed move changes nothing: {teams}"

# %% course={"kind": "wrong", "id": "lazy-relationship", "fails": ["t1", "t3"]}
from sqlalchemy.ext.asyncio import AsyncSession, async_sessionmaker, create_async_engine

from course.runtime.aio import run


async def services_of(session: AsyncSession, team_name: str) -> list[str]:
    team = await session.scalar(select(Team).where(Team.name == team_name))
    if team is None:
        return []
    return sorted(service.name for service in team.services)  # a lazy load: MissingGreenlet


async def move_service(Sessions: async_sessionmaker, name: str, team_name: str) -> bool:  # noqa: N803
    async with Sessions.begin() as session:
        service = await session.scalar(select(Service).where(Service.name == name))
        team = await session.scalar(select(Team).where(Team.name == team_name))
        if service is None or team is None:
            return False
        service.team_id = team.id
        return True


# %% course={"kind": "wrong", "id": "no-commit", "fails": ["t2"]}
from sqlalchemy.ext.asyncio import AsyncSession, async_sessionmaker, create_async_engine

from course.runtime.aio import run


async def services_of(session: AsyncSession, team_name: str) -> list[str]:
    stmt = select(Service.name).join(Service.team).where(Team.name == team_name).order_by(Service.name)
    return list(await session.scalars(stmt))


async def move_service(Sessions: async_sessionmaker, name: str, team_name: str) -> bool:  # noqa: N803
    async with Sessions() as session:  # no begin(), no commit: closing the session rolls back
        service = await session.scalar(select(Service).where(Service.name == name))
        team = await session.scalar(select(Team).where(Team.name == team_name))
        if service is None or team is None:
            return False
        service.team_id = team.id
        return True


# %% course={"kind": "wrong", "id": "creates-team", "fails": ["t3"]}
from sqlalchemy.ext.asyncio import AsyncSession, async_sessionmaker, create_async_engine

from course.runtime.aio import run


async def services_of(session: AsyncSession, team_name: str) -> list[str]:
    stmt = select(Service.name).join(Service.team).where(Team.name == team_name).order_by(Service.name)
    return list(await session.scalars(stmt))


async def move_service(Sessions: async_sessionmaker, name: str, team_name: str) -> bool:  # noqa: N803
    async with Sessions.begin() as session:
        service = await session.scalar(select(Service).where(Service.name == name))
        if service is None:
            return False
        service.team = await session.scalar(select(Team).where(Team.name == team_name)) or Team(name=team_name)
        return True


# %% [markdown] course={"kind": "exercise", "id": "owner-migration", "item": "x-create-and-run-migrations", "timeout": 60}
# ### A migration that adds a required column, and its rollback (PostgreSQL)
#
# The table `hosts (id integer PRIMARY KEY, name varchar(50) NOT NULL)` already has rows. Write the two halves of an
# Alembic migration as functions that take the `op` object (`alembic.operations.Operations`; in a script file it is
# the module-level `from alembic import op`):
#
# - `upgrade(op)`: add a column `env` (`sa.String(10)`) that is **NOT NULL**, with the value `'prod'` for every row
#   already there, while **new rows must give a value** (no default left behind); and an index `ix_hosts_env` on it.
# - `downgrade(op)`: undo it exactly: the table is as it was.
#
# ```python
# >>> upgrade(op)   # hosts: (1, 'web-1') -> (1, 'web-1', 'prod'); INSERT without env now fails
# ```

# %% [markdown] course={"kind": "hint"}
# A NOT NULL column cannot be added to a table with rows unless every row gets a value at once. Either add it
# nullable, `op.execute("UPDATE hosts SET env = 'prod'")`, then `op.alter_column(..., nullable=False)`; or add it with
# `server_default="prod"` and remove the default afterwards.

# %% [markdown] course={"kind": "hint"}
# `op.add_column("hosts", sa.Column("env", sa.String(10), nullable=True))`, the UPDATE, `op.alter_column("hosts",
# "env", nullable=False)`, `op.create_index("ix_hosts_env", "hosts", ["env"])`. Down: `op.drop_index`, then
# `op.drop_column`.

# %% course={"kind": "solution", "equivalent": {"m-d1f21f37": "PostgreSQL drops an index together with its only column, so leaving out the explicit drop_index ends in the same table"}}
import sqlalchemy as sa
from alembic.migration import MigrationContext
from alembic.operations import Operations


def upgrade(op: Operations) -> None:
    ### BEGIN SOLUTION
    op.add_column("hosts", sa.Column("env", sa.String(10), nullable=True))
    op.execute("UPDATE hosts SET env = 'prod'")
    op.alter_column("hosts", "env", nullable=False)
    op.create_index("ix_hosts_env", "hosts", ["env"])
    ### END SOLUTION


def downgrade(op: Operations) -> None:
    ### BEGIN SOLUTION
    op.drop_index("ix_hosts_env", table_name="hosts")
    op.drop_column("hosts", "env")
    ### END SOLUTION


# %% course={"kind": "test", "points": 2}
HOSTS = "CREATE TABLE hosts (id integer PRIMARY KEY, name varchar(50) NOT NULL); INSERT INTO hosts VALUES (1, 'web-1'), (2, 'db-1');"
SHAPE = (
    "SELECT column_name, data_type, character_maximum_length, is_nullable, column_default FROM information_schema.columns"
    " WHERE table_schema = current_schema() AND table_name = 'hosts' ORDER BY ordinal_position"
)
INDEXES = "SELECT indexname FROM pg_indexes WHERE schemaname = current_schema() AND tablename = 'hosts' ORDER BY indexname"


def migrated(steps, script: str = HOSTS):  # noqa: ANN001, ANN201
    # Run `steps` (upgrade/downgrade functions) one after the other on a fresh schema made by `script`; after each,
    # note the table's columns, its index names and its rows.
    seen = []
    with fresh_database(script) as url:
        pg = create_engine(sqlalchemy_url(url))
        try:
            for step in steps:
                with pg.begin() as conn:
                    step(Operations(MigrationContext.configure(conn)))
                with pg.connect() as conn:
                    seen.append((
                        [tuple(row) for row in conn.execute(text(SHAPE))],
                        conn.execute(text(INDEXES)).scalars().all(),
                        [tuple(row) for row in conn.execute(text("SELECT * FROM hosts ORDER BY id"))],
                    ))  # fmt: skip
        finally:
            pg.dispose()
    return seen


BEFORE = [("id", "integer", None, "NO", None), ("name", "character varying", 50, "NO", None)]
((columns, indexes, rows),) = migrated([upgrade])
assert columns == [*BEFORE, ("env", "character varying", 10, "NO", None)], (
    f"env varchar(10), NOT NULL, no default left: {columns[2:]}"
)
assert rows == [(1, "web-1", "prod"), (2, "db-1", "prod")], f"existing rows get 'prod': {rows}"
assert indexes == ["hosts_pkey", "ix_hosts_env"], f"an index ix_hosts_env: {indexes}"
### BEGIN HIDDEN TESTS
(state,) = migrated([upgrade], "CREATE TABLE hosts (id integer PRIMARY KEY, name varchar(50) NOT NULL);")
assert state == ([*BEFORE, ("env", "character varying", 10, "NO", None)], ["hosts_pkey", "ix_hosts_env"], []), state
### END HIDDEN TESTS


# %% course={"kind": "test", "points": 1}
def insert_without_env(op: Operations) -> None:
    op.execute("INSERT INTO hosts (id, name) VALUES (3, 'new')")


try:
    migrated([upgrade, insert_without_env])
except IntegrityError as error:
    assert "INSERT INTO hosts" in str(error.statement), f"the upgrade itself failed: {str(error).splitlines()[0]}"
else:
    raise AssertionError("after the upgrade, a new row without env must be refused (NOT NULL, no default)")


# %% course={"kind": "test", "points": 2}
(_, (columns, indexes, rows), (again, _, _)) = migrated([upgrade, downgrade, upgrade])
assert columns == BEFORE and indexes == ["hosts_pkey"], f"downgrade restores the table exactly: {columns} {indexes}"
assert rows == [(1, "web-1"), (2, "db-1")], f"the rows stay: {rows}"
assert again == [*BEFORE, ("env", "character varying", 10, "NO", None)], "and the upgrade can run again after it"

# %% course={"kind": "wrong", "id": "not-null-at-once", "fails": ["t1", "t2", "t3"]}
import sqlalchemy as sa
from alembic.migration import MigrationContext
from alembic.operations import Operations


def upgrade(op: Operations) -> None:
    op.add_column("hosts", sa.Column("env", sa.String(10), nullable=False))  # the existing rows would hold NULL
    op.create_index("ix_hosts_env", "hosts", ["env"])


def downgrade(op: Operations) -> None:
    op.drop_index("ix_hosts_env", table_name="hosts")
    op.drop_column("hosts", "env")


# %% course={"kind": "wrong", "id": "default-left-behind", "fails": ["t1", "t2", "t3"]}
import sqlalchemy as sa
from alembic.migration import MigrationContext
from alembic.operations import Operations


def upgrade(op: Operations) -> None:
    op.add_column("hosts", sa.Column("env", sa.String(10), nullable=False, server_default="prod"))
    op.create_index("ix_hosts_env", "hosts", ["env"])


def downgrade(op: Operations) -> None:
    op.drop_index("ix_hosts_env", table_name="hosts")
    op.drop_column("hosts", "env")


# %% course={"kind": "wrong", "id": "still-nullable", "fails": ["t1", "t2", "t3"]}
import sqlalchemy as sa
from alembic.migration import MigrationContext
from alembic.operations import Operations


def upgrade(op: Operations) -> None:
    op.add_column("hosts", sa.Column("env", sa.String(10), nullable=True))
    op.execute("UPDATE hosts SET env = 'prod'")
    op.create_index("ix_hosts_env", "hosts", ["env"])


def downgrade(op: Operations) -> None:
    op.drop_index("ix_hosts_env", table_name="hosts")
    op.drop_column("hosts", "env")


# %% course={"kind": "wrong", "id": "downgrade-forgotten", "fails": ["t3"]}
import sqlalchemy as sa
from alembic.migration import MigrationContext
from alembic.operations import Operations


def upgrade(op: Operations) -> None:
    op.add_column("hosts", sa.Column("env", sa.String(10), nullable=True))
    op.execute("UPDATE hosts SET env = 'prod'")
    op.alter_column("hosts", "env", nullable=False)
    op.create_index("ix_hosts_env", "hosts", ["env"])


def downgrade(op: Operations) -> None:
    pass  # "we never roll back"


# %% [markdown] course={"kind": "exercise", "id": "service-repository", "item": "project-13-3-1", "timeout": 60}
# ### Project core: a repository and a unit of work
#
# The repository pattern hides the ORM behind a small interface the rest of the code (and its tests) depend on; the
# *unit of work* owns the transaction. Write, for the setup's models:
#
# - `ServiceRepository(session)` with `get(name)` (the `Service` or `None`), `add(service)` (adds it, flushes so its
#   `id` is set, returns it), `for_team(team_name)` (that team's services as a `list`, by name) and `remove(name)`
#   (`True` if a service was deleted, else `False`). The repository **never commits**.
# - `unit_of_work(Sessions)`, a context manager: a new session from the `sessionmaker` `Sessions`, a repository on it
#   for the `with` block; at the end of the block commit, or, if the block raised, roll back and let the exception
#   propagate; the session is closed either way.
#
# ```python
# >>> with unit_of_work(Sessions) as repo:
# ...     repo.add(Service(name="cache", team_id=1)).id
# 6
# ```

# %% [markdown] course={"kind": "hint"}
# `@contextlib.contextmanager` and a `try` around the `yield`: `except BaseException: session.rollback(); raise`,
# then `session.commit()` in the `else` branch, and `session.close()` in `finally`.

# %% [markdown] course={"kind": "hint"}
# `for_team`: `select(Service).join(Service.team).where(Team.name == team_name).order_by(Service.name)`, then
# `list(self.session.scalars(stmt))`. `remove` needs `session.delete(obj)`; leave the flush to the next query.

# %% course={"kind": "solution", "equivalent": {"m-26ecc415": "the close() in finally rolls back the open transaction too; the explicit rollback says it"}}
class ServiceRepository:
    def __init__(self, session: Session) -> None:
        self.session = session

    def get(self, name: str) -> Service | None:
        ### BEGIN SOLUTION
        return self.session.scalar(select(Service).where(Service.name == name))
        ### END SOLUTION

    def add(self, service: Service) -> Service:
        ### BEGIN SOLUTION
        self.session.add(service)
        self.session.flush()
        return service
        ### END SOLUTION

    def for_team(self, team_name: str) -> list[Service]:
        ### BEGIN SOLUTION
        stmt = select(Service).join(Service.team).where(Team.name == team_name).order_by(Service.name)
        return list(self.session.scalars(stmt))
        ### END SOLUTION

    def remove(self, name: str) -> bool:
        ### BEGIN SOLUTION
        service = self.get(name)
        if service is None:
            return False
        self.session.delete(service)
        return True
        ### END SOLUTION


@contextlib.contextmanager
def unit_of_work(Sessions: sessionmaker) -> Iterator[ServiceRepository]:  # noqa: N803
    ### BEGIN SOLUTION
    session = Sessions()
    try:
        yield ServiceRepository(session)
    except BaseException:
        session.rollback()
        raise
    else:
        session.commit()
    finally:
        session.close()
    ### END SOLUTION


# %% course={"kind": "test", "points": 1}
with Session(seeded(sqlite_engine())) as session:
    repo = ServiceRepository(session)
    cache = repo.add(Service(name="cache", team_id=1))
    assert type(cache.id) is int, f"add() flushes, so the id is set: got {cache.id!r}"
    assert repo.get("cache") is cache, "get() finds it (identity map)"
    names = [s.name for s in repo.for_team("core")]
    assert names == ["api", "auth", "cache"], f"for_team('core') by name: {names}"
    assert repo.get("nope") is None and repo.for_team("idle") == [] and repo.for_team("nope") == [], "nothing found"
    data = repo.for_team("data")
    assert type(data) is list, "for_team returns a list"
    assert [s.name for s in data] == ["etl", "feature-store", "train"], f"by name, not as stored: {[s.name for s in data]}"
    assert (repo.remove("api"), repo.remove("api")) == (True, False), "remove: True once, then False"
    assert [s.name for s in repo.for_team("core")] == ["auth", "cache"]
    session.rollback()
    assert [s.name for s in repo.for_team("core")] == ["api", "auth"], "the repository never commits: a rollback undoes all"

# %% course={"kind": "test", "points": 2}
engine = seeded(sqlite_engine())
Sessions = sessionmaker(engine)
with unit_of_work(Sessions) as repo:
    repo.add(Service(name="cache", team_id=1))
    repo.remove("etl")
    api = repo.get("api")
    session = repo.session
with Session(engine) as check:
    names = check.scalars(select(Service.name).order_by(Service.name)).all()
assert names == ["api", "auth", "cache", "feature-store", "train"], f"the block's work is committed: {names}"
assert len(session.identity_map) == 0 and api not in session, "and the session is closed afterwards (its objects let go)"


# %% course={"kind": "test", "points": 2}
class Boom(Exception):
    pass


engine = seeded(sqlite_engine())
try:
    with unit_of_work(sessionmaker(engine)) as repo:
        repo.add(Service(name="cache", team_id=1))
        session = repo.session
        raise Boom("deploy failed")
except Boom:
    pass
else:
    raise AssertionError("an exception in the block must propagate out of unit_of_work")
with Session(engine) as check:
    names = check.scalars(select(Service.name).order_by(Service.name)).all()
assert names == ["api", "auth", "etl", "feature-store", "train"], f"an exception rolls the block's work back: {names}"
assert not session.in_transaction() and len(session.identity_map) == 0, "the session is closed"

# %% course={"kind": "wrong", "id": "commit-in-finally", "fails": ["t3"]}
class ServiceRepository:
    def __init__(self, session: Session) -> None:
        self.session = session

    def get(self, name: str) -> Service | None:
        return self.session.scalar(select(Service).where(Service.name == name))

    def add(self, service: Service) -> Service:
        self.session.add(service)
        self.session.flush()
        return service

    def for_team(self, team_name: str) -> list[Service]:
        stmt = select(Service).join(Service.team).where(Team.name == team_name).order_by(Service.name)
        return list(self.session.scalars(stmt))

    def remove(self, name: str) -> bool:
        service = self.get(name)
        if service is None:
            return False
        self.session.delete(service)
        return True


@contextlib.contextmanager
def unit_of_work(Sessions: sessionmaker) -> Iterator[ServiceRepository]:  # noqa: N803
    session = Sessions()
    try:
        yield ServiceRepository(session)
    finally:
        session.commit()  # commits half-done work when the block failed
        session.close()


# %% course={"kind": "wrong", "id": "swallows-error", "fails": ["t3"]}
class ServiceRepository:
    def __init__(self, session: Session) -> None:
        self.session = session

    def get(self, name: str) -> Service | None:
        return self.session.scalar(select(Service).where(Service.name == name))

    def add(self, service: Service) -> Service:
        self.session.add(service)
        self.session.flush()
        return service

    def for_team(self, team_name: str) -> list[Service]:
        stmt = select(Service).join(Service.team).where(Team.name == team_name).order_by(Service.name)
        return list(self.session.scalars(stmt))

    def remove(self, name: str) -> bool:
        service = self.get(name)
        if service is None:
            return False
        self.session.delete(service)
        return True


@contextlib.contextmanager
def unit_of_work(Sessions: sessionmaker) -> Iterator[ServiceRepository]:  # noqa: N803
    session = Sessions()
    try:
        yield ServiceRepository(session)
        session.commit()
    except Exception:
        session.rollback()  # and the caller never learns the deploy failed
    finally:
        session.close()


# %% course={"kind": "wrong", "id": "unordered", "fails": ["t1"]}
class ServiceRepository:
    def __init__(self, session: Session) -> None:
        self.session = session

    def get(self, name: str) -> Service | None:
        return self.session.scalar(select(Service).where(Service.name == name))

    def add(self, service: Service) -> Service:
        self.session.add(service)
        self.session.flush()
        return service

    def for_team(self, team_name: str) -> list[Service]:
        stmt = select(Service).join(Service.team).where(Team.name == team_name)  # in whatever order rows come
        return list(self.session.scalars(stmt))

    def remove(self, name: str) -> bool:
        service = self.get(name)
        if service is None:
            return False
        self.session.delete(service)
        return True


@contextlib.contextmanager
def unit_of_work(Sessions: sessionmaker) -> Iterator[ServiceRepository]:  # noqa: N803
    session = Sessions()
    try:
        yield ServiceRepository(session)
    except BaseException:
        session.rollback()
        raise
    else:
        session.commit()
    finally:
        session.close()




# %% course={"kind": "wrong", "id": "repository-commits", "fails": ["t1", "t2", "t3"]}
class ServiceRepository:
    def __init__(self, session: Session) -> None:
        self.session = session

    def get(self, name: str) -> Service | None:
        return self.session.scalar(select(Service).where(Service.name == name))

    def add(self, service: Service) -> Service:
        self.session.add(service)
        self.session.commit()  # the caller's transaction is no longer the caller's
        return service

    def for_team(self, team_name: str) -> list[Service]:
        stmt = select(Service).join(Service.team).where(Team.name == team_name).order_by(Service.name)
        return list(self.session.scalars(stmt))

    def remove(self, name: str) -> bool:
        service = self.get(name)
        if service is None:
            return False
        self.session.delete(service)
        self.session.commit()
        return True


@contextlib.contextmanager
def unit_of_work(Sessions: sessionmaker) -> Iterator[ServiceRepository]:  # noqa: N803
    with Sessions() as session, session.begin():
        yield ServiceRepository(session)


# %% [markdown] course={"kind": "task", "id": "repository-project", "points": 3, "item": "project-13-3-1"}
# ### Project 13.3.1: the repository, sync and async
#
# Extend the repository into a small package: a `Repository` protocol (`typing.Protocol`) with the four methods, the
# sync `ServiceRepository` above, an `AsyncServiceRepository` on an `AsyncSession` with the same methods as
# coroutines (eager loading where it returns objects whose relationships callers read), and sync and async units of
# work. Write tests that run the same scenarios against both (one fixture per flavour) on a real PostgreSQL schema
# (`fresh_database`), including a rollback on error and a statement count for `for_team`.

# %% [markdown] course={"kind": "rubric"}
# - 1 point: sync and async repositories expose the same operations; neither commits; the units of work own commit,
#   rollback and close (rollback re-raises).
# - 1 point: the async repository loads what callers use up front (no `MissingGreenlet`), and its session is not shared
#   between concurrent tasks.
# - 1 point: one shared set of tests runs against both implementations on PostgreSQL, covering rollback on error and
#   a bounded statement count.


# %% [markdown] course={"kind": "exercise", "id": "tenant-isolation", "item": "project-13-3-2", "timeout": 60}
# ### Project core: tenant isolation in the session
#
# Many customers (tenants) share one schema; every tenant-owned row carries a `tenant` column (the `Tenanted` mixin
# below). Forgetting `WHERE tenant = ...` in one query leaks another customer's data, so the filter belongs in one
# place. Write `tenant_session(Sessions, tenant)`: a new session from `Sessions` in which
#
# - **every** ORM query sees only `tenant`'s rows of every `Tenanted` model: plain selects, counts, joins, and
#   relationships loaded later (`project.notes`);
# - every new `Tenanted` object gets `tenant` in its `tenant` column when it is flushed.
#
# `Project` is shared by all tenants; `Note` is tenant-owned.
#
# ```python
# >>> with tenant_session(Sessions, "acme") as session:
# ...     session.scalars(select(Note.body).order_by(Note.body)).all()
# ['acme: deploy at 9', 'acme: rotate keys']
# ```

# %% [markdown] course={"kind": "hint"}
# Session events are the one place: `event.listen(session, "do_orm_execute", fn)` sees every ORM statement before it
# runs (`state.statement` may be replaced), and `"before_flush"` sees `session.new`.

# %% [markdown] course={"kind": "hint"}
# In `do_orm_execute`, for selects (`state.is_select`), add
# `with_loader_criteria(Tenanted, lambda cls: cls.tenant == tenant, include_aliases=True)` with
# `state.statement = state.statement.options(...)`: it reaches every `Tenanted` entity of the query and the
# relationships loaded from it later.

# %% course={"kind": "solution"}
from sqlalchemy.orm import with_loader_criteria


class TenantBase(DeclarativeBase):
    pass


class Tenanted:
    tenant: Mapped[str] = mapped_column(String(20), index=True)


class Project(TenantBase):
    __tablename__ = "projects"
    id: Mapped[int] = mapped_column(primary_key=True)
    name: Mapped[str] = mapped_column(String(40))
    notes: Mapped[list["Note"]] = relationship(back_populates="project", order_by="Note.body")


class Note(Tenanted, TenantBase):
    __tablename__ = "notes"
    id: Mapped[int] = mapped_column(primary_key=True)
    project_id: Mapped[int] = mapped_column(ForeignKey("projects.id"))
    body: Mapped[str]
    project: Mapped[Project] = relationship(back_populates="notes")


def tenant_session(Sessions: sessionmaker, tenant: str) -> Session:  # noqa: N803
    session = Sessions()
    ### BEGIN SOLUTION
    def only_tenant(state) -> None:  # noqa: ANN001
        if state.is_select:  # loads of relationships and columns too: the criteria reach them anyway
            criteria = with_loader_criteria(Tenanted, lambda cls: cls.tenant == tenant, include_aliases=True)
            state.statement = state.statement.options(criteria)

    def stamp(session: Session, flush_context, instances) -> None:  # noqa: ANN001
        for obj in session.new:
            if isinstance(obj, Tenanted):
                obj.tenant = tenant

    event.listen(session, "do_orm_execute", only_tenant)
    event.listen(session, "before_flush", stamp)
    ### END SOLUTION
    return session


# %% course={"kind": "test", "points": 1}
def tenant_db() -> sessionmaker:
    engine = sqlite_engine()
    TenantBase.metadata.create_all(engine)
    with Session(engine) as session, session.begin():
        web, ml = Project(name="web"), Project(name="ml")
        session.add_all([
            Note(project=web, tenant="acme", body="acme: rotate keys"), Note(project=ml, tenant="acme", body="acme: deploy at 9"),
            Note(project=web, tenant="globex", body="globex: secret"), Note(project=web, tenant="Acme", body="Acme: other"),
        ])  # fmt: skip
    return sessionmaker(engine)


Sessions = tenant_db()
with tenant_session(Sessions, "acme") as session:
    got = session.scalars(select(Note.body).order_by(Note.body)).all()
assert got == ["acme: deploy at 9", "acme: rotate keys"], f"a plain select sees only acme's notes: {got}"
### BEGIN HIDDEN TESTS
with tenant_session(Sessions, "acme") as session:
    assert session.scalar(select(func.count(Note.id))) == 2, "counts too"
    assert [n.body for n in session.scalars(select(Note).where(Note.body.like("%secret%")))] == [], "and filters"
    assert type(session) is Session or isinstance(session, Session), "a Session"
with tenant_session(Sessions, "nobody") as session:
    assert session.scalars(select(Note)).all() == [], "a tenant without rows sees nothing"
### END HIDDEN TESTS

# %% course={"kind": "test", "points": 2}
Sessions = tenant_db()
with tenant_session(Sessions, "globex") as session:
    web = session.scalars(select(Project).where(Project.name == "web")).one()
    lazy = [note.body for note in web.notes]
    joined = [tuple(row) for row in session.execute(select(Project.name, Note.body).join(Project.notes).order_by(Note.body))]
    projects = session.scalars(select(Project.name).order_by(Project.name)).all()
assert lazy == ["globex: secret"], f"a relationship loaded later is filtered too: {lazy}"
assert joined == [("web", "globex: secret")], f"a join is filtered: {joined}"
assert projects == ["ml", "web"], f"shared (not Tenanted) models are not filtered: {projects}"

# %% course={"kind": "test", "points": 2}
Sessions = tenant_db()
with tenant_session(Sessions, "globex") as session:
    session.add(Note(project_id=2, body="globex: new"))
    session.add(Note(project_id=2, body="globex: forged", tenant="acme"))
    session.commit()
with tenant_session(Sessions, "acme") as session:
    acme = session.scalars(select(Note.body).order_by(Note.body)).all()
with Session(Sessions.kw["bind"]) as session:
    rows = [tuple(row) for row in session.execute(select(Note.tenant, Note.body).where(Note.body.like("globex: %")).order_by(Note.body))]
assert rows == [("globex", "globex: forged"), ("globex", "globex: new"), ("globex", "globex: secret")], (
    f"new notes get the session's tenant, whatever they said: {rows}"
)
assert acme == ["acme: deploy at 9", "acme: rotate keys"], f"acme never sees them: {acme}"

# %% course={"kind": "wrong", "id": "first-entity-only", "fails": ["t2"]}
from sqlalchemy.orm import with_loader_criteria


class TenantBase(DeclarativeBase):
    pass


class Tenanted:
    tenant: Mapped[str] = mapped_column(String(20), index=True)


class Project(TenantBase):
    __tablename__ = "projects"
    id: Mapped[int] = mapped_column(primary_key=True)
    name: Mapped[str] = mapped_column(String(40))
    notes: Mapped[list["Note"]] = relationship(back_populates="project", order_by="Note.body")


class Note(Tenanted, TenantBase):
    __tablename__ = "notes"
    id: Mapped[int] = mapped_column(primary_key=True)
    project_id: Mapped[int] = mapped_column(ForeignKey("projects.id"))
    body: Mapped[str]
    project: Mapped[Project] = relationship(back_populates="notes")


def tenant_session(Sessions: sessionmaker, tenant: str) -> Session:  # noqa: N803
    session = Sessions()

    def only_tenant(state) -> None:  # noqa: ANN001
        first = state.statement.column_descriptions[0]["entity"] if state.is_select else None
        if first is Note:  # "queries for notes": misses joins from projects
            state.statement = state.statement.where(Note.tenant == tenant)

    def stamp(session: Session, flush_context, instances) -> None:  # noqa: ANN001
        for obj in session.new:
            if isinstance(obj, Tenanted):
                obj.tenant = tenant

    event.listen(session, "do_orm_execute", only_tenant)
    event.listen(session, "before_flush", stamp)
    return session


# %% course={"kind": "wrong", "id": "stamp-only-missing", "fails": ["t3"]}
from sqlalchemy.orm import with_loader_criteria


class TenantBase(DeclarativeBase):
    pass


class Tenanted:
    tenant: Mapped[str] = mapped_column(String(20), index=True)


class Project(TenantBase):
    __tablename__ = "projects"
    id: Mapped[int] = mapped_column(primary_key=True)
    name: Mapped[str] = mapped_column(String(40))
    notes: Mapped[list["Note"]] = relationship(back_populates="project", order_by="Note.body")


class Note(Tenanted, TenantBase):
    __tablename__ = "notes"
    id: Mapped[int] = mapped_column(primary_key=True)
    project_id: Mapped[int] = mapped_column(ForeignKey("projects.id"))
    body: Mapped[str]
    project: Mapped[Project] = relationship(back_populates="notes")


def tenant_session(Sessions: sessionmaker, tenant: str) -> Session:  # noqa: N803
    session = Sessions()

    def only_tenant(state) -> None:  # noqa: ANN001
        if state.is_select:  # loads of relationships and columns too: the criteria reach them anyway
            criteria = with_loader_criteria(Tenanted, lambda cls: cls.tenant == tenant, include_aliases=True)
            state.statement = state.statement.options(criteria)

    def stamp(session: Session, flush_context, instances) -> None:  # noqa: ANN001
        for obj in session.new:
            if isinstance(obj, Tenanted) and obj.tenant is None:  # a caller can still write into another tenant
                obj.tenant = tenant

    event.listen(session, "do_orm_execute", only_tenant)
    event.listen(session, "before_flush", stamp)
    return session


# %% [markdown] course={"kind": "task", "id": "multi-tenant-project", "points": 3, "item": "project-13-3-2"}
# ### Project 13.3.2: a multi-tenant application
#
# Build on `tenant_session`: a `tenants` table and a `tenant` foreign key with an index on every tenant-owned table;
# a request-scoped session factory that takes the tenant from the request (e.g. a FastAPI dependency); unique
# constraints that include the tenant (`UNIQUE (tenant, name)`: two customers may both have a project "web");
# Alembic migrations that create the schema and add a tenant-owned table later; and tests that prove isolation on
# PostgreSQL for selects, joins, lazy loads, updates and deletes (`do_orm_execute` also sees ORM `update()` and
# `delete()` statements). Write down why you chose a shared schema with a tenant column over a schema per tenant
# (or the reverse) for your case.

# %% [markdown] course={"kind": "rubric"}
# - 1 point: the schema: tenant keys and indexes on every tenant-owned table, uniqueness scoped by tenant, created
#   and evolved by Alembic migrations that upgrade and downgrade on PostgreSQL.
# - 1 point: isolation lives in one place (session events or PostgreSQL row-level security), covers reads, joins,
#   lazy loads, bulk updates and deletes, and new rows; tests show one tenant never sees or changes another's rows.
# - 1 point: the written trade-off (shared schema vs schema per tenant vs database per tenant: migrations, noisy
#   neighbours, backups, limits on connections) fits the stated case.
