"""Scratch databases: a killed check's is removed by the next run, a running check's never is,
and none is made on a database whose environment marker is about to refuse."""

from __future__ import annotations

import os
import signal
import subprocess
import sys

import pytest
import sqlalchemy as sa
from support.commands import PROJECT_ROOT, alembic
from support.sql import execute, rows
from support.waiting import wait_for

from dbkit import drift
from dbkit.cli import main as dbkit_main
from dbkit.drift import checks, expected, gates
from dbkit.pg import admin as pg_admin


def scratch_databases(url: str) -> list[str]:
    return [name for (name,) in rows(url, "SELECT datname FROM pg_database WHERE "
                                          f"starts_with(datname, '{drift.SCRATCH_PREFIX}')")]


def wait_until_no_session_on(url: str, names: list[str]) -> None:
    wait_for(lambda: not rows(url, "SELECT pid FROM pg_stat_activity WHERE datname = ANY("
                                   f"ARRAY{names!r}::name[])"),
             what=f"the sessions on {names} to end")


def test_a_killed_check_leaves_a_scratch_database_that_the_next_run_removes(
        clone, monkeypatch, capsys):
    url = clone()
    environ = {k: v for k, v in os.environ.items() if k not in ("ENV", "DATABASE_URL")}
    environ.update(ENV="dev", DATABASE_URL=url)
    check = subprocess.Popen([sys.executable, "-m", "dbkit", "drift"], cwd=PROJECT_ROOT,
                             env=environ, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    try:
        wait_for(lambda: scratch_databases(url) or check.poll() is not None,
                 what="the check's scratch database")
        left = scratch_databases(url)
        assert left, "the check ended before its scratch database could be seen"
        os.kill(check.pid, signal.SIGKILL)
        check.wait(timeout=10)
    finally:
        if check.poll() is None:
            check.kill()
    assert check.returncode == -signal.SIGKILL
    wait_until_no_session_on(url, left)  # the server has noticed the dead sessions
    assert scratch_databases(url) == left, "the killed check left its scratch database behind"

    monkeypatch.setenv("ENV", "dev")
    monkeypatch.setenv("DATABASE_URL", url)
    assert dbkit_main(["drift"]) == 0
    assert "In sync" in capsys.readouterr().out
    assert scratch_databases(url) == []


def test_a_running_check_keeps_its_scratch_database(clone):
    url = sa.make_url(clone())
    admin = sa.create_engine(url.set(database="postgres"), isolation_level="AUTOCOMMIT")
    try:
        with expected.scratch_database(url) as engine, admin.connect() as other:
            assert pg_admin.drop_abandoned_scratch_databases(other) == []
            assert engine.url.database in scratch_databases(str(url.render_as_string(False)))
    finally:
        admin.dispose()


@pytest.fixture
def scratch_calls(monkeypatch):
    """Count the scratch databases the checks ask for."""
    calls = []
    original = expected.scratch_database

    def counted(url):
        calls.append(url)
        return original(url)

    monkeypatch.setattr(checks, "scratch_database", counted)
    monkeypatch.setattr(gates, "scratch_database", counted)
    return calls


def test_env_dev_on_the_prod_database_is_refused_before_any_scratch_database(
        clone, monkeypatch, capsys, scratch_calls):
    prod = clone("prod")
    execute(prod, "ALTER TABLE recruits ADD COLUMN nickname TEXT")
    monkeypatch.setenv("ENV", "dev")
    monkeypatch.setenv("DATABASE_URL", prod)

    assert dbkit_main(["drift"]) == 2
    assert "ENV is dev but" in capsys.readouterr().err

    with pytest.raises(SystemExit, match="is the prod database"):
        alembic("upgrade", "head", url=prod)
    assert scratch_calls == []
    assert scratch_databases(prod) == []
