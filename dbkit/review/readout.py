"""A column's values read into the revision's own Python code, which writes out of the
database, before the column is dropped (airunner d2ab5f1c9a7e: ``SELECT gui_language FROM
language_settings``, the value written to a ``settings.ini`` with configparser, then
``drop_column("gui_language")``).

The values may live on in that file (or wherever the code sends them): the reviewer cannot
follow them there, so the drop is no proof of a loss, only a warning that says so. Only
when the dropped column itself is read (selected) in the same revision before the drop,
and the revision's code writes out of the database (sinks.py: a file, a network call);
values read and written nowhere end with the process, and values written back into the
database are statements the reviewer reads (truenth cfb3cf41a07a copies username into
email only where email is NULL): the drop stays an error.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from dbkit.review.sinks import writes_outside

if TYPE_CHECKING:
    from dbkit.review.ops import Op
    from dbkit.review.revision import Revision


def read_out(rev: Revision, drop: Op) -> str:
    """"" unless a read of the dropped column before ``drop``, in ``rev``, puts its values
    into code that may write them out of the database; else why that is no proof."""
    if drop.name != "drop_column" or not drop.column:
        return ""
    read = next((o for o in rev.upgrade if o.name == "read" and o.seq < drop.seq
                 and o.reads_column(drop.table, drop.column)), None)
    if read is None or not writes_outside(rev):
        return ""
    return (f"line {read.line} reads its values ({drop.column}) into code first, which writes "
            "out of the database (a file, say) where the reviewer cannot follow them. If that "
            "keeps them, say where on the line above the drop: "
            "`# dbkit: data-kept-in <file>`. ")
