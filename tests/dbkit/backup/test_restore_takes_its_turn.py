"""``python -m dbkit restore`` takes its turn: no committed row is lost to a restore racing a
writer, sessions in the way are named (or ended when told), and a dump that is not of this
project's chain needs ``--foreign-dump``. Real processes on real servers."""

from __future__ import annotations

import os
import subprocess
import sys
import time
from pathlib import Path

import pytest
import sqlalchemy as sa
from support.commands import PROJECT_ROOT
from support.sql import execute, rows, target

from dbkit import backup
from dbkit.backup.restore import Questioner, restore
from dbkit.state import marker

OURS = ("CREATE TABLE people (id int PRIMARY KEY, name text NOT NULL);"
        "INSERT INTO people SELECT n, 'from the dump ' || n FROM generate_series(1, 250) n;"
        "CREATE TABLE alembic_version (version_num varchar(32) PRIMARY KEY);"
        "INSERT INTO alembic_version VALUES ('0008')")

# A writer as a seeding loop is: one row per transaction, the id printed once committed.
WRITER = """
import sys, itertools, time
import sqlalchemy as sa
engine = sa.create_engine(sys.argv[1], connect_args={"application_name": "the-writer"})
for n in itertools.count(100_000):
    try:
        with engine.begin() as connection:
            connection.execute(sa.text("INSERT INTO people VALUES (:n, 'written ' || :n)"),
                               {"n": n})
    except sa.exc.DBAPIError:
        time.sleep(0.01)  # the table was being replaced: that row was not committed
        continue
    print(n, flush=True)
"""


def mark(url: str, env: str) -> None:
    engine = sa.create_engine(url)
    with engine.begin() as connection:
        marker.write_marker(connection, env)
    engine.dispose()


@pytest.fixture
def prod(owned_url, tmp_path, monkeypatch) -> tuple[str, Path]:
    """(URL of a prod database at 0008 holding 250 people, a dump of it)."""
    monkeypatch.setenv("DBKIT_BACKUP_DIR", str(tmp_path / "dumps"))
    execute(owned_url, OURS)
    mark(owned_url, "prod")
    dump = backup.take(target(owned_url, "prod"), "source", 18)
    monkeypatch.setenv("DBKIT_BACKUP_DIR", str(tmp_path / "backups"))
    return owned_url, dump


def run_restore(url: str, dump: Path, *flags: str, env: str = "prod", **kwargs):
    environ = {k: v for k, v in os.environ.items() if k not in ("ENV", "DATABASE_URL")}
    environ.update(ENV=env, DATABASE_URL=url)
    return subprocess.run([sys.executable, "-m", "dbkit", "restore", str(dump), *flags],
                          cwd=PROJECT_ROOT, env=environ, capture_output=True, text=True,
                          timeout=300, **kwargs)


def ids(url: str) -> set[int]:
    return {row[0] for row in rows(url, "SELECT id FROM people")}


def read_lines(stream, wanted: int, seconds: float = 60) -> list[str]:
    lines: list[str] = []
    deadline = time.monotonic() + seconds
    while len(lines) < wanted:
        assert time.monotonic() < deadline, "the writer wrote nothing"
        lines.append(stream.readline().strip())
    return lines


@pytest.mark.slow
def test_no_row_committed_by_a_concurrent_writer_is_lost_by_a_prod_restore(prod, pg_server,
                                                                           tmp_path):
    url, dump = prod
    writer = subprocess.Popen([sys.executable, "-c", WRITER, url], stdout=subprocess.PIPE,
                              stderr=subprocess.DEVNULL, text=True)
    try:
        committed = read_lines(writer.stdout, 20)  # it writes, for real, before and during
        result = run_restore(url, dump, "--yes-i-mean-prod")
        committed += read_lines(writer.stdout, 20)  # and after
    finally:
        writer.terminate()
        writer.wait(timeout=30)
    assert writer.stdout is not None
    committed += writer.stdout.read().split()  # what it printed up to the end
    committed_ids = {int(n) for n in committed if n}

    assert result.returncode == 0, result.stderr
    [taken] = backup.listing(tmp_path / "backups")
    # Every committed row is in the backup taken before the restore, or came after it.
    scratch = f"{url.rsplit('/', 1)[1]}_scratch"
    pg_server.create_database(scratch, template="template0")
    try:
        restore(target(pg_server.url_for(scratch)), taken.path, Questioner())
        in_backup = ids(pg_server.url_for(scratch))
    finally:
        pg_server.drop_database(scratch)
    now = ids(url)
    assert committed_ids - (in_backup | now) == set(), "committed rows were lost"
    assert set(range(1, 251)) <= now  # the dump is in
    assert max(committed_ids) in now  # the writer went on after the restore


@pytest.mark.slow
def test_a_session_in_the_way_is_named_then_given_up_on_and_nothing_changes(prod, tmp_path):
    url, dump = prod
    execute(url, "DELETE FROM people WHERE id > 5")
    engine = sa.create_engine(url, connect_args={"application_name": "seeding-by-hand"})
    with engine.connect() as writing:
        writing.execute(sa.text("INSERT INTO people VALUES (9999, 'not committed yet')"))
        pid = writing.execute(sa.text("SELECT pg_backend_pid()")).scalar()
        result = run_restore(url, dump, "--yes-i-mean-prod", "--wait", "2")
        writing.commit()  # the writer commits after all: its row must still be there
    engine.dispose()

    assert result.returncode == 2
    assert "Traceback" not in result.stderr
    assert "waiting for 1 session(s) that write to the prod database" in result.stderr
    assert f"pid {pid} (seeding-by-hand, user owner_" in result.stderr
    assert "from 127.0.0.1, in a transaction since" in result.stderr
    last = result.stderr.strip().splitlines()[-1]
    assert last.startswith("error: restore failed, nothing was changed: after 2 s these sessions "
                           "still write to the prod database") and f"pid {pid}" in last
    assert last.endswith("let them finish, or pass --terminate-sessions")
    assert ids(url) == {1, 2, 3, 4, 5, 9999}
    assert backup.listing(tmp_path / "backups") == []  # the backup waits for the lock too


def test_terminate_sessions_ends_the_writer_and_restores(prod, tmp_path):
    url, dump = prod
    execute(url, "DELETE FROM people WHERE id > 5")
    engine = sa.create_engine(url, connect_args={"application_name": "seeding-by-hand"})
    writing = engine.connect()
    writing.execute(sa.text("INSERT INTO people VALUES (9999, 'never committed')"))
    pid = writing.execute(sa.text("SELECT pg_backend_pid()")).scalar()
    try:
        result = run_restore(url, dump, "--yes-i-mean-prod", "--terminate-sessions")
        with pytest.raises(sa.exc.OperationalError):
            writing.commit()
    finally:
        writing.invalidate()
        engine.dispose()

    assert result.returncode == 0, result.stderr
    assert f"ending session pid {pid} (seeding-by-hand" in result.stderr
    assert ids(url) == set(range(1, 251))
    [taken] = backup.listing(tmp_path / "backups")  # taken once the writer was gone
    scratch_rows = taken.path.stat().st_size
    assert scratch_rows > 0


@pytest.mark.parametrize("kind, why", [
    ("no alembic_version", "it holds no alembic_version table"),
    ("unknown revision", "its revision cafe1234 is not in this project's chain"),
    ("no marker", "it holds no environment marker (dbkit_environment)"),
])
def test_a_dump_not_of_this_chain_needs_foreign_dump(owned_url, tmp_path, monkeypatch, kind, why):
    monkeypatch.setenv("DBKIT_BACKUP_DIR", str(tmp_path / "dumps"))
    execute(owned_url, OURS)
    if kind == "no alembic_version":
        execute(owned_url, "DROP TABLE alembic_version")
    if kind == "unknown revision":
        execute(owned_url, "UPDATE alembic_version SET version_num = 'cafe1234'")
    if kind != "no marker":
        mark(owned_url, "dev")
    dump = backup.take(target(owned_url), "unrelated", 18)
    execute(owned_url, "DROP TABLE IF EXISTS people, alembic_version, dbkit_environment;"
                       "CREATE TABLE mine (x int); INSERT INTO mine VALUES (7)")
    mark(owned_url, "dev")

    refused = run_restore(owned_url, dump, env="dev")

    assert refused.returncode == 2
    assert refused.stderr.strip().splitlines()[-1] == (
        f"error: {dump.name} is not a backup of this project's chain ({why}): restoring it "
        f"replaces every table of the dev database {owned_url.rsplit('@', 1)[1]}; pass "
        "--foreign-dump if you mean it; nothing was changed")
    assert rows(owned_url, "SELECT x FROM mine") == [(7,)]

    done = run_restore(owned_url, dump, "--foreign-dump", env="dev")
    assert done.returncode == 0, done.stderr
    assert rows(owned_url, "SELECT count(*) FROM people") == [(250,)]
