"""sqlholes.py: holes of qualified names are read as names in UPDATEs only."""

from __future__ import annotations

import pytest
from pglast import ast
from pglast.parser import ParseError

from dbkit.review.sqlholes import parsed
from dbkit.review.sqlrefs import name


def test_an_update_on_a_schema_hole_is_read_as_one_of_the_table() -> None:
    (raw,) = parsed('UPDATE {}."builds" AS b SET manifest = l.manifest FROM {}.{} AS l')
    assert isinstance(raw.stmt, ast.UpdateStmt)
    assert name(raw.stmt.relation) == "builds"
    assert name(raw.stmt.fromClause[0]) is None  # a table name not known


@pytest.mark.parametrize("sql", ['DROP TABLE IF EXISTS {}."orders" CASCADE',
                                 'DELETE FROM {}."orders"',
                                 'UPDATE {}."a" SET x = 1; DROP TABLE {}."b"'])
def test_a_drop_or_delete_on_such_a_name_stays_unread(sql: str) -> None:
    with pytest.raises(ParseError):
        parsed(sql)
