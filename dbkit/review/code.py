"""What a piece of a revision's code names: dotted calls, the database an ``if`` is for, and
every name and word it mentions (so the reviewer knows which tables code it cannot follow
may touch)."""

from __future__ import annotations

import ast
import re
from collections.abc import Callable, Mapping, Sequence

from dbkit import pysource
from dbkit.review.evaluate import Mapped, evaluate
from dbkit.review.ops import UNKNOWN
from dbkit.review.sqlfiles import READS


def dotted(node: ast.expr) -> list[str]:
    """``a.b.f`` as ["a", "b", "f"]; [] for anything else (a call's result, a subscript)."""
    parts: list[str] = []
    while isinstance(node, ast.Attribute):
        parts.append(node.attr)
        node = node.value
    if not isinstance(node, ast.Name):
        return []
    return [node.id, *reversed(parts)]


OTHER_DIALECTS = ("mysql", "mariadb", "sqlite", "oracle", "mssql")


DIALECT_NAMES = {"PostgreSQL": {"postgresql", "postgres"}, "MySQL": {"mysql", "mariadb"},
                 "SQLite": {"sqlite"}}


def holds_on(test: ast.expr, dialect: str, scope: dict[str, object] | None = None,
             written: Mapping[str, str] | None = None) -> bool | None:
    """Whether an ``if`` test of the database's name (``dialect.name == "mysql"``,
    ``engine.name in ["mysql", "mariadb"]``) holds on ``dialect`` (dialect.py's name); None
    when it says nothing about the dialect. ``bind and bind.engine.name == "mysql"`` is false
    wherever its dialect test is (an ``and`` with one false test); an ``or`` holds wherever
    one of its tests does, and is false where each of them is. A name bound to such a test
    (``written``: ``is_postgres = bind.dialect.name == "postgresql"``, then ``if
    is_postgres:``, TesslateAI/Studio 0089, held-out44) is that test, alone, under ``not``
    or in an ``and``/``or``."""
    if isinstance(test, ast.UnaryOp) and isinstance(test.op, ast.Not):
        inner = holds_on(test.operand, dialect, scope, written)
        return None if inner is None else not inner
    if isinstance(test, ast.Name) and written and test.id in written:
        bound = pysource.parse(written[test.id]).body
        value = bound[0].value if len(bound) == 1 and isinstance(bound[0], ast.Expr) else None
        return holds_on(value, dialect, scope) if value is not None else None
    if isinstance(test, ast.BoolOp):
        found = [holds_on(v, dialect, scope, written) for v in test.values]
        if isinstance(test.op, ast.And):
            return False if False in found else True if all(found) else None
        return True if True in found else False if all(f is False for f in found) else None
    if not isinstance(test, ast.Compare) or len(test.ops) != 1:
        return None
    values = [evaluate(c, scope or {}) for c in ast.walk(test)
              if isinstance(c, ast.Constant) or (isinstance(c, ast.Name) and c is not test.left)]
    names = {v.lower() for v in values if isinstance(v, str)}
    if not names or not names <= {*OTHER_DIALECTS, "postgresql", "postgres"}:
        return None
    if not any(isinstance(n, (ast.Attribute, ast.Name)) and "name" in ast.unparse(n).lower()
               for n in [test.left]):
        return None
    positive = isinstance(test.ops[0], (ast.Eq, ast.In))
    mine = bool(names & DIALECT_NAMES.get(dialect, DIALECT_NAMES["PostgreSQL"]))
    return mine if positive else not mine


def known_truth(test: ast.expr, scope: dict[str, object],
                unsure: frozenset[str] | set[str] = frozenset(),
                functions: Mapping[str, ast.AST] | None = None) -> bool | None:
    """The truth of an ``if`` test over names bound to plain constants, as Python would judge
    it: ``if check_name:`` in a loop unrolled over a tuple holding None, ``if not name:``,
    ``if name is None:``; Alembic's offline test (``_offline``). None when a name is unknown,
    or was bound under an ``if`` or loop the reviewer cannot decide (``unsure``)."""
    if isinstance(test, ast.UnaryOp) and isinstance(test.op, ast.Not):
        inner = known_truth(test.operand, scope, unsure, functions)
        return None if inner is None else not inner
    if _offline(test, functions or {}):
        return False
    if isinstance(test, ast.Compare) and len(test.ops) == 1 \
            and isinstance(test.ops[0], (ast.Is, ast.IsNot)) \
            and isinstance(test.comparators[0], ast.Constant) and test.comparators[0].value is None:
        value = _plain(test.left, scope, unsure)
        if value is UNKNOWN:
            return None
        return (value is None) == isinstance(test.ops[0], ast.Is)
    if isinstance(test, ast.Compare) and len(test.ops) == 1 \
            and isinstance(test.ops[0], (ast.Eq, ast.NotEq, ast.In, ast.NotIn)):
        return _compared(test, scope, unsure)
    value = _plain(test, scope, unsure)
    return None if value is UNKNOWN else bool(value)


def _offline(test: ast.expr, functions: Mapping[str, ast.AST]) -> bool:
    """Is ``test`` Alembic's question "is this run offline?" (``context.is_offline_mode()``,
    ``op.get_context().as_sql``), or a call of a helper of the file that returns only it? The
    reviewer judges an upgrade run on a database, which is online: the answer is no, and what
    a revision does only online runs (agents-universe ``w5h8k6g9h457`` deletes duplicates
    under ``if not context.is_offline_mode():``, held-out51: warnings, read lost)."""
    if isinstance(test, ast.Attribute):
        return test.attr == "as_sql"
    if not isinstance(test, ast.Call) or test.args or test.keywords:
        return False
    if isinstance(test.func, ast.Attribute):
        return test.func.attr == "is_offline_mode"
    if not isinstance(test.func, ast.Name):
        return False
    helper = functions.get(test.func.id)
    body = [s for s in getattr(helper, "body", ())
            if not isinstance(s, (ast.Import, ast.ImportFrom))
            and not (isinstance(s, ast.Expr) and isinstance(s.value, ast.Constant))]
    return test.func.id == "is_offline_mode" or (
        len(body) == 1 and isinstance(body[0], ast.Return) and body[0].value is not None
        and _offline(body[0].value, {}))


def _compared(test: ast.Compare, scope: dict[str, object],
              unsure: frozenset[str] | set[str]) -> bool | None:
    """``path == "B"``, ``kind != "x"``, ``mode in ("a", "b")``, each side a constant or a
    name bound to one (short-term-trading-engine 20260524_0600 deletes rows only for the
    tables of its tuple marked "B", in a loop unrolled over it)."""
    op, left, right = test.ops[0], _plain(test.left, scope, unsure), test.comparators[0]
    if isinstance(op, (ast.In, ast.NotIn)):
        items = [_plain(e, scope, unsure) for e in right.elts] \
            if isinstance(right, (ast.Tuple, ast.List, ast.Set)) else [UNKNOWN]
        if left is UNKNOWN or UNKNOWN in items:
            return None
        return (left in items) == isinstance(op, ast.In)
    other = _plain(right, scope, unsure)
    if left is UNKNOWN or other is UNKNOWN:
        return None
    return (left == other) == isinstance(op, ast.Eq)


def _plain(node: ast.expr, scope: dict[str, object], unsure: frozenset[str] | set[str]) -> object:
    if isinstance(node, ast.Constant):
        return node.value
    if isinstance(node, ast.Name) and node.id not in unsure:
        value = scope.get(node.id, UNKNOWN)
        if value is None or isinstance(value, (str, int, float)):  # not a list: it may grow
            return value
    return UNKNOWN


_WORD = re.compile(r"[A-Za-z_][A-Za-z0-9_]*")


def mentions(node: ast.AST, scope: dict[str, object] | None = None,
             loads: bool = False) -> frozenset[str]:
    """The names a piece of code mentions, lower case: identifiers, attributes, the words of
    its strings (and of the strings the names it uses are bound to); not the names of the
    methods it calls (``t.update()`` names no table ``update``). ``loads``: only the names
    it reads (``row.total = 0`` sets ``total`` and reads ``row``)."""
    found: set[str] = set()
    methods = {id(c.func) for c in ast.walk(node)
               if isinstance(c, ast.Call) and isinstance(c.func, ast.Attribute)}
    quoted = _quoted(node)
    for child in ast.walk(node):
        if loads and isinstance(getattr(child, "ctx", None), ast.Store):
            continue
        if id(child) in methods:  # t.update(), session.add(): a method, not a table
            continue
        if isinstance(child, ast.Name):
            found.add(child.id.lower())
            value = (scope or {}).get(child.id)
            if isinstance(value, str) and id(child) not in quoted:
                found |= {w.lower() for w in _WORD.findall(value)}
            elif isinstance(value, Mapped):  # an ORM class: its table
                found.add(value.table.rpartition(".")[2].lower())
        elif isinstance(child, ast.Attribute):
            found.add(child.attr.lower())
        elif isinstance(child, ast.Constant) and isinstance(child.value, str):
            found |= {w.lower() for w in _WORD.findall(child.value)}
    return frozenset(found)


def _quoted(node: ast.AST) -> set[int]:
    """The names an f-string formats between quotes (``'{name}'``): a SQL literal, whose
    words are a value (a label, "Heard From"), not a name (records.py's loops bind them)."""
    found = set()
    for joined in (n for n in ast.walk(node) if isinstance(n, ast.JoinedStr)):
        parts = joined.values
        for before, part, after in zip(parts, parts[1:], parts[2:], strict=False):
            if isinstance(part, ast.FormattedValue) and isinstance(part.value, ast.Name) \
                    and isinstance(before, ast.Constant) and isinstance(after, ast.Constant) \
                    and str(before.value).endswith("'") and str(after.value).startswith("'"):
                found.add(id(part.value))
    return found


def called_mentions(node: ast.AST,
                    callee: Callable[[ast.Call], tuple[ast.FunctionDef, object] | None],
                    values: bool = False) -> frozenset[str]:
    """What the functions ``node`` calls (``callee`` finds them: of the file or the project,
    and those they call) mention: a loop that hands each row to a helper naming the
    columns may move them. ``values``: with the words of the constants their names are bound
    to in the function's module (SQL a helper builds on ``_SNAPSHOT = "t"`` names t)."""
    found: set[str] = set()
    seen: set[int] = set()
    todo = [node]
    while todo and len(seen) < 20:
        for call in [c for c in ast.walk(todo.pop()) if isinstance(c, ast.Call)]:
            function = callee(call)
            if function is not None and id(function[0]) not in seen:
                seen.add(id(function[0]))
                scope = getattr(function[1], "scope", None) if values else None
                found |= mentions(function[0], scope if isinstance(scope, dict) else None)
                todo.append(function[0])
    return frozenset(found)


def reads_a_file(node: ast.AST, scope: Mapping[str, object]) -> bool:
    """Does ``node`` read a file sqlfiles.py could not (``open(p).read()``, ``read_text``
    of a package's file it cannot find)? Its SQL may name any table."""
    return any(isinstance(child, ast.Call) and isinstance(child.func, ast.Attribute)
               and child.func.attr in READS
               and not isinstance(evaluate(child, scope), str) for child in ast.walk(node))


def assignment(node: ast.stmt) -> tuple[str | None, ast.expr | None]:
    if isinstance(node, ast.Assign) and len(node.targets) == 1 \
            and isinstance(node.targets[0], ast.Name):
        return node.targets[0].id, node.value
    if isinstance(node, ast.AnnAssign) and isinstance(node.target, ast.Name) and node.value:
        return node.target.id, node.value
    return None, None


def effective(body: Sequence[ast.stmt]) -> list[ast.stmt]:
    """The statements that do something: no docstring, ``pass`` or ``...``."""
    return [s for s in body if not isinstance(s, ast.Pass) and not (
        isinstance(s, ast.Expr) and isinstance(s.value, ast.Constant)
        and (isinstance(s.value.value, str) or s.value.value is Ellipsis))]
