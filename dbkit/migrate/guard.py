"""Guard rails around ``alembic upgrade`` / ``downgrade``, used by ``migrations/env.py``.

Alembic runs each revision in its own transaction and nothing more. A
migration here also:

- takes a PostgreSQL advisory lock for the whole run, so two people (or two
  deploys) migrating the same database at once take turns: the second waits,
  then finds nothing left to do;
- sets ``lock_timeout`` and ``statement_timeout`` on its connection, so a
  revision that needs a lock another session holds gives up quickly instead of
  queueing every other query behind it, and retries that revision a few times
  with backoff;
- checks the environment marker: the first migration of a database records
  ``dev`` or ``prod`` in the table ``dbkit_environment``; running with the
  other ``ENV`` (a stale ``DATABASE_URL`` in the shell, say) stops before any
  write and names both;
- on prod, takes a backup before changing anything, and refuses a downgrade
  unless it is confirmed with ``-x confirm=prod``.

Settings come from ``alembic -x key=value``:

=====================  =========  ==========================================
``lock_timeout``       ``5s``     how long one statement waits for a lock
``statement_timeout``  ``15min``  how long one statement may run
``lock_retries``       ``3``      retries of a revision that timed out on a lock
``backup``             ``auto``   ``auto`` (prod only), ``on`` or ``off``
``confirm``                       ``prod`` allows a downgrade of prod
=====================  =========  ==========================================
"""

from __future__ import annotations

import logging
import re
import time
from collections.abc import Callable, Iterator, Mapping
from contextlib import contextmanager
from dataclasses import dataclass
from typing import TYPE_CHECKING

from dbkit import alembic_compat, errors, revisions
from dbkit.database import Target
from dbkit.errors import DbkitError, LockTimeout
from dbkit.migrate import marker

if TYPE_CHECKING:
    from alembic.runtime.environment import EnvironmentContext
    from sqlalchemy.engine import Connection

log = logging.getLogger(__name__)

# One advisory lock key for "a migration runs on this database" (b"dbkt").
MIGRATION_LOCK_KEY = 0x64626B74
# How long a second migrator waits for the first before giving up, and how often it looks.
MIGRATION_LOCK_WAIT_S = 15 * 60
MIGRATION_LOCK_POLL_S = 0.2
LOCK_NOT_AVAILABLE = "55P03"  # SQLSTATE of lock_timeout
MAX_BACKOFF_S = 30.0

_DURATION = re.compile(r"^(\d+)(ms|s|min)?$")
_UNIT_MS = {"ms": 1, "s": 1_000, "min": 60_000, None: 1}


# -- settings from -x ------------------------------------------------------------------------

@dataclass(frozen=True)
class Options:
    lock_timeout_ms: int = 5_000
    statement_timeout_ms: int = 15 * 60_000
    lock_retries: int = 3
    backup: str = "auto"
    confirm: str = ""

    @classmethod
    def from_x_arguments(cls, x: Mapping[str, str]) -> Options:
        """Read our keys of ``alembic -x key=value``; other keys belong to other tools."""
        defaults = cls()
        backup = x.get("backup", defaults.backup).strip().lower()
        if backup not in ("auto", "on", "off"):
            raise DbkitError(f"-x backup must be auto, on or off, not {backup!r}")
        return cls(
            lock_timeout_ms=duration_ms("lock_timeout", x.get("lock_timeout"),
                                        defaults.lock_timeout_ms),
            statement_timeout_ms=duration_ms("statement_timeout", x.get("statement_timeout"),
                                             defaults.statement_timeout_ms),
            lock_retries=retries(x.get("lock_retries"), defaults.lock_retries),
            backup=backup,
            confirm=x.get("confirm", "").strip(),
        )

    def connect_args(self) -> dict[str, str]:
        """Timeouts as connection options, so the session starts (and ``RESET``s) with them."""
        return {"options": f"-c lock_timeout={self.lock_timeout_ms} "
                           f"-c statement_timeout={self.statement_timeout_ms}"}

    def wants_backup(self, target: Target) -> bool:
        return self.backup == "on" or (self.backup == "auto" and target.env == "prod")


def duration_ms(name: str, text: str | None, default: int) -> int:
    """'200ms', '5s', '2min' or a number of milliseconds; 0 means no limit (as in PostgreSQL)."""
    if text is None:
        return default
    match = _DURATION.match(text.strip())
    if not match:
        raise DbkitError(f"-x {name} must be a duration like 500ms, 5s or 2min, not {text!r}")
    return int(match.group(1)) * _UNIT_MS[match.group(2)]


def retries(text: str | None, default: int) -> int:
    if text is None:
        return default
    if not text.strip().isdigit() or int(text) > 20:
        raise DbkitError(f"-x lock_retries must be a whole number from 0 to 20, not {text!r}")
    return int(text)


# -- one migrator at a time -----------------------------------------------------------------

@contextmanager
def one_migrator_at_a_time(connection: Connection) -> Iterator[None]:
    """Hold the migration lock of this database for the whole run.

    A session-level advisory lock: it survives the commit of each revision's
    transaction (and the autocommit blocks of ``dbkit.online``), and
    PostgreSQL drops it if this process dies. Taken and released in
    transactions of its own, committed, so Alembic starts with a clean
    connection and never rolls back anything of ours.
    """
    import sqlalchemy as sa

    if not _try_migration_lock(connection):
        _wait_for_migration_lock(connection)
    try:
        yield
    finally:
        if not connection.invalidated and not connection.closed:
            if connection.in_transaction():
                connection.rollback()
            connection.execute(sa.text("SELECT pg_advisory_unlock(:key)"),
                               {"key": MIGRATION_LOCK_KEY})
            connection.commit()


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
            raise DbkitError(
                f"another migration has held the migration lock of this database for over "
                f"{MIGRATION_LOCK_WAIT_S // 60} min ({migration_lock_holder(connection)}): "
                "wait for it, or end that session")
        time.sleep(MIGRATION_LOCK_POLL_S)
    log.info("the other migration finished: going on")


def migration_lock_holder(connection: Connection) -> str:
    """'pid 1234, alembic on 127.0.0.1, since 10:15:02 UTC', for messages."""
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


# -- before the first write -----------------------------------------------------------------

def current(context: EnvironmentContext) -> str | None:
    heads = context.get_context().get_current_heads()
    return "+".join(heads) or None


def planned_steps(context: EnvironmentContext) -> list:
    """The revisions this upgrade or downgrade would run, without running them."""
    from alembic.runtime.migration import RevisionStep

    migration = context.get_context()
    if "destination_rev" not in migration.opts:
        return []  # not an upgrade, downgrade or stamp
    steps = alembic_compat.planned_steps(migration)
    return [step for step in steps if isinstance(step, RevisionStep)]


def check_before_writing(context: EnvironmentContext, connection: Connection, target: Target,
                         options: Options) -> None:
    """Right environment; on prod a confirmed downgrade and a backup. Writes nothing."""
    if "destination_rev" not in context.get_context().opts:
        return  # alembic current, check, revision --autogenerate: they only read
    marker.require_environment(connection, target)
    steps = planned_steps(context)
    at = current(context)
    connection.commit()
    if not steps:
        return
    to = "+".join(steps[-1].to_revisions) or "base"
    if target.env == "prod" and not steps[0].is_upgrade and options.confirm != "prod":
        raise DbkitError(
            f"downgrading the {target.describe()} from {revisions.describe(at)} to "
            f"{to} needs -x confirm=prod (a backup is taken first); nothing was changed")
    if options.wants_backup(target):
        from dbkit import backup

        server_major = connection.dialect.server_version_info[0]
        backup.take(target, f"{at or 'base'}-to-{to}", server_major)
    elif target.env == "prod":
        log.warning("-x backup=off: no backup taken before changing the %s", target.describe())


# -- retrying a revision that timed out on a lock -------------------------------------------

def retry_lock_timeouts(run: Callable[[], None], context: EnvironmentContext,
                        connection: Connection, options: Options) -> None:
    """Run the migrations; when a revision times out waiting for a lock, run again.

    Each revision is its own transaction, so a timed-out revision left nothing
    behind and the next try starts at it. A relative target (``+1``, ``-2``)
    is not retried once the database has moved, as it would then go too far.
    """
    import sqlalchemy as sa

    tries = options.lock_retries + 1
    relative = bool(re.search(r"[+-]\d+$", str(context.get_context().opts.get("destination_rev", ""))))
    for attempt in range(1, tries + 1):
        started_at = current(context)
        connection.commit()
        try:
            run()
            return
        except sa.exc.OperationalError as exc:
            if getattr(exc.orig, "pgcode", None) != LOCK_NOT_AVAILABLE:
                raise
            if connection.in_transaction():
                connection.rollback()
            stuck = _stuck_revision(context)
            now_at = current(context)
            connection.commit()
            moved = now_at != started_at
            if attempt == tries or (relative and moved):
                raise LockTimeout(
                    f"{stuck} gave up after {attempt} tries of {options.lock_timeout_ms} ms "
                    f"waiting for a lock another session holds (see pg_locks); the database "
                    f"stays at {revisions.describe(now_at)}: try again later") from None
            pause = min(options.lock_timeout_ms / 1000 * 2 ** (attempt - 1), MAX_BACKOFF_S)
            log.warning("%s could not get a lock within %s ms (try %s of %s): retrying in %.1f s",
                        stuck, options.lock_timeout_ms, attempt, tries, pause)
            time.sleep(pause)


def _stuck_revision(context: EnvironmentContext) -> str:
    steps = planned_steps(context)
    if not steps:
        return "the migration"
    step = steps[0]
    verb = "upgrade to" if step.is_upgrade else "downgrade of"
    return f"the {verb} {revisions.describe(step.revision.revision)}"


def describe_failure(exc: Exception, engine, target: Target) -> str:
    """One line for a revision that failed: why, and where the database stands now."""
    why = errors.reason(exc)
    try:
        with engine.connect() as connection:
            at = revisions.describe(revisions.current(connection))
            where = f"the {target.describe()} stays at {at}"
    except Exception:  # the server went away too: say what we know
        where = f"the {target.describe()} keeps every revision that finished"
    return (f"the migration failed: {why}; {where}: fix the cause and run it again "
            f"(`ENV={target.env} python -m dbkit drift` shows what differs)")

