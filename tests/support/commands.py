"""Helpers for tests: run alembic, the seeding scripts and dbkit as a user would."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

PROJECT_ROOT = Path(__file__).resolve().parents[2]


def alembic(*args: str, url: str | None = None) -> None:
    """Run an alembic command in this process (``alembic("upgrade", "head")``)."""
    from alembic.config import main

    environ = os.environ.copy()
    try:
        if url is not None:
            os.environ["DATABASE_URL"] = url
        main(argv=["-c", str(PROJECT_ROOT / "alembic.ini"), *args])
    finally:
        os.environ.clear()
        os.environ.update(environ)


def run(*argv: str, env: dict[str, str] | None = None, url: str | None = None,
        input: str | None = None) -> subprocess.CompletedProcess:
    """Run a command as a user would, from the project root, in a child process.

    ``argv[0]`` may be a script (``create_recruits.py``), ``alembic`` or ``-m``.
    ``env`` is added to a copy of this environment without ENV and DATABASE_URL.
    """
    environ = {k: v for k, v in os.environ.items() if k not in ("ENV", "DATABASE_URL")}
    if url is not None:
        environ["DATABASE_URL"] = url
    environ.update(env or {})
    if argv[0] == "alembic":
        argv = ("-m", "alembic", *argv[1:])
    return subprocess.run([sys.executable, *argv], cwd=PROJECT_ROOT, env=environ, input=input,
                          capture_output=True, text=True, timeout=300)
