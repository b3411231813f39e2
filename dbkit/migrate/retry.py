"""The one lock-retry policy: for the brief exclusive statements, and for whole revisions.

A statement that needs a lock clients conflict with (``ALTER TABLE``, ``DROP``,
``CREATE INDEX``, ``LOCK``: :func:`needs_brief_lock`) must not wait long for it:
while it waits, every client that touches the table queues behind it. So it waits
at most ``exclusive_lock_timeout`` (``-x exclusive_lock_timeout``, 20 ms by
default), and when that runs out it is tried again, up to ``exclusive_lock_tries``
times (10), pausing twice the timeout, then doubling (at most 2 s)
(:func:`brief_lock`). Inside a revision's transaction each try runs in a
``SAVEPOINT``, so a failed try leaves nothing and the revision's earlier work
stays; in an online step (autocommit) each try stands alone. Both the reference
revisions' plain ``op.*`` statements (through :func:`dbkit.migrate.run`'s hook
around Alembic's execute) and ``dbkit.online``'s brief steps go through it.

Every other statement waits at most ``lock_timeout`` (``-x lock_timeout``, 5 s).
A revision that still times out on a lock, either way, is retried whole
``lock_retries`` times (3 by default), pausing twice as long each time from
``lock_timeout`` (at most 30 s): in its own transaction it left nothing behind.
A revision that already holds a lock other sessions are waiting for does not
hold on with statement retries: it gives up at once and is retried whole (its
rollback lets them go). The run sets the policy (:func:`using`); outside a run
(tests, scratch databases) the defaults apply.

When it gives up, the error names the session that holds the lock: its pid,
application, state, last statement and the locks it holds.
"""

from __future__ import annotations

import logging
import re
import time
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from contextvars import ContextVar
from dataclasses import dataclass
from typing import TYPE_CHECKING, TypeVar

from dbkit import revisions
from dbkit.errors import LockTimeout

if TYPE_CHECKING:
    from alembic.runtime.environment import EnvironmentContext
    from sqlalchemy.engine import Connection

log = logging.getLogger(__name__)

LOCK_NOT_AVAILABLE = "55P03"  # SQLSTATE of lock_timeout
MAX_BACKOFF_S = 30.0
# A brief exclusive statement: its wait is a client's wait too (clients queue behind it),
# so it is kept well under what a client statement may take (30 ms).
EXCLUSIVE_LOCK_TIMEOUT_MS = 20
EXCLUSIVE_LOCK_TRIES = 10
MAX_EXCLUSIVE_PAUSE_S = 2.0
T = TypeVar("T")


@dataclass(frozen=True)
class Policy:
    lock_timeout_ms: int = 5_000
    retries: int = 3
    exclusive_lock_timeout_ms: int = EXCLUSIVE_LOCK_TIMEOUT_MS
    exclusive_lock_tries: int = EXCLUSIVE_LOCK_TRIES

    @property
    def tries(self) -> int:
        return self.retries + 1

    def pause_s(self, attempt: int) -> float:
        """The pause after failed try ``attempt`` (1, 2, ...): the timeout, doubling."""
        return min(self.lock_timeout_ms / 1000 * 2 ** (attempt - 1), MAX_BACKOFF_S)

    @property
    def brief_timeout_ms(self) -> int:
        """A brief exclusive statement's wait: never longer than ``lock_timeout`` either;
        ``lock_timeout=0`` (no limit, asked for in writing) lifts this limit too."""
        return min(self.exclusive_lock_timeout_ms, self.lock_timeout_ms)

    def brief_pause_s(self, attempt: int) -> float:
        """The pause after failed brief try ``attempt``: twice the timeout, doubling, so the
        clients that queued behind the try get through first."""
        return min(self.brief_timeout_ms / 1000 * 2 ** attempt, MAX_EXCLUSIVE_PAUSE_S)


_policy: ContextVar[Policy | None] = ContextVar("dbkit_lock_retry_policy", default=None)


class StepLockTimeout(LockTimeout):
    """An online step gave up on a lock (the revision is left part-done, to be run again)."""


class BriefLockTimeout(LockTimeout):
    """A brief exclusive statement inside a revision's transaction gave up on its lock: the
    revision is rolled back and retried whole (:func:`run_revisions`)."""

    def __init__(self, statement: str, tries: int, timeout_ms: int) -> None:
        super().__init__(f"{one_line(statement, 80)} waited at most {timeout_ms} ms, "
                         f"{'once' if tries == 1 else f'{tries} times'}")


def current() -> Policy:
    """The policy of the run in progress (the defaults outside a run)."""
    return _policy.get() or Policy()


@contextmanager
def using(policy: Policy) -> Iterator[None]:
    """Make ``policy`` the one the revisions and online helpers of this run follow."""
    token = _policy.set(policy)
    try:
        yield
    finally:
        _policy.reset(token)


def is_lock_timeout(exc: BaseException) -> bool:
    return getattr(getattr(exc, "orig", None), "pgcode", None) == LOCK_NOT_AVAILABLE


# -- one brief exclusive statement -------------------------------------------------------------

_BRIEF = re.compile(r"^\s*(ALTER|DROP|LOCK|TRUNCATE|CLUSTER|REINDEX|REFRESH|COMMENT|"
                    r"CREATE\s+(UNIQUE\s+)?INDEX|CREATE\s+(OR\s+REPLACE\s+)?(CONSTRAINT\s+)?"
                    r"TRIGGER|CREATE\s+(UNLOGGED\s+)?TABLE)\b", re.IGNORECASE)
_NOT_BRIEF = re.compile(r"\b(CONCURRENTLY|VALIDATE\s+CONSTRAINT)\b", re.IGNORECASE)


def needs_brief_lock(statement: str) -> bool:
    """True for DDL that takes a lock clients conflict with (or may: a new table's foreign
    key locks the table it references), so it must not queue them behind its wait.

    Not ``... CONCURRENTLY`` (it waits for older transactions on purpose, and outside any
    transaction) nor ``VALIDATE CONSTRAINT`` (a lock clients do not conflict with, held
    for a whole scan).
    """
    return bool(_BRIEF.match(statement)) and not _NOT_BRIEF.search(statement)


def brief_lock(bind: Connection, run: Callable[[], T], statement: str,
               table: str | None = None) -> T:
    """``run()``, one statement needing a brief strong lock: wait for it only briefly, retry.

    Each try waits at most the policy's ``brief_timeout_ms``; a try that times out is
    tried again after a pause (twice the timeout, doubling), at most
    ``exclusive_lock_tries`` times. In a transaction (a revision's), each try is a
    ``SAVEPOINT`` rolled back when it fails, and ``lock_timeout`` is put back after it;
    when the transaction already keeps another session waiting (a lock an earlier
    statement took), it gives up at once instead of holding that lock through the
    pauses. Then it raises :class:`BriefLockTimeout`, and the revision is retried whole.
    In autocommit (an online step) each try stands alone, its commit not waiting for the
    disk while it holds the lock, and giving up raises :class:`StepLockTimeout` naming
    the holder.
    """
    import sqlalchemy as sa

    policy = current()
    timeout = policy.brief_timeout_ms
    tries = max(1, policy.exclusive_lock_tries)
    in_transaction = not autocommit(bind)
    previous, durable = bind.execute(sa.text(
        "SELECT current_setting('lock_timeout'), current_setting('synchronous_commit')")).one()
    for attempt in range(1, tries + 1):
        try:
            if in_transaction:
                with bind.begin_nested():
                    bind.execute(sa.text(f"SET LOCAL lock_timeout = {int(timeout)}"))
                    result = run()
                    bind.execute(sa.text("SELECT set_config('lock_timeout', :v, true)"),
                                 {"v": previous})
                return result
            # Its own transaction: its commit need not wait for the disk while it holds the
            # lock (an online step is checked in the catalog before it runs again, and the
            # revision is recorded by a later, durable commit that flushes this one too).
            bind.execute(sa.text(f"SET lock_timeout = {int(timeout)}; "
                                 "SET synchronous_commit = off"))
            try:
                return run()
            finally:
                if not bind.invalidated:
                    bind.execute(sa.text("SELECT set_config('lock_timeout', :t, false), "
                                         "set_config('synchronous_commit', :c, false)"),
                                 {"t": previous, "c": durable})
        except sa.exc.OperationalError as exc:
            if not is_lock_timeout(exc):
                raise
            if in_transaction and (attempt == tries or keeps_others_waiting(bind)):
                raise BriefLockTimeout(statement, attempt, timeout) from exc
            if attempt == tries:
                raise StepLockTimeout(
                    f"gave up after {tries} tries of {timeout} ms waiting for a lock"
                    f"{' on ' + table if table else ''} held by "
                    f"{blocking_sessions(bind, table)}: {statement}") from None
            pause = policy.brief_pause_s(attempt)
            log.warning("lock not available within %s ms (try %s of %s): retrying in %.2f s: %s",
                        timeout, attempt, tries, pause, one_line(statement, 100))
            time.sleep(pause)
    raise AssertionError("unreachable")  # pragma: no cover


def run_statement(bind: Connection, statement: str, table: str | None = None) -> None:
    """Run ``statement``, which needs a brief strong lock (:func:`brief_lock`)."""
    import sqlalchemy as sa

    brief_lock(bind, lambda: bind.execute(sa.text(statement)), statement, table)


def autocommit(bind: Connection) -> bool:
    """True when the driver commits each statement (Alembic's ``autocommit_block``)."""
    return bool(getattr(bind.connection.dbapi_connection, "autocommit", False))


def keeps_others_waiting(bind: Connection) -> bool:
    """True when another session waits for a lock this one holds."""
    import sqlalchemy as sa

    return bool(bind.execute(sa.text(
        "SELECT EXISTS (SELECT FROM (SELECT pid FROM pg_stat_activity WHERE wait_event_type = "
        "'Lock' OFFSET 0) AS q WHERE pg_backend_pid() = ANY(pg_blocking_pids(q.pid)))")).scalar())


def one_line(statement: str, width: int) -> str:
    text = " ".join(statement.split())
    return text if len(text) <= width else text[:width - 3] + "..."


# -- whole revisions ---------------------------------------------------------------------------

def run_revisions(run: Callable[[], None], context: EnvironmentContext,
                  connection: Connection) -> None:
    """Run the migrations; when a revision times out waiting for a lock, run again.

    Each revision is its own transaction, so a timed-out revision left nothing
    behind and the next try starts at it. A relative target (``+1``, ``-2``)
    is not retried once the database has moved, as it would then go too far.
    """
    import sqlalchemy as sa

    from dbkit.migrate import plan

    policy = current()
    relative = bool(re.search(r"[+-]\d+$",
                              str(context.get_context().opts.get("destination_rev", ""))))
    for attempt in range(1, policy.tries + 1):
        started_at = plan.current(context)
        connection.commit()
        brief: BriefLockTimeout | None = None
        try:
            run()
            return
        except (sa.exc.OperationalError, BriefLockTimeout) as exc:
            if isinstance(exc, BriefLockTimeout):
                brief = exc
            elif not is_lock_timeout(exc):
                raise
            if connection.in_transaction():
                connection.rollback()
            stuck = plan.describe_next(context)
            now_at = plan.current(context)
            connection.commit()
            moved = now_at != started_at
            if attempt == policy.tries or (relative and moved):
                holders = blocking_sessions(connection, None)
                if connection.in_transaction():
                    connection.rollback()
                each = f" (in each, {brief})" if brief else f" of {policy.lock_timeout_ms} ms"
                raise LockTimeout(
                    f"{stuck} gave up after {attempt} tries{each} waiting for a lock held by "
                    f"{holders}; the database stays at {revisions.describe(now_at)}: "
                    "try again later") from None
            pause = policy.pause_s(attempt)
            log.warning("%s could not get a lock (%s; try %s of %s): retrying in %.1f s",
                        stuck, brief or f"within {policy.lock_timeout_ms} ms", attempt,
                        policy.tries, pause)
            time.sleep(pause)


# -- who holds the lock ------------------------------------------------------------------------

_MODE_RANK = ("AccessExclusiveLock", "ExclusiveLock", "ShareRowExclusiveLock", "ShareLock",
              "ShareUpdateExclusiveLock", "RowExclusiveLock", "RowShareLock", "AccessShareLock")


def blocking_sessions(connection: Connection, table: str | None) -> str:
    """'pid 4321 (psql, idle in transaction, last statement: LOCK TABLE recruits; holds
    AccessExclusiveLock on recruits)': the other sessions holding locks on ``table`` (on
    any table of this database when None), strongest first. Never raises; ends no
    transaction (the caller's may be Alembic's autocommit block)."""
    import sqlalchemy as sa

    rank = " ".join(f"WHEN '{mode}' THEN {n}" for n, mode in enumerate(_MODE_RANK))
    query = sa.text(
        "SELECT a.pid, coalesce(nullif(a.application_name, ''), 'a client') AS app, "
        "       coalesce(a.state, 'unknown state') AS state, "
        "       left(regexp_replace(coalesce(a.query, ''), '\\s+', ' ', 'g'), 100) AS query, "
        "       string_agg(DISTINCT l.mode || ' on ' || l.relation::regclass::text, ', ') AS holds, "
        f"      min(CASE l.mode {rank} ELSE 9 END) AS strongest "
        "FROM pg_locks l JOIN pg_stat_activity a ON a.pid = l.pid "
        "WHERE l.locktype = 'relation' AND l.granted AND l.pid <> pg_backend_pid() "
        "  AND l.relation >= 16384 "  # not the system catalogs
        "  AND l.database = (SELECT oid FROM pg_database WHERE datname = current_database()) "
        "  AND (CAST(:table AS text) IS NULL OR l.relation = to_regclass(:table)) "
        "GROUP BY a.pid, a.application_name, a.state, a.query "
        "ORDER BY strongest, a.pid LIMIT 3")
    try:
        rows = connection.execute(query, {"table": table}).all()
    except sa.exc.DBAPIError:
        return "another session (see pg_locks)"
    if not rows:
        return "another session, which has let go since"
    return " and ".join(
        f"pid {r.pid} ({r.app}, {r.state}, last statement: {r.query}; holds {r.holds})"
        for r in rows)
