"""Unique constraints and foreign keys: added or dropped."""

from __future__ import annotations

from dbkit.drift.compare.change import Change, Kind, columns_of, ddl, how_of, registers, table_name


class Constraint(Kind):
    def undo_sql(self, change: Change) -> tuple[str, bool]:
        from sqlalchemy.schema import AddConstraint, DropConstraint

        if change.how == "extra":
            return ddl(DropConstraint(change.obj)), False
        return ddl(AddConstraint(change.obj)), False


@registers
class UniqueConstraint(Constraint):
    names = ("unique constraint",)
    operations = ("add_constraint", "remove_constraint")

    def convert(self, diff: tuple, moved_side_is_database: bool) -> Change:
        how = how_of(diff, moved_side_is_database)
        obj = diff[-1]
        return Change(how, "unique constraint", table_name(obj.table), None, obj)


@registers
class ForeignKey(Constraint):
    names = ("foreign key",)
    operations = ("add_fk", "remove_fk")

    def convert(self, diff: tuple, moved_side_is_database: bool) -> Change:
        how = how_of(diff, moved_side_is_database)
        obj = diff[-1]
        return Change(how, "foreign key", table_name(obj.parent), None, obj)

    def describe(self, change: Change) -> str:
        name = getattr(change.obj, "name", None) or "(unnamed)"
        columns = ", ".join(sorted(columns_of(change.obj)))
        target = ", ".join(e.target_fullname for e in change.obj.elements)
        return f"foreign key {name} on {change.table}({columns}) -> {target}"
