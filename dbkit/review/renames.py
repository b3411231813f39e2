"""What the walk knows of a table's values goes with it when the table is renamed.

dropbox/changes copies build.revision_sha into build.target (4901f27ade8e), renames build
to job (4f955feb6d07, a raw ``ALTER TABLE build RENAME TO job``) and buildfamily to build
(545ba163595): the copy is job's, and the new build's revision_sha, dropped in
4a12e7f0159d, was copied nowhere.

A table rebuilt by hand (SQLite's way, helf d7e4f2a91b83, anygarden 004: ``CREATE TABLE x_new``,
``INSERT INTO x_new SELECT ... FROM x``, ``DROP TABLE x``, ``ALTER TABLE x_new RENAME TO x``)
whose CREATE the reviewer could not read (an f-string filled at run time) still ends with a
table x: the rename brings x back, so later changes to it are no "table that does not exist".
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from dbkit.review.unmade import BEFORE_THE_CHAIN


def follow_table(s: Any, old: str, new: str, follow: Callable[..., None]) -> None:
    """Move each column fact of table ``old`` to ``new`` in the walk's schema ``s`` (``follow``:
    its own column-rename step; schema.py imports this module), and the places values were
    copied into with it."""
    if new in s.dropped and new not in s.tables:  # x_new made by SQL not read: x is back
        s.created_in.setdefault(new, BEFORE_THE_CHAIN)
    s.dropped.discard(new)
    known = (*s.copied, *s.copied_into, *s.copied_out, *s.added_since_copy, *s.backfilled,
             *s.partly_filled)
    for ref in {r for r in known if r[0] == old}:
        follow(s, ref, (new, ref[1]))
    for ref, targets in s.copied_into.items():
        s.copied_into[ref] = {(new, c) if t == old else (t, c) for t, c in targets}
