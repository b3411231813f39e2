"""The little the reviewer reads of MySQL's ALTER TABLE, which pglast cannot parse.

A chain written for MySQL (beaker's) says ``ALTER TABLE t MODIFY [COLUMN] c <type> NOT
NULL`` where PostgreSQL says ``ALTER COLUMN c SET NOT NULL``. Of each ``MODIFY`` (and
``CHANGE c c``, the same name kept) clause only the column and its nullability are read:
MySQL redefines the whole column, so one without ``NOT NULL`` is nullable after it. Nothing
else is guessed (the type, a default, a ``CHANGE`` that renames): the statement keeps its
``execute`` op for what is not read. A ``DROP COLUMN c`` clause is a drop of c (beaker
1626ad29c170 drops ``id`` beside ``DROP FOREIGN KEY `{fk}``` and ``ADD PRIMARY KEY``): no
clause of an ALTER TABLE moves a value into another column or table, so the statement's
other clauses keep nothing of c. ``DROP c`` without ``COLUMN`` is not read (``DROP INDEX``,
``DROP FOREIGN KEY`` and the like share its shape).
"""

from __future__ import annotations

import re

from dbkit.review.ops import Op

_ALTER = re.compile(r"^\s*alter\s+(?:ignore\s+)?table\s+((?:`?\w+`?\.)?`?\w+`?)\s+(.*?)\s*;?\s*$",
                    re.I | re.S)
_MODIFY = re.compile(r"^modify\s+(?:column\s+)?`?(\w+)`?\s+\S", re.I)
_CHANGE = re.compile(r"^change\s+(?:column\s+)?`?(\w+)`?\s+`?(\w+)`?\s+\S", re.I)
_QUOTED = re.compile(r"'(?:[^'\\]|\\.|'')*'|\"(?:[^\"\\]|\\.)*\"")
_DROP = re.compile(r"^drop\s+column\s+(if\s+exists\s+)?`?(\w+)`?\s*$", re.I)
_ADD = re.compile(r"^add\s+(?:column\s+)?(?:if\s+not\s+exists\s+)?`?(\w+)`?", re.I)
_RENAME = re.compile(r"^rename\b", re.I)
_DELETE = re.compile(r"^\s*delete\b", re.I)
_RETURNING = re.compile(r"\breturning\b", re.I)
# SQLite's PRAGMA: reads the schema (table_info) or sets a connection's mode; writes no row.
_PRAGMA = re.compile(r"^\s*pragma\s+[\w.]+\s*(?:\(\s*[\w.'\"]*\s*\)|=\s*[\w'\"-]+)?\s*$", re.I)
_NOT_NULL = re.compile(r"\bnot\s+null\b", re.I)


def modified_columns(sql: str, line: int, end_line: int) -> list[Op]:
    """``alter_column`` ops (table, column, nullable) for the MODIFY / CHANGE clauses of a
    MySQL ``ALTER TABLE``, ``drop_column`` ops for its DROP COLUMN clauses; [] for anything
    else."""
    found = _ALTER.match(sql)
    if not found:
        return []
    table = found.group(1).replace("`", "")
    ops = []
    for clause in _clauses(found.group(2)):
        modify, change, drop = _MODIFY.match(clause), _CHANGE.match(clause), _DROP.match(clause)
        if drop:
            ops.append(Op("drop_column", line, end_line, table=table, column=drop.group(2),
                          if_exists=bool(drop.group(1)), via="sql"))
            continue
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


def not_parsed(sql: str, line: int, end_line: int, gone: list[Op]) -> list[Op]:
    """The ops of SQL pglast cannot parse (none for one SQLite PRAGMA, which writes no row):
    an ``execute`` op (what is not read), the
    ``gone`` rows of a DELETE, then what :func:`modified_columns` reads. The ``execute`` op
    copies none when the SQL is one ALTER TABLE that renames nothing, or one DELETE that
    returns nothing: neither puts a value into another column or table (beaker 1626ad29c170's
    ``DELETE a FROM t a LEFT JOIN ...`` before its ``DROP COLUMN id``); it holds the names
    the ALTER TABLE may add, which a later drop may find empty."""
    bare = _QUOTED.sub("''", sql).strip().rstrip(";")
    if ";" not in bare and _PRAGMA.match(bare):
        return []
    found, clauses = _ALTER.match(bare), []
    if found:
        clauses = _clauses(found.group(2))
    alone = ";" not in bare and (
        bool(found) and not any(_renames(c) for c in clauses)
        or bool(_DELETE.match(bare)) and not _RETURNING.search(bare))
    adds = frozenset(a.group(1).lower() for c in clauses if (a := _ADD.match(c)))
    return [Op("execute", line, end_line, via="sql", copies_none=adds if alone else None),
            *gone, *modified_columns(sql, line, end_line)]


def _renames(clause: str) -> bool:
    change = _CHANGE.match(clause)
    if change is not None:
        return change.group(1).lower() != change.group(2).lower()
    return bool(_RENAME.match(clause))


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
