"""Tables: created or dropped."""

from __future__ import annotations

from dbkit.drift.compare.change import Change, Kind, ddl, how_of, qualified, registers


@registers
class Table(Kind):
    names = ("table",)
    operations = ("add_table", "remove_table")
    holds_data = True

    def convert(self, diff: tuple, moved_side_is_database: bool) -> Change:
        how = how_of(diff, moved_side_is_database)
        obj = diff[-1]
        return Change(how, "table", qualified(obj.schema, obj.name), None, obj)

    def describe(self, change: Change) -> str:
        return f"table {change.table}"

    def undo_sql(self, change: Change) -> tuple[str, bool]:
        from sqlalchemy.schema import CreateTable

        if change.how == "extra":
            return f"DROP TABLE {change.table};", True
        return ddl(CreateTable(change.obj)), False
