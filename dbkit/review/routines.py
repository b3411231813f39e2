"""Functions a revision creates: the fields of NEW a trigger function uses, and the
statements a function's body runs where the same upgrade calls it.

``CREATE FUNCTION delete_job(_jobid integer) ... LANGUAGE plpgsql AS $$ BEGIN DELETE FROM
tasks WHERE jobid = _jobid; ... DELETE FROM jobs WHERE id = _jobid; END $$`` then ``SELECT
delete_job(id) FROM jobs WHERE 'bag' = ANY(args)`` (Amsterdam GOB-Workflow
``7e5fc5c3bc99``) deletes those jobs' rows of four tables as surely as four ``DELETE``
statements would. The body of a function (PL/pgSQL, read as a ``DO`` block is: plpgsql.py;
or SQL) is read when it is created, as a ``routine`` op; a statement that calls it (``SELECT
f(...)``, with or without FROM, or ``CALL f(...)``) is a ``call`` op, placed before the
statement's own ops. :func:`run_calls` then puts the body's ops where each call of a
function made earlier in the same function body stands (at the call's line, conditional
as the call is), in place of what the calling statement read (its rows only feed the
call); it drops the other ``routine`` and ``call`` ops. A function created and never
called runs nothing; one called but not created here (or whose body cannot be read) is
left as the statement was read. (On these two ops, which never leave this module's
:func:`run_calls`: a routine's ``keys`` are its parameters; a call's ``keys`` its arguments as
SQL, and its ``picks`` the rows it runs for, ``FROM ... WHERE ...``, "" for one call.)
"""

from __future__ import annotations

import re
from dataclasses import replace

from pglast import ast
from pglast.ast import RawStmt
from pglast.enums import FunctionParameterMode
from pglast.stream import RawStream
from pglast.visitors import Visitor

from dbkit.review.ops import Op, stamped
from dbkit.review.plpgsql import SqlOps, do_block

_NEW_FIELD = re.compile(r"\bNEW\s*\.\s*\"?(\w+)", re.I)
# NEW.x := expression; (or =): the trigger sets x from the fields the expression reads
_SETS_NEW = re.compile(r"\bNEW\s*\.\s*\"?(\w+)\"?\s*:?=\s*([^;]*);", re.I)
TRACES = ("routine", "call")


def created(sql: str, raw: RawStmt, line: int, end: int, sql_ops: SqlOps) -> list[Op]:
    """``CREATE FUNCTION f() ... AS $$ ... NEW.x ... $$``: a trigger function, and the fields
    of the new row it reads or sets (each must be a column of the table it fires on); and a
    ``routine`` op holding the ops its body runs (None when it cannot be read)."""
    stmt = raw.stmt
    assert isinstance(stmt, ast.CreateFunctionStmt)
    body = " ".join(str(v.sval) for o in stmt.options or () if o.defname == "as"
                    for v in (o.arg if isinstance(o.arg, tuple) else (o.arg,))
                    if isinstance(v, ast.String))
    names = [str(n.sval) for n in stmt.funcname or () if isinstance(n, ast.String)]
    if not names:
        return []
    name = names[-1].lower()
    ops = []
    fields = tuple(sorted({f.lower() for f in _NEW_FIELD.findall(body)}))
    sets = {(m.group(1).lower(), f.lower()) for m in _SETS_NEW.finditer(body)
            for f in _NEW_FIELD.findall(m.group(2)) if f.lower() != m.group(1).lower()}
    if fields:
        ops.append(Op("function", line, end, via="sql", new_name=name, keys=fields,
                      computed=frozenset(sets) or None))
    language = next((str(o.arg.sval).lower() for o in stmt.options or ()
                     if o.defname == "language" and isinstance(o.arg, ast.String)), "")
    ran = do_block(sql, raw, line, end, sql_ops) if language == "plpgsql" \
        else sql_ops(body, line, end) if language == "sql" and body.strip() else None
    params = tuple(str(p.name or "").lower() for p in stmt.parameters or ()
                   if isinstance(p, ast.FunctionParameter) and p.mode not in (
                       FunctionParameterMode.FUNC_PARAM_OUT, FunctionParameterMode.FUNC_PARAM_TABLE))
    if ran is not None and not fields:  # (a trigger function runs at its trigger, not here)
        ops.append(Op("routine", line, end, via="sql", new_name=name, body=ran, keys=params))
    return stamped(ops, stmt)


class _Calls(Visitor):
    def __init__(self) -> None:
        self.args: dict[str, tuple[str, ...]] = {}  # function -> its arguments as SQL

    def visit_FuncCall(self, ancestors: object, node: ast.FuncCall) -> None:
        names = [str(n.sval) for n in node.funcname or () if isinstance(n, ast.String)]
        if names:
            self.args.setdefault(names[-1].lower(), tuple(_sql(a) for a in node.args or ()))


def _sql(node: object) -> str:
    if not isinstance(node, ast.Node):
        return ""
    try:
        return str(RawStream()(node))
    except Exception:  # noqa: BLE001 - pglast raises many kinds for what it cannot print
        return ""


def calls(stmt: object, line: int, end: int) -> list[Op]:
    """A ``call`` op for each function a ``SELECT`` lists in its output (each row of its FROM
    calls it) or a ``CALL`` runs; none for any other statement."""
    if isinstance(stmt, ast.CallStmt):
        found = _Calls()
        found(stmt.funccall)  # type: ignore[arg-type]
    elif isinstance(stmt, ast.SelectStmt) and stmt.targetList and stmt.larg is None:
        found = _Calls()
        for target in stmt.targetList:
            if isinstance(target, ast.ResTarget) and isinstance(target.val, ast.FuncCall):
                found(target.val)
    else:
        return []
    rows = ""  # a call per row: FROM ... WHERE ... as SQL
    if isinstance(stmt, ast.SelectStmt) and stmt.fromClause:
        rows = "FROM " + ", ".join(_sql(n) for n in stmt.fromClause) \
            + (f" WHERE {_sql(stmt.whereClause)}" if stmt.whereClause is not None else "")
    return [Op("call", line, end, via="sql", new_name=name, statement=stmt, keys=args, picks=rows)
            for name, args in found.args.items()]


def run_calls(ops: list[Op]) -> list[Op]:
    """The ops with each call of a function created before it replaced by the ops of its
    body (and the calling statement's own ops dropped); no ``routine`` or ``call`` op left."""
    if not any(o.name in TRACES for o in ops):
        return ops
    made: dict[str, Op] = {}
    replaced: set[int] = set()  # (the statements whose calls ran a body)
    out: list[Op] = []
    for op in ops:
        if op.name == "routine" and op.new_name:
            made[op.new_name] = op
        elif op.name == "call" and op.new_name in made:
            replaced.add(id(op.statement))
            out += [_at(each, op, made[op.new_name].keys) for each in made[op.new_name].body or ()
                    if each.name not in TRACES]  # (a call in a body: not followed)
        elif op.name not in TRACES and not (op.statement is not None
                                            and id(op.statement) in replaced):
            out.append(op)
    for seq, op in enumerate(out):
        op.seq = seq
    return out


def _at(op: Op, call: Op, params: tuple[str, ...]) -> Op:
    """A copy of a body's op, run at the call: its line, the call's conditions too, and the
    rows its WHERE picks with the call's arguments for the function's parameters."""
    tests = [t for t in (call.condition if call.conditional else "",
                         op.condition if op.conditional else "") if t]
    return replace(op, line=call.line, end_line=call.end_line,
                   conditional=call.conditional or op.conditional,
                   condition=" AND ".join(tests), otherwise=call.otherwise or op.otherwise,
                   table_tests=call.table_tests + op.table_tests, open_tests=call.open_tests + op.open_tests,
                   if_levels=call.if_levels + op.if_levels,
                   tested_names=call.tested_names | op.tested_names,
                   reads=set(op.reads), writes=set(op.writes), resolved=set(op.resolved),
                   columns=dict(op.columns), picks=_bound(op.picks, params, call),
                   mentions=None if op.name == "execute" and not op.table else op.mentions,
                   reason=op.reason or (
                       f"code it cannot follow in the body of {call.new_name}(), called at "
                       f"line {call.line}" if op.name == "execute" else ""))


def _bound(picks: str, params: tuple[str, ...], call: Op) -> str:
    """``id = _jobid`` called as ``delete_job(id) FROM jobs WHERE ...``: ``id = ANY (SELECT id
    FROM jobs WHERE ...)``; called as ``delete_job(7)``: ``id = 7``."""
    for param, arg in zip(params, call.keys, strict=False):
        if not picks or not param or not arg:
            continue
        name = re.escape(param)
        if call.picks:  # (one call per row: the argument's values over those rows)
            pattern, value = rf"=\s*(?<![\w.]){name}\b", f"= ANY (SELECT {arg} {call.picks})"
        else:
            pattern, value = rf"(?<![\w.$]){name}\b", arg
        picks = re.sub(pattern, value.replace("\\", "\\\\"), picks)  # (as written, no escapes)
    return picks
