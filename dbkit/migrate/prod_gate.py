"""Before the first write: the right database, and on prod a confirmation and a backup.

- The environment marker of the database reached must match ``ENV``
  (``dbkit.state.marker``), whatever the command.
- On prod, a downgrade or a stamp needs ``-x confirm=prod``: a downgrade
  removes what revisions made, a stamp records as done (or undone) changes
  nobody ran.
- On prod (or with ``-x backup=on``), a ``pg_dump`` backup is taken before
  anything changes, waiting for table locks no longer than ``-x lock_timeout``.
"""

from __future__ import annotations

import logging
from typing import TYPE_CHECKING

from dbkit import backup, revisions
from dbkit.database import Target
from dbkit.errors import BackupLockTimeout, Refused
from dbkit.migrate import plan, retry
from dbkit.migrate.options import Options
from dbkit.state import marker

if TYPE_CHECKING:
    from alembic.runtime.environment import EnvironmentContext
    from sqlalchemy.engine import Connection

log = logging.getLogger(__name__)


def check_before_writing(context: EnvironmentContext, connection: Connection, target: Target,
                         options: Options) -> None:
    """Right environment; on prod a confirmed downgrade or stamp, and a backup. Writes nothing."""
    if not plan.writes(context):
        return  # alembic current, check, revision --autogenerate: they only read
    marker.require_environment(connection, target)
    stamp = plan.is_stamp(context)
    steps = plan.planned_steps(context)
    at = plan.current(context)
    connection.commit()
    if not steps and not stamp:
        return
    to = plan.destination(context)
    if stamp and to == (at or "base"):
        return  # stamping what is already stamped changes nothing
    if target.env == "prod" and options.confirm != "prod":
        if stamp:
            raise Refused(
                f"stamping the {target.describe()} as {to} (it is at {revisions.describe(at)}) "
                f"records changes nobody ran, so it needs confirming: "
                f"`{revisions.alembic_command('prod', '-x confirm=prod stamp ' + to)}` "
                "(a backup is taken first); "
                "nothing was changed")
        if not steps[0].is_upgrade:
            raise Refused(
                f"downgrading the {target.describe()} from {revisions.describe(at)} to "
                f"{to} needs -x confirm=prod (a backup is taken first); nothing was changed")
    if options.wants_backup(target):
        what = f"{at or 'base'}-{'stamp' if stamp else 'to'}-{to}"
        take_backup(connection, target, what, options)
    elif target.env == "prod":
        log.warning("-x backup=off: no backup taken before changing the %s", target.describe())


def take_backup(connection: Connection, target: Target, what: str, options: Options) -> None:
    """A backup through ``dbkit.backup``, waiting for each table lock at most ``-x lock_timeout``.

    When it gave up on a lock, say who holds it: pid, application, state, last
    statement and the locks it holds (``retry.blocking_sessions``).
    """
    server_major = int((connection.dialect.server_version_info or (0,))[0])
    try:
        taken = backup.take(target, what, server_major,
                            lock_wait_timeout_ms=options.lock_timeout_ms)
    except BackupLockTimeout:
        holders = exclusive_holders(connection)
        raise BackupLockTimeout(
            f"backup failed, nothing was changed: pg_dump could not lock the tables within "
            f"{options.lock_timeout_ms} ms (-x lock_timeout): a lock is held by "
            f"{holders or 'another session, which has let go since'}; try again when it is done"
        ) from None
    # Kept whatever the retention says until a run completes (run.guarded unpins it): the
    # retries of an interrupted run each take a backup, and the first is the one before it all.
    first = backup.pin_first(target.env, taken)
    if first != taken:
        log.info("keeping %s, taken before the first attempt, until a run completes", first.name)


def exclusive_holders(connection: Connection) -> str | None:
    """The sessions holding ACCESS EXCLUSIVE locks here (the only mode pg_dump's locks wait for)."""
    import sqlalchemy as sa

    held = connection.execute(sa.text(
        "SELECT EXISTS (SELECT FROM pg_locks WHERE locktype = 'relation' AND granted "
        "AND mode = 'AccessExclusiveLock' AND pid <> pg_backend_pid() AND relation >= 16384 "
        "AND database = (SELECT oid FROM pg_database WHERE datname = current_database()))")
    ).scalar()
    holders = retry.blocking_sessions(connection, None) if held else None
    if connection.in_transaction():
        connection.rollback()
    return holders
