"""The expected schema: what a revision makes, built by running the migrations in a scratch database.

Alembic cannot tell what a database *should* look like at a revision without
running the migrations. ``scratch_database`` makes a new, empty database on the
same server (dropped afterwards, whatever happens); ``migrate`` runs the
migrations of the chain in use in it up to a revision. The checked database itself is
opened with ``read_only_engine``: it is never written.
"""

from __future__ import annotations

import contextlib
import logging
import os
import re
import secrets
from collections.abc import Iterator
from typing import TYPE_CHECKING

from dbkit import alembic_compat, database, errors, revisions
from dbkit.drift.compare import quiet
from dbkit.errors import DbkitError
from dbkit.pg.admin import quote_ident

if TYPE_CHECKING:
    from alembic.config import Config
    from sqlalchemy.engine import URL, Connection, Engine

log = logging.getLogger(__name__)

SCRATCH_PREFIX = "dbkit_drift_"
SAMPLE_ROWS = 2000  # rows of each table copied into the scratch database to try pending revisions


class RevisionFailed(Exception):
    """A revision of the chain failed in the scratch database.

    ``revision`` failed; ``reached`` is the last revision that ran (the scratch
    database is left there); ``sqlstate`` is PostgreSQL's error code, if any.
    """

    def __init__(self, revision: str, reached: str | None, reason: str, sqlstate: str | None):
        super().__init__(f"revision {revision} failed: {reason}")
        self.revision, self.reached, self.reason, self.sqlstate = revision, reached, reason, sqlstate


def read_only_engine(target: database.Target) -> Engine:
    """An engine whose every transaction is read-only: the checked database is never written."""
    return database.create_engine(
        target, connect_args={"options": "-c default_transaction_read_only=on"})


def alembic_config_for(connection: Connection) -> Config:
    """An Alembic config that runs the chain in use on ``connection``, no guard rails."""
    from alembic.config import Config

    chain = revisions.chain()
    config = Config()  # no ini file: no logging setup, no "Running upgrade" lines
    config.set_main_option("script_location", str(chain.script_location))
    if chain.version_locations:
        config.set_main_option("path_separator", "os")
        config.set_main_option("version_locations",
                               os.pathsep.join(str(p) for p in chain.version_locations))
    config.attributes["connection"] = connection
    config.attributes["dbkit_skip_drift_guard"] = True
    return config


def migrate(connection: Connection, revision: str) -> None:
    """Run the chain's migrations up to ``revision`` in the (scratch) database.

    Also works from inside a running ``alembic upgrade`` (the guard): Alembic keeps
    its current environment in the module-level ``alembic.context`` proxy, which
    a nested command replaces and removes, so the outer one is put back afterwards.

    Each revision runs in its own transaction (env.py's ``transaction_per_migration``):
    when one fails, :class:`RevisionFailed` names it, and the scratch database is left
    at the one before.
    """
    from alembic import command

    revisions.put_models_on_path()  # the chain's env.py imports its own models
    if connection.in_transaction():  # left open by reflection: the online helpers need none
        connection.rollback()
    try:
        with alembic_compat.keep_outer_environment(), quiet():
            command.upgrade(alembic_config_for(connection), revision)
    except Exception as exc:  # a revision's own code failed: SQL, or Python
        raise failure(connection, revision, exc) from exc
    if connection.in_transaction():
        connection.commit()


def failure(connection: Connection, wanted: str, exc: Exception) -> RevisionFailed:
    """Which revision failed on the way to ``wanted``, after rolling back its transaction."""
    if connection.in_transaction():
        connection.rollback()
    with quiet():
        reached = revisions.current(connection)
    if connection.in_transaction():
        connection.rollback()
    path = list(revisions.script_directory().iterate_revisions(wanted, reached))
    failed = path[-1].revision if path else wanted
    sqlstate = getattr(getattr(exc, "orig", None), "pgcode", None)
    return RevisionFailed(failed, reached, errors.reason(exc), sqlstate)


def copy_rows(live: Connection, scratch: Connection, limit: int = SAMPLE_ROWS) -> bool:
    """Copy up to ``limit`` rows of each table of ``live`` into ``scratch`` (same schema),
    parents before children, and move the sequences along; False (nothing copied) if it fails.

    Lets a pending revision be tried on the database's own values (a NOT NULL
    column added to a table with rows fails only there) without writing to it.
    """
    import sqlalchemy as sa

    from dbkit.drift.compare import reflect

    tables = [t for t in reflect(scratch).sorted_tables if t.name != "alembic_version"]
    try:
        for table in tables:
            names = [c.name for c in table.columns]
            rows = live.execute(sa.select(*[sa.column(n) for n in names])
                                .select_from(sa.table(table.name, schema=table.schema))
                                .limit(limit)).mappings().all()
            if rows:
                scratch.execute(table.insert(), [dict(r) for r in rows])
        for schema, name, value in live.execute(sa.text(
                "SELECT schemaname, sequencename, last_value FROM pg_sequences "
                "WHERE last_value IS NOT NULL")):
            scratch.execute(sa.text("SELECT setval(format('%I.%I', :s, :n)::regclass, :v)"),
                            {"s": schema, "n": name, "v": value})
        scratch.commit()
    except sa.exc.DBAPIError:
        scratch.rollback()
        scratch.execute(sa.text("SELECT 1"))  # the connection is usable again
        return False
    finally:
        if live.in_transaction():
            live.rollback()
    return True


# Every scratch database is owned by the session that made it: that session holds the advisory
# lock (LOCK_SPACE, key), and the key is in the database's name. A check that was killed
# leaves the database behind but not the lock, so the next check can tell it is an orphan.
LOCK_SPACE = 0x64726674  # "drft"


def scratch_name(key: int) -> str:
    return f"{SCRATCH_PREFIX}{os.getpid()}_{key:08x}"


def owner_key(name: str) -> int | None:
    """The lock key in a scratch database's name (None for a name we did not make)."""
    match = re.fullmatch(re.escape(SCRATCH_PREFIX) + r"\d+_([0-9a-f]{8})", name)
    return int(match.group(1), 16) if match else None


def remove_orphans(admin: Connection) -> list[str]:
    """Drop the scratch databases whose owner is gone (its lock is free); the names dropped.

    A database whose owner still runs is left alone, and so is one we cannot drop
    (another user's): the next check of its owner removes it.
    """
    import sqlalchemy as sa

    names = admin.execute(sa.text("SELECT datname FROM pg_database WHERE starts_with(datname, :p)"),
                          {"p": SCRATCH_PREFIX}).scalars().all()
    dropped = []
    for name in names:
        key = owner_key(name)
        if key is None:
            continue
        if not admin.execute(sa.text("SELECT pg_try_advisory_lock(:space, :key)"),
                             {"space": LOCK_SPACE, "key": key}).scalar():
            continue  # its owner is still checking
        try:
            admin.exec_driver_sql(f"DROP DATABASE IF EXISTS {quote_ident(name)} WITH (FORCE)")
            dropped.append(name)
            log.info("dropped %s, left behind by a drift check that was killed", name)
        except sa.exc.DBAPIError as exc:
            log.debug("could not drop %s: %s", name, errors.reason(exc))
        finally:
            admin.execute(sa.text("SELECT pg_advisory_unlock(:space, :key)"),
                          {"space": LOCK_SPACE, "key": key})
    return dropped


def admin_url(url: URL) -> URL:
    """Who creates scratch databases on the server of ``url``: the administrative role of a
    ``dbkit up`` server (the application role may not create databases), else ``url``'s own."""
    from dbkit.pg.server import admin_url_for

    for env in database.ENVIRONMENTS:
        try:
            found = admin_url_for(database.Target(env, url, "the drift check"))
        except DbkitError:  # an env file that describes no local server
            continue
        if found != url:
            return found
    return url


@contextlib.contextmanager
def scratch_database(url: URL) -> Iterator[Engine]:
    """A new, empty database on the server of ``url``, dropped afterwards whatever happens.

    Made and owned by one administrative session that holds its lock for as long
    as it lives; scratch databases of killed checks are removed first.
    """
    import sqlalchemy as sa

    made_by = admin_url(url)
    owned_by = f" OWNER {quote_ident(url.username)}" if made_by != url and url.username else ""
    admin = sa.create_engine(made_by.set(database="postgres"), isolation_level="AUTOCOMMIT",
                             poolclass=sa.pool.NullPool,
                             connect_args={"connect_timeout": database.CONNECT_TIMEOUT_S,
                                           "application_name": "dbkit drift"})
    try:
        try:
            owner = admin.connect()
        except sa.exc.DBAPIError as exc:
            raise DbkitError(f"could not reach the server {url.host}:{url.port} to rebuild the "
                             f"expected schema: {errors.reason(exc)}") from None
        with owner:
            remove_orphans(owner)
            key = secrets.randbits(31)
            owner.execute(sa.text("SELECT pg_advisory_lock(:space, :key)"),
                          {"space": LOCK_SPACE, "key": key})
            name = scratch_name(key)
            try:
                owner.exec_driver_sql(
                    f"CREATE DATABASE {quote_ident(name)}{owned_by} TEMPLATE template0")
            except sa.exc.DBAPIError as exc:
                raise DbkitError(
                    f"could not create a scratch database on {url.host}:{url.port} to rebuild "
                    f"the expected schema (the user needs CREATEDB): {errors.reason(exc)}"
                ) from None
            engine = sa.create_engine(url.set(database=name))
            try:
                yield engine
            finally:
                engine.dispose()
                owner.exec_driver_sql(f"DROP DATABASE IF EXISTS {quote_ident(name)} WITH (FORCE)")
    finally:
        admin.dispose()
