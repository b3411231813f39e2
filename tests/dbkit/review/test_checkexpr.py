"""CHECK conditions read as the null patterns they allow (dbkit/review/checkexpr.py)."""

from __future__ import annotations

import ast

import pytest

from dbkit.review.checkexpr import allowed, condition_sql


def _allowed(sql: str) -> set[str]:
    """The patterns allowed, each as the columns holding a value ("-" for none)."""
    found = allowed(sql)
    assert found is not None
    columns, patterns = found
    return {",".join(c for c, held in zip(columns, p, strict=True) if held) or "-"
            for p in patterns}


@pytest.mark.parametrize("sql", [
    "num_nonnulls(a, b, c) = 1",
    "num_nulls(a, b, c) = 2",
    "(CASE WHEN a IS NOT NULL THEN 1 ELSE 0 END) + (CASE WHEN b IS NOT NULL THEN 1 ELSE 0 END)"
    " + (CASE WHEN c IS NOT NULL THEN 1 ELSE 0 END) = 1",
    "(a IS NOT NULL)::int + (b IS NOT NULL)::int + (c IS NOT NULL)::integer = 1",
])
def test_exactly_one_of_three_allows_one_column_set(sql):
    assert _allowed(sql) == {"a", "b", "c"}


def test_two_null_tests_compared_allow_one_of_two():
    assert _allowed("(a IS NULL) <> (b IS NULL)") == {"a", "b"}


def test_at_least_one_allows_both_and_at_most_one_allows_none():
    assert _allowed("NOT (a IS NULL AND b IS NULL)") == {"a", "b", "a,b"}
    assert _allowed("a IS NULL OR b IS NULL") == {"-", "a", "b"}


def test_a_part_not_read_may_be_true_so_it_rules_nothing_out():
    # a CHECK passes on NULL too: kind = 'x' may be anything, every pattern stays allowed
    assert _allowed("(kind = 'x' AND a IS NULL) OR (kind <> 'x' AND a IS NOT NULL)") == {"-", "a"}


@pytest.mark.parametrize("sql", ["price > 0", "not sql at all (", "lower(name) = name"])
def test_a_condition_testing_no_column_for_null_is_none(sql):
    assert allowed(sql) is None


@pytest.mark.parametrize("source", [
    # SQLAlchemy 1.x's list of whens (hasgeek/lastuser d94bd59a2f0), then 2.x's tuples
    "sa.case([(column('a').isnot(None), 1)], else_=0) + sa.case([(column('b').isnot(None), 1)],"
    " else_=0) == 1",
    "sa.case((column('a').is_not(None), 1), else_=0) + sa.case((t.c.b != None, 1), else_=0) == 1",
    "sa.func.num_nonnulls(column('a'), column('b')) == 1",
    "sa.or_(sa.and_(column('a').is_(None), column('b') != None), "
    "sa.and_(column('a') != None, column('b') == None))",
])
def test_sqlalchemy_expressions_are_written_as_sql(source):
    sql = condition_sql(ast.parse(source, mode="eval").body, {})
    assert sql is not None
    assert _allowed(sql) == {"a", "b"}


def test_an_expression_it_cannot_write_is_none():
    node = ast.parse("sa.case({'x': 1}, value=column('a')) == 1", mode="eval").body
    assert condition_sql(node, {}) is None
    assert condition_sql(ast.parse("make_check()", mode="eval").body, {}) is None
