"""The drift check before an upgrade without a scratch database, when the schema is one
recorded for its revision (``dbkit.drift.known``): what is recorded, when the scratch
database is skipped, and that any hand-made change still goes through the full check."""

from __future__ import annotations

import json
import shutil
import uuid
from pathlib import Path

import pytest
import sqlalchemy as sa
from support.commands import PROJECT_ROOT, run
from support.sql import execute, mark, scalar

from dbkit.drift import known

COULD_NOT_CHECK = "could not check for drift before upgrading"


def chain_copy(folder: Path) -> Path:
    """This repository's chain in ``folder`` (its own record of expected schemas); its ini."""
    shutil.copytree(PROJECT_ROOT / "migrations", folder / "migrations",
                    ignore=shutil.ignore_patterns("__pycache__"))
    shutil.copy(PROJECT_ROOT / "alembic.ini", folder / "alembic.ini")
    return folder / "alembic.ini"


def record_of(ini: Path) -> dict:
    path = ini.parent / known.RECORD
    return json.loads(path.read_text()) if path.exists() else {}


def fingerprint(url: str) -> str:
    engine = sa.create_engine(url)
    try:
        with engine.connect() as connection:
            return known.fingerprint(connection)
    finally:
        engine.dispose()


@pytest.fixture
def fresh_database(pg_server):
    made = []

    def make() -> str:
        name = f"k_{uuid.uuid4().hex[:12]}"
        pg_server.create_database(name, template="template0")
        made.append(name)
        return pg_server.url_for(name)
    yield make
    for name in made:
        pg_server.drop_database(name)


TABLE = ("CREATE TABLE people (id serial PRIMARY KEY, name varchar(50) NOT NULL DEFAULT 'x', "
         "email text UNIQUE)")


@pytest.mark.parametrize("change", [
    "ALTER TABLE people ADD COLUMN nickname text",
    "ALTER TABLE people ALTER COLUMN name DROP NOT NULL",
    "ALTER TABLE people ALTER COLUMN name SET DEFAULT 'y'",
    "ALTER TABLE people ALTER COLUMN name TYPE varchar(60)",
    "ALTER TABLE people RENAME COLUMN email TO mail",
    "CREATE INDEX ix_people_name ON people (name)",
    "ALTER TABLE people ADD CONSTRAINT ck_people_name CHECK (name <> '')",
    "ALTER TABLE people DROP CONSTRAINT people_email_key",
    "COMMENT ON COLUMN people.name IS 'the name'",
    "COMMENT ON TABLE people IS 'people'",
    "CREATE TABLE other (id int)",
    "CREATE SCHEMA archive",
    "CREATE VIEW names AS SELECT name FROM people",
    "CREATE TYPE mood AS ENUM ('ok')",
    "ALTER SEQUENCE people_id_seq INCREMENT BY 2",
])
def test_the_same_schema_has_the_same_fingerprint_and_any_hand_made_change_another(
        fresh_database, change):
    first, second = fresh_database(), fresh_database()
    for url in (first, second):
        execute(url, TABLE, "INSERT INTO people (name) VALUES ('a'), ('b')")
    execute(second, "INSERT INTO people (name) VALUES ('rows are not the schema')")
    assert fingerprint(first) == fingerprint(second)

    execute(second, change)
    assert fingerprint(first) != fingerprint(second)


def test_dbkits_own_tables_are_not_part_of_the_fingerprint(fresh_database):
    url = fresh_database()
    execute(url, TABLE)
    before = fingerprint(url)
    execute(url, "CREATE TABLE dbkit_environment (only_row boolean PRIMARY KEY)",
            "CREATE TABLE dbkit_migration_progress (only_row boolean PRIMARY KEY)")
    assert fingerprint(url) == before


@pytest.mark.slow
def test_an_upgrade_from_an_empty_database_records_what_it_made_and_the_next_needs_no_scratch(
        tmp_path, owned_url, fresh_database):
    # The role owns its database and nothing more: it cannot make a scratch database, so a
    # drift check that needs one says it could not check.
    ini = chain_copy(tmp_path / "chain")
    first = run("alembic", "-c", str(ini), "upgrade", "0003", url=owned_url)
    assert first.returncode == 0, first.stderr
    recorded = record_of(ini)
    assert len(recorded) == 1  # the schema 0003 makes, from an empty database
    # It is exactly what a scratch build of 0003 makes (a superuser's database, full check).
    other = fresh_database()
    assert run("alembic", "-c", str(ini), "upgrade", "0003", url=other).returncode == 0
    assert fingerprint(other) == fingerprint(owned_url) == next(iter(recorded.values()))

    second = run("alembic", "-c", str(ini), "upgrade", "head", url=owned_url)
    assert second.returncode == 0, second.stderr
    assert COULD_NOT_CHECK not in second.stderr  # no scratch database was needed
    assert scalar(owned_url, "SELECT version_num FROM alembic_version") == "0008"


def test_without_a_record_the_check_needs_its_scratch_database(tmp_path, owned_url):
    ini = chain_copy(tmp_path / "chain")
    assert run("alembic", "-c", str(ini), "upgrade", "0003", url=owned_url).returncode == 0
    (ini.parent / known.RECORD).unlink()

    result = run("alembic", "-c", str(ini), "upgrade", "head", url=owned_url)
    assert result.returncode == 0, result.stderr
    assert COULD_NOT_CHECK in result.stderr  # the full check, which this role cannot make
    assert record_of(ini) == {}


@pytest.mark.slow
def test_a_hand_made_change_on_a_recorded_revision_still_stops_a_prod_upgrade(
        tmp_path, fresh_database):
    ini = chain_copy(tmp_path / "chain")
    url = fresh_database()
    assert run("alembic", "-c", str(ini), "upgrade", "0003", url=url).returncode == 0
    assert len(record_of(ini)) == 1
    execute(url, "ALTER TABLE recruits ADD COLUMN nickname TEXT")
    mark(url, "prod")

    refused = run("alembic", "-c", str(ini), "upgrade", "head", url=url, env={"ENV": "prod"})
    assert refused.returncode == 1, refused.stderr
    assert "refusing to upgrade" in refused.stderr
    assert "recruits.nickname" in refused.stderr
    assert "Traceback" not in refused.stderr
    assert scalar(url, "SELECT version_num FROM alembic_version") == "0003"


def test_an_edited_revision_makes_its_record_stale(tmp_path, owned_url):
    ini = chain_copy(tmp_path / "chain")
    assert run("alembic", "-c", str(ini), "upgrade", "0003", url=owned_url).returncode == 0
    revision = next((ini.parent / "migrations" / "versions").glob("0002_*.py"))
    revision.write_text(revision.read_text() + "\n# edited after it ran\n")

    result = run("alembic", "-c", str(ini), "upgrade", "head", url=owned_url)
    assert result.returncode == 0, result.stderr
    assert COULD_NOT_CHECK in result.stderr  # the record is for the chain as it was


def test_an_upgrade_from_a_database_with_something_in_it_records_nothing(tmp_path, fresh_database):
    ini = chain_copy(tmp_path / "chain")
    url = fresh_database()
    execute(url, "CREATE TABLE made_before (x int)")  # not what the chain makes

    result = run("alembic", "-c", str(ini), "upgrade", "0003", url=url)
    assert result.returncode == 0, result.stderr
    assert record_of(ini) == {}


def test_a_record_that_is_not_json_is_as_if_empty_and_is_written_anew(tmp_path, owned_url):
    ini = chain_copy(tmp_path / "chain")
    (ini.parent / ".dbkit").mkdir()
    (ini.parent / known.RECORD).write_text("{not json")

    first = run("alembic", "-c", str(ini), "upgrade", "0003", url=owned_url)
    assert first.returncode == 0, first.stderr
    assert "Traceback" not in first.stderr
    assert len(record_of(ini)) == 1
