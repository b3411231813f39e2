"""The revision in progress, recorded in the database, so an interrupted run can be finished.

A revision that uses ``dbkit.online`` commits as it goes: killed in the middle
(SIGKILL, Ctrl-C, a server restart), it leaves the database between two
revisions, still stamped with the earlier one. Each online step records where
the run is in the one-row table ``dbkit_migration_progress`` (committed with
the step); the revision's own last transaction removes it, together with the
new version stamp. A row left there means: revision N was interrupted at step
K, and running the same upgrade again finishes it (every online step checks
the catalog first and a backfill touches only the rows still to do).

``interrupted(connection)`` reads it, for the upgrade guard and ``dbkit drift``.
"""

from __future__ import annotations

import ast
import logging
from collections.abc import Mapping
from contextvars import ContextVar
from dataclasses import dataclass, field
from datetime import datetime
from pathlib import Path
from typing import TYPE_CHECKING, Any

from dbkit import pysource

if TYPE_CHECKING:
    from alembic.runtime.migration import MigrationContext
    from sqlalchemy.engine import Connection

log = logging.getLogger(__name__)

PROGRESS_TABLE = "dbkit_migration_progress"
# A table's own fillfactor while a backfill has lowered it (``dbkit.online``), so that a run
# cut short and run again puts back that one; gone once the backfill is done.
FILLFACTOR_KEPT = "dbkit_backfill_fillfactor"
ONLINE_HELPERS = frozenset({"backfill_in_batches", "add_not_null", "add_unique",
                            "add_foreign_key", "create_index"})


@dataclass(frozen=True)
class Interrupted:
    """A revision that started and did not finish."""

    revision: str
    step: int  # the online step it was in, from 1
    steps: int | None  # how many online steps the revision has, when known
    step_name: str  # 'backfill_in_batches recruits (up to id 120000 of 300000)'
    started_at: datetime
    command: str  # the one command that finishes it: 'ENV=prod alembic upgrade head'

    def describe(self) -> str:
        """'revision 0008 (Move ...) was interrupted at step 1 of 4 (backfill ...)'."""
        from dbkit import revisions

        of = f" of {self.steps}" if self.steps else ""
        return (f"revision {revisions.describe(self.revision)} was interrupted at step "
                f"{self.step}{of} ({self.step_name}), started "
                f"{self.started_at:%Y-%m-%d %H:%M:%S} UTC")


@dataclass
class Running:
    """The revision the run is in (set by ``dbkit.migrate.run``, read by the online helpers)."""

    revision: str
    command: str
    steps: int | None
    step: int = 0
    name: str = field(default="")


_running: ContextVar[Running | None] = ContextVar("dbkit_revision_running", default=None)


def include_name(name: str | None, type_: str, parent_names: Mapping) -> bool:
    """For autogenerate, ``alembic check`` and drift: the progress tables are ours."""
    return not (type_ == "table" and name in (PROGRESS_TABLE, FILLFACTOR_KEPT))


# -- written by the run and the online helpers -----------------------------------------------

def starting(step: Any, command: str) -> None:
    """Alembic is about to run ``step`` (a RevisionStep or StampStep)."""
    revision = getattr(step, "revision", None)
    if revision is None or not step.is_upgrade:
        _running.set(None)  # stamps and downgrades: online helpers record nothing
        return
    _running.set(Running(revision.revision, command, count_online_steps(revision.path)))


def stopped() -> None:
    _running.set(None)


def step(bind: Connection, name: str) -> None:
    """An online helper starts a step: record it (``bind`` is in autocommit mode)."""
    running = _running.get()
    if running is None:
        return  # not inside a guarded run (a scratch database, a test's own context)
    running.step += 1
    running.name = name
    record(bind, running.revision, running.step, running.steps, name, running.command)


def record(bind: Connection, revision: str, step: int, steps: int | None, name: str,
           command: str) -> None:
    """Write the one row: ``revision`` is at online step ``step`` (committed by the caller)."""
    import sqlalchemy as sa

    bind.execute(sa.text(
        f"CREATE TABLE IF NOT EXISTS {PROGRESS_TABLE} ("
        "  only_row boolean PRIMARY KEY DEFAULT true CHECK (only_row),"
        "  revision text NOT NULL, step integer NOT NULL, steps integer, step_name text NOT NULL,"
        "  command text NOT NULL, started_at timestamptz NOT NULL DEFAULT now(),"
        "  updated_at timestamptz NOT NULL DEFAULT now())"))
    bind.execute(sa.text(
        f"INSERT INTO {PROGRESS_TABLE} (revision, step, steps, step_name, command) "
        "VALUES (:revision, :step, :steps, :name, :command) "
        "ON CONFLICT (only_row) DO UPDATE SET step = excluded.step, steps = excluded.steps, "
        "  step_name = excluded.step_name, command = excluded.command, updated_at = now(), "
        f"  started_at = CASE WHEN {PROGRESS_TABLE}.revision = excluded.revision "
        f"    THEN {PROGRESS_TABLE}.started_at ELSE now() END, revision = excluded.revision"),
        {"revision": revision, "step": step, "steps": steps, "name": name, "command": command})


def detail(bind: Connection, text: str) -> None:
    """How far the current step got ('up to id 120000 of 300000'), for a backfill's batches."""
    found = detail_statement(text)
    if found is None:
        return
    import sqlalchemy as sa

    statement, params = found
    bind.execute(sa.text(statement), params)


def detail_statement(text: str) -> tuple[str, dict[str, str]] | None:
    """The UPDATE :func:`detail` runs, and its parameter (``:progress_name``), or None
    outside a run: for a backfill batch to record how far it got in its own statement
    (as a data-modifying ``WITH``), so the record commits with the batch."""
    running = _running.get()
    if running is None or running.step == 0:
        return None
    return (f"UPDATE {PROGRESS_TABLE} SET step_name = :progress_name, updated_at = now()",
            {"progress_name": f"{running.name} ({text})"})


def finished(ctx: MigrationContext, step: Any = None, **_: object) -> None:
    """``on_version_apply``: the revision is done; its record goes in the same transaction."""
    import sqlalchemy as sa

    if ctx.as_sql or ctx.connection is None:
        return
    connection = ctx.connection
    if connection.execute(sa.text("SELECT to_regclass(:t)"), {"t": PROGRESS_TABLE}).scalar():
        done = set(getattr(step, "up_revision_ids", ()) or ()) | \
            set(getattr(step, "down_revision_ids", ()) or ())
        connection.execute(sa.text(f"DELETE FROM {PROGRESS_TABLE} WHERE revision = ANY(:done)"),
                           {"done": sorted(done)})
        if not connection.execute(sa.text(f"SELECT EXISTS (SELECT FROM {PROGRESS_TABLE})")).scalar():
            connection.execute(sa.text(f"DROP TABLE {PROGRESS_TABLE}"))
    stopped()


# -- read -------------------------------------------------------------------------------------

def interrupted(connection: Connection) -> Interrupted | None:
    """The revision a run left unfinished in this database, or None. Only reads."""
    import sqlalchemy as sa

    if connection.execute(sa.text("SELECT to_regclass(:t)"),
                          {"t": PROGRESS_TABLE}).scalar() is None:
        return None
    row = connection.execute(sa.text(
        f"SELECT revision, step, steps, step_name, started_at AT TIME ZONE 'UTC', command "
        f"FROM {PROGRESS_TABLE}")).first()
    return Interrupted(*row) if row else None


def count_online_steps(path: str | None) -> int | None:
    """How many ``dbkit.online`` calls the revision's ``upgrade()`` makes, read statically."""
    if not path:
        return None
    try:
        tree = pysource.parse(Path(path).read_text(encoding="utf-8"))
    except (OSError, SyntaxError, UnicodeDecodeError):
        return None
    for node in tree.body:
        if isinstance(node, ast.FunctionDef) and node.name == "upgrade":
            calls = [n for n in ast.walk(node) if isinstance(n, ast.Call)]
            names = [getattr(c.func, "id", None) or getattr(c.func, "attr", None) for c in calls]
            return sum(name in ONLINE_HELPERS for name in names) or None
    return None
