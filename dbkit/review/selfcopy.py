"""Rows copied into their own table before they are deleted: a copy made first, not a loss.

``INSERT INTO t (a, b, k) SELECT t.a, t.b, p.name FROM t CROSS JOIN products p WHERE t.k IS
NULL`` then ``DELETE FROM t WHERE k IS NULL`` (osparc 12ab2c9e4e15): each deleted row was
first duplicated into ``t`` with ``k`` set. It keeps them only when the INSERT's WHERE picks
at least the rows the DELETE removes (the same condition, or none at all) and the INSERT sets
a column the DELETE tests from something else than that column (else the DELETE removes the
copies too).

Any other copy of ``t`` into ``t`` before the DELETE leaves the loss unproven: the rows it
deletes may be the originals of those copies (jupiter 027799f464d5, held-out29, copies every
``time_plan_domain`` row joined to its workspace's root project, then deletes the rows the
join did not fill). A warning, unless each column the DELETE tests is copied as it was: then
it deletes every copy of a row with the row (and copies made of other rows keep none of it).
"""

from __future__ import annotations

import re
from typing import TYPE_CHECKING

from pglast import ast
from pglast.stream import RawStream

from dbkit.review.sqlrefs import ColumnRefs, aliases, as_sql, has_sublink, pinned_values

if TYPE_CHECKING:
    from dbkit.review.ops import Op
    from dbkit.review.revision import Revision

# self_copy's: the INSERT's WHERE, the columns it sets apart, those it copies as they were
SelfCopy = tuple[str, frozenset[str], frozenset[str]]
EVERY = "*"  # (copied as they were: ``INSERT INTO t SELECT * FROM t``)


def self_copy(stmt: ast.InsertStmt, table: str | None) -> SelfCopy | None:
    """For an INSERT ... SELECT that reads its own table: its WHERE as SQL, the own table's
    columns unqualified ("" for none), the columns it writes from anything but the same
    column of its own table, and those it writes from that column (EVERY for a ``SELECT *``
    of the table alone, no column list). None for any other INSERT."""
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
    apart: set[str] = set()
    same: set[str] = set()
    for col, target in zip(cols, select.targetList or (), strict=False):
        fields = getattr(target.val, "fields", None) if isinstance(target, ast.ResTarget) else None
        names = [getattr(f, "sval", None) for f in fields or ()]
        copied = bool(names) and names[-1] == col and (len(names) == 1 or names[-2] in own | {table})
        if col:
            (same if copied else apart).add(col)
    if not cols and _star_of_itself(select):
        same.add(EVERY)
    return where, frozenset(apart), frozenset(same)


def _star_of_itself(select: ast.SelectStmt) -> bool:
    """``SELECT * FROM t``: every column of t, in its order, and no other table's."""
    targets, tables = select.targetList or (), select.fromClause or ()
    fields = getattr(targets[0].val, "fields", None) if len(targets) == 1 else None
    return len(tables) == 1 and isinstance(tables[0], ast.RangeVar) \
        and isinstance((fields or (None,))[-1], ast.A_Star)


def keeps_deleted(insert: Op, delete: Op) -> bool:
    """Did ``insert``, an INSERT ... SELECT of the table into itself, copy every row that
    ``delete`` removes, with a column the DELETE tests set apart?"""
    if insert.name != "insert" or insert.table != delete.table or insert.self_copy is None:
        return False
    where, apart, _ = insert.self_copy
    same = " ".join(where.lower().split()) in ("", " ".join(delete.picks.lower().split()))
    return same and bool(apart & set(re.findall(r"\w+", delete.picks)))


def copied_into_itself(rev: Revision, delete: Op) -> str:
    """"" unless an INSERT of this revision before ``delete`` copies rows of its table into
    the table itself and the reviewer cannot show the DELETE removes every such copy of a
    row with the row; else what, for a warning (see the module)."""
    before = [o for o in rev.upgrade if o.seq < delete.seq]
    for copy in before:
        between = [o for o in before if o.seq > copy.seq]
        if copy.name == "insert" and copy.table == delete.table \
                and any(t == delete.table for t, _ in copy.reads) and _reached(copy, delete) \
                and (copy.self_copy is not None or _not_read_as_sql(copy)) \
                and not _deleted_too(copy, delete, between) \
                and not _leaves_out(copy, delete, between):
            return (f"line {copy.line} ({rev.path.name}:{copy.line}) first copies rows of "
                    f"{delete.table} into {delete.table} itself: the rows it deletes may be "
                    f"the originals of those copies, and the reviewer cannot match them "
                    f"({_unmatched(copy)}). ")
    return ""


def _not_read_as_sql(copy: Op) -> bool:
    """Is ``copy``'s SELECT not read here (code, or ``WITH q AS (SELECT ... FROM t) INSERT
    INTO t SELECT * FROM q``: GeoNature a89a99f68203)? Not an INSERT that reads the table
    only in a subquery of its WHERE: that copies none of its rows."""
    stmt = copy.statement
    return not isinstance(stmt, ast.InsertStmt) or stmt.withClause is not None


def _reached(copy: Op, delete: Op) -> bool:
    """Is ``copy`` not in the other branch of the ``if`` that holds ``delete``?"""
    return not (copy.condition and copy.condition == delete.condition
                and copy.otherwise != delete.otherwise)


def _deleted_too(copy: Op, delete: Op, between: list[Op]) -> bool:
    """Does ``delete`` remove each copy ``copy`` made of a row along with the row: every
    column its WHERE tests (no subquery, no other table) copied as it was, and nothing in
    between rewrites the table?"""
    stmt = delete.statement
    if copy.self_copy is None or not isinstance(stmt, ast.DeleteStmt) or stmt.usingClause \
            or stmt.whereClause is None or has_sublink(stmt.whereClause):
        return False
    refs = ColumnRefs()
    refs(stmt.whereClause)
    tested = {names[-1] for names in refs.refs}
    same = copy.self_copy[2]
    rewritten = any(o.name == "backfill" and o.table == delete.table  # (not a DELETE's)
                    and not isinstance(o.statement, ast.DeleteStmt)
                    or o.name == "opaque" and o.may_touch(delete.table) for o in between)
    return bool(tested) and (EVERY in same or tested <= same) and not rewritten


def _leaves_out(copy: Op, delete: Op, between: list[Op]) -> bool:
    """Does ``copy``, of its table alone, pin a column to constants none of which the
    DELETE's WHERE pins it to, with no UPDATE in between setting it otherwise than to other
    constants? It copies none of the rows the DELETE removes (SW-Couriers-BE ``0139``)."""
    insert, stmt = copy.statement, delete.statement
    select = insert.selectStmt if isinstance(insert, ast.InsertStmt) else None
    tables = select.fromClause or () if isinstance(select, ast.SelectStmt) else ()
    if not isinstance(select, ast.SelectStmt) or len(tables) != 1 \
            or not isinstance(tables[0], ast.RangeVar) \
            or not isinstance(stmt, ast.DeleteStmt) or stmt.usingClause:
        return False
    copied, deleted = pinned_values(select.whereClause), pinned_values(stmt.whereClause)
    return any(not copied[c] & deleted[c] and not _set_into(between, delete, c, deleted[c])
               for c in copied.keys() & deleted.keys())


def _set_into(between: list[Op], delete: Op, column: str, values: frozenset[str]) -> bool:
    """May an op of ``between`` set ``column`` of the DELETE's table to one of ``values``
    (anything but an UPDATE setting it to another constant, or not at all)?"""
    for other in between:
        if other.name == "opaque" and other.may_touch(delete.table):
            return True
        stmt = other.statement
        if other.name != "backfill" or other.table != delete.table \
                or isinstance(stmt, ast.DeleteStmt):
            continue
        if not isinstance(stmt, ast.UpdateStmt):
            return True
        for target in stmt.targetList or ():
            if isinstance(target, ast.ResTarget) and target.name == column \
                    and (not isinstance(target.val, ast.A_Const) or as_sql(target.val) in values):
                return True
    return False


def _unmatched(copy: Op) -> str:
    """Which rows the copy may leave out, or why its copies cannot be told apart."""
    if copy.self_copy is None:
        return "it copies them through a query or code the reviewer does not match row for row"
    where, _, _ = copy.self_copy
    others = sorted(({t for t, _ in copy.reads if t} | set(copy.from_tables)) - {copy.table})
    said = [f"its FROM also reads {', '.join(others)}, whose joins may leave rows out"] \
        if others else []
    said += [f"its WHERE {where} may leave rows out"] if where else []
    return "; ".join(said) or "it copies every row, but whether the copies hold what the " \
        "DELETE tests is not read"
