"""Tables no row can reach: made with a BEFORE INSERT trigger whose function sets a field of
NEW the table has no column for, so every INSERT fails and the table stays empty (a later
drop of it loses nothing)."""

from __future__ import annotations

from typing import TYPE_CHECKING, Protocol

if TYPE_CHECKING:
    from dbkit.review.ops import ColumnInfo
    from dbkit.review.reader import Revision


class Schema(Protocol):
    """What these read of :class:`dbkit.review.schema.Schema` (no import: no cycle)."""

    tables: dict[str, dict[str, ColumnInfo]]
    created_in: dict[str, str]
    emptied_in: dict[str, str]
    functions: dict[str, tuple[str, ...]]
    insert_triggers: dict[str, dict[str, str]]
    unwritable: dict[str, set[str]]


def unwritable(s: Schema, rev: Revision, names: dict[str, str]) -> set[str]:
    """The tables no row can reach after ``rev``: empty when their BEFORE INSERT trigger
    was made (created in this revision, or unwritable already), and the trigger's function
    uses a field of NEW the table has no column for, so every INSERT fails."""
    before = _parents_unwritable(s, rev, names)
    found = set()
    for table, triggers in s.insert_triggers.items():
        columns = s.tables.get(table)
        if columns is None or not (s.created_in.get(table) == rev.name or table in before):
            continue
        if any(set(s.functions.get(f, ())) - set(columns) for f in triggers.values()):
            found.add(table)
    return found


def _parents_unwritable(s: Schema, rev: Revision, names: dict[str, str]) -> set[str]:
    parents = [names.get(p) for p in rev.down_revision or ()]
    if not parents or any(p is None or p not in s.unwritable for p in parents):
        return set()
    return set.intersection(*(s.unwritable[p] for p in parents if p))


def still_empty(s: Schema, rev: Revision, names: dict[str, str]) -> None:
    """A table no INSERT could reach since it was made holds no row when ``rev`` starts."""
    for table in _parents_unwritable(s, rev, names):
        s.emptied_in[table] = rev.name
