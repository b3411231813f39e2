"""SQL text made parseable: placeholders and the parts of an f-string the reviewer cannot
evaluate (``{}``) stand where PostgreSQL wants a value or a name.

A value (``%s``, ``:name``, ``= {}``, ``IN {}``) becomes a parameter. A part of a qualified name
(``{}."t"``: a schema read from ``os.getenv`` and quoted by a helper, healthcare-mrf-api's
``_backfill_sql``) is read as a quoted name only when that alone keeps the SQL from parsing and
every statement is an UPDATE: a fill of ``t`` in a schema not known is read as a fill of ``t``
(as ``op.alter_column(..., schema=<unknown>)`` is of ``t``, sqlrefs.name). A DROP, ALTER or
DELETE on such a name stays unread: which table it removes the reviewer cannot prove.
"""

from __future__ import annotations

import re

from pglast import ast, parse_sql
from pglast.parser import ParseError

# Placeholders are values, not SQL: make them parameters PostgreSQL can parse.
_PYFORMAT = re.compile(r"%\(\w+\)s|%s")
_NAMED = re.compile(r"(?<![:\w]):(\w+)")
_IN_LIST = re.compile(r"\bin\s+\$1\b", re.I)  # IN :ids, a tuple SQLAlchemy expands: IN ($1)
# A value Python formats in (`.format()`, an f-string's part the reviewer cannot evaluate:
# "{}"), where SQL wants a value: after a comparison, or a list after IN.
_HOLE = re.compile(r"(=|<>|!=|<|>|\blike)\s*\{\w*\}", re.I)
_HOLE_IN = re.compile(r"\b(in)\s*\(?\s*\{\w*\}\s*\)?", re.I)
# ... and where SQL wants a name: a part of a qualified name (``{schema}.{table}``, a helper's
# ``"schema".{}``), quoted so that it parses as a name the reviewer does not know.
_HOLE_NAME = re.compile(r'(?<![\w"\'{])\{\w*\}(?=\.)|(?<=\.)\{\w*\}(?![\w"\'}])')


def parseable(sql: str) -> str:
    sql = _HOLE_IN.sub(r"\1 ($1)", _HOLE.sub(r"\1 $1", _PYFORMAT.sub("$1", sql)))
    sql = _IN_LIST.sub("IN ($1)", _NAMED.sub("$1", sql))
    return sql.replace("%%", "%")


def parsed(sql: str) -> tuple[ast.RawStmt, ...]:
    """The statements of ``sql``; when only the holes of qualified names (``{}."t"``: a schema
    from ``os.getenv`` quoted by a helper) keep it from parsing, they are read as names when
    every statement is an UPDATE: a fill of ``t`` (healthcare-mrf-api's ``_backfill_sql``). A
    drop or DELETE in such a name stays unread: which table it is the reviewer cannot prove."""
    try:
        return tuple(parse_sql(parseable(sql)))
    except ParseError:
        named = _HOLE_NAME.sub(lambda m: f'"{m.group(0)}"', sql)
        if named == sql:
            raise
        statements = tuple(parse_sql(parseable(named)))
        if not all(isinstance(s.stmt, ast.UpdateStmt) for s in statements):
            raise
        return statements
