"""The one lock-retry policy: for whole revisions and for the steps of ``dbkit.online``.

A statement that needs a lock another session holds waits at most
``lock_timeout`` (``-x lock_timeout``, 5 s by default), then fails with SQLSTATE
``55P03``; it is tried again ``lock_retries`` times (3 by default), pausing
twice as long each time (at most 30 s). A revision in its own transaction is
retried whole (it left nothing behind); an online step, which commits as it
goes, retries only its own statement. The run sets the policy for both
(:func:`using`); outside a run (tests, scratch databases) the defaults apply.

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
from typing import TYPE_CHECKING

from dbkit import revisions
from dbkit.errors import LockTimeout

if TYPE_CHECKING:
    from alembic.runtime.environment import EnvironmentContext
    from sqlalchemy.engine import Connection

log = logging.getLogger(__name__)

LOCK_NOT_AVAILABLE = "55P03"  # SQLSTATE of lock_timeout
MAX_BACKOFF_S = 30.0


@dataclass(frozen=True)
class Policy:
    lock_timeout_ms: int = 5_000
    retries: int = 3

    @property
    def tries(self) -> int:
        return self.retries + 1

    def pause_s(self, attempt: int) -> float:
        """The pause after failed try ``attempt`` (1, 2, ...): the timeout, doubling."""
        return min(self.lock_timeout_ms / 1000 * 2 ** (attempt - 1), MAX_BACKOFF_S)


_policy: ContextVar[Policy | None] = ContextVar("dbkit_lock_retry_policy", default=None)


class StepLockTimeout(LockTimeout):
    """An online step gave up on a lock (the revision is left part-done, to be run again)."""


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


# -- one statement (dbkit.online) ------------------------------------------------------------

def run_statement(bind: Connection, statement: str, table: str | None = None) -> None:
    """Run ``statement``, which needs a brief strong lock: give up quickly, and retry.

    ``bind`` is in autocommit mode (an online step), so each try stands alone.
    """
    import sqlalchemy as sa

    policy = current()
    for attempt in range(1, policy.tries + 1):
        bind.execute(sa.text(f"SET lock_timeout = {int(policy.lock_timeout_ms)}"))
        try:
            bind.execute(sa.text(statement))
            return
        except sa.exc.OperationalError as exc:
            if not is_lock_timeout(exc):
                raise
            if attempt == policy.tries:
                raise StepLockTimeout(
                    f"gave up after {policy.tries} tries of {policy.lock_timeout_ms} ms waiting "
                    f"for a lock{' on ' + table if table else ''} held by "
                    f"{blocking_sessions(bind, table)}: {statement}") from None
            pause = policy.pause_s(attempt)
            log.warning("lock not available (try %s of %s): retrying in %.1f s: %s", attempt,
                        policy.tries, pause, statement)
            time.sleep(pause)
        finally:
            if not bind.invalidated:
                bind.execute(sa.text("RESET lock_timeout"))


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
        try:
            run()
            return
        except sa.exc.OperationalError as exc:
            if not is_lock_timeout(exc):
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
                raise LockTimeout(
                    f"{stuck} gave up after {attempt} tries of {policy.lock_timeout_ms} ms "
                    f"waiting for a lock held by {holders}; the database "
                    f"stays at {revisions.describe(now_at)}: try again later") from None
            pause = policy.pause_s(attempt)
            log.warning("%s could not get a lock within %s ms (try %s of %s): retrying in %.1f s",
                        stuck, policy.lock_timeout_ms, attempt, policy.tries, pause)
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
