"""The shared seeding code: reproducible people, intact names, one COPY."""

from __future__ import annotations

import sqlalchemy as sa
from support.commands import alembic

from dbkit.exercise.seeding import Person, ascii_slug, generate, insert_recruits


def test_same_seed_same_people_at_any_count():
    five = generate("C26 Data Eng", 42, 5)
    assert generate("C26 Data Eng", 42, 500)[:5] == five
    assert generate("C26 Data Eng", 43, 5) != five
    assert generate("C27 Data Eng", 42, 5) != five


def test_emails_are_unique_and_on_reserved_domains():
    people = generate("C25 Data Eng", 1, 2000)
    emails = [p.personal_email_address for p in people]
    assert len(set(emails)) == len(emails)
    assert all(e.rsplit("@", 1)[1] in ("example.org", "example.com", "example.net") for e in emails)
    assert all(e.isascii() for e in emails)


def test_ascii_slug_folds_accents_and_apostrophes():
    assert ascii_slug("Zoë O'Brien") == "zoeobrien"
    assert ascii_slug("Ñandú") == "nandu"
    assert ascii_slug("’") == "recruit"


def test_names_are_stored_exactly_as_given(database_url, engine):
    alembic("upgrade", "head", url=database_url)
    people = [
        Person("Zoë", "O'Brien", "zoe.obrien", "zoe-ob", "zoe@example.org"),
        Person("Nomvula", "Ngcobo-Mthembu", "nomvula", "nngcobo", "nomvula@example.org"),
        Person("José, Jr.", 'van "the" Berg', "jose\tjr", "jose-jr", "jose@example.org"),
    ]
    with engine.begin() as connection:
        written = insert_recruits(connection, "C25 Data Eng", people)

    assert written == 3
    with engine.connect() as connection:
        stored = connection.execute(sa.text(
            "SELECT first_name, surname, rocketchat_user, github_name, personal_email_address "
            "FROM recruits ORDER BY id")).all()
    assert [Person(*row) for row in stored] == people


def test_making_people_tells_its_progress_to_the_callback_it_is_handed(monkeypatch):
    from dbkit.exercise import seeding

    monkeypatch.setattr(seeding, "PROGRESS_FROM", 5)
    told: list[int] = []
    made = list(seeding.generate_with_progress("C26 Data Eng", 3, 12, told.append))
    assert len(made) == 12 and told == [5, 10, 12]
    assert list(seeding.generate_with_progress("C26 Data Eng", 3, 12)) == made  # no callback
