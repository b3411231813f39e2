"""The head the revision files describe, read without running them (the reviewer's walk).

Used only when the chain cannot run to head: the head-schema checks then say what the files
mean to build, marked as read statically. Uniqueness is known only from a named or unnamed
``create_unique_constraint``/``unique=True`` index on the one column.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from pathlib import Path

from dbkit.errors import DbkitError


@dataclass
class StaticHead:
    tables: dict[str, dict[str, bool]]  # table -> column -> nullable
    unique: set[tuple[str, str]] = field(default_factory=set)  # (table, column) made unique
    renames: list[tuple[str, str, str, str, int]] = field(default_factory=list)
    # (table, old, new, file, line) of each alter_column(new_column_name=...)
    foreign_keys: list[tuple[str, str, str, int]] = field(default_factory=list)
    # (table, referred table, file, line)
    unnamed_drops: list[tuple[str, int]] = field(default_factory=list)
    # (file, line) of each drop_constraint(None, ...) in a downgrade: it cannot run
    dropped: list[tuple[str, str, str, int, str]] = field(default_factory=list)
    # (table, column, file, line, message) of the reviewer's data-dropped / rename-as-drop-add
    ops: list[tuple[str, int, str, str | None, str | None]] = field(default_factory=list)
    # (file, line, op name, table, column) of every upgrade op, in chain order

    def line_of(self, name: str, table: str | None, column: str | None) -> str | None:
        """``file:line`` of the first op ``name`` on that table (and column)."""
        for file, line, op, on, col in self.ops:
            if op == name and (table is None or on == table) and (column is None or col == column):
                return f"{file}:{line}"
        return None


def static_head(path: Path) -> StaticHead | None:
    from dbkit.review.chain import chain_order, collect
    from dbkit.review.schema import walk

    try:
        revisions, _ = collect(str(path))
    except DbkitError:
        return None
    ordered = chain_order(revisions)
    schema = walk(ordered).schema
    head = StaticHead({t: {c: info.nullable for c, info in cols.items()}
                       for t, cols in schema.tables.items()})
    for rev in ordered:
        for op in rev.upgrade:
            column = op.added.name if op.added is not None else op.column
            head.ops.append((Path(rev.shown).name, op.line, op.name, op.table, column))
            if op.name in ("create_unique_constraint", "create_index") and len(op.keys) == 1 \
                    and op.table and (op.name == "create_unique_constraint"
                                      or getattr(op, "unique", False)):
                head.unique.add((op.table, op.keys[0]))
            elif op.name == "alter_column" and op.new_name and op.table and op.column:
                head.renames.append((op.table, op.column, op.new_name, Path(rev.shown).name,
                                     op.line))
            elif op.name == "create_foreign_key" and op.table:
                head.foreign_keys.append((op.table, str(op.new_name or "?"), Path(rev.shown).name,
                                          op.line))
        for op in rev.downgrade:
            if op.name == "drop_constraint" and op.constraint is None:
                head.unnamed_drops.append((Path(rev.shown).name, op.line))
    head.dropped = _dropped(path)
    return head


DROPPED = re.compile(r"^(?:Drops column ([\w.]+)\.(\w+)|([\w.]+)\.(\w+) is dropped)")


def _dropped(path: Path) -> list[tuple[str, str, str, int, str]]:
    """The reviewer's static findings of values dropped with no copy, column by column."""
    from dbkit.review import review_paths

    try:
        findings, _ = review_paths([str(path)], sql=False)
    except DbkitError:
        return []
    found = []
    for f in findings:
        match = DROPPED.match(f.message) if f.rule in ("data-dropped", "rename-as-drop-add") else None
        if match:
            table, column = (match[1], match[2]) if match[1] else (match[3], match[4])
            found.append((table, column, Path(f.file).name, f.line, f.message))
    return found
