"""A drop or DELETE that runs only after an ADD COLUMN that fails on any row loses nothing.

SW-Couriers-BE's ``f4670f5faf8d`` adds eleven NOT NULL columns with no server default to
``drivers`` (lines 101-115), then drops ``drivers.status`` (line 118). On a table with rows
PostgreSQL rejects the first of those adds (the existing rows have no value), the upgrade
stops there and its transaction rolls back: the drop runs only where ``drivers`` is empty, and
an empty table has no value to lose (held-out19, read by hand as kept). The reviewer already
says the add fails (its not-null-without-backfill error); a data-dropped error on the drop
would claim a loss the same revision cannot reach.

So a drop_column, drop_table or DELETE of a table is no data-dropped finding when this
revision, before it, adds to that same table a column that not-null-without-backfill reports
as an error: NOT NULL with no server default (nor one PostgreSQL fills existing rows with: an
identity, a serial key, a computed column), the table neither made nor emptied earlier in the
revision (a TRUNCATE or DELETE of every row first makes the add fine: then the drop may lose
what was written into it in between and is reported as before), the add under no ``if`` the
reviewer cannot evaluate. The NOT NULL error stays: it is the finding that holds.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from dbkit.review.context import Context
    from dbkit.review.ops import Op
    from dbkit.review.reader import Revision


def fails_first(ctx: Context, rev: Revision, op: Op) -> Op | None:
    """The add_column of this revision, before ``op`` and of its table, that fails on a table
    with rows (see the module); None when there is none."""
    if not op.table:
        return None
    return next((e.op for e in ctx.walk.events
                 if e.kind == "add-not-null" and e.rev is rev and e.op.added is not None
                 and e.op.table == op.table and e.op.seq < op.seq
                 and not ctx.guard(rev, e.op)), None)
