"""Where the project runs ``alembic upgrade heads``: several heads are then its way.

``alembic upgrade head`` refuses a chain of several heads; ``alembic upgrade heads`` upgrades
every one of them (held-out12's amo-portal: four first revisions joined by merges, two heads,
deployed by ``scripts/deploy.sh`` and tested in CI with ``alembic -c alembic.ini upgrade
heads``). :func:`how_upgraded` reads the files a project is run by (shell scripts, Makefiles,
Dockerfiles, compose files, a Procfile, CI configuration, tox, nox and pyproject, and Python
calling ``command.upgrade(config, "heads")``) for the first place each of ``upgrade heads``
and ``upgrade head`` is run. Only inside the repository under review, never through a link,
never in ``.git``, ``node_modules`` or a virtual environment, at most :data:`MAX_FILES` files of
at most :data:`MAX_BYTES` each: a cheap look, not a proof that every database is upgraded so.
"""

from __future__ import annotations

import os
import re
from dataclasses import dataclass
from pathlib import Path

from dbkit import project

MAX_FILES = 3000  # files read, the run files first, then Python
MAX_BYTES = 256 * 1024  # a larger file is no script
MAX_DEPTH = 8
SKIPPED = project.SKIPPED_FOLDERS | {".eggs", ".pytest_cache", ".ruff_cache", "bower_components",
                                    ".next", ".terraform"}

# Files that say how a project is run: by name (lowercase), beginning or ending.
RUN_NAMES = frozenset({"makefile", "gnumakefile", "procfile", "justfile", "jenkinsfile",
                       "tox.ini", "noxfile.py", "pyproject.toml", "setup.cfg", "taskfile",
                       "dockerfile", "containerfile", "entrypoint", "docker-entrypoint",
                       "package.json"})
RUN_PREFIXES = ("dockerfile", "containerfile", "docker-compose", "compose", "procfile")
RUN_SUFFIXES = (".sh", ".bash", ".zsh", ".ps1", ".bat", ".cmd", ".mk", ".yml", ".yaml",
                ".dockerfile")

# `alembic upgrade heads`, `flask db upgrade heads`, ["alembic", "upgrade", "heads"]
_COMMAND = re.compile(r"\bupgrade[\s\"',]+(heads?)\b")
_ABOUT = re.compile(r"alembic|\bdb\b|migrat", re.I)  # the line runs a migration tool
# command.upgrade(cfg, "heads"), command.upgrade(config, revision="heads")
_CALL = re.compile(r"\bupgrade\(\s*[^,()\n]+(?:\([^()\n]*\))?\s*,\s*(?:revision\s*=\s*)?"
                   r"[\"'](heads?)[\"']")
_COMMENT = ("#", ";", "//", "rem ", "::")


@dataclass(frozen=True)
class Upgrades:
    """Where (file relative to the root, line) the project runs each way; None: nowhere read."""

    heads: tuple[str, int] | None = None  # `upgrade heads`
    head: tuple[str, int] | None = None  # `upgrade head`: refused by several heads


def how_upgraded(root: Path | None) -> Upgrades:
    """The first place under ``root`` that runs ``upgrade heads``, and the first that runs
    ``upgrade head``; nothing without a root."""
    if root is None or not root.is_dir():
        return Upgrades()
    found: dict[str, tuple[str, int]] = {}
    for path in _candidates(root)[:MAX_FILES]:
        for kind, line in _runs(_text(path, root)):
            found.setdefault(kind, (path.relative_to(root).as_posix(), line))
        if len(found) == 2:
            break
    return Upgrades(found.get("heads"), found.get("head"))


def _candidates(root: Path) -> list[Path]:
    """The files to read: those that say how the project runs first (shallowest first),
    then its Python files."""
    runs: list[tuple[int, str, Path]] = []
    python: list[tuple[int, str, Path]] = []
    top = len(root.parts)
    for folder, subfolders, files in os.walk(root):
        depth = len(Path(folder).parts) - top
        subfolders[:] = sorted(d for d in subfolders if not _skipped(Path(folder), d)
                               and depth < MAX_DEPTH)
        for name in files:
            lower = name.lower()
            entry = (depth, name, Path(folder) / name)
            if lower in RUN_NAMES or lower.startswith(RUN_PREFIXES) or lower.endswith(RUN_SUFFIXES):
                runs.append(entry)
            elif lower.endswith(".py"):
                python.append(entry)
        if len(runs) + len(python) > 4 * MAX_FILES:
            break
    return [path for _, _, path in sorted(runs)] + [path for _, _, path in sorted(python)]


def _skipped(folder: Path, name: str) -> bool:
    return name in SKIPPED or name.startswith(".venv") or (folder / name / "pyvenv.cfg").exists()


def _text(path: Path, root: Path) -> str:
    from dbkit.sandbox import NotCopied, read_regular_file

    try:
        if path.is_symlink() or path.lstat().st_size > MAX_BYTES:
            return ""
        data = read_regular_file(path, root)
    except (OSError, NotCopied):
        return ""
    return data.decode("utf-8", errors="replace") if b"upgrade" in data else ""


def _runs(text: str) -> list[tuple[str, int]]:
    """(``heads`` or ``head``, line) of each run of an upgrade in ``text``, comments left out."""
    runs = []
    for pattern, about in ((_COMMAND, True), (_CALL, False)):
        for match in pattern.finditer(text):
            start = text.rfind("\n", 0, match.start()) + 1
            end = text.find("\n", match.end())
            line = text[start:end if end >= 0 else len(text)]
            if line.lstrip().lower().startswith(_COMMENT) or about and not _ABOUT.search(line):
                continue
            runs.append((match[1], text.count("\n", 0, match.start()) + 1))
    return sorted(runs, key=lambda run: run[1])
