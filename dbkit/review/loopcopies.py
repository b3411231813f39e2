"""A loop that writes, over rows read from a table before its drop: it may carry them.

Code the reviewer cannot follow names the tables it writes (``touches``); a loop whose
f-string INSERTs go into another table does not touch the dropped one, yet it goes over
rows a SELECT of that table read just before: each row may be written on (iris-web
875edc4adb40: ``select id, task_assignee_id from case_tasks``, then one ``insert into
task_assignee ... values ({task[1]}, {task[0]})`` per row, then the drop of
``case_tasks.task_assignee_id``). The drop is no proof: a warning naming the loop.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from pglast import ast

from dbkit.review.sqlrefs import aliases

if TYPE_CHECKING:
    from dbkit.review.ops import Op
    from dbkit.review.revision import Revision

_WRITES = frozenset({"insert", "update", "bulk_insert", "add", "merge"})


def carries_read(rev: Revision, loop: Op, op: Op) -> bool:
    """Does ``loop`` (code not followed, before drop ``op``) write somewhere, after a SELECT
    of the revision read the dropped column (or, for a table, any of its rows)?"""
    if op.name not in ("drop_column", "drop_table") or loop.name != "opaque" \
            or not loop.touches or not (loop.stores or frozenset()) & _WRITES \
            and not (loop.mentions or frozenset()) & _WRITES:
        return False
    return any(o.name == "read" and o.seq < loop.seq and _reads(o, op) for o in rev.upgrade)


def _reads(read: Op, op: Op) -> bool:
    if op.column:
        return read.reads_column(op.table, op.column)
    return any(t == op.table for t, _ in read.reads) or (
        bool(read.reads) and op.table in _tables(read.statement))


def _tables(statement: object) -> set[str]:
    """Every table a SELECT names in its FROM (joins included)."""
    return set(aliases(statement, subqueries=True).values()) if isinstance(statement, ast.Node) \
        else set()
