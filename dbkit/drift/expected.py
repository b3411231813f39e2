"""The expected schema: what a revision makes, built by running the migrations in a scratch database.

Alembic cannot tell what a database *should* look like at a revision without
running the migrations. ``scratch_database`` makes a new, empty database on the
same server (dropped afterwards, whatever happens); ``migrate`` runs the
repository's migrations in it up to a revision. The checked database itself is
opened with ``read_only_engine``: it is never written.
"""

from __future__ import annotations

import contextlib
import secrets
import sys
from collections.abc import Iterator
from typing import TYPE_CHECKING

from dbkit import alembic_compat, database, errors
from dbkit.drift.compare import quiet
from dbkit.errors import DbkitError

if TYPE_CHECKING:
    from alembic.config import Config
    from sqlalchemy.engine import URL, Connection, Engine

SCRATCH_PREFIX = "dbkit_drift_"


def read_only_engine(target: database.Target) -> Engine:
    """An engine whose every transaction is read-only: the checked database is never written."""
    return database.create_engine(
        target, connect_args={"options": "-c default_transaction_read_only=on"})


def alembic_config_for(connection: Connection) -> Config:
    """An Alembic config that runs the repository's migrations on ``connection``, no guard rails."""
    from alembic.config import Config

    config = Config()  # no ini file: no logging setup, no "Running upgrade" lines
    config.set_main_option("script_location", str(database.PROJECT_ROOT / "migrations"))
    config.attributes["connection"] = connection
    config.attributes["dbkit_skip_drift_guard"] = True
    return config


def migrate(connection: Connection, revision: str) -> None:
    """Run the repository's migrations up to ``revision`` in the (scratch) database.

    Also works from inside a running ``alembic upgrade`` (the guard): Alembic keeps
    its current environment in the module-level ``alembic.context`` proxy, which
    a nested command replaces and removes, so the outer one is put back afterwards.
    """
    from alembic import command

    if str(database.PROJECT_ROOT) not in sys.path:
        sys.path.insert(0, str(database.PROJECT_ROOT))
    if connection.in_transaction():  # left open by reflection: the online helpers need none
        connection.rollback()
    with alembic_compat.keep_outer_environment(), quiet():
        command.upgrade(alembic_config_for(connection), revision)
    if connection.in_transaction():
        connection.commit()


@contextlib.contextmanager
def scratch_database(url: URL) -> Iterator[Engine]:
    """A new, empty database on the server of ``url``, dropped afterwards whatever happens."""
    import sqlalchemy as sa

    name = f"{SCRATCH_PREFIX}{secrets.token_hex(6)}"
    admin = sa.create_engine(url.set(database="postgres"), isolation_level="AUTOCOMMIT",
                             connect_args={"connect_timeout": database.CONNECT_TIMEOUT_S,
                                           "application_name": "dbkit drift"})
    try:
        try:
            with admin.connect() as conn:
                conn.exec_driver_sql(f'CREATE DATABASE "{name}" TEMPLATE template0')
        except sa.exc.DBAPIError as exc:
            raise DbkitError(
                f"could not create a scratch database on {url.host}:{url.port} to rebuild the "
                f"expected schema (the user needs CREATEDB): {errors.reason(exc)}"
            ) from None
        engine = sa.create_engine(url.set(database=name))
        try:
            yield engine
        finally:
            engine.dispose()
            with admin.connect() as conn:
                conn.exec_driver_sql(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')
    finally:
        admin.dispose()
