"""Seeding is one transaction: bad input writes nothing, and neither does a run killed midway."""

from __future__ import annotations

import os
import signal
import subprocess
import sys

import pytest
import sqlalchemy as sa
from support.commands import PROJECT_ROOT, alembic
from support.waiting import wait_for

import create_c26_recruits


def counts(engine) -> tuple[int, int]:
    with engine.connect() as conn:
        return (conn.execute(sa.text("SELECT count(*) FROM recruits")).scalar(),
                conn.execute(sa.text("SELECT count(*) FROM cohorts")).scalar())


@pytest.mark.parametrize("count, message", [
    ("0", "must be between 1 and 10,000,000, not 0"),
    ("-5", "must be between 1 and 10,000,000, not -5"),
    ("10000001", "must be between 1 and 10,000,000, not 10000001"),
    ("five", "not a whole number: 'five'"),
])
def test_bad_counts_are_refused_before_anything_is_written(count, message, use_database, engine,
                                                           capsys):
    alembic("upgrade", "head")
    with pytest.raises(SystemExit) as stopped:
        create_c26_recruits.main(["--count", count])
    assert stopped.value.code == 2
    assert capsys.readouterr().err.strip().splitlines()[-1].endswith(
        f"argument --count: {message}")
    assert counts(engine) == (0, 0)


def test_a_seeding_run_killed_while_inserting_leaves_no_rows(use_database, engine, pg_server):
    alembic("upgrade", "head")
    environ = {k: v for k, v in os.environ.items() if k != "ENV"}
    with engine.connect() as holder, engine.connect() as watcher:
        # Hold the write into recruits: the seeder is then provably midway, its cohort
        # row written, when it is killed.
        holder.execute(sa.text("LOCK TABLE recruits IN SHARE MODE"))
        seeder = subprocess.Popen(
            [sys.executable, "create_c26_recruits.py", "--count", "2000", "--seed", "1"],
            cwd=PROJECT_ROOT, env=environ, stdout=subprocess.PIPE, stderr=subprocess.PIPE)
        wait_for(lambda: inserting(watcher), what="the seeder to reach its write into recruits")
        seeder.send_signal(signal.SIGKILL)
        seeder.wait(timeout=10)
        holder.rollback()

    with engine.connect() as conn:
        wait_for(lambda: not sessions_of_dbkit(conn), what="the killed session to end")
    assert seeder.returncode == -signal.SIGKILL
    assert counts(engine) == (0, 0)
    out, err = seeder.communicate()
    assert pg_server.password.encode() not in out + err


def inserting(conn) -> bool:
    waiting = conn.execute(sa.text(
        "SELECT count(*) FROM pg_stat_activity WHERE application_name = 'dbkit' "
        "AND wait_event_type = 'Lock' "
        "AND (query LIKE 'INSERT INTO recruits%' OR query LIKE 'COPY recruits%')")).scalar()
    conn.rollback()  # pg_stat_activity is read once per transaction
    return bool(waiting)


def sessions_of_dbkit(conn) -> int:
    found = conn.execute(sa.text("SELECT count(*) FROM pg_stat_activity WHERE "
                                 "application_name = 'dbkit' AND datname = current_database()"))
    count = found.scalar()
    conn.rollback()
    return count


def test_ctrl_c_during_the_seeding_copy_is_one_line_and_writes_nothing(use_database, engine,
                                                                        pg_server):
    """SIGINT (Ctrl-C) while the COPY into recruits waits: one line, exit 130, no row."""
    alembic("upgrade", "head")
    environ = {k: v for k, v in os.environ.items() if k != "ENV"}
    with engine.connect() as holder, engine.connect() as watcher:
        holder.execute(sa.text("LOCK TABLE recruits IN SHARE MODE"))
        seeder = subprocess.Popen(
            [sys.executable, "create_c26_recruits.py", "--count", "2000", "--seed", "1"],
            cwd=PROJECT_ROOT, env=environ, stdout=subprocess.PIPE, stderr=subprocess.PIPE,
            text=True)
        wait_for(lambda: inserting(watcher), what="the seeder to reach its write into recruits")
        seeder.send_signal(signal.SIGINT)
        out, err = seeder.communicate(timeout=60)
        holder.rollback()

    assert seeder.returncode == 130, err
    lines = [line for line in err.splitlines() if line.strip()]
    assert "Traceback" not in err and "QueryCanceled" not in err
    assert lines[-1].startswith("error: interrupted") and "nothing was written" in lines[-1]
    assert counts(engine) == (0, 0)
    assert pg_server.password not in out + err
