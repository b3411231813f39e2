"""The revisions of a repository in the order Alembic applies them, read without running them."""

from __future__ import annotations

import ast
import contextlib
from dataclasses import dataclass
from pathlib import Path

from dbkit import pysource
from dbkit.errors import DbkitError

VERSIONS_GLOBS = ("versions", "migrations/versions", "alembic/versions", "*/migrations/versions",
                  "*/alembic/versions", "*/*/migrations/versions")


@dataclass(frozen=True)
class Step:
    path: Path
    revision: str
    down: tuple[str, ...]


def versions_folder(target: Path) -> Path:
    """The folder of revision files at ``target`` (a file, a versions folder, a repository)."""
    target = Path(target)
    if target.is_file():
        return target.parent
    if not target.is_dir():
        raise DbkitError(f"{target} does not exist")
    if any(_revision_of(p) for p in target.glob("*.py")):
        return target
    for pattern in VERSIONS_GLOBS:
        for folder in sorted(target.glob(pattern)):
            if folder.is_dir() and any(_revision_of(p) for p in folder.glob("*.py")):
                return folder
    raise DbkitError(f"no Alembic revisions found in {target}")


def read_chain(target: Path) -> list[Step]:
    """Every revision at ``target``, each after the ones it builds on (merges included)."""
    steps: dict[str, Step] = {}
    for path in _files(Path(target)):
        found = _revision_of(path)
        if found is not None:
            steps[found[0]] = Step(path, found[0], found[1])
    ordered: list[Step] = []
    state: dict[str, str] = {}

    def visit(rev: str) -> None:
        if state.get(rev) == "done":
            return
        if state.get(rev) == "busy":
            raise DbkitError(f"the revisions loop back on {rev}")
        state[rev] = "busy"
        for down in steps[rev].down:
            if down not in steps:
                raise DbkitError(f"{steps[rev].path.name} builds on {down}, which is not there")
            visit(down)
        state[rev] = "done"
        ordered.append(steps[rev])

    for rev in sorted(steps, key=lambda r: steps[r].path.name):
        visit(rev)
    return ordered


def _files(target: Path) -> list[Path]:
    """The revision files of the chain at ``target``, found as the static reviewer finds them
    (alembic.ini's ``version_locations`` included); our own search where it finds none."""
    from dbkit.review.chain import collect

    try:
        revisions, _ = collect(str(target))
        found = sorted({Path(r.path) for r in revisions})
    except DbkitError:
        found = []
    return found or sorted(versions_folder(target).glob("*.py"))


def _revision_of(path: Path) -> tuple[str, tuple[str, ...]] | None:
    from dbkit.review.bounded import MAX_FILE_BYTES
    from dbkit.sandbox import NotCopied, read_regular_file

    try:  # never through a link, never a FIFO, never past the reader's limits
        source = read_regular_file(path)
        if len(source) > MAX_FILE_BYTES:
            return None
        tree = pysource.parse(source.decode("utf-8", errors="replace"))
    except (SyntaxError, ValueError, OSError, NotCopied, RecursionError, MemoryError):
        return None
    values: dict[str, object] = {}
    for node in tree.body:
        target, value = None, None
        if isinstance(node, ast.Assign) and len(node.targets) == 1:
            target, value = node.targets[0], node.value
        elif isinstance(node, ast.AnnAssign):
            target, value = node.target, node.value
        if isinstance(target, ast.Name) and target.id in ("revision", "down_revision") \
                and value is not None:
            with contextlib.suppress(ValueError):
                values[target.id] = ast.literal_eval(value)
    revision, down = values.get("revision"), values.get("down_revision")
    if not isinstance(revision, str):
        return None
    if down is None:
        downs: tuple[str, ...] = ()
    elif isinstance(down, str):
        downs = (down,)
    elif isinstance(down, (tuple, list)) and all(isinstance(d, str) for d in down):
        downs = tuple(down)
    else:
        return None
    return revision, downs
