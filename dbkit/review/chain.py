"""Where the revisions are, and the chain they make: order, heads, roots, parents, children."""

from __future__ import annotations

import configparser
import logging
import os
import re
from collections import defaultdict, deque
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from dbkit import project
from dbkit.errors import AmbiguousLocation, DbkitError, OutsideFolder
from dbkit.review import dialect, envpy, py2
from dbkit.review.reader import Revision, read_revision
from dbkit.review.subfolders import named_by_project

log = logging.getLogger(__name__)

# Folders of a repository's tests: revisions there are fixtures, not a chain it runs.
TEST_FOLDERS = frozenset({"tests", "test", "testing"})
# Folders a repository keeps its revisions in, when alembic.ini does not say.
VERSIONS_GLOBS = ("versions", "migrations/versions", "alembic/versions", "*/migrations/versions",
                  "*/alembic/versions")


def scan_root(given: Path) -> Path:
    """The folder whose files say how the chain at ``given`` is run: the repository around it
    (:func:`dbkit.project.reviewed_folder`), or ``given`` itself when it lies in a test folder
    of that repository (a fixture is a project of its own; its neighbours are not its files)."""
    root = project.reviewed_folder(given)
    folder = given if given.is_dir() else given.parent
    try:
        inner = folder.resolve().relative_to(root.resolve())
    except ValueError:
        return root
    return folder if TEST_FOLDERS & {part.lower() for part in inner.parts} else root


def _ini_locations(path: Path) -> list[tuple[str, list[Path]]]:
    """alembic.ini's version folders: one entry per section that names them.

    ``version_locations`` (split like Alembic: ``version_path_separator``, else
    spaces and commas) wins over ``script_location``/versions. A section other
    than [alembic] (``alembic -n prod``) with its own locations is its own chain.
    """
    ini = path / "alembic.ini"
    if not ini.is_file():
        ini = next(iter(sorted(path.glob("*/alembic.ini"))), ini)
    if not ini.is_file():
        return []
    parser = configparser.ConfigParser(defaults={"here": str(ini.parent)})
    try:
        parser.read_string(project.read_inside(ini, project.reviewed_folder(path))
                           .removeprefix("\ufeff"), str(ini))
    except (OSError, UnicodeDecodeError) as exc:
        raise DbkitError(f"{ini} cannot be read: {one_line_of(exc)}") from None
    except configparser.Error as exc:
        raise DbkitError(f"{ini} cannot be read: {one_line_of(exc)}") from None
    base = parser.get("alembic", "script_location", fallback=None) \
        if parser.has_section("alembic") else None
    found: list[tuple[str, list[Path]]] = []
    for section in sorted(parser.sections(), key=lambda name: name != "alembic"):
        try:
            script = parser.get(section, "script_location", fallback=None) or base
            locations = parser.get(section, "version_locations", fallback=None)
            separator = parser.get(section, "version_path_separator", fallback=None) or \
                parser.get("alembic", "version_path_separator", fallback=None) \
                if parser.has_section("alembic") else None
        except configparser.Error as exc:
            raise DbkitError(f"{ini} cannot be read: {one_line_of(exc)}") from None
        if locations:
            seps = {"space": " ", "newline": "\n", "colon": ":", "semicolon": ";",
                    "os": os.pathsep}
            parts = locations.split(seps[separator]) if separator in seps \
                else re.split(r"[\s,]+", locations)
            folders = [(ini.parent / p.strip()).resolve() for p in parts if p.strip()]
        elif script and (section == "alembic" or "script_location" in parser[section]):
            folders = [(ini.parent / script).resolve() / "versions"]
        else:
            continue
        for folder in folders:
            project.inside(folder, project.reviewed_folder(path))
        if all(folders != f for _, f in found):
            found.append((section, folders))
    return found


def find_versions(path: Path) -> list[list[Path]]:
    """The version folders of a repository, one list per chain (alembic.ini, or the usual places).

    A chain whose folders do not exist is bad input: DbkitError naming them.
    """
    from_ini = _ini_locations(path)
    if from_ini:
        chains = [folders for _, folders in from_ini if all(f.is_dir() for f in folders)]
        if not chains:
            looked = [str(f) for _, folders in from_ini for f in folders]
            raise DbkitError(f"no revision found: the version folders alembic.ini names do not "
                             f"exist: {', '.join(looked)}")
        for section, folders in from_ini:
            if folders not in chains:
                log.warning("alembic.ini [%s]: %s does not exist; not reviewed", section,
                            ", ".join(map(str, folders)))
        return chains
    for pattern in VERSIONS_GLOBS:
        for versions in sorted(path.glob(pattern)):
            if versions.is_dir():
                return [[versions]]
    if any(p.name != "__init__.py" for p in path.glob("*.py")):
        return [[path]]  # a versions folder itself
    raise DbkitError(f"no migrations found in {path}: expected a migration file, a versions "
                     "folder, or a repository with alembic.ini or migrations/versions")


def one_line_of(exc: BaseException) -> str:
    return str(exc).strip().splitlines()[0] if str(exc).strip() else type(exc).__name__


def _shown(path: Path, given: str, base: Path) -> str:
    try:
        return str(Path(given) / path.relative_to(base))
    except ValueError:
        return str(path)


def _files(folder: Path, recursive: bool) -> list[Path]:
    files = folder.rglob("*.py") if recursive else folder.glob("*.py")
    return sorted(f for f in files if f.name != "__init__.py" and "__pycache__" not in f.parts)


def _read(folders: list[Path], given_base: str, shown_base: Path,
          recursive: bool, root: Path | None = None, scan: Path | None = None) -> list[Revision]:
    revisions = []
    for folder in folders:  # (scan: the project's folder, as review() reads the dialect)
        on = dialect.of(envpy.env_py(folder), scan)  # its `if`s of the database are read so
        for file in _files(folder, recursive):
            rev = read_revision(file, _shown(file, given_base, shown_base), within=folder,
                                dialect=on)
            py2.newer_python(rev, root or folder)
            if rev.error or rev.revision or rev.has_down_revision:
                revisions.append(rev)
    return revisions


def collect_all(given: str) -> list[tuple[list[Revision], set[Path]]]:
    """Each chain PATH names (alembic.ini may name several), and the files to report on."""
    return [(revisions, report) for _, revisions, report in collect_named(given)]


def collect_named(given: str) -> list[tuple[str, list[Revision], set[Path]]]:
    """Each chain at PATH with its name (the ini and section, or the folder), its revisions,
    and the files to report on. PATH may be a revision file, a versions folder, a scripts
    folder, an alembic.ini, or a repository whose alembic.ini (or several) sits deeper; a
    versions folder split into independent per-dialect sub-folders is one chain each.

    Raises DbkitError (exit 2) for a path that does not exist, and for a chain
    in which no revision is found, naming the folders looked at.
    """
    path = Path(given)
    if not path.exists():
        raise DbkitError(f"no such file or folder: {given}")
    if path.is_file() and path.suffix != ".ini":
        if path.suffix != ".py":
            raise DbkitError(f"not a Python migration file: {given}")
        revisions = _read([path.parent], str(Path(given).parent), path.parent, False,
                          project.reviewed_folder(path), scan_root(path))
        return [("", revisions, {path.resolve()})]
    base = path.parent if path.is_file() else path
    found, empty = [], []
    for name, folders, merge in _chains_at(path):
        recursive = folders != [path]  # a folder found by config or layout: subfolders too
        revisions = _read(folders, str(base) if path.is_file() else given, base, recursive,
                          project.reviewed_folder(path), scan_root(path))
        if not revisions:  # one service's chain not begun (romaric-tokpa/yemma audit): the others
            empty.append(", ".join(_shown(f, given, base) for f in folders))
            continue
        top = project.reviewed_folder(path)
        for suffix, part in ([("", revisions)] if merge else _by_dialect(revisions, folders, top)):
            found.append((name + suffix, part, {rev.key for rev in part}))
    if empty and not found:
        raise DbkitError("no revision found in " + "; ".join(empty))
    for where in empty:
        log.warning("no revision found in %s; not reviewed", where)
    return found


def _holds_revisions(path: Path) -> bool:
    return path.is_dir() and not (path / "alembic.ini").is_file() \
        and not (path / "env.py").is_file() \
        and any(p.name != "__init__.py" and "down_revision" in _text(p) for p in path.glob("*.py"))


def _text(path: Path) -> str:
    try:
        return project.inside(path, path.parent).read_text(encoding="utf-8-sig",
                                                           errors="replace")
    except (OSError, DbkitError):  # a link out of the folder is not read
        return ""


def _chains_at(path: Path) -> list[tuple[str, list[Path], bool]]:
    """(name, version folders, whether the config merges their sub-folders) of each chain
    at ``path``, found by :mod:`dbkit.project` (package-style script_location,
    version_locations, every section of every ini)."""
    if _holds_revisions(path):
        return [("", [path], False)]  # a versions folder itself
    try:
        projects = project.find_all(path)
    except (OutsideFolder, AmbiguousLocation):
        raise
    except DbkitError:
        projects = []
    chains: list[tuple[str, list[Path], bool]] = []
    missing: list[str] = []
    # The folders each configuration owns: an ini's folder, a scripts folder (env.py).
    homes = {home.resolve() for _, found in projects
             for home in (found.script_location, *([found.ini.parent] if found.ini else []))}
    for section, found in projects:
        folders = [v.resolve() for v in found.versions]
        name = found.name() + (f" [{section}]" if section not in ("", "alembic") else "")
        if all(f.is_dir() for f in folders):
            if all(folders != other for _, other, _ in chains):
                # recursive_version_locations = true: Alembic reads every sub-folder
                merge = found.options.get("recursive_version_locations", "").strip().lower() \
                    in ("true", "1", "yes", "on")
                chains.append((name, folders, merge))
        else:
            missing += [str(f) for f in folders if not f.is_dir()]
            log.warning("%s: %s does not exist; not reviewed", name,
                        ", ".join(str(f) for f in folders if not f.is_dir()))
    if chains:
        return chains + _folders_no_chain_covers(path, chains, homes)
    if missing:
        # A location filled in by the project's code ({alembic_dir}): the scripts folders
        # beside the ini, if there are any, are the chain.
        beside = _scripts_beside(path)
        if beside:
            return [(name, folders, False) for name, folders in beside]
        raise DbkitError(f"no revision found: the version folders alembic.ini names do not "
                         f"exist: {', '.join(missing)}")
    if path.is_dir() and not project.revision_files(path):
        revision_folders = project.revision_folders(path)
        if revision_folders:  # no ini, no versions/: Flask-Alembic's migrations/, say
            return [(str(folder.relative_to(path.resolve())), [folder], False)
                    for folder in revision_folders]
    return [("", folders, False) for folders in find_versions(path)]


def _folders_no_chain_covers(path: Path, chains: list[tuple[str, list[Path], bool]],
                             homes: set[Path]) -> list[tuple[str, list[Path], bool]]:
    """Folders of revisions under a repository root that no ini or scripts folder names:
    chains the project runs from its own code (CTFd's plugins keep theirs in
    ``CTFd/plugins/<plugin>/migrations/``, run with their own version table), each its own.
    Only from a folder that is no chain's own (no alembic.ini in it: pointed at an ini's
    folder, the user names that chain), and never a test's fixtures (a ``tests`` folder).
    A folder inside one of ``homes`` (an ini's folder or a scripts folder) that its
    configuration does not name is never run by it (qontinui-web's ``backend/backup_migrations``
    beside ``backend/alembic.ini``, ``backend/alembic/_staged_phase7``): left out, and said."""
    if not path.is_dir() or (path / project.INI_NAME).is_file():
        return []
    covered = tuple(folder for _, folders, _ in chains for folder in folders)
    found = []
    for folder in project.revision_folders(path, known=covered):
        relative = folder.relative_to(path.resolve())
        if not TEST_FOLDERS.isdisjoint(relative.parts):
            continue
        if any(home in folder.parents for home in homes):
            log.warning("%s: no alembic.ini or scripts folder around it names it, so Alembic "
                        "never reads it; not reviewed", folder)
            continue
        found.append((str(relative), [folder], False))
    return found


def _scripts_beside(path: Path) -> list[tuple[str, list[Path]]]:
    """Scripts folders (env.py and versions/) in the folder of the ini at ``path``."""
    top = path.parent if path.is_file() else path
    found = []
    for env in sorted(top.glob("*/env.py")):
        if (env.parent / "versions").is_dir():
            project.inside(env.parent / "versions", project.reviewed_folder(path))
            log.warning("%s: using %s, the scripts folder beside it", path, env.parent)
            found.append((project.Project(script_location=env.parent).name(),
                          [(env.parent / "versions").resolve()]))
    return found


def _by_dialect(revisions: list[Revision], folders: list[Path],
                top: Path) -> list[tuple[str, list[Revision]]]:
    """Alembic reads a versions folder's sub-folders only when told to (in the ini, or by
    the project's code): a sub-folder whose revisions link into the rest of the folder
    (expand / contract, per-release folders) is part of the chain; one that holds a whole
    chain of its own (a root, no parent outside it, and no revision outside it needing one
    of its ids: ``versions/postgresql`` and ``versions/sqlite``, or a ``legacy/`` chain a
    squash replaced) is reviewed as its own chain, named, and never merged, when the project
    names it (:func:`named_by_project`); one nothing names, Alembic never reads (CAPEv2's
    ``versions/Deprecated/``): it is left out, and the log says so."""
    if len(folders) != 1:
        return [("", revisions)]
    groups: dict[str, list[Revision]] = defaultdict(list)
    for rev in revisions:
        # Where the file sits, not where a link points (a link out of the folder is a finding).
        relative = Path(os.path.relpath(rev.path.absolute(), folders[0].absolute()))
        inside = relative.parts and relative.parts[0] != ".."
        groups[relative.parts[0] if inside and len(relative.parts) > 1 else ""].append(rev)
    if len(groups) < 2:
        return [("", revisions)]
    ids = {sub: {r.revision for r in revs if r.revision} for sub, revs in groups.items()}
    parents = {sub: {p for r in revs for p in (*(r.down_revision or ()), *r.depends_on)}
               for sub, revs in groups.items()}
    apart = [sub for sub in sorted(groups) if sub and _own_chain(sub, groups, ids, parents)]
    if not apart:
        return [("", revisions)]
    rest = [rev for sub, revs in groups.items() if sub not in apart for rev in revs]
    # With nothing at the top, the sub-folders are what the project runs (it lists them).
    named = [sub for sub in apart if not rest or named_by_project(sub, top, folders[0])]
    for sub in apart:
        if sub not in named:
            log.warning("%s: nothing in the project names it in version_locations, so Alembic "
                        "never reads it; not reviewed", folders[0] / sub)
    return [("", rest)] * bool(rest) + [(f" ({sub})", groups[sub]) for sub in named]


def _own_chain(sub: str, groups: dict[str, list[Revision]], ids: dict[str, set[str]],
               parents: dict[str, set[str]]) -> bool:
    """Does sub-folder ``sub`` hold a chain of its own that nothing outside it needs?"""
    if not any(r.has_down_revision and not r.down_revision for r in groups[sub]):
        return False
    elsewhere = set().union(*(ids[other] for other in groups if other != sub))
    if any(p in elsewhere and p not in ids[sub] for p in parents[sub]):
        return False
    needed = set().union(*(parents[other] for other in groups if other != sub))
    return not (needed & (ids[sub] - elsewhere))


def collect(given: str) -> tuple[list[Revision], set[Path]]:
    """The revisions of the (first) chain PATH belongs to, and the files to report on."""
    return collect_all(given)[0]


def chain_order(revisions: list[Revision]) -> list[Revision]:
    """Parents before children; files in name order where the chain does not decide."""
    by_id = {r.revision: r for r in revisions if r.revision}
    done: set[str] = set()
    ordered: list[Revision] = []

    def visit(rev: Revision, seen: frozenset) -> None:
        if rev.name in done or rev.name in seen:
            return
        for parent in (*(rev.down_revision or ()), *rev.depends_on):
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
    # What a rule works out once per revision of this chain, by (what, revision file name):
    # throughkeys' foreign keys, asked for by every drop the revision holds.
    memo: dict[tuple[str, str], Any] = field(init=False, default_factory=dict, repr=False)

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

    @property
    def unparsed(self) -> list[Revision]:
        """The files present that do not parse but whose header was read (Python 2, a syntax
        error): they hold their place in the chain, and no head or cut is told from them."""
        return [r for r in self.revisions if r.revision and r.error and not r.not_read]

    def before(self, rev: Revision, name: str) -> bool:
        """Is revision ``name`` (a file's name) on ``rev``'s own path, an ancestor of it? Not
        when it is on a branch of its own, which a walk of the whole chain may meet first."""
        return any(r.name == name for r in self.ancestors(rev))

    def ancestors(self, rev: Revision, most: int | None = None) -> list[Revision]:
        """The revisions ``rev`` follows by its down_revision (and theirs), nearest first
        (breadth first), at most ``most``."""
        found: list[Revision] = []
        seen = {rev.name}
        todo = deque([rev])
        while todo and (most is None or len(found) < most):
            for parent in todo.popleft().down_revision or ():
                earlier = self.by_id.get(parent)
                if earlier is not None and earlier.name not in seen \
                        and (most is None or len(found) < most):
                    seen.add(earlier.name)
                    found.append(earlier)
                    todo.append(earlier)
        return found

    def descendants(self, rev: Revision) -> set[str]:
        """The names of the revisions that follow ``rev`` (its children, theirs, ...)."""
        found: set[str] = set()
        todo = [rev]
        while todo:
            for child in self.children.get(todo.pop().name, []):
                if child.name not in found and child is not rev:
                    found.add(child.name)
                    todo.append(child)
        return found

    def known(self, name: str) -> bool:
        """Is ``name`` the id of a file of the folder, parsed or not?"""
        return name in self.by_id or any(r.revision == name for r in self.unparsed)

    def heads(self) -> list[Revision]:
        parents = {p for r in self.good + self.unparsed for p in r.down_revision or ()}
        return [r for r in self.good if r.revision not in parents]

    def roots(self) -> list[Revision]:
        return [r for r in self.good if r.has_down_revision and not r.down_revision]

    def labels(self) -> dict[str, Revision]:
        """branch label -> the revision that declares it."""
        return {label: r for r in self.good for label in r.branch_labels}

    def branch_of(self, rev: Revision, down: bool = True) -> str | None:
        """The branch label of ``rev``: its own, or the nearest one towards the root
        (``down``) or towards the heads."""
        seen: set[str] = set()
        todo = [rev]
        while todo:
            current = todo.pop()
            if current.branch_labels:
                return current.branch_labels[0]
            seen.add(current.name)
            nxt = [self.by_id[p] for p in current.down_revision or () if p in self.by_id] \
                if down else self.children.get(current.name, [])
            todo += [r for r in nxt if r.name not in seen]
        return None

    def branches_are_labelled(self, revisions: list[Revision], down: bool) -> bool:
        """Several heads (or roots) are by design when each is on its own labelled branch."""
        labels = [self.branch_of(r, down) for r in revisions]
        return all(labels) and len(set(labels)) == len(labels)

    def neighbours(self, rev: Revision) -> list[Revision]:
        """The revision itself, its parent and its children (consecutive revisions)."""
        parents = [self.by_id[p] for p in rev.down_revision or () if p in self.by_id]
        return [rev] + (parents if len(parents) == 1 else []) + self.children.get(rev.name, [])
