"""``report``: for each environment, its revision and how many recruits each cohort has."""

from __future__ import annotations

import argparse
from collections.abc import Sequence

from dbkit import database, revisions
from dbkit.cli.servers import _checked
from dbkit.database import ENVIRONMENTS


def main(argv: Sequence[str]) -> int:
    import sqlalchemy as sa
    from rich.console import Console
    from rich.table import Table

    from models import Cohort, Recruit

    parser = argparse.ArgumentParser(prog="python -m dbkit report")
    parser.add_argument("env", nargs="*", help="dev and/or prod (default: both)")
    envs = _checked(parser, parser.parse_args(argv).env) or list(ENVIRONMENTS)

    console = Console()
    for env in envs:
        with database.connected(database.target_for(env)) as (target, connection):
            at = revisions.current(connection)
            console.print(f"[bold]{env}[/bold] {target.address} at {revisions.describe(at)}")
            if at != revisions.head():
                console.print(f"  not at head: run `ENV={env} alembic upgrade head`")
                continue
            table = Table("cohort", "recruits")
            rows = connection.execute(
                sa.select(Cohort.name, sa.func.count(Recruit.id))
                .outerjoin(Recruit).group_by(Cohort.name).order_by(Cohort.name))
            for name, count in rows:
                table.add_row(name, str(count))
        console.print(table)
    return 0
