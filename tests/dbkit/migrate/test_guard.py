"""The guard rails of ``alembic upgrade/downgrade`` (dbkit/migrate/), with real processes and locks."""

from __future__ import annotations

import io
import os
import subprocess
import sys

import pytest
import sqlalchemy as sa
from support.commands import PROJECT_ROOT, alembic, run
from support.waiting import wait_for

from dbkit import revisions
from dbkit.errors import ConfigError
from dbkit.migrate.options import Options
from dbkit.state import lock, marker


def version_rows(engine) -> list[str]:
    with engine.connect() as conn:
        return list(conn.execute(sa.text("SELECT version_num FROM alembic_version")).scalars())


def columns(engine, table: str = "recruits") -> set[str]:
    return {c["name"] for c in sa.inspect(engine).get_columns(table)}


def no_password(pg_server, *outputs: str) -> None:
    for text in outputs:
        assert pg_server.password not in text


def test_two_upgrades_started_together_take_turns(database_url, engine, pg_server, tmp_path):
    environ = {k: v for k, v in os.environ.items() if k not in ("ENV", "DATABASE_URL")}
    environ.update(ENV="dev", DATABASE_URL=database_url)
    argv = [sys.executable, "-m", "alembic", "upgrade", "head"]
    logs = [tmp_path / "first.log", tmp_path / "second.log"]
    key = {"key": lock.MIGRATION_LOCK_KEY}
    with engine.connect() as gate:
        # Hold the migration lock until both are waiting for it: they truly start together.
        gate.execute(sa.text("SELECT pg_advisory_lock(:key)"), key)
        both = [subprocess.Popen(argv, cwd=PROJECT_ROOT, env=environ, stdout=log.open("w"),
                                 stderr=subprocess.STDOUT) for log in logs]
        wait_for(lambda: all("waiting for it to finish" in log.read_text() for log in logs),
                 what="both migrators to wait for the lock")
        gate.execute(sa.text("SELECT pg_advisory_unlock(:key)"), key)
        gate.commit()
    results = [(p.wait(timeout=120), log.read_text(), "") for p, log in zip(both, logs, strict=True)]

    assert [code for code, _, _ in results] == [0, 0], results
    logs = [out for _, out, _ in results]
    # Each revision ran once, in one of the two; the other found nothing left to do.
    assert sum("Running upgrade  -> 0001" in log for log in logs) == 1
    assert sum(log.count("Running upgrade") for log in logs) == 8
    assert version_rows(engine) == [revisions.head()]
    assert {"recruits", "cohorts", marker.MARKER_TABLE} <= set(sa.inspect(engine).get_table_names())
    no_password(pg_server, *logs)


@pytest.mark.slow
def test_a_lock_held_elsewhere_makes_the_upgrade_give_up_with_one_line(
        use_database, engine, pg_server):
    alembic("upgrade", "0005")
    holding = sa.create_engine(use_database, connect_args={"application_name": "holder"})
    with holding.connect() as holder:
        pid = holder.execute(sa.text("SELECT pg_backend_pid()")).scalar()
        holder.execute(sa.text("LOCK TABLE recruits IN ACCESS EXCLUSIVE MODE"))
        result = run("alembic", "-x", "lock_timeout=200ms", "-x", "lock_retries=2",
                     "-x", "exclusive_lock_timeout=30ms", "-x", "exclusive_lock_tries=2",
                     "upgrade", "head", env={"ENV": "dev"}, url=use_database)
        holder.rollback()  # held until the command ended: it gave up on its own
    holding.dispose()

    assert result.returncode != 0
    errors = [line for line in result.stderr.splitlines() if line.startswith("error:")]
    assert errors == [
        "error: the upgrade to 0006 (Rename chatname to rocketchat_user) gave up after 3 tries "
        "(in each, ALTER TABLE recruits RENAME chatname TO rocketchat_user waited at most 30 ms, "
        f"2 times) waiting for a lock held by pid {pid} (holder, idle in transaction, last "
        "statement: LOCK TABLE recruits IN ACCESS EXCLUSIVE MODE; holds AccessExclusiveLock on "
        "recruits); the database stays at 0005 (Add cohort, with existing recruits in C25 Data "
        "Eng): try again later"]
    assert "Traceback" not in result.stderr
    # The -x options, not the defaults: 3 tries of the revision (2 retries), and in each the
    # rename tried twice (one statement retry); 20 ms and 10 tries by default.
    assert result.stderr.count("could not get a lock") == 2
    assert result.stderr.count("lock not available within 30 ms (try 1 of 2)") == 3
    assert version_rows(engine) == ["0005"]
    assert "chatname" in columns(engine) and "rocketchat_user" not in columns(engine)
    no_password(pg_server, result.stdout, result.stderr)


@pytest.mark.parametrize("marked, running", [("prod", "dev"), ("dev", "prod")])
def test_the_wrong_environment_stops_before_any_write(marked, running, use_database, engine,
                                                      monkeypatch, capfd, pg_server):
    monkeypatch.setenv("ENV", marked)
    alembic("-x", "backup=off", "upgrade", "0007")
    monkeypatch.setenv("ENV", running)
    with pytest.raises(SystemExit) as stopped:
        alembic("-x", "backup=off", "upgrade", "head")

    message = str(stopped.value.code)
    assert message.startswith(f"error: ENV is {running} but 127.0.0.1:")
    assert f"is the {marked} database (marked {marked} when first migrated" in message
    assert "DATABASE_URL in the process environment" in message
    assert version_rows(engine) == ["0007"]
    with engine.connect() as conn:
        assert conn.execute(sa.text(f"SELECT env FROM {marker.MARKER_TABLE}")).scalar() == marked
    no_password(pg_server, message, *capfd.readouterr())


def test_the_marker_is_written_with_the_first_revision_and_ignored_by_alembic_check(
        use_database, engine):
    alembic("upgrade", "head")
    with engine.connect() as conn:
        assert conn.execute(sa.text(f"SELECT env FROM {marker.MARKER_TABLE}")).all() == [("dev",)]
    from alembic import command
    from alembic.config import Config

    # Raises if autogenerate saw the marker table as drift. (Its own stdout: alembic's
    # default is the sys.stdout of import time, which pytest may have closed since.)
    output = io.StringIO()
    command.check(Config(str(PROJECT_ROOT / "alembic.ini"), stdout=output))
    assert "No new upgrade operations detected" in output.getvalue()


def test_a_prod_downgrade_needs_confirmation(use_database, engine, monkeypatch, tmp_path,
                                             capfd, pg_server):
    monkeypatch.setenv("ENV", "prod")
    monkeypatch.setenv("DBKIT_BACKUP_DIR", str(tmp_path))
    alembic("-x", "backup=off", "upgrade", "head")
    assert "-x backup=off: no backup taken" in capfd.readouterr().err

    with pytest.raises(SystemExit) as stopped:
        alembic("downgrade", "-1")
    assert str(stopped.value.code) == (
        f"error: downgrading the prod database {use_database.split('@')[1]} from 0008 (Move "
        "cohorts into a cohorts table) to 0007 needs -x confirm=prod (a backup is taken first); "
        "nothing was changed")
    assert version_rows(engine) == ["0008"]
    assert list(tmp_path.iterdir()) == []

    alembic("-x", "confirm=prod", "downgrade", "-1")
    assert version_rows(engine) == ["0007"]
    assert [p.name.endswith("-0008-to-0007.dump") for p in tmp_path.iterdir()] == [True]
    no_password(pg_server, *capfd.readouterr())


@pytest.mark.parametrize("x, message", [
    ({"lock_timeout": "soon"}, "-x lock_timeout must be a duration like 500ms, 5s or 2min, "
                               "not 'soon'"),
    ({"lock_retries": "-1"}, "-x lock_retries must be a whole number from 0 to 20, not '-1'"),
    ({"backup": "maybe"}, "-x backup must be auto, on or off, not 'maybe'"),
])
def test_bad_x_arguments_are_refused(x, message):
    with pytest.raises(ConfigError, match=f"^{message}$".replace("(", r"\(")):
        Options.from_x_arguments(x)


def test_x_arguments_become_connection_options():
    options = Options.from_x_arguments({"lock_timeout": "2s", "statement_timeout": "1min",
                                        "allow_drift": "yes", "rename": "t.a:b"})
    assert options.connect_args() == {"options": "-c lock_timeout=2000 -c statement_timeout=60000"}


def test_a_revision_that_fails_is_one_line_saying_where_the_database_stands(
        use_database, engine, pg_server):
    alembic("upgrade", "0005")
    with engine.begin() as conn:  # situation 2 done by hand: 0006's rename has nothing to rename
        conn.execute(sa.text("ALTER TABLE recruits RENAME COLUMN chatname TO rocketchat_user"))

    result = run("alembic", "upgrade", "head", env={"ENV": "dev"}, url=use_database)

    assert result.returncode == 1
    assert "Traceback" not in result.stderr
    errors = [line for line in result.stderr.splitlines() if line.startswith("error:")]
    assert errors == [
        f"error: the migration failed: column \"chatname\" does not exist; the dev database "
        f"{use_database.split('@')[1]} stays at 0005 (Add cohort, with existing recruits in C25 "
        "Data Eng): fix the cause and run it again (`ENV=dev python -m dbkit drift` shows "
        "what differs)"]
    assert version_rows(engine) == ["0005"]
    no_password(pg_server, result.stdout, result.stderr)


def test_an_unknown_x_key_is_refused_with_the_known_ones_and_nothing_is_written(
        use_database, engine, pg_server):
    result = run("alembic", "-x", "retries=1", "upgrade", "head", env={"ENV": "dev"},
                 url=use_database)

    assert result.returncode == 1
    assert "Traceback" not in result.stderr
    assert result.stderr.strip().splitlines()[-1] == (
        "error: unknown -x option retries: the known ones are lock_timeout, statement_timeout, "
        "lock_retries, exclusive_lock_timeout, exclusive_lock_tries, backup, confirm, allow_drift, "
        "rename")
    assert sa.inspect(engine).get_table_names() == []
    no_password(pg_server, result.stdout, result.stderr)


def test_no_lock_timeout_must_be_written_out_and_is_echoed_on_prod(use_database, engine):
    assert Options.from_x_arguments({"lock_timeout": "0"}).lock_timeout_ms == 0
    with pytest.raises(ConfigError):
        Options.from_x_arguments({"lock_timeout": ""})

    result = run("alembic", "-x", "lock_timeout=0", "-x", "backup=off", "upgrade", "0002",
                 env={"ENV": "prod"}, url=use_database)
    assert result.returncode == 0, result.stderr
    assert "-x lock_timeout=0: statements on the prod database wait for locks without a limit" \
        in result.stderr
    assert version_rows(engine) == ["0002"]


@pytest.mark.slow
def test_a_prod_stamp_needs_confirmation_and_takes_a_backup(use_database, engine, tmp_path,
                                                            pg_server):
    prod = {"ENV": "prod", "DBKIT_BACKUP_DIR": str(tmp_path)}
    assert run("alembic", "-x", "backup=off", "upgrade", "head", env=prod,
               url=use_database).returncode == 0

    refused = run("alembic", "stamp", "0007", env=prod, url=use_database)
    assert refused.returncode == 1
    assert refused.stderr.strip().splitlines()[-1] == (
        f"error: stamping the prod database {use_database.split('@')[1]} as 0007 (it is at 0008 "
        "(Move cohorts into a cohorts table)) records changes nobody ran, so it needs "
        "confirming: `ENV=prod alembic -x confirm=prod stamp 0007` (a backup is taken first); "
        "nothing was changed")
    assert version_rows(engine) == ["0008"]
    assert list(tmp_path.iterdir()) == []

    confirmed = run("alembic", "-x", "confirm=prod", "stamp", "0007", env=prod, url=use_database)
    assert confirmed.returncode == 0, confirmed.stderr
    assert version_rows(engine) == ["0007"]
    assert [p.name.endswith("-0008-stamp-0007.dump") for p in tmp_path.iterdir()] == [True]
    no_password(pg_server, refused.stderr, confirmed.stderr)


def test_a_dev_stamp_needs_no_confirmation(use_database, engine, tmp_path):
    dev = {"ENV": "dev", "DBKIT_BACKUP_DIR": str(tmp_path)}
    assert run("alembic", "upgrade", "0002", env=dev, url=use_database).returncode == 0
    assert run("alembic", "stamp", "0001", env=dev, url=use_database).returncode == 0
    assert version_rows(engine) == ["0001"]
    assert list(tmp_path.iterdir()) == []


@pytest.mark.slow
def test_a_prod_upgrade_with_a_table_locked_elsewhere_gives_up_in_seconds_naming_the_holder(
        use_database, engine, tmp_path, pg_server):
    prod = {"ENV": "prod", "DBKIT_BACKUP_DIR": str(tmp_path)}
    assert run("alembic", "-x", "backup=off", "upgrade", "0005", env=prod,
               url=use_database).returncode == 0
    holding = sa.create_engine(use_database, connect_args={"application_name": "holder"})
    with holding.connect() as holder:
        pid = holder.execute(sa.text("SELECT pg_backend_pid()")).scalar()
        holder.execute(sa.text("LOCK TABLE recruits IN ACCESS EXCLUSIVE MODE"))
        result = run("alembic", "-x", "lock_timeout=1s", "-x", "lock_retries=1", "upgrade",
                     "head", env=prod, url=use_database)
        holder.rollback()  # held until the command ended: it gave up on its own
    holding.dispose()

    assert result.returncode == 1
    assert "Traceback" not in result.stderr
    last = result.stderr.strip().splitlines()[-1]
    assert last == (
        "error: backup failed, nothing was changed: pg_dump could not lock the tables within "
        f"1000 ms (-x lock_timeout): a lock is held by pid {pid} (holder, idle in transaction, "
        "last statement: LOCK TABLE recruits IN ACCESS EXCLUSIVE MODE; holds AccessExclusiveLock "
        "on recruits); try again when it is done")
    # The old pg_dump default was 60 s; the message shows each wait is -x lock_timeout's 1 s.
    assert version_rows(engine) == ["0005"]
    assert [p for p in tmp_path.iterdir() if p.name.endswith(".dump")] == []
    no_password(pg_server, result.stdout, result.stderr)


@pytest.mark.slow
def test_a_downgrade_racing_a_seeding_run_is_one_line_and_changes_nothing(
        use_database, engine, pg_server):
    """The seeding code's own COPY (dbkit.exercise.seeding), held open halfway through its rows
    while ``alembic downgrade`` runs in another process."""
    import itertools
    import threading

    from dbkit.exercise import seeding

    alembic("upgrade", "head")
    halfway, go_on = threading.Event(), threading.Event()

    def feed():
        people = seeding.people("C26 Data Eng", 1)
        yield from itertools.islice(people, 1000)
        halfway.set()
        go_on.wait(timeout=120)
        yield from itertools.islice(people, 1000)

    written: list[int] = []

    def seed() -> None:
        with engine.connect() as conn:
            written.append(seeding.insert_recruits(conn, "C26 Data Eng", feed()))
            conn.commit()

    seeding_run = threading.Thread(target=seed)
    seeding_run.start()
    try:
        assert halfway.wait(timeout=60)
        result = run("alembic", "-x", "lock_timeout=300ms", "-x", "lock_retries=1",
                     "-x", "exclusive_lock_timeout=50ms", "-x", "exclusive_lock_tries=2",
                     "downgrade", "-1", env={"ENV": "dev"}, url=use_database)
    finally:
        go_on.set()
        seeding_run.join(timeout=120)

    assert result.returncode == 1
    assert "Traceback" not in result.stderr
    last = result.stderr.strip().splitlines()[-1]
    assert last.startswith("error: the downgrade of 0008 (Move cohorts into a cohorts table) "
                           "gave up after 2 tries (in each, ALTER TABLE recruits ADD COLUMN "
                           "cohort VARCHAR(100) waited at most 50 ms, 2 times) waiting for a "
                           "lock held by pid "), last
    assert "last statement: COPY recruits" in last and "RowExclusiveLock on recruits" in last
    assert last.endswith("the database stays at 0008 (Move cohorts into a cohorts table): "
                         "try again later")
    assert version_rows(engine) == ["0008"]
    assert written == [2000]
    with engine.connect() as conn:  # the seeding run's rows all went in, at 0008
        assert conn.execute(sa.text("SELECT count(*) FROM recruits r JOIN cohorts c "
                                    "ON c.id = r.cohort_id WHERE c.name = 'C26 Data Eng'")
                            ).scalar() == 2000
    no_password(pg_server, result.stdout, result.stderr)


@pytest.mark.slow
def test_x_lock_options_reach_the_online_helpers(use_database, engine, pg_server):
    alembic("upgrade", "0003")
    holding = sa.create_engine(use_database, connect_args={"application_name": "reader"})
    with holding.connect() as holder:
        pid = holder.execute(sa.text("SELECT pg_backend_pid()")).scalar()
        holder.execute(sa.text("LOCK TABLE recruits IN ACCESS SHARE MODE"))  # a long read
        result = run("alembic", "-x", "exclusive_lock_timeout=200ms", "-x",
                     "exclusive_lock_tries=2", "upgrade", "0004", env={"ENV": "dev"},
                     url=use_database)
        holder.rollback()
    holding.dispose()

    assert result.returncode == 1
    assert "Traceback" not in result.stderr
    assert result.stderr.count("lock not available within 200 ms (try 1 of 2)") == 1
    last = result.stderr.strip().splitlines()[-1]
    assert last.startswith(
        "error: gave up after 2 tries of 200 ms waiting for a lock on recruits held by pid "
        f"{pid} (reader, idle in transaction, last statement: LOCK TABLE recruits IN ACCESS "
        "SHARE MODE; holds AccessShareLock on recruits): ALTER TABLE recruits ADD CONSTRAINT "
        "ck_recruits_personal_email_address_not_null"), last
    assert "stays at 0003 (Backfill personal_email_address with placeholders), and revision 0004 " \
           "(Require personal_email_address and make it unique) was interrupted at step 1 of 2 " \
           "(add_not_null recruits.personal_email_address), started " in last
    assert last.endswith(": run `ENV=dev alembic upgrade 0004` again later to finish it"), last
    assert version_rows(engine) == ["0003"]
    no_password(pg_server, result.stdout, result.stderr)
