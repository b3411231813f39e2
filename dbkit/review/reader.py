"""A revision file, read statically: its ids, and the operations of upgrade() and downgrade().

The file is parsed with :mod:`ast` and never imported: no import of the
learner's models, no run of their ``env.py``. Each ``op.*`` call, each SQL
string executed (parsed by :mod:`dbkit.review.pgsql`), each SQLAlchemy Core
statement executed (:mod:`dbkit.review.evaluate`) and each :mod:`dbkit.online`
helper becomes an :class:`~dbkit.review.ops.Op`; calls to functions defined in
the file are followed. Files with a UTF-8 byte order mark or Windows line
endings read like any other.
"""

from __future__ import annotations

import ast
import functools
import io
import re
import tokenize
from collections.abc import Sequence
from dataclasses import dataclass, field
from pathlib import Path

from dbkit.review.evaluate import BIND, Bind, Core, column_info, evaluate, func_name
from dbkit.review.ops import UNKNOWN, ColumnInfo, Op
from dbkit.review.pgsql import sql_ops

__all__ = ["CONSTRAINT_OPS", "MARKER", "UNKNOWN", "ColumnInfo", "Op", "Revision",
           "read_revision"]

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

# ``# dbkit: ignore[rule-id, other-rule] because <reason>``
IGNORE = re.compile(r"#\s*dbkit:\s*ignore\[(?P<rules>[^\]]*)\]\s*(?P<rest>.*?)\s*$")
HELPER_DEPTH = 4  # how deep calls to the file's own functions are followed


@dataclass(frozen=True)
class Ignore:
    line: int
    rules: tuple[str, ...]
    reason: str  # "" when the comment gives none


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
    branch_labels: tuple[str, ...] = ()
    depends_on: tuple[str, ...] = ()
    markers: dict[int, str] = field(default_factory=dict)
    ignores: dict[int, Ignore] = field(default_factory=dict)
    comment_lines: set[int] = field(default_factory=set)
    error: str | None = None
    not_read: str | None = None  # why the file was not read at all (also in ``error``)

    @functools.cached_property
    def key(self) -> Path:
        """The file's resolved path: what reports and --diff-base compare."""
        return self.path.resolve()

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



    def ignore_for(self, line: int, rule: str) -> Ignore | None:
        """The ignore comment for ``rule`` on ``line`` or in the comment block right above it."""
        candidates = [line]
        above = line - 1
        while above in self.comment_lines:
            candidates.append(above)
            above -= 1
        for number in candidates:
            ignore = self.ignores.get(number)
            if ignore and any(r == rule or (r.endswith(":*") and rule.startswith(r[:-1]))
                              for r in ignore.rules):
                return ignore
        return None


SIGNATURES = {
    "add_column": ("table_name", "column"),
    "drop_column": ("table_name", "column_name"),
    "alter_column": ("table_name", "column_name"),
    "create_table": ("table_name",),
    "drop_table": ("table_name",),
    "rename_table": ("old_table_name", "new_table_name"),
    "create_unique_constraint": ("constraint_name", "table_name", "columns"),
    "create_foreign_key": ("constraint_name", "source_table", "referent_table", "local_cols"),
    "create_check_constraint": ("constraint_name", "table_name", "condition"),
    "create_primary_key": ("constraint_name", "table_name", "columns"),
    "drop_constraint": ("constraint_name", "table_name"),
    "create_index": ("index_name", "table_name", "columns"),
    "drop_index": ("index_name", "table_name"),
    "bulk_insert": ("table", "rows"),
}
TABLE_PARAMS = ("table_name", "source_table", "old_table_name")
CONSTRAINT_OPS = ("create_unique_constraint", "create_foreign_key", "create_check_constraint",
                  "create_primary_key", "drop_constraint")
HELPERS = {"backfill_in_batches": ("table", "set_", "where"), "add_not_null": ("table", "column")}
EXECUTORS = ("execute", "exec_driver_sql")


def read_revision(path: Path, shown: str, within: Path | None = None) -> Revision:
    """The revision in ``path``, read statically. Never raises for what the file holds.

    ``within``: the reviewed folder. A file reached through a symbolic link (or out of
    ``within``), that is not a regular file, larger than :data:`MAX_FILE_BYTES` or nested
    deeper than :data:`MAX_NESTING` is not read: ``not_read`` says why (rule file-not-read).
    Time and memory are linear in the file's size up to that limit.
    """
    rev = Revision(path=path, shown=shown)
    try:
        source = _bounded_source(path, within)
        tree = ast.parse(source, filename=str(path))
        _check_nesting(tree)
    except NotRead as exc:
        rev.error = rev.not_read = str(exc)
        return rev
    except (OSError, UnicodeDecodeError, SyntaxError, ValueError) as exc:
        rev.error = f"cannot be read as Python: {exc}"
        rev.revision_line = getattr(exc, "lineno", None) or 1
        return rev
    except (RecursionError, MemoryError):
        rev.error = rev.not_read = (f"is nested too deeply to be read (limit: {MAX_NESTING} "
                                    "levels)")
        return rev
    try:
        return _read_tree(rev, source, tree)
    except (RecursionError, MemoryError):  # the boundary: one line, never a traceback
        fresh = Revision(path=path, shown=shown)
        fresh.error = fresh.not_read = (f"is nested too deeply to be read (limit: "
                                        f"{MAX_NESTING} levels)")
        return fresh


MAX_FILE_BYTES = 1024 * 1024
MAX_NESTING = 100


class NotRead(Exception):
    """Why a file is not read (a link out of the folder, too big, nested too deeply)."""


def _bounded_source(path: Path, within: Path | None) -> str:
    from dbkit.sandbox import NotCopied, read_regular_file

    try:
        size = path.lstat().st_size
    except OSError as exc:
        raise NotRead(f"cannot be read: {exc.strerror}") from None
    if size > MAX_FILE_BYTES and not path.is_symlink():
        raise NotRead(f"is {size / 1024 / 1024:.1f} MB, larger than the reviewer reads "
                      f"({MAX_FILE_BYTES // 1024 // 1024} MB per revision)")
    try:
        data = read_regular_file(path, within)
    except NotCopied as exc:
        raise NotRead(str(exc).removeprefix(path.name + " ")) from None
    if len(data) > MAX_FILE_BYTES:
        raise NotRead(f"is larger than the reviewer reads ({MAX_FILE_BYTES // 1024 // 1024} MB "
                      "per revision)")
    return data.decode("utf-8-sig")  # a BOM is no code


def _check_nesting(tree: ast.AST) -> None:
    """Refuse a tree nested deeper than MAX_NESTING: level by level, no recursion here."""
    level: list[ast.AST] = [tree]
    depth = 1
    while level:
        if depth > MAX_NESTING:
            raise NotRead(f"is nested deeper than the reviewer reads ({MAX_NESTING} levels)")
        below: list[ast.AST] = []
        for node in level:
            for name in node._fields:
                value = getattr(node, name, None)
                if isinstance(value, list):
                    below.extend(v for v in value if isinstance(v, ast.AST))
                elif isinstance(value, ast.AST) and not isinstance(value, _LEAVES):
                    below.append(value)
        level = below
        depth += 1


_LEAVES = (ast.expr_context, ast.Constant, ast.Name)


def _read_tree(rev: Revision, source: str, tree: ast.Module) -> Revision:
    path = rev.path
    _read_comments(rev, source)
    scope: dict[str, object] = {}
    functions: dict[str, ast.FunctionDef] = {}
    for node in tree.body:
        if isinstance(node, ast.FunctionDef):
            functions[node.name] = node
            continue
        target, value = _assignment(node)
        if target is not None:
            scope[target] = evaluate(value, scope)
        if target == "revision":
            revision = scope[target]
            rev.revision = revision if isinstance(revision, str) else None
            rev.revision_line = node.lineno
        elif target == "down_revision":
            rev.has_down_revision = True
            rev.down_line = node.lineno
            down = scope[target]
            if isinstance(down, str):
                rev.down_revision = (down,)
            elif isinstance(down, (tuple, list)):
                rev.down_revision = tuple(d for d in down if isinstance(d, str))
        elif target == "branch_labels":
            labels = scope[target]
            if isinstance(labels, str):
                labels = (labels,)
            if labels is not None:  # a label we cannot read (cli.EXPAND_BRANCH) is a label
                rev.branch_labels = tuple(x if isinstance(x, str) else f"?{path.name}"
                                          for x in labels) if isinstance(labels, tuple) \
                    else (f"?{path.name}",)
        elif target == "depends_on":
            depends = scope[target]
            rev.depends_on = (depends,) if isinstance(depends, str) else tuple(
                x for x in depends if isinstance(x, str)) if isinstance(depends, tuple) else ()
    for name in ("upgrade", "downgrade"):
        function = functions.get(name)
        if function is None:
            continue
        ops = _OpCollector(scope, functions).collect(function)
        empty = not _effective(function.body)
        if name == "upgrade":
            rev.upgrade, rev.upgrade_line, rev.upgrade_empty = ops, function.lineno, empty
        else:
            rev.downgrade, rev.downgrade_line, rev.downgrade_empty = ops, function.lineno, empty
            statements = _effective(function.body)
            rev.downgrade_raises = bool(statements) and all(
                isinstance(s, ast.Raise) for s in statements)
    return rev


def _read_comments(rev: Revision, source: str) -> None:
    if "dbkit:" not in source:  # no marker, no ignore: nothing to tokenize for
        return
    lines = source.splitlines()
    try:
        for token in tokenize.generate_tokens(io.StringIO(source).readline):
            if token.type == tokenize.COMMENT:
                line = token.start[0]
                match = MARKER.search(token.string)
                if match:
                    rev.markers[line] = match["where"]
                ignore = IGNORE.search(token.string)
                if ignore:
                    rules = tuple(r.strip() for r in ignore["rules"].split(",") if r.strip())
                    reason = re.match(r"because\s+(?P<why>\S.*)", ignore["rest"])
                    rev.ignores[line] = Ignore(line, rules, reason["why"] if reason else "")
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


class _OpCollector(ast.NodeVisitor):
    """The ops of one function, in execution order, through with/if/for/try blocks and
    into the functions of the file it calls."""

    def __init__(self, module_scope: dict[str, object],
                 functions: dict[str, ast.FunctionDef]) -> None:
        self.ops: list[Op] = []
        self.batch: dict[str, str] = {}  # batch_op alias -> its table
        self.module_scope = module_scope
        self.functions = functions
        self.scope: dict[str, object] = dict(module_scope)
        self.stack: list[str] = []

    def collect(self, function: ast.FunctionDef) -> list[Op]:
        self.stack.append(function.name)
        for statement in function.body:
            self.visit(statement)
        for seq, op in enumerate(self.ops):
            op.seq = seq
        return self.ops

    def visit_FunctionDef(self, node: ast.FunctionDef) -> None:
        self.functions = {**self.functions, node.name: node}  # a nested helper: called later

    def visit_Assign(self, node: ast.Assign) -> None:
        self.visit(node.value)
        value = evaluate(node.value, self.scope)
        for target in node.targets:
            if isinstance(target, ast.Name):
                self.scope[target.id] = value
            else:
                for name in ast.walk(target):
                    if isinstance(name, ast.Name):
                        self.scope[name.id] = UNKNOWN

    def visit_With(self, node: ast.With) -> None:
        saved = dict(self.batch)
        for item in node.items:
            expr = item.context_expr
            if isinstance(expr, ast.Call) and func_name(expr) == "batch_alter_table":
                table = _qualified(_bind(expr, ("table_name",), self.scope))
                if isinstance(item.optional_vars, ast.Name) and table:
                    self.batch[item.optional_vars.id] = table
            else:
                self.visit(expr)
                if isinstance(item.optional_vars, ast.Name):
                    value = evaluate(expr, self.scope)
                    self.scope[item.optional_vars.id] = BIND if isinstance(value, Bind) \
                        else UNKNOWN
        for statement in node.body:
            self.visit(statement)
        self.batch = saved

    def visit_Call(self, node: ast.Call) -> None:
        found = self._op(node)
        if found is None:
            self.generic_visit(node)
            self._follow(node)
            return
        self.ops += found

    def _follow(self, call: ast.Call) -> None:
        """A call to a function defined in the file: its ops, arguments bound."""
        if not isinstance(call.func, ast.Name):
            return
        function = self.functions.get(call.func.id)
        if function is None or function.name in self.stack or len(self.stack) > HELPER_DEPTH:
            return
        saved_scope, saved_batch = self.scope, self.batch
        local = dict(self.module_scope)
        params = [a.arg for a in function.args.posonlyargs + function.args.args]
        for param, arg in zip(params, call.args, strict=False):
            local[param] = evaluate(arg, self.scope)
        for keyword in call.keywords:
            if keyword.arg:
                local[keyword.arg] = evaluate(keyword.value, self.scope)
        defaults = function.args.defaults
        for param, default in zip(params[len(params) - len(defaults):], defaults, strict=False):
            local.setdefault(param, evaluate(default, self.module_scope))
        self.scope, self.batch = local, {}
        self.stack.append(function.name)
        start = len(self.ops)
        for statement in function.body:
            self.visit(statement)
        for op in self.ops[start:]:
            op.via = "helper"
        self.stack.pop()
        self.scope, self.batch = saved_scope, saved_batch

    def _op(self, call: ast.Call) -> list[Op] | None:
        name = func_name(call)
        value = call.func.value if isinstance(call.func, ast.Attribute) else None
        receiver = value.id if isinstance(value, ast.Name) else None
        line, end = call.lineno, call.end_lineno or call.lineno
        if name in HELPERS and not (receiver == "op" or receiver in self.batch):
            return self._helper(name, call, line, end)
        if name in EXECUTORS and call.args and isinstance(call.func, ast.Attribute):
            return self._execute(call, receiver, line, end)
        if name == "query" and isinstance(call.func, ast.Attribute):
            stmt = evaluate(call, self.scope)
            if isinstance(stmt, Core) and stmt.reads:
                return [Op("read", line, end, reads=set(stmt.reads), via="core")]
            return None
        if name not in SIGNATURES or not (receiver == "op" or receiver in self.batch):
            return None
        return [self._alembic(name, call, receiver, line, end)]

    def _helper(self, name: str, call: ast.Call, line: int, end: int) -> list[Op]:
        args = _bind(call, HELPERS[name], self.scope)
        table = _qualified(args)
        if name == "backfill_in_batches":
            set_ = args.get("set_")
            ops = sql_ops(f"UPDATE {table} SET {set_}", line, end) \
                if table and isinstance(set_, str) else []
            ops = [o for o in ops if o.name == "backfill"] or [Op("backfill", line, end,
                                                                  table=table)]
            for op in ops:
                op.via = "helper"
            return ops
        column = args.get("column")
        return [Op("set_not_null", line, end, table=table,
                   column=column if isinstance(column, str) else None, via="helper")]

    def _execute(self, call: ast.Call, receiver: str | None, line: int, end: int) -> list[Op]:
        self.visit(call.args[0])  # a helper called inside the argument, say
        statement = evaluate(call.args[0], self.scope)
        if isinstance(statement, str):
            return sql_ops(statement, line, end)
        if isinstance(statement, Core):
            if statement.kind in ("update", "insert"):
                kind = "backfill" if statement.kind == "update" else "insert"
                return [Op(kind, line, end, table=statement.table, via="core",
                           reads=set(statement.reads), writes=set(statement.writes))]
            if statement.kind == "select":
                return [Op("read", line, end, reads=set(statement.reads), via="core")]
            return [Op("execute", line, end, table=statement.table, via="core")]
        on = self.scope.get(receiver or "", UNKNOWN)
        if receiver == "op" or receiver in self.batch or isinstance(on, Bind) \
                or isinstance(evaluate(call.func.value, self.scope), Bind):  # type: ignore
            return [Op("execute", line, end)]
        return []

    def _alembic(self, name: str, call: ast.Call, receiver: str | None, line: int,
                 end: int) -> Op:
        params = SIGNATURES[name]
        batch_table = self.batch.get(receiver) if receiver and receiver != "op" else None
        if batch_table:
            params = tuple(p for p in params if p not in TABLE_PARAMS)
        args = _bind(call, params, self.scope)
        if batch_table:
            args["table_name"] = batch_table
        op = Op(name, line, end, table=_qualified(args))
        if name in CONSTRAINT_OPS or name in ("create_index", "drop_index"):
            op.constraint = args.get("constraint_name", args.get("index_name", UNKNOWN))
            keys = args.get("columns", args.get("local_cols"))
            if isinstance(keys, tuple):
                op.keys = tuple(k for k in keys if isinstance(k, str))
        op.if_not_exists = args.get("if_not_exists") is True
        if name == "add_column":
            node = args.get("column")
            op.added = column_info(node, self.scope) if isinstance(node, ast.expr) else None
            op.column = op.added.name if op.added else None
        elif name in ("drop_column", "alter_column"):
            column = args.get("column_name")
            op.column = column if isinstance(column, str) else None
            new = args.get("new_column_name")
            op.new_name = new if isinstance(new, str) else None
            nullable = args.get("nullable")
            op.nullable = nullable if isinstance(nullable, bool) else None
            if op.nullable is False and args.get("existing_nullable") is False:
                op.nullable = None  # NOT NULL already: nothing changes
        elif name == "create_table":
            rest = call.args[1:] if not batch_table else call.args
            op.columns = {c.name: c for c in (column_info(a, self.scope) for a in rest) if c}
        elif name == "rename_table":
            new = args.get("new_table_name")
            op.new_name = _qualified({"table_name": new, "schema": args.get("schema")}) \
                if isinstance(new, str) else None
        elif name == "bulk_insert":
            op.name = "insert"
            table = args.get("table")
            op.table = getattr(table, "name", None)
            op.writes = {(op.table, "*")} if op.table else set()
        return op


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
    schema = args.get("schema")
    return f"{schema}.{table}" if isinstance(schema, str) else table
