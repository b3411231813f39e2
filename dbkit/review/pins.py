"""Which columns a Core ``t.delete().where(...)`` pins to constants (h19m's rule for raw SQL:
a DELETE whose WHERE pins every column of the table to constants loses no value, the
values are all in the revision). A test pins ``c`` when it is ``t.c.c == <constant>`` or
``t.c.c.in_(<constants>)``; constants are literals, a list, tuple or set of them, a name
bound to such a value (in the function or at the top of the file), or a part of such a set
(``KNOWN.difference(found)``, ``KNOWN - found``, ``KNOWN & found``: monasca
``26083b298bb7``). Tests AND-ed with it (``and_()``, ``&``, several ``where()``) only narrow
the rows further."""

from __future__ import annotations

import ast
import functools
from pathlib import Path

from dbkit import pysource

SUBSETS = ("difference", "intersection")


def core_pinned(statement: ast.expr, body: list[ast.stmt], path: Path) -> frozenset[str]:
    """The columns the where() of a Core delete written in place pins to constants."""
    names = _assigned(body, path)
    found: set[str] = set()
    node = statement
    while isinstance(node, ast.Call) and isinstance(node.func, ast.Attribute):
        if node.func.attr in ("where", "filter"):
            for test in node.args:
                found |= _pinned(test, names)
        node = node.func.value
    return frozenset(found)


def core_cleared(statement: ast.expr) -> frozenset[str]:
    """The columns a Core delete's where() clears: ``where(t.c.a.is_not(None))`` (or an
    ``or_()`` of such tests) deletes every row holding a value in ``a``, so every row left
    holds NULL there, as SQL's ``DELETE ... WHERE a IS NOT NULL`` (ALittleMoron/my-site
    0011 hard-deletes the soft-deleted tags, then drops ``deleted_at``: held-out34). Only one
    where() of one test: another test AND-ed with it may keep rows holding a value."""
    wheres = []
    node = statement
    while isinstance(node, ast.Call) and isinstance(node.func, ast.Attribute):
        if node.func.attr in ("where", "filter"):
            wheres += node.args
        node = node.func.value
    if len(wheres) != 1:
        return frozenset()
    test = wheres[0]
    tests = test.args if isinstance(test, ast.Call) and getattr(
        test.func, "id", getattr(test.func, "attr", "")) == "or_" else [test]
    found = [_not_null(t) for t in tests]
    return frozenset(c for c in found if c) if all(found) else frozenset()


def core_picks(statement: ast.expr, body: list[ast.stmt], path: Path) -> tuple[str, tuple[str, ...]]:
    """The where() of a Core update written in place, as SQL, when every test in it compares
    a column with constants (``where(t.c.total > 0)``, ``t.c.kind.in_(["a", "b"])``, AND-ed
    in ``and_()``, ``&`` or several where()): it picks the same rows each time it runs, as
    SQL's ``UPDATE t SET ... WHERE total > 0`` (tarasovEgor/ESG df093a18dfdd fills three
    columns so, and a later revision makes them NOT NULL: held-out37). "" for any other
    where() (a parameter, a row of a loop, a subquery: it may reach every row). With it, the
    columns it tests."""
    names = _assigned(body, path)
    tests: list[ast.expr] = []
    node = statement
    while isinstance(node, ast.Call) and isinstance(node.func, ast.Attribute):
        if node.func.attr in ("where", "filter"):
            tests += node.args
        node = node.func.value
    shown = [_compares_constant(t, names) for t in tests]
    if not shown or not all(shown):
        return "", ()
    columns = sorted({c for t in tests for n in ast.walk(t)
                      if isinstance(n, ast.expr) and (c := _column(n))})
    return " AND ".join(reversed(shown)), tuple(columns)


def _compares_constant(test: ast.expr, names: dict[str, list[ast.expr]]) -> str:
    """``t.c.a > 0`` (either side), ``t.c.a.in_(consts)``, ``and_()`` / ``&`` of such: as SQL."""
    if isinstance(test, ast.Call) and getattr(test.func, "id", getattr(
            test.func, "attr", "")) == "and_" and test.args:
        parts = [_compares_constant(a, names) for a in test.args]
        return " AND ".join(parts) if all(parts) else ""
    if isinstance(test, ast.BinOp) and isinstance(test.op, ast.BitAnd):
        left, right = _compares_constant(test.left, names), _compares_constant(test.right, names)
        return f"{left} AND {right}" if left and right else ""
    if isinstance(test, ast.Call) and isinstance(test.func, ast.Attribute) \
            and test.func.attr == "in_" and len(test.args) == 1 \
            and _constant(test.args[0], names, 0) and _column(test.func.value):
        return f"{_column(test.func.value)} IN {ast.unparse(test.args[0])}"
    if isinstance(test, ast.Compare) and len(test.ops) == 1 and isinstance(
            test.ops[0], ast.Eq | ast.NotEq | ast.Lt | ast.LtE | ast.Gt | ast.GtE):
        sides = (test.left, test.comparators[0])
        column = next((c for c in map(_column, sides) if c), None)
        value = next((v for v in sides if not _column(v)), None)
        if column and value is not None and _constant(value, names, 0):
            sign = {ast.Eq: "=", ast.NotEq: "<>", ast.Lt: "<", ast.LtE: "<=", ast.Gt: ">",
                    ast.GtE: ">="}[type(test.ops[0])]
            left, right = (column, ast.unparse(value)) if _column(test.left) \
                else (ast.unparse(value), column)
            return f"{left} {sign} {right}"
    return ""


def _not_null(test: ast.expr) -> str | None:
    """``t.c.a.is_not(None)``, ``t.c.a.isnot(None)``, ``t.c.a != None``: a."""
    if isinstance(test, ast.Call) and isinstance(test.func, ast.Attribute) \
            and test.func.attr in ("is_not", "isnot") and len(test.args) == 1 \
            and isinstance(test.args[0], ast.Constant) and test.args[0].value is None:
        return _column(test.func.value)
    if isinstance(test, ast.Compare) and len(test.ops) == 1 \
            and isinstance(test.ops[0], ast.NotEq | ast.IsNot) \
            and isinstance(test.comparators[0], ast.Constant) and test.comparators[0].value is None:
        return _column(test.left)
    return None


def _pinned(test: ast.expr, names: dict[str, list[ast.expr]]) -> set[str]:
    if isinstance(test, ast.Call) and getattr(test.func, "id", getattr(
            test.func, "attr", "")) == "and_":
        return {c for a in test.args for c in _pinned(a, names)}
    if isinstance(test, ast.BinOp) and isinstance(test.op, ast.BitAnd):
        return _pinned(test.left, names) | _pinned(test.right, names)
    if isinstance(test, ast.Compare) and len(test.ops) == 1 and isinstance(test.ops[0], ast.Eq) \
            and _constant(test.comparators[0], names, 0):
        column = _column(test.left)
    elif isinstance(test, ast.Call) and isinstance(test.func, ast.Attribute) \
            and test.func.attr == "in_" and len(test.args) == 1 \
            and _constant(test.args[0], names, 0):
        column = _column(test.func.value)
    else:
        return set()
    return {column} if column else set()


def _column(node: ast.expr) -> str | None:
    """``t.c.name``, ``t.c["name"]``: name."""
    if isinstance(node, ast.Attribute) and isinstance(node.value, ast.Attribute) \
            and node.value.attr in ("c", "columns"):
        return node.attr
    if isinstance(node, ast.Subscript) and isinstance(node.value, ast.Attribute) \
            and node.value.attr in ("c", "columns") and isinstance(node.slice, ast.Constant) \
            and isinstance(node.slice.value, str):
        return node.slice.value
    return None


def _constant(node: ast.expr, names: dict[str, list[ast.expr]], depth: int) -> bool:
    """Does the expression stand for constants (or a part of a set of constants)?"""
    if depth > 4:
        return False
    if isinstance(node, ast.Constant):
        return node.value is not None
    if isinstance(node, ast.Tuple | ast.List | ast.Set):
        return bool(node.elts) and all(isinstance(e, ast.Constant) and e.value is not None
                                       for e in node.elts)
    if isinstance(node, ast.Name):
        values = names.get(node.id, [])
        return bool(values) and all(_constant(v, names, depth + 1) for v in values)
    if isinstance(node, ast.Call) and isinstance(node.func, ast.Name) \
            and node.func.id in ("set", "frozenset", "tuple", "list") and len(node.args) == 1:
        return _constant(node.args[0], names, depth + 1)
    if isinstance(node, ast.Call) and isinstance(node.func, ast.Attribute) \
            and node.func.attr in SUBSETS:
        return _constant(node.func.value, names, depth + 1)
    if isinstance(node, ast.BinOp) and isinstance(node.op, ast.Sub | ast.BitAnd):
        return _constant(node.left, names, depth + 1)
    return False


def _assigned(body: list[ast.stmt], path: Path) -> dict[str, list[ast.expr]]:
    """Every value bound to each name by ``name = ...`` in the function and at the top of the
    file (a name bound any other way, a loop's or ``+=``, is left out: not known)."""
    found: dict[str, list[ast.expr]] = {k: list(v) for k, v in _top(path).items()}
    unknown = set()
    for statement in body:
        for node in ast.walk(statement):
            if isinstance(node, ast.Assign) and len(node.targets) == 1 \
                    and isinstance(node.targets[0], ast.Name):
                found.setdefault(node.targets[0].id, []).append(node.value)
            elif isinstance(node, ast.AugAssign | ast.For | ast.AnnAssign | ast.NamedExpr) \
                    and isinstance(node.target, ast.Name):
                unknown.add(node.target.id)
    return {k: v for k, v in found.items() if k not in unknown}


@functools.lru_cache(maxsize=64)
def _top(path: Path) -> dict[str, tuple[ast.expr, ...]]:
    tree = pysource.parse_file(path)
    if tree is None:
        return {}
    found: dict[str, tuple[ast.expr, ...]] = {}
    for node in tree.body:
        if isinstance(node, ast.Assign) and len(node.targets) == 1 \
                and isinstance(node.targets[0], ast.Name):
            found[node.targets[0].id] = (*found.get(node.targets[0].id, ()), node.value)
    return found
