"""The two branches of an ``if`` the reviewer cannot evaluate.

An op under such an ``if`` is a doubt: it may never run (an earlier revision may have done
it already). Not when the ``else`` does the same to the same column: beaker 3fc28d7eb6d3
makes ``log_recipe.recipe_id`` NOT NULL by a MySQL ``MODIFY ... NOT NULL`` when
``find_fk(...)`` finds no key, and by ``op.alter_column(..., nullable=False)`` otherwise;
one of them runs, whatever the test says.
"""

from __future__ import annotations

import ast
from collections.abc import Sequence

from dbkit.review.ops import Op


def mark(ops: Sequence[Op], middle: int, test: str, tests: tuple[tuple[str, str, bool], ...],
         node: ast.expr, whole: tuple[tuple[str, str, bool], ...] | None = None) -> None:
    """Mark ``ops`` (those of one ``if``: the body's, then from index ``middle`` on the
    ``else``'s) as run only under ``test`` (``node``, written so; tables it tests: ``tests``;
    ``whole``: all it tests, when that is tables and columns only: tabletests.if_tests); an op
    not under an inner ``if`` learns its branch."""
    names = {n.id for n in ast.walk(node) if isinstance(n, ast.Name)}
    for index, op in enumerate(ops):
        if not op.condition:
            op.otherwise = index >= middle
        op.condition, op.conditional = op.condition or test, True
        op.table_tests = tests + op.table_tests
        op.if_levels = ((id(node), tests, whole or ()),) + op.if_levels if tests or whole else op.if_levels
        op.open_tests += 0 if whole else 1
        op.tested_names |= names


def _makes_not_null(op: Op) -> bool:
    return op.name == "set_not_null" or op.name == "alter_column" and op.nullable is False


def either_way(ops: Sequence[Op], op: Op) -> bool:
    """Does the other branch of ``op``'s innermost ``if`` make the same column NOT NULL (or
    drop the same column or table)? Then one of the two runs whatever the test says."""
    if not op.conditional or not op.table:
        return False
    not_null = _makes_not_null(op)
    if not not_null and op.name not in ("drop_column", "drop_table"):
        return False
    return any(o.condition == op.condition and o.otherwise != op.otherwise
               and o.table == op.table and o.column == op.column
               and (_makes_not_null(o) if not_null else o.name == op.name) for o in ops)
