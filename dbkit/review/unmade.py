"""What the chain proves was never made, or never held a value: the drop written ``IF
EXISTS`` (or under an ``if`` testing that its column exists) of a table or column no
revision before it made (in a chain that makes every table it changes itself), and the fill
``WHERE a IS NULL AND b IS NULL`` of columns new in the same revision (every row NULL in
both). Used by :mod:`dbkit.review.schema`'s walk.
"""

from __future__ import annotations

import re
from typing import Protocol

from dbkit.review.madeagain import EXISTS
from dbkit.review.ops import ColumnInfo, Op
from dbkit.review.reader import Revision
from dbkit.review.tabletests import BEFORE as BEFORE_THE_CHAIN
from dbkit.review.tabletests import never_runs


class Chain(Protocol):
    """What :func:`fails` reads of :class:`dbkit.review.chain.Chain`."""

    order: list[Revision]

    def before(self, rev: Revision, name: str) -> bool: ...

    def descendants(self, rev: Revision) -> set[str]: ...


class Schema(Protocol):
    """What these read of :class:`dbkit.review.schema.Schema` (no import: no cycle)."""

    tables: dict[str, dict[str, ColumnInfo]]
    created_in: dict[str, str]
    dropped: set[str]
    backfilled: set[tuple[str, str]]
    partly_filled: dict[tuple[str, str], tuple[str, int, str]]
    made_in: dict[tuple, str]
    outside: bool
    unfollowed: list[Op]
    verdicts: dict
    dropped_at: dict[str, int]
    unmade: list[tuple[Revision, Op]]
    gone_columns: dict[tuple[str, str], str]
    whole: set[str]

NEVER_MADE = "(never made)"
TABLE_CHANGES = ("add_column", "drop_column", "alter_column", "create_index",
                 "create_unique_constraint", "create_foreign_key", "create_check_constraint",
                 "create_primary_key")

TRUTH = {"true": "false", "false": "true"}  # a boolean NOT NULL is one or the other


def made_outside(order: list[Revision], created: dict[str, str]) -> bool:
    """Does the chain change a table it never makes (by create_table, or by renaming one it
    made)? A drop written IF EXISTS proves nothing: it may be of nothing."""
    made = set(created) | {op.new_name for rev in order for op in rev.upgrade
                           if op.name == "rename_table" and op.new_name}
    bare = {name.rpartition(".")[2] for name in made}
    return any(op.table and op.table not in made and not op.conditional and not op.if_exists
               and op.name in TABLE_CHANGES + ("drop_table", "rename_table")
               and not ("{" in op.table and op.table.rpartition(".")[2] in bare)
               for rev in order for op in rev.upgrade)  # ("{}": a schema known at run time)


def never_made(s: Schema, op: Op, table: dict | None, rev: Revision | None = None) -> bool:
    """See :func:`_never_made`; each drop it takes as a no-op is recorded (``s.unmade``): a
    revision still in the chain may have made it before it was rewritten (rewritten.py)."""
    never = _never_made(s, op, table, rev)
    if never and rev is not None:
        s.unmade.append((rev, op))
    return never


def _never_made(s: Schema, op: Op, table: dict | None, rev: Revision | None = None) -> bool:
    """A drop written IF EXISTS of a table (or of a column of a table the chain made with
    the columns listed) that no revision before it made, in a chain that made every table it
    changes itself (nothing made outside it) and no code it could not follow that may have
    made it: PostgreSQL skips it, nothing is lost. Also a drop under an ``if`` testing
    whether a table exists that the chain proves false (:mod:`dbkit.review.tabletests`):
    it never runs."""
    if rev is not None and never_runs(s, rev.name, op):  # (tabletests.judge decided)
        return True
    if not (op.if_exists or _tests_own_column(op)) or s.outside \
            or any(may_make(o, op) for o in s.unfollowed):
        return False
    if op.column is None:
        return table is None and (op.table or "") not in s.dropped
    return table is not None and bool(table) and op.column not in table \
        and s.created_in.get(op.table or "", BEFORE_THE_CHAIN) != BEFORE_THE_CHAIN


def dropped_already(s: Schema, op: Op, table: dict | None) -> str:
    """Why a drop of a column PostgreSQL raises on: the revision that dropped it before
    (with no ``if`` over it, and none added it back; KNVSH faa9520afb3c drops
    organization.parent_id, which its parent 482f5f9e2b19 dropped), or NEVER_MADE: a column
    no revision before it made, of a table the chain made with every column known, in a
    chain that makes every table it changes and has run no code the reviewer could not
    follow (aadilahmed/achievement-tracker-cli-project 5d358616f76a drops achievements.game_id,
    which no revision made: held-out32). "" otherwise: nothing is lost either way, the drop
    is written with no IF EXISTS and no ``if``, from a table the walk knows."""
    if not op.column or table is None or op.if_exists or op.conditional or s.outside \
            or any(may_make(o, op) for o in s.unfollowed):
        return ""
    key = (op.table or "", op.column)
    if key in s.gone_columns:
        return s.gone_columns[key]
    return NEVER_MADE if key[0] in s.whole and not s.unfollowed else ""


def fails(chain: Chain, rev: Revision, op: Op, dropped: str) -> bool:
    """Does the drop of a ``missing-column`` event raise on the revision's own path: the
    revision that dropped it is an ancestor, or (NEVER_MADE) no revision off its path, on a
    branch a database may run first, adds the column (or makes its table again)?"""
    if dropped != NEVER_MADE:
        return chain.before(rev, dropped)
    after = chain.descendants(rev) | {rev.name}
    return not any(o.table == op.table and (
        o.name == "create_table" or (o.name == "add_column" and o.added is not None
                                     and o.added.name == op.column)
        or (o.name == "alter_column" and o.new_name == op.column))
        for r in chain.order if r.name not in after and not chain.before(rev, r.name)
        for o in r.upgrade)


def _tests_own_column(op: Op) -> bool:
    """``if _column_exists("t", "c"): op.drop_column("t", "c")``: a drop run only if its column
    is there reads as one written IF EXISTS (dali_job 20260626_0012 drops ``saved_at``, which
    no revision made, under such a test)."""
    return op.name == "drop_column" and bool(op.column) and op.conditional \
        and " or " not in op.condition and not re.search(r"\bnot\b", op.condition) \
        and bool(EXISTS.search(op.condition)) \
        and re.search(rf"\b{re.escape(op.column or '')}\b", op.condition) is not None


def remade_unseen(s: Schema, op: Op) -> bool:
    """Could code not followed since its table was dropped have made it again (pt-edge 062
    drops a view and makes it again from an f-string with a call in it, held-out54)?"""
    return any(may_make(code, op) for code in s.unfollowed[s.dropped_at.get(op.table or "", 0):])


def may_make(code: Op, drop: Op) -> bool:
    """Could code not followed have made the table or column? SQL it cannot read may, and
    so may code that names it; an ORM session writes rows, not tables, and a call that
    names nothing of it is not taken to make it."""
    if code.mentions is None:
        return code.name == "execute"
    return code.may_touch(drop.table, drop.column)


def reaches_every_row(s: Schema, rev: Revision, op: Op) -> bool:
    """``WHERE a IS NULL AND b IS NULL`` reaches every row when a and b were both added in
    this revision with no default and nothing filled them since: every row holds NULL in
    both."""
    table = s.tables.get(op.table or "")
    return bool(op.null_tests) and table is not None and all(
        s.made_in.get(("column", op.table, c)) == rev.name and c in table
        and not table[c].server_default and (op.table, c) not in s.backfilled
        and (op.table, c) not in s.partly_filled for c in op.null_tests)


def none_left_null(picks: set[str], table: dict | None) -> bool:
    """Every fill of a column ran ``WHERE src IS NOT NULL`` of a column NOT NULL by now
    (made so since, nothing failing): the fills reached every row, none is left NULL."""
    if _complementary(picks, table):
        return True
    found = [re.fullmatch(r"(\w+) IS NOT NULL", p) for p in picks]
    return bool(found) and all(m is not None and m[1] in (table or {})
                               and not (table or {})[m[1]].nullable for m in found)


def _complementary(picks: set[str], table: dict | None) -> bool:
    """Two fills ``WHERE k = v`` and ``WHERE k <> v`` of a column ``k`` NOT NULL by now: every
    row is one or the other, together they fill every row (mwdb ``e304b81836b0``); so are
    ``k = true`` and ``k = false`` (bomzheg/Shvatka ``84b3c1dab323``, a Core where())."""
    found = [re.fullmatch(r"(\w+) (=|<>|!=) ('[^']*'|[\w.-]+)", p) for p in picks]
    equal = {(m[1], m[3]) for m in found if m is not None and m[2] == "="}
    other = {(m[1], m[3]) for m in found if m is not None and m[2] != "="}
    equal = {(k, v.lower() if v.lower() in TRUTH else v) for k, v in equal}
    other |= {(k, TRUTH[v]) for k, v in equal if v in TRUTH}  # = true: <> false
    return any(k in (table or {}) and not (table or {})[k].nullable
               for k, v in equal & other)
