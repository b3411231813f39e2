"""Every downgrade keeps what it drops: head -> r -> head gives back every value, for every r.

A populated database is built once per session: rows from every cohort written
with plain SQL at the revision they belong to (real and missing e-mail
addresses, id numbers and none, C25 to C28, a cohort nobody is in yet, a
recruit deleted after its id number was archived), then cloned per test with
``CREATE DATABASE ... TEMPLATE``. Each test takes the clone down and up again
and compares every value of every table (and the sequences) with the
template, and the schema with a fresh database at the same revision.
"""

from __future__ import annotations

import uuid
from collections.abc import Iterator
from typing import Any

import pytest
import sqlalchemy as sa
from support.chain import CHAIN, kept_tables, migrate

from dbkit.pg.server import Server
from dbkit.state.marker import MARKER_TABLE

HEAD = CHAIN[-1]

# Rows by the revision they are written at, in that revision's columns.
ROWS: dict[str, list[dict[str, Any]]] = {
    "0001": [
        {"first_name": "Zoë", "surname": "O'Brien", "chatname": "zoe.ob", "github_name": "zoe-ob",
         "id_number": "9001015009087"},
        {"first_name": "Sipho", "surname": "Ndlovu", "chatname": "sipho", "github_name": "sndlovu",
         "id_number": None},
        {"first_name": "Gone", "surname": "Later", "chatname": "gone", "github_name": "gone",
         "id_number": "7707075800080"},  # deleted at head: its number stays archived
    ],
    "0002": [
        {"first_name": "Aoife", "surname": "Ní Bhriain", "chatname": "aoife",
         "github_name": "aoifenb", "id_number": "8507245800081",
         "personal_email_address": "aoife@example.org"},
        {"first_name": "Thabo", "surname": "Mokoena", "chatname": "thabo",
         "github_name": "tmokoena", "id_number": "9912315800085", "personal_email_address": None},
    ],
    "0004": [
        {"first_name": "Anele", "surname": "Zulu", "chatname": "anele", "github_name": "azulu",
         "id_number": None, "personal_email_address": "anele@example.org"},
    ],
    "0005": [
        {"first_name": "Lerato", "surname": "Dlamini", "chatname": "lerato",
         "github_name": "ldlamini", "id_number": "0003035800089",
         "personal_email_address": "lerato@example.org", "cohort": "C26 Data Eng"},
        {"first_name": "Kagiso", "surname": "Molefe", "chatname": "kagiso",
         "github_name": "kmolefe", "id_number": None,
         "personal_email_address": "kagiso@example.org", "cohort": "C26 Data Eng"},
    ],
    "0006": [
        {"first_name": "Pieter", "surname": "van der Merwe", "rocketchat_user": "pieter",
         "github_name": "pvdm", "id_number": "9506075800087",
         "personal_email_address": "pieter@example.org", "cohort": "C27 Data Eng"},
    ],
    "0007": [
        {"first_name": "Naledi", "surname": "Khumalo", "rocketchat_user": "naledi",
         "github_name": "nkhumalo", "personal_email_address": "naledi@example.org",
         "cohort": "C28 Data Eng"},
    ],
}
AT_HEAD = [
    "INSERT INTO cohorts (name) VALUES ('C29 Data Eng')",  # no recruit in it yet
    "INSERT INTO recruits (first_name, surname, rocketchat_user, github_name, "
    "personal_email_address, cohort_id) SELECT 'Ayanda', 'Nkosi', 'ayanda', 'ankosi', "
    "'ayanda@example.org', id FROM cohorts WHERE name = 'C27 Data Eng'",
    "DELETE FROM recruits WHERE github_name = 'gone'",
    # Numbers archived at different moments, so that a re-archived one would show.
    "UPDATE archive.recruit_id_numbers SET archived_at = archived_at - recruit_id * interval '1 day'",
]
NOT_DATA = ("alembic_version", MARKER_TABLE)


def insert(connection: sa.Connection, rows: list[dict[str, Any]]) -> None:
    for row in rows:
        connection.execute(sa.text(f"INSERT INTO recruits ({', '.join(row)}) "
                                   f"VALUES ({', '.join(':' + c for c in row)})"), row)


def every_value(engine: sa.Engine) -> dict[str, Any]:
    """Every row of every table (kept tables too), and where each sequence stands."""
    found: dict[str, Any] = {}
    with engine.connect() as connection:
        tables = connection.execute(sa.text(
            "SELECT schemaname, tablename FROM pg_tables "
            "WHERE schemaname NOT IN ('pg_catalog', 'information_schema')")).all()
        for schema, table in tables:
            if table in NOT_DATA:
                continue
            rows = connection.execute(sa.text(f'SELECT * FROM "{schema}"."{table}"')).mappings()
            # In a canonical order: a column a downgrade added back comes last.
            found[f"{schema}.{table}"] = sorted((dict(row) for row in rows),
                                                key=lambda row: repr(sorted(row.items())))
        for (sequence,) in connection.execute(sa.text(
                "SELECT schemaname || '.' || sequencename FROM pg_sequences")):
            found[sequence] = tuple(connection.execute(sa.text(
                f"SELECT last_value, is_called FROM {sequence}")).one())
    return found


@pytest.fixture(scope="session")
def populated(pg_server: Server) -> Iterator[str]:
    """The name of a database at head holding every kind of row (never used directly)."""
    name = f"tpl_rt_{uuid.uuid4().hex[:12]}"
    pg_server.create_database(name, template="template0")
    engine = sa.create_engine(pg_server.url_for(name))
    for revision in CHAIN:
        migrate(engine, "upgrade", revision)
        with engine.begin() as connection:
            insert(connection, ROWS.get(revision, []))
            for statement in AT_HEAD if revision == HEAD else []:
                connection.execute(sa.text(statement))
    engine.dispose()
    yield name
    pg_server.drop_database(name)


@pytest.fixture(scope="session")
def values_at_head(pg_server: Server, populated: str) -> dict[str, Any]:
    engine = sa.create_engine(pg_server.url_for(populated))
    try:
        return every_value(engine)
    finally:
        engine.dispose()


def test_the_populated_database_holds_what_a_round_trip_could_lose(values_at_head):
    """The template is worth the round trips: real and placeholder addresses, C25 to C29,
    archived id numbers with their own times, one of a recruit who is gone."""
    recruits = values_at_head["public.recruits"]
    addresses = [r["personal_email_address"] for r in recruits]
    assert sum(a.endswith("@placeholder.invalid") for a in addresses) == 3
    assert sum(a.endswith("@example.org") for a in addresses) == len(recruits) - 3
    assert {c["name"] for c in values_at_head["public.cohorts"]} == \
        {f"C{n} Data Eng" for n in range(25, 30)}
    archived = values_at_head["archive.recruit_id_numbers"]
    assert len({a["archived_at"] for a in archived}) == len(archived) == 6
    assert {a["recruit_id"] for a in archived} - {r["id"] for r in recruits}  # the one gone


@pytest.mark.parametrize("revision", ["base", *CHAIN])
def test_head_to_revision_and_back_gives_back_every_value(revision, populated, new_database,
                                                         values_at_head, same_schema_as):
    engine = new_database(populated)

    migrate(engine, "downgrade", revision)
    assert same_schema_as(engine, None if revision == "base" else revision) == []
    migrate(engine, "upgrade", "head")

    assert every_value(engine) == values_at_head
    assert same_schema_as(engine, HEAD) == []
    with engine.connect() as connection:
        assert kept_tables(connection) == []


def test_a_second_round_trip_gives_back_every_value_once(populated, new_database,
                                                        values_at_head, same_schema_as):
    engine = new_database(populated)
    for revision in ("0004", "base", "0006", "0001"):
        migrate(engine, "downgrade", revision)
        migrate(engine, "upgrade", "head")

    assert every_value(engine) == values_at_head
    assert same_schema_as(engine, HEAD) == []


def test_rows_added_while_downgraded_survive_the_upgrade(populated, new_database,
                                                        values_at_head, same_schema_as):
    """A learner seeds at 0001, 0004 and 0007 of a database taken down from head."""
    engine = new_database(populated)
    added = {
        "0001": {"first_name": "New", "surname": "At0001", "chatname": "n1", "github_name": "n1",
                 "id_number": "0101015800081"},
        "0004": {"first_name": "New", "surname": "At0004", "chatname": "n4", "github_name": "n4",
                 "id_number": None, "personal_email_address": "n4@example.org"},
        "0007": {"first_name": "New", "surname": "At0007", "rocketchat_user": "n7",
                 "github_name": "n7", "personal_email_address": "n7@example.org",
                 "cohort": "C30 Data Eng"},
    }
    migrate(engine, "downgrade", "0001")
    for revision, row in added.items():
        migrate(engine, "upgrade", revision)
        with engine.begin() as connection:
            insert(connection, [row])
    migrate(engine, "upgrade", "head")

    assert same_schema_as(engine, HEAD) == []
    now = every_value(engine)
    old_ids = {r["id"] for r in values_at_head["public.recruits"]}
    assert [r for r in now["public.recruits"] if r["id"] in old_ids] == \
        values_at_head["public.recruits"]
    new_cohort = [c for c in now["public.cohorts"] if c["name"] == "C30 Data Eng"]
    assert [c for c in now["public.cohorts"] if c not in new_cohort] == \
        values_at_head["public.cohorts"]
    assert new_cohort[0]["id"] > max(c["id"] for c in values_at_head["public.cohorts"])
    with engine.connect() as connection:
        new = connection.execute(sa.text(
            "SELECT r.id, r.surname, r.personal_email_address, c.name AS cohort, a.id_number "
            "FROM recruits AS r JOIN cohorts AS c ON c.id = r.cohort_id "
            "LEFT JOIN archive.recruit_id_numbers AS a ON a.recruit_id = r.id "
            "WHERE r.first_name = 'New' ORDER BY r.id")).mappings().all()
    assert min(r["id"] for r in new) > max(old_ids | {a["recruit_id"] for a in
                                                     values_at_head["archive.recruit_id_numbers"]})
    assert [dict(r) for r in new] == [
        {"id": new[0]["id"], "surname": "At0001",
         "personal_email_address": f"recruit-{new[0]['id']}@placeholder.invalid",
         "cohort": "C25 Data Eng", "id_number": "0101015800081"},
        {"id": new[1]["id"], "surname": "At0004", "personal_email_address": "n4@example.org",
         "cohort": "C25 Data Eng", "id_number": None},
        {"id": new[2]["id"], "surname": "At0007", "personal_email_address": "n7@example.org",
         "cohort": "C30 Data Eng", "id_number": None},
    ]


def test_a_recruit_deleted_while_downgraded_leaves_its_kept_values_kept(populated, new_database,
                                                                       values_at_head):
    """Nothing is thrown away by the re-upgrade either: the cohort of a recruit deleted at
    0004 stays in its kept table (as the archive keeps the id numbers of recruits deleted at
    head), and every other value comes back."""
    engine = new_database(populated)
    migrate(engine, "downgrade", "0004")
    with engine.begin() as connection:
        gone = connection.execute(sa.text(
            "DELETE FROM recruits WHERE github_name = 'ldlamini' RETURNING id")).scalar_one()
    migrate(engine, "upgrade", "head")

    now = every_value(engine)
    assert now.pop("archive.recruit_cohorts") == [{"recruit_id": gone, "cohort": "C26 Data Eng"}]
    assert now["public.recruits"] == [r for r in values_at_head["public.recruits"]
                                      if r["id"] != gone]
    now["public.recruits"] = values_at_head["public.recruits"]
    assert now == values_at_head
    with engine.connect() as connection:
        assert kept_tables(connection) == ["archive.recruit_cohorts"]
