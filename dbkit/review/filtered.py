"""A loop over the items of a constant sequence that a comprehension's ``if`` keeps.

``targets = [name for name in ("zoom", "center_x") if name in existing]``, then ``for name in
targets: batch_op.drop_column(name)`` (Capsize-Games/airunner 48b1c0d3e4f5, b1c4d5e6f7a8:
columns dropped when the inspector lists them) runs the body for each item of the sequence
the test keeps: it is read as ``for name in ("zoom", "center_x"): if name in existing: ...``,
each item in turn under that ``if``, as a loop over a constant tuple is. The ``if`` is then
judged like any other (``context.guard``): a test that the dropped object exists is no doubt,
any other test is. Only a comprehension of one ``for`` over a sequence of constants the
reviewer knows item by item, that yields its own loop variable, bound once in the function
before the loop (or written in the loop's ``for``) and over names not bound again since.
"""

from __future__ import annotations

import ast
from collections.abc import Mapping

from dbkit.review.evaluate import Returns, evaluate
from dbkit.review.ops import UNKNOWN

UNROLL = 64  # as reader.UNROLL: a longer sequence is not unrolled
COMPREHENSIONS = (ast.ListComp, ast.GeneratorExp)


def unrolled(loop: ast.For | ast.AsyncFor, values: object, scope: Mapping[str, object],
             bodies: list[list[ast.stmt]], functions: Mapping[str, ast.FunctionDef]
             ) -> ast.For | None:
    """The loop rewritten over the comprehension's sequence, its body under the
    comprehension's ``if``; None when ``loop`` is not over such a comprehension (or is over
    a value the reviewer knows already). ``functions``: those of the file, a call of one
    that only returns a value standing for it (``_retired_columns()``)."""
    if values is not UNKNOWN or not isinstance(loop, ast.For):
        return None
    comp = _comprehension(loop, bodies[0] if bodies else [])
    if comp is None:
        return None
    generator = comp.generators[0]
    returns = {n: r for n, f in functions.items() if n not in scope and (r := Returns.of(f))}
    items = evaluate(generator.iter, {**returns, **scope})
    if not isinstance(items, tuple) or not 0 < len(items) <= UNROLL \
            or not all(isinstance(v, str | int | float) for v in items):
        return None
    item = generator.target.id  # type: ignore[attr-defined]
    body: list[ast.stmt] = list(loop.body)
    if not (isinstance(loop.target, ast.Name) and loop.target.id == item):
        body = [ast.copy_location(ast.Assign(targets=[loop.target], value=ast.Name(item, ast.Load())),
                                  loop), *body]
    if generator.ifs:
        test = generator.ifs[0] if len(generator.ifs) == 1 \
            else ast.BoolOp(op=ast.And(), values=list(generator.ifs))
        body = [ast.copy_location(ast.If(test=test, body=body, orelse=[]), loop)]
    constants = ast.Tuple(elts=[ast.Constant(v) for v in items], ctx=ast.Load())
    rewritten = ast.For(target=ast.Name(item, ast.Store()), iter=constants, body=body,
                        orelse=loop.orelse, type_comment=None)
    return ast.fix_missing_locations(ast.copy_location(rewritten, loop))


def _comprehension(loop: ast.For, body: list[ast.stmt]) -> ast.ListComp | ast.GeneratorExp | None:
    source: ast.expr | None = loop.iter
    if isinstance(source, ast.Name):
        source = _bound_once(source.id, loop, body)
    if not isinstance(source, COMPREHENSIONS) or len(source.generators) != 1:
        return None
    generator = source.generators[0]
    if generator.is_async or not isinstance(generator.target, ast.Name) \
            or not isinstance(source.elt, ast.Name) or source.elt.id != generator.target.id:
        return None
    if isinstance(loop.iter, ast.Name):  # the sequence's names not bound again since
        used = {n.id for n in ast.walk(generator.iter) if isinstance(n, ast.Name)}
        if used & _stored(body, after=source.lineno, before=loop.lineno):
            return None
    return source


def _bound_once(name: str, loop: ast.For, body: list[ast.stmt]) -> ast.expr | None:
    """The value of the one assignment of ``name`` in the function, before the loop."""
    stores = [n for statement in body for n in ast.walk(statement)
              if isinstance(n, ast.Name) and n.id == name and isinstance(n.ctx, ast.Store)]
    assigns = [n for statement in body for n in ast.walk(statement)
               if isinstance(n, ast.Assign) and len(n.targets) == 1
               and isinstance(n.targets[0], ast.Name) and n.targets[0].id == name]
    if len(stores) != 1 or len(assigns) != 1 or assigns[0].lineno >= loop.lineno:
        return None
    return assigns[0].value


def _stored(body: list[ast.stmt], after: int, before: int) -> set[str]:
    return {n.id for statement in body for n in ast.walk(statement)
            if isinstance(n, ast.Name) and isinstance(n.ctx, ast.Store)
            and after < n.lineno < before}
