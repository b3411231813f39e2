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

An INSERT ... SELECT into another table that names the columns it reads keeps of the rows
only those columns too, whichever revision runs it (threatconnectome ``55bb39ec2d69``
deletes the disabled pteams after ``b51315587b5d``'s INSERT into pteamslack read only
their id and slack_webhook_url: their name and contact_info are kept nowhere, held-out16,
read lost). Every INSERT ... SELECT and UPDATE of another table reading the table before
the DELETE counts together; a ``*`` among them, or a table whose columns are not known,
keeps it a copy.
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
    with this revision's other UPDATEs before the delete; or an INSERT ... SELECT into
    another table, with every other one before the delete) reads none of; () when it is no
    such copy, or the reviewer does not know the table's columns."""
    mine = any(o is copy for o in rev.upgrade)
    if copy is None or not delete.table or copy.table == delete.table \
            or not (copy.name == "backfill" and mine or copy.name == "insert"):
        return ()  # (an UPDATE of the table itself: selfcopy.py's; an earlier revision's)
    columns = columns_at(ctx, rev, delete)
    if not columns:
        return ()
    earlier = [o for r in ctx.ancestors(rev, len(ctx.chain.revisions)) for o in r.upgrade
               if o.name == "insert"] if copy.name == "insert" else []
    updates = [copy, *earlier, *(o for o in rev.upgrade if o.seq < delete.seq
                                 and o.name in ("backfill", "insert"))]
    updates = [o for o in updates if o.table != delete.table]
    read = {c.lower() for o in updates for t, c in o.reads if t == delete.table}
    if "*" in read:
        return ()
    pinned = {c.lower() for c in delete.pinned}
    return tuple(c for c in held(delete.table, columns) if c.lower() not in read | pinned)
