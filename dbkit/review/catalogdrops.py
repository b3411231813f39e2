"""A loop that drops every table a catalog query lists.

``rows = conn.execute(text("SELECT tablename FROM pg_tables WHERE schemaname = 'public' AND
tablename <> 'alembic_version'")).fetchall()``, then ``for (name,) in rows:
op.execute(f'DROP TABLE IF EXISTS "{name}" CASCADE')`` (yeotaeho/roadmap 9f2a6d4e1b0c,
held-out42: a reset to two tables, every other one dropped with its rows): a drop of a
name the reviewer cannot read, run once for each table of the schema. The walk knows the
tables the chain has made there by then; the loop drops each of them but those the query
leaves out by name, and each is read as a ``drop_table`` of that table on the loop's line
(its rows lost unless a copy is seen, as for any drop; the revision's later
``create_table`` of one of them is no "applied twice").

Only on this evidence: the drop's name is one hole (``"{name}"``), the drop sits in a loop
over rows, and the revision's only read before it is a catalog query (``pg_tables``,
``information_schema.tables``) of one column, the table's name, whose WHERE says only the
schema's name and tables left out by name (``<>``, ``NOT IN``); else nothing changes.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from dataclasses import replace
from typing import TYPE_CHECKING

from pglast import ast
from pglast.enums import A_Expr_Kind, BoolExprType

if TYPE_CHECKING:
    from dbkit.review.ops import Op
    from dbkit.review.reader import Revision

# a catalog of tables: (its schema, its name) -> (the column of schemas, of table names)
CATALOGS = {(None, "pg_tables"): ("schemaname", "tablename"),
            ("pg_catalog", "pg_tables"): ("schemaname", "tablename"),
            ("information_schema", "tables"): ("table_schema", "table_name")}
_HOLE = re.compile(r"^\{\w*\}$")


def expand(tables: Iterable[str], rev: Revision) -> None:
    """In ``rev.upgrade``, each drop of every table a catalog query lists becomes the drops
    of the tables (of ``tables``, those the schema has as the revision starts, and those the
    revision made before the loop) that the query reaches."""
    known = list(tables)
    for index in reversed(range(len(rev.upgrade))):
        op = rev.upgrade[index]
        listed = _listed(rev, op) if op.name == "drop_table" else None
        if listed is None:
            continue
        schema, left_out = listed
        made = [o.table for o in rev.upgrade[:index] if o.name == "create_table" and o.table]
        reached = [t for t in dict.fromkeys(known + made)
                   if _in_schema(t, schema) and t.rpartition(".")[2] not in left_out]
        rev.upgrade[index:index + 1] = [replace(op, table=t, params=frozenset()) for t in reached]


def looked_up(op: Op) -> bool:
    """Is ``op``'s table a name the SQL leaves to be filled in as it runs (``"{name}"``)?"""
    return _HOLE.match(op.table or "") is not None


def _listed(rev: Revision, op: Op) -> tuple[str, set[str]] | None:
    """(schema, tables left out) of the catalog query whose rows ``op`` drops, or None."""
    if not looked_up(op) or len(op.params) != 1:
        return None
    loops = [o for o in rev.upgrade if o.name == "opaque" and o.reason.startswith(
        "a loop over rows") and o.line <= op.line <= o.end_line]
    reads = [o for o in rev.upgrade if o.name == "read" and o.seq < op.seq]
    if not loops or len(reads) != 1:
        return None
    return _catalog_query(reads[0].statement)


def _catalog_query(stmt: object) -> tuple[str, set[str]] | None:
    if not isinstance(stmt, ast.SelectStmt):
        return None
    sources, targets = stmt.fromClause or (), stmt.targetList or ()
    if len(sources) != 1 or len(targets) != 1 or not isinstance(sources[0], ast.RangeVar):
        return None
    columns = CATALOGS.get((sources[0].schemaname, str(sources[0].relname)))
    target = targets[0].val
    if columns is None or _column(target) != columns[1]:
        return None
    said: dict[str, set[str]] = {"schema": set(), "out": set()}
    if not _conditions(stmt.whereClause, columns, said) or len(said["schema"]) != 1:
        return None
    return said["schema"].pop(), said["out"]


def _conditions(where: object, columns: tuple[str, str], said: dict[str, set[str]]) -> bool:
    """Does ``where`` say only the schema (``=``) and tables left out (``<>``, ``NOT IN``)?
    Fills ``said``."""
    if isinstance(where, ast.BoolExpr) and where.boolop == BoolExprType.AND_EXPR:
        return all(_conditions(arg, columns, said) for arg in where.args or ())
    if not isinstance(where, ast.A_Expr) or not where.name:
        return False
    operator, column = where.name[-1].sval, _column(where.lexpr)
    if where.kind == A_Expr_Kind.AEXPR_OP and operator == "=" and column == columns[0]:
        return _strings([where.rexpr], said["schema"])
    if where.kind == A_Expr_Kind.AEXPR_OP and operator in ("<>", "!=") and column == columns[1]:
        return _strings([where.rexpr], said["out"])
    if where.kind == A_Expr_Kind.AEXPR_IN and operator == "<>" and column == columns[1]:
        return isinstance(where.rexpr, (list, tuple)) and _strings(list(where.rexpr), said["out"])
    return False


def _strings(nodes: list[object], into: set[str]) -> bool:
    values = [str(n.val.sval) for n in nodes if isinstance(n, ast.A_Const)
              and isinstance(n.val, ast.String)]
    into.update(values)
    return bool(values) and len(values) == len(nodes)


def _column(node: object) -> str | None:
    if isinstance(node, ast.ColumnRef) and node.fields and isinstance(node.fields[-1], ast.String):
        return str(node.fields[-1].sval)
    return None


def _in_schema(table: str, schema: str) -> bool:
    owner, _, _ = table.rpartition(".")
    return owner == schema or (not owner and schema == "public")
