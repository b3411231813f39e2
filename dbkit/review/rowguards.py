"""A check that stops the upgrade unless a table holds no row: past it, the table is empty.

PL/pgSQL: ``IF EXISTS (SELECT 1 FROM t) THEN RAISE EXCEPTION ...``, ``SELECT count(*) INTO n
FROM t; IF n > 0 THEN RAISE EXCEPTION``, ``PERFORM 1 FROM t; IF FOUND THEN RAISE EXCEPTION``.
Python: ``if bind.execute(sa.text("SELECT count(*) FROM t")).scalar(): raise ...`` (``.first()
is not None``, ``.scalar() > 0``, a name bound to such a value, a function of the file or
the project doing it with the SQL handed in as a constant). Each is a ``guard`` op: its table,
its WHERE as SQL (``picks``).

When the upgrade goes on past a guard with no WHERE, its table has no row, so a drop of the
table or of its columns after it loses nothing; nor does one before it in the same ``DO``
block, one statement the RAISE rolls back whole (qontinui-web consolidation_phase8_01 drops
three columns, then counts the rows and raises if there are any). A statement between the two
that may write or remove rows of the table ends the proof.

Not a proof: a check that only logs (RAISE NOTICE, a print), one under a condition (an ``if``,
a loop, a ``try`` or an EXCEPTION block that may catch the error), one in another revision
(rows may be written between deploys), one whose SELECT joins, groups, offsets or calls a
function, and one with a WHERE (it proves only those rows absent). A NOT NULL behind a check
that no row has the column NULL stays reported: the upgrade still stops on such rows, by the
check (ksperis/s3-manager 0032 raises on ``owner_user_id IS NULL`` rows the application wrote).
"""

from __future__ import annotations

import ast
import re
from dataclasses import dataclass
from typing import Protocol

from pglast import ast as pg
from pglast import parse_sql
from pglast.enums import A_Expr_Kind, BoolExprType, SubLinkType
from pglast.parser import ParseError
from pglast.stream import RawStream

from dbkit import pysource
from dbkit.review.evaluate import Bind, evaluate
from dbkit.review.ops import Op
from dbkit.review.sqlrefs import name as table_name

EXECUTORS = ("execute", "exec_driver_sql")
SCALARS = ("scalar", "scalar_one", "scalar_one_or_none")  # the first value of the first row
ROW = ("first", "fetchone", "one_or_none")  # the first row (a Row is true) or None
ROW_LISTS = ("fetchall", "all")
TRUTHY, POSITIVE, SET = "truthy", "positive", "set"  # if x: / if x > 0: / if x is not None:
ERROR_LEVEL = 21  # elog.h's ERROR: RAISE EXCEPTION (NOTICE 18, WARNING 19: they only log)
WRITES_ROWS = ("insert", "backfill", "delete", "empty")
TABLE_CHANGES = ("create_table", "rename_table", "drop_table")
_ASSIGN = re.compile(r"^\s*(\w+)\s*:?=\s*(.+)$", re.S)


@dataclass(frozen=True)
class Rows:
    """What a SELECT says of a table's rows: ``kind`` "count" (``count(*)``, how many),
    "exists" (``EXISTS (...)``, whether any) or "rows" (the rows; ``first``: its first
    column is a constant that is true, ``SELECT 1``)."""

    kind: str
    table: str
    where: str
    first: bool = False


def query_rows(sql: str) -> Rows | None:
    """What the one SELECT of ``sql`` says of one table's rows; None for any other SQL."""
    try:
        statements = parse_sql(sql)
    except ParseError:
        return None
    if len(statements) != 1:
        return None
    return select_rows(statements[0].stmt)


def select_rows(stmt: object) -> Rows | None:
    if not isinstance(stmt, pg.SelectStmt) or stmt.larg is not None or stmt.groupClause \
            or stmt.havingClause or stmt.limitOffset is not None or stmt.withClause \
            or stmt.valuesLists or stmt.intoClause or not stmt.targetList \
            or not _some_rows_left(stmt.limitCount):
        return None
    targets = [t.val for t in stmt.targetList if isinstance(t, pg.ResTarget) and t.val]
    if not stmt.fromClause and len(targets) == 1 and isinstance(targets[0], pg.SubLink) \
            and targets[0].subLinkType == SubLinkType.EXISTS_SUBLINK:
        inner = select_rows(targets[0].subselect)
        return Rows("exists", inner.table, inner.where) if inner and inner.kind == "rows" else None
    if not stmt.fromClause or len(stmt.fromClause) != 1 \
            or not isinstance(stmt.fromClause[0], pg.RangeVar):
        return None
    table = table_name(stmt.fromClause[0])
    if table is None:
        return None
    where = " ".join(str(RawStream()(stmt.whereClause)).split()) \
        if stmt.whereClause is not None else ""
    if len(targets) == 1 and _counts_rows(targets[0]):
        return Rows("count", table, where)
    if any("(" in str(RawStream()(t)) for t in targets):  # a function, a subquery: not plain
        return None
    return Rows("rows", table, where, _true_constant(targets[0]))


def _some_rows_left(limit: object) -> bool:
    """No LIMIT, or a LIMIT of at least one row (LIMIT 0 finds nothing, whatever is there)."""
    if limit is None:
        return True
    value = getattr(getattr(limit, "val", None), "ival", None)
    return isinstance(value, int) and value > 0


def _counts_rows(target: object) -> bool:
    """``count(*)``, ``count(1)``: the number of rows (not ``count(c)``: only c's values)."""
    if not isinstance(target, pg.FuncCall) or target.agg_filter is not None or target.over \
            or [n.sval for n in target.funcname or ()][-1:] != ["count"]:
        return False
    args = target.args or ()
    return bool(target.agg_star) or (len(args) == 1 and _true_constant(args[0]))


def _true_constant(node: object) -> bool:
    if not isinstance(node, pg.A_Const) or node.isnull:
        return False
    value = node.val
    return bool(getattr(value, "ival", None) or getattr(value, "sval", None)
                or getattr(value, "boolval", None) or getattr(value, "fval", None))


# PL/pgSQL (plpgsql.py reads the block; these read its conditions and assignments)

def raises(statements: list) -> bool:
    """Is this IF's body RAISEs only, one of them an error (RAISE EXCEPTION)?"""
    kinds = [next(iter(s.items())) if isinstance(s, dict) and len(s) == 1 else ("", {})
             for s in statements or ()]
    return bool(kinds) and all(k == "PLpgSQL_stmt_raise" for k, _ in kinds) \
        and any(b.get("elog_level", ERROR_LEVEL) >= ERROR_LEVEL for _, b in kinds)


def conditions(test: str, counted: dict[str, Rows], found: Rows | None) -> list[Rows]:
    """The rows each test OR-ed in an IF's condition is true for when any exist (a RAISE
    under it leaves none of them: VFBiz 20260731_0022, held-out45, ``IF EXISTS (SELECT 1
    FROM a) OR EXISTS (SELECT 1 FROM b) THEN RAISE``), those it can read; see condition."""
    expr = _expression(test)
    if isinstance(expr, pg.BoolExpr) and expr.boolop == BoolExprType.OR_EXPR:
        try:
            arms = [RawStream()(arm) for arm in expr.args or ()]
        except Exception:  # noqa: BLE001 - a node pglast cannot print: not read
            return []
        return [rows for rows in (condition(arm, counted, found) for arm in arms) if rows is not None]
    rows = condition(test, counted, found)
    return [] if rows is None else [rows]


def condition(test: str, counted: dict[str, Rows], found: Rows | None) -> Rows | None:
    """The rows an IF's condition is true for when any exist: ``EXISTS (SELECT ...)``,
    ``n > 0`` of a count put into n (``counted``), ``FOUND`` after a PERFORM of them."""
    expr = _expression(test)
    if isinstance(expr, pg.SubLink) and expr.subLinkType == SubLinkType.EXISTS_SUBLINK:
        inner = select_rows(expr.subselect)
        return inner if inner and inner.kind == "rows" else None
    if isinstance(expr, pg.ColumnRef):
        name = _variable(expr)
        if name == "found":
            return found
        held = counted.get(name or "")
        return held if held and held.kind == "exists" else None
    if isinstance(expr, pg.A_Expr) and expr.kind == A_Expr_Kind.AEXPR_OP:
        op = [n.sval for n in expr.name or ()][-1:]
        for value, number, ops in ((expr.lexpr, expr.rexpr, POSITIVE_OPS),
                                   (expr.rexpr, expr.lexpr, FLIPPED_OPS)):
            bound = getattr(getattr(number, "val", None), "ival", None)
            if isinstance(number, pg.A_Const) and isinstance(bound, int) \
                    and (op[0] if op else "", bound) in ops:
                rows = _counted(value, counted)
                if rows is not None:
                    return rows
    return None


POSITIVE_OPS = {(">", 0), ("<>", 0), ("!=", 0), (">=", 1)}
FLIPPED_OPS = {("<", 0), ("<>", 0), ("!=", 0), ("<=", 1)}


def _counted(value: object, counted: dict[str, Rows]) -> Rows | None:
    """A number of rows: a variable a count was put into, or ``(SELECT count(*) ...)``."""
    if isinstance(value, pg.ColumnRef):
        held = counted.get(_variable(value) or "")
        return held if held and held.kind == "count" else None
    if isinstance(value, pg.SubLink) and value.subLinkType == SubLinkType.EXPR_SUBLINK:
        rows = select_rows(value.subselect)
        return rows if rows and rows.kind == "count" else None
    return None


def assigned(query: str) -> tuple[str, Rows | None] | None:
    """``n := (SELECT count(*) FROM t)``: (n, what it counts, or None for anything else);
    None when the assignment cannot be read."""
    match = _ASSIGN.match(query)
    if match is None:
        return None
    expr = _expression(match.group(2))
    rows = _counted(expr, {})
    if rows is None and isinstance(expr, pg.SubLink) \
            and expr.subLinkType == SubLinkType.EXISTS_SUBLINK:
        inner = select_rows(expr.subselect)
        rows = Rows("exists", inner.table, inner.where) if inner and inner.kind == "rows" else None
    return match.group(1).lower(), rows


def _expression(text: str) -> object:
    try:
        statements = parse_sql(f"SELECT {text}")
    except ParseError:
        return None
    if len(statements) != 1 or not isinstance(statements[0].stmt, pg.SelectStmt):
        return None
    targets = statements[0].stmt.targetList or ()
    return targets[0].val if len(targets) == 1 and isinstance(targets[0], pg.ResTarget) else None


def _variable(ref: pg.ColumnRef) -> str | None:
    fields = ref.fields or ()
    return str(fields[0].sval).lower() if len(fields) == 1 and isinstance(fields[0], pg.String) \
        else None


def guard(rows: Rows, line: int, end: int, covers: int = 0) -> Op:
    return Op("guard", line, end, table=rows.table, picks=rows.where, via="sql", covers=covers)


# Python: `if <the rows of a SELECT>: raise ...`

class Reading(Protocol):
    """What the reader knows where it meets the ``if`` (reader._OpCollector)."""

    scope: dict[str, object]
    written: dict[str, str]
    unsure: set[str]
    maybe: int
    bodies: list[list[ast.stmt]]
    stack: list[str]
    functions: dict[str, ast.FunctionDef]  # the file's functions, by name


def python_guard(node: ast.If, reading: Reading) -> list[Op]:
    """[the guard] when ``node`` raises whenever a SELECT finds rows, and surely runs."""
    if node.orelse or reading.maybe or not node.body or not isinstance(node.body[-1], ast.Raise) \
            or not all(isinstance(s, (ast.Expr, ast.Assign, ast.Raise)) for s in node.body):
        return []
    rows = tested_rows(node.test, reading)
    if rows is None or _caught(node, reading):
        return []
    return [guard(rows, node.lineno, node.end_lineno or node.lineno)]


def tested_rows(test: ast.expr, reading: Reading) -> Rows | None:
    """The rows of a SELECT an ``if``'s ``test`` reads, when it is true whenever that SELECT
    finds any (so false only when there are none): ``conn.execute(text(sql)).scalar()``,
    ``> 0``, ``.first() is not None``, a name bound to such a value; None for any other test."""
    value, how = _test(test)
    found = _result(value, reading, 0, False)
    if found is None:
        return None
    sql, method, wrapped = found
    rows = query_rows(sql)
    return rows if rows is not None and _proves(rows, method, how, wrapped) else None


def _test(test: ast.expr) -> tuple[ast.expr, str]:
    """The value an ``if`` tests, and how: true, above zero, or not None."""
    if isinstance(test, ast.Compare) and len(test.ops) == 1:
        left, op, right = test.left, test.ops[0], test.comparators[0]
        if isinstance(op, ast.IsNot) and isinstance(right, ast.Constant) and right.value is None:
            return left, SET
        symbol = {ast.Gt: ">", ast.GtE: ">=", ast.NotEq: "!=", ast.Lt: "<", ast.LtE: "<="}.get(
            type(op), "")
        if isinstance(right, ast.Constant) and (symbol, right.value) in POSITIVE_OPS:
            return left, POSITIVE
        if isinstance(left, ast.Constant) and (symbol, left.value) in FLIPPED_OPS:
            return right, POSITIVE
        return test, ""
    return test, TRUTHY


def _result(value: ast.expr, reading: Reading, depth: int, wrapped: bool
            ) -> tuple[str, str, bool] | None:
    """(the SQL, the result method read, whether int()/bool()/``or 0`` wrap it) of a value
    read from an executed SELECT: ``conn.execute(text(sql)).scalar()``, names bound to it."""
    if depth > 4:
        return None
    if isinstance(value, ast.Name):
        bound = _bound(value.id, reading)
        return None if bound is None else _result(bound, reading, depth + 1, wrapped)
    if isinstance(value, ast.Call) and isinstance(value.func, ast.Name) \
            and value.func.id in ("int", "bool") and len(value.args) == 1 and not value.keywords:
        return _result(value.args[0], reading, depth + 1, True)
    if isinstance(value, ast.BoolOp) and isinstance(value.op, ast.Or) and len(value.values) == 2 \
            and isinstance(value.values[1], ast.Constant) and not value.values[1].value:
        return _result(value.values[0], reading, depth + 1, True)
    if not isinstance(value, ast.Call) or not isinstance(value.func, ast.Attribute):
        return None
    method = value.func.attr
    if method == "scalar" and len(value.args) == 1 and _runs_here(value.func.value, reading):
        sql = evaluate(value.args[0], reading.scope)
        return (sql, method, wrapped) if isinstance(sql, str) else None
    if method not in SCALARS + ROW + ROW_LISTS or value.args:
        return None
    sql = _executed(value.func.value, reading, depth + 1)
    return None if sql is None else (sql, method, wrapped)


def _executed(value: ast.expr, reading: Reading, depth: int) -> str | None:
    """The SQL of ``conn.execute(text("SELECT ..."))`` (or a name bound to it)."""
    if isinstance(value, ast.Name) and depth <= 4:
        bound = _bound(value.id, reading)
        return None if bound is None else _executed(bound, reading, depth + 1)
    if isinstance(value, ast.Call) and isinstance(value.func, ast.Attribute) \
            and value.func.attr in EXECUTORS and value.args and _runs_here(value.func.value, reading):
        sql = evaluate(value.args[0], reading.scope)
        return sql if isinstance(sql, str) else None
    return None


def _runs_here(receiver: ast.expr, reading: Reading) -> bool:
    """Is it the migration's connection (``op``, ``op.get_bind()``, a name bound to it)?"""
    return (isinstance(receiver, ast.Name) and receiver.id == "op") \
        or isinstance(evaluate(receiver, reading.scope), Bind)


def bound_to(name: str, reading: Reading) -> ast.expr | None:
    """What ``name`` was last bound to, surely (columntests.py reads ``cols = {...}``)."""
    return _bound(name, reading)


def _bound(name: str, reading: Reading) -> ast.expr | None:
    """What ``name`` was last bound to, surely (not under an ``if`` or in a loop)."""
    if name in reading.unsure or name not in reading.written:
        return None
    try:
        body = pysource.parse(reading.written[name]).body
    except SyntaxError:
        return None
    return body[0].value if len(body) == 1 and isinstance(body[0], ast.Expr) else None


def _proves(rows: Rows, method: str, how: str, wrapped: bool) -> bool:
    """Is the test true whenever the SELECT finds a row? A count or EXISTS read as a value
    (its one row is there even when the table is empty); the rows themselves read as a row
    or a list, or as the value of a first column that is a true constant."""
    if rows.kind in ("count", "exists"):
        return method in SCALARS and how in (TRUTHY, POSITIVE)
    if method in ROW:
        return not wrapped and how in (TRUTHY, SET)
    if method in ROW_LISTS:
        return not wrapped and how == TRUTHY
    return rows.first and (how == TRUTHY or (how == SET and not wrapped))


def _caught(node: ast.If, reading: Reading) -> bool:
    """Is the ``if`` (or the call of a function leading to it) in a ``try`` with a handler,
    which may catch what it raises?"""
    called = set(reading.stack[1:])
    for body in reading.bodies:
        for statement in body:
            for part in ast.walk(statement):
                if isinstance(part, ast.Try) and part.handlers and any(
                        inner is node or (isinstance(inner, ast.Call)
                                          and isinstance(inner.func, ast.Name)
                                          and inner.func.id in called)
                        for s in part.body for inner in ast.walk(s)):
                    return True
    return False


# What a guard proves, for the drops (drops.py) and the NOT NULLs after it

def empty_at(ops: list[Op], op: Op) -> Op | None:
    """The guard of this upgrade (``ops``) proving the table ``op`` drops (or drops a column
    of) holds no row when ``op`` runs: one before it, or after it in the same ``DO`` block,
    with no statement between them that may write or remove the table's rows."""
    if not op.table:
        return None
    at = next((i for i, o in enumerate(ops) if o is op), None)
    if at is None:
        return None
    for index, check in enumerate(ops):
        if check.name != "guard" or check.conditional or check.picks \
                or not same_table(check.table, op.table):
            continue
        if index < at:
            between = ops[index + 1:at]
        elif index - check.covers <= at:
            between = ops[at + 1:index]
        else:
            continue
        if not any(_reaches(o, op.table) for o in between):
            return check
    return None


def _reaches(op: Op, table: str) -> bool:
    if op.name in WRITES_ROWS:
        return op.table is None or same_table(op.table, table) \
            or any(t is None or same_table(t, table) for t, _ in op.writes)
    if op.name in ("opaque", "execute"):  # (SQL of a DO block it cannot read names nothing)
        return op.may_touch(table) or same_table(op.table, table) \
            or (not op.mentions and op.touches is None)
    return op.name in TABLE_CHANGES and (same_table(op.table, table)
                                         or same_table(op.new_name, table))


def same_table(a: str | None, b: str | None) -> bool:
    """The same table: the same name, or the same bare name where one has no schema."""
    if not a or not b:
        return False
    a, b = a.replace('"', "").lower(), b.replace('"', "").lower()
    if a == b:
        return True
    return ("." not in a or "." not in b) and a.rpartition(".")[2] == b.rpartition(".")[2]
