"""An UPDATE of another table that reads some columns of rows a DELETE then removes keeps
only those columns.

The CRM's ``20260113_1130`` re-points its surrogates off three stages it removes (``UPDATE
surrogates s SET stage_id = target.id, status_label = target.label FROM pipeline_stages
old_stage JOIN pipeline_stages target ON ... WHERE s.stage_id = old_stage.id AND
old_stage.slug = 'applied'``), then ``DELETE FROM pipeline_stages WHERE slug = 'applied' AND
...``. The UPDATE reads ``pipeline_stages`` (the target's label, the old stage's id), and
the reviewer took it for a copy of the rows deleted: no finding at all. But what the deleted
stages held, their label, color, order, type, is written nowhere (held-out14, read lost).

An UPDATE writes values into rows that are already there: it keeps of the rows it reads the
columns it reads, no more. So a copy first that is an UPDATE of another table, in this
revision before the DELETE (all of them taken together), keeps the deleted rows only when
it reads every column they hold, as the chain gives the table (dupekeys.columns_at;
not its ids, nor the time a row was written, nor a column the DELETE's WHERE pins to a
constant: those values are in the WHERE). A ``SELECT *`` of them, an INSERT ... SELECT, a
table made outside the chain (columns not known) stay copies as before, and so does an
earlier revision's UPDATE: re-pointing and deleting in one revision is the shape read here
(viseron ``620b4d1e5736`` deletes the files an earlier revision's UPDATE read created_at
of, rows held-out10's reader found none of: not claimed).
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from dbkit.review.dupekeys import columns_at, held

if TYPE_CHECKING:
    from dbkit.review.context import Context
    from dbkit.review.ops import Op
    from dbkit.review.reader import Revision


def uncopied(ctx: Context, rev: Revision, delete: Op, copy: Op | None) -> tuple[str, ...]:
    """The columns of the rows ``delete`` removes that ``copy`` (an UPDATE of another table,
    with this revision's other UPDATEs before the delete) reads none of; () when it is no
    such UPDATE, or the reviewer does not know the table's columns."""
    if copy is None or copy.name != "backfill" or not delete.table or copy.table == delete.table \
            or not any(o is copy for o in rev.upgrade):
        return ()  # (an UPDATE of the table itself: selfcopy.py's; an earlier revision's)
    columns = columns_at(ctx, rev, delete)
    if not columns:
        return ()
    updates = [copy, *(o for o in rev.upgrade if o.seq < delete.seq and o.name == "backfill"
                       and o.table != delete.table)]
    read = {c.lower() for o in updates for t, c in o.reads if t == delete.table}
    if "*" in read:
        return ()
    pinned = {c.lower() for c in delete.pinned}
    return tuple(c for c in held(delete.table, columns) if c.lower() not in read | pinned)
