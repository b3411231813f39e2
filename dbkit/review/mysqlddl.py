"""The little the reviewer reads of MySQL's ALTER TABLE, which pglast cannot parse.

A chain written for MySQL (beaker's) says ``ALTER TABLE t MODIFY [COLUMN] c <type> NOT
NULL`` where PostgreSQL says ``ALTER COLUMN c SET NOT NULL``. Of each ``MODIFY`` (and
``CHANGE c c``, the same name kept) clause only the column and its nullability are read:
MySQL redefines the whole column, so one without ``NOT NULL`` is nullable after it. Nothing
else is guessed (the type, a default, a ``CHANGE`` that renames): the statement keeps its
``execute`` op for what is not read.
"""

from __future__ import annotations

import re

from dbkit.review.ops import Op

_ALTER = re.compile(r"^\s*alter\s+(?:ignore\s+)?table\s+((?:`?\w+`?\.)?`?\w+`?)\s+(.*?)\s*;?\s*$",
                    re.I | re.S)
_MODIFY = re.compile(r"^modify\s+(?:column\s+)?`?(\w+)`?\s+\S", re.I)
_CHANGE = re.compile(r"^change\s+(?:column\s+)?`?(\w+)`?\s+`?(\w+)`?\s+\S", re.I)
_QUOTED = re.compile(r"'(?:[^'\\]|\\.|'')*'|\"(?:[^\"\\]|\\.)*\"")
_NOT_NULL = re.compile(r"\bnot\s+null\b", re.I)


def modified_columns(sql: str, line: int, end_line: int) -> list[Op]:
    """``alter_column`` ops (table, column, nullable) for the MODIFY / CHANGE clauses of a
    MySQL ``ALTER TABLE``; [] for anything else."""
    found = _ALTER.match(sql)
    if not found:
        return []
    table = found.group(1).replace("`", "")
    ops = []
    for clause in _clauses(found.group(2)):
        modify, change = _MODIFY.match(clause), _CHANGE.match(clause)
        if modify:
            column = modify.group(1)
        elif change and change.group(1).lower() == change.group(2).lower():
            column = change.group(2)
        else:
            continue
        rest = _QUOTED.sub("''", clause)
        ops.append(Op("alter_column", line, end_line, table=table, column=column,
                      nullable=not _NOT_NULL.search(rest), via="sql"))
    return ops


def _clauses(body: str) -> list[str]:
    """The comma-separated clauses of an ALTER TABLE, commas in parentheses or quotes kept."""
    clauses, depth, start, quote = [], 0, 0, ""
    for index, char in enumerate(body):
        if quote:
            quote = "" if char == quote else quote
        elif char in "'\"`":
            quote = char
        elif char == "(":
            depth += 1
        elif char == ")":
            depth -= 1
        elif char == "," and depth == 0:
            clauses.append(body[start:index].strip())
            start = index + 1
    clauses.append(body[start:].strip())
    return [c for c in clauses if c]
