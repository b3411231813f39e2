"""A Core statement's ``where(sa.text("..."))``: the SQL it holds, read as a WHERE would be.

``sa.update(station).where(sa.text("pr_occhab.t_stations.is_habitat_complex = true"))
.values(id_nomenclature_type_mosaique_habitat=...)`` (GeoNature c1a6b0793360) picks the rows by
a flag written as SQL, and carries it into the column it sets, as ``.where(t.c.flag.is_(True))``
does: the columns the SQL reads are the where()'s, its unqualified ones the updated table's.
A column it only tests for NULL (``x IS NOT NULL``) carries whether it was set, no value.
"""

from __future__ import annotations

from pglast import ast, parse_sql
from pglast.enums import NullTestType
from pglast.parser import ParseError
from pglast.visitors import Visitor

from dbkit.review.ops import Ref
from dbkit.review.sqlrefs import reads


class _NullTests(Visitor):
    def __init__(self) -> None:
        self.tested: list[tuple[str, ...]] = []

    def visit_NullTest(self, _ancestors: object, node: ast.NullTest) -> None:  # noqa: N802
        if isinstance(node.arg, ast.ColumnRef) and node.nulltesttype in (
                NullTestType.IS_NULL, NullTestType.IS_NOT_NULL):
            self.tested.append(tuple(getattr(f, "sval", "*") for f in node.arg.fields or ()))


def text_where(sql: str, table: str | None) -> tuple[frozenset[Ref], frozenset[Ref]]:
    """The columns a WHERE written as SQL reads, and those it only tests for NULL (both
    empty when the SQL cannot be read: nothing is assumed). Unqualified columns, and those
    qualified by the table's own name (with or without its schema), are ``table``'s."""
    if not table:
        return frozenset(), frozenset()
    try:
        stmts = parse_sql(f"SELECT 1 FROM {table} WHERE {sql}")
    except ParseError:
        return frozenset(), frozenset()
    select = stmts[0].stmt if len(stmts) == 1 else None
    if not isinstance(select, ast.SelectStmt) or select.whereClause is None:
        return frozenset(), frozenset()
    short = table.rsplit(".", 1)[-1]
    own = {table: table, short: table}
    found = {(own.get(t or "", t) if t else table, c)
             for t, c in reads(select.whereClause, own, table)}
    visitor = _NullTests()
    visitor(select.whereClause)
    nulls = {(table if len(n) == 1 or n[-2] in own else n[-2], n[-1]) for n in visitor.tested}
    return frozenset(found), frozenset(nulls & found)
