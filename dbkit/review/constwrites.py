"""A Core ``update()`` / ``insert()`` the reviewer cannot resolve, that writes only constants.

``op.execute(sa.update(BibFields).where(...).values(dict(display=False, source_field=None)))``
names an ORM class of the application, which the reviewer does not import: the statement is
not read (GeoNature 51ee1572f71f). Yet every value it writes is written in the revision, a
literal: it carries no value of any other column or table, so a later drop of another
column keeps nothing through it. The names it sets are kept: a drop of one of them after it
is no plain reading (the overwrite may be the loss).
"""

from __future__ import annotations

import ast

from dbkit.review.code import dotted

_WRITES = ("update", "insert")


def constant_writes(node: ast.expr) -> frozenset[str] | None:
    """The names a ``<update|insert>(T)[.where(...)].values(...)`` chain sets, when every value
    it sets is a constant; None for anything else."""
    names: set[str] = set()
    seen_values = False
    while isinstance(node, ast.Call) and isinstance(node.func, ast.Attribute) \
            and node.func.attr in ("values", "where"):
        if node.func.attr == "values":
            found = _constants(node)
            if found is None:
                return None
            names |= found
            seen_values = True
        node = node.func.value
    if not seen_values or not isinstance(node, ast.Call):
        return None
    return frozenset(names) if (dotted(node.func) or [""])[-1] in _WRITES else None


def _constants(call: ast.Call) -> set[str] | None:
    """The keys of a ``values(...)`` whose every value is a constant; None otherwise."""
    items: list[tuple[str | None, ast.expr]] = [(k.arg, k.value) for k in call.keywords]
    for arg in call.args:
        mapping = _mapping(arg)
        if mapping is None:
            return None
        items += mapping
    if not items or any(k is None or not _constant(v) for k, v in items):
        return None
    return {k.lower() for k, _ in items if k}


def _mapping(node: ast.expr) -> list[tuple[str | None, ast.expr]] | None:
    if isinstance(node, ast.Dict):
        return [(k.value if isinstance(k, ast.Constant) and isinstance(k.value, str) else None, v)
                for k, v in zip(node.keys, node.values, strict=True)]
    if isinstance(node, ast.Call) and isinstance(node.func, ast.Name) and node.func.id == "dict" \
            and not node.args:
        return [(k.arg, k.value) for k in node.keywords]
    return None


def _constant(node: ast.expr) -> bool:
    """A literal, or a dict / list of literals (``dict(bind_value="x")``: a JSON value)."""
    if isinstance(node, ast.Constant):
        return True
    if isinstance(node, (ast.List, ast.Tuple)):
        return all(_constant(e) for e in node.elts)
    mapping = _mapping(node)
    return mapping is not None and all(k is not None and _constant(v) for k, v in mapping)
