"""``op.alter_column("t", "c", nullable=False, existing_server_default=...)`` on a column the
chain never shows made: the revision itself says the column has a server default.

route_optimizer's ``ccbb9fc2db2c`` makes 28 columns NOT NULL after an empty baseline revision;
the tables were made outside the chain (``infra/postgres/init.sql``), every one of those
columns with a DEFAULT, and each ``alter_column`` records it (``existing_server_default=
sa.text('now()')``). A column with a server default holds NULL only in rows some code wrote
NULL into explicitly (or rows made before the default was set), which no revision shows: the
NOT NULL fails only then. That is no proof of a failure, so the finding is a warning that
names the default and says what the reviewer could not see.

It stays an error when the chain shows how the column came to be (a ``create_table`` or an
``add_column`` of it: the walk then knows whether it had a default, and a column added
nullable without one to a table with rows holds NULL until something fills it, whatever
default came later). (An ``UPDATE t SET c = NULL`` before the NOT NULL is read as a fill of
it, reported by data-dropped when it loses values: not this module's case.)
"""

from __future__ import annotations

from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from dbkit.review.context import Context
    from dbkit.review.ops import Op
    from dbkit.review.reader import Revision


def default_kept(ctx: Context, rev: Revision, op: Op) -> str:
    """"" unless ``op`` (a NOT NULL with no fill seen) says the column has a server default,
    and no revision up to it makes the column; else why the NOT NULL is no proof of a
    failure, for a warning's message."""
    if not op.had_default or not op.table or not op.column:
        return ""
    column = op.column.lower()
    for each in ctx.chain.order:
        for other in each.upgrade:
            if each is rev and other.seq >= op.seq:
                break
            if _makes(other, op.table, column):
                return ""
        if each is rev:
            break
    return (f"the revision says it has a server default ({op.had_default}) and no revision "
            "shows the column made: its rows hold NULL only where code wrote NULL explicitly "
            "(or wrote rows before the default was set), which the reviewer cannot see. ")


def _makes(other: Op, table: str, column: str) -> bool:
    if other.table != table:
        return False
    if other.name == "create_table":
        return True  # its columns are known to the walk: no doubt on them
    if other.name == "add_column":
        return (other.column or "").lower() == column
    return other.name == "alter_column" and (other.new_name or "").lower() == column

