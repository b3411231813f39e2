"""``if "t" in inspector.get_table_names():`` over a drop, evaluated against what the chain
knows exists at that point. The reader records each such test over an op (the table, and
whether the body runs when it exists); the walk (:mod:`dbkit.review.schema`) skips a drop
the chain proves never runs: a table it never made (in a chain that makes every table it
changes), or ``not in`` of a table it made and still has.
"""

from __future__ import annotations

import ast
from typing import Protocol

from dbkit.review.ops import Op

TABLE_LISTS = ("get_table_names",)


class Schema(Protocol):
    tables: dict
    outside: bool
    unfollowed: list[Op]


def table_tests(test: ast.expr, written: dict[str, str]) -> tuple[tuple[str, bool], ...]:
    """The tests of ``test`` (an ``if``'s, its conjuncts when AND-ed) of whether a table
    exists: ``"t" in inspector.get_table_names()``, or ``in tables`` of a name bound to
    that, or ``[not] inspector.has_table("t")``; (table, True when it must exist, False
    when it must not)."""
    parts = test.values if isinstance(test, ast.BoolOp) and isinstance(test.op, ast.And) \
        else [test]
    found = []
    for part in parts:
        negated = isinstance(part, ast.UnaryOp) and isinstance(part.op, ast.Not)
        call = part.operand if negated else part  # type: ignore[attr-defined]
        name = _has_table(call)
        if name:  # inspector.has_table("t"), dialect.has_table(conn, "t")
            found.append((name, not negated))
        elif isinstance(part, ast.Compare) and len(part.ops) == 1 \
                and isinstance(part.ops[0], (ast.In, ast.NotIn)) \
                and isinstance(part.left, ast.Constant) and isinstance(part.left.value, str) \
                and _lists_tables(part.comparators[0], written):
            found.append((part.left.value, isinstance(part.ops[0], ast.In)))
    return tuple(found)


def _has_table(node: ast.expr) -> str | None:
    if not isinstance(node, ast.Call) or getattr(node.func, "attr", "") != "has_table":
        return None
    names = [a.value for a in node.args if isinstance(a, ast.Constant) and isinstance(a.value, str)]
    return names[-1] if len(names) == 1 else None


def _lists_tables(node: ast.expr, written: dict[str, str]) -> bool:
    text = written.get(node.id, "") if isinstance(node, ast.Name) else ast.unparse(node)
    return any(f".{name}(" in text for name in TABLE_LISTS)


def never_runs(s: Schema, op: Op, ops: list[Op]) -> bool:
    """Does a test over ``op`` contradict what the chain knows? ``not in`` of a table it
    has (made and not dropped since), or ``in`` of a table it never made nor was given,
    with no code it could not follow that may have made or dropped it. Not when the same
    revision (``ops``) makes the table after the drop: its author expects it made outside
    the chain on some databases (mistral 034: a table the application made from its model)."""
    for name, present in op.table_tests:
        exists = name in s.tables
        if any(_may_change(code, name.lower(), exists) for code in s.unfollowed):
            continue
        if (exists and not present) or (not exists and present and not s.outside
                                         and not _made_after(name, op, ops)):
            return True
    return False


def _made_after(name: str, op: Op, ops: list[Op]) -> bool:
    return any(o.name == "create_table" and o.table == name and o.seq > op.seq for o in ops)


def _may_change(code: Op, name: str, exists: bool) -> bool:
    """Could code not followed have made the table (or dropped it, when it exists)? SQL it
    cannot read may; code that names it may (to drop it: names it and says DROP); an ORM
    session writes rows, not tables, and a call that names nothing of it is not taken to."""
    if code.mentions is None:
        return code.name == "execute"
    return name in code.mentions and (not exists or "drop" in code.mentions)
