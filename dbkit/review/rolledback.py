"""A drop_column that the same revision's failing ``ADD COLUMN ... NOT NULL`` rolls back.

spice-coaching's ``0003`` drops ``chw_behavioural_gap_state.chw_id`` (a uuid) and re-adds it
on the next line as a BigInteger NOT NULL with no server default. On PostgreSQL, with any
row in the table, that ADD COLUMN fails, and the revision runs in one transaction
(transactional DDL, env.py's ``context.begin_transaction()``): the failure rolls the drop
back with it, and the values are still there. With no row, the drop loses nothing. Either
way the drop is no loss of its own; the failing NOT NULL (not-null-without-backfill's error)
is what the revision gets wrong, and it is reported there.

Only a proof when, after the drop and before the add, nothing may remove the table's rows
(a DELETE, TRUNCATE, SQL or code the reviewer cannot follow that may touch it), neither is
under an ``if`` the reviewer cannot decide, and the revision surely runs in one transaction
on a database with transactional DDL: the chain shows PostgreSQL (a revision or env.py names
``postgresql``, none names MySQL or SQLite, whose DDL commits at once), env.py opens
``context.begin_transaction()`` and sets nothing about ``transactional_ddl`` or autocommit,
and the revision's own text has no ``autocommit_block`` and no COMMIT (nor a ``commit()``).
"""

from __future__ import annotations

import functools
import re
from pathlib import Path
from typing import TYPE_CHECKING

from dbkit.review.bounded import MAX_FILE_BYTES
from dbkit.review.envpy import env_py

if TYPE_CHECKING:
    from dbkit.review.context import Context
    from dbkit.review.ops import Op
    from dbkit.review.revision import Revision

REMOVES = ("empty", "delete", "execute", "opaque")  # ops that may take the table's rows away
_COMMITS = re.compile(r"autocommit|\bcommit\b", re.I)
_OTHER_DIALECTS = re.compile(r"\bmysql|\bsqlite|\bmariadb|\bmssql|\boracle", re.I)


def rolled_back(ctx: Context, rev: Revision, drop: Op) -> Op | None:
    """The add_column NOT NULL with no server default, later in ``rev``, of the table
    ``drop`` (a drop_column) drops a column of, whose failure on any row rolls the drop
    back; None when there is none, or it is no proof."""
    if drop.name != "drop_column" or drop.conditional or not drop.table:
        return None
    add = next((e.op for e in ctx.walk.events if e.kind == "add-not-null" and e.rev is rev
                and e.op.table == drop.table and e.op.seq > drop.seq and e.op.added
                and not e.op.conditional and not ctx.guard(rev, e.op)), None)
    if add is None or any(o.seq > drop.seq and o.seq < add.seq and o.name in REMOVES
                          and (o.table == drop.table or o.table is None and o.may_touch(drop.table))
                          for o in rev.upgrade):
        return None
    return add if _one_transaction(rev, ctx.chain.order) else None


def _one_transaction(rev: Revision, order: list[Revision]) -> bool:
    if _COMMITS.search(_text(rev.path)):
        return False
    env = env_py(rev.path.resolve().parent)
    setup = _text(env) if env is not None else ""
    if "begin_transaction" not in setup or "transactional_ddl" in setup \
            or _COMMITS.search(setup):
        return False
    texts = [setup, *(_text(r.path) for r in order)]
    return any("postgresql" in t.lower() for t in texts) \
        and not any(_OTHER_DIALECTS.search(t) for t in texts)


@functools.lru_cache(maxsize=4096)
def _text(path: Path) -> str:
    try:
        with path.open("rb") as handle:
            return handle.read(MAX_FILE_BYTES).decode("utf-8", "replace")
    except OSError:
        return ""
