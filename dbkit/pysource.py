"""Python source to an AST, safely from several threads at once.

CPython before 3.12.5 keeps the AST converter's recursion counter in state shared by every
thread (python/cpython#106905): two ``ast.parse`` calls at the same moment (``review --class``
reads learners' repositories in threads) fail with "SystemError: AST constructor recursion
depth mismatch". Every parse in dbkit goes through :func:`parse`, one at a time.
"""

from __future__ import annotations

import ast
import threading

_one_at_a_time = threading.Lock()


def parse(source: str | bytes, filename: str = "<unknown>") -> ast.Module:
    """``ast.parse(source, filename)``, never while another thread parses."""
    with _one_at_a_time:
        return ast.parse(source, filename=filename)
