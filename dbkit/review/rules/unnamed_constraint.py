"""unnamed-constraint: a constraint created or dropped with None for its name."""

from __future__ import annotations

from collections.abc import Iterator
from typing import TYPE_CHECKING

from dbkit.review.dialect import made_up_name
from dbkit.review.reader import CONSTRAINT_OPS
from dbkit.review.rules.base import ERROR, WARNING, Rule

if TYPE_CHECKING:
    from dbkit.review.context import Context
    from dbkit.review.findings import Finding
    from dbkit.review.ops import Op
    from dbkit.review.revision import Revision


KIND = {"create_foreign_key": "fk", "create_unique_constraint": "uq",
        "create_check_constraint": "ck", "create_primary_key": "pk"}
# drop_constraint's type_ -> the op that creates that kind (zeus 14f53101b654: a foreign key
# dropped by None is not the unique constraint the upgrade named)
DROPPED = {"foreignkey": "create_foreign_key", "unique": "create_unique_constraint",
           "check": "create_check_constraint", "primary": "create_primary_key"}


def check(ctx: Context) -> Iterator[Finding]:
    for rev in ctx.readable:
        undone = {op.table for op in rev.downgrade
                  if op.name == "drop_constraint" and op.constraint is None}
        for op in rev.upgrade + rev.downgrade:
            if op.name not in CONSTRAINT_OPS or op.constraint is not None \
                    or KIND.get(op.name) in ctx.conventions:  # env.py's convention names it
                continue
            made_up = made_up_name(ctx.dialect, KIND.get(op.name) or KIND.get(
                DROPPED.get(op.constraint_type or "", "")), op.table)
            finding = RULE.finding(
                rev, op.line,
                f"{op.name}(None, ...) on {op.table or 'a table'}: {made_up}, and the "
                "downgrade's drop_constraint(None, ...) cannot run.",
                "name it (uq_<table>_<column>, fk_..., ck_...), or add a naming convention "
                "to the models' MetaData and autogenerate again.")
            if op.name == "drop_constraint" and op in rev.downgrade:
                yield _named_by_convention(ctx, rev, op) or _named_in_upgrade(rev, op, finding)
                continue
            if op.name == "drop_constraint" or op.table in undone:
                yield finding
                continue
            # Created without a name and never dropped by None here: the database's name
            # works; only a later drop must find it (OpenStack chains have no downgrades).
            yield finding.replace(
                severity=WARNING,
                message=f"{op.name}(None, ...) on {op.table or 'a table'}: {made_up}, "
                        "which a later drop must look up.")


def _named_by_convention(ctx: Context, rev: Revision, op: Op) -> Finding | None:
    """A downgrade's drop_constraint(None, ...) of a kind env.py's naming convention names
    (nepms-pharmacy-pos 86f743e22366): PostgreSQL made up no name, the convention gave one;
    the downgrade still fails, since Alembic drops nothing without a name."""
    if KIND.get(DROPPED.get(op.constraint_type or "", "")) not in ctx.conventions:
        return None
    kind = KIND[DROPPED[op.constraint_type or ""]]
    return RULE.finding(
        rev, op.line,
        f"drop_constraint(None, ...) on {op.table}: Alembic cannot drop a constraint without "
        "its name, so the downgrade fails; env.py's naming convention named the one the "
        "upgrade made.",
        f"drop it by the name the convention gave it: op.drop_constraint(op.f(\"{kind}_...\"), "
        f"\"{op.table}\", ...).")


def _named_in_upgrade(rev: Revision, op: Op, finding: Finding) -> Finding:
    """A downgrade's drop_constraint(None, ...) of a table whose constraint the upgrade
    named: PostgreSQL made up no name; the downgrade only does not use the one given."""
    named = [o for o in rev.upgrade if o.name in KIND and o.table == op.table
             and isinstance(o.constraint, str)
             and o.name == DROPPED.get(op.constraint_type or "", o.name)]  # the same kind
    unnamed = [o for o in rev.upgrade if o.name in KIND and o.table == op.table
               and o.constraint is None and o.name == DROPPED.get(op.constraint_type or "", o.name)]
    if not named or unnamed:  # (one made by None too: the drop may be of that one)
        return finding
    if len(named) > 1:  # shadow-hockey c8a1f0cd030d: three foreign keys named, three None drops
        names = ", ".join(f"{o.constraint} (line {o.line})" for o in named)
        return finding.replace(
            message=f"drop_constraint(None, ...) on {op.table}: Alembic cannot drop a "
                    f"constraint without its name, so the downgrade fails; the upgrade names "
                    f"them {names}.",
            fix="drop each by its name: op.drop_constraint(\"<name>\", "
                f"\"{op.table}\", ...).")
    name = named[0].constraint
    return finding.replace(
        message=f"drop_constraint(None, ...) on {op.table}: Alembic cannot drop a constraint "
                f"without its name, so the downgrade fails; the upgrade names it {name} "
                f"(line {named[0].line}).",
        fix=f"drop it by that name: op.drop_constraint(\"{name}\", \"{op.table}\", ...).")


RULE = Rule(
    id="unnamed-constraint",
    severity=ERROR,
    summary="`create_unique_constraint(None, ...)`, `drop_constraint(None, ...)`, ...",
    rationale="Without a name PostgreSQL invents one (`recruits_email_key`), and the "
              "downgrade Alembic wrote, `drop_constraint(None, ...)`, cannot say which "
              "constraint to drop: the downgrade fails. That is an error, on the drop and "
              "on the create it undoes. A constraint created without a name that no "
              "`drop_constraint(None, ...)` drops (a chain without downgrades) breaks "
              "nothing: a warning, since a later drop must look PostgreSQL's name up. On "
              "MySQL the message names MySQL's names (`<table>_ibfk_<n>`).",
    fix="Name every constraint (`uq_recruits_email`), best through a naming convention on the "
        "models' `MetaData`, so autogenerate names them for you.",
    example='op.create_unique_constraint(None, "recruits", ["email"])  # upgrade()\n'
            'op.drop_constraint(None, "recruits", type_="unique")  # downgrade()',
    fixed='op.create_unique_constraint("uq_recruits_email", "recruits", ["email"])\n'
          'op.drop_constraint("uq_recruits_email", "recruits", type_="unique")',
    check=check,
)
