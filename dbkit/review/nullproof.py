"""Drops the chain proves hold no value: nothing to lose, no data-dropped.

- **A CHECK and a NOT NULL.** A CHECK that lets at most one of some columns hold a value
  ("exactly one of user_id, org_id, team_id is NOT NULL", checkexpr.py), with one of them
  NOT NULL: every other one is NULL in every row (hasgeek/lastuser c446b9bc0691 makes
  user_id NOT NULL, then drops team_id and org_id). PostgreSQL drops the CHECK with the
  first of its columns dropped; the proof made while it stood holds for the rest of the
  revision until a statement writes the table.
- **No row left.** A revision that deletes rows of a table, then adds a NOT NULL column with
  no default to it: the add fails on any row left, so after it the table holds none, and
  the drops that follow in the revision lose nothing more (osparc 350103a7efbd deletes its
  products row, adds host_regex NOT NULL, drops urls and frontend). The loss, if any, is the
  DELETE's or the add's, each its own finding. Without the DELETE first the drops stay
  reported (the add's failure is then the only thing that would keep their values).
"""

from __future__ import annotations

from dataclasses import dataclass, field

from dbkit.review.ops import ColumnInfo, DropKey, Op, drop_key
from dbkit.review.reader import Revision

Check = tuple[tuple[str, ...], frozenset[tuple[bool, ...]]]  # columns, patterns allowed


@dataclass
class Proofs:
    # table -> the name of each CHECK standing on it (or its line, unnamed) -> what it allows
    checks: dict[str, dict[object, Check]] = field(default_factory=dict)
    # (table, column) -> the revision in which a CHECK now gone proved it NULL in every row
    nulled: dict[tuple[str, str], str] = field(default_factory=dict)
    deleted: dict[str, str] = field(default_factory=dict)  # table -> revision deleting rows
    rowless: dict[str, str] = field(default_factory=dict)  # table -> revision that left it no
    # row (a NOT NULL column added after a DELETE of its rows)


def gone(p: Proofs, tables: dict[str, dict[str, ColumnInfo]], rev: Revision, op: Op
         ) -> set[DropKey]:
    """Follow one op (before the walk applies it to ``tables``): {its ops.drop_key} of a drop
    that loses nothing (see the module's doc), else an empty set."""
    return {drop_key(rev.shown, op)} if _step(p, tables, rev, op) else set()


def _step(p: Proofs, tables: dict[str, dict[str, ColumnInfo]], rev: Revision, op: Op) -> bool:
    table = op.table or ""
    _written(p, op)
    if op.name in ("drop_column", "drop_table"):
        gone = p.rowless.get(table) == rev.name or (op.name == "drop_column" and (
            _proved(p, tables, table, op.column or "") or p.nulled.get((table, op.column or ""))
            == rev.name))
        _drop(p, tables, rev, table, op.column if op.name == "drop_column" else None, None)
        return gone and not op.conditional
    if op.name in ("create_table", "create_check_constraint") and not op.conditional:
        if op.name == "create_table":
            _forget(p, table)
        for number, (name, columns, patterns) in enumerate(op.checks):
            p.checks.setdefault(table, {})[name or (op.line, number)] = (columns, patterns)
    elif op.name == "drop_constraint":
        _drop(p, tables, rev, table, None, op.constraint if isinstance(op.constraint, str)
              else "?")
    elif op.name == "rename_table" and op.new_name:
        p.checks[op.new_name] = p.checks.pop(table, {})
    elif op.name == "alter_column" and op.new_name and op.column:
        _rename_column(p, table, op.column, op.new_name)
    elif (op.name in ("delete", "empty") or (op.name == "execute" and op.picks)) \
            and op.table and not op.conditional:
        p.deleted[table] = rev.name
    elif op.name == "add_column" and op.added and not op.added.nullable \
            and not op.added.server_default and p.deleted.get(table) == rev.name \
            and not op.conditional:
        p.rowless[table] = rev.name
    return False


def _written(p: Proofs, op: Op) -> None:
    """A statement that may write rows ends what was proved of the tables it may reach."""
    if op.name not in ("backfill", "insert", "opaque", "execute") or (
            op.name == "execute" and op.picks):
        return
    for table in {t for t, _ in p.nulled} | set(p.rowless):
        if (op.name in ("backfill", "insert") and (op.table == table or any(
                t in (table, None) for t, _ in op.writes))) \
                or (op.name in ("opaque", "execute") and op.may_touch(table)):
            p.rowless.pop(table, None)
            for key in [k for k in p.nulled if k[0] == table]:
                del p.nulled[key]


def _proved(p: Proofs, tables: dict[str, dict[str, ColumnInfo]], table: str, column: str
            ) -> bool:
    """Does a CHECK standing now, with the NOT NULL columns of the table, leave ``column``
    NULL in every row?"""
    known = tables.get(table, {})
    held = {c for c, info in known.items() if not info.nullable}
    for columns, patterns in p.checks.get(table, {}).values():
        if column not in columns or column in held:
            continue
        index = columns.index(column)
        given = [i for i, c in enumerate(columns) if c in held]
        if given and not any(pattern[index] for pattern in patterns
                             if all(pattern[i] for i in given)):
            return True
    return False


def _drop(p: Proofs, tables: dict[str, dict[str, ColumnInfo]], rev: Revision, table: str,
          column: str | None, constraint: object) -> None:
    """Forget the checks that go (on the table; with the column; by name, "?" for a name
    not known), keeping what they proved for the rest of the revision."""
    for name, (columns, _) in list(p.checks.get(table, {}).items()):
        if column is None and constraint is not None and not _named(name, constraint):
            continue
        if column is not None and column not in columns:
            continue
        for other in columns:
            if other != column and _proved(p, tables, table, other):
                p.nulled[(table, other)] = rev.name
        del p.checks[table][name]
    if column is None and constraint is None:
        _forget(p, table)


def _named(name: object, dropped: object) -> bool:
    """Might a drop_constraint of ``dropped`` ("?": a name not known) drop the CHECK made as
    ``name``? Its own name, the name a naming convention makes of it (``ck_t_<name>``), or cut
    to 63 bytes; any name for an unnamed CHECK (the convention's name is not followed)."""
    if dropped == "?" or not isinstance(name, str) or name == dropped:
        return True
    return isinstance(dropped, str) and (name in dropped or dropped in name)


def _forget(p: Proofs, table: str) -> None:
    p.checks.pop(table, None)
    p.rowless.pop(table, None)
    for key in [k for k in p.nulled if k[0] == table]:
        del p.nulled[key]


def _rename_column(p: Proofs, table: str, old: str, new: str) -> None:
    for name, (columns, patterns) in p.checks.get(table, {}).items():
        if old in columns:
            p.checks[table][name] = (tuple(new if c == old else c for c in columns), patterns)
    if (table, old) in p.nulled:
        p.nulled[(table, new)] = p.nulled.pop((table, old))
