"""ORM sessions in a revision: which of their calls may write rows the reviewer did not
follow (:data:`ORM`, :func:`orm_changes`), and ``session.delete(row)``. The reader asks which
table ``row`` belongs to: a loop's name over ``session.query(Model)`` (a class of the file
with ``__tablename__``), or over a relationship of such a row (``parent.children``, with
``children = relationship("Child")``). The delete becomes an ``Op("delete")`` of that table
whose rows the reviewer cannot tell (data-dropped's warning); of a table it cannot name, an
opaque op as before.
"""

from __future__ import annotations

import ast
import functools
from pathlib import Path
from typing import TYPE_CHECKING

from dbkit import pysource
from dbkit.review.evaluate import func_name, mapped_class
from dbkit.review.ops import Op

if TYPE_CHECKING:
    from dbkit.review.modules import Module

# Calls of a session that may write rows the reviewer did not follow.
ORM = frozenset({"add", "add_all", "merge", "bulk_save_objects", "bulk_insert_mappings",
                 "bulk_update_mappings", "flush", "commit"})


@functools.lru_cache(maxsize=64)
def _models(path: Path) -> dict[str, tuple[str, dict[str, str]]]:
    """The file's ORM classes: name -> (table, relationship attribute -> class name)."""
    tree = pysource.parse_file(path)
    if tree is None:
        return {}
    found = {}
    for node in tree.body:
        mapped = mapped_class(node) if isinstance(node, ast.ClassDef) else None
        if isinstance(node, ast.ClassDef) and mapped is not None:
            found[node.name] = (mapped.table, _relationships(node))
    return found


def _relationships(node: ast.ClassDef) -> dict[str, str]:
    """``children = relationship("Child", ...)`` in a class body: attribute -> class name."""
    found = {}
    for statement in node.body:
        if not isinstance(statement, ast.Assign | ast.AnnAssign):
            continue
        value: ast.expr | None = statement.value
        targets = statement.targets if isinstance(statement, ast.Assign) else [statement.target]
        if not isinstance(value, ast.Call) or not value.args \
                or getattr(value.func, "id", getattr(value.func, "attr", "")) != "relationship":
            continue
        first = value.args[0]
        if isinstance(first, ast.Constant) and isinstance(first.value, str):
            found.update({t.id: first.value for t in targets if isinstance(t, ast.Name)})
    return found


def orm_delete(call: ast.Call, body: list[ast.stmt], path: Path) -> Op | None:
    """The delete of ``session.delete(row)``, when the table of ``row`` is known."""
    arg = call.args[0] if call.args else None
    if not isinstance(arg, ast.Name):
        return None
    model = _class_of(arg.id, call.lineno, body, _models(path), 0)
    if model is None:
        return None
    line = call.lineno
    return Op("delete", line, call.end_lineno or line, table=_models(path)[model][0],
              via="orm", removes="orm")


def _class_of(name: str, line: int, body: list[ast.stmt], models: dict, depth: int
              ) -> str | None:
    """The ORM class of the rows ``name`` takes at ``line``: the innermost loop around it
    over ``name``; None when not known."""
    loops = [n for statement in body for n in ast.walk(statement)
             if isinstance(n, ast.For) and isinstance(n.target, ast.Name) and n.target.id == name
             and n.lineno <= line <= (n.end_lineno or n.lineno)]
    if not loops or depth > 3:
        return None
    loop = max(loops, key=lambda n: n.lineno)
    queried = [n.args[0].id for n in ast.walk(loop.iter) if isinstance(n, ast.Call)
               and getattr(n.func, "attr", "") == "query" and n.args
               and isinstance(n.args[0], ast.Name) and n.args[0].id in models]
    if len(queried) == 1:
        return queried[0]
    source = loop.iter
    if isinstance(source, ast.Attribute) and isinstance(source.value, ast.Name):
        parent = _class_of(source.value.id, loop.lineno, body, models, depth + 1)
        target = models[parent][1].get(source.attr) if parent else None
        return target if target in models else None
    return None


SAVES = frozenset({"flush", "commit"})  # write only what the session holds pending


def orm_changes(module: Module) -> bool:
    """May an ORM session of this file hold changes the reviewer did not follow: objects
    added or merged, or attributes set (``row.x = ...``, ``setattr``)? When not, a
    ``commit()`` writes only the statements it executed, which were followed."""
    for function in module.functions.values():
        for node in ast.walk(function):
            if isinstance(node, ast.Call) and (func_name(node) in ORM - SAVES
                                               or func_name(node) == "setattr"):
                return True
            if isinstance(node, (ast.Assign, ast.AugAssign, ast.AnnAssign)) and any(
                    isinstance(t, ast.Attribute) for t in (
                        node.targets if isinstance(node, ast.Assign) else [node.target])):
                return True
    return False


def orm_query_delete(call: ast.Call, path: Path) -> list[Op]:
    """The ops of ``session.query(Model)[.filter(...)...].delete()`` when Model is a class of
    the file: with no filter, every row of its table is gone (``empty``, as ``DELETE FROM t``);
    with only ``Model.c.is_(None)`` (or ``== None``) tests, no NULL is left in those columns
    (a backfill of them, as ``DELETE ... WHERE c IS NULL``) and the rows picked are gone; with
    any other filter, the rows it picks are gone (data-dropped's warning). [] when not such a
    call."""
    chain = _query_chain(call)
    if chain is None:
        return []
    model, filters = chain
    models = _models(path)
    if model not in models:
        return []
    table, line, end = models[model][0], call.lineno, call.end_lineno or call.lineno
    if not filters:
        return [Op("empty", line, end, table=table, via="orm")]
    nulls = _null_columns(filters, model)
    picks = " AND ".join(ast.unparse(a) for f in reversed(filters) for a in f.args) or " AND ".join(
        f"{k.arg} = {ast.unparse(k.value)}" for f in filters for k in f.keywords)
    gone = Op("delete", line, end, table=table, via="orm", removes="orm-query", picks=picks)
    if nulls:
        return [Op("backfill", line, end, table=table, via="orm",
                   writes={(table, c) for c in nulls}), gone]
    return [gone]


def _query_chain(call: ast.Call) -> tuple[str, list[ast.Call]] | None:
    """``x.query(Model).filter(...)...delete()``: (Model, the filter calls); None when the
    chain holds anything but filters (a join, a limit) or does not start at query(Name)."""
    filters: list[ast.Call] = []
    node = call.func.value if isinstance(call.func, ast.Attribute) else None
    while isinstance(node, ast.Call) and isinstance(node.func, ast.Attribute):
        if node.func.attr == "query":
            one = node.args[0] if len(node.args) == 1 else None
            return (one.id, filters) if isinstance(one, ast.Name) else None
        if node.func.attr not in ("filter", "filter_by", "where"):
            return None
        filters.append(node)
        node = node.func.value
    return None


def _null_columns(filters: list[ast.Call], model: str) -> set[str]:
    """The columns of Model every AND-ed test of the filters tests IS NULL (``M.c.is_(None)``,
    ``M.c == None``, ``filter_by(c=None)``, ``and_(...)`` of such); empty when any test is
    something else."""
    tests: list[ast.expr] = []
    columns: set[str] = set()
    for f in filters:
        tests += f.args
        for k in f.keywords:
            if k.arg is None or not _none(k.value):
                return set()
            columns.add(k.arg)
    while tests:
        test = tests.pop()
        if isinstance(test, ast.Call) and getattr(test.func, "id", getattr(
                test.func, "attr", "")) == "and_" and not test.keywords:
            tests += test.args
            continue
        column = _null_test(test, model)
        if column is None:
            return set()
        columns.add(column)
    return columns


def _null_test(test: ast.expr, model: str) -> str | None:
    """``M.c.is_(None)`` or ``M.c == None`` (``is_(null())`` too): c; else None."""
    if isinstance(test, ast.Call) and isinstance(test.func, ast.Attribute) \
            and test.func.attr in ("is_", "is") and len(test.args) == 1 and _none(test.args[0]):
        subject = test.func.value
    elif isinstance(test, ast.Compare) and len(test.ops) == 1 \
            and isinstance(test.ops[0], ast.Eq | ast.Is) and _none(test.comparators[0]):
        subject = test.left
    else:
        return None
    if isinstance(subject, ast.Attribute) and isinstance(subject.value, ast.Name) \
            and subject.value.id == model:
        return subject.attr
    return None


def _none(node: ast.expr) -> bool:
    return (isinstance(node, ast.Constant) and node.value is None) or (
        isinstance(node, ast.Call) and not node.args
        and getattr(node.func, "id", getattr(node.func, "attr", "")) == "null")
