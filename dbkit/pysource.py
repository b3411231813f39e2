"""Python source to an AST, safely from several threads at once.

CPython before 3.12.5 keeps the AST converter's recursion counter in state shared by every
thread (python/cpython#106905): two ``ast.parse`` calls at the same moment (``review --class``
reads learners' repositories in threads) fail with "SystemError: AST constructor recursion
depth mismatch". Every parse in dbkit goes through :func:`parse`, one at a time.
"""

from __future__ import annotations

import ast
import threading
from pathlib import Path

_one_at_a_time = threading.Lock()


def parse(source: str | bytes, filename: str = "<unknown>") -> ast.Module:
    """``ast.parse(source, filename)``, never while another thread parses."""
    with _one_at_a_time:
        return ast.parse(source, filename=filename)


def parse_file(path: Path) -> ast.Module | None:
    """The Python file at ``path`` parsed, or None when it cannot be read or is not Python."""
    try:
        return parse(path.read_text(encoding="utf-8-sig"), filename=str(path))
    except (OSError, UnicodeDecodeError, SyntaxError, ValueError):
        return None
