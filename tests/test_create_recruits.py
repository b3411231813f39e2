"""The four seeding scripts, run as a learner runs them, against a real database at head."""

from __future__ import annotations

import pytest
import sqlalchemy as sa
from support.commands import alembic, run

SCRIPTS = [("create_recruits.py", "C25 Data Eng", 10), ("create_c26_recruits.py", "C26 Data Eng", 5),
           ("create_c27_recruits.py", "C27 Data Eng", 5), ("create_c28_recruits.py", "C28 Data Eng", 5)]


def per_cohort(engine: sa.Engine) -> dict[str, int]:
    with engine.connect() as connection:
        return dict(connection.execute(sa.text(
            "SELECT c.name, count(r.id) FROM cohorts c LEFT JOIN recruits r ON r.cohort_id = c.id "
            "GROUP BY c.name")).all())


def recruit_count(engine: sa.Engine) -> int:
    with engine.connect() as connection:
        return connection.execute(sa.text("SELECT count(*) FROM recruits")).scalar()


@pytest.fixture
def at_head(database_url: str) -> str:
    alembic("upgrade", "head", url=database_url)
    return database_url


def test_every_script_seeds_its_cohort_and_a_second_run_adds_nothing(at_head, engine):
    for script, cohort, default_count in SCRIPTS:
        first = run(script, "--seed", "7", url=at_head)
        assert first.returncode == 0, first.stderr
        assert f"Wrote {default_count} new recruits to {cohort} (seed 7); 0 were already there." \
            in first.stdout

        again = run(script, "--seed", "7", url=at_head)
        assert again.returncode == 0, again.stderr
        assert f"Wrote 0 new recruits to {cohort} (seed 7); {default_count} were already there." \
            in again.stdout

    assert per_cohort(engine) == {cohort: count for _, cohort, count in SCRIPTS}


def test_a_new_seed_adds_new_people_without_email_collisions(at_head, engine):
    for seed in ("1", "2"):
        assert run("create_c26_recruits.py", "--seed", seed, "--count", "50", url=at_head).returncode == 0

    with engine.connect() as connection:
        emails = connection.execute(sa.text("SELECT personal_email_address FROM recruits")).scalars().all()
    assert len(emails) == len(set(emails)) == 100


def test_without_a_seed_the_run_prints_the_one_it_picked(at_head):
    result = run("create_c27_recruits.py", url=at_head)
    assert result.returncode == 0, result.stderr
    assert "Wrote 5 new recruits to C27 Data Eng (seed " in result.stdout


def test_a_database_behind_head_gets_nothing_and_is_told_the_fix(database_url, engine):
    alembic("upgrade", "0005", url=database_url)

    result = run("create_c26_recruits.py", "--seed", "1", url=database_url)

    assert result.returncode == 2
    assert result.stderr.splitlines()[-1] == (
        f"error: the dev database {database_url.split('@')[1]} is at 0005 (Add cohort, with "
        "existing recruits in C25 Data Eng), not at head 0008: it lacks 0006 (Rename chatname to "
        "rocketchat_user), 0007 (Drop id_number, keeping the numbers in "
        "archive.recruit_id_numbers), 0008 (Move cohorts into a cohorts table): "
        "run `ENV=dev alembic upgrade head` first")
    assert recruit_count(engine) == 0


def test_a_database_never_migrated_gets_nothing(database_url):
    result = run("create_recruits.py", url=database_url)
    assert result.returncode == 2
    assert "is at no revision (never migrated), not at head" in result.stderr
    assert "Traceback" not in result.stderr


@pytest.mark.parametrize("count, message", [
    ("0", "must be between 1 and 10,000,000, not 0"),
    ("-3", "must be between 1 and 10,000,000, not -3"),
    ("ten", "not a whole number: 'ten'"),
    ("99999999", "must be between 1 and 10,000,000, not 99999999"),
])
def test_a_count_out_of_range_is_refused_before_anything_is_written(at_head, engine, count, message):
    result = run("create_recruits.py", "--count", count, url=at_head)

    assert result.returncode == 2
    assert f"argument --count: {message}" in result.stderr
    assert recruit_count(engine) == 0


def test_a_bad_seed_is_refused(at_head, engine):
    result = run("create_recruits.py", "--seed", "-1", url=at_head)
    assert result.returncode == 2 and "argument --seed: must be 0 or more, not -1" in result.stderr
    assert recruit_count(engine) == 0
