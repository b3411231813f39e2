"""What a piece of a revision's code names: dotted calls, the database an ``if`` is for, and
every name and word it mentions (so the reviewer knows which tables code it cannot follow
may touch)."""

from __future__ import annotations

import ast
import re
from collections.abc import Callable

from dbkit.review.evaluate import evaluate


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


def other_dialect(test: ast.expr, scope: dict[str, object] | None = None) -> bool | None:
    """True when an ``if`` test holds only for another database than PostgreSQL (``dialect.name
    == "mysql"``, ``engine.name in ["mysql", "mariadb"]``); False when only for PostgreSQL;
    None when it says nothing about the dialect."""
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
    other = not (names & {"postgresql", "postgres"})
    return other if positive else not other


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
    for child in ast.walk(node):
        if loads and isinstance(getattr(child, "ctx", None), ast.Store):
            continue
        if id(child) in methods:  # t.update(), session.add(): a method, not a table
            continue
        if isinstance(child, ast.Name):
            found.add(child.id.lower())
            value = (scope or {}).get(child.id)
            if isinstance(value, str):
                found |= {w.lower() for w in _WORD.findall(value)}
        elif isinstance(child, ast.Attribute):
            found.add(child.attr.lower())
        elif isinstance(child, ast.Constant) and isinstance(child.value, str):
            found |= {w.lower() for w in _WORD.findall(child.value)}
    return frozenset(found)


def called_mentions(node: ast.AST,
                    callee: Callable[[ast.Call], tuple[ast.FunctionDef, object] | None]
                    ) -> frozenset[str]:
    """What the functions ``node`` calls (``callee`` finds them: of the file or the project,
    and those they call) mention: a loop that hands each row to a helper naming the
    columns may move them."""
    found: set[str] = set()
    seen: set[int] = set()
    todo = [node]
    while todo and len(seen) < 20:
        for call in [c for c in ast.walk(todo.pop()) if isinstance(c, ast.Call)]:
            function = callee(call)
            if function is not None and id(function[0]) not in seen:
                seen.add(id(function[0]))
                found |= mentions(function[0])
                todo.append(function[0])
    return frozenset(found)
