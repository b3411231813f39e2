"""``python -m dbkit situation 1|2|3``: replay the exercise's hand-made changes on the dev database.

The exercise changes the dev database by hand in psql, at the point of the
story just before the migration that makes the same change properly:

1. a new column: ``cohort``, everyone in "C25 Data Eng" (before 0005, "Add cohort")
2. a renamed column: ``chatname`` to ``rocketchat_user`` (before 0006)
3. a deleted column: ``id_number`` (before 0007)

This command moves dev to that revision (``alembic downgrade``/``upgrade``, run
as a learner runs them, in a process of their own with every guard rail), then
runs the exact SQL a learner would type in psql, printing it. It refuses prod:
nobody changes prod by hand, that is the point. The database it really reaches
must be disposable (:func:`dbkit.state.marker.require_disposable`): with
``ENV=dev`` and a ``DATABASE_URL`` naming prod, nothing is changed.
"""

from __future__ import annotations

import sys
from collections.abc import Callable
from dataclasses import dataclass
from typing import TYPE_CHECKING

from dbkit import database, errors, revisions
from dbkit.errors import DbkitError

if TYPE_CHECKING:
    from sqlalchemy.engine import Connection


@dataclass(frozen=True)
class Situation:
    number: int
    title: str
    before: str  # the revision the story is at when the learner opens psql
    sql: tuple[str, ...]  # what the learner types
    recovery: tuple[str, ...]  # the documented way back in sync on dev, as shell commands
    script: str  # the seeding script of the situation's new cohort
    cohort: str


SITUATIONS = {
    1: Situation(
        1, "A new column", "0004",
        ("ALTER TABLE recruits ADD COLUMN cohort VARCHAR(100);",
         "UPDATE recruits SET cohort = 'C25 Data Eng';"),
        ("psql: ALTER TABLE recruits DROP COLUMN cohort;", "alembic upgrade head"),
        "create_c26_recruits.py", "C26 Data Eng"),
    2: Situation(
        2, "A renamed column", "0005",
        ("ALTER TABLE recruits RENAME COLUMN chatname TO rocketchat_user;",),
        ("alembic stamp 0006", "alembic upgrade head"),
        "create_c27_recruits.py", "C27 Data Eng"),
    3: Situation(
        3, "A deleted column", "0006",
        ("ALTER TABLE recruits DROP COLUMN id_number;",),
        ("psql: ALTER TABLE recruits ADD COLUMN id_number VARCHAR(13);", "alembic upgrade head"),
        "create_c28_recruits.py", "C28 Data Eng"),
}


def alembic(target: database.Target, *args: str) -> None:
    """Run ``alembic`` as a learner does: a process of its own, with every guard rail."""
    import os
    import subprocess

    environ = dict(os.environ, ENV=target.env,
                   DATABASE_URL=target.url.render_as_string(hide_password=False))
    result = subprocess.run(
        [sys.executable, "-m", "alembic", "-c", str(revisions.chain().ini), *args],
        cwd=database.PROJECT_ROOT, env=environ, stdin=subprocess.DEVNULL,
        capture_output=True, text=True)
    if result.returncode != 0:
        lines = (result.stderr or result.stdout).strip().splitlines()
        raise DbkitError(f"`alembic {' '.join(args)}` failed: "
                         f"{(lines[-1] if lines else 'exit ' + str(result.returncode))}"
                         .replace("error: ", "", 1))


def move_to(connection: Connection, target: database.Target, revision: str,
            say: Callable[[str], None]) -> None:
    """Bring dev to ``revision`` through the migrations, run by ``alembic`` itself."""
    at = revisions.current(connection)
    connection.rollback()
    if at == revision:
        return
    if at is not None and not revisions.has(at):
        raise DbkitError(f"dev is at {revisions.describe(at)}: pass that chain's alembic.ini "
                         "with -c (nothing was changed)")
    script = revisions.script_directory()
    behind = at is None or revision not in {s.revision for s in script.iterate_revisions(at, "base")}
    verb = "upgrade" if behind else "downgrade"
    say(f"-- dev is at {revisions.describe(at)}; moving it to {revision} first: "
          f"`alembic {verb} {revision}`")
    alembic(target, verb, revision)


def apply(situation: Situation, target: database.Target,
          say: Callable[[str], None] = lambda line: None) -> None:
    """Make the situation's hand-made change on dev; ``say`` gets each psql line as it runs."""
    from sqlalchemy.exc import DBAPIError

    from dbkit.state import marker

    engine = database.create_engine(target)
    try:
        with database.connect(engine, target) as connection:
            # The database really reached, whatever ENV says: never one marked prod.
            marker.require_disposable(connection, target, f"situation {situation.number}")
            move_to(connection, target, situation.before, say)
            try:
                for statement in situation.sql:
                    say(f"dev=# {statement}")
                    result = connection.exec_driver_sql(statement)
                    if statement.startswith("UPDATE"):
                        say(f"UPDATE {result.rowcount}")
                connection.commit()
            except DBAPIError as exc:
                raise DbkitError(
                    f"situation {situation.number} could not be applied "
                    f"({errors.reason(exc)}): dev was "
                    "already changed by hand; start it over with `python -m dbkit reset dev` and "
                    "`alembic upgrade head`") from None
    finally:
        engine.dispose()
    forget_step()


def forget_step() -> None:
    """A hand-made change outside ``python -m dbkit step``: its next step starts from scratch."""
    from dbkit.exercise import workspace

    if (workspace.work_dir() / workspace.STATE_FILE).is_file():
        workspace.record_done("changed-by-situation")
