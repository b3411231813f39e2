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


def test_a_default_left_out_a_recursion_or_a_longer_body_stands_for_nothing() -> None:
    scope = _helpers()
    assert _value('where("can_send_letters")', scope) is UNKNOWN
    assert _value('again("x")', scope) is UNKNOWN
    assert scope["two_steps"] is None
