"""A DELETE of every row after an INSERT ... SELECT of only some of its columns keeps only those.

alpha-board ``029_season2_reset`` closes every open position into the trade history
(``INSERT INTO agent_trades (agent_id, symbol_id, direction, entry_price, ...) SELECT
agent_id, symbol_id, ... FROM agent_positions``), then ``DELETE FROM agent_positions`` with
no WHERE. The positions' ``stop_loss`` and ``take_profit``, added by ``002`` and written by
the application, are copied nowhere (held-out23, read lost). The reviewer took any copy of
the table before the DELETE for a copy of every row and every value, and said nothing.

A copy keeps of the rows it reads the columns it reads, no more: the drop of a table after
a copy of only some of its columns is an error that names the others (drops._uncopied), and
so is a DELETE with a WHERE (partcopy.py). A DELETE of every row (or a TRUNCATE) is read the
same way, with partcopy.py's rules on which columns count (not the table's ids, nor the time
a row was written; every INSERT ... SELECT and UPDATE of another table reading it before the
DELETE counts together). Left as before (no finding): a read of the rows into code (what the
code keeps is not known), a ``SELECT *``, an UPDATE or INSERT of the table itself, a table
whose columns the chain does not show.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from dbkit.review.partcopy import uncopied

if TYPE_CHECKING:
    from dbkit.review.context import Context
    from dbkit.review.ops import Op
    from dbkit.review.reader import Revision


def wiped_uncopied(ctx: Context, rev: Revision, delete: Op) -> tuple[Op | None, tuple[str, ...]]:
    """(the first copy, the columns none of the copies reads) for ``delete``, a DELETE of
    every row of a table that ``rev`` copied some columns of first; (None, ()) when it made
    or emptied the table before, read its rows into code, or copied every column."""
    copies: list[Op] = []
    for other in rev.upgrade:
        if other.seq >= delete.seq:
            break
        if other.name in ("create_table", "empty") and other.table == delete.table \
                and not other.column:
            return None, ()
        if other.name in ("read", "insert", "backfill") \
                and any(t == delete.table for t, _ in other.reads):
            copies.append(other)
    if not copies or any(o.name == "read" for o in copies):
        return None, ()
    lost = uncopied(ctx, rev, delete, copies[0])
    return (copies[0], lost) if lost else (None, ())
