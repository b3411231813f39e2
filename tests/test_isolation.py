"""The suite never reaches the servers of your env files, whatever their ports.

Two real servers stand in for your own dev and prod, with ``log_connections`` on. A copy
of the project gets env files naming them (an edited ``.env.dev``, and a
``.env.prod.local`` moving prod's port), and part of the suite runs there as ``make test``
would, in a shell without any ``DBKIT_*`` setting. Not one connection reaches either server.
"""

from __future__ import annotations

import os
import shutil
import subprocess
from pathlib import Path

import pytest
import sqlalchemy as sa
from support.commands import PROJECT_ROOT

from dbkit.pg.server import THROWAWAY_SETTINGS, throwaway_server

# Tests that read env files, start servers and run every command without a DATABASE_URL.
PART = ["tests/dbkit/pg/test_database.py", "tests/dbkit/pg/test_servers.py",
        "tests/dbkit/pg/test_one_line.py"]
COPIED_NOT = shutil.ignore_patterns(".git", ".venv", ".pgdata", "backups", "__pycache__",
                                    ".mypy_cache", ".ruff_cache", ".pytest_cache", "work*",
                                    ".env.*.local")
RECEIVED = "connection received:"


pytestmark = pytest.mark.isolation


@pytest.fixture(scope="module")
def yours(request):
    """Your dev and prod, as far as the copy's env files say: logging every connection."""
    if "isolation" not in (request.config.getoption("markexpr") or ""):
        pytest.skip("runs part of the suite again (a minute or two): `make test-isolation`")
    servers = [throwaway_server((*THROWAWAY_SETTINGS, "log_connections=on")) for _ in range(2)]
    yield servers
    for server in servers:
        server.remove()


def connections(server) -> int:
    return server.log.read_text(errors="replace").count(RECEIVED)


def test_part_of_the_suite_on_unusual_ports_reaches_neither_server(yours, tmp_path):
    dev, prod = yours
    copy = tmp_path / "repo"
    shutil.copytree(PROJECT_ROOT, copy, ignore=COPIED_NOT, symlinks=True)
    (copy / ".venv").symlink_to(PROJECT_ROOT / ".venv")
    (copy / ".env.dev").write_text(  # edited by hand: another port, and the server's role
        f"POSTGRES_USER={dev.user}\nPOSTGRES_PASSWORD={dev.password}\n"
        f"POSTGRES_DB={dev.database}\nPOSTGRES_PORT={dev.port}\nDATABASE_URL={dev.url}\n")
    (copy / ".env.prod.local").write_text(  # over the committed .env.prod
        f"POSTGRES_PORT={prod.port}\nDATABASE_URL={prod.url}\n")
    for server in (dev, prod):  # the log does show a connection
        engine = sa.create_engine(server.url, poolclass=sa.pool.NullPool)
        with engine.connect() as connection:
            connection.execute(sa.text("SELECT 1"))
        engine.dispose()
    before = [connections(server) for server in (dev, prod)]
    assert min(before) >= 1

    environ = {k: v for k, v in os.environ.items()
               if not k.startswith("DBKIT_") and k not in ("ENV", "DATABASE_URL")}
    result = subprocess.run(
        [str(copy / ".venv" / "bin" / "python"), "-m", "pytest", "-q", "-p", "no:xdist",
         "-p", "no:cacheprovider", *PART],
        cwd=copy, env=environ, capture_output=True, text=True, timeout=600)

    assert result.returncode == 0, result.stdout[-3000:] + result.stderr[-2000:]
    assert " passed" in result.stdout
    assert [connections(server) for server in (dev, prod)] == before, (
        "a test reached a server of the env files")
    assert Path(copy / ".env.dev").read_text().count(str(dev.port)) == 2  # left as it was
