"""A CHECK constraint's condition as the null patterns it allows.

A condition that tests only whether columns hold a value (``num_nonnulls(a, b, c) = 1``,
a sum of ``CASE WHEN a IS NOT NULL THEN 1 ELSE 0 END``, ``(a IS NULL) <> (b IS NULL)``,
``NOT (a IS NOT NULL AND b IS NOT NULL)``) says which columns may be set together. With
one of them NOT NULL too, the others may be proved NULL in every row (nullproof.py).

:func:`condition_sql` writes a SQLAlchemy expression (``sa.case([(column("a").isnot(None),
1)], else_=0) + ... == 1``) as SQL; :func:`allowed` reads the SQL with pglast and tries
every null pattern of its columns: a pattern is allowed unless the condition is surely
false for it (a CHECK passes on TRUE and on NULL; a part the reviewer cannot evaluate may
be either).
"""

from __future__ import annotations

import ast
from collections.abc import Callable, Mapping
from itertools import product
from typing import Any

from pglast import ast as pg
from pglast import parse_sql
from pglast.enums import A_Expr_Kind, BoolExprType, ConstrType, NullTestType
from pglast.parser import ParseError

from dbkit.review.evaluate import func_name

MAX_COLUMNS = 8  # 2**8 patterns at most
Value = bool | int | None  # None: not known (any value, or NULL)
# (the condition's columns, the null patterns it allows: True where the column holds a value)
Allowed = tuple[tuple[str, ...], frozenset[tuple[bool, ...]]]

_COMPARE = {"=": lambda a, b: a == b, "<>": lambda a, b: a != b, "!=": lambda a, b: a != b,
            "<": lambda a, b: a < b, "<=": lambda a, b: a <= b, ">": lambda a, b: a > b,
            ">=": lambda a, b: a >= b}
_PY_COMPARE = {ast.Eq: "=", ast.NotEq: "<>", ast.Lt: "<", ast.LtE: "<=", ast.Gt: ">",
               ast.GtE: ">="}


def allowed(sql: str) -> Allowed | None:
    """The columns the condition tests and the null patterns it lets a row have; None when
    it tests no column for NULL, too many, or does not parse."""
    try:
        statements = parse_sql(f"SELECT ({sql})")
    except ParseError:
        return None
    select: Any = statements[0].stmt
    return allowed_node(select.targetList[0].val)


def allowed_node(node: object) -> Allowed | None:
    """:func:`allowed`, of a condition pglast has parsed."""
    columns = tuple(sorted(_columns(node)))
    if not columns or len(columns) > MAX_COLUMNS:
        return None
    patterns = frozenset(p for p in product((False, True), repeat=len(columns))
                         if _eval(node, dict(zip(columns, p, strict=True))) is not False)
    return columns, patterns


def sql_check(constraint: Any) -> tuple[tuple[object, tuple[str, ...],
                                              frozenset[tuple[bool, ...]]], ...]:
    """A CHECK written in SQL (``ALTER TABLE t ADD CONSTRAINT n CHECK (...)``), validated
    (no NOT VALID): its (name, columns, patterns allowed), or () for any other."""
    if constraint.contype != ConstrType.CONSTR_CHECK or constraint.skip_validation \
            or constraint.raw_expr is None:
        return ()
    found = allowed_node(constraint.raw_expr)
    return ((constraint.conname, *found),) if found else ()


def _name(node: object) -> str | None:
    if isinstance(node, pg.ColumnRef) and node.fields and isinstance(node.fields[-1], pg.String):
        return node.fields[-1].sval
    return None


def _columns(node: object) -> set[str]:
    """The columns tested for NULL (IS [NOT] NULL, num_nonnulls / num_nulls arguments)."""
    found: set[str] = set()

    def visit(n: object) -> None:
        if isinstance(n, pg.NullTest) and _name(n.arg):
            found.add(_name(n.arg) or "")
        elif isinstance(n, pg.FuncCall) and _func(n) in ("num_nonnulls", "num_nulls"):
            found.update(c for c in (_name(a) for a in n.args or ()) if c)
        if isinstance(n, pg.Node):
            for attr in n:
                child = getattr(n, attr)
                for item in child if isinstance(child, tuple) else (child,):
                    visit(item)
    visit(node)
    return found


def _func(node: Any) -> str:
    last = node.funcname[-1] if node.funcname else None
    return str(last.sval).lower() if isinstance(last, pg.String) else ""


def _eval(node: object, set_: dict[str, bool]) -> Value:
    """The value of the condition for a row whose columns hold a value where ``set_`` says."""
    handler = _HANDLERS.get(type(node))
    return handler(node, set_) if handler else None


def _null_test(node: Any, set_: dict[str, bool]) -> Value:
    column = _name(node.arg)
    if column is None:
        return None
    return set_[column] if node.nulltesttype == NullTestType.IS_NOT_NULL else not set_[column]


def _bool_expr(node: Any, set_: dict[str, bool]) -> Value:
    values = [_eval(a, set_) for a in node.args]
    if node.boolop == BoolExprType.NOT_EXPR:
        return None if values[0] is None else not values[0]
    if node.boolop == BoolExprType.AND_EXPR:
        return False if False in values else None if None in values else True
    return True if True in values else None if None in values else False


def _a_expr(node: Any, set_: dict[str, bool]) -> Value:
    if node.kind != A_Expr_Kind.AEXPR_OP or not node.lexpr or len(node.name) != 1:
        return None
    op = node.name[0].sval
    left, right = _eval(node.lexpr, set_), _eval(node.rexpr, set_)
    if left is None or right is None:
        return None
    if op in _COMPARE:
        return bool(_COMPARE[op](left, right))
    if op in ("+", "-") and not isinstance(left, bool) and not isinstance(right, bool):
        return left + right if op == "+" else left - right
    return None


def _case(node: Any, set_: dict[str, bool]) -> Value:
    if node.arg is not None:
        return None
    for when in node.args:
        test = _eval(when.expr, set_)
        if test is None:
            return None
        if test:
            return _eval(when.result, set_)
    return _eval(node.defresult, set_) if node.defresult is not None else None


def _const(node: Any, set_: dict[str, bool]) -> Value:
    value = node.val
    return value.ival if isinstance(value, pg.Integer) else None


def _cast(node: Any, set_: dict[str, bool]) -> Value:
    inner = _eval(node.arg, set_)
    names = [n.sval for n in node.typeName.names if isinstance(n, pg.String)]
    if isinstance(inner, bool) and names and names[-1] in ("int4", "int", "integer", "int2",
                                                           "int8"):
        return int(inner)
    return None


def _call(node: Any, set_: dict[str, bool]) -> Value:
    name = _func(node)
    columns = [_name(a) for a in node.args or ()]
    if name not in ("num_nonnulls", "num_nulls") or None in columns:
        return None
    held = sum(set_[c or ""] for c in columns)
    return held if name == "num_nonnulls" else len(columns) - held


_HANDLERS: dict[type, Callable[[Any, dict[str, bool]], Value]] = {
    pg.NullTest: _null_test, pg.BoolExpr: _bool_expr, pg.A_Expr: _a_expr, pg.CaseExpr: _case,
    pg.A_Const: _const, pg.TypeCast: _cast, pg.FuncCall: _call}


def condition_sql(node: ast.expr | None, scope: Mapping[str, object]) -> str | None:
    """A check's condition as SQL: a string (``sa.text`` too) as it is, a SQLAlchemy
    expression of columns, null tests, ``case``, ``and_``/``or_``/``not_``, ``+`` and
    comparisons written out; None for anything else."""
    if isinstance(node, ast.Constant) and isinstance(node.value, str):
        return node.value
    if isinstance(node, ast.Name) and isinstance(scope.get(node.id), str):
        return str(scope[node.id])
    try:
        return _sql(node) if node is not None else None
    except _NotRead:
        return None


class _NotRead(Exception):
    """A part of the expression the reviewer does not write as SQL."""


def _sql(node: ast.expr) -> str:
    if isinstance(node, ast.Constant) and (node.value is None or isinstance(node.value, int)):
        return "NULL" if node.value is None else str(int(node.value))
    if isinstance(node, ast.BinOp) and isinstance(node.op, (ast.Add, ast.Sub, ast.BitAnd,
                                                            ast.BitOr)):
        word = {ast.Add: "+", ast.Sub: "-", ast.BitAnd: "AND", ast.BitOr: "OR"}[type(node.op)]
        return f"({_sql(node.left)} {word} {_sql(node.right)})"
    if isinstance(node, ast.UnaryOp) and isinstance(node.op, (ast.Invert, ast.Not)):
        return f"(NOT {_sql(node.operand)})"
    if isinstance(node, ast.Compare) and len(node.ops) == 1 \
            and type(node.ops[0]) in _PY_COMPARE:
        right = node.comparators[0]
        if isinstance(right, ast.Constant) and right.value is None \
                and isinstance(node.ops[0], (ast.Eq, ast.NotEq)):
            return f"({_sql(node.left)} IS {'' if isinstance(node.ops[0], ast.Eq) else 'NOT '}NULL)"
        return f"({_sql(node.left)} {_PY_COMPARE[type(node.ops[0])]} {_sql(right)})"
    if isinstance(node, ast.Attribute) and isinstance(node.value, ast.Attribute) \
            and node.value.attr == "c":  # table.c.name
        return _quoted(node.attr)
    if isinstance(node, ast.Call):
        return _sql_call(node)
    raise _NotRead


def _quoted(name: str) -> str:
    return '"' + name.replace('"', '""') + '"'


def _sql_call(node: ast.Call) -> str:
    name = func_name(node)
    args = node.args
    if name in ("column", "literal_column", "Column") and args \
            and isinstance(args[0], ast.Constant) and isinstance(args[0].value, str):
        return _quoted(args[0].value) if name != "literal_column" else args[0].value
    if name in ("isnot", "is_not", "is_") and isinstance(node.func, ast.Attribute) \
            and len(args) == 1 and isinstance(args[0], ast.Constant) and args[0].value is None:
        return f"({_sql(node.func.value)} IS {'NOT ' if name != 'is_' else ''}NULL)"
    if name in ("and_", "or_") and args:
        return "(" + f" {name[:-1].upper()} ".join(_sql(a) for a in args) + ")"
    if name == "not_" and len(args) == 1:
        return f"(NOT {_sql(args[0])})"
    if name == "text" and len(args) == 1 and isinstance(args[0], ast.Constant) \
            and isinstance(args[0].value, str):
        return f"({args[0].value})"
    if name == "case":
        return _case_sql(node)
    if isinstance(node.func, ast.Attribute) and isinstance(node.func.value, ast.Attribute) \
            and node.func.value.attr == "func" or isinstance(node.func, ast.Attribute) \
            and isinstance(node.func.value, ast.Name) and node.func.value.id == "func":
        return f"{name}({', '.join(_sql(a) for a in args)})"  # sa.func.num_nonnulls(...)
    raise _NotRead


def _case_sql(node: ast.Call) -> str:
    """``case([(cond, v), ...], else_=e)`` (SQLAlchemy 1.x) or ``case((cond, v), ...,
    else_=e)`` (2.x)."""
    whens: list[ast.expr] = []
    for arg in node.args:
        whens.extend(arg.elts if isinstance(arg, ast.List) else [arg])
    keywords = {k.arg: k.value for k in node.keywords}
    if "value" in keywords or not whens:
        raise _NotRead
    parts = []
    for when in whens:
        if not (isinstance(when, ast.Tuple) and len(when.elts) == 2):
            raise _NotRead
        parts.append(f"WHEN {_sql(when.elts[0])} THEN {_sql(when.elts[1])}")
    default = f" ELSE {_sql(keywords['else_'])}" if "else_" in keywords else ""
    return f"(CASE {' '.join(parts)}{default} END)"
