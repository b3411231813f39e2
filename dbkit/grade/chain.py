"""Which chain of a learner's repository the grader runs, and which files are its models."""

from __future__ import annotations

import re
from pathlib import Path

from dbkit import project
from dbkit.errors import DbkitError, OutsideFolder
from dbkit.review.run.chain import read_chain

MODEL_MARKERS = re.compile(r"declarative_base|DeclarativeBase|db\.Model\b|__tablename__")


def find_chain(path: Path) -> list[Path]:
    """The revision files of the chain at ``path``, in the order Alembic applies them.

    :mod:`dbkit.project` finds the chain (an ``alembic.ini``, a scripts or versions folder);
    where it finds none with revisions (a Flask-Migrate ``migrations/alembic.ini`` without
    ``script_location``, ``version_locations`` in a per-database section) the reviewer's own
    search is asked. Raises DbkitError when neither finds a revision.
    """
    try:
        projects = project.find(Path(path))
    except OutsideFolder:
        raise
    except DbkitError:
        projects = []
    for found in projects:
        for folder in found.versions:
            if folder.is_dir():
                try:
                    steps = read_chain(folder)
                except DbkitError:
                    continue
                if steps:
                    return [s.path for s in steps]
    return [s.path for s in read_chain(Path(path))]


def run_target(path: Path, files: list[Path]) -> Path:
    """What ``run_chain`` is given: the revisions' one folder, else the path as given."""
    folders = {Path(f).resolve().parent for f in files}
    return folders.pop() if len(folders) == 1 else Path(path)


def model_files(repository: Path, files: list[Path]) -> list[Path]:
    """The repository's files that declare SQLAlchemy models (the seeding scripts left out)."""
    found = []
    for path in files:
        if path.name.lower().startswith("create"):
            continue
        try:
            text = project.inside(path, repository).read_text(encoding="utf-8",
                                                              errors="replace")[:200_000]
        except (OSError, DbkitError):  # a link out of the repository is not read
            continue
        if MODEL_MARKERS.search(text):
            found.append(path)
    return found
