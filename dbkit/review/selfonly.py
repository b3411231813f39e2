"""Code not followed that works on the dropped table alone keeps none of its rows.

Before a ``drop_table`` of t, a loop of an earlier revision the reviewer cannot unroll (a loop
over the rows of a SELECT) casts doubt on the drop only if it may have carried t's values
somewhere the drop leaves. When every statement it runs names t and no other table (its
``touches``: each SQL statement parsed, no ORM class, no call the reviewer cannot read), it
writes nothing that inserts, copies or creates, and its revision writes nothing out of the
database (a file, a network call), whatever it read of t went back into t: the drop takes it
all (Capsize-Games/airunner 533e97f2b74c renames duplicate ``fine_tuned_models`` names in a
loop of ``UPDATE fine_tuned_models SET name = ...``; eda751de4bed drops the table). A drop of
a column is another matter: the loop may have copied it into another column of t, which
stays; unless every statement of the loop writes that very column and no other
(drone-video-analysis-server 2f5fbc810c75 sets a random ``users.stream_key`` row by row,
63ee941215d0 drops it: held-out41, read by hand).
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from dbkit.review.sinks import writes_outside

if TYPE_CHECKING:
    from dbkit.review.ops import Op
    from dbkit.review.revision import Revision

COPIES = frozenset({"insert", "into", "copy", "create"})


def only_itself(rev: Revision, loop: Op, drop: Op) -> bool:
    """Does ``loop`` (of ``rev``) touch the table ``drop`` drops and nothing else, writing
    into nothing but it (for a column: into nothing but that column)?"""
    if drop.name not in ("drop_table", "drop_column") or not drop.table or loop.touches is None \
            or loop.stores is None or loop.stores & COPIES:
        return False
    bare = drop.table.rpartition(".")[2].lower()
    if {t.rpartition(".")[2].lower() for t in loop.touches} != {bare} or writes_outside(rev):
        return False
    if drop.name == "drop_table":
        return True
    inner = [o for o in rev.upgrade if o is not loop and loop.line <= o.line <= loop.end_line]
    return bool(inner) and all(
        {c.lower() for _, c in o.writes} == {(drop.column or "").lower()} for o in inner)
