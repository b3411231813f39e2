"""The foreign keys of the tables a revision builds with the models' ``create_all``.

remnawave-bedolaga-telegram-bot's ``0001`` is ``Base.metadata.create_all(bind=bind,
checkfirst=True)`` with ``Base`` imported from ``app/database/models.py``, whose classes
declare ``user_id = Column(Integer, ForeignKey('users.id'), nullable=False)``; ``0014`` then
deletes the rows of thirty tables ``WHERE user_id NOT IN (SELECT id FROM users)`` before
re-creating their keys. PostgreSQL refused any orphan since the table was made: the DELETE
removes nothing (held-out20, read by hand as kept). The reviewer cannot run ``create_all``
(it never imports the project), so the call stays code it does not follow for every other
rule; this module only reads, statically, the foreign keys it makes, for linked.py to use as
it uses the chain's own (not dropped since, NOT NULL, no code not followed touching the
table, the table not there before the call: ``checkfirst`` would leave it as it was).

What is read: ``<X>.metadata.create_all(bind)`` (a bind and ``checkfirst`` only: ``tables=``
builds some of them), ``X`` imported from a file of the project; the classes of that file
that derive from ``X`` (directly, or through another class of the file), with a literal
``__tablename__``, not ``__abstract__``, no schema in ``__table_args__``, and a table no
other class of the file also names. Of each, the columns assigned ``Column(...)`` or
``mapped_column(...)`` (the last assignment of the attribute): a ``ForeignKey("t.c")`` among
their arguments (none with ``deferrable`` or ``initially``: checked later, not on every row at
once) and whether they are NOT NULL (``nullable=False``, or ``primary_key=True`` without
``nullable=True``). Anything else gives nothing: a class of another file, a column made by a
helper, a key in ``__table_args__`` or on a ``Mapped`` annotation alone (its nullability
depends on types the reviewer does not follow). What the models say is what ``create_all``
builds now: the file as it is, not as it was when the revision was written.
"""

from __future__ import annotations

import ast
import functools
from pathlib import Path

from dbkit import pysource
from dbkit.review import modules
from dbkit.review.code import dotted

Key = tuple[tuple[str, ...], str, tuple[str, ...]]  # (columns, parent table, its columns)
Built = tuple[str, tuple[Key, ...], frozenset[str]]  # (table, its keys, its NOT NULL columns)
_ARGUMENTS = frozenset({"bind", "checkfirst"})
_LATER = frozenset({"deferrable", "initially"})


def built_tables(call: ast.Call, module: modules.Module) -> tuple[Built, ...]:
    """The tables ``X.metadata.create_all(bind)`` builds from the project's models, with the
    foreign keys and NOT NULL columns read of them (see the module); () when not read."""
    names = dotted(call.func)
    if not names or len(names) != 3 or names[1:] != ["metadata", "create_all"] \
            or len(call.args) > 1 or any(k.arg not in _ARGUMENTS for k in call.keywords):
        return ()
    base = names[0]
    file = modules.imported_file(module, base)
    if file is None:
        return ()
    return _tables(file, module.imports[base][1] or base)


@functools.lru_cache(maxsize=64)
def _tables(path: Path, base: str) -> tuple[Built, ...]:
    tree = pysource.parse_file(path)
    if tree is None:
        return ()
    classes = [node for node in tree.body if isinstance(node, ast.ClassDef)]
    mapped = {base}
    for node in classes:  # in order: a class derives from those declared above it
        if any(isinstance(b, ast.Name) and b.id in mapped for b in node.bases):
            mapped.add(node.name)
    found = [t for node in classes if node.name in mapped and (t := _table(node)) is not None]
    counts: dict[str, int] = {}
    for table, _, _ in found:
        counts[table.lower()] = counts.get(table.lower(), 0) + 1
    return tuple(t for t in found if counts[t[0].lower()] == 1)


def _table(node: ast.ClassDef) -> Built | None:
    """One model class: its table, foreign keys and NOT NULL columns; None when not read."""
    table = None
    columns: dict[str, tuple[str, tuple[tuple[str, str], ...], bool] | None] = {}
    for statement in node.body:
        target, value = _assigned(statement)
        if target is None:
            continue
        if target == "__tablename__":
            table = value.value if isinstance(value, ast.Constant) \
                and isinstance(value.value, str) else None
            if table is None:
                return None
        elif target in ("__abstract__", "__table__") or target == "__table_args__" \
                and not _no_schema(value):
            return None
        else:
            columns[target] = _column(target, value) if value is not None else None
    if not table:
        return None
    keys: list[Key] = []
    not_null: set[str] = set()
    for found in columns.values():
        if found is None:
            continue
        column, refs, required = found
        keys += [((column,), parent, (remote,)) for parent, remote in refs]
        if required:
            not_null.add(column)
    return table, tuple(keys), frozenset(not_null)


def _no_schema(value: ast.expr | None) -> bool:
    """Does ``__table_args__`` (a tuple or dict as written) leave the table in the default
    schema?"""
    return isinstance(value, (ast.Tuple, ast.Dict)) and not any(
        isinstance(n, ast.Constant) and n.value == "schema" for n in ast.walk(value))


def _assigned(statement: ast.stmt) -> tuple[str | None, ast.expr | None]:
    if isinstance(statement, ast.Assign) and len(statement.targets) == 1 \
            and isinstance(statement.targets[0], ast.Name):
        return statement.targets[0].id, statement.value
    if isinstance(statement, ast.AnnAssign) and isinstance(statement.target, ast.Name):
        return statement.target.id, statement.value
    return None, None


def _column(attribute: str, value: ast.expr) -> tuple[str, tuple[tuple[str, str], ...], bool] | None:
    """(column, (parent table, its column) of each ForeignKey, NOT NULL) of ``Column(...)``
    or ``mapped_column(...)``; None for anything else."""
    if not isinstance(value, ast.Call) or _last(value.func) not in ("Column", "mapped_column"):
        return None
    args = list(value.args)
    column = attribute
    first = args[0] if args else None
    if isinstance(first, ast.Constant) and isinstance(first.value, str):
        column = first.value
        args.pop(0)
    refs = []
    for arg in args:
        if isinstance(arg, ast.Call) and _last(arg.func) == "ForeignKey":
            ref = _reference(arg)
            if ref is not None:
                refs.append(ref)
    flags = {k.arg: k.value.value for k in value.keywords
             if k.arg in ("nullable", "primary_key") and isinstance(k.value, ast.Constant)}
    named = {k.arg for k in value.keywords}
    if ("nullable" in named and "nullable" not in flags) \
            or ("primary_key" in named and "primary_key" not in flags):
        return column.lower(), tuple(refs), False  # a value the reviewer cannot evaluate
    required = flags.get("nullable") is False or (
        flags.get("primary_key") is True and flags.get("nullable") is not True)
    return column.lower(), tuple(refs), required


def _reference(call: ast.Call) -> tuple[str, str] | None:
    """(table, column) of ``ForeignKey("table.column")`` checked on every row at once."""
    if len(call.args) != 1 or not isinstance(call.args[0], ast.Constant) \
            or not isinstance(call.args[0].value, str) \
            or any(k.arg in _LATER or k.arg is None for k in call.keywords):
        return None
    parent, _, remote = call.args[0].value.rpartition(".")
    if not parent or not remote:
        return None
    return parent, remote.lower()


def _last(func: ast.expr) -> str:
    return func.attr if isinstance(func, ast.Attribute) else getattr(func, "id", "")
