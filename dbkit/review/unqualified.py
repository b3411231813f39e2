"""Unqualified columns of an ``INSERT ... SELECT`` over several tables, named by the schema.

``INSERT INTO tag_new (tag, object_id) SELECT tag, object_id FROM object_tag JOIN tag ON
tag.id = object_tag.tag_id`` (mwdb d7725a4e500c): PostgreSQL takes each unqualified column
from the one table of the FROM that has it. The SQL alone cannot say which; the chain's schema
at that statement can. A column that no table of the FROM is known to have, or that more
than one has, stays unresolved (``(None, column)``), as before.
"""

from __future__ import annotations

from collections.abc import Mapping

from pglast import ast

from dbkit.review.ops import Op
from dbkit.review.sqlrefs import aliases


def from_tables(select: object) -> tuple[str, ...]:
    """The tables of a SELECT's FROM (an ``INSERT ... SELECT``'s, a ``CREATE TABLE ... AS``'s,
    d45d8a97e784 of referendumServices: a view of ``vote_choice_id`` that is no copy of an
    unrelated table's) when more than one: their unqualified columns are the ones to name."""
    if not isinstance(select, ast.SelectStmt):
        return ()
    named = sorted(set(aliases(select.fromClause).values()))
    return tuple(named) if len(named) > 1 else ()


def resolve(tables: Mapping[str, Mapping[str, object]], op: Op) -> None:
    """Name the table of each unqualified column ``op`` reads (``op.resolved``) when exactly
    one of its FROM tables (``op.from_tables``) is known to have a column of that name. Only
    the schema's record of copied values reads them: a DELETE's rows are not taken as kept
    by a copy of one column guessed so (copr 45d0515bdc3f:19, ``username`` of "user")."""
    if not op.from_tables or not any(t is None for t, _ in op.reads):
        return
    known = [t for t in op.from_tables if t in tables]
    if len(known) != len(op.from_tables):  # a table the chain does not know may have it
        return
    resolved = set()
    for table, column in op.reads:
        owners = [t for t in known if column in tables[t]] if table is None else []
        resolved.add((owners[0], column) if len(owners) == 1 else (table, column))
    op.resolved = resolved
