"""SQL files a revision runs, read statically as the SQL they hold.

A revision may run a schema file of its project instead of a literal:
``op.execute(importlib.resources.read_text("pkg.migrations.data", "schema.sql"))``,
``text(files("pkg").joinpath("data/x.sql").read_text())``, ``open(path).read()``,
``(Path(__file__).parent / "x.sql").read_text()``. Such a file is its SQL exactly as a
literal would be (its CREATE TABLE columns, NOT NULL, constraints). Only a file of the
repository around the revision is read (the nearest folder above it holding ``.git``, else
the folders :data:`modules.SEARCH_UP` levels up), a regular file of at most
:data:`bounded.MAX_FILE_BYTES`; one that cannot be found stays unknown, so the statement
stays one the reviewer could not follow.

:func:`evaluate` asks this module about path values (:class:`FilePath`, the revision's
``__file__``) and the calls that read them; nothing is imported or run.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from pathlib import Path

from dbkit.review.bounded import MAX_FILE_BYTES
from dbkit.review.ops import UNKNOWN

FILE = "__file__"  # the revision's own path, as Python gives it to the module
SEARCH_UP = 8  # as modules.SEARCH_UP: folders above a file that may hold its project
# Calls that read a file's text, and those that make or join a path.
READS = ("read_text", "read", "read_bytes", "resource_string")
PATHS = ("Path", "PurePath", "PosixPath", "files", "joinpath", "join", "dirname", "abspath",
         "realpath", "resolve", "absolute", "open", "open_text", "with_name", "with_suffix")


@dataclass(frozen=True)
class FilePath:
    """A path the revision builds (``Path(__file__).parent``, ``files("pkg")``), or a file
    it opened (``open(path)``: ``opened``)."""

    path: Path
    opened: bool = False


def _start(scope: object) -> Path | None:
    own = scope.get(FILE) if isinstance(scope, Mapping) else None
    return Path(own) if isinstance(own, str) else None


def _repository(start: Path) -> Path:
    folders = list(start.resolve().parents)
    for folder in folders[:SEARCH_UP + 4]:
        if (folder / ".git").exists():
            return folder
    return folders[min(SEARCH_UP, len(folders)) - 1]


def _text(target: Path, start: Path | None) -> object:
    """The text of a file of the repository around ``start``; UNKNOWN for anything else."""
    if start is None:
        return UNKNOWN
    try:
        real = target.resolve()
        if not real.is_relative_to(_repository(start)) or not real.is_file() \
                or real.stat().st_size > MAX_FILE_BYTES:
            return UNKNOWN
        return real.read_text(encoding="utf-8")
    except (OSError, UnicodeDecodeError, ValueError, RuntimeError):
        return UNKNOWN


def _package(name: object, start: Path | None) -> Path | None:
    """The folder of package ``name`` (``pkg.migrations.data``) in the project around
    ``start``: found as its imports are (modules.py), in a folder above it or its ``src``."""
    if not isinstance(name, str) or start is None or not name:
        return None
    parts = name.split(".")
    for folder in list(start.resolve().parents)[:SEARCH_UP]:
        for base in (folder, folder / "src"):
            if (base.joinpath(*parts) / "__init__.py").is_file():
                return base.joinpath(*parts)
    return None


def _as_path(value: object) -> Path | None:
    if isinstance(value, FilePath):
        return value.path
    if isinstance(value, str) and value.startswith("/"):
        return Path(value)
    return None


def joined(left: object, right: object) -> object:
    """``path / "x.sql"``."""
    base = _as_path(left) if isinstance(left, FilePath) else None
    if base is None or not isinstance(right, (str, FilePath)):
        return UNKNOWN
    return FilePath(base / (right.path if isinstance(right, FilePath) else right))


def attribute(value: object, attr: str) -> object:
    """``path.parent``; UNKNOWN for anything not a path."""
    if isinstance(value, FilePath) and attr == "parent":
        return FilePath(value.path.parent)
    return UNKNOWN


def call(name: str, dotted: list[str], receiver: object, args: list[object],
         scope: object) -> object:
    """A call that makes a path or reads a file: its value (a :class:`FilePath`, the text
    read) or UNKNOWN. ``receiver`` is None for a plain name (``open``, ``files``), UNKNOWN
    for a module's function (``os.path.join``, ``importlib.resources.files``)."""
    start = _start(scope)
    if name in READS:
        return _read(name, dotted, receiver, args, start)
    if isinstance(receiver, FilePath):
        return _on_path(name, receiver.path, args)
    if receiver is not None and receiver is not UNKNOWN:
        return UNKNOWN  # ", ".join(...), a string's or a table's method
    if name in ("files", "open_text") and (len(dotted) == 1 or dotted[-2] == "resources"):
        folder = _package(args[0] if args else None, start)
        if folder is None:
            return UNKNOWN
        if name == "open_text":
            return FilePath(folder / args[1], opened=True) if len(args) > 1 \
                and isinstance(args[1], str) else UNKNOWN
        return FilePath(folder)
    return _path_call(name, dotted, args)


def _read(name: str, dotted: list[str], receiver: object, args: list[object],
          start: Path | None) -> object:
    if isinstance(receiver, FilePath) and not args:  # path.read_text(), open(p).read()
        if name == "read" and not receiver.opened:
            return UNKNOWN
        return _text(receiver.path, start)
    if name in ("read_text", "resource_string") and len(args) >= 2 and (
            len(dotted) >= 2 and dotted[-2] in ("resources", "pkg_resources")
            or dotted == [name]):
        folder = _package(args[0], start)
        return _text(folder / args[1], start) if folder is not None \
            and isinstance(args[1], str) else UNKNOWN
    return UNKNOWN


def _path_call(name: str, dotted: list[str], args: list[object]) -> object:
    paths = [_as_path(a) for a in args]
    if name in ("Path", "PurePath", "PosixPath"):
        return FilePath(paths[0]) if len(args) == 1 and paths[0] is not None else UNKNOWN
    if name == "open" and dotted == ["open"] and args and paths[0] is not None:
        mode = args[1] if len(args) > 1 else "r"
        return FilePath(paths[0], opened=True) if mode in ("r", "rt", "rb") else UNKNOWN
    if name in ("join", "dirname", "abspath", "realpath") and args and paths[0] is not None \
            and (len(dotted) == 1 or dotted[-2] == "path"):
        return _os_path(name, paths[0], args[1:])
    return UNKNOWN


def _on_path(name: str, path: Path, args: list[object]) -> object:
    if name == "joinpath" and all(isinstance(a, str) for a in args):
        return FilePath(path.joinpath(*args))  # type: ignore[arg-type]
    if name in ("resolve", "absolute") and not args:
        return FilePath(path)
    if name == "open" and all(a in ("r", "rt", "rb") for a in args):
        return FilePath(path, opened=True)
    if name in ("with_name", "with_suffix") and len(args) == 1 and isinstance(args[0], str):
        try:
            return FilePath(getattr(path, name)(args[0]))
        except ValueError:
            return UNKNOWN
    return UNKNOWN


def _os_path(name: str, path: Path, rest: list[object]) -> object:
    if name == "dirname" and not rest:
        return str(path.parent)
    if name in ("abspath", "realpath") and not rest:
        return str(path)
    if name == "join" and all(isinstance(r, str) for r in rest):
        return str(path.joinpath(*rest))  # type: ignore[arg-type]
    return UNKNOWN


