"""A revision's exclusive statements wait only briefly for their lock and are retried in a
savepoint (``dbkit.migrate.retry.brief_lock``, the hook in ``dbkit.migrate.run``), against a
lock really held by a second connection."""

from __future__ import annotations

import os
import subprocess
import sys
import threading

import pytest
import sqlalchemy as sa
from alembic import op
from alembic.operations import Operations
from alembic.runtime.migration import MigrationContext
from support.commands import PROJECT_ROOT, alembic
from support.waiting import wait_for

from dbkit import alembic_compat
from dbkit.errors import ConfigError
from dbkit.migrate import retry, run
from dbkit.migrate.options import Options


def scalar(engine, sql: str, **params):
    with engine.connect() as conn:
        return conn.execute(sa.text(sql), params).scalar()


def waiting_for_a_lock(engine, application: str) -> bool:
    return bool(scalar(engine, "SELECT count(*) FROM pg_stat_activity WHERE wait_event_type = "
                               "'Lock' AND application_name = :app", app=application))


def test_the_exclusive_moment_of_a_revision_is_retried_alone_once_the_lock_is_let_go(
        use_database, database_url, engine, tmp_path):
    """0007 copies the id numbers into the archive, then drops the column: the drop waits
    for a reader's lock, times out, and is tried again in its savepoint; the copy before it
    is neither undone nor repeated, and the revision is not retried whole."""
    alembic("upgrade", "0006")
    with engine.begin() as conn:
        conn.execute(sa.text(
            "INSERT INTO recruits (first_name, surname, rocketchat_user, github_name, id_number, "
            "personal_email_address, cohort) SELECT 'A', 'B', 'r' || n, 'g' || n, "
            "lpad(n::text, 13, '0'), 'a' || n || '@example.org', 'C25 Data Eng' "
            "FROM generate_series(1, 50) AS n"))
    environ = {k: v for k, v in os.environ.items() if k not in ("ENV", "DATABASE_URL")}
    environ.update(ENV="dev", DATABASE_URL=database_url)
    log = tmp_path / "upgrade.log"
    reader = engine.connect()
    reader.execute(sa.text("LOCK TABLE recruits IN ACCESS SHARE MODE"))  # a long read
    with log.open("w") as out:
        upgrade = subprocess.Popen(
            [sys.executable, "-m", "alembic", "-x", "exclusive_lock_timeout=100ms", "-x",
             "exclusive_lock_tries=20", "upgrade", "0007"], cwd=PROJECT_ROOT, env=environ,
            stdout=out, stderr=subprocess.STDOUT)
        try:
            wait_for(lambda: "lock not available within 100 ms (try 1 of 20)" in log.read_text(),
                     what="the drop's first try to time out")
            # Meanwhile the archive and its copy stay uncommitted in the revision's transaction.
            assert scalar(engine, "SELECT to_regclass('archive.recruit_id_numbers')") is None
        finally:
            reader.rollback()
            reader.close()
            code = upgrade.wait(timeout=120)
    output = log.read_text()

    assert code == 0, output
    assert output.count("Running upgrade 0006 -> 0007") == 1  # the revision ran once
    assert "could not get a lock" not in output  # no whole-revision retry
    assert "retrying in" in output and "ALTER TABLE recruits DROP COLUMN id_number" in output
    assert scalar(engine, "SELECT version_num FROM alembic_version") == "0007"
    assert scalar(engine, "SELECT count(*) FROM archive.recruit_id_numbers") == 50
    assert "id_number" not in {c["name"] for c in sa.inspect(engine).get_columns("recruits")}


def revision_context(connection, policy: retry.Policy):
    """``op`` on ``connection`` with the run's hook, as inside ``upgrade()`` of a guarded run."""
    from contextlib import ExitStack

    stack = ExitStack()
    stack.enter_context(retry.using(policy))
    migration = MigrationContext.configure(connection)
    stack.enter_context(Operations.context(migration))
    stack.enter_context(alembic_compat.around_each_statement(migration, run.brief_when_exclusive))
    return stack


def test_a_failed_try_leaves_nothing_and_the_next_try_does_it_all(database_url, engine, caplog):
    """Two statements in one ``op.execute``: the first is done when the second times out.
    The savepoint takes the first back, so the retry does both, once (without it, the
    retry would fail on a column that already exists)."""
    import logging

    with engine.begin() as conn:
        conn.execute(sa.text("CREATE TABLE a (id int); CREATE TABLE b (id int); "
                             "CREATE TABLE notes (line text)"))
    holder = sa.create_engine(database_url, connect_args={"application_name": "holder"})
    migrator = sa.create_engine(database_url, connect_args={"application_name": "migrator"})
    held = holder.connect()
    held.execute(sa.text("LOCK TABLE b IN ACCESS SHARE MODE"))

    def let_go_after_a_timeout() -> None:
        wait_for(lambda: waiting_for_a_lock(engine, "migrator"), what="the first try")
        wait_for(lambda: not waiting_for_a_lock(engine, "migrator"), what="its timeout")
        held.rollback()

    releaser = threading.Thread(target=let_go_after_a_timeout)
    releaser.start()
    try:
        with caplog.at_level(logging.WARNING, logger="dbkit.migrate.retry"), \
                migrator.connect() as conn, \
                revision_context(conn, retry.Policy(exclusive_lock_timeout_ms=200,
                                                    exclusive_lock_tries=20)), conn.begin():
            op.execute("SET LOCAL lock_timeout = '7s'")  # the run's, for other statements
            op.execute("INSERT INTO notes VALUES ('before')")
            op.execute("ALTER TABLE a ADD COLUMN x int; ALTER TABLE b ADD COLUMN y int")
            timeout_after = conn.execute(sa.text("SHOW lock_timeout")).scalar()
    finally:
        releaser.join(timeout=60)
        held.close()
        holder.dispose()
        migrator.dispose()

    assert "lock not available within 200 ms (try 1 of 20)" in caplog.text
    assert timeout_after == "7s"  # put back after the brief statement
    assert scalar(engine, "SELECT count(*) FROM notes") == 1
    assert {c["name"] for c in sa.inspect(engine).get_columns("a")} == {"id", "x"}
    assert {c["name"] for c in sa.inspect(engine).get_columns("b")} == {"id", "y"}


def test_a_revision_that_keeps_clients_waiting_gives_up_at_once_and_is_rolled_back(
        database_url, engine):
    """The revision already holds ``a`` exclusively and a client waits for it: when ``b``'s
    lock is not there, holding on through the pauses would keep that client waiting, so the
    statement gives up after one try and the whole transaction goes back."""
    with engine.begin() as conn:
        conn.execute(sa.text("CREATE TABLE a (id int); CREATE TABLE b (id int); "
                             "INSERT INTO a VALUES (1)"))
    holder = engine.connect()
    holder.execute(sa.text("LOCK TABLE b IN ACCESS SHARE MODE"))
    client = sa.create_engine(database_url, connect_args={"application_name": "client"})
    read: list[int] = []

    def a_client_reads_a() -> None:
        with client.connect() as conn:
            read.append(conn.execute(sa.text("SELECT count(*) FROM a")).scalar())

    reading = threading.Thread(target=a_client_reads_a)
    migrator = sa.create_engine(database_url)
    try:
        with migrator.connect() as conn, \
                revision_context(conn, retry.Policy(exclusive_lock_timeout_ms=200,
                                                    exclusive_lock_tries=20)):
            transaction = conn.begin()
            op.execute("ALTER TABLE a ADD COLUMN x int")
            reading.start()
            wait_for(lambda: waiting_for_a_lock(engine, "client"), what="the client to queue")
            with pytest.raises(retry.BriefLockTimeout) as gave_up:
                op.execute("ALTER TABLE b ADD COLUMN y int")
            transaction.rollback()
        reading.join(timeout=60)
    finally:
        holder.rollback()
        holder.close()
        client.dispose()
        migrator.dispose()

    assert str(gave_up.value) == "ALTER TABLE b ADD COLUMN y int waited at most 200 ms, once"
    assert read == [1]
    assert {c["name"] for c in sa.inspect(engine).get_columns("a")} == {"id"}
    assert {c["name"] for c in sa.inspect(engine).get_columns("b")} == {"id"}


@pytest.mark.parametrize("sql, brief", [
    ("ALTER TABLE recruits ADD COLUMN cohort VARCHAR(100)", True),
    ("alter table recruits rename chatname to rocketchat_user", True),
    ("ALTER TABLE recruits DROP COLUMN id_number", True),
    ("DROP TABLE cohorts", True),
    ("CREATE INDEX ix ON recruits (cohort)", True),
    ("CREATE UNIQUE INDEX ux ON recruits (github_name)", True),
    ("CREATE TABLE t (id int REFERENCES recruits (id))", True),
    ("LOCK TABLE recruits IN SHARE MODE", True),
    ("TRUNCATE recruits", True),
    ("\n    ALTER TABLE archive.recruits SET SCHEMA public", True),
    ("CREATE INDEX CONCURRENTLY ix ON recruits (cohort)", False),
    ("DROP INDEX CONCURRENTLY IF EXISTS ix", False),
    ("ALTER TABLE recruits VALIDATE CONSTRAINT ck", False),
    ("INSERT INTO cohorts (name) SELECT DISTINCT cohort FROM recruits", False),
    ("UPDATE recruits SET cohort = 'x'", False),
    ("SELECT 1", False),
    ("CREATE SCHEMA IF NOT EXISTS archive", False),
])
def test_which_statements_take_a_lock_clients_queue_behind(sql, brief):
    assert retry.needs_brief_lock(sql) is brief


def test_the_exclusive_lock_options_are_read_and_bounded():
    options = Options.from_x_arguments({"exclusive_lock_timeout": "15ms",
                                        "exclusive_lock_tries": "4"})
    assert (options.exclusive_lock_timeout_ms, options.exclusive_lock_tries) == (15, 4)
    assert (Options().exclusive_lock_timeout_ms, Options().exclusive_lock_tries) == (20, 10)
    with pytest.raises(ConfigError, match=r"^-x exclusive_lock_timeout must be above zero"):
        Options.from_x_arguments({"exclusive_lock_timeout": "0"})
    with pytest.raises(ConfigError, match=r"^-x exclusive_lock_timeout must be a duration"):
        Options.from_x_arguments({"exclusive_lock_timeout": "soon"})
    for bad in ("0", "101", "x"):
        with pytest.raises(ConfigError, match=r"^-x exclusive_lock_tries must be a whole number "
                                              r"from 1 to 100"):
            Options.from_x_arguments({"exclusive_lock_tries": bad})
    # Never longer than lock_timeout, and doubling pauses that let the queue through.
    policy = retry.Policy(lock_timeout_ms=10, exclusive_lock_timeout_ms=20)
    assert policy.brief_timeout_ms == 10
    assert retry.Policy(lock_timeout_ms=0).brief_timeout_ms == 0  # no limit, asked for
    assert [retry.Policy().brief_pause_s(n) for n in (1, 2, 7)] == [0.04, 0.08, 2.0]
