"""A revision file, read statically: its ids, and the operations of upgrade() and downgrade().

The file is parsed with :mod:`ast` and never imported: no import of the learner's models,
no run of their ``env.py``. Each ``op.*`` call, each SQL string executed (parsed by
:mod:`dbkit.review.pgsql`), each SQLAlchemy Core statement executed
(:mod:`dbkit.review.evaluate`) and each :mod:`dbkit.online` helper becomes an
:class:`~dbkit.review.ops.Op`; calls to functions defined in the file are followed. Files
with a UTF-8 byte order mark or Windows line endings read like any other.
"""

from __future__ import annotations

import ast
import re
from pathlib import Path

from dbkit import pysource
from dbkit.review import branches, constwrites, exits, flow, modules, owntests, py2, rewrites, rowguards
from dbkit.review.alembic_ops import (
    ALEMBIC_DETAILS,
    CONSTRAINT_OPS,
    SIGNATURES,
    TABLE_PARAMS,
    _bind,
    _no_details,
    _qualified,
    op_target,
    unpassed,
)
from dbkit.review.bounded import MAX_NESTING, NotRead, bounded_source, check_nesting
from dbkit.review.closures import Closure
from dbkit.review.code import assignment, called_mentions, effective, holds_on, known_truth, reads_a_file
from dbkit.review.code import dotted as dotted_name
from dbkit.review.crossing import as_written, at_call, bound, each_written, handed_batches, lambda_defaults
from dbkit.review.dialect import POSTGRESQL
from dbkit.review.evaluate import Bind, Core, Returns, evaluate, func_name, grown_list, mapped_class
from dbkit.review.filtered import unrolled
from dbkit.review.modelkeys import built_tables
from dbkit.review.modules import Module
from dbkit.review.ops import UNKNOWN, ColumnInfo, Op, Ref
from dbkit.review.orm import ORM, SAVES, orm_changes, orm_delete, orm_query_delete
from dbkit.review.pgsql import sql_ops
from dbkit.review.pins import core_cleared, core_picks, core_pinned
from dbkit.review.provenance import Provenance, iterated, row_only, row_source
from dbkit.review.revision import HEADER, Revision, not_header, read_comments
from dbkit.review.routines import run_calls
from dbkit.review.sqlfiles import FILE, FilePath
from dbkit.review.sqlrefs import CORE_ORPHANS
from dbkit.review.tabletests import if_tests
from dbkit.review.touches import bound_names, touched_tables

__all__ = ["CONSTRAINT_OPS", "MARKER", "UNKNOWN", "ColumnInfo", "Op", "Revision", "read_revision"]

# The acknowledgement of a drop, written as a comment on the line of the drop_column /
# drop_table call or in the comment block right above it:
#
#     # dbkit: data-kept-in archive.recruit_id_numbers
#     op.drop_column("recruits", "id_number")
#
# It must name where the data went (a table, a column, a file): free text after ``data-kept-in``,
# at least one word. It silences data-dropped and rename-as-drop-add for that one call.
MARKER = re.compile(r"#\s*dbkit:\s*data-kept-in\s+(?P<where>\S.*?)\s*$")

# ``# dbkit: ignore[rule-id, other-rule] because <reason>``
IGNORE = re.compile(r"#\s*dbkit:\s*ignore\[(?P<rules>[^\]]*)\]\s*(?P<rest>.*?)\s*$")
HELPER_DEPTH = 4  # how deep calls to the file's own functions are followed
UNROLL = 64  # a loop over a constant tuple longer than this is not unrolled
# Calls that run statements or change rows through an ORM session.
RUNS = frozenset({"execute", "exec_driver_sql", "bulk_insert", "add", "add_all", "merge",
                  "bulk_save_objects", "bulk_insert_mappings", "bulk_update_mappings", "delete",
                  "update", "insert", "commit", "flush", "executemany", "run_sync"})
RUN_AT_ONCE = ("execute", "bulk_insert", "inline_literal")  # batch_op's, not deferred
HELPERS = {"backfill_in_batches": ("table", "set_", "where"), "add_not_null": ("table", "column")}
EXECUTORS = ("execute", "exec_driver_sql")
RUN_NOTHING = ("op", "sa", "sqlalchemy", "getattr", "hasattr", "isinstance", "len", "type", "str")


def read_revision(path: Path, shown: str, within: Path | None = None,
                  dialect: str = POSTGRESQL) -> Revision:
    """The revision in ``path``, read statically. Never raises for what the file holds.

    ``within``: the reviewed folder. A file reached through a symbolic link (or out of
    ``within``), that is not a regular file, larger than :data:`MAX_FILE_BYTES` or nested
    deeper than :data:`MAX_NESTING` is not read: ``not_read`` says why (rule file-not-read).
    Time and memory are linear in the file's size up to that limit.
    """
    rev = Revision(path=path, shown=shown)
    try:
        source = bounded_source(path, within)
        tree = pysource.parse(source, filename=str(path))
        check_nesting(tree)
    except NotRead as exc:
        rev.error = rev.not_read = str(exc)
        return rev
    except SyntaxError as exc:
        return py2.unparsed(rev, source, exc)
    except (OSError, UnicodeDecodeError, ValueError) as exc:
        rev.error = f"cannot be read as Python: {exc}"
        rev.revision_line = getattr(exc, "lineno", None) or 1
        return rev
    except (RecursionError, MemoryError):
        rev.error = rev.not_read = f"is nested too deeply to be read (limit: {MAX_NESTING} levels)"
        return rev
    try:
        return _read_tree(rev, source, tree, dialect)
    except (RecursionError, MemoryError):  # the boundary: one line, never a traceback
        fresh = Revision(path=path, shown=shown)
        fresh.error = fresh.not_read = (f"is nested too deeply to be read (limit: "
                                        f"{MAX_NESTING} levels)")
        return fresh


def _read_tree(rev: Revision, source: str, tree: ast.Module, dialect: str) -> Revision:
    path = rev.path
    read_comments(rev, source, MARKER, IGNORE)
    module = modules.module_of(tree, path)
    scope: dict[str, object] = {FILE: module.scope[FILE], **module.strings}  # (FILE: sqlfiles.py)
    functions = module.functions
    for node in tree.body:
        if isinstance(node, ast.FunctionDef):
            continue
        if isinstance(node, ast.ClassDef) and (orm := mapped_class(node)) is not None:
            scope[node.name] = orm
            continue
        target, value = assignment(node)
        if target is not None:
            scope[target] = evaluate(value, scope)
            HEADER.get(target, not_header)(rev, scope[target], node.lineno)
    for name, orm in modules.imported_classes(module).items():  # (``sa.update(Model)``)
        scope.setdefault(name, orm)
    for name in ("upgrade", "downgrade"):
        function = functions.get(name)
        if function is None:
            continue
        module.scope = scope
        ran = rev.reached(tree, function) if name == "upgrade" else function  # (undefined.py)
        ops = _OpCollector(module, dialect).collect(ran)
        if any(a.arg == "engine_name" for a in function.args.args):  # the multidb template
            for other in sorted(f for f in functions if f.startswith(f"{name}_")):
                ops += _OpCollector(module, dialect).collect(functions[other])
            for seq, op in enumerate(ops):
                op.seq = seq
        empty, ops = not effective(function.body), run_calls(ops)  # (a body run: routines.py)
        if name == "upgrade":
            rev.upgrade, rev.upgrade_line, rev.upgrade_empty = ops, function.lineno, empty
        else:
            rev.downgrade, rev.downgrade_line, rev.downgrade_empty = ops, function.lineno, empty
            statements = effective(function.body)
            rev.downgrade_raises = bool(statements) and all(isinstance(s, ast.Raise) for s in statements)
    return rev


class _OpCollector(ast.NodeVisitor):
    """The ops of one function, in execution order, through with/if/for/try blocks and into the
    functions of the file (and of the project's modules) it calls. Code it cannot follow becomes
    an ``opaque`` op saying why (a loop over rows, a call it cannot read, an ORM session)."""

    def __init__(self, module: Module, dialect: str) -> None:
        self.dialect = dialect  # the database the chain runs on: its `if`s of the dialect
        self.ops: list[Op] = []
        self.batch: dict[str, str] = {}  # batch_op alias -> its table
        self.batched: set[int] = set()  # the ops a batch runs when its block ends (their id)
        self.module = self.root = module
        self.functions = dict(module.functions)
        self.scope: dict[str, object] = dict(module.scope)
        for name, function in module.functions.items():  # one that builds a value: its call
            if name not in self.scope and (returns := Returns.of(function)):  # stands for it
                self.scope[name] = returns
        self.made = Provenance()  # what the names it cannot evaluate were made from
        self.written: dict[str, str] = {}  # name -> the expression last bound to it, as written
        self.maybe = 0  # how many `if`s / loops the reviewer cannot decide enclose this statement
        self.unsure: set[str] = set()  # names last bound where self.maybe was not 0
        self.stack: list[str] = []
        self.bare: ast.Call | None = None  # the call of the current expression statement
        self.bodies: list[list[ast.stmt]] = []  # the bodies of the functions being read
        self.ended = False  # a `return` of the function read, surely reached: nothing after runs
        self.closures: dict[int, Closure] = {}  # id of a function defined in one read -> its frame

    def collect(self, function: ast.FunctionDef) -> list[Op]:
        self.stack.append(function.name)
        self.bodies.append(function.body)
        self.scope.update(unpassed(function))  # upgrade(op=None): Alembic passes no op
        self._visit_all(function.body)  # after `if op is None: return`, nothing runs
        for seq, op in enumerate(self.ops):
            op.seq = seq
        return self.ops

    def visit_FunctionDef(self, node: ast.FunctionDef) -> None:
        self.functions = {**self.functions, node.name: node}  # a nested helper: called later
        self.closures[id(node)] = Closure(self.scope, self.made, self.unsure)  # (closures.py)
        returns = Returns.of(node)  # one that only builds a value (a string of SQL)
        if returns is not None:
            self.scope[node.name] = returns

    def visit_Return(self, node: ast.Return) -> None:
        self.generic_visit(node)
        self.ended = self.ended or (self.maybe == 0 and len(self.stack) == 1)

    def visit_Expr(self, node: ast.Expr) -> None:
        self.bare = node.value if isinstance(node.value, ast.Call) else None
        self.visit(node.value)
        self.bare = None
        self._grow_list(node.value)

    def _grow_list(self, call: ast.expr) -> None:
        grown = grown_list(call, self.scope, certain=not self.maybe)
        if grown is not None:
            self.scope[grown[0]] = grown[1]

    def visit_Assign(self, node: ast.Assign) -> None:
        start = len(self.ops)
        self.visit(node.value)
        if self.bodies:  # a row read only to test that it exists
            flow.only_tested(node, self.ops[start:], self.bodies[-1], self.functions)
        value = evaluate(node.value, self.scope)
        for target in node.targets:
            self._assign(target, value)
            if isinstance(target, ast.Name):
                self.made.assign(target.id, node.value, value, self.scope)
                self.written[target.id] = " ".join(ast.unparse(node.value).split())

    def visit_AnnAssign(self, node: ast.AnnAssign) -> None:
        """``query: TextClause = text("SELECT ...")``: bound like a plain assignment."""
        if node.value is None:
            return
        self.visit_Assign(ast.Assign(targets=[node.target], value=node.value,
                                     lineno=node.lineno, col_offset=node.col_offset))

    def _assign(self, target: ast.expr, value: object) -> None:
        if isinstance(target, ast.Name):
            self.scope[target.id] = value
            (self.unsure.add if self.maybe else self.unsure.discard)(target.id)
        elif isinstance(target, (ast.Tuple, ast.List)) and isinstance(value, tuple) \
                and len(value) == len(target.elts):
            for element, item in zip(target.elts, value, strict=True):
                self._assign(element, item)
        else:
            for name in ast.walk(target):
                if isinstance(name, ast.Name):
                    self.scope[name.id] = UNKNOWN

    def visit_For(self, node: ast.For) -> None:
        start = len(self.ops)
        self.visit(node.iter)
        values = evaluate(node.iter, self.scope)
        node = unrolled(node, values, self.scope, self.bodies[-1:], self.functions) or node
        values = evaluate(node.iter, self.scope)  # the items a comprehension's `if` keeps
        if isinstance(values, tuple) and 0 < len(values) <= UNROLL \
                and all(v is not UNKNOWN for v in values):
            for value in values:  # for table in ("a", "b"): each table in turn
                self._assign(node.target, value)
                self.written.update(each_written(node.target, value))
                self._visit_all(node.body)
        else:
            settled = self._carried_on(node, self.ops[start:])
            self._opaque_block(node, "a loop over rows", [*node.body, node.iter], settled)
        self._visit_all(node.orelse)

    visit_AsyncFor = visit_For  # type: ignore[assignment]

    def _carried_on(self, loop: ast.For | ast.AsyncFor, ops: list[Op]) -> frozenset[Ref]:
        """A loop over the rows of a SELECT it executes: of the columns the SELECT reads,
        only those whose values the loop carries on may be copied (see flow.py)."""
        found = row_source(*iterated(loop, ops, self.ops, self.bodies[-1] if self.bodies else []), self.scope)
        uses = flow.row_uses(loop, self.functions) if found else None
        if found is None or uses is None:
            return frozenset()
        read, targets = found
        _, tested, nowhere = flow.carried(targets, uses)
        read.reads -= nowhere
        read.tested = frozenset(tested)
        return frozenset(tested | nowhere)

    def visit_While(self, node: ast.While) -> None:
        self._opaque_block(node, "a loop", [*node.body, node.test])
        self._visit_all(node.orelse)

    def _opaque_block(self, node: ast.For | ast.While | ast.AsyncFor, reason: str,
                      parts: list[ast.AST], settled: frozenset[Ref] = frozenset()) -> None:
        """A loop the reviewer cannot unroll: its body is read once; if it runs statements,
        an ``opaque`` op says the rows it moves were not followed."""
        if isinstance(node, (ast.For, ast.AsyncFor)):
            self._assign(node.target, UNKNOWN)
            self.made.bind_loop(node.target, node.iter)
        start = len(self.ops)
        self.maybe += 1
        self._visit_all(node.body)
        self.maybe -= 1
        runs = any(isinstance(c, ast.Call) and func_name(c) in RUNS for p in parts for c in ast.walk(p))
        sets = any(isinstance(a, ast.Assign) and any(isinstance(t, ast.Attribute)
                                                     for t in a.targets)
                   for s in node.body for a in ast.walk(s))  # row.x = ...: an ORM object
        if runs or sets:
            end = node.end_lineno or node.lineno
            named, loads = self._mentions(node), self.made.mentions(node, self.scope, loads=True)
            called = called_mentions(node, self._callee)
            self.ops.insert(start, Op("opaque", node.lineno, end, reason=f"{reason} (line "
                                      f"{node.lineno})",
                                      mentions=None if named is None else named | called,
                                      loads=None if loads is None else loads | called,
                                      carries=self.made.carries(node, self.scope)
                                      if isinstance(node, (ast.For, ast.AsyncFor)) else None,
                                      stores=self.made.stores(node.body, self.scope), settled=settled,
                                      row_only=row_only(node, self.scope, self.made) if
                                      isinstance(node, (ast.For, ast.AsyncFor)) else None,
                                      touches=self._touches([node])))
        rewrites.own_rewrites(node, self.ops[start:])

    def visit_AugAssign(self, node: ast.AugAssign | ast.NamedExpr) -> None:
        """``name += ...``, ``(name := ...)``: no longer the constant the reviewer knew."""
        self.generic_visit(node)
        if isinstance(node.target, ast.Name):
            self.unsure.add(node.target.id)

    def visit_NamedExpr(self, node: ast.NamedExpr) -> None:
        self.visit_AugAssign(node)

    def _visit_all(self, statements: list[ast.stmt]) -> None:
        """The statements in turn; after ``if <the database has it>: return``, see exits.py."""
        guard = None
        for statement in statements:
            if self.ended:
                break
            self.visit(statement)
            if guard is None and exits.state_exit(statement, self.functions, self.written):
                guard = len(self.ops), statement
        exits.mark_after(self.ops, guard)

    def visit_ExceptHandler(self, node: ast.ExceptHandler) -> None:
        """An ``except:`` body runs only if the ``try`` failed: what it binds is not sure."""
        self.maybe += 1
        self._visit_all(node.body)
        self.maybe -= 1

    def visit_If(self, node: ast.If) -> None:
        self.visit(node.test)
        self.ops += rowguards.python_guard(node, self)  # `if <rows found>: raise`
        start = len(self.ops)
        holds = holds_on(node.test, self.dialect, self.scope, self.written)
        if holds is not None:  # `if dialect == "mysql":` never runs on PostgreSQL
            self._visit_all(node.body if holds else node.orelse)
            return
        known = known_truth(node.test, self.scope, self.unsure, self.functions)
        if known is not None:  # `if check_name:` with check_name bound to None
            self._visit_all(node.body if known else node.orelse)
            return
        self.maybe += 1
        self._visit_all(node.body)
        middle = len(self.ops) - start
        self._visit_all(node.orelse)
        self.maybe -= 1
        test = " ".join(ast.unparse(node.test).split())
        names = sorted({n.id for n in ast.walk(node.test)
                        if isinstance(n, ast.Name) and n.id in self.written})
        if names:  # `if exists:` with `exists = any(c["name"] == "x" for c in ...)` above
            test += "  (" + "; ".join(f"{n} = {self.written[n]}" for n in names) + ")"
        tests, whole = if_tests(node.test, self.written, self.functions, bool(node.orelse))
        ops, mid = owntests.unguarded(node.test, self.ops[start:], middle, self)  # owntests.py
        branches.mark(ops, mid, test, tests, node.test, whole)

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
                    kept = isinstance(value, (Bind, FilePath))  # with open(p) as f: f.read()
                    self.scope[item.optional_vars.id] = value if kept else UNKNOWN
        start = len(self.ops)
        self._visit_all(node.body)
        if any(isinstance(i.context_expr, ast.Call)
               and func_name(i.context_expr) == "batch_alter_table" for i in node.items):
            self._defer_batch(start)
        self.batch = saved

    def _defer_batch(self, start: int) -> None:
        """Alembic runs a batch's ALTERs (``batch_op.alter_column``, ``add_column``, its
        constraints and indexes) when the ``with op.batch_alter_table(...)`` block ends, and
        its ``batch_op.execute()`` at once (``BatchOperationsImpl.flush``; ``execute`` goes
        to the connection): the ops in the order they run (a ``batch_op.execute("DELETE
        ...")`` written after the NOT NULL empties the table before it)."""
        block = self.ops[start:]
        later = [op for op in block if id(op) in self.batched]
        self.ops[start:] = [op for op in block if id(op) not in self.batched] + later

    def visit_Lambda(self, node: ast.Lambda) -> None:
        """``lambda c=col: op.drop_column("t", c)``, called bare: each parameter is its default."""
        outer = self.scope
        self.scope = {**outer, **lambda_defaults(node, outer)}
        self.visit(node.body)
        self.scope = outer

    def visit_Call(self, node: ast.Call) -> None:
        found = self._op(node)
        if found is not None:
            self.ops += found
            return
        bare, self.bare = self.bare is node, None
        self.generic_visit(node)
        self.made.grow(node, self.scope)
        if not self._follow(node):
            self._unfollowed(node, bare)

    def _mentions(self, node: ast.AST, called: bool = False) -> frozenset[str] | None:
        """None: a file it cannot read. ``called``: with what the helpers it calls name (SQL
        they build on ``_SNAPSHOT = "t"`` names t): a statement not read may touch those."""
        named = None if reads_a_file(node, self.scope) else self.made.mentions(node, self.scope)
        return named | called_mentions(node, self._callee, values=True) \
            if named is not None and called else named

    def _touches(self, nodes: list) -> frozenset[str] | None:  # see touches.py
        return touched_tables(nodes, self.scope, self.module, self._callee, self.bodies[-1:])

    def _callee(self, call: ast.Call) -> tuple[ast.FunctionDef, Module] | None:
        """The function a call runs: one of this module, or of a module of the project."""
        if isinstance(call.func, ast.Name) and call.func.id in self.functions:
            return self.functions[call.func.id], self.module
        dotted = dotted_name(call.func)
        if dotted and dotted[0] not in self.scope:
            return modules.resolve(self.module, dotted)
        return None

    def _follow(self, call: ast.Call) -> bool:
        """A call to a function of the file or the project: its ops, arguments bound; False if unread."""
        found = self._callee(call)
        if found is None:
            return False
        function, module = found
        if function.name in self.stack or len(self.stack) > HELPER_DEPTH:
            return module is self.module  # recursion or too deep: the file's own, known
        saved = self.scope, self.batch, self.module, self.functions, self.made, self.unsure
        closure = self.closures.get(id(function))  # nested: it reads its frame's names
        local = bound(function, call, self.scope, closure.scope if closure else module.scope, self.module)
        made, unsure = closure.enter(function, local, module.scope) if closure else (Provenance(), set())
        self.scope, self.made, self.unsure = local, made, unsure
        self.batch = handed_batches(function, call, self.batch)  # _drop_fk(batch_op, ...)
        crossing, written = module is not self.module, self.written
        if crossing:
            self.module, self.functions = module, dict(module.functions)
            self.written = {**written, **as_written(function, call)}
        self.stack.append(function.name)
        self.bodies.append(function.body)
        start = len(self.ops)
        self._visit_all(function.body)
        for op in self.ops[start:]:
            op.via = "helper"
        if crossing and saved[2] is self.root:
            at_call(self.ops[start:], call)
        if closure is not None:  # what it did to the names it shares with its frame
            closure.leave(function, self.scope, self.made, self.unsure)
        self.stack.pop()
        self.bodies.pop()
        self.scope, self.batch, self.module, self.functions, self.made, self.unsure = saved
        self.written = written
        return True

    def _unfollowed(self, call: ast.Call, bare: bool) -> None:
        """A call the reviewer cannot read: opaque when it may move rows (an ORM session's
        writes, a project helper it cannot find, anything handed the connection)."""
        name = func_name(call) or "?"
        if isinstance(evaluate(call, self.scope), Bind) and name not in RUNS:
            return  # Session(bind=bind), sessionmaker()(): makes a session, runs nothing
        dotted = dotted_name(call.func)
        receiver = evaluate(call.func.value, self.scope) \
            if isinstance(call.func, ast.Attribute) else None
        handed = [a for a in [*call.args, *(k.value for k in call.keywords)]
                  if isinstance(evaluate(a, self.scope), Bind)
                  or (isinstance(a, ast.Name) and a.id in ("op", "session", "connection"))]
        line, end = call.lineno, call.end_lineno or call.lineno
        shown = ".".join(dotted) if dotted else name
        if name == "delete" and "session" in shown.lower() and (gone := orm_delete(
                call, self.bodies[-1] if self.bodies else [], self.module.path)):
            self.ops.append(gone)
        elif name == "delete" and (gone_all := orm_query_delete(call, self.module.path)):
            self.ops.extend(gone_all)
        elif name in ORM and (isinstance(receiver, Bind) or "session" in shown.lower()) \
                and (name not in SAVES or orm_changes(self.module)):
            self.ops.append(Op("opaque", line, end, reason=f"an ORM session's {name}() "
                               f"(line {line})", mentions=None, rows_only=True, orm_call=name,
                               touches=self._touches(self.bodies[-1:] and self.bodies[-1])))
        elif name == "update" and "query" in ast.unparse(call.func):
            self.ops.append(Op("opaque", line, end, reason=f"an ORM query's update() "
                               f"(line {line})", mentions=None, rows_only=True, orm_call="query"))
        elif dotted and self._unreadable(dotted, bool(handed), bare):
            self.ops.append(Op("opaque", line, end, reason=f"a call to {shown}() it cannot "
                               f"read (line {line})", mentions=None,
                               builds=built_tables(call, self.module)))

    def _unreadable(self, dotted: list[str], handed: bool, bare: bool) -> bool:
        """A call to code the reviewer cannot read that may move rows: an import of the
        project it cannot find (called for its effect, or handed the connection), or any
        other unknown function handed the connection."""
        imported = dotted[0] in self.module.imports
        if imported:
            return not modules.is_library(self.module, dotted[0]) and (
                handed or (bare and modules.is_project(self.module, dotted[0])))
        return handed and dotted[0] not in RUN_NOTHING \
            and dotted[-1] not in ("create", "drop")  # an Enum type's create(bind); builtins

    def _op(self, call: ast.Call) -> list[Op] | None:
        name, receiver = op_target(call, self.module.imports)
        line, end = call.lineno, call.end_lineno or call.lineno
        if name in HELPERS and not (receiver == "op" or receiver in self.batch):
            return self._helper(name, call, line, end)
        if name in EXECUTORS and call.args and (receiver == "op" or isinstance(call.func, ast.Attribute)):
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
        table = _qualified({"table_name": args.get("table"), **args})  # (its parameter: table)
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
            ops = sql_ops(statement, line, end)
            for op in ops:
                op.params = bound_names(call)
                if op.name == "execute":
                    op.reason = op.reason or f"SQL it cannot read (line {line})"
                    op.mentions = self._mentions(call.args[0], called=True)
                    op.touches = self._touches([call])
            return ops
        if isinstance(statement, Core):
            if statement.kind in ("update", "insert"):
                kind = "backfill" if statement.kind == "update" else "insert"
                writes = set(statement.writes)
                if kind == "insert" and not writes and statement.table and len(call.args) > 1:
                    writes = {(statement.table, "*")}  # execute(t.insert(), rows): their keys
                unreached = frozenset(statement.compared & {c for _, c in statement.writes})
                picks, tests = ("", ()) if unreached or kind == "insert" or any(
                    t != statement.table for t, _ in statement.tested) else core_picks(
                    call.args[0], self.bodies[-1] if self.bodies else [], self.module.path)
                return [Op(kind, line, end, table=statement.table, via="core",
                           reads=set(statement.reads | statement.carried()), picks=picks,
                           writes=writes, computed=statement.reads, tested=statement.only_tested(),
                           unreached=unreached, some_rows=", ".join(tests))]
            if statement.kind == "select":
                return [Op("read", line, end, reads=set(statement.reads), via="core")]
            if statement.kind == "delete" and statement.table:  # t.delete(): no where()
                return [Op("empty", line, end, table=statement.table, via="core")]
            if statement.kind == "delete some" and statement.table and statement.where:
                return [Op("execute", line, end, table=statement.table, via="core",
                           picks=statement.where,  # rows its where() picks are gone
                           removes="orphans" if CORE_ORPHANS.search(statement.where) else "",
                           pinned=core_pinned(call.args[0], self.bodies[-1] if self.bodies
                                              else [], self.module.path)),
                        *(Op("empty", line, end, table=statement.table, column=c, via="core")
                          for c in sorted(core_cleared(call.args[0])))]
            return [Op("execute", line, end, table=statement.table, via="core")]
        on = self.scope.get(receiver or "", UNKNOWN)
        if receiver == "op" or receiver in self.batch or isinstance(on, Bind) \
                or isinstance(evaluate(call.func.value, self.scope), Bind):  # type: ignore
            return [Op("execute", line, end, reason=f"a statement it cannot read (line {line})",
                       mentions=self._mentions(call.args[0], called=True) or None,
                       touches=self._touches([call]),
                       copies_none=constwrites.constant_writes(call.args[0]))]
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
        op.if_not_exists = args.get("if_not_exists") is True
        ALEMBIC_DETAILS.get(name, _no_details)(op, args, call, self.scope, bool(batch_table))
        if batch_table and name not in RUN_AT_ONCE:
            self.batched.add(id(op))
        return op
