"""A copy whose columns the reviewer cannot place: no proof that a later drop loses them.

``INSERT INTO t_fieldmappings (id, values) WITH cte AS (SELECT id_mapping,
json_object_agg(target_field, source_field) FROM t_mappings_fields mf JOIN dict_fields df ON
...) SELECT ...`` (GeoNature 6470a2141c83): the columns are unqualified over a join of tables
whose columns the chain does not show (made outside it), so the reviewer cannot tell which
table each is read from; ``t_mappings_fields``, dropped a few lines below, may be the one.
An error is a proof: the drop is a warning naming that statement. Where the chain knows every
table of the join (unqualified.py names the column's table, or finds it in several: SQL
PostgreSQL refuses), nothing changes.
"""

from __future__ import annotations

from pglast import ast
from pglast.visitors import Visitor

from dbkit.review.ops import Op
from dbkit.review.sqlrefs import name


class _Tables(Visitor):
    def __init__(self) -> None:
        self.names: set[str] = set()

    def visit_RangeVar(self, _ancestors: object, node: ast.RangeVar) -> None:  # noqa: N802
        found = name(node)
        if found:
            self.names.add(found)


def _read_tables(statement: object) -> set[str]:
    """The tables a statement names, but the one an INSERT or UPDATE writes into."""
    visitor = _Tables()
    visitor(statement)  # type: ignore[arg-type]
    target = name(getattr(statement, "relation", None))
    return visitor.names - {target} if target else visitor.names


def unplaced(ops: list[Op], drop: Op) -> str:
    """"" unless an INSERT or UPDATE of another table before ``drop`` (in this revision)
    reads the dropped table in a query whose unqualified columns (the dropped column's
    name, for a drop_column) the reviewer could not place; else that, for a warning."""
    for other in ops:
        if other.seq >= drop.seq or other.name not in ("insert", "backfill") \
                or other.statement is None or other.resolved or other.table == drop.table:
            continue
        loose = {c for t, c in other.reads if t is None and c != "*"}
        if drop.name == "drop_column":
            loose &= {drop.column}
        if loose and drop.table in _read_tables(other.statement):
            return (f"line {other.line} copies rows from a query over {drop.table} and tables "
                    "whose columns the chain does not show, reading "
                    f"{', '.join(sorted(loose))} unqualified: the reviewer cannot tell which "
                    "table each comes from, and it may keep these values. ")
    return ""
