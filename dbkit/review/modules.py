"""Python modules read statically: a revision file, and the project's modules it imports.

A revision often calls a helper from its own project (``from ckan.migration import
skip_based_on_legacy_engine_version``, ``from app.migrations.utils import copy_rows``).
:class:`Module` holds what the reader needs of one file (its constants, its functions,
what it imports), and :func:`resolve` finds the function an imported name stands for,
in the files of the project around the revision (never imported, never run). A name
that resolves to nothing there (the standard library, an installed package) is
``None``: the reader decides what such a call may do.
"""

from __future__ import annotations

import ast
import functools
from dataclasses import dataclass, field
from pathlib import Path

from dbkit import pysource
from dbkit.review.evaluate import Mapped, evaluate, mapped_class
from dbkit.review.sqlfiles import FILE

SEARCH_UP = 8  # how many folders above a file are tried as the root of its imports
REEXPORTS = 3  # how many re-exports (``from .table import drop_table`` in __init__) are followed
# Installed packages a revision imports for types and helpers that touch no table.
NOT_THE_PROJECT = frozenset({
    "alembic", "sqlalchemy", "sa", "typing", "typing_extensions", "datetime", "json", "uuid",
    "logging", "os", "re", "textwrap", "enum", "decimal", "collections", "functools",
    "itertools", "hashlib", "secrets", "string", "time", "pathlib", "dataclasses", "math",
    "random", "base64", "copy", "sys", "warnings", "contextlib", "operator", "pytz",
    "dateutil", "sqlalchemy_utils", "oslo_db", "oslo_log", "oslo_utils", "oslo_config",
    "oslo_serialization", "pydantic", "geoalchemy2", "psycopg2", "psycopg", "zoneinfo",
})


@dataclass
class Module:
    path: Path
    scope: dict[str, object] = field(default_factory=dict)  # module constants
    functions: dict[str, ast.FunctionDef] = field(default_factory=dict)
    imports: dict[str, tuple[str, str | None, int]] = field(default_factory=dict)
    # local name -> (module, attribute or None, relative level)
    strings: dict[str, str] = field(default_factory=dict)  # string constants it imports


def module_of(tree: ast.Module, path: Path, follow: bool = True) -> Module:
    """Constants, functions and imports of a parsed file (top level only); with ``follow``,
    the string constants it imports from the project's modules too."""
    module = Module(path, {FILE: str(path.resolve())})  # Path(__file__).parent / "x.sql"
    for node in tree.body:
        if isinstance(node, (ast.FunctionDef, ast.AsyncFunctionDef)):
            module.functions[node.name] = node  # type: ignore[assignment]
        elif isinstance(node, (ast.Import, ast.ImportFrom)):
            module.imports.update(_imported(node))
        elif isinstance(node, ast.Assign) and len(node.targets) == 1 \
                and isinstance(node.targets[0], ast.Name):
            module.scope[node.targets[0].id] = evaluate(node.value, module.scope)
    for local, (name, attr, level) in list(module.imports.items()) if follow else []:
        file = _module_file(name, level, path) if attr and local not in module.scope else None
        found = _strings(file).get(attr or "") if file is not None and file != path.resolve() else None
        if found is not None:  # from app.views.quality_template import QUALITY_VIEW_SQL
            module.scope[local] = module.strings[local] = found  # (pt-edge 088, held-out54)
    functions = [f for f in ast.walk(tree) if isinstance(f, (ast.FunctionDef, ast.AsyncFunctionDef))]
    for inner in (n for f in functions for n in ast.walk(f)):  # ``from sqlalchemy import
        for local, entry in _imported(inner):  # inspect as sa_inspect`` in upgrade()
            module.imports.setdefault(local, entry)  # a top-level import wins
    return module


@functools.lru_cache(maxsize=256)
def _strings(path: Path) -> dict[str, str]:
    """The string constants a project's module sets at its top level (its own imports not
    followed: a constant of SQL, a table's name)."""
    tree = pysource.parse_file(path)
    scope = module_of(tree, path, follow=False).scope if tree is not None else {}
    return {k: v for k, v in scope.items() if isinstance(v, str) and k != FILE}


def _imported(node: ast.AST) -> list[tuple[str, tuple[str, str | None, int]]]:
    """(local name, (module, attribute or None, relative level)) of an import statement."""
    if isinstance(node, ast.Import):
        return [(a.asname or a.name.split(".")[0],
                 (a.name if a.asname else a.name.split(".")[0], None, 0)) for a in node.names]
    if isinstance(node, ast.ImportFrom):
        return [(a.asname or a.name, (node.module or "", a.name, node.level))
                for a in node.names]
    return []


@functools.lru_cache(maxsize=256)
def load(path: Path) -> Module | None:
    tree = pysource.parse_file(path)
    if tree is None:
        return None
    return module_of(tree, path)


def _module_file(name: str, level: int, start: Path) -> Path | None:
    """The file of module ``name`` imported from ``start``, within the project around it."""
    parts = [p for p in name.split(".") if p]
    if level:
        bases = [start.parents[level - 1]] if len(start.parents) >= level else []
    else:
        if not parts or parts[0] in NOT_THE_PROJECT:
            return None
        bases = []
        for folder in list(start.parents)[:SEARCH_UP]:
            bases += [folder, folder / "src"]
    for base in bases:
        candidate = base.joinpath(*parts)
        for file in (candidate.with_suffix(".py") if parts else None,
                     candidate / "__init__.py"):
            if file is not None and file.is_file():
                return file.resolve()
    return None


def is_project(module: Module, local: str) -> bool:
    """Does the imported name come from a module of the project (a file found around it)?"""
    entry = module.imports.get(local)
    if entry is None:
        return False
    name, attr, level = entry
    return _module_file(name, level, module.path) is not None or (
        attr is not None and _module_file(f"{name}.{attr}", level, module.path) is not None)


def imported_file(module: Module, local: str) -> Path | None:
    """The project's file ``from m import local`` takes the name from (None: not the
    project's, or not ``from ... import``)."""
    entry = module.imports.get(local)
    if entry is None or entry[1] is None:
        return None
    return _module_file(entry[0], entry[2], module.path)


def is_library(module: Module, local: str) -> bool:
    """Does the imported name come from SQLAlchemy, Alembic or the standard library (code
    that runs no statement of its own: ``Session(bind)``, ``Inspector.from_engine``)?"""
    entry = module.imports.get(local)
    return entry is not None and entry[2] == 0 and entry[0].split(".")[0] in NOT_THE_PROJECT


def resolve(module: Module, dotted: list[str],
            depth: int = 0) -> tuple[ast.FunctionDef, Module] | None:
    """The function ``a.b.f`` (as written in ``module``) stands for, and its module."""
    if not dotted or dotted[0] not in module.imports:
        return None
    name, attr, level = module.imports[dotted[0]]
    path = [*([attr] if attr else []), *dotted[1:]]
    target = name
    # the longest prefix that is a module file; the rest is the function
    for cut in range(len(path), -1, -1):
        file = _module_file(".".join([target, *path[:cut]]).strip("."), level, module.path)
        if file is None:
            continue
        rest = path[cut:]
        found = load(file)
        if found is None or len(rest) != 1:
            return None
        if rest[0] in found.functions:
            return found.functions[rest[0]], found
        return _reexported(found, rest[0], depth)
    return None


def _reexported(module: Module, name: str, depth: int) -> tuple[ast.FunctionDef, Module] | None:
    """A package's ``__init__.py`` that imports the function from its own module (``from
    app.db.table import drop_table``): the function there, a few such steps deep."""
    entry = module.imports.get(name)
    if entry is None or depth >= REEXPORTS or not _module_file(entry[0], entry[2], module.path):
        return None
    return resolve(module, [name], depth + 1)


@functools.lru_cache(maxsize=256)
def _tables_of(path: Path) -> dict[str, str]:
    """The ORM classes a file declares (``class AppVariantDB(Base): __tablename__ =
    "app_variants"``): class name -> table."""
    tree = pysource.parse_file(path)
    if tree is None:
        return {}
    return {node.name: found.table for node in tree.body if isinstance(node, ast.ClassDef)
            and (found := mapped_class(node)) is not None}


def imported_classes(module: Module) -> dict[str, Mapped]:
    """The ORM classes ``module`` imports from the project's own files (``from
    app.models import User``, through a package's re-export too): name -> its table, so a
    helper handed the class (``drop_column(User, "c")``) reads ``cls.__tablename__``."""
    found = {}
    for local, (name, attr, level) in module.imports.items():
        table = _class_table(name, attr, level, module.path, 0) if attr else None
        if table:
            found[local] = Mapped(table)
    return found


def _class_table(name: str, attr: str, level: int, start: Path, depth: int) -> str | None:
    file = _module_file(name, level, start)
    if file is None:
        return None
    table = _tables_of(file).get(attr)
    if table or depth >= REEXPORTS:
        return table
    loaded = load(file)
    entry = loaded.imports.get(attr) if loaded is not None else None
    if not entry or not entry[1]:
        return None
    return _class_table(entry[0], entry[1], entry[2], file, depth + 1)


def imported_tables(module: Module, tree: ast.Module) -> frozenset[str]:
    """The tables of the ORM classes ``module`` imports from the project's own files
    (``from app.deprecated_models import AppVariantDB``) and reads whole rows of
    (``select(AppVariantDB)``, ``session.query(AppVariantDB)``): code that may carry their
    values elsewhere, though it never names the table. One column read
    (``select(DeploymentDB.uri)``) carries the rest nowhere; a class only listed (a loop over
    models that sets a column in place) is not taken to read its table."""
    selected = {arg.id for call in ast.walk(tree) if isinstance(call, ast.Call)
                and _reads_rows(call.func) for arg in call.args if isinstance(arg, ast.Name)}
    found = set()
    for local, (name, attr, level) in module.imports.items():
        file = _module_file(name, level, module.path) if attr and local in selected else None
        table = _tables_of(file).get(attr or "") if file is not None else None
        if table:
            found.add(table.rpartition(".")[2].lower())
    return frozenset(found)


def _reads_rows(func: ast.expr) -> bool:
    name = func.attr if isinstance(func, ast.Attribute) else getattr(func, "id", "")
    return name in ("select", "query")
