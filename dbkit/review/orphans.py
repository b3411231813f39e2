"""A DELETE of orphans loses their rows: an error, unless the "link" is a choice of rows.

``DELETE FROM nat_rule WHERE NOT EXISTS (SELECT 1 FROM resources WHERE resources.vmid =
nat_rule.vmid)`` removes the rows whose link finds nothing: unreachable through the link,
perhaps, but their own values (ports, hosts, what the app wrote) are kept nowhere. The
readers of every labelled split read such deletes (``NOT IN`` / ``NOT EXISTS`` over another
table, or the ``IS NULL`` of one whole foreign key) as losses: 18 of 21 by h19zv's count
(SkyLab ``fdb01``, osparc ``0e7558d0499c``, beaker ``171c07fb4970``, finance_report ``0030``,
...), the three read as kept having a reason the chain shows (a copy first, a function
body) or none written. They were warnings by decision; they are errors now, with the same
exceptions as any DELETE of some rows (a copy first, a rebuild, a function body).

A ``NOT IN`` / ``NOT EXISTS`` whose subquery picks the other table's rows by a constant
(``user_id NOT IN (SELECT id FROM users WHERE email = 'system@...')``, conveyordata
``7d3424a90e14``; ``NOT EXISTS (... WHERE manager_role.role IN ('hiring_manager', ...))``,
beyondcandidate ``0029``) is no orphan test: it chooses the rows to remove, and both were read
as kept (what they held was turned into something else first). Those stay warnings.
"""

from __future__ import annotations

from pglast import ast
from pglast.enums import SubLinkType
from pglast.visitors import Visitor

from dbkit.review.ops import Op


def chosen(op: Op) -> bool:
    """Does the DELETE's WHERE test (NOT) IN / EXISTS over rows that a constant picks?"""
    stmt = op.statement
    if not isinstance(stmt, ast.DeleteStmt) or stmt.whereClause is None:
        return False
    found = []

    class Links(Visitor):
        def visit_SubLink(self, ancestors: object, node: ast.SubLink) -> None:
            if node.subLinkType in (SubLinkType.EXISTS_SUBLINK, SubLinkType.ANY_SUBLINK) \
                    and isinstance(node.subselect, ast.SelectStmt):
                found.append(_picks_by_constant(node.subselect))

    Links()(stmt.whereClause)
    return any(found)


def _picks_by_constant(select: ast.SelectStmt) -> bool:
    consts = []

    class Constants(Visitor):
        def visit_A_Const(self, ancestors: object, node: ast.A_Const) -> None:
            consts.append(node)

    for part in (select.whereClause, *(select.fromClause or ())):
        if part is not None:
            Constants()(part)
    return bool(consts)
