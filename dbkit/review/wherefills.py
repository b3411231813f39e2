"""An ``UPDATE t ... FROM o WHERE o.key = t.c AND <a test of o>``, then a drop of ``t.c``.

spice-coaching ``0037`` moves ``chw_training_request`` from a module family to a module:
``UPDATE chw_training_request SET module_id = mf.current_published_module_id FROM
module_family mf WHERE mf.id = chw_training_request.module_family_id AND
mf.current_published_module_id IS NOT NULL``, then drops ``module_family_id``. The rows
whose family has no published module keep NULL in module_id (and a fixed placeholder text):
which family they asked for is kept nowhere (held-out16, read lost). The reviewer took the
UPDATE, which reads module_family_id, for a copy of it, and said nothing.

The UPDATE carries ``t.c`` only into the rows its WHERE picks. So, in one revision, an
UPDATE of ``t`` from one other table, the only statement reading ``t.c``, whose WHERE joins
on ``t.c`` and also tests the other table in a way that may leave rows out (wherecopies.py's
test: a test of values, or ``IS NOT NULL`` of a column the chain shows nullable), then a
drop of ``t.c``, keeps some rows' values only: the drop is an error naming the WHERE
(context._matched_only). Not claimed when the revision deletes rows of ``t`` (those left
out may be them), nor for a drop in a later revision, nor for a value from code in the
WHERE.
"""

from __future__ import annotations

from collections.abc import Iterable

from pglast import ast

from dbkit.review.innerjoin import Matched
from dbkit.review.revision import Revision
from dbkit.review.sqlrefs import aliases, and_tests, as_sql, name, reads
from dbkit.review.wherecopies import dropped_after, leaves_rows_out, read_elsewhere


def where_fills(rev: Revision, before: Iterable[Revision]) -> list[Matched]:
    """The UPDATEs of ``rev``'s upgrade that carry a column of their own table into only the
    rows their WHERE picks, the column dropped later in ``rev``; their reads of it are taken
    off (no copy claimed). ``before``: the revisions of the chain before ``rev``."""
    found: list[Matched] = []
    for op in rev.upgrade:
        stmt = op.statement
        if op.name != "backfill" or not isinstance(stmt, ast.UpdateStmt) or not op.table \
                or name(stmt.relation) != op.table or stmt.whereClause is None:
            continue
        sources = stmt.fromClause or ()
        if len(sources) != 1 or not isinstance(sources[0], ast.RangeVar):
            continue
        other = name(sources[0])
        if not other or other == op.table:
            continue
        table = op.table
        relation = stmt.relation
        if relation is None:
            continue
        mine = str(relation.alias.aliasname) if relation.alias else table
        tables = {**aliases(stmt.fromClause), mine: table, table: table}
        where = stmt.whereClause
        tests = and_tests(where)
        keys = {c.lower() for test in tests for t, c in reads(test, tables, None)
                if t == table and c != "*"}
        dropped = [c for c in keys if dropped_after(rev, op, table, c)]
        if len(dropped) != 1 or read_elsewhere(rev, op, table, dropped[0]):
            continue
        alias = next((a for a, t in tables.items() if t == other and a != other), other)
        theirs = [t for t in tests if (refs := reads(t, tables, None))
                  and all(tb == other for tb, _ in refs)]  # (an unqualified column: not)
        ops = [o for r in before for o in r.upgrade] + [o for o in rev.upgrade
                                                        if o.seq < op.seq]
        why = next((w for t in theirs
                    if (w := leaves_rows_out(t, other, alias, ops, rev, op)) is not None), None)
        if why is None:
            continue
        column = dropped[0]
        op.reads = {r for r in op.reads if (r[0], r[1].lower()) != (table, column)}
        if op.resolved:
            op.resolved = {r for r in op.resolved if (r[0], r[1].lower()) != (table, column)}
        found.append(Matched(rev, op.line, table, "UPDATE", frozenset({column}),
                             where=f"{as_sql(where)}{why}"))
    return found
