"""Indexes, unique or not: created or dropped."""

from __future__ import annotations

from dbkit.drift.compare.change import Change, Kind, ddl, how_of, registers, table_name


@registers
class Index(Kind):
    names = ("index", "unique index")
    operations = ("add_index", "remove_index")

    def convert(self, diff: tuple, moved_side_is_database: bool) -> Change:
        how = how_of(diff, moved_side_is_database)
        obj = diff[-1]
        return Change(how, "unique index" if obj.unique else "index", table_name(obj.table), None,
                      obj)

    def undo_sql(self, change: Change) -> tuple[str, bool]:
        from sqlalchemy.schema import CreateIndex

        if change.how == "extra":
            return f"DROP INDEX {change.obj.name};", False
        return ddl(CreateIndex(change.obj)), False
