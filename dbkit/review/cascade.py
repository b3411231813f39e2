"""Rows a DELETE takes with it: the children of a foreign key ON DELETE CASCADE.

A DELETE of every row of a table (the walk's "emptied") deletes every row of a table whose
NOT NULL column is a foreign key ON DELETE CASCADE to it, and of that one's children in
turn: they are emptied by the same revision. The loss is the DELETE's (reported there); a
later drop of an emptied child in that revision loses nothing more (truenth e3923b19b6f5:
``DELETE FROM questionnaire_bank_questionnaires`` empties
``questionnaire_bank_questionnaire_recurs``, dropped a few lines below).
"""

from __future__ import annotations

from dataclasses import replace

from dbkit.review.ops import ColumnInfo, Op

Tables = dict[str, dict[str, ColumnInfo]]


def note(tables: Tables, op: Op) -> None:
    """A create_foreign_key ON DELETE CASCADE: its columns point at its parent."""
    columns = tables.get(op.table or "")
    if op.name != "create_foreign_key" or not op.cascades_from or columns is None:
        return
    for key in op.keys:
        if key in columns:
            columns[key] = replace(columns[key], cascades_from=op.cascades_from)


def emptied(tables: Tables, table: str) -> list[str]:
    """The tables a DELETE of every row of ``table`` empties: it, and its children."""
    found: list[str] = [table]
    todo = [table]
    while todo:
        parent = todo.pop()
        for child, columns in tables.items():
            if child not in found and any(
                    c.cascades_from == parent and not c.nullable for c in columns.values()):
                found.append(child)
                todo.append(child)
    return found
