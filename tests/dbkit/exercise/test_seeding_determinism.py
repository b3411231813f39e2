"""Same --seed, same people, at any --count: a bigger run only adds people after the first."""

import sqlalchemy as sa
from support.commands import alembic, run

from dbkit.cli import seed as seed_cli
from dbkit.exercise import seeding


def test_the_first_people_of_a_big_run_are_the_people_of_a_small_run():
    small = seeding.generate("C25 Data Eng", 7, 5)
    big = seeding.generate("C25 Data Eng", 7, 20_000)

    assert big[:5] == small
    assert len({p.personal_email_address for p in big}) == 20_000


def test_another_seed_or_cohort_gives_other_people():
    people = seeding.generate("C25 Data Eng", 7, 50)

    assert seeding.generate("C25 Data Eng", 8, 50) != people
    assert not ({p.personal_email_address for p in seeding.generate("C26 Data Eng", 7, 50)}
                & {p.personal_email_address for p in people})


def test_a_bigger_run_with_the_same_seed_adds_only_the_new_people(database_url, engine):
    alembic("upgrade", "head", url=database_url)
    first = run("create_recruits.py", "--count", "5", "--seed", "3", url=database_url)
    second = run("create_recruits.py", "--count", "12000", "--seed", "3", url=database_url)

    assert first.returncode == 0, first.stderr
    assert second.returncode == 0, second.stderr
    assert "Wrote 11995 new recruits" in second.stdout
    with engine.connect() as connection:
        stored = connection.execute(sa.text(
            "SELECT first_name, surname, rocketchat_user, github_name, personal_email_address "
            "FROM recruits ORDER BY id")).all()
    assert [tuple(row) for row in stored] == [
        (p.first_name, p.surname, p.rocketchat_user, p.github_name, p.personal_email_address)
        for p in seeding.generate("C25 Data Eng", 3, 12_000)]


def test_people_written_by_another_run_meanwhile_stop_the_run_and_nothing_is_written(
        use_database, engine, monkeypatch, capsys):
    alembic("upgrade", "head")
    assert seed_cli.main_for("C25 Data Eng", 10, ["--count", "5", "--seed", "3"]) == 0
    # As if another run had stored them after this one looked for them.
    monkeypatch.setattr(seeding, "addresses_stored", lambda *args: set())

    exit_code = seed_cli.main_for("C25 Data Eng", 10, ["--count", "8", "--seed", "3"])

    assert exit_code == 2
    assert "another run added some of the same recruits meanwhile" in capsys.readouterr().err
    with engine.connect() as connection:
        assert connection.execute(sa.text("SELECT count(*) FROM recruits")).scalar_one() == 5
