"""Rows folded into their siblings of the same table before they are deleted: no proof.

SW-Couriers ``0085`` turns one row per channel into one row with a column per channel:

    UPDATE system_notification_defaults AS d SET sms_enabled = s.enabled,
        sms_template_id = s.template_id FROM system_notification_defaults AS s
        WHERE s.notification_type = d.notification_type AND s.event = d.event
        AND s.channel = 'SMS' AND d.channel = 'EMAIL'
    DELETE FROM system_notification_defaults WHERE channel = 'SMS'

The UPDATE reads the very rows the DELETE then removes (its second alias of the table is
picked by the DELETE's own tests, ``channel = 'SMS'``) and writes what it reads into the rows
it joins them to, which stay. Each deleted row whose twin exists is kept in it; one with no
twin is lost. Which of the two the rows are, no plain reading tells (held-out19, read kept
by hand): a warning that names the fold, not an error.

Claimed only where the SQL shows it: an UPDATE of the deleted table, in this revision before
the DELETE, whose FROM names the table again under another alias, and whose AND-ed WHERE
pins that alias's columns to at least the constants the DELETE's AND-ed WHERE pins.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from pglast import ast
from pglast.enums import A_Expr_Kind

from dbkit.review.putback import constant
from dbkit.review.sqlrefs import ColumnRefs, aliases, and_tests

if TYPE_CHECKING:
    from dbkit.review.ops import Op
    from dbkit.review.revision import Revision

Pins = dict[tuple[str | None, str], object]  # (alias or None, column) -> its constant


def folded(rev: Revision, delete: Op) -> str:
    """Why ``delete`` is no proof of a loss, when an UPDATE before it folds the rows it
    removes into their siblings (see the module); "" otherwise."""
    stmt = delete.statement
    if not isinstance(stmt, ast.DeleteStmt) or stmt.usingClause or not delete.table:
        return ""
    picked = {column: value for (_, column), value in _pins(stmt.whereClause).items()}
    if not picked:
        return ""
    for update in rev.upgrade:
        found = _fold(update, delete, picked) if update.seq < delete.seq else None
        if found is not None:
            read, joined = found
            return (f"the UPDATE of line {update.line} first copies their {', '.join(read)} "
                    f"into the rows of {delete.table} it joins them to (on "
                    f"{', '.join(joined) or 'a condition'}); a row that none joins is lost, "
                    "which no plain reading tells. ")
    return ""


def _fold(update: Op, delete: Op, picked: dict[str, object]) -> tuple[list[str], list[str]] | None:
    """(columns read, columns joined on) of the deleted rows, when ``update`` folds them."""
    stmt = update.statement
    relation = stmt.relation if isinstance(stmt, ast.UpdateStmt) else None
    if update.name != "backfill" or update.table != delete.table or relation is None \
            or not isinstance(stmt, ast.UpdateStmt) or not stmt.fromClause:
        return None
    target = str(relation.alias.aliasname) if relation.alias else str(relation.relname)
    pins = _pins(stmt.whereClause)
    for alias, table in aliases(stmt.fromClause).items():
        if table != delete.table or alias == target:
            continue
        mine = {column: value for (owner, column), value in pins.items() if owner == alias}
        if any(mine.get(column) != value for column, value in picked.items()):
            continue
        refs = ColumnRefs()
        refs(stmt.targetList)  # type: ignore[arg-type]
        read = sorted({str(r[-1]) for r in refs.refs if len(r) == 2 and r[0] == alias})
        return (read, _joined(stmt.whereClause, alias, target)) if read else None
    return None



def _column(node: object) -> tuple[str | None, str] | None:
    fields = [str(getattr(f, "sval", "")) for f in getattr(node, "fields", None) or ()] \
        if isinstance(node, ast.ColumnRef) else []
    if len(fields) == 1:
        return None, fields[0].lower()
    return (fields[-2], fields[-1].lower()) if len(fields) == 2 else None


def _equal(test: object) -> tuple[object, object] | None:
    if isinstance(test, ast.A_Expr) and test.kind == A_Expr_Kind.AEXPR_OP \
            and [getattr(n, "sval", None) for n in test.name or ()] == ["="]:
        return test.lexpr, test.rexpr
    return None


def _pins(where: object) -> Pins:
    """The columns the AND-ed tests of a WHERE set equal to a constant."""
    found: Pins = {}
    for test in and_tests(where):
        sides = _equal(test)
        column = _column(sides[0]) if sides else None
        value = constant(sides[1]) if sides else None
        if column is not None and value is not None:
            found[column] = value
    return found


def _joined(where: object, alias: str, target: str) -> list[str]:
    """The columns of ``alias`` the WHERE sets equal to the same column of ``target``."""
    found = []
    for test in and_tests(where):
        sides = _equal(test)
        left, right = (_column(sides[0]), _column(sides[1])) if sides else (None, None)
        if left and right and left[1] == right[1] and {left[0], right[0]} == {alias, target}:
            found.append(left[1])
    return found
