"""Drift's kinds: each registered by its own module, none missing, each undoing its changes."""

from __future__ import annotations

import typing

import sqlalchemy as sa

from dbkit.drift import compare, messages
from dbkit.drift.compare.change import CONVERTERS, KINDS, Change, What


def test_every_kind_of_change_has_a_registered_kind():
    assert set(typing.get_args(What)) == set(KINDS)


def test_every_diff_alembic_gives_has_a_converter():
    operations = {"add_table", "remove_table", "add_column", "remove_column", "add_index",
                  "remove_index", "add_constraint", "remove_constraint", "add_fk", "remove_fk",
                  "modify_type", "modify_nullable", "modify_default", "modify_comment"}
    assert operations <= set(CONVERTERS)


def test_a_diff_becomes_a_change_of_its_kind_said_and_undone_by_that_kind():
    metadata = sa.MetaData()
    table = sa.Table("recruits", metadata, sa.Column("id", sa.Integer, primary_key=True),
                     sa.Column("email", sa.String(80)))
    index = sa.Index("ix_recruits_email", table.c.email, unique=True)

    [column] = compare.changes_from([("remove_column", None, "recruits", table.c.email)],
                                    moved_side_is_database=True)
    assert (column.how, column.what, column.table, column.column) == \
        ("extra", "column", "recruits", "email")
    assert messages.message_for("database", column, "0005") == \
        "column recruits.email (VARCHAR(80)) exists in the database, but no migration up to " \
        "0005 created it"
    assert messages.undo_sql(column) == ("ALTER TABLE recruits DROP COLUMN email;", True)

    [made] = compare.changes_from([("add_index", index)], moved_side_is_database=True)
    assert (made.how, made.what) == ("missing", "unique index")
    assert messages.undo_sql(made) == \
        ("CREATE UNIQUE INDEX ix_recruits_email ON recruits (email);", False)

    # (op, schema, table, column, existing, in the database, in the metadata): NOT NULL by hand
    [nullable] = compare.changes_from([[("modify_nullable", None, "recruits", "email", {},
                                         False, True)]], moved_side_is_database=True)
    assert (nullable.how, nullable.what, nullable.moved, nullable.reference) == \
        ("modified", "nullability", False, True)
    assert messages.message_for("database", nullable, "0005") == \
        "column recruits.email is NOT NULL in the database, but the migrations up to 0005 make " \
        "it nullable"
    assert messages.undo_sql(nullable) == \
        ("ALTER TABLE recruits ALTER COLUMN email DROP NOT NULL;", False)


def test_a_rename_is_a_pair_of_column_changes():
    gone = Change("missing", "column", "recruits", "chatname", type_sql="VARCHAR(100)")
    new = Change("extra", "column", "recruits", "rocketchat_user", type_sql="VARCHAR(100)")
    assert compare.fold([gone, new]) == [(gone, new)]
    assert messages.undo_sql((gone, new)) == \
        ("ALTER TABLE recruits RENAME COLUMN rocketchat_user TO chatname;", False)
