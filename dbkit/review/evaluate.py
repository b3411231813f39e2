"""Python expressions of a revision file, evaluated statically (nothing is run).

What a revision passes to ``op.execute`` or ``connection.execute`` may be a string literal, a name bound
to one, an f-string, ``sa.text(...)``, or a SQLAlchemy Core statement built on a ``sa.table(...)`` declared
in the file: ``t.update().values(new=t.c.old)``, ``t.insert().from_select(...)``, ``sa.select(t.c.a)``.
:func:`evaluate` gives what such an expression stands for.
"""

from __future__ import annotations

import ast
from collections.abc import Callable, Mapping
from dataclasses import dataclass, field, replace
from string import Template

from dbkit.review import records, sqlfiles
from dbkit.review.convnames import conv_name
from dbkit.review.ops import UNKNOWN, ColumnInfo, Ref
from dbkit.review.textwhere import text_where


@dataclass(frozen=True)
class Table:
    """``sa.table("recruits", sa.column("chatname"))``, ``sa.Table(...)``."""

    name: str
    columns: Mapping[str, ColumnInfo] = field(default_factory=dict)


@dataclass(frozen=True)
class Columns:
    """An expression over columns (``t.c.old``, ``sa.func.lower(t.c.a) + "x"``)."""

    refs: frozenset[Ref]


@dataclass(frozen=True)
class Core:
    """A Core statement: update, insert, select or delete, with what it reads and fills."""

    kind: str
    table: str | None
    reads: frozenset[Ref] = frozenset()
    writes: frozenset[Ref] = frozenset()
    compared: frozenset[str] = frozenset()  # columns its where() compares (NULL never matches)
    tested: frozenset[Ref] = frozenset()  # columns its where() reads
    where: str = ""  # a delete's where(), as written
    null_tested: frozenset[Ref] = frozenset()  # columns its where() only tests for NULL

    def only_tested(self) -> frozenset[Ref]:
        """The columns its where() only tests for NULL, compares with nothing (onyx a5370af8f8a0:
        ``a == other.c.name, a.is_not(None)`` carries a) and its values() do not read."""
        return frozenset(r for r in self.null_tested - self.reads if r[1] not in self.compared)

    def carried(self) -> frozenset[Ref]:
        """What an update's where() carries into the columns it sets, as SQL's WHERE does
        (``pgsql._update``): every column it reads when it joins other tables (``UPDATE ...
        FROM``: ``t.c.owner_id == o.c.id``), else those it does not write (``.where(t.c.confirmed
        .is_(True)).values(status=2)``: confirmed lives on in status)."""
        if any(t != self.table for t, _ in self.tested):
            return self.tested
        written = {c for _, c in self.writes}
        return frozenset(r for r in self.tested if r[1] not in written)


@dataclass(frozen=True)
class Mapped:
    """An ORM class the file declares (``class User(Base): __tablename__ = "users"``): code
    that uses it may touch that table."""

    table: str


def mapped_class(node: ast.ClassDef) -> Mapped | None:
    for statement in node.body:
        if isinstance(statement, ast.Assign) and len(statement.targets) == 1 \
                and isinstance(statement.targets[0], ast.Name) \
                and statement.targets[0].id == "__tablename__" \
                and isinstance(statement.value, ast.Constant) \
                and isinstance(statement.value.value, str):
            return Mapped(statement.value.value)
    return None


def made_class(namespace: ast.Dict) -> Mapped | object:
    """A class made at run time (airunner 01b52e38f588's ``type("_T", (), {"__tablename__": "t",
    "__table__": sa.Table(...)})``, handed to the project's ``add_table``): its table."""
    names = {k.value: v for k, v in zip(namespace.keys, namespace.values, strict=True)
             if isinstance(k, ast.Constant)}
    table = names.get("__tablename__")
    return Mapped(table.value) if isinstance(table, ast.Constant) and isinstance(
        table.value, str) else UNKNOWN


@dataclass(frozen=True)
class Deferred:
    """``name = lambda a, b: expr`` (positional parameters only): a call of ``name(x, y)``
    stands for ``expr`` with ``a`` bound to ``x`` and ``b`` to ``y``."""

    params: tuple[str, ...]
    body: ast.expr


def expanded(node: ast.expr, scope: Mapping[str, object]) -> tuple[ast.expr, Mapping[str, object]]:
    """``f(x)`` where ``f = lambda a: expr``: ``expr``, and the scope with ``a`` bound to what
    ``x`` is; any other node as it is, in its scope."""
    if isinstance(node, ast.Call) and isinstance(node.func, ast.Name) and not node.keywords:
        bound = scope.get(node.func.id)
        if isinstance(bound, Deferred) and len(node.args) == len(bound.params):
            given = {p: evaluate(a, scope) for p, a in zip(bound.params, node.args, strict=True)}
            return bound.body, {**scope, **given} if given else scope
    return node, scope


class Bind:
    """``op.get_bind()``, a connection, a session: something that executes."""


BIND = Bind()
# calls that make a session or a connection (or a factory of sessions)
SESSIONS = ("connect", "Session", "session", "sessionmaker", "scoped_session")
TABLE_FACTORIES = ("table", "Table", "create_table")  # op.create_table returns its Table
COLUMN_FACTORIES = ("column", "Column")
CORE_METHODS = ("update", "insert", "select", "delete")
SERIAL_TYPES = ("Integer", "INTEGER", "BigInteger", "BIGINT", "SmallInteger", "SMALLINT")


def func_name(call: ast.Call) -> str | None:
    if isinstance(call.func, ast.Attribute):
        return call.func.attr
    if isinstance(call.func, ast.Name):
        return call.func.id
    return None


def column_info(node: ast.expr, scope: Mapping[str, object]) -> ColumnInfo | None:
    """``sa.Column("name", sa.String(100), nullable=False, server_default=...)``."""
    node, scope = expanded(node, scope)
    if isinstance(node, ast.Name) and isinstance(scope.get(node.id), ColumnInfo):  # (crossing.py)
        return scope[node.id]  # type: ignore[return-value]
    if not (isinstance(node, ast.Call) and func_name(node) in COLUMN_FACTORIES and node.args):
        return None
    name = evaluate(node.args[0], scope)
    if not isinstance(name, str):
        return None
    kw = {k.arg: k.value for k in node.keywords if k.arg}
    spread = len(kw) < len(node.keywords)  # **kwargs, not followed: it may hold either below
    types = [t.func if isinstance(t, ast.Call) else t for t in [*node.args[1:2], *
             ([kw["type_"]] if "type_" in kw else [])]]  # the second argument, else type_=
    type_ = next((n for t in types if (n := t.attr if isinstance(t, ast.Attribute)
                                       else getattr(t, "id", None))), None)
    primary = evaluate(kw.get("primary_key"), scope) is True
    nullable = evaluate(kw.get("nullable"), scope) if "nullable" in kw else spread or not primary
    server_default = evaluate(kw["server_default"], scope) is not None if "server_default" in kw \
        else spread  # (truelive_backend 014 passes server_default="system" so, held-out53)
    identity = any(isinstance(a, ast.Call) and func_name(a) in ("Identity", "Sequence")
                   for a in node.args[1:])
    serial = primary and type_ in SERIAL_TYPES and evaluate(
        kw.get("autoincrement"), scope) is not False  # SERIAL: a sequence fills every row
    generated = any(evaluate(a, scope) is GENERATED for a in node.args[1:])
    server_default = server_default or identity or serial or generated
    return ColumnInfo(name, type_, nullable is not False, server_default, generated, primary)


def refs_in(node: ast.AST, scope: Mapping[str, object]) -> frozenset[Ref]:
    """Every column an expression mentions (``t.c.x``, ``t.c["x"]``, names bound to those)."""
    found: set[Ref] = set()
    for child in ast.walk(node):
        if isinstance(child, (ast.Attribute, ast.Subscript, ast.Name)):
            value = _column_ref(child, scope)
            if isinstance(value, Columns):
                found |= value.refs
            elif isinstance(value, Core) and value.kind == "select":
                found |= value.reads
    return frozenset(found)


def _column_ref(node: ast.expr, scope: Mapping[str, object]) -> object:
    if isinstance(node, ast.Name):
        value = scope.get(node.id, UNKNOWN)
        return value if isinstance(value, (Columns, Core)) else UNKNOWN
    if isinstance(node, ast.Attribute):
        owner = node.value
        if isinstance(owner, ast.Attribute) and owner.attr in ("c", "columns"):
            table = evaluate(owner.value, scope)
            if isinstance(table, Table):
                return Columns(frozenset({(table.name, node.attr)}))
    if isinstance(node, ast.Subscript) and isinstance(node.value, ast.Attribute) \
            and node.value.attr in ("c", "columns"):
        table = evaluate(node.value.value, scope)
        key = evaluate(node.slice, scope)
        if isinstance(table, Table) and isinstance(key, str):
            return Columns(frozenset({(table.name, key)}))
    return UNKNOWN


def _reads_of(value: object) -> frozenset[Ref]:
    if isinstance(value, Table):
        return _whole(value)
    if isinstance(value, Columns):
        return value.refs
    if isinstance(value, Core):
        return value.reads
    if isinstance(value, tuple):
        return frozenset(r for v in value for r in _reads_of(v))
    return frozenset()


def evaluate(node: ast.expr | None, scope: Mapping[str, object]) -> object:
    """What the expression stands for: a literal, a Table, Columns, a Core statement, BIND,
    or UNKNOWN. op.f("x") and sa.text("x") are "x" (convnames.py); an f-string's unknown parts read "{}"."""
    if node is None:
        return UNKNOWN
    if isinstance(node, ast.Constant):
        return node.value
    if isinstance(node, ast.Name):
        return scope.get(node.id, UNKNOWN)
    if isinstance(node, (ast.Tuple, ast.List)):
        return tuple(evaluate(e, scope) for e in node.elts)
    if isinstance(node, (ast.Dict, ast.Subscript, ast.Call)) and records.applies(node, scope):
        return records.value(node, scope, evaluate)  # {"k": "x"}, d["k"], d.items()
    if isinstance(node, ast.JoinedStr):
        return _fstring(node, scope)
    if isinstance(node, ast.IfExp):
        return _schema_prefix(node, scope)
    if isinstance(node, ast.BinOp):
        return _binop(node, scope)
    if isinstance(node, ast.Subscript) and isinstance(node.value, ast.Attribute) \
            and node.value.attr == "tables":  # metadata.tables["t"], reflected
        key = evaluate(node.slice, scope)
        return Table(key) if isinstance(key, str) else UNKNOWN
    if isinstance(node, ast.Attribute) and node.attr == "parent":
        return sqlfiles.attribute(evaluate(node.value, scope), node.attr)
    if isinstance(node, ast.Attribute) and node.attr == "__tablename__":
        owner = evaluate(node.value, scope)  # Model.__tablename__, Model an ORM class
        return owner.table if isinstance(owner, Mapped) else UNKNOWN
    if isinstance(node, (ast.Attribute, ast.Subscript)):
        return _column_ref(node, scope)
    if isinstance(node, ast.Call):
        return _call(node, scope)
    if isinstance(node, ast.Lambda) and not (node.args.posonlyargs or node.args.vararg
                                             or node.args.kwonlyargs or node.args.kwarg
                                             or node.args.defaults):
        return Deferred(tuple(a.arg for a in node.args.args), node.body)
    return UNKNOWN


def _binop(node: ast.BinOp, scope: Mapping[str, object]) -> object:
    left, right = evaluate(node.left, scope), evaluate(node.right, scope)
    if isinstance(node.op, ast.Add) and isinstance(left, str) and isinstance(right, str):
        return left + right
    if isinstance(node.op, ast.Div) and isinstance(left, sqlfiles.FilePath):
        return sqlfiles.joined(left, right)  # Path(__file__).parent / "x.sql"
    if isinstance(node.op, ast.Mod) and isinstance(left, str) and "%(" in left \
            and isinstance(node.right, ast.Dict):
        named = {evaluate(k, scope): evaluate(v, scope) for k, v in zip(  # "%(t)s" % {"t": t}
            node.right.keys, node.right.values, strict=True) if k is not None}
        if len(named) == len(node.right.keys) and all(
                isinstance(x, str) for x in [*named, *named.values()]):
            try:
                return left % named
            except (KeyError, TypeError, ValueError):
                return left
        return left
    if isinstance(node.op, ast.Mod) and isinstance(left, str):
        values = right if isinstance(right, tuple) else (right,)
        if all(isinstance(v, str) for v in values) and left.count("%s") == len(values):
            return left % values
        return left
    refs = refs_in(node, scope)
    return Columns(refs) if refs else UNKNOWN


def _schema_prefix(node: ast.IfExp, scope: Mapping[str, object]) -> object:
    """``schema + "." if schema else ""`` (rucio's version_table_schema): a schema prefix the
    reviewer cannot know reads as "", the chain's own schema (as ``public.t`` is ``t``)."""
    body = node.body
    if isinstance(body, ast.BinOp) and isinstance(body.op, ast.Add) \
            and evaluate(body.right, scope) == "." and evaluate(node.orelse, scope) == "":
        return ""
    return UNKNOWN


def _fstring(node: ast.JoinedStr, scope: Mapping[str, object]) -> str:
    parts = []
    for v in node.values:
        if isinstance(v, ast.Constant):
            parts.append(str(v.value))
        else:
            inner = evaluate(v.value, scope) if isinstance(v, ast.FormattedValue) else UNKNOWN
            parts.append(inner if isinstance(inner, str) else "{}")
    return "".join(parts)


class _Generated:
    """What ``sa.Computed(...)`` stands for (a column's GENERATED ALWAYS AS), bound to a name
    or written in the column."""


GENERATED = _Generated()

PASS_THROUGH = ("f", "conv", "text", "quoted_name", "literal_column", "DDL", "dedent", "str", "Template")
# Methods of a SQL string or text() that leave its SQL as it is.
SAME_SQL = ("params", "bindparams", "columns", "execution_options", "strip", "lstrip",
            "rstrip")


@dataclass(frozen=True)
class Returns:
    """A function of the revision whose body is one ``return <expression>`` (a docstring
    aside), after assignments of names only (``sql = f"... {column}"``, then ``return sql``): a
    call of it stands for that expression with its parameters bound to the call's arguments, or
    to their defaults (0095's ``get_values_if_flag("letter", "can_send_letters")`` builds the
    SQL)."""

    function: ast.FunctionDef
    steps: tuple[tuple[str, ast.expr], ...] = ()  # the names it binds before the return

    @staticmethod
    def of(function: ast.FunctionDef) -> Returns | None:
        body = [s for s in function.body if not (isinstance(s, ast.Expr) and isinstance(
            s.value, ast.Constant) and isinstance(s.value.value, str))]
        arguments = function.args
        plain = not (arguments.vararg or arguments.kwarg or arguments.kwonlyargs
                     or arguments.posonlyargs or function.decorator_list)
        steps = [(s.targets[0].id, s.value) for s in body[:-1] if isinstance(s, ast.Assign)
                 and len(s.targets) == 1 and isinstance(s.targets[0], ast.Name)]
        single = bool(body) and len(steps) == len(body) - 1 and isinstance(body[-1], ast.Return) \
            and body[-1].value is not None
        return Returns(function, tuple(steps)) if plain and single else None

    def call(self, node: ast.Call, scope: Mapping[str, object]) -> object:
        names = [a.arg for a in self.function.args.args]
        given = [evaluate(a, scope) for a in node.args]
        named = {k.arg: evaluate(k.value, scope) for k in node.keywords if k.arg in names}
        defaults = self.function.args.defaults
        for param, default in zip(names[len(names) - len(defaults):], defaults, strict=True):
            if param not in named and names.index(param) >= len(given):
                named[param] = evaluate(default, scope)
        if len(given) + len(named) != len(names) or not {k.arg for k in node.keywords} <= set(names) \
                or set(names[:len(given)]) & named.keys():
            return UNKNOWN  # *args, too many: not followed
        bound = {**scope, self.function.name: UNKNOWN,  # no recursion
                 **dict(zip(names, given, strict=False)), **named}
        for name, value in self.steps:
            bound[name] = evaluate(value, bound)
        return evaluate(self.function.body[-1].value, bound)  # type: ignore[attr-defined]


def _call(node: ast.Call, scope: Mapping[str, object]) -> object:
    body, local = expanded(node, scope)
    if body is not node:  # a lambda of the file, called
        return evaluate(body, local)
    name = func_name(node)
    helper = scope.get(node.func.id) if isinstance(node.func, ast.Name) else None
    if isinstance(helper, Returns):
        return helper.call(node, scope)
    if name == "Computed":
        return GENERATED
    if name == "type" and len(node.args) == 3 and isinstance(node.args[2], ast.Dict):
        return made_class(node.args[2])  # type("X", (), {"__tablename__": "t", ...})
    if name in PASS_THROUGH and node.args:
        value = evaluate(node.args[0], scope)
        return conv_name(value) if name in ("f", "conv") else value  # op.f: as SQLAlchemy sends it
    if name in TABLE_FACTORIES and node.args:
        return _table(node, scope)
    if name == "get_bind" or name in SESSIONS or isinstance(helper, Bind):
        return BIND  # Session = sessionmaker(); Session(bind=...): a session, as good
    receiver = evaluate(node.func.value, scope) if isinstance(node.func, ast.Attribute) \
        else None
    for kind, handler in RECEIVERS:
        if isinstance(receiver, kind):
            found = handler(receiver, name, node, scope)
            if found is not UNKNOWN:
                return found
    if name in sqlfiles.READS + sqlfiles.PATHS:  # a SQL file of the project, read
        found = sqlfiles.call(name, _dotted(node.func), receiver,
                              [evaluate(a, scope) for a in node.args], scope)
        if found is not UNKNOWN:
            return found
    if name in CORE_METHODS and node.args and not isinstance(receiver, (Table, Core, str)):
        return _core_function(name, node, scope)
    refs = refs_in(node, scope)
    return Columns(refs) if refs else UNKNOWN


def _dotted(node: ast.expr) -> list[str]:
    if isinstance(node, ast.Attribute):
        return [*_dotted(node.value), node.attr]
    return [node.id] if isinstance(node, ast.Name) else []


def _table(node: ast.Call, scope: Mapping[str, object]) -> object:
    """``sa.table("t", sa.column("a"))``, ``sa.Table("t", meta, autoload_with=bind)``."""
    table = evaluate(node.args[0], scope)
    if not isinstance(table, str):
        return UNKNOWN
    columns = {c.name: c for c in (column_info(a, scope) for a in node.args[1:]) if c}
    schema = next((evaluate(k.value, scope) for k in node.keywords if k.arg == "schema"), None)
    return Table(f"{schema}.{table}" if isinstance(schema, str) else table, columns)


def _on_string(receiver: str, name: str | None, node: ast.Call,
               scope: Mapping[str, object]) -> object:
    if name in ("format", "substitute"):  # (string.Template(sql) is its SQL: pt-edge 077)
        values = [evaluate(a, scope) for a in node.args]
        named = {k.arg: evaluate(k.value, scope) for k in node.keywords if k.arg}
        if not all(isinstance(v, str) for v in [*values, *named.values()]) or name != "format" and values:
            return receiver if name == "format" else UNKNOWN
        try:
            return receiver.format(*values, **named) if name == "format" \
                else Template(receiver).substitute(**named)
        except (IndexError, KeyError, ValueError, TypeError):
            return receiver if name == "format" else UNKNOWN
    if name in SAME_SQL:
        return receiver.strip() if name and name.endswith("strip") else receiver
    if name == "replace" and len(node.args) == 2 and not node.keywords:
        old, new = (evaluate(a, scope) for a in node.args)  # name.replace('"', '""'): quoting
        return receiver.replace(old, new) if isinstance(old, str) and isinstance(new, str) \
            else UNKNOWN
    if name == "join" and len(node.args) == 1:  # ", ".join(columns): a tuple of names
        parts = evaluate(node.args[0], scope)
        if isinstance(parts, tuple) and all(isinstance(p, str) for p in parts):
            return receiver.join(parts)
    return UNKNOWN


def _on_table(receiver: Table, name: str | None, node: ast.Call,
              scope: Mapping[str, object]) -> object:
    return _core(name, receiver, node, scope) if name in CORE_METHODS else UNKNOWN


def _on_core(receiver: Core, name: str | None, node: ast.Call,
             scope: Mapping[str, object]) -> object:
    return _chain(receiver, name, node, scope)


def _on_bind(receiver: Bind, name: str | None, node: ast.Call,
             scope: Mapping[str, object]) -> object:
    if name == "query":
        return Core("select", None, reads=frozenset(
            r for a in node.args for r in _reads_of(evaluate(a, scope))))
    return UNKNOWN


RECEIVERS: tuple[tuple[type, Callable[..., object]], ...] = (
    (str, _on_string), (Table, _on_table), (Core, _on_core), (Bind, _on_bind))


def _core_function(name: str, node: ast.Call, scope: Mapping[str, object]) -> object:
    """``sa.select(...)``, ``update(t)``, ``sqlalchemy.insert(t)``."""
    if name == "select":
        return Core("select", None, reads=frozenset(
            r for a in node.args for r in _reads_of(evaluate(a, scope))) | refs_in(node, scope))
    target = evaluate(node.args[0], scope)
    if isinstance(target, Table | Mapped):  # update(t), update(Model): Model's table
        return Core(name, target.name if isinstance(target, Table) else target.table)
    return UNKNOWN


def _whole(table: Table) -> frozenset[Ref]:
    """What reading a whole table object reads: its declared columns, or every column."""
    if table.columns:
        return frozenset((table.name, c) for c in table.columns)
    return frozenset({(table.name, "*")})


def _core(kind: str | None, table: Table, node: ast.Call, scope: Mapping[str, object]) -> Core:
    if kind == "select":
        return Core("select", table.name, reads=_whole(table))
    stmt = Core(kind or "", table.name)
    if kind not in ("delete", "update"):
        return stmt
    # SQLAlchemy 1.x: ``t.delete(whereclause)``, ``t.update(whereclause, values)`` (mwdb)
    given = dict(zip(("whereclause", "values"), node.args, strict=False))
    given.update({k.arg: k.value for k in node.keywords if k.arg in ("whereclause", "values")})
    if given.get("whereclause") is not None and not _is_null(given["whereclause"]):
        stmt = _chain(stmt, "where", ast.Call(node.func, [given["whereclause"]], []), scope)
    if kind == "update" and given.get("values") is not None:
        stmt = _chain(stmt, "values", ast.Call(node.func, [given["values"]], []), scope)
    return stmt


def _chain(stmt: Core, method: str | None, node: ast.Call, scope: Mapping[str, object]) -> Core:
    """``stmt.values(...)``, ``.from_select(...)``, ``.where(...)``: the statement grown."""
    if method == "values":
        writes, reads = set(stmt.writes), set(stmt.reads)
        pairs: list[tuple[object, ast.expr]] = [(k.arg, k.value) for k in node.keywords if k.arg]
        for arg in node.args:
            if isinstance(arg, ast.Dict):
                pairs += [(evaluate(k, scope), v) for k, v in zip(arg.keys, arg.values, strict=True) if k]
        for key, value in pairs:
            if isinstance(key, Columns) and len(key.refs) == 1:  # values({t.c.status: 2})
                key = next(iter(key.refs))[1]
            if isinstance(key, str) and stmt.table:
                writes.add((stmt.table, key))
            reads |= refs_in(value, scope) | _bare_columns(value, scope, stmt.table)
        if not pairs and stmt.table:  # values(rows) of an insert: every column
            writes.add((stmt.table, "*"))
        return replace(stmt, reads=frozenset(reads), writes=frozenset(writes))
    if method == "from_select" and node.args:
        names = evaluate(node.args[0], scope)
        select = evaluate(node.args[1], scope) if len(node.args) > 1 else UNKNOWN
        cols = [n if isinstance(n, str) else "*" for n in names] \
            if isinstance(names, tuple) else ["*"]
        return replace(stmt, reads=stmt.reads | _reads_of(select),
                       writes=stmt.writes | {(stmt.table, c) for c in cols if stmt.table})
    if stmt.kind == "select" and method in ("add_columns", "with_only_columns"):
        return Core(stmt.kind, stmt.table, stmt.reads | refs_in(node, scope), stmt.writes)
    if stmt.kind == "update" and method == "where":
        texts = [text_where(s, stmt.table) for s in (evaluate(a, scope) for a in node.args)
                 if isinstance(s, str)]  # where(sa.text("flag = true")): its SQL's columns
        return replace(stmt, compared=stmt.compared | _compared(node, scope),
                       tested=stmt.tested | refs_in(node, scope).union(*(t for t, _ in texts)),
                       null_tested=stmt.null_tested | _null_tested(node, scope).union(
                           *(n for _, n in texts)))
    if stmt.kind == "delete" and method in ("where", "filter", "returning"):
        where = ast.unparse(node.args[0]) if method != "returning" and node.args else ""
        return replace(stmt, kind="delete some",  # some rows only (or rows it hands on)
                       where=" AND ".join(w for w in (stmt.where, where) if w))
    return stmt  # where(), order_by(), returning(), ...: same data


def _bare_columns(value: ast.expr, scope: Mapping[str, object],
                  table: str | None) -> frozenset[Ref]:
    """The columns a value of an update names by ``sa.column("x")`` / ``sa.Column("x", ...)``
    (or a ``lambda`` returning one): columns of the table it updates (gnocchi:
    ``t.update().values(creator=user_col() + ":" + project_col())``)."""
    found: set[Ref] = set()
    for child in ast.walk(value) if table else ():
        if isinstance(child, ast.Call):
            column = column_info(child, scope)
            if column is not None and column.name:
                found.add((table, column.name))
    return frozenset(found)


def _compared(node: ast.Call, scope: Mapping[str, object]) -> frozenset[str]:
    """The columns ``where(t.c.a == x, t.c.b != y)`` compares with ``==``, ``!=``, ``<``...: a row
    whose column is NULL matches none of them (``is_()`` / ``is_not_distinct_from`` are not
    comparisons, nor ``t.c.a == None`` or ``== sa.null()``: SQLAlchemy writes ``a IS NULL``)."""
    found: set[str] = set()
    for arg in node.args:
        if not isinstance(arg, ast.Compare) or any(
                _is_null(side) for side in (arg.left, *arg.comparators)):
            continue
        for side in (arg.left, *arg.comparators):
            value = _column_ref(side, scope)
            if isinstance(value, Columns) and len(value.refs) == 1:
                found |= {c for _, c in value.refs}
    return frozenset(found)


def _null_tested(node: ast.Call, scope: Mapping[str, object]) -> frozenset[Ref]:
    """The columns ``where(t.c.a != sa.null())`` (``== None``, ``.is_(None)``,
    ``.isnot(None)``) only tests for holding a value: the rows it picks keep whether a was
    set, nothing of what it held (digitalmarketplace 910: ``is_a_copy = true WHERE
    copied_from_brief_id IS NOT NULL``, then the drop of copied_from_brief_id)."""
    found: set[Ref] = set()
    for arg in node.args:
        side = None
        if isinstance(arg, ast.Compare) and len(arg.ops) == 1 \
                and isinstance(arg.ops[0], ast.Eq | ast.NotEq | ast.Is | ast.IsNot) \
                and _is_null(arg.comparators[0]):
            side = arg.left
        elif isinstance(arg, ast.Call) and isinstance(arg.func, ast.Attribute) \
                and arg.func.attr in ("is_", "isnot", "is_not") and len(arg.args) == 1 \
                and _is_null(arg.args[0]):
            side = arg.func.value
        value = _column_ref(side, scope) if side is not None else None
        if isinstance(value, Columns) and len(value.refs) == 1:
            found |= value.refs
    return frozenset(found)


def _is_null(node: ast.expr) -> bool:
    """``None`` or ``sa.null()``: compared with ``==``, SQLAlchemy writes ``IS NULL``."""
    return (isinstance(node, ast.Constant) and node.value is None) or (
        isinstance(node, ast.Call) and func_name(node) == "null" and not node.args)


def grown_list(call: ast.expr, scope: Mapping[str, object],
               certain: bool) -> tuple[str, object] | None:
    """``names.append("t")`` / ``names.extend(("a", "b"))`` on a list of constants bound to
    a name: (the name, the list grown), so a loop over it is unrolled; the list is unknown
    when what is added is, or when the call is not ``certain`` to run once (under an ``if``,
    or in a loop the reviewer cannot unroll). None for any other call."""
    if not (isinstance(call, ast.Call) and isinstance(call.func, ast.Attribute)
            and isinstance(call.func.value, ast.Name)
            and call.func.attr in ("append", "extend") and len(call.args) == 1):
        return None
    name = call.func.value.id
    known = scope.get(name)
    if not isinstance(known, tuple):
        return None
    value = evaluate(call.args[0], scope)
    grown = (value,) if call.func.attr == "append" else value
    if certain and isinstance(grown, tuple) and all(v is not UNKNOWN for v in grown):
        return name, known + grown
    return name, UNKNOWN
