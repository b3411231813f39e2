"""Code the reviewer cannot follow that still cannot keep (or fill) a column: it never names it.

A loop over rows, an ORM session or SQL the reviewer cannot read makes a finding a warning
only if that code could carry the column's values. Code that never names the column (no
identifier or attribute, no word of a string, no keyword argument) and copies no whole row
(``*`` in SQL, ``select(table)``, ``table.select()``, ``dict(row)``, ``row._mapping``,
``**row``, reflection, an ORM object copied or merged, a column list walked) cannot: its
values are not in anything it writes. :func:`why_blind` proves that from the revision's own
file, read whole (its ``downgrade()`` and the schema operations the reviewer follows aside),
and says so for the error's message. A file that imports code of the project (which the
reviewer would have to read too) proves nothing.
"""

from __future__ import annotations

import ast
import functools
import re
from collections.abc import Iterator
from pathlib import Path

from dbkit import pysource
from dbkit.review.modules import NOT_THE_PROJECT
from dbkit.review.ops import Op
from dbkit.review.revision import Revision

# schema operations the reviewer reads itself: naming a column there moves no value
SCHEMA_OPS = frozenset({
    "add_column", "drop_column", "alter_column", "create_table", "drop_table", "rename_table",
    "create_index", "drop_index", "create_foreign_key", "create_unique_constraint",
    "create_primary_key", "create_check_constraint", "create_exclusion_constraint",
    "drop_constraint", "create_table_comment", "drop_table_comment", "batch_alter_table",
})
# calls that copy a whole row or object, or walk a table's columns
WHOLE_CALLS = frozenset({
    "dict", "vars", "getattr", "copy", "deepcopy", "merge",
    "make_transient", "make_transient_to_detached", "inspect", "class_mapper",
    "object_mapper", "from_select", "_asdict", "items", "keys", "reflect", "get_columns",
    "from_engine",
    "read_text", "read", "open", "open_text", "resource_string",  # a file's SQL, not found
})
WHOLE_ATTRS = frozenset({"__dict__", "_mapping", "__table__", "columns", "_fields",
                         "__mapper__", "autoload_with", "autoload"})
# SQL that copies whole rows, or moves a table aside with its columns
WHOLE_SQL = re.compile(r"\*|\brename\b|\bcopy\b|\b(as|into\s+\S+)\s+table\b|\binherits\b"
                       r"|information_schema|pg_attribute|\b(row_to_json|to_jsonb?|hstore|"
                       r"jsonb?_populate_record)\b|::\s*(text|jsonb?)\b", re.I)
COUNT_ALL = re.compile(r"\(\s*\*\s*\)")  # count(*): no column carried
EMPTIES_SQL = re.compile(r"\b(delete|truncate)\b", re.I)
FILLED = ("alter_column", "set_not_null", "add_column")


def parsed_file(path: Path) -> ast.Module | None:
    """The file parsed (once per version of it: a file edited since is parsed again)."""
    try:
        stat = path.stat()
    except OSError:
        return None
    return _parse(path, (stat.st_mtime_ns, stat.st_size))


@functools.lru_cache(maxsize=64)
def _parse(path: Path, version: tuple[int, int]) -> ast.Module | None:
    """``version`` (mtime, size) keys the cache: it is not read here."""
    del version
    return pysource.parse_file(path)


def why_blind(rev: Revision, other: Op, op: Op) -> str:
    """"" unless ``other`` (code not followed, before ``op`` in ``rev``) provably cannot keep
    the values of the column ``op`` drops (or fill the NULLs of the column it makes NOT
    NULL); else why, for the error's message."""
    if not op.column or other.name not in ("opaque", "execute") or not other.reason:
        return ""
    tree = parsed_file(rev.path)
    if tree is None or imports_project(tree):
        return ""
    column = op.column.lower()
    filling = op.name in FILLED
    code = code_outside_ops(tree)
    if other.mentions is not None and column in other.mentions:
        return ""
    for node in code:
        if column in names_said(node) or copies_whole(node) or (filling and _empties(node)):
            return ""
    does = "fill its NULLs" if filling else "keep its values"
    return (f" The reviewer could not follow {other.reason}, but nothing in this file names "
            f"{op.column} or copies whole rows, so that code cannot {does}.")


def imports_project(tree: ast.Module) -> bool:
    """Does the file import anything but SQLAlchemy, Alembic and the standard library?"""
    for node in ast.walk(tree):
        if isinstance(node, ast.Import):
            roots = [a.name.split(".")[0] for a in node.names]
        elif isinstance(node, ast.ImportFrom):
            roots = ["." if node.level else (node.module or "").split(".")[0]]
        else:
            continue
        if any(r not in NOT_THE_PROJECT and r != "__future__" for r in roots):
            return True
    return False


def code_outside_ops(tree: ast.Module) -> list[ast.AST]:
    """Every top-level statement of the file but ``downgrade()`` (:func:`_walk` leaves out
    docstrings and the schema operations the reviewer reads itself)."""
    kept: list[ast.AST] = []
    for node in tree.body:
        if isinstance(node, (ast.FunctionDef, ast.AsyncFunctionDef)) \
                and node.name.startswith("downgrade"):
            continue
        kept.append(node)
    return kept


def _schema_op(node: ast.AST) -> bool:
    return isinstance(node, ast.Call) and isinstance(node.func, ast.Attribute) \
        and node.func.attr in SCHEMA_OPS


def _walk(node: ast.AST) -> Iterator[ast.AST]:
    """ast.walk without docstrings and schema operations' arguments."""
    todo = [node]
    while todo:
        current = todo.pop()
        if _schema_op(current) or _docstring(current):
            continue
        yield current
        todo.extend(ast.iter_child_nodes(current))


def _docstring(node: ast.AST) -> bool:
    return isinstance(node, ast.Expr) and isinstance(node.value, ast.Constant) \
        and isinstance(node.value.value, str)


_WORD = re.compile(r"[A-Za-z_][A-Za-z0-9_]*")


def names_said(node: ast.AST) -> set[str]:
    """Every name the code says, lower case: identifiers, attributes, keyword arguments,
    parameters and the words of its strings."""
    found: set[str] = set()
    for child in _walk(node):
        if isinstance(child, ast.Name):
            found.add(child.id.lower())
        elif isinstance(child, ast.Attribute):
            found.add(child.attr.lower())
        elif isinstance(child, (ast.keyword, ast.arg)) and child.arg:
            found.add(child.arg.lower())
        elif isinstance(child, ast.Constant) and isinstance(child.value, str):
            found |= {w.lower() for w in _WORD.findall(child.value)}
    return found


def copies_whole(node: ast.AST) -> bool:
    """Does the code copy whole rows or objects, or walk a table's columns?"""
    return any(_whole_node(child) for child in _walk(node))


def _whole_node(child: ast.AST) -> bool:
    if isinstance(child, ast.Constant) and isinstance(child.value, str):
        return bool(WHOLE_SQL.search(COUNT_ALL.sub("", child.value)))
    if isinstance(child, ast.keyword):
        return child.arg is None or child.arg in WHOLE_ATTRS  # f(**row), autoload_with=
    if isinstance(child, ast.Dict):
        return None in child.keys  # {**row}
    if isinstance(child, ast.Starred):
        return True  # f(*row)
    if isinstance(child, ast.Attribute):
        return child.attr in WHOLE_ATTRS
    if isinstance(child, ast.Call):
        return _whole_call(child)
    return False


def _whole_call(call: ast.Call) -> bool:
    name = call.func.attr if isinstance(call.func, ast.Attribute) \
        else call.func.id if isinstance(call.func, ast.Name) else ""
    if name == "dict":  # dict(row) copies a row; dict(key=..., id=...) holds what it names
        return bool(call.args)
    if name in WHOLE_CALLS or (name == "values" and not call.args and not call.keywords):
        return True
    if name == "select":  # select(table) / t.select(): every column; select(t.c.x): named
        return not call.args or any(not isinstance(a, ast.Attribute) for a in _flat(call.args))
    return False


def _flat(args: list[ast.expr]) -> list[ast.expr]:
    found: list[ast.expr] = []
    for a in args:
        found += list(a.elts) if isinstance(a, (ast.List, ast.Tuple)) else [a]
    return found


def _empties(node: ast.AST) -> bool:
    """Could the code remove rows (a DELETE, a TRUNCATE, an ORM delete), or set attributes it
    names at run time (``setattr(row, name, value)``)? Removed rows hold no NULL: before a
    NOT NULL, that may be what makes it pass."""
    for child in _walk(node):
        if isinstance(child, ast.Call) and isinstance(child.func, ast.Name) \
                and child.func.id == "setattr":
            return True
        if isinstance(child, ast.Constant) and isinstance(child.value, str) \
                and EMPTIES_SQL.search(child.value):
            return True
        if isinstance(child, ast.Call) and isinstance(child.func, ast.Attribute) \
                and child.func.attr in ("delete", "truncate", "drop"):
            return True
    return False
