"""A helper defined inside the function the reader reads (``def create_map_markers(table,
type_):`` inside ``upgrade()``): its calls are followed with their arguments bound, as for
a helper of the file, and it reads the names of the function around it as they are when it
is called (LocalCragApp 758908a7d7b8: the Core tables ``map_markers`` and the connection,
bound in ``upgrade()`` before the helper inserts each row's lat and lng into map_markers).

Without them the helper's INSERT was an unknown statement on an unknown connection, read as
nothing: the copy went unseen, and the later drops of lat and lng were called losses.

Python binds a nested function's free names late, to the enclosing frame's current values:
the reader hands the helper that frame's own scope (the dict it keeps updating), what the
frame could not evaluate (provenance.py) and the names it bound under doubt. What the helper
does to a name it shares with that frame (a list it grows, a ``nonlocal`` it rebinds) is
seen there after the call.
"""

from __future__ import annotations

import ast
from collections.abc import Mapping
from dataclasses import dataclass
from typing import TypeVar

from dbkit.review.ops import UNKNOWN
from dbkit.review.provenance import Provenance

V = TypeVar("V")
_SCOPES = (ast.FunctionDef, ast.AsyncFunctionDef, ast.Lambda, ast.ClassDef, ast.ListComp,
           ast.SetComp, ast.DictComp, ast.GeneratorExp)


@dataclass(frozen=True)
class Closure:
    """The frame a nested function was defined in, live: its scope, what its unknown names
    were made from, the names it bound under an ``if`` or loop it cannot decide."""

    scope: dict[str, object]
    made: Provenance
    unsure: set[str]

    def enter(self, function: ast.FunctionDef, local: dict[str, object],
              module: Mapping[str, object]) -> tuple[Provenance, set[str]]:
        """The provenance and unsure names a call of ``function`` starts with (``local``:
        its scope, this frame's names and its parameters bound); its ``global`` names are
        the ``module``'s, not this frame's."""
        own, globals_ = _names(function)
        local.update({name: module.get(name, UNKNOWN) for name in globals_})
        made = Provenance()
        made.origins = {n: o for n, o in self.made.origins.items() if n not in own}
        made.rows = {n: r for n, r in self.made.rows.items() if n not in own}
        made.grown = self.made.grown - own
        return made, self.unsure - own

    def leave(self, function: ast.FunctionDef, local: dict[str, object], made: Provenance,
              unsure: set[str]) -> None:
        """After the call: the names it shares with this frame as the call left them."""
        own, globals_ = _names(function)
        shared = set(local) - own - globals_
        for name in shared:
            if local[name] is not self.scope.get(name):
                self.scope[name] = local[name]
                (self.unsure.add if name in unsure else self.unsure.discard)(name)
            _carry(name, made.origins, self.made.origins)
            _carry(name, made.rows, self.made.rows)
            (self.made.grown.add if name in made.grown else self.made.grown.discard)(name)


def _carry(name: str, theirs: Mapping[str, V], mine: dict[str, V]) -> None:
    """``mine`` holds for ``name`` what ``theirs`` does, or nothing."""
    if name in theirs:
        mine[name] = theirs[name]
    else:
        mine.pop(name, None)


def _names(function: ast.FunctionDef) -> tuple[set[str], set[str]]:
    """The function's own names (parameters, names it binds but does not declare
    ``nonlocal``: those are this frame's, rebound) and those it declares ``global``."""
    args = function.args
    own = {a.arg for a in [*args.posonlyargs, *args.args, *args.kwonlyargs, args.vararg,
                           args.kwarg] if a is not None}
    declared: set[str] = set()
    globals_: set[str] = set()
    for node in _own_nodes(function.body):
        if isinstance(node, ast.Nonlocal):
            declared.update(node.names)
        elif isinstance(node, ast.Global):
            globals_.update(node.names)
        elif isinstance(node, ast.Name) and isinstance(node.ctx, (ast.Store, ast.Del)):
            own.add(node.id)
        elif isinstance(node, (ast.FunctionDef, ast.AsyncFunctionDef, ast.ClassDef)):
            own.add(node.name)
        elif isinstance(node, (ast.Import, ast.ImportFrom)):
            own.update((a.asname or a.name).partition(".")[0] for a in node.names)
        elif isinstance(node, ast.ExceptHandler) and node.name:
            own.add(node.name)
    return own - declared - globals_, globals_


def _own_nodes(body: list[ast.stmt]) -> list[ast.AST]:
    """The nodes of a function's body outside the scopes nested in it (their own names are
    theirs), the nested definitions themselves included."""
    found: list[ast.AST] = []
    todo: list[ast.AST] = list(body)
    while todo:
        node = todo.pop()
        found.append(node)
        if not isinstance(node, _SCOPES):
            todo.extend(ast.iter_child_nodes(node))
    return found
