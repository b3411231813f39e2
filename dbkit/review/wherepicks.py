"""The columns an UPDATE's WHERE only uses to pick the rows a formula of other columns fills.

``UPDATE t SET kind = 'a' WHERE old_kind = 'A'`` writes a constant into the rows ``old_kind``
picks: the new value says what the old one was (a remap), so ``old_kind`` lives on in
``kind`` and a drop of it after loses nothing. ``UPDATE intakesection SET "order" = CASE
title WHEN ... END WHERE assessment_type = 'lsir'`` (Recidiviz pulse-dashboards
``284ac3721439``) writes a value computed from other columns (``title``): the WHERE only
chooses the rows the formula runs on, and nothing of ``assessment_type`` is written anywhere
(the next UPDATE gives the ``'oras_rt'`` rows the same kind of numbers). A column the WHERE
compares only with constants, when every SET value reads a column, is carried by no such
UPDATE. A boolean test (``WHERE is_deleted = true`` with ``SET deleted_at = updated_at``:
whether the new column was set is the whole of the flag) and a test for NULL are left as
they were: what they pick may be all the column held.
"""

from __future__ import annotations

from pglast import ast
from pglast.enums import A_Expr_Kind, BoolExprType
from pglast.visitors import Skip, Visitor

from dbkit.review.sqlrefs import ColumnRefs, column_name

COMPARED = (A_Expr_Kind.AEXPR_OP, A_Expr_Kind.AEXPR_OP_ANY, A_Expr_Kind.AEXPR_IN,
            A_Expr_Kind.AEXPR_LIKE, A_Expr_Kind.AEXPR_ILIKE, A_Expr_Kind.AEXPR_SIMILAR)


def only_picks(stmt: ast.UpdateStmt) -> frozenset[str]:
    """The columns the WHERE of ``stmt`` (an UPDATE with no FROM) only compares with
    constants, each test of them such, when every value its SET writes reads a column of the
    row; empty when any SET value is a constant, or a lookup of constants (a remap: the
    tested columns live on in it)."""
    if stmt.fromClause or stmt.whereClause is None or not stmt.targetList \
            or stmt.relation is None or not stmt.relation.relname:
        return frozenset()
    alias = stmt.relation.alias
    own = {str(stmt.relation.relname), *([str(alias.aliasname)] if alias is not None else [])}
    if not all(_reads_the_row(t.val, own) for t in stmt.targetList):
        return frozenset()
    compared: set[str] = set()
    other: set[str] = set()
    _leaves(stmt.whereClause, compared, other)
    return frozenset(compared - other)


class _RowRefs(Visitor):
    """The columns of the updated row a SET value reads: outside a subquery any column,
    inside one only those qualified by the updated table's name or alias."""

    def __init__(self, own: set[str]) -> None:
        self.own, self.found = own, False

    def visit_ColumnRef(self, ancestors: object, node: ast.ColumnRef) -> None:
        self.found = True

    def visit_SubLink(self, ancestors: object, node: ast.SubLink) -> object:
        refs = ColumnRefs()
        refs(node)
        self.found = self.found or any(len(n) >= 2 and n[-2] in self.own for n in refs.refs)
        return Skip


def _reads_the_row(value: object, own: set[str]) -> bool:
    """Does the value differ from row to row, read from the row's own columns (``CASE title
    ... END``, a subquery matched on ``t.user_id``)? A lookup of constants (``(SELECT id FROM
    categories WHERE name = 'food')``) does not: it is a remap, as a constant is."""
    refs = _RowRefs(own)
    refs(value)  # type: ignore[arg-type]
    return refs.found


def _leaves(node: object, compared: set[str], other: set[str]) -> None:
    """Sort the columns of a WHERE: those of a test against constants, and all others."""
    if isinstance(node, ast.BoolExpr) and node.boolop in (BoolExprType.AND_EXPR,
                                                          BoolExprType.OR_EXPR):
        for arg in node.args or ():
            _leaves(arg, compared, other)
        return
    column = _compared(node)
    if column is not None:
        compared.add(column)
        return
    refs = ColumnRefs()
    refs(node)  # type: ignore[arg-type]
    other.update(names[-1] for names in refs.refs if names)


def _compared(node: object) -> str | None:
    """The column of ``c = 'x'``, ``c::text <> 'x'``, ``c IN ('x', 'y')``, ``c LIKE 'x%'``,
    ``'x' = ANY(c)``: one column against constants (no boolean, no NULL); else None."""
    if not isinstance(node, ast.A_Expr) or node.kind not in COMPARED:
        return None
    for side, against in ((node.lexpr, node.rexpr), (node.rexpr, node.lexpr)):
        column = column_name(_uncast(side))
        constants = against if isinstance(against, (list, tuple)) else [against]
        if column and constants and all(_constant(c) for c in constants):
            return column
    return None


def _uncast(node: object) -> object:
    while isinstance(node, ast.TypeCast):
        node = node.arg
    return node


def _constant(node: object) -> bool:
    """A literal that is neither NULL nor a boolean (``'lsir'``, ``3``, ``'x'::kind``)."""
    node = _uncast(node)
    return isinstance(node, ast.A_Const) and not node.isnull \
        and not isinstance(node.val, ast.Boolean)
