"""Retention never deletes the backup taken before the first attempt of a prod upgrade that has
not finished: retries each take a backup, and the one before it all is the one that matters."""

from __future__ import annotations

import pytest
import sqlalchemy as sa
from support.commands import run
from support.sql import execute, rows

from dbkit import backup

ROWS_AT_0007 = (
    "INSERT INTO recruits (first_name, surname, rocketchat_user, github_name, "
    "personal_email_address, cohort) "
    "SELECT 'Zoë', 'O''Brien ' || n, 'zoe' || n, 'zoe-gh' || n, 'zoe+' || n || '@example.org', "
    "'C2' || (mod(n, 4) + 5) || ' Data Eng' FROM generate_series(1, 30) AS n")


@pytest.mark.slow
def test_the_backup_before_the_first_attempt_outlives_the_retries(database_url, tmp_path):
    prod = {"ENV": "prod", "DBKIT_BACKUP_DIR": str(tmp_path), "DBKIT_BACKUP_KEEP": "2"}
    assert run("alembic", "-x", "backup=off", "upgrade", "0007", env=prod,
               url=database_url).returncode == 0
    execute(database_url, ROWS_AT_0007)
    engine = sa.create_engine(database_url)
    with engine.connect() as holder:  # 0008 cannot have recruits: each attempt gives up
        holder.execute(sa.text("LOCK TABLE recruits IN ACCESS SHARE MODE"))
        # one try of each brief exclusive lock: the retries of those are test_brief_locks.py's
        attempts = [run("alembic", "-x", "lock_timeout=200ms", "-x", "lock_retries=0",
                        "-x", "exclusive_lock_tries=1",
                        "upgrade", "head", env=prod, url=database_url) for _ in range(4)]
        holder.rollback()
    engine.dispose()
    assert all(a.returncode != 0 for a in attempts), attempts[0].stderr
    names = [b.path for b in backup.listing(tmp_path)]
    first = [names[0].name]

    # 4 tries, keep 2: the newest 2 (the one just taken and one more), and the first, pinned.
    assert len(names) == 3
    assert backup.pinned(tmp_path) == {names[0]}
    assert names[0].name.endswith("-0007-to-0008.dump")

    done = run("alembic", "upgrade", "head", env=prod, url=database_url)
    assert done.returncode == 0, done.stderr
    assert rows(database_url, "SELECT version_num FROM alembic_version") == [("0008",)]
    assert backup.pinned(tmp_path) == set()  # the run completed: an ordinary backup again
    assert first[0] in [b.path.name for b in backup.listing(tmp_path)]
    again = run("-m", "dbkit", "backup", env=prod, url=database_url)
    assert again.returncode == 0, again.stderr
    assert first[0] not in [b.path.name for b in backup.listing(tmp_path)]  # pruned in turn


def fake_backups(folder, names: list[str]) -> list:
    folder.mkdir(parents=True, exist_ok=True)
    for name in names:
        (folder / name).write_bytes(b"not really a dump")
    return [folder / name for name in names]


def test_pruning_one_environment_never_touches_the_other(tmp_path):
    """(make mutate) `b.env >= env` would prune prod's backups while pruning dev's."""
    folder = tmp_path / "backups"
    prod = fake_backups(folder, [f"prod-20260101T00000{i}Z-at-0008.dump" for i in range(3)])
    dev = fake_backups(folder, [f"dev-20260102T00000{i}Z-at-0008.dump" for i in range(3)])

    removed = backup.prune("dev", 1, spare=dev[-1], folder=folder)

    assert sorted(removed) == sorted(dev[:2])
    assert all(path.exists() for path in prod) and dev[-1].exists()


def test_keep_is_a_whole_number_from_1_to_10000():
    from dbkit.backup.files import keep_count
    from dbkit.errors import ConfigError

    assert keep_count("1", "--keep") == 1 and keep_count("10000", "--keep") == 10_000
    for bad in ("0", "10001", "-1", "ten", ""):
        try:
            keep_count(bad, "--keep")
        except ConfigError as exc:
            assert "must be a whole number from 1 to 10000" in str(exc)
        else:
            raise AssertionError(f"{bad!r} was accepted")


def test_a_partial_file_of_another_name_is_left_alone(tmp_path):
    """(make mutate) only `.<backup>.<pid>.partial` files of dead processes are ours to remove."""
    from dbkit.backup.files import remove_stale_partials

    folder = tmp_path / "backups"
    folder.mkdir()
    stray = folder / ".someone-elses.partial"
    stray.write_text("keep me")
    dead = folder / ".prod-20260101T000000Z-at-0008.dump.999999999.partial"
    dead.write_text("")

    assert remove_stale_partials(folder) == [dead]
    assert stray.exists() and not dead.exists()
