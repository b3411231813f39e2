"""One migrator at a time: the migration lock of a database.

A PostgreSQL session-level advisory lock, held for the whole run: two people
(or two deploys) migrating the same database at once take turns, the second
waits, then finds nothing left to do. It survives the commit of each
revision's transaction (and the autocommit blocks of ``dbkit.online``), and
PostgreSQL drops it if the migrator dies.
"""

from __future__ import annotations

import logging
import time
from collections.abc import Iterator
from contextlib import contextmanager
from typing import TYPE_CHECKING

from dbkit.errors import LockTimeout

if TYPE_CHECKING:
    from sqlalchemy.engine import Connection

log = logging.getLogger(__name__)

# One advisory lock key for "a migration runs on this database" (b"dbkt").
MIGRATION_LOCK_KEY = 0x64626B74
# How long a second migrator waits for the first before giving up, and how often it looks.
MIGRATION_LOCK_WAIT_S = 15 * 60
MIGRATION_LOCK_POLL_S = 0.2


@contextmanager
def one_migrator_at_a_time(connection: Connection) -> Iterator[None]:
    """Hold the migration lock of this database for the whole run.

    Taken and released in transactions of its own, committed, so Alembic
    starts with a clean connection and never rolls back anything of ours.
    """
    import sqlalchemy as sa

    if not _try_migration_lock(connection):
        _wait_for_migration_lock(connection)
    try:
        yield
    finally:
        if not connection.invalidated and not connection.closed:
            try:
                if connection.in_transaction():
                    connection.rollback()
                connection.execute(sa.text("SELECT pg_advisory_unlock(:key)"),
                                   {"key": MIGRATION_LOCK_KEY})
                connection.commit()
            except sa.exc.SQLAlchemyError:
                pass  # the server went away: it dropped the lock with the session


def _try_migration_lock(connection: Connection) -> bool:
    import sqlalchemy as sa

    got_it = connection.execute(sa.text("SELECT pg_try_advisory_lock(:key)"),
                                {"key": MIGRATION_LOCK_KEY}).scalar()
    connection.commit()
    return bool(got_it)


def _wait_for_migration_lock(connection: Connection) -> None:
    """Poll, never block: a transaction blocked in pg_advisory_lock() would itself block
    the other migration's CREATE INDEX CONCURRENTLY, which waits for every open
    transaction to end (a deadlock)."""
    log.warning("another migration is running on this database (%s): waiting for it to finish",
                migration_lock_holder(connection))
    deadline = time.monotonic() + MIGRATION_LOCK_WAIT_S
    while not _try_migration_lock(connection):
        if time.monotonic() > deadline:
            raise LockTimeout(
                f"another migration has held the migration lock of this database for over "
                f"{MIGRATION_LOCK_WAIT_S // 60} min ({migration_lock_holder(connection)}): "
                "wait for it, or end that session")
        time.sleep(MIGRATION_LOCK_POLL_S)
    log.info("the other migration finished: going on")


def migration_lock_holder(connection: Connection) -> str:
    """'pid 1234, alembic from 127.0.0.1, connected at 10:15:02 UTC', for messages."""
    import sqlalchemy as sa

    row = connection.execute(sa.text(
        "SELECT a.pid, a.application_name, a.client_addr, "
        "       to_char(a.backend_start AT TIME ZONE 'UTC', 'HH24:MI:SS') "
        "FROM pg_locks l JOIN pg_stat_activity a ON a.pid = l.pid "
        "WHERE l.locktype = 'advisory' AND l.granted AND l.classid = 0 AND l.objid = :key "
        "  AND l.database = (SELECT oid FROM pg_database WHERE datname = current_database())"),
        {"key": MIGRATION_LOCK_KEY}).first()
    connection.commit()
    if row is None:
        return "it just finished"
    pid, application, address, since = row
    return f"pid {pid}, {application or 'a client'} from {address or 'a local socket'}, " \
           f"connected at {since} UTC"


def hold_or_refuse(connection: Connection, refused: str) -> None:
    """Take the migration lock for good (until the session ends), or refuse if a migration
    holds it: ``refused`` starts the one line ('step dev-1 refused'), which names the
    migration's session. For tools that drop or replace the database: holding the lock,
    no migration can start under them, and none running is ever cut off."""
    from dbkit.errors import Refused

    if not _try_migration_lock(connection):
        raise Refused(f"{refused}: a migration is running on this database "
                      f"({migration_lock_holder(connection)}): let it finish, then run this "
                      "again; nothing was changed")
