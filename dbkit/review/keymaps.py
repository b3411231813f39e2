"""A dropped key translated first into another key of the same rows, one to one.

kreciarze/indoor-climate-data-storage (held-out31, read as kept) gives every device a uuid
(``1a17a881184a``), sets ``record.device_uuid = (SELECT uuid FROM device WHERE device.id =
record.device_id)``, then (``d261505ab3d8``) makes ``device_uuid`` NOT NULL with a foreign key
to ``device.uuid`` and drops ``device_id``. The old key is only tested in the subquery, but
which device each row points at is kept, through the new key. Such a drop of ``t.old`` keeps
its values when, on the drop's path (earlier revisions, or this one before the drop):

- an UPDATE of every row of t (no WHERE, not under an ``if``) sets ``t.new = (SELECT p.x FROM
  p WHERE p.k = t.old)``, or ``SET new = p.x FROM p WHERE p.k = t.old``: one table p, one
  equality, both sides qualified, one column of p selected;
- nothing since writes, drops or renames t.new, t.old, p.x or p.k, nor their tables, and no
  code the reviewer cannot follow may touch t or p;
- the translation is one to one: p.k is a unique key of p (a primary key, a NOT NULL unique
  key) or where t.old's foreign key points, at the UPDATE; p.x a NOT NULL unique key of p, or
  where a foreign key of t checked on every row points, at the drop.

Then every row found its new key only when t.old was NOT NULL with a foreign key to p.k at
the UPDATE, and t.new is NOT NULL at the drop (rows written since hold one too): kept,
data-dropped says nothing (rules/data_dropped.py asks here: drops.py cannot, linked.py and
dedupes.py name the Context it builds; a drop paired as a rename stays rename-as-drop-add's).
Otherwise rows whose old key was NULL or matched nothing end NULL in t.new: a warning
(derived.py), never kept silently, nor an error.
"""

from __future__ import annotations

from pglast import ast
from pglast.enums import A_Expr_Kind, SubLinkType

from dbkit.review.chain import Chain
from dbkit.review.dedupes import unique_keys
from dbkit.review.linked import enforced_links
from dbkit.review.ops import Op, bare_name
from dbkit.review.reader import Revision
from dbkit.review.sqlrefs import column_ref, name

Fill = tuple[Op, str, str, str, str]  # (the UPDATE, t.new, p, p.k, p.x)


def translated(chain: Chain, rev: Revision, drop: Op) -> str | None:
    """"" when ``drop`` (a drop_column) loses nothing, its key translated one to one into a
    kept one; why it maybe loses some rows' (for a warning); None when no such translation
    (see the module)."""
    if drop.name != "drop_column" or not drop.table or not drop.column:
        return None
    table, old = drop.table, drop.column.lower()
    before = {r.name for r in chain.ancestors(rev)}
    path = [(r, o) for r in chain.order if r.name in before for o in r.upgrade] \
        + [(rev, o) for o in rev.upgrade if o.seq < drop.seq]
    ops = [o for _, o in path]
    fills = [(i, found) for i, o in enumerate(ops) if (found := _fill(o, table, old))]
    if not fills:
        return None
    at, (fill, new, parent, key, value) = fills[-1]  # the last one decides
    held = {o.table for o in ops if o.table and bare_name(o.table) == parent}
    if len(held) != 1 or any(_touches(o, table, {new, old}) or _touches(o, parent, {key, value})
                             for o in ops[at + 1:]):
        return None
    p = held.pop()
    links, old_not_null = enforced_links(ops[:at], table)
    old_link = ((old,), (key,)) in {(cs, rs) for cs, to, rs in links if bare_name(to) == parent}
    now, not_null = enforced_links(ops, table)
    if (key,) not in unique_keys(ops[:at], p, inline=True) and not old_link \
            or (value,) not in unique_keys(ops, p, inline=True) and not any(
                rs == (value,) and bare_name(to) == parent for _, to, rs in now):
        return None
    if old_link and old in old_not_null and new in not_null:
        return ""
    where = path[at][0].revision or path[at][0].name
    return (f"it is a key the UPDATE of revision {where} (line {fill.line}) "
            f"translated into {table}.{new} through {parent} ({parent}.{key} to {parent}.{value},"
            f" one to one), but not for rows whose old key was NULL or matched nothing in "
            f"{parent}: those end NULL there")


def _fill(o: Op, table: str, old: str) -> Fill | None:
    """(o, t.new, p, p.k, p.x) when ``o`` sets t.new from p.x through ``p.k = t.old`` on every
    row of ``table``; None otherwise."""
    stmt = o.statement
    if o.name != "backfill" or o.conditional or not isinstance(stmt, ast.UpdateStmt) \
            or stmt.whereClause is not None and not stmt.fromClause or stmt.withClause \
            or stmt.relation is None or not _same(name(stmt.relation), table):
        return None
    targets = list(stmt.targetList or ())
    if len(targets) != 1 or not isinstance(targets[0], ast.ResTarget) or not targets[0].name:
        return None
    own = _called(stmt.relation)
    value = targets[0].val
    if stmt.fromClause:  # UPDATE t SET new = p.x FROM p WHERE p.k = t.old
        source, where, picked = tuple(stmt.fromClause), stmt.whereClause, value
    elif isinstance(value, ast.SubLink) and value.subLinkType == SubLinkType.EXPR_SUBLINK \
            and isinstance(value.subselect, ast.SelectStmt) and _plain(value.subselect):
        select = value.subselect
        selected = list(select.targetList or ())
        if len(selected) != 1 or not isinstance(selected[0], ast.ResTarget):
            return None
        source, where, picked = tuple(select.fromClause or ()), select.whereClause, selected[0].val
    else:
        return None
    if len(source) != 1 or not isinstance(source[0], ast.RangeVar):
        return None
    theirs = _called(source[0])
    column = column_ref(picked)
    pair = _equality(where, theirs, own)
    if column is None or column[0] not in ("", theirs) or pair is None or pair[1] != old \
            or theirs == own:
        return None
    return o, targets[0].name.lower(), bare_name(name(source[0])), pair[0], column[1]


def _same(written: str | None, table: str) -> bool:
    """Is the table the SQL names ``table``, the schema of either left out?"""
    a, b = (written or "").lower().replace('"', ""), table.lower().replace('"', "")
    return a == b or ("." not in a or "." not in b) and bare_name(a) == bare_name(b)


def _plain(select: ast.SelectStmt) -> bool:
    """No DISTINCT, GROUP BY, HAVING, LIMIT, ORDER BY, WITH, set operation: one row per key."""
    return not (select.distinctClause or select.groupClause or select.havingClause
                or select.limitCount or select.limitOffset or select.sortClause
                or select.withClause or select.op not in (None, 0) or select.larg)


def _called(rangevar: ast.RangeVar) -> str:
    """What the statement calls the table: its alias, else its bare name."""
    if rangevar.alias is not None:
        return str(rangevar.alias.aliasname).lower()
    return bare_name(name(rangevar))


def _equality(where: object, theirs: str, own: str) -> tuple[str, str] | None:
    """(p.k, t.old) of ``where``, one equality of a column of each, both qualified."""
    if not (isinstance(where, ast.A_Expr) and where.kind == A_Expr_Kind.AEXPR_OP
            and [getattr(n, "sval", None) for n in where.name or ()] == ["="]):
        return None
    left, right = column_ref(where.lexpr), column_ref(where.rexpr)
    if left is None or right is None:
        return None
    if (left[0], right[0]) == (theirs, own):
        return left[1], right[1]
    if (left[0], right[0]) == (own, theirs):
        return right[1], left[1]
    return None


def _touches(o: Op, table: str, columns: set[str]) -> bool:
    """Does ``o`` change what ``columns`` of ``table`` hold, or which table it is?"""
    if o.name in ("opaque", "execute") and o.may_touch(table):
        return True
    if any(bare_name(t) == bare_name(table) and c.lower() in columns | {"*"}
           for t, c in o.writes):
        return True
    if bare_name(o.table) != bare_name(table):
        return False
    if o.name in ("create_table", "drop_table", "rename_table", "empty"):
        return True
    return o.name in ("drop_column", "alter_column") and (o.column or "").lower() in columns \
        and (o.name == "drop_column" or bool(o.new_name))
