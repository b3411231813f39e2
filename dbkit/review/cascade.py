"""Rows a DELETE takes with it: the children of a foreign key ON DELETE CASCADE.

A DELETE of every row of a table (the walk's "emptied") deletes every row of a table whose
NOT NULL column is a foreign key ON DELETE CASCADE to it, and of that one's children in
turn: they are emptied by the same revision. The loss is the DELETE's (reported there); a
later drop of an emptied child in that revision loses nothing more (truenth e3923b19b6f5:
``DELETE FROM questionnaire_bank_questionnaires`` empties
``questionnaire_bank_questionnaire_recurs``, dropped a few lines below). So does a DELETE of
every parent row a child's rows point at (``DELETE FROM p USING c WHERE p.k = c.f``): see
:func:`joined`.
"""

from __future__ import annotations

import re
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


# ``DELETE FROM p USING c WHERE p.k = c.f`` (or ``c.f = p.k``), as the walk holds it: what a
# SELECT of its rows takes (Op.using) and its WHERE (Op.picks), no alias, nothing else.
_USING = re.compile(r"(\w+)\.\* FROM ([\w.]+), ([\w.]+)")
_JOIN = re.compile(r"(\w+)\.(\w+) = (\w+)\.(\w+)")


def joined(tables: Tables, op: Op) -> list[str]:
    """The tables a DELETE of the parent rows every row of a child points at empties.

    ``DELETE FROM topic USING topiczone WHERE topic.topic_id = topiczone.topic_id``
    (threatconnectome 47fd451d5c21), ``topiczone.topic_id`` NOT NULL and a foreign key ON
    DELETE CASCADE to ``topic``, and ``topic.topic_id`` the parent's one primary key column
    (what the key points at): every topiczone row points at a topic row the DELETE removes,
    so every topiczone row goes with it, and its children in turn. A later drop of topiczone
    in that revision loses nothing the DELETE (reported there) did not. Nothing for any
    other DELETE, one under an ``if``, or a key that may be NULL (those rows stay)."""
    using, join = _USING.fullmatch(op.using), _JOIN.fullmatch(op.picks)
    if op.name != "delete" or op.conditional or not op.table or using is None or join is None:
        return []
    parent, child = op.table, using[3]
    own = parent.rpartition(".")[2]
    if using[1] != own or using[2] != parent or child not in tables or parent not in tables:
        return []
    sides = {join[1]: join[2], join[3]: join[4]}
    key, link = sides.get(own), sides.get(child.rpartition(".")[2])
    if len(sides) != 2 or key is None or link is None:
        return []
    column = tables[child].get(link)
    primary = [c for c, info in tables[parent].items() if info.primary]
    if column is None or column.nullable or column.cascades_from != parent or primary != [key]:
        return []
    return emptied(tables, child)
