"""Backups (dbkit/backup/): taken before prod changes, restorable, and a failed one stops the upgrade."""

from __future__ import annotations

import stat

import pytest
import sqlalchemy as sa
from support.commands import alembic, run

from dbkit import backup
from dbkit.pg import clients, server
from dbkit.state import marker

ROWS_AT_0007 = (
    "INSERT INTO recruits (first_name, surname, rocketchat_user, github_name, "
    "personal_email_address, cohort) "
    "SELECT 'Zoë', 'O''Brien ' || n, 'zoe' || n, 'zoe-gh' || n, 'zoe+' || n || '@example.org', "
    "'C2' || (n % 4 + 5) || ' Data Eng' FROM generate_series(1, 300) AS n")


def rows(url: str, sql: str) -> list[tuple]:
    engine = sa.create_engine(url)
    try:
        with engine.connect() as conn:
            return [tuple(r) for r in conn.execute(sa.text(sql))]
    finally:
        engine.dispose()


def execute(url: str, sql: str) -> None:
    engine = sa.create_engine(url)
    try:
        with engine.begin() as conn:
            conn.execute(sa.text(sql))
    finally:
        engine.dispose()


@pytest.mark.slow
def test_a_backup_taken_before_a_prod_upgrade_restores_every_row(database_url, pg_server,
                                                                  tmp_path):
    prod = {"ENV": "prod", "DBKIT_BACKUP_DIR": str(tmp_path)}
    assert run("alembic", "-x", "backup=off", "upgrade", "0007", env=prod,
               url=database_url).returncode == 0
    execute(database_url, ROWS_AT_0007 + "; INSERT INTO archive.recruit_id_numbers "
                          "(recruit_id, id_number) VALUES (1, '9001015009087')")
    before = rows(database_url, "SELECT * FROM recruits ORDER BY id")

    upgraded = run("alembic", "upgrade", "head", env=prod, url=database_url)
    assert upgraded.returncode == 0, upgraded.stderr
    [taken] = backup.listing(tmp_path)
    assert (taken.env, taken.what) == ("prod", "0007-to-0008")
    assert stat.S_IMODE(taken.path.stat().st_mode) == 0o600
    listed = run("-m", "dbkit", "backups", env=prod)
    assert taken.path.name in listed.stdout and "0007-to-0008" in listed.stdout

    fresh = pg_server.url_for(f"{database_url.rsplit('/', 1)[1]}_restored")
    pg_server.create_database(fresh.rsplit("/", 1)[1], template="template0")
    try:
        restored = run("-m", "dbkit", "restore", str(taken.path), env={"ENV": "dev"}, url=fresh)
        assert restored.returncode == 0, restored.stderr
        assert "now at 0007" in restored.stdout
        assert rows(fresh, "SELECT * FROM recruits ORDER BY id") == before
        assert rows(fresh, "SELECT recruit_id, id_number FROM archive.recruit_id_numbers") == \
            [(1, "9001015009087")]
        assert rows(fresh, "SELECT version_num FROM alembic_version") == [("0007",)]
        # The copy belongs to dev now: dev migrations may run on it.
        assert rows(fresh, f"SELECT env FROM {marker.MARKER_TABLE}") == [("dev",)]

        # Restoring into prod needs the name typed, or --yes-i-mean-prod: nothing changes.
        refused = run("-m", "dbkit", "restore", str(taken.path), env=prod, url=database_url,
                      input="")
        assert refused.returncode == 2
        assert refused.stderr.strip().splitlines()[-1].endswith(
            "replaces all its data: run it in a terminal to confirm, or pass --yes-i-mean-prod")
        assert rows(database_url, "SELECT version_num FROM alembic_version") == [("0008",)]
        for result in (upgraded, listed, restored, refused):
            assert pg_server.password not in result.stdout + result.stderr
    finally:
        pg_server.drop_database(fresh.rsplit("/", 1)[1])


@pytest.fixture
def pg_dump_out_of_space(tmp_path) -> str:
    """The real pg_dump, with a file size limit of 1 kB: its writes fail, as on a full disk."""
    script = tmp_path / "pg_dump"
    script.write_text(f"#!/bin/sh\ntrap '' XFSZ\nulimit -f 2\n"
                      f'exec {server.program("pg_dump")} "$@"\n')
    script.chmod(0o755)
    return str(script)


@pytest.mark.parametrize("fault", ["missing", "out of space"])
def test_a_failed_backup_stops_the_prod_upgrade(fault, use_database, engine, monkeypatch,
                                                tmp_path, pg_dump_out_of_space, capfd, pg_server):
    monkeypatch.setenv("ENV", "prod")
    monkeypatch.setenv("DBKIT_BACKUP_DIR", str(tmp_path / "backups"))
    alembic("-x", "backup=off", "upgrade", "0007")
    execute(use_database, ROWS_AT_0007)
    monkeypatch.setenv("DBKIT_PG_DUMP", str(tmp_path / "no" / "pg_dump") if fault == "missing"
                       else pg_dump_out_of_space)

    with pytest.raises(SystemExit) as stopped:
        alembic("upgrade", "head")

    message = str(stopped.value.code)
    assert message.startswith("error: backup failed, nothing was changed: ")
    if fault == "missing":
        assert message.endswith(f"cannot run {tmp_path}/no/pg_dump: No such file or directory")
    else:
        assert message.endswith("File too large")
    assert rows(use_database, "SELECT version_num FROM alembic_version") == [("0007",)]
    assert rows(use_database, "SELECT count(*) FROM recruits") == [(300,)]
    assert list((tmp_path / "backups").iterdir()) == []  # no half-written file left
    pg_server_output = "".join(capfd.readouterr())
    assert pg_server.password not in message + pg_server_output


def test_pg_dump_on_path_is_used_only_when_new_enough(tmp_path, monkeypatch):
    for major in (9, 99):
        fake = tmp_path / str(major) / "pg_dump"
        fake.parent.mkdir()
        fake.write_text(f"#!/bin/sh\necho 'pg_dump (PostgreSQL) {major}.1 (Debian)'\n")
        fake.chmod(0o755)
    monkeypatch.delenv("DBKIT_PG_DUMP", raising=False)

    monkeypatch.setenv("PATH", str(tmp_path / "9"))
    assert clients.program("pg_dump", 18) == server.program("pg_dump")
    monkeypatch.setenv("PATH", str(tmp_path / "99"))
    assert clients.program("pg_dump", 18) == str(tmp_path / "99" / "pg_dump")
    monkeypatch.setenv("DBKIT_PG_DUMP", "/opt/pg/bin/pg_dump")
    assert clients.program("pg_dump", 18) == "/opt/pg/bin/pg_dump"


def test_restore_of_a_file_that_is_not_there_is_refused(use_database, tmp_path, capsys):
    from dbkit.cli import main

    assert main(["restore", str(tmp_path / "nope.dump")]) == 2
    assert capsys.readouterr().err.strip() == \
        f"error: {tmp_path}/nope.dump is not a file: `python -m dbkit backups` lists them"


def test_no_client_program_gets_the_password_on_its_command_line(owned_url, owner_role, tmp_path):
    """pg_dump, pg_restore and psql, wrapped: what `ps` would show never holds the password."""
    log = tmp_path / "argv.log"
    environ = {"ENV": "dev", "DBKIT_BACKUP_DIR": str(tmp_path / "backups")}
    for name in ("pg_dump", "pg_restore", "psql"):
        wrapper = tmp_path / name
        wrapper.write_text(
            "#!/bin/sh\n"
            f"tr '\\0' ' ' < /proc/$$/cmdline >> {log}; echo >> {log}\n"
            f'[ -n "$PGPASSWORD" ] && echo "{name} has PGPASSWORD" >> {log}\n'
            f'exec {server.program(name)} "$@"\n')
        wrapper.chmod(0o755)
        environ[f"DBKIT_{name.upper()}"] = str(wrapper)
    execute(owned_url, "CREATE TABLE t (x int); INSERT INTO t VALUES (42)")

    taken = run("-m", "dbkit", "backup", env=environ, url=owned_url)
    assert taken.returncode == 0, taken.stderr
    [dump] = backup.listing(tmp_path / "backups")
    restored = run("-m", "dbkit", "restore", str(dump.path), "--foreign-dump", env=environ,
                   url=owned_url)
    assert restored.returncode == 0, restored.stderr
    shell = run("-m", "dbkit", "psql", "dev", "-c", "SELECT x FROM t", env=environ, url=owned_url)
    assert shell.returncode == 0 and "42" in shell.stdout, shell.stderr

    seen = log.read_text()
    password = owner_role[1]
    for name in ("pg_dump", "pg_restore", "psql"):
        assert f"{name} has PGPASSWORD" in seen
    assert "--username" in seen and owner_role[0] in seen  # the log does hold the command lines
    from urllib.parse import quote

    for form in (password, quote(password), quote(password, safe="")):
        for output in (seen, taken.stdout + taken.stderr, restored.stdout + restored.stderr,
                       shell.stdout + shell.stderr):
            assert form not in output
