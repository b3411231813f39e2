"""Real faults around backups, restores and scratch databases: held locks, SIGKILL, leftovers."""

from __future__ import annotations

import os
import signal
import stat
import subprocess
import sys
from pathlib import Path

import pytest
import sqlalchemy as sa
from support.commands import PROJECT_ROOT, run
from support.sql import execute, rows, target
from support.waiting import wait_for

from dbkit import backup
from dbkit.backup.restore import Questioner, restore
from dbkit.errors import BackupLockTimeout
from dbkit.pg import admin, server


def pid_alive(pid: int) -> bool:
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    # A zombie is dead for our purposes.
    status = Path(f"/proc/{pid}/status")
    return status.exists() and "State:\tZ" not in status.read_text()


def test_a_backup_waits_no_longer_than_its_lock_timeout_and_names_the_holder(
        owned_url, tmp_path, monkeypatch):
    monkeypatch.setenv("DBKIT_BACKUP_DIR", str(tmp_path))
    execute(owned_url, "CREATE TABLE people (id int); INSERT INTO people VALUES (1)")
    engine = sa.create_engine(owned_url, connect_args={"application_name": "the blocker"})
    with engine.connect() as blocker:
        blocker.execute(sa.text("LOCK TABLE people IN ACCESS EXCLUSIVE MODE"))
        holder = blocker.execute(sa.text("SELECT pg_backend_pid()")).scalar()
        # The blocker holds its lock until take() returns: returning at all is giving up.
        with pytest.raises(BackupLockTimeout) as failed:
            backup.take(target(owned_url), "locked", 18, lock_wait_timeout_ms=300)
    engine.dispose()

    message = str(failed.value)
    assert message.startswith("backup failed, nothing was changed: pg_dump waited 300 ms for a "
                              f"lock on public.people, which pid {holder} (the blocker, ")
    assert message.endswith("holds: try again when it is done")
    assert "detail" not in message.lower() and "Query was" not in message
    assert list(tmp_path.iterdir()) == []


def test_a_killed_backup_leaves_a_private_partial_that_the_next_run_removes(owned_url, tmp_path):
    """SIGKILL `python -m dbkit backup` while pg_dump runs: its pg_dump dies with it, the
    .partial was mode 600 from the start, and the next backup removes it."""
    execute(owned_url, "CREATE TABLE people (id int); INSERT INTO people VALUES (1)")
    pidfile = tmp_path / "pg_dump.pid"
    slow = tmp_path / "slow_pg_dump"
    slow.write_text(f"#!/bin/sh\necho $$ > {pidfile}\nexec sleep 60\n")
    slow.chmod(0o755)
    folder = tmp_path / "backups"
    environ = {k: v for k, v in os.environ.items() if k not in ("ENV",)}
    environ.update(DATABASE_URL=owned_url, DBKIT_BACKUP_DIR=str(folder), DBKIT_PG_DUMP=str(slow))
    child = subprocess.Popen([sys.executable, "-m", "dbkit", "backup"], cwd=PROJECT_ROOT,
                             env=environ, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    dump_pid = int(wait_for(lambda: pidfile.exists() and pidfile.read_text().strip(),
                            what="pg_dump to start"))
    [partial] = folder.glob(".*.partial")
    assert stat.S_IMODE(partial.stat().st_mode) == 0o600

    child.send_signal(signal.SIGKILL)
    child.wait()
    wait_for(lambda: not pid_alive(dump_pid), what="pg_dump to die with its parent")
    assert partial.exists()  # nobody was left to remove it

    again = run("-m", "dbkit", "backup", env={"DBKIT_BACKUP_DIR": str(folder)}, url=owned_url)
    assert again.returncode == 0, again.stderr
    assert not partial.exists()
    assert [p.name for p in folder.iterdir() if p.name.startswith(".")] == []
    assert len(backup.listing(folder)) == 1


def fake_backups(folder: Path, env: str, stamps: list[str]) -> list[Path]:
    folder.mkdir(exist_ok=True)
    made = []
    for stamp in stamps:
        path = folder / f"{env}-{stamp}-0007-to-0008.dump"
        path.write_bytes(b"old")
        made.append(path)
    return made


def test_backups_keep_the_newest_n_per_environment_never_the_one_just_taken(owned_url, tmp_path):
    folder = tmp_path / "backups"
    old_dev = fake_backups(folder, "dev", [f"2020010{d}T000000Z" for d in range(1, 4)])
    old_prod = fake_backups(folder, "prod", [f"2020010{d}T000000Z" for d in range(1, 10)])
    future = fake_backups(folder, "prod", ["20990101T000000Z"])  # a clock that was wrong
    execute(owned_url, "CREATE TABLE people (id int)")
    environ = {"ENV": "prod", "DBKIT_BACKUP_DIR": str(folder), "DBKIT_BACKUP_KEEP": "4"}

    taken = run("-m", "dbkit", "backup", env=environ, url=owned_url)

    assert taken.returncode == 0, taken.stderr
    prod = [b.path for b in backup.listing(folder) if b.env == "prod"]
    [new] = [p for p in prod if p not in old_prod + future]
    assert str(new) in taken.stdout
    assert sorted(prod) == sorted([*old_prod[-2:], future[0], new])
    assert all(p.exists() for p in old_dev)  # dev's are dev's

    flagged = run("-m", "dbkit", "backup", "--keep", "1", env=environ, url=owned_url)
    assert flagged.returncode == 0, flagged.stderr
    [only] = [b.path for b in backup.listing(folder) if b.env == "prod"]
    assert only not in prod and str(only) in flagged.stdout


@pytest.mark.parametrize("keep", ["0", "ten", "9" * 300])
def test_a_bad_keep_is_one_line_and_takes_nothing(owned_url, tmp_path, keep, monkeypatch, capsys):
    from dbkit.cli import main

    folder = tmp_path / "backups"
    monkeypatch.setenv("DBKIT_BACKUP_DIR", str(folder))
    monkeypatch.setenv("DATABASE_URL", owned_url)
    monkeypatch.setenv("DBKIT_BACKUP_KEEP", keep)
    assert main(["backup"]) == 2
    assert capsys.readouterr().err.strip().splitlines()[-1] == (
        f"error: DBKIT_BACKUP_KEEP must be a whole number from 1 to 10000, not {keep[:20]!r}")
    monkeypatch.delenv("DBKIT_BACKUP_KEEP")
    with pytest.raises(SystemExit) as usage:
        main(["backup", "--keep", keep])
    assert usage.value.code == 2
    assert capsys.readouterr().err.strip().splitlines()[-1].endswith(
        f"argument --keep: must be a whole number from 1 to 10000, not {keep[:20]!r}")
    assert backup.listing(folder) == [] and not list(folder.glob(".*"))


@pytest.mark.slow
def test_a_killed_restore_changes_nothing_and_leaves_no_copy(owned_url, tmp_path, monkeypatch):
    """SIGKILL `python -m dbkit restore` half-way through a 20 MB dump: the database keeps every
    row and value, no temp file is left, no session of the restore stays."""
    monkeypatch.setenv("DBKIT_BACKUP_DIR", str(tmp_path / "dumps"))
    execute(owned_url, "CREATE TABLE people (id int PRIMARY KEY, note text);"
                       "INSERT INTO people SELECT n, repeat(md5(n::text), 2) "
                       "FROM generate_series(1, 300000) n")
    dump = backup.take(target(owned_url), "big", 18)
    execute(owned_url, "DROP TABLE people; CREATE TABLE people (id int PRIMARY KEY, note text);"
                       "INSERT INTO people SELECT n, 'kept ' || n FROM generate_series(1, 500) n")
    before = rows(owned_url, "SELECT id, note FROM people ORDER BY id")
    temp = tmp_path / "tmp"
    temp.mkdir()
    environ = {k: v for k, v in os.environ.items() if k != "ENV"}
    environ.update(DATABASE_URL=owned_url, TMPDIR=str(temp))
    child = subprocess.Popen([sys.executable, "-m", "dbkit", "restore", str(dump), "--foreign-dump"],
                             cwd=PROJECT_ROOT, env=environ, stdout=subprocess.DEVNULL,
                             stderr=subprocess.DEVNULL)
    engine = sa.create_engine(owned_url)

    def restore_sessions() -> list:
        with engine.connect() as connection:
            return connection.execute(sa.text(
                "SELECT pid FROM pg_stat_activity WHERE application_name = 'dbkit restore' "
                "AND xact_start IS NOT NULL")).scalars().all()

    def copying() -> list:  # the restore's transaction is loading the rows: kill it now
        with engine.connect() as connection:
            return connection.execute(sa.text(
                "SELECT pid FROM pg_stat_activity WHERE application_name = 'dbkit restore' "
                "AND xact_start IS NOT NULL AND query LIKE 'COPY %'")).scalars().all()

    wait_for(copying, what="the restore's COPY", interval=0.01)
    child.send_signal(signal.SIGKILL)
    child.wait()
    wait_for(lambda: not restore_sessions(), what="the restore's session to end")
    engine.dispose()

    assert rows(owned_url, "SELECT id, note FROM people ORDER BY id") == before
    assert list(temp.iterdir()) == []

    # Run again, to the end: the dump goes in whole.
    done = restore(target(owned_url), dump, Questioner(), foreign_ok=True)
    assert done.after is None
    assert rows(owned_url, "SELECT count(*), max(id) FROM people") == [(300000, 300000)]


def test_scratch_databases_of_killed_owners_are_dropped_and_live_ones_kept(pg_server):
    code = ("import sys, time; from sqlalchemy.engine import make_url; "
            "from dbkit.pg import admin\n"
            "with admin.scratch_database(make_url(sys.argv[1]), 'check') as url:\n"
            "    print(url.database, flush=True); time.sleep(120)\n")
    owners = [subprocess.Popen([sys.executable, "-c", code, pg_server.admin_url().render_as_string(
        hide_password=False)], cwd=PROJECT_ROOT, stdout=subprocess.PIPE, text=True)
        for _ in range(2)]
    try:
        names = [owner.stdout.readline().strip() for owner in owners]
        assert all(name.startswith(f"{admin.SCRATCH_PREFIX}check_{owner.pid}_")
                   for name, owner in zip(names, owners, strict=True))

        def existing() -> set[str]:
            with admin.admin_connection(pg_server.admin_url()) as connection:
                return {n for n in names if admin.database_exists(connection, n)}

        assert existing() == set(names)
        owners[0].send_signal(signal.SIGKILL)
        owners[0].wait()
        with admin.admin_connection(pg_server.admin_url()) as connection:
            dropped = wait_for(lambda: admin.drop_abandoned_scratch_databases(connection),
                               what="the killed owner's session to end")
        assert dropped == [names[0]]
        assert existing() == {names[1]}  # its owner is alive: kept
    finally:
        for owner in owners:
            owner.kill()
            owner.wait()

    def all_gone() -> bool:
        with admin.admin_connection(pg_server.admin_url()) as connection:
            admin.drop_abandoned_scratch_databases(connection)
            return not any(admin.database_exists(connection, n) for n in names)

    wait_for(all_gone, what="the leftovers to go")


def test_the_wheel_has_the_programs():
    for name in ("pg_dump", "pg_restore", "psql"):
        assert Path(server.program(name)).is_file()
