"""``python -m dbkit <command>``: see :mod:`dbkit.cli`.

Before anything heavy is imported, :func:`preflight` checks the interpreter:
Python 3.11 or newer, with the packages of ``requirements.txt``. Run with
another Python (the system one), it runs the same command again with the
project's ``.venv`` when there is one; otherwise one ``error:`` line says how to
make it. This file stays parseable by old Pythons, so that they get that line.
"""

from __future__ import annotations

import importlib.util
import os
import sys
from pathlib import Path

MINIMUM = (3, 11)  # SQLAlchemy 2.1 and tomllib; README, Makefile and pyproject say the same
NEEDED = ("sqlalchemy", "alembic", "psycopg2", "dotenv", "rich")
VENV = Path(__file__).resolve().parent.parent / ".venv"
AGAIN = "DBKIT_REEXEC"  # set when we ran ourselves again with .venv: never twice


def problem() -> str | None:
    """What is wrong with this interpreter for dbkit, or None."""
    if sys.version_info < MINIMUM:
        return (f"dbkit needs Python {MINIMUM[0]}.{MINIMUM[1]} or newer, and {sys.executable} "
                f"is {sys.version.split()[0]}")
    missing = [name for name in NEEDED if importlib.util.find_spec(name) is None]
    if missing:
        return f"{sys.executable} lacks the package {missing[0]} (and maybe more)"
    return None


def preflight() -> None:
    """Go on, run again with ``.venv``'s Python, or exit with one line naming the fix."""
    wrong = problem()
    if wrong is None:
        return
    python = VENV / "bin" / "python"
    in_venv = Path(sys.prefix).resolve() == VENV.resolve()
    if python.is_file() and not in_venv and not os.environ.get(AGAIN):
        sys.stderr.write(f"note: {wrong}: running {python} instead\n")
        os.environ[AGAIN] = "1"
        os.execv(str(python), [str(python), "-m", "dbkit", *sys.argv[1:]])
    sys.stderr.write(f"error: {wrong}: run `make venv` in {VENV.parent}, then use "
                     "`.venv/bin/python -m dbkit` (or `. .venv/bin/activate` once per shell)\n")
    sys.exit(2)


if __name__ == "__main__":
    preflight()
    from dbkit.cli import main

    sys.exit(main())
