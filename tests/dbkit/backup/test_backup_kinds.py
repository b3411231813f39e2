"""The rehearsal of prod has backups of its own, and `restore --latest` works with any number.

The rehearsal (``python -m dbkit step``'s ``<prod>_rehearsal``, commented
``dbkit:rehearsal``) runs as ``ENV=prod`` on the prod server; its backups must
never count toward prod's newest N, nor ever delete a prod backup.
"""

from __future__ import annotations

import pytest
import sqlalchemy as sa
from support.commands import run
from support.sql import execute, rows

from dbkit import backup
from dbkit.pg import admin
from dbkit.state import marker


def comment(pg_server, url: str, text: str) -> None:
    with admin.admin_connection(pg_server.admin_url()) as connection:
        admin.comment_on_database(connection, sa.make_url(url).database, text)


@pytest.mark.slow
def test_rehearsal_backups_are_named_and_pruned_apart_from_prods(owned_url, pg_server, tmp_path):
    # Ten prod backups already there, older than anything taken now.
    prods = [tmp_path / f"prod-202601{day:02d}T000000Z-at-0008.dump" for day in range(1, 11)]
    for path in prods:
        path.write_bytes(b"PGDMP not really")
    execute(owned_url, "CREATE TABLE t (x int)", "INSERT INTO t VALUES (1)")
    engine = sa.create_engine(owned_url)
    with engine.begin() as connection:
        marker.write_marker(connection, "prod")
    engine.dispose()
    comment(pg_server, owned_url, admin.REHEARSAL_MARK + " of prod for python -m dbkit step")
    prod_env = {"ENV": "prod", "DBKIT_BACKUP_DIR": str(tmp_path)}

    for _ in range(3):
        taken = run("-m", "dbkit", "backup", "--keep", "2", env=prod_env, url=owned_url)
        assert taken.returncode == 0, taken.stderr
        assert "/rehearsal-" in taken.stdout

    found = backup.listing(tmp_path)
    assert sorted(b.path for b in found if b.env == "prod") == sorted(prods)  # none touched
    assert [b.env for b in found].count("rehearsal") == 2  # pruned among themselves
    listed = run("-m", "dbkit", "backups", env=prod_env)
    assert [line.split()[0] for line in listed.stdout.splitlines()[1:]].count("rehearsal") == 2

    # A database without the mark is prod: its backup counts with prod's, and no rehearsal
    # backup goes.
    comment(pg_server, owned_url, "someone else's database")
    taken = run("-m", "dbkit", "backup", "--keep", "10", env=prod_env, url=owned_url)
    assert taken.returncode == 0, taken.stderr
    after = backup.listing(tmp_path)
    assert [b.env for b in after].count("rehearsal") == 2
    assert [b.env for b in after].count("prod") == 10
    assert prods[0] not in [b.path for b in after]  # the oldest prod one made room


@pytest.mark.slow
def test_restore_latest_takes_the_newest_of_three_backups(owned_url, tmp_path):
    environ = {"ENV": "dev", "DBKIT_BACKUP_DIR": str(tmp_path)}
    execute(owned_url, "CREATE TABLE t (x int)")
    for value in (1, 2, 3):
        execute(owned_url, f"INSERT INTO t VALUES ({value})")
        taken = run("-m", "dbkit", "backup", env=environ, url=owned_url)
        assert taken.returncode == 0, taken.stderr
    assert len(backup.listing(tmp_path)) == 3
    execute(owned_url, "DELETE FROM t")

    # A table of its own, no alembic_version: not a dump of the chain (guardrails' rule).
    restored = run("-m", "dbkit", "restore", "--latest", "dev", "--foreign-dump", env=environ,
                   url=owned_url)

    assert restored.returncode == 0, restored.stderr
    assert rows(owned_url, "SELECT x FROM t ORDER BY x") == [(1,), (2,), (3,)]
    newest = backup.listing(tmp_path)[-1]
    assert f"Restored {newest.path.name} into the dev database" in restored.stdout


def test_restore_latest_of_a_kind_with_no_backup_is_one_line(owned_url, tmp_path):
    execute(owned_url, "CREATE TABLE t (x int)", "INSERT INTO t VALUES (7)")
    restored = run("-m", "dbkit", "restore", "--latest", "prod",
                   env={"ENV": "dev", "DBKIT_BACKUP_DIR": str(tmp_path)}, url=owned_url)
    assert restored.returncode == 2
    assert restored.stderr.strip().splitlines()[-1] == (
        f"error: no prod backup in {tmp_path}: `python -m dbkit backups` lists what there is")
    assert "Traceback" not in restored.stderr
    assert rows(owned_url, "SELECT x FROM t") == [(7,)]
