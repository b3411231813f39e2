"""The Python a project says it needs, for a revision file that does not parse here.

A file that is a syntax error to this interpreter may be good Python to a newer one (3.12's
f-strings, PEP 701, take a backslash or the same quotes inside: held-out11's
ai-knowledge-compiler, ``requires-python = ">=3.12,<3.14"``). When the project declares a
minimum newer than the reviewer's own Python, the file is not proven broken: it was not read.
Where the project says so: ``pyproject.toml`` (``[project] requires-python``, Poetry's
``[tool.poetry.dependencies] python``), ``setup.cfg`` (``[options] python_requires``) and
``.python-version``, in the revision's folder or one above it, up to the folder under review
(the repository under review).
"""

from __future__ import annotations

import configparser
import re
import tomllib
from collections.abc import Iterator
from pathlib import Path

MAX_LEVELS = 8
# The lower bound of a specifier: ">=3.12", "~=3.12", "^3.12", "==3.12.*", ">3.11"
_BOUND = re.compile(r"(>=|~=|\^|==|>)\s*(\d+)\.(\d+)")
_VERSION = re.compile(r"^\s*(?:python-?)?(\d+)\.(\d+)")


def declared_minimum(start: Path, within: Path) -> tuple[tuple[int, int], Path] | None:
    """The lowest Python version the project of ``start`` (a folder in ``within``, the
    repository under review) declares, and the file that says it; None when no file from
    ``start`` up to ``within`` says one."""
    for folder in _folders(start, within):
        for name, read in (("pyproject.toml", _pyproject), ("setup.cfg", _setup_cfg),
                           (".python-version", _python_version)):
            path = folder / name
            if path.is_file() and not path.is_symlink():
                try:
                    found = read(path.read_text(encoding="utf-8", errors="replace")[:65536])
                except (ValueError, configparser.Error):
                    found = None
                if found is not None:
                    return found, path
    return None


def _folders(start: Path, within: Path) -> Iterator[Path]:
    """``start`` and the folders above it, up to ``within`` (none out of it)."""
    root, folder = within.resolve(), start.resolve()
    for _ in range(MAX_LEVELS):
        if folder != root and root not in folder.parents:
            return
        yield folder
        if folder == root:
            return
        folder = folder.parent


def _lower_bound(specifier: str) -> tuple[int, int] | None:
    # ">3.11" admits 3.12 first; every other operator admits the version it names
    bounds = [(int(major), int(minor) + (op == ">"))
              for op, major, minor in _BOUND.findall(specifier)]
    return min(bounds) if bounds else None


def _pyproject(text: str) -> tuple[int, int] | None:
    data = tomllib.loads(text)
    project = data.get("project")
    specifier = project.get("requires-python") if isinstance(project, dict) else None
    if not isinstance(specifier, str):
        poetry = data.get("tool", {}).get("poetry", {}).get("dependencies", {})
        specifier = poetry.get("python") if isinstance(poetry, dict) else None
    return _lower_bound(specifier) if isinstance(specifier, str) else None


def _setup_cfg(text: str) -> tuple[int, int] | None:
    parser = configparser.ConfigParser(interpolation=None)
    parser.read_string(text)
    specifier = parser.get("options", "python_requires", fallback=None)
    return _lower_bound(specifier) if specifier else None


def _python_version(text: str) -> tuple[int, int] | None:
    match = _VERSION.match(text.splitlines()[0] if text.strip() else "")
    return (int(match[1]), int(match[2])) if match else None
