"""Rows a DELETE picks by constants, put back by ``downgrade()`` with values it computes.

``DELETE FROM gn_commons.t_parameters WHERE parameter_name = 'local_srid'`` (GeoNature
ca052245c6ec), whose downgrade inserts the row again: ``VALUES ((SELECT id_organisme FROM
...), 'local_srid', '...', Find_SRID('ref_geo', 'l_areas', 'geom'))``. The same constants in
the columns the WHERE pins, and the other values computed from the database (a subquery, a
function of arguments): the revision's author says the values follow from data kept
elsewhere; whether they are what the rows held is no plain reading, so no proof of a loss.
A downgrade inserting only constants (or ``now()``) brings back what it wrote, not what the
rows held (notifications-api 0262): that stays an error (data_dropped._put_back).
"""

from __future__ import annotations

from pglast import ast
from pglast.enums import A_Expr_Kind

from dbkit.review.ops import Op
from dbkit.review.revision import Revision
from dbkit.review.sqlrefs import and_tests, column_name


def constant(node: object) -> object:
    """A constant's value (``'x'``, ``2``), or None for anything else."""
    if not isinstance(node, ast.A_Const) or node.isnull:
        return None
    value = node.val
    return getattr(value, "sval", None) or getattr(value, "ival", None) \
        or getattr(value, "fval", None) or getattr(value, "boolval", None)


def _pins(where: object) -> dict[str, object]:
    """``WHERE a = 'x' AND b = 2``: {a: 'x', b: 2}; empty unless every test is such."""
    tests = and_tests(where)
    found: dict[str, object] = {}
    for test in tests:
        if not (isinstance(test, ast.A_Expr) and test.kind == A_Expr_Kind.AEXPR_OP
                and [getattr(n, "sval", None) for n in test.name or ()] == ["="]):
            return {}
        column, value = column_name(test.lexpr), constant(test.rexpr)
        if not column or value is None:
            return {}
        found[column] = value
    return found


def _computed(column: str, node: object) -> bool:
    """A value the database computes from what it holds: a subquery, or a function given
    arguments (``Find_SRID('ref_geo', 'l_areas', 'geom')``; not ``now()``). Not a key looked
    up by a name (``id_theme = (SELECT id_theme FROM bib_themes WHERE name_theme = ...)``,
    GeoNature 699c25251384): that links the row, the values it held are the constants."""
    key = column == "id" or column.endswith("_id") or column.startswith("id_")
    return not key and (isinstance(node, ast.SubLink)
                        or (isinstance(node, ast.FuncCall) and bool(node.args)))


def _rows_back(insert: Op, pins: dict[str, object]) -> str:
    """The columns ``insert`` (a downgrade's ``INSERT ... VALUES``) computes, when every row
    it inserts sets the pinned columns to the DELETE's constants; "" otherwise."""
    stmt = insert.statement
    select = getattr(stmt, "selectStmt", None)
    names = [c.name for c in getattr(stmt, "cols", None) or ()]
    rows = getattr(select, "valuesLists", None) or ()
    computed: set[str] = set()
    for row in rows:
        items = row if isinstance(row, list | tuple) else getattr(row, "items", None) or ()
        values = dict(zip(names, items, strict=False))
        if any(constant(values.get(c)) != v for c, v in pins.items()):
            return ""
        computed |= {c for c, v in values.items() if c not in pins and _computed(c, v)}
    return ", ".join(sorted(computed)) if rows and computed else ""


def computed_back(rev: Revision, delete: Op) -> str:
    """"" unless ``downgrade()`` inserts the rows a DELETE pins by constants again, those
    constants in the pinned columns and other values computed from the database; else
    that, for a warning's message."""
    pins = _pins(getattr(delete.statement, "whereClause", None)) \
        if isinstance(delete.statement, ast.DeleteStmt) else {}
    for other in rev.downgrade if pins else ():
        if other.name == "insert" and other.table == delete.table and other.statement is not None:
            computed = _rows_back(other, pins)
            if computed:
                return (f"downgrade() inserts these rows again (line {other.line}), computing "
                        f"{computed} from the database: their values may follow from data "
                        "kept elsewhere. ")
    return ""
