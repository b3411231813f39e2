"""Columns: added or dropped, and their type, nullability, default or comment changed."""

from __future__ import annotations

from dbkit.drift.compare.change import Change, converts, qualified, type_sql

MODIFIED = {"modify_type": "type", "modify_nullable": "nullability",
            "modify_default": "default", "modify_comment": "comment"}


@converts("add_column", "remove_column")
def column(diff: tuple, how: str) -> Change:
    _, schema, table, obj = diff
    return Change(how, "column", qualified(schema, table), obj.name, obj, type_sql=type_sql(obj.type))


def modified(diff: tuple, moved_side_is_database: bool) -> Change:
    """One ``modify_*`` diff (Alembic groups them per column)."""
    op, schema, table, column_name, existing, in_database, in_metadata = diff
    moved, reference = (in_database, in_metadata) if moved_side_is_database \
        else (in_metadata, in_database)
    return Change("modified", MODIFIED.get(op, op), qualified(schema, table), column_name,
                  moved=moved, reference=reference, existing=existing)
