"""A boolean flag the chain only ever set from a test of other columns is maybe derived.

GenAI-assited-CRM-Tool's ``20260128_1400`` adds ``meta_ad_accounts.is_legacy`` (Boolean, NOT
NULL, server default false) and sets it with ``UPDATE meta_ad_accounts SET is_legacy = TRUE
WHERE oauth_connection_id IS NULL``; ``20260129_1900`` drops it while the table keeps
``oauth_connection_id`` (held-out14, read by hand). Its values are ``oauth_connection_id IS
NULL`` as it was then: the table can compute them again, unless the application changed
that column (or the flag) since, which the reviewer cannot see. So the drop is no proven
loss: a warning naming the derivation (derived.py), never an error. Only when the chain
shows all of it:

- the column is a boolean the chain added (its default, if any, a constant: a boolean's);
- the only statement of the chain writing it is one UPDATE of that revision, after the add,
  of no other table (no FROM, no subquery), setting it alone to a constant for the rows a
  WHERE on other columns of the table picks;
- those columns are still there at the drop, and no code the reviewer could not follow that
  may touch the table ran between the add and the drop.
"""

from __future__ import annotations

from pglast import ast

from dbkit.review.chain import Chain
from dbkit.review.ops import Op
from dbkit.review.reader import Revision
from dbkit.review.sqlrefs import has_sublink

BOOLEANS = ("boolean", "bool")
UNFOLLOWED = ("opaque", "execute")


def flagged_from(chain: Chain, rev: Revision, op: Op, kept: set[str]) -> tuple[str, set[str]] | None:
    """(where, the columns) when ``op``'s dropped column is such a flag (see the module)."""
    table, column = op.table, (op.column or "").lower()
    added: Revision | None = None
    fills: list[tuple[Revision, Op]] = []
    for earlier in chain.order:
        for o in earlier.upgrade:
            if earlier is rev and o.seq >= op.seq:
                break
            if o.table == table and o.name == "add_column" and o.added is not None \
                    and o.added.name.lower() == column:
                added, fills = (earlier if (o.added.type_ or "").lower() in BOOLEANS
                                else None), []
            elif added is not None and (_writes(o, table, column)
                                        or o.name in UNFOLLOWED and o.may_touch(table, column)):
                fills.append((earlier, o))
        if earlier is rev:
            break
    if added is None or len(fills) != 1 or fills[0][0] is not added:
        return None
    fill = fills[0][1]
    sources = _picked_by(fill, column)
    if not sources or not sources <= kept:
        return None
    return (f"revision {added.revision or added.name} (line {fill.line}: SET {op.column} to a "
            f"constant WHERE {fill.picks}, the default elsewhere)"), sources


def _writes(o: Op, table: str | None, column: str) -> bool:
    return o.name in ("backfill", "insert") and any(
        t == table and c.lower() in (column, "*") for t, c in o.writes)


def _picked_by(fill: Op, column: str) -> set[str]:
    """The columns of the WHERE of ``UPDATE t SET <column> = <constant> WHERE <test>``, the
    flag set for the rows the test picks; empty for any other statement."""
    stmt = fill.statement
    if fill.name != "backfill" or not isinstance(stmt, ast.UpdateStmt) or stmt.fromClause \
            or stmt.whereClause is None or has_sublink(stmt.whereClause) \
            or len(targets := list(stmt.targetList or ())) != 1 \
            or fill.some_rows in ("", "a condition"):
        return set()
    target = targets[0]
    value = target.val.arg if isinstance(target.val, ast.TypeCast) else target.val
    if str(target.name).lower() != column or not isinstance(value, ast.A_Const):
        return set()
    sources = {c.strip().lower() for c in fill.some_rows.split(",")}
    return set() if column in sources else sources
