"""An ``INSERT ... SELECT`` through a join copies, of a table joined on its own key, only the
rows the join matches.

``INSERT INTO users SELECT temp_user.*, user_detail.fullname FROM temp_user INNER JOIN
user_detail ON user_detail.user_id = temp_user.id`` (open-event 9105f9e64cdc) copies a
``temp_user`` row only when a ``user_detail`` row points at it: the users with no detail are
copied nowhere, and the drop of ``temp_user`` after it loses them. A table joined on its
own ``id`` by an INNER JOIN (or as the optional side of a LEFT or RIGHT JOIN) is such a
table; the other side, joined on a column pointing at it, keeps every row that points
somewhere, and is left alone (the reviewer does not know that no such column is NULL, so
no error is claimed for it).
"""

from __future__ import annotations

from dataclasses import dataclass

from pglast import ast
from pglast.enums import A_Expr_Kind, BoolExprType, JoinType

from dbkit.review.ops import Op
from dbkit.review.revision import Revision
from dbkit.review.sqlrefs import aliases, name


@dataclass(frozen=True)
class Matched:
    """A copy of only the rows of ``table`` the join at ``line`` of ``rev`` matches (or, with
    ``why``, of one row of it per key: onerow.py)."""

    rev: Revision
    line: int
    table: str
    join: str  # how the join is written: "INNER JOIN user_detail" (onerow: "UPDATE")
    columns: frozenset[str]  # the columns of the table it reads ("*": every one)
    why: str = ""  # onerow.py: which clause keeps one row per key
    where: str = ""  # wherecopies.py: the WHERE that picks the rows it copies, as SQL
    later: bool = False  # selffills.py: its column's drop may come in a later revision


def partly_copied(rev: Revision) -> list[Matched]:
    """The tables an INSERT ... SELECT of ``rev``'s upgrade copies only matched rows of, each
    by one such INSERT only (several joins may together match every row); their reads are
    taken off the op (no copy of them is claimed)."""
    found: list[tuple[Matched, Op]] = []
    for op in rev.upgrade:
        if op.name != "insert" or not isinstance(op.statement, ast.InsertStmt):
            continue
        select = op.statement.selectStmt
        if not isinstance(select, ast.SelectStmt) or select.larg is not None:
            continue
        for table, join in _matched_only(select.fromClause or (), aliases(select.fromClause)):
            read = frozenset(c.lower() for t, c in op.reads if t == table)
            found.append((Matched(rev, op.line, table, join, read), op))
    once = [(m, op) for m, op in found if [n.table for n, _ in found].count(m.table) == 1]
    for m, op in once:
        _unread(op, m.table)
    return [m for m, _ in once]


def _unread(op: Op, table: str) -> None:
    op.reads = {r for r in op.reads if r[0] != table}
    op.resolved = {r for r in op.resolved if r[0] != table} if op.resolved else op.resolved


_KINDS = {JoinType.JOIN_INNER: "INNER JOIN", JoinType.JOIN_LEFT: "LEFT JOIN",
          JoinType.JOIN_RIGHT: "RIGHT JOIN"}


def _matched_only(items: object, tables: dict[str, str]) -> list[tuple[str, str]]:
    found: list[tuple[str, str]] = []
    for item in items if isinstance(items, (list, tuple)) else (items,):
        if not isinstance(item, ast.JoinExpr):
            continue
        found += _matched_only(item.larg, tables) + _matched_only(item.rarg, tables)
        pair, kind = ((item.larg, item.rarg), (item.rarg, item.larg)), item.jointype
        sides = {JoinType.JOIN_INNER: pair, JoinType.JOIN_LEFT: pair[1:],
                 JoinType.JOIN_RIGHT: pair[:1]}.get(kind, ()) if kind is not None else ()
        keyed = _joined_on_id(item.quals, tables)
        label = _KINDS.get(kind, "JOIN") if kind is not None else "JOIN"
        for side, counterpart in sides:
            table = name(side) if isinstance(side, ast.RangeVar) else None
            if table and table in keyed:
                other = name(counterpart) if isinstance(counterpart, ast.RangeVar) else None
                found.append((table, f"{label} with {other or 'another table'}"))
    return found


def _joined_on_id(quals: object, tables: dict[str, str]) -> set[str]:
    """The tables whose ``id`` an ON of plain ``a.x = b.y`` tests (AND-ed) equal to a column
    of another table not its ``id`` (one pointing at it)."""
    if isinstance(quals, ast.BoolExpr):
        return set().union(*(_joined_on_id(a, tables) for a in quals.args or ())) \
            if quals.boolop == BoolExprType.AND_EXPR else set()
    if not (isinstance(quals, ast.A_Expr) and quals.kind == A_Expr_Kind.AEXPR_OP
            and [getattr(n, "sval", None) for n in quals.name or ()] == ["="]):
        return set()
    sides = [_column(s, tables) for s in (quals.lexpr, quals.rexpr)]
    if None in sides or sides[0][0] == sides[1][0]:  # type: ignore[index]
        return set()
    if [c for _, c in sides].count("id") != 1:  # type: ignore[misc]
        return set()  # (id = id: a joined-table subclass, each row of it has its parent)
    return {t for t, c in sides if c == "id"}  # type: ignore[misc]


def _column(node: object, tables: dict[str, str]) -> tuple[str, str] | None:
    if not isinstance(node, ast.ColumnRef) or len(node.fields or ()) != 2:
        return None
    owner, column = (getattr(f, "sval", None) for f in node.fields or ())
    table = tables.get(owner or "")
    return (table, column.lower()) if table and column else None
