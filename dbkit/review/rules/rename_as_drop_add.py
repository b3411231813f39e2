"""rename-as-drop-add: a rename written as drop + add, which loses every value."""

from __future__ import annotations

from collections.abc import Iterator
from typing import TYPE_CHECKING

from dbkit.review.context import RUN_HINT
from dbkit.review.failsfirst import fails_first
from dbkit.review.rules.base import ERROR, WARNING, Rule
from dbkit.review.samecommit import same_commit_note

if TYPE_CHECKING:
    from dbkit.review.context import Context
    from dbkit.review.findings import Finding


def check(ctx: Context) -> Iterator[Finding]:
    for drop in ctx.drops:
        if not drop.lost or drop.partner is None:
            continue
        rev, op = drop.rev, drop.op
        doubt = ctx.doubt(rev, op)
        if doubt:
            what = f"{op.table}.{op.column}" if op.name == "drop_column" else f"table {op.table}"
            yield RULE.finding(rev, op.line, f"{what} is dropped with no copy of its values "
                               f"seen, but {doubt}{RUN_HINT}".rstrip()).replace(severity=WARNING)
            continue
        other, add, where = drop.partner.rev, drop.partner.op, drop.partner.where
        place = f"line {add.line}" if other is rev else f"{other.shown}:{add.line}"
        if op.name == "drop_column" and add.added:
            new = add.added.name
            message = (f"{op.table}.{op.column} is dropped and {op.table}.{new} added ({place}): "
                       f"that is not a rename, every {op.column} value is lost."
                       f"{fails_first(ctx, rev, op)}{same_commit_note(ctx, rev, op)}")
            if where == "same":
                fix = (f"op.alter_column(\"{op.table}\", \"{op.column}\", new_column_name=\"{new}\") "
                       "instead of the drop and the add, and the reverse in downgrade().")
            elif where == "parent":  # both columns exist now: carry the values over first
                fix = (f"copy the values before the drop: op.execute(\"UPDATE {op.table} SET {new} = "
                       f"{op.column} WHERE {new} IS NULL\"), and the reverse in downgrade().")
            else:
                fix = (f"rename instead: op.alter_column(\"{op.table}\", \"{op.column}\", "
                       f"new_column_name=\"{new}\") here, and no add_column in {other.shown}.")
            yield RULE.finding(rev, op.line, message, fix)
        else:
            fix = (f"op.rename_table(\"{op.table}\", \"{add.table}\") instead, and the reverse in "
                   "downgrade()." if where != "parent" else
                   f"copy the rows first (INSERT INTO {add.table} SELECT ... FROM {op.table}), "
                   "and the reverse in downgrade().")
            yield RULE.finding(
                rev, op.line,
                f"Table {op.table} is dropped and {add.table} created ({place}): "
                f"that is not a rename, every row of {op.table} is lost."
                f"{fails_first(ctx, rev, op)}{same_commit_note(ctx, rev, op)}", fix)


RULE = Rule(
    id="rename-as-drop-add",
    severity=ERROR,
    summary="drop X + add Y on one table (or drop_table + create_table), in one revision or "
            "two consecutive ones, when the names and types say it is a rename: X's data is lost",
    rationale="Autogenerate cannot tell a rename from a drop and an add, so it writes every "
              "rename as `drop_column` + `add_column`. Run as written, the upgrade throws away "
              "every value of the old column and leaves the new one empty (or fails on NOT NULL). "
              "When git added the revision that made the table in the same commit, the message "
              "says so, as for data-dropped.",
    fix="Replace the pair by a real rename, and write the reverse in `downgrade()`: "
        "`op.alter_column(table, old, new_column_name=new)` for a column, "
        "`op.rename_table(old, new)` for a table. When the new column was added by an "
        "earlier revision (both exist now), copy the values into it before the drop instead. "
        "The reviewer pairs a drop with an add only on evidence: the same table, a compatible "
        "type, names that look renamed (`chatname` and `rocketchat_user` share `chat`), no "
        "equally good other candidate, and not more columns of the table dropped than added "
        "(several out and one in is a reshape); a table only with its columns known, the same "
        "foreign-key columns and most columns in common (a table keyed to another parent is "
        "another table); when unsure it reports `data-dropped` and names the add.",
    example='op.add_column("recruits", sa.Column("rocketchat_user", sa.String(100)))\n'
            'op.drop_column("recruits", "chatname")',
    fixed='op.alter_column("recruits", "chatname", new_column_name="rocketchat_user")',
    check=check,
)
