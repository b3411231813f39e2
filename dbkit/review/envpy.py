"""What a chain's ``env.py`` tells Alembic, read statically (never imported, never run).

Alembic builds the constraints of ``op.create_foreign_key(None, ...)`` and friends on a
``MetaData`` carrying the ``naming_convention`` of ``env.py``'s ``target_metadata``: with
a convention for that kind (``fk``, ``uq``, ``ck``, ``pk``), an unnamed constraint gets
its name from it. :func:`conventions` finds that convention in ``env.py`` or in the
project modules it imports (the models), and returns the kinds it names.
"""

from __future__ import annotations

import ast
import functools
from pathlib import Path

from dbkit import pysource
from dbkit.review import code, modules, provenance
from dbkit.review.evaluate import evaluate

KINDS = {"fk": "fk", "foreign_key": "fk", "ForeignKeyConstraint": "fk",
         "uq": "uq", "unique": "uq", "UniqueConstraint": "uq",
         "ck": "ck", "check": "ck", "CheckConstraint": "ck",
         "pk": "pk", "primary_key": "pk", "PrimaryKeyConstraint": "pk",
         "ix": "ix", "Index": "ix"}
DEPTH = 3  # how many imports deep the models are looked for
PACKAGE_FILES = 5000  # at most this many files of the package are looked through


def env_py(folder: Path) -> Path | None:
    """The ``env.py`` of the chain whose revisions live in ``folder`` (or a folder above)."""
    for candidate in (folder, *list(folder.parents)[:3]):
        if (candidate / "env.py").is_file():
            return candidate / "env.py"
    return None


DATA_MIGRATIONS = "*data_migration*"  # OpenStack's expand / migrate / contract: glance-manage


@functools.lru_cache(maxsize=32)
def data_migrations(env: Path | None) -> tuple[tuple[str, frozenset[str], frozenset[str],
                                                        frozenset[str]], ...]:
    """The data migrations kept beside the chain (``data_migrations/*.py`` next to
    ``env.py``), which the project runs between an expand and a contract revision,
    outside Alembic: (path shown, the names and words each mentions, the names it may set,
    the tables of the ORM classes it imports and reads whole rows of)."""
    if env is None:
        return ()
    found = []
    for folder in sorted(env.parent.glob(DATA_MIGRATIONS)):
        for path in sorted(folder.glob("*.py") if folder.is_dir() else [folder]):
            try:
                tree = pysource.parse(path.read_text(encoding="utf-8", errors="replace"))
            except (OSError, SyntaxError, ValueError):
                continue
            if path.name != "__init__.py":
                found.append((str(path.relative_to(env.parent)), code.mentions(tree),
                              provenance.stores(tree.body, {}),
                              modules.imported_tables(modules.module_of(tree, path), tree)))
    return tuple(found)


@functools.lru_cache(maxsize=32)
def conventions(env: Path | None) -> frozenset[str]:
    """The constraint kinds the naming convention of ``target_metadata`` names."""
    if env is None:
        return frozenset()
    module = modules.load(env.resolve())
    if module is None or _metadata_is_none(env):
        return frozenset()
    seen: set[Path] = set()
    todo = [(module, 0)]
    while todo:
        current, depth = todo.pop(0)
        if current.path in seen:
            continue
        seen.add(current.path)
        found = _convention_in(current)
        if found:
            return found
        if depth < DEPTH:
            for local in current.imports:
                for target in _imported_files(current, local):
                    loaded = modules.load(target)
                    if loaded is not None:
                        todo.append((loaded, depth + 1))
    return _in_package(env)


def _in_package(env: Path) -> frozenset[str]:
    """The convention set anywhere in the package ``env.py`` belongs to, when ``env.py``
    takes its metadata from somewhere its imports do not show (``current_app.extensions
    ['migrate'].db.metadata``): files that mention ``naming_convention``, outside the
    revisions and the tests."""
    top = env.resolve().parent
    while (top.parent / "__init__.py").is_file():
        top = top.parent
    if not (top / "__init__.py").is_file() and top == env.resolve().parent:
        return frozenset()
    for count, path in enumerate(sorted(top.rglob("*.py"))):
        if count > PACKAGE_FILES:
            break
        if {"versions", "tests", "test"} & set(path.relative_to(top).parts):
            continue
        try:
            if "naming_convention" not in path.read_text(encoding="utf-8", errors="replace"):
                continue
        except OSError:
            continue
        loaded = modules.load(path.resolve())
        found = _convention_in(loaded) if loaded is not None else frozenset()
        if found:
            return found
    return frozenset()


def _metadata_is_none(env: Path) -> bool:
    try:
        tree = pysource.parse(env.read_text(encoding="utf-8-sig"))
    except (OSError, UnicodeDecodeError, SyntaxError, ValueError):
        return True
    for node in ast.walk(tree):
        if isinstance(node, ast.Assign) and any(
                isinstance(t, ast.Name) and t.id == "target_metadata" for t in node.targets):
            return isinstance(node.value, ast.Constant) and node.value.value is None
    return False


def _imported_files(module: modules.Module, local: str) -> list[Path]:
    name, attr, level = module.imports[local]
    found = []
    for dotted in ([f"{name}.{attr}", name] if attr else [name]):
        path = modules._module_file(dotted.strip("."), level, module.path)
        if path is not None:
            found.append(path)
            break
    return found


def _convention_in(module: modules.Module) -> frozenset[str]:
    """The kinds named by a ``naming_convention=`` (or ``.naming_convention =``) in a file."""
    try:
        tree = pysource.parse(module.path.read_text(encoding="utf-8-sig"))
    except (OSError, UnicodeDecodeError, SyntaxError, ValueError):
        return frozenset()
    for node in ast.walk(tree):
        named = (isinstance(node, ast.keyword) and node.arg == "naming_convention") or (
            isinstance(node, ast.Assign) and any(
                isinstance(t, ast.Attribute) and t.attr == "naming_convention"
                for t in node.targets))
        if not named:
            continue
        value = node.value  # type: ignore[attr-defined]
        keys = _keys(value, module)
        if keys:
            return keys
    return frozenset()


def _keys(value: ast.expr, module: modules.Module) -> frozenset[str]:
    if isinstance(value, ast.Name):  # NAMING_CONVENTION = {...} at the top of the file
        for node in pysource.parse(module.path.read_text(encoding="utf-8-sig")).body:
            if isinstance(node, (ast.Assign, ast.AnnAssign)):
                targets = node.targets if isinstance(node, ast.Assign) else [node.target]
                if any(isinstance(t, ast.Name) and t.id == value.id for t in targets) \
                        and node.value is not None:
                    return _keys(node.value, module)
        return frozenset()
    if isinstance(value, ast.Dict):
        names = [evaluate(k, module.scope) if k is not None else None for k in value.keys]
        names += [k.id if isinstance(k, ast.Name) else k.attr if isinstance(k, ast.Attribute)
                  else None for k in value.keys]
        return frozenset(KINDS[n] for n in names if isinstance(n, str) and n in KINDS)
    return frozenset()
