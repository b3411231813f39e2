"""unnamed-constraint: a constraint created or dropped with None for its name."""

from __future__ import annotations

from collections.abc import Iterator
from typing import TYPE_CHECKING

from dbkit.review.reader import CONSTRAINT_OPS
from dbkit.review.rules.base import ERROR, Rule

if TYPE_CHECKING:
    from dbkit.review.context import Context
    from dbkit.review.findings import Finding


KIND = {"create_foreign_key": "fk", "create_unique_constraint": "uq",
        "create_check_constraint": "ck", "create_primary_key": "pk"}


def check(ctx: Context) -> Iterator[Finding]:
    for rev in ctx.readable:
        for op in rev.upgrade + rev.downgrade:
            if op.name in CONSTRAINT_OPS and op.constraint is None \
                    and KIND.get(op.name) not in ctx.conventions:  # env.py's convention names it
                yield RULE.finding(
                    rev, op.line,
                    f"{op.name}(None, ...) on {op.table or 'a table'}: PostgreSQL makes up a "
                    "name, and the downgrade's drop_constraint(None, ...) cannot run.",
                    "name it (uq_<table>_<column>, fk_..., ck_...), or add a naming convention "
                    "to the models' MetaData and autogenerate again.")


RULE = Rule(
    id="unnamed-constraint",
    severity=ERROR,
    summary="`create_unique_constraint(None, ...)`, `drop_constraint(None, ...)`, ...",
    rationale="Without a name PostgreSQL invents one (`recruits_email_key`), and the "
              "downgrade Alembic wrote, `drop_constraint(None, ...)`, cannot say which "
              "constraint to drop: the downgrade fails.",
    fix="Name every constraint (`uq_recruits_email`), best through a naming convention on the "
        "models' `MetaData`, so autogenerate names them for you.",
    example='op.create_unique_constraint(None, "recruits", ["email"])',
    fixed='op.create_unique_constraint("uq_recruits_email", "recruits", ["email"])',
    check=check,
)
