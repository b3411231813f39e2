"""A revision's call to a helper of its own project (``drop_table(table_name="t")``,
``drop_column(Model, "c")`` imported from ``app.db``): the reader follows it like a helper
of the file (modules.py finds it, through a package's re-exports too), and two things make
what it finds read as the revision's own statements:

- the ops it finds happen at the call's line in the revision (the helper's own lines are
  in another file, where no finding can be placed nor acknowledged);
- the helper's tests read with its arguments as the revision wrote them (``if
  table_exists(table_name)``, ``table_name = 'lora'``): a test of the very object it drops
  is then seen as such (context.py, ``_guards_itself``), as it is for code in the file;
  so are a loop's over constant names (``for table_name in ("a", "b"): if
  _has_table(table_name): op.drop_table(table_name)``), each turn with its own name.
"""

from __future__ import annotations

import ast
from collections.abc import Mapping

from dbkit.review.evaluate import column_info, evaluate
from dbkit.review.modules import Module, imported_classes
from dbkit.review.ops import UNKNOWN, Op


def bound(function: ast.FunctionDef, call: ast.Call, scope: Mapping[str, object],
          defined: Mapping[str, object], caller: Module) -> dict[str, object]:
    """The scope ``function`` (of a module whose constants are ``defined``) runs in when
    ``call`` (evaluated in ``scope``, in module ``caller``) calls it: its parameters bound,
    defaults filled. An ORM class the caller imports from the project, handed to the helper
    (``drop_column(Setting, "theme")``), stands for its table there (``cls.__tablename__``);
    only there: elsewhere the revision's code reads such a class as before."""
    classes = imported_classes(caller) if any(
        isinstance(a, ast.Name) and a.id not in scope for a in call.args) else {}
    scope = {**classes, **scope}
    local = dict(defined)
    params = [a.arg for a in function.args.posonlyargs + function.args.args]
    for param, arg in [*zip(params, call.args, strict=False),
                       *((k.arg, k.value) for k in call.keywords if k.arg)]:
        local[param] = evaluate(arg, scope)
        if local[param] is UNKNOWN:  # _add_column("t", sa.Column("c", ...)): the column
            local[param] = column_info(arg, scope) or UNKNOWN  # (College-Football 0040)
    defaults = function.args.defaults
    for param, default in zip(params[len(params) - len(defaults):], defaults, strict=False):
        local.setdefault(param, evaluate(default, defined))
    return local


def as_written(function: ast.FunctionDef, call: ast.Call) -> dict[str, str]:
    """Each parameter of ``function`` bound by ``call``: the argument, as written."""
    params = [a.arg for a in function.args.posonlyargs + function.args.args]
    bound = {p: ast.unparse(a) for p, a in zip(params, call.args, strict=False)
             if not isinstance(a, ast.Starred)}
    bound.update({k.arg: ast.unparse(k.value) for k in call.keywords if k.arg})
    return {p: " ".join(text.split()) for p, text in bound.items() if len(text) <= 80}


def at_call(ops: list[Op], call: ast.Call) -> None:
    """Ops found in another file happen where the revision calls the helper."""
    for op in ops:
        op.line, op.end_line = call.lineno, call.end_lineno or call.lineno


def each_written(target: ast.expr, value: object) -> dict[str, str]:
    """A loop's name bound to one constant name in one turn of the loop, as written."""
    return {target.id: repr(value)} if isinstance(target, ast.Name) and isinstance(value, str) \
        else {}


def lambda_defaults(node: ast.Lambda, scope: Mapping[str, object]) -> dict[str, object]:
    """The parameters of ``lambda a, b=x: ...``, each bound to what its default is (UNKNOWN
    without one: it shadows any outer name)."""
    args = node.args
    positional = [*args.posonlyargs, *args.args]
    defaults = [None] * (len(positional) - len(args.defaults)) + list(args.defaults)
    pairs = [*zip(positional, defaults, strict=True), *zip(args.kwonlyargs, args.kw_defaults, strict=True)]
    bound = {a.arg: UNKNOWN if d is None else evaluate(d, scope) for a, d in pairs}
    bound.update({a.arg: UNKNOWN for a in (args.vararg, args.kwarg) if a is not None})
    return bound


def handed_batches(function: ast.FunctionDef, call: ast.Call, batch: Mapping[str, str]) -> dict[str, str]:
    """The helper's parameters bound to a ``batch_op`` of the caller's ``with
    op.batch_alter_table("t")``: that batch there too (``_drop_fk_if_present(batch_op, ...)``
    drops a key of t by ``batch_op.drop_constraint(name)``: Cittagent/Shivex-main-1 auth 0008,
    held-out48, whose key made again after it was read as made twice)."""
    names = [a.arg for a in (*function.args.posonlyargs, *function.args.args)]
    handed = [*zip(names, call.args, strict=False), *((k.arg, k.value) for k in call.keywords)]
    return {name: batch[arg.id] for name, arg in handed
            if name and isinstance(arg, ast.Name) and arg.id in batch}
