"""A NOT NULL said again: if the first one ran, the second cannot fail.

beaker makes ``recipe_task.status`` NOT NULL in 431e4e2ccbba (a warning there: what the
reviewer could not follow may fill it) and again in the next revision: that second NOT NULL
is no new failure. Only an earlier NOT NULL on the same column in this revision or one it
descends from counts, not under an ``if``, with nothing between that drops, re-adds, makes
nullable or renames the column, or drops, creates or renames its table.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from dbkit.review.context import Context
    from dbkit.review.ops import Op
    from dbkit.review.reader import Revision

_TABLE_CHANGES = ("drop_table", "create_table", "rename_table")


def restated(ctx: Context, rev: Revision, op: Op) -> Op | None:
    """The earlier NOT NULL ``op`` (a set NOT NULL) says again, or None."""
    column = (op.column or "").lower()
    for earlier in [rev, *ctx.ancestors(rev, len(ctx.chain.order))]:  # nearest first
        for other in sorted(earlier.upgrade, key=lambda o: -o.seq):  # latest first
            if earlier is rev and other.seq >= op.seq:
                continue
            if other.name in _TABLE_CHANGES and op.table in (other.table, other.new_name):
                return None
            if other.table != op.table or (other.column or "").lower() != column:
                continue
            if _sets_not_null(other) and not other.conditional and not other.new_name:
                return other
            if other.name in ("drop_column", "add_column") or other.nullable is True \
                    or other.new_name:
                return None
    return None


def _sets_not_null(op: Op) -> bool:
    return op.name == "set_not_null" or (op.name == "alter_column" and op.nullable is False)
