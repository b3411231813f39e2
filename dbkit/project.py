"""The Alembic project in use: which ``alembic.ini``, which scripts folder, which revisions.

The one module that finds a migration chain. Every tool asks it (the drift doctor, the
guard rails, the reviewer, the grader, the package's commands run in someone else's
repository), so a learner's own chain gets the same help as this repository's, and no
message names a revision the chain in use does not have.

- :func:`in_use` is the chain a command works on: ``-c FILE`` (``config_file``), then
  ``ALEMBIC_CONFIG`` (Alembic's own variable), then ``alembic.ini`` in the working folder,
  then this repository's.
- :func:`from_ini` reads one ``alembic.ini`` as Alembic does: ``%(here)s``, a
  package-style ``script_location`` (``package:path``), ``version_locations``.
- :func:`find` is for a path a user points at: an ``alembic.ini``, a repository root
  whose ``alembic.ini`` sits deeper, a scripts folder (holding ``env.py``) or a versions
  folder; one :class:`Project` per chain found. :func:`revision_folders`: folders of
  revision files that no ini names (a chain the project runs from its own code).
- :func:`inside` is the one check that a file of a folder under review (a learner's
  repository) really lies in it: an ``alembic.ini``, ``pyproject.toml`` or versions folder
  that is a link to ``/etc/shadow`` or another learner's files is never read.
  :func:`find` and :func:`find_all` apply it to every ``alembic.ini`` and versions folder.
"""

from __future__ import annotations

import ast
import configparser
import contextlib
import importlib.util
import logging
import os
import re
from collections.abc import Mapping
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING

from dbkit import pysource
from dbkit.errors import AmbiguousLocation, ConfigError, OutsideFolder

if TYPE_CHECKING:
    from alembic.config import Config
    from alembic.script import ScriptDirectory

log = logging.getLogger(__name__)

REPOSITORY_ROOT = Path(__file__).resolve().parent.parent
INI_NAME = "alembic.ini"
# Folders never searched for chains: dependencies, caches, version control.
SKIPPED_FOLDERS = frozenset({".git", ".hg", ".venv", "venv", "env", "node_modules", "__pycache__",
                             ".tox", ".nox", "site-packages", "build", "dist", ".mypy_cache"})
SEARCH_DEPTH = 6


@dataclass(frozen=True)
class Project:
    """One Alembic chain: its configuration file (if any) and where its revisions live."""

    script_location: Path
    ini: Path | None = None
    version_locations: tuple[Path, ...] = ()
    options: Mapping[str, str] = field(default_factory=dict)  # the [alembic] section, raw

    @property
    def root(self) -> Path:
        """The folder commands run from: the ini's folder, else the scripts folder's parent."""
        return self.ini.parent if self.ini else self.script_location.parent

    @property
    def env_py(self) -> Path | None:
        path = self.script_location / "env.py"
        return path if path.is_file() else None

    @property
    def versions(self) -> tuple[Path, ...]:
        """Every folder that holds revisions (``version_locations``, else ``versions/``)."""
        return self.version_locations or (self.script_location / "versions",)

    @property
    def is_repository_chain(self) -> bool:
        """Is this the exercise repository's own chain (``migrations/`` here)?"""
        return self.script_location.resolve() == (REPOSITORY_ROOT / "migrations").resolve()

    def name(self) -> str:
        """How messages name the chain: the ini (or scripts folder) relative to the working folder."""
        shown = self.ini or self.script_location
        try:
            return str(shown.resolve().relative_to(Path.cwd().resolve()))
        except ValueError:
            return str(shown)

    def config(self, bare: bool = False) -> Config:
        """An Alembic ``Config`` for this chain, with absolute paths (works from any folder).

        ``bare``: the ``[alembic]`` options without the ini file, so an ``env.py`` run with it
        leaves the process's logging alone (``fileConfig`` only runs with a file)."""
        from alembic.config import Config

        if self.ini and not bare:
            config = Config(str(self.ini))
        else:
            config = Config()
            for key, value in self.options.items():
                if key != "here":
                    config.set_main_option(key, value.replace("%", "%%"))
        config.set_main_option("script_location", str(self.script_location))
        # Alembic reads a relative prepend_sys_path from the working folder; the chain's
        # models sit next to its ini, so resolve it there (works from any folder).
        prepend = self.options.get("prepend_sys_path", "")
        if prepend.strip():
            config.set_main_option("path_separator", "os")
            config.set_main_option("prepend_sys_path", os.pathsep.join(
                str(resolve_location(item, self.root)) for item in
                split_locations(prepend, self.options)))
        if self.version_locations:
            config.set_main_option("path_separator", "os")
            config.set_main_option("version_locations",
                                   os.pathsep.join(str(p) for p in self.version_locations))
        return config

    def script(self) -> ScriptDirectory:
        from alembic.script import ScriptDirectory

        return ScriptDirectory.from_config(self.config())


def exercise_repository() -> Path | None:
    """The exercise repository dbkit runs from (its models, chain and snapshots), or None when
    dbkit is an installed package used in some other project."""
    markers = ("models.py", "alembic.ini", "migrations/env.py", "exercise")
    if all((REPOSITORY_ROOT / marker).exists() for marker in markers):
        return REPOSITORY_ROOT
    return None


def in_use(config_file: str | os.PathLike[str] | None = None,
           environ: Mapping[str, str] | None = None, cwd: Path | None = None) -> Project:
    """The chain a command works on (see the module's docstring for the order)."""
    environ = os.environ if environ is None else environ
    cwd = Path.cwd() if cwd is None else cwd
    chosen = config_file or environ.get("ALEMBIC_CONFIG")
    if chosen:
        path = Path(chosen)
        path = path if path.is_absolute() else cwd / path
        if not path.is_file():
            raise ConfigError(f"no Alembic configuration at {chosen}: pass the path of an "
                              f"{INI_NAME} with -c")
        return from_ini(path)
    if (cwd / INI_NAME).is_file():
        return from_ini(cwd / INI_NAME)
    return from_ini(REPOSITORY_ROOT / INI_NAME)


def from_config(config: Config) -> Project:
    """The chain an Alembic ``Config`` describes (``context.config`` inside ``env.py``): its
    ini when it has one, with the script location the config says (``-c`` and all)."""
    if config.config_file_name and Path(config.config_file_name).is_file():
        found = from_ini(Path(config.config_file_name))
    else:
        found = None
    location = config.get_main_option("script_location")
    if location is None:
        if found is None:
            raise ConfigError("the Alembic configuration names no script_location")
        return found
    here = found.root if found else Path.cwd()
    script_location = resolve_location(location, here)
    if found is not None and found.script_location == script_location:
        return found
    versions = config.get_main_option("version_locations") or ""
    section = dict(found.options) if found else {}
    if config.get_main_option("path_separator"):
        section["path_separator"] = config.get_main_option("path_separator") or ""
    return Project(script_location=script_location, ini=found.ini if found else None,
                   version_locations=tuple(resolve_location(v, here)
                                           for v in split_locations(versions, section)),
                   options=section)


def from_ini(path: Path, within: Path | None = None) -> Project:
    """Read an ``alembic.ini`` the way Alembic does (only the ``[alembic]`` section);
    ``within``: the folder under review, which it must not lead out of (:func:`inside`)."""
    path = inside(path, within).resolve()
    parser = configparser.ConfigParser(defaults={"here": str(path.parent)},
                                       interpolation=configparser.BasicInterpolation())
    try:
        with path.open(encoding="utf-8") as handle:
            parser.read_file(handle)
        section = dict(parser.items("alembic")) if parser.has_section("alembic") else {}
    except (OSError, UnicodeDecodeError, configparser.Error) as exc:
        raise ConfigError(f"cannot read {path}: {exc.__class__.__name__}: {exc}") from None
    location = section.get("script_location")
    if not location:
        raise ConfigError(f"{path} has no script_location in its [alembic] section")
    script_location = _script_folder(location, path, within)
    versions = tuple(resolve_location(item, path.parent, within)
                     for item in split_locations(section.get("version_locations", ""), section))
    return Project(script_location=script_location, ini=path, version_locations=versions,
                   options=section)


def resolve_location(value: str, here: Path, within: Path | None = None) -> Path:
    """A ``script_location`` or version location as a folder: relative to the ini's folder
    (and to the working folder, as Alembic does), or ``package:path`` inside a package.
    ``within``: the folder under review, the only place a relative one is looked for (a
    reviewer run elsewhere must not find its own working folder's ``migrations``)."""
    value = value.strip()
    if ":" in value and not Path(value).is_absolute() and not _is_windows_drive(value):
        package, _, inner = value.partition(":")
        # Alembic joins every further token: prefect:server:database:_migrations
        return _package_folder(package, here).joinpath(*inner.split(":"))
    path = Path(value)
    if path.is_absolute():
        return path
    for base in (here, Path.cwd(), *_up_to_repository(here)):
        found = base / path  # OpenStack's inis name it from the repository root, where its
        if found.exists() and (within is None or _lies_in(found, within)):  # tools run alembic
            return found.resolve()
    return (here / path).resolve()


def _script_folder(location: str, ini: Path, within: Path | None) -> Path:
    """The scripts folder an ini's ``script_location`` names, for a folder under review
    (``within``): an absolute path that does not exist on this machine or leads out of the
    folder (a container's path, ``/usr/src/app/migrations``, where compose mounts the
    ini's own folder) is the ini's own folder when that holds ``env.py`` and ``versions/``,
    with a note; else the path as named (:func:`inside_versions` refuses it)."""
    folder = resolve_location(location, ini.parent, within)
    if within is None:
        return folder
    if not Path(location.strip()).is_absolute():
        return folder if folder.exists() or _is_package_style(location) \
            else _named_alike(folder, location, ini, within)
    real, root = folder.resolve(), Path(within).resolve()
    if folder.is_dir() and (real == root or root in real.parents):
        return folder
    own = ini.parent
    if (own / "env.py").is_file() and (own / "versions").is_dir():
        where = "leads out of the repository" if folder.exists() else "does not exist here"
        log.warning("%s: script_location %s %s; reviewing %s, the ini's own folder "
                    "(env.py and versions/)", ini, location.strip(), where, own)
        return own
    return folder if folder.exists() else _named_alike(folder, location, ini, within)


def _is_package_style(location: str) -> bool:
    value = location.strip()
    return ":" in value and not Path(value).is_absolute() and not _is_windows_drive(value)


def _named_alike(folder: Path, location: str, ini: Path, within: Path) -> Path:
    """For a ``script_location`` that does not exist (a stale ini: ``alembic`` where the
    folder is ``kerneltest/alembic``): the one scripts folder of the repository under review
    with the same last name, ``env.py`` and revisions in ``versions/``, with a note; none:
    the folder as named (the reviewer's exit names it); several: AmbiguousLocation naming them."""
    root = Path(within).resolve()
    alike = []
    for env in _search(root, "env.py"):
        scripts = env.parent
        real = scripts.resolve()
        if scripts.name != folder.name or (real != root and root not in real.parents):
            continue  # another name, or a link out of the repository (never read)
        if (scripts / "versions").is_dir() and revision_files(scripts / "versions"):
            alike.append(real)
    if not alike:
        return folder
    if len(alike) > 1:
        raise AmbiguousLocation(f"{ini} names script_location {location.strip()}, which does not "
                          f"exist; several folders named {folder.name} hold env.py and "
                          f"versions/: {', '.join(map(str, alike))}; review one of them")
    log.warning("%s: script_location %s does not exist; reviewing %s (the one folder named "
                "%s with env.py and versions/)", ini, location.strip(), alike[0], folder.name)
    return alike[0]


def _up_to_repository(here: Path) -> list[Path]:
    """The folders above ``here`` up to its repository's root (the first with ``.git``),
    at most six; none when ``here`` is in no repository."""
    above = list(here.resolve().parents)[:6]
    for depth, folder in enumerate(above):
        if (folder / ".git").exists():
            return above[:depth + 1]
    return []


def split_locations(value: str, section: Mapping[str, str]) -> list[str]:
    """``version_locations`` split as Alembic splits it (``path_separator``, else spaces/commas)."""
    if not value.strip():
        return []
    separator = section.get("path_separator") or section.get("version_path_separator")
    seps = {"os": os.pathsep, "colon": ":", "semicolon": ";", "space": " ", "newline": "\n",
            ":": ":", ";": ";"}
    if separator in seps:
        return [item for item in value.split(seps[separator]) if item.strip()]
    return [item for item in value.replace(",", " ").split() if item]


def find(path: Path) -> list[Project]:
    """Every chain at or under ``path`` (an ini, a repository root, a scripts or versions folder)."""
    path = path.resolve()
    within = reviewed_folder(path)
    return [inside_versions(found, within) for found in _find(path, within)]


def _find(path: Path, within: Path) -> list[Project]:
    if path.is_file():
        if path.suffix == ".ini":
            return [from_ini(path, within)]
        raise ConfigError(f"{path} is a file, not an {INI_NAME} or a folder")
    if not path.is_dir():
        raise ConfigError(f"no such folder: {path}")
    if (path / INI_NAME).is_file():
        return [from_ini(path / INI_NAME, within)]
    if (path / "env.py").is_file():
        return [Project(script_location=path)]
    if path.name == "versions" and (path.parent / "env.py").is_file():
        return [Project(script_location=path.parent)]
    found = [from_ini(ini, within) for ini in _search(path, INI_NAME)]
    covered = {p.script_location.resolve() for p in found}
    for env in _search(path, "env.py"):
        folder = env.parent.resolve()
        looks_like_scripts = (folder / "script.py.mako").is_file() or (folder / "versions").is_dir()
        if folder not in covered and looks_like_scripts:
            found.append(Project(script_location=folder))
            covered.add(folder)
    return found


def _search(top: Path, filename: str) -> list[Path]:
    hits: list[Path] = []
    top_depth = len(top.parts)
    for folder, subfolders, files in os.walk(top):
        depth = len(Path(folder).parts) - top_depth
        subfolders[:] = sorted(d for d in subfolders
                               if d not in SKIPPED_FOLDERS and depth < SEARCH_DEPTH)
        if filename in files:
            hits.append(Path(folder) / filename)
    return hits


def python_folders(top: Path) -> list[Path]:
    """The folders under ``top`` (as deep and skipping what :func:`_search` skips) that hold
    a .py file other than ``__init__.py``, in name order."""
    hits: list[Path] = []
    top_depth = len(top.parts)
    for folder, subfolders, files in os.walk(top):
        depth = len(Path(folder).parts) - top_depth
        subfolders[:] = sorted(d for d in subfolders
                               if d not in SKIPPED_FOLDERS and depth < SEARCH_DEPTH)
        if any(f.endswith(".py") and f != "__init__.py" for f in files):
            hits.append(Path(folder))
    return sorted(hits)


# A module-level assignment (annotated or not) of an Alembic revision's identifiers.
_REVISION_ID = re.compile(r"^revision\s*(:[^=\n]*)?=", re.MULTILINE)
_DOWN_REVISION = re.compile(r"^down_revision\s*(:[^=\n]*)?=", re.MULTILINE)
REVISION_FILE_LIMIT = 1 << 20  # the reviewer reads no bigger file either


def revision_files(folder: Path) -> list[Path]:
    """The .py files of ``folder`` that are Alembic revisions: module-level ``revision``
    and ``down_revision`` assignments and an ``upgrade`` function (a test that writes a
    revision from a template string is none). Files leading out of ``folder`` are not read."""
    return [p for p in sorted(folder.glob("*.py")) if p.name != "__init__.py"
            and _is_revision(_text_of(p, folder))]


def revision_folders(top: Path, known: tuple[Path, ...] = ()) -> list[Path]:
    """Folders under ``top`` (as :func:`python_folders` walks it) holding revision files,
    resolved: the chains no ini or scripts folder names (Flask-Alembic configures its
    chain in code, CTFd runs its plugins' from its own). Folders in or under ``known``
    (chains found already) are not read."""
    found = []
    for folder in python_folders(top):
        real = folder.resolve()
        if not any(real == k or k in real.parents for k in known) and any(
                p.name != "__init__.py" and _is_revision(_text_of(p, folder))
                for p in sorted(folder.glob("*.py"))):
            found.append(real)
    return found


def _text_of(path: Path, folder: Path) -> str:
    try:
        if not path.is_file() or path.stat().st_size > REVISION_FILE_LIMIT:
            return ""
        return inside(path, folder).read_text(encoding="utf-8-sig", errors="replace")
    except (OSError, OutsideFolder):
        return ""


def _is_revision(text: str) -> bool:
    if not (_REVISION_ID.search(text) and _DOWN_REVISION.search(text)):
        return False
    try:
        tree = pysource.parse(text)
    except (SyntaxError, ValueError, RecursionError):
        return False
    names = {target.id for node in tree.body if isinstance(node, ast.Assign | ast.AnnAssign)
             for target in (node.targets if isinstance(node, ast.Assign) else [node.target])
             if isinstance(target, ast.Name)}
    upgrade = any(isinstance(node, ast.FunctionDef) and node.name == "upgrade"
                  for node in tree.body)
    return {"revision", "down_revision"} <= names and upgrade


def _package_folder(package: str, here: Path) -> Path:
    """The folder of an importable package, looked up without importing it (no code runs)."""
    parts = package.split(".")
    for base in (here, Path.cwd(), here / "src", *list(here.parents)[:3]):  # the ini may sit
        # inside the package itself (src/dispatch/alembic.ini naming dispatch:...)
        candidate = base.joinpath(*parts)
        if (candidate / "__init__.py").is_file() or candidate.is_dir():
            return candidate.resolve()
    spec = importlib.util.find_spec(parts[0]) if parts[0] else None
    if spec and spec.submodule_search_locations:
        return Path(next(iter(spec.submodule_search_locations))).joinpath(*parts[1:])
    raise ConfigError(f"script_location names the package {package!r}, which is neither under "
                      f"{here} nor installed")


def _is_windows_drive(value: str) -> bool:
    return len(value) > 1 and value[1] == ":" and value[0].isalpha()


# --- every chain under a path, one per section (added for the reviewer, issue 19) ---------


def sections(path: Path, within: Path | None = None) -> list[tuple[str, Project]]:
    """Every chain one ``alembic.ini`` names: ``[alembic]``, and each other section with its
    own ``script_location`` or ``version_locations`` (what ``alembic -n NAME`` runs). An ini
    that names none raises ConfigError; ``within`` as for :func:`from_ini`."""
    path = inside(path, within).resolve()
    parser = configparser.ConfigParser(defaults={"here": str(path.parent)},
                                       interpolation=configparser.BasicInterpolation())
    try:
        with path.open(encoding="utf-8") as handle:
            parser.read_file(handle)
        raw = {name: _items(parser, name) for name in parser.sections()}
    except (OSError, UnicodeDecodeError, configparser.Error) as exc:
        raise ConfigError(f"cannot read {path}: {exc.__class__.__name__}: {exc}") from None
    base = raw.get("alembic", {})
    found: list[tuple[str, Project]] = []
    for name in sorted(raw, key=lambda n: n != "alembic"):
        own = {k: v for k, v in raw[name].items() if k not in parser.defaults()}
        if name != "alembic" and not ({"script_location", "version_locations"} & own.keys()):
            continue
        section = {**base, **raw[name]}
        location = section.get("script_location")
        if not location:
            continue
        versions = tuple(resolve_location(item, path.parent) for item in
                         split_locations(section.get("version_locations", ""), section))
        found.append((name, Project(script_location=_script_folder(location, path, within),
                                    ini=path, version_locations=versions, options=section)))
    if not found:
        raise ConfigError(f"{path} names no script_location in any section")
    return found


def configuring(scripts: Path, within: Path) -> list[Project]:
    """The sections of the ``alembic.ini`` files in the scripts folder ``scripts`` and the
    folders above it (up to ``within``, the folder under review) that name it as their
    ``script_location``: the configuration Alembic reads for that chain (its options hold
    ``sqlalchemy.url``). An ini that cannot be read or names no chain is left out."""
    scripts, top = scripts.resolve(), within.resolve()
    found: list[Project] = []
    for folder in (scripts, *scripts.parents):
        if folder != top and top not in folder.parents:
            break
        if (folder / INI_NAME).is_file():
            with contextlib.suppress(ConfigError):  # (not an ini of a chain: nothing said)
                ini = inside(folder / INI_NAME, within)  # (read as named: no note again
                found += [p for _, p in sections(ini)  # of a stale script_location)
                          if p.script_location.resolve() == scripts]
    return found


def _items(parser: configparser.ConfigParser, section: str) -> dict[str, str]:
    """A section's options, interpolated where they can be (``%(DB_PASSWORD)s`` in a URL
    names an environment variable, not an option: left as written)."""
    items = {}
    for key in parser.options(section):
        try:
            items[key] = parser.get(section, key)
        except configparser.InterpolationError:
            items[key] = parser.get(section, key, raw=True)
    return items


def find_all(path: Path) -> list[tuple[str, Project]]:
    """Like :func:`find`, with every section of each ``alembic.ini`` (``[alembic]``,
    ``[core]``, ``[tenant]``...): (section, project) pairs; an ini that cannot be read
    or names no chain is left out when others are found."""
    path = path.resolve()
    within = reviewed_folder(path)
    return [(name, inside_versions(found, within)) for name, found in _find_all(path, within)]


def _find_all(path: Path, within: Path) -> list[tuple[str, Project]]:
    root_ini = path.is_dir() and (path / INI_NAME).is_file()
    inis = [path] if path.is_file() else [path / INI_NAME] if root_ini else None
    if inis is None:
        if (path / "env.py").is_file() or (path.name == "versions"
                                           and (path.parent / "env.py").is_file()):
            return [("", project) for project in find(path)]
        inis = _search(path, INI_NAME) if path.is_dir() else []
    found, errors = _sections_of(inis, within)
    if not found and errors and root_ini:  # a stale ini at the root: the repository's others
        found, more = _sections_of([i for i in _search(path, INI_NAME) if i.parent != path], within)
        if found:  # (oleksiikomarychev/WorkoutApp: one per service, the root's names nothing)
            log.warning("%s; reviewing the chains of the repository's other alembic.ini files",
                        str(errors[0]).split(";")[0])
        errors += more
    covered = {p.script_location.resolve() for _, p in found}
    if path.is_dir() and not (path / INI_NAME).is_file():
        for env in _search(path, "env.py"):  # scripts folders no ini names
            folder = env.parent.resolve()
            if folder not in covered and ((folder / "script.py.mako").is_file()
                                          or (folder / "versions").is_dir()):
                found.append(("", Project(script_location=folder)))
                covered.add(folder)
    if not found and errors:
        raise errors[0]
    return found


def _sections_of(inis: list[Path], within: Path) -> tuple[list[tuple[str, Project]], list[ConfigError]]:
    """The chains of each ini's sections, and the errors of those that name none."""
    found: list[tuple[str, Project]] = []
    errors: list[ConfigError] = []
    for ini in inis:
        try:
            found += sections(ini, within)
        except OutsideFolder:
            raise
        except ConfigError as exc:
            errors.append(exc)
    return found, errors


# --- files of a folder under review (issue 18: links out of it are never read) ------------


def reviewed_folder(path: Path) -> Path:
    """The folder whose files a review or grade of ``path`` may read: the repository holding
    it (the first folder at or above it with ``.git``, at most six up, as
    :func:`resolve_location` looks), else the folder itself (an ini's folder)."""
    folder = path.parent if path.is_file() else path
    if (folder / ".git").exists():
        return folder
    above = _up_to_repository(folder)
    return above[-1] if above else folder


def _lies_in(path: Path, within: Path) -> bool:
    real, root = path.resolve(), within.resolve()
    return real == root or root in real.parents


def inside(path: Path, within: Path | None) -> Path:
    """``path``, when its real path (every link followed) lies in ``within``, the folder
    under review; else :class:`OutsideFolder` naming it, and nothing is read. ``within``
    None: no check (the user's own chain, where a link is theirs to make)."""
    if within is None:
        return path
    if not _lies_in(Path(path), Path(within)):
        raise OutsideFolder(str(path), str(within), str(Path(path).resolve()))
    return path


def inside_versions(found: Project, within: Path) -> Project:
    """``found``, when each of its versions folders lies in ``within`` (:func:`inside`)."""
    for folder in found.versions:
        inside(folder, within)
    return found


def read_inside(path: Path, within: Path | None) -> str:
    """The text of a file of a folder under review (:func:`inside`)."""
    return inside(path, within).read_text(encoding="utf-8")
