"""Prod data survives the whole chain, up and down.

Rows are written with plain SQL at the revision where they would have been
written (not with today's models, which describe only the head), then the
database goes to head and back to base one step at a time, and every value is
checked on the way. The chain runs in-process on a handed-in connection, as
the revisions run under the ``alembic`` command but without its guard rails
(which tests/dbkit/test_guard.py covers), and without a drift check per step.
"""

from __future__ import annotations

import sqlalchemy as sa
from support.chain import migrate

# Rows a learner's prod would hold, by the revision they were written at.
AT_0001 = [  # first recruits: chatname and id number, no email yet
    {"first_name": "Zoë", "surname": "O'Brien", "chatname": "zoe.ob", "github_name": "zoe-ob",
     "id_number": "9001015009087"},
    {"first_name": "Sipho", "surname": "Ndlovu", "chatname": "sipho", "github_name": "sndlovu",
     "id_number": None},
]
AT_0002 = [  # email column exists but is optional
    {"first_name": "Aoife", "surname": "Ní Bhriain", "chatname": "aoife", "github_name": "aoifenb",
     "id_number": "8507245800081", "personal_email_address": "aoife@example.org"},
    {"first_name": "Thabo", "surname": "Mokoena", "chatname": "thabo", "github_name": "tmokoena",
     "id_number": "9912315800085", "personal_email_address": None},
]
AT_0005 = [  # cohorts in use; a second cohort appears
    {"first_name": "Lerato", "surname": "Dlamini", "chatname": "lerato", "github_name": "ldlamini",
     "id_number": "0003035800089", "personal_email_address": "lerato@example.org",
     "cohort": "C26 Data Eng"},
]
AT_0006 = [  # chatname is now rocketchat_user
    {"first_name": "Pieter", "surname": "van der Merwe", "rocketchat_user": "pieter",
     "github_name": "pvdm", "id_number": "9506075800087",
     "personal_email_address": "pieter@example.org", "cohort": "C27 Data Eng"},
]
AT_0007 = [  # id_number is gone
    {"first_name": "Naledi", "surname": "Khumalo", "rocketchat_user": "naledi",
     "github_name": "nkhumalo", "personal_email_address": "naledi@example.org",
     "cohort": "C28 Data Eng"},
]


def insert(engine: sa.Engine, rows: list[dict]) -> list[int]:
    ids = []
    with engine.begin() as connection:
        for row in rows:
            columns = ", ".join(row)
            values = ", ".join(f":{c}" for c in row)
            ids.append(connection.execute(
                sa.text(f"INSERT INTO recruits ({columns}) VALUES ({values}) RETURNING id"),
                row).scalar_one())
    return ids


def recruits(engine: sa.Engine, columns: str) -> dict[int, dict]:
    with engine.connect() as connection:
        rows = connection.execute(sa.text(f"SELECT id, {columns} FROM recruits")).mappings()
        return {row["id"]: {k: v for k, v in row.items() if k != "id"} for row in rows}


def test_every_value_reaches_head_and_comes_back(engine):
    migrate(engine, "upgrade", "0001")
    ids_0001 = insert(engine, AT_0001)
    migrate(engine, "upgrade", "0002")
    ids_0002 = insert(engine, AT_0002)
    migrate(engine, "upgrade", "0005")
    ids_0005 = insert(engine, AT_0005)
    migrate(engine, "upgrade", "0006")
    ids_0006 = insert(engine, AT_0006)
    migrate(engine, "upgrade", "0007")
    ids_0007 = insert(engine, AT_0007)
    migrate(engine, "upgrade", "head")

    # At head: every person, with chatnames renamed, placeholders only where an email was missing,
    # and each recruit in its cohort.
    at_head = recruits(engine, "first_name, surname, rocketchat_user, github_name, "
                               "personal_email_address, "
                               "(SELECT name FROM cohorts WHERE id = cohort_id) AS cohort")
    expected = {}
    for rid, row in zip(ids_0001 + ids_0002, AT_0001 + AT_0002, strict=True):
        expected[rid] = {
            "first_name": row["first_name"], "surname": row["surname"],
            "rocketchat_user": row["chatname"], "github_name": row["github_name"],
            "personal_email_address": row.get("personal_email_address")
            or f"recruit-{rid}@placeholder.invalid",
            "cohort": "C25 Data Eng"}
    for rid, row in zip(ids_0005 + ids_0006 + ids_0007, AT_0005 + AT_0006 + AT_0007, strict=True):
        expected[rid] = {
            "first_name": row["first_name"], "surname": row["surname"],
            "rocketchat_user": row.get("rocketchat_user") or row.get("chatname"),
            "github_name": row["github_name"],
            "personal_email_address": row["personal_email_address"], "cohort": row["cohort"]}
    assert at_head == expected

    with engine.connect() as connection:
        archived = dict(connection.execute(
            sa.text("SELECT recruit_id, id_number FROM archive.recruit_id_numbers")).all())
    with_numbers = [(rid, row["id_number"]) for rid, row in
                    zip(ids_0001 + ids_0002 + ids_0005 + ids_0006, AT_0001 + AT_0002 + AT_0005 + AT_0006,
                        strict=True)]
    assert archived == {rid: number for rid, number in with_numbers if number}

    # Down to 0006: cohorts are text again, and id numbers are back from the archive.
    migrate(engine, "downgrade", "0006")
    at_0006 = recruits(engine, "cohort, id_number")
    assert {rid: row["cohort"] for rid, row in at_0006.items()} == \
        {rid: row["cohort"] for rid, row in expected.items()}
    assert {rid: row["id_number"] for rid, row in at_0006.items()} == \
        {rid: number for rid, number in with_numbers} | {ids_0007[0]: None}

    # Down to 0002: placeholders are gone again, real addresses stay.
    migrate(engine, "downgrade", "0002")
    at_0002 = recruits(engine, "chatname, personal_email_address, id_number")
    for rid, row in zip(ids_0001 + ids_0002, AT_0001 + AT_0002, strict=True):
        assert at_0002[rid] == {"chatname": row["chatname"],
                                "personal_email_address": row.get("personal_email_address"),
                                "id_number": row["id_number"]}

    # Down to 0001: the first recruits exactly as they were written.
    migrate(engine, "downgrade", "0001")
    at_0001 = recruits(engine, "first_name, surname, chatname, github_name, id_number")
    for rid, row in zip(ids_0001, AT_0001, strict=True):
        assert at_0001[rid] == row
