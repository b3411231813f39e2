"""``python -m dbkit step`` and ``dbkit reset`` never drop a database under a running migration.

A real ``alembic upgrade head`` runs on dev in a process of its own, held mid-revision by a
lock another session keeps on ``recruits``: it holds the migration lock. The step (and
``reset``) must refuse in one line naming it, leave its connection alone, and the migration
must finish once the lock goes.
"""

from __future__ import annotations

import subprocess
import sys
import time

import pytest
import sqlalchemy as sa
from support.commands import PROJECT_ROOT, alembic
from support.step_env import drop_step_env, make_step_env, rows


@pytest.fixture
def step_env(pg_server, tmp_path):
    env = make_step_env(pg_server, tmp_path)
    yield env
    drop_step_env(pg_server, env)


def wait_for(what, condition, seconds=60):
    deadline = time.monotonic() + seconds
    while not condition():
        if time.monotonic() > deadline:
            raise AssertionError(f"waited {seconds} s for {what}")
        time.sleep(0.1)


def migration_waiting(url: str) -> bool:
    return bool(rows(url, "SELECT count(*) FROM pg_stat_activity WHERE datname = current_database() "
                          "AND wait_event_type = 'Lock' AND query ILIKE 'ALTER TABLE recruits%'")[0][0])


def upgrade_held_mid_revision(url: str, environ: dict[str, str]):
    """dev at 0005, a session holding recruits, and `alembic upgrade head` waiting on it."""
    alembic("upgrade", "0005", url=url)
    engine = sa.create_engine(url)
    holder = engine.connect()
    holder.execute(sa.text("LOCK TABLE recruits IN ACCESS SHARE MODE"))
    migrator = subprocess.Popen(
        [sys.executable, "-m", "alembic", "-x", "lock_timeout=0", "upgrade", "head"],
        cwd=PROJECT_ROOT, env={**environ, "ENV": "dev", "DATABASE_URL": url},
        stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)
    wait_for("the migration to wait for recruits", lambda: migration_waiting(url))
    return engine, holder, migrator


@pytest.mark.parametrize("argv", [["step", "s1-1"], ["reset", "dev"]])
def test_a_step_or_reset_refuses_while_a_migration_runs_and_never_cuts_it_off(step_env, argv):
    environ = step_env.environ()
    engine, holder, migrator = upgrade_held_mid_revision(step_env.dev, environ)
    try:
        result = step_env.run(*argv)
        still_waiting = migration_waiting(step_env.dev)
    finally:
        holder.rollback()
        holder.close()
        engine.dispose()
    out, err = migrator.communicate(timeout=120)

    assert result.returncode == 2, result.stderr
    last = result.stderr.strip().splitlines()[-1]
    assert last.startswith(f"error: {argv[0]} ") and "refused" in last
    assert "a migration is running on this database (pid " in last
    assert last.endswith("let it finish, then run this again; nothing was changed")
    assert "Traceback" not in result.stderr
    assert still_waiting  # its connection was left alone
    assert migrator.returncode == 0, err
    assert rows(step_env.dev, "SELECT version_num FROM alembic_version") == [("0008",)]
