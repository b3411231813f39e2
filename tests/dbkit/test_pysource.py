"""Every parse of Python source in dbkit is one at a time (``dbkit.pysource``).

CPython before 3.12.5 shares the AST converter's recursion counter between threads
(python/cpython#106905); ``review --class`` met it as "SystemError: AST constructor recursion
depth mismatch" for one learner when two were read at once.
"""

from __future__ import annotations

import ast
import re
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path

from dbkit import pysource

DBKIT = Path(pysource.__file__).parent
SOURCE = "x = " + "[" * 60 + "1" + "]" * 60 + "\n" + "def f():\n    return [a for a in b if a]\n" * 50


def test_no_module_of_dbkit_calls_ast_parse_itself() -> None:
    direct = [f"{path.relative_to(DBKIT.parent)}:{number}"
              for path in sorted(DBKIT.rglob("*.py")) if path.name != "pysource.py"
              for number, line in enumerate(path.read_text().splitlines(), 1)
              if re.search(r"\bast\.parse\(", line)]
    assert direct == []


def test_threads_parsing_at_once_all_get_the_tree() -> None:
    expected = ast.dump(ast.parse(SOURCE))
    with ThreadPoolExecutor(max_workers=8) as pool:
        trees = list(pool.map(lambda _: ast.dump(pysource.parse(SOURCE)), range(64)))
    assert trees == [expected] * 64
