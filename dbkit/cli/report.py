"""``report``: for each environment, its revision and how many recruits each cohort has."""

from __future__ import annotations

import argparse
from collections.abc import Sequence

from dbkit import revisions
from dbkit.cli import chain_option
from dbkit.cli.report_error import ExitCode
from dbkit.cli.servers import _checked
from dbkit.database import ENVIRONMENTS
from dbkit.exercise.report import report


def main(argv: Sequence[str]) -> int:
    from rich.console import Console
    from rich.table import Table

    parser = argparse.ArgumentParser(prog="python -m dbkit report")
    parser.add_argument("env", nargs="*", help="dev and/or prod (default: both)")
    chain_option.add(parser, "whose head and models count")
    args = parser.parse_args(argv)
    envs = _checked(parser, args.env) or list(ENVIRONMENTS)
    chain_option.use(args)

    console = Console()
    for env in envs:
        found = report(env)
        console.print(f"[bold]{env}[/bold] {found.address} at {revisions.describe(found.revision)}")
        if not found.at_head:
            console.print(f"  not at head: run `{revisions.alembic_command(env, 'upgrade head')}`")
            continue
        table = Table("cohort", "recruits")
        for name, count in found.cohorts:
            table.add_row(name, str(count))
        console.print(table)
    return ExitCode.OK
