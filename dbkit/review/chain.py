"""Where the revisions are, and the chain they make: order, heads, roots, parents, children."""

from __future__ import annotations

import configparser
from collections import defaultdict
from dataclasses import dataclass, field
from pathlib import Path

from dbkit.errors import DbkitError
from dbkit.review.reader import Revision, read_revision

# Folders a repository keeps its revisions in, when alembic.ini does not say.
VERSIONS_GLOBS = ("versions", "migrations/versions", "alembic/versions", "*/migrations/versions",
                  "*/alembic/versions")


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
        report: set[Path] | None = {path.resolve()}
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
    return [r for r in ordered if not r.revision or by_id.get(r.revision) is r]


@dataclass
class Chain:
    """The revisions of one versions folder, and how they hang together."""

    revisions: list[Revision]
    order: list[Revision] = field(init=False)  # parents first; unreadable files left out
    by_id: dict[str, Revision] = field(init=False)  # the first file of each revision id
    children: dict[str, list[Revision]] = field(init=False)

    def __post_init__(self) -> None:
        self.order = chain_order(self.revisions)
        self.by_id = {}
        for rev in self.revisions:
            if rev.revision and not rev.error:
                self.by_id.setdefault(rev.revision, rev)
        self.children = defaultdict(list)
        for rev in self.order:
            for parent in rev.down_revision or ():
                self.children[parent].append(rev)

    @property
    def good(self) -> list[Revision]:
        """The readable revisions that have an id."""
        return [r for r in self.revisions if r.revision and not r.error]

    def heads(self) -> list[Revision]:
        parents = {p for r in self.good for p in r.down_revision or ()}
        return [r for r in self.good if r.revision not in parents]

    def roots(self) -> list[Revision]:
        return [r for r in self.good if r.has_down_revision and not r.down_revision]

    def neighbours(self, rev: Revision) -> list[Revision]:
        """The revision itself, its parent and its children (consecutive revisions)."""
        parents = [self.by_id[p] for p in rev.down_revision or () if p in self.by_id]
        return [rev] + (parents if len(parents) == 1 else []) + self.children.get(rev.name, [])
