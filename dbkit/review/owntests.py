"""``if <what the statement under it removes exists>:``: a test that saves nothing.

A DELETE under ``if conn.execute(text("SELECT EXISTS (SELECT 1 FROM t WHERE p)")).scalar():``
that removes those very rows (``DELETE FROM t WHERE p``), or the rows tied to them (``DELETE
FROM a WHERE t_id IN (SELECT id FROM t WHERE p)``), or an UPDATE of them: when the test is
false there is nothing for it to remove or change; when it is true, it does. For loss it runs
as if there were no ``if``, so the reader leaves it unconditional (Recidiviz/pulse-dashboards
17301befb5e9 deletes its external intakes and their assessments so). A drop under a test of
``information_schema`` (or ``pg_tables``) that only its column or table exists is a drop IF
EXISTS: unconditional, and a no-op only where the chain shows the object was never made
(unmade.py); where the walk knows it exists, it runs.

Not such a test: one of other rows (another table, another WHERE, an alias), of anything else
in the catalog (a column's type, its nullability), a count compared with other than zero, a
test AND-ed or OR-ed with another; those leave the statement under an ``if`` the reviewer
cannot decide (branches.py). An ``if not <it exists>`` is left to exits.py and tabletests.py.
"""

from __future__ import annotations

import ast
import re

from pglast import ast as pg
from pglast.enums import SubLinkType

from dbkit.review.columntests import column_guarded
from dbkit.review.ops import Op
from dbkit.review.rowguards import Reading, Rows, bound_to, same_table, select_rows, tested_rows
from dbkit.review.sqlrefs import and_tests
from dbkit.review.sqlrefs import as_sql as _sql  # a WHERE as select_rows prints it
from dbkit.review.sqlrefs import name as table_name

# The catalogs that list columns and tables, and the names of the columns of theirs a test
# may pin (to a constant): schema, table (and column).
COLUMN_LISTS = {"information_schema.columns": ("table_schema", "table_name", "column_name")}
TABLE_LISTS = {"information_schema.tables": ("table_schema", "table_name", ""),
               "pg_tables": ("schemaname", "tablename", ""),
               "pg_catalog.pg_tables": ("schemaname", "tablename", "")}
_PINNED = re.compile(r"(?:\w+\.)?(\w+) = (?:'([^']*)'|(current_schema\(\)|CURRENT_SCHEMA))", re.I)


def unguarded(test: ast.expr, ops: list[Op], middle: int, reading: Reading
              ) -> tuple[list[Op], int]:
    """The ops of an ``if`` (its body's, then from ``middle`` on its ``else``'s) that its
    ``test`` leaves conditional, and where the ``else``'s start among them: less those of
    the body (not under an ``if`` of their own) that remove only what the test finds. A drop
    among those is marked IF EXISTS."""
    ops, middle = column_guarded(test, ops, middle, reading.functions,  # (columntests.py)
                                 lambda name: bound_to(name, reading), reading.scope)
    rows = tested_rows(test, reading)
    if rows is None:
        return ops, middle
    catalog = _catalog_object(rows)
    own = [op for op in ops[:middle] if not op.conditional and (
        _drops(op, catalog) if catalog else _removes(op.statement, rows))]
    for op in own:
        op.if_exists = op.if_exists or op.name in ("drop_column", "drop_table")
    return [op for op in ops if all(op is not o for o in own)], middle - len(own)


def _catalog_object(rows: Rows) -> tuple[str | None, str, str] | None:
    """(schema or None, table, column or "") whose existence a SELECT of the catalogs finds
    its rows for, when its WHERE only pins the table's name (and the column's, the schema's)
    to constants; None for any other SELECT."""
    lists = COLUMN_LISTS.get(rows.table.lower()) or TABLE_LISTS.get(rows.table.lower())
    if lists is None or not rows.where:
        return None
    pinned: dict[str, str | None] = {}
    for part in re.split(r"\s+AND\s+", rows.where, flags=re.I):
        found = _PINNED.fullmatch(part.strip().strip("()"))
        if found is None or found[1].lower() not in lists or found[1].lower() in pinned:
            return None
        pinned[found[1].lower()] = found[2]  # (None: the current schema)
    schema, table, column = (pinned.get(key) if key else "" for key in lists)
    if not table or (lists[2] and not column):
        return None
    return schema, table, column or ""


def _drops(op: Op, found: tuple[str | None, str, str]) -> bool:
    """Does ``op`` drop the very column (or table) ``found``?"""
    schema, table, column = found
    wanted = "drop_column" if column else "drop_table"
    if op.name != wanted or not op.table or (column and (op.column or "").lower() != column.lower()):
        return False
    own_schema, _, bare = op.table.replace('"', "").rpartition(".")
    return bare.lower() == table.lower() \
        and (schema is None or not own_schema or own_schema.lower() == schema.lower())


def _removes(stmt: object, rows: Rows) -> bool:
    """Is ``stmt`` a DELETE or an UPDATE (no join) of the rows ``rows`` finds (of any row of
    its table when the test has no WHERE), or of the rows whose key is ``IN`` a SELECT of
    exactly those rows?"""
    if not (isinstance(stmt, pg.DeleteStmt) and not stmt.usingClause) \
            and not (isinstance(stmt, pg.UpdateStmt) and not stmt.fromClause):
        return False
    where = stmt.whereClause
    if same_table(table_name(stmt.relation), rows.table) and (not rows.where or _sql(where) == rows.where):
        return True
    conjuncts = and_tests(where)
    for part in conjuncts:
        if isinstance(part, pg.SubLink) and part.subLinkType == SubLinkType.ANY_SUBLINK \
                and not part.operName:  # x IN (SELECT id FROM t WHERE p)
            inner = select_rows(part.subselect)
            if inner is not None and inner.kind == "rows" and same_table(inner.table, rows.table) \
                    and inner.where == rows.where:
                return True
    return False


