"""The seeding guards' verdict on a schema already seen (``dbkit.drift.known``): a second run
on the same schema, stamp and files skips Alembic; any change takes the full guards again."""

from __future__ import annotations

import pytest
import sqlalchemy as sa
from support.commands import alembic, run
from support.sql import execute, scalar


@pytest.fixture
def seeded_once(database_url: str) -> str:
    """A database at head that one seeding run (the full guards, or their record) passed."""
    alembic("upgrade", "head", url=database_url)
    first = run("create_recruits.py", "--seed", "1", "--count", "5", url=database_url)
    assert first.returncode == 0, first.stderr
    return database_url


def alembic_imported(result) -> bool:
    """Whether a run under ``-X importtime`` imported Alembic (its guards read the chain)."""
    return any(line.rstrip().endswith((" alembic", " alembic.script"))
               for line in result.stderr.splitlines())


def test_a_schema_that_passed_the_guards_passes_them_again_without_alembic(seeded_once):
    again = run("-X", "importtime", "create_recruits.py", "--seed", "2", "--count", "5",
                url=seeded_once)
    assert again.returncode == 0, again.stderr
    assert "Wrote 5 new recruits to C25 Data Eng (seed 2)" in again.stdout
    assert not alembic_imported(again)
    assert scalar(seeded_once, "SELECT count(*) FROM recruits") == 10


def test_a_hand_made_change_since_takes_the_full_guards_and_writes_nothing(seeded_once):
    execute(seeded_once, "ALTER TABLE recruits RENAME COLUMN rocketchat_user TO chatname")

    result = run("-X", "importtime", "create_recruits.py", "--seed", "2", "--count", "5",
                 url=seeded_once)
    assert result.returncode == 2
    assert alembic_imported(result)
    assert "probable hand-made rename of rocketchat_user to chatname" in result.stderr
    assert "Traceback" not in result.stderr
    assert scalar(seeded_once, "SELECT count(*) FROM recruits") == 5


def test_another_stamp_on_the_same_schema_takes_the_full_guards(seeded_once):
    execute(seeded_once, "UPDATE alembic_version SET version_num = '0007'")

    result = run("create_recruits.py", "--seed", "2", "--count", "5", url=seeded_once)
    assert result.returncode == 2
    assert "is at 0007 (Drop id_number, keeping the numbers in archive.recruit_id_numbers), " \
           "not at head 0008" in result.stderr
    assert scalar(seeded_once, "SELECT count(*) FROM recruits") == 5


def test_the_same_people_come_with_or_without_the_full_guards(database_url, pg_server):
    """Run the same seed on two databases, the second surely through the record: same rows."""
    alembic("upgrade", "head", url=database_url)
    other = database_url.rsplit("/", 1)[0] + "/" + database_url.rsplit("/", 1)[1] + "_b"
    pg_server.create_database(other.rsplit("/", 1)[1], template="template0")
    try:
        alembic("upgrade", "head", url=other)
        for url in (database_url, other):
            result = run("create_recruits.py", "--seed", "9", "--count", "300", url=url)
            assert result.returncode == 0, result.stderr
        rows = []
        for url in (database_url, other):
            engine = sa.create_engine(url)
            with engine.connect() as connection:
                rows.append(connection.execute(sa.text(
                    "SELECT first_name, surname, rocketchat_user, github_name, "
                    "personal_email_address FROM recruits ORDER BY id")).all())
            engine.dispose()
        assert len(rows[0]) == 300 and rows[0] == rows[1]
    finally:
        pg_server.drop_database(other.rsplit("/", 1)[1])
