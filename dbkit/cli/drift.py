"""``python -m dbkit drift``: argument parsing and printing; the checks are in ``dbkit.drift``."""

from __future__ import annotations

import argparse
import json
from collections.abc import Sequence

from dbkit import database, errors
from dbkit.cli import chain_option
from dbkit.cli.output import announce
from dbkit.cli.report_error import ExitCode
from dbkit.drift import check, render
from dbkit.errors import DbkitError


def main(argv: Sequence[str] | None = None) -> int:
    parser = argparse.ArgumentParser(
        prog="python -m dbkit drift",
        description="Compare the database named by ENV with its stamped revision, the models with "
                    "the migrations, and the revision with the head; say which side moved and "
                    "how to fix it. Exit 0 in sync, 1 drift, 2 could not check. Never writes to "
                    "the checked database.")
    parser.add_argument("--json", action="store_true", help="print the findings as JSON")
    chain_option.add(parser, "to check against")
    args = parser.parse_args(argv)
    chain_option.use(args)

    target = database.resolve()
    if not args.json:
        announce(target)
    from alembic.util import CommandError
    from sqlalchemy.exc import SQLAlchemyError

    try:
        report = check(target)
    except (SQLAlchemyError, CommandError) as exc:  # an unexpected catalog, a chain Alembic
        # cannot read: say so in one line (a revision that fails is a finding, not this)
        raise DbkitError(f"could not check the {target.describe()} for drift: "
                         f"{type(exc).__name__}: {errors.reason(exc)}") from None
    if args.json:
        print(json.dumps(render.as_json(report), indent=2))
    else:
        print(render.as_text(report))
    return ExitCode.OK if report.in_sync else ExitCode.FOUND
