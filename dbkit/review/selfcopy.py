"""Rows copied into their own table before they are deleted: a copy made first, not a loss.

``INSERT INTO t (a, b, k) SELECT t.a, t.b, p.name FROM t CROSS JOIN products p WHERE t.k IS
NULL`` then ``DELETE FROM t WHERE k IS NULL`` (osparc 12ab2c9e4e15): each deleted row was
first duplicated into ``t`` with ``k`` set. It keeps them only when the INSERT's WHERE picks
at least the rows the DELETE removes (the same condition, or none at all) and the INSERT sets
a column the DELETE tests from something else than that column (else the DELETE removes the
copies too).
"""

from __future__ import annotations

import re

from pglast import ast
from pglast.stream import RawStream

from dbkit.review.ops import Op
from dbkit.review.sqlrefs import aliases


def self_copy(stmt: ast.InsertStmt, table: str | None) -> tuple[str, frozenset[str]] | None:
    """For an INSERT ... SELECT that reads its own table: its WHERE as SQL, the own table's
    columns unqualified ("" for none), and the columns it writes from anything but the
    same column of its own table. None for any other INSERT."""
    select = stmt.selectStmt
    if not table or not isinstance(select, ast.SelectStmt) or not select.fromClause:
        return None
    own = {alias for alias, name in aliases(select.fromClause).items() if name == table}
    if not own:
        return None
    try:
        where = RawStream()(select.whereClause) if select.whereClause is not None else ""
    except Exception:  # noqa: BLE001 - a node pglast cannot print: no proof
        return None
    for alias in own | {table}:
        where = re.sub(rf"\b{re.escape(alias)}\.", "", where)
    cols = [c.name for c in stmt.cols or ()]
    apart = set()
    for col, target in zip(cols, select.targetList or (), strict=False):
        fields = getattr(target.val, "fields", None) if isinstance(target, ast.ResTarget) else None
        names = [getattr(f, "sval", None) for f in fields or ()]
        same = bool(names) and names[-1] == col and (len(names) == 1 or names[-2] in own | {table})
        if col and not same:
            apart.add(col)
    return where, frozenset(apart)


def keeps_deleted(insert: Op, delete: Op) -> bool:
    """Did ``insert``, an INSERT ... SELECT of the table into itself, copy every row that
    ``delete`` removes, with a column the DELETE tests set apart?"""
    if insert.name != "insert" or insert.table != delete.table or insert.self_copy is None:
        return False
    where, apart = insert.self_copy
    same = " ".join(where.lower().split()) in ("", " ".join(delete.picks.lower().split()))
    return same and bool(apart & set(re.findall(r"\w+", delete.picks)))
