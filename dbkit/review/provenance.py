"""What the names a revision's code binds were made from, where the reviewer cannot
evaluate them: ``t = utils.load_table(NAME, conn)`` names NAME's table, and
``rows = conn.execute("SELECT id, name FROM ...")`` carries ``id`` and ``name`` only.

Code the reviewer cannot follow (a loop, a helper it cannot read) casts doubt on a drop
only when it may touch the table or column; these are what it may touch through such
names (issue 19: manila's copies through computed table names, indico's uniqueness loop).
"""

from __future__ import annotations

import ast
import copy
import re

from dbkit.review.code import mentions
from dbkit.review.evaluate import TABLE_FACTORIES, Table, evaluate, func_name
from dbkit.review.ops import UNKNOWN, Op, Ref
from dbkit.review.pgsql import select_output, select_targets

STAR = re.compile(r"select\s+(\w+\.)?\*|\.\*", re.I)  # SQL that reads every column
EXECUTES = ("execute", "exec_driver_sql")


class Provenance:
    """The names of one function's scope the reviewer could not evaluate."""

    def __init__(self) -> None:
        # name -> the names and words of the expression it was made from; None: a table
        # the reviewer cannot name (sa.table(prefix + "_specs")), so any table
        self.origins: dict[str, frozenset[str] | None] = {}
        self.rows: dict[str, frozenset[str]] = {}  # name -> what the rows of its SELECT carry
        self.grown: set[str] = set()  # lists made by append(), and the items of a loop over one

    def assign(self, name: str, node: ast.expr, value: object, scope: dict) -> None:
        self.rows.pop(name, None)
        self.grown.discard(name)
        carried = self.selected(node, scope)
        if carried is not None:
            self.rows[name] = carried
        if value is not UNKNOWN:
            self.origins.pop(name, None)
        elif isinstance(node, ast.Call) and func_name(node) in TABLE_FACTORIES:
            self.origins[name] = None
        else:
            self.origins[name] = self.mentions(node, scope)

    def grow(self, call: ast.Call, scope: dict) -> None:
        """``statements.append(f"UPDATE t SET name = '{v}' ...")``: the list is made from
        what it is handed too (a helper that builds SQL in one loop and runs it in another:
        open-event 9540464e9b57's ``assign_field_names``)."""
        func = call.func
        if not (isinstance(func, ast.Attribute) and func.attr in GROWS
                and isinstance(func.value, ast.Name)):
            return
        name = func.value.id
        if name not in self.grown and not isinstance(scope.get(name), tuple):
            return  # (a list made here: `statements = []`)
        handed = [self.mentions(a, scope) for a in call.args]
        if not any(isinstance(a, (ast.Constant, ast.JoinedStr)) and WRITES_SQL.search(
                ast.unparse(a)) for a in call.args):
            return  # (only SQL that writes: not `tables.append(table)`)
        self.grown.add(name)
        if self.origins.get(name, frozenset()) is None or None in handed:
            self.origins[name] = None
            return
        self.origins[name] = self.origins.get(name, frozenset()).union(*handed)  # type: ignore

    def bind_loop(self, target: ast.expr, rows: ast.expr) -> None:
        """``for statement in statements``: each item is made from what the list is."""
        if isinstance(target, ast.Name) and isinstance(rows, ast.Name) and rows.id in self.grown:
            self.origins[target.id] = self.origins[rows.id]
            self.grown.add(target.id)

    def stores(self, body: list[ast.stmt], scope: dict) -> frozenset[str]:
        """:func:`stores`, knowing what the names of this scope were made from."""
        return stores(body, scope, {n: o for n, o in self.origins.items() if n in self.grown})

    def mentions(self, node: ast.AST, scope: dict, loads: bool = False) -> frozenset[str] | None:
        """:func:`~dbkit.review.code.mentions`, with what the unknown names it uses were made
        from; None when it uses a table the reviewer cannot name (it may touch any)."""
        found = set(mentions(node, scope, loads))
        for child in ast.walk(node):
            if isinstance(child, ast.Name) and child.id in self.origins:
                origin = self.origins[child.id]
                if origin is None:
                    return None
                found |= origin
        return frozenset(found)

    def selected(self, node: ast.AST, scope: dict) -> frozenset[str] | None:
        """What the rows of ``conn.execute("SELECT a, b ...")`` (or a name bound to them)
        carry; None when that is not known."""
        if isinstance(node, ast.Name):
            return self.rows.get(node.id)
        node = unfetched(node) if isinstance(node, ast.expr) else node  # (.fetchall())
        if isinstance(node, ast.Call) and func_name(node) in EXECUTES and node.args:
            sql = evaluate(node.args[0], scope)
            return select_output(sql) if isinstance(sql, str) else core_output(node.args[0])
        if isinstance(node, ast.Call) and func_name(node) in PASS_ROWS and node.args:
            rows = self.selected(node.args[0], scope)  # track(rows, ...), enumerate(rows)
            if rows is None:
                return None
            rest = [self.mentions(a, scope) for a in [*node.args[1:], *node.keywords]]
            return None if None in rest else rows.union(*rest)  # type: ignore[arg-type]
        return None

    def carries(self, loop: ast.For | ast.AsyncFor, scope: dict) -> frozenset[str] | None:
        """Every name a loop over the rows of a listed SELECT can hold: the SELECT's
        columns and what its body reads (no ``SELECT *`` in it); None when not known."""
        selected = self.selected(loop.iter, scope)
        if selected is None:
            return None
        body = [n for statement in loop.body for n in ast.walk(statement)]
        if any(isinstance(n, ast.Constant) and isinstance(n.value, str) and STAR.search(n.value)
               for n in body):
            return None
        held = set(selected)
        for statement in loop.body:
            found = self.mentions(statement, scope, loads=True)
            if found is None:
                return None
            held |= found
        return frozenset(held)


GROWS = ("append", "extend")  # calls that put more into a list
FETCHES = ("fetchall", "all", "mappings")  # calls that hand on the rows of a result
PASS_ROWS = ("enumerate", "track", "tqdm", "list", "sorted", "iter")  # hand the rows on
REDUCES = ("add_columns", "with_only_columns", "column")  # change what a select lists


def core_output(node: ast.expr) -> frozenset[str] | None:
    """What a row of a Core ``select(t.c.a, t.c.b).where(...).order_by(...)`` carries: the
    listed columns (and their labels); None unless every one is a plain ``t.c.name``."""
    while isinstance(node, ast.Call) and isinstance(node.func, ast.Attribute) \
            and isinstance(node.func.value, ast.Call) and node.func.attr != "select":
        if node.func.attr in REDUCES:
            return None
        node = node.func.value
    if not (isinstance(node, ast.Call) and func_name(node) == "select" and node.args):
        return None
    listed = node.args[0].elts if len(node.args) == 1 and isinstance(
        node.args[0], (ast.List, ast.Tuple)) else node.args
    names: set[str] = set()
    for item in listed:
        if isinstance(item, ast.Call) and isinstance(item.func, ast.Attribute) \
                and item.func.attr == "label" and item.args \
                and isinstance(item.args[0], ast.Constant) and isinstance(item.args[0].value, str):
            names.add(item.args[0].value.lower())
            item = item.func.value
        if not (isinstance(item, ast.Attribute) and isinstance(item.value, ast.Attribute)
                and item.value.attr in ("c", "columns")):
            return None
        names.add(item.attr.lower())
    return frozenset(names)


KEEPS_ROWS = ("where", "filter", "filter_by", "order_by", "limit", "offset", "all", "fetchall",
              "yield_per", "execution_options")  # the same rows, whole (or some of them)


def whole_rows(node: ast.expr, scope: dict) -> Table | None:
    """The one declared table whose whole rows ``node`` reads, each column under its own
    name: ``session.query(t)``, ``conn.execute(t.select())``, ``conn.execute(sa.select(t)
    .where(...))``; None otherwise (listed columns, labels, joins, a table not declared)."""
    for _ in range(2):
        while isinstance(node, ast.Call) and isinstance(node.func, ast.Attribute) \
                and node.func.attr in KEEPS_ROWS:
            node = node.func.value
        if isinstance(node, ast.Call) and func_name(node) in EXECUTES and len(node.args) == 1:
            node = node.args[0]
    if not isinstance(node, ast.Call) or node.keywords:
        return None
    if func_name(node) == "select" and isinstance(node.func, ast.Attribute) and not node.args:
        table = evaluate(node.func.value, scope)  # t.select()
    elif func_name(node) in ("query", "select") and len(node.args) == 1:
        table = evaluate(node.args[0], scope)
    else:
        return None
    return table if isinstance(table, Table) and table.columns else None



def iterated(loop: ast.For | ast.AsyncFor, ops: list[Op], earlier: list[Op],
             body: list[ast.stmt]) -> tuple[ast.expr, list[Op]]:
    """What a loop goes over and the ops that made it: its own ``iter`` and ``ops``, or, for
    ``rows = conn.execute(...).fetchall()`` then ``for uid, email in rows`` (axiom 022,
    held-out54), the call bound last before it in the same body and the ops of that line
    (among ``earlier``); ``.fetchall()``, ``.all()``, ``.mappings()`` taken off."""
    call = loop.iter
    if isinstance(call, ast.Name):
        bound = [s for s in body if isinstance(s, ast.Assign) and s.lineno < loop.lineno
                 and [t.id for t in s.targets if isinstance(t, ast.Name)] == [call.id]]
        if bound:
            call, ops = bound[-1].value, [o for o in earlier if bound[-1].lineno <= o.line
                                          <= (bound[-1].end_lineno or bound[-1].lineno)]
    return unfetched(call), ops


def unfetched(node: ast.expr) -> ast.expr:
    """``conn.execute(...).fetchall()`` (``.all()``, ``.mappings()``): the call whose rows it
    hands on; any other node as it is."""
    while isinstance(node, ast.Call) and not node.args and isinstance(node.func, ast.Attribute) \
            and node.func.attr in FETCHES:
        node = node.func.value
    return node


def row_source(call: ast.expr, ops: list[Op], scope: dict
               ) -> tuple[Op, list[tuple[str | None, set[Ref]]]] | None:
    """The read a loop's rows come from (among ``ops``, those its ``iter`` ran) and each
    output column of its rows: one SELECT in SQL, or the whole rows of one declared table
    read with Core or a session (``session.query(t)``, ``conn.execute(t.select())``); None
    when not known."""
    if not isinstance(call, ast.Call) or not call.args:
        return None
    reads = [o for o in ops if o.name == "read" and o.via == "sql"]
    if len(reads) == 1:
        sql = evaluate(call.args[0], scope)
        targets = select_targets(sql) if isinstance(sql, str) else None
        return None if targets is None else (reads[0], targets)
    reads = [o for o in ops if o.name == "read" and o.via == "core"]
    table = whole_rows(call, scope) if len(reads) == 1 and not reads[0].tested else None
    if table is None:
        return None
    return reads[0], [(c, {(table.name, c)}) for c in table.columns]

WRITES_SQL = re.compile(r"\b(update|insert)\b", re.I)


def stores(body: list[ast.stmt], scope: dict,
           origins: dict[str, frozenset[str] | None] | None = None) -> frozenset[str]:
    """The names a loop's body may set, lower case: attributes assigned (``row.x = ...``,
    an ORM object), keyword arguments (``values(x=...)``, ``Model(x=...)``), string keys of
    dicts (``values({"x": ...})``, bound parameters) and the words of SQL that writes
    (written in the loop, or bound to a name it uses, or to the items of a list of SQL
    built before it: ``origins``, the words each name was made from)."""
    found: set[str] = set()
    reads = {id(p) for statement in body for n in ast.walk(statement) if _reads_only(n, scope)
             for p in [n, *n.args[1:]]}  # type: ignore[attr-defined]
    for node in (n for statement in body for n in ast.walk(statement)):
        if id(node) in reads:
            continue  # conn.execute("SELECT ... WHERE id = :id", id=x): a parameter, no store
        made = (origins or {}).get(node.id) if isinstance(node, ast.Name) else None
        if made and made & {"update", "insert"}:
            found |= made  # SQL that writes, built before the loop
        if isinstance(node, ast.Name) and isinstance(scope.get(node.id), str):
            node = ast.Constant(scope[node.id])
        if isinstance(node, (ast.Assign, ast.AugAssign, ast.AnnAssign)):
            targets = node.targets if isinstance(node, ast.Assign) else [node.target]
            found |= {t.attr.lower() for t in targets if isinstance(t, ast.Attribute)}
            found |= {t.slice.value.lower() for t in targets if isinstance(t, ast.Subscript)
                      and isinstance(t.slice, ast.Constant) and isinstance(t.slice.value, str)}
        elif isinstance(node, ast.Call):
            found |= {k.arg.lower() for k in node.keywords if k.arg}
            if isinstance(node.func, ast.Name) and node.func.id == "setattr" \
                    and len(node.args) > 1 and isinstance(node.args[1], ast.Constant):
                found.add(str(node.args[1].value).lower())
        elif isinstance(node, ast.Dict):
            found |= {k.value.lower() for k in node.keys
                      if isinstance(k, ast.Constant) and isinstance(k.value, str)}
        elif isinstance(node, ast.Constant) and isinstance(node.value, str) \
                and WRITES_SQL.search(node.value):
            found |= {w.lower() for w in re.findall(r"[A-Za-z_][A-Za-z0-9_]*", node.value)}
    return frozenset(found)


def _reads_only(node: ast.AST, scope: dict) -> bool:
    """An execute() of SQL that writes nothing (a SELECT, a DELETE), or a dict of its
    bound parameters: the names it is given are parameters, not stores."""
    if isinstance(node, ast.Call) and getattr(node.func, "attr", "") in EXECUTES and node.args:
        sql = evaluate(node.args[0], scope)
        return isinstance(sql, str) and not WRITES_SQL.search(sql)
    return False


def row_only(loop: ast.For | ast.AsyncFor, scope: dict, made: Provenance
             ) -> tuple[str, frozenset[str]] | None:
    """A loop over the whole rows of one declared table (``for r in conn.execute(t.select())``):
    that table's name and the names its body reads only as attributes of the row (``r.x``,
    and nowhere else): those are the table's own columns, never a column of the same name
    in another table. None for any other loop, or when the body binds the row's name again."""
    target = loop.target
    table = whole_rows(loop.iter, scope)
    if table is None or not isinstance(target, ast.Name):
        return None
    body = [n for statement in loop.body for n in ast.walk(statement)]
    if any(isinstance(n, ast.Name) and n.id == target.id and isinstance(n.ctx, ast.Store)
           for n in body):
        return None
    attributes = {n.attr.lower() for n in body if isinstance(n, ast.Attribute)
                  and isinstance(n.value, ast.Name) and n.value.id == target.id}
    stripped = _RowStripper(target.id).visit(ast.Module(
        body=[copy.deepcopy(s) for s in loop.body], type_ignores=[]))
    elsewhere = set(mentions(stripped, scope))
    bound = {n.id for n in body if isinstance(n, ast.Name) and isinstance(n.ctx, ast.Store)}
    for name in {n.id for n in body if isinstance(n, ast.Name)} - bound:
        if name in made.origins:  # made before the loop: what it was made from counts
            origin = made.origins[name]
            if origin is None:
                return None
            elsewhere |= origin
    return table.name.rpartition(".")[2].lower(), frozenset(attributes - elsewhere)


class _RowStripper(ast.NodeTransformer):
    """``r.x`` -> ``r``: the body as it reads without the row's own columns."""

    def __init__(self, row: str) -> None:
        self.row = row

    def visit_Attribute(self, node: ast.Attribute) -> ast.AST:
        if isinstance(node.value, ast.Name) and node.value.id == self.row:
            return node.value
        return self.generic_visit(node)
