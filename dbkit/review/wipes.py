"""A loop that drops every table of a schema, by names it looks up at run time.

Qredence/fleet-rlm 0010 starts a clean-break rebuild with a DO block: ``FOR row IN SELECT
tablename FROM pg_tables WHERE schemaname = 'public' AND tablename <> 'alembic_version' LOOP
EXECUTE format('DROP TABLE IF EXISTS public.%I CASCADE', row.tablename); END LOOP``, then
creates the tables again. The reviewer cannot tell which tables the loop meets, but every
table of that schema it has seen made (less those the WHERE spares by a constant name) may
be gone after it: the walk forgets them (a ``wipe`` op), so creating them again is no "same
change applied twice". It does not mark them dropped (a later change to one is no "table that
does not exist" either), and the loop stays code not followed for the rules of lost data.
"""

from __future__ import annotations

from typing import Any

from pglast import ast, parse_sql
from pglast.enums import A_Expr_Kind, BoolExprType, ObjectType
from pglast.parser import ParseError

from dbkit.review.ops import Op
from dbkit.review.sqlrefs import name as qualified

_NAME = "wiped_by_the_loop"  # (what ``%I`` stands for, to parse the dropping SQL)


def wipe(loop: str, executes: list[str], line: int, end: int) -> Op | None:
    """The ``wipe`` op of a loop over ``loop`` (its query) whose body only ``EXECUTE``s
    ``executes``, when it drops the tables of one schema pg_tables lists; None for any other."""
    found = _tables_of(loop)
    if found is None or not executes:
        return None
    schema, spares = found
    if not all(_drops_one_of(query, schema) for query in executes):
        return None
    return Op("wipe", line, end, table=schema, keys=tuple(sorted(spares)), via="sql")


def _one(sql: str) -> object | None:
    try:
        statements = parse_sql(sql)
    except ParseError:
        return None
    return statements[0].stmt if len(statements) == 1 else None


def _tables_of(loop: str) -> tuple[str, set[str]] | None:
    """(the schema, the names it spares) of ``SELECT tablename FROM pg_tables WHERE
    schemaname = 'x' [AND tablename <> 'y' | AND tablename NOT IN ('y', ...)]``; None else."""
    select = _one(loop)
    if not isinstance(select, ast.SelectStmt):
        return None
    targets, sources = tuple(select.targetList or ()), tuple(select.fromClause or ())
    if len(targets) != 1 or _column(getattr(targets[0], "val", None)) != "tablename" \
            or len(sources) != 1 or not isinstance(sources[0], ast.RangeVar) \
            or qualified(sources[0]) not in ("pg_tables", "pg_catalog.pg_tables"):
        return None
    where = select.whereClause
    tests = list(where.args or ()) if isinstance(where, ast.BoolExpr) \
        and where.boolop == BoolExprType.AND_EXPR else [where]
    schemas = {v for t in tests for v in _equals(t, "schemaname")}
    spares = [_spared(t) for t in tests if not _equals(t, "schemaname")]
    if len(schemas) != 1 or any(s is None for s in spares):
        return None
    return schemas.pop().lower(), {n.lower() for s in spares for n in s or ()}


def _column(node: object) -> str | None:
    fields = tuple(node.fields or ()) if isinstance(node, ast.ColumnRef) else ()
    last = fields[-1] if fields else None
    return str(last.sval).lower() if isinstance(last, ast.String) else None


def _strings(node: object) -> list[str] | None:
    """The string constants of ``'y'`` or ``('y', 'z')``; None for anything else."""
    items = node if isinstance(node, (list, tuple)) else [node]
    values = [getattr(getattr(i, "val", None), "sval", None) if isinstance(i, ast.A_Const)
              else None for i in items]
    return [str(v) for v in values] if values and all(v is not None for v in values) else None


def _equals(test: object, column: str) -> list[str]:
    """The constant of ``column = 'x'``; [] for anything else."""
    if not isinstance(test, ast.A_Expr) or test.kind != A_Expr_Kind.AEXPR_OP \
            or _column(test.lexpr) != column or _operator(test) != ["="]:
        return []
    return _strings(test.rexpr) or []


def _operator(test: ast.A_Expr) -> list[str]:
    return [str(getattr(n, "sval", "")) for n in test.name or ()]


def _spared(test: object) -> list[str] | None:
    """The names ``tablename <> 'y'`` or ``tablename NOT IN ('y', ...)`` leave out; None for
    any other test (``LIKE 'tmp%'``: only some tables, which the reviewer cannot tell)."""
    if not isinstance(test, ast.A_Expr) or _column(test.lexpr) != "tablename":
        return None
    operator = _operator(test)
    if test.kind == A_Expr_Kind.AEXPR_OP and operator in (["<>"], ["!="]) \
            or test.kind == A_Expr_Kind.AEXPR_IN and operator == ["<>"]:
        return _strings(test.rexpr)
    return None


def _drops_one_of(query: str, schema: str) -> bool:
    """Is ``query`` (an EXECUTE's expression) ``format('DROP TABLE [IF EXISTS] [s.]%I
    [CASCADE]', ...)``, ``s`` being ``schema`` (or ``%I``, the schema the loop reads)?"""
    call = _one(f"SELECT {query.strip().rstrip(';')}")
    targets = tuple(call.targetList or ()) if isinstance(call, ast.SelectStmt) else ()
    value = getattr(targets[0], "val", None) if len(targets) == 1 else None
    args = tuple(value.args or ()) if isinstance(value, ast.FuncCall) else ()
    if not isinstance(value, ast.FuncCall) or len(args) < 2 \
            or [getattr(n, "sval", "") for n in value.funcname or ()] != ["format"]:
        return False
    text = _strings(args[0])
    drop = _one(text[0].replace("%I", _NAME)) if text else None
    objects = tuple(drop.objects or ()) if isinstance(drop, ast.DropStmt) else ()
    if not isinstance(drop, ast.DropStmt) or drop.removeType != ObjectType.OBJECT_TABLE \
            or len(objects) != 1:
        return False
    parts = [str(getattr(n, "sval", "")) for n in objects[0]]
    return parts[-1] == _NAME and (len(parts) == 1 or parts[0] in (_NAME, schema))


def forget(s: Any, op: Op) -> None:
    """Forget each table of the schema ``op`` wipes (walk's schema ``s``): its columns, its
    names; not its place in the chain (it is not said dropped)."""
    schema = op.table or ""
    for name in list(s.tables):
        owner, _, bare = name.rpartition(".")
        if (owner or "public") != schema or bare in op.keys:
            continue
        s.tables.pop(name)
        for key, (table, _) in list(s.names.items()):
            if table == name:
                del s.names[key]
        for key in [k for k in s.made_in if len(k) > 1 and (k[1] == name or (
                k[0] == "name" and isinstance(k[1], tuple) and k[1] not in s.names))]:
            del s.made_in[key]


def step(result: Any, rev: Any, op: Op, table: Any) -> None:
    """The walk's step of a ``wipe`` op (schema.STEPS)."""
    forget(result.schema, op)
