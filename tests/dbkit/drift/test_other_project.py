"""`dbkit drift` on a project of its own (docs/examples/shop), as docs/package.md shows it.

Its env.py takes the connection dbkit hands it (Alembic's cookbook), so drift migrates a
scratch copy and only reads the project's database. An env.py that makes its own engine from
DATABASE_URL instead would have migrated the checked database itself: refused in one line,
before any revision runs, and the database is left as it was.
"""

from __future__ import annotations

import shutil

import pytest
from support.commands import PROJECT_ROOT, run
from support.sql import rows

EXAMPLE = PROJECT_ROOT / "docs" / "examples" / "shop"
TABLES = "SELECT table_name FROM information_schema.tables WHERE table_schema = 'public' " \
         "ORDER BY 1"

OWN_ENGINE_ONLY = '''import os
from pathlib import Path
from alembic import context
from dotenv import load_dotenv
from sqlalchemy import create_engine
from models import Base

load_dotenv(Path(__file__).resolve().parent.parent / ".env.dev")
target_metadata = Base.metadata
engine = create_engine(os.environ["DATABASE_URL"])
with engine.connect() as connection:
    context.configure(connection=connection, target_metadata=target_metadata)
    with context.begin_transaction():
        context.run_migrations()
'''


@pytest.fixture
def shop(tmp_path, database_url):
    folder = tmp_path / "shop"
    shutil.copytree(EXAMPLE, folder, ignore=shutil.ignore_patterns("__pycache__"))
    (folder / ".env.dev").write_text(f"DATABASE_URL={database_url}\n")
    return folder


def drift(folder):
    return run("-m", "dbkit", "drift", "-c", str(folder / "alembic.ini"),
               env={"DBKIT_ENV_DIR": str(folder), "ENV": "dev"})


@pytest.mark.slow
def test_drift_on_a_project_of_its_own_migrates_only_a_scratch_copy(shop, database_url):
    never = drift(shop)
    assert never.returncode == 1, never.stderr
    assert "never migrated" in never.stdout
    assert rows(database_url, TABLES) == []  # the pending revision ran on a scratch copy only

    upgraded = run("-m", "alembic", "-c", str(shop / "alembic.ini"), "upgrade", "head",
                   env={"ENV": "dev"})
    assert upgraded.returncode == 0, upgraded.stderr
    assert "Running upgrade  -> 0001, Create orders" in upgraded.stderr
    in_sync = drift(shop)
    assert in_sync.returncode == 0, in_sync.stdout + in_sync.stderr
    assert "0001 (Create orders)" in in_sync.stdout


def test_an_env_py_that_ignores_the_handed_connection_is_refused_and_nothing_is_written(
        shop, database_url):
    (shop / "migrations" / "env.py").write_text(OWN_ENGINE_ONLY)
    result = drift(shop)
    assert result.returncode == 2, result.stdout + result.stderr
    (error,) = [line for line in result.stderr.splitlines() if line.startswith("error:")]
    assert "does not migrate on the connection dbkit hands it" in error
    assert "nothing was migrated" in error and "Traceback" not in result.stderr
    assert rows(database_url, TABLES) == []  # no orders, no alembic_version
