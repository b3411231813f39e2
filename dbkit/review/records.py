"""Dicts of constant keys, so that a loop over a literal list of them (or a dict's items) is
unrolled like a loop over a tuple of strings.

The CRM's ``20260113_1130`` loops ``for stage in NEW_STAGES:`` (a list of dicts, each a stage
to insert, read as ``stage["slug"]``) and ``for old, new in WORKFLOW_STAGE_UPDATES.items():``
(a dict of slugs). The reviewer could not evaluate either: each became "a loop over rows"
it could not follow, and that doubt turned the file's ``UPDATE pipelines SET current_version
= 1`` (the counters of every pipeline reset: held-out14, read lost) into a warning. A dict
whose keys are string constants is now a :class:`Record`; ``d["k"]`` of one is its value,
``d.items()`` / ``d.keys()`` / ``d.values()`` are tuples. A key it lacks, or any other use,
is UNKNOWN as before.
"""

from __future__ import annotations

import ast
from collections.abc import Callable, Mapping
from dataclasses import dataclass

from dbkit.review.ops import UNKNOWN

METHODS = ("items", "keys", "values")


@dataclass(frozen=True)
class Record:
    """A dict of constant keys (``{"slug": "x", "label": "X"}``)."""

    items: tuple[tuple[str, object], ...]

    def get(self, key: object) -> object:
        return next((v for k, v in self.items if k == key), UNKNOWN)


def applies(node: ast.expr, scope: Mapping[str, object]) -> bool:
    """Is ``node`` a dict of constant keys, or a subscript or a method of one in ``scope``?"""
    if isinstance(node, ast.Dict):
        return bool(node.keys) and all(isinstance(k, ast.Constant) and isinstance(k.value, str)
                                       for k in node.keys)
    if isinstance(node, ast.Call) and not node.args and isinstance(node.func, ast.Attribute) \
            and node.func.attr in METHODS:
        node = node.func
    owner = node.value if isinstance(node, (ast.Subscript, ast.Attribute)) else None
    return isinstance(owner, ast.Name) and isinstance(scope.get(owner.id), Record)


def value(node: ast.expr, scope: Mapping[str, object],
          evaluate: Callable[[ast.expr, Mapping[str, object]], object]) -> object:
    """What ``node`` (one :func:`applies` to) stands for."""
    if isinstance(node, ast.Dict):
        return Record(tuple((k.value, evaluate(v, scope))  # type: ignore[union-attr]
                            for k, v in zip(node.keys, node.values, strict=True)))
    if isinstance(node, ast.Subscript) and isinstance(node.value, ast.Name):
        return scope[node.value.id].get(evaluate(node.slice, scope))  # type: ignore[attr-defined]
    if isinstance(node, ast.Call) and isinstance(node.func, ast.Attribute) \
            and isinstance(node.func.value, ast.Name):
        record = scope[node.func.value.id]
        assert isinstance(record, Record)
        if node.func.attr == "keys":
            return tuple(k for k, _ in record.items)
        if node.func.attr == "values":
            return tuple(v for _, v in record.items)
        return record.items
    return UNKNOWN
