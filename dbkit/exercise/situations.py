"""``python -m dbkit situation 1|2|3``: replay the exercise's hand-made changes on the dev database.

The exercise changes the dev database by hand in psql, at the point of the
story just before the migration that makes the same change properly:

1. a new column: ``cohort``, everyone in "C25 Data Eng" (before 0005, "Add cohort")
2. a renamed column: ``chatname`` to ``rocketchat_user`` (before 0006)
3. a deleted column: ``id_number`` (before 0007)

This command moves dev to that revision (``alembic downgrade``/``upgrade``, which
keep the rows), then runs the exact SQL a learner would type in psql, printing
it. It refuses prod: nobody changes prod by hand, that is the point.
"""

from __future__ import annotations

import argparse
import sys
from collections.abc import Sequence
from dataclasses import dataclass

from dbkit import database, errors, revisions
from dbkit.errors import DbkitError


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


def move_to(connection, revision: str) -> None:
    """Bring dev to ``revision`` through the migrations (their downgrades keep the rows)."""
    from alembic import command

    from dbkit.drift import alembic_config_for

    at = revisions.current(connection)
    if at == revision:
        return
    config = alembic_config_for(connection)
    script = revisions.script_directory()
    behind = at is None or revision not in {s.revision for s in script.iterate_revisions(at, "base")}
    verb = "upgrade" if behind else "downgrade"
    print(f"-- dev is at {revisions.describe(at)}; moving it to {revision} first: "
          f"`alembic {verb} {revision}`")
    (command.upgrade if behind else command.downgrade)(config, revision)
    if connection.in_transaction():
        connection.commit()


def apply(situation: Situation, target: database.Target) -> None:
    from sqlalchemy.exc import DBAPIError

    engine = database.create_engine(target)
    try:
        with database.connect(engine, target) as connection:
            try:
                move_to(connection, situation.before)
                for statement in situation.sql:
                    print(f"dev=# {statement}")
                    result = connection.exec_driver_sql(statement)
                    if statement.startswith("UPDATE"):
                        print(f"UPDATE {result.rowcount}")
                connection.commit()
            except DBAPIError as exc:
                raise DbkitError(
                    f"situation {situation.number} could not be applied "
                    f"({errors.reason(exc)}): dev was "
                    "already changed by hand; start it over with `python -m dbkit reset dev` and "
                    "`alembic upgrade head`") from None
    finally:
        engine.dispose()


def main(argv: Sequence[str] | None = None) -> int:
    parser = argparse.ArgumentParser(
        prog="python -m dbkit situation",
        description="Apply to the dev database the hand-made change of a situation of the "
                    "exercise, printing the SQL. Refuses prod.")
    parser.add_argument("number", type=int, choices=sorted(SITUATIONS),
                        help="1: a new column, 2: a renamed column, 3: a deleted column")
    args = parser.parse_args(argv)
    situation = SITUATIONS[args.number]

    target = database.resolve()
    if target.env != "dev":
        raise DbkitError(f"situations change the database by hand, which is never done to "
                         f"{target.env}: run with ENV=dev (nothing was changed)")
    database.announce(target)
    print(f"Situation {situation.number}: {situation.title.lower()}, made by hand in psql")
    apply(situation, target)
    print(f"\nNow: `python -m dbkit drift` says what moved and how to get back in sync; "
          f"`python {situation.script}` adds the {situation.cohort} recruits.")
    return 0


if __name__ == "__main__":
    sys.exit(main())
