"""Unique constraints and foreign keys: added or dropped."""

from __future__ import annotations

from dbkit.drift.compare.change import Change, converts, table_name


@converts("add_constraint", "remove_constraint")
def unique_constraint(diff: tuple, how: str) -> Change:
    obj = diff[-1]
    return Change(how, "unique constraint", table_name(obj.table), None, obj)


@converts("add_fk", "remove_fk")
def foreign_key(diff: tuple, how: str) -> Change:
    obj = diff[-1]
    return Change(how, "foreign key", table_name(obj.parent), None, obj)
