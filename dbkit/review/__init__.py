"""``python -m dbkit review [PATH ...]``: review a learner's migrations the way an instructor would.

Autogenerate writes every rename as "drop the old column, add the new one",
which throws the old column's data away, and learners commit it unedited.
Lock-safety linters miss that (they even flag the real rename as the unsafe
thing). This reviewer reads each revision file **statically** (``ast``: no
import of the learner's models, no run of their ``env.py``), follows the chain
from revision to revision, and reports:

========================== ======= =============================================
rule                       level   what
========================== ======= =============================================
rename-as-drop-add         error   drop X + add Y on one table (or drop_table +
                                   create_table), in one revision or two
                                   consecutive ones: X's data is lost
not-null-without-backfill  error   a NOT NULL column added to an existing table
                                   with no server default, or NOT NULL set with
                                   no backfill before it (earlier revisions
                                   count), or a backfill placed after it
data-dropped               error   drop_column / drop_table with no copy of the
                                   data and no ``# dbkit: data-kept-in`` marker
unnamed-constraint         error   ``create_unique_constraint(None, ...)``,
                                   ``drop_constraint(None, ...)``, ...
broken-chain               error   several heads or roots, an unknown or missing
                                   ``down_revision``, a duplicate revision id,
                                   the same change applied twice, a file that
                                   does not parse
missing-downgrade          warning the upgrade does something, the downgrade
                                   nothing
empty-revision             warning the upgrade does nothing (merges excepted)
squawk:<rule>              warning squawk's lock-safety findings on the
                                   PostgreSQL SQL of the upgrade
========================== ======= =============================================

For the SQL, each revision's ``upgrade()`` is rendered offline (``as_sql``)
with our own MigrationContext; a revision that cannot be imported or rendered
gets a ``not-rendered`` warning and keeps its static findings.

Exit code: 1 when there is any error-level finding, 0 otherwise, 2 on bad input.
"""

from __future__ import annotations

import argparse
import ast
import configparser
import io
import json
import logging
import os
import re
import shutil
import subprocess
import sys
import tempfile
import tokenize
from collections import defaultdict
from collections.abc import Iterator, Sequence
from dataclasses import dataclass, field
from pathlib import Path

from dbkit.database import PROJECT_ROOT
from dbkit.errors import DbkitError
from dbkit.review import render

log = logging.getLogger(__name__)

ERROR, WARNING = "error", "warning"
SEVERITY = {
    "rename-as-drop-add": ERROR,
    "not-null-without-backfill": ERROR,
    "data-dropped": ERROR,
    "unnamed-constraint": ERROR,
    "broken-chain": ERROR,
    "missing-downgrade": WARNING,
    "empty-revision": WARNING,
    "not-rendered": WARNING,
}

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

# Folders a repository keeps its revisions in, when alembic.ini does not say.
VERSIONS_GLOBS = ("versions", "migrations/versions", "alembic/versions", "*/migrations/versions",
                  "*/alembic/versions")

UNKNOWN = object()  # an argument the reviewer cannot evaluate statically

# squawk's rules we do not report, and why. Everything else squawk finds on
# the rendered SQL is reported as a ``squawk:<rule>`` warning.
SQUAWK_EXCLUDED = (
    # A rename is the data-safe choice in this project (rename-as-drop-add is
    # the mistake we look for); squawk flags the rename itself.
    "renaming-column",
    "renaming-table",
    # Reported by our data-dropped rule, which knows about copies and markers.
    "ban-drop-column",
    "ban-drop-table",
    # Reported by our not-null-without-backfill rule, which knows about
    # server defaults and backfills in earlier revisions.
    "adding-required-field",
    # Timeouts are set once per connection (in env.py, which the reviewer never
    # runs), not before each statement of each revision file: on a rendered
    # revision these fire on every statement of every revision.
    "require-lock-timeout",
    "require-statement-timeout",
    # Alembic runs each revision in a transaction; the statements outside one
    # are dbkit.online's lock-safe steps (CONCURRENTLY needs autocommit), each
    # of which checks the catalog first, which squawk cannot see in the SQL.
    "prefer-robust-stmts",
    # Column-type style, not the lock safety of a migration: SQLAlchemy renders
    # an Integer primary key as SERIAL, and the exercise's models use String(n).
    "prefer-bigint-over-int",
    "prefer-identity",
    "prefer-text-field",
)


@dataclass(frozen=True)
class Finding:
    file: str
    line: int
    rule: str
    message: str
    fix: str = ""

    @property
    def severity(self) -> str:
        return SEVERITY.get(self.rule, WARNING)

    def as_json(self) -> dict:
        return {"file": self.file, "line": self.line, "rule": self.rule,
                "severity": self.severity, "message": self.text(), "fix": self.fix}

    def text(self) -> str:
        return f"{self.message} Fix: {self.fix}" if self.fix else self.message


# --- reading a revision file ------------------------------------------------------------------

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
        source = path.read_text(encoding="utf-8")
        tree = ast.parse(source, filename=str(path))
    except (OSError, UnicodeDecodeError, SyntaxError, ValueError) as exc:
        rev.error = f"cannot be read as Python: {exc}"
        rev.revision_line = getattr(exc, "lineno", None) or 1
        return rev
    _read_comments(rev, source)
    for node in tree.body:
        target, value = _assignment(node)
        if target == "revision":
            rev.revision = _value(value) if isinstance(_value(value), str) else None
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
        return "".join(v.value if isinstance(v, ast.Constant) else "{}" for v in node.values)
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
        receiver = call.func.value if isinstance(call.func, ast.Attribute) else None
        receiver = receiver.id if isinstance(receiver, ast.Name) else None
        lines = dict(line=call.lineno, end_line=call.end_lineno or call.lineno)
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
        batch_table = self.batch.get(receiver) if receiver != "op" else None
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
            op.added = _column(args["column"]) if "column" in args else None
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


def _sql_op(sql: object, lines: dict) -> Op:
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


# --- finding the revisions ----------------------------------------------------------------------

def find_versions(path: Path) -> Path:
    """The versions folder of a repository (alembic.ini's script_location, or the usual places)."""
    ini = path / "alembic.ini"
    if ini.is_file():
        parser = configparser.ConfigParser(defaults={"here": str(path)})
        try:
            parser.read(ini, encoding="utf-8")
            location = parser.get("alembic", "script_location", fallback=None)
        except configparser.Error:
            location = None
        if location:
            versions = (path / location).resolve() / "versions"
            if versions.is_dir():
                return versions
    for pattern in VERSIONS_GLOBS:
        for versions in sorted(path.glob(pattern)):
            if versions.is_dir():
                return versions
    if any(p.name != "__init__.py" for p in path.glob("*.py")):
        return path  # a versions folder itself
    raise DbkitError(f"no migrations found in {path}: expected a migration file, a versions "
                     "folder, or a repository with alembic.ini or migrations/versions")


def _shown(path: Path, given: str, base: Path) -> str:
    try:
        return str(Path(given) / path.relative_to(base))
    except ValueError:
        return str(path)


def collect(given: str) -> tuple[list[Revision], set[Path]]:
    """Every revision of the chain PATH belongs to, and the files to report on."""
    path = Path(given)
    if not path.exists():
        raise DbkitError(f"no such file or folder: {given}")
    if path.is_file():
        if path.suffix != ".py":
            raise DbkitError(f"not a Python migration file: {given}")
        folder, shown_base, given_base = path.parent, path.parent, str(Path(given).parent)
        report = {path.resolve()}
    else:
        folder = find_versions(path)
        shown_base, given_base, report = path, given, None
    revisions = []
    for file in sorted(folder.glob("*.py")):
        if file.name == "__init__.py":
            continue
        rev = read_revision(file, _shown(file, given_base, shown_base))
        if rev.error or rev.revision or rev.has_down_revision:
            revisions.append(rev)
    if report is None:
        report = {rev.path.resolve() for rev in revisions}
    return revisions, report


# --- the rules ----------------------------------------------------------------------------------

def chain_order(revisions: list[Revision]) -> list[Revision]:
    """Parents before children; files in name order where the chain does not decide."""
    by_id = {r.revision: r for r in revisions if r.revision}
    done: set[str] = set()
    ordered: list[Revision] = []

    def visit(rev: Revision, seen: frozenset) -> None:
        if rev.name in done or rev.name in seen:
            return
        for parent in rev.down_revision or ():
            if parent in by_id:
                visit(by_id[parent], seen | {rev.name})
        done.add(rev.name)
        ordered.append(rev)

    for rev in revisions:
        if not rev.error:
            visit(rev, frozenset())
    return [r for r in ordered if by_id.get(r.revision) is r or not r.revision]


def check_chain(revisions: list[Revision]) -> Iterator[Finding]:
    ids: dict[str, Revision] = {}
    for rev in revisions:
        if rev.error:
            yield Finding(rev.shown, rev.revision_line, "broken-chain", f"The file {rev.error}.",
                          "fix the syntax; Alembic cannot load any revision until then.")
            continue
        if not rev.revision:
            yield Finding(rev.shown, rev.revision_line, "broken-chain",
                          "The file has no `revision = \"...\"` identifier.",
                          "give it the revision id Alembic wrote in its header.")
            continue
        if rev.revision in ids:
            yield Finding(rev.shown, rev.revision_line, "broken-chain",
                          f"Revision id {rev.revision} is also used by {ids[rev.revision].shown}.",
                          "give one of them a new id and chain it after the other.")
        ids.setdefault(rev.revision, rev)
    for rev in revisions:
        if rev.error or not rev.revision:
            continue
        if not rev.has_down_revision:
            yield Finding(rev.shown, rev.revision_line, "broken-chain",
                          f"Revision {rev.revision} has no down_revision.",
                          "set down_revision to the revision it follows (None for the first).")
        for parent in rev.down_revision or ():
            if parent not in ids:
                yield Finding(rev.shown, rev.down_line, "broken-chain",
                              f"down_revision {parent!r} is not a revision in this folder: "
                              "the chain is cut here.",
                              "point down_revision at an existing revision (`alembic history`).")
    good = [r for r in revisions if r.revision and not r.error]
    parents = {p for r in good for p in r.down_revision or ()}
    heads = [r for r in good if r.revision not in parents]
    roots = [r for r in good if r.has_down_revision and not r.down_revision]
    if len(heads) > 1:
        names = ", ".join(r.revision for r in heads)
        for rev in heads:
            yield Finding(rev.shown, rev.revision_line, "broken-chain",
                          f"The chain has {len(heads)} heads ({names}): "
                          "`alembic upgrade head` refuses to run.",
                          "chain one after the other, or `alembic merge heads`.")
    if len(roots) > 1:
        names = ", ".join(r.revision for r in roots)
        for rev in roots:
            yield Finding(rev.shown, rev.down_line, "broken-chain",
                          f"The chain has {len(roots)} first revisions ({names}).",
                          "only the first revision has down_revision = None.")


def check_functions(rev: Revision) -> Iterator[Finding]:
    merge = len(rev.down_revision or ()) > 1
    if rev.upgrade_empty and not merge:
        yield Finding(rev.shown, rev.upgrade_line or rev.revision_line, "empty-revision",
                      f"Revision {rev.name} changes nothing.",
                      "delete the file (and re-point the next revision's down_revision).")
    if not rev.upgrade_empty and rev.downgrade_empty:
        what = "has no downgrade()" if rev.downgrade_line is None else "has an empty downgrade()"
        yield Finding(rev.shown, rev.downgrade_line or rev.upgrade_line or 1, "missing-downgrade",
                      f"Revision {rev.name} {what}: it cannot be undone.",
                      "write the downgrade that reverses each upgrade step, in reverse order.")
    elif rev.downgrade_raises:
        yield Finding(rev.shown, rev.downgrade_line or 1, "missing-downgrade",
                      f"Revision {rev.name}'s downgrade() only raises: it cannot be undone.",
                      "write the downgrade that reverses each upgrade step, in reverse order.")


def check_unnamed(rev: Revision) -> Iterator[Finding]:
    for op in rev.upgrade + rev.downgrade:
        if op.name in CONSTRAINT_OPS and op.constraint is None:
            yield Finding(rev.shown, op.line, "unnamed-constraint",
                          f"{op.name}(None, ...) on {op.table or 'a table'}: PostgreSQL makes up "
                          "a name, and the downgrade's drop_constraint(None, ...) cannot run.",
                          "name it (uq_<table>_<column>, fk_..., ck_...), or add a naming "
                          "convention to the models' MetaData and autogenerate again.")


TYPE_FAMILIES = {
    "string": {"String", "VARCHAR", "Text", "TEXT", "Unicode", "UnicodeText", "CHAR", "NCHAR",
               "NVARCHAR", "CITEXT"},
    "integer": {"Integer", "INTEGER", "INT", "BigInteger", "BIGINT", "SmallInteger", "SMALLINT"},
    "number": {"Numeric", "NUMERIC", "Float", "FLOAT", "DECIMAL", "Double", "REAL"},
    "time": {"DateTime", "DATETIME", "TIMESTAMP", "Date", "DATE", "Time", "TIME"},
    "boolean": {"Boolean", "BOOLEAN"},
    "json": {"JSON", "JSONB"},
}


def compatible(a: str | None, b: str | None) -> bool:
    """Could a column of type a hold b's values as they are? Unknown types are compatible."""
    if a is None or b is None:
        return True
    family = {t: name for name, types in TYPE_FAMILIES.items() for t in types}
    return family.get(a, a) == family.get(b, b)


@dataclass
class Schema:
    """What the chain has built so far, as far as the files say."""

    tables: dict[str, dict[str, ColumnInfo]] = field(default_factory=dict)
    created_in: dict[str, str] = field(default_factory=dict)
    backfilled: set[tuple[str, str]] = field(default_factory=set)
    names: set[str] = field(default_factory=set)
    made_in: dict[tuple, str] = field(default_factory=dict)  # change -> revision that made it


class ChainReview:
    """Walks the upgrades in chain order, keeping a Schema, and applies the data rules."""

    def __init__(self, revisions: list[Revision]) -> None:
        self.order = chain_order(revisions)
        self.by_id = {r.revision: r for r in self.order}
        self.children: dict[str, list[Revision]] = defaultdict(list)
        for rev in self.order:
            for parent in rev.down_revision or ():
                self.children[parent].append(rev)
        self.schema = Schema()
        self.dropped_types: dict[tuple[str, int], str | None] = {}  # (file, line) -> type

    def neighbours(self, rev: Revision) -> list[Revision]:
        """The revision itself, its parent and its children (consecutive revisions)."""
        parents = [self.by_id[p] for p in rev.down_revision or () if p in self.by_id]
        return [rev] + (parents if len(parents) == 1 else []) + self.children.get(rev.name, [])

    def run(self) -> Iterator[Finding]:
        for rev in self.order:
            for op in rev.upgrade:
                yield from self.step(rev, op)
        for rev in self.order:
            for op in rev.upgrade:
                if op.name in ("drop_column", "drop_table"):
                    yield from self.check_drop(rev, op)

    # Each step checks the op against the schema so far, then applies it.
    def step(self, rev: Revision, op: Op) -> Iterator[Finding]:
        s = self.schema
        table = s.tables.get(op.table) if op.table else None
        if op.name == "create_table" and op.table:
            if op.table in s.tables and not op.if_not_exists:
                yield from self.twice(rev, op, ("table", op.table),
                                      f"table {op.table} is already created")
            s.made_in[("table", op.table)] = rev.name
            s.tables[op.table] = dict(op.columns)
            s.created_in[op.table] = rev.name
        elif op.name == "drop_table" and op.table:
            self.dropped_types[(rev.shown, op.line)] = None
            s.tables.pop(op.table, None)
        elif op.name == "rename_table" and op.table and op.new_name:
            if op.table in s.tables:
                s.tables[op.new_name] = s.tables.pop(op.table)
                s.created_in[op.new_name] = s.created_in.pop(op.table)
        elif op.name == "add_column" and op.added and op.table:
            column = op.added
            key = ("column", op.table, column.name)
            if table is not None and column.name in table and not op.if_not_exists:
                yield from self.twice(rev, op, key, f"column {op.table}.{column.name} is "
                                                    "already added")
            s.made_in[key] = rev.name
            if not column.nullable and not column.server_default \
                    and s.created_in.get(op.table) != rev.name:
                yield Finding(rev.shown, op.line, "not-null-without-backfill",
                              f"Adds {op.table}.{column.name} as NOT NULL with no server "
                              "default: on a table with rows the upgrade fails, since the "
                              "existing rows have no value.",
                              "add it nullable, backfill it (op.execute(\"UPDATE ... SET "
                              f"{column.name} = ...\")), then op.alter_column(..., "
                              "nullable=False); or give it a server_default.")
            if table is not None:
                table[column.name] = column
            else:
                s.tables.setdefault(op.table, {})[column.name] = column
                s.created_in.setdefault(op.table, "(before the chain)")
        elif op.name == "drop_column" and op.table and op.column:
            known = (table or {}).pop(op.column, None)
            self.dropped_types[(rev.shown, op.line)] = known.type_ if known else None
        elif op.name == "backfill" and op.table:
            s.backfilled |= {(op.table, column) for column in op.sets}
        elif op.name in ("set_not_null", "alter_column") and op.table and op.column:
            if op.name == "set_not_null" or op.nullable is False:
                yield from self.check_not_null(rev, op, table)
            elif op.nullable is True and table and op.column in table:
                table[op.column].nullable = True
            if op.new_name and table is not None:
                key = ("column", op.table, op.new_name)
                if op.column not in table and op.new_name in table:
                    yield from self.twice(rev, op, key, f"{op.table}.{op.column} is already "
                                                        f"renamed to {op.new_name}")
                s.made_in[key] = rev.name
                if op.column in table:
                    table[op.new_name] = table.pop(op.column)
                    table[op.new_name].name = op.new_name
        elif op.name in ("create_unique_constraint", "create_index", "create_foreign_key",
                         "create_check_constraint") and isinstance(op.constraint, str):
            if op.constraint in s.names and not op.if_not_exists:
                yield from self.twice(rev, op, ("name", op.constraint),
                                      f"{op.constraint} is already created")
            s.names.add(op.constraint)
            s.made_in[("name", op.constraint)] = rev.name
        elif op.name in ("drop_constraint", "drop_index") and isinstance(op.constraint, str):
            s.names.discard(op.constraint)

    def twice(self, rev: Revision, op: Op, key: tuple, what: str) -> Iterator[Finding]:
        """A change an earlier revision already made (within one revision, if/else may repeat)."""
        earlier = self.schema.made_in.get(key)
        if earlier and earlier != rev.name:
            yield Finding(rev.shown, op.line, "broken-chain",
                          f"The same change is applied twice: {what} by revision {earlier}.",
                          "delete the repeated step (or the revision that repeats it).")

    def check_not_null(self, rev: Revision, op: Op, table: dict | None) -> Iterator[Finding]:
        column = (table or {}).get(op.column)
        key = (op.table, op.column)
        later = [b for b in rev.upgrade if b.name == "backfill" and b.line > op.line
                 and b.table == op.table and op.column in b.sets]
        if column is not None:
            already = not column.nullable
            column.nullable = False
            if already or column.server_default or self.schema.created_in.get(op.table) == rev.name:
                return
        if later:
            yield Finding(rev.shown, op.line, "not-null-without-backfill",
                          f"{op.table}.{op.column} is made NOT NULL before it is backfilled "
                          f"(line {later[0].line}): the NOT NULL fails on the rows still NULL.",
                          "move the backfill before the NOT NULL.")
        elif key not in self.schema.backfilled:
            yield Finding(rev.shown, op.line, "not-null-without-backfill",
                          f"{op.table}.{op.column} is made NOT NULL, but no revision before it "
                          "fills the existing rows: the upgrade fails on any NULL left.",
                          f"backfill first (op.execute(\"UPDATE {op.table} SET {op.column} = "
                          f"... WHERE {op.column} IS NULL\")), in this revision or an earlier one.")

    def check_drop(self, rev: Revision, op: Op) -> Iterator[Finding]:
        if rev.marker_for(op) or self.kept(rev, op):
            return
        rename = self.rename_candidate(rev, op)
        if rename is not None:
            other, add = rename
            where = f"line {add.line}" if other is rev else f"{other.shown}:{add.line}"
            if op.name == "drop_column":
                new = add.added.name
                yield Finding(rev.shown, op.line, "rename-as-drop-add",
                              f"{op.table}.{op.column} is dropped and {op.table}.{new} added "
                              f"({where}): that is not a rename, every {op.column} value is lost.",
                              f"op.alter_column(\"{op.table}\", \"{op.column}\", "
                              f"new_column_name=\"{new}\") instead of the drop and the add, and "
                              "the reverse in downgrade().")
            else:
                yield Finding(rev.shown, op.line, "rename-as-drop-add",
                              f"Table {op.table} is dropped and {add.table} created ({where}): "
                              f"that is not a rename, every row of {op.table} is lost.",
                              f"op.rename_table(\"{op.table}\", \"{add.table}\") instead, and "
                              "the reverse in downgrade().")
            return
        what = f"column {op.table}.{op.column}" if op.name == "drop_column" \
            else f"table {op.table}"
        yield Finding(rev.shown, op.line, "data-dropped",
                      f"Drops {what} and every value in it, with no copy kept.",
                      "copy the data somewhere first (and put it back in downgrade()), then "
                      "say where on the line above: `# dbkit: data-kept-in <table or file>`.")

    def kept(self, rev: Revision, op: Op) -> bool:
        """Did this revision copy the data before dropping it, or create it itself?"""
        earlier = [o for o in rev.upgrade if o.line < op.line]
        if op.name == "drop_table":
            return any(o.copies_from == op.table for o in earlier) or any(
                o.name == "create_table" and o.table == op.table for o in earlier)
        word = re.compile(rf"\b{re.escape(op.column or '')}\b")
        for o in earlier:
            if o.name == "add_column" and o.table == op.table and o.column == op.column:
                return True
            if o.copies_from == op.table and word.search(o.copies):
                return True
            if o.name == "backfill" and o.table == op.table and any(
                    target != op.column and word.search(expr) for target, expr in o.sets.items()):
                return True
        return False

    def rename_candidate(self, rev: Revision, op: Op) -> tuple[Revision, Op] | None:
        for other in self.neighbours(rev):
            for add in other.upgrade:
                if op.name == "drop_column" and add.name == "add_column" and add.added \
                        and add.table == op.table and add.added.name != op.column \
                        and compatible(self.dropped_types.get((rev.shown, op.line)),
                                       add.added.type_):
                    return other, add
                if op.name == "drop_table" and add.name == "create_table" \
                        and add.table != op.table and self.similar(op.table, add):
                    return other, add
        return None

    def similar(self, dropped: str, created: Op) -> bool:
        """Does the new table look like the dropped one (half its columns, or unknown)?"""
        for rev in self.order:
            for op in rev.upgrade:
                if op.name == "create_table" and op.table == dropped and op.columns:
                    shared = op.columns.keys() & created.columns.keys()
                    return len(shared) * 2 >= len(op.columns)
        return True


def review(revisions: list[Revision], report: set[Path] | None = None,
           sql: bool = True) -> list[Finding]:
    """The findings on the files in ``report`` (default: all), judged against the whole chain."""
    findings = list(check_chain(revisions))
    for rev in revisions:
        if not rev.error:
            findings += check_functions(rev)
            findings += check_unnamed(rev)
    findings += ChainReview(revisions).run()
    reported = [r for r in revisions if report is None or r.path.resolve() in report]
    if sql:
        findings += squawk_findings([r for r in reported if not r.error])
    shown = {r.shown for r in reported}
    return [f for f in findings if f.file in shown]


# --- SQL and squawk -----------------------------------------------------------------------------

def squawk_executable() -> str | None:
    beside = Path(sys.executable).parent / "squawk"
    return str(beside) if beside.is_file() else shutil.which("squawk")


def squawk_findings(revisions: list[Revision]) -> list[Finding]:
    findings: list[Finding] = []
    rendered: dict[str, tuple[Revision, str, dict[int, int]]] = {}
    for rev in revisions:
        try:
            sql, origins = render.render_upgrade(rev.path)
        except KeyboardInterrupt:
            raise
        except BaseException as exc:  # a learner's file may do anything, even sys.exit()
            reason = f"{type(exc).__name__}: {exc}".splitlines()[0]
            findings.append(Finding(rev.shown, rev.upgrade_line or 1, "not-rendered",
                                    f"The upgrade could not be rendered to SQL ({reason}); "
                                    "its lock safety was not checked.",
                                    "make the revision importable on its own (no imports "
                                    "of the application), or check its SQL by hand."))
            continue
        rendered[f"{len(rendered):04d}.sql"] = (rev, sql, origins)
    executable = squawk_executable()
    if not rendered:
        return findings
    if executable is None:
        log.warning("squawk is not installed: lock-safety checks skipped")
        return findings
    with tempfile.TemporaryDirectory(prefix="dbkit-review-") as folder:
        for name, (_, sql, _) in rendered.items():
            Path(folder, name).write_text(sql, encoding="utf-8")
        result = subprocess.run(
            [executable, "--reporter", "json", "--pg-version", "18",
             "--exclude", ",".join(SQUAWK_EXCLUDED), *sorted(rendered)],
            cwd=folder, capture_output=True, text=True, timeout=120)
    try:
        reports = json.loads(result.stdout or "[]")
    except json.JSONDecodeError:
        raise DbkitError(f"squawk failed: {(result.stderr or result.stdout).strip()[:200]}") \
            from None
    for report in reports:
        rev, sql, origins = rendered[Path(report["file"]).name]
        sql_line = report["line"] + 1  # squawk counts lines from 0
        if _helper_false_positive(report["rule_name"], sql, sql_line):
            continue
        starts = [line for line in origins if line <= sql_line]
        line = origins[max(starts)] if starts else (rev.upgrade_line or 1)
        statement = sql.splitlines()[sql_line - 1].strip()
        findings.append(Finding(rev.shown, line, f"squawk:{report['rule_name']}",
                                f"{report['message']} (SQL: {statement[:100]})",
                                report.get("help") or
                                f"see https://squawkhq.com/docs/{report['rule_name']}"))
    return findings


def _helper_false_positive(rule: str, sql: str, line: int) -> bool:
    """dbkit.online.add_not_null drops its temporary CHECK once SET NOT NULL holds the guarantee."""
    if rule != "ban-drop-constraint":
        return False
    match = re.search(r"DROP CONSTRAINT (\w+)", sql.splitlines()[line - 1])
    return bool(match) and re.search(
        rf"ADD CONSTRAINT {match[1]} CHECK \((\w+) IS NOT NULL\) NOT VALID", sql) is not None \
        and "SET NOT NULL" in sql


# --- output and entry point ---------------------------------------------------------------------

def format_text(findings: list[Finding], revisions: int) -> str:
    lines = []
    by_file: dict[str, list[Finding]] = defaultdict(list)
    for finding in findings:
        by_file[finding.file].append(finding)
    for file in sorted(by_file):
        lines.append(file)
        for f in sorted(by_file[file], key=lambda f: (f.line, f.rule)):
            lines.append(f"  {f.line:>4}  {f.severity:<7}  {f.rule}: {f.message}")
            if f.fix:
                lines.append(f"        {'':<7}  fix: {f.fix}")
        lines.append("")
    errors = sum(f.severity == ERROR for f in findings)
    warnings = len(findings) - errors
    lines.append(f"{errors} error{'s' * (errors != 1)}, {warnings} warning{'s' * (warnings != 1)}"
                 f" in {revisions} revision{'s' * (revisions != 1)}")
    return "\n".join(lines)


def main(argv: Sequence[str] | None = None) -> int:
    parser = argparse.ArgumentParser(
        prog="python -m dbkit review",
        description="Review Alembic / Flask-Migrate migrations: renames done as drop + add, "
                    "NOT NULL without backfill, dropped data, unnamed constraints, a broken "
                    "chain, missing downgrades, and squawk's lock-safety rules.")
    parser.add_argument("paths", nargs="*", metavar="PATH",
                        help="a migration file, a versions folder, or a repository "
                             "(default: this project's migrations/versions)")
    parser.add_argument("--format", choices=("text", "json"), default="text")
    parser.add_argument("--no-squawk", action="store_true",
                        help="skip rendering SQL and squawk's lock-safety rules (faster)")
    args = parser.parse_args(argv)
    paths = args.paths or [os.path.relpath(PROJECT_ROOT / "migrations" / "versions")]
    findings: list[Finding] = []
    count = 0
    for given in paths:
        revisions, report = collect(given)
        count += sum(r.path.resolve() in report for r in revisions)
        findings += review(revisions, report, sql=not args.no_squawk)
    findings.sort(key=lambda f: (f.file, f.line, f.rule))
    if args.format == "json":
        print(json.dumps([f.as_json() for f in findings], indent=2))
    else:
        print(format_text(findings, count))
    return 1 if any(f.severity == ERROR for f in findings) else 0
