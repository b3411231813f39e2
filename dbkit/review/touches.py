"""The tables code the reviewer cannot follow may touch, when its own text says them all.

A loop over rows, an ORM session's ``add()`` or SQL the reviewer cannot read casts doubt on
a finding only about what that code may reach. :func:`touched_tables` reads the tables it
names: those of every SQL statement it executes (parsed by PostgreSQL's parser: a plain
SELECT, INSERT, UPDATE or DELETE; a ``.format()`` or f-string filled with the values the
reviewer knows, such as a helper's literal argument ``create_missing_encounters(
"procedures")``, the others as parameters) and the ORM classes it constructs or names
(``Encounter(...)``: the table spelled like it, ``encounters``). It is None (may touch any
table) when a statement cannot be parsed (a table name the reviewer does not know, SQL of
another dialect), is no string it can read, or is no plain DML (a DO block); when the code
uses an object of a class it does not name (``row.groups``, a relationship), or calls a
function of the file or the project, whose body it would have to read too; and when it
names no table at all (nothing to scope the doubt to: the doubt stays as it was).
"""

from __future__ import annotations

import ast
import builtins
from collections.abc import Callable, Iterable

from pglast import ast as pg
from pglast import parse_sql
from pglast.parser import ParseError
from pglast.visitors import Visitor

from dbkit.review import code, modules
from dbkit.review.evaluate import Bind, Core, evaluate, func_name
from dbkit.review.modules import Module
from dbkit.review.sqlholes import parseable

EXECUTES = ("execute", "exec_driver_sql")
# names through which a function may run statements or change rows
RUNNERS = frozenset({"op", "conn", "connection", "bind", "session", "engine", "db", "cursor"})
BUILTINS = frozenset(dir(builtins))
ORM = "orm:"  # before the name of an ORM class the code names (ops.spelled_like drops it)
UNKNOWN_PART = "\x00"  # a value the reviewer does not know, in a statement's text
DML = (pg.SelectStmt, pg.InsertStmt, pg.UpdateStmt, pg.DeleteStmt)
NOT_MODELS = frozenset({"Session", "Table", "MetaData", "Column", "Integer", "String", "Text",
                        "Boolean", "DateTime", "Date", "Enum", "ForeignKey", "Index",
                        "RuntimeError", "ValueError", "Exception", "KeyError", "TypeError"})


def touched_tables(nodes: Iterable[ast.AST], scope: dict, module: Module,
                   callee: Callable[[ast.Call], object],
                   around: Iterable[list[ast.stmt]] = ()) -> frozenset[str] | None:
    """The table names (and ORM class names, lower case) the code may touch; None when not
    all of them are known. ``callee(call)``: the function of the file or the project it
    runs, or None; ``around``: the bodies of the functions it is in (the ORM objects they
    make)."""

    def follows(call: ast.Call) -> bool:  # code of the file or the project: not read here
        dotted = code.dotted(call.func)
        found = callee(call)
        if isinstance(found, tuple) and _runs_nothing(found[0], module):
            return False  # generate_stream_key(): random.choices(...), no statement run
        return found is not None or bool(
            dotted and dotted[0] in module.imports and not modules.is_library(module, dotted[0]))

    found: set[str] = set()
    nodes = list(nodes)
    tops = [*nodes, *(s for body in around for s in body)]
    made = {t.id for top in tops for n in ast.walk(top) if isinstance(n, ast.Assign)
            and _model(n.value) for t in n.targets if isinstance(t, ast.Name)}
    for node in (n for top in nodes for n in ast.walk(top)):
        if isinstance(node, ast.Attribute) and isinstance(node.value, ast.Name) \
                and not _known(node.value.id, scope, module, made):
            return None  # row.groups, user.profile = ...: an object of a class not named
        if isinstance(node, ast.Call):
            name = func_name(node) or ""
            if name in EXECUTES and isinstance(node.func, ast.Attribute) and node.args:
                tables = _statement_tables(node.args[0], scope)
                if tables is None:
                    return None
                found |= tables
            elif name[:1].isupper() and name not in NOT_MODELS:
                found.add(ORM + name.lower())  # Encounter(...): an ORM object made
            elif follows(node):
                return None
        elif isinstance(node, ast.Name) and node.id[:1].isupper() \
                and node.id not in NOT_MODELS and node.id not in scope:
            found.add(ORM + node.id.lower())  # Encounter.query, session.query(Encounter)
    return frozenset(found) or None


def _runs_nothing(function: ast.FunctionDef, module: Module) -> bool:
    """A function of the file, given no argument, whose body calls only builtins, the
    standard library's or SQLAlchemy's functions (``random.choices``) and methods of
    constants (``"".join``), none of them an execute, and names no ``op``, connection or
    session."""
    if function.args.args or function.args.kwonlyargs:
        return False
    for node in ast.walk(function):
        if isinstance(node, ast.Call):
            dotted = code.dotted(node.func)
            if isinstance(node.func, ast.Attribute) and isinstance(node.func.value, ast.Constant):
                continue
            if not dotted or func_name(node) in EXECUTES or not (
                    dotted[0] in BUILTINS or modules.is_library(module, dotted[0])):
                return False
        elif isinstance(node, ast.Name) and node.id in RUNNERS:
            return False
    return True


def bound_names(call: ast.Call) -> frozenset[str]:
    """The names an execute()'s bound parameters are given from (``conn.execute(sql,
    ids=tuple(ids))``: ids, tuple), or the values Python formats into the SQL written in
    the call (``f"... IN {tuple(ids)}"``, ``"... IN {}".format(tuple(ids))``)."""
    given: list[ast.AST] = [*call.args[1:], *call.keywords]
    sql = call.args[0] if call.args else None
    if isinstance(sql, ast.Call) and func_name(sql) == "text" and sql.args:
        sql = sql.args[0]  # text(f"...")
    if isinstance(sql, ast.JoinedStr):
        given += [v.value for v in sql.values if isinstance(v, ast.FormattedValue)]
    elif isinstance(sql, ast.Call) and isinstance(sql.func, ast.Attribute) \
            and sql.func.attr == "format" and isinstance(sql.func.value, ast.Constant):
        given += [*sql.args, *sql.keywords]
    return frozenset(n.id for a in given for n in ast.walk(a) if isinstance(n, ast.Name))


def _model(node: ast.expr) -> bool:
    """``Encounter(...)``: an ORM object of a class named."""
    name = (func_name(node) if isinstance(node, ast.Call) else None) or ""
    return bool(name) and name[:1].isupper() and name not in NOT_MODELS


def _known(name: str, scope: dict, module: Module, made: set[str]) -> bool:
    """Is ``name`` (``name.attr``) a module, a class, a session or connection, a string, or
    an ORM object the code made itself? Not a row or object the reviewer cannot name."""
    value = scope.get(name)
    return name in module.imports or name in made or name[:1].isupper() \
        or isinstance(value, (str, Bind, Core)) or name in ("op", "sa", "self")


def _statement_tables(node: ast.expr, scope: dict) -> set[str] | None:
    """The tables of a statement: a Core one's, or those SQL names (parsed by PostgreSQL's
    parser, the unknown parts as parameters); None when it cannot be read, or names none
    (a DO block, a function called: it may touch any)."""
    value = evaluate(node, scope)
    if isinstance(value, Core):
        return {value.table} if value.table else None
    text = _text(node, scope)
    if text is None:
        return None
    try:
        statements = parse_sql(parseable(text.replace(UNKNOWN_PART, "$1")))
    except ParseError:
        return None
    found: set[str] = set()
    for raw in statements:
        if not isinstance(raw.stmt, DML):
            return None
        ranges = _Ranges()
        ranges(raw.stmt)
        if not ranges.found:
            return None
        found |= ranges.found
    return found


class _Ranges(Visitor):
    def __init__(self) -> None:
        self.found: set[str] = set()

    def visit_RangeVar(self, ancestors: object, node: pg.RangeVar) -> None:
        del ancestors
        self.found.add(".".join(p for p in (node.schemaname, node.relname) if p).lower())


def _text(node: ast.expr, scope: dict) -> str | None:
    """The statement's text, the parts the reviewer does not know as :data:`UNKNOWN_PART`."""
    if isinstance(node, ast.Call) and func_name(node) in ("text", "dedent", "str") \
            and node.args:
        return _text(node.args[0], scope)
    if isinstance(node, ast.Call) and isinstance(node.func, ast.Attribute) \
            and node.func.attr == "format":
        template = _text(node.func.value, scope)
        if template is None:
            return None
        args = [_part(a, scope) for a in node.args]
        named = {k.arg: _part(k.value, scope) for k in node.keywords if k.arg}
        try:
            return template.format(*args, **named)
        except (IndexError, KeyError, ValueError):
            return None
    if isinstance(node, ast.JoinedStr):
        return "".join(v.value if isinstance(v, ast.Constant) and isinstance(v.value, str)
                       else _part(v.value, scope) if isinstance(v, ast.FormattedValue)
                       else UNKNOWN_PART for v in node.values)
    value = evaluate(node, scope)
    return value if isinstance(value, str) else None


def _part(node: ast.expr, scope: dict) -> str:
    value = evaluate(node, scope)
    return value if isinstance(value, str) else UNKNOWN_PART
