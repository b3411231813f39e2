"""Where code that read rows could keep them: a write the reviewer sees, or one outside the
database.

Rows read into Python (a loop over a SELECT, ``fetchall()``) are kept only if the code puts
them somewhere: into a table (an INSERT or UPDATE, ``op.bulk_insert``, an ORM session, SQL
the reviewer cannot read, a call it cannot follow) or out of the database (a file, a
network call). When the revision holding the read does none of these, the rows live in the
process's memory and end with it: a DELETE of them after is a plain loss (truenth
458e56eedb92 reads identifiers (id, value) only to pick the ids it deletes). Printing or
logging them keeps nothing one can restore from.
"""

from __future__ import annotations

import re
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from dbkit.review.ops import Op
    from dbkit.review.revision import Revision

# Writes out of the database a revision's own text may make.
_OUTSIDE = re.compile(r"\bopen\s*\(|\.write\w*\s*\(|\bdump\w*\s*\(|\bpickle\b|\bshelve\b|\bcsv\b"
                      r"|\bto_(?:csv|json|sql|parquet|pickle)\b|\bcopy_(?:expert|to)\b"
                      r"|\bupload\w*\s*\(|\bput_object\b|\brequests\.|\burlopen\b|\bshutil\b"
                      r"|\bwrite_\w+\s*\(|\bsave\w*\s*\(|\bPath\s*\(")
_WRITES = ("insert", "backfill", "execute", "bulk_insert")


def may_keep(rev: Revision, read: Op) -> bool:
    """May the code of ``rev`` keep rows ``read`` put into Python? True when its upgrade
    writes anything besides DELETEs (an INSERT, UPDATE, bulk insert, ORM session, SQL or a
    call the reviewer cannot read), or its text writes out of the database (a file, a
    network call), or the file cannot be read again."""
    return any(_writes(o) for o in rev.upgrade if o is not read) or writes_outside(rev)


def writes_outside(rev: Revision) -> bool:
    """Does the text of ``rev`` write out of the database (a file, a network call)? True
    when the file cannot be read again."""
    try:
        text = rev.path.read_text(encoding="utf-8", errors="replace")
    except OSError:
        return True
    return bool(_OUTSIDE.search(text))


def _writes(op: Op) -> bool:
    if op.name == "opaque":
        return op.mentions is None  # (a loop marker names what it touches; its statements
    return op.name in _WRITES       # are ops of their own)
