"""Which table each column of a SQL copy is read from (dbkit/review/sqlrefs.py, used by
pgsql.sql_ops): pure parsing, no database."""

from __future__ import annotations

from dbkit.review.pgsql import sql_ops


def ops(sql: str) -> list[tuple[str, str | None, set, set]]:
    return [(o.name, o.table, o.reads, o.writes) for o in sql_ops(sql, 1, 1)]


def test_a_subquery_in_from_stands_for_the_columns_its_output_is_read_from():
    [(name, table, reads, _)] = ops(
        "UPDATE accounts SET bio = s.v FROM (SELECT DISTINCT ON (user_id) user_id, about AS v "
        "FROM profiles ORDER BY user_id, id DESC) AS s WHERE accounts.user_id = s.user_id")
    assert (name, table) == ("backfill", "accounts")
    assert reads == {("accounts", "user_id"), ("profiles", "user_id"), ("profiles", "about")}


def test_a_scalar_subquery_names_its_own_tables_and_a_union_reads_each_branch():
    [(_, _, reads, _)] = ops("UPDATE accounts a SET bio = (SELECT p.about FROM profiles p "
                             "WHERE p.user_id = a.user_id LIMIT 1)")
    assert ("profiles", "about") in reads and ("p", "about") not in reads
    [(_, _, reads, writes)] = ops("INSERT INTO names (n) SELECT chatname FROM recruits "
                                  "UNION SELECT handle FROM mentors")
    assert reads == {("recruits", "chatname"), ("mentors", "handle")}
    assert writes == {("names", "n")}


def test_a_join_keeps_a_link_only_when_both_its_sides_reach_the_rows_written():
    [(_, _, reads, _)] = ops(
        "INSERT INTO build_testcases SELECT builds.id, testcases.id FROM builds "
        "JOIN packages ON packages.id = builds.package_id "
        "JOIN testcases ON packages.id = testcases.package_id")
    assert ("testcases", "package_id") in reads
    [(_, _, reads, _)] = ops("INSERT INTO names (n) SELECT mentors.name FROM mentors "
                             "JOIN recruits ON recruits.id_number = mentors.id_number")
    assert ("recruits", "id_number") not in reads


def test_rows_a_delete_returning_hands_on_are_read_before_they_are_deleted():
    found = ops("WITH gone AS (DELETE FROM applicants RETURNING id, chatname) "
                "INSERT INTO recruits (id, chatname) SELECT id, chatname FROM gone")
    assert [(name, table) for name, table, _, _ in found] == [
        ("insert", "recruits"), ("empty", "applicants")]
    assert found[0][2] == {("applicants", "id"), ("applicants", "chatname")}
    chained = ops("WITH a AS (SELECT id, c FROM t), b AS (SELECT id, c AS v FROM a) "
                  "INSERT INTO u SELECT id, v FROM b")
    assert chained[-1][2] == {("t", "id"), ("t", "c")}


def test_a_subquery_s_lookup_key_carries_nothing_the_outer_column_it_matches_does():
    [(_, _, reads, writes)] = ops('UPDATE item SET new_owner_id = (SELECT new_id FROM "user" '
                                  'WHERE "user".id = item.owner_id)')
    assert writes == {("item", "new_owner_id")}
    assert ("user", "new_id") in reads and ("item", "owner_id") in reads
    assert ("user", "id") not in reads
    # a self-join: the outer row's column is the same table's, and stays read
    [(_, _, reads, _)] = ops("UPDATE node SET parent_uuid = (SELECT n.uuid FROM node n "
                             "WHERE n.id = node.parent_id)")
    assert ("node", "parent_id") in reads


def test_a_delete_using_a_join_picks_rows_by_its_own_columns_only():
    # truenth 0f1576a4e220: r.name = 'write_only' pins a column of roles, not of user_roles.
    [delete] = sql_ops("DELETE FROM user_roles ur USING roles r WHERE r.id = ur.role_id "
                       "AND r.name = 'write_only' AND ur.kind = 'x'", 1, 1)
    assert (delete.name, delete.table, delete.removes) == ("delete", "user_roles", "")
    assert delete.pinned == {"kind"} and set(delete.keys) == {"role_id", "kind"}
    assert delete.using == "ur.* FROM user_roles AS ur, roles AS r"
    [self_join] = [o for o in sql_ops("DELETE FROM t a USING t b WHERE a.id > b.id "
                                      "AND a.name = b.name", 1, 1) if o.name == "delete"]
    assert self_join.removes == "duplicates"


def test_an_update_of_every_row_to_a_literal_clears_the_column():
    [update] = sql_ops("UPDATE qr SET bank_id = NULL, status = 'new'::text, n = n + 1", 1, 1)
    assert update.clears == (("bank_id", "NULL"), ("status", "CAST('new' AS text)"))
    for sql in ("UPDATE qr SET bank_id = NULL WHERE kind = 'x'",  # chosen rows: not reported
                "UPDATE qr SET bank_id = :v", "UPDATE qr SET at = now()",
                "UPDATE qr SET bank_id = b.id FROM b WHERE b.q = qr.id"):
        [update] = [o for o in sql_ops(sql, 1, 1) if o.name == "backfill"]
        assert update.clears == (), sql


def test_a_select_s_where_on_columns_picks_some_rows():
    [read] = sql_ops("SELECT id, username FROM users WHERE email IS NULL", 1, 1)
    assert read.picked_by == {("users", "email")} and read.partly("username")
    [read] = sql_ops("SELECT id, username FROM users WHERE username IS NOT NULL", 1, 1)
    assert not read.partly("username")
    [read] = sql_ops("SELECT id, username FROM users WHERE id = :id", 1, 1)
    assert read.picked_by == frozenset()


def test_in_a_parameter_is_read_as_a_list_of_it():
    # truenth 458e56eedb92: `WHERE id IN :kill_ids`, a tuple the driver expands.
    [delete] = sql_ops("DELETE FROM identifiers WHERE id IN :kill_ids", 1, 1)
    assert (delete.name, delete.picks, delete.removes) == ("delete", "id IN ($1)", "")
    [update] = sql_ops("UPDATE t SET a = 1 WHERE id NOT IN :ids", 1, 1)
    assert update.name == "backfill" and update.some_rows == "id"  # (read, not skipped)
    [delete] = sql_ops("DELETE FROM t WHERE id IN (:a, :b)", 1, 1)
    assert delete.picks == "id IN ($1, $1)"


def test_a_value_python_formats_in_is_read_as_a_parameter():
    # truenth 38cfbd643c73 / 2f125954b69a: `"... IN {}".format(tuple(ids))`, an f-string's part
    # the reviewer cannot evaluate: "{}" where SQL wants a value or a list.
    [delete] = sql_ops("DELETE from audit where id in {}", 1, 1)
    assert (delete.name, delete.table, delete.picks, delete.removes) == (
        "delete", "audit", "id IN ($1)", "")
    [delete] = sql_ops("DELETE FROM adherence_data WHERE patient_id = {} AND v LIKE '1:%'", 1, 1)
    assert delete.picks == "patient_id = $1 AND v LIKE '1:%'"
    [update] = sql_ops("UPDATE t SET doc = '{}' WHERE id IN ({})", 1, 1)
    assert update.name == "backfill" and update.some_rows == "id"  # (a quoted '{}' stays)
    # a hole where a name goes stays SQL it cannot read
    assert [o.name for o in sql_ops("DELETE FROM {} WHERE id = 1", 1, 1)] == ["execute"]


def test_a_where_only_picking_rows_for_a_formula_of_other_columns_carries_nothing():
    """wherepicks.py (Recidiviz 284ac3721439): the rows a formula of title fills are picked by
    assessment_type, which lives on nowhere; a remap to a constant, or to a lookup of constants,
    and a boolean test still carry the column they test."""
    [update] = sql_ops("UPDATE s SET \"order\" = CASE title WHEN 'a' THEN 0 ELSE 1 END "
                       "WHERE assessment_type::text = 'lsir'", 1, 1)
    assert update.reads == {("s", "title")}
    for sql in ("UPDATE s SET kind = 'a' WHERE assessment_type = 'lsir'",
                "UPDATE s SET kind_id = (SELECT id FROM kinds WHERE name = 'a') "
                "WHERE assessment_type IN ('lsir', 'oras')",
                "UPDATE s SET left_at = updated_at WHERE assessment_type = true"):
        [update] = sql_ops(sql, 1, 1)
        assert ("s", "assessment_type") in update.reads, sql
