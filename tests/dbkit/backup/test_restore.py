"""``restore`` on real databases: confirmation, the backup first, a full replace, the owner's rights."""

from __future__ import annotations

import os
import pty
import shutil
import subprocess
import sys
import tempfile
from pathlib import Path

import pytest
from support.commands import PROJECT_ROOT
from support.sql import execute, rows, target
from support.waiting import read_until

from dbkit import backup
from dbkit.backup.restore import Answers, Questioner, restore
from dbkit.errors import BackupFailed, LockTimeout, Refused, WrongEnvironment
from dbkit.pg import server
from dbkit.state import marker

PEOPLE = ("CREATE TABLE people (id int PRIMARY KEY, name text NOT NULL);"
          "INSERT INTO people SELECT n, 'Zoë O''Brien ' || n FROM generate_series(1, 250) n;"
          "CREATE SCHEMA archive; CREATE TABLE archive.kept (note text);"
          "INSERT INTO archive.kept VALUES ('from the dump');"
          # A dump of this project's chain: a revision of it, and a marker (by `mark`).
          "CREATE TABLE alembic_version (version_num varchar(32) PRIMARY KEY);"
          "INSERT INTO alembic_version VALUES ('0008')")


def mark(url: str, env: str) -> None:
    import sqlalchemy as sa

    engine = sa.create_engine(url)
    with engine.begin() as connection:
        marker.write_marker(connection, env)
    engine.dispose()


@pytest.fixture
def dump(owned_url, tmp_path, monkeypatch) -> Path:
    """A backup of a database of 250 people (and a table in another schema), marked prod."""
    monkeypatch.setenv("DBKIT_BACKUP_DIR", str(tmp_path / "dumps"))
    execute(owned_url, PEOPLE)
    mark(owned_url, "prod")
    taken = backup.take(target(owned_url, "prod"), "source", 18)
    monkeypatch.setenv("DBKIT_BACKUP_DIR", str(tmp_path / "backups"))
    return taken


def populated(url: str, env: str) -> None:
    """What a restore must throw away: other rows, another table, another schema."""
    execute(url, "CREATE TABLE people (id int PRIMARY KEY, name text NOT NULL);"
                 "INSERT INTO people SELECT n, 'other ' || n FROM generate_series(1, 7) n;"
                 "CREATE TABLE extra (x int); INSERT INTO extra VALUES (1);"
                 "CREATE SCHEMA old_stuff; CREATE TABLE old_stuff.t (x int)")
    mark(url, env)


def state(url: str) -> tuple:
    return (rows(url, "SELECT count(*), min(name), max(name) FROM people"),
            rows(url, "SELECT schemaname, tablename FROM pg_tables WHERE schemaname "
                      "NOT IN ('pg_catalog', 'information_schema') ORDER BY 1, 2"))


def test_restore_over_a_populated_database_replaces_everything(owned_url, dump):
    execute(owned_url, "DROP TABLE people, dbkit_environment, alembic_version; "
                       "DROP SCHEMA archive CASCADE")
    populated(owned_url, "dev")

    done = restore(target(owned_url, "dev"), dump, Questioner())

    assert done.backup is None  # dev: no backup first
    assert rows(owned_url, "SELECT count(*), min(id), max(id) FROM people") == [(250, 1, 250)]
    assert rows(owned_url, "SELECT name FROM people WHERE id = 7") == [("Zoë O'Brien 7",)]
    assert rows(owned_url, "SELECT note FROM archive.kept") == [("from the dump",)]
    tables = state(owned_url)[1]
    assert ("public", "extra") not in tables and ("old_stuff", "t") not in tables
    # The dump was marked prod; this database is dev and stays dev.
    assert rows(owned_url, f"SELECT env FROM {marker.MARKER_TABLE}") == [("dev",)]


@pytest.mark.parametrize("typed", ["", "recruits_prod", "o_", " wrong name "])
def test_a_prod_restore_needs_the_exact_name_typed(owned_url, dump, typed, tmp_path):
    execute(owned_url, "DROP TABLE people, dbkit_environment, alembic_version; "
                       "DROP SCHEMA archive CASCADE")
    populated(owned_url, "prod")
    before = state(owned_url)
    questioner = Answers(typed)

    with pytest.raises(Refused, match="is not .*: nothing was changed"):
        restore(target(owned_url, "prod"), dump, questioner)

    assert len(questioner.asked) == 1 and owned_url.rsplit("/", 1)[1] in questioner.asked[0]
    assert state(owned_url) == before
    assert backup.listing(tmp_path / "backups") == []


def test_a_confirmed_prod_restore_takes_a_backup_first(owned_url, dump, tmp_path):
    execute(owned_url, "DROP TABLE people, dbkit_environment, alembic_version; "
                       "DROP SCHEMA archive CASCADE")
    populated(owned_url, "prod")
    before = state(owned_url)
    name = owned_url.rsplit("/", 1)[1]

    done = restore(target(owned_url, "prod"), dump, Answers(name))

    assert rows(owned_url, "SELECT count(*) FROM people") == [(250,)]
    [taken] = backup.listing(tmp_path / "backups")
    assert taken.path == done.backup and taken.what == "at-base-before-restore"
    # The backup holds what was there before: restore it back and compare.
    restore(target(owned_url, "prod"), taken.path, Questioner(), confirmed=True,
            foreign_ok=True)  # the database was at no revision: not a dump of the chain
    assert state(owned_url) == before


def test_a_restore_refuses_a_database_of_the_other_environment(owned_url, dump):
    execute(owned_url, "DROP TABLE people, dbkit_environment, alembic_version; "
                       "DROP SCHEMA archive CASCADE")
    populated(owned_url, "prod")
    before = state(owned_url)

    with pytest.raises(Refused, match="is the prod database"):
        restore(target(owned_url, "dev"), dump, Questioner())
    execute(owned_url, f"UPDATE {marker.MARKER_TABLE} SET env = 'dev'")
    with pytest.raises(WrongEnvironment):
        restore(target(owned_url, "prod"), dump, Questioner(), confirmed=True)
    assert state(owned_url) == before


def test_a_restore_waits_for_no_migration(owned_url, dump):
    """A migration holds the migration lock: the restore stops, changing nothing."""
    import sqlalchemy as sa

    execute(owned_url, "DROP TABLE people, dbkit_environment, alembic_version; "
                       "DROP SCHEMA archive CASCADE")
    populated(owned_url, "dev")
    before = state(owned_url)
    engine = sa.create_engine(owned_url)
    with engine.connect() as migrator:
        migrator.execute(sa.text("SELECT pg_advisory_lock(x'64626B74'::int)"))
        with pytest.raises(LockTimeout, match="a migration is running"):
            restore(target(owned_url, "dev"), dump, Questioner())
    engine.dispose()
    assert state(owned_url) == before


def test_the_terminal_questioner_on_a_real_terminal(owned_url, owner_role, dump):
    """``python -m dbkit restore`` on a pseudo-terminal: a wrong name is refused, the right one goes."""
    execute(owned_url, "DROP TABLE people, dbkit_environment, alembic_version; "
                       "DROP SCHEMA archive CASCADE")
    populated(owned_url, "prod")
    before = state(owned_url)
    name = owned_url.rsplit("/", 1)[1]

    def on_a_terminal(answer: str) -> tuple[int, str]:
        main, child_end = pty.openpty()
        environ = {k: v for k, v in os.environ.items() if k != "ENV"}
        environ.update(ENV="prod", DATABASE_URL=owned_url)
        child = subprocess.Popen([sys.executable, "-m", "dbkit", "restore", str(dump)],
                                 cwd=PROJECT_ROOT, env=environ, stdin=child_end,
                                 stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)
        os.close(child_end)
        asked = read_until(child.stdout, "to go on: ")  # the question, before answering it
        os.write(main, answer.encode() + b"\n")
        out, err = child.communicate(timeout=120)
        os.close(main)
        return child.returncode, asked + out + err

    code, output = on_a_terminal("recruits_prod")
    assert code == 2 and f"error: 'recruits_prod' is not '{name}': nothing was changed" in output
    assert f"Type the database name ({name}) to go on:" in output
    assert state(owned_url) == before

    code, output = on_a_terminal(name)
    assert code == 0, output
    assert rows(owned_url, "SELECT count(*) FROM people") == [(250,)]
    assert "Backed up the prod database" in output
    assert owner_role[1] not in output and owned_url.split(":")[2].split("@")[0] not in output


def test_a_hostile_dump_cannot_run_a_program_on_the_server(owned_url, pg_server, tmp_path,
                                                           monkeypatch):
    """A dump whose CHECK calls COPY ... TO PROGRAM: as the owner role it fails, nothing changes.

    The same dump restored by a superuser does run the program (checked first,
    so the test proves the dump really is hostile). The program reads what COPY writes to
    it: one that exits first breaks the server's pipe, and the restore fails on that instead.
    """
    reachable = Path(tempfile.mkdtemp(prefix="dbkit-hostile-"))  # the server user writes here
    reachable.chmod(0o777)
    proof = reachable / "ran"
    source, as_superuser = (f"{p}_{owned_url.rsplit('/', 1)[1]}" for p in ("h", "s"))
    for name in (source, as_superuser):
        pg_server.create_database(name, template="template0")
    try:
        execute(pg_server.url_for(source), f"""
            CREATE FUNCTION public.evil(x int) RETURNS int LANGUAGE plpgsql AS $$
            BEGIN
              IF current_database() <> '{source}' THEN
                EXECUTE 'COPY (SELECT 1) TO PROGRAM ''cat >/dev/null; touch {proof}''';
              END IF;
              RETURN x;
            END $$;
            CREATE TABLE public.victim (x int CHECK (public.evil(x) = x));
            INSERT INTO public.victim VALUES (1);
        """)
        monkeypatch.setenv("DBKIT_BACKUP_DIR", str(tmp_path / "dumps"))
        hostile = backup.take(target(pg_server.url_for(source)), "hostile", 18)
        restore(target(pg_server.url_for(as_superuser)), hostile, Questioner(), foreign_ok=True)
        assert proof.exists(), "the dump is not hostile: the superuser restore ran nothing"
        proof.unlink()

        populated(owned_url, "dev")
        before = state(owned_url)
        with pytest.raises(BackupFailed) as failed:
            restore(target(owned_url), hostile, Questioner(), foreign_ok=True)
        assert str(failed.value).startswith("restore failed, nothing was changed: ")
        assert str(failed.value).endswith(
            "ERROR:  permission denied to COPY to or from an external program")
        assert not proof.exists()
        assert state(owned_url) == before
    finally:
        for name in (source, as_superuser):
            pg_server.drop_database(name)
        shutil.rmtree(reachable, ignore_errors=True)


def test_restore_does_not_import_the_migration_guard():
    """backup <-> guard was an import cycle: backup must not need guard."""
    code = ("import sys, dbkit.backup, dbkit.backup.restore, dbkit.cli.backup; "
            "sys.exit('dbkit.migrate.guard' in sys.modules)")
    assert subprocess.run([sys.executable, "-c", code], cwd=PROJECT_ROOT).returncode == 0


def test_the_embedded_wheel_has_psql_beside_pg_restore():
    assert Path(server.program("pg_restore")).with_name("psql").is_file()


@pytest.mark.parametrize("damage", ["not a dump", "cut in half"])
def test_a_broken_dump_changes_nothing(owned_url, dump, damage, tmp_path):
    """pg_restore fails (at once, or half-way through the data): no COMMIT is sent, so psql's
    transaction, which had already dropped everything, rolls back."""
    broken = tmp_path / "broken.dump"
    data = dump.read_bytes()
    broken.write_bytes(b"hello\n" * 100 if damage == "not a dump" else data[:len(data) * 2 // 3])
    execute(owned_url, "DROP TABLE people, dbkit_environment, alembic_version; "
                       "DROP SCHEMA archive CASCADE")
    populated(owned_url, "dev")
    before = state(owned_url)

    with pytest.raises(BackupFailed) as failed:
        restore(target(owned_url), broken, Questioner(), foreign_ok=True)

    assert str(failed.value).startswith("restore failed, nothing was changed: pg_restore: error: ")
    assert state(owned_url) == before
