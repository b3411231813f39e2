"""What a loop over the rows of a SELECT does with each column it reads (issue 19, fides
``fd52d5f08c17``): carries the value on, only tests it, or falls back on it.

A copy made in Python (``for row in conn.execute(select): conn.execute(update, {...})``)
keeps a column only when its value reaches what is written. A value used only as a truth
value (``any([row["countries"]])``, ``bool(...)``, a comparison, an ``if``) keeps whether
it was set, not what it held; one used only after ``or`` behind another value
(``mine or theirs``) is kept only where the other is empty. Names it is bound to and the
functions of the file it is handed to are followed; anything else it meets counts as
carrying the value (a proof is needed to call it lost).
"""

from __future__ import annotations

import ast
from collections.abc import Iterator

from dbkit.review.ops import Op, Ref

VALUE, FALLBACK, TRUTH, DIGEST = "value", "fallback", "truth", "digest"
_RANK = {TRUTH: 0, FALLBACK: 1, DIGEST: 1, VALUE: 2}
TRUTHS = {"bool", "any", "all", "len", "isinstance", "callable", "hasattr"}
TESTS = {"startswith", "endswith", "isdigit", "isalpha", "isnumeric", "isspace"}
# calls whose result holds their argument's value (or part of it): followed through
PASSES = {"next", "list", "tuple", "set", "dict", "sorted", "reversed", "iter", "str", "loads",
          "dumps", "join", "get", "strip", "lower", "upper", "min", "max", "filter", "format"}
# one-way functions: what they return keeps nothing of the value (axiom 022 keeps an HMAC of
# each email, then drops the emails, held-out54); ``new`` only as ``hmac.new``/``hashlib.new``
DIGESTS = {"md5", "sha1", "sha224", "sha256", "sha384", "sha512", "sha3_256", "sha3_512", "blake2b",
           "blake2s", "pbkdf2_hmac", "scrypt", "hashpw", "generate_password_hash", "make_password"}
DEPTH = 4


def row_uses(loop: ast.For | ast.AsyncFor,
             functions: dict[str, ast.FunctionDef]) -> dict[str, str] | None:
    """Output name (lower case) -> VALUE, FALLBACK, TRUTH or DIGEST, for each ``row["name"]`` or
    ``row.name`` the loop's body reads; a name it never reads is absent; ``#i`` for the i-th name
    a row is unpacked into (``for uid, email in rows``; ``#``: how many). None when the row is
    used any other way (handed on whole, indexed by number)."""
    flow = _Flow(functions)
    if isinstance(loop.target, ast.Tuple) \
            and all(isinstance(e, ast.Name) for e in loop.target.elts):  # for uid, email in rows
        names = [e.id for e in loop.target.elts]  # type: ignore[attr-defined]
        return {"#": str(len(names))} | {f"#{i}": flow.name_use(n, loop.body, 0)
                                         for i, n in enumerate(names) if any(_names(loop.body, n))}
    if not isinstance(loop.target, ast.Name):
        return None
    row = loop.target.id
    found: dict[str, str] = {}
    for node, parents in _names(loop.body, row):
        key = _key(node, parents)
        if key is None:
            return None
        use = flow.use(parents[id(node)], parents, loop.body, 0)
        found[key] = max(found.get(key, TRUTH), use, key=_RANK.__getitem__)
    return found


def only_tested(assign: ast.Assign, ops: list[Op], body: list[ast.stmt],
                functions: dict[str, ast.FunctionDef]) -> None:
    """``row = conn.execute(text("SELECT * FROM t WHERE id = 0")).fetchone()`` then only
    ``if row:`` (onyx ``505c488f6662``): the values read are tested, carried nowhere. A whole
    row tested says only that a row matched, nothing of any column's value: dropped from the
    read's columns; the others are marked tested."""
    if len(ops) != 1 or ops[0].name != "read" or len(assign.targets) != 1 \
            or not isinstance(assign.targets[0], ast.Name):
        return
    if _Flow(functions).name_use(assign.targets[0].id, body, 0) == TRUTH:
        ops[0].reads = {ref for ref in ops[0].reads if ref[1] != "*"}
        ops[0].tested = frozenset(ops[0].reads)


def _names(body: list[ast.stmt], name: str) -> Iterator[tuple[ast.Name, dict[int, ast.AST]]]:
    parents = _parents(body)
    for statement in body:
        for node in ast.walk(statement):
            if isinstance(node, ast.Name) and node.id == name and isinstance(node.ctx, ast.Load):
                yield node, parents


def _parents(body: list[ast.stmt]) -> dict[int, ast.AST]:
    parents: dict[int, ast.AST] = {}
    for statement in body:
        for node in ast.walk(statement):
            for child in ast.iter_child_nodes(node):
                parents[id(child)] = node
    return parents


def _key(node: ast.Name, parents: dict[int, ast.AST]) -> str | None:
    """``row["x"]`` or ``row.x``: the use of ``row`` it is in, its key; None otherwise."""
    parent = parents.get(id(node))
    if isinstance(parent, ast.Subscript) and parent.value is node \
            and isinstance(parent.slice, ast.Constant) and isinstance(parent.slice.value, str):
        return parent.slice.value.lower()
    above = parents.get(id(parent))
    called = isinstance(above, ast.Call) and above.func is parent
    if isinstance(parent, ast.Attribute) and parent.value is node \
            and not parent.attr.startswith("_") and not called:
        return parent.attr.lower()
    return None  # row.get("x"), row[0], row._mapping, f(row): not one column's value


class _Flow:
    def __init__(self, functions: dict[str, ast.FunctionDef]) -> None:
        self.functions = functions
        self.seen: set[tuple[int, str]] = set()

    def use(self, node: ast.AST, parents: dict[int, ast.AST], scope: list[ast.stmt],
            depth: int) -> str:
        """What becomes of the value of ``node``, walking up to where it ends."""
        while True:
            parent = parents.get(id(node))
            step = self._step(node, parent, parents, scope, depth)
            if step is not None:
                return step
            node = parent  # type: ignore[assignment]

    def _step(self, node: ast.AST, parent: ast.AST | None, parents: dict[int, ast.AST],
              scope: list[ast.stmt], depth: int) -> str | None:
        """None: the value goes on up to ``parent``; else where it ends."""
        if isinstance(parent, ast.BoolOp):
            return _bool_op(node, parent)
        if isinstance(parent, (ast.Compare, ast.If, ast.While, ast.Assert)) \
                or (isinstance(parent, ast.UnaryOp) and isinstance(parent.op, ast.Not)) \
                or (isinstance(parent, ast.IfExp) and parent.test is node) \
                or (isinstance(parent, ast.comprehension) and node in parent.ifs):
            return TRUTH
        if isinstance(parent, (ast.List, ast.Tuple, ast.Set, ast.Starred, ast.IfExp,
                               ast.Subscript, ast.Attribute, ast.FormattedValue,
                               ast.JoinedStr, ast.ListComp, ast.SetComp, ast.GeneratorExp)):
            return None
        if isinstance(parent, ast.comprehension):  # iterated: its elements go on
            return self._comprehension(parent, parents, scope, depth)
        if isinstance(parent, ast.keyword):
            return self._call(parents[id(parent)], parent.arg, parents, scope, depth)
        if isinstance(parent, ast.Call):
            return self._call(parent, node, parents, scope, depth)
        if isinstance(parent, (ast.Assign, ast.AnnAssign)) and parent.value is node:
            return self._bound(parent, scope, depth)
        if isinstance(parent, ast.For) and parent.iter is node \
                and isinstance(parent.target, ast.Name):
            return self.name_use(parent.target.id, parent.body, depth)
        return VALUE  # a dict's value, a return, a call's statement: carried, or not known

    def _comprehension(self, comp: ast.comprehension, parents: dict[int, ast.AST],
                       scope: list[ast.stmt], depth: int) -> str | None:
        outer = parents.get(id(comp))
        if isinstance(outer, ast.DictComp):
            return VALUE
        return None if isinstance(comp.target, ast.Name) else VALUE

    def _call(self, call: ast.AST, arg: ast.AST | str | None, parents: dict[int, ast.AST],
              scope: list[ast.stmt], depth: int) -> str | None:
        assert isinstance(call, ast.Call)
        name = call.func.id if isinstance(call.func, ast.Name) else \
            call.func.attr if isinstance(call.func, ast.Attribute) else ""
        if call.func is arg:  # value.method(...): a method of the value itself
            return TRUTH if name in TESTS else None
        if name in TRUTHS:
            return TRUTH
        if name in DIGESTS or name == "new" and isinstance(call.func, ast.Attribute) \
                and any(k in ast.unparse(call.func.value).lower() for k in ("hmac", "hashlib")):
            return DIGEST
        function = self.functions.get(name) if isinstance(call.func, ast.Name) else None
        if function is not None and depth < DEPTH:
            param = _param(function, call, arg)
            if param is None:
                return VALUE
            inside = self.name_use(param, function.body, depth + 1)
            return None if inside == VALUE else inside
        return None if name in PASSES else VALUE

    def _bound(self, assign: ast.Assign | ast.AnnAssign, scope: list[ast.stmt],
               depth: int) -> str:
        targets = assign.targets if isinstance(assign, ast.Assign) else [assign.target]
        if len(targets) != 1 or not isinstance(targets[0], ast.Name):
            return VALUE
        return self.name_use(targets[0].id, scope, depth)

    def name_use(self, name: str, scope: list[ast.stmt], depth: int) -> str:
        """What becomes of the value bound to ``name`` in ``scope``: the most any read of it
        keeps (TRUTH when it is never read)."""
        key = (id(scope), name)
        if key in self.seen:
            return TRUTH  # met again through a cycle: its other reads decide
        self.seen.add(key)
        parents = _parents(scope)
        found = TRUTH
        for node, _ in _names(scope, name):
            use = self.use(node, parents, scope, depth)
            found = max(found, use, key=_RANK.__getitem__)
            if found == VALUE:
                break
        self.seen.discard(key)
        return found


def _bool_op(node: ast.AST, op: ast.BoolOp) -> str | None:
    """``a or b``: each may be the result, but ``b`` only where ``a`` is empty (a fallback
    when ``a`` is another value, not a constant). ``a and b``: ``a`` is tested, ``b`` goes
    on."""
    index = next(i for i, v in enumerate(op.values) if v is node)
    if isinstance(op.op, ast.And):
        return None if index == len(op.values) - 1 else TRUTH
    if any(not isinstance(v, ast.Constant) for v in op.values[:index]):
        return FALLBACK
    return None


def _param(function: ast.FunctionDef, call: ast.Call, arg: ast.AST | str | None) -> str | None:
    params = [a.arg for a in function.args.posonlyargs + function.args.args]
    if isinstance(arg, str):
        return arg if arg in params or arg in [a.arg for a in function.args.kwonlyargs] else None
    for index, given in enumerate(call.args):
        if given is arg:
            return params[index] if index < len(params) else None
    return None


def carried(targets: list[tuple[str | None, set[Ref]]],
            uses: dict[str, str]) -> tuple[set[Ref], set[Ref], set[Ref]]:
    """Of the columns a SELECT's outputs are computed from: (those some output the loop
    carries on, those only tested, those it carries nowhere: unread or a fallback)."""
    value: set[Ref] = set()
    tested: set[Ref] = set()
    every: set[Ref] = set()
    for index, (name, refs) in enumerate(targets):
        every |= refs
        use: str | None
        if "#" in uses:  # unpacked in order (all carried when the counts differ)
            use = uses.get(f"#{index}") if uses["#"] == str(len(targets)) else VALUE
        else:
            use = uses.get(name.lower()) if name else VALUE  # no name: not known, carried
        if use == VALUE:
            value |= refs
        elif use == TRUTH:
            tested |= refs
    return value, tested - value, every - value - tested
