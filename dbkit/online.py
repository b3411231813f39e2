"""Schema changes that keep a busy table open, for use inside migrations.

A plain ``ALTER TABLE ... SET NOT NULL`` or ``ADD CONSTRAINT ... UNIQUE`` scans
the whole table while holding a lock that blocks every reader and writer, and a
one-statement backfill locks every row it touches until it commits. On a table
with a million rows that is seconds of downtime. These helpers do the same
changes in steps that each hold a strong lock only for a moment:

=====================  =====================================================
``backfill_in_batches`` UPDATE a range of ids at a time, committing each batch
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
from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

from dbkit.errors import LockTimeout
from dbkit.migrate import retry
from dbkit.state import progress

# Published revisions may catch this name: it stays an alias of the one lock error.
LockNotAcquired = LockTimeout

log = logging.getLogger(__name__)

# Rows per backfill batch. A batch holds its rows' locks until it commits, so a
# client writing one of them waits for the whole batch: at 5,000 rows that was up
# to 240 ms on a busy 2-core machine, at 2,000 it stays well under 100 ms.
BATCH_SIZE = 2_000


def backfill_in_batches(table: str, set_: str, where: str, *, key: str = "id",
                        batch_size: int = BATCH_SIZE) -> None:
    """``UPDATE table SET <set_> WHERE <where>``, one committed range of ``key`` at a time.

    ``where`` must select only rows that still need the update (for example
    ``cohort IS NULL``), which makes a re-run after a failure pick up where it
    stopped.
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
            return
        batch = sa.text(f"{update} AND {table}.{key} >= :low AND {table}.{key} < :high")
        updated = 0
        for start in range(low, high + 1, batch_size):
            updated += bind.execute(batch, {"low": start, "high": start + batch_size}).rowcount
            progress.detail(bind, f"done up to {key} {min(start + batch_size - 1, high)}, "
                                  f"the last is {high}")
        log.info("backfilled %s rows of %s in batches of %s", updated, table, batch_size)


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


def add_unique(name: str, table: str, columns: Sequence[str]) -> None:
    """Add UNIQUE constraint ``name``, building its index without blocking writes."""
    with op.get_context().autocommit_block():
        _step(f"add_unique {name}")
        if _constraint_exists(table, name):
            return
        _create_index_concurrently(name, table, columns, unique=True)
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


def create_index(name: str, table: str, columns: Sequence[str]) -> None:
    """CREATE INDEX CONCURRENTLY, cleaning up an invalid index a failed run left behind."""
    with op.get_context().autocommit_block():
        _step(f"create_index {name}")
        _create_index_concurrently(name, table, columns, unique=False)


def _create_index_concurrently(name: str, table: str, columns: Sequence[str], *,
                               unique: bool) -> None:
    if _index_is_invalid(name):
        # A concurrent build that failed leaves an invalid index with this name.
        op.execute(f"DROP INDEX CONCURRENTLY IF EXISTS {name}")
    op.execute(f"CREATE {'UNIQUE ' if unique else ''}INDEX CONCURRENTLY IF NOT EXISTS {name} "
               f"ON {table} ({', '.join(columns)})")


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
