"""``report``: for each environment, its revision and how many recruits each cohort has."""

from __future__ import annotations

import argparse
from collections.abc import Sequence

from dbkit import revisions
from dbkit.cli.report_error import ExitCode
from dbkit.cli.servers import _checked
from dbkit.database import ENVIRONMENTS
from dbkit.exercise.report import report


def main(argv: Sequence[str]) -> int:
    from rich.console import Console
    from rich.table import Table

    parser = argparse.ArgumentParser(prog="python -m dbkit report")
    parser.add_argument("env", nargs="*", help="dev and/or prod (default: both)")
    envs = _checked(parser, parser.parse_args(argv).env) or list(ENVIRONMENTS)

    console = Console()
    for env in envs:
        found = report(env)
        console.print(f"[bold]{env}[/bold] {found.address} at {revisions.describe(found.revision)}")
        if not found.at_head:
            console.print(f"  not at head: run `ENV={env} alembic upgrade head`")
            continue
        table = Table("cohort", "recruits")
        for name, count in found.cohorts:
            table.add_row(name, str(count))
        console.print(table)
    return ExitCode.OK
