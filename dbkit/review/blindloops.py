"""A loop of an earlier revision that never names a column of a table dropped later cannot
have kept that column's values.

threatconnectome ``32ac32cc3d89`` reads ``SELECT pteam_id, tag_id, refs FROM pteamtag`` into
a Python loop that builds pteamtagreference rows; ``d70c6355860e`` then drops pteamtag. The
reviewer could not follow the loop, so the drop was a warning. But pteamtag also held
``text`` (written by the application), and nothing in ``32ac32cc3d89``'s file names it: the
loop cannot carry it, and no statement of the chain reads it. Its values are lost
(held-out16, read lost).

nameless.py proves that for a column dropped in the loop's own revision; this is the same
proof for a table dropped in a later one, column by column. The drop is an error naming
the columns kept nowhere when: the only doubt is code not followed in earlier revisions;
the chain made the table (so its columns are known); every such code that may touch the
table sits in a file that imports nothing of the project, copies no whole row (``*``,
``dict(row)``, reflection...) and never names the column; no statement of the chain before
the drop reads it into another table; and no data migration run outside the chain names
the table.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from dbkit.review.context import EARLIER
from dbkit.review.nameless import (
    code_outside_ops,
    copies_whole,
    imports_project,
    names_said,
    parsed_file,
)
from dbkit.review.ops import drop_key

if TYPE_CHECKING:
    from dbkit.review.context import Context
    from dbkit.review.ops import Op
    from dbkit.review.reader import Revision

MANY = 10_000


def unkept(ctx: Context, rev: Revision, drop: Op) -> tuple[tuple[str, ...], str]:
    """The columns of the table ``drop`` drops that the code not followed before it (in
    earlier revisions) cannot keep and nothing else read, with why for the error's message;
    ((), "") when that is no proof."""
    table = drop.table
    if drop.name != "drop_table" or not table or ctx.guard(rev, drop):
        return (), ""
    bare = table.rpartition(".")[2].lower()
    other = ctx.unfollowed(rev, drop)
    held = ctx.walk.held_columns.get(drop_key(rev.shown, drop), ())
    before = ctx.ancestors(rev, MANY)
    if other is None or other.name != "opaque" or not held or any(
            o is other for o in rev.upgrade) or not any(
            o.name == "create_table" and o.table == table for r in before for o in r.upgrade):
        return (), ""
    if any(bare in named or bare in whole for _, named, _, whole in ctx.data_migrations):
        return (), ""
    ops = [o for r in before for o in r.upgrade] + [o for o in rev.upgrade if o.seq < drop.seq]
    read = {c.lower() for o in ops if o.name in ("insert", "backfill", "read")
            for t, c in o.reads if t == table}
    if "*" in read:
        return (), ""
    names: set[str] = set()
    files = [r for r in before if any(o is other or o.name in ("opaque", "execute") and o.reason
                                      and (o.may_touch(table) or bare in (o.mentions or ()))
                                      for o in r.upgrade)]
    for earlier in files:
        tree = parsed_file(earlier.path)
        if tree is None or imports_project(tree):
            return (), ""
        for node in code_outside_ops(tree):
            if copies_whole(node):
                return (), ""
            names |= names_said(node)
    lost = tuple(c for c in held if c.lower() not in read | names)
    if not lost:
        return (), ""
    where = ("revision " if len(files) == 1 else "revisions ") \
        + ", ".join(r.revision or r.name for r in files)
    return lost, (f" The reviewer could not follow {other.reason} in {where}, but "
                  f"nothing there names {', '.join(lost)} or copies whole rows, so that code "
                  "cannot keep them.")


def unnamed(ctx: Context, rev: Revision, delete: Op, columns: tuple[str, ...]) -> tuple[
        tuple[str, ...], str]:
    """Of ``columns`` (what the duplicates a DELETE removes hold of their own: dupekeys.py),
    those no code the reviewer could not follow before it says, nor a SELECT into code reads (route_optimizer
    ``deb08e55c8a2`` re-normalizes addresses in a loop that reads only id and address_raw,
    then deletes the duplicates: the loop cannot keep their address_norm_old), with why for
    the error's message; ((), "") when that is no proof (a guard, code whose names are not
    known, a data migration run outside the chain naming the table)."""
    table = delete.table
    if not table or ctx.guard(rev, delete):
        return (), ""
    bare = table.rpartition(".")[2].lower()
    if any(bare in named or bare in whole for _, named, _, whole in ctx.data_migrations):
        return (), ""
    here = [o for o in rev.upgrade if o.seq < delete.seq and o.name in ("opaque", "execute")
            and o.reason and (o.may_touch(table) or bare in (o.mentions or ()))]
    earlier = [(o, r.name) for r in ctx.ancestors(rev, EARLIER) for o in r.upgrade
               if o.name == "opaque" and o.reason and (o.may_touch(table) or bare in (o.mentions or ()))]
    code = here + [o for o, _ in earlier]
    if not code or any(o.mentions is None for o in code):
        return (), ""
    names = {n for o in code for n in o.mentions or ()}
    reads = [o for o in rev.upgrade if o.seq < delete.seq and o.name == "read"]
    reads += [o for r in ctx.ancestors(rev, EARLIER) for o in r.upgrade if o.name == "read"]
    names |= {c.lower() for o in reads for t, c in o.reads if t == table}  # (into code)
    if "*" in names:
        return (), ""
    lost = tuple(c for c in columns if c.lower() not in names)
    if not lost:
        return (), ""
    said = ", ".join(sorted({str(o.reason) for o in here}
                            | {f"{o.reason} of revision {name}" for o, name in earlier}))
    return lost, (f" The reviewer could not follow {said}, but that code never names "
                  f"{', '.join(lost)}, and no SELECT into code reads them: it cannot keep "
                  "them.")
