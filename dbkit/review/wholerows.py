"""Where the whole rows of a ``SELECT *`` go: which of their columns the code can carry on.

A revision that reads whole rows (``SELECT * FROM t``) and writes anything counts, for the
walk, as a copy of every column of t. When the rows read are followed through the file (the
names they are bound to, the functions of the file they are handed to and returned from)
and every use of them is an attribute or a string key (``row.index_name``,
``row["name"]``), a test (``isinstance``, ``hasattr``, ``is None``, ``if row``) or a
constructor of a class (``Settings(**row._asdict())``, followed on), only those columns can
be carried: :func:`narrow` replaces the read of ``t.*`` by the reads of those columns.
Anything else done with them (a call that may write, a container, a string made of them)
leaves the read whole (onyx ``12635f6655b7``: the search settings' rows are read whole only
for their ``index_name``; the rerank columns dropped later were kept nowhere).
"""

from __future__ import annotations

import ast
from collections.abc import Callable, Iterator

from dbkit.review.nameless import parsed_file
from dbkit.review.revision import Revision

EXECUTORS = ("execute", "exec_driver_sql")
# methods of a result or row that hand on the same whole rows
ROWS = frozenset({"fetchall", "fetchone", "fetchmany", "first", "one", "all", "one_or_none",
                  "mappings", "_asdict", "scalars", "scalar_one", "scalar_one_or_none",
                  "_mapping", "unique"})
TESTS = frozenset({"isinstance", "hasattr", "type", "bool", "len", "id"})
PASSES = 8  # how often the functions of a file are read again for rows handed on


def narrow(rev: Revision) -> None:
    """Replace each read of whole rows in ``rev`` by the columns its code can carry on."""
    wholes = [o for o in rev.upgrade if o.name == "read" and any(c == "*" for _, c in o.reads)]
    tree = parsed_file(rev.path) if wholes else None
    if tree is None:
        return
    for op in wholes:
        sources = [c for c in ast.walk(tree) if isinstance(c, ast.Call)
                   and getattr(c, "lineno", 0) == op.line and isinstance(c.func, ast.Attribute)
                   and c.func.attr in EXECUTORS]
        held = _Flow(tree).held(sources) if sources else None
        if held is None:
            continue
        op.reads = {r for r in op.reads if r[1] != "*"} | {
            (t, c) for t, star in op.reads if star == "*" for c in held}


class _Flow:
    """The whole rows of some calls, followed through one file."""

    def __init__(self, tree: ast.Module) -> None:
        self.tree = tree
        self.parents: dict[int, ast.AST] = {}
        for node in ast.walk(tree):
            for child in ast.iter_child_nodes(node):
                self.parents[id(child)] = node
        self.functions = {f.name: f for f in ast.walk(tree)
                          if isinstance(f, (ast.FunctionDef, ast.AsyncFunctionDef))}
        self.names: set[tuple[int, str]] = set()  # (function, name) bound to whole rows
        self.returns: set[str] = set()  # functions returning them
        self.columns: set[str] = set()
        self._seen: set[int] = set()

    def held(self, sources: list[ast.Call]) -> set[str] | None:
        """The columns the rows of ``sources`` can be carried on by, or None: all of them."""
        todo: list[ast.AST] = list(sources)
        for _ in range(PASSES):
            for expr in todo:
                if not self._follow(expr):
                    return None
            todo = list(self._uses())
            if not todo:
                return self.columns
        return None

    def _uses(self) -> Iterator[ast.AST]:
        """The expressions that now stand for whole rows and were not followed yet."""
        for node in ast.walk(self.tree):
            if id(node) in self._seen:
                continue
            if self._stands(node):
                yield node

    def _stands(self, node: ast.AST) -> bool:
        """Is ``node`` a name bound to the rows, or a call of a function returning them?"""
        if isinstance(node, ast.Name):
            return isinstance(node.ctx, ast.Load) and (self._scope(node), node.id) in self.names
        return isinstance(node, ast.Call) and isinstance(node.func, ast.Name) \
            and node.func.id in self.returns

    def _scope(self, node: ast.AST) -> int:
        current = self.parents.get(id(node))
        while current is not None and not isinstance(current, (ast.FunctionDef,
                                                                ast.AsyncFunctionDef)):
            current = self.parents.get(id(current))
        return id(current) if current is not None else 0

    def _follow(self, expr: ast.AST) -> bool:
        """Follow one expression standing for whole rows up to where it goes; False when
        it goes somewhere the columns may be carried from."""
        self._seen.add(id(expr))
        parent = self.parents.get(id(expr))
        handler: Callable[..., bool] | None = _HANDLERS.get(type(parent))
        return handler(self, expr, parent) if handler else False

    def _bind(self, target: ast.AST, scope: int) -> bool:
        if isinstance(target, ast.Name):
            self.names.add((scope, target.id))
            return True
        if isinstance(target, (ast.Tuple, ast.List)):
            return all(self._bind(t, scope) for t in target.elts)
        return False

    def _call(self, expr: ast.AST, call: ast.Call) -> bool:
        """Rows handed to a call: a test, a class (its object followed on), a function of
        the file (its parameter followed on, its result too)."""
        name = call.func.id if isinstance(call.func, ast.Name) else \
            call.func.attr if isinstance(call.func, ast.Attribute) else ""
        if expr is call.func:
            return False
        if name in TESTS:
            return True
        if name[:1].isupper():  # a class: the object made of the rows stands for them
            return self._follow(call)
        function = self.functions.get(name) if isinstance(call.func, ast.Name) else None
        if function is None:
            return False
        params = [a.arg for a in function.args.args]
        given = [p for p, a in zip(params, call.args, strict=False) if a is expr] + [
            k.arg for k in call.keywords if k.value is expr and k.arg in params]
        for param in given:
            self.names.add((id(function), param))
        return bool(given)  # its result stands for the rows only if it returns them


def _attribute(flow: _Flow, expr: ast.AST, parent: ast.Attribute) -> bool:
    outer = flow.parents.get(id(parent))
    called = isinstance(outer, ast.Call) and outer.func is parent
    if parent.attr in ROWS:  # result.fetchall(), row._mapping: the same rows
        return flow._follow(outer if called else parent)  # type: ignore[arg-type]
    if parent.attr.startswith("__"):
        return False
    if called:  # row.get("name"): that column; row.items(), rows.copy(): every one
        args = outer.args  # type: ignore[union-attr]
        if parent.attr == "get" and args and isinstance(args[0], ast.Constant) \
                and isinstance(args[0].value, str):
            flow.columns.add(args[0].value)
            return True
        return False
    flow.columns.add(parent.attr)
    return True


def _subscript(flow: _Flow, expr: ast.AST, parent: ast.Subscript) -> bool:
    key = parent.slice
    if parent.value is not expr or not isinstance(parent.ctx, ast.Load):
        return False
    if isinstance(key, ast.Constant) and isinstance(key.value, str):
        flow.columns.add(key.value)
        return True
    if isinstance(key, ast.Constant) and isinstance(key.value, int) and key.value == 0:
        return flow._follow(parent)  # rows[0]: the first row (or its first column)
    return False


def _assign(flow: _Flow, expr: ast.AST, parent: ast.Assign | ast.AnnAssign) -> bool:
    targets = parent.targets if isinstance(parent, ast.Assign) else [parent.target]
    return parent.value is expr and all(flow._bind(t, flow._scope(parent)) for t in targets)


def _for(flow: _Flow, expr: ast.AST, parent: ast.For) -> bool:
    return parent.iter is expr and flow._bind(parent.target, flow._scope(parent))


def _call(flow: _Flow, expr: ast.AST, parent: ast.Call) -> bool:
    return flow._call(expr, parent)


def _keyword(flow: _Flow, expr: ast.AST, parent: ast.keyword) -> bool:
    call = flow.parents.get(id(parent))
    if parent.arg is None and isinstance(call, ast.Call):  # Class(**row)
        name = call.func.id if isinstance(call.func, ast.Name) else \
            call.func.attr if isinstance(call.func, ast.Attribute) else ""
        return name[:1].isupper() and flow._follow(call)
    return isinstance(call, ast.Call) and flow._call(parent.value, call)


def _test(flow: _Flow, expr: ast.AST, parent: ast.AST) -> bool:
    """``if rows``, ``rows is None``, ``not rows``: whether there are rows, no value."""
    if isinstance(parent, ast.Compare):
        return all(isinstance(o, (ast.Is, ast.IsNot)) for o in parent.ops)
    if isinstance(parent, ast.IfExp):
        return parent.test is expr or flow._follow(parent)
    if isinstance(parent, ast.BoolOp):  # rows or []: the rows again
        return flow._follow(parent)
    if isinstance(parent, ast.UnaryOp):
        return isinstance(parent.op, ast.Not)
    return isinstance(parent, (ast.If, ast.While)) and parent.test is expr


def _return(flow: _Flow, expr: ast.AST, parent: ast.AST) -> bool:
    if isinstance(parent, ast.Tuple):  # return a, b: the tuple stands for them
        return flow._follow(parent)
    scope = flow._scope(parent)
    function = next((f for f in flow.functions.values() if id(f) == scope), None)
    if function is None:
        return False
    flow.returns.add(function.name)
    return True


_HANDLERS: dict[type, Callable[..., bool]] = {
    ast.Attribute: _attribute, ast.Subscript: _subscript, ast.Assign: _assign,
    ast.AnnAssign: _assign, ast.For: _for, ast.Call: _call, ast.keyword: _keyword,
    ast.Compare: _test, ast.IfExp: _test, ast.If: _test, ast.While: _test, ast.BoolOp: _test,
    ast.UnaryOp: _test, ast.Return: _return, ast.Tuple: _return,
}
