"""Where each value went: survived, moved, derived or lost, between two snapshots."""

from __future__ import annotations

from dataclasses import dataclass

from dbkit.review.run.data import Snapshot, TableValues

SURVIVED, MOVED, DERIVED, LOST = "survived", "moved", "derived", "lost"
KEPT = (SURVIVED, MOVED, DERIVED)
ENOUGH = 0.999  # share of a column's values that must be found
DERIVED_ENOUGH = 0.9
DISTINCT_FOR_SETS = 3  # fewer distinct values than this say nothing without row identity


@dataclass(frozen=True)
class Verdict:
    table: str
    column: str
    kind: str  # survived, moved, derived, lost
    values: int  # non-NULL values before
    where: str | None = None  # table.column they are in now (moved, derived)
    kept: int = 0  # how many of them were found

    def as_json(self) -> dict:
        return {"table": self.table, "column": self.column, "kind": self.kind,
                "values": self.values, "where": self.where, "kept": self.kept}


def account(before: Snapshot, after: Snapshot) -> list[Verdict]:
    """A verdict for every column that held values in ``before``."""
    verdicts = []
    for table, values in sorted(before.items()):
        for column in values.columns:
            count = len(values.values(column))
            if count:
                verdicts.append(_verdict(before, after, table, column, count))
    return verdicts


def _verdict(before: Snapshot, after: Snapshot, table: str, column: str, count: int) -> Verdict:
    old = before[table]
    same = after.get(table)
    if same is not None and column in same.columns:
        kept = _found(old, column, same, column, same_table=True)
        if kept >= ENOUGH * count:
            return Verdict(table, column, SURVIVED, count, kept=kept)
    candidates = [(t, c) for t, v in sorted(after.items()) for c in v.columns
                  if (t, c) != (table, column)]
    changed = [tc for tc in candidates if _changed(before, after, *tc)]
    for t, c in changed + [tc for tc in candidates if tc not in changed]:
        kept = _found(old, column, after[t], c, same_table=t == table)
        if kept >= ENOUGH * count:
            return Verdict(table, column, MOVED, count, f"{t}.{c}", kept)
    for t, c in ([(table, column)] if same is not None and column in same.columns else []) + candidates:
        if not _changed(before, after, t, c):
            continue
        kept = _derived(old, column, after[t], c)
        if kept >= DERIVED_ENOUGH * count:
            return Verdict(table, column, DERIVED, count, f"{t}.{c}", kept)
    best = 0
    if same is not None and column in same.columns:
        best = _aligned(old, column, same, column) or 0
    return Verdict(table, column, LOST, count, kept=best)


def _found(old: TableValues, column: str, new: TableValues, other: str, *, same_table: bool) -> int:
    """How many of the column's values are in ``other``: on the same rows, or as values.

    In another table the distinct values count (a lookup table holds each value once).
    """
    aligned = _aligned(old, column, new, other) or 0
    values = old.values(column)
    if aligned >= ENOUGH * len(values):
        return aligned
    if len(set(values)) < DISTINCT_FOR_SETS:
        return aligned if same_table else 0
    if same_table:
        return max(aligned, _contained(values, new.values(other)))
    pool = set(new.values(other))
    distinct = set(values)
    return len(values) if len(distinct & pool) >= ENOUGH * len(distinct) else aligned


def _aligned(old: TableValues, column: str, new: TableValues, other: str) -> int | None:
    """Values of ``column`` found in ``other`` on the same rows (same primary key), if rows align."""
    if not old.key or not new.key or len(old.key) != len(new.key):
        return None
    shared = [k for k in old.rows if k in new.rows]
    if not shared:
        return None
    return sum(1 for k in shared if old.rows[k].get(column) is not None
               and old.rows[k].get(column) == new.rows[k].get(other))


def _contained(values: list[str], pool: list[str]) -> int:
    available: dict[str, int] = {}
    for value in pool:
        available[value] = available.get(value, 0) + 1
    found = 0
    for value in values:
        if available.get(value, 0) > 0:
            available[value] -= 1
            found += 1
    return found


def _derived(old: TableValues, column: str, new: TableValues, other: str) -> int:
    """Values of ``column`` that appear inside ``other`` (lower-cased): a split, join or cast."""
    aligned = bool(old.key and new.key) and any(k in new.rows for k in old.rows)
    if aligned:
        return sum(1 for k, row in old.rows.items() if (value := row.get(column)) is not None
                   and k in new.rows and _inside(value, new.rows[k].get(other)))
    pool = [v.lower() for v in new.values(other)]
    values = old.values(column)
    if len(set(values)) < DISTINCT_FOR_SETS:
        return 0
    return sum(1 for v in values if any(v.lower() in p for p in pool))


def _inside(value: str, other: str | None) -> bool:
    if other is None or not value:
        return False
    value, other = value.lower(), other.lower()
    return value in other or (len(other) >= 3 and other in value)


def _changed(before: Snapshot, after: Snapshot, table: str, column: str) -> bool:
    """The column is new, or some of its values are not the ones it held before."""
    old = before.get(table)
    if old is None or column not in old.columns:
        return True
    new = after[table]
    if old.key and new.key:
        return any(k not in old.rows or old.rows[k].get(column) != row.get(column)
                   for k, row in new.rows.items() if row.get(column) is not None)
    return sorted(old.values(column)) != sorted(new.values(column))
