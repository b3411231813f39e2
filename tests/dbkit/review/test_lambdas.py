"""A lambda a helper of ``upgrade()`` calls bare, and names a function imports itself."""

from __future__ import annotations

import ast
from pathlib import Path

from dbkit.review.crossing import lambda_defaults
from dbkit.review.modules import is_library, module_of
from dbkit.review.ops import UNKNOWN


def _lambda(source: str) -> ast.Lambda:
    node = ast.parse(source, mode="eval").body
    assert isinstance(node, ast.Lambda)
    return node


def test_a_parameter_with_a_default_is_what_the_default_is() -> None:
    bound = lambda_defaults(_lambda("lambda c=col, t='agents': None"), {"col": "body_type"})
    assert bound == {"c": "body_type", "t": "agents"}


def test_a_parameter_without_one_shadows_the_outer_name() -> None:
    bound = lambda_defaults(_lambda("lambda col, *rest, k=1, **extra: None"), {"col": "x"})
    assert bound["col"] is UNKNOWN
    assert bound["rest"] is UNKNOWN and bound["extra"] is UNKNOWN
    assert bound["k"] == 1


def test_an_import_inside_a_function_is_known_and_a_top_level_one_wins() -> None:
    tree = ast.parse(
        "import app.inspect as inspect\n"
        "def upgrade():\n"
        "    from sqlalchemy import inspect as sa_inspect\n"
        "    from sqlalchemy import inspect\n")
    module = module_of(tree, Path("versions/0002.py"))
    assert module.imports["sa_inspect"] == ("sqlalchemy", "inspect", 0)
    assert is_library(module, "sa_inspect")
    assert module.imports["inspect"] == ("app.inspect", None, 0)
    assert not is_library(module, "inspect")
