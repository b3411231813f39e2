"""Columns: added or dropped, and their type, nullability, default or comment changed."""

from __future__ import annotations

from typing import Any

from dbkit.drift.compare.change import (
    DATABASE,
    Change,
    Kind,
    Side,
    What,
    how_of,
    qualified,
    registers,
    type_sql,
)

MODIFIED: dict[str, What] = {"modify_type": "type", "modify_nullable": "nullability",
                             "modify_default": "default", "modify_comment": "comment"}


@registers
class Column(Kind):
    names = ("column",)
    operations = ("add_column", "remove_column")
    holds_data = True

    def convert(self, diff: tuple, moved_side_is_database: bool) -> Change:
        how = how_of(diff, moved_side_is_database)
        _, schema, table, obj = diff
        return Change(how, "column", qualified(schema, table), obj.name, obj,
                      type_sql=type_sql(obj.type))

    def describe(self, change: Change) -> str:
        return f"column {change.table}.{change.column} ({change.type_sql})"

    def undo_sql(self, change: Change) -> tuple[str, bool]:
        if change.how == "extra":
            return f"ALTER TABLE {change.table} DROP COLUMN {change.column};", True
        return f"ALTER TABLE {change.table} ADD COLUMN {change.column} {change.type_sql};", False


class ColumnProperty(Kind):
    """A property of a column that both sides have, with another value (``modify_*`` diffs,
    which Alembic groups per column)."""

    def convert(self, diff: tuple, moved_side_is_database: bool) -> Change:
        op, schema, table, column_name, existing, in_database, in_metadata = diff
        moved, reference = (in_database, in_metadata) if moved_side_is_database \
            else (in_metadata, in_database)
        return Change("modified", MODIFIED[op], qualified(schema, table), column_name,
                      moved=moved, reference=reference, existing=existing)

    def value(self, value: Any) -> str:
        return repr(value)

    def describe(self, change: Change) -> str:
        return f"column {change.table}.{change.column}"

    def message(self, change: Change, side: Side, at: str, stamped: str | None) -> str:
        column, moved, reference = (self.describe(change), self.value(change.moved),
                                    self.value(change.reference))
        if side == DATABASE:
            return f"{column} is {moved} in the database, but {at} make it {reference}"
        return f"{column} is {moved} in the models, but the migrations make it {reference}"

    def alter(self, change: Change, action: str) -> str:
        return f"ALTER TABLE {change.table} ALTER COLUMN {change.column} {action};"


@registers
class Nullability(ColumnProperty):
    names = ("nullability",)
    operations = ("modify_nullable",)

    def value(self, value: Any) -> str:
        return "nullable" if value else "NOT NULL"

    def undo_sql(self, change: Change) -> tuple[str, bool]:
        return self.alter(change, "DROP NOT NULL" if change.reference else "SET NOT NULL"), False


@registers
class Type(ColumnProperty):
    names = ("type",)
    operations = ("modify_type",)

    def value(self, value: Any) -> str:
        return type_sql(value)

    def undo_sql(self, change: Change) -> tuple[str, bool]:
        return self.alter(change, f"TYPE {type_sql(change.reference)}"), True


@registers
class Default(ColumnProperty):
    names = ("default",)
    operations = ("modify_default",)

    def value(self, value: Any) -> str:
        if value is None:
            return "without a default"
        text = getattr(getattr(value, "arg", None), "text", None) or getattr(value, "arg", value)
        return f"with default {text}"

    def undo_sql(self, change: Change) -> tuple[str, bool]:
        if change.reference is None:
            return self.alter(change, "DROP DEFAULT"), False
        return self.alter(change, f"SET {self.value(change.reference).removeprefix('with ')}"), False


@registers
class Comment(ColumnProperty):
    names = ("comment",)  # no undo: a comment is put back by hand (COMMENT ON COLUMN)
    operations = ("modify_comment",)
