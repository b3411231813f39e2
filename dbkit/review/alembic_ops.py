"""Alembic's ``op.*`` calls as the reviewer reads them: their parameters, and what each
kind of call tells about the table, column, constraint or rows it touches."""

from __future__ import annotations

import ast
from collections.abc import Iterator, Mapping, Sequence

from dbkit.review.checkexpr import allowed, condition_sql
from dbkit.review.code import dotted
from dbkit.review.evaluate import column_info, evaluate, func_name
from dbkit.review.ops import UNKNOWN, Op
from dbkit.review.overwrites import retyped_blind
from dbkit.review.records import Record

SIGNATURES = {
    "add_column": ("table_name", "column"),
    "drop_column": ("table_name", "column_name"),
    "alter_column": ("table_name", "column_name"),
    "create_table": ("table_name",),
    "drop_table": ("table_name",),
    "rename_table": ("old_table_name", "new_table_name"),
    "create_unique_constraint": ("constraint_name", "table_name", "columns"),
    "create_foreign_key": ("constraint_name", "source_table", "referent_table", "local_cols",
                           "remote_cols"),
    "create_check_constraint": ("constraint_name", "table_name", "condition"),
    "create_primary_key": ("constraint_name", "table_name", "columns"),
    "drop_constraint": ("constraint_name", "table_name", "type_"),
    "create_index": ("index_name", "table_name", "columns"),
    "drop_index": ("index_name", "table_name"),
    "bulk_insert": ("table", "rows"),
}
TABLE_PARAMS = ("table_name", "source_table", "old_table_name")
CONSTRAINT_OPS = ("create_unique_constraint", "create_foreign_key", "create_check_constraint",
                  "create_primary_key", "drop_constraint")
Imports = Mapping[str, tuple[str, str | None, int]]  # as modules.Module.imports


def _is_op_module(parts: list[str], imports: Imports) -> bool:
    """``parts`` (a dotted receiver) names the module ``alembic.op``: ``op`` (imported, or the
    parameter of ``upgrade(op=None)``), an alias of it (``from alembic import op as o``,
    ``import alembic.op as op2``), or ``alembic.op`` itself (``import alembic``)."""
    if parts == ["op"]:
        return True
    entry = imports.get(parts[0]) if parts else None
    if entry is None or entry[2]:
        return False
    if len(parts) == 1:
        return entry[:2] in (("alembic", "op"), ("alembic.op", None))
    return parts[1:] == ["op"] and entry[:2] == ("alembic", None)


def alembic_op(call: ast.Call, imports: Imports) -> str | None:
    """The operation of Alembic's ``op`` a call runs, however the revision reached it:
    ``op.drop_column(...)``, through an alias or ``alembic.op.drop_column(...)``, or
    ``drop_column(...)`` imported by name (``from alembic.op import drop_column``, which
    Alembic runs exactly like ``op.drop_column``). None for any other call. The one place
    the reviewer decides what ``op.X`` is."""
    func = call.func
    if isinstance(func, ast.Name):
        entry = imports.get(func.id)
        return entry[1] if entry and entry[0] == "alembic.op" and entry[1] and not entry[2] \
            else None
    if isinstance(func, ast.Attribute) and _is_op_module(dotted(func.value), imports):
        return func.attr
    return None


def op_target(call: ast.Call, imports: Imports) -> tuple[str | None, str | None]:
    """The name of the call and what it is called on (``"op"`` for Alembic's op, however
    reached: :func:`alembic_op`; a plain name such as a batch_op alias; else None)."""
    name = alembic_op(call, imports)
    if name is not None:
        return name, "op"
    value = call.func.value if isinstance(call.func, ast.Attribute) else None
    return func_name(call), value.id if isinstance(value, ast.Name) else None


def unpassed(function: ast.FunctionDef) -> dict[str, None]:
    """``{"op": None}`` for ``def upgrade(op=None)``: Alembic calls ``upgrade()`` with no
    argument, so ``op`` is None there (only a project's own runner hands one in, as mindsdb's
    and CTFd's do), and an ``if op is None: return`` ends what ``alembic upgrade`` runs."""
    args = function.args
    defaults = dict(zip([a.arg for a in args.args][-len(args.defaults):] if args.defaults else [],
                        args.defaults, strict=True))
    defaults.update((a.arg, d) for a, d in zip(args.kwonlyargs, args.kw_defaults, strict=True) if d)
    default = defaults.get("op")
    return {"op": None} if isinstance(default, ast.Constant) and default.value is None else {}


def _no_details(op: Op, args: dict, call: ast.Call, scope: dict, batch: bool) -> None:
    pass


def _constraint_details(op: Op, args: dict, call: ast.Call, scope: dict, batch: bool) -> None:
    op.constraint = args.get("constraint_name", args.get("index_name", UNKNOWN))
    keys = args.get("columns", args.get("local_cols"))
    if isinstance(keys, tuple):
        op.keys = tuple(k for k in keys if isinstance(k, str))
    kind = args.get("type_")
    op.constraint_type = kind if op.name == "drop_constraint" and isinstance(kind, str) else None
    if op.name == "create_index" and evaluate(next(
            (k.value for k in call.keywords if k.arg == "unique"), None), scope) is True \
            and not any(str(k.arg).endswith("_where") for k in call.keywords):  # (a partial one)
        op.uniques = ((op.constraint if isinstance(op.constraint, str) else None, op.keys),)
    if op.name == "create_check_constraint":
        op.checks = _check(op.constraint, call, 1 if batch else 2, scope)
    if op.name == "create_foreign_key":
        op.references = ((op.keys, _referent(args)),)
        ondelete = args.get("ondelete")
        op.cascades_from = op.references[0][1] if isinstance(ondelete, str) \
            and ondelete.upper() == "CASCADE" else None
        remote = args.get("remote_cols")
        if isinstance(remote, (list, tuple)) and all(isinstance(c, str) for c in remote) \
                and op.keys and op.references[0][1] != "?" and _checked_now(call, scope):
            op.enforced = ((op.keys, op.references[0][1], tuple(remote)),)


def _add_column_details(op: Op, args: dict, call: ast.Call, scope: dict, batch: bool) -> None:
    node = args.get("column")
    op.added = column_info(node, scope) if isinstance(node, ast.expr) else None
    op.column = op.added.name if op.added else None
    if op.added and isinstance(node, ast.expr):  # sa.Column(..., sa.ForeignKey(...))
        op.references = tuple((c, p) for c, p, _ in _references([node], scope))
        op.enforced = tuple(_enforced([node], scope))
        op.uniques = tuple(_uniques([node], scope))  # (a unique=True: dialect.py)


def _column_details(op: Op, args: dict, call: ast.Call, scope: dict, batch: bool) -> None:
    column = args.get("column_name")
    op.column = column if isinstance(column, str) else None
    new = args.get("new_column_name")
    op.new_name = new if isinstance(new, str) else None
    nullable = args.get("nullable")
    op.nullable = nullable if isinstance(nullable, bool) else None
    op.if_exists = args.get("if_exists") is True  # drop_column(..., if_exists=True)
    if op.name == "alter_column":  # type_=..., postgresql_using="gen_random_uuid()"
        op.clears = retyped_blind(op.column, args.get("postgresql_using"))
    if op.nullable is False and args.get("existing_nullable") is False:
        op.nullable = None  # NOT NULL already: nothing changes
    kept = next((k.value for k in call.keywords if k.arg == "existing_server_default"), None)
    if kept is not None and not (isinstance(kept, ast.Constant) and kept.value in (None, False)):
        op.had_default = ast.unparse(kept)  # (defaults.py)


TABLE_ITEMS = ("PrimaryKeyConstraint", "ForeignKeyConstraint", "UniqueConstraint",
               "CheckConstraint", "Index")


def _create_table_details(op: Op, args: dict, call: ast.Call, scope: dict, batch: bool) -> None:
    rest = call.args[1:] if not batch else call.args
    op.columns = {c.name: c for c in (column_info(a, scope) for a in rest) if c}
    op.whole = not any(k.arg is None for k in call.keywords) and all(
        column_info(a, scope) or (isinstance(a, ast.Call) and func_name(a) in TABLE_ITEMS)
        for a in rest)
    for arg in rest:  # sa.PrimaryKeyConstraint("id"): its columns are NOT NULL
        if isinstance(arg, ast.Call) and func_name(arg) == "PrimaryKeyConstraint":
            for key in (evaluate(a, scope) for a in arg.args):
                if isinstance(key, str) and key in op.columns:
                    op.columns[key].nullable, op.columns[key].primary = False, True
    op.links = tuple(_links(rest, scope))
    for arg in rest:  # sa.CheckConstraint("num_nonnulls(a, b) = 1", name="one_of")
        if isinstance(arg, ast.Call) and func_name(arg) == "CheckConstraint":
            name = next((evaluate(k.value, scope) for k in arg.keywords if k.arg == "name"), None)
            op.checks += _check(name, arg, 0, scope, "sqltext")
    op.enforced = tuple(_enforced(rest, scope))
    op.uniques = tuple(_uniques(rest, scope))
    for columns, parent, cascade in _references(rest, scope):
        op.references += ((columns, parent),)
        for column in columns:
            if cascade and column in op.columns:
                op.columns[column].cascades_from = parent


def _check(name: object, call: ast.Call, at: int, scope: dict, keyword: str = "condition"
           ) -> tuple[tuple[object, tuple[str, ...], frozenset[tuple[bool, ...]]], ...]:
    """The check's (name, columns, null patterns allowed), when its condition (argument
    ``at``, or ``keyword``) tests columns for NULL and it is validated (no NOT VALID)."""
    node = call.args[at] if len(call.args) > at else next(
        (k.value for k in call.keywords if k.arg == keyword), None)
    if any(k.arg == "postgresql_not_valid" and evaluate(k.value, scope) is not False
           for k in call.keywords):
        return ()
    found = allowed(sql) if (sql := condition_sql(node, scope)) else None
    return ((name, *found),) if found else ()


def _links(rest: Sequence[ast.expr], scope: dict) -> Iterator[tuple[str, ...]]:
    """The columns of each foreign key of a create_table's arguments."""
    for arg in rest:
        if not isinstance(arg, ast.Call):
            continue
        if func_name(arg) == "ForeignKeyConstraint" and arg.args:
            columns = evaluate(arg.args[0], scope)
            if isinstance(columns, (list, tuple)) and columns \
                    and all(isinstance(c, str) for c in columns):
                yield tuple(columns)
        elif any(isinstance(a, ast.Call) and func_name(a) == "ForeignKey" for a in arg.args[1:]):
            column = column_info(arg, scope)
            if column:
                yield (column.name,)


def _references(rest: Sequence[ast.expr], scope: dict
                ) -> Iterator[tuple[tuple[str, ...], str, bool]]:
    """(columns, the table they point at, ON DELETE CASCADE?) of each foreign key of a
    create_table's arguments (sa.ForeignKeyConstraint, a column's sa.ForeignKey); "?" for a
    table the reviewer cannot read."""
    for arg in rest:
        if not isinstance(arg, ast.Call):
            continue
        if func_name(arg) == "ForeignKeyConstraint" and len(arg.args) > 1:
            columns, remote = evaluate(arg.args[0], scope), evaluate(arg.args[1], scope)
            if isinstance(columns, (list, tuple)) and all(isinstance(c, str) for c in columns):
                yield tuple(columns), _parent(remote[0] if isinstance(remote, (list, tuple))
                                              and remote else None), _cascade(arg, scope)
        for key in arg.args[1:]:
            if isinstance(key, ast.Call) and func_name(key) == "ForeignKey" and key.args \
                    and (column := column_info(arg, scope)):
                yield (column.name,), _parent(evaluate(key.args[0], scope)), _cascade(key, scope)


def _uniques(rest: Sequence[ast.expr], scope: dict) -> Iterator[tuple[str | None, tuple[str, ...]]]:
    """(name or None, columns) of each unique key of a create_table's arguments:
    ``sa.UniqueConstraint("a", "b", name=...)``, ``sa.Column("a", ..., unique=True)``."""
    for arg in rest:
        if not isinstance(arg, ast.Call):
            continue
        kw = {k.arg: k.value for k in arg.keywords if k.arg}
        if func_name(arg) == "UniqueConstraint" and arg.args:
            columns = [evaluate(a, scope) for a in arg.args]
            named = evaluate(kw["name"], scope) if "name" in kw else None
            if all(isinstance(c, str) for c in columns):
                yield named if isinstance(named, str) else None, tuple(str(c) for c in columns)
        elif "unique" in kw and evaluate(kw["unique"], scope) is True \
                and (column := column_info(arg, scope)):
            yield None, (column.name,)


def _enforced(rest: Sequence[ast.expr], scope: dict
              ) -> Iterator[tuple[tuple[str, ...], str, tuple[str, ...]]]:
    """(columns, the table, its columns) of each foreign key of a create_table's arguments
    (or an added column) that PostgreSQL checks on every row at once: none NOT VALID or
    DEFERRABLE, its target read."""
    for arg in rest:
        if not isinstance(arg, ast.Call):
            continue
        if func_name(arg) == "ForeignKeyConstraint" and len(arg.args) > 1 and _checked_now(arg, scope):
            columns, remote = evaluate(arg.args[0], scope), evaluate(arg.args[1], scope)
            if isinstance(columns, (list, tuple)) and isinstance(remote, (list, tuple)) \
                    and columns and len(columns) == len(remote) \
                    and all(isinstance(c, str) for c in (*columns, *remote)):
                yield from _target(tuple(columns), tuple(remote))
        for key in arg.args[1:]:
            if isinstance(key, ast.Call) and func_name(key) == "ForeignKey" and key.args \
                    and _checked_now(key, scope) and (column := column_info(arg, scope)) \
                    and isinstance(remote := evaluate(key.args[0], scope), str):
                yield from _target((column.name,), (remote,))


def _target(columns: tuple[str, ...], remote: tuple[str, ...]
            ) -> Iterator[tuple[tuple[str, ...], str, tuple[str, ...]]]:
    parents = {r.rpartition(".")[0] for r in remote}
    if len(parents) == 1 and "" not in parents:
        yield columns, parents.pop(), tuple(r.rpartition(".")[2] for r in remote)


def _checked_now(call: ast.Call, scope: dict) -> bool:
    """No ``deferrable``/``initially`` (checked at commit) nor ``postgresql_not_valid``
    (existing rows never checked) on the foreign key."""
    return not any(k.arg in ("deferrable", "initially", "postgresql_not_valid")
                   and evaluate(k.value, scope) not in (None, False) for k in call.keywords)


def _parent(remote: object) -> str:
    """The table of a foreign key's ``"table.column"`` (``"schema.table.column"``)."""
    return remote.rpartition(".")[0] or "?" if isinstance(remote, str) else "?"


def _cascade(call: ast.Call, scope: dict) -> bool:
    ondelete = next((evaluate(k.value, scope) for k in call.keywords if k.arg == "ondelete"), None)
    return isinstance(ondelete, str) and ondelete.upper() == "CASCADE"


def _referent(args: dict) -> str:
    """create_foreign_key's referent table (schema-qualified, but not public)."""
    referent, schema = args.get("referent_table"), args.get("referent_schema")
    if not isinstance(referent, str):
        return "?"
    return f"{schema}.{referent}" if isinstance(schema, str) and schema != "public" else referent


def _rename_table_details(op: Op, args: dict, call: ast.Call, scope: dict, batch: bool) -> None:
    new = args.get("new_table_name")
    op.new_name = _qualified({"table_name": new, "schema": args.get("schema")}) \
        if isinstance(new, str) else None


def _drop_table_details(op: Op, args: dict, call: ast.Call, scope: dict, batch: bool) -> None:
    op.if_exists = args.get("if_exists") is True


def _bulk_insert_details(op: Op, args: dict, call: ast.Call, scope: dict, batch: bool) -> None:
    op.name = "insert"
    table = args.get("table")
    op.table = getattr(table, "name", None)
    op.writes = {(op.table, "*")} if op.table else set()
    # rows held in a variable (or a comprehension) that the code fills, not constants
    node = call.args[1] if len(call.args) > 1 else next(
        (k.value for k in call.keywords if k.arg == "rows"), None)
    op.built = args.get("rows", UNKNOWN) is UNKNOWN \
        and isinstance(node, ast.Name | ast.ListComp | ast.GeneratorExp)
    rows = args.get("rows", UNKNOWN)
    if isinstance(rows, list | tuple) and all(isinstance(r, Record) for r in rows):
        op.constant_rows = tuple({str(k).lower(): v for k, v in r.items
                                  if isinstance(v, str | int | float | bool)} for r in rows)


ALEMBIC_DETAILS = {
    **dict.fromkeys(CONSTRAINT_OPS + ("create_index", "drop_index"), _constraint_details),
    "add_column": _add_column_details,
    "drop_column": _column_details,
    "alter_column": _column_details,
    "create_table": _create_table_details,
    "rename_table": _rename_table_details,
    "drop_table": _drop_table_details,
    "bulk_insert": _bulk_insert_details,
}


def _bind(call: ast.Call, params: Sequence[str], scope: dict[str, object]) -> dict[str, object]:
    """Positional and keyword arguments by parameter name; expressions for Column nodes."""
    bound: dict[str, object] = {}
    for param, node in zip(params, call.args, strict=False):
        bound[param] = node if param == "column" else evaluate(node, scope)
    for keyword in call.keywords:
        if keyword.arg:
            bound[keyword.arg] = keyword.value if keyword.arg == "column" \
                else evaluate(keyword.value, scope)
    return bound


def _qualified(args: dict[str, object]) -> str | None:
    table = next((args[p] for p in TABLE_PARAMS if p in args), None)
    if not isinstance(table, str):
        return None
    schema = args.get("schema", args.get("source_schema"))  # create_foreign_key's own name
    # public is the default schema: public.t is the table t (the search_path's own)
    return f"{schema}.{table}" if isinstance(schema, str) and schema != "public" else table
