"""A fill that copies a column of another table which may hold NULL fills no NULL for sure.

``UPDATE tertiary_sales_and_stock t SET distributor_id = p.distributor_id FROM pharmacies p
WHERE t.pharmacy_id = p.id`` (Janybek2007/ingo360-backend c3b1f6a2d4e9) fills each row with
its pharmacy's distributor; but ``pharmacies.distributor_id`` is nullable at that point of
the chain (6de555083ff2 made it so): a row whose pharmacy holds NULL there stays NULL, and a
later NOT NULL (677e947c3a24) fails on it. The walk counts such a fill as one that reaches
only some NULLs (``partly_filled``): the NOT NULL after it is a warning that names the
fill, not silence. Only a SET of a plain column of another table of the FROM, whose
nullability the chain shows; a ``COALESCE``, a literal, a column of the same row, or a table
the chain does not show stay a full fill. So does, but for this: a scalar subquery of an
aggregate (``MAX``, ``SUM``...) with a WHERE, which gives NULL where it finds no row.
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
    if not isinstance(stmt, ast.UpdateStmt):
        return ""
    for target in stmt.targetList or ():
        if (target.name or "").lower() == column.lower() and (found := _aggregate(target.val)):
            return found
    if not stmt.fromClause:
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


# aggregates that give NULL over no row (count gives 0)
_EMPTY_NULL = {"max", "min", "sum", "avg", "array_agg", "string_agg", "bool_and", "bool_or"}


def _aggregate(value: object) -> str:
    """"" unless ``value`` is a scalar subquery of one such aggregate with a WHERE (``(SELECT
    MAX(created_at) FROM ticket_replies WHERE ticket_id = tickets.id)``: swarmsmp-site
    ddf331087a1a, held-out43): a row its WHERE finds nothing for gets NULL; else what it does."""
    if not isinstance(value, ast.SubLink) or not isinstance(value.subselect, ast.SelectStmt):
        return ""
    select = value.subselect
    targets = select.targetList or ()
    call = targets[0].val if len(targets) == 1 else None
    names = [getattr(n, "sval", "") for n in call.funcname or ()] \
        if isinstance(call, ast.FuncCall) else []
    if not names or str(names[-1]).lower() not in _EMPTY_NULL or select.whereClause is None:
        return ""
    tables = [name(t) for t in select.fromClause or () if isinstance(t, ast.RangeVar)]
    return (f"sets it to the {str(names[-1]).upper()}(...) of the rows of "
            f"{', '.join(t for t in tables if t) or 'a subquery'} its WHERE picks, NULL "
            "where it picks none")
