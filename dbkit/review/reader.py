"""A revision file, read statically: its ids, and the operations of upgrade() and downgrade().

The file is parsed with :mod:`ast` and never imported: no import of the
learner's models, no run of their ``env.py``. Each ``op.*`` call (and each
:mod:`dbkit.online` helper) becomes an :class:`Op` with its line. Files with a
UTF-8 byte order mark or Windows line endings read like any other.
"""

from __future__ import annotations

import ast
import io
import re
import tokenize
from collections.abc import Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

# The acknowledgement of a drop, written as a comment on the line of the
# drop_column / drop_table call or in the comment block right above it:
#
#     # dbkit: data-kept-in archive.recruit_id_numbers
#     op.drop_column("recruits", "id_number")
#
# It must name where the data went (a table, a column, a file): free text
# after ``data-kept-in``, at least one word. It silences data-dropped and
# rename-as-drop-add for that one call.
MARKER = re.compile(r"#\s*dbkit:\s*data-kept-in\s+(?P<where>\S.*?)\s*$")

UNKNOWN = object()  # an argument the reviewer cannot evaluate statically

@dataclass
class ColumnInfo:
    name: str
    type_: str | None = None
    nullable: bool = True
    server_default: bool = False


@dataclass
class Op:
    """One schema change found in ``upgrade()`` or ``downgrade()``, with its line."""

    name: str  # alembic's op name, or "backfill" / "set_not_null" for the helpers
    line: int
    end_line: int
    table: str | None = None
    column: str | None = None
    new_name: str | None = None
    nullable: bool | None = None
    added: ColumnInfo | None = None
    columns: dict[str, ColumnInfo] = field(default_factory=dict)
    constraint: object = UNKNOWN  # a name, None (unnamed), or UNKNOWN
    sets: dict[str, str] = field(default_factory=dict)  # backfilled column -> expression
    copies_from: str | None = None  # INSERT ... SELECT <copies> FROM <table>
    copies: str = ""
    if_not_exists: bool = False


@dataclass
class Revision:
    path: Path
    shown: str  # the path as the user gave it or as we found it
    revision: str | None = None
    revision_line: int = 1
    down_revision: tuple[str, ...] | None = None
    has_down_revision: bool = False
    down_line: int = 1
    upgrade: list[Op] = field(default_factory=list)
    downgrade: list[Op] = field(default_factory=list)
    upgrade_line: int | None = None
    downgrade_line: int | None = None
    upgrade_empty: bool = True
    downgrade_empty: bool = True
    downgrade_raises: bool = False
    markers: dict[int, str] = field(default_factory=dict)
    comment_lines: set[int] = field(default_factory=set)
    error: str | None = None

    @property
    def name(self) -> str:
        return self.revision or self.path.stem

    def marker_for(self, op: Op) -> str | None:
        """The data-kept-in marker on the op's lines or in the comments right above it."""
        for line in range(op.line, op.end_line + 1):
            if line in self.markers:
                return self.markers[line]
        line = op.line - 1
        while line in self.comment_lines:
            if line in self.markers:
                return self.markers[line]
            line -= 1
        return None


SIGNATURES = {
    "add_column": ("table_name", "column"),
    "drop_column": ("table_name", "column_name"),
    "alter_column": ("table_name", "column_name"),
    "create_table": ("table_name",),
    "drop_table": ("table_name",),
    "rename_table": ("old_table_name", "new_table_name"),
    "create_unique_constraint": ("constraint_name", "table_name", "columns"),
    "create_foreign_key": ("constraint_name", "source_table", "referent_table"),
    "create_check_constraint": ("constraint_name", "table_name", "condition"),
    "create_primary_key": ("constraint_name", "table_name", "columns"),
    "drop_constraint": ("constraint_name", "table_name"),
    "create_index": ("index_name", "table_name", "columns"),
    "drop_index": ("index_name", "table_name"),
    "execute": ("sqltext",),
}
TABLE_PARAMS = ("table_name", "source_table", "old_table_name")
CONSTRAINT_OPS = ("create_unique_constraint", "create_foreign_key", "create_check_constraint",
                  "create_primary_key", "drop_constraint")
HELPERS = {"backfill_in_batches": ("table", "set_", "where"), "add_not_null": ("table", "column")}


def read_revision(path: Path, shown: str) -> Revision:
    rev = Revision(path=path, shown=shown)
    try:
        source = path.read_text(encoding="utf-8-sig")  # a BOM is no code
        tree = ast.parse(source, filename=str(path))
    except (OSError, UnicodeDecodeError, SyntaxError, ValueError) as exc:
        rev.error = f"cannot be read as Python: {exc}"
        rev.revision_line = getattr(exc, "lineno", None) or 1
        return rev
    _read_comments(rev, source)
    for node in tree.body:
        target, value = _assignment(node)
        if target == "revision":
            revision = _value(value)
            rev.revision = revision if isinstance(revision, str) else None
            rev.revision_line = node.lineno
        elif target == "down_revision":
            rev.has_down_revision = True
            rev.down_line = node.lineno
            down = _value(value)
            if isinstance(down, str):
                rev.down_revision = (down,)
            elif isinstance(down, (tuple, list)):
                rev.down_revision = tuple(d for d in down if isinstance(d, str))
        elif isinstance(node, ast.FunctionDef) and node.name in ("upgrade", "downgrade"):
            ops = _OpCollector().collect(node)
            empty = not _effective(node.body)
            if node.name == "upgrade":
                rev.upgrade, rev.upgrade_line, rev.upgrade_empty = ops, node.lineno, empty
            else:
                rev.downgrade, rev.downgrade_line, rev.downgrade_empty = ops, node.lineno, empty
                statements = _effective(node.body)
                rev.downgrade_raises = bool(statements) and all(
                    isinstance(s, ast.Raise) for s in statements)
    return rev


def _read_comments(rev: Revision, source: str) -> None:
    lines = source.splitlines()
    try:
        for token in tokenize.generate_tokens(io.StringIO(source).readline):
            if token.type == tokenize.COMMENT:
                line = token.start[0]
                match = MARKER.search(token.string)
                if match:
                    rev.markers[line] = match["where"]
                if lines[line - 1].strip().startswith("#"):
                    rev.comment_lines.add(line)
    except (tokenize.TokenError, IndentationError):
        pass


def _assignment(node: ast.stmt) -> tuple[str | None, ast.expr | None]:
    if isinstance(node, ast.Assign) and len(node.targets) == 1 \
            and isinstance(node.targets[0], ast.Name):
        return node.targets[0].id, node.value
    if isinstance(node, ast.AnnAssign) and isinstance(node.target, ast.Name) and node.value:
        return node.target.id, node.value
    return None, None


def _effective(body: Sequence[ast.stmt]) -> list[ast.stmt]:
    """The statements that do something: no docstring, ``pass`` or ``...``."""
    return [s for s in body if not isinstance(s, ast.Pass) and not (
        isinstance(s, ast.Expr) and isinstance(s.value, ast.Constant)
        and (isinstance(s.value.value, str) or s.value.value is Ellipsis))]


def _value(node: ast.expr | None) -> object:
    """A literal's value; op.f("x") and sa.text("x") are "x"; f-strings keep their text."""
    if node is None:
        return UNKNOWN
    if isinstance(node, ast.Constant):
        return node.value
    if isinstance(node, (ast.Tuple, ast.List)):
        return tuple(_value(e) for e in node.elts)
    if isinstance(node, ast.JoinedStr):
        return "".join(str(v.value) if isinstance(v, ast.Constant) else "{}" for v in node.values)
    if isinstance(node, ast.BinOp) and isinstance(node.op, ast.Add):
        left, right = _value(node.left), _value(node.right)
        if isinstance(left, str) and isinstance(right, str):
            return left + right
    if isinstance(node, ast.Call) and _func_name(node) in ("f", "text", "quoted_name") \
            and node.args:
        return _value(node.args[0])
    return UNKNOWN


def _func_name(call: ast.Call) -> str | None:
    if isinstance(call.func, ast.Attribute):
        return call.func.attr
    if isinstance(call.func, ast.Name):
        return call.func.id
    return None


def _column(node: ast.expr) -> ColumnInfo | None:
    """``sa.Column("name", sa.String(100), nullable=False, server_default=...)``."""
    if not (isinstance(node, ast.Call) and _func_name(node) == "Column" and node.args):
        return None
    name = _value(node.args[0])
    if not isinstance(name, str):
        return None
    type_ = None
    if len(node.args) > 1:
        t = node.args[1]
        t = t.func if isinstance(t, ast.Call) else t
        type_ = t.attr if isinstance(t, ast.Attribute) else getattr(t, "id", None)
    kw = {k.arg: k.value for k in node.keywords if k.arg}
    primary = _value(kw.get("primary_key")) is True
    nullable = _value(kw.get("nullable")) if "nullable" in kw else not primary
    server_default = "server_default" in kw and _value(kw["server_default"]) is not None
    return ColumnInfo(name, type_, nullable is not False, server_default)


class _OpCollector(ast.NodeVisitor):
    """The op.* calls of one function, in source order, through with/if/for/try blocks."""

    def __init__(self) -> None:
        self.ops: list[Op] = []
        self.batch: dict[str, str] = {}  # batch_op alias -> its table

    def collect(self, function: ast.FunctionDef) -> list[Op]:
        for statement in function.body:
            self.visit(statement)
        return self.ops

    def visit_With(self, node: ast.With) -> None:
        saved = dict(self.batch)
        for item in node.items:
            expr = item.context_expr
            if isinstance(expr, ast.Call) and _func_name(expr) == "batch_alter_table":
                table = _qualified(_bind(expr, ("table_name",)))
                if isinstance(item.optional_vars, ast.Name) and table:
                    self.batch[item.optional_vars.id] = table
            else:
                self.visit(expr)
        for statement in node.body:
            self.visit(statement)
        self.batch = saved

    def visit_Call(self, node: ast.Call) -> None:
        op = self._op(node)
        if op is not None:
            self.ops.append(op)
        self.generic_visit(node)

    def _op(self, call: ast.Call) -> Op | None:
        name = _func_name(call)
        value = call.func.value if isinstance(call.func, ast.Attribute) else None
        receiver = value.id if isinstance(value, ast.Name) else None
        lines: dict[str, Any] = dict(line=call.lineno, end_line=call.end_lineno or call.lineno)
        if name in HELPERS:
            args = _bind(call, HELPERS[name])
            table = _qualified(args)
            if name == "backfill_in_batches":
                return Op("backfill", table=table, sets=_assignments(args.get("set_")), **lines)
            column = args.get("column")
            return Op("set_not_null", table=table,
                      column=column if isinstance(column, str) else None, **lines)
        if name == "execute" and (receiver == "op" or receiver in self.batch or call.args):
            return _sql_op(_value(call.args[0]) if call.args else UNKNOWN, lines)
        if name not in SIGNATURES or not (receiver == "op" or receiver in self.batch):
            return None
        params = SIGNATURES[name]
        batch_table = self.batch.get(receiver) if receiver and receiver != "op" else None
        if batch_table:
            params = tuple(p for p in params if p not in TABLE_PARAMS)
        args = _bind(call, params)
        if batch_table:
            args["table_name"] = batch_table
        op = Op(name, table=_qualified(args), **lines)
        if name in CONSTRAINT_OPS or name in ("create_index", "drop_index"):
            op.constraint = args.get("constraint_name", args.get("index_name", UNKNOWN))
        op.if_not_exists = args.get("if_not_exists") is True
        if name == "add_column":
            node = args.get("column")
            op.added = _column(node) if isinstance(node, ast.expr) else None
            op.column = op.added.name if op.added else None
        elif name in ("drop_column", "alter_column"):
            column = args.get("column_name")
            op.column = column if isinstance(column, str) else None
            new = args.get("new_column_name")
            op.new_name = new if isinstance(new, str) else None
            nullable = args.get("nullable")
            op.nullable = nullable if isinstance(nullable, bool) else None
        elif name == "create_table":
            rest = call.args[1:] if not batch_table else call.args
            op.columns = {c.name: c for c in map(_column, rest) if c}
        elif name == "rename_table":
            new = args.get("new_table_name")
            op.new_name = _qualified({"table_name": new, "schema": args.get("schema")}) \
                if isinstance(new, str) else None
        return op


def _bind(call: ast.Call, params: Sequence[str]) -> dict[str, object]:
    """Positional and keyword arguments by parameter name; expressions for Column nodes."""
    bound: dict[str, object] = {}
    for param, node in zip(params, call.args, strict=False):
        bound[param] = node if param == "column" else _value(node)
    for keyword in call.keywords:
        if keyword.arg:
            bound[keyword.arg] = keyword.value if keyword.arg == "column" \
                else _value(keyword.value)
    return bound


def _qualified(args: dict[str, object]) -> str | None:
    table = next((args[p] for p in TABLE_PARAMS if p in args), None)
    if not isinstance(table, str):
        return None
    schema = args.get("schema")
    return f"{schema}.{table}" if isinstance(schema, str) else table


UPDATE = re.compile(r"\bUPDATE\s+(?:ONLY\s+)?(?P<table>[\w.\"]+)\s+(?:(?:AS\s+)?\w+\s+)?"
                    r"SET\s+(?P<sets>.+?)(?=\s+(?:FROM|WHERE|RETURNING)\b|;|$)",
                    re.IGNORECASE | re.DOTALL)
COPY = re.compile(r"\b(?:INSERT\s+INTO|CREATE\s+TABLE)\s+[\w.\"]+.*?\bSELECT\b(?P<copies>.*?)"
                  r"\bFROM\s+(?P<table>[\w.\"]+)", re.IGNORECASE | re.DOTALL)


def _sql_op(sql: object, lines: dict[str, Any]) -> Op:
    op = Op("execute", **lines)
    if not isinstance(sql, str):
        return op
    update = UPDATE.search(sql)
    if update:
        op.name = "backfill"
        op.table = update["table"].replace('"', "")
        op.sets = _assignments(update["sets"])
    copy = COPY.search(sql)
    if copy:
        op.copies_from, op.copies = copy["table"].replace('"', ""), copy["copies"]
    return op


def _assignments(sets: object) -> dict[str, str]:
    """``"a = 1, b = f(x, y)"`` -> {"a": "1", "b": "f(x, y)"}."""
    if not isinstance(sets, str):
        return {}
    parts, depth, current = [], 0, ""
    for char in sets:
        depth += char == "("
        depth -= char == ")"
        if char == "," and depth == 0:
            parts.append(current)
            current = ""
        else:
            current += char
    parts.append(current)
    result = {}
    for part in parts:
        match = re.match(r'\s*"?(\w+)"?\s*=(?!=)(.*)', part, re.DOTALL)
        if match:
            result[match[1]] = match[2].strip()
    return result


