"""What became of the data of each drop_column / drop_table: kept, renamed, or lost.

Two rules read this: rename-as-drop-add (the drop has a likely rename partner)
and data-dropped (it has none, and no copy was kept).
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from dbkit.review.chain import Chain
from dbkit.review.reader import Op, Revision
from dbkit.review.schema import Walk

TYPE_FAMILIES = {
    "string": {"String", "VARCHAR", "Text", "TEXT", "Unicode", "UnicodeText", "CHAR", "NCHAR",
               "NVARCHAR", "CITEXT"},
    "integer": {"Integer", "INTEGER", "INT", "BigInteger", "BIGINT", "SmallInteger", "SMALLINT"},
    "number": {"Numeric", "NUMERIC", "Float", "FLOAT", "DECIMAL", "Double", "REAL"},
    "time": {"DateTime", "DATETIME", "TIMESTAMP", "Date", "DATE", "Time", "TIME"},
    "boolean": {"Boolean", "BOOLEAN"},
    "json": {"JSON", "JSONB"},
}
_FAMILY = {t: name for name, types in TYPE_FAMILIES.items() for t in types}


def compatible(a: str | None, b: str | None) -> bool:
    """Could a column of type a hold b's values as they are? Unknown types are compatible."""
    if a is None or b is None:
        return True
    return _FAMILY.get(a, a) == _FAMILY.get(b, b)


@dataclass(frozen=True)
class Drop:
    rev: Revision
    op: Op  # the drop_column or drop_table
    marker: str | None  # where a `# dbkit: data-kept-in` comment says the data went
    kept: bool  # this revision copied the data first (or created what it drops)
    partner: tuple[Revision, Op] | None  # the add_column / create_table it likely renames to

    @property
    def lost(self) -> bool:
        return not self.marker and not self.kept


def drops(chain: Chain, walk: Walk) -> list[Drop]:
    found = []
    for rev in chain.order:
        for op in rev.upgrade:
            if op.name in ("drop_column", "drop_table"):
                kept = _kept(rev, op)
                marker = rev.marker_for(op)
                partner = None if kept or marker else _partner(chain, walk, rev, op)
                found.append(Drop(rev, op, marker, kept, partner))
    return found


def _kept(rev: Revision, op: Op) -> bool:
    """Did this revision copy the data before dropping it, or create it itself?"""
    earlier = [o for o in rev.upgrade if o.line < op.line]
    if op.name == "drop_table":
        return any(o.copies_from == op.table for o in earlier) or any(
            o.name == "create_table" and o.table == op.table for o in earlier)
    word = re.compile(rf"\b{re.escape(op.column or '')}\b")
    for o in earlier:
        if o.name == "add_column" and o.table == op.table and o.column == op.column:
            return True
        if o.copies_from == op.table and word.search(o.copies):
            return True
        if o.name == "backfill" and o.table == op.table and any(
                target != op.column and word.search(expr) for target, expr in o.sets.items()):
            return True
    return False


def _partner(chain: Chain, walk: Walk, rev: Revision, op: Op) -> tuple[Revision, Op] | None:
    for other in chain.neighbours(rev):
        for add in other.upgrade:
            if op.name == "drop_column" and add.name == "add_column" and add.added \
                    and add.table == op.table and add.added.name != op.column \
                    and compatible(walk.dropped_types.get((rev.shown, op.line)),
                                   add.added.type_):
                return other, add
            if op.name == "drop_table" and add.name == "create_table" \
                    and add.table != op.table and _similar(chain, op.table, add):
                return other, add
    return None


def _similar(chain: Chain, dropped: str | None, created: Op) -> bool:
    """Does the new table look like the dropped one (half its columns, or unknown)?"""
    for rev in chain.order:
        for op in rev.upgrade:
            if op.name == "create_table" and op.table == dropped and op.columns:
                shared = op.columns.keys() & created.columns.keys()
                return len(shared) * 2 >= len(op.columns)
    return True
