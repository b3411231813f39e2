"""Messages name each object as it is called at the revision they are about (issue 19)."""

from __future__ import annotations

from review_cases import CORPUS, findings


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
