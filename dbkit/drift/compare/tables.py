"""Tables: created or dropped."""

from __future__ import annotations

from dbkit.drift.compare.change import Change, converts, qualified


@converts("add_table", "remove_table")
def table(diff: tuple, how: str) -> Change:
    obj = diff[-1]
    return Change(how, "table", qualified(obj.schema, obj.name), None, obj)
