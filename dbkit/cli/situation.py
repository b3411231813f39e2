"""``python -m dbkit situation N``: the hand-made change of a situation, on dev only."""

from __future__ import annotations

import argparse
from collections.abc import Sequence

from dbkit import database, revisions
from dbkit.cli import chain_option
from dbkit.cli.output import announce
from dbkit.cli.report_error import ExitCode
from dbkit.errors import DbkitError
from dbkit.exercise.situations import SITUATIONS, apply


def main(argv: Sequence[str] | None = None) -> int:
    parser = argparse.ArgumentParser(
        prog="python -m dbkit situation",
        description="Apply to the dev database the hand-made change of a situation of the "
                    "exercise, printing the SQL. Refuses prod.")
    parser.add_argument("number", type=int, choices=sorted(SITUATIONS),
                        help="1: a new column, 2: a renamed column, 3: a deleted column")
    chain_option.add(parser, "to move dev along")
    args = parser.parse_args(argv)
    chain_option.use(args)
    situation = SITUATIONS[args.number]

    target = database.resolve()
    if target.env != "dev":
        raise DbkitError(f"situations change the database by hand, which is never done to "
                         f"{target.env}: run with ENV=dev (nothing was changed)")
    announce(target)
    print(f"Situation {situation.number}: {situation.title.lower()}, made by hand in psql")
    apply(situation, target, say=print)
    print(f"\nNow: `{revisions.drift_command(None)}` says what moved and how to get back in sync; "
          f"`python {situation.script}` adds the {situation.cohort} recruits.")
    return ExitCode.OK

