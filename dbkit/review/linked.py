"""A DELETE of orphans that a foreign key forbids deletes nothing.

``DELETE FROM status_automation_actions a WHERE NOT EXISTS (SELECT 1 FROM
status_automation_rule_sets rs WHERE rs.id = a.rule_set_id)`` removes the actions whose rule
set is gone (orphans.py: such a delete loses their rows, an error). SW-Couriers-BE's ``0135``
runs four of them, but ``0117`` made each ``rule_set_id`` NOT NULL with
``sa.ForeignKey("status_automation_rule_sets.id", ondelete="CASCADE")``, and no revision
dropped either since: PostgreSQL refuses any row whose link finds nothing, so there is no
orphan and the DELETE removes no row (held-out19, read by hand as kept). Such a delete is no
loss when:

- one AND-ed test of its WHERE (no USING), or every OR-ed one (remnashop's ``0026``: ``NOT
  EXISTS (... referrer) OR NOT EXISTS (... referred)``, held-out29), is ``NOT EXISTS (SELECT
  ... FROM parent [p] WHERE p.x = t.y [AND ...])``, only such equalities between the
  parent's columns and the deleted table's in the subquery's WHERE, or ``y NOT IN (SELECT x
  FROM parent)`` with no WHERE: it picks rows whose link finds nothing in the whole parent
  table;
- a foreign key of those columns (y...) to those of the parent (x...), checked on every row
  at once (no NOT VALID, no DEFERRABLE), was made earlier in the chain (a create_table, an
  add_column, a create_foreign_key) and not dropped since: no drop_constraint of the table
  (but one its type_ says is a unique, check or primary key constraint), no drop of the
  table, of the columns, nor a drop or rename of the parent or of its columns (another may
  take the name), nor a drop of a constraint of the parent of no known type (remnashop's
  ``0018``: ``ALTER TABLE users DROP CONSTRAINT users_telegram_id_key CASCADE`` drops every
  key to users.telegram_id, made again just after), no code the reviewer could not follow
  that may touch the table (it may drop the key or disable its triggers);
- those columns are NOT NULL: a NULL link passes the foreign key but finds no parent row, so
  NOT EXISTS deletes it. ``NOT IN`` does not (``NULL NOT IN (...)`` is NULL) but when the
  parent table is empty (then it is true): such a delete of a nullable link is a warning
  saying so, not an error (codeamt/Freelancer ``0009``, ``user_id NOT IN (SELECT id FROM
  users)`` under ``ForeignKey("users.id", ondelete="CASCADE")``, held-out27, read as
  deleting nothing: the chain seeds users).

A foreign key made outside the chain, or by SQL the reviewer cannot read, is not seen: the
delete stays reported. One the models' ``create_all`` makes, read statically of the project's
models (modelkeys.py), counts as made by the chain, when the table was not there before it
and no revision adds the column since (the models say what the column is now: a database
made before had it from that add_column, maybe with no key).
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from pglast import ast
from pglast.enums import A_Expr_Kind, BoolExprType, SubLinkType

from dbkit.review.dedupes import MANY, track_not_null
from dbkit.review.sqlrefs import and_tests, column_ref, name

if TYPE_CHECKING:
    from dbkit.review.context import Context
    from dbkit.review.ops import Op
    from dbkit.review.reader import Revision

Link = tuple[tuple[str, ...], str, tuple[str, ...]]  # (columns, parent table, its columns)


def no_orphans(ctx: Context, rev: Revision, op: Op) -> str | None:
    """Is ``op`` a DELETE of orphans that foreign keys made earlier forbid (see the module)?
    "" when it deletes nothing; why, when it deletes at most the rows whose NOT IN link is
    NULL, and those only when the parent is empty; None when it is not such a delete."""
    stmt = op.statement
    if op.name != "delete" or not op.table or not isinstance(stmt, ast.DeleteStmt) \
            or stmt.relation is None or stmt.usingClause or stmt.whereClause is None \
            or stmt.withClause is not None:
        return None
    own = {(name(stmt.relation) or "").lower(), op.table.lower()}
    if stmt.relation.alias is not None:
        own = {str(stmt.relation.alias.aliasname).lower()}
    if not _has_orphan_test(stmt.whereClause, own):
        return None
    before = {r.name for r in ctx.ancestors(rev, MANY)}
    ops = [o for r in ctx.chain.order if r.name in before for o in r.upgrade] \
        + [o for o in rev.upgrade if o.seq < op.seq]
    links, not_null = enforced_links(ops, op.table)
    nulls = _left(stmt.whereClause, own, links, not_null)
    if nulls is None:
        return None
    if not nulls:
        return ""
    columns = ", ".join(sorted(c for c, _ in nulls))
    parents = ", ".join(sorted({p for _, p in nulls}))
    return (f"foreign keys forbid its orphans: it deletes only the rows whose {columns} is NULL, "
            f"and those only when {parents} has no row (NULL NOT IN an empty set is true). ")


def _has_orphan_test(where: object, own: set[str]) -> bool:
    if isinstance(where, ast.BoolExpr) and where.boolop != BoolExprType.NOT_EXPR:
        return any(_has_orphan_test(a, own) for a in where.args or ())
    return _orphan_test(where, own) is not None


Nulls = frozenset[tuple[str, str]]  # (nullable column, parent) a NOT IN may still delete by


def _left(where: object, own: set[str], links: list[Link], not_null: set[str]) -> Nulls | None:
    """What rows ``where`` may still pick under ``links``: none (empty), those whose NOT IN
    link is NULL (with the parent empty), or any (None). AND-ed: the narrowest test bounds
    them; OR-ed: every test must be bounded."""
    if isinstance(where, ast.BoolExpr) and where.boolop == BoolExprType.AND_EXPR:
        known = [b for b in (_left(a, own, links, not_null) for a in where.args or ())
                 if b is not None]
        return min(known, key=len) if known else None
    if isinstance(where, ast.BoolExpr) and where.boolop == BoolExprType.OR_EXPR:
        each = [_left(a, own, links, not_null) for a in where.args or ()]
        if any(b is None for b in each):
            return None
        return frozenset(pair for b in each if b for pair in b)
    test = _orphan_test(where, own)
    if test is None:
        return None
    wanted, in_list = test
    if not _covered(wanted, links, not_null):
        return None
    nullable = [c for c in wanted[0] if c not in not_null]
    if not nullable:
        return frozenset()
    # a NULL link finds no parent: NOT EXISTS deletes it; NOT IN only when the parent is empty
    return frozenset((c, wanted[1]) for c in nullable) if in_list else None


def _covered(wanted: Link, links: list[Link], not_null: set[str]) -> bool:
    """Is the link a foreign key's, or some of the pairs of one whose columns are all NOT NULL
    (every row has a parent matching each pair, so these too: AI-Assistant 0008's ``NOT
    EXISTS (SELECT 1 FROM users u WHERE u.org_id = cs.org_id)`` under the key ``(user_id,
    org_id) -> users (id, org_id)``, held-out53)?"""
    columns, parent, remote = wanted
    pairs = set(zip(columns, remote, strict=True))
    return any(p.lower() == parent.lower() and (
        set(zip(c, r, strict=True)) == pairs
        or pairs < set(zip(c, r, strict=True)) and set(c) <= not_null) for c, p, r in links)


def _orphan_test(test: object, own: set[str]) -> tuple[Link, bool] | None:
    """The link a NOT EXISTS / NOT IN test finds nothing through, when it is one (module),
    and whether it is a NOT IN."""
    args = list(test.args or ()) if isinstance(test, ast.BoolExpr) \
        and test.boolop == BoolExprType.NOT_EXPR else []
    if len(args) != 1 or not isinstance(args[0], ast.SubLink):
        return None
    link = args[0]
    select = link.subselect
    items = list(select.fromClause or ()) if isinstance(select, ast.SelectStmt) else []
    if not isinstance(select, ast.SelectStmt) or select.larg is not None or len(items) != 1 \
            or not isinstance(items[0], ast.RangeVar) or select.groupClause \
            or select.havingClause or select.limitCount is not None:
        return None
    parent = items[0]
    table = name(parent)
    if not table:
        return None
    theirs = str(parent.alias.aliasname).lower() if parent.alias else (parent.relname or "").lower()
    if link.subLinkType == SubLinkType.EXISTS_SUBLINK:
        pairs = _equalities(select.whereClause, theirs, own)
    elif link.subLinkType == SubLinkType.ANY_SUBLINK \
            and (not link.operName or _is_equals(link.operName)):
        pairs = _in_pair(link, select, theirs, own)
    else:
        return None
    if not pairs:
        return None
    link_of = (tuple(c for c, _ in pairs), table, tuple(r for _, r in pairs))
    return link_of, link.subLinkType == SubLinkType.ANY_SUBLINK


def _is_equals(names: tuple | None) -> bool:
    return [getattr(n, "sval", None) for n in names or ()] == ["="]


def _in_pair(link: ast.SubLink, select: ast.SelectStmt, theirs: str, own: set[str]
             ) -> list[tuple[str, str]]:
    """``y NOT IN (SELECT x FROM parent)``: [(y, x)]."""
    targets = list(select.targetList or ())
    if select.whereClause is not None or len(targets) != 1:
        return []
    inner = column_ref(getattr(targets[0], "val", None))
    outer = column_ref(link.testexpr)
    if inner is None or outer is None or inner[0] not in ("", theirs) \
            or outer[0] not in own | {""}:
        return []
    return [(outer[1], inner[1])]


def _equalities(where: object, theirs: str, own: set[str]) -> list[tuple[str, str]]:
    """(own column, parent column) of each ``p.x = t.y`` AND-ed in the subquery's WHERE; []
    when any test is something else (it would pick only some parent rows)."""
    tests = and_tests(where) if where is not None else []
    pairs = []
    for test in tests:
        if not (isinstance(test, ast.A_Expr) and test.kind == A_Expr_Kind.AEXPR_OP
                and _is_equals(test.name)):
            return []
        left, right = column_ref(test.lexpr), column_ref(test.rexpr)
        if left is None or right is None:
            return []
        if left[0] == theirs and right[0] in own and theirs not in own:
            pairs.append((right[1], left[1]))
        elif right[0] == theirs and left[0] in own and theirs not in own:
            pairs.append((left[1], right[1]))
        else:
            return []
    return pairs


def enforced_links(ops: list[Op], table: str) -> tuple[list[Link], set[str]]:
    """The foreign keys of ``table`` checked on every row once ``ops`` have run, and its NOT
    NULL columns, as far as they say (lower-cased); none when its table is made by nothing
    read, or code not followed may touch it."""
    links: list[Link] = []
    not_null: set[str] = set()
    there = False  # named by an op already: create_all(checkfirst) would leave it as it is
    for at, o in enumerate(ops):
        if o.name == "rename_table" and o.table and (o.new_name or "").lower() == table.lower():
            links, not_null = enforced_links(ops[:at], o.table)  # (its keys go with it,
            links = _still_to_parent(o, links)  # but those to itself, by its old name)
            there = True
            continue
        built = [b for b in o.builds if b[0].lower() == table.lower()]
        if built and not there:  # made by the models' create_all (modelkeys.py)
            links, not_null = list(built[0][1]), set(built[0][2])
        elif o.name in ("opaque", "execute") and o.may_touch(table):
            links.clear()  # code not followed may drop the key
        there = there or o.table == table or o.name in ("opaque", "execute") and o.may_touch(table)
        links = _still_to_parent(o, links)
        if o.table != table:
            continue
        if o.name in ("create_table", "drop_table"):
            links.clear()
            not_null = {c.lower() for c, info in o.columns.items()
                        if not info.nullable or info.primary} if o.name == "create_table" else set()
        elif o.name == "drop_constraint" and o.constraint_type not in ("unique", "check", "primary"):
            links.clear()  # (which one: its name is not kept for a key made inline)
        elif o.name == "add_column" and o.added is not None:
            # of a table the models built: the column came later (add_column, once guarded),
            # maybe without what the models say of it now
            links = [k for k in links if o.added.name.lower() not in k[0]]
            not_null.discard(o.added.name.lower())
            track_not_null(o, not_null)
        elif (gone := track_not_null(o, not_null)) is not None:
            links = [k for k in links if gone not in {c.lower() for c in k[0]}]
        if o.name in ("create_table", "add_column", "create_foreign_key"):
            links += [(tuple(c.lower() for c in cs), p, tuple(r.lower() for r in rs))
                      for cs, p, rs in o.enforced]
    return links, not_null


def _still_to_parent(o: Op, links: list[Link]) -> list[Link]:
    """``links`` less those ``o`` leaves pointing elsewhere than where they say: their parent
    dropped or renamed (another table may take its name), a column of it they point at
    dropped or renamed, or a constraint of it of no known type dropped (its key, maybe)."""
    if not o.table:
        return links
    parent = o.table.lower()
    if o.name in ("drop_table", "rename_table") \
            or o.name == "drop_constraint" and o.constraint_type is None:
        # (SQL's DROP CONSTRAINT ... CASCADE of the parent's key drops the keys needing it)
        return [k for k in links if k[1].lower() != parent]
    if o.name in ("drop_column", "alter_column") and o.column \
            and (o.name == "drop_column" or o.new_name):
        return [k for k in links if not (k[1].lower() == parent and o.column.lower() in k[2])]
    return links
