"""A fill that copies a column of another table which may hold NULL fills no NULL for sure.

``UPDATE tertiary_sales_and_stock t SET distributor_id = p.distributor_id FROM pharmacies p
WHERE t.pharmacy_id = p.id`` (Janybek2007/ingo360-backend c3b1f6a2d4e9) fills each row with
its pharmacy's distributor; but ``pharmacies.distributor_id`` is nullable at that point of
the chain (6de555083ff2 made it so): a row whose pharmacy holds NULL there stays NULL, and a
later NOT NULL (677e947c3a24) fails on it. The walk counts such a fill as one that reaches
only some NULLs (``partly_filled``): the NOT NULL after it is a warning that names the
fill, not silence. Only a SET of a plain column of another table of the FROM, whose
nullability the chain shows; a ``COALESCE``, a literal, a column of the same row, or a table
the chain does not show stay a full fill.
"""

from __future__ import annotations

from collections.abc import Mapping

from pglast import ast

from dbkit.review.ops import ColumnInfo, Op
from dbkit.review.sqlrefs import name


def copied_nulls(tables: Mapping[str, Mapping[str, ColumnInfo]], op: Op, column: str) -> str:
    """"" unless ``op`` (a backfill) sets ``column`` to a nullable column of another table of
    its FROM; else what it does, for the NOT NULL's warning."""
    stmt = op.statement
    if not isinstance(stmt, ast.UpdateStmt) or not stmt.fromClause:
        return ""
    aliases = {}
    for item in stmt.fromClause:
        if isinstance(item, ast.RangeVar) and (table := name(item)):
            aliases[str(item.alias.aliasname if item.alias else item.relname).lower()] = table
    for target in stmt.targetList or ():
        value = getattr(target, "val", None)
        if (target.name or "").lower() != column.lower() or not isinstance(value, ast.ColumnRef):
            continue
        fields = [getattr(f, "sval", None) for f in value.fields or ()]
        if len(fields) != 2 or not all(isinstance(f, str) for f in fields):
            return ""
        source = aliases.get(str(fields[0]).lower())
        info = tables.get(source or "", {}).get(str(fields[1]))
        if source and source != op.table and info is not None and info.nullable:
            return (f"copies {source}.{fields[1]}, nullable there (a row whose {source} "
                    "holds NULL keeps its NULL)")
    return ""
