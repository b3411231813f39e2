"""Messages name each object as it is called at the revision they are about (issue 19)."""

from __future__ import annotations

import sqlalchemy as sa
from review_cases import CORPUS, findings
from sqlalchemy.dialects import postgresql
from sqlalchemy.schema import AddConstraint
from sqlalchemy.sql.elements import conv

from dbkit.review.convnames import conv_name


def test_a_column_is_named_as_it_is_called_at_that_revision_not_after_a_later_rename():
    case = CORPUS / "not-null-without-backfill" / "named_as_at_its_revision"
    messages = {f.file.rsplit("/", 1)[-1]: f.message + f.fix for f in findings(case)}
    assert messages["0002_sales_end.py"].startswith("Adds ticket.sales_end as NOT NULL")
    assert "SET sales_end = ..." in messages["0002_sales_end.py"]
    assert "sales_ends_at" not in messages["0002_sales_end.py"]
    assert messages["0004_drop_sales_ends_at.py"].startswith("Drops column tickets.sales_ends_at")


def test_an_index_name_taken_on_another_table_names_that_table():
    case = CORPUS / "broken-chain" / "index_name_taken_on_another_table"
    [finding] = findings(case)
    assert finding.message.startswith("The same change is applied twice: the index name order "
                                      "(schema-wide: box cannot have it too) is already taken "
                                      "on flag by revision 0001")
    same = CORPUS / "broken-chain" / "column_created_then_added_again"
    assert all("index name" not in f.message for f in findings(same))


def test_a_join_key_the_copy_carries_is_no_value_lost():
    case = CORPUS / "data-dropped" / "join_key_carried_by_the_copy"
    [finding] = findings(case)
    assert "created_at is copied nowhere" in finding.message
    assert "path" not in finding.message


def test_a_drop_by_none_of_a_key_the_convention_named_says_so_not_that_postgresql_made_one_up():
    case = CORPUS / "unnamed-constraint" / "named_by_convention"
    messages = {f.line: f.message + " " + f.fix for f in findings(case)}
    assert "PostgreSQL makes up" in messages[11]  # a check constraint: the convention has no ck
    assert "PostgreSQL makes up" not in messages[17]
    assert "env.py's naming convention named the one the upgrade made" in messages[17]
    assert 'op.drop_constraint(op.f("uq_...")' in messages[17]


def test_an_op_f_name_over_63_characters_is_the_one_sqlalchemy_sends():
    long = "ck_recruits_ck_recruits_rocketchat_user_is_lowercase_and_has_no_spaces"
    table = sa.Table("recruits", sa.MetaData(), sa.Column("rocketchat_user", sa.String))
    check = sa.CheckConstraint("rocketchat_user <> ''", name=conv(long), table=table)
    sent = str(AddConstraint(check).compile(dialect=postgresql.dialect()))
    assert f"ADD CONSTRAINT {conv_name(long)} CHECK" in sent
    assert len(str(conv_name(long))) == 60
    assert conv_name("ck_recruits_short") == "ck_recruits_short"
    case = CORPUS / "broken-chain" / "constraint_named_by_op_f_longer_than_63_characters"
    assert findings(case) == []
