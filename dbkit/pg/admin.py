"""Administration of a PostgreSQL server: create and drop databases, scratch databases.

Identifier quoting lives here and nowhere else: :func:`quote_ident`.

Every function takes an open SQLAlchemy connection in AUTOCOMMIT to the
server's ``postgres`` database (:func:`admin_connection` gives one), as a role
that may create databases: the administrative role of ``dbkit up``, or the
superuser of a throwaway test server. The application role (the one in
``DATABASE_URL``) owns its database but cannot create or drop databases.

Scratch databases (drift's expected schema, a check that needs a database
of its own for a while) are named ``dbkit_scratch_<purpose>_<pid>_<random>``
(:data:`SCRATCH_PREFIX`) and their creator holds an advisory lock named after
them for as long as they live. This module is the only place that makes them.
:func:`drop_abandoned_scratch_databases` drops the ones whose creator is
gone (its session no longer holds the lock: it was killed, or its server
connection died), and never one still in use.
"""

from __future__ import annotations

import contextlib
import os
import re
import secrets
from collections.abc import Iterator
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from sqlalchemy.engine import URL, Connection

# Advisory lock class of scratch databases (b"dbks"); the object id is hashtext(name).
SCRATCH_LOCK_CLASS = 0x64626B73
# Every scratch database's name starts so; nothing else of dbkit's does.
SCRATCH_PREFIX = "dbkit_scratch_"
SCRATCH_NAME = re.compile(r"^dbkit_scratch_[a-z]+_\d+_[0-9a-f]{8}$")
# The flag on an Alembic config whose connection is a scratch database: its migrations
# run without the guard rails (dbkit.migrate.run.require_scratch checks the name too).
SCRATCH_FLAG = "dbkit_scratch_database"
# What a database made by dbkit says in its comment (marker.require_disposable reads it).
MADE_BY_DBKIT = "dbkit:"
# ... and what the rehearsal of prod made by `python -m dbkit step` says (its backups are apart).
REHEARSAL_MARK = "dbkit:rehearsal"


def quote_ident(name: str) -> str:
    """``name`` as an SQL identifier: double-quoted, inner quotes doubled."""
    if "\x00" in name:
        raise ValueError("an identifier cannot hold a NUL character")
    return '"' + name.replace('"', '""') + '"'


@contextlib.contextmanager
def admin_connection(url: URL, application: str = "dbkit admin") -> Iterator[Connection]:
    """An AUTOCOMMIT connection to the ``postgres`` database of ``url``'s server."""
    import sqlalchemy as sa

    from dbkit.database import CONNECT_TIMEOUT_S

    engine = sa.create_engine(url.set(database="postgres"), isolation_level="AUTOCOMMIT",
                              poolclass=sa.pool.NullPool,
                              connect_args={"connect_timeout": CONNECT_TIMEOUT_S,
                                            "application_name": application})
    try:
        with engine.connect() as connection:
            yield connection
    finally:
        engine.dispose()


def database_exists(connection: Connection, name: str) -> bool:
    import sqlalchemy as sa

    return connection.execute(sa.text("SELECT 1 FROM pg_database WHERE datname = :n"),
                              {"n": name}).first() is not None


def create_database(connection: Connection, name: str, *, owner: str | None = None,
                    template: str = "template1", comment: str | None = MADE_BY_DBKIT) -> bool:
    """Create ``name`` unless it exists (True if created). Its comment says dbkit made it."""
    if database_exists(connection, name):
        return False
    statement = f"CREATE DATABASE {quote_ident(name)} TEMPLATE {quote_ident(template)}"
    if owner:
        statement += f" OWNER {quote_ident(owner)}"
    connection.exec_driver_sql(statement)
    if comment is not None:
        comment_on_database(connection, name, comment)
    return True


def comment_on_database(connection: Connection, name: str, comment: str) -> None:
    import sqlalchemy as sa

    # psycopg2 puts the value in as a literal (DDL takes no server-side parameters).
    connection.execute(sa.text(f"COMMENT ON DATABASE {quote_ident(name)} IS :comment"),
                       {"comment": comment})


def drop_database(connection: Connection, name: str) -> None:
    """Drop ``name`` if it exists, ending the sessions still connected to it."""
    connection.exec_driver_sql(f"DROP DATABASE IF EXISTS {quote_ident(name)} WITH (FORCE)")


def ensure_owner_role(connection: Connection, role: str, password: str) -> None:
    """The application role: may log in, owns its database, is no superuser.

    Created if missing; its password is set to ``password`` each time, so the
    env file stays the one place that says what it is.
    """
    import sqlalchemy as sa

    exists = connection.execute(sa.text("SELECT 1 FROM pg_roles WHERE rolname = :r"),
                                {"r": role}).first() is not None
    verb = "ALTER" if exists else "CREATE"
    connection.execute(sa.text(
        f"{verb} ROLE {quote_ident(role)} LOGIN NOSUPERUSER NOCREATEDB NOCREATEROLE "
        "NOREPLICATION NOBYPASSRLS PASSWORD :password"), {"password": password})


def give_schema_to_owner(database_url: URL, owner: str) -> None:
    """Make ``owner`` the owner of the ``public`` schema of the database of ``database_url``."""
    import sqlalchemy as sa

    engine = sa.create_engine(database_url, isolation_level="AUTOCOMMIT",
                              poolclass=sa.pool.NullPool)
    try:
        with engine.connect() as connection:
            connection.exec_driver_sql(f"ALTER SCHEMA public OWNER TO {quote_ident(owner)}")
    finally:
        engine.dispose()


# -- scratch databases --------------------------------------------------------------------------

def scratch_name(purpose: str) -> str:
    """``dbkit_<purpose>_<pid>_<8 hex>``: the pid of its creator, for people reading the list."""
    if not re.fullmatch(r"[a-z]+", purpose):
        raise ValueError(f"a scratch database purpose is lower-case letters, not {purpose!r}")
    return f"{SCRATCH_PREFIX}{purpose}_{os.getpid()}_{secrets.token_hex(4)}"


def _lock(connection: Connection, name: str, function: str) -> bool:
    import sqlalchemy as sa

    return bool(connection.execute(
        sa.text(f"SELECT {function}(:cls, hashtext(:name))"),
        {"cls": SCRATCH_LOCK_CLASS, "name": name}).scalar())


@contextlib.contextmanager
def scratch_database(url: URL, purpose: str, template: str = "template0",
                     made_by: URL | None = None) -> Iterator[URL]:
    """A new, empty database on the server of ``url``, dropped afterwards whatever happens.

    ``made_by`` (default ``url``) is a role that may create databases: the
    administrative role of a ``dbkit up`` server, which then makes ``url``'s
    role its owner. Yields its URL with ``url``'s credentials. While it lives,
    this process holds an advisory lock named after it, on the connection that
    made it; if this process dies, the lock goes with its session and the next
    call of this function (or :func:`drop_abandoned_scratch_databases`) drops
    the leftover.
    """
    import sqlalchemy as sa

    from dbkit.errors import DbkitError, reason

    made_by = made_by or url
    owner = url.username if made_by != url and url.username else None
    name = scratch_name(purpose)
    where = f"{url.host}:{url.port or 5432}"
    stack = contextlib.ExitStack()
    try:
        connection = stack.enter_context(admin_connection(made_by, f"dbkit {purpose}"))
    except sa.exc.DBAPIError as exc:
        raise DbkitError(f"could not reach the server {where} to make a scratch database: "
                         f"{reason(exc)}") from None
    with stack:
        drop_abandoned_scratch_databases(connection)
        _lock(connection, name, "pg_advisory_lock")
        try:
            try:
                create_database(connection, name, template=template, owner=owner,
                                comment=f"{MADE_BY_DBKIT} scratch database of pid {os.getpid()}")
            except sa.exc.DBAPIError as exc:
                raise DbkitError(
                    f"could not create a scratch database on {where}: {reason(exc)} "
                    f"({missing_createdb_hint(made_by.username or '')})") from None
            try:
                yield url.set(database=name)
            finally:
                drop_database(connection, name)
        finally:
            if not connection.closed and not connection.invalidated:
                _lock(connection, name, "pg_advisory_unlock")


def drop_abandoned_scratch_databases(connection: Connection) -> list[str]:
    """Drop the scratch databases whose creator is gone; the names dropped.

    Gone means no session holds the scratch database's advisory lock. We take
    the lock ourselves before dropping, so a creator cannot be half-way through.
    """
    import sqlalchemy as sa

    names = [n for n in connection.execute(sa.text(
        "SELECT datname FROM pg_database WHERE starts_with(datname, :prefix) ORDER BY datname"
    ), {"prefix": SCRATCH_PREFIX}).scalars() if SCRATCH_NAME.match(n)]
    dropped = []
    for name in names:
        if not _lock(connection, name, "pg_try_advisory_lock"):
            continue  # its creator is alive
        try:
            drop_database(connection, name)
            dropped.append(name)
        except sa.exc.DBAPIError:
            pass  # another role's (we may not drop it): its own next check removes it
        finally:
            _lock(connection, name, "pg_advisory_unlock")
    return dropped


# -- who may make databases, and swapping one for a new one ------------------------------------

def may_create_databases(connection: Connection) -> bool:
    """Whether the role of ``connection`` may create databases (CREATEDB, or a superuser)."""
    return bool(connection.exec_driver_sql(
        "SELECT rolcreatedb OR rolsuper FROM pg_roles WHERE rolname = current_user").scalar())


def missing_createdb_hint(role: str, env: str = "dev") -> str:
    """How to give ``role`` what it lacks, for a one-line message."""
    return (f"the role {role!r} needs CREATEDB: as a superuser, run "
            f"`ALTER ROLE {quote_ident(role)} CREATEDB;` (with Docker: `docker compose -f "
            f"docker-compose.{env}.yml exec db psql -U postgres -c 'ALTER ROLE {role} "
            "CREATEDB'`)")


def replace_database(connection: Connection, name: str, *, owner: str, comment: str) -> None:
    """``name`` dropped and made again, empty, owned by ``owner``, with ``comment``.

    Create, then swap: the new database is made under a name of its own first,
    so when it cannot be made (no privilege, no space) ``name`` is still there.
    Only then is ``name`` dropped (its sessions ended) and the new one renamed.
    """
    spare = f"dbkit_new_{os.getpid()}_{secrets.token_hex(4)}"
    create_database(connection, spare, owner=owner, comment=comment)
    try:
        drop_database(connection, name)
        connection.exec_driver_sql(
            f"ALTER DATABASE {quote_ident(spare)} RENAME TO {quote_ident(name)}")
    except BaseException:
        drop_database(connection, spare)
        raise
