"""dupekeys.py, orphans.py, records.py: the key of a dedupe, a choice of rows, a literal dict."""

from __future__ import annotations

import ast

import pytest
from pglast import parse_sql

from dbkit.review.dupekeys import group_key
from dbkit.review.evaluate import evaluate
from dbkit.review.ops import UNKNOWN, Op
from dbkit.review.orphans import chosen
from dbkit.review.records import Record


def _delete(sql: str):
    return parse_sql(sql)[0].stmt


@pytest.mark.parametrize(("sql", "key"), [
    ("DELETE FROM t p USING (SELECT ctid FROM (SELECT ctid, row_number() OVER (PARTITION BY a, b "
     "ORDER BY c DESC) AS rn FROM t) x WHERE rn > 1) d WHERE p.ctid = d.ctid", ("a", "b")),
    ("DELETE FROM t WHERE id NOT IN (SELECT MIN(id) FROM t GROUP BY a, COALESCE(b, ''))", ("a", "b")),
    ("DELETE FROM s.t WHERE id NOT IN (SELECT max(id) FROM s.t GROUP BY lower(a))", ("a",)),
    ("DELETE FROM t a USING t b WHERE a.id > b.id AND a.x = b.x AND a.y = b.y", ("x", "y")),
    # (the same expression on both sides of a self-join: clinicforge 030, held-out45)
    ("DELETE FROM t a USING t b WHERE a.c = b.c AND a.meta ->> 'msg' = b.meta ->> 'msg' "
     "AND a.id > b.id", ("c", "meta")),
    # (an expression of columns puts each of them in the key, whole: the columns said to be
    # the rows' own are fewer, never more)
    ("DELETE FROM t WHERE id NOT IN (SELECT MIN(id) FROM t GROUP BY a || b)", ("a", "b")),
    ("WITH r AS (SELECT id, row_number() OVER (PARTITION BY a, p ->> 'k') AS n FROM t) "
     "DELETE FROM t WHERE id IN (SELECT id FROM r WHERE n > 1)", ("a", "p")),
])
def test_the_key_of_a_dedupe_is_read(sql, key):
    assert group_key(_delete(sql), "t") == key


@pytest.mark.parametrize("sql", [
    "DELETE FROM t WHERE id NOT IN (SELECT MIN(id) FROM u GROUP BY a)",  # another table
    "DELETE FROM t WHERE id IN (SELECT id FROM t GROUP BY a HAVING count(*) > 1)",  # no min/max
    "DELETE FROM t WHERE id NOT IN (SELECT MIN(id) FROM t GROUP BY 'x')",  # no column
    "DELETE FROM t WHERE a = 1",
])
def test_no_key_when_the_sql_does_not_show_one(sql):
    assert group_key(_delete(sql), "t") is None


@pytest.mark.parametrize(("sql", "choice"), [
    ("DELETE FROM t WHERE NOT EXISTS (SELECT 1 FROM u WHERE u.id = t.u_id)", False),
    ("DELETE FROM t WHERE u_id NOT IN (SELECT id FROM u)", False),
    ("DELETE FROM t WHERE u_id NOT IN (SELECT id FROM u WHERE email = 'system@x')", True),
    ("DELETE FROM t WHERE NOT EXISTS (SELECT 1 FROM u WHERE u.id = t.u_id AND u.role IN ('a'))", True),
])
def test_a_constant_in_the_subquery_makes_a_choice_of_rows(sql, choice):
    op = Op("delete", 1, 1, table="t")
    op.statement = _delete(sql)
    assert chosen(op) is choice


def test_a_dict_of_constant_keys_is_a_record():
    scope = {"m": evaluate(ast.parse('{"a": "x", "b": "y"}', mode="eval").body, {})}
    assert scope["m"] == Record((("a", "x"), ("b", "y")))
    assert evaluate(ast.parse('m["b"]', mode="eval").body, scope) == "y"
    assert evaluate(ast.parse('m["c"]', mode="eval").body, scope) is UNKNOWN
    assert evaluate(ast.parse("m.items()", mode="eval").body, scope) == (("a", "x"), ("b", "y"))
    assert evaluate(ast.parse("m.keys()", mode="eval").body, scope) == ("a", "b")
    assert evaluate(ast.parse("{k: 1}", mode="eval").body, {}) is UNKNOWN  # a key not constant
