"""``if <the database already has it>: return`` (or ``continue`` in a loop) above an op.

The statements after such an ``if`` run only when its test is false, as if written under
``if not <test>:``; the reader marks the ops among them that make something (a table, a
column, an index, a constraint: what could be "applied twice") conditional, as it marks
those of an ``if`` it cannot decide. Only when the test reads the database's own state: an inspector call
(``has_table``, ``get_indexes``...), a name bound to one (``existing = {c["name"] for c in
inspector.get_columns("t")}``) or to a SELECT of the catalogs (theourgia 0066's ``SELECT
to_regclass('public.t') IS NOT NULL``, held-out41), or a function of the file whose body
reads the catalogs (``pg_indexes``, ``pg_constraint``, ``information_schema``) or the
inspector. An exit on
anything else (a setting, the dialect) leaves the ops after it unconditional.
"""

from __future__ import annotations

import ast
import re

from dbkit.review import branches
from dbkit.review.ops import Op

STATE = re.compile(r"\b(pg_indexes|pg_constraint|pg_class|pg_attribute|pg_catalog|pg_tables|to_regclass|"
                   r"information_schema|has_table|has_index|get_table_names|get_columns|"
                   r"get_indexes|get_foreign_keys|get_unique_constraints|get_check_constraints|"
                   r"get_pk_constraint|inspect)\b")
MAKES = ("create_", "add_", "rename_")


def state_exit(node: ast.stmt, functions: dict, written: dict[str, str]) -> bool:
    """Is ``node`` an ``if`` with no ``else`` whose body ends in ``return`` or ``continue``
    and whose test reads the database's state?"""
    if not isinstance(node, ast.If) or node.orelse or not node.body \
            or not isinstance(node.body[-1], (ast.Return, ast.Continue)):
        return False
    return _reads_state(node.test, functions, written, 0)


def _reads_state(node: ast.AST, functions: dict, written: dict[str, str], depth: int) -> bool:
    for part in ast.walk(node):
        if isinstance(part, ast.Call) and isinstance(part.func, ast.Attribute) \
                and STATE.fullmatch(part.func.attr):
            return True
        if isinstance(part, ast.Name) and part.id in written and depth == 0 \
                and STATE.search(written[part.id]):
            return True
        if isinstance(part, ast.Call) and isinstance(part.func, ast.Name) and depth < 2 \
                and part.func.id in functions:
            body = functions[part.func.id]
            if STATE.search(ast.unparse(body)) or _reads_state(body, functions, {}, depth + 1):
                return True
    return False


def mark_after(ops: list[Op], guard: tuple[int, ast.stmt] | None) -> None:
    """Mark the ops from index ``guard[0]`` on that make something (a table, column, index,
    constraint, a new name) as run only when its ``if``'s test is false. Not the others: a
    DELETE after ``if "t" not in tables: return`` runs whenever ``t`` has rows to lose; they
    keep the test (``after_exit``): an ALTER after ``if not has_table("t"): return`` never
    runs on a database without ``t`` (SupaCRM 542f89e1892a, held-out43)."""
    if guard is None or not isinstance(guard[1], ast.If):
        return
    start, node = guard[0], guard[1]
    test = "not (" + " ".join(ast.unparse(node.test).split()) + ")"
    makes = [op for op in ops[start:] if op.name.startswith(MAKES)]
    branches.mark(makes, len(makes), test, (), node.test)
    for op in ops[start:]:
        op.after_exit = op.after_exit or ("" if op in makes else test)


def exit_tests(op: Op, table: str) -> bool:
    """Does the exit above ``op`` (``after_exit``) name ``table`` in its test?"""
    bare = table.rpartition(".")[2]
    return bool(op.after_exit) and re.search(rf"\b{re.escape(bare)}\b", op.after_exit) is not None
