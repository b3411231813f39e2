"""A function of a revision that only returns a value: its call stands for that value."""

from __future__ import annotations

import ast

from dbkit.review.evaluate import Returns, evaluate
from dbkit.review.ops import UNKNOWN

SOURCE = '''
def where(flag, permission="letter"):
    """The rows of one flag."""
    return "SELECT id, '{0}' FROM services WHERE {1}".format(permission, flag)

def again(x):
    return again(x)

def two_steps(x):
    y = x
    return y

def formatted(table, column):
    sql = f"ALTER TABLE {table} "
    sql = sql + f"DROP COLUMN {column}"
    return sql

def with_a_call(x):
    print(x)
    return x
'''


def _helpers() -> dict[str, object]:
    tree = ast.parse(SOURCE)
    return {f.name: Returns.of(f) for f in tree.body if isinstance(f, ast.FunctionDef)}


def _value(call: str, scope: dict[str, object]) -> object:
    return evaluate(ast.parse(call, mode="eval").body, scope)


def test_a_call_binds_its_arguments_by_position_and_name() -> None:
    scope = _helpers()
    assert _value('where("can_send_letters", "sms")', scope) == \
        "SELECT id, 'sms' FROM services WHERE can_send_letters"
    assert _value('where(permission="sms", flag="f")', scope) == \
        "SELECT id, 'sms' FROM services WHERE f"


def test_a_default_left_out_is_the_default_a_recursion_stands_for_nothing() -> None:
    scope = _helpers()
    assert _value('where("can_send_letters")', scope) == \
        "SELECT id, 'letter' FROM services WHERE can_send_letters"
    assert _value('where("f", "sms", "extra")', scope) is UNKNOWN
    assert _value('where("f", other="x")', scope) is UNKNOWN
    assert _value('again("x")', scope) is UNKNOWN


def test_names_bound_before_the_return_are_followed_other_statements_are_not() -> None:
    scope = _helpers()
    assert _value('two_steps("DROP TABLE t")', scope) == "DROP TABLE t"
    assert _value('formatted("runners", "secret")', scope) == \
        "ALTER TABLE runners DROP COLUMN secret"
    assert scope["with_a_call"] is None


def test_percent_with_a_dict_of_constants_fills_its_names() -> None:
    scope = {"t": "runners"}
    assert _value('"DROP TABLE %(t)s" % {"t": t}', scope) == "DROP TABLE runners"
    assert _value('"DROP TABLE %(t)s" % {"t": u}', scope) == "DROP TABLE %(t)s"
    assert _value('"DROP TABLE %(x)s" % {"t": t}', scope) == "DROP TABLE %(x)s"
