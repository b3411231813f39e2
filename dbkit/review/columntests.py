"""``if _has_column("t", "c"): op.drop_column("t", "c")``: a drop IF EXISTS, written in Python.

SkyLab's ``ip02_drop_pve_ip`` drops ``subnet_config.pve_ip`` under a helper of its file that
tests the column exists (``any(col["name"] == column_name for col in
inspector.get_columns(table_name))``), though the revision before made ``subnet_config``
without it and no revision ever added it (held-out14, read by hand): the drop never runs.
Such a test over a drop of that very column is read as ``DROP COLUMN IF EXISTS`` (as a test
of ``information_schema.columns`` is: owntests.py): the drop is unconditional, and a no-op
only where the chain shows the column was never made (unmade.py); where the walk knows the
column exists, it runs and its loss is reported as before.

The test is one of ``inspector.get_columns(t)`` naming the column: ``any(c["name"] == "c" for
c in insp.get_columns("t"))``, ``"c" in [c["name"] for c in insp.get_columns("t")]``, or a
call, with constant arguments, of a function of the file that returns one such expression of
its parameters (and has no other ``return``), or ``"c" in cols`` where ``cols`` was bound, surely
(not under an ``if``, not in a loop), to such a list or set of the names of ``t``'s columns
(spice-coaching ``0039``: ``family_columns = {col["name"] for col in
inspector.get_columns("module_family")}``, then ``if "chatbot_faqs_only" in family_columns:``
over the drop of a column no revision made). Not a negated test, nor one AND-ed or OR-ed
with another: those stay an ``if`` the reviewer cannot decide (branches.py).
"""

from __future__ import annotations

import ast
from collections.abc import Callable

from dbkit.review.ops import Op

Column = tuple[str, str]
Bound = Callable[[str], "ast.expr | None"]  # what a name was surely last bound to, or None


def column_guarded(test: ast.expr, ops: list[Op], middle: int,
                   functions: dict[str, ast.FunctionDef], bound: Bound | None = None,
                   scope: dict[str, object] | None = None) -> tuple[list[Op], int]:
    """The ops of an ``if`` left conditional by ``test``, and where its ``else`` starts among
    them: less the drops of the body (not under an ``if`` of their own) of the column the
    test finds exists; those are marked IF EXISTS."""
    found = _called(test, functions) or _column_test(test, {}, bound) \
        or _in_listed(test, functions, scope or {})
    if found is None:
        return ops, middle
    own = [op for op in ops[:middle] if not op.conditional and op.name == "drop_column"
           and (op.table or "").lower() == found[0].lower()
           and (op.column or "").lower() == found[1].lower()]
    for op in own:
        op.if_exists = True
    return [op for op in ops if all(op is not o for o in own)], middle - len(own)


def _called(test: ast.expr, functions: dict[str, ast.FunctionDef]) -> Column | None:
    """``_has_column("t", "c")``: a function of the file whose one ``return`` tests that
    its parameters name an existing column, called with constants."""
    called = returned(test, functions, spare=0)
    if called is None or len(called[0]) != 1 or called[0][0] is None:
        return None
    return _column_test(called[0][0], called[1])


def returned(call: ast.expr, functions: dict[str, ast.FunctionDef], spare: int = 1
             ) -> tuple[list[ast.expr | None], dict[str, str]] | None:
    """What each ``return`` of the function of the file ``call`` calls gives, and the
    constants it passes to its parameters; None when it is no such call, or when more than
    ``spare`` parameters take something else (the inspector, the connection)."""
    if not isinstance(call, ast.Call) or not isinstance(call.func, ast.Name):
        return None
    function = functions.get(call.func.id)
    if function is None:
        return None
    params = [a.arg for a in function.args.args]
    values: dict[str, str] = {}
    for param, arg in zip(params, call.args, strict=False):
        if isinstance(arg, ast.Constant) and isinstance(arg.value, str):
            values[param] = arg.value
    values.update({k.arg: k.value.value for k in call.keywords if k.arg
                   and isinstance(k.value, ast.Constant) and isinstance(k.value.value, str)})
    if len(values) + spare < len(params):
        return None
    return [n.value for n in ast.walk(function) if isinstance(n, ast.Return)], values


def listed_columns(node: ast.expr, functions: dict[str, ast.FunctionDef]) -> str | None:
    """The table whose column names ``node`` gives: ``{c["name"] for c in
    insp.get_columns("t")}``, or a call, with constants, of a function of the file each of
    whose ``return`` gives that of its parameter or nothing (``set()``: no such table;
    YorTrade 0006 ``_column_names(inspector, "assets")``)."""
    called = returned(node, functions)
    results, values = called if called is not None else ([node], {})
    tables = set()
    for result in results:
        if isinstance(result, ast.Call) and isinstance(result.func, ast.Name) \
                and result.func.id in ("set", "list", "frozenset") and not result.args:
            continue
        if not isinstance(result, (ast.ListComp, ast.SetComp, ast.GeneratorExp)):
            return None
        row = _row(result, values)
        if row is None or not _name_of(result.elt, row[1]):
            return None
        tables.add(row[0])
    return tables.pop() if len(tables) == 1 else None


def _column_test(node: ast.expr, values: dict[str, str], bound: Bound | None = None
                 ) -> Column | None:
    """(table, column) when ``node`` is true exactly when that column exists."""
    if isinstance(node, ast.Compare) and len(node.ops) == 1 and isinstance(node.ops[0], ast.In) \
            and isinstance(node.comparators[0], ast.Name) and bound is not None:
        listed = bound(node.comparators[0].id)  # cols = {c["name"] for c in ...}; "x" in cols
        if isinstance(listed, (ast.ListComp, ast.SetComp)):
            node = ast.Compare(left=node.left, ops=node.ops, comparators=[listed])
    if isinstance(node, ast.Call) and isinstance(node.func, ast.Name) and node.func.id == "any" \
            and len(node.args) == 1 and isinstance(node.args[0], ast.GeneratorExp):
        gen = node.args[0]  # any(c["name"] == "x" for c in insp.get_columns("t"))
        row = _row(gen, values)
        test = gen.elt
        if row is None or not (isinstance(test, ast.Compare) and len(test.ops) == 1
                               and isinstance(test.ops[0], ast.Eq)):
            return None
        for left, right in ((test.left, test.comparators[0]), (test.comparators[0], test.left)):
            column = _text(right, values)
            if _name_of(left, row[1]) and column:
                return row[0], column
        return None
    if isinstance(node, ast.Compare) and len(node.ops) == 1 and isinstance(node.ops[0], ast.In) \
            and isinstance(node.comparators[0], (ast.ListComp, ast.SetComp, ast.GeneratorExp)):
        listed = node.comparators[0]  # "x" in [c["name"] for c in insp.get_columns("t")]
        row = _row(listed, values)
        column = _text(node.left, values)
        if row is not None and column and _name_of(listed.elt, row[1]):
            return row[0], column
    return None


def _in_listed(test: ast.expr, functions: dict[str, ast.FunctionDef],
               scope: dict[str, object]) -> Column | None:
    """``column in _columns("t")``: a function of the file that lists t's columns
    (:func:`listed_columns`), asked of a constant or of a name bound to one (a loop over
    names, unrolled: College-Football-Fantasy-App ``0040``, held-out54)."""
    if not isinstance(test, ast.Compare) or len(test.ops) != 1 or not isinstance(test.ops[0], ast.In):
        return None
    table = listed_columns(test.comparators[0], functions)
    left = test.left
    column = left.value if isinstance(left, ast.Constant) else \
        scope.get(left.id) if isinstance(left, ast.Name) else None
    return (table, column) if table and isinstance(column, str) else None


def _row(gen: ast.ListComp | ast.SetComp | ast.GeneratorExp,
         values: dict[str, str]) -> tuple[str, str] | None:
    """(table, loop variable) of ``for c in <x>.get_columns("t")``, its only loop, unfiltered."""
    if len(gen.generators) != 1:
        return None
    loop = gen.generators[0]
    call = loop.iter
    if loop.ifs or not isinstance(loop.target, ast.Name) or not isinstance(call, ast.Call) \
            or getattr(call.func, "attr", "") != "get_columns" or len(call.args) != 1:
        return None
    table = _text(call.args[0], values)
    return (table, loop.target.id) if table else None


def _name_of(node: ast.expr, row: str) -> bool:
    """``c["name"]`` of the loop variable ``c``."""
    return isinstance(node, ast.Subscript) and isinstance(node.value, ast.Name) \
        and node.value.id == row and isinstance(node.slice, ast.Constant) \
        and node.slice.value == "name"


def _text(node: ast.expr, values: dict[str, str]) -> str | None:
    if isinstance(node, ast.Constant) and isinstance(node.value, str):
        return node.value
    return values.get(node.id) if isinstance(node, ast.Name) else None
