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
from collections.abc import Iterator
from typing import TYPE_CHECKING

from dbkit import alembic_compat, database, errors, revisions
from dbkit.drift.compare import quiet
from dbkit.pg import admin
from dbkit.pg.admin import SCRATCH_FLAG, SCRATCH_PREFIX

__all__ = ["SCRATCH_PREFIX", "RevisionFailed", "copy_rows", "migrate", "read_only_engine",
           "scratch_database"]

if TYPE_CHECKING:
    from alembic.config import Config
    from sqlalchemy.engine import URL, Connection, Engine

log = logging.getLogger(__name__)

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
    config.attributes[SCRATCH_FLAG] = True
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
        with alembic_compat.keep_outer_environment(), quiet(), only_on(connection):
            command.upgrade(alembic_config_for(connection), revision)
    except errors.DbkitError:
        raise
    except Exception as exc:  # a revision's own code failed: SQL, or Python
        raise failure(connection, revision, exc) from exc


@contextlib.contextmanager
def only_on(connection: Connection) -> Iterator[None]:
    """Let the chain's ``env.py`` migrate only on ``connection``, the one handed to it.

    An ``env.py`` that makes its own engine (from ``DATABASE_URL``, say) instead of using
    ``config.attributes["connection"]`` would run the migrations on the checked database,
    maybe prod: its ``context.configure`` is refused before any revision runs.
    """
    from alembic.runtime.environment import EnvironmentContext

    original = EnvironmentContext.configure

    def configure(self: EnvironmentContext, *args: object, **kwargs: object) -> None:
        given = kwargs.get("connection", args[0] if args else None)
        if given is not connection:
            chain = revisions.chain()
            raise errors.ConfigError(
                f"the env.py of {chain.name()} does not migrate on the connection dbkit hands "
                "it (config.attributes[\"connection\"], as Alembic's cookbook shows), so a "
                "scratch copy of the chain cannot be made without reaching your database: "
                "nothing was migrated (see docs/package.md#the-drift-doctor-in-your-project)")
        original(self, *args, **kwargs)  # type: ignore[arg-type]

    EnvironmentContext.configure = configure  # type: ignore[method-assign]
    try:
        yield
    finally:
        EnvironmentContext.configure = original  # type: ignore[method-assign]
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


@contextlib.contextmanager
def scratch_database(url: URL) -> Iterator[Engine]:
    """A new, empty database on the server of ``url``, dropped afterwards whatever happens.

    :func:`dbkit.pg.admin.scratch_database` makes it (as the administrative role
    of a ``dbkit up`` server, which gives it to ``url``'s role; elsewhere as
    ``url``'s role, which then needs CREATEDB); scratch databases of killed
    checks are removed first.
    """
    import sqlalchemy as sa

    from dbkit.pg.server import dbkit_admin_url

    with admin.scratch_database(url, "drift", made_by=dbkit_admin_url(url)) as scratch_url:
        engine = sa.create_engine(scratch_url)
        try:
            yield engine
        finally:
            engine.dispose()
