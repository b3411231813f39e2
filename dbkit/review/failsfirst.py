"""A drop in a revision that cannot complete on a table with rows.

When the same revision adds a NOT NULL column with no server default to the table it drops
from (not-null-without-backfill's error), PostgreSQL rejects the add on any existing row and,
DDL being transactional, the whole revision with it: as written, the drop only ever runs on an
empty table. The loss is still there, one fix away: the usual fix of the add (a default, a
fill) lets the drop run on rows. The drop's finding stays an error and says both (EasySochi_bot
c37422f75e21 drops sessions.user_id beside an add of sessions.tg_user_id NOT NULL; its reader
judged "cannot be lost as written", where readers of earlier rounds judged the same pattern a
loss). On MySQL (dialect.py) such an add fills the rows with the type's implicit default
instead, unless it is a date or a unique key: only those fail first there.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from dbkit.review.dialect import mysql_add

if TYPE_CHECKING:
    from dbkit.review.context import Context
    from dbkit.review.ops import Op
    from dbkit.review.revision import Revision


def fails_first(ctx: Context, rev: Revision, drop: Op) -> str:
    """" ..." saying that ``rev`` cannot run on rows of ``drop``'s table as written, and
    what the drop does once it can; "" when no add of the revision fails so."""
    again = added_again(ctx)
    for event in ctx.walk.of("add-not-null"):
        add = event.op
        if event.rev is not rev or add.table != drop.table or add.added is None \
                or ctx.guard(rev, add) or id(add) in again \
                or (on_mysql := mysql_add(ctx.dialect, rev, add)) and not on_mysql.fails:
            continue  # (MySQL fills the rows with the type's implicit default: dialect.py)
        return (f" As written, this revision cannot run on rows: line {add.line} adds "
                f"{add.table}.{add.added.name} NOT NULL with no server default, which fails on "
                "any existing row, so the drop only ever runs on an empty table; once that add "
                f"is fixed (a default, a fill), the {'values' if drop.column else 'rows'} go.")
    return ""


def added_again(ctx: Context) -> set[int]:
    """The ids of the ops that add a column a revision on their own path added already:
    they fail as duplicates whatever the rows hold (broken-chain says so; KNVSH
    faa9520afb3c). One on another branch is a clash of heads: the add may run on rows."""
    return {id(e.op) for e in ctx.walk.of("twice") if ctx.on_path(e.rev, e.detail["earlier"])}
