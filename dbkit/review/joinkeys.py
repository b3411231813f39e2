"""Columns a copy carries as its join key, not as a value it reads (issue 19, held-out10).

``UPDATE files SET orig_ctime = (SELECT orig_ctime FROM files_meta WHERE files_meta.path =
files.path)`` (viseron 620b4d1e5736) reads only orig_ctime of files_meta, but each row it
copies from has its ``path`` in ``files.path`` already: when files_meta is then dropped,
path is no value lost.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from pglast import ast
from pglast.enums import A_Expr_Kind
from pglast.visitors import Visitor

from dbkit.review.sqlrefs import aliases

if TYPE_CHECKING:
    from pglast.visitors import Ancestor


def join_keys(statement: object, table: str | None) -> frozenset[str]:
    """The columns of ``table`` a parsed statement tests equal (``=``) to a column of
    another table: each row it pairs holds their value in that other table too."""
    if statement is None or not table:
        return frozenset()
    names = aliases(statement, subqueries=True)
    found: set[str] = set()

    class Equals(Visitor):
        def visit_A_Expr(self, ancestors: Ancestor, node: ast.A_Expr) -> None:
            if node.kind != A_Expr_Kind.AEXPR_OP or [getattr(n, "sval", None)
                                                     for n in node.name or ()] != ["="]:
                return
            left, right = _column(names, node.lexpr), _column(names, node.rexpr)
            if left is None or right is None or left[0] == right[0]:
                return
            found.update(column for owner, column in (left, right) if owner == table)

    Equals()(statement)  # type: ignore[arg-type]
    return frozenset(found)


def _column(names: dict[str, str], expr: object) -> tuple[str, str] | None:
    """(table, column) of a qualified column reference (``files.path``), else None."""
    fields = expr.fields if isinstance(expr, ast.ColumnRef) else None
    if not fields or len(fields) != 2 or not all(isinstance(f, ast.String) for f in fields):
        return None
    owner = names.get(fields[0].sval)
    return (owner, fields[1].sval) if owner else None


def taken(constraint: object, table: str | None, owner: str | None) -> str:
    """What a name made again is: the same object, or a name another table holds (an index
    name is schema-wide: RootTheBox 31918b83c372 makes index ``order`` on box, eb3f7dc1b16f
    made it on flag)."""
    if owner == table or owner is None:
        return f"{constraint} on {table} is already created"
    return (f"the index name {constraint} (schema-wide: {table} cannot have it too) is "
            f"already taken on {owner}")
