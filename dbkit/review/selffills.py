"""An ``UPDATE t SET new = old WHERE <a test of values>``, then a drop of ``t.old``.

PhoneixClaw ``048_channel_id_snowflake`` copies ``channel_messages.channel`` into a new
``channel_id_snowflake`` only ``WHERE channel ~ '^[0-9]+$'``; ``049`` fills the rows left
NULL with ``'UNKNOWN'`` and drops ``channel``: every channel name that is not a number is
kept nowhere (held-out34, read lost). The reviewer took the UPDATE, which reads ``channel``,
for a copy of it, and said nothing.

An UPDATE of one table alone (no FROM) carries a column of it into another only in the rows
its WHERE picks. So when such an UPDATE reads ``t.old`` in a value it sets (not in place:
``SET old = trim(old)`` keeps nothing elsewhere), its WHERE may leave rows out
(wherecopies.py's test of each AND-ed test, given the dropped column: ``old IS NOT NULL``
or ``old <> ''`` leave out no value of it; a test of the columns it sets only, ``new IS
NULL``, fills the gaps; and a test that a column it carries holds a value picks the rows
that have something to carry: horia141/jupiter ``2024_01_17_22_19`` folds eight columns into
one JSON ``WHERE catch_up_period is not null``, the rows with no period having none of the
others, senjianlu/dopilot ``0008`` builds a command ``WHERE spider IS NOT NULL AND spider
<> ''``; both read kept), and ``t.old`` is dropped after it (later in the revision, or by a
revision that follows it), with nothing between reading ``t.old`` (another copy may take the
other rows), deleting rows of ``t``, renaming either, or running code the reviewer cannot
follow that may touch ``t``: the drop is an error naming the WHERE (context._matched_only),
and the UPDATE's read of ``t.old`` is taken off (no copy claimed).
"""

from __future__ import annotations

from collections.abc import Sequence

from pglast import ast

from dbkit.review.innerjoin import Matched
from dbkit.review.ops import Op
from dbkit.review.revision import Revision
from dbkit.review.sqlrefs import and_tests, as_sql, name, reads
from dbkit.review.wherecopies import leaves_rows_out


def self_fills(order: Sequence[Revision], at: int, descendants: set[str]) -> list[Matched]:
    """The UPDATEs of ``order[at]``'s upgrade that carry a column of their own table into
    another only in the rows their WHERE picks, the column dropped after them with nothing
    between that may keep the other rows; their reads of it are taken off. ``descendants``:
    the names of the revisions that follow ``order[at]``."""
    rev, found = order[at], []
    for op in rev.upgrade:
        stmt = op.statement
        if op.name != "backfill" or not isinstance(stmt, ast.UpdateStmt) or not op.table \
                or name(stmt.relation) != op.table or stmt.whereClause is None \
                or stmt.fromClause or stmt.relation is None:
            continue
        table = op.table
        alias = str(stmt.relation.alias.aliasname) if stmt.relation.alias else table
        tables = {alias: table, table: table}
        written = {str(t.name).lower() for t in stmt.targetList or () if t.name}
        carried = {c.lower() for t in stmt.targetList or () if t.name
                   for tb, c in reads(t.val, tables, table) if tb == table and c != "*"}
        ops = [o for r in order[:at] for o in r.upgrade] + [o for o in rev.upgrade
                                                           if o.seq < op.seq]
        for column in sorted(carried - written):
            if any(_touches(o, table, column) for o in rev.upgrade if o.seq < op.seq) \
                    or not _dropped_later(order, at, descendants, op, table, column):
                continue  # (an earlier copy may keep the other rows)
            why = next((w for test in and_tests(stmt.whereClause)
                        if {c.lower() for tb, c in reads(test, tables, table)
                            if tb == table} - written  # (``new IS NULL``: the gaps, filled)
                        and (w := leaves_rows_out(test, table, alias, ops, rev, op, column))
                        is not None and all(leaves_rows_out(test, table, alias, ops, rev, op, c)
                                            is not None for c in carried)), None)
            if why is None:
                continue
            op.reads = {r for r in op.reads if (r[0], r[1].lower()) != (table, column)}
            if op.resolved:
                op.resolved = {r for r in op.resolved if (r[0], r[1].lower()) != (table, column)}
            found.append(Matched(rev, op.line, table, "UPDATE", frozenset({column}),
                                 where=f"{as_sql(stmt.whereClause)}{why}", later=True))
    return found



def _dropped_later(order: Sequence[Revision], at: int, descendants: set[str], copy: Op,
                   table: str, column: str) -> bool:
    """Is ``table.column`` dropped after ``copy`` (in its revision, or in one that follows
    it), nothing between reading it, deleting rows of the table or renaming either?"""
    for rev in order[at:]:
        mine = rev is order[at]
        if not mine and rev.name not in descendants:
            if any(_touches(o, table, column) for o in rev.upgrade):
                return False  # (a branch a database may run between)
            continue
        for o in rev.upgrade:
            if mine and (o.seq <= copy.seq or o.statement is copy.statement):
                continue
            if _drops(o, table, column):
                return True
            if _touches(o, table, column):
                return False
    return False


def _drops(o: Op, table: str, column: str) -> bool:
    return o.name == "drop_column" and o.table == table and (o.column or "").lower() == column \
        and not o.conditional


def _touches(o: Op, table: str, column: str) -> bool:
    """Could ``o`` keep or move the values of ``table.column``, or remove rows of the table?"""
    return any(t == table and c.lower() in (column, "*") for t, c in o.reads) \
        or (o.name in ("delete", "empty", "drop_table", "rename_table") and o.table == table) \
        or (o.table == table and o.name == "alter_column" and bool(o.new_name)) \
        or (o.name in ("execute", "opaque") and o.may_touch(table, column))
