"""Indexes, unique or not: created or dropped."""

from __future__ import annotations

from dbkit.drift.compare.change import Change, converts, table_name


@converts("add_index", "remove_index")
def index(diff: tuple, how: str) -> Change:
    obj = diff[-1]
    return Change(how, "unique index" if obj.unique else "index", table_name(obj.table), None, obj)
