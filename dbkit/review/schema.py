"""The schema the chain builds, revision after revision, as PostgreSQL would hold it.

:func:`walk` applies each upgrade op in chain order to a :class:`Schema` and
records what it saw on the way as :class:`Event` objects (a change made twice,
a change to a table that does not exist yet, a NOT NULL set on a column, ...).
It judges nothing: the rules in :mod:`dbkit.review.rules` read the events and
decide what to report. Columns come from create_table and add_column; indexes
and constraints belong to their table and columns and go with them.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass, field

from dbkit.review.ops import ColumnInfo, Op, Ref
from dbkit.review.reader import Revision

BEFORE_THE_CHAIN = "(before the chain)"
TABLE_CHANGES = ("add_column", "drop_column", "alter_column", "create_index",
                 "create_unique_constraint", "create_foreign_key", "create_check_constraint",
                 "create_primary_key")


@dataclass
class Schema:
    """What the chain has built so far."""

    tables: dict[str, dict[str, ColumnInfo]] = field(default_factory=dict)
    created_in: dict[str, str] = field(default_factory=dict)  # table -> revision that made it
    dropped: set[str] = field(default_factory=set)  # tables the chain dropped (and not remade)
    backfilled: set[tuple[str, str]] = field(default_factory=set)  # (table, column) filled
    names: dict[str, tuple[str | None, tuple[str, ...]]] = field(default_factory=dict)
    made_in: dict[tuple, str] = field(default_factory=dict)  # change -> revision that made it
    copied: dict[Ref, str] = field(default_factory=dict)  # values read by a data op -> revision


@dataclass(frozen=True)
class Event:
    """Something the walk saw at one op. ``kind`` says what; ``detail`` holds the facts.

    Kinds:
    - ``twice``: the op repeats a change an earlier revision made (``what``, ``earlier``);
    - ``missing-table``: the op changes a table that does not exist at that point of the
      chain (``created``: the revision that creates it later, or None if it was dropped);
    - ``add-not-null``: add_column of a NOT NULL column without a server default to a
      table this revision did not create;
    - ``set-not-null``: NOT NULL set on a column (``needs_fill``: the column may hold
      NULLs, ``filled_before``: a backfill of it ran earlier in the chain,
      ``filled_after``: the line of a backfill later in the same upgrade, or None).
    """

    kind: str
    rev: Revision
    op: Op
    detail: dict = field(default_factory=dict)


@dataclass
class Walk:
    schema: Schema
    events: list[Event]
    dropped_types: dict[tuple[str, int], str | None]  # (file, line) of a drop -> column type
    copied_earlier: set[tuple[str, int]]  # (file, line) of drops whose values a revision
    # before it had already read into another column or table

    def of(self, kind: str) -> list[Event]:
        return [e for e in self.events if e.kind == kind]


def walk(order: Iterable[Revision]) -> Walk:
    order = list(order)
    created_later: dict[str, str] = {}
    for rev in order:
        for op in rev.upgrade:
            if op.name == "create_table" and op.table:
                created_later.setdefault(op.table, rev.name)
    result = Walk(Schema(), [], {}, set())
    for rev in order:
        for op in rev.upgrade:
            _step(result, rev, op, created_later)
        writes = any(op.name in ("backfill", "insert") for op in rev.upgrade)
        for op in rev.upgrade:  # values carried elsewhere here count for the later drops
            if op.name in ("backfill", "insert") or (op.name == "read" and writes):
                for ref in op.reads:
                    result.schema.copied.setdefault(ref, rev.name)
    return result


def _twice(result: Walk, rev: Revision, op: Op, key: tuple, what: str) -> None:
    """A change an earlier revision already made (within one revision, if/else may repeat)."""
    earlier = result.schema.made_in.get(key)
    if earlier and earlier != rev.name:
        result.events.append(Event("twice", rev, op, {"what": what, "earlier": earlier}))


def _copied(s: Schema, table: str | None, column: str) -> bool:
    return any((t is None or t == table) and c in (column, "*") for t, c in s.copied)


def _step(result: Walk, rev: Revision, op: Op, created_later: dict[str, str]) -> None:
    s = result.schema
    table = s.tables.get(op.table) if op.table else None
    if op.table and table is None and op.name in TABLE_CHANGES + ("drop_table",
                                                                   "rename_table"):
        if op.table in s.dropped or (op.table in created_later
                                     and op.table not in s.created_in
                                     and created_later[op.table] != rev.name):  # if/else
            result.events.append(Event("missing-table", rev, op, {
                "created": None if op.table in s.dropped else created_later[op.table]}))
    if op.name == "create_table" and op.table:
        if op.table in s.tables and not op.if_not_exists:
            _twice(result, rev, op, ("table", op.table), f"table {op.table} is already created")
        s.made_in[("table", op.table)] = rev.name
        for made in op.columns:
            s.made_in[("column", op.table, made)] = rev.name
        s.tables[op.table] = dict(op.columns)
        s.created_in[op.table] = rev.name
        s.dropped.discard(op.table)
    elif op.name == "drop_table" and op.table:
        result.dropped_types[(rev.shown, op.line)] = None
        if _copied(s, op.table, "*"):
            result.copied_earlier.add((rev.shown, op.line))
        s.tables.pop(op.table, None)
        s.created_in.pop(op.table, None)
        s.dropped.add(op.table)
        for index, (owner, _) in list(s.names.items()):
            if owner == op.table:
                del s.names[index]
        for key in [k for k in s.made_in if len(k) > 1 and k[1] == op.table]:
            del s.made_in[key]
    elif op.name == "rename_table" and op.table and op.new_name:
        if op.table in s.tables:
            s.tables[op.new_name] = s.tables.pop(op.table)
            s.created_in[op.new_name] = s.created_in.pop(op.table, BEFORE_THE_CHAIN)
        for index, (owner, keys) in list(s.names.items()):
            if owner == op.table:
                s.names[index] = (op.new_name, keys)
    elif op.name == "add_column" and op.added and op.table:
        column = op.added
        key = ("column", op.table, column.name)
        if table is not None and column.name in table and not op.if_not_exists:
            _twice(result, rev, op, key, f"column {op.table}.{column.name} is already added")
        s.made_in[key] = rev.name
        if not column.nullable and not column.server_default \
                and s.created_in.get(op.table) != rev.name:
            result.events.append(Event("add-not-null", rev, op))
        if table is not None:
            table[column.name] = column
        else:
            s.tables.setdefault(op.table, {})[column.name] = column
            s.created_in.setdefault(op.table, BEFORE_THE_CHAIN)
    elif op.name == "drop_column" and op.table and op.column:
        known = (table or {}).pop(op.column, None)
        result.dropped_types[(rev.shown, op.line)] = known.type_ if known else None
        if _copied(s, op.table, op.column):
            result.copied_earlier.add((rev.shown, op.line))
        s.made_in.pop(("column", op.table, op.column), None)
        for index, (owner, keys) in list(s.names.items()):  # they go with their column
            if owner == op.table and op.column in keys:
                del s.names[index]
    elif op.name == "backfill" and op.table:
        s.backfilled |= {(t, c) for t, c in op.writes if t}
    elif op.name in ("set_not_null", "alter_column") and op.table and op.column:
        if op.name == "set_not_null" or op.nullable is False:
            _set_not_null(result, rev, op, table)
        elif op.nullable is True and table and op.column in table:
            table[op.column].nullable = True
        if op.new_name and table is not None:
            key = ("column", op.table, op.new_name)
            if op.column not in table and op.new_name in table:
                _twice(result, rev, op, key,
                       f"{op.table}.{op.column} is already renamed to {op.new_name}")
            s.made_in[key] = rev.name
            if op.column in table:
                table[op.new_name] = table.pop(op.column)
                table[op.new_name].name = op.new_name
            for index, (owner, keys) in list(s.names.items()):
                if owner == op.table and op.column in keys:
                    s.names[index] = (owner, tuple(op.new_name if k == op.column else k
                                                   for k in keys))
    elif op.name in ("create_unique_constraint", "create_index", "create_foreign_key",
                     "create_check_constraint") and isinstance(op.constraint, str):
        if op.constraint in s.names and not op.if_not_exists:
            _twice(result, rev, op, ("name", op.constraint), f"{op.constraint} is already created")
        s.names[op.constraint] = (op.table, op.keys)
        s.made_in[("name", op.constraint)] = rev.name
    elif op.name in ("drop_constraint", "drop_index") and isinstance(op.constraint, str):
        s.names.pop(op.constraint, None)
        s.made_in.pop(("name", op.constraint), None)


def _set_not_null(result: Walk, rev: Revision, op: Op, table: dict | None) -> None:
    s = result.schema
    column = (table or {}).get(op.column or "")
    later = [b for b in rev.upgrade if b.name == "backfill" and b.seq > op.seq
             and b.fills(op.table, op.column)]
    earlier_here = any(b.name == "backfill" and b.seq < op.seq and b.fills(op.table, op.column)
                       for b in rev.upgrade)
    needs_fill = True
    if column is not None:
        already = not column.nullable
        column.nullable = False
        if already or column.server_default or s.created_in.get(op.table or "") == rev.name:
            needs_fill = False
    result.events.append(Event("set-not-null", rev, op, {
        "needs_fill": needs_fill,
        "filled_before": earlier_here or (op.table, op.column) in s.backfilled,
        "filled_after": later[0].line if later else None}))
