"""A DELETE of rows the chain itself seeded, picked by their key, is no proof of a loss.

``DELETE FROM specimen_detail_types WHERE code = 'organism'`` (labbox 88c11dd071fc) removes
the lookup row e045b65392ef inserted with constant VALUES: ``code`` is the table's primary
key, so that one row is the chain's own seed, and the revision's downgrade inserts it back
with the same key. The rows it removes are known from the chain's own text: no finding.
When the downgrade does not put them back, the application may have changed the seeded rows
since (or rows hanging off them), which no plain reading tells: a warning naming the seed,
not an error. Claimed only where the SQL itself shows it:

- the DELETE's WHERE is AND-ed tests, some of which pin every column of a key of the table
  (its primary key or a unique constraint or index the chain made on NOT NULL columns,
  dedupes.unique_keys) to constants (``c = 'x'``, ``c IN ('x', 'y')``); other tests only
  narrow the rows picked;
- no foreign key ON DELETE CASCADE the chain made points at the table (a DELETE of the seed
  takes the application's rows of its children with it: osparc 350103a7efbd deletes the
  product 'osparc' and every services_access_rights row with it, an error);
- every key so picked is in the constant VALUES of an INSERT (or the dicts of an
  ``op.bulk_insert``) into the table, of an earlier revision of the chain or of this one
  before the DELETE, and no drop or re-creation of the table and no other DELETE of that key
  comes between. Code the reviewer cannot follow in
  between (a call of a SQL function it cannot read) leaves a warning saying so, even when
  the downgrade puts the rows back.

Bound parameters (``name = :name`` given a dict) are not resolved here: the reader has put
``$1`` in their place, so such a DELETE is judged as before.
"""

from __future__ import annotations

from itertools import product
from pathlib import Path
from typing import TYPE_CHECKING

from pglast import ast
from pglast.enums import A_Expr_Kind, BoolExprType

from dbkit.review.dedupes import MANY, unique_keys
from dbkit.review.putback import constant
from dbkit.review.sqlrefs import column_name

if TYPE_CHECKING:
    from dbkit.review.context import Context
    from dbkit.review.ops import Op
    from dbkit.review.revision import Revision

Key = tuple[object, ...]


def seeded(ctx: Context, rev: Revision, delete: Op) -> str | None:
    """None unless ``delete`` removes only rows the chain seeded (see the module); "" when
    ``downgrade()`` inserts them back with the same keys; else a warning's reason."""
    stmt = delete.statement
    if not isinstance(stmt, ast.DeleteStmt) or stmt.usingClause or not delete.table \
            or stmt.whereClause is None:
        return None
    pins = _pins(stmt.whereClause)
    before = {r.name for r in ctx.ancestors(rev, MANY)}
    earlier = [(r, o) for r in ctx.chain.order if r.name in before for o in r.upgrade] \
        + [(rev, o) for o in rev.upgrade if o.seq < delete.seq]
    if _cascades(earlier, delete.table):
        return None  # (rows of other tables go with them: a loss of their own, osparc 350103a7efbd)
    keys = [k for k in unique_keys([o for _, o in earlier if not _unfollowed(o, delete.table)],
                                   delete.table) if set(k) <= set(pins)]
    for key in keys:
        picked = set(product(*(pins[c] for c in key)))
        seeds = _seeds(earlier, delete.table, key, picked)
        if seeds is None:
            continue
        last = max(i for i, (_, o) in enumerate(earlier) if any(o is s for _, s in seeds))
        after = [f"{Path(r.shown).name}:{o.line}" for r, o in earlier[last + 1:]
                 if _unfollowed(o, delete.table)]
        if picked <= _rows(rev.downgrade, delete.table, key) and not after:
            return ""
        where = ", ".join(f"{Path(r.shown).name}:{o.line}" for r, o in seeds)
        since = f" (and code it cannot follow ran since, at {after[0]})" if after else ""
        return (f"it deletes rows the chain seeded at {where} (picked by their key "
                f"{', '.join(key)}); the application may have changed them since{since}. ")
    return None


def _cascades(earlier: list[tuple[Revision, Op]], table: str) -> bool:
    """Does a foreign key ON DELETE CASCADE the chain made point at ``table``? A DELETE of its
    rows deletes the rows of other tables that hold them, which the application wrote."""
    return any(o.cascades_from == table or any(c.cascades_from == table
                                               for c in o.columns.values())
               for _, o in earlier)


def _unfollowed(op: Op, table: str) -> bool:
    """Code not followed that may touch ``table`` (a call of a function it cannot read)."""
    return op.name in ("opaque", "execute") and op.may_touch(table)


def _pins(where: object) -> dict[str, set[object]]:
    """The columns the AND-ed tests of a WHERE pin to constants, with those constants."""
    tests = list(where.args or ()) if isinstance(where, ast.BoolExpr) \
        and where.boolop == BoolExprType.AND_EXPR else [where]
    found: dict[str, set[object]] = {}
    for test in tests:
        if not isinstance(test, ast.A_Expr):
            continue
        column = (column_name(test.lexpr) or "").lower()
        operator = [getattr(n, "sval", None) for n in test.name or ()]
        if test.kind == A_Expr_Kind.AEXPR_OP and operator == ["="]:
            values = [constant(test.rexpr)]
        elif test.kind == A_Expr_Kind.AEXPR_IN and operator == ["="] \
                and isinstance(test.rexpr, (list, tuple)):
            values = [constant(v) for v in test.rexpr]
        else:
            continue
        if column and values and all(v is not None for v in values):
            found[column] = found[column] & set(values) if column in found else set(values)
    return found


def _seeds(earlier: list[tuple[Revision, Op]], table: str, key: tuple[str, ...],
           picked: set[Key]) -> list[tuple[Revision, Op]] | None:
    """The INSERTs of constant VALUES that put every picked key into ``table``, when nothing
    after them may have removed or replaced those rows; None otherwise."""
    found: dict[Key, tuple[Revision, Op]] = {}
    for r, o in earlier:
        if o.name == "insert" and o.table == table:
            found.update({k: (r, o) for k in _rows([o], table, key) & picked})
        elif o.table == table and (o.name in ("drop_table", "create_table", "rename_table")
                                   or o.name == "empty" and not o.column):
            found.clear()
        elif o.name == "delete" and o.table == table:
            gone = _pins(getattr(o.statement, "whereClause", None))
            found = {k: v for k, v in found.items()
                     if not all(k[i] in gone.get(c, {k[i]}) for i, c in enumerate(key))}
    if not picked or set(found) != picked:
        return None
    unique = {id(o): (r, o) for r, o in found.values()}
    return sorted(unique.values(), key=lambda s: (s[0].shown, s[1].line))


def _rows(ops: list[Op], table: str, key: tuple[str, ...]) -> set[Key]:
    """The keys of the rows the ``INSERT ... VALUES`` (or ``op.bulk_insert`` of dicts) of
    ``ops`` into ``table`` write as constants."""
    found: set[Key] = set()
    for o in ops:
        if o.name == "insert" and o.table == table and o.constant_rows:  # op.bulk_insert
            found |= {tuple(r[c] for c in key) for r in o.constant_rows if set(key) <= set(r)}
        stmt = o.statement
        if o.name != "insert" or o.table != table or not isinstance(stmt, ast.InsertStmt):
            continue
        names = [str(c.name).lower() for c in stmt.cols or ()]
        rows = getattr(stmt.selectStmt, "valuesLists", None) or ()
        if not set(key) <= set(names):
            continue
        for row in rows:
            items = row if isinstance(row, list | tuple) else getattr(row, "items", None) or ()
            values = dict(zip(names, items, strict=False))
            value = tuple(constant(values.get(c)) for c in key)
            if all(v is not None for v in value):
                found.add(value)
    return found
