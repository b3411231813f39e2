"""A name an upgrade uses that nothing defines: Python raises NameError there, and nothing after
it runs.

jackstar12/trade-alpha-backend ``21a8724671d8`` fills ``label.group_id`` by
``sa.update(LabelTmp)`` of a class the file comments out, and typeTeja/college-erp2
``5e4c401dd090`` passes ``existing_type=mysql.VARCHAR(...)`` with ``mysql`` never imported
(held-out38 and 39, read by hand: neither revision gets past that line, so what follows it
loses nothing and fails nothing).

Only the statements of the function's own body are checked, and those of a ``with`` block in
it (its body always runs), up to one that may ``return``: one under an ``if``, in a loop or
in a ``try`` may never run, or be caught. A name is defined when the function binds it
anywhere (an argument, an assignment, an import, a ``for``, a ``with ... as``, an ``except
... as``, ``global``), when the file binds it at its top (under an ``if`` or a ``try`` too),
or when Python does (a builtin, ``__file__``). A file that imports ``*`` or calls ``exec``,
``eval``, ``globals()`` or ``vars()`` is not checked.
"""

from __future__ import annotations

import ast
import builtins
import copy

MODULE_NAMES = frozenset({"__file__", "__name__", "__doc__", "__spec__", "__loader__",
                          "__package__", "__builtins__", "__path__", "__annotations__"})
DYNAMIC = frozenset({"exec", "eval", "globals", "vars", "locals", "__import__"})
SCOPES = (ast.FunctionDef, ast.AsyncFunctionDef, ast.ClassDef, ast.Lambda, ast.ListComp,
          ast.SetComp, ast.DictComp, ast.GeneratorExp)


def first_undefined(tree: ast.Module, function: ast.FunctionDef) -> tuple[str, int] | None:
    """(name, line) of the first name ``function`` surely evaluates that nothing defines."""
    if _dynamic(tree):
        return None
    defined = _bound(tree.body, top=True) | _bound(function.body, top=False) \
        | _arguments(function) | set(dir(builtins)) | MODULE_NAMES
    for statement in _run_always(function.body):
        for name in _loaded(statement):
            if name.id not in defined:
                return name.id, name.lineno
    return None


def before(function: ast.FunctionDef, line: int) -> ast.FunctionDef:
    """A copy of ``function`` that stops before the statement at ``line`` (inside a ``with``,
    the block is kept up to that statement)."""
    cut = copy.copy(function)
    cut.body = _until(function.body, line) or [ast.Pass(lineno=function.lineno, col_offset=0)]
    return cut


def _until(body: list[ast.stmt], line: int) -> list[ast.stmt]:
    kept: list[ast.stmt] = []
    for statement in body:
        if (statement.end_lineno or statement.lineno) < line:
            kept.append(statement)
            continue
        if isinstance(statement, ast.With | ast.AsyncWith) and statement.body \
                and statement.body[0].lineno <= line:
            block = copy.copy(statement)
            block.body = _until(statement.body, line)
            if block.body:
                kept.append(block)
        break
    return kept


def _run_always(body: list[ast.stmt]) -> list[ast.stmt]:
    """The statements of a body that run whenever it does, ``with`` blocks opened (their
    items as a statement of their own), in order."""
    found: list[ast.stmt] = []
    for statement in body:
        if isinstance(statement, ast.With | ast.AsyncWith):
            found.append(ast.Expr(value=ast.Tuple(elts=[i.context_expr for i in statement.items],
                                                  ctx=ast.Load()), lineno=statement.lineno))
            found += _run_always(statement.body)
        elif isinstance(statement, ast.Expr | ast.Assign | ast.AugAssign):
            found.append(statement)
        elif isinstance(statement, ast.Return):
            found.append(statement)
            break
        elif isinstance(statement, ast.AnnAssign) and statement.value is not None:
            found.append(ast.Expr(value=statement.value, lineno=statement.lineno))
        elif any(isinstance(n, ast.Return) for n in ast.walk(statement)):
            break  # an if, a loop, a try that may return: what follows may never run
        # (any other if, loop or try: its body may not run, what follows it does)
    return found


def _loaded(node: ast.AST) -> list[ast.Name]:
    """The names a statement reads, in source order, not those of a nested scope."""
    found: list[ast.Name] = []
    pending: list[ast.AST] = [node]
    while pending:
        current = pending.pop()
        if isinstance(current, ast.Name) and isinstance(current.ctx, ast.Load):
            found.append(current)
        if current is not node and isinstance(current, SCOPES):
            continue
        pending.extend(reversed(list(ast.iter_child_nodes(current))))
    return sorted(found, key=lambda n: (n.lineno, n.col_offset))


def _bound(body: list[ast.stmt], top: bool) -> set[str]:
    """The names a body binds; at the top of a file, not inside its functions and classes."""
    names: set[str] = set()
    pending: list[ast.AST] = list(body)
    while pending:
        node = pending.pop()
        if isinstance(node, ast.FunctionDef | ast.AsyncFunctionDef | ast.ClassDef):
            names.add(node.name)
            if top or isinstance(node, ast.ClassDef):
                continue
        if isinstance(node, ast.Lambda):
            continue
        if isinstance(node, ast.Name) and isinstance(node.ctx, ast.Store | ast.Del):
            names.add(node.id)
        elif isinstance(node, ast.Import | ast.ImportFrom):
            names |= {(a.asname or a.name).partition(".")[0] for a in node.names}
        elif isinstance(node, ast.ExceptHandler) and node.name:
            names.add(node.name)
        elif isinstance(node, ast.Global | ast.Nonlocal):
            names |= set(node.names)
        elif isinstance(node, ast.MatchAs | ast.MatchStar) and node.name:
            names.add(node.name)
        pending.extend(ast.iter_child_nodes(node))
    return names


def _arguments(function: ast.FunctionDef) -> set[str]:
    a = function.args
    return {x.arg for x in (*a.posonlyargs, *a.args, *a.kwonlyargs, a.vararg, a.kwarg) if x}


def _dynamic(tree: ast.Module) -> bool:
    return any(isinstance(n, ast.ImportFrom) and any(a.name == "*" for a in n.names)
               or isinstance(n, ast.Call) and isinstance(n.func, ast.Name) and n.func.id in DYNAMIC
               for n in ast.walk(tree))
