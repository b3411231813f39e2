"""rowguards.py: which checks prove a table holds no row past them."""

from __future__ import annotations

import textwrap

import pytest
from review_cases import CORPUS, findings

from dbkit.review.pgsql import sql_ops
from dbkit.review.reader import read_revision
from dbkit.review.rowguards import Rows, query_rows


@pytest.mark.parametrize(("sql", "rows"), [
    ("SELECT count(*) FROM t", Rows("count", "t", "")),
    ("SELECT COUNT(1) FROM auth.t WHERE c IS NULL", Rows("count", "auth.t", "c IS NULL")),
    ("SELECT 1 FROM public.t LIMIT 1", Rows("rows", "t", "", first=True)),
    ("SELECT id FROM t", Rows("rows", "t", "")),
    ("SELECT EXISTS (SELECT 1 FROM t)", Rows("exists", "t", "")),
])
def test_a_select_of_one_table_s_rows_is_read(sql, rows):
    assert query_rows(sql) == rows


@pytest.mark.parametrize("sql", [
    "SELECT count(c) FROM t",  # only c's values
    "SELECT 1 FROM t LIMIT 0",
    "SELECT 1 FROM t OFFSET 1",
    "SELECT count(*) FROM t GROUP BY c",
    "SELECT count(*) FROM t JOIN u ON u.id = t.u_id",
    "SELECT max(id) FROM t",  # one row even when t is empty
    "SELECT f(id) FROM t",
    "SELECT EXISTS (SELECT count(*) FROM t)",  # always true
    "DELETE FROM t",
])
def test_anything_else_is_no_proof(sql):
    assert query_rows(sql) is None


def _guards(block: str) -> list[tuple[str | None, str]]:
    return [(o.table, o.picks) for o in _ops(block) if o.name == "guard"]


def _ops(block: str) -> list:
    return sql_ops(f"DO $$ DECLARE n bigint; m bigint; BEGIN {block} END $$", 1, 1)


@pytest.mark.parametrize("block", [
    "IF EXISTS (SELECT 1 FROM t) THEN RAISE EXCEPTION 'rows'; END IF;",
    "SELECT count(*) INTO n FROM t; IF n > 0 THEN RAISE EXCEPTION 'rows'; END IF;",
    "SELECT count(*) FROM t INTO n; IF 0 <> n THEN RAISE 'rows'; END IF;",
    "n := (SELECT count(*) FROM t); IF n >= 1 THEN RAISE EXCEPTION 'rows'; END IF;",
    "PERFORM 1 FROM t; IF FOUND THEN RAISE EXCEPTION 'rows'; END IF;",
])
def test_a_plpgsql_check_that_raises_on_rows_is_a_guard(block):
    assert _guards(block) == [("t", "")]


@pytest.mark.parametrize("block", [
    "IF EXISTS (SELECT 1 FROM t) THEN RAISE NOTICE 'rows'; END IF;",  # only logs
    "IF m > 0 THEN IF EXISTS (SELECT 1 FROM t) THEN RAISE EXCEPTION 'x'; END IF; END IF;",
    "BEGIN IF EXISTS (SELECT 1 FROM t) THEN RAISE EXCEPTION 'x'; END IF; "
    "EXCEPTION WHEN others THEN NULL; END;",  # caught
    "SELECT count(*) INTO n FROM t; IF m > 0 THEN n := 0; END IF; "
    "IF n > 0 THEN RAISE EXCEPTION 'x'; END IF;",  # n may hold something else
    "PERFORM 1 FROM t; UPDATE u SET a = 1; IF FOUND THEN RAISE EXCEPTION 'x'; END IF;",
    "SELECT count(*) INTO n FROM t; IF n > 0 THEN RAISE EXCEPTION 'x'; ELSE RETURN; END IF;",
])
def test_a_check_that_logs_or_may_not_run_is_none(block):
    assert _guards(block) == []


def test_each_exists_or_ed_before_a_raise_is_a_guard():
    """VFBiz 20260731_0022 (held-out45): the RAISE leaves no row in any table an OR-ed EXISTS
    tests; an arm that picks some rows guards only those."""
    block = ("IF EXISTS (SELECT 1 FROM r WHERE k IS NOT NULL) OR EXISTS (SELECT 1 FROM t) "
             "OR EXISTS (SELECT 1 FROM u) OR m > 0 THEN RAISE EXCEPTION 'rerun'; END IF;")
    assert _guards(block) == [("r", "k IS NOT NULL"), ("t", ""), ("u", "")]


def test_a_guard_covers_the_ops_of_its_block_since_the_last_early_return():
    block = ("ALTER TABLE t DROP COLUMN a; IF m > 0 THEN RETURN; END IF; "
             "ALTER TABLE t DROP COLUMN b; IF EXISTS (SELECT 1 FROM t) THEN RAISE EXCEPTION 'x'; "
             "END IF;")
    ops = _ops(block)
    assert [(o.name, o.column) for o in ops] == [("drop_column", "a"), ("drop_column", "b"),
                                                 ("guard", None)]
    assert ops[-1].covers == 1  # b's drop, not a's


def _python_guards(tmp_path, body: str) -> list[tuple[str | None, bool]]:
    path = tmp_path / "0002_check.py"
    path.write_text("import sqlalchemy as sa\nfrom alembic import op\n\nrevision = '0002'\n"
                    "down_revision = '0001'\n\n\ndef upgrade():\n    bind = op.get_bind()\n"
                    + textwrap.indent(textwrap.dedent(body), "    "))
    return [(o.table, o.conditional) for o in read_revision(path, path.name).upgrade
            if o.name == "guard"]


@pytest.mark.parametrize("body", [
    """
    if bind.execute(sa.text("SELECT count(*) FROM t")).scalar():
        raise RuntimeError("rows")
    """,
    """
    result = bind.execute(sa.text("SELECT count(*) FROM t"))
    left = result.scalar()
    if left > 0:
        raise Exception(f"{left} rows")
    """,
    """
    if bind.execute(sa.text("SELECT 1 FROM t LIMIT 1")).first() is not None:
        raise RuntimeError("rows")
    """,
    """
    if op.get_bind().execute(sa.text("SELECT EXISTS (SELECT 1 FROM t)")).scalar():
        raise RuntimeError("rows")
    """,
])
def test_a_python_check_that_raises_on_rows_is_a_guard(tmp_path, body):
    assert _python_guards(tmp_path, body) == [("t", False)]


@pytest.mark.parametrize("body", [
    """
    if bind.execute(sa.text("SELECT count(*) FROM t")).scalar():
        print("rows")
    """,
    """
    if bind.execute(sa.text("SELECT count(*) FROM t")).first():  # a row, even of 0
        raise RuntimeError("rows")
    """,
    """
    if bind.execute(sa.text("SELECT id FROM t LIMIT 1")).scalar():  # an id of 0, a NULL
        raise RuntimeError("rows")
    """,
    """
    try:
        if bind.execute(sa.text("SELECT count(*) FROM t")).scalar():
            raise RuntimeError("rows")
    except RuntimeError:
        pass
    """,
    """
    other = make_client()  # not the migration's connection
    if other.execute(sa.text("SELECT count(*) FROM t")).scalar():
        raise RuntimeError("rows")
    """,
    """
    for _ in range(3):
        if bind.execute(sa.text("SELECT count(*) FROM t")).scalar():
            raise RuntimeError("rows")
    """,
])
def test_a_python_check_that_logs_reads_wrong_or_is_caught_is_none(tmp_path, body):
    assert _python_guards(tmp_path, body) == []


@pytest.mark.parametrize("block", [
    "SELECT count(*) INTO n FROM t; SELECT a, b INTO n, m FROM u; IF n > 0 THEN RAISE 'x'; END IF;",
    "SELECT count(*) INTO n FROM t; FOR n IN SELECT a FROM u LOOP NULL; END LOOP; "
    "IF n > 0 THEN RAISE 'x'; END IF;",
    "SELECT count(*) INTO n FROM t; GET DIAGNOSTICS n = ROW_COUNT; IF n > 0 THEN RAISE 'x'; END IF;",
])
def test_a_count_overwritten_before_its_test_is_no_guard(block):
    assert _guards(block) == []


def test_a_not_null_error_after_a_check_that_refuses_rows_says_so():
    """The error stays (on rows the upgrade fails, at the check), and says why, for the tables
    the check tests only."""
    case = CORPUS / "not-null-without-backfill" / "added_after_a_check_that_raises_if_the_tables_hold_rows"
    said = {f.line: f.message for f in findings(case) if f.rule == "not-null-without-backfill"}
    assert sorted(said) == [20, 21, 22]
    assert all("check at line 10 refuses to go on" in said[line] for line in (20, 21))
    assert "refuses" not in said[22]
