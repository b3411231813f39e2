"""A function a revision creates runs its body where the same upgrade calls it
(dbkit/review/routines.py, through pgsql.sql_ops): pure parsing, no database."""

from __future__ import annotations

from dbkit.review.pgsql import sql_ops
from dbkit.review.routines import run_calls

PURGE = """CREATE FUNCTION purge(_id integer) RETURNS void LANGUAGE plpgsql AS $$
BEGIN
    DELETE FROM logs WHERE job_id = _id;
END $$"""


def test_a_call_per_row_runs_the_body_for_the_rows_it_selects():
    ops = run_calls(sql_ops(PURGE, 1, 5) + sql_ops("SELECT purge(id) FROM jobs WHERE old", 7, 7))
    assert [(o.name, o.table, o.line, o.picks) for o in ops] == [
        ("delete", "logs", 7, "job_id = ANY (SELECT id FROM jobs WHERE old)")]


def test_a_call_of_constants_runs_the_body_with_them():
    ops = run_calls(sql_ops(PURGE, 1, 5) + sql_ops("SELECT purge(3)", 7, 7))
    assert [(o.name, o.picks) for o in ops] == [("delete", "job_id = 3")]


def test_a_function_never_called_runs_nothing_and_one_not_made_here_is_not_followed():
    assert run_calls(sql_ops(PURGE, 1, 5)) == []
    assert [o.name for o in run_calls(sql_ops("SELECT other(3)", 7, 7))] == ["execute"]
    assert [o.name for o in run_calls(sql_ops("SELECT count(*) FROM jobs", 7, 7))] == ["read"]
