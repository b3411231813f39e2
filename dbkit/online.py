"""Schema changes that keep a busy table open, for use inside migrations.

A plain ``ALTER TABLE ... SET NOT NULL`` or ``ADD CONSTRAINT ... UNIQUE`` scans
the whole table while holding a lock that blocks every reader and writer, and a
one-statement backfill locks every row it touches until it commits. On a table
with a million rows that is seconds of downtime. These helpers do the same
changes in steps that each hold a strong lock only for a moment:

=====================  =====================================================
``backfill_in_batches`` UPDATE a range of ids at a time (sized by time and share), committing each
``add_not_null``        CHECK ... NOT VALID, VALIDATE, SET NOT NULL, drop CHECK
``add_unique``          CREATE UNIQUE INDEX CONCURRENTLY, ADD CONSTRAINT USING INDEX
``add_foreign_key``     ADD CONSTRAINT ... NOT VALID, then VALIDATE
``create_index``        CREATE INDEX CONCURRENTLY
=====================  =====================================================

Each helper commits as it goes (inside Alembic's ``autocommit_block``) and
checks the catalog before each step, so a migration that failed midway can
simply be run again. Statements that need a brief exclusive lock run with
``lock_timeout`` and are retried with backoff, so they never queue every other
query behind them: the run's one retry policy (``dbkit.migrate.retry``), so
``alembic -x lock_timeout=1s -x lock_retries=1`` applies to them too. In
offline mode (``alembic upgrade --sql``) the same steps are printed as SQL.

Existing migrations call these functions: never change what one of them does.
Add a new function instead.
"""

from __future__ import annotations

import logging
import time
from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

from dbkit.errors import LockTimeout
from dbkit.migrate import retry
from dbkit.state import progress
from dbkit.state.progress import FILLFACTOR_KEPT

# Published revisions may catch this name: it stays an alias of the one lock error.
LockNotAcquired = LockTimeout

log = logging.getLogger(__name__)

# A backfill batch holds its rows' locks until it commits, so a client writing one
# of them waits for the rest of the batch: batches are sized by time, not rows. Each
# batch aims at BATCH_SECONDS; the next one's rows follow from how long the last took
# (at most doubling or halving at a time). When a client had to wait for a batch,
# the backfill pauses before the next, giving the clients the time they lost.
BATCH_SECONDS = 0.02
FIRST_BATCH_ROWS = 500
MIN_BATCH_ROWS = 50
MAX_BATCH_ROWS = 50_000
MAX_PAUSE_S = 0.05
# A batch's share of the backfill: at most 1/BATCH_SHARE of its key range. A client updating
# a random row meets one the batch holds with a chance its share of the table, and then waits
# for the rest of the batch: on a small table a 20 ms batch is several per cent of it.
BATCH_SHARE = 100
# The fillfactor a backfill's table has while its batches run: the new row versions they
# write go to pages left half empty, so the next backfill of the same rows updates them in
# place (HOT: no new index entries, less WAL). Put back after the last batch.
BACKFILL_FILLFACTOR = 50
# The fixed size used before batches were timed; ``batch_size=`` still asks for it.
BATCH_SIZE = 2_000
INSUFFICIENT_PRIVILEGE = "42501"  # SQLSTATE


def backfill_in_batches(table: str, set_: str, where: str, *, key: str = "id",
                        batch_size: int | None = None,
                        batch_seconds: float = BATCH_SECONDS,
                        batch_share: int | None = BATCH_SHARE,
                        fillfactor: int | None = BACKFILL_FILLFACTOR) -> None:
    """``UPDATE table SET <set_> WHERE <where>``, one committed range of ``key`` at a time.

    ``where`` must select only rows that still need the update (for example
    ``cohort IS NULL``), which makes a re-run after a failure pick up where it
    stopped. Each range is sized to take about ``batch_seconds`` and to span at most
    ``1/batch_share`` of the ids to do (or is ``batch_size`` ids wide, if given), and
    when a client waited for a batch's row locks, the next batch waits a moment (as
    long as the last batch took). While the batches run, the table's fillfactor is
    ``fillfactor`` (None: left alone), so the row versions a backfill writes leave room
    for the next one's on their page; the table's own is put back after the last batch,
    and by a run again after an interruption.
    """
    context = op.get_context()
    update = f"UPDATE {table} SET {set_} WHERE ({where})"
    if context.as_sql:
        op.execute(update)
        return
    with context.autocommit_block():
        bind = op.get_bind()
        progress.step(bind, f"backfill_in_batches {table}")
        low, high = bind.execute(
            sa.text(f"SELECT min({key}), max({key}) FROM {table} WHERE ({where})")).one()
        if low is None:
            _put_back_fillfactor(bind, table)  # a run cut short after its last batch
            return
        if fillfactor is not None:
            _lower_fillfactor(bind, table, fillfactor)
        # One statement per batch, so one round trip and its own transaction: several
        # statements in one query string run as one (implicit) transaction, committed at its
        # end. The transaction's commit need not wait for its own flush to disk (rows a
        # crash loses are picked up again by ``where``, and the revision is only recorded by
        # a later, durable commit); it updates the range, records how far the backfill got
        # (in the batch's own commit: for a run cut short), and counts the sessions queued
        # behind its row locks (pg_blocking_pids only for sessions waiting on a lock at all:
        # it is not free).
        work = (f"SET LOCAL synchronous_commit = off; WITH updated AS ({update} AND "
                f"{table}.{key} >= :low AND {table}.{key} < :high RETURNING 1)")
        counts = (" SELECT (SELECT count(*) FROM updated), (SELECT count(*) FROM "
                  "(SELECT pid FROM pg_stat_activity WHERE wait_event_type = 'Lock' OFFSET 0) "
                  "AS q WHERE pg_backend_pid() = ANY(pg_blocking_pids(q.pid)))")
        sizer = BatchSizer(batch_size, batch_seconds,
                           span=(high - low + 1) if isinstance(low, int) else None,
                           share=batch_share)
        updated = batches = pauses = 0
        start = low
        while start <= high:
            end = start + sizer.rows
            started = time.perf_counter()
            params: dict[str, object] = {"low": start, "high": end}
            noted = progress.detail_statement(f"done up to {key} {min(end - 1, high)}, "
                                              f"the last is {high}")
            if noted is None:
                batch = sa.text(work + counts)
            else:
                batch = sa.text(f"{work}, noted AS ({noted[0]}){counts}")
                params.update(noted[1])
            done, waited = bind.execute(batch, params).one()
            updated += done
            seconds = time.perf_counter() - started
            batches += 1
            if waited:
                pauses += 1
                time.sleep(min(seconds, MAX_PAUSE_S))
            sizer.took(seconds, waited=bool(waited))
            start = end
        _put_back_fillfactor(bind, table)
        log.info("backfilled %s rows of %s in %s %s (%s paused for waiting clients)",
                 updated, table, batches, "batch" if batches == 1 else "batches", pauses)


class BatchSizer:
    """How many ids the next batch takes: fixed (``rows``), or sized by time, and then at
    most ``1/share`` of the ``span`` of ids the backfill covers."""

    def __init__(self, rows: int | None, seconds: float, *, span: int | None = None,
                 share: int | None = None) -> None:
        self.fixed = rows is not None
        self.largest = MAX_BATCH_ROWS
        if span is not None and share:
            self.largest = max(MIN_BATCH_ROWS, min(MAX_BATCH_ROWS, span // share))
        self.rows = rows if rows is not None else min(FIRST_BATCH_ROWS, self.largest)
        self.seconds = seconds

    def took(self, seconds: float, *, waited: bool = False) -> None:
        """The last batch took ``seconds``; a client waited for it if ``waited``."""
        if self.fixed:
            return
        target = self.seconds / 2 if waited else self.seconds
        scale = min(2.0, max(0.5, target / max(seconds, 1e-4)))
        self.rows = int(min(self.largest, max(MIN_BATCH_ROWS, self.rows * scale)))


def _lower_fillfactor(bind: sa.Connection, table: str, fillfactor: int) -> None:
    """Give ``table`` the ``fillfactor`` for the backfill's time, recording its own first.

    Only an ordinary table whose fillfactor is higher (or a table a run cut short left
    lowered, whose own is on record). ``ALTER TABLE ... SET (fillfactor)`` takes a
    ``SHARE UPDATE EXCLUSIVE`` lock, which clients do not conflict with (autovacuum does),
    with the brief-lock retry; when it cannot have it, or the role may not create the
    record, the backfill goes on without (a warning): it is a saving, never a condition.
    """
    own = bind.execute(sa.text(
        "SELECT c.relkind = 'r', (SELECT option_value FROM pg_options_to_table(c.reloptions) "
        "WHERE option_name = 'fillfactor') FROM pg_class c WHERE c.oid = to_regclass(:t)"),
        {"t": table}).one_or_none()
    if own is None or not own[0]:
        return
    recorded = _kept_fillfactor(bind, table)
    if recorded is None and own[1] is not None and int(own[1]) <= fillfactor:
        return  # already as low: nothing to do, nothing to put back
    statement = (f"CREATE TABLE IF NOT EXISTS {FILLFACTOR_KEPT} ("
                 "relid oid PRIMARY KEY, fillfactor text); "
                 f"INSERT INTO {FILLFACTOR_KEPT} (relid, fillfactor) "
                 "SELECT to_regclass(:t), :own ON CONFLICT (relid) DO NOTHING; "
                 f"ALTER TABLE {table} SET (fillfactor = {int(fillfactor)})")
    try:
        params = {"own": own[1], "t": table}
        retry.brief_lock(bind, lambda: bind.execute(sa.text(statement), params), statement, table)
    except LockTimeout as exc:
        log.warning("backfilling %s with its own fillfactor: %s", table, exc)
    except sa.exc.ProgrammingError as exc:  # a role that may not create the record's table
        if getattr(exc.orig, "pgcode", None) != INSUFFICIENT_PRIVILEGE:
            raise
        log.warning("backfilling %s with its own fillfactor: %s", table,
                    str(exc.orig).strip().splitlines()[0])


def _kept_fillfactor(bind: sa.Connection, table: str) -> tuple[str | None] | None:
    """``(fillfactor,)`` recorded for ``table`` (``(None,)``: it had none), or None."""
    if bind.execute(sa.text("SELECT to_regclass(:t)"), {"t": FILLFACTOR_KEPT}).scalar() is None:
        return None
    row = bind.execute(sa.text(f"SELECT fillfactor FROM {FILLFACTOR_KEPT} "
                               "WHERE relid = to_regclass(:t)"), {"t": table}).one_or_none()
    return None if row is None else (row[0],)


def _put_back_fillfactor(bind: sa.Connection, table: str) -> None:
    """Give ``table`` back the fillfactor on record (none: ``RESET``), and forget it."""
    recorded = _kept_fillfactor(bind, table)
    if recorded is None:
        return
    own = recorded[0]
    setting = "RESET (fillfactor)" if own is None else f"SET (fillfactor = {int(own)})"
    statement = (f"ALTER TABLE {table} {setting}; "
                 f"DELETE FROM {FILLFACTOR_KEPT} WHERE relid = to_regclass(:t); "
                 f"DO $$ BEGIN IF NOT EXISTS (SELECT FROM {FILLFACTOR_KEPT}) THEN "
                 f"DROP TABLE {FILLFACTOR_KEPT}; END IF; END $$")
    retry.brief_lock(bind, lambda: bind.execute(sa.text(statement), {"t": table}),
                     statement, table)


def add_not_null(table: str, column: str) -> None:
    """Make ``column`` NOT NULL without scanning the table under an exclusive lock."""
    check = f"ck_{table}_{column}_not_null"
    with op.get_context().autocommit_block():
        _step(f"add_not_null {table}.{column}")
        if _is_not_null(table, column):
            return
        if not _constraint_exists(table, check):
            _with_lock_retry(f"ALTER TABLE {table} ADD CONSTRAINT {check} "
                             f"CHECK ({column} IS NOT NULL) NOT VALID", table)
        # VALIDATE scans the table but lets reads and writes go on.
        op.execute(f"ALTER TABLE {table} VALIDATE CONSTRAINT {check}")
        # With a valid CHECK in place, SET NOT NULL needs no scan: a brief lock.
        _with_lock_retry(f"ALTER TABLE {table} ALTER COLUMN {column} SET NOT NULL", table)
        _with_lock_retry(f"ALTER TABLE {table} DROP CONSTRAINT {check}", table)


def add_unique(name: str, table: str, columns: Sequence[str], *,
               maintenance_workers: int | None = None) -> None:
    """Add UNIQUE constraint ``name``, building its index without blocking writes.

    ``maintenance_workers``: as for :func:`create_index`.
    """
    with op.get_context().autocommit_block():
        _step(f"add_unique {name}")
        if _constraint_exists(table, name):
            return
        _create_index_concurrently(name, table, columns, unique=True,
                                   maintenance_workers=maintenance_workers)
        _with_lock_retry(f"ALTER TABLE {table} ADD CONSTRAINT {name} UNIQUE USING INDEX {name}",
                         table)


def add_foreign_key(name: str, table: str, columns: Sequence[str], referent: str,
                    referent_columns: Sequence[str]) -> None:
    """Add FOREIGN KEY ``name``, checking existing rows without blocking writes."""
    with op.get_context().autocommit_block():
        _step(f"add_foreign_key {name}")
        if not _constraint_exists(table, name):
            _with_lock_retry(
                f"ALTER TABLE {table} ADD CONSTRAINT {name} FOREIGN KEY ({', '.join(columns)}) "
                f"REFERENCES {referent} ({', '.join(referent_columns)}) NOT VALID", table)
        op.execute(f"ALTER TABLE {table} VALIDATE CONSTRAINT {name}")


def create_index(name: str, table: str, columns: Sequence[str], *,
                 maintenance_workers: int | None = None) -> None:
    """CREATE INDEX CONCURRENTLY, cleaning up an invalid index a failed run left behind.

    ``maintenance_workers`` sets ``max_parallel_maintenance_workers`` for this one
    build (RESET after, in the same session); 0 builds serially, leaving the cores
    to the clients' server processes. None (the default) keeps the server's or
    role's setting; the reference chain passes 0 (docs/performance.md, "Three `make bench`
    runs in a row at d154372").
    """
    with op.get_context().autocommit_block():
        _step(f"create_index {name}")
        _create_index_concurrently(name, table, columns, unique=False,
                                   maintenance_workers=maintenance_workers)


def _create_index_concurrently(name: str, table: str, columns: Sequence[str], *,
                               unique: bool, maintenance_workers: int | None = None) -> None:
    if _index_is_invalid(name):
        # A concurrent build that failed leaves an invalid index with this name.
        op.execute(f"DROP INDEX CONCURRENTLY IF EXISTS {name}")
    build = (f"CREATE {'UNIQUE ' if unique else ''}INDEX CONCURRENTLY IF NOT EXISTS {name} "
             f"ON {table} ({', '.join(columns)})")
    if maintenance_workers is None:
        op.execute(build)
        return
    # A user setting, for this session only: RESET gives back the role's or server's value.
    op.execute(f"SET max_parallel_maintenance_workers = {int(maintenance_workers)}")
    try:
        op.execute(build)
    finally:
        op.execute("RESET max_parallel_maintenance_workers")


def _step(name: str) -> None:
    """Record the step in the run's progress (``dbkit.state.progress``), when online."""
    if not op.get_context().as_sql:
        progress.step(op.get_bind(), name)


def _with_lock_retry(statement: str, table: str | None = None) -> None:
    """Run a statement that needs a brief strong lock; give up quickly and retry.

    The run's one retry policy (``dbkit.migrate.retry``): ``-x lock_timeout`` and
    ``-x lock_retries`` apply here as to whole revisions.
    """
    if op.get_context().as_sql:
        op.execute(statement)
        return
    retry.run_statement(op.get_bind(), statement, table)


def _scalar(sql: str, **params: object) -> object:
    if op.get_context().as_sql:
        return None  # offline: no catalog to read, print every step
    return op.get_bind().execute(sa.text(sql), params).scalar()


def _constraint_exists(table: str, name: str) -> bool:
    return bool(_scalar("SELECT 1 FROM pg_constraint WHERE conname = :name "
                        "AND conrelid = to_regclass(:table)", name=name, table=table))


def _is_not_null(table: str, column: str) -> bool:
    return bool(_scalar("SELECT attnotnull FROM pg_attribute WHERE attrelid = to_regclass(:table) "
                        "AND attname = :column", table=table, column=column))


def _index_is_invalid(name: str) -> bool:
    return _scalar("SELECT NOT indisvalid FROM pg_index WHERE indexrelid = to_regclass(:name)",
                   name=name) is True
