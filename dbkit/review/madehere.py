"""What a copy really carries for a later drop, beyond the columns it reads.

A copy out of a table the same revision creates keeps nothing: the table is empty when the
revision starts, what the revision reads of it is what it has just written there itself,
and the rows the application writes afterwards are copied by no one (dropbox/changes
5177cfff57d7 creates testsuite and looks rows of it up while filling it; 30b9f619c3b2
drops testsuite years later with every suite in it).

A column read only cut short (``substr(revision_sha, 0, 12)``, ``left(x, 8)``) is no copy
of it: the truncation keeps no value whole (dropbox/changes 4901f27ade8e fills build.target
so from build.revision_sha).
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import TYPE_CHECKING

from pglast import ast
from pglast.visitors import Skip, Visitor

from dbkit.review.ops import Op, Ref

if TYPE_CHECKING:
    from pglast.visitors import Ancestor

CUTTING = frozenset({"substr", "substring", "left", "right", "split_part"})


def outliving(created_in: Mapping[str, str], rev: str, op: Op) -> list[Ref]:
    """What a copy ``op`` of revision ``rev`` reads whole (its columns named, see
    unqualified.py) that was there before the revision."""
    cut = truncated(op.statement)
    return [ref for ref in op.resolved or op.reads
            if (ref[0] is None or created_in.get(ref[0]) != rev) and ref[1].lower() not in cut]


def truncated(statement: object) -> frozenset[str]:
    """The columns a parsed statement reads only as the string a cutting function
    shortens (``substr(c, 0, 12)``), never whole."""
    if statement is None:
        return frozenset()
    inside: set[str] = set()
    whole: set[str] = set()

    def last(node: ast.ColumnRef) -> str | None:
        field = (node.fields or (None,))[-1]
        return (field.sval or "").lower() if isinstance(field, ast.String) else None

    class Cut(Visitor):
        def visit_FuncCall(self, ancestors: Ancestor, node: ast.FuncCall) -> object:
            name = getattr((node.funcname or (None,))[-1], "sval", None)
            if name not in CUTTING or not node.args:
                return None
            first, *rest = node.args
            inside.update(filter(None, (last(n) for n in _refs(first))))
            whole.update(filter(None, (last(n) for arg in rest for n in _refs(arg))))
            return Skip

        def visit_ColumnRef(self, ancestors: Ancestor, node: ast.ColumnRef) -> None:
            whole.add(last(node) or "")

    for values in _values(statement):
        Cut()(values)  # type: ignore[arg-type]
    return frozenset(inside - whole)


def _values(statement: object) -> tuple[object, ...]:
    """What a statement writes (an UPDATE's SET, an INSERT's SELECT list), not the WHERE
    that only tests (``WHERE revision_sha IS NOT NULL``)."""
    if isinstance(statement, ast.UpdateStmt):
        return tuple(statement.targetList or ())
    select = statement.selectStmt if isinstance(statement, ast.InsertStmt) else statement
    if isinstance(select, ast.SelectStmt) and select.targetList:
        return tuple(select.targetList)
    return (statement,)


def _refs(node: object) -> list[ast.ColumnRef]:
    found: list[ast.ColumnRef] = []

    class Refs(Visitor):
        def visit_ColumnRef(self, ancestors: Ancestor, ref: ast.ColumnRef) -> None:
            found.append(ref)

    if isinstance(node, ast.ColumnRef):
        return [node]
    Refs()(node)  # type: ignore[arg-type]
    return found
