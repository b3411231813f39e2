"""``review --run``'s accounting at its thresholds, on a real database: a column that kept
999 of 1,000 values survived; one that kept 998, or 11 of 12, lost values (issue 23, 8)."""

from __future__ import annotations

import pytest
import sqlalchemy as sa

from dbkit.review.run import accounting, data


def account(url: str, setup: str, change: str) -> dict[str, accounting.Verdict]:
    engine = sa.create_engine(url)
    try:
        with engine.begin() as conn:
            conn.exec_driver_sql(setup)
        with engine.connect() as conn:
            before = data.snapshot(conn)
        with engine.begin() as conn:
            conn.exec_driver_sql(change)
        with engine.connect() as conn:
            after = data.snapshot(conn)
    finally:
        engine.dispose()
    return {f"{v.table}.{v.column}": v for v in accounting.account(before, after)}


def people(n: int) -> str:
    return ("CREATE TABLE people (id int PRIMARY KEY, first text, last text);"
            f"INSERT INTO people SELECT g, 'first' || g, 'last' || g FROM generate_series(1, {n}) g")


@pytest.mark.parametrize("rows, cleared, kind", [
    (1000, 1, accounting.SURVIVED),  # 999 of 1,000: at the threshold
    (1000, 2, accounting.LOST),  # 998: below it
    (12, 1, accounting.LOST),  # 11 of 12: a twelfth is not "survived"
    (12, 0, accounting.SURVIVED),
])
def test_a_column_survives_only_with_999_in_1000_of_its_values(database_url, rows, cleared, kind):
    found = account(database_url, people(rows),
                    f"UPDATE people SET last = NULL WHERE id <= {cleared}")

    verdict = found["people.last"]
    assert (verdict.kind, verdict.values, verdict.kept) == (kind, rows, rows - cleared)
    assert found["people.first"].kind == accounting.SURVIVED


# 998 copied: not "moved" (a value in 500 is missing), at best "derived" (9 in 10 are inside it)
@pytest.mark.parametrize("copied, kind", [(1000, accounting.MOVED), (999, accounting.MOVED),
                                          (998, accounting.DERIVED)])
def test_a_column_moved_needs_999_in_1000_of_its_values_in_the_new_one(database_url, copied,
                                                                       kind):
    found = account(database_url, people(1000),
                    "ALTER TABLE people ADD COLUMN surname text;"
                    f"UPDATE people SET surname = last WHERE id <= {copied};"
                    "ALTER TABLE people DROP COLUMN last")

    verdict = found["people.last"]
    assert verdict.kind == kind
    assert (verdict.where, verdict.kept) == ("people.surname", copied)


@pytest.mark.parametrize("joined, kind", [(9, accounting.DERIVED), (8, accounting.LOST)])
def test_a_column_derived_needs_nine_in_ten_of_its_values_inside_the_new_one(database_url,
                                                                             joined, kind):
    found = account(database_url, people(10),
                    "ALTER TABLE people ADD COLUMN full_name text;"
                    f"UPDATE people SET full_name = upper(first || ' ' || last) WHERE id <= {joined};"
                    "ALTER TABLE people DROP COLUMN last")

    verdict = found["people.last"]
    assert verdict.kind == kind
    if kind == accounting.DERIVED:
        assert verdict.where == "people.full_name"


# -- where a column no longer is in its own table (make mutate's survivors in _verdict) -------

def test_a_table_renamed_moves_every_column_with_every_value(database_url):
    found = account(database_url, people(12), "ALTER TABLE people RENAME TO persons")

    assert {k: (v.kind, v.where, v.kept) for k, v in found.items()} == {
        "people.id": (accounting.MOVED, "persons.id", 12),
        "people.first": (accounting.MOVED, "persons.first", 12),
        "people.last": (accounting.MOVED, "persons.last", 12)}


@pytest.mark.parametrize("lookup", ["cities", "towns"])  # sorting before and after people
def test_a_column_moved_to_a_lookup_table_holding_each_value_once_is_moved(database_url, lookup):
    """Twelve people in four cities; the cities go to their own table, once each."""
    found = account(
        database_url,
        "CREATE TABLE people (id int PRIMARY KEY, city text);"
        "INSERT INTO people SELECT g, (ARRAY['Oslo','Lima','Pune','Kyiv'])[mod(g, 4) + 1] "
        "FROM generate_series(1, 12) g",
        f"CREATE TABLE {lookup} (id serial PRIMARY KEY, name text UNIQUE);"
        f"INSERT INTO {lookup} (name) SELECT DISTINCT city FROM people ORDER BY city DESC;"
        f"ALTER TABLE people ADD COLUMN city_id int REFERENCES {lookup};"
        f"UPDATE people SET city_id = {lookup}.id FROM {lookup} WHERE {lookup}.name = people.city;"
        "ALTER TABLE people DROP COLUMN city")

    verdict = found["people.city"]
    assert (verdict.kind, verdict.where, verdict.kept) == (accounting.MOVED, f"{lookup}.name", 12)


def test_a_column_changed_in_place_is_derived_from_itself(database_url):
    found = account(database_url, people(12), "UPDATE people SET last = upper(last)")

    verdict = found["people.last"]
    assert (verdict.kind, verdict.where, verdict.kept) == (accounting.DERIVED, "people.last", 12)


def test_a_table_renamed_with_a_column_changed_has_that_column_derived(database_url):
    found = account(database_url, people(12),
                    "ALTER TABLE people RENAME TO persons; UPDATE persons SET last = upper(last)")

    verdict = found["people.last"]
    assert (verdict.kind, verdict.where, verdict.kept) == (accounting.DERIVED, "persons.last", 12)
    assert found["people.first"].kind == accounting.MOVED


def test_a_table_dropped_loses_every_value(database_url):
    found = account(database_url, people(12), "DROP TABLE people")

    assert {k: (v.kind, v.values, v.kept) for k, v in found.items()} == {
        "people.id": (accounting.LOST, 12, 0), "people.first": (accounting.LOST, 12, 0),
        "people.last": (accounting.LOST, 12, 0)}


KEYLESS = ("CREATE TABLE notes (body text);"  # no primary key: rows are told apart by value only
           "INSERT INTO notes VALUES ('alpha'), ('alpha'), ('bravo'), ('charlie'), ('delta'), "
           "('echo'), ('foxtrot'), ('golf'), ('hotel'), ('india'), ('juliet'), ('kilo')")


def test_a_row_deleted_from_a_table_without_a_key_is_no_survival_even_if_its_value_repeats(
        database_url):
    found = account(database_url, KEYLESS, "DELETE FROM notes WHERE ctid = "
                                           "(SELECT min(ctid) FROM notes WHERE body = 'alpha')")

    verdict = found["notes.body"]
    assert verdict.kind != accounting.SURVIVED
    assert verdict.values == 12


def test_a_copy_within_a_keyless_table_that_misses_a_repeated_value_is_no_move(database_url):
    found = account(database_url, KEYLESS,
                    "ALTER TABLE notes ADD COLUMN text text;"
                    "UPDATE notes SET text = body WHERE ctid <> "
                    "(SELECT min(ctid) FROM notes WHERE body = 'alpha');"
                    "ALTER TABLE notes DROP COLUMN body")

    verdict = found["notes.body"]
    assert verdict.kind != accounting.MOVED
    assert verdict.values == 12


def test_a_copy_within_a_keyless_table_of_every_value_is_a_move(database_url):
    found = account(database_url, KEYLESS,
                    "ALTER TABLE notes ADD COLUMN text text; UPDATE notes SET text = body;"
                    "ALTER TABLE notes DROP COLUMN body")

    verdict = found["notes.body"]
    assert (verdict.kind, verdict.where, verdict.kept) == (accounting.MOVED, "notes.text", 12)
