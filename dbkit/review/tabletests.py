"""``if "t" in inspector.get_table_names():`` over a drop, evaluated against what the chain
knows exists at that point. The reader records each such test over an op (the table, and
whether the body runs when it exists); the walk (:mod:`dbkit.review.schema`) skips a drop
the chain proves never runs: a table it never made (in a chain that makes every table it
changes), or ``not in`` of a table it made and still has.

A test of a column, ``"c" in cols`` with ``cols`` the names of ``t``'s columns (columntests.py
reads them), is evaluated so too, AND-ed or not, when the chain made ``t`` with every column
known: YorTrade 0002 drops and makes again ``deals`` under ``if "user_id" in deal_columns and
"player_id" not in deal_columns:``, but its first revision made ``deals`` with ``player_id``
and no ``user_id``, and none added one since (held-out39, read by hand: it never runs).
"""

from __future__ import annotations

import ast
from typing import Protocol

from dbkit import pysource
from dbkit.review.columntests import listed_columns, returned
from dbkit.review.ops import Op

TABLE_LISTS = ("get_table_names",)
BEFORE = "(before the chain)"  # made by none of the chain's revisions (unmade.BEFORE_THE_CHAIN)
Test = tuple[str, str, bool]  # (table, its column or "" for the table, True: it must exist)


class Schema(Protocol):
    tables: dict
    created_in: dict[str, str]
    whole: set[str]
    outside: bool
    unfollowed: list[Op]
    verdicts: dict


def if_tests(test: ast.expr, written: dict[str, str], functions: dict[str, ast.FunctionDef],
             orelse: bool) -> tuple[tuple[Test, ...], tuple[Test, ...] | None]:
    """The table tests of an ``if`` (none when it has an ``else``), and, when they are all it
    tests, every one of them, a function of the file's included (``_table_exists(insp, "t")``:
    :func:`surely_runs` alone reads those; a drop under one of a table the chain never made
    stays leftovers.py's warning); else None."""
    if orelse:
        return (), None
    parts = test.values if isinstance(test, ast.BoolOp) and isinstance(test.op, ast.And) else [test]
    found = [table_tests(part, written, functions, helpers=True) for part in parts]
    return table_tests(test, written, functions), \
        tuple(t for tests in found for t in tests) if all(found) else None


def table_tests(test: ast.expr, written: dict[str, str],
                functions: dict[str, ast.FunctionDef], helpers: bool = False) -> tuple[Test, ...]:
    """The tests of ``test`` (an ``if``'s, its conjuncts when AND-ed) of whether a table
    exists: ``"t" in inspector.get_table_names()``, or ``in tables`` of a name bound to
    that (or of a function of the file that returns it; ``{"a", "b"} <= tables`` tests
    both), or ``[not] inspector.has_table("t")``; and of whether a column exists: ``"c" in
    cols`` of a name bound to the names of a table's columns (columntests.py). (table,
    column or "", True when it must exist, False when it must not)."""
    parts = test.values if isinstance(test, ast.BoolOp) and isinstance(test.op, ast.And) \
        else [test]
    found = []
    for part in parts:
        negated = isinstance(part, ast.UnaryOp) and isinstance(part.op, ast.Not)
        call = part.operand if negated else part  # type: ignore[attr-defined]
        name = _has_table(call) or (_helper_table(call, functions) if helpers else None)
        if name:  # inspector.has_table("t"), dialect.has_table(conn, "t"), _table_exists(insp, "t")
            found.append((name, "", not negated))
        elif isinstance(part, ast.Compare) and len(part.ops) == 1 and isinstance(part.ops[0], ast.LtE) \
                and isinstance(part.left, ast.Set) and _lists_tables(part.comparators[0], written, functions):
            found += [(e.value, "", True) for e in part.left.elts  # {"a", "b"} <= tables: both there
                      if isinstance(e, ast.Constant) and isinstance(e.value, str)]
        elif isinstance(part, ast.Compare) and len(part.ops) == 1 \
                and isinstance(part.ops[0], (ast.In, ast.NotIn)) \
                and isinstance(part.left, ast.Constant) and isinstance(part.left.value, str):
            present, listed = isinstance(part.ops[0], ast.In), part.comparators[0]
            if _lists_tables(listed, written, functions):
                found.append((part.left.value, "", present))
            elif table := _columns_of(listed, written, functions):
                found.append((table, part.left.value, present))
    return tuple(found)


def _has_table(node: ast.expr) -> str | None:
    if not isinstance(node, ast.Call) or getattr(node.func, "attr", "") != "has_table":
        return None
    names = [a.value for a in node.args if isinstance(a, ast.Constant) and isinstance(a.value, str)]
    return names[-1] if len(names) == 1 else None


def _helper_table(call: ast.expr, functions: dict[str, ast.FunctionDef]) -> str | None:
    """``_table_exists(inspector, "t")``: a function of the file whose one ``return`` tests that
    its parameter names a table (``name in inspector.get_table_names()``, ``inspector.has_table(
    name)``), called with a constant for it (SuperShyft-devs/dev-api ``0030``, held-out54)."""
    called = returned(call, functions)
    if called is None or len(called[0]) != 1:
        return None
    result, values = called[0][0], called[1]
    if isinstance(result, ast.Call) and getattr(result.func, "attr", "") == "has_table" \
            and len(result.args) == 1 and isinstance(result.args[0], ast.Name):
        return values.get(result.args[0].id)
    if isinstance(result, ast.Compare) and len(result.ops) == 1 and isinstance(result.ops[0], ast.In) \
            and isinstance(result.left, ast.Name) and any(
                f".{name}(" in ast.unparse(result.comparators[0]) for name in TABLE_LISTS):
        return values.get(result.left.id)
    return None


def _columns_of(node: ast.expr, written: dict[str, str],
                functions: dict[str, ast.FunctionDef]) -> str | None:
    """The table whose column names ``node`` (or what the name ``node`` was bound to) gives."""
    if isinstance(node, ast.Name) and node.id in written:
        try:
            statement = pysource.parse(written[node.id]).body[0]
        except SyntaxError:
            return None
        if not isinstance(statement, ast.Expr):
            return None
        node = statement.value
    return listed_columns(node, functions)


def _lists_tables(node: ast.expr, written: dict[str, str], functions: dict[str, ast.FunctionDef]) -> bool:
    """Does ``node`` (or what the name was bound to) list the tables? ``inspector.get_table_names()``,
    or a call of a function of the file that returns them (zestivalife/consultants-dashboards
    f1a2b3c4d5e6: ``table_names = _table_names(conn)``, held-out50)."""
    text = written.get(node.id, "") if isinstance(node, ast.Name) else ast.unparse(node)
    called = text.split("(", 1)[0].strip() if text.endswith(")") else ""
    if called in functions:
        text = ast.unparse(functions[called])
    return any(f".{name}(" in text for name in TABLE_LISTS)


def judge(s: Schema, rev: str, op: Op, ops: list[Op]) -> None:
    """Decide each ``if`` over ``op`` (``op.if_levels``) the first time the walk meets one of
    its ops, by what the chain knows there: where the ``if`` is entered, before its body
    changes anything (dev-api ``0030`` renames the table its test wants missing into place,
    held-out54). Kept in ``s.verdicts``: "never", "surely" or ""."""
    for node, tests, whole in op.if_levels:
        key = (rev, node)
        if key not in s.verdicts:
            s.verdicts[key] = "never" if _never(s, tests, op, ops) else \
                "surely" if _surely(s, whole) else ""


def never_runs(s: Schema, rev: str, op: Op) -> bool:
    """Does a test over ``op`` contradict what the chain knew where its ``if`` was entered
    (:func:`judge`)?"""
    return any(s.verdicts.get((rev, node)) == "never" for node, _, _ in op.if_levels)


def surely_runs(s: Schema, rev: str, op: Op) -> bool:
    """Does every ``if`` over ``op`` test only tables and columns (``open_tests``: none of
    another kind), each holding by what the chain knew there? ``if _table_exists(insp, "a")
    and not _table_exists(insp, "b"):`` with ``a`` made and not dropped, ``b`` never made: it
    runs."""
    return op.conditional and bool(op.if_levels) and not op.open_tests and all(
        s.verdicts.get((rev, node)) == "surely" for node, _, _ in op.if_levels)


def _never(s: Schema, tests: tuple[Test, ...], op: Op, ops: list[Op]) -> bool:
    """``not in`` of a table the chain has (made and not dropped since), or ``in`` of a table it
    never made nor was given, with no code it could not follow that may have made or dropped
    it. Not when the same revision (``ops``) makes the table after ``op``: its author expects
    it made outside the chain on some databases (mistral 034: a table the application made
    from its model)."""
    for name, column, present in tests:
        if column:
            if _column_contradicted(s, name, column, present):
                return True
            continue
        exists = name in s.tables
        if any(_may_change(code, name.lower(), exists) for code in s.unfollowed):
            continue
        if (exists and not present) or (not exists and present and not s.outside
                                         and not _made_after(name, op, ops)):
            return True
    return False


def _surely(s: Schema, tests: tuple[Test, ...]) -> bool:
    """Does each test hold by what the chain knows? A table it wants there made by a revision
    (not only changed: Status_bot's ``orders``, made by the application before the chain,
    held-out53), one it wants missing never made. Never with code not followed that may
    change a table tested, nor in a chain that changes tables made outside it."""
    if not tests or s.outside:
        return False
    for name, column, present in tests:
        if column:
            if not _column_contradicted(s, name, column, not present):
                return False
        elif (name in s.tables) != present or present and s.created_in.get(name) in (None, BEFORE) \
                or any(_may_change(code, name.lower(), name in s.tables) for code in s.unfollowed):
            return False
    return True


def _column_contradicted(s: Schema, table: str, column: str, present: bool) -> bool:
    """Does the chain know ``table.column`` exists (or not) against the test? Only of a table
    it made with every column known, with no code since it could not follow that names it."""
    columns = s.tables.get(table)
    if columns is None or table not in s.whole \
            or any(code.may_touch(table, column) for code in s.unfollowed):
        return False
    return (column in columns) != present


def _made_after(name: str, op: Op, ops: list[Op]) -> bool:
    return any(o.name == "create_table" and o.table == name and o.seq > op.seq for o in ops)


def _may_change(code: Op, name: str, exists: bool) -> bool:
    """Could code not followed have made the table (or dropped it, when it exists)? SQL it
    cannot read may; code that names it may (to drop it: names it and says DROP); an ORM
    session writes rows, not tables, and a call that names nothing of it is not taken to."""
    if code.mentions is None:
        return code.name == "execute"
    return name in code.mentions and (not exists or "drop" in code.mentions)
