"""The limits of static reading: a revision is read only when it is a regular file inside the
reviewed folder, at most MAX_FILE_BYTES, nested at most MAX_NESTING levels; past them it is a
finding with one line (``file-not-read``), never a traceback, and time and memory stay linear."""

from __future__ import annotations

import ast
from pathlib import Path

MAX_FILE_BYTES = 1024 * 1024
MAX_NESTING = 100


class NotRead(Exception):
    """Why a file is not read (a link out of the folder, too big, nested too deeply)."""


def bounded_source(path: Path, within: Path | None) -> str:
    from dbkit.sandbox import NotCopied, read_regular_file

    try:
        size = path.lstat().st_size
    except OSError as exc:
        raise NotRead(f"cannot be read: {exc.strerror}") from None
    if size > MAX_FILE_BYTES and not path.is_symlink():
        raise NotRead(f"is {size / 1024 / 1024:.1f} MB, larger than the reviewer reads "
                      f"({MAX_FILE_BYTES // 1024 // 1024} MB per revision)")
    try:
        data = read_regular_file(path, within)
    except NotCopied as exc:
        raise NotRead(str(exc).removeprefix(path.name + " ")) from None
    if len(data) > MAX_FILE_BYTES:
        raise NotRead(f"is larger than the reviewer reads ({MAX_FILE_BYTES // 1024 // 1024} MB "
                      "per revision)")
    return data.decode("utf-8-sig")  # a BOM is no code


def check_nesting(tree: ast.AST) -> None:
    """Refuse a tree nested deeper than MAX_NESTING: level by level, no recursion here."""
    level: list[ast.AST] = [tree]
    depth = 1
    while level:
        if depth > MAX_NESTING:
            raise NotRead(f"is nested deeper than the reviewer reads ({MAX_NESTING} levels)")
        below: list[ast.AST] = []
        for node in level:
            for name in node._fields:
                value = getattr(node, name, None)
                if isinstance(value, list):
                    below.extend(v for v in value if isinstance(v, ast.AST))
                elif isinstance(value, ast.AST) and not isinstance(value, _LEAVES):
                    below.append(value)
        level = below
        depth += 1


_LEAVES = (ast.expr_context, ast.Constant, ast.Name)
